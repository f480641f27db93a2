from django.db import models
from django.utils.translation import gettext_lazy as _


class Section(models.IntegerChoices):
    """The parts of a compilation, in the order the Council prints them."""

    BRIEFING = 1, _("Briefing")
    PRESIDENCY = 2, _("Statement by the presidency")
    MEMBER = 3, _("Statement by a Council member")
    NON_MEMBER = 4, _("Statement by a non-member who spoke")
    WRITTEN = 5, _("Written statement")


class CompilationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    QUEUED = "queued", _("Waiting to be compiled")
    BUILDING = "building", _("Compiling")
    READY = "ready", _("Ready for review")
    FAILED = "failed", _("Compilation failed")
    ISSUED = "issued", _("Issued")


class IssueKind(models.TextChoices):
    ORIGINAL = "original", _("Original")
    REVISION = "revision", _("Revision")
    CORRIGENDUM = "corrigendum", _("Corrigendum")

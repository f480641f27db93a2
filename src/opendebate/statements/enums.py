from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    UPLOAD = "upload", _("File upload")
    EMAIL = "email", _("E-mail")
    API = "api", _("API")


class StatementStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Timeliness(models.TextChoices):
    """Where a version stands against the meeting's deadline."""

    ON_TIME = "on_time", _("On time")
    LATE_PENDING = "late_pending", _("Late, awaiting the Secretariat")
    LATE_ACCEPTED = "late_accepted", _("Late, accepted by the Secretariat")


class EntityStatus(models.TextChoices):
    """An entity's standing for one meeting, as the dashboard shows it."""

    NONE = "none", _("No statement")
    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")
    WITHDRAWN = "withdrawn", _("Withdrawn")

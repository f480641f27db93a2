from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingFormat(models.TextChoices):
    OPEN_DEBATE = "open_debate", _("Open debate")
    OPEN_VTC = "open_vtc", _("Open video-teleconference")
    BRIEFING = "briefing", _("Briefing")


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONFIRMED = "confirmed", _("Confirmed")


class LatePolicy(models.TextChoices):
    ACCEPT = "accept", _("Accept and flag as late")
    REFUSE = "refuse", _("Refuse")


class Body(models.TextChoices):
    SECURITY_COUNCIL = "security_council", _("Security Council")

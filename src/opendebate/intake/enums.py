from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageState(models.TextChoices):
    RECEIVED = "received", _("Received, waiting to be processed")
    ACCEPTED = "accepted", _("Accepted as a statement")
    TRIAGE = "triage", _("Waiting for the Secretariat")
    REJECTED = "rejected", _("Rejected, sender told why")
    DUPLICATE = "duplicate", _("Duplicate of an earlier message")


class TriageReason(models.TextChoices):
    UNKNOWN_SENDER = "unknown_sender", _("The sender is not a registered contact")
    AMBIGUOUS_MEETING = "ambiguous_meeting", _("More than one meeting could be meant")
    NO_MEETING = "no_meeting", _("No open meeting matches")
    SEVERAL_ATTACHMENTS = "several_attachments", _("Several attachments could be the statement")
    UNREADABLE = "unreadable", _("The statement could not be read")
    RATE_LIMITED = "rate_limited", _("Too many messages from this sender")

from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageState(models.TextChoices):
    RECEIVED = "received", _("Received, waiting to be processed")
    ACCEPTED = "accepted", _("Accepted as a statement")
    TRIAGE = "triage", _("Waiting for the Secretariat")
    REJECTED = "rejected", _("Rejected, sender told why")
    DUPLICATE = "duplicate", _("Duplicate of an earlier message")
    FAILED = "failed", _("Processing failed, waiting for the Secretariat")


class TriageReason(models.TextChoices):
    UNKNOWN_SENDER = "unknown_sender", _("The sender is not a registered contact")
    UNVERIFIED_SENDER = "unverified_sender", _("The sender's address could not be verified")
    AMBIGUOUS_MEETING = "ambiguous_meeting", _("More than one meeting could be meant")
    NO_MEETING = "no_meeting", _("No open meeting matches")
    SEVERAL_ATTACHMENTS = "several_attachments", _("Several attachments could be the statement")
    UNREADABLE = "unreadable", _("The statement could not be read")
    RATE_LIMITED = "rate_limited", _("Too many messages from this sender")


class SenderCheck(models.TextChoices):
    """Why a message's From address is believed, or why it is not (see intake/trust.py)."""

    DMARC = "dmarc", _("DMARC passed for the From domain, reported by a trusted server")
    DKIM = "dkim", _("A signature of the From domain (DKIM), verified by a trusted server")
    SPF = "spf", _("SPF passed for the From domain, reported by a trusted server")
    RELAY = "relay", _("Received from a trusted relay; envelope sender and From agree")
    SEVERAL_FROM = "several_from", _("Not verified: the message has several From addresses")
    ENVELOPE_DIFFERS = (
        "envelope_differs",
        _(
            "Not verified: received from a trusted relay, but the envelope sender differs from "
            "the From address"
        ),
    )
    NOT_ALIGNED = (
        "not_aligned",
        _("Not verified: a trusted server reported no DMARC, DKIM or SPF pass for the From domain"),
    )
    UNAUTHENTICATED = (
        "unauthenticated",
        _(
            "Not verified: no Authentication-Results from a trusted server, and not received "
            "from a trusted relay"
        ),
    )


VERIFIED_CHECKS = frozenset(
    {SenderCheck.DMARC, SenderCheck.DKIM, SenderCheck.SPF, SenderCheck.RELAY}
)

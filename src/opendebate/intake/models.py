from __future__ import annotations

from django.db import models

from opendebate.entities.models import Entity
from opendebate.intake.enums import VERIFIED_CHECKS, MessageState, SenderCheck, TriageReason
from opendebate.meetings.models import Meeting
from opendebate.statements.models import StatementVersion


class InboundMessage(models.Model):
    """One message as received by SMTP or fetched by IMAP. The raw bytes are on disk, named by
    their SHA-256, written and fsynced before the message was acknowledged; this row is its
    visible state from then on, so nothing received is ever silently dropped."""

    sha256 = models.CharField(max_length=64, unique=True)
    received_at = models.DateTimeField(db_index=True)
    source = models.CharField(max_length=8)  # "smtp" or "imap"
    envelope_from = models.CharField(max_length=320, blank=True)
    peer = models.GenericIPAddressField(null=True, blank=True)  # the SMTP client's address
    recipients = models.JSONField(default=list)
    size = models.PositiveIntegerField()
    message_id = models.CharField(max_length=998, blank=True, db_index=True)
    from_address = models.CharField(max_length=320, blank=True)
    subject = models.CharField(max_length=998, blank=True)
    state = models.CharField(
        max_length=12, choices=MessageState.choices, default=MessageState.RECEIVED, db_index=True
    )
    triage_reason = models.CharField(max_length=24, choices=TriageReason.choices, blank=True)
    detail = models.TextField(blank=True)
    authentication_results = models.TextField(blank=True)
    envelope_mismatch = models.BooleanField(default=False)
    sender_check = models.CharField(max_length=16, choices=SenderCheck.choices, blank=True)
    # The automatic reply that was not sent, its sender being no verified contact.
    unsent_reply = models.TextField(blank=True)
    language = models.CharField(max_length=2, blank=True)
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entity = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.OneToOneField(
        StatementVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="message"
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    processed_at = models.DateTimeField(null=True, blank=True)
    # Failed processing attempts; a RECEIVED message is not tried again before next_attempt_at.
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.received_at:%Y-%m-%d %H:%M} {self.from_address} {self.subject[:40]}"

    @property
    def sender_verified(self) -> bool:
        return self.sender_check in VERIFIED_CHECKS

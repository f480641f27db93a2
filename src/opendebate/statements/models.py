from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opendebate.common.languages import Language
from opendebate.entities.models import Entity
from opendebate.meetings.models import Meeting
from opendebate.statements.enums import Channel, StatementStatus, Timeliness


class Statement(models.Model):
    """An entity's written statement for a meeting: a series of immutable versions."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="statements")
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="statements")
    status = models.CharField(
        max_length=12, choices=StatementStatus.choices, default=StatementStatus.SUBMITTED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "entity__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "entity"], name="one_statement_per_entity")
        ]

    def __str__(self) -> str:
        return f"{self.entity.code} for meeting {self.meeting_id}"


class StatementVersion(models.Model):
    """One version as received. Never changed after it is written, except for the record of a
    Secretariat officer accepting it late (who, when, why), which is part of its history."""

    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    channel = models.CharField(max_length=8, choices=Channel.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(db_index=True)
    heading = models.CharField(_("heading"), max_length=400)
    signatory_name = models.CharField(_("signatory"), max_length=200, blank=True)
    signatory_function = models.CharField(_("signatory's function"), max_length=300, blank=True)
    language = models.CharField(max_length=2, choices=Language.choices)
    detected_language = models.CharField(max_length=2, blank=True)
    # The annex content: documents.model blocks as JSON (see statements.blocks).
    blocks = models.JSONField()
    text = models.TextField()
    words = models.PositiveIntegerField()
    characters = models.PositiveIntegerField()
    characters_no_spaces = models.PositiveIntegerField()
    original = models.FileField(upload_to="statements/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=160, blank=True)
    sha256 = models.CharField(max_length=64)
    timeliness = models.CharField(max_length=16, choices=Timeliness.choices)
    late_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    late_accepted_at = models.DateTimeField(null=True, blank=True)
    late_reason = models.CharField(max_length=500, blank=True)
    # The previewed draft this version confirmed. Unique: however often and however
    # simultaneously a draft is confirmed, the database keeps one version of it.
    draft = models.OneToOneField(
        "StatementDraft", null=True, blank=True, on_delete=models.SET_NULL, related_name="version"
    )

    class Meta:
        ordering = ["statement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.statement} v{self.number}"

    @property
    def counts(self) -> bool:
        """Whether this version may be the one compiled (on time, or late and accepted)."""
        return self.timeliness != Timeliness.LATE_PENDING


class Receipt(models.Model):
    """An entry of the append-only receipts log.

    Each entry's hash covers its own fields and the previous entry's hash, so changing or
    removing any entry breaks every later link; `opendebate receipts verify` recomputes it.
    """

    sequence = models.PositiveBigIntegerField(unique=True)
    version = models.OneToOneField(
        StatementVersion, on_delete=models.PROTECT, related_name="receipt"
    )
    reference = models.CharField(max_length=80, unique=True)
    issued_at = models.DateTimeField()
    content_sha256 = models.CharField(max_length=64)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["sequence"]

    def __str__(self) -> str:
        return self.reference


class ReceiptMail(models.Model):
    """A receipt still to be e-mailed: an outbox row written in the submission's transaction,
    so that a receipt whose version was committed is mailed even if the process that
    committed it dies at once; `opendebate receipts send` mails it and deletes the row."""

    receipt = models.OneToOneField(Receipt, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=10, blank=True)  # "" for the submitter's own

    def __str__(self) -> str:
        return f"receipt mail {self.receipt_id}"


class RefusedSubmission(models.Model):
    """Content that could not become a statement, kept as received with the reason given."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    entity = models.ForeignKey(Entity, null=True, on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=8, choices=Channel.choices)
    received_at = models.DateTimeField(auto_now_add=True)
    original = models.FileField(upload_to="refused/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=160, blank=True)
    sha256 = models.CharField(max_length=64)
    code = models.CharField(max_length=32)
    reason = models.TextField()

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.code}: {self.original_name}"


class StatementDraft(models.Model):
    """What a delegation sent for preview. Nothing here counts as received: the receipt time is
    the confirmation's. A confirmed draft is kept, linked to its version (`version`), so that a
    repeated confirmation finds that version instead of making another.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    heading = models.CharField(max_length=400)
    signatory_name = models.CharField(max_length=200, blank=True)
    signatory_function = models.CharField(max_length=300, blank=True)
    language = models.CharField(max_length=2, blank=True)
    original = models.FileField(upload_to="drafts/%Y/%m/")
    original_name = models.CharField(max_length=160)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"draft {self.pk} ({self.entity_id})"


class KeptReading(models.Model):
    """What reading a received file gave, by the file's SHA-256 and extension (and the version
    of the readers): its blocks, or
    the refusal's code and parameters. The preview, the confirmation and a retried e-mail then
    never read the same file again (reading is the costly, attackable step)."""

    sha256 = models.CharField(max_length=64)
    extension = models.CharField(max_length=16)
    # opendebate.ingest.READER_VERSION: a file read by an older reader is read again.
    reader_version = models.PositiveIntegerField()
    reading = models.JSONField(default=dict, blank=True)
    refusal = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["sha256", "extension", "reader_version"], name="kept_reading_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sha256[:12]}{self.extension}"

"""What the Secretariat records for a compilation, and each compilation document it produces.

A compilation is one letter of the President of the Council with every briefing and statement
annexed. Its order is computed (`order.py`) and adjusted by recorded moves, each with a reason;
once issued it never changes: a later change is a new Compilation that revises or corrects it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opendebate.common.languages import Language
from opendebate.common.multilingual import any_text
from opendebate.compilation.enums import CompilationStatus, IssueKind, Section
from opendebate.entities.models import Entity
from opendebate.meetings.models import Meeting
from opendebate.statements.models import StatementVersion


class IssuedCompilationError(Exception):
    """A change was attempted on an issued compilation."""

    def __init__(self, symbol: str) -> None:
        super().__init__(
            f"{symbol} is issued and cannot change; start a revision or a corrigendum instead."
        )


class DeliveredStatement(models.Model):
    """A briefing or a statement delivered at the meeting, recorded by the Secretariat."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="delivered")
    section = models.PositiveSmallIntegerField(_("part"), choices=Section.choices)
    speaking_order = models.PositiveSmallIntegerField(_("speaking order"))
    # The State or organization the speaker represents; a briefer may represent none.
    entity = models.ForeignKey(
        Entity,
        verbose_name=_("delegation or entity"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Per language, as the letter names the speaker in each version (common/multilingual.py).
    speaker_names = models.JSONField(_("speaker"), default=dict)
    speaker_functions = models.JSONField(_("speaker's title"), default=dict, blank=True)
    heading = models.CharField(_("heading"), max_length=400)
    language = models.CharField(max_length=2, choices=Language.choices)
    blocks = models.JSONField()
    text = models.TextField()
    words = models.PositiveIntegerField()
    original = models.FileField(upload_to="delivered/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=160, blank=True)
    sha256 = models.CharField(max_length=64)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "section", "speaking_order"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(section=Section.BRIEFING) | models.Q(entity__isnull=False),
                name="delivered_statement_names_its_entity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_section_display()}: {any_text(self.speaker_names)}"


class Compilation(models.Model):
    """One compilation document of a meeting, in the language its letter is issued in."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="compilations")
    language = models.CharField(_("language of the letter"), max_length=2, choices=Language.choices)
    kind = models.CharField(max_length=12, choices=IssueKind.choices, default=IssueKind.ORIGINAL)
    revises = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="successors"
    )
    status = models.CharField(
        max_length=12, choices=CompilationStatus.choices, default=CompilationStatus.DRAFT
    )
    # The one language the presidency drafts in: every version's masthead names it, and annexes
    # are marked "[Original: X]" against it, identically in all six versions.
    original_language = models.CharField(
        _("original language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    # Entered or confirmed by the Secretariat, never today by default (`dates.check_letter_date`).
    letter_date = models.DateField(_("date of the letter"), null=True, blank=True)
    # The President's name in each language version of the letter.
    signatories = models.JSONField(_("President of the Council"), default=dict, blank=True)
    symbol = models.CharField(_("symbol"), max_length=60, blank=True)
    issued_on = models.DateField(_("date of issue"), null=True, blank=True)
    # Late versions the Secretariat chose to include; the letter names their entities.
    late_versions = models.ManyToManyField(StatementVersion, blank=True, related_name="+")
    # Council members whose written statement the Secretariat confirmed as a written submission
    # (a member normally speaks; until confirmed, the compilation cannot be issued).
    confirmed_members = models.ManyToManyField(Entity, blank=True, related_name="+")
    # Set when the Secretariat issues it: the build then writes the final files and seals it.
    issuing = models.BooleanField(default=False)
    # Progress of the background build: annex k of n, then each format in turn.
    stage = models.CharField(max_length=12, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    # The built files and their SHA-256, keyed by format ("docx", "pdf", "html", "akn").
    files = models.JSONField(default=dict, blank=True)
    # What was compiled, in order (item keys), so an issued compilation says exactly what it has.
    contents = models.JSONField(default=list, blank=True)
    built_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["symbol"],
                condition=~models.Q(symbol=""),
                name="one_compilation_per_symbol",
            ),
        ]

    def __str__(self) -> str:
        return self.symbol or f"compilation {self.pk} ({self.language})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """An issued compilation is a record: it never changes, whoever asks."""
        if self.pk and (
            Compilation.objects.filter(pk=self.pk, status=CompilationStatus.ISSUED).exists()
        ):
            raise IssuedCompilationError(self.symbol)
        super().save(*args, **kwargs)

    @property
    def is_issued(self) -> bool:
        return self.status == CompilationStatus.ISSUED

    @property
    def is_building(self) -> bool:
        return self.status in (CompilationStatus.QUEUED, CompilationStatus.BUILDING)


class OrderMove(models.Model):
    """A manual change to the computed order: put one item at a position, for a reason."""

    compilation = models.ForeignKey(Compilation, on_delete=models.CASCADE, related_name="moves")
    key = models.CharField(max_length=40)
    position = models.PositiveIntegerField()  # 1-based, as the annexes are numbered
    reason = models.CharField(_("reason"), max_length=500)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    moved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["compilation", "moved_at", "pk"]

    def __str__(self) -> str:
        return f"{self.key} to {self.position}"


class AnnexText(models.Model):
    """An issued annex as search reads it, taken from the issued HTML once, when the
    compilation is issued, so that a search of every issued compilation is one query rather
    than a parse of every file."""

    compilation = models.ForeignKey(
        Compilation, on_delete=models.CASCADE, related_name="annex_texts"
    )
    number = models.PositiveIntegerField()
    label = models.CharField(max_length=200)  # "Annex 12", worded in the letter's language
    label_language = models.CharField(max_length=2, choices=Language.choices)
    heading = models.TextField(blank=True)
    language = models.CharField(max_length=2, choices=Language.choices)
    text = models.TextField()  # as issued: what a snippet shows
    folded = models.TextField()  # search.fold_lines(text): what a query's terms are found in

    class Meta:
        ordering = ["compilation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["compilation", "number"], name="one_text_per_annex")
        ]

    def __str__(self) -> str:
        return f"{self.compilation} {self.label}"

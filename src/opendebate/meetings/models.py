from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opendebate.common.languages import Language
from opendebate.common.multilingual import any_text
from opendebate.entities.models import Entity
from opendebate.meetings.enums import Body, LatePolicy, MeetingFormat, MeetingStatus


def all_languages() -> list[str]:
    return list(Language.values)


class Meeting(models.Model):
    """A Council meeting with its concept-note letter and its written-statement settings.

    Times are stored in UTC and shown in New York time; the deadline keeps the wording it came
    from ("before 9 September 2020") because that wording is what delegations read.
    """

    body = models.CharField(max_length=32, choices=Body.choices, default=Body.SECURITY_COUNCIL)
    format = models.CharField(_("format"), max_length=16, choices=MeetingFormat.choices)
    status = models.CharField(
        max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    # Facts printed in documents are stored per language (see common/multilingual.py).
    agenda_items = models.JSONField(_("agenda item"), default=dict, blank=True)
    # The title in each language it exists in, keyed by language code.
    titles = models.JSONField(_("title"), default=dict)
    starts_at = models.DateTimeField(_("date and time"))
    presidency = models.ForeignKey(
        Entity, verbose_name=_("presidency"), on_delete=models.PROTECT, related_name="+"
    )
    chair_names = models.JSONField(_("chair"), default=dict, blank=True)
    chair_functions = models.JSONField(_("chair's function"), default=dict, blank=True)

    # The presidency's letter that circulated the concept note.
    letter_date = models.DateField(_("letter date"), null=True, blank=True)
    letter_symbol = models.CharField(_("letter symbol"), max_length=40, blank=True)
    letter_language = models.CharField(max_length=2, choices=Language.choices, default="en")
    letter_original_language = models.CharField(
        max_length=2, choices=Language.choices, default="en"
    )
    letter_signatory_names = models.JSONField(_("signatory"), default=dict, blank=True)
    # One line per function line of the signature ("Ambassador\nPermanent Representative").
    letter_signatory_functions = models.JSONField(
        _("signatory's function"), default=dict, blank=True
    )
    procedure_letter_symbol = models.CharField(
        _("procedure letter"),
        max_length=40,
        blank=True,
        help_text=_("The letter that set the procedure for written statements, e.g. S/2020/372."),
    )

    # Written statements.
    intake_address = models.EmailField(_("address for statements"), blank=True)
    word_guidance = models.PositiveIntegerField(_("word guidance"), null=True, blank=True)
    word_limit_is_hard = models.BooleanField(
        _("refuse statements over the word guidance"), default=False
    )
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    deadline_wording = models.CharField(_("deadline as worded"), max_length=300, blank=True)
    late_policy = models.CharField(
        _("late statements"), max_length=8, choices=LatePolicy.choices, default=LatePolicy.ACCEPT
    )
    accepted_languages = models.JSONField(default=all_languages)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d} {self.title()}"

    def title(self, language: str | None = None) -> str:
        """The title in `language`, else in the letter's original language, else any."""
        title: str = (self.titles or {}).get(self.title_language(language).value, "")
        return title

    def title_language(self, language: str | None = None) -> Language:
        """The language `title(language)` is written in, for the lang and dir around it."""
        titles: dict[str, str] = self.titles or {}
        for candidate in (language, self.letter_original_language, self.letter_language):
            if candidate and titles.get(candidate):
                return Language(candidate)
        return Language(next(iter(titles), self.letter_original_language))

    @property
    def is_open_for_statements(self) -> bool:
        return self.status == MeetingStatus.CONFIRMED and (
            self.deadline is None or timezone.now() < self.deadline
        )

    @property
    def local_start(self) -> datetime.datetime:
        return timezone.localtime(self.starts_at)


class Briefer(models.Model):
    """A briefer invited under rule 39. No name in any language means "to be determined"."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="briefers")
    order = models.PositiveSmallIntegerField()
    names = models.JSONField(_("name"), default=dict, blank=True)
    functions = models.JSONField(_("function"), default=dict)
    organization = models.CharField(_("organization"), max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="one_briefer_per_place")
        ]

    def __str__(self) -> str:
        return any_text(self.names) or any_text(self.functions)


class Participant(models.Model):
    """A non-member invited to participate without vote under rule 37."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "entity"], name="one_participation")
        ]

    def __str__(self) -> str:
        return self.entity.code


class ConceptNoteSection(models.Model):
    """One section of the concept note in one language (a meeting may have several versions)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sections")
    language = models.CharField(max_length=2, choices=Language.choices)
    order = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=300, blank=True)
    paragraphs = models.JSONField(default=list)

    class Meta:
        ordering = ["meeting", "language", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "language", "order"], name="one_section_per_place"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.order}. {self.heading}"

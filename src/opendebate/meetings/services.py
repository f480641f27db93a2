"""Every write to meetings: creating a meeting (from a reviewed import or demo data), confirming."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction

from opendebate.common.multilingual import Texts, clean_texts, share_latin_name
from opendebate.common.services import record_audit
from opendebate.entities.models import Entity
from opendebate.meetings.enums import MeetingStatus
from opendebate.meetings.models import Briefer, ConceptNoteSection, Meeting, Participant
from opendebate.meetings.termbase import complete_function

if TYPE_CHECKING:
    from opendebate.accounts.models import User


@dataclass(frozen=True)
class BrieferData:
    functions: Texts
    names: Texts = field(default_factory=dict)
    organization: str = ""


@dataclass(frozen=True)
class SectionData:
    heading: str
    paragraphs: tuple[str, ...]


def sections_from_json(
    versions: dict[str, list[dict[str, object]]],
) -> dict[str, tuple[SectionData, ...]]:
    """Concept-note versions as the importer writes them ({language: [{heading, paragraphs}]})."""
    return {
        language: tuple(
            SectionData(str(section.get("heading") or ""), tuple(section.get("paragraphs") or ()))  # type: ignore[arg-type]
            for section in sections
        )
        for language, sections in versions.items()
    }


@dataclass(frozen=True)
class MeetingData:
    """Everything a meeting is created from, already validated by a form or a loader."""

    format: str
    titles: dict[str, str]
    starts_at: datetime.datetime
    presidency: Entity
    agenda_items: Texts = field(default_factory=dict)
    chair_names: Texts = field(default_factory=dict)
    chair_functions: Texts = field(default_factory=dict)
    letter_date: datetime.date | None = None
    letter_symbol: str = ""
    letter_language: str = "en"
    letter_original_language: str = "en"
    letter_signatory_names: Texts = field(default_factory=dict)
    letter_signatory_functions: Texts = field(default_factory=dict)
    procedure_letter_symbol: str = ""
    intake_address: str = ""
    word_guidance: int | None = None
    word_limit_is_hard: bool = False
    deadline: datetime.datetime | None = None
    deadline_wording: str = ""
    late_policy: str = "accept"
    briefers: tuple[BrieferData, ...] = ()
    participants: tuple[Entity, ...] = ()
    # The concept note, keyed by language: each version a list of sections.
    concept_note: dict[str, tuple[SectionData, ...]] = field(default_factory=dict)


@transaction.atomic
def create_meeting(*, actor: User | None, data: MeetingData, source: str = "form") -> Meeting:
    """Create a draft meeting with its briefers, participants and concept note versions.

    Nothing is published: the meeting stays a draft until `confirm_meeting`. Functions the
    termbase knows are completed in the six languages, Latin-script names in English, French
    and Spanish; the rest stays missing until the Secretariat enters it.
    """
    meeting = Meeting.objects.create(
        format=data.format,
        titles={language: title for language, title in data.titles.items() if title},
        starts_at=data.starts_at,
        presidency=data.presidency,
        agenda_items=clean_texts(data.agenda_items),
        chair_names=share_latin_name(data.chair_names),
        chair_functions=complete_function(data.chair_functions),
        letter_date=data.letter_date,
        letter_symbol=data.letter_symbol,
        letter_language=data.letter_language,
        letter_original_language=data.letter_original_language,
        letter_signatory_names=share_latin_name(data.letter_signatory_names),
        letter_signatory_functions=complete_function(data.letter_signatory_functions),
        procedure_letter_symbol=data.procedure_letter_symbol,
        intake_address=data.intake_address,
        word_guidance=data.word_guidance,
        word_limit_is_hard=data.word_limit_is_hard,
        deadline=data.deadline,
        deadline_wording=data.deadline_wording,
        late_policy=data.late_policy,
    )
    Briefer.objects.bulk_create(
        Briefer(
            meeting=meeting,
            order=order,
            functions=complete_function(briefer.functions),
            names=share_latin_name(briefer.names),
            organization=briefer.organization,
        )
        for order, briefer in enumerate(data.briefers, start=1)
    )
    Participant.objects.bulk_create(
        Participant(meeting=meeting, entity=entity, order=order)
        for order, entity in enumerate(data.participants, start=1)
    )
    ConceptNoteSection.objects.bulk_create(
        ConceptNoteSection(
            meeting=meeting,
            language=language,
            order=order,
            heading=section.heading,
            paragraphs=list(section.paragraphs),
        )
        for language, sections in data.concept_note.items()
        for order, section in enumerate(sections, start=1)
    )
    record_audit(
        action="meeting.created",
        actor=actor,
        entity=data.presidency,
        subject=f"meeting {meeting.pk}",
        source=source,
    )
    return meeting


@transaction.atomic
def confirm_meeting(*, actor: User, meeting: Meeting) -> Meeting:
    """Publish a draft meeting: its public page appears and statements can be sent."""
    meeting.status = MeetingStatus.CONFIRMED
    meeting.save(update_fields=["status", "updated_at"])
    record_audit(
        action="meeting.confirmed",
        actor=actor,
        entity=meeting.presidency,
        subject=f"meeting {meeting.pk}",
    )
    return meeting


@dataclass(frozen=True)
class FactsData:
    """A meeting's facts in the six languages, as the Secretariat's facts form posts them."""

    titles: Texts
    agenda_items: Texts
    chair_names: Texts
    chair_functions: Texts
    letter_signatory_names: Texts
    letter_signatory_functions: Texts
    # Per briefer (by id): its names and functions.
    briefers: dict[int, tuple[Texts, Texts]] = field(default_factory=dict)


@transaction.atomic
def update_facts(*, actor: User, meeting: Meeting, data: FactsData) -> Meeting:
    """Store the meeting's names and functions in each language, completing from the termbase
    and sharing Latin-script names as `create_meeting` does. Briefers of other meetings are
    ignored. Records which facts changed."""
    meeting.titles = clean_texts(data.titles)
    meeting.agenda_items = clean_texts(data.agenda_items)
    meeting.chair_names = share_latin_name(data.chair_names)
    meeting.chair_functions = complete_function(data.chair_functions)
    meeting.letter_signatory_names = share_latin_name(data.letter_signatory_names)
    meeting.letter_signatory_functions = complete_function(data.letter_signatory_functions)
    meeting.save()
    for briefer in meeting.briefers.filter(pk__in=list(data.briefers)):
        names, functions = data.briefers[briefer.pk]
        briefer.names = share_latin_name(names)
        briefer.functions = complete_function(functions)
        briefer.save(update_fields=["names", "functions"])
    record_audit(
        action="meeting.facts_updated",
        actor=actor,
        entity=meeting.presidency,
        subject=f"meeting {meeting.pk}",
    )
    return meeting

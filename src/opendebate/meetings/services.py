"""Every write to meetings: creating a meeting (from a reviewed import or demo data), confirming."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction

from opendebate.common.services import record_audit
from opendebate.entities.models import Entity
from opendebate.meetings.enums import MeetingStatus
from opendebate.meetings.models import Briefer, ConceptNoteSection, Meeting, Participant

if TYPE_CHECKING:
    from opendebate.accounts.models import User


@dataclass(frozen=True)
class BrieferData:
    function: str
    name: str = ""
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
    agenda_item: str = ""
    chair_name: str = ""
    chair_function: str = ""
    letter_date: datetime.date | None = None
    letter_symbol: str = ""
    letter_language: str = "en"
    letter_original_language: str = "en"
    letter_signatory: str = ""
    letter_signatory_function: str = ""
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

    Nothing is published: the meeting stays a draft until `confirm_meeting`.
    """
    meeting = Meeting.objects.create(
        format=data.format,
        titles={language: title for language, title in data.titles.items() if title},
        starts_at=data.starts_at,
        presidency=data.presidency,
        agenda_item=data.agenda_item,
        chair_name=data.chair_name,
        chair_function=data.chair_function,
        letter_date=data.letter_date,
        letter_symbol=data.letter_symbol,
        letter_language=data.letter_language,
        letter_original_language=data.letter_original_language,
        letter_signatory=data.letter_signatory,
        letter_signatory_function=data.letter_signatory_function,
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
            function=briefer.function,
            name=briefer.name,
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

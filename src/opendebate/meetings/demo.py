"""The seed meeting (8 September 2020, the Niger presiding) created from its facts for `make run`."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from opendebate.entities.models import Entity
from opendebate.meetings.enums import MeetingStatus
from opendebate.meetings.models import Meeting
from opendebate.meetings.services import BrieferData, MeetingData, SectionData, create_meeting

SEED_FILE = Path(__file__).resolve().parent / "data" / "seed_meeting.json"


def seed_meeting_data(path: Path = SEED_FILE) -> MeetingData:
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return MeetingData(
        format=raw["format"],
        titles=raw["titles"],
        starts_at=datetime.datetime.fromisoformat(raw["starts_at"]),
        presidency=Entity.objects.get(code=raw["presidency"]),
        agenda_items=raw["agenda_items"],
        chair_names=raw["chair_names"],
        chair_functions=raw["chair_functions"],
        letter_date=datetime.date.fromisoformat(raw["letter_date"]),
        letter_symbol=raw["letter_symbol"],
        letter_language=raw["letter_language"],
        letter_original_language=raw["letter_original_language"],
        letter_signatory_names=raw["letter_signatory_names"],
        letter_signatory_functions=raw["letter_signatory_functions"],
        procedure_letter_symbol=raw["procedure_letter_symbol"],
        intake_address=raw["intake_address"],
        word_guidance=raw["word_guidance"],
        deadline=datetime.datetime.fromisoformat(raw["deadline"]),
        deadline_wording=raw["deadline_wording"],
        late_policy=raw["late_policy"],
        briefers=tuple(BrieferData(**briefer) for briefer in raw["briefers"]),
        concept_note={
            language: tuple(
                SectionData(section["heading"], tuple(section["paragraphs"]))
                for section in sections
            )
            for language, sections in raw["concept_note"].items()
        },
    )


def create_seed_meeting() -> Meeting:
    """Create the seed meeting once, confirmed; later calls return the existing one."""
    data = seed_meeting_data()
    existing = Meeting.objects.filter(letter_symbol=data.letter_symbol).first()
    if existing is not None:
        return existing
    meeting = create_meeting(actor=None, data=data, source="demo")
    meeting.status = MeetingStatus.CONFIRMED
    meeting.save(update_fields=["status"])
    return meeting

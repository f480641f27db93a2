"""A meeting with briefings, delivered and written statements, for the compilation tests."""

from __future__ import annotations

import datetime

import pytest

from opendebate.accounts.models import User
from opendebate.compilation.dates import proposed_letter_date
from opendebate.compilation.enums import Section
from opendebate.compilation.models import Compilation, DeliveredStatement
from opendebate.compilation.services import record_delivered, set_letter, start_compilation
from opendebate.entities.models import Entity
from opendebate.meetings.models import Meeting
from opendebate.statements.models import StatementVersion
from opendebate.statements.pipeline import PASTED_NAME
from tests.conftest import submit_text
from tests.statements.conftest import ARABIC, CHINESE, ENGLISH, FRENCH


def submit(
    meeting: Meeting,
    code: str,
    text: str,
    *,
    heading: str = "",
    at: datetime.datetime | None = None,
) -> StatementVersion:
    """A written statement from `code`, received at `at` (default: now), through the service
    every channel uses."""
    entity = Entity.objects.get(code=code)
    heading = heading or f"Statement by {entity.running_name('en')}"
    return submit_text(meeting, entity, text, at=at, heading=heading)


def start_dated(user: User, meeting: Meeting, language: str = "en") -> Compilation:
    """The working compilation with its letter dated the day after the meeting, as the
    Secretariat confirms it on the page (a compilation is never dated by default)."""
    compilation = start_compilation(user=user, meeting=meeting, language=language)
    return set_letter(
        user=user,
        compilation=compilation,
        letter_date=proposed_letter_date(meeting),
        original_language=compilation.original_language,
    )


def deliver(
    user: User,
    meeting: Meeting,
    section: Section,
    order: int,
    *,
    code: str | None,
    speaker: str,
    function: str = "",
    text: str = ENGLISH,
) -> DeliveredStatement:
    return record_delivered(
        user=user,
        meeting=meeting,
        section=section,
        speaking_order=order,
        entity=Entity.objects.get(code=code) if code else None,
        speaker_names={"en": speaker},
        speaker_functions={"en": function} if function else {},
        heading=f"Statement by {speaker}",
        data=text.encode(),
        name=PASTED_NAME,
        pasted=True,
    )


@pytest.fixture
def debate(open_meeting: Meeting, secretariat: User) -> Meeting:
    """Two briefings, the presidency and two members, a non-member who spoke, and written
    statements in four languages from States and an organization."""
    deliver(secretariat, open_meeting, Section.BRIEFING, 2, code=None, speaker="Louise Mushikiwabo",
            function="Secretary-General of the International Organization of la Francophonie")  # fmt: skip
    deliver(secretariat, open_meeting, Section.BRIEFING, 1, code=None, speaker="Bintou Keita",
            function="Assistant Secretary-General for Africa")  # fmt: skip
    deliver(secretariat, open_meeting, Section.MEMBER, 3, code="VNM", speaker="Dang Dinh Quy")
    deliver(secretariat, open_meeting, Section.PRESIDENCY, 1, code="NER", speaker="Abdou Abarry",
            function="Permanent Representative of the Niger", text=FRENCH)  # fmt: skip
    deliver(secretariat, open_meeting, Section.MEMBER, 2, code="BEL", speaker="Philippe Kridelka")
    deliver(secretariat, open_meeting, Section.NON_MEMBER, 1, code="CAN", speaker="Bob Rae")
    submit(open_meeting, "IRN", ENGLISH)
    submit(open_meeting, "EU", FRENCH)
    submit(open_meeting, "EGY", ARABIC)
    submit(open_meeting, "CHN", CHINESE)
    submit(open_meeting, "ARM", FRENCH)
    return open_meeting

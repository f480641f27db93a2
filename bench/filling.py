"""Filling a scratch database the way delegations do: statements of about 500 words in the six
languages (the text generator of bench/documents.py), each through the submission service.
Import after `scratch.start_django`."""

from __future__ import annotations

import random

from django.utils import timezone

from documents import VOICES, statement
from opendebate.entities.models import Entity
from opendebate.meetings.models import Meeting
from opendebate.statements import pipeline
from opendebate.statements.content import Received
from opendebate.statements.enums import Channel
from opendebate.statements.pipeline import PASTED_NAME, Arrival

RNG = random.Random(3)  # noqa: S311  (reproducible sample text)


def submit(meeting: Meeting, entity: Entity, language: str) -> None:
    """One statement (or a new version of it) by `entity`, received now, through the API."""
    text = "\n\n".join(block.text for block in statement(VOICES[language], language, RNG))
    received = Received(
        data=text.encode(), name=PASTED_NAME, pasted=True, heading=f"Statement {entity.code}"
    )
    pipeline.submit(Arrival(meeting, entity, Channel.API, timezone.now()), received)

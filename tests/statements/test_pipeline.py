"""One submission path: every channel makes one call into statements.pipeline, and nothing
else calls the steps it is made of."""

from __future__ import annotations

import ast
import datetime
import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.utils import timezone

import opendebate
from opendebate.accounts.models import User
from opendebate.compilation.demo import PlannedStatement, submit_planned
from opendebate.compilation.enums import Section
from opendebate.entities.models import Entity, EntityContact
from opendebate.intake.enums import MessageState
from opendebate.intake.processing import process_message
from opendebate.intake.services import assign_message
from opendebate.intake.store import read_raw
from opendebate.meetings.models import Meeting
from opendebate.statements import pipeline
from opendebate.statements.content import Received, SubmissionRefused
from opendebate.statements.enums import Channel
from opendebate.statements.models import RefusedSubmission, StatementDraft, StatementVersion
from tests.compilation.conftest import deliver
from tests.intake.test_processing import RELAY, message, stored
from tests.statements.conftest import ARABIC, CHINESE, ENGLISH, FRENCH
from tests.statements.test_api import api

pytestmark = pytest.mark.django_db

# The steps of the pipeline: only statements.pipeline calls them (services defines them).
STEPS = {"submit_statement", "prepare_statement", "refuse_submission", "read_kept"}
ALLOWED = {"statements/pipeline.py", "statements/services.py", "statements/reading.py"}


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[pipeline.Arrival]:
    """The arrivals `pipeline.submit` is called with, whoever calls it."""
    seen: list[pipeline.Arrival] = []
    real = pipeline.submit

    def submit(arrival: pipeline.Arrival, received: Received, **options: object) -> object:
        seen.append(arrival)
        return real(arrival, received, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "submit", submit)
    return seen


@pytest.fixture
def mail(tmp_path: Path, open_meeting: Meeting) -> Iterator[EntityContact]:
    """France's verified contact, its mail arriving through the trusted relay."""
    with override_settings(
        INTAKE_MAIL_DIR=tmp_path / "mail", INTAKE_TRUSTED_RELAYS=[ipaddress.ip_network(RELAY)]
    ):
        yield EntityContact.objects.create(
            entity=Entity.objects.get(code="FRA"), email="mission@france.example"
        )


def test_the_web_form_submits_once_when_the_preview_is_confirmed(
    as_france: Client, open_meeting: Meeting, calls: list[pipeline.Arrival]
) -> None:
    page = f"/meetings/{open_meeting.pk}/statements/FRA/"
    preview = as_france.post(page, {"heading": "Statement by France", "text": ARABIC})["Location"]
    assert calls == []  # received and previewed: nothing submitted yet
    as_france.post(preview)
    assert [(arrival.channel, arrival.entity.code) for arrival in calls] == [(Channel.WEB, "FRA")]
    assert StatementVersion.objects.get().language == "ar"


def test_the_api_submits_once(
    france: User, open_meeting: Meeting, calls: list[pipeline.Arrival]
) -> None:
    response = api(france).post(
        f"/api/meetings/{open_meeting.pk}/statements/",
        {"heading": "Statement", "text": CHINESE},
        format="json",
    )
    assert response.status_code == 201
    assert [(arrival.channel, arrival.user) for arrival in calls] == [(Channel.API, france)]


def test_mail_submits_once_and_triage_through_the_same_call(
    mail: EntityContact, secretariat: User, open_meeting: Meeting, calls: list[pipeline.Arrival]
) -> None:
    accepted = stored(message(body=FRENCH))
    assert process_message(accepted.pk) == MessageState.ACCEPTED
    held = stored(message(body=ENGLISH, sender="someone@example.org", message_id="<m2@x>"),
                  envelope_from="someone@example.org")  # fmt: skip
    assert process_message(held.pk) == MessageState.TRIAGE
    france = Entity.objects.get(code="FRA")
    state = assign_message(
        user=secretariat, message_id=held.pk, entity=france, meeting=open_meeting, attachment=None
    )
    assert state == MessageState.ACCEPTED
    assert [(arrival.channel, arrival.user) for arrival in calls] == [
        (Channel.EMAIL, None),
        (Channel.EMAIL, secretariat),
    ]


def test_the_demo_submits_as_its_channel(
    open_meeting: Meeting, calls: list[pipeline.Arrival]
) -> None:
    planned = PlannedStatement(
        entity=Entity.objects.get(code="KEN"),
        language="zh",
        heading="肯尼亚的发言",
        paragraphs=(CHINESE,),
        channel=Channel.UPLOAD,
        received_at=timezone.now(),
    )
    version = submit_planned(open_meeting, planned)
    assert [arrival.channel for arrival in calls] == [Channel.UPLOAD]
    assert version.original_name == "statement-ken.txt"


def test_mail_refused_by_the_pipeline_keeps_the_whole_message(
    mail: EntityContact, open_meeting: Meeting
) -> None:
    open_meeting.word_guidance, open_meeting.word_limit_is_hard = 20, True
    open_meeting.save()
    inbound = stored(message(body=FRENCH))
    assert process_message(inbound.pk) == MessageState.REJECTED
    refused = RefusedSubmission.objects.get()
    assert (refused.code, refused.channel) == ("too_long", Channel.EMAIL)
    assert refused.original_name == f"{inbound.sha256}.eml"
    with refused.original.open("rb") as kept:
        assert kept.read() == read_raw(inbound)


def test_a_draft_is_received_as_it_was_previewed(as_france: Client, open_meeting: Meeting) -> None:
    form = {"heading": "Statement", "text": ARABIC, "signatory_name": "Nicolas de Rivière"}
    as_france.post(f"/meetings/{open_meeting.pk}/statements/FRA/", form)
    received = pipeline.received_from_draft(StatementDraft.objects.get())
    assert received == Received(
        data=ARABIC.encode(),
        name=pipeline.PASTED_NAME,
        pasted=True,
        heading="Statement",
        signatory_name="Nicolas de Rivière",
    )


@pytest.mark.parametrize(("text", "language"), [(ARABIC, "ar"), (CHINESE, "zh")])
def test_statement_delivered_at_the_meeting_is_not_bound_by_the_written_guidance(
    secretariat: User, open_meeting: Meeting, text: str, language: str
) -> None:
    open_meeting.word_guidance, open_meeting.word_limit_is_hard = 5, True
    open_meeting.accepted_languages = ["en"]  # the written statements' rule only
    open_meeting.save()
    received = Received(data=text.encode(), name=pipeline.PASTED_NAME, pasted=True, heading="x")
    with pytest.raises(SubmissionRefused) as refused:
        pipeline.read(open_meeting, received)
    assert refused.value.code == "language"
    delivered = deliver(secretariat, open_meeting, Section.BRIEFING, 1, code=None,
                        speaker="Ms. Speaker", text=text)  # fmt: skip
    assert delivered.language == language
    assert delivered.words > 5


def test_an_empty_delivered_statement_is_refused(secretariat: User, open_meeting: Meeting) -> None:
    with pytest.raises(SubmissionRefused) as refused:
        deliver(secretariat, open_meeting, Section.BRIEFING, 1, code=None, speaker="X", text=" ")
    assert refused.value.code == "empty"


def step_calls(path: Path) -> list[str]:
    """The pipeline's steps that the module at `path` calls or imports by name."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in STEPS:
            found.append(node.attr)
        elif isinstance(node, ast.ImportFrom):
            found.extend(alias.name for alias in node.names if alias.name in STEPS)
    return found


def test_step_calls_sees_attribute_calls_and_imports(tmp_path: Path) -> None:
    module = tmp_path / "channel.py"
    module.write_text(
        "from opendebate.statements.services import prepare_statement\n"
        "from opendebate.statements import services\n"
        "services.submit_statement(user=None)\n"
    )
    assert sorted(step_calls(module)) == ["prepare_statement", "submit_statement"]


def test_no_channel_calls_the_steps_of_the_pipeline() -> None:
    root = Path(opendebate.__file__).parent
    offending = {
        str(path.relative_to(root)): calls
        for path in root.rglob("*.py")
        if str(path.relative_to(root)) not in ALLOWED and (calls := step_calls(path))
    }
    assert offending == {}


def test_arrival_time_is_the_channel_s_not_the_pipeline_s(
    france: User, open_meeting: Meeting
) -> None:
    """Mail waits in a queue: it is judged by when it arrived, not when it was processed."""
    arrived = timezone.now() - datetime.timedelta(hours=2)
    received = Received(data=ENGLISH.encode(), name=pipeline.PASTED_NAME, pasted=True, heading="x")
    arrival = pipeline.Arrival(open_meeting, Entity.objects.get(code="FRA"), Channel.EMAIL, arrived)
    assert pipeline.submit(arrival, received).version.received_at == arrived

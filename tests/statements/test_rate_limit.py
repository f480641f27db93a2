"""At most SUBMISSION_RATE_LIMIT_PER_MINUTE versions per entity and minute through the web and
the API: the API answers 429 with Retry-After, the web says when to confirm again, and what was
sent is kept either way. Mail is limited where it arrives instead."""

from __future__ import annotations

import types
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from opendebate.accounts.models import User
from opendebate.common import ratelimit
from opendebate.meetings.models import Meeting
from opendebate.statements.enums import Channel
from opendebate.statements.models import RefusedSubmission, StatementDraft, StatementVersion
from tests.conftest import submit_text
from tests.statements.conftest import ENGLISH
from tests.statements.test_api import api

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def two_a_minute(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A limit of two, and a clock 15 seconds into a minute, so a refusal says 45 seconds."""
    settings.SUBMISSION_RATE_LIMIT_PER_MINUTE = 2
    monkeypatch.setattr(ratelimit, "time", types.SimpleNamespace(time=lambda: 1_800_000_015.0))


def post(client: APIClient, meeting: Meeting, heading: str = "Statement") -> Any:
    return client.post(
        f"/api/meetings/{meeting.pk}/statements/",
        {"heading": heading, "text": ENGLISH},
        format="json",
    )


def test_api_answers_429_with_retry_after_and_keeps_what_was_sent(
    france: User, canada: User, open_meeting: Meeting
) -> None:
    client = api(france)
    assert [post(client, open_meeting).status_code for _ in range(2)] == [201, 201]
    refused = post(client, open_meeting, heading="Third")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "45"
    assert refused.json() == {
        "code": "rate_limited",
        "message": "Too many statements from your delegation in the last minute. "
        "Wait 45 seconds and send it again.",
    }
    assert StatementVersion.objects.count() == 2
    kept = RefusedSubmission.objects.get()
    assert kept.entity is not None
    assert (kept.code, kept.channel, kept.entity.code) == ("rate_limited", "api", "FRA")
    with kept.original.open("rb") as handle:
        assert handle.read() == ENGLISH.encode()
    assert post(api(canada), open_meeting).status_code == 201  # each entity has its own count


def test_web_confirmation_over_the_limit_keeps_the_draft(
    france: User, as_france: Client, open_meeting: Meeting
) -> None:
    client = api(france)
    for _ in range(2):
        post(client, open_meeting)
    page = f"/meetings/{open_meeting.pk}/statements/FRA/"
    drafted = as_france.post(page, {"heading": "Statement by France", "text": ENGLISH})
    preview = drafted["Location"]
    confirmed = as_france.post(preview, follow=True)
    assert confirmed.redirect_chain == [(preview, 302)]
    assert (
        "Too many statements from your delegation in the last minute. Wait 45 seconds and "
        "send it again." in confirmed.content.decode()
    )
    assert StatementDraft.objects.count() == 1
    assert StatementVersion.objects.count() == 2


def test_mail_is_not_counted(france: User, open_meeting: Meeting) -> None:
    entity = france.entity
    assert entity is not None
    for _ in range(3):
        submit_text(open_meeting, entity, ENGLISH, channel=Channel.EMAIL, heading="By mail")
    assert post(api(france), open_meeting).status_code == 201
    assert StatementVersion.objects.count() == 4

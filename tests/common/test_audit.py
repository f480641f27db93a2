"""The audit log records every sign-in (and failed one), submission, revision, withdrawal, late
acceptance, compilation and issue, as the pages, the API and the task worker perform them."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from opendebate.accounts.models import User
from opendebate.common.models import AuditEntry
from opendebate.compilation import services as compilation_services
from opendebate.compilation.dates import proposed_letter_date
from opendebate.meetings.models import Meeting
from tests.accounts.test_sign_in import sign_in
from tests.conftest import signed_in
from tests.statements.conftest import ENGLISH, FRENCH
from tests.statements.test_api import api

pytestmark = pytest.mark.django_db


def submit_through_api(user: User, meeting: Meeting, text: str) -> None:
    response = api(user).post(
        f"/api/meetings/{meeting.pk}/statements/",
        {"heading": "Statement", "text": text},
        format="json",
    )
    assert response.status_code == 201, response.content


def test_every_recorded_action_is_in_the_log(
    client: Client, france: User, canada: User, secretariat: User, open_meeting: Meeting
) -> None:
    before = AuditEntry.objects.order_by("pk").last()
    sign_in(client, "delegate@france.example", "wrong password")
    sign_in(client, "delegate@france.example")
    page = f"/meetings/{open_meeting.pk}/statements/FRA/"
    preview = client.post(page, {"heading": "Statement by France", "text": ENGLISH})["Location"]
    client.post(preview)
    submit_through_api(france, open_meeting, FRENCH)
    client.post(f"{page}withdraw/")
    submit_through_api(canada, open_meeting, ENGLISH)
    open_meeting.deadline = timezone.now() - datetime.timedelta(minutes=1)
    open_meeting.save()
    submit_through_api(canada, open_meeting, FRENCH)
    officer = signed_in(secretariat)
    officer.post(
        f"/meetings/{open_meeting.pk}/statements/CAN/versions/2/accept-late/",
        {"reason": "Sent before the deadline; the mail server was down."},
    )
    compilation = compilation_services.start_compilation(
        user=secretariat, meeting=open_meeting, language="en"
    )
    compilation_services.set_letter(
        user=secretariat,
        compilation=compilation,
        letter_date=proposed_letter_date(open_meeting),
        original_language="en",
    )
    compilation_services.build(compilation.pk)
    compilation_services.issue(
        user=secretariat,
        compilation=compilation,
        symbol="S/2020/900",
        issued_on=proposed_letter_date(open_meeting),
        letter_date=proposed_letter_date(open_meeting),
    )
    compilation_services.build(compilation.pk)

    logged = [
        (entry.action, entry.actor.email if entry.actor else "", entry.subject)
        for entry in AuditEntry.objects.filter(pk__gt=before.pk if before else 0).order_by("pk")
    ]
    reference = f"{open_meeting.starts_at:%Y%m%d}-{open_meeting.pk}"
    meeting = f"meeting {open_meeting.pk}"
    assert logged == [
        ("auth.login_failed", "", france.email),
        ("auth.login", france.email, france.email),
        ("statement.submitted", france.email, f"{reference}/FRA/v1"),
        ("statement.revised", france.email, f"{reference}/FRA/v2"),
        ("statement.withdrawn", france.email, meeting),
        ("statement.submitted", canada.email, f"{reference}/CAN/v1"),
        ("statement.revised", canada.email, f"{reference}/CAN/v2"),
        ("auth.login", secretariat.email, secretariat.email),
        ("statement.late_accepted", secretariat.email, f"{reference}/CAN/v2"),
        ("compilation.started", secretariat.email, meeting),
        ("compilation.letter_set", secretariat.email, f"compilation {compilation.pk} (en)"),
        ("compilation.built", "", f"compilation {compilation.pk} (en)"),
        ("compilation.issue_requested", secretariat.email, "S/2020/900"),
        ("compilation.requested", secretariat.email, "S/2020/900"),
        ("compilation.issued", secretariat.email, "S/2020/900"),
    ]
    # Sign-ins through the page carry the address they came from (the test client's).
    signing_in = AuditEntry.objects.filter(action__startswith="auth.login", subject=france.email)
    assert list(signing_in.values_list("ip_address", flat=True)) == ["127.0.0.1", "127.0.0.1"]


@pytest.mark.parametrize(
    ("behind_proxy", "header", "recorded"),
    [
        (True, "203.0.113.7", "203.0.113.7"),
        (True, "not an address", "127.0.0.1"),
        (False, "203.0.113.7", "127.0.0.1"),  # anyone can send the header to a bare server
    ],
)
def test_sign_in_records_the_client_address_behind_the_proxy(
    client: Client, france: User, settings: Any, behind_proxy: bool, header: str, recorded: str
) -> None:
    settings.BEHIND_PROXY = behind_proxy
    client.post(
        "/account/sign-in/",
        {"username": france.email, "password": "wrong password"},
        HTTP_X_REAL_IP=header,
    )
    assert AuditEntry.objects.get(action="auth.login_failed").ip_address == recorded

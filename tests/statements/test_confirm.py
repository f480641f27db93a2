"""Confirming a previewed draft is idempotent: however many times, however simultaneously the
confirmation arrives (a double click, a browser retrying, six tabs), the draft becomes one
version with one receipt, and every other request is shown that version, never an error.

The simultaneous cases are real HTTP requests in threads: against the live server thread on
PostgreSQL, and against `opendebate serve` processes (gunicorn, two workers) on a SQLite file
and on a PostgreSQL database of their own, where SQLite's single write lock and PostgreSQL's
row locks are what stands between the requests.
"""

from __future__ import annotations

import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.utils import timezone

from opendebate.accounts.models import User
from opendebate.common.models import AuditEntry
from opendebate.meetings.models import Meeting
from opendebate.statements import pipeline, services
from opendebate.statements.enums import Channel
from opendebate.statements.models import Receipt, StatementDraft, StatementVersion
from tests.conftest import signed_in
from tests.production.conftest import UNLIMITED, shared_database  # noqa: F401  (a fixture)
from tests.production.stack import Stack
from tests.statements.conftest import ARABIC, CHINESE, ENGLISH

SIMULTANEOUS = 6


def page(meeting_pk: int, code: str) -> str:
    return f"/meetings/{meeting_pk}/statements/{code}/"


def draft_of(client: Client, meeting: Meeting, text: str = ENGLISH) -> str:
    response = client.post(
        page(meeting.pk, "FRA"), {"heading": "Statement by France", "text": text}
    )
    assert response.status_code == 302
    location: str = response["Location"]
    return location


@pytest.mark.django_db
def test_confirm_twice_makes_one_version_and_one_receipt(
    as_france: Client, open_meeting: Meeting
) -> None:
    preview = draft_of(as_france, open_meeting)

    first = as_france.post(preview)
    second = as_france.post(preview, follow=True)

    version = StatementVersion.objects.get()
    assert first.status_code == 302
    assert first["Location"] == page(open_meeting.pk, "FRA")
    assert second.redirect_chain == [(page(open_meeting.pk, "FRA"), 302)]
    assert second.status_code == 200
    assert Receipt.objects.count() == 1
    assert AuditEntry.objects.filter(action__startswith="statement.").count() == 1
    text = second.content.decode()
    assert "This statement was already received" in text
    assert version.receipt.reference in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "interface", "said"),
    [(ARABIC, "ar", "تم استلام هذا البيان من قبل"), (CHINESE, "zh-hans", "此发言已收到")],
)
def test_preview_of_a_confirmed_draft_leads_to_its_receipt(
    as_france: Client, open_meeting: Meeting, text: str, interface: str, said: str
) -> None:
    as_france.cookies["opendebate_language"] = interface
    preview = draft_of(as_france, open_meeting, text)
    as_france.post(preview)

    again = as_france.get(preview, follow=True)

    version = StatementVersion.objects.get()
    assert version.text == text
    assert again.redirect_chain == [(page(open_meeting.pk, "FRA"), 302)]
    body = again.content.decode()
    assert said in body
    assert version.receipt.reference in body


@pytest.mark.django_db
def test_confirmed_draft_of_another_delegation_is_refused(
    as_france: Client, as_canada: Client, open_meeting: Meeting
) -> None:
    preview = draft_of(as_france, open_meeting)
    as_france.post(preview)

    assert as_canada.post(preview).status_code == 403
    assert as_canada.get(preview).status_code == 403
    assert Client().post(preview)["Location"] == f"/account/sign-in/?next={preview}"
    assert StatementVersion.objects.count() == 1


@pytest.mark.django_db
def test_new_draft_after_a_confirmed_one_is_a_new_version(
    as_france: Client, open_meeting: Meeting
) -> None:
    as_france.post(draft_of(as_france, open_meeting, ENGLISH))
    as_france.post(draft_of(as_france, open_meeting, ARABIC))

    assert [(v.number, v.language) for v in StatementVersion.objects.all()] == [
        (1, "en"),
        (2, "ar"),
    ]


@pytest.mark.django_db
def test_submitting_a_confirmed_draft_again_records_nothing(
    as_france: Client, france: User, open_meeting: Meeting
) -> None:
    """What a confirmation that waited for the statement's lock meets."""
    as_france.post(draft_of(as_france, open_meeting))
    draft = StatementDraft.objects.get()
    arrival = pipeline.Arrival(open_meeting, draft.entity, Channel.WEB, timezone.now(), user=france)

    with pytest.raises(services.AlreadyConfirmed) as confirmed:
        pipeline.submit(arrival, pipeline.received_from_draft(draft), draft=draft)

    assert confirmed.value.version == StatementVersion.objects.get()
    assert Receipt.objects.count() == 1


@pytest.mark.django_db
def test_database_refuses_a_second_version_of_one_draft(
    as_france: Client, open_meeting: Meeting
) -> None:
    """What holds should the locks ever fail to queue two confirmations."""
    as_france.post(draft_of(as_france, open_meeting))
    first = StatementVersion.objects.get()
    copy = StatementVersion.objects.get()
    copy.pk = None
    copy.number = 2

    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()

    assert StatementVersion.objects.get() == first


# Simultaneous confirmations, over HTTP.


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


@dataclass
class Browser:
    """One signed-in browser: its cookies (the session, then the CSRF cookie), sent by hand
    because the standard cookie jar will not keep a cookie for a bare "localhost"."""

    base: str
    cookies: dict[str, str]

    @classmethod
    def signed_in(cls, base: str, session_key: str) -> Browser:
        return cls(base, {"sessionid": session_key})

    def _open(self, path: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(form).encode() if form is not None else None,
            headers={"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())},
        )
        try:
            with _OPENER.open(request, timeout=60) as response:
                status, headers, body = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, headers, body = error.code, error.headers, error.read()
        for header in headers.get_all("Set-Cookie") or []:
            name, _, value = header.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        return status, headers.get("Location", ""), body.decode()

    def token(self, path: str) -> str:
        status, location, body = self._open(path)
        assert status == 200, location or body[-2000:]
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        assert found is not None
        return found.group(1)

    def post(self, path: str, form: dict[str, str]) -> tuple[int, str]:
        status, location, body = self._open(path, form)
        return status, location or body[-2000:]


def confirm_together(browser: Browser, preview: str) -> list[tuple[int, str]]:
    """POST the same confirmation from SIMULTANEOUS threads released at once."""
    token = browser.token(preview)
    together = threading.Barrier(SIMULTANEOUS)
    answers: list[tuple[int, str]] = []

    def confirm() -> None:
        together.wait()
        answers.append(browser.post(preview, {"csrfmiddlewaretoken": token}))

    threads = [threading.Thread(target=confirm) for _ in range(SIMULTANEOUS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def send_draft(browser: Browser, meeting_pk: int, code: str) -> str:
    entity_page = page(meeting_pk, code)
    status, location = browser.post(
        entity_page,
        {
            "csrfmiddlewaretoken": browser.token(entity_page),
            "heading": "Statement by France",
            "text": ENGLISH,
        },
    )
    assert status == 302, location
    return urllib.parse.urlsplit(location).path


@pytest.mark.django_db(transaction=True)
def test_simultaneous_confirms_make_one_version(
    live_server: Any, open_meeting: Meeting, france: User
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "the in-memory SQLite test database is one connection the live server's threads "
            "share; test_simultaneous_confirms_on_served_processes runs SQLite on a file"
        )
    client = signed_in(france)
    browser = Browser.signed_in(live_server.url, client.cookies["sessionid"].value)
    preview = draft_of(client, open_meeting)

    answers = confirm_together(browser, preview)

    assert answers == [(302, page(open_meeting.pk, "FRA"))] * SIMULTANEOUS
    version = StatementVersion.objects.get()
    assert Receipt.objects.get().version == version
    assert StatementDraft.objects.get().version == version
    assert AuditEntry.objects.filter(action="statement.submitted").count() == 1


# A delegation user with a session, on a meeting open for a week; prints them as JSON.
DELEGATE = """
import datetime, json
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from opendebate.accounts.enums import Role
from opendebate.accounts.models import User
from opendebate.entities.models import Entity
from opendebate.meetings.demo import create_seed_meeting
meeting = create_seed_meeting()
meeting.deadline = timezone.now() + datetime.timedelta(days=7)
meeting.save()
user = User.objects.create_user(
    "delegate@france.example", None, full_name="Delegate", role=Role.DELEGATION,
    entity=Entity.objects.get(code="FRA"),
)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.save()
print(json.dumps({"meeting": meeting.pk, "session": session.session_key}))
"""

COUNTS = """
import json
from opendebate.common.models import AuditEntry
from opendebate.statements.models import Receipt, StatementDraft, StatementVersion
print(json.dumps([
    StatementVersion.objects.count(), Receipt.objects.count(),
    AuditEntry.objects.filter(action="statement.submitted").count(),
    list(StatementDraft.objects.values_list("version__number", flat=True)),
]))
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def served_database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A SQLite file, or a fresh database on the machine's PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'served.sqlite3'}"
    url: str = request.getfixturevalue("shared_database")
    return url


@pytest.mark.slow
def test_simultaneous_confirms_on_served_processes(served_database: str, tmp_path: Path) -> None:
    with Stack(served_database, tmp_path / "stack", environment=UNLIMITED) as stack:
        stack.migrate()
        stack.run("collectstatic", "--no-input")
        delegate = json.loads(stack.shell(DELEGATE))
        browser = Browser.signed_in(stack.start_web(workers=2, threads=4), delegate["session"])
        preview = send_draft(browser, delegate["meeting"], "FRA")

        answers = confirm_together(browser, preview)

        assert answers == [(302, page(delegate["meeting"], "FRA"))] * SIMULTANEOUS
        assert json.loads(stack.shell(COUNTS)) == [1, 1, 1, [1]]

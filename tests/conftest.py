"""Personas built once: the Secretariat, the presidency (the Niger), two delegations (France and
Canada) and the anonymous public, so that every "the other delegation is refused" test is cheap.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from opendebate.accounts.enums import Role
from opendebate.accounts.models import User
from opendebate.entities.models import Entity
from opendebate.entities.services import load_registry
from opendebate.meetings.demo import create_seed_meeting
from opendebate.meetings.models import Meeting
from opendebate.statements import pipeline
from opendebate.statements.content import Received
from opendebate.statements.enums import Channel
from opendebate.statements.models import StatementVersion
from opendebate.statements.pipeline import PASTED_NAME
from tests.tools import system_tool

PASSWORD = "correct horse battery staple 2020"


@pytest.fixture(autouse=True)
def isolated_files(settings: Any, tmp_path: Any) -> None:
    """Uploaded originals, refused submissions and raw mail go to the test's own folder, never
    to the developer's var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "files"},
        },
    }
    settings.INTAKE_MAIL_DIR = tmp_path / "mail"


@pytest.fixture(autouse=True)
def isolated_cache(settings: Any, request: pytest.FixtureRequest) -> None:
    """Each test counts rate limits in its own local-memory cache, never in a Redis server
    the developer's REDIS_URL points at, and never against the previous test's submissions."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": request.node.nodeid,
        }
    }


@pytest.fixture(autouse=True)
def interface_language_reset() -> Iterator[None]:
    """A request through the test client leaves its language active in this thread; without
    this, one Arabic page would turn every later test's messages Arabic."""
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    # The registry is reference data every feature reads; load it once into the test database.
    with django_db_blocker.unblock():
        load_registry()


def make_user(email: str, role: Role, code: str | None) -> User:
    entity = Entity.objects.get(code=code) if code else None
    user = User.objects.create_user(
        email, PASSWORD, full_name=email.split("@")[0], role=role, entity=entity
    )
    if user.requires_two_factor:
        TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return user


def entity_of(user: User) -> Entity:
    """A delegation persona's entity (the Secretariat's users have none)."""
    assert user.entity is not None
    return user.entity


def submit_text(
    meeting: Meeting,
    entity: Entity,
    text: str,
    *,
    user: User | None = None,
    channel: Channel = Channel.API,
    at: datetime.datetime | None = None,
    heading: str = "Statement",
    language: str | None = None,
) -> StatementVersion:
    """`text` submitted for `entity` through `channel`, received at `at` (default: now), by the
    pipeline every channel calls. `user` None: as mail from a verified contact."""
    received = Received(
        data=text.encode(), name=PASTED_NAME, pasted=True, heading=heading, language=language
    )
    arrival = pipeline.Arrival(meeting, entity, channel, at or timezone.now(), user=user)
    return pipeline.submit(arrival, received).version


@pytest.fixture
def secretariat(db: None) -> User:
    return make_user("officer@un.example", Role.SECRETARIAT, None)


@pytest.fixture
def presidency(db: None) -> User:
    return make_user("presidency@niger.example", Role.PRESIDENCY, "NER")


@pytest.fixture
def france(db: None) -> User:
    return make_user("delegate@france.example", Role.DELEGATION, "FRA")


@pytest.fixture
def canada(db: None) -> User:
    return make_user("delegate@canada.example", Role.DELEGATION, "CAN")


def signed_in(user: User, *, verified: bool = True) -> Client:
    """A client signed in as `user`, past the second factor when the role needs one."""
    client = Client()
    client.force_login(user)
    if verified and user.requires_two_factor:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
        session.save()
    return client


@pytest.fixture
def as_secretariat(secretariat: User) -> Client:
    return signed_in(secretariat)


@pytest.fixture
def as_presidency(presidency: User) -> Client:
    return signed_in(presidency)


@pytest.fixture
def as_france(france: User) -> Client:
    return signed_in(france)


@pytest.fixture
def as_canada(canada: User) -> Client:
    return signed_in(canada)


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice, the real tool the documents and word counts are checked against."""
    return system_tool("soffice", "libreoffice-writer-nogui")


@pytest.fixture
def registry(db: None) -> None:
    """The registry, reloaded where a transactional test's flush emptied the database."""
    if not Entity.objects.exists():
        load_registry()


@pytest.fixture
def open_meeting(registry: None) -> Meeting:
    """The seed meeting moved so that its deadline is a week away."""
    meeting = create_seed_meeting()
    now = timezone.now()
    meeting.starts_at = now + datetime.timedelta(days=6)
    meeting.deadline = now + datetime.timedelta(days=7)
    meeting.save()
    return meeting


@pytest.fixture
def closed_meeting(open_meeting: Meeting) -> Meeting:
    open_meeting.deadline = timezone.now() - datetime.timedelta(hours=1)
    open_meeting.save()
    return open_meeting

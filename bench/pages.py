"""The pages people open most, with a year of debates in the database: the Secretariat's
dashboard, the public search across every issued compilation, the public list of compilations,
the registry and the home page.

Run with `.venv/bin/python bench/pages.py [meetings] [statements] [requests]` (defaults: 24
meetings, 1,500 statements, 40 requests a page). A fresh SQLite database in a temporary folder
(unless DATABASE_URL is set) is filled through the services: the meetings of a year (the seed
meeting's facts, two a month, each with its month's presidency), the statements spread over
them in the six languages, and each meeting's compilation issued and built (four formats).

The baseline is the same pages, in the same process, when the database holds ONE such meeting
and its compilation: the ratio says how a page grows with a year of data, and the query counts
beside it say whether the number of queries stays flat. The goal is a p95 under 100 ms.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from scratch import start_django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.conftest: the personas
os.environ.setdefault("DEBUG", "false")  # as served: no query log, no template debugging
start_django("pages")

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from tests.conftest import make_user, signed_in  # noqa: E402

from documents import ORDER  # noqa: E402
from filling import submit  # noqa: E402
from opendebate.accounts.enums import Role  # noqa: E402
from opendebate.accounts.models import User  # noqa: E402
from opendebate.compilation import services as compilations  # noqa: E402
from opendebate.compilation.build import unconfirmed_members  # noqa: E402
from opendebate.entities.models import Presidency  # noqa: E402
from opendebate.entities.queries import submitting_entities  # noqa: E402
from opendebate.entities.services import load_registry  # noqa: E402
from opendebate.meetings.demo import seed_meeting_data  # noqa: E402
from opendebate.meetings.enums import MeetingStatus  # noqa: E402
from opendebate.meetings.models import Meeting  # noqa: E402
from opendebate.meetings.services import create_meeting  # noqa: E402

GOAL_MS = 100
# Words each of the six languages' statements use (bench/documents.py), so every query hits.
QUERIES = ("cooperation", "coopération", "合作", "التعاون", "сотрудничество", "Sahel")


def add_meeting(index: int, user: User, statements: int) -> Meeting:
    """Meeting `index` of the year (two a month), its statements, its compilation issued."""
    seed = seed_meeting_data()
    month, day = 1 + index // 2, (8, 22)[index % 2]
    starts_at = seed.starts_at.replace(month=month, day=day)
    presidency = Presidency.objects.get(year=starts_at.year, month=month).entity
    data = dataclasses.replace(
        seed,
        titles={language: f"{title} ({index + 1})" for language, title in seed.titles.items()},
        starts_at=starts_at,
        presidency=presidency,
        letter_date=starts_at.date() - datetime.timedelta(days=7),
        letter_symbol=f"S/2020/{100 + index}",
        intake_address=f"statements-{index + 1}@opendebate.example",
        # Open while the bench submits; the deadline's own handling is not what is measured.
        deadline=timezone.now() + datetime.timedelta(days=7),
    )
    meeting = create_meeting(actor=None, data=data, source="demo")
    meeting.status = MeetingStatus.CONFIRMED
    meeting.save(update_fields=["status"])
    entities = submitting_entities()
    for number in range(statements):
        entity = entities[(index * 37 + number) % len(entities)]
        submit(meeting, entity, ORDER[number % len(ORDER)])
    compilation = compilations.start_compilation(user=user, meeting=meeting, language="en")
    # Council members normally speak: the Secretariat confirms their written statements.
    for member in unconfirmed_members(compilation):
        compilations.confirm_written_member(user=user, compilation=compilation, entity=member)
    compilations.issue(
        user=user,
        compilation=compilation,
        symbol=f"S/2020/{500 + index}",
        issued_on=starts_at.date() + datetime.timedelta(days=7),
        letter_date=starts_at.date() + datetime.timedelta(days=1),
    )
    compilations.build(compilation.pk)
    return meeting


@dataclasses.dataclass(frozen=True)
class Measured:
    p50_ms: float
    p95_ms: float
    queries: int


def measure(get: Callable[[], object], requests: int) -> Measured:
    get()  # warm: templates, translations, caches
    reset_queries()  # a request starts by emptying the log the context counts from
    with CaptureQueriesContext(connection) as captured:
        get()
    queries = len(captured)  # now: the log is emptied again by the next request
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        get()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return Measured(statistics.median(timings), p95, queries)


def pages(client: Client, public: Client, meeting: Meeting) -> dict[str, Callable[[], object]]:
    def fetch(who: Client, url: str) -> Callable[[], object]:
        def get() -> object:
            response = who.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return get

    found = {
        f"search “{query}”": fetch(public, f"/documents/search/?q={query}") for query in QUERIES
    }
    return {
        "dashboard (Secretariat)": fetch(client, f"/meetings/{meeting.pk}/dashboard/"),
        "dashboard CSV": fetch(client, f"/meetings/{meeting.pk}/dashboard/?format=csv"),
        **found,
        "issued compilations": fetch(public, "/documents/"),
        "registry": fetch(public, "/registry/"),
        "registry, Council 2020": fetch(public, "/registry/?year=2020"),
        "home": fetch(public, "/"),
    }


def main(meetings: int = 24, statements: int = 1500, requests: int = 40) -> None:
    call_command("migrate", verbosity=0)
    load_registry()
    user = make_user("bench@un.example", Role.SECRETARIAT, None)
    client, public = signed_in(user), Client()
    per_meeting = [statements // meetings + (i < statements % meetings) for i in range(meetings)]
    started = time.perf_counter()
    first = add_meeting(0, user, per_meeting[0])
    baseline = {name: measure(get, requests) for name, get in pages(client, public, first).items()}
    for index in range(1, meetings):
        add_meeting(index, user, per_meeting[index])
    filled = time.perf_counter() - started
    latest = Meeting.objects.order_by("-starts_at").first()
    assert latest is not None
    year = {name: measure(get, requests) for name, get in pages(client, public, latest).items()}
    print(
        f"{meetings} meetings, {statements} statements, {meetings} issued compilations "
        f"(filled in {filled:.0f} s); {requests} requests a page; goal p95 < {GOAL_MS} ms"
    )
    print(
        f"{'page':34} {'1 meeting p95':>14} {'a year p95':>11} {'ratio':>6} {'p50':>7} {'queries 1 / year':>17}"
    )
    for name, one in baseline.items():
        many = year[name]
        verdict = "ok" if many.p95_ms < GOAL_MS else "MISSES THE GOAL"
        print(
            f"{name:34} {one.p95_ms:11.1f} ms {many.p95_ms:8.1f} ms {many.p95_ms / one.p95_ms:6.2f}"
            f" {many.p50_ms:5.1f} ms {one.queries:8d} / {many.queries:<6d} {verdict}"
        )


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:4]))

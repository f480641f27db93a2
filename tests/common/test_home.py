"""The home page: the meetings taking statements or coming up, with their deadlines in New York
time, and the latest issued compilations, in the reader's language."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from opendebate.compilation.enums import CompilationStatus
from opendebate.compilation.models import Compilation
from opendebate.meetings.demo import create_seed_meeting, seed_meeting_data
from opendebate.meetings.models import Meeting
from opendebate.meetings.services import create_meeting

pytestmark = pytest.mark.django_db

NEW_YORK = datetime.timezone(datetime.timedelta(hours=-4))


@pytest.fixture
def future_meeting(registry: None) -> Meeting:
    """The seed meeting moved to September 2100, its deadline the next midnight, New York time."""
    meeting = create_seed_meeting()
    meeting.starts_at = datetime.datetime(2100, 9, 8, 10, tzinfo=NEW_YORK)
    meeting.deadline = datetime.datetime(2100, 9, 9, tzinfo=NEW_YORK)
    meeting.save()
    return meeting


def issued(meeting: Meeting, symbol: str, day: int, **fields: Any) -> Compilation:
    return Compilation.objects.create(
        meeting=meeting,
        language="en",
        status=fields.pop("status", CompilationStatus.ISSUED),
        symbol=symbol,
        issued_on=datetime.date(2020, 9, day),
        **fields,
    )


def home(language: str, client: Client | None = None) -> str:
    client = client or Client()
    client.cookies["opendebate_language"] = language
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "opening", "title", "starts", "deadline"),
    [
        (
            "ar",
            '<html lang="ar" dir="rtl">',
            '<span lang="ar" dir="rtl">التعاون بين الأمم المتحدة والمنظمات الإقليمية',
            "الأربعاء، 8 سبتمبر 2100، 10:00 ص (UTC−04:00)",
            "الخميس، 9 سبتمبر 2100، 12:00 ص (UTC−04:00)",
        ),
        (
            "zh-hans",
            '<html lang="zh-hans" dir="ltr">',
            '<span lang="zh-hans" dir="ltr">联合国与区域和次区域组织的合作：法语国家国际组织的作用</span>',
            "2100年9月8日星期三 10:00 (UTC−04:00)",
            "2100年9月9日星期四 00:00 (UTC−04:00)",
        ),
    ],
)
def test_home_shows_the_open_meeting_and_its_deadline_in_new_york_time(
    future_meeting: Meeting, language: str, opening: str, title: str, starts: str, deadline: str
) -> None:
    page = home(language)

    assert opening in page
    assert f'<a href="/meetings/{future_meeting.pk}/">' in page
    assert title in page
    assert f'<time datetime="2100-09-08T10:00:00-04:00">{starts}</time>' in page
    assert f'<strong><time datetime="2100-09-09T00:00:00-04:00">{deadline}</time></strong>' in page


@pytest.mark.parametrize(
    ("language", "heading", "issued_on"),
    [
        ("ar", "أحدث التجميعات الصادرة", "15 سبتمبر 2020"),
        ("zh-hans", "最新印发的汇编", "2020年9月15日"),
    ],
)
def test_home_shows_the_latest_issued_compilations(
    future_meeting: Meeting, language: str, heading: str, issued_on: str
) -> None:
    for day in range(1, 8):
        issued(future_meeting, f"S/2020/90{day}", day)
    issued(future_meeting, "S/2020/DEMO-1", 15)

    page = home(language)

    assert heading in page
    assert '<a href="/documents/S/2020/DEMO-1/" dir="ltr">S/2020/DEMO-1</a>' in page
    assert f'<time datetime="2020-09-15">{issued_on}</time>' in page
    assert [f"S/2020/90{day}/" in page for day in range(7, 0, -1)] == [True] * 4 + [False] * 3
    assert '<a href="/documents/">' in page


def test_home_leaves_out_drafts_past_meetings_and_unissued_compilations(
    registry: None, as_france: Client, as_secretariat: Client
) -> None:
    past = create_seed_meeting()  # 8 September 2020: held, its deadline long passed
    draft = create_meeting(
        actor=None,
        data=dataclasses.replace(
            seed_meeting_data(),
            letter_symbol="S/2100/1",
            starts_at=datetime.datetime(2100, 1, 5, 10, tzinfo=NEW_YORK),
            deadline=None,
        ),
    )
    issued(past, "S/2020/950", 20, status=CompilationStatus.READY)

    for client in (Client(), as_france):
        page = home("en", client)
        assert f'href="/meetings/{past.pk}/"' not in page
        assert f'href="/meetings/{draft.pk}/"' not in page
        assert "No meeting is taking written statements or coming up." in page
        assert "No compilation has been issued yet." in page
    secretariat = home("en", as_secretariat)
    assert f'href="/meetings/{draft.pk}/"' in secretariat  # drafts are theirs to confirm
    assert "No deadline for written statements has been set." in secretariat


def test_home_queries_do_not_grow_with_the_compilations(
    future_meeting: Meeting, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for day in range(1, 6):
        issued(future_meeting, f"S/2020/90{day}", day)

    with django_assert_max_num_queries(4):
        home("en")

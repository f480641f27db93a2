"""The dashboard's chart: drawn on the server, in the UI language, mirrored right to left."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from opendebate.accounts.models import User
from opendebate.meetings.demo import create_seed_meeting
from opendebate.statements.dashboard import chart_svg
from opendebate.statements.enums import Channel
from tests.conftest import entity_of, submit_text
from tests.statements.conftest import ENGLISH

UTC = datetime.UTC
TIMES = [
    datetime.datetime(2020, 9, 3, 15, tzinfo=UTC),
    datetime.datetime(2020, 9, 5, 12, tzinfo=UTC),
    datetime.datetime(2020, 9, 8, 16, tzinfo=UTC),
]
DEADLINE = datetime.datetime(2020, 9, 9, 4, tzinfo=UTC)  # 9 September, 00:00 in New York


def test_chart_runs_left_to_right_in_english() -> None:
    svg = chart_svg(TIMES, DEADLINE, title="Received", deadline_label="Deadline", language="en")
    assert 'class="chart" direction="ltr"' in svg
    # The count axis on the left, time running to the right, the deadline at the right end.
    assert '<line x1="36" y1="36" x2="36" y2="184" class="axis"/>' in svg
    assert '<path d="M36.0,184.0H36.0V134.7H228.2V85.3H552.8V36.0H604.0"' in svg
    assert '<text x="30.0" y="40.0" class="label" text-anchor="end">3</text>' in svg
    assert '<text x="36.0" y="200.0" class="label" text-anchor="start">3 Sept</text>' in svg
    assert '<line x1="604.0" y1="26" x2="604.0" y2="184" class="deadline"/>' in svg


def test_chart_is_mirrored_in_arabic() -> None:
    svg = chart_svg(
        TIMES, DEADLINE, title="البيانات", deadline_label="الموعد النهائي", language="ar"
    )
    assert 'class="chart" direction="rtl"' in svg
    # The count axis on the right, time running to the left, the deadline at the left end;
    # "end" anchors are the left in right to left, so the counts stand outside the axis.
    assert '<line x1="604" y1="36" x2="604" y2="184" class="axis"/>' in svg
    assert '<path d="M604.0,184.0H604.0V134.7H411.8V85.3H87.2V36.0H36.0"' in svg
    assert '<text x="610.0" y="40.0" class="label" text-anchor="end">3</text>' in svg
    assert '<text x="604.0" y="200.0" class="label" text-anchor="start">3 سبتمبر</text>' in svg
    assert '<text x="36.0" y="200.0" class="label" text-anchor="end">9 سبتمبر</text>' in svg
    assert '<line x1="36.0" y1="26" x2="36.0" y2="184" class="deadline"/>' in svg
    assert 'text-anchor="end">الموعد النهائي</text>' in svg


def test_chart_includes_a_deadline_before_the_first_statement() -> None:
    late = [datetime.datetime(2020, 9, 10, 12, tzinfo=UTC)]
    svg = chart_svg(late, DEADLINE, title="t", deadline_label="Deadline", language="en")
    # The span starts at the deadline, so its line stays on the chart, its label inside.
    assert '<line x1="36.0" y1="26" x2="36.0" y2="184" class="deadline"/>' in svg
    assert '<text x="36.0" y="22.0" class="label" text-anchor="start">Deadline</text>' in svg


def test_chart_without_statements_is_an_empty_titled_image() -> None:
    svg = chart_svg([], DEADLINE, title="Received & late", deadline_label="d", language="ar")
    assert svg == (
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 640 220" '
        'class="chart"><title>Received &amp; late</title></svg>'
    )


@pytest.mark.django_db
def test_dashboard_chart_speaks_arabic(as_secretariat: Client, france: User) -> None:
    meeting = create_seed_meeting()
    at = datetime.datetime(2020, 9, 5, 12, tzinfo=UTC)
    submit_text(meeting, entity_of(france), ENGLISH, user=france, channel=Channel.WEB, at=at)
    as_secretariat.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    # LocaleMiddleware leaves Arabic active in this thread; the block puts English back after.
    with translation.override("en"):
        html = as_secretariat.get(f"/meetings/{meeting.pk}/dashboard/").content.decode()
    assert 'class="chart" direction="rtl"' in html
    assert '<title id="chart-title">البيانات الواردة على مر الوقت</title>' in html
    assert 'text-anchor="start">5 سبتمبر</text>' in html
    assert 'text-anchor="end">الموعد النهائي</text>' in html

"""The compilation letter's date: proposed from the meeting, checked against it."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from opendebate.compilation.dates import check_letter_date, proposed_letter_date
from opendebate.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def meeting_on(seed: Meeting, day: datetime.date) -> Meeting:
    # 10 a.m. in New York: the same calendar day there and in UTC.
    seed.starts_at = datetime.datetime(day.year, day.month, day.day, 14, tzinfo=datetime.UTC)
    return seed


@pytest.mark.parametrize(
    ("meeting", "proposed"),
    [
        (datetime.date(2020, 9, 8), datetime.date(2020, 9, 9)),
        (datetime.date(2020, 9, 30), datetime.date(2020, 10, 1)),
        (datetime.date(2020, 12, 31), datetime.date(2021, 1, 1)),
    ],
)
def test_proposal_is_the_day_after_the_meeting(
    open_meeting: Meeting, meeting: datetime.date, proposed: datetime.date
) -> None:
    assert proposed_letter_date(meeting_on(open_meeting, meeting)) == proposed


@pytest.mark.parametrize(
    ("meeting", "letter"),
    [
        (datetime.date(2020, 9, 8), datetime.date(2020, 9, 8)),  # the same day
        (datetime.date(2020, 9, 8), datetime.date(2020, 10, 31)),  # the next month's last day
        (datetime.date(2020, 12, 15), datetime.date(2021, 1, 31)),  # across the year
        (datetime.date(2020, 1, 31), datetime.date(2020, 2, 29)),  # a leap February
    ],
)
def test_dates_within_the_presidency_month_or_the_next_are_accepted(
    open_meeting: Meeting, meeting: datetime.date, letter: datetime.date
) -> None:
    check_letter_date(meeting_on(open_meeting, meeting), letter)


@pytest.mark.parametrize(
    ("meeting", "letter", "message"),
    [
        (datetime.date(2020, 9, 8), datetime.date(2020, 9, 7), "cannot be dated before the meeting (8 September 2020)"),
        (datetime.date(2020, 9, 8), datetime.date(2020, 11, 1), "or the next one: 31 October 2020 at the latest"),
        (datetime.date(2020, 12, 15), datetime.date(2021, 2, 1), "31 January 2021 at the latest"),
        (datetime.date(2021, 1, 31), datetime.date(2021, 3, 1), "28 February 2021 at the latest"),
    ],
)  # fmt: skip
def test_dates_before_the_meeting_or_too_late_are_refused(
    open_meeting: Meeting, meeting: datetime.date, letter: datetime.date, message: str
) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        check_letter_date(meeting_on(open_meeting, meeting), letter)

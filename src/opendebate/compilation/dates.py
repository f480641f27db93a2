"""The date of the President's compilation letter: proposed from the meeting, never today by
default, and checked against the meeting (S/2020/736 is dated two days after its meeting)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from opendebate.common import cldr
from opendebate.meetings.models import Meeting


def meeting_day(meeting: Meeting) -> datetime.date:
    return meeting.local_start.date()


def proposed_letter_date(meeting: Meeting) -> datetime.date:
    """The day after the meeting: what the page proposes for the Secretariat to confirm."""
    return meeting_day(meeting) + datetime.timedelta(days=1)


def _last_day_of_next_month(day: datetime.date) -> datetime.date:
    first_of_next = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    first_after = (first_of_next.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return first_after - datetime.timedelta(days=1)


def check_letter_date(meeting: Meeting, letter_date: datetime.date) -> None:
    """Raise ValidationError unless `letter_date` is on or after the meeting day and within
    the presidency's month (the meeting's) or the next one, while the President can still
    sign for that month's meetings."""
    day = meeting_day(meeting)
    if letter_date < day:
        raise ValidationError(
            _("The letter cannot be dated before the meeting (%(day)s).")
            % {"day": cldr.long_date(day)}
        )
    latest = _last_day_of_next_month(day)
    if letter_date > latest:
        raise ValidationError(
            _(
                "The letter must be dated within the presidency's month or the next one: "
                "%(day)s at the latest."
            )
            % {"day": cldr.long_date(latest)}
        )

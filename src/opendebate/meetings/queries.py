from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from opendebate.meetings.enums import MeetingStatus
from opendebate.meetings.models import Meeting


def meetings_visible_to(user: object) -> QuerySet[Meeting]:
    """Confirmed meetings for everyone; drafts too for the Secretariat."""
    meetings = Meeting.objects.select_related("presidency")
    if getattr(user, "is_secretariat", False):
        return meetings
    return meetings.filter(status=MeetingStatus.CONFIRMED)


def open_or_upcoming(meetings: QuerySet[Meeting], now: datetime.datetime) -> QuerySet[Meeting]:
    """Of `meetings`, those still taking written statements or not yet held, soonest first."""
    return meetings.filter(Q(deadline__gt=now) | Q(starts_at__gt=now)).order_by("starts_at", "pk")

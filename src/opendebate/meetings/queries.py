from __future__ import annotations

from django.db.models import QuerySet

from opendebate.meetings.enums import MeetingStatus
from opendebate.meetings.models import Meeting


def meetings_visible_to(user: object) -> QuerySet[Meeting]:
    """Confirmed meetings for everyone; drafts too for the Secretariat."""
    meetings = Meeting.objects.select_related("presidency")
    if getattr(user, "is_secretariat", False):
        return meetings
    return meetings.filter(status=MeetingStatus.CONFIRMED)

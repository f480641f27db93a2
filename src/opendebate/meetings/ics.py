"""An iCalendar (RFC 5545) event for a meeting, so delegations can put it in their calendars."""

from __future__ import annotations

import datetime

from opendebate.common.multilingual import any_text
from opendebate.meetings.models import Meeting

_DURATION = "PT3H"  # open debates run about three hours; a calendar needs an end


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold at 75 octets without splitting a UTF-8 character (RFC 5545, 3.1)."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode()) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return "\r\n ".join(out)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_ics(meeting: Meeting, *, url: str, language: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//opendebate//meetings//EN",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@opendebate",
        f"DTSTAMP:{_utc(meeting.updated_at)}",
        f"DTSTART:{_utc(meeting.starts_at)}",
        f"DURATION:{_DURATION}",
        f"SUMMARY:{_escape(meeting.title(language))}",
        f"DESCRIPTION:{_escape(any_text(meeting.agenda_items, language))}",
        f"URL:{url}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    if meeting.deadline:
        # A second event marks the written-statement deadline.
        lines[-1:-1] = [
            "BEGIN:VEVENT",
            f"UID:meeting-{meeting.pk}-deadline@opendebate",
            f"DTSTAMP:{_utc(meeting.updated_at)}",
            f"DTSTART:{_utc(meeting.deadline)}",
            f"SUMMARY:{_escape('Deadline for written statements: ' + meeting.title(language))}",
            f"URL:{url}",
            "END:VEVENT",
        ]
    return "".join(_fold(line) + "\r\n" for line in lines)

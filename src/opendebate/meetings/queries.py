from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from opendebate.meetings.enums import MeetingStatus
from opendebate.meetings.facts import Labelled, Missing, missing_in
from opendebate.meetings.letter import concept_note_language
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


def letter_missing(meeting: Meeting, language: str) -> list[Missing]:
    """What the concept-note letter in `language` lacks to be issued: its theme (also in the
    annexed note's language), its signatory's name and function."""
    facts: Labelled = [
        (_("Title of the meeting"), meeting.titles or {}),
        (_("Signatory's name"), meeting.letter_signatory_names),
        (_("Signatory's function"), meeting.letter_signatory_functions),
    ]
    missing = missing_in(facts, language)
    note_language = concept_note_language(meeting, language)
    if note_language != language:
        missing += missing_in(facts[:1], note_language)
    return missing

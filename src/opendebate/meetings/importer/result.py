"""What the importer found in a letter: values, where each came from, and what is missing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

# Council meetings are convened, and deadlines run, in New York time.
TIMEZONE = "America/New_York"


@dataclass(frozen=True)
class SourceSpan:
    """The source lines a field was read from: 1-based numbers into `text.splitlines()` of the
    text given to `parse_letter`, and those lines exactly as they are there."""

    lines: tuple[int, ...]
    text: tuple[str, ...]


@dataclass(frozen=True)
class Briefer:
    function: str
    name: str | None = None


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class LetterFields:
    date: datetime.date | None = None
    sender: str | None = None  # entity code
    sender_function: str | None = None  # canonical English label, e.g. "Permanent Representative"
    addressee: str | None = None  # "Secretary-General" or "President of the Security Council"
    language: str | None = None  # ar zh en fr ru es: the language of the text
    original_language: str | None = None
    symbol: str | None = None


@dataclass(frozen=True)
class MeetingFields:
    title: str | None = None
    date: datetime.date | None = None
    time: datetime.time | None = None
    format: str | None = None  # "open_vtc", "open_debate" or "briefing"
    chair: str | None = None  # as the source words it
    briefers: tuple[Briefer, ...] = ()

    @property
    def starts_at(self) -> datetime.datetime | None:
        """The meeting's start as an instant in UTC: its date and time are New York's."""
        if self.date is None or self.time is None:
            return None
        local = datetime.datetime.combine(self.date, self.time, ZoneInfo(TIMEZONE))
        return local.astimezone(datetime.UTC)


@dataclass(frozen=True)
class SubmissionFields:
    address: str | None = None
    word_guidance: int | None = None
    # Aware, New York time: the instant the wording names (see `submissions.py`).
    deadline: datetime.datetime | None = None
    deadline_wording: str | None = None  # as the source words it


@dataclass(frozen=True)
class LetterImport:
    letter: LetterFields
    meeting: MeetingFields
    submissions: SubmissionFields
    sections: tuple[Section, ...]
    warnings: tuple[str, ...]
    # Dotted field key ("letter.date", "meeting.briefers.0") to the lines it came from.
    sources: dict[str, SourceSpan] = field(default_factory=dict)

    def to_json_dict(self) -> dict[str, Any]:
        letter, meeting, submissions = self.letter, self.meeting, self.submissions
        return {
            "letter": {
                "date": _iso(letter.date),
                "sender": letter.sender,
                "sender_function": letter.sender_function,
                "addressee": letter.addressee,
                "language": letter.language,
                "original_language": letter.original_language,
                "symbol": letter.symbol,
            },
            "meeting": {
                "title": meeting.title,
                "date": _iso(meeting.date),
                "time": meeting.time.strftime("%H:%M") if meeting.time else None,
                "timezone": TIMEZONE,
                "starts_at": _iso(meeting.starts_at),
                "format": meeting.format,
                "chair": meeting.chair,
                "briefers": [
                    {"function": briefer.function, "name": briefer.name}
                    for briefer in meeting.briefers
                ],
            },
            "submissions": {
                "address": submissions.address,
                "word_guidance": submissions.word_guidance,
                "deadline": _iso(submissions.deadline),
                "deadline_wording": submissions.deadline_wording,
            },
            "concept_note": {
                "sections": [
                    {"heading": section.heading, "paragraphs": list(section.paragraphs)}
                    for section in self.sections
                ]
            },
            "warnings": list(self.warnings),
        }

    def source_lines(self) -> dict[str, str]:
        """Each field key to its source lines' text, joined by newlines (for display)."""
        return {key: "\n".join(span.text) for key, span in self.sources.items()}


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None

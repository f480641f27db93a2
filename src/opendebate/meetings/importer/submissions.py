"""Written statements: where to send them, how long, and by when.

Deadlines are New York time (the Council's). The wording decides the instant:

- "before 9 September 2020" (avant le, antes del, до, 之前, قبل) is the start of the named
  day, 2020-09-09T00:00:00-04:00, as the product's procedure reads it.
- "no later than 11 September 2020" (au plus tard le, a más tardar el, не позднее, 不迟于,
  في موعد أقصاه) allows the whole named day: its last second, 2020-09-11T23:59:59-04:00,
  rather than the next midnight, so that the deadline reads as the day the note names.

One rule then serves both: a statement is late when received after the deadline, compared at
one-second resolution (that of an email's Date header). The only instant it judges otherwise
than the wording is the stroke of midnight itself under "before".

A clock time, before the date or after it, names the instant whatever the wording: "no later
than 6 p.m. (New York time) on 10 September 2020", "au plus tard le 10 septembre 2020 à
18 heures", "在纽约时间2020年9月10日下午6时前" are all 2020-09-10T18:00:00-04:00. The words that
may stand between the wording, the time and the date ("on", a weekday, "New York time") are in
`vocab.DEADLINE_FILLERS` and `vocab.NEW_YORK_TIME`.

The offset comes from the tz database, so a January deadline is -05:00 and a May one -04:00.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from opendebate.ingest.reflow import Paragraph
from opendebate.ingest.text import phrase_pattern
from opendebate.meetings.importer import vocab
from opendebate.meetings.importer.dates import (
    WEEKDAYS,
    DateMatch,
    TimeMatch,
    find_dates,
    find_time,
)
from opendebate.meetings.importer.document import Findings, Hit, Parts, matches, search
from opendebate.meetings.importer.result import TIMEZONE, SubmissionFields

NEW_YORK = ZoneInfo(TIMEZONE)
_START_OF_DAY = datetime.time(0, 0)
_END_OF_DAY = datetime.time(23, 59, 59)

_STATEMENTS = re.compile(phrase_pattern(vocab.STATEMENTS))
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# "500 words", "500-word statement", "500字".
_WORDS = re.compile(rf"(?<!\d)(?P<count>\d{{2,5}})[\s-]*(?:{phrase_pattern(vocab.WORD_UNITS)})")
# The deadline wording before the date ("no later than ", "au plus tard le "), perhaps with
# a clock time and its zone between them ("no later than 6 p.m. (New York time) on ").
_BEFORE_DATE = re.compile(
    rf"(?P<by>{phrase_pattern(vocab.DEADLINE_BY)})|(?P<before>{phrase_pattern(vocab.DEADLINE_BEFORE)})"
)
_AFTER_DATE = re.compile(
    rf"\s*(?:(?P<by>{phrase_pattern(vocab.DEADLINE_BY_AFTER_DATE)})|"
    rf"(?P<before>{phrase_pattern(vocab.DEADLINE_BEFORE_AFTER_DATE)}))"
)
# What may stand between the wording, the time and the date without changing the meaning.
_FILLER = re.compile(
    rf"(?:[\s,.()（）]|{phrase_pattern(vocab.DEADLINE_FILLERS)}|{WEEKDAYS}"
    rf"|{phrase_pattern(vocab.NEW_YORK_TIME)})*"
)
_OPENER = re.compile(rf"{vocab.DEADLINE_AFTER_DATE_OPENER}{_FILLER.pattern}$")
# A weekday in brackets after a date: "2020年9月10日(星期四)".
_WEEKDAY = re.compile(r"\s*[(（][^()（）\d]{1,12}[)）]")
# How far before a date its deadline wording may start, and after it its clock time.
_LOOKBEHIND = 60
_LOOKAHEAD = 40


@dataclass(frozen=True)
class _Deadline:
    start: int  # the wording's span in folded text
    end: int
    whole_day: bool  # "no later than <day>": the day's last second; "before": its start
    time: TimeMatch | None  # a clock time the wording names, its offsets in folded text


def read_submissions(parts: Parts, findings: Findings) -> SubmissionFields:
    invitation = [
        paragraph
        for paragraph in parts.text
        if _STATEMENTS.search(paragraph.folded.text) or _EMAIL.search(paragraph.folded.text)
    ]
    deadline, wording = _deadline(invitation, findings)
    return SubmissionFields(
        address=_address(invitation, parts, findings),
        word_guidance=_word_guidance(invitation, findings),
        deadline=deadline,
        deadline_wording=wording,
    )


def _address(invitation: list[Paragraph], parts: Parts, findings: Findings) -> str | None:
    hit = next(search(_EMAIL, [*invitation, *parts.text]), None)
    if hit is None:
        findings.missing("submissions.address")
        return None
    findings.found("submissions.address", hit)
    return hit.text


def _word_guidance(invitation: list[Paragraph], findings: Findings) -> int | None:
    found = next(matches(_WORDS, invitation), None)
    if found is None:
        findings.missing("submissions.word_guidance")
        return None
    paragraph, match = found
    findings.found("submissions.word_guidance", Hit.group(paragraph, match))
    return int(match["count"])


def _deadline(
    invitation: list[Paragraph], findings: Findings
) -> tuple[datetime.datetime | None, str | None]:
    for paragraph in invitation:
        for date in find_dates(paragraph.folded.text):
            found = _wording(paragraph.folded.text, date)
            if found is None:
                continue
            wording = Hit.folded(paragraph, found.start, found.end)
            findings.found("submissions.deadline", wording)
            if date.value is None:
                written = Hit.folded(paragraph, date.start, date.end)
                findings.invalid_date("submissions.deadline", written)
                return None, wording.text
            if found.time is not None:
                if found.time.value is None:
                    time = Hit.folded(paragraph, found.time.start, found.time.end)
                    findings.warn(f"submissions.deadline '{time.text}' is not a valid time")
                    return None, wording.text
                time_of_day = found.time.value
            else:
                time_of_day = _END_OF_DAY if found.whole_day else _START_OF_DAY
            return datetime.datetime.combine(date.value, time_of_day, NEW_YORK), wording.text
    findings.missing("submissions.deadline")
    return None, None


def _wording(folded: str, date: DateMatch) -> _Deadline | None:
    """The deadline wording around a date, with the clock time it names; None when the date
    is not a deadline. A time may stand between the wording and the date ("no later than
    6 p.m. on 10 September") or follow the date ("au plus tard le 10 septembre à 18 heures")."""
    time, end = _time_after(folded, date.end)
    lead = max(0, date.start - _LOOKBEHIND)
    for word in reversed(list(_BEFORE_DATE.finditer(folded, lead, date.start))):
        between = folded[word.end() : date.start]
        in_between = find_time(between)
        if in_between is not None:
            shifted = word.end() + in_between.start, word.end() + in_between.end
            rest = between[: in_between.start] + between[in_between.end :]
            if _FILLER.fullmatch(rest):
                return _Deadline(
                    word.start(), end, word["by"] is not None, TimeMatch(*shifted, in_between.value)
                )
        elif _FILLER.fullmatch(between):
            return _Deadline(word.start(), end, word["by"] is not None, time)
    if after := _AFTER_DATE.match(folded, end):
        opener = _OPENER.search(folded, lead, date.start)
        start = opener.start() if opener else date.start
        return _Deadline(start, after.end(), after["by"] is not None, time)
    return None


def _time_after(folded: str, end: int) -> tuple[TimeMatch | None, int]:
    """A clock time right after a date ("at 6 p.m.", "à 18 heures", "下午6时"), with offsets in
    `folded`, and where the date (with its weekday in brackets and that time) ends."""
    weekday = _WEEKDAY.match(folded, end)
    start = weekday.end() if weekday else end
    window = folded[start : start + _LOOKAHEAD]
    found = find_time(window)
    if found is None or not _FILLER.fullmatch(window[: found.start]):
        return None, start
    return TimeMatch(start + found.start, start + found.end, found.value), start + found.end

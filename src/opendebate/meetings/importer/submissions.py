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

The offset comes from the tz database, so a January deadline is -05:00 and a May one -04:00.
"""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

from opendebate.meetings.importer import vocab
from opendebate.meetings.importer.clean import Paragraph
from opendebate.meetings.importer.dates import DateMatch, find_dates
from opendebate.meetings.importer.document import Findings, Hit, Parts, matches, search
from opendebate.meetings.importer.result import TIMEZONE, SubmissionFields
from opendebate.meetings.importer.text import phrase_pattern

NEW_YORK = ZoneInfo(TIMEZONE)
_START_OF_DAY = datetime.time(0, 0)
_END_OF_DAY = datetime.time(23, 59, 59)

_STATEMENTS = re.compile(phrase_pattern(vocab.STATEMENTS))
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_WORDS = re.compile(rf"(?<!\d)(?P<count>\d{{2,5}})\s*(?:{phrase_pattern(vocab.WORD_UNITS)})")
# The deadline word right before the date ("no later than ", "au plus tard le ").
_BEFORE_DATE = re.compile(
    rf"(?:(?P<by>{phrase_pattern(vocab.DEADLINE_BY)})|"
    rf"(?P<before>{phrase_pattern(vocab.DEADLINE_BEFORE)}))\s*(?:(?:the|le|el)\s+)?$"
)
_AFTER_DATE = re.compile(
    rf"\s*(?:(?P<by>{phrase_pattern(vocab.DEADLINE_BY_AFTER_DATE)})|"
    rf"(?P<before>{phrase_pattern(vocab.DEADLINE_BEFORE_AFTER_DATE)}))"
)
_OPENER = re.compile(rf"{vocab.DEADLINE_AFTER_DATE_OPENER}\s*$")
# How far before a date its deadline wording may start.
_LOOKBEHIND = 40


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
            start, end, whole_day = found
            wording = Hit.folded(paragraph, start, end)
            findings.found("submissions.deadline", wording)
            if date.value is None:
                written = Hit.folded(paragraph, date.start, date.end)
                findings.invalid_date("submissions.deadline", written)
                return None, wording.text
            time = _END_OF_DAY if whole_day else _START_OF_DAY
            return datetime.datetime.combine(date.value, time, NEW_YORK), wording.text
    findings.missing("submissions.deadline")
    return None, None


def _wording(folded: str, date: DateMatch) -> tuple[int, int, bool] | None:
    """The span of the deadline wording around a date and whether it allows the whole day;
    None when the date is not a deadline."""
    lead = max(0, date.start - _LOOKBEHIND)
    if before := _BEFORE_DATE.search(folded, lead, date.start):
        return before.start(), date.end, before["by"] is not None
    if after := _AFTER_DATE.match(folded, date.end):
        opener = _OPENER.search(folded, lead, date.start)
        return opener.start() if opener else date.start, after.end(), after["by"] is not None
    return None

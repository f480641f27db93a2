"""The meeting: announced in the letter, described in the concept note.

The letter's announcement sentence ("the Niger intends to organize, on 8 September 2020 at
10 a.m., an open video-teleconference on the theme '...'") gives the format, date, time and
title. The concept note's own title block and format section complete and check it.

When the letter and the note name different formats (the seed: 公开视频会议 in the letter,
公开辩论 in the note, as in 2020 when open debates were held as open VTCs), the letter's is
used, because the letter is what the presidency issued last and what the Council convened,
and a warning asks the reviewer to confirm.
"""

from __future__ import annotations

import datetime
import re

from opendebate.ingest.reflow import Paragraph
from opendebate.ingest.text import phrase_pattern
from opendebate.meetings.importer import vocab
from opendebate.meetings.importer.briefers import introduced, read_briefers
from opendebate.meetings.importer.dates import find_dates, find_time
from opendebate.meetings.importer.document import Findings, Hit, Parts, sentence_end
from opendebate.meetings.importer.result import MeetingFields

# In order of precedence: "an open debate by videoconference" is a video-teleconference.
_FORMATS = tuple((label, re.compile(phrase_pattern(p))) for label, p in vocab.FORMATS.items())
_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"|«\s*([^»]+?)\s*»|„([^“”]+)[“”]|「([^」]+)」")
_BY_VIDEOCONFERENCE = re.compile(phrase_pattern(vocab.BY_VIDEOCONFERENCE))
_CHAIRED_BY = re.compile(rf"(?:{phrase_pattern(vocab.CHAIRED_BY)})\s+")
_CHAIR_PRECEDES = re.compile(rf"\s*(?:{phrase_pattern(vocab.CHAIR_PRECEDES)})")
_CHAIRED_BY_ZH = re.compile(r"由(?P<chair>[^。，；,;]{2,60}?)主持")


def read_meeting(parts: Parts, findings: Findings) -> MeetingFields:
    announced = next(
        ((p, found) for p in parts.letter if (found := _format_in(p)) is not None), None
    )
    announcement = announced[0] if announced else None
    date, after = _date(announcement, parts, findings)
    return MeetingFields(
        title=_title(announcement, findings),
        date=date,
        time=_time(announcement, after, findings),
        format=_format(announced, parts, findings),
        chair=_chair(parts, findings),
        briefers=read_briefers(parts, findings),
    )


def _format_in(paragraph: Paragraph) -> tuple[str, Hit] | None:
    folded = paragraph.folded.text
    for label, pattern in _FORMATS:
        match = pattern.search(folded)
        if match:
            hit = Hit.group(paragraph, match)
            start = _sentence_start(folded, match.start())
            sentence = folded[start : sentence_end(folded, match.end())]
            if label == "open_debate" and _BY_VIDEOCONFERENCE.search(sentence):
                return "open_vtc", hit
            return label, hit
    return None


def _format(
    announced: tuple[Paragraph, tuple[str, Hit]] | None, parts: Parts, findings: Findings
) -> str | None:
    # "Брифинг проведут:" introduces the briefers; it does not name the format.
    in_note = next(
        (
            found
            for p in parts.annex
            if introduced(p.folded.text) is None and (found := _format_in(p)) is not None
        ),
        None,
    )
    chosen = announced[1] if announced else in_note
    if chosen is None:
        findings.missing("meeting.format")
        return None
    label, hit = chosen
    findings.found("meeting.format", hit)
    if in_note is not None and in_note[0] != label:
        findings.warn(
            f"meeting.format is ambiguous: the letter says '{hit.text}' ({label}), the concept "
            f"note '{in_note[1].text}' ({in_note[0]}); the letter's is used"
        )
    return label


def _date(
    announcement: Paragraph | None, parts: Parts, findings: Findings
) -> tuple[datetime.date | None, int]:
    """The meeting date, from the announcement or else the note's title block (before its
    first section), and where it ends in the announcement (for the time that follows it)."""
    title_block = []
    for paragraph in parts.annex:
        if paragraph.kind == "heading":
            break
        title_block.append(paragraph)
    for paragraph in [*([announcement] if announcement else []), *title_block]:
        dates = find_dates(paragraph.folded.text)
        if dates:
            hit = Hit.folded(paragraph, dates[0].start, dates[0].end)
            findings.found("meeting.date", hit)
            if dates[0].value is None:
                findings.invalid_date("meeting.date", hit)
            return dates[0].value, dates[0].end if paragraph is announcement else 0
    findings.missing("meeting.date")
    return None, 0


def _time(announcement: Paragraph | None, after: int, findings: Findings) -> datetime.time | None:
    found = find_time(announcement.folded.text, after=after) if announcement else None
    if announcement is None or found is None:
        findings.missing("meeting.time")
        return None
    hit = Hit.folded(announcement, found.start, found.end)
    findings.found("meeting.time", hit)
    if found.value is None:
        findings.warn(f"meeting.time '{hit.text}' is not a valid time")
    return found.value


def _title(announcement: Paragraph | None, findings: Findings) -> str | None:
    match = _QUOTED.search(announcement.text) if announcement else None
    if announcement is None or match is None:
        findings.missing("meeting.title")
        return None
    group = next(index for index, text in enumerate(match.groups(), 1) if text)
    hit = Hit(announcement, match.start(group), match.end(group))
    findings.found("meeting.title", hit)
    return hit.text


def _chair(parts: Parts, findings: Findings) -> str | None:
    for paragraph in parts.text:
        folded = paragraph.folded.text
        if match := _CHAIRED_BY_ZH.search(folded):
            hit = Hit.group(paragraph, match, "chair")
        elif match := _CHAIRED_BY.search(folded):
            hit = Hit.folded(paragraph, match.end(), sentence_end(folded, match.end()))
        elif match := _CHAIR_PRECEDES.search(folded):
            start = _sentence_start(folded, match.start())
            end = start + len(folded[start : match.start()].rstrip(" ,،"))
            hit = Hit.folded(paragraph, start, end)
        else:
            continue
        findings.found("meeting.chair", hit)
        return hit.text
    findings.missing("meeting.chair")
    return None


def _sentence_start(folded: str, position: int) -> int:
    """Where the sentence holding `position` starts."""
    start = 0
    while (end := sentence_end(folded, start)) < position:
        start = end + 1
    return start

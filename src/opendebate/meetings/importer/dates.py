"""Dates and clock times as UN documents write them in the six languages.

One table of month names serves every language that spells months out: CLDR's names (through
Babel) for English, French, Spanish and Russian (whose dates use the genitive, "9 сентября"),
and for Arabic both CLDR's Gregorian names and the Levantine ones, because UN Arabic writes
each month as a pair, "أيلول/سبتمبر". Chinese dates are numeric ("2020年9月1日"). All searches
run on folded text (see `text.py`), so Arabic-Indic and full-width digits are plain digits.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Literal

from babel.dates import get_day_names, get_month_names

from opendebate.ingest.text import fold, phrase_pattern

# Locales whose CLDR month names UN documents use; ar_SY holds the Levantine names.
_MONTH_LOCALES = ("en", "fr", "es", "ru", "ar", "ar_SY")
# UN Arabic spells June and July "يونيه" and "يوليه", where CLDR has "يونيو" and "يوليو".
_UN_ARABIC_MONTHS = {"يونيه": 6, "يوليه": 7}
_CONTEXTS: tuple[Literal["format", "stand-alone"], ...] = ("format", "stand-alone")


def _month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    names = [
        (name, number)
        for locale in _MONTH_LOCALES
        for context in _CONTEXTS
        for number, name in get_month_names("wide", context=context, locale=locale).items()
    ]
    for name, number in [*names, *_UN_ARABIC_MONTHS.items()]:
        key = fold(name)
        if table.setdefault(key, number) != number:
            raise ValueError(f"month name {name!r} means two months")
    return table


MONTHS = _month_table()
# Weekday names, which dates often carry ("Thursday, 10 September", "jeudi 10 septembre").
WEEKDAYS = phrase_pattern(
    {
        *(
            name
            for locale in _MONTH_LOCALES
            for context in _CONTEXTS
            for name in get_day_names("wide", context=context, locale=locale).values()
        ),
        *(f"星期{day}" for day in "一二三四五六日天"),
    }
)
_MONTH = phrase_pattern(MONTHS)
# "1 September 2020", "1er septembre 2020", "1 de septiembre de 2020", "1 сентября 2020 года",
# "1 أيلول/سبتمبر 2020": one pattern, since the words around the month are few and distinct.
_SPELLED_DATE = re.compile(
    rf"(?<!\d)(?P<day>\d{{1,2}})(?:er)?\s+(?:de\s+)?(?P<month>{_MONTH})"
    rf"(?:\s*/\s*(?P<month2>{_MONTH}))?\s+(?:del?\s+)?(?P<year>\d{{4}})(?!\d)"
    r"(?:\s+(?:года(?!\w)|г\.))?"
)
_NUMERIC_DATE = re.compile(
    r"(?<!\d)(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"
)


@dataclass(frozen=True)
class DateMatch:
    """A date written in folded text at [start, end); `value` is None when it does not exist."""

    start: int
    end: int
    value: datetime.date | None


def _month(name: str) -> int:
    return MONTHS[" ".join(name.split())]


def _date_match(match: re.Match[str]) -> DateMatch:
    groups = match.groupdict()
    if groups.get("month2") is None or groups["month"].isdigit():
        month = int(groups["month"]) if groups["month"].isdigit() else _month(groups["month"])
    else:
        # The two halves of an Arabic pair must name the same month.
        first, second = _month(groups["month"]), _month(groups["month2"])
        month = first if first == second else 0
    try:
        value: datetime.date | None = datetime.date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        value = None
    return DateMatch(match.start(), match.end(), value)


def find_dates(folded: str) -> list[DateMatch]:
    """Every full date (day, month and year) in folded text, in reading order."""
    matches = [*_SPELLED_DATE.finditer(folded), *_NUMERIC_DATE.finditer(folded)]
    return [_date_match(match) for match in sorted(matches, key=lambda match: match.start())]


@dataclass(frozen=True)
class TimeMatch:
    start: int
    end: int
    value: datetime.time | None


_AFTERNOON = ("下午", "晚上", "p.m", "مساء")
_MORNING = ("上午", "a.m", "صباحا")
_TIMES = tuple(
    re.compile(pattern)
    for pattern in (
        # 上午10时, 下午3时30分
        r"(?P<half>上午|下午|中午|晚上)?\s*(?P<hour>\d{1,2})\s*[时点](?:\s*(?P<minute>\d{1,2})\s*分)?",
        # 10 a.m., 3.30 p.m.
        r"(?<![\d.])(?P<hour>\d{1,2})(?:[.:](?P<minute>\d{2}))?\s*(?P<half>[ap]\.m)\.?",
        # à 10 heures, 15 h 30
        r"(?<![\d.])(?P<hour>\d{1,2})\s*(?:heures?|h)(?:\s*(?P<minute>\d{2}))?(?!\w)",
        # a las 10.00 horas
        r"(?<![\d.])(?P<hour>\d{1,2})(?:[.:](?P<minute>\d{2}))?\s*horas(?!\w)",
        # в 10 ч 00 мин.
        r"(?<![\d.])(?P<hour>\d{1,2})\s*ч(?!\w)\.?(?:\s*(?P<minute>\d{2})\s*мин(?!\w)\.?)?",
        # الساعة 10:00 صباحا
        r"الساعة\s*(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?(?:\s*(?P<half>صباحا|مساء))?",
        # 12 noon, à midi, al mediodía, в полдень, الظهر
        r"(?<![\d.])(?:(?P<hour>12)\s*)?(?:noon|midday|midi|mediodia|полдень|полудня|الظهر)(?!\w)",
        # 18:00, wherever the language's own words are missing
        r"(?<![\d.:])(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?![\d:])",
    )
)


def _time_match(match: re.Match[str]) -> TimeMatch:
    groups = match.groupdict()
    hour, minute = int(groups["hour"] or 12), int(groups.get("minute") or 0)  # noon: no hour
    half = groups.get("half") or ""
    if half in _AFTERNOON and hour < 12:
        hour += 12
    elif half in _MORNING and hour == 12:
        hour = 0
    valid = hour < 24 and minute < 60
    return TimeMatch(match.start(), match.end(), datetime.time(hour, minute) if valid else None)


def find_time(folded: str, *, after: int = 0) -> TimeMatch | None:
    """The first clock time at or after `after`, else the first one before it."""
    matches = sorted(
        (match for pattern in _TIMES for match in pattern.finditer(folded)),
        key=lambda match: (match.start() < after, match.start()),
    )
    return _time_match(matches[0]) if matches else None

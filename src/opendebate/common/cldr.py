"""Dates, times and numbers in the reader's UI language, from the CLDR data that Babel ships.

Django's `date` filter takes one fixed pattern for every language ("j F Y" is English order
even with French month names); CLDR gives each locale its own order, words and punctuation
("8 septembre 2020", "2020年9月8日", "8 سبتمبر 2020"). Moments are shown in New York time, the
Council's, always with their UTC offset so that nobody has to know what EDT means.
"""

from __future__ import annotations

import datetime
from typing import Literal

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time, get_datetime_format
from babel.numbers import format_decimal
from django.utils import timezone
from django.utils.translation import get_language, to_locale

# The UN writes English dates day first ("8 September 2020", its editorial manual) and times
# on the 24-hour clock in tables; CLDR's plain "en" is American ("September 8, 2020, 10:00 AM"),
# its "en_GB" is the UN's form.
_LOCALES = {"en": "en_GB"}

Width = Literal["full", "long", "medium", "short"]
WIDTHS: tuple[Width, ...] = ("full", "long", "medium", "short")


def width_named(name: str) -> Width:
    """A CLDR width from a template's argument; a misspelt one is an error, not a guess."""
    for width in WIDTHS:
        if width == name:
            return width
    raise ValueError(f"{name!r} is not a CLDR width: {', '.join(WIDTHS)}")


def babel_locale(language: str | None = None) -> str:
    """The Babel locale of a Django UI language code ("zh-hans" → "zh_Hans"); the active one by
    default."""
    code = (language or get_language() or "en").lower()
    return _LOCALES.get(code, to_locale(code))


def browser_locale(language: str | None = None) -> str:
    """The same locale as a BCP 47 tag for Intl in the browser, its digits named so that a
    browser with older CLDR data writes the same ones as the server ("ar-u-nu-latn")."""
    locale = babel_locale(language)
    digits = Locale.parse(locale).default_numbering_system
    return f"{locale.replace('_', '-')}-u-nu-{digits}"


def new_york(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment, timezone.get_default_timezone())


def utc_offset(moment: datetime.datetime) -> str:
    """ "UTC−04:00" for a New York time (with a real minus sign, as CLDR and typesetters write it)."""
    offset = new_york(moment).utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def long_date(value: datetime.date, language: str | None = None, *, width: Width = "long") -> str:
    """A date in words, in CLDR's `width` ("full" adds the weekday); a moment gives its New York
    date."""
    if isinstance(value, datetime.datetime):
        value = new_york(value).date()
    return format_date(value, width, locale=babel_locale(language))


def short_date(value: datetime.date, language: str | None = None) -> str:
    """Day and abbreviated month, no year ("8 Sept", "9月8日"), for a chart's axis."""
    if isinstance(value, datetime.datetime):
        value = new_york(value).date()
    return format_skeleton("MMMd", value, locale=babel_locale(language))


def month_of_year(year: int, month: int, language: str | None = None) -> str:
    """A month standing alone, with its year ("September 2020", "сентябрь 2020 г.", "2020年9月")."""
    return format_skeleton("yMMMM", datetime.date(year, month, 1), locale=babel_locale(language))


def new_york_datetime(
    moment: datetime.datetime,
    language: str | None = None,
    *,
    width: Width = "long",
    seconds: bool = False,
) -> str:
    """ "8 September 2020, 10:00 (UTC−04:00)": the New York date in CLDR's `width`, its time
    (short, or medium for the seconds a receipt needs), joined by the locale's own pattern,
    then the offset."""
    locale = babel_locale(language)
    local = new_york(moment)
    joined = (
        str(get_datetime_format(width, locale=locale))
        .replace("'", "")  # quoted literals, as Babel's own format_datetime unquotes them
        .replace("{1}", format_date(local.date(), width, locale=locale))
        .replace("{0}", format_time(local, "medium" if seconds else "short", locale=locale))
    )
    return f"{joined} ({utc_offset(moment)})"


def number(value: float, language: str | None = None) -> str:
    """A number with the locale's grouping and decimal signs ("12 345" in French)."""
    return format_decimal(value, locale=babel_locale(language))

"""Template filters that show dates, times and numbers the CLDR way, in the UI language
(opendebate.common.cldr): `{{ meeting.deadline|cldr_datetime:"full" }}`; and names and titles
in the reader's language where they exist: `{{ entity|local_name }}`, `{% meeting_title m %}`,
`{% local_text briefer.functions %}`."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from opendebate.common import cldr
from opendebate.common.languages import Language

if TYPE_CHECKING:
    from opendebate.entities.models import Entity
    from opendebate.meetings.models import Meeting

register = template.Library()


@register.filter
def cldr_date(value: datetime.date | None, width: str = "long") -> str:
    """ "8 September 2020", "2020年9月8日"; a moment gives its New York date."""
    return "" if value is None else cldr.long_date(value, width=cldr.width_named(width))


@register.filter
def cldr_datetime(value: datetime.datetime | None, width: str = "long") -> str:
    """ "8 September 2020, 10:00 (UTC−04:00)": New York time with its offset. The argument is
    the date's CLDR width ("full", "long", "medium"), with ",seconds" where they matter."""
    if value is None:
        return ""
    date_width, _, precision = width.partition(",")
    return cldr.new_york_datetime(
        value, width=cldr.width_named(date_width), seconds=precision == "seconds"
    )


@register.filter
def cldr_month(month: int, year: int) -> str:
    """ "September 2020" for `{{ month|cldr_month:year }}`."""
    return cldr.month_of_year(year, month)


@register.filter
def cldr_number(value: float | None) -> str:
    """ "12,345", "12 345", "12.345"."""
    return "" if value is None else cldr.number(value)


@register.filter
def utc_offset(value: datetime.datetime | None) -> str:
    """ "UTC−04:00" alone, beside a time written another way (the receipt's ISO form)."""
    return "" if value is None else cldr.utc_offset(value)


@register.filter
def local_name(entity: Entity) -> str:
    """The entity's UN short name in the reader's language."""
    return entity.name(Language.of_reader().value)


@register.simple_tag
def meeting_title(meeting: Meeting) -> SafeString:
    """The meeting's title in the reader's language when it has one, marked with the language
    it is actually written in, so that a French title on an Arabic page runs left to right."""
    reader = Language.of_reader().value
    return _marked(meeting.title(reader), meeting.title_language(reader))


@register.simple_tag
def local_text(texts: dict[str, str]) -> SafeString:
    """A fact stored per language (a briefer's function, the chair) in the reader's language
    when it has it, else in the first language it has, marked with that language."""
    reader = Language.of_reader().value
    language = next((code for code in (reader, *Language.values) if texts.get(code)), reader)
    return _marked(texts.get(language, ""), Language(language))


def _marked(text: str, language: Language) -> SafeString:
    return format_html(
        '<span lang="{}" dir="{}">{}</span>',
        language.ui_code,
        "rtl" if language.is_rtl else "ltr",
        text,
    )

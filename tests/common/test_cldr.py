"""Dates, times and numbers in the six UI languages, as CLDR writes them."""

from __future__ import annotations

import datetime

import pytest
from django.template import engines
from django.utils import translation

from opendebate.common.cldr import babel_locale, browser_locale

# 14:00:05 UTC is 10:00:05 in New York in September (daylight time, UTC−04:00); 15:30 UTC in
# December is 10:30 (standard time, UTC−05:00).
SEPTEMBER = datetime.datetime(2020, 9, 8, 14, 0, 5, tzinfo=datetime.UTC)
DECEMBER = datetime.datetime(2020, 12, 8, 15, 30, tzinfo=datetime.UTC)
NNBSP, NBSP, RLM = "\u202f", "\xa0", "\u200f"


def render(language: str, source: str, **context: object) -> str:
    template = engines["django"].from_string("{% load opendebate %}" + source)
    with translation.override(language):
        return template.render(context)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "8 September 2020"),
        ("fr", "8 septembre 2020"),
        ("ar", "8 سبتمبر 2020"),
        ("zh-hans", "2020年9月8日"),
        ("ru", f"8 сентября 2020{NNBSP}г."),
        ("es", "8 de septiembre de 2020"),
    ],
)
def test_cldr_date_is_the_long_form_of_the_language(language: str, expected: str) -> None:
    assert render(language, "{{ day|cldr_date }}", day=datetime.date(2020, 9, 8)) == expected
    # A moment gives its New York date: 02:00 UTC on the 9th is still the 8th there.
    late = datetime.datetime(2020, 9, 9, 2, tzinfo=datetime.UTC)
    assert render(language, "{{ moment|cldr_date }}", moment=late) == expected


@pytest.mark.parametrize(
    ("language", "september", "december_full"),
    [
        (
            "en",
            "8 September 2020, 10:00 (UTC−04:00)",
            "Tuesday, 8 December 2020, 10:30 (UTC−05:00)",
        ),
        (
            "fr",
            "8 septembre 2020, 10:00 (UTC−04:00)",
            "mardi 8 décembre 2020, 10:30 (UTC−05:00)",
        ),
        (
            "ar",
            "8 سبتمبر 2020، 10:00 ص (UTC−04:00)",
            "الثلاثاء، 8 ديسمبر 2020، 10:30 ص (UTC−05:00)",
        ),
        (
            "zh-hans",
            "2020年9月8日 10:00 (UTC−04:00)",
            "2020年12月8日星期二 10:30 (UTC−05:00)",
        ),
        (
            "ru",
            f"8 сентября 2020{NNBSP}г., 10:00 (UTC−04:00)",
            f"вторник, 8 декабря 2020{NNBSP}г., 10:30 (UTC−05:00)",
        ),
        (
            "es",
            "8 de septiembre de 2020, 10:00 (UTC−04:00)",
            "martes, 8 de diciembre de 2020, 10:30 (UTC−05:00)",
        ),
    ],
)
def test_cldr_datetime_is_new_york_time_with_its_offset(
    language: str, september: str, december_full: str
) -> None:
    assert render(language, "{{ moment|cldr_datetime }}", moment=SEPTEMBER) == september
    assert render(language, '{{ moment|cldr_datetime:"full" }}', moment=DECEMBER) == december_full


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "8 Sept 2020, 10:00:05 (UTC−04:00)"),
        ("fr", "8 sept. 2020, 10:00:05 (UTC−04:00)"),
        ("ar", f"08{RLM}/09{RLM}/2020، 10:00:05 ص (UTC−04:00)"),
        ("zh-hans", "2020年9月8日 10:00:05 (UTC−04:00)"),
    ],
)
def test_cldr_datetime_medium_with_seconds_for_receipts(language: str, expected: str) -> None:
    source = '{{ moment|cldr_datetime:"medium,seconds" }}'
    assert render(language, source, moment=SEPTEMBER) == expected


@pytest.mark.parametrize(
    ("language", "whole", "decimal"),
    [
        ("en", "12,345", "1,234.5"),
        ("fr", f"12{NNBSP}345", f"1{NNBSP}234,5"),
        ("ar", "12,345", "1,234.5"),
        ("zh-hans", "12,345", "1,234.5"),
        ("ru", f"12{NBSP}345", f"1{NBSP}234,5"),
        ("es", "12.345", "1.234,5"),
    ],
)
def test_cldr_number_groups_and_separates_as_the_language_does(
    language: str, whole: str, decimal: str
) -> None:
    source = "{{ whole|cldr_number }}|{{ decimal|cldr_number }}"
    assert render(language, source, whole=12345, decimal=1234.5) == f"{whole}|{decimal}"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "September 2020"),
        ("fr", "septembre 2020"),
        ("ar", "سبتمبر 2020"),
        ("zh-hans", "2020年9月"),
        ("ru", f"сентябрь 2020{NNBSP}г."),
        ("es", "septiembre de 2020"),
    ],
)
def test_cldr_month_stands_alone_with_its_year(language: str, expected: str) -> None:
    assert render(language, "{{ month|cldr_month:2020 }}", month=9) == expected


def test_filters_show_nothing_for_a_missing_value() -> None:
    source = "[{{ none|cldr_date }}{{ none|cldr_datetime }}{{ none|cldr_number }}]"
    assert render("fr", source, none=None) == "[]"


def test_ui_languages_map_to_babel_and_browser_locales() -> None:
    assert [babel_locale(code) for code in ("ar", "zh-hans", "en", "fr", "ru", "es")] == [
        "ar",
        "zh_Hans",
        "en_GB",
        "fr",
        "ru",
        "es",
    ]
    assert browser_locale("zh-hans") == "zh-Hans-u-nu-latn"
    assert browser_locale("ar") == "ar-u-nu-latn"
    with translation.override("fr"):
        assert babel_locale() == "fr"

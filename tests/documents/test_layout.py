from __future__ import annotations

import dataclasses

import pytest

from opendebate.documents import layout
from opendebate.documents.layout import font_size, is_rtl, running_job_number
from opendebate.documents.model import UNDocument


@pytest.mark.parametrize(
    ("job_number", "running"),
    [("20-08902 (F) 130720 120820", "20-08902"), ("20-11568 (C)", "20-11568"), ("", "")],
)
def test_running_job_number_drops_language_and_dates(
    letter: UNDocument, job_number: str, running: str
) -> None:
    assert running_job_number(dataclasses.replace(letter, job_number=job_number)) == running


def test_only_arabic_runs_right_to_left() -> None:
    assert [is_rtl(code) for code in ("ar", "zh", "en", "fr", "ru", "es")] == [
        True,
        False,
        False,
        False,
        False,
        False,
    ]


def test_arabic_and_chinese_are_set_larger() -> None:
    assert [font_size(code) for code in ("ar", "zh", "en")] == [13, 11, 10]


def test_isolate_symbols_wraps_each_symbol_and_not_the_full_stop_after_it() -> None:
    text = "See S/____/___, S/PRST/2020/1 and A/75/649. Then 50/50 and km/h."
    assert layout.isolate_symbols(text) == (
        "See \u2066S/____/___\u2069, \u2066S/PRST/2020/1\u2069 and \u2066A/75/649\u2069. "
        "Then 50/50 and km/h."
    )


def test_isolate_symbols_keeps_a_hyphen_or_a_full_stop_inside_the_symbol() -> None:
    text = "S/2020/DEMO-1 revises S/2020/900/Rev.1 - see S/2020/900-"
    assert layout.isolate_symbols(text) == (
        "\u2066S/2020/DEMO-1\u2069 revises \u2066S/2020/900/Rev.1\u2069 - see "
        "\u2066S/2020/900\u2069-"
    )


def test_breakable_puts_a_break_opportunity_in_a_run_too_long_for_a_line() -> None:
    assert layout.breakable("x" * 100) == "x" * 40 + "\u200b" + "x" * 40 + "\u200b" + "x" * 20


def test_breakable_leaves_words_urls_with_slashes_and_chinese_alone() -> None:
    word = "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz"
    url = "https://example.org/" + "abcdef/" * 20
    text = f"{word} {url} {'中' * 300}"
    assert layout.breakable(text) == text


def test_breakable_never_separates_a_letter_from_its_marks() -> None:
    run = "x" * 39 + "e\u0301\u0301" + "x" * 60
    assert layout.breakable(run).split("\u200b")[0] == "x" * 39 + "e\u0301\u0301"

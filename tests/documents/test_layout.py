from __future__ import annotations

import dataclasses

import pytest

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

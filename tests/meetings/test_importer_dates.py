"""The importer's dates and times in six languages, found in folded text."""

from __future__ import annotations

import datetime

import pytest

from opendebate.ingest.text import fold
from opendebate.meetings.importer.dates import MONTHS, find_dates, find_time


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1 September 2020", datetime.date(2020, 9, 1)),
        ("1er septembre 2020", datetime.date(2020, 9, 1)),
        ("17 février 2021", datetime.date(2021, 2, 17)),
        ("3 août 2020", datetime.date(2020, 8, 3)),
        ("1 de septiembre de 2020", datetime.date(2020, 9, 1)),
        ("1 сентября 2020 года", datetime.date(2020, 9, 1)),
        ("31 декабря 2020 г.", datetime.date(2020, 12, 31)),
        ("2020年9月1日", datetime.date(2020, 9, 1)),
        ("2020 年 9 月 1 日", datetime.date(2020, 9, 1)),
        ("２０２０年９月１日", datetime.date(2020, 9, 1)),
        ("1 أيلول/سبتمبر 2020", datetime.date(2020, 9, 1)),
        ("١ أيلول/سبتمبر ٢٠٢٠", datetime.date(2020, 9, 1)),
        ("1 سبتمبر 2020", datetime.date(2020, 9, 1)),
        ("1 أيلول 2020", datetime.date(2020, 9, 1)),
        ("5 كانون الثاني/يناير 2021", datetime.date(2021, 1, 5)),
        ("14 حزيران/يونيه 2020", datetime.date(2020, 6, 14)),
        ("3 تموز/يوليه 2020", datetime.date(2020, 7, 3)),
        ("31 September 2020", None),
        ("29 février 2021", None),
        ("30 февраля 2020 года", None),
        ("2020年2月30日", None),
        ("1 أيلول/أكتوبر 2020", None),  # the halves of the pair disagree
    ],
)
def test_dates_in_six_languages(written: str, expected: datetime.date | None) -> None:
    folded = fold(f"Dated {written}.")
    [found] = find_dates(folded)
    assert found.value == expected
    assert folded[found.start : found.end] == fold(written)


def test_months_are_unambiguous_across_languages() -> None:
    # Every spelling of every month, from CLDR and the UN's Arabic forms, means one month.
    assert MONTHS["september"] == MONTHS["septembre"] == MONTHS["сентября"] == 9
    assert MONTHS[fold("أيلول")] == MONTHS[fold("سبتمبر")] == 9
    assert MONTHS[fold("يونيه")] == MONTHS[fold("يونيو")] == 6


@pytest.mark.parametrize(
    "text", ["in September 2020", "2020 年 9 月份", "on 9/9/2020", "resolution 2286 (2016)"]
)
def test_partial_dates_are_not_dates(text: str) -> None:
    assert find_dates(fold(text)) == []


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("上午10时", datetime.time(10, 0)),
        ("上午 10时", datetime.time(10, 0)),
        ("下午3时30分", datetime.time(15, 30)),
        ("at 10 a.m.", datetime.time(10, 0)),
        ("at 3.30 p.m.", datetime.time(15, 30)),
        ("à 10 heures", datetime.time(10, 0)),
        ("à 15 h 30", datetime.time(15, 30)),
        ("a las 10.00 horas", datetime.time(10, 0)),
        ("в 10 ч 00 мин.", datetime.time(10, 0)),
        ("الساعة 10:00", datetime.time(10, 0)),
        ("الساعة ١٥:٣٠", datetime.time(15, 30)),
        ("à 25 heures", None),
    ],
)
def test_times_in_six_languages(written: str, expected: datetime.time | None) -> None:
    found = find_time(fold(written))
    assert found is not None
    assert found.value == expected

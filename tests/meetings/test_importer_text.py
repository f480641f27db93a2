"""The importer's text layer: dates and times in six languages, folding, PDF text cleaning."""

from __future__ import annotations

import datetime

import pytest

from opendebate.meetings.importer.clean import clean
from opendebate.meetings.importer.dates import MONTHS, find_dates, find_time
from opendebate.meetings.importer.text import Folded, fold


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


def test_fold_maps_back_to_the_original() -> None:
    folded = Folded.of("Le Níger, ١٤ ﬁn")
    assert folded.text == "le niger, 14 fin"
    start = folded.text.index("niger")
    assert folded.span(start, start + 5) == (3, 8)
    # One original character ("ﬁ") may fold to two.
    assert folded.span(13, 15) == (13, 14)


def paragraphs(text: str) -> list[str]:
    return [paragraph.text for paragraph in clean(text).paragraphs]


def test_clean_drops_page_furniture_and_rejoins_the_paragraph() -> None:
    text = (
        "      The Council will meet in the Chamber to consider the question of the protection\n"
        "of civilians in armed conflict, as it has done each year since it first adopted a\n"
        "\n"
        "20-11568 (C)    030920    040920\n"
        "*2011568*\n"
        "Please recycle\n"
        "2/3                                                                20-11568\n"
        "S/2020/866\n"
        "\n"
        "resolution on the matter.\n"
        "请回收\n"
        "20-11568    3/3\n"
    )
    assert paragraphs(text) == [
        "The Council will meet in the Chamber to consider the question of the protection of "
        "civilians in armed conflict, as it has done each year since it first adopted a "
        "resolution on the matter."
    ]
    symbols = clean(text).symbols
    assert [(furniture.symbol, furniture.line) for furniture in symbols] == [("S/2020/866", 8)]


def test_clean_joins_cjk_without_a_space_and_latin_with_one() -> None:
    text = (
        " 作为安全理事会主席，尼日尔打算于 2020 年 9 月 8 日上午 10\n"
        "时组织一次主题为“联合国与区域和次区域组织的合作”的公开视频会议。\n"
    )
    assert paragraphs(text) == [
        "作为安全理事会主席，尼日尔打算于 2020 年 9 月 8 日上午 10时组织一次主题为“联合国与区域"
        "和次区域组织的合作”的公开视频会议。"
    ]


def test_clean_joins_arabic_with_a_space() -> None:
    text = (
        "تعتزم تونس أن تعقد مناقشة مفتوحة عن طريق التداول بالفيديو بشأن دور المرأة في\n"
        "الوساطة الإقليمية، وذلك في إطار رئاستها لمجلس الأمن لشهر كانون الثاني/يناير.\n"
        "وقد أعدت تونس مذكرة مفاهيمية لتوجيه المناقشة في هذا الشأن بين الوفود\n"
        "المهتمة.\n"
    )
    [paragraph] = paragraphs(text)
    assert "بشأن دور المرأة في الوساطة الإقليمية، وذلك" in paragraph


# Each case: the end of a full line, and the start of the next.
@pytest.mark.parametrize(
    ("end", "start", "expected"),
    [
        # A typesetter's break: the fragments are not words of the document.
        ("depends on the sustained and practical coop-", "eration of the parties", "cooperation"),
        # The compound is written whole elsewhere in the document.
        ("will hold an open video-", "teleconference on the theme", "video-teleconference"),
        # "conflict" is a word on its own elsewhere: the hyphen belongs to the compound.
        ("stock of the resolution on conflict-", "induced hunger, a", "conflict-induced"),
        # A capital after the hyphen: never a break inside a word.
        ("addressed to the Secretary-", "General of the United", "Secretary-General"),
        # A soft hyphen is always a break.
        ("of the cooperation between the two organiza\u00ad", "tions in the", "organizations"),
    ],
)
def test_clean_removes_only_line_end_hyphenation(end: str, start: str, expected: str) -> None:
    text = (
        "The video-teleconference of the Council and the conflict in the region cooperate;\n"
        f"the members agreed to meet again in the coming weeks, and {end}\n"
        f"{start} concerned.\n"
    )
    assert expected in " ".join(paragraphs(text))


def test_clean_keeps_paragraph_boundaries() -> None:
    text = (
        "      1. Background\n"
        "      The first paragraph runs over two lines of the page, as a long sentence with\n"
        "several clauses does when it is printed.\n"
        "      The second paragraph starts with an indent.\n"
        "   • A bullet that runs over the end of its line and continues on the next line of\n"
        "     the page;\n"
        "   • A second bullet.\n"
        "\n"
        "A paragraph after a blank line.\n"
        "[Original: French]\n"
    )
    result = clean(text).paragraphs
    assert [(p.kind, p.text) for p in result] == [
        ("heading", "1. Background"),
        (
            "text",
            "The first paragraph runs over two lines of the page, as a long sentence with "
            "several clauses does when it is printed.",
        ),
        ("text", "The second paragraph starts with an indent."),
        (
            "bullet",
            "A bullet that runs over the end of its line and continues on the next line of "
            "the page;",
        ),
        ("bullet", "A second bullet."),
        ("text", "A paragraph after a blank line."),
        ("text", "[Original: French]"),
    ]
    assert result[1].lines() == (2, 3)


def test_clean_of_unwrapped_text_keeps_each_line_a_paragraph() -> None:
    # DOCX text: one paragraph per line, however the lines end.
    text = (
        "Letter dated 15 May 2020 from the Permanent Representative of Estonia to the United "
        "Nations addressed to the Secretary-General\n"
        "Estonia intends to convene an open video-teleconference on 27 May 2020.\n"
    )
    assert len(paragraphs(text)) == 2


def test_clean_reads_numbered_lines_after_a_colon_as_list_items() -> None:
    text = (
        "      3. Format\n"
        "      The meeting will be held in the Security Council Chamber, and the members of\n"
        "the Council will be joined by the briefers listed below, who will each speak for\n"
        "no more than seven minutes.\n"
        "      Briefers:\n"
        "      1. Ms. Ana Pérez, Director of the Division for Peace Operations in the\n"
        "         Department of Peace Operations\n"
        "      2. Mr. Li Wei, Professor\n"
        "      4. Outcome\n"
        "      No outcome is expected.\n"
    )
    assert [(p.kind, p.text) for p in clean(text).paragraphs] == [
        ("heading", "3. Format"),
        (
            "text",
            "The meeting will be held in the Security Council Chamber, and the members of the "
            "Council will be joined by the briefers listed below, who will each speak for no "
            "more than seven minutes.",
        ),
        ("text", "Briefers:"),
        (
            "item",
            "1. Ms. Ana Pérez, Director of the Division for Peace Operations in the Department "
            "of Peace Operations",
        ),
        ("item", "2. Mr. Li Wei, Professor"),
        # The list counts 1, 2: a 4 is the next section.
        ("heading", "4. Outcome"),
        ("text", "No outcome is expected."),
    ]

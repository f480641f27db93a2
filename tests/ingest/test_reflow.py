"""Re-flowing extracted text: page furniture dropped, line wraps joined, paragraphs, bullets,
headings and list items kept, in Latin, Arabic and Chinese script."""

from __future__ import annotations

import pytest

from opendebate.ingest.reflow import reflow


def paragraphs(text: str) -> list[str]:
    return [paragraph.text for paragraph in reflow(text).paragraphs]


def test_reflow_drops_page_furniture_and_rejoins_the_paragraph() -> None:
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
    symbols = reflow(text).symbols
    assert [(furniture.symbol, furniture.line) for furniture in symbols] == [("S/2020/866", 8)]


def test_reflow_joins_cjk_without_a_space_and_latin_with_one() -> None:
    text = (
        " 作为安全理事会主席，尼日尔打算于 2020 年 9 月 8 日上午 10\n"
        "时组织一次主题为“联合国与区域和次区域组织的合作”的公开视频会议。\n"
    )
    assert paragraphs(text) == [
        "作为安全理事会主席，尼日尔打算于 2020 年 9 月 8 日上午 10时组织一次主题为“联合国与区域"
        "和次区域组织的合作”的公开视频会议。"
    ]


def test_reflow_joins_arabic_with_a_space() -> None:
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
def test_reflow_removes_only_line_end_hyphenation(end: str, start: str, expected: str) -> None:
    text = (
        "The video-teleconference of the Council and the conflict in the region cooperate;\n"
        f"the members agreed to meet again in the coming weeks, and {end}\n"
        f"{start} concerned.\n"
    )
    assert expected in " ".join(paragraphs(text))


def test_reflow_keeps_paragraph_boundaries() -> None:
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
    result = reflow(text).paragraphs
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


def test_reflow_of_unwrapped_text_keeps_each_line_a_paragraph() -> None:
    # DOCX text: one paragraph per line, however the lines end.
    text = (
        "Letter dated 15 May 2020 from the Permanent Representative of Estonia to the United "
        "Nations addressed to the Secretary-General\n"
        "Estonia intends to convene an open video-teleconference on 27 May 2020.\n"
    )
    assert len(paragraphs(text)) == 2


def test_reflow_reads_numbered_lines_after_a_colon_as_list_items() -> None:
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
    assert [(p.kind, p.text) for p in reflow(text).paragraphs] == [
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

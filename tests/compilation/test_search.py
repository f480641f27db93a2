"""Folding and matching for the search of issued annexes: pure, no database."""

from __future__ import annotations

import pytest

from opendebate.compilation.search import (
    Snippet,
    find,
    fold,
    fold_lines,
    normalize,
    snippet,
    terms,
)
from tests.statements.conftest import ARABIC, CHINESE, FRENCH


def test_fold_strips_accents_and_case() -> None:
    assert fold("Coopération ÉLECTORALE").text == "cooperation electorale"


def test_fold_strips_arabic_harakat_superscript_alef_and_tatweel() -> None:
    assert fold("الأُمَمِ المُتَّحِدَة").text == fold("الامم المتحده").text == "الامم المتحده"
    assert fold("رحمـــٰن").text == "رحمن"


@pytest.mark.parametrize(
    ("written", "folded"),
    [("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه")],
)
def test_fold_unifies_arabic_letters_writers_interchange(written: str, folded: str) -> None:
    assert fold(written).text == folded


def test_fold_makes_full_width_forms_and_digits_plain() -> None:
    assert fold("ＵＮ　١٩٩٧ ﬁn").text == "un 1997 fin"


def test_fold_collapses_white_space_and_remembers_origins() -> None:
    folded = fold("a \n\t b\u0640c")
    assert folded == fold("a \n\t b\u0640c")
    assert folded.text == "a bc"
    assert folded.origin == (0, 1, 5, 7)


@pytest.mark.parametrize("text", [FRENCH, ARABIC, CHINESE, "  a ¨ b\u00a0\u0640 ﬁ\n\nß  ", ""])
def test_normalize_is_fold_without_origins(text: str) -> None:
    assert normalize(text) == fold(text).text


def test_fold_unifies_apostrophes() -> None:
    assert fold("l’accord").text == fold("l'accord").text == "l'accord"


def test_fold_lines_keeps_one_line_for_each_line_in_arabic_and_chinese() -> None:
    text = "الأُمَم  المتحدة\n\n  联合国　合作\n"
    assert fold_lines(text) == "الامم المتحده\n\n联合国 合作\n"
    assert fold_lines(text).replace("\n", " ").split() == normalize(text).split()


@pytest.mark.parametrize("text", [FRENCH, ARABIC, CHINESE])
def test_find_with_the_kept_folded_lines_finds_what_it_finds_alone(text: str) -> None:
    for query in ("cooperation", "الامم", "合国", "Sahel médiation"):
        assert find(text, terms(query), fold_lines(text)) == find(text, terms(query))


def test_terms_are_folded_deduplicated_words() -> None:
    assert terms("  Sécurité  sécurité Sahel ") == ("securite", "sahel")
    assert terms("联合国") == ("联合国",)
    assert terms(" \u064e ") == ()


def test_terms_read_at_most_200_characters() -> None:
    assert terms("a" * 500) == ("a" * 200,)


def test_find_french_word_written_without_its_accent() -> None:
    assert find(FRENCH, terms("cooperation")) == Snippet(
        "…à la prévention. Notre délégation salue l'accord de ",
        "coopération",
        " de 1997 et ses résultats au Sahel, où la médiation et…",
    )


@pytest.mark.parametrize("query", ["الأمم", "الامم", "الأُمَم", "إلامم", "الأمـــم"])
def test_find_arabic_word_with_or_without_diacritics_and_any_alef(query: str) -> None:
    found = find(ARABIC, terms(query))
    assert found is not None
    assert found.hit == "الأمم"


def test_find_chinese_substring_of_two_characters() -> None:
    assert find(CHINESE, terms("合国")) == Snippet(
        "我国代表团欢迎联",
        "合国",
        "与法语国家国际组织在预防冲突方面的合作，并强调多种语文在维持和平行动中的重要性。",
    )


def test_find_needs_every_term() -> None:
    assert find(FRENCH, terms("Sahel médiation")) is not None
    assert find(FRENCH, terms("Sahel Darfour")) is None
    assert find(FRENCH, terms("")) is None


def test_find_marks_the_earliest_hit_of_any_term() -> None:
    found = find("one two three", terms("three two"))
    assert found == Snippet("one ", "two", " three")


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("第一段落\n\n联合国合作\n合作", "合作 一段", Snippet("第", "一段", "落")),
        ("مقدمة\nالتعاون مع الأُمَم\nالتعاون", "الامم التعاون", Snippet("", "التعاون", " مع الأُمَم")),
        ("alpha\r\n  beta gamma", "gamma", Snippet(" beta ", "gamma", "")),
        # Many more characters written than folded before the hit, and a mark after it.
        (
            "مقدمة\n" + "بَ" * 25 + " الأُمَمُ المتحدة",
            "الامم",
            Snippet("بَ" * 25 + " ", "الأُمَمُ", " المتحدة"),
        ),
        (
            "序言\n" + "\u3000" * 30 + "联合国合作\u0301",
            "合作",
            Snippet(" 联合国", "合作\u0301", ""),
        ),
    ],
)
def test_find_marks_the_first_hit_in_the_first_paragraph_holding_a_term(
    text: str, query: str, expected: Snippet
) -> None:
    assert find(text, terms(query)) == expected


def test_find_reports_the_hit_as_written_with_its_marks() -> None:
    assert find("cafe\u0301 noir", terms("cafe")) == Snippet("", "cafe\u0301", " noir")
    assert find("die Straße", terms("strasse")) == Snippet("die ", "Straße", "")
    assert find("die Straße", terms("s")) == Snippet("die ", "S", "traße")


def test_snippet_stays_in_the_paragraph_of_the_hit() -> None:
    text = "Annex 9\nStatement by Egypt\n[Original: Arabic]\nThe body."
    assert find(text, terms("egypt")) == Snippet("Statement by ", "Egypt", "")


def test_snippet_cuts_at_a_space_with_an_ellipsis() -> None:
    text = "word " * 30 + "hit" + " word" * 30
    start = text.index("hit")
    assert snippet(text, start, start + 3, context=20) == Snippet(
        "…word word word ", "hit", " word word word…"
    )


def test_snippet_cuts_unspaced_text_anywhere() -> None:
    assert snippet("一二三四五六七八九十", 5, 6, context=2) == Snippet("…四五", "六", "七八…")


def test_snippet_keeps_markup_as_plain_text() -> None:
    text = "before <script>alert(1)</script> after"
    assert find(text, terms("script")) == Snippet("before <", "script", ">alert(1)</script> after")

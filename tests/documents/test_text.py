from __future__ import annotations

from opendebate.documents.model import BlockStyle
from opendebate.documents.text import (
    Unprintable,
    clean_blocks,
    clean_text,
    document_texts,
    unprintable,
)

from .samples import block, chinese_letter


def test_clean_text_removes_non_characters_in_every_plane() -> None:
    text = "a\ufffeb\uffffc\ufdd0d\ufdefe\U0001fffef\U0010ffffg"
    assert clean_text(text) == "abcdefg"


def test_clean_text_removes_controls_and_lone_surrogates() -> None:
    assert clean_text("a\x00b\x07c\x7fd\x85e\ud800f\udfffg") == "abcdefg"


def test_clean_text_keeps_tabs_and_line_feeds_and_ends_lines_with_them() -> None:
    assert clean_text("a\tb\nc\r\nd\re") == "a\tb\nc\nd\ne"


def test_clean_text_turns_word_separating_controls_into_spaces() -> None:
    assert clean_text("end\x0bstart\x0cnext\x1fword") == "end start next word"


def test_clean_text_keeps_every_assigned_character() -> None:
    text = "שלום नमस्ते 𠀀 😀 \u200d\u2066S/2020/1\u2069 \ufffd \u00a0"
    assert clean_text(text) == text


def test_clean_blocks_cleans_runs_and_markers() -> None:
    (cleaned,) = clean_blocks([block("a\ufffeb", "en", BlockStyle.LIST_ITEM, marker="\x01•")])
    assert (cleaned.text, cleaned.marker) == ("ab", "•")


def test_unprintable_lists_each_character_with_its_places_in_reading_order() -> None:
    texts = [("heading", "ok"), ("paragraph 1", "𠀀 བ"), ("paragraph 2", "བ 𠀀 𠀀")]
    assert unprintable(texts) == [
        Unprintable("𠀀", ("paragraph 1", "paragraph 2")),
        Unprintable("བ", ("paragraph 1", "paragraph 2")),
    ]
    assert unprintable(texts)[0].code_point == "U+20000"


def test_document_texts_name_the_annex_and_paragraph_of_each_text() -> None:
    places = [place for place, _text in document_texts(chinese_letter())]
    assert places[:7] == [
        "header",
        "job number",
        "title",
        "paragraph 1",
        "paragraph 2",
        "paragraph 3",
        "signature",
    ]
    assert places[7:10] == ["annex-1 heading", "annex-1 paragraph 1", "annex-1 paragraph 2"]
    assert places[-1] == "annex-5 signature"

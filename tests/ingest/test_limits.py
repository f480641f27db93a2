"""Hard limits: a crafted file that would cost a reader far more than its size is refused as
soon as its size can be counted, with a message that says what to do."""

from __future__ import annotations

import pytest
from django.utils import translation

from opendebate.ingest import Refused, read_pasted
from opendebate.ingest.formats import read_document
from opendebate.ingest.limits import (
    MAX_CHARACTERS,
    MAX_LINES,
    MAX_MARKUP,
    MAX_PAGE_OBJECTS,
    MAX_PAGES,
    MAX_PARAGRAPHS,
)
from tests.ingest import hostile


def refusal(data: bytes, name: str) -> Refused:
    with pytest.raises(Refused) as raised:
        read_document(data, name)
    return raised.value


def test_pdf_page_of_tiny_drawings_is_refused() -> None:
    data = hostile.tiny_drawings(MAX_PAGE_OBJECTS + 1)
    assert len(data) < 2000
    error = refusal(data, "statement.pdf")
    assert (error.code, error.params) == ("too_complex", {"limit": MAX_PAGE_OBJECTS})


def test_pdf_page_of_single_glyph_runs_is_refused() -> None:
    assert refusal(hostile.many_glyphs(MAX_PAGE_OBJECTS + 1), "s.pdf").code == "too_complex"


def test_pdf_of_too_many_pages_is_refused() -> None:
    error = refusal(hostile.many_pages(MAX_PAGES + 1), "statement.pdf")
    assert (error.code, error.params) == ("too_many_pages", {"limit": MAX_PAGES})


def test_pdf_within_the_limits_is_read() -> None:
    reading = read_document(hostile.many_pages(3), "statement.pdf")
    assert [block.text for block in reading.blocks] == ["Page 0.", "Page 1.", "Page 2."]


def test_text_of_blank_lines_is_refused() -> None:
    # 10 MB of blank lines took 22 s per preview, as ten million empty paragraphs.
    error = refusal(hostile.blank_lines(MAX_LINES + 1), "statement.txt")
    assert (error.code, error.params) == ("too_long", {"limit": MAX_LINES, "unit": "lines"})


def test_text_of_ten_megabytes_is_refused_by_its_characters() -> None:
    error = refusal(hostile.blank_lines(10_000_000), "statement.txt")
    assert error.params == {"limit": MAX_CHARACTERS, "unit": "characters"}


def test_pasted_blank_lines_are_refused() -> None:
    with pytest.raises(Refused) as raised:
        read_pasted("Statement" + "\r" * (MAX_LINES + 1))
    assert raised.value.params == {"limit": MAX_LINES, "unit": "lines"}


def test_docx_of_too_many_paragraphs_is_refused() -> None:
    error = refusal(hostile.many_paragraphs(MAX_PARAGRAPHS + 1), "statement.docx")
    assert (error.code, error.params) == (
        "too_long",
        {"limit": MAX_PARAGRAPHS, "unit": "paragraphs"},
    )


def test_docx_of_a_million_paragraphs_is_refused_before_it_is_parsed() -> None:
    data = hostile.many_paragraphs(1_000_000)
    assert len(data) < 100_000
    error = refusal(data, "statement.docx")
    assert (error.code, error.variant, error.params) == (
        "too_complex",
        "markup",
        {"limit": MAX_MARKUP},
    )


def test_refusal_says_what_to_do_in_english() -> None:
    with translation.override("en"):
        message = Refused("too_slow", seconds="1.5").message
    assert message == (
        "The document could not be read within 1.5 seconds (it is built in an unusually "
        "complex way), so reading it was stopped. Save it as PDF/A from your word processor, "
        "or as a new Word document, or paste the text."
    )


def test_refusal_is_worded_in_arabic_and_chinese() -> None:
    refused = Refused("too_long", limit=MAX_LINES, unit="lines")
    with translation.override("ar"):
        arabic = refused.message
    with translation.override("zh-hans"):
        chinese = refused.message
    assert arabic == (
        "يتضمن المستند أكثر من 50000 سطر، وهو ما يتجاوز بكثير أي بيان أو رسالة، لذا لم تتم "
        "قراءته. احفظه بصيغة PDF/A من برنامج معالجة النصوص، أو في مستند Word جديد، أو الصق النص."
    )
    assert chinese == (
        "该文件超过 50000 行，远多于任何发言或信函，因此未予读取。"
        "请在文字处理软件中将其另存为 PDF/A 或新的 Word 文档，或粘贴文本。"
    )

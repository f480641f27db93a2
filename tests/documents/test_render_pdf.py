from __future__ import annotations

import dataclasses
import logging
import re
import subprocess
from io import BytesIO
from pathlib import Path
from typing import cast

import pytest
from lxml import etree
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, PdfObject, StreamObject

from opendebate.documents.model import UNDocument
from opendebate.documents.render_pdf import render_pdf

from .parsing import SAFE_PARSER
from .samples import (
    ARABIC_WORDS,
    CHINESE_PHRASE,
    JOB_NUMBER,
    METACHARACTERS,
    RUSSIAN_WORD,
    SYMBOL,
    block,
)


@pytest.fixture(scope="module")
def pdf(rendered: dict[str, bytes]) -> PdfReader:
    return PdfReader(BytesIO(rendered["pdf"]))


@pytest.fixture(scope="module")
def pages(pdf: PdfReader) -> list[str]:
    return [page.extract_text() for page in pdf.pages]


def _fonts(resources: DictionaryObject) -> list[DictionaryObject]:
    """The fonts a page uses, through its form XObjects too."""
    fonts = [_dictionary(font) for font in _entry(resources, "/Font").values()]
    for xobject in _entry(resources, "/XObject").values():
        fonts.extend(_fonts(_entry(_dictionary(xobject), "/Resources")))
    return fonts


def _entry(dictionary: DictionaryObject, key: str) -> DictionaryObject:
    value = dictionary.get(key)
    return DictionaryObject() if value is None else _dictionary(value)


def _dictionary(value: object) -> DictionaryObject:
    resolved = value.get_object() if isinstance(value, PdfObject) else value
    assert isinstance(resolved, DictionaryObject)
    return resolved


def test_pdf_has_a_page_for_the_letter_and_each_annex(pdf: PdfReader) -> None:
    assert len(pdf.pages) == 6


def test_pdf_embeds_every_font_from_the_font_packages(pdf: PdfReader) -> None:
    embedded = {}
    for page in pdf.pages:
        for font in _fonts(_entry(page, "/Resources")):
            assert str(font["/Subtype"]) == "/Type0"
            (descendant,) = cast(ArrayObject, font["/DescendantFonts"])
            descendant = _dictionary(descendant)
            descriptor = _dictionary(descendant["/FontDescriptor"])
            files = {key for key in descriptor if key.startswith("/FontFile")}
            embedded[str(descendant["/BaseFont"]).split("+", 1)[1]] = files
    assert embedded == {
        "PTSerif-Regular": {"/FontFile2"},
        "PTSerif-Bold": {"/FontFile2"},
        "PTSerif-Italic": {"/FontFile2"},
        "Amiri-Regular": {"/FontFile2"},
        "Amiri-Bold": {"/FontFile2"},
        # Chinese in the Song-style face, the bold title in its real Bold.
        "NotoSerifCJKsc-Regular": {"/FontFile3"},
        "NotoSerifCJKsc-Bold": {"/FontFile3"},
    }


def test_pdf_is_tagged_titled_and_declares_its_standards(pdf: PdfReader) -> None:
    root = _entry(pdf.trailer, "/Root")
    assert cast(DictionaryObject, root["/MarkInfo"]) == {"/Marked": True, "/Suspects": False}
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]) == "zh-CN"
    metadata = cast(StreamObject, root["/Metadata"].get_object()).get_data().decode()
    assert re.findall(r"<(pdfu?aid:\w+)>([^<]*)<", metadata) == [
        ("pdfaid:part", "2"),
        ("pdfaid:conformance", "A"),
        ("pdfuaid:part", "1"),
    ]
    assert pdf.metadata is not None
    assert pdf.metadata.title == "2020年9月1日尼日尔常驻联合国代表给秘书长的信"


def test_pdf_shows_the_symbol_on_every_page(pages: list[str]) -> None:
    assert [SYMBOL in text for text in pages] == [True] * 6


def test_pdf_numbers_later_pages_n_of_total_on_the_outside_edge(pages: list[str]) -> None:
    footers = [text.splitlines()[-1] for text in pages]
    assert footers == [
        JOB_NUMBER,
        *(
            f"{number}/6 20-11568" if number % 2 == 0 else f"20-11568 {number}/6"
            for number in range(2, 7)
        ),
    ]


def test_pdf_puts_the_symbol_on_the_outside_edge(
    rendered: dict[str, bytes], poppler: Path, tmp_path: Path
) -> None:
    """Left on even (verso) pages, right on odd (recto) pages, as in a bound UN document."""
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(rendered["pdf"])
    boxes = subprocess.run(
        [poppler / "pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = etree.fromstring(boxes.encode(), SAFE_PARSER).iter("{*}page")
    edges = []
    for page in pages:
        words = [word for word in page.iter("{*}word") if word.text == SYMBOL]
        top = min(words, key=lambda word: float(word.get("yMin")))
        edges.append("left" if float(top.get("xMin")) < 100 else "right")
    assert edges == ["right", "left", "right", "left", "right", "left"]


def test_pdf_chinese_text_is_extractable(pages: list[str]) -> None:
    assert CHINESE_PHRASE in pages[0]
    assert "请将本函及其附件作为安全理事会文件分发为荷。" in pages[0]


def test_pdf_arabic_words_are_extractable(pages: list[str]) -> None:
    # pypdf gives each Arabic word in logical order but the words of a line in visual order,
    # right to left, so compare words, not sentences.
    assert set(ARABIC_WORDS) <= set(pages[2].split())


def test_pdf_cyrillic_text_is_extractable(pages: list[str]) -> None:
    assert RUSSIAN_WORD in pages[3]


def test_pdf_prints_markup_characters_literally(pages: list[str]) -> None:
    assert METACHARACTERS in pages[5].splitlines()
    assert '<script>alert("x")</script>' in pages[5]


def test_pdf_is_byte_identical_for_the_same_input(letter: UNDocument) -> None:
    assert render_pdf(letter) == render_pdf(letter)


def test_pdf_dates_come_from_the_document(letter: UNDocument) -> None:
    later = dataclasses.replace(letter, generated_at=letter.generated_at.replace(year=2021))
    metadata = PdfReader(BytesIO(render_pdf(later))).metadata
    assert metadata is not None
    assert str(metadata["/CreationDate"]) == "D:20210902143000Z"


def _single_paragraph(letter: UNDocument, text: str, language: str) -> UNDocument:
    return dataclasses.replace(letter, body=(block(text, language),), annexes=())


# Each of these once failed the whole compilation's PDF, on every retry (issue 12, point 6).
ONCE_FATAL = {
    "check mark": "Agreed ✔",
    "emoji": "We agree 😀",
    "Hebrew": "שלום",
    "Devanagari": "नमस्ते",
    "Thai": "สวัสดี",
    "Armenian": "Բարեւ",
}


@pytest.mark.parametrize("language", ["en", "ar", "zh"])
@pytest.mark.parametrize("name", ONCE_FATAL)
def test_pdf_prints_a_script_the_language_face_lacks(
    letter: UNDocument, name: str, language: str
) -> None:
    text = ONCE_FATAL[name]
    pdf = PdfReader(BytesIO(render_pdf(_single_paragraph(letter, text, language))))
    assert "U+" not in pdf.pages[0].extract_text()


@pytest.mark.parametrize("language", ["en", "ar", "zh"])
def test_pdf_shows_a_character_no_face_has_as_its_code_in_a_box(
    letter: UNDocument, language: str
) -> None:
    # CJK Extension B and Tibetan are in no packaged face.
    pdf = render_pdf(_single_paragraph(letter, "𠀀 and ཀ", language))
    text = PdfReader(BytesIO(pdf)).pages[0].extract_text()
    assert "U+20000" in text
    assert "U+0F40" in text


def test_pdf_reports_each_character_it_shows_as_a_code_and_where(
    letter: UNDocument, caplog: pytest.LogCaptureFixture
) -> None:
    annex = dataclasses.replace(letter.annexes[4], body=(block("ok 𠀀 and ཀ", "en"),))
    with caplog.at_level(logging.WARNING, logger="opendebate.documents.render_pdf"):
        render_pdf(dataclasses.replace(letter, body=(block("𠀀", "zh"),), annexes=(annex,)))
    assert caplog.messages == [
        "S/2020/866: U+20000 (𠀀) has no glyph in any packaged face, shown as its code in "
        "paragraph 1, annex-5 paragraph 1",
        "S/2020/866: U+0F40 (ཀ) has no glyph in any packaged face, shown as its code in "
        "annex-5 paragraph 1",
    ]


def test_pdf_reports_nothing_when_every_character_prints(
    letter: UNDocument, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="opendebate.documents.render_pdf"):
        render_pdf(_single_paragraph(letter, 'A "{"code":"U+1"}" quote ✔', "en"))
    assert caplog.messages == []


def test_pdf_shows_a_non_character_as_its_code(letter: UNDocument) -> None:
    """Submission removes non-characters; text that reached the document another way (a name
    typed by an officer) is still rendered, the non-character dropped."""
    pdf = render_pdf(_single_paragraph(letter, "a\ufffeb\U0010ffffc", "en"))
    assert "abc" in PdfReader(BytesIO(pdf)).pages[0].extract_text()


@pytest.mark.parametrize("language", ["en", "ar", "zh"])
def test_pdf_breaks_a_run_too_long_for_a_line(letter: UNDocument, language: str) -> None:
    run = "x" * 17_000
    pdf = PdfReader(BytesIO(render_pdf(_single_paragraph(letter, run, language))))
    lines = [
        line.replace("\u200b", "")
        for page in pdf.pages
        for line in page.extract_text().splitlines()
        if set(line.replace("\u200b", "")) == {"x"}
    ]
    assert "".join(lines) == run
    assert max(map(len, lines)) < 120

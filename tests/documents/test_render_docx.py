from __future__ import annotations

import dataclasses
import datetime
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from lxml import etree
from pypdf import PdfReader

from opendebate.documents.model import UNDocument
from opendebate.documents.render_docx import W, render_docx

from .parsing import SAFE_PARSER
from .samples import (
    ARABIC_WORDS,
    CHINESE_PHRASE,
    JOB_NUMBER,
    METACHARACTERS,
    SYMBOL,
    block,
    english_annex,
)

NS = {"w": W}


def _part(package: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(BytesIO(package)) as archive:
        return etree.fromstring(archive.read(name), SAFE_PARSER)


@pytest.fixture(scope="module")
def body(rendered: dict[str, bytes]) -> etree._Element:
    return _part(rendered["docx"], "word/document.xml")


def _paragraph_containing(body: etree._Element, text: str) -> etree._Element:
    for paragraph in body.iter(f"{{{W}}}p"):
        if text in _text(paragraph):
            return paragraph
    raise AssertionError(f"no paragraph contains {text!r}")


def _text(element: etree._Element) -> str:
    """The text as Word shows it: runs' text, tabs as tabs."""
    return "".join(
        "\t" if node.tag == f"{{{W}}}tab" else node.text or ""
        for node in element.iter(f"{{{W}}}t", f"{{{W}}}tab")
    )


def _attributes(element: etree._Element) -> dict[str, str]:
    return {etree.QName(name).localname: value for name, value in element.attrib.items()}


def test_docx_arabic_paragraphs_are_right_to_left(body: etree._Element) -> None:
    paragraph = _paragraph_containing(body, ARABIC_WORDS[1])
    assert paragraph.xpath("w:pPr/w:bidi", namespaces=NS) != []
    runs = paragraph.xpath("w:r", namespaces=NS)
    assert [run.xpath("w:rPr/w:rtl", namespaces=NS) != [] for run in runs] == [True]
    assert [_attributes(run.find("w:rPr/w:lang", NS)) for run in runs] == [
        {"val": "ar-SA", "bidi": "ar-SA"}
    ]
    assert _attributes(runs[0].find("w:rPr/w:rFonts", NS)) == {"cs": "Traditional Arabic"}


def test_docx_chinese_runs_use_the_east_asian_slot(body: etree._Element) -> None:
    paragraph = _paragraph_containing(body, CHINESE_PHRASE)
    assert paragraph.xpath("w:pPr/w:bidi", namespaces=NS) == []
    (run,) = paragraph.xpath("w:r", namespaces=NS)
    assert _attributes(run.find("w:rPr/w:lang", NS)) == {"val": "zh-CN", "eastAsia": "zh-CN"}
    assert _attributes(run.find("w:rPr/w:rFonts", NS)) == {"hint": "eastAsia", "eastAsia": "SimSun"}


def test_docx_runs_carry_their_block_language(body: etree._Element) -> None:
    french = _paragraph_containing(body, "Vive la Francophonie")
    english = _paragraph_containing(body, "Canada welcomes")
    assert french.xpath("w:r/w:rPr/w:lang/@w:val", namespaces=NS) == ["fr-FR"]
    assert english.xpath("w:r/w:rPr/w:lang/@w:val", namespaces=NS) == ["en-US"]


def test_docx_keeps_emphasis_and_list_markers(body: etree._Element) -> None:
    paragraph = _paragraph_containing(body, "Il y a cinquante ans")
    runs = paragraph.xpath("w:r", namespaces=NS)
    assert [
        (run.find("w:rPr/w:b", NS) is not None, run.find("w:rPr/w:i", NS) is not None)
        for run in runs
    ] == [(False, False), (False, True), (False, False), (True, False), (False, False)]
    item = _paragraph_containing(body, "appuyer l'éducation")
    assert item.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS) == ["UNListItem"]
    assert _attributes(item.find("w:pPr/w:ind", NS)) == {"start": "720", "hanging": "360"}
    assert item.xpath("w:r[1]/w:t/text()", namespaces=NS) == ["a)"]
    assert item.xpath("w:r[1]/w:tab", namespaces=NS) != []


def test_docx_text_is_kept_literally(body: etree._Element) -> None:
    assert _text(_paragraph_containing(body, "@chair")) == METACHARACTERS


def test_docx_each_annex_starts_a_page(rendered: dict[str, bytes], body: etree._Element) -> None:
    labels = body.xpath("//w:p[w:pPr/w:pStyle/@w:val='UNAnnexLabel']", namespaces=NS)
    assert [_text(label) for label in labels] == [
        "Annexe",
        "المرفق 2",
        "Приложение 3",
        "Anexo 4",
        "Annex 5",
    ]
    styles = _part(rendered["docx"], "word/styles.xml")
    style = styles.xpath("w:style[@w:styleId='UNAnnexLabel']", namespaces=NS)[0]
    assert style.xpath("w:pPr/w:pageBreakBefore", namespaces=NS) != []
    assert style.xpath("w:name/@w:val", namespaces=NS) == ["UN Annex Label"]


def test_docx_pages_are_us_letter_with_running_headers_and_footers_alternating(
    rendered: dict[str, bytes], body: etree._Element
) -> None:
    """The symbol and the page number on the outside edge: right on odd pages, left on even."""
    section = body.find("w:body/w:sectPr", NS)
    assert _attributes(section.find("w:pgSz", NS)) == {"w": "12240", "h": "15840"}
    assert section.find("w:titlePg", NS) is not None
    references = section.xpath("w:headerReference | w:footerReference", namespaces=NS)
    assert sorted((etree.QName(r).localname, _attributes(r)["type"]) for r in references) == [
        ("footerReference", "default"),
        ("footerReference", "even"),
        ("footerReference", "first"),
        ("headerReference", "default"),
        ("headerReference", "even"),
        ("headerReference", "first"),
    ]
    settings = _part(rendered["docx"], "word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    layout = docx.Document(BytesIO(rendered["docx"])).sections[0]
    assert layout.first_page_header.paragraphs[0].text == ""
    assert layout.first_page_footer.paragraphs[0].text == JOB_NUMBER
    running = {
        name: etree.fromstring(etree.tostring(part._element), SAFE_PARSER)
        for name, part in (
            ("odd header", layout.header),
            ("even header", layout.even_page_header),
            ("odd footer", layout.footer),
            ("even footer", layout.even_page_footer),
        )
    }
    assert {name: _text(part) for name, part in running.items()} == {
        "odd header": SYMBOL,
        "even header": SYMBOL,
        "odd footer": "20-11568\t1/1",
        "even footer": "1/1\t20-11568",
    }
    assert {
        name: part.xpath("w:p/w:pPr/w:jc/@w:val", namespaces=NS) for name, part in running.items()
    } == {
        "odd header": ["end"],
        "even header": ["start"],
        "odd footer": ["start"],
        "even footer": ["start"],
    }
    for footer in ("odd footer", "even footer"):
        fields = running[footer].xpath("w:p/w:fldSimple/@w:instr", namespaces=NS)
        assert fields == ["PAGE", "NUMPAGES"]


def test_docx_header_block_is_on_the_first_page(body: etree._Element) -> None:
    table = body.find("w:body/w:tbl", NS)
    cells = [
        "|".join(p for p in cell.xpath("w:p//w:t/text()", namespaces=NS))
        for cell in table.iter(f"{{{W}}}tc")
    ]
    assert cells == [
        "联合国",
        SYMBOL,
        "安全理事会",
        "Distr.: General|2 September 2020|Chinese|Original: French",
    ]


def test_docx_dates_come_from_the_document(rendered: dict[str, bytes], letter: UNDocument) -> None:
    properties = docx.Document(BytesIO(rendered["docx"])).core_properties
    assert (
        properties.created
        == properties.modified
        == datetime.datetime(2020, 9, 2, 14, 30, tzinfo=datetime.UTC)
    )
    assert (properties.title, properties.identifier, properties.language) == (
        letter.title,
        SYMBOL,
        "zh",
    )
    assert properties.last_modified_by == properties.comments == ""
    with zipfile.ZipFile(BytesIO(rendered["docx"])) as archive:
        entries = archive.infolist()
    assert {entry.date_time for entry in entries} == {(2020, 9, 2, 14, 30, 0)}
    assert entries[0].filename == "[Content_Types].xml"
    assert "docProps/thumbnail.jpeg" not in {entry.filename for entry in entries}


def test_docx_is_byte_identical_for_the_same_input(letter: UNDocument) -> None:
    assert render_docx(letter) == render_docx(letter)


def test_docx_drops_characters_xml_cannot_hold(letter: UNDocument) -> None:
    annex = dataclasses.replace(english_annex(), body=(block("a\x0bb\x00c\ud800d\ufffe", "en"),))
    package = render_docx(dataclasses.replace(letter, annexes=(annex,)))
    paragraph = _paragraph_containing(_part(package, "word/document.xml"), "a b")
    assert _text(paragraph) == "a bcd"


@pytest.mark.slow
def test_docx_converts_to_pdf_with_libreoffice(
    rendered: dict[str, bytes], soffice: str, tmp_path: Path
) -> None:
    source = tmp_path / "letter.docx"
    source.write_bytes(rendered["docx"])
    # A profile of its own, so that parallel runs and a desktop LibreOffice do not collide.
    profile = (tmp_path / "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    result = subprocess.run(
        [*command, "--outdir", str(tmp_path), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pdf = PdfReader(BytesIO((tmp_path / "letter.pdf").read_bytes()))
    texts = [page.extract_text() for page in pdf.pages]
    assert len(texts) == 6
    assert [SYMBOL in text for text in texts] == [True] * 6
    assert JOB_NUMBER in texts[0]
    assert "Приложение 3" in texts[3]

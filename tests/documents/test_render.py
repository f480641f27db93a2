from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys
import unicodedata
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from lxml import etree
from pypdf import PdfReader

from opendebate.documents.model import UNDocument
from opendebate.documents.render import render_all
from opendebate.documents.render_akn import AKN
from opendebate.documents.render_docx import W

from .parsing import SAFE_PARSER
from .samples import SCRIPTS, block, every_script_letter

AKN_NAMESPACES = {"a": AKN}

ROOT = Path(__file__).parents[2]
# Another interpreter, with another hash seed and another start time, must produce the same
# bytes: nothing may depend on the clock, dict order from hashing, or process state.
RENDER_ELSEWHERE = """
import hashlib, json
from opendebate.documents.render import render_all
from tests.documents.samples import chinese_letter
outputs = render_all(chinese_letter())
print(json.dumps({name: hashlib.sha256(data).hexdigest() for name, data in outputs.items()}))
"""


def _digests(outputs: dict[str, bytes]) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in outputs.items()}


def test_render_all_gives_every_format(rendered: dict[str, bytes]) -> None:
    assert list(rendered) == ["docx", "pdf", "html", "akn.xml"]
    assert rendered["docx"].startswith(b"PK\x03\x04")
    assert rendered["pdf"].startswith(b"%PDF-")
    assert rendered["html"].startswith(b"<!DOCTYPE html>")
    assert rendered["akn.xml"].startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<akomaNtoso")


def test_render_all_is_byte_identical_in_another_process(
    letter: UNDocument, rendered: dict[str, bytes]
) -> None:
    environment = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", RENDER_ELSEWHERE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert json.loads(result.stdout) == _digests(rendered)
    assert _digests(render_all(letter)) == _digests(rendered)


def test_render_all_lays_out_an_arabic_version_right_to_left(
    letter: UNDocument, schema: etree.XMLSchema
) -> None:
    """The smallest Arabic version: header block and title. Its distribution, date and language
    lines are English, and must stay left to right."""
    header = dataclasses.replace(
        letter.header,
        organization="الأمم المتحدة",
        organ="مجلس الأمن",
        language_lines=("Arabic", "Original: French"),
    )
    version = dataclasses.replace(
        letter, header=header, language="ar", title="رسالة", body=(), signature=None, annexes=()
    )
    outputs = render_all(version)
    (page,) = PdfReader(BytesIO(outputs["pdf"])).pages
    assert page.extract_text().splitlines()[2:] == [
        "Distr.: General",
        "2 September 2020",
        "Arabic",
        "Original: French",
        "رسالة",
        "20-11568 (C)",
    ]
    with zipfile.ZipFile(BytesIO(outputs["docx"])) as archive:
        body = etree.fromstring(archive.read("word/document.xml"), SAFE_PARSER)
    namespaces = {"w": W}
    assert body.xpath("//w:tblPr/w:bidiVisual", namespaces=namespaces) != []
    date = body.xpath("//w:p[w:r/w:t='2 September 2020']", namespaces=namespaces)[0]
    assert date.xpath("w:pPr/w:bidi | w:r/w:rPr/w:rtl", namespaces=namespaces) == []
    assert date.xpath("w:r/w:rPr/w:lang/@w:val", namespaces=namespaces) == ["en-US"]
    html = outputs["html"].decode()
    assert html.startswith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">')
    assert '<p lang="en" dir="ltr">2 September 2020</p>' in html
    assert schema.validate(etree.fromstring(outputs["akn.xml"], SAFE_PARSER)), schema.error_log


def _letters(text: str) -> set[str]:
    return {character for character in text if unicodedata.category(character).startswith("L")}


@pytest.mark.parametrize("language", ["en", "ar", "zh"])
def test_render_all_prints_every_script_in_every_format(
    language: str, schema: etree.XMLSchema, poppler: Path, tmp_path: Path
) -> None:
    """A statement quoting more than thirty scripts, symbols and emoji, set in a Latin, an Arabic
    and a Chinese annex: every format is made, and the PDF has every letter as text, in fonts
    it embeds, with no character shown as a code in a box."""
    outputs = render_all(every_script_letter(language))
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(outputs["pdf"])
    extracted = subprocess.run(
        [poppler / "pdftotext", pdf, "-"], capture_output=True, text=True, check=True
    ).stdout
    for script, text in SCRIPTS.items():
        assert _letters(text) <= set(extracted), script
    assert "U+" not in extracted
    fonts = subprocess.run(
        [poppler / "pdffonts", pdf], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    embedded = {line.split()[0].split("+", 1)[1].split("-")[0] for line in fonts}
    assert {"NotoSansDevanagari", "NotoSansEthiopic", "NotoSansKhmer", "NotoEmoji"} <= embedded
    assert {line.split()[-5] for line in fonts} == {"yes"}  # the "emb" column
    html = outputs["html"].decode()
    akn = etree.fromstring(outputs["akn.xml"], SAFE_PARSER)
    assert schema.validate(akn), schema.error_log
    paragraphs = akn.xpath("//a:component[2]//a:mainBody/a:p/text()", namespaces=AKN_NAMESPACES)
    assert paragraphs == list(SCRIPTS.values())
    document = docx.Document(BytesIO(outputs["docx"]))
    docx_texts = [paragraph.text for paragraph in document.paragraphs]
    for text in SCRIPTS.values():
        assert text in html
        assert text in docx_texts


def test_render_all_keeps_symbols_left_to_right_in_arabic(
    letter: UNDocument, poppler: Path, tmp_path: Path
) -> None:
    """The placeholder symbol of an unissued document, in the Arabic masthead and in an Arabic
    sentence, reads "S/____/___" in every format, never "___/____/S"."""
    header = dataclasses.replace(letter.header, symbol="S/____/___", organization="الأمم المتحدة")
    sentence = "انظر الوثيقة S/____/___ والوثيقة S/2020/866."
    version = dataclasses.replace(
        letter,
        header=header,
        language="ar",
        title="رسالة",
        body=(block(sentence, "ar"),),
        signature=None,
        annexes=(),
    )
    outputs = render_all(version)
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(outputs["pdf"])
    boxes = subprocess.run(
        [poppler / "pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True
    ).stdout
    words = [word.text for word in etree.fromstring(boxes.encode(), SAFE_PARSER).iter("{*}word")]
    assert words.count("S/____/___") == 2
    assert "S/2020/866" in words
    html = outputs["html"].decode()
    assert '<p class="un-symbol"><bdi dir="ltr">S/____/___</bdi></p>' in html
    assert (
        'انظر الوثيقة <bdi dir="ltr">S/____/___</bdi> والوثيقة <bdi dir="ltr">S/2020/866</bdi>.'
    ) in html
    with zipfile.ZipFile(BytesIO(outputs["docx"])) as archive:
        body = etree.fromstring(archive.read("word/document.xml"), SAFE_PARSER)
    namespaces = {"w": W}
    (paragraph,) = body.xpath("//w:p[w:r/w:t='S/2020/866']", namespaces=namespaces)
    runs = [
        (
            "".join(run.xpath("w:t/text()", namespaces=namespaces)),
            run.xpath("w:rPr/w:rtl", namespaces=namespaces) != [],
        )
        for run in paragraph.xpath("w:r", namespaces=namespaces)
    ]
    assert runs == [
        ("انظر الوثيقة ", True),
        ("S/____/___", False),
        (" والوثيقة ", True),
        ("S/2020/866", False),
        (".", True),
    ]

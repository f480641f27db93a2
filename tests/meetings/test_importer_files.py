"""Concept-note letters as the importer reads them (`Reading.source`): .txt, .docx and .pdf
files as the Secretariat receives them. The refusals are the same as a statement's
(test_formats.py)."""

from __future__ import annotations

import codecs
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from opendebate.ingest import Refused
from opendebate.ingest.formats import read_document
from opendebate.meetings.importer import parse_letter
from opendebate.meetings.models import Meeting
from tests.ingest import hostile
from tests.meetings.letter_files import ESTONIA, LETTERS, letter_docx, letter_text

ESTONIA_PDF = LETTERS / "en_estonia_2020-05-15.pdf"
ESTONIA_DOCX = LETTERS / "en_estonia_2020-05-15.docx"


def extract_text(data: bytes, filename: str) -> str:
    return read_document(data, filename).source


def imported(text: str, entities: dict[str, str]) -> dict[str, object]:
    return parse_letter(text, entities=entities).to_json_dict()


@pytest.mark.parametrize(
    "encoded",
    [
        "Lettre datée du 1er septembre 2020\r\nNíger — 尼日尔\r\n".encode(),
        codecs.BOM_UTF8 + "Lettre datée du 1er septembre 2020\nNíger — 尼日尔\n".encode(),
        "Lettre datée du 1er septembre 2020\nNíger — 尼日尔\n".encode("utf-16"),
        codecs.BOM_UTF16_BE
        + "Lettre datée du 1er septembre 2020\nNíger — 尼日尔\n".encode("utf-16-be"),
    ],
    ids=["utf-8 crlf", "utf-8 bom", "utf-16 le bom", "utf-16 be bom"],
)
def test_txt_encodings(encoded: bytes) -> None:
    expected = "Lettre datée du 1er septembre 2020\nNíger — 尼日尔\n"
    assert extract_text(encoded, "letter.TXT") == expected


@pytest.mark.parametrize("filename", ["letter.doc", "letter"])
def test_unsupported_file_types_are_refused(filename: str) -> None:
    with pytest.raises(Refused) as raised:
        extract_text(b"anything", filename)
    assert raised.value.code == "unsupported_type"


def test_docx_first_page_header_comes_first() -> None:
    # A UN document carries its symbol in the first page's header.
    lines = extract_text(letter_docx("A letter.", symbol="S/2020/431"), "l.docx").splitlines()
    assert lines[0] == "S/2020/431"


def test_docx_written_by_python_docx_imports_like_the_text(entities: dict[str, str]) -> None:
    text = ESTONIA.read_text(encoding="utf-8")
    data = letter_docx(text, symbol="S/2020/431")
    assert imported(extract_text(data, "letter.docx"), entities) == imported(text, entities)


def test_docx_writes_list_numbers_and_bullets_back() -> None:
    lines = extract_text(letter_docx(letter_text(ESTONIA.name), symbol="S/2020/431"), "l.docx")
    assert "1. Background" in lines.splitlines()
    assert "4. Briefers" in lines.splitlines()
    assert "• A representative of civil society (to be determined)" in lines.splitlines()


def test_docx_saved_by_libreoffice_imports_like_the_text(entities: dict[str, str]) -> None:
    extracted = extract_text(ESTONIA_DOCX.read_bytes(), ESTONIA_DOCX.name)
    assert imported(extracted, entities) == imported(letter_text(ESTONIA.name), entities)


def test_pdf_exported_by_libreoffice_imports_like_the_text(entities: dict[str, str]) -> None:
    extracted = extract_text(ESTONIA_PDF.read_bytes(), ESTONIA_PDF.name)
    assert imported(extracted, entities) == imported(letter_text(ESTONIA.name), entities)


def test_docx_tables_are_read_in_order_and_merged_cells_once() -> None:
    document = docx.Document()
    document.add_paragraph("Before the table")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Briefers"
    table.cell(1, 0).text = "Ms. Ana Pérez"
    table.cell(1, 1).text = "Director"
    document.add_paragraph("After the table")
    output = io.BytesIO()
    document.save(output)
    assert extract_text(output.getvalue(), "table.docx").splitlines() == [
        "Before the table",
        "Briefers",
        "Ms. Ana Pérez",
        "Director",
        "After the table",
    ]


@pytest.mark.django_db
def test_crafted_letter_upload_is_refused_with_what_to_do(as_secretariat: Client) -> None:
    # A PDF of forms nested in forms: minutes of PDFium if read in the request.
    letter = SimpleUploadedFile("letter.pdf", hostile.nested_forms(8, 10))
    with translation.override("en"):
        response = as_secretariat.post("/meetings/import/", {"file": letter})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The document could not be read within 1.5 seconds (it is built in an unusually "
        "complex way), so reading it was stopped. Save it as PDF/A from your word processor, "
        "or as a new Word document, or paste the text."
    ]
    assert Meeting.objects.count() == 0

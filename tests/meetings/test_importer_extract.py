"""extract_text: .txt, .docx and .pdf files as delegations send them, and files it refuses."""

from __future__ import annotations

import codecs
import io
import zipfile

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from opendebate.meetings.importer import LetterReadError, extract_text, parse_letter
from tests.meetings.letter_files import ESTONIA, LETTERS, letter_docx, letter_text

ESTONIA_PDF = LETTERS / "en_estonia_2020-05-15.pdf"
ESTONIA_DOCX = LETTERS / "en_estonia_2020-05-15.docx"


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


def test_txt_that_is_not_utf8_is_refused() -> None:
    with pytest.raises(LetterReadError, match=r"letter\.txt: the text is not UTF-8"):
        extract_text("Lettre datée".encode("latin-1"), "letter.txt")


@pytest.mark.parametrize("filename", ["letter.odt", "letter.doc", "letter"])
def test_unsupported_file_types_are_refused(filename: str) -> None:
    with pytest.raises(
        LetterReadError, match=r"upload the letter as a \.txt, \.docx or \.pdf file"
    ):
        extract_text(b"anything", filename)


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


def _zip(members: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return output.getvalue()


def test_docx_that_would_expand_beyond_50_mb_is_refused() -> None:
    bomb = _zip({"word/document.xml": b"\0" * (51 * 2**20)})
    assert len(bomb) < 2**20  # small on the wire, the point of a bomb
    with pytest.raises(LetterReadError, match=r"would expand to 51 MB \(the limit is 50 MB\)"):
        extract_text(bomb, "bomb.docx")


def test_docx_with_a_document_type_declaration_is_refused() -> None:
    with zipfile.ZipFile(io.BytesIO(letter_docx("A letter.", symbol="S/2020/1"))) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members["word/document.xml"] = members["word/document.xml"].replace(
        b"?>",
        b'?><!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>',
        1,
    )
    with pytest.raises(LetterReadError, match=r"word/document\.xml declares a document type"):
        extract_text(_zip(members), "entities.docx")


@pytest.mark.parametrize(
    "data",
    [b"not a zip at all", _zip({"hello.txt": b"a zip, but not a Word document"})],
    ids=["not a zip", "zip without a document"],
)
def test_damaged_docx_is_refused(data: bytes) -> None:
    with pytest.raises(LetterReadError, match=r"damaged\.docx: not a readable \.docx file"):
        extract_text(data, "damaged.docx")


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n this is not a PDF body", b"plain text", ESTONIA_PDF.read_bytes()[:3000]],
    ids=["garbage", "not a pdf", "truncated"],
)
def test_damaged_pdf_is_refused(data: bytes) -> None:
    # pypdf's own warnings about the damage must not escape (filterwarnings = error).
    with pytest.raises(LetterReadError, match=r"damaged\.pdf: not a readable PDF file"):
        extract_text(data, "damaged.pdf")


def _encrypted(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(ESTONIA_PDF))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def test_pdf_encrypted_with_a_password_is_refused() -> None:
    with pytest.raises(LetterReadError, match="the PDF is encrypted with a password"):
        extract_text(_encrypted("secret"), "locked.pdf")


def test_pdf_with_only_an_owner_password_is_read() -> None:
    # Restrictions on printing or copying do not stop reading, in any viewer or here.
    assert "Letter dated 15 May 2020" in extract_text(_encrypted(""), "restricted.pdf")


def test_pdf_without_text_layer_is_refused() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    output = io.BytesIO()
    writer.write(output)
    with pytest.raises(LetterReadError, match="the PDF has no text layer"):
        extract_text(output.getvalue(), "scan.pdf")

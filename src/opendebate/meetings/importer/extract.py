"""extract_text: the text of an uploaded letter (.txt, .docx or .pdf), or a clear refusal.

Uploaded files are untrusted. A DOCX is a ZIP archive: its declared sizes are checked before
anything is decompressed (a small archive can expand to gigabytes), and XML with a document
type declaration is refused, so that no entity is ever declared, let alone expanded (python-docx
also parses with entity resolution off). A PDF's text layer is read in pypdf's layout mode,
which keeps first-line indents and the blank lines between paragraphs that `clean` relies on.
"""

from __future__ import annotations

import codecs
import io
import warnings
import zipfile
from pathlib import PurePath

import docx
from pypdf import PdfReader

from opendebate.meetings.importer.docx_text import docx_lines

MAX_DOCX_EXPANDED_BYTES = 50 * 1024 * 1024


class LetterReadError(ValueError):
    """A file that cannot be read as a letter; the message says why, for the person uploading."""


def extract_text(data: bytes, filename: str) -> str:
    """The text of a .txt (UTF-8, or UTF-16 with a byte order mark), .docx or .pdf file."""
    suffix = PurePath(filename).suffix.lower()
    readers = {".txt": _plain_text, ".docx": _docx_text, ".pdf": _pdf_text}
    if suffix not in readers:
        raise LetterReadError(
            f"{filename}: unsupported file type {suffix or '(no extension)'}; "
            "upload the letter as a .txt, .docx or .pdf file"
        )
    return readers[suffix](data, filename)


def _plain_text(data: bytes, filename: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise LetterReadError(
            f"{filename}: the text is not UTF-8; save it as UTF-8 (or UTF-16 with a byte order "
            "mark) and upload it again"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _docx_text(data: bytes, filename: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
            if expanded > MAX_DOCX_EXPANDED_BYTES:
                raise LetterReadError(
                    f"{filename}: refused, its contents would expand to {expanded // 2**20} MB "
                    f"(the limit is {MAX_DOCX_EXPANDED_BYTES // 2**20} MB)"
                )
            for info in archive.infolist():
                if info.filename.endswith((".xml", ".rels")) and b"<!DOCTYPE" in archive.read(info):
                    raise LetterReadError(
                        f"{filename}: refused, {info.filename} declares a document type "
                        "(Word never writes one; it can hide entity expansion)"
                    )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as error:
        raise LetterReadError(f"{filename}: not a readable .docx file (damaged archive)") from error
    try:
        document = docx.Document(io.BytesIO(data))
    # python-docx reports a damaged or foreign package with many exception types (KeyError for
    # a missing part, ValueError for another Office format, lxml's syntax errors, ...).
    except Exception as error:
        raise LetterReadError(f"{filename}: not a readable .docx file (damaged?)") from error
    return "\n".join(docx_lines(document))


def _pdf_text(data: bytes, filename: str) -> str:
    # pypdf warns about the irregularities it repairs; a repaired file is still read.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(io.BytesIO(data))
            # A PDF with only an owner password (printing or copying restricted) opens with
            # the empty password, as in any viewer.
            if reader.is_encrypted and not reader.decrypt(""):
                raise LetterReadError(
                    f"{filename}: the PDF is encrypted with a password; upload an unprotected "
                    "copy or the .docx"
                )
            pages = [page.extract_text(extraction_mode="layout") for page in reader.pages]
        except LetterReadError:
            raise
        # As for DOCX: a damaged PDF surfaces as many different exception types.
        except Exception as error:
            raise LetterReadError(
                f"{filename}: not a readable PDF file (damaged, or not a PDF)"
            ) from error
    text = "\n".join(pages)
    if not text.strip():
        raise LetterReadError(
            f"{filename}: the PDF has no text layer (a scanned image?); upload the .docx or a "
            "PDF with text"
        )
    return text

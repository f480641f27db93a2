"""extract_text: the text of an uploaded letter (.txt, .docx or .pdf), or a clear refusal.

Uploaded files are untrusted: common.files checks a DOCX's sizes before and while anything is
decompressed (a small archive can expand to gigabytes) and refuses XML with a document type
declaration, so that no entity is ever declared, let alone expanded (python-docx also parses
with entity resolution off). A PDF's text layer is read in pypdf's layout mode, which keeps
first-line indents and the blank lines between paragraphs that `clean` relies on.
"""

from __future__ import annotations

import io
from pathlib import PurePath

import docx

from opendebate.common.files import (
    ArchiveTooLarge,
    DamagedFile,
    DocumentTypeDeclared,
    NoTextLayer,
    PasswordProtected,
    ZipPackage,
    decode_text,
    pdf_text,
    refuse_document_type,
)
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
    try:
        return decode_text(data)
    except UnicodeDecodeError:
        raise LetterReadError(
            f"{filename}: the text is not UTF-8; save it as UTF-8 (or UTF-16 with a byte order "
            "mark) and upload it again"
        ) from None


def _docx_text(data: bytes, filename: str) -> str:
    try:
        with ZipPackage(data, max_expanded=MAX_DOCX_EXPANDED_BYTES) as package:
            for name in sorted(package.names):
                if name.endswith((".xml", ".rels")):
                    refuse_document_type(package.read(name), name)
    except ArchiveTooLarge as error:
        raise LetterReadError(
            f"{filename}: refused, its contents would expand to {error.expanded // 2**20} MB "
            f"(the limit is {error.limit // 2**20} MB)"
        ) from None
    except DocumentTypeDeclared as error:
        raise LetterReadError(
            f"{filename}: refused, {error.member} declares a document type "
            "(Word never writes one; it can hide entity expansion)"
        ) from None
    except DamagedFile as error:
        raise LetterReadError(f"{filename}: not a readable .docx file (damaged archive)") from error
    try:
        document = docx.Document(io.BytesIO(data))
    # python-docx reports a damaged or foreign package with many exception types (KeyError for
    # a missing part, ValueError for another Office format, lxml's syntax errors, ...).
    except Exception as error:
        raise LetterReadError(f"{filename}: not a readable .docx file (damaged?)") from error
    return "\n".join(docx_lines(document))


def _pdf_text(data: bytes, filename: str) -> str:
    try:
        return pdf_text(data)
    except PasswordProtected:
        raise LetterReadError(
            f"{filename}: the PDF is encrypted with a password; upload an unprotected "
            "copy or the .docx"
        ) from None
    except NoTextLayer:
        raise LetterReadError(
            f"{filename}: the PDF has no text layer (a scanned image?); upload the .docx or a "
            "PDF with text"
        ) from None
    except DamagedFile as error:
        raise LetterReadError(
            f"{filename}: not a readable PDF file (damaged, or not a PDF)"
        ) from error

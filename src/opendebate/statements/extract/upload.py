"""extract_upload: the statement in an uploaded file, or a refusal that says what to do instead.

The extension chooses the reader and the first bytes must agree with it: a file is never read
as what it is not (a PDF named .docx, a picture named .txt). Word and OpenDocument files are
ZIP packages, opened through common.files' size and DOCTYPE checks.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import PurePosixPath

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opendebate.common.files import (
    ArchiveTooLarge,
    DamagedFile,
    DocumentTypeDeclared,
    NoTextLayer,
    PasswordProtected,
    ZipPackage,
    decode_text,
)
from opendebate.documents.model import Block
from opendebate.statements.content import SubmissionRefused
from opendebate.statements.extract.filenames import safe_filename
from opendebate.statements.extract.opendocument import extract_opendocument
from opendebate.statements.extract.pdf import extract_pdf
from opendebate.statements.extract.plain import extract_lines
from opendebate.statements.extract.word import extract_word

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A 10 MB statement expands to a few times its size; 100 MB is far beyond any real one.
MAX_EXPANDED_BYTES = 100 * 1024 * 1024

_MAGIC = (
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # an empty archive
    (b"%PDF-", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # Word 97-2003, or a password-protected .docx
    (b"{\\rtf", "rtf"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
    (b"\x7fELF", "program"),
)
_KINDS = {
    "zip": gettext_lazy("a ZIP archive"),
    "pdf": gettext_lazy("a PDF"),
    "ole": gettext_lazy("an older Microsoft Office file (such as a Word 97-2003 .doc)"),
    "rtf": gettext_lazy("an RTF document"),
    "image": gettext_lazy("a picture"),
    "program": gettext_lazy("a program"),
    "docx": gettext_lazy("a Word document"),
    "odt": gettext_lazy("an OpenDocument text"),
    "opendocument": gettext_lazy("an OpenDocument spreadsheet, presentation or drawing"),
    "xlsx": gettext_lazy("an Excel workbook"),
    "pptx": gettext_lazy("a PowerPoint presentation"),
}
# What Word writes in an encrypted file's OLE directory (names are UTF-16).
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_CONTENT_TYPE = "{http://schemas.openxmlformats.org/package/2006/content-types}Override"
_WORD_MAIN = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
)
_WORD_MACRO_MAIN = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
_ODT = (
    b"application/vnd.oasis.opendocument.text",
    b"application/vnd.oasis.opendocument.text-template",
)
_MACRO_EXTENSIONS = frozenset({".docm", ".dotm"})


def _sniff(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if b"%PDF-" in data[:1024]:  # readers accept a PDF header anywhere in the first kilobyte
        return "pdf"
    if data.startswith(b"MZ") and b"\0" in data[:64]:  # a Windows program; text has no NUL
        return "program"
    return None


def _mismatch(extension: str, kind: str) -> SubmissionRefused:
    return SubmissionRefused(
        "type_mismatch",
        _(
            "The file is named %(extension)s but it is %(kind)s, so it was not opened. Save "
            "the statement again with the extension that matches its format, or paste the text."
        )
        % {"extension": extension, "kind": _KINDS[kind]},
    )


def _corrupt(extension: str) -> SubmissionRefused:
    if extension == ".pdf":
        message = _(
            "The file is not a valid PDF (it may be damaged or only partly uploaded). Export it "
            "again, send the Word document, or paste the text instead."
        )
    elif extension == ".odt":
        message = _(
            "The file is not a valid OpenDocument text (it may be damaged or only partly "
            "uploaded). Save it again from LibreOffice, or paste the text instead."
        )
    else:
        message = _(
            "The file is not a valid Word document (it may be damaged or only partly "
            "uploaded). Save it again from Word or LibreOffice, or paste the text instead."
        )
    return SubmissionRefused("corrupt", message)


def _macro() -> SubmissionRefused:
    return SubmissionRefused(
        "macro",
        _(
            "The document contains macros, which are not accepted. Save it as a normal Word "
            "document (.docx) or OpenDocument text (.odt), without macros, and upload it "
            "again, or paste the text."
        ),
    )


def _encrypted_document() -> SubmissionRefused:
    return SubmissionRefused(
        "encrypted_document",
        _(
            "The document is protected with a password, so it cannot be read. Remove the "
            "password (in Word: File, Info, Protect Document, Encrypt with Password; in "
            "LibreOffice: save it again without a password), upload it again, or paste the text."
        ),
    )


def _encoding() -> SubmissionRefused:
    return SubmissionRefused(
        "encoding",
        _(
            "The text file is not in UTF-8 (it may use an older encoding such as Windows-1252). "
            "Save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8) and upload it again, or "
            "paste the text."
        ),
    )


def _text(data: bytes, extension: str) -> list[Block]:
    if kind := _sniff(data):
        raise _mismatch(extension, kind)
    # NUL bytes are valid UTF-8 but never text: UTF-16 without a byte order mark, or binary.
    if b"\0" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _encoding()
    try:
        return extract_lines(decode_text(data))
    except UnicodeDecodeError:
        raise _encoding() from None


def _pdf(data: bytes, extension: str) -> list[Block]:
    kind = _sniff(data)
    if kind != "pdf":
        raise _mismatch(extension, kind) if kind else _corrupt(extension)
    try:
        return extract_pdf(data)
    except PasswordProtected:
        raise SubmissionRefused(
            "encrypted_pdf",
            _(
                "The PDF is protected with a password, so it cannot be read. Send a copy "
                "without a password or the Word document, or paste the text."
            ),
        ) from None
    except NoTextLayer:
        raise SubmissionRefused(
            "no_text_layer",
            _(
                "The PDF contains no text, only images (a scanned statement?). Send the "
                "statement as a Word document, or paste its text."
            ),
        ) from None
    except DamagedFile:
        raise _corrupt(extension) from None


def _identify(package: ZipPackage) -> tuple[str, str]:
    """What a ZIP package is ("docx", "odt", "macro", "encrypted", or a kind of _KINDS), and
    the part to read for a document."""
    names = package.names
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return "macro", ""
    if "mimetype" in names:
        mimetype = package.read("mimetype").strip()
        if mimetype not in _ODT:
            is_opendocument = mimetype.startswith(b"application/vnd.oasis.opendocument.")
            return ("opendocument" if is_opendocument else "zip"), ""
        if any(name.startswith(("Basic/", "Scripts/")) for name in names):
            return "macro", ""
        manifest = "META-INF/manifest.xml"
        if manifest in names and b"encryption-data" in package.read(manifest):
            return "encrypted", ""
        return "odt", "content.xml"
    if "[Content_Types].xml" not in names:
        return "zip", ""
    parts = {
        override.get("ContentType") or "": (override.get("PartName") or "").lstrip("/")
        for override in package.xml("[Content_Types].xml").iter(_CONTENT_TYPE)
    }
    if main := next((parts[kind] for kind in _WORD_MAIN if kind in parts), None):
        return "docx", main
    if any(kind in parts for kind in _WORD_MACRO_MAIN):
        return "macro", ""
    if any("spreadsheetml" in kind or "ms-excel" in kind for kind in parts):
        return "xlsx", ""
    if any("presentationml" in kind or "ms-powerpoint" in kind for kind in parts):
        return "pptx", ""
    return "zip", ""


def _package(data: bytes, extension: str) -> list[Block]:
    """A .docx or an .odt."""
    kind = _sniff(data)
    if kind == "ole" and _ENCRYPTED_PACKAGE in data:
        raise _encrypted_document()
    if kind != "zip":
        raise _mismatch(extension, kind) if kind else _corrupt(extension)
    try:
        with ZipPackage(data, max_expanded=MAX_EXPANDED_BYTES) as package:
            found, main = _identify(package)
            if found == "macro":
                raise _macro()
            if found == "encrypted":
                raise _encrypted_document()
            if f".{found}" != extension:
                raise _mismatch(extension, found)
            return extract_word(package, main) if found == "docx" else extract_opendocument(package)
    except ArchiveTooLarge:
        raise SubmissionRefused(
            "zip_bomb",
            _(
                "The file would expand to more than %(limit)d MB when opened, far more than "
                "any statement, so it was not opened. Save the statement again as a new "
                "document, or paste the text instead."
            )
            % {"limit": MAX_EXPANDED_BYTES // 2**20},
        ) from None
    except DocumentTypeDeclared:
        raise SubmissionRefused(
            "xml_entities",
            _(
                "The document contains XML declarations (a DOCTYPE) that Word and LibreOffice "
                "never write and that can be used to attack a server, so it was not opened. "
                "Save the statement again from Word or LibreOffice, or paste the text instead."
            ),
        ) from None
    except DamagedFile:
        raise _corrupt(extension) from None


_READERS: dict[str, Callable[[bytes, str], list[Block]]] = {
    ".docx": _package,
    ".odt": _package,
    ".pdf": _pdf,
    ".txt": _text,
}


def read_upload(data: bytes, filename: str) -> list[Block]:
    """The blocks of an uploaded file; see `extract_upload`."""
    extension = PurePosixPath(safe_filename(filename)).suffix.lower()
    if len(data) > MAX_UPLOAD_BYTES:
        raise SubmissionRefused(
            "too_large",
            _(
                "The file is larger than %(limit)d MB. A statement of about 500 words is far "
                "smaller: save it without pictures, or paste the text instead."
            )
            % {"limit": MAX_UPLOAD_BYTES // 2**20},
        )
    if extension in _MACRO_EXTENSIONS:
        raise _macro()
    if extension not in _READERS:
        raise SubmissionRefused(
            "unsupported_type",
            _(
                "Files of type %(extension)s are not accepted. Send the statement as a Word "
                "document (.docx), an OpenDocument text (.odt), a PDF with text (.pdf) or a "
                "plain text file (.txt), or paste the text."
            )
            % {"extension": extension or _("(no extension)")},
        )
    return _READERS[extension](data, extension) if data else []

"""read_document: what an uploaded file holds, or a refusal that says what to do instead.

The extension chooses the reader and the first bytes must agree with it: a file is never read
as what it is not (a PDF named .docx, a picture named .txt). Word and OpenDocument files are
ZIP packages, opened through archive.py's size and DOCTYPE checks.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import PurePosixPath

from opendebate.ingest.archive import (
    ArchiveTooLarge,
    DamagedFile,
    DocumentTypeDeclared,
    ZipPackage,
)
from opendebate.ingest.filenames import safe_filename
from opendebate.ingest.limits import MAX_CHARACTERS, MAX_EXPANDED_BYTES, MAX_UPLOAD_BYTES
from opendebate.ingest.opendocument import read_opendocument
from opendebate.ingest.pdf import NoTextLayer, PasswordProtected, read_pdf
from opendebate.ingest.plain import decode_text, extract_lines
from opendebate.ingest.refusals import Refused
from opendebate.ingest.result import Reading
from opendebate.ingest.word import read_word

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


def _mismatch(extension: str, kind: str) -> Refused:
    return Refused("type_mismatch", extension=extension, kind=kind)


def _corrupt(extension: str) -> Refused:
    return Refused("corrupt", extension.lstrip("."))


def _text(data: bytes, extension: str) -> Reading:
    if kind := _sniff(data):
        raise _mismatch(extension, kind)
    # NUL bytes are valid UTF-8 but never text: UTF-16 without a byte order mark, or binary.
    if b"\0" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise Refused("encoding")
    try:
        text = decode_text(data)
    except UnicodeDecodeError:
        raise Refused("encoding") from None
    return Reading(tuple(extract_lines(text)), text)


def _pdf(data: bytes, extension: str) -> Reading:
    kind = _sniff(data)
    if kind != "pdf":
        raise _mismatch(extension, kind) if kind else _corrupt(extension)
    try:
        return read_pdf(data)
    except PasswordProtected:
        raise Refused("encrypted_pdf") from None
    except NoTextLayer:
        raise Refused("no_text_layer") from None
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


def _package(data: bytes, extension: str) -> Reading:
    """A .docx or an .odt."""
    kind = _sniff(data)
    if kind == "ole" and _ENCRYPTED_PACKAGE in data:
        raise Refused("encrypted_document")
    if kind != "zip":
        raise _mismatch(extension, kind) if kind else _corrupt(extension)
    try:
        with ZipPackage(data, max_expanded=MAX_EXPANDED_BYTES) as package:
            found, main = _identify(package)
            if found == "macro":
                raise Refused("macro")
            if found == "encrypted":
                raise Refused("encrypted_document")
            if f".{found}" != extension:
                raise _mismatch(extension, found)
            return read_word(package, main) if found == "docx" else read_opendocument(package)
    except ArchiveTooLarge:
        raise Refused("zip_bomb", limit=MAX_EXPANDED_BYTES // 2**20) from None
    except DocumentTypeDeclared:
        raise Refused("xml_entities") from None
    except DamagedFile:
        raise _corrupt(extension) from None


_READERS: dict[str, Callable[[bytes, str], Reading]] = {
    ".docx": _package,
    ".odt": _package,
    ".pdf": _pdf,
    ".txt": _text,
}


def read_document(data: bytes, filename: str) -> Reading:
    """What an uploaded .docx, .odt, .pdf (with a text layer) or .txt (UTF-8, or UTF-16 with a
    byte order mark) file of at most MAX_UPLOAD_BYTES holds. Raises Refused, with the codes
    too_large, unsupported_type, type_mismatch, corrupt, zip_bomb, xml_entities, macro,
    encrypted_document, encrypted_pdf, no_text_layer, encoding, too_many_pages, too_complex,
    too_long and empty.

    This runs the reader in this process: untrusted files are read through bounded.read_file.
    """
    extension = PurePosixPath(safe_filename(filename)).suffix.lower()
    if len(data) > MAX_UPLOAD_BYTES:
        raise Refused("too_large", limit=MAX_UPLOAD_BYTES // 2**20)
    if extension in _MACRO_EXTENSIONS:
        raise Refused("macro")
    if extension not in _READERS:
        raise Refused("unsupported_type", extension=extension)
    reading = _READERS[extension](data, extension) if data else Reading((), "")
    if not reading.blocks:
        raise Refused("empty")
    if sum(len(block.text) for block in reading.blocks) > MAX_CHARACTERS:
        raise Refused("too_long", limit=MAX_CHARACTERS, unit="characters")
    return reading

"""Reading untrusted files: plain text, ZIP packages (DOCX, ODT) and their XML, PDF text layers.

Shared by the concept-note importer and the statement extractor; each turns these exceptions
into its own refusal. A ZIP package is checked twice against a size limit: the sizes its central
directory declares, before anything is inflated, and the bytes actually inflated, counted as they
stream, since a crafted archive can declare anything. XML with a document type declaration is
refused before it is parsed, and parsed with entities, DTDs and the network off, so that no
entity is ever expanded (billion laughs) or fetched (XXE).
"""

from __future__ import annotations

import codecs
import io
import unicodedata
import warnings
import zipfile
import zlib
from types import TracebackType

from lxml import etree
from pypdf import PdfReader

_CHUNK = 64 * 1024
# A long report has a few hundred parts (one per picture); the count field's maximum, 65535,
# also marks a ZIP64 archive, which no office document needs.
MAX_MEMBERS = 5000
_END_RECORD_SEARCH = 22 + 65535  # the end record, and the longest comment after it
# Office suites write only these; others (bzip2, LZMA) inflate a whole block in one call, out
# of reach of the streaming count.
_COMPRESSIONS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
_XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
)


class DamagedFile(ValueError):
    """Bytes that are not a readable file of the expected kind (damaged or cut short)."""


class ArchiveTooLarge(ValueError):
    """A ZIP package whose contents expand beyond the limit (a "zip bomb")."""

    def __init__(self, expanded: int, limit: int) -> None:
        super().__init__(f"the contents expand to {expanded} bytes, over {limit}")
        self.expanded = expanded
        self.limit = limit


class DocumentTypeDeclared(ValueError):
    """XML with a DOCTYPE: office suites never write one, and it can declare entities."""

    def __init__(self, member: str) -> None:
        super().__init__(f"{member} declares a document type")
        self.member = member


class PasswordProtected(ValueError):
    """A PDF that opens only with a password."""


class NoTextLayer(ValueError):
    """A PDF without text (a scanned image)."""


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without a byte order mark) or UTF-16 with one; newlines as "\\n".
    Raises UnicodeDecodeError for anything else."""
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    return data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")


def refuse_document_type(data: bytes, member: str) -> None:
    """Raise DocumentTypeDeclared if the XML bytes carry a DOCTYPE, before any parser sees it."""
    if b"<!DOCTYPE" in data:
        raise DocumentTypeDeclared(member)


def parse_xml(data: bytes, member: str) -> etree._Element:
    """The root of an XML part; DamagedFile if it is not well-formed."""
    refuse_document_type(data, member)
    try:
        root = etree.fromstring(data, _XML_PARSER)
    except etree.XMLSyntaxError as error:
        raise DamagedFile(f"{member}: {error}") from error
    # The byte check cannot see a DOCTYPE in UTF-16; the parser reports it (unexpanded).
    if root.getroottree().docinfo.internalDTD is not None:
        raise DocumentTypeDeclared(member)
    return root


class ZipPackage:
    """A ZIP package read defensively: DamagedFile, ArchiveTooLarge or DocumentTypeDeclared
    rather than whatever zipfile, zlib or lxml would raise."""

    def __init__(self, data: bytes, *, max_expanded: int) -> None:
        # zipfile builds an object per member: 10 MB of empty members would cost a second and
        # tens of MB before any check. The end record counts them first.
        end = data.rfind(b"PK\x05\x06", max(len(data) - _END_RECORD_SEARCH, 0))
        if end >= 0 and int.from_bytes(data[end + 10 : end + 12], "little") > MAX_MEMBERS:
            raise DamagedFile(f"more than {MAX_MEMBERS} members")
        try:
            self._archive = zipfile.ZipFile(io.BytesIO(data))
            members = self._archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as error:
            raise DamagedFile(str(error)) from error
        for info in members:
            # Bit 0: a member encrypted with a ZIP password, which no office suite uses.
            if info.compress_type not in _COMPRESSIONS or info.flag_bits & 0x1:
                raise DamagedFile(f"{info.filename}: unsupported compression or encryption")
        declared = sum(info.file_size for info in members)
        if declared > max_expanded:
            raise ArchiveTooLarge(declared, max_expanded)
        self.names = frozenset(info.filename for info in members)
        self._limit = max_expanded
        self._left = max_expanded

    def __enter__(self) -> ZipPackage:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._archive.close()

    def read(self, name: str) -> bytes:
        """A member's bytes, inflated in chunks; every byte counts against the package's limit.
        (CPython's zipfile also stops at a member's declared size, then fails its checksum;
        the count does not rely on that.)"""
        chunks = []
        try:
            with self._archive.open(name) as member:
                while chunk := member.read(_CHUNK):
                    self._left -= len(chunk)
                    if self._left < 0:
                        raise ArchiveTooLarge(self._limit - self._left, self._limit)
                    chunks.append(chunk)
        # KeyError: a part that another part refers to is not in the archive.
        except (KeyError, zipfile.BadZipFile, EOFError, OSError, zlib.error) as error:
            raise DamagedFile(f"{name}: {error}") from error
        return b"".join(chunks)

    def xml(self, name: str) -> etree._Element:
        return parse_xml(self.read(name), name)


def bounded_int(value: str | None, default: int, maximum: int) -> int:
    """A count read from an untrusted file, at most `maximum`: a crafted attribute can hold any
    number of digits (and int() refuses more than 4,300)."""
    if value is None or not value.isdecimal() or len(value) > len(str(maximum)):
        return default
    return min(int(value), maximum)


MAX_LIST_NUMBER = 32767  # Word's largest list start value
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip
LIST_LEVELS = 9  # list levels a Word numbering definition may have
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def list_number(value: int, number_format: str) -> str:
    """A list counter in a Word number format ("decimal", "lowerRoman", "upperLetter", ...)."""
    if number_format.endswith("Roman"):
        digits = []
        for amount, numeral in _ROMAN:
            count, value = divmod(value, amount)
            digits.append(numeral * count)
        roman = "".join(digits)
        return roman.upper() if number_format.startswith("upper") else roman
    if number_format.endswith("Letter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if number_format.startswith("upper") else letter
    return str(value)


def _value(element: etree._Element, child: str, default: str) -> str:
    """The w:val of a child element of a numbering definition."""
    found = element.find(_W + child)
    value = found.get(_W + "val") if found is not None else None
    return str(value) if value is not None else default


class WordNumbering:
    """The list definitions of a DOCX (word/numbering.xml), and the counters of its lists so
    far: Word keeps a list's numbers and bullets out of the paragraph text."""

    def __init__(self, numbering: etree._Element | None) -> None:
        nums = numbering.iter(_W + "num") if numbering is not None else ()
        abstracts = numbering.iter(_W + "abstractNum") if numbering is not None else ()
        self._abstract = {num.get(_W + "numId"): _value(num, "abstractNumId", "") for num in nums}
        self._levels = {
            (abstract.get(_W + "abstractNumId"), level.get(_W + "ilvl")): level
            for abstract in abstracts
            for level in abstract.iter(_W + "lvl")
        }
        self._counters: dict[str, list[int]] = {}

    def _level(self, num_id: str, level: int) -> tuple[str, str, int]:
        """The number format, level text ("%1.") and start value of a list level."""
        definition = self._levels.get((self._abstract.get(num_id), str(level)))
        if definition is None:
            return "none", "", 1
        return (
            _value(definition, "numFmt", "decimal"),
            _value(definition, "lvlText", ""),
            bounded_int(_value(definition, "start", "1"), 1, MAX_LIST_NUMBER),
        )

    def marker(self, num_id: str, level: int) -> str:
        """The next marker of list `num_id` at `level` (0-8): "•" for any bullet, the number
        as the level text writes it ("1.", "(a)", "2.1"), "" for a list without numbers."""
        level = min(max(level, 0), LIST_LEVELS - 1)
        number_format, text, start = self._level(num_id, level)
        if number_format == "bullet":
            return "•"
        if number_format == "none":
            return ""
        counters = self._counters.setdefault(num_id, [0] * LIST_LEVELS)
        counters[level] = counters[level] + 1 if counters[level] else start
        counters[level + 1 :] = [0] * (LIST_LEVELS - level - 1)
        for index in range(level + 1):
            formatted = list_number(max(counters[index], 1), self._level(num_id, index)[0])
            text = text.replace(f"%{index + 1}", formatted)
        return text.strip()


def _right_to_left(text: str) -> bool:
    strong = [unicodedata.bidirectional(char) for char in text if char.isalpha()]
    return sum(kind in ("R", "AL") for kind in strong) > len(strong) / 2


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, page after page. Raises PasswordProtected, NoTextLayer or
    DamagedFile.

    Pages are read in pypdf's layout mode, which keeps first-line indents and the blank lines
    between paragraphs. Layout mode orders glyphs by their position from the left, which
    reverses right-to-left script, so a page mostly in Arabic is read in the order its glyphs
    were drawn instead, which is the reading order in LibreOffice's and Word's PDFs.
    """
    # pypdf warns about the irregularities it repairs; a repaired file is still read.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(io.BytesIO(data))
            # A PDF with only an owner password (printing or copying restricted) opens with
            # the empty password, as in any viewer.
            if reader.is_encrypted and not reader.decrypt(""):
                raise PasswordProtected("the PDF is encrypted with a password")
            pages = []
            for page in reader.pages:
                text = page.extract_text(extraction_mode="layout")
                pages.append(page.extract_text() if _right_to_left(text) else text)
        except PasswordProtected:
            raise
        # A damaged PDF surfaces as many different exception types from pypdf.
        except Exception as error:
            raise DamagedFile(str(error)) from error
    text = "\n".join(pages)
    if not text.strip():
        raise NoTextLayer("the PDF has no text layer")
    return text

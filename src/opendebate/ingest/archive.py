"""ZIP packages (DOCX, ODT) and their XML, read as untrusted input.

formats.py turns these exceptions into refusals. A ZIP package is checked twice against a size limit: the sizes its central
directory declares, before anything is inflated, and the bytes actually inflated, counted as they
stream, since a crafted archive can declare anything. XML with a document type declaration is
refused before it is parsed, and parsed with entities, DTDs and the network off, so that no
entity is ever expanded (billion laughs) or fetched (XXE).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from types import TracebackType

from lxml import etree

from opendebate.ingest.limits import MAX_MARKUP
from opendebate.ingest.refusals import Refused

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


def refuse_document_type(data: bytes, member: str) -> None:
    """Raise DocumentTypeDeclared if the XML bytes carry a DOCTYPE, before any parser sees it."""
    if b"<!DOCTYPE" in data:
        raise DocumentTypeDeclared(member)


def parse_xml(data: bytes, member: str) -> etree._Element:
    """The root of an XML part; DamagedFile if it is not well-formed, Refused past
    MAX_MARKUP tags (counted in the bytes, before lxml builds an element for each)."""
    refuse_document_type(data, member)
    if data.count(b"<") > MAX_MARKUP:
        raise Refused("too_complex", "markup", limit=MAX_MARKUP)
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

"""The paragraphs of a DOCX, read from its XML with lxml.

python-docx builds a proxy object per element and loads every style, several times slower
than reading the few elements a statement needs, and a statement is read while the delegation
waits for its receipt. Kept: paragraphs (and those in tables and content controls), bold and
italic (direct, or from a character style), list markers from word/numbering.xml, headings
(the "heading 1" to "heading 9", "Title" and "Subtitle" styles and styles with an outline
level), inserted text of tracked changes. Left out: deleted and moved-away text, hidden text,
field instructions, text boxes and drawings, footers and notes, and headers except the first
page's (in `Reading.source` only).
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from lxml import etree

from opendebate.documents.model import Block, BlockStyle
from opendebate.ingest.archive import DamagedFile, ZipPackage, parse_xml, refuse_document_type
from opendebate.ingest.limits import MAX_PARAGRAPHS
from opendebate.ingest.numbering import LIST_LEVELS, WordNumbering, bounded_int
from opendebate.ingest.paragraphs import Paragraph
from opendebate.ingest.refusals import Refused
from opendebate.ingest.result import Reading

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_P, _R, _T, _PPR, _RPR = _W + "p", _W + "r", _W + "t", _W + "pPr", _W + "rPr"
_VAL = _W + "val"
_NAMESPACES = {"w": _W[1:-1]}
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_BOLD, _ITALIC, _HIDDEN = (_W + "b", _W + "bCs"), (_W + "i", _W + "iCs"), _W + "vanish"
_SPACE = frozenset({_W + "tab", _W + "ptab"})
_BREAK = frozenset({_W + "br", _W + "cr"})
_NO_BREAK_HYPHEN = _W + "noBreakHyphen"
# Not text: deleted and moved-away text (tracked changes), properties, and alternative content
# (drawings and text boxes in two renderings, both decoration around the text).
_SKIPPED = frozenset(
    {_W + "del", _W + "moveFrom", _PPR, _RPR, _W + "sdtPr", _W + "sectPr", _MC + "AlternateContent"}
)
_HEADING_NAME = re.compile(r"heading [1-9]|title|subtitle")
_OUTLINE_LEVELS = 9  # outline levels 0-8 are headings, 9 is body text
_MAX_STYLE_CHAIN = 20
_STYLES_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?styles[\s>/]")


def _value(properties: etree._Element | None, child: str) -> str | None:
    found = properties.find(_W + child) if properties is not None else None
    return found.get(_VAL) if found is not None else None


def _properties(element: etree._Element) -> dict[str, str | None]:
    """The w:val of each child of a properties element (w:rPr), by tag: one pass over a few
    children, cheaper than a find() per property on every run of a document."""
    return {child.tag: child.get(_VAL) for child in element}


def _toggle(properties: dict[str, str | None], *names: str) -> bool | None:
    """A toggle property (w:b, w:i), or its complex-script twin (w:bCs, w:iCs: what Arabic
    text shows); None when neither is set. <w:b/> is on, <w:b w:val="0"/> off."""
    for name in names:
        if name in properties:
            return properties[name] not in ("0", "false", "off")
    return None


def _numbering(properties: etree._Element | None) -> tuple[str | None, str | None]:
    numbering = properties.find(_W + "numPr") if properties is not None else None
    return _value(numbering, "numId"), _value(numbering, "ilvl")


@dataclass(frozen=True)
class _Style:
    based_on: str | None
    heading: bool
    numbering: tuple[str | None, str | None]
    bold: bool | None
    italic: bool | None


class _Styles:
    """The styles a document uses, each parsed on first use. A styles.xml holds hundreds of
    styles (python-docx's template: 440 KB, 9,000 elements, 7 ms to parse whole) of which a
    statement uses a handful; each is found by its styleId in the bytes and parsed alone, with
    the root's start tag around it for the namespace declarations."""

    def __init__(self, data: bytes, name: str) -> None:
        refuse_document_type(data, name)
        self._data = data
        self._name = name
        root = _STYLES_ROOT.search(data)
        # A styles part unlike Word's and LibreOffice's (no prefix, or not in UTF-8) leaves its
        # styles unknown: its paragraphs then read as plain paragraphs.
        self._prefix = root[1] if root else None
        self._root = data[root.start() : data.find(b">", root.start()) + 1] if root else b""
        self._cache: dict[str, _Style | None] = {}

    def _style(self, style_id: str) -> _Style | None:
        if style_id not in self._cache:
            self._cache[style_id] = self._parse(style_id)
        return self._cache[style_id]

    def _parse(self, style_id: str) -> _Style | None:
        prefix = self._prefix
        if prefix is None:
            return None
        position = self._data.find(b"%b:styleId=%b" % (prefix, quoteattr(style_id).encode()))
        if position < 0:
            return None
        start = self._data.rfind(b"<%b:style " % prefix, 0, position)
        end_tag = b"</%b:style>" % prefix
        end = self._data.find(end_tag, position)
        if start < 0 or end < 0:
            return None
        fragment = self._root + self._data[start : end + len(end_tag)] + b"</%b:styles>" % prefix
        try:
            element = parse_xml(fragment, self._name)[0]
        except DamagedFile:
            return None
        if element.get(_W + "styleId") != style_id:
            return None
        properties = element.find(_PPR)
        outline = bounded_int(_value(properties, "outlineLvl"), _OUTLINE_LEVELS, _OUTLINE_LEVELS)
        run = element.find(_RPR)
        emphasis = _properties(run) if run is not None else {}
        return _Style(
            based_on=_value(element, "basedOn"),
            heading=bool(_HEADING_NAME.fullmatch((_value(element, "name") or "").lower()))
            or outline < _OUTLINE_LEVELS,
            numbering=_numbering(properties),
            bold=_toggle(emphasis, *_BOLD),
            italic=_toggle(emphasis, *_ITALIC),
        )

    def chain(self, style_id: str | None) -> Iterator[_Style]:
        """The style and those it is based on, nearest first."""
        seen: set[str] = set()
        while style_id and style_id not in seen and len(seen) < _MAX_STYLE_CHAIN:
            seen.add(style_id)
            style = self._style(style_id)
            if style is None:
                return
            yield style
            style_id = style.based_on


def _related(package: ZipPackage, part: str) -> dict[str, str]:
    """The parts a part refers to, by relationship type ("styles", "numbering") and by
    relationship id ("rId8", as a section refers to its headers)."""
    folder, _, name = part.rpartition("/")
    relationships = posixpath.join(folder, "_rels", f"{name}.rels")
    if relationships not in package.names:
        return {}
    targets: dict[str, str] = {}
    for relationship in package.xml(relationships).iter(_RELATIONSHIP):
        target = relationship.get("Target") or ""
        if relationship.get("TargetMode") != "External":
            path = posixpath.normpath(posixpath.join("/" + folder, target)).lstrip("/")
            targets.setdefault((relationship.get("Type") or "").rpartition("/")[2], path)
            targets.setdefault(relationship.get("Id") or "", path)
    return targets


class _Document:
    def __init__(self, package: ZipPackage, main: str) -> None:
        self._package = package
        self._main = main
        self._parts = _related(package, main)
        self.blocks: list[Block] = []

    def _part(self, kind: str) -> str | None:
        name = self._parts.get(kind)
        return name if name in self._package.names else None

    @functools.cached_property
    def _styles(self) -> _Styles:
        name = self._part("styles")
        return _Styles(self._package.read(name) if name else b"", name or "styles")

    @functools.cached_property
    def _lists(self) -> WordNumbering:
        name = self._part("numbering")
        return WordNumbering(self._package.xml(name) if name else None)

    def read(self) -> Reading:
        body = self._package.xml(self._main)
        # Counted by lxml before any paragraph is built: a crafted document of a hundred
        # thousand empty paragraphs is small once compressed.
        if body.xpath("count(//w:p)", namespaces=_NAMESPACES) > MAX_PARAGRAPHS:
            raise Refused("too_long", limit=MAX_PARAGRAPHS, unit="paragraphs")
        header = self._first_header(body)
        if header is not None:
            self._body(header)
        header_blocks, self.blocks = self.blocks, []
        self._body(body)
        return Reading.of_blocks(self.blocks, header_blocks)

    def _first_header(self, body: etree._Element) -> etree._Element | None:
        """The header of the first page (of the first section), where a UN document carries its
        symbol; None when that section has none of its own."""
        section = next(body.iter(_W + "sectPr"), None)
        if section is None:
            return None
        title_page = section.find(_W + "titlePg")
        first = title_page is not None and title_page.get(_VAL) not in ("0", "false", "off")
        wanted = "first" if first else "default"
        for reference in section.iter(_W + "headerReference"):
            if reference.get(_W + "type", "default") == wanted:
                name = self._parts.get(reference.get(_REL_ID) or "")
                if name in self._package.names:
                    return self._package.xml(name)
        return None

    def _body(self, element: etree._Element) -> None:
        """Paragraphs in reading order, into tables (row by row) and content controls. The
        recursion is bounded: lxml refuses XML nested deeper than 256 elements."""
        for child in element:
            if child.tag == _P:
                self._paragraph(child)
            elif child.tag not in _SKIPPED:
                self._body(child)

    def _paragraph(self, element: etree._Element) -> None:
        properties = element.find(_PPR)
        style_id = _value(properties, "pStyle")
        styles = list(self._styles.chain(style_id))
        marker, level = self._marker(properties, styles)
        if any(style.heading for style in styles):
            style = BlockStyle.HEADING
        else:
            style = BlockStyle.LIST_ITEM if marker else BlockStyle.BODY
        paragraph = Paragraph(style, marker, level)
        self._inline(element, paragraph)
        self.blocks.extend(paragraph.blocks())

    def _marker(self, properties: etree._Element | None, styles: list[_Style]) -> tuple[str, int]:
        """The list marker and level, from the paragraph's numbering or its style's."""
        num_id, level = _numbering(properties)
        for style in styles:
            num_id, level = num_id or style.numbering[0], level or style.numbering[1]
        if not num_id or num_id == "0":  # numId 0 removes a style's numbering
            return "", 0
        number = bounded_int(level, 0, LIST_LEVELS - 1)
        marker = self._lists.marker(num_id, number)
        return marker, number if marker else 0

    def _inline(self, element: etree._Element, paragraph: Paragraph) -> None:
        for child in element:
            if child.tag == _R:
                self._run(child, paragraph)
            elif child.tag not in _SKIPPED:  # hyperlinks, insertions, fields, content controls
                self._inline(child, paragraph)

    def _run(self, run: etree._Element, paragraph: Paragraph) -> None:
        bold = italic = False
        for child in run:  # w:rPr comes first, as the schema orders a run's children
            tag = child.tag
            if tag == _T:
                paragraph.add(child.text or "", bold, italic)
            elif tag == _RPR:
                properties = _properties(child)
                if _toggle(properties, _HIDDEN):  # hidden text is neither shown nor printed
                    return
                direct_bold, direct_italic = (
                    _toggle(properties, *_BOLD),
                    _toggle(properties, *_ITALIC),
                )
                for style in self._styles.chain(properties.get(_W + "rStyle")):
                    direct_bold = style.bold if direct_bold is None else direct_bold
                    direct_italic = style.italic if direct_italic is None else direct_italic
                bold, italic = bool(direct_bold), bool(direct_italic)
            elif tag in _SPACE:
                paragraph.add(" ", bold, italic)
            elif tag in _BREAK:
                paragraph.line_break()
            elif tag == _NO_BREAK_HYPHEN:
                paragraph.add("\u2011", bold, italic)


def read_word(package: ZipPackage, main: str) -> Reading:
    """The WordprocessingML document whose main part is `main` ("word/document.xml"). Raises
    archive's DamagedFile and DocumentTypeDeclared, and Refused for too many paragraphs."""
    return _Document(package, main).read()

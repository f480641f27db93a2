"""The paragraphs of an ODT (OpenDocument text, LibreOffice's own format), from content.xml.

Kept: paragraphs and headings (text:h, and the Title and Subtitle styles), also in tables and
sections; bold and italic from the span's style (automatic, or a named one such as "Strong
Emphasis") or the paragraph's automatic style; list markers from the list style of each level,
counted per list. Left out: the text of notes, comments, drawings, indexes and tracked
deletions. styles.xml (90 KB as LibreOffice writes it) is parsed only when a style used is not
among content.xml's automatic styles.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from lxml import etree

from opendebate.documents.model import Block, BlockStyle
from opendebate.ingest.archive import ZipPackage
from opendebate.ingest.limits import MAX_PARAGRAPHS
from opendebate.ingest.numbering import MAX_LIST_NUMBER, bounded_int, list_number
from opendebate.ingest.paragraphs import Paragraph, is_bold
from opendebate.ingest.refusals import Refused
from opendebate.ingest.result import Reading

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_NAMESPACES = {"text": _TEXT[1:-1]}
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_P, _H, _SPAN, _LIST = _TEXT + "p", _TEXT + "h", _TEXT + "span", _TEXT + "list"
_ITEM, _HEADER = _TEXT + "list-item", _TEXT + "list-header"
_SKIPPED = frozenset(
    _TEXT + name
    for name in (
        "tracked-changes", "change", "note", "sequence-decls", "variable-decls",
        "user-field-decls", "table-of-content", "alphabetical-index", "illustration-index",
        "table-index", "object-index", "user-index", "bibliography",
    )
) | {_OFFICE + "annotation", _OFFICE + "forms"}  # fmt: skip
_TITLES = frozenset({"Title", "Subtitle"})
_LEVELS = 10  # list levels in OpenDocument
_MAX_SPACES = 100  # so that <text:s text:c="1000000000"/> does not allocate a gigabyte
_MAX_STYLE_CHAIN = 20
_NUMBER_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman",
                   "I": "upperRoman"}  # fmt: skip
# ODF collapses runs of whitespace in text to one space; <text:s/> writes the others.
_WHITESPACE = re.compile(r"[ \t\n\r]+")


def _first(properties: etree._Element, name: str) -> str | None:
    """A font property for Latin, else for Asian, else for complex (Arabic) script: LibreOffice
    sets all three when a user makes text bold."""
    for attribute in (_FO + name, f"{_STYLE}{name}-asian", f"{_STYLE}{name}-complex"):
        if (value := properties.get(attribute)) is not None:
            return str(value)
    return None


def _emphasis(style: etree._Element) -> tuple[bool | None, bool | None]:
    properties = style.find(_STYLE + "text-properties")
    if properties is None:
        return None, None
    weight, slant = _first(properties, "font-weight"), _first(properties, "font-style")
    return (
        None if weight is None else is_bold(weight),
        None if slant is None else slant in ("italic", "oblique"),
    )


class _Styles:
    def __init__(self, package: ZipPackage, content: etree._Element) -> None:
        self._package = package
        self.automatic = self._index(content.find(_OFFICE + "automatic-styles"))

    @staticmethod
    def _index(container: etree._Element | None) -> dict[tuple[str, str], etree._Element]:
        """Styles by (family, name); list styles under the family "list"."""
        styles = {}
        for element in container if container is not None else ():
            family = element.get(_STYLE + "family") if element.tag == _STYLE + "style" else "list"
            if element.tag in (_STYLE + "style", _TEXT + "list-style"):
                styles[(family, element.get(_STYLE + "name"))] = element
        return styles

    @functools.cached_property
    def _common(self) -> dict[tuple[str, str], etree._Element]:
        if "styles.xml" not in self._package.names:
            return {}
        return self._index(self._package.xml("styles.xml").find(_OFFICE + "styles"))

    def get(self, family: str, name: str | None) -> etree._Element | None:
        if name is None:
            return None
        # Not `or`: an lxml element without children is false.
        style = self.automatic.get((family, name))
        return style if style is not None else self._common.get((family, name))

    def chain(self, family: str, name: str | None) -> Iterator[etree._Element]:
        """The style and its parents, nearest first."""
        seen: set[str] = set()
        while name and name not in seen and len(seen) < _MAX_STYLE_CHAIN:
            seen.add(name)
            style = self.get(family, name)
            if style is None:
                return
            yield style
            name = style.get(_STYLE + "parent-style-name")

    def emphasis(self, name: str | None) -> tuple[bool | None, bool | None]:
        """Bold and italic of a text style, from the nearest style in its chain that sets them."""
        bold = italic = None
        for style in self.chain("text", name):
            style_bold, style_italic = _emphasis(style)
            bold = style_bold if bold is None else bold
            italic = style_italic if italic is None else italic
        return bold, italic


class _Document:
    def __init__(self, package: ZipPackage) -> None:
        self._content = package.xml("content.xml")
        self._styles = _Styles(package, self._content)
        self._lists_by_id: dict[str, list[int]] = {}
        self._lists_by_style: dict[str, list[int]] = {}
        self.blocks: list[Block] = []

    def read(self) -> Reading:
        text = self._content.find(f"{_OFFICE}body/{_OFFICE}text")
        if text is not None:
            # Counted by lxml before any paragraph is built (see word.py).
            if text.xpath("count(//text:p | //text:h)", namespaces=_NAMESPACES) > MAX_PARAGRAPHS:
                raise Refused("too_long", limit=MAX_PARAGRAPHS, unit="paragraphs")
            self._body(text)
        return Reading.of_blocks(self.blocks)

    def _body(self, element: etree._Element) -> None:
        """Paragraphs, lists, and what holds them (tables, sections). The recursion is bounded:
        lxml refuses XML nested deeper than 256 elements."""
        for child in element:
            if child.tag in (_P, _H):
                self._paragraph(child, in_list=False)
            elif child.tag == _LIST:
                self._list(child, 0, None, None)
            elif child.tag not in _SKIPPED and not str(child.tag).startswith(_DRAW):
                self._body(child)

    def _paragraph(
        self, element: etree._Element, *, in_list: bool, marker: str = "", level: int = 0
    ) -> None:
        name = element.get(_TEXT + "style-name")
        # A paragraph's direct formatting is an automatic style on top of its named style.
        automatic = self._styles.automatic.get(("paragraph", name or ""))
        named = automatic.get(_STYLE + "parent-style-name") if automatic is not None else name
        if element.tag == _H or named in _TITLES:
            style = BlockStyle.HEADING
        else:
            style = BlockStyle.LIST_ITEM if in_list else BlockStyle.BODY
        # Emphasis set on the paragraph itself (LibreOffice does so when a whole paragraph is
        # made bold) is in its automatic style; a named style's (a heading's bold) is layout.
        bold, italic = _emphasis(automatic) if automatic is not None else (None, None)
        paragraph = Paragraph(style, marker, level)
        self._inline(element, paragraph, bool(bold), bool(italic))
        self.blocks.extend(paragraph.blocks())

    def _inline(
        self, element: etree._Element, paragraph: Paragraph, bold: bool, italic: bool
    ) -> None:
        paragraph.add(_WHITESPACE.sub(" ", element.text or ""), bold=bold, italic=italic)
        for child in element:
            tag = child.tag
            if tag == _SPAN:
                span_bold, span_italic = self._styles.emphasis(child.get(_TEXT + "style-name"))
                self._inline(
                    child,
                    paragraph,
                    bold if span_bold is None else span_bold,
                    italic if span_italic is None else span_italic,
                )
            elif tag == _TEXT + "s":
                spaces = bounded_int(child.get(_TEXT + "c"), 1, _MAX_SPACES)
                paragraph.add(" " * spaces, bold=bold, italic=italic)
            elif tag == _TEXT + "tab":
                paragraph.add(" ", bold=bold, italic=italic)
            elif tag == _TEXT + "line-break":
                paragraph.line_break()
            elif tag not in _SKIPPED and not str(tag).startswith(_DRAW):  # links, fields
                self._inline(child, paragraph, bold, italic)
            paragraph.add(_WHITESPACE.sub(" ", child.tail or ""), bold=bold, italic=italic)

    def _counters(self, element: etree._Element, style_name: str | None) -> list[int]:
        """The counters of a list: new, or those of the list it continues."""
        continued = element.get(_TEXT + "continue-list")
        if continued in self._lists_by_id:
            counters = self._lists_by_id[continued]
        elif (
            element.get(_TEXT + "continue-numbering") == "true"
            and style_name in self._lists_by_style
        ):
            counters = self._lists_by_style[style_name]
        else:
            counters = [0] * _LEVELS
        if list_id := element.get(_XML_ID):
            self._lists_by_id[list_id] = counters
        if style_name:
            self._lists_by_style[style_name] = counters
        return counters

    def _list(
        self,
        element: etree._Element,
        level: int,
        style_name: str | None,
        counters: list[int] | None,
    ) -> None:
        style_name = element.get(_TEXT + "style-name") or style_name
        if counters is None:
            counters = self._counters(element, style_name)
        depth = min(level, _LEVELS - 1)
        for item in element:
            if item.tag not in (_ITEM, _HEADER):
                continue
            marker = self._marker(style_name, depth, counters, item) if item.tag == _ITEM else ""
            for child in item:
                if child.tag in (_P, _H):
                    self._paragraph(child, in_list=True, marker=marker, level=depth)
                    marker = ""
                elif child.tag == _LIST:
                    self._list(child, level + 1, style_name, counters)

    def _level_style(self, style_name: str | None, level: int) -> etree._Element | None:
        list_style = self._styles.get("list", style_name)
        for definition in list_style if list_style is not None else ():
            if definition.get(_TEXT + "level") == str(level + 1):
                return definition
        return None

    def _marker(
        self, style_name: str | None, level: int, counters: list[int], item: etree._Element
    ) -> str:
        """Count the item, and write its marker as its list style's level says: "•" for a
        bullet (or a picture), else prefix, numbers of the levels shown, suffix ("1.", "(a)")."""
        definition = self._level_style(style_name, level)
        start = definition.get(_TEXT + "start-value") if definition is not None else None
        following = (
            counters[level] + 1 if counters[level] else bounded_int(start, 1, MAX_LIST_NUMBER)
        )
        counters[level] = bounded_int(item.get(_TEXT + "start-value"), following, MAX_LIST_NUMBER)
        counters[level + 1 :] = [0] * (_LEVELS - level - 1)
        if definition is None or definition.tag != _TEXT + "list-level-style-number":
            return "•"
        shown = bounded_int(definition.get(_TEXT + "display-levels"), 1, _LEVELS)
        first = max(level - shown + 1, 0)
        numbers = []
        for index in range(first, level + 1):
            level_style = self._level_style(style_name, index)
            number_format = (
                level_style.get(_STYLE + "num-format") if level_style is not None else ""
            )
            if number_format:
                numbers.append(
                    list_number(
                        max(counters[index], 1), _NUMBER_FORMATS.get(number_format, "decimal")
                    )
                )
        if not numbers:
            return ""
        prefix = definition.get(_STYLE + "num-prefix") or ""
        return f"{prefix}{'.'.join(numbers)}{definition.get(_STYLE + 'num-suffix') or ''}".strip()


def read_opendocument(package: ZipPackage) -> Reading:
    """An ODT. Raises archive's DamagedFile and DocumentTypeDeclared, and Refused for too many
    paragraphs."""
    return _Document(package).read()

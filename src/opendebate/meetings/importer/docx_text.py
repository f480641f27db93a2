"""The text of a DOCX document in reading order, list numbers and bullets written out.

Word keeps a list's numbers and bullets out of the paragraph text (they are numbering
definitions); they are written back here so that a numbered heading reads "1. Background" and
a bullet "• ...", as they do in the PDF of the same document.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docx.document import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip
_LEVELS = 9  # list levels a numbering definition may have
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _value(element: Any, child: str, default: str) -> str:
    """The w:val of a child element of a numbering definition."""
    found = element.find(_W + child)
    value = found.get(_W + "val") if found is not None else None
    return str(value) if value is not None else default


def _roman(value: int) -> str:
    digits = []
    for amount, numeral in _ROMAN:
        count, value = divmod(value, amount)
        digits.append(numeral * count)
    return "".join(digits)


def _number(value: int, number_format: str) -> str:
    if number_format.endswith("Roman"):
        roman = _roman(value)
        return roman.upper() if number_format.startswith("upper") else roman
    if number_format.endswith("Letter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if number_format.startswith("upper") else letter
    return str(value)


class _Lists:
    """The numbering definitions of a document, and the counters of its lists so far."""

    def __init__(self, document: Document) -> None:
        numbering: Any = document.part.numbering_part.element
        self._abstract = {
            num.get(_W + "numId"): _value(num, "abstractNumId", "")
            for num in numbering.iter(_W + "num")
        }
        self._levels = {
            (abstract.get(_W + "abstractNumId"), level.get(_W + "ilvl")): level
            for abstract in numbering.iter(_W + "abstractNum")
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
            int(_value(definition, "start", "1")),
        )

    def prefix(self, paragraph: Paragraph) -> str:
        numbering = _numbering_of(paragraph)
        if numbering is None:
            return ""
        num_id, level = numbering
        number_format, text, start = self._level(num_id, level)
        if number_format == "bullet":
            return "• "
        if number_format == "none":
            return ""
        counters = self._counters.setdefault(num_id, [0] * _LEVELS)
        counters[level] = counters[level] + 1 if counters[level] else start
        counters[level + 1 :] = [0] * (_LEVELS - level - 1)
        for index in range(level + 1):
            formatted = _number(max(counters[index], 1), self._level(num_id, index)[0])
            text = text.replace(f"%{index + 1}", formatted)
        return f"{text} " if text else ""


def _numbering_of(paragraph: Paragraph) -> tuple[str, int] | None:
    """The list (numId, level) of a paragraph, set on it or on its style's chain."""
    candidates: list[Any] = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        candidates.append(style.element.pPr)
        style = style.base_style
    for properties in candidates:
        numbering = properties.numPr if properties is not None else None
        if numbering is not None and numbering.numId is not None:
            level = numbering.ilvl.val if numbering.ilvl is not None else 0
            num_id = str(numbering.numId.val)
            return (num_id, min(int(level), _LEVELS - 1)) if num_id != "0" else None
    return None


def docx_lines(document: Document) -> Iterator[str]:
    """One line per paragraph, tables row by row, in the order they appear; first the page
    header of the first page, where a UN document carries its symbol."""
    lists = _Lists(document)
    if document.sections:
        section = document.sections[0]
        first = section.different_first_page_header_footer
        header = section.first_page_header if first else section.header
        if not header.is_linked_to_previous:
            yield from _block_lines(header.iter_inner_content(), lists)
    yield from _block_lines(document.iter_inner_content(), lists)


def _block_lines(blocks: Iterator[Paragraph | Table], lists: _Lists) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield lists.prefix(block) + block.text
            continue
        # A merged cell is returned once per grid column it spans. Holding its element keeps
        # lxml's proxy alive, so the same cell is the same object.
        seen: set[Any] = set()
        for row in block.rows:
            for cell in row.cells:
                if cell._tc not in seen:
                    seen.add(cell._tc)
                    yield from _block_lines(cell.iter_inner_content(), lists)

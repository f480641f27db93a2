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

from opendebate.common.files import LIST_LEVELS, WordNumbering


def _prefix(lists: WordNumbering, paragraph: Paragraph) -> str:
    numbering = _numbering_of(paragraph)
    marker = lists.marker(*numbering) if numbering is not None else ""
    return f"{marker} " if marker else ""


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
            return (num_id, min(int(level), LIST_LEVELS - 1)) if num_id != "0" else None
    return None


def docx_lines(document: Document) -> Iterator[str]:
    """One line per paragraph, tables row by row, in the order they appear; first the page
    header of the first page, where a UN document carries its symbol."""
    lists = WordNumbering(document.part.numbering_part.element)
    if document.sections:
        section = document.sections[0]
        first = section.different_first_page_header_footer
        header = section.first_page_header if first else section.header
        if not header.is_linked_to_previous:
            yield from _block_lines(header.iter_inner_content(), lists)
    yield from _block_lines(document.iter_inner_content(), lists)


def _block_lines(blocks: Iterator[Paragraph | Table], lists: WordNumbering) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield _prefix(lists, block) + block.text
            continue
        # A merged cell is returned once per grid column it spans. Holding its element keeps
        # lxml's proxy alive, so the same cell is the same object.
        seen: set[Any] = set()
        for row in block.rows:
            for cell in row.cells:
                if cell._tc not in seen:
                    seen.add(cell._tc)
                    yield from _block_lines(cell.iter_inner_content(), lists)

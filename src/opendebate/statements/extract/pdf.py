"""The paragraphs of a PDF's text layer (a PDF keeps no styles, so no emphasis or headings).

The text is re-flowed by the concept-note importer's `clean`, written for exactly this: PDF
text has one line per printed line, and paragraphs survive only as blank lines, indents, short
last lines, bullets and numbers. It also drops page furniture (page numbers, symbols).
"""

from __future__ import annotations

from opendebate.common.files import pdf_text
from opendebate.documents.model import Block, BlockStyle
from opendebate.meetings.importer.clean import clean
from opendebate.statements.extract.blocks import Paragraph
from opendebate.statements.extract.plain import split_marker


def extract_pdf(data: bytes) -> list[Block]:
    """Raises common.files' PasswordProtected, NoTextLayer or DamagedFile."""
    blocks: list[Block] = []
    for found in clean(pdf_text(data)).paragraphs:
        if found.kind == "bullet":
            marker, text = "•", found.text
        elif (item := split_marker(found.text)) is not None:
            marker, _, text = item
        else:
            marker, text = "", found.text
        paragraph = Paragraph(BlockStyle.LIST_ITEM if marker else BlockStyle.BODY, marker)
        paragraph.add(text)
        blocks.extend(paragraph.blocks())
    return blocks

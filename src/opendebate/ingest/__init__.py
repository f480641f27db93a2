"""Reading documents: uploaded files (.docx, .odt, .pdf, .txt), pasted text and pasted rich
text, into the document model's blocks, or one refusal.

Every entry point returns a Reading (blocks that keep what an annex or a letter needs:
paragraphs, bold and italic runs, bullet and numbered lists, headings, each block's language
left empty until it is known; and the text as laid out in the file) or raises Refused, with a
stable code and a message that says what went wrong and what to do instead. A received file is
read with `read_file`, in a separate process with a time budget (bounded.py); pasted text, which
the form already bounds, in the request. Nothing here touches the database.
"""

from __future__ import annotations

from opendebate.ingest.bounded import read_file
from opendebate.ingest.filenames import safe_filename
from opendebate.ingest.limits import MAX_UPLOAD_BYTES
from opendebate.ingest.markup import extract_fragment
from opendebate.ingest.plain import extract_lines
from opendebate.ingest.refusals import Refused
from opendebate.ingest.result import Reading

# Raised whenever a change to the readers changes what some file reads as, so that a reading
# kept from before is not taken for the current one.
READER_VERSION = 1

__all__ = [
    "MAX_UPLOAD_BYTES",
    "READER_VERSION",
    "Reading",
    "Refused",
    "read_file",
    "read_html",
    "read_pasted",
    "safe_filename",
]


def _pasted(reading: Reading) -> Reading:
    if not reading.blocks:
        raise Refused("empty", "pasted")
    return reading


def read_pasted(text: str) -> Reading:
    """The statement in text pasted into the form. Each line is a paragraph (a line break in a
    pasted statement is a paragraph break); blank lines are only spacing.

    What the form can tell its users:
    - A list item is a line that starts with "- ", "* " or "• " (a bullet) or with a number
      or letter: "1. ", "1) ", "(a) ", "a) ", "(iv) ". Two spaces (or a tab) before the
      marker put the item one level down.
    - **bold**, *italic* or _italic_, ***bold italic***; the marks must touch the words they
      enclose ("5 * 3 * 2" stays as it is, and so does a_name_with_underscores). A backslash
      keeps a mark as text: \\*not italic\\*.

    Refusal codes: empty, too_long.
    """
    return _pasted(Reading(tuple(extract_lines(text)), text))


def read_html(fragment: str) -> Reading:
    """The statement in rich text from the form's HTML editor, through a whitelist: p, div and
    br make paragraphs, h1 to h4 headings, ul, ol and li lists, b and strong bold, i and em
    italic (and CSS font-weight and font-style, as word processors paste them); span is a
    container. Any other element is dropped and its text kept; script, style and other
    non-text elements are dropped with their content. Only HTML's own character references
    are resolved.

    Refusal code: empty.
    """
    return _pasted(Reading.of_blocks(extract_fragment(fragment)))

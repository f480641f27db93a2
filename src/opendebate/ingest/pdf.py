"""A PDF's text layer, read with PDFium (pypdfium2): laid out as lines, then re-flowed into
paragraphs.

PDFium is a C library, some fifty times faster than a pure-Python reader on a statement and
far less exposed to crafted content (its cost is also bounded from outside: see bounded.py).
A PDF keeps no paragraphs, styles or emphasis; what survives of paragraphs is in the layout:
the gap before a paragraph, a first-line indent, bullets, numbers and short last lines. So the
page is laid out again as text, one line per printed line, with an indent in spaces and a blank
line for a gap, and `reflow.reflow` joins its lines into paragraphs (it also drops page
furniture: page numbers, symbols, job numbers).

PDFium gives the text in the order it was drawn, which is the reading order in LibreOffice's and
Word's PDFs, also for right-to-left script; its text rectangles (a run of glyphs on one line
each) place the lines and indents.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from opendebate.documents.model import Block, BlockStyle
from opendebate.ingest.archive import DamagedFile
from opendebate.ingest.limits import MAX_CHARACTERS, MAX_PAGE_OBJECTS, MAX_PAGES
from opendebate.ingest.paragraphs import Paragraph
from opendebate.ingest.plain import split_marker
from opendebate.ingest.reflow import reflow
from opendebate.ingest.refusals import Refused
from opendebate.ingest.result import Reading

# Lines further apart than this share of the page's usual distance between lines have a
# paragraph break between them (word processors add space between paragraphs).
_PARAGRAPH_GAP = 1.25
_ALEF_LAM = re.compile("[\u0627\u0623\u0625\u0622]\u0644")
_DRAWN_NUMBER = re.compile(r"^([.)])(\d{1,3})(?= )")
# Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms.
_RIGHT_TO_LEFT_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_LINE_BREAK = re.compile("\r\n|\ufffe")
_BULLET = re.compile(r"[^\w\s]\s+(?=\S)")


class PasswordProtected(ValueError):
    """A PDF that opens only with a password."""


class NoTextLayer(ValueError):
    """A PDF without text (a scanned image)."""


@dataclass(frozen=True)
class _Line:
    text: str
    left: float
    right: float
    bottom: float
    top: float
    # Where the text after a leading bullet starts: the column its wrapped lines line up with.
    after_bullet: float | None = None


def _right_to_left(text: str) -> bool:
    """Whether most letters of the line are of a right-to-left script."""
    if not _RIGHT_TO_LEFT_LETTER.search(text):  # most lines: no need to look at each letter
        return False
    strong = [unicodedata.bidirectional(char) for char in text if char.isalpha()]
    return sum(kind in ("R", "AL") for kind in strong) > len(strong) / 2


def _lam_alef(text_page: pdfium.PdfTextPage, text: str) -> str:
    """The text with its lam-alef ligatures in logical order. Arabic fonts draw lam and alef as
    one glyph; PDFium gives that glyph's two letters reversed (alef, lam), which turns the
    article of "الإقليمية" into "اإلقليمية". Both letters then share one box, which an alef
    followed by a lam drawn as two glyphs never does."""
    letters = list(text)
    for match in _ALEF_LAM.finditer(text):
        index = match.start()
        if text_page.get_charbox(index) == text_page.get_charbox(index + 1):
            letters[index], letters[index + 1] = letters[index + 1], letters[index]
    return "".join(letters)


def _page_lines(page: pdfium.PdfPage) -> list[_Line]:
    """The page's lines as PDFium breaks them (it adds a line break where the text jumps to a
    new line), each placed by the boxes of its first and last characters (loose boxes: the
    font's full height, whatever the glyph)."""
    text_page = page.get_textpage()
    text = _lam_alef(text_page, text_page.get_text_range())
    # The text has one character per PDFium character, line breaks included, so a position in
    # it is a character index; but for characters beyond the BMP (UTF-16 surrogate pairs).
    last = text_page.count_chars() - 1
    lines: list[_Line] = []
    start = 0
    # PDFium joins a line that ends with a hyphen to the next, and marks the hyphen U+FFFE.
    for separator in _LINE_BREAK.finditer(text + "\r\n"):
        line = text[start : separator.start()] + ("-" if separator[0] == "\ufffe" else "")
        if stripped := line.strip():
            first = min(start + len(line) - len(line.lstrip()), last)
            end = min(start + len(line.rstrip()) - 1, last)
            # Right to left, the first character is the rightmost.
            first_left, bottom, first_right, top = text_page.get_charbox(first, loose=True)
            end_left, _, end_right, _ = text_page.get_charbox(end, loose=True)
            left, right = min(first_left, end_left), max(first_right, end_right)
            bullet = _BULLET.match(stripped)
            after_bullet = (
                text_page.get_charbox(min(first + bullet.end(), last))[0] if bullet else None
            )
            lines.append(_Line(stripped, left, right, bottom, top, after_bullet))
        start = separator.end()
    return lines


def _laid_out(lines: list[_Line]) -> list[str]:
    """The page as text: indents in spaces of the page's average glyph width, measured from the
    left margin (from the right one on a right-to-left line), and a blank line for a gap wider
    than the usual one."""
    if not lines:
        return []
    characters = sum(len(line.text) for line in lines)
    width = sum(line.right - line.left for line in lines) / max(characters, 1) or 1.0
    margin_left = min(line.left for line in lines)
    margin_right = max(line.right for line in lines)
    steps = sorted(
        above.bottom - below.bottom
        for above, below in itertools.pairwise(lines)
        if above.bottom > below.bottom
    )
    usual = steps[len(steps) // 2] if steps else 0.0
    text: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if previous is not None and previous.bottom - line.bottom > _PARAGRAPH_GAP * usual:
            text.append("")
        words = line.text
        if _right_to_left(words):
            offset = margin_right - line.right
            # A list number is drawn as it shows, right to left: ".1" for "1.".
            words = _DRAWN_NUMBER.sub(r"\2\1", words)
        else:
            offset = line.left - margin_left
            if line.after_bullet is not None and (bullet := _BULLET.match(words)):
                # The bullet's gap as wide as it is drawn, so that the lines it wraps onto
                # start under its text rather than indented beyond it.
                column = round((line.after_bullet - line.left) / width)
                words = words[0].ljust(max(column, 2)) + words[bullet.end() :]
        text.append(" " * round(offset / width) + words)
        previous = line
    return text


def _layout_text(data: bytes) -> str:
    """Raises PasswordProtected, DamagedFile, NoTextLayer, and Refused past the limits."""
    try:
        # A PDF with only an owner password (printing or copying restricted) opens without
        # one, as in any viewer.
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise PasswordProtected("the PDF is encrypted with a password") from None
        raise DamagedFile(str(error)) from error
    try:
        if len(document) > MAX_PAGES:
            raise Refused("too_many_pages", limit=MAX_PAGES)
        pages: list[str] = []
        characters = 0
        for index in range(len(document)):
            page = document[index]
            if pdfium_c.FPDFPage_CountObjects(page.raw) > MAX_PAGE_OBJECTS:
                raise Refused("too_complex", limit=MAX_PAGE_OBJECTS)
            lines = _laid_out(_page_lines(page))
            characters += sum(len(line) for line in lines)
            if characters > MAX_CHARACTERS:
                raise Refused("too_long", limit=MAX_CHARACTERS, unit="characters")
            pages.append("\n".join(lines))
    except pdfium.PdfiumError as error:
        raise DamagedFile(str(error)) from error
    finally:
        document.close()
    text = "\n\n".join(pages)
    if not text.strip():
        raise NoTextLayer("the PDF has no text layer")
    return text


def read_pdf(data: bytes) -> Reading:
    """Raises PasswordProtected, NoTextLayer, DamagedFile, and Refused past the limits."""
    text = _layout_text(data)
    blocks: list[Block] = []
    for found in reflow(text).paragraphs:
        if found.kind == "bullet":
            marker, words = "•", found.text
        elif (item := split_marker(found.text)) is not None:
            marker, _, words = item
        else:
            marker, words = "", found.text
        paragraph = Paragraph(BlockStyle.LIST_ITEM if marker else BlockStyle.BODY, marker)
        paragraph.add(words)
        blocks.extend(paragraph.blocks())
    return Reading(tuple(blocks), text)

"""Rich text from the form's HTML editor, read through a whitelist: see `extract_html`."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

from opendebate.documents.model import Block, BlockStyle
from opendebate.ingest.numbering import MAX_LIST_NUMBER, bounded_int, list_number
from opendebate.ingest.paragraphs import Paragraph, is_bold

_HEADINGS = frozenset({"h1", "h2", "h3", "h4"})
# Elements that end a paragraph. Besides the whitelist (p, div, li, lists, headings), other
# block elements keep their text but still separate it: two table cells are not one word.
_BLOCKS = _HEADINGS | {
    "p", "div", "li", "ul", "ol", "br", "h5", "h6", "address", "article", "aside",
    "blockquote", "dd", "dl", "dt", "figcaption", "figure", "footer", "header", "hr", "main",
    "nav", "pre", "section", "table", "caption", "tr", "td", "th",
}  # fmt: skip
# Elements whose content is not text for a reader.
_DROPPED = frozenset(
    {"script", "style", "template", "head", "title", "noscript", "svg", "math", "iframe", "object"}
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip
_EMPHASIS = {"b": (True, None), "strong": (True, None), "i": (None, True), "em": (None, True)}
# Word processors and online editors paste emphasis as inline CSS (and Google Docs wraps a
# whole paste in <b style="font-weight:normal">), so these two declarations are read.
_WEIGHT = re.compile(r"font-weight\s*:\s*(bold(?:er)?|normal|lighter|\d{3})", re.IGNORECASE)
_STYLE = re.compile(r"font-style\s*:\s*(italic|oblique|normal)", re.IGNORECASE)
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
_LIST_TYPES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman",
               "I": "upperRoman"}  # fmt: skip


@dataclass
class _Open:
    tag: str
    bold: bool | None
    italic: bool | None


@dataclass
class _List:
    ordered: bool
    number_format: str
    next: int


def _emphasis(tag: str, style: str) -> tuple[bool | None, bool | None]:
    bold, italic = _EMPHASIS.get(tag, (None, None))
    if weight := _WEIGHT.search(style):
        bold = is_bold(weight[1])
    if slant := _STYLE.search(style):
        italic = slant[1].lower() != "normal"
    return bold, italic


class _Reader(HTMLParser):
    def __init__(self) -> None:
        # Character references become characters (HTML's named ones, and numeric ones); no
        # other entity exists in HTML, so none is ever looked up or fetched.
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._open: list[_Open] = []
        self._counts: Counter[str] = Counter()
        self._lists: list[_List] = []
        self._dropped = 0
        self._paragraph = Paragraph()

    def _flush(self, marker: str = "") -> None:
        """End the paragraph so far and start the next, styled by the elements now open."""
        self.blocks.extend(self._paragraph.blocks())
        if any(self._counts[heading] for heading in _HEADINGS):
            style = BlockStyle.HEADING
        else:
            style = BlockStyle.LIST_ITEM if self._counts["li"] else BlockStyle.BODY
        self._paragraph = Paragraph(style, marker, max(len(self._lists) - 1, 0))

    def finish(self) -> list[Block]:
        self.close()
        self._flush()
        return self.blocks

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self._dropped += 1
        if self._dropped:
            return
        attributes = dict(attrs)
        if tag not in _VOID:
            bold, italic = _emphasis(tag, attributes.get("style") or "")
            self._open.append(_Open(tag, bold, italic))
            self._counts[tag] += 1
        if tag in ("ul", "ol"):
            start = attributes.get("start") or "1"
            number_format = _LIST_TYPES.get(attributes.get("type") or "1", "decimal")
            self._lists.append(
                _List(tag == "ol", number_format, bounded_int(start, 1, MAX_LIST_NUMBER))
            )
        if tag == "li":
            self._flush(self._next_marker(attributes.get("value") or ""))
        elif tag in _BLOCKS:
            self._flush()

    def _next_marker(self, value: str) -> str:
        if not self._lists:
            return "•"
        current = self._lists[-1]
        if not current.ordered:
            return "•"
        current.next = bounded_int(value, current.next, MAX_LIST_NUMBER)
        number, current.next = current.next, current.next + 1
        return f"{list_number(number, current.number_format)}."

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self._dropped = max(self._dropped - 1, 0)
            return
        if self._dropped or not self._counts[tag]:
            return
        # Elements left open inside this one (<b> in a <p> without </b>) close with it.
        while self._open:
            closed = self._open.pop()
            self._counts[closed.tag] -= 1
            if closed.tag in ("ul", "ol") and self._lists:
                self._lists.pop()
            if closed.tag == tag:
                break
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._dropped:
            return
        bold = next((o.bold for o in reversed(self._open) if o.bold is not None), False)
        italic = next((o.italic for o in reversed(self._open) if o.italic is not None), False)
        self._paragraph.add(_WHITESPACE.sub(" ", data), bold=bold, italic=italic)


def extract_fragment(fragment: str) -> list[Block]:
    reader = _Reader()
    reader.feed(fragment)
    return reader.finish()

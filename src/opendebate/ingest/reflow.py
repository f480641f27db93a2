"""From PDF-extracted text to paragraphs: page furniture dropped, hard line wraps re-flowed.

A PDF's text layer has one line per printed line. Paragraph boundaries survive only as hints:
a blank line (unless the extractor put one after every line, as in the seed), a first-line
indent, a bullet, a numbered heading, a short last line. A line continues the paragraph above
when that line was full, i.e. the next line's first word would not have fitted on it: the
test a typesetter's line breaking implies. Every character of a paragraph remembers the source
line it came from, so each extracted field can be shown beside its line.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from opendebate.ingest.text import Folded, display_width, fold, is_wide, phrase_pattern

SYMBOL = r"s/(?:19|20)\d\d/\d{1,4}(?:/(?:rev|corr|add)\.\d{1,2})*(?![\w/])"
_JOB_NUMBER = r"\d{2}-\d{5}(?:\s*\([acefrs]\))?(?:\s+\d{6}){0,2}"
_PAGE_NUMBER = r"\d{1,3}\s*/\s*\d{1,3}"
_FURNITURE_ITEM = rf"(?:{SYMBOL}|{_JOB_NUMBER}|{_PAGE_NUMBER})"
# The caption under the recycling logo at the foot of a UN document's first page.
_RECYCLE = (
    "please recycle",
    "merci de recycler",
    "se ruega reciclar",
    "просьба отправить на вторичную переработку",
    "请回收",
    "يرجى إعادة الاستعمال",
)
# Running headers and footers: symbol, job number, "page/pages" (in any combination), the
# barcode of the job number ("*2011568*"), the recycling caption.
_FURNITURE = re.compile(
    rf"{_FURNITURE_ITEM}(?:\s+{_FURNITURE_ITEM})*|\*\d{{7,}}\*|{phrase_pattern(_RECYCLE)}"
)
SYMBOL_RE = re.compile(SYMBOL)

_BULLET = re.compile(
    r"(?:[•●▪■◦○‣\uf0a7\uf0b7\uf076\uf0d8]\s*|[-–—*]\s+|\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s+)(?=\S)"
)
# "1. Background", "IV. Briefers", "1 - الخلفية"; not "1.5 million".
NUMBERED = re.compile(r"(?:\d{1,2}|[ivx]{1,5})\s*(?:[.)]|\s-)\s*(?=[^\d\s])")
# "[Original: French]" stands on its own line, whatever the width of the line above.
_MARK = re.compile(r"\[[^\[\]]+\]")
_CLOSING = tuple(".!?;:。！？；：؛؟")
_TRAILING = "\"'”’»)）」』"
_WORD = re.compile(r"\w+(?:-\w+)*")
# Runs of spaces (a justified or laid-out line); no-break spaces are typography and stay.
_SPACES = re.compile(r"[^\S\u00a0\u202f]+")
# Lines this wide are wider than a page's line of text: the text was not wrapped by a layout
# (DOCX paragraphs, pasted text).
_MAX_WRAPPED_WIDTH = 110
# A line is full when it and the next line's first word reach this share of the widest line:
# ragged lines and proportional fonts make "would not have fitted" approximate.
_FULL = 0.85
# Lines indented further are centred, right-aligned or tabulated, not running text.
_MAX_INDENT = 10
# ... and when its text, without the indent, spans at least this share: a right-aligned
# signature line reaches the margin too, but is not running text.
_RUNNING = 0.5
# The share of lines broken mid-sentence at the margin above which text is taken as wrapped.
_WRAPPED = 0.15
# Blank lines carry no meaning when the extractor put one after (nearly) every line.
_BLANK_NOISE = 0.6


# A bullet's text is without its marker; an item is a numbered list item, its number kept in
# its text ("1. Ms. X, Director"); a heading is a numbered line standing alone.
Kind = Literal["text", "bullet", "item", "heading"]


def is_closed(text: str) -> bool:
    """True when text ends a sentence (or a clause introducing a list)."""
    return text.rstrip().rstrip(_TRAILING).endswith(_CLOSING)


@dataclass(frozen=True)
class Paragraph:
    """A re-flowed paragraph; `line_of[i]` is the 1-based source line of character i."""

    text: str
    line_of: tuple[int, ...]
    kind: Kind = "text"

    @cached_property
    def folded(self) -> Folded:
        return Folded.of(self.text)

    def lines(self, start: int = 0, end: int | None = None) -> tuple[int, ...]:
        """The source lines of text[start:end]."""
        return tuple(sorted(set(self.line_of[start:end])))

    def then(self, other: Paragraph) -> Paragraph:
        """This paragraph continued by `other`, as one (a title the re-flow left in pieces).

        A space joins them, except between CJK characters and after a hyphen that ends a
        compound ("Secretary-" / "General": titles are not hyphenated by the typesetter).
        """
        last, first = self.text[-1:], other.text[:1]
        glued = not last or is_wide(last) or is_wide(first) or last == "-"
        separator = "" if glued else " "
        line_of = (*self.line_of, *([self.line_of[-1]] if separator else []), *other.line_of)
        return Paragraph(self.text + separator + other.text, line_of, self.kind)


@dataclass(frozen=True)
class Furniture:
    """A running header or footer line that carried a document symbol."""

    symbol: str
    line: int


@dataclass(frozen=True)
class Reflowed:
    """A text's paragraphs, and the symbols its running headers and footers carried."""

    paragraphs: tuple[Paragraph, ...]
    symbols: tuple[Furniture, ...] = ()


@dataclass(frozen=True)
class _Line:
    number: int
    raw: str
    # The length of a list item's number ("1. "), set where the line is known to be an item.
    item_number: int = 0

    @cached_property
    def text(self) -> str:
        return self.raw.strip()

    @cached_property
    def width(self) -> int:
        return display_width(self.raw.rstrip())

    @property
    def indent(self) -> int:
        return len(self.raw) - len(self.raw.lstrip())

    @cached_property
    def bullet(self) -> int:
        """The length of the bullet marker, 0 when the line has none."""
        match = _BULLET.match(self.text)
        return match.end() if match else 0

    @property
    def marker(self) -> int:
        """The length of the bullet marker or list item number, which the lines after hang
        under."""
        return self.bullet or self.item_number

    @cached_property
    def numbered(self) -> bool:
        return NUMBERED.match(fold(self.text)) is not None

    @cached_property
    def mark(self) -> bool:
        return _MARK.fullmatch(self.text) is not None

    def first_word_width(self) -> int:
        if is_wide(self.text[0]):
            return 2
        return display_width(re.split(r"\s", self.text, maxsplit=1)[0])


def _without_furniture(source: Sequence[str]) -> tuple[list[_Line | None], list[Furniture]]:
    """Source lines as _Line (None for blank), with page breaks removed and their symbols."""
    furniture = [bool(line.strip()) and _is_furniture(line) for line in source]
    # A page break is its furniture and the blank lines around it: dropping the break as a
    # whole lets a paragraph cut by it re-flow as if the page had not ended.
    dropped = list(furniture)
    for index, is_furniture in enumerate(furniture):
        if is_furniture:
            for step in (-1, 1):
                other = index + step
                while 0 <= other < len(source) and not source[other].strip():
                    dropped[other] = True
                    other += step
    symbols = [
        Furniture(line.strip()[slice(*folded.span(*match.span()))], index + 1)
        for index, line in enumerate(source)
        if furniture[index]
        for folded in [Folded.of(line.strip())]
        for match in SYMBOL_RE.finditer(folded.text)
    ]
    lines = [
        _Line(index + 1, line.expandtabs()) if line.strip() else None
        for index, line in enumerate(source)
        if not dropped[index]
    ]
    return lines, symbols


def _numbered_items(lines: Sequence[_Line | None]) -> list[_Line | None]:
    """The lines with the numbers of numbered list items marked: numbered lines after a line
    that introduces a list ("Briefers:", "The Council will be briefed by:") are items ("1. Ms.
    X, Director"), not headings of sections, as long as they count on from 1 and no line
    after a finished one is not numbered (a wrapped item's next line follows an unfinished
    one)."""
    marked: list[_Line | None] = []
    listing = False
    expected = 1  # the number the next item must have
    previous = ""
    for line in lines:
        if line is not None:
            number = NUMBERED.match(fold(line.text)) if listing else None
            if number is not None and _number(number.group()) == expected:
                line = _Line(line.number, line.raw, Folded.of(line.text).span(0, number.end())[1])
                expected += 1
            elif number is not None or is_closed(previous):
                listing = False
            if line.text.endswith((":", "：")):
                listing, expected = True, 1
            previous = line.text
        marked.append(line)
    return marked


_ROMAN = {"i": 1, "v": 5, "x": 10}
_NUMBER = re.compile(r"\d+|[ivx]+")


def _number(marker: str) -> int:
    """The value of a list number as NUMBERED matches it ("2.", "iv)", "3 -"); 0 if none."""
    token = _NUMBER.match(marker)
    if token is None:
        return 0
    if token.group().isdigit():
        return int(token.group())
    values = [_ROMAN[char] for char in token.group()]
    return sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))


def _is_furniture(line: str) -> bool:
    return _FURNITURE.fullmatch(" ".join(fold(line).split())) is not None


class _Hyphenation:
    """Whether a hyphen at a line end is a word break ("coop-/eration") or a real hyphen
    ("conflict-/induced", "Secretary-/General"), as the rest of the document tells:

    1. the word written whole elsewhere ("cooperation") is a break;
    2. the compound written elsewhere ("video-teleconference") keeps its hyphen;
    3. so does a hyphen after a word used elsewhere on its own ("conflict"), or before a capital;
    4. otherwise the fragments are taken as a typesetter's break.

    The document's words are gathered on the first question: most texts never ask one.
    """

    def __init__(self, lines: Sequence[_Line]) -> None:
        self._lines = lines

    @cached_property
    def _evidence(self) -> tuple[set[str], set[tuple[str, str]]]:
        """The words of the document and the pairs of words joined by a hyphen in it."""
        words: list[str] = []
        for previous, line in zip([None, *self._lines], self._lines, strict=False):
            tokens = _WORD.findall(fold(line.text))
            # The fragments around a line-end hyphen are no evidence of anything.
            if previous is not None and previous.text.endswith("-"):
                tokens = tokens[1:]
            if line.text.endswith("-"):
                tokens = tokens[:-1]
            words.extend(tokens)
        parts = {part for word in words for part in word.split("-")}
        pairs = {pair for word in words for pair in itertools.pairwise(word.split("-"))}
        return parts, pairs

    def keeps_hyphen(self, before: str, after: str) -> bool:
        head = _WORD.findall(fold(before))
        tail = _WORD.findall(fold(after))
        if not head or not tail or not after[:1].islower():
            return True
        words, pairs = self._evidence
        pair = (head[-1].split("-")[-1], tail[0].split("-")[0])
        if "".join(pair) in words:
            return False
        return pair in pairs or pair[0] in words


class _Builder:
    """Accumulates one paragraph's characters with their source lines."""

    def __init__(self, hyphenation: _Hyphenation) -> None:
        self.hyphenation = hyphenation
        self.chars: list[str] = []
        self.line_of: list[int] = []

    def add(self, text: str, line: int) -> None:
        text = _SPACES.sub(" ", text)
        if self.chars:
            self._join(text, self.line_of[-1])
        self.chars.extend(text)
        self.line_of.extend([line] * len(text))

    def _join(self, text: str, previous_line: int) -> None:
        last = self.chars[-1]
        if last == "\u00ad":  # a soft hyphen is always a line-end break
            self._drop_last()
        elif last == "-" and len(self.chars) > 1 and self.chars[-2].isalpha():
            if not self.hyphenation.keeps_hyphen("".join(self.chars[-40:-1]), text):
                self._drop_last()
        elif not (is_wide(last) or is_wide(text[0])):
            self.chars.append(" ")
            self.line_of.append(previous_line)

    def _drop_last(self) -> None:
        self.chars.pop()
        self.line_of.pop()

    def paragraph(self, kind: Kind) -> Paragraph:
        return Paragraph("".join(self.chars), tuple(self.line_of), kind)


def _blank_lines_are_noise(lines: Sequence[_Line | None]) -> bool:
    texts = [index for index, line in enumerate(lines) if line is not None]
    followed = sum(1 for index in texts if index + 1 < len(lines) and lines[index + 1] is None)
    return bool(texts) and followed > _BLANK_NOISE * len(texts)


class _Reflow:
    def __init__(self, lines: Sequence[_Line]) -> None:
        # The margin is where running text ends; a signature or the header block's right
        # column may reach further but starts far from the left margin.
        running = [line for line in lines if line.indent <= _MAX_INDENT]
        self.text_width = max((line.width for line in running if not line.bullet), default=0)
        self.bullet_width = max((line.width for line in running if line.bullet), default=0)
        # Hard-wrapped text breaks many lines mid-sentence at the margin; text with one
        # paragraph per line (DOCX, pasted text) breaks almost none, even when it is narrow.
        broken = sum(1 for line in lines if self._full(line) and not is_closed(line.text))
        enough = broken >= max(1, _WRAPPED * len(lines))
        self.wrapped = self.text_width <= _MAX_WRAPPED_WIDTH and enough

    def _full(self, line: _Line, next_word: int = 0, width: int | None = None) -> bool:
        """Whether the line reaches the margin: with the next line's first word it would
        not have fitted, and its text (not its indent) spans the line."""
        width = width or self.text_width
        return (
            line.width + 1 + next_word > _FULL * width
            and display_width(line.text) >= _RUNNING * width
        )

    def continues(self, group: Sequence[_Line], line: _Line) -> bool:
        """Whether `line` continues the paragraph whose lines so far are `group`."""
        previous = group[-1]
        if not self.wrapped or line.bullet or line.numbered or line.mark or previous.mark:
            return False
        # An indent (beyond where the text above starts: a bullet's hanging indent is not one)
        # starts a paragraph after a finished sentence, or before a capital (after a title,
        # which has no full stop). CJK and Arabic have no capitals, and their extracted text
        # sometimes indents a line that continues the one above: there the margin decides.
        indented = line.indent > previous.indent + previous.marker
        if indented and (is_closed(previous.text) or line.text[0].isupper()):
            return False
        # A laid-out bullet's next line hangs under its text: a line indented less (but
        # indented) starts the paragraph after the list.
        first = group[0]
        if first.marker and 0 < line.indent < first.indent + first.marker - 1:
            return False
        width = self.bullet_width if first.bullet else self.text_width
        return self._full(previous, line.first_word_width(), width)

    def kind(self, group: Sequence[_Line]) -> Kind:
        if group[0].bullet:
            return "bullet"
        if group[0].item_number:
            return "item"
        heading = group[0].numbered and len(group) == 1 and not is_closed(group[0].text)
        return "heading" if heading else "text"


def reflow(text: str) -> Reflowed:
    """Paragraphs of `text` (line numbers count `text.splitlines()` from 1) and the symbols
    of its running headers."""
    lines, symbols = _without_furniture(text.splitlines())
    lines = _numbered_items(lines)
    present = [line for line in lines if line is not None]
    noise = _blank_lines_are_noise(lines)
    flow = _Reflow(present)
    groups: list[list[_Line]] = []
    paragraph_break = True
    for line in lines:
        if line is None:
            paragraph_break = paragraph_break or not noise
        elif paragraph_break or not flow.continues(groups[-1], line):
            groups.append([line])
            paragraph_break = False
        else:
            groups[-1].append(line)
    hyphenation = _Hyphenation(present)
    paragraphs = []
    for group in groups:
        builder = _Builder(hyphenation)
        for position, line in enumerate(group):
            builder.add(line.text[line.bullet :] if position == 0 else line.text, line.number)
        paragraphs.append(builder.paragraph(flow.kind(group)))
    return Reflowed(tuple(paragraphs), tuple(symbols))

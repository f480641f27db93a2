"""Text as every format can hold it, and the characters the PDF cannot print.

Statements arrive from web forms, e-mail and word processors, and may carry characters that no
document should hold: controls (a vertical tab is how Word copies a manual line break), Unicode
non-characters (U+FFFE, U+FDD0...), a lone surrogate left by a broken encoding. XML 1.0 forbids
most of them (lxml refuses such strings outright) and Typst has no glyph for any. `clean_text`
removes them once, where a statement's blocks are prepared; the renderers call it again on
whatever they are given, since other text (names, titles) reaches them by other paths.

Everything else is kept, including characters no packaged face can draw: the PDF shows those as
a box with the code point, and `unprintable` says which they are and where, so that the
delegation sees it in the preview before confirming.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from .fonts import unprintable_characters
from .model import Annex, Block, Signature, UNDocument

# Controls that separate words (vertical tab, form feed, the information separators) become a
# space, so that "end\vstart" does not become one word; a carriage return ends a line.
_SEPARATORS = re.compile("[\x0b\x0c\x1c-\x1f]")
_LINE_ENDS = re.compile("\r\n?")
# Every other control but tab and line feed, DEL and the C1 controls, lone surrogates, and the
# 66 non-characters (U+FDD0..U+FDEF and the last two code points of every plane).
_REMOVED = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)


def clean_text(text: str) -> str:
    """`text` without the characters no document may hold (see the module's docstring)."""
    if text.isprintable():  # the common case, and cheap: nothing to remove
        return text
    text = _LINE_ENDS.sub("\n", text)
    return _REMOVED.sub("", _SEPARATORS.sub(" ", text))


def clean_blocks(blocks: Iterable[Block]) -> tuple[Block, ...]:
    return tuple(
        replace(
            block,
            runs=tuple(replace(run, text=clean_text(run.text)) for run in block.runs),
            marker=clean_text(block.marker),
        )
        for block in blocks
    )


@dataclass(frozen=True)
class Unprintable:
    """A character no packaged face can draw, and where it appears ("paragraph 3", "annex-2
    heading"), in reading order."""

    character: str
    places: tuple[str, ...]

    @property
    def code_point(self) -> str:
        return f"U+{ord(self.character):04X}"


def unprintable(texts: Iterable[tuple[str, str]]) -> list[Unprintable]:
    """The unprintable characters of `texts`, pairs of (place, text), in order of appearance."""
    places: dict[str, list[str]] = {}
    for place, text in texts:
        for character in unprintable_characters(text):
            seen = places.setdefault(character, [])
            if place not in seen:
                seen.append(place)
    return [Unprintable(character, tuple(where)) for character, where in places.items()]


def block_texts(blocks: Iterable[Block], prefix: str = "") -> Iterator[tuple[str, str]]:
    """Each block's text (marker included) with its place, "paragraph N" counted from 1."""
    for number, block in enumerate(blocks, start=1):
        yield f"{prefix}paragraph {number}", block.marker + block.text


def document_texts(document: UNDocument) -> Iterator[tuple[str, str]]:
    """Every text of a document with its place, for `unprintable`."""
    header = document.header
    lines = (header.organization, header.organ, header.symbol, header.distribution)
    yield "header", "\n".join((*lines, header.date_line, *header.language_lines))
    yield "job number", document.job_number
    yield "title", document.title
    yield from block_texts(document.body)
    yield from _signature_texts(document.signature, "")
    for annex in document.annexes:
        yield from _annex_texts(annex)


def _annex_texts(annex: Annex) -> Iterator[tuple[str, str]]:
    prefix = f"{annex.anchor} "
    yield f"{prefix}heading", "\n".join((annex.label, annex.heading, annex.original_mark))
    yield from block_texts((*annex.title, *annex.body), prefix)
    yield from _signature_texts(annex.signature, prefix)


def _signature_texts(signature: Signature | None, prefix: str) -> Iterator[tuple[str, str]]:
    if signature is not None:
        yield f"{prefix}signature", "\n".join(signature.lines)

"""From the runs a reader found to the blocks of a statement, the same way for every format.

Each reader (DOCX, ODT, PDF, pasted text, HTML) collects a paragraph's runs and the line breaks
inside it; `Paragraph` turns them into Blocks: control characters dropped, whitespace at either
end trimmed, neighbouring runs with the same emphasis merged, and a line break starting a new
block. Emphasis on nothing but spaces is invisible, so such a run joins the run before it.
"""

from __future__ import annotations

import re

from opendebate.documents.model import Block, BlockStyle, Run
from opendebate.ingest.numbering import LIST_LEVELS, bounded_int

# Layout characters become spaces (a tab between words still separates them); other control
# characters carry nothing a reader could see. Format characters (Cf: the joiners and direction
# marks of Arabic text) are kept.
_SPACES = dict.fromkeys(map(ord, "\t\n\r\v\f\x85\u2028\u2029"), " ")
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")  # Unicode's Cc, and lone surrogates


def is_bold(weight: str) -> bool:
    """A CSS or OpenDocument font weight ("bold", "bolder", "700") that reads as bold."""
    weight = weight.strip().lower()
    return weight.startswith("bold") or bounded_int(weight, 0, 1000) >= 600


def _without_controls(text: str) -> str:
    return _CONTROLS.sub("", text.translate(_SPACES))


class Paragraph:
    """One paragraph's runs, split into blocks at line breaks; the first block carries the
    list marker, the blocks after a line break continue the paragraph without one."""

    def __init__(self, style: BlockStyle = BlockStyle.BODY, marker: str = "", level: int = 0):
        self.style = style
        self.marker = marker
        self.level = min(level, LIST_LEVELS - 1)  # as deep as Word goes; HTML has no limit
        # (text, bold, italic): Runs are built once the pieces are merged, fewer of them.
        self._lines: list[list[tuple[str, bool, bool]]] = [[]]

    def add(self, text: str, bold: bool = False, italic: bool = False) -> None:
        if text:
            self._lines[-1].append((text, bold, italic))

    def line_break(self) -> None:
        self._lines.append([])

    def blocks(self) -> list[Block]:
        blocks = []
        marker = self.marker
        for line in self._lines:
            runs = _normalized(line)
            if runs:
                blocks.append(Block(runs, "", self.style, marker, self.level))
                marker = ""
        return blocks


def _normalized(pieces: list[tuple[str, bool, bool]]) -> tuple[Run, ...]:
    merged: list[tuple[list[str], bool, bool]] = []
    for text, bold, italic in pieces:
        if merged and (text.isspace() or merged[-1][1:] == (bold, italic)):
            merged[-1][0].append(text)
        else:
            merged.append(([text], bold, italic))
    runs = [
        Run(text, bold, italic)
        for parts, bold, italic in merged
        if (text := _without_controls("".join(parts)))
    ]
    # Whitespace at either end of the paragraph goes, and the runs it leaves empty.
    while runs and not runs[0].text.strip():
        runs.pop(0)
    while runs and not runs[-1].text.strip():
        runs.pop()
    if runs:
        runs[0] = Run(runs[0].text.lstrip(), runs[0].bold, runs[0].italic)
        runs[-1] = Run(runs[-1].text.rstrip(), runs[-1].bold, runs[-1].italic)
    return tuple(runs)

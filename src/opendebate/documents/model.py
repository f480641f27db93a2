"""The one model of a UN document that every renderer takes (DOCX, PDF, HTML, Akoma Ntoso).

Builders (the concept-note letter, the compilation) turn database rows into these frozen
dataclasses; renderers turn them into bytes and never query the database. Every string here is
final text in its own language: renderers do not translate, number, or choose wording, they only
lay out. Each block carries its language so that a French annex inside a Chinese letter is set
in a Latin face, left to right, and an Arabic annex right to left.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class BlockStyle(StrEnum):
    BODY = "body"  # an ordinary paragraph, first line indented as in UN letters
    HEADING = "heading"  # a section heading inside an annex ("1. Background")
    TITLE = "title"  # a centred bold title line ("Concept note")
    SUBTITLE = "subtitle"  # a centred line under a title ("Security Council open debate")
    LIST_ITEM = "list_item"  # a bullet (marker "•") or numbered item (marker "1.", "(a)")
    MARK = "mark"  # a right-aligned (end-aligned) mark such as "[Original: French]"
    PLAIN = "plain"  # an unindented line (addresses, the place and date of a letter)


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    """A paragraph: runs of text with emphasis, in one language."""

    runs: tuple[Run, ...]
    language: str  # "ar" "zh" "en" "fr" "ru" "es"
    style: BlockStyle = BlockStyle.BODY
    marker: str = ""  # list marker or paragraph number, already in the right form ("•", "1.")
    level: int = 0  # list nesting level, 0 for the first

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def blocks_to_json(blocks: tuple[Block, ...]) -> list[dict[str, Any]]:
    """`dataclasses.asdict` of each block, written out: asdict copies every value recursively,
    which made it the costliest step of keeping a statement's reading (a test holds the two
    equal, so a new field cannot be left out)."""
    return [
        {
            "runs": tuple(
                {"text": run.text, "bold": run.bold, "italic": run.italic} for run in block.runs
            ),
            "language": block.language,
            "style": block.style,
            "marker": block.marker,
            "level": block.level,
        }
        for block in blocks
    ]


def blocks_from_json(raw: list[dict[str, Any]]) -> tuple[Block, ...]:
    return tuple(
        Block(
            runs=tuple(Run(**run) for run in block["runs"]),
            language=block["language"],
            style=BlockStyle(block["style"]),
            marker=block.get("marker", ""),
            level=block.get("level", 0),
        )
        for block in raw
    )


@dataclass(frozen=True)
class Signature:
    """Signature block, its lines already in the order the language version prints them:
    "(Signed) Name" then the function in most languages, the function first in French and
    Chinese (`labels.letter_signature` decides)."""

    lines: tuple[str, ...]
    language: str


# How many annexes each renderer keeps rendered, for the next document that holds them: all the
# annexes of a few compilations of 200 statements. An annex is its own key (it holds everything
# its rendering shows), so a compilation rebuilt after one revision renders that annex only.
RENDERED_ANNEXES = 1024


@dataclass(frozen=True)
class Annex:
    """One annex (or enclosure), kept in its own language.

    `label` is what the annex is called ("Annex", "Annex 12", "附件"); `heading` is the line
    under it ("Annex to the letter dated 1 September 2020 from ...", or "Statement by the
    Permanent Representative of Canada to the United Nations"); `original_mark` is
    "[Original: French]" or empty when the annex is in the letter's language.
    """

    anchor: str  # stable id for permalinks and cross references, e.g. "annex-12"
    label: str
    heading: str
    original_mark: str
    language: str
    title: tuple[Block, ...] = ()
    body: tuple[Block, ...] = ()
    signature: Signature | None = None
    # The language the label and mark are worded in (the letter's), when not the annex's own.
    label_language: str = ""


@dataclass(frozen=True)
class HeaderBlock:
    """The first-page header block of a UN document, every line already worded.

    In Arabic, Chinese and Russian versions the distribution, date and language lines stay in
    English ("Distr.: General", "2 September 2020", "Chinese / Original: French"), as the UN
    prints them; the builder has already decided that.
    """

    organization: str  # "United Nations", "联合国", "Nations Unies"
    organ: str  # "Security Council", "安全理事会"
    symbol: str  # "S/2020/866"
    distribution: str  # "Distr.: General"
    date_line: str  # "2 September 2020"
    language_lines: tuple[str, ...]  # ("Original: English",) or ("Chinese", "Original: French")


@dataclass(frozen=True)
class UNDocument:
    """A Council document: header block, title, letter body, signature, annexes."""

    header: HeaderBlock
    language: str  # the language of this version
    original_language: str
    date_of_issue: datetime.date
    job_number: str  # "20-11568 (C)"; empty until the Secretariat assigns one
    title: str  # "Letter dated 1 September 2020 from the Permanent Representative of ..."
    body: tuple[Block, ...] = ()
    signature: Signature | None = None
    annexes: tuple[Annex, ...] = ()
    # For Akoma Ntoso: the work's country/organ part and the document type and name, e.g.
    # ("un", "unsc", "letter", "2020-09-01"); see the AKN4UN naming convention.
    akn_work: tuple[str, str, str, str] = ("un", "unsc", "letter", "")
    # Fixed so that the same input gives byte-identical output (no "now" inside renderers).
    generated_at: datetime.datetime = field(
        default=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    )

    @property
    def symbol(self) -> str:
        return self.header.symbol

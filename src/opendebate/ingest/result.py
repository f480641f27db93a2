"""Reading: what was read from a file, in a form that crosses a process boundary and is kept."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from opendebate.documents.model import Block, blocks_from_json, blocks_to_json


def block_line(block: Block) -> str:
    """A block as one line of text, its list marker written out ("1. Background")."""
    return f"{block.marker} {block.text}" if block.marker else block.text


@dataclass(frozen=True)
class Reading:
    """`blocks` are the document's paragraphs (their language left empty until it is known);
    `source` is its text as laid out in the file, line by line: for a PDF its text layer with
    indents and blank lines, for a Word document also the first page's header, where a UN
    document carries its symbol. The letter importer reads `source`, statements `blocks`."""

    blocks: tuple[Block, ...]
    source: str

    @classmethod
    def of_blocks(cls, blocks: list[Block], header: list[Block] | None = None) -> Reading:
        lines = [block_line(block) for block in [*(header or []), *blocks]]
        return cls(tuple(blocks), "\n".join(lines))

    @property
    def text(self) -> str:
        """Plain text, one paragraph per line, without list markers."""
        return "\n".join(block.text for block in self.blocks)

    def to_json(self) -> dict[str, Any]:
        return {"blocks": blocks_to_json(self.blocks), "source": self.source}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reading:
        return cls(blocks_from_json(data["blocks"]), data["source"])

"""The document model's JSON form of blocks, as statements keep them."""

from __future__ import annotations

import dataclasses
import json

from opendebate.documents.model import Block, BlockStyle, Run, blocks_from_json, blocks_to_json

BLOCKS = (
    Block(
        (Run("Premièrement", bold=True), Run(", la paix", italic=True), Run(" ; ensuite")),
        "fr",
        BlockStyle.LIST_ITEM,
        "(a)",
        2,
    ),
    Block((Run("安全理事会"),), "zh"),
)


def test_blocks_to_json_is_asdict_of_each_block() -> None:
    assert blocks_to_json(BLOCKS) == [dataclasses.asdict(block) for block in BLOCKS]


def test_blocks_from_json_reads_back_what_blocks_to_json_wrote() -> None:
    assert blocks_from_json(json.loads(json.dumps(blocks_to_json(BLOCKS)))) == BLOCKS

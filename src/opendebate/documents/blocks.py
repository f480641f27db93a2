"""Reading a sequence of blocks the way structured formats (HTML, Akoma Ntoso) need it."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from .model import Block, BlockStyle


def list_runs(blocks: Iterable[Block]) -> Iterator[tuple[bool, list[Block]]]:
    """Consecutive blocks grouped into runs of list items and runs of other blocks, so that a
    structured format can wrap each run of items in one list element."""
    for is_list, group in itertools.groupby(blocks, lambda b: b.style is BlockStyle.LIST_ITEM):
        yield is_list, list(group)

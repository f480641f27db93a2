"""The order of a compilation's annexes, as the Council orders them. Pure: no database.

1. Briefings, in speaking order.
2. Statements delivered at the meeting: the presiding State's first, then the other Council
   members in English alphabetical order, then the non-members who spoke, in speaking order.
3. Written statements in one alphabetical list by UN short name with the article ignored,
   States and organizations mixed; on an equal key a State comes before an organization, then
   the registry code decides, so that the order never depends on the database's.

The Secretariat may then move items; each move puts one item at a position and is replayed on
the computed order, so a statement that arrives later still finds its alphabetical place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from opendebate.compilation.enums import Section


@dataclass(frozen=True)
class Item:
    key: str  # "delivered-12" or "version-345": what the annex is made from
    section: Section
    speaking_order: int = 0
    sort_key: str = ""  # the entity's: English short name without article, accents or case
    is_state: bool = True
    code: str = ""


def _rank(item: Item) -> tuple[int, int, str, int, str, str]:
    by_speech = item.section in (Section.BRIEFING, Section.NON_MEMBER, Section.PRESIDENCY)
    alphabetical = item.section in (Section.MEMBER, Section.WRITTEN)
    return (
        int(item.section),
        item.speaking_order if by_speech else 0,
        item.sort_key if alphabetical else "",
        0 if item.is_state else 1,
        item.code,
        item.key,
    )


def standard_order(items: Iterable[Item]) -> list[Item]:
    return sorted(items, key=_rank)


@dataclass(frozen=True)
class Move:
    key: str
    position: int  # 1-based


def apply_moves(ordered: Sequence[Item], moves: Iterable[Move]) -> list[Item]:
    """Replay manual moves in the order they were made; a move of an item no longer in the
    compilation (a withdrawn statement) is skipped, a position past the end means last."""
    result = list(ordered)
    for move in moves:
        index = next((i for i, item in enumerate(result) if item.key == move.key), None)
        if index is None:
            continue
        item = result.pop(index)
        result.insert(max(move.position, 1) - 1, item)
    return result

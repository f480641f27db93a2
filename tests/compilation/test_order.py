"""The Council's order as a table: each row is a set of items and the order they must take."""

from __future__ import annotations

import pytest

from opendebate.compilation.enums import Section
from opendebate.compilation.order import Item, Move, apply_moves, standard_order
from opendebate.entities.models import sort_key_for


def written(name: str, *, state: bool = True, code: str = "") -> Item:
    return Item(
        key=name,
        section=Section.WRITTEN,
        sort_key=sort_key_for(name),
        is_state=state,
        code=code or name[:3].upper(),
    )


def spoken(key: str, section: Section, order: int, name: str = "") -> Item:
    return Item(key=key, section=section, speaking_order=order, sort_key=sort_key_for(name or key))


B1, B2 = spoken("b-first", Section.BRIEFING, 1), spoken("b-second", Section.BRIEFING, 2)
PRESIDENCY = spoken("niger", Section.PRESIDENCY, 9, "Niger")
BELGIUM = spoken("belgium", Section.MEMBER, 7, "Belgium")
VIET_NAM = spoken("viet-nam", Section.MEMBER, 2, "Viet Nam")
NIGER_SPOKE = spoken("dominican", Section.MEMBER, 5, "Dominican Republic")
CANADA, ISRAEL = spoken("canada", Section.NON_MEMBER, 2), spoken("israel", Section.NON_MEMBER, 1)

ORDER_TABLE = [
    pytest.param(
        [written("Niger"), written("Iran (Islamic Republic of)"), written("European Union", state=False)],
        ["European Union", "Iran (Islamic Republic of)", "Niger"],
        id="article-ignored-states-and-organizations-mixed",
    ),
    pytest.param(
        [written("Ireland"), written("Iran (Islamic Republic of)"), written("Egypt")],
        ["Egypt", "Iran (Islamic Republic of)", "Ireland"],
        id="short-name-not-running-name",
    ),
    pytest.param(
        [written("Côte d'Ivoire"), written("Costa Rica"), written("Croatia")],
        ["Costa Rica", "Côte d'Ivoire", "Croatia"],
        id="accents-ignored",
    ),
    pytest.param(
        [written("Union", state=False, code="ORG"), written("Union", code="STA")],
        ["Union", "Union"],
        id="tie-state-before-organization",
    ),
    pytest.param(
        [written("Syrian Arab Republic"), written("League of Arab States", state=False), written("Kuwait"), written("Lebanon")],
        ["Kuwait", "League of Arab States", "Lebanon", "Syrian Arab Republic"],
        id="organization-between-states",
    ),
    pytest.param(
        [written("Armenia"), CANADA, BELGIUM, B2, PRESIDENCY, ISRAEL, VIET_NAM, B1, NIGER_SPOKE],
        ["b-first", "b-second", "niger", "belgium", "dominican", "viet-nam", "israel", "canada", "Armenia"],
        id="briefings-presidency-members-non-members-written",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("items", "expected"), ORDER_TABLE)
def test_standard_order(items: list[Item], expected: list[str]) -> None:
    assert [item.key for item in standard_order(items)] == expected


def test_tie_puts_the_state_first_whatever_the_input_order() -> None:
    organization = written("Union", state=False, code="ORG")
    state = written("Union", code="STA")
    for items in ([organization, state], [state, organization]):
        assert [item.code for item in standard_order(items)] == ["STA", "ORG"]


def test_moves_are_replayed_and_a_new_item_keeps_its_alphabetical_place() -> None:
    items = [written("Armenia"), written("Brazil"), written("Chile")]
    moved = apply_moves(standard_order(items), [Move("Chile", 1)])
    assert [item.key for item in moved] == ["Chile", "Armenia", "Brazil"]
    later = standard_order([*items, written("Bolivia (Plurinational State of)")])
    assert [item.key for item in apply_moves(later, [Move("Chile", 1)])] == [
        "Chile", "Armenia", "Bolivia (Plurinational State of)", "Brazil",
    ]  # fmt: skip


def test_moves_of_missing_items_are_skipped_and_positions_are_clamped() -> None:
    items = standard_order([written("Armenia"), written("Brazil")])
    moved = apply_moves(items, [Move("Withdrawn", 1), Move("Armenia", 99)])
    assert [item.key for item in moved] == ["Brazil", "Armenia"]

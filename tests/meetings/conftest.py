"""The registry's names, as the importer's callers pass them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ENTITY_DATA = Path(__file__).resolve().parents[2] / "src" / "opendebate" / "entities" / "data"


@pytest.fixture(scope="session")
def entities() -> dict[str, str]:
    """Every short name and running form ("Niger", "the Niger", "للنيجر") to its code."""
    names: dict[str, str] = {}
    for data in ("states.json", "organizations.json"):
        for entity in json.loads((ENTITY_DATA / data).read_text(encoding="utf-8")):
            for name in [*entity["names"].values(), *entity["running"].values()]:
                names[name] = entity["code"]
    return names

"""Reading the renderers' XML back: without entity expansion or network access, even though the
XML is our own, and against the Akoma Ntoso schema kept in the repository (tests/data/schemas,
where the xml.xsd it imports as "./xml.xsd" lies beside it, so nothing is fetched)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).parents[1] / "data" / "schemas"
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def akn_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "akomantoso30.xsd"), parser))

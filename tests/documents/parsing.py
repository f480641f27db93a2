"""Reading the renderers' XML back: without entity expansion or network access, even though the
XML is our own, and against the Akoma Ntoso schema kept beside the project."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).parents[2] / ".." / "shared" / "schemas"
# akomantoso30.xsd imports "./xml.xsd", which is not shipped beside it: a local copy stands in,
# so that nothing is fetched from the network.
XML_XSD = Path(__file__).parent / "data" / "xml.xsd"
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


class _LocalSchemas(etree.Resolver):
    def resolve(self, url: str, pubid: str | None, context: object) -> object:
        if Path(url).name == "xml.xsd":
            return self.resolve_filename(str(XML_XSD), context)
        return None


def akn_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    parser.resolvers.add(_LocalSchemas())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "akomantoso30.xsd"), parser))

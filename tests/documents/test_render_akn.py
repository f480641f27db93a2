from __future__ import annotations

import dataclasses

import pytest
from lxml import etree

from opendebate.documents.model import UNDocument
from opendebate.documents.render_akn import AKN, render_akn

from .parsing import SAFE_PARSER
from .samples import METACHARACTERS, SCRIPT_TEXT, block, english_annex

NS = {"a": AKN}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
WORK = "/akn/un/letter/unsc/2020-09-01/S-2020-866"


@pytest.fixture(scope="module")
def akn(rendered: dict[str, bytes]) -> etree._Element:
    return etree.fromstring(rendered["akn.xml"], SAFE_PARSER)


def test_akn_validates_against_the_schema(schema: etree.XMLSchema, akn: etree._Element) -> None:
    assert schema.validate(akn), schema.error_log


def test_akn_identifies_the_letter_at_each_frbr_level(akn: etree._Element) -> None:
    identification = akn.find("a:documentCollection/a:meta/a:identification", NS)
    values = {
        level: [
            element.get("value")
            for element in identification.xpath(
                f"a:{level}/a:FRBRthis | a:{level}/a:FRBRuri", namespaces=NS
            )
        ]
        for level in ("FRBRWork", "FRBRExpression", "FRBRManifestation")
    }
    assert values == {
        "FRBRWork": [f"{WORK}/!main", WORK],
        "FRBRExpression": [f"{WORK}/zho@/!main", f"{WORK}/zho@"],
        "FRBRManifestation": [f"{WORK}/zho@/!main.xml", f"{WORK}/zho@.akn"],
    }
    assert identification.xpath("a:FRBRWork/a:FRBRdate/@date", namespaces=NS) == ["2020-09-01"]
    assert identification.xpath("a:FRBRWork/a:FRBRauthor/@href", namespaces=NS) == ["#unsc"]
    assert identification.xpath(".//a:FRBRlanguage/@language", namespaces=NS) == ["zho"]


def test_akn_makes_the_letter_and_each_annex_a_component(akn: etree._Element) -> None:
    components = akn.xpath("//a:collectionBody/a:component", namespaces=NS)
    assert [
        (
            component.get(XML_LANG),
            component.xpath("a:doc/@name", namespaces=NS)[0],
            component.xpath(".//a:FRBRExpression/a:FRBRthis/@value", namespaces=NS)[0],
            component.xpath(".//a:FRBRlanguage/@language", namespaces=NS)[0],
        )
        for component in components
    ] == [
        ("zh", "letter", f"{WORK}/zho@/!letter", "zho"),
        ("fr", "annex", f"{WORK}/zho@/!annex_1", "fra"),
        ("ar", "annex", f"{WORK}/zho@/!annex_2", "ara"),
        ("ru", "annex", f"{WORK}/zho@/!annex_3", "rus"),
        ("es", "annex", f"{WORK}/zho@/!annex_4", "spa"),
        ("en", "annex", f"{WORK}/zho@/!annex_5", "eng"),
    ]


def test_akn_keeps_the_header_block_and_title(akn: etree._Element) -> None:
    preface = akn.find("a:documentCollection/a:preface", NS)
    assert preface.xpath(".//a:docNumber/text()", namespaces=NS) == ["S/2020/866"]
    assert preface.xpath(".//a:docDate/@date", namespaces=NS) == ["2020-09-02"]
    assert preface.xpath(".//a:docTitle/text()", namespaces=NS) == [
        "2020年9月1日尼日尔常驻联合国代表给秘书长的信"
    ]


def test_akn_keeps_runs_lists_and_languages(akn: etree._Element) -> None:
    annex = akn.xpath("//a:component[@eId='cmp_2']/a:doc", namespaces=NS)[0]
    paragraph = annex.xpath(".//a:p[a:b]", namespaces=NS)[0]
    assert etree.tostring(paragraph, encoding="unicode").startswith(
        f'<p xmlns="{AKN}" class="body">Il y a cinquante ans, l\'<i>Agence de coopération'
        " culturelle et technique</i> était créée à Niamey ; l'Organisation compte aujourd'hui "
        "<b>88 États et gouvernements</b>, dont"
    )
    items = annex.xpath(".//a:blockList/a:item", namespaces=NS)
    assert [(item.findtext("a:num", namespaces=NS), item.get("class")) for item in items] == [
        ("•", "level_0"),
        ("•", "level_0"),
        ("a)", "level_1"),
    ]
    english = akn.xpath("//a:component[@eId='cmp_6']//a:mainBody/a:p", namespaces=NS)
    assert [(p.get(XML_LANG), p.text) for p in english[1:4]] == [
        ("fr", "Vive la Francophonie !"),
        (None, METACHARACTERS),
        (None, f"A delegation once typed {SCRIPT_TEXT} into its statement."),
    ]


def test_akn_drops_characters_xml_cannot_hold(schema: etree.XMLSchema, letter: UNDocument) -> None:
    annex = dataclasses.replace(english_annex(), body=(block("a\x0bb\x00c\ud800d\ufffe", "en"),))
    akn = etree.fromstring(render_akn(dataclasses.replace(letter, annexes=(annex,))), SAFE_PARSER)
    assert schema.validate(akn), schema.error_log
    assert akn.xpath("//a:mainBody/a:p/text()", namespaces=NS)[-1] == "a bcd"


def test_akn_is_byte_identical_for_the_same_input(letter: UNDocument) -> None:
    assert render_akn(letter) == render_akn(letter)

"""Akoma Ntoso 3.0 XML, the UN's document standard (AKN4UN naming).

The letter is a <documentCollection name="letter">: its preface holds the header block and the
title, and its collectionBody holds the letter itself and then each annex as a <component>
wrapping a <doc>, each with its own FRBR identification. A compilation letter with two hundred
statements is the same shape with more components, and a component keeps its own language
(FRBRlanguage, xml:lang) while the collection is the expression in the version's language.

IRIs follow the Akoma Ntoso naming convention, with the work named after akn_work and the
symbol: work /akn/un/letter/unsc/2020-09-01/S-2020-866, expression .../zho@, the whole
collection .../!main, the letter .../!letter, an annex .../!annex_1 (from its anchor),
manifestation .../zho@/!main.xml.
"""

from __future__ import annotations

import copy
import datetime
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from . import layout
from .blocks import list_runs
from .model import RENDERED_ANNEXES, Annex, Block, Run, Signature, UNDocument
from .text import clean_text

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# ISO 639-2/T codes, as AKN expression IRIs and FRBRlanguage use ("zho", not the "chi" of 639-2/B).
_ISO_639_2 = {"ar": "ara", "zh": "zho", "en": "eng", "fr": "fra", "ru": "rus", "es": "spa"}
_SOURCE = "opendebate"


def _sub(parent: etree._Element, tag: str, text: str = "", /, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{AKN}}}{tag}", attributes)
    if text:
        element.text = clean_text(text)
    return element


def render_akn(document: UNDocument) -> bytes:
    work = _Work.of(document)
    root = etree.Element(f"{{{AKN}}}akomaNtoso", nsmap={None: AKN})
    collection = _sub(root, "documentCollection", name=document.akn_work[2])
    _references(_meta(collection, work, "main", document.language), document)
    _preface(collection, document)
    body = _sub(collection, "collectionBody")

    letter = _sub(body, "component", eId="cmp_1")
    letter.set(_XML_LANG, document.language)
    doc = _sub(letter, "doc", name=document.akn_work[2])
    _meta(doc, work, "letter", document.language)
    _main_body(doc, document.body, document.language)
    _conclusions(doc, document.signature)

    for number, annex in enumerate(document.annexes, start=2):
        # A copy: the kept component itself never joins a document.
        body.append(copy.deepcopy(_annex(work, annex, f"cmp_{number}")))
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=False)
    return xml


@dataclass(frozen=True)
class _Work:
    """What every component's identification says of the document, and nothing else of it: the
    key, with the annex, of an annex's component kept for the next rendering."""

    akn_work: tuple[str, str, str, str]
    symbol: str
    language: str
    date_of_issue: datetime.date
    generated_at: datetime.datetime

    @classmethod
    def of(cls, document: UNDocument) -> _Work:
        return cls(
            document.akn_work,
            document.symbol,
            document.language,
            document.date_of_issue,
            document.generated_at,
        )

    @property
    def iri(self) -> str:
        country, organ, kind, _ = self.akn_work
        number = self.symbol.replace("/", "-")
        return f"/akn/{country}/{kind}/{organ}/{self.date}/{number}"

    @property
    def date(self) -> str:
        # A work without its own date (a builder that left it empty) is dated by its issue.
        return self.akn_work[3] or self.date_of_issue.isoformat()


def _meta(parent: etree._Element, work: _Work, component: str, language: str) -> etree._Element:
    """Identification at the three FRBR levels. FRBRthis names the component; FRBRuri the whole
    work, expression or manifestation it belongs to."""
    iri = work.iri
    expression = f"{iri}/{_ISO_639_2[work.language]}@"
    organ = f"#{work.akn_work[1]}"
    generated = work.generated_at.astimezone(datetime.UTC).replace(microsecond=0)

    meta = _sub(parent, "meta")
    identification = _sub(meta, "identification", source=f"#{_SOURCE}")
    frbr_work = _sub(identification, "FRBRWork")
    _sub(frbr_work, "FRBRthis", value=f"{iri}/!{component}")
    _sub(frbr_work, "FRBRuri", value=iri)
    _sub(frbr_work, "FRBRalias", name="symbol", value=work.symbol)
    _sub(frbr_work, "FRBRdate", date=work.date, name=work.akn_work[2])
    _sub(frbr_work, "FRBRauthor", href=organ)
    _sub(frbr_work, "FRBRcountry", value=work.akn_work[0])
    _sub(frbr_work, "FRBRnumber", value=work.symbol)
    _sub(frbr_work, "FRBRname", value=work.akn_work[2])

    frbr_expression = _sub(identification, "FRBRExpression")
    _sub(frbr_expression, "FRBRthis", value=f"{expression}/!{component}")
    _sub(frbr_expression, "FRBRuri", value=expression)
    _sub(frbr_expression, "FRBRdate", date=work.date_of_issue.isoformat(), name="issue")
    _sub(frbr_expression, "FRBRauthor", href=organ)
    _sub(frbr_expression, "FRBRlanguage", language=_ISO_639_2[language])

    manifestation = _sub(identification, "FRBRManifestation")
    _sub(manifestation, "FRBRthis", value=f"{expression}/!{component}.xml")
    _sub(manifestation, "FRBRuri", value=f"{expression}.akn")
    _sub(manifestation, "FRBRdate", date=generated.isoformat(), name="generation")
    _sub(manifestation, "FRBRauthor", href=f"#{_SOURCE}")
    _sub(manifestation, "FRBRformat", value="application/akn+xml")
    return meta


def _references(meta: etree._Element, document: UNDocument) -> None:
    """The organizations the identifications point to, once for the whole collection (eIds are
    unique across it, nested documents included)."""
    references = _sub(meta, "references", source=f"#{_SOURCE}")
    _sub(
        references,
        "TLCOrganization",
        eId=document.akn_work[1],
        href=f"/akn/ontology/organization/{document.akn_work[0]}/{document.akn_work[1]}",
        showAs=document.header.organ,
    )
    _sub(
        references,
        "TLCOrganization",
        eId=_SOURCE,
        href=f"/akn/ontology/organization/{_SOURCE}",
        showAs=_SOURCE,
    )


def _preface(collection: etree._Element, document: UNDocument) -> None:
    header = document.header
    preface = _sub(collection, "preface")
    container = _sub(preface, "container", name="headerBlock")
    _sub(container, "p", header.organization, **{"class": "organization"})
    _sub(_sub(container, "p", **{"class": "symbol"}), "docNumber", header.symbol)
    _sub(_sub(container, "p", **{"class": "organ"}), "docAuthority", header.organ)
    container.set(_XML_LANG, document.language)
    (distribution, distribution_language), (date, date_language), *languages = layout.header_lines(
        document
    )
    status = _header_line(container, "distribution", distribution_language)
    _sub(status, "docStatus", distribution)
    date_line = _header_line(container, "date", date_language)
    _sub(date_line, "docDate", date, date=document.date_of_issue.isoformat())
    for line, language in languages:
        _header_line(container, "language", language).text = clean_text(line)
    title = _sub(_sub(preface, "longTitle"), "p")
    _sub(title, "docTitle", document.title)


def _header_line(container: etree._Element, kind: str, language: str) -> etree._Element:
    line = _sub(container, "p", **{"class": kind})
    if language != container.get(_XML_LANG):
        line.set(_XML_LANG, language)
    return line


@functools.lru_cache(maxsize=RENDERED_ANNEXES)
def _annex(work: _Work, annex: Annex, eid: str) -> etree._Element:
    """An annex's component, kept for the next rendering (see RENDERED_ANNEXES)."""
    component = etree.Element(f"{{{AKN}}}component", eId=eid, nsmap={None: AKN})
    component.set(_XML_LANG, annex.language)
    doc = _sub(component, "doc", name="annex")
    _meta(doc, work, annex.anchor.replace("-", "_"), annex.language)
    preface = _sub(doc, "preface")
    _sub(_sub(preface, "p", **{"class": "label"}), "docType", annex.label)
    _sub(_sub(_sub(preface, "longTitle"), "p"), "docTitle", annex.heading)
    if annex.original_mark:
        _sub(preface, "p", annex.original_mark, **{"class": "mark"})
    _blocks(preface, annex.title, annex.language)
    _main_body(doc, annex.body, annex.language)
    _conclusions(doc, annex.signature)
    return component


def _main_body(doc: etree._Element, blocks: tuple[Block, ...], language: str) -> None:
    main = _sub(doc, "mainBody")
    _blocks(main, blocks, language)
    if not len(main):
        _sub(main, "p")  # the schema requires content; an empty letter body is still a body


def _blocks(parent: etree._Element, blocks: Iterable[Block], outer: str) -> None:
    for is_list, group in list_runs(blocks):
        if is_list:
            block_list = _sub(parent, "blockList")
            for block in group:
                item = _sub(block_list, "item", **{"class": f"level_{block.level}"})
                _sub(item, "num", block.marker)
                _runs(_paragraph(item, block, outer), block.runs)
        else:
            for block in group:
                _runs(_paragraph(parent, block, outer), block.runs)


def _paragraph(parent: etree._Element, block: Block, outer: str) -> etree._Element:
    paragraph = _sub(parent, "p", **{"class": block.style.value})
    if block.language != outer:
        paragraph.set(_XML_LANG, block.language)
    return paragraph


def _runs(paragraph: etree._Element, runs: Iterable[Run]) -> None:
    for run in runs:
        text = clean_text(run.text)
        if run.bold or run.italic:
            emphasis = _sub(paragraph, "b" if run.bold else "i")
            innermost = _sub(emphasis, "i") if run.bold and run.italic else emphasis
            innermost.text = text
        elif len(paragraph):
            paragraph[-1].tail = (paragraph[-1].tail or "") + text
        else:
            paragraph.text = (paragraph.text or "") + text


def _conclusions(doc: etree._Element, signature: Signature | None) -> None:
    if signature is None:
        return
    conclusions = _sub(doc, "conclusions")
    block = _sub(conclusions, "blockContainer", **{"class": "signature"})
    block.set(_XML_LANG, signature.language)
    for line in signature.lines:
        _sub(_sub(block, "p"), "signature", line)

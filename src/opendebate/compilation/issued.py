"""An issued compilation as its HTML file has it: the article, each annex's section, and the
text that search reads.

What the public reads and searches is exactly what was issued, whatever happened to the
statements since. The text of each annex is taken from the HTML once, when the compilation is
issued, into `AnnexText` rows, so that searching every issued compilation is one query; a
compilation issued before those rows existed is read once, the first time it is searched.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import lxml.html
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet, Value
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan

from opendebate.common.languages import Language
from opendebate.compilation.enums import CompilationStatus
from opendebate.compilation.models import AnnexText, Compilation
from opendebate.compilation.search import fold_lines

if TYPE_CHECKING:
    from lxml.html import HtmlElement


@dataclass(frozen=True)
class AnnexSummary:
    """What the pages say about an annex: its number, label, heading and languages."""

    number: int
    label: str
    label_language: Language  # the letter's, where the label ("Annex 12") is worded
    heading: str
    language: Language

    @property
    def anchor(self) -> str:
        return f"annex-{self.number}"

    @classmethod
    def of(cls, row: AnnexText) -> AnnexSummary:
        return cls(
            row.number,
            row.label,
            Language(row.label_language),
            row.heading,
            Language(row.language),
        )


@dataclass(frozen=True)
class IssuedAnnex(AnnexSummary):
    """An annex's <section> in the issued HTML, with what the pages say about it."""

    element: HtmlElement

    @property
    def text(self) -> str:
        return "".join(self.element.itertext()).strip()


@dataclass(frozen=True)
class IssuedText:
    """The issued HTML's <article>: the letter, then every annex."""

    article: HtmlElement
    annexes: tuple[IssuedAnnex, ...]


def parse_issued(html: bytes) -> IssuedText:
    root = lxml.html.document_fromstring(html)
    article = root.body.find("article")
    annexes = []
    for section in article.findall("section"):
        label = section.find("h2")
        heading = section.find("p[@class='un-annex-heading']")
        annexes.append(
            IssuedAnnex(
                number=int(section.get("id").removeprefix("annex-")),
                label=label.text_content().strip(),
                label_language=Language.from_ui_code(label.get("lang") or article.get("lang")),
                heading=heading.text_content().strip() if heading is not None else "",
                language=Language.from_ui_code(section.get("lang", "")),
                element=section,
            )
        )
    return IssuedText(article, tuple(annexes))


def read_issued(compilation: Compilation) -> IssuedText:
    """The issued HTML file, parsed."""
    with default_storage.open(compilation.files["html"]["name"]) as file:
        return parse_issued(file.read())


def index_issued(compilation: Compilation, html: bytes | None = None) -> None:
    """Write the search rows of an issued compilation from its HTML (`html`, or the stored
    file), replacing any: a build that runs again after a crash writes the same rows."""
    issued = parse_issued(html) if html is not None else read_issued(compilation)
    rows = [
        AnnexText(
            compilation=compilation,
            number=annex.number,
            label=annex.label,
            label_language=annex.label_language,
            heading=annex.heading,
            language=annex.language,
            text=annex.text,
            folded=fold_lines(annex.text),
        )
        for annex in issued.annexes
    ]
    with transaction.atomic():
        AnnexText.objects.filter(compilation=compilation).delete()
        AnnexText.objects.bulk_create(rows)


def index_unindexed(compilations: Iterable[Compilation]) -> None:
    """Index, once, the issued compilations that have no search rows yet (issued before search
    kept them, or written by hand)."""
    for compilation in compilations:
        if compilation.files.get("html"):
            index_issued(compilation)


def annexes_containing(
    query_terms: tuple[str, ...], compilation: Compilation | None = None
) -> QuerySet[AnnexText]:
    """The issued annexes whose folded text holds every term, newest compilation first and in
    annex order within one; of one compilation when given."""
    rows = AnnexText.objects.filter(compilation__status=CompilationStatus.ISSUED)
    rows = rows.select_related("compilation__meeting")
    if compilation is not None:
        rows = rows.filter(compilation=compilation)
    for term in query_terms:
        # instr() on SQLite, strpos() on PostgreSQL: a plain search for the folded term, where
        # `contains` (LIKE) also reads it as a pattern and took twice as long on a year of annexes.
        rows = rows.filter(GreaterThan(StrIndex("folded", Value(term)), 0))
    return rows.order_by(
        "-compilation__issued_on", "-compilation__issued_at", "-compilation__pk", "number"
    )


def annexes_in_order(pks: Sequence[int]) -> list[AnnexText]:
    """The search rows `pks` names, in that order, with their compilation and meeting: a page
    of results, read by key once the scan of the folded texts has ranked them. Three queries:
    a page holds the annexes of a few compilations, each then read once rather than with
    every row (select_related took twice as long for a page of 50)."""
    rows = AnnexText.objects.prefetch_related("compilation__meeting").in_bulk(pks)
    return [rows[pk] for pk in pks]

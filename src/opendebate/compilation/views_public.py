"""The public pages of issued compilations: the list, each document with its annexes, a page
per annex (the permalink), full-text search, and the issued files.

Only issued compilations exist here, for everyone, the Secretariat included: a draft is
prepared elsewhere. A page shows the HTML file written when the compilation was issued, parsed
and embedded as it is, and search reads the text taken from that file at issue (`issued.py`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import lxml.html
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from lxml.html import builder

from opendebate.common.languages import Language
from opendebate.compilation.enums import CompilationStatus
from opendebate.compilation.issued import (
    AnnexSummary,
    IssuedText,
    annexes_containing,
    annexes_in_order,
    index_issued,
    index_unindexed,
    read_issued,
)
from opendebate.compilation.models import AnnexText, Compilation
from opendebate.compilation.search import Snippet, find, terms
from opendebate.compilation.services import stored_file
from opendebate.documents.render import FORMAT_BY_KEY

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
    from lxml.html import HtmlElement

    from opendebate.meetings.models import Meeting

# The files a reader may download beside the page itself (which is the HTML), by the key the
# build stores them under; their labels are the one table's, documents.render.FORMATS.
DOWNLOADS = ("pdf", "docx", "akn")
# Matching annexes a page of search results shows: a common word matches most annexes of a
# year, and each shown hit costs a snippet.
RESULTS_PER_PAGE = 50


@dataclass(frozen=True)
class Hit:
    annex: AnnexSummary
    snippet: Snippet


@dataclass(frozen=True)
class Listed:
    """An issued compilation with its meeting's title in the reader's language, or the nearest."""

    compilation: Compilation
    title: str
    title_language: Language


def _listed(compilation: Compilation, reader: Language) -> Listed:
    meeting: Meeting = compilation.meeting
    title = meeting.title(reader.value)
    titles: dict[str, str] = meeting.titles or {}
    found = next((code for code in (reader, *titles) if titles.get(code) == title), reader)
    return Listed(compilation, title, Language(found))


def issued_compilations() -> QuerySet[Compilation]:
    """Issued compilations, newest first, with what the list shows in two queries."""
    return (
        Compilation.objects.filter(status=CompilationStatus.ISSUED)
        .select_related("meeting", "revises")
        .prefetch_related(
            Prefetch(
                "successors",
                queryset=Compilation.objects.filter(status=CompilationStatus.ISSUED).order_by(
                    "issued_on", "pk"
                ),
                to_attr="issued_successors",
            )
        )
        .order_by("-issued_on", "-issued_at", "-pk")
    )


def _issued(symbol: str) -> Compilation:
    return get_object_or_404(issued_compilations(), symbol=symbol)


def _html(element: HtmlElement) -> SafeString:
    # The renderer escaped every string when it wrote the file; lxml escapes again on output.
    html: str = lxml.html.tostring(element, encoding="unicode", with_tail=False)
    return mark_safe(html)  # noqa: S308


def _hits(rows: Iterable[AnnexText], query_terms: tuple[str, ...]) -> list[Hit]:
    """The rows' snippets: every row holds the terms (the query said so), `find` says where."""
    hits = []
    for row in rows:
        found = find(row.text, query_terms, row.folded)
        if found is not None:
            hits.append(Hit(AnnexSummary.of(row), found))
    return hits


def _annex_url(compilation: Compilation, number: int) -> str:
    return reverse("documents_public:annex", args=[compilation.symbol, number])


def _add_permalinks(compilation: Compilation, issued: IssuedText) -> None:
    """Under each annex's label, a link to its own page, in the reader's language."""
    reader = Language.of_reader()
    attributes = {
        "class": "annex-permalink",
        "lang": reader.ui_code,
        "dir": "rtl" if reader.is_rtl else "ltr",
    }
    for annex in issued.annexes:
        text = _("Permalink to annex %(number)s") % {"number": annex.number}
        link = builder.A(text, href=_annex_url(compilation, annex.number))
        annex.element.find("h2").addnext(builder.P(link, attributes))


def _downloads(compilation: Compilation) -> list[tuple[str, StrOrPromise, int]]:
    return [
        (kind, FORMAT_BY_KEY[kind].label, compilation.files[kind]["bytes"])
        for kind in DOWNLOADS
        if kind in compilation.files
    ]


def compilation_list(request: HttpRequest) -> HttpResponse:
    reader = Language.of_reader()
    listed = [_listed(compilation, reader) for compilation in issued_compilations()]
    return render(request, "compilation/public_list.html", {"listed": listed})


def document(request: HttpRequest, symbol: str) -> HttpResponse:
    """The letter and every annex as issued, a table of contents, and search in its annexes."""
    compilation = _issued(symbol)
    issued = read_issued(compilation)
    query = request.GET.get("q", "")
    query_terms = terms(query)
    hits: list[Hit] = []
    if query_terms:
        if not compilation.annex_texts.exists():
            index_issued(compilation)
        hits = _hits(annexes_containing(query_terms, compilation), query_terms)
    _add_permalinks(compilation, issued)
    context = {
        "listed": _listed(compilation, Language.of_reader()),
        "letter_language": Language(compilation.language),
        "annexes": issued.annexes,
        "document_html": _html(issued.article),
        "downloads": _downloads(compilation),
        "query": query,
        "searched": bool(query_terms),
        "hits": hits,
    }
    return render(request, "compilation/public_document.html", context)


def annex(request: HttpRequest, symbol: str, number: int) -> HttpResponse:
    """One annex alone: its permalink."""
    compilation = _issued(symbol)
    annexes = read_issued(compilation).annexes
    index = next((i for i, annex in enumerate(annexes) if annex.number == number), None)
    if index is None:
        raise Http404
    context = {
        "listed": _listed(compilation, Language.of_reader()),
        "annex": annexes[index],
        "annex_html": _html(annexes[index].element),
        "previous": annexes[index - 1] if index > 0 else None,
        "next": annexes[index + 1] if index + 1 < len(annexes) else None,
    }
    return render(request, "compilation/public_annex.html", context)


def search(request: HttpRequest) -> HttpResponse:
    """Every issued compilation's annexes, searched: a page of matching annexes at a time,
    grouped by document, newest document first."""
    query = request.GET.get("q", "")
    query_terms = terms(query)
    found: list[tuple[Listed, list[Hit]]] = []
    results = None
    if query_terms:
        reader = Language.of_reader()
        index_unindexed(issued_compilations().filter(annex_texts__isnull=True))
        # One scan of the folded texts ranks every match by key: the count is its length, and
        # the page's rows are then read by key, where counting and slicing a queryset would
        # scan them twice.
        ranked = list(annexes_containing(query_terms).values_list("pk", flat=True))
        results = Paginator(ranked, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        rows = annexes_in_order(list(results.object_list))
        for compilation, group in itertools.groupby(rows, lambda row: row.compilation):
            found.append((_listed(compilation, reader), _hits(group, query_terms)))
    context = {"query": query, "searched": bool(query_terms), "found": found, "results": results}
    return render(request, "compilation/public_search.html", context)


def download(request: HttpRequest, symbol: str, kind: str) -> FileResponse:
    """An issued file as it was stored, named after the symbol ("S-2020-900.pdf")."""
    if kind not in DOWNLOADS:
        raise Http404
    return stored_file(_issued(symbol), kind)

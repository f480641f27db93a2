"""The annexes each renderer keeps for the next document (model.RENDERED_ANNEXES), seen from
tests: forgotten to render from scratch, counted to see which annexes a rendering redid."""

from __future__ import annotations

from typing import Any, Protocol

from opendebate.documents import render_akn, render_docx, render_html, render_pdf
from opendebate.documents.model import UNDocument
from opendebate.documents.render import render_all


class _Kept(Protocol):
    """A renderer's annexes, as functools keeps them."""

    def cache_clear(self) -> None: ...
    def cache_info(self) -> Any: ...  # functools' named tuple is private


KEPT: dict[str, _Kept] = {
    "docx": render_docx._annex,
    "pdf": render_pdf._annex_file,
    "html": render_html.render_annex_html,
    "akn": render_akn._annex,
}


def from_scratch(document: UNDocument) -> dict[str, bytes]:
    """Every format with no annex kept. Typst's own memo of layout stays: a test compares the
    PDF with a fresh process's."""
    for kept in KEPT.values():
        kept.cache_clear()
    return render_all(document)


def rendered_annexes() -> dict[str, int]:
    """How many annexes each format has rendered (not found kept) in this process."""
    return {key: kept.cache_info().misses for key, kept in KEPT.items()}

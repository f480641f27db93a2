"""Every format of a document at once: the one table of formats that letters, compilations and
their downloads share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .model import UNDocument
from .render_akn import render_akn
from .render_docx import render_docx
from .render_html import render_html
from .render_pdf import render_pdf


@dataclass(frozen=True)
class Format:
    key: str  # what records and addresses call it: "akn"
    extension: str  # the file's: "akn.xml"
    content_type: str
    render: Callable[[UNDocument], bytes]


# In the order they are written.
FORMATS = (
    Format(
        "docx",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        render_docx,
    ),
    Format("pdf", "pdf", "application/pdf", render_pdf),
    Format("html", "html", "text/html; charset=utf-8", lambda doc: render_html(doc).encode()),
    Format("akn", "akn.xml", "application/akn+xml", render_akn),
)


FORMAT_BY_KEY = {format_.key: format_ for format_ in FORMATS}


def render_all(
    document: UNDocument, progress: Callable[[str, int, int], None] = lambda *_: None
) -> dict[str, bytes]:
    """Every format, keyed by file extension; `progress(key, k, n)` before format k of n."""
    rendered = {}
    for index, format_ in enumerate(FORMATS):
        progress(format_.key, index, len(FORMATS))
        rendered[format_.extension] = format_.render(document)
    return rendered

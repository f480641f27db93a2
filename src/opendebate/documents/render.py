"""Every format of a document at once: the one table of formats that letters, compilations and
their downloads share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from .model import UNDocument
from .render_akn import render_akn
from .render_docx import render_docx
from .render_html import render_html
from .render_pdf import render_pdf

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Format:
    key: str  # what records and addresses call it: "akn"
    extension: str  # the file's: "akn.xml"
    content_type: str
    render: Callable[[UNDocument], bytes]
    label: StrOrPromise  # what a download link calls it, in the reader's language
    writing: StrOrPromise  # the build's progress line while this format is written


# In the order they are written.
FORMATS = (
    Format(
        "docx",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        render_docx,
        _("Word document (.docx)"),
        _("Writing the Word document"),
    ),
    Format("pdf", "pdf", "application/pdf", render_pdf, _("PDF"), _("Writing the PDF")),
    Format(
        "html",
        "html",
        "text/html; charset=utf-8",
        lambda doc: render_html(doc).encode(),
        _("Web page (.html)"),
        _("Writing the web page"),
    ),
    Format(
        "akn",
        "akn.xml",
        "application/akn+xml",
        render_akn,
        _("Akoma Ntoso XML (.akn.xml)"),
        _("Writing the Akoma Ntoso XML"),
    ),
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

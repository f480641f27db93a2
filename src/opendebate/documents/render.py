"""Every format of a document at once, keyed by file extension."""

from __future__ import annotations

from .model import UNDocument
from .render_akn import render_akn
from .render_docx import render_docx
from .render_html import render_html
from .render_pdf import render_pdf


def render_all(document: UNDocument) -> dict[str, bytes]:
    return {
        "docx": render_docx(document),
        "pdf": render_pdf(document),
        "html": render_html(document).encode(),
        "akn.xml": render_akn(document),
    }

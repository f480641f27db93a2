"""PDF through Typst: a static template that reads the document as JSON data.

One compiler per process keeps the parsed template and the loaded fonts between documents, and
Typst memoizes layout across compilations, so re-rendering a document of which little changed
costs little. That memo is process-wide and holds what the last ten or so compilations used
(about 130 MB per 193-annex compilation): render large documents in a worker process.

The PDF is PDF/A-2a and PDF/UA-1: archivable, tagged (structure, reading order, language) and
titled, with every font embedded and subset. PDF/A forbids a glyph a font does not have, so a
character no packaged face can draw is shown as a box holding its code point ("U+20000"): a
document never fails to build over one character, and the reader sees where one is missing.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import threading
from pathlib import Path
from typing import Any, cast

import typst

from . import layout
from .fonts import font_directories, pdf_families, unprintable_characters
from .model import Annex, Block, Signature, UNDocument
from .text import clean_text, document_texts, unprintable

logger = logging.getLogger(__name__)
_TEMPLATE = Path(__file__).parent / "templates" / "documents" / "un_document.typ"
# What the template receives for a text: a string, or a list of pieces when some character must
# be shown as its code point ({"text": "..."} and {"code": "U+20000"}).
Text = str | list[dict[str, str]]
# compile() replaces the compiler's inputs: two documents must not share it at once.
_lock = threading.Lock()


@functools.cache
def _compiler() -> typst.Compiler:
    fonts = typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=False,
        font_paths=[str(directory) for directory in font_directories()],
    )
    # A path, not the template's bytes: typst 0.15.2 loses an in-memory main file after the
    # first compile of a reused compiler.
    return typst.Compiler(_TEMPLATE, font_paths=fonts, ignore_system_fonts=True)


def render_pdf(document: UNDocument) -> bytes:
    data = json.dumps(_document_data(document), ensure_ascii=False, separators=(",", ":"))
    # Only a boxed piece writes this: a quote inside a text is escaped (\").
    if '{"code":"U+' in data:
        for missing in unprintable(document_texts(document)):
            logger.warning(
                "%s: %s (%s) has no glyph in any packaged face, shown as its code in %s",
                document.symbol,
                missing.code_point,
                missing.character,
                ", ".join(missing.places),
            )
    with _lock:
        pdf = _compiler().compile(
            format="pdf",
            sys_inputs={"document": data},
            timestamp=document.generated_at,
            pdf_standards=["a-2a", "ua-1"],
        )
    # One bytes object: only PNG and SVG output come as a list of pages.
    return cast(bytes, pdf)


def _document_data(document: UNDocument) -> dict[str, Any]:
    header = document.header
    return {
        "page": {
            "width": layout.PAGE_WIDTH_PT,
            "height": layout.PAGE_HEIGHT_PT,
            "margin": layout.MARGIN_PT,
            "first_line_indent": layout.FIRST_LINE_INDENT_PT,
            "list_indent": layout.LIST_INDENT_PT,
            "signature_indent": layout.SIGNATURE_INDENT_PT,
        },
        "languages": {
            code: {
                "region": region.lower(),
                "rtl": layout.is_rtl(code),
                "fonts": pdf_families(code),
                "size": layout.font_size(code),
            }
            for code, region in layout.REGIONS.items()
        },
        "language": document.language,
        "running_language": layout.RUNNING_LANGUAGE,
        "title": clean_text(document.title),
        "title_text": _text(document.title),
        "author": clean_text(header.organ),
        "job_number": _text(document.job_number),
        "running_job_number": _text(layout.running_job_number(document)),
        "header": {
            "organization": _text(header.organization),
            "organ": _text(header.organ),
            "symbol": _text(header.symbol),
            "lines": [
                {"text": _text(line), "language": language}
                for line, language in layout.header_lines(document)
            ],
        },
        "body": [_block(block) for block in document.body],
        "signature": _signature(document.signature),
        "annexes": [_annex(annex) for annex in document.annexes],
    }


def _annex(annex: Annex) -> dict[str, Any]:
    return {
        "label": _text(annex.label),
        "heading": _text(annex.heading),
        "original_mark": _text(annex.original_mark),
        "language": annex.language,
        "title": [_block(block) for block in annex.title],
        "body": [_block(block) for block in annex.body],
        "signature": _signature(annex.signature),
    }


def _block(block: Block) -> dict[str, Any]:
    return {
        "style": block.style.value,
        "language": block.language,
        "marker": _text(block.marker),
        "level": block.level,
        "runs": [
            {"text": _text(run.text), "bold": run.bold, "italic": run.italic} for run in block.runs
        ],
    }


def _signature(signature: Signature | None) -> dict[str, Any] | None:
    if signature is None:
        return None
    return {"lines": [_text(line) for line in signature.lines], "language": signature.language}


def _text(text: str) -> Text:
    text = layout.isolate_symbols(layout.breakable(clean_text(text)))
    missing = unprintable_characters(text)
    if not missing:
        return text
    pieces: list[dict[str, str]] = []
    for piece in re.split(f"([{re.escape(''.join(missing))}])", text):
        if piece in missing:
            pieces.append({"code": f"U+{ord(piece):04X}"})
        elif piece:
            pieces.append({"text": piece})
    return pieces

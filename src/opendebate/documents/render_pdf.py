"""PDF through Typst: a static template that reads the document as JSON data.

One compiler per process keeps the parsed template and the loaded fonts between documents, and
Typst memoizes layout across compilations, so re-rendering a document of which little changed
costs little: after one annex of a 193-annex compilation is revised, Typst lays out that annex's
pages (and, when its number of pages changes, the running headers of the pages after it). That
memo is process-wide and holds what the last ten or so compilations used (about 130 MB per
193-annex compilation): render large documents in a worker process.

The memo only helps when the compiler's inputs change no more than the document does. Anything
in `sys.inputs` invalidates all of it at the slightest change, so the data goes through files:
`document.json` with everything but the annexes, naming one file per annex after its content's
hash, in a folder of this process's own beside a copy of the template.

The PDF is PDF/A-2a and PDF/UA-1: archivable, tagged (structure, reading order, language) and
titled, with every font embedded and subset. PDF/A forbids a glyph a font does not have, so a
character no packaged face can draw is shown as a box holding its code point ("U+20000"): a
document never fails to build over one character, and the reader sees where one is missing.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import typst

from . import layout
from .fonts import font_directories, pdf_families, unprintable_characters
from .model import RENDERED_ANNEXES, Annex, Block, Signature, UNDocument
from .text import clean_text, document_texts, unprintable

logger = logging.getLogger(__name__)
_TEMPLATE = Path(__file__).parent / "templates" / "documents" / "un_document.typ"
# What the template receives for a text: a string, or a list of pieces when some character must
# be shown as its code point ({"text": "..."} and {"code": "U+20000"}).
Text = str | list[dict[str, str]]
_DOCUMENT = "document.json"
_ANNEXES = "annexes"
# Only a boxed piece writes this: a quote inside a text is escaped (\").
_BOXED = b'{"code":"U+'
# The data files reach the compiler through the folder: two documents must not share it at once.
_lock = threading.Lock()


@functools.cache
def _workspace(pid: int) -> Path:
    """Process `pid`'s folder for the compiler: the template and the current document's data.
    Keyed by process, so that a forked child never writes into its parent's folder."""
    folder = Path(tempfile.mkdtemp(prefix="opendebate-typst-"))
    atexit.register(_remove_workspace, folder, pid)
    shutil.copyfile(_TEMPLATE, folder / _TEMPLATE.name)
    (folder / _ANNEXES).mkdir()
    return folder


def _remove_workspace(folder: Path, pid: int) -> None:
    if os.getpid() == pid:  # a forked child inherits the handler, not the folder
        shutil.rmtree(folder, ignore_errors=True)


@functools.cache
def _compiler(workspace: Path) -> typst.Compiler:
    fonts = typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=False,
        font_paths=[str(directory) for directory in font_directories()],
    )
    # A path, not the template's bytes: typst 0.15.2 loses an in-memory main file after the
    # first compile of a reused compiler. The template's folder is the compiler's root.
    return typst.Compiler(workspace / _TEMPLATE.name, font_paths=fonts, ignore_system_fonts=True)


@dataclass(frozen=True)
class _AnnexFile:
    name: str  # relative to the workspace, after the content's SHA-256
    content: bytes


@functools.lru_cache(maxsize=RENDERED_ANNEXES)
def _annex_file(annex: Annex) -> _AnnexFile:
    """An annex's data file, kept for the next rendering (see RENDERED_ANNEXES)."""
    content = _json(_annex(annex)).encode()
    return _AnnexFile(f"{_ANNEXES}/{hashlib.sha256(content).hexdigest()}.json", content)


def render_pdf(document: UNDocument) -> bytes:
    annexes = [_annex_file(annex) for annex in document.annexes]
    data = _json(_document_data(document, [annex.name for annex in annexes])).encode()
    if any(_BOXED in content for content in (data, *(annex.content for annex in annexes))):
        for missing in unprintable(document_texts(document)):
            logger.warning(
                "%s: %s (%s) has no glyph in any packaged face, shown as its code in %s",
                document.symbol,
                missing.code_point,
                missing.character,
                ", ".join(missing.places),
            )
    with _lock:
        workspace = _workspace(os.getpid())
        _write(workspace, data, annexes)
        pdf = _compiler(workspace).compile(
            format="pdf", timestamp=document.generated_at, pdf_standards=["a-2a", "ua-1"]
        )
    # One bytes object: only PNG and SVG output come as a list of pages.
    return cast(bytes, pdf)


def _write(workspace: Path, data: bytes, annexes: Sequence[_AnnexFile]) -> None:
    """The document's files in the workspace, and no other annex's: an annex file is written
    once (its name is its content's hash), the others are removed."""
    for annex in annexes:
        path = workspace / annex.name
        if not path.exists():
            _replace(path, annex.content)
    _replace(workspace / _DOCUMENT, data)
    kept = {Path(annex.name).name for annex in annexes}
    for path in (workspace / _ANNEXES).iterdir():
        if path.name not in kept:
            path.unlink()


def _replace(path: Path, content: bytes) -> None:
    """Write all of `content` or leave `path` as it was, even if the write fails midway."""
    partial = path.with_name(f"{path.name}.partial")
    partial.write_bytes(content)
    partial.replace(path)


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _document_data(document: UNDocument, annex_files: list[str]) -> dict[str, Any]:
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
        "annexes": annex_files,
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

"""HTML, what the public reads: semantic, accessible, no script and no inline style attribute.

The markup carries class names only; the look is in static/documents/document.css. The site's
pages link that file, so a strict Content-Security-Policy (no 'unsafe-inline') holds for them.
The standalone page, the HTML download, carries the same stylesheet in a <style> element, so
that the one file reads the same when opened from a disk, with nothing beside it; it is always
served as an attachment (a download, opened from the reader's disk where the site's policy does
not apply), never rendered under the site's policy. Every string is escaped: statement text is
never markup.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from html import escape
from importlib.resources import files

from opendebate.common.languages import Language

from . import layout
from .blocks import list_runs
from .model import RENDERED_ANNEXES, Annex, Block, BlockStyle, Run, Signature, UNDocument
from .text import clean_text

_BLOCK_CLASS = {
    BlockStyle.BODY: "un-body",
    BlockStyle.HEADING: "un-heading",
    BlockStyle.TITLE: "un-block-title",
    BlockStyle.SUBTITLE: "un-subtitle",
    BlockStyle.LIST_ITEM: "un-list-item",
    BlockStyle.MARK: "un-mark",
    BlockStyle.PLAIN: "un-plain",
}


def render_html(document: UNDocument) -> str:
    """A standalone page, self-contained: its stylesheet inside it."""
    return (
        "<!DOCTYPE html>\n"
        f'<html{_language(document.language)}>\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_plain(document.symbol)} · {_plain(document.title)}</title>\n"
        f"<style>\n{_stylesheet()}</style>\n</head>\n<body>\n"
        f"{render_html_fragment(document)}</body>\n</html>\n"
    )


@functools.cache
def _stylesheet() -> str:
    return files("opendebate.documents").joinpath("static", "documents", "document.css").read_text()


def render_html_fragment(document: UNDocument) -> str:
    """The document as one <article>, for a Django template to embed."""
    language = document.language
    header = document.header
    parts = [
        f'<article class="un-document"{_language(language)}>\n<header class="un-header">\n'
        f'<p class="un-organization">{_text(header.organization)}</p>\n'
        f'<p class="un-symbol">{_text(header.symbol)}</p>\n'
        f'<p class="un-organ">{_text(header.organ)}</p>\n<div class="un-header-lines">\n',
        *(
            f"<p{_language(line_language, language)}>{_text(line)}</p>\n"
            for line, line_language in layout.header_lines(document)
        ),
        f'</div>\n</header>\n<h1 class="un-title">{_text(document.title)}</h1>\n',
        *_blocks(document.body, language, heading="h2"),
        *_signature(document.signature, language),
    ]
    parts.extend(map(render_annex_html, document.annexes))
    parts.append("</article>\n")
    return "".join(parts)


@functools.lru_cache(maxsize=RENDERED_ANNEXES)
def render_annex_html(annex: Annex) -> str:
    """One annex alone, as the delegation previews it before confirming a statement and as a
    document holds it; kept for the next rendering (see RENDERED_ANNEXES)."""
    return "".join(_annex(annex))


def _annex(annex: Annex) -> Iterator[str]:
    anchor = escape(annex.anchor)
    language = annex.language
    worded = _language(annex.label_language or language, language)
    yield (
        f'<section class="un-annex" id="{anchor}"{_language(language)}'
        f' aria-labelledby="{anchor}-label">\n'
        f'<h2 class="un-annex-label" id="{anchor}-label"{worded}>{_text(annex.label)}</h2>\n'
        f'<p class="un-annex-heading">{_text(annex.heading)}</p>\n'
    )
    if annex.original_mark:
        yield f'<p class="un-mark"{worded}>{_text(annex.original_mark)}</p>\n'
    yield from _blocks(annex.title, language, heading="h3")
    yield from _blocks(annex.body, language, heading="h3")
    yield from _signature(annex.signature, language)
    yield "</section>\n"


def _blocks(blocks: Iterable[Block], outer: str, *, heading: str) -> Iterator[str]:
    """Paragraphs, with each run of list items gathered in one list. The markers are text
    already worded by the builder ("•", "(a)"), so the list shows them instead of its own."""
    for is_list, group in list_runs(blocks):
        if is_list:
            yield '<ul class="un-list" role="list">\n'
            for item in group:
                attributes = _language(item.language, outer)
                yield (
                    f'<li class="un-list-item un-level-{item.level}"{attributes}>'
                    f'<span class="un-marker">{_text(item.marker)}</span> {_runs(item.runs)}</li>\n'
                )
            yield "</ul>\n"
        else:
            for block in group:
                tag = heading if block.style is BlockStyle.HEADING else "p"
                attributes = _language(block.language, outer)
                yield (
                    f'<{tag} class="{_BLOCK_CLASS[block.style]}"{attributes}>'
                    f"{_runs(block.runs)}</{tag}>\n"
                )


def _signature(signature: Signature | None, outer: str) -> Iterator[str]:
    if signature is None:
        return
    yield f'<div class="un-signature"{_language(signature.language, outer)}>\n'
    yield from (f"<p>{_text(line)}</p>\n" for line in signature.lines)
    yield "</div>\n"


def _runs(runs: Iterable[Run]) -> str:
    return "".join(_run(run) for run in runs)


def _run(run: Run) -> str:
    text = _text(run.text)
    if run.italic:
        text = f"<em>{text}</em>"
    if run.bold:
        text = f"<strong>{text}</strong>"
    return text


def _text(text: str) -> str:
    """Element content: escaped, with each document symbol isolated left to right (see
    layout.SYMBOL), so that an Arabic line does not turn "S/____/___" into "___/____/S"."""
    return layout.SYMBOL.sub(r'<bdi dir="ltr">\g<0></bdi>', _plain(text))


def _plain(text: str) -> str:
    # Quotes need no escaping in text (only in attribute values, escaped with quote=True).
    return escape(clean_text(text), quote=False)


def _language(language: str, outer: str = "") -> str:
    """lang and dir where the language changes from `outer`; with no `outer` (the page, the
    article, each annex, so that an annex stands on its own), always."""
    if language == outer:
        return ""
    code = Language(language)
    return f' lang="{code.ui_code}" dir="{"rtl" if code.is_rtl else "ltr"}"'

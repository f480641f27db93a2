from __future__ import annotations

import dataclasses
import re
from importlib.resources import files

import pytest

from opendebate.documents.model import UNDocument
from opendebate.documents.render_html import render_html, render_html_fragment

from .samples import SCRIPT_TEXT, block, english_annex

STYLESHEET = files("opendebate.documents").joinpath("static", "documents", "document.css")


@pytest.fixture(scope="module")
def page(rendered: dict[str, bytes]) -> str:
    return rendered["html"].decode()


def test_html_page_declares_the_document_language(page: str) -> None:
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-hans" dir="ltr">\n<head>\n')
    assert "<title>S/2020/866 · 2020年9月1日尼日尔常驻联合国代表给秘书长的信</title>" in page


def test_html_page_is_self_contained_with_its_stylesheet_inside(page: str) -> None:
    stylesheet = STYLESHEET.read_text()
    assert f"<style>\n{stylesheet}</style>\n</head>" in page
    assert "<link" not in page
    assert re.findall(r"url\(|@import|src=|href=", page) == []


def test_html_annexes_have_anchors_language_and_direction(page: str) -> None:
    sections = re.findall(r"<section [^>]*>", page)
    assert sections == [
        f'<section class="un-annex" id="annex-{number}" lang="{lang}" dir="{direction}"'
        f' aria-labelledby="annex-{number}-label">'
        for number, lang, direction in [
            (1, "fr", "ltr"),
            (2, "ar", "rtl"),
            (3, "ru", "ltr"),
            (4, "es", "ltr"),
            (5, "en", "ltr"),
        ]
    ]
    assert '<h2 class="un-annex-label" id="annex-2-label">المرفق 2</h2>' in page


def test_html_marks_a_block_whose_language_differs(page: str) -> None:
    assert '<p class="un-body" lang="fr" dir="ltr">Vive la Francophonie !</p>' in page
    assert '<p class="un-body">Canada welcomes' in page


def test_html_headings_form_an_outline(page: str) -> None:
    assert re.findall(r"<(h\d)", page) == ["h1", "h2", "h3", "h3", "h2", "h2", "h2", "h2"]


def test_html_keeps_emphasis_and_list_markers(page: str) -> None:
    assert (
        "Il y a cinquante ans, l'<em>Agence de coopération culturelle et technique</em>"
        " était créée" in page
    )
    assert "<strong>88 États et gouvernements</strong>" in page
    assert (
        '<ul class="un-list" role="list">\n'
        '<li class="un-list-item un-level-0"><span class="un-marker">•</span>'
        " promouvoir la langue française et la diversité culturelle ;</li>\n"
    ) in page
    assert '<li class="un-list-item un-level-1"><span class="un-marker">a)</span>' in page


def test_html_escapes_statement_text(page: str) -> None:
    assert SCRIPT_TEXT not in page
    assert 'typed &lt;script&gt;alert("x")&lt;/script&gt; into' in page
    assert "&lt;tag&gt; &amp; 100%" in page


def test_html_needs_no_script_and_the_site_no_inline_style(letter: UNDocument, page: str) -> None:
    """The fragment the site's pages embed has no style at all (they link the stylesheet under
    a strict Content-Security-Policy); the downloaded page only its one stylesheet."""
    assert re.findall(r"<script|<style|\sstyle=|\son\w+=", render_html_fragment(letter)) == []
    assert re.findall(r"<script|<style|\sstyle=|\son\w+=", page) == ["<style"]


def test_html_page_embeds_the_fragment(letter: UNDocument, page: str) -> None:
    fragment = render_html_fragment(letter)
    assert fragment.startswith('<article class="un-document" lang="zh-hans" dir="ltr">\n')
    assert f"<body>\n{fragment}</body>\n</html>\n" in page


def test_html_classes_are_all_styled(page: str) -> None:
    stylesheet = STYLESHEET.read_text()
    used = {name for names in re.findall(r'class="([^"]+)"', page) for name in names.split()}
    assert used - set(re.findall(r"\.([\w-]+)", stylesheet)) == set()


def test_html_is_identical_for_the_same_input(letter: UNDocument) -> None:
    assert render_html(letter) == render_html(letter)


def test_html_drops_characters_no_document_may_hold(letter: UNDocument) -> None:
    annex = dataclasses.replace(english_annex(), body=(block("a\x0bb\x00c\ufffed", "en"),))
    html = render_html(dataclasses.replace(letter, annexes=(annex,)))
    assert '<p class="un-body">a bcd</p>' in html


def test_html_stylesheet_breaks_a_run_too_long_for_a_line() -> None:
    assert "overflow-wrap: anywhere;" in STYLESHEET.read_text()

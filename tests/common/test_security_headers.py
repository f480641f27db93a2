"""The Content-Security-Policy and the other security headers, and what lets the policy stay
strict: no template, no generated document and no admin page carries inline script or style."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from opendebate.documents.render_html import (
    render_annex_html,
    render_html,
    render_html_fragment,
)
from opendebate.meetings.demo import create_seed_meeting
from opendebate.meetings.models import Meeting
from tests.documents.samples import chinese_letter

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}
MAIN_PAGES = (
    "/",
    "/meetings/",
    "/meetings/{pk}/",
    "/registry/",
    "/account/sign-in/",
    "/documents/",
)
# What a strict policy blocks: a <script> without src, a <style> element, a style attribute,
# an on… event attribute, a javascript: URL.
INLINE_CODE = re.compile(
    r"<script\b(?![^>]*\ssrc=)[^>]*>|<style\b|\sstyle\s*=|\son[a-z]+\s*=|javascript:",
    re.IGNORECASE,
)


def inline_code(html: str) -> list[str]:
    return INLINE_CODE.findall(html)


def policy_of(header: str) -> dict[str, list[str]]:
    """{"img-src": ["'self'", "data:"], …} from "img-src 'self' data:; …" (in any order)."""
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


@pytest.fixture
def seed() -> Meeting:
    return create_seed_meeting()


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_main_pages_send_the_strict_policy(client: Client, seed: Meeting, path: str) -> None:
    response = client.get(path.format(pk=seed.pk))
    assert response.status_code == 200
    header = response["Content-Security-Policy"]
    assert policy_of(header) == POLICY
    assert "unsafe-inline" not in header
    assert inline_code(response.content.decode()) == []


def test_pages_send_the_other_security_headers(client: Client) -> None:
    response = client.get("/")
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_admin_needs_no_exception(as_secretariat: Client, seed: Meeting) -> None:
    # Django 5.2's admin reads its data from data- attributes of script files; should an
    # upgrade bring inline code back, this fails before the admin breaks in the browser.
    for path in (
        "/admin/",
        "/admin/meetings/meeting/",
        f"/admin/meetings/meeting/{seed.pk}/change/",
    ):
        response = as_secretariat.get(path)
        assert response.status_code == 200, path
        assert policy_of(response["Content-Security-Policy"]) == POLICY, path
        assert inline_code(response.content.decode()) == [], path


def test_compilation_page_loads_htmx_without_inline_style(
    as_secretariat: Client, seed: Meeting
) -> None:
    html = as_secretariat.get(f"/meetings/{seed.pk}/compilation/").content.decode()
    # htmx would otherwise add a <style> element for its indicators, which the policy blocks.
    assert """<meta name="htmx-config" content='{"includeIndicatorStyles": false}'>""" in html
    assert '<script src="/static/django_htmx/htmx-2.min.js" defer></script>' in html
    assert inline_code(html) == []


def test_scanner_finds_each_kind_of_inline_code() -> None:
    assert inline_code(
        '<script>x()</script><script type="module">y()</script><style>p{}</style>'
        '<p style="color:red" onclick="z()"><a href="javascript:void(0)">'
        '<script src="/static/a.js" defer></script><p class="styled" data-onset="1">'
    ) == [
        "<script>",
        '<script type="module">',
        "<style",
        " style=",
        " onclick=",
        "javascript:",
    ]


def test_no_template_has_inline_script_or_style() -> None:
    templates = sorted(Path(settings.PACKAGE_DIR).glob("**/templates/**/*.html"))
    assert len(templates) > 30
    found = {
        str(path.relative_to(settings.PACKAGE_DIR)): inline_code(path.read_text())
        for path in templates
    }
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_generated_document_html_has_no_inline_code() -> None:
    """What the site's pages embed has none. The standalone page (the HTML download) holds its
    stylesheet and nothing else; it is only ever served as an attachment, never rendered under
    the site's policy (tests/compilation/test_views.py checks the download)."""
    letter = chinese_letter()
    assert inline_code(render_html_fragment(letter)) == []
    assert inline_code(render_annex_html(letter.annexes[1])) == []
    assert inline_code(render_html(letter)) == ["<style"]

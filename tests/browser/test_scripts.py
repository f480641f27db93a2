"""Arabic and Chinese as the browser draws them: each main page is mirrored for Arabic and not
for Chinese, and its text is drawn with the Noto faces Debian installs (fonts-noto-core,
fonts-noto-cjk), never with a fallback that lacks the script.

Chromium says which platform fonts drew an element's text, with a glyph count for each,
through the DevTools protocol (CSS.getPlatformFontsForNode); the tests ask it for the page's
h1 (or, when the h1 is in another script, the first navigation link in the page's script) and
for one passage of text in the page's script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Page

from opendebate.accounts.models import User
from opendebate.compilation.models import Compilation

from .conftest import SCREENSHOTS, Visit, sign_in


@dataclass(frozen=True)
class Script:
    direction: str
    letters: str  # a regular expression character class of the script's letters
    families: tuple[str, ...]  # the platform fonts that may draw it, as site.css names them


SCRIPTS = {
    "ar": Script("rtl", "[\u0600-\u06ff]", ("Noto Naskh Arabic", "Noto Sans Arabic")),
    "zh-hans": Script("ltr", "[\u4e00-\u9fff]", ("Noto Sans CJK SC",)),
}
# Where the pages' text in the UI's script is: the title (or the navigation when the title is
# in the meeting's language), then a passage, by page. The public compilation's passage is an
# annex in that script (Egypt's in Arabic, China's in Chinese), drawn with the document's fonts.
TITLE = ("main h1", ".site-nav a")
# (name, path, selectors of the passages whose script is checked)
Pages = tuple[tuple[str, str, tuple[str, ...]], ...]
PUBLIC_PAGES: Pages = (
    ("home", "/", ("main p",)),
    ("meetings", "/meetings/", ("main td",)),
    ("meeting", "/meetings/{meeting}/", ("main p",)),
    ("sign-in", "/account/sign-in/", ("main p",)),
    ("documents-compilation", "/documents/{symbol}/", (".un-document section p",)),
)
SECRETARIAT_PAGES: Pages = (
    ("dashboard", "/meetings/{meeting}/dashboard/", ("main td", "main figcaption")),
    ("compilation", "/meetings/{meeting}/compilation/", ("main p",)),
)
PROBE = "data-font-probe"
_MARK_PROBE = """([selectors, letters, probe]) => {
  document.querySelectorAll(`[${probe}]`).forEach((element) => element.removeAttribute(probe));
  const script = new RegExp(letters);
  for (const selector of selectors) {
    for (const element of document.querySelectorAll(selector)) {
      const own = [...element.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE);
      if (own.some((node) => script.test(node.data))) {
        element.setAttribute(probe, "");
        return [getComputedStyle(element).fontFamily, element.textContent];
      }
    }
  }
  return null;
}"""


@dataclass(frozen=True)
class Drawn:
    """An element's text (its descendants' included, as Chromium counts it), the font-family
    its style asks for, and the glyphs each platform font drew."""

    text: str
    font_family: str
    glyphs: dict[str, int]


def drawn(page: Page, selectors: tuple[str, ...], script: Script) -> Drawn:
    """How Chromium drew the first element of `selectors` whose own text is in `script`."""
    found = page.evaluate(_MARK_PROBE, [list(selectors), script.letters, PROBE])
    assert found is not None, f"no text in the page's script under {selectors}"
    font_family, text = found
    client = page.context.new_cdp_session(page)
    try:
        client.send("DOM.enable")
        client.send("CSS.enable")
        root = client.send("DOM.getDocument")
        node = client.send(
            "DOM.querySelector", {"nodeId": root["root"]["nodeId"], "selector": f"[{PROBE}]"}
        )
        fonts: list[dict[str, Any]] = client.send(
            "CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]}
        )["fonts"]
    finally:
        client.detach()
    return Drawn(text, font_family, {font["familyName"]: font["glyphCount"] for font in fonts})


def check_script(opened: Visit, name: str, passage: tuple[str, ...]) -> None:
    """Screenshot and axe, direction, and the fonts of the title and of one passage."""
    opened.check(f"scripts-{name}")
    screenshot = SCREENSHOTS / f"scripts-{name}-{opened.language}.png"
    assert screenshot.stat().st_size > 0
    page = opened.page
    script = SCRIPTS[opened.language]
    assert page.locator("html").get_attribute("dir") == script.direction
    assert page.locator("main").evaluate("main => getComputedStyle(main).direction") == (
        script.direction
    )
    title = drawn(page, TITLE, script)
    # site.css names the installed face first, so the page never depends on a fallback.
    assert title.font_family.split(",")[0].strip('"') == script.families[0], title
    for text in (title, drawn(page, passage, script)):
        assert any(text.glyphs.get(family, 0) > 0 for family in script.families), (name, text)
        assert "LastResort" not in text.glyphs, (name, text)
        # Other faces draw at most the characters outside the script (digits, Latin, spaces).
        others = sum(n for family, n in text.glyphs.items() if family not in script.families)
        assert others <= len(re.sub(script.letters, "", text.text)), (name, text)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", SCRIPTS)
def test_pages_in_arabic_and_chinese(
    visit: Any, issued: Compilation, secretariat: User, language: str
) -> None:
    opened = visit(language)
    values = {"meeting": issued.meeting_id, "symbol": issued.symbol}
    for name, path, passage in PUBLIC_PAGES:
        opened.go(path.format(**values))
        check_script(opened, name, passage)
    sign_in(opened, secretariat)
    for name, path, passage in SECRETARIAT_PAGES:
        opened.go(path.format(**values))
        check_script(opened, name, passage)

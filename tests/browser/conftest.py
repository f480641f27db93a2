"""Browser tests: Playwright drives Debian's Chromium against the live test server.

Nothing is downloaded: the browser is /usr/bin/chromium (installed by .ci/run), axe-core comes
inside the axe-playwright-python wheel. Screenshots go to test-artifacts/screenshots, which CI
keeps. Under CI a missing Chromium fails the run; on a developer's machine the tests skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from opendebate.accounts.models import User
from opendebate.accounts.services import confirmed_totp_device
from opendebate.compilation.models import Compilation
from opendebate.meetings.models import Meeting
from tests.compilation import conftest as compilation_fixtures
from tests.compilation.test_public import issue_and_build
from tests.conftest import PASSWORD
from tests.tools import system_tool

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# The four languages every journey runs in (the issue's minimum), as the UI names them.
JOURNEY_LANGUAGES = ("en", "fr", "ar", "zh-hans")
# axe-core impacts that fail a page: WCAG 2.1 AA problems a user cannot work around.
BLOCKING = ("serious", "critical")

# The debate: briefings, delivered and written statements in four languages.
debate = compilation_fixtures.debate


@pytest.fixture
def issued(debate: Meeting, secretariat: User) -> Compilation:
    """The debate's compilation, issued as S/2020/900 with its files written."""
    return issue_and_build(secretariat, debate)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    path = system_tool("chromium", "chromium")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between browser steps are still synchronous and safe. (Subprocesses that other tests
    # start drop this flag: see tests/common/test_startup.py.)
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        launched = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield launched
        launched.close()


@dataclass
class Visit:
    """A page in one UI language, with what the browser reported while it was used."""

    page: Page
    base_url: str
    language: str
    problems: list[str] = field(default_factory=list)

    def go(self, path: str) -> Page:
        self.page.goto(self.base_url + path)
        return self.page

    def check(self, name: str) -> None:
        """Screenshot the page, then require no serious axe violation and no CSP or script
        error. Called on every page a journey reaches."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=SCREENSHOTS / f"{name}-{self.language}.png", full_page=True)
        results = Axe().run(
            self.page,
            context={"include": [["html"]]},  # the whole page; options alone read as a context
            options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        )
        blocking = [
            f"{violation['id']} ({violation['impact']}): {violation['help']} at "
            + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
            for violation in results.response["violations"]
            if violation["impact"] in BLOCKING
        ]
        assert not blocking, f"{name} in {self.language}: {blocking}"
        assert not self.problems, f"{name} in {self.language}: {self.problems}"


def _listen(visit: Visit) -> None:
    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            visit.problems.append(message.text)

    visit.page.on("console", console)
    visit.page.on("pageerror", lambda error: visit.problems.append(str(error)))


@pytest.fixture
def visit(browser: Browser, live_server: Any) -> Iterator[Any]:
    """`visit(language)` opens a fresh browser context with the UI language chosen."""
    contexts = []

    def open_in(language: str) -> Visit:
        context = browser.new_context(locale=language, timezone_id="Europe/Paris")
        context.add_cookies(
            [{"name": "opendebate_language", "value": language, "url": live_server.url}]
        )
        contexts.append(context)
        opened = Visit(context.new_page(), live_server.url, language)
        _listen(opened)
        return opened

    yield open_in
    for context in contexts:
        context.close()


def sign_in(visit: Visit, user: User, *, check_as: str = "") -> None:
    """Through the real form, and the second factor when the role needs one. With `check_as`,
    each of those pages is checked too, named "<check_as>-sign-in" and "<check_as>-two-factor"."""
    page = visit.go("/account/sign-in/")
    if check_as:
        visit.check(f"{check_as}-sign-in")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    if user.requires_two_factor:
        page.wait_for_selector("input[name=token]")
        if check_as:
            visit.check(f"{check_as}-two-factor")
        device = confirmed_totp_device(user)
        assert device is not None
        code = totp(device.bin_key, step=device.step, digits=device.digits)
        page.fill("input[name=token]", f"{code:06d}")
        page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

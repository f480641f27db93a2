"""The public's journey in the four journey languages, signed out: a meeting's page with its
live countdown and the reader's own time, its calendar file, the issued compilations, one of
them, an annex's permalink, and a search in Arabic and in Chinese."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from opendebate.compilation.models import Compilation
from opendebate.meetings.models import Meeting

from .conftest import JOURNEY_LANGUAGES, Visit

# Words of Egypt's (Arabic) and China's (Chinese) written statements in the issued debate.
QUERIES = {"arabic": ("الأمم", "annex/9/"), "chinese": ("维持和平", "annex/8/")}


def read_meeting(opened: Visit, meeting: Meeting) -> None:
    """The countdown ticks, the reader's time is written in, the .ics file is a calendar."""
    page = opened.go(f"/meetings/{meeting.pk}/")
    countdown = page.locator("[data-countdown]")
    before = countdown.inner_text()
    page.wait_for_timeout(1100)
    assert countdown.inner_text() != before
    local_times = page.locator("[data-local-time]")
    assert local_times.count() == 2  # the meeting's start and the deadline
    for local_time in local_times.all():
        assert local_time.inner_text() not in ("", "—")
    opened.check("public-meeting")
    calendar = page.locator("main a[href$='/meeting.ics']").get_attribute("href")
    response = page.request.get(opened.base_url + str(calendar))
    assert response.ok
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.text().startswith("BEGIN:VCALENDAR")


def read_documents(opened: Visit, symbol: str) -> None:
    """From the list to the document, then to one annex by its permalink."""
    page = opened.go("/documents/")
    opened.check("public-documents")
    page.locator(f"table.documents a[href='/documents/{symbol}/']").click()
    page.wait_for_url(f"**/documents/{symbol}/")
    expect(page.locator("nav.contents li")).to_have_count(11)
    opened.check("public-compilation")
    page.locator("nav.contents a.permalink").nth(2).click()
    page.wait_for_url(f"**/documents/{symbol}/annex/3/")
    expect(page.locator(".un-document section#annex-3")).to_have_count(1)
    opened.check("public-annex")


def search(opened: Visit, script: str) -> None:
    """Search every issued compilation from the list's form; the word is marked in its annex."""
    query, annex = QUERIES[script]
    page = opened.go("/documents/")
    page.fill("#search-query", query)
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_url("**/documents/search/?q=*")
    (hit,) = page.locator("ol.hits > li").all()
    assert hit.locator("mark").inner_text() == query
    assert str(hit.locator("a").first.get_attribute("href")).endswith(annex)
    opened.check(f"public-search-{script}")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", JOURNEY_LANGUAGES)
def test_public_journey(visit: Any, issued: Compilation, language: str) -> None:
    opened = visit(language)
    read_meeting(opened, issued.meeting)
    read_documents(opened, issued.symbol)
    for script in QUERIES:
        search(opened, script)

"""The public meeting page in the four journey languages: the browser setup itself."""

from __future__ import annotations

from typing import Any

import pytest

from opendebate.meetings.models import Meeting

from .conftest import JOURNEY_LANGUAGES


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", JOURNEY_LANGUAGES)
def test_public_meeting_page(visit: Any, open_meeting: Meeting, language: str) -> None:
    opened = visit(language)
    page = opened.go(f"/meetings/{open_meeting.pk}/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    opened.check("meeting")

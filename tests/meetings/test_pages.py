from __future__ import annotations

import pytest
from django.test import Client

from opendebate.accounts.models import User
from opendebate.common.models import AuditEntry
from opendebate.meetings.demo import create_seed_meeting
from opendebate.meetings.enums import MeetingStatus
from opendebate.meetings.models import Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed() -> Meeting:
    return create_seed_meeting()


@pytest.fixture
def draft(seed: Meeting) -> Meeting:
    Meeting.objects.filter(pk=seed.pk).update(status=MeetingStatus.DRAFT)
    seed.refresh_from_db()
    return seed


def test_public_page_shows_the_meeting_in_new_york_time(client: Client, seed: Meeting) -> None:
    html = client.get(f"/meetings/{seed.pk}/").content.decode()
    assert "the role of the International Organization of la Francophonie" in html
    assert "Tuesday, 8 September 2020, 10:00 (UTC−04:00)</time>" in html
    assert 'data-local-time="2020-09-08T10:00:00-04:00"' in html
    assert "Wednesday, 9 September 2020, 00:00 (UTC−04:00)</time>" in html
    assert "before 9 September 2020" in html
    assert "mailto:dppa-scsb3@un.org" in html
    assert "The deadline has passed." in html
    assert "Assistant Secretary-General for Peace Operations" in html
    assert "(to be determined)" in html
    assert '<script src="/static/meetings/countdown.js" defer></script>' in html


def test_public_page_in_chinese_shows_the_chinese_note(seed: Meeting) -> None:
    client = Client(headers={"accept-language": "zh-hans"})
    html = client.get(f"/meetings/{seed.pk}/").content.decode()
    assert '<html lang="zh-hans" dir="ltr">' in html
    assert "联合国与区域和次区域组织的合作：法语国家国际组织的作用" in html
    assert '<section class="concept-note" lang="zh-hans" dir="ltr">' in html
    assert "1. 背景" in html


def test_public_page_in_arabic_is_right_to_left_with_the_french_note(seed: Meeting) -> None:
    html = Client(headers={"accept-language": "ar"}).get(f"/meetings/{seed.pk}/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "النيجر" in html
    assert '<section class="concept-note" lang="fr" dir="ltr">' in html


def test_calendar_download(client: Client, seed: Meeting) -> None:
    response = client.get(f"/meetings/{seed.pk}/meeting.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert "DTSTART:20200908T140000Z\r\n" in body
    assert "DTSTART:20200909T040000Z\r\n" in body
    assert body.count("BEGIN:VEVENT") == 2
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_draft_is_hidden_from_the_public_and_delegations(
    client: Client, draft: Meeting, as_france: Client
) -> None:
    assert client.get(f"/meetings/{draft.pk}/").status_code == 404
    assert as_france.get(f"/meetings/{draft.pk}/").status_code == 404
    assert "Tuesday" not in client.get("/meetings/").content.decode()


def test_secretariat_sees_and_confirms_a_draft(as_secretariat: Client, draft: Meeting) -> None:
    page = as_secretariat.get(f"/meetings/{draft.pk}/").content.decode()
    assert "This meeting is a draft" in page
    response = as_secretariat.post(f"/meetings/{draft.pk}/confirm/")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == MeetingStatus.CONFIRMED
    assert AuditEntry.objects.filter(action="meeting.confirmed").count() == 1


def test_delegation_cannot_confirm_a_meeting(
    as_france: Client, france: User, draft: Meeting
) -> None:
    response = as_france.post(f"/meetings/{draft.pk}/confirm/")
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == MeetingStatus.DRAFT
    assert AuditEntry.objects.filter(action="access.refused", actor=france).exists()


def test_presidency_cannot_confirm_a_meeting(as_presidency: Client, draft: Meeting) -> None:
    assert as_presidency.post(f"/meetings/{draft.pk}/confirm/").status_code == 403


def test_anonymous_cannot_confirm_a_meeting(client: Client, draft: Meeting) -> None:
    assert client.post(f"/meetings/{draft.pk}/confirm/").status_code == 404

"""The Secretariat's journey in the four journey languages, through the real pages: sign in with
the second factor, import a concept-note letter, read the dashboard, triage an e-mail, record
what was said, move an annex, compile in the background, issue, and see the public page.

Pages are reached by the addresses and form fields the templates name, never by their wording,
so one journey serves every language.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from opendebate.accounts.models import User
from opendebate.compilation.enums import CompilationStatus, Section
from opendebate.compilation.models import Compilation, OrderMove
from opendebate.intake.enums import MessageState, TriageReason
from opendebate.intake.models import InboundMessage
from opendebate.intake.processing import process_pending
from opendebate.intake.store import store_raw
from opendebate.meetings.enums import MeetingStatus
from opendebate.meetings.models import Meeting
from tests.intake.mail import INTAKE_ADDRESS, fixture
from tests.meetings.letter_files import LETTERS
from tests.statements.conftest import CHINESE, ENGLISH

from .conftest import JOURNEY_LANGUAGES, Visit, sign_in

LETTER = LETTERS / "en_estonia_2020-05-15.docx"
# The Council's build and issue may take a few seconds on a slow runner; the page polls each 1s.
BUILD_TIMEOUT_MS = 20_000
REASON = "The presidency asked for this order."


def import_letter(opened: Visit) -> None:
    """Upload the letter, review each field beside its source line, create and publish it."""
    page = opened.go("/meetings/import/")
    opened.check("secretariat-import")
    page.set_input_files("#id_file", LETTER)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("button[name=confirm]")).to_be_visible()
    # The title read from the letter, with the line it was read from beside it.
    title = page.locator("#id_title").input_value()
    assert title == (
        "Protection of civilians in armed conflict: safeguarding civilians and essential "
        "services in urban warfare"
    )
    assert "Protection of civilians" in page.locator(".review .source").first.inner_text()
    # An English title reads left to right in its field on the Arabic page too.
    assert page.locator("#id_title").evaluate("field => getComputedStyle(field).direction") == (
        "ltr"
    )
    opened.check("secretariat-review")
    page.locator("button[name=confirm]").click()
    confirm = page.locator("form[action$='/confirm/'] button")
    expect(confirm).to_be_visible()
    meeting = Meeting.objects.get(letter_symbol="S/2020/431")
    assert meeting.status == MeetingStatus.DRAFT
    assert page.url == f"{opened.base_url}/meetings/{meeting.pk}/"
    opened.check("secretariat-draft")
    confirm.click()
    expect(confirm).to_have_count(0)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONFIRMED
    opened.check("secretariat-confirmed")


def read_dashboard(opened: Visit, meeting: Meeting) -> None:
    page = opened.go(f"/meetings/{meeting.pk}/dashboard/")
    # Five written statements in the debate: Armenia, China, Egypt, the EU, Iran.
    assert page.locator("tbody tr td time").count() == 5
    opened.check("secretariat-dashboard")


def triage(opened: Visit, meeting: Meeting) -> None:
    """Tunisia writes from an address no one registered: the message waits for the
    Secretariat, who submits it as Tunisia's statement."""
    stored = store_raw(
        fixture("thunderbird_arabic_docx.eml"),
        source="smtp",
        envelope_from="mission.tunisie@diplomatie-tn.example",
        recipients=[INTAKE_ADDRESS],
    )
    process_pending()
    stored.refresh_from_db()
    assert (stored.state, stored.triage_reason) == (
        MessageState.TRIAGE,
        TriageReason.UNKNOWN_SENDER,
    )
    page = opened.go("/intake/")
    opened.check("secretariat-intake")
    page.locator(f"a[href='/intake/{stored.pk}/']").click()
    page.wait_for_url(f"**/intake/{stored.pk}/")
    opened.check("secretariat-message")
    page.select_option("#id_entity", "TUN")
    page.select_option("#id_meeting", str(meeting.pk))
    page.locator("button[name=assign]").click()
    page.wait_for_url("**/intake/")
    opened.check("secretariat-triaged")
    assert InboundMessage.objects.get(pk=stored.pk).state == MessageState.ACCEPTED


def record(opened: Visit, fields: dict[str, str]) -> None:
    """Fill the form for a briefing or a delivered statement (select or text) and record it."""
    page = opened.page
    form = page.locator("form[action$='/compilation/delivered/']")
    for name, value in fields.items():
        field = form.locator(f"[name={name}]")
        if field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    form.locator("button[type=submit]").click()
    expect(page.locator(".message--success")).to_contain_text(fields["speaker_names_en"])


def prepare(opened: Visit, meeting: Meeting) -> None:
    """Record a third briefing and China's delivered statement, then move an annex."""
    opened.go(f"/meetings/{meeting.pk}/compilation/")
    opened.check("secretariat-compilation")
    record(opened, {
        "section": str(Section.BRIEFING.value), "speaking_order": "3",
        "speaker_names_en": "Fatima Kyari Mohammed",
        "speaker_functions_en": "Permanent Observer of the African Union",
        "heading": "Briefing by Fatima Kyari Mohammed", "text": ENGLISH,
    })  # fmt: skip
    opened.check("secretariat-briefing")
    record(opened, {
        "section": str(Section.MEMBER.value), "speaking_order": "1", "entity": "CHN",
        "speaker_names_en": "Zhang Jun", "heading": "Statement by Zhang Jun", "text": CHINESE,
    })  # fmt: skip
    opened.check("secretariat-delivered")
    page = opened.page
    form = page.locator("form[action$='/move/']")
    last = form.locator("#id_key option").last.get_attribute("value")
    assert last is not None
    form.locator("#id_key").select_option(last)
    form.locator("#id_position").fill("4")
    form.locator("#id_reason").fill(REASON)
    form.locator("button[type=submit]").click()
    expect(page.locator("main td", has_text=REASON)).to_have_count(1)
    assert OrderMove.objects.get().key == last
    opened.check("secretariat-moved")


def run_build(opened: Visit, name: str) -> None:
    """The page says the build waits, the worker runs it, the page's own polling shows the
    files."""
    page = opened.page
    expect(page.locator("#build[hx-get]")).to_have_count(1)
    opened.check(f"secretariat-{name}-queued")
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    expect(page.locator("#build a[download]")).to_have_count(4, timeout=BUILD_TIMEOUT_MS)
    opened.check(f"secretariat-{name}-done")


def compile_and_issue(opened: Visit, meeting: Meeting, symbol: str) -> None:
    page = opened.page
    # The letter is never dated by default: confirm the proposed day after the meeting.
    page.locator("form[action$='/letter/'] button[type=submit]").click()
    expect(page.locator(".message--success")).to_have_count(1)
    assert Compilation.objects.get(meeting=meeting).letter_date is not None
    page.locator("#build form button[type=submit]").click()
    run_build(opened, "compile")
    assert Compilation.objects.get(meeting=meeting).status == CompilationStatus.READY
    form = page.locator("form[action$='/issue/']")
    form.locator("#id_symbol").fill(symbol)
    form.locator("button[type=submit]").click()
    run_build(opened, "issue")
    issued = Compilation.objects.get(meeting=meeting)
    assert (issued.status, issued.symbol) == (CompilationStatus.ISSUED, symbol)


def read_public_page(opened: Visit, symbol: str) -> None:
    page = opened.go(f"/documents/{symbol}/")
    # Eleven annexes in the debate, the briefing and the statement recorded, Tunisia's.
    assert page.locator("nav.contents li").count() == 14
    opened.check("secretariat-public")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", JOURNEY_LANGUAGES)
def test_secretariat_journey(visit: Any, secretariat: User, debate: Meeting, language: str) -> None:
    opened = visit(language)
    sign_in(opened, secretariat, check_as="secretariat")
    opened.check("secretariat-home")
    import_letter(opened)
    read_dashboard(opened, debate)
    triage(opened, debate)
    prepare(opened, debate)
    symbol = f"S/2020/{901 + JOURNEY_LANGUAGES.index(language)}"
    compile_and_issue(opened, debate, symbol)
    read_public_page(opened, symbol)

"""A delegation's journey in the browser, in the four journey languages: accept the invitation,
find the meeting, send a statement by pasting, revise it by uploading a Word file, read every
version and receipt, withdraw it, and be refused another delegation's page. Then the same
submission with the keyboard alone, as someone who cannot use a mouse sends it.
"""

from __future__ import annotations

import io
import re
from typing import Any

import docx
import pytest
from django.core import mail
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from playwright.sync_api import FilePayload, Page

from opendebate.accounts.enums import Role
from opendebate.accounts.models import User
from opendebate.accounts.services import invite_user
from opendebate.common.languages import Language
from opendebate.entities.models import Entity
from opendebate.meetings.letter import ANNEX
from opendebate.meetings.models import Meeting
from opendebate.statements.models import StatementVersion
from tests.conftest import PASSWORD
from tests.statements.conftest import ARABIC, CHINESE, ENGLISH, FRENCH

from .conftest import JOURNEY_LANGUAGES, Visit, sign_in

# The statement a delegation working in each UI language sends, heading and text.
TEXTS = {"en": ENGLISH, "fr": FRENCH, "ar": ARABIC, "zh-hans": CHINESE}
HEADINGS = {
    "en": "Statement by the Permanent Representative of France to the United Nations",
    "fr": "Déclaration du Représentant permanent de la France auprès de l'Organisation des "
    "Nations Unies",
    "ar": "بيان الممثل الدائم لفرنسا لدى الأمم المتحدة",
    "zh-hans": "法国常驻联合国代表的发言",
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Enough presses to cross the header (skip link, navigation, six language buttons) and the page.
TAB_LIMIT = 60


def said(language: str, message: str | Promise) -> str:
    """What the page says in `language`, from the catalogue (a message id or a lazy label),
    never a copy of the translation."""
    with translation.override(language):
        return str(gettext(message) if isinstance(message, str) else message)


def content_language(visit: Visit) -> Language:
    return Language.from_ui_code(visit.language)


def france_in(visit: Visit) -> str:
    return Entity.objects.get(code="FRA").name(content_language(visit))


def statement_page(meeting: Meeting, code: str) -> str:
    return f"/meetings/{meeting.pk}/statements/{code}/"


def versions_of(meeting: Meeting, code: str) -> list[StatementVersion]:
    return list(
        StatementVersion.objects.filter(statement__meeting=meeting, statement__entity__code=code)
        .select_related("receipt")
        .order_by("number")
    )


def accept_invitation(visit: Visit, inviter: User) -> User:
    """A France delegate invites a colleague; the colleague opens the e-mailed link, creates the
    account and is signed in by it."""
    invite_user(
        invited_by=inviter,
        email="colleague@france.example",
        role=Role.DELEGATION,
        entity=inviter.entity,
    )
    link = next(line for line in mail.outbox[-1].body.split() if "/account/invitation/" in line)
    page = visit.go(link[link.index("/account/") :])
    assert page.locator("html").get_attribute("lang") == visit.language
    assert france_in(visit) in page.locator("main p").first.inner_text()
    visit.check("delegation-invitation")
    page.fill("input[name=full_name]", "Camille Martin")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=password_again]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(visit.base_url + "/meetings/")
    welcome = said(
        visit.language,
        "Welcome. Your account is ready. The meetings below are those you can follow.",
    )
    assert page.locator(".messages").inner_text().strip() == welcome
    visit.check("delegation-welcome")
    return User.objects.get(email="colleague@france.example")


def open_my_statement(visit: Visit, meeting: Meeting) -> Page:
    """From the list of meetings to the meeting, then to the delegation's own statement page."""
    page = visit.go("/meetings/")
    visit.check("delegation-meetings")
    page.locator(f'main a[href="/meetings/{meeting.pk}/"]').click()
    page.wait_for_url(visit.base_url + f"/meetings/{meeting.pk}/")
    visit.check("delegation-meeting")
    page.locator(f'main a[href="/meetings/{meeting.pk}/statement/"]').click()
    page.wait_for_url(visit.base_url + statement_page(meeting, "FRA"))
    title = page.locator("main .eyebrow a")
    assert title.get_attribute("lang") == meeting.title_language(content_language(visit)).ui_code
    assert france_in(visit) in page.locator("main h1").inner_text()
    visit.check("delegation-statement-empty")
    return page


def preview_shows(visit: Visit, meeting: Meeting, text: str, name: str) -> None:
    """The annex is shown in the statement's own language, with that language's direction,
    under the label the compilation letter will give it."""
    page = visit.page
    page.wait_for_url(re.compile(r"/drafts/\d+/$"))
    language = content_language(visit)
    assert page.locator("main .facts dd").first.inner_text() == said(visit.language, language.label)
    annex = page.locator(".annex-preview .un-annex")
    assert annex.get_attribute("lang") == language.ui_code
    assert annex.get_attribute("dir") == ("rtl" if language.is_rtl else "ltr")
    assert annex.locator(".un-annex-label").inner_text() == ANNEX[meeting.letter_language]
    assert text[:20] in annex.inner_text()
    visit.check(name)


def confirm(visit: Visit, meeting: Meeting, number: int, name: str) -> None:
    """Confirm the preview: the statement page lists the version and says its receipt."""
    page = visit.page
    page.locator("main form button.primary").click()
    page.wait_for_url(visit.base_url + statement_page(meeting, "FRA"))
    version = versions_of(meeting, "FRA")[-1]
    assert version.number == number
    received = said(
        visit.language, "Statement received. Receipt %(reference)s has been sent to your contacts."
    ) % {"reference": f"\u2066{version.receipt.reference}\u2069"}  # isolated left-to-right
    assert page.locator(".messages").inner_text().strip() == received
    visit.check(name)


def send_by_paste(visit: Visit, meeting: Meeting, text: str) -> None:
    page = visit.page
    page.fill("input[name=heading]", HEADINGS[visit.language])
    page.fill("textarea[name=text]", text)
    page.locator("main form button.primary").click()
    preview_shows(visit, meeting, text, "delegation-preview-paste")
    confirm(visit, meeting, 1, "delegation-receipt-paste")


def revise_by_upload(visit: Visit, meeting: Meeting, text: str) -> None:
    """Version 2 is the same text as a Word file whose opening words are now in bold."""
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run(text[:20]).bold = True
    paragraph.add_run(text[20:])
    buffer = io.BytesIO()
    document.save(buffer)
    page = visit.page
    page.fill("input[name=heading]", HEADINGS[visit.language])
    upload = FilePayload(name="statement.docx", mimeType=DOCX, buffer=buffer.getvalue())
    page.set_input_files("input[name=file]", files=upload)
    page.locator("main form.stacked button.primary").click()
    preview_shows(visit, meeting, text, "delegation-preview-upload")
    assert page.locator(".annex-preview .un-annex strong").first.inner_text() == text[:20]
    confirm(visit, meeting, 2, "delegation-receipt-upload")


def every_version_listed(visit: Visit, meeting: Meeting) -> None:
    page = visit.go(statement_page(meeting, "FRA"))
    versions = versions_of(meeting, "FRA")
    assert [version.channel for version in versions] == ["web", "upload"]
    rows = page.locator("main table tbody tr")
    assert rows.count() == 2
    for version in versions:
        row = rows.filter(has=page.locator(f"code:text-is('{version.receipt.reference}')"))
        assert row.locator("td").first.inner_text() == str(version.number)
    visit.check("delegation-versions")


def withdraw(visit: Visit, meeting: Meeting) -> None:
    """Withdrawing keeps the versions and receipts, and the form to send a new one stays."""
    page = visit.page
    page.locator("main details.confirm-step summary").click()  # the second step opens
    page.locator('main form[action$="/statements/FRA/withdraw/"] button').click()
    page.wait_for_url(visit.base_url + statement_page(meeting, "FRA"))
    withdrawn = said(
        visit.language,
        "The statement is withdrawn and will not be compiled. Its versions and receipts are "
        "kept. To take part after all, send it again below before the deadline.",
    )
    assert page.locator(".messages").inner_text().strip() == withdrawn
    assert page.locator("main strong").first.inner_text() == said(visit.language, "Withdrawn")
    assert page.locator("main table tbody tr").count() == 2
    assert page.locator("main h2").last.inner_text() == said(visit.language, "Send the statement")
    assert page.locator('main form[action$="/withdraw/"]').count() == 0
    visit.check("delegation-withdrawn")


def refused_elsewhere(visit: Visit, meeting: Meeting) -> None:
    """A France delegate opening Canada's statement page gets the translated 403 page."""
    response = visit.page.goto(visit.base_url + statement_page(meeting, "CAN"))
    assert response is not None
    assert response.status == 403
    assert visit.page.locator("main h1").inner_text() == said(visit.language, "Not allowed")
    # The browser logs the 403 response itself as a console error; that one is expected.
    visit.problems[:] = [p for p in visit.problems if "status of 403" not in p]
    visit.check("delegation-refused")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", JOURNEY_LANGUAGES)
def test_delegation_journey(visit: Any, open_meeting: Meeting, france: User, language: str) -> None:
    opened = visit(language)
    text = TEXTS[language]
    colleague = accept_invitation(opened, france)
    assert (colleague.role, colleague.entity, colleague.language) == (
        Role.DELEGATION,
        france.entity,
        content_language(opened),
    )
    open_my_statement(opened, open_meeting)
    send_by_paste(opened, open_meeting, text)
    revise_by_upload(opened, open_meeting, text)
    every_version_listed(opened, open_meeting)
    withdraw(opened, open_meeting)
    refused_elsewhere(opened, open_meeting)


def focused(page: Page, selector: str) -> bool:
    return bool(page.evaluate("s => document.activeElement?.matches(s) ?? false", selector))


def tab_to(page: Page, selector: str, *, key: str = "Tab") -> None:
    """Move the focus with Tab (or Shift+Tab) until it lands on `selector`."""
    for _ in range(TAB_LIMIT):
        page.keyboard.press(key)
        if focused(page, selector):
            return
    where = page.evaluate("document.activeElement?.outerHTML.slice(0, 120)")
    pytest.fail(f"{key} never reached {selector} in {TAB_LIMIT} presses; focus is on {where}")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_keyboard_only_submission(
    visit: Any, open_meeting: Meeting, france: User, language: str
) -> None:
    opened = visit(language)
    sign_in(opened, france)
    page = opened.go(statement_page(open_meeting, "FRA"))
    text = TEXTS[language]
    tab_to(page, "textarea[name=text]")
    page.keyboard.type(text)
    tab_to(page, "input[name=heading]", key="Shift+Tab")
    page.keyboard.type(HEADINGS[language])
    tab_to(page, "main form.stacked button.primary")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/drafts/\d+/$"))
    tab_to(page, "main form button.primary")
    opened.check("delegation-keyboard-confirm")
    page.keyboard.press("Space")
    page.wait_for_url(opened.base_url + statement_page(open_meeting, "FRA"))
    (version,) = versions_of(open_meeting, "FRA")
    assert (version.heading, version.language) == (
        HEADINGS[language],
        Language.from_ui_code(language),
    )
    assert version.receipt.reference in page.locator(".messages").inner_text()
    opened.check("delegation-keyboard-receipt")

"""The Secretariat's compilation pages: order and moves, delivered statements, late inclusions,
building in the background, downloads, issuing and revisions."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.http import FileResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from opendebate.accounts.models import User
from opendebate.common.models import AuditEntry
from opendebate.compilation import services
from opendebate.compilation.build import build_document, entries
from opendebate.compilation.dates import proposed_letter_date
from opendebate.compilation.enums import CompilationStatus, IssueKind, Section
from opendebate.compilation.models import Compilation, DeliveredStatement, OrderMove
from opendebate.entities.models import CouncilSeat, Entity
from opendebate.meetings.models import Meeting
from opendebate.statements.services import accept_late_version
from tests.compilation.conftest import start_dated, submit
from tests.statements.conftest import ARABIC, CHINESE, ENGLISH
from tests.statements.fixtures import zip_bomb

pytestmark = pytest.mark.django_db

ORDER = [
    "Bintou Keita", "Louise Mushikiwabo", "Abdou Abarry", "Philippe Kridelka", "Dang Dinh Quy",
    "Bob Rae", "Armenia", "China", "Egypt", "European Union", "Iran (Islamic Republic of)",
]  # fmt: skip


def page(meeting: Meeting) -> str:
    return f"/meetings/{meeting.pk}/compilation/"


def action(compilation: Compilation, name: str) -> str:
    return f"/meetings/{compilation.meeting_id}/compilation/{compilation.pk}/{name}/"


def working(meeting: Meeting, user: User) -> Compilation:
    return start_dated(user, meeting)


def names(client: Client, meeting: Meeting) -> list[str]:
    return [row.name for row in client.get(page(meeting)).context["rows"]]


def key_of(compilation: Compilation, name: str) -> str:
    compilation.refresh_from_db()
    found = {row.speaker.shown if row.speaker else str(row.entity): row.item.key
             for row in entries(compilation)}  # fmt: skip
    return found[name]


def content(response: Any) -> bytes:
    assert isinstance(response, FileResponse)
    # Consumed to the end, the test client closes the file itself, with the signal that would
    # close the database connection held off (calling close() here would drop the test's
    # PostgreSQL connection, inside its transaction).
    return b"".join(response.streaming_content)  # type: ignore[arg-type]


def docx_of(text: str) -> bytes:
    from docx import Document

    document = Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


DELIVERED = {
    "section": Section.NON_MEMBER,
    "speaking_order": 2,
    "entity": "FRA",
    "speaker_names_en": "Nicolas de Rivière",
    "speaker_functions_en": "Permanent Representative of France",
    "heading": "Statement by the Permanent Representative of France",
}


# Every endpoint, as (method, address) from the meeting and its working compilation.
ENDPOINTS: list[tuple[str, Callable[[Compilation], str]]] = [
    ("get", lambda c: page(c.meeting)),
    ("post", lambda c: f"{page(c.meeting)}delivered/"),
    ("post", lambda c: f"{page(c.meeting)}delivered/1/"),
    ("post", lambda c: action(c, "signatory")),
    ("get", lambda c: action(c, "progress")),
    ("get", lambda c: action(c, "files/pdf")),
    ("post", lambda c: action(c, "compile")),
    ("post", lambda c: action(c, "letter")),
    ("post", lambda c: action(c, "member/CHN")),
    ("post", lambda c: action(c, "move")),
    ("post", lambda c: action(c, "late/1")),
    ("post", lambda c: action(c, "issue")),
    ("post", lambda c: action(c, "successor")),
]


@pytest.mark.parametrize("persona", ["as_france", "as_presidency"])
@pytest.mark.parametrize(("method", "address"), ENDPOINTS)
def test_wrong_delegation_is_refused(
    request: pytest.FixtureRequest,
    persona: str,
    method: str,
    address: Callable[[Compilation], str],
    open_meeting: Meeting,
    secretariat: User,
) -> None:
    compilation = working(open_meeting, secretariat)
    client: Client = request.getfixturevalue(persona)
    url = address(compilation)
    posted = {"kind": "revision", "include": "1", "letter_date": "2020-09-09"}
    response = getattr(client, method)(url, {**posted, "original_language": "en"})
    assert response.status_code == 403
    refusal = AuditEntry.objects.get(action="access.refused")
    assert (refusal.subject, refusal.data["reason"]) == (url, "for the Secretariat only")
    assert Compilation.objects.get() == compilation
    assert Compilation.objects.get().signatories == compilation.signatories
    assert (compilation.moves.count(), DeliveredStatement.objects.count()) == (0, 0)
    compilation.refresh_from_db()
    assert (compilation.letter_date, compilation.original_language) == (
        proposed_letter_date(open_meeting),
        "fr",
    )
    assert not compilation.confirmed_members.exists()


def test_first_visit_starts_one_compilation_in_the_letters_language(
    as_secretariat: Client, debate: Meeting
) -> None:
    response = as_secretariat.get(page(debate))
    assert response.status_code == 200
    as_secretariat.get(page(debate))
    compilation = Compilation.objects.get()
    assert (compilation.language, compilation.status) == (debate.letter_language, "draft")
    assert [row.name for row in response.context["rows"]] == ORDER
    html = response.content.decode()
    assert "Not compiled yet." in html
    assert 'src="/static/django_htmx/htmx-2.min.js"' in html
    assert "<script>" not in html
    assert "style=" not in html


def test_move_without_reason_is_refused(
    as_secretariat: Client, debate: Meeting, secretariat: User
) -> None:
    compilation = working(debate, secretariat)
    key = key_of(compilation, "Bob Rae")
    response = as_secretariat.post(action(compilation, "move"), {"key": key, "position": 1})
    assert response.status_code == 422
    assert escape("Say why the order changes: the reason is kept with the change.") in (
        response.content.decode()
    )
    assert not OrderMove.objects.exists()
    assert names(as_secretariat, debate) == ORDER


def test_move_with_reason_changes_the_order_and_is_kept(
    as_secretariat: Client, debate: Meeting, secretariat: User
) -> None:
    compilation = working(debate, secretariat)
    key = key_of(compilation, "Bob Rae")
    response = as_secretariat.post(
        action(compilation, "move"), {"key": key, "position": 3, "reason": "Spoke for the OIF"}
    )
    assert response.status_code == 302
    shown = as_secretariat.get(page(debate))
    assert [row.name for row in shown.context["rows"]] == [
        *ORDER[:2], "Bob Rae", *ORDER[2:5], *ORDER[6:]
    ]  # fmt: skip
    assert [(move.position, move.reason, move.moved_by) for move, _ in shown.context["moves"]] == [
        (3, "Spoke for the OIF", secretariat)
    ]
    assert shown.context["moves"][0][1] == "3. Bob Rae"
    assert "Spoke for the OIF" in shown.content.decode()


@pytest.mark.parametrize(
    ("section", "code", "text", "language"),
    [
        (Section.MEMBER, "FRA", ENGLISH, "en"),
        (Section.NON_MEMBER, "EGY", ARABIC, "ar"),
        (Section.BRIEFING, "", CHINESE, "zh"),
    ],
)
def test_delivered_statement_is_recorded_from_pasted_text(
    as_secretariat: Client, open_meeting: Meeting, section: int, code: str, text: str, language: str
) -> None:
    response = as_secretariat.post(
        f"{page(open_meeting)}delivered/",
        {**DELIVERED, "section": section, "entity": code, "text": text},
    )
    assert response.status_code == 302
    delivered = DeliveredStatement.objects.get()
    entity = delivered.entity.code if delivered.entity else ""
    assert (delivered.section, entity, delivered.language) == (section, code, language)
    assert delivered.text == text
    shown = as_secretariat.get(page(open_meeting))
    assert "Recorded: Nicolas de Rivière" in shown.content.decode()
    assert [row.name for row in shown.context["rows"]] == ["Nicolas de Rivière"]


@pytest.mark.parametrize(("text", "language"), [(ENGLISH, "en"), (CHINESE, "zh")])
def test_delivered_statement_is_recorded_from_a_word_document(
    as_secretariat: Client, open_meeting: Meeting, text: str, language: str
) -> None:
    upload = SimpleUploadedFile("Déclaration France.docx", docx_of(text))
    response = as_secretariat.post(f"{page(open_meeting)}delivered/", {**DELIVERED, "file": upload})
    assert response.status_code == 302
    delivered = DeliveredStatement.objects.get()
    assert (delivered.language, delivered.original_name, delivered.text) == (
        language, "Déclaration France.docx", text
    )  # fmt: skip
    with delivered.original.open("rb") as stored:
        assert stored.read()[:2] == b"PK"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            zip_bomb(101 * 2**20),
            "The file would expand to more than 100 MB when opened, far more than any statement",
        ),
        (b"PK\x03\x04 this is not a real document", "The file is not a valid Word document"),
        (b"%PDF-1.7 named as a Word document", "The file is named .docx but it is a PDF"),
    ],
)
def test_hostile_upload_is_refused_and_nothing_is_kept(
    as_secretariat: Client, open_meeting: Meeting, data: bytes, message: str, tmp_path: Any
) -> None:
    upload = SimpleUploadedFile("statement.docx", data)
    response = as_secretariat.post(f"{page(open_meeting)}delivered/", {**DELIVERED, "file": upload})
    assert response.status_code == 422
    assert escape(message) in response.content.decode()
    assert not DeliveredStatement.objects.exists()
    assert not (tmp_path / "files" / "delivered").exists()


def test_statement_needs_its_delegation_unless_a_briefing(
    as_secretariat: Client, open_meeting: Meeting
) -> None:
    response = as_secretariat.post(
        f"{page(open_meeting)}delivered/", {**DELIVERED, "entity": "", "text": ENGLISH}
    )
    assert response.status_code == 422
    assert "Choose the delegation this statement was delivered for." in response.content.decode()
    assert not DeliveredStatement.objects.exists()


def test_compile_returns_at_once_then_shows_progress_and_files(
    as_secretariat: Client, debate: Meeting, secretariat: User
) -> None:
    compilation = working(debate, secretariat)
    response = as_secretariat.post(action(compilation, "compile"))
    assert response["Location"] == page(debate)
    compilation.refresh_from_db()
    assert compilation.status == CompilationStatus.QUEUED
    Compilation.objects.filter(pk=compilation.pk).update(
        status=CompilationStatus.BUILDING, stage="annexes", progress_done=4, progress_total=11
    )
    fragment = as_secretariat.get(action(compilation, "progress")).content.decode()
    assert "Annex 4 of 11" in fragment
    assert 'hx-trigger="every 1s"' in fragment
    assert f'href="{page(debate)}">Refresh</a>' in fragment
    assert "<h1" not in fragment
    Compilation.objects.filter(pk=compilation.pk).update(stage="pdf", progress_done=1)
    assert "Writing the PDF" in as_secretariat.get(action(compilation, "progress")).content.decode()

    services.build(compilation.pk)
    polled = as_secretariat.get(action(compilation, "progress"), headers={"HX-Request": "true"})
    assert polled["HX-Refresh"] == "true"
    fragment = polled.content.decode()
    assert "Compiled on" in fragment
    assert "hx-trigger" not in fragment
    pdf = as_secretariat.get(action(compilation, "files/pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="compilation-draft.pdf"'
    assert content(pdf).startswith(b"%PDF")
    akn = as_secretariat.get(action(compilation, "files/akn"))
    assert akn["Content-Disposition"] == 'attachment; filename="compilation-draft.akn.xml"'
    assert content(akn).startswith(b"<?xml")
    html = as_secretariat.get(action(compilation, "files/html"))
    # One self-contained file (its stylesheet inside), always a download: never rendered under
    # the site's Content-Security-Policy, which forbids inline styles.
    assert html["Content-Disposition"] == 'attachment; filename="compilation-draft.html"'
    page_bytes = content(html)
    assert b"<style>\n/* A UN document as the public reads it" in page_bytes
    assert b"<link" not in page_bytes
    assert as_secretariat.get(action(compilation, "files/exe")).status_code == 404


def test_a_change_after_compiling_asks_to_compile_again(
    as_secretariat: Client, debate: Meeting, secretariat: User
) -> None:
    compilation = working(debate, secretariat)
    services.request_build(user=secretariat, compilation=compilation)
    services.build(compilation.pk)
    assert not as_secretariat.get(page(debate)).context["stale"]
    services.move_item(
        user=secretariat,
        compilation=compilation,
        key=key_of(compilation, "Bob Rae"),
        position=1,
        reason="Test",
    )
    assert "The annexes changed since these files were compiled." in (
        as_secretariat.get(page(debate)).content.decode()
    )


def test_failed_build_shows_the_error_and_a_retry(
    as_secretariat: Client, debate: Meeting, secretariat: User
) -> None:
    compilation = working(debate, secretariat)
    Compilation.objects.filter(pk=compilation.pk).update(
        status=CompilationStatus.FAILED, error="TypeError: fonts missing"
    )
    html = as_secretariat.get(page(debate)).content.decode()
    assert "The compilation failed." in html
    assert "TypeError: fonts missing" in html
    assert f'action="{action(compilation, "compile")}"' in html
    as_secretariat.post(action(compilation, "compile"))
    compilation.refresh_from_db()
    assert (compilation.status, compilation.error) == (CompilationStatus.QUEUED, "")


@pytest.mark.django_db(transaction=True)
def test_the_worker_builds_what_the_page_queued(
    as_secretariat: Client, debate: Meeting, secretariat: User
) -> None:
    compilation = working(debate, secretariat)
    as_secretariat.post(action(compilation, "compile"))
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    compilation.refresh_from_db()
    assert (compilation.status, sorted(compilation.files)) == (
        CompilationStatus.READY, ["akn", "docx", "html", "pdf"]
    )  # fmt: skip
    docx = as_secretariat.get(action(compilation, "files/docx"))
    assert docx["Content-Disposition"] == 'attachment; filename="compilation-draft.docx"'
    assert content(docx).startswith(b"PK")


def test_late_statement_is_included_then_excluded(
    as_secretariat: Client, debate: Meeting, secretariat: User
) -> None:
    compilation = working(debate, secretariat)
    assert debate.deadline is not None
    late = submit(debate, "FRA", ENGLISH, at=debate.deadline + datetime.timedelta(hours=2))
    html = as_secretariat.get(page(debate)).content.decode()
    assert "These late versions wait for acceptance." in html
    assert f'href="/meetings/{debate.pk}/statements/FRA/">France</a>, version 1' in html
    refused = as_secretariat.post(action(compilation, f"late/{late.pk}"), {"include": "1"})
    assert refused.status_code == 302
    assert "Accept the late statement first" in as_secretariat.get(page(debate)).content.decode()

    accept_late_version(user=secretariat, version=late, reason="Delayed mail", at=timezone.now())
    as_secretariat.post(action(compilation, f"late/{late.pk}"), {"include": "1"})
    shown = as_secretariat.get(page(debate))
    assert shown.context["late"] == [(late, True)]
    assert [(row.name, row.entry.late) for row in shown.context["rows"]][-4:] == [
        ("Egypt", False), ("European Union", False), ("France", True),
        ("Iran (Islamic Republic of)", False),
    ]  # fmt: skip
    letter = " ".join(
        block.text for block in build_document(compilation, entries(compilation)).body
    )
    assert "The written statements of France, received after the deadline, are also enclosed." in (
        letter
    )

    as_secretariat.post(action(compilation, f"late/{late.pk}"), {"include": "0"})
    assert "France" not in names(as_secretariat, debate)
    assert list(compilation.late_versions.all()) == []


def test_bad_symbol_is_refused(as_secretariat: Client, debate: Meeting, secretariat: User) -> None:
    compilation = working(debate, secretariat)
    today = proposed_letter_date(compilation.meeting).isoformat()
    response = as_secretariat.post(
        action(compilation, "issue"),
        {"symbol": "2020/900", "issued_on": today, "letter_date": today},
    )
    assert response.status_code == 422
    assert "Give the symbol as the UN writes it, for example S/2020/900." in (
        response.content.decode()
    )
    compilation.refresh_from_db()
    assert (compilation.status, compilation.symbol, compilation.issuing) == ("draft", "", False)


def test_issue_waits_for_the_build_in_progress(
    as_secretariat: Client, debate: Meeting, secretariat: User
) -> None:
    compilation = working(debate, secretariat)
    services.request_build(user=secretariat, compilation=compilation)
    today = proposed_letter_date(compilation.meeting).isoformat()
    response = as_secretariat.post(
        action(compilation, "issue"),
        {"symbol": "S/2020/900", "issued_on": today, "letter_date": today},
    )
    assert response.status_code == 422
    assert "Wait for the compilation in progress to finish, then issue it." in (
        response.content.decode()
    )
    compilation.refresh_from_db()
    assert (compilation.symbol, compilation.issuing) == ("", False)


def issue(client: Client, compilation: Compilation, symbol: str = "") -> Compilation:
    today = proposed_letter_date(compilation.meeting).isoformat()
    response = client.post(
        action(compilation, "issue"), {"symbol": symbol, "issued_on": today, "letter_date": today}
    )
    assert response.status_code == 302, response.content.decode()
    return services.build(compilation.pk)


def test_issue_seals_the_compilation_then_a_revision_takes_the_next_symbol(
    as_secretariat: Client, debate: Meeting, secretariat: User
) -> None:
    compilation = working(debate, secretariat)
    issued = issue(as_secretariat, compilation, "S/2020/900")
    assert (issued.status, issued.symbol) == (CompilationStatus.ISSUED, "S/2020/900")
    html = as_secretariat.get(page(debate)).content.decode()
    assert "Issued as S/2020/900 on" in html
    assert "Start a revision" in html
    assert "Move the annex" not in html
    pdf = as_secretariat.get(action(issued, "files/pdf"))
    assert pdf["Content-Disposition"] == 'attachment; filename="S-2020-900.pdf"'
    content(pdf)

    moved = as_secretariat.post(
        action(issued, "move"),
        {"key": key_of(issued, "Bob Rae"), "position": 1, "reason": "Too late"},
    )
    assert moved.status_code == 422
    assert escape("This compilation is issued and cannot change.") in moved.content.decode()
    assert not OrderMove.objects.exists()

    as_secretariat.post(action(issued, "successor"), {"kind": "revision"})
    revision = Compilation.objects.get(kind=IssueKind.REVISION)
    shown = as_secretariat.get(page(debate))
    assert shown.context["compilation"] == revision
    assert "symbol" not in shown.context["issue_form"].fields
    assert issue(as_secretariat, revision).symbol == "S/2020/900/Rev.1"
    history = as_secretariat.get(page(debate))
    assert [document.symbol for document in history.context["issued"]] == [
        "S/2020/900", "S/2020/900/Rev.1"
    ]  # fmt: skip
    second = as_secretariat.post(action(issued, "successor"), {"kind": "revision"})
    assert second.status_code == 302
    assert Compilation.objects.filter(kind=IssueKind.REVISION).count() == 2


def test_a_second_successor_waits_for_the_first(
    as_secretariat: Client, debate: Meeting, secretariat: User
) -> None:
    issued = issue(as_secretariat, working(debate, secretariat), "S/2020/900")
    as_secretariat.post(action(issued, "successor"), {"kind": "corrigendum"})
    as_secretariat.post(action(issued, "successor"), {"kind": "revision"})
    assert "Finish or issue the compilation already in preparation first." in (
        as_secretariat.get(page(debate)).content.decode()
    )
    assert list(Compilation.objects.values_list("kind", flat=True).order_by("pk")) == [
        "original", "corrigendum"
    ]  # fmt: skip


def test_page_queries_do_not_grow_with_the_statements(
    as_secretariat: Client, debate: Meeting
) -> None:
    as_secretariat.get(page(debate))
    with CaptureQueriesContext(connection) as before:
        as_secretariat.get(page(debate))
    for code in ("FRA", "DEU", "ITA", "JPN", "BRA"):
        submit(debate, code, ENGLISH)
    deliver_more = as_secretariat.post(
        f"{page(debate)}delivered/", {**DELIVERED, "speaking_order": 9, "text": ENGLISH}
    )
    assert deliver_more.status_code == 302
    with CaptureQueriesContext(connection) as after:
        as_secretariat.get(page(debate))
    assert len(after) == len(before), [query["sql"] for query in after]


def test_first_visit_proposes_the_day_after_the_meeting_without_setting_it(
    as_secretariat: Client, debate: Meeting
) -> None:
    response = as_secretariat.get(page(debate))
    compilation = Compilation.objects.get()
    assert (compilation.letter_date, compilation.original_language) == (None, "fr")
    form = response.context["letter_form"]
    assert form.initial == {
        "letter_date": proposed_letter_date(debate),
        "original_language": "fr",
    }
    html = response.content.decode()
    assert "The letter has no date yet. The day after the meeting is proposed below" in html
    assert f'value="{proposed_letter_date(debate).isoformat()}"' in html
    refused = as_secretariat.post(action(compilation, "compile"))
    assert refused["Location"] == page(debate)
    compilation.refresh_from_db()
    assert compilation.status == CompilationStatus.DRAFT
    shown = as_secretariat.get(page(debate)).content.decode()
    assert "Confirm the date of the letter first; then compile." in shown


def test_letter_date_and_original_language_are_confirmed_with_an_audit_entry(
    as_secretariat: Client, debate: Meeting, secretariat: User
) -> None:
    as_secretariat.get(page(debate))
    compilation = Compilation.objects.get()
    day = proposed_letter_date(debate) + datetime.timedelta(days=2)
    response = as_secretariat.post(
        action(compilation, "letter"),
        {"letter_date": day.isoformat(), "original_language": "en"},
    )
    assert response["Location"] == page(debate)
    compilation.refresh_from_db()
    assert (compilation.letter_date, compilation.original_language) == (day, "en")
    entry = AuditEntry.objects.get(action="compilation.letter_set")
    assert (entry.actor, entry.data) == (
        secretariat,
        {"letter_date": day.isoformat(), "original_language": "en"},
    )
    assert "The letter has no date yet" not in as_secretariat.get(page(debate)).content.decode()


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (-2, "The letter cannot be dated before the meeting"),
        (70, "The letter must be dated within the presidency's month or the next one"),
    ],
)
def test_letter_date_out_of_range_is_refused_and_nothing_is_set(
    as_secretariat: Client, debate: Meeting, days: int, message: str
) -> None:
    as_secretariat.get(page(debate))
    compilation = Compilation.objects.get()
    day = debate.local_start.date() + datetime.timedelta(days=days)
    response = as_secretariat.post(
        action(compilation, "letter"), {"letter_date": day.isoformat(), "original_language": "en"}
    )
    assert response.status_code == 422
    assert escape(message) in response.content.decode()
    compilation.refresh_from_db()
    assert (compilation.letter_date, compilation.original_language) == (None, "fr")
    assert not AuditEntry.objects.filter(action="compilation.letter_set").exists()


def test_malformed_letter_date_is_refused(as_secretariat: Client, debate: Meeting) -> None:
    as_secretariat.get(page(debate))
    compilation = Compilation.objects.get()
    response = as_secretariat.post(
        action(compilation, "letter"), {"letter_date": "2020-13-45", "original_language": "xx"}
    )
    assert response.status_code == 422
    form = response.context["letter_form"]
    assert set(form.errors) == {"letter_date", "original_language"}
    compilation.refresh_from_db()
    assert compilation.letter_date is None


def test_council_members_written_statement_is_flagged_until_confirmed(
    as_secretariat: Client, debate: Meeting, secretariat: User
) -> None:
    china = Entity.objects.get(code="CHN")
    CouncilSeat.objects.create(year=debate.local_start.year, entity=china, seat="permanent")
    compilation = working(debate, secretariat)
    html = as_secretariat.get(page(debate)).content.decode()
    rows = as_secretariat.get(page(debate)).context["rows"]
    assert [row.name for row in rows if row.unconfirmed_member] == ["China"]
    assert "Council member: written statement" in html
    assert html.count("Confirm as a written submission") == 1
    day = proposed_letter_date(debate).isoformat()
    refused = as_secretariat.post(
        action(compilation, "issue"), {"symbol": "S/2020/900", "issued_on": day, "letter_date": day}
    )
    assert refused.status_code == 422
    assert "confirm the written statement of China as a written submission" in (
        refused.content.decode()
    )

    response = as_secretariat.post(action(compilation, "member/CHN"))
    assert response["Location"] == page(debate)
    assert list(compilation.confirmed_members.all()) == [china]
    entry = AuditEntry.objects.get(action="compilation.member_written_confirmed")
    assert (entry.actor, entry.entity) == (secretariat, china)
    after = as_secretariat.get(page(debate))
    assert not any(row.unconfirmed_member for row in after.context["rows"])
    assert "Council member: written statement" not in after.content.decode()
    issue(as_secretariat, compilation, "S/2020/900")


def test_confirming_a_non_member_or_twice_is_refused(
    as_secretariat: Client, debate: Meeting, secretariat: User
) -> None:
    compilation = working(debate, secretariat)
    as_secretariat.post(action(compilation, "member/EGY"))
    assert not compilation.confirmed_members.exists()
    html = as_secretariat.get(page(debate)).content.decode()
    assert "Egypt has no written statement waiting for confirmation." in html
    assert as_secretariat.post(action(compilation, "member/NOPE")).status_code == 404
    assert not AuditEntry.objects.filter(action="compilation.member_written_confirmed").exists()


@pytest.mark.parametrize(
    ("cookie", "warning", "flag"),
    [
        ("ar", "ليس للرسالة تاريخ بعد.", "عضو في المجلس: بيان كتابي"),
        ("zh-hans", "信函尚无日期。", "安理会成员：书面发言"),
    ],
)
def test_letter_and_member_flags_read_in_arabic_and_chinese(
    as_secretariat: Client, debate: Meeting, cookie: str, warning: str, flag: str
) -> None:
    CouncilSeat.objects.create(
        year=debate.local_start.year, entity=Entity.objects.get(code="CHN"), seat="permanent"
    )
    as_secretariat.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    html = as_secretariat.get(page(debate)).content.decode()
    assert warning in html
    assert flag in html


def test_issue_form_proposes_no_issue_date_before_the_letter(
    as_secretariat: Client, debate: Meeting, secretariat: User
) -> None:
    working(debate, secretariat)
    form = as_secretariat.get(page(debate)).context["issue_form"]
    assert (
        form.initial["issued_on"] == form.initial["letter_date"] == (proposed_letter_date(debate))
    )

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from opendebate.accounts.models import User
from opendebate.common.models import AuditEntry
from opendebate.meetings.models import Meeting
from opendebate.statements.models import RefusedSubmission, StatementDraft, StatementVersion
from tests.conftest import entity_of, submit_text
from tests.statements.conftest import ARABIC, CHINESE, ENGLISH

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db


def page(meeting: Meeting, code: str) -> str:
    return f"/meetings/{meeting.pk}/statements/{code}/"


def send(client: Client, meeting: Meeting, code: str, **data: object) -> TestResponse:
    return client.post(page(meeting, code), {"heading": "Statement by France", **data})


def test_paste_preview_confirm_receipt(as_france: Client, open_meeting: Meeting) -> None:
    response = send(
        as_france, open_meeting, "FRA", text=f"{ENGLISH}\n\n- **First** point\n- *Second* point"
    )
    draft = StatementDraft.objects.get()
    assert response["Location"] == f"{page(open_meeting, 'FRA')}drafts/{draft.pk}/"
    preview = as_france.get(response["Location"]).content.decode()
    assert "Statement by France" in preview
    assert "<strong>First</strong>" in preview
    assert "<em>Second</em>" in preview
    assert StatementVersion.objects.count() == 0  # nothing received before confirmation
    confirmed = as_france.post(response["Location"])
    assert confirmed.status_code == 302
    version = StatementVersion.objects.get()
    assert version.channel == "web"
    listing = as_france.get(page(open_meeting, "FRA")).content.decode()
    assert version.receipt.reference in listing
    assert StatementDraft.objects.get().version == version  # kept: a repeat finds it


@pytest.mark.parametrize(
    ("text", "marker"), [(ARABIC, 'lang="ar" dir="rtl"'), (CHINESE, 'lang="zh')]
)
def test_preview_keeps_the_statement_language(
    as_france: Client, open_meeting: Meeting, text: str, marker: str
) -> None:
    response = send(as_france, open_meeting, "FRA", text=text)
    preview = as_france.get(response["Location"]).content.decode()
    assert marker in preview
    assert text[:20] in preview


def test_upload_docx(as_france: Client, open_meeting: Meeting) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph(ENGLISH)
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile("statement.docx", buffer.getvalue())
    response = send(as_france, open_meeting, "FRA", file=upload)
    assert response.status_code == 302
    as_france.post(response["Location"])
    version = StatementVersion.objects.get()
    assert (version.channel, version.original_name, version.language) == (
        "upload",
        "statement.docx",
        "en",
    )


def test_corrupt_upload_is_explained_and_kept(as_france: Client, open_meeting: Meeting) -> None:
    upload = SimpleUploadedFile("statement.docx", b"PK\x03\x04 this is not a real document")
    response = send(as_france, open_meeting, "FRA", file=upload)
    assert response.status_code == 422
    refused = RefusedSubmission.objects.get()
    assert refused.code in {"corrupt", "type_mismatch"}
    assert refused.reason in response.content.decode()
    with refused.original.open("rb") as handle:
        assert handle.read() == b"PK\x03\x04 this is not a real document"


def test_zip_bomb_upload_is_refused_and_kept(as_france: Client, open_meeting: Meeting) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (120 * 1024 * 1024))
    response = send(
        as_france, open_meeting, "FRA", file=SimpleUploadedFile("bomb.docx", buffer.getvalue())
    )
    assert response.status_code == 422
    assert RefusedSubmission.objects.get().code == "zip_bomb"


def test_file_over_the_limit_is_refused_and_kept(as_france: Client, open_meeting: Meeting) -> None:
    big = SimpleUploadedFile("big.txt", b"a " * (5 * 1024 * 1024 + 10))
    response = send(as_france, open_meeting, "FRA", file=big)
    assert response.status_code == 422
    refused = RefusedSubmission.objects.get()
    assert refused.code == "too_large"
    assert refused.original.size == 10 * 1024 * 1024 + 20


def test_hostile_file_name_is_made_safe(as_france: Client, open_meeting: Meeting) -> None:
    upload = SimpleUploadedFile("../../\u202egnp.docx.txt", ENGLISH.encode())
    response = send(as_france, open_meeting, "FRA", file=upload)
    as_france.post(response["Location"])
    name = StatementVersion.objects.get().original_name
    assert "/" not in name
    assert "\u202e" not in name
    assert name.endswith(".txt")


def test_wrong_delegation_is_refused_every_statement_page(
    as_france: Client, france: User, canada: User, open_meeting: Meeting
) -> None:
    assert as_france.get(page(open_meeting, "CAN")).status_code == 403
    assert send(as_france, open_meeting, "CAN", text=ENGLISH).status_code == 403
    assert as_france.post(f"{page(open_meeting, 'CAN')}withdraw/").status_code == 403
    assert (
        as_france.post(
            f"{page(open_meeting, 'CAN')}versions/1/accept-late/", {"reason": "x"}
        ).status_code
        == 403
    )
    assert as_france.get(f"/meetings/{open_meeting.pk}/dashboard/").status_code == 403
    assert AuditEntry.objects.filter(action="access.refused", actor=france).count() == 5


def test_draft_of_another_user_is_refused(as_france: Client, open_meeting: Meeting) -> None:
    from opendebate.accounts.enums import Role
    from opendebate.entities.models import Entity
    from tests.conftest import make_user, signed_in

    colleague = make_user("colleague@france.example", Role.DELEGATION, "FRA")
    response = send(signed_in(colleague), open_meeting, "FRA", text=ENGLISH)
    assert Entity.objects.get(code="FRA")
    assert as_france.get(response["Location"]).status_code == 403


def test_mine_redirects_to_the_delegation_page(as_canada: Client, open_meeting: Meeting) -> None:
    assert as_canada.get(f"/meetings/{open_meeting.pk}/statement/")["Location"] == page(
        open_meeting, "CAN"
    )


def test_dashboard_lists_statuses_chart_and_csv(as_secretariat: Client, france: User) -> None:
    import datetime

    from opendebate.meetings.demo import create_seed_meeting
    from opendebate.statements.enums import Channel

    meeting = create_seed_meeting()  # 8 September 2020: the 2020 Council and the OIF of 2020
    at = datetime.datetime(2020, 9, 5, 12, tzinfo=datetime.UTC)
    submit_text(meeting, entity_of(france), ENGLISH, user=france, channel=Channel.WEB, at=at)
    html = as_secretariat.get(f"/meetings/{meeting.pk}/dashboard/?group=council").content.decode()
    assert "<svg" in html
    assert 'class="deadline"' in html
    assert html.count("<tr>") == 1 + 15
    csv_response = as_secretariat.get(f"/meetings/{meeting.pk}/dashboard/?group=oif&format=csv")
    lines = csv_response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0] == "code,name,kind,status,version,received_at,receipt,language,words"
    france_line = next(line for line in lines if line.startswith("FRA,"))
    assert ",on_time,1,2020-09-05T12:00:00+00:00," in france_line
    # The OIF's 88 less the seven governments that are not States (they cannot submit).
    assert len(lines) == 1 + 88 - 7


def test_dashboard_refused_to_presidency_and_anonymous(
    as_presidency: Client, client: Client, open_meeting: Meeting
) -> None:
    assert as_presidency.get(f"/meetings/{open_meeting.pk}/dashboard/").status_code == 403
    assert client.get(f"/meetings/{open_meeting.pk}/dashboard/").status_code == 302


def test_preview_names_the_characters_the_pdf_cannot_print(
    as_france: Client, open_meeting: Meeting
) -> None:
    response = send(as_france, open_meeting, "FRA", text=f"{ENGLISH} The name 𠀀.")
    preview = as_france.get(response["Location"]).content.decode()
    assert "The character U+20000 (𠀀) in paragraph 1 cannot be printed in the PDF" in preview
    assert "The name 𠀀." in preview


@pytest.mark.parametrize("text", [ARABIC, CHINESE])
def test_preview_drops_non_characters(as_france: Client, open_meeting: Meeting, text: str) -> None:
    response = send(as_france, open_meeting, "FRA", text=f"{text}\ufffe\uffff")
    preview = as_france.get(response["Location"]).content.decode()
    assert text[-10:] in preview
    assert "\ufffe" not in preview

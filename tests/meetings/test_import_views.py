from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from opendebate.common.models import AuditEntry
from opendebate.meetings.enums import MeetingStatus
from opendebate.meetings.models import Meeting
from tests.meetings.letter_files import SEED

pytestmark = pytest.mark.django_db


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_import_shows_fields_beside_their_source_lines(as_secretariat: Client) -> None:
    response = as_secretariat.post("/meetings/import/", {"text": seed_text()})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="联合国与区域和次区域组织的合作：法语国家国际组织的作用"' in html
    assert 'value="dppa-scsb3@un.org"' in html
    assert 'value="2020-09-09T00:00"' in html
    assert '<option value="NER" selected>' in html
    assert "dppa-scsb3@un.org)提交约" in html  # the source line, shown beside the field
    assert Meeting.objects.count() == 0  # nothing is saved before confirmation


def test_confirming_the_review_creates_a_draft(as_secretariat: Client) -> None:
    review = as_secretariat.post("/meetings/import/", {"text": seed_text()})
    form = review.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["meeting_date"] = "2020-09-08"
    data["chair"] = "尼日尔常驻代表"
    data["letter_signatory"] = "阿卜杜·阿巴里"
    data["confirm"] = "1"
    response = as_secretariat.post("/meetings/import/", data)
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.status == MeetingStatus.DRAFT
    assert meeting.presidency.code == "NER"
    # Entered in the letter's language (Chinese); the termbase knows it, so all six are filled.
    assert meeting.chair_functions == {
        "ar": "الممثل الدائم للنيجر",
        "zh": "尼日尔常驻代表",
        "en": "Permanent Representative of the Niger",
        "fr": "Représentant permanent du Niger",
        "ru": "Постоянный представитель Нигера",
        "es": "Representante Permanente del Níger",
    }
    assert meeting.titles == {"zh": "联合国与区域和次区域组织的合作：法语国家国际组织的作用"}
    # The sender's function, read as "Permanent Representative", is proposed in Chinese and
    # completed from the termbase; the name is in Chinese only, the other renderings missing.
    assert form["letter_signatory_function"].value() == "常驻代表"
    assert meeting.letter_signatory_functions["fr"] == "Représentant permanent"
    assert meeting.letter_signatory_names == {"zh": "阿卜杜·阿巴里"}
    briefer = meeting.briefers.all()[1]
    assert briefer.functions["en"] == (
        "Secretary-General of the International Organization of la Francophonie"
    )
    assert meeting.word_guidance == 500
    assert meeting.briefers.count() == 3
    assert meeting.sections.filter(language="zh").count() == 5
    assert AuditEntry.objects.filter(action="meeting.created").count() == 1


def test_tampered_concept_note_is_refused(as_secretariat: Client) -> None:
    review = as_secretariat.post("/meetings/import/", {"text": seed_text()})
    form = review.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["payload"] = data["payload"][:-3] + "abc"
    data["confirm"] = "1"
    response = as_secretariat.post("/meetings/import/", data)
    assert "import the letter again" in response.content.decode()
    assert Meeting.objects.count() == 0


def test_upload_that_is_not_readable_is_explained(as_secretariat: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    broken = SimpleUploadedFile(
        "letter.pdf", b"%PDF-1.7 not really", content_type="application/pdf"
    )
    response = as_secretariat.post("/meetings/import/", {"file": broken})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert Meeting.objects.count() == 0


def test_empty_import_is_explained(as_secretariat: Client) -> None:
    response = as_secretariat.post("/meetings/import/", {"text": ""})
    assert "Paste the letter" in response.content.decode()


def test_delegation_is_refused_the_import(as_france: Client) -> None:
    assert as_france.get("/meetings/import/").status_code == 403
    assert as_france.post("/meetings/import/", {"text": seed_text()}).status_code == 403
    assert AuditEntry.objects.filter(action="access.refused").count() == 2


def test_presidency_is_refused_the_import(as_presidency: Client) -> None:
    assert as_presidency.get("/meetings/import/").status_code == 403


def test_anonymous_is_sent_to_sign_in_from_the_import(client: Client) -> None:
    assert client.get("/meetings/import/")["Location"].startswith("/account/sign-in/")


def test_command_dry_run_prints_json_and_saves_nothing() -> None:
    out = StringIO()
    call_command("import_concept_note", str(SEED), "--dry-run", stdout=out)
    result = json.loads(out.getvalue())
    assert result["letter"]["sender"] == "NER"
    assert result["submissions"]["deadline"] == "2020-09-09T00:00:00-04:00"
    assert Meeting.objects.count() == 0


def test_command_creates_a_draft_meeting() -> None:
    out = StringIO()
    call_command("import_concept_note", str(SEED), stdout=out, stderr=StringIO())
    meeting = Meeting.objects.get()
    assert meeting.status == MeetingStatus.DRAFT
    assert meeting.starts_at.isoformat() == "2020-09-08T14:00:00+00:00"
    assert out.getvalue().startswith(f"Draft meeting {meeting.pk} created")


def test_command_refuses_text_that_is_not_a_letter(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Minutes of the staff meeting. Coffee machine repaired.", encoding="utf-8")
    with pytest.raises(CommandError, match="No meeting created"):
        call_command("import_concept_note", str(note), stdout=StringIO())
    assert Meeting.objects.count() == 0

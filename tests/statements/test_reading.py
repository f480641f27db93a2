"""What every channel receives is read once, in the reading process, and a crafted file is
refused with a message that says what to do, the bytes kept: through the upload form and by
e-mail."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from pytest_django import DjangoCaptureOnCommitCallbacks

from opendebate.entities.models import Entity, EntityContact
from opendebate.ingest import Reading, read_file
from opendebate.ingest.limits import MAX_LINES, MAX_PAGE_OBJECTS, MAX_PARAGRAPHS
from opendebate.intake.enums import MessageState
from opendebate.intake.processing import process_message
from opendebate.meetings.models import Meeting
from opendebate.statements import pipeline, reading
from opendebate.statements.content import Received, SubmissionRefused
from opendebate.statements.models import KeptReading, RefusedSubmission, StatementVersion
from tests.ingest import hostile
from tests.intake.test_processing import message, stored
from tests.statements.fixtures import STATEMENTS_DATA

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db

HOSTILE: dict[str, tuple[Callable[[], bytes], str]] = {
    "nested_forms.pdf": (lambda: hostile.nested_forms(8, 10), "too_slow"),
    "drawings.pdf": (lambda: hostile.tiny_drawings(MAX_PAGE_OBJECTS + 1), "too_complex"),
    "blank_lines.txt": (lambda: hostile.blank_lines(MAX_LINES + 1), "too_long"),
    "paragraphs.docx": (lambda: hostile.many_paragraphs(MAX_PARAGRAPHS + 1), "too_long"),
}


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files read in the reading process, in order."""
    names: list[str] = []

    def counted(data: bytes, filename: str) -> Reading:
        names.append(filename)
        return read_file(data, filename)

    monkeypatch.setattr(reading, "read_file", counted)
    return names


def upload(client: Client, meeting: Meeting, name: str, data: bytes) -> TestResponse:
    return client.post(
        f"/meetings/{meeting.pk}/statements/FRA/",
        {"heading": "Statement by France", "file": SimpleUploadedFile(name, data)},
    )


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_crafted_upload_is_refused_with_what_to_do_and_kept(
    name: str, as_france: Client, open_meeting: Meeting
) -> None:
    build, code = HOSTILE[name]
    data = build()
    response = upload(as_france, open_meeting, name, data)
    assert response.status_code == 422
    refused = RefusedSubmission.objects.get()
    assert (refused.code, refused.original_name) == (code, name)
    assert refused.reason.endswith(
        "Save it as PDF/A from your word processor, or as a new Word document, or paste the text."
    )
    assert refused.reason in response.content.decode()
    with refused.original.open("rb") as handle:
        assert handle.read() == data


def test_preview_and_confirmation_read_the_file_once(
    as_france: Client, open_meeting: Meeting, reads: list[str]
) -> None:
    data = (STATEMENTS_DATA / "ar_statement.pdf").read_bytes()
    response = upload(as_france, open_meeting, "بيان.pdf", data)
    preview = response["Location"]
    assert as_france.get(preview).status_code == 200
    assert as_france.post(preview).status_code == 302
    assert reads == ["بيان.pdf"]
    version = StatementVersion.objects.get()
    assert (version.language, version.original_name) == ("ar", "بيان.pdf")
    kept = KeptReading.objects.get()
    assert (kept.extension, kept.refusal) == (".pdf", [])


def test_refusal_is_kept_so_the_same_file_is_not_read_again(
    as_france: Client, open_meeting: Meeting, reads: list[str]
) -> None:
    data = hostile.many_paragraphs(MAX_PARAGRAPHS + 1)
    upload(as_france, open_meeting, "a.docx", data)
    upload(as_france, open_meeting, "b.docx", data)
    assert reads == ["a.docx"]
    assert list(RefusedSubmission.objects.values_list("code", flat=True)) == ["too_long"] * 2


def test_file_stopped_at_the_budget_is_read_again_next_time(
    reads: list[str], monkeypatch: pytest.MonkeyPatch, open_meeting: Meeting
) -> None:
    # A busy machine could make a normal file miss its budget: that refusal is not kept.
    def slow(data: bytes, filename: str) -> Reading:
        reads.append(filename)
        return read_file(data, filename, seconds=0.2)

    monkeypatch.setattr(reading, "read_file", slow)
    data = hostile.nested_forms(8, 10)
    for _ in range(2):
        with pytest.raises(SubmissionRefused):
            pipeline.read(
                open_meeting, Received(data=data, name="s.pdf", pasted=False, heading="x")
            )
    assert reads == ["s.pdf", "s.pdf"]
    assert not KeptReading.objects.exists()


@pytest.fixture
def france_contact(open_meeting: Meeting, tmp_path: Path) -> Iterator[EntityContact]:
    with override_settings(INTAKE_MAIL_DIR=tmp_path / "mail"):
        yield EntityContact.objects.create(
            entity=Entity.objects.get(code="FRA"), email="mission@france.example"
        )


@pytest.mark.parametrize("name", ["nested_forms.pdf", "paragraphs.docx"])
def test_crafted_attachment_is_refused_and_the_mail_kept(
    name: str,
    france_contact: EntityContact,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    build, code = HOSTILE[name]
    raw = message(body="Please find our statement attached.", attachments=((name, build()),))
    inbound = stored(raw)
    with django_capture_on_commit_callbacks(execute=True):
        assert process_message(inbound.pk) == MessageState.REJECTED
    refused = RefusedSubmission.objects.get()
    assert (refused.code, refused.channel) == (code, "email")
    with refused.original.open("rb") as handle:
        assert handle.read() == raw
    inbound.refresh_from_db()
    assert inbound.detail == refused.reason

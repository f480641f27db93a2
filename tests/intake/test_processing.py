from __future__ import annotations

import io
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client, override_settings
from docx import Document

from opendebate.accounts.models import User
from opendebate.common.models import AuditEntry
from opendebate.entities.models import Entity, EntityContact
from opendebate.intake.enums import MessageState, TriageReason
from opendebate.intake.models import InboundMessage
from opendebate.intake.processing import process_message, process_pending, shard_of
from opendebate.intake.store import store_raw
from opendebate.meetings.models import Meeting
from opendebate.statements.models import StatementVersion
from tests.statements.conftest import ARABIC, ENGLISH, FRENCH

pytestmark = pytest.mark.django_db

ADDRESS = "dppa-scsb3@un.org"


@pytest.fixture(autouse=True)
def mail_store(tmp_path: Path) -> object:
    with override_settings(INTAKE_MAIL_DIR=tmp_path / "mail"):
        yield


@pytest.fixture
def france_contact(open_meeting: Meeting) -> EntityContact:
    return EntityContact.objects.create(
        entity=Entity.objects.get(code="FRA"), email="mission@france.example"
    )


def docx_bytes(text: str) -> bytes:
    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def message(
    *,
    sender: str = "mission@france.example",
    subject: str = "Déclaration de la France",
    body: str = FRENCH,
    attachments: tuple[tuple[str, bytes], ...] = (),
    message_id: str = "<m1@france.example>",
) -> bytes:
    mail_message = EmailMessage()
    mail_message["From"] = sender
    mail_message["To"] = ADDRESS
    mail_message["Subject"] = subject
    mail_message["Message-ID"] = message_id
    mail_message.set_content(body)
    for name, data in attachments:
        maintype, subtype = (
            "application",
            "vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        if name.endswith(".pdf"):
            subtype = "pdf"
        if name == "winmail.dat":
            subtype = "ms-tnef"
        mail_message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return mail_message.as_bytes()


def stored(raw: bytes, envelope_from: str = "mission@france.example") -> InboundMessage:
    return store_raw(raw, source="smtp", envelope_from=envelope_from, recipients=[ADDRESS])


def test_known_sender_body_becomes_a_statement(
    france_contact: EntityContact, django_capture_on_commit_callbacks: object
) -> None:
    inbound = stored(message())
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        assert process_message(inbound.pk) == MessageState.ACCEPTED
    version = StatementVersion.objects.get()
    assert (version.channel, version.language, version.statement.entity.code) == (
        "email",
        "fr",
        "FRA",
    )
    assert version.heading == "Déclaration de la France"
    inbound.refresh_from_db()
    assert inbound.version == version
    receipt = mail.outbox[0]
    assert receipt.to == ["mission@france.example"]
    assert "Accusé de réception" in receipt.subject or version.receipt.reference in receipt.subject


def test_attachment_is_the_statement(france_contact: EntityContact) -> None:
    inbound = stored(
        message(
            body="Veuillez trouver ci-joint notre déclaration.",
            attachments=(("déclaration.docx", docx_bytes(ENGLISH)),),
        )
    )
    assert process_message(inbound.pk) == MessageState.ACCEPTED
    version = StatementVersion.objects.get()
    assert (version.original_name, version.language) == ("déclaration.docx", "en")


def test_processing_twice_changes_nothing(france_contact: EntityContact) -> None:
    inbound = stored(message())
    process_message(inbound.pk)
    assert process_message(inbound.pk) == MessageState.ACCEPTED
    assert StatementVersion.objects.count() == 1


def test_same_bytes_twice_are_one_message(france_contact: EntityContact) -> None:
    raw = message()
    assert stored(raw) == stored(raw)
    assert InboundMessage.objects.count() == 1


def test_same_message_id_is_a_duplicate(france_contact: EntityContact) -> None:
    first = stored(message())
    process_message(first.pk)
    resent = stored(message(subject="Déclaration de la France (renvoi)"))
    assert process_message(resent.pk) == MessageState.DUPLICATE
    resent.refresh_from_db()
    assert resent.duplicate_of == first
    assert StatementVersion.objects.count() == 1


def test_unknown_sender_waits_for_triage(open_meeting: Meeting) -> None:
    inbound = stored(
        message(sender="someone@unknown.example"), envelope_from="someone@unknown.example"
    )
    assert process_message(inbound.pk) == MessageState.TRIAGE
    inbound.refresh_from_db()
    assert inbound.triage_reason == TriageReason.UNKNOWN_SENDER
    assert inbound.meeting == open_meeting


def test_several_attachments_wait_for_triage(france_contact: EntityContact) -> None:
    raw = message(attachments=(("a.docx", docx_bytes(ENGLISH)), ("b.docx", docx_bytes(FRENCH))))
    inbound = stored(raw)
    assert process_message(inbound.pk) == MessageState.TRIAGE
    inbound.refresh_from_db()
    assert inbound.triage_reason == TriageReason.SEVERAL_ATTACHMENTS


def test_winmail_dat_is_answered_with_what_to_do(
    france_contact: EntityContact, django_capture_on_commit_callbacks: object
) -> None:
    inbound = stored(message(attachments=(("winmail.dat", b"\x78\x9f\x3e\x22" + b"\x00" * 64),)))
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        assert process_message(inbound.pk) == MessageState.REJECTED
    assert "winmail.dat" in mail.outbox[0].body
    assert StatementVersion.objects.count() == 0


def test_refused_content_is_explained_in_the_message_language(
    france_contact: EntityContact, django_capture_on_commit_callbacks: object
) -> None:
    raw = message(subject="بيان", body=ARABIC, attachments=(("بيان.docx", b"PK\x03\x04broken"),))
    inbound = stored(raw)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        assert process_message(inbound.pk) == MessageState.REJECTED
    reply = mail.outbox[0]
    assert reply.to == ["mission@france.example"]
    assert "لم يتسن قبول" in reply.body or "بيان" in reply.subject
    assert StatementVersion.objects.count() == 0


def test_envelope_sender_that_differs_is_flagged(france_contact: EntityContact) -> None:
    inbound = stored(message(), envelope_from="bounce@relay.example")
    process_message(inbound.pk)
    inbound.refresh_from_db()
    assert inbound.envelope_mismatch


def test_process_pending_takes_every_waiting_message(france_contact: EntityContact) -> None:
    for index in range(3):
        stored(message(message_id=f"<m{index}@france.example>", body=f"{FRENCH} ({index})"))
    assert process_pending() == 3
    assert set(InboundMessage.objects.values_list("state", flat=True)) == {"accepted"}
    assert StatementVersion.objects.count() == 3


def test_triage_assigns_and_rejects(
    as_secretariat: Client,
    secretariat: User,
    open_meeting: Meeting,
    django_capture_on_commit_callbacks: object,
) -> None:
    unknown = stored(
        message(sender="new@france.example", message_id="<u1@x>"),
        envelope_from="new@france.example",
    )
    other = stored(
        message(sender="spam@nowhere.example", message_id="<u2@x>"),
        envelope_from="spam@nowhere.example",
    )
    process_pending()
    inbox = as_secretariat.get("/intake/").content.decode()
    assert "new@france.example" in inbox
    assert "spam@nowhere.example" in inbox
    response = as_secretariat.post(
        f"/intake/{unknown.pk}/",
        {"assign": "1", "entity": "FRA", "meeting": open_meeting.pk, "attachment": ""},
    )
    assert response.status_code == 302
    unknown.refresh_from_db()
    assert unknown.state == MessageState.ACCEPTED
    assert unknown.version is not None
    assert unknown.version.submitted_by == secretariat
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        as_secretariat.post(
            f"/intake/{other.pk}/", {"reject": "1", "reason": "Not from a delegation."}
        )
    other.refresh_from_db()
    assert other.state == MessageState.REJECTED
    assert mail.outbox[-1].to == ["spam@nowhere.example"]
    assert "Not from a delegation." in mail.outbox[-1].body
    assert AuditEntry.objects.filter(action__in=["intake.assigned", "intake.rejected"]).count() == 2


def test_triage_is_refused_to_delegations(
    as_france: Client, france: User, open_meeting: Meeting
) -> None:
    held = stored(message(sender="x@unknown.example"), envelope_from="x@unknown.example")
    process_pending()
    assert as_france.get("/intake/").status_code == 403
    assert as_france.get(f"/intake/{held.pk}/").status_code == 403
    assert as_france.post(f"/intake/{held.pk}/", {"reject": "1", "reason": "x"}).status_code == 403
    assert AuditEntry.objects.filter(action="access.refused", actor=france).count() == 3


def test_triage_is_refused_to_the_presidency(as_presidency: Client, open_meeting: Meeting) -> None:
    assert as_presidency.get("/intake/").status_code == 403


def test_sharded_processors_split_by_sender_and_keep_each_senders_order(
    france_contact: EntityContact,
) -> None:
    canada = EntityContact.objects.create(
        entity=Entity.objects.get(code="CAN"), email="mission@canada.example"
    )
    senders = [france_contact.email, canada.email]
    assert shard_of(senders[0], 2) != shard_of(senders[1], 2)  # the sample covers both shards
    for index in range(6):
        sender = senders[index % 2]
        raw = message(sender=sender, message_id=f"<s{index}@x.example>", body=f"{FRENCH} ({index})")
        stored(raw, envelope_from=sender)
    # The second processor runs first: each sender's versions still follow arrival order.
    done = [process_pending(shard=1, shards=2), process_pending(shard=0, shards=2)]
    assert done == [3, 3]
    assert set(InboundMessage.objects.values_list("state", flat=True)) == {"accepted"}
    for contact in (france_contact, canada):
        versions = StatementVersion.objects.filter(statement__entity=contact.entity)
        arrivals = [v.received_at for v in versions.order_by("number")]
        assert arrivals == sorted(arrivals)


def test_meeting_found_by_subject_tag_when_the_address_is_shared(
    france_contact: EntityContact, open_meeting: Meeting
) -> None:
    other = Meeting.objects.get(pk=open_meeting.pk)
    other.pk = None
    other.letter_symbol = "S/2020/999"
    other.save()
    ambiguous = stored(message(message_id="<t1@france.example>"))
    assert process_message(ambiguous.pk) == MessageState.TRIAGE
    tagged = stored(message(subject="[S/2020/999] Déclaration", message_id="<t2@france.example>"))
    assert process_message(tagged.pk) == MessageState.ACCEPTED
    tagged.refresh_from_db()
    assert tagged.meeting == other


def test_recipient_address_matches_whatever_its_case(france_contact: EntityContact) -> None:
    raw = message().replace(ADDRESS.encode(), ADDRESS.upper().encode())
    inbound = store_raw(
        raw, source="smtp", envelope_from="mission@france.example", recipients=[ADDRESS.upper()]
    )
    assert process_message(inbound.pk) == MessageState.ACCEPTED

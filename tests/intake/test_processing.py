from __future__ import annotations

import datetime
import io
import ipaddress
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.core import mail
from django.db import OperationalError
from django.test import Client, override_settings
from django.utils import timezone
from docx import Document
from pytest_django import DjangoCaptureOnCommitCallbacks

from opendebate.accounts.models import User
from opendebate.common.models import AuditEntry
from opendebate.entities.models import Entity, EntityContact
from opendebate.intake import processing
from opendebate.intake.enums import MessageState, SenderCheck, TriageReason
from opendebate.intake.models import InboundMessage
from opendebate.intake.parsing import MAX_DEPTH, feed
from opendebate.intake.processing import process_message, process_pending, shard_of
from opendebate.intake.store import store_raw
from opendebate.meetings.models import Meeting
from opendebate.statements import services as statement_services
from opendebate.statements.models import StatementVersion
from opendebate.statements.notifications import send_pending_receipts
from opendebate.statements.services import Submission
from tests.intake.mail import (
    DOCX,
    base64_lines,
    encoded_words,
    fixture,
    nested_message,
    wire,
)
from tests.statements.conftest import ARABIC, CHINESE, ENGLISH, FRENCH

pytestmark = pytest.mark.django_db

ADDRESS = "dppa-scsb3@un.org"


RELAY = "127.0.0.1"  # the trusted relay of these tests
OUTSIDER = "203.0.113.7"  # an SMTP client nobody trusts
WINMAIL_DAT = ("winmail.dat", b"\x78\x9f\x3e\x22" + b"\x00" * 64)


@pytest.fixture(autouse=True)
def mail_store(tmp_path: Path) -> object:
    with override_settings(
        INTAKE_MAIL_DIR=tmp_path / "mail",
        INTAKE_TRUSTED_RELAYS=[ipaddress.ip_network(RELAY)],
        INTAKE_TRUSTED_AUTHSERV_IDS=["mx.un.example"],
    ):
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


def stored(
    raw: bytes, envelope_from: str = "mission@france.example", peer: str | None = RELAY
) -> InboundMessage:
    return store_raw(
        raw, source="smtp", envelope_from=envelope_from, recipients=[ADDRESS], peer=peer
    )


def test_known_sender_body_becomes_a_statement(france_contact: EntityContact) -> None:
    inbound = stored(message())
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
    assert send_pending_receipts() == 1
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
    france_contact: EntityContact,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    inbound = stored(message(attachments=(WINMAIL_DAT,)))
    with django_capture_on_commit_callbacks(execute=True):
        assert process_message(inbound.pk) == MessageState.REJECTED
    assert "winmail.dat" in mail.outbox[0].body
    assert StatementVersion.objects.count() == 0


def test_refused_content_is_explained_in_the_message_language(
    france_contact: EntityContact,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    raw = message(subject="بيان", body=ARABIC, attachments=(("بيان.docx", b"PK\x03\x04broken"),))
    inbound = stored(raw)
    with django_capture_on_commit_callbacks(execute=True):
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


def assign_to_france(client: Client, held: InboundMessage, meeting: Meeting) -> int:
    """The triage form's answer (its status code) to "submit as France's statement"."""
    return client.post(
        f"/intake/{held.pk}/",
        {"assign": "1", "entity": "FRA", "meeting": meeting.pk, "attachment": ""},
    ).status_code


def test_triage_assigns_and_rejects(
    as_secretariat: Client,
    secretariat: User,
    open_meeting: Meeting,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
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
    assert assign_to_france(as_secretariat, unknown, open_meeting) == 302
    unknown.refresh_from_db()
    assert unknown.state == MessageState.ACCEPTED
    assert unknown.version is not None
    assert unknown.version.submitted_by == secretariat
    with django_capture_on_commit_callbacks(execute=True):
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
        raw,
        source="smtp",
        envelope_from="mission@france.example",
        recipients=[ADDRESS.upper()],
        peer=RELAY,
    )
    assert process_message(inbound.pk) == MessageState.ACCEPTED


# --- Attribution: the From address is believed only when something trusted vouches for it ---


def test_forged_from_with_another_envelope_sender_waits_for_triage(
    france_contact: EntityContact,
    as_secretariat: Client,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    """The attack: France's contact address in From, the attacker's own envelope sender."""
    inbound = stored(message(), envelope_from="attacker@evil.example")
    with django_capture_on_commit_callbacks(execute=True):
        assert process_message(inbound.pk) == MessageState.TRIAGE
    inbound.refresh_from_db()
    assert (inbound.triage_reason, inbound.sender_check) == (
        TriageReason.UNVERIFIED_SENDER,
        SenderCheck.ENVELOPE_DIFFERS,
    )
    assert inbound.entity == france_contact.entity
    assert StatementVersion.objects.count() == 0
    assert mail.outbox == []
    page = as_secretariat.get(f"/intake/{inbound.pk}/").content.decode()
    assert "Not verified: received from a trusted relay, but the envelope sender differs" in page
    assert "The sender&#x27;s address could not be verified" in page


def test_forged_from_from_an_untrusted_client_waits_for_triage(
    france_contact: EntityContact,
) -> None:
    inbound = stored(message(), peer=OUTSIDER)  # envelope and From agree: both are forged
    assert process_message(inbound.pk) == MessageState.TRIAGE
    inbound.refresh_from_db()
    assert (inbound.triage_reason, inbound.sender_check) == (
        TriageReason.UNVERIFIED_SENDER,
        SenderCheck.UNAUTHENTICATED,
    )
    assert StatementVersion.objects.count() == 0


def test_forged_authentication_results_below_the_trusted_server_are_ignored(
    france_contact: EntityContact,
) -> None:
    forged = "Authentication-Results: mx.un.example; dmarc=pass header.from=france.example\n"
    genuine = "Authentication-Results: mx.un.example; dmarc=none header.from=france.example\n"
    raw = (genuine + forged).encode() + message()
    inbound = stored(raw, envelope_from="attacker@evil.example", peer=OUTSIDER)
    assert process_message(inbound.pk) == MessageState.TRIAGE
    inbound.refresh_from_db()
    assert inbound.sender_check == SenderCheck.NOT_ALIGNED


def test_dmarc_pass_from_the_trusted_server_is_accepted_from_any_client(
    france_contact: EntityContact,
) -> None:
    header = "Authentication-Results: mx.un.example; dmarc=pass header.from=france.example\n"
    inbound = stored(header.encode() + message(), envelope_from="bounce@esp.example", peer=None)
    assert process_message(inbound.pk) == MessageState.ACCEPTED
    inbound.refresh_from_db()
    assert inbound.sender_check == SenderCheck.DMARC


# --- Backscatter: no automatic reply to a sender that is not a verified contact ------------


def held_unanswered(
    inbound: InboundMessage, capture: DjangoCaptureOnCommitCallbacks
) -> InboundMessage:
    """`inbound` after processing: held for triage, and nobody mailed."""
    with capture(execute=True):
        assert process_message(inbound.pk) == MessageState.TRIAGE
    assert mail.outbox == []
    inbound.refresh_from_db()
    return inbound


def test_forged_winmail_dat_is_not_answered_and_triage_shows_the_reply(
    france_contact: EntityContact,
    as_secretariat: Client,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    """The attack: a TNEF message in the name of an innocent contact, to make us mail it."""
    raw = message(attachments=(WINMAIL_DAT,))
    inbound = held_unanswered(
        stored(raw, envelope_from="attacker@evil.example"), django_capture_on_commit_callbacks
    )
    assert inbound.triage_reason == TriageReason.UNVERIFIED_SENDER
    assert "winmail.dat" in inbound.unsent_reply
    page = as_secretariat.get(f"/intake/{inbound.pk}/").content.decode()
    assert "Reply not sent" in page
    assert "Votre message comporte une pièce jointe winmail.dat" in page  # its language


@pytest.mark.parametrize(
    ("subject", "body", "expected"),
    [
        pytest.param("بيان", ARABIC, "تتضمن رسالتك مرفقا باسم winmail.dat", id="ar"),
        pytest.param("发言", CHINESE, "您的邮件带有 winmail.dat 附件", id="zh"),
    ],
)
def test_winmail_dat_from_an_unknown_address_is_not_answered(
    open_meeting: Meeting,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    subject: str,
    body: str,
    expected: str,
) -> None:
    raw = message(
        sender="innocent@bystander.example",
        subject=subject,
        body=body,
        attachments=(WINMAIL_DAT,),
    )
    inbound = held_unanswered(
        stored(raw, envelope_from="innocent@bystander.example"), django_capture_on_commit_callbacks
    )
    assert inbound.triage_reason == TriageReason.UNKNOWN_SENDER
    assert expected in inbound.unsent_reply
    assert subject in inbound.unsent_reply


def test_refused_statement_of_an_unverified_sender_is_not_answered(
    france_contact: EntityContact,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    raw = message(attachments=(("déclaration.docx", b"PK\x03\x04broken"),))
    inbound = held_unanswered(stored(raw, peer=OUTSIDER), django_capture_on_commit_callbacks)
    assert inbound.triage_reason == TriageReason.UNVERIFIED_SENDER


# --- Deeply nested mail: a refusal that says so --------------------------------------------


@pytest.fixture
def nesting_contact(open_meeting: Meeting) -> EntityContact:
    return EntityContact.objects.create(
        entity=Entity.objects.get(code="FRA"), email="nest@example.org"
    )


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(fixture("deeply_nested.eml"), id="past the depth read"),
        pytest.param(wire(nested_message(1500)), id="past the parser's recursion"),
    ],
)
def test_deeply_nested_message_is_refused_as_too_deep(
    nesting_contact: EntityContact,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    monkeypatch: pytest.MonkeyPatch,
    raw: bytes,
) -> None:
    # Two parts a level: with the part limit, the parser would stop long before its recursion.
    monkeypatch.setattr(feed, "MAX_PARSED_PARTS", 100_000)
    inbound = stored(raw, envelope_from="nest@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assert process_message(inbound.pk) == MessageState.REJECTED
    reply = mail.outbox[0]
    assert reply.to == ["nest@example.org"]
    assert "Your message is nested too deeply" in reply.body
    assert "attached directly to a new message" in reply.body
    assert "empty" not in reply.body
    assert StatementVersion.objects.count() == 0


def test_deeply_nested_message_with_a_readable_attachment_is_accepted(
    nesting_contact: EntityContact,
) -> None:
    deep = nested_message(MAX_DEPTH + 2)
    head, _, rest = deep.partition("MIME-Version: 1.0\n")
    docx = base64_lines(docx_bytes(ENGLISH))
    outer = (
        f'{head}MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="top"\n\n--top\n'
        f'{rest}--top\nContent-Type: {DOCX}; name="statement.docx"\n'
        f"Content-Transfer-Encoding: base64\n\n{docx}\n--top--\n"
    )
    inbound = stored(wire(outer), envelope_from="nest@example.org")
    assert process_message(inbound.pk) == MessageState.ACCEPTED
    assert StatementVersion.objects.get().original_name == "statement.docx"


# --- A message whose processing raises never holds up the others ---------------------------


def poison_prepare(monkeypatch: pytest.MonkeyPatch) -> None:
    """Processing raises for every statement that says "poison", as a bug would."""
    real = statement_services.prepare_statement

    def prepare(
        *, meeting: Meeting, submission: Submission, written: bool = True
    ) -> statement_services.Prepared:
        if "poison" in submission.content.text:
            raise KeyError("a bug met by this message")
        return real(meeting=meeting, submission=submission, written=written)

    monkeypatch.setattr(statement_services, "prepare_statement", prepare)


def test_message_that_always_raises_is_retried_with_backoff_then_failed(
    france_contact: EntityContact,
    as_secretariat: Client,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    poison_prepare(monkeypatch)
    poison = stored(
        message(subject="poison", body=f"{FRENCH} poison", message_id="<p@france.example>")
    )
    for index in range(3):  # the same sender: the same shard, behind the poison
        stored(message(message_id=f"<ok{index}@france.example>", body=f"{FRENCH} ({index})"))
    with override_settings(INTAKE_MAX_ATTEMPTS=3, INTAKE_RETRY_SECONDS=60):
        assert process_pending(shard=shard_of("mission@france.example", 2), shards=2) == 4
        assert StatementVersion.objects.count() == 3
        poison.refresh_from_db()
        assert (poison.state, poison.attempts) == (MessageState.RECEIVED, 1)
        assert poison.detail == "KeyError: 'a bug met by this message'"
        assert (poison.from_address, poison.subject) == ("mission@france.example", "poison")
        first_delay = poison.next_attempt_at - timezone.now()  # type: ignore[operator]
        assert 55 < first_delay.total_seconds() <= 60
        assert process_pending() == 0  # not before its time
        delays = []
        for _attempt in (2, 3):
            InboundMessage.objects.filter(pk=poison.pk).update(
                next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
            )
            assert process_pending() == 1
            poison.refresh_from_db()
            if poison.next_attempt_at:
                delays.append(round((poison.next_attempt_at - timezone.now()).total_seconds()))
    assert delays[0] in (119, 120)  # doubled
    assert (poison.state, poison.attempts) == (MessageState.FAILED, 3)
    inbox = as_secretariat.get("/intake/").content.decode()
    assert f"/intake/{poison.pk}/" in inbox
    page = as_secretariat.get(f"/intake/{poison.pk}/").content.decode()
    assert "KeyError: &#x27;a bug met by this message&#x27;" in page
    response = as_secretariat.post(f"/intake/{poison.pk}/", {"retry": "1"})
    assert response.status_code == 302
    poison.refresh_from_db()
    assert (poison.state, poison.attempts, poison.next_attempt_at) == (
        MessageState.RECEIVED,
        0,
        None,
    )
    assert AuditEntry.objects.filter(action="intake.retried").count() == 1


def test_failed_message_can_be_assigned_from_triage(
    france_contact: EntityContact, as_secretariat: Client, open_meeting: Meeting
) -> None:
    poison = stored(message(subject="poison"))
    with override_settings(INTAKE_MAX_ATTEMPTS=1):
        processing.record_failure(poison.pk, RuntimeError("boom"))
    poison.refresh_from_db()
    assert poison.state == MessageState.FAILED
    assert assign_to_france(as_secretariat, poison, open_meeting) == 302
    poison.refresh_from_db()
    assert poison.state == MessageState.ACCEPTED


def test_database_errors_are_not_counted_against_the_message(
    france_contact: EntityContact, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbound = stored(message())

    def away(message_id: int) -> MessageState:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(processing, "process_message", away)
    with pytest.raises(OperationalError):
        process_pending()
    inbound.refresh_from_db()
    assert (inbound.state, inbound.attempts, inbound.next_attempt_at) == (
        MessageState.RECEIVED,
        0,
        None,
    )


def test_retry_is_refused_to_delegations(as_france: Client, france_contact: EntityContact) -> None:
    inbound = stored(message())
    with override_settings(INTAKE_MAX_ATTEMPTS=1):
        processing.record_failure(inbound.pk, RuntimeError("boom"))
    assert as_france.post(f"/intake/{inbound.pk}/", {"retry": "1"}).status_code == 403
    inbound.refresh_from_db()
    assert inbound.state == MessageState.FAILED


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        pytest.param(ARABIC, "رسالتك متداخلة بعمق شديد", id="ar"),
        pytest.param(CHINESE, "您的邮件嵌套层级过深", id="zh"),
    ],
)
def test_too_deep_refusal_is_in_the_message_language(
    nesting_contact: EntityContact,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    monkeypatch: pytest.MonkeyPatch,
    subject: str,
    expected: str,
) -> None:
    monkeypatch.setattr(feed, "MAX_PARSED_PARTS", 100_000)
    raw = nested_message(1500).replace("Subject: Nested", f"Subject: {encoded_words(subject)}")
    inbound = stored(wire(raw), envelope_from="nest@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assert process_message(inbound.pk) == MessageState.REJECTED
    assert expected in mail.outbox[0].body

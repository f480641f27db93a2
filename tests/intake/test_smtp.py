"""A real SMTP conversation with the running listener, with smtplib and with swaks."""

from __future__ import annotations

import errno
import ipaddress
import smtplib
import socket
import subprocess
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.test import override_settings

from opendebate.entities.models import Entity, EntityContact
from opendebate.intake import smtp
from opendebate.intake.enums import MessageState, SenderCheck, TriageReason
from opendebate.intake.models import InboundMessage
from opendebate.intake.processing import process_pending
from opendebate.intake.smtp import IntakeHandler, make_controller, stop_controller
from opendebate.intake.store import raw_path, store_raw
from opendebate.meetings.models import Meeting
from opendebate.statements.models import StatementVersion
from opendebate.statements.notifications import send_pending_receipts
from tests.tools import system_tool

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

ADDRESS = "dppa-scsb3@un.org"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def listener(tmp_path: Path, open_meeting: Meeting) -> Iterator[int]:
    port = free_port()
    with override_settings(INTAKE_MAIL_DIR=tmp_path / "mail", INTAKE_MAX_MESSAGE_BYTES=200_000):
        controller = make_controller("127.0.0.1", port, IntakeHandler())
        controller.start()
        try:
            yield port
        finally:
            stop_controller(controller)


def statement_mail(sender: str = "mission@france.example") -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ADDRESS
    message["Subject"] = "Statement by France"
    message["Message-ID"] = "<statement-1@france.example>"
    message.set_content(
        "La France salue la coopération entre les Nations Unies et la Francophonie."
    )
    return message


def test_smtplib_message_is_stored_before_250(listener: int) -> None:
    with smtplib.SMTP("127.0.0.1", listener) as client:
        refused = client.send_message(statement_mail())
    assert refused == {}
    message = InboundMessage.objects.get()
    assert (message.source, message.envelope_from, message.recipients) == (
        "smtp",
        "mission@france.example",
        [ADDRESS],
    )
    assert raw_path(message.sha256).read_bytes().startswith(b"From: mission@france.example")


def test_two_messages_are_stored_at_once(listener: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Storage waits for the disk and the database; a second conversation does not wait for
    the first one's. Each storage here waits for the other to start: one at a time, the first
    would give up (451) before the second began."""
    both, one_by_one = threading.Barrier(2, timeout=10), threading.Lock()

    def store_when_both_arrived(raw: bytes, **fields: Any) -> InboundMessage:
        both.wait()
        with one_by_one:  # the tests' in-memory SQLite takes one writing thread at a time
            return store_raw(raw, **fields)

    monkeypatch.setattr(smtp, "store_raw", store_when_both_arrived)
    mails = [statement_mail(), statement_mail("mission@canada.example")]
    del mails[1]["Message-ID"]

    def deliver(message: EmailMessage) -> dict[str, tuple[int, bytes]]:
        with smtplib.SMTP("127.0.0.1", listener) as client:
            return client.send_message(message)

    with ThreadPoolExecutor(2) as clients:
        assert list(clients.map(deliver, mails)) == [{}, {}]
    assert InboundMessage.objects.count() == 2


def test_unknown_recipient_is_refused_at_rcpt(listener: int) -> None:
    with smtplib.SMTP("127.0.0.1", listener) as client:
        client.ehlo()
        client.mail("mission@france.example")
        code, reply = client.rcpt("someone-else@un.org")
    assert code == 550
    assert b"not an address for written statements" in reply
    assert InboundMessage.objects.count() == 0


def test_message_over_the_size_limit_gets_552(listener: int) -> None:
    big = statement_mail()
    big.add_attachment(b"x" * 300_000, maintype="application", subtype="pdf", filename="big.pdf")
    # smtplib declares SIZE, so the refusal comes at MAIL FROM; a client that does not gets it
    # after DATA. Either way the answer is 552 and nothing is stored.
    with (
        smtplib.SMTP("127.0.0.1", listener) as client,
        pytest.raises(smtplib.SMTPSenderRefused) as declared,
    ):
        client.send_message(big)
    assert declared.value.smtp_code == 552
    with smtplib.SMTP("127.0.0.1", listener) as client:
        client.ehlo()
        client.esmtp_features.pop("size", None)
        with pytest.raises(smtplib.SMTPDataError) as undeclared:
            client.send_message(big)
    assert undeclared.value.smtp_code == 552
    assert InboundMessage.objects.count() == 0


def test_storage_failure_answers_451(listener: int, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("opendebate.intake.store.os.fsync", disk_full)
    with (
        smtplib.SMTP("127.0.0.1", listener) as client,
        pytest.raises(smtplib.SMTPDataError) as error,
    ):
        client.send_message(statement_mail())
    assert error.value.smtp_code == 451
    assert InboundMessage.objects.count() == 0


def swaks(port: int, *arguments: str) -> subprocess.CompletedProcess[str]:
    program = system_tool("swaks", "swaks")
    return subprocess.run(
        [
            program, "--server", "127.0.0.1", "--port", str(port), "--to", ADDRESS, *arguments,
            "--body", "Canada welcomes the cooperation between the United Nations and the OIF.",
        ],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_swaks_conversation(listener: int) -> None:
    result = swaks(
        listener, "--from", "mission@canada.example", "--header", "Subject: Statement by Canada"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "250 2.0.0 Stored as" in result.stdout
    assert InboundMessage.objects.get().envelope_from == "mission@canada.example"


# --- Attacks over SMTP: a forged From, and backscatter through a forged winmail.dat ---------

CANADA = "delegate@canada.opendebate.example"
LOOPBACK = [ipaddress.ip_network("127.0.0.1"), ipaddress.ip_network("::1")]


@pytest.fixture
def canada_contact(open_meeting: Meeting) -> EntityContact:
    return EntityContact.objects.create(entity=Entity.objects.get(code="CAN"), email=CANADA)


def send(mail: EmailMessage, port: int, envelope_from: str) -> None:
    with smtplib.SMTP("127.0.0.1", port) as client:
        assert client.send_message(mail, from_addr=envelope_from) == {}


@pytest.mark.parametrize(
    ("relays", "envelope_from", "state", "check"),
    [
        pytest.param(
            LOOPBACK,
            "attacker@evil.example",
            MessageState.TRIAGE,
            SenderCheck.ENVELOPE_DIFFERS,
            id="the attack: Canada's From, another envelope sender",
        ),
        pytest.param(
            LOOPBACK, CANADA, MessageState.ACCEPTED, SenderCheck.RELAY, id="trusted relay"
        ),
        pytest.param(
            [],
            CANADA,
            MessageState.TRIAGE,
            SenderCheck.UNAUTHENTICATED,
            id="production's default: no relay trusted, envelope and From both forged",
        ),
    ],
)
def test_from_address_is_canadas_only_when_vouched_for(
    listener: int,
    canada_contact: EntityContact,
    relays: list[object],
    envelope_from: str,
    state: MessageState,
    check: SenderCheck,
) -> None:
    with override_settings(INTAKE_TRUSTED_RELAYS=relays):
        send(statement_mail(CANADA), listener, envelope_from)
        assert process_pending() == 1
    message = InboundMessage.objects.get()
    assert (message.peer, message.state, message.sender_check) == ("127.0.0.1", state, check)
    accepted = state == MessageState.ACCEPTED
    assert StatementVersion.objects.filter(statement__entity__code="CAN").count() == accepted
    assert message.triage_reason == ("" if accepted else TriageReason.UNVERIFIED_SENDER)
    assert send_pending_receipts() == accepted
    assert [sent.to for sent in mail.outbox] == ([[CANADA]] if accepted else [])


@override_settings(INTAKE_TRUSTED_RELAYS=LOOPBACK)
def test_swaks_forged_from_is_not_canadas(listener: int, canada_contact: EntityContact) -> None:
    result = swaks(
        listener,
        "--from", "attacker@evil.example", "--header", f"From: Canada <{CANADA}>",
        "--header", "Subject: Statement by Canada",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    process_pending()
    message = InboundMessage.objects.get()
    assert (message.state, message.sender_check) == (
        MessageState.TRIAGE,
        SenderCheck.ENVELOPE_DIFFERS,
    )
    assert StatementVersion.objects.count() == 0


@override_settings(INTAKE_TRUSTED_RELAYS=[])
def test_forged_winmail_dat_mails_nobody(listener: int, canada_contact: EntityContact) -> None:
    forged = statement_mail(CANADA)
    forged.add_attachment(
        b"\x78\x9f\x3e\x22" + b"\x00" * 64,
        maintype="application",
        subtype="ms-tnef",
        filename="winmail.dat",
    )
    send(forged, listener, CANADA)
    process_pending()
    message = InboundMessage.objects.get()
    assert message.state == MessageState.TRIAGE
    assert "winmail.dat" in message.unsent_reply
    assert mail.outbox == []

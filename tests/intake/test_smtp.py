"""A real SMTP conversation with the running listener, with smtplib and with swaks."""

from __future__ import annotations

import errno
import smtplib
import socket
import subprocess
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.test import override_settings

from opendebate.intake.models import InboundMessage
from opendebate.intake.smtp import IntakeHandler, make_controller, stop_controller
from opendebate.intake.store import raw_path
from opendebate.meetings.models import Meeting
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
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = ADDRESS
    mail["Subject"] = "Statement by France"
    mail["Message-ID"] = "<statement-1@france.example>"
    mail.set_content("La France salue la coopération entre les Nations Unies et la Francophonie.")
    return mail


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


def test_unknown_recipient_is_refused_at_rcpt(listener: int) -> None:
    with smtplib.SMTP("127.0.0.1", listener) as client:
        client.ehlo()
        client.mail("mission@france.example")
        code, reply = client.rcpt("someone-else@un.org")
    assert code == 550
    assert b"not an address for written statements" in reply
    assert InboundMessage.objects.count() == 0


def test_message_over_the_size_limit_gets_552(listener: int) -> None:
    mail = statement_mail()
    mail.add_attachment(b"x" * 300_000, maintype="application", subtype="pdf", filename="big.pdf")
    # smtplib declares SIZE, so the refusal comes at MAIL FROM; a client that does not gets it
    # after DATA. Either way the answer is 552 and nothing is stored.
    with (
        smtplib.SMTP("127.0.0.1", listener) as client,
        pytest.raises(smtplib.SMTPSenderRefused) as declared,
    ):
        client.send_message(mail)
    assert declared.value.smtp_code == 552
    with smtplib.SMTP("127.0.0.1", listener) as client:
        client.ehlo()
        client.esmtp_features.pop("size", None)
        with pytest.raises(smtplib.SMTPDataError) as undeclared:
            client.send_message(mail)
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


def test_swaks_conversation(listener: int) -> None:
    swaks = system_tool("swaks", "swaks")
    result = subprocess.run(
        [
            swaks,
            "--server", "127.0.0.1", "--port", str(listener),
            "--from", "mission@canada.example", "--to", ADDRESS,
            "--header", "Subject: Statement by Canada",
            "--body", "Canada welcomes the cooperation between the United Nations and the OIF.",
        ],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "250 2.0.0 Stored as" in result.stdout
    assert InboundMessage.objects.get().envelope_from == "mission@canada.example"

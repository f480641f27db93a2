from __future__ import annotations

from collections.abc import Sequence
from io import StringIO
from smtplib import SMTPRecipientsRefused

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from pytest_django import DjangoCaptureOnCommitCallbacks

from opendebate.accounts.models import User
from opendebate.entities.models import EntityContact
from opendebate.meetings.models import Meeting
from opendebate.statements.models import ReceiptMail
from opendebate.statements.notifications import send_pending_receipts
from tests.conftest import entity_of
from tests.statements.conftest import ENGLISH, FRENCH
from tests.statements.test_services import submit

pytestmark = pytest.mark.django_db

REFUSED = "refused@canada.example"


class RefusingBackend(EmailBackend):
    """A mail server that refuses one address, and takes every other message."""

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        for message in messages:
            if REFUSED in message.to:
                raise SMTPRecipientsRefused({REFUSED: (550, b"No such user")})
        return super().send_messages(messages)


def test_receipt_is_queued_in_the_transaction_and_not_mailed_by_it(
    france: User,
    open_meeting: Meeting,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        version = submit(france, open_meeting, ENGLISH)
    assert (callbacks, mail.outbox) == ([], [])
    queued = ReceiptMail.objects.get()
    assert (queued.receipt, queued.language) == (version.receipt, "")


def test_receipt_survives_a_crash_between_commit_and_mail(
    france: User,
    open_meeting: Meeting,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    # The process that committed dies at once: nothing it would have run after the commit runs.
    with django_capture_on_commit_callbacks(execute=False):
        version = submit(france, open_meeting, ENGLISH)
    assert send_pending_receipts() == 1  # another process, later
    assert [message.to for message in mail.outbox] == [["delegate@france.example"]]
    assert version.receipt.reference in mail.outbox[0].subject


def test_rolled_back_submission_queues_no_receipt(france: User, open_meeting: Meeting) -> None:
    with transaction.atomic():
        submit(france, open_meeting, ENGLISH)
        transaction.set_rollback(True)  # the submission's transaction fails after the receipt
    assert send_pending_receipts() == 0
    assert (ReceiptMail.objects.count(), mail.outbox) == (0, [])


def test_receipt_is_mailed_once(france: User, open_meeting: Meeting) -> None:
    submit(france, open_meeting, ENGLISH)
    submit(france, open_meeting, FRENCH)
    assert send_pending_receipts() == 2
    assert send_pending_receipts() == 0
    assert len(mail.outbox) == 2
    assert ReceiptMail.objects.count() == 0


def test_receipts_are_mailed_in_the_queued_language(france: User, open_meeting: Meeting) -> None:
    france.language = "fr"
    france.save()
    submit(france, open_meeting, ENGLISH)  # queued without a language: the submitter's
    assert send_pending_receipts() == 1
    assert mail.outbox[0].subject.startswith("Accusé de réception")


def test_refused_mail_stays_queued_and_the_others_go(
    france: User, canada: User, open_meeting: Meeting
) -> None:
    EntityContact.objects.create(entity=entity_of(canada), email=REFUSED)
    submit(canada, open_meeting, ENGLISH)
    submit(france, open_meeting, ENGLISH)
    with override_settings(EMAIL_BACKEND=f"{__name__}.RefusingBackend"):
        assert send_pending_receipts() == 1
    assert [message.to for message in mail.outbox] == [["delegate@france.example"]]
    assert ReceiptMail.objects.get().receipt.version.statement.entity == entity_of(canada)
    assert send_pending_receipts() == 1  # the mail server takes it now
    assert mail.outbox[-1].to == ["delegate@canada.example", REFUSED]


# The command manages its connection as a long-running process does: outside a test's
# transaction, after whose flush `open_meeting` (first) loads the registry again.
@pytest.mark.django_db(transaction=True)
def test_send_command_mails_what_waits(open_meeting: Meeting, france: User) -> None:
    submit(france, open_meeting, ENGLISH)
    out = StringIO()
    call_command("receipts", "send", "--once", stdout=out)
    assert out.getvalue() == "mailed 1 receipts\n"
    assert len(mail.outbox) == 1

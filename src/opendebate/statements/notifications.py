"""Receipts by e-mail to the delegation's contacts and to whoever submitted.

A submission does not mail its receipt: `queue_receipt` writes a `ReceiptMail` row in the
submission's transaction, and `send_pending_receipts` (run by `opendebate receipts send`, a
process of its own) renders and mails the queued receipts afterwards, many over one connection
to the mail server. The web request and the e-mail processor therefore neither render nor wait
for the mail server, and a receipt is never lost between the commit and the mail: the row is
committed with the version, and deleted only once its mail has been handed to the mail server.
A sender that dies between the two leaves the row, and that receipt is mailed again.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from opendebate.entities.queries import confirmed_contacts
from opendebate.statements.models import Receipt, ReceiptMail

logger = logging.getLogger(__name__)


def receipt_recipients(receipt: Receipt, contacts: list[str] | None = None) -> list[str]:
    """The entity's confirmed contacts (`contacts` when they have been read already) and the
    submitter."""
    version = receipt.version
    if contacts is None:
        contacts = [contact.email for contact in confirmed_contacts(version.statement.entity)]
    addresses = list(contacts)
    if version.submitted_by is not None:
        addresses.append(version.submitted_by.email)
    return sorted(set(addresses))


def queue_receipt(receipt: Receipt, language: str | None = None) -> None:
    """Queue the receipt's e-mail, in `language` or else the submitter's. Call inside the
    transaction that appends the receipt, so that both are committed or neither."""
    ReceiptMail.objects.create(receipt=receipt, language=language or "")


def receipt_email(
    receipt: Receipt, language: str | None = None, contacts: list[str] | None = None
) -> EmailMessage | None:
    """The receipt's e-mail in `language`, else the submitter's (English when neither is
    known); None when nobody is to receive it."""
    recipients = receipt_recipients(receipt, contacts)
    if not recipients:
        return None
    version = receipt.version
    language = language or (version.submitted_by.language if version.submitted_by else "en")
    with translation.override("zh-hans" if language == "zh" else language):
        context = {
            "receipt": receipt,
            "version": version,
            "meeting": version.statement.meeting,
            "entity": version.statement.entity,
            "link": settings.SITE_URL
            + reverse("statements:mine", args=[version.statement.meeting_id]),
        }
        return EmailMessage(
            subject=_("Receipt %(reference)s: written statement received")
            % {"reference": receipt.reference},
            body=render_to_string("statements/email/receipt.txt", context),
            to=recipients,
        )


def send_pending_receipts(limit: int = 100) -> int:
    """Mail up to `limit` queued receipts, oldest first, over one connection; returns how many
    were handled (mailed, or with nobody to mail).

    The rows are locked while their mail is sent, and other senders skip them (PostgreSQL), so
    several senders never mail one receipt twice; on SQLite run one sender. A receipt whose
    mail fails stays queued for the next call, and does not hold up the others.
    """
    with transaction.atomic():
        queued = list(
            ReceiptMail.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related(
                "receipt__version__statement__meeting",
                "receipt__version__statement__entity",
                "receipt__version__submitted_by",
            )
            # A version's text and blocks are its largest fields, and no receipt shows them.
            .defer("receipt__version__text", "receipt__version__blocks")
            .order_by("pk")[:limit]
        )
        if not queued:
            return 0
        contacts: dict[int, list[str]] = {}
        entities = {row.receipt.version.statement.entity_id for row in queued}
        for entity, address in (
            confirmed_contacts().filter(entity__in=entities).values_list("entity", "email")
        ):
            contacts.setdefault(entity, []).append(address)
        done = []
        with get_connection() as connection:
            for row in queued:
                entity = row.receipt.version.statement.entity_id
                try:
                    email = receipt_email(row.receipt, row.language, contacts.get(entity, []))
                    if email is not None:
                        email.connection = connection
                        email.send()
                except Exception:
                    # A mail server that refuses one message, or one that has gone away: the
                    # row stays, and the next call tries again.
                    logger.exception("mailing receipt %s failed", row.receipt.reference)
                else:
                    done.append(row.pk)
        ReceiptMail.objects.filter(pk__in=done).delete()
    return len(done)

"""Receipts by e-mail to the delegation's contacts and to whoever submitted."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from opendebate.entities.queries import confirmed_contacts
from opendebate.statements.models import Receipt


def receipt_recipients(receipt: Receipt) -> list[str]:
    version = receipt.version
    entity = version.statement.entity
    addresses = [contact.email for contact in confirmed_contacts(entity)]
    if version.submitted_by is not None:
        addresses.append(version.submitted_by.email)
    return sorted(set(addresses))


def send_receipt(receipt: Receipt, language: str | None = None) -> None:
    """E-mail the receipt in `language`, else the submitter's (English when neither is known)."""
    recipients = receipt_recipients(receipt)
    if not recipients:
        return
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
        send_mail(
            subject=_("Receipt %(reference)s: written statement received")
            % {"reference": receipt.reference},
            message=render_to_string("statements/email/receipt.txt", context),
            from_email=None,
            recipient_list=recipients,
        )

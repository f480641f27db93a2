"""Replies to senders whose mail could not become a statement, in the message's language."""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from opendebate.intake.models import InboundMessage


def _explanation(code: str, reason: str) -> str:
    if code == "tnef":
        return _(
            "Your message carries a winmail.dat attachment (Outlook's rich text format), which "
            "cannot be read. Send the statement again as an ordinary Word (.docx) or PDF "
            "attachment, or in the body of the message."
        )
    return reason


def send_rejection(message: InboundMessage, *, code: str, reason: str = "") -> None:
    """Tell the sender why the message was not accepted and what to do instead."""
    if not message.from_address:
        return
    language = message.language or "en"
    with translation.override("zh-hans" if language == "zh" else language):
        body = render_to_string(
            "intake/email/rejection.txt",
            {"message": message, "explanation": _explanation(code, reason)},
        )
        subject = _("Not accepted: %(subject)s") % {"subject": message.subject or _("your message")}
    send_mail(
        subject=subject[:200], message=body, from_email=None, recipient_list=[message.from_address]
    )

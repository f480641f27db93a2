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
    if code == "too_deep":
        return _(
            "Your message is nested too deeply (messages forwarded or attached inside one "
            "another) for its content to be read. Send the statement again as a Word (.docx) "
            "or PDF file attached directly to a new message, or in the body of the message."
        )
    return reason


def rejection(message: InboundMessage, *, code: str, reason: str = "") -> tuple[str, str]:
    """The subject and text telling the sender why the message was not accepted and what to
    do instead, in the message's language."""
    language = message.language or "en"
    with translation.override("zh-hans" if language == "zh" else language):
        body = render_to_string(
            "intake/email/rejection.txt",
            {"message": message, "explanation": _explanation(code, reason)},
        )
        subject = _("Not accepted: %(subject)s") % {"subject": message.subject or _("your message")}
    return subject[:200], body


def send_rejection(message: InboundMessage, *, code: str, reason: str = "") -> None:
    """Mail `rejection` to the sender. Only for a verified contact, or on the Secretariat's
    decision: anyone can write any From address, and a reply would go to its owner."""
    if not message.from_address:
        return
    subject, body = rejection(message, code=code, reason=reason)
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[message.from_address])

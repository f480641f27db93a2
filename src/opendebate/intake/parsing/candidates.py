"""Which attachments could be the written statement: see is_statement_attachment."""

from __future__ import annotations

from opendebate.intake.parsing.message import Attachment, ParsedMessage

STATEMENT_EXTENSIONS = (".docx", ".odt", ".pdf", ".txt")
STATEMENT_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.oasis.opendocument.text",
        "application/pdf",
    }
)
# What travels beside a statement and is never one, whatever its name says: signatures and
# encrypted envelopes (S/MIME, OpenPGP), Outlook's winmail.dat, calendar invitations.
_NEVER_TYPES = frozenset(
    {
        "application/pkcs7-signature",
        "application/x-pkcs7-signature",
        "application/pkcs7-mime",
        "application/x-pkcs7-mime",
        "application/pgp-signature",
        "application/pgp-encrypted",
        "application/ms-tnef",
        "application/vnd.ms-tnef",
        "text/calendar",
    }
)
_NEVER_EXTENSIONS = (".p7s", ".p7m", ".p7c", ".asc", ".sig", ".ics", ".vcs")


def is_statement_attachment(attachment: Attachment) -> bool:
    """A .docx, .odt, .pdf or .txt file by its name, or a document of one of those types by
    its content type (a name may lack the extension; clients label a .docx
    application/octet-stream). A named text/plain file counts only as .txt: clients label
    .csv, .vcf, .log and other files text/plain. Inline images, images, signatures,
    winmail.dat and invitations never count."""
    name = attachment.filename.lower()
    content_type = attachment.content_type
    if (
        attachment.inline
        or content_type.startswith("image/")
        or content_type in _NEVER_TYPES
        or name.endswith(_NEVER_EXTENSIONS)
        or name == "winmail.dat"
    ):
        return False
    return (
        name.endswith(STATEMENT_EXTENSIONS)
        or content_type in STATEMENT_TYPES
        or (content_type == "text/plain" and not name)
    )


def statement_candidates(message: ParsedMessage) -> tuple[Attachment, ...]:
    """The attachments of `message` itself that could be the statement, in message order;
    those of forwarded messages are the caller's to look at."""
    return tuple(
        attachment for attachment in message.attachments if is_statement_attachment(attachment)
    )

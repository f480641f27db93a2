"""What parsing gives its caller: a ParsedMessage and its Attachments, plain values only."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

# The methods a caller looks up; each is "" when the border MTA's header does not report it.
SUMMARY_METHODS = ("spf", "dkim", "dmarc")


def empty_summary() -> dict[str, str]:
    return dict.fromkeys(SUMMARY_METHODS, "")


@dataclass(frozen=True)
class Attachment:
    filename: str  # decoded (RFC 2231, RFC 2047), not yet made safe: see safe_filename
    content_type: str  # lower-case type/subtype as the sender declared it
    data: bytes = field(repr=False)  # a repr of megabytes helps nobody reading a failed test
    inline: bool = False  # an image of an HTML body (multipart/related), not something attached


@dataclass(frozen=True)
class ParsedMessage:
    """One e-mail message as far as it could be read. `problems` says what could not be, part
    by part ("part 2: base64 with wrong padding"); it is empty for a well-formed message."""

    message_id: str = ""  # without angle brackets
    date: datetime.datetime | None = None  # always aware (a "-0000" zone is read as UTC)
    from_address: str = ""  # lower-case addr-spec of the first From address
    from_name: str = ""
    reply_to: str = ""
    to: tuple[str, ...] = ()
    subject: str = ""
    several_from: bool = False  # more than one From header or address: whose is it?
    # Every Authentication-Results, unfolded, topmost first; which to believe is the caller's
    # to say (authentication.trusted_results).
    authentication_results: tuple[str, ...] = ()
    text: str = ""  # the body as plain text (from the HTML body when there is no plain one)
    html: str = ""  # the HTML body as sent, for a caller that wants its structure
    attachments: tuple[Attachment, ...] = ()
    forwarded: tuple[ParsedMessage, ...] = ()  # attached messages; their attachments stay there
    tnef: bool = False  # a winmail.dat (Outlook's own format) is attached
    too_deep: bool = False  # some content was nested too deeply to be read
    language_hint: str = ""  # the first Content-Language tag, e.g. "fr" or "ar-SA"
    problems: tuple[str, ...] = ()

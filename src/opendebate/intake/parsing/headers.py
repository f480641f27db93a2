"""The header fields of a ParsedMessage. Each header is read on its own, so a malformed one
costs only itself: policy.default's header parser raises on some values ("From: a@" gives an
IndexError), and those are read again with the lenient email.utils where that helps."""

from __future__ import annotations

import datetime
import email.utils
import re
from email.message import Message
from typing import Any

from opendebate.intake.parsing.feed import MAX_HEADER_CHARS, POLICY, describe_defect
from opendebate.intake.parsing.message import ParsedMessage
from opendebate.intake.parsing.text import clean_line, undecoded

MAX_AUTHENTICATION_RESULTS = 20  # a message passes a handful of hosts; more is padding
# The headers read anywhere in a message; others may be as long as they like.
READ_HEADERS = frozenset(
    {"from", "to", "reply-to", "subject", "date", "message-id", "content-language",
     "authentication-results", "content-type", "content-disposition",
     "content-transfer-encoding"}
)  # fmt: skip
_MESSAGE_ID = re.compile(r"<([^<>]*)>")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")


def long_headers(part: Message, where: str) -> list[str]:
    return [
        f"{where}: header {name} longer than {MAX_HEADER_CHARS} characters, cut"
        for name, value in part.raw_items()
        if name.lower() in READ_HEADERS and len(value) > MAX_HEADER_CHARS
    ]


def _raw_values(part: Message, name: str) -> list[str]:
    """Every `name` header as received (folded, 8-bit bytes as surrogates), cut to length."""
    wanted = name.lower()
    return [
        str(value)[:MAX_HEADER_CHARS] for key, value in part.raw_items() if key.lower() == wanted
    ]


def _parsed(message: Message, name: str, problems: list[str]) -> tuple[Any, str]:
    """The first `name` header as policy.default parses it (None when absent or unreadable),
    and its raw value ("" when absent)."""
    values = _raw_values(message, name)
    if not values:
        return None, ""
    if len(values) > 1:  # a second From or Subject is how one client is shown another sender
        problems.append(f"{name}: {len(values)} headers, the first was read")
    try:
        header = POLICY.header_fetch_parse(name, values[0])
    except Exception as error:
        problems.append(f"{name}: unreadable ({type(error).__name__})")
        return None, values[0]
    problems.extend(f"{name}: {describe_defect(defect)}" for defect in header.defects)
    return header, values[0]


def _addresses(message: Message, name: str, problems: list[str]) -> list[tuple[str, str]]:
    """(display name, lower-case addr-spec) of each address, groups flattened."""
    header, raw = _parsed(message, name, problems)
    pairs: list[tuple[str, str]] = []
    if header is not None:
        pairs = [(address.display_name, address.addr_spec) for address in header.addresses]
    elif raw:
        try:
            pairs = email.utils.getaddresses([raw])
        except Exception as error:
            problems.append(f"{name}: no address could be read ({type(error).__name__})")
    found = [(clean_line(display), clean_line(spec).lower()) for display, spec in pairs]
    found = [(display, spec) for display, spec in found if spec and spec != "<>"]
    if raw and not found and name == "From":  # an empty To ("undisclosed-recipients:;") is fine
        problems.append("From: no address could be read")
    for display, _spec in found:
        if undecoded(display):
            problems.append(f"{name}: a display name could not be decoded")
    return found


def _date(message: Message, problems: list[str]) -> datetime.datetime | None:
    header, raw = _parsed(message, "Date", problems)
    value = getattr(header, "datetime", None)
    if not raw:
        problems.append("Date: missing")
    if not isinstance(value, datetime.datetime):
        return None
    # RFC 5322: "-0000" is a time in UTC from a sender that does not say its own zone.
    return value if value.tzinfo else value.replace(tzinfo=datetime.UTC)


def _subject(message: Message, problems: list[str]) -> str:
    header, raw = _parsed(message, "Subject", problems)
    subject = clean_line(str(header) if header is not None else raw)
    if undecoded(subject):
        problems.append("Subject: an encoded word could not be decoded")
    return subject


def _message_id(message: Message) -> str:
    # Read raw: policy.default's Message-ID parser raises on malformed ids ("<<>>>").
    values = _raw_values(message, "Message-ID")
    text = clean_line(values[0]) if values else ""
    found = _MESSAGE_ID.search(text)
    return (found[1] if found else text).replace(" ", "")


def language_tag(part: Message) -> str:
    """The first well-formed tag of Content-Language. Thunderbird sets it from the spelling
    dictionary and Outlook from the editing language: a hint, not the statement's language."""
    for value in _raw_values(part, "Content-Language")[:1]:
        for item in value.split(","):
            if _LANGUAGE_TAG.fullmatch(tag := item.strip()):
                return tag
    return ""


def read_headers(message: Message, problems: list[str]) -> ParsedMessage:
    """A ParsedMessage with the header fields filled in; problems are added to `problems`."""
    senders = _addresses(message, "From", problems)
    from_headers = len(_raw_values(message, "From"))
    if not from_headers:
        problems.append("From: missing")
    if len(senders) > 1:
        problems.append(f"From: {len(senders)} addresses, the first was read")
    from_name, from_address = senders[0] if senders else ("", "")
    reply_to = _addresses(message, "Reply-To", problems)
    results = [clean_line(value) for value in _raw_values(message, "Authentication-Results")]
    if len(results) > MAX_AUTHENTICATION_RESULTS:
        problems.append(
            f"Authentication-Results: {len(results)} headers, "
            f"the first {MAX_AUTHENTICATION_RESULTS} were read"
        )
    authentication_results = tuple(results[:MAX_AUTHENTICATION_RESULTS])
    return ParsedMessage(
        message_id=_message_id(message),
        date=_date(message, problems),
        from_address=from_address,
        from_name=from_name,
        reply_to=reply_to[0][1] if reply_to else "",
        to=tuple(spec for _display, spec in _addresses(message, "To", problems)),
        subject=_subject(message, problems),
        several_from=from_headers > 1 or len(senders) > 1,
        authentication_results=authentication_results,
        language_hint=language_tag(message),
    )

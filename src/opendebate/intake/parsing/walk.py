"""The walk over a message's MIME tree: its body, its attachments, its forwarded messages.

A message and every message forwarded in it share one budget (MAX_PARTS parts, MAX_DEPTH
levels, MAX_ATTACHMENT_BYTES of decoded attachments), so nesting cannot multiply the limits.
Each part is read under its own guard: what cannot be read is a problem, never an exception.
"""

from __future__ import annotations

import base64
import dataclasses
import email.utils
import re
from dataclasses import dataclass, field
from email.errors import InvalidBase64LengthDefect
from email.message import EmailMessage, Message

from opendebate.ingest import Refused, read_html
from opendebate.intake.parsing.feed import POLICY, describe_defect, read_message
from opendebate.intake.parsing.headers import language_tag, long_headers, read_headers
from opendebate.intake.parsing.message import Attachment, ParsedMessage
from opendebate.intake.parsing.text import clean_line, decode_text, undecoded, unflow

MAX_PARTS = 200
MAX_DEPTH = 10
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
MAX_BODY_CHARS = 1_000_000  # a statement of 500 words is 4000; Outlook's HTML of it 40 000

_FORWARDED_TYPES = frozenset({"message/rfc822", "message/global"})
_TNEF_TYPES = frozenset({"application/ms-tnef", "application/vnd.ms-tnef"})
_NOT_BASE64 = re.compile(rb"[^A-Za-z0-9+/]")
_MIME_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*")


@dataclass
class _Budget:
    parts: int
    attachment_bytes: int


@dataclass
class _Walk:
    """What the walk over one message collects; `budget` is shared with forwarded messages."""

    budget: _Budget
    problems: list[str]
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    forwarded: list[ParsedMessage] = field(default_factory=list)
    tnef: bool = False
    too_deep: bool = False
    language: str = ""
    out_of_parts: bool = False


def parse_message(raw: bytes) -> ParsedMessage:
    """Everything that can be read of one message (see ParsedMessage); never raises."""
    read = read_message(raw)
    problems = list(read.problems)
    budget = _Budget(parts=MAX_PARTS, attachment_bytes=MAX_ATTACHMENT_BYTES)
    try:
        return _parse(
            read.message, budget, 0, problems, body_read=read.body_read, too_deep=read.too_deep
        )
    except Exception as error:  # every header and part has its own guard; this keeps the promise
        return ParsedMessage(
            problems=(*dict.fromkeys(problems), f"message: unreadable ({type(error).__name__})")
        )


def _parse(
    message: Message,
    budget: _Budget,
    depth: int,
    problems: list[str],
    *,
    body_read: bool,
    too_deep: bool = False,
) -> ParsedMessage:
    headers = read_headers(message, problems)
    walk = _Walk(budget, problems, too_deep=too_deep)
    if body_read:
        _visit(message, "", depth, in_body=True, walk=walk)
    plain = _capped("text", "\n".join(walk.plain), problems)
    html = _capped("HTML", "\n".join(walk.html), problems)
    # Some clients send an empty text/plain beside the HTML that holds everything.
    text = plain if plain.strip() or not html else _html_text(html, problems)
    return dataclasses.replace(
        headers,
        text=text,
        html=html,
        attachments=tuple(walk.attachments),
        forwarded=tuple(walk.forwarded),
        tnef=walk.tnef,
        too_deep=walk.too_deep or any(inner.too_deep for inner in walk.forwarded),
        language_hint=headers.language_hint or walk.language,
        problems=tuple(dict.fromkeys(problems)),
    )


def _visit(part: Message, number: str, depth: int, *, in_body: bool, walk: _Walk) -> None:
    """Read `part`, numbered as IMAP numbers parts ("2.1", "" for the message itself).
    `in_body` is False under the parts of a multipart/related other than its root: those are
    what the HTML body shows (images), never the body itself."""
    where = f"part {number}" if number else "message"
    if walk.budget.parts <= 0:
        if not walk.out_of_parts:
            walk.problems.append(f"message: more than {MAX_PARTS} MIME parts, the rest not read")
            walk.out_of_parts = True
        return
    walk.budget.parts -= 1
    walk.problems.extend(long_headers(part, where))
    try:
        _read(part, number, where, depth, in_body, walk)
    except Exception as error:  # one unreadable part must not cost the others
        walk.problems.append(f"{where}: unreadable ({type(error).__name__})")
    walk.problems.extend(f"{where}: {describe_defect(defect)}" for defect in part.defects)


def _read(part: Message, number: str, where: str, depth: int, in_body: bool, walk: _Walk) -> None:
    content_type = part.get_content_type()
    if not _MIME_TYPE.fullmatch(content_type):
        walk.problems.append(f"{where}: content type {content_type[:60]!r}, read as text/plain")
        content_type = "text/plain"  # RFC 2045's default, and what the parser did
    maintype, _, subtype = content_type.partition("/")
    if part.is_multipart() and maintype == "multipart":
        if _too_deep(depth, where, walk):
            return
        # Every part of a multipart may hold the body (Apple Mail puts text before and after
        # the attachments; signed, report and unknown subtypes read as mixed) except the parts
        # of a multipart/related after its root. RFC 2387's "start" parameter can name another
        # root; no client sends it, so the first part is the root.
        children = part.get_payload()
        for index, child in enumerate(children if isinstance(children, list) else [], start=1):
            child_in_body = in_body and (subtype != "related" or index == 1)
            child_number = f"{number}.{index}" if number else str(index)
            _visit(child, child_number, depth + 1, in_body=child_in_body, walk=walk)
    elif part.is_multipart() and content_type in _FORWARDED_TYPES:
        _forwarded_part(part, where, depth, walk)
    else:
        # A multipart without a boundary is one block of text to the parser.
        leaf_type = "text/plain" if maintype == "multipart" else content_type
        _leaf(part, where, leaf_type, in_body, depth, walk)


def _too_deep(depth: int, where: str, walk: _Walk) -> bool:
    if depth < MAX_DEPTH:
        return False
    walk.problems.append(f"{where}: nested deeper than {MAX_DEPTH} levels, its content not read")
    walk.too_deep = True
    return True


def _forwarded_part(part: Message, where: str, depth: int, walk: _Walk) -> None:
    if _too_deep(depth, where, walk):
        return
    inner = part.get_payload(0)
    if not isinstance(inner, Message):
        return
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if encoding in {"base64", "quoted-printable"}:
        # RFC 2046 forbids encoding a message/rfc822, yet some clients do, and the parser has
        # then read the encoded text as a message without headers: decode it and read it again.
        carrier = EmailMessage(policy=POLICY)
        carrier.set_payload(inner.as_string())
        carrier["Content-Transfer-Encoding"] = encoding
        data = carrier.get_payload(decode=True)
        walk.problems.extend(f"{where}: {describe_defect(defect)}" for defect in carrier.defects)
        _forwarded_bytes(data if isinstance(data, bytes) else b"", where, depth, walk)
        return
    walk.forwarded.append(_parse(inner, walk.budget, depth + 1, [], body_read=True))


def _forwarded_bytes(data: bytes, where: str, depth: int, walk: _Walk) -> None:
    if _too_deep(depth, where, walk):
        return
    read = read_message(data)
    inner = _parse(
        read.message,
        walk.budget,
        depth + 1,
        list(read.problems),
        body_read=read.body_read,
        too_deep=read.too_deep,
    )
    walk.forwarded.append(inner)


def _leaf(
    part: Message, where: str, content_type: str, in_body: bool, depth: int, walk: _Walk
) -> None:
    filename = clean_line(part.get_filename() or "")  # RFC 2231 and 2047 by policy.default
    if undecoded(filename):
        walk.problems.append(f"{where}: the file name {filename!r} could not be decoded")
    disposition = part.get_content_disposition()
    maintype, _, subtype = content_type.partition("/")
    if content_type in _FORWARDED_TYPES or filename.lower().endswith(".eml"):
        _forwarded_bytes(_payload(part), where, depth, walk)
    elif in_body and subtype in {"plain", "html"} and maintype == "text" and not filename:
        if disposition == "attachment":  # attached without a name: still not the body
            _attach(part, where, filename, content_type, inline=False, walk=walk)
        else:
            _body(part, where, subtype, walk)
    elif filename or maintype != "text" or disposition == "attachment":
        if content_type in _TNEF_TYPES or filename.lower() == "winmail.dat":
            walk.tnef = True
        inline = not in_body and maintype == "image"
        _attach(part, where, filename, content_type, inline=inline, walk=walk)
    # Any other text part is neither body nor attached: Outlook's text/calendar rendering of
    # an invitation, the text/rfc822-headers of a bounce, a text/enriched alternative.


def _attach(
    part: Message, where: str, filename: str, content_type: str, *, inline: bool, walk: _Walk
) -> None:
    data = _payload(part)
    if len(data) > walk.budget.attachment_bytes:
        walk.problems.append(
            f"{where}: attachment {filename!r} left out, "
            f"attachments over {MAX_ATTACHMENT_BYTES} bytes in total"
        )
        return
    walk.budget.attachment_bytes -= len(data)
    walk.attachments.append(Attachment(filename, content_type, data, inline=inline))


def _body(part: Message, where: str, subtype: str, walk: _Walk) -> None:
    text = decode_text(_payload(part), part.get_content_charset(), where, walk.problems)
    if subtype == "html":
        walk.html.append(text)
    elif _parameter(part, "format") == "flowed":
        walk.plain.append(unflow(text, delsp=_parameter(part, "delsp") == "yes"))
    else:
        walk.plain.append(text)
    walk.language = walk.language or language_tag(part)


def _payload(part: Message) -> bytes:
    """The decoded bytes of a leaf; the blocks of headers of a message/delivery-status."""
    if part.is_multipart():
        blocks = part.get_payload()
        blocks = blocks if isinstance(blocks, list) else []
        return b"".join(block.as_bytes() for block in blocks if isinstance(block, Message))
    # Not get_payload() without decode: it decodes 8-bit text in the declared charset and
    # raises for a codec that cannot replace what it cannot read (idna).
    data = part.get_payload(decode=True)
    data = data if isinstance(data, bytes) else b""
    if any(isinstance(defect, InvalidBase64LengthDefect) for defect in part.defects):
        # The stdlib then gives the base64 text back; decode what its whole quanta hold.
        letters = _NOT_BASE64.sub(b"", data)
        return base64.b64decode(letters[: len(letters) // 4 * 4])
    return data


def _parameter(part: Message, name: str) -> str:
    value = part.get_param(name)
    return email.utils.collapse_rfc2231_value(value).strip().lower() if value else ""


def _capped(kind: str, text: str, problems: list[str]) -> str:
    if len(text) <= MAX_BODY_CHARS:
        return text
    problems.append(f"message: the {kind} body is longer than {MAX_BODY_CHARS} characters, cut")
    return text[:MAX_BODY_CHARS]


def _html_text(html: str, problems: list[str]) -> str:
    try:
        return read_html(html).text
    except Refused:
        return ""  # an HTML body without text: an image, a blank page
    except Exception as error:
        problems.append(
            f"message: the HTML body could not be read as text ({type(error).__name__})"
        )
        return ""

"""Defensive parsing of inbound e-mail: raw bytes in, plain values out, nothing raised.

`parse_message(raw)` reads one message as the stdlib's `email` package does with
policy.default (RFC 2047 encoded words, RFC 2231 parameters), bounded for hostile input (see
feed.py and walk.py), and returns a ParsedMessage: its header fields, its body as text, its
attachments and forwarded messages, and the problems met on the way. `statement_candidates`
says which attachments could be a delegation's written statement. Nothing here touches the
database; storing, attributing and triaging the message are the caller's.
"""

from opendebate.intake.parsing.candidates import is_statement_attachment, statement_candidates
from opendebate.intake.parsing.message import Attachment, ParsedMessage
from opendebate.intake.parsing.walk import (
    MAX_ATTACHMENT_BYTES,
    MAX_DEPTH,
    MAX_PARTS,
    parse_message,
)

__all__ = [
    "MAX_ATTACHMENT_BYTES",
    "MAX_DEPTH",
    "MAX_PARTS",
    "Attachment",
    "ParsedMessage",
    "is_statement_attachment",
    "parse_message",
    "statement_candidates",
]

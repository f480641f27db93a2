"""The stdlib's parser with policy.default, bounded in time for hostile input; see read_message.

Three costs of the stdlib parser grow faster than the input, and mail from anyone reaches us:
- a structured header is parsed in time quadratic in its length (a one-megabyte Subject takes
  about two minutes), so header values are cut at MAX_HEADER_CHARS before they are parsed;
- the feed parser tries the boundary of every open multipart on every line, so a message
  nested N deep costs N pattern matches per line (nine hundred levels and a few megabytes of
  short lines keep a worker busy for hours), so a line is tried only against the boundaries
  its own text could be (`_Lines`);
- each part costs about half a millisecond (its Content-Type is parsed several times), and a
  25 MB message holds 600 000 empty parts or message/delivery-status blocks, so the parser
  stops after MAX_PARSED_PARTS (`_PartFactory`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from email.errors import MessageDefect
from email.feedparser import (  # type: ignore[attr-defined]  # not in the stubs
    BufferedSubFile,
    BytesFeedParser,
)
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.policy import EmailPolicy
from typing import Any

MAX_HEADER_CHARS = 8192  # a real header is far shorter: To with a hundred addresses is 5000
# Five times the parts the walk reads: the parser also counts each block of headers of a
# message/delivery-status, which the walk reads as one attachment.
MAX_PARSED_PARTS = 1000

Matcher = Callable[[str], object]

# The pattern the feed parser compiles for a boundary (email/feedparser.py); the separator
# ("--" and the boundary) is read back from it to index the pattern.
_BOUNDARY_PATTERN = re.compile(
    r"\(\?P<sep>(?P<separator>.*)\)\(\?P<end>--\)\?\(\?P<ws>\[ \\t\]\*\)"
    r"\(\?P<linesep>\\r\\n\|\\r\|\\n\)\?\$",
    re.DOTALL,
)
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)

_DEFECTS = {
    "CloseBoundaryNotFoundDefect": "the closing boundary is missing",
    "StartBoundaryNotFoundDefect": "the opening boundary is missing",
    "NoBoundaryInMultipartDefect": "a multipart without a boundary",
    "MultipartInvariantViolationDefect": "declared multipart, read as a single part",
    "MissingHeaderBodySeparatorDefect": "no blank line after the headers",
    "FirstHeaderLineIsContinuationDefect": "the first header line is a continuation",
    "MisplacedEnvelopeHeaderDefect": "a misplaced envelope From line",
    "InvalidMultipartContentTransferEncodingDefect": "a multipart with a transfer encoding",
    "InvalidBase64PaddingDefect": "base64 with wrong padding",
    "InvalidBase64CharactersDefect": "base64 with invalid characters",
    "InvalidBase64LengthDefect": "base64 of an impossible length",
    "InvalidDateDefect": "not a date",
    "UndecodableBytesDefect": "undecodable bytes",
}


def describe_defect(defect: MessageDefect) -> str:
    name = type(defect).__name__
    return _DEFECTS.get(name) or str(defect) or name


class _BoundedPolicy(EmailPolicy):
    """policy.default, with every header value cut at MAX_HEADER_CHARS before it is parsed."""

    def header_fetch_parse(self, name: str, value: str) -> Any:
        if not hasattr(value, "name"):  # an already parsed header object is returned as is
            value = value[:MAX_HEADER_CHARS]
        return super().header_fetch_parse(name, value)


POLICY = _BoundedPolicy()


def boundary_separator(matcher: Matcher) -> str | None:
    """The separator a feed-parser boundary matcher looks for, None for any other matcher."""
    pattern = getattr(getattr(matcher, "__self__", None), "pattern", None)
    found = _BOUNDARY_PATTERN.fullmatch(pattern) if isinstance(pattern, str) else None
    if found is None:
        return None
    separator = _ESCAPED.sub(r"\1", found["separator"])
    # Read back only what re.escape wrote; anything else stays an ordinary matcher.
    return separator if re.escape(separator) == found["separator"] else None


class _Lines(BufferedSubFile):  # type: ignore[misc]  # not in the stubs (imported above)
    """The feed parser's line source, finding the end of a part in constant time per line.

    Boundary matchers are indexed by their separator and a line is tried only against the
    separator it could be ("--b", "--b--", either with trailing blanks). Any other matcher
    (message/delivery-status pushes one for blank lines) is tried on every line, as in the
    stdlib, but only once however often it is pushed. The base class's own matcher stack
    stays empty, so its readline only hands out the next line.
    """

    def __init__(self) -> None:
        super().__init__()
        self._pushed: list[tuple[str | None, Matcher]] = []
        self._separators: Counter[str] = Counter()
        self._by_separator: dict[str, Matcher] = {}
        self._others: Counter[Matcher] = Counter()

    def push_eof_matcher(self, pred: Matcher) -> None:
        separator = boundary_separator(pred)
        self._pushed.append((separator, pred))
        if separator is None:
            self._others[pred] += 1
        else:
            self._separators[separator] += 1
            self._by_separator[separator] = pred  # one separator always compiles the same

    def pop_eof_matcher(self) -> Matcher:
        separator, pred = self._pushed.pop()
        if separator is None:
            self._others[pred] -= 1
            if not self._others[pred]:
                del self._others[pred]
        else:
            self._separators[separator] -= 1
            if not self._separators[separator]:
                del self._separators[separator], self._by_separator[separator]
        return pred

    def readline(self) -> Any:
        line = super().readline()
        if isinstance(line, str) and line and self._ends_part(line):
            self.unreadline(line)
            return ""
        return line

    def _ends_part(self, line: str) -> bool:
        if any(matches(line) for matches in self._others):
            return True
        if not self._separators or not line.startswith("--"):
            return False
        text = line.rstrip("\r\n").rstrip(" \t")
        candidates = (text, text[:-2]) if text.endswith("--") else (text,)
        return any(
            candidate in self._by_separator and self._by_separator[candidate](line)
            for candidate in candidates
        )


class _TooManyParts(Exception):
    pass


class _PartFactory:
    """Makes the parser's messages (the root first, then each part in the order of the text)
    and stops the parse when it asks for more than MAX_PARSED_PARTS. Everything made before
    is complete and attached to `root`, so a message cut there is read as far as it goes."""

    def __init__(self) -> None:
        self.made = 0
        self.root: EmailMessage | None = None

    def __call__(self, policy: EmailPolicy = POLICY) -> EmailMessage:
        if self.made >= MAX_PARSED_PARTS:
            raise _TooManyParts
        self.made += 1
        message = EmailMessage(policy=policy)
        self.root = self.root or message
        return message


@dataclass(frozen=True)
class Read:
    message: Message
    problems: tuple[str, ...]
    body_read: bool  # False when only the headers could be read
    too_deep: bool = False  # the body was not read because it is nested too deeply


def read_message(raw: bytes) -> Read:
    """`raw` parsed with POLICY; never raises. The stdlib parser records what is malformed as
    defects on each part rather than raising; a message nested so deep that the parser's
    recursion gives out (about a thousand levels) is read again for its headers only."""
    factory = _PartFactory()
    parser = BytesFeedParser(factory, policy=POLICY)
    factory.made, factory.root = 0, None  # the parser made one to try the factory out
    parser._input = _Lines()  # type: ignore[attr-defined]  # the only way to give it a source
    try:
        parser.feed(raw)
        return Read(parser.close(), (), body_read=True)
    except _TooManyParts:
        cut = f"message: more than {MAX_PARSED_PARTS} parts, the rest not parsed"
        return Read(factory.root or EmailMessage(policy=POLICY), (cut,), body_read=True)
    except RecursionError:
        problem = "message: nested too deeply to be read, only the headers were read"
        too_deep = True
    except Exception as error:  # the parser is meant never to raise; this guards the promise
        problem = f"message: unreadable ({type(error).__name__}), only the headers were read"
        too_deep = False
    try:
        headers = BytesParser(EmailMessage, policy=POLICY).parsebytes(raw, headersonly=True)
    except Exception as error:
        unreadable = f"message: headers unreadable ({type(error).__name__})"
        return Read(EmailMessage(policy=POLICY), (problem, unreadable), False, too_deep)
    return Read(headers, (problem,), body_read=False, too_deep=too_deep)

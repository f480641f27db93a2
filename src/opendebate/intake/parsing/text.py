"""Text out of a message: charsets as senders really label them, format=flowed, and the
characters a database or a screen should not be given (NUL, lone surrogates, controls)."""

from __future__ import annotations

import codecs
import re

# C0 controls but tab and line feed, DEL, and lone surrogates (which an odd codec such as
# unicode_escape can produce, and which PostgreSQL and UTF-8 files refuse).
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_FOLDING = re.compile(r"[ \t\r\n]+")  # ASCII only: a French no-break space is text
_ENCODED_WORD = re.compile(r"=\?[^?\s]*\?[^?\s]*\?[^?\s]*\?=")
# Labels browsers read as Windows-1252 (the WHATWG Encoding Standard): Windows writes its
# curly quotes and dashes (0x80 to 0x9F) under these labels.
_WINDOWS_1252 = frozenset({"iso8859-1", "cp1252"})


def clean_text(text: str) -> str:
    """Text with Unix line ends, without a leading byte order mark or unwanted characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    return _SURROGATE.sub("\ufffd", _UNWANTED.sub("", text))


def clean_line(text: str) -> str:
    """A header value on one line: folding and runs of blanks made one space."""
    return _FOLDING.sub(" ", clean_text(text.replace("\r", "\n"))).strip()


def undecoded(text: str) -> bool:
    """The text still holds an encoded word or a replacement character: something the sender
    encoded could not be decoded."""
    return "\ufffd" in text or _ENCODED_WORD.search(text) is not None


def _codec(label: str) -> str | None:
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_text(data: bytes, charset: str | None, where: str, problems: list[str]) -> str:
    """`data` as text in its declared charset. An undeclared or US-ASCII body with 8-bit bytes
    is read as UTF-8, else Windows-1252, as clients that forget the label write one of those."""
    label = (charset or "").strip().lower()
    codec = _codec(label) if label else None
    if label and codec is None:
        problems.append(f"{where}: unknown charset {label!r}")
    elif codec in _WINDOWS_1252:
        return clean_text(data.decode("cp1252", errors="replace"))
    elif codec is not None and codec != "ascii":
        try:
            return clean_text(data.decode(codec))
        except (LookupError, ValueError):  # ValueError covers UnicodeError; Lookup, non-text
            problems.append(f"{where}: text invalid in {label}, invalid bytes replaced")
            try:
                return clean_text(data.decode(codec, errors="replace"))
            except (LookupError, ValueError):
                pass  # a codec that cannot replace (idna): read it as undeclared
    try:
        return clean_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        return clean_text(data.decode("cp1252", errors="replace"))


def unflow(text: str, *, delsp: bool) -> str:
    """Plain text sent with format=flowed (RFC 3676, Thunderbird's default) as paragraphs: a
    line that ends in a space goes on in the next line of the same quote depth. Without this
    every 72-character line of a statement in the body would be a paragraph of its own."""
    lines: list[str] = []
    current: str | None = None
    current_depth = 0
    for line in text.split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:].removeprefix(" ")  # the space a sender stuffs before ">" or "From"
        flowed = content.endswith(" ") and content != "-- "  # a signature line never flows
        if flowed and delsp:
            content = content[:-1]
        if current is not None and depth == current_depth:
            current += content
        else:
            if current is not None:
                lines.append(_quoted(current, current_depth))
            current, current_depth = content, depth
        if not flowed:
            lines.append(_quoted(current, current_depth))
            current = None
    if current is not None:
        lines.append(_quoted(current, current_depth))
    return "\n".join(lines)


def _quoted(content: str, depth: int) -> str:
    return f"{'>' * depth} {content}" if depth else content

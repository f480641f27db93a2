"""Plain text (.txt files, and text pasted into the statement form): paragraphs, lists, light
emphasis."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from opendebate.documents.model import Block, BlockStyle
from opendebate.ingest.limits import MAX_CHARACTERS, MAX_LINES
from opendebate.ingest.paragraphs import Paragraph
from opendebate.ingest.refusals import Refused

# A list item starts with a bullet and a space, or with a number or letter and its punctuation:
# "1. " "1) " "(a) " "(iv) " "a) ". After a number the space may be missing before a letter
# ("1.بما" as PDFs of Arabic text give it); "1.5 million" and "2020." are not list items.
_MARKER = re.compile(
    r"(?P<indent>[ \t]*)"
    r"(?:(?P<bullet>[-*•◦▪‣·–\uf0b7])[ \t]+"
    r"|(?P<number>\d{1,3}[.)]|\((?:\d{1,3}|[a-z]|[ivx]{1,5})\)|[a-z]\))(?:[ \t]+|(?=[^\W\d_])))"
)


def split_marker(line: str) -> tuple[str, int, str] | None:
    """(marker, level, text) of a list item line, or None; bullets become "•", and each two
    spaces (or tab) of indent are one level down."""
    match = _MARKER.match(line)
    if match is None or not line[match.end() :].strip():
        return None
    level = len(match["indent"].expandtabs(2)) // 2
    return ("•" if match["bullet"] else match["number"]), level, line[match.end() :]


@dataclass
class _Delimiter:
    kind: str  # "***" (bold italic), "**" (bold), "*" or "_" (italic)
    opens: bool
    closes: bool
    role: str = ""  # "open" or "close" once matched; unmatched delimiters are text


# Two or more underscores (__init__, a blank to fill in: ____) are text.
_DELIMITER = re.compile(r"\\([\\*_])|(_{2,})|\*\*\*|\*\*|\*|_")
_BOLD = {"***": 1, "**": 1, "*": 0, "_": 0}
_ITALIC = {"***": 1, "**": 0, "*": 1, "_": 1}


def _tokens(line: str) -> list[str | _Delimiter]:
    tokens: list[str | _Delimiter] = []
    position = 0
    for match in _DELIMITER.finditer(line):
        tokens.append(line[position : match.start()])
        position = match.end()
        if literal := match[1] or match[2]:  # a backslash keeps the next *, _ or \ as it is
            tokens.append(literal)
            continue
        before = line[match.start() - 1] if match.start() else " "
        after = line[match.end()] if match.end() < len(line) else " "
        opens, closes = not after.isspace(), not before.isspace()
        if match[0] == "_":  # snake_case and file_names_like_this stay as they are
            opens, closes = opens and not before.isalnum(), closes and not after.isalnum()
        tokens.append(_Delimiter(match[0], opens, closes))
    tokens.append(line[position:])
    return tokens


def add_emphasis(paragraph: Paragraph, line: str) -> None:
    """Add `line` to the paragraph, its **bold**, *italic* and _italic_ spans as runs."""
    tokens = _tokens(line)
    openers: list[_Delimiter] = []
    for token in tokens:
        if not isinstance(token, _Delimiter):
            continue
        opener = next((o for o in reversed(openers) if o.kind == token.kind), None)
        if token.closes and opener is not None:
            # Delimiters opened inside the closed span and never closed stay text.
            del openers[openers.index(opener) :]
            opener.role, token.role = "open", "close"
        elif token.opens:
            openers.append(token)
    bold = italic = 0
    for token in tokens:
        if not isinstance(token, _Delimiter):
            paragraph.add(token, bold=bold > 0, italic=italic > 0)
        elif token.role:
            step = 1 if token.role == "open" else -1
            bold += step * _BOLD[token.kind]
            italic += step * _ITALIC[token.kind]
        else:
            paragraph.add(token.kind, bold=bold > 0, italic=italic > 0)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without a byte order mark) or UTF-16 with one; newlines as "\\n".
    Raises UnicodeDecodeError for anything else."""
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    return data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")


def check_size(text: str) -> None:
    """Refuse text beyond the limits before it is split: ten megabytes of blank lines are ten
    million paragraphs to build, lay out and preview."""
    if len(text) > MAX_CHARACTERS:
        raise Refused("too_long", limit=MAX_CHARACTERS, unit="characters")
    if max(text.count("\n"), text.count("\r")) > MAX_LINES:
        raise Refused("too_long", limit=MAX_LINES, unit="lines")


def extract_lines(text: str) -> list[Block]:
    """The blocks of plain text: see `read_pasted`."""
    check_size(text)
    blocks: list[Block] = []
    for line in text.splitlines():
        item = split_marker(line)
        if item is None:
            paragraph = Paragraph()
            add_emphasis(paragraph, line)
        else:
            marker, level, rest = item
            paragraph = Paragraph(BlockStyle.LIST_ITEM, marker, level)
            add_emphasis(paragraph, rest)
        blocks.extend(paragraph.blocks())
    return blocks

"""Full-text search of issued annexes in the six languages, with no index and no segmentation.

Text and query are folded the same way, then matched by substring: that serves Chinese (no
spaces between words) as well as the spaced scripts, and an annex is a few pages at most.
Folding is compatibility decomposition (full-width and ligature forms become plain letters),
case folding, and the removal of every non-spacing mark: Latin accents ("coopération" is found
by "cooperation") and the Arabic harakat, superscript alef and hamza signs, so that a word is
found with or without its vowels. Arabic letters that writers interchange are unified (alef
forms, alef maqsura and yeh, teh marbuta and heh), tatweel is dropped, digits of any script
become ASCII digits and runs of white space become one space.

Each folded character remembers the original character it came from, so a hit is reported as a
span of the original text and the snippet shows the text as issued. Pure: no database, no HTML.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

_TATWEEL = "\u0640"
_SPACES = re.compile(r"\s+")
# After decomposition: alef wasla to alef, alef maqsura to yeh, teh marbuta to heh, and the
# typographic apostrophes to the plain one ("l’accord" and "l'accord" are the same word).
_UNIFY = str.maketrans({"ٱ": "ا", "ى": "ي", "ة": "ه", "’": "'", "‘": "'", "ʼ": "'"})
SNIPPET_CONTEXT = 60  # characters of context on each side of the hit
MAX_QUERY = 200


@dataclass(frozen=True)
class Folded:
    """Folded text, and for each of its characters the index of the original one."""

    text: str
    origin: tuple[int, ...]


@dataclass(frozen=True)
class Snippet:
    """The text around a hit, in three plain (unescaped) parts; the template marks `hit`."""

    before: str
    hit: str
    after: str


@functools.lru_cache(maxsize=65536)  # a text has few distinct characters: fold each once
def _fold_char(char: str) -> str:
    if char.isspace():
        return " "
    if char == _TATWEEL:
        return ""
    if (digit := unicodedata.decimal(char, None)) is not None:
        return str(digit)
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold())
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return kept.translate(_UNIFY)


def fold(text: str) -> Folded:
    """`text` folded for matching, white space collapsed, with the origin of each character."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for folded in _fold_char(char):
            if folded == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(folded)
            origin.append(index)
    return Folded("".join(chars), tuple(origin))


def normalize(text: str) -> str:
    """`fold(text).text`, without the origins: what a query's terms are found in."""
    return _SPACES.sub(" ", "".join(map(_fold_char, text))).lstrip(" ")


def fold_lines(text: str) -> str:
    """Each line of `text` normalized, one line for one: a term (which has no space) is found
    in it exactly where `normalize` finds it, and the line it is found on is the paragraph of
    the text it was written in. Kept beside an issued annex's text for search."""
    return "\n".join(map(normalize, text.split("\n")))


def terms(query: str) -> tuple[str, ...]:
    """The folded words of a query, each to be found; a query without spaces is one term."""
    return tuple(dict.fromkeys(normalize(query[:MAX_QUERY]).split()))


def find(text: str, query_terms: tuple[str, ...], folded: str | None = None) -> Snippet | None:
    """A snippet around the first hit when every term occurs in `text`, else None. `folded` is
    `fold_lines(text)` when the caller keeps it, and saves folding the whole text here."""
    folded = fold_lines(text) if folded is None else folded
    positions = [folded.find(term) for term in query_terms]
    if not positions or min(positions) < 0:
        return None
    # The first hit's paragraph is the only one folded again with the origins that say where
    # the hit was written, the costly part; a snippet never leaves its paragraph.
    line = folded.count("\n", 0, min(positions))
    offset = sum(len(paragraph) + 1 for paragraph in text.split("\n", line)[:line])
    end = text.find("\n", offset)
    paragraph = text[offset : len(text) if end < 0 else end]
    written = fold(paragraph)
    position, term = min(
        (written.text.find(term), term) for term in query_terms if term in written.text
    )
    start, stop = _span(written, position, position + len(term), len(paragraph))
    return snippet(text, offset + start, offset + stop)


def _span(folded: Folded, first: int, stop: int, length: int) -> tuple[int, int]:
    """The original span of folded[first:stop]: through the marks and the characters that fold
    to nothing after the last one, and whole when a character folds to several (ß, ﬁ)."""
    start = folded.origin[first]
    if stop >= len(folded.origin):
        return start, length
    return start, max(folded.origin[stop - 1] + 1, folded.origin[stop])


def snippet(text: str, start: int, end: int, context: int = SNIPPET_CONTEXT) -> Snippet:
    """text[start:end] with up to `context` characters each side within its paragraph (a line
    break ends one), cut at a space when one is near the cut (spaced scripts) and anywhere
    otherwise (Chinese), an ellipsis marking a cut."""
    first = max(text.rfind("\n", 0, start) + 1, start - context)
    last = text.find("\n", end)
    last = min(len(text) if last < 0 else last, end + context)
    before, after = text[first:start], text[end:last]
    if first == start - context and text[first - 1 : first] not in ("", "\n"):
        spaces = [match.end() for match in _SPACES.finditer(before[: context // 2])]
        before = "…" + before[spaces[0] if spaces else 0 :]
    if last == end + context and text[last : last + 1] not in ("", "\n"):
        spaces = [match.start() for match in _SPACES.finditer(after, context // 2)]
        after = after[: spaces[-1] if spaces else len(after)] + "…"
    return Snippet(_squeeze(before), _squeeze(text[start:end]), _squeeze(after))


def _squeeze(text: str) -> str:
    return _SPACES.sub(" ", text)

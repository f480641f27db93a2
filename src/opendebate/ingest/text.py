"""Folding: one comparable form of text in the six languages, mapped back to the original.

The re-flow of extracted text and every search of the letter importer run on folded text (case,
accents, Arabic vowel marks, Unicode compatibility forms and non-ASCII digits removed) so that one
pattern serves "Níger" and "Niger", "١٤" and "14", "：" and ":". `Folded` remembers, for each
folded character, the index of the character it came from, so a match is always reported as a
slice of the original text; `fold` is the folded text alone, for the tests that need no slice.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

_APOSTROPHES = frozenset("’‘ʼ`´′")
_HYPHENS = frozenset("‐‑")  # U+2010, U+2011: typographic forms of the hyphen-minus
_TATWEEL = "\u0640"  # Arabic justification stretch: never part of a word's spelling


class _Table(dict[int, str]):
    """A `str.translate` table that works out each character's value by `rule` the first time
    it is asked for, then keeps it: translating runs in C, and a document uses a few hundred
    distinct characters, folded and measured many times."""

    def __init__(self, rule: Callable[[str], str]) -> None:
        super().__init__()
        self._rule = rule

    def __missing__(self, point: int) -> str:
        value = self[point] = self._rule(chr(point))
        return value


def _fold_char(char: str) -> str:
    if char.isdecimal():
        return str(unicodedata.decimal(char))
    if char in _APOSTROPHES:
        return "'"
    if char in _HYPHENS:
        return "-"
    if char == _TATWEEL:
        return ""
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_FOLDED = _Table(_fold_char)


@dataclass(frozen=True)
class Folded:
    """`text` folded; `origin[i]` is the index in the original text of folded character i."""

    text: str
    origin: tuple[int, ...]

    @classmethod
    def of(cls, original: str) -> Folded:
        chars: list[str] = []
        origin: list[int] = []
        for index, char in enumerate(original):
            folded = _FOLDED[ord(char)]
            chars.append(folded)
            origin.extend([index] * len(folded))
        return cls("".join(chars), tuple(origin))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original slice that folded slice [start, end) came from."""
        if end <= start:
            position = self.origin[start] if start < len(self.origin) else len(self.origin)
            return position, position
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str) -> str:
    """`Folded.of(text).text`, without building the map back: the re-flow folds every line of
    a PDF several times and never needs it."""
    return text.translate(_FOLDED)


@functools.cache  # asked of every character measured, and of those around every line break
def is_wide(char: str) -> bool:
    """True for CJK ideographs and full-width forms, which are written without spaces."""
    return unicodedata.east_asian_width(char) in ("W", "F")


# Each wide character kept, every other one removed: what is left is the count to add.
_WIDE_ONLY = _Table(lambda char: char if is_wide(char) else "")


def display_width(text: str) -> int:
    """The width of `text` in columns: two for a wide character, one for any other."""
    if text.isascii():  # no wide character to look for
        return len(text)
    return len(text) + len(text.translate(_WIDE_ONLY))


def _needs_boundary(char: str) -> bool:
    # Latin and Cyrillic words are delimited by spaces; Arabic words take attached particles
    # ("و", "ل") and CJK has no spaces, so a boundary there would miss real occurrences.
    return char.isalnum() and char < "\u0600"


def phrase_pattern(phrases: Iterable[str]) -> str:
    """A regex alternation matching any phrase in folded text, longest phrase first.

    A phrase ending in "*" is a stem ("statement*" also matches "statements"). Spaces match any
    run of whitespace, as a line wrap may have put a line break there.
    """
    alternatives: dict[str, int] = {}
    for phrase in phrases:
        stem = phrase.endswith("*")
        folded = fold(phrase.rstrip("*"))
        body = r"\s+".join(re.escape(word) for word in folded.split())
        if _needs_boundary(folded[0]):
            body = r"(?<!\w)" + body
        if not stem and _needs_boundary(folded[-1]):
            body += r"(?!\w)"
        alternatives[body] = len(folded)
    return "|".join(sorted(alternatives, key=lambda alt: (-alternatives[alt], alt)))

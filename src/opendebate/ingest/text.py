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
from collections.abc import Iterable
from dataclasses import dataclass

_APOSTROPHES = frozenset("’‘ʼ`´′")
_HYPHENS = frozenset("‐‑")  # U+2010, U+2011: typographic forms of the hyphen-minus
_TATWEEL = "\u0640"  # Arabic justification stretch: never part of a word's spelling


@functools.cache  # a document uses a few hundred distinct characters, folded many times
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
            folded = _fold_char(char)
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
    return "".join(map(_fold_char, text))


@functools.cache  # the re-flow measures every line's width, character by character
def is_wide(char: str) -> bool:
    """True for CJK ideographs and full-width forms, which are written without spaces."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def display_width(text: str) -> int:
    """The width of `text` in columns: two for a wide character, one for any other."""
    if text.isascii():  # no wide character to look for
        return len(text)
    return len(text) + sum(map(is_wide, text))


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

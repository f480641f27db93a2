"""Word and character counts of a statement, as a word processor shows them.

Delegations check the length of their statement in Word or LibreOffice Writer, so these counts
follow Writer's word count (the statistics it also writes into an ODT's meta.xml), checked
against LibreOffice 7.4 by tests/statements/test_wordcount.py. Writer's rules (its ICU
"count_word" break rules and its scanner):

- words are separated by spaces (including no-break and ideographic spaces) and by en and em
  dashes, which are never words themselves ("10–12" is two words, " — " none);
- letters, digits, punctuation and symbols inside a word do not split it ("l'Organisation",
  "aujourd’hui", "S/2020/866", "info@un.org", "1.5", "40%"), and punctuation standing alone
  between spaces is a word ("«", "!");
- a hyphen-minus joins ("Secretary-General" is one word) but two in a row end the word ("a--b"
  is two words) and a lone "-" is a word;
- each CJK character (Han, kana, Hangul, CJK and full-width punctuation) is a word, and a run of
  other characters ends where CJK starts ("2020年9月8日" is six words);
- a character that is neither letter, digit, punctuation nor symbol (superscript digits, vulgar
  fractions, private-use glyphs) is a word of its own: "km²" is two words;
- characters are what a reader sees as one (a letter with its vowel marks is one); paragraph
  breaks are not characters; "without spaces" leaves out every space, tabs and no-break spaces
  included, but keeps the dashes.

Two places where Writer 7.4 misbehaves are not followed: it stops counting a paragraph at a zero
width space (counted here as a space), and it counts an invisible format character (a
right-to-left mark, a soft hyphen) that ends a word as a word of its own (here it belongs to the
word it touches).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from opendebate.statements.content import WordCount

# ICU's u_isspace, what Writer skips between words (Zs, Zl, Zp and the ASCII controls), with the
# zero width space (see above). Paragraph breaks are handled apart: they are not characters.
_SPACES = "\t\x0b\x0c\x1c-\x20\x85\xa0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000"
_PARAGRAPH_BREAKS = "\n\r"
# Writer's default "additional separators" for the word count: they split words like a space
# but are still characters.
_DASHES = "\u2013\u2014"
# Writer's ASIAN script class (i18nutil's block table and, for later blocks, the UAX 24 script):
# Hangul jamo, CJK radicals to Hangul syllables (CJK punctuation, kana, Bopomofo, Han), CJK
# compatibility ideographs and forms, full-width forms, kana supplement and the Han planes; but
# not U+3000, the ideographic space, which is a space.
_ASIAN = (
    "\u1100-\u11ff\u2e80-\u2fdf\u2ff0-\u2fff\u3001-\u4dbf\u4e00-\ua4cf\ua960-\ua97f\uac00-\ud7ff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U0001b000-\U0001b16f\U00020000-\U0003134f"
)
# Writer counts a character and the marks on it as one (ICU grapheme clusters): a combining
# mark, joiner, half-width voicing mark, emoji modifier or variation selector joins the character
# before it, except an ASCII space or tab and the start of a paragraph, which Writer counts apart
# from the marks after them (a shortcut of its own). Emoji sequences and flags, which ICU also
# joins, are left out: statements do not have them.
_JOINER_POINTS = (0x200C, 0x200D, 0xFF9E, 0xFF9F)
_JOINERS_BEYOND = "\U0001f3fb-\U0001f3ff\U000e0100-\U000e01ef"
_UNJOINED = "\t\n\x0b\x0c\r "


def _character_class(code_points: list[int]) -> str:
    """The body of a regex character class matching exactly `code_points`, given in order."""
    ranges: list[list[int]] = []
    for point in code_points:
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last in ranges)


@dataclass(frozen=True)
class _Patterns:
    word: re.Pattern[str]
    space: re.Pattern[str]
    mark: re.Pattern[str]  # makes one character with the character before it
    unjoined: re.Pattern[str]  # a mark that Writer nevertheless counts as a character


@functools.cache
def _patterns() -> _Patterns:
    """Compiled once per process, on first use, from the Unicode database (about 20 ms)."""
    marks: list[int] = []
    singles: list[int] = []
    # The basic plane only: a class with many ranges beyond it is checked range by range for
    # every character, which made counting five times slower. The characters beyond it that
    # matter (Han, kana, private use, emoji modifiers, variation selectors) are ranges here.
    for point in range(0x10000):
        category = unicodedata.category(chr(point))
        if category[0] == "M":
            marks.append(point)
        elif category == "No" or (category == "Cc" and not chr(point).isspace()):
            singles.append(point)
    # Private use (symbol-font bullets) is neither letter nor symbol to ICU either.
    single = f"{_character_class(singles)}\ue000-\uf8ff\U000f0000-\U0010fffd{_ASIAN}"
    letter = f"[^{_SPACES}{_PARAGRAPH_BREAKS}{_DASHES}{single}-]"
    mark = f"[{_character_class(sorted([*marks, *_JOINER_POINTS]))}{_JOINERS_BEYOND}]"
    return _Patterns(
        # A CJK or stand-alone character; or letters (anything but a space or a dash) joined by
        # single hyphens, with the hyphens that end it ("a--b" is "a--" and "b"); or hyphens.
        word=re.compile(f"[{single}]|-?{letter}+(?:-{letter}+)*-*|-+"),
        space=re.compile(f"[{_SPACES}]"),
        mark=re.compile(mark),
        unjoined=re.compile(f"[{_UNJOINED}]{mark}"),
    )


def count_words(text: str, language: str | None = None) -> WordCount:
    """Words, characters and characters without spaces of `text` (paragraphs separated by line
    breaks), as LibreOffice Writer counts them.

    `language` is the statement's language. Writer applies the same rules to the six official
    languages (checked for each: French elisions and Spanish or Russian punctuation change
    nothing), so it does not change the result; CJK characters are recognized by script, which
    also counts a Chinese quotation inside a statement in another language correctly.
    """
    patterns = _patterns()
    characters = len(text) - text.count("\n") - text.count("\r")
    if not text.isascii():
        marks = len(patterns.mark.findall(text))
        if marks:
            marks -= len(patterns.unjoined.findall(text)) + bool(patterns.mark.match(text))
        characters -= marks
    return WordCount(
        words=len(patterns.word.findall(text)),
        characters=characters,
        characters_no_spaces=characters - len(patterns.space.findall(text)),
    )

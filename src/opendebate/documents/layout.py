"""Layout decisions shared by the renderers, so that the formats agree.

Documents issued in New York are printed on US Letter with margins of about one inch.
"""

from __future__ import annotations

import re
import unicodedata

from opendebate.common.languages import Language

from .model import UNDocument

PAGE_WIDTH_PT = 612  # 8.5 in
PAGE_HEIGHT_PT = 792  # 11 in
MARGIN_PT = 72
HEADER_DISTANCE_PT = 36  # from the page edge to the running header and footer
FIRST_LINE_INDENT_PT = 36
LIST_INDENT_PT = 18  # per nesting level, and the width of the marker column
SIGNATURE_INDENT_PT = 252  # the signature block starts past the middle of the text width

# The running header and footer hold identifiers (symbol, page numbers, job number), which read
# left to right in every version: "20-05220 (A)" must not become "(A) 20-05220" in Arabic.
RUNNING_LANGUAGE = "en"

# The region each language is tagged with where a format wants one (spelling, hyphenation).
REGIONS = {"ar": "SA", "zh": "CN", "en": "US", "fr": "FR", "ru": "RU", "es": "ES"}

BODY_SIZE_PT = 10
# Arabic faces (Amiri, Traditional Arabic) and Chinese faces read small beside a Latin face of
# the same nominal size; UN Arabic and Chinese documents are set larger for the same reason.
_SIZE_PT = {"ar": 13, "zh": 11}


def font_size(language: str) -> int:
    return _SIZE_PT.get(language, BODY_SIZE_PT)


def is_rtl(language: str) -> bool:
    return Language(language).is_rtl


def header_lines(document: UNDocument) -> list[tuple[str, str]]:
    """The distribution, date and language lines of the header block, each with its language:
    the version's own, except that a line written left to right in a right-to-left version is
    in English, as the UN prints these lines in its Arabic versions (see HeaderBlock). Setting
    such a line right to left would turn "2 September 2020" into "September 2020 2"."""
    header, language = document.header, document.language
    lines = (header.distribution, header.date_line, *header.language_lines)
    if not is_rtl(language):
        return [(line, language) for line in lines]
    return [(line, language if _starts_right_to_left(line) else "en") for line in lines]


def _starts_right_to_left(text: str) -> bool:
    """The direction of a line by its first strongly directional character (Unicode bidi rules
    P2 and P3, as HTML's dir="auto" does)."""
    for character in text:
        direction = unicodedata.bidirectional(character)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


# A UN document symbol ("S/2020/866", "S/PRST/2020/1", "A/75/649", the placeholder "S/____/___").
# It reads left to right in every version: in an Arabic line the bidirectional algorithm would
# otherwise carry its slashes and underscores to the right-to-left side ("___/____/S").
# One group, so that SYMBOL.split keeps the symbols (at odd indices).
# A symbol's parts may hold a full stop or a hyphen inside them ("Rev.1", "DEMO-1"), never at
# their end (the full stop or hyphen of the sentence around it).
SYMBOL = re.compile(r"((?<![\w/])[A-Z]{1,4}(?:/\w+(?:[.\-]\w+)*)+)", re.ASCII)
LEFT_TO_RIGHT_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2066", "\u2069"


def isolate_symbols(text: str) -> str:
    """`text` with each symbol in a left-to-right isolate, for formats that take Unicode's
    isolate characters as they are (Typst); HTML and DOCX mark the symbol up instead."""
    if "/" not in text:
        return text
    return SYMBOL.sub(
        lambda match: f"{LEFT_TO_RIGHT_ISOLATE}{match.group()}{POP_DIRECTIONAL_ISOLATE}", text
    )


def running_job_number(document: UNDocument) -> str:
    """The job number as later pages show it: "20-08902", without the language letter and
    dates that page 1 carries ("20-08902 (F) 130720")."""
    return document.job_number.split(" ", 1)[0]


# A run of characters with no line-break opportunity longer than a line holds (a pasted hash, a
# URL without slashes, a 17,000-letter "aaaa...") overflows the page in Typst, which never
# breaks inside a word; past about 16,000 characters it even makes an invalid PDF. Word,
# LibreOffice and browsers (document.css: overflow-wrap) break such a run at the margin
# themselves; for the PDF a zero-width space is put every _CHUNK characters of it. Spaces,
# hyphens, dashes and slashes already allow a break, and so do the scripts written without
# spaces that Typst breaks by character or by dictionary (Thai, Lao, Myanmar, Khmer, the CJK
# ideographs, kana and punctuation), so runs of those are left alone.
_LONGEST_LINE = 80
_CHUNK = 40
_UNBROKEN = re.compile(
    "[^\\s\\-/\u2010-\u2014\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
    "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]"
    f"{{{_LONGEST_LINE},}}"
)
ZERO_WIDTH_SPACE = "\u200b"


def breakable(text: str) -> str:
    """`text` with a break opportunity in every run too long for a line."""
    if len(text) < _LONGEST_LINE:
        return text
    return _UNBROKEN.sub(_allow_breaks, text)


def _allow_breaks(match: re.Match[str]) -> str:
    run = match.group()
    pieces, start = [], 0
    while start < len(run):
        end = min(start + _CHUNK, len(run))
        # Never between a character and the marks, joiners or modifiers that attach to it.
        while end < len(run) and unicodedata.category(run[end]) in ("Mn", "Mc", "Me", "Cf", "Sk"):
            end += 1
        pieces.append(run[start:end])
        start = end
    return ZERO_WIDTH_SPACE.join(pieces)

"""The letter's own fields: from its title, its header block and its running headers."""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterator, Mapping

from opendebate.ingest.reflow import SYMBOL_RE, Paragraph
from opendebate.ingest.text import fold, phrase_pattern
from opendebate.meetings.importer import vocab
from opendebate.meetings.importer.dates import find_dates
from opendebate.meetings.importer.document import (
    ADDRESSED,
    ADDRESSEES,
    FUNCTIONS,
    NOT_A_LETTER,
    Findings,
    Hit,
    Parts,
    PhraseTable,
    detect_language,
    matches,
    search,
)
from opendebate.meetings.importer.result import LetterFields

_LANGUAGES = PhraseTable(vocab.LANGUAGE_NAMES)
_MARK = phrase_pattern(vocab.ORIGINAL_MARK)
_BRACKETED_MARK = re.compile(rf"\[\s*(?:{_MARK})\s*:?\s*(?P<language>[^\]]+)\]")
_HEADER_MARK = re.compile(rf"(?:{_MARK})\s*:\s*(?P<language>.+)")
# Where a title puts the sender's name, to name a sender the registry does not know.
_FUNCTION = FUNCTIONS.pattern.pattern
_OF = r"(?:(?:of|del|des|de|du)\s+|d')(?:(?:the|la|le|el)\s+|l')?"
_SENDER_SLOTS = tuple(
    re.compile(pattern)
    for pattern in (
        rf"(?:{_FUNCTION})\s+{_OF}(?:(?:permanent mission|mission permanente|mision permanente)"
        rf"\s+{_OF})?(?P<name>[^,]+?)\s+(?:to the united nations|aupres d|ante las naciones)",
        rf"(?:{_FUNCTION})\s+(?:постоянного представительства\s+)?(?P<name>.+?)\s+при организации",
        rf"(?:{_FUNCTION})\s+(?:للبعثة الدائمة\s+)?ل(?P<name>.+?)\s+لدى",
        r"日(?P<name>.+?)常驻",
    )
)


class EntityIndex:
    """The registry's name forms (any language, any article form), longest first."""

    def __init__(self, entities: Mapping[str, str]) -> None:
        self._codes, self._pattern = _index(tuple(sorted(entities.items())))

    def find(self, paragraph: Paragraph) -> Iterator[tuple[Hit, str]]:
        """The known names in a paragraph, with their entity codes."""
        if self._pattern is not None:
            for hit in search(self._pattern, [paragraph]):
                yield hit, self._codes[_key(hit.text)]


def _key(name: str) -> str:
    return " ".join(fold(name).split())


# The registry changes rarely and its pattern (thousands of names) takes a while to build.
@functools.lru_cache(maxsize=4)
def _index(entities: tuple[tuple[str, str], ...]) -> tuple[dict[str, str], re.Pattern[str] | None]:
    codes = {_key(name): code for name, code in entities if name.strip()}
    return codes, re.compile(phrase_pattern(codes)) if codes else None


def read_letter(parts: Parts, entities: EntityIndex, findings: Findings) -> LetterFields:
    title = parts.title
    if title is None:
        findings.warn(NOT_A_LETTER)
        for key in ("letter.date", "letter.sender", "letter.sender_function", "letter.addressee"):
            findings.missing(key)
        date = sender = function = addressee = None
    else:
        found = next(matches(ADDRESSED, [title]), None)
        addressed = Hit.group(title, found[1], "addressee") if found else None
        date = _letter_date(title, findings)
        sender = _sender(title, addressed, entities, findings, parts.letter[:1])
        function = _sender_function(title, addressed, findings)
        addressee = _addressee(addressed, findings)
    return LetterFields(
        date=date,
        sender=sender,
        sender_function=function,
        addressee=addressee,
        language=_language(parts, findings),
        original_language=_original_language(parts, findings),
        symbol=_symbol(parts, findings),
    )


def _outside(hit: Hit, other: Hit | None) -> bool:
    return other is None or hit.end <= other.start or hit.start >= other.end


def _letter_date(title: Paragraph, findings: Findings) -> datetime.date | None:
    dates = find_dates(title.folded.text)
    if not dates:
        findings.missing("letter.date")
        return None
    hit = Hit.folded(title, dates[0].start, dates[0].end)
    findings.found("letter.date", hit)
    if dates[0].value is None:
        findings.invalid_date("letter.date", hit)
    return dates[0].value


def _sender(
    title: Paragraph,
    addressee: Hit | None,
    entities: EntityIndex,
    findings: Findings,
    opening: tuple[Paragraph, ...],
) -> str | None:
    """The State or organization the title names as sender; else, for a title that names
    none ("from the President of the Security Council"), the first one the letter's opening
    paragraph names ("Ireland, which holds the presidency ..."), with a warning."""
    for hit, code in entities.find(title):
        if _outside(hit, addressee):
            findings.found("letter.sender", hit)
            return code
    for slot in _SENDER_SLOTS:
        match = slot.search(title.folded.text)
        if match:
            hit = Hit.group(title, match, "name")
            findings.found("letter.sender", hit)
            findings.warn(f"letter.sender '{hit.text}' is not a known State or organization")
            return None
    for paragraph in opening:
        for hit, code in entities.find(paragraph):
            findings.found("letter.sender", hit)
            findings.warn(
                f"letter.sender '{hit.text}' is read from the letter's text: its title names "
                "no State or organization"
            )
            return code
    findings.missing("letter.sender")
    return None


def _sender_function(title: Paragraph, addressee: Hit | None, findings: Findings) -> str | None:
    for hit in search(FUNCTIONS.pattern, [title]):
        if _outside(hit, addressee):
            findings.found("letter.sender_function", hit)
            return FUNCTIONS.label(hit.text)
    findings.missing("letter.sender_function")
    return None


def _addressee(addressee: Hit | None, findings: Findings) -> str | None:
    if addressee is None:
        findings.missing("letter.addressee")
        return None
    findings.found("letter.addressee", addressee)
    return ADDRESSEES.label(addressee.text)


def _language(parts: Parts, findings: Findings) -> str | None:
    language = detect_language([*parts.header, *parts.text])
    if language is None:
        findings.missing("letter.language")
    return language


def _original_language(parts: Parts, findings: Findings) -> str | None:
    """The header block's "Original: French" (the document's), else an "[Original: French]"
    mark (the annex's: a letter and its annex are usually written in the same language)."""
    marks = [
        *((p, m) for p, m in matches(_HEADER_MARK, parts.header)),
        *((p, m) for p, m in matches(_BRACKETED_MARK, parts.text)),
    ]
    if not marks:
        findings.warn("letter.original_language not found (no '[Original: ...]' mark)")
        return None
    paragraph, match = marks[0]
    named = Hit.group(paragraph, match, "language")
    findings.found("letter.original_language", named)
    language = _LANGUAGES.pattern.search(fold(named.text))
    if language is None:
        findings.warn(f"letter.original_language '{named.text}' is not an official language")
        return None
    return _LANGUAGES.label(language.group())


def _symbol(parts: Parts, findings: Findings) -> str | None:
    found = [(hit.lines, hit.text) for hit in search(SYMBOL_RE, parts.header)]
    found += [((furniture.line,), furniture.symbol) for furniture in parts.running_symbols]
    found.sort()
    symbols = list(dict.fromkeys(symbol for _, symbol in found))
    if not symbols:
        findings.missing("letter.symbol")
        return None
    findings.found_lines("letter.symbol", found[0][0])
    if len(symbols) > 1:
        listed = ", ".join(f"'{symbol}'" for symbol in symbols)
        findings.warn(f"letter.symbol is ambiguous ({listed}); the first is used")
    return symbols[0]

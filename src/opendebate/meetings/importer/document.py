"""The parts of a letter (header block, title, letter, annex) and the bookkeeping of findings.

A UN letter reads: the header block (organ, symbol, distribution, "Original: ..."), the title
"Letter dated ... from ... addressed to ...", the letter itself and its signature, then the annex
(the concept note) under "Annex to the letter dated ...". Each field is looked for in the part
where it lives, so that a date in the concept note's background is never taken for the
letter's date.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from opendebate.ingest.reflow import Furniture, Paragraph, Reflowed, is_closed
from opendebate.ingest.text import fold, phrase_pattern
from opendebate.meetings.importer import vocab
from opendebate.meetings.importer.dates import find_dates
from opendebate.meetings.importer.result import SourceSpan

# A Chinese title starts with the letter's date and names the addressee with 给 ("...给秘书长的信").
_ZH_TITLE = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[^。]*给"
_TITLE = re.compile(rf"(?:{phrase_pattern(vocab.LETTER_TITLE)})|{_ZH_TITLE}")
_ANNEX_WORD = re.compile(phrase_pattern(vocab.ANNEX_WORD))
_ANNEX = re.compile(
    rf"(?:{phrase_pattern(vocab.ANNEX_HEADING)})|(?:{_ANNEX_WORD.pattern})$|{_ZH_TITLE}.*的信的附件$"
)
# A title wrapped over more short lines than this is not a title.
_MAX_TITLE_PIECES = 6
NOT_A_LETTER = (
    "The text does not look like a letter (no 'Letter dated' / '信' / 'Lettre datée' / "
    "'Carta de fecha' / 'Письмо' / 'رسالة' title)"
)


@dataclass(frozen=True)
class Hit:
    """Where a value was read: text[start:end] of a paragraph."""

    paragraph: Paragraph
    start: int
    end: int

    @classmethod
    def folded(cls, paragraph: Paragraph, start: int, end: int) -> Hit:
        """The hit for folded slice [start, end) of the paragraph."""
        return cls(paragraph, *paragraph.folded.span(start, end))

    @property
    def text(self) -> str:
        return self.paragraph.text[self.start : self.end].strip()

    @property
    def lines(self) -> tuple[int, ...]:
        return self.paragraph.lines(self.start, self.end)

    @classmethod
    def group(cls, paragraph: Paragraph, match: re.Match[str], name: str | int = 0) -> Hit:
        """The hit for a group of a match in the paragraph's folded text."""
        return cls.folded(paragraph, *match.span(name))


def matches(
    pattern: re.Pattern[str], paragraphs: Iterable[Paragraph]
) -> Iterator[tuple[Paragraph, re.Match[str]]]:
    """Every match of `pattern` in the folded paragraphs, in reading order."""
    for paragraph in paragraphs:
        for match in pattern.finditer(paragraph.folded.text):
            yield paragraph, match


def search(pattern: re.Pattern[str], paragraphs: Iterable[Paragraph]) -> Iterator[Hit]:
    """The hits of every match of `pattern` in the paragraphs, in reading order."""
    return (Hit.group(paragraph, match) for paragraph, match in matches(pattern, paragraphs))


class PhraseTable:
    """Phrases grouped under labels (see `vocab`): which label a matched phrase belongs to."""

    def __init__(self, table: Mapping[str, Sequence[str]]) -> None:
        self.pattern = re.compile(phrase_pattern(p for phrases in table.values() for p in phrases))
        self._labels = {
            _key(phrase): label for label, phrases in table.items() for phrase in phrases
        }

    def label(self, phrase: str) -> str:
        """The label of a phrase the pattern matched."""
        return self._labels[_key(phrase)]


def _key(phrase: str) -> str:
    return " ".join(fold(phrase.rstrip("*")).split())


FUNCTIONS = PhraseTable(vocab.SENDER_FUNCTIONS)
ADDRESSEES = PhraseTable(vocab.ADDRESSEES)
# "addressed to the Secretary-General": the addressee as group "addressee".
ADDRESSED = re.compile(
    rf"(?:{phrase_pattern(vocab.ADDRESSED_TO)})\s*(?:(?:the|la|le|el)\s+)?"
    rf"(?P<addressee>{ADDRESSEES.pattern.pattern})"
)
_TITLE_END = re.compile(
    rf"(?:{phrase_pattern(vocab.TITLE_END)}|{ADDRESSEES.pattern.pattern})[\s.:]*$"
)


class Findings:
    """Where each field came from, and the warnings for those missing or doubtful."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        self.sources: dict[str, SourceSpan] = {}
        self.warnings: list[str] = []

    def found(self, key: str, *hits: Hit) -> None:
        self.found_lines(key, {line for hit in hits for line in hit.lines})

    def found_lines(self, key: str, lines: Iterable[int]) -> None:
        numbers = tuple(sorted(lines))
        self.sources[key] = SourceSpan(numbers, tuple(self._lines[n - 1] for n in numbers))

    def missing(self, key: str) -> None:
        self.warnings.append(f"{key} not found")

    def invalid_date(self, key: str, hit: Hit) -> None:
        self.warnings.append(f"{key} '{hit.text}' is not a valid date")

    def warn(self, message: str) -> None:
        self.warnings.append(message)


# Where a sentence ends; semicolons also end a clause, except inside a list that they separate.
_SENTENCE_END = re.compile(r"[.;。；؛!?](?=\s|$)|[。；؛]")
_LIST_END = re.compile(r"[.。!?](?=\s|$)|。")
# Full stops that end an abbreviation, not a sentence: honorifics ("Mr.", "H.E."), "a.i.",
# and initials ("S. E. Mme", "г-на С. В. Лебедева").
_ABBREVIATIONS = {fold(h)[:-1] for h in vocab.HONORIFICS if h.endswith(".")} | set(
    vocab.ABBREVIATIONS
)


def sentence_end(folded: str, start: int, *, in_list: bool = False) -> int:
    """Where the sentence running from `start` in folded text ends, not stopping at an
    abbreviation's full stop; `in_list` lets semicolons separate items instead."""
    for match in (_LIST_END if in_list else _SENTENCE_END).finditer(folded, start):
        word = folded[start : match.start()].rsplit(maxsplit=1)[-1:]
        abbreviation = bool(word) and (word[0] in _ABBREVIATIONS or len(word[0]) == 1)
        if match.group() != "." or not abbreviation:
            return match.start()
    return len(folded)


@dataclass(frozen=True)
class Parts:
    header: tuple[Paragraph, ...]  # before the title: masthead, symbol, "Original: ..."
    title: Paragraph | None
    letter: tuple[Paragraph, ...]  # the letter's own paragraphs, or all text if no title
    annex: tuple[Paragraph, ...]  # after the annex heading
    running_symbols: tuple[Furniture, ...]  # symbols of the running headers and footers

    @property
    def text(self) -> tuple[Paragraph, ...]:
        """Everything after the header block."""
        return (*((self.title,) if self.title else ()), *self.letter, *self.annex)


def split(cleaned: Reflowed) -> Parts:
    paragraphs = cleaned.paragraphs
    title = next((i for i, p in enumerate(paragraphs) if _TITLE.match(p.folded.text)), None)
    heading, start = _whole_title(paragraphs, title) if title is not None else (None, 0)
    annex = next(
        (i for i in range(start, len(paragraphs)) if _ANNEX.match(paragraphs[i].folded.text)),
        None,
    )
    annex_end = _whole_title(paragraphs, annex)[1] if annex is not None else len(paragraphs)
    return Parts(
        header=paragraphs[:title] if title is not None else (),
        title=heading,
        letter=paragraphs[start : len(paragraphs) if annex is None else annex],
        annex=paragraphs[annex_end:],
        running_symbols=cleaned.symbols,
    )


def _whole_title(paragraphs: Sequence[Paragraph], index: int) -> tuple[Paragraph, int]:
    """The title starting at paragraphs[index], rejoined when the re-flow left it in pieces
    (short centred lines are not "full"), and the index after it.

    A title is whole when it names its date, the sender's function and the addressee, and ends
    as titles end in its language (see `vocab.TITLE_END`); an annex heading may also be the
    bare word. A piece that ends a sentence, or is a list item or heading, is never part of a
    title, and a title has at most `_MAX_TITLE_PIECES` pieces.
    """
    title = paragraphs[index]
    end = index + 1
    while (
        not _is_whole(title)
        and end < len(paragraphs)
        and end - index < _MAX_TITLE_PIECES
        and paragraphs[end].kind == "text"
        and not is_closed(paragraphs[end].text)
    ):
        title = title.then(paragraphs[end])
        end += 1
    return title, end


def _is_whole(title: Paragraph) -> bool:
    folded = title.folded.text.strip()
    if _ANNEX_WORD.fullmatch(folded):
        return True
    return (
        _TITLE_END.search(folded) is not None
        and bool(find_dates(folded))
        and ADDRESSED.search(folded) is not None
        and FUNCTIONS.pattern.search(folded) is not None
    )


_STOPWORDS = {
    "en": {"the", "of", "and", "to", "is", "will", "be", "for", "with", "on"},
    "fr": {"le", "les", "des", "du", "et", "une", "au", "aux", "est", "sur"},
    "es": {"el", "los", "las", "del", "y", "una", "por", "con", "para", "es"},
}


def _script(char: str) -> str | None:
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    for script, language in (("CJK", "zh"), ("ARABIC", "ar"), ("CYRILLIC", "ru")):
        if name.startswith(script):
            return language
    return "latin" if name.startswith("LATIN") else None


def detect_language(paragraphs: Sequence[Paragraph]) -> str | None:
    """The language of the text: by script, and for Latin script by its commonest words."""
    text = " ".join(paragraph.text for paragraph in paragraphs)
    scripts = Counter(script for char in text if (script := _script(char)))
    if not scripts:
        return None
    script = scripts.most_common(1)[0][0]
    if script != "latin":
        return script
    words = Counter(re.findall(r"\w+", fold(text)))
    return max(_STOPWORDS, key=lambda language: sum(words[w] for w in _STOPWORDS[language]))

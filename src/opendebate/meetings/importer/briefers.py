"""The briefers: a list under a heading or label, or a list written as prose.

Concept notes name briefers in three layouts, in any of the six languages:

- a section or a label over a list: "4. Briefers" or "Ponentes:" followed by bullets, dashes
  or numbered items (or, in a section of their own, one briefer per line);
- a label with the list on its line: "Intervenants : Mme X, ...; M. Y, ...";
- prose: "The Council will be briefed by Ms. X, Under-Secretary-General for ..., and a
  representative of civil society", "会议将听取 X 和 Y 的通报".

Each item gives a function and, when it names one, a person ("Ms. Ana Pérez, Director of ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from opendebate.ingest.reflow import NUMBERED, Paragraph
from opendebate.ingest.text import Folded, fold, phrase_pattern
from opendebate.meetings.importer import vocab
from opendebate.meetings.importer.document import Findings, Hit, Parts, sentence_end
from opendebate.meetings.importer.result import Briefer

_LABEL = re.compile(
    rf"(?:{NUMBERED.pattern})?\s*(?:\w+\s+){{0,2}}(?:{phrase_pattern(vocab.BRIEFERS_HEADING)})"
    r"(?:\s*[(（][^()（）]*[)）])?(?:\s*[:：]\s*(?P<rest>.*)|\s*$|[^:：.。\n]{1,30}[:：]\s*(?P<more>.*))",
    re.DOTALL,
)
_BRIEFED_BY = re.compile(rf"(?:{phrase_pattern(vocab.BRIEFED_BY)})\s*[:：]?\s*")
_CLOSE = re.compile(phrase_pattern(vocab.BRIEFED_BY_CLOSE))

_TO_BE_DETERMINED = re.compile(phrase_pattern(vocab.TO_BE_DETERMINED))
# The brackets around "(to be determined)", and whatever else they hold ("(TBC later)").
_OPENS_BRACKET = re.compile(r"[(（][^()（）]*$")
_CLOSES_BRACKET = re.compile(r"[^()（）]*[)）]")
_SEPARATOR = re.compile(r"\s*[,，،]\s*")
_HONORIFIC = re.compile(phrase_pattern(vocab.HONORIFICS))
_NAME_SUFFIXES = ("先生", "女士", "阁下")  # Chinese writes the honorific after the name
_OPENER = re.compile(rf"(?:{phrase_pattern(vocab.LIST_ITEM_OPENERS)})\s*")
_CONJUNCTION = re.compile(rf"(?:(?:{phrase_pattern(vocab.LIST_CONJUNCTIONS)})\s*)+")
# Items of a prose list: semicolons when the list has them (its items then hold commas),
# else commas, and a conjunction before a name or an article ("and a representative"): one
# inside a function ("Political and Peacebuilding Affairs") separates nothing. Chinese 和
# separates only after a name or before "一名"; Arabic و, written onto the next word, only
# before a name.
_STRONG = re.compile(r"\s*[;；؛]\s*")
_NEXT_ITEM = rf"(?:{_HONORIFIC.pattern}|{_OPENER.pattern})"
_WEAK = re.compile(
    rf"\s*[,，、،]\s*|\s+(?P<and>and|et|y|e|и)\s+(?={_NEXT_ITEM})"
    r"|(?<=女士|先生)(?P<he>和)|(?P<he2>和)(?=一名|一位)|\s*(?P<wa>و)(?=ال?سيد|سعادة|ممثل)"
)


def read_briefers(parts: Parts, findings: Findings) -> tuple[Briefer, ...]:
    """The briefers of the concept note (else of the letter), in the order given."""
    for paragraphs in (parts.annex, parts.letter):
        found = _list(paragraphs)
        if found is not None:
            heading, items = found
            findings.found("meeting.briefers", heading)
            for index, (hit, _) in enumerate(items):
                findings.found(f"meeting.briefers.{index}", hit)
            return tuple(_briefer(text) for _, text in items)
    findings.missing("meeting.briefers")
    return ()


Items = list[tuple[Hit, str]]


def _list(paragraphs: Sequence[Paragraph]) -> tuple[Hit, Items] | None:
    """The first list of briefers in the paragraphs: where it is introduced, and its items."""
    for index, paragraph in enumerate(paragraphs):
        folded = paragraph.folded.text
        start = introduced(folded)
        if start is None:
            continue
        heading = Hit.folded(paragraph, 0, start)
        end = _list_end(folded, start)
        if folded[start:end].strip(" :：.;。"):
            return heading, _prose_items(paragraph, start, end)
        following = _following(paragraphs[index + 1 :], whole_section=paragraph.kind == "heading")
        if following:
            return heading, [(hit, hit.text) for hit in map(_without_number, following)]
    return None


def introduced(folded: str) -> int | None:
    """Where the list starts after its label ("Ponentes:") or its prose introduction ("will
    be briefed by"); None when the paragraph introduces no list of briefers."""
    indent = len(folded) - len(folded.lstrip())
    if label := _LABEL.match(folded, indent):
        rest = "rest" if label["rest"] is not None else "more"
        return label.start(rest) if label[rest] is not None else label.end()
    intro = _BRIEFED_BY.search(folded)
    return intro.end() if intro else None


def _following(paragraphs: Sequence[Paragraph], *, whole_section: bool) -> list[Paragraph]:
    """The list items after a label: its bullets (dashes, numbers), or in a section of its
    own, one item per paragraph up to the next heading."""
    items: list[Paragraph] = []
    for paragraph in paragraphs:
        if paragraph.kind == "heading":
            break
        if paragraph.kind in ("bullet", "item"):
            items.append(paragraph)
        elif items:
            break
    if items or not whole_section:
        return items
    return [p for p in _until_heading(paragraphs) if not _BRIEFED_BY.search(p.folded.text)]


def _without_number(item: Paragraph) -> Hit:
    """A list item's text without its number ("1. Ms. X" -> "Ms. X")."""
    number = NUMBERED.match(item.folded.text) if item.kind == "item" else None
    return Hit.folded(item, number.end() if number else 0, len(item.folded.text))


def _until_heading(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    section = []
    for paragraph in paragraphs:
        if paragraph.kind == "heading":
            break
        section.append(paragraph)
    return section


def _list_end(folded: str, start: int) -> int:
    """Where a list written as prose ends: the sentence's end (not at "Mr." or "H.E."), or
    the Chinese closing words ("的通报")."""
    end = sentence_end(folded, start, in_list=True)
    close = _CLOSE.search(folded, start, end)
    return close.start() if close else end


@dataclass
class _Item:
    start: int  # the item's span in the paragraph's text
    end: int
    names: list[str] = field(default_factory=list)
    functions: list[str] = field(default_factory=list)


def _prose_items(paragraph: Paragraph, start: int, end: int) -> Items:
    """The items of a list written as prose in folded slice [start, end) of the paragraph.

    Pieces are paired as the list pairs them: when it opens with a name, each name starts an
    item and the function that follows is its own ("Ms. X, Director of ..., Mr. Y, ..."); when
    it opens with a function, each function starts one ("the Director of ..., Ms. X, ...").
    A conjunction always starts an item. A function piece after an item's function starts a
    new item when it opens as an item does (an article, or not a capital), and otherwise
    continues it ("Director, Division of ...").
    """
    folded = paragraph.folded.text
    strong = _STRONG.search(folded, start, end) is not None
    pieces = [
        (Hit.folded(paragraph, piece_start, piece_end), joined)
        for piece_start, piece_end, joined in _pieces(folded, start, end, strong)
    ]
    pieces = [(hit, joined) for hit, joined in pieces if _text(hit)]
    if strong:
        return [(hit, _text(hit)) for hit, _ in pieces]
    items: list[_Item] = []
    names_first = bool(pieces) and _is_name(_text(pieces[0][0]))
    for hit, joined in pieces:
        piece = _text(hit)
        current = None if joined or not items else items[-1]
        if _is_name(piece):
            # A Chinese name carries its function before it: "处长林美华女士" is an item.
            if current is None or names_first or current.names or _ends_in_name(piece):
                current = _Item(hit.start, hit.end)
                items.append(current)
            current.names.append(piece)
        elif current is not None and (
            (current.functions and not _opens_item(piece))  # "Director, Division of ..."
            or (names_first and not current.functions)
        ):
            current.functions.append(piece)
        else:
            current = _Item(hit.start, hit.end, functions=[piece])
            items.append(current)
        current.end = hit.end
    return [
        (Hit(paragraph, item.start, item.end), ", ".join([*item.names, *item.functions]))
        for item in items
    ]


def _text(hit: Hit) -> str:
    return hit.text.strip(" :：;；؛。")


def _pieces(folded: str, start: int, end: int, strong: bool) -> Iterator[tuple[int, int, bool]]:
    """The pieces of folded[start:end] as folded spans, each with whether a conjunction
    joined it to the list ("and ...", "et de ..."), without that conjunction, nor an article
    before a name ("y la Sra. X" -> "Sra. X")."""
    separator = _STRONG if strong else _WEAK
    joined = False
    for match in [*separator.finditer(folded, start, end), None]:
        piece_end = match.start() if match else end
        piece_start = start
        conjunction = _CONJUNCTION.match(folded, piece_start, piece_end)
        if conjunction and conjunction.end() < piece_end:
            piece_start, joined = conjunction.end(), True
        opener = _OPENER.match(folded, piece_start, piece_end)
        if opener and _HONORIFIC.match(folded, opener.end(), piece_end):
            piece_start = opener.end()
        yield piece_start, piece_end, joined
        if match:
            start = match.end()
            joined = any(match.groupdict().values()) if not strong else False


def _is_name(piece: str) -> bool:
    """Whether the piece is a person's name: an honorific and a name ("Professor Li Wei",
    not "Professor of Law"), or a Chinese name with its honorific after it."""
    folded = Folded.of(piece)
    honorific = _HONORIFIC.match(folded.text)
    if honorific is None:
        return _ends_in_name(piece)
    name = piece[folded.span(0, honorific.end())[1] :].lstrip()
    return name[:1].isalpha() and not name[:1].islower()


def _ends_in_name(piece: str) -> bool:
    return piece.endswith(_NAME_SUFFIXES)


def _opens_item(piece: str) -> bool:
    return _OPENER.match(fold(piece)) is not None or not piece[:1].isupper()


def _briefer(text: str) -> Briefer:
    """A function and, when the item gives one, a name ("Ms. Ana Pérez, Director of ...");
    "to be determined" leaves the name empty."""
    folded = fold(text)
    if match := _TO_BE_DETERMINED.search(folded):
        start, end = Folded.of(text).span(*match.span())
        opening = _OPENS_BRACKET.search(text, 0, start)
        closing = _CLOSES_BRACKET.match(text, end)
        if opening and closing:
            start, end = opening.start(), closing.end()
        return Briefer(_tidy(text[:start] + " " + text[end:]))
    pieces = _SEPARATOR.split(text)
    for index, piece in enumerate(pieces):
        if _is_name(piece):
            function = ", ".join(pieces[:index] + pieces[index + 1 :])
            return Briefer(_tidy(function), _tidy(piece)) if function else Briefer(_tidy(text))
    return Briefer(_tidy(text))


def _tidy(text: str) -> str:
    tidy = " ".join(text.split()).strip(" ,，،;；؛。:：")
    # A closing full stop goes, unless it ends an abbreviation ("Mr. John Smith Jr.").
    if tidy.endswith(".") and sentence_end(fold(tidy), 0) == len(tidy) - 1:
        return tidy[:-1].rstrip()
    return tidy

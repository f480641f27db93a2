"""From the database to the compilation document: what is annexed, in what order, and the
UN document the renderers take. Reads only; `services` writes."""

from __future__ import annotations

from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, field
from typing import Any

from opendebate.compilation.dates import meeting_day
from opendebate.compilation.enums import Section
from opendebate.compilation.facts import SpeakerFacts
from opendebate.compilation.letter import LetterFacts, letter_title, paragraphs, signature
from opendebate.compilation.models import Compilation, DeliveredStatement
from opendebate.compilation.order import Item, Move, apply_moves, standard_order
from opendebate.documents.labels import header_block
from opendebate.documents.model import Annex, Block, BlockStyle, Run, UNDocument
from opendebate.entities.models import Entity
from opendebate.entities.queries import council_members
from opendebate.meetings.facts import Fact, fact_in
from opendebate.meetings.letter import ANNEX
from opendebate.meetings.models import Meeting
from opendebate.statements.annex import blocks_from_json, statement_annex
from opendebate.statements.enums import StatementStatus, Timeliness
from opendebate.statements.models import StatementVersion
from opendebate.statements.queries import statements_for_meeting

PLACEHOLDER_SYMBOL = "S/____/___"


@dataclass(frozen=True)
class Entry:
    """One annex-to-be: an item of the order with what its annex is made of."""

    item: Item
    heading: str
    language: str
    blocks: tuple[Block, ...]
    entity: Entity | None = None
    speaker: SpeakerFacts | None = None
    signatory_name: str = ""
    signatory_function: str = ""
    late: bool = False


@dataclass(frozen=True)
class WrittenCandidates:
    """A meeting's written statements as the compilation sees them."""

    on_time: dict[int, StatementVersion] = field(default_factory=dict)  # by statement id
    late: list[StatementVersion] = field(default_factory=list)  # newer than any on-time one


def written_candidates(meeting: Meeting) -> WrittenCandidates:
    """For each statement not withdrawn: its newest on-time version (compiled by default) and,
    when a newer version came late and was accepted, that version (included only on request).
    A late version still waiting for the Secretariat's acceptance is not a candidate. The
    versions come without their text and blocks (`annexed_entries` reads the chosen ones')."""
    candidates = WrittenCandidates()
    statements = statements_for_meeting(meeting, content=False).filter(
        status=StatementStatus.SUBMITTED
    )
    for statement in statements:
        versions = list(statement.versions.all())
        on_time = [v for v in versions if v.timeliness == Timeliness.ON_TIME]
        if on_time:
            candidates.on_time[statement.pk] = on_time[-1]
        newest = versions[-1] if versions else None
        if newest is not None and newest.timeliness == Timeliness.LATE_ACCEPTED:
            candidates.late.append(newest)
    return candidates


def _written_entry(
    version: StatementVersion, entity: Entity, blocks: list[dict[str, Any]], *, late: bool
) -> Entry:
    return Entry(
        item=Item(
            key=f"version-{version.pk}",
            section=Section.WRITTEN,
            sort_key=entity.sort_key,
            is_state=entity.is_state,
            code=entity.code,
        ),
        heading=version.heading,
        language=version.language,
        blocks=blocks_from_json(blocks),
        entity=entity,
        signatory_name=version.signatory_name,
        signatory_function=version.signatory_function,
        late=late,
    )


def _delivered_entry(delivered: DeliveredStatement) -> Entry:
    entity = delivered.entity
    return Entry(
        item=Item(
            key=f"delivered-{delivered.pk}",
            section=Section(delivered.section),
            speaking_order=delivered.speaking_order,
            sort_key=entity.sort_key if entity else "",
            is_state=entity.is_state if entity else False,
            code=entity.code if entity else "",
        ),
        heading=delivered.heading,
        language=delivered.language,
        blocks=blocks_from_json(delivered.blocks),
        entity=entity,
        speaker=SpeakerFacts(delivered.speaker_names, delivered.speaker_functions, entity),
    )


def entries(compilation: Compilation) -> list[Entry]:
    """Everything a compilation annexes, in its final order (computed, then moved). An unsaved
    compilation has no moves or late inclusions: it is the default order."""
    if compilation.pk is None:
        return annexed_entries(compilation.meeting)
    return annexed_entries(
        compilation.meeting,
        late_ids=set(compilation.late_versions.values_list("pk", flat=True)),
        moves=[Move(move.key, move.position) for move in compilation.moves.all()],
    )


def annexed_entries(
    meeting: Meeting, *, late_ids: Set[int] = frozenset(), moves: Sequence[Move] = ()
) -> list[Entry]:
    found = [
        _delivered_entry(delivered)
        for delivered in DeliveredStatement.objects.filter(meeting=meeting).select_related("entity")
    ]
    candidates = written_candidates(meeting)
    chosen = [(version, True) for version in candidates.late if version.pk in late_ids]
    for version, _ in chosen:
        candidates.on_time.pop(version.statement_id, None)
    chosen.extend((version, False) for version in candidates.on_time.values())
    # The blocks of the chosen versions only: the older ones are most of a meeting's JSON.
    blocks = dict(
        StatementVersion.objects.filter(pk__in=[version.pk for version, _ in chosen]).values_list(
            "pk", "blocks"
        )
    )
    found.extend(
        _written_entry(version, version.statement.entity, blocks[version.pk], late=late)
        for version, late in chosen
    )
    by_key = {entry.item.key: entry for entry in found}
    ordered = apply_moves(standard_order(entry.item for entry in found), moves or [])
    return [by_key[item.key] for item in ordered]


def unconfirmed_members(
    compilation: Compilation, annexed: list[Entry] | None = None
) -> list[Entity]:
    """Council members of the meeting's year who sent a written statement that the Secretariat
    has not yet confirmed as a written submission (a member normally speaks). `annexed`, when
    the caller has them, are the compilation's entries."""
    seated = set(
        council_members(meeting_day(compilation.meeting).year).values_list("pk", flat=True)
    )
    confirmed = set(compilation.confirmed_members.values_list("pk", flat=True))
    return [
        entry.entity
        for entry in (entries(compilation) if annexed is None else annexed)
        if entry.item.section == Section.WRITTEN
        and entry.entity is not None
        and entry.entity.pk in seated
        and entry.entity.pk not in confirmed
    ]


def symbol_of(compilation: Compilation) -> str:
    return compilation.symbol or PLACEHOLDER_SYMBOL


class UndatedLetterError(ValueError):
    """The compilation's letter has no confirmed date; it is never dated today by default."""

    def __init__(self) -> None:
        super().__init__("The date of the letter is not set: confirm it before compiling.")


def letter_facts(compilation: Compilation, annexed: list[Entry], language: str) -> LetterFacts:
    meeting = compilation.meeting
    if compilation.letter_date is None:
        raise UndatedLetterError

    def delivered(section: Section) -> list[Entry]:
        return [entry for entry in annexed if entry.item.section == section]

    def entities(chosen: list[Entry]) -> tuple[Entity, ...]:
        return tuple(entry.entity for entry in chosen if entry.entity is not None)

    presiding = delivered(Section.PRESIDENCY)
    written = [entry for entry in delivered(Section.WRITTEN) if not entry.late]
    late = [entry for entry in delivered(Section.WRITTEN) if entry.late]
    return LetterFacts(
        language=language,
        letter_date=compilation.letter_date,
        meeting_date=meeting.local_start.date(),
        meeting_format=meeting.format,
        theme=fact_in(meeting.titles, language, Fact.THEME),
        briefers=tuple(
            e.speaker.in_language(language) for e in delivered(Section.BRIEFING) if e.speaker
        ),
        presidency=presiding[0].speaker.in_language(language)
        if presiding and presiding[0].speaker
        else None,
        members=entities(delivered(Section.MEMBER)),
        non_members=entities(delivered(Section.NON_MEMBER)),
        # The letter lists the written statements alphabetically whatever the annex order.
        written=tuple(sorted(entities(written), key=lambda e: (e.sort_key, not e.is_state))),
        late=tuple(sorted(entities(late), key=lambda e: (e.sort_key, not e.is_state))),
        procedure_symbol=meeting.procedure_letter_symbol,
        signatory=fact_in(compilation.signatories, language, Fact.NAME),
    )


def build_document(
    compilation: Compilation,
    annexed: list[Entry],
    progress: Callable[[int, int], None] = lambda done, total: None,
    *,
    language: str | None = None,
) -> UNDocument:
    """The compilation's version in `language` (default: the compilation's) as a UN document;
    `progress(k, n)` is called as annex k of n is built. Every version names the same original
    language and marks the same annexes. Raises UndatedLetterError without a letter date."""
    language = language or compilation.language
    original = compilation.original_language
    facts = letter_facts(compilation, annexed, language)
    annexes: list[Annex] = []
    total = len(annexed)
    for number, entry in enumerate(annexed, start=1):
        annexes.append(
            statement_annex(
                number=number,
                heading=entry.heading,
                language=entry.language,
                letter_language=language,
                original_language=original,
                blocks=entry.blocks,
                signatory_name=entry.signatory_name,
                signatory_function=entry.signatory_function,
                label_word=ANNEX[language],
            )
        )
        progress(number, total)
    letter_date = facts.letter_date
    issued_on = compilation.issued_on or letter_date
    symbol = symbol_of(compilation)
    return UNDocument(
        header=header_block(
            symbol=symbol, language=language, original_language=original, date=issued_on
        ),
        language=language,
        original_language=original,
        date_of_issue=issued_on,
        job_number="",
        title=letter_title(facts),
        body=tuple(
            Block(runs=(Run(text),), language=language, style=BlockStyle.BODY)
            for text in paragraphs(facts)
        ),
        signature=signature(facts),
        annexes=tuple(annexes),
        akn_work=("un", "unsc", "letter", letter_date.isoformat()),
    )

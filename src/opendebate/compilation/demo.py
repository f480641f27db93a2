"""Demo content for `make run`: written statements, briefings and delivered statements on the
seed meeting, and its compilation issued under a demo symbol, so that it can be read and judged.

Every text comes from data/sample_statements.json, written for this meeting in the six languages.
A written statement is one opening, three to five substantive paragraphs and one closing, drawn
with a fixed seed: the same entities get the same statements on every run, and the plan for N
statements is the start of the plan for more. Everything goes through the services a delegation
and the Secretariat use, so receipts, word counts and detected languages are the real ones.
"""

from __future__ import annotations

import datetime
import functools
import json
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction

from opendebate.accounts.demo import DEMO_USERS
from opendebate.common.cldr import new_york
from opendebate.common.multilingual import Texts
from opendebate.compilation.build import unconfirmed_members
from opendebate.compilation.dates import proposed_letter_date
from opendebate.compilation.enums import CompilationStatus, Section
from opendebate.compilation.models import Compilation, DeliveredStatement
from opendebate.compilation.services import (
    build,
    confirm_written_member,
    issue,
    record_delivered,
    set_letter,
    start_compilation,
)
from opendebate.documents.grammar import french_de, spanish_de
from opendebate.entities.models import Entity
from opendebate.entities.queries import submitting_entities
from opendebate.statements import pipeline
from opendebate.statements.content import Received
from opendebate.statements.enums import Channel
from opendebate.statements.models import Statement, StatementVersion
from opendebate.statements.pipeline import PASTED_NAME, Arrival
from opendebate.statements.wordcount import count_words

if TYPE_CHECKING:
    from opendebate.accounts.models import User
    from opendebate.meetings.models import Meeting

BANK_FILE = Path(__file__).resolve().parent / "data" / "sample_statements.json"
SEED = "opendebate demo S/2020/866"
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
# Substantive paragraphs are added until the statement reaches a length drawn from TARGET_WORDS,
# never past MAX_WORDS once it has the minimum: statements of about 350 to 600 words.
SUBSTANTIVE = (3, 5)
TARGET_WORDS = (380, 540)
MAX_WORDS = 600
CHANNELS = (Channel.WEB, Channel.UPLOAD, Channel.EMAIL, Channel.API)
CHANNEL_WEIGHTS = (4, 3, 2, 1)
# Hours before the deadline a statement arrives: from a week early to minutes before, most of
# them on the last day, as delegations do.
ARRIVAL_HOURS = (0.25, 150.0, 6.0)  # earliest, latest, most usual
# Its Secretary-General briefs: the Organization sends no written statement as well.
BRIEFING_ORGANIZATION = "OIF"
# The demo compilation: a symbol of a form no real document has (the issue service accepts it
# only outside production), in English, the language most who try the demo read. The letter is
# dated the day after the meeting and issued a week after it, as the Council's were in 2020.
DEMO_SYMBOL = "S/2020/DEMO-1"
DEMO_LANGUAGE = "en"
ISSUED_AFTER = datetime.timedelta(days=7)


@functools.cache
def sample_bank() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(BANK_FILE.read_text(encoding="utf-8"))
    return data


def _seeded(key: str) -> random.Random:
    """A generator of its own for each key, so that one entity's draws never shift another's."""
    return random.Random(f"{SEED} {key}")  # noqa: S311  (demo text, not secrets)


@functools.cache
def _words(paragraph: str, language: str) -> int:
    return count_words(paragraph, language).words


def statement_heading(entity: Entity, language: str) -> str:
    """ "Statement by the Permanent Mission of Canada to the United Nations", in `language`."""
    running = entity.running_name(language)
    contract = {"fr": french_de, "es": spanish_de}.get(language)
    template: str = sample_bank()["headings"][language][entity.kind]
    return template.format(
        running=running,
        de=contract(running) if contract else running,
        gen=entity.inflection("ru_gen"),
        li=entity.inflection("ar_li"),
    )


def compose(
    rng: random.Random, language: str, *, opening: str = "", closing: str = ""
) -> tuple[str, ...]:
    """The paragraphs of one statement: an opening, distinct substantive paragraphs in a random
    order until the drawn length is reached, and a closing."""
    bank = sample_bank()["paragraphs"][language]
    first = opening or rng.choice(bank["opening"])
    last = closing or rng.choice(bank["closing"])
    target = rng.randint(*TARGET_WORDS)
    words = _words(first, language) + _words(last, language)
    body: list[str] = []
    for paragraph in rng.sample(bank["substantive"], len(bank["substantive"])):
        enough = len(body) >= SUBSTANTIVE[0]
        if len(body) == SUBSTANTIVE[1] or (enough and words >= target):
            break
        if enough and words + _words(paragraph, language) > MAX_WORDS:
            continue
        body.append(paragraph)
        words += _words(paragraph, language)
    return (first, *body, last)


@dataclass(frozen=True)
class PlannedStatement:
    entity: Entity
    language: str
    heading: str
    paragraphs: tuple[str, ...]
    channel: Channel
    received_at: datetime.datetime

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def writers() -> list[Entity]:
    """Who may send a written statement in the demo: every entity that can submit, except those
    who spoke at the meeting, the briefing organization, and the demo delegations (left for
    whoever tries the demo to submit)."""
    bank = sample_bank()
    spoken = {bank["presidency"]["code"], *(member["code"] for member in bank["members"])}
    demo_users = {code for _email, _name, _role, code in DEMO_USERS if code}
    left_out = spoken | demo_users | {BRIEFING_ORGANIZATION}
    return list(submitting_entities().exclude(code__in=left_out).order_by("sort_key", "code"))


def _choose_speakers(
    pool: list[Entity], count: int, rng: random.Random
) -> list[tuple[Entity, str]]:
    """`count` entities with the language each writes in. The first six picks take one language
    each, so every language appears; then languages are drawn by weight while entities last."""
    bank = sample_bank()
    assigned = {code: language for language, codes in bank["languages"].items() for code in codes}
    buckets: dict[str, list[Entity]] = {language: [] for language in LANGUAGES}
    for entity in pool:
        buckets[assigned.get(entity.code, "en")].append(entity)
    for bucket in buckets.values():
        rng.shuffle(bucket)
    first_round = rng.sample(LANGUAGES, len(LANGUAGES))
    weights = bank["language_weights"]
    chosen: list[tuple[Entity, str]] = []
    while len(chosen) < count:
        open_languages = [language for language in LANGUAGES if buckets[language]]
        if not open_languages:
            break
        if first_round:
            language = first_round.pop(0)
            if not buckets[language]:
                continue
        else:
            language = rng.choices(open_languages, [weights[lang] for lang in open_languages])[0]
        chosen.append((buckets[language].pop(), language))
    return chosen


def plan_statements(
    meeting: Meeting, count: int, pool: list[Entity] | None = None
) -> list[PlannedStatement]:
    """Up to `count` statements from distinct entities, all texts different, all received before
    the meeting's deadline. Deterministic: a larger count extends a smaller one's plan."""
    pool = writers() if pool is None else pool
    deadline = meeting.deadline or meeting.starts_at
    used: set[tuple[str, ...]] = set()
    planned = []
    for entity, language in _choose_speakers(pool, count, _seeded("")):
        rng = _seeded(entity.code)
        paragraphs = compose(rng, language)
        while paragraphs in used:
            paragraphs = compose(rng, language)
        used.add(paragraphs)
        hours = rng.triangular(*ARRIVAL_HOURS)
        planned.append(
            PlannedStatement(
                entity=entity,
                language=language,
                heading=statement_heading(entity, language),
                paragraphs=paragraphs,
                channel=rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0],
                received_at=deadline - datetime.timedelta(seconds=round(hours * 3600)),
            )
        )
    return planned


def submit_planned(meeting: Meeting, planned: PlannedStatement) -> StatementVersion:
    """Submit as the channel would: an upload is a text file read like one, the rest pasted."""
    upload = planned.channel == Channel.UPLOAD
    received = Received(
        data=planned.text.encode(),
        name=f"statement-{planned.entity.code.lower()}.txt" if upload else PASTED_NAME,
        pasted=not upload,
        heading=planned.heading,
        language=planned.language,
    )
    receipt_language = planned.language if planned.channel == Channel.EMAIL else None
    arrival = Arrival(
        meeting,
        planned.entity,
        planned.channel,
        planned.received_at,
        receipt_language=receipt_language,
    )
    return pipeline.submit(arrival, received).version


@dataclass(frozen=True)
class Spoken:
    """A briefing or statement delivered at the meeting, as the Secretariat records it."""

    section: Section
    order: int
    entity_code: str | None
    speaker: Texts
    function: Texts
    heading: str
    language: str
    paragraphs: tuple[str, ...]


def speaker_names(latin: str) -> Texts:
    """A speaker's name in the six languages: the Latin form and the bank's renderings."""
    return {"en": latin, "fr": latin, "es": latin, **sample_bank()["speaker_names"].get(latin, {})}


def spoken_at_meeting(meeting: Meeting) -> list[Spoken]:
    """The briefings, the presidency's statement and the Council members' statements."""
    bank = sample_bank()
    spoken = [
        Spoken(
            section=Section.BRIEFING,
            order=briefing["order"],
            entity_code=None,
            speaker=speaker_names(briefing["speaker"]),
            function=briefing["functions"],
            heading=briefing["heading"],
            language=briefing["language"],
            paragraphs=tuple(briefing["paragraphs"]),
        )
        for briefing in bank["briefings"]
    ]
    presidency = bank["presidency"]
    members = [(Section.MEMBER, member) for member in bank["members"]]
    for section, speech in [(Section.PRESIDENCY, presidency), *members]:
        rng = _seeded(f"delivered {speech['code']}")
        spoken.append(
            Spoken(
                section=section,
                order=speech["order"],
                entity_code=speech["code"],
                speaker=speaker_names(speech["speaker"]),
                function=meeting.chair_functions if section == Section.PRESIDENCY else {},
                heading=speech["heading"],
                language=speech["language"],
                paragraphs=compose(
                    rng,
                    speech["language"],
                    opening=speech.get("opening", ""),
                    closing=speech.get("closing", ""),
                ),
            )
        )
    return spoken


def record_spoken(meeting: Meeting, recorder: User) -> int:
    """Record what `spoken_at_meeting` lists and is not yet recorded; return how many."""
    recorded = set(
        DeliveredStatement.objects.filter(meeting=meeting).values_list("section", "speaking_order")
    )
    added = 0
    for spoken in spoken_at_meeting(meeting):
        if (spoken.section, spoken.order) in recorded:
            continue
        record_delivered(
            user=recorder,
            meeting=meeting,
            section=spoken.section,
            speaking_order=spoken.order,
            entity=Entity.objects.get(code=spoken.entity_code) if spoken.entity_code else None,
            speaker_names=spoken.speaker,
            speaker_functions=spoken.function,
            heading=spoken.heading,
            data="\n\n".join(spoken.paragraphs).encode(),
            name=PASTED_NAME,
            pasted=True,
            language=spoken.language,
        )
        added += 1
    return added


def date_compilation(meeting: Meeting, recorder: User) -> None:
    """The meeting's working compilation, its letter dated the day after the meeting as the
    Secretariat would confirm it (a compilation is never dated today by default). Nothing once
    the meeting's compilation is issued: what comes later goes into a revision an officer
    starts, not into a new draft each time the demo runs."""
    if meeting.compilations.filter(status=CompilationStatus.ISSUED).exists():
        return
    compilation = start_compilation(user=recorder, meeting=meeting, language=DEMO_LANGUAGE)
    if compilation.letter_date is None:
        set_letter(
            user=recorder,
            compilation=compilation,
            letter_date=proposed_letter_date(meeting),
            original_language=compilation.original_language,
        )


@dataclass(frozen=True)
class DemoReport:
    requested: int
    available: int  # entities that may write in the demo
    existing: int  # written statements the meeting had before
    added: tuple[StatementVersion, ...] = ()
    delivered_added: int = 0
    delivered_total: int = 0
    recorded_delivered: bool = False

    def lines(self) -> list[str]:
        """What the demo command prints."""
        lines = []
        if self.requested > self.available:
            lines.append(
                f"Only {self.available} entities can send a written statement in the demo: "
                f"filling {self.available}, not {self.requested}."
            )
        if self.added:
            languages = Counter(version.language for version in self.added)
            by_language = ", ".join(
                f"{languages[language]} {language}"
                for language in LANGUAGES
                if language in languages
            )
            lines.append(
                f"Written statements: {len(self.added)} added ({by_language}); "
                f"the meeting now has {self.existing + len(self.added)}."
            )
        else:
            lines.append(
                f"Written statements: the meeting already has {self.existing} "
                f"(asked for {self.requested}); none added."
            )
        if not self.recorded_delivered:
            lines.append("Briefings and delivered statements: skipped (no Secretariat user).")
        elif self.delivered_added:
            lines.append(
                f"Briefings and delivered statements: {self.delivered_added} recorded "
                f"({self.delivered_total} in all)."
            )
        else:
            lines.append(
                f"Briefings and delivered statements: already recorded ({self.delivered_total})."
            )
        return lines


def fill_demo_meeting(meeting: Meeting, *, statements: int, recorder: User | None) -> DemoReport:
    """Give `meeting` `statements` written statements from distinct entities (as many as may write
    when fewer), and the briefings and delivered statements when `recorder`, a Secretariat user,
    is given, with the working compilation dated the day after the meeting. Idempotent: an entity that has a statement gets no second version, a meeting that
    has enough gets none, and what was delivered is recorded once. Nothing at all for 0.

    Writes through the statement and compilation services, so the meeting must be confirmed;
    every statement is received before its deadline.
    """
    pool = writers()
    existing = set(Statement.objects.filter(meeting=meeting).values_list("entity__code", flat=True))
    if statements <= 0:
        return DemoReport(requested=statements, available=len(pool), existing=len(existing))
    wanted = min(statements, len(pool))
    missing = wanted - len(existing)
    added: list[StatementVersion] = []
    for planned in plan_statements(meeting, wanted, pool) if missing > 0 else []:
        if len(added) == missing:
            break
        if planned.entity.code not in existing:
            added.append(submit_planned(meeting, planned))
    if recorder is not None:
        date_compilation(meeting, recorder)
    return DemoReport(
        requested=statements,
        available=len(pool),
        existing=len(existing),
        added=tuple(added),
        delivered_added=record_spoken(meeting, recorder) if recorder is not None else 0,
        delivered_total=DeliveredStatement.objects.filter(meeting=meeting).count(),
        recorded_delivered=recorder is not None,
    )


@dataclass(frozen=True)
class DemoIssue:
    compilation: Compilation
    issued_now: bool

    def line(self) -> str:
        annexes = len(self.compilation.contents)
        if self.issued_now:
            return f"Compilation: issued as {self.compilation.symbol} with {annexes} annexes."
        return (
            f"Compilation: already issued as {self.compilation.symbol} ({annexes} annexes); "
            "statements added since go into a revision."
        )


def issue_demo_compilation(meeting: Meeting, officer: User) -> DemoIssue:
    """Issue `meeting`'s compilation under DEMO_SYMBOL with what the meeting has now, once.

    Goes through the Secretariat's issue service, then builds the four files here rather than
    in a worker, so that the command ends with the document on the site; the task the service
    queued finds nothing left to build. A second call finds it issued and does nothing; one
    whose build failed before is built again.
    """
    compilation = Compilation.objects.filter(symbol=DEMO_SYMBOL).first()
    if compilation is not None and compilation.is_issued:
        return DemoIssue(compilation, issued_now=False)
    if compilation is None:
        held_on = new_york(meeting.starts_at).date()
        with transaction.atomic():
            draft = start_compilation(user=officer, meeting=meeting, language=DEMO_LANGUAGE)
            # A Council member among the writers is confirmed as the officer would, having
            # checked that it did not speak: the issue service refuses an unconfirmed one.
            for member in unconfirmed_members(draft):
                confirm_written_member(user=officer, compilation=draft, entity=member)
            compilation = issue(
                user=officer,
                compilation=draft,
                symbol=DEMO_SYMBOL,
                issued_on=held_on + ISSUED_AFTER,
                letter_date=draft.letter_date or proposed_letter_date(meeting),
            )
    return DemoIssue(build(compilation.pk), issued_now=True)

"""The facts the compilation letter names, per language: its theme, the briefers and the
presiding State's speaker, and the President who signs; and which of them a version lacks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from opendebate.common.multilingual import Texts, any_text
from opendebate.compilation.enums import Section
from opendebate.compilation.letter import Speaker
from opendebate.entities.models import Entity
from opendebate.meetings.facts import Fact, Labelled, Missing, fact_in, missing_in

if TYPE_CHECKING:
    from opendebate.compilation.build import Entry
    from opendebate.compilation.models import Compilation

# The parts whose speakers the letter names; the others it names by their State.
NAMED_SECTIONS = (Section.BRIEFING, Section.PRESIDENCY)


@dataclass(frozen=True)
class SpeakerFacts:
    """A speaker as recorded: name and function per language, and whom they represent."""

    names: Texts = field(default_factory=dict)
    functions: Texts = field(default_factory=dict)
    entity: Entity | None = None

    def in_language(self, language: str) -> Speaker:
        """The speaker as the `language` version names them, placeholders where missing."""
        return Speaker(
            fact_in(self.names, language, Fact.NAME),
            fact_in(self.functions, language, Fact.FUNCTION),
            self.entity,
        )

    @property
    def shown(self) -> str:
        """The name for the Secretariat's page (any language; not for a document)."""
        return any_text(self.names, "en")


def compilation_missing(
    compilation: Compilation, annexed: Sequence[Entry], *, language: str | None = None
) -> list[Missing]:
    """Each fact the letter of `compilation` prints that lacks the version's language (by
    default the compilation's own)."""
    facts: Labelled = [
        (_("Title of the meeting"), compilation.meeting.titles or {}),
        (_("President of the Council (signatory)"), compilation.signatories),
    ]
    for entry in annexed:
        speaker = entry.speaker
        if speaker is None or entry.item.section not in NAMED_SECTIONS:
            continue
        facts.append((_("Name of %(speaker)s") % {"speaker": speaker.shown}, speaker.names))
        facts.append((_("Title of %(speaker)s") % {"speaker": speaker.shown}, speaker.functions))
    return missing_in(facts, language or compilation.language)

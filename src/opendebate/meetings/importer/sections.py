"""The concept note: its numbered sections ("1. Background") and their paragraphs."""

from __future__ import annotations

from dataclasses import dataclass

from opendebate.ingest.reflow import NUMBERED, Paragraph
from opendebate.meetings.importer.document import Findings, Hit, Parts
from opendebate.meetings.importer.result import Section


@dataclass(frozen=True)
class NoteSection:
    """A section with the paragraphs it was read from, for the fields read inside it."""

    heading: Hit
    paragraphs: tuple[Paragraph, ...]

    @property
    def section(self) -> Section:
        return Section(self.heading.text, tuple(p.text for p in self.paragraphs))


def read_sections(parts: Parts, findings: Findings) -> tuple[NoteSection, ...]:
    """The sections of the annex (of the whole text when there is no annex heading)."""
    sections: list[NoteSection] = []
    for paragraph in parts.annex or parts.text:
        if paragraph.kind == "heading":
            number = NUMBERED.match(paragraph.folded.text)
            start = number.end() if number else 0
            heading = Hit.folded(paragraph, start, len(paragraph.folded.text))
            findings.found(f"concept_note.sections.{len(sections)}", heading)
            sections.append(NoteSection(heading, ()))
        elif sections:
            last = sections[-1]
            sections[-1] = NoteSection(last.heading, (*last.paragraphs, paragraph))
    if not sections:
        findings.missing("concept_note.sections")
    return tuple(sections)

"""parse_letter: from a letter's text to the fields of the meeting it announces."""

from __future__ import annotations

from collections.abc import Mapping

from opendebate.ingest.reflow import reflow
from opendebate.meetings.importer.document import Findings, split
from opendebate.meetings.importer.letter import EntityIndex, read_letter
from opendebate.meetings.importer.meeting import read_meeting
from opendebate.meetings.importer.result import LetterImport
from opendebate.meetings.importer.sections import read_sections
from opendebate.meetings.importer.submissions import read_submissions


def parse_letter(text: str, *, entities: Mapping[str, str]) -> LetterImport:
    """Read a concept-note letter (text as extracted from a PDF, DOCX or plain text file).

    `entities` maps every name form the registry knows ("Niger", "the Niger", "尼日尔", ...)
    to its entity code. Nothing is guessed: a field not found is None and named in `warnings`,
    as is a field found but doubtful. Never raises on text that is not a letter.
    """
    findings = Findings(text)
    parts = split(reflow(text))
    letter = read_letter(parts, EntityIndex(entities), findings)
    sections = read_sections(parts, findings)
    meeting = read_meeting(parts, findings)
    submissions = read_submissions(parts, findings)
    return LetterImport(
        letter=letter,
        meeting=meeting,
        submissions=submissions,
        sections=tuple(section.section for section in sections),
        warnings=tuple(findings.warnings),
        sources=findings.sources,
    )

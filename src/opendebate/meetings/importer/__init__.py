"""The concept-note letter importer: pure functions from a file's bytes to reviewed fields.

`parse_letter` reads the letter's fields and the concept note from a letter's text (as
opendebate.ingest reads it from a file: `Reading.source`), given the registry's names. Nothing
here touches the database.
"""

from opendebate.meetings.importer.parse import parse_letter
from opendebate.meetings.importer.result import (
    Briefer,
    LetterFields,
    LetterImport,
    MeetingFields,
    Section,
    SourceSpan,
    SubmissionFields,
)

__all__ = [
    "Briefer",
    "LetterFields",
    "LetterImport",
    "MeetingFields",
    "Section",
    "SourceSpan",
    "SubmissionFields",
    "parse_letter",
]

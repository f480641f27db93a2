"""The concept-note letter importer: pure functions from a file's bytes to reviewed fields.

`extract_text` reads .txt, .docx and .pdf files; `parse_letter` reads the letter's fields and
the concept note from the text, given the registry's names. Nothing here touches the database.
"""

from opendebate.meetings.importer.extract import LetterReadError, extract_text
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
    "LetterReadError",
    "MeetingFields",
    "Section",
    "SourceSpan",
    "SubmissionFields",
    "extract_text",
    "parse_letter",
]

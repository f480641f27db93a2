"""What a submitted statement is made of, whatever channel brought it (paste, upload, mail, API).

Extraction turns bytes or pasted text into blocks (documents.model.Block, the same blocks the
annex will be rendered from, so the preview is exactly the annex); language detection and the
word count then read the plain text. Extraction leaves each block's language empty ("") until
the statement's language is known.
"""

from __future__ import annotations

from dataclasses import dataclass

from opendebate.documents.model import Block


class SubmissionRefused(ValueError):
    """Content that cannot become a statement. `code` is stable for tests and the API;
    `message` tells the user what went wrong and what to do instead."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class SubmissionThrottled(SubmissionRefused):
    """Too many versions from one entity in a short time; `retry_after` is in seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__("rate_limited", message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class ExtractedText:
    blocks: tuple[Block, ...]

    @property
    def text(self) -> str:
        """Plain text, one paragraph per line; list markers are numbering, not text, and word
        processors leave them out of their counts."""
        return "\n".join(block.text for block in self.blocks)


@dataclass(frozen=True)
class WordCount:
    words: int
    characters: int
    characters_no_spaces: int


@dataclass(frozen=True)
class Received:
    """A statement as a channel received it, before anything is read or judged."""

    data: bytes
    name: str  # the file's name; statements.pipeline.PASTED_NAME for text
    pasted: bool  # typed or pasted text, sent as UTF-8 so that the receipt's hash covers it
    heading: str
    signatory_name: str = ""
    signatory_function: str = ""
    language: str | None = None  # declared; detected when None

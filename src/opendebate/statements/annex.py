"""A statement as an annex of the compilation: the one place that decides how it looks, used by
the preview a delegation confirms and, later, by the compilation itself."""

from __future__ import annotations

import dataclasses

from opendebate.documents.labels import original_mark
from opendebate.documents.model import Annex, Block, Signature, blocks_from_json, blocks_to_json

# The JSON form of blocks is the document model's; the statements and compilation code take it
# from here, beside the annex it is stored for.
__all__ = ["blocks_from_json", "blocks_to_json", "statement_annex", "with_language"]


def with_language(blocks: tuple[Block, ...], language: str) -> tuple[Block, ...]:
    return tuple(dataclasses.replace(block, language=language) for block in blocks)


def statement_annex(
    *,
    number: int | None,
    heading: str,
    language: str,
    letter_language: str,
    original_language: str,
    blocks: tuple[Block, ...],
    signatory_name: str = "",
    signatory_function: str = "",
    label_word: str = "Annex",
) -> Annex:
    """The annex for one statement, kept in its own language. It carries an "[Original: ...]"
    mark, worded in the letter's language (the version being built), when its language differs
    from the document's original language: so every language version marks the same annexes."""
    lines = tuple(line for line in (signatory_name, *signatory_function.splitlines()) if line)
    return Annex(
        anchor=f"annex-{number}" if number else "annex",
        label=f"{label_word} {number}" if number else label_word,
        heading=heading,
        original_mark=original_mark(letter_language, language)
        if language != original_language
        else "",
        language=language,
        body=blocks,
        signature=Signature(lines, language) if lines else None,
        label_language=letter_language,
    )

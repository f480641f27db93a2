"""parse_letter on a corpus of letters in the layouts the UN uses, each beside its expected fields.

Every `tests/data/letters/<name>.json` names all the fields of `<name>.txt`, as the letter says
them: sender, function, addressee, date, symbol, languages; the meeting's title, date and time
(New York) and its start in UTC, format, chair and briefers; the intake address, word guidance
and deadline; and the warnings (what the letter does not say: no symbol, no "Original" mark, no
numbered sections). Most letters are plain text as a PDF's text layer gives it: mastheads,
hard line wraps, titles wrapped at various points, page headers and footers with job numbers,
symbols and "2/3" page numbers; a few are text as typed, without layout.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from opendebate.meetings.importer import parse_letter
from tests.meetings.letter_files import LETTERS

CORPUS = sorted(LETTERS.glob("*.json"))


def test_corpus_covers_six_languages_twice() -> None:
    languages = Counter(path.name[:2] for path in CORPUS)
    assert sorted(languages) == ["ar", "en", "es", "fr", "ru", "zh"]
    assert min(languages.values()) >= 2


@pytest.mark.parametrize("expected_file", CORPUS, ids=lambda path: path.stem)
def test_corpus_letter_reads_every_field(expected_file: Path, entities: dict[str, str]) -> None:
    expected: dict[str, Any] = json.loads(expected_file.read_text(encoding="utf-8"))
    text = expected_file.with_suffix(".txt").read_text(encoding="utf-8")
    result = parse_letter(text, entities=entities).to_json_dict()
    assert result["meeting"].pop("timezone") == "America/New_York"
    del result["concept_note"]
    assert result == expected

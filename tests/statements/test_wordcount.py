"""count_words against LibreOffice Writer: the statistics it wrote into the committed ODT files,
LibreOffice run now, and the hard cases one by one; then the count-words command."""

from __future__ import annotations

import dataclasses
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from opendebate.common.languages import Language
from opendebate.statements.content import WordCount
from opendebate.statements.wordcount import count_words
from tests.statements.make_wordcount_fixtures import (
    FIXTURES,
    convert_to_odt,
    fixture_language,
    odt_statistics,
)

TEXTS = sorted(FIXTURES.glob("*.txt"))


def fixture_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def libreoffice_count(path: Path) -> WordCount:
    """What LibreOffice counted in the ODT it wrote from the .txt at `path`."""
    return odt_statistics(path.with_suffix(".odt").read_bytes())


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: path.stem)
def test_count_words_equals_libreoffice_on_fixture(path: Path) -> None:
    assert count_words(fixture_text(path), fixture_language(path)) == libreoffice_count(path)


@pytest.mark.slow
def test_count_words_agrees_with_libreoffice_run_now(soffice: str, tmp_path: Path) -> None:
    # The longest paragraph of every fixture in one document. Whichever LibreOffice is
    # installed, the counts must stay within the 1% that delegations are promised.
    text = "\n".join(max(fixture_text(path).splitlines(), key=len) for path in TEXTS)
    source = tmp_path / "statement.txt"
    source.write_text(text, encoding="utf-8")
    (odt,) = convert_to_odt(soffice, [source], None, tmp_path)
    expected = dataclasses.astuple(odt_statistics(odt.read_bytes()))
    assert dataclasses.astuple(count_words(text)) == pytest.approx(expected, rel=0.01)


# Every expected count is LibreOffice 7.4's: the text imported (a line is a paragraph) and saved
# as ODT, read from meta.xml as (words, characters, characters without spaces).
HARD_CASES = [
    ("Secretary-General", (1, 17, 17)),
    ("l'Organisation aujourd’hui", (2, 26, 25)),
    ("2020 1.5 50% 1,5", (4, 16, 13)),
    ("S/2020/866 info@un.org https://www.un.org/securitycouncil/", (3, 58, 56)),
    ("a – b — c", (3, 9, 5)),  # en and em dashes are separators, but characters
    ("10–12 September", (3, 15, 14)),
    ("a - b", (3, 5, 3)),  # a hyphen-minus alone is a word
    ("a--b -a a- a-b-c", (5, 16, 13)),  # two hyphens end a word
    ("a, b. !", (3, 7, 5)),  # punctuation alone is a word, punctuation attached is not
    ("«\u00a0Bonjour\u00a0»\u00a0!", (4, 13, 10)),  # no-break spaces are spaces
    ("a\u202fb\tc\u3000d  e", (5, 10, 5)),
    ("a\n\nb", (2, 2, 2)),  # paragraph breaks are not characters
    ("a\u2028b c", (3, 5, 3)),  # a line break inside a paragraph is one
    ("联合国安全理事会", (8, 8, 8)),
    ("联合国Security Council会议", (7, 21, 20)),
    ("2020年9月8日", (6, 9, 9)),
    ("中,文 中，文 「中」 “中”,文", (13, 17, 14)),
    ("中文（a）", (5, 5, 5)),  # full-width punctuation is CJK
    ("ありがとう カタカナ 한국어", (12, 14, 12)),
    ("مجلس الأمن ٢٠٢٠ ، ٤٠٪", (5, 21, 17)),
    ("مُحَمَّد", (1, 4, 4)),  # a letter with its vowel marks is one character
    ("e\u0301 a \u0301", (3, 5, 3)),  # but a mark after a space is a character of its own
    ("km² 10³ ½ 3° 5‰", (7, 15, 11)),  # superscripts and fractions stand alone, symbols do not
    ("a\u00adb a\u200cb", (2, 6, 5)),  # a soft hyphen or joiner inside a word
    ("\ue000a b", (3, 4, 3)),  # a private-use glyph (a symbol-font bullet) is a word
]


@pytest.mark.parametrize(("text", "expected"), HARD_CASES)
def test_count_words_hard_case(text: str, expected: tuple[int, int, int]) -> None:
    assert dataclasses.astuple(count_words(text)) == expected


def test_count_words_zero_width_space_is_a_space() -> None:
    # LibreOffice 7.4 counts "a b" and stops at the zero width space: (2, 9, 2), a bug.
    assert count_words("a b\u200bc d e") == WordCount(5, 9, 5)


def test_count_words_format_character_belongs_to_its_word() -> None:
    # LibreOffice 7.4 counts a right-to-left mark ending a word as a word: (3, 4, 3).
    assert count_words("a\u200f b") == WordCount(2, 4, 3)


def test_count_words_empty_text() -> None:
    assert count_words("") == WordCount(0, 0, 0)
    assert count_words(" \n\t") == WordCount(0, 2, 0)


def test_count_words_same_rules_in_every_language() -> None:
    text = fixture_text(FIXTURES / "mixed.txt")
    counts = {count_words(text, language) for language in Language.values}
    assert counts == {libreoffice_count(FIXTURES / "mixed.txt")}


def count_words_command(*args: str) -> str:
    output = StringIO()
    call_command("count_words", *args, stdout=output)
    return output.getvalue()


@pytest.mark.parametrize("name", ["fr_senegal.txt", "zh_china.odt", "ar_lebanon.odt"])
def test_count_words_command_prints_json(name: str) -> None:
    path = FIXTURES / name
    printed = json.loads(count_words_command(str(path)))
    expected = dataclasses.asdict(libreoffice_count(path.with_suffix(".txt")))
    assert printed == {"language": fixture_language(path), **expected}


def test_count_words_command_takes_the_language_given() -> None:
    printed = count_words_command(
        str(FIXTURES / "en_ireland.odt"), "--language", "fr", "--format", "text"
    )
    assert printed == "language: fr\nwords: 518\ncharacters: 3285\ncharacters_no_spaces: 2779\n"


def test_count_words_command_reads_utf16_and_names_no_language_for_german(
    tmp_path: Path,
) -> None:
    path = tmp_path / "erklaerung.txt"
    path.write_text(
        "\ufeffWir danken dem Vorsitz für die Einberufung dieser offenen Aussprache.",
        encoding="utf-16-le",
    )
    assert json.loads(count_words_command(str(path))) == {
        "language": None,
        "words": 10,
        "characters": 69,
        "characters_no_spaces": 60,
    }


def test_count_words_command_refuses_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "statement.docx"
    with pytest.raises(CommandError, match=r"^Cannot read .*statement\.docx: No such file"):
        count_words_command(str(missing))


def test_count_words_command_refuses_a_file_it_cannot_read(tmp_path: Path) -> None:
    path = tmp_path / "statement.txt"
    path.write_bytes("Déclaration".encode("cp1252"))
    with pytest.raises(CommandError, match=r"statement\.txt: The text file is not in UTF-8"):
        count_words_command(str(path))

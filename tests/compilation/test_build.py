"""The compilation built from the database: what is annexed, in what order, and its letter."""

from __future__ import annotations

import pytest

from opendebate.accounts.models import User
from opendebate.compilation.build import UndatedLetterError, build_document, entries
from opendebate.compilation.dates import proposed_letter_date
from opendebate.compilation.services import set_letter, start_compilation
from opendebate.documents.labels import format_date
from opendebate.documents.model import UNDocument
from opendebate.meetings.models import Meeting
from tests.compilation.conftest import start_dated
from tests.documents.samples import FRENCH_ORIGINAL_MASTHEADS


def test_debate_is_annexed_in_the_councils_order(debate: Meeting, secretariat: User) -> None:
    compilation = start_dated(secretariat, debate, "en")
    annexed = entries(compilation)
    speakers = [e.speaker.shown if e.speaker else e.entity.code for e in annexed]  # type: ignore[union-attr]
    assert speakers == [
        "Bintou Keita", "Louise Mushikiwabo", "Abdou Abarry", "Philippe Kridelka",
        "Dang Dinh Quy", "Bob Rae", "ARM", "CHN", "EGY", "EU", "IRN",
    ]  # fmt: skip


SIX = ("ar", "zh", "en", "fr", "ru", "es")
MASTHEADS = FRENCH_ORIGINAL_MASTHEADS
# "[Original: English]" (annex 1) and "[Original: Chinese]" (annex 8) worded in each version.
MARKS = {
    "ar": ("[الأصل: بالإنكليزية]", "[الأصل: بالصينية]"),
    "zh": ("[原件：英文]", "[原件：中文]"),
    "en": ("[Original: English]", "[Original: Chinese]"),
    "fr": ("[Original : anglais]", "[Original : chinois]"),
    "ru": ("[Подлинный текст на английском языке]", "[Подлинный текст на китайском языке]"),
    "es": ("[Original: inglés]", "[Original: chino]"),
}
# Against a French original, every annex not in French is marked (3, 7 and 10 are French).
MARKED_AGAINST_FRENCH = [
    "annex-1", "annex-2", "annex-4", "annex-5", "annex-6", "annex-8", "annex-9", "annex-11",
]  # fmt: skip


def marked(document: UNDocument) -> list[str]:
    return [annex.anchor for annex in document.annexes if annex.original_mark]


@pytest.mark.parametrize("language", SIX)
def test_every_version_names_the_one_original_and_marks_the_same_annexes(
    debate: Meeting, secretariat: User, language: str
) -> None:
    compilation = start_dated(secretariat, debate)
    document = build_document(compilation, entries(compilation), language=language)
    assert document.header.language_lines == MASTHEADS[language]
    assert (document.language, document.original_language) == (language, "fr")
    assert marked(document) == MARKED_AGAINST_FRENCH
    by_anchor = {annex.anchor: annex for annex in document.annexes}
    assert (by_anchor["annex-1"].original_mark, by_anchor["annex-8"].original_mark) == (
        MARKS[language]
    )
    assert by_anchor["annex-8"].label_language == language


def test_original_language_set_on_the_record_changes_the_marks_of_every_version(
    debate: Meeting, secretariat: User
) -> None:
    compilation = start_dated(secretariat, debate)
    set_letter(
        user=secretariat,
        compilation=compilation,
        letter_date=compilation.letter_date,  # type: ignore[arg-type]
        original_language="en",
    )
    versions = [build_document(compilation, entries(compilation), language=code) for code in SIX]
    assert {tuple(marked(document)) for document in versions} == {
        ("annex-3", "annex-7", "annex-8", "annex-9", "annex-10")
    }
    assert versions[2].header.language_lines == ("Original: English",)
    assert versions[3].header.language_lines == ("Français", "Original : anglais")


def test_an_undated_compilation_is_not_built(debate: Meeting, secretariat: User) -> None:
    compilation = start_compilation(user=secretariat, meeting=debate, language="en")
    assert compilation.letter_date is None
    with pytest.raises(UndatedLetterError):
        build_document(compilation, entries(compilation))


@pytest.mark.parametrize("language", SIX)
def test_letter_of_each_version_is_dated_as_confirmed(
    debate: Meeting, secretariat: User, language: str
) -> None:
    compilation = start_dated(secretariat, debate)
    document = build_document(compilation, entries(compilation), language=language)
    day = proposed_letter_date(debate)
    assert document.title.startswith(
        {
            "ar": f"رسالة مؤرخة {format_date(day, 'ar')} موجهة",
            "zh": f"{format_date(day, 'zh')}安全理事会主席",
            "en": f"Letter dated {format_date(day, 'en')} from the President",
            "fr": f"Lettre datée du {format_date(day, 'fr')}, adressée au Secrétaire général",
            "ru": f"Письмо Председателя Совета Безопасности от {format_date(day, 'ru')}",
            "es": f"Carta de fecha {format_date(day, 'es')} dirigida",
        }[language]
    )
    assert document.date_of_issue == day  # not issued yet: the letter's date

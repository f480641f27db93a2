"""A meeting's facts in a version's language, the placeholder where one is missing, and the
concept-note letter that cannot be issued without them."""

from __future__ import annotations

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from opendebate.common.languages import Language
from opendebate.meetings.demo import create_seed_meeting
from opendebate.meetings.facts import Fact, Missing, fact_in, placeholder
from opendebate.meetings.letter import build_concept_note_letter
from opendebate.meetings.models import Meeting
from opendebate.meetings.queries import letter_missing

# The seed letter's own date.
LETTER_DAY = datetime.date(2020, 9, 1)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed() -> Meeting:
    return create_seed_meeting()


def test_fact_in_a_language_that_has_it() -> None:
    assert fact_in({"ar": "عبده أباري", "en": "Abdou Abarry"}, "ar", Fact.NAME) == "عبده أباري"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "[name in English missing]"),
        ("fr", "[nom en français manquant]"),
        ("es", "[falta el nombre en español]"),
        ("ru", "[нет имени на русском языке]"),
        ("zh", "[缺少中文姓名]"),
        ("ar", "[الاسم غير متوفر بالعربية]"),
    ],
)
def test_a_missing_name_is_a_placeholder_in_the_versions_language(
    language: str, expected: str
) -> None:
    texts = {"en": "Abdou Abarry", "ru": "Абду Абарри"}
    texts.pop(language, None)
    assert fact_in(texts, language, Fact.NAME) == expected


def test_a_fact_no_language_has_is_left_out_not_marked_missing() -> None:
    assert fact_in({}, "zh", Fact.FUNCTION) == ""


def test_seed_letter_is_complete_in_the_six_languages(seed: Meeting) -> None:
    assert [letter_missing(seed, language) for language in Language.values] == [[]] * 6


def test_letter_without_a_chinese_signatory_lists_what_is_missing(seed: Meeting) -> None:
    seed.letter_signatory_names.pop("zh")
    seed.letter_signatory_functions = {"en": "Special Envoy"}
    seed.save()
    missing = letter_missing(seed, "zh")
    assert missing == [
        Missing("Signatory's name", Language.CHINESE),
        Missing("Signatory's function", Language.CHINESE),
    ]
    assert [str(item) for item in missing] == [
        "Signatory's name: Chinese",
        "Signatory's function: Chinese",
    ]


def test_chinese_draft_shows_placeholders_never_english(seed: Meeting) -> None:
    seed.letter_signatory_names = {"en": "Abdou Abarry", "fr": "Abdou Abarry"}
    seed.letter_signatory_functions = {"en": "Special Envoy"}
    seed.save()
    document = build_concept_note_letter(seed, "zh", LETTER_DAY)
    assert document.signature is not None
    assert document.signature.lines == (
        placeholder(Fact.FUNCTION, "zh"),
        f"（签名）{placeholder(Fact.NAME, 'zh')}",
    )
    assert "Abdou" not in " ".join(document.signature.lines)


def test_arabic_draft_marks_the_missing_theme_in_arabic(seed: Meeting) -> None:
    seed.titles.pop("ar")
    seed.save()
    document = build_concept_note_letter(seed, "ar", LETTER_DAY)
    # No Arabic title: the sentence says so in Arabic instead of quoting another language.
    assert "[الموضوع غير متوفر بالعربية]" in document.body[0].text
    assert "Coopération" not in document.body[0].text
    assert document.signature is not None
    assert document.signature.lines == ("(توقيع) عبده أباري", "السفير", "الممثل الدائم")


def test_issue_letter_refuses_a_version_with_missing_facts(seed: Meeting, tmp_path: Path) -> None:
    seed.titles.pop("ar")
    seed.letter_signatory_names.pop("ar")
    seed.save()
    with pytest.raises(CommandError) as refused:
        call_command("issue_letter", "S/2020/866", "--out", str(tmp_path), "--language", "ar")
    assert str(refused.value) == (
        "The Arabic letter lacks these facts in its language:\n"
        "  - Title of the meeting: Arabic\n"
        "  - Signatory's name: Arabic\n"
        "Enter them on the meeting's facts page, or write a draft with --draft (each missing "
        "fact is marked in it)."
    )
    assert list(tmp_path.iterdir()) == []


def test_issue_letter_draft_writes_the_placeholders(seed: Meeting, tmp_path: Path) -> None:
    seed.titles.pop("ar")
    seed.save()
    call_command(
        "issue_letter", "S/2020/866", "--out", str(tmp_path), "--language", "ar", "--draft",
        stdout=StringIO(),
    )  # fmt: skip
    html = (tmp_path / "letter.html").read_text(encoding="utf-8")
    assert "[الموضوع غير متوفر بالعربية]" in html

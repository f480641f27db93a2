"""Facts stored per language: cleaning, what is missing, and Latin-script names entered once."""

from __future__ import annotations

from opendebate.common.multilingual import (
    any_text,
    clean_texts,
    in_language,
    is_latin,
    missing_languages,
    share_latin_name,
)


def test_clean_texts_keeps_the_six_languages_trimmed() -> None:
    posted = {"en": "  Bintou Keita ", "zh": "", "xx": "Klingon", "ar": None, "ru": "Бинту Кейта"}
    assert clean_texts(posted) == {"en": "Bintou Keita", "ru": "Бинту Кейта"}


def test_missing_languages_of_a_fact_known_in_arabic_and_chinese() -> None:
    assert missing_languages({"ar": "عبده أباري", "zh": "阿卜杜·阿巴里"}) == [
        "en",
        "fr",
        "ru",
        "es",
    ]


def test_missing_languages_of_an_empty_fact_is_nothing() -> None:
    # A briefer "to be determined" has no name in any language: nothing is untranslated.
    assert missing_languages({}) == []


def test_is_latin_accepts_accents_and_refuses_other_scripts() -> None:
    assert is_latin("José Singer Weisinger")
    assert is_latin("Nicolas de Rivière")
    assert not is_latin("阿卜杜·阿巴里")
    assert not is_latin("Абду Абарри")
    assert not is_latin("عبده أباري")
    assert not is_latin("  ")


def test_latin_name_entered_once_serves_english_french_spanish() -> None:
    assert share_latin_name({"fr": "Abdou Abarry", "zh": "阿卜杜·阿巴里"}) == {
        "zh": "阿卜杜·阿巴里",
        "en": "Abdou Abarry",
        "fr": "Abdou Abarry",
        "es": "Abdou Abarry",
    }


def test_a_name_in_arabic_is_not_copied_to_latin_languages() -> None:
    assert share_latin_name({"ar": "عبده أباري"}) == {"ar": "عبده أباري"}


def test_a_different_spanish_form_is_kept() -> None:
    shared = share_latin_name({"en": "Vassily Nebenzia", "es": "Vasili Nebenzia"})
    assert shared == {"en": "Vassily Nebenzia", "fr": "Vassily Nebenzia", "es": "Vasili Nebenzia"}


def test_in_language_puts_a_single_string_in_its_language() -> None:
    assert in_language("Ambassador", "en") == {"en": "Ambassador"}
    assert in_language("Абду Абарри", "ru", is_name=True) == {"ru": "Абду Абарри"}
    # A Latin name read from a Chinese letter: the Chinese rendering is still missing.
    assert in_language("Abdou Abarry", "zh", is_name=True) == {
        "en": "Abdou Abarry",
        "fr": "Abdou Abarry",
        "es": "Abdou Abarry",
    }
    assert in_language("   ", "en") == {}


def test_any_text_prefers_the_given_language() -> None:
    texts = {"zh": "大使", "en": "Ambassador"}
    assert any_text(texts, "en") == "Ambassador"
    assert any_text(texts) == "大使"
    assert any_text({}, "en") == ""

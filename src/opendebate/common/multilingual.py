"""A fact stored in each of the six languages: a JSON dict keyed by language code.

Names and titles that appear inside a Council document (a briefer, the chair, a signatory) are
written differently in each language version, so they are stored per language like a meeting's
title, and a version takes its own language's text or shows that it is missing, never another
language's. Personal names are the exception that is entered once: a name in Latin script is
written alike in English, French and Spanish, while Arabic, Chinese and Russian have the UN's own
renderings ("Abdou Abarry", "阿卜杜·阿巴里", "عبده أباري", "Абду Абарри").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from opendebate.common.languages import Language

Texts = dict[str, str]

LATIN_LANGUAGES = ("en", "fr", "es")


def clean_texts(texts: Mapping[str, object] | None) -> Texts:
    """Only the six languages, trimmed, without empty entries: what a field stores."""
    cleaned: Texts = {}
    for language in Language.values:
        value = (texts or {}).get(language)
        text = str(value).strip() if value is not None else ""
        if text:
            cleaned[language] = text
    return cleaned


def missing_languages(texts: Mapping[str, str]) -> list[str]:
    """The languages a fact lacks, in the UN's order; none when it is empty in every language
    (an unnamed briefer is "to be determined", not untranslated)."""
    if not any(texts.values()):
        return []
    return [language for language in Language.values if not texts.get(language)]


def is_latin(text: str) -> bool:
    """Whether every letter of `text` is a Latin one ("José Singer Weisinger", "Dang Dinh Quy")."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters)


def share_latin_name(texts: Mapping[str, str]) -> Texts:
    """A personal name with its Latin form given to whichever of English, French and Spanish
    lack one: entered once, written alike in the three."""
    completed = clean_texts(texts)
    latin = next(
        (completed[lang] for lang in LATIN_LANGUAGES if is_latin(completed.get(lang, ""))), ""
    )
    if latin:
        for language in LATIN_LANGUAGES:
            completed.setdefault(language, latin)
    return completed


def in_language(text: str, language: str, *, is_name: bool = False) -> Texts:
    """A fact known in one language: a form field, an imported letter, a string stored before
    facts were kept per language. A Latin-script name goes to English, French and Spanish, and
    not to Arabic, Chinese or Russian, whose versions need the UN's rendering."""
    if is_name and is_latin(text) and language not in LATIN_LANGUAGES:
        language = LATIN_LANGUAGES[0]
    texts = clean_texts({language: text})
    return share_latin_name(texts) if is_name else texts


def any_text(texts: Mapping[str, str], *preferred: str) -> str:
    """Some text of the fact for the interface (not a document): a preferred language's, else
    the first there is."""
    for language in (*preferred, *Language.values):
        if texts.get(language):
            return texts[language]
    return ""

"""A fact of a meeting in a document version's language, or the visible mark that it is missing.

A language version of a Council document never borrows another language's text: where a name or
a title has not been entered in the version's language, a draft shows a placeholder worded in
that language ("[name in English missing]", "[缺少中文姓名]"), and the version cannot be issued
until the Secretariat fills it. The placeholder is document wording, not interface text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from django.utils.functional import Promise

from opendebate.common.languages import Language
from opendebate.common.multilingual import missing_languages


class Fact(Enum):
    NAME = "name"
    FUNCTION = "function"
    THEME = "theme"


_PLACEHOLDER = {
    "en": {"name": "[name in English missing]", "function": "[title in English missing]", "theme": "[theme in English missing]"},
    "fr": {"name": "[nom en français manquant]", "function": "[titre en français manquant]", "theme": "[thème en français manquant]"},
    "es": {"name": "[falta el nombre en español]", "function": "[falta el cargo en español]", "theme": "[falta el tema en español]"},
    "ru": {"name": "[нет имени на русском языке]", "function": "[нет должности на русском языке]", "theme": "[нет темы на русском языке]"},
    "zh": {"name": "[缺少中文姓名]", "function": "[缺少中文职衔]", "theme": "[缺少中文主题]"},
    "ar": {"name": "[الاسم غير متوفر بالعربية]", "function": "[المنصب غير متوفر بالعربية]", "theme": "[الموضوع غير متوفر بالعربية]"},
}  # fmt: skip


def placeholder(fact: Fact, language: str) -> str:
    return _PLACEHOLDER[language][fact.value]


def fact_in(texts: Mapping[str, str], language: str, fact: Fact) -> str:
    """The fact in `language`; its placeholder when another language has it and this one not;
    empty when no language has it (nothing to say, as for a briefer still to be determined)."""
    if texts.get(language):
        return texts[language]
    return placeholder(fact, language) if missing_languages(texts) else ""


@dataclass(frozen=True)
class Missing:
    """One fact a language version lacks, as the Secretariat's page lists it."""

    what: str
    language: Language

    def __str__(self) -> str:
        return f"{self.what}: {self.language.label}"


Labelled = list[tuple[str | Promise, Mapping[str, str]]]


def missing_in(facts: Labelled, language: str) -> list[Missing]:
    """Which of `facts` (label, texts) lack `language` while some other language has them."""
    return [
        Missing(str(what), Language(language))
        for what, texts in facts
        if language in missing_languages(texts)
    ]

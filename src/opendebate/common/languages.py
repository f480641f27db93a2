"""The six official languages of the Security Council (rule 41 of its rules of procedure).

Content languages (a statement's, a document's) use these two-letter codes; the UI uses
Django's language codes, where Chinese is `zh-hans`. UN document symbols and job numbers mark a
language with one letter (A C E F R S).
"""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    ARABIC = "ar", _("Arabic")
    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    RUSSIAN = "ru", _("Russian")
    SPANISH = "es", _("Spanish")

    @property
    def letter(self) -> str:
        return _LETTERS[self.value]

    @property
    def ui_code(self) -> str:
        return "zh-hans" if self.value == "zh" else self.value

    @property
    def is_rtl(self) -> bool:
        return self.value == "ar"

    @property
    def autonym(self) -> str:
        return _AUTONYMS[self.value]

    @classmethod
    def from_ui_code(cls, code: str) -> Language:
        base = code.lower().split("-")[0].split("_")[0]
        return cls(base) if base in cls.values else cls.ENGLISH

    @classmethod
    def of_reader(cls) -> Language:
        """The language the current request's reader chose for the interface."""
        return cls.from_ui_code(translation.get_language() or "en")


_LETTERS = {"ar": "A", "zh": "C", "en": "E", "fr": "F", "ru": "R", "es": "S"}
# Each language named in its own script, as the UN's six-language pages do.
_AUTONYMS = {
    "ar": "العربية",
    "zh": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import get_language

from opendebate.common.languages import Language


def languages(request: HttpRequest) -> dict[str, object]:
    """The language switcher's choices, each named in its own script, and the page direction."""
    current = Language.from_ui_code(get_language() or "en")
    return {
        "ui_languages": [(language.ui_code, language.autonym, language) for language in Language],
        "ui_language": current,
        "ui_direction": "rtl" if current.is_rtl else "ltr",
    }

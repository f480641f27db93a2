from __future__ import annotations

from django.http import HttpRequest

from opendebate.common.cldr import browser_locale
from opendebate.common.languages import Language


def languages(request: HttpRequest) -> dict[str, object]:
    """The language switcher's choices, each named in its own script, the page direction, and
    the CLDR locale the browser's Intl formats with (countdown.js)."""
    current = Language.of_reader()
    return {
        "ui_languages": [(language.ui_code, language.autonym, language) for language in Language],
        "ui_language": current,
        "ui_direction": "rtl" if current.is_rtl else "ltr",
        "ui_locale": browser_locale(current.ui_code),
    }

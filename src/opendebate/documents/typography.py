"""Quotation marks and apostrophes as each language version of a UN document prints them.

Every builder passes its running text through here, so that a theme typed with straight quotes
("Women's role") or an entity name held with a straight apostrophe ("Côte d'Ivoire") comes out
as the UN prints it: “ ” in English, Spanish and Chinese, « » with no-break spaces inside in
French, « » in Russian, ” “ in Arabic (as UN Arabic prints them), and ’ for the apostrophe.
"""

from __future__ import annotations

import re

NO_BREAK_SPACE = "\u00a0"
QUOTES = {
    "en": ("“", "”"),
    "fr": (f"«{NO_BREAK_SPACE}", f"{NO_BREAK_SPACE}»"),
    "es": ("“", "”"),
    "ru": ("«", "»"),
    "zh": ("“", "”"),
    "ar": ("”", "“"),
}
_STRAIGHT_PAIR = re.compile(r'"([^"]*)"')
# Guillemets with whatever spacing they were typed with, to re-space them the French way.
_GUILLEMETS = re.compile(r"«\s*([^«»]*?)\s*»")


def quoted(text: str, language: str) -> str:
    """`text` between the quotation marks of `language`."""
    opening, closing = QUOTES[language]
    return f"{opening}{typeset(text.strip(), language)}{closing}"


def typeset(text: str, language: str) -> str:
    """Straight apostrophes and quotation marks made typographic in `language`; French
    guillemets get their no-break spaces. Idempotent."""
    text = text.replace("'", "’")
    text = _STRAIGHT_PAIR.sub(lambda match: quoted(match.group(1), language), text)
    if language == "fr":
        text = _GUILLEMETS.sub(lambda match: quoted(match.group(1), "fr"), text)
    return text

"""Small pieces of grammar that running text needs around entity names.

French and Spanish contract "de" with the article ("du Niger", "del Níger", "des États-Unis"),
Russian needs the genitive and Arabic the preposition li- joined to the name; the genitive and
li- forms are registry data (they cannot be derived), the contractions are rules.
"""

from __future__ import annotations

_FRENCH_VOWELS = "aeiouyàâäéèêëîïôöùûüœæh"


def french_de(running: str) -> str:
    """ "de" + the French running form: du Niger, de la France, de l'Estonie, des Bahamas."""
    if running.startswith("le "):
        return "du " + running[3:]
    if running.startswith("les "):
        return "des " + running[4:]
    if running.startswith(("la ", "l'", "l’")):
        return "de " + running
    # No article: elide before a vowel or mute h (d’Israël, d’Haïti), keep "de" otherwise.
    if running[:1].lower() in _FRENCH_VOWELS:
        return "d’" + running
    return "de " + running


def french_a(running: str) -> str:
    """ "à" + the French running form: au Niger, à la France, aux États-Unis."""
    if running.startswith("le "):
        return "au " + running[3:]
    if running.startswith("les "):
        return "aux " + running[4:]
    return "à " + running


def spanish_de(running: str) -> str:
    """ "de" + the Spanish running form: del Níger, de la Argentina, de los Estados Unidos."""
    if running.startswith("el "):
        return "del " + running[3:]
    return "de " + running


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:]

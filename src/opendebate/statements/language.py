"""Which of the Council's six languages a statement is written in, found offline.

The script decides where it can, cheaply: a text mostly in Han characters is Chinese unless it
has kana (then it is Japanese, not one of the six). Everything else goes to lingua, asked to
choose among the six and the languages most often mistaken for them (Portuguese for Spanish,
Ukrainian for Russian, Persian and Urdu for Arabic...), so that a statement in one of those comes
out as "not one of the six" rather than as its nearest official language.
"""

from __future__ import annotations

import functools
import itertools
import re

import lingua

from opendebate.common.languages import Language

OFFICIAL = {
    lingua.Language.ARABIC: Language.ARABIC.value,
    lingua.Language.CHINESE: Language.CHINESE.value,
    lingua.Language.ENGLISH: Language.ENGLISH.value,
    lingua.Language.FRENCH: Language.FRENCH.value,
    lingua.Language.RUSSIAN: Language.RUSSIAN.value,
    lingua.Language.SPANISH: Language.SPANISH.value,
}
_LOOKALIKES = (
    lingua.Language.BELARUSIAN,
    lingua.Language.BULGARIAN,
    lingua.Language.CATALAN,
    lingua.Language.DUTCH,
    lingua.Language.GERMAN,
    lingua.Language.INDONESIAN,
    lingua.Language.ITALIAN,
    lingua.Language.JAPANESE,
    lingua.Language.KAZAKH,
    lingua.Language.KOREAN,
    lingua.Language.PERSIAN,
    lingua.Language.POLISH,
    lingua.Language.PORTUGUESE,
    lingua.Language.ROMANIAN,
    lingua.Language.SERBIAN,
    lingua.Language.TURKISH,
    lingua.Language.UKRAINIAN,
    lingua.Language.URDU,
)
# The opening of a statement says as much about its language as the whole, and bounds the time
# a long upload takes (a few milliseconds for these 2,000 characters).
SAMPLE = 2000
# Below this many letters ("Merci", a signature, a list of numbers) no detector can be trusted.
MINIMUM_LETTERS = 12
_LETTER = re.compile(r"[^\W\d_]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9d]")


@functools.cache
def _detector() -> lingua.LanguageDetector:
    """Built once per process, on first use. Low accuracy mode loads the trigram models only;
    lingua's author reports it as accurate as the high accuracy mode on texts over 120
    characters, and a statement has thousands. Here it builds in 0.1 to 0.3 s and 35 MB, where
    preloading the high accuracy models takes 2.3 s and 560 MB. The minimum relative distance
    makes lingua answer None when two languages score too close to call."""
    return (
        lingua.LanguageDetectorBuilder.from_languages(*OFFICIAL, *_LOOKALIKES)
        .with_low_accuracy_mode()
        .with_preloaded_language_models()
        .with_minimum_relative_distance(0.1)
        .build()
    )


def detect_language(text: str) -> str | None:
    """The statement's language as a code ("ar", "zh", "en", "fr", "ru" or "es"), or None when
    the text is in another language or too short or mixed to tell."""
    sample = text[:SAMPLE]
    han = len(_HAN.findall(sample))
    # Letters are counted only as far as the tests below look: past both bounds, how many more
    # there are changes nothing, and a statement's sample has some two thousand.
    enough = max(MINIMUM_LETTERS, 2 * han)
    letters = sum(1 for _ in itertools.islice(_LETTER.finditer(sample), enough))
    if letters < MINIMUM_LETTERS:
        return None
    if 2 * han > letters:
        # Japanese writes most words in Han too, but never a sentence without kana; a Chinese
        # text may quote a Japanese name, hence a share rather than any kana at all.
        return None if 10 * len(_KANA.findall(sample)) > han else "zh"
    detected = _detector().detect_language_of(sample)
    return None if detected is None else OFFICIAL.get(detected)

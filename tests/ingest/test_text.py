"""Folding text in the six languages, and mapping folded text back to the original."""

from __future__ import annotations

import pytest

from opendebate.ingest.text import Folded, _fold_char, display_width, fold, is_wide


def test_fold_maps_back_to_the_original() -> None:
    folded = Folded.of("Le Níger, ١٤ ﬁn")
    assert folded.text == "le niger, 14 fin"
    start = folded.text.index("niger")
    assert folded.span(start, start + 5) == (3, 8)
    # One original character ("ﬁ") may fold to two.
    assert folded.span(13, 15) == (13, 14)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Coopération ÉLECTORALE", "cooperation electorale"),
        ("الأُمَمِ المُتَّحِدَة ١٤", "الامم المتحدة 14"),
        ("رحمـــٰن", "رحمن"),
        ("联合国　２０２０年：ＵＮ", "联合国 2020年:un"),
        ("Совет Безопасности", "совет безопасности"),
        ("l’accord ‐ `x´", "l'accord - 'x'"),
        ("Straße ﬁn", "strasse fin"),
    ],
)
def test_fold_is_the_text_of_the_mapped_fold(written: str, expected: str) -> None:
    assert fold(written) == Folded.of(written).text == expected


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("Security Council", 16),
        ("مجلس الأمن", 10),
        ("Совет Безопасности", 18),
        ("安全理事会", 10),
        ("２０２０年 S/2020/866", 21),
        ("", 0),
    ],
)
def test_display_width_counts_wide_characters_twice(text: str, width: int) -> None:
    assert display_width(text) == width


def test_fold_and_display_width_follow_their_rules_for_every_basic_plane_character() -> None:
    # Both translate through tables filled on first use: the first round fills them for most
    # of these characters, the second reads them back; both agree with each character's rule.
    characters = "".join(map(chr, range(0x10000))) + "𠀀𝐀😀"
    folded = "".join(_fold_char(char) for char in characters)
    width = len(characters) + sum(map(is_wide, characters))
    for _ in range(2):
        assert fold(characters) == Folded.of(characters).text == folded
        assert display_width(characters) == width

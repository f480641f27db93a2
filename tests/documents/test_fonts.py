from __future__ import annotations

from pathlib import Path

import typst

from opendebate.documents.fonts import (
    CHINESE,
    FALLBACKS,
    font_directories,
    pdf_families,
    printable_characters,
    unprintable_characters,
)


def _packaged() -> typst.Fonts:
    return typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=False,
        font_paths=[str(directory) for directory in font_directories()],
    )


def test_font_directories_hold_every_named_face() -> None:
    families = set(_packaged().families())
    assert {"PT Serif", "Amiri", "Noto Serif CJK SC", *FALLBACKS} <= families


def test_font_directories_hold_a_real_bold_for_each_language_face() -> None:
    weights: dict[str, set[int]] = {}
    for font in _packaged().fonts():
        weights.setdefault(font.family, set()).add(font.weight)
    assert {400, 700} <= weights["PT Serif"]
    assert {400, 700} <= weights["Amiri"]
    assert {400, 700} <= weights["Noto Serif CJK SC"]


def test_pdf_families_put_the_language_face_first_then_the_fallbacks() -> None:
    assert pdf_families("ar") == ("Amiri", "PT Serif", "Noto Serif CJK SC", *FALLBACKS)
    assert pdf_families("zh") == ("Noto Serif CJK SC", "PT Serif", "Amiri", *FALLBACKS)
    assert pdf_families("ru") == ("PT Serif", "Amiri", "Noto Serif CJK SC", *FALLBACKS)


def test_printable_characters_cover_the_scripts_of_the_fallbacks() -> None:
    covered = printable_characters()
    for character in "אԱაअকਪગଓதతಕമසกກកမሀΩЖ✔😀":
        assert character in covered, character


def test_unprintable_characters_names_those_no_face_has_once_in_order() -> None:
    text = "Tibet བོད 𠀀 and again བ \ufffe"
    assert unprintable_characters(text) == ["བ", "ོ", "ད", "𠀀", "\ufffe"]


def test_unprintable_characters_ignores_joiners_marks_and_layout_controls() -> None:
    text = "a\u200db\u200bc\u2066S/2020/1\u2069\ufe0f\u00ad\U000e0041\tz\n"
    assert unprintable_characters(text) == []


def test_chinese_face_is_a_serif_with_a_real_bold_and_the_simplified_forms(
    tmp_path: Path,
) -> None:
    """Chinese is set in the Song-style face, whose Bold is its own drawing (Typst never
    emboldens a Regular), with the Simplified Chinese forms whatever the text's tag: 直 and 骨
    are among the characters whose Japanese and Chinese forms differ."""
    source = tmp_path / "forms.typ"
    source.write_text(
        "#set page(width: 4cm, height: 1.4cm, margin: 2pt)\n"
        "#set text(size: 24pt, lang: sys.inputs.lang, font: sys.inputs.font)\n"
        "#set text(weight: int(sys.inputs.weight))\n"
        "直骨"
    )

    def picture(font: str, lang: str, weight: int = 400) -> bytes:
        return typst.compile(
            source,
            format="png",
            ppi=72,
            font_paths=_packaged(),
            ignore_system_fonts=True,
            sys_inputs={"font": font, "lang": lang, "weight": str(weight)},
        )

    regular = picture(CHINESE, "zh")
    assert picture(CHINESE, "zh", 700) != regular
    assert picture(CHINESE, "ja") == regular
    assert picture("Noto Sans CJK SC", "zh") != regular  # a serif, not the sans

from __future__ import annotations

import typst

from opendebate.documents.fonts import font_directories, pdf_families


def test_font_directories_hold_the_packaged_faces() -> None:
    fonts = typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=False,
        font_paths=[str(directory) for directory in font_directories()],
    )
    assert {"PT Serif", "Amiri", "Noto Sans CJK SC"} <= set(fonts.families())
    assert {font.style for font in fonts.fonts() if font.family == "PT Serif"} == {
        "normal",
        "italic",
    }


def test_pdf_families_put_the_language_face_first() -> None:
    assert pdf_families("ar") == ("Amiri", "PT Serif", "Noto Sans CJK SC")
    assert pdf_families("zh") == ("Noto Sans CJK SC", "PT Serif", "Amiri")
    assert pdf_families("ru") == ("PT Serif", "Amiri", "Noto Sans CJK SC")

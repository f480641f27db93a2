"""The faces each renderer uses, per content language, and which characters they can print.

PDF embeds its fonts, so the PDF faces come from Python font packages locked with the project
(found through importlib.resources) and, for Chinese, from the repository: the output never
depends on what the machine has installed, and nothing is fetched at run time. PT Serif covers
Latin and Cyrillic, Amiri is a Naskh Arabic face, Noto Serif CJK SC is the Song-style face of UN
Chinese documents, with a real Bold (kept in `fonts/`, see its README: no package carries it).
A statement may quote any script, so after the language's own face come fallbacks for every
script a delegation plausibly types: Noto Sans CJK (ideographs the serif face lacks, Japanese,
Korean), Noto Sans (Latin, Greek and Cyrillic extensions, IPA), Hebrew, Armenian, Georgian, the
Indic scripts, Sinhala, Thai, Lao, Khmer, Myanmar, Ethiopic, symbols and emoji (monochrome, as
print needs).

DOCX only names its fonts, as the UN Secretariat's templates do: Times New Roman for Latin and
Cyrillic, SimSun (the Song face of UN Chinese documents) for Chinese, Traditional Arabic for
Arabic. WordprocessingML has no fallback list for a run's font (each script slot, `w:ascii`,
`w:eastAsia`, `w:cs`, holds exactly one name), so the PDF faces are not named there: Word and
LibreOffice substitute with their own tables when a named face is missing.
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont

LATIN = "PT Serif"
ARABIC = "Amiri"
CHINESE = "Noto Serif CJK SC"
# After the language's own face, in this order: Latin-script fallbacks before the others so
# that a digit or a dash never comes from an exotic face.
FALLBACKS = (
    "Noto Sans CJK SC",
    "Noto Sans",
    "Noto Sans Arabic",
    "Noto Sans Hebrew",
    "Noto Sans Armenian",
    "Noto Sans Georgian",
    "Noto Sans Devanagari",
    "Noto Sans Bengali",
    "Noto Sans Gurmukhi",
    "Noto Sans Gujarati",
    "Noto Sans Oriya",
    "Noto Sans Tamil",
    "Noto Sans Telugu",
    "Noto Sans Kannada",
    "Noto Sans Malayalam",
    "Noto Sans Sinhala",
    "Noto Sans Thai",
    "Noto Sans Lao",
    "Noto Sans Khmer",
    "Noto Sans Myanmar",
    "Noto Sans Ethiopic",
    "Noto Sans Symbols",
    "Noto Emoji",
)

DOCX_LATIN = "Times New Roman"
DOCX_CHINESE = "SimSun"
DOCX_ARABIC = "Traditional Arabic"

_OWN_FACE = {"ar": ARABIC, "zh": CHINESE}
# The faces no package carries (Noto Serif CJK SC), kept in the repository with their licence.
_KEPT_HERE = Path(__file__).resolve().parent / "fonts"


def pdf_families(language: str) -> tuple[str, ...]:
    """The language's own face first, then the other languages' faces for any character it
    lacks (a Chinese name quoted in a French statement), then the fallbacks."""
    own = _OWN_FACE.get(language, LATIN)
    return (own, *(face for face in (LATIN, ARABIC, CHINESE) if face != own), *FALLBACKS)


@functools.cache
def font_directories() -> tuple[Path, ...]:
    return (
        _directory("fontpkg_pt_serif", "files"),
        _directory("fontpkg_amiri", "files"),
        _directory("noto_cjk_sans_otc"),
        _directory("manimgx_fonts"),
        _KEPT_HERE,
    )


def _directory(package: str, *parts: str) -> Path:
    resource = files(package).joinpath(*parts)
    # Typst reads fonts from the file system; pip installs these packages unzipped, and a zipped
    # install should fail loudly here rather than let Typst silently find no font.
    if not isinstance(resource, Path) or not resource.is_dir():
        raise RuntimeError(f"font package {package} is not installed as a directory")
    return resource


@functools.cache
def printable_characters() -> frozenset[str]:
    """Every character some packaged face has a glyph for: Typst falls back through all of
    them, so these are exactly the characters a PDF can show. Read once per process (about
    two seconds, most of it the CJK collection); characters, not code points, so that a text's
    set of characters is checked against it in one set difference."""
    covered: set[int] = set()
    for directory in font_directories():
        for path in sorted(directory.iterdir()):
            suffix = path.suffix.lower()
            if suffix == ".ttc":
                with TTCollection(path, lazy=True) as collection:
                    for face in collection.fonts:
                        covered.update(face.getBestCmap() or {})
            elif suffix in (".ttf", ".otf"):
                with TTFont(path, lazy=True) as face:
                    covered.update(face.getBestCmap() or {})
    return frozenset(map(chr, covered | {ord("\t"), ord("\n")}))


def unprintable_characters(text: str) -> list[str]:
    """The characters of `text` that no packaged face can draw, in order of first appearance.

    Default-ignorable characters (joiners, direction marks, variation selectors, tags) draw
    nothing by design and are never reported: the shaper hides them whether or not a face maps
    them.
    """
    missing = set(text).difference(printable_characters())
    if not missing:
        return []
    return [
        character
        for character in dict.fromkeys(text)
        if character in missing and not _DEFAULT_IGNORABLE.match(character)
    ]


# Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt).
_DEFAULT_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)

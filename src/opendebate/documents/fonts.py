"""The faces each renderer uses, per content language.

PDF embeds its fonts, so the PDF faces come from Python font packages locked with the project
(found through importlib.resources): the output never depends on what the machine has
installed, and nothing is fetched at run time. PT Serif covers Latin and Cyrillic, Amiri is a
Naskh Arabic face, Noto Sans CJK SC covers Simplified Chinese.

DOCX only names its fonts, as the UN Secretariat's templates do: Times New Roman for Latin and
Cyrillic, SimSun (the Song face of UN Chinese documents) for Chinese, Traditional Arabic for
Arabic. WordprocessingML has no fallback list for a run's font (each script slot, `w:ascii`,
`w:eastAsia`, `w:cs`, holds exactly one name), so the PDF faces are not named there: Word and
LibreOffice substitute with their own tables when a named face is missing.
"""

from __future__ import annotations

import functools
from importlib.resources import files
from pathlib import Path

LATIN = "PT Serif"
ARABIC = "Amiri"
CHINESE = "Noto Sans CJK SC"

DOCX_LATIN = "Times New Roman"
DOCX_CHINESE = "SimSun"
DOCX_ARABIC = "Traditional Arabic"

_OWN_FACE = {"ar": ARABIC, "zh": CHINESE}


def pdf_families(language: str) -> tuple[str, ...]:
    """The language's own face first, then the others for any character it lacks (a Chinese
    name quoted in a French statement)."""
    own = _OWN_FACE.get(language, LATIN)
    return (own, *(face for face in (LATIN, ARABIC, CHINESE) if face != own))


@functools.cache
def font_directories() -> tuple[Path, ...]:
    return (
        _directory("fontpkg_pt_serif", "files"),
        _directory("fontpkg_amiri", "files"),
        _directory("noto_cjk_sans_otc"),
    )


def _directory(package: str, *parts: str) -> Path:
    resource = files(package).joinpath(*parts)
    # Typst reads fonts from the file system; pip installs these packages unzipped, and a zipped
    # install should fail loudly here rather than let Typst silently find no font.
    if not isinstance(resource, Path) or not resource.is_dir():
        raise RuntimeError(f"font package {package} is not installed as a directory")
    return resource

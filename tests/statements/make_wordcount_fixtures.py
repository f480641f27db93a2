"""The word-count oracle: LibreOffice's own statistics for the texts in tests/data/wordcount.

Run this module to regenerate the committed ODT files from the .txt files beside them:

    .venv/bin/python -m tests.statements.make_wordcount_fixtures

LibreOffice's text import reads each .txt (UTF-8, one paragraph per line) into a document in the
statement's language and saves it as ODT; saving counts the words and characters and writes
them into meta.xml, where `odt_statistics` reads them back.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from opendebate.common.languages import Language
from opendebate.statements.content import WordCount

REPOSITORY = Path(__file__).resolve().parents[2]
FIXTURES = REPOSITORY / "tests" / "data" / "wordcount"
# The text import's language option sets the document's language for that language's script.
# Chinese keeps the profile's defaults (Western English, Asian Chinese): zh-CN would make the
# Latin words in it Chinese as well, which Writer and Word do not do in a Chinese document.
IMPORT_LANGUAGES = {"ar": "ar-SA", "en": "en-US", "es": "es-ES", "fr": "fr-FR", "ru": "ru-RU"}
_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"


def fixture_language(path: Path) -> str | None:
    """A fixture's language from its name (fr_senegal.txt); None for the mixed-language one."""
    prefix = path.stem.split("_", 1)[0]
    return prefix if prefix in Language.values else None


def odt_statistics(odt: bytes) -> WordCount:
    """The word count LibreOffice stored in an ODT's meta.xml."""
    meta = etree.fromstring(zipfile.ZipFile(io.BytesIO(odt)).read("meta.xml"))
    statistic = meta.find(f".//{{{_META}}}document-statistic")
    if statistic is None:
        raise ValueError("meta.xml has no document statistics")
    return WordCount(
        words=int(statistic.get(f"{{{_META}}}word-count", "")),
        characters=int(statistic.get(f"{{{_META}}}character-count", "")),
        characters_no_spaces=int(statistic.get(f"{{{_META}}}non-whitespace-character-count", "")),
    )


def convert_to_odt(
    soffice: str, sources: Sequence[Path], language: str | None, directory: Path
) -> list[Path]:
    """Have LibreOffice import `sources` (UTF-8 text) in `language` and save them as ODT in
    `directory`, with a profile of its own there so that parallel runs and a desktop LibreOffice
    do not collide."""
    profile = (directory / "profile").as_uri()
    text_filter = "Text (encoded):UTF8,LF"
    if language in IMPORT_LANGUAGES:
        text_filter += f",,{IMPORT_LANGUAGES[language]}"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            f"--infilter={text_filter}",
            "--convert-to",
            "odt",
            "--outdir",
            str(directory),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return [directory / f"{source.stem}.odt" for source in sources]


def main() -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to write the fixtures")
    by_language: dict[str | None, list[Path]] = {}
    for source in sorted(FIXTURES.glob("*.txt")):
        by_language.setdefault(fixture_language(source), []).append(source)
    for language, sources in by_language.items():
        with tempfile.TemporaryDirectory() as work:
            for written in convert_to_odt(soffice, sources, language, Path(work)):
                shutil.copyfile(written, FIXTURES / written.name)
                print(written.name, odt_statistics(written.read_bytes()))


if __name__ == "__main__":
    main()

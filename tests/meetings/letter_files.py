"""Letter files for the importer's tests, written by real tools from the text fixtures.

`letter_docx` lays out a letter's paragraphs with python-docx: list styles for the bullets and
the numbered headings (so their markers live in Word's numbering, as in real documents), the
symbol in the page header. Run this module to regenerate the committed LibreOffice files:

    .venv/bin/python -m tests.meetings.letter_files

It writes en_estonia_2020-05-15.docx (re-saved by LibreOffice, as a delegation's Word
processor would) and en_estonia_2020-05-15.pdf (exported by LibreOffice) beside the .txt.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.shared import Cm

from opendebate.ingest.reflow import reflow

REPOSITORY = Path(__file__).resolve().parents[2]
LETTERS = REPOSITORY / "tests" / "data" / "letters"
# The source document: the Chinese letter of 1 September 2020 (S/2020/866), as PDF-extracted text.
SEED = LETTERS / "zh_niger_2020-09-01.txt"
ESTONIA = LETTERS / "en_estonia_2020-05-15.txt"


def letter_text(name: str) -> str:
    """A text fixture, or the seed letter for "seed"."""
    path = SEED if name == "seed" else LETTERS / name
    return path.read_text(encoding="utf-8")


_NUMBER = re.compile(r"\d+\.\s+")


def letter_docx(text: str, *, symbol: str) -> bytes:
    """A DOCX of the paragraphs of `text` (re-flowed by the importer's cleaner)."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = symbol
    for paragraph in reflow(text).paragraphs:
        if paragraph.kind == "heading":
            document.add_paragraph(_NUMBER.sub("", paragraph.text, count=1), "List Number")
        elif paragraph.kind == "bullet":
            document.add_paragraph(paragraph.text, "List Bullet")
        else:
            added = document.add_paragraph(paragraph.text)
            added.paragraph_format.first_line_indent = Cm(1.25)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _convert(source: Path, target_format: str, directory: Path) -> Path:
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to write the fixtures")
    subprocess.run(
        [soffice, "--headless", "--convert-to", target_format, "--outdir", str(directory), source],
        check=True,
        capture_output=True,
    )
    return directory / f"{source.stem}.{target_format}"


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        directory = Path(work)
        source = directory / "python-docx" / f"{ESTONIA.stem}.docx"
        source.parent.mkdir()
        source.write_bytes(letter_docx(ESTONIA.read_text(encoding="utf-8"), symbol="S/2020/431"))
        for target_format in ("docx", "pdf"):
            written = _convert(source, target_format, directory)
            shutil.copyfile(written, LETTERS / written.name)


if __name__ == "__main__":
    main()

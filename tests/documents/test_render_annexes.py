"""A document rendered after another that held some of its annexes. Each renderer keeps the
annexes it rendered (model.RENDERED_ANNEXES), so what it writes must be exactly what it writes
from scratch, whatever changed in between."""

from __future__ import annotations

import dataclasses
import datetime
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from opendebate.documents import render_pdf
from opendebate.documents.model import Annex, Signature, UNDocument
from opendebate.documents.render import render_all

from .kept import KEPT, from_scratch, rendered_annexes
from .samples import block


def _with_annex(document: UNDocument, index: int, **changes: object) -> UNDocument:
    annexes = list(document.annexes)
    annexes[index] = dataclasses.replace(annexes[index], **changes)  # type: ignore[arg-type]
    return dataclasses.replace(document, annexes=tuple(annexes))


# A change to each field of an annex (the third, French, with a mark and a signature).
ANNEX_CHANGES: dict[str, Callable[[Annex], object]] = {
    "anchor": lambda annex: "annex-9",
    "label": lambda annex: "附件9",
    "heading": lambda annex: f"{annex.heading} (revised)",
    "original_mark": lambda annex: "[原件：西班牙文]",
    "language": lambda annex: "es",
    "title": lambda annex: (block("Un titre", "fr"),),
    "body": lambda annex: (*annex.body[:-1], block("Un paragraphe révisé.", "fr")),
    "signature": lambda annex: Signature(("(Signé) Quelqu'un d'autre",), "fr"),
    "label_language": lambda annex: "en",
}


def test_every_field_of_an_annex_is_changed_below() -> None:
    assert set(ANNEX_CHANGES) == {field.name for field in dataclasses.fields(Annex)}


@pytest.mark.parametrize("field", ANNEX_CHANGES)
def test_a_changed_annex_renders_as_from_scratch_and_alone(letter: UNDocument, field: str) -> None:
    render_all(letter)
    changed = _with_annex(letter, 2, **{field: ANNEX_CHANGES[field](letter.annexes[2])})
    before = rendered_annexes()
    rendered = render_all(changed)
    assert {
        key: misses - before[key] for key, misses in rendered_annexes().items()
    } == dict.fromkeys(KEPT, 1)
    assert rendered == from_scratch(changed)


def test_annexes_in_another_order_render_asfrom_scratch(letter: UNDocument) -> None:
    render_all(letter)
    first, second, *rest = letter.annexes
    reordered = dataclasses.replace(letter, annexes=(second, first, *rest))
    assert render_all(reordered) == from_scratch(reordered)


# The document's fields that its annexes' Akoma Ntoso identification names.
DOCUMENT_CHANGES: dict[str, Callable[[UNDocument], UNDocument]] = {
    "symbol": lambda letter: dataclasses.replace(
        letter, header=dataclasses.replace(letter.header, symbol="S/2020/900")
    ),
    "language": lambda letter: dataclasses.replace(letter, language="en"),
    "date of issue": lambda letter: dataclasses.replace(
        letter, date_of_issue=datetime.date(2020, 9, 3)
    ),
    "generation": lambda letter: dataclasses.replace(
        letter, generated_at=letter.generated_at + datetime.timedelta(days=1)
    ),
    "work": lambda letter: dataclasses.replace(
        letter, akn_work=("un", "unsc", "letter", "2020-09-02")
    ),
}


@pytest.mark.parametrize("change", DOCUMENT_CHANGES)
def test_a_changed_document_renders_its_kept_annexes_asfrom_scratch(
    letter: UNDocument, change: str
) -> None:
    render_all(letter)
    changed = DOCUMENT_CHANGES[change](letter)
    assert render_all(changed) == from_scratch(changed)


_FRESH_PDF = """
import pickle, sys
from opendebate.documents.render_pdf import render_pdf
sys.stdout.buffer.write(render_pdf(pickle.loads(sys.stdin.buffer.read())))
"""


def test_pdf_after_a_revision_is_what_a_fresh_process_writes(
    letter: UNDocument, tmp_path: Path
) -> None:
    """Typst relays out only what changed since the previous compilation in this process; the
    bytes are those of a process that never saw the earlier document."""
    render_pdf.render_pdf(letter)
    revised = _with_annex(letter, 2, body=(block("Un texte entièrement révisé.", "fr"),))
    fresh = subprocess.run(
        [sys.executable, "-c", _FRESH_PDF],
        input=pickle.dumps(revised),
        capture_output=True,
        check=True,
        timeout=120,
    )
    assert render_pdf.render_pdf(revised) == fresh.stdout


def test_pdf_leaves_only_the_current_documents_files(letter: UNDocument) -> None:
    render_pdf.render_pdf(letter)
    shorter = dataclasses.replace(letter, annexes=letter.annexes[:2])
    render_pdf.render_pdf(shorter)
    workspace = render_pdf._workspace(os.getpid())
    kept = {path.name for path in (workspace / "annexes").iterdir()}
    assert kept == {Path(render_pdf._annex_file(annex).name).name for annex in shorter.annexes}

"""Intake: 1,000 statements through the submission service, end to end, database write included;
then reading alone, beside the reader it replaced, and crafted files.

Run with `.venv/bin/python bench/intake.py [count]`. Files are DOCX, ODT, PDF and plain text in
the six languages in turn, about 500 words each (the text generator of bench/documents.py).
Each statement is read (in the reading process, opendebate.ingest.read_file), its language
detected, its words counted, and it is submitted (a new version with its receipt in the hash
chain) as a delegation would through the web or the API. Baselines, in the same run:
LibreOffice headless extracting the same DOCX files to text, what a Secretariat officer's
tooling would otherwise do; and for PDFs the reader this project used before, pypdf's layout
mode (kept here only, as the baseline), on the same files. Crafted files (tests/ingest/hostile.py)
are then sent one after another, and three at once while a normal file is read. A fresh SQLite
database in a temporary folder is used unless DATABASE_URL is set; DEBUG is off.
"""

from __future__ import annotations

import datetime
import io
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import unicodedata
import warnings
from collections.abc import Callable
from functools import partial
from pathlib import Path

from scratch import start_django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.ingest.hostile

# Measured as a server runs: with DEBUG (the development default) Django logs every SQL
# statement and, on SQLite, runs a second one to quote its parameters; production refuses it.
os.environ.setdefault("DEBUG", "false")
WORKDIR = start_django("intake")

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402
from docx import Document  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from tests.ingest import hostile  # noqa: E402
from tests.statements.fixtures import declaring, zip_bomb  # noqa: E402

from documents import ORDER, VOICES, statement  # noqa: E402  (bench/documents.py)
from opendebate.accounts.models import User  # noqa: E402
from opendebate.entities.models import Entity  # noqa: E402
from opendebate.entities.queries import submitting_entities  # noqa: E402
from opendebate.entities.services import load_registry  # noqa: E402
from opendebate.ingest import Refused, read_file  # noqa: E402
from opendebate.ingest.formats import read_document  # noqa: E402
from opendebate.ingest.limits import MAX_EXPANDED_BYTES  # noqa: E402
from opendebate.ingest.reflow import reflow  # noqa: E402
from opendebate.meetings.demo import create_seed_meeting  # noqa: E402
from opendebate.statements import pipeline  # noqa: E402
from opendebate.statements.content import Received  # noqa: E402
from opendebate.statements.enums import Channel  # noqa: E402
from opendebate.statements.pipeline import Arrival  # noqa: E402

FORMATS = ("docx", "docx", "odt", "pdf", "txt")  # DOCX is what most delegations send


def docx_bytes(paragraphs: list[str]) -> bytes:
    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def soffice(target: str, files: list[Path], outdir: Path) -> float:
    """Convert with one LibreOffice process; return the seconds it took."""
    started = time.perf_counter()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{WORKDIR / 'lo-profile'}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=1800,
    )
    return time.perf_counter() - started


def make_files(count: int) -> list[tuple[str, Path]]:
    """The sample files; ODT and PDF are written by LibreOffice from the DOCX."""
    rng = random.Random(7)  # noqa: S311  (reproducible sample text)
    source = WORKDIR / "source"
    source.mkdir()
    files: list[tuple[str, Path]] = []
    conversions: dict[str, list[Path]] = {"odt": [], "pdf": []}
    for index in range(count):
        language = ORDER[index % len(ORDER)]
        kind = FORMATS[index % len(FORMATS)]
        paragraphs = [block.text for block in statement(VOICES[language], language, rng)]
        stem = source / f"s{index:04d}-{language}"
        if kind == "txt":
            path = stem.with_suffix(".txt")
            path.write_text("\n\n".join(paragraphs), encoding="utf-8")
        else:
            path = stem.with_suffix(".docx")
            path.write_bytes(docx_bytes(paragraphs))
            if kind in conversions:
                conversions[kind].append(path)
        files.append((kind, path))
    for kind, paths in conversions.items():
        if paths:
            soffice(kind, paths, source)
    return [(kind, path.with_suffix(f".{kind}")) for kind, path in files]


def pypdf_paragraphs(data: bytes) -> int:
    """The baseline: the PDF reader this project used before PDFium (pypdf's layout mode, and
    the order glyphs were drawn in for right-to-left pages), then the same re-flow."""

    def right_to_left(text: str) -> bool:
        strong = [unicodedata.bidirectional(char) for char in text if char.isalpha()]
        return sum(kind in ("R", "AL") for kind in strong) > len(strong) / 2

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pages = []
        for page in PdfReader(io.BytesIO(data)).pages:
            text = page.extract_text(extraction_mode="layout")
            pages.append(page.extract_text() if right_to_left(text) else text)
    return len(reflow("\n".join(pages)).paragraphs)


def median_ms(read: Callable[[], object], files: int) -> float:
    timings = []
    for _ in range(files):
        started = time.perf_counter()
        read()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def reading(files: list[tuple[str, Path]]) -> None:
    """Reading alone: in the reading process, in this process, and the pypdf baseline."""
    print("\nreading alone (median ms per file)")
    print(f"{'format':<8}{'n':>5}{'reading process':>17}{'in process':>12}{'pypdf':>9}{'ratio':>8}")
    for kind in ("pdf", "docx", "odt", "txt"):
        paths = [path for found, path in files if found == kind][:60]
        if not paths:
            continue
        samples = [(path.read_bytes(), path.name) for path in paths]
        ours = statistics.median(
            median_ms(partial(read_file, data, name), 3) for data, name in samples
        )
        local = statistics.median(
            median_ms(partial(read_document, data, name), 3) for data, name in samples
        )
        baseline = ""
        if kind == "pdf":
            old = statistics.median(
                median_ms(partial(pypdf_paragraphs, data), 1) for data, _ in samples
            )
            baseline = f"{old:>9.1f}{old / ours:>7.1f}x"
        print(f"{kind:<8}{len(paths):>5}{ours:>17.1f}{local:>12.1f}{baseline}")


def crafted() -> dict[str, tuple[bytes, str]]:
    return {
        "PDF, forms nested 8 deep x10": (hostile.nested_forms(8, 10), "s.pdf"),
        "PDF, 4M tiny drawings": (hostile.tiny_drawings(4_000_000), "s.pdf"),
        "PDF, 300k one-glyph runs": (hostile.many_glyphs(300_000), "s.pdf"),
        "PDF, 1,000 pages": (hostile.many_pages(1000), "s.pdf"),
        "TXT, 10M blank lines": (hostile.blank_lines(10_000_000), "s.txt"),
        "DOCX, 1M empty paragraphs": (hostile.many_paragraphs(1_000_000), "s.docx"),
        "DOCX, zip bomb": (zip_bomb(MAX_EXPANDED_BYTES + 2**20), "s.docx"),
        "DOCX, declared sizes lie": (
            declaring(zip_bomb(MAX_EXPANDED_BYTES + 2**20), "word/document.xml", 1000),
            "s.docx",
        ),
    }


def refuse(data: bytes, name: str) -> tuple[float, str]:
    started = time.perf_counter()
    try:
        read_file(data, name)
        code = "read"
    except Refused as refusal:
        code = refusal.code
    return time.perf_counter() - started, code


def hostile_files(normal: tuple[bytes, str]) -> None:
    print("\ncrafted files, one after another (goal: each refused within 2 s)")
    worst = 0.0
    for label, (data, name) in crafted().items():
        seconds, code = refuse(data, name)
        worst = max(worst, seconds)
        print(f"  {label:<30}{len(data) / 1024:>9.0f} KB  {seconds:>6.2f} s  {code}")
    print(f"goal: every crafted file refused within 2 s -> {'met' if worst <= 2 else 'NOT met'}")
    quiet = median_ms(lambda: read_file(*normal), 20)
    attack = hostile.nested_forms(8, 10)
    attackers = [threading.Thread(target=refuse, args=(attack, "s.pdf")) for _ in range(3)]
    for thread in attackers:
        thread.start()
    busy = median_ms(lambda: read_file(*normal), 20)
    for thread in attackers:
        thread.join()
    print(
        f"a normal PDF while three crafted PDFs are read: median {busy:.1f} ms "
        f"(quiet: {quiet:.1f} ms, ratio {busy / quiet:.1f})"
    )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(count: int = 1000) -> None:
    call_command("migrate", verbosity=0)
    load_registry()
    meeting = create_seed_meeting()
    meeting.deadline = timezone.now() + datetime.timedelta(days=7)
    meeting.word_guidance = 600
    meeting.save()
    entities = list(submitting_entities())
    User.objects.bulk_create(
        User(
            email=f"bench-{e.code.lower()}@example.org",
            full_name=e.code,
            role="delegation",
            entity=e,
        )
        for e in entities
    )
    users = {user.entity_id: user for user in User.objects.filter(email__startswith="bench-")}
    files = make_files(count)
    print(f"{count} statements, about 500 words each; formats {sorted(set(FORMATS))}")

    timings: dict[str, list[float]] = {}
    for index, (kind, path) in enumerate(files):
        entity: Entity = entities[index % len(entities)]
        data = path.read_bytes()
        started = time.perf_counter()
        received = Received(data=data, name=path.name, pasted=False, heading="Statement")
        arrival = Arrival(meeting, entity, Channel.UPLOAD, timezone.now(), user=users[entity.pk])
        pipeline.submit(arrival, received)
        timings.setdefault(kind, []).append(time.perf_counter() - started)

    every = [value for values in timings.values() for value in values]
    print(f"{'format':<8}{'n':>6}{'median ms':>12}{'p95 ms':>10}")
    for kind in sorted(timings):
        values = timings[kind]
        print(
            f"{kind:<8}{len(values):>6}{statistics.median(values) * 1000:>12.1f}{percentile(values, 0.95) * 1000:>10.1f}"
        )
    print(
        f"{'all':<8}{len(every):>6}{statistics.median(every) * 1000:>12.1f}{percentile(every, 0.95) * 1000:>10.1f}"
    )

    sample = [path for kind, path in files if kind == "docx"][:50]
    out = WORKDIR / "baseline"
    out.mkdir()
    seconds = soffice("txt:Text (encoded):UTF8", sample, out)
    per_file = seconds / len(sample)
    ours = statistics.median(timings["docx"])
    print(
        f"baseline: LibreOffice DOCX to text, {len(sample)} files in one process: "
        f"{per_file * 1000:.1f} ms per file"
    )
    print(f"ratio LibreOffice extraction / our DOCX submission (median): {per_file / ours:.1f}")
    print(f"goal: DOCX median at most 20 ms -> {'met' if ours <= 0.020 else 'NOT met'}")
    pdf_median = statistics.median(timings["pdf"])
    print(f"goal: PDF median at most 20 ms -> {'met' if pdf_median <= 0.020 else 'NOT met'}")

    reading(files)
    first_pdf = next(path for kind, path in files if kind == "pdf")
    hostile_files((first_pdf.read_bytes(), first_pdf.name))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)

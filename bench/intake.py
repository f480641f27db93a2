"""Intake: 1,000 statements through the submission service, end to end, database write included.

Run with `.venv/bin/python bench/intake.py [count]`. Files are DOCX, ODT, PDF and plain text in
the six languages in turn, about 500 words each (the text generator of bench/documents.py).
Each statement is read, its language detected, its words counted, and it is submitted (a new
version with its receipt in the hash chain) as a delegation would through the web or the API.
The baseline extracts the same DOCX files to text with LibreOffice headless, what a Secretariat
officer's tooling would otherwise do. A fresh SQLite database in a temporary folder is used
unless DATABASE_URL is set.
"""

from __future__ import annotations

import datetime
import io
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from scratch import start_django

WORKDIR = start_django("intake")

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402
from docx import Document  # noqa: E402

from documents import ORDER, VOICES, statement  # noqa: E402  (bench/documents.py)
from opendebate.accounts.models import User  # noqa: E402
from opendebate.entities.models import Entity  # noqa: E402
from opendebate.entities.queries import submitting_entities  # noqa: E402
from opendebate.entities.services import load_registry  # noqa: E402
from opendebate.meetings.demo import create_seed_meeting  # noqa: E402
from opendebate.statements import services  # noqa: E402
from opendebate.statements.enums import Channel  # noqa: E402
from opendebate.statements.reading import read_submission  # noqa: E402

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
        submission = read_submission(data=data, name=path.name, pasted=False, heading="Statement")
        prepared = services.prepare_statement(meeting=meeting, submission=submission)
        services.submit_statement(
            user=users[entity.pk],
            meeting=meeting,
            entity=entity,
            channel=Channel.UPLOAD,
            prepared=prepared,
            received_at=timezone.now(),
        )
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


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)

"""The compilation end to end: a meeting with 193 written statements, from the database to the
four files (DOCX, PDF, HTML, Akoma Ntoso) stored with their digests, as the background task does.

Run with `.venv/bin/python bench/compile.py [runs]`. A fresh SQLite database in a temporary
folder (unless DATABASE_URL is set) is filled through the submission service with 193 statements
of about 500 words, the six languages in turn (the text generator of bench/documents.py). One
warm-up build, then `runs` timed builds of the same meeting: each reads every statement from the
database, orders them, builds the letter and annexes, renders the four formats and stores them;
then `runs` builds each after one delegation sent a revised text (new content for the renderers).
The first build is the one from scratch: nothing rendered yet in this process. The goal is a
build after one revision within GOAL_SECONDS (issue 15): the renderers keep every other annex
rendered, and Typst lays out again only the revised annex's pages.
The baseline is LibreOffice headless converting the same DOCX to PDF (bench/documents.py).
"""

from __future__ import annotations

import datetime
import os
import statistics
import sys
import time

from scratch import start_django

start_django("compile")

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from documents import ORDER, libreoffice_seconds  # noqa: E402
from filling import submit  # noqa: E402
from opendebate.accounts.models import User  # noqa: E402
from opendebate.compilation import services  # noqa: E402
from opendebate.compilation.build import build_document, entries  # noqa: E402
from opendebate.compilation.dates import proposed_letter_date  # noqa: E402
from opendebate.compilation.models import Compilation  # noqa: E402
from opendebate.entities.queries import submitting_entities  # noqa: E402
from opendebate.entities.services import load_registry  # noqa: E402
from opendebate.meetings.demo import create_seed_meeting  # noqa: E402

STATEMENTS = 193
GOAL_SECONDS = 0.5


def fill() -> tuple[User, int]:
    call_command("migrate", verbosity=0)
    load_registry()
    meeting = create_seed_meeting()
    meeting.deadline = timezone.now() + datetime.timedelta(days=7)
    meeting.word_guidance = 600
    meeting.save()
    for index, entity in enumerate(submitting_entities()[:STATEMENTS]):
        submit(meeting, entity, ORDER[index % len(ORDER)])
    officer = User.objects.create(email="bench@un.example", role="secretariat")
    compilation = services.start_compilation(user=officer, meeting=meeting, language="en")
    services.set_letter(
        user=officer,
        compilation=compilation,
        letter_date=proposed_letter_date(meeting),
        original_language=compilation.original_language,
    )
    return officer, compilation.pk


def main(runs: int = 5) -> None:
    _officer, pk = fill()
    started = time.perf_counter()
    services.build(pk)  # from scratch: templates, fonts, the language models, every annex
    cold = time.perf_counter() - started
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        built = services.build(pk)
        timings.append(time.perf_counter() - started)
    warm = statistics.median(timings)
    # What the Secretariat sees after a delegation revises: one annex's text is new.
    revised = []
    compilation = Compilation.objects.get(pk=pk)
    for index, entity in enumerate(submitting_entities()[:runs]):
        submit(compilation.meeting, entity, ORDER[index % len(ORDER)])
        started = time.perf_counter()
        services.build(pk)
        revised.append(time.perf_counter() - started)
    after_revision = statistics.median(revised)
    met = "met" if after_revision <= GOAL_SECONDS else "missed"
    sizes = ", ".join(f"{key} {meta['bytes'] / 1e6:.1f} MB" for key, meta in built.files.items())
    print(f"{len(built.contents)} statements of about 500 words, six languages; {runs} runs")
    print(f"load average of the machine: {os.getloadavg()[0]:.1f}")
    print(f"from scratch (first build in this process): {cold:6.3f} s")
    print(
        f"nothing changed since the last build:       {warm:6.3f} s (median; min {min(timings):.3f})"
    )
    print(
        f"after one statement is revised:             {after_revision:6.3f} s "
        f"(median; min {min(revised):.3f}); goal {GOAL_SECONDS} s: {met}"
    )
    print(f"files: {sizes}")
    baseline = libreoffice_seconds(build_document(built, entries(built)), max(1, runs // 2))
    if baseline is None:
        print("LibreOffice: soffice not found, no baseline")
        return
    print(f"LibreOffice DOCX to PDF alone (median):     {baseline:6.3f} s")
    print(
        f"ratio LibreOffice / our whole compilation: {baseline / after_revision:.1f} after one "
        f"revision, {baseline / warm:.1f} with nothing changed, {baseline / cold:.1f} from scratch"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)

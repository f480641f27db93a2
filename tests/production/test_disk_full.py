"""The raw-mail store's disk fills up while delegations send statements, then space is freed.

The store is a 2 MB tmpfs, mostly taken by a ballast file (as logs or other data would take a
real disk). Each message is either answered 250 and stored exactly once, complete under its
SHA-256, or answered 451 with nothing of it left behind, no half-written file and no row.
Once the ballast goes, the sending servers' retries are stored and everything is processed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import time
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.production.conftest import UNLIMITED, unavailable
from tests.production.stack import Meeting, Stack, deliver

pytestmark = pytest.mark.slow

FREE_BYTES = 300_000  # left beside the ballast: room for about a dozen messages
PARAGRAPH = (
    "The Security Council should support regional organizations in preventing conflict, in "
    "mediation and in peacebuilding, and give them predictable and sustainable financing. "
)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        unavailable("mounting a small filesystem for the raw-mail store needs root")
    folder = tmp_path / "mail"
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "--lazy", str(folder)], check=True)


def statement(meeting: Meeting, index: int) -> EmailMessage:
    delegation = meeting.delegations[index % len(meeting.delegations)]
    mail = EmailMessage()
    mail["From"] = delegation.email
    mail["To"] = meeting.address
    mail["Subject"] = f"Statement {index}"
    mail["Message-ID"] = f"<disk-{index}@stack.example>"
    mail.set_content(f"{PARAGRAPH * 150}\n\nVersion {index}.")  # about 26 KB
    return mail


def stored_files(store: Path) -> dict[str, int]:
    """Every file in the store, by name, with its size; each must be named by its digest."""
    files = {}
    for path in store.rglob("*"):
        if path.is_file() and path.name != "ballast":
            assert path.name == hashlib.sha256(path.read_bytes()).hexdigest(), path.name
            files[path.name] = path.stat().st_size
    return files


def test_full_store_answers_451_leaves_nothing_half_written_and_recovers(
    shared_database: str, small_disk: Path, tmp_path: Path
) -> None:
    settings = {**UNLIMITED, "INTAKE_MAIL_DIR": str(small_disk)}
    with Stack(shared_database, tmp_path, environment=settings) as stack:
        meeting = stack.set_up_meeting(10)
        port = stack.start_smtp()
        stack.start_processors(1)
        space = os.statvfs(small_disk)
        (small_disk / "ballast").write_bytes(b"\0" * (space.f_bavail * space.f_frsize - FREE_BYTES))

        answers: dict[int, int] = {}
        index = 0
        while list(answers.values())[-3:] != [451, 451, 451]:
            assert index < 60, f"the store never filled up: {answers}"
            answers[index] = deliver(port, statement(meeting, index))[0]
            index += 1
        assert set(answers.values()) == {250, 451}
        refused = [index for index, code in answers.items() if code == 451]

        def rows() -> dict[str, int]:
            return dict(stack.query("SELECT sha256, size FROM intake_inboundmessage"))

        # Stored means complete on disk and recorded; refused means no trace at all.
        assert stored_files(small_disk) == rows()
        assert len(rows()) == len(answers) - len(refused)
        assert [path.name for path in small_disk.rglob(".incoming-*")] == []

        (small_disk / "ballast").unlink()
        for index in refused:  # the sending servers try again
            answers[index] = deliver(port, statement(meeting, index))[0]
        assert set(answers.values()) == {250}

        def processed() -> list[tuple[str, str]]:
            return stack.query("SELECT message_id, state FROM intake_inboundmessage ORDER BY id")

        deadline = time.monotonic() + 60
        while any(state == "received" for _, state in processed()):
            assert time.monotonic() < deadline, "processing did not finish"
            time.sleep(0.2)
        assert sorted(processed()) == sorted(
            (f"disk-{index}@stack.example", "accepted") for index in answers
        )
        assert stored_files(small_disk) == rows()
        versions = stack.query("SELECT count(*) FROM statements_statementversion")
        assert versions == [(len(answers),)]

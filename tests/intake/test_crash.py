"""A processor killed in the middle of a batch, then restarted: every acknowledged message is
processed exactly once. Real processes, a real SIGKILL, a SQLite database on disk."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

OPENDEBATE = str(Path(sys.executable).parent / "opendebate")
MESSAGES = 60

SETUP = f"""
import datetime
from email.message import EmailMessage
from django.utils import timezone
from opendebate.entities.models import Entity, EntityContact
from opendebate.intake.store import store_raw
from opendebate.meetings.demo import create_seed_meeting
meeting = create_seed_meeting()
meeting.deadline = timezone.now() + datetime.timedelta(days=7)
meeting.save()
EntityContact.objects.create(entity=Entity.objects.get(code="FRA"), email="mission@france.example")
for index in range({MESSAGES}):
    mail = EmailMessage()
    mail["From"] = "mission@france.example"
    mail["To"] = "dppa-scsb3@un.org"
    mail["Subject"] = f"Déclaration de la France, version {{index}}"
    mail["Message-ID"] = f"<crash-{{index}}@france.example>"
    mail.set_content(
        "La France salue la coopération entre l'Organisation des Nations Unies et "
        f"l'Organisation internationale de la Francophonie, version {{index}}."
    )
    store_raw(mail.as_bytes(), source="smtp", envelope_from="mission@france.example",
              recipients=["dppa-scsb3@un.org"], peer="127.0.0.1")  # development trusts loopback
"""


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [OPENDEBATE, *args], env=env, capture_output=True, text=True, timeout=300, check=True
    )


def counts(database: Path) -> tuple[int, int, int]:
    with sqlite3.connect(database) as connection:
        waiting = connection.execute(
            "SELECT count(*) FROM intake_inboundmessage WHERE state='received'"
        ).fetchone()[0]
        accepted = connection.execute(
            "SELECT count(*) FROM intake_inboundmessage WHERE state='accepted'"
        ).fetchone()[0]
        versions = connection.execute(
            "SELECT count(*) FROM statements_statementversion"
        ).fetchone()[0]
    return waiting, accepted, versions


def test_killed_processor_restarts_and_processes_each_message_once(tmp_path: Path) -> None:
    database = tmp_path / "crash.sqlite3"
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}},
        "DATABASE_URL": f"sqlite:///{database}",
        "OPENDEBATE_DATA_DIR": str(tmp_path / "var"),
        "EMAIL_DELIVERY": "memory",
    }
    run(["migrate", "--no-input"], env)
    run(["registry", "load"], env)
    run(["shell", "-c", SETUP], env)
    assert counts(database) == (MESSAGES, 0, 0)

    worker = subprocess.Popen(
        [OPENDEBATE, "intake-process", "--interval", "0.1"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while counts(database)[1] < 5 and time.monotonic() < deadline:
            time.sleep(0.05)
        worker.send_signal(signal.SIGKILL)  # in the middle of the batch, no chance to clean up
    finally:
        worker.wait(timeout=30)
    _waiting, accepted, versions = counts(database)
    assert 5 <= accepted < MESSAGES, "the kill must land in the middle of the batch"
    assert versions == accepted  # nothing half-done: a version exists only with its message's state

    run(["intake-process", "--once"], env)
    assert counts(database) == (0, MESSAGES, MESSAGES)
    with sqlite3.connect(database) as connection:
        linked = connection.execute(
            "SELECT count(DISTINCT version_id) FROM intake_inboundmessage WHERE version_id IS NOT NULL"
        ).fetchone()[0]
    assert linked == MESSAGES
    verified = run(["receipts", "verify"], env)
    assert verified.stdout.strip() == f"Receipts log intact: {MESSAGES} entries verified."

"""E-mail intake under load: concurrent SMTP clients against `opendebate intake-smtp`.

Run with `.venv/bin/python bench/smtp.py [messages] [clients]`. A fresh SQLite database in a
temporary folder; one registered contact per Member State, each sending its statement (about
500 words, in the body) to the seed meeting's intake address. Prints the messages per second
acknowledged (stored durably, then 250) and processed end to end (statement version, receipt),
and counts stored against sent. The baseline is aiosmtpd's own Sink handler, which keeps
nothing, on the same machine with the same clients: the cost of the SMTP conversation alone.
"""

from __future__ import annotations

import os
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink

sys.path.insert(0, str(Path(__file__).resolve().parent))
from documents import ORDER, VOICES, statement

OPENDEBATE = str(Path(sys.executable).parent / "opendebate")
WORKDIR = Path(tempfile.mkdtemp(prefix="opendebate-bench-smtp-"))
ADDRESS = "dppa-scsb3@un.org"
PROCESSORS = 2  # one per core on this machine
SETUP = """
import datetime
from django.utils import timezone
from opendebate.entities.models import EntityContact
from opendebate.entities.queries import submitting_entities
from opendebate.meetings.demo import create_seed_meeting
meeting = create_seed_meeting()
meeting.deadline = timezone.now() + datetime.timedelta(days=7)
meeting.word_guidance = 600
meeting.save()
EntityContact.objects.bulk_create(
    EntityContact(entity=entity, email=f"mission-{entity.code.lower()}@bench.example")
    for entity in submitting_entities()
)
print(",".join(e.code.lower() for e in submitting_entities()))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def messages(count: int, codes: list[str]) -> list[EmailMessage]:
    rng = random.Random(11)  # noqa: S311  (reproducible sample text)
    out = []
    for index in range(count):
        language = ORDER[index % len(ORDER)]
        code = codes[index % len(codes)]
        body = "\n\n".join(block.text for block in statement(VOICES[language], language, rng))
        mail = EmailMessage()
        mail["From"] = f"mission-{code}@bench.example"
        mail["To"] = ADDRESS
        mail["Subject"] = f"Statement {index}"
        mail["Message-ID"] = f"<bench-{index}@bench.example>"
        mail.set_content(body)
        out.append(mail)
    return out


def send_all(port: int, batch: list[EmailMessage], clients: int) -> float:
    """Send every message over `clients` concurrent connections; return the seconds taken."""
    import smtplib

    chunks = [batch[i::clients] for i in range(clients)]

    def client(chunk: list[EmailMessage]) -> None:
        with smtplib.SMTP("127.0.0.1", port, timeout=60) as connection:
            for mail in chunk:
                connection.send_message(mail)

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, chunks))
    return time.perf_counter() - started


def count(database: Path, state: str = "%") -> int:
    with sqlite3.connect(database, timeout=30) as connection:
        query = "SELECT count(*) FROM intake_inboundmessage WHERE state LIKE ?"
        return int(connection.execute(query, (state,)).fetchone()[0])


def main(total: int = 500, clients: int = 8) -> None:
    database = WORKDIR / "bench.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "OPENDEBATE_DATA_DIR": str(WORKDIR / "var"),
        "EMAIL_DELIVERY": "memory",
        "INTAKE_RATE_LIMIT_PER_HOUR": "100000",
    }
    for args in (["migrate", "--no-input"], ["registry", "load"]):
        subprocess.run([OPENDEBATE, *args], env=env, check=True, capture_output=True)
    codes = (
        subprocess.run(
            [OPENDEBATE, "shell", "-c", SETUP], env=env, check=True, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()[-1]  # the shell may print other lines first
        .split(",")
    )
    batch = messages(total, codes)

    sink_port = free_port()
    sink = Controller(Sink(), hostname="127.0.0.1", port=sink_port)
    sink.start()
    baseline = send_all(sink_port, batch, clients)
    sink.stop()

    port = free_port()
    # The production layout: the listener only stores; processors run as their own processes.
    server = subprocess.Popen(
        [OPENDEBATE, "intake-smtp", "--port", str(port), "--no-processor"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    processors = [
        subprocess.Popen(
            [OPENDEBATE, "intake-process", "--interval", "0.2", "--shard", f"{index}/{PROCESSORS}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for index in range(PROCESSORS)
    ]
    try:
        assert server.stdout is not None
        server.stdout.readline()  # "intake-smtp listening on ..."
        started = time.perf_counter()
        accepted_seconds = send_all(port, batch, clients)
        while count(database, "received") and time.perf_counter() - started < 600:
            time.sleep(0.1)
        end_to_end = time.perf_counter() - started
    finally:
        running: list[subprocess.Popen[str] | subprocess.Popen[bytes]] = [server, *processors]
        for process in running:
            process.terminate()
            process.wait(timeout=30)
    stored, processed = count(database), count(database, "accepted")
    print(
        f"{total} messages of about 500 words, {clients} concurrent SMTP clients, "
        f"{PROCESSORS} processor processes"
    )
    print(f"baseline (aiosmtpd Sink, stores nothing): {total / baseline:8.1f} messages/s")
    print(f"acknowledged after durable storage:       {total / accepted_seconds:8.1f} messages/s")
    print(f"processed end to end (version, receipt):  {total / end_to_end:8.1f} messages/s")
    print(f"ratio sink / acknowledged: {accepted_seconds / baseline:.1f}")
    print(f"sent {total}, stored {stored}, processed as statements {processed}")


if __name__ == "__main__":
    arguments = [int(value) for value in sys.argv[1:3]]
    main(*arguments)

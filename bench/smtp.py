"""E-mail intake under load: concurrent SMTP clients against `opendebate intake-smtp`.

Run with `.venv/bin/python bench/smtp.py [messages] [clients] [--sqlite]`. The production
processes (tests/production/stack.py) against a fresh database on the machine's PostgreSQL
(127.0.0.1:5432, dropped at the end), or with `--sqlite` a SQLite file in a temporary folder:
the listener only storing, two intake processors, the receipts sender. One registered contact
per Member State, each sending its statement (about 500 words, in the body) to the seed
meeting's intake address. Prints the messages per second acknowledged (stored durably, then
250) and processed end to end (statement version, receipt mailed), and counts stored against
sent. The baseline is aiosmtpd's own Sink handler, which keeps nothing, on the same machine
with the same clients: the cost of the SMTP conversation alone.
"""

from __future__ import annotations

import argparse
import random
import shutil
import smtplib
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.production.stack import Stack, free_port, fresh_database, print_cpu

from documents import ORDER, VOICES, statement

PROCESSORS = 2  # one per core on this machine
WARM_UP = 6  # messages, from delegations of their own


def messages(
    count: int, address: str, senders: list[str], kind: str = "bench"
) -> list[EmailMessage]:
    rng = random.Random(11)  # noqa: S311  (reproducible sample text)
    out = []
    for index in range(count):
        language = ORDER[index % len(ORDER)]
        body = "\n\n".join(block.text for block in statement(VOICES[language], language, rng))
        mail = EmailMessage()
        mail["From"] = senders[index % len(senders)]
        mail["To"] = address
        mail["Subject"] = f"Statement {index}"
        mail["Message-ID"] = f"<{kind}-{index}@bench.example>"
        mail.set_content(body)
        out.append(mail)
    return out


def send_all(port: int, batch: list[EmailMessage], clients: int) -> float:
    """Send every message over `clients` concurrent connections; return the seconds taken."""
    chunks = [batch[i::clients] for i in range(clients)]

    def client(chunk: list[EmailMessage]) -> None:
        with smtplib.SMTP("127.0.0.1", port, timeout=60) as connection:
            for mail in chunk:
                connection.send_message(mail)

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, chunks))
    return time.perf_counter() - started


def main(total: int, clients: int, sqlite: bool) -> None:
    folder = Path(tempfile.mkdtemp(prefix="opendebate-bench-smtp-"))
    database: AbstractContextManager[str] = (
        nullcontext(f"sqlite:///{folder / 'bench.sqlite3'}")
        if sqlite
        else fresh_database("opendebate_bench_smtp")
    )
    try:
        with (
            database as url,
            Stack(
                url, folder, redis_db=15, environment={"INTAKE_RATE_LIMIT_PER_HOUR": "100000"}
            ) as stack,
        ):
            measure(stack, total, clients, "SQLite" if sqlite else "PostgreSQL")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure(stack: Stack, total: int, clients: int, database: str) -> None:
    meeting = stack.set_up_meeting(200 + WARM_UP)
    senders = [delegation.email for delegation in meeting.delegations]
    batch = messages(total, meeting.address, senders[:-WARM_UP])

    sink_port = free_port()
    sink = Controller(Sink(), hostname="127.0.0.1", port=sink_port)
    sink.start()
    baseline = send_all(sink_port, batch, clients)
    sink.stop()

    # The production layout: the listener only stores; processors run as their own processes.
    port = stack.start_smtp()
    stack.start_processors(PROCESSORS)
    stack.start_receipts()
    # A process that has run for days has long loaded its modules, fonts and language models:
    # the spare delegations' messages go through first, and are not counted.
    send_all(port, messages(WARM_UP, meeting.address, senders[-WARM_UP:], "warm-up"), WARM_UP)
    wait_until_done(stack, time.perf_counter())
    before, client_before = stack.cpu_seconds(), time.process_time()
    started = time.perf_counter()
    accepted_seconds = send_all(port, batch, clients)
    wait_until_done(stack, started)
    end_to_end = time.perf_counter() - started
    used = {name: seconds - before.get(name, 0.0) for name, seconds in stack.cpu_seconds().items()}
    used["load generator"] = time.process_time() - client_before

    stored = stack.count("intake_inboundmessage") - WARM_UP
    processed = stack.count("intake_inboundmessage", "state = 'accepted'") - WARM_UP
    print(
        f"{total} messages of about 500 words, {clients} concurrent SMTP clients, "
        f"{PROCESSORS} processor processes, {database}"
    )
    print(f"baseline (aiosmtpd Sink, stores nothing): {total / baseline:8.1f} messages/s")
    print(f"acknowledged after durable storage:       {total / accepted_seconds:8.1f} messages/s")
    print(f"end to end (version, receipt mailed):     {total / end_to_end:8.1f} messages/s")
    print(f"ratio sink / acknowledged: {accepted_seconds / baseline:.1f}")
    print(f"sent {total}, stored {stored}, processed as statements {processed}")
    print_cpu(used, total, end_to_end, "message")


def wait_until_done(stack: Stack, started: float) -> None:
    """Until every stored message is processed and every receipt mailed."""
    while stack.count("intake_inboundmessage", "state = 'received'") or stack.count(
        "statements_receiptmail"
    ):
        assert time.perf_counter() - started < 600, "not processed in ten minutes"
        time.sleep(0.05)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("messages", type=int, nargs="?", default=500)
    parser.add_argument("clients", type=int, nargs="?", default=8)
    parser.add_argument("--sqlite", action="store_true", help="a SQLite file, not PostgreSQL")
    arguments = parser.parse_args()
    main(arguments.messages, arguments.clients, arguments.sqlite)

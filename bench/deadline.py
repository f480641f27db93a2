"""The last minute before a deadline: 200 delegations submit and revise 2,000 times, by the web
API and by e-mail, against the production stack on loopback.

Run with `.venv/bin/python bench/deadline.py [delegations] [spread] [--versions N]`. A fresh
database on the machine's PostgreSQL (127.0.0.1:5432, dropped at the end) and the production
processes (tests/production/stack.py): gunicorn, the SMTP listener, two intake processors, the
receipts sender, a task worker. Each delegation has an API token and a registered e-mail
address. The meeting's deadline is set 70 seconds ahead; in its last minute every delegation
sends its statement (about 500 words, the six languages in turn) and revises it, `versions`
(default 10) sends in all, each after the receipt of the one before: a quarter of the
delegations only by the web, a quarter only by e-mail, a quarter the web then e-mail in turn, a
quarter e-mail then the web. The sends arrive within `spread` seconds (default 55), thicker
towards the deadline, as a rush does; `spread` 0 sends them all at once, to find the stack's
capacity. 32 client threads.

Latency is the delegation's wait for its acknowledgement: HTTP request to 201 with the receipt;
for e-mail, DATA to 250 (stored durably), and separately until the statement version exists.
Then stored against sent: every acknowledged submission must be a version, once. The baseline
runs the same schedule against trivial handlers on the same machine: GET /api/meetings/ on the
same gunicorn, with the same tokens, and aiosmtpd's Sink, which keeps nothing. Where the time
went: each process's CPU time per submission, and the time gunicorn took for each request
(its access log) beside the time the client waited for it.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.production.stack import (
    Delegation,
    Stack,
    create_database,
    deliver,
    drop_database,
    free_port,
    print_cpu,
)

from documents import ORDER, VOICES, statement

CLIENTS = 32
# gunicorn on two cores: a submission is mostly Python work (parsing, language detection, word
# count) under the GIL, so one process per core; four threads each overlap the database round
# trips and the receipts log's lock. More threads would only take turns at the GIL, which
# stretches every request they hold rather than finishing the first ones first.
WEB_WORKERS, WEB_THREADS = 2, 4
PROCESSORS = 2
LEAD = 70.0  # the deadline, from when it is set
WINDOW = 60.0  # the last minute, in which everything is sent


@dataclass
class Send:
    """One submission: when it is due, who sends it, how, and what came back."""

    at: float  # seconds into the window
    delegation: Delegation
    index: int  # the delegation's number
    number: int  # 0 for the statement, then its revisions
    web: bool
    previous: Send | None = None  # the delegation's send that this one waits for
    after: threading.Event = field(default_factory=threading.Event)  # set once acknowledged
    started: float = 0.0  # time.time() of the first byte sent
    code: int = 0
    seconds: float = 0.0  # request to 201, or DATA to 250


def schedule(delegations: list[Delegation], spread: float, versions: int) -> list[Send]:
    rng = random.Random(7)  # noqa: S311  (a reproducible schedule)
    sends = []
    for index, delegation in enumerate(delegations):
        # Thicker towards the end of the spread: the density grows linearly, as in a rush.
        moments = sorted(spread * (rng.random() ** 0.5) for _ in range(versions))
        web_first = index % 2 == 0
        previous = None
        for number, at in enumerate(moments):
            # Quarters: web only, e-mail only, then the two in turn from either end.
            web = web_first if index % 4 < 2 else web_first == (number % 2 == 0)
            previous = Send(at, delegation, index, number, web=web, previous=previous)
            sends.append(previous)
    return sorted(sends, key=lambda send: send.at)


def text(send: Send) -> tuple[str, str]:
    """The heading and text of this submission, in the delegation's turn of the six languages."""
    language = ORDER[send.index % len(ORDER)]
    rng = random.Random(send.index * 100 + send.number)  # noqa: S311
    body = "\n\n".join(block.text for block in statement(VOICES[language], language, rng))
    return f"Statement of {send.delegation.code}, version {send.number + 1}", body


def payload(send: Send) -> dict[str, str]:
    heading, body = text(send)
    return {"heading": heading, "text": body}


def post(url: str, send: Send, data: dict[str, str] | None) -> None:
    """POST `data` (GET without), with the delegation's token, on a new connection."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=60)
    send.started = time.time()
    started = time.perf_counter()
    try:
        connection.request(
            "POST" if data else "GET",
            parts.path,
            body=json.dumps(data).encode() if data else None,
            headers={
                "Authorization": f"Token {send.delegation.token}",
                "Content-Type": "application/json",
            },
        )
        response = connection.getresponse()
        response.read()
        send.code = response.status
    except OSError:
        send.code = 0
    finally:
        connection.close()
    send.seconds = time.perf_counter() - started


def message_id(send: Send) -> str:
    return f"{send.delegation.code}-{send.number}@bench.example"


def mail(send: Send, address: str) -> EmailMessage:
    heading, body = text(send)
    message = EmailMessage()
    message["From"] = send.delegation.email
    message["To"] = address
    message["Subject"] = heading
    message["Message-ID"] = f"<{message_id(send)}>"
    message.set_content(body)
    return message


def send_mail(send: Send, port: int, address: str) -> None:
    send.started = time.time()
    send.code, send.seconds = deliver(port, mail(send, address))


def run(sends: list[Send], web: Callable[[Send], None], email: Callable[[Send], None]) -> float:
    """Send each on time from the client threads; returns when the window began (time.time())."""
    start = time.perf_counter() + 0.5

    def one(send: Send) -> None:
        time.sleep(max(0.0, start + send.at - time.perf_counter()))
        if send.previous is not None:
            send.previous.after.wait()  # a revision follows the receipt of the one before
        (web if send.web else email)(send)
        send.after.set()

    began = time.time() + (start - time.perf_counter())
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(one, sends))
    return began


def percentiles(values: list[float]) -> str:
    if len(values) < 2:
        return "(too few)"
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    shown = (cuts[49], cuts[94], cuts[98], max(values))
    return f"{len(values):5d}" + "".join(f" {value * 1000:8.0f}" for value in shown)


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[98]


def busiest(times: list[float], width: float = 10.0) -> float:
    """Acknowledgements per second in the busiest `width` seconds."""
    times = sorted(times)
    most, low = 0, 0
    for high, moment in enumerate(times):
        while moment - times[low] > width:
            low += 1
        most = max(most, high - low + 1)
    return most / width


def main(delegations: int, spread: float, versions: int) -> None:
    name = f"opendebate_bench_{os.getpid()}"
    database = create_database(name)
    folder = Path(tempfile.mkdtemp(prefix="opendebate-bench-deadline-"))
    try:
        with Stack(database, folder, redis_db=14) as stack:
            measure(stack, delegations, spread, versions)
    finally:
        drop_database(name)
        shutil.rmtree(folder, ignore_errors=True)


def measure(stack: Stack, count: int, spread: float, versions: int) -> None:
    meeting = stack.set_up_meeting(count + 1)
    *delegations, spare = meeting.delegations
    stack.start_web(workers=WEB_WORKERS, threads=WEB_THREADS)
    smtp = stack.start_smtp()
    stack.start_processors(PROCESSORS)
    stack.start_receipts()
    stack.start_worker()
    submit_url = f"{stack.web_url}/api/meetings/{meeting.pk}/statements/"

    # Each gunicorn worker loads its language models on its first submission; a server that
    # has been up for days has long done so. The spare delegation's versions are not counted.
    warm = [Send(0, spare, index, index, web=True) for index in range(8)]
    with ThreadPoolExecutor(len(warm)) as pool:
        list(pool.map(lambda send: post(submit_url, send, payload(send)), warm))

    # The baseline: the same schedule and clients, handlers that do (almost) nothing.
    sink_port = free_port()
    sink = Controller(Sink(), hostname="127.0.0.1", port=sink_port)
    sink.start()
    baseline = schedule(delegations, spread, versions)
    run(
        baseline,
        web=lambda send: post(f"{stack.web_url}/api/meetings/", send, None),
        email=lambda send: send_mail(send, sink_port, meeting.address),
    )
    sink.stop()

    deadline = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=LEAD)
    stack.query(
        "UPDATE meetings_meeting SET deadline = %s WHERE id = %s RETURNING id",
        (deadline, meeting.pk),
    )
    time.sleep(LEAD - WINDOW - 0.5)
    sends = schedule(delegations, spread, versions)
    logged = len(stack.log("web", whole=True).splitlines())
    before, client_before = stack.cpu_seconds(), time.process_time()
    began = run(
        sends,
        web=lambda send: post(submit_url, send, payload(send)),
        email=lambda send: send_mail(send, smtp, meeting.address),
    )
    limit = time.monotonic() + 600
    while stack.count("intake_inboundmessage", "state = 'received'") or stack.count(
        "statements_receiptmail"
    ):
        assert time.monotonic() < limit, "not processed and mailed in ten minutes"
        time.sleep(0.2)
    drained = time.time()
    used = {name: seconds - before.get(name, 0.0) for name, seconds in stack.cpu_seconds().items()}
    used["load generator"] = time.process_time() - client_before
    served = served_seconds(stack.log("web", whole=True).splitlines()[logged:])
    report(stack, sends, baseline, began, spread, deadline, served)
    print(
        f"every e-mail processed and every receipt mailed {drained - began:.1f} s after the start"
    )
    print_cpu(used, len(sends), drained - began, "submission")


def served_seconds(lines: list[str]) -> list[float]:
    """The time gunicorn took for each submission (the last field of its access log line)."""
    submitted = re.compile(r'"POST /api/meetings/\d+/statements/ HTTP/1.1" 201 .* (\d+\.\d+)$')
    return [float(found[1]) for line in lines if (found := submitted.search(line))]


def report(
    stack: Stack,
    sends: list[Send],
    baseline: list[Send],
    began: float,
    spread: float,
    deadline: datetime.datetime,
    served: list[float],
) -> None:
    web = [send for send in sends if send.web]
    email = [send for send in sends if not send.web]
    acknowledged = [send for send in sends if send.code in (201, 250)]
    codes = {send.delegation.code for send in sends}
    headings: dict[str, list[str]] = {}  # by delegation, in version order
    late = 0
    for code, heading, timeliness in stack.query(
        "SELECT e.code, v.heading, v.timeliness FROM statements_statementversion v "
        "JOIN statements_statement s ON s.id = v.statement_id "
        "JOIN entities_entity e ON e.id = s.entity_id ORDER BY e.code, v.number"
    ):
        if code in codes:
            headings.setdefault(code, []).append(heading)
            late += timeliness != "on_time"
    processed = dict(
        stack.query(
            "SELECT message_id, processed_at FROM intake_inboundmessage WHERE state = 'accepted'"
        )
    )
    end_to_end = [
        processed[message_id(send)].timestamp() - send.started
        for send in email
        if message_id(send) in processed
    ]
    acknowledged_at = [send.started + send.seconds for send in acknowledged]
    span = max(acknowledged_at) - began

    versions = len(sends) // len(codes)
    print(
        f"{len(codes)} delegations, each a statement and {versions - 1} revisions ({len(sends)}: "
        f"{len(web)} web, {len(email)} e-mail) in the last minute before the deadline, within "
        f"{spread:.0f} s; {CLIENTS} client threads on the same machine"
    )
    print(
        f"stack: gunicorn {WEB_WORKERS} workers x {WEB_THREADS} threads, intake-smtp, "
        f"{PROCESSORS} intake processors, the receipts sender, a task worker, PostgreSQL and "
        f"Redis; {os.cpu_count()} cores"
    )
    print(f"{'latency (ms)':35} {'n':>5} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}")
    for label, values in (
        ("web: POST to 201 with its receipt", [s.seconds for s in web if s.code == 201]),
        ("  of which in gunicorn (access log)", served),
        ("e-mail: DATA to 250 (stored)", [s.seconds for s in email if s.code == 250]),
        ("all acknowledgements", [s.seconds for s in acknowledged]),
        ("e-mail: sent to version recorded", end_to_end),
        ("baseline web: GET /api/meetings/", [s.seconds for s in baseline if s.web]),
        ("baseline e-mail: DATA to Sink 250", [s.seconds for s in baseline if not s.web]),
        ("baseline, all", [s.seconds for s in baseline]),
    ):
        print(f"{label:35} {percentiles(values)}")
    print(
        f"throughput: {len(acknowledged) / span:.1f} acknowledged/s over the {span:.1f} s from "
        f"the window's start to the last acknowledgement; {busiest(acknowledged_at):.1f}/s in "
        "the busiest 10 s"
    )
    ratio = p99([s.seconds for s in acknowledged]) / p99([s.seconds for s in baseline])
    print(f"ratio p99 all acknowledgements / p99 baseline: {ratio:.1f}")
    others = sorted(
        {(s.code, "web" if s.web else "e-mail") for s in sends if s.code not in (201, 250)}
    )
    stored = sum(len(versions) for versions in headings.values())
    print(
        f"sent {len(sends)}, acknowledged {len(acknowledged)} (other answers: {others or 'none'}), "
        f"stored {stored} versions; delegations with other than {versions} versions: "
        f"{sum(len(headings.get(code, [])) != versions for code in codes)}; late versions: "
        f"{late}; the deadline "
        f"{'had passed' if time.time() > deadline.timestamp() else 'was still ahead'}"
    )
    # An e-mail is acknowledged once stored, before it is processed: a web send after it can
    # become a version first.
    last = f", version {versions}"
    latest = sum(headings_[-1].endswith(last) for headings_ in headings.values())
    print(f"the last one sent is the latest version for {latest} of {len(headings)} delegations")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("delegations", type=int, nargs="?", default=200)
    parser.add_argument("spread", type=float, nargs="?", default=55.0)
    parser.add_argument("--versions", type=int, default=10, help="sends by each delegation")
    arguments = parser.parse_args()
    main(arguments.delegations, arguments.spread, arguments.versions)

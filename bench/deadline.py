"""The last minute before a deadline: 200 delegations submit and revise, by the web API and by
e-mail, against the production stack on loopback.

Run with `.venv/bin/python bench/deadline.py [delegations] [spread]`. A fresh database on the
machine's PostgreSQL (127.0.0.1:5432, dropped at the end) and the production processes
(tests/production/stack.py): gunicorn, the SMTP listener, two intake processors, a task worker.
Each delegation has an API token and a registered e-mail address. The meeting's deadline is
set 70 seconds ahead; in its last minute every delegation sends its statement (about 500 words,
the six languages in turn) and, some seconds after its receipt, a revision: a quarter web then
web, a quarter e-mail then e-mail, a quarter web then e-mail, a quarter e-mail then web. The
first submissions arrive within `spread` seconds (default 40), thicker towards the deadline, as
a rush does; `spread` 0 sends them all at once, to find the stack's capacity. 32 client threads.

Latency is the delegation's wait for its acknowledgement: HTTP request to 201 with the receipt;
for e-mail, DATA to 250 (stored durably), and separately until the statement version exists.
Then stored against sent: every acknowledged submission must be a version, once. The baseline
runs the same schedule against trivial handlers on the same machine: GET /api/meetings/ on the
same gunicorn, with the same tokens, and aiosmtpd's Sink, which keeps nothing.
"""

from __future__ import annotations

import datetime
import http.client
import json
import os
import random
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
    revision: bool
    web: bool
    after: threading.Event = field(default_factory=threading.Event)  # set once acknowledged
    started: float = 0.0  # time.time() of the first byte sent
    code: int = 0
    seconds: float = 0.0  # request to 201, or DATA to 250


def schedule(delegations: list[Delegation], spread: float) -> list[Send]:
    rng = random.Random(7)  # noqa: S311  (a reproducible schedule)
    sends = []
    for index, delegation in enumerate(delegations):
        # Thicker towards the end of the spread: the density grows linearly, as in a rush.
        first = spread * (rng.random() ** 0.5)
        revised = min(first + rng.uniform(5, 15), WINDOW - 5)
        web_first = index % 2 == 0
        web_again = web_first if index % 4 < 2 else not web_first
        sends.append(Send(first, delegation, index, revision=False, web=web_first))
        sends.append(Send(revised, delegation, index, revision=True, web=web_again))
    return sorted(sends, key=lambda send: send.at)


def text(send: Send) -> tuple[str, str]:
    """The heading and text of this submission, in the delegation's turn of the six languages."""
    language = ORDER[send.index % len(ORDER)]
    rng = random.Random(send.index * 2 + send.revision)  # noqa: S311
    body = "\n\n".join(block.text for block in statement(VOICES[language], language, rng))
    kind = "Revised statement" if send.revision else "Statement"
    return f"{kind} of {send.delegation.code}", body


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
    return f"{send.delegation.code}-{int(send.revision)}@bench.example"


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
    firsts = {send.delegation.code: send for send in sends if not send.revision}

    def one(send: Send) -> None:
        time.sleep(max(0.0, start + send.at - time.perf_counter()))
        if send.revision:
            firsts[send.delegation.code].after.wait()  # a revision follows its receipt
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


def main(delegations: int = 200, spread: float = 40.0) -> None:
    name = f"opendebate_bench_{os.getpid()}"
    database = create_database(name)
    folder = Path(tempfile.mkdtemp(prefix="opendebate-bench-deadline-"))
    try:
        with Stack(database, folder, redis_db=14) as stack:
            measure(stack, delegations, spread)
    finally:
        drop_database(name)
        shutil.rmtree(folder, ignore_errors=True)


def measure(stack: Stack, count: int, spread: float) -> None:
    meeting = stack.set_up_meeting(count + 1)
    *delegations, spare = meeting.delegations
    stack.start_web(workers=WEB_WORKERS, threads=WEB_THREADS)
    smtp = stack.start_smtp()
    stack.start_processors(PROCESSORS)
    stack.start_worker()
    submit_url = f"{stack.web_url}/api/meetings/{meeting.pk}/statements/"

    # Each gunicorn worker loads its language models on its first submission; a server that
    # has been up for days has long done so. The spare delegation's versions are not counted.
    warm = [Send(0, spare, index, revision=bool(index), web=True) for index in range(8)]
    with ThreadPoolExecutor(len(warm)) as pool:
        list(pool.map(lambda send: post(submit_url, send, payload(send)), warm))

    # The baseline: the same schedule and clients, handlers that do (almost) nothing.
    sink_port = free_port()
    sink = Controller(Sink(), hostname="127.0.0.1", port=sink_port)
    sink.start()
    baseline = schedule(delegations, spread)
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
    sends = schedule(delegations, spread)
    began = run(
        sends,
        web=lambda send: post(submit_url, send, payload(send)),
        email=lambda send: send_mail(send, smtp, meeting.address),
    )
    limit = time.monotonic() + 300
    while stack.query("SELECT count(*) FROM intake_inboundmessage WHERE state = 'received'")[0][0]:
        assert time.monotonic() < limit, "the processors did not finish in five minutes"
        time.sleep(0.2)
    report(stack, sends, baseline, began, spread, deadline)


def report(
    stack: Stack,
    sends: list[Send],
    baseline: list[Send],
    began: float,
    spread: float,
    deadline: datetime.datetime,
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

    print(
        f"{len(codes)} delegations, each a statement and a revision ({len(sends)}: {len(web)} "
        f"web, {len(email)} e-mail) in the last minute before the deadline; the first ones "
        f"within {spread:.0f} s; {CLIENTS} client threads on the same machine"
    )
    print(
        f"stack: gunicorn {WEB_WORKERS} workers x {WEB_THREADS} threads, intake-smtp, "
        f"{PROCESSORS} intake processors, a task worker, PostgreSQL and Redis; "
        f"{os.cpu_count()} cores"
    )
    print(f"{'latency (ms)':35} {'n':>5} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}")
    for label, values in (
        ("web: POST to 201 with its receipt", [s.seconds for s in web if s.code == 201]),
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
        f"stored {stored} versions; delegations with other than 2 versions: "
        f"{sum(len(headings.get(code, [])) != 2 for code in codes)}; late versions: {late}; "
        f"the deadline {'had passed' if time.time() > deadline.timestamp() else 'was still ahead'}"
    )
    latest = sum(versions[-1].startswith("Revised") for versions in headings.values())
    print(f"the revision is the latest version for {latest} of {len(headings)} delegations")


if __name__ == "__main__":
    arguments = sys.argv[1:3]
    main(
        int(arguments[0]) if arguments else 200,
        float(arguments[1]) if len(arguments) > 1 else 40.0,
    )

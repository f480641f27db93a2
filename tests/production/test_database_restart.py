"""PostgreSQL stops (as in a crash: no clean shutdown) and starts again while delegations send
statements by e-mail and through the API, on a private server so the shared one is untouched.

Every message answered 250 is stored once and processed once; every submission answered 201
has its receipt, once. While the database is away the listener answers 451 (the sender's
server keeps the message and tries again) and the API answers 5xx: never a false receipt. Once
it is back, everything works at the first attempt: no process keeps a dead connection.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.production.conftest import UNLIMITED
from tests.production.stack import Cluster, Delegation, Stack, create_database, deliver

pytestmark = pytest.mark.slow

SENDERS = 3
TEXT = (
    "The Council should support the mediation of the African Union and of the Economic "
    "Community of West African States, and protect the civilians of the Sahel. "
)


@dataclass(frozen=True)
class Attempt:
    started: float
    key: str  # the Message-ID, or the receipt reference of an API submission
    code: int  # SMTP or HTTP answer; 0 when the connection itself failed


def mail_from(delegation: Delegation, address: str, sender: int, index: int) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = delegation.email
    mail["To"] = address
    mail["Subject"] = f"Statement {sender}-{index}"
    mail["Message-ID"] = f"<restart-{sender}-{index}@stack.example>"
    mail.set_content(f"{TEXT * 3}\n\nVersion {sender}-{index}.")
    return mail


def submit(url: str, delegation: Delegation, index: int) -> Attempt:
    started = time.monotonic()
    body = json.dumps({"heading": f"Statement {index}", "text": f"{TEXT * 3} Version {index}."})
    request = urllib.request.Request(
        url,
        data=body.encode(),
        headers={"Authorization": f"Token {delegation.token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            reference = json.load(response)["receipt"]["reference"]
            return Attempt(started, reference, response.status)
    except urllib.error.HTTPError as error:
        return Attempt(started, "", error.code)
    except OSError:
        return Attempt(started, "", 0)


def test_database_restart_loses_nothing_and_acknowledges_nothing_falsely(
    cluster: Cluster, tmp_path: Path
) -> None:
    database = create_database("opendebate", cluster.server)
    with Stack(database, tmp_path, environment=UNLIMITED) as stack:
        meeting = stack.set_up_meeting(SENDERS + 1)
        stack.start_web(workers=1, threads=4)
        port = stack.start_smtp()
        stack.start_processors(2)
        submit_url = f"{stack.web_url}/api/meetings/{meeting.pk}/statements/"
        mails: list[Attempt] = []
        posts: list[Attempt] = []
        stopping = threading.Event()

        def send_mail(sender: int) -> None:
            index = 0
            while not stopping.is_set():
                mail = mail_from(meeting.delegations[sender], meeting.address, sender, index)
                started = time.monotonic()
                key = str(mail["Message-ID"]).strip("<>")  # kept without its brackets
                mails.append(Attempt(started, key, deliver(port, mail)[0]))
                index += 1
                time.sleep(0.05)

        def post() -> None:
            index = 0
            while not stopping.is_set():
                posts.append(submit(submit_url, meeting.delegations[SENDERS], index))
                index += 1
                time.sleep(0.05)

        clients = [threading.Thread(target=send_mail, args=(i,)) for i in range(SENDERS)]
        clients.append(threading.Thread(target=post))
        for client in clients:
            client.start()
        try:
            time.sleep(2)
            cluster.stop("immediate")  # a crash, under traffic
            time.sleep(4)
            cluster.start()
            back = time.monotonic()
            time.sleep(3)
        finally:
            stopping.set()
            for client in clients:
                client.join(timeout=60)
        # A restart while nobody sends: every process still holds a connection to the server
        # that went away, and the first message and submission must not fail on it.
        cluster.stop("fast")
        cluster.start()
        for index in range(SENDERS):
            mail = mail_from(meeting.delegations[index], meeting.address, index, 1000)
            key = str(mail["Message-ID"]).strip("<>")
            mails.append(Attempt(time.monotonic(), key, deliver(port, mail)[0]))
            posts.append(submit(submit_url, meeting.delegations[SENDERS], 1000 + index))

        def waiting() -> int:
            count: int = stack.query(
                "SELECT count(*) FROM intake_inboundmessage WHERE state = 'received'"
            )[0][0]
            return count

        deadline = time.monotonic() + 60
        while waiting() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert [name for name, p in stack.processes.items() if p.poll() is not None] == []

        # The listener said 250 (stored) or 451 (try later), never a permanent refusal.
        assert {attempt.code for attempt in mails} == {250, 451}
        assert all(attempt.code == 250 for attempt in mails if attempt.started > back)
        stored = dict(
            stack.query(
                "SELECT message_id, count(*) FROM intake_inboundmessage GROUP BY message_id"
            )
        )
        acknowledged = [attempt.key for attempt in mails if attempt.code == 250]
        assert [key for key in acknowledged if stored.get(key) != 1] == []
        # A 451 answered after the database committed the row would leave it stored, and the
        # sender's retry would find it: never twice either way.
        assert max(stored.values()) == 1
        assert waiting() == 0
        [(accepted, linked)] = stack.query(
            "SELECT count(*), count(DISTINCT version_id) FROM intake_inboundmessage "
            "WHERE state = 'accepted'"
        )
        assert accepted == linked == len(stored)

        # The API answered 201 with a receipt, or 5xx: never a receipt it did not keep.
        assert {attempt.code // 100 for attempt in posts} == {2, 5}
        assert all(attempt.code == 201 for attempt in posts if attempt.started > back)
        receipts = dict(
            stack.query("SELECT reference, count(*) FROM statements_receipt GROUP BY reference")
        )
        assert [a.key for a in posts if a.code == 201 and receipts.get(a.key) != 1] == []
        versions = stack.query("SELECT count(*) FROM statements_statementversion")[0][0]
        assert versions == len(receipts)
        # Besides the e-mailed ones, a version per 201; one more can only be a submission whose
        # commit reached the disk as the server died, answered 5xx: the sender sends it again.
        unanswered = versions - len(stored) - sum(a.code == 201 for a in posts)
        assert 0 <= unanswered <= sum(a.code >= 500 for a in posts)
        assert stack.run("receipts", "verify").strip() == (
            f"Receipts log intact: {versions} entries verified."
        )

"""IMAP polling against a real Dovecot (.ci/dovecot), and against an in-memory server for what
Dovecot always offers and some hosted mailboxes do not (MOVE, UIDPLUS, custom keywords)."""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import re
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from imapclient import IMAPClient

from opendebate.intake import imap
from opendebate.intake.imap import (
    STORED_KEYWORD,
    ImapSetupError,
    PollResult,
    connect,
    poll_mailbox,
)
from opendebate.intake.models import InboundMessage
from opendebate.intake.store import StoreError, raw_path

HOST, PORT = "127.0.0.1", 10143
USER, PASSWORD = "intake", "intake-test"
DONE = "Processed"
ADDRESS = "dppa-scsb3@un.org"
ARRIVED = datetime.datetime(2025, 3, 4, 9, 30, tzinfo=datetime.UTC)
DOCX = Path(__file__).parents[1] / "data" / "statements" / "en_statement.docx"
KEYWORD = STORED_KEYWORD.encode()


def dovecot() -> IMAPClient:
    """The test account, with all of IMAPClient (the tests also append, delete and inspect)."""
    return connect(host=HOST, port=PORT, user=USER, password=PASSWORD, ssl=False)


@pytest.fixture(scope="session")
def imap_server() -> None:
    try:
        socket.create_connection((HOST, PORT), timeout=2).close()
    except OSError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"no IMAP server on {HOST}:{PORT}: CI must start it with .ci/dovecot")
        pytest.skip("run .ci/dovecot to start the test IMAP server")


@pytest.fixture(autouse=True)
def mail_store(tmp_path: Path) -> Iterator[None]:
    with override_settings(INTAKE_MAIL_DIR=tmp_path / "mail"):
        yield


@pytest.fixture
def mailbox(imap_server: None) -> Iterator[IMAPClient]:
    """A connection to the test account with an empty INBOX and no done folder."""
    with dovecot() as client:
        if client.folder_exists(DONE):
            client.delete_folder(DONE)
        client.select_folder("INBOX")
        if uids := client.search(["ALL"]):
            client.delete_messages(uids)
            client.uid_expunge(uids)
        yield client


def statements() -> list[bytes]:
    """Three messages as a mail client sends them (CRLF, which IMAP hands back unchanged)."""
    plain = EmailMessage()
    plain["Return-Path"] = "<mission@france.example>"
    plain["Delivered-To"] = ADDRESS
    plain["From"] = "Mission de la France <mission@france.example>"
    plain["To"] = "Security Council <secretariat@un.org>"
    plain["Subject"] = "Déclaration de la France"
    plain["Message-ID"] = "<statement-1@france.example>"
    plain.set_content("La France salue la coopération entre les Nations Unies et la Francophonie.")

    attached = EmailMessage()
    attached["From"] = "mission@canada.example"
    attached["To"] = f"Open debate <{ADDRESS.upper()}>"
    attached["Cc"] = "archive@canada.example"
    attached["Subject"] = "Statement by Canada"
    attached["Message-ID"] = "<statement-2@canada.example>"
    attached.set_content("Please find our statement attached.")
    attached.add_attachment(
        DOCX.read_bytes(),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="statement.docx",
    )

    arabic = EmailMessage()
    arabic["Return-Path"] = "<>"
    arabic["Delivered-To"] = ADDRESS
    arabic["From"] = "mission@egypt.example"
    arabic["To"] = ADDRESS
    arabic["Subject"] = "بيان مصر"
    arabic["Message-ID"] = "<statement-3@egypt.example>"
    arabic.set_content("تشيد مصر بالتعاون بين الأمم المتحدة والمنظمة الدولية للفرنكوفونية.")
    return [mail.as_bytes(policy=SMTP) for mail in (plain, attached, arabic)]


def append(client: IMAPClient, raws: list[bytes]) -> None:
    for raw in raws:
        client.append("INBOX", raw, msg_time=ARRIVED)


def flags_in(client: IMAPClient, folder: str) -> list[set[bytes]]:
    """Each message's flags but \\Recent, which goes to whichever session sees a message first."""
    client.select_folder(folder)
    fetched = sorted(client.fetch(client.search(["ALL"]), ["FLAGS"]).items())
    return [set(data[b"FLAGS"]) - {b"\\Recent"} for _uid, data in fetched]


def poll(done_folder: str | None = None) -> PollResult:
    return poll_mailbox(dovecot, folder="INBOX", done_folder=done_folder)


@pytest.mark.slow
@pytest.mark.django_db
def test_poll_stores_each_message_once_with_its_exact_bytes(mailbox: IMAPClient) -> None:
    raws = statements()
    append(mailbox, raws)

    assert poll() == PollResult(stored=3, already_stored=0, failed=0)

    rows = {row.sha256: row for row in InboundMessage.objects.all()}
    assert sorted(rows) == sorted(hashlib.sha256(raw).hexdigest() for raw in raws)
    envelopes = []
    for raw in raws:
        row = rows[hashlib.sha256(raw).hexdigest()]
        assert raw_path(row.sha256).read_bytes() == raw
        envelopes.append((row.source, row.envelope_from, row.recipients, row.size, row.received_at))
    assert envelopes == [
        ("imap", "mission@france.example", [ADDRESS], len(raws[0]), ARRIVED),
        ("imap", "", [ADDRESS, "archive@canada.example"], len(raws[1]), ARRIVED),
        ("imap", "", [ADDRESS], len(raws[2]), ARRIVED),
    ]
    # Marked stored, and still unread for whoever looks at the mailbox: the fetch only peeked.
    assert flags_in(mailbox, "INBOX") == [{KEYWORD}] * 3

    assert poll() == PollResult(stored=0, already_stored=0, failed=0)
    assert InboundMessage.objects.count() == 3


@pytest.mark.slow
@pytest.mark.django_db
def test_poll_moves_stored_messages_to_the_done_folder(mailbox: IMAPClient) -> None:
    append(mailbox, statements())

    assert poll(DONE) == PollResult(stored=3, already_stored=0, failed=0)

    assert flags_in(mailbox, "INBOX") == []
    assert flags_in(mailbox, DONE) == [{KEYWORD}] * 3
    assert poll(DONE) == PollResult(stored=0, already_stored=0, failed=0)
    assert InboundMessage.objects.count() == 3


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("done_folder", [None, DONE])
def test_storage_failure_leaves_messages_for_a_later_poll(
    mailbox: IMAPClient, monkeypatch: pytest.MonkeyPatch, done_folder: str | None
) -> None:
    raws = statements()
    append(mailbox, raws)

    def disk_full(raw: bytes, **fields: object) -> InboundMessage:
        raise StoreError("[Errno 28] No space left on device")

    monkeypatch.setattr(imap, "store_raw", disk_full)
    assert poll(done_folder) == PollResult(stored=0, already_stored=0, failed=3)
    assert InboundMessage.objects.count() == 0
    assert flags_in(mailbox, "INBOX") == [set()] * 3

    monkeypatch.undo()
    assert poll(done_folder) == PollResult(stored=3, already_stored=0, failed=0)
    assert poll(done_folder) == PollResult(stored=0, already_stored=0, failed=0)
    assert sorted(InboundMessage.objects.values_list("sha256", flat=True)) == sorted(
        hashlib.sha256(raw).hexdigest() for raw in raws
    )


@pytest.mark.slow
@pytest.mark.django_db
def test_message_stored_but_never_marked_is_marked_without_a_second_row(
    mailbox: IMAPClient,
) -> None:
    raw = statements()[0]
    # The same bytes twice: a duplicate delivery, or a poll that stored and then lost the
    # connection before the keyword was set.
    append(mailbox, [raw, raw])

    assert poll() == PollResult(stored=1, already_stored=1, failed=0)

    mailbox.select_folder("INBOX")
    mailbox.remove_flags(mailbox.search(["ALL"]), [STORED_KEYWORD])
    assert poll() == PollResult(stored=0, already_stored=2, failed=0)
    assert flags_in(mailbox, "INBOX") == [{KEYWORD}] * 2
    assert InboundMessage.objects.count() == 1


@pytest.mark.slow
@pytest.mark.django_db
def test_command_once_prints_the_poll(mailbox: IMAPClient) -> None:
    append(mailbox, statements())
    out = io.StringIO()

    with imap_settings(PORT, IMAP_USER=USER, IMAP_PASSWORD=PASSWORD):
        call_command("intake_imap", "--once", stdout=out)

    date, time, line = out.getvalue().split(" ", 2)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", f"{date} {time}")
    assert line == f"INBOX on {HOST}:{PORT}: 3 stored, 0 already stored, 0 failed\n"


def test_command_without_host_names_the_settings() -> None:
    with override_settings(IMAP_HOST=""), pytest.raises(CommandError) as raised:
        call_command("intake_imap", "--once")
    assert str(raised.value) == "IMAP_HOST is not set; set IMAP_HOST, IMAP_USER and IMAP_PASSWORD"


def imap_settings(port: int, **more: object) -> override_settings:
    return override_settings(IMAP_HOST=HOST, IMAP_PORT=port, IMAP_SSL=False, **more)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def test_command_once_with_unreachable_server_fails_in_one_line() -> None:
    port = closed_port()
    with imap_settings(port), pytest.raises(CommandError) as raised:
        call_command("intake_imap", "--once")
    assert str(raised.value) == f"INBOX on {HOST}:{port}: cannot connect (Connection refused)"


def test_command_reports_connection_errors_and_retries_at_the_next_interval(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port = closed_port()
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        if len(sleeps) == 2:
            raise KeyboardInterrupt

    reconnects: list[None] = []
    command = "opendebate.intake.management.commands.intake_imap"
    monkeypatch.setattr(f"{command}.time.sleep", sleep)
    # The test database lives in one transaction that must stay open; count the reconnects.
    monkeypatch.setattr(f"{command}.close_old_connections", lambda: reconnects.append(None))
    out, err = io.StringIO(), io.StringIO()

    with imap_settings(port):
        call_command("intake_imap", "--interval", "5", stdout=out, stderr=err)

    assert sleeps == [5, 5]
    assert reconnects == [None]
    problem = f"INBOX on {HOST}:{port}: cannot connect (Connection refused); retrying in 5s"
    assert [line.split(" ", 2)[2] for line in err.getvalue().splitlines()] == [problem] * 2
    assert out.getvalue() == "intake-imap stopped\n"


class FakeServer:
    """An IMAP server in memory with chosen capabilities; it logs commands as IMAP spells them."""

    use_uid = True
    normalise_times = True

    def __init__(
        self, raws: list[bytes], *, capabilities: set[str], permanent_flags: tuple[bytes, ...]
    ) -> None:
        self.folders: dict[str, dict[int, tuple[bytes, set[str]]]] = {
            "INBOX": {uid: (raw, set()) for uid, raw in enumerate(raws, start=1)}
        }
        self.capabilities = capabilities
        self.permanent_flags = permanent_flags
        self.selected = ""
        self.log: list[str] = []

    @property
    def messages(self) -> dict[int, tuple[bytes, set[str]]]:
        return self.folders[self.selected]

    def __enter__(self) -> FakeServer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.log.append("LOGOUT")

    def has_capability(self, capability: str) -> bool:
        return capability in self.capabilities

    def select_folder(self, folder: str, readonly: bool = False) -> dict[bytes, Any]:
        self.log.append(f"SELECT {folder}")
        self.selected = folder
        return {b"PERMANENTFLAGS": self.permanent_flags}

    def folder_exists(self, folder: str) -> bool:
        return folder in self.folders

    def create_folder(self, folder: str) -> None:
        self.log.append(f"CREATE {folder}")
        self.folders[folder] = {}

    def search(self, criteria: list[str]) -> list[int]:
        self.log.append(f"UID SEARCH {' '.join(criteria)}")
        excluded = {r"\Deleted", *criteria[1:2]} if criteria[0] == "UNKEYWORD" else {r"\Deleted"}
        return [uid for uid, (_raw, flags) in self.messages.items() if not flags & excluded]

    def fetch(self, messages: list[int], data: list[str]) -> dict[int, dict[bytes, Any]]:
        self.log.append(f"UID FETCH {uid_set(messages)} ({' '.join(data)})")
        return {
            uid: {b"RFC822.SIZE": len(raw), b"BODY[]": raw, b"INTERNALDATE": ARRIVED}
            for uid, (raw, _flags) in self.messages.items()
            if uid in messages
        }

    def add_flags(self, messages: list[int], flags: list[str], silent: bool = False) -> None:
        self.log.append(f"UID STORE {uid_set(messages)} +FLAGS.SILENT ({' '.join(flags)})")
        for uid in messages:
            self.messages[uid][1].update(flags)

    def copy(self, messages: list[int], folder: str) -> None:
        self.log.append(f"UID COPY {uid_set(messages)} {folder}")
        target = self.folders[folder]
        for uid in messages:
            raw, flags = self.messages[uid]
            target[len(target) + 1] = (raw, set(flags))

    def move(self, messages: list[int], folder: str) -> None:
        assert "MOVE" in self.capabilities
        self.copy(messages, folder)
        self.log[-1] = self.log[-1].replace("COPY", "MOVE")
        for uid in messages:
            del self.messages[uid]

    def uid_expunge(self, messages: list[int]) -> None:
        assert "UIDPLUS" in self.capabilities
        self.log.append(f"UID EXPUNGE {uid_set(messages)}")
        self._expunge([uid for uid in messages if r"\Deleted" in self.messages[uid][1]])

    def expunge(self) -> None:
        self.log.append("EXPUNGE")
        self._expunge([uid for uid, (_raw, flags) in self.messages.items() if r"\Deleted" in flags])

    def _expunge(self, uids: list[int]) -> None:
        for uid in uids:
            del self.messages[uid]


def uid_set(uids: list[int]) -> str:
    return ",".join(map(str, uids))


EVERY_FLAG = (b"\\Seen", b"\\Deleted", b"\\*")
SYSTEM_FLAGS = (b"\\Answered", b"\\Flagged", b"\\Deleted", b"\\Seen", b"\\Draft")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("capabilities", "expunge"), [(set(), "EXPUNGE"), ({"UIDPLUS"}, "UID EXPUNGE 1,2")]
)
def test_without_move_messages_are_copied_then_deleted_and_expunged(
    capabilities: set[str], expunge: str
) -> None:
    raws = statements()[:2]
    server = FakeServer(raws, capabilities=capabilities, permanent_flags=EVERY_FLAG)

    result = poll_mailbox(lambda: server, folder="INBOX", done_folder=DONE)

    assert result == PollResult(stored=2, already_stored=0, failed=0)
    assert server.log == [
        "SELECT INBOX",
        f"CREATE {DONE}",
        f"UID SEARCH UNKEYWORD {STORED_KEYWORD} UNDELETED",
        "UID FETCH 1,2 (RFC822.SIZE)",
        "UID FETCH 1,2 (BODY.PEEK[] INTERNALDATE)",
        f"UID STORE 1,2 +FLAGS.SILENT ({STORED_KEYWORD})",
        f"UID COPY 1,2 {DONE}",
        "UID STORE 1,2 +FLAGS.SILENT (\\Deleted)",
        expunge,
        "LOGOUT",
    ]
    assert server.folders == {
        "INBOX": {},
        DONE: {1: (raws[0], {STORED_KEYWORD}), 2: (raws[1], {STORED_KEYWORD})},
    }


@pytest.mark.django_db
def test_without_custom_keywords_messages_are_marked_seen_and_moved() -> None:
    raws = statements()
    server = FakeServer(raws, capabilities={"MOVE"}, permanent_flags=SYSTEM_FLAGS)
    # Read by someone in webmail before the poll: \Seen cannot mean "stored", so it is stored.
    server.folders["INBOX"][2][1].add(r"\Seen")

    result = poll_mailbox(lambda: server, folder="INBOX", done_folder=DONE)

    assert result == PollResult(stored=3, already_stored=0, failed=0)
    assert server.log == [
        "SELECT INBOX",
        f"CREATE {DONE}",
        "UID SEARCH UNDELETED",
        "UID FETCH 1,2,3 (RFC822.SIZE)",
        "UID FETCH 1,2,3 (BODY.PEEK[] INTERNALDATE)",
        "UID STORE 1,2,3 +FLAGS.SILENT (\\Seen)",
        f"UID MOVE 1,2,3 {DONE}",
        "LOGOUT",
    ]
    assert server.folders["INBOX"] == {}
    assert [raw for raw, _flags in server.folders[DONE].values()] == raws
    assert InboundMessage.objects.count() == 3


@pytest.mark.django_db
def test_without_custom_keywords_or_done_folder_nothing_is_fetched() -> None:
    server = FakeServer(statements(), capabilities={"MOVE"}, permanent_flags=SYSTEM_FLAGS)

    with pytest.raises(ImapSetupError) as raised:
        poll_mailbox(lambda: server, folder="INBOX", done_folder=None)

    assert str(raised.value) == (
        "the IMAP server does not keep custom keywords in INBOX, so stored messages cannot be "
        "marked there; set a done folder (IMAP_DONE_FOLDER) to move them into"
    )
    assert server.log == ["SELECT INBOX", "LOGOUT"]
    assert InboundMessage.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sizes", "fetches"),
    [
        # Bounded by count: three to a batch.
        ([10, 10, 10, 10, 10], ["1,2,3", "4,5"]),
        # Bounded by bytes (250): a message larger than a batch still goes, alone.
        ([100, 100, 100, 300, 100], ["1,2", "3", "4", "5"]),
    ],
)
def test_batches_are_bounded_by_count_and_size(
    monkeypatch: pytest.MonkeyPatch, sizes: list[int], fetches: list[str]
) -> None:
    monkeypatch.setattr(imap, "BATCH_MESSAGES", 3)
    monkeypatch.setattr(imap, "BATCH_BYTES", 250)
    raws = [
        f"Subject: {number}\r\n\r\n".encode().ljust(size, b"x") for number, size in enumerate(sizes)
    ]
    server = FakeServer(raws, capabilities=set(), permanent_flags=EVERY_FLAG)

    result = poll_mailbox(lambda: server, folder="INBOX", done_folder=None)

    assert result == PollResult(stored=5, already_stored=0, failed=0)
    assert [line for line in server.log if "BODY.PEEK" in line] == [
        f"UID FETCH {uids} (BODY.PEEK[] INTERNALDATE)" for uids in fetches
    ]

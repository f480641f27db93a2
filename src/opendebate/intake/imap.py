"""IMAP polling: copy each new message of a hosted mailbox into the store, then mark it.

The rule is the SMTP listener's: stored first, acknowledged after. A message is marked (the
keyword below, or a move to the done folder) only once `store_raw` has returned, so a crash or a
storage failure at any point leaves it unmarked and the next poll fetches it again; `store_raw`
turns the same bytes into the same row, so fetching twice never records twice.

Messages are addressed by UID: sequence numbers shift whenever another client expunges.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parseaddr
from types import TracebackType
from typing import Any, Protocol

from django.db import DatabaseError
from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError

from opendebate.intake.models import InboundMessage
from opendebate.intake.store import StoreError, store_raw

logger = logging.getLogger(__name__)

STORED_KEYWORD = "$OpendebateStored"
SEEN = r"\Seen"
DELETED = r"\Deleted"
# A batch is fetched into memory whole; messages may be up to INTAKE_MAX_MESSAGE_BYTES each, so
# batches are bounded by size as well as by count.
BATCH_MESSAGES = 50
BATCH_BYTES = 32 * 1024 * 1024
_ENVELOPE_FROM_MAX = 320  # InboundMessage.envelope_from; a longer one could never be stored


class ImapSetupError(Exception):
    """The mailbox offers no way to mark stored messages; polling it would store them forever."""


@dataclass(frozen=True)
class PollResult:
    stored: int
    already_stored: int
    failed: int


class MailboxClient(Protocol):
    """The part of IMAPClient that polling uses (a logged-in client, as `connect` returns)."""

    use_uid: bool
    normalise_times: bool

    def __enter__(self) -> MailboxClient: ...
    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def has_capability(self, capability: str) -> bool: ...
    def select_folder(self, folder: str, readonly: bool = False) -> dict[bytes, Any]: ...
    def folder_exists(self, folder: str) -> bool: ...
    def create_folder(self, folder: str) -> object: ...
    def search(self, criteria: list[str]) -> list[int]: ...
    def fetch(self, messages: list[int], data: list[str]) -> dict[int, dict[bytes, Any]]: ...
    def add_flags(self, messages: list[int], flags: list[str], silent: bool = False) -> object: ...
    def move(self, messages: list[int], folder: str) -> object: ...
    def copy(self, messages: list[int], folder: str) -> object: ...
    def uid_expunge(self, messages: list[int]) -> object: ...
    def expunge(self) -> object: ...


def connect(
    *, host: str, port: int, user: str, password: str, ssl: bool, timeout: float = 60.0
) -> MailboxClient:
    """A logged-in client. The timeout keeps a silent server from hanging the poller."""
    client = IMAPClient(host, port=port, ssl=ssl, use_uid=True, timeout=timeout)
    try:
        client.login(user, password)
    except BaseException:
        # Close the socket now, not in the garbage collector (a ResourceWarning). imaplib's
        # logout closes it even when the server does not answer the LOGOUT.
        with contextlib.suppress(IMAPClientError, OSError):
            client.logout()
        raise
    logged_in: MailboxClient = client
    return logged_in


def poll_mailbox(
    client_factory: Callable[[], MailboxClient], *, folder: str, done_folder: str | None
) -> PollResult:
    """Store every unmarked message of `folder`, then mark it (and move it to `done_folder`).

    Marks with the keyword $OpendebateStored where the server keeps custom keywords; otherwise
    with \\Seen, which people reading the mailbox also set, so then every message is moved to
    `done_folder` and all that remain in `folder` count as new (ImapSetupError without one).
    A message `store_raw` refuses (StoreError) stays unmarked for the next poll. The server's
    INTERNALDATE becomes `received_at`, so a poll that comes late does not make mail late.
    """
    stored = already = failed = 0
    with client_factory() as client:
        client.use_uid = True
        client.normalise_times = False  # aware INTERNALDATEs, not the local machine's clock time
        selected = client.select_folder(folder)
        marker, criteria = _marking(selected, folder=folder, done_folder=done_folder)
        if done_folder and not client.folder_exists(done_folder):
            client.create_folder(done_folder)
        uids = client.search(criteria)
        sizes = client.fetch(uids, ["RFC822.SIZE"]) if uids else {}
        for batch in _batches({uid: data[b"RFC822.SIZE"] for uid, data in sizes.items()}):
            done = []
            for uid, data in sorted(client.fetch(batch, ["BODY.PEEK[]", "INTERNALDATE"]).items()):
                raw = data.get(b"BODY[]")
                if raw is None:  # expunged by someone else since the search
                    continue
                outcome = _store(uid, raw, data.get(b"INTERNALDATE"))
                if outcome is None:
                    failed += 1
                    continue
                if outcome:
                    stored += 1
                else:
                    already += 1
                done.append(uid)
            if done:
                _mark(client, done, marker=marker, done_folder=done_folder)
    return PollResult(stored=stored, already_stored=already, failed=failed)


def _marking(
    selected: dict[bytes, Any], *, folder: str, done_folder: str | None
) -> tuple[str, list[str]]:
    """The flag that marks a message stored, and the search for those not yet marked."""
    if done_folder == folder:
        raise ImapSetupError(f"the done folder must differ from the polled folder ({folder})")
    # RFC 3501: no PERMANENTFLAGS means every flag is permanent; \* means new keywords are.
    permanent = [flag.lower() for flag in selected.get(b"PERMANENTFLAGS", (b"\\*",))]
    if b"\\*" in permanent or STORED_KEYWORD.lower().encode() in permanent:
        return STORED_KEYWORD, ["UNKEYWORD", STORED_KEYWORD, "UNDELETED"]
    if not done_folder:
        raise ImapSetupError(
            f"the IMAP server does not keep custom keywords in {folder}, so stored messages "
            "cannot be marked there; set a done folder (IMAP_DONE_FOLDER) to move them into"
        )
    return SEEN, ["UNDELETED"]


def _batches(sizes: dict[int, int]) -> Iterator[list[int]]:
    batch: list[int] = []
    total = 0
    for uid in sorted(sizes):
        if batch and (len(batch) == BATCH_MESSAGES or total + sizes[uid] > BATCH_BYTES):
            yield batch
            batch, total = [], 0
        batch.append(uid)
        total += sizes[uid]
    if batch:
        yield batch


def _store(uid: int, raw: bytes, internal_date: datetime.datetime | None) -> bool | None:
    """True if newly stored, False if it already was, None if it could not be stored."""
    envelope_from, recipients = _envelope(raw)
    try:
        # The same database store_raw writes to; if it is down, so is storing.
        known = InboundMessage.objects.filter(sha256=hashlib.sha256(raw).hexdigest()).exists()
        store_raw(
            raw,
            source="imap",
            envelope_from=envelope_from,
            recipients=recipients,
            received_at=internal_date,
        )
    except (StoreError, DatabaseError) as error:
        logger.warning("IMAP message UID %s not stored; it stays for the next poll: %s", uid, error)
        return None
    return not known


def _envelope(raw: bytes) -> tuple[str, list[str]]:
    """The sender and recipients the delivering server recorded, as SMTP would have given them.

    Return-Path and Delivered-To are written at delivery from the SMTP envelope; without
    Delivered-To, the To and Cc headers are the nearest thing to it.
    """
    headers = BytesHeaderParser().parsebytes(raw)
    envelope_from = parseaddr(str(headers.get("Return-Path", "")))[1][:_ENVELOPE_FROM_MAX]
    fields = headers.get_all("Delivered-To") or [
        *headers.get_all("To", []),
        *headers.get_all("Cc", []),
    ]
    addresses = [address.lower() for _name, address in getaddresses(map(str, fields)) if address]
    return envelope_from, list(dict.fromkeys(addresses))


def _mark(client: MailboxClient, uids: list[int], *, marker: str, done_folder: str | None) -> None:
    client.add_flags(uids, [marker], silent=True)
    if not done_folder:
        return
    if client.has_capability("MOVE"):
        client.move(uids, done_folder)
        return
    client.copy(uids, done_folder)
    client.add_flags(uids, [DELETED], silent=True)
    if client.has_capability("UIDPLUS"):
        client.uid_expunge(uids)
    else:
        # Plain EXPUNGE also removes what others marked \Deleted in this folder, which is what
        # they asked for; without UIDPLUS there is no narrower command.
        client.expunge()

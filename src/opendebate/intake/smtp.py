"""The SMTP listener: accept mail only for intake addresses, store it durably, then say 250.

aiosmtpd answers 552 itself for a message over the size limit. Storage runs in the handler's
threads (Django's database access is synchronous), several messages at once: a message waits
mostly for its file's fsync and the database's commit, and those of several messages overlap
(PostgreSQL commits them together), where one thread would queue every conversation behind
the one before it. If storage fails the answer is 451, so the sending server keeps the message
and tries again later. Processing happens afterwards, in the processor.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from django.conf import settings
from django.db import close_old_connections, connections

from opendebate.intake.processing import intake_addresses, sender_over_limit
from opendebate.intake.store import StoreError, store_raw

_ADDRESS_CACHE_SECONDS = 10.0
# Messages stored at once. Each thread holds a database connection while the listener runs.
STORAGE_THREADS = 8
T = TypeVar("T")
logger = logging.getLogger(__name__)


class IntakeHandler:
    def __init__(self, on_stored: Callable[[], None] = lambda: None) -> None:
        self.on_stored = on_stored
        self._addresses: set[str] = set()
        self._loaded_at = 0.0
        self._threads = ThreadPoolExecutor(STORAGE_THREADS, thread_name_prefix="intake-store")

    async def _in_thread(self, function: Callable[..., T], *args: object) -> T:
        return await asyncio.get_running_loop().run_in_executor(
            self._threads, functools.partial(function, *args)
        )

    def close(self) -> None:
        """Close the database connection each thread opened, then the threads: a connection
        belongs to its thread, and would otherwise stay open as long as the process."""
        everyone = threading.Barrier(STORAGE_THREADS)

        def close_mine() -> None:
            everyone.wait(timeout=10)  # so that each thread takes one of these calls
            connections.close_all()

        for done in [self._threads.submit(close_mine) for _ in range(STORAGE_THREADS)]:
            done.result(timeout=10)
        self._threads.shutdown()

    def _accepts(self, address: str) -> bool:
        if time.monotonic() - self._loaded_at > _ADDRESS_CACHE_SECONDS:
            close_old_connections()
            self._addresses = intake_addresses()
            self._loaded_at = time.monotonic()
        return address.lower() in self._addresses

    def _limited(self, sender: str) -> bool:
        close_old_connections()
        return sender_over_limit(sender)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if not await self._in_thread(self._accepts, address):
            return f"550 5.1.1 <{address}>: not an address for written statements"
        if await self._in_thread(self._limited, envelope.mail_from or ""):
            return "451 4.7.1 Too many messages from this sender in the last hour; try later"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    def _store(self, envelope: Envelope, peer: str | None) -> str:
        close_old_connections()
        raw = envelope.original_content or b""
        message = store_raw(
            raw,
            source="smtp",
            envelope_from=envelope.mail_from or "",
            recipients=[address.lower() for address in envelope.rcpt_tos],
            peer=peer,
        )
        return message.sha256

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        try:
            peer = session.peer[0] if isinstance(session.peer, tuple) else None
            digest = await self._in_thread(self._store, envelope, peer)
        except StoreError:
            return "451 4.3.0 The message could not be stored; please try again later"
        self.on_stored()
        return f"250 2.0.0 Stored as {digest[:16]}"

    async def handle_exception(self, error: Exception) -> str:
        """Any other failure (the database is away while checking a recipient, say) is
        temporary for the sender: aiosmtpd's own answer, 500, would make its server give up."""
        logger.error("SMTP command failed; answered 451", exc_info=error)
        return "451 4.3.0 Temporary failure; please try again later"


def make_controller(host: str, port: int, handler: IntakeHandler) -> Controller:
    return Controller(
        handler,
        hostname=host,
        port=port,
        data_size_limit=settings.INTAKE_MAX_MESSAGE_BYTES,
        # The raw bytes as sent are what is stored and hashed; no re-encoding.
        decode_data=False,
        server_hostname="opendebate",
        ready_timeout=10,
    )


def stop_controller(controller: Controller) -> None:
    """Stop the listener, then close its handler's threads and their database connections."""
    controller.stop()
    controller.handler.close()


class Processor(threading.Thread):
    """The in-process worker: processes stored messages as soon as they arrive."""

    def __init__(self, process: Callable[[], int], interval: float = 2.0) -> None:
        super().__init__(name="intake-processor", daemon=True)
        self.process = process
        self.interval = interval
        self.wake = threading.Event()
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            self.wake.wait(self.interval)
            self.wake.clear()
            try:
                close_old_connections()
                while self.process():
                    pass
            except Exception:
                logger.exception("intake processing failed; will retry")

    def stop(self) -> None:
        self.stopping.set()
        self.wake.set()

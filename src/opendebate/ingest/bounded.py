"""read_file: a received file read in a separate process that is killed past a time budget.

A crafted file can make any reader slow (a PDF page of millions of drawing operations, forms
nested in forms); limits inside the readers stop what can be counted cheaply, and the budget
stops the rest, from outside: the request that brought the file waits at most the budget, and
no thread or process of the server is held longer.

Starting Python and importing the readers takes most of a second, so it is done once: a
process (child.py) imports them and forks a reader on demand, in milliseconds. Readers are kept
for the next file (two at most when idle); one that overran its budget is killed, one that died
(out of memory, or a crash in a C library) is dropped.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import PurePosixPath
from typing import Any

from opendebate.ingest.filenames import safe_filename
from opendebate.ingest.frames import LENGTH, PID
from opendebate.ingest.limits import SECONDS
from opendebate.ingest.refusals import Refused
from opendebate.ingest.result import Reading

logger = logging.getLogger(__name__)

READER = "opendebate.ingest.formats:read_document"
_MAX_IDLE = 2
_START_SECONDS = 60  # importing the readers on a busy machine; once per server process


class _Died(Exception):
    """A reading process ended or stopped answering."""


def _receive(connection: socket.socket, count: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    while count:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([connection], [], [], left)[0]:
            raise TimeoutError
        chunk = connection.recv(min(count, 1 << 20))
        if not chunk:
            raise _Died
        chunks.append(chunk)
        count -= len(chunk)
    return b"".join(chunks)


class _Reader:
    """A forked reading process and the socket to it."""

    def __init__(self, pid: int, connection: socket.socket) -> None:
        self.pid = pid
        self._connection = connection

    def read(self, data: bytes, name: str, reader: str, deadline: float) -> dict[str, Any]:
        """Raises TimeoutError past the deadline (of time.monotonic()), _Died."""
        header = json.dumps({"name": name, "reader": reader}).encode()
        try:
            self._connection.sendall(LENGTH.pack(len(header)) + header)
            self._connection.sendall(LENGTH.pack(len(data)) + data)
        except OSError:
            raise _Died from None
        (length,) = LENGTH.unpack(_receive(self._connection, LENGTH.size, deadline))
        answer: dict[str, Any] = json.loads(_receive(self._connection, length, deadline))
        return answer

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):  # already gone
            os.kill(self.pid, signal.SIGKILL)
        self.close()

    def close(self) -> None:
        """Let the reader end: it stops at the end of its input."""
        self._connection.close()


class _Pool:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[_Reader] = []
        self._owner = 0
        self._forker: subprocess.Popen[bytes] | None = None
        self._control: socket.socket | None = None
        atexit.register(self.close)

    def _start(self) -> socket.socket:
        ours, theirs = socket.socketpair()
        self._forker = subprocess.Popen(  # noqa: S603  (our own module, no shell)
            [sys.executable, "-m", "opendebate.ingest.child", str(theirs.fileno())],
            pass_fds=(theirs.fileno(),),
        )
        theirs.close()
        ours.settimeout(_START_SECONDS)
        return ours

    def _fork(self) -> _Reader:
        """A new reader; starts the forking process if there is none (or it has died)."""
        if self._owner != os.getpid():  # a forked server process: its parent's are not ours
            self._idle, self._forker, self._control = [], None, None
            self._owner = os.getpid()
        if self._control is None or self._forker is None or self._forker.poll() is not None:
            if self._control is not None:
                self._control.close()
            self._control = self._start()
        ours, theirs = socket.socketpair()
        try:
            socket.send_fds(self._control, [b"F"], [theirs.fileno()])
            answer = self._control.recv(PID.size)
        except OSError:
            answer = b""
        finally:
            theirs.close()
        if len(answer) != PID.size:
            self._control.close()
            self._control = None
            if self._forker is not None:
                self._forker.kill()
                self._forker.wait()
            ours.close()
            raise _Died
        return _Reader(PID.unpack(answer)[0], ours)

    def take(self) -> _Reader:
        with self._lock:
            if self._idle and self._owner == os.getpid():
                return self._idle.pop()
            return self._fork()

    def give_back(self, reader: _Reader) -> None:
        with self._lock:
            if len(self._idle) < _MAX_IDLE:
                self._idle.append(reader)
                return
        reader.close()

    def close(self) -> None:
        """Close the idle readers and the forking process: each ends at the end of its input."""
        with self._lock:
            if self._owner != os.getpid():
                return
            for reader in self._idle:
                reader.close()
            self._idle = []
            if self._control is not None:
                self._control.close()
            if self._forker is not None:
                self._forker.wait()


_pool = _Pool()


def read_file(
    data: bytes, filename: str, *, seconds: float = SECONDS, reader: str = READER
) -> Reading:
    """What the file holds (formats.read_document), read in a reading process. Raises Refused,
    also with the code too_slow past `seconds`. `reader` names the function to run
    ("module:function"), so that a test can put a reader that hangs in its place."""
    name = safe_filename(filename)
    try:
        process = _pool.take()
    except _Died:
        process = _pool.take()  # the forking process had died: a new one has started
    deadline = time.monotonic() + seconds
    try:
        answer = process.read(data, name, reader, deadline)
    except TimeoutError:
        process.kill()
        raise Refused("too_slow", seconds=f"{seconds:g}") from None
    except _Died:
        # Out of memory, or a crash in a C library: the file is what made it so.
        logger.warning("the reading process of %s died", name)
        process.kill()
        raise Refused("corrupt", PurePosixPath(name).suffix.lower().lstrip(".")) from None
    _pool.give_back(process)
    if "refused" in answer:
        code, variant, params = answer["refused"]
        raise Refused(code, variant, **params)
    return Reading.from_json(answer["reading"])

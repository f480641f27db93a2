"""read_file: a received file read in a separate process that is killed past a time budget.

A crafted file can make any reader slow (a PDF page of millions of drawing operations, a
document of a million empty paragraphs); limits inside the readers stop what can be counted
cheaply, and the budget stops the rest, from outside: the request that brought the file waits
at most the budget, and no thread or process of the server is held longer.

Reading processes are started ahead and kept (two at most when idle): starting Python and its
readers costs some 200 ms, reading a statement a few. A process that overran its budget is
killed and replaced; one that died (out of memory, or a crash in a C library) as well.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import select
import subprocess
import sys
import threading
import time
from typing import IO, Any, cast

from opendebate.ingest.filenames import safe_filename
from opendebate.ingest.frames import LENGTH, READY, write_frame
from opendebate.ingest.limits import SECONDS
from opendebate.ingest.refusals import Refused
from opendebate.ingest.result import Reading

logger = logging.getLogger(__name__)

READER = "opendebate.ingest.formats:read_document"
_MAX_IDLE = 2
_START_SECONDS = 30  # starting a process on a busy machine; not the file's cost


class _Died(Exception):
    """The reading process ended or stopped answering."""


class _Process:
    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "opendebate.ingest.child"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        # Both are pipes, as asked above.
        self._stdin = cast(IO[bytes], self._process.stdin)
        self._stdout = cast(IO[bytes], self._process.stdout)
        self._ready = False

    def _read(self, count: int, deadline: float) -> bytes:
        descriptor = self._stdout.fileno()
        chunks: list[bytes] = []
        while count:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([descriptor], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(descriptor, min(count, 1 << 20))
            if not chunk:
                raise _Died
            chunks.append(chunk)
            count -= len(chunk)
        return b"".join(chunks)

    def read(self, data: bytes, name: str, reader: str, seconds: float) -> dict[str, Any]:
        """Raises TimeoutError past `seconds` (counted once the process is ready), _Died."""
        if not self._ready:
            if self._read(len(READY), time.monotonic() + _START_SECONDS) != READY:
                raise _Died
            self._ready = True
        try:
            write_frame(self._stdin, json.dumps({"name": name, "reader": reader}).encode())
            deadline = time.monotonic() + seconds
            write_frame(self._stdin, data)
        except (BrokenPipeError, OSError):
            raise _Died from None
        (length,) = LENGTH.unpack(self._read(LENGTH.size, deadline))
        answer: dict[str, Any] = json.loads(self._read(length, deadline))
        return answer

    def kill(self) -> None:
        self._process.kill()
        self.close()

    def close(self) -> None:
        """Let the process end: it stops at the end of its input."""
        self._stdin.close()
        self._process.wait()
        self._stdout.close()


class _Pool:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[_Process] = []
        self._owner = os.getpid()
        atexit.register(self.close)

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        if self._owner == os.getpid():
            for process in idle:
                process.close()

    def take(self) -> _Process:
        with self._lock:
            if self._owner != os.getpid():  # a forked server process: its parent's are not ours
                self._idle, self._owner = [], os.getpid()
            return self._idle.pop() if self._idle else _Process()

    def give_back(self, process: _Process) -> None:
        with self._lock:
            if len(self._idle) < _MAX_IDLE:
                self._idle.append(process)
                return
        process.kill()

    def replace(self, process: _Process) -> None:
        """Kill a process and start its replacement, which gets ready while nobody waits."""
        process.kill()
        self.give_back(_Process())


_pool = _Pool()


def read_file(
    data: bytes, filename: str, *, seconds: float = SECONDS, reader: str = READER
) -> Reading:
    """What the file holds (formats.read_document), read in a reading process. Raises Refused,
    also with the code too_slow past `seconds`. `reader` names the function to run
    ("module:function"), so that a test can put a reader that hangs in its place."""
    process = _pool.take()
    try:
        answer = process.read(data, safe_filename(filename), reader, seconds)
    except TimeoutError:
        _pool.replace(process)
        raise Refused("too_slow", seconds=f"{seconds:g}") from None
    except _Died:
        # Out of memory, or a crash in a C library: the file is what made it so.
        logger.warning("the reading process of %s died", safe_filename(filename))
        _pool.replace(process)
        raise Refused("corrupt", os.path.splitext(filename)[1].lower().lstrip(".")) from None
    _pool.give_back(process)
    if "refused" in answer:
        code, variant, params = answer["refused"]
        raise Refused(code, variant, **params)
    return Reading.from_json(answer["reading"])

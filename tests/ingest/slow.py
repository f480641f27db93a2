"""Readers put in place of the real one (bounded.read_file's `reader`) to test the reading
process from outside: one that never ends, one that takes all the memory it can, one that
crashes. Each first writes its process id to the file named by the bytes it is given."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from opendebate.ingest.result import Reading


def _announce(data: bytes) -> None:
    Path(data.decode()).write_text(str(os.getpid()))


def hang(data: bytes, name: str) -> Reading:
    _announce(data)
    while True:
        time.sleep(1)


def hoard(data: bytes, name: str) -> Reading:
    _announce(data)
    kept = [bytearray(2**30) for _ in range(4)]  # 4 GiB, over the reading process's limit
    return Reading((), str(len(kept)))


def crash(data: bytes, name: str) -> Reading:
    _announce(data)
    os.kill(os.getpid(), signal.SIGSEGV)
    return Reading((), "")

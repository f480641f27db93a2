"""The reading process: `python -m opendebate.ingest.child`, started and fed by bounded.py.

It reads one request after another from stdin and answers each on stdout, in frames of a 4-byte
length and the bytes. A request is a JSON header (the file's name and the reader to use) and the
file's bytes; the answer is JSON only, never pickle, so that a reader subverted by a crafted
file still cannot make the server run anything. The process runs at a lower priority, under a
memory limit, and is killed by its parent past the time budget.
"""

from __future__ import annotations

import importlib
import json
import os
import resource
import sys
from collections.abc import Callable
from typing import Any

from opendebate.ingest.frames import READY, read_frame, write_frame
from opendebate.ingest.limits import MEMORY_BYTES
from opendebate.ingest.refusals import Refused
from opendebate.ingest.result import Reading


def _reader(name: str) -> Callable[[bytes, str], Reading]:
    module, _, function = name.partition(":")
    reader: Callable[[bytes, str], Reading] = getattr(importlib.import_module(module), function)
    return reader


def answer(request: dict[str, Any], data: bytes) -> dict[str, Any]:
    """The answer to one request: the reading, or the refusal's code, variant and parameters."""
    try:
        reading = _reader(request["reader"])(data, request["name"])
    except Refused as refusal:
        return {"refused": [refusal.code, refusal.variant, refusal.params]}
    except MemoryError:
        return {"refused": ["too_complex", "memory", {"limit": MEMORY_BYTES // 2**20}]}
    return {"reading": reading.to_json()}


def main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    os.nice(10)  # a crafted file must not slow the requests of other users
    # Imported before the first request, so that the clock of a request counts reading only.
    _reader("opendebate.ingest.formats:read_document")
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    stdout.write(READY)
    stdout.flush()
    while (header := read_frame(stdin)) is not None and (data := read_frame(stdin)) is not None:
        write_frame(stdout, json.dumps(answer(json.loads(header), data)).encode())


if __name__ == "__main__":
    main()

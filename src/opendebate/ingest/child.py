"""The reading processes: `python -m opendebate.ingest.child FD`, started by bounded.py.

This process imports the readers once, then forks a reader process for each socket it is sent
on the socket FD (with the new process's id as its answer), so that a reader is ready in
milliseconds rather than the second it takes to start Python and import them. A reader reads
one request after another from its socket and answers each, in frames (frames.py): a request
is a JSON header (the file's name and the reader to use) and the file's bytes; the answer is
JSON only, never pickle, so that a reader subverted by a crafted file still cannot make the
server run anything. Readers run at a lower priority, under a memory limit, and are killed by
the server past the time budget.
"""

from __future__ import annotations

import importlib
import json
import os
import resource
import signal
import socket
import sys
import traceback
from collections.abc import Callable
from typing import Any

from opendebate.ingest.frames import PID, read_frame, write_frame
from opendebate.ingest.limits import CPU_SECONDS, MEMORY_BYTES
from opendebate.ingest.refusals import Refused
from opendebate.ingest.result import Reading

# A page of text as a minimal PDF (PDFium rebuilds the missing cross-reference table).
_WARM_UP_PDF = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
    b"3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
    b"/Resources <</Font <</F 4 0 R>>>> /Contents 5 0 R>> endobj\n"
    b"4 0 obj <</Type /Font /Subtype /Type1 /BaseFont /Helvetica>> endobj\n"
    b"5 0 obj <</Length 76>> stream\n"
    b"BT /F 12 Tf 72 760 Td (Warm up.) Tj 0 -14 Td (1. The second line, a list.) Tj ET\n"
    b"endstream endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
)


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


def _limit_cpu() -> None:
    """Let the system stop this reader after CPU_SECONDS more of CPU time: the server kills it
    long before, unless the server itself has gone."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = int(usage.ru_utime + usage.ru_stime) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (used + CPU_SECONDS, resource.RLIM_INFINITY))


def _serve(connection: socket.socket) -> None:
    with connection.makefile("rb") as requests, connection.makefile("wb") as answers:
        while (header := read_frame(requests)) is not None and (
            data := read_frame(requests)
        ) is not None:
            _limit_cpu()
            write_frame(answers, json.dumps(answer(json.loads(header), data)).encode())


def _fork(connection: socket.socket, control: socket.socket) -> int:
    pid = os.fork()
    if pid:
        return pid
    control.close()
    status = 0
    try:
        _serve(connection)
    except BaseException:  # a reader's own failure: shown in the server's log, then gone
        traceback.print_exc()
        status = 1
    finally:
        os._exit(status)  # not the parent's exit handlers: this is a forked copy


def main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    os.nice(10)  # a crafted file must not slow the requests of other users
    read = _reader("opendebate.ingest.formats:read_document")
    # Read once here, so that PDFium's fonts and the readers' lazily built tables are ready in
    # every fork: a fresh fork's first PDF would take several times as long.
    read(_WARM_UP_PDF, "warm-up.pdf")
    read(b"Warm up.\n- *One*\n", "warm-up.txt")
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # readers that end are reaped by the system
    control = socket.socket(fileno=int(sys.argv[1]))
    while True:
        try:
            _, descriptors, _, _ = socket.recv_fds(control, 1, 1)
        except OSError:
            return
        if not descriptors:  # the server has gone
            return
        connection = socket.socket(fileno=descriptors[0])
        pid = _fork(connection, control)
        connection.close()
        control.sendall(PID.pack(pid))


if __name__ == "__main__":
    main()

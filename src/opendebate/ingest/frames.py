"""The frames between the server and a reading process: a 4-byte length, then the bytes."""

from __future__ import annotations

import struct
from typing import IO

LENGTH = struct.Struct(">I")
PID = struct.Struct(">i")  # the forking process's answer: the new reader's process id


def write_frame(stream: IO[bytes], payload: bytes) -> None:
    stream.write(LENGTH.pack(len(payload)) + payload)
    stream.flush()


def read_frame(stream: IO[bytes]) -> bytes | None:
    """The next frame, or None at the end of the stream."""
    header = stream.read(LENGTH.size)
    if len(header) < LENGTH.size:
        return None
    (length,) = LENGTH.unpack(header)
    return stream.read(length)

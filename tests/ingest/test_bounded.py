"""The reading process: the same readings as in the request, and a reader that hangs, hoards
memory or crashes is stopped and refused while the next file is read as usual."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from opendebate.ingest import Refused, bounded, read_file
from opendebate.ingest.formats import read_document
from tests.ingest import hostile
from tests.statements.fixtures import STATEMENTS_DATA

EN_DOCX = (STATEMENTS_DATA / "en_statement.docx").read_bytes()


def _gone(pid: int) -> bool:
    """Whether the process has ended; a killed process is reaped at once (SIGCHLD ignored), but
    the signal is delivered asynchronously, so this looks a few times."""
    for _ in range(100):
        if not Path(f"/proc/{pid}").exists():
            return True
        time.sleep(0.01)
    return False


@pytest.mark.parametrize("name", ["ar_statement.docx", "zh_statement.odt", "zh_statement.pdf"])
def test_reading_process_gives_what_the_reader_gives(name: str) -> None:
    data = (STATEMENTS_DATA / name).read_bytes()
    assert read_file(data, name) == read_document(data, name)


def test_refusal_crosses_the_process_with_its_code() -> None:
    with pytest.raises(Refused) as raised:
        read_file(b"%PDF-1.7\n not a PDF body", "s.pdf")
    assert (raised.value.code, raised.value.variant) == ("corrupt", "pdf")


def test_reader_that_hangs_is_killed_and_refused(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    with pytest.raises(Refused) as raised:
        read_file(str(pid_file).encode(), "s.txt", seconds=0.5, reader="tests.ingest.slow:hang")
    assert (raised.value.code, raised.value.params) == ("too_slow", {"seconds": "0.5"})
    assert _gone(int(pid_file.read_text()))
    assert read_file(EN_DOCX, "s.docx") == read_document(EN_DOCX, "s.docx")


def test_crafted_pdf_of_nested_forms_is_stopped_at_the_budget() -> None:
    # 2 KB whose page draws ten forms that each draw ten forms, eight deep: 10^7 text runs,
    # several minutes of PDFium in the request if it were read there.
    with pytest.raises(Refused) as raised:
        read_file(hostile.nested_forms(8, 10), "statement.pdf", seconds=0.3)
    assert raised.value.code == "too_slow"


def test_reader_out_of_memory_is_refused(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    with pytest.raises(Refused) as raised:
        read_file(str(pid_file).encode(), "s.txt", reader="tests.ingest.slow:hoard")
    assert (raised.value.code, raised.value.variant) == ("too_complex", "memory")


def test_reader_that_crashes_is_refused_and_the_next_file_read(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    with pytest.raises(Refused) as raised:
        read_file(str(pid_file).encode(), "s.docx", reader="tests.ingest.slow:crash")
    assert (raised.value.code, raised.value.variant) == ("corrupt", "docx")
    assert _gone(int(pid_file.read_text()))
    assert read_file(EN_DOCX, "s.docx") == read_document(EN_DOCX, "s.docx")


def test_forking_process_killed_from_outside_is_started_again() -> None:
    read_file(EN_DOCX, "s.docx")
    forker = bounded._pool._forker
    assert forker is not None
    forker.kill()  # as the system's out-of-memory killer would
    forker.wait()
    for reader in bounded._pool._idle:  # so that a new reader must be forked
        reader.close()
    bounded._pool._idle.clear()
    assert read_file(EN_DOCX, "s.docx") == read_document(EN_DOCX, "s.docx")
    assert bounded._pool._forker is not forker

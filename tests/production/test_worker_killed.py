"""A task worker killed (SIGKILL) in the middle of building a compilation; the next worker
started on the machine finishes it, once.

django-tasks-db leaves the task of a dead worker RUNNING for ever; the product's `db_worker`
queues it again when it starts (compilation/tasks.py). The intake processor's counterpart is
tests/intake/test_crash.py.
"""

from __future__ import annotations

import hashlib
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.production.conftest import UNLIMITED
from tests.production.stack import Stack

pytestmark = pytest.mark.slow

SETUP = """
from django.db import transaction
from opendebate.accounts.enums import Role
from opendebate.accounts.models import User
from opendebate.compilation import services
from opendebate.compilation.demo import fill_demo_meeting
from opendebate.meetings.demo import create_seed_meeting
meeting = create_seed_meeting()
officer = User.objects.create_user(
    "officer@stack.example", None, full_name="Officer", role=Role.SECRETARIAT
)
fill_demo_meeting(meeting, statements=120, recorder=officer)
with transaction.atomic():
    compilation = services.start_compilation(user=officer, meeting=meeting, language="en")
    services.request_build(user=officer, compilation=compilation)
print(compilation.pk)
"""


def wait_for(condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_build_of_a_killed_worker_is_finished_once_by_the_next(
    shared_database: str, tmp_path: Path
) -> None:
    with Stack(shared_database, tmp_path, environment=UNLIMITED) as stack:
        stack.migrate()
        pk = int(stack.shell(SETUP))

        def compilation() -> tuple[str, object, dict[str, dict[str, object]]]:
            row = stack.query(
                "SELECT status, built_at, files FROM compilation_compilation WHERE id = %s", (pk,)
            )
            return row[0]

        def tasks() -> list[tuple[str, list[str]]]:
            return stack.query("SELECT status, worker_ids FROM django_tasks_database_dbtaskresult")

        first = stack.start_worker("worker-1")
        wait_for(lambda: compilation()[0] == "building", 60)
        first.send_signal(signal.SIGSTOP)  # frozen mid-build, then killed: no chance to clean up
        assert compilation()[:2] == ("building", None), "the kill must land in the middle"
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        [(status, workers)] = tasks()
        assert status == "RUNNING"  # what django-tasks-db leaves behind, for ever

        stack.start_worker("worker-2")
        wait_for(lambda: compilation()[0] != "building", 120)
        status, built_at, files = compilation()
        assert (status, built_at is not None) == ("ready", True)
        [(status, workers)] = tasks()
        assert status == "SUCCESSFUL"
        assert len(set(workers)) == len(workers) == 2  # claimed by each worker in turn
        built = "SELECT count(*) FROM common_auditentry WHERE action = 'compilation.built'"
        assert stack.query(built) == [(1,)]
        assert sorted(files) == ["akn", "docx", "html", "pdf"]
        for meta in files.values():
            stored = (tmp_path / "var" / "files" / str(meta["name"])).read_bytes()
            assert hashlib.sha256(stored).hexdigest() == meta["sha256"]

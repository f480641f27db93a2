"""Background tasks (django-tasks): a worker process runs them, so no page waits for them.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again, so a
worker killed in the middle (SIGKILL, the OOM killer, a lost machine) leaves its task RUNNING
for ever and the compilation "Compiling" for ever (django-tasks issue #46, open). Our
`db_worker` therefore names itself after its host, process and that process's start time, and
on start puts back in the queue the tasks claimed by a worker of this host that no longer runs.
A supervisor restarting the dead worker is what recovers its task. Tasks claimed on another
host are left alone: nothing here can tell whether that worker still runs.
"""

from __future__ import annotations

import logging
import os
import socket
from pathlib import Path

from django.db import transaction
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from opendebate.compilation import services

logger = logging.getLogger(__name__)


@task()
def build_compilation(compilation_id: int) -> str:
    """Build (or issue) one compilation; returns its state for the task's record."""
    return str(services.build_requested(compilation_id).status)


def _started(pid: int) -> str | None:
    """When process `pid` started (clock ticks since boot, from Linux's /proc), or None when
    it is gone or a zombie. With the pid it names one process, even after the pid is reused."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
    return None if fields[0] in {"Z", "X"} else fields[19]


def _host() -> str:
    return socket.gethostname()[:40]  # a worker id has at most 64 characters


def worker_id() -> str:
    """This process's worker id: host, pid and start time."""
    return f"{_host()}:{os.getpid()}:{_started(os.getpid())}"


def _gone(worker: str) -> bool:
    """Whether `worker` is known to have stopped: it ran on this host, and its process has
    ended. An id of another form or host is never judged gone."""
    host, _, rest = worker.partition(":")
    pid, _, started = rest.partition(":")
    if host != _host() or not pid.isdigit() or started in {"", "None"}:
        return False
    return _started(int(pid)) != started


def requeue_abandoned() -> list[str]:
    """Put back in the queue every task left RUNNING by a worker of this host that has died;
    returns their ids. A task's body must tolerate a second run (`build_requested` does)."""
    requeued = []
    with transaction.atomic():
        # The lock keeps a task another worker claims meanwhile out of this pass.
        for result in DBTaskResult.objects.running().select_for_update(skip_locked=True):
            if result.worker_ids and _gone(result.worker_ids[-1]):
                result.status = TaskResultStatus.READY
                result.started_at = None
                result.save(update_fields=["status", "started_at"])
                requeued.append(str(result.pk))
    for pk in requeued:
        logger.warning("task %s was left running by a worker that died; queued again", pk)
    return requeued

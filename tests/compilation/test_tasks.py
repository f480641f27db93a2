"""Recovery of tasks whose worker died, and a build task that may run twice.

The whole scenario (a worker SIGKILLed mid-build, the next one finishing it) runs with real
processes in tests/production/test_worker_killed.py; these check each rule on its own.
"""

from __future__ import annotations

import os
import subprocess

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from opendebate.accounts.models import User
from opendebate.common.models import AuditEntry
from opendebate.compilation import services
from opendebate.compilation.enums import CompilationStatus
from opendebate.compilation.tasks import build_compilation, requeue_abandoned, worker_id
from opendebate.meetings.models import Meeting
from tests.compilation.conftest import start_dated


def running_task(worker: str) -> DBTaskResult[[int], str]:
    result = DBTaskResult.objects.get(pk=build_compilation.enqueue(1).id)
    result.claim(worker)
    return result


def ended_process_id() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


@pytest.mark.django_db
def test_task_of_a_dead_worker_of_this_host_is_queued_again() -> None:
    host = worker_id().split(":")[0]
    dead = running_task(f"{host}:{ended_process_id()}:123")
    # Our own pid with another start time: the dead worker's pid, since reused.
    reused = running_task(f"{host}:{os.getpid()}:1")
    assert sorted(requeue_abandoned()) == sorted([str(dead.pk), str(reused.pk)])
    dead.refresh_from_db()
    assert (dead.status, dead.started_at) == (TaskResultStatus.READY, None)


@pytest.mark.django_db
def test_tasks_of_live_foreign_and_unnamed_workers_stay_running() -> None:
    alive = running_task(worker_id())
    elsewhere = running_task(f"another-host:{ended_process_id()}:123")
    unnamed = running_task("Sx6c1Qv0uWd7k3PmZyA2bN9rT4hE8jLo")  # django-tasks-db's own ids
    assert requeue_abandoned() == []
    for result in (alive, elsewhere, unnamed):
        result.refresh_from_db()
        assert result.status == TaskResultStatus.RUNNING


def test_worker_id_names_host_process_and_start_time() -> None:
    host, pid, started = worker_id().split(":")
    assert (int(pid), started.isdigit(), len(worker_id()) <= 64) == (os.getpid(), True, True)
    assert host


@pytest.mark.django_db
def test_a_build_task_run_again_after_the_build_finished_changes_nothing(
    debate: Meeting, secretariat: User
) -> None:
    compilation = start_dated(secretariat, debate, "en")
    services.request_build(user=secretariat, compilation=compilation)
    built = services.build_requested(compilation.pk)
    assert built.status == CompilationStatus.READY
    again = services.build_requested(compilation.pk)
    assert (again.built_at, again.files) == (built.built_at, built.files)
    assert AuditEntry.objects.filter(action="compilation.built").count() == 1


@pytest.mark.django_db
def test_a_file_cut_short_by_a_killed_worker_is_written_again(
    debate: Meeting, secretariat: User
) -> None:
    compilation = start_dated(secretariat, debate, "en")
    html = services.build(compilation.pk).files["html"]
    default_storage.delete(html["name"])
    default_storage.save(html["name"], ContentFile(b"<!DOCTYPE html><ht"))
    rebuilt = services.build(compilation.pk).files["html"]
    assert rebuilt == html
    assert default_storage.size(html["name"]) == html["bytes"]

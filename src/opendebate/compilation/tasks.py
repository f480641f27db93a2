"""Background tasks (django-tasks): a worker process runs them, so no page waits for them."""

from __future__ import annotations

from django_tasks import task

from opendebate.compilation import services


@task()
def build_compilation(compilation_id: int) -> str:
    """Build (or issue) one compilation; returns its state for the task's record."""
    return str(services.build(compilation_id).status)

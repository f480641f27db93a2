"""django-tasks-db's worker, named so that a later worker can tell it died, and which first
queues again the tasks of the workers of this host that died (see compilation/tasks.py).

It replaces django_tasks_db's own `db_worker` because this app comes first in INSTALLED_APPS.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django_tasks_db.management.commands import db_worker

from opendebate.compilation.tasks import requeue_abandoned, worker_id


class Command(db_worker.Command):
    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=worker_id())

    def handle(self, *args: Any, **options: Any) -> None:
        requeue_abandoned()
        super().handle(*args, **options)

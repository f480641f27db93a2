from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from opendebate.common.database import check_database


class Command(BaseCommand):
    help = "Serve the web application with gunicorn (threads, so one process suffices locally)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=1)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: Any, **options: Any) -> None:
        from gunicorn.app.base import BaseApplication

        from opendebate.wsgi import application

        check_database()
        bind = f"{options['host']}:{options['port']}"
        config = {
            "bind": bind,
            "workers": options["workers"],
            "threads": options["threads"],
            "worker_class": "gthread",
            "accesslog": "-",
            # gunicorn's own line, and the time the request took in the server (seconds).
            "access_log_format": '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(L)s',
            "errorlog": "-",
            "loglevel": "warning",
            "timeout": 120,
        }

        class Server(BaseApplication):  # type: ignore[misc]  # gunicorn ships no types
            def load_config(self) -> None:
                for key, value in config.items():
                    self.cfg.set(key, value)

            def load(self) -> Any:
                return application

        self.stdout.write(f"opendebate ({settings.ENVIRONMENT}) serving at http://{bind}/")
        Server().run()

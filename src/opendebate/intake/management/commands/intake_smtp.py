from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opendebate.common.database import check_database
from opendebate.intake.processing import process_pending
from opendebate.intake.smtp import IntakeHandler, Processor, make_controller, stop_controller


class Command(BaseCommand):
    help = "Receive statements by e-mail: an SMTP listener for the meetings' intake addresses."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=2525)
        parser.add_argument(
            "--no-processor",
            action="store_true",
            help="only store messages; let `opendebate intake-process` process them",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        check_database()
        processor = None if options["no_processor"] else Processor(process_pending)
        handler = IntakeHandler(on_stored=processor.wake.set if processor else lambda: None)
        controller = make_controller(options["host"], options["port"], handler)
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        if processor is not None:
            processor.start()
        controller.start()
        self.stdout.write(
            f"intake-smtp listening on {options['host']}:{options['port']}", ending="\n"
        )
        self.stdout.flush()
        try:
            stop.wait()
        finally:
            stop_controller(controller)
            if processor is not None:
                processor.stop()
                processor.join(timeout=10)

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opendebate.intake.processing import process_pending


class Command(BaseCommand):
    help = "Process stored inbound messages (run beside `intake-smtp --no-processor`)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="process what waits, then stop")
        parser.add_argument("--interval", type=float, default=2.0)

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            count = 0
            while processed := process_pending():
                count += processed
            if count:
                self.stdout.write(f"processed {count} messages")
            if options["once"]:
                return
            time.sleep(options["interval"])

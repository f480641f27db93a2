from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opendebate.intake.processing import process_pending


class Command(BaseCommand):
    help = "Process stored inbound messages (run beside `intake-smtp --no-processor`)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="process what waits, then stop")
        parser.add_argument("--interval", type=float, default=2.0)
        parser.add_argument(
            "--shard",
            default="0/1",
            help="i/n: this processor's share when n processors run side by side",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            shard, shards = (int(part) for part in options["shard"].split("/"))
        except ValueError:
            raise CommandError("--shard takes i/n, for example 0/2 and 1/2.") from None
        if not 0 <= shard < shards:
            raise CommandError("--shard i/n needs 0 <= i < n.")
        while True:
            count = 0
            while processed := process_pending(shard=shard, shards=shards):
                count += processed
            if count:
                self.stdout.write(f"processed {count} messages")
            if options["once"]:
                return
            time.sleep(options["interval"])

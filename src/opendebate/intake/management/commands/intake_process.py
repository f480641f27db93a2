from __future__ import annotations

import logging
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections

from opendebate.intake.processing import process_pending

logger = logging.getLogger(__name__)


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
            try:
                close_old_connections()
                while processed := process_pending(shard=shard, shards=shards):
                    count += processed
            except Exception:
                if options["once"]:
                    raise
                # The database restarting, say: what was not finished stays waiting, for the
                # next round; a processor that exited would leave every later message waiting.
                logger.exception("intake processing failed; will retry")
            if count:
                self.stdout.write(f"processed {count} messages")
            if options["once"]:
                return
            time.sleep(options["interval"])

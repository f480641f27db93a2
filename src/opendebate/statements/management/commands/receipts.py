from __future__ import annotations

import logging
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections

from opendebate.statements.models import Receipt
from opendebate.statements.notifications import send_pending_receipts
from opendebate.statements.receipts import verify_chain

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "The receipts: check the log's hash chain, or mail the queued receipts."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("verify", help="recompute every entry's hash and link")
        send = actions.add_parser("send", help="mail the queued receipts, as they are queued")
        send.add_argument("--once", action="store_true", help="mail what waits, then stop")
        send.add_argument(
            "--interval", type=float, default=1.0, help="seconds between looks at the queue"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "send":
            self.send(once=options["once"], interval=options["interval"])
            return
        receipts = Receipt.objects.select_related("version").order_by("sequence")
        broken = verify_chain(receipts.iterator(chunk_size=500))
        if broken is not None:
            raise CommandError(
                f"Broken link at entry {broken.sequence} ({broken.reference}): {broken.problem}."
            )
        self.stdout.write(f"Receipts log intact: {receipts.count()} entries verified.")

    def send(self, *, once: bool, interval: float) -> None:
        while True:
            count = 0
            try:
                close_old_connections()
                while sent := send_pending_receipts():
                    count += sent
            except Exception:
                if once:
                    raise
                # The mail server or the database away: the receipts stay queued for the
                # next round; a sender that exited would leave every later one unsent.
                logger.exception("mailing receipts failed; will retry")
            if count:
                self.stdout.write(f"mailed {count} receipts")
            if once:
                return
            time.sleep(interval)

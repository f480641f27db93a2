from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opendebate.statements.models import Receipt
from opendebate.statements.receipts import verify_chain


class Command(BaseCommand):
    help = "Check the receipts log: recompute the hash chain and name the first broken link."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("verify", help="recompute every entry's hash and link")

    def handle(self, *args: Any, **options: Any) -> None:
        receipts = Receipt.objects.select_related("version").order_by("sequence")
        broken = verify_chain(receipts.iterator(chunk_size=500))
        if broken is not None:
            raise CommandError(
                f"Broken link at entry {broken.sequence} ({broken.reference}): {broken.problem}."
            )
        self.stdout.write(f"Receipts log intact: {receipts.count()} entries verified.")

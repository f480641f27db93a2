from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opendebate.entities.enums import EntityKind
from opendebate.entities.models import Entity
from opendebate.entities.queries import council_seats, presidencies_of
from opendebate.entities.services import load_registry


class Command(BaseCommand):
    help = "Load, export and query the registry of States, observers and organizations."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("load", help="Create or update the registry from the bundled data.")
        export = actions.add_parser("export", help="Print every entity.")
        export.add_argument("--format", choices=["json", "text"], default="text")
        export.add_argument(
            "--kind",
            action="append",
            choices=EntityKind.values,
            help="Only this kind (repeatable). Default: the kinds that may submit.",
        )
        council = actions.add_parser("council", help="Print the Council of a year.")
        council.add_argument("year", type=int)
        council.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "load":
            summary = load_registry()
            self.stdout.write(
                f"Registry loaded: {summary.entities} entities, {summary.council_seats} Council "
                f"seats, {summary.presidencies} presidencies, "
                f"{summary.group_memberships} group memberships."
            )
        elif action == "export":
            self._export(options)
        else:
            self._council(options)

    def _export(self, options: dict[str, Any]) -> None:
        kinds = options["kind"] or [k for k in EntityKind.values if k != "non_state_participant"]
        rows: list[dict[str, Any]] = [
            {
                "code": entity.code,
                "kind": entity.kind,
                "names": entity.names(),
                "running_names": {lang: entity.running_name(lang) for lang in ("en", "fr", "es")},
                "sort_key": entity.sort_key,
            }
            for entity in Entity.objects.filter(kind__in=kinds)
        ]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
        else:
            for row in rows:
                self.stdout.write(f"{row['code']:<8} {row['kind']:<22} {row['names']['en']}")

    def _council(self, options: dict[str, Any]) -> None:
        year = options["year"]
        seats = list(council_seats(year))
        if not seats:
            raise CommandError(f"No Council composition is recorded for {year}.")
        presidencies = presidencies_of(year)
        if options["format"] == "json":
            members = [
                {
                    "code": seat.entity.code,
                    "name": seat.entity.name_en,
                    "seat": seat.seat,
                    "presidency": [
                        f"{year}-{month:02d}"
                        for month, p in sorted(presidencies.items())
                        if p.entity_id == seat.entity_id
                    ],
                }
                for seat in seats
            ]
            self.stdout.write(json.dumps(members, ensure_ascii=False, indent=1))
            return
        for seat in seats:
            self.stdout.write(f"{seat.entity.code:<4} {seat.entity.name_en} ({seat.seat})")
        for month, presidency in sorted(presidencies.items()):
            self.stdout.write(f"{year}-{month:02d} presidency: {presidency.entity.name_en}")

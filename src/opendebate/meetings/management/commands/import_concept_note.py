from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opendebate.ingest import Refused, read_file
from opendebate.meetings.forms import MeetingReviewForm
from opendebate.meetings.importing import import_letter, review_initial
from opendebate.meetings.services import create_meeting


class Command(BaseCommand):
    help = (
        "Read a concept-note letter (.txt, .docx, .odt, .pdf) and create a draft meeting from it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="print the extracted fields as JSON; save nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            text = read_file(path.read_bytes(), path.name).source
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        except Refused as refusal:
            raise CommandError(f"{path.name}: {refusal.message}") from None
        result = import_letter(text)
        extracted = result.to_json_dict()
        if options["dry_run"]:
            self.stdout.write(json.dumps(extracted, ensure_ascii=False, indent=1))
            return
        # The same form as the web review, so the command line accepts exactly what the web does.
        initial = review_initial(extracted, result.source_lines())
        form = MeetingReviewForm(data={k: v for k, v in initial.items() if v is not None})
        if not form.is_valid():
            problems = "; ".join(
                f"{field}: {' '.join(str(error) for error in errors)}"
                for field, errors in form.errors.items()
            )
            raise CommandError(
                f"No meeting created, the letter lacks what a meeting needs ({problems})."
            )
        meeting = create_meeting(actor=None, data=form.meeting_data(), source="command line")
        for warning in extracted["warnings"]:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(f"Draft meeting {meeting.pk} created: {meeting.title()}")

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opendebate.common.languages import Language
from opendebate.documents.render import render_all
from opendebate.meetings.letter import build_concept_note_letter
from opendebate.meetings.models import Meeting
from opendebate.meetings.queries import letter_missing


def find_meeting(reference: str) -> Meeting:
    """A meeting by number or by the symbol of its letter (S/2020/866)."""
    meetings = Meeting.objects.select_related("presidency")
    found = (
        meetings.filter(pk=int(reference)).first()
        if reference.isdigit()
        else meetings.filter(letter_symbol=reference).first()
    )
    if found is None:
        raise CommandError(f"No meeting {reference!r}: give its number or its letter's symbol.")
    return found


class Command(BaseCommand):
    help = "Render a meeting's concept-note letter as letter.docx, .pdf, .html and .akn.xml."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("meeting", help="meeting number or letter symbol (S/2020/866)")
        parser.add_argument("--out", required=True, type=Path)
        parser.add_argument("--language", choices=Language.values, help="default: the letter's")
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="the letter's date, YYYY-MM-DD; default: the date recorded on the meeting",
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="write it even if a name or title is missing in the language (marked in place)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        meeting = find_meeting(options["meeting"])
        language = options["language"] or meeting.letter_language
        letter_date = options["date"] or meeting.letter_date
        if letter_date is None:
            raise CommandError(
                "The meeting has no letter date: give the date the presidency signs the letter "
                "with --date YYYY-MM-DD."
            )
        missing = letter_missing(meeting, language)
        if missing and not options["draft"]:
            listed = "\n".join(f"  - {item}" for item in missing)
            raise CommandError(
                f"The {Language(language).label} letter lacks these facts in its language:\n"
                f"{listed}\nEnter them on the meeting's facts page, or write a draft "
                "with --draft (each missing fact is marked in it)."
            )
        document = build_concept_note_letter(meeting, language, letter_date)
        out: Path = options["out"]
        out.mkdir(parents=True, exist_ok=True)
        for extension, content in render_all(document).items():
            path = out / f"letter.{extension}"
            path.write_bytes(content)
            self.stdout.write(f"{path} ({len(content):,} bytes)")

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from opendebate.common.languages import Language
from opendebate.compilation.build import build_document, entries
from opendebate.compilation.dates import check_letter_date, proposed_letter_date
from opendebate.compilation.facts import compilation_missing
from opendebate.compilation.models import Compilation
from opendebate.compilation.services import file_name, working_compilation
from opendebate.documents.render import FORMATS, render_all
from opendebate.meetings.management.commands.issue_letter import find_meeting


class Command(BaseCommand):
    help = (
        "Write a meeting's compilation as compilation.docx, .pdf, .html and .akn.xml, in any "
        "of the six languages: the one in preparation (with its order, late inclusions, date "
        "and original language) or, if none, the default one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("meeting", help="meeting number or letter symbol (S/2020/866)")
        parser.add_argument("--out", required=True, type=Path)
        parser.add_argument(
            "--language",
            choices=Language.values,
            help="the version to write; default: the letter's",
        )
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="the letter's date, YYYY-MM-DD; required unless the compilation has one",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        meeting = find_meeting(options["meeting"])
        # Not saved when new, nor when given a date: the command writes files, changes no record.
        working = working_compilation(meeting) or Compilation(
            meeting=meeting,
            language=meeting.letter_language,
            original_language=meeting.letter_original_language,
            signatories=meeting.letter_signatory_names,
        )
        working.letter_date = options["date"] or working.letter_date
        if working.letter_date is None:
            raise CommandError(
                "The compilation has no letter date: give it with --date YYYY-MM-DD (the day "
                f"after the meeting would be {proposed_letter_date(meeting).isoformat()})."
            )
        try:
            check_letter_date(meeting, working.letter_date)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        annexed = entries(working)
        language = options["language"] or working.language
        for missing in compilation_missing(working, annexed, language=language):
            # A draft: the files mark each missing fact in place; issuing refuses them.
            self.stderr.write(f"Missing in this version: {missing}")
        document = build_document(working, annexed, language=language)
        out: Path = options["out"]
        out.mkdir(parents=True, exist_ok=True)
        rendered = render_all(document)
        for format_ in FORMATS:
            path = out / file_name(format_)
            path.write_bytes(rendered[format_.extension])
            self.stdout.write(f"{path} ({len(rendered[format_.extension]):,} bytes)")
        self.stdout.write(f"{len(annexed)} annexes")

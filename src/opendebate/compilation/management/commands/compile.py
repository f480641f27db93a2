from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from opendebate.common.languages import Language
from opendebate.compilation.build import build_document, entries
from opendebate.compilation.facts import compilation_missing
from opendebate.compilation.models import Compilation
from opendebate.compilation.services import file_name, working_compilation
from opendebate.documents.render import FORMATS, render_all
from opendebate.meetings.management.commands.issue_letter import find_meeting


class Command(BaseCommand):
    help = (
        "Write a meeting's compilation as compilation.docx, .pdf, .html and .akn.xml: the one "
        "in preparation (with its order and late inclusions) or, if none, the default one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("meeting", help="meeting number or letter symbol (S/2020/866)")
        parser.add_argument("--out", required=True, type=Path)
        parser.add_argument("--language", choices=Language.values, help="default: the letter's")

    def handle(self, *args: Any, **options: Any) -> None:
        meeting = find_meeting(options["meeting"])
        working = working_compilation(meeting)
        language = options["language"] or (working.language if working else meeting.letter_language)
        if working is None or working.language != language:
            # Not saved: the command writes files and changes no record.
            working = Compilation(
                meeting=meeting,
                language=language,
                signatories=meeting.letter_signatory_names,
                letter_date=timezone.localdate(),
            )
        annexed = entries(working)
        for missing in compilation_missing(working, annexed):
            # A draft: the files mark each missing fact in place; issuing refuses them.
            self.stderr.write(f"Missing in this version: {missing}")
        document = build_document(working, annexed)
        out: Path = options["out"]
        out.mkdir(parents=True, exist_ok=True)
        rendered = render_all(document)
        for format_ in FORMATS:
            path = out / file_name(format_)
            path.write_bytes(rendered[format_.extension])
            self.stdout.write(f"{path} ({len(rendered[format_.extension]):,} bytes)")
        self.stdout.write(f"{len(annexed)} annexes")

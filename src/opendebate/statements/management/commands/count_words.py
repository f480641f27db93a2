from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opendebate.common.languages import Language
from opendebate.ingest import Refused, read_file
from opendebate.statements.language import detect_language
from opendebate.statements.wordcount import count_words


class Command(BaseCommand):
    help = (
        "Count the words and characters of a statement (.txt, .docx, .odt, .pdf) as a word "
        "processor does, and detect its language."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--language",
            choices=Language.values,
            help="the statement's language (default: detected)",
        )
        parser.add_argument("--format", choices=("json", "text"), default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            # The same extraction as an upload, so the count is the one the delegation sees.
            text = read_file(path.read_bytes(), path.name).text
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        except Refused as refusal:
            raise CommandError(f"Cannot read {path}: {refusal.message}") from None
        language = options["language"] or detect_language(text)
        count = count_words(text, language)
        result = {
            "language": language,
            "words": count.words,
            "characters": count.characters,
            "characters_no_spaces": count.characters_no_spaces,
        }
        if options["format"] == "json":
            self.stdout.write(json.dumps(result))
        else:
            for key, value in result.items():
                self.stdout.write(f"{key}: {'unknown' if value is None else value}")

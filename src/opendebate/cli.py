"""The `opendebate` command: Django's management commands with one-line start-up errors."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opendebate.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    from opendebate.common.database import describe_unreachable

    args = ["opendebate", *(sys.argv[1:] if argv is None else argv)]
    # Commands are Python modules (issue_letter.py) but read better hyphenated on the command
    # line (`opendebate issue-letter`); both spellings work.
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    try:
        execute_from_command_line(args)
    except ImproperlyConfigured as error:
        sys.exit(f"opendebate: {error}")
    except OperationalError as error:
        sys.exit(f"opendebate: {describe_unreachable(error)}")

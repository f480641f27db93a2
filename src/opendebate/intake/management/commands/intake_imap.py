from __future__ import annotations

import functools
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections
from django.utils import timezone
from imapclient.exceptions import IMAPClientError

from opendebate.intake.imap import ImapSetupError, PollResult, connect, poll_mailbox


class Command(BaseCommand):
    help = "Receive statements from a hosted mailbox: poll it over IMAP and store each message."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="poll once, then stop")
        parser.add_argument(
            "--interval", type=int, default=60, help="seconds between polls (default 60)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["interval"] < 1:
            # Hosted mailboxes lock accounts that poll without pause.
            raise CommandError("--interval must be at least 1 second")
        host = getattr(settings, "IMAP_HOST", "")
        if not host:
            raise CommandError("IMAP_HOST is not set; set IMAP_HOST, IMAP_USER and IMAP_PASSWORD")
        use_ssl = getattr(settings, "IMAP_SSL", True)
        port = getattr(settings, "IMAP_PORT", 993 if use_ssl else 143)
        folder = getattr(settings, "IMAP_FOLDER", "INBOX")
        done_folder = getattr(settings, "IMAP_DONE_FOLDER", "") or None
        factory = functools.partial(
            connect,
            host=host,
            port=port,
            user=getattr(settings, "IMAP_USER", ""),
            password=getattr(settings, "IMAP_PASSWORD", ""),
            ssl=use_ssl,
        )
        mailbox = f"{folder} on {host}:{port}"
        try:
            while True:
                try:
                    result = poll_mailbox(factory, folder=folder, done_folder=done_folder)
                except ImapSetupError as error:
                    raise CommandError(str(error)) from error
                except (IMAPClientError, OSError) as error:
                    # A mailbox host that is down or slow is routine for a poller: one line,
                    # then the next interval tries again.
                    problem = f"{mailbox}: {_describe(error)}"
                    if options["once"]:
                        raise CommandError(problem) from error
                    self.stderr.write(f"{_now()} {problem}; retrying in {options['interval']}s")
                else:
                    self.stdout.write(f"{_now()} {mailbox}: {_summary(result)}")
                    if options["once"] and result.failed:
                        raise CommandError(
                            f"{result.failed} message(s) could not be stored; they stay on the "
                            "server for the next poll"
                        )
                if options["once"]:
                    return
                time.sleep(options["interval"])
                # The database may have restarted while we slept; reconnect rather than fail.
                close_old_connections()
        except KeyboardInterrupt:
            self.stdout.write("intake-imap stopped")


def _now() -> str:
    return f"{timezone.localtime():%Y-%m-%d %H:%M:%S}"


def _summary(result: PollResult) -> str:
    return f"{result.stored} stored, {result.already_stored} already stored, {result.failed} failed"


def _describe(error: Exception) -> str:
    if isinstance(error, TimeoutError):
        return "the server did not answer in time"
    if isinstance(error, OSError):
        return f"cannot connect ({error.strerror or error})"
    text = str(error)
    # imaplib puts the server's reply in the message as a bytes literal: b'[AUTH...] ...'
    if text.startswith(("b'", 'b"')) and text.endswith(text[1]):
        text = text[2:-1]
    return text

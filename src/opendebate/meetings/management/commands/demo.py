from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from opendebate.accounts.demo import DEMO_PASSWORD, create_demo_users
from opendebate.compilation.demo import fill_demo_meeting, issue_demo_compilation
from opendebate.meetings.demo import create_seed_meeting


class Command(BaseCommand):
    help = (
        "Create the demo users and the seed meeting (development only); print the sign-ins. "
        "With --statements N, fill the meeting with N written statements, the briefings and "
        "the statements delivered at it, and issue its compilation under a demo symbol (once)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--statements",
            type=int,
            default=0,
            metavar="N",
            help="written statements from N different entities, in the six languages (default 0)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is for development; OPENDEBATE_ENV is production.")
        if options["statements"] < 0:
            raise CommandError("--statements takes a number of statements, 0 or more.")
        users = create_demo_users()
        meeting = create_seed_meeting()
        self.stdout.write(f"Demo meeting: {meeting.title('en')} (/meetings/{meeting.pk}/)")
        links = [("the demo meeting", reverse("meetings:detail", args=[meeting.pk]))]
        if options["statements"]:
            recorder = next((user for user in users if user.is_secretariat), None)
            report = fill_demo_meeting(meeting, statements=options["statements"], recorder=recorder)
            lines = report.lines()
            if recorder is not None:
                issued = issue_demo_compilation(meeting, recorder)
                lines.append(issued.line())
                symbol = issued.compilation.symbol
                links.append(
                    ("its compilation", reverse("documents_public:document", args=[symbol]))
                )
            for line in lines:
                self.stdout.write(f"  {line}")
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for user in users:
            where = f" for {user.entity.name_en}" if user.entity else ""
            self.stdout.write(f"  {user.email:<36} {user.get_role_display()}{where}")
        self.stdout.write(
            "Secretariat and presidency accounts ask for a two-factor code: "
            "run `.venv/bin/opendebate totp EMAIL` in another terminal to print the current one."
        )
        links += [("sign in", reverse("accounts:login")), ("the home page", reverse("home"))]
        self.stdout.write("Open in a browser once the server below is up:")
        for label, path in links:
            self.stdout.write(f"  {label:<18} {settings.SITE_URL}{path}")

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from opendebate.accounts.demo import DEMO_PASSWORD, create_demo_users
from opendebate.meetings.demo import create_seed_meeting


class Command(BaseCommand):
    help = "Create the demo users and the seed meeting (development only); print the sign-ins."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is for development; OPENDEBATE_ENV is production.")
        users = create_demo_users()
        meeting = create_seed_meeting()
        self.stdout.write(f"Demo meeting: {meeting.title('en')} (/meetings/{meeting.pk}/)")
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for user in users:
            where = f" for {user.entity.name_en}" if user.entity else ""
            self.stdout.write(f"  {user.email:<36} {user.get_role_display()}{where}")
        self.stdout.write(
            "Secretariat and presidency accounts ask for a two-factor code: "
            "run `.venv/bin/opendebate totp EMAIL` in another terminal to print the current one."
        )

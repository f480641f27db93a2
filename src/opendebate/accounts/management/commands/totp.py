from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp

from opendebate.accounts.models import User
from opendebate.accounts.services import confirmed_totp_device


class Command(BaseCommand):
    help = "Print a demo user's current two-factor code (development only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Printing two-factor codes is for development only.")
        user = User.objects.filter(email=options["email"].lower()).first()
        device = confirmed_totp_device(user) if user else None
        if device is None:
            raise CommandError(f"{options['email']} has no two-factor device.")
        self.stdout.write(f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}")

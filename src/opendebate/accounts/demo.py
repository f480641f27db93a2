"""Demo accounts for `make run`: one per role, two delegations, for trying the system out."""

from __future__ import annotations

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from opendebate.accounts.enums import Role
from opendebate.accounts.models import User
from opendebate.entities.models import Entity, EntityContact

DEMO_PASSWORD = "demo-opendebate-2020"  # noqa: S105  (development data, refused in production)
DEMO_USERS = [
    ("secretariat@opendebate.example", "Secretariat Officer", Role.SECRETARIAT, None),
    ("presidency@niger.opendebate.example", "Presidency Officer (Niger)", Role.PRESIDENCY, "NER"),
    ("delegate@france.opendebate.example", "Delegate of France", Role.DELEGATION, "FRA"),
    ("delegate@canada.opendebate.example", "Delegate of Canada", Role.DELEGATION, "CAN"),
]


@transaction.atomic
def create_demo_users() -> list[User]:
    """Create (or leave as they are) the demo users, their devices and contact addresses."""
    users = []
    for email, name, role, code in DEMO_USERS:
        entity = Entity.objects.get(code=code) if code else None
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, DEMO_PASSWORD, full_name=name, role=role, entity=entity
            )
            if entity is not None:
                # Demo data is trusted: the address is confirmed without a link.
                EntityContact.objects.create(entity=entity, email=email, label="Demo")
        if user.requires_two_factor and not TOTPDevice.objects.filter(user=user).exists():
            TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
        users.append(user)
    return users

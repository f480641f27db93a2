from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.core import mail
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from opendebate.accounts.enums import Role
from opendebate.accounts.models import Invitation, User
from opendebate.accounts.services import invite_user
from opendebate.common.models import AuditEntry
from opendebate.entities.models import Entity
from tests.conftest import PASSWORD, make_user

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db


def current_code(user: User) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key):06d}"


def sign_in(client: Client, email: str, password: str = PASSWORD) -> TestResponse:
    return client.post("/account/sign-in/", {"username": email, "password": password})


def test_passwords_are_hashed_with_argon2(france: User) -> None:
    assert france.password.startswith("argon2")


def test_delegation_signs_in_without_a_second_factor(client: Client, france: User) -> None:
    response = sign_in(client, "Delegate@France.example")
    assert response.status_code == 302
    assert client.get("/delegations/FRA/").status_code == 200
    assert AuditEntry.objects.filter(action="auth.login", actor=france).count() == 1


def test_wrong_password_is_explained_and_audited(client: Client, france: User) -> None:
    response = sign_in(client, "delegate@france.example", "wrong password")
    assert response.status_code == 200
    assert "is not right" in response.content.decode()
    assert AuditEntry.objects.filter(action="auth.login_failed", subject=france.email).count() == 1


def test_sign_in_is_throttled_after_five_failures(client: Client, france: User) -> None:
    for _ in range(5):
        sign_in(client, "delegate@france.example", "wrong password")
    response = sign_in(client, "delegate@france.example")
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    other = make_user("other@france.example", Role.DELEGATION, "FRA")
    assert sign_in(Client(), other.email).status_code == 302


def test_secretariat_must_enter_the_second_factor(client: Client, secretariat: User) -> None:
    sign_in(client, secretariat.email)
    response = client.get("/delegations/FRA/")
    assert response.status_code == 302
    assert response["Location"] == "/account/two-factor/verify/?next=%2Fdelegations%2FFRA%2F"
    wrong = client.post(
        "/account/two-factor/verify/", {"token": "000000", "next": "/delegations/FRA/"}
    )
    assert "is not right" in wrong.content.decode()
    assert AuditEntry.objects.filter(action="auth.two_factor_failed").count() == 1
    too_soon = client.post(
        "/account/two-factor/verify/", {"token": current_code(secretariat), "next": "/"}
    )
    assert "Wait a few seconds" in too_soon.content.decode()
    # Let django-otp's back-off expire instead of sleeping through it.
    TOTPDevice.objects.filter(user=secretariat).update(throttling_failure_timestamp=None)
    right = client.post(
        "/account/two-factor/verify/",
        {"token": current_code(secretariat), "next": "/delegations/FRA/"},
    )
    assert right["Location"] == "/delegations/FRA/"
    assert client.get("/delegations/FRA/").status_code == 200


def test_second_factor_refuses_an_offsite_next(client: Client, secretariat: User) -> None:
    sign_in(client, secretariat.email)
    response = client.post(
        "/account/two-factor/verify/",
        {"token": current_code(secretariat), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_unverified_secretariat_cannot_reach_the_admin(client: Client, secretariat: User) -> None:
    sign_in(client, secretariat.email)
    response = client.get("/admin/")
    assert response["Location"].startswith("/account/two-factor/verify/")


def test_presidency_without_device_is_sent_to_set_one_up(client: Client) -> None:
    user = User.objects.create_user(
        "new@niger.example", PASSWORD, full_name="New", role=Role.PRESIDENCY,
        entity=Entity.objects.get(code="NER"),
    )  # fmt: skip
    sign_in(client, user.email)
    assert client.get("/")["Location"] == "/account/two-factor/setup/"
    page = client.get("/account/two-factor/setup/")
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/account/two-factor/setup/", {"token": f"{totp(device.bin_key):06d}"})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200


def test_invitation_creates_a_delegation_account(as_secretariat: Client) -> None:
    response = as_secretariat.post(
        "/account/invite/", {"email": "focal@canada.example", "role": "delegation", "entity": "CAN"}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    link = next(line for line in body.splitlines() if "/account/invitation/" in line)
    path = link.strip().removeprefix("http://127.0.0.1:8000")
    client = Client()
    weak = client.post(
        path, {"full_name": "Focal Point", "password": "123", "password_again": "123"}
    )
    assert weak.status_code == 200
    assert not User.objects.filter(email="focal@canada.example").exists()
    created = client.post(
        path, {"full_name": "Focal Point", "password": PASSWORD, "password_again": PASSWORD}
    )
    assert created.status_code == 302
    user = User.objects.get(email="focal@canada.example")
    assert user.entity is not None
    assert (user.role, user.entity.code) == ("delegation", "CAN")
    assert Client().get(path).status_code == 404


def test_delegation_invites_only_for_its_own_entity(as_france: Client) -> None:
    page = as_france.get("/account/invite/")
    assert 'name="entity"' not in page.content.decode()
    as_france.post(
        "/account/invite/",
        {"email": "colleague@france.example", "role": "secretariat", "entity": "CAN"},
    )
    invitation = Invitation.objects.get(email="colleague@france.example")
    assert invitation.entity is not None
    assert (invitation.role, invitation.entity.code) == ("delegation", "FRA")


def test_presidency_may_not_invite(as_presidency: Client) -> None:
    assert as_presidency.get("/account/invite/").status_code == 403
    assert AuditEntry.objects.filter(action="access.refused").exists()


def test_invite_service_refuses_another_entity(france: User) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        invite_user(
            invited_by=france, email="x@canada.example", role=Role.DELEGATION,
            entity=Entity.objects.get(code="CAN"),
        )  # fmt: skip
    assert not Invitation.objects.exists()


def test_invitation_for_an_existing_account_is_refused(
    as_secretariat: Client, france: User
) -> None:
    response = as_secretariat.post(
        "/account/invite/", {"email": france.email, "role": "delegation", "entity": "FRA"}
    )
    assert "already has an account" in response.content.decode()
    assert mail.outbox == []

"""Sessions and tokens (issue 13, point 7): a token dies with the sign-out and with the role it
was issued for; the second factor gets a fresh session key; a stranger who locks an address by
guessing passwords does not lock its owner out."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.conf import settings
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from opendebate.accounts.enums import Role
from opendebate.accounts.models import User
from opendebate.common.models import AuditEntry
from opendebate.entities.models import Entity
from tests.accounts.test_sign_in import current_code, sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

STRANGER_IP = "203.0.113.9"


def token_works(key: str) -> bool:
    response = Client().get("/api/statements/", HTTP_AUTHORIZATION=f"Token {key}")
    return response.status_code == 200


def lock_out(email: str) -> None:
    """A stranger guesses passwords for `email` from another address until it locks."""
    stranger = Client(REMOTE_ADDR=STRANGER_IP)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        sign_in(stranger, email, "guessed password")
    assert "Too many failed attempts" in sign_in(stranger, email).content.decode()


def signed_in_as(client: Client) -> str | None:
    key = client.cookies.get(settings.SESSION_COOKIE_NAME)
    if key is None:
        return None
    session = import_module(settings.SESSION_ENGINE).SessionStore(key.value)
    user_id = session.get("_auth_user_id")
    return User.objects.get(pk=user_id).email if user_id else None


def test_api_token_is_revoked_at_sign_out(france: User) -> None:
    client = Client()
    sign_in(client, france.email)
    key = Token.objects.create(user=france).key
    assert token_works(key)
    client.post("/account/sign-out/")
    assert not token_works(key)
    assert AuditEntry.objects.filter(action="auth.api_token_revoked", subject=france.email).exists()


@pytest.mark.parametrize(
    ("field", "value"), [("role", Role.PRESIDENCY), ("entity", "CAN")], ids=["role", "entity"]
)
def test_api_token_is_revoked_when_role_or_entity_changes(
    france: User, field: str, value: str
) -> None:
    key = Token.objects.create(user=france).key
    user = User.objects.get(pk=france.pk)
    if field == "entity":
        user.entity = Entity.objects.get(code=value)
    else:
        user.role = value
    user.save()
    assert not token_works(key)
    entry = AuditEntry.objects.get(action="auth.api_token_revoked")
    assert (entry.subject, entry.data) == (france.email, {"reason": "role or entity changed"})


def test_api_token_survives_other_changes(france: User) -> None:
    key = Token.objects.create(user=france).key
    france.full_name = "Another Name"
    france.save()
    assert token_works(key)


def test_session_key_rotates_when_the_second_factor_is_accepted(secretariat: User) -> None:
    client = Client()
    sign_in(client, secretariat.email)
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post("/account/two-factor/verify/", {"token": current_code(secretariat)})
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not import_module(settings.SESSION_ENGINE).SessionStore().exists(before)
    assert client.get("/delegations/FRA/").status_code == 200


def test_session_key_rotates_when_an_authenticator_is_set_up() -> None:
    user = User.objects.create_user(
        "new@niger.example", PASSWORD, full_name="New", role=Role.PRESIDENCY,
        entity=Entity.objects.get(code="NER"),
    )  # fmt: skip
    client = Client()
    sign_in(client, user.email)
    client.get("/account/two-factor/setup/")
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post("/account/two-factor/setup/", {"token": f"{totp(device.bin_key):06d}"})
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != before


def test_owner_signs_in_from_a_known_device_despite_a_lock_out(france: User) -> None:
    owner = Client()
    sign_in(owner, france.email)
    owner.post("/account/sign-out/")
    lock_out(france.email)
    response = sign_in(owner, france.email)
    assert response.status_code == 302
    assert signed_in_as(owner) == france.email
    assert AuditEntry.objects.filter(action="auth.lock_bypassed", subject=france.email).exists()


def test_known_device_still_needs_the_password(france: User) -> None:
    owner = Client()
    sign_in(owner, france.email)
    owner.post("/account/sign-out/")
    lock_out(france.email)
    response = sign_in(owner, france.email, "guessed password")
    assert "is not right" in response.content.decode()
    assert signed_in_as(owner) is None


def test_known_device_of_another_user_does_not_unlock(france: User, canada: User) -> None:
    browser = Client()
    sign_in(browser, canada.email)
    browser.post("/account/sign-out/")
    lock_out(france.email)
    assert "Too many failed attempts" in sign_in(browser, france.email).content.decode()


def test_forged_known_device_cookie_does_not_unlock(france: User) -> None:
    lock_out(france.email)
    forger = Client()
    forger.cookies["opendebate_device"] = f"{france.pk}:forged"
    assert "Too many failed attempts" in sign_in(forger, france.email).content.decode()


def test_known_device_does_not_lift_the_limit_per_client_address(france: User) -> None:
    owner = Client()
    sign_in(owner, france.email)
    owner.post("/account/sign-out/")
    for number in range(settings.LOGIN_FAILURE_LIMIT * 4):
        sign_in(owner, f"guess{number}@france.example", "guessed password")
    assert "Too many failed attempts" in sign_in(owner, france.email).content.decode()


def test_password_change_forgets_the_known_devices(france: User) -> None:
    owner = Client()
    sign_in(owner, france.email)
    owner.post("/account/sign-out/")
    france.set_password(PASSWORD + " new")
    france.save()
    lock_out(france.email)
    assert (
        "Too many failed attempts"
        in sign_in(owner, france.email, PASSWORD + " new").content.decode()
    )


def test_owner_signs_in_with_the_second_factor_despite_a_lock_out(secretariat: User) -> None:
    lock_out(secretariat.email)
    owner = Client()
    response = owner.post(
        "/account/sign-in/",
        {"username": secretariat.email, "password": PASSWORD, "code": current_code(secretariat)},
    )
    assert response.status_code == 302
    assert signed_in_as(owner) == secretariat.email
    # The code was the second factor too: nothing more is asked.
    assert owner.get("/delegations/FRA/").status_code == 200


def test_wrong_code_does_not_unlock_and_is_audited(secretariat: User) -> None:
    lock_out(secretariat.email)
    response = Client().post(
        "/account/sign-in/",
        {"username": secretariat.email, "password": PASSWORD, "code": "000000"},
    )
    assert "Too many failed attempts" in response.content.decode()
    assert AuditEntry.objects.filter(
        action="auth.two_factor_failed", subject=secretariat.email
    ).exists()


def test_right_code_with_a_wrong_password_does_not_sign_in(secretariat: User) -> None:
    lock_out(secretariat.email)
    owner = Client()
    response = owner.post(
        "/account/sign-in/",
        {"username": secretariat.email, "password": "guess", "code": current_code(secretariat)},
    )
    assert "is not right" in response.content.decode()
    assert signed_in_as(owner) is None


def test_second_factor_makes_the_device_known(secretariat: User) -> None:
    owner = Client()
    sign_in(owner, secretariat.email)
    assert "opendebate_device" not in owner.cookies
    owner.post("/account/two-factor/verify/", {"token": current_code(secretariat)})
    owner.post("/account/sign-out/")
    lock_out(secretariat.email)
    assert sign_in(owner, secretariat.email).status_code == 302
    # The known device lifts the lock, not the second factor.
    assert owner.get("/delegations/FRA/")["Location"].startswith("/account/two-factor/verify/")


def test_account_page_says_what_revokes_a_token(as_france: Client) -> None:
    page = as_france.get("/account/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "يؤدي تسجيل الخروج" in page

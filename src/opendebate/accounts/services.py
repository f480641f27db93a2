"""Every write to accounts: invitations, sign-in bookkeeping and two-factor devices."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import password_validation
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from opendebate.accounts.enums import Role
from opendebate.accounts.models import Invitation, User
from opendebate.accounts.permissions import can_invite
from opendebate.common.languages import Language
from opendebate.common.models import AuditEntry
from opendebate.common.services import client_ip, record_audit

if TYPE_CHECKING:
    from django.http import HttpRequest

    from opendebate.entities.models import Entity


KNOWN_DEVICE_SALT = "opendebate.accounts.known-device"
KNOWN_DEVICE_COOKIE = "opendebate_device"
# A device stays known this long after its last complete sign-in, which renews it.
KNOWN_DEVICE_DAYS = 90


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invite_user(
    *,
    invited_by: User,
    email: str,
    role: str,
    entity: Entity | None,
    request: HttpRequest | None = None,
) -> Invitation:
    """Create an invitation and e-mail its one-time link (in the inviter's UI language).

    Raises PermissionDenied when the inviter may not grant that role for that entity, and
    ValidationError when the address already has an account or the role needs an entity.
    """
    address = email.strip().lower()
    if not can_invite(invited_by, role=role, entity=entity):
        raise PermissionDenied(_("You may only invite colleagues of your own delegation."))
    if (role == Role.SECRETARIAT) != (entity is None):
        raise ValidationError(
            _("Delegation and presidency users belong to one entity; Secretariat users to none.")
        )
    if User.objects.filter(email=address).exists():
        raise ValidationError(_("%(email)s already has an account.") % {"email": address})
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=address,
        role=role,
        entity=entity,
        invited_by=invited_by,
        token_hash=token_hash(token),
        expires_at=timezone.now() + datetime.timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    link = settings.SITE_URL + reverse("accounts:accept_invitation", args=[token])
    context = {"invitation": invitation, "link": link, "days": settings.INVITATION_VALID_DAYS}
    send_mail(
        subject=_("Your invitation to opendebate"),
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=None,
        recipient_list=[address],
    )
    record_audit(
        action="auth.invitation_sent",
        request=request,
        actor=invited_by,
        entity=entity,
        subject=address,
        role=role,
    )
    return invitation


def open_invitation(token: str) -> Invitation | None:
    invitation = Invitation.objects.select_related("entity").filter(token_hash=token_hash(token))
    found = invitation.first()
    return found if found is not None and found.is_open else None


@transaction.atomic
def accept_invitation(
    *, invitation: Invitation, full_name: str, password: str, request: HttpRequest | None = None
) -> User:
    """Create the invited account. Raises ValidationError for a weak password or a used link."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_open:
        raise ValidationError(_("This invitation has already been used or has expired."))
    candidate = User(
        email=locked.email, full_name=full_name, role=locked.role, entity=locked.entity
    )
    password_validation.validate_password(password, candidate)
    user = User.objects.create_user(
        locked.email,
        password,
        full_name=full_name.strip(),
        role=locked.role,
        entity=locked.entity,
        language=Language.of_reader(),
    )
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    record_audit(
        action="auth.invitation_accepted",
        request=request,
        actor=user,
        entity=user.entity,
        subject=user.email,
    )
    return user


def recent_failures(*, action: str, subject: str = "", ip: str | None = None) -> int:
    """Failures of one kind within the throttling window, for one address or one IP."""
    since = timezone.now() - datetime.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    entries = AuditEntry.objects.filter(action=action, at__gte=since)
    if subject:
        entries = entries.filter(subject=subject)
    if ip:
        entries = entries.filter(ip_address=ip)
    return entries.count()


@dataclass(frozen=True)
class SignInGate:
    """Whether a sign-in attempt may be checked at all, and how a lock was lifted."""

    open: bool
    # The owner's authenticator, when its current code lifted the address's lock: the
    # sign-in then passes the second factor as well.
    device: TOTPDevice | None = None


def sign_in_gate(*, email: str, code: str, request: HttpRequest) -> SignInGate:
    """Decide whether a sign-in for `email` from this client may go on to the password check.

    Too many failures from the client's IP close the gate whatever else is shown: that limit
    stops one machine trying many addresses. Too many failures for the address close it to
    strangers only: a browser holding the owner's known-device cookie, or a request carrying the
    owner's current authenticator code, is the owner, who must not be locked out by whoever
    guessed their address. The password is still checked after either.
    """
    limit = settings.LOGIN_FAILURE_LIMIT
    address = email.strip().lower()
    ip = client_ip(request)
    if ip and recent_failures(action="auth.login_failed", ip=ip) >= limit * 4:
        return SignInGate(open=False)
    if recent_failures(action="auth.login_failed", subject=address) < limit:
        return SignInGate(open=True)
    if is_known_device(request, email=address):
        record_audit(
            action="auth.lock_bypassed", request=request, subject=address, by="known device"
        )
        return SignInGate(open=True)
    device = _unlocking_device(email=address, code=code.strip(), request=request)
    return SignInGate(open=device is not None, device=device)


def _unlocking_device(*, email: str, code: str, request: HttpRequest) -> TOTPDevice | None:
    user = User.objects.filter(email=email, is_active=True).first()
    device = confirmed_totp_device(user) if user is not None and code else None
    if device is None or is_two_factor_throttled(device.user) or not device.verify_is_allowed()[0]:
        return None
    if not device.verify_token(code):
        record_audit(action="auth.two_factor_failed", request=request, subject=email)
        return None
    record_audit(action="auth.lock_bypassed", request=request, subject=email, by="authenticator")
    return device


def _device_proof(user: User) -> str:
    # Changes with the password, so a password reset forgets every known device.
    return user.get_session_auth_hash()


def known_device_cookie(user: User) -> str:
    """The signed value of the cookie that marks this browser as one `user` signed in from."""
    return signing.dumps({"u": user.pk, "p": _device_proof(user)}, salt=KNOWN_DEVICE_SALT)


def is_known_device(request: HttpRequest, *, email: str) -> bool:
    """Whether the request carries a valid known-device cookie of the account at `email`."""
    try:
        value = signing.loads(
            request.COOKIES.get(KNOWN_DEVICE_COOKIE, ""),
            salt=KNOWN_DEVICE_SALT,
            max_age=datetime.timedelta(days=KNOWN_DEVICE_DAYS),
        )
    except signing.BadSignature:
        return False
    user = User.objects.filter(pk=value.get("u"), email=email, is_active=True).first()
    return user is not None and constant_time_compare(value.get("p", ""), _device_proof(user))


def revoke_api_tokens(*, user: User, reason: str, request: HttpRequest | None = None) -> None:
    """Delete the user's API tokens, so that a tool holding one is refused from now on."""
    if Token.objects.filter(user=user).delete()[0]:
        record_audit(
            action="auth.api_token_revoked",
            request=request,
            actor=user,
            subject=user.email,
            reason=reason,
        )


def is_two_factor_throttled(user: User) -> bool:
    limit = settings.LOGIN_FAILURE_LIMIT
    return recent_failures(action="auth.two_factor_failed", subject=user.email) >= limit


def pending_totp_device(user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up, created on first need."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def confirmed_totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def confirm_totp_device(*, device: TOTPDevice, token: str, request: HttpRequest) -> bool:
    """Confirm a pending authenticator when `token` is right; False (and audited) otherwise."""
    user = device.user
    if not device.verify_token(token.strip()):
        record_audit(action="auth.two_factor_failed", request=request, subject=user.email)
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    record_audit(action="auth.two_factor_enabled", request=request, subject=user.email)
    return True

"""Every write to accounts: invitations, sign-in bookkeeping and two-factor devices."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from opendebate.accounts.enums import Role
from opendebate.accounts.models import Invitation, User
from opendebate.accounts.permissions import can_invite
from opendebate.common.languages import Language
from opendebate.common.models import AuditEntry
from opendebate.common.services import client_ip, record_audit

if TYPE_CHECKING:
    from django.http import HttpRequest

    from opendebate.entities.models import Entity


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


def is_sign_in_throttled(*, email: str, request: HttpRequest) -> bool:
    """Too many recent failures for this address, or from this IP across addresses."""
    limit = settings.LOGIN_FAILURE_LIMIT
    if recent_failures(action="auth.login_failed", subject=email.strip().lower()) >= limit:
        return True
    ip = client_ip(request)
    return bool(ip) and recent_failures(action="auth.login_failed", ip=ip) >= limit * 4


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

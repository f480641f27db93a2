"""Who may do what. Every check reads `can_<action>(user, ...)`; views call `ensure_...`.

A refusal is recorded in the audit log before the 403, because a delegation probing another
delegation's pages is exactly what the Secretariat needs to be able to see afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from opendebate.accounts.enums import Role
from opendebate.common.services import record_audit

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    from opendebate.accounts.models import User
    from opendebate.entities.models import Entity

    AnyUser = User | AnonymousUser


def can_act_for(user: AnyUser, entity: Entity) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.role == Role.SECRETARIAT or user.entity_id == entity.pk


def can_invite(user: AnyUser, *, role: str, entity: Entity | None) -> bool:
    """The Secretariat invites anyone; a delegation invites colleagues of its own entity."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.role == Role.SECRETARIAT:
        return True
    return (
        user.role == Role.DELEGATION
        and role == Role.DELEGATION
        and entity is not None
        and user.entity_id == entity.pk
    )


def second_factor_verified(user: AnyUser) -> bool:
    # django-otp's middleware attaches is_verified() to the request's user at run time.
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


def can_use_admin(user: AnyUser) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.role == Role.SECRETARIAT
        and second_factor_verified(user)
    )


def refuse(request: HttpRequest, *, entity: Entity | None = None, reason: str) -> PermissionDenied:
    """Record the refusal and return the exception for the caller to raise."""
    record_audit(
        action="access.refused", request=request, entity=entity, subject=request.path, reason=reason
    )
    return PermissionDenied(reason)


def ensure_can_act_for(request: HttpRequest, entity: Entity) -> None:
    if not can_act_for(request.user, entity):
        raise refuse(request, entity=entity, reason="not this delegation")


def ensure_secretariat(request: HttpRequest) -> None:
    if not (request.user.is_authenticated and request.user.role == Role.SECRETARIAT):
        raise refuse(request, reason="for the Secretariat only")

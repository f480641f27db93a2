from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.http import HttpRequest

from opendebate.accounts.models import User
from opendebate.accounts.services import revoke_api_tokens
from opendebate.common.services import record_audit


@receiver(user_logged_in)
def audit_login(sender: object, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    record_audit(action="auth.login", request=request, actor=user, subject=user.email)


@receiver(user_logged_out)
def audit_logout(sender: object, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record_audit(action="auth.logout", request=request, actor=user, subject=user.email)
        # Signing out ends everything that acts as the user, tools' tokens included.
        revoke_api_tokens(user=user, reason="signed out", request=request)


@receiver(pre_save, sender=User)
def revoke_tokens_on_role_change(
    sender: object, instance: User, raw: bool = False, **kwargs: Any
) -> None:
    """A token was issued for a role and an entity: it must not carry over to new ones."""
    update_fields = kwargs.get("update_fields")
    if (
        raw
        or instance.pk is None
        or (update_fields and not {"role", "entity"} & set(update_fields))
    ):
        return
    before = User.objects.filter(pk=instance.pk).values_list("role", "entity_id").first()
    if before is not None and before != (instance.role, instance.entity_id):
        revoke_api_tokens(user=instance, reason="role or entity changed")


@receiver(user_login_failed)
def audit_login_failed(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # The throttle counts these entries, so the subject is the address as the user typed it,
    # normalised the same way the throttle reads it.
    email = str(credentials.get("username", "")).strip().lower()
    record_audit(action="auth.login_failed", request=request, subject=email)

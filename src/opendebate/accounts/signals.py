from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from opendebate.common.services import record_audit


@receiver(user_logged_in)
def audit_login(sender: object, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    record_audit(action="auth.login", request=request, actor=user, subject=user.email)


@receiver(user_logged_out)
def audit_logout(sender: object, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record_audit(action="auth.logout", request=request, actor=user, subject=user.email)


@receiver(user_login_failed)
def audit_login_failed(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # The throttle counts these entries, so the subject is the address as the user typed it,
    # normalised the same way the throttle reads it.
    email = str(credentials.get("username", "")).strip().lower()
    record_audit(action="auth.login_failed", request=request, subject=email)

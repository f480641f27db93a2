from __future__ import annotations

from typing import TYPE_CHECKING, Any

from opendebate.common.models import AuditEntry

if TYPE_CHECKING:
    from django.http import HttpRequest

    from opendebate.accounts.models import User
    from opendebate.entities.models import Entity


def client_ip(request: HttpRequest | None) -> str | None:
    # REMOTE_ADDR only: a forwarded header is whatever the client chose to send unless a proxy
    # we control rewrites it, and the production proxy sets REMOTE_ADDR through gunicorn.
    return request.META.get("REMOTE_ADDR") if request is not None else None


def record_audit(
    *,
    action: str,
    request: HttpRequest | None = None,
    actor: User | None = None,
    entity: Entity | None = None,
    subject: str = "",
    **data: Any,
) -> AuditEntry:
    """Append an audit entry. Takes the actor from the request when not given."""
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        entity=entity,
        subject=subject[:300],
        ip_address=client_ip(request),
        data=data,
    )

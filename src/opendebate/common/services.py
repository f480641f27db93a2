from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Any

from django.conf import settings

from opendebate.common.models import AuditEntry

if TYPE_CHECKING:
    from django.http import HttpRequest

    from opendebate.accounts.models import User
    from opendebate.entities.models import Entity


def client_ip(request: HttpRequest | None) -> str | None:
    """The address the request came from, as the audit log and the sign-in throttle count it.

    Behind the production proxy (BEHIND_PROXY) every connection comes from nginx, which
    replaces X-Real-IP with the client's address (deploy/nginx.conf); without the header the
    peer's address is the client. A forwarded header is otherwise whatever the client chose
    to send, so it is read only there.
    """
    if request is None:
        return None
    forwarded = request.META.get("HTTP_X_REAL_IP", "") if settings.BEHIND_PROXY else ""
    try:
        return str(ipaddress.ip_address(forwarded.strip()))
    except ValueError:  # not behind the proxy, or a direct connection: the peer is the client
        return request.META.get("REMOTE_ADDR")


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

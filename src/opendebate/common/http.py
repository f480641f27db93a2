"""Request types for views: what a view may assume about `request.user` once sign-in is enforced.

`HttpRequest.user` is typed as a signed-in user *or* the anonymous one. A view behind
`login_required` (or that refuses anonymous users before reading it) only ever sees a signed-in
`User`; annotating its request as `AuthenticatedHttpRequest` tells the type checker so, instead
of casting at every use. It is a type only: Django still builds plain `HttpRequest` objects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeGuard

from django.http import HttpRequest

if TYPE_CHECKING:
    from opendebate.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User


def signed_in(request: HttpRequest) -> TypeGuard[AuthenticatedHttpRequest]:
    """For views that answer anonymous users themselves rather than through `login_required`."""
    return request.user.is_authenticated

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from opendebate.accounts.permissions import second_factor_verified
from opendebate.accounts.services import confirmed_totp_device

# Pages a signed-in user who still owes a second factor may see.
_OPEN_VIEWS = {
    "accounts:two_factor_setup",
    "accounts:two_factor_verify",
    "accounts:logout",
    "set_language",
}


class TwoFactorRequiredMiddleware:
    """Secretariat and Presidency users reach nothing until their second factor is verified."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or not user.requires_two_factor:
            return None
        if second_factor_verified(user):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in _OPEN_VIEWS:
            return None
        if confirmed_totp_device(user) is None:
            return redirect("accounts:two_factor_setup")
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('accounts:two_factor_verify')}?{query}")

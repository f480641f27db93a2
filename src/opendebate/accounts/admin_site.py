from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opendebate.accounts.permissions import can_use_admin, refuse


class SecretariatAdminSite(admin.AdminSite):
    """The Django admin, for verified Secretariat officers only.

    Everyone else is refused with a 403 and an audit entry instead of the admin's own sign-in
    form, which would otherwise invite a delegation officer to try other credentials.
    """

    site_header = _("opendebate administration")
    site_title = _("opendebate")

    def has_permission(self, request: HttpRequest) -> bool:
        return can_use_admin(request.user)

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if not request.user.is_authenticated:
            target = request.GET.get("next") or reverse("admin:index")
            return redirect_to_login(target, reverse("accounts:login"))
        if not self.has_permission(request):
            raise refuse(request, reason="administration is for the Secretariat")
        return super().login(request, extra_context)

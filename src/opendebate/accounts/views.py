from __future__ import annotations

import base64
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from opendebate.accounts import services
from opendebate.accounts.forms import (
    AcceptInvitationForm,
    InvitationForm,
    SignInForm,
    TokenForm,
)
from opendebate.accounts.models import User
from opendebate.accounts.permissions import can_invite, refuse
from opendebate.accounts.qr import qr_svg
from opendebate.common.http import AuthenticatedHttpRequest
from opendebate.common.languages import Language
from opendebate.common.services import record_audit


class SignInView(LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def form_valid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        user: User = form.get_user()
        if form.gate is not None and form.gate.device is not None:
            # The code that lifted the address's lock is the second factor as well.
            return _accept_second_factor(self.request, form.gate.device, response)
        if not user.requires_two_factor:
            _remember_device(response, user)
        return response


def _remember_device(response: HttpResponse, user: User) -> None:
    """Mark this browser as one the user completed a sign-in from (see sign_in_gate)."""
    response.set_cookie(
        services.KNOWN_DEVICE_COOKIE,
        services.known_device_cookie(user),
        max_age=services.KNOWN_DEVICE_DAYS * 24 * 3600,
        path=reverse("accounts:login"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _accept_second_factor(
    request: HttpRequest, device: TOTPDevice, response: HttpResponse
) -> HttpResponse:
    otp_login(request, device)
    # A fresh session key once the second factor is in, so that a key seen or planted before
    # it (session fixation) never carries the verified session.
    request.session.cycle_key()
    record_audit(action="auth.two_factor_verified", request=request, subject=device.user.email)
    _remember_device(response, device.user)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if services.confirmed_totp_device(user) is not None:
        return redirect("accounts:two_factor_verify")
    device = services.pending_totp_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.is_two_factor_throttled(user):
            form.add_error("token", _("Too many wrong codes. Wait 15 minutes and try again."))
        elif services.confirm_totp_device(
            device=device, token=form.cleaned_data["token"], request=request
        ):
            messages.success(request, _("Two-factor authentication is on for your account."))
            return _accept_second_factor(request, device, redirect("home"))
        else:
            form.add_error(
                "token",
                _("That code is not right. Check your device's clock and enter the current code."),
            )
    context = {
        "form": form,
        "qr": qr_svg(device.config_url),
        "secret": _grouped(device.bin_key),
    }
    return render(request, "accounts/two_factor_setup.html", context)


def _grouped(key: bytes) -> str:
    text = base64.b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    device = services.confirmed_totp_device(user)
    if device is None:
        return redirect("accounts:two_factor_setup")
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = ""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.is_two_factor_throttled(user):
            form.add_error("token", _("Too many wrong codes. Wait 15 minutes and try again."))
        elif not device.verify_is_allowed()[0]:
            # django-otp backs off for a few seconds after each wrong code.
            form.add_error("token", _("Wait a few seconds after a wrong code, then try again."))
        elif device.verify_token(form.cleaned_data["token"].strip()):
            return _accept_second_factor(request, device, redirect(target or "home"))
        else:
            record_audit(action="auth.two_factor_failed", request=request, subject=user.email)
            form.add_error(
                "token",
                _("That code is not right. Check your device's clock and enter the current code."),
            )
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": target})


@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.open_invitation(token)
    if invitation is None:
        raise Http404(_("This invitation link is not valid: it may have expired or been used."))
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password"],
                request=request,
            )
        except ValidationError as error:
            form.add_error("password", error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Welcome. Your account is ready. The meetings below are those you can follow."),
            )
            return redirect("meetings:list")
    entity = invitation.entity
    language = Language.of_reader().value
    context = {
        "form": form,
        "invitation": invitation,
        "entity_name": entity.name(language) if entity else "",
    }
    return render(request, "accounts/accept_invitation.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    fixed = None if user.is_secretariat else user.entity
    if not can_invite(user, role="delegation", entity=fixed) and not user.is_secretariat:
        raise refuse(request, entity=user.entity, reason="may not invite")
    form = InvitationForm(request.POST or None, fixed_entity=fixed)
    if request.method == "POST" and form.is_valid():
        role, entity = form.invitation_fields()
        try:
            services.invite_user(
                invited_by=user,
                email=form.cleaned_data["email"],
                role=role,
                entity=entity,
                request=request,
            )
        except PermissionDenied:
            raise refuse(request, entity=entity, reason="may not invite for this entity") from None
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s. The link is valid for %(days)d days.")
                % {"email": form.cleaned_data["email"], "days": settings.INVITATION_VALID_DAYS},
            )
            return redirect("accounts:invite")
    return render(request, "accounts/invite.html", {"form": form, "fixed_entity": fixed})


@login_required
def account(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    context: dict[str, Any] = {
        "two_factor": services.confirmed_totp_device(user) is not None,
    }
    return render(request, "accounts/account.html", context)


@login_required
@require_http_methods(["POST"])
def api_token(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Issue a new API token (the old one stops working) and show it once."""
    user = request.user
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    record_audit(action="auth.api_token_issued", request=request, subject=user.email)
    context = {"two_factor": services.confirmed_totp_device(user) is not None, "token": token.key}
    return render(request, "accounts/account.html", context)

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from opendebate.accounts.enums import Role
from opendebate.accounts.services import SignInGate, sign_in_gate
from opendebate.entities.models import Entity
from opendebate.entities.queries import submitting_entities


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    # Not "token", the field of the second-factor page, so that the two pages stay distinct.
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        max_length=8,
        help_text=_("Only needed when signing in with this address has been paused."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}
        ),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The e-mail address or password is not right. Check both and try again; after "
            "several failures, signing in is paused for a few minutes."
        ),
        "throttled": _(
            "Too many failed attempts to sign in with this address. If it is yours, sign in from "
            "a device you have signed in from before, or enter the code from your authenticator "
            "app as well; otherwise wait 15 minutes, or ask the Secretariat to reset your "
            "password."
        ),
    }

    gate: SignInGate | None = None

    def clean(self) -> dict[str, Any]:
        email = self.cleaned_data.get("username")
        if email and self.request is not None:
            self.gate = sign_in_gate(
                email=email, code=self.cleaned_data.get("code", ""), request=self.request
            )
            if not self.gate.open:
                raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        return super().clean()


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}
        ),
    )


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters, not a common password."),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    entity = forms.ModelChoiceField(
        label=_("Entity"),
        queryset=submitting_entities(),
        required=False,
        to_field_name="code",
        help_text=_("Required for delegation and presidency users."),
    )

    def __init__(self, *args: Any, fixed_entity: Entity | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A delegation invites colleagues of its own entity only: the choice is not offered.
        if fixed_entity is not None:
            del self.fields["role"]
            del self.fields["entity"]
        self.fixed_entity = fixed_entity

    def invitation_fields(self) -> tuple[str, Entity | None]:
        if self.fixed_entity is not None:
            return Role.DELEGATION, self.fixed_entity
        return self.cleaned_data["role"], self.cleaned_data.get("entity")

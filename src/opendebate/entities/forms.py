from django import forms
from django.utils.translation import gettext_lazy as _


class ContactForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    label = forms.CharField(
        label=_("Label"),
        max_length=120,
        required=False,
        help_text=_("For example: political coordinator, or the mission's shared mailbox."),
    )

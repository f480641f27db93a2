from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opendebate.common.languages import Language


class StatementForm(forms.Form):
    heading = forms.CharField(
        label=_("Heading of the annex"),
        max_length=400,
        help_text=_(
            "As it will appear above your statement, for example “Statement by the Permanent "
            "Representative of Canada to the United Nations”."
        ),
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    text = forms.CharField(
        label=_("Paste the statement"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "dir": "auto"}),
        help_text=_(
            "Separate paragraphs with an empty line. Start list items with “- ” or “1. ”. "
            "Write **bold** and *italic* like this."
        ),
    )
    file = forms.FileField(
        label=_("Or upload it"),
        required=False,
        help_text=_(
            "Word (.docx), OpenDocument (.odt), PDF with text, or plain text; up to 10 MB."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Recognize it automatically")), *Language.choices],
    )
    signatory_name = forms.CharField(label=_("Signatory"), max_length=200, required=False)
    signatory_function = forms.CharField(
        label=_("Signatory's function"), max_length=300, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("text") or "").strip() and data.get("file") is None:
            raise forms.ValidationError(_("Paste the statement or choose a file to upload."))
        # Size and content are judged by extraction, which keeps what it refuses.
        return data


class LateAcceptanceForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)

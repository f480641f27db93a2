"""The Secretariat's forms for preparing a compilation. Rules that a service enforces (a reason
for a move, the symbol's shape, the delegation of a delivered statement) stay in the service;
these forms only read and type what was posted."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opendebate.common.forms import LanguageTextsField
from opendebate.common.languages import Language
from opendebate.compilation.enums import IssueKind, Section
from opendebate.entities.models import Entity

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MoveForm(forms.Form):
    key = forms.ChoiceField(label=_("Annex"))
    position = forms.IntegerField(label=_("New position"), min_value=1)
    # Required by `services.move_item`, which says why; the browser asks for it too.
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"required": True}),
    )

    def __init__(self, *args: Any, annexes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        key: forms.ChoiceField = self.fields["key"]  # type: ignore[assignment]
        key.choices = annexes
        position: forms.IntegerField = self.fields["position"]  # type: ignore[assignment]
        position.widget.attrs["max"] = max(len(annexes), 1)


class SpeakerForm(forms.Form):
    """A speaker's name and title per language, as recorded or as corrected later."""

    speaker_names = LanguageTextsField(
        label=_("Speaker"),
        max_length=200,
        help_text=_("A name in Latin script entered once serves English, French and Spanish."),
    )
    speaker_functions = LanguageTextsField(
        label=_("Speaker's title"),
        required=False,
        help_text=_("A title the termbase knows, entered in one language, fills the others."),
    )


class DeliveredForm(SpeakerForm):
    field_order = ["section", "speaking_order", "entity", "speaker_names", "speaker_functions"]

    section = forms.TypedChoiceField(
        label=_("Part"),
        coerce=int,
        choices=[(value, label) for value, label in Section.choices if value != Section.WRITTEN],
    )
    speaking_order = forms.IntegerField(
        label=_("Speaking order"),
        min_value=1,
        help_text=_("The order in which this speaker took the floor within the part."),
    )
    entity = forms.ModelChoiceField(
        label=_("Delegation or entity"),
        queryset=Entity.objects.all(),
        to_field_name="code",
        required=False,
        help_text=_("Required except for a briefer who represents none."),
    )
    heading = forms.CharField(
        label=_("Heading of the annex"),
        max_length=400,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Recognize it automatically")), *Language.choices],
    )
    text = forms.CharField(
        label=_("Paste the statement"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "dir": "auto"}),
    )
    file = forms.FileField(
        label=_("Or upload it"),
        required=False,
        help_text=_(
            "Word (.docx), OpenDocument (.odt), PDF with text, or plain text; up to 10 MB."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("text") or "").strip() and data.get("file") is None:
            raise forms.ValidationError(_("Paste the statement or choose a file to upload."))
        return data


class LetterForm(forms.Form):
    """The letter's date (proposed, then confirmed) and the one language it is drafted in."""

    letter_date = forms.DateField(label=_("Date of the letter"), widget=DATE)
    original_language = forms.ChoiceField(
        label=_("Original language"),
        choices=Language.choices,
        help_text=_("The language the presidency drafts the letter in; every version names it."),
    )


class IssueForm(forms.Form):
    symbol = forms.CharField(
        label=_("Symbol"),
        max_length=60,
        required=False,
        help_text=_("As the UN writes it, for example S/2020/900."),
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    issued_on = forms.DateField(label=_("Date of issue"), widget=DATE)
    letter_date = forms.DateField(label=_("Date of the letter"), widget=DATE)

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind != IssueKind.ORIGINAL:
            # A revision or corrigendum takes its predecessor's symbol with the next suffix.
            del self.fields["symbol"]


class SignatoryForm(forms.Form):
    signatories = LanguageTextsField(
        label=_("President of the Council"),
        max_length=200,
        help_text=_("The name each language version is signed with."),
    )

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opendebate.common.forms import LanguageTextsField
from opendebate.common.languages import Language
from opendebate.common.multilingual import in_language
from opendebate.entities.queries import submitting_entities
from opendebate.meetings.enums import LatePolicy, MeetingFormat
from opendebate.meetings.models import Meeting
from opendebate.meetings.services import BrieferData, FactsData, MeetingData, sections_from_json

MAX_LETTER_BYTES = 10 * 1024 * 1024
_SALT = "opendebate.meetings.concept-note"
AUTO_DIR = {"dir": "auto"}


class LetterUploadForm(forms.Form):
    text = forms.CharField(
        label=_("Paste the text of the letter"),
        widget=forms.Textarea(attrs={"rows": 14, "dir": "auto"}),
        required=False,
    )
    file = forms.FileField(
        label=_("Or upload it (.txt, .docx or .pdf)"),
        required=False,
        help_text=_("Up to 10 MB. A PDF needs a text layer."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if not data.get("text") and upload is None:
            raise forms.ValidationError(_("Paste the letter's text or choose a file."))
        if upload is not None and upload.size > MAX_LETTER_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return data


def sign_payload(payload: dict[str, Any]) -> str:
    """What the review page cannot edit (the concept note, the source lines) travels signed."""
    return signing.dumps(payload, salt=_SALT, compress=True)


class MeetingReviewForm(forms.Form):
    # Free text in the letter's language, whatever the UI's direction: dir="auto" per field.
    title = forms.CharField(label=_("Title"), max_length=500, widget=forms.TextInput(AUTO_DIR))
    format = forms.ChoiceField(label=_("Format"), choices=MeetingFormat.choices)
    agenda_item = forms.CharField(
        label=_("Agenda item"), max_length=400, required=False, widget=forms.TextInput(AUTO_DIR)
    )
    meeting_date = forms.DateField(
        label=_("Date (New York)"), widget=forms.DateInput(attrs={"type": "date"})
    )
    meeting_time = forms.TimeField(
        label=_("Time (New York)"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    presidency = forms.ModelChoiceField(
        label=_("Presidency"), queryset=submitting_entities(), to_field_name="code"
    )
    chair = forms.CharField(
        label=_("Chair"), max_length=300, required=False, widget=forms.TextInput(AUTO_DIR)
    )
    letter_signatory = forms.CharField(
        label=_("Signatory's name"),
        max_length=200,
        required=False,
        widget=forms.TextInput(AUTO_DIR),
    )
    letter_signatory_function = forms.CharField(
        label=_("Signatory's function"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )
    letter_date = forms.DateField(
        label=_("Date of the letter"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    letter_symbol = forms.CharField(label=_("Symbol of the letter"), max_length=40, required=False)
    letter_language = forms.ChoiceField(label=_("Language of the letter"), choices=Language.choices)
    letter_original_language = forms.ChoiceField(
        label=_("Original language"), choices=Language.choices
    )
    intake_address = forms.EmailField(label=_("Address for written statements"), required=False)
    word_guidance = forms.IntegerField(label=_("Word guidance"), min_value=1, required=False)
    deadline = forms.DateTimeField(
        label=_("Deadline (New York)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    deadline_wording = forms.CharField(
        label=_("Deadline as worded in the letter"),
        max_length=300,
        required=False,
        widget=forms.TextInput(AUTO_DIR),
    )
    late_policy = forms.ChoiceField(label=_("Late statements"), choices=LatePolicy.choices)
    briefers = forms.CharField(
        label=_("Briefers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_(
            "One per line: function | name (leave the name out if it is to be determined)."
        ),
    )
    payload = forms.CharField(widget=forms.HiddenInput)

    def clean_payload(self) -> dict[str, Any]:
        try:
            value: dict[str, Any] = signing.loads(self.cleaned_data["payload"], salt=_SALT)
        except signing.BadSignature:
            raise forms.ValidationError(
                _("The concept note was altered; import the letter again.")
            ) from None
        return value

    def payload_data(self) -> dict[str, Any]:
        """The signed payload, from the bound data or from the initial values."""
        raw = self.data.get("payload") if self.is_bound else self.initial.get("payload")
        try:
            value: dict[str, Any] = signing.loads(raw or "", salt=_SALT)
        except signing.BadSignature:
            return {"concept_note": {}, "sources": {}, "warnings": []}
        return value

    def meeting_data(self) -> MeetingData:
        """The meeting, each fact in the letter's language: the one it was read in and
        reviewed in. The services complete what the termbase knows; the rest is missing."""
        data = self.cleaned_data
        language = data["letter_language"]
        starts_at = timezone.make_aware(
            datetime.datetime.combine(data["meeting_date"], data["meeting_time"])
        )
        briefers = []
        for line in data["briefers"].splitlines():
            function, _sep, name = (part.strip() for part in line.partition("|"))
            if function:
                briefers.append(
                    BrieferData(
                        functions=in_language(function, language),
                        names=in_language(name, language, is_name=True),
                    )
                )
        return MeetingData(
            format=data["format"],
            titles={language: data["title"]},
            starts_at=starts_at,
            presidency=data["presidency"],
            agenda_items=in_language(data["agenda_item"], language),
            chair_functions=in_language(data["chair"], language),
            letter_signatory_names=in_language(data["letter_signatory"], language, is_name=True),
            letter_signatory_functions=in_language(data["letter_signatory_function"], language),
            letter_date=data["letter_date"],
            letter_symbol=data["letter_symbol"],
            letter_language=data["letter_language"],
            letter_original_language=data["letter_original_language"],
            intake_address=data["intake_address"],
            word_guidance=data["word_guidance"],
            deadline=data["deadline"],
            deadline_wording=data["deadline_wording"],
            late_policy=data["late_policy"],
            briefers=tuple(briefers),
            concept_note=sections_from_json(data["payload"]["concept_note"]),
        )


class MeetingFactsForm(forms.Form):
    """The names and functions a meeting's documents print, in each of the six languages."""

    titles = LanguageTextsField(label=_("Title"), max_length=500)
    agenda_items = LanguageTextsField(label=_("Agenda item"), required=False)
    chair_names = LanguageTextsField(label=_("Chair's name"), max_length=200, required=False)
    chair_functions = LanguageTextsField(label=_("Chair's function"), required=False)
    letter_signatory_names = LanguageTextsField(
        label=_("Signatory's name"), max_length=200, required=False
    )
    letter_signatory_functions = LanguageTextsField(
        label=_("Signatory's function"),
        required=False,
        multiline=True,
        help_text=_(
            "One line per line of the signature, e.g. Ambassador, then Permanent Representative."
        ),
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {name: getattr(meeting, name) for name in self.base_fields})
        super().__init__(*args, **kwargs)
        self.briefers = list(meeting.briefers.all())
        for number, briefer in enumerate(self.briefers, start=1):
            self.fields[f"briefer_{briefer.pk}_names"] = LanguageTextsField(
                label=_("Briefer %(number)d: name") % {"number": number},
                max_length=200,
                required=False,
                initial=briefer.names,
                help_text=_("Leave it empty while the briefer is to be determined."),
            )
            self.fields[f"briefer_{briefer.pk}_functions"] = LanguageTextsField(
                label=_("Briefer %(number)d: function") % {"number": number},
                initial=briefer.functions,
            )

    def facts_data(self) -> FactsData:
        data = self.cleaned_data
        briefers = {
            briefer.pk: (
                data[f"briefer_{briefer.pk}_names"],
                data[f"briefer_{briefer.pk}_functions"],
            )
            for briefer in self.briefers
        }
        return FactsData(**{name: data[name] for name in self.base_fields}, briefers=briefers)

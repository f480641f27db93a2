"""A form field for a fact stored per language (common/multilingual.py): one input per official
language, each marked with its language and direction, and flagged when it is missing while
another language has the fact."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opendebate.common.languages import Language
from opendebate.common.multilingual import Texts, clean_texts, missing_languages


class LanguageTextsWidget(forms.MultiWidget):
    template_name = "common/widgets/language_texts.html"

    def __init__(self, *, multiline: bool = False, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            language.value: (forms.Textarea(attrs={"rows": 2}) if multiline else forms.TextInput())
            for language in Language
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[str]:
        texts = value if isinstance(value, dict) else {}
        return [texts.get(language, "") for language in Language.values]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        values = value if isinstance(value, list) else self.decompress(value)
        missing = missing_languages(dict(zip(Language.values, values, strict=True)))
        for language, subwidget in zip(Language, context["widget"]["subwidgets"], strict=True):
            subwidget["attrs"].update(
                lang=language.ui_code, dir="rtl" if language.is_rtl else "ltr"
            )
            subwidget["language"] = language
            subwidget["missing"] = language.value in missing
        return context


class LanguageTextsField(forms.MultiValueField):
    """A fact in the six languages, cleaned to {language: text} without empty entries.
    Required means: in at least one language."""

    widget: LanguageTextsWidget

    def __init__(self, *, max_length: int = 400, multiline: bool = False, **kwargs: Any) -> None:
        fields = [forms.CharField(max_length=max_length, required=False) for _language in Language]
        required = kwargs.pop("required", True)
        super().__init__(
            fields,
            widget=LanguageTextsWidget(multiline=multiline),
            require_all_fields=False,
            required=False,
            **kwargs,
        )
        self.needs_one = required

    def compress(self, data_list: list[str]) -> Texts:
        return clean_texts(dict(zip(Language.values, data_list or [], strict=False)))

    def clean(self, value: Any) -> Texts:
        texts: Texts = super().clean(value)
        if self.needs_one and not texts:
            raise forms.ValidationError(_("Enter it in at least one language."), code="required")
        return texts

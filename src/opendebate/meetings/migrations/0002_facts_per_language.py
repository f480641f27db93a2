"""Names and functions of a meeting and its briefers become per-language facts.

Each single string is copied into the language it was written in, the meeting's letter language;
the other languages stay empty so that the Secretariat's pages show them as missing. A name in
Latin script is also given to English, French and Spanish, which write it alike.
"""

from typing import Any

from django.db import migrations, models

from opendebate.common.database import remove_string_field
from opendebate.common.multilingual import any_text, in_language

_FACTS = {  # old field -> new field, and whether it is a personal name
    "agenda_item": ("agenda_items", False),
    "chair_name": ("chair_names", True),
    "chair_function": ("chair_functions", False),
    "letter_signatory": ("letter_signatory_names", True),
    "letter_signatory_function": ("letter_signatory_functions", False),
}
_BRIEFER_FACTS = {"name": ("names", True), "function": ("functions", False)}


def _copy(row: Any, facts: dict[str, tuple[str, bool]], language: str) -> None:
    for old, (new, is_name) in facts.items():
        setattr(row, new, in_language(getattr(row, old), language, is_name=is_name))


def _copy_back(row: Any, facts: dict[str, tuple[str, bool]], language: str) -> None:
    for old, (new, _is_name) in facts.items():
        setattr(row, old, any_text(getattr(row, new), language))


def forward(apps: Any, schema_editor: Any) -> None:
    Meeting = apps.get_model("meetings", "Meeting")
    Briefer = apps.get_model("meetings", "Briefer")
    for meeting in Meeting.objects.all():
        _copy(meeting, _FACTS, meeting.letter_language)
        meeting.save(update_fields=[new for new, _name in _FACTS.values()])
    for briefer in Briefer.objects.select_related("meeting"):
        _copy(briefer, _BRIEFER_FACTS, briefer.meeting.letter_language)
        briefer.save(update_fields=["names", "functions"])


def backward(apps: Any, schema_editor: Any) -> None:
    Meeting = apps.get_model("meetings", "Meeting")
    Briefer = apps.get_model("meetings", "Briefer")
    for meeting in Meeting.objects.all():
        _copy_back(meeting, _FACTS, meeting.letter_language)
        meeting.save(update_fields=list(_FACTS))
    for briefer in Briefer.objects.select_related("meeting"):
        _copy_back(briefer, _BRIEFER_FACTS, briefer.meeting.letter_language)
        briefer.save(update_fields=["name", "function"])


def _json(label: str, *, blank: bool = True) -> models.JSONField:  # type: ignore[type-arg]
    return models.JSONField(default=dict, blank=blank, verbose_name=label)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [
        migrations.AddField("meeting", "agenda_items", _json("agenda item")),
        migrations.AddField("meeting", "chair_names", _json("chair")),
        migrations.AddField("meeting", "chair_functions", _json("chair's function")),
        migrations.AddField("meeting", "letter_signatory_names", _json("signatory")),
        migrations.AddField(
            "meeting", "letter_signatory_functions", _json("signatory's function")
        ),
        migrations.AddField("briefer", "names", _json("name")),
        migrations.AddField("briefer", "functions", _json("function", blank=False)),
        migrations.RunPython(forward, backward),
        *remove_string_field("meeting", "agenda_item", 400),
        *remove_string_field("meeting", "chair_name", 200),
        *remove_string_field("meeting", "chair_function", 300),
        *remove_string_field("meeting", "letter_signatory", 200),
        *remove_string_field("meeting", "letter_signatory_function", 300),
        *remove_string_field("briefer", "name", 200),
        *remove_string_field("briefer", "function", 400),
    ]

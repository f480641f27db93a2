"""Speakers' names and functions and the President's name become per-language facts.

A delivered statement's speaker was typed in English on the Secretariat's page, the signatory in
the language of the compilation's letter. Each string goes into that language and the others
stay empty (shown as missing), except that a Latin-script name is shared by English, French and
Spanish. Issued compilations are records: only their stored fields' form changes.
"""

from typing import Any

from django.db import migrations, models

from opendebate.common.database import remove_string_field
from opendebate.common.multilingual import any_text, in_language


def forward(apps: Any, schema_editor: Any) -> None:
    DeliveredStatement = apps.get_model("compilation", "DeliveredStatement")
    Compilation = apps.get_model("compilation", "Compilation")
    for delivered in DeliveredStatement.objects.all():
        DeliveredStatement.objects.filter(pk=delivered.pk).update(
            speaker_names=in_language(delivered.speaker_name, "en", is_name=True),
            speaker_functions=in_language(delivered.speaker_function, "en"),
        )
    for compilation in Compilation.objects.all():
        Compilation.objects.filter(pk=compilation.pk).update(
            signatories=in_language(compilation.signatory, compilation.language, is_name=True)
        )


def backward(apps: Any, schema_editor: Any) -> None:
    DeliveredStatement = apps.get_model("compilation", "DeliveredStatement")
    Compilation = apps.get_model("compilation", "Compilation")
    for delivered in DeliveredStatement.objects.all():
        DeliveredStatement.objects.filter(pk=delivered.pk).update(
            speaker_name=any_text(delivered.speaker_names, "en"),
            speaker_function=any_text(delivered.speaker_functions, "en"),
        )
    for compilation in Compilation.objects.all():
        Compilation.objects.filter(pk=compilation.pk).update(
            signatory=any_text(compilation.signatories, compilation.language)
        )


class Migration(migrations.Migration):
    dependencies = [("compilation", "0003_compilation_original_language")]

    operations = [
        migrations.AddField(
            "deliveredstatement",
            "speaker_names",
            models.JSONField(default=dict, verbose_name="speaker"),
        ),
        migrations.AddField(
            "deliveredstatement",
            "speaker_functions",
            models.JSONField(blank=True, default=dict, verbose_name="speaker's title"),
        ),
        migrations.AddField(
            "compilation",
            "signatories",
            models.JSONField(blank=True, default=dict, verbose_name="President of the Council"),
        ),
        migrations.RunPython(forward, backward),
        *remove_string_field("deliveredstatement", "speaker_name", 200),
        *remove_string_field("deliveredstatement", "speaker_function", 400),
        *remove_string_field("compilation", "signatory", 200),
    ]

"""The folded text of each issued annex keeps its line breaks (`search.fold_lines`), so that
search finds the paragraph of a hit without folding the whole text again on every query.

The rows kept so far are folded again from their own text: the issued files are not read.
"""

from typing import Any

from django.db import migrations

from opendebate.compilation.search import fold_lines


def forward(apps: Any, schema_editor: Any) -> None:
    AnnexText = apps.get_model("compilation", "AnnexText")
    for row in AnnexText.objects.only("pk", "text").iterator():
        AnnexText.objects.filter(pk=row.pk).update(folded=fold_lines(row.text))


class Migration(migrations.Migration):
    dependencies = [("compilation", "0004_facts_per_language")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]

"""The data migration that folds the kept annex texts again line by line (compilation 0005),
run on rows folded the way search kept them before it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from opendebate.accounts.models import User
from opendebate.compilation.models import AnnexText
from opendebate.compilation.search import fold_lines, normalize
from opendebate.meetings.models import Meeting
from tests.compilation.test_public import hits, issue_and_build, page


def migrate(target: tuple[str, str]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])


@pytest.mark.django_db(transaction=True)
def test_kept_annex_texts_are_folded_again_one_line_a_paragraph(
    debate: Meeting, secretariat: User
) -> None:
    issue_and_build(secretariat, debate)
    migrate(("compilation", "0004_facts_per_language"))
    for row in AnnexText.objects.all():
        AnnexText.objects.filter(pk=row.pk).update(folded=normalize(row.text))
    migrate(("compilation", "0005_annex_text_folded_lines"))
    rows = list(AnnexText.objects.all())
    assert [row.folded for row in rows] == [fold_lines(row.text) for row in rows]
    assert hits(page(Client(), "/documents/search/?q=合国")) == [
        ("/documents/S/2020/900/annex/8/", "合国")
    ]
    assert hits(page(Client(), "/documents/search/?q=الامم")) == [
        ("/documents/S/2020/900/annex/9/", "الأمم")
    ]

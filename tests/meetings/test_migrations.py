"""The data migration that turns single strings into per-language facts (meetings 0002 and
compilation 0004), run on rows written by the schema before it, forward and back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("meetings", "0001_initial"), ("compilation", "0003_compilation_original_language")]
AFTER = [("meetings", "0002_facts_per_language"), ("compilation", "0004_facts_per_language")]


def migrate(targets: list[tuple[str, str]]) -> Any:
    """Migrate to `targets` and return the models as they are there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture
def old_schema(registry: None) -> Iterator[Any]:
    apps = migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_strings_move_into_the_language_they_were_written_in(old_schema: Any) -> None:
    entity = old_schema.get_model("entities", "Entity").objects.get(code="CHN")
    meeting = old_schema.get_model("meetings", "Meeting").objects.create(
        format="open_debate", titles={"zh": "标题"}, starts_at="2020-09-08T14:00:00Z",
        presidency=entity, letter_language="zh", agenda_item="维护国际和平与安全",
        chair_name="张军", chair_function="中国常驻联合国代表",
        letter_signatory="Zhang Jun", letter_signatory_function="大使\n常驻代表",
    )  # fmt: skip
    briefers = old_schema.get_model("meetings", "Briefer").objects
    briefers.create(
        meeting=meeting, order=1, name="Bintou Keita", function="主管非洲事务助理秘书长"
    )
    briefers.create(meeting=meeting, order=2, name="", function="民间社会代表")
    old_schema.get_model("compilation", "DeliveredStatement").objects.create(
        meeting=meeting, section=1, speaking_order=1, speaker_name="Abdou Abarry",
        speaker_function="Permanent Representative of the Niger", heading="Briefing",
        language="fr", blocks=[], text="", words=0, sha256="0" * 64,
    )  # fmt: skip
    old_schema.get_model("compilation", "Compilation").objects.create(
        meeting=meeting, language="ar", signatory="عبده أباري"
    )

    apps = migrate(AFTER)

    migrated = apps.get_model("meetings", "Meeting").objects.get(pk=meeting.pk)
    assert migrated.agenda_items == {"zh": "维护国际和平与安全"}
    assert migrated.chair_names == {"zh": "张军"}
    assert migrated.chair_functions == {"zh": "中国常驻联合国代表"}
    # A Latin name in a Chinese letter: English, French and Spanish share it; Chinese is missing.
    assert migrated.letter_signatory_names == {
        "en": "Zhang Jun",
        "fr": "Zhang Jun",
        "es": "Zhang Jun",
    }
    assert migrated.letter_signatory_functions == {"zh": "大使\n常驻代表"}
    rows = (
        apps.get_model("meetings", "Briefer")
        .objects.filter(meeting_id=meeting.pk)
        .order_by("order")
    )
    assert [(b.names, b.functions) for b in rows] == [
        ({"en": "Bintou Keita", "fr": "Bintou Keita", "es": "Bintou Keita"},
         {"zh": "主管非洲事务助理秘书长"}),
        ({}, {"zh": "民间社会代表"}),
    ]  # fmt: skip
    delivered = apps.get_model("compilation", "DeliveredStatement").objects.get()
    assert delivered.speaker_names == {
        "en": "Abdou Abarry",
        "fr": "Abdou Abarry",
        "es": "Abdou Abarry",
    }
    assert delivered.speaker_functions == {"en": "Permanent Representative of the Niger"}
    assert apps.get_model("compilation", "Compilation").objects.get().signatories == {
        "ar": "عبده أباري"
    }

    back = migrate(BEFORE)

    restored = back.get_model("meetings", "Meeting").objects.get(pk=meeting.pk)
    assert (restored.chair_name, restored.letter_signatory) == ("张军", "Zhang Jun")
    assert back.get_model("compilation", "Compilation").objects.get().signatory == "عبده أباري"

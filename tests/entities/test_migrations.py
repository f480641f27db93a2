"""The migration that brings contact confirmation keeps existing contacts working, and settles
an address that the hijacking had already registered for two entities."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("entities", "0002_entity_inflections")]
AFTER = [("entities", "0003_contact_confirmation")]


@pytest.mark.django_db(transaction=True)
def test_existing_contacts_migrate_as_confirmed(registry: None) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    entity = old.get_model("entities", "Entity")
    contact = old.get_model("entities", "EntityContact")
    france, canada = entity.objects.get(code="FRA"), entity.objects.get(code="CAN")
    contact.objects.create(entity=canada, email="mission@canada.example")
    contact.objects.create(entity=france, email="mission@france.example")
    # The attack as it was possible before: France registered Canada's address too.
    contact.objects.create(entity=france, email="Mission@Canada.example")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    rows = new.get_model("entities", "EntityContact").objects.order_by("entity__code", "email")
    assert [(row.entity.code, row.email, row.status) for row in rows] == [
        ("CAN", "mission@canada.example", "confirmed"),
        ("FRA", "mission@canada.example", "secretariat"),
        ("FRA", "mission@france.example", "confirmed"),
    ]
    entries = new.get_model("common", "AuditEntry").objects
    audit = entries.get(action="entity.contact_held_for_secretariat")
    assert (audit.action, audit.entity.code, audit.subject) == (
        "entity.contact_held_for_secretariat",
        "FRA",
        "mission@canada.example",
    )

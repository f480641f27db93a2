"""Every write to the registry: loading the reference data, and an entity's contact addresses."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from opendebate.common.languages import Language
from opendebate.common.services import record_audit
from opendebate.entities.enums import EntityKind, SeatKind
from opendebate.entities.models import (
    CouncilSeat,
    Entity,
    EntityContact,
    Group,
    GroupMembership,
    Presidency,
)

if TYPE_CHECKING:
    from opendebate.accounts.models import User

DATA_DIR = Path(__file__).resolve().parent / "data"
ENTITY_FILES = ("states.json", "organizations.json", "participants.json")


@dataclass(frozen=True)
class LoadSummary:
    entities: int
    council_seats: int
    presidencies: int
    group_memberships: int


def _read(data_dir: Path, name: str) -> Any:
    return json.loads((data_dir / name).read_text(encoding="utf-8"))


def _entity_fields(row: dict[str, Any]) -> dict[str, Any]:
    names: dict[str, str] = row["names"]
    running: dict[str, str] = row.get("running", {})
    fields: dict[str, Any] = {"kind": EntityKind(row["kind"]), "acronyms": row.get("acronym", {})}
    fields["inflections"] = {
        form: value for form, value in running.items() if form not in Language.values
    }
    fields["note"] = row.get("note_en", "")
    for language in Language:
        fields[f"name_{language.value}"] = names[language.value]
        # Arabic, Chinese and Russian have no articles: the running form is the short name.
        fields[f"running_{language.value}"] = running.get(language.value, names[language.value])
    return fields


def next_president(members: list[Entity], previous: Entity) -> Entity:
    """The member after `previous` in English alphabetical order, wrapping round.

    The presidency rotates monthly in the English alphabetical order of the members' names and
    carries on across the change of composition on 1 January, so the successor is the first
    member of the new month's Council whose name sorts after the outgoing president's.
    """
    ordered = sorted(members, key=lambda entity: entity.sort_key)
    for member in ordered:
        if member.sort_key > previous.sort_key:
            return member
    return ordered[0]


@transaction.atomic
def load_registry(*, data_dir: Path = DATA_DIR) -> LoadSummary:
    """Create or update every entity, Council seat, presidency and group membership.

    Idempotent: the data files in `data_dir` are the reference, and loading twice changes
    nothing. Presidencies are derived by rotation from the first month the files give.
    """
    entities: dict[str, Entity] = {}
    for name in ENTITY_FILES:
        for row in _read(data_dir, name):
            entity, _created = Entity.objects.update_or_create(
                code=row["code"], defaults=_entity_fields(row)
            )
            entities[entity.code] = entity

    council = _read(data_dir, "council.json")
    seats = 0
    members_by_year: dict[int, list[Entity]] = {}
    for year_text, elected in sorted(council["elected"].items()):
        year = int(year_text)
        codes = [(code, SeatKind.PERMANENT) for code in council["permanent"]]
        codes += [(code, SeatKind.ELECTED) for code in elected]
        CouncilSeat.objects.filter(year=year).exclude(
            entity__code__in=[c for c, _ in codes]
        ).delete()
        for code, seat in codes:
            CouncilSeat.objects.update_or_create(
                year=year, entity=entities[code], defaults={"seat": seat}
            )
        seats += len(codes)
        members_by_year[year] = [entities[code] for code, _seat in codes]

    start = council["presidency_start"]
    president = entities[start["code"]]
    presidencies = 0
    for year in sorted(members_by_year):
        for month in range(1, 13):
            if (year, month) > (start["year"], start["month"]):
                president = next_president(members_by_year[year], president)
            if (year, month) >= (start["year"], start["month"]):
                Presidency.objects.update_or_create(
                    year=year, month=month, defaults={"entity": president}
                )
                presidencies += 1

    memberships = 0
    for row in _read(data_dir, "groups.json"):
        group_fields: dict[str, Any] = {
            f"name_{language.value}": row["names"][language.value] for language in Language
        }
        group_fields["organization"] = entities.get(row.get("organization", ""))
        group, _created = Group.objects.update_or_create(code=row["code"], defaults=group_fields)
        group.memberships.all().delete()
        GroupMembership.objects.bulk_create(
            GroupMembership(
                group=group,
                entity=entities[member["code"]],
                status=member["status"],
                since=_date(member["since"]),
                until=_date(member["until"]),
            )
            for member in row["memberships"]
        )
        memberships += len(row["memberships"])

    summary = LoadSummary(len(entities), seats, presidencies, memberships)
    record_audit(action="registry.loaded", subject=str(data_dir), **summary.__dict__)
    return summary


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def add_contact(*, actor: User, entity: Entity, email: str, label: str = "") -> EntityContact:
    """Register an address that speaks for `entity`. The caller has checked the permission."""
    address = email.strip().lower()
    validate_email(address)
    if entity.contacts.filter(email=address).exists():
        raise ValidationError(_("This address is already a contact of this delegation."))
    contact = EntityContact.objects.create(entity=entity, email=address, label=label.strip())
    record_audit(action="entity.contact_added", actor=actor, entity=entity, subject=address)
    return contact


def remove_contact(*, actor: User, contact: EntityContact) -> None:
    record_audit(
        action="entity.contact_removed", actor=actor, entity=contact.entity, subject=contact.email
    )
    contact.delete()

"""Every write to the registry: loading the reference data, and an entity's contact addresses.

A contact address decides where an entity's receipts go and whose mail the intake attributes
to it, so a delegation's request for one takes effect only when the address's owner follows the
signed link mailed to it, and an address (or mail domain) another entity already holds moves
only with the Secretariat's approval. Every step is audited and told to the entity's other
confirmed contacts, so a hijack cannot go unnoticed.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from opendebate.common.languages import Language
from opendebate.common.services import record_audit
from opendebate.entities.enums import ContactStatus, EntityKind, SeatKind
from opendebate.entities.models import (
    CouncilSeat,
    Entity,
    EntityContact,
    Group,
    GroupMembership,
    Presidency,
)
from opendebate.entities.queries import confirmed_contacts, other_holders

if TYPE_CHECKING:
    from django.http import HttpRequest

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


CONFIRMATION_VALID_DAYS = 7
_CONFIRMATION_SALT = "opendebate.entities.contact-confirmation"


def _tell_contacts(entity: Entity, *, event: str, besides: str = "") -> None:
    """Mail `event` to the entity's confirmed contacts, other than the address concerned."""
    recipients = [
        contact.email for contact in confirmed_contacts(entity) if contact.email != besides
    ]
    if not recipients:
        return
    link = settings.SITE_URL + reverse("entities:delegation", args=[entity.code])
    send_mail(
        subject=_("Contact addresses of %(entity)s changed") % {"entity": _name(entity)},
        message=render_to_string(
            "entities/email/contact_change.txt", {"event": event, "link": link}
        ),
        from_email=None,
        recipient_list=recipients,
    )


def _tell_about(contact: EntityContact, event: str, **values: str) -> None:
    """Tell the contact's entity about it; `event` may name %(email)s and %(entity)s."""
    values = {"email": contact.email, "entity": _name(contact.entity), **values}
    _tell_contacts(contact.entity, event=event % values, besides=contact.email)


def _name(entity: Entity) -> str:
    return entity.name(Language.of_reader().value)


def confirmation_token(contact: EntityContact) -> str:
    """A signed, timestamped token naming this contact row and its address."""
    return signing.dumps({"c": contact.pk, "e": contact.email}, salt=_CONFIRMATION_SALT)


def _send_confirmation(contact: EntityContact) -> None:
    link = settings.SITE_URL + reverse(
        "entities:confirm_contact", args=[confirmation_token(contact)]
    )
    context = {"entity": _name(contact.entity), "link": link, "days": CONFIRMATION_VALID_DAYS}
    send_mail(
        subject=_("Confirm this address for %(entity)s") % {"entity": context["entity"]},
        message=render_to_string("entities/email/contact_confirmation.txt", context),
        from_email=None,
        recipient_list=[contact.email],
    )


@transaction.atomic
def request_contact(*, actor: User, entity: Entity, email: str, label: str = "") -> EntityContact:
    """Ask for `email` to speak for `entity`. The caller has checked the permission.

    A free address is PENDING and a confirmation link is mailed to it; an address, or an
    address in a mail domain, that another entity holds waits for the Secretariat, and that
    entity's contacts are told. Raises ValidationError for a malformed or repeated address.
    """
    address = email.strip().lower()
    validate_email(address)
    if entity.contacts.filter(email__iexact=address).exists():
        raise ValidationError(_("This address is already a contact of this delegation."))
    holders = list(other_holders(entity=entity, email=address))
    status = ContactStatus.SECRETARIAT if holders else ContactStatus.PENDING
    contact = EntityContact.objects.create(
        entity=entity, email=address, label=label.strip(), status=status, requested_by=actor
    )
    record_audit(
        action="entity.contact_requested",
        actor=actor,
        entity=entity,
        subject=address,
        status=status,
        held_by=sorted({holder.entity.code for holder in holders}),
    )
    if holders:
        event = _(
            "%(person)s asked for %(email)s to become a contact address of %(entity)s. The "
            "address or its mail domain belongs to another entity, so the Secretariat decides."
        )
        values = {"email": address, "entity": _name(entity), "person": actor.full_name}
        for holder in {holder.entity for holder in holders}:
            _tell_contacts(holder, event=event % values)
    else:
        _send_confirmation(contact)
        event = _(
            "%(person)s asked for %(email)s to become a contact address of %(entity)s. It takes "
            "effect when someone who reads that mailbox follows the confirmation link sent to it."
        )
    _tell_about(contact, event, person=actor.full_name)
    return contact


@transaction.atomic
def confirm_contact(*, token: str, request: HttpRequest | None = None) -> EntityContact:
    """Confirm the contact a link names: from now on it receives receipts and its mail counts.

    Raises ValidationError for a forged, expired or used link. An address another entity came
    to hold since the request is not confirmed but sent to the Secretariat; one the Secretariat
    approved moves, and the entity that held it is told.
    """
    try:
        value = signing.loads(
            token,
            salt=_CONFIRMATION_SALT,
            max_age=datetime.timedelta(days=CONFIRMATION_VALID_DAYS),
        )
    except signing.SignatureExpired:
        raise ValidationError(
            _("This confirmation link has expired. Ask the delegation to add the address again.")
        ) from None
    except signing.BadSignature:
        raise ValidationError(_("This confirmation link is not valid.")) from None
    contact = (
        EntityContact.objects.select_for_update()
        .select_related("entity")
        .filter(pk=value["c"], email=value["e"], status=ContactStatus.PENDING)
        .first()
    )
    if contact is None:
        raise ValidationError(
            _("This confirmation link has been used already, or the request was withdrawn.")
        )
    holders = list(other_holders(entity=contact.entity, email=contact.email))
    if holders and contact.approved_by_id is None:
        contact.status = ContactStatus.SECRETARIAT
        contact.save(update_fields=["status"])
        record_audit(
            action="entity.contact_held_for_secretariat",
            request=request,
            entity=contact.entity,
            subject=contact.email,
            status=contact.status,
            held_by=sorted({holder.entity.code for holder in holders}),
        )
        return contact
    for holder in holders:
        if holder.email == contact.email:
            _release(holder, to=contact.entity)
    contact.status = ContactStatus.CONFIRMED
    contact.confirmed_at = timezone.now()
    contact.save(update_fields=["status", "confirmed_at"])
    record_audit(
        action="entity.contact_confirmed",
        request=request,
        entity=contact.entity,
        subject=contact.email,
    )
    _tell_about(contact, _("%(email)s is now a contact address of %(entity)s."))
    return contact


def _release(holder: EntityContact, *, to: Entity) -> None:
    """Take an address from the entity that held it, as the Secretariat approved."""
    record_audit(
        action="entity.contact_transferred", entity=holder.entity, subject=holder.email, to=to.code
    )
    holder.delete()
    event = _(
        "%(email)s is no longer a contact address of %(entity)s: the Secretariat approved its "
        "move to %(other)s."
    )
    _tell_about(holder, event, other=_name(to))


def _request_to_decide(actor: User, contact: EntityContact) -> EntityContact:
    """The request, locked so that two decisions on it cannot both pass."""
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the Secretariat decides on this request."))
    locked = EntityContact.objects.select_for_update().select_related("entity").get(pk=contact.pk)
    if locked.status != ContactStatus.SECRETARIAT:
        raise ValidationError(_("This request has been decided already."))
    return locked


@transaction.atomic
def approve_contact(*, actor: User, contact: EntityContact) -> None:
    """Let a held address move: its owner still confirms it through the link mailed to it."""
    contact = _request_to_decide(actor, contact)
    contact.status = ContactStatus.PENDING
    contact.approved_by = actor
    contact.save(update_fields=["status", "approved_by"])
    record_audit(
        action="entity.contact_approved", actor=actor, entity=contact.entity, subject=contact.email
    )
    _send_confirmation(contact)
    event = _(
        "The Secretariat approved %(email)s as a contact address of %(entity)s. It takes effect "
        "when someone who reads that mailbox follows the confirmation link sent to it."
    )
    _tell_about(contact, event)


@transaction.atomic
def reject_contact(*, actor: User, contact: EntityContact) -> None:
    """Refuse a held address: the request is deleted, the audit log keeps it."""
    contact = _request_to_decide(actor, contact)
    record_audit(
        action="entity.contact_rejected", actor=actor, entity=contact.entity, subject=contact.email
    )
    contact.delete()
    event = _("The Secretariat refused %(email)s as a contact address of %(entity)s.")
    _tell_about(contact, event)


@transaction.atomic
def remove_contact(*, actor: User, contact: EntityContact) -> None:
    """Remove an address, confirmed or not. The caller has checked the permission."""
    record_audit(
        action="entity.contact_removed", actor=actor, entity=contact.entity, subject=contact.email
    )
    contact.delete()
    event = _("%(person)s removed %(email)s from the contact addresses of %(entity)s.")
    _tell_about(contact, event, person=actor.full_name)

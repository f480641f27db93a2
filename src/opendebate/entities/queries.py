from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from opendebate.entities.enums import ContactStatus, EntityKind, MembershipStatus
from opendebate.entities.models import (
    CouncilSeat,
    Entity,
    EntityContact,
    GroupMembership,
    Presidency,
)
from opendebate.entities.webmail import PUBLIC_MAIL_DOMAINS


def council_seats(year: int) -> QuerySet[CouncilSeat]:
    return (
        CouncilSeat.objects.filter(year=year).select_related("entity").order_by("entity__sort_key")
    )


def council_members(year: int) -> QuerySet[Entity]:
    return Entity.objects.filter(council_seats__year=year).order_by("sort_key")


def presidencies_of(year: int) -> dict[int, Presidency]:
    """The presidency of each month of `year` that is recorded, in one query."""
    rows = Presidency.objects.filter(year=year).select_related("entity")
    return {presidency.month: presidency for presidency in rows}


def presidency_for(year: int, month: int) -> Presidency | None:
    return Presidency.objects.select_related("entity").filter(year=year, month=month).first()


def submitting_entities() -> QuerySet[Entity]:
    """Everyone who may send a written statement: States, observer States, organizations."""
    return Entity.objects.exclude(kind=EntityKind.NON_STATE_PARTICIPANT)


def group_memberships(
    group_code: str, *, on: datetime.date, statuses: tuple[MembershipStatus, ...] | None = None
) -> QuerySet[GroupMembership]:
    """Memberships in force on a date (a start on or before it, no end or an end after it)."""
    memberships = GroupMembership.objects.filter(group__code=group_code).filter(
        Q(since__isnull=True) | Q(since__lte=on), Q(until__isnull=True) | Q(until__gt=on)
    )
    if statuses is not None:
        memberships = memberships.filter(status__in=statuses)
    return memberships.select_related("entity")


def confirmed_contacts(entity: Entity | None = None) -> QuerySet[EntityContact]:
    """The addresses that speak for an entity (for every entity when None).

    The intake attributes mail and the receipts are sent through this query only: an address
    a delegation has asked for but that its owner or the Secretariat has not confirmed is not
    one of them.
    """
    contacts = EntityContact.objects.filter(status=ContactStatus.CONFIRMED)
    return contacts if entity is None else contacts.filter(entity=entity)


def contacts_awaiting_secretariat() -> QuerySet[EntityContact]:
    return (
        EntityContact.objects.filter(status=ContactStatus.SECRETARIAT)
        .select_related("entity", "requested_by")
        .order_by("created_at", "pk")
    )


def _parent_domains(domain: str) -> list[str]:
    """The domain and those it sits under, down to two labels: a.b.example, b.example."""
    labels = domain.lower().split(".")
    return [".".join(labels[start:]) for start in range(max(1, len(labels) - 1))]


def other_holders(*, entity: Entity, email: str) -> QuerySet[EntityContact]:
    """Confirmed contacts of other entities that hold `email` or its mail domain.

    An entity's mail domains are those of its confirmed contacts, public webmail excepted, and
    an address under a subdomain of one (ottawa.canada.example) is in it.
    """
    address = email.lower()
    holds = Q(email__iexact=address)
    for domain in _parent_domains(address.rpartition("@")[2]):
        if domain not in PUBLIC_MAIL_DOMAINS:
            holds |= Q(email__iendswith=f"@{domain}")
    return confirmed_contacts().exclude(entity=entity).filter(holds).select_related("entity")

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from opendebate.entities.enums import EntityKind, MembershipStatus
from opendebate.entities.models import CouncilSeat, Entity, GroupMembership, Presidency


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

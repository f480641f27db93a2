from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from opendebate.meetings.models import Meeting
from opendebate.statements.models import Statement, StatementVersion


def statements_for_meeting(meeting: Meeting, *, content: bool = True) -> QuerySet[Statement]:
    """Statements with their versions and receipts, in two queries whatever their number;
    without the versions' text and blocks unless `content` (a status page needs none of it,
    and a year of statements is megabytes of JSON to decode)."""
    versions = StatementVersion.objects.select_related("receipt").order_by("number")
    if not content:
        versions = versions.defer("blocks", "text")
    return (
        Statement.objects.filter(meeting=meeting)
        .select_related("entity")
        .prefetch_related(Prefetch("versions", queryset=versions))
    )


def latest_version(statement: Statement) -> StatementVersion | None:
    """The version that counts: the newest on time or accepted late (prefetched versions)."""
    counted = [version for version in statement.versions.all() if version.counts]
    return counted[-1] if counted else None

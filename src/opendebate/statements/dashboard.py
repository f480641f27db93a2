"""The Secretariat's view of a meeting's intake: who could submit, who has, and when."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.db.models import QuerySet
from django.utils import timezone

from opendebate.common.cldr import number, short_date
from opendebate.common.languages import Language
from opendebate.entities.enums import EntityKind
from opendebate.entities.models import Entity
from opendebate.entities.queries import council_members, group_memberships, submitting_entities
from opendebate.meetings.models import Meeting
from opendebate.statements.enums import EntityStatus, StatementStatus, Timeliness
from opendebate.statements.models import Statement, StatementVersion
from opendebate.statements.queries import latest_version, statements_for_meeting

GROUPS = ("all", "council", "oif", "observers", "organizations")


@dataclass(frozen=True)
class Row:
    entity: Entity
    status: EntityStatus
    version: StatementVersion | None


def entities_in_group(meeting: Meeting, group: str) -> QuerySet[Entity]:
    entities = submitting_entities()
    day = timezone.localtime(meeting.starts_at).date()
    if group == "council":
        return entities.filter(pk__in=council_members(day.year).values("pk"))
    if group == "oif":
        return entities.filter(pk__in=group_memberships("OIF", on=day).values("entity_id"))
    if group == "observers":
        return entities.filter(kind=EntityKind.OBSERVER_STATE)
    if group == "organizations":
        return entities.filter(kind=EntityKind.ORGANIZATION)
    return entities


def status_of(statement: Statement | None) -> tuple[EntityStatus, StatementVersion | None]:
    if statement is None:
        return EntityStatus.NONE, None
    if statement.status == StatementStatus.WITHDRAWN:
        return EntityStatus.WITHDRAWN, None
    versions = list(statement.versions.all())
    counted = latest_version(statement)
    if counted is not None and counted.timeliness == Timeliness.ON_TIME:
        return EntityStatus.ON_TIME, counted
    return EntityStatus.LATE, counted or (versions[-1] if versions else None)


def rows(meeting: Meeting, group: str) -> list[Row]:
    statements = statements_for_meeting(meeting, content=False)
    by_entity = {statement.entity_id: statement for statement in statements}
    result = []
    for entity in entities_in_group(meeting, group):
        status, version = status_of(by_entity.get(entity.pk))
        result.append(Row(entity, status, version))
    return result


def counts(table: list[Row]) -> dict[str, int]:
    tally = Counter(row.status for row in table)
    return {status.value: tally.get(status, 0) for status in EntityStatus}


def submission_times(meeting: Meeting) -> list[datetime.datetime]:
    """When each entity first submitted, in order (for the chart)."""
    firsts = StatementVersion.objects.filter(statement__meeting=meeting, number=1)
    return sorted(firsts.values_list("received_at", flat=True))


def chart_svg(
    times: list[datetime.datetime],
    deadline: datetime.datetime | None,
    *,
    title: str,
    deadline_label: str,
    language: str,
    width: int = 640,
    height: int = 220,
) -> str:
    """A step chart of statements received over time with the deadline as a vertical line.

    Drawn on the server: no script, works in print, and readable by screen readers through its
    title and the table beside it. Numbers and dates are written the CLDR way in `language` (a UI
    code); in a right-to-left language time runs from right to left and the count axis stands on
    the right. Text anchors are logical ("end" is the left in right to left), so with the
    `direction` attribute they mirror by themselves; only x positions are computed.
    """
    pad = 36
    rtl = Language.from_ui_code(language).is_rtl
    points = list(times)
    if not points:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
            f'class="chart"><title>{escape(title)}</title></svg>'
        )
    marks = [*points, *([deadline] if deadline else [])]
    start, end = min(marks), max(marks)
    span = max((end - start).total_seconds(), 1.0)

    def along(moment: datetime.datetime) -> float:
        """How far into the time span, from 0 (first) to 1 (last)."""
        return (moment - start).total_seconds() / span

    def x(moment: datetime.datetime) -> float:
        offset = (width - 2 * pad) * along(moment)
        return width - pad - offset if rtl else pad + offset

    def y(count: int) -> float:
        return height - pad - (height - 2 * pad) * count / len(points)

    def label(at_x: float, at_y: float, anchor: str, text: str) -> str:
        return (
            f'<text x="{at_x:.1f}" y="{at_y:.1f}" class="label" text-anchor="{anchor}">'
            f"{escape(text)}</text>"
        )

    axis_x = width - pad if rtl else pad
    outside = axis_x + 6 if rtl else axis_x - 6  # beside the count axis, away from the chart
    path = [f"M{x(start):.1f},{y(0):.1f}"]
    for index, moment in enumerate(points, start=1):
        path.append(f"H{x(moment):.1f}V{y(index):.1f}")
    path.append(f"H{x(end):.1f}")
    first_day, last_day = short_date(start, language), short_date(end, language)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'class="chart" direction="{"rtl" if rtl else "ltr"}" aria-labelledby="chart-title">'
        f'<title id="chart-title">{escape(title)}</title>',
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" class="axis"/>',
        f'<line x1="{axis_x}" y1="{pad}" x2="{axis_x}" y2="{height - pad}" class="axis"/>',
        f'<path d="{"".join(path)}" class="series" fill="none"/>',
        label(outside, y(len(points)) + 4, "end", number(len(points), language)),
        label(outside, y(0) + 4, "end", number(0, language)),
        label(x(start), height - pad + 16, "start", first_day),
    ]
    if last_day != first_day:
        parts.append(label(x(end), height - pad + 16, "end", last_day))
    if deadline is not None:
        parts.append(
            f'<line x1="{x(deadline):.1f}" y1="{pad - 10}" x2="{x(deadline):.1f}" '
            f'y2="{height - pad}" class="deadline"/>'
        )
        # The label stands on the chart's side of the line, whichever half the line is in.
        anchor = "end" if along(deadline) > 0.5 else "start"
        parts.append(label(x(deadline), pad - 14, anchor, deadline_label))
    parts.append("</svg>")
    return "".join(parts)

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def utc_offset(moment: datetime.datetime | None) -> str:
    """ "UTC−04:00" for a New York time, so nobody has to know what EDT means."""
    if moment is None:
        return ""
    offset = timezone.localtime(moment).utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"

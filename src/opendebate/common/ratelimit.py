"""A counter per key and fixed time window, kept in the cache so that every process counts
against the same limit when the cache is Redis (REDIS_URL).

A fixed window lets a burst of up to twice the limit straddle a window's end; that is enough to
stop a runaway script, which is what these limits are for, at one atomic increment per event.
"""

from __future__ import annotations

import logging
import math
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)


def hit(key: str, *, limit: int, window: int, now: float | None = None) -> int | None:
    """Count one event for `key` in the current window of `window` seconds.

    Returns None while the count is within `limit`, else the whole seconds until the window
    ends (at least 1), for a Retry-After header.
    """
    now = time.time() if now is None else now
    start = int(now // window) * window
    bucket = f"ratelimit:{key}:{start}"
    try:
        # add() is a no-op when the bucket exists; incr() is atomic in Redis and under the
        # local-memory cache's lock. The bucket outlives its window so it cannot expire between
        # the two calls.
        cache.add(bucket, 0, timeout=window * 2)
        count = cache.incr(bucket)
    except Exception:
        # A statement is never refused because the counter cannot be reached.
        logger.exception("rate limit %s not counted: the cache is unavailable", key)
        return None
    if count <= limit:
        return None
    return max(1, math.ceil(start + window - now))

"""The rate-limit counter: shared by every process through Redis, and never in the way of a
submission when the cache cannot be reached."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
import redis

from opendebate.common.env import env_cache
from opendebate.common.ratelimit import hit

OPENDEBATE = str(Path(sys.executable).parent / "opendebate")
# 15 seconds into a minute: 45 remain in the window.
NOW = 1_800_000_015.0


@pytest.fixture
def redis_url() -> str:
    """The Redis server on this machine. CI must have it; a developer without one skips."""
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is not reachable at {url}: CI runs it on 127.0.0.1:6379")
        pytest.skip(f"Redis is not reachable at {url}")
    return url


@pytest.fixture
def redis_cache(settings: Any, redis_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The cache as production configures it from REDIS_URL."""
    monkeypatch.setenv("REDIS_URL", redis_url)
    settings.CACHES = {"default": env_cache("REDIS_URL")}
    return redis_url


def hit_in_another_process(url: str, key: str, tmp_path: Path, times: int) -> list[str]:
    """Count `times` events from a separate `opendebate` process, as a second web worker."""
    code = (
        "from opendebate.common.ratelimit import hit\n"
        f"for _ in range({times}): print(hit({key!r}, limit=3, window=60, now={NOW}))"
    )
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "OPENDEBATE_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update({"REDIS_URL": url, "OPENDEBATE_DATA_DIR": str(tmp_path / "var")})
    result = subprocess.run(
        [OPENDEBATE, "shell", "--no-imports", "-c", code],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.split()


def test_counter_is_shared_between_processes_through_redis(
    redis_cache: str, tmp_path: Path
) -> None:
    key = f"test-{uuid.uuid4()}"
    assert [hit(key, limit=3, window=60, now=NOW) for _ in range(2)] == [None, None]
    assert hit_in_another_process(redis_cache, key, tmp_path, times=2) == ["None", "45"]
    assert hit(key, limit=3, window=60, now=NOW) == 45
    # The next window starts from zero.
    assert hit(key, limit=3, window=60, now=NOW + 60) is None


def test_counter_counts_within_one_process_without_redis() -> None:
    key = f"test-{uuid.uuid4()}"
    assert [hit(key, limit=2, window=60, now=NOW) for _ in range(4)] == [None, None, 45, 45]
    assert hit(key, limit=2, window=60, now=NOW + 44.5) == 1  # never 0: a wait of under a second


def test_unreachable_cache_lets_the_event_through(
    settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    assert hit("test-unreachable", limit=0, window=60, now=NOW) is None
    assert "rate limit test-unreachable not counted: the cache is unavailable" in caplog.text

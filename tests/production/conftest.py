"""Fault tests on the production stack: real processes on loopback, each test with a PostgreSQL
database of its own, whatever database the suite itself runs on.

The worker and disk tests use a fresh database on the machine's server (127.0.0.1:5432); the
restart test runs a private server (`Cluster`), since restarting the shared one would cut the
suite's own test database. Under CI a missing server or privilege fails the run; on a
developer's machine the tests skip.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator

import psycopg
import pytest

from tests.production.stack import SHARED_SERVER, Cluster, fresh_database

# These tests send more than a delegation would; the limits are tested elsewhere. The counters
# live in Redis, shared by every stack of a run, so each stack lifts them.
UNLIMITED = {"INTAKE_RATE_LIMIT_PER_HOUR": "100000", "SUBMISSION_RATE_LIMIT_PER_MINUTE": "100000"}


def unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must provide it")
    pytest.skip(reason)


@pytest.fixture
def shared_database() -> Iterator[str]:
    """A fresh database on the machine's server, dropped afterwards."""
    try:
        psycopg.connect(f"{SHARED_SERVER}/postgres", connect_timeout=3).close()
    except psycopg.OperationalError:
        unavailable(f"no PostgreSQL server answers at {SHARED_SERVER}")
    with fresh_database("opendebate_fault") as url:
        yield url


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    """A private PostgreSQL server, running."""
    try:
        server = Cluster()
    except (OSError, subprocess.CalledProcessError) as error:
        unavailable(f"cannot create a private PostgreSQL server ({error})")
    try:
        server.start()
        yield server
    finally:
        server.close()

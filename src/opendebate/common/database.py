from __future__ import annotations

from django.conf import settings
from django.db import connection


def database_label() -> str:
    """Where the database is, without the password, for messages an operator will read."""
    config = settings.DATABASES["default"]
    if str(config["ENGINE"]).endswith("sqlite3"):
        return f"SQLite file {config['NAME']}"
    host = config.get("HOST") or "localhost"
    return f"PostgreSQL {host}:{config.get('PORT') or 5432}/{config['NAME']}"


def describe_unreachable(error: Exception) -> str:
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return (
        f"cannot use the database ({database_label()}): {reason}; "
        "start the database server or set DATABASE_URL to one that is reachable."
    )


def check_database() -> None:
    """Open a connection now, so that a server refuses to start rather than fail per request."""
    connection.ensure_connection()

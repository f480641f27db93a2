from __future__ import annotations

from django.conf import settings
from django.db import connection, migrations, models


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


def remove_string_field(
    model: str, name: str, max_length: int
) -> list[migrations.operations.base.Operation]:
    """Migration operations that remove a string field, first giving it a default so that
    migrating back can add it again to a table that has rows."""
    field: models.CharField[str, str] = models.CharField(
        max_length=max_length, blank=True, default=""
    )
    return [migrations.AlterField(model, name, field), migrations.RemoveField(model, name)]

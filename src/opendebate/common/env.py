"""Typed readers for environment variables: the only way settings learn anything.

Each reader raises ImproperlyConfigured with one sentence that names the variable and what
to set, because a misconfigured deployment must stop at start-up with a line an operator can act
on, not with a traceback from deep inside Django.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"{name} is not set; set it in the environment or .env.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    """Blank is unset: .env.example lists such variables empty, meaning "the default"."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    lowered = raw.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; set it to true or false.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def env_networks(name: str, default: list[str]) -> list[IPNetwork]:
    """Comma-separated addresses or networks ("127.0.0.1", "10.1.0.0/16", "::1")."""
    networks = []
    for item in env_list(name, default):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: {item!r} is not an IP address or network; write 192.0.2.1 or "
                "192.0.2.0/24, separated by commas."
            ) from None
    return networks


def env_path(name: str, default: Path) -> Path:
    raw = os.environ.get(name)
    return Path(raw).expanduser().resolve() if raw else default.resolve()


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = env_str(name, default)
    if value not in choices:
        allowed = ", ".join(choices)
        raise ImproperlyConfigured(f"{name}={value!r} is not one of: {allowed}.")
    return value


def env_database(name: str, default_sqlite: Path) -> dict[str, object]:
    """Parse a database URL; SQLite gets WAL and immediate transactions.

    WAL lets the web process read while a worker writes; IMMEDIATE transactions take the write
    lock up front so concurrent writers wait (busy timeout) instead of failing mid-transaction.
    """
    import dj_database_url

    url = os.environ.get(name) or f"sqlite:///{default_sqlite}"
    hint = f"set {name} to sqlite:///path/to/file.sqlite3 or postgres://user@host:5432/dbname"
    try:
        # A connection is kept for a minute, and checked before each request or task reuses it:
        # after the server restarts, the first request gets a new connection instead of an error.
        config: dict[str, object] = dict(
            dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        )
    except (ValueError, KeyError) as error:
        raise ImproperlyConfigured(f"{name} is malformed ({error}); {hint}.") from None
    engine = str(config.get("ENGINE", ""))
    if engine == "django.db.backends.sqlite3":
        if not config.get("NAME"):
            raise ImproperlyConfigured(f"{name} names no SQLite file; {hint}.")
        # A fresh checkout has no data directory yet; SQLite cannot create one.
        Path(str(config["NAME"])).parent.mkdir(parents=True, exist_ok=True)
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    elif engine != "django.db.backends.postgresql":
        raise ImproperlyConfigured(f"{name} uses an unsupported database ({engine}); {hint}.")
    elif not config.get("NAME"):
        raise ImproperlyConfigured(f"{name} names no PostgreSQL database; {hint}.")
    return config


def env_cache(name: str) -> dict[str, object]:
    """Redis when a URL is given, so every process counts against the same limits; otherwise
    the process's own memory, which needs no other service but counts per process."""
    url = os.environ.get(name, "")
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"{name}={url!r} is not a Redis URL; set it to redis://127.0.0.1:6379/0 or leave "
            "it empty."
        )
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "opendebate",
    }


def env_storage(name: str, files_dir: Path) -> dict[str, object]:
    """Where uploaded and built files go: a folder every process on the machine shares, or an
    S3 bucket (django-storages) every machine shares.

    S3 credentials are never settings: boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
    (or an instance role) itself. Objects keep the bucket's default (private) access: files are
    served through our views after a permission check, never by a public link.
    """
    backend = env_choice(name, "filesystem", ("filesystem", "s3"))
    if backend == "filesystem":
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": files_dir},
        }
    bucket = env_str("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        raise ImproperlyConfigured(
            f"{name}=s3 needs AWS_STORAGE_BUCKET_NAME; set it to the bucket's name."
        )
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
            # As on a disk: a second file of the same name gets a new name instead of replacing
            # the first (two delegations' drafts may both be called statement.docx).
            "file_overwrite": False,
        },
    }

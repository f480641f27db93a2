"""Start-up refuses bad configuration with one line that says what to set."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

import opendebate
from opendebate.common.env import (
    env_bool,
    env_cache,
    env_database,
    env_int,
    env_list,
    env_storage,
)

OPENDEBATE = str(Path(sys.executable).parent / "opendebate")
PACKAGE = Path(opendebate.__file__).resolve().parent
PRODUCTION = {
    "OPENDEBATE_ENV": "production",
    "SECRET_KEY": "p" * 30 + "-production-secret-for-tests-only-" + "q" * 20,
    "ALLOWED_HOSTS": "opendebate.example.org",
    "SITE_URL": "https://opendebate.example.org",
}
# As deploy/env.production.example has it: PostgreSQL, Redis and files in object storage.
FULL_PRODUCTION = {
    **PRODUCTION,
    "DATABASE_URL": "postgres://opendebate@127.0.0.1:5432/opendebate",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "STORAGE_BACKEND": "s3",
    "AWS_STORAGE_BUCKET_NAME": "opendebate-files",
    "AWS_S3_REGION_NAME": "eu-west-1",
}


def run(
    args: list[str], tmp_path: Path, cwd: Path | None = None, /, **env: str
) -> subprocess.CompletedProcess[str]:
    """`opendebate args` with a clean environment and its data in tmp_path (unless `env` sets
    OPENDEBATE_DATA_DIR, or sets it to "" to leave the default). `cwd` is positional so that no
    variable in `env` can be taken for it."""
    environment = {
        key: value
        for key, value in os.environ.items()
        # DJANGO_ALLOW_ASYNC_UNSAFE is the browser tests' flag for this process, not a setting.
        if key
        not in {
            "DATABASE_URL",
            "OPENDEBATE_ENV",
            "SECRET_KEY",
            "DEBUG",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environment.update({"OPENDEBATE_DATA_DIR": str(tmp_path / "var"), **env})
    if not environment["OPENDEBATE_DATA_DIR"]:
        del environment["OPENDEBATE_DATA_DIR"]
    return subprocess.run(
        [OPENDEBATE, *args], env=environment, capture_output=True, text=True, timeout=120, cwd=cwd
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_malformed_database_url_stops_start_up(tmp_path: Path) -> None:
    line = one_line_error(run(["check"], tmp_path, DATABASE_URL="postgres://user@host:notaport/db"))
    assert line.startswith("opendebate: DATABASE_URL is malformed")
    assert "set DATABASE_URL to sqlite:///" in line


def test_unsupported_database_stops_start_up(tmp_path: Path) -> None:
    line = one_line_error(run(["check"], tmp_path, DATABASE_URL="mysql://root@localhost/x"))
    assert "DATABASE_URL" in line


def test_unreachable_database_stops_start_up(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, never listening: connections are refused
        line = one_line_error(
            run(["migrate"], tmp_path, DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/nowhere")
        )
    assert line.startswith(
        f"opendebate: cannot use the database (PostgreSQL 127.0.0.1:{port}/nowhere)"
    )
    assert line.endswith("set DATABASE_URL to one that is reachable.")


@pytest.mark.parametrize(
    "key",
    [
        "",
        "too-short-for-production",
        # The shape of the key `django-admin startproject` writes.
        "django-insecure-" + "x" * 50,
    ],
)
def test_production_without_a_real_secret_key_stops_start_up(tmp_path: Path, key: str) -> None:
    env = {**PRODUCTION, "SECRET_KEY": key}
    line = one_line_error(run(["check"], tmp_path, **env))
    assert line.startswith("opendebate: SECRET_KEY is missing or too short for production")


def test_a_data_folder_inside_the_package_stops_start_up(tmp_path: Path) -> None:
    line = one_line_error(run(["check"], tmp_path, OPENDEBATE_DATA_DIR=str(PACKAGE / "var")))
    assert "is inside the package" in line
    assert not (PACKAGE / "var").exists()


def test_a_command_run_inside_the_package_keeps_its_key_outside(tmp_path: Path) -> None:
    """`make messages` runs `opendebate makemessages` from src/opendebate: the development key
    goes to the checkout's var/, never beside the code where it could be committed."""
    result = run(["check"], tmp_path, PACKAGE, OPENDEBATE_DATA_DIR="")
    assert result.returncode == 0, result.stderr
    assert not (PACKAGE / "var").exists()
    assert (PACKAGE.parents[1] / "var" / "secret_key").is_file()


def test_production_with_debug_stops_start_up(tmp_path: Path) -> None:
    line = one_line_error(run(["check"], tmp_path, **PRODUCTION, DEBUG="true"))
    assert "set DEBUG=false" in line


@pytest.mark.parametrize("env", [PRODUCTION, FULL_PRODUCTION], ids=["minimal", "full"])
def test_production_settings_pass_the_deploy_check(tmp_path: Path, env: dict[str, str]) -> None:
    result = run(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


SHOW_SETTINGS = """
import json
from django.conf import settings as s
print(json.dumps({
    "session_secure": s.SESSION_COOKIE_SECURE,
    "csrf_secure": s.CSRF_COOKIE_SECURE,
    "hsts": [s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD],
    "proxy_ssl_header": s.SECURE_PROXY_SSL_HEADER,
    "ssl_redirect": s.SECURE_SSL_REDIRECT,
    "database": s.DATABASES["default"]["ENGINE"],
    "cache": s.CACHES["default"],
    "storage": s.STORAGES["default"],
}, default=str))
"""


def show_settings(tmp_path: Path, **env: str) -> dict[str, object]:
    result = run(["shell", "--no-imports", "-c", SHOW_SETTINGS], tmp_path, **env)
    assert result.returncode == 0, result.stderr
    shown: dict[str, object] = json.loads(result.stdout)
    return shown


def test_production_profile_secures_cookies_and_https(tmp_path: Path) -> None:
    shown = show_settings(tmp_path, **FULL_PRODUCTION)
    assert shown == {
        "session_secure": True,
        "csrf_secure": True,
        "hsts": [31536000, True, True],
        "proxy_ssl_header": ["HTTP_X_FORWARDED_PROTO", "https"],
        "ssl_redirect": True,
        "database": "django.db.backends.postgresql",
        "cache": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": "opendebate",
        },
        "storage": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "opendebate-files",
                "endpoint_url": None,
                "region_name": "eu-west-1",
                "file_overwrite": False,
            },
        },
    }
    # nginx may do the redirect to HTTPS itself.
    assert (
        show_settings(tmp_path, **FULL_PRODUCTION, SECURE_SSL_REDIRECT="false")["ssl_redirect"]
        is False
    )


def test_development_profile_needs_no_other_service(tmp_path: Path) -> None:
    shown = show_settings(tmp_path)
    assert shown["session_secure"] is False
    assert shown["proxy_ssl_header"] is None
    assert shown["database"] == "django.db.backends.sqlite3"
    assert shown["cache"] == {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    assert shown["storage"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "var" / "files")},
    }


def test_env_helpers_parse_and_explain(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FLAG", "yes")
    monkeypatch.setenv("COUNT", "x12")
    monkeypatch.setenv("HOSTS", " a.example , b.example ,")
    assert env_bool("FLAG", default=False) is True
    assert env_list("HOSTS", []) == ["a.example", "b.example"]
    with pytest.raises(ImproperlyConfigured, match="COUNT='x12' is not a whole number"):
        env_int("COUNT", 1)
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="is not a boolean"):
        env_bool("FLAG", default=False)
    # Left empty, as .env.example lists them: the default.
    monkeypatch.setenv("FLAG", "")
    monkeypatch.setenv("COUNT", " ")
    assert (env_bool("FLAG", default=True), env_int("COUNT", 7)) == (True, 7)
    monkeypatch.delenv("DB", raising=False)
    config = env_database("DB", tmp_path / "data" / "db.sqlite3")
    assert config["NAME"] == str(tmp_path / "data" / "db.sqlite3")
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]  # type: ignore[index]


def test_s3_storage_is_built_from_the_aws_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORAGE_BACKEND", "s3")
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    with pytest.raises(ImproperlyConfigured, match="STORAGE_BACKEND=s3 needs AWS_STORAGE_BUCKET"):
        env_storage("STORAGE_BACKEND", Path("/srv/files"))
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "opendebate-files")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "https://objects.example.org")
    monkeypatch.setenv("AWS_S3_REGION_NAME", "")
    config = env_storage("STORAGE_BACKEND", Path("/srv/files"))
    assert config == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "opendebate-files",
            "endpoint_url": "https://objects.example.org",
            "region_name": None,
            "file_overwrite": False,
        },
    }
    # The backend accepts the options as they are; it opens no connection until a file moves.
    storage = import_string(str(config["BACKEND"]))(**config["OPTIONS"])
    assert (storage.bucket_name, storage.endpoint_url) == (
        "opendebate-files",
        "https://objects.example.org",
    )
    monkeypatch.setenv("STORAGE_BACKEND", "ftp")
    with pytest.raises(ImproperlyConfigured, match="STORAGE_BACKEND='ftp' is not one of"):
        env_storage("STORAGE_BACKEND", Path("/srv/files"))


def test_redis_url_must_be_a_redis_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDIS_URL", "http://127.0.0.1:6379")
    with pytest.raises(ImproperlyConfigured, match=r"REDIS_URL='http://127\.0\.0\.1:6379' is not"):
        env_cache("REDIS_URL")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """The real server, as `make run` starts it, on a fresh SQLite database."""
    assert run(["migrate", "--no-input"], tmp_path).returncode == 0
    assert run(["registry", "load"], tmp_path).returncode == 0
    port = _free_port()
    environment = {**os.environ, "OPENDEBATE_DATA_DIR": str(tmp_path / "var")}
    environment.pop("DATABASE_URL", None)
    url = f"http://127.0.0.1:{port}"
    with (
        (tmp_path / "server.log").open("wb") as log,
        subprocess.Popen(
            [OPENDEBATE, "serve", "--port", str(port)], env=environment, stdout=log, stderr=log
        ) as server,
    ):
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(url + "/", timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)


@pytest.mark.slow
def test_real_server_serves_the_home_page_and_static_files(served: str) -> None:
    with urllib.request.urlopen(served + "/") as response:
        html = response.read().decode()
    assert response.status == 200
    assert '<html lang="en" dir="ltr">' in html
    assert "Written statements for Security Council open debates" in html
    request = urllib.request.Request(served + "/registry/", headers={"Accept-Language": "ar"})
    with urllib.request.urlopen(request) as response:
        assert 'dir="rtl"' in response.read().decode()
    with urllib.request.urlopen(served + "/static/opendebate/site.css") as response:
        assert b"margin-inline" in response.read()

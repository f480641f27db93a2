"""Start-up refuses bad configuration with one line that says what to set."""

from __future__ import annotations

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

from opendebate.common.env import env_bool, env_database, env_int, env_list

OPENDEBATE = str(Path(sys.executable).parent / "opendebate")
PRODUCTION = {
    "OPENDEBATE_ENV": "production",
    "SECRET_KEY": "p" * 30 + "-production-secret-for-tests-only-" + "q" * 20,
    "ALLOWED_HOSTS": "opendebate.example.org",
    "SITE_URL": "https://opendebate.example.org",
}


def run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
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
    return subprocess.run(
        [OPENDEBATE, *args], env=environment, capture_output=True, text=True, timeout=120
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


def test_production_without_secret_key_stops_start_up(tmp_path: Path) -> None:
    env = {**PRODUCTION, "SECRET_KEY": ""}
    line = one_line_error(run(["check"], tmp_path, **env))
    assert line.startswith("opendebate: SECRET_KEY is missing or too short for production")


def test_production_with_debug_stops_start_up(tmp_path: Path) -> None:
    line = one_line_error(run(["check"], tmp_path, **PRODUCTION, DEBUG="true"))
    assert "set DEBUG=false" in line


def test_production_settings_pass_the_deploy_check(tmp_path: Path) -> None:
    result = run(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


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
    monkeypatch.delenv("DB", raising=False)
    config = env_database("DB", tmp_path / "data" / "db.sqlite3")
    assert config["NAME"] == str(tmp_path / "data" / "db.sqlite3")
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]  # type: ignore[index]


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

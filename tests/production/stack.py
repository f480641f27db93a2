"""The production stack as real processes on loopback, for the fault tests and bench/deadline.py.

`Stack` runs what a deployment runs, against the PostgreSQL database it is given:
`opendebate serve` (gunicorn), `intake-smtp --no-processor`, `intake-process --shard i/K`
processors, the receipts sender and `db_worker` processes, with the production profile (`OPENDEBATE_ENV=production`,
debug off), data in a temporary folder, e-mail kept in memory and the cache in Redis. Each
process writes to its own log file in the stack's folder, so that a full pipe never stalls it.

`Cluster` is a private PostgreSQL server (initdb in a temporary folder, a free port) for the
test that stops and restarts the database: the machine's shared server also holds the test
suite's own database, so it is never restarted.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import smtplib
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

OPENDEBATE = str(Path(sys.executable).parent / "opendebate")
SHARED_SERVER = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379"
PG_BIN_DIRS = ("/usr/lib/postgresql/15/bin", "/usr/local/bin")
PASSED_ON = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TZ")

# The seed meeting, confirmed, and `count` delegations each with a user, an API token and a
# registered e-mail contact. Prints one JSON line.
MEETING = """
import datetime, json
from django.utils import timezone
from rest_framework.authtoken.models import Token
from opendebate.accounts.enums import Role
from opendebate.accounts.models import User
from opendebate.entities.models import EntityContact
from opendebate.entities.queries import submitting_entities
from opendebate.meetings.demo import create_seed_meeting
meeting = create_seed_meeting()
meeting.deadline = timezone.now() + datetime.timedelta(days=7)
meeting.word_guidance = 600
meeting.save()
delegations = []
for entity in submitting_entities()[:{count}]:
    code = entity.code.lower()
    contact = EntityContact.objects.create(entity=entity, email=f"mission-{{code}}@stack.example")
    user = User.objects.create_user(
        f"delegate-{{code}}@stack.example", None, full_name=f"Delegate {{code}}",
        role=Role.DELEGATION, entity=entity,
    )
    delegations.append([entity.code, contact.email, Token.objects.create(user=user).key])
print(json.dumps({{"meeting": meeting.pk, "address": meeting.intake_address,
                  "delegations": delegations}}))
"""


@dataclass(frozen=True)
class Delegation:
    code: str
    email: str
    token: str


@dataclass(frozen=True)
class Meeting:
    pk: int
    address: str
    delegations: list[Delegation]


def deliver(port: int, mail: EmailMessage, *, timeout: float = 30) -> tuple[int, float]:
    """Send one message as a mail server does; returns the listener's last answer (250 once
    it has stored the message, 4xx to try later, 0 when the conversation broke) and the
    seconds from DATA to that answer."""
    code, seconds = 0, 0.0
    try:
        connection = smtplib.SMTP("127.0.0.1", port, timeout=timeout)
    except OSError:
        return code, seconds
    try:
        code = connection.ehlo()[0]
        if code == 250:
            code = connection.mail(str(mail["From"]))[0]
        if code == 250:
            code = connection.rcpt(str(mail["To"]))[0]
        if code == 250:
            started = time.perf_counter()
            code = 0  # until DATA is answered
            code = connection.data(mail.as_bytes(policy=SMTP))[0]  # CRLF, as on the wire
            seconds = time.perf_counter() - started
        connection.quit()
    except smtplib.SMTPResponseException as error:
        code = error.smtp_code
    except (OSError, smtplib.SMTPException):
        pass  # the answer so far stands; the connection is gone
    finally:
        connection.close()
    return code, seconds


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _admin(server: str, statement: sql.Composed) -> None:
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def create_database(name: str, server: str = SHARED_SERVER) -> str:
    """A new, empty database on `server`; returns its URL."""
    _admin(server, sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return f"{server}/{name}"


def drop_database(name: str, server: str = SHARED_SERVER) -> None:
    _admin(server, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@contextmanager
def fresh_database(prefix: str, server: str = SHARED_SERVER) -> Iterator[str]:
    """A database of its own for one run, dropped afterwards."""
    name = f"{prefix}_{os.getpid()}_{secrets.token_hex(3)}"
    url = create_database(name, server)
    try:
        yield url
    finally:
        drop_database(name, server)


def query(url: str, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Rows from the stack's database, read as an operator would, outside the processes.
    PostgreSQL's parameter style (%s); a SQLite file (sqlite:///path) is read too."""
    if url.startswith("sqlite:///"):
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30)) as database:
            return database.execute(statement.replace("%s", "?"), params).fetchall()
    with psycopg.connect(url, connect_timeout=5) as connection:
        return connection.execute(statement, params).fetchall()


class Stack:
    """The processes of a deployment on loopback; use as a context manager (stops them all)."""

    def __init__(
        self,
        database_url: str,
        folder: Path,
        *,
        redis_db: int = 13,
        environment: dict[str, str] | None = None,
    ) -> None:
        self.database_url = database_url
        self.folder = folder
        (folder / "logs").mkdir(parents=True, exist_ok=True)
        # Settings come only from the environment: none of the caller's may leak in.
        inherited = {name: os.environ[name] for name in PASSED_ON if name in os.environ}
        self.env = {
            **inherited,
            "OPENDEBATE_ENV": "production",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": "http://127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback; a proxy terminates TLS
            "DATABASE_URL": database_url,
            "OPENDEBATE_DATA_DIR": str(folder / "var"),
            "EMAIL_DELIVERY": "memory",
            "REDIS_URL": f"{REDIS_URL}/{redis_db}",
            "LOG_LEVEL": "WARNING",
            # The tests' SMTP clients play a relay that checks who submits (README, "Security:
            # what is trusted and why"), so their mail is attributed as a deployment's would be.
            "INTAKE_TRUSTED_RELAYS": "127.0.0.1",
            **(environment or {}),
        }
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.web_url = ""
        self.smtp_port = 0

    def __enter__(self) -> Stack:
        return self

    def __exit__(self, error_type: object, *_exc: object) -> None:
        self.stop()
        if error_type is not None:  # the logs are the first thing to read after a failure
            for name in self.processes:
                print(f"--- {name}.log (end)\n{self.log(name)}")

    # Set-up, as an operator does it before starting the services.

    def run(self, *args: str, timeout: float = 300) -> str:
        done = subprocess.run(
            [OPENDEBATE, *args], env=self.env, capture_output=True, text=True, timeout=timeout
        )
        if done.returncode:
            raise RuntimeError(f"opendebate {args[0]} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def shell(self, script: str) -> str:
        """Run Python in the application; returns the last line it printed."""
        return self.run("shell", "-c", script).strip().splitlines()[-1]

    def migrate(self) -> None:
        self.run("migrate", "--no-input")
        self.run("registry", "load")

    def set_up_meeting(self, delegations: int) -> Meeting:
        """Migrate, load the registry, and create the seed meeting with `delegations`."""
        self.migrate()
        data = json.loads(self.shell(MEETING.format(count=delegations)))
        return Meeting(
            pk=data["meeting"],
            address=data["address"],
            delegations=[Delegation(*row) for row in data["delegations"]],
        )

    # The services.

    def _start(self, name: str, *args: str, nice: bool = False) -> subprocess.Popen[bytes]:
        """Start a service; `nice` ones below the others, as the units in deploy/ run them."""
        log = (self.folder / "logs" / f"{name}.log").open("ab")
        command = [*(("nice", "-n", "10") if nice else ()), OPENDEBATE, *args]
        process = subprocess.Popen(command, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        log.close()  # the child has its own copy
        self.processes[name] = process
        return process

    def _wait_until(self, name: str, ready: Callable[[], bool], timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not ready():
            if self.processes[name].poll() is not None:
                raise RuntimeError(f"{name} exited early:\n{self.log(name)}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} not ready after {timeout} s:\n{self.log(name)}")
            time.sleep(0.1)

    def start_web(self, *, workers: int = 1, threads: int = 4) -> str:
        port = free_port()
        self._start(
            "web", "serve", "--port", str(port), "--workers", str(workers), "--threads", str(threads),
        )  # fmt: skip
        self.web_url = f"http://127.0.0.1:{port}"

        def answers() -> bool:
            try:
                urllib.request.urlopen(f"{self.web_url}/api/meetings/", timeout=2)
            except urllib.error.HTTPError:
                return True  # 401: it runs and refuses the anonymous caller
            except OSError:
                return False
            return True

        self._wait_until("web", answers)
        return self.web_url

    def start_smtp(self) -> int:
        self.smtp_port = free_port()
        self._start("smtp", "intake-smtp", "--port", str(self.smtp_port), "--no-processor")

        def answers() -> bool:
            try:
                with smtplib.SMTP("127.0.0.1", self.smtp_port, timeout=2) as connection:
                    return connection.noop()[0] == 250
            except OSError:
                return False

        self._wait_until("smtp", answers)
        return self.smtp_port

    def start_processors(self, count: int, *, interval: float = 0.2) -> None:
        for index in range(count):
            self._start(
                f"process-{index}",
                "intake-process", "--interval", str(interval), "--shard", f"{index}/{count}",
                nice=True,
            )  # fmt: skip

    def start_receipts(self, *, interval: float = 1.0) -> None:
        self._start("receipts", "receipts", "send", "--interval", str(interval), nice=True)

    def start_worker(self, name: str = "worker") -> subprocess.Popen[bytes]:
        return self._start(
            name, "db_worker", "--interval", "0.2", "--no-reload", "--no-startup-delay"
        )

    def cpu_seconds(self) -> dict[str, float]:
        """CPU time (user and system) each running service has used so far, its child
        processes (gunicorn's workers) included, and the database server's sessions on the
        stack's database: where the machine's time went."""
        used = {
            name: sum(map(_cpu_seconds, _with_descendants(process.pid)))
            for name, process in self.processes.items()
            if process.poll() is None
        }
        if self.database_url.startswith("postgres"):
            name = self.database_url.rsplit("/", 1)[1]
            sessions = self.query("SELECT pid FROM pg_stat_activity WHERE datname = %s", (name,))
            used["postgres"] = sum(_cpu_seconds(pid) for (pid,) in sessions)
        return used

    def log(self, name: str, *, whole: bool = False) -> str:
        """The end of a service's log, or all of it."""
        path = self.folder / "logs" / f"{name}.log"
        text = path.read_text(errors="replace") if path.exists() else ""
        return text if whole else text[-4000:]

    def stop(self) -> None:
        """Terminate every process, then kill what has not stopped within ten seconds."""
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + 10
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    # What the tests and the benchmark read back.

    def query(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return query(self.database_url, statement, params)

    def count(self, table: str, where: str = "TRUE") -> int:
        return int(self.query(f"SELECT count(*) FROM {table} WHERE {where}")[0][0])  # noqa: S608


def print_cpu(used: dict[str, float], count: int, seconds: float, unit: str) -> None:
    """Where the machine's time went: CPU time per `unit` in each process (`used`, seconds
    for `count` units), against what the cores allow at the rate reached over `seconds`."""
    budget = (os.cpu_count() or 1) * seconds / count
    print(f"CPU per {unit} (ms), {budget * 1000:.1f} ms available at this rate on all cores:")
    for name, value in sorted(used.items(), key=lambda item: -item[1]):
        print(f"  {name:20} {value * 1000 / count:7.1f}")
    print(f"  {'total':20} {sum(used.values()) * 1000 / count:7.1f}")


def _cpu_seconds(pid: int) -> float:
    """A process's user and system CPU time from Linux's /proc; 0 once it has gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _with_descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        queue.extend(children.get(current, []))
    return found


def pg_binary(name: str) -> str | None:
    for folder in PG_BIN_DIRS:
        if (Path(folder) / name).exists():
            return str(Path(folder) / name)
    return shutil.which(name)


class Cluster:
    """A private PostgreSQL server. As root it runs as the `postgres` user (initdb and postgres
    refuse to run as root); otherwise as the current user."""

    def __init__(self) -> None:
        binaries = {name: pg_binary(name) for name in ("initdb", "pg_ctl")}
        if None in binaries.values():
            raise FileNotFoundError("initdb and pg_ctl are needed for a private PostgreSQL")
        self.initdb, self.pg_ctl = str(binaries["initdb"]), str(binaries["pg_ctl"])
        # Not under pytest's tmp_path: that folder is private to root, and the server's user
        # must reach its data directory.
        self.folder = Path(tempfile.mkdtemp(prefix="opendebate-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.server = f"postgres://postgres@127.0.0.1:{self.port}"
        self.owner: list[str] = []
        if os.geteuid() == 0:
            self.owner = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.folder, "postgres", "postgres")
        self._as_owner(
            self.initdb, "-D", str(self.data), "-U", "postgres", "--auth=trust",
            "--encoding=UTF8", "--no-sync",
        )  # fmt: skip

    def _as_owner(self, *command: str) -> None:
        subprocess.run(
            [*self.owner, *command], check=True, capture_output=True, timeout=120, cwd=self.folder
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self._as_owner(
            self.pg_ctl, "-D", str(self.data), "-l", str(self.folder / "server.log"),
            "-o", options, "-w", "start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        """`fast` ends sessions and shuts down cleanly; `immediate` is a crash (recovery on start)."""
        self._as_owner(self.pg_ctl, "-D", str(self.data), "-m", mode, "-w", "stop")

    @property
    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def close(self) -> None:
        if self.running:
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

"""A real PostgreSQL server for the case-store tests, on loopback, thrown away at the end.

$DGATE_TEST_PG_URL (a superuser URL, e.g. postgresql://postgres@127.0.0.1:5432/postgres)
names a server to use. Otherwise the fixture makes one: Debian's `postgresql` package is
installed with apt when initdb/pg_ctl are missing and we are root (CI is), then a cluster is
initdb'ed in a temporary folder as the `postgres` OS user (the server refuses to run as
root), listens on 127.0.0.1 on a free port, and is stopped and deleted after the session.
Each test module gets its own database. When none of that is possible the tests are skipped
with one reason — except where the server could have been installed (root with apt, as CI
is): there they fail, so CI never skips them silently.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from tests.apt import apt_install

_TIMINGS: dict[str, float] = {}


@dataclass
class PgServer:
    """A server the tests may create databases on (as a superuser)."""

    admin_url: str
    datadir: Path | None = None
    pg_ctl: Path | None = None
    run_as: list[str] = field(default_factory=list)
    _n: int = 0

    def url(self, dbname: str) -> str:
        base, _, _old = self.admin_url.rpartition("/")
        return f"{base}/{dbname}"

    def create_database(self, stem: str, template: str | None = None) -> str:
        """A new, empty database (or a copy of `template`); returns its URL."""
        import psycopg

        self._n += 1
        name = f"{re.sub(r'[^a-z0-9_]', '_', stem.lower())[:40]}_{os.getpid()}_{self._n}"
        extra = f" TEMPLATE {template}" if template else " TEMPLATE template0"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}{extra} ENCODING 'UTF8'")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.rpartition("/")[2]
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _required() -> bool:
    """Where the server can be installed (root with apt: CI and the fresh machine the README
    targets) these tests must run, never skip; elsewhere they skip with the reason.
    $DGATE_REQUIRE_PG forces, $DGATE_ALLOW_PG_SKIP relaxes."""
    if os.environ.get("DGATE_REQUIRE_PG"):
        return True
    return (not os.environ.get("DGATE_ALLOW_PG_SKIP") and hasattr(os, "geteuid")
            and os.geteuid() == 0 and shutil.which("apt-get") is not None)


def _fail_or_skip(reason: str) -> None:
    if _required():
        pytest.fail(f"PostgreSQL tests are required here (root with apt) but: {reason}")
    pytest.skip(reason)


def _bindir() -> Path | None:
    """The folder of initdb and pg_ctl: on PATH, else Debian's newest versioned one."""
    found = shutil.which("initdb"), shutil.which("pg_ctl")
    if all(found):
        return Path(str(found[0])).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                      key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit()
                      else 0)
    return versions[-1].parent if versions else None


def _install() -> None:
    """apt-get install postgresql when we are root and apt is there (as CI is)."""
    spent = apt_install(["postgresql"], lambda: _bindir() is not None,
                        extra=("--no-install-recommends",))
    if spent:
        _TIMINGS["apt-get install postgresql"] = spent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _runner() -> list[str] | None:
    """How to run the server's programs: as ourselves, or as `postgres` when we are root."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return []
    if shutil.which("runuser") is None:
        return None
    try:
        import pwd

        pwd.getpwnam("postgres")
    except KeyError:
        return None
    return ["runuser", "-u", "postgres", "--"]


def _start_cluster() -> PgServer:
    _install()
    bindir = _bindir()
    if bindir is None:
        _fail_or_skip("PostgreSQL is not installed and could not be (apt-get install "
                      "postgresql, as root), and $DGATE_TEST_PG_URL is not set")
    run_as = _runner()
    if run_as is None:
        _fail_or_skip("running as root without a `postgres` OS user (or runuser) to start "
                      "PostgreSQL as; set $DGATE_TEST_PG_URL")
    assert bindir is not None and run_as is not None
    t0 = time.monotonic()
    root = Path(tempfile.mkdtemp(prefix="dgate-pg-"))
    data = root / "data"
    if run_as:
        shutil.chown(root, user="postgres", group="postgres")
    port = _free_port()
    try:
        subprocess.run([*run_as, str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                        "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
                       check=True, capture_output=True, timeout=120)
        # A throw-away cluster: durability settings off for speed (the tests kill clients,
        # never the server); loopback only, socket in the data folder.
        opts = (f"-c listen_addresses=127.0.0.1 -p {port} -k {data} -c fsync=off "
                "-c full_page_writes=off -c max_connections=60")
        subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-l",
                        str(root / "server.log"), "-o", opts, "-w", "-t", "60", "start"],
                       check=True, capture_output=True, timeout=120)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(root, ignore_errors=True)
        _fail_or_skip(f"could not initdb/start a PostgreSQL cluster: {type(exc).__name__}")
    _TIMINGS["initdb + start"] = time.monotonic() - t0
    return PgServer(f"postgresql://postgres@127.0.0.1:{port}/postgres", data,
                    bindir / "pg_ctl", run_as)


def _stop(server: PgServer) -> None:
    if server.datadir is None or server.pg_ctl is None:
        return
    subprocess.run([*server.run_as, str(server.pg_ctl), "-D", str(server.datadir), "-m",
                    "immediate", "-w", "stop"], check=False, capture_output=True, timeout=60)
    shutil.rmtree(server.datadir.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    try:
        import psycopg
    except ImportError:
        _fail_or_skip("psycopg is not installed (pip install 'psycopg[binary]')")
    given = os.environ.get("DGATE_TEST_PG_URL")
    server = PgServer(given) if given else _start_cluster()
    try:
        with psycopg.connect(server.admin_url, autocommit=True, connect_timeout=10) as c:
            c.execute("SELECT 1")
    except psycopg.Error as exc:
        _stop(server)
        _fail_or_skip(f"PostgreSQL server did not answer: {type(exc).__name__}")
    yield server
    _stop(server)


@pytest.fixture(scope="module")
def pg_url(pg_server: PgServer, request: pytest.FixtureRequest) -> Iterator[str]:
    """An empty database of its own for this test module."""
    url = pg_server.create_database(request.module.__name__.rpartition(".")[2])
    yield url
    pg_server.drop_database(url)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _TIMINGS:
        figures = ", ".join(f"{k} {v:.1f} s" for k, v in _TIMINGS.items())
        terminalreporter.write_line(f"PostgreSQL test server: {figures}")

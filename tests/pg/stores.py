"""Helpers for tests that run one flow on both case stores: a home on SQLite or PostgreSQL,
and read-only queries on whichever store a home uses."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.e2e.handmade import setup_home

from dgate.service.home import init_home
from dgate.store import case

STORES = ("sqlite", "postgresql")


def store_url(request: pytest.FixtureRequest, kind: str) -> str | None:
    """None for SQLite; for PostgreSQL a new database on the session's test server."""
    if kind == "sqlite":
        return None
    server = request.getfixturevalue("pg_server")
    return str(server.create_database(request.node.name))


def make_home(tmp: Path, url: str | None) -> tuple[Path, Ed25519PrivateKey]:
    """The handmade e2e home (users, ICE, its official, the master) on the given store."""
    assert init_home(tmp / "home", case_store=url)
    return setup_home(tmp)


def config(home: Path) -> dict[str, Any]:
    return dict(json.loads((home / "config.json").read_text(encoding="utf-8")))


def query(home: Path, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    """Rows of one read-only query on the home's case store (either engine)."""
    conn = case.open_store(home, config(home))
    try:
        return list(conn.execute(sql, params).fetchall())
    finally:
        conn.close()


def state(home: Path) -> tuple[int, int, int]:
    """(releases, accounting disclosures, ledger disclosure events)."""
    releases = query(home, "SELECT count(*) FROM releases")[0][0]
    acc = query(home, "SELECT count(*) FROM accounting WHERE kind = 'disclosure'")[0][0]
    events = sum(1 for (raw,) in query(home, "SELECT entry FROM ledger_entries")
                 if json.loads(bytes(raw)).get("type") == "disclosure")
    return int(releases), int(acc), events


def clone_home(request: pytest.FixtureRequest, src: Path, dst: Path) -> Path:
    """A copy of a home in a state to start from: the folder, and on PostgreSQL a new
    database copied from the home's (which must have no open connection)."""
    shutil.copytree(src, dst)
    url = config(src).get("case_store")
    if url:
        server = request.getfixturevalue("pg_server")
        copy = server.create_database(request.node.name, template=url.rpartition("/")[2])
        point_at(dst, copy)
    return dst


def point_at(home: Path, url: str) -> None:
    """Make a home folder use the case store at `url` (a copy of its database)."""
    cfg = config(home)
    cfg["case_store"] = url
    (home / "config.json").write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")


def release_cmd(home: Path, batch: str, out: Path, user: str) -> list[str]:
    return [sys.executable, "-m", "dgate.cli", "batch", "release", batch, "--out", str(out),
            "--as", user, "--home", str(home)]

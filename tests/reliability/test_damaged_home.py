"""A home whose config.json was edited into something unreadable, or whose case store file
was damaged: one line naming the file and what is wrong, the exit status of cli.md (2 for a
configuration mistake, 1 for a damaged store), never 'internal error' or a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.e2e.handmade import dgate

from dgate.service.home import init_home


@pytest.mark.parametrize("text,problem", [
    ('{"retention_days": {"responses": 30}', "not valid JSON (line 1, column 37"),
    ("[1, 2]", "expected a JSON object of settings"),
])
def test_an_unreadable_config_is_named(tmp_path: Path, text: str, problem: str) -> None:
    home = tmp_path / "home"
    assert init_home(home)
    (home / "config.json").write_text(text, encoding="utf-8")
    r = dgate(home, "ledger", "verify", user="admin")
    line = r.err.strip()
    assert r.code == 2 and len(line.splitlines()) == 1, (r.code, r.err)
    assert str(home / "config.json") in line and problem in line, line
    assert "Traceback" not in r.err and "internal error" not in r.err


def test_config_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert init_home(home)
    (home / "config.json").write_bytes(b'{"x": "\xff"}')
    r = dgate(home, "ledger", "verify", user="admin")
    assert r.code == 2 and "config.json: not UTF-8 text" in r.err, r.err


def test_a_damaged_case_store_is_named(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert init_home(home)
    store = home / "case.sqlite"
    for extra in ("case.sqlite-wal", "case.sqlite-shm"):
        (home / extra).unlink(missing_ok=True)
    store.write_bytes(os.urandom(8192))  # synthetic garbage where the database was
    r = dgate(home, "ledger", "verify", user="admin")
    line = r.err.strip()
    assert r.code == 1 and len(line.splitlines()) == 1, (r.code, r.err)
    assert str(store) in line and "cannot be read" in line, line
    assert "internal error" not in line and "Traceback" not in r.err

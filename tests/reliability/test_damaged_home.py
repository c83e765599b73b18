"""A home whose config.json was edited into something unreadable, or whose case store file
was damaged: one line naming the file and what is wrong, the exit status of cli.md (2 for a
configuration mistake, 1 for a damaged store), never 'internal error' or a traceback."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from tests.e2e.handmade import approved_batch, dgate, setup_home
from tests.reliability.packages import refused_with

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


# --- red team r7: the home's key files and pointers ----------------------------------------

@pytest.mark.parametrize("damage", ["missing", "garbage"])
def test_a_lost_ledger_signing_key_is_named(tmp_path: Path, damage: str) -> None:
    """It was 'internal error (FileNotFoundError)'."""
    home = tmp_path / "home"
    assert init_home(home)
    key = home / "keys" / "ledger_ed25519.pem"
    if damage == "missing":
        key.unlink()
    else:
        key.write_bytes(b"-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n")
    refused_with(dgate(home, "ledger", "verify", user="admin"), 1, str(key), "restore")


def test_a_lost_hmac_key_refuses_the_release_and_records_nothing(tmp_path: Path) -> None:
    """The commitment key is read at the release's first disclosure: 'internal error', the
    transaction rolled back. Now the same, said in words."""
    home, batch = approved_batch(tmp_path)
    (home / "keys" / "ledger.hmac").unlink()
    with sqlite3.connect(home / "case.sqlite") as conn:
        before = conn.execute("SELECT count(*) FROM ledger_entries").fetchone()
    out = tmp_path / "response.csv"
    refused_with(dgate(home, "batch", "release", batch, "--out", str(out), user="off1"), 1,
              "ledger.hmac", "restore")
    with sqlite3.connect(home / "case.sqlite") as conn:
        assert conn.execute("SELECT count(*) FROM ledger_entries").fetchone() == before
        assert conn.execute("SELECT count(*) FROM releases").fetchone() == (0,)
    assert not out.exists()


def test_a_lost_keyring_is_not_silently_made_again(tmp_path: Path) -> None:
    """keys/master.key deleted: a new, unrelated keyring was made on the next command,
    which then reported the sealed data as altered ('its sealed details cannot be
    opened')."""
    home, _key = setup_home(tmp_path)
    ring = home / "keys" / "master.key"
    ring.unlink()
    refused_with(dgate(home, "ledger", "verify", user="aud"), 1, f"keyring {ring} is missing",
              "restore it from a backup")
    assert not ring.exists()


def test_a_new_home_without_a_keyring_still_gets_one(tmp_path: Path) -> None:
    """A home with no data key wrapped yet (as from before the vault) is given a keyring."""
    home = tmp_path / "home"
    assert init_home(home)
    with sqlite3.connect(home / "case.sqlite") as conn:
        live = conn.execute("SELECT count(*) FROM data_keys WHERE wrapped IS NOT NULL"
                            ).fetchone()[0]
    if live:
        pytest.skip("dgate init wraps a data key already")
    (home / "keys" / "master.key").unlink()
    assert dgate(home, "ledger", "verify", user="admin").code == 0
    assert (home / "keys" / "master.key").is_file()


def test_a_config_without_its_origin_is_named(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert init_home(home)
    (home / "config.json").write_text('{"retention_days": {}}', encoding="utf-8")
    refused_with(dgate(home, "ledger", "verify", user="admin"), 2,
              f"{home / 'config.json'}: no \"origin\"")


def test_a_model_pointer_to_a_missing_model_is_named_and_mended(tmp_path: Path) -> None:
    """models/CURRENT naming a file that is not there: 'internal error', and the way out the
    message for a model not matching its name gives (`dgate model use default`) failed
    the same way, since the home read the model on opening."""
    home = tmp_path / "home"
    assert init_home(home)
    (home / "models").mkdir(exist_ok=True)
    (home / "models" / "CURRENT").write_text("0" * 64 + "\n", encoding="utf-8")
    refused_with(dgate(home, "ledger", "verify", user="admin"), 1, "models/CURRENT",
              "model use default")
    r = dgate(home, "model", "use", "default", user="admin")
    assert r.code == 0, r.err
    assert dgate(home, "ledger", "verify", user="admin").code == 0

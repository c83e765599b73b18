"""Master key sources, the keyring's permissions, data-key wrapping and rotation."""

from __future__ import annotations

import base64
import os
import sqlite3
from pathlib import Path

import pytest
from tests.e2e.handmade import AS_OF, dgate, write_package
from tests.vault.people import REQUESTS, setup

from dgate.errors import IntegrityError
from dgate.service.home import Home
from dgate.store import case
from dgate.vault import crypto
from dgate.vault.keyring import ENV, encode_key, keyring_path, read_keyring
from dgate.vault.keys import BATCH, Vault


def _vault(tmp: Path, environ: dict[str, str] | None = None) -> Vault:
    conn = case.connect(tmp / "case.sqlite")
    case.migrate(conn)
    return Vault(conn, tmp / "keys", environ=environ or {})


def test_data_keys_are_stored_only_wrapped_and_unwrap_in_a_new_session(tmp_path: Path) -> None:
    v = _vault(tmp_path)
    kid, dek = v.key_for(BATCH, "B-1", create=True)
    blob = v.seal(BATCH, "B-1", "records|B-1:1|fields", b"secret")
    row = v.conn.execute("SELECT * FROM data_keys").fetchone()
    assert row["key_id"] == kid.hex() and row["kek_id"] == v.current_kek.kid
    assert dek not in bytes(row["wrapped"])
    again = _vault(tmp_path)  # a new process: nothing cached
    assert again.open("records|B-1:1|fields", blob) == b"secret"
    # The keyring was created 0600 on first use, with one key, and holds it.
    ring = keyring_path(tmp_path / "keys")
    assert ring.stat().st_mode & 0o777 == 0o600
    assert [k.kid for k in read_keyring(tmp_path / "keys")] == [v.current_kek.kid]


def test_a_keyring_readable_by_others_is_refused_without_showing_the_key(tmp_path: Path) -> None:
    home, _key = setup(tmp_path)
    ring = keyring_path(home / "keys")
    secret = ring.read_text(encoding="ascii").strip()
    os.chmod(ring, 0o640)
    r = dgate(home, "keys", "list")
    assert r.code == 1
    line = r.err.strip()
    assert "master.key" in line and "chmod 600" in line and len(line.splitlines()) == 1
    assert secret not in r.err and secret not in r.out
    with pytest.raises(IntegrityError):
        Home(home)
    os.chmod(ring, 0o600)
    assert dgate(home, "keys", "list").code == 0


def test_rotation_rewraps_every_key_and_drops_the_old_master_key(tmp_path: Path) -> None:
    home, key = setup(tmp_path)
    pkg = write_package(tmp_path / "pkg", key, REQUESTS)  # type: ignore[arg-type]
    batch = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk").last_line
    before = dgate(home, "batch", "decisions", batch, "--out", str(tmp_path / "a.csv"),
                   user="aud")
    assert before.code == 0
    old = read_keyring(home / "keys")
    wrapped_before = dict(sqlite3.connect(home / "case.sqlite").execute(
        "SELECT key_id, wrapped FROM data_keys").fetchall())
    assert dgate(home, "keys", "rotate", user="off1").code == 4  # admin only
    r = dgate(home, "keys", "rotate", user="admin")
    assert r.code == 0, r.err
    new = read_keyring(home / "keys")
    assert len(new) == 1 and new[0].kid != old[0].kid
    assert old[0].kid in r.out and new[0].kid in r.out
    assert encode_key(old[0].key) not in keyring_path(home / "keys").read_text("ascii")
    with sqlite3.connect(home / "case.sqlite") as conn:
        rows = conn.execute("SELECT key_id, kek_id, wrapped FROM data_keys").fetchall()
    assert {k for _i, k, _w in rows} == {new[0].kid}
    assert all(bytes(w) != bytes(wrapped_before[i]) for i, _k, w in rows)
    # Every data key (batch, accounting, index, master) still opens under the new key.
    after = dgate(home, "batch", "decisions", batch, "--out", str(tmp_path / "b.csv"),
                  user="aud")
    assert after.code == 0, after.err
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    # The old master key alone no longer opens anything.
    with sqlite3.connect(home / "case.sqlite") as conn:
        i, w = conn.execute("SELECT key_id, wrapped FROM data_keys WHERE purpose = 'batch'"
                            ).fetchone()
    with pytest.raises(IntegrityError):
        crypto.unwrap(old[0].key, bytes(w), i, "batch", batch)
    listed = dgate(home, "keys", "list", user="aud")
    assert listed.code == 0 and new[0].kid in listed.out and old[0].kid not in listed.out
    assert encode_key(new[0].key) not in listed.out
    assert "keys_rotated" in _ledger_types(home)


def test_master_key_from_the_environment_and_its_rotation(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    first = base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")
    second = base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")
    monkeypatch.setenv(ENV, first)
    home, key = setup(tmp_path)
    assert not keyring_path(home / "keys").exists()  # the key never rests in the home
    pkg = write_package(tmp_path / "pkg", key, REQUESTS)  # type: ignore[arg-type]
    batch = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk").last_line
    report = ("batch", "decisions", batch, "--out", str(tmp_path / "d.csv"))
    assert dgate(home, *report, user="aud").code == 0
    r = dgate(home, "keys", "rotate", user="admin")
    assert r.code == 2 and "--new-key-env" in r.err
    monkeypatch.setenv("NEXT_KEY", second)
    r = dgate(home, "keys", "rotate", "--new-key-env", "NEXT_KEY", user="admin")
    assert r.code == 0, r.err
    assert first not in r.out + r.err and second not in r.out + r.err
    # The old key in the environment no longer opens the data keys; the new one does.
    r = dgate(home, *report, user="aud")
    assert r.code == 1 and "not in the environment" in r.err
    monkeypatch.setenv(ENV, second)
    assert dgate(home, *report, user="aud").code == 0
    # Without the variable the home refuses to start; it does not make itself a new key.
    monkeypatch.delenv(ENV)
    r = dgate(home, "keys", "list")
    assert r.code == 1 and ENV in r.err
    assert not keyring_path(home / "keys").exists()


def _ledger_types(home: Path) -> list[str]:
    import json

    with sqlite3.connect(home / "case.sqlite") as conn:
        return [json.loads(bytes(e))["type"] for (e,) in conn.execute(
            "SELECT entry FROM ledger_entries")]


def test_a_key_made_in_a_rolled_back_transaction_is_not_reused(tmp_path: Path) -> None:
    v = _vault(tmp_path)
    with pytest.raises(RuntimeError), case.transaction(v.conn):
        v.seal(BATCH, "B-1", "c", b"lost")
        raise RuntimeError("the submit failed")
    assert v.conn.execute("SELECT count(*) FROM data_keys").fetchone()[0] == 0
    blob = v.seal(BATCH, "B-1", "c", b"kept")
    assert _vault(tmp_path).open("c", blob) == b"kept"

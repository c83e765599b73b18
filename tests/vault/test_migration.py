"""Migration 4 on a home from before encryption: its plaintext is sealed, the plaintext
columns are gone, the file is compacted, and everything still reads the same."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

from dgate.service.audit import accounting_export
from dgate.service.home import Home, init_home
from dgate.service.release import decision_report
from dgate.store import case
from dgate.vault.keyring import keyring_path

SECRETS = ("Quintanilla", "471829365", "Brightwater", "1979-08-23", "Wenceslao")


def _old_home(tmp: Path) -> Path:
    """A home at schema version 3 holding plaintext, as the previous release left it."""
    home = tmp / "home"
    init_home(home)
    for name in ("case.sqlite", "case.sqlite-wal", "case.sqlite-shm"):
        (home / name).unlink(missing_ok=True)
    keyring_path(home / "keys").unlink()
    conn = sqlite3.connect(home / "case.sqlite", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                 "description TEXT NOT NULL, applied_at TEXT NOT NULL)")
    for version, description, statements in case.MIGRATIONS[:3]:
        for sql in statements():
            conn.execute(sql)
        conn.execute("INSERT INTO schema_migrations VALUES (?, ?, 'x')", (version, description))
    conn.execute("INSERT INTO users VALUES ('admin', 'admin', 'x', 'init')")
    conn.execute("INSERT INTO users VALUES ('aud', 'auditor', 'x', 'admin')")
    conn.execute("INSERT INTO batches VALUES ('B-OLD', 'sha', x'7b7d', 'ICE', 'ICE-DIR-01', "
                 "'2026-11-20', '2026-11-25', '2026-11-25T00:00:00Z', 'clerk', '', 'r', 'm', "
                 "'v1', 1, 'released')")
    fields = {"first_name": "Wenceslao", "last_name": "Quintanilla Barrientos",
              "date_of_birth": "1979-08-23", "tin": "471829365"}
    conn.execute("INSERT INTO records VALUES ('B-OLD', 1, 'Q1', 'AGENT-7', ?)",
                 (json.dumps(fields),))
    conn.execute("""INSERT INTO decisions (batch_id, seq, request_key, request_id, disposition,
        reason_codes, match_tin, match_probability, candidate_count, street, city, state, zip,
        address_source, address_effective_date, explanation, ruleset_hash, model_hash)
        VALUES ('B-OLD', 1, 'B-OLD:1', 'Q1', 'DISCLOSE', 'M_MATCH', '471829365', 0.999, 1,
        '4817 Brightwater Crossing', 'Austin', 'TX', '78745', 'RETURN', '2025-03-01', '{}',
        'r', 'm')""")
    conn.execute("INSERT INTO releases VALUES ('B-OLD', 'off1', '2026-11-26T00:00:00Z', "
                 "?, 'sha')", (b"request_id,outcome\nQ1,DISCLOSED,4817 Brightwater\n",))
    conn.execute("""INSERT INTO accounting (kind, at, batch_id, seq, request_id, agency, reason,
        disposition, taxpayer_tin, street, city, state, zip) VALUES ('disclosure',
        '2026-11-26T00:00:00Z', 'B-OLD', 1, 'Q1', 'ICE', 'open case', 'DISCLOSED',
        '471829365', '4817 Brightwater Crossing', 'Austin', 'TX', '78745')""")
    conn.close()
    return home


def test_an_old_home_is_sealed_on_first_open(tmp_path: Path) -> None:
    home = _old_home(tmp_path)
    assert all(s.encode() in (home / "case.sqlite").read_bytes()
               for s in SECRETS)  # the plaintext is there
    with Home(home) as h:
        cols = {r[1] for r in h.conn.execute("PRAGMA table_info(decisions)")}
        assert "match_tin" not in cols and "street" not in cols and "sealed" in cols
        assert h.conn.execute("SELECT max(version) FROM schema_migrations"
                              ).fetchone()[0] == case.SCHEMA_VERSION
        decision_report(h, "aud", "B-OLD", tmp_path / "d.csv")
        accounting_export(h, "aud", tmp_path / "a.csv", None, None, tin="471-82-9365")
    assert keyring_path(home / "keys").is_file()
    with (tmp_path / "d.csv").open(encoding="utf-8", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["match_tin"] == "471829365" and row["street"] == "4817 Brightwater Crossing"
    with (tmp_path / "a.csv").open(encoding="utf-8", newline="") as fh:
        (acc,) = list(csv.DictReader(fh))
    assert acc["taxpayer_tin"] == "471829365" and acc["reason"] == "open case"
    for path in home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(s.encode() in data or s.upper().encode() in data
                           for s in SECRETS), path


def test_a_plaintext_store_is_not_migrated_without_the_vault(tmp_path: Path) -> None:
    import pytest

    from dgate.errors import IntegrityError

    home = _old_home(tmp_path)
    conn = case.connect(home / "case.sqlite")
    with pytest.raises(IntegrityError, match="plaintext"):
        case.migrate(conn)
    assert conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == 3
    conn.close()

"""The case-store schema on PostgreSQL: the same tables and columns as on SQLite, in the
same order, with PostgreSQL's types; the ledger on it; transactions and errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from dgate.ledger import store as ledger
from dgate.store import case, db, pg


@pytest.fixture(scope="module")
def conn(pg_url: str) -> Iterator[db.Connection]:
    c = case.connect_url(pg_url)
    case.migrate(c)
    yield c
    c.close()


def pg_columns(conn: db.Connection) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in conn.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"):
        out.setdefault(table, []).append((column, kind))
    return out


def test_same_tables_and_columns_in_the_same_order_as_sqlite(conn, tmp_path: Path) -> None:
    lite = case.connect(tmp_path / "case.sqlite")
    case.migrate(lite)
    tables = [r[0] for r in lite.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    want = {t: [r[1] for r in lite.execute(f"PRAGMA table_info({t})")] for t in tables}
    got = {t: [c for c, _k in cols] for t, cols in pg_columns(conn).items()}
    # Positional INSERTs (INSERT INTO batches VALUES (...)) rely on the order.
    assert got == want


def test_postgresql_types_where_they_differ(conn) -> None:
    cols = {t: dict(c) for t, c in pg_columns(conn).items()}
    for table in ("records", "decisions", "accounting"):
        assert cols[table]["sealed"] == "bytea"  # encryption at rest: ciphertext bytes
    assert cols["releases"]["response"] == "bytea"
    assert cols["data_keys"]["wrapped"] == "bytea"
    assert cols["decisions"]["match_probability"] == "double precision"
    assert cols["accounting"]["entry_id"] == "bigint"
    assert cols["ledger_entries"]["entry"] == "bytea"
    collations = {r[0] for r in conn.execute(
        "SELECT DISTINCT collation_name FROM information_schema.columns "
        "WHERE table_schema = 'public' AND data_type = 'text'")}
    assert collations == {"C"}


def test_text_sorts_bytewise_as_on_sqlite(conn) -> None:
    words = ["b", "B", "a", "Z", "é", "e", "_x", "10", "9"]
    with case.transaction(conn):
        conn.executemany("INSERT INTO users VALUES (?, 'auditor', 't', 't')",
                         [(w,) for w in words])
    got = [r[0] for r in conn.execute("SELECT user_id FROM users WHERE role = 'auditor' "
                                      "ORDER BY user_id")]
    assert got == sorted(words, key=lambda w: w.encode("utf-8"))
    conn.execute("DELETE FROM users WHERE role = 'auditor'")


def test_a_failed_transaction_leaves_nothing_and_names_no_value(conn) -> None:
    with case.transaction(conn):
        conn.execute("INSERT INTO users VALUES ('clerk-x', 'intake', 't', 't')")
    with pytest.raises(db.IntegrityViolation) as err, case.transaction(conn):
        conn.execute("INSERT INTO users VALUES ('other', 'intake', 't', 't')")
        conn.execute("INSERT INTO users VALUES ('clerk-x', 'intake', 't', 't')")
    assert isinstance(err.value, db.INTEGRITY_ERRORS)
    assert "clerk-x" not in str(err.value) and "\n" not in str(err.value)
    assert not conn.in_transaction
    assert conn.execute("SELECT count(*) FROM users WHERE user_id = 'other'").fetchone()[0] == 0
    row = conn.execute("SELECT * FROM users WHERE user_id = ?", ("clerk-x",)).fetchone()
    assert row["role"] == row[1] == "intake" and dict(row)["user_id"] == "clerk-x"
    assert conn.execute("SELECT 1 FROM users WHERE user_id = 'nobody'").fetchone() is None
    assert conn.execute("UPDATE users SET role = 'intake' WHERE 1 = 0").fetchone() is None


def test_insert_or_ignore_and_rowcount(conn) -> None:
    sql = "INSERT OR IGNORE INTO users VALUES (?, 'intake', 't', 't')"
    assert conn.execute(sql, ("once",)).rowcount == 1
    assert conn.execute(sql, ("once",)).rowcount == 0


def test_ledger_on_postgresql_appends_verifies_and_detects_tampering(conn) -> None:
    key = Ed25519PrivateKey.generate()
    with case.transaction(conn):
        start, end = ledger.append_many(conn, ({"type": "t", "n": i} for i in range(300)))
        ledger.checkpoint(conn, "test/origin", "k", key, "2026-11-25T00:00:00Z")
    assert (start, end) == (0, 300)
    report = ledger.verify(conn, "test/origin", "k", key.public_key())
    assert report.ok and report.size == 300, report.message
    assert not conn.in_transaction  # verify's snapshot transaction is closed
    with case.transaction(conn):
        conn.execute("UPDATE ledger_entries SET entry = ? WHERE idx = 123",
                     (ledger.canonical({"type": "t", "n": -1}),))
    report = ledger.verify(conn, "test/origin", "k", key.public_key())
    assert not report.ok and report.first_bad == 123


def test_translation_is_what_the_server_accepts(conn) -> None:
    # A `%` in a literal and a `?` parameter in one statement.
    row = conn.execute("SELECT 'a%b' LIKE 'a%' AND ? = 1", (1,)).fetchone()
    assert row[0] is True
    assert pg.translate("PRAGMA foreign_keys=ON") is None
    assert conn.execute("PRAGMA foreign_keys=ON").fetchone() is None


def test_every_index_of_sqlite_is_on_postgresql(conn, tmp_path: Path) -> None:
    # (release's request-row lookup scanned the accounting on both before case schema 7)
    lite = case.connect(tmp_path / "case.sqlite")
    case.migrate(lite)
    want = {r[0] for r in lite.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}
    got = {r[0] for r in conn.execute(
        "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")}
    assert "accounting_request" in want
    assert want <= got

"""The case-store cross-check of `ledger verify` on PostgreSQL: the same hand edits, made
with SQL on a copy of a released home's database, exit 1 naming the table and row.

The server is the one tests/pg starts (or $DGATE_TEST_PG_URL); skipped where it cannot be.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.e2e.handmade import AS_OF, CASES, dgate, write_package
from tests.pg.conftest import PgServer, pg_server  # noqa: F401  (the fixture, used by name)
from tests.pg.stores import clone_home, config, make_home
from tests.reliability.crashkit import REVIEW_ROW

from dgate.store import case

A = "ICE-A"
ROWS = [c[0] for c in CASES] + [REVIEW_ROW]


@pytest.fixture(scope="module")
def released(pg_server: PgServer,  # noqa: F811
             tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("pg-crosscheck")
    url = pg_server.create_database("crosscheck")
    home, key = make_home(tmp, url)
    r = dgate(home, "batch", "submit", str(write_package(tmp / "a", key, ROWS, batch_id=A)),
              "--as-of", AS_OF, user="clerk")
    assert r.code == 0, r.err
    assert dgate(home, "review", "decide", f"{A}:{len(ROWS)}", "--disclose",
                 user="rev").code == 0
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", A, user=officer).code == 0
    assert dgate(home, "batch", "release", A, "--out", str(tmp / "a.csv"),
                 user="off1").code == 0
    # a package asking for batch id A again, refused unread (its records are not UTF-8)
    again = write_package(tmp / "again", key, ROWS, batch_id=A)
    (again / "records.csv").write_bytes((again / "records.csv").read_bytes() + b"\xff\n")
    assert dgate(home, "batch", "submit", str(again), "--as-of", AS_OF,
                 user="clerk").code == 3
    return home


TAMPERS = {
    "request disposition": (
        f"UPDATE accounting SET disposition = 'NOT_DISCLOSED' WHERE kind = 'request' "
        f"AND batch_id = '{A}' AND seq = 3", ("accounting row", f"{A}:3", "disposition")),
    "request rows deleted": (
        f"DELETE FROM accounting WHERE kind = 'request' AND batch_id = '{A}'",
        ("accounting", "request row", "missing")),
    "disclosure sealed bit": (
        "UPDATE accounting SET sealed = set_byte(sealed, 40, get_byte(sealed, 40) # 1) "
        "WHERE kind = 'disclosure' AND seq = 1", ("accounting row", f"{A}:1", "open")),
    "decision disposition": (
        f"UPDATE decisions SET disposition = 'DISCLOSE' WHERE batch_id = '{A}' AND seq = 10",
        ("decisions row", f"{A}:10", "disposition")),
    "review verdict": (
        "UPDATE reviews SET verdict = 'no_disclose'", ("reviews row", "verdict")),
    "approval added": (
        f"INSERT INTO approvals VALUES ('{A}', 'off9', 'x')", ("approvals row", f"{A}/off9")),
    "release officer": (
        "UPDATE releases SET released_by = 'off2'", ("releases row", A, "released_by")),
    # what only the row digests the writers record show
    "decision probability": (
        f"UPDATE decisions SET match_probability = match_probability + 1e-9 "
        f"WHERE batch_id = '{A}' AND seq = 2", ("decisions row", f"{A}:2", "row digest")),
    "request statute": (
        f"UPDATE accounting SET statute = '18 USC 1' WHERE kind = 'request' "
        f"AND batch_id = '{A}' AND seq = 4", ("accounting row", f"(request {A}:4)",
                                              "row digest")),
    "disclosure statute": (
        "UPDATE accounting SET statute = '18 USC 1' WHERE kind = 'disclosure' AND seq = 9",
        ("accounting row", f"(disclosure {A}:9)", "row digest")),
    # the refused package's row: what its manifest named, and its digest
    "refused package batch id": (
        "UPDATE accounting SET batch_id = 'ICE-B' WHERE kind = 'refused_package'",
        ("(refused_package) differs from ledger entry", "batch_id")),
    "refused package time": (
        "UPDATE accounting SET at = '2026-01-01T00:00:00.000000Z' "
        "WHERE kind = 'refused_package'", ("(refused_package)", "row digest")),
    "refused package deleted": (
        "DELETE FROM accounting WHERE kind = 'refused_package'",
        ("the refused_package row of ledger entry", "missing")),
    # red team r8: every transaction signs its head, so the last checkpoint covers all
    "last checkpoint deleted": (
        "DELETE FROM ledger_checkpoints WHERE seq = (SELECT max(seq) FROM ledger_checkpoints)",
        ("beyond the last signed checkpoint",)),
}


def test_an_untouched_home_verifies_on_postgresql(released: Path) -> None:
    r = dgate(released, "ledger", "verify", user="aud")
    assert r.code == 0, r.err


@pytest.mark.parametrize("name", list(TAMPERS))
def test_an_altered_row_is_named_on_postgresql(released: Path, request: pytest.FixtureRequest,
                                               tmp_path: Path, name: str) -> None:
    statement, named = TAMPERS[name]
    home = clone_home(request, released, tmp_path / "home")
    conn = case.open_store(home, config(home))
    try:
        conn.execute(statement)
    finally:
        conn.close()
    r = dgate(home, "ledger", "verify", user="aud")
    assert r.code == 1, (r.out, r.err)
    line = r.err.strip()
    assert "\n" not in line and "Traceback" not in line
    for part in named:
        assert part in line, (name, line)

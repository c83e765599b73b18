"""Red team r20 on both case stores: a later batch's request for another person, answered
with a taxpayer an earlier batch was, goes to review — found by the blind index of the
matched TIN (migration 6), which an older store gets when the home is opened."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from tests.e2e.handmade import AS_OF, dgate, load_rows, write_package
from tests.pg.stores import STORES, config, make_home, query, store_url

from dgate.store import case

WALTER = {"first_name": "WALTER", "last_name": "BRENNAN", "street": "40 BIRCH ST",
          "city": "CHICAGO", "state": "IL", "zip": "60629"}


def _decide(home: Path, key, tmp: Path, rows: list[dict[str, str]], batch: str
            ) -> dict[str, tuple[str, str]]:
    pkg = write_package(tmp / batch, key, rows, batch_id=batch)
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert sub.code == 0, sub.err
    out = tmp / f"{batch}.csv"
    assert dgate(home, "batch", "decisions", sub.last_line, "--out", str(out)).code == 0
    with out.open(encoding="utf-8", newline="") as fh:
        return {r["request_id"]: (r["disposition"], r["reason_codes"])
                for r in csv.DictReader(fh)}


@pytest.mark.parametrize("kind", STORES)
def test_an_earlier_disclosure_found_on_either_store(request: pytest.FixtureRequest,
                                                     tmp_path: Path, kind: str) -> None:
    home, key = make_home(tmp_path, store_url(request, kind))
    code, err = load_rows(home, tmp_path, "master2",
                          [("620900001", "SSN", "WALTER", "", "BRENNAN", "", "", "")],
                          [("620900001", "40 Birch St", "", "Chicago", "IL", "60629", "RETURN",
                            "2025", "2026-02-26")])
    assert code == 0, err
    first = _decide(home, key, tmp_path, [dict(WALTER, request_id="W1",
                                               date_of_birth="1950-01-01")], "ICE-2026-209001")
    assert first["W1"] == ("DISCLOSE", "M_MATCH"), first
    # the blind index, never the TIN
    (index,) = [r[0] for r in query(home, "SELECT tin_index FROM decisions WHERE "
                                          "batch_id = 'ICE-2026-209001'")]
    assert re.fullmatch(r"[0-9a-f]{64}", index), index
    # the store as dgate before migration 6 left it: opening the home indexes it again
    conn = case.open_store(home, config(home))
    try:
        with case.transaction(conn):
            conn.execute("DROP INDEX decisions_tin")
            conn.execute("ALTER TABLE decisions DROP COLUMN tin_index")
            conn.execute("DELETE FROM schema_migrations WHERE version = 6")
    finally:
        conn.close()
    later = _decide(home, key, tmp_path, [dict(WALTER, request_id="W2",
                                               date_of_birth="1980-01-01")], "ICE-2026-209002")
    assert later["W2"] == ("REVIEW", "M_REVIEW"), later
    assert [r[0] for r in query(home, "SELECT tin_index FROM decisions WHERE "
                                      "batch_id = 'ICE-2026-209001'")] == [index]
    assert dgate(home, "ledger", "verify", user="aud").code == 0


def test_two_submits_at_once_on_postgresql(request: pytest.FixtureRequest,
                                           tmp_path: Path) -> None:
    """Red team r22: two processes submit at once, WALTER BRENNAN born 1950 and born 1980
    (the one undated WALTER BRENNAN on file). The test holds the ledger lock until both have
    decided and queue on it in their write transactions: each looked at the earlier batches
    before the other was written, and both were disclosed. The second to take the lock now
    looks again at what was committed meanwhile and goes to review."""
    import shutil
    import sys

    from tests.pg.test_concurrency import run_held

    from dgate.store import db

    home, key = make_home(tmp_path, store_url(request, "postgresql"))
    code, err = load_rows(home, tmp_path, "master2",
                          [("620900001", "SSN", "WALTER", "", "BRENNAN", "", "", "")],
                          [("620900001", "40 Birch St", "", "Chicago", "IL", "60629", "RETURN",
                            "2025", "2026-02-26")])
    assert code == 0, err
    other = tmp_path / "service-b"
    shutil.copytree(home, other)
    commands = []
    for service, (batch, dob) in zip((home, other), (("ICE-2026-229001", "1950-01-01"),
                                                     ("ICE-2026-229002", "1980-01-01")),
                                     strict=True):
        pkg = write_package(tmp_path / batch, key, [dict(WALTER, request_id=batch[-1],
                                                         date_of_birth=dob)], batch_id=batch)
        commands.append([sys.executable, "-m", "dgate.cli", "batch", "submit", str(pkg),
                         "--as-of", AS_OF, "--as", "clerk", "--home", str(service)])
    url = config(home)["case_store"]
    results = run_held(url, "SELECT pg_advisory_xact_lock(%s, %s)",
                       (db.LOCK_NAMESPACE, db.LEDGER_LOCK), commands)
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    got = sorted(str(r[0]) for r in query(home, "SELECT disposition FROM decisions"))
    assert got == ["DISCLOSE", "REVIEW"], got
    assert dgate(home, "ledger", "verify", user="aud").code == 0

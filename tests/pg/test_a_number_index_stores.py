"""Red team r35 on both case stores: a later batch's request giving an A-number an earlier
batch's request gave, answered with another taxpayer, goes to review — found by the blind
index of the A-number (migration 12), which an older store gets when the home is opened
(the answered decisions' sealed records opened)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from tests.e2e.handmade import AS_OF, dgate, load_rows, write_package
from tests.pg.stores import STORES, config, make_home, query, store_url

from dgate.store import case

PLACE = {"city": "CHICAGO", "state": "IL", "zip": "60629"}
QUINTERO = dict(PLACE, first_name="MARISOL", last_name="QUINTERO", street="12 BIRCH ST")
VEGA = dict(PLACE, first_name="MARISOL", last_name="VEGA", street="30 OAK AVE")


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
def test_an_earlier_a_number_found_on_either_store(request: pytest.FixtureRequest,
                                                   tmp_path: Path, kind: str) -> None:
    home, key = make_home(tmp_path, store_url(request, kind))
    chi = ("Chicago", "IL", "60629")
    code, err = load_rows(
        home, tmp_path, "master2",
        [("620350001", "SSN", "MARISOL", "", "QUINTERO", "", "1984-02-02", ""),
         ("620350002", "SSN", "MARISOL", "", "VEGA", "", "1979-07-07", "")],
        [("620350001", "12 Birch St", "", *chi, "RETURN", "2025", "2026-02-26"),
         ("620350002", "30 Oak Ave", "", *chi, "RETURN", "2025", "2026-02-26")])
    assert code == 0, err
    first = _decide(home, key, tmp_path, [dict(QUINTERO, request_id="Q1",
                                               a_number="A055555555")], "ICE-2026-351001")
    assert first["Q1"] == ("DISCLOSE", "M_MATCH"), first
    (index,) = [r[0] for r in query(home, "SELECT a_number_index FROM decisions WHERE "
                                          "batch_id = 'ICE-2026-351001'")]
    assert re.fullmatch(r"[0-9a-f]{64}", index), index
    # the store as dgate before migration 12 left it: opening the home indexes it again
    conn = case.open_store(home, config(home))
    try:
        with case.transaction(conn):
            conn.execute("DROP INDEX decisions_a_number")
            conn.execute("ALTER TABLE decisions DROP COLUMN a_number_index")
            conn.execute("DELETE FROM schema_migrations WHERE version = 12")
    finally:
        conn.close()
    later = _decide(home, key, tmp_path, [dict(VEGA, request_id="V2",
                                               a_number="055555555")], "ICE-2026-351002")
    assert later["V2"] == ("REVIEW", "M_REVIEW"), later
    assert [r[0] for r in query(home, "SELECT a_number_index FROM decisions WHERE "
                                      "batch_id = 'ICE-2026-351001'")] == [index]
    assert dgate(home, "ledger", "verify", user="aud").code == 0


def test_two_submits_at_once_on_postgresql(request: pytest.FixtureRequest,
                                           tmp_path: Path) -> None:
    """Red team r22's race, for the A-number: two processes submit at once, MARISOL
    QUINTERO and MARISOL VEGA under one A-number. The test holds the ledger lock until both
    have decided and queue on it in their write transactions: each looked before the other
    was written. The second to take the lock looks again (submit's `look_again`) and goes
    to review."""
    import shutil
    import sys

    from tests.pg.test_concurrency import run_held

    from dgate.store import db

    home, key = make_home(tmp_path, store_url(request, "postgresql"))
    chi = ("Chicago", "IL", "60629")
    code, err = load_rows(
        home, tmp_path, "master2",
        [("620350001", "SSN", "MARISOL", "", "QUINTERO", "", "1984-02-02", ""),
         ("620350002", "SSN", "MARISOL", "", "VEGA", "", "1979-07-07", "")],
        [("620350001", "12 Birch St", "", *chi, "RETURN", "2025", "2026-02-26"),
         ("620350002", "30 Oak Ave", "", *chi, "RETURN", "2025", "2026-02-26")])
    assert code == 0, err
    other = tmp_path / "service-b"
    shutil.copytree(home, other)
    commands = []
    for service, (batch, person) in zip((home, other), (("ICE-2026-352001", QUINTERO),
                                                        ("ICE-2026-352002", VEGA)),
                                        strict=True):
        pkg = write_package(tmp_path / batch, key, [dict(person, request_id=batch[-1],
                                                         a_number="A055555555")],
                            batch_id=batch)
        commands.append([sys.executable, "-m", "dgate.cli", "batch", "submit", str(pkg),
                         "--as-of", AS_OF, "--as", "clerk", "--home", str(service)])
    url = config(home)["case_store"]
    results = run_held(url, "SELECT pg_advisory_xact_lock(%s, %s)",
                       (db.LOCK_NAMESPACE, db.LEDGER_LOCK), commands)
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    got = sorted(str(r[0]) for r in query(home, "SELECT disposition FROM decisions"))
    assert got == ["DISCLOSE", "REVIEW"], got
    assert dgate(home, "ledger", "verify", user="aud").code == 0

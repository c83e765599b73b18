"""Red team r36 on both case stores: a later batch's request answered with a taxpayer whose
TIN an earlier batch's request gave for another person (left unanswered) goes to review —
found by the blind index of the TIN each request gives (migration 13), which an older store
gets when the home is opened (every decision's sealed record opened)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.e2e.handmade import dgate, load_rows
from tests.pg.stores import STORES, config, make_home, query, store_url
from tests.pg.test_a_number_index_stores import _decide

from dgate.store import case

PLACE = {"city": "CHICAGO", "state": "IL", "zip": "60629"}
WALTER = dict(PLACE, first_name="WALTER", last_name="BRENNAN", street="40 BIRCH ST",
              tin="620360001")


@pytest.mark.parametrize("kind", STORES)
def test_an_earlier_given_tin_found_on_either_store(request: pytest.FixtureRequest,
                                                    tmp_path: Path, kind: str) -> None:
    home, key = make_home(tmp_path, store_url(request, kind))
    chi = ("Chicago", "IL", "60629")
    code, err = load_rows(
        home, tmp_path, "master2",
        [("620360001", "SSN", "WALTER", "", "BRENNAN", "", "", "")],
        [("620360001", "40 Birch St", "", *chi, "RETURN", "2025", "2026-02-26")])
    assert code == 0, err
    first = _decide(home, key, tmp_path, [dict(WALTER, request_id="W1",
                                               street="5 ELSEWHERE ST",
                                               date_of_birth="1950-01-01")],
                    "ICE-2026-361001")
    assert first["W1"][0] == "NOT_DISCLOSED", first
    (index,) = [r[0] for r in query(home, "SELECT given_tin_index FROM decisions WHERE "
                                          "batch_id = 'ICE-2026-361001'")]
    assert re.fullmatch(r"[0-9a-f]{64}", index), index
    # the store as dgate before migration 13 left it: opening the home indexes it again
    conn = case.open_store(home, config(home))
    try:
        with case.transaction(conn):
            conn.execute("DROP INDEX decisions_given_tin")
            conn.execute("ALTER TABLE decisions DROP COLUMN given_tin_index")
            conn.execute("DELETE FROM schema_migrations WHERE version = 13")
    finally:
        conn.close()
    later = _decide(home, key, tmp_path, [dict(WALTER, request_id="W2",
                                               date_of_birth="1980-01-01")],
                    "ICE-2026-361002")
    assert later["W2"] == ("REVIEW", "M_REVIEW"), later
    assert [r[0] for r in query(home, "SELECT given_tin_index FROM decisions WHERE "
                                      "batch_id = 'ICE-2026-361001'")] == [index]
    assert dgate(home, "ledger", "verify", user="aud").code == 0


def test_two_submits_at_once_on_postgresql(request: pytest.FixtureRequest,
                                           tmp_path: Path) -> None:
    """Red team r22's race, for the given TIN: two processes submit at once, WALTER BRENNAN
    born 1950 and WALTER BRENNAN born 1980, each giving the one undated WALTER BRENNAN's
    TIN at his address (each settled by the TIN alone, which r20's look skips). The test
    holds the ledger lock until both have decided and queue on it in their write
    transactions: each looked before the other was written. The second to take the lock
    looks again (submit's `look_again`) and goes to review."""
    import shutil
    import sys

    from tests.e2e.handmade import AS_OF, write_package
    from tests.pg.test_concurrency import run_held

    from dgate.store import db

    home, key = make_home(tmp_path, store_url(request, "postgresql"))
    chi = ("Chicago", "IL", "60629")
    code, err = load_rows(
        home, tmp_path, "master2",
        [("620360001", "SSN", "WALTER", "", "BRENNAN", "", "", "")],
        [("620360001", "40 Birch St", "", *chi, "RETURN", "2025", "2026-02-26")])
    assert code == 0, err
    other = tmp_path / "service-b"
    shutil.copytree(home, other)
    commands = []
    for service, (batch, born) in zip((home, other), (("ICE-2026-362001", "1950-01-01"),
                                                      ("ICE-2026-362002", "1980-01-01")),
                                      strict=True):
        pkg = write_package(tmp_path / batch, key, [dict(WALTER, request_id=batch[-1],
                                                         date_of_birth=born)],
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

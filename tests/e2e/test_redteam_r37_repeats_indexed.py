"""Red team r37: the A-number (and the TIN) a batch tells of a person in a repeat.

A batch's person is what its records say together (rules.record.batch_people, R_DUPLICATE):
matching reads a first occurrence with its repeats' fuller data (submit._as_told). The blind
index a later batch finds an answer by was of the first occurrence as received: batch 1 asked
for MARISOL QUINTERO giving no A-number, then again (a repeat, R_DUPLICATE) under A-number
055555555; the first was disclosed taxpayer 620370001's address, and the A-number was
indexed nowhere. A week later batch 2 asked for MARISOL VEGA under that A-number and was
disclosed 620370002's: two last known addresses for one person. Every person, TIN and
A-number here is invented; each case is driven through the real CLI
(`tests/e2e/handmade.py`)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from tests.e2e.handmade import decide as _decide
from tests.e2e.handmade import dgate, home_with

CHI = ("Chicago", "IL", "60629")
PLACE = {"city": "CHICAGO", "state": "IL", "zip": "60629"}
TAXPAYERS = [("620370001", "SSN", "MARISOL", "", "QUINTERO", "", "1984-02-02", ""),
             ("620370002", "SSN", "MARISOL", "", "VEGA", "", "1979-07-07", "")]
ADDRESSES = [("620370001", "12 Birch St", "", *CHI, "RETURN", "2025", "2026-02-26"),
             ("620370002", "30 Oak Ave", "", *CHI, "RETURN", "2025", "2026-02-26")]
QUINTERO = dict(PLACE, first_name="MARISOL", last_name="QUINTERO", street="12 BIRCH ST")
VEGA = dict(PLACE, first_name="MARISOL", last_name="VEGA", street="30 OAK AVE")


def _seen(got: dict[str, dict[str, str]]) -> dict[str, tuple[str, str, str]]:
    return {rid: (r["disposition"], r["reason_codes"], r["match_tin"]) for rid, r in got.items()}


def test_an_a_number_a_repeat_gives_is_the_answered_persons(tmp_path: Path) -> None:
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)

    def decide(rows: list[dict[str, str]], batch: str) -> dict[str, tuple[str, str, str]]:
        return _seen(_decide(home, key, tmp_path, rows, batch))

    first = decide([dict(QUINTERO, request_id="Q1"),
                    dict(QUINTERO, request_id="Q2", a_number="A-055555555")],
                   "ICE-2026-370001")
    assert first["Q1"] == ("DISCLOSE", "M_MATCH", "620370001"), first
    assert first["Q2"][0] == "REJECTED" and "R_DUPLICATE" in first["Q2"][1], first
    assert dgate(home, "ledger", "verify", user="aud").code == 0
    later = decide([dict(VEGA, request_id="V3", a_number="A055555555")], "ICE-2026-370002")
    assert later["V3"] == ("REVIEW", "M_REVIEW", "620370002"), later
    # the index is of the A-number the batch tells of the answered person
    with sqlite3.connect(home / "case.sqlite") as conn:
        kept = dict(conn.execute("SELECT seq, a_number_index FROM decisions "
                                 "WHERE batch_id = 'ICE-2026-370001'").fetchall())
    assert re.fullmatch(r"[0-9a-f]{64}", kept[1]) and kept[2] == "", kept


def test_the_repeat_in_the_later_batch(tmp_path: Path) -> None:
    """The other order: the A-number answered first, then asked again in a repeat of a
    request for another person that gives none (the lookup reads what is indexed)."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)

    def decide(rows: list[dict[str, str]], batch: str) -> dict[str, tuple[str, str, str]]:
        return _seen(_decide(home, key, tmp_path, rows, batch))

    assert decide([dict(VEGA, request_id="V1", a_number="A055555555")],
                  "ICE-2026-370011")["V1"][0] == "DISCLOSE"
    later = decide([dict(QUINTERO, request_id="Q2"),
                    dict(QUINTERO, request_id="Q3", a_number="55555555")], "ICE-2026-370012")
    assert later["Q2"] == ("REVIEW", "M_REVIEW", "620370001"), later
    assert dgate(home, "ledger", "verify", user="aud").code == 0


def test_verify_recomputes_it(tmp_path: Path) -> None:
    """`ledger verify` recomputes the index of the A-number a repeat tells (from the
    decision's sealed explanation, "as_told": red team r38); blanked, the later request
    would be disclosed unseen. (Batches decided before r38 keep the index of the record as
    received, which verify then expects: no migration re-reads them.)"""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    _decide(home, key, tmp_path, [dict(QUINTERO, request_id="Q1"),
                                  dict(QUINTERO, request_id="Q2", a_number="A055555555")],
            "ICE-2026-370021")
    assert dgate(home, "ledger", "verify", user="aud").code == 0
    con = sqlite3.connect(home / "case.sqlite")
    try:
        (kept,) = con.execute("SELECT a_number_index FROM decisions WHERE seq = 1").fetchone()
        assert kept
        with con:
            con.execute("UPDATE decisions SET a_number_index = '' WHERE seq = 1")
        bad = dgate(home, "ledger", "verify", user="aud")
        assert bad.code != 0 and "a_number_index" in bad.out + bad.err, (bad.out, bad.err)
    finally:
        con.close()


# The TIN side (red team r36's rule: an earlier request that gave the taxpayer's TIN for
# someone its own fields say is another person sends a later one to review). One undated
# WALTER BRENNAN on file; the earlier batch names WALTER BRENNAN born 1950 with his TIN at
# an address not his, the date in one record and the TIN in a repeat of it.
WALTER_TIN = "620370401"
WALTERS = [(WALTER_TIN, "SSN", "WALTER", "", "BRENNAN", "", "", "")]
WALTER_AT = [(WALTER_TIN, "40 Birch St", "", *CHI, "RETURN", "2025", "2026-02-26")]
WALTER = dict(PLACE, first_name="WALTER", last_name="BRENNAN", street="40 BIRCH ST")


@pytest.mark.parametrize("first, repeat", [
    ({"date_of_birth": "1950-01-01"}, {"tin": WALTER_TIN}),
    ({"tin": WALTER_TIN}, {"date_of_birth": "1950-01-01"}),
], ids=["tin-in-the-repeat", "birth-in-the-repeat"])
def test_a_tin_given_for_a_person_across_a_repeat(tmp_path: Path, first: dict[str, str],
                                                  repeat: dict[str, str]) -> None:
    """Given in one record (TIN and date together), WALTER BRENNAN born 1980 giving the
    TIN a week later goes to review (tests/e2e/test_redteam_across_batches.py); split over
    a record and its repeat, he was disclosed: the TIN's blind index was kept on a record
    that says nothing of the birth. The first occurrence is now read, indexed and kept as
    the person its records say together (red team r38's "as_told"), verified by `ledger
    verify`."""
    home, key = home_with(tmp_path, WALTERS, WALTER_AT)
    elsewhere = dict(WALTER, street="5 ELSEWHERE ST")
    earlier = _seen(_decide(home, key, tmp_path, [
        dict(elsewhere, request_id="W1", **first),
        dict(elsewhere, request_id="W2", **repeat)], "ICE-2026-370401"))
    assert earlier["W1"][0] == "NOT_DISCLOSED" and earlier["W2"][0] == "REJECTED", earlier
    assert dgate(home, "ledger", "verify", user="aud").code == 0
    con = sqlite3.connect(home / "case.sqlite")
    try:
        (kept,) = con.execute("SELECT given_tin_index FROM decisions WHERE seq = 1"
                              ).fetchone()
        assert kept
        with con:
            con.execute("UPDATE decisions SET given_tin_index = '' WHERE seq = 1")
        bad = dgate(home, "ledger", "verify", user="aud")
        assert bad.code != 0 and "given_tin_index" in bad.out + bad.err, (bad.out, bad.err)
        with con:
            con.execute("UPDATE decisions SET given_tin_index = ? WHERE seq = 1", (kept,))
    finally:
        con.close()
    later = _seen(_decide(home, key, tmp_path, [
        dict(WALTER, request_id="W3", tin=WALTER_TIN, date_of_birth="1980-01-01")],
        "ICE-2026-370402"))
    assert later["W3"] == ("REVIEW", "M_REVIEW", WALTER_TIN), later
    assert dgate(home, "ledger", "verify", user="aud").code == 0

"""Red team r37: `batch release` looked for a batch's pairs of disclosures (one taxpayer
for two people, red team r22; one A-number with two taxpayers, red team r35) before its
write transaction, and not again inside it. A decision written between the look and the
write went unseen: batch 1's MARISOL QUINTERO under A-number 077777777, not settled by her
taxpayer's record, was approved; as it was being released, batch 2 was submitted giving
MARISOL VEGA that A-number with her exact date of birth (settled, so answered: the
settled one of a pair is disclosed and the other held back); batch 1 was then released:
two last known addresses for one person, the unsettled one among them. Released after
batch 2 was decided, batch 1 is refused. The interleaving is made deterministic by
running batch 2's submit from inside the release, right after its first look (a
monkeypatch), not with sleeps. Every person, TIN and A-number here is invented."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.e2e.handmade import decide as _decide
from tests.e2e.handmade import dgate, home_with

from dgate.service import release as release_module

CHI = ("Chicago", "IL", "60629")
PLACE = {"city": "CHICAGO", "state": "IL", "zip": "60629"}
TAXPAYERS = [("620370101", "SSN", "MARISOL", "", "QUINTERO", "", "1984-02-02", ""),
             ("620370102", "SSN", "MARISOL", "", "VEGA", "", "1979-07-07", "")]
ADDRESSES = [("620370101", "12 Birch St", "", *CHI, "RETURN", "2025", "2026-02-26"),
             ("620370102", "30 Oak Ave", "", *CHI, "RETURN", "2025", "2026-02-26")]
QUINTERO = dict(PLACE, first_name="MARISOL", last_name="QUINTERO", street="12 BIRCH ST")
VEGA = dict(PLACE, first_name="MARISOL", last_name="VEGA", street="30 OAK AVE")


def test_a_pair_decided_while_the_batch_is_released_is_caught(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    first = _decide(home, key, tmp_path, [dict(QUINTERO, request_id="Q1",
                                               a_number="A077777777")], "ICE-2026-370101")
    assert first["Q1"]["disposition"] == "DISCLOSE", first
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", "ICE-2026-370101", user=officer).code == 0
    looked = release_module._one_a_number_two_taxpayers
    meanwhile: dict[str, dict[str, str]] = {}

    def look_then_submit(home_: object, batch_id: str) -> dict[str, list[str]]:
        found = looked(home_, batch_id)  # type: ignore[arg-type]
        if not meanwhile:  # the first look only: batch 2 decided right after it
            meanwhile.update(_decide(home, key, tmp_path, [dict(
                VEGA, request_id="V2", a_number="A077777777", date_of_birth="1979-07-07")],
                "ICE-2026-370102"))
        return found

    monkeypatch.setattr(release_module, "_one_a_number_two_taxpayers", look_then_submit)
    got = dgate(home, "batch", "release", "ICE-2026-370101", "--out",
                str(tmp_path / "r1.csv"), user="off1")
    # batch 2's settled request was answered (lawfully: batch 1 not released yet) ...
    assert meanwhile["V2"]["disposition"] == "DISCLOSE", meanwhile
    # ... and batch 1's unsettled one under the same A-number does not leave
    assert got.code != 0 and "A-number" in got.out + got.err, (got.out, got.err)
    assert not (tmp_path / "r1.csv").exists()
    assert dgate(home, "ledger", "verify", user="aud").code == 0


def test_release_recomputes_the_a_number_index(tmp_path: Path) -> None:
    """`batch release` holds each disclosure's tin_index to its matched TIN; not its
    a_number_index, by which the pairs are found: blanked by hand, a pair under one
    A-number went unseen and the batch was released. It is now recomputed from the sealed
    record (its own A-number, else the one a repeat told, which the decision's sealed
    explanation keeps: red team r38): a batch indexed so is released, and one whose told
    A-number's index is blanked is not."""
    import sqlite3

    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)

    def approve(batch: str) -> None:
        for officer in ("off1", "off2"):
            assert dgate(home, "batch", "approve", batch, user=officer).code == 0

    _decide(home, key, tmp_path, [dict(QUINTERO, request_id="Q1"),
                                  dict(QUINTERO, request_id="Q2", a_number="A088888888")],
            "ICE-2026-370111")
    _decide(home, key, tmp_path, [dict(VEGA, request_id="V1", a_number="A099999999")],
            "ICE-2026-370112")
    con = sqlite3.connect(home / "case.sqlite")
    try:
        with con:
            con.execute("UPDATE decisions SET a_number_index = '' WHERE batch_id = "
                        "'ICE-2026-370112'")
    finally:
        con.close()
    approve("ICE-2026-370112")
    got = dgate(home, "batch", "release", "ICE-2026-370112", "--out",
                str(tmp_path / "r2.csv"), user="off1")
    assert got.code != 0 and "a_number_index" in got.out + got.err, (got.out, got.err)
    # the A-number a repeat told, indexed on the answered first record: blanked, refused;
    # as written, released
    approve("ICE-2026-370111")
    con = sqlite3.connect(home / "case.sqlite")
    try:
        (kept,) = con.execute("SELECT a_number_index FROM decisions WHERE batch_id = "
                              "'ICE-2026-370111' AND seq = 1").fetchone()
        assert kept
        with con:
            con.execute("UPDATE decisions SET a_number_index = '' WHERE batch_id = "
                        "'ICE-2026-370111' AND seq = 1")
        got = dgate(home, "batch", "release", "ICE-2026-370111", "--out",
                    str(tmp_path / "r1.csv"), user="off1")
        assert got.code != 0 and "a_number_index" in got.out + got.err, (got.out, got.err)
        with con:
            con.execute("UPDATE decisions SET a_number_index = ? WHERE batch_id = "
                        "'ICE-2026-370111' AND seq = 1", (kept,))
    finally:
        con.close()
    assert dgate(home, "batch", "release", "ICE-2026-370111", "--out",
                 str(tmp_path / "r1.csv"), user="off1").code == 0

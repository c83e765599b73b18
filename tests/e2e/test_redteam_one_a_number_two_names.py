"""One A-number under two names, answered with two taxpayers (red team r32's note, closed
in session 34).

request-format.md: `a_number`, the alien registration number: the number of one
noncitizen's A-file. Two records of a batch giving one A-number under two names (an alias,
a maiden and a married name) are, by the requester's own word, one person: and one person
has one last known address. MARISOL QUINTERO at 12 BIRCH ST and MARISOL VEGA at 30 OAK AVE
under A-number 055555555 were each disclosed a different taxpayer: at least one of those
addresses was not this person's (r32 left it open: "aliases make it debatable"). Read
closest to the law (§6103(i)(2) releases the taxpayer's own address only), neither is
disclosed where nothing tells which taxpayer the person is (NOT_DISCLOSED, M_AMBIGUOUS, as
for two people answered with one taxpayer: decide/batchwise.py); where one request's own
TIN or exact date of birth settles its taxpayer, that one is answered and the other held.

Every person, TIN and A-number here is invented; each case is driven through the real CLI
(`tests/e2e/handmade.py`)."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import decide, home_with

CHI = ("Chicago", "IL", "60629")
PLACE = {"city": "CHICAGO", "state": "IL", "zip": "60629"}
TAXPAYERS = [("620340001", "SSN", "MARISOL", "", "QUINTERO", "", "1984-02-02", ""),
             ("620340002", "SSN", "MARISOL", "", "VEGA", "", "1979-07-07", "")]
ADDRESSES = [("620340001", "12 Birch St", "", *CHI, "RETURN", "2025", "2026-02-26"),
             ("620340002", "30 Oak Ave", "", *CHI, "RETURN", "2025", "2026-02-26")]
QUINTERO = dict(PLACE, first_name="MARISOL", last_name="QUINTERO", street="12 BIRCH ST")
VEGA = dict(PLACE, first_name="MARISOL", last_name="VEGA", street="30 OAK AVE")
HELD = ("NOT_DISCLOSED", "M_AMBIGUOUS", "")


def _seen(got: dict[str, dict[str, str]]) -> dict[str, tuple[str, str, str]]:
    return {rid: (r["disposition"], r["reason_codes"], r["match_tin"]) for rid, r in got.items()}


def test_one_a_number_answered_with_two_taxpayers_is_disclosed_to_neither(
        tmp_path: Path) -> None:
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    # the A-number written two ways is one number (rules.record.a_number_of)
    got = _seen(decide(home, key, tmp_path, [
        dict(QUINTERO, request_id="Q1", a_number="A055555555"),
        dict(VEGA, request_id="V1", a_number="A-055-555-555")], "ICE-2026-340001"))
    assert got == {"Q1": HELD, "V1": HELD}, got


def test_the_request_its_taxpayer_settles_is_answered_and_the_other_held(
        tmp_path: Path) -> None:
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    got = _seen(decide(home, key, tmp_path, [
        dict(QUINTERO, request_id="Q1", a_number="A066666666", date_of_birth="1984-02-02"),
        dict(VEGA, request_id="V1", a_number="A066666666")], "ICE-2026-340002"))
    assert got["Q1"] == ("DISCLOSE", "M_MATCH", "620340001"), got
    assert got["V1"] == HELD, got


def test_two_a_numbers_or_one_taxpayer_hold_nothing_back(tmp_path: Path) -> None:
    """Controls: two A-numbers are two people, each answered; an A-number beside none
    tells nothing; one A-number whose other name finds no taxpayer names no second."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    got = _seen(decide(home, key, tmp_path, [
        dict(QUINTERO, request_id="Q1", a_number="A077777777"),
        dict(VEGA, request_id="V1", a_number="A088888888")], "ICE-2026-340003"))
    assert got == {"Q1": ("DISCLOSE", "M_MATCH", "620340001"),
                   "V1": ("DISCLOSE", "M_MATCH", "620340002")}, got
    got = _seen(decide(home, key, tmp_path, [
        dict(QUINTERO, request_id="Q2", a_number="A099999999"),
        dict(VEGA, request_id="V2")], "ICE-2026-340004"))
    assert got["Q2"][0] in ("DISCLOSE", "REVIEW") and got["V2"][0] in ("DISCLOSE", "REVIEW"), got
    got = _seen(decide(home, key, tmp_path, [
        dict(QUINTERO, request_id="Q3", a_number="A011112222"),
        dict(QUINTERO, request_id="Z3", last_name="ZAMORA", a_number="A011112222")],
        "ICE-2026-340005"))
    assert got["Q3"][0] in ("DISCLOSE", "REVIEW") and got["Z3"][0] == "NOT_DISCLOSED", got

"""Red team r16 (session 29): "the same again" — one taxpayer answered for two requests of
one batch that are two people, and one written request submitted twice.

Every person, TIN and address here is invented. Each case is driven through the real CLI
(`tests/e2e/handmade.py`)."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.e2e.handmade import (
    decide,
    dgate,
    home_with,
)

CHI = ("Chicago", "IL", "60629")
PLACE = {"city": "CHICAGO", "state": "IL", "zip": "60629"}


def _tp(tin: str, first: str, last: str, *, suffix: str = "", dob: str = "") -> tuple[str, ...]:
    return (tin, "SSN", first, "", last, suffix, dob, "")


def _ad(tin: str, street: str, date: str = "2026-02-26") -> tuple[str, ...]:
    return (tin, street, "", *CHI, "RETURN", "2025", date)


# One WALTER BRENNAN on file (no date of birth, no generation); one LUCIA FERRARO with her
# date of birth; one AMOS QUILLFEATHER who moved (two addresses of his history).
TAXPAYERS = [_tp("616100001", "WALTER", "BRENNAN"),
             _tp("616100002", "LUCIA", "FERRARO", dob="1990-05-05"),
             _tp("616100003", "AMOS", "QUILLFEATHER")]
ADDRESSES = [_ad("616100001", "40 Birch St"), _ad("616100002", "41 Birch St"),
             _ad("616100003", "42 Birch St", "2024-02-01"),
             _ad("616100003", "90 Cedar Ave", "2026-02-26")]
WALTER = dict(PLACE, first_name="WALTER", last_name="BRENNAN", street="40 BIRCH ST")
LUCIA = dict(PLACE, first_name="LUCIA", last_name="FERRARO", street="41 BIRCH ST")
AMOS = dict(PLACE, first_name="AMOS", last_name="QUILLFEATHER")
# handmade.TAXPAYERS' MARIA GUADALUPE GARCIA LOPEZ, at her old address (handmade.CASES R1)
MARIA = dict(first_name="Maria Guadalupe", last_name="Garcia", street="123 N Main St", unit="#4B",
             city="Austin", state="TX", zip="78701-1234")


def test_one_taxpayer_is_not_disclosed_for_two_people_of_one_batch(tmp_path: Path) -> None:
    """decisions.md: DISCLOSE when "exactly one taxpayer matches name and address". Two
    requests of one batch for WALTER BRENNAN at 40 BIRCH ST, one born 1950 and one born
    1980 (a father and his son: R_DUPLICATE itself reads two dates of birth as two people),
    each disclosed the one WALTER BRENNAN on file (no date of birth there) at p 0.99997:
    the batch names two people and the office holds one of them, so one of the two
    disclosures is of that taxpayer's address to a request about someone else. Likewise
    a JR and a SR asked at one address where one undated namesake lives: both went to
    review on the same taxpayer, for a reviewer to disclose him twice. Asked apart (in two
    batches) each still reads as before; together, the request the taxpayer's own record
    does not settle is not disclosed (M_AMBIGUOUS)."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    got = decide(home, key, tmp_path, [
        dict(WALTER, request_id="W1", date_of_birth="1950-01-01"),
        dict(WALTER, request_id="W2", date_of_birth="1980-01-01"),
        dict(WALTER, request_id="W3", name_suffix="JR"),
        dict(WALTER, request_id="W4", name_suffix="SR"),
        # LUCIA's own date of birth settles L1; L2's, one digit off, is another person's
        dict(LUCIA, request_id="L1", date_of_birth="1990-05-05"),
        dict(LUCIA, request_id="L2", date_of_birth="1990-05-08"),
        # one person asked at two addresses of his history: nothing tells two people apart
        dict(AMOS, request_id="A1", street="42 BIRCH ST"),
        dict(AMOS, request_id="A2", street="90 CEDAR AVE"),
        # one person asked again with the ZIP left out, or with her given names split over
        # the first- and middle-name fields (red team r5's open R_DUPLICATE): each was
        # disclosed again; each is R_DUPLICATE
        dict(MARIA, request_id="M1"), dict(MARIA, request_id="M2", zip=""),
        dict(MARIA, request_id="M3", first_name="Maria", middle_name="Guadalupe"),
    ], "ICE-2026-161001")
    seen = {rid: (r["disposition"], r["reason_codes"], r["match_tin"])
            for rid, r in got.items()}
    for rid in ("W1", "W2", "W3", "W4", "L2"):
        assert seen[rid][0] == "NOT_DISCLOSED" and seen[rid][2] == "", (rid, seen[rid])
        assert "M_AMBIGUOUS" in seen[rid][1].split(";"), (rid, seen[rid])
    assert seen["L1"] == ("DISCLOSE", "M_MATCH", "616100002"), seen["L1"]
    assert seen["A1"][0] == seen["A2"][0] == "DISCLOSE", seen
    assert seen["A1"][2] == seen["A2"][2] == "616100003", seen
    assert seen["M1"] == ("DISCLOSE", "M_MATCH", "401223344"), seen["M1"]
    assert seen["M2"] == seen["M3"] == ("REJECTED", "R_DUPLICATE", ""), seen
    # nothing of these is left for a reviewer to disclose
    listed = dgate(home, "review", "list", "ICE-2026-161001", user="rev")
    assert listed.code == 0 and len(listed.out.strip().splitlines()) == 1, listed.out
    # released: only L1, A1, A2 and M1 leave, and the ledger holds the decisions as stored
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", "ICE-2026-161001", user=officer).code == 0
    out = tmp_path / "response.csv"
    assert dgate(home, "batch", "release", "ICE-2026-161001", "--out", str(out),
                 user="off1").code == 0
    with out.open(encoding="utf-8", newline="") as fh:
        sent = {r["request_id"]: r["outcome"] for r in csv.DictReader(fh)}
    assert sorted(k for k, v in sent.items() if v == "DISCLOSED") == ["A1", "A2", "L1", "M1"], sent
    verified = dgate(home, "ledger", "verify", user="aud")
    assert verified.code == 0, verified.out + verified.err
    # controls: asked apart from their rivals (W1 and W3 contradict neither the other nor
    # L2), each reads as it did
    apart = decide(home, key, tmp_path, [dict(WALTER, request_id="W1", date_of_birth="1950-01-01"),
                                         dict(WALTER, request_id="W3", name_suffix="JR"),
                                         dict(LUCIA, request_id="L2", date_of_birth="1990-05-08")],
                   "ICE-2026-161002")
    assert {rid: r["disposition"] for rid, r in apart.items()} == {
        "W1": "DISCLOSE", "W3": "REVIEW", "L2": "REVIEW"}, apart

"""Red team r32: two alien registration numbers, one taxpayer.

request-format.md: `a_number`, the alien registration number. DHS gives a noncitizen one
A-number (the number of the person's A-file), so two requests giving the same name at one
address with two A-numbers are two people by their own fields, as two dates of birth or
two TINs are (r16, r19, r20). The A-number was read only to find the
same person again (R_DUPLICATE at any address, red team r12), never to tell two apart:

- in one batch, WALTER BRENNAN at 40 BIRCH ST under A-number 11111111 and again under
  22222222 made the second a repeat of the first (R_DUPLICATE), and the first was
  disclosed the one undated WALTER BRENNAN on file: his address to a request that is, by
  the batch's own word, one of two people;
- a batch later, WALTER BRENNAN under a third A-number was disclosed him again
  (`submit._asked_before` read the date of birth, TIN and generation only).

Every person, TIN and A-number here is invented; each case is driven through the real CLI
(`tests/e2e/handmade.py`)."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import decide, home_with

CHI = ("Chicago", "IL", "60629")
PLACE = {"city": "CHICAGO", "state": "IL", "zip": "60629"}
TAXPAYERS = [("620320001", "SSN", "WALTER", "", "BRENNAN", "", "", ""),
             ("620320002", "SSN", "LUCIA", "", "FERRARO", "", "1990-05-05", "")]
ADDRESSES = [("620320001", "40 Birch St", "", *CHI, "RETURN", "2025", "2026-02-26"),
             ("620320002", "41 Birch St", "", *CHI, "RETURN", "2025", "2026-02-26")]
WALTER = dict(PLACE, first_name="WALTER", last_name="BRENNAN", street="40 BIRCH ST")
LUCIA = dict(PLACE, first_name="LUCIA", last_name="FERRARO", street="41 BIRCH ST")
HELD = ("NOT_DISCLOSED", "M_AMBIGUOUS", "")


def _seen(got: dict[str, dict[str, str]]) -> dict[str, tuple[str, str, str]]:
    return {rid: (r["disposition"], r["reason_codes"], r["match_tin"]) for rid, r in got.items()}


def test_two_a_numbers_at_one_address_are_two_people_in_one_batch(tmp_path: Path) -> None:
    """decisions.md R_DUPLICATE: "the same person appears again"; DISCLOSE: "exactly one
    taxpayer matches". Two A-numbers are two people: neither repeats the other, and the one
    undated taxpayer both find is held back for both (M_AMBIGUOUS), as for two dates of
    birth (r16). A repeat that gives the A-number the first record left out names the
    first's person (r19): WALTER, then WALTER under 11111111, then under 22222222 holds the
    first and the third back. Controls: the same A-number written two ways is one person
    (R_DUPLICATE, the first disclosed); one A-number beside none is no contradiction; a
    taxpayer whose own record settles the request (LUCIA's exact date of birth) is
    disclosed to it whatever the other request's A-number."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    got = _seen(decide(home, key, tmp_path, [
        dict(WALTER, request_id="W1", a_number="A011111111"),
        dict(WALTER, request_id="W2", a_number="A-022-222-222"),
        dict(LUCIA, request_id="L1", a_number="A033333333", date_of_birth="1990-05-05"),
        dict(LUCIA, request_id="L2", a_number="A044444444")], "ICE-2026-320001"))
    assert got["W1"] == HELD and got["W2"] == HELD, got
    assert got["L1"] == ("DISCLOSE", "M_MATCH", "620320002"), got
    assert got["L2"] == HELD, got

    got = _seen(decide(home, key, tmp_path, [
        dict(WALTER, request_id="R1"),
        dict(WALTER, request_id="R2", a_number="11111111"),
        dict(WALTER, request_id="R3", a_number="22222222")], "ICE-2026-320002"))
    assert got["R1"] == HELD and got["R3"] == HELD, got
    assert got["R2"][:2] == ("REJECTED", "R_DUPLICATE"), got

    home, key = home_with(tmp_path / "controls", TAXPAYERS, ADDRESSES)
    got = _seen(decide(home, key, tmp_path / "controls", [
        dict(WALTER, request_id="S1", a_number="A011111111"),
        dict(WALTER, request_id="S2", a_number="11111111"),
        dict(WALTER, request_id="S3")], "ICE-2026-320003"))
    assert got["S1"] == ("DISCLOSE", "M_MATCH", "620320001"), got
    assert got["S2"][:2] == got["S3"][:2] == ("REJECTED", "R_DUPLICATE"), got


def test_a_later_batch_under_another_a_number_goes_to_review(tmp_path: Path) -> None:
    """Red team r20's look across batches (`submit._asked_before`): WALTER BRENNAN under
    A-number 11111111 was disclosed the one undated WALTER BRENNAN on file; a week later
    WALTER BRENNAN under 22222222 was disclosed him again. The later request now goes to a
    person (REVIEW, earlier_other_person); its reviewer cannot confirm it while the first
    stands (r22). Controls: the same A-number again, or none, is decided as before."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    first = _seen(decide(home, key, tmp_path,
                         [dict(WALTER, request_id="W1", a_number="A011111111")],
                         "ICE-2026-320101"))
    assert first["W1"] == ("DISCLOSE", "M_MATCH", "620320001"), first
    again = _seen(decide(home, key, tmp_path, [
        dict(WALTER, request_id="W2", a_number="011111111")], "ICE-2026-320102"))
    assert again["W2"] == ("DISCLOSE", "M_MATCH", "620320001"), again
    bare = _seen(decide(home, key, tmp_path, [dict(WALTER, request_id="W3")],
                        "ICE-2026-320103"))
    assert bare["W3"] == ("DISCLOSE", "M_MATCH", "620320001"), bare
    other = decide(home, key, tmp_path, [dict(WALTER, request_id="W4", a_number="A022222222")],
                   "ICE-2026-320104")["W4"]
    assert (other["disposition"], other["reason_codes"], other["match_tin"]) == (
        "REVIEW", "M_REVIEW", "620320001"), other


def test_the_same_person_to_the_letter_and_the_day_under_two_a_numbers_is_a_repeat(
        tmp_path: Path) -> None:
    """Session 35, from an acceptance audit written from the contract alone: a copy of a
    request under a fresh A-number (JUANA ELENA GARCIA, born 2005-04-26, at one address,
    the name cased and the street type spelled otherwise) was held back with its original
    (both NOT_DISCLOSED M_AMBIGUOUS), where decisions.md's R_DUPLICATE ("the same person
    appears again in the batch") rejects the copy and the first is decided alone. Both
    give the same date of birth and the same names as written: one person asked twice,
    not two people the batch names alike to the letter and the day. Controls, still two
    people by r32's reading: the same date with a name written more fully on one side
    (twins asked by their first given name: WALTER / WALTER JAMES), and two A-numbers
    without a date of birth (the first test)."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    got = _seen(decide(home, key, tmp_path, [
        dict(WALTER, request_id="J1", first_name="WALTER PAUL", a_number="A011111111",
             date_of_birth="1962-03-03"),
        dict(WALTER, request_id="J2", first_name="Walter Paul", last_name="Brennan",
             street="40 BIRCH STREET", a_number="A022222222", date_of_birth="1962-03-03")],
        "ICE-2026-320201"))
    assert got["J1"] == ("DISCLOSE", "M_MATCH", "620320001"), got
    assert got["J2"][:2] == ("REJECTED", "R_DUPLICATE"), got

    got = _seen(decide(home, key, tmp_path, [
        dict(WALTER, request_id="K1", a_number="A011111111", date_of_birth="1962-03-03"),
        dict(WALTER, request_id="K2", middle_name="JAMES", a_number="A022222222",
             date_of_birth="1962-03-03")], "ICE-2026-320202"))
    assert got["K1"] == HELD and got["K2"] == HELD, got

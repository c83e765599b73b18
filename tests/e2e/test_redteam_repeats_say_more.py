"""Red team r32: what a repeat says of its person, read by matching.

decisions.md R_DUPLICATE: "the same person appears again in the batch (every occurrence
after the first)". A repeat is rejected and its first occurrence decided. Red team r19
made a person "what its records say together" for the rivals of one batch
(rules.record.batch_people), but the first occurrence was still matched on its own fields:

- WALTER BRENNAN born 1962-07-15 at 40 BIRCH ST, alone, is NOT_DISCLOSED M_CONFLICT (the
  WALTER BRENNAN on file there was born 1980-01-01). Written twice, first without the date
  of birth and then with it, the dated copy was the repeat (R_DUPLICATE) and the bare one
  was DISCLOSED: the taxpayer's address to a request the batch itself says is about a man
  born 1962 — one record more turned a conflict into a disclosure;
- the same with the TIN: a repeat giving another taxpayer's TIN (M_CONFLICT alone).

Every person and TIN here is invented; each case is driven through the real CLI
(`tests/e2e/handmade.py`)."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import decide, home_with

CHI = ("Chicago", "IL", "60629")
PLACE = {"city": "CHICAGO", "state": "IL", "zip": "60629"}
TAXPAYERS = [("620320101", "SSN", "WALTER", "", "BRENNAN", "", "1980-01-01", ""),
             ("620320102", "SSN", "HENRIK", "", "OSTROWSKI", "", "", ""),
             ("620320103", "SSN", "LUCIA", "", "FERRARO", "", "1990-05-05", "")]
ADDRESSES = [("620320101", "40 Birch St", "", *CHI, "RETURN", "2025", "2026-02-26"),
             ("620320102", "44 Birch St", "", *CHI, "RETURN", "2025", "2026-02-26"),
             ("620320103", "41 Birch St", "", *CHI, "RETURN", "2025", "2026-02-26")]
WALTER = dict(PLACE, first_name="WALTER", last_name="BRENNAN", street="40 BIRCH ST")
HENRIK = dict(PLACE, first_name="HENRIK", last_name="OSTROWSKI", street="44 BIRCH ST")
LUCIA = dict(PLACE, first_name="LUCIA", last_name="FERRARO", street="41 BIRCH ST")


def _seen(got: dict[str, dict[str, str]]) -> dict[str, tuple[str, str, str]]:
    return {rid: (r["disposition"], r["reason_codes"], r["match_tin"]) for rid, r in got.items()}


def test_a_repeat_that_contradicts_the_taxpayer_is_read_with_its_first(
        tmp_path: Path) -> None:
    """The first occurrence is matched with the date of birth and TIN its repeats give
    where it gives none: the batch's WALTER BRENNAN born 1962 is not the one born 1980 on
    file (M_CONFLICT, as the dated record alone), nor is the WALTER BRENNAN whose repeat
    gives HENRIK's TIN. Controls: the dated record alone (M_CONFLICT), in the other order
    (its bare copy the repeat); a repeat giving the taxpayer's own date of birth
    (LUCIA, disclosed); a bare repeat (HENRIK, disclosed)."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    alone = _seen(decide(home, key, tmp_path, [
        dict(WALTER, request_id="A1", date_of_birth="1962-07-15")], "ICE-2026-320201"))
    assert alone["A1"] == ("NOT_DISCLOSED", "M_CONFLICT", ""), alone
    got = _seen(decide(home, key, tmp_path, [
        dict(WALTER, request_id="W1"),
        dict(WALTER, request_id="W2", date_of_birth="1962-07-15"),
        dict(LUCIA, request_id="L1"),
        dict(LUCIA, request_id="L2", date_of_birth="1990-05-05"),
        dict(HENRIK, request_id="H1"),
        dict(HENRIK, request_id="H2")], "ICE-2026-320202"))
    assert got["W1"] == ("NOT_DISCLOSED", "M_CONFLICT", ""), got
    assert got["L1"] == ("DISCLOSE", "M_MATCH", "620320103"), got
    assert got["H1"] == ("DISCLOSE", "M_MATCH", "620320102"), got
    for rid in ("W2", "L2", "H2"):
        assert got[rid][:2] == ("REJECTED", "R_DUPLICATE"), got
    other_order = _seen(decide(home, key, tmp_path, [
        dict(WALTER, request_id="V1", date_of_birth="1962-07-15"),
        dict(WALTER, request_id="V2")], "ICE-2026-320203"))
    assert other_order["V1"] == ("NOT_DISCLOSED", "M_CONFLICT", ""), other_order
    assert other_order["V2"][:2] == ("REJECTED", "R_DUPLICATE"), other_order
    tin = _seen(decide(home, key, tmp_path, [
        dict(WALTER, request_id="T1"),
        dict(WALTER, request_id="T2", tin="620-32-0102")], "ICE-2026-320204"))
    assert tin["T1"][:2] == ("NOT_DISCLOSED", "M_CONFLICT"), tin
    assert tin["T2"][:2] == ("REJECTED", "R_DUPLICATE"), tin


def test_a_repeat_whose_middle_name_conflicts_is_read_with_its_first(tmp_path: Path) -> None:
    """WALTER JAMES BRENNAN alone, where WALTER PAUL BRENNAN is on file, goes to a person
    (a conflicting middle name: REVIEW). Written first as WALTER BRENNAN and then as WALTER
    JAMES BRENNAN, the second is the repeat and the bare one is DISCLOSED without anyone
    looking."""
    home, key = home_with(
        tmp_path, [("620320201", "SSN", "WALTER", "PAUL", "BRENNAN", "", "", "")],
        [("620320201", "40 Birch St", "", *CHI, "RETURN", "2025", "2026-02-26")])
    alone = _seen(decide(home, key, tmp_path, [
        dict(WALTER, request_id="A1", middle_name="JAMES")], "ICE-2026-320301"))
    assert alone["A1"] == ("REVIEW", "M_REVIEW", "620320201"), alone
    got = _seen(decide(home, key, tmp_path, [
        dict(WALTER, request_id="W1"),
        dict(WALTER, request_id="W2", middle_name="JAMES")], "ICE-2026-320302"))
    assert got["W2"][:2] == ("REJECTED", "R_DUPLICATE"), got
    assert got["W1"][0] in ("REVIEW", "NOT_DISCLOSED"), got


PAUL_ON_FILE = [("620320201", "SSN", "WALTER", "PAUL", "BRENNAN", "", "", ""),
                ("620320202", "SSN", "WALTER", "", "BRENNAN", "", "", "")]
PAUL_AT = [("620320201", "40 Birch St", "", *CHI, "RETURN", "2025", "2026-02-26"),
           ("620320202", "42 Birch St", "", *CHI, "RETURN", "2025", "2026-02-26")]
HELD = ("NOT_DISCLOSED", "M_AMBIGUOUS", "")


def test_two_middle_names_in_one_batch_are_two_people_and_neither_is_disclosed(
        tmp_path: Path) -> None:
    """Red team r33. WALTER BRENNAN, then WALTER JAMES BRENNAN, then WALTER PAUL BRENNAN
    at 40 BIRCH ST (WALTER PAUL BRENNAN on file there): the batch names two people whom
    only their middle names tell apart, as it would with two dates of birth (R_DUPLICATE:
    the third is no repeat). The first is WALTER JAMES BRENNAN's request (REVIEW alone),
    the third WALTER PAUL BRENNAN's (DISCLOSE alone); one taxpayer answers both: both held
    back (batchwise.rivals: a middle name settles nothing; the TIN or the exact date of
    birth does). In the other order the same. A first request that gives its own middle
    name (PAUL) and a repeat that gives another (JAMES) are two people too: its own words
    are not overridden, nor does it stay alone. Controls: the same two at 42 BIRCH ST,
    where an undated WALTER BRENNAN without a middle name is on file (both held back: the
    taxpayer is at most one of them; before, the second was the repeat and the first was
    disclosed); WALTER PAUL BRENNAN giving the taxpayer's TIN (settled: disclosed, the
    JAMES request held back)."""
    home, key = home_with(tmp_path, PAUL_ON_FILE, PAUL_AT)
    w = dict(WALTER)
    one_way = _seen(decide(home, key, tmp_path, [
        dict(w, request_id="C1"), dict(w, request_id="C2", middle_name="JAMES"),
        dict(w, request_id="C3", middle_name="PAUL")], "ICE-2026-330101"))
    assert one_way == {"C1": HELD, "C2": ("REJECTED", "R_DUPLICATE", ""), "C3": HELD}, one_way
    other_way = _seen(decide(home, key, tmp_path, [
        dict(w, request_id="D1"), dict(w, request_id="D2", middle_name="PAUL"),
        dict(w, request_id="D3", middle_name="JAMES")], "ICE-2026-330102"))
    assert other_way == {"D1": HELD, "D2": ("REJECTED", "R_DUPLICATE", ""), "D3": HELD}, \
        other_way
    own = _seen(decide(home, key, tmp_path, [
        dict(w, request_id="F1", middle_name="PAUL"),
        dict(w, request_id="F2", middle_name="JAMES")], "ICE-2026-330103"))
    assert own == {"F1": HELD, "F2": HELD}, own
    bare = dict(w, street="42 BIRCH ST")
    on_file_bare = _seen(decide(home, key, tmp_path, [
        dict(bare, request_id="E1", middle_name="JAMES"),
        dict(bare, request_id="E2", middle_name="PAUL")], "ICE-2026-330104"))
    assert on_file_bare == {"E1": HELD, "E2": HELD}, on_file_bare
    settled = _seen(decide(home, key, tmp_path, [
        dict(w, request_id="S1", middle_name="PAUL", tin="620-32-0201"),
        dict(w, request_id="S2", middle_name="JAMES")], "ICE-2026-330105"))
    assert settled == {"S1": ("DISCLOSE", "M_MATCH", "620320201"), "S2": HELD}, settled


def test_a_middle_initial_and_the_full_middle_name_are_one_person(tmp_path: Path) -> None:
    """An initial and the full middle name it begins are one person's (R_DUPLICATE's
    repeat, as before): WALTER BRENNAN, then WALTER P BRENNAN, then WALTER PAUL BRENNAN,
    where WALTER PAUL BRENNAN is on file, is disclosed; WALTER P BRENNAN then WALTER PAUL
    BRENNAN too. The first is matched with the fullest middle name its repeats give:
    WALTER BRENNAN, then WALTER J BRENNAN, then WALTER JAMES BRENNAN is WALTER JAMES
    BRENNAN's request (REVIEW, as alone; before, disclosed), and so is WALTER J BRENNAN
    then WALTER JAMES BRENNAN."""
    home, key = home_with(tmp_path, PAUL_ON_FILE, PAUL_AT)
    w = dict(WALTER)
    got = _seen(decide(home, key, tmp_path, [
        dict(w, request_id="I1"), dict(w, request_id="I2", middle_name="P."),
        dict(w, request_id="I3", middle_name="PAUL")], "ICE-2026-330201"))
    assert got["I1"] == ("DISCLOSE", "M_MATCH", "620320201"), got
    assert got["I2"][:2] == got["I3"][:2] == ("REJECTED", "R_DUPLICATE"), got
    initial_first = _seen(decide(home, key, tmp_path, [
        dict(w, request_id="J1", middle_name="P"),
        dict(w, request_id="J2", middle_name="PAUL")], "ICE-2026-330202"))
    assert initial_first["J1"] == ("DISCLOSE", "M_MATCH", "620320201"), initial_first
    assert initial_first["J2"][:2] == ("REJECTED", "R_DUPLICATE"), initial_first
    fullest = _seen(decide(home, key, tmp_path, [
        dict(w, request_id="K1"), dict(w, request_id="K2", middle_name="J"),
        dict(w, request_id="K3", middle_name="JAMES")], "ICE-2026-330203"))
    assert fullest["K1"] == ("REVIEW", "M_REVIEW", "620320201"), fullest
    assert fullest["K2"][:2] == fullest["K3"][:2] == ("REJECTED", "R_DUPLICATE"), fullest
    # an initial of its own, the full name its repeat's: WALTER P BRENNAN, then WALTER
    # PETER BRENNAN, is WALTER PETER BRENNAN's request (PETER / PAUL: REVIEW, as alone)
    told_more = _seen(decide(home, key, tmp_path, [
        dict(w, request_id="P1", middle_name="P"),
        dict(w, request_id="P2", middle_name="PETER")], "ICE-2026-330204"))
    assert told_more["P1"] == ("REVIEW", "M_REVIEW", "620320201"), told_more
    assert told_more["P2"][:2] == ("REJECTED", "R_DUPLICATE"), told_more

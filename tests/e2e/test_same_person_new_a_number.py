"""Session 37 (audit 23, departure 1): the same person asked again a batch later under
another A-number.

Within one batch two records at one address that give the same date of birth and the same
names as written (accents, case and punctuation aside) are one person asked twice whatever
their A-numbers (session 35: R_DUPLICATE for the second). Across batches a later request
for a taxpayer an earlier batch disclosed under another A-number went to review as another
person (earlier_other_person), which a reviewer may only refuse: audit 23 found 23 such
items in its batch 2 whose truth is "disclosable" (DHS A-files not merged, or a typo). The
later request is now read as the batch reads two such records: the same names as written,
the same date of birth (both given) and one address make it the same person, decided as if
the A-number were the same, at submit, at review and at the release alike. Anything short
of all three stays as it was: two people of one name may live together, and their
A-numbers are what tells them apart. Every person, TIN and A-number here is invented; each
case is driven through the real CLI (`tests/e2e/handmade.py`)."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import decide, dgate, home_with

CHI = ("Chicago", "IL", "60629")
PLACE = {"city": "CHICAGO", "state": "IL", "zip": "60629"}


def _tp(tin: str, first: str, middle: str, last: str, dob: str = "") -> tuple[str, ...]:
    return (tin, "SSN", first, middle, last, "", dob, "")


def _ad(tin: str, street: str, unit: str = "", when: str = "2026-02-26") -> tuple[str, ...]:
    return (tin, street, unit, *CHI, "RETURN", "2025", when)


def _release(home: Path, batch: str, tmp: Path) -> int:
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", batch, user=officer).code == 0
    return dgate(home, "batch", "release", batch, "--out", str(tmp / f"{batch}.out"),
                 user="off1").code


def _items(home: Path, batch: str) -> dict[str, tuple[str, list[str]]]:
    """request id -> (review item key, its reasons) of a batch's review list."""
    return {ln.split()[2]: (ln.split()[0], ln.split()[-1].split(";"))
            for ln in dgate(home, "review", "list", batch, user="rev").out.splitlines()[1:]}


def _seen(got: dict[str, dict[str, str]]) -> dict[str, tuple[str, str]]:
    return {rid: (r["disposition"], r["match_tin"]) for rid, r in got.items()}


# JUANA ELENA GARCIA on file without a date of birth (no request is settled by her record);
# LUIS MENDEZ with his (both of his requests are: compare.assess's dob level 3)
TAXPAYERS = [_tp("620430001", "JUANA", "ELENA", "GARCIA"),
             _tp("620430002", "LUIS", "", "MENDEZ", "1971-07-07")]
ADDRESSES = [_ad("620430001", "40 Birch St", "Apt 2"), _ad("620430002", "44 Birch St")]
JUANA = dict(PLACE, first_name="JUANA", middle_name="ELENA", last_name="GARCIA",
             street="40 BIRCH ST", unit="APT 2", date_of_birth="2005-04-26")
LUIS = dict(PLACE, first_name="LUIS", last_name="MENDEZ", street="44 BIRCH ST",
            date_of_birth="1971-07-07")


def test_the_same_person_under_a_new_a_number_is_disclosed_and_released(
        tmp_path: Path) -> None:
    """Batch 1 discloses JUANA ELENA GARCIA (A011111111) and LUIS MENDEZ (A033333333) and is
    released; batch 2 asks for both again under new A-numbers, written otherwise (case,
    accents, the street type spelled out, the unit as #2, no ZIP, the date of birth as
    MM/DD/YYYY). Both were REVIEW (earlier_other_person), and a reviewer could only refuse
    them; both are DISCLOSE now, nothing is left in review, and the batch is released
    (the release's own check, `for_another`, reads them as submit did)."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    first = _seen(decide(home, key, tmp_path, [
        dict(JUANA, request_id="J1", a_number="A011111111"),
        dict(LUIS, request_id="L1", a_number="A033333333")], "ICE-2026-430001"))
    assert first == {"J1": ("DISCLOSE", "620430001"), "L1": ("DISCLOSE", "620430002")}, first
    assert _release(home, "ICE-2026-430001", tmp_path) == 0
    later = _seen(decide(home, key, tmp_path, [
        dict(JUANA, request_id="J2", first_name="Juana", middle_name="Elena",
             last_name="García", street="40 Birch Street", unit="#2", zip="",
             city="Chicago", date_of_birth="04/26/2005", a_number="A-022-222-222"),
        dict(LUIS, request_id="L2", first_name="Luis", last_name="Méndez",
             a_number="044444444")], "ICE-2026-430002"))
    assert later == {"J2": ("DISCLOSE", "620430001"), "L2": ("DISCLOSE", "620430002")}, later
    assert _items(home, "ICE-2026-430002") == {}
    assert _release(home, "ICE-2026-430002", tmp_path) == 0


def test_the_person_a_batch_told_is_the_one_compared(tmp_path: Path) -> None:
    """The earlier request read as its batch told it (its decision's sealed "as_told"):
    JUANA ELENA GARCIA asked without a date of birth, then again under the same A-number
    born 2005-04-26 (R_DUPLICATE, which tells the first her date of birth). A batch later,
    the same names, date of birth and address under another A-number are her again; the
    release agrees."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    first = _seen(decide(home, key, tmp_path, [
        dict(JUANA, request_id="J1", a_number="A011111111", date_of_birth=""),
        dict(JUANA, request_id="J1b", a_number="A011111111")], "ICE-2026-430101"))
    assert first["J1"] == ("DISCLOSE", "620430001"), first
    assert _release(home, "ICE-2026-430101", tmp_path) == 0
    later = _seen(decide(home, key, tmp_path, [
        dict(JUANA, request_id="J2", a_number="A022222222")], "ICE-2026-430102"))
    assert later == {"J2": ("DISCLOSE", "620430001")}, later
    assert _release(home, "ICE-2026-430102", tmp_path) == 0


# One undated taxpayer per counter-case (a batch asking twice for one taxpayer holds both
# back within the batch), and one asked again exactly, as the control.
COUNTER = {
    # tin: (last name, what batch 1 asks with, what batch 2 asks with)
    "620430011": ("GARCIA", {}, {}),  # the control: asked again exactly
    # a middle name written otherwise: ELENA, then E (the same person perhaps, or a sister)
    "620430012": ("HERRERA", {}, {"middle_name": "E"}),
    # a date of birth left out, later or earlier, or another
    "620430013": ("IBARRA", {}, {"date_of_birth": ""}),
    "620430014": ("JIMENEZ", {"date_of_birth": ""}, {}),
    "620430015": ("LOZANO", {}, {"date_of_birth": "2005-04-27"}),
    # another unit of one building, both on file as hers
    "620430016": ("MORALES", {}, {"unit": "APT 3"}),
    # another address (a mover, or two people of one name and one date of birth)
    "620430017": ("NAVARRO", {}, {"street": "212 OAK AVE", "unit": ""}),
}


def _counter_master() -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    taxpayers, addresses = [], []
    for tin, (last, _b1, _b2) in COUNTER.items():
        taxpayers.append(_tp(tin, "JUANA", "ELENA", last))
        addresses.append(_ad(tin, "40 Birch St", "Apt 2", "2025-02-26"))
    # the later unit and the later address, dated later: the last known
    addresses.append(_ad("620430016", "40 Birch St", "Apt 3"))
    addresses.append(_ad("620430017", "212 Oak Ave"))
    return taxpayers, addresses


def test_short_of_names_date_of_birth_and_address_the_later_request_stays_in_review(
        tmp_path: Path) -> None:
    """The line: the same names as written, a date of birth given on both sides and equal,
    and one address (house, street, unit and place, as R_DUPLICATE reads them). A middle
    name written otherwise, a date of birth left out on either side or another, another
    unit or another address: the later request under another A-number still goes to review
    (earlier_other_person), its reviewer may only refuse it, and the batch is then
    released. The control, asked again exactly, is disclosed in the same batch."""
    taxpayers, addresses = _counter_master()
    home, key = home_with(tmp_path, taxpayers, addresses)
    base = dict(JUANA, unit="APT 2")
    first = _seen(decide(home, key, tmp_path, [
        dict(base, request_id=f"{last}-1", last_name=last, a_number=f"A0{n:08d}", **b1)
        for n, (last, b1, _b2) in enumerate(COUNTER.values(), 11111110)], "ICE-2026-430201"))
    assert first == {f"{last}-1": ("DISCLOSE", tin)
                     for tin, (last, _b1, _b2) in COUNTER.items()}, first
    assert _release(home, "ICE-2026-430201", tmp_path) == 0
    later = _seen(decide(home, key, tmp_path, [
        dict(base, request_id=f"{last}-2", last_name=last, a_number=f"A0{n:08d}", **b2)
        for n, (last, _b1, b2) in enumerate(COUNTER.values(), 22222220)], "ICE-2026-430202"))
    assert later == {f"{last}-2": ("DISCLOSE" if last == "GARCIA" else "REVIEW", tin)
                     for tin, (last, _b1, _b2) in COUNTER.items()}, later
    items = _items(home, "ICE-2026-430202")
    assert set(items) == {f"{last}-2" for last, *_ in COUNTER.values() if last != "GARCIA"}
    for rid, (item, reasons) in sorted(items.items()):
        assert "earlier_other_person" in reasons, (rid, reasons)
        assert dgate(home, "review", "decide", item, "--disclose", user="rev").code == 4, rid
        assert dgate(home, "review", "decide", item, "--no-disclose", user="rev").code == 0
    assert _release(home, "ICE-2026-430202", tmp_path) == 0


def test_a_copy_under_another_a_number_giving_her_tin_holds_nothing_back(
        tmp_path: Path) -> None:
    """Within one batch, the reading the batches now share: JUANA ELENA GARCIA asked with
    her TIN under one A-number and copied under another (R_DUPLICATE, session 35) was held
    back (M_AMBIGUOUS), the copy read as another person giving her TIN (red team r34's
    batchwise.tin_given_by_others read the A-number alone); so was she when only the copy
    gave it. The first is disclosed, the copy R_DUPLICATE. A batch later, asked so again
    under a third A-number, she is disclosed again, and both batches are released."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    got = decide(home, key, tmp_path, [
        dict(JUANA, request_id="J1", a_number="A011111111", tin="620430001"),
        dict(JUANA, request_id="J1b", a_number="A022222222", tin="620-43-0001"),
        dict(LUIS, request_id="L1", a_number="A033333333"),
        dict(LUIS, request_id="L1b", a_number="A044444444", tin="620430002")],
        "ICE-2026-430401")
    seen = {rid: (r["disposition"], r["reason_codes"]) for rid, r in got.items()}
    assert seen == {"J1": ("DISCLOSE", "M_MATCH"), "J1b": ("REJECTED", "R_DUPLICATE"),
                    "L1": ("DISCLOSE", "M_MATCH"), "L1b": ("REJECTED", "R_DUPLICATE")}, seen
    assert _release(home, "ICE-2026-430401", tmp_path) == 0
    later = _seen(decide(home, key, tmp_path, [
        dict(JUANA, request_id="J2", a_number="A055555555", tin="620430001"),
        dict(LUIS, request_id="L2", a_number="A066666666", tin="620430002")],
        "ICE-2026-430402"))
    assert later == {"J2": ("DISCLOSE", "620430001"), "L2": ("DISCLOSE", "620430002")}, later
    assert _release(home, "ICE-2026-430402", tmp_path) == 0

"""Session 35, from audit 19 (written from the contract alone): what a repeat tells of a
first occurrence's person, read by matching since red team r32, may settle a taxpayer; so
only a repeat that is a lawful request but for being a repeat, and that writes the given
name and surname as the first does, may tell it.

The audit's case: MOHAMED NASSER asked at 3687 CENTER AVE APT 2D without a date of birth,
and MUHAMMAD NASSER born 2002-01-16 at the same apartment with a taxable period that is not
a year (R_PERIOD). R_DUPLICATE reads MOHAMED and MUHAMMAD as one name, so the second was a
repeat, and it told the first its date of birth; that date settled the ITIN holder MUHAMMAD
NASSER born 2002, and his address was disclosed for a request naming MOHAMED NASSER, while
MOHAMED NASSER born 1989 lives there too (the two are M_AMBIGUOUS, as before r32). A request
the law refuses is not searched, and its fields search for no other (decisions.md: "nothing
about it is looked up in the master file"); a name written another way is a link loose
enough to refuse a repeat with, not to settle a taxpayer by its date.

Every person and TIN here is invented; each case is driven through the real CLI
(`tests/e2e/handmade.py`)."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import decide, home_with

PLACE = {"city": "SPRINGPORT", "state": "MI", "zip": "49284"}
MOHAMED_TIN, MUHAMMAD_TIN = "620350501", "920850502"
TAXPAYERS = [(MOHAMED_TIN, "SSN", "MOHAMED", "", "NASSER", "", "1989-06-11", ""),
             (MUHAMMAD_TIN, "ITIN", "MUHAMMAD", "", "NASSER", "", "2002-01-16", "")]
ADDRESSES = [(MOHAMED_TIN, "3687 Center Ave", "Apt 2D", "Springport", "MI", "49284", "RETURN",
              "2023", "2024-02-08"),
             (MOHAMED_TIN, "654 15th St", "Unit 617", "Phoenix", "AZ", "85018", "RETURN",
              "2020", "2021-04-26"),
             (MUHAMMAD_TIN, "3687 Center Ave", "Apt 2D", "Springport", "MI", "49284", "RETURN",
              "2024", "2025-05-26"),
             (MUHAMMAD_TIN, "5184 Vista Ave", "", "Rockville", "VA", "23146", "RETURN", "2022",
              "2023-06-01")]
MOHAMED = dict(PLACE, first_name="MOHAMED", last_name="NASSER", street="3687 CENTER AVE",
               unit="APT 2D")
HELD = ("NOT_DISCLOSED", "M_AMBIGUOUS", "")


def _seen(got: dict[str, dict[str, str]]) -> dict[str, tuple[str, str, str]]:
    return {rid: (r["disposition"], r["reason_codes"], r["match_tin"]) for rid, r in got.items()}


def test_a_repeat_the_law_refuses_or_written_otherwise_tells_nothing(tmp_path: Path) -> None:
    """The audit's batch, and the same with the repeat lawful but its given name written
    another way (MUHAMMAD): the first stays M_AMBIGUOUS. Control: a lawful repeat written
    as the first (MOHAMED NASSER born 1989-06-11) tells its date, which settles MOHAMED
    (the first is disclosed, the repeat R_DUPLICATE), as r32 reads a repeat."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    muhammad = dict(MOHAMED, first_name="MUHAMMAD", date_of_birth="2002-01-16")
    got = _seen(decide(home, key, tmp_path, [
        dict(MOHAMED, request_id="N1"),
        dict(muhammad, request_id="N2", taxable_periods="2024;20X5")], "ICE-2026-350501"))
    assert got["N1"] == HELD, got
    assert got["N2"][:2] == ("REJECTED", "R_DUPLICATE;R_PERIOD"), got

    got = _seen(decide(home, key, tmp_path, [
        dict(MOHAMED, request_id="N3"), dict(muhammad, request_id="N4")], "ICE-2026-350502"))
    assert got["N3"] == HELD, got
    assert got["N4"][:2] == ("REJECTED", "R_DUPLICATE"), got

    got = _seen(decide(home, key, tmp_path, [
        dict(MOHAMED, request_id="N5"),
        dict(MOHAMED, request_id="N6", date_of_birth="1989-06-11")], "ICE-2026-350503"))
    assert got["N5"] == ("DISCLOSE", "M_MATCH", MOHAMED_TIN), got
    assert got["N6"][:2] == ("REJECTED", "R_DUPLICATE"), got

"""Two namesakes, one with the request's date of birth at a near address, the other at
exactly the requested address with no date on record (an acceptance audit, session 10):
the date's weight put the first past the ambiguity margin and disclosed it, although
nothing said the second was not the person. Synthetic people."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import Cases, decide_each, home_with

_DOB = "1975-04-12"
_CHICAGO = ("Chicago", "IL", "60603", "RETURN", "2025", "2026-02-26")
TAXPAYERS = [
    ("538400001", "SSN", "Leonila", "", "Marlowe", "", _DOB, ""),
    ("538400002", "SSN", "Leonila", "", "Marlowe", "", "", ""),
    ("538400003", "SSN", "Saturnino", "", "Thackeray", "", _DOB, ""),
    ("538400004", "SSN", "Saturnino", "", "Thackeray", "", "", ""),
]
ADDRESSES = [
    ("538400001", "300 Oak St", "", *_CHICAGO),
    ("538400002", "300 Oak St", "Apt 2", *_CHICAGO),
    ("538400003", "500 Elm St", "Apt 7", *_CHICAGO),
    ("538400004", "500 Elm St", "Apt 7", *_CHICAGO),
]
_PLACE = dict(city="CHICAGO", state="IL", zip="60603")


def test_a_date_of_birth_does_not_outweigh_the_exact_address(tmp_path: Path) -> None:
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    oak = dict(first_name="LEONILA", last_name="MARLOWE", street="300 OAK ST")
    elm = dict(first_name="SATURNINO", last_name="THACKERAY", street="500 ELM ST",
               unit="APT 7")
    cases: Cases = {
        # APT 2 is the DOB-less namesake's unit; the other's record has no unit
        "D1": (dict(oak, unit="APT 2", date_of_birth=_DOB), "NOT_DISCLOSED", ""),
        # without the unit, both agree as well on the address, and exactly at it: the date
        # is the one's and says nothing of the other, whose record holds none. Was
        # DISCLOSE ("the date decides"); audits 21-23 read the undated one as plausible as
        # well: a person decides (policy._undated_namesake, tests/e2e/test_undated_namesake)
        "D2": (dict(oak, date_of_birth=_DOB), "REVIEW", ""),
        "D3": (dict(elm, date_of_birth=_DOB), "REVIEW", ""),
        # no date in the request: nothing tells them apart
        "D4": (dict(elm), "NOT_DISCLOSED", ""),
    }
    decide_each(home, key, tmp_path, _PLACE, cases, 3001)

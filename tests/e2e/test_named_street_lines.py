"""A building's, facility's or recipient's name before the street line, set off by a comma.

Session 38: benchmarks/consistency_fuzz.py found "Maricopa County 4th Avenue Jail, 201 S 4th
Ave" R_ADDRESS_FACILITY and R_ADDRESS_INCOMPLETE, and the same line with FOURTH for 4th only
R_ADDRESS_FACILITY (usaddress split the name at the ordinal). Looking closer: "Sunset
Apartments, 201 S 4th Ave" passed the record rules while matching read its street as SUNSET
APARTMENTS 201 S 4TH, no house number (the person's own address never matched), and
"Building 5, 201 S 4th Ave" was R_ADDRESS_INCOMPLETE though it names a house on a street.
Now the rules, the request's address and the master's street lines all read the line after
the name (`normalize.address.named_street_line`). Every person here is invented; the e2e
cases run through the real CLI (`tests/e2e/handmade.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.e2e.handmade import decide_each, home_with

from dgate.normalize.address import named_street_line, normalize_address
from dgate.rules.address import judge_address

PHOENIX = {"city": "Phoenix", "state": "AZ", "zip": "85003"}


@pytest.mark.parametrize(("street", "line"), [
    ("Sunset Apartments, 201 S 4th Ave", "201 S 4th Ave"),
    ("Building 5, 201 S 4th Ave", "201 S 4th Ave"),
    ("Plaza 1st Ave, 201 S 4th Ave", "201 S 4th Ave"),
    ("C/O Maria Lopez, 12 Oak St", "12 Oak St"),
    ("Maricopa County 4th Avenue Jail, 201 S 4th Ave", "201 S 4th Ave"),
    # a house number before the comma: the field is the street line, as it was
    ("201 S 4th Ave, Apt 4", "201 S 4th Ave, Apt 4"),
    ("Apt 4, 201 S 4th Ave", "Apt 4, 201 S 4th Ave"),
    ("123 Main St, 456 Oak Ave", "123 Main St, 456 Oak Ave"),
    ("RR 2, Box 15", "RR 2, Box 15"),
    ("150 Calle A, Urb Las Gladiolas", "150 Calle A, Urb Las Gladiolas"),
    # nothing after the comma names a numbered street: left whole
    ("Jail, 201", "Jail, 201"),
    ("Sunset Apartments, PO Box 12", "Sunset Apartments, PO Box 12"),
])
def test_the_street_line_after_a_name(street: str, line: str) -> None:
    assert named_street_line(street) == line


def test_matching_reads_the_house_after_the_name() -> None:
    got = normalize_address("Sunset Apartments, 201 S 4th Ave", "", *PHOENIX.values())
    want = normalize_address("201 S 4th Ave", "", *PHOENIX.values())
    assert got == want and got.house == "201"


@pytest.mark.parametrize(("street", "codes"), [
    # the two spellings of one facility's line earn the same codes (fuzzer, session 38)
    ("Maricopa County 4th Avenue Jail, 201 S 4th Ave", {"R_ADDRESS_FACILITY"}),
    ("Maricopa County FOURTH Avenue Jail, 201 S FOURTH Ave", {"R_ADDRESS_FACILITY"}),
    # a building's name before a complete street line: an address
    ("Building 5, 201 S 4th Ave", set()),
    ("Plaza 1st Ave, 201 S 4th Ave", set()),
    # REAR: a unit without a number, before the house's line
    ("Rear, 145 Main St", set()),
    # still incomplete: no numbered street anywhere
    ("Sunset Apartments, PO Box 12", {"R_ADDRESS_INCOMPLETE"}),
    ("Jail, 201", {"R_ADDRESS_FACILITY", "R_ADDRESS_INCOMPLETE"}),
])
def test_the_rules_read_the_same_line(street: str, codes: set[str]) -> None:
    assert set(judge_address(dict(PHOENIX, street=street))) == codes


PLACE = ("Phoenix", "AZ", "85003", "RETURN", "2025", "2026-02-26")
TAXPAYERS = [
    ("538380001", "SSN", "Lucinda", "", "Marwick", "", "1983-06-14", ""),
    ("538380002", "SSN", "Tobias", "", "Quarrington", "", "1969-02-03", ""),
]
ADDRESSES = [
    ("538380001", "201 S 4th Ave", "Apt 7", *PLACE),
    # the master's own line carries a recipient's name
    ("538380002", "C/O Hilda Quarrington, 88 W Culver St", "", *PLACE),
]


def test_a_named_line_matches_the_persons_address(tmp_path: Path) -> None:
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    decide_each(home, key, tmp_path, {"city": "PHOENIX", "state": "AZ", "zip": "85003"}, {
        # was NOT_DISCLOSED: the street read as SUNSET APARTMENTS 201 S 4TH, no house
        "N1": (dict(first_name="LUCINDA", last_name="MARWICK", unit="APT 7",
                    street="SUNSET APARTMENTS, 201 S 4TH AVE", date_of_birth="1983-06-14"),
               "DISCLOSE", "538380001"),
        # was REJECTED R_ADDRESS_INCOMPLETE
        "N2": (dict(first_name="LUCINDA", last_name="MARWICK", unit="APT 7",
                    street="BUILDING 5, 201 S 4TH AVE", date_of_birth="1983-06-14"),
               "DISCLOSE", "538380001"),
        # the master's line after its recipient's name is the taxpayer's address
        "N3": (dict(first_name="TOBIAS", last_name="QUARRINGTON", street="88 W CULVER ST",
                    date_of_birth="1969-02-03"), "DISCLOSE", "538380002"),
    }, 3800, alone=True)

"""Red team r21: what the address rules earn for a one-line `address` that names two
addresses, or that the fields beside it contradict (tests/e2e/test_redteam_one_line.py
drives the same through the CLI). Synthetic addresses."""

from __future__ import annotations

from dgate.rules.address import R_ADDRESS_INVALID, judge_address

_LINE = "123 Main St Apt 4, Austin, TX 78701"


TWO = [
    {"address": "45 Oak Ave, 123 Main St Apt 7, Austin, TX 78701"},  # a second street line
    {"address": "123 MAIN ST OR 45 OAK AVE AUSTIN TX 78701"},
    {"address": "45 OAK AVE / 123 MAIN ST, AUSTIN, TX 78701"},
    {"address": "45 OAK AVE; 123 MAIN ST, AUSTIN, TX 78701"},
    {"address": "123 MAIN ST APT 4 & 5 AUSTIN TX 78701"},
    {"address": "123 MAIN ST APT 4 OR 5, AUSTIN, TX 78701"},
    {"address": _LINE, "unit": "Apt 5"},                         # another unit
    {"address": _LINE, "zip": "78704"},                          # another ZIP
    {"address": _LINE, "city": "Round Rock"},                    # a city not of 78701
    {"address": "123 Main St Apt 4, Austin, TX", "city": "Dallas"},
]
ONE = [
    {"address": "123 MAIN ST AUSTIN TX; 78701"},                 # a ZIP after ";"
    {"address": "123 1/2 Main St, Austin, TX 78701"},            # a house's fraction
    {"address": "C/O Diego Ruiz, 123 Main St, Austin, TX 78701"},
    {"address": _LINE, "unit": "#4"},                            # one unit, spelt otherwise
    {"address": _LINE, "zip": "78701-1234"},
    {"address": _LINE, "city": "AUSTIN", "state": "Texas", "zip": "78701"},
    {"address": "123 Main St Bldg 3, Austin, TX 78701", "unit": "Apt 2"},  # building + apt
    {"address": "123 Main St, Hollywood, CA 90028", "city": "Los Angeles"},  # an alias
    {"address": _LINE, "street": "123 North Main Street", "unit": "#4", "city": "Austin",
     "state": "TX", "zip": "78701"},
    {"address": "123 Main St", "city": "Austin", "state": "TX", "zip": "78701"},
]


# With `street` given the line is not read (request-format.md: "used only where `street`
# is empty"): another address written there is no code; the structured fields are the
# request's address.
STREET_GIVEN = [
    {"address": _LINE, "street": "45 Oak Ave", "city": "Austin", "state": "TX",
     "zip": "78701"},
    {"address": _LINE, "street": "125 Main St Apt 4", "city": "Austin", "state": "TX",
     "zip": "78701"},
    {"address": _LINE, "street": "123 Main St", "unit": "Apt 5", "city": "Austin",
     "state": "TX", "zip": "78701"},
    {"address": "45 OAK AVE; 123 MAIN ST, AUSTIN, TX 78701", "street": "45 Oak Ave",
     "city": "Austin", "state": "TX", "zip": "78701"},
]


def test_a_line_beside_a_street_is_not_read() -> None:
    assert [f for f in STREET_GIVEN if judge_address(f)] == []


def test_two_addresses_are_invalid_and_one_in_two_spellings_is_not() -> None:
    """Each of TWO names two addresses: R_ADDRESS_INVALID (the fields won silently, or the
    line was read as one of them). Each of ONE is one address however it is spelt or
    split between the line and the fields: no code."""
    assert [f for f in TWO if R_ADDRESS_INVALID not in judge_address(f)] == []
    assert [f for f in ONE if judge_address(f)] == []

"""House numbers read two ways, end to end (a review of session 12: each case below was
REVIEW or refused before session 12 and was disclosed after it). Synthetic people.

- A number spelled out at the start of a line may be the street's first word: SEVEN OAKS
  DR, FIVE POINTS RD, TWO RIVERS PKWY are streets. Read as house 7 on OAKS DR, a request
  without a house number (legally insufficient: R_ADDRESS_INCOMPLETE) disclosed WALTER
  BRENNAN at 7 Oaks Dr, and a master row "Seven Oaks Dr" was disclosed for a request at
  house 7 of OAKS DR. The word stays the street's (address._house_number).
- A Queens house number (45-10 BELL BLVD: the cross street's number and the house's) is
  one number, 4510, only in Queens (address.in_queens). In Phoenix 10-12 W ROOSEVELT ST is
  a range of houses and 123-45 may be house 123, unit 45: read as 1012 and 12345 they
  disclosed their residents to requests at houses 1012 and 12345.
"""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import Cases, decide_each, home_with

_PHOENIX = ("Phoenix", "AZ", "85004", "RETURN", "2025", "2026-02-26")
_BAYSIDE = ("Bayside", "NY", "11361", "RETURN", "2025", "2026-02-26")
TAXPAYERS = [
    ("653120001", "SSN", "Gerald", "", "Whitcombe", "", "1970-01-01", ""),
    ("653120002", "SSN", "Harold", "", "Pennington", "", "1970-01-01", ""),
    ("653120003", "SSN", "Walter", "", "Brennan", "", "1970-01-01", ""),
    ("653120004", "SSN", "Nora", "", "Castellan", "", "1970-01-01", ""),
    ("653120005", "SSN", "Ignatius", "", "Wolverton", "", "1970-01-01", ""),
    ("653120006", "SSN", "Perpetua", "", "Holloway", "", "1970-01-01", ""),
]
ADDRESSES = [
    ("653120001", "10-12 W Roosevelt St", "", *_PHOENIX),
    ("653120002", "123-45 W Roosevelt St", "", *_PHOENIX),
    ("653120003", "7 Oaks Dr", "", *_PHOENIX),
    ("653120004", "Seven Oaks Dr", "", *_PHOENIX),
    ("653120005", "1012 W Roosevelt St", "", *_PHOENIX),
    ("653120006", "45-10 Bell Blvd", "", *_BAYSIDE),
]
_IN_PHOENIX = dict(city="PHOENIX", state="AZ", zip="85004")
_SAFE = "REVIEW|NOT_DISCLOSED"


def test_house_numbers_read_two_ways(tmp_path: Path) -> None:
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    gerald = dict(_IN_PHOENIX, first_name="GERALD", last_name="WHITCOMBE")
    harold = dict(_IN_PHOENIX, first_name="HAROLD", last_name="PENNINGTON")
    walter = dict(_IN_PHOENIX, first_name="WALTER", last_name="BRENNAN")
    nora = dict(_IN_PHOENIX, first_name="NORA", last_name="CASTELLAN")
    ignatius = dict(_IN_PHOENIX, first_name="IGNATIUS", last_name="WOLVERTON")
    perpetua = dict(first_name="PERPETUA", last_name="HOLLOWAY", city="BAYSIDE", state="NY")
    cases: Cases = {
        # a range of houses, a house and its unit, outside Queens: not the number without
        # the hyphen, either way round
        "H1": (dict(gerald, street="1012 W ROOSEVELT ST"), _SAFE, ""),
        "H2": (dict(harold, street="12345 W ROOSEVELT ST"), _SAFE, ""),
        "H3": (dict(ignatius, street="10-12 W ROOSEVELT ST"), _SAFE, ""),
        # as the master writes them, still disclosed
        "H4": (dict(gerald, street="10-12 W ROOSEVELT ST"), "DISCLOSE", "653120001"),
        "H5": (dict(harold, street="123-45 W ROOSEVELT ST"), "DISCLOSE", "653120002"),
        # in Queens, by the ZIP or without one by the city, one house however written
        "Q1": (dict(perpetua, street="4510 BELL BLVD", zip="11361"), "DISCLOSE",
               "653120006"),
        "Q2": (dict(perpetua, street="45 10 BELL BLVD", zip=""), "DISCLOSE", "653120006"),
        # a number spelled out: no house number, the request is incomplete
        "S1": (dict(walter, street="SEVEN OAKS DR"), "REJECTED", ""),
        "S2": (dict(walter, address="SEVEN OAKS DR, PHOENIX, AZ 85004"), "REJECTED", ""),
        # the master's Seven Oaks Dr is not house 7 of OAKS DR
        "S3": (dict(nora, street="7 OAKS DR"), _SAFE, ""),
        "S4": (dict(walter, street="7 OAKS DR"), "DISCLOSE", "653120003"),
    }
    decide_each(home, key, tmp_path, {}, cases, 653120)

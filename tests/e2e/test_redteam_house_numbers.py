"""Session 29 red team (r17): house numbers that are not "123", end to end through the CLI
(tests/e2e/handmade.py). Synthetic people.

A fractional house number written where the unit goes (test_a_fraction_...):

USPS Pub 28 keeps a fraction with the address number ("123 1/2 MAIN ST": a house of its
own, often behind or above 123). Written in the unit column ("123 MAIN ST", unit "1/2") or
after the street ("123 MAIN ST 1/2") it was read as a unit, "1/2", and a unit given on one
side only grades the same house (address level 4): the request for 123 1/2 MAIN ST
disclosed the namesake of 123 MAIN ST, while the same request written "123 1/2 MAIN ST"
goes to review (another house number, a slip at most). And the master's "125 MAIN ST",
unit "1/2", was not the request's "125 1/2 MAIN ST" (REVIEW for the address on record).

A hyphenated house number outside Queens (test_a_hyphenated_house_number_...): Hawaii's
"91-1010 FORT WEAVER RD" (section 91, house 1010) and "91-2044" on the same road are two
houses, but house numbers were "close" when their leading digits agreed (meant for 123 /
123A / 123 1/2), and the leading digits of both are 91: address level 2, a slip, so the
request at 91-2044 with the exact date of birth disclosed the namesake of 91-1010, where
2044 / 1010 MAIN ST is another house (M_NAME_ONLY) whatever the date says. Likewise "123-4"
/ "123-17" (a house and its unit, written as one number).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.e2e.handmade import SAFE, decide, home_with

_ROW = ("RETURN", "2025", "2026-02-26")
_CHI = ("Chicago", "IL", "60629")
_CHICAGO = dict(city="CHICAGO", state="IL", zip="60629")
YES = ("DISCLOSE",)
Home = tuple[Path, Ed25519PrivateKey, Path]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Home]:
    """One home for the file: the people of both tests."""
    tmp = tmp_path_factory.mktemp("r17h")
    path, key = home_with(tmp, [
        ("831700101", "SSN", "Celestine", "", "Dunhollow", "", "", ""),
        ("831700102", "SSN", "Fenwick", "", "Aldergrove", "", "", ""),
        ("831700111", "SSN", "Keoni", "", "Makanaole", "", "1971-03-14", ""),
        ("831700112", "SSN", "Leilani", "", "Kahananui", "", "1983-09-02", ""),
        ("831700113", "SSN", "Octavia", "", "Brindlecombe", "", "1966-11-30", ""),
    ], [
        ("831700101", "123 Main St", "", *_CHI, *_ROW),
        ("831700102", "125 Main St", "1/2", *_CHI, *_ROW),
        ("831700111", "91-1010 Fort Weaver Rd", "", "Ewa Beach", "HI", "96706", *_ROW),
        ("831700112", "1010 Fort Weaver Rd", "", "Ewa Beach", "HI", "96706", *_ROW),
        ("831700113", "123-4 Main St", "", *_CHI, *_ROW),
    ])
    yield path, key, tmp


def test_a_fraction_written_as_the_unit_is_the_house_number(home: Home) -> None:
    path, key, tmp_path = home
    cel = dict(_CHICAGO, first_name="CELESTINE", last_name="DUNHOLLOW")
    fen = dict(_CHICAGO, first_name="FENWICK", last_name="ALDERGROVE")
    batches = {
        "ICE-2026-291711": {
            "D1": (dict(cel, street="123 MAIN ST", unit="1/2"), SAFE, ""),
            "F1": (dict(fen, street="125 1/2 MAIN ST"), YES, "831700102"),
        },
        "ICE-2026-291712": {
            "D2": (dict(cel, street="123 MAIN ST 1/2"), SAFE, ""),
            "F2": (dict(fen, street="125 MAIN ST", unit="½"), YES, "831700102"),
        },
        "ICE-2026-291713": {
            # controls: the house on record; and 125 MAIN ST is not 125 1/2
            "D3": (dict(cel, street="123 MAIN ST"), YES, "831700101"),
            "F3": (dict(fen, street="125 MAIN ST"), SAFE, ""),
        },
    }
    wrong = []
    for batch, cases in batches.items():
        got = decide(path, key, tmp_path,
                     [dict(f, request_id=rid) for rid, (f, _, _) in cases.items()], batch)
        wrong += [(rid, got[rid]["disposition"], got[rid]["reason_codes"],
                   got[rid]["match_tin"]) for rid, (_, want, tin) in cases.items()
                  if got[rid]["disposition"] not in want
                  or (want == YES and got[rid]["match_tin"] != tin)]
    assert not wrong, wrong


def test_a_hyphenated_house_number_is_one_number(home: Home) -> None:
    path, key, tmp_path = home
    ewa = dict(city="EWA BEACH", state="HI", zip="96706")
    keo = dict(ewa, first_name="KEONI", last_name="MAKANAOLE", date_of_birth="1971-03-14")
    lei = dict(ewa, first_name="LEILANI", last_name="KAHANANUI", date_of_birth="1983-09-02")
    octa = dict(_CHICAGO, first_name="OCTAVIA", last_name="BRINDLECOMBE",
                date_of_birth="1966-11-30")
    cases = {
        "H1": (dict(keo, street="91-2044 FORT WEAVER RD"), ("NOT_DISCLOSED",), ""),
        "H3": (dict(octa, street="123-17 MAIN ST"), ("NOT_DISCLOSED",), ""),
        # controls: the mainland's other house; the house written without its hyphen
        "H2": (dict(lei, street="2044 FORT WEAVER RD"), ("NOT_DISCLOSED",), ""),
    }
    got = decide(path, key, tmp_path,
                 [dict(f, request_id=rid) for rid, (f, _, _) in cases.items()],
                 "ICE-2026-291721")
    got.update(decide(path, key, tmp_path, [
        dict(keo, request_id="H4", street="911010 FORT WEAVER RD")], "ICE-2026-291722"))
    cases["H4"] = ({}, ("DISCLOSE", "REVIEW"), "")
    wrong = [(rid, got[rid]["disposition"], got[rid]["reason_codes"], got[rid]["match_tin"])
             for rid, (_, want, _) in cases.items() if got[rid]["disposition"] not in want]
    assert not wrong, wrong

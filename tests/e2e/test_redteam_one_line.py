"""Red team r21: the whole address on one line (request-format.md `address`: "used only
where `street` is empty, and parsed"), through the real CLI, against a master of
namesakes and neighbours. A misread line must not disclose another person, and a line
that names two addresses is not one address. Synthetic people only."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.e2e.handmade import decide, home_with

_ROW = ("RETURN", "2025", "2026-02-26")
_AUSTIN = ("Austin", "TX", "78701")
_PR = ("San Juan", "PR", "00926")
TAXPAYERS = [
    ("826610001", "SSN", "Linda", "", "Kowalski", "", "1970-01-01", ""),
    ("826610002", "SSN", "Peter", "", "Nguyen", "", "1971-02-02", ""),
    ("826610003", "SSN", "Peter", "", "Nguyen", "", "1980-03-03", ""),
    ("826610004", "SSN", "Greta", "", "Olsen", "", "1972-04-04", ""),
    ("826610005", "SSN", "Hugo", "", "Brandt", "", "1973-05-05", ""),
    ("826610007", "SSN", "Maria", "", "Lopez", "", "1975-07-07", ""),
    ("826610009", "SSN", "Samuel", "", "Holt", "", "1977-09-09", ""),
    ("826610012", "SSN", "Carmen", "", "Rivera", "", "1979-05-05", ""),
    ("826610013", "SSN", "Wanda", "", "Teller", "", "1966-01-01", ""),
    ("826610015", "SSN", "Otto", "", "Brenner", "", "1968-01-01", ""),
    ("826610016", "SSN", "Ruth", "", "Adler", "", "1969-01-01", ""),
    ("826610017", "SSN", "Luis", "", "Vazquez", "", "1981-06-06", ""),
    ("826610018", "SSN", "Irene", "", "Falk", "", "1982-07-07", ""),
]
ADDRESSES = [
    ("826610001", "123 Main St", "Apt 5", *_AUSTIN, *_ROW),
    ("826610002", "45 Oak Ave", "", *_AUSTIN, *_ROW),
    ("826610003", "123 Main St", "Apt 7", *_AUSTIN, *_ROW),
    ("826610004", "123 Main St", "", "Austin", "TX", "78704", *_ROW),
    ("826610005", "123 Park Ave", "", "Park City", "UT", "84060", *_ROW),
    ("826610007", "123 Main St", "Apt 9", *_AUSTIN, *_ROW),
    ("826610009", "RR 2 Box 45", "", *_AUSTIN, *_ROW),
    ("826610012", "150 Calle A", "", *_PR, *_ROW),
    ("826610013", "77 Pine St", "Apt 4B", *_AUSTIN, *_ROW),
    ("826610015", "88 Elm St", "Apt A", *_AUSTIN, *_ROW),
    ("826610016", "88 Elm St", "Apt 3", *_AUSTIN, *_ROW),
    ("826610017", "URB Las Gladiolas 160 Calle B", "", *_PR, *_ROW),
    ("826610018", "123 Broadway", "Apt 4", "New York", "NY", "10001", *_ROW),
]


def _who(first: str, last: str, request_id: str, **fields: str) -> dict[str, str]:
    return dict(request_id=request_id, first_name=first, last_name=last, **fields)


def _check(got: dict[str, dict[str, str]], want: dict[str, tuple[str, str]]) -> None:
    """want: request id -> (disposition, the matched TIN for DISCLOSE or a reason code
    that must be among the record's)."""
    for rid, (disposition, detail) in want.items():
        row = got[rid]
        assert row["disposition"] == disposition, (rid, row["disposition"],
                                                   row["reason_codes"], row["match_tin"])
        if disposition == "DISCLOSE":
            assert row["match_tin"] == detail, (rid, row["match_tin"])
        elif detail:
            assert detail in row["reason_codes"].split(";"), (rid, row["reason_codes"])


def test_a_unit_or_zip_beside_a_one_line_address_that_names_another_is_refused(
        tmp_path: Path) -> None:
    """The unit, city, state and ZIP fields were to fill what the line leaves empty; in
    fact they won: normalize_address took each field over the line's own part. APT 4 on
    the line with unit APT 5 disclosed Linda in APT 5; a line in 78701 with zip 78704
    disclosed Greta at 123 MAIN ST, 78704. The request names two addresses:
    R_ADDRESS_INVALID, as a street line and a unit field naming two units are (red team
    r10). Fields that agree with the line, spelt otherwise, still disclose."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    got = decide(home, key, tmp_path, [
        _who("LINDA", "KOWALSKI", "U1", address="123 MAIN ST APT 4, AUSTIN, TX 78701",
             unit="APT 5"),
        _who("GRETA", "OLSEN", "Z1", address="123 MAIN ST, AUSTIN, TX 78701", zip="78704"),
    ], "ICE-2026-021001")
    _check(got, {rid: ("REJECTED", "R_ADDRESS_INVALID") for rid in ("U1", "Z1")})
    got = decide(home, key, tmp_path, [
        _who("LINDA", "KOWALSKI", "U2", address="123 MAIN ST APT 5, AUSTIN, TX 78701",
             unit="#5"),
        _who("GRETA", "OLSEN", "Z2", address="123 Main Street, Austin, Texas 78704",
             zip="78704-1234"),
    ], "ICE-2026-021002")
    _check(got, {"U2": ("DISCLOSE", "826610001"), "Z2": ("DISCLOSE", "826610004")})


def test_a_place_or_street_beside_a_one_line_address_that_names_another_is_refused(
        tmp_path: Path) -> None:
    """A Dallas line beside Park City, UT fields disclosed Hugo in Park City:
    R_ADDRESS_INVALID. Agreeing fields still disclose. With `street` given the line is
    not read (request-format.md: "used only where `street` is empty"): street 123 MAIN ST
    APT 9 beside the line 45 OAK AVE is the request for 123 MAIN ST APT 9, and Maria, who
    lives there, is disclosed (session 30 kept the contract's letter here; r21 had
    refused it)."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    got = decide(home, key, tmp_path, [
        _who("HUGO", "BRANDT", "C1", address="123 PARK AVE, DALLAS, TX 75201",
             city="PARK CITY", state="UT", zip="84060"),
        _who("MARIA", "LOPEZ", "S1", street="123 MAIN ST APT 9", city="AUSTIN", state="TX",
             zip="78701", address="45 OAK AVE, AUSTIN, TX 78701"),
    ], "ICE-2026-021007")
    _check(got, {"C1": ("REJECTED", "R_ADDRESS_INVALID"), "S1": ("DISCLOSE", "826610007")})
    got = decide(home, key, tmp_path, [
        _who("HUGO", "BRANDT", "C2", address="123 PARK AVE", city="PARK CITY", state="UT",
             zip="84060"),
        _who("MARIA", "LOPEZ", "S2", street="123 MAIN ST APT 9", city="AUSTIN", state="TX",
             zip="78701", address="123 Main Street #9 Austin Texas 78701"),
    ], "ICE-2026-021008")
    _check(got, {"C2": ("DISCLOSE", "826610005"), "S2": ("DISCLOSE", "826610007")})


def test_a_one_line_address_naming_two_addresses_is_refused(tmp_path: Path) -> None:
    """"45 OAK AVE, 123 MAIN ST APT 7, AUSTIN, TX 78701" was read as 45 OAK AVE, the
    second street line set aside as a building's name, and the Peter Nguyen there was
    disclosed while a namesake lives at the other address. Two houses or two units joined
    by OR ("APT 4 OR 5") are two addresses as well: R_ADDRESS_INVALID. A recipient's name
    before the street line (C/O) is no second address."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    got = decide(home, key, tmp_path, [
        _who("PETER", "NGUYEN", "T1", address="45 OAK AVE, 123 MAIN ST APT 7, AUSTIN, TX 78701"),
        _who("LINDA", "KOWALSKI", "T2", address="123 MAIN ST APT 4 OR 5 AUSTIN TX 78701"),
        _who("MARIA", "LOPEZ", "T3", address="C/O DIEGO RUIZ, 123 MAIN ST APT 9, AUSTIN, TX 78701"),
        _who("HUGO", "BRANDT", "T4", address="123 PARK AVE PARK CITY UT 84060"),
    ], "ICE-2026-021003")
    _check(got, {"T1": ("REJECTED", "R_ADDRESS_INVALID"), "T2": ("REJECTED", "R_ADDRESS_INVALID"),
                 "T3": ("DISCLOSE", "826610007"), "T4": ("DISCLOSE", "826610005")})


def test_a_unit_letter_without_a_designator_is_not_read_into_the_city(
        tmp_path: Path) -> None:
    """"88 ELM ST B AUSTIN TX 78701": usaddress read the city B AUSTIN; the ZIP's city
    AUSTIN was then taken and B set aside as no part of the address, so the request read
    as 88 ELM ST with no unit and Otto Brenner, a namesake in APT A, was disclosed for unit
    B. The letter is the unit; unit A's request still discloses him."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    want = {"B1": ("88 ELM ST B AUSTIN TX 78701", ("NOT_DISCLOSED", "")),
            "B2": ("88 ELM ST B AUSTIN TX", ("NOT_DISCLOSED", "")),
            "A1": ("88 ELM ST A AUSTIN TX 78701", ("DISCLOSE", "826610015"))}
    for n, (rid, (line, expected)) in enumerate(want.items()):
        got = decide(home, key, tmp_path, [_who("OTTO", "BRENNER", rid, address=line)],
                     f"ICE-2026-02101{n}")
        _check(got, {rid: expected})


def test_complete_one_line_addresses_are_read_as_written(tmp_path: Path) -> None:
    """Lawful requests the one-line reading refused or missed: a state's full name with
    no commas ("SAN JUAN PUERTO RICO 00926" read as the city SAN JUAN PUERTO in the state
    RICO; "APARTMENT 4B AUSTIN TEXAS" as the city APARTMENT in the state 4B AUSTIN TEXAS),
    R_ADDRESS_INVALID; a rural route and its box in two parts ("RR 2, BOX 45, ...") read as
    a PO Box, R_ADDRESS_INCOMPLETE; a ZIP after the unit with no city ("... APT 3 78701")
    read as part of the unit, R_ADDRESS_INCOMPLETE; an urbanization after the street line
    with no commas read into the street's name, M_NAME_ONLY. Controls: another unit,
    another route or another urbanization is not disclosed."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    got = decide(home, key, tmp_path, [
        _who("CARMEN", "RIVERA", "L1", address="150 CALLE A SAN JUAN PUERTO RICO 00926"),
        _who("WANDA", "TELLER", "L2", address="77 PINE STREET APARTMENT 4B AUSTIN TEXAS 78701"),
        _who("SAMUEL", "HOLT", "L3", address="RR 2, BOX 45, AUSTIN, TX 78701"),
        _who("RUTH", "ADLER", "L4", address="88 ELM ST APT 3 78701"),
        _who("LUIS", "VAZQUEZ", "L5",
             address="160 CALLE B URB LAS GLADIOLAS SAN JUAN PR 00926"),
    ], "ICE-2026-021004")
    _check(got, {"L1": ("DISCLOSE", "826610012"), "L2": ("DISCLOSE", "826610013"),
                 "L3": ("DISCLOSE", "826610009"), "L4": ("DISCLOSE", "826610016"),
                 "L5": ("DISCLOSE", "826610017")})
    got = decide(home, key, tmp_path, [
        _who("WANDA", "TELLER", "N2", address="77 PINE STREET APARTMENT 4C AUSTIN TEXAS 78701"),
        _who("SAMUEL", "HOLT", "N3", address="HC 2, BOX 45, AUSTIN, TX 78701"),
        _who("RUTH", "ADLER", "N4", address="88 ELM ST APT 4 78701"),
        _who("LUIS", "VAZQUEZ", "N5", address="160 CALLE B URB LAS MARIAS SAN JUAN PR 00926"),
    ], "ICE-2026-021005")
    for rid in ("N2", "N3", "N4", "N5"):
        assert got[rid]["disposition"] in ("NOT_DISCLOSED", "REVIEW"), got[rid]


@pytest.mark.xfail(strict=True, reason=(
    "open: a unit number written without a designator after a street with no street type "
    "(123 BROADWAY 4) is read into the street's name (BROADWAY 4) by parse_street, in the "
    "street field and on one line alike; reading it as the unit would misread COUNTY ROAD "
    "4, HWY 1, CALLE 4. A missed match (M_NAME_ONLY), not a disclosure"))
def test_a_unit_number_after_a_street_without_a_type(tmp_path: Path) -> None:
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    got = decide(home, key, tmp_path, [
        _who("IRENE", "FALK", "X1", address="123 BROADWAY 4 NEW YORK NY 10001")],
        "ICE-2026-021006")
    _check(got, {"X1": ("DISCLOSE", "826610018")})

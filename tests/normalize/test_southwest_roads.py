"""Red team r39: road designations of Texas, Florida and the Southwest written several ways,
unit designators written onto their identifiers, and roads named with two directionals
(tests/e2e/test_redteam_southwest_roads.py drives the same through the CLI)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dgate.normalize.address import (
    compare_addresses,
    normalize_address,
    parse_street,
    parse_unit,
    split_one_line,
    streets_conflict,
)
from dgate.normalize.usps import UNIT_DESIGNATORS


def _street(line: str) -> tuple[str, str, str, str, str, str]:
    a = normalize_address(line, "", "Austin", "TX", "78701")
    return a.house, a.predir, a.street_name, a.suffix, a.postdir, a.unit


@pytest.mark.parametrize(("written", "standard", "another"), [
    ("100 IH 35", "100 INTERSTATE 35", "100 I-37"),
    ("100 IH-35", "100 I-35", "100 I-35 FRONTAGE RD"),
    ("100 N IH35", "100 N INTERSTATE 35", "100 S INTERSTATE 35"),
    ("100 INTERSTATE HIGHWAY 10", "100 I-10", "100 HIGHWAY 10"),
    ("100 CO RD 123", "100 COUNTY ROAD 123", "100 COUNTY ROAD 124"),
    ("100 CNTY RD 123", "100 COUNTY ROAD 123", "100 CNTY RD 132"),
    ("100 CTY ROAD 123", "100 COUNTY ROAD 123", "100 STATE ROAD 123"),
    ("100 N CO RD 5", "100 N COUNTY ROAD 5", "100 N COUNTY ROAD 6"),
    ("100 ST RD 84", "100 STATE ROAD 84", "100 STATE ROAD 85"),
    ("100 N ST RD 7", "100 N SR 7", "100 N US HWY 7"),
    ("100 ST HWY 6", "100 STATE HIGHWAY 6", "100 US HIGHWAY 6"),
    ("100 ST HWY 6", "100 STATE HIGHWAY 6", "100 HWY 6"),
    ("100 FARM-TO-MARKET ROAD 1960", "100 FM 1960", "100 FM 1961"),
    ("100 RANCH-TO-MARKET ROAD 620", "100 RM 620", "100 FM 620"),
    ("100 FM1960", "100 FM 1960", "100 FM 1961"),
    ("100 RM620", "100 RANCH ROAD 620", "100 RM 602"),
    ("100 CR123", "100 CR 123", "100 CR 12"),
    ("100 SH6", "100 STATE HIGHWAY 6", "100 SH 16"),
    ("100 US290", "100 US HIGHWAY 290", "100 STATE HIGHWAY 290"),
    ("100 HWY6", "100 HIGHWAY 6", "100 STATE HIGHWAY 6"),
    ("100 NW LOOP 410", "100 NORTHWEST LOOP 410", "100 NE LOOP 410"),
    ("100 NW LOOP 410", "100 NORTHWEST LOOP 410", "100 NW LOOP 411"),
    ("100 MAIN ST APT4", "100 MAIN ST APT 4", "100 MAIN ST APT 5"),
    ("100 MAIN ST SPC12", "100 MAIN ST SPACE 12", "100 MAIN ST SPACE 21"),
    ("100 MAIN ST LOT7", "100 MAIN ST LOT 7", "100 MAIN ST LOT 7A"),
    ("100 MAIN ST TRLR3", "100 MAIN ST TRAILER 3", "100 MAIN ST TRAILER 4"),
    ("100 MAIN ST STE100-B", "100 MAIN ST SUITE 100B", "100 MAIN ST SUITE B100"),
    ("100 MAIN ST UNIT2", "100 MAIN ST UNIT 2", "100 MAIN ST BLDG 2"),
    ("100 TX 6", "100 STATE HIGHWAY 6", "100 US HIGHWAY 6"),
    ("100 NM 14", "100 STATE ROAD 14", "100 NM 41"),
    ("100 NM HWY 14", "100 SR 14", "100 HWY 14"),
    ("100 AZ 87", "100 STATE ROUTE 87", "100 AZ 89"),
    # a mobile home's lot after a line in the Spanish order (the house number last)
    ("CALLE LUNA 123 LOT 4", "123 CALLE LUNA LOT 4", "123 CALLE LUNA LOT 5"),
    ("CAMINO DEL REY 12 SPACE 7", "12 CAMINO DEL REY SPC 7", "12 CAMINO DEL REY SPC 17"),
    ("CALLE LUNA 123 TRAILER 4", "123 CALLE LUNA TRLR 4", "123 CALLE LUNA APT 4B"),
    # a floor written as an ordinal before its designator
    ("100 MAIN ST 2ND FL", "100 MAIN ST FL 2", "100 MAIN ST APT 2"),
    ("100 MAIN ST NW 3RD FLOOR", "100 MAIN ST NW FLOOR 3", "100 MAIN ST NW FL 2"),
])
def test_one_road_written_another_way(written: str, standard: str, another: str) -> None:
    """The same road or door however written; the road or door beside it stays another."""
    assert _street(written) == _street(standard) != _street(another)


def test_a_floor_written_as_an_ordinal_in_the_unit_column() -> None:
    """"2nd Floor" in the unit column is the floor FL 2 (was "2ND"), not apartment 2; "W
    2ND FL" on the street line stays the street W 2ND, as before."""
    assert parse_unit("2nd Floor") == parse_unit("FL 2") != parse_unit("Apt 2")
    assert (parse_street("100 W 2ND FL").name, parse_street("100 W 2ND FL").unit) == ("2ND", "")


def test_state_is_saint_only_before_a_name() -> None:
    """ST before a road word and its number is STATE; before a name SAINT, as before."""
    assert parse_street("100 ST RD 84").name == "STATE HWY 84"
    assert parse_street("100 ST JAMES PL").name == "SAINT JAMES"
    assert parse_street("100 ST CHARLES RD").name == "SAINT CHARLES"


def test_a_second_directional_given_on_both_sides_and_different_conflicts() -> None:
    assert streets_conflict("N", "", "W", "N", "", "E")  # N LOOP 1604 W / N LOOP 1604 E
    assert not streets_conflict("N", "ST", "", "", "ST", "N")  # N MAIN ST = MAIN ST N
    q = normalize_address("100 N LOOP 1604 E", "", "San Antonio", "TX", "78232")
    c = normalize_address("100 N LOOP 1604 W", "", "San Antonio", "TX", "78232")
    assert compare_addresses(q, c).street == 0


@pytest.mark.parametrize(("line", "street", "city"), [
    ("100 FM 1960 RD W HOUSTON TX 77070", "100 FM 1960 RD W", "HOUSTON"),
    ("100 FM 1960 RD W HOUSTON TX", "100 FM 1960 RD W", "HOUSTON"),
    ("100 N LOOP 1604 W SAN ANTONIO TX 78232", "100 N LOOP 1604 W", "SAN ANTONIO"),
])
def test_a_postdirectional_before_the_city_stays_the_street_s(
        line: str, street: str, city: str) -> None:
    """A one-line address without commas: usaddress reads "W HOUSTON" as the city; the W is
    FM 1960 RD W's."""
    one = split_one_line(line)
    assert (one.street.upper(), one.city.upper(), one.extra) == (street, city, "")


def test_a_city_named_with_a_directional_stays_the_city() -> None:
    """NORTH CHICAGO and SOUTH HOUSTON are cities of their own: the directional before them
    is the city's, as before; W HOUSTON, no city, gives its W to the street."""
    for line, street, city in [
            ("100 OAK AVE NORTH CHICAGO IL", "100 OAK AVE", "NORTH CHICAGO"),
            ("100 OAK AVE NORTH CHICAGO IL 60064", "100 OAK AVE", "NORTH CHICAGO"),
            ("100 MAIN ST SOUTH HOUSTON TX", "100 MAIN ST", "SOUTH HOUSTON"),
            ("100 MAIN ST W HOUSTON TX 77002", "100 MAIN ST W", "HOUSTON")]:
        one = split_one_line(line)
        assert (one.street.upper(), one.city.upper()) == (street, city), line


_DESIGNATORS = sorted(d for d in UNIT_DESIGNATORS if d.isalpha() and len(d) >= 2)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.sampled_from(_DESIGNATORS), st.integers(0, 9999),
       st.sampled_from(["", "A", "B", "-C"]))
def test_a_designator_written_onto_its_identifier_is_the_same_unit(
        designator: str, number: int, letter: str) -> None:
    """APT4 = APT 4, in the unit column and on the street line, for every designator of
    Pub 28's C2 and any identifier that begins with a digit."""
    ident = f"{number}{letter}"
    assert parse_unit(designator + ident) == parse_unit(f"{designator} {ident}")
    glued = parse_street(f"100 MAIN ST {designator}{ident}")
    apart = parse_street(f"100 MAIN ST {designator} {ident}")
    assert (glued.name, glued.suffix, glued.unit) == (apart.name, apart.suffix, apart.unit)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.integers(1, 3999), st.sampled_from(["FM", "RM", "CR", "SH", "SR", "US", "IH", "HWY"]))
def test_a_designation_written_onto_its_number_is_the_same_road(number: int, road: str) -> None:
    """FM1960 = FM 1960 for each designation; the next number is another road."""
    assert _street(f"100 {road}{number}") == _street(f"100 {road} {number}")
    assert _street(f"100 {road}{number}") != _street(f"100 {road} {number + 1}")

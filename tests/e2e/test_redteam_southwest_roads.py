"""Session 35 red team (r39): addresses of the Southwest, its highways and county roads,
end to end through the CLI (tests/e2e/handmade.py). Synthetic people; one home for the
file, one batch a test, one person a case (no answer bears on another's).

- F1 (a wrongful disclosure) a road named with a directional before and after it: San
  Antonio's N LOOP 1604 W and N LOOP 1604 E, a city's N MAIN ST E and N MAIN ST W, are two
  roads. normalize.address.streets_conflict compared only the first directional of each
  side (N = N) and the request for the one disclosed the namesake at the other; the second
  directional left out ("N LOOP 1604") disclosed the namesake on either.
- F1b (a wrongful disclosure) in a one-line address without commas usaddress read the
  postdirectional before the city as the city's ("100 FM 1960 RD W HOUSTON TX 77070": the
  city W HOUSTON, then HOUSTON by the ZIP, W set aside): the line named FM 1960 RD, and
  the namesake on FM 1960 RD E, the only such house on record there, was disclosed.
- F2 (missed) a unit designator written onto its identifier ("APT4", "SPC12", "LOT7",
  "TRLR3", "STE100"), on the street line or in the unit column, was the unit "APT4": another
  door than "APT 4" (address level 1), M_NAME_ONLY for the person at the address on record.
- F2b (missed) a mobile home's lot after a line in the Spanish order ("CALLE LUNA 123 LOT
  4", "CAMINO DEL REY 12 SPACE 7") left the house number unread (the street CALLE LUNA
  123), and a floor written as an ordinal ("400 MAIN ST 2ND FL", a unit column "2nd
  Floor") joined the street's name (MAIN ST 2ND) or was the unit "2ND".
- F3 (missed) highway forms of Texas and Florida read as other streets: IH 35 (Texas's
  interstate) was not I-35 nor INTERSTATE 35, INTERSTATE HIGHWAY 10 not I-10; CO RD, CNTY
  RD, CTY RD 123 were the street CO RD with unit 123; ST RD 84 and ST HWY 6 were a street
  ST RD (unit 84) and SAINT HWY 6; FARM-TO-MARKET ROAD 1960 was FARM TO MARKET RD, unit
  1960; FM1960, IH35, SH6 written together were streets of their own; NW LOOP 410 was the
  street NW LOOP, unit 410.
- F3b (missed) a state highway written with the state's code (TX 6, NM 14, NM HWY 14) was
  a street named TX or NM, not STATE HWY 6 / STATE ROAD 14.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.e2e.handmade import SAFE, HeldCases, decide_held, home_with

_ROW = ("RETURN", "2025", "2026-02-26")
_SA = ("San Antonio", "TX", "78232")
_HOU = ("Houston", "TX", "77070")
_AUS = ("Austin", "TX", "78701")
_MESA = ("Mesa", "AZ", "85201")
_TYLER = ("Tyler", "TX", "75701")
_DAVIE = ("Davie", "FL", "33314")
_BRYAN = ("Bryan", "TX", "77801")
_SANT = ("San Antonio", "TX", "78213")
_CEDAR = ("Cedar Crest", "NM", "87008")
_LC = ("Las Cruces", "NM", "88001")
_PLACES = {"LC": _LC, "SA": _SA, "HOU": _HOU, "AUS": _AUS, "MESA": _MESA, "TYLER": _TYLER,
           "DAVIE": _DAVIE, "BRYAN": _BRYAN, "SANT": _SANT, "CEDAR": _CEDAR}

# key -> (street on record, unit on record, place)
_HELD = {
    # F1
    "loop_w": ("100 N Loop 1604 W", "", "SA"),
    "loop_w2": ("100 N Loop 1604 W", "", "SA"),
    "loop_w3": ("100 N Loop 1604 W", "", "SA"),
    "main_e": ("100 N Main St E", "", "HOU"),
    "main_e2": ("100 N Main St E", "", "HOU"),
    "main_e3": ("100 N Main St E", "", "HOU"),
    "fm_e": ("300 FM 1960 Rd E", "", "HOU"),
    "fm_w": ("100 FM 1960 Rd W", "", "HOU"),
    "loop_e": ("100 N Loop 1604 E", "", "SA"),
    # F2
    "apt4": ("100 Main St", "Apt4", "AUS"),
    "apt4b": ("100 Main St", "Apt4", "AUS"),
    "spc12": ("100 Main St Spc12", "", "MESA"),
    "spc12b": ("100 Main St Spc12", "", "MESA"),
    "lot7": ("200 Main St Lot7", "", "MESA"),
    "bldg2": ("300 Main St", "Bldg2", "AUS"),
    "lot4": ("Calle Luna 123 Lot 4", "", "LC"),
    "lot4b": ("Calle Luna 123 Lot 4", "", "LC"),
    "floor2": ("400 Main St 2nd Fl", "", "AUS"),
    "floor2b": ("500 Main St", "2nd Floor", "AUS"),
    # F3
    "ih35": ("100 IH 35", "", "AUS"),
    "ih35b": ("100 IH 35", "", "AUS"),
    "i35": ("200 Interstate 35", "", "AUS"),
    "cord": ("100 Co Rd 123", "", "TYLER"),
    "cordb": ("100 Co Rd 123", "", "TYLER"),
    "cnty": ("200 Cnty Rd 45", "", "TYLER"),
    "fm": ("100 Farm-to-Market Road 1960", "", "HOU"),
    "fmb": ("100 Farm-to-Market Road 1960", "", "HOU"),
    "fmglued": ("200 FM1960", "", "HOU"),
    "strd": ("100 St Rd 84", "", "DAVIE"),
    "strdb": ("100 St Rd 84", "", "DAVIE"),
    "sthwy": ("100 St Hwy 6", "", "BRYAN"),
    "sthwyb": ("100 St Hwy 6", "", "BRYAN"),
    "nwloop": ("100 NW Loop 410", "", "SANT"),
    "nwloopb": ("100 NW Loop 410", "", "SANT"),
    # F3b
    "tx6": ("100 TX 6", "", "BRYAN"),
    "tx6b": ("100 TX 6", "", "BRYAN"),
    "nm14": ("100 NM 14", "", "CEDAR"),
}
_FIRST = ["Quorra", "Tamsin", "Ulric", "Vesna", "Wystan", "Xanthe", "Yorick", "Zelda",
          "Anouk", "Birgit", "Cosmo", "Dagny", "Elspeth", "Fenwick", "Gisela", "Hamish",
          "Ingram", "Jolanda", "Kester", "Lisbet", "Merritt", "Noemi", "Oswin", "Petronella",
          "Quillon", "Rosmund", "Saoirse", "Torvald", "Ursel", "Valka", "Wendeline"]
_PEOPLE = {key: (f"8393{n:05d}", _FIRST[n % len(_FIRST)],
                 f"Sandoval{chr(65 + n // 26)}{chr(65 + n % 26)}vire")
           for n, key in enumerate(_HELD)}
TAXPAYERS = [(tin, "SSN", first, "", last, "", "", "") for tin, first, last in _PEOPLE.values()]
ADDRESSES = [(_PEOPLE[key][0], street, unit, *_PLACES[place], *_ROW)
             for key, (street, unit, place) in _HELD.items()]

YES = ("DISCLOSE",)
Cases = HeldCases


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[
        tuple[Path, Ed25519PrivateKey, Path]]:
    tmp = tmp_path_factory.mktemp("r39")
    home, key = home_with(tmp, TAXPAYERS, ADDRESSES)
    yield home, key, tmp


def _decide(home: tuple[Path, Ed25519PrivateKey, Path], cases: Cases, batch: str) -> None:
    decide_held(*home, _PEOPLE, _HELD, _PLACES, cases, batch)


def test_a_second_directional_names_another_road(
        home: tuple[Path, Ed25519PrivateKey, Path]) -> None:
    """F1: N LOOP 1604 E is not N LOOP 1604 W, nor N MAIN ST W N MAIN ST E; left out, the
    second directional does not settle which; written as on record, it discloses."""
    _decide(home, {
        "D1": ("loop_w", "100 N LOOP 1604 E", "", SAFE),
        "D2": ("main_e", "100 N MAIN ST W", "", SAFE),
        "D3": ("loop_w2", "100 N LOOP 1604", "", SAFE),
        "D4": ("loop_w3", "100 NORTH LOOP 1604 WEST", "", YES),
        "D5": ("main_e2", "100 N MAIN STREET E", "", YES),
        "D6": ("main_e3", "100 N MAIN ST", "", SAFE),
    }, "ICE-2026-393901")


def test_a_postdirectional_before_the_city_of_a_one_line_address(
        home: tuple[Path, Ed25519PrivateKey, Path]) -> None:
    """F1b: in a one-line address without commas the W of FM 1960 RD W before the city was
    set aside (usaddress read the city W HOUSTON); the line named no directional, and the
    namesake on FM 1960 RD E was disclosed."""
    _decide(home, {
        "O1": ("fm_e", "@300 FM 1960 RD W HOUSTON TX 77070", "", SAFE),
        "O2": ("loop_e", "@100 N LOOP 1604 W SAN ANTONIO TX 78232", "", SAFE),
        "O3": ("fm_w", "@100 FM 1960 RD W HOUSTON TX 77070", "", YES),
    }, "ICE-2026-393905")


def test_a_unit_designator_written_onto_its_number(
        home: tuple[Path, Ed25519PrivateKey, Path]) -> None:
    """F2: APT4 is APT 4, SPC12 SPACE 12, LOT7 LOT 7; APT 5 stays another door, and BLDG2 a
    building, not apartment 2."""
    _decide(home, {
        "U1": ("apt4", "100 MAIN ST", "APT 4", YES),
        "U2": ("spc12", "100 MAIN ST", "SPACE 12", YES),
        "U3": ("lot7", "200 MAIN ST LOT 7", "", YES),
        "U4": ("apt4b", "100 MAIN ST APT5", "", SAFE),
        "U5": ("spc12b", "100 MAIN ST", "SPC 13", SAFE),
        "U6": ("bldg2", "300 MAIN ST", "APT 2", SAFE),
        # a mobile home's lot after a line in the Spanish order (house number last)
        "U7": ("lot4", "123 CALLE LUNA", "LOT 4", YES),
        "U8": ("lot4b", "123 CALLE LUNA", "LOT 5", SAFE),
        # a floor written as an ordinal: the floor, not apartment 2
        "U9": ("floor2", "400 MAIN ST", "FL 2", YES),
        "U10": ("floor2b", "500 MAIN ST", "APT 2", SAFE),
    }, "ICE-2026-393902")


def test_highways_and_county_roads_written_another_way(
        home: tuple[Path, Ed25519PrivateKey, Path]) -> None:
    """F3: the same road however Texas and Florida write it discloses; another number,
    another designation or another directional does not."""
    _decide(home, {
        "H1": ("ih35", "100 I-35", "", YES),
        "H2": ("i35", "200 IH-35", "", YES),
        "H3": ("cord", "100 COUNTY ROAD 123", "", YES),
        "H4": ("cnty", "200 CR 45", "", YES),
        "H5": ("fm", "100 FM 1960", "", YES),
        "H6": ("fmglued", "200 FARM TO MARKET RD 1960", "", YES),
        "H7": ("strd", "100 STATE ROAD 84", "", YES),
        "H8": ("sthwy", "100 STATE HIGHWAY 6", "", YES),
        "H9": ("nwloop", "100 LOOP 410 NW", "", YES),
    }, "ICE-2026-393903")
    _decide(home, {
        "T1": ("ih35b", "100 I-37", "", SAFE),
        "T2": ("cordb", "100 COUNTY ROAD 124", "", SAFE),
        "T3": ("fmb", "100 FM 1961", "", SAFE),
        "T4": ("strdb", "100 STATE ROAD 85", "", SAFE),
        "T5": ("sthwyb", "100 US HIGHWAY 6", "", SAFE),
        "T6": ("nwloopb", "100 NE LOOP 410", "", SAFE),
    }, "ICE-2026-393904")


def test_a_state_highway_written_with_the_state_code(
        home: tuple[Path, Ed25519PrivateKey, Path]) -> None:
    """F3b: TX 6 is STATE HIGHWAY 6, NM 14 STATE ROAD 14; US HIGHWAY 6 is another road."""
    _decide(home, {
        "S1": ("tx6", "100 STATE HIGHWAY 6", "", YES),
        "S2": ("nm14", "100 STATE ROAD 14", "", YES),
        "S3": ("tx6b", "100 US HIGHWAY 6", "", SAFE),
    }, "ICE-2026-393907")

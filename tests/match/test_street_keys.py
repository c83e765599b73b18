"""One road, one stored street name: the SQL blocking joins on the stored name (engine
PAIRS_SQL key 2, state + house + street; the residents of the requested address; the
streets of a ZIP), so a road the master and a request write two ways was two streets there
though compare_addresses reads it as one (helper-18). Synthetic people.

- A lettered or numbered avenue: 1200 AVENUE N / 1200 AVE N (AVENUE A / AVE A, AVENUE 50);
  another letter stays another avenue.
- Texas's Ranch Road: 9000 RR 620 N is RANCH ROAD 620 (RM 620), a road with house numbers,
  not rural route 620 (post office bound: another ZIP of the city was another place).
- A street-type word inside a street's name (LAKE SHORE / LK SHORE, AVENUE OF THE AMERICAS
  / AVE OF THE AMERICAS): one street to compare_addresses (its key standardizes them), two
  to the joins on the stored name. The joins now compare the key (addresses.skey).
"""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest
from tests.match.extract import write_extract

from dgate.match.compare import Query, address_level
from dgate.match.engine import find_candidates
from dgate.normalize.address import is_post_office_bound, normalize_address
from dgate.normalize.names import normalize_name
from dgate.store.master import MasterStore

_ROW = ("RETURN", "2025", "2026-02-01")
# (tin, first, last, street, city, state, zip)
_PEOPLE = [
    ("902000001", "EVANDER", "THROCKMORTON", "1200 Avenue N", "BROOKLYN", "NY", "11230"),
    ("902000002", "PERPETUA", "AINSWORTHY", "1200 Avenue A", "BROOKLYN", "NY", "11230"),
    ("902000003", "BARNABY", "QUICKSILVER", "1200 Ave B", "BROOKLYN", "NY", "11230"),
    ("902000004", "OCTAVIAN", "BLACKTHORNE", "9000 Ranch Road 620 N", "AUSTIN", "TX",
     "78726"),
    ("902000005", "SEVERINA", "MALLORYTON", "RR 620 BOX 9000", "AUSTIN", "TX", "78726"),
    ("902000006", "GWENDOLINE", "PRIESTLEYSON", "1500 N Lake Shore Dr", "CHICAGO", "IL",
     "60610"),
    ("902000007", "AMBROSIUS", "FEATHERSTONE", "1 Avenue of the Americas", "NEW YORK", "NY",
     "10013"),
    ("902000008", "CLEMENTINA", "WORMALDSEN", "1500 N Lake View Dr", "CHICAGO", "IL",
     "60610"),
]


@pytest.fixture(scope="module")
def master(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    root = tmp_path_factory.mktemp("streets")
    src = write_extract(
        root / "extract",
        [[tin, "SSN", first, "", last, "", f"19{60 + n}-02-0{1 + n}", ""]
         for n, (tin, first, last, *_) in enumerate(_PEOPLE)],
        [[tin, street, "", city, state, zip5, *_ROW]
         for tin, _, _, street, city, state, zip5 in _PEOPLE])
    store = MasterStore(root / "home")
    store.load(src)
    with store.connect() as con:
        yield con


def _found(con: duckdb.DuckDBPyConnection, first: str, last: str, street: str, city: str,
           state: str, zip5: str) -> tuple[set[str], bool]:
    """(the candidates' TINs, whether the street is a street of the ZIP in the master)."""
    q = Query(seq=1, name=normalize_name(first, "", last, ""),
              address=normalize_address(street, "", city, state, zip5, ""), dob=None, tin="")
    known: set[int] = set()
    return {c.tin for c in find_candidates(con, [q], known_street=known)[1]}, 1 in known


@pytest.mark.parametrize("street", ["1200 AVE N", "1200 AVENUE N", "1200 AV N"])
def test_a_lettered_avenue_is_one_street_to_the_sql_joins(
        master: duckdb.DuckDBPyConnection, street: str) -> None:
    # the resident of the address, for a stranger's name (M_ADDRESS_ONLY needs them)
    found, known = _found(master, "JORGE", "MENDEZ", street, "BROOKLYN", "NY", "11230")
    assert "902000001" in found and known
    # the other avenues of the house number are no residents of this one
    assert not {"902000002", "902000003"} & found
    # without the ZIP only key 2 (state + house + street) finds the person whose name no
    # name key finds (given name and surname swapped)
    found, _ = _found(master, "THROCKMORTON", "EVANDER", street, "BROOKLYN", "NY", "")
    assert "902000001" in found


@pytest.mark.parametrize(("street", "tin"), [("1200 AVENUE A", "902000002"),
                                             ("1200 AVENUE B", "902000003")])
def test_another_letter_is_another_avenue(master: duckdb.DuckDBPyConnection, street: str,
                                          tin: str) -> None:
    found, _ = _found(master, "JORGE", "MENDEZ", street, "BROOKLYN", "NY", "11230")
    assert tin in found and "902000001" not in found
    one = normalize_address(street, "", "BROOKLYN", "NY", "11230")
    other = normalize_address("1200 AVE N", "", "BROOKLYN", "NY", "11230")
    assert one.street_name != other.street_name
    assert address_level(one, other) <= 1


def test_ranch_road_with_a_house_number_is_a_road(master: duckdb.DuckDBPyConnection) -> None:
    road = normalize_address("9000 RR 620 N", "", "AUSTIN", "TX", "78726")
    stored = normalize_address("9000 Ranch Road 620 N", "", "AUSTIN", "TX", "78726")
    assert road.street_name == stored.street_name == "RM 620"
    assert not is_post_office_bound(road.street_name)
    found, _ = _found(master, "BLACKTHORNE", "OCTAVIAN", "9000 RR 620 N", "AUSTIN", "TX", "")
    assert "902000004" in found  # key 2: the same road however written
    # another ZIP of the city places a road address by the city (a box it would not)
    other_zip = normalize_address("9000 RR 620 N", "", "AUSTIN", "TX", "78732")
    assert address_level(other_zip, stored) == 5


def test_a_small_route_number_written_house_first_stays_post_office_bound() -> None:
    # "15 RR 2" may be box 15 of rural route 2 written house first: as before, another ZIP
    # of the city is another place (the audit case RR 2 BOX 15, AMES IA 50014 / 50010)
    one = normalize_address("15 RR 2", "", "AMES", "IA", "50014")
    other = normalize_address("15 RR 2", "", "AMES", "IA", "50010")
    assert one.street_name == "RR 2" and is_post_office_bound(one.street_name)
    assert address_level(one, other) == 0
    assert address_level(one, normalize_address("RR 2 BOX 15", "", "AMES", "IA", "50014")) == 5


def test_a_rural_route_stays_a_rural_route(master: duckdb.DuckDBPyConnection) -> None:
    box = normalize_address("RR 620 BOX 9000", "", "AUSTIN", "TX", "78726")
    assert box.street_name == "RR 620" and is_post_office_bound(box.street_name)
    road = normalize_address("9000 RR 620", "", "AUSTIN", "TX", "78726")
    # house 9000 on the road is not box 9000 of the route
    assert address_level(road, box) <= 1 and address_level(box, road) <= 1
    # nor its resident: a stranger's request at the road's house 9000 keeps the road's
    found, _ = _found(master, "JORGE", "MENDEZ", "9000 RR 620", "AUSTIN", "TX", "78726")
    assert "902000005" not in found and "902000004" in found


@pytest.mark.parametrize(("street", "city", "state", "zip5", "tin"), [
    ("1500 N LK SHORE DR", "CHICAGO", "IL", "60610", "902000006"),
    ("1500 NORTH LAKE SHORE DRIVE", "CHICAGO", "IL", "60610", "902000006"),
    ("1 AVE OF THE AMERICAS", "NEW YORK", "NY", "10013", "902000007"),
    ("1 AV OF THE AMERICAS", "NEW YORK", "NY", "10013", "902000007"),
])
def test_a_street_type_word_inside_the_name_is_one_street_to_the_sql_joins(
        master: duckdb.DuckDBPyConnection, street: str, city: str, state: str, zip5: str,
        tin: str) -> None:
    # the resident of the address for a stranger's name, and the street known in its ZIP
    found, known = _found(master, "JORGE", "MENDEZ", street, city, state, zip5)
    assert tin in found and known
    # without the ZIP, given name and surname swapped: only key 2 finds the person
    first, last = next((f, la) for t, f, la, *_ in _PEOPLE if t == tin)
    found, _ = _found(master, last, first, street, city, state, "")
    assert tin in found


def test_another_name_with_a_street_type_word_is_another_street(
        master: duckdb.DuckDBPyConnection) -> None:
    # the residents of LK SHORE's house 1500 are LAKE SHORE's, not LAKE VIEW's (the same
    # house number in the ZIP)
    found, _ = _found(master, "JORGE", "MENDEZ", "1500 N LK SHORE DR", "CHICAGO", "IL",
                      "60610")
    assert "902000008" not in found and "902000006" in found
    view = normalize_address("1500 N LK VIEW DR", "", "CHICAGO", "IL", "60610")
    shore = normalize_address("1500 N Lake Shore Dr", "", "CHICAGO", "IL", "60610")
    assert address_level(view, shore) <= 1

"""Key 1 (ZIP + house number) in a large building: the residents of other units are not
candidates when the request names its unit, and every unit is searched when it does not."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest
from tests.match.extract import write_extract

from dgate.match.compare import Query
from dgate.match.engine import find_candidates
from dgate.normalize.address import normalize_address
from dgate.normalize.names import normalize_name
from dgate.store.master import MasterStore

# (tin, first, last, unit): a building of 14 units at 500 TOWER BLVD, strangers in most.
_RESIDENTS = [
    *((f"90100{i:04d}", first, last, f"APT {i}") for i, (first, last) in zip(
        (1, 2, 3, 4, 5, 6, 8),
        (("ROBERT", "KLEIN"), ("SUSAN", "PARK"), ("DAVID", "NGUYEN"), ("LINDA", "OWENS"),
         ("MARK", "BAKER"), ("KAREN", "LI"), ("PAUL", "YATES")), strict=True)),
    ("901000007", "ANA", "RUIZ", "APT 7"),
    ("901000009", "ANA", "RUIZ", "APT 9"),      # a namesake two doors down
    ("901000010", "TOM", "HALE", "APT 10"),
    ("901000011", "PEDRO", "SOTO", ""),        # filed without a unit
]


@pytest.fixture(scope="module")
def building(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    root = tmp_path_factory.mktemp("building")
    src = write_extract(
        root / "extract",
        [[tin, "SSN", first, "", last, "", f"19{60 + n}-01-0{1 + n % 9}", ""]
         for n, (tin, first, last, _) in enumerate(_RESIDENTS)],
        [[tin, "500 TOWER BLVD", unit, "SAN ANTONIO", "TX", "78201", "RETURN", "2025",
          "2026-02-01"] for tin, _, _, unit in _RESIDENTS])
    store = MasterStore(root / "home")
    store.load(src)
    with store.connect() as con:
        yield con


def _found(con: duckdb.DuckDBPyConnection, first: str, last: str, unit: str) -> set[str]:
    q = Query(seq=1, name=normalize_name(first, "", last, ""),
              address=normalize_address("500 Tower Blvd", unit, "San Antonio", "TX", "78201",
                                        ""),
              dob=None, tin="")
    return {c.tin for c in find_candidates(con, [q])[1]}


def test_a_named_unit_keeps_other_units_out(building: duckdb.DuckDBPyConnection) -> None:
    found = _found(building, "ANA", "RUIZ", "Apt 7")
    # the person, the namesake (by surname and ZIP: key 3) and the resident without a unit
    assert found == {"901000007", "901000009", "901000011"}


def test_a_stranger_in_the_named_unit_is_still_the_resident(
        building: duckdb.DuckDBPyConnection) -> None:
    # nobody of the name lives in APT 3: its resident is what makes M_ADDRESS_ONLY
    assert "901000003" in _found(building, "JORGE", "MENDEZ", "APT 3")
    assert "901000004" not in _found(building, "JORGE", "MENDEZ", "APT 3")


def test_without_a_unit_every_unit_is_searched(building: duckdb.DuckDBPyConnection) -> None:
    found = _found(building, "ANA", "RUIZ", "")
    assert {"901000007", "901000009"} <= found
    # unlike-named residents are kept only up to engine.RESIDENTS_KEPT
    assert len(found - {"901000007", "901000009"}) >= 1

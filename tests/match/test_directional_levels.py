"""compare.dir_unsettled through compare.address_level: a directional given on one side
only is at most a slip (level 2) where another ZIP or another house of that number and
street in the ZIP leaves the house unsettled (session 25, the red team's F2)."""

from __future__ import annotations

import pytest

from dgate.match.compare import address_level
from dgate.normalize.address import normalize_address


def _a(street: str, zip5: str, city: str = "CHICAGO", state: str = "IL"):
    return normalize_address(street, "", city, state, zip5)


@pytest.mark.parametrize(("request_line", "rzip", "record", "czip", "dirs_here", "level"), [
    # F2a: no directional, another ZIP of the city
    ("4410 KEDZIE AVE", "60632", "4410 N KEDZIE AVE", "60625", ("S",), 2),
    ("4410 KEDZIE AVE", "60632", "4410 N KEDZIE AVE", "60625", (), 2),
    # the record without one, the request with one, another ZIP
    ("4410 S KEDZIE AVE", "60632", "4410 KEDZIE AVE", "60625", (), 2),
    # F2b: the ZIP holds the house with another directional, or (for a request without
    # one) without one
    ("100 MAIN ST", "60120", "100 N MAIN ST", "60120", ("N", "S"), 2),
    ("100 MAIN ST", "60120", "100 MAIN ST N", "60120", ("", "N"), 2),
    ("300 E ELM ST", "60120", "300 ELM ST", "60120", ("", "W"), 2),
    # settled: nothing else there; the request's directional and a row without one; a
    # directional on both sides (the same, or another: another street); none on either
    ("100 MAIN ST", "60120", "100 N MAIN ST", "60120", ("N",), 5),
    ("300 W ELM ST", "60120", "300 ELM ST", "60120", ("", "W"), 5),
    ("100 N MAIN ST", "60120", "100 MAIN ST N", "60120", ("N", "S"), 5),
    ("100 N MAIN ST", "60625", "100 N MAIN ST", "60632", (), 5),
    ("100 S MAIN ST", "60120", "100 N MAIN ST", "60120", ("N", "S"), 0),
    ("100 MAIN ST", "60120", "100 MAIN ST", "60120", ("", "N", "S"), 5),
])
def test_a_directional_on_one_side_only(request_line: str, rzip: str, record: str, czip: str,
                                        dirs_here: tuple[str, ...], level: int) -> None:
    assert address_level(_a(request_line, rzip), _a(record, czip),
                         dirs_here=dirs_here) == level


def test_dc_quadrants() -> None:
    record = _a("1200 E ST NE", "20002", "WASHINGTON", "DC")
    assert address_level(_a("1200 E ST", "20003", "WASHINGTON", "DC"), record) == 2
    assert address_level(_a("1200 E ST", "20002", "WASHINGTON", "DC"), record,
                         dirs_here=("NE",)) == 5

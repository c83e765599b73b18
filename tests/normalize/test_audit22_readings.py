"""Session 26: audit 22's address readings, each a due request the parser or the street
comparison missed (synthetic lines).

- SO after a Utah grid number is SOUTH ("687 W 300 SO" = "687 W 300 S"), there only.
- A Puerto Rico kilometre with its hectometre ("CARR 14 KM 9 HM 2") is the marker 9.2.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dgate.normalize.address import compare_addresses, normalize_address, parse_street


def _parts(line: str) -> tuple[str, str, str, str, str, str]:
    p = parse_street(line)
    return p.house, p.predir, p.name, p.suffix, p.postdir, p.unit


# --- SO after a grid number ---------------------------------------------------------------


@pytest.mark.parametrize(("line", "parts"), [
    ("687 W 300 SO", ("687", "W", "300 S", "", "", "")),
    ("4383 w 700 so", ("4383", "W", "700 S", "", "", "")),
    ("687 W 300 SO.", ("687", "W", "300 S", "", "", "")),
    ("687 W 300 SO APT 4", ("687", "W", "300 S", "", "", "4")),
    ("100 300 SO", ("100", "", "300 S", "", "", "")),
    # controls: SO is SOUTH after a number that is the whole name, nowhere else
    ("100 W SO", ("100", "W", "SO", "", "", "")),             # a street named SO
    ("123 SO", ("123", "", "SO", "", "", "")),
    ("100 SO MAIN ST", ("100", "", "SO MAIN", "ST", "", "")),
    ("100 MAIN SO", ("100", "", "MAIN SO", "", "", "")),
    # NO is left as written (it is "number" as often: NO 5)
    ("100 W 300 NO", ("100", "W", "300 NO", "", "", "")),
])
def test_so_after_a_grid_number_is_south(line: str, parts: tuple[str, ...]) -> None:
    assert _parts(line) == parts


def test_so_is_the_grid_street_and_keeps_its_quadrant() -> None:
    def street(a: str, b: str) -> int:
        return compare_addresses(normalize_address(a, "", "SALT LAKE CITY", "UT", "84104"),
                                 normalize_address(b, "", "SALT LAKE CITY", "UT", "84104")
                                 ).street
    assert street("687 W 300 SO", "687 W 300 S") == 3
    assert street("687 W 300 SO", "687 WEST 300 SOUTH") == 3
    assert street("687 W 300 SO", "687 W 300 N") == 0
    assert street("687 W 300 SO", "687 E 300 S") == 0
    assert street("687 W 300 SO", "687 W 400 S") == 0


# --- the kilometre and the hectometre -----------------------------------------------------


@pytest.mark.parametrize(("line", "house", "name", "unit"), [
    ("CARR 14 KM 9 HM 2", "9.2", "CARR 14", ""),
    ("Carretera 14 Km 9 Hm 2", "9.2", "CARR 14", ""),
    ("CARR 14 KM 9 HECTOMETRO 2", "9.2", "CARR 14", ""),
    ("CARR 14 KM 9 HM 0", "9", "CARR 14", ""),               # as KM 9.0
    ("KM 9 HM 2 CARR 14", "9.2", "CARR 14", ""),
    ("PR-2 KM 14 HM 2 APT 3", "14.2", "CARR 2", "3"),
    ("CARR 14 KM 9.2", "9.2", "CARR 14", ""),                # as before
    # a hectometre of two digits is none: read as before (the whole kilometre)
    ("CARR 14 KM 9 HM 12", "9", "CARR 14", ""),
])
def test_a_hectometre_after_the_kilometre(line: str, house: str, name: str,
                                          unit: str) -> None:
    p = parse_street(line)
    assert (p.house, p.name, p.unit) == (house, name, unit)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 199), st.integers(0, 9), st.integers(1, 999),
       st.sampled_from(["HM", "Hm", "hm", "HECTOMETRO"]))
def test_km_and_hm_is_the_decimal_marker(km: int, hm: int, road: int, word: str) -> None:
    a = normalize_address(f"CARR {road} KM {km} {word} {hm}", "", "CAYEY", "PR", "00736")
    b = normalize_address(f"CARR {road} KM {km}.{hm}", "", "CAYEY", "PR", "00736")
    assert a == b
    if hm:
        other = normalize_address(f"CARR {road} KM {km}", "", "CAYEY", "PR", "00736")
        assert compare_addresses(a, other).house != 2

"""Session 26: audit 22's address readings, end to end through the CLI. Each was a due
request refused or rejected though it names the person's house; the controls show what
must still be refused. Synthetic people.

- SO after a Utah grid number is SOUTH: "687 W 300 SO" against the master's "687 W 300 S"
  was M_NAME_ONLY (street "300 SO").
- A Puerto Rico kilometre with its hectometre: "CARR 14 KM 9 HM 2" is the marker 9.2; read
  as house 9 it was at most a slip of the master's "CARR 14 KM 9.2" (review).
"""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import decide_each, home_with

_ROW = ("RETURN", "2025", "2026-02-26")
_NOT = "NOT_DISCLOSED"


def test_so_after_a_grid_number_is_south(tmp_path: Path) -> None:
    home, key = home_with(tmp_path, [
        ("826260001", "SSN", "Hermenegildo", "", "Ivarsdottir", "", "1961-05-04", ""),
        ("826260002", "SSN", "Philomena", "", "Quackenbush", "", "1958-03-02", ""),
    ], [
        ("826260001", "687 W 300 S", "", "Salt Lake City", "UT", "84104", *_ROW),
        ("826260002", "4383 W 700 SO", "", "Provo", "UT", "84601", *_ROW),
    ])
    slc = dict(first_name="HERMENEGILDO", last_name="IVARSDOTTIR", city="SALT LAKE CITY",
               state="UT", zip="84104")
    provo = dict(first_name="PHILOMENA", last_name="QUACKENBUSH", city="PROVO", state="UT",
                 zip="84601")
    decide_each(home, key, tmp_path, {}, {
        "S1": (dict(slc, street="687 W 300 SO"), "DISCLOSE", "826260001"),
        "S2": (dict(slc, street="687 w 300 so"), "DISCLOSE", "826260001"),
        # the master writes SO, the request S or SOUTH
        "S3": (dict(provo, street="4383 W 700 S"), "DISCLOSE", "826260002"),
        "S4": (dict(provo, street="4383 WEST 700 SOUTH"), "DISCLOSE", "826260002"),
        # controls: another quadrant or grid number is another street
        "S5": (dict(slc, street="687 W 300 NO"), _NOT, ""),
        "S6": (dict(slc, street="687 W 300 N"), _NOT, ""),
        "S7": (dict(slc, street="687 E 300 SO"), _NOT, ""),
        "S8": (dict(slc, street="687 W 400 SO"), _NOT, ""),
    }, 262001)


def test_a_kilometre_and_its_hectometre(tmp_path: Path) -> None:
    home, key = home_with(tmp_path, [
        ("826260011", "SSN", "Wilfredo", "", "Colon Ortiz", "", "1970-01-02", ""),
        ("826260012", "SSN", "Migdalia", "", "Rosado Vega", "", "1981-03-04", ""),
        ("826260013", "SSN", "Migdalia", "", "Rosado Vega", "", "1990-05-06", ""),
    ], [
        ("826260011", "CARR 14 KM 9.2", "", "CAYEY", "PR", "00736", *_ROW),
        # namesakes along one road: KM 4 and KM 4.5 are two houses
        ("826260012", "CARR 14 KM 4 HM 5", "", "CAYEY", "PR", "00736", *_ROW),
        ("826260013", "CARR 14 KM 4", "", "CAYEY", "PR", "00736", *_ROW),
    ])
    base = dict(city="CAYEY", state="PR", zip="00736")
    wilfredo = dict(first_name="WILFREDO", last_name="COLON ORTIZ")
    migdalia = dict(first_name="MIGDALIA", last_name="ROSADO VEGA")
    decide_each(home, key, tmp_path, base, {
        "K1": (dict(wilfredo, street="CARR 14 KM 9 HM 2"), "DISCLOSE", "826260011"),
        "K2": (dict(wilfredo, street="CARRETERA 14 KM 9 HM 2"), "DISCLOSE", "826260011"),
        "K3": (dict(migdalia, street="CARR 14 KM 4.5"), "DISCLOSE", "826260012"),
        "K4": (dict(migdalia, street="CARR 14 KM 4 HM 5"), "DISCLOSE", "826260012"),
        "K5": (dict(migdalia, street="CARR 14 KM 4 HM 0"), "DISCLOSE", "826260013"),
        # controls: another marker of the road
        "K6": (dict(wilfredo, street="CARR 14 KM 9 HM 3"), "REVIEW|NOT_DISCLOSED", ""),
        "K7": (dict(wilfredo, street="CARR 14 KM 2 HM 9"), _NOT, ""),
    }, 262101)

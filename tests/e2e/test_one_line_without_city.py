"""A one-line address with a street, a state and a ZIP but no city (audit 22: "71-52 104TH
ST, NY 11373", Queens) is read as the same street, state and ZIP given in fields of their
own, end to end. It was R_ADDRESS_PLACEHOLDER: usaddress took the street's type for the
city (71-52 104TH in the city of ST). Placeholders so written stay rejected; another house
is not disclosed. Synthetic people."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import Cases, decide_each, home_with

_ROW = ("RETURN", "2025", "2026-02-26")
TAXPAYERS = [
    ("826510001", "SSN", "Wilhelmina", "", "Thistlewood", "", "1968-02-14", ""),
    ("826510002", "SSN", "Bartholomew", "", "Quillfeather", "", "1974-11-30", ""),
]
ADDRESSES = [
    ("826510001", "71-52 104th St", "", "Elmhurst", "NY", "11373", *_ROW),
    ("826510002", "12 W 4th St", "Apt 3", "New York", "NY", "10012", *_ROW),
]

_WILHELMINA = dict(first_name="WILHELMINA", last_name="THISTLEWOOD")
_BARTHOLOMEW = dict(first_name="BARTHOLOMEW", last_name="QUILLFEATHER")
_SAFE = "REVIEW|NOT_DISCLOSED"


def test_a_one_line_address_without_a_city(tmp_path: Path) -> None:
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    cases: Cases = {
        # the fields of their own, no city: what the one line must give
        "F1": (dict(_WILHELMINA, street="71-52 104TH ST", state="NY", zip="11373"),
               "DISCLOSE", "826510001"),
        "O1": (dict(_WILHELMINA, address="71-52 104TH ST, NY 11373"), "DISCLOSE",
               "826510001"),
        "O2": (dict(_WILHELMINA, address="71-52 104TH ST NY 11373"), "DISCLOSE", "826510001"),
        "O3": (dict(_BARTHOLOMEW, address="12 W 4TH ST APT 3, NY 10012"), "DISCLOSE",
               "826510002"),
        # another house of the street, or a ZIP of another state: not disclosed
        "O4": (dict(_WILHELMINA, address="71-58 104TH ST, NY 11373"), _SAFE, ""),
        "O5": (dict(_WILHELMINA, address="71-52 104TH ST, NY 90210"), "REJECTED", ""),
        # placeholders stay placeholders
        "P1": (dict(_WILHELMINA, address="N/A, NY 11373"), "REJECTED", ""),
        "P2": (dict(_WILHELMINA, address="UNKNOWN"), "REJECTED", ""),
        "P3": (dict(_WILHELMINA, address="123 ANY STREET"), "REJECTED", ""),
        "P4": (dict(_WILHELMINA, address="UNKNOWN ST, NY 11373"), "REJECTED", ""),
    }
    decide_each(home, key, tmp_path, {}, cases, 765001)

"""Household faults found by `dgate evaluate` on synthetic data: a relative with a similar or
translated given name at the requested address must never be disclosed automatically."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.e2e.handmade import AS_OF, dgate, setup_home, write_master, write_package

EXTRA_TAXPAYERS = [
    ("520112233", "SSN", "Mary", "Lisa", "Reed", "", "1975-05-05", ""),
    ("520112244", "SSN", "Juan Manuel", "", "Mejía Ramírez", "", "1969-06-06", ""),
    ("520112255", "SSN", "Charles", "", "Montgomery", "", "1980-08-08", ""),
    ("520112266", "SSN", "MICHELLE", "A", "HILL", "", "1985-09-09", ""),
]
EXTRA_ADDRESSES = [
    ("520112233", "7507 S Station St", "# 203", "Hockley", "TX", "77447", "RETURN", "2024",
     "2025-03-03"),
    ("520112244", "7609 18th Rd", "", "Von Ormy", "TX", "78073", "RETURN", "2024",
     "2025-03-03"),
    ("520112255", "410 Elm Ave", "", "Laredo", "TX", "78040", "RETURN", "2024", "2025-03-03"),
    ("520112266", "910 W Lakeview Way", "Apt 207", "Sunnyside", "NY", "11104", "RETURN", "2024",
     "2025-03-03"),
]


def _home(tmp: Path):
    home, key = setup_home(tmp)
    folder = write_master(tmp / "master2")
    for name, rows in (("taxpayers.csv", EXTRA_TAXPAYERS), ("addresses.csv", EXTRA_ADDRESSES)):
        with (folder / name).open("a", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows(rows)
    assert dgate(home, "master", "load", str(folder)).code == 0
    return home, key


def test_similar_or_translated_given_name_is_not_disclosed(tmp_path: Path) -> None:
    home, key = _home(tmp_path)
    rows = [
        # GARY is not MARY: one letter apart, but a different name (first letter differs)
        dict(request_id="H1", first_name="GARY", last_name="REED", street="7507 S STATION ST",
             unit="# 203", city="HOCKLEY", state="TX", zip="77447"),
        # JOHN may be JUAN anglicized — or a relative: a person decides, never the machine
        dict(request_id="H2", first_name="JOHN", last_name="MEJIA",
             address="7609 18Th Rd, Von Ormy, TX 78073"),
        # a translated given name with the exact surname: still a person's call …
        dict(request_id="H4", first_name="CARLOS", last_name="MONTGOMERY", street="410 ELM AVE",
             city="LAREDO", state="TX", zip="78040"),
        # a sound-alike real name (MICHAEL/MICHELLE) with the exact surname and unit
        dict(request_id="H6", first_name="michael", last_name="hill",
             street="910 W LAKEVIEW WAY", unit="APT 207", city="SUNNYSIDE", state="NY",
             zip="11104"),
        # the real person, spelled with a slip, is still found
        dict(request_id="H3", first_name="Juan", last_name="Mejia Ramires",
             street="7609 18TH ROAD", city="Von Ormy", state="TX", zip="78073"),
    ]
    pkg = write_package(tmp_path / "pkg", key, rows)
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    out = tmp_path / "d.csv"
    assert dgate(home, "batch", "decisions", sub.last_line, "--out", str(out)).code == 0
    with out.open(encoding="utf-8", newline="") as fh:
        got = {r["request_id"]: r for r in csv.DictReader(fh)}
    assert got["H1"]["disposition"] == "NOT_DISCLOSED"
    assert got["H2"]["disposition"] in ("REVIEW", "NOT_DISCLOSED")
    assert got["H3"]["disposition"] == "DISCLOSE" and got["H3"]["match_tin"] == "520112244"
    assert got["H4"]["disposition"] in ("REVIEW", "NOT_DISCLOSED")
    assert got["H6"]["disposition"] in ("REVIEW", "NOT_DISCLOSED")
    # … unless the date of birth agrees (a batch of its own: the same person twice in one
    # batch would be R_DUPLICATE)
    h5 = dict(request_id="H5", first_name="CARLOS", last_name="MONTGOMERY",
              street="410 ELM AVE", city="LAREDO", state="TX", zip="78040",
              date_of_birth="1980-08-08")
    pkg = write_package(tmp_path / "pkg5", key, [h5], batch_id="ICE-2026-000555")
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert dgate(home, "batch", "decisions", sub.last_line, "--out", str(out)).code == 0
    with out.open(encoding="utf-8", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert row["disposition"] == "DISCLOSE" and row["match_tin"] == "520112255"

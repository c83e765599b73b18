"""A master extract that breaks master-format.md is refused whole, in one line naming the
file, the column and how many rows, and the master in force stays in force (store/master.py
`_type_and_validate`; its checks are counted in one scan per file, and the first failing
one in this order is the one reported)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.match.extract import write_extract

from dgate.errors import InputError
from dgate.store.master import MasterStore

_Row = list[str]


def _good() -> tuple[list[_Row], list[_Row]]:
    taxpayers = [[f"90000000{i}", "SSN", "ROSA", "", f"TESTNAME{i}", "", f"1970-01-0{i}", ""]
                 for i in range(1, 4)]
    addresses = [[t[0], f"{i}00 OAK ST", "", "SPRINGFIELD", "IL", "62701", "RETURN", "2023",
                  "2024-01-15"] for i, t in enumerate(taxpayers, 1)]
    return taxpayers, addresses


def _tp(i: int, column: int, value: str) -> tuple[str, int, int, str]:
    return ("taxpayers", i, column, value)


def _ad(i: int, column: int, value: str) -> tuple[str, int, int, str]:
    return ("addresses", i, column, value)


# (the changes made to a good extract, the message expected)
CASES = [
    ([_tp(0, 0, "12345678")], "taxpayers.csv: column tin: 1 row(s) not 9 digits"),
    ([_tp(0, 1, "EIN"), _tp(1, 1, "")], "taxpayers.csv: column tin_type: 2 row(s) not SSN "
                                        "or ITIN"),
    ([_tp(2, 2, "  ")], "taxpayers.csv: column first_name: 1 row(s) empty"),
    ([_tp(2, 4, "")], "taxpayers.csv: column last_name: 1 row(s) empty"),
    ([_tp(0, 6, "1970-02-30")], "taxpayers.csv: column date_of_birth: 1 row(s) not a date"),
    ([_tp(0, 7, "yesterday")], "taxpayers.csv: column date_of_death: 1 row(s) not a date"),
    # two checks fail: the earlier in the order is the one reported
    ([_tp(0, 4, ""), _tp(1, 0, "1")], "taxpayers.csv: column tin: 1 row(s) not 9 digits"),
    ([_tp(1, 0, "900000001")], "taxpayers.csv: column tin: 1 duplicate value(s)"),
    ([_ad(0, 0, "9")], "addresses.csv: column tin: 1 row(s) not 9 digits"),
    ([_ad(0, 5, "6270")], "addresses.csv: column zip: 1 row(s) not a 5-digit ZIP"),
    ([_ad(1, 6, "W2")], "addresses.csv: column source: 1 row(s) not RETURN, FORM_8822 or "
                        "NCOA"),
    ([_ad(1, 8, "")], "addresses.csv: column effective_date: 1 row(s) missing or not a date"),
    ([_ad(1, 7, "2023a")], "addresses.csv: column tax_year: 1 row(s) not a year"),
    ([_ad(2, 1, "")], "addresses.csv: column street: 1 row(s) empty"),
    ([_ad(2, 3, " ")], "addresses.csv: column city: 1 row(s) empty"),
    ([_ad(2, 4, "")], "addresses.csv: column state: 1 row(s) empty"),
    ([_ad(0, 0, "900000009"), _ad(1, 0, "900000009")],
     "addresses.csv: column tin: 2 row(s) name no taxpayer"),
]


@pytest.mark.parametrize(("changes", "message"), CASES)
def test_a_broken_extract_is_refused_whole_naming_the_column(
        tmp_path: Path, changes: list[tuple[str, int, int, str]], message: str) -> None:
    store = MasterStore(tmp_path / "home")
    taxpayers, addresses = _good()
    store.load(write_extract(tmp_path / "good", taxpayers, addresses))
    in_force = store.current_path()
    for table, row, column, value in changes:
        (taxpayers if table == "taxpayers" else addresses)[row][column] = value
    with pytest.raises(InputError) as caught:
        store.load(write_extract(tmp_path / "bad", taxpayers, addresses))
    assert str(caught.value) == f"master extract {message}"
    assert store.current_path() == in_force
    assert sorted(p.name for p in store.folder.glob("master-*")) == [in_force.name]


def test_a_taxpayer_without_an_address_row_is_refused(tmp_path: Path) -> None:
    taxpayers, addresses = _good()
    with pytest.raises(InputError, match=r"^master extract taxpayers\.csv: 1 taxpayer\(s\) "
                                         r"have no address row$"):
        MasterStore(tmp_path / "home").load(write_extract(tmp_path / "x", taxpayers,
                                                          addresses[1:]))

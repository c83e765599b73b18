"""Master extracts in forms a writer other than ours produces (audit 13): dates stored as
zone-aware Parquet timestamps, as Spark and pandas write them, load as the calendar dates
meant, whatever the process's time zone (A2); a CSV extract whose first quoted field comes
after the rows DuckDB samples to guess the dialect loads (A3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tests.match.extract import write_extract

from dgate.store.master import MasterStore

_TAXPAYERS = [["900000001", "SSN", "ROSA", "", "TESTNAME", "", "1988-03-01", ""],
              ["900000002", "SSN", "JUAN", "", "OTHERNAME", "", "1970-01-01", "2025-12-31"]]
_ADDRESSES = [["900000001", "100 OAK ST", "", "SPRINGFIELD", "IL", "62701", "RETURN", "2023",
               "2024-01-01"],
              ["900000002", "12 ELM AVE", "", "SPRINGFIELD", "IL", "62701", "FORM_8822", "",
               "2025-06-30"]]


def _dates(tmp: Path, folder: Path) -> list[tuple[object, ...]]:
    store = MasterStore(tmp / f"home-{folder.name}")
    store.load(folder)
    with store.connect_current() as con:
        return con.execute(
            "SELECT t.tin, t.date_of_birth, t.date_of_death, a.effective_date FROM taxpayers t "
            "JOIN addresses a USING (tin) ORDER BY t.tin").fetchall()


def _zoned(values: list[str], zone: str) -> pa.Array:
    return pa.array([dt.datetime.fromisoformat(v).replace(tzinfo=ZoneInfo(zone)) if v else None
                     for v in values], type=pa.timestamp("us", tz=zone))


@pytest.mark.parametrize("zone", ["UTC", "Asia/Tokyo", "America/Los_Angeles"])
def test_zone_aware_timestamps_are_the_dates_meant(tmp_path: Path, zone: str) -> None:
    # Rendered in the process's zone (UTC on CI), a midnight east of it was the day before:
    # Tokyo here, as New York turned a UTC midnight back a day for audit 13.
    want = _dates(tmp_path, write_extract(tmp_path / "csv", _TAXPAYERS, _ADDRESSES))
    assert want[0][1] == dt.date(1988, 3, 1)
    folder = tmp_path / "parquet"
    folder.mkdir()
    tp_cols = list(zip(*_TAXPAYERS, strict=True))
    ad_cols = list(zip(*_ADDRESSES, strict=True))
    tp_names = ["tin", "tin_type", "first_name", "middle_name", "last_name", "name_suffix",
                "date_of_birth", "date_of_death"]
    ad_names = ["tin", "street", "unit", "city", "state", "zip", "source", "tax_year",
                "effective_date"]
    pq.write_table(pa.table(
        {n: (_zoned(list(c), zone) if n.startswith("date") else pa.array(list(c)))
         for n, c in zip(tp_names, tp_cols, strict=True)}), folder / "taxpayers.parquet")
    pq.write_table(pa.table(
        {n: (_zoned(list(c), zone) if n == "effective_date" else pa.array(list(c)))
         for n, c in zip(ad_names, ad_cols, strict=True)}), folder / "addresses.parquet")
    assert _dates(tmp_path, folder) == want


def test_a_quoted_field_after_many_plain_rows(tmp_path: Path) -> None:
    taxpayers = [[f"9{i:08d}", "SSN", "ROSA", "", "TESTNAME", "", "1970-01-01", ""]
                 for i in range(1, 25_002)]
    addresses = [[t[0], f"{i} OAK ST", "", "SPRINGFIELD", "IL", "62701", "RETURN", "2023",
                  "2024-01-01"] for i, t in enumerate(taxpayers, start=1)]
    addresses[-1][1] = "145 MAIN STREET, REAR"  # written quoted: it holds a comma
    folder = write_extract(tmp_path / "late", taxpayers, addresses)
    assert '"145 MAIN STREET, REAR"' in (folder / "addresses.csv").read_text(encoding="utf-8")
    store = MasterStore(tmp_path / "home")
    info = store.load(folder)
    assert info.addresses == len(addresses)


def test_a_value_beginning_with_hash_is_data_not_a_comment(tmp_path: Path) -> None:
    # Columns in any order are legal; with `unit` first, DuckDB guessed '#' to be a comment
    # character and silently dropped every address row whose unit was written "#4": here the
    # latest address of each taxpayer, so an older one became the last known (audit 13 A3,
    # the dialect's other guessed part).
    folder = tmp_path / "hash"
    folder.mkdir()
    tins = [f"9{i:08d}" for i in range(1, 41)]
    (folder / "taxpayers.csv").write_text(
        "tin,tin_type,first_name,middle_name,last_name,name_suffix,date_of_birth,date_of_death\n"
        + "".join(f"{t},SSN,ROSA,,TESTNAME,,1970-01-01,\n" for t in tins), encoding="utf-8")
    lines = ["unit,tin,street,city,state,zip,source,tax_year,effective_date"]
    for i, t in enumerate(tins):
        lines.append(f",{t},{i + 1} OAK ST,SPRINGFIELD,IL,62701,RETURN,2022,2023-01-01")
        if i % 4 == 0:
            lines.append(f"#{i + 1},{t},{i + 1} ELM ST,SPRINGFIELD,IL,62701,FORM_8822,,2024-06-01")
    (folder / "addresses.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = MasterStore(tmp_path / "home")
    info = store.load(folder)
    assert info.addresses == len(lines) - 1
    with store.connect_current() as con:
        units = con.execute("SELECT a.unit FROM lka l JOIN addresses a USING (addr_id) "
                            "WHERE a.unit <> '' ORDER BY a.tin").fetchall()
    assert [u for (u,) in units] == [f"#{i + 1}" for i in range(0, 40, 4)]

"""A loaded master records the format it was written in (meta.format), and everything that
matches against it or exports it refuses one of another format, in one line saying what to
do: an older master lacks columns the matching reads (addresses.urb), or holds names and
addresses normalized by other functions (meta.normalizer)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from tests.match.extract import write_extract

from dgate.errors import DgateError
from dgate.match.spark_export import export_parquet
from dgate.store.master import MASTER_FORMAT, MasterStore, master_format, require_format


def _store(tmp: Path) -> MasterStore:
    write_extract(tmp / "x", [["900000001", "SSN", "EUFEMIA", "", "BERRIOS", "", "", ""]],
                  [["900000001", "URB LAS GLADIOLAS 150 CALLE A", "", "SAN JUAN", "PR",
                    "00926", "RETURN", "2024", "2025-04-15"]])
    store = MasterStore(tmp / "home")
    store.load(tmp / "x")
    return store


def _set_format(store: MasterStore, sql: str) -> None:
    path = store.current_path()
    assert path is not None
    with duckdb.connect(str(path)) as con:
        con.execute(sql)


def test_a_master_records_its_format_and_its_urbanizations(tmp_path: Path) -> None:
    store = _store(tmp_path)
    with store.connect_current() as con:
        assert master_format(con) == MASTER_FORMAT
        assert con.execute("SELECT urb, house, street_name FROM addresses").fetchall() == [
            ("LAS GLADIOLAS", "150", "CALLE A")]


@pytest.mark.parametrize(("sql", "says"), [
    ("ALTER TABLE meta DROP COLUMN format", "master load` again"),   # before formats
    (f"UPDATE meta SET format = {MASTER_FORMAT + 1}", "upgrade dgate"),
    # names and addresses stored in forms this dgate no longer makes
    ("UPDATE meta SET normalizer = 'dgate-norm/9'", "normalized by dgate-norm/9, this"),
])
def test_a_master_of_another_format_is_refused_in_one_line(tmp_path: Path, sql: str,
                                                           says: str) -> None:
    store = _store(tmp_path)
    _set_format(store, sql)
    with store.connect() as con:  # still readable (master info, the review pages)
        with pytest.raises(DgateError, match=says) as err:
            require_format(con)
        assert "\n" not in str(err.value)
        with pytest.raises(DgateError, match=says):
            export_parquet(con, tmp_path / "export")
    assert not (tmp_path / "export").exists()
    with pytest.raises(DgateError, match=says):
        store.connect_current()


def test_the_last_known_address_and_its_ties(tmp_path: Path) -> None:
    # master-format.md: the latest date; on a tie FORM_8822, RETURN, NCOA; two returns of
    # one date, the later tax year. Two rows of one date and source at two addresses: which
    # is last known the extract does not say (lka.tied; audit 15, F1).
    rows = [
        # two NCOA rows processed one day, two addresses: tied
        ("900000011", "900 ZINNIA ST", "", "2025-06-01", "NCOA", ""),
        ("900000011", "200 ASPEN ST", "", "2025-06-01", "NCOA", ""),
        # the same address twice (a unit written two ways): no tie
        ("900000012", "5 OAK CT", "APT 2", "2025-06-01", "NCOA", ""),
        ("900000012", "5 OAK CT", "# 2", "2025-06-01", "NCOA", ""),
        # two returns of one date: the later tax year, no tie
        ("900000013", "1 ELM ST", "", "2025-06-01", "RETURN", "2024"),
        ("900000013", "9 ELM ST", "", "2025-06-01", "RETURN", "2023"),
        # a Form 8822 of that date before the return: no tie
        ("900000014", "7 FIR LN", "", "2025-06-01", "RETURN", "2024"),
        ("900000014", "3 FIR LN", "", "2025-06-01", "FORM_8822", ""),
        # a tie at an older date does not matter
        ("900000015", "8 ASH DR", "", "2025-07-01", "NCOA", ""),
        ("900000015", "4 ASH DR", "", "2025-06-01", "NCOA", ""),
        ("900000015", "6 ASH DR", "", "2025-06-01", "NCOA", ""),
    ]
    tins = sorted({r[0] for r in rows})
    write_extract(tmp_path / "x", [[t, "SSN", "ANA", "", "RUIZ", "", "", ""] for t in tins],
                  [[t, street, unit, "DENVER", "CO", "80203", source, year, day]
                   for t, street, unit, day, source, year in rows])
    store = MasterStore(tmp_path / "home")
    store.load(tmp_path / "x")
    with store.connect_current() as con:
        got = {tin: (street, tied) for tin, street, tied in con.execute(
            "SELECT l.tin, a.street, l.tied FROM lka l JOIN addresses a USING (addr_id)"
        ).fetchall()}
    assert got["900000011"][1] is True
    assert got["900000012"] == ("5 OAK CT", False)
    assert got["900000013"] == ("1 ELM ST", False)
    assert got["900000014"] == ("3 FIR LN", False)
    assert got["900000015"] == ("8 ASH DR", False)

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

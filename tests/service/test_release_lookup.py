"""`batch release` reads each disclosure's request row in the accounting by (batch_id, seq):
by an index, not by a scan of the whole table. Before case schema 7 only disclosures' rows
were indexed so, and each lookup scanned every row: 23 ms a lookup with 100K requests
accounted, 35 minutes to release 90K disclosures (benchmarks/after_submit.py
--release-only), growing with
every batch the home keeps."""

from __future__ import annotations

from pathlib import Path

from dgate.service.release import REQUEST_ROW_SQL
from dgate.store import case


def test_the_request_row_of_a_disclosure_is_found_by_an_index(tmp_path: Path) -> None:
    conn = case.connect(tmp_path / "case.sqlite")
    case.migrate(conn)
    plan = " ".join(str(r[3]) for r in conn.execute(f"EXPLAIN QUERY PLAN {REQUEST_ROW_SQL}",
                                                     ("B-1", 1)))
    assert "USING INDEX accounting_request" in plan
    assert "SCAN" not in plan


def test_an_older_home_gains_the_index(tmp_path: Path) -> None:
    conn = case.connect(tmp_path / "case.sqlite")
    case.migrate(conn)
    conn.execute("DROP INDEX accounting_request")
    conn.execute("DELETE FROM schema_migrations WHERE version = 7")
    assert "SCAN accounting" in " ".join(
        str(r[3]) for r in conn.execute(f"EXPLAIN QUERY PLAN {REQUEST_ROW_SQL}", ("B-1", 1)))
    case.migrate(conn)
    assert conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' "
                        "AND name = 'accounting_request'").fetchone()

"""The review queue of every batch (`review list` with no batch, the web review page and the
API's /reviews without one) is found by an index of the review items, not by a scan of
every decision the home keeps (case schema 8). Before, each look at the queue read every
decision of every batch: 0.09 s with the 1M x 100K home's 100K decisions (0.005 s with the
index), growing with every batch kept (benchmarks/after_submit.py)."""

from __future__ import annotations

from pathlib import Path

from dgate.service.release import _pending_sql
from dgate.store import case


def _plan(conn: object, batch_id: str | None) -> str:
    # a compound statement since audit 23 (held DISCLOSE decisions are review items too):
    # ordered by its result columns
    sql, args = _pending_sql("d.request_key, d.request_id, d.batch_id, d.seq", batch_id)
    return " ".join(str(r[3]) for r in conn.execute(  # type: ignore[attr-defined]
        f"EXPLAIN QUERY PLAN {sql} ORDER BY batch_id, seq", args))


def test_the_queue_of_every_batch_reads_only_the_review_items(tmp_path: Path) -> None:
    conn = case.connect(tmp_path / "case.sqlite")
    case.migrate(conn)
    plan = _plan(conn, None)
    assert "USING INDEX decisions_review" in plan
    assert "SCAN d USING INDEX sqlite_autoindex" not in plan and "SCAN d " in plan
    assert "decisions_review (batch_id=?)" in _plan(conn, "B-1")


def test_an_older_home_gains_the_index(tmp_path: Path) -> None:
    conn = case.connect(tmp_path / "case.sqlite")
    case.migrate(conn)
    conn.execute("DROP INDEX decisions_review")
    conn.execute("DELETE FROM schema_migrations WHERE version = 8")
    assert "decisions_review" not in _plan(conn, None)
    case.migrate(conn)
    assert conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' "
                        "AND name = 'decisions_review'").fetchone()
    assert "USING INDEX decisions_review" in _plan(conn, None)

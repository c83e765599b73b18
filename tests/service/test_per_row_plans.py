"""No statement a command runs once per row scans a table (issue 9).

`batch release` read each disclosure's request row in the accounting by a query no index
covered: a scan of the whole accounting per disclosure, 35 minutes for the 1M x 100K batch's
90K disclosures, quadratic (case schema 7, tests/service/test_release_lookup.py). The same
fault in any other command a disclosure office runs on a batch would cost the same. Here
every command of cli.md after `batch submit` runs on a small batch with every SQL statement
traced: each statement a command runs more than once (per record, per disclosure, per
review item, per ledger entry) must find its rows by an index, shown by its query plan with
the values it ran with (a partial index serves only the value it names).
benchmarks/after_submit.py measures the same commands on a large batch.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from tests.e2e.handmade import approved_batch, dgate

from dgate.store import case

_LITERAL = re.compile(r"'(?:[^']|'')*'|\bx'[0-9a-fA-F]*'|\b\d+(?:\.\d+)?\b|\bNULL\b")
_SCAN = re.compile(r"^SCAN (?!CONSTANT ROW|sqlite_master)(\w+)")
_NEWEST = {"ledger_checkpoints": "ledger_checkpoints ORDER BY seq DESC LIMIT"}
"""A scan that reads one row: the newest checkpoint, its rowid (seq) backwards, LIMIT 1."""


class _Trace:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.sample: dict[str, str] = {}

    def __call__(self, sql: str) -> None:
        key = _LITERAL.sub("?", " ".join(sql.split()))
        self.counts[key] += 1
        self.sample.setdefault(key, sql)


def _scans(path: Path, trace: _Trace) -> list[str]:
    """The statements run more than once whose plan scans a table."""
    found = []
    conn = sqlite3.connect(path)
    try:
        for key, n in trace.counts.items():
            sql = trace.sample[key]
            if n < 2 or not sql.lstrip().upper().startswith(("SELECT", "WITH", "UPDATE",
                                                             "DELETE")):
                continue
            plan = [str(r[3]) for r in conn.execute("EXPLAIN QUERY PLAN " + sql)]
            tables = [t for line in plan if (m := _SCAN.match(line))
                      and not ((t := m.group(1)) in _NEWEST and _NEWEST[t] in key)]
            if tables:
                found.append(f"{n}x {key[:200]} -> {plan}")
    finally:
        conn.close()
    return found


def test_no_statement_run_per_row_scans_a_table(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    home, batch = approved_batch(tmp_path)
    connect = case.connect
    traces: dict[str, _Trace] = {}
    current: list[_Trace] = []

    def traced(path: Path) -> sqlite3.Connection:
        conn = connect(path)
        conn.set_trace_callback(current[0])
        return conn

    monkeypatch.setattr(case, "connect", traced)
    out = tmp_path / "out"
    out.mkdir()
    commands = {
        "batch decisions": (["batch", "decisions", batch, "--out", str(out / "d.csv")], "aud"),
        "review list": (["review", "list", batch], "rev"),
        "batch release": (["batch", "release", batch, "--out", str(out / "r.csv")], "off1"),
        "batch release again": (["batch", "release", batch, "--out", str(out / "r2.csv")],
                                "off1"),
        "accounting export": (["accounting", "export", "--out", str(out / "a.csv")], "aud"),
        "accounting export window": (["accounting", "export", "--out", str(out / "w.csv"),
                                      "--from", "2020-01-01", "--to", "2099-12-31"], "aud"),
        "accounting export json": (["accounting", "export", "--out", str(out / "a.json")],
                                   "aud"),
        "ledger verify": (["ledger", "verify"], "aud"),
    }
    for name, (argv, user) in commands.items():
        traces[name] = _Trace()
        current[:] = [traces[name]]
        r = dgate(home, *argv, user=user)
        assert r.code == 0, (name, r.err)
    # the release ran its per-disclosure statements more than once: the trace saw them
    assert any(n > 1 and "FROM accounting" in k
               for k, n in traces["batch release"].counts.items())
    found = {name: s for name, t in traces.items() if (s := _scans(home / "case.sqlite", t))}
    assert found == {}

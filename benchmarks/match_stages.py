"""Where one matching chunk's time goes: each stage of `setwise.decide_chunk` timed alone.

    python benchmarks/scale.py --taxpayers 1000000 --requests 100000 --work /tmp/s1m
    python benchmarks/match_stages.py --work /tmp/s1m --records 20000

Takes the home and request package a `benchmarks/scale.py` run left in `--work` (or
`--home` and `--package`), normalizes the first `--records` records after `--offset` as
submit does, and decides them as one chunk in this process on one DuckDB thread (the way
a matching worker runs), printing each stage's wall time, the candidate pairs and the
relevant rows. Every record is matched, whatever the record rules would say of it. Figures
only: nothing here asserts a speed.

`--statements` also runs each SQL statement of the chunk alone under DuckDB's JSON profile
and prints, for each taking `--floor` seconds or more, its time and its four largest
operators (type, table, seconds, rows): how docs/scaling.md "Session 22" was measured.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gc
import itertools
import json
import re
import resource
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any


def _count(con: Any, table: str) -> int:
    row = con.sql(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def _memory(con: Any) -> str:
    """DuckDB's memory by tag (MB, the largest three) and what it has spilled."""
    rows = con.sql("SELECT tag, memory_usage_bytes, temporary_storage_bytes "
                   "FROM duckdb_memory() ORDER BY memory_usage_bytes DESC").fetchall()
    used = sum(r[1] for r in rows) / 1e6
    spilled = sum(r[2] for r in rows) / 1e6
    top = ", ".join(f"{tag.lower()} {mem / 1e6:.0f}" for tag, mem, _ in rows[:3] if mem)
    return f"[{used:,.0f} MB: {top}; spilled {spilled:,.0f} MB]"


def _statements(sql: str) -> list[str]:
    """The statements of a multi-statement string (whole-line comments dropped: they may
    hold a semicolon). The matching SQL holds no semicolon inside a literal."""
    body = "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--"))
    return [part.strip() for part in body.split(";") if part.strip()]


def _operators(node: dict[str, Any], out: list[tuple[float, str, str, int]]) -> None:
    extra = node.get("extra_info")
    table = extra.get("Table", "") if isinstance(extra, dict) else ""
    out.append((float(node.get("operator_timing", 0.0)),
                str(node.get("operator_type") or node.get("operator_name") or ""),
                str(table), int(node.get("operator_cardinality", 0) or 0)))
    for child in node.get("children", []):
        _operators(child, out)


class StatementProfile:
    """A connection that runs each statement of an execute() alone, profiled (JSON, to
    `path`), and prints the time and largest operators of those taking `floor` seconds or
    more; everything else goes to the connection as it is."""

    def __init__(self, con: Any, path: Path, floor: float) -> None:
        self._con, self._path, self._floor = con, path, floor
        con.execute("PRAGMA enable_profiling = 'json'")
        con.execute(f"PRAGMA profiling_output = '{path}'")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def execute(self, sql: str, *params: Any) -> Any:
        if params:
            return self._con.execute(sql, *params)
        result = None
        for statement in _statements(sql):
            start = time.perf_counter()
            result = self._con.execute(statement)
            took = time.perf_counter() - start
            if took < self._floor:
                continue
            ops: list[tuple[float, str, str, int]] = []
            with contextlib.suppress(OSError, ValueError):  # no profile: the time alone
                _operators(json.loads(self._path.read_text(encoding="utf-8")), ops)
            ops.sort(reverse=True)
            print(f"    {took:6.2f}s  {' '.join(statement.split())[:70]}")
            print("             " + "; ".join(f"{kind} {table} {secs:.2f}s {rows:,} rows".replace(
                "  ", " ") for secs, kind, table, rows in ops[:4] if secs >= 0.01))
        return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, help="a benchmarks/scale.py work folder")
    ap.add_argument("--home", type=Path, help="a dgate home with a master loaded")
    ap.add_argument("--package", type=Path, help="a request package folder")
    ap.add_argument("--records", type=int, default=20_000)
    ap.add_argument("--offset", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--memory", action="store_true",
                    help="after each stage, DuckDB's memory by tag and its spill size")
    ap.add_argument("--memory-limit", help="DuckDB's memory_limit (default: a matching "
                    "worker's, MATCH_MEMORY_LIMIT)")
    ap.add_argument("--statements", action="store_true",
                    help="profile each SQL statement alone: its time and largest operators")
    ap.add_argument("--floor", type=float, default=0.1,
                    help="with --statements, the least time of a statement printed (s)")
    ap.add_argument("--collector", action="store_true",
                    help="leave Python's cyclic collector running (a matching worker pauses "
                    "it for the whole chunk, normalizing included: service/submit._match_job; "
                    "before session 37 this script left it running, which added 1-4 s of CPU "
                    "to a 50K chunk's Python stages)")
    args = ap.parse_args()
    home_dir = args.home or (args.work / "home" if args.work else None)
    package = args.package or (args.work / "big" / "pkg" if args.work else None)
    if home_dir is None or package is None:
        ap.error("give --work, or --home and --package")

    from dgate.match.setwise import decide_chunk
    from dgate.model import RequestRecord
    from dgate.service.home import Home
    from dgate.service.submit import MATCH_MEMORY_LIMIT, _queries
    from dgate.vault.duck import connect_master

    if not args.collector:
        gc.disable()  # as a matching worker (collector_paused), until this process ends
    t0 = time.perf_counter()
    # Only the records profiled are read: the whole 1.28M-record file is a few GB as
    # Python objects. (The package's signature and checks are submit's business, not this.)
    manifest = json.loads((package / "batch.json").read_text(encoding="utf-8"))
    wanted = []
    with open(package / manifest["records_file"], newline="", encoding="utf-8-sig") as fh:
        rows = csv.reader(fh)
        header = [h.strip().lower() for h in next(rows)]
        for seq, row in enumerate(itertools.islice(rows, args.offset,
                                                   args.offset + args.records),
                                  start=args.offset + 1):
            wanted.append(RequestRecord(seq, dict(zip(header, row, strict=False))))
    queries, ids = _queries(wanted)
    print(f"read and normalized {len(queries):,} records in {time.perf_counter() - t0:.1f}s")

    with Home(home_dir) as home:
        path = home.master.current_path()
        if path is None:
            raise SystemExit(f"match_stages: no master is loaded in {home_dir}")
        key = home.master.key_of(path)
        model = home.model
        with connect_master(Path(path), key, read_only=True) as con:
            limit = args.memory_limit or MATCH_MEMORY_LIMIT
            if not re.fullmatch(r"[0-9]+(\.[0-9]+)?\s*[KMGT]?i?B", limit):
                ap.error("--memory-limit: a size such as 2GB")
            con.execute(f"SET memory_limit = '{limit}'")
            con.execute(f"SET threads = {args.threads}")
            stages: list[tuple[str, float, float]] = []
            mark = [time.perf_counter(), time.process_time()]
            counts: dict[str, int] = {}
            memory: dict[str, str] = {}

            def stage(name: str) -> None:
                now, cpu = time.perf_counter(), time.process_time()
                stages.append((name, now - mark[0], cpu - mark[1]))
                if name.startswith("pairs"):
                    row = con.sql("SELECT sum(n) FROM n_cands").fetchone()
                    counts["blocked"] = int(row[0] or 0) if row else 0
                    counts["far"] = _count(con, "far")
                if name.startswith("gate"):  # twice when far namesakes are compared
                    counts["kept"] = counts.get("kept", 0) + _count(con, "pairs")
                if args.memory:
                    memory[name] = _memory(con)
                # the counting above is not a stage's time
                mark[0], mark[1] = time.perf_counter(), time.process_time()

            start, cpu0 = time.perf_counter(), time.process_time()
            if args.statements:
                print("statements (each alone, profiled; the stages' times include the "
                      "profiling):")
                with tempfile.TemporaryDirectory() as scratch:
                    decisions = decide_chunk(
                        StatementProfile(con, Path(scratch) / "profile.json", args.floor),
                        queries, ids, model, stage)
            else:
                decisions = decide_chunk(con, queries, ids, model, stage)
            total, cpu_total = time.perf_counter() - start, time.process_time() - cpu0
    n = max(1, len(queries))
    print(f"decided {len(decisions):,} records in {total:.1f}s wall, {cpu_total:.1f}s CPU "
          f"(stages below exclude the counting queries; CPU time is the steadier figure "
          f"when other work shares the cores)")
    print(f"    {'stage':<40} {'wall':>9} {'CPU':>9}")
    for name, secs, cpu in stages:
        print(f"    {name:<40} {secs:8.2f}s {cpu:8.2f}s  {memory.get(name, '')}")
    blocked, kept = counts.get("blocked", 0), counts.get("kept", 0)
    far = counts.get("far", 0)
    print(f"    candidate pairs {blocked:,} ({blocked / n:.1f} a record), of which far "
          f"namesakes {far:,}; compared past the gate {kept:,} ({kept / n:.1f} a record)")
    dispositions = Counter(d.disposition.value for d in decisions)
    print(f"    dispositions {dict(sorted(dispositions.items()))}")
    print(f"    peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6:.2f} GB")


if __name__ == "__main__":
    main()

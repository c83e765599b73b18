"""The master load alone: each stage's wall and CPU seconds, and a digest of every table.

    PYTHONPATH=src python benchmarks/master_load.py /tmp/r46/w1m/synth/master \
        --work /tmp/r46/ml [--profile out.prof] [--hash]

Loads the extract into a fresh plain (unencrypted) master under `--work` with
`MasterStore.load`, printing each stage's wall seconds and the CPU seconds this process and
its children (the street workers) spent in it (resource.getrusage), beside the load
average. `--hash` then prints a SHA-256 of every table of the new master read ordered by
all its columns, and one over all of them: two loads of one extract by two versions of the
code must print the same (meta's version, load time and format aside, which differ by
design; `meta` is hashed without them). `--home HOME` hashes the master in force in a dgate
home instead (opened with its key, as `store/master.py` opens it), loading nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import os
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import duckdb

from dgate.store.master import MasterStore

# meta's columns that name the load rather than what it loaded
_META_OWN = ("version", "loaded_at")


def _cpu() -> float:
    s = resource.getrusage(resource.RUSAGE_SELF)
    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


class StageClock:
    """A progress callback timing each stage (wall and CPU) from its first report to its
    last. Children's CPU counts once they have been waited for (the street workers are,
    when their pool closes at the end of each column)."""

    def __init__(self) -> None:
        self.first: dict[str, tuple[float, float]] = {}
        self.last: dict[str, tuple[float, float]] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        key = stage.split(" (")[0]
        now = (time.perf_counter(), _cpu())
        self.first.setdefault(key, now)
        self.last[key] = now


def table_digests(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """SHA-256 of each table's rows ordered by all their columns (lists as text)."""
    out: dict[str, str] = {}
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "ORDER BY table_name").fetchall()]
    for table in tables:
        cols = [r[0] for r in con.execute(f'DESCRIBE "{table}"').fetchall()]
        if table == "meta":
            cols = [c for c in cols if c not in _META_OWN]
        h = hashlib.sha256()
        h.update(repr(cols).encode())
        rendered = ", ".join(f'CAST("{c}" AS VARCHAR)' for c in cols)
        order = ", ".join(f'"{c}"' for c in cols)
        reader = con.sql(f'SELECT {rendered} FROM "{table}" ORDER BY {order}') \
            .to_arrow_reader(100_000)
        n = 0
        for batch in reader:
            for column in batch.columns:
                h.update(repr(column.to_pylist()).encode())
            n += batch.num_rows
        out[table] = f"{h.hexdigest()} ({n:,} rows)"
    return out


class _Timed:
    """A connection that times each statement it executes (wall and this process's CPU,
    DuckDB's threads included) and, with `folder`, writes DuckDB's JSON profile of each
    there (PRAGMA enable_profiling='json')."""

    def __init__(self, con: duckdb.DuckDBPyConnection, folder: Path | None,
                 log: list[tuple[float, float, str]]) -> None:
        self._con, self._folder, self._log = con, folder, log

    def execute(self, sql: str, *args: Any) -> Any:
        profiled = self._folder is not None and sql.lstrip().upper().startswith(
            ("CREATE", "INSERT", "SELECT COUNT", "SELECT (SELECT"))
        if profiled:
            out = self._folder / f"{len(self._log):03d}.json"
            self._con.execute("PRAGMA enable_profiling='json'")
            self._con.execute(f"PRAGMA profiling_output='{out}'")
        elif self._folder is not None:  # (a result is the last statement's: none after)
            self._con.execute("PRAGMA disable_profiling")
        c0, t0 = _cpu(), time.perf_counter()
        result = self._con.execute(sql, *args)
        self._log.append((time.perf_counter() - t0, _cpu() - c0, " ".join(sql.split())))
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def __enter__(self) -> _Timed:
        return self

    def __exit__(self, *_: object) -> None:
        self._con.close()


class _TimedStore(MasterStore):
    def __init__(self, folder: Path, profiles: Path | None) -> None:
        super().__init__(folder)
        self.profiles = profiles
        self.log: list[tuple[float, float, str]] = []

    def open_file(self, path: Path, *, create: bool = False) -> Any:
        con = super().open_file(path, create=create)
        return _Timed(con, self.profiles, self.log) if create else con


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("extract", type=Path, nargs="?")
    ap.add_argument("--work", type=Path, default=Path("/tmp/dgate-master-load"))
    ap.add_argument("--profile", type=Path, help="write a cProfile of the load here")
    ap.add_argument("--hash", action="store_true", help="digest every table after the load")
    ap.add_argument("--home", type=Path, help="only digest this home's master in force")
    ap.add_argument("--statements", action="store_true",
                    help="time each SQL statement of the load (the slowest printed)")
    ap.add_argument("--duckdb-profiles", type=Path,
                    help="with --statements: DuckDB's JSON profile of each statement here")
    args = ap.parse_args()
    if args.home:
        from dgate.service.home import Home

        with Home(args.home) as home, home.master.connect() as con:
            _print_digests(table_digests(con))
        return
    if args.extract is None:
        ap.error("an extract folder, or --home")
    shutil.rmtree(args.work, ignore_errors=True)
    if args.duckdb_profiles:
        shutil.rmtree(args.duckdb_profiles, ignore_errors=True)
        args.duckdb_profiles.mkdir(parents=True)
    store = (_TimedStore(args.work, args.duckdb_profiles) if args.statements
             else MasterStore(args.work))
    clock = StageClock()
    load_before = os.getloadavg()
    cpu0, t0 = _cpu(), time.perf_counter()
    prof = cProfile.Profile() if args.profile else None
    if prof:
        prof.enable()
    store.load(args.extract, clock)
    if prof:
        prof.disable()
        prof.dump_stats(str(args.profile))
    wall, cpu = time.perf_counter() - t0, _cpu() - cpu0
    print(f"master load: wall {wall:.1f}s, CPU {cpu:.1f}s (self+children), "
          f"load average {load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after, "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6:.2f} GB")
    for stage in clock.first:
        (w0, c0), (w1, c1) = clock.first[stage], clock.last[stage]
        print(f"    {stage:<52} wall {w1 - w0:6.1f}s  CPU {c1 - c0:6.1f}s")
    if isinstance(store, _TimedStore):
        print("  slowest statements (wall, CPU of this process incl. DuckDB's threads):")
        for i, (w, c, sql) in sorted(enumerate(store.log), key=lambda x: -x[1][1])[:15]:
            print(f"    #{i:03d} wall {w:6.2f}s  CPU {c:6.2f}s  {sql[:90]}")
    if args.hash:
        with store.connect() as con:
            _print_digests(table_digests(con))


def _print_digests(digests: dict[str, Any]) -> None:
    whole = hashlib.sha256()
    for table, digest in digests.items():
        print(f"    {table:<12} {digest}")
        whole.update(f"{table}:{digest}\n".encode())
    print(f"tables: {whole.hexdigest()}")


if __name__ == "__main__":
    sys.exit(main())

"""The same chunk of requests decided by the DuckDB engine and by the Spark engine.

    python benchmarks/spark_match.py [--taxpayers 50000] [--requests 5000] [--spark local[2]]

Generates a `dgate synth` set (seed 5), loads its master (a plain DuckDB file: this times
matching, not encryption), exports the Parquet master the Spark engine reads, then decides
every request once with `match.setwise.decide_chunk` and twice with `SparkMatcher` (the
first run includes Spark's warm-up). Prints each wall time and whether the decisions are
identical. Needs `pip install -e '.[spark]'` and Java 17+.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dgate.intake.package import read_package  # noqa: E402
from dgate.match.model import MatchModel  # noqa: E402
from dgate.match.setwise import decide_chunk  # noqa: E402
from dgate.match.spark_export import export_parquet  # noqa: E402
from dgate.service.submit import _query  # noqa: E402
from dgate.store.master import MasterStore  # noqa: E402
from dgate.synth.generate import generate  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--taxpayers", type=int, default=50_000)
    ap.add_argument("--requests", type=int, default=5_000)
    ap.add_argument("--spark", default="local[2]", help="Spark master URL")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="dgate-spark-") as tmp:
        root = Path(tmp)
        t = time.perf_counter()
        generate(root / "synth", taxpayers=args.taxpayers, requests=args.requests, seed=5,
                 as_of=date(2026, 11, 25))
        print(f"generate {time.perf_counter() - t:.1f} s")
        store = MasterStore(root / "home", keys=None)
        t = time.perf_counter()
        store.load(root / "synth" / "master")
        print(f"master load {time.perf_counter() - t:.1f} s")
        with store.connect() as con:
            t = time.perf_counter()
            export_parquet(con, root / "parquet")
            print(f"parquet export {time.perf_counter() - t:.1f} s")
        queries = [_query(r) for r in read_package(root / "synth" / "pkg").records]
        ids = {q.seq: str(q.seq) for q in queries}
        model = MatchModel()
        with store.connect() as con:
            t = time.perf_counter()
            duck = decide_chunk(con, queries, ids, model)
            print(f"duckdb setwise, one process: {time.perf_counter() - t:.1f} s "
                  f"({len(queries)} requests)", flush=True)
        from dgate.match.spark import SparkMatcher, session

        t = time.perf_counter()
        spark = session(args.spark)
        spark.sparkContext.setLogLevel("ERROR")
        print(f"spark session {time.perf_counter() - t:.1f} s")
        matcher = SparkMatcher(spark, str(root / "parquet"))
        got = []
        for run in (1, 2):
            t = time.perf_counter()
            got = matcher.decide_chunk(queries, ids, model)
            print(f"spark {args.spark} run {run}: {time.perf_counter() - t:.1f} s", flush=True)
        print(f"identical decisions: {got == duck} ({len(got)})")
        spark.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The case store on SQLite and on PostgreSQL, side by side: the same synthetic batch
submitted, reviewed, approved and released on each, then the ledger verified.

    python benchmarks/pg_store.py [--taxpayers 20000] [--requests 5000]

PostgreSQL: $DGATE_BENCH_PG_URL (a role that may CREATE DATABASE), else a throw-away
cluster started like the tests' (tests/pg/conftest.py). Prints seconds per stage; only the
case-store stages differ between the two runs (matching is the same DuckDB work).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dgate.evaluate import register_synth  # noqa: E402
from dgate.service import admin  # noqa: E402
from dgate.service.audit import ledger_verify  # noqa: E402
from dgate.service.home import Home, init_home  # noqa: E402
from dgate.service.release import (  # noqa: E402
    approve,
    release,
    review_decide,
    review_list,
)
from dgate.service.submit import submit  # noqa: E402
from dgate.synth import generate  # noqa: E402

USERS = (("clerk", "intake"), ("rev", "reviewer"), ("off1", "disclosure_officer"),
         ("off2", "disclosure_officer"), ("aud", "auditor"))
AS_OF = date(2026, 11, 25)


def run(label: str, data: Path, home_dir: Path, url: str | None) -> dict[str, float]:
    times: dict[str, float] = {}
    init_home(home_dir, case_store=url)
    with Home(home_dir) as home:
        for user, role in USERS:
            admin.user_add(home, "admin", user, role)
        register_synth(home, data)
        admin.master_load(home, "admin", data / "master", None)
        t = time.perf_counter()
        batch = submit(home, "clerk", data / "pkg", AS_OF).batch_id
        times["submit"] = time.perf_counter() - t
        t = time.perf_counter()
        for item in review_list(home, "rev", batch):
            review_decide(home, "rev", item.request_key, False)
        approve(home, "off1", batch)
        approve(home, "off2", batch)
        times["review + approvals"] = time.perf_counter() - t
        t = time.perf_counter()
        rel = release(home, "off2", batch, home_dir.parent / f"{label}-response.csv")
        times["release"] = time.perf_counter() - t
        t = time.perf_counter()
        check = ledger_verify(home, "aud")
        times["ledger verify"] = time.perf_counter() - t
    print(f"{label}: {rel.rows} records, {rel.disclosed} disclosed; {check.message}")
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--taxpayers", type=int, default=20_000)
    ap.add_argument("--requests", type=int, default=5_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="dgate-pgbench-") as tmp_name:
        tmp = Path(tmp_name)
        generate(tmp / "data", taxpayers=args.taxpayers, requests=args.requests, seed=3,
                 as_of=AS_OF)
        server = None
        url = os.environ.get("DGATE_BENCH_PG_URL")
        if url:
            from tests.pg.conftest import PgServer

            server = PgServer(url)
            started = None
        else:
            from tests.pg.conftest import _start_cluster

            t = time.perf_counter()
            server = started = _start_cluster()
            print(f"PostgreSQL cluster initdb + start: {time.perf_counter() - t:.1f} s")
        try:
            results = {
                "sqlite": run("sqlite", tmp / "data", tmp / "sqlite" / "home", None),
                "postgresql": run("postgresql", tmp / "data", tmp / "pg" / "home",
                                  server.create_database("bench")),
            }
        finally:
            if started is not None:
                from tests.pg.conftest import _stop

                _stop(started)
    print(f"{'stage':<22}{'sqlite s':>10}{'postgresql s':>14}")
    for stage in results["sqlite"]:
        print(f"{stage:<22}{results['sqlite'][stage]:>10.2f}"
              f"{results['postgresql'][stage]:>14.2f}")


if __name__ == "__main__":
    main()

"""How long `batch release` takes, and how it grows with the batch (issue 9: a 1.28M-record
batch must also be released, not only submitted).

    python benchmarks/scale.py --taxpayers 1000000 --requests 100000 --work W   # a batch decided
    PYTHONPATH=src python benchmarks/release.py --home W/home

The home given (a batch submitted, not released: what scale.py leaves) is copied and, in
the copy, two disclosure officers and a reviewer are added, every pending review item is
decided `--no-disclose`, the batch is approved twice and released to a scratch file. Prints
one JSON line: wall time of each step, the disclosures released, and milliseconds per
disclosure. The copy is removed afterwards, so the same home serves any number of runs and
any checkout (run with that checkout's PYTHONPATH=src). Figures only: nothing here asserts
a speed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--home", type=Path, required=True,
                    help="a home holding one submitted, unreleased batch (copied first)")
    args = ap.parse_args()

    from dgate.service import admin
    from dgate.service import release as releasing
    from dgate.service.home import Home

    scratch = Path(tempfile.mkdtemp(prefix="release-bench-", dir=args.home.parent))
    try:
        home_dir = scratch / "home"
        shutil.copytree(args.home, home_dir)
        with Home(home_dir) as home:
            rows = home.conn.execute("SELECT batch_id FROM batches WHERE status <> 'released'"
                                     ).fetchall()
            if len(rows) != 1:
                raise SystemExit(f"{args.home}: expected one unreleased batch, found "
                                 f"{len(rows)}")
            batch_id = str(rows[0][0])
            for user, role in (("bench-rev", "reviewer"), ("bench-off1", "disclosure_officer"),
                               ("bench-off2", "disclosure_officer")):
                admin.user_add(home, "admin", user, role)
            times: dict[str, float] = {}
            t = time.perf_counter()
            items = releasing.review_list(home, "bench-rev", batch_id)
            for item in items:
                releasing.review_decide(home, "bench-rev", item.request_key, False)
            times["review"] = time.perf_counter() - t
            t = time.perf_counter()
            releasing.approve(home, "bench-off1", batch_id)
            releasing.approve(home, "bench-off2", batch_id)
            times["approve"] = time.perf_counter() - t
            t = time.perf_counter()
            result = releasing.release(home, "bench-off1", batch_id, scratch / "response.csv")
            times["release"] = time.perf_counter() - t
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps({
        "reviewed": len(items), "disclosed": result.disclosed, "records": result.rows,
        "seconds": {k: round(v, 2) for k, v in times.items()},
        "ms_per_disclosure": round(1000 * times["release"] / max(1, result.disclosed), 3)}))


if __name__ == "__main__":
    main()

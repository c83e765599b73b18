"""`dgate review history KEY` on a long ledger: the time of one look, and of the upgrade.

    python benchmarks/scale.py --taxpayers 50000 --requests 5000 --work W    # a batch decided
    PYTHONPATH=src python benchmarks/review_history.py prepare --home W/home --out P --pad 1000000
    PYTHONPATH=src python benchmarks/review_history.py measure --home P

`prepare` copies the home (one submitted batch with review items: what scale.py leaves) to
P, adds a reviewer and an auditor, decides the first review item, takes the decision back
and decides it again, then appends --pad ordinary events (signed, as any command appends
them) so that the item's events sit among many others. `measure` copies P and, on the copy:
opens the home (a dgate that indexes review events indexes the ledger's here, once: the
migration), then looks up the item's history three times, each on a freshly opened home.
One JSON line each; the copy is removed. Run `measure` with two checkouts' src on
PYTHONPATH to compare them (prepare with the older: it writes the older schema). Figures
only: nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path


def prepare(home: Path, out: Path, pad: int) -> None:
    from dgate.service import admin
    from dgate.service import release as releasing
    from dgate.service.home import Home
    from dgate.store import case

    if out.exists():
        raise SystemExit(f"{out} exists")
    shutil.copytree(home, out)
    with Home(out) as h:
        for user, role in {"bench-rev": "reviewer", "bench-aud": "auditor"}.items():
            admin.user_add(h, "admin", user, role)
        item = releasing.review_list(h, "bench-rev", None)[0].request_key
        releasing.review_decide(h, "bench-rev", item, True)
        releasing.review_reopen(h, "bench-rev", item, "benchmark")
        releasing.review_decide(h, "bench-rev", item, False)
        chunk = 50_000
        for start in range(0, pad, chunk):
            with case.transaction(h.conn):
                h.record_many(h.event(None, "benchmark_filler", f"filler:{i}", "ok",
                                      padding="x" * 300)
                              for i in range(start, min(pad, start + chunk)))
        size = int(h.conn.execute("SELECT max(idx) + 1 FROM ledger_entries").fetchone()[0])
    (out / "review_history_item.txt").write_text(item + "\n", encoding="ascii")
    print(json.dumps({"prepared": str(out), "item": item, "ledger_entries": size}))


def measure(home: Path) -> None:
    from dgate.service import release as releasing
    from dgate.service.home import Home

    item = (home / "review_history_item.txt").read_text(encoding="ascii").strip()
    scratch = Path(tempfile.mkdtemp(prefix="review-history-", dir=home.parent))
    try:
        copy = scratch / "home"
        shutil.copytree(home, copy)
        t = time.perf_counter()
        with Home(copy):
            pass
        print(json.dumps({"step": "open home (migrations, if any)",
                          "seconds": round(time.perf_counter() - t, 2)}), flush=True)
        for n in range(3):
            t = time.perf_counter()
            with Home(copy) as h:
                actions = releasing.review_history(h, "bench-aud", item)
            print(json.dumps({"step": f"review history ({n + 1})",
                              "seconds": round(time.perf_counter() - t, 3),
                              "actions": [a.action for a in actions]}), flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--home", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--pad", type=int, default=1_000_000)
    m = sub.add_parser("measure")
    m.add_argument("--home", type=Path, required=True)
    args = ap.parse_args()
    if args.cmd == "prepare":
        prepare(args.home, args.out, args.pad)
    else:
        measure(args.home)


if __name__ == "__main__":
    main()

"""The submitting process's own CPU for one `batch submit`, and a digest of every decision
row it writes, on a copy of an already loaded home (issue 9).

    python benchmarks/scale.py --taxpayers 1000000 --requests 100000 --work W   # data once
    python benchmarks/scale.py --phase load --work W2 ...   # or: a home loaded, not submitted
    PYTHONPATH=src python benchmarks/submit_cpu.py --work W --home W2/home [--digest]

The home given by --home (a master loaded, the batch not yet submitted) is copied and the
batch W/big/pkg is submitted into the copy, which is removed afterwards, so the same loaded
home serves any number of runs and any checkout (run it with that checkout's
PYTHONPATH=src). Prints one JSON line: wall time per stage, CPU seconds of this process
(user + sys: the serial part, which no worker takes over) and of its children (the
matching workers, the sealing helper), the 1-minute load average before and after, and
the dispositions; and this process's CPU per stage (`stage_cpu`).

With --digest, every decision row exactly as `write_batch` receives it (all 17 columns, in
order, types included: `repr` of each row) goes into a SHA-256, also one per column; two
checkouts decide identically when their digests are equal. Hashing costs this process CPU
too, so time with and digest without it, or compare only like with like. Nothing of a row
is written anywhere.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


class _Digest:
    def __init__(self) -> None:
        self.rows = 0
        self.all = hashlib.sha256()
        self.columns: list[Any] = []

    def wrap(self, chunks: Iterable[Any]) -> Iterator[Any]:
        for rows in chunks:
            for row in rows:
                if not self.columns:
                    self.columns = [hashlib.sha256() for _ in row]
                self.all.update(repr(row).encode("utf-8") + b"\n")
                for h, value in zip(self.columns, row, strict=True):
                    h.update(repr(value).encode("utf-8") + b"\n")
                self.rows += 1
            yield rows

    def result(self) -> dict[str, Any]:
        return {"rows": self.rows, "columns": len(self.columns),
                "sha256": self.all.hexdigest(),
                "column_sha256": [h.hexdigest()[:12] for h in self.columns]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, required=True, help="holds big/pkg (scale.py's)")
    ap.add_argument("--home", type=Path, required=True, help="a loaded home, copied first")
    ap.add_argument("--chunk", type=int, default=0)
    ap.add_argument("--workers", type=int, default=0)
    ap.add_argument("--digest", action="store_true", help="hash every decision row")
    args = ap.parse_args()

    import dgate
    from dgate.service import submit as submitting
    from dgate.service.home import Home

    digest = _Digest() if args.digest else None
    if digest is not None:
        real = submitting.write_batch

        def hooked(*a: Any, **k: Any) -> None:
            a = (*a[:9], digest.wrap(a[9]), *a[10:])
            real(*a, **k)

        submitting.write_batch = hooked  # type: ignore[assignment]

    pkg = args.work / "big" / "pkg"
    manifest = json.loads((pkg / "batch.json").read_text(encoding="utf-8"))
    day = date.fromisoformat(manifest["signed_at"]) + timedelta(days=3)
    first: dict[str, float] = {}
    last: dict[str, float] = {}
    # this process's CPU at each stage's first and last event
    cpu_first: dict[str, float] = {}
    cpu_last: dict[str, float] = {}

    def stages(stage: str, done: int, total: int) -> None:
        now, used = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
        key = stage.split(" (")[0]
        first.setdefault(key, now)
        last[key] = now
        cpu_first.setdefault(key, used)
        cpu_last[key] = used

    scratch = Path(tempfile.mkdtemp(prefix="submit-cpu-", dir=args.home.parent))
    try:
        home_dir = scratch / "home"
        shutil.copytree(args.home, home_dir)
        with Home(home_dir) as home:
            load0 = os.getloadavg()[0]
            cpu0, t = _cpu(resource.RUSAGE_SELF), time.perf_counter()
            result = submitting.submit(home, "clerk", pkg, day, stages,
                                       chunk_size=args.chunk or None,
                                       workers=args.workers or None)
            total = time.perf_counter() - t
            cpu = _cpu(resource.RUSAGE_SELF) - cpu0
            load1 = os.getloadavg()[0]
        if result.existing:
            raise SystemExit(f"{args.home} already holds this batch: give a home loaded "
                             "but not submitted to")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    out: dict[str, Any] = {
        "dgate": str(Path(dgate.__file__).parent),
        "wall": round(total, 2), "main_cpu": round(cpu, 2),
        "children_cpu": round(_cpu(resource.RUSAGE_CHILDREN), 2),
        "load_before": load0, "load_after": load1,
        "stages": {
            "intake": round(first["rules"] - t, 2),
            "rules": round(last["rules"] - first["rules"], 2),
            "match": round(last.get("decide", last["rules"]) - last["rules"], 2),
            "write": round(t + total - last.get("decide", last["rules"]), 2)},
        # the same stages' CPU of this process alone (the record rules' per-record work and
        # the matching run in the matching processes; the sealing helper's is not here)
        "stage_cpu": {
            "intake": round(cpu_first["rules"] - cpu0, 2),
            "rules": round(cpu_last["rules"] - cpu_first["rules"], 2),
            "match": round(cpu_last.get("decide", cpu_last["rules"]) - cpu_last["rules"], 2),
            "write": round(cpu0 + cpu - cpu_last.get("decide", cpu_last["rules"]), 2)},
        "counts": result.counts}
    if digest is not None:
        out["digest"] = digest.result()
    print(json.dumps(out))


if __name__ == "__main__":
    main()

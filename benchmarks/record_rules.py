"""Record rules benchmark: records per second of `check_records` on one batch.

    python benchmarks/record_rules.py                      # the scale package if present
    python benchmarks/record_rules.py --package DIR        # any batch package folder
    python benchmarks/record_rules.py --synth --requests 20000 --seed 3
    python benchmarks/record_rules.py --reference          # also the pre-issue-9 rules

The batch is the package named by --package, else benchmarks/scale.py's 100,000-record
package (/tmp/s1m/big/pkg, written by `python benchmarks/scale.py --taxpayers 1000000
--requests 100000 --seed 4 --work /tmp/s1m`) when it exists, else a `dgate synth` batch
written to a temporary folder (--synth forces that). The records are read with the intake
reader first; only `check_records` is timed (wall and CPU seconds, so that a busy machine
shows), with the processing date and the manifest's signed_at as `batch submit` passes them.

--reference runs the frozen copy of the rules as they were before the speed work
(tests/rules/slow_reference.py) on the same records, prints its rate and whether every
record got the same codes. Figures only: nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from dgate.intake.package import read_package
from dgate.model import RequestRecord
from dgate.rules.dates import parse_date
from dgate.rules.record import RecordContext, check_records

SCALE_PACKAGE = Path("/tmp/s1m/big/pkg")
AS_OF = date(2026, 11, 25)
STATUTES = ("8 U.S.C. 1253(a)(1)", "8 U.S.C. 1253")

Rules = Callable[[Sequence[RequestRecord], RecordContext], list[frozenset[str]]]


def main() -> None:
    args = _arguments()
    with tempfile.TemporaryDirectory(prefix="dgate-rules-") as scratch:
        package = _package(args, Path(scratch))
        started = time.perf_counter()
        pkg = read_package(package, max_records=5_000_000, max_bytes=10**10)
        print(f"batch: {package} — {len(pkg.records):,} records "
              f"(read in {time.perf_counter() - started:.1f} s)")
        ctx = RecordContext(
            processing_date=AS_OF, signed_at=parse_date(pkg.manifest.get("signed_at")),
            agency_statutes=STATUTES, manifest_statutes=STATUTES[:1], prior_caseload={})
        found = _timed("check_records", check_records, pkg.records, ctx, args.repeat)
        if args.workers:
            def in_workers(records: Sequence[RequestRecord],
                           ctx: RecordContext) -> list[frozenset[str]]:
                return check_records(records, ctx, workers=args.workers)
            alone = found
            found = _timed(f"{args.workers} workers", in_workers, pkg.records, ctx, args.repeat)
            print(f"  same codes as one process: {found == alone}")
        codes = Counter(code for record_codes in found for code in record_codes)
        flagged = sum(1 for record_codes in found if record_codes)
        print(f"  records with a code: {flagged:,}; codes: {dict(codes.most_common())}")
        if args.reference:
            reference = _reference()
            before = _timed("reference (before)", reference, pkg.records, ctx, args.repeat)
            print(f"  same codes for every record: {before == found}")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--package", type=Path, help="a batch package folder")
    parser.add_argument("--synth", action="store_true", help="write a dgate synth batch")
    parser.add_argument("--taxpayers", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=1, help="runs per rule set (best kept)")
    parser.add_argument("--workers", type=int, default=0,
                        help="also time the per-record rules in this many worker processes "
                             "(check_records does so by itself above record.PARALLEL_MIN)")
    parser.add_argument("--reference", action="store_true",
                        help="also run the rules as they were before (tests/rules)")
    return parser.parse_args()


def _package(args: argparse.Namespace, scratch: Path) -> Path:
    if args.package is not None:
        return Path(args.package)
    if SCALE_PACKAGE.is_dir() and not args.synth:
        return SCALE_PACKAGE
    from dgate.synth import generate

    started = time.perf_counter()
    generate(scratch / "synth", taxpayers=args.taxpayers, requests=args.requests,
             seed=args.seed, as_of=AS_OF)
    print(f"wrote a synthetic batch in {time.perf_counter() - started:.1f} s")
    return scratch / "synth" / "pkg"


def _timed(label: str, rules: Rules, records: Sequence[RequestRecord], ctx: RecordContext,
           repeat: int) -> list[frozenset[str]]:
    """Run `rules` `repeat` times (a fresh call each: memo tables are per call); print the
    best wall and CPU time and the records per second they make."""
    best_wall = best_cpu = best_workers = float("inf")
    found: list[frozenset[str]] = []
    for _ in range(max(1, repeat)):
        gc.collect()
        wall, cpu, workers = time.perf_counter(), time.process_time(), _children_cpu()
        found = rules(records, ctx)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_workers = min(best_workers, _children_cpu() - workers)
    n = len(records)
    print(f"{label:>20}: {best_wall:6.2f} s wall, {best_cpu:6.2f} s CPU — "
          f"{n / best_wall:9,.0f} records/s ({n / best_cpu:,.0f} per CPU second, "
          f"{best_wall / n * 1e6:.1f} µs a record)"
          + (f"; worker processes {best_workers:.2f} s CPU" if best_workers > 0 else ""))
    return found


def _children_cpu() -> float:
    """CPU seconds of this process's ended child processes (the rules' workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _reference() -> Rules:
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from tests.rules.slow_reference import reference_check_records

    return reference_check_records


if __name__ == "__main__":
    main()

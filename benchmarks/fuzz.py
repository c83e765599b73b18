"""Long fuzz run of `dgate batch submit` with hostile packages.

    python benchmarks/fuzz.py --minutes 10              # atheris if installed, else hypothesis
    python benchmarks/fuzz.py --minutes 10 --engine hypothesis

Each input is a list of mutations of a valid package (tests/reliability/fuzzkit.py) submitted
through the real CLI against a scratch home; the oracle is the in-suite one: refused whole
(exit 3, one line, nothing imported, a refused_package row) or accepted whole with the
untouched records decided as the law requires. Prints examples run and verdicts; a failure
prints the mutations that caused it and exits 1.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e.handmade import setup_home  # noqa: E402
from tests.reliability import fuzzkit  # noqa: E402


class Runner:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.home, self.key = setup_home(root / "setup")
        self.ids = itertools.count(1)
        self.verdicts: Counter[str] = Counter()
        self.started = time.perf_counter()
        self.engine = ""

    def report(self) -> None:
        elapsed = time.perf_counter() - self.started
        total = sum(self.verdicts.values())
        print(f"engine {self.engine}: {total} packages in {elapsed:.0f} s "
              f"({total / max(elapsed, 1e-9):.1f}/s); verdicts {dict(self.verdicts)}",
              flush=True)

    def one(self, ops: list[fuzzkit.Op]) -> None:
        n = next(self.ids)
        work = self.root / f"ex-{n}"
        work.mkdir()
        try:
            target, touched = fuzzkit.build(ops, work, self.key, f"FZ-{n:08d}")
            self.verdicts[fuzzkit.check(self.home, target, f"FZ-{n:08d}", touched)] += 1
        except AssertionError:
            print(f"FAILED on mutations {ops!r}", flush=True)
            raise
        finally:
            shutil.rmtree(work, ignore_errors=True)


def run_hypothesis(runner: Runner, seconds: float) -> None:
    from hypothesis import HealthCheck, given, settings

    deadline = time.monotonic() + seconds

    @settings(max_examples=10**9, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(ops=fuzzkit.ops_strategy())
    def target(ops: list[fuzzkit.Op]) -> None:
        if time.monotonic() > deadline:
            raise _TimeUp
        runner.one(ops)

    try:
        target()
    except _TimeUp:
        pass
    except BaseException as exc:  # hypothesis re-raises the time-up inside its own group
        if not any(isinstance(e, _TimeUp) for e in getattr(exc, "exceptions", [exc])):
            raise


class _TimeUp(Exception):
    pass


def run_atheris(runner: Runner, seconds: float) -> None:
    import atheris  # type: ignore[import-not-found]

    with atheris.instrument_imports():
        import dgate.intake.package  # noqa: F401
        import dgate.intake.records  # noqa: F401

    deadline = time.monotonic() + seconds

    def target(data: bytes) -> None:
        if time.monotonic() > deadline:
            # libFuzzer would end the process from C, skipping our summary: end it here.
            runner.report()
            os._exit(0)
        try:
            runner.one(fuzzkit.ops_from_bytes(data))
        except AssertionError:
            runner.report()
            raise

    atheris.Setup([sys.argv[0], "-rss_limit_mb=4096"], target)
    atheris.Fuzz()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    args = parser.parse_args()
    engine: Any = args.engine
    if engine == "auto":
        try:
            import atheris  # type: ignore[import-not-found]  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    with tempfile.TemporaryDirectory(prefix="dgate-fuzz-") as tmp:
        runner = Runner(Path(tmp))
        runner.engine = engine
        try:
            if engine == "atheris":
                run_atheris(runner, args.minutes * 60)
            else:
                run_hypothesis(runner, args.minutes * 60)
        except AssertionError:
            return 1
        runner.report()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Long randomized crash run: SIGKILL `batch submit`, `review decide`, `batch approve` and
`batch release` at many points, check the invariants after each kill and resume the flow.

    python benchmarks/crash.py --kills 1000 --seed 7

The in-suite run (tests/reliability/test_crash_commands.py) does 100 kills with a fixed
seed; this runs as many as asked and prints what happened. A failure prints the kill's
label (command-mode-position) and the seed, which reproduce it exactly for statement and
named-point kills.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.reliability import crashkit as ck  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=500)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dgate-crash-") as tmp:
        root = Path(tmp)
        templates = ck.build_templates(root / "templates")
        print(f"seed {args.seed}; statements per command {templates.statements}")
        tally: Counter[tuple[str, str, str]] = Counter()
        failures = 0
        for number, kill in enumerate(ck.plan(args.seed, args.kills)):
            work = root / f"kill-{number}"
            work.mkdir()
            try:
                outcome = ck.run_kill(templates, kill, work)
            except AssertionError:
                failures += 1
                print(f"FAILED {kill.label} (seed {args.seed})")
                traceback.print_exc()
                continue
            finally:
                shutil.rmtree(work, ignore_errors=True)
            state = "committed" if outcome.committed else "rolled back"
            tally[(kill.command, kill.mode if outcome.killed else "finished", state)] += 1
    elapsed = time.perf_counter() - started
    print(f"{sum(tally.values()) + failures} kills in {elapsed:.1f} s, {failures} failures")
    for (command, mode, state), n in sorted(tally.items()):
        print(f"  {command:9} {mode:8} {state:12} {n}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

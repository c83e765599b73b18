"""Settings of the whole test run.

Under `pytest -n 2 --dist loadfile` (.ci/run) every test file is a unit of work given to
one worker. The Spark tests (tests/spark/) are made one unit, handed out first:

- one worker process, so one JVM: each Spark session costs its start (~17 s) and the
  JIT compilation of Spark's planner and generated code (C2 alone took ~130 s of CPU in
  one run of the contract test), paid again by a second worker when the files were split;
- first, so the other worker runs the rest of the suite meanwhile: xdist hands out the
  files with the most tests first, and the Spark files, with few tests and minutes each,
  ran at the end with nothing beside them.

Outside xdist (a plain `pytest`, or another --dist) nothing changes.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest

SPARK = "tests/spark"


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    if config.getoption("dist", None) != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class SparkFirst(LoadFileScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            if nodeid.startswith(f"{SPARK}/"):
                return SPARK
            return str(super()._split_scope(nodeid))

        def _assign_work_unit(self, node: Any) -> None:
            if SPARK in self.workqueue:
                self.workqueue.move_to_end(SPARK, last=False)
            super()._assign_work_unit(node)

    return SparkFirst(config, log)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The handmade homes a test process built once (tests/e2e/handmade.py) are removed
    here, in every xdist worker too: a worker leaves by os._exit, past atexit."""
    handmade = sys.modules.get("tests.e2e.handmade")
    if handmade is not None:
        handmade.remove_templates()

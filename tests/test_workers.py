"""dgate.workers.skip_teardown: a spawned worker ends without finalizing its interpreter,
and still ends (joined, status 0) with its results delivered."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from dgate.workers import skip_teardown


class _MarksItsEnd:
    """Writes `path` when freed: at interpreter teardown for one held by a module."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __del__(self) -> None:
        Path(self.path).write_text("finalized", encoding="utf-8")


_HELD: list[_MarksItsEnd] = []


def _hold(path: str) -> int:
    _HELD.append(_MarksItsEnd(path))
    return multiprocessing.current_process().pid or 0


def _run(tmp_path: Path, name: str, initializer: Callable[[], None] | None
         ) -> tuple[Path, list[int | None]]:
    marker = tmp_path / name
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=initializer)
    with pool:
        assert pool.submit(_hold, str(marker)).result() > 0
        processes = list(pool._processes.values())  # noqa: SLF001 - to read exit codes
    return marker, [p.exitcode for p in processes]


def test_a_worker_skips_its_teardown_and_still_ends(tmp_path: Path) -> None:
    # Control: a worker that finalizes frees what its modules hold (the marker appears),
    # so the marker's absence below is the teardown skipped, not a test that cannot see.
    finalized, codes = _run(tmp_path, "plain", None)
    assert finalized.read_text(encoding="utf-8") == "finalized"
    assert codes == [0]
    skipped, codes = _run(tmp_path, "skipped", skip_teardown)
    assert not skipped.exists()
    assert codes == [0]  # joined by the pool's shutdown, ended normally

"""How a spawned worker process ends: without tearing its interpreter down.

A spawned process that returns from its work ends through `sys.exit`, and Python then
finalizes: every module emptied, every object freed one by one. For a matching worker that
held a chunk's requests, the nickname tables and the USPS ZIP table, that took 2.4-2.6 s
with the cores contended, and `ProcessPoolExecutor.shutdown` waits for it: the submitting
process sat idle that long after the last chunk before writing the batch (1M x 100K,
shared machine; 0.18 s without it; on a quiet machine the wait does not show). The
memory is the operating system's to take back either way, and a worker has nothing left
to flush: its results went back through the pool's pipe and its DuckDB
connection, with its spill folder, was closed when its job ended.
"""

from __future__ import annotations

import atexit
import os


def skip_teardown() -> None:
    """A pool's initializer (or part of one): when this worker process exits normally, it
    ends at once with status 0 instead of finalizing the interpreter. Handlers registered
    after this one still run first (atexit runs them last-in, first-out)."""
    atexit.register(os._exit, 0)

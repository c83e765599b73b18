"""Named crash points for fault-injection tests.

`point("release.accounting")` kills the process outright (SIGKILL: no cleanup, no atexit,
no rollback by Python) when the environment variable DGATE_CRASH_AT names that point. The
tests use it to prove that a crash anywhere in a multi-step state change leaves either
nothing or everything of it. Unset, a point costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal

ENV = "DGATE_CRASH_AT"


def point(name: str) -> None:
    if os.environ.get(ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)

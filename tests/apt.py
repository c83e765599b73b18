"""apt-get install for the test fixtures that need a system program (PostgreSQL, Chromium).

CI runs the suite in two pytest-xdist workers, and both may reach a fixture that installs a
package at the same moment; dpkg allows one install at a time. Installs here take a file
lock first, look again whether the program arrived while they waited, and ask apt to wait
for dpkg's own lock besides (another program may hold it).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

LOCK = Path(tempfile.gettempdir()) / "dgate-tests-apt.lock"
_APT_WAIT = ["-o", "DPkg::Lock::Timeout=600"]


def apt_install(packages: list[str], present: Callable[[], bool],
                extra: tuple[str, ...] = ()) -> float:
    """Install `packages` unless `present()` says they are there; returns the seconds spent.
    Does nothing unless we are root with apt-get (as CI is); failures are left to `present`."""
    if present() or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return 0.0
    if shutil.which("apt-get") is None:
        return 0.0
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    t0 = time.monotonic()
    with open(LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if present():  # the other worker installed it while we waited
                return time.monotonic() - t0
            try:
                subprocess.run(["apt-get", *_APT_WAIT, "update", "-qq"], check=False,
                               timeout=300, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
                subprocess.run(["apt-get", *_APT_WAIT, "install", "-y", "-qq", *extra,
                                *packages], check=False, timeout=900, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            except subprocess.TimeoutExpired:
                pass
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return time.monotonic() - t0

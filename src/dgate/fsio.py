"""Atomic file replacement shared by every writer of the home and of outputs.

The temporary file gets a name unique to the call (not just to the process): the service
runs requests in threads, and two threads writing the same artefact at once must not
share, truncate or rename each other's temporary file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (best effort where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_atomic(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write `data` to `path` so a reader sees the old file or the whole new one, never a
    part: write a unique temporary file beside it, fsync, rename over, fsync the folder.
    Raises OSError (the temporary file removed) if any step fails.

    A device or a pipe (`--out /dev/null`, /dev/stdout, a FIFO) is written in place:
    renaming over it would put a regular file where the device was (run as root, a test's
    `batch decisions --out /dev/null` replaced the machine's /dev/null, and PostgreSQL's
    initdb failed after it), and atomicity means nothing for a stream."""
    try:
        kind = os.stat(path).st_mode
    except OSError:
        kind = 0
    if stat.S_ISCHR(kind) or stat.S_ISFIFO(kind):
        with open(path, "wb") as fh:
            fh.write(data)
        return
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(folder)

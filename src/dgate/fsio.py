"""Atomic file replacement shared by every writer of the home and of outputs.

The temporary file gets a name unique to the call (not just to the process): the service
runs requests in threads, and two threads writing the same artefact at once must not
share, truncate or rename each other's temporary file.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path


def is_inside(path: Path, folder: Path) -> bool:
    """True if `path` is `folder` or lies inside it, links followed on both sides."""
    return path.expanduser().resolve().is_relative_to(folder.expanduser().resolve())


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


def replace_atomic(path: Path, data: bytes | Iterable[bytes], *,
                   mode: int | None = None) -> None:
    """Write `data` to `path` so a reader sees the old file or the whole new one, never a
    part: write a unique temporary file beside it, fsync, rename over, fsync the folder.
    Raises OSError (the temporary file removed) if any step fails.

    A device or a pipe (`--out /dev/null`, /dev/stdout, a FIFO) is written in place:
    renaming over it would put a regular file where the device was (run as root, a test's
    `batch decisions --out /dev/null` replaced the machine's /dev/null, and PostgreSQL's
    initdb failed after it), and atomicity means nothing for a stream.

    A symbolic link is written through, never renamed over: the rename would replace the
    link itself with a regular file. /dev/stdout is a link to /proc/self/fd/1, which leads
    to a regular file when stdout is redirected to one (`--out /dev/stdout > report.csv`):
    renaming over it replaced the machine's /dev/stdout with a file holding the report,
    which never reached stdout. A link into /proc or /dev (a descriptor) is written in
    place, through this process's own stdout or stderr when it is one of them (reopening
    the file would truncate it and write at an offset the process's later output then
    overwrites); any other link has its target replaced atomically.

    `data` may come in pieces (an iterable of bytes, produced while it is written: a large
    export is then never held whole in memory). If producing a piece raises, the temporary
    file is removed and `path` is left as it was. A stream or device is written only once
    every piece is produced (joined first): nothing partial reaches it."""
    if writes_in_place(path):
        _write_in_place(path, data if isinstance(data, bytes) else b"".join(data))
        return
    if os.path.islink(path):
        path = Path(os.path.realpath(path))
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            for piece in [data] if isinstance(data, bytes) else data:
                fh.write(piece)
                fh.flush()  # out of this process's memory as it comes
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(folder)


def writes_in_place(path: Path) -> bool:
    """True if replace_atomic writes `path` in place: a device or a pipe, or a link through
    /proc or /dev (/dev/stdout); nothing is then created beside it."""
    if os.path.islink(path) and _through_descriptor(path):
        return True
    try:
        kind = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(kind) or stat.S_ISFIFO(kind)


def _through_descriptor(path: Path) -> bool:
    """True if `path` or a link on the way to its target lies in /proc or /dev
    (/dev/stdout -> /proc/self/fd/1 -> a regular file): an open descriptor or a device,
    to be written in place."""
    here = os.path.abspath(path)
    for _ in range(40):
        parts = Path(here).parts
        if len(parts) > 1 and parts[1] in ("proc", "dev"):
            return True
        if not os.path.islink(here):
            return False
        here = os.path.join(os.path.dirname(here), os.readlink(here))
    return False


def _write_in_place(path: Path, data: bytes) -> None:
    """Write a stream or device in place; this process's stdout or stderr through its own
    descriptor, after what was printed before."""
    for fd, stream in ((1, sys.stdout), (2, sys.stderr)):
        try:
            same = os.path.samefile(path, f"/proc/self/fd/{fd}")
        except (OSError, ValueError):
            same = False
        if same:
            stream.flush()
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            return
    with open(path, "wb") as fh:
        fh.write(data)

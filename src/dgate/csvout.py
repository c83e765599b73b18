"""CSV output that is safe to open in a spreadsheet and written atomically.

A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return would be taken as a
formula by spreadsheet programs (CSV injection); such a cell is prefixed with a single
quote. Files are written to a temporary name beside the target and renamed into place, so a
reader never sees half a report.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path, PurePath

from dgate.errors import UsageError
from dgate.fsio import replace_atomic, writes_in_place

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A signed number ("-17", "+3.5") is read as that number, not a formula: left as written,
# so that a requester's identifier such as "-17" comes back as sent.
_SIGNED_NUMBER = re.compile(r"[+-][0-9]+(\.[0-9]+)?")


def neutralize(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _SIGNED_NUMBER.fullmatch(text):
        return "'" + text
    return text


def render(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    return b"".join(render_pieces(header, rows))


PIECE_ROWS = 5000
"""Rows rendered into one piece of bytes by `render_pieces`."""


def render_pieces(header: Sequence[str], rows: Iterable[Sequence[object]],
                  piece_rows: int | None = None) -> Iterator[bytes]:
    """`render`'s bytes in pieces of `piece_rows` rows (the header in the first), produced
    as `rows` is read: joined, exactly `render`'s bytes (each row is written on its own;
    nothing carries from one to the next). For an output too large to hold at once (the
    accounting export: every row of every batch kept)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    # csv quotes a field only for the delimiter, the quote and the line terminator's own
    # characters: with "\n" as terminator a bare CR inside a field would be written as is,
    # and a reader would end the row there (a reason could forge a row of the accounting).
    # A row holding a CR is written with every field quoted instead.
    quote_all = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    piece_rows = piece_rows or PIECE_ROWS
    n = 0
    for row in rows:
        cells = [neutralize(v) for v in row]
        (quote_all if any("\r" in c for c in cells) else writer).writerow(cells)
        n += 1
        if n % piece_rows == 0:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
    if buf.tell() or n == 0:
        yield buf.getvalue().encode("utf-8")


def check_writable(path: Path) -> None:
    """Refuse (UsageError) if `path` cannot receive a file: its folder missing, the path a
    folder, or the folder refusing a new file. For a writer that changes state before it
    writes (`batch release` records its disclosures first), so that a target that cannot
    be written is refused while nothing is recorded yet."""
    parent = _folder_of(path)
    if path.is_dir():
        raise UsageError(f"cannot write {path}: Is a directory")
    if writes_in_place(path):
        # written in place (fsio.replace_atomic), nothing created beside it: /dev/stdout
        # must not need a writable /dev
        if not os.access(path, os.W_OK):
            raise UsageError(f"cannot write {path}: Permission denied")
        return
    try:
        fd, probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".probe", dir=parent)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    os.close(fd)
    os.unlink(probe)


def _folder_of(path: Path) -> Path:
    """The folder `path` is written in, or a UsageError if there is none."""
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"cannot write {path}: folder {parent} does not exist")
    return parent


class MemoryOut:
    """An output that stays in memory: a service function that writes a file (`out`) writes
    into `.data` instead. The web service takes reports and response files this way, so
    that taxpayer data it only passes on to its caller is never written to a temporary
    file a killed process would leave behind. `name` stands for the file name (its suffix
    chooses the format where the function lets it)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.data = b""

    @property
    def suffix(self) -> str:
        return PurePath(self.name).suffix

    def __str__(self) -> str:
        return self.name


class StreamOut:
    """An output handed on as it is produced: a service function that writes a file (`out`)
    leaves its pieces in `.pieces`, an iterator its caller reads after the function has
    returned (the web service's downloads, sent as they are read). Neither held whole in
    memory nor written to a temporary file. What the function records (the access to the
    data, the export) is recorded when it returns, before the first piece is read; a
    function that returns a count of rows returns 0 for it (the rows are read later)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.pieces: Iterator[bytes] = iter(())

    @property
    def suffix(self) -> str:
        return PurePath(self.name).suffix

    def __str__(self) -> str:
        return self.name


Output = Path | MemoryOut | StreamOut


def write_atomic(path: Output, data: bytes | Iterable[bytes]) -> None:
    """Write `data` (bytes, or pieces of them produced as they are written) to `path`
    atomically (fsio.replace_atomic), or into a MemoryOut, or hand its pieces to a
    StreamOut (unread: produced as its reader reads them)."""
    if isinstance(path, StreamOut):
        path.pieces = iter((data,)) if isinstance(data, bytes) else iter(data)
        return
    if isinstance(path, MemoryOut):
        path.data = data if isinstance(data, bytes) else b"".join(data)
        return
    _folder_of(path)
    try:
        replace_atomic(path, data)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None

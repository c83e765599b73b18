"""Reading zip archives that nobody has vetted: a package zip, or the zip inside an XLSX.

Nothing is extracted to disk. Every entry is checked before any is read (path escapes,
symlinks, encryption, entry count, total size, compression ratio), and each member is read
into memory with a hard cap, because the sizes an archive declares may lie.

Entry names are never echoed in messages: they are outside data. Entries are named by their
1-based position in the archive instead.
"""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from dgate.errors import InputError
from dgate.intake.limits import Limits

# Everything zipfile and zlib raise for a corrupt, truncated or unsupported archive.
ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    RuntimeError,  # encrypted member
    NotImplementedError,  # unsupported compression method
    ValueError,
    IndexError,
    KeyError,
)

_DRIVE = re.compile(r"^[A-Za-z]:")
_ENCRYPTED_FLAG = 0x1


@dataclass(frozen=True, slots=True)
class Entry:
    """A checked file entry: its normalized path parts, the archive's own record, and its
    1-based position in the archive (how messages name it: the name is outside data)."""

    parts: tuple[str, ...]
    info: zipfile.ZipInfo
    number: int

    @property
    def path(self) -> str:
        return "/".join(self.parts)


def open_zip(source: Path | bytes, label: str) -> zipfile.ZipFile:
    """Open an archive from a file or from bytes, translating every failure to InputError."""
    try:
        return zipfile.ZipFile(BytesIO(source) if isinstance(source, bytes) else source)
    except ZIP_ERRORS as exc:
        raise InputError(f"{label}: not a readable zip archive ({type(exc).__name__})") from None


def checked_entries(zf: zipfile.ZipFile, label: str, limits: Limits) -> list[Entry]:
    """Validate every entry of the archive and return its file entries (folders dropped).

    One unsafe entry refuses the whole archive, even one we would never read: an archive
    built to attack an extractor is not a package anyone should be processing.
    """
    infos = zf.infolist()
    if len(infos) > limits.max_zip_entries:
        raise InputError(
            f"{label}: {len(infos)} entries, more than the {limits.max_zip_entries} allowed"
        )
    entries: list[Entry] = []
    seen: set[str] = set()
    total = 0
    for number, info in enumerate(infos, start=1):
        place = f"{label} entry {number}"
        parts = _safe_parts(info.filename, place)
        _check_kind(info, place)
        if info.is_dir():
            continue
        key = "/".join(parts).casefold()
        if key in seen:
            # Two entries with one name: which one was signed and which one is read would
            # depend on the reader.
            raise InputError(f"{place}: repeats the path of an earlier entry")
        seen.add(key)
        _check_size(info, place, limits)
        total += info.file_size
        if total > limits.max_bytes:
            raise InputError(
                f"{label}: entries total more than {limits.max_bytes} bytes uncompressed"
            )
        entries.append(Entry(parts, info, number))
    return entries


def read_member(zf: zipfile.ZipFile, entry: Entry, label: str, cap: int) -> bytes:
    """Read one member into memory, refusing more than `cap` bytes whatever it declares."""
    return b"".join(iter_member(zf, entry, label, cap, chunk_bytes=cap + 1))


def iter_member(
    zf: zipfile.ZipFile, entry: Entry, label: str, cap: int, chunk_bytes: int = 1 << 20
) -> Iterator[bytes]:
    """Stream one member in chunks of at most `chunk_bytes`, refusing (InputError, raised
    when reached) more than `cap` bytes in all, whatever the archive declares."""
    place = f"{label} entry {entry.number}"
    total = 0
    try:
        with zf.open(entry.info) as handle:
            while chunk := handle.read(min(chunk_bytes, cap + 1 - total)):
                total += len(chunk)
                if total > cap:
                    raise InputError(f"{place}: larger than {cap} bytes")
                yield chunk
    except ZIP_ERRORS as exc:
        raise InputError(f"{place}: cannot be read ({type(exc).__name__})") from None


def _safe_parts(name: str, place: str) -> tuple[str, ...]:
    """Split an entry name into path parts, refusing anything that could leave the folder."""
    if "\x00" in name:
        raise InputError(f"{place}: name contains a NUL character")
    # Some Windows tools write backslashes; treat them as separators so that a name such as
    # "..\\evil" cannot slip past the ".." check.
    normalized = name.replace("\\", "/")
    if normalized.startswith("/") or _DRIVE.match(normalized):
        raise InputError(f"{place}: absolute path")
    parts = tuple(p for p in normalized.split("/") if p not in ("", "."))
    if ".." in parts:
        raise InputError(f"{place}: path leaves the archive's folder ('..')")
    if not parts:
        raise InputError(f"{place}: empty name")
    return parts


def _check_kind(info: zipfile.ZipInfo, place: str) -> None:
    """Only plain files and folders: no symlinks, devices or encrypted members."""
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise InputError(f"{place}: symbolic link")
    kind = stat.S_IFMT(mode)
    if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
        raise InputError(f"{place}: not a plain file or folder")
    if info.flag_bits & _ENCRYPTED_FLAG:
        raise InputError(f"{place}: encrypted")


def _check_size(info: zipfile.ZipInfo, place: str, limits: Limits) -> None:
    if info.file_size < 0 or info.compress_size < 0:
        raise InputError(f"{place}: negative size")
    if info.file_size <= limits.ratio_floor_bytes:
        return
    if info.file_size > max(info.compress_size, 1) * limits.max_zip_ratio:
        raise InputError(
            f"{place}: compression ratio above {limits.max_zip_ratio} (possible zip bomb)"
        )

"""Reading a batch package (request-format.md) from a folder or a .zip of one.

A package that cannot be read at all is refused as a whole with InputError (exit status 3,
nothing imported). Everything readable is passed on unjudged: missing manifest keys, a bad
signature or a wrong record count are for the batch rules, which reject with reason codes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from dgate.errors import InputError
from dgate.intake.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_RECORDS, Limits
from dgate.intake.records import UTF8_BOM, read_records
from dgate.intake.safezip import Entry, checked_entries, open_zip, read_member
from dgate.intake.strictjson import JsonProblem, strict_loads
from dgate.model import RequestRecord

MANIFEST_NAME = "batch.json"
SIGNATURE_NAME = "batch.json.sig"
_MAX_NAME_CHARS = 255
# Desktop clutter some zip tools add next to the real folder; never read, still checked.
_ZIP_CLUTTER = frozenset({"__MACOSX"})


@dataclass(frozen=True)
class Package:
    manifest_bytes: bytes
    """The exact bytes of batch.json (the signature is over these, BOM included)."""
    manifest: dict[str, Any]
    """The parsed manifest, passed through unjudged."""
    signature: bytes | None
    """Raw signature from batch.json.sig; None if missing or not valid base64."""
    records_name: str
    """The records file name, as the manifest gives it."""
    records_sha256: str
    """Hex SHA-256 of the records file's exact bytes."""
    records: Sequence[RequestRecord]
    """Every non-empty row, in file order; seq is the 1-based record number. Read from a
    file, a RecordTable (Arrow columns, records made as they are read)."""
    columns: tuple[str, ...]
    """The records file's header, stripped and lower-cased, extra columns included."""


class ManifestReadError(InputError):
    """The package is unreadable, but its batch.json was read as a JSON object: the
    manifest rides along (unjudged, as parsed) so that the refusal can be accounted for
    under the request it names (service/submit.py). The message is the InputError's and,
    like every message, carries no value of the package."""

    def __init__(self, message: str, manifest: dict[str, Any]) -> None:
        super().__init__(message)
        self.manifest = manifest


class NoSuchPackage(InputError):
    """Nothing at the path given: no package was received, so none is accounted as refused
    (a mistyped path is not a request)."""


class _Files(Protocol):
    """The package's files by plain name: a folder or a zip's root."""

    label: str

    def read(self, name: str, cap: int) -> bytes | None:
        """The file's bytes, None if absent; InputError if larger than `cap`."""
        ...


def read_package(
    path: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_records: int = DEFAULT_MAX_RECORDS,
    max_columns: int = 200,
    max_field_chars: int = 4096,
    progress: Callable[[int, int], None] | None = None,
) -> Package:
    """Read and check a package folder or .zip. Raises InputError, one line naming the file
    and place, for anything that makes the package unreadable. `progress` is told how many
    records have been read and how many to expect (the manifest's record_count, or as
    many as read)."""
    limits = Limits(
        max_bytes=max_bytes,
        max_records=max_records,
        max_columns=max_columns,
        max_field_chars=max_field_chars,
    )
    path = Path(path)
    if path.is_dir():
        return _read(_FolderFiles(path), limits, progress)
    if path.is_file() and path.suffix.lower() == ".zip":
        with _ZipFiles(path, limits) as files:
            return _read(files, limits, progress)
    if not path.exists():
        raise NoSuchPackage(f"package {path}: no such folder or file")
    raise InputError(f"package {path.name}: not a folder or a .zip file")


def _read(files: _Files, limits: Limits,
          progress: Callable[[int, int], None] | None = None) -> Package:
    manifest_bytes = files.read(MANIFEST_NAME, limits.max_manifest_bytes)
    if manifest_bytes is None:
        raise InputError(f"{files.label}: no {MANIFEST_NAME}")
    manifest = parse_manifest(manifest_bytes)
    try:
        return _read_beside(files, limits, manifest_bytes, manifest, progress)
    except InputError as exc:
        raise ManifestReadError(str(exc), manifest) from exc


def _read_beside(files: _Files, limits: Limits, manifest_bytes: bytes,
                 manifest: dict[str, Any],
                 progress: Callable[[int, int], None] | None = None) -> Package:
    """The rest of the package, once batch.json has been read as `manifest`."""
    records_name = records_file_name(manifest)
    _require_batch_id(manifest)
    signature = decode_signature(files.read(SIGNATURE_NAME, limits.max_signature_bytes))
    data = files.read(records_name, limits.max_bytes)
    if data is None:
        raise InputError(
            f"{files.label}: records file {records_name!r} named by {MANIFEST_NAME} is missing"
        )
    stated = manifest.get("record_count")
    expected = stated if type(stated) is int else 0
    columns, records = read_records(records_name, data, limits, None if progress is None else (
        lambda done: progress(done, max(done, expected))))
    return Package(
        manifest_bytes=manifest_bytes,
        manifest=manifest,
        signature=signature,
        records_name=records_name,
        records_sha256=hashlib.sha256(data).hexdigest(),
        records=records,
        columns=columns,
    )


# --- manifest and signature ----------------------------------------------------------------


def parse_manifest(data: bytes) -> dict[str, Any]:
    """batch.json as a JSON object: strict UTF-8 (BOM tolerated), no repeated keys."""
    skip = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
    try:
        text = data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{MANIFEST_NAME} byte {skip + exc.start}: not valid UTF-8") from None
    try:
        manifest = strict_loads(text)
    except JsonProblem as problem:
        where = f" line {problem.line} column {problem.column}" if problem.line else ""
        raise InputError(f"{MANIFEST_NAME}{where}: {problem.description}") from None
    if not isinstance(manifest, dict):
        raise InputError(f"{MANIFEST_NAME}: not a JSON object")
    return manifest


def _require_batch_id(manifest: dict[str, Any]) -> None:
    """request-format.md: every manifest key is required. Most have a batch-level code for
    their absence; batch_id has none, and without it the request cannot be named in the
    accounting or answered, so the package is refused whole."""
    batch_id = manifest.get("batch_id")
    if not isinstance(batch_id, str) or not batch_id.strip():
        raise InputError(f"{MANIFEST_NAME}: batch_id is missing or not a string")


def records_file_name(manifest: dict[str, Any]) -> str:
    """The manifest's records_file, which must be a plain file name beside batch.json."""
    name = manifest.get("records_file")
    if not isinstance(name, str) or not name:
        raise InputError(f"{MANIFEST_NAME}: records_file is missing or not a string")
    plain = (
        name == name.strip()
        and len(name) <= _MAX_NAME_CHARS
        and name not in (".", "..", MANIFEST_NAME, SIGNATURE_NAME)
        and not any(ch in "/\\" or ord(ch) < 32 or ord(ch) == 127 for ch in name)
    )
    if not plain:
        raise InputError(
            f"{MANIFEST_NAME}: records_file must be a plain file name in the package folder"
        )
    return name


def decode_signature(data: bytes | None) -> bytes | None:
    """The raw signature, or None when the file is missing, empty or not valid base64
    (the batch rules turn None into B_SIGNATURE)."""
    if data is None:
        return None
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM):]
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        return None
    compact = "".join(text.split())  # tolerate line wrapping and a trailing newline
    if not compact:
        return None
    try:
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        return None


# --- sources -------------------------------------------------------------------------------


class _FolderFiles:
    """Files of a package folder. Names are plain (no separators, checked by the caller);
    a name that resolves outside the folder through a symlink is refused."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.root = folder.resolve()
        self.label = f"package folder {folder.name}"

    def read(self, name: str, cap: int) -> bytes | None:
        path = self.folder / name
        try:
            target = path.resolve()
            if not target.is_relative_to(self.root):
                raise InputError(f"{self.label}: {name} links outside the package folder")
            if not path.exists():
                return None
            if not stat.S_ISREG(os.stat(path).st_mode):
                # A FIFO or device would block or never end; a folder is not a file.
                raise InputError(f"{self.label}: {name} is not a plain file")
            with path.open("rb") as handle:
                data = handle.read(cap + 1)
        except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python 3.11)
            reason = type(exc).__name__
            raise InputError(f"{self.label}: {name} cannot be read ({reason})") from None
        if len(data) > cap:
            raise InputError(f"{self.label}: {name} is larger than {cap} bytes")
        return data


class _ZipFiles:
    """Files at a package zip's root, or inside its single top-level folder."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.label = path.name
        self.archive = open_zip(path, self.label)
        try:
            entries = checked_entries(self.archive, self.label, limits)
            self.entries = _root_entries(entries, self.label)
        except BaseException:
            self.archive.close()
            raise

    def __enter__(self) -> _ZipFiles:
        return self

    def __exit__(self, *_: object) -> None:
        self.archive.close()

    def read(self, name: str, cap: int) -> bytes | None:
        entry = self.entries.get(name)
        if entry is None:
            return None
        return read_member(self.archive, entry, self.label, cap)


def _root_entries(entries: list[Entry], label: str) -> dict[str, Entry]:
    """Map plain names to the entries of the package's folder inside the zip."""
    at_top = {e.parts[0]: e for e in entries if len(e.parts) == 1}
    if MANIFEST_NAME in at_top:
        return at_top
    folders = {e.parts[0] for e in entries if len(e.parts) > 1} - _ZIP_CLUTTER
    if len(folders) == 1:
        (folder,) = folders
        inside = {e.parts[1]: e for e in entries if len(e.parts) == 2 and e.parts[0] == folder}
        if MANIFEST_NAME in inside:
            return inside
    raise InputError(
        f"{label}: no {MANIFEST_NAME} at the top or inside a single top-level folder"
    )

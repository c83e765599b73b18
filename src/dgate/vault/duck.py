"""The master extract as an encrypted DuckDB database.

DuckDB (1.4 and later) encrypts a database file, its WAL and, with `temp_file_encryption`,
its spill files with AES-GCM under a key given at ATTACH. Writing an encrypted file needs
the httpfs extension (it brings OpenSSL); it ships as the PyPI wheel
`duckdb-extension-httpfs` of the same version as duckdb and is LOADed by path, which works
offline. Reading an encrypted file works without it.

An encrypted database is ATTACHed to an in-memory one and made the default with USE; a
cursor of the connection is a new client context that does not inherit USE, so the
connection is handed out behind a thin proxy whose cursors USE it too.
"""

from __future__ import annotations

import base64
import os
import re
import secrets
import shutil
from pathlib import Path
from typing import Any, cast

import duckdb

from dgate.errors import DgateError, IntegrityError

ALIAS = "m"


def httpfs_extension() -> Path:
    """The httpfs extension binary for the running duckdb, from its PyPI wheel."""
    version = duckdb.__version__
    try:
        import duckdb_extension_httpfs
    except ImportError:
        raise DgateError(f"encrypting the master needs the Python package "
                         f"duckdb-extension-httpfs=={version}; install it") from None
    path = (Path(duckdb_extension_httpfs.__file__).parent / "extensions" / f"v{version}"
            / "httpfs.duckdb_extension")
    if not path.is_file():
        raise DgateError(f"duckdb-extension-httpfs has no extension for duckdb {version}; "
                         f"install duckdb-extension-httpfs=={version}")
    return path


class MasterConnection:
    """A DuckDB connection whose default database is the attached master; everything not
    overridden goes to the underlying connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection, temp_dir: Path | None) -> None:
        self._con = con
        self._temp_dir = temp_dir

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        cur = self._con.cursor()
        cur.execute(f"USE {ALIAS}")
        return cur

    def close(self) -> None:
        try:
            self._con.close()
        finally:
            if self._temp_dir is not None:
                shutil.rmtree(self._temp_dir, ignore_errors=True)

    def __enter__(self) -> MasterConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_SPILL_FOLDER = re.compile(r"([0-9]+)-[0-9a-f]{8}")


def _remove_orphaned_spills(folder: Path) -> None:
    """Remove the spill folders of processes that no longer run: a matching process killed
    outright (SIGKILL, the OOM killer) never reached close(). Their files are encrypted
    under a key that died with the process, but they are still taxpayer data on disk. A
    folder whose process is alive, or cannot be checked, is left alone."""
    for entry in folder.iterdir():
        match = _SPILL_FOLDER.fullmatch(entry.name)
        if match is None or not entry.is_dir():
            continue
        try:
            os.kill(int(match.group(1)), 0)
        except ProcessLookupError:
            shutil.rmtree(entry, ignore_errors=True)
        except OSError:
            continue  # alive under another account, or unknowable: keep it


def connect_master(path: Path, key: bytes | None, *, read_only: bool,
                   create: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (or with `create`, create) the master database at `path`. With a key it is an
    encrypted database, with spill files encrypted and kept in a private folder beside it
    (removed on close); without one, a legacy plaintext master from before encryption."""
    if key is None:
        if create:
            raise DgateError("a new master extract must be encrypted: no data key given")
        return duckdb.connect(str(path), read_only=read_only)
    if not create and not path.is_file():
        raise DgateError(f"the master file {path.name} is missing")
    temp_dir = path.parent / ".tmp" / f"{os.getpid()}-{secrets.token_hex(4)}"
    # DuckDB creates only the last folder of temp_directory, and only when a query first
    # spills: without its parent the first spill failed (a 1.28M-record batch against 10M
    # taxpayers, in its first chunk). Both made here, private to this account.
    temp_dir.parent.mkdir(mode=0o700, exist_ok=True)
    _remove_orphaned_spills(temp_dir.parent)
    temp_dir.mkdir(mode=0o700)
    con = duckdb.connect(config={
        "temp_directory": str(temp_dir),
        "temp_file_encryption": "true",
        # Never fetch an extension from the network: the one needed is loaded by path.
        "autoinstall_known_extensions": "false",
    })
    try:
        # Needed to write encrypted files, and a read-only master writes some too: its
        # spill files under temp_file_encryption (without it, the first spill failed).
        con.execute(f"LOAD '{_quote(str(httpfs_extension()))}'")
        secret = base64.b64encode(key).decode("ascii")
        mode = ", READ_ONLY" if read_only else ""
        try:
            con.execute(f"ATTACH '{_quote(str(path))}' AS {ALIAS} "
                        f"(ENCRYPTION_KEY '{secret}'{mode})")
        except duckdb.Error as exc:
            if "encryption key" in str(exc).lower():
                raise IntegrityError(f"the master file {path.name} does not open with its "
                                     "data key") from None
            raise DgateError(f"cannot open the master file {path.name}: "
                             f"{type(exc).__name__}") from None
        con.execute(f"USE {ALIAS}")
    except BaseException:
        con.close()
        shutil.rmtree(temp_dir, ignore_errors=True)
        raise
    return cast(duckdb.DuckDBPyConnection, MasterConnection(con, temp_dir))


def _quote(text: str) -> str:
    return text.replace("'", "''")

"""One code path over the two case-store engines: the embedded SQLite file and PostgreSQL.

The service layer writes its SQL once, in SQLite's dialect (`?` placeholders, `INSERT OR
IGNORE`, `BEGIN IMMEDIATE`), and reads rows by position or by column name. On PostgreSQL a
thin connection wrapper (dgate.store.pg) translates each statement and returns rows that
behave like sqlite3.Row; on SQLite the driver's own connection is used untouched.

What the two engines do differently and this module names once:

- which store a home uses: `config.json` "case_store" (a postgresql:// URL), else the
  SQLite file `case.sqlite` in the home;
- locks: SQLite's BEGIN IMMEDIATE serializes every write transaction, so the explicit locks
  here are no-ops there; on PostgreSQL they are a transaction-scoped advisory lock (the
  ledger, migrations) and `SELECT ... FOR UPDATE` on a row (a batch being released);
- a unique or foreign-key violation: `INTEGRITY_ERRORS` catches it from either engine.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

from dgate.errors import DgateError

SQLITE = "sqlite"
POSTGRES = "postgresql"
_PG_SCHEMES = ("postgresql", "postgres")

# Advisory lock keys (PostgreSQL): one namespace for dgate, one key per serialized thing.
LOCK_NAMESPACE = 0x64676174  # "dgat"
LEDGER_LOCK = 1
MIGRATION_LOCK = 2


class Cursor(Protocol):
    """The part of a DB-API cursor the services use (sqlite3's, or dgate.store.pg's)."""

    @property
    def rowcount(self) -> int: ...

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...

    def executemany(self, sql: str, seq_of_parameters: Any, /) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int = ..., /) -> list[Any]: ...

    def close(self) -> None: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """A case-store connection: autocommit unless inside `transaction` (dgate.store.case)."""

    @property
    def in_transaction(self) -> bool: ...

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...

    def executemany(self, sql: str, parameters: Any, /) -> Any: ...

    def cursor(self) -> Any: ...

    def close(self) -> None: ...


Row = Any
"""A result row: sqlite3.Row, or dgate.store.pg.Row; both read by position or column name."""


class DatabaseError(DgateError):
    """A PostgreSQL error, translated at the wrapper (its message never carries values)."""


class IntegrityViolation(DatabaseError):
    """A unique, foreign-key, not-null or check constraint refused a PostgreSQL write."""


INTEGRITY_ERRORS: tuple[type[BaseException], ...] = (sqlite3.IntegrityError, IntegrityViolation)


def dialect(conn: Any) -> str:
    return str(getattr(conn, "dialect", SQLITE))


def is_postgres_url(target: str) -> bool:
    return urlsplit(target).scheme in _PG_SCHEMES


def redact(url: str) -> str:
    """The URL without its password, for messages and listings."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def advisory_lock(conn: Any, key: int) -> None:
    """Hold lock `key` until the current transaction ends (PostgreSQL). On SQLite the
    transaction already holds the database's single write lock."""
    if dialect(conn) == POSTGRES:
        conn.execute("SELECT pg_advisory_xact_lock(?, ?)", (LOCK_NAMESPACE, key))


def lock_row(conn: Any, table: str, key_column: str, key: str) -> bool:
    """Lock one row for the rest of the transaction (PostgreSQL `FOR UPDATE`), so two
    sessions deciding on the same object run one after the other. True if the row exists.
    `table` and `key_column` are constants of the caller, never input."""
    sql = f"SELECT 1 FROM {table} WHERE {key_column} = ?"
    if dialect(conn) == POSTGRES:
        sql += " FOR UPDATE"
    return conn.execute(sql, (key,)).fetchone() is not None


def chunked(rows: Iterable[Sequence[Any]], size: int) -> Iterator[list[Sequence[Any]]]:
    """Successive lists of at most `size` rows (bounded memory for large executemany)."""
    chunk: list[Sequence[Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk

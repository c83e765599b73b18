"""Data keys (DEKs) in the case store, wrapped under the master key, and what they seal.

One DEK per (purpose, scope):
    batch       scope batch id   the batch's request rows and decisions
    response    scope batch id   the stored response file
    accounting  scope ""         the accounting's personal columns (permanent)
    index       scope ""         the HMAC key of the blind indexes (permanent)
    master      scope version    a loaded master extract (DuckDB encryption key)
    service     scope ""         idempotency responses kept by the web service

Destroying a DEK (crypto-shredding) deletes its wrapped bytes and stamps the date: every
value sealed under it is from then on noise. Unwrapped DEKs live only in this object's
memory, for the life of one opened home.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dgate import jsontext
from dgate.errors import IntegrityError, NotFoundError, PolicyError
from dgate.store import case, db
from dgate.vault import crypto
from dgate.vault.keyring import Kek, load_keks

BATCH, RESPONSE, ACCOUNTING, INDEX, MASTER, SERVICE = (
    "batch", "response", "accounting", "index", "master", "service")
PURPOSES = (BATCH, RESPONSE, ACCOUNTING, INDEX, MASTER, SERVICE)
_WHAT = {BATCH: "request rows and decisions", RESPONSE: "response file",
         MASTER: "master extract"}

SCHEMA = """CREATE TABLE data_keys (
    key_id TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    scope TEXT NOT NULL,
    kek_id TEXT NOT NULL,
    wrapped BLOB,
    created_at TEXT NOT NULL,
    destroyed_at TEXT,
    destroyed_by TEXT NOT NULL DEFAULT '',
    UNIQUE (purpose, scope)
)"""


# Built once: json.dumps with options builds a new encoder for every call (and
# JSONEncoder.encode its C encoder: jsontext.fast).
_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
_JSON_TEXT = jsontext.fast(_JSON)


def json_bytes(value: Any) -> bytes:
    """The plaintext form of a sealed JSON value (UTF-8, keys sorted): the same bytes as
    json.dumps(value, ensure_ascii=False, sort_keys=True).encode()."""
    return _JSON_TEXT(value).encode("utf-8")


class DataDestroyed(PolicyError):
    """The data key of what was asked for was destroyed under the retention schedule."""

    def __init__(self, purpose: str, scope: str, destroyed_at: str) -> None:
        day = (destroyed_at or "")[:10]
        what = _WHAT.get(purpose, f"{purpose} data")
        where = f"master {scope}" if purpose == MASTER else f"batch {scope}"
        super().__init__(f"{where}: its {what} were destroyed on {day} under the retention "
                         "schedule and can no longer be read")
        self.purpose, self.scope, self.destroyed_at = purpose, scope, destroyed_at


@dataclass(frozen=True)
class KeyInfo:
    """A data key as `dgate keys list` shows it: never any key material."""

    key_id: str
    purpose: str
    scope: str
    kek_id: str
    created_at: str
    destroyed_at: str


class Vault:
    """Envelope encryption over one case-store connection."""

    def __init__(self, conn: db.Connection, keys_dir: Path,
                 environ: Mapping[str, str] | None = None, now: Any = None, *,
                 create_keyring: bool = True) -> None:
        self.conn = conn
        self.keys_dir = keys_dir
        self._environ = os.environ if environ is None else environ
        self._now = now
        self._make_ring = create_keyring
        self.keks, self.source = load_keks(keys_dir, self._environ, create=create_keyring,
                                           wrapped=self._wrapped)
        self._deks: dict[str, bytes] = {}           # key id (hex) -> DEK
        self._ids: dict[tuple[str, str], str] = {}  # (purpose, scope) -> key id (hex)
        # Keys made by this object whose transaction may still roll back: until seen
        # committed, a cached one is checked against the table before it is used again.
        self._unsure: set[str] = set()

    def _wrapped(self) -> int:
        """Data keys wrapped under a master key (none in a store from before the vault)."""
        if not case.has_table(self.conn, "data_keys"):
            return 0
        row = self.conn.execute("SELECT count(*) FROM data_keys WHERE wrapped IS NOT NULL"
                                ).fetchone()
        return int(row[0])

    # -- master keys -------------------------------------------------------------------------
    @property
    def current_kek(self) -> Kek:
        return self.keks[-1]

    def _kek(self, kid: str) -> Kek:
        for k in self.keks:
            if k.kid == kid:
                return k
        # A rotation may have finished in another process since this home was opened.
        self.keks, self.source = load_keks(self.keys_dir, self._environ, create=self._make_ring,
                                           wrapped=self._wrapped)
        for k in self.keks:
            if k.kid == kid:
                return k
        raise IntegrityError(f"data keys are wrapped under master key {kid}, which is not in "
                             f"the {'environment' if self.source == 'env' else 'keyring'}")

    # -- data keys -------------------------------------------------------------------------
    def key_for(self, purpose: str, scope: str, *, create: bool = False) -> tuple[bytes, bytes]:
        """(key id, DEK) of a purpose and scope; with `create`, made on first use (inside
        the caller's transaction if there is one)."""
        kid = self._ids.get((purpose, scope))
        if kid is not None and kid in self._deks and self._still_there(kid):
            return bytes.fromhex(kid), self._deks[kid]
        tx = nullcontext() if self.conn.in_transaction or not create else \
            case.transaction(self.conn)
        with tx:
            row = self.conn.execute("SELECT * FROM data_keys WHERE purpose = ? AND scope = ?",
                                    (purpose, scope)).fetchone()
            if row is None:
                if not create:
                    raise NotFoundError(f"no {purpose} data key for {scope or 'this home'}")
                return self._create(purpose, scope)
        return bytes.fromhex(row["key_id"]), self._unwrap_row(row)

    def has_key(self, purpose: str, scope: str) -> bool:
        return self.conn.execute("SELECT 1 FROM data_keys WHERE purpose = ? AND scope = ?",
                                 (purpose, scope)).fetchone() is not None

    def _create(self, purpose: str, scope: str) -> tuple[bytes, bytes]:
        dek, kid = crypto.new_key(), crypto.new_key_id()
        kek = self.current_kek
        made = self.conn.execute(
            "INSERT OR IGNORE INTO data_keys (key_id, purpose, scope, kek_id, wrapped, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (kid.hex(), purpose, scope, kek.kid,
             crypto.wrap(kek.key, dek, kid.hex(), purpose, scope), self._stamp())).rowcount
        if made == 0:
            # Another session on a shared (PostgreSQL) store made this key first and has
            # committed it while this insert waited: use that one.
            row = self.conn.execute("SELECT * FROM data_keys WHERE purpose = ? AND scope = ?",
                                    (purpose, scope)).fetchone()
            if row is None:
                raise IntegrityError(f"could not create the {purpose} data key")
            return bytes.fromhex(row["key_id"]), self._unwrap_row(row)
        self._deks[kid.hex()] = dek
        self._ids[(purpose, scope)] = kid.hex()
        self._unsure.add(kid.hex())
        return kid, dek

    def _still_there(self, kid: str) -> bool:
        """False (and the key forgotten) if a key this object made was rolled back."""
        if kid not in self._unsure:
            return True
        if self.conn.execute("SELECT 1 FROM data_keys WHERE key_id = ?", (kid,)).fetchone():
            if not self.conn.in_transaction:
                self._unsure.discard(kid)
            return True
        self._unsure.discard(kid)
        self._deks.pop(kid, None)
        self._ids = {k: v for k, v in self._ids.items() if v != kid}
        return False

    def _unwrap_row(self, row: db.Row) -> bytes:
        if row["wrapped"] is None:
            raise DataDestroyed(row["purpose"], row["scope"], row["destroyed_at"] or "")
        dek = crypto.unwrap(self._kek(row["kek_id"]).key, bytes(row["wrapped"]),
                            row["key_id"], row["purpose"], row["scope"])
        self._deks[row["key_id"]] = dek
        self._ids[(row["purpose"], row["scope"])] = row["key_id"]
        return dek

    def _key_by_id(self, kid: bytes) -> bytes:
        hexid = kid.hex()
        if hexid in self._deks and self._still_there(hexid):
            return self._deks[hexid]
        row = self.conn.execute("SELECT * FROM data_keys WHERE key_id = ?", (hexid,)).fetchone()
        if row is None:
            raise IntegrityError("a sealed value names a data key this home does not have")
        return self._unwrap_row(row)

    # -- sealing ---------------------------------------------------------------------------
    def seal(self, purpose: str, scope: str, context: str, data: bytes) -> bytes:
        kid, dek = self.key_for(purpose, scope, create=True)
        return crypto.seal(dek, kid, context, data)

    def open(self, context: str, blob: bytes) -> bytes:
        return crypto.open_sealed(self._key_by_id(crypto.sealed_key_id(blob)), context,
                                  bytes(blob))

    def seal_json(self, purpose: str, scope: str, context: str, value: Any) -> bytes:
        return self.seal(purpose, scope, context, json_bytes(value))

    def sealer(self, purpose: str, scope: str) -> crypto.Sealer:
        """A sealer bound to the data key of (purpose, scope), made on first use, for
        sealing many values in the caller's transaction: the key is looked up once, not
        once per value. Do not keep it past that transaction (a rollback takes a key made
        in it away)."""
        kid, dek = self.key_for(purpose, scope, create=True)
        return crypto.Sealer(dek, kid)

    def indexer(self, kind: str) -> crypto.BlindIndex:
        """`index` of one kind for many values, with the index key looked up once."""
        _kid, key = self.key_for(INDEX, "", create=True)
        return crypto.BlindIndex(key, kind)

    def open_json(self, context: str, blob: bytes) -> Any:
        return json.loads(self.open(context, blob))

    def index(self, kind: str, value: str) -> str:
        """Blind index of `value` for lookups of one kind (e.g. "case_agent", "tin")."""
        _kid, key = self.key_for(INDEX, "", create=True)
        return crypto.blind_index(key, kind, value)

    def master_key(self, version: str, *, create: bool) -> bytes | None:
        """The DuckDB key of a master version; None for a master from before encryption."""
        if not create and not self.has_key(MASTER, version):
            return None
        return self.key_for(MASTER, version, create=create)[1]

    def discard_master_key(self, version: str) -> None:
        """Delete the key made for a master version whose load failed: nothing was ever
        sealed under it (the half-written file is gone). Not a destruction: there is no
        data to certify destroyed."""
        tx = nullcontext() if self.conn.in_transaction else case.transaction(self.conn)
        with tx:
            row = self.conn.execute("SELECT key_id FROM data_keys WHERE purpose = ? AND "
                                    "scope = ?", (MASTER, version)).fetchone()
            if row is None:
                return
            self.conn.execute("DELETE FROM data_keys WHERE key_id = ?", (row["key_id"],))
        self._deks.pop(row["key_id"], None)
        self._ids.pop((MASTER, version), None)
        self._unsure.discard(row["key_id"])

    # -- lifecycle -------------------------------------------------------------------------
    def destroyed(self, purpose: str, scope: str) -> str | None:
        """When the key of (purpose, scope) was destroyed, or None if it is live/absent."""
        row = self.conn.execute(
            "SELECT destroyed_at FROM data_keys WHERE purpose = ? AND scope = ? "
            "AND wrapped IS NULL", (purpose, scope)).fetchone()
        return None if row is None else str(row[0] or "")

    def destroy(self, key_ids: Sequence[str], at: str, by: str) -> None:
        """Crypto-shred: delete the wrapped keys (inside the caller's transaction)."""
        for kid in key_ids:
            self.conn.execute(
                "UPDATE data_keys SET wrapped = NULL, destroyed_at = ?, destroyed_by = ? "
                "WHERE key_id = ? AND wrapped IS NOT NULL", (at, by, kid))
            self._deks.pop(kid, None)
        self._ids = {k: v for k, v in self._ids.items() if v not in key_ids}

    def rewrap_all(self, new: Kek) -> list[str]:
        """Re-wrap every live DEK under `new` (inside the caller's transaction). Returns the
        ids of the master keys they were wrapped under before."""
        old: set[str] = set()
        rows = self.conn.execute("SELECT * FROM data_keys WHERE wrapped IS NOT NULL").fetchall()
        for row in rows:
            dek = self._unwrap_row(row)
            old.add(row["kek_id"])
            self.conn.execute(
                "UPDATE data_keys SET wrapped = ?, kek_id = ? WHERE key_id = ?",
                (crypto.wrap(new.key, dek, row["key_id"], row["purpose"], row["scope"]),
                 new.kid, row["key_id"]))
        return sorted(old)

    def use_keks(self, keks: Iterable[Kek]) -> None:
        self.keks = list(keks)

    def list_keys(self) -> list[KeyInfo]:
        return [KeyInfo(r["key_id"], r["purpose"], r["scope"], r["kek_id"], r["created_at"],
                        r["destroyed_at"] or "")
                for r in self.conn.execute(
                    "SELECT * FROM data_keys ORDER BY created_at, key_id")]

    def _stamp(self) -> str:
        if self._now is not None:
            return str(self._now())
        from datetime import UTC, datetime

        return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")

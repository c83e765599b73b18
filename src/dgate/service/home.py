"""The home folder and the ports every service call is handed: the case store connection,
the master store, the ledger keys, the acting user, and the ledger recorder.

Layout of a home:
    case.sqlite        the case store (WAL, synchronous=FULL), unless config.json names a
                       PostgreSQL database as "case_store" (docs/postgres.md)
    master/            the DuckDB master store and its CURRENT pointer
    keys/ledger_ed25519.pem   signs ledger checkpoints (0600)
    keys/ledger.hmac          keys the commitments that replace personal data in the ledger
    keys/master.key           the master key (KEK) ring, 0600, unless $DGATE_MASTER_KEY
    config.json        origin of the ledger and policy settings

Personal data in the case store is sealed under data keys wrapped by the master key
(dgate.vault); the master extract is an encrypted DuckDB database.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from dgate.csvout import MemoryOut, Output, StreamOut, check_writable
from dgate.errors import DgateError, IntegrityError, NotFoundError, PolicyError, UsageError
from dgate.fsio import is_inside, replace_atomic
from dgate.ledger import store as ledger
from dgate.ledger.checkpoint import CheckpointError
from dgate.match.model import MatchModel
from dgate.model import Role
from dgate.rules.catalogue import ruleset_hash
from dgate.store import case, db
from dgate.store.master import MasterStore
from dgate.vault.keyring import from_env
from dgate.vault.keys import DataDestroyed, Vault
from dgate.vault.migrate import index_a_numbers, index_given_tins, index_tins, seal_plaintext

KEY_NAME = "dgate-ledger"
UPGRADE_SIGNED = "ledger_signed_on_upgrade"
"""The event of migration 5 (`Home._sign_unsigned`): an older dgate's unsigned entries
signed once, when the home was first opened by one that signs every transaction."""
SIGNS_EVERY_TRANSACTION = 5
"""The schema version from which dgate signs the ledger's head in every transaction; a home
whose `home_initialized` event names it (or a later one) never had unsigned entries."""
DEFAULT_USER = "admin"


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def utc_clock() -> Callable[[], str]:
    """`utc_now` for one caller stamping many events in a row (a batch's decision events,
    one each): the same text read from the same clock, with the date and the time of day
    formatted once a second instead of once a stamp."""
    second, head = -1, ""

    def now() -> str:
        nonlocal second, head
        micros = time.time_ns() // 1000
        whole, frac = divmod(micros, 1_000_000)
        if whole != second:
            stamp = datetime.fromtimestamp(whole, UTC).replace(tzinfo=None)
            second, head = whole, stamp.isoformat(timespec="seconds")
        return f"{head}.{frac:06d}Z"

    return now


@dataclass
class Actor:
    user_id: str
    role: str
    channel: str = "cli"


@dataclass
class Home:
    """An opened home. Use as a context manager so the connection is closed."""

    path: Path
    channel: str = "cli"
    conn: db.Connection = field(init=False)
    config: dict[str, Any] = field(init=False)
    _signing_key: Ed25519PrivateKey | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if not (self.path / "config.json").is_file():
            raise UsageError(f"{self.path} is not a dgate home; run `dgate init` first")
        self.config = read_config(self.path / "config.json")
        if case.store_url(self.config) is None and not (self.path / case.SQLITE_FILE).is_file():
            raise UsageError(f"{self.path} is not a dgate home; run `dgate init` first")
        try:
            self.conn = case.open_store(self.path, self.config)
            try:
                self.vault = Vault(self.conn, self.path / "keys", now=utc_now,
                                   create_keyring=self.config.get("master_key_source") != "env")
                case.migrate(self.conn, seal_plaintext(self.vault), sign=self._sign_unsigned,
                             index=index_tins(self.vault),
                             a_numbers=index_a_numbers(self.vault),
                             given_tins=index_given_tins(self.vault))
                _check_store_belongs(self.conn, self.origin)
                case.set_guard(self.conn, self._ledger_guard)
            except BaseException:
                self.conn.close()
                raise
        except sqlite3.OperationalError:
            raise  # locked or busy: not damage
        except sqlite3.DatabaseError as exc:
            raise _unreadable_store(self.path, exc) from None
        self.master = MasterStore(self.path / "master", keys=self.vault)
        self._model: MatchModel | None = None
        self._hmac_key: bytes | None = None
        # The model hash every ledger event names, kept with the model it was taken of: a
        # batch records an event per record, and hashing the model is JSON plus SHA-256.
        self._model_digest: tuple[MatchModel, str] | None = None

    def __enter__(self) -> Home:
        return self

    def __exit__(self, *exc: object) -> None:
        self.conn.close()

    @property
    def model(self) -> MatchModel:
        """The match model in force, read on first use: a home whose models/CURRENT cannot
        be read still opens, so that `dgate model use` can mend it."""
        if self._model is None:
            self._model = self._model_in_force()
        return self._model

    @model.setter
    def model(self, value: MatchModel) -> None:
        self._model = value

    def _model_in_force(self) -> MatchModel:
        """The trained model named by models/CURRENT, else the built-in priors."""
        pointer = self.path / "models" / "CURRENT"
        if not pointer.is_file():
            return MatchModel()
        digest = pointer.read_text(encoding="utf-8").strip()
        try:
            data = json.loads((self.path / "models" / f"{digest}.json").read_text(
                encoding="utf-8"))
            model = MatchModel.from_json(data)
        except (OSError, ValueError, KeyError, TypeError):
            raise DgateError(f"{pointer} names the model {digest[:64]!r}, which cannot be "
                             "read; restore models/ or run `dgate model use default`") from None
        if model.content_hash() != digest:
            raise DgateError(f"models/{digest}.json does not match its name; restore it or run "
                             "`dgate model use default`")
        return model

    # -- keys ------------------------------------------------------------------------------
    @property
    def origin(self) -> str:
        return str(self.config["origin"])

    def _key_file(self, name: str) -> bytes:
        """A key file of the home, or an IntegrityError naming it: the ledger's keys
        cannot be made again (a new one would not verify what the old one signed)."""
        path = self.path / "keys" / name
        try:
            return path.read_bytes()
        except OSError as exc:
            raise IntegrityError(f"{path}: cannot be read ({exc.strerror}); restore the "
                                 "home's keys from a backup") from None

    def signing_key(self) -> Ed25519PrivateKey:
        # Read once per opened home: every transaction that writes the ledger signs.
        if self._signing_key is None:
            try:
                key = serialization.load_pem_private_key(
                    self._key_file("ledger_ed25519.pem"), password=None)
            except (ValueError, TypeError):
                key = None
            if not isinstance(key, Ed25519PrivateKey):
                raise IntegrityError(f"{self.path / 'keys' / 'ledger_ed25519.pem'}: not an "
                                     "Ed25519 private key; restore the home's keys from a "
                                     "backup")
            self._signing_key = key
        return self._signing_key

    def public_key(self) -> Ed25519PublicKey:
        return self.signing_key().public_key()

    def hmac_key(self) -> bytes:
        if self._hmac_key is None:
            self._hmac_key = self._key_file("ledger.hmac")
        return self._hmac_key

    def commit(self, value: str) -> str:
        """A salted commitment to a personal value, for the ledger."""
        return ledger.commitment(self.hmac_key(), value)

    # -- who is acting -----------------------------------------------------------------------
    def authorize(self, user: str | None, allowed: Iterable[Role], action: str) -> Actor:
        """The acting user, who must hold one of `allowed` roles. No user named means the
        home's `admin` account (the console operator), which never approves, reviews or
        releases. A refusal is itself recorded in the ledger."""
        user_id = user or DEFAULT_USER
        row = self.conn.execute("SELECT role FROM users WHERE user_id = ?", (user_id,)).fetchone()
        if row is None:
            self._refusal(user_id, "", action, "unknown user")
            raise PolicyError(f"{action}: unknown user {user_id!r}")
        allowed_set = {r.value for r in allowed}
        if row["role"] not in allowed_set:
            self._refusal(user_id, row["role"], action, "role")
            need = " or ".join(sorted(allowed_set))
            raise PolicyError(
                f"{action}: user {user_id!r} has role {row['role']}, needs {need}")
        return Actor(user_id, row["role"], self.channel)

    def require_live(self, actor: Actor, batch_id: str, purpose: str, action: str) -> None:
        """Refuse (and record the refusal) if the batch's `purpose` data was destroyed
        under the retention schedule."""
        when = self.vault.destroyed(purpose, batch_id)
        if when is None:
            return
        with case.transaction(self.conn):
            self.record(actor, "access_refused", batch_id, "destroyed", action=action,
                        why=f"{purpose} data destroyed")
        raise DataDestroyed(purpose, batch_id, when)

    def _refusal(self, user_id: str, role: str, action: str, why: str) -> None:
        with case.transaction(self.conn):
            self.record(Actor(user_id, role, self.channel), "access_refused", action, why)

    # -- the ledger ------------------------------------------------------------------------
    def event(self, actor: Actor | None, kind: str, obj: str, outcome: str,
              **extra: Any) -> dict[str, Any]:
        ev: dict[str, Any] = {
            "type": kind, "at": utc_now(), "object": obj, "outcome": outcome,
            "actor": actor.user_id if actor else "system",
            "role": actor.role if actor else "system",
            "channel": actor.channel if actor else self.channel,
            "host": socket.gethostname(),
            "ruleset": ruleset_hash(), "model": self.model_hash(),
        }
        ev.update(extra)
        return ev

    def model_hash(self) -> str:
        """The content hash of the model in force (`self.model`, which a model command may
        replace: the hash is retaken whenever it is another object)."""
        model = self.model
        if self._model_digest is None or self._model_digest[0] is not model:
            self._model_digest = (model, model.content_hash())
        return self._model_digest[1]

    def record(self, actor: Actor | None, kind: str, obj: str, outcome: str,
               **extra: Any) -> int:
        """Append one event inside the caller's transaction (a review event indexed by its
        request: case.REVIEW_EVENTS, `review history`)."""
        idx = ledger.append(self.conn, self.event(actor, kind, obj, outcome, **extra))
        if kind in case.REVIEW_EVENTS:
            self.conn.execute("INSERT INTO review_events (request_key, idx) VALUES (?, ?)",
                              (obj, idx))
        return idx

    def record_many(self, events: Iterable[Mapping[str, Any] | bytes]) -> None:
        """Append events (or events already in canonical bytes) inside the caller's
        transaction."""
        ledger.append_many(self.conn, events)

    def save_model(self) -> str:
        """Keep the match model in force as a JSON artefact named by its content hash, so
        the parameters behind any decision can be read back later."""
        digest = self.model.content_hash()
        folder = self.path / "models"
        folder.mkdir(exist_ok=True)
        target = folder / f"{digest}.json"
        if not target.exists():
            # Two requests may save the same model at once: each writes its own temporary
            # file and the renames land the same content.
            replace_atomic(target, (json.dumps(self.model.to_json(), indent=2, sort_keys=True)
                                    + "\n").encode("utf-8"))
        return digest

    def checkpoint(self) -> str:
        return ledger.checkpoint(self.conn, self.origin, KEY_NAME, self.signing_key(),
                                 utc_now())

    def _ledger_guard(self) -> Callable[[], None]:
        """Run by case.transaction as it begins: refuse to write on a ledger whose stored
        entries and last signed checkpoint disagree (entries no checkpoint signs, or a
        checkpoint covering entries that are gone: only a hand edit leaves either, since
        every transaction signs what it appended). Returns what runs before the commit:
        the signing of the head, if the transaction appended to the ledger. So no entry
        is ever left unsigned, and dgate never signs an entry it did not write."""
        conn = self.conn
        start, note = ledger.stored_head(conn)
        try:
            head = ledger.signed_head(note, self.origin, KEY_NAME, self.public_key())
        except CheckpointError as exc:
            raise IntegrityError(f"ledger: the last checkpoint does not verify ({exc}); "
                                 "nothing is written until `dgate ledger verify` passes"
                                 ) from None
        signed = head.size if head is not None else 0
        if signed < start:
            raise IntegrityError(f"ledger: entries {signed}..{start - 1} are signed by no "
                                 "checkpoint (written outside dgate, or the checkpoint that "
                                 "signed them was removed); nothing is written until "
                                 "`dgate ledger verify` passes")
        if signed > start:
            raise IntegrityError(f"ledger: the last signed checkpoint covers {signed} entries "
                                 f"but only {start} are stored; nothing is written until "
                                 "`dgate ledger verify` passes")

        def seal() -> None:
            if ledger.size(conn) > ledger.signed_size(conn):
                self.checkpoint()

        return seal

    def _sign_unsigned(self, conn: db.Connection) -> None:
        """Migration 5: the entries an older dgate left after its last checkpoint (it signed
        at release and on request only) are signed once, an event saying which."""
        _check_store_belongs(conn, self.origin)
        first, n = ledger.signed_size(conn), ledger.size(conn)
        conn.execute("SAVEPOINT dgate_sign_unsigned")
        try:
            ledger.append(conn, {"type": UPGRADE_SIGNED, "at": utc_now(),
                                 "object": self.origin, "outcome": "ok", "actor": "system",
                                 "role": "system", "channel": self.channel,
                                 "host": socket.gethostname(), "first": first,
                                 "entries": n - first})
            ledger.checkpoint(conn, self.origin, KEY_NAME, self.signing_key(), utc_now())
        except IntegrityError:
            # The last checkpoint does not verify, or the entries do not extend it: left
            # unsigned, for `ledger verify` to name (the home must still open for it) and
            # the guard to refuse writing on.
            conn.execute("ROLLBACK TO SAVEPOINT dgate_sign_unsigned")
        conn.execute("RELEASE SAVEPOINT dgate_sign_unsigned")

    def access(self, actor: Actor, purpose: str, obj: str) -> None:
        """UNAX: every view of taxpayer data is logged (inside the caller's transaction)."""
        # The row and its view event share their time, so `ledger verify` holds every
        # column of the row against the event ("access_log": the event has its row).
        at = utc_now()
        self.conn.execute(
            "INSERT INTO access_log (at, user_id, role, purpose, object) VALUES (?,?,?,?,?)",
            (at, actor.user_id, actor.role, purpose, obj))
        self.record(actor, "view", obj, "ok", purpose=purpose, at=at, access_log=True)

    # -- files given to a command ------------------------------------------------------------
    def holds(self, path: Path) -> bool:
        """True if `path` (links followed) lies inside the home folder."""
        return is_inside(path, self.path)

    def check_output(self, out: Output) -> None:
        """Refuse (UsageError), before anything is read or recorded, an output file a
        command cannot write: one inside the home, which would replace the case store, a
        key or config.json (`--out home/case.sqlite` replaced the store with the report),
        or one `csvout.check_writable` refuses (no such folder, a folder, not writable).
        An output kept in memory or streamed (csvout.MemoryOut, StreamOut) is never
        refused."""
        if isinstance(out, MemoryOut | StreamOut):
            return
        if self.holds(out):
            raise UsageError(f"cannot write {out}: it is inside the home {self.path}; "
                             "write it outside the home")
        check_writable(out)

    def batch_row(self, batch_id: str) -> Any:
        row = self.conn.execute("SELECT * FROM batches WHERE batch_id = ?", (batch_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no batch {batch_id!r}")
        return row


def read_config(path: Path) -> dict[str, Any]:
    """A home's config.json, or a one-line UsageError naming the file and what is wrong
    (it is edited by hand: retention, engine, chunk size)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: "
                         f"{exc.msg})") from None
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a JSON object of settings")
    if not isinstance(data.get("origin"), str) or not data["origin"]:
        # written by `dgate init`; the ledger's checkpoints are signed for it
        raise UsageError(f"{path}: no \"origin\" (the ledger's name, set by `dgate init`); "
                         "restore the file from a backup")
    return data


def _unreadable_store(home: Path, exc: sqlite3.DatabaseError) -> DgateError:
    """A case store file SQLite cannot read ("file is not a database", "database disk image
    is malformed"), named in one line (exit 1)."""
    return IntegrityError(f"{home / case.SQLITE_FILE}: the case store cannot be read "
                          f"({exc}); restore it from a backup")


def init_home(path: Path, case_store: str | None = None) -> bool:
    """Create a home; returns False (and changes nothing) if one is already there.
    `case_store`: a postgresql:// URL to keep the case store in (an empty database, or one
    that holds no home yet), recorded in config.json; default the SQLite file in the home."""
    if (path / "config.json").is_file():
        return False
    url = case.store_url({"case_store": case_store})
    if path.exists() and not path.is_dir():
        raise UsageError(f"{path}: is a file, not a folder; a home is a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{path}: cannot create the home folder "
                         f"({exc.strerror or type(exc).__name__})") from None
    keys = path / "keys"
    keys.mkdir(mode=0o700, exist_ok=True)
    (path / "master").mkdir(exist_ok=True)
    key = Ed25519PrivateKey.generate()
    _write_secret(keys / "ledger_ed25519.pem", key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    _write_secret(keys / "ledger.hmac", secrets.token_bytes(32))
    conn = case.connect(path / case.SQLITE_FILE) if url is None else case.connect_url(url)
    try:
        if url is not None and case.has_table(conn, "users"):
            # before the vault is opened: it refuses to make a keyring for a store whose
            # data keys another home's keyring wraps
            _require_empty(conn, url)
        vault = Vault(conn, keys, now=utc_now)
        case.migrate(conn, seal_plaintext(vault), index=index_tins(vault),
                     a_numbers=index_a_numbers(vault),
                     given_tins=index_given_tins(vault))
        if url is not None:
            _require_empty(conn, url)
        config: dict[str, Any] = {
            "origin": f"dgate.local/{secrets.token_hex(8)}", "created_at": utc_now(),
            "master_key_source": "env" if from_env(os.environ) else "file"}
        if url is not None:
            config["case_store"] = url
        tmp = path / "config.json.tmp"
        tmp.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        with case.transaction(conn):
            conn.execute("INSERT INTO users VALUES (?, ?, ?, ?)",
                         (DEFAULT_USER, Role.ADMIN.value, utc_now(), "init"))
        os.replace(tmp, path / "config.json")
    finally:
        conn.close()
    with Home(path) as home, case.transaction(home.conn):
        home.record(Actor(DEFAULT_USER, Role.ADMIN.value), "home_initialized", str(path.name),
                    "ok", schema=case.SCHEMA_VERSION)
        home.record(None, "user_added", DEFAULT_USER, "ok", new_role=Role.ADMIN.value)
        home.checkpoint()
    return True


def _require_empty(conn: db.Connection, url: str) -> None:
    """A PostgreSQL case store serves one home: its ledger is signed with that home's key."""
    if conn.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None:
        raise UsageError(f"the case store {db.redact(url)} already belongs to a home; give "
                         "each home its own database (a copy of that home's folder shares it)")


def _check_store_belongs(conn: db.Connection, origin: str) -> None:
    """Refuse a shared case store whose ledger was signed for another home's origin: its
    keys are not in this folder, and appending would fork a ledger no one can verify."""
    if db.dialect(conn) != db.POSTGRES:
        return  # the SQLite file lives inside the home folder
    note = ledger.latest_checkpoint(conn)
    if note is not None and note.split("\n", 1)[0] != origin:
        raise UsageError("the case store in config.json belongs to another home (its ledger "
                         "has another origin); point case_store at this home's database")


def _write_secret(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def unsigned_head(report: ledger.VerifyReport) -> str:
    """What a verified ledger lacks of dgate's own rule, that every transaction writing it
    signs its head (Home._ledger_guard): "" if nothing, else one line."""
    if report.checkpoints == 0:
        return ("the ledger holds no signed checkpoint (a home signs one when it is "
                "created): it was emptied or replaced")
    if report.signed < report.size:
        return (f"entries {report.signed}..{report.size - 1} lie beyond the last signed "
                "checkpoint (dgate signs the head of every transaction that writes the "
                "ledger): written outside dgate, or the checkpoint that signed them removed")
    return ""


def require_no_pending(home: Home, batch_id: str) -> None:
    row = home.conn.execute(f"SELECT {case.pending_count('d.batch_id = ?')}",  # nosec B608
                            (batch_id, batch_id)).fetchone()
    if row[0]:
        raise PolicyError(f"batch {batch_id}: {row[0]} review item(s) still pending")

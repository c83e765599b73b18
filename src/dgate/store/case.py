"""The case store: users, agencies, officials, batches, records, decisions, approvals,
releases, accounting, access log and the ledger tables, in one SQLite database.

SQLite runs in WAL mode with `synchronous=FULL` so that a committed transaction survives a
power cut, and every multi-step state change of the service is one transaction. The schema
is created by numbered migrations; a database records which migrations it has, so an older
home is upgraded in place and a newer one is refused rather than misread.

Personal values are stored sealed (dgate.vault.fields) since migration 4, which moves an
older home's plaintext into sealed form, drops the plaintext columns and VACUUMs. Every
connection runs with `secure_delete` so that freed pages are zeroed, not left behind.

The same schema and migrations run on PostgreSQL when config.json names a postgresql:// URL
as "case_store" (dgate.store.db, dgate.store.pg): each statement is written once, in
SQLite's dialect, and only the types of the DDL differ (pg.ddl).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from dgate.errors import DgateError, IntegrityError, UsageError
from dgate.store import db

_CORE_SCHEMA: tuple[str, ...] = (
    """CREATE TABLE users (
        user_id TEXT PRIMARY KEY,
        role TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
    )""",
    """CREATE TABLE agencies (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
        status_reason TEXT NOT NULL DEFAULT '',
        safeguard_block INTEGER NOT NULL DEFAULT 0,
        safeguard_reason TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE agency_statutes (
        agency TEXT NOT NULL REFERENCES agencies(code),
        citation TEXT NOT NULL,
        PRIMARY KEY (agency, citation)
    )""",
    """CREATE TABLE officials (
        agency TEXT NOT NULL REFERENCES agencies(code),
        official_id TEXT NOT NULL,
        name TEXT NOT NULL,
        title TEXT NOT NULL,
        public_key_pem BLOB NOT NULL,
        valid_from TEXT,
        valid_to TEXT,
        created_at TEXT NOT NULL,
        PRIMARY KEY (agency, official_id)
    )""",
    """CREATE TABLE batches (
        batch_id TEXT PRIMARY KEY,
        manifest_sha256 TEXT NOT NULL UNIQUE,
        manifest BLOB NOT NULL,
        agency TEXT NOT NULL,
        official_id TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        processing_date TEXT NOT NULL,
        received_at TEXT NOT NULL,
        submitted_by TEXT NOT NULL,
        batch_codes TEXT NOT NULL,
        ruleset_hash TEXT NOT NULL,
        model_hash TEXT NOT NULL,
        master_version TEXT NOT NULL,
        record_count INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('decided', 'released'))
    )""",
    """CREATE TABLE records (
        batch_id TEXT NOT NULL REFERENCES batches(batch_id),
        seq INTEGER NOT NULL,
        request_id TEXT NOT NULL,
        case_agent TEXT NOT NULL,
        fields TEXT NOT NULL,
        PRIMARY KEY (batch_id, seq)
    )""",
    """CREATE TABLE decisions (
        batch_id TEXT NOT NULL REFERENCES batches(batch_id),
        seq INTEGER NOT NULL,
        request_key TEXT NOT NULL UNIQUE,
        request_id TEXT NOT NULL,
        disposition TEXT NOT NULL,
        reason_codes TEXT NOT NULL,
        match_tin TEXT NOT NULL DEFAULT '',
        match_probability REAL,
        candidate_count INTEGER,
        street TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL DEFAULT '',
        city TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT '',
        zip TEXT NOT NULL DEFAULT '',
        address_source TEXT NOT NULL DEFAULT '',
        address_effective_date TEXT NOT NULL DEFAULT '',
        explanation TEXT NOT NULL DEFAULT '{}',
        ruleset_hash TEXT NOT NULL,
        model_hash TEXT NOT NULL,
        PRIMARY KEY (batch_id, seq)
    )""",
    """CREATE TABLE reviews (
        request_key TEXT PRIMARY KEY REFERENCES decisions(request_key),
        verdict TEXT NOT NULL CHECK (verdict IN ('disclose', 'no_disclose')),
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL
    )""",
    """CREATE TABLE approvals (
        batch_id TEXT NOT NULL REFERENCES batches(batch_id),
        user_id TEXT NOT NULL,
        approved_at TEXT NOT NULL,
        PRIMARY KEY (batch_id, user_id)
    )""",
    """CREATE TABLE releases (
        batch_id TEXT PRIMARY KEY REFERENCES batches(batch_id),
        released_by TEXT NOT NULL,
        released_at TEXT NOT NULL,
        response BLOB NOT NULL,
        response_sha256 TEXT NOT NULL
    )""",
    """CREATE TABLE accounting (
        entry_id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('request', 'disclosure', 'refused_package')),
        at TEXT NOT NULL,
        batch_id TEXT NOT NULL DEFAULT '',
        seq INTEGER,
        request_id TEXT NOT NULL DEFAULT '',
        agency TEXT NOT NULL DEFAULT '',
        official_id TEXT NOT NULL DEFAULT '',
        request_date TEXT NOT NULL DEFAULT '',
        statute TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        disposition TEXT NOT NULL DEFAULT '',
        reason_codes TEXT NOT NULL DEFAULT '',
        taxpayer_tin TEXT NOT NULL DEFAULT '',
        street TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL DEFAULT '',
        city TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT '',
        zip TEXT NOT NULL DEFAULT '',
        address_source TEXT NOT NULL DEFAULT '',
        address_effective_date TEXT NOT NULL DEFAULT '',
        approved_by TEXT NOT NULL DEFAULT '',
        released_by TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    )""",
    # One disclosure per record, ever: the database itself refuses a second one.
    """CREATE UNIQUE INDEX accounting_one_disclosure
        ON accounting(batch_id, seq) WHERE kind = 'disclosure'""",
    "CREATE INDEX accounting_at ON accounting(at)",
    """CREATE TABLE access_log (
        entry_id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id TEXT NOT NULL,
        role TEXT NOT NULL,
        purpose TEXT NOT NULL,
        object TEXT NOT NULL
    )""",
    "CREATE INDEX decisions_disposition ON decisions(batch_id, disposition)",
    "CREATE INDEX batches_agency ON batches(agency, signed_at)",
    "CREATE INDEX records_agent ON records(case_agent)",
)


def _core_schema(dialect: str = db.SQLITE) -> tuple[str, ...]:
    return _CORE_SCHEMA


def _ledger_schema(dialect: str = db.SQLITE) -> tuple[str, ...]:
    from dgate.ledger.store import LEDGER_SCHEMA, LEDGER_SCHEMA_POSTGRES

    return tuple(LEDGER_SCHEMA_POSTGRES if dialect == db.POSTGRES else LEDGER_SCHEMA)


def _api_schema(dialect: str = db.SQLITE) -> tuple[str, ...]:
    from dgate.service.tokens import SCHEMA

    return SCHEMA


DATA_STEP = "-- data step: seal the plaintext rows (needs the vault)"
"""A step of a migration that is Python, not SQL: `migrate` calls its `upgrade` there."""

# Tables whose rows migration 4's data step must seal (empty tables need no vault).
_SEALED_TABLES = ("records", "decisions", "releases", "accounting", "idempotency_keys")


def _encryption_schema(dialect: str = db.SQLITE) -> tuple[str, ...]:
    from dgate.vault.keys import SCHEMA

    return (
        SCHEMA,
        "ALTER TABLE records ADD COLUMN sealed BLOB",
        "ALTER TABLE records ADD COLUMN agent_index TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE decisions ADD COLUMN sealed BLOB",
        "ALTER TABLE accounting ADD COLUMN sealed BLOB",
        "ALTER TABLE accounting ADD COLUMN tin_index TEXT NOT NULL DEFAULT ''",
        DATA_STEP,
        "DROP INDEX records_agent",
        *(f"ALTER TABLE records DROP COLUMN {c}" for c in ("case_agent", "fields")),
        *(f"ALTER TABLE decisions DROP COLUMN {c}" for c in (
            "match_tin", "street", "unit", "city", "state", "zip", "address_source",
            "address_effective_date", "explanation")),
        *(f"ALTER TABLE accounting DROP COLUMN {c}" for c in (
            "reason", "taxpayer_tin", "street", "unit", "city", "state", "zip",
            "address_source", "address_effective_date")),
        "CREATE INDEX records_agent_index ON records(agent_index)",
        "CREATE INDEX accounting_tin ON accounting(tin_index)",
    )


SIGN_STEP = "-- sign step: sign the ledger entries no checkpoint covers (needs the key)"
"""A step of a migration that is Python: `migrate` calls its `sign` there."""


def _signed_head_schema(dialect: str = db.SQLITE) -> tuple[str, ...]:
    # No table changes: from this version on every transaction that writes the ledger
    # signs its head (service/home.py), and dgate refuses to write on entries no checkpoint
    # signs. An older home's last entries were left unsigned by design: signed once here.
    return (SIGN_STEP,)


TIN_INDEX_STEP = "-- index step: the blind index of each answered decision's TIN (needs the vault)"
"""A step of a migration that is Python: `migrate` calls its `index` there."""


def _decision_tin_schema(dialect: str = db.SQLITE) -> tuple[str, ...]:
    # A later batch's request is looked up against the taxpayers earlier batches answered
    # (service/submit.py `_asked_before`): by the blind index of the matched TIN, filled
    # for DISCLOSE and REVIEW decisions only (the partial index holds no other row).
    return (
        "ALTER TABLE decisions ADD COLUMN tin_index TEXT NOT NULL DEFAULT ''",
        TIN_INDEX_STEP,
        "CREATE INDEX decisions_tin ON decisions(tin_index) WHERE tin_index <> ''",
    )


A_NUMBER_INDEX_STEP = ("-- index step: the blind index of each answered request's A-number "
                       "(needs the vault)")
"""A step of a migration that is Python: `migrate` calls its `a_numbers` there."""


def _decision_a_number_schema(dialect: str = db.SQLITE) -> tuple[str, ...]:
    # Red team r35: one A-number (one person's A-file) answered with one taxpayer in a batch
    # and with another a week later discloses two addresses for one person. A later batch's
    # request is looked up against the taxpayers earlier batches answered its A-number with
    # (service/submit.py `_asked_before_a_number`): by the blind index of the request's
    # A-number (digits, leading zeros dropped: rules.record.a_number_of), filled for
    # DISCLOSE and REVIEW decisions only (the partial index holds no other row). An older
    # home's answered decisions are indexed here, their sealed records opened.
    return (
        "ALTER TABLE decisions ADD COLUMN a_number_index TEXT NOT NULL DEFAULT ''",
        A_NUMBER_INDEX_STEP,
        "CREATE INDEX decisions_a_number ON decisions(a_number_index) "
        "WHERE a_number_index <> ''",
    )


GIVEN_TIN_INDEX_STEP = ("-- index step: the blind index of the TIN each decision's request "
                        "gives (needs the vault)")
"""A step of a migration that is Python: `migrate` calls its `given_tins` there."""


def _decision_given_tin_schema(dialect: str = db.SQLITE) -> tuple[str, ...]:
    # Red team r34/r36: a request left unanswered that gave a taxpayer's TIN for someone
    # born on another day says the TIN names two people; within a batch it holds the
    # answered one back (decide.batchwise.tin_given_by_others), and a later batch's request
    # answered with that taxpayer is looked up against it (service/submit.py
    # `_gave_the_tin_before`): by the blind index of the TIN the request gives, as matching
    # reads it (submit._tin), filled for every decision whose request gives one (answered
    # or not), under the same kind as tin_index ("tin") so the two compare. An older home's
    # decisions are indexed here, their sealed records opened.
    return (
        "ALTER TABLE decisions ADD COLUMN given_tin_index TEXT NOT NULL DEFAULT ''",
        GIVEN_TIN_INDEX_STEP,
        "CREATE INDEX decisions_given_tin ON decisions(given_tin_index) "
        "WHERE given_tin_index <> ''",
    )


def _as_told_schema(dialect: str = db.SQLITE) -> tuple[str, ...]:
    # Red team r38: a decision's a_number_index and given_tin_index may now be of what the
    # batch's repeats told of its request's person, kept in its sealed explanation
    # ("as_told"), where the request gives none itself. No table changes: the version
    # alone, so that an older dgate refuses such a home (its `ledger verify` would report
    # those indexes as tampered with, and its submit would index records as received)
    # rather than misread it. Batches decided before keep the indexes of their records.
    return ()


def _held_schema(dialect: str = db.SQLITE) -> tuple[str, ...]:
    # Session 36 (r41): `dgate review hold` sends a DISCLOSE decision of an unreleased batch
    # back to review; "held" is that decision's review events (HELD), not a column. No
    # table changes: the version alone, so that an older dgate refuses such a home rather
    # than read a held decision as a disclosure standing and release it.
    return ()


def _accounting_request_schema(dialect: str = db.SQLITE) -> tuple[str, ...]:
    # `batch release` reads each disclosure's request row (its reason, agency, statute) to
    # account the disclosure (service/release._account_disclosures): by (batch_id, seq) of
    # kind 'request', which only the partial index of disclosures covered, so every lookup
    # scanned the whole table. A release of 18K disclosures took 100 s, and the time per
    # disclosure grew with the table: quadratic in the accounting's size.
    return ("CREATE INDEX accounting_request ON accounting(batch_id, seq) "
            "WHERE kind = 'request'",)


def _review_queue_schema(dialect: str = db.SQLITE) -> tuple[str, ...]:
    # The review queue of every batch (`review list` without a batch, the web review page
    # and the API's /reviews without one: service/release._pending_sql) found its items by
    # a scan of every decision ever kept, on each look at the queue: 0.09 s with 100K
    # decisions, growing with every batch the home keeps. Review items are a few per
    # thousand decisions: a partial index holds only them (and serves one batch's queue).
    return ("CREATE INDEX decisions_review ON decisions(batch_id, seq) "
            "WHERE disposition = 'REVIEW'",)


def _token_expiry_schema(dialect: str = db.SQLITE) -> tuple[str, ...]:
    # Every API token expires (service/tokens.py; NIST SP 800-53 IA-5, AC-12): a token
    # past its expires_at is refused as an unknown one, and so is a row without one. The
    # tokens issued before this migration had no expiry: they are given the migration's
    # time plus the default lifetime, not refused outright, so that an upgrade does not
    # sign every officer out and stop every API client at once with no warning; they are
    # then bounded like a token issued that day, and `dgate user revoke USER` ends any
    # of them sooner. Times are written as service.home.utc_now writes them, so that they
    # compare as text.
    from dgate.service.tokens import DEFAULT_LIFETIME_DAYS, stamp

    until = stamp(datetime.now(UTC) + timedelta(days=DEFAULT_LIFETIME_DAYS))
    return ("ALTER TABLE api_tokens ADD COLUMN expires_at TEXT",
            f"UPDATE api_tokens SET expires_at = '{until}' WHERE expires_at IS NULL")


def _signin_schema(dialect: str = db.SQLITE) -> tuple[str, ...]:
    # Refused sign-ins counted per user, and the lock they lead to (service/signin.py;
    # NIST SP 800-53 AC-7): in the case store, so that a restart of the service does not
    # clear a lock, and two services on one PostgreSQL store count together.
    from dgate.service.signin import SCHEMA

    return SCHEMA


REVIEW_EVENTS = ("review_decision", "review_reopened", "review_refused", "review_held")
"""The ledger events of a review action on one request (their "object" is its request key):
what `dgate review history` lists, found by the review_events index (migration 11).
review_held (`dgate review hold`, audit 23): a DISCLOSE decision of a batch not yet released
sent to review, to be decided again by a reviewer."""

HELD = "d.request_key IN (SELECT request_key FROM review_events)"
"""A decision `d` (a DISCLOSE one) a reviewer holds (`dgate review hold`): it has review
events, which a DISCLOSE decision has only once held (a hold refused is recorded as
hold_refused, no review event; `review decide` and `review reopen` refuse an item not held
before recording anything). The review_events index is held against the ledger by
`ledger verify` (none missing, none extra), so a hold cannot be added or removed by hand
unseen."""


def pending_review(columns: str, where: str = "", joins: str = "") -> str:
    """A statement of the decisions pending review: `columns` of decisions `d` (`joins`
    joined after it, its review `r` LEFT JOINed), that meet `where` too if given (its
    parameters are then needed twice, once per branch). A REVIEW item no reviewer decided,
    or a DISCLOSE decision a reviewer holds (HELD) and did not decide again. Two branches
    of one compound statement, not one OR: the REVIEW items are found by the partial index
    decisions_review (case schema 8), the held ones (of a batch) by decisions_disposition
    and the review_events index; an OR read every decision of the batch. Ordered by the
    caller by result column names only (`ORDER BY batch_id, seq`)."""
    also = f" AND ({where})" if where else ""
    return " UNION ALL ".join(
        f"SELECT {columns} FROM decisions d {joins} LEFT JOIN reviews r USING (request_key) "
        f"WHERE {cond} AND r.request_key IS NULL{also}"
        for cond in ("d.disposition = 'REVIEW'", f"d.disposition = 'DISCLOSE' AND {HELD}"))


def pending_count(where: str) -> str:
    """An expression: how many decisions that meet `where` are pending review
    (`pending_review`'s two branches, each counted; `where`'s parameters needed twice)."""
    return " + ".join(f"({branch})" for branch in pending_review("count(*)", where).split(
        " UNION ALL "))


DISCLOSES = "(r.verdict = 'disclose' OR (d.disposition = 'DISCLOSE' AND r.verdict IS NULL))"
"""A decision `d` (its review `r`, LEFT JOINed) that discloses as it stands: DISCLOSE, or
REVIEW a reviewer confirmed; a held DISCLOSE counts while pending (as it was decided) and
once confirmed, not once refused. Only REVIEW items and held DISCLOSE ones have a review."""

ANSWERED = ("(d.disposition IN ('DISCLOSE', 'REVIEW') AND "
            "(r.verdict IS NULL OR r.verdict <> 'no_disclose'))")
"""A decision `d` (its review `r`, LEFT JOINed) answered with a taxpayer: DISCLOSE or REVIEW,
pending or confirmed, not refused by a reviewer (a held DISCLOSE refused neither)."""


def with_aliases(predicate: str, d: str, r: str) -> str:
    """One of the predicates above with its decision and review aliases renamed."""
    return predicate.replace("d.", f"{d}.").replace("r.", f"{r}.")


REVIEW_INDEX_STEP = "-- index step: the ledger's review events, by request (reads the ledger)"
"""A step of a migration that is Python: `migrate` fills the index from the ledger there."""


def _review_events_schema(dialect: str = db.SQLITE) -> tuple[str, ...]:
    # `dgate review history KEY` read the whole ledger for one request's review events: a
    # scan of every entry (5.6 s a million entries, about 32 s at the 5.8M a 1.28M-record
    # batch leaves), on each look. Home.record writes each review event's entry index
    # here, in the transaction that appends the event; `ledger verify` holds the index
    # against the ledger's review events (none missing, none extra). An older home's
    # review events are indexed by this migration, in one pass over its ledger.
    return (
        "CREATE TABLE review_events (request_key TEXT NOT NULL, idx BIGINT NOT NULL, "
        "PRIMARY KEY (request_key, idx)) WITHOUT ROWID",
        REVIEW_INDEX_STEP,
    )


def review_events_in(conn: db.Connection) -> Iterator[tuple[str, int]]:
    """(request key, entry index) of each review event in the ledger, in ledger order: one
    pass over every entry (only those holding a review event's type are parsed)."""
    from dgate.ledger.store import entries

    for idx, data in entries(conn):
        found = event_review_key(data)
        if found is not None:
            yield found, idx


_REVIEW_TYPE = b'"type":"review_'


def event_review_key(data: bytes) -> str | None:
    """The request key of a ledger entry that is a review event (REVIEW_EVENTS), else
    None. Entries are canonical JSON (no spaces): one without the review type's bytes is
    not parsed."""
    if _REVIEW_TYPE not in data:
        return None
    try:
        ev = json.loads(data)
    except ValueError:
        return None
    if not isinstance(ev, dict) or ev.get("type") not in REVIEW_EVENTS:
        return None
    return str(ev.get("object"))


def index_review_events(conn: db.Connection) -> None:
    """The review_events index filled from the ledger (migration 11; a test's rewritten
    ledger)."""
    rows = list(review_events_in(conn))  # the review events only: a few per thousand
    conn.executemany("INSERT INTO review_events (request_key, idx) VALUES (?, ?)", rows)


# Each migration is (version, description, statements-provider). Append only: a released
# migration is never edited, a change is a new migration. A provider is handed the dialect;
# its statements are SQLite's, translated to PostgreSQL's types by pg.ddl.
MIGRATIONS: tuple[tuple[int, str, Callable[[str], Sequence[str]]], ...] = (
    (1, "core tables", _core_schema),
    (2, "ledger tables", _ledger_schema),
    (3, "api tokens and idempotency keys", _api_schema),
    (4, "encryption at rest: data keys, sealed columns, blind indexes", _encryption_schema),
    (5, "ledger: every transaction that writes it signs its head", _signed_head_schema),
    (6, "decisions: the blind index of the matched TIN", _decision_tin_schema),
    (7, "accounting: an index of the request rows", _accounting_request_schema),
    (8, "decisions: an index of the review items", _review_queue_schema),
    (9, "api tokens: an expiry", _token_expiry_schema),
    (10, "sign-in: refused attempts counted per user, and locks", _signin_schema),
    (11, "ledger: an index of the review events by request", _review_events_schema),
    (12, "decisions: the blind index of the request's A-number", _decision_a_number_schema),
    (13, "decisions: the blind index of the TIN the request gives", _decision_given_tin_schema),
    (14, "decisions: blind indexes of what a batch's repeats told (as_told)", _as_told_schema),
    (15, "review: a disclosure sent back to review (review hold)", _held_schema),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]


SQLITE_FILE = "case.sqlite"
REFUSED_REQUEST = ("batch_id", "agency", "official_id", "request_date", "statute")
"""The accounting columns a refused_package row fills with what its package's manifest
names of the request (service/submit.py), which its package_refused ledger event repeats
and `ledger verify` compares (service/audit.py)."""


def store_url(config: Mapping[str, Any]) -> str | None:
    """The PostgreSQL URL a home's config.json names as its case store, or None for the
    SQLite file in the home."""
    url = config.get("case_store")
    if url is None or url == "" or url == db.SQLITE:
        return None
    if not isinstance(url, str) or not db.is_postgres_url(url):
        raise UsageError("config.json: case_store must be a postgresql:// URL or \"sqlite\"")
    return url


def open_store(home: Path, config: Mapping[str, Any]) -> db.Connection:
    """The case store of a home: the PostgreSQL database its config names, else its file.

    The file `init` made is refused when it holds no dgate schema (emptied, or replaced),
    not taken for a new one: opening would write a fresh, empty schema into it. (A new,
    empty PostgreSQL database named in config.json is migrated on first open: its home then
    has no checkpoint, which `ledger verify` names.)"""
    url = store_url(config)
    if url is not None:
        return connect_url(url)
    path = home / SQLITE_FILE
    damaged = IntegrityError(f"{path}: the case store holds no dgate home (emptied or "
                             "replaced); restore it from a backup")
    if path.is_file() and path.stat().st_size == 0:
        raise damaged
    conn = connect(path)
    if not has_table(conn, "schema_migrations"):
        conn.close()
        raise damaged
    return conn


Guard = Callable[[], Callable[[], None]]


class _CaseConnection(sqlite3.Connection):
    """sqlite3's connection, able to carry the ledger guard a Home sets (`set_guard`)."""

    guard: Guard | None = None


def set_guard(conn: db.Connection, guard: Guard) -> None:
    """Have `transaction` call `guard()` on `conn` as each transaction begins (it may refuse
    by raising) and the function it returns just before the commit."""
    conn.guard = guard  # type: ignore[attr-defined]  # _CaseConnection, PgConnection


def connect_url(url: str) -> db.Connection:
    from dgate.store import pg

    return pg.connect(url)


def connect(path: Path) -> sqlite3.Connection:
    """Open the SQLite case store with the durability settings the system depends on."""
    try:
        # check_same_thread=False: the web server opens a request's connection in one
        # worker thread and may run the handler and the close in others; the
        # connection is still used by one request at a time, never concurrently.
        conn = sqlite3.connect(path, isolation_level=None, timeout=30.0,
                               check_same_thread=False, factory=_CaseConnection)
    except sqlite3.Error as exc:
        raise DgateError(f"cannot open the case store {path.name}: {exc}") from None
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=30000")
    # A deleted or overwritten row (a destroyed data key, a migrated plaintext value) is
    # zeroed on its page, not merely unlinked.
    conn.execute("PRAGMA secure_delete=ON")
    return conn


Upgrade = Callable[[Any], None]


def migrate(conn: db.Connection, upgrade: Upgrade | None = None,
            sign: Upgrade | None = None, index: Upgrade | None = None,
            a_numbers: Upgrade | None = None, given_tins: Upgrade | None = None) -> int:
    """Apply every migration the database lacks, each in its own transaction. `upgrade`
    runs a migration's DATA_STEP (sealing plaintext rows); without it, that step is only
    allowed on tables that hold no rows. `sign` runs a SIGN_STEP (signing the ledger
    entries an older dgate left unsigned); without it, only a ledger with none is allowed.
    `index` runs a TIN_INDEX_STEP (the blind index of the TIN each answered decision
    names); without it, only a store with no such decision is allowed. `a_numbers` runs
    an A_NUMBER_INDEX_STEP (the blind index of the A-number each answered decision's
    request gives); without it, likewise. `given_tins` runs a GIVEN_TIN_INDEX_STEP (the
    blind index of the TIN each decision's request gives); without it, only a store with
    no decision is allowed.
    Two processes opening one new PostgreSQL store at once take turns (an advisory lock),
    and each migration is applied once."""
    dialect = db.dialect(conn)
    have = _versions(conn) if has_table(conn, "schema_migrations") else set()
    if not have:
        # A new store: whoever takes the lock first creates the bookkeeping table.
        with transaction(conn):
            db.advisory_lock(conn, db.MIGRATION_LOCK)
            conn.execute(_for_dialect(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL "
                "PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)", dialect))
            have = _versions(conn)
    if have and max(have) > SCHEMA_VERSION:
        raise IntegrityError(
            f"the case store has schema version {max(have)}, newer than this program's "
            f"{SCHEMA_VERSION}; upgrade dgate"
        )
    moved = False
    for version, description, statements in MIGRATIONS:
        if version in have:
            continue
        with transaction(conn):
            db.advisory_lock(conn, db.MIGRATION_LOCK)
            if version in _versions(conn):
                continue  # another process applied it while this one waited
            for sql in statements(dialect):
                if sql == DATA_STEP:
                    moved = _data_step(conn, upgrade) or moved
                elif sql == SIGN_STEP:
                    _sign_step(conn, sign)
                elif sql == TIN_INDEX_STEP:
                    _tin_index_step(conn, index)
                elif sql == A_NUMBER_INDEX_STEP:
                    _answered_step(conn, a_numbers, "A-numbers")
                elif sql == GIVEN_TIN_INDEX_STEP:
                    _given_tin_step(conn, given_tins)
                elif sql == REVIEW_INDEX_STEP:
                    index_review_events(conn)
                else:
                    conn.execute(_for_dialect(sql, dialect))
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                         (version, description, _now()))
    if moved:
        compact(conn)
    return SCHEMA_VERSION


def has_table(conn: db.Connection, name: str) -> bool:
    if db.dialect(conn) == db.POSTGRES:
        sql = "SELECT to_regclass(?) IS NOT NULL"
    else:
        sql = "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?)"
    return bool(conn.execute(sql, (name,)).fetchone()[0])


def _versions(conn: db.Connection) -> set[int]:
    return {int(row[0]) for row in conn.execute("SELECT version FROM schema_migrations")}


def _for_dialect(sql: str, dialect: str) -> str:
    if dialect != db.POSTGRES:
        return sql
    from dgate.store import pg

    return pg.ddl(sql)


def _now() -> str:
    # The same text SQLite's datetime('now') gave to the migrations applied before.
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _data_step(conn: db.Connection, upgrade: Upgrade | None) -> bool:
    has_rows = any(conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone()
                   for t in _SEALED_TABLES)
    if not has_rows:
        return False
    if upgrade is None:
        raise IntegrityError("the case store holds plaintext from before encryption; open "
                             "the home with dgate to encrypt it")
    upgrade(conn)
    return True


def _sign_step(conn: db.Connection, sign: Upgrade | None) -> None:
    from dgate.ledger.store import signed_size, size

    if size(conn) <= signed_size(conn):
        return
    if sign is None:
        raise IntegrityError("the ledger holds entries no checkpoint signs; open the home "
                             "with dgate to sign them")
    sign(conn)


def _tin_index_step(conn: db.Connection, index: Upgrade | None) -> None:
    if conn.execute("SELECT 1 FROM decisions WHERE disposition IN ('DISCLOSE', 'REVIEW') "
                    "LIMIT 1").fetchone() is None:
        return
    if index is None:
        raise IntegrityError("the case store holds decisions from before their TINs were "
                             "indexed; open the home with dgate to index them")
    index(conn)


def _answered_step(conn: db.Connection, index: Upgrade | None, what: str) -> None:
    if conn.execute("SELECT 1 FROM decisions WHERE disposition IN ('DISCLOSE', 'REVIEW') "
                    "LIMIT 1").fetchone() is None:
        return
    if index is None:
        raise IntegrityError(f"the case store holds decisions from before their {what} were "
                             "indexed; open the home with dgate to index them")
    index(conn)


def _given_tin_step(conn: db.Connection, index: Upgrade | None) -> None:
    if conn.execute("SELECT 1 FROM decisions LIMIT 1").fetchone() is None:
        return
    if index is None:
        raise IntegrityError("the case store holds decisions from before the TINs their "
                             "requests give were indexed; open the home with dgate to "
                             "index them")
    index(conn)


def compact(conn: db.Connection) -> None:
    """Rewrite the database without free pages and empty the WAL, so no copy of a value
    that was deleted or overwritten (plaintext, a destroyed key) survives in the files."""
    if db.dialect(conn) == db.POSTGRES:
        conn.execute("VACUUM FULL")
        return
    conn.execute("VACUUM")
    checkpoint_wal(conn)


def checkpoint_wal(conn: db.Connection) -> bool:
    """Copy the WAL into the database and truncate it to zero bytes. False if another
    connection's reader kept part of it alive (it is truncated once that reader ends).

    On PostgreSQL the server owns its WAL; the data keys table is rewritten instead, so a
    destroyed wrapped key leaves no dead row version in the live table (docs/postgres.md
    says what the server's WAL archive and backups keep, and why that is still safe)."""
    if db.dialect(conn) == db.POSTGRES:
        conn.execute("VACUUM FULL data_keys")
        return True
    busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return not busy


@contextmanager
def transaction(conn: db.Connection) -> Iterator[db.Connection]:
    """One IMMEDIATE transaction: the write lock is taken up front, so two processes never
    interleave a read-then-write (two releases of one batch cannot both pass their checks).
    On a connection a Home opened, the ledger's head is signed before the commit.
    On PostgreSQL it is a plain BEGIN (READ COMMITTED): what must not interleave takes its
    lock explicitly (db.advisory_lock for the ledger, db.lock_row for a batch)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        # A Home's guard (service/home.py) refuses to write on ledger entries no checkpoint
        # signs, and signs the head of what the transaction appended before it commits.
        guard = getattr(conn, "guard", None)
        seal = guard() if guard is not None else None
        yield conn
        if seal is not None:
            seal()
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")

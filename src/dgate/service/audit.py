"""The §6103(p)(3)(A) accounting export and end-to-end ledger verification."""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from dgate.csvout import Output, StreamOut, render_pieces, write_atomic
from dgate.decide.batchwise import indexed_a_number, told_person
from dgate.errors import DgateError, IntegrityError, UsageError
from dgate.intake.package import parse_manifest
from dgate.ledger import store as ledger
from dgate.ledger.checkpoint import CheckpointError, parse_verifier_key
from dgate.ledger.checkpoint import verifier_key as verifier_key_of
from dgate.ledger.tally import BLOCK, Tally, block
from dgate.model import Role
from dgate.rules.dates import parse_date
from dgate.rules.record import a_number_of, tin_digits
from dgate.service.home import (
    KEY_NAME,
    SIGNS_EVERY_TRANSACTION,
    UPGRADE_SIGNED,
    Home,
    unsigned_head,
)
from dgate.store import case
from dgate.store.db import SQLITE, DatabaseError, dialect
from dgate.vault import fields as sealed
from dgate.vault.crypto import BlindIndex
from dgate.vault.keys import BATCH, INDEX, RESPONSE

ACCOUNTING_COLUMNS = (
    "entry_id", "kind", "at", "batch_id", "request_id", "agency", "official_id",
    "request_date", "statute", "reason", "disposition", "reason_codes", "taxpayer_tin",
    "street", "unit", "city", "state", "zip", "address_source", "address_effective_date",
    "approved_by", "released_by", "note",
)


def require_window(start: date | None, end: date | None) -> None:
    """Refuse (UsageError) a date window that ends before it begins: it holds nothing, and
    an export of it would look like a period without requests."""
    if start is not None and end is not None and end < start:
        raise UsageError(f"--to {end.isoformat()} is before --from {start.isoformat()}")


def accounting_export(home: Home, as_user: str | None, out: Output, start: date | None,
                      end: date | None, agency: str | None = None,
                      tin: str | None = None) -> int:
    """The accounting rows (of one taxpayer with `tin`, found by its blind index: the TIN
    itself is stored only sealed)."""
    actor = home.authorize(as_user, [Role.AUDITOR, Role.ADMIN, Role.DISCLOSURE_OFFICER],
                           "accounting export")
    require_window(start, end)
    home.check_output(out)
    clear = [c for c in ACCOUNTING_COLUMNS if c not in sealed.ACCOUNTING_DETAILS]
    where = " WHERE 1=1"
    args: list[str] = []
    if start is not None or end is not None:
        # A row is in the range when any of its dates is: when it was recorded, the date of
        # the written request (signed_at), or the batch's processing date (`--as-of`). The
        # processing date is the one the rules used, so a batch processed "as of" a past
        # date is found by that date as well as by the day it was entered.
        # (A refused package's row names the batch id its manifest asked for, which a
        # corrected package may bear since: that batch's processing date is not its own.)
        dates = ("substr(at, 1, 10)", "request_date",
                 "coalesce((SELECT b.processing_date FROM batches b"
                 " WHERE b.batch_id = accounting.batch_id"
                 " AND accounting.kind <> 'refused_package'), '')")
        tests = []
        for d in dates:
            test = f"({d} <> ''"
            if start is not None:
                test += f" AND {d} >= ?"
                args.append(start.isoformat())
            if end is not None:
                test += f" AND {d} <= ?"
                args.append(end.isoformat())
            tests.append(test + ")")
        where += " AND (" + " OR ".join(tests) + ")"
    if agency is not None:
        where += " AND agency = ?"
        args.append(agency)
    if tin is not None:
        where += " AND tin_index = ?"
        args.append(home.vault.index("tin", "".join(c for c in tin if c.isdigit())))
    # Written as it is read, in pieces: the accounting keeps every row of every batch (two
    # per disclosed record: 2.5M rows for one batch of 1.28M), and the whole export held
    # at once took 2.9 KB a row for CSV, 7.8 KB for JSON (benchmarks/after_submit.py).
    count = [0]
    streamed = isinstance(out, StreamOut)
    counted = 0
    if streamed:
        # Sent as it is read, after the export is recorded: its rows are counted first, and
        # only the rows counted are read (the accounting is only ever appended to: the
        # rows up to the last entry counted).
        counted, last = home.conn.execute(
            "SELECT count(*), coalesce(max(entry_id), 0) FROM accounting" + where,
            args).fetchone()
        where += " AND entry_id <= ?"
        args.append(last)
    sql = f"SELECT {', '.join(clear)}, seq, sealed FROM accounting{where}"  # nosec B608

    def rows() -> Iterator[tuple[object, ...]]:
        # streamed on either store (ledger.rows: on PostgreSQL a plain cursor holds the
        # whole result in the client, 2.5M rows for one batch of 1.28M)
        with ledger.snapshot(home.conn):  # as long as the rows are read
            for r in ledger.rows(home.conn, sql + " ORDER BY entry_id", tuple(args)):
                count[0] += 1
                yield _accounting_row(home, r)
        if streamed and count[0] != counted:
            raise IntegrityError(f"accounting export: {count[0]} rows read where "
                                 f"{counted} were counted and recorded; run it again")

    if out.suffix.lower() == ".json":
        data = _json_pieces(dict(zip(ACCOUNTING_COLUMNS, r, strict=True)) for r in rows())
    else:
        data = render_pieces(ACCOUNTING_COLUMNS, rows())
    write_atomic(out, data)
    with case.transaction(home.conn):
        home.access(actor, "accounting export", f"{start or ''}..{end or ''}")
        home.record(actor, "accounting_export", out.name, "ok",
                    rows=counted if streamed else count[0])
    return count[0]


JSON_PIECE_ITEMS = 2000
"""Accounting rows dumped into one piece of bytes by `_json_pieces`."""


def _json_pieces(items: Iterable[dict[str, object]]) -> Iterator[bytes]:
    """The bytes of json.dumps(list(items), indent=1, ensure_ascii=False), in pieces of
    JSON_PIECE_ITEMS items, produced as `items` is read. (An item's own lines are indented one
    more space inside the list; JSON strings hold no raw newline, so every newline of an
    item's dump begins one of its lines.)"""
    parts: list[str] = ["["]
    n = 0
    for item in items:
        parts.append(("\n " if n == 0 else ",\n ")
                     + json.dumps(item, indent=1, ensure_ascii=False).replace("\n", "\n "))
        n += 1
        if n % JSON_PIECE_ITEMS == 0:
            yield "".join(parts).encode("utf-8")
            parts = []
    parts.append("\n]" if n else "]")
    yield "".join(parts).encode("utf-8")


def _accounting_row(home: Home, r: object) -> tuple[object, ...]:
    row = dict(r)  # type: ignore[call-overload]
    row.update(sealed.open_accounting(home.vault, row["kind"], row["batch_id"], row["seq"],
                                      row["sealed"]))
    return tuple(row[c] for c in ACCOUNTING_COLUMNS)


@dataclass(frozen=True)
class LedgerCheck:
    ok: bool
    size: int
    message: str


def ledger_verify(home: Home, as_user: str | None, verifier_key: str | None = None,
                  published: Sequence[tuple[str, str]] = ()) -> LedgerCheck:
    """The ledger recomputed end to end, then every accountable row of the case store held
    against the events that recorded it (`CrossCheck`), all in one read-only snapshot.

    What the home cannot prove about itself is held against what left it earlier:
    `verifier_key` (the office's published `name+id+key`, checked instead of the key file
    in keys/) and `published` ((name, note) of checkpoints taken before with `ledger
    checkpoint`). See docs/ledger.md, "What verify can and cannot see"."""
    actor = home.authorize(as_user, [Role.AUDITOR, Role.ADMIN], "ledger verify")
    key_name, public_key = KEY_NAME, None
    if verifier_key is not None:
        try:
            key_name, public_key = parse_verifier_key(verifier_key)
        except CheckpointError as exc:
            raise UsageError(f"{exc}") from None
        try:
            own = verifier_key_of(KEY_NAME, home.public_key())
        except (DgateError, OSError, ValueError, TypeError):
            own = None
        if own != verifier_key_of(key_name, public_key):
            return LedgerCheck(False, ledger.size(home.conn),
                               "keys/ledger_ed25519.pem is not the key of the verifier key "
                               "given: the signing key was replaced (or the verifier key is "
                               "another home's)")
    with ledger.snapshot(home.conn):
        check = CrossCheck(home)
        report = ledger.verify(home.conn, home.origin, key_name,
                               public_key or home.public_key(), visit=check.event,
                               published=published)
        if not report.ok:
            return LedgerCheck(False, report.size, report.message)
        unsigned = unsigned_head(report)
        if unsigned:
            return LedgerCheck(False, report.size, unsigned)
        mismatch = check.finish()
    if mismatch:
        return LedgerCheck(False, report.size, mismatch)
    with case.transaction(home.conn):
        home.record(actor, "ledger_verified", str(report.size), "ok")
    return LedgerCheck(True, report.size, f"ledger verified: {report.size} entries")


# ---------------------------------------------------------------- the case store vs the ledger
#
# What each accountable row is held against: values the ledger records in the event written
# in the same transaction as the row (or digests of them), or a row already held so.
#
#   batches      package_received (manifest digest, record count, processing date,
#                submitter, rule-set, model), rules_evaluated (batch codes), batch_decided
#                (master), release (status); agency, official and date: the manifest's
#   decisions    its decision event: disposition, reason codes, candidate count (when the
#                master was searched); for DISCLOSE and REVIEW the committed matched TIN (so
#                the sealed details must open); once disclosed, the committed address of its
#                disclosure event; rule-set and model: its batch's
#   accounting   a request row: its decision row as just checked (disposition, codes,
#                request id) and the batch's manifest (agency, official, request date) and
#                receipt time; its sealed reason must open. A disclosure row: its disclosure
#                event (committed TIN and address, released_by), the release event
#                (approved_by), the manifest, the release time, its decision's request id,
#                the blind TIN index. A refused_package row: its package_refused event
#                (the error, and what the manifest named: batch id, agency, official,
#                request date, statute; "" in an older home's events, as in its rows)
#   reviews      review_decision (verdict, reviewer); one a review_reopened event took
#                back (its row deleted) is not held
#   approvals    approval (officer); one an approvals_withdrawn event withdrew (its row
#                deleted) is not held
#   releases     release (officer, response digest; the stored response must hash to it)
#   data_keys    a destroyed key: a destruction certificate that names it
#   users        user_added (role); agencies: agency_added, then the last of
#   agency_statutes  agency_suspended / agency_resumed (status) and agency_safeguard_block /
#   officials    _unblock (safeguard_block); agency_statutes: agency_added (statutes);
#                officials: official_added (key digest, validity). The registers that say
#                who may approve and which requests are sufficient (red team r6: a
#                reviewer made an officer, or an official's key swapped, verified clean).
#                A home whose ledger holds no such event for a register (older than the
#                events) is not checked on it.
#
# An event that carries "digests" (ledger.row_digest of the rows it records, by table; see
# ledger.DIGEST_COLUMNS) proves every accountable column of them, the probability and the
# address included: a decision event its decisions row and request accounting row (batch
# submit, service/batchwrite.py), a disclosure event its disclosure accounting row (batch
# release). Each is compared as an item of its own ("digest" groups), named after the
# columns above, which say more. Older homes' events carry none: for them that comparison
# is skipped, not failed, and each row is held against what its events do record. A
# decision under a destroyed batch key is not digested (its sealed details no longer open).
#
# Decisions and accounting rows (millions) are compared through ledger.tally in one pass
# over each side and bounded memory; the small tables in memory. Messages name a table and
# a row (batch id and sequence number, entry id, user id, key id), never a taxpayer's value.

_DISCLOSE, _REVIEW, _REJECTED = "DISCLOSE", "REVIEW", "REJECTED"
# What a refused_package row and its package_refused event both say (the row's note is the
# event's "error"), compared in this order; service/submit.py writes them.
_REFUSED = ("note", *case.REFUSED_REQUEST)
_DETAILED = (_DISCLOSE, _REVIEW)  # dispositions whose sealed details (TIN, address) count
_ADDRESS = ("street", "unit", "city", "state", "zip")

# The compared values of each group's items, by name, for messages.
_FIELDS = {
    "decisions": ("request_key", "disposition", "reason_codes", "candidate_count",
                  "match_tin"),
    "accounting request": ("request_id", "disposition", "reason_codes", "agency",
                           "official_id", "request_date", "at"),
    "accounting disclosure": ("disposition", "reason_codes", "agency", "official_id",
                              "request_date", "taxpayer_tin", "address", "tin_index",
                              "approved_by", "released_by", "at"),
    "digest": ("row digest",),
    "request_id": ("request_id",),
    "address": ("address",),
}
# Which discrepancy is named first: a table before those derived from it (a release reads
# decisions, reviews and approvals; the accounting copies decisions and releases), and a
# row's compared columns before its digest (which differs too when they do, and names no
# column), and both before a decision's blind index (recomputed from the matched TIN: it
# differs too when that was resealed).
_RANK = {"ledger": -1, "batches": 0, "decisions": 1, "reviews": 2, "review_events": 2,
         "approvals": 3, "releases": 4,
         "disclosed address": 5, "accounting": 6, "accounting request": 6,
         "accounting disclosure": 6, "digest": 7, "blind index": 8, "data_keys": 9,
         "users": 10, "agencies": 11, "agency_statutes": 11, "officials": 12,
         "access_log": 13, "access_log at": 13}
# The access log's compared columns, as its rows and its view events name them.
_ACCESS = ("user_id", "role", "purpose", "object")

# What reading a table may raise when a hand edit stored what the driver cannot return.
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, DatabaseError)

Where = tuple[str, ...]
Group = tuple[str, str, int]  # (table, batch id, block of sequence numbers)
Sink = Callable[[Group, str, tuple[object, ...], int, Where], None]
_UNOPENED = object()
"""A decision's record not opened yet (CrossCheck's decisions pass)."""
_UNREADABLE = "<does not open>"
_ASIDE = ("request_id ", "address ")  # keys of items that pair a row with another source
_decode_json = json.JSONDecoder().decode


def _key_parts(key: str) -> tuple[str, int | None]:
    """Batch id and sequence number of a request key "BATCH:SEQ"."""
    batch, _, seq = key.rpartition(":")
    try:
        return batch, int(seq)
    except ValueError:
        return batch, None


@dataclass
class _Facts:
    """A batch as its row and its manifest say, read before the ledger pass."""

    row: dict[str, Any]
    manifest_sha256: str  # of the stored manifest bytes
    agency: str | None = None  # from the manifest (None: it does not parse)
    official_id: str | None = None
    request_date: str | None = None


class CrossCheck:
    """Holds the case store's accountable rows against the ledger's events. Fed the events
    by `ledger.verify` (`event`), then `finish` reads the tables and returns "" or the
    first discrepancy as one line. Run inside `ledger.snapshot`.

    `sink` and `only` serve the second pass that names a row: every item goes to `sink`,
    and only the rows of batch `only[0]` with seq in [only[1], only[2]) are read."""

    def __init__(self, home: Home, sink: Sink | None = None,
                 only: tuple[str, int, int] | None = None) -> None:
        self.home = home
        self.conn = home.conn
        self.tally: Tally[Group] = Tally()
        self.sink: Sink = sink or self._count
        self.only = only
        # The first discrepancy of each rank (a message, or a tally group to locate), and
        # how many were found in all (an altered batches row may make every row differ).
        self.first: dict[int, str | Group] = {}
        self.found = 0
        self._sqlite = dialect(self.conn) == SQLITE
        self._commit_key = home.hmac_key()
        self._indexes: dict[str, Callable[[str], str]] = {}
        # Read first: what the expectations of the events depend on.
        self.facts = self._read_batches()
        self.releases = {str(r[0]): (str(r[1]), str(r[2]), str(r[3])) for r in ledger.rows(
            self.conn, "SELECT batch_id, released_by, released_at, response_sha256 "
                       "FROM releases")}
        self.reviews = {str(r[0]): (str(r[1]), str(r[2])) for r in ledger.rows(
            self.conn, "SELECT request_key, verdict, decided_by FROM reviews")}
        self.destroyed = [(str(r[0]), str(r[1]), str(r[2])) for r in ledger.rows(
            self.conn, "SELECT key_id, purpose, scope FROM data_keys WHERE wrapped IS NULL")]
        # Sealed values under a destroyed key (retention) no longer open: not compared.
        self.shredded = {s for _k, purpose, s in self.destroyed if purpose == BATCH}
        self.shredded_responses = {s for _k, purpose, s in self.destroyed if purpose == RESPONSE}
        # Gathered from the events.
        self.digested: set[tuple[str, str]] = set()  # (table, batch): its events carry digests
        self.searched: dict[str, int] = {}  # older homes: a master_searched event per search
        self.approvers: dict[str, str] = {}
        self.batch_events: dict[str, dict[str, tuple[int, dict[str, Any]]]] = {}
        self.review_events: dict[str, list[tuple[int, str, str]]] = {}
        self.review_index: set[tuple[str, int]] = set()  # every review event: (key, entry)
        self.approval_events: dict[tuple[str, str], list[int]] = {}
        self.release_events: dict[str, list[tuple[int, str, str]]] = {}
        self.refused_events: list[tuple[int, tuple[str, ...], str | None]] = []
        self.certified: set[str] = set()
        self.logged_since: str | None = None  # time of the first view event with its row's
        # The home's creation (entry, schema version it names) and migration 5's events.
        self.created: tuple[int, object] | None = None
        self.upgrades: list[int] = []
        # The registers as their events leave them (None: no event of that kind yet).
        self.user_roles: dict[str, tuple[int, str]] | None = None
        self.agency_state: dict[str, tuple[int, dict[str, object]]] | None = None
        self.official_keys: dict[tuple[str, str], tuple[int, tuple[str, str, str]]] | None \
            = None

    def _blob(self, column: str) -> str:
        # SQLite keeps any type in any column: a hand edit may leave text in a BLOB column.
        return f"CAST({column} AS BLOB)" if self._sqlite else column

    def _read_batches(self) -> dict[str, _Facts]:
        cols = ("batch_id", "manifest_sha256", "manifest", "agency", "official_id",
                "signed_at", "processing_date", "received_at", "submitted_by", "batch_codes",
                "ruleset_hash", "model_hash", "master_version", "record_count", "status")
        sql = ", ".join(self._blob(c) if c == "manifest" else c for c in cols)
        out: dict[str, _Facts] = {}
        for r in ledger.rows(self.conn, f"SELECT {sql} FROM batches"):
            row = dict(zip(cols, r, strict=True))
            raw = _as_bytes(row.pop("manifest"))
            facts = _Facts(row, hashlib.sha256(raw).hexdigest())
            try:
                m = parse_manifest(raw)
            except DgateError:
                m = None
            if m is not None:  # as batch submit read it (service/batchwrite.py)
                signer, agency = m.get("signed_by"), m.get("requesting_agency")
                facts.agency = agency if isinstance(agency, str) else ""
                facts.official_id = str(signer.get("official_id", "")) \
                    if isinstance(signer, dict) else ""
                signed = parse_date(m.get("signed_at"))
                facts.request_date = signed.isoformat() if signed else ""
            out[str(row["batch_id"])] = facts
        return out

    # -- the ledger side ----------------------------------------------------------------------
    def event(self, idx: int, data: bytes) -> None:
        """One ledger entry (its hash already checked by ledger.verify)."""
        try:
            ev = _decode_json(data.decode("utf-8"))
        except ValueError:
            return
        if not isinstance(ev, dict):
            return
        kind = ev.get("type")
        if kind in case.REVIEW_EVENTS:
            self.review_index.add((str(ev.get("object")), idx))
        if kind == "decision":
            self._decision(idx, ev)
        elif kind == "disclosure":
            self._disclosure(idx, ev)
        elif kind == "master_searched":  # older homes: the search had an event of its own
            self.searched[str(ev.get("object"))] = _int(ev.get("candidates"))
        elif kind in ("package_received", "rules_evaluated", "batch_decided"):
            self.batch_events.setdefault(str(ev.get("object")), {}).setdefault(
                kind, (idx, ev))
        elif kind == "release":
            batch = str(ev.get("object"))
            approvers = ev.get("approvers")
            self.approvers[batch] = ";".join(str(a) for a in approvers) \
                if isinstance(approvers, list) else ""
            self.release_events.setdefault(batch, []).append(
                (idx, str(ev.get("actor")), str(ev.get("response_sha256"))))
        elif kind == "review_decision":
            self.review_events.setdefault(str(ev.get("object")), []).append(
                (idx, str(ev.get("outcome")), str(ev.get("actor"))))
        elif kind == "review_reopened" and ev.get("outcome") == "reopened":
            # the decision taken back: its reviews row was deleted with this event
            self.review_events.pop(str(ev.get("object")), None)
        elif kind == "approval":
            self.approval_events.setdefault(
                (str(ev.get("object")), str(ev.get("actor"))), []).append(idx)
        elif kind == "approvals_withdrawn" and ev.get("outcome") == "withdrawn":
            # approvals that no longer count: their rows were deleted with this event
            withdrawn = ev.get("approvers")
            for user in withdrawn if isinstance(withdrawn, list) else ():
                self.approval_events.pop((str(ev.get("object")), str(user)), None)
        elif kind == "package_refused":
            said = (str(ev.get("error", "")),
                    *(str(ev.get(name, "")) for name in _REFUSED[1:]))
            digests = ev.get("digests")
            digest = digests.get("accounting") if isinstance(digests, dict) else None
            self.refused_events.append(
                (idx, said, digest if isinstance(digest, str) else None))
        elif kind == "view":
            self._view(ev)
        elif kind == "home_initialized" and self.created is None:
            self.created = (idx, ev.get("schema"))
        elif kind == UPGRADE_SIGNED:
            self.upgrades.append(idx)
        elif kind == "destruction_certificate":
            ids = ev.get("key_ids")
            if isinstance(ids, list):
                self.certified.update(str(k) for k in ids)
        elif isinstance(kind, str) and (kind in ("user_added", "agency_added",
                                                 "official_added")
                                        or kind.startswith("agency_")):
            self._register_event(idx, kind, ev)

    def _view(self, ev: dict[str, Any]) -> None:
        """A view event: its access_log row must hold what it says (`_access_log`). One
        that carries "access_log" (from red team r8 on) was stamped with its row's time."""
        if ev.get("outcome") != "ok":
            return
        said = _view_said(ev)
        self.tally.add(("access_log", "", 0), repr(said), (), 1)
        if ev.get("access_log") is True:
            at = str(ev.get("at"))
            if self.logged_since is None:
                self.logged_since = at
            self.tally.add(("access_log at", "", 0), repr((at, *said)), (), 1)

    def _register_event(self, idx: int, kind: str, ev: dict[str, Any]) -> None:
        obj = str(ev.get("object"))
        if ev.get("outcome") != "ok":
            return
        if kind == "user_added":
            if self.user_roles is None:
                self.user_roles = {}
            self.user_roles[obj] = (idx, str(ev.get("new_role")))
        elif kind == "official_added":
            if self.official_keys is None:
                self.official_keys = {}
            agency, _, official = obj.partition("/")
            self.official_keys[(agency, official)] = (idx, (
                str(ev.get("key_sha256")), str(ev.get("valid_from") or ""),
                str(ev.get("valid_to") or "")))
        elif kind == "agency_added":
            if self.agency_state is None:
                self.agency_state = {}
            statutes = ev.get("statutes")
            self.agency_state[obj] = (idx, {
                "status": "active", "safeguard_block": 0,
                "statutes": sorted({str(c) for c in statutes})
                if isinstance(statutes, list) else None})
        elif self.agency_state is not None and obj in self.agency_state:
            change = {"agency_suspended": ("status", "suspended"),
                      "agency_resumed": ("status", "active"),
                      # as homes before session 36 spelled it (audit 23)
                      "agency_resumeed": ("status", "active"),
                      "agency_safeguard_block": ("safeguard_block", 1),
                      "agency_safeguard_unblock": ("safeguard_block", 0)}.get(kind)
            if change is not None:
                _added, state = self.agency_state[obj]
                self.agency_state[obj] = (idx, {**state, change[0]: change[1]})

    def _digest(self, rows: str, batch: str, ev: dict[str, Any], table: str) -> str | None:
        """The digest of a row of `table` that the event carries (None: none), noting that
        this batch's `rows` ("decisions", "accounting request" or "accounting disclosure")
        are to be digested too. Events of older homes carry none: their rows are compared
        on what the events do record, and no digest is asked of them."""
        digests = ev.get("digests")
        if isinstance(digests, dict) and isinstance(digests.get(table), str):
            self.digested.add((rows, batch))
            return str(digests[table])
        return None

    def _decision(self, idx: int, ev: dict[str, Any]) -> None:
        key = str(ev.get("object"))
        batch, seq = _key_parts(key)
        outcome = ev.get("outcome")
        codes = ev.get("codes")
        joined = ";".join(str(c) for c in codes) if isinstance(codes, list) else codes
        if "searched" in ev:
            candidates = _int(ev.get("candidates")) if ev.get("searched") else None
        else:
            candidates = self.searched.pop(key, None)
        tin = ev.get("tin") if outcome in _DETAILED and batch not in self.shredded else None
        where: Where = ("entry", str(idx), "decision")
        # Rule-set and model: those of the batch's events, compared per batch (_batches).
        content: tuple[object, ...] = (key, outcome, joined, candidates, tin)
        blk = block(seq)
        self.sink(("decisions", batch, blk), key, content, 1, where)
        digest = self._digest("decisions", batch, ev, "decisions")
        # Not under a destroyed key: its sealed details no longer open (see _decisions).
        if ("decisions", batch) in self.digested and batch not in self.shredded:
            self.sink(("digest", batch, blk), f"decision {key}", (digest,), 1, where)
        digest = self._digest("accounting request", batch, ev, "accounting")
        if ("accounting request", batch) in self.digested:
            self.sink(("digest", batch, blk), f"request {key}", (digest,), 1, where)

    def _disclosure(self, idx: int, ev: dict[str, Any]) -> None:
        key = str(ev.get("object"))
        batch, seq = _key_parts(key)
        f = self.facts.get(batch)
        release = self.releases.get(batch)
        where: Where = ("entry", str(idx), "disclosure")
        content = ("DISCLOSED", "", f and f.agency, f and f.official_id, f and f.request_date,
                   ev.get("tin"), ev.get("address"), True, self.approvers.get(batch),
                   ev.get("actor"), release[1] if release else None)
        self.sink(("accounting disclosure", batch, block(seq)), key, content, 1, where)
        if batch not in self.shredded:  # the decision's address, as it was disclosed
            self.sink(("disclosed address", batch, block(seq)), f"address {key}",
                      (ev.get("address"),), 1, where)
        digest = self._digest("accounting disclosure", batch, ev, "accounting")
        if ("accounting disclosure", batch) in self.digested:
            self.sink(("digest", batch, block(seq)), f"disclosure {key}", (digest,), 1, where)

    # -- the case-store side ------------------------------------------------------------------
    def finish(self) -> str:
        """Read the tables and compare: "" if everything agrees, else one line naming the
        first discrepancy (and how many more were found)."""
        reads = (self._decisions, self._accounting, self._small_tables)
        for read in reads if self.only is None else reads[:2]:
            try:
                read()
            except DATABASE_ERRORS:
                if not self._sqlite:
                    raise  # PostgreSQL checks every value's type and encoding on write
                # A value SQLite cannot even hand back (text that is not UTF-8): only a hand
                # edit stores one. What was read is no basis for comparing: say where.
                return f"case store altered: {self._unreadable()}"
        for group in self.tally.differing():
            self._problem(group[0], group)  # a digest after the columns compared
        if not self.found:
            return ""
        first = self.first[min(self.first)]
        if not isinstance(first, str):
            first = self._locate_access() if first[0].startswith("access_log") \
                else self._locate(first)
        more = self.found - 1
        return f"case store altered: {first}" + (f" (and {more} more)" if more else "")

    def _problem(self, table: str, what: str | Group) -> None:
        self.first.setdefault(_RANK[table], what)
        self.found += 1

    def _count(self, group: Group, key: str, content: tuple[object, ...], sign: int,
               where: Where) -> None:
        self.tally.add(group, key, content, sign)

    def _filter(self) -> tuple[str, tuple[Any, ...]]:
        if self.only is None:
            return "", ()
        return " WHERE batch_id = ? AND seq >= ? AND seq < ?", self.only

    def _open(self, table: str, what: str, opener: Callable[..., Any], *args: Any) -> Any:
        """opener(vault, *args), or None (and a problem: `what` cannot be opened)."""
        try:
            return opener(self.home.vault, *args)
        except (DgateError, ValueError, KeyError, TypeError):
            self._problem(table, f"{what} cannot be opened")
            return None

    def _decisions(self) -> None:
        where_sql, params = self._filter()
        cols = ("batch_id", "seq", "request_key", "request_id", "disposition", "reason_codes",
                "match_probability", "candidate_count", "ruleset_hash", "model_hash")
        # the sealed record of each decision, for the blind indexes of its A-number
        # (answered decisions) and of the TIN it gives (every decision)
        record_sql = f"(SELECT {self._blob('r.sealed')} FROM records r WHERE r.batch_id = " \
                     "decisions.batch_id AND r.seq = decisions.seq)"
        sql = f"SELECT {', '.join(cols)}, {self._blob('sealed')}, tin_index, " \
              f"a_number_index, {record_sql}, given_tin_index FROM decisions{where_sql}"
        facts, releases, shredded = self.facts, self.releases, self.shredded
        for r in ledger.rows(self.conn, sql, params):
            batch, seq, disposition = str(r[0]), int(r[1]), r[4]
            key = f"{batch}:{seq}"
            where: Where = ("row", f"decisions row {key}")
            digested = ("decisions", batch) in self.digested
            details = None
            if (disposition in _DETAILED or digested) and batch not in shredded:
                details = self._open("decisions", f"decisions row {key}: its sealed details",
                                     sealed.open_decision,
                                     batch, seq, _as_bytes(r[10]))
            tin = None
            record: Any = _UNOPENED  # the request's sealed record, opened once if needed
            if disposition in _DETAILED and batch not in shredded:
                tin = _UNREADABLE if details is None else \
                    self._commit(details["match_tin"]) if details["match_tin"] else ""
                # Red team r22: the blind index a later batch finds this answer by
                # (submit._asked_before) is no column the ledger commits; it is the index
                # of the matched TIN the ledger does commit, recomputed here. Blanked, a
                # later request for another person would be disclosed unseen.
                if details is not None and r[11] != (
                        self._index_tin(details["match_tin"]) if details["match_tin"]
                        else ""):
                    self._problem("blind index", f"decisions row {key}: its tin_index is "
                                                 "not the blind index of its matched TIN")
                # Red team r35: likewise the blind index of its request's A-number
                # (submit._asked_before_a_number), recomputed from its sealed record.
                if details is not None:
                    record = self._opened_record(key, r[13])
                    self._a_number_index(key, details["match_tin"], r[12], record,
                                         details.get("explanation", ""))
            # Red team r36: the blind index of the TIN each decision's request gives
            # (submit._gave_the_tin_before: a later request answered with that taxpayer
            # for another person goes to review), recomputed from its sealed record: one
            # record opened per decision (an answered one's is opened once for both).
            # Under a destroyed key retention blanked it (nothing is left to open).
            if batch in shredded:
                if r[14] != "":
                    self._problem("blind index", f"decisions row {key}: its "
                                                 "given_tin_index outlived its batch's key")
            else:
                if record is _UNOPENED:
                    record = self._opened_record(key, r[13])
                self._given_tin_index(key, r[14], record,
                                      functools.partial(self._told_tin, key, details, r[10]))
            candidates = None if disposition == _REJECTED else _int(r[7])
            content: tuple[object, ...] = (r[2], disposition, r[5], candidates, tin)
            f = facts.get(batch)
            if f is not None and (r[8], r[9]) != (f.row["ruleset_hash"], f.row["model_hash"]):
                differ = [n for n, a, b in (("ruleset_hash", r[8], f.row["ruleset_hash"]),
                                            ("model_hash", r[9], f.row["model_hash"])) if a != b]
                self._problem("decisions", f"decisions row {key} differs from its batch's "
                                           f"ledger events in {', '.join(differ)}")
            blk = block(seq)
            self.sink(("decisions", batch, blk), key, content, -1, where)
            if digested and batch not in shredded:
                self.sink(("digest", batch, blk), f"decision {key}",
                          (_UNREADABLE if details is None else self._row_digest("decisions", {
                              **dict(zip(cols, r, strict=False)), **details}),), -1, where)
            # What its accounting rows must say, this row being what the ledger recorded.
            self.sink(("accounting request", batch, blk), key,
                      (r[3], disposition, r[5], f and f.agency, f and f.official_id,
                       f and f.request_date, f and f.row["received_at"]), 1, where)
            if batch in releases and self._effective(key, disposition) == _DISCLOSE:
                self.sink(("accounting disclosure", batch, blk), f"request_id {key}", (r[3],),
                          1, where)
                if batch not in shredded:
                    address = _UNREADABLE if details is None else self._commit(
                        "|".join(details[c] for c in _ADDRESS))
                    self.sink(("disclosed address", batch, blk), f"address {key}", (address,),
                              -1, where)

    def _effective(self, key: str, disposition: str) -> str:
        """A decision's disposition once its review is taken into account, as the release
        read it (service/release.py)."""
        review = self.reviews.get(key)
        # a DISCLOSE decision held for review (review_held) and decided again: as decided
        if disposition in (_REVIEW, _DISCLOSE) and review is not None:
            return _DISCLOSE if review[0] == "disclose" else "NOT_DISCLOSED"
        return disposition

    def _accounting(self) -> None:
        where_sql, params = self._filter()
        cols = ("entry_id", "kind", "at", "batch_id", "seq", "request_id", "agency",
                "official_id", "request_date", "statute", "disposition", "reason_codes",
                "approved_by", "released_by", "note", "tin_index")
        sql = f"SELECT {', '.join(cols)}, {self._blob('sealed')} FROM accounting{where_sql}"
        refused: list[tuple[str, tuple[str, ...], str]] = []
        for r in ledger.rows(self.conn, sql, params):
            kind, batch, seq, blob = r[1], str(r[3]), r[4], r[16]
            name = f"accounting row {r[0]}"
            if kind == "refused_package":
                row = dict(zip(cols, r, strict=False))
                refused.append((name, tuple(str(row[c]) for c in _REFUSED),
                                self._row_digest("accounting", row)))
                continue
            if kind not in ("request", "disclosure") or seq is None:
                self._problem("accounting", f"{name} is of no kind dgate writes")
                continue
            seq = int(seq)
            key = f"{batch}:{seq}"
            what = f"{name} ({kind} {key})"
            where: Where = ("row", what)
            digested = (f"accounting {kind}", batch) in self.digested
            details = None
            if blob is None:
                self._problem("accounting", f"{what}: its sealed details are missing")
            elif kind == "disclosure" or digested:
                details = self._open("accounting", f"{what}: its sealed details",
                                     sealed.open_accounting, kind, batch, seq, _as_bytes(blob))
            else:  # a request's sealed reason: it must open, its value is not compared
                self._open("accounting", f"{what}: its sealed details", _open_only,
                           sealed.accounting_context(kind, batch, seq), _as_bytes(blob))
            common = (r[10], r[11], r[6], r[7], r[8])  # disposition .. request_date
            blk = block(seq)
            if kind == "request":
                self.sink(("accounting request", batch, blk), key, (r[5], *common, r[2]), -1,
                          where)
            else:
                if details is None:
                    tin = address = _UNREADABLE
                    indexed = False
                else:
                    plain = details["taxpayer_tin"]
                    tin, address = self._commit(plain), self._commit(
                        "|".join(details[c] for c in _ADDRESS))
                    indexed = r[15] == (self._index_tin(plain) if plain else "")
                self.sink(("accounting disclosure", batch, blk), key,
                          (*common, tin, address, indexed, r[12], r[13], r[2]), -1, where)
                self.sink(("accounting disclosure", batch, blk), f"request_id {key}", (r[5],),
                          -1, where)
            if digested:
                row = dict(zip(cols, r, strict=False))
                self.sink(("digest", batch, blk), f"{kind} {key}",
                          (_UNREADABLE if details is None
                           else self._row_digest("accounting", {**row, **details}),), -1, where)
        if self.only is None:
            self._refused(refused)

    def _commit(self, value: str) -> str:
        return ledger.commitment(self._commit_key, value)

    def _row_digest(self, table: str, row: dict[str, Any]) -> str:
        return ledger.row_digest(self._commit_key, table, row)

    def _given_tin_index(self, key: str, kept: object, opened: Any,
                         told: Callable[[], str] = str) -> None:
        """A problem unless a decision's given_tin_index (`kept`) is the blind index (kind
        "tin") of the TIN its opened record (`_opened_record`) gives, as matching reads it
        (rules.record.tin_digits; "" for none: write_batch's), else of the one its repeats
        gave it (`told`: its sealed explanation's "as_told", red team r38; read for every
        record that gives none, so that a told TIN's index blanked by hand is seen: a
        decision without sealed details opened yet, NOT_DISCLOSED or REJECTED, has them
        opened here, about 20 us each)."""
        if opened is None:
            return
        tin = tin_digits(str(opened[0].get("tin", "")))
        if not tin:
            tin = told()
        if kept != (self._index(tin, "tin") if tin else ""):
            self._problem("blind index", f"decisions row {key}: its given_tin_index is not "
                                         "the blind index of the TIN its request gives")

    def _told_tin(self, key: str, details: Mapping[str, str] | None, blob: object) -> str:
        """The TIN a decision's repeats gave its request (its sealed explanation's
        "as_told"), its sealed details opened here if they were not; "" for none."""
        if details is None:
            batch, seq = key.rsplit(":", 1)
            if blob is None:
                return ""
            details = self._open("decisions", f"decisions row {key}: its sealed details",
                                 sealed.open_decision, batch, int(seq), _as_bytes(blob))
            if details is None:
                return ""
        told = told_person(details.get("explanation", ""))
        return told[0] if told else ""

    def _opened_record(self, key: str, blob: object) -> Any:
        """A decision's sealed record opened (None, a problem said, if missing or
        unreadable): once a decision, for the A-number's check and the given TIN's."""
        batch, seq = key.rsplit(":", 1)
        if blob is None:
            self._problem("blind index", f"decisions row {key}: its request's record is "
                                         "missing")
            return None
        return self._open("records", f"records row {key}", sealed.open_record, batch,
                          int(seq), _as_bytes(blob))

    def _a_number_index(self, key: str, tin: str, kept: object, opened: Any,
                        explanation: str = "") -> None:
        """A problem unless an answered decision's a_number_index (`kept`) is the blind
        index of the A-number its opened record (`_opened_record`) gives, else of the one
        its repeats gave it, as its sealed explanation keeps it ("as_told": red team r38)
        ("" for none, or for a decision with no matched TIN: write_batch's)."""
        if opened is None:
            return
        a_number = indexed_a_number(a_number_of(opened[0]), explanation) if tin else ""
        if kept != (self._index(a_number, "a_number") if a_number else ""):
            self._problem("blind index", f"decisions row {key}: its a_number_index is not "
                                         "the blind index of its request's A-number")

    def _index(self, value: str, kind: str) -> str:
        got = self._indexes.get(kind)
        if got is None:
            try:
                _kid, key = self.home.vault.key_for(INDEX, "", create=False)
            except DgateError:
                return _UNREADABLE
            got = self._indexes[kind] = BlindIndex(key, kind)
        return got(value)

    def _index_tin(self, tin: str) -> str:
        return self._index(tin, "tin")

    # -- the small tables, in memory ---------------------------------------------------------
    def _small_tables(self) -> None:
        self._batches()
        self._reviews()
        self._review_index()
        self._approvals()
        self._releases()
        self._destroyed_keys()
        self._registers()
        self._access_log()
        self._upgrades()

    def _upgrades(self) -> None:
        """Migration 5 signs an older dgate's unsigned entries once (Home._sign_unsigned).
        Run again (its schema_migrations row deleted by hand), or on a home created by a
        dgate that signs every transaction, it signed entries written outside dgate."""
        if len(self.upgrades) > 1:
            first, second = self.upgrades[:2]
            self._problem("ledger", f"ledger entries {first} and {second} both sign unsigned "
                                    f"entries on upgrade ({UPGRADE_SIGNED}): migration 5 was "
                                    "made to run again, signing entries written outside dgate")
        elif self.upgrades and self.created is not None \
                and isinstance(self.created[1], int) \
                and self.created[1] >= SIGNS_EVERY_TRANSACTION:
            self._problem("ledger", f"ledger entry {self.upgrades[0]} signs unsigned entries "
                                    f"on upgrade ({UPGRADE_SIGNED}), but the home was created "
                                    f"(entry {self.created[0]}) by a dgate that signs every "
                                    "transaction: entries written outside dgate were signed")

    def _access_log(self) -> None:
        """Every access_log row (UNAX: who viewed taxpayer data) against the view events
        written with it: none missing, none extra, user, role, purpose and object as
        recorded; its time too for rows logged since view events carry it (an older home's
        event was stamped apart from its row, a few microseconds off)."""
        since = self.logged_since
        for r in ledger.rows(self.conn, "SELECT at, user_id, role, purpose, object "
                                        "FROM access_log"):
            said = tuple(str(v) for v in r[1:])
            self.tally.add(("access_log", "", 0), repr(said), (), -1)
            if since is not None and str(r[0]) >= since:
                self.tally.add(("access_log at", "", 0), repr((str(r[0]), *said)), (), -1)

    def _locate_access(self) -> str:
        """The first access_log row (or view event) that differs, read again in memory:
        rows paired with events by time where the event carries its row's, then by what
        they say."""
        marked: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        plain: dict[tuple[str, ...], list[tuple[int, bool]]] = {}
        for idx, data in ledger.entries(self.conn):
            try:
                ev = _decode_json(data.decode("utf-8"))
            except ValueError:
                continue
            if isinstance(ev, dict) and ev.get("type") == "view" and ev.get("outcome") == "ok":
                said, stamped = _view_said(ev), ev.get("access_log") is True
                plain.setdefault(said, []).append((idx, stamped))
                if stamped:
                    marked.setdefault(str(ev.get("at")), []).append((idx, said))
        left: list[tuple[int, str, tuple[str, ...]]] = []
        for r in ledger.rows(self.conn, "SELECT entry_id, at, user_id, role, purpose, "
                                        "object FROM access_log ORDER BY entry_id"):
            row, at, said = int(r[0]), str(r[1]), tuple(str(v) for v in r[2:])
            same = marked.get(at)
            if same:
                idx, recorded = same.pop(0)
                plain[recorded].remove((idx, True))
                differ = [c for c, a, b in zip(_ACCESS, recorded, said, strict=True) if a != b]
                if differ:
                    return f"access_log row {row} differs from ledger entry {idx} (view) " \
                           f"in {', '.join(differ)}"
                continue
            left.append((row, at, said))
        for row, _at, said in left:
            events = plain.get(said)
            if not events:
                return f"access_log row {row} has no ledger view event"
            idx, stamped = events.pop(0)
            if stamped:
                return f"access_log row {row} differs from ledger entry {idx} (view) in at"
        for events in plain.values():
            for idx, _stamped in events:
                return f"access_log: the row of ledger entry {idx} (view) is missing"
        return "the access_log rows differ from the ledger's view events"

    def _registers(self) -> None:
        """users, agencies, agency_statutes and officials against the events that made
        them (see the table at the top)."""
        if self.user_roles is not None:
            self._hold_register(
                "users", "user_added",
                ((str(r[0]), {"role": str(r[1])})
                 for r in ledger.rows(self.conn, "SELECT user_id, role FROM users")),
                {user: (idx, {"role": role}) for user, (idx, role) in self.user_roles.items()})
        if self.agency_state is not None:
            statutes: dict[str, list[str]] = {}
            for r in ledger.rows(self.conn, "SELECT agency, citation FROM agency_statutes"):
                statutes.setdefault(str(r[0]), []).append(str(r[1]))
            agencies = [(str(r[0]), {"status": str(r[1]), "safeguard_block": str(r[2])})
                        for r in ledger.rows(
                            self.conn, "SELECT code, status, safeguard_block FROM agencies")]
            self._hold_register(
                "agencies", "agency_added", agencies,
                {code: (idx, {c: str(state[c]) for c in ("status", "safeguard_block")})
                 for code, (idx, state) in self.agency_state.items()})
            for code, _got in agencies:
                recorded = self.agency_state.get(code)
                if recorded is not None and recorded[1]["statutes"] is not None \
                        and sorted(set(statutes.get(code, []))) != recorded[1]["statutes"]:
                    self._problem("agency_statutes", f"agency_statutes of {code} differ from "
                                                     "its ledger agency_added event")
            for code in statutes.keys() - self.agency_state.keys():
                self._problem("agency_statutes", f"agency_statutes of {code} name no "
                                                 "registered agency")
        if self.official_keys is not None:
            self._hold_register(
                "officials", "official_added",
                ((f"{r[0]}/{r[1]}", {"public_key_pem": hashlib.sha256(_as_bytes(r[2])).hexdigest(),
                                     "valid_from": str(r[3] or ""),
                                     "valid_to": str(r[4] or "")})
                 for r in ledger.rows(self.conn, "SELECT agency, official_id, "
                                      f"{self._blob('public_key_pem')}, valid_from, valid_to "
                                      "FROM officials")),
                {f"{agency}/{official}": (idx, {"public_key_pem": key_sha,
                                                "valid_from": valid_from,
                                                "valid_to": valid_to})
                 for (agency, official), (idx, (key_sha, valid_from, valid_to))
                 in self.official_keys.items()})

    def _hold_register(self, table: str, event: str,
                       rows: Iterable[tuple[str, dict[str, str]]],
                       recorded: Mapping[str, tuple[int, Mapping[str, str]]]) -> None:
        """Each row of a register (its name and compared columns) against what the ledger
        recorded of it: a row no event made, a row differing from its event (the columns
        named), an event's row missing."""
        seen: set[str] = set()
        for name, got in rows:
            seen.add(name)
            known = recorded.get(name)
            if known is None:
                self._problem(table, f"{table} row {name} has no ledger {event} event")
                continue
            idx, want = known
            differ = [c for c in want if want[c] != got[c]]
            if differ:
                self._problem(table, f"{table} row {name} differs from ledger entry {idx} "
                                     f"({event}) in {', '.join(differ)}")
        for name, (idx, _want) in recorded.items():
            if name not in seen:
                self._problem(table, f"{table} row {name} is missing; ledger entry {idx} "
                                     "records it")

    def _batches(self) -> None:
        for batch, f in self.facts.items():
            row, events = f.row, self.batch_events.get(batch, {})
            received = events.get("package_received")
            if received is None:
                self._problem("batches", f"batches row {batch} has no ledger event recording "
                                         "its receipt")
                continue
            ev = received[1]
            rules = events.get("rules_evaluated", (0, {}))[1]
            decided = events.get("batch_decided", (0, {}))[1]
            codes = rules.get("batch_codes")
            expected = {
                "manifest_sha256": ev.get("manifest_sha256"),
                "manifest": ev.get("manifest_sha256"),
                "record_count": ev.get("records"),
                "processing_date": ev.get("processing_date"),
                "submitted_by": ev.get("actor"),
                "ruleset_hash": ev.get("ruleset", row["ruleset_hash"]),
                "model_hash": ev.get("model", row["model_hash"]),
                "batch_codes": ";".join(str(c) for c in codes) if isinstance(codes, list)
                else row["batch_codes"],
                "master_version": decided.get("master", row["master_version"]),
                "agency": f.agency, "official_id": f.official_id, "signed_at": f.request_date,
                "status": "released" if batch in self.release_events else "decided",
            }
            found = {**row, "manifest": f.manifest_sha256}
            differ = [c for c, want in expected.items() if found.get(c) != want]
            if differ:
                self._problem("batches", f"batches row {batch} differs from ledger entry "
                                         f"{received[0]} (package_received) in "
                                         f"{', '.join(differ)}")
        for batch, events in self.batch_events.items():
            if batch not in self.facts and "package_received" in events:
                self._problem("batches", f"batches row {batch} is missing; ledger entry "
                                         f"{events['package_received'][0]} records it")

    def _compare(self, table: str, row: str, idx: int, event: str,
                 values: tuple[tuple[str, object, object], ...]) -> None:
        """A row of a small table against the ledger event recording it: (name, recorded,
        stored) for each compared value."""
        differ = [name for name, recorded, stored in values if recorded != stored]
        if differ:
            self._problem(table, f"{table} row {row} differs from ledger entry {idx} "
                                 f"({event}) in {', '.join(differ)}")

    def _reviews(self) -> None:
        for key, (verdict, by) in self.reviews.items():
            events = self.review_events.pop(key, [])
            if not events:
                self._problem("reviews", f"reviews row {key} has no ledger review_decision "
                                         "event")
                continue
            idx, recorded, actor = events[0]
            self._compare("reviews", key, idx, "review_decision",
                          (("verdict", recorded, verdict), ("decided_by", actor, by)))
        for key, events in self.review_events.items():
            self._problem("reviews", f"reviews row {key} is missing; ledger entry "
                                     f"{events[0][0]} records it")

    def _review_index(self) -> None:
        """The review_events index (case schema 11: what `review history` reads) against
        the ledger's review events: a row deleted by hand would hide a review action from
        the history, a row added would name an entry that is not one."""
        stored = {(str(r[0]), int(r[1])) for r in ledger.rows(
            self.conn, "SELECT request_key, idx FROM review_events")}
        for key, idx in sorted(self.review_index - stored, key=lambda e: e[1])[:1]:
            self._problem("review_events", f"review_events has no row for ledger entry {idx} "
                                           f"(a review event of {key}): `review history` "
                                           "would not show it")
        for key, idx in sorted(stored - self.review_index, key=lambda e: e[1])[:1]:
            self._problem("review_events", f"review_events row {key}/{idx} names no review "
                                           "event of that request in the ledger")

    def _approvals(self) -> None:
        for r in ledger.rows(self.conn, "SELECT batch_id, user_id FROM approvals"):
            batch, user = str(r[0]), str(r[1])
            events = self.approval_events.get((batch, user))
            if events:
                events.pop(0)
            else:
                self._problem("approvals", f"approvals row {batch}/{user} has no ledger "
                                           "approval event")
        for (batch, user), events in self.approval_events.items():
            for idx in events:
                self._problem("approvals", f"approvals row {batch}/{user} is missing; ledger "
                                           f"entry {idx} records it")

    def _releases(self) -> None:
        for batch, (by, _at, digest) in self.releases.items():
            events = self.release_events.get(batch, [])
            if not events:
                self._problem("releases", f"releases row {batch} has no ledger release event")
                continue
            idx, actor, recorded = events[0]
            self._compare("releases", batch, idx, "release",
                          (("released_by", actor, by), ("response_sha256", recorded, digest)))
        for batch, events in self.release_events.items():
            if batch not in self.releases:
                self._problem("releases", f"releases row {batch} is missing; ledger entry "
                                          f"{events[0][0]} records it")
            if len(events) > 1:
                self._problem("releases", f"ledger entries {events[0][0]} and {events[1][0]} "
                                          f"both record a release of {batch}")
        # The stored responses, one at a time (a response may be large).
        sql = f"SELECT batch_id, {self._blob('response')}, response_sha256 FROM releases"
        for r in ledger.rows(self.conn, sql):
            batch = str(r[0])
            if batch in self.shredded_responses:
                continue
            data = self._open("releases", f"releases row {batch}: its stored response",
                              sealed.open_response, batch, _as_bytes(r[1]))
            if data is not None and hashlib.sha256(data).hexdigest() != r[2]:
                self._problem("releases", f"releases row {batch}: its stored response does "
                                          "not hash to its response_sha256")

    def _refused(self, rows: list[tuple[str, tuple[str, ...], str]]) -> None:
        """Each refused_package row paired with a package_refused event saying the same
        (`_REFUSED`), one whose digest is the row's first; then a row left over with an
        event left over of the same error, named by the values that differ. An event that
        carries a digest (not an older home's) must carry the row's."""
        pending: dict[tuple[str, ...], list[tuple[int, str | None]]] = {}
        for idx, said, digest in self.refused_events:
            pending.setdefault(said, []).append((idx, digest))
        unpaired = []
        for name, said, digest in rows:
            events = pending.get(said)
            if not events:
                unpaired.append((name, said))
                continue
            i = next((i for i, (_idx, d) in enumerate(events) if d == digest), 0)
            idx, recorded = events.pop(i)
            if recorded is not None and recorded != digest:
                self._problem("accounting", f"{name} (refused_package) differs from ledger "
                                            f"entry {idx} (package_refused) in row digest")
        left = sorted((idx, said) for said, events in pending.items() for idx, _d in events)
        for name, said in unpaired:
            other = next((e for e in left if e[1][0] == said[0]), None)
            if other is None:
                self._problem("accounting", f"{name} (refused_package) has no ledger "
                                            "package_refused event")
                continue
            left.remove(other)
            differ = [n for n, a, b in zip(_REFUSED, other[1], said, strict=True) if a != b]
            self._problem("accounting", f"{name} (refused_package) differs from ledger entry "
                                        f"{other[0]} (package_refused) in {', '.join(differ)}")
        for idx, _said in left:
            self._problem("accounting", f"accounting: the refused_package row of ledger "
                                        f"entry {idx} is missing")

    def _destroyed_keys(self) -> None:
        for key_id, _purpose, _scope in self.destroyed:
            if key_id not in self.certified:
                self._problem("data_keys", f"data_keys row {key_id} was destroyed with no "
                                           "destruction certificate in the ledger")

    def _unreadable(self) -> str:
        """The first row holding text SQLite's driver cannot decode, found by reading every
        text column of the checked tables as bytes."""
        tables = (
            ("batches", "batch_id", ("batch_id", "manifest_sha256", "agency", "official_id",
                                     "signed_at", "processing_date", "received_at",
                                     "submitted_by", "batch_codes", "ruleset_hash",
                                     "model_hash", "master_version", "status")),
            ("decisions", "batch_id || ':' || seq", ("batch_id", "request_key", "request_id",
                                                     "disposition", "reason_codes",
                                                     "ruleset_hash", "model_hash")),
            ("accounting", "entry_id", ("kind", "at", "batch_id", "request_id", "agency",
                                        "official_id", "request_date", "statute",
                                        "disposition", "reason_codes", "approved_by",
                                        "released_by", "note", "tin_index")),
            ("reviews", "request_key", ("request_key", "verdict", "decided_by")),
            ("approvals", "batch_id || '/' || user_id", ("batch_id", "user_id")),
            ("releases", "batch_id", ("batch_id", "released_by", "released_at",
                                      "response_sha256")),
            ("data_keys", "key_id", ("key_id", "purpose", "scope")),
            ("users", "user_id", ("user_id", "role")),
            ("agencies", "code", ("code", "status")),
            ("agency_statutes", "agency", ("agency", "citation")),
            ("officials", "agency || '/' || official_id",
             ("agency", "official_id", "valid_from", "valid_to")),
        )
        for table, name, columns in tables:
            casts = ", ".join(f"CAST({c} AS BLOB)" for c in (name, *columns))
            for r in ledger.rows(self.conn, f"SELECT {casts} FROM {table}"):
                for value in r[1:]:
                    try:
                        if isinstance(value, bytes):
                            value.decode("utf-8")
                    except UnicodeDecodeError:
                        row = _as_bytes(r[0]).decode("utf-8", "replace")
                        return f"{table} row {row} holds text that is not UTF-8"
        return "a table holds a value the driver cannot read"

    # -- naming the row of a differing group ------------------------------------------------
    def _locate(self, target: Group) -> str:
        """A second pass over one differing group (one batch's rows in one block of sequence
        numbers): its items on both sides, held in memory, compared key by key."""
        table, batch, blk = target
        lo = blk * BLOCK
        found: dict[str, dict[int, list[tuple[tuple[object, ...], Where]]]] = {}
        recorded: dict[str, str] = {}  # key -> its decision's ledger entry

        def collect(group: Group, key: str, content: tuple[object, ...], sign: int,
                    where: Where) -> None:
            if group == target:
                found.setdefault(key, {1: [], -1: []})[sign].append((content, where))
            elif where[0] == "entry" and group[0] == "decisions":
                recorded[key] = where[1]

        again = CrossCheck(self.home, collect, (batch, lo, lo + BLOCK))
        for idx, data in ledger.entries(self.conn):
            again.event(idx, data)
        again._decisions()
        again._accounting()
        for key in sorted(found, key=lambda k: (_natural(k), k.startswith(_ASIDE))):
            plus, minus = found[key][1], found[key][-1]
            for item in list(plus):
                match = next((m for m in minus if m[0] == item[0]), None)
                if match is not None:
                    plus.remove(item)
                    minus.remove(match)
            if plus or minus:
                return _discrepancy(table, key, plus, minus, recorded)
        return f"the {table} rows of batch {batch} (sequence numbers {lo}..{lo + BLOCK - 1}) " \
               "differ from the ledger"


Items = list[tuple[tuple[object, ...], Where]]


def _discrepancy(table: str, key: str, plus: Items, minus: Items,
                 recorded: dict[str, str]) -> str:
    """One line on the first unmatched item of a key: what the ledger side says (`plus`:
    events, or for accounting the decision rows already held against them) against what
    the table holds (`minus`)."""
    kind, _, request = key.rpartition(" ")
    entry = recorded.get(request)
    decision = f"ledger entry {entry}" if entry else "no ledger entry"

    def said(where: Where) -> str:
        if where[0] == "entry":
            return f"ledger entry {where[1]} ({where[2]})"
        if table == "accounting request":
            return f"its decision ({decision}) and the batch's manifest"
        return f"its decision (decisions row {request})"

    if plus and minus:
        (want, ledger_side), (got, row) = plus[0], minus[0]
        names = _FIELDS[kind if kind in ("request_id", "address") else table]
        differ = [names[i] if i < len(names) else f"value {i + 1}"
                  for i in range(max(len(want), len(got)))
                  if i >= len(want) or i >= len(got) or want[i] != got[i]]
        return f"{row[1]} differs from {said(ledger_side)} in {', '.join(differ)}"
    if minus:
        name = minus[0][1][1]
        if kind == "address":
            return f"{name} calls for a disclosure that no ledger event records"
        if kind == "request_id":
            return f"{name} records a disclosure that its decision and review do not call for"
        if table == "accounting request":
            return f"{name} has no decision in the ledger"
        return f"{name} has no ledger event recording it"
    ledger_side = plus[0][1]
    if kind == "address":
        return f"decisions row {request} does not call for the disclosure that " \
               f"{said(ledger_side)} records"
    if table == "decisions":
        return f"decisions row {request} is missing; {said(ledger_side)} records it"
    what = kind or table.split()[-1]
    if kind == "request_id":
        return f"accounting: the disclosure row of {request} is missing; its decision and " \
               "review call for one"
    if table == "accounting request":
        return f"accounting: the request row of {request} is missing; {decision} records " \
               "its decision"
    return f"accounting: the {what} row of {request} is missing; {said(ledger_side)} " \
           "records it"


def _view_said(ev: Mapping[str, Any]) -> tuple[str, ...]:
    """What a view event says of its access_log row, in _ACCESS order."""
    return (str(ev.get("actor")), str(ev.get("role")), str(ev.get("purpose")),
            str(ev.get("object")))


def _open_only(vault: Any, context: str, blob: bytes) -> bool:
    vault.open(context, blob)
    return True


def _natural(key: str) -> tuple[str, int]:
    batch, seq = _key_parts(key.rpartition(" ")[2])
    return batch, -1 if seq is None else seq


def _int(value: object) -> int:
    try:
        return int(value or 0)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return -1


def _as_bytes(value: object) -> bytes:
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("utf-8", "surrogateescape")
    return b""


@dataclass(frozen=True)
class Summary:
    year: int
    requests: dict[tuple[str, str], int]      # (agency, disposition) -> records
    codes: dict[tuple[str, str], int]         # (agency, reason code) -> records
    disclosures: dict[str, int]               # agency -> addresses disclosed
    refused_packages: int


def accounting_summary(home: Home, as_user: str | None, year: int) -> Summary:
    """Counts for an oversight report: requests by agency and disposition, reason codes,
    disclosures. No taxpayer data."""
    actor = home.authorize(as_user, [Role.AUDITOR, Role.ADMIN, Role.DISCLOSURE_OFFICER],
                           "accounting summary")
    y = f"{year:04d}"
    by_disposition: dict[tuple[str, str], int] = {}
    codes: dict[tuple[str, str], int] = {}
    for agency, disp, rc in home.conn.execute(
            "SELECT agency, disposition, reason_codes FROM accounting "
            "WHERE kind = 'request' AND substr(at, 1, 4) = ?", (y,)):
        by_disposition[(agency, disp)] = by_disposition.get((agency, disp), 0) + 1
        for code in filter(None, rc.split(";")):
            codes[(agency, code)] = codes.get((agency, code), 0) + 1
    disclosures = {str(a): int(n) for a, n in home.conn.execute(
        "SELECT agency, count(*) FROM accounting WHERE kind = 'disclosure' "
        "AND substr(at, 1, 4) = ? GROUP BY agency", (y,))}
    refused = int(home.conn.execute(
        "SELECT count(*) FROM accounting WHERE kind = 'refused_package' "
        "AND substr(at, 1, 4) = ?", (y,)).fetchone()[0])
    with case.transaction(home.conn):
        home.record(actor, "accounting_summary", y, "ok")
    return Summary(year, by_disposition, codes, disclosures, refused)


def ledger_key(home: Home, as_user: str | None) -> str:
    """The verifier key of the home's ledger (`name+id+key`), for the office to publish and
    auditors to pin: `ledger verify --verifier-key` then trusts it, not the key file."""
    home.authorize(as_user, [Role.AUDITOR, Role.ADMIN, Role.DISCLOSURE_OFFICER], "ledger key")
    return verifier_key_of(KEY_NAME, home.public_key())


def checkpoint_note(home: Home, as_user: str | None, *, new: bool) -> str | None:
    """The latest signed checkpoint (None if none yet); with `new`, sign a fresh one of the
    current tree first and record the request in the ledger."""
    actor = home.authorize(as_user, [Role.AUDITOR, Role.ADMIN, Role.DISCLOSURE_OFFICER],
                           "ledger checkpoint")
    if new:
        with case.transaction(home.conn):
            home.record(actor, "checkpoint_requested", home.origin, "ok")
            home.checkpoint()
    return ledger.latest_checkpoint(home.conn)

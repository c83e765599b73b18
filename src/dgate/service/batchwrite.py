"""How `batch submit` writes a decided batch: the batch, its records, decisions, request
accounting and ledger events, in ONE transaction, chunk by chunk. Each decision event
carries the keyed digests of the decisions row and the request accounting row it records
(ledger.row_digest), so `ledger verify` proves every accountable column of them.

Every personal field is sealed before it is written (vault/fields.py). For a large batch
the decisions' side (sealed decisions, sealed accounting details, ledger events in their
canonical bytes) is prepared in one spawned helper process while this one seals and writes
the records: the keys it needs travel as call arguments and die with it.
"""

from __future__ import annotations

import contextlib
import json
import json.encoder
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Any

from dgate import faults
from dgate.intake.package import Package
from dgate.intake.recordtable import RecordTable
from dgate.ledger import store as ledger
from dgate.model import RECORD_COLUMNS, Decision, Disposition, Progress, RequestRecord
from dgate.rules.catalogue import ruleset_hash
from dgate.rules.record import A_NUMBER_NOISE, fold_agent, tin_digits
from dgate.service.home import Actor, Home, utc_clock, utc_now
from dgate.store import case, db
from dgate.vault import fields as sealed
from dgate.workers import skip_teardown


def request_key(batch_id: str, seq: int) -> str:
    return f"{batch_id}:{seq}"


def write_batch(home: Home, actor: Actor, pkg: Package, batch_id: str, manifest_sha: str,
           m: dict[str, Any], as_of: date, signed_at: date | None,
           batch_codes: frozenset[str], chunks: Iterable[list[tuple[Any, ...]]],
           master_version: str,
           searched: int, note: str, progress: Progress | None,
           before_decisions: Callable[[], None] | None = None,
           tin_indexes: TinIndexes | None = None,
           a_numbers: Callable[[int], str] | None = None,
           told_tins: Mapping[int, str] | None = None) -> None:
    """The batch, its records, decisions, accounting and ledger events in ONE transaction,
    written chunk by chunk: a reader never sees a half-written batch, a crash leaves none.
    `before_decisions` runs inside the transaction once its first events are appended (the
    ledger lock held on PostgreSQL, the write lock on SQLite), before any of `chunks` is
    read: submit's second look at the batches committed meanwhile. `tin_indexes`: the
    matched TINs' blind indexes submit has computed already (else each is computed here);
    `a_numbers`: likewise the requests' A-numbers' (`answered_a_numbers`)."""
    now = utc_now()
    n = len(pkg.records)
    table = RecordTable.from_records(pkg.records)
    signer = m.get("signed_by")
    official_id = str(signer.get("official_id", "")) if isinstance(signer, dict) else ""
    agency = str(m.get("requesting_agency", "")) if isinstance(m.get("requesting_agency"), str) \
        else ""
    authority = m.get("statutory_authority")
    statutes = [s for s in authority if isinstance(s, str)] if isinstance(authority, list) else []
    request_date = signed_at.isoformat() if signed_at else ""
    rs_hash, model_hash = ruleset_hash(), home.save_model()
    counts: dict[str, int] = {}
    done = 0
    seals = sealed.BatchSealing(home.vault, batch_id)
    agent_index = _agent_indexer(home)
    tin_index = (tin_indexes or TinIndexes(home)).take
    a_number_index = a_numbers or answered_a_numbers(home, table)
    # with the TIN a first occurrence's repeats gave it (red team r38: submit._as_told,
    # kept in its sealed explanation, which ledger verify reads it from)
    given_tin = {**given_tins(table), **(told_tins or {})}
    given_index = _indexer(home, "tin")
    with write_cache(home.conn), case.transaction(home.conn), sealing_helper(n) as helper:
        home.conn.execute(
            "INSERT INTO batches VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (batch_id, manifest_sha, pkg.manifest_bytes, agency, official_id,
             request_date, as_of.isoformat(), now,
             actor.user_id, ";".join(sorted(batch_codes)), rs_hash, model_hash,
             master_version, n, "decided"))
        home.record(actor, "package_received", batch_id, "accepted",
                    manifest_sha256=manifest_sha, records_sha256=pkg.records_sha256,
                    records=n, processing_date=as_of.isoformat())
        home.record(actor, "rules_evaluated", batch_id,
                    "rejected" if batch_codes else "evaluated",
                    batch_codes=sorted(batch_codes), rejected=n - searched)
        if before_decisions is not None:
            before_decisions()
        # A large batch's records, then its decisions, accounting and ledger events, are
        # sealed and encoded in a helper process, starting now, while this one writes what
        # the helper gives back. (The two events above come first, so the events' times
        # still rise with the ledger.)
        job = _SideJob(seals.keys() if helper else None, home.hmac_key(),
                       home.event(actor, "decision", "", ""), master_version,
                       (rs_hash, model_hash), (now, agency, official_id, request_date, note))
        sides = _decided_sides(helper, job, seals, table, statutes, chunks, start=False)
        if helper is not None and pkg.records is table and job.keys is not None:
            record_rows = _helper_record_rows(helper, job.keys, batch_id, table,
                                              agent_index, then=sides.start)
        else:
            sides.start()
            record_rows = _record_rows(batch_id, pkg.records, table, seals, agent_index)
        home.conn.executemany(
            "INSERT INTO records (batch_id, seq, request_id, sealed, agent_index) "
            "VALUES (?,?,?,?,?)", record_rows)
        for rows, stated, (decided, accounted, events) in sides:
            home.conn.executemany(
                """INSERT INTO decisions (batch_id, seq, request_key, request_id, disposition,
                   reason_codes, match_probability, candidate_count, sealed, ruleset_hash,
                   model_hash, tin_index, a_number_index, given_tin_index)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                ((r[0], r[_SEQ], r[_KEY], r[_RID], r[_DISP], r[_CODES], r[_PROB], r[_COUNT],
                  blob, rs_hash, model_hash, matched,
                  a_number_index(r[_SEQ]) if r[_DISP] in _ANSWERED and r[_TIN] else "",
                  # the TIN the request gives: most give the one they are answered with
                  (matched if given == r[_TIN] else given_index(given)) if given else "")
                 for r, blob in zip(rows, decided, strict=True)
                 for matched in (tin_index(r[_TIN]) if r[_TIN] else "",)
                 for given in (given_tin.get(r[_SEQ], ""),)))
            faults.point("submit.decisions_written")
            home.conn.executemany(
                """INSERT INTO accounting (kind, at, batch_id, seq, request_id, agency,
                   official_id, request_date, statute, sealed, disposition, reason_codes,
                   note)
                   VALUES ('request',?,?,?,?,?,?,?,?,?,?,?,?)""",
                ((now, batch_id, r[_SEQ], r[_RID], agency, official_id, request_date,
                  statute, blob, r[_DISP], r[_CODES], note)
                 for r, (_reason, statute), blob in zip(rows, stated, accounted, strict=True)))
            home.record_many(events)
            for r in rows:
                counts[r[_DISP]] = counts.get(r[_DISP], 0) + 1
            done += len(rows)
            if progress:
                progress("write", done, n)
        faults.point("submit.ledger_written")
        home.record(actor, "batch_decided", batch_id, "decided", counts=counts,
                    master=master_version)
    faults.point("submit.committed")


WRITE_CACHE_KIB = 256 * 1024
"""SQLite's page cache while a batch is written, in KiB (the connection's own is 2 MB): a
batch's index pages (the records' blind indexes land at random) stay in memory instead of
being spilled to the WAL and read back. The pages still reach the WAL, and are synced,
at the commit, as before. 400K records: 25.3-26.0 s -> 23.5-23.9 s (64 MB 24.1 s, 1 GB
25.3 s)."""


@contextlib.contextmanager
def write_cache(conn: Any) -> Iterator[None]:
    """A SQLite connection's page cache at WRITE_CACHE_KIB for what runs inside (a batch's
    write transaction, begun and ended inside), then as it was. PostgreSQL: nothing."""
    if db.dialect(conn) != db.SQLITE:
        yield
        return
    before = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {-int(WRITE_CACHE_KIB)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(before)}")


PARALLEL_MIN = 20_000
"""Records from which a batch's decision side is sealed in a helper process: below this,
starting the process costs more than it saves."""

PIECE = 5_000
"""Rows a helper process seals and gives back at a time (a chunk is handed over in pieces):
the caller writes one piece while the helper seals the next."""

Sides = tuple[list[bytes], list[bytes], list[bytes]]
"""Of one chunk of decision rows: the sealed decisions, the sealed accounting details and
the ledger events in canonical bytes, in row order."""

_STATED = ("reason", "statute")

Stated = list[tuple[str, str]]
"""Of one chunk of decision rows, in row order: each record's stated reason (which the
accounting keeps sealed) and the statute its request accounting row names."""


@dataclass(frozen=True)
class _SideJob:
    """What sealing a chunk's decision side needs besides the rows: the batch's keys (None:
    seal in this process, through the vault), the ledger's commitment key, the fields every
    decision event shares (Home.event), the master version searched, and what every row the
    events digest shares: the decisions' (rule-set hash, model hash) and the request
    accounting rows' (time, agency, official, request date, note)."""

    keys: sealed.SealingKeys | None
    commit_key: bytes
    base_event: dict[str, Any]
    master_version: str
    decided: tuple[str, str]
    requested: tuple[str, str, str, str, str]


@contextlib.contextmanager
def sealing_helper(records: int) -> Iterator[ProcessPoolExecutor | None]:
    """One spawned helper process for a large batch (see PARALLEL_MIN), else None. The
    keys it needs travel as call arguments, never through a file or the environment."""
    if records < PARALLEL_MIN or (os.cpu_count() or 1) < 2:
        yield None
        return
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_helper_started) as pool:
        yield pool


def _helper_started() -> None:
    exit_with_parent()
    skip_teardown()


def exit_with_parent() -> None:
    """Run in a helper or matching process as it starts (a pool's initializer): end it the
    moment the submitting process dies, even killed outright (SIGKILL, the OOM killer). A
    pool's worker otherwise outlives its parent, idle forever, with the keys it was handed
    still in its memory."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _record_rows(batch_id: str, records: Sequence[RequestRecord], table: RecordTable,
                 seals: sealed.BatchSealing, agent_index: Callable[[str], str]
                 ) -> Iterator[tuple[str, int, str, bytes, str]]:
    """The records table's row of each record, in order: its seq, request id, its fields
    and case agent sealed, and the blind index of its case agent (`agent_index`: of the
    agent as written). Records held as a RecordTable (intake's: `table` is `records`) are
    read from their columns, a block at a time, without making them; records made
    otherwise (a test's, whose fields may lack a column) are sealed as they are."""
    if records is not table:
        for r in records:
            raw = r.get("case_agent_id")
            yield (batch_id, r.seq, r.request_id,
                   seals.record(r.seq, r.fields, raw.strip().upper()), agent_index(raw))
        return
    for seqs, columns in table.value_blocks(RECORD_COLUMNS):
        for seq, values in zip(seqs, zip(*columns, strict=True), strict=True):
            raw = values[_AGENT_COLUMN]
            yield (batch_id, seq, values[_REQUEST_ID_COLUMN],
                   seals.record_values(seq, values, raw.strip().upper()), agent_index(raw))


def _helper_records(keys: sealed.SealingKeys, part: RecordTable) -> list[bytes]:
    """Each record of a piece of the batch sealed as `_record_rows` seals it, in order, in
    the helper process under the keys it was handed (the piece travels as Arrow)."""
    seals = sealed.BatchSealing.from_keys(keys)
    return [seals.record_values(seq, values, values[_AGENT_COLUMN].strip().upper())
            for seqs, columns in part.value_blocks(RECORD_COLUMNS)
            for seq, values in zip(seqs, zip(*columns, strict=True), strict=True)]


RECORD_PIECES = 4
"""Pieces of records (PIECE each) handed to the helper process and not yet given back, at
most: the helper seals the next while the caller writes one."""


def _helper_record_rows(helper: ProcessPoolExecutor, keys: sealed.SealingKeys,
                        batch_id: str, table: RecordTable,
                        agent_index: Callable[[str], str], then: Callable[[], None]
                        ) -> Iterator[tuple[str, int, str, bytes, str]]:
    """`_record_rows` of a RecordTable with the records sealed in the helper process,
    PIECE records at a time (`take`: a copy of the piece's rows, which is all that
    pickles; a slice would carry the whole batch), at most RECORD_PIECES in flight.
    `then` runs as the last piece is handed over (the decision side's pieces queue
    behind it: the helper goes on to them while the caller writes the last records)."""
    starts = range(0, len(table), PIECE)
    pending: deque[tuple[RecordTable, Future[list[bytes]]]] = deque()
    handed = 0

    def top_up() -> None:
        nonlocal handed
        while len(pending) < RECORD_PIECES and handed < len(starts):
            start = starts[handed]
            part = table.take(range(start, min(start + PIECE, len(table))))
            pending.append((part, helper.submit(_helper_records, keys, part)))
            handed += 1
            if handed == len(starts):
                then()

    top_up()
    while pending:
        part, future = pending.popleft()
        blobs = future.result()
        top_up()
        for seqs, (ids, agents) in part.value_blocks(_ROW_CLEAR):
            for seq, rid, raw, blob in zip(seqs, ids, agents, blobs, strict=True):
                yield batch_id, seq, rid, blob, agent_index(raw)


_ROW_CLEAR = ("request_id", "case_agent_id")  # what a records row takes from the columns
_REQUEST_ID_COLUMN = RECORD_COLUMNS.index("request_id")
_AGENT_COLUMN = RECORD_COLUMNS.index("case_agent_id")


class _DecidedSides:
    """Each chunk of decision rows with what its records state (`Stated`; `statutes`: the
    manifest's, for a record that names none) and its sealed and encoded side, in order.
    With a helper, each chunk is handed over in pieces of at most PIECE rows and given back
    piece by piece (so the caller writes a piece while the helper seals the next, and
    waits for no more than one piece at the end); the pieces of its first two chunks are
    handed over at `start` (the first read at the latest: so it works while the caller
    writes the records), and of at most two chunks at any time."""

    def __init__(self, helper: ProcessPoolExecutor | None, job: _SideJob,
                 seals: sealed.BatchSealing, table: RecordTable, statutes: Sequence[str],
                 chunks: Iterable[list[tuple[Any, ...]]]) -> None:
        self._helper, self._job, self._seals, self._table = helper, job, seals, table
        self._manifest = "; ".join(statutes)
        self._stream = iter(chunks)
        # Each piece in flight, with whether it is its chunk's last.
        self._pending: deque[tuple[list[tuple[Any, ...]], Stated, Future[Sides], bool]] = \
            deque()
        self._open = 0
        self._started = False

    def _stated(self, rows: list[tuple[Any, ...]]) -> Stated:
        # read from the two columns: the record's statute, else the manifest's
        reasons, named = self._table.columns_at_seqs([r[_SEQ] for r in rows], _STATED)
        return [(reason, statute or self._manifest)
                for reason, statute in zip(reasons, named, strict=True)]

    def start(self) -> None:
        """Hand the first two chunks' pieces over (once; nothing without a helper)."""
        if not self._started:
            self._started = True
            self._fill()

    def _fill(self) -> None:
        helper = self._helper
        if helper is None:
            return
        while self._open < 2 and (rows := next(self._stream, None)) is not None:
            said = self._stated(rows)
            for s in range(0, len(rows), PIECE):
                part, told = rows[s:s + PIECE], said[s:s + PIECE]
                self._pending.append((part, told,
                                      helper.submit(_helper_sides, self._job, part, told),
                                      s + PIECE >= len(rows)))
            self._open += 1 if rows else 0

    def __iter__(self) -> Iterator[tuple[list[tuple[Any, ...]], Stated, Sides]]:
        self.start()
        if self._helper is None:
            for rows in self._stream:
                said = self._stated(rows)
                yield rows, said, _sides(self._job, self._seals, rows, said)
            return
        while self._pending:
            rows, said, side, last = self._pending.popleft()
            if last:
                self._open -= 1
                self._fill()
            yield rows, said, side.result()


def _decided_sides(helper: ProcessPoolExecutor | None, job: _SideJob,
                   seals: sealed.BatchSealing, table: RecordTable,
                   statutes: Sequence[str], chunks: Iterable[list[tuple[Any, ...]]],
                   *, start: bool = True) -> _DecidedSides:
    """`_DecidedSides`, its first pieces handed over now unless `start` is False."""
    sides = _DecidedSides(helper, job, seals, table, statutes, chunks)
    if start:
        sides.start()
    return sides


def _helper_sides(job: _SideJob, rows: list[tuple[Any, ...]], stated: Stated) -> Sides:
    """`_sides` in the helper process, under the keys it was handed."""
    if job.keys is None:
        raise ValueError("the helper process needs the batch's keys")
    return _sides(job, sealed.BatchSealing.from_keys(job.keys), rows, stated)


def _sides(job: _SideJob, seals: sealed.BatchSealing, rows: list[tuple[Any, ...]],
           stated: Stated) -> Sides:
    """The decision side of a chunk (`Sides`); each decision event carries the digests of
    the decisions row and the request accounting row it records."""
    decided = [_sealed_decision(seals, r) for r in rows]
    accounted = [seals.accounting_reason("request", r[_SEQ], reason)
                 for r, (reason, _statute) in zip(rows, stated, strict=True)]
    event = _EventBytes(job.base_event, ledger.committer(job.commit_key), job.master_version)
    return decided, accounted, [event(r, digested) for r, digested in
                                zip(rows, _digests(job, rows, stated), strict=True)]


def _digests(job: _SideJob, rows: list[tuple[Any, ...]], stated: Stated
             ) -> Iterator[dict[str, str]]:
    """Of each row, what its decision event carries under "digests": ledger.row_digest of
    the decisions row and of the request accounting row written for it, from the values
    those rows are written with (in ledger.DIGEST_COLUMNS order; sealed details as they
    open, text). `ledger verify` digests the rows it reads back and compares."""
    decision = ledger.row_digester(job.commit_key, "decisions")
    request = ledger.row_digester(job.commit_key, "accounting")
    rs_hash, model_hash = job.decided
    at, agency, official_id, request_date, note = job.requested
    for r, (reason, statute) in zip(rows, stated, strict=True):
        yield {
            "decisions": decision((*r[:_CODES + 1], r[_PROB], r[_COUNT], rs_hash, model_hash,
                                   *[str(r[i]) for i in _DETAILS])),
            "accounting": request(("request", at, r[0], r[_SEQ], r[_RID], agency,
                                   official_id, request_date, statute, r[_DISP], r[_CODES],
                                   "", "", note, "", str(reason or ""), *_NOT_DISCLOSED)),
        }


def decision_events(home: Home, actor: Actor, master_version: str,
                     rows: Sequence[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """One ledger event per record: its decision, and for a record the master was searched
    for (every one not REJECTED) the inspection itself: which master, how many candidates.
    (Batch submit adds to each the digests of the rows it records: `_sides`.)"""
    return _events(home.event(actor, "decision", "", ""), home.commit, master_version, rows)


def _events(base: dict[str, Any], commit: Callable[[str], str], master_version: str,
            rows: Sequence[tuple[Any, ...]],
            digests: Iterable[dict[str, str]] | None = None,
            clock: Callable[[], str] | None = None) -> list[dict[str, Any]]:
    """`decision_events` from what every decision event of the batch shares (who, where,
    under which rules and model: `base`, from Home.event); each event gets its own time
    (from `clock`, default utc_clock()), and its row's `digests` when given. (`_EventBytes`
    makes the same events' canonical bytes without the dicts.)"""
    rejected = Disposition.REJECTED.value
    now = clock or utc_clock()
    carried: Iterable[dict[str, str] | None] = [None] * len(rows) if digests is None \
        else digests
    events = []
    for r, digested in zip(rows, carried, strict=True):
        ev = base.copy()
        ev["at"] = now()
        ev["object"] = r[_KEY]
        ev["outcome"] = r[_DISP]
        ev["searched"] = inspected = r[_DISP] != rejected
        if inspected:
            ev["master"] = master_version
            ev["candidates"] = r[_COUNT] or 0
        ev["codes"] = r[_CODES].split(";") if r[_CODES] else []
        ev["tin"] = commit(r[_TIN]) if r[_TIN] else ""
        if digested is not None:
            ev["digests"] = digested
        events.append(ev)
    return events


# What `_events` sets in each event, in sorted order (the order of the canonical bytes): of
# a record the master was searched for, and of a REJECTED one.
_SEARCHED = ("at", "candidates", "codes", "digests", "object", "outcome", "searched", "tin")
_UNSEARCHED = ("at", "codes", "digests", "object", "outcome", "searched", "tin")


class _EventBytes:
    """ledger.canonical of each event `_events` makes with digests, without making it: a
    batch's decision events share every key but a few (`base`, the master searched), so
    the canonical text of what they share is made once, cut where the values of their own
    go (_SEARCHED, _UNSEARCHED: the keys sort the same whatever `base` holds), and each
    event's values are encoded as the canonical encoder encodes them (strings by the same
    C function, anything but a string or an int by the encoder itself) and put between.
    tests/ledger/test_fast_encoding.py holds the bytes to `canonical(_events(...))`."""

    def __init__(self, base: Mapping[str, Any], commit: Callable[[str], str],
                 master_version: str, clock: Callable[[], str] | None = None) -> None:
        if not all(isinstance(k, str) for k in base):
            raise ValueError("a ledger event's keys are strings")
        self._searched = _cut(base, {"master": master_version}, _SEARCHED)
        self._unsearched = _cut(base, {}, _UNSEARCHED)
        self._commit = commit
        self._clock = clock or utc_clock()
        self._rejected = Disposition.REJECTED.value

    def __call__(self, r: Sequence[Any], digests: dict[str, str]) -> bytes:
        at = _string(self._clock())
        codes = "[" + ",".join(map(_string, r[_CODES].split(";"))) + "]" if r[_CODES] \
            else "[]"
        digested = _text(digests)
        key, outcome = _value(r[_KEY]), _value(r[_DISP])
        tin = _string(self._commit(r[_TIN]) if r[_TIN] else "")
        if r[_DISP] != self._rejected:
            count = r[_COUNT] or 0
            return (self._searched % (at, _value(count), codes, digested, key, outcome,
                                      "true", tin)).encode()
        return (self._unsearched % (at, codes, digested, key, outcome, "false", tin)).encode()


def _cut(base: Mapping[str, Any], more: Mapping[str, Any], varying: Sequence[str]) -> str:
    """The canonical text of {**base, **more} with the keys `varying` added, as a %-format
    whose fields are those keys' values (canonical text each) in sorted key order."""
    fixed = {k: v for k, v in {**base, **more}.items() if k not in varying}
    parts, text = [], "{"
    for n, k in enumerate(sorted({*fixed, *varying})):
        text += ("," if n else "") + _string(k) + ":"
        if k in varying:
            parts.append(text.replace("%", "%%"))
            text = ""
        else:
            text += _text(fixed[k])
    parts.append((text + "}").replace("%", "%%"))
    return "%s".join(parts)


_string = json.encoder.encode_basestring_ascii  # a string as the canonical encoder writes it
_text = ledger.canonical_text


def _value(v: Any) -> str:
    """A value's canonical text: a string or an int (not a bool) written here as the
    encoder writes it, anything else by the encoder."""
    t = type(v)
    return _string(v) if t is str else int.__repr__(v) if t is int else _text(v)


# Positions in a decision row (_decision_row), as spilled.
_SEQ, _KEY, _RID, _DISP, _CODES, _TIN, _COUNT = 1, 2, 3, 4, 5, 6, 8
_PROB, _DETAILS = 7, (6, *range(9, 17))  # the sealed ones: tin, address, explanation
# A request accounting row's sealed details besides its reason: the disclosure's, empty.
_NOT_DISCLOSED = ("",) * (len(sealed.ACCOUNTING_DETAILS) - 1)


def _sealed_decision(seals: sealed.BatchSealing, row: tuple[Any, ...]) -> bytes:
    """The personal details of a spilled decision row (the matched TIN, the address, the
    explanation) sealed under the batch key; the decisions table keeps the rest in clear."""
    details = dict(zip(sealed.DECISION_DETAILS, (row[i] for i in _DETAILS), strict=True))
    return seals.decision(row[_SEQ], details)


def _indexer(home: Home, kind: str) -> Callable[[str], str]:
    """The blind index of one kind (decisions.tin_index: "tin", how a later batch finds the
    taxpayers earlier ones answered, service/submit.py; records.agent_index: "case_agent"),
    the index key looked up on the first value, as `Vault.index` would, and kept for this
    one write transaction only."""
    index: list[Callable[[str], str]] = []

    def of(value: str) -> str:
        if not index:
            index.append(home.vault.indexer(kind))
        return index[0](value)
    return of


_ANSWERED = ("DISCLOSE", "REVIEW")
"""The dispositions whose decisions keep their request's A-number's blind index."""


def answered_a_numbers(home: Home, table: RecordTable) -> Callable[[int], str]:
    """seq -> the blind index of the A-number its request gives (decisions.a_number_index:
    how a later batch finds the taxpayers earlier ones answered one A-number with, service/
    submit.py `_asked_before_a_number`), read as rules.record.a_number_of reads it (digits,
    leading zeros dropped); "" for a request that gives none. Red team r35."""
    index = _indexer(home, "a_number")
    given = table.given_values("a_number", A_NUMBER_NOISE, "0")

    def of(seq: int) -> str:
        a_number = given.get(seq)
        return index(a_number) if a_number else ""
    return of


def given_tins(table: RecordTable) -> dict[int, str]:
    """seq -> the TIN its request gives, as matching reads it (rules.record.tin_digits:
    the nine digits of a TIN R_TIN lets through), for each request that gives one: what
    decisions.given_tin_index holds the blind index of (kind "tin", as tin_index: the two
    compare), for every decision, answered or not. How a later batch finds an earlier
    request that gave a taxpayer's TIN for another person, answered or not (service/
    submit.py `_gave_the_tin_before`; red team r34, the across-batches case of
    decide.batchwise.tin_given_by_others). Every record's TIN field is read as a Python
    string; only those not blank are parsed."""
    out: dict[int, str] = {}
    for seq, written in zip(table.seqs(), table.column("tin"), strict=True):
        if written and not written.isspace():
            tin = tin_digits(written)
            if tin:
                out[seq] = tin
    return out


class TinIndexes:
    """The blind index of matched TINs (decisions.tin_index) for one submit, each computed
    once: submit's look for earlier answers (`answered_with`) computes the answered
    requests' TINs' and remembers them; `write_batch` takes each for its decision row (and
    forgets it: the memo shrinks as the batch is written) or computes one not looked up.
    A 1.28M batch's answered TINs held between the two: about 150 MB."""

    def __init__(self, home: Home) -> None:
        self._index = _indexer(home, "tin")
        self._memo: dict[str, str] = {}

    def __call__(self, tin: str) -> str:
        got = self._memo.get(tin)
        if got is None:
            got = self._memo[tin] = self._index(tin)
        return got

    def take(self, tin: str) -> str:
        got = self._memo.pop(tin, None)
        return self._index(tin) if got is None else got


def _agent_indexer(home: Home) -> Callable[[str], str]:
    """The blind index of a case agent as written, of its folded form (`fold_agent`; "" for
    none), remembered per text written: a batch writes each agent many times (a TIN is not
    remembered: most are named once)."""
    memo: dict[str, str] = {}
    index = _indexer(home, "case_agent")

    def of(raw: str) -> str:
        got = memo.get(raw)
        if got is None:
            agent = fold_agent(raw)
            got = memo[raw] = index(agent) if agent else ""
        return got
    return of


def decision_row(batch_id: str, d: Decision) -> tuple[object, ...]:
    a = d.address
    return (batch_id, d.seq, request_key(batch_id, d.seq), d.request_id, d.disposition.value,
            ";".join(d.reason_codes), d.match_tin, _probability(d.match_probability),
            d.candidate_count,
            a.street if a else "", a.unit if a else "", a.city if a else "",
            a.state if a else "", a.zip if a else "", a.source if a else "",
            a.effective_date.isoformat() if a else "",
            json.dumps(d.explanation, sort_keys=True, default=str))


def _probability(p: float | None) -> float | None:
    """A probability as the REAL column gives it back (the row digest is of that): a float,
    or None (SQLite stores a NaN as NULL)."""
    return None if p is None or p != p else float(p)

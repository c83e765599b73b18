"""`batch submit`: intake → rules → (for legally sufficient records only) matching →
decisions, written in one transaction with the accounting and the ledger.

Nothing about a legally insufficient record is looked up in the master file: the master is
searched only for records that passed every batch and record rule (no "inspection"
without a valid request, 26 U.S.C. §7213A).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import re
import secrets
import struct
import tempfile
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date, timedelta
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.ipc
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from dgate.decide.batchwise import (
    REVIEW_EARLIER_GAVE_TIN,
    REVIEW_EARLIER_OTHER,
    REVIEW_EARLIER_OTHER_TAXPAYER,
    TOLD,
    Answered,
    Person,
    one_person_two_taxpayers,
    record_tells_apart,
    rivals,
    tin_given_by_others,
    told_person,
)
from dgate.errors import InputError, UsageError
from dgate.intake.package import ManifestReadError, NoSuchPackage, Package, read_package
from dgate.intake.recordtable import RecordTable, column
from dgate.ledger import store as ledger
from dgate.match.compare import Query
from dgate.match.model import MatchModel
from dgate.match.setwise import collector_paused, decide_chunk
from dgate.model import RECORD_COLUMNS, Decision, Disposition, Progress, RequestRecord, Role
from dgate.normalize.address import in_queens, normalize_address
from dgate.normalize.names import MIDDLE_EQUAL, fold_name, normalize_name
from dgate.rules.batch import AgencyInfo, BatchFacts, OfficialInfo, check_batch
from dgate.rules.catalogue import rule
from dgate.rules.citations import is_designated
from dgate.rules.dates import birth_date, birth_impossible, order_date, parse_date
from dgate.rules.record import (
    A_NUMBER_NOISE,
    AskedAs,
    People,
    RecordContext,
    a_number_of,
    batch_people,
    check_records,
    first_given_alone,
    fold_agent,
    fullest_middle,
    tin_digits,
)
from dgate.service.admin import ID
from dgate.service.batchwrite import (
    TinIndexes,
    answered_a_numbers,
    decision_row,
    exit_with_parent,
    write_batch,
)
from dgate.service.home import Actor, Home, utc_now
from dgate.store import case, db
from dgate.store.master import require_format
from dgate.vault.duck import connect_master
from dgate.vault.fields import open_decision, open_record
from dgate.vault.keys import BATCH
from dgate.workers import skip_teardown

_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
CHUNK = 20_000     # the smallest chunk chosen by itself (config match_chunk may go lower)
AUTO_CHUNK_MAX = 100_000  # the largest: see _auto_chunk
MAX_CHUNK = 1_000_000  # config match_chunk's ceiling: a chunk's decisions sit in memory
MAX_WORKERS = 2    # matching processes; more than the cores would only contend
MATCH_MEMORY_LIMIT = "2GB"  # DuckDB's share of each matching process
# Intake caps for `batch submit` (config.json `intake_max_records` / `intake_max_bytes`
# override them): the 2025 batch that went through held 1.28 million records, above the
# intake reader's general default of 500,000.
MAX_RECORDS = 2_000_000
MAX_BYTES = 1024 * 1024 * 1024


@dataclass(frozen=True)
class SubmitResult:
    batch_id: str
    existing: bool
    counts: dict[str, int]


SUBMIT_ROLES = (Role.INTAKE, Role.ADMIN)
SUBMIT_ACTION = "batch submit"
"""Who may submit a package, and the action a refusal names (the web service checks both
before it reads an upload: web/gate.py)."""


def submit(home: Home, as_user: str | None, package: Path, as_of: date,
           progress: Progress | None = None, *, chunk_size: int | None = None,
           workers: int | None = None) -> SubmitResult:
    """`chunk_size` records are matched, decided and written at a time (memory stays
    bounded however large the batch); `workers` processes match in parallel (default: one
    per core, at most MAX_WORKERS). Neither changes any decision."""
    actor = home.authorize(as_user, SUBMIT_ROLES, SUBMIT_ACTION)
    chunk = chunk_size or _chunk(home)  # None: _auto_chunk, once the batch's size is known
    try:
        pkg = read_package(package, max_records=int(home.config.get(
            "intake_max_records", MAX_RECORDS)), max_bytes=int(home.config.get(
            "intake_max_bytes", MAX_BYTES)), progress=None if progress is None else (
                lambda done, expected: progress("read", done, expected)))
    except NoSuchPackage:
        raise
    except InputError as exc:
        _account_refusal(home, actor, package, exc)
        raise
    manifest_sha = hashlib.sha256(pkg.manifest_bytes).hexdigest()
    row = home.conn.execute("SELECT batch_id FROM batches WHERE manifest_sha256 = ?",
                            (manifest_sha,)).fetchone()
    if row is not None:
        return SubmitResult(row["batch_id"], True, _counts(home, row["batch_id"]))
    same = _same_request(home, pkg)
    if same is not None:
        return SubmitResult(same, True, _counts(home, same))

    m = pkg.manifest
    agency = _agency(home, m)
    official = _official(home, m)
    facts = BatchFacts(manifest_bytes=pkg.manifest_bytes, manifest=m, signature=pkg.signature,
                       records_sha256=pkg.records_sha256, record_count=len(pkg.records))
    batch_codes = check_batch(facts, agency, official, as_of)
    signed_at = parse_date(m["signed_at"]) if isinstance(m.get("signed_at"), str) else None
    authority = m.get("statutory_authority")
    manifest_statutes = tuple(s for s in authority if isinstance(s, str)) \
        if isinstance(authority, list) else ()
    ctx = RecordContext(
        processing_date=as_of, signed_at=signed_at,
        agency_statutes=agency.statutes if agency else (),
        manifest_statutes=manifest_statutes,
        prior_caseload=_prior_caseload(home, agency.code if agency else "", signed_at,
                                       set(map(fold_agent, column(pkg.records,
                                                                  "case_agent_id")))),
    )
    n = len(pkg.records)
    with _early_pool(home, n, batch_codes, chunk, workers) as early:
        if progress:
            progress("rules", 0, n)
        # what the batch says of each repeated person, found with R_DUPLICATE (`_as_told`)
        links: dict[int, int] = {}
        record_codes = check_records(pkg.records, ctx, pool=early.lend(), links=links)
        people = _trusted_people(pkg.records, links, record_codes)
        if progress:
            progress("rules", n, n)
        return _decide_and_write(home, actor, pkg, manifest_sha, m, as_of, signed_at,
                                 batch_codes, record_codes, agency, progress, chunk, workers,
                                 early, ctx, people)


def _canonical(manifest: object) -> str:
    """A manifest as JSON with no choice left: keys sorted, no blanks, non-ASCII escaped
    (true stays true and 1 stays 1: they are not the same certification)."""
    return json.dumps(manifest, sort_keys=True, separators=(",", ":"))


def _same_request(home: Home, pkg: Package) -> str | None:
    """The batch that already answers this package's written request, if one does: a
    batch of the same agency whose manifest says exactly what this one says (parsed,
    whatever its blanks or the order of its keys), that passed the batch rules, the records
    file matching the hash both manifests give. Signed again or written out again by a JSON
    tool, a manifest is another string of bytes and the same request (red team r16: it was
    decided and released again, its people disclosed and accounted twice). A batch rejected
    as a whole (a bad signature, a suspended agency) answered nothing: its request, sent
    again, is decided as a new batch."""
    m = pkg.manifest
    agency, signed_at = m.get("requesting_agency"), parse_date(m.get("signed_at"))
    if not (isinstance(agency, str) and signed_at is not None
            and m.get("records_sha256") == pkg.records_sha256):
        return None
    wanted = _canonical(m)
    for row in home.conn.execute(
            "SELECT batch_id, manifest FROM batches WHERE agency = ? AND signed_at = ?"
            " AND record_count = ? AND batch_codes = '' ORDER BY received_at, batch_id",
            (agency, signed_at.isoformat(), len(pkg.records))).fetchall():
        try:
            earlier = json.loads(bytes(row["manifest"]))
        except ValueError:
            continue
        if _canonical(earlier) == wanted:
            return str(row["batch_id"])
    return None


_MAX_CITATIONS = 8
_MAX_CITATION_CHARS = 100


def _account_refusal(home: Home, actor: Actor, package: Path, exc: InputError) -> None:
    """The accounting entry of a package refused unread (request-format.md) and its ledger
    event, in one transaction. When batch.json was read (ManifestReadError), both name
    the request it makes (`_request_named`): under which batch, who asked, when, under
    what authority. The event carries the row's digest (ledger.row_digest), as a decision
    event carries its request row's; `ledger verify` holds the two together (audit.py)."""
    manifest = exc.manifest if isinstance(exc, ManifestReadError) else {}
    row: dict[str, Any] = {"kind": "refused_package", "seq": None, "note": str(exc),
                           **_request_named(home, manifest)}
    with case.transaction(home.conn):
        row["at"] = utc_now()
        home.conn.execute(f"INSERT INTO accounting ({', '.join(row)}) "
                          f"VALUES ({', '.join('?' * len(row))})", tuple(row.values()))
        home.record(actor, "package_refused", package.name, "refused", error=str(exc),
                    **{k: row[k] for k in case.REFUSED_REQUEST},
                    digests={"accounting": ledger.row_digest(home.hmac_key(), "accounting",
                                                              row)})


def _request_named(home: Home, m: dict[str, Any]) -> dict[str, str]:
    """What the manifest of a refused package says that identifies its request, each value
    only when well-formed, else "": a batch id as a batch would be named by it
    (`_new_batch_id`), an agency and official id of the form `dgate agency add` and
    `dgate official add` take, signed_at as a real date, the statutory authority as the
    registered agency's designated statutes it cites (`_citations`). The package was
    refused: nothing else of it is trusted to be short, printable or free of personal
    data."""
    signer = m.get("signed_by")
    signed = parse_date(m.get("signed_at"))
    agency = _agency(home, m)
    return {
        "batch_id": _matching(m.get("batch_id"), _SAFE_ID),
        "agency": _matching(m.get("requesting_agency"), ID),
        "official_id": _matching(signer.get("official_id"), ID)
        if isinstance(signer, dict) else "",
        "request_date": signed.isoformat() if signed else "",
        "statute": _citations(m.get("statutory_authority"),
                              agency.statutes if agency else ()),
    }


def _matching(value: object, pattern: re.Pattern[str]) -> str:
    return value if isinstance(value, str) and pattern.fullmatch(value) else ""


def _citations(authority: object, designated: Sequence[str]) -> str:
    """The statutes a manifest's statutory_authority cites, as the agency's register names
    them ("; "-joined, each once): only when it is 1 to _MAX_CITATIONS citations in
    printable text of at most _MAX_CITATION_CHARS each, every one of them a `designated`
    statute or a subdivision of one; else "". The register's text, not the manifest's: a
    citation's paragraphs are free text a parser accepts (26 U.S.C. 6103(i)(SMITHJOHN)),
    and what is recorded here stays in the ledger for good (helper-51's review)."""
    if not isinstance(authority, list) or not 0 < len(authority) <= _MAX_CITATIONS:
        return ""
    named: list[str] = []
    for c in authority:
        cited = c.strip() if isinstance(c, str) else ""
        if not (0 < len(cited) <= _MAX_CITATION_CHARS and cited.isprintable()):
            return ""
        entry = next((d for d in designated if is_designated(cited, (d,))), None)
        if entry is None:
            return ""
        if entry not in named:
            named.append(entry)
    return "; ".join(named)


def _decide_and_write(home: Home, actor: Actor, pkg: Package, manifest_sha: str,
                      m: dict[str, Any], as_of: date, signed_at: date | None,
                      batch_codes: frozenset[str], record_codes: Sequence[frozenset[str]],
                      agency: AgencyInfo | None,
                      progress: Progress | None, chunk: int | None, workers: int | None,
                      early: _EarlyPool, ctx: RecordContext, people: People) -> SubmitResult:
    """Decide the batch and write it (submit's second half, once the rules have run;
    `people`: what the batch says of each repeated person, as the rules found it)."""
    batch_id = _new_batch_id(home, m, manifest_sha)
    # what matching and the rivals read: each first occurrence with what its repeats say
    # of its person (`_as_told`); the records are stored as received
    told, as_told = _as_told(pkg.records, people)
    for attempt in (1, 2):
        # Decide first, outside any transaction (the case store stays writable for everyone
        # else meanwhile), spilling each chunk's decisions to an unnamed temporary file;
        # then write the whole batch in one transaction. A crash anywhere leaves no batch.
        # The spill is sealed under a key that lives only in this process's memory.
        with tempfile.TemporaryFile(dir=home.path, prefix=".submit-") as raw_spill:
            spill = _SealedSpill(raw_spill)
            master_version, searched = _decide_all(
                home, batch_id, told, record_codes, batch_codes, spill, progress,
                chunk, workers, early)
            answered = _answered(spill)
            held = _held_back(answered, told, record_codes, ctx)
            seen = batches_now(home)
            # each answered TIN's blind index computed once: looked up here, written there
            tins = TinIndexes(home)
            earlier = _asked_before(home, answered, held, told, index=tins)
            # red team r36: an earlier request, answered or not, that gave the taxpayer's
            # TIN for another person (the across-batches tin_given_by_others)
            gave = _gave_the_tin_before(home, answered, held, told, index=tins)
            # red team r35: the batch's A-numbers an earlier batch answered with another
            # taxpayer (each one's blind index computed once, looked up here and written
            # there); red team r38: read as matching reads the batch (`told`: a first
            # occurrence with the A-number its repeat gives; its decision's sealed
            # "as_told" says so, and the ledger's verify reads it there)
            a_numbers = answered_a_numbers(home, told if isinstance(told, RecordTable)
                                           else RecordTable.from_records(told))
            other = _asked_before_a_number(home, answered, held, a_numbers, index=tins)

            def look_again(seen: set[str] = seen, earlier: dict[int, list[str]] = earlier,
                           other: dict[int, list[str]] = other,
                           gave: dict[int, list[str]] = gave,
                           held: dict[int, list[int]] = held,
                           answered: list[Said] = answered,
                           tins: TinIndexes = tins,
                           a_numbers: Callable[[int], str] = a_numbers,
                           own: str = batch_id) -> None:
                # Red team r22: a batch submitted at the same time (another process) was
                # decided and committed while this one was decided: neither saw the other.
                # Inside the write transaction (SQLite's write lock, PostgreSQL's ledger
                # lock: write_batch calls this after its first event) the batches committed
                # since `seen` are looked at too; `earlier` is read as the rows are written.
                # Not this batch's own row, just written: it has no decision yet (looking
                # cost a second lookup of every answered TIN in every submit).
                since = batches_now(home) - seen - {own}
                for seq, keys in _asked_before(home, answered, held, told,
                                               sorted(since) if since else (),
                                               index=tins).items():
                    earlier[seq] = sorted({*earlier.get(seq, ()), *keys})
                if since:
                    for seq, keys in _asked_before_a_number(home, answered, held,
                                                            a_numbers, sorted(since),
                                                            index=tins).items():
                        other[seq] = sorted({*other.get(seq, ()), *keys})
                    for seq, keys in _gave_the_tin_before(home, answered, held, told,
                                                          sorted(since), index=tins).items():
                        gave[seq] = sorted({*gave.get(seq, ()), *keys})

            try:
                write_batch(home, actor, pkg, batch_id, manifest_sha, m, as_of, signed_at,
                       batch_codes, _read_spill(spill, held, earlier, other, gave, as_told),
                       master_version,
                       searched,
                       _agency_note(home, agency) if "B_AGENCY" in batch_codes else "",
                       progress, look_again, tins, a_numbers,
                       {seq: fields["tin"] for seq, fields in as_told.items() if "tin" in fields})
            except db.INTEGRITY_ERRORS:
                # The same package submitted twice at once (two web requests): both
                # decided it, the first to commit stored it; the other answers with it.
                row = home.conn.execute(
                    "SELECT batch_id FROM batches WHERE manifest_sha256 = ?",
                    (manifest_sha,)).fetchone()
                if row is not None:
                    return SubmitResult(row["batch_id"], True, _counts(home, row["batch_id"]))
                # Another package asking for the same batch id committed first: this one
                # takes the id made unique by its own hash, decided afresh (request keys
                # and sealed contexts carry the batch id).
                retry = _new_batch_id(home, m, manifest_sha)
                if attempt == 2 or retry == batch_id:
                    raise
                batch_id = retry
                continue
        return SubmitResult(batch_id, False, _counts(home, batch_id))
    raise AssertionError("unreachable: the loop returns or raises")


def _agency(home: Home, m: dict[str, Any]) -> AgencyInfo | None:
    code = m.get("requesting_agency")
    if not isinstance(code, str):
        return None
    row = home.conn.execute("SELECT * FROM agencies WHERE code = ?", (code,)).fetchone()
    if row is None:
        return None
    statutes = tuple(r[0] for r in home.conn.execute(
        "SELECT citation FROM agency_statutes WHERE agency = ? ORDER BY citation", (code,)))
    return AgencyInfo(code=code, status=row["status"], safeguard_block=bool(row["safeguard_block"]),
                      statutes=statutes)


def _official(home: Home, m: dict[str, Any]) -> OfficialInfo | None:
    code, signer = m.get("requesting_agency"), m.get("signed_by")
    if not isinstance(code, str) or not isinstance(signer, dict):
        return None
    oid = signer.get("official_id")
    if not isinstance(oid, str):
        return None
    row = home.conn.execute("SELECT * FROM officials WHERE agency = ? AND official_id = ?",
                            (code, oid)).fetchone()
    if row is None:
        return None
    return OfficialInfo(
        agency=code, official_id=oid,
        valid_from=date.fromisoformat(row["valid_from"]) if row["valid_from"] else None,
        valid_to=date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
        public_key_pem=bytes(row["public_key_pem"]))


def _agency_note(home: Home, agency: AgencyInfo | None) -> str:
    """Why the agency is refused, for the accounting of every record it sent (a suspension
    by court order, open safeguard findings, or an agency never registered)."""
    if agency is None:
        return "agency not registered"
    row = home.conn.execute("SELECT status_reason, safeguard_reason FROM agencies WHERE code = ?",
                            (agency.code,)).fetchone()
    parts = []
    if agency.status != "active":
        parts.append(f"agency suspended: {row['status_reason']}")
    if agency.safeguard_block:
        parts.append(f"safeguard block: {row['safeguard_reason']}")
    return "; ".join(parts)


def _prior_caseload(home: Home, agency: str, signed_at: date | None,
                    agents: set[str]) -> dict[str, int]:
    """Records naming each of `agents` in the agency's earlier accepted batches (submitted
    before this one) signed within the caseload window of this batch's date, on either side:
    a batch submitted earlier may bear a later date, and its records are no less the same
    agent's caseload. The agents are stored sealed; they are found by their blind index."""
    if not agency or signed_at is None or not agents:
        return {}
    window = int(rule("R_CASELOAD").params.get("window_days", 365))
    start, end = _shifted(signed_at, -window).isoformat(), _shifted(signed_at, window).isoformat()
    rows = home.conn.execute(
        """SELECT r.agent_index, count(*) FROM records r JOIN batches b USING (batch_id)
           WHERE b.agency = ? AND b.batch_codes = '' AND b.signed_at BETWEEN ? AND ?
           AND r.agent_index <> '' GROUP BY r.agent_index""",
        (agency, start, end)).fetchall()
    counts = {str(i): int(n) for i, n in rows}
    out = {}
    for a in agents:
        n = counts.get(home.vault.index("case_agent", a)) if a else None
        if n:
            out[a] = n
    return out


def _shifted(day: date, days: int) -> date:
    """`day` moved by `days`, stopping at the calendar's first or last day: a signed_at of
    0001-01-01 or 9999-12-31 is a date (rejected as B_SIGNED_AT), and its window running off
    the calendar ended submit in an OverflowError, the request unrecorded (red team r13)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _as_told(records: Sequence[RequestRecord], people: People
             ) -> tuple[Sequence[RequestRecord], dict[int, dict[str, str]]]:
    """The records as matching reads them: a first occurrence that gives no date of birth
    (no TIN, no A-number, no middle name) with the one its repeats give (rules.record.batch_people:
    R_DUPLICATE's person is what its records say together). Red team r32: WALTER BRENNAN
    born 1962 alone is M_CONFLICT against the WALTER BRENNAN born 1980 on file; written
    twice, first without the date and then with it, the dated copy was the repeat and the
    bare one was disclosed. Red team r33: the same with WALTER BRENNAN, then WALTER JAMES
    BRENNAN, where WALTER PAUL BRENNAN is on file (REVIEW alone); a first occurrence that
    gives only the initial is matched with the full name its repeat gives (`_fuller`).
    Red team r38: HENRIK OSTROWSKI, then again under A-number 066666666, beside HENRIKA
    OSTROWSKA under that A-number (one person by the batch's word): the A-number was the
    repeat's alone, so the two taxpayers were both disclosed when the bare record came
    first and both held back when it came second (batchwise.one_person_two_taxpayers).
    `people`: `_trusted_people`'s, from the rules' own pass (check_records); `records`
    itself where the batch repeats no one (a second pass of the duplicate rule over a
    100,000-record batch cost 6.6 s). Also seq -> what it read each such request with beyond
    its own fields (TOLD's names): red team r38 keeps that in the decision's sealed
    explanation ("as_told", `_read_spill`), so that a later batch, a reviewer's
    confirmation and the release read the person the batch asked for (`told_person`), not
    the bare record, and the A-number's blind index is the one the batch gave the person
    (batchwrite's a_number_index, verified by the ledger from it)."""
    if not people:
        return records, {}
    table = records if isinstance(records, RecordTable) else RecordTable.from_records(records)
    seqs = table.seqs()
    by_seq: dict[int, dict[str, str]] = {}
    for name, values in _told_values(table, people).items():
        if values:
            table = table.with_values(name, values)
        for position, value in values.items():
            by_seq.setdefault(seqs[position], {})[name] = value
    return table, by_seq


def _told_values(table: RecordTable, people: People) -> dict[str, dict[int, str]]:
    """Field (TOLD) -> position -> the value `_as_told` reads a first occurrence with: what
    its repeats give where it gives none (a fuller middle name: `_fuller`)."""
    fill: dict[str, dict[int, str]] = {name: {} for name in TOLD}
    at = _records_at(table, people)
    for position, (tin, dob, a_number, middle) in people.items():
        record = at[position]
        for name, value in (("tin", tin), ("date_of_birth", dob), ("a_number", a_number)):
            if value and not record.get(name).strip():
                fill[name][position] = value
        if middle and _fuller(record, middle):
            fill["middle_name"][position] = middle
    return fill


def _records_at(table: RecordTable, positions: Iterable[int]) -> dict[int, RequestRecord]:
    """The records at these positions, by position, read in one pass. `table[i]` makes
    Python objects of the whole block of records around i (16,384) and keeps one block:
    a repeat and its first occurrence are anywhere in a batch, and reading them pair by
    pair made blocks again and again (session 37, `benchmarks/peer.py` 1M x 100K: the
    record rules took 229 s, 9.6 s of the 14.7 at 200K x 20K in `_trusted_people`)."""
    order = sorted(set(positions))
    return dict(zip(order, table.take(order), strict=True))


def _readings_of(fields: Mapping[str, str]) -> list[Mapping[str, str]]:
    """A record's fields as written, then as `first_given_alone` reads them (if it does)."""
    alone = first_given_alone(fields)
    return [fields] if alone is None else [fields, alone]


def _folded_names(fields: Mapping[str, str]) -> tuple[str, str]:
    """(first name, middle name), folded."""
    return fold_name(fields.get("first_name", "")), fold_name(fields.get("middle_name", ""))


def _middles_agree(a: str, b: str) -> bool:
    """Two folded middle names agree: both none, equal, or one the other's initial."""
    return a == b or (len(a) == 1 and b[:1] == a) or (len(b) == 1 and a[:1] == b)


def _trusted_people(records: Sequence[RequestRecord], links: Mapping[int, int],
                    codes: Sequence[frozenset[str]]) -> People:
    """What `_as_told` may read a first occurrence with (rules.record.People: position ->
    TIN, date of birth, A-number, middle name), from its repeats (`links`: repeat ->
    first, check_records'), but only from a repeat that is a lawful request in all but
    being a repeat (its only code R_DUPLICATE) and that writes the given name and surname
    as the first does (accents, case and punctuation aside). Session 35, audit 19: MOHAMED
    NASSER asked without a date of birth, and MUHAMMAD NASSER born 2002-01-16 at the same
    apartment, REJECTED for R_PERIOD and as a repeat (one name group to R_DUPLICATE), told
    the first its date of birth; the date then settled the ITIN holder MUHAMMAD NASSER born
    2002, and his address was disclosed for MOHAMED NASSER born 1989, who lives there too
    (M_AMBIGUOUS before r32's reading). A request the law refuses is not searched, and its
    fields do not search for another (decisions.md: no inspection without a valid request);
    and a name written another way links a repeat loosely enough to be refused with it,
    not to settle a taxpayer with its date. Rivals and the holding back read every repeat
    (`_held_back`: more said, more held)."""
    if not links:
        return {}
    table = records if isinstance(records, RecordTable) else RecordTable.from_records(records)
    trusted: dict[int, list[int]] = {}
    for repeat, first in sorted(links.items()):
        if codes[repeat] - {"R_DUPLICATE"}:
            continue
        trusted.setdefault(first, []).append(repeat)
    out: People = {}
    at = _records_at(table, [*trusted, *(r for repeats in trusted.values() for r in repeats)])
    for first, repeats in trusted.items():
        rec = at[first]
        # the first name as written, and its first given name alone where it holds more
        # than one and no middle name is given (WALTER JAMES / "" is WALTER / JAMES, as
        # R_DUPLICATE reads it: rules.record.first_given_alone; consistency fuzzer r40),
        # each with the middle name that reading gives
        readings = [_folded_names(f) for f in _readings_of(rec.fields)]
        surname = fold_name(rec.get("last_name"))
        tin = dob = a_number = ""
        middles: list[tuple[str, str]] = []
        for other in (at[r] for r in repeats):
            if fold_name(other.fields.get("last_name", "")) != surname:
                continue
            fields: Mapping[str, str] | None = None
            agree = False
            for reading in _readings_of(other.fields):
                their_first, their_middle = _folded_names(reading)
                mine = [m for f, m in readings if f == their_first]
                if mine:
                    fields = fields or reading
                    agree = agree or any(_middles_agree(their_middle, m) for m in mine)
            if fields is None:
                continue
            if agree:
                # Session 36: only a repeat whose middle name agrees with the first's (both
                # none, equal, or one the other's initial) tells who it is. MARIA ELENA
                # GARCIA, then MARIA GARCIA born 1965 at one address (the mother, say, and
                # her daughter): the mother's date of birth settled the mother, and her
                # address was disclosed for the request naming MARIA ELENA; the other way
                # round, the daughter's for the one naming MARIA.
                tin = tin or tin_digits(fields.get("tin", ""))
                born = birth_date(fields.get("date_of_birth", ""))
                dob = dob or (born.isoformat() if born else "")
                a_number = a_number or a_number_of(other.fields)
            written = fields.get("middle_name", "")
            if written.strip():
                middles.append((normalize_name(*(fields.get(k, "") for k in (
                    "first_name", "middle_name", "last_name", "name_suffix"))).middle,
                                written))
        middle = fullest_middle(middles)
        if tin or dob or a_number or middle:
            out[first] = (tin, dob, a_number, middle)
    return out


def _fuller(rec: RequestRecord, middle: str) -> bool:
    """The middle name its repeats give (`middle`, consistent with the record's own, as
    R_DUPLICATE reads them) says more than the record: it gives none, or only the initial
    (WALTER J BRENNAN, its repeat WALTER JAMES BRENNAN); and the name is not among the
    record's own given names already (MARIA ELENA / "", its repeat MARIA / ELENA: matching
    reads those as its middle name)."""
    g = rec.get
    own = normalize_name(g("first_name"), g("middle_name"), g("last_name"),
                         g("name_suffix")).middle if g("middle_name").strip() else ""
    words = normalize_name(g("first_name"), middle, g("last_name"), g("name_suffix")).middle
    if not words or (own and (len(own) != 1 or len(words.split(" ")[0]) == 1)):
        return False
    given = normalize_name(g("first_name"), "", g("last_name"), g("name_suffix")).first_tokens
    return not set(words.split(" ")) <= set(given)


def _query(rec: RequestRecord) -> Query:
    g = rec.get
    dob = birth_date(g("date_of_birth")) if g("date_of_birth").strip() else None
    # a date of birth no one under this final order can have: it still contradicts a
    # candidate's, and a person decides the rest (decide/policy.py)
    impossible = dob is not None and birth_impossible(dob, order_date(g("final_order_date")))
    return Query(
        seq=rec.seq,
        name=normalize_name(g("first_name"), g("middle_name"), g("last_name"), g("name_suffix")),
        address=normalize_address(g("street"), g("unit"), g("city"), g("state"), g("zip"),
                                  g("address")),
        dob=dob, tin=_tin(g("tin")),
        dob_unread=bool(g("date_of_birth").strip()) and dob is None,
        dob_impossible=impossible)


def _tin(given: str) -> str:
    """A request's TIN as matching reads it: the nine digits R_TIN let through
    (rules.record.tin_digits), else ""."""
    return tin_digits(given)


def _decide_all(home: Home, batch_id: str, records: Sequence[RequestRecord],
                record_codes: Sequence[frozenset[str]], batch_codes: frozenset[str],
                spill: _SealedSpill, progress: Progress | None, chunk: int | None,
                workers: int | None, early: _EarlyPool | None = None) -> tuple[str, int]:
    """Decide every record, `chunk` at a time in seq order, and spill each chunk's
    decision rows (as the decisions table takes them) to `spill`: two entries a chunk, its
    rejected records' rows (made here) and its matched records' rows (made by the matcher,
    in a worker process when there are workers), each in seq order (`_read_spill` merges
    them). Returns the master version searched and how many records were."""
    table = RecordTable.from_records(records)
    seqs = table.seqs()
    order = sorted(range(len(seqs)), key=seqs.__getitem__)
    to_match = sum(1 for codes in record_codes if not codes) if not batch_codes else 0
    master_path = home.master.current_path() if to_match else None
    if to_match and master_path is None:
        home.master.connect()  # raises the "no master file is loaded" error
    master_version = ""
    key = home.master.key_of(master_path) if master_path is not None else None
    opened = contextlib.ExitStack()
    here: Any = None  # the master open in this process, kept for matching here
    if master_path is not None:
        here = opened.enter_context(_open_master(str(master_path), key))
        master_version = str(here.execute("SELECT version FROM meta").fetchall()[0][0])
        # before anything of the batch is stored: an older master would fail inside a
        # matching process on a column it lacks (token_zip.initial, addresses.urb)
        require_format(here)
    with opened:
        return _match_all(home, batch_id, table, order, record_codes, batch_codes, spill,
                          progress, chunk, workers, early, len(records), to_match,
                          master_path, key, master_version, here)


def _match_all(home: Home, batch_id: str, table: RecordTable, order: list[int],
               record_codes: Sequence[frozenset[str]], batch_codes: frozenset[str],
               spill: _SealedSpill, progress: Progress | None, chunk: int | None,
               workers: int | None, early: _EarlyPool | None, n_records: int, to_match: int,
               master_path: Path | None, key: bytes | None, master_version: str,
               here: Any) -> tuple[str, int]:
    """`_decide_all` once the master is open (`here`, None without one): matching in
    this process reuses that connection (opening an encrypted master costs ~80 ms, most
    of a one-record batch's time after its SQL); matching processes and Spark open their
    own."""
    chunk = chunk or _auto_chunk(len(order), workers)
    chunks = [order[s:s + chunk] for s in range(0, len(order), chunk)]

    def codes_of(i: int) -> tuple[str, ...]:
        return tuple(sorted(set(batch_codes) | set(record_codes[i])))

    def wanted(part: Sequence[int]) -> RecordTable:
        # Taken only when the chunk is handed to a matcher (as Arrow columns), so memory
        # holds a few chunks.
        return table.take([i for i in part if not codes_of(i)])

    spark = bool(to_match) and _engine(home) == "spark"
    n_workers = 1 if spark else _worker_count(workers, sum(
        1 for part in chunks if any(not codes_of(i) for i in part)))
    done = matched = 0
    model = home.model.to_json()
    path = (str(master_path), key) if master_path else ("", None)
    with _pool(n_workers, early) as pool, contextlib.ExitStack() as stack:
        payloads = (wanted(part) for part in chunks)
        if spark:
            # The cluster parallelizes each chunk; this process only drives it.
            from dgate.match.spark import open_matcher  # pyspark only when configured

            matcher = stack.enter_context(open_matcher(home.config, master_version))
            results: Iterable[tuple[int, bytes]] = (
                _encoded_rows(batch_id, matcher.decide_chunk(
                    *_queries(w), MatchModel.from_json(model)) if w else [])
                for w in payloads)
        elif pool is not None:
            # The workers hand back their chunk's decision rows already encoded (Arrow IPC):
            # this process only seals them, where it used to unpickle Decisions, make their
            # rows and encode those after the last chunk, while nothing else ran.
            results = _in_order(pool, batch_id, path, model, n_workers, payloads)
        else:
            results = (_match_rows(batch_id, path, model, 1, w, here) for w in payloads)
        for part, (decided, encoded) in zip(chunks, results, strict=True):
            # `part` is in seq order, so these rows are too
            refused = [i for i in part if codes_of(i)]
            rejected = [decision_row(batch_id, Decision(
                seq=r.seq, request_id=r.request_id,
                disposition=Disposition.REJECTED, reason_codes=codes_of(i)))
                for i, r in zip(refused, table.take(refused), strict=True)]
            spill.write(_encode_rows(rejected))
            spill.write(encoded)
            done += len(part)
            matched += decided
            if progress:
                progress("match", matched, to_match)
                progress("decide", done, n_records)
    return master_version, matched


def _worker_count(wanted: int | None, jobs: int) -> int:
    if wanted is not None:
        return max(1, min(wanted, jobs))
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1, jobs))


@contextlib.contextmanager
def _pool(n: int, early: _EarlyPool | None = None
          ) -> Iterator[ProcessPoolExecutor | None]:
    """Worker processes for matching, or None to match in this process. Spawned, not
    forked: this process holds an SQLite connection and DuckDB threads. The `early` pool's
    workers, started while the record rules ran, when it has `n` of them (shut down on the
    way out either way: matching processes do not outlive the matching)."""
    taken = early.take(n) if early is not None else None
    if taken is not None:
        with taken:
            yield taken
        return
    if n <= 1:
        yield None
        return
    with _matchers(n) as pool:
        yield pool


def _matchers(n: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_warm_up)


class _EarlyPool:
    """The matching processes, started before the record rules so that each has imported
    the matching code and loaded the USPS ZIP table (zipcodes: about a second a process)
    by the time its first chunk comes, while this process still judges the records: those
    seconds were spent after the rules, on every matcher at once, before any matched."""

    def __init__(self, pool: ProcessPoolExecutor | None, size: int) -> None:
        self._pool, self._size = pool, size

    def lend(self) -> tuple[ProcessPoolExecutor, int] | None:
        """The pool and its size, to judge the records in before it matches them (it stays
        this object's): the record rules then start no processes of their own, and use
        both cores below rules.record.PARALLEL_MIN too (1M x 100K: 7.5 s in one process)."""
        return (self._pool, self._size) if self._pool is not None else None

    def take(self, n: int) -> ProcessPoolExecutor | None:
        """The pool if it has `n` workers (the caller then owns it), else None; either way
        this object holds it no more, and a pool of another size is shut down."""
        pool, self._pool = self._pool, None
        if pool is not None and self._size != n:
            _stop(pool)
            return None
        return pool

    def close(self) -> None:
        if self._pool is not None:
            _stop(self._pool)
            self._pool = None


def _stop(pool: ProcessPoolExecutor) -> None:
    """Shut an unused pool down and wait for its processes to end (they have only warmed
    up, which the record rules usually outlast): none is left behind, idle."""
    pool.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _early_pool(home: Home, records: int, batch_codes: frozenset[str], chunk: int | None,
                workers: int | None) -> Iterator[_EarlyPool]:
    """An _EarlyPool of as many workers as _decide_all will want if every record passes
    the rules, when that is more than one, the batch has no batch code, the engine is
    DuckDB and a master is loaded; else an empty one. Nothing of the batch reaches the
    workers here: they only start."""
    size = 0
    if (records and not batch_codes and _engine(home) == "duckdb"
            and home.master.current_path() is not None):
        per = chunk or _auto_chunk(records, workers)
        size = _worker_count(workers, -(-records // per))
    pool = None
    if size > 1:
        pool = _matchers(size)
        for _ in range(size):  # a process is spawned for each job submitted while none idles
            pool.submit(int)
    early = _EarlyPool(pool, size)
    try:
        yield early
    finally:
        early.close()


def _warm_up() -> None:
    """A matching process's first act: end with the submitting process, even one killed
    outright (an idle pool worker otherwise outlives it, with the master's key it was
    handed still in memory); then a head start: unpickling this function has imported the
    matching code, and reading one ZIP loads the USPS table that normalizing the first
    request would. At its end, no interpreter teardown (dgate.workers: seconds waited for
    after the last chunk on a contended machine). Should that fail, the first request pays
    as before (an initializer that raised would break the pool)."""
    exit_with_parent()
    skip_teardown()
    with contextlib.suppress(Exception):
        in_queens("00000", "", "")


MasterRef = tuple[str, bytes | None]
"""A master file and its DuckDB key, handed to a matching process as an argument (never
through a file or the environment)."""


def _open_master(path: str, key: bytes | None) -> Any:
    """The one way submit opens the master, here and in the spawned matchers."""
    return connect_master(Path(path), key, read_only=True)


class _SealedSpill:
    """Length-prefixed chunks, each sealed with AES-GCM under a key that exists only in
    this object: the temporary file holds no readable decision even if it survives."""

    def __init__(self, fh: IO[bytes]) -> None:
        self._fh = fh
        self._aead = AESGCM(AESGCM.generate_key(bit_length=256))
        self._n = 0

    def write(self, data: bytes) -> None:
        nonce = secrets.token_bytes(12)
        blob = nonce + self._aead.encrypt(nonce, data, struct.pack(">Q", self._n))
        self._fh.write(struct.pack(">I", len(blob)) + blob)
        self._n += 1

    def chunks(self) -> Iterator[bytes]:
        self._fh.seek(0)
        for i in range(self._n):
            (size,) = struct.unpack(">I", self._fh.read(4))
            blob = self._fh.read(size)
            yield self._aead.decrypt(blob[:12], blob[12:], struct.pack(">Q", i))


def _in_order(pool: ProcessPoolExecutor, batch_id: str, master: MasterRef,
              model: dict[str, Any], workers: int,
              wanted: Iterable[Sequence[RequestRecord]]
              ) -> Iterator[tuple[int, bytes]]:
    """The workers' results (`_match_rows`) in submission order, with at most two chunks
    per worker in flight (Executor.map would queue every chunk at once and hold every
    result)."""
    pending: deque[Future[tuple[int, bytes]]] = deque()
    for part in wanted:
        pending.append(pool.submit(_match_rows, batch_id, master, model, workers, part))
        if len(pending) >= 2 * workers:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _read_spill(spill: _SealedSpill, held: Mapping[int, Sequence[int]] | None = None,
                earlier: Mapping[int, Sequence[str]] | None = None,
                other: Mapping[int, Sequence[str]] | None = None,
                gave: Mapping[int, Sequence[str]] | None = None,
                told: Mapping[int, Mapping[str, str]] | None = None
                ) -> Iterator[list[tuple[Any, ...]]]:
    """Each chunk's decision rows in seq order, as `_decide_all` spilled them: its
    rejected rows, then its matched rows, each in seq order, merged. The rows of `held`
    (seq -> its rivals' seqs: `_held_back`) come back held back; those of `earlier` (seq ->
    the earlier requests' keys: `_asked_before`) sent to review, and so are those of
    `other` (seq -> the earlier requests' keys: `_asked_before_a_number`) and of `gave`
    (seq -> the earlier requests' keys: `_gave_the_tin_before`). A row of `told`
    (seq -> what the batch's repeats told of its person: `_as_told`) keeps that in its
    explanation ("as_told")."""
    entries = spill.chunks()
    for first in entries:
        rows, matched = _decode_rows(first), _decode_rows(next(entries))
        if told:
            rows = [_with_told(r, told[r[1]]) if r[1] in told else r for r in rows]
            matched = [_with_told(r, told[r[1]]) if r[1] in told else r for r in matched]
        if held:
            matched = [_hold_back(r, held[r[1]]) if r[1] in held else r for r in matched]
        if earlier:
            matched = [_to_review(r, earlier[r[1]]) if r[1] in earlier else r
                       for r in matched]
        if other:
            matched = [_to_review(r, other[r[1]], REVIEW_EARLIER_OTHER_TAXPAYER,
                                  "same_a_number_as_earlier") if r[1] in other else r
                       for r in matched]
        if gave:
            matched = [_to_review(r, gave[r[1]], REVIEW_EARLIER_GAVE_TIN,
                                  "gave_the_tin_earlier") if r[1] in gave else r
                       for r in matched]
        if not rows:
            rows = matched
        elif matched:
            rows.extend(matched)
            rows.sort(key=_row_seq)  # two sorted runs: merged in one pass
        yield rows


_ANSWERED = ("DISCLOSE", "REVIEW")


Said = tuple[int, str, str]
"""A request answered DISCLOSE or REVIEW: its seq, the TIN it names and its explanation
(`_settled` reads it when needed: a million of them are not parsed for nothing)."""


def _answered(spill: _SealedSpill) -> list[Said]:
    """The requests of the batch answered DISCLOSE or REVIEW, in seq order. One pass over
    the spill, reading the matched rows' seq, disposition, TIN and explanation."""
    answered: list[Said] = []
    chunks = spill.chunks()
    for _rejected in chunks:
        table = pyarrow.ipc.open_stream(next(chunks)).read_all()
        if not table.num_rows:
            continue
        for seq, disposition, tin, explanation in zip(
                *(table.column(c).to_pylist()
                  for c in ("seq", "disposition", "match_tin", "explanation")), strict=True):
            if disposition in _ANSWERED and tin:
                answered.append((seq, tin, explanation))
    return answered


def _held_back(answered: Sequence[Said], records: Sequence[RequestRecord],
               record_codes: Sequence[frozenset[str]] = (), ctx: RecordContext | None = None
               ) -> dict[int, list[int]]:
    """The matched requests of the batch held back because another request of it, one
    another person, was answered with the same taxpayer (decide.batchwise.rivals), or left
    unanswered giving that taxpayer's TIN (decide.batchwise.tin_given_by_others, red team
    r34): seq -> the others' seqs. The explanations and records are read only for those
    sharing a TIN, and for the batch's R_DUPLICATE records (`record_codes`), whose person
    may be one of those (rules.record.batch_people: WALTER BRENNAN asked, then again born
    1950, is a request for a WALTER BRENNAN born 1950)."""
    table = records if isinstance(records, RecordTable) else RecordTable.from_records(records)
    held = _one_person_two_taxpayers(answered, table)
    tins = Counter(tin for _seq, tin, _explanation in answered)
    shared = [Answered(seq, tin, _settled(explanation))
              for seq, tin, explanation in answered if tins[tin] > 1]
    givers = _tin_givers(answered, table)
    given = [Answered(seq, tin, _settled(explanation), _on_file(explanation))
             for seq, tin, explanation in answered if tin in givers]
    if not shared and not given:
        return held
    others = {seq for seqs in givers.values() for seq in seqs}
    people = _people(table, {a.seq for a in shared} | {a.seq for a in given} | others,
                     record_codes, ctx)
    # the requests read from the columns (one record each, not a block of them each: they
    # are anywhere in a batch of a million, and the rules below read them TIN by TIN, so
    # `table.at_seq` went from block to block: session 37, `_records_at`)
    order = sorted(others | {a.seq for a in shared} | {a.seq for a in given})
    theirs = {seq: RequestRecord(seq, dict(zip(RECORD_COLUMNS, values, strict=True)))
              for seq, *values in zip(order, *table.columns_at_seqs(order, RECORD_COLUMNS),
                                      strict=True)}

    def person(seq: int) -> Person:
        return _person(theirs[seq], people.get(seq))

    def giving(seq: int) -> Person:
        # Session 37: a repeat (R_DUPLICATE) under another A-number with the same names as
        # written, date of birth and address is the answered request's own person giving its
        # TIN, not another (as across batches: Person.asked_again); the A-number alone held
        # back JUANA ELENA GARCIA's first request (M_AMBIGUOUS) for her copy giving her TIN
        return replace(person(seq), asked=AskedAs(theirs[seq].fields))

    for found in (rivals(shared, person), tin_given_by_others(given, givers, giving)):
        for seq, against in found.items():
            held[seq] = sorted(set(held.get(seq, ())) | set(against))
    return dict(sorted(held.items()))


_TIN_NOISE = "[^0-9]+"
"""What a TIN is looked for without in Arrow: all but its digits, more than matching drops
(dashes, blanks around it), so every TIN it reads is found; `_tin` then reads each one."""


def _tin_givers(answered: Sequence[Said], table: RecordTable) -> dict[str, list[int]]:
    """TIN -> the seqs of the batch's requests not answered that give it (as matching reads
    a TIN: `_tin`), for the TINs the answered requests are answered with. The TIN column is
    read in Arrow; only the records giving one of those TINs are read in Python."""
    if not answered:
        return {}
    tins = {tin for _seq, tin, _explanation in answered}
    givers: dict[str, list[int]] = {}
    for seq, written in table.values_among("tin", _TIN_NOISE, tins,
                                           leave_out=(seq for seq, _t, _e in answered)):
        tin = _tin(written)
        if tin in tins:
            givers.setdefault(tin, []).append(seq)
    return givers


def _one_person_two_taxpayers(answered: Sequence[Said], table: RecordTable
                              ) -> dict[int, list[int]]:
    """The answered requests of the batch held back because the batch says, by one
    A-number under two names, that they are one person, and they were answered with two
    taxpayers (decide.batchwise.one_person_two_taxpayers): seq -> the others' seqs. The
    A-numbers are read as rules.record.a_number_of reads them (digits, leading zeros
    dropped); a request and its repeats under one name are R_DUPLICATE already."""
    if not answered:
        return {}
    said = {seq: (tin, explanation) for seq, tin, explanation in answered}
    groups = []
    for seqs in table.shared_values("a_number", A_NUMBER_NOISE, "0"):
        group = [Answered(seq, said[seq][0], _settled(said[seq][1]))
                 for seq in seqs if seq in said and said[seq][0]]
        if len({a.tin for a in group}) > 1:
            groups.append(group)
    return one_person_two_taxpayers(groups)


def _people(table: RecordTable, seqs: set[int], record_codes: Sequence[frozenset[str]],
            ctx: RecordContext | None) -> People:
    """Seq -> (TIN, date of birth, A-number, middle name) of the person each of `seqs` is
    the first request for, as its repeats in the batch say with it
    (rules.record.batch_people), read over those requests and the R_DUPLICATE ones, in the
    batch's order."""
    if ctx is None:
        return {}
    all_seqs = table.seqs()
    wanted = [i for i, seq in enumerate(all_seqs)
              if seq in seqs or (i < len(record_codes) and "R_DUPLICATE" in record_codes[i])]
    if len(wanted) == len(seqs):
        return {}
    people = batch_people(table.take(wanted), ctx)
    return {all_seqs[wanted[i]]: person for i, person in people.items()
            if all_seqs[wanted[i]] in seqs}


_LOOKUP = 500
"""Blind indexes (or seqs) looked up in one statement. The lookup names `tin_index <> ''`
itself: else neither SQLite nor PostgreSQL can use the partial index decisions_tin, and
each statement scans every decision ever made."""


def _asked_before(home: Home, answered: Sequence[Said], held: Mapping[int, object],
                  records: Sequence[RequestRecord], batches: Sequence[str] | None = None,
                  *, index: Callable[[str], str] | None = None) -> dict[int, list[str]]:
    """The requests of the batch answered with a taxpayer whom an earlier batch's request,
    another person, was answered with: seq -> the earlier requests' keys (sorted). Red team
    r20: within a batch `_held_back` holds such pairs back; a week apart, WALTER BRENNAN
    born 1950 and WALTER BRENNAN born 1980 at one address were both disclosed the one
    undated WALTER BRENNAN on file. Earlier answers that count: DISCLOSE, and REVIEW not
    refused by its reviewer (pending or confirmed), of any agency's batch whose data is
    still held. A request the taxpayer's own record settles (the TIN equal or the date of
    birth exact) is decided as it was unless the earlier one is settled too, and so is one
    the batch already holds back. Two A-numbers do not make another person of a request
    giving the earlier one's names as written, date of birth and address, as its batch
    told them (Person.asked_again: one person asked again, as R_DUPLICATE reads two such
    records of one batch; session 37, audit 23). Found
    by the blind index of the matched TIN (decisions.tin_index, never the TIN itself); the
    earlier requests are opened only for taxpayers both answered. `batches`: only those
    batches' decisions are looked at (None: every batch's; `batches_now`); `index`: the
    TINs' blind index (`answered_with`)."""
    wanted: dict[str, list[tuple[int, str]]] = {}  # TIN -> (seq, explanation)
    for seq, tin, explanation in answered:
        if seq not in held:
            wanted.setdefault(tin, []).append((seq, explanation))
    if not wanted:
        return {}
    if batches is not None and not batches:
        return {}
    found = answered_with(home, wanted, batches=batches, index=index)
    if not found:
        return {}
    # Only a request that can contradict anyone (a date of birth, TIN, generation or
    # A-number given) is compared: the same person asked again by name and address alone
    # costs no earlier record opened.
    # (in seq order: the records are decoded a block at a time, and read in order)
    by_seq = RecordTable.from_records(records).at_seq
    mine: dict[str, list[tuple[int, Person, bool]]] = {}
    for seq, explanation, tin in sorted((asked, said, t) for t in found
                                        for asked, said in wanted[t]):
        me = _person(by_seq(seq), asked=True)
        if me.names_anyone():
            mine.setdefault(tin, []).append((seq, me, _settled(explanation)))
    people = _earlier_people(home, [e for tin in mine for e in found[tin]])
    out: dict[int, list[str]] = {}
    also_settled: dict[tuple[str, int], bool] = {}
    for tin, asked in mine.items():
        for seq, me, settled in asked:
            # A request its taxpayer's record settles is held only against an earlier one
            # the record settles too, as `for_another` (the release's check) holds it (audit
            # 23: JOSE A ORTIZ and JOSE ORTIZ, both born on the taxpayer's date of birth,
            # under two A-numbers a batch apart; the second was decided DISCLOSE here and
            # its release refused for the pair, with no way to decide it again).
            against = sorted(key for b, s, key in found[tin]
                             if (b, s) in people and me.contradicts(people[b, s])
                             and (not settled or _also_settled(home, also_settled, b, s)))
            if against:
                out[seq] = against
    return dict(sorted(out.items()))


def _asked_before_a_number(home: Home, answered: Sequence[Said], held: Mapping[int, object],
                           a_numbers: Callable[[int], str],
                           batches: Sequence[str] | None = None,
                           *, index: Callable[[str], str] | None = None
                           ) -> dict[int, list[str]]:
    """The requests of the batch whose A-number an earlier batch's request gave and was
    answered with another taxpayer: seq -> the earlier requests' keys (sorted). Red team
    r35: within a batch `_one_person_two_taxpayers` holds such pairs back; a week apart,
    MARISOL QUINTERO and then MARISOL VEGA under one A-number (one person's A-file) were
    disclosed two taxpayers' addresses: two last known addresses for one person. As within
    a batch (decide.batchwise.one_person_two_taxpayers), a request its taxpayer's record
    settles (the TIN equal or the date of birth exact) is decided as it was where the
    earlier one was not settled; and one the batch already holds back is. Earlier answers
    that count: DISCLOSE, and REVIEW not refused by its reviewer, of any agency's batch
    whose data is still held (retention blanks a destroyed batch's indexes). Found by the
    blind indexes of the A-number (decisions.a_number_index: rules.record.a_number_of's
    digits, never the A-number itself) and of the matched TIN (decisions.tin_index); only
    an earlier decision answered with another taxpayer is opened, to read whether its own
    record settled it. `a_numbers`: seq -> the blind index of its request's A-number, or of
    the one its repeats gave it (`_as_told`; batchwrite.answered_a_numbers: what
    write_batch indexes); `batches`,
    `index`: as `_asked_before`'s."""
    if batches is not None and not batches:
        return {}
    wanted: dict[str, list[tuple[int, str, str]]] = {}  # A-number's index -> (seq, TIN, expl.)
    for seq, tin, explanation in answered:
        if seq in held:
            continue
        got = a_numbers(seq)
        if got:
            wanted.setdefault(got, []).append((seq, tin, explanation))
    if not wanted:
        return {}
    tin_index = index or home.vault.indexer("tin")
    # (A index, TIN index, batch, seq, key)
    hits = [(str(row[0]), str(row[1]), str(row[2]), int(row[3]), str(row[4]))
            for row in _decisions_by_index(
                home, "d.a_number_index, d.tin_index, d.batch_id, d.seq, d.request_key",
                "a_number_index", list(wanted),
                f"d.tin_index <> '' AND {case.ANSWERED}", batches)]
    out: dict[int, set[str]] = {}
    settled: dict[tuple[str, int], bool] = {}
    for a, their_tin, b, earlier_seq, key in hits:
        for seq, tin, explanation in wanted[a]:
            if tin_index(tin) == their_tin:
                continue
            if _settled(explanation):
                if (b, earlier_seq) not in settled:
                    settled[b, earlier_seq] = settled_decision(home, b, earlier_seq)
                if not settled[b, earlier_seq]:
                    continue
            out.setdefault(seq, set()).add(key)
    return {seq: sorted(keys) for seq, keys in sorted(out.items())}


def _gave_the_tin_before(home: Home, answered: Sequence[Said], held: Mapping[int, object],
                         records: Sequence[RequestRecord],
                         batches: Sequence[str] | None = None,
                         *, index: Callable[[str], str] | None = None
                         ) -> dict[int, list[str]]:
    """The requests of the batch answered with a taxpayer whose TIN an earlier batch's
    request gave, another person by its own fields (`Person.contradicts`): seq -> the
    earlier requests' keys (sorted). Red team r34/r36: within a batch WALTER BRENNAN's TIN
    given born 1950 at an address not his (NOT_DISCLOSED) holds back WALTER BRENNAN born
    1980 giving it at his (decide.batchwise.tin_given_by_others); a week apart the second
    was disclosed, `_asked_before` finding earlier requests only by the TIN they were
    answered with. Earlier requests that count: any decision whose request gave the TIN
    (decisions.given_tin_index, kind "tin" as tin_index: never the TIN itself), answered
    or not, of any agency's batch whose data is still held; but not a REVIEW its reviewer
    refused that was answered with this same taxpayer (a person compared that request with
    this taxpayer and said no: as `_asked_before` no longer counts it). As within a batch,
    the TIN, given by both, settles neither: a request stays only where the taxpayer's
    record tells the two apart (`batchwise.record_tells_apart`: its date of birth or middle
    name on file exactly the request's, and the earlier one's another). One
    the batch already holds back is decided as it was. `records`, `batches`, `index`: as
    `_asked_before`'s (the records as matching reads them)."""
    if batches is not None and not batches:
        return {}
    tin_index = index or home.vault.indexer("tin")
    wanted: dict[str, list[tuple[int, str]]] = {}  # TIN's index -> (seq, explanation)
    for seq, tin, explanation in answered:
        if seq not in held:
            wanted.setdefault(tin_index(tin), []).append((seq, explanation))
    if not wanted:
        return {}
    found = _tin_given_by(home, list(wanted), batches)
    if not found:
        return {}
    # only a request that can contradict anyone is compared, and only the earlier requests
    # giving its taxpayer's TIN are opened
    by_seq = RecordTable.from_records(records).at_seq
    mine: list[tuple[str, int, frozenset[str], Person]] = []  # (TIN's index, seq, on file, person)
    for seq, explanation, tin in sorted((asked, said, t) for t in found
                                        for asked, said in wanted[t]):
        me = _person(by_seq(seq), asked=True)
        if me.names_anyone():
            mine.append((tin, seq, _on_file(explanation), me))
    people = _earlier_people(home, sorted({e for tin, *_ in mine for e in found[tin]}))
    out: dict[int, list[str]] = {}
    for tin, seq, on_file, me in mine:
        against = sorted(key for b, s, key in found[tin]
                         if (them := people.get((b, s))) is not None
                         and them.contradicts(me)
                         and not record_tells_apart(on_file, me, them))
        if against:
            out[seq] = against
    return dict(sorted(out.items()))


_DISCLOSING_IT = f"d.tin_index = d.given_tin_index AND {case.DISCLOSES}"
"""A decision that gave the TIN it is answered with and discloses it as it stands."""


def _tin_given_by(home: Home, keys: Sequence[str], batches: Sequence[str] | None = None,
                  *, disclosing: bool = False) -> dict[str, list[tuple[str, int, str]]]:
    """TIN's blind index (of `keys`) -> the (batch, seq, request key) of the decisions whose
    request gave that TIN (decisions.given_tin_index), of the `batches` only if given; not
    a REVIEW its reviewer refused that was answered with that same taxpayer; `disclosing`:
    only those answered with that same taxpayer that disclose it as they stand. One
    statement per _LOOKUP keys."""
    found: dict[str, list[tuple[str, int, str]]] = {}
    for row in _decisions_by_index(
            home, "d.given_tin_index, d.batch_id, d.seq, d.request_key", "given_tin_index",
            keys, _DISCLOSING_IT if disclosing else
            """NOT (d.disposition IN ('REVIEW', 'DISCLOSE') AND d.tin_index = d.given_tin_index
                    AND COALESCE(r.verdict, '') = 'no_disclose')""", batches):
        found.setdefault(str(row[0]), []).append((str(row[1]), int(row[2]), str(row[3])))
    return found


def _decisions_by_index(home: Home, columns: str, index: str, keys: Sequence[str],
                        condition: str, batches: Sequence[str] | None = None
                        ) -> Iterator[Any]:
    """The rows (`columns` of decisions d, its review r joined) of the decisions whose blind
    index column `index` is one of `keys` (never ''), that meet `condition`, of the
    `batches` only if given: one statement per _LOOKUP keys. Every name here is the
    caller's literal; the values are parameters."""
    within = ""
    named: tuple[str, ...] = ()
    if batches is not None:
        named = tuple(sorted(set(batches)))
        within = f" AND d.batch_id IN ({','.join('?' * len(named))})"
    for s in range(0, len(keys), _LOOKUP):
        part = keys[s:s + _LOOKUP]
        yield from home.conn.execute(
            f"""SELECT {columns}
                FROM decisions d LEFT JOIN reviews r USING (request_key)
                WHERE d.{index} IN ({",".join("?" * len(part))}) AND d.{index} <> ''
                AND {condition}{within}""",
            (*part, *named)).fetchall()  # nosec B608


def tin_given_for_another(home: Home, items: Sequence[tuple[str, str, int, Mapping[str, str]]],
                          *, disclosing: bool = False) -> dict[str, list[str]]:
    """Of review items (request key, batch, seq, its opened sealed details), those whose
    taxpayer's TIN another decision's request gave (decisions.given_tin_index), of any
    batch, answered or not, for a person its own fields say is another
    (`Person.contradicts`), unless the item's taxpayer's date of birth on file is exactly
    its own and not the other's: key -> those decisions' request keys, sorted. A REVIEW its
    reviewer refused that was answered with the same taxpayer does not count (as
    `_gave_the_tin_before`). Red team r36: what `review list` tells an earlier item's
    reviewer of a later request that gave the TIN (its own explanation names nothing of
    it). One lookup per _LOOKUP items; only the items found and those decisions opened.
    `disclosing`: only the decisions that disclose this same taxpayer as they stand
    (DISCLOSE, or REVIEW a reviewer confirmed): what `review decide --disclose` refuses to
    confirm after (service/release.py `_another_person`; red team r37)."""
    index = home.vault.indexer("tin")
    asked: dict[str, list[tuple[str, str, int, frozenset[str]]]] = {}  # TIN's index -> items
    for key, batch_id, seq, decided in items:
        tin = decided.get("match_tin", "")
        if tin:
            asked.setdefault(index(tin), []).append(
                (key, batch_id, seq, _on_file(decided.get("explanation", ""))))
    found = _tin_given_by(home, list(asked), disclosing=disclosing)
    mine = [(tin, key, batch_id, seq, on_file) for tin, keyed in asked.items()
            for key, batch_id, seq, on_file in keyed
            if any(k != key for _b, _s, k in found.get(tin, ()))]
    if not mine:
        return {}
    people = _earlier_people(home, sorted({(b, s, "") for _t, _k, b, s, _x in mine}
                                          | {e for t, *_ in mine for e in found[t]}))
    out: dict[str, list[str]] = {}
    for tin, key, batch_id, seq, on_file in mine:
        me = people.get((batch_id, seq))
        if me is None or not me.names_anyone():
            continue
        against = sorted(k for b, s, k in found[tin]
                         if k != key and (them := people.get((b, s))) is not None
                         and them.contradicts(me)
                         and not record_tells_apart(on_file, me, them))
        if against:
            out[key] = against
    return out


def same_a_number_elsewhere(home: Home, keys: Sequence[str]) -> dict[str, list[str]]:
    """Of these decisions (request keys), those whose request's A-number (its blind index,
    decisions.a_number_index) another decision answered (DISCLOSE, or REVIEW not refused),
    of any batch, gives with another taxpayer: key -> the others' keys, sorted. Red team
    r35: what `review list` and the review page tell an item's reviewer (the earlier item's
    too, whose own explanation names nothing of a later one). Found by the blind indexes
    alone, one statement per _LOOKUP keys; nothing opened."""
    out: dict[str, set[str]] = {}
    keys = list(keys)
    for s in range(0, len(keys), _LOOKUP):
        part = keys[s:s + _LOOKUP]
        for row in home.conn.execute(
                f"""SELECT d.request_key, o.request_key
                    FROM decisions d JOIN decisions o ON o.a_number_index = d.a_number_index
                    LEFT JOIN reviews ro ON ro.request_key = o.request_key
                    WHERE d.request_key IN ({",".join("?" * len(part))})
                    AND d.a_number_index <> '' AND o.a_number_index <> ''
                    AND d.tin_index <> '' AND o.tin_index <> ''
                    AND o.tin_index <> d.tin_index
                    AND {case.with_aliases(case.ANSWERED, "o", "ro")}""",
                tuple(part)).fetchall():  # nosec B608
            out.setdefault(str(row[0]), set()).add(str(row[1]))
    return {k: sorted(v) for k, v in out.items()}


def settled_decision(home: Home, batch_id: str, seq: int) -> bool:
    """A decision settled by its taxpayer's record (`_settled`), its sealed explanation
    opened; False when it cannot be read (its batch's key destroyed)."""
    if home.vault.destroyed(BATCH, batch_id) is not None:
        return False
    row = home.conn.execute("SELECT sealed FROM decisions WHERE batch_id = ? AND seq = ?",
                            (batch_id, seq)).fetchone()
    if row is None or row[0] is None:
        return False
    details = open_decision(home.vault, batch_id, seq, bytes(row[0]))
    return _settled(str(details.get("explanation", "")))


def answered_with(home: Home, tins: Iterable[str], *, confirmed: bool = False,
                  batches: Sequence[str] | None = None,
                  index: Callable[[str], str] | None = None
                  ) -> dict[str, list[tuple[str, int, str]]]:
    """The decisions answered with each of these taxpayers, found by the blind index of the
    TIN (decisions.tin_index): TIN -> [(batch, seq, request key)]. Answered: DISCLOSE, or
    REVIEW not refused by its reviewer (pending or confirmed); `confirmed`: only those that
    disclose as they stand (DISCLOSE, or REVIEW a reviewer decided to disclose). `batches`:
    only those batches' decisions (None: every batch's). `index`: the TIN's blind index
    (default the vault's; submit's remembers what it computed for write_batch)."""
    index = index or home.vault.indexer("tin")
    by_index = {index(tin): tin for tin in tins}
    found: dict[str, list[tuple[str, int, str]]] = {}
    for row in _decisions_by_index(
            home, "d.tin_index, d.batch_id, d.seq, d.request_key", "tin_index", list(by_index),
            case.DISCLOSES if confirmed else case.ANSWERED,
            batches):
        found.setdefault(by_index[str(row[0])], []).append(
            (str(row[1]), int(row[2]), str(row[3])))
    return found


def batches_now(home: Home) -> set[str]:
    """The batches in the case store now (what a later `_asked_before` need not look at
    again: `_decide_and_write`)."""
    return {str(r[0]) for r in home.conn.execute("SELECT batch_id FROM batches")}


def for_another(home: Home, items: Sequence[tuple[str, str, int, Mapping[str, str]]], *,
                confirmed: bool) -> dict[str, list[str]]:
    """Of review items (request key, batch, seq, its opened sealed details), those whose
    taxpayer another decision is answered with (`answered_with`; `confirmed`: only one that
    discloses as it stands, DISCLOSE or REVIEW a reviewer confirmed), of any batch, for a
    request that contradicts the item's own (batchwise.Person.contradicts: date of birth,
    TIN or generation, each given): key -> those decisions' request keys, sorted. An item
    that names no one apart has none; nor has one the taxpayer's record settles (`_settled`)
    against a decision it does not settle (red team r38: as within a batch,
    batchwise._hold_unsettled; two requests both settled by the one TIN they give, born
    1950 and born 1980, were both held back in one batch, but a week apart the second was
    confirmable and both were released). Red team r22: what `review list` shows beside an
    item, and what `review decide --disclose` refuses to confirm after (service/release.py
    `_another_person`). Each request is read as its batch told it, names and address
    included (`_person`'s `asked`): two A-numbers do not part two requests giving the same
    names as written, date of birth and address (Person.asked_again), as `_asked_before`
    reads them at submit (session 37)."""
    asked: dict[str, list[tuple[str, str, int]]] = {}  # TIN -> (key, batch, seq)
    settled: set[str] = set()  # the items their taxpayer's record settles
    for key, batch_id, seq, decided in items:
        tin = decided.get("match_tin", "")
        if tin:
            asked.setdefault(tin, []).append((key, batch_id, seq))
            if _settled(decided.get("explanation", "")):
                settled.add(key)
    found = answered_with(home, asked, confirmed=confirmed) if asked else {}
    # Only an item whose taxpayer another decision is answered with has its record opened
    # (a review queue of thousands costs one lookup per 500 of them, as submit's look).
    mine: dict[str, list[tuple[str, Person]]] = {}  # TIN -> (key, the item's person)
    for tin, keyed in asked.items():
        for key, batch_id, seq in keyed:
            if not any(k != key for _b, _s, k in found.get(tin, [])):
                continue
            row = home.conn.execute("SELECT sealed FROM records WHERE batch_id = ? "
                                    "AND seq = ?", (batch_id, seq)).fetchone()
            if row is None:
                continue
            fields, _agent = open_record(home.vault, batch_id, seq, bytes(row[0]))
            me = _person(RequestRecord(seq, fields), told_person(decided.get("explanation")),
                         asked=True)
            if me.names_anyone():
                mine.setdefault(tin, []).append((key, me))
    if not mine:
        return {}
    people = _earlier_people(home, [e for tin in mine for e in found.get(tin, [])])
    out: dict[str, list[str]] = {}
    also_settled: dict[tuple[str, int], bool] = {}
    for tin, persons in mine.items():
        for key, me in persons:
            against = sorted(k for b, s, k in found.get(tin, [])
                             if k != key and (b, s) in people
                             and me.contradicts(people[b, s])
                             and (key not in settled or _also_settled(home, also_settled,
                                                                      b, s)))
            if against:
                out[key] = against
    return out


def _also_settled(home: Home, memo: dict[tuple[str, int], bool], batch_id: str, seq: int
                  ) -> bool:
    if (batch_id, seq) not in memo:
        memo[batch_id, seq] = settled_decision(home, batch_id, seq)
    return memo[batch_id, seq]


def _earlier_people(home: Home, earlier: Sequence[tuple[str, int, str]]
                    ) -> dict[tuple[str, int], Person]:
    """The Person each earlier request (batch, seq) names, read from its sealed record;
    a batch whose data key retention destroyed gives none."""
    by_batch: dict[str, list[int]] = {}
    for b, seq, _key in earlier:
        by_batch.setdefault(b, []).append(seq)
    out: dict[tuple[str, int], Person] = {}
    for b, seqs in sorted(by_batch.items()):
        if home.vault.destroyed(BATCH, b) is not None:
            continue
        seqs = sorted(set(seqs))
        for s in range(0, len(seqs), _LOOKUP):
            part = seqs[s:s + _LOOKUP]
            for row in home.conn.execute(
                    f"SELECT r.seq, r.sealed, d.sealed FROM records r JOIN decisions d "
                    f"ON d.batch_id = r.batch_id AND d.seq = r.seq WHERE r.batch_id = ? "
                    f"AND r.seq IN ({','.join('?' * len(part))})",  # nosec B608
                    (b, *part)).fetchall():
                seq = int(row[0])
                fields, _agent = open_record(home.vault, b, seq, bytes(row[1]))
                # the person its batch asked for (red team r38: its repeats' date of birth)
                told = told_person(open_decision(home.vault, b, seq, bytes(row[2]))
                                    .get("explanation")) if row[2] is not None else None
                out[b, seq] = _person(RequestRecord(seq, fields), told, asked=True)
    return out


def _levels(explanation: str) -> dict[str, Any]:
    """The levels of a decision's best candidate, as its explanation says ({} if none)."""
    try:
        levels = json.loads(explanation or "{}").get("best", {}).get("levels", {})
    except (ValueError, AttributeError):
        return {}
    return levels if isinstance(levels, dict) else {}


def _settled(explanation: str) -> bool:
    """The decision's taxpayer settled by the request (compare.assess: the TIN equal or
    the date of birth exact), as its explanation's levels of the best candidate say."""
    levels = _levels(explanation)
    return levels.get("tin") == 1 or levels.get("dob") == 3


def _on_file(explanation: str) -> frozenset[str]:
    """What the decision's taxpayer's record holds exactly as the request gives it, as its
    explanation's levels of the best candidate say: "dob" (compare.assess's dob level 3),
    "middle" (names.MIDDLE_EQUAL). Batchwise.Answered.on_file."""
    levels = _levels(explanation)
    return frozenset(name for name, exact in (("dob", 3), ("middle", MIDDLE_EQUAL))
                     if levels.get(name) == exact)


def _person(rec: RequestRecord, named: tuple[str, str, str, str] | None = None, *,
            asked: bool = False) -> Person:
    """What tells the requested person apart, read as matching reads it (`_query`; the
    address, which tells no one apart, is not normalized; the A-number, which matching
    does not read, as R_DUPLICATE does); the TIN, date of birth, A-number and middle name
    its repeats in the batch give (`named`) where it gives none. `asked`: to compare it with
    a request of another batch, with its names as written and its address read as its batch
    told them (`named` in place: the record as matching read it; Person.asked_again)."""
    g = rec.get
    asks = None
    if asked:
        asks = AskedAs(rec.fields if named is None else
                       {**rec.fields, **{k: v for k, v in zip(TOLD, named, strict=True) if v}})
    dob = birth_date(g("date_of_birth")) if g("date_of_birth").strip() else None
    name = normalize_name(g("first_name"), g("middle_name"), g("last_name"), g("name_suffix"))
    tin, named_dob, named_a_number, named_middle = named or ("", "", "", "")
    middle = name.middle or (normalize_name(g("first_name"), named_middle, g("last_name"),
                                            g("name_suffix")).middle if named_middle else "")
    return Person(dob=dob.isoformat() if dob else named_dob, tin=_tin(g("tin")) or tin,
                  generation=name.suffix, a_number=a_number_of(rec.fields) or named_a_number,
                  middle=middle, asked=asks)


def _explanation(row: tuple[Any, ...]) -> dict[str, Any]:
    """A decision row's explanation (its last column, JSON) as a dict; {} if unreadable."""
    try:
        explanation = json.loads(row[-1] or "{}")
    except ValueError:
        return {}
    return explanation if isinstance(explanation, dict) else {}


def _with_told(row: tuple[Any, ...], told: Mapping[str, str]) -> tuple[Any, ...]:
    """A matched decision row whose explanation keeps what the batch's repeats told of its
    request's person (`_as_told`)."""
    explanation = _explanation(row)
    explanation["as_told"] = dict(sorted(told.items()))
    return (*row[:-1], json.dumps(explanation, sort_keys=True, default=str))


def _hold_back(row: tuple[Any, ...], rival_seqs: Sequence[int]) -> tuple[Any, ...]:
    """A DISCLOSE or REVIEW decision row made NOT_DISCLOSED (M_AMBIGUOUS), with no taxpayer
    or address; its explanation says which requests of the batch it was held back by."""
    explanation = _explanation(row)
    explanation.pop("review_because", None)
    explanation["same_taxpayer_as_seqs"] = list(rival_seqs)
    return (*row[:4], "NOT_DISCLOSED", "M_AMBIGUOUS", "", *row[7:9], *("",) * 7,
            json.dumps(explanation, sort_keys=True, default=str))


def _to_review(row: tuple[Any, ...], earlier_keys: Sequence[str],
               reason: str = REVIEW_EARLIER_OTHER, said: str = "same_taxpayer_as_earlier"
               ) -> tuple[Any, ...]:
    """A DISCLOSE or REVIEW decision row sent to review (M_REVIEW), its taxpayer and
    address kept for the reviewer; its explanation records why (`reason`, by default
    REVIEW_EARLIER_OTHER, in "review_because") and the earlier requests' keys (under
    `said`), batch and seq."""
    explanation = _explanation(row)
    because = explanation.get("review_because")
    because = list(because) if isinstance(because, list) and row[4] == "REVIEW" else []
    explanation["review_because"] = [*because, reason]
    explanation[said] = list(earlier_keys)
    codes = row[5] if row[4] == "REVIEW" else "M_REVIEW"
    return (*row[:4], "REVIEW", codes, *row[6:-1],
            json.dumps(explanation, sort_keys=True, default=str))


_ROW_SCHEMA = pa.schema([
    ("batch_id", pa.large_string()), ("seq", pa.int64()), ("request_key", pa.large_string()),
    ("request_id", pa.large_string()), ("disposition", pa.large_string()),
    ("reason_codes", pa.large_string()), ("match_tin", pa.large_string()),
    ("match_probability", pa.float64()), ("candidate_count", pa.int64()),
    *((name, pa.large_string()) for name in (
        "street", "unit", "city", "state", "zip", "source", "effective_date",
        "explanation"))])
"""A decision row (batchwrite.decision_row) as the spill holds it: Arrow IPC, which gives
back every value as it was (the same Python types, floats exactly, None as None), several
times faster than JSON both ways and without pickle."""

_row_seq = itemgetter(1)


def _encode_rows(rows: Sequence[tuple[Any, ...]]) -> bytes:
    """Decision rows as one Arrow IPC stream (_ROW_SCHEMA: a value of another type fails
    here, loudly, rather than coming back changed)."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(_ROW_SCHEMA)
    table = pa.Table.from_arrays(
        [pa.array(values, type=f.type) for values, f in zip(columns, _ROW_SCHEMA, strict=True)],
        schema=_ROW_SCHEMA)
    sink = pa.BufferOutputStream()
    with pyarrow.ipc.new_stream(sink, _ROW_SCHEMA) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue().to_pybytes())


def _decode_rows(data: bytes) -> list[tuple[Any, ...]]:
    """`_encode_rows` undone: the rows, as tuples of Python values."""
    table = pyarrow.ipc.open_stream(data).read_all()
    if table.schema != _ROW_SCHEMA:
        raise ValueError("a decision spill chunk of another schema")
    return list(zip(*(column.to_pylist() for column in table.columns), strict=True))


def _match_rows(batch_id: str, master: MasterRef, model_json: dict[str, Any], workers: int,
                wanted: Sequence[RequestRecord], con: Any = None) -> tuple[int, bytes]:
    """`_match_job`'s decisions as how many there are and their decision rows, encoded
    (`_encoded_rows`). Runs in a worker process or in the caller's.

    The collector stays paused until the chunk's objects are gone (setwise.collector_paused):
    re-enabled inside `_match_job`, with its requests and decisions still held, its first
    pass went over all of them (1.1M objects, 0.5 s of CPU, a 50K chunk at 1M taxpayers)
    only to find none free; here it finds the few left."""
    with collector_paused():
        return _encoded_rows(batch_id, _match_job(master, model_json, workers, wanted, con))


def _encoded_rows(batch_id: str, decisions: Sequence[Decision]) -> tuple[int, bytes]:
    """How many decisions there are and their decision rows in seq order, encoded."""
    return len(decisions), _encode_rows(
        [decision_row(batch_id, d) for d in sorted(decisions, key=lambda d: d.seq)])


def _match_job(master: MasterRef, model_json: dict[str, Any], workers: int,
               wanted: Sequence[RequestRecord], here: Any = None) -> list[Decision]:
    """Match and decide one chunk of legally sufficient records against the master at
    `master` (read-only), or on `here`, that master already open in this process. Runs
    in a worker process or in the caller's."""
    if not wanted:
        return []
    model = MatchModel.from_json(model_json)
    opened = contextlib.nullcontext(here) if here is not None else _open_master(*master)
    with collector_paused(), opened as con:
        queries, ids = _queries(wanted)
        # Unbounded, DuckDB takes 80% of the machine per connection: two workers blocking
        # against a 10-million master ran the box out of memory. Above this it spills.
        con.execute(f"SET memory_limit = '{MATCH_MEMORY_LIMIT}'")
        if workers > 1:
            # The workers share the cores; DuckDB's own threads would only contend.
            con.execute(f"SET threads = {max(1, (os.cpu_count() or 1) // workers)}")
        # Comparison vectors in SQL, the policy per request (match/setwise.py).
        return decide_chunk(con, queries, ids, model)


def match_again(home: Home, path: Path, records: Sequence[RequestRecord]) -> list[Decision]:
    """Each of `records` (legally sufficient, read as their batch told them) matched and
    decided alone against the master at `path` with the model in force: what `batch
    release` asks of a batch's disclosures when the master was loaded again since they were
    decided (service/release.py `_decided_otherwise_now`)."""
    key = home.master.key_of(path)
    with _open_master(str(path), key) as con:
        require_format(con)
        return _match_job((str(path), key), home.model.to_json(), 1, records, con)


def _queries(wanted: Sequence[RequestRecord]) -> tuple[list[Query], dict[int, str]]:
    """The normalized requests of a chunk and their request ids, by seq."""
    queries, ids = [], {}
    for r in wanted:
        queries.append(_query(r))
        ids[r.seq] = r.request_id
    return queries, ids


def _engine(home: Home) -> str:
    """config.json `match_engine`: "duckdb" (the default: local processes over the
    master file) or "spark" (match/spark.py, over the master exported as Parquet)."""
    engine = home.config.get("match_engine", "duckdb")
    if engine not in ("duckdb", "spark"):
        raise UsageError("config.json match_engine: expected \"duckdb\" or \"spark\"")
    return str(engine)


def _auto_chunk(records: int, workers: int | None) -> int:
    """Records matched and decided at a time when config.json sets no `match_chunk`: the
    batch shared evenly between the matching processes, but no fewer than CHUNK and no
    more than AUTO_CHUNK_MAX records a chunk. Each chunk scans the master's large tables
    again, so fewer, larger chunks cost less: against 10M taxpayers, 200,000 records
    matched in 102 s as two 100K chunks and in 142 s as ten 20K chunks (peak 7.5 GB
    against 6.4 GB, benchmarks/scale.py). The ceiling bounds a chunk's memory."""
    share = -(-records // _worker_count(workers, max(records, 1)))
    return min(AUTO_CHUNK_MAX, max(CHUNK, share))


def _chunk(home: Home) -> int | None:
    """config.json `match_chunk`: records matched and decided at a time (default: chosen
    by _auto_chunk). Larger chunks suit a Spark cluster (each chunk is a fixed number of
    Spark stages); on one machine the ceiling keeps memory bounded. Never changes a
    decision."""
    value = home.config.get("match_chunk")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CHUNK:
        raise UsageError(f"config.json match_chunk: expected a whole number from 1 to "
                         f"{MAX_CHUNK:,}")
    return value


def _new_batch_id(home: Home, m: dict[str, Any], manifest_sha: str) -> str:
    wanted = m.get("batch_id")
    base = wanted if isinstance(wanted, str) and _SAFE_ID.fullmatch(wanted) else \
        f"B-{manifest_sha[:12]}"
    candidate = base
    if home.conn.execute("SELECT 1 FROM batches WHERE batch_id = ?", (candidate,)).fetchone():
        candidate = f"{base}-{manifest_sha[:8]}"
    return candidate


def _counts(home: Home, batch_id: str) -> dict[str, int]:
    rows = home.conn.execute(
        "SELECT disposition, count(*) FROM decisions WHERE batch_id = ? GROUP BY 1",
        (batch_id,)).fetchall()
    return {str(d): int(n) for d, n in rows}

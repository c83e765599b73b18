"""Read models for the API and the pages: what a screen shows, read from the stores.

Nothing here decides anything: dispositions, reviews, approvals and releases are the
service layer's. These functions only read, check the reader's role with the same
`Home.authorize` the service uses, and log every view of taxpayer data (UNAX) in the
access log and the ledger.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dgate.errors import NotFoundError
from dgate.ledger import store as ledger
from dgate.model import Role
from dgate.service.home import Actor, Home
from dgate.service.release import (
    _CURRENT_CHUNK,
    RESPONSE_COLUMNS,
    _effective,
    details,
)
from dgate.store import case
from dgate.vault import fields as sealed
from dgate.vault.keys import BATCH, RESPONSE
from dgate.web import notes as review_notes
from dgate.web.notes import Note

ALL_ROLES = tuple(Role)
PERSONAL_ROLES = (Role.REVIEWER, Role.DISCLOSURE_OFFICER)
"""Roles that see names and addresses: the reviewer decides an item on them, the
disclosure officer approves and releases what leaves."""

FIELDS = ("first", "middle", "last", "suffix", "address", "dob", "tin")
LEVELS: dict[str, dict[int, str]] = {
    # names.NameComparison: a translation (JOHN / JUAN) is level 2, not 3
    "first": {5: "exact", 4: "same name / nickname", 3: "second given name",
              2: "variant / translation", 1: "initial", 0: "different", -1: "missing"},
    "middle": {2: "equal", 1: "compatible", 0: "different", -1: "missing"},
    "last": {5: "exact", 4: "reordered", 3: "subset", 2: "fuzzy", 0: "different",
             -1: "missing"},
    "suffix": {2: "equal", 1: "compatible", 0: "different", -1: "missing"},
    "address": {5: "same address", 4: "unit missing on one side", 3: "street fuzzy",
                2: "house number typo, or ZIP / urbanization unsettled",
                1: "same building or street", 0: "different"},
    "dob": {3: "equal", 2: "day and month swapped", 1: "one digit off", 0: "different",
            -1: "missing"},
    "tin": {1: "equal", 0: "different"},
}


@dataclass(frozen=True)
class BatchSummary:
    batch_id: str
    agency: str
    received_at: str
    record_count: int
    status: str
    approvals: int
    pending_reviews: int


@dataclass(frozen=True)
class BatchStatus:
    batch_id: str
    agency: str
    official_id: str
    signed_at: str
    processing_date: str
    received_at: str
    submitted_by: str
    record_count: int
    status: str
    batch_codes: list[str]
    ruleset_hash: str
    model_hash: str
    master_version: str
    counts: dict[str, int]
    reason_codes: dict[str, int]
    approvals: list[str]
    pending_reviews: int
    released_at: str
    released_by: str
    response_sha256: str


def batch_list(home: Home, as_user: str) -> list[BatchSummary]:
    home.authorize(as_user, ALL_ROLES, "batch list")
    rows = home.conn.execute(
        f"""SELECT b.batch_id, b.agency, b.received_at, b.record_count, b.status,
                  (SELECT count(*) FROM approvals a WHERE a.batch_id = b.batch_id),
                  {case.pending_count("d.batch_id = b.batch_id")}
           FROM batches b ORDER BY b.received_at DESC, b.batch_id""").fetchall()  # nosec B608
    return [BatchSummary(*(tuple(r))) for r in rows]


_STATUS_COUNTS = f"""SELECT d.disposition, r.verdict, d.reason_codes, {case.HELD}, count(*)
                     FROM decisions d LEFT JOIN reviews r USING (request_key)
                     WHERE d.batch_id = ? GROUP BY 1, 2, 3, 4"""  # nosec B608


def batch_status(home: Home, as_user: str, batch_id: str) -> BatchStatus:
    """Counts and provenance only: no taxpayer data, so every role may read it."""
    home.authorize(as_user, ALL_ROLES, "batch status")
    b = home.batch_row(batch_id)
    counts: dict[str, int] = {}
    codes: dict[str, int] = {}
    # grouped in the store: one row per disposition, verdict and set of reason codes, not
    # one per decision (the release page reads this too)
    for disposition, verdict, reason_codes, held, n in home.conn.execute(_STATUS_COUNTS,
                                                                         (batch_id,)):
        disp = _effective({"disposition": disposition, "verdict": verdict, "held": held})
        counts[disp] = counts.get(disp, 0) + int(n)
        for code in filter(None, str(reason_codes).split(";")):
            codes[code] = codes.get(code, 0) + int(n)
    approvals = [r[0] for r in home.conn.execute(
        "SELECT user_id FROM approvals WHERE batch_id = ? ORDER BY approved_at", (batch_id,))]
    pending = home.conn.execute(f"SELECT {case.pending_count('d.batch_id = ?')}",  # nosec B608
                                (batch_id, batch_id)).fetchone()[0]
    rel = home.conn.execute(
        "SELECT released_at, released_by, response_sha256 FROM releases WHERE batch_id = ?",
        (batch_id,)).fetchone()
    return BatchStatus(
        batch_id=batch_id, agency=b["agency"], official_id=b["official_id"],
        signed_at=b["signed_at"], processing_date=b["processing_date"],
        received_at=b["received_at"], submitted_by=b["submitted_by"],
        record_count=int(b["record_count"]), status=b["status"],
        batch_codes=[c for c in str(b["batch_codes"]).split(";") if c],
        ruleset_hash=b["ruleset_hash"], model_hash=b["model_hash"],
        master_version=b["master_version"], counts=dict(sorted(counts.items())),
        reason_codes=dict(sorted(codes.items())), approvals=approvals,
        pending_reviews=int(pending),
        released_at=rel["released_at"] if rel else "", released_by=rel["released_by"] if rel
        else "", response_sha256=rel["response_sha256"] if rel else "")


def probability_histogram(home: Home, batch_id: str, bins: int = 20) -> list[int]:
    """How many of the batch's searched records fall in each probability bin of [0, 1]."""
    out = [0] * bins
    for (p,) in home.conn.execute(
            "SELECT match_probability FROM decisions WHERE batch_id = ? "
            "AND match_probability IS NOT NULL", (batch_id,)):
        out[min(int(float(p) * bins), bins - 1)] += 1
    return out


@dataclass
class Candidate:
    role: str                        # "best" or "runner-up"
    tin_last4: str
    name: dict[str, str]
    address: dict[str, str]          # the master address the request was compared with
    levels: dict[str, int]
    weights: dict[str, float]
    bits: float
    deceased: bool = False
    compared_address: bool = True    # `address` is the one compared, not the last known


ROLE_KEYS = {"best": review_notes.BEST, "runner-up": review_notes.RUNNER}


@dataclass
class ReviewDetail:
    request_key: str
    batch_id: str
    request_id: str
    disposition: str
    reason_codes: str
    probability: float | None
    candidate_count: int | None
    verdict: str
    decided_by: str
    request: dict[str, str]
    candidates: list[Candidate] = field(default_factory=list)
    master_changed: bool = False
    prior_bits: float = 0.0
    notes: list[Note] = field(default_factory=list)  # what to check (web/notes.py)
    held: list[str] = field(default_factory=list)  # why it is in review (notes.held_back)
    # request keys of other decisions answered with this taxpayer for another person (red
    # team r22: submit.for_another): only one of them can be confirmed
    others: list[str] = field(default_factory=list)
    # a decided item whose batch is neither released nor approved by two officers: its
    # decision may be taken back (release.review_reopen)
    reopenable: bool = False
    # a DISCLOSE decision a reviewer sent back to review (release.review_hold): decided as a
    # review item is
    on_hold: bool = False


def review_detail(home: Home, as_user: str, key: str) -> ReviewDetail:
    """A request beside its best and runner-up candidates, field by field. Personal data:
    reviewers and disclosure officers only, and the view is access-logged."""
    actor = home.authorize(as_user, PERSONAL_ROLES, "review item")
    row = home.conn.execute(
        f"""SELECT d.*, rec.sealed AS record_sealed, rv.verdict, rv.decided_by,
                  b.master_version, b.status AS batch_status, {case.HELD} AS on_hold
           FROM decisions d JOIN records rec USING (batch_id, seq)
           JOIN batches b USING (batch_id)
           LEFT JOIN reviews rv USING (request_key) WHERE d.request_key = ?""",  # nosec B608
        (key,)).fetchone()
    if row is None:
        raise NotFoundError(f"no request {key!r}")
    home.require_live(actor, row["batch_id"], BATCH, "review item")
    fields, _agent = sealed.open_record(home.vault, row["batch_id"], row["seq"],
                                        row["record_sealed"])
    detail = ReviewDetail(
        request_key=key, batch_id=row["batch_id"], request_id=row["request_id"],
        disposition=row["disposition"], reason_codes=row["reason_codes"],
        probability=row["match_probability"], candidate_count=row["candidate_count"],
        verdict=row["verdict"] or "", decided_by=row["decided_by"] or "",
        on_hold=row["disposition"] == "DISCLOSE" and bool(row["on_hold"]),
        request=_request_fields(fields),
        prior_bits=math.log2(home.model.prior / (1.0 - home.model.prior)))
    if row["verdict"] and row["batch_status"] != "released":
        approvals = home.conn.execute("SELECT count(*) FROM approvals WHERE batch_id = ?",
                                      (row["batch_id"],)).fetchone()[0]
        detail.reopenable = int(approvals) < 2
    decided = details(home, row)
    explanation = json.loads(decided["explanation"] or "{}")
    if row["disposition"] == "REVIEW" or detail.on_hold:
        from dgate.service.submit import for_another  # the matcher's imports: only here

        detail.others = for_another(home, [(key, str(row["batch_id"]), int(row["seq"]),
                                            decided)], confirmed=False).get(key, [])
    wanted = [(label, explanation.get(k) or {}) for k, label in
              (("best", "best"), ("runner_up", "runner-up"))]
    wanted = [(label, e) for label, e in wanted if e.get("tin")]
    if wanted:
        detail.candidates, detail.master_changed = _candidates(home, wanted,
                                                               row["master_version"])
    detail.notes = review_notes.derive(
        explanation, fields, {ROLE_KEYS[c.role]: _master_values(c) for c in detail.candidates},
        close=review_notes.close_bits(home.model))
    detail.held = review_notes.held_back(explanation)
    if row["disposition"] == "REVIEW" or detail.on_hold:
        # what the queue's Check column says of the item and its own explanation may not
        # (an earlier item's names nothing of a later request): red teams r35, r36, r37
        from dgate.service.submit import same_a_number_elsewhere, tin_given_for_another

        against = same_a_number_elsewhere(home, [key]).get(key)
        if against:
            detail.notes.append(review_notes.one_person(against))
        notes = {key: detail.notes}
        _tin_given_notes(notes, tin_given_for_another(
            home, [(key, str(row["batch_id"]), int(row["seq"]), decided)]))
        detail.notes = notes[key]
    with case.transaction(home.conn):
        home.access(actor, "review item", key)
    return detail


def _master_values(c: Candidate) -> dict[str, str]:
    """A candidate's master values for the notes: the address only where it is the one
    the request was compared with."""
    return {**c.name, **(c.address if c.compared_address else {})}


QUEUE_NOTES_MAX = 200
"""The queue's Check column is read for its first items only: each needs the sealed decision
and record opened, and a 1.28M-record batch may leave tens of thousands in review."""


def queue_notes(home: Home, as_user: str, batch_id: str | None,
                keys: Sequence[str] | None = None) -> dict[str, list[Note]]:
    """The notes (web/notes.py) of each pending review item, for the queue's short labels.
    They are read from sealed decision details and request records: reviewers and
    disclosure officers only, and access-logged. Items of a batch whose data was destroyed
    get none. `keys`: only these items (the queue page passes its first QUEUE_NOTES_MAX)."""
    actor = home.authorize(as_user, PERSONAL_ROLES, "review queue notes")
    where: list[str] = []
    args: tuple[str, ...] = ()
    if batch_id is not None:
        where.append("d.batch_id = ?")
        args = (batch_id,)
    if keys is not None:
        keys = list(keys)
        where.append(f"d.request_key IN ({', '.join('?' * len(keys))})" if keys else "0")
        args += tuple(keys)
    # both branches of the compound statement take the parameters
    sql = case.pending_review("d.request_key, d.batch_id, d.seq, d.sealed, "
                              "rec.sealed AS record_sealed", " AND ".join(where),
                              joins="JOIN records rec USING (batch_id, seq)")
    args = args * 2 if where else ()
    from dgate.service.submit import (  # the matcher's imports: only here
        for_another,
        same_a_number_elsewhere,
        tin_given_for_another,
    )

    close = review_notes.close_bits(home.model)
    live: dict[str, bool] = {}
    out: dict[str, list[Note]] = {}
    opened: list[tuple[str, str, int, dict[str, str]]] = []
    for row in home.conn.execute(sql, args).fetchall():
        b = str(row["batch_id"])
        if b not in live:
            live[b] = home.vault.destroyed(BATCH, b) is None
        if not live[b]:
            continue
        decided = details(home, row)
        opened.append((str(row["request_key"]), b, int(row["seq"]), decided))
        explanation = json.loads(decided["explanation"] or "{}")
        fields, _agent = sealed.open_record(home.vault, b, row["seq"], row["record_sealed"])
        out[str(row["request_key"])] = review_notes.derive(explanation, fields, close=close)
    # what `review list` shows as other_person_same_taxpayer (release.review_list_with_
    # reasons): another decision answered with the taxpayer for a request naming another
    # person, of any batch, pending or not
    for key, against in for_another(home, opened, confirmed=False).items():
        if not any(n.code == review_notes.OTHER_PERSON for n in out[key]):
            out[key].append(review_notes.other_person(against))
    # and `review list`'s one_a_number_other_taxpayer (red team r35)
    for key, against in same_a_number_elsewhere(home, [k for k, *_ in opened]).items():
        out[key].append(review_notes.one_person(against))
    # and `review list`'s tin_given_for_another_person (red team r36; r37: said nowhere
    # here), the item's own earlier_other_person_gave_tin said once
    _tin_given_notes(out, tin_given_for_another(home, opened))
    with case.transaction(home.conn):
        home.access(actor, "review queue notes", batch_id or "*")
    return out


def _tin_given_notes(notes: dict[str, list[Note]], found: Mapping[str, list[str]]) -> None:
    """Add to each item's notes the TIN given for another person by the requests `found`
    names (request keys only), in place of the item's own note of it, which names none."""
    for key, against in found.items():
        notes[key] = [n for n in notes[key] if n.code != review_notes.TIN_GIVEN]
        notes[key].append(review_notes.tin_given(against))


def _request_fields(stored: dict[str, str]) -> dict[str, str]:
    fields = dict(stored)
    tin = str(fields.get("tin", ""))
    digits = "".join(c for c in tin if c.isdigit())
    fields["tin"] = f"***-**-{digits[-4:]}" if digits else ""
    return {str(k): str(v) for k, v in fields.items()}


def _candidates(home: Home, wanted: list[tuple[str, dict[str, Any]]], version: str
                ) -> tuple[list[Candidate], bool]:
    out = []
    with home.master.connect() as con:
        current = str(con.execute("SELECT version FROM meta").fetchall()[0][0])
        same = current == version
        for label, e in wanted:
            tin = str(e["tin"])
            tp = con.execute(
                "SELECT first_name, middle_name, last_name, name_suffix, "
                "CAST(date_of_birth AS VARCHAR), date_of_death IS NOT NULL "
                "FROM taxpayers WHERE tin = ?", [tin]).fetchall()
            name = dict(zip(("first_name", "middle_name", "last_name", "name_suffix",
                             "date_of_birth"), (str(v or "") for v in tp[0][:5]),
                            strict=True)) if tp else {}
            # The address ids are those of the master the decision was made on; on a newer
            # master they name other rows, so only the last known address is shown.
            addr: list[Any] = []
            compared = False
            if same:
                addr = con.execute(
                    "SELECT street, unit, city, state, zip, source FROM addresses "
                    "WHERE addr_id = ? AND tin = ?", [int(e.get("addr_id", -1)), tin]).fetchall()
                compared = bool(addr)
            if not addr:
                addr = con.execute(
                    "SELECT a.street, a.unit, a.city, a.state, a.zip, a.source FROM lka l "
                    "JOIN addresses a USING (addr_id) WHERE l.tin = ?", [tin]).fetchall()
            address = dict(zip(("street", "unit", "city", "state", "zip", "source"),
                               (str(v or "") for v in addr[0]), strict=True)) if addr else {}
            out.append(Candidate(
                role=label, tin_last4=f"***-**-{tin[-4:]}", name=name, address=address,
                levels={k: int(v) for k, v in e.get("levels", {}).items()},
                weights={k: float(v) for k, v in e.get("weights", {}).items()},
                bits=float(e.get("bits", 0.0)), deceased=bool(tp and tp[0][5]),
                compared_address=compared))
    return out, not same


PREVIEW_ROWS = 100
"""Rows of the response file the release page shows at a time (`?page=`). It held and drew
every row: 8.6 MB of Python heap and 848 KB of HTML at 5,000 records (1.8 KB and 170 bytes
a record; benchmarks/release_page.py), 2.3 GB of heap at 1.28M."""


@dataclass(frozen=True)
class ReleasePreview:
    """One page of the response file's rows, and how many it holds of each outcome."""

    batch_id: str
    released: bool
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]]  # this page's rows, in the file's order
    outcomes: dict[str, int]     # the whole file's rows by outcome
    page: int = 1                # 1-based, within 1..pages
    page_size: int = PREVIEW_ROWS

    @property
    def total(self) -> int:
        return sum(self.outcomes.values())

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def first(self) -> int:
        """The 1-based row number of the page's first row (0 for an empty file)."""
        return (self.page - 1) * self.page_size + 1 if self.rows else 0


OUTCOMES = ("DISCLOSED", "NOT_DISCLOSED", "REJECTED")


def _outcome(disposition: str, verdict: str | None, held: object = False) -> str:
    """A decision's outcome in the response file, as release() writes it."""
    disp = _effective({"disposition": disposition, "verdict": verdict, "held": held})
    return {"DISCLOSE": "DISCLOSED", "REJECTED": "REJECTED"}.get(disp, "NOT_DISCLOSED")


_OUTCOME_COUNTS = f"""SELECT d.disposition, r.verdict, {case.HELD}, count(*) FROM decisions d
                      LEFT JOIN reviews r USING (request_key) WHERE d.batch_id = ?
                      GROUP BY 1, 2, 3"""  # nosec B608
_NTH_SEQ = "SELECT seq FROM decisions WHERE batch_id = ? ORDER BY seq LIMIT 1 OFFSET ?"


def release_preview(home: Home, as_user: str, batch_id: str, page: int = 1,
                    page_size: int = PREVIEW_ROWS) -> ReleasePreview:
    """The rows the response file holds (once released: the stored file; before: the rows
    release would write now), `page_size` of them from page `page` (clamped to the pages
    there are), and how many of each outcome the whole file holds. Before release the
    counts are one grouped query and the page's rows a slice by the decisions' key (only
    they are opened); once released the stored file is read as it is parsed, keeping the
    page's rows only. Disclosure officers only; access-logged."""
    actor = home.authorize(as_user, [Role.DISCLOSURE_OFFICER], "release preview")
    home.batch_row(batch_id)
    page_size = max(1, page_size)
    stored = _stored_response(home, actor, batch_id)
    if stored is not None:
        preview = _stored_page(batch_id, stored, page, page_size)
    else:
        home.require_live(actor, batch_id, BATCH, "release preview")
        outcomes = dict.fromkeys(OUTCOMES, 0)
        rows: list[tuple[str, ...]] = []
        with ledger.snapshot(home.conn):  # a review decided meanwhile: in both or neither
            for disposition, verdict, held, n in home.conn.execute(_OUTCOME_COUNTS,
                                                                   (batch_id,)):
                outcomes[_outcome(str(disposition), verdict, held)] += int(n)
            total = sum(outcomes.values())
            page = min(max(1, page), max(1, -(-total // page_size)))
            start = home.conn.execute(_NTH_SEQ, (batch_id, (page - 1) * page_size)).fetchone()
            if start is not None:
                rows = [_response_row(home, r) for r in home.conn.execute(
                    _CURRENT_CHUNK, (batch_id, int(start[0]) - 1, page_size)).fetchall()]
        preview = ReleasePreview(batch_id, False, RESPONSE_COLUMNS, rows, outcomes, page,
                                 page_size)
    with case.transaction(home.conn):
        home.access(actor, "release preview", batch_id)
    return preview


def _stored_page(batch_id: str, stored: bytes, page: int, page_size: int) -> ReleasePreview:
    """A page of a released batch's stored response file, and its rows by outcome: the
    file parsed as it is read, only the page's rows kept (a page past the last is the
    last)."""
    import csv
    import io

    reader = csv.reader(io.TextIOWrapper(io.BytesIO(stored), encoding="utf-8", newline=""))
    columns = tuple(next(reader, ()))
    at = columns.index("outcome") if "outcome" in columns else 1
    outcomes = dict.fromkeys(OUTCOMES, 0)
    lo = (max(1, page) - 1) * page_size
    rows: list[tuple[str, ...]] = []
    last: list[tuple[str, ...]] = []  # the latest full or partial page, if `page` is past the end
    for n, r in enumerate(reader):
        outcomes[r[at] if len(r) > at else ""] = outcomes.get(r[at] if len(r) > at else "",
                                                              0) + 1
        if lo <= n < lo + page_size:
            rows.append(tuple(r))
        elif not rows:
            if n % page_size == 0:
                last = []
            last.append(tuple(r))
    total = sum(outcomes.values())
    pages = max(1, -(-total // page_size))
    if not rows:
        rows, page = last, pages
    return ReleasePreview(batch_id, True, columns, rows, outcomes, min(max(1, page), pages),
                          page_size)


def _response_row(home: Home, r: sqlite3.Row) -> tuple[str, ...]:
    # The same three shapes release() writes: an address only for a disclosure, the reason
    # codes only for a rejection.
    disp = _effective(r)
    if disp == "DISCLOSE":
        d = details(home, r)
        return (r["request_id"], "DISCLOSED", "", d["street"], d["unit"], d["city"],
                d["state"], d["zip"])
    if disp == "REJECTED":
        return (r["request_id"], "REJECTED", r["reason_codes"], "", "", "", "", "")
    return (r["request_id"], "NOT_DISCLOSED", "", "", "", "", "", "")


def _stored_response(home: Home, actor: Actor, batch_id: str) -> bytes | None:
    row = home.conn.execute("SELECT response FROM releases WHERE batch_id = ?",
                            (batch_id,)).fetchone()
    if row is None:
        return None
    home.require_live(actor, batch_id, RESPONSE, "response download")
    return sealed.open_response(home.vault, batch_id, bytes(row[0]))


def response_file(home: Home, as_user: str, batch_id: str) -> bytes:
    """The stored response file of a released batch, for a disclosure officer to send."""
    actor = home.authorize(as_user, [Role.DISCLOSURE_OFFICER], "response download")
    home.batch_row(batch_id)
    data = _stored_response(home, actor, batch_id)
    if data is None:
        raise NotFoundError(f"batch {batch_id} has not been released")
    with case.transaction(home.conn):
        home.access(actor, "response download", batch_id)
    return data


def checkpoint_note(home: Home, as_user: str, *, new: bool) -> str:
    """The latest signed checkpoint; with `new`, sign a fresh one first."""
    from dgate.service.audit import checkpoint_note as note_of

    note = note_of(home, as_user, new=new)
    if note is None:
        raise NotFoundError("the ledger has no checkpoint yet")
    return note


def inclusion_proof(home: Home, as_user: str, index: int) -> dict[str, Any]:
    from dgate.service.home import KEY_NAME

    home.authorize(as_user, [Role.AUDITOR, Role.ADMIN], "ledger prove")
    return ledger.evidence(home.conn, index, KEY_NAME, home.public_key())


def actor_of(home: Home, user: str) -> Actor:
    return home.authorize(user, ALL_ROLES, "sign in")


FIELD_LABELS = {"first": "First name", "middle": "Middle name", "last": "Last name",
                "suffix": "Suffix", "address": "Address", "dob": "Date of birth",
                "tin": "TIN"}


@dataclass(frozen=True)
class Cell:
    value: str
    level: int | None
    level_label: str
    weight: float | None


@dataclass(frozen=True)
class ComparisonRow:
    field: str
    label: str
    request: str
    cells: list[Cell]
    checks: tuple[str, ...] = ()     # the short labels of the notes on this field

def _join(*parts: str) -> str:
    return ", ".join(p for p in parts if p)


def comparison_rows(d: ReviewDetail) -> list[ComparisonRow]:
    """The request and each candidate field by field, with the comparison level and the
    match weight (bits) the matcher gave that field."""
    r = d.request
    req = {"first": r.get("first_name", ""), "middle": r.get("middle_name", ""),
           "last": r.get("last_name", ""), "suffix": r.get("name_suffix", ""),
           "dob": r.get("date_of_birth", ""), "tin": r.get("tin", ""),
           "address": r.get("address", "") or _join(
               " ".join(p for p in (r.get("street", ""), r.get("unit", "")) if p),
               r.get("city", ""), " ".join(p for p in (r.get("state", ""), r.get("zip", ""))
                                           if p))}
    rows = []
    for f in FIELDS:
        cells = []
        for c in d.candidates:
            n, a = c.name, c.address
            value = {"first": n.get("first_name", ""), "middle": n.get("middle_name", ""),
                     "last": n.get("last_name", ""), "suffix": n.get("name_suffix", ""),
                     "dob": n.get("date_of_birth", ""), "tin": c.tin_last4,
                     "address": _join(" ".join(p for p in (a.get("street", ""),
                                                           a.get("unit", "")) if p),
                                      a.get("city", ""),
                                      " ".join(p for p in (a.get("state", ""),
                                                           a.get("zip", "")) if p))}[f]
            lv = c.levels.get(f)
            cells.append(Cell(value, lv, LEVELS[f].get(lv, "") if lv is not None
                              else "not compared", c.weights.get(f)))
        if f == "tin" and not req["tin"] and all(c.level is None for c in cells):
            continue
        checks = tuple(dict.fromkeys(n.short for n in d.notes if n.field == f))
        rows.append(ComparisonRow(f, FIELD_LABELS[f], req[f], cells, checks))
    return rows

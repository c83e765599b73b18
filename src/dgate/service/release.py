"""Decision report, review, approval and release — the two-person control over what leaves.

The response file is built once, stored in the case store with the release, and the
release's accounting rows and ledger entries are written in that same transaction. A
repeated release rewrites the stored bytes and records no second disclosure.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, cast

import pyarrow as pa

from dgate import faults
from dgate.csvout import Output, render_pieces, write_atomic
from dgate.errors import IntegrityError, NotFoundError, PolicyError, UsageError
from dgate.ledger import store as ledger
from dgate.model import Outcome, Role
from dgate.service.home import Actor, Home, require_no_pending, utc_now
from dgate.store import case, db
from dgate.store.master import master_version
from dgate.vault import fields as sealed
from dgate.vault.keys import BATCH, RESPONSE

DECISION_COLUMNS = ("request_id", "disposition", "reason_codes", "match_tin",
                    "match_probability", "candidate_count", "street", "unit", "city", "state",
                    "zip", "address_source", "address_effective_date")
RESPONSE_COLUMNS = ("request_id", "outcome", "reason_codes", "street", "unit", "city", "state",
                    "zip")

_CURRENT = f"""SELECT d.*, r.verdict, r.decided_by AS reviewer, {case.HELD} AS held
               FROM decisions d LEFT JOIN reviews r USING (request_key)
               WHERE d.batch_id = ? ORDER BY d.seq"""  # nosec B608


def _effective(row: db.Row) -> str:
    """A review item's disposition once a reviewer has decided it; a DISCLOSE decision a
    reviewer holds (`review hold`) is REVIEW until decided again, then as decided."""
    if row["disposition"] in ("REVIEW", "DISCLOSE") and row["verdict"]:
        return "DISCLOSE" if row["verdict"] == "disclose" else "NOT_DISCLOSED"
    if row["disposition"] == "DISCLOSE" and _held(row):
        return "REVIEW"
    return str(row["disposition"])


def _held(row: db.Row) -> bool:
    """The row's `held` column (case.HELD), False where it was not read."""
    try:
        return bool(row["held"])
    except (KeyError, IndexError):
        return False


def details(home: Home, row: db.Row) -> dict[str, str]:
    """A decision row's sealed details (matched TIN, address, explanation), opened."""
    return sealed.open_decision(home.vault, row["batch_id"], row["seq"], row["sealed"])


def _prob(p: float | None) -> str:
    return "" if p is None else f"{p:.6f}"


def decision_report(home: Home, as_user: str | None, batch_id: str, out: Output) -> int:
    actor = home.authorize(as_user, [Role.INTAKE, Role.REVIEWER, Role.DISCLOSURE_OFFICER,
                                     Role.AUDITOR, Role.ADMIN], "batch decisions")
    home.check_output(out)
    home.batch_row(batch_id)
    home.require_live(actor, batch_id, BATCH, "batch decisions")
    count = [0]

    def rows() -> Iterator[tuple[object, ...]]:
        # read as written (render_pieces): 1.1 KB a record held whole before, 1.5 GB for
        # a batch of 1.28M (benchmarks/after_submit.py). ledger.rows streams on either
        # store (a plain PostgreSQL cursor holds the whole result in the client), in one
        # read-only snapshot: a review decided meanwhile is in the report or not, whole.
        with ledger.snapshot(home.conn):  # as long as the rows are read
            for r in cast(Iterator[db.Row], ledger.rows(home.conn, _CURRENT, (batch_id,))):
                disp = _effective(r)
                shown = disp in ("DISCLOSE", "REVIEW")
                d = details(home, r) if shown else {}
                count[0] += 1
                yield (
                    r["request_id"], disp, r["reason_codes"], d.get("match_tin", ""),
                    _prob(r["match_probability"]),
                    "" if r["candidate_count"] is None else r["candidate_count"],
                    *((d["street"], d["unit"], d["city"], d["state"], d["zip"],
                       d["address_source"], d["address_effective_date"]) if shown
                      else ("",) * 7))

    write_atomic(out, render_pieces(DECISION_COLUMNS, rows()))
    with case.transaction(home.conn):
        home.access(actor, "decision report", batch_id)
    return count[0]


@dataclass(frozen=True)
class ReviewItem:
    request_key: str
    batch_id: str
    request_id: str
    probability: float | None
    candidates: int | None


REVIEW_LIST_ROLES = (Role.REVIEWER, Role.DISCLOSURE_OFFICER, Role.AUDITOR, Role.ADMIN,
                     Role.INTAKE)
OTHER_PERSON = "other_person_same_taxpayer"
"""A review list's reason found when listed, not recorded with the decision: another
decision, of any batch, answered (DISCLOSE, or REVIEW pending or confirmed) with the same
taxpayer for a request naming another person (service/submit.py `for_another`). Of the two,
only one can be confirmed (`_another_person`)."""

ONE_PERSON = "one_a_number_other_taxpayer"
"""A review list's reason found when listed: another decision, of any batch, answered
(DISCLOSE, or REVIEW pending or confirmed) with another taxpayer for a request giving the
same A-number (service/submit.py `same_a_number_elsewhere`; red team r35). Of the two,
only one can be confirmed (`_one_person`)."""

TIN_GIVEN = "tin_given_for_another_person"
"""`review list`'s reason beside an item whose taxpayer's TIN another request (of any batch,
answered or not) gave for someone its own fields say is another person (service/submit.py
`tin_given_for_another`; red team r36): the TIN was given for two people."""

HELD = "held_for_review"
"""`review list`'s reason beside a DISCLOSE decision a reviewer sent back to review
(`review hold`, audit 23), e.g. after a release refused it."""

REASON_ROLES = (Role.REVIEWER, Role.DISCLOSURE_OFFICER)
"""Roles that see why an item is in review (as the web review page, web/views.py's
PERSONAL_ROLES): the reasons are read from the sealed decision."""


def review_list(home: Home, as_user: str | None, batch_id: str | None) -> list[ReviewItem]:
    actor = home.authorize(as_user, REVIEW_LIST_ROLES, "review list")
    return _pending(home, actor, batch_id)


def review_list_with_reasons(home: Home, as_user: str | None, batch_id: str | None
                             ) -> tuple[list[ReviewItem], dict[str, list[str]] | None]:
    """The pending review items and, for reviewers and disclosure officers, why each went
    to review: the rules the policy recorded (the sealed explanation's "review_because",
    decide/policy.py; the web review page's "Not disclosed automatically because"). Codes
    only, never a value. None for the other roles, who may list the queue but not read the
    sealed decisions through it; an item recorded without them, or of a batch whose data was
    destroyed, gets []. Reading them is access-logged."""
    from dgate.decide.policy import review_because  # the matcher's imports: only here
    from dgate.service.submit import (
        for_another,
        same_a_number_elsewhere,
        tin_given_for_another,
    )

    actor = home.authorize(as_user, REVIEW_LIST_ROLES, "review list")
    items = _pending(home, actor, batch_id)
    if actor.role not in {r.value for r in REASON_ROLES}:
        return items, None
    sql, args = _pending_sql("d.request_key, d.batch_id, d.seq, d.sealed, d.disposition",
                             batch_id)
    live: dict[str, bool] = {}
    reasons: dict[str, list[str]] = {}
    opened: list[tuple[str, str, int, dict[str, str]]] = []
    for row in home.conn.execute(sql, args).fetchall():
        b = str(row["batch_id"])
        if b not in live:
            live[b] = home.vault.destroyed(BATCH, b) is None
        # a DISCLOSE decision a reviewer sent back to review (`review hold`)
        codes: list[str] = [HELD] if row["disposition"] == "DISCLOSE" else []
        if live[b]:
            decided = details(home, row)
            opened.append((str(row["request_key"]), b, int(row["seq"]), decided))
            try:
                explanation = json.loads(decided.get("explanation") or "{}")
            except ValueError:
                explanation = None
            if isinstance(explanation, dict):
                codes += review_because(explanation)
        reasons[str(row["request_key"])] = codes
    # Red team r22: the earlier item's reviewer is told of a later one too (the later's
    # explanation names the earlier: earlier_other_person), and of any other decision
    # answered with the taxpayer for a request naming another person, pending or not.
    for key in for_another(home, opened, confirmed=False):
        if OTHER_PERSON not in reasons[key]:
            reasons[key].append(OTHER_PERSON)
    # Red team r35: and of any other decision answered under its request's A-number with
    # another taxpayer, pending or not (one person, two last known addresses)
    for key in same_a_number_elsewhere(home, [k for k, *_ in opened]):
        if ONE_PERSON not in reasons[key]:
            reasons[key].append(ONE_PERSON)
    # Red team r36: and of any other request, answered or not, that gave its taxpayer's TIN
    # for someone its own fields say is another person
    for key in tin_given_for_another(home, opened):
        if TIN_GIVEN not in reasons[key]:
            reasons[key].append(TIN_GIVEN)
    with case.transaction(home.conn):
        home.access(actor, "review reasons", batch_id or "*")
    return items, reasons


def _pending_sql(columns: str, batch_id: str | None) -> tuple[str, tuple[str, ...]]:
    """The decisions in review and not yet decided (of one batch, if given): `columns` of
    them, and the statement's arguments. A compound statement (case.pending_review):
    ordered by result column names only."""
    if batch_id is None:
        return case.pending_review(columns), ()
    return case.pending_review(columns, "d.batch_id = ?"), (batch_id, batch_id)


def _pending(home: Home, actor: Actor, batch_id: str | None) -> list[ReviewItem]:
    if batch_id is not None:
        home.batch_row(batch_id)
    sql, args = _pending_sql("d.request_key, d.batch_id, d.request_id, d.match_probability, "
                             "d.candidate_count, d.seq", batch_id)
    # ordered here (by batch and sequence): ordered by the store, each branch read a
    # batch's every decision in order rather than its review items by their indexes
    items = [ReviewItem(r[0], r[1], r[2], r[3], r[4]) for r in sorted(
        home.conn.execute(sql, args).fetchall(), key=lambda r: (str(r[1]), int(r[5])))]
    with case.transaction(home.conn):
        home.access(actor, "review queue", batch_id or "*")
    return items


def review_decide(home: Home, as_user: str | None, key: str, disclose: bool) -> None:
    actor = home.authorize(as_user, [Role.REVIEWER], "review decide")
    row = home.conn.execute(
        f"SELECT d.batch_id, d.seq, d.disposition, d.sealed, {case.HELD} AS held "
        "FROM decisions d WHERE d.request_key = ?", (key,)).fetchone()  # nosec B608
    if row is None:
        raise NotFoundError(f"no request {key!r}")
    _require_review_item(key, row)
    home.require_live(actor, row["batch_id"], BATCH, "review decide")
    with case.transaction(home.conn):
        why = ""
        if home.conn.execute("SELECT 1 FROM reviews WHERE request_key = ?", (key,)).fetchone():
            why = f"request {key} was already decided by a reviewer"
        elif home.batch_row(row["batch_id"])["status"] == "released":
            why = f"batch {row['batch_id']} is already released"
        elif home.batch_row(row["batch_id"])["submitted_by"] == actor.user_id:
            why = (f"batch {row['batch_id']} was submitted by {actor.user_id}, who may not "
                   f"decide its review items")
        elif disclose:
            why = _another_person(home, key, row)
        if why:
            # The refusal is itself on the ledger (committed, unlike the decision).
            home.record(actor, "review_refused", key, "refused", why=why)
    if why:
        raise PolicyError(why)
    with case.transaction(home.conn):
        # The batch row locked: a release of it waits for this review, or this sees it.
        db.lock_row(home.conn, "batches", "batch_id", row["batch_id"])
        if home.conn.execute("SELECT 1 FROM reviews WHERE request_key = ?", (key,)).fetchone():
            raise PolicyError(f"request {key} was already decided by a reviewer")
        b = home.batch_row(row["batch_id"])
        if b["status"] == "released":
            raise PolicyError(f"batch {row['batch_id']} is already released")
        if b["submitted_by"] == actor.user_id:
            raise PolicyError(f"batch {row['batch_id']} was submitted by {actor.user_id}, "
                              f"who may not decide its review items")
        if disclose:
            # Two reviewers confirming the two items of a pair at once: on PostgreSQL the
            # ledger lock (taken by every review decision's event) orders them; SQLite's
            # transaction already holds the write lock.
            db.advisory_lock(home.conn, db.LEDGER_LOCK)
            why = _another_person(home, key, row)
            if why:
                raise PolicyError(why)
        verdict = "disclose" if disclose else "no_disclose"
        home.conn.execute("INSERT INTO reviews VALUES (?, ?, ?, ?)",
                          (key, verdict, actor.user_id, utc_now()))
        faults.point("review.stored")
        home.record(actor, "review_decision", key, verdict)
        faults.point("review.recorded")
    faults.point("review.committed")


def _another_person(home: Home, key: str, row: db.Row) -> str:
    """Why this review item may not be confirmed ("" if it may): another decision that
    discloses as it stands (DISCLOSE, or REVIEW a reviewer confirmed), of any batch, names
    the same taxpayer for a request whose own fields say it is another person (date of
    birth, TIN or generation, each given and different), and the taxpayer's record does
    not settle this one (service/submit.py `for_another`). Red team r22: the
    reviewer of a later batch's item is told of the earlier one (earlier_other_person), but
    the earlier item's reviewer saw nothing of the later one, and confirmed it after the
    later was confirmed: one taxpayer's address to two requests naming two people, nobody
    having seen both. The second of such a pair is refused (request keys only, never a
    value); it may still be refused by its reviewer, and once either is refused the other
    may be confirmed. A batch whose data was destroyed has nothing left to compare."""
    from dgate.service.submit import (  # the matcher's imports: only here
        for_another,
        tin_given_for_another,
    )

    if home.vault.destroyed(BATCH, row["batch_id"]) is not None:
        return ""
    item = [(key, str(row["batch_id"]), int(row["seq"]), details(home, row))]
    others = for_another(home, item, confirmed=True).get(key)
    if not others:
        # Red team r37: for_another skips an item its taxpayer's record settles, and the
        # TIN the item's request gives settles it; but where another request gave that TIN
        # too, for someone its own fields say is another person, and discloses the taxpayer
        # as it stands, the TIN settles neither (red team r36): the second is refused
        given = tin_given_for_another(home, item, disclosing=True).get(key)
        if given:
            return (f"request {key} cannot be disclosed: {_some(given, 5)} already "
                    f"discloses the same taxpayer for a request that gave its TIN for "
                    f"another person (date of birth, generation, A-number or middle name); "
                    f"it can only be refused (--no-disclose)")
        return _one_person(home, key, str(row["batch_id"]), int(row["seq"]))
    return (f"request {key} cannot be disclosed: {_some(others, 5)} already discloses the same "
            f"taxpayer for a request naming another person (date of birth, TIN, "
            f"generation or A-number); it can only be refused (--no-disclose)")


_SAME_A_NUMBER_OF_SQL = f"""
SELECT o.batch_id, o.seq, o.request_key
FROM decisions d JOIN decisions o ON o.a_number_index = d.a_number_index
LEFT JOIN reviews ro ON ro.request_key = o.request_key
WHERE d.request_key = ? AND d.a_number_index <> '' AND o.a_number_index <> ''
AND d.tin_index <> '' AND o.tin_index <> '' AND o.tin_index <> d.tin_index
AND {case.with_aliases(case.DISCLOSES, "o", "ro")}
ORDER BY o.request_key
"""  # nosec B608


def _one_person(home: Home, key: str, batch_id: str, seq: int) -> str:
    """Why this review item may not be confirmed ("" if it may): another decision that
    discloses as it stands, of any batch, gives its request's A-number (one person's
    A-file) with another taxpayer, and this one's taxpayer's record does not settle it
    where the other's does not (batchwise.one_person_two_taxpayers). Red team r35: one
    person's two last known addresses. Request keys only, never a value."""
    from dgate.service.submit import settled_decision  # the matcher's imports: only here

    found = home.conn.execute(_SAME_A_NUMBER_OF_SQL, (key,)).fetchall()
    if not found:
        return ""
    mine = settled_decision(home, batch_id, seq)
    others = [str(k) for b, s, k in found
              if not (mine and not settled_decision(home, str(b), int(s)))]
    if not others:
        return ""
    return (f"request {key} cannot be disclosed: {_some(others, 5)} already discloses another "
            f"taxpayer for a request giving the same A-number (one person); it can only be "
            f"refused (--no-disclose)")


def _some(keys: list[str], most: int) -> str:
    """The first `most` of `keys`, then how many more: what a refusal names."""
    more = len(keys) - most
    return ", ".join(keys[:most]) + (f" and {more} more" if more > 0 else "")


def _require_review_item(key: str, row: db.Row) -> None:
    """UsageError unless the decision is a review item: REVIEW, or a DISCLOSE decision a
    reviewer holds (`review hold`). Raised before anything is recorded: a DISCLOSE decision
    not held has no review event (case.HELD)."""
    if row["disposition"] == "REVIEW" or (row["disposition"] == "DISCLOSE" and row["held"]):
        return
    hint = ""
    if row["disposition"] == "DISCLOSE":
        hint = (f"; to have it decided again before its batch is released: "
                f"dgate review hold {key} --reason TEXT")
    raise UsageError(f"request {key} is not a review item ({row['disposition']}){hint}")


def hold_context(key: str) -> str:
    """Where a hold's reason is sealed: the request (a decision is held once at most)."""
    return f"decisions|{key}|hold_reason"


def review_hold(home: Home, as_user: str | None, key: str, reason: str) -> list[str]:
    """Send a DISCLOSE decision of a batch not yet released back to review (audit 23): a
    release refused because the master was loaded again since the batch was decided (its
    address no longer the taxpayer's last known one), or for a pair of disclosures naming
    two people, said "those requests must be decided again", and no command could. The
    item becomes a pending review item (`review list`, `review decide`; every check of
    `review decide --disclose` and of the release applies to it as to any review item), and
    the batch cannot be released until a reviewer has decided it. A reviewer's action, with
    a reason (sealed under the batch's key, as a reopening's). The decision event stays on
    the ledger as it was; the hold is an event of its own (review_held, a review event:
    `review history` lists it, and `ledger verify` holds the review_events index that says
    the item is held against it). Approvals already given were of the batch as decided:
    withdrawn (approvals_withdrawn), so two officers approve again. Refused (exit 4, on the
    ledger as hold_refused) once the batch is released or when the item is held already
    (its decision is then taken back by `review reopen`). Returns the officers whose
    approvals were withdrawn."""
    actor = home.authorize(as_user, [Role.REVIEWER], "review hold")
    reason = _one_line_reason(reason, "review hold", "the decision is sent back to review")
    row = home.conn.execute(
        "SELECT batch_id, disposition FROM decisions WHERE request_key = ?",
        (key,)).fetchone()
    if row is None:
        raise NotFoundError(f"no request {key!r}")
    if row["disposition"] != "DISCLOSE":
        hint = ("; a reviewer's decision is taken back by `dgate review reopen`"
                if row["disposition"] == "REVIEW" else "")
        raise UsageError(f"request {key} is not a DISCLOSE decision "
                         f"({row['disposition']}){hint}")
    batch_id = str(row["batch_id"])
    home.require_live(actor, batch_id, BATCH, "review hold")
    withdrawn: list[str] = []
    with case.transaction(home.conn):
        # The batch row locked, as approve, review decide, reopen and release lock it.
        db.lock_row(home.conn, "batches", "batch_id", batch_id)
        b = home.batch_row(batch_id)
        held = bool(home.conn.execute(f"SELECT {case.HELD} FROM decisions d "  # nosec B608
                                      "WHERE d.request_key = ?", (key,)).fetchone()[0])
        why = ""
        if b["status"] == "released":
            why = f"batch {batch_id} is already released"
        elif held:
            why = (f"request {key} is already held for review; a reviewer's decision of it "
                   f"is taken back by `dgate review reopen`")
        if why:
            # not a review event: a DISCLOSE decision's review events say it is held
            home.record(actor, "hold_refused", key, "refused", action="review hold",
                        why=why)
        else:
            home.record(actor, "review_held", key, "held",
                        reason_sealed=_sealed_reason(home, batch_id, hold_context(key),
                                                     reason))
            withdrawn = _withdraw_approvals(home, actor, batch_id, key, "review_held")
    if why:
        raise PolicyError(why)
    return withdrawn


REOPEN_REASON_MAX = 500
"""The longest reason a reviewer may give for reopening a review decision (characters)."""


def reopen_context(key: str, decided_at: str) -> str:
    """Where a reopening's reason is sealed: the request and the decision it reopened."""
    return f"reviews|{key}|{decided_at}|reopen_reason"


def review_reopen(home: Home, as_user: str | None, key: str, reason: str) -> list[str]:
    """Take a reviewer's decision back before the batch leaves: the item returns to the
    review queue, to be decided again. A reviewer's action (any reviewer: the one who erred
    may be away), refused (exit 4, on the ledger as review_refused) once the batch holds
    the two approvals a release needs, or is released; an item no reviewer has decided has
    nothing to reopen. The earlier decision stays on the ledger (its review_decision
    event); the reopening is an event of its own (review_reopened: the verdict taken back,
    who gave it and when, the reason sealed under the batch's key, as the request's own
    values are: a reviewer's words about a request may quote them, and the ledger is never
    erased, while retention destroys the batch's key). An approval already given (one
    officer's) was of the batch as it was reviewed then: it is withdrawn (approvals_withdrawn,
    the officers named), and two officers must approve again. Returns the officers whose
    approvals were withdrawn."""
    actor = home.authorize(as_user, [Role.REVIEWER], "review reopen")
    reason = _one_line_reason(reason, "review reopen", "the decision is taken back")
    row = home.conn.execute(
        f"SELECT d.batch_id, d.seq, d.disposition, {case.HELD} AS held FROM decisions d "
        "WHERE d.request_key = ?", (key,)).fetchone()  # nosec B608
    if row is None:
        raise NotFoundError(f"no request {key!r}")
    _require_review_item(key, row)
    batch_id = str(row["batch_id"])
    home.require_live(actor, batch_id, BATCH, "review reopen")
    withdrawn: list[str] = []
    with case.transaction(home.conn):
        # The batch row locked, as approve, review decide and release lock it: each sees
        # what the other committed.
        db.lock_row(home.conn, "batches", "batch_id", batch_id)
        b = home.batch_row(batch_id)
        review = home.conn.execute(
            "SELECT verdict, decided_by, decided_at FROM reviews WHERE request_key = ?",
            (key,)).fetchone()
        approvers = _approvers(home, batch_id)
        why = ""
        if review is None:
            why = f"request {key} has no reviewer's decision to reopen"
        elif b["status"] == "released":
            why = f"batch {batch_id} is already released"
        elif len(approvers) >= 2:
            why = (f"batch {batch_id} is approved by {len(approvers)} disclosure officers; "
                   f"its review decisions can no longer be reopened")
        if why:
            home.record(actor, "review_refused", key, "refused", action="review reopen",
                        why=why)
        else:
            home.conn.execute("DELETE FROM reviews WHERE request_key = ?", (key,))
            home.record(actor, "review_reopened", key, "reopened",
                        verdict=str(review["verdict"]), decided_by=str(review["decided_by"]),
                        decided_at=str(review["decided_at"]),
                        reason_sealed=_sealed_reason(
                            home, batch_id, reopen_context(key, str(review["decided_at"])),
                            reason))
            withdrawn = _withdraw_approvals(home, actor, batch_id, key, "review_reopened")
    if why:
        raise PolicyError(why)
    return withdrawn


@dataclass(frozen=True)
class ReviewAction:
    """One review action on a request, as the ledger records it."""

    entry: int
    at: str
    action: str  # review_decision, review_reopened, review_refused or review_held
    actor: str
    outcome: str  # the verdict, "reopened", "refused" or "held"
    reason: str  # a reopening's or a hold's reason, opened; "" for the others


_REVIEW_EVENTS_OF = "SELECT idx FROM review_events WHERE request_key = ? ORDER BY idx"


def review_history(home: Home, as_user: str | None, key: str) -> list[ReviewAction]:
    """Every review action on request `key`, in ledger order: each decision (those taken
    back too), each reopening with its reason (opened from its seal; "(destroyed)" once
    retention destroyed the batch's key) and each refusal. Reviewers, disclosure officers
    and auditors; access-logged (a reason may quote the request). Read from the ledger:
    the entries the review_events index names (case schema 11; `ledger verify` holds it
    against the ledger), each read by its index, not a pass over the whole ledger."""
    actor = home.authorize(as_user, [Role.REVIEWER, Role.DISCLOSURE_OFFICER, Role.AUDITOR],
                           "review history")
    row = home.conn.execute("SELECT batch_id FROM decisions WHERE request_key = ?",
                            (key,)).fetchone()
    if row is None:
        raise NotFoundError(f"no request {key!r}")
    live = home.vault.destroyed(BATCH, str(row["batch_id"])) is None
    out: list[ReviewAction] = []
    with ledger.snapshot(home.conn):
        found = [(int(r[0]), ledger.entry(home.conn, int(r[0])))
                 for r in home.conn.execute(_REVIEW_EVENTS_OF, (key,)).fetchall()]
    for idx, data in found:
        try:
            ev = json.loads(data)
        except ValueError:
            continue
        if not isinstance(ev, dict) or ev.get("object") != key \
                or ev.get("type") not in case.REVIEW_EVENTS:
            continue
        reason = ""
        if ev["type"] in ("review_reopened", "review_held"):
            reason = "(destroyed)"
            if live:
                context = hold_context(key) if ev["type"] == "review_held" else \
                    reopen_context(key, str(ev.get("decided_at", "")))
                reason = home.vault.open(
                    context,
                    base64.b64decode(str(ev.get("reason_sealed", "")))).decode("utf-8")
        out.append(ReviewAction(idx, str(ev.get("at", "")), str(ev["type"]),
                                str(ev.get("actor", "")), str(ev.get("outcome", "")), reason))
    with case.transaction(home.conn):
        home.access(actor, "review history", key)
    return out


def _withdraw_approvals(home: Home, actor: Actor, batch_id: str, key: str,
                        because: str) -> list[str]:
    """Delete the batch's approvals, inside the caller's transaction, with one
    approvals_withdrawn event naming the officers (`ledger verify` holds the approvals
    rows against approval events less those withdrawn): what they approved was changed by
    request `key`'s review (`because`: the event that changed it). The officers withdrawn,
    [] if none had approved."""
    approvers = _approvers(home, batch_id)
    if approvers:
        home.conn.execute("DELETE FROM approvals WHERE batch_id = ?", (batch_id,))
        home.record(actor, "approvals_withdrawn", batch_id, "withdrawn", approvers=approvers,
                    request_key=key, because=because)
    return approvers


def approve(home: Home, as_user: str | None, batch_id: str) -> int:
    """Record one disclosure officer's approval; returns how many distinct officers have
    approved. The submitter and the batch's reviewers may not approve it."""
    actor = home.authorize(as_user, [Role.DISCLOSURE_OFFICER], "batch approve")
    home.batch_row(batch_id)
    home.require_live(actor, batch_id, BATCH, "batch approve")
    with case.transaction(home.conn):
        db.lock_row(home.conn, "batches", "batch_id", batch_id)
        b = home.batch_row(batch_id)
        why = ""
        if b["status"] == "released":
            why = "is already released"
        elif b["submitted_by"] == actor.user_id:
            why = f"was submitted by {actor.user_id}, who may not approve it"
        elif home.conn.execute(
                "SELECT 1 FROM reviews r JOIN decisions d USING (request_key) "
                "WHERE d.batch_id = ? AND r.decided_by = ?", (batch_id, actor.user_id)).fetchone():
            why = f"has review items decided by {actor.user_id}, who may not approve it"
        elif home.conn.execute("SELECT 1 FROM approvals WHERE batch_id = ? AND user_id = ?",
                               (batch_id, actor.user_id)).fetchone():
            why = f"was already approved by {actor.user_id}"
        if why:
            home.record(actor, "approval_refused", batch_id, "refused", why=why)
        else:
            home.conn.execute("INSERT INTO approvals VALUES (?, ?, ?)",
                              (batch_id, actor.user_id, utc_now()))
            faults.point("approve.stored")
            home.record(actor, "approval", batch_id, "approved")
        n = home.conn.execute("SELECT count(*) FROM approvals WHERE batch_id = ?",
                              (batch_id,)).fetchone()[0]
        faults.point("approve.recorded")
    faults.point("approve.committed")
    if why:
        raise PolicyError(f"batch {batch_id} {why}")
    return int(n)


def _one_line_reason(reason: str, action: str, why: str) -> str:
    """A reopening's or a withdrawal's reason, stripped; UsageError unless it is one line
    of printable text of at most REOPEN_REASON_MAX characters."""
    reason = reason.strip()
    if not reason:
        raise UsageError(f"{action} needs --reason: why {why}")
    if len(reason) > REOPEN_REASON_MAX or not reason.isprintable():
        raise UsageError(f"--reason must be one line of printable text, at most "
                         f"{REOPEN_REASON_MAX} characters")
    return reason


def _approvers(home: Home, batch_id: str) -> list[str]:
    """The officers whose approval of the batch stands, sorted."""
    return [str(r[0]) for r in home.conn.execute(
        "SELECT user_id FROM approvals WHERE batch_id = ? ORDER BY user_id", (batch_id,))]


def _sealed_reason(home: Home, batch_id: str, context: str, reason: str) -> str:
    """A reviewer's or officer's reason as a ledger event carries it: sealed under the
    batch's key (it may quote the request; retention shreds it with the batch), base64."""
    return base64.b64encode(home.vault.seal(BATCH, batch_id, context,
                                            reason.encode("utf-8"))).decode("ascii")


def withdraw_context(batch_id: str, user_id: str, approved_at: str) -> str:
    """Where an officer's reason for withdrawing an approval is sealed."""
    return f"approvals|{batch_id}|{user_id}|{approved_at}|withdraw_reason"


def unapprove(home: Home, as_user: str | None, batch_id: str, reason: str) -> int:
    """A disclosure officer withdraws their own approval of a batch not yet released (e.g.
    to let a reviewer reopen a decision found wrong after both officers approved: reopening
    is refused while two approvals stand). The approval row goes; one approvals_withdrawn
    event names the officer, as a reopening's does (ledger verify reads it so), with the
    reason sealed under the batch's key. Refused (exit 4, approval_refused) once the batch
    is released, or when this officer has no approval of it. Returns how many approvals
    remain."""
    actor = home.authorize(as_user, [Role.DISCLOSURE_OFFICER], "batch unapprove")
    reason = _one_line_reason(reason, "batch unapprove", "the approval is withdrawn")
    home.batch_row(batch_id)
    home.require_live(actor, batch_id, BATCH, "batch unapprove")
    with case.transaction(home.conn):
        db.lock_row(home.conn, "batches", "batch_id", batch_id)
        b = home.batch_row(batch_id)
        mine = home.conn.execute(
            "SELECT approved_at FROM approvals WHERE batch_id = ? AND user_id = ?",
            (batch_id, actor.user_id)).fetchone()
        why = ""
        if b["status"] == "released":
            why = "is already released; its approvals can no longer be withdrawn"
        elif mine is None:
            why = f"has no approval by {actor.user_id} to withdraw"
        if why:
            home.record(actor, "approval_refused", batch_id, "refused",
                        action="batch unapprove", why=why)
        else:
            at = str(mine[0])
            home.conn.execute("DELETE FROM approvals WHERE batch_id = ? AND user_id = ?",
                              (batch_id, actor.user_id))
            home.record(actor, "approvals_withdrawn", batch_id, "withdrawn",
                        approvers=[actor.user_id], because="batch unapprove",
                        reason_sealed=_sealed_reason(
                            home, batch_id, withdraw_context(batch_id, actor.user_id, at),
                            reason))
        n = home.conn.execute("SELECT count(*) FROM approvals WHERE batch_id = ?",
                              (batch_id,)).fetchone()[0]
    if why:
        raise PolicyError(f"batch {batch_id} {why}")
    return int(n)


def _pairs_refusal(home: Home, batch_id: str) -> str:
    """Why the batch cannot be released for a pair of disclosures ("" if none): one of its
    own discloses a taxpayer another disclosure, of any batch, names for a request naming
    another person (red team r22), or gives an A-number another disclosure gives with
    another taxpayer (red team r35). Its text completes "batch ID"."""
    for pairs, what in (
            (_for_another_person(home, batch_id),
             "name a taxpayer another disclosure names for a request naming another person"),
            (_one_a_number_two_taxpayers(home, batch_id),
             "give an A-number another disclosure gives with another taxpayer")):
        if pairs:
            shown = _some([f"{k} (with {against[0]})" for k, against in pairs.items()], 10)
            return (f"cannot be released: {len(pairs)} of its disclosures {what} "
                    f"({shown}); those requests must be decided again: {DECIDE_AGAIN}")
    return ""


DECIDE_AGAIN = ("a reviewer sends each back to review (dgate review hold REQUEST_KEY "
                "--reason TEXT) and decides it (dgate review decide), then two disclosure "
                "officers approve the batch again")
"""What a release refused for some of its disclosures says gets out (audit 23)."""


class _LateRefusal(PolicyError):
    """A release refused under the batch's lock: what was checked before it (approvals,
    the review queue) changed meanwhile. Its text completes "batch ID"."""


@contextlib.contextmanager
def _refusal_recorded(home: Home, actor: Actor, batch_id: str) -> Iterator[None]:
    """Around the release's write transaction: a _LateRefusal raised inside it (the
    transaction rolled back) is recorded as release_refused, as the refusals before the
    lock are, and raised as a PolicyError."""
    try:
        yield
    except _LateRefusal as exc:
        with case.transaction(home.conn):
            home.record(actor, "release_refused", batch_id, "refused", why=str(exc))
        raise PolicyError(f"batch {batch_id} {exc}") from None


@dataclass(frozen=True)
class ReleaseResult:
    batch_id: str
    repeated: bool
    disclosed: int
    rows: int


def _agency_stopped(home: Home, code: str) -> bool:
    """The agency's agreement is suspended or it is blocked for open safeguard findings: no
    disclosure to it, not even a response written again."""
    agency = home.conn.execute("SELECT status, safeguard_block FROM agencies WHERE code = ?",
                               (code,)).fetchone()
    return agency is not None and (agency["status"] != "active"
                                   or bool(agency["safeguard_block"]))


def release(home: Home, as_user: str | None, batch_id: str, out: Output) -> ReleaseResult:
    actor = home.authorize(as_user, [Role.DISCLOSURE_OFFICER], "batch release")
    # The release is recorded before its file is written (a response never leaves
    # unaccounted): a target that cannot take the file is refused first, or the
    # disclosures would be recorded with no response written.
    home.check_output(out)
    b = home.batch_row(batch_id)
    stored = home.conn.execute("SELECT response FROM releases WHERE batch_id = ?",
                               (batch_id,)).fetchone()
    if stored is not None:
        # The response file holds the addresses disclosed: while the agency's agreement is
        # suspended (or it is blocked) not even the same file is written again.
        if _agency_stopped(home, b["agency"]):
            why = f"cannot be written again: agency {b['agency']} is suspended or blocked"
            with case.transaction(home.conn):
                home.record(actor, "release_refused", batch_id, "refused", why=why)
            raise PolicyError(f"batch {batch_id} {why}")
        home.require_live(actor, batch_id, RESPONSE, "batch release")
        data = sealed.open_response(home.vault, batch_id, bytes(stored[0]))
        write_atomic(out, data)
        with case.transaction(home.conn):
            home.record(actor, "release_repeated", batch_id, "rewritten",
                        response_sha256=hashlib.sha256(data).hexdigest())
        return ReleaseResult(batch_id, True, 0, data.count(b"\n") - 1)

    with case.transaction(home.conn):
        db.lock_row(home.conn, "batches", "batch_id", batch_id)
        approvers = _approvers(home, batch_id)
        refusal = ""
        if len(approvers) < 2:
            refusal = f"has {len(approvers)} approval(s); two distinct disclosure officers needed"
        if not refusal and _agency_stopped(home, b["agency"]):
            refusal = f"cannot be released: agency {b['agency']} is suspended or blocked"
        if not refusal:
            try:
                require_no_pending(home, batch_id)
            except PolicyError as exc:
                refusal = str(exc).split(": ", 1)[1]
        if refusal:
            home.record(actor, "release_refused", batch_id, "refused", why=refusal)
    if refusal:
        raise PolicyError(f"batch {batch_id} {refusal}")
    home.require_live(actor, batch_id, BATCH, "batch release")
    changed = _no_longer_last_known(home, batch_id, str(b["master_version"] or ""))
    what = ("no longer name the taxpayer's last known address there (another is later, "
            "the taxpayer has a date of death there, or is not in it)")
    if not changed:
        changed = _decided_otherwise_now(home, batch_id, str(b["master_version"] or ""))
        what = ("would not be decided so against it (another taxpayer resembles the "
                "request there, or less surely this one)")
    if changed:
        refusal = (f"cannot be released: the master file was loaded again since it was "
                   f"decided, and {len(changed)} of its disclosures {what} "
                   f"({_some(changed, 10)}); "
                   f"those requests must be decided again: {DECIDE_AGAIN}")
        with case.transaction(home.conn):
            home.record(actor, "release_refused", batch_id, "refused", why=refusal)
        raise PolicyError(f"batch {batch_id} {refusal}")
    refusal = _pairs_refusal(home, batch_id)
    if refusal:
        with case.transaction(home.conn):
            home.record(actor, "release_refused", batch_id, "refused", why=refusal)
        raise PolicyError(f"batch {batch_id} {refusal}")

    index = home.vault.indexer("tin")
    a_numbers = _AnswerIndexes(home, batch_id)
    with _refusal_recorded(home, actor, batch_id), case.transaction(home.conn):
        # Re-check inside the write transaction, the batch row locked: another session may
        # have released it (it holds the lock until it commits; this one then sees it).
        db.lock_row(home.conn, "batches", "batch_id", batch_id)
        if home.conn.execute("SELECT 1 FROM releases WHERE batch_id = ?", (batch_id,)).fetchone():
            raise PolicyError(f"batch {batch_id} was released by another session; run again")
        # What was checked before, again under the lock: approvals withdrawn, or an item
        # pending again, since (review decide and reopen take this lock too).
        approvers = _approvers(home, batch_id)
        if len(approvers) < 2:
            raise _LateRefusal("cannot be released: its approvals were withdrawn while it "
                               "was being released; it needs two again")
        try:
            require_no_pending(home, batch_id)
        except PolicyError as exc:
            raise _LateRefusal("cannot be released: " + str(exc).split(": ", 1)[1]) from None
        # Red team r37: and the pairs, looked for again with the ledger lock held (SQLite's
        # transaction holds the write lock already). A decision written since the look above
        # (a batch submitted, a review confirmed: each writes under that lock, and each may
        # lawfully answer the settled request of a pair whose other request this batch
        # discloses unsettled) is seen here, or waits for this release and sees it.
        db.advisory_lock(home.conn, db.LEDGER_LOCK)
        refusal = _pairs_refusal(home, batch_id)
        if refusal:
            raise _LateRefusal(refusal)
        # Two passes over the decisions, RELEASE_CHUNK at a time (issue 9: the whole batch's
        # rows and disclosures held at once, 257-270 MB at 90K disclosures). The first builds
        # the response (only its bytes are kept: they are stored sealed whole) and checks
        # every disclosure, writing nothing; the release event, which carries the
        # response's digest, then precedes the disclosures' events (ledger verify reads
        # the approvers from it); the second pass accounts and records the disclosures a
        # chunk at a time. All in this one transaction: a failure leaves none of it.
        rows, disclosed, first = 0, 0, hashlib.sha256()

        def response_rows() -> Iterator[tuple[object, ...]]:
            nonlocal rows, disclosed
            for chunk in _current_chunks(home, batch_id):
                expected = a_numbers.of([int(r["seq"]) for r in chunk
                                         if _effective(r) == "DISCLOSE"])
                for r in chunk:
                    rows += 1
                    disp = _effective(r)
                    if disp == "DISCLOSE":
                        d = details(home, r)
                        if r["tin_index"] != (index(d["match_tin"]) if d["match_tin"] else ""):
                            # How a later batch finds this disclosure (submit._asked_before)
                            # and this release found the others: altered by hand. Nothing
                            # leaves.
                            raise IntegrityError(
                                f"batch {batch_id}: decisions row {r['request_key']} has a "
                                "tin_index that is not the blind index of its matched TIN; "
                                "nothing released; run ledger verify")
                        if r["a_number_index"] != (a_numbers.expected(
                                expected.get(int(r["seq"]), ""), d) if d["match_tin"] else ""):
                            # How the pairs were looked for (red team r35), altered by hand
                            # (blanked: a pair under one A-number goes unseen). Red team r37.
                            raise IntegrityError(
                                f"batch {batch_id}: decisions row {r['request_key']} has an "
                                "a_number_index that is not the blind index of its request's "
                                "A-number; nothing released; run ledger verify")
                        disclosed += 1
                        _fold(first, r, d)
                        yield (r["request_id"], Outcome.DISCLOSED.value, "", d["street"],
                               d["unit"], d["city"], d["state"], d["zip"])
                    elif disp == "REJECTED":
                        yield (r["request_id"], Outcome.REJECTED.value, r["reason_codes"],
                               "", "", "", "", "")
                    else:
                        yield (r["request_id"], Outcome.NOT_DISCLOSED.value, "", "", "", "",
                               "", "")

        data = b"".join(render_pieces(RESPONSE_COLUMNS, response_rows()))
        faults.point("release.response_built")
        now = utc_now()
        digest = hashlib.sha256(data).hexdigest()
        home.conn.execute("INSERT INTO releases VALUES (?, ?, ?, ?, ?)",
                          (batch_id, actor.user_id, now,
                           sealed.seal_response(home.vault, batch_id, data), digest))
        home.conn.execute("UPDATE batches SET status = 'released' WHERE batch_id = ?",
                          (batch_id,))
        faults.point("release.stored")
        home.record(actor, "release", batch_id, "released", response_sha256=digest,
                    disclosed=disclosed, approvers=approvers)
        second, accounted = hashlib.sha256(), 0
        for chunk in _current_chunks(home, batch_id):
            leaving: list[dict[str, Any]] = []
            for r in chunk:
                if _effective(r) == "DISCLOSE":
                    d = details(home, r)
                    _fold(second, r, d)
                    leaving.append({**d, "seq": r["seq"], "request_key": r["request_key"],
                                    "tin_index": r["tin_index"]})  # the first pass checked it
            if not leaving:
                continue
            carried = _account_disclosures(home, batch_id, leaving, now, ";".join(approvers),
                                           actor.user_id)
            home.record_many(
                home.event(actor, "disclosure", r["request_key"], "disclosed",
                           tin=home.commit(r["match_tin"]),
                           address=home.commit("|".join(
                               (r["street"], r["unit"], r["city"], r["state"], r["zip"]))),
                           **carried[r["request_key"]])
                for r in leaving)
            accounted += len(leaving)
            faults.point("release.chunk_recorded")
        if accounted != disclosed or second.digest() != first.digest():
            # The transaction holds the batch row and the write lock: nothing should change
            # the decisions between the passes. If anything did, what is accounted would not
            # be what the response file discloses.
            raise IntegrityError(f"batch {batch_id}: its disclosures changed while it was "
                                 "released; nothing released; run again")
        faults.point("release.accounting_written")
        faults.point("release.ledger_written")
        home.checkpoint()
        faults.point("release.before_commit")
    faults.point("release.committed")
    write_atomic(out, data)
    faults.point("release.file_written")
    return ReleaseResult(batch_id, False, disclosed, rows)


class _AnswerIndexes:
    """The blind index of the A-number each disclosure's request gives (kind "a_number", as
    write_batch keeps it in decisions.a_number_index), recomputed at release from the
    sealed records, a chunk of disclosures at a time (`of`): the record's own, else the one
    its batch's repeats told of its person, which its sealed explanation keeps ("as_told",
    red team r38: read by `expected` from the decision release opens anyway). Red team
    r37: blanked by hand, a pair under one A-number went unseen."""

    def __init__(self, home: Home, batch_id: str) -> None:
        self._home = home
        self._batch = batch_id
        self._index = home.vault.indexer("a_number")

    def of(self, seqs: list[int]) -> dict[int, str]:
        """seq -> the A-number (rules.record.a_number_of's digits) each of `seqs`' own
        record gives ("" for none)."""
        from dgate.rules.record import a_number_of  # the matcher's imports: only here

        return {seq: a_number_of(fields)
                for seq, fields in _opened_records(self._home, self._batch, seqs)}

    def expected(self, own: str, decided: Mapping[str, Any]) -> str:
        """The a_number_index a disclosure must carry: of its record's own A-number
        (`own`), else of the one its explanation's "as_told" keeps; "" for none."""
        from dgate.decide.batchwise import indexed_a_number  # the matcher's: only here

        a_number = indexed_a_number(own, decided.get("explanation", ""))
        return self._index(a_number) if a_number else ""


def _opened_records(home: Home, batch_id: str, seqs: list[int]
                    ) -> Iterator[tuple[int, Mapping[str, str]]]:
    """(seq, fields) of the batch's sealed records of `seqs`, opened, _LOOKUP_SEQS read by
    one statement; a seq with no record gives none."""
    for s in range(0, len(seqs), _LOOKUP_SEQS):
        part = seqs[s:s + _LOOKUP_SEQS]
        for row in home.conn.execute(
                f"SELECT seq, sealed FROM records WHERE batch_id = ? AND seq IN "
                f"({','.join('?' * len(part))})", (batch_id, *part)).fetchall():  # nosec B608
            fields, _agent = sealed.open_record(home.vault, batch_id, int(row[0]),
                                                bytes(row[1]))
            yield int(row[0]), fields


_LOOKUP_SEQS = 500
"""Records read by one statement (`_opened_records`)."""

RELEASE_CHUNK = 5000
"""Decisions read at a time by `batch release` (each pass), and disclosures accounted and
recorded at a time: what it holds besides the response's own bytes."""

_CURRENT_CHUNK = f"""SELECT d.*, r.verdict, r.decided_by AS reviewer, {case.HELD} AS held
                     FROM decisions d LEFT JOIN reviews r USING (request_key)
                     WHERE d.batch_id = ? AND d.seq > ? ORDER BY d.seq LIMIT ?"""  # nosec B608


def _current_chunks(home: Home, batch_id: str, size: int | None = None
                    ) -> Iterator[list[db.Row]]:
    """The batch's decisions as _CURRENT reads them (in order, with their reviews), `size`
    (RELEASE_CHUNK) at a time, by the primary key: never the whole batch's rows at once, on
    either store."""
    after = -1
    while rows := home.conn.execute(_CURRENT_CHUNK,
                                    (batch_id, after, size or RELEASE_CHUNK)).fetchall():
        yield rows
        after = int(rows[-1]["seq"])


def _fold(h: hashlib._Hash, r: db.Row, d: dict[str, str]) -> None:
    """Add one disclosure (its key, blind index, TIN and address) to a running digest: the
    release's two passes must see the same disclosures."""
    h.update(json.dumps([r["request_key"], r["tin_index"], d["match_tin"], d["street"],
                         d["unit"], d["city"], d["state"], d["zip"]]).encode("utf-8"))


# A batch's decisions that disclose as they stand (DISCLOSE, or REVIEW confirmed) whose
# taxpayer, by the blind index of the matched TIN, another such decision names (any batch,
# released or not). The partial index decisions_tin serves o (its condition named here).
_SAME_TAXPAYER_SQL = f"""
SELECT DISTINCT d.request_key
FROM decisions d JOIN decisions o ON o.tin_index = d.tin_index
LEFT JOIN reviews rd ON rd.request_key = d.request_key
LEFT JOIN reviews ro ON ro.request_key = o.request_key
WHERE d.batch_id = ? AND d.tin_index <> '' AND o.tin_index <> ''
AND o.request_key <> d.request_key
AND {case.with_aliases(case.DISCLOSES, "d", "rd")}
AND {case.with_aliases(case.DISCLOSES, "o", "ro")}
"""


def _for_another_person(home: Home, batch_id: str) -> dict[str, list[str]]:
    """The batch's disclosures (request key -> the other disclosures' keys, sorted; in the
    batch's order) whose taxpayer another disclosure, of any batch, names for a request
    whose own fields say it is another person (date of birth, TIN or generation, each given
    and different), where the taxpayer's record does not settle this one (service/submit.py
    `for_another`). Red team r22: one taxpayer's address to two requests naming two people.
    Submit sends a later such request to review, and a reviewer cannot confirm the second
    of a pair; this is where the address leaves, and what those could not see is caught
    here: two batches decided before either was written by a dgate older than those checks
    (or with its look defeated). Found by the blind index alone (one statement): the
    batch's own records are opened only for the taxpayers another disclosure names."""
    from dgate.service.submit import (  # the matcher's imports: only here
        for_another,
        tin_given_for_another,
    )

    keys = {str(r[0]) for r in home.conn.execute(_SAME_TAXPAYER_SQL, (batch_id,))}
    if not keys or home.vault.destroyed(BATCH, batch_id) is not None:
        return {}
    items = [(str(r["request_key"]), batch_id, int(r["seq"]), details(home, r))
             for chunk in _current_chunks(home, batch_id) for r in chunk
             if str(r["request_key"]) in keys]  # not every row's sealed blob at once
    found = for_another(home, items, confirmed=True)
    # red team r37: and a pair that gave the TIN for two people, which for_another leaves
    # to the TIN (it settles neither: red team r36; `_another_person` refuses the second)
    for key, against in tin_given_for_another(home, items, disclosing=True).items():
        found[key] = sorted({*found.get(key, ()), *against})
    return {key: found[key] for key, *_ in items if key in found}


# A batch's decisions that disclose as they stand whose request's A-number (its blind
# index) another such decision, of any batch, gives with another taxpayer (red team r35).
_SAME_A_NUMBER_SQL = f"""
SELECT d.request_key, d.seq, o.batch_id, o.seq, o.request_key
FROM decisions d JOIN decisions o ON o.a_number_index = d.a_number_index
LEFT JOIN reviews rd ON rd.request_key = d.request_key
LEFT JOIN reviews ro ON ro.request_key = o.request_key
WHERE d.batch_id = ? AND d.a_number_index <> '' AND o.a_number_index <> ''
AND d.tin_index <> '' AND o.tin_index <> '' AND o.tin_index <> d.tin_index
AND {case.with_aliases(case.DISCLOSES, "d", "rd")}
AND {case.with_aliases(case.DISCLOSES, "o", "ro")}
ORDER BY d.seq, o.request_key
"""


def _one_a_number_two_taxpayers(home: Home, batch_id: str) -> dict[str, list[str]]:
    """The batch's disclosures (request key -> the other disclosures' keys, in the batch's
    order) whose request's A-number (one person's A-file) another disclosure, of any batch,
    gives with another taxpayer: one person's two last known addresses (red team r35).
    Submit sends a later such request to review (`submit._asked_before_a_number`); this is
    where the address leaves, and a pair a reviewer confirmed, or two batches decided
    before either was written, is caught here. As within a batch
    (batchwise.one_person_two_taxpayers), one the taxpayer's record settles is released
    where the other is not settled. Found by the blind indexes alone (one statement): the
    sealed decisions are opened only for such pairs."""
    from dgate.service.submit import settled_decision  # the matcher's imports: only here

    pairs = home.conn.execute(_SAME_A_NUMBER_SQL, (batch_id,)).fetchall()
    if not pairs:
        return {}
    settled: dict[tuple[str, int], bool] = {}

    def is_settled(b: str, seq: int) -> bool:
        if (b, seq) not in settled:
            settled[b, seq] = settled_decision(home, b, seq)
        return settled[b, seq]

    out: dict[str, list[str]] = {}
    for key, seq, other_batch, other_seq, other_key in pairs:
        if is_settled(batch_id, int(seq)) and not is_settled(str(other_batch), int(other_seq)):
            continue
        out.setdefault(str(key), []).append(str(other_key))
    return out


# What a decision disclosed, as the master's last known address gives it (match.engine and
# match.setwise: DisclosedAddress, the ZIP cut to its five digits).
_LAST_KNOWN_SQL = """
SELECT l.tin, a.street, coalesce(a.unit, ''), a.city, a.state, left(a.zip, 5), a.source,
       CAST(a.effective_date AS VARCHAR), l.tied, t.date_of_death IS NOT NULL,
       l.later_elsewhere, l.later_deceased
FROM release_tins w JOIN lka l ON l.tin = w.tin JOIN addresses a ON a.addr_id = l.addr_id
JOIN taxpayers t ON t.tin = l.tin
"""
_DECIDED = ("street", "unit", "city", "state", "zip", "address_source",
            "address_effective_date")


def _no_longer_last_known(home: Home, batch_id: str, decided_on: str) -> list[str]:
    """The request keys of the batch's disclosures (its DISCLOSE decisions and the review
    items a reviewer decided to disclose) whose address is no longer the taxpayer's last
    known address in the master file in force, when that master is not the one the batch
    was decided against: the taxpayer's last known address there is another (a newer row),
    the taxpayer has a date of death there, or is not in it; or that address is tied there
    (`lka.tied`), or another record of the person holds a later one (`lka.later_elsewhere`)
    or carries a date of death (`lka.later_deceased`), where it was not when decided. []
    when the master in force is the one decided against.

    What a release discloses is the address decided, reviewed and approved; it must also be
    the last known address when it leaves (master-format.md: what is disclosed "is always
    the last known one"). A master loaded between the decision and the release (red team
    r11) released the address decided, no longer the last known one, and the review page
    showed the reviewer the newer one beside a verdict that released the older. Neither
    the old address nor a new one nobody reviewed or approved may leave: the release is
    refused, and the requests are decided again (sent again) against the master in force."""
    path = home.master.current_path()
    if path is not None and master_version(path) == decided_on:
        return []
    changed: list[str] = []
    if path is None:  # no master in force: every disclosure's taxpayer is gone
        for chunk in _current_chunks(home, batch_id):
            changed.extend(str(r["request_key"]) for r in chunk if _effective(r) == "DISCLOSE")
        return changed
    # A chunk of the batch's disclosures at a time (opened, then compared with the master's
    # rows of their taxpayers), not all of them held at once.
    with home.master.connect_current() as con:
        for chunk in _current_chunks(home, batch_id, LAST_KNOWN_CHUNK):
            decided = [(str(r["request_key"]), details(home, r)) for r in chunk
                       if _effective(r) == "DISCLOSE"]
            if not decided:
                continue
            con.register("release_tins", pa.table(
                {"tin": sorted({d["match_tin"] for _, d in decided})}))
            current = {str(row[0]): tuple(row[1:])
                       for row in con.execute(_LAST_KNOWN_SQL).fetchall()}
            con.unregister("release_tins")
            for key, d in decided:  # in the batch's order
                now = current.get(d["match_tin"])
                if now is None or bool(now[8]) or tuple(
                        "" if v is None else str(v) for v in now[:7]
                ) != tuple(d[c] for c in _DECIDED):
                    changed.append(key)
                elif (bool(now[7]) and not _held_for(d, "last_known_tied")) or (
                        bool(now[9]) and not _held_for(d, "last_known_other_tin")) or (
                        bool(now[10]) and not _held_for(d, "other_tin_deceased")):
                    # tied now, or another record of the person holds a later address now
                    # (or carries a date of death now: red team r33), and not when decided
                    # (what was known then was the reviewer's to judge)
                    changed.append(key)
    return changed


def _decided_otherwise_now(home: Home, batch_id: str, decided_on: str) -> list[str]:
    """The request keys of the batch's disclosures that the master file in force, when it
    is not the one the batch was decided against, would not decide so: each request (read
    as its batch told it: its explanation's "as_told") matched again alone, a DISCLOSE
    must still be a DISCLOSE of the same taxpayer, and a review item a reviewer confirmed
    a DISCLOSE or REVIEW of that taxpayer. [] when the master in force is the one decided
    against. Audit 23 (probe P6b): a batch decided and approved, then a master loaded
    that adds a namesake with no date of birth at the request's address; the release
    disclosed XIMENA DEL RIO's address though the request was M_AMBIGUOUS there.
    `_no_longer_last_known` looked at the disclosed taxpayer's own rows only."""
    path = home.master.current_path()
    if path is None or master_version(path) == decided_on:
        return []
    from dgate.decide.batchwise import TOLD, told_person  # the matcher's: only here
    from dgate.model import Disposition, RequestRecord
    from dgate.service.submit import match_again

    changed: list[str] = []
    for chunk in _current_chunks(home, batch_id, LAST_KNOWN_CHUNK):
        decided = [(str(r["request_key"]), int(r["seq"]), str(r["disposition"]),
                    details(home, r)) for r in chunk if _effective(r) == "DISCLOSE"]
        if not decided:
            continue
        said = {seq: told_person(d.get("explanation", "")) for _key, seq, _disp, d in decided}
        records = []
        for seq, fields in _opened_records(home, batch_id, list(said)):
            told = said[seq]
            if told is not None:
                fields = {**fields, **{k: v for k, v in zip(TOLD, told, strict=True) if v}}
            records.append(RequestRecord(seq, fields))
        records.sort(key=lambda r: r.seq)  # in the batch's order, as decided
        now = {dec.seq: dec for dec in match_again(home, path, records)}
        for key, seq, disp, d in decided:  # in the batch's order
            dec = now.get(seq)
            allowed = {Disposition.DISCLOSE} | (
                {Disposition.REVIEW} if disp == "REVIEW" else set())
            if dec is None or dec.disposition not in allowed or (
                    (dec.match_tin or "") != d["match_tin"]):
                changed.append(key)
    return changed


LAST_KNOWN_CHUNK = 50_000
"""Decisions compared with the master at a time when a release finds the master loaded again
since the batch was decided (one DuckDB query each)."""


def _held_for(d: dict[str, str], flag: str) -> bool:
    """The decision recorded this flag of its last known address (policy.decide's
    explanation: last_known_tied, last_known_other_tin)."""
    try:
        explanation = json.loads(d.get("explanation") or "{}")
    except ValueError:
        return False
    return isinstance(explanation, dict) and bool(explanation.get(flag))


REQUEST_ROW_SQL = "SELECT * FROM accounting WHERE kind = 'request' AND batch_id = ? AND seq = ?"
"""A disclosure's request row in the accounting, read once per disclosure at release: by
the partial index accounting_request (case schema 7). Without it every lookup scanned the
table: 23 ms each with 100K requests accounted, 35 minutes to release 90K disclosures."""


def _account_disclosures(home: Home, batch_id: str, disclosed: list[dict[str, object]],
                         now: str, approvers: str, released_by: str
                         ) -> dict[str, dict[str, dict[str, str]]]:
    """One accounting row per disclosure, copying its request row's clear columns and
    reason, with the TIN and address sealed under the accounting key and the TIN findable
    by its blind index. Returns, by request key, what its disclosure event carries of the
    row: {"digests": {"accounting": ledger.row_digest of the row as inserted}}."""
    out: dict[str, dict[str, dict[str, str]]] = {}
    for d in disclosed:
        req = home.conn.execute(REQUEST_ROW_SQL, (batch_id, d["seq"])).fetchone()
        if req is None:
            # Its request row was deleted by hand: the address would leave unaccounted
            # (§6103(p)(3)(A)). The whole release is refused; nothing is written.
            raise IntegrityError(f"batch {batch_id}: the accounting row of request "
                                 f"{d['request_key']} is missing, so its disclosure could "
                                 "not be accounted; nothing released; run ledger verify")
        reason = sealed.open_accounting(home.vault, "request", batch_id, req["seq"],
                                        req["sealed"])["reason"]
        tin = str(d["match_tin"])
        details = sealed.accounting_details({**d, "reason": reason, "taxpayer_tin": tin})
        row = {"kind": "disclosure", "at": now, "batch_id": batch_id, "seq": req["seq"],
               "request_id": req["request_id"], "agency": req["agency"],
               "official_id": req["official_id"], "request_date": req["request_date"],
               "statute": req["statute"], "disposition": "DISCLOSED",
               "tin_index": d["tin_index"],  # release checked it is the TIN's
               "approved_by": approvers, "released_by": released_by}
        home.conn.execute(
            f"INSERT INTO accounting ({', '.join(row)}, sealed) "
            f"VALUES ({', '.join('?' * (len(row) + 1))})",
            (*row.values(), sealed.seal_accounting(home.vault, "disclosure", batch_id,
                                                   req["seq"], details)))
        out[str(d["request_key"])] = {"digests": {"accounting": ledger.row_digest(
            home.hmac_key(), "accounting", {**row, **details})}}
    return out

"""`batch submit`: intake → rules → (for legally sufficient records only) matching →
decisions, written in one transaction with the accounting and the ledger.

Nothing about a legally insufficient record is looked up in the master file: the master is
searched only for records that passed every batch and record rule (no "inspection"
without a valid request, 26 U.S.C. §7213A).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from dgate.decide.policy import decide
from dgate.errors import InputError
from dgate.intake.package import Package, read_package
from dgate.match.compare import Query, score
from dgate.match.engine import find_candidates, term_frequencies
from dgate.model import Decision, Disposition, RequestRecord, Role
from dgate.normalize.address import normalize_address
from dgate.normalize.names import normalize_name
from dgate.rules.batch import AgencyInfo, BatchFacts, OfficialInfo, check_batch
from dgate.rules.catalogue import rule, ruleset_hash
from dgate.rules.dates import parse_date
from dgate.rules.record import RecordContext, check_records
from dgate.service.home import Actor, Home, utc_now
from dgate.store import case

_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class SubmitResult:
    batch_id: str
    existing: bool
    counts: dict[str, int]


def request_key(batch_id: str, seq: int) -> str:
    return f"{batch_id}:{seq}"


def submit(home: Home, as_user: str | None, package: Path, as_of: date,
           progress: Progress | None = None) -> SubmitResult:
    actor = home.authorize(as_user, [Role.INTAKE, Role.ADMIN], "batch submit")
    try:
        pkg = read_package(package)
    except InputError as exc:
        with case.transaction(home.conn):
            home.conn.execute(
                "INSERT INTO accounting (kind, at, note) VALUES ('refused_package', ?, ?)",
                (utc_now(), str(exc)))
            home.record(actor, "package_refused", package.name, "refused", error=str(exc))
        raise
    manifest_sha = hashlib.sha256(pkg.manifest_bytes).hexdigest()
    row = home.conn.execute("SELECT batch_id FROM batches WHERE manifest_sha256 = ?",
                            (manifest_sha,)).fetchone()
    if row is not None:
        return SubmitResult(row["batch_id"], True, _counts(home, row["batch_id"]))

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
        prior_caseload=_prior_caseload(home, agency.code if agency else "", signed_at),
    )
    if progress:
        progress("rules", 0, len(pkg.records))
    record_codes = check_records(pkg.records, ctx)
    if progress:
        progress("rules", len(pkg.records), len(pkg.records))

    decisions: list[Decision] = []
    to_match: list[RequestRecord] = []
    for rec, codes in zip(pkg.records, record_codes, strict=True):
        all_codes = tuple(sorted(set(batch_codes) | set(codes)))
        if all_codes:
            decisions.append(Decision(seq=rec.seq, request_id=rec.request_id,
                                      disposition=Disposition.REJECTED, reason_codes=all_codes))
        else:
            to_match.append(rec)
    master_version = ""
    if to_match:
        matched, master_version = _match(home, to_match, progress)
        decisions.extend(matched)
    decisions.sort(key=lambda d: d.seq)

    batch_id = _new_batch_id(home, m, manifest_sha)
    _write(home, actor, pkg, batch_id, manifest_sha, m, as_of, signed_at, batch_codes,
           decisions, master_version, {r.seq for r in to_match},
           _agency_note(home, agency) if "B_AGENCY" in batch_codes else "")
    return SubmitResult(batch_id, False, _counts(home, batch_id))


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


def _prior_caseload(home: Home, agency: str, signed_at: date | None) -> dict[str, int]:
    """Records naming each case agent in the agency's earlier accepted batches within the
    caseload window before this batch's date."""
    if not agency or signed_at is None:
        return {}
    window = int(rule("R_CASELOAD").params.get("window_days", 365))
    start = (signed_at - timedelta(days=window)).isoformat()
    rows = home.conn.execute(
        """SELECT r.case_agent, count(*) FROM records r JOIN batches b USING (batch_id)
           WHERE b.agency = ? AND b.batch_codes = '' AND b.signed_at BETWEEN ? AND ?
           GROUP BY r.case_agent""", (agency, start, signed_at.isoformat())).fetchall()
    return {str(a): int(n) for a, n in rows if a}


def _query(rec: RequestRecord) -> Query:
    g = rec.get
    dob = parse_date(g("date_of_birth")) if g("date_of_birth") else None
    tin = re.sub(r"[\s-]", "", g("tin"))
    return Query(
        seq=rec.seq,
        name=normalize_name(g("first_name"), g("middle_name"), g("last_name"), g("name_suffix")),
        address=normalize_address(g("street"), g("unit"), g("city"), g("state"), g("zip"),
                                  g("address")),
        dob=dob, tin=tin if tin.isdigit() and len(tin) == 9 else "")


def _match(home: Home, records: Sequence[RequestRecord], progress: Progress | None
           ) -> tuple[list[Decision], str]:
    queries = [_query(r) for r in records]
    ids = {r.seq: r.request_id for r in records}
    out: list[Decision] = []
    with home.master.connect() as con:
        version = str(con.execute("SELECT version FROM meta").fetchall()[0][0])
        tf_last = term_frequencies(con, "last", {t for q in queries for t in q.name.last_tokens})
        tf_first = term_frequencies(con, "first", {q.name.first_canon[0] for q in queries
                                                   if q.name.first_canon})
        chunk = 20_000
        for start in range(0, len(queries), chunk):
            part = queries[start:start + chunk]
            cands = find_candidates(con, part)
            for q in part:
                scored = [score(q, c, home.model, tf_last, tf_first) for c in cands.get(q.seq, [])]
                out.append(decide(q, ids[q.seq], scored, home.model))
            if progress:
                progress("match", start + len(part), len(queries))
    return out, version


def _new_batch_id(home: Home, m: dict[str, Any], manifest_sha: str) -> str:
    wanted = m.get("batch_id")
    base = wanted if isinstance(wanted, str) and _SAFE_ID.fullmatch(wanted) else \
        f"B-{manifest_sha[:12]}"
    candidate = base
    if home.conn.execute("SELECT 1 FROM batches WHERE batch_id = ?", (candidate,)).fetchone():
        candidate = f"{base}-{manifest_sha[:8]}"
    return candidate


def _statute(rec: RequestRecord, manifest_statutes: Sequence[str]) -> str:
    return rec.get("statute") or "; ".join(manifest_statutes)


def _write(home: Home, actor: Actor, pkg: Package, batch_id: str, manifest_sha: str,
           m: dict[str, Any], as_of: date, signed_at: date | None,
           batch_codes: frozenset[str], decisions: list[Decision], master_version: str,
           searched: set[int], note: str) -> None:
    now = utc_now()
    by_seq = {r.seq: r for r in pkg.records}
    signer = m.get("signed_by")
    official_id = str(signer.get("official_id", "")) if isinstance(signer, dict) else ""
    agency = str(m.get("requesting_agency", "")) if isinstance(m.get("requesting_agency"), str) \
        else ""
    authority = m.get("statutory_authority")
    statutes = [s for s in authority if isinstance(s, str)] if isinstance(authority, list) else []
    rs_hash, model_hash = ruleset_hash(), home.save_model()
    with case.transaction(home.conn):
        home.conn.execute(
            "INSERT INTO batches VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (batch_id, manifest_sha, pkg.manifest_bytes, agency, official_id,
             signed_at.isoformat() if signed_at else "", as_of.isoformat(), now,
             actor.user_id, ";".join(sorted(batch_codes)), rs_hash, model_hash,
             master_version, len(pkg.records), "decided"))
        home.conn.executemany(
            "INSERT INTO records VALUES (?,?,?,?,?)",
            ((batch_id, r.seq, r.request_id, r.get("case_agent_id").strip().upper(),
              json.dumps(dict(r.fields), ensure_ascii=False)) for r in pkg.records))
        home.conn.executemany(
            """INSERT INTO decisions (batch_id, seq, request_key, request_id, disposition,
               reason_codes, match_tin, match_probability, candidate_count, street, unit, city,
               state, zip, address_source, address_effective_date, explanation,
               ruleset_hash, model_hash)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (_decision_row(batch_id, d) + (rs_hash, model_hash) for d in decisions))
        home.conn.executemany(
            """INSERT INTO accounting (kind, at, batch_id, seq, request_id, agency, official_id,
               request_date, statute, reason, disposition, reason_codes, note)
               VALUES ('request',?,?,?,?,?,?,?,?,?,?,?,?)""",
            ((now, batch_id, d.seq, d.request_id, agency, official_id,
              signed_at.isoformat() if signed_at else "",
              _statute(by_seq[d.seq], statutes), by_seq[d.seq].get("reason"),
              d.disposition.value, ";".join(d.reason_codes), note) for d in decisions))
        counts: dict[str, int] = {}
        for d in decisions:
            counts[d.disposition.value] = counts.get(d.disposition.value, 0) + 1
        home.record(actor, "package_received", batch_id, "accepted",
                    manifest_sha256=manifest_sha, records_sha256=pkg.records_sha256,
                    records=len(pkg.records), processing_date=as_of.isoformat())
        home.record(actor, "rules_evaluated", batch_id,
                    "rejected" if batch_codes else "evaluated",
                    batch_codes=sorted(batch_codes),
                    rejected=sum(1 for d in decisions if d.disposition == Disposition.REJECTED))
        events = []
        for d in decisions:
            key = request_key(batch_id, d.seq)
            if d.seq in searched:
                events.append(home.event(actor, "master_searched", key, "searched",
                                         master=master_version,
                                         candidates=d.candidate_count or 0))
            events.append(home.event(
                actor, "decision", key, d.disposition.value, codes=list(d.reason_codes),
                tin=home.commit(d.match_tin) if d.match_tin else ""))
        home.record_many(events)
        home.record(actor, "batch_decided", batch_id, "decided", counts=counts,
                    master=master_version)


def _decision_row(batch_id: str, d: Decision) -> tuple[object, ...]:
    a = d.address
    return (batch_id, d.seq, request_key(batch_id, d.seq), d.request_id, d.disposition.value,
            ";".join(d.reason_codes), d.match_tin, d.match_probability, d.candidate_count,
            a.street if a else "", a.unit if a else "", a.city if a else "",
            a.state if a else "", a.zip if a else "", a.source if a else "",
            a.effective_date.isoformat() if a else "",
            json.dumps(d.explanation, sort_keys=True, default=str))


def _counts(home: Home, batch_id: str) -> dict[str, int]:
    rows = home.conn.execute(
        "SELECT disposition, count(*) FROM decisions WHERE batch_id = ? GROUP BY 1",
        (batch_id,)).fetchall()
    return {str(d): int(n) for d, n in rows}

"""The §6103(p)(3)(A) accounting export and end-to-end ledger verification."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dgate.csvout import render, write_atomic
from dgate.ledger import store as ledger
from dgate.model import Role
from dgate.service.home import KEY_NAME, Home
from dgate.store import case
from dgate.vault import fields as sealed

ACCOUNTING_COLUMNS = (
    "entry_id", "kind", "at", "batch_id", "request_id", "agency", "official_id",
    "request_date", "statute", "reason", "disposition", "reason_codes", "taxpayer_tin",
    "street", "unit", "city", "state", "zip", "address_source", "address_effective_date",
    "approved_by", "released_by", "note",
)


def accounting_export(home: Home, as_user: str | None, out: Path, start: date | None,
                      end: date | None, agency: str | None = None,
                      tin: str | None = None) -> int:
    """The accounting rows (of one taxpayer with `tin`, found by its blind index: the TIN
    itself is stored only sealed)."""
    actor = home.authorize(as_user, [Role.AUDITOR, Role.ADMIN, Role.DISCLOSURE_OFFICER],
                           "accounting export")
    clear = [c for c in ACCOUNTING_COLUMNS if c not in sealed.ACCOUNTING_DETAILS]
    sql = f"SELECT {', '.join(clear)}, seq, sealed FROM accounting WHERE 1=1"
    args: list[str] = []
    if start is not None or end is not None:
        # A row is in the range when any of its dates is: when it was recorded, the date of
        # the written request (signed_at), or the batch's processing date (`--as-of`). The
        # processing date is the one the rules used, so a batch processed "as of" a past
        # date is found by that date as well as by the day it was entered.
        dates = ("substr(at, 1, 10)", "request_date",
                 "coalesce((SELECT b.processing_date FROM batches b"
                 " WHERE b.batch_id = accounting.batch_id), '')")
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
        sql += " AND (" + " OR ".join(tests) + ")"
    if agency is not None:
        sql += " AND agency = ?"
        args.append(agency)
    if tin is not None:
        sql += " AND tin_index = ?"
        args.append(home.vault.index("tin", "".join(c for c in tin if c.isdigit())))
    rows = [_accounting_row(home, r) for r in home.conn.execute(sql + " ORDER BY entry_id",
                                                                 args)]
    if out.suffix.lower() == ".json":
        data = json.dumps([dict(zip(ACCOUNTING_COLUMNS, r, strict=True)) for r in rows],
                          indent=1, ensure_ascii=False).encode("utf-8")
    else:
        data = render(ACCOUNTING_COLUMNS, rows)
    write_atomic(out, data)
    with case.transaction(home.conn):
        home.access(actor, "accounting export", f"{start or ''}..{end or ''}")
        home.record(actor, "accounting_export", out.name, "ok", rows=len(rows))
    return len(rows)


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


def ledger_verify(home: Home, as_user: str | None) -> LedgerCheck:
    actor = home.authorize(as_user, [Role.AUDITOR, Role.ADMIN], "ledger verify")
    report = ledger.verify(home.conn, home.origin, KEY_NAME, home.public_key())
    if not report.ok:
        return LedgerCheck(False, report.size, report.message)
    mismatch = _cross_check(home)
    if mismatch:
        return LedgerCheck(False, report.size, mismatch)
    with case.transaction(home.conn):
        home.record(actor, "ledger_verified", str(report.size), "ok")
    return LedgerCheck(True, report.size, f"ledger verified: {report.size} entries")


def _cross_check(home: Home) -> str:
    """Every disclosure in the accounting has its ledger entry, and every ledger disclosure
    its accounting row."""
    in_ledger: set[str] = set()
    for _index, raw in ledger.entries(home.conn):
        try:
            ev = json.loads(raw)
        except ValueError:
            continue
        if isinstance(ev, dict) and ev.get("type") == "disclosure":
            in_ledger.add(str(ev.get("object")))
    in_accounting = {f"{b}:{s}" for b, s in home.conn.execute(
        "SELECT batch_id, seq FROM accounting WHERE kind = 'disclosure'")}
    missing = sorted(in_accounting - in_ledger)
    if missing:
        return f"disclosure {missing[0]} is in the accounting but not in the ledger"
    extra = sorted(in_ledger - in_accounting)
    if extra:
        return f"disclosure {extra[0]} is in the ledger but not in the accounting"
    return ""


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

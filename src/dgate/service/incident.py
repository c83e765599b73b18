"""`dgate incident report --from --to`: what IRS Publication 1075 asks an agency to report
within 24 hours of a suspected unauthorized inspection or disclosure: when, how it was
discovered, which data elements and how many records were involved, who and which systems.

Everything comes from the ledger and the case store's clear columns (counts, ids, users,
hosts, channels): the report carries no taxpayer data, and so can be sent as it is. The
ledger's commitments (keyed digests of TINs and addresses) are never copied into it.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dgate.errors import IntegrityError
from dgate.ledger import store as ledger
from dgate.model import Role
from dgate.service.audit import require_window
from dgate.service.home import KEY_NAME, Home, unsigned_head, utc_now
from dgate.store import case

# What each kind of event touches, as Publication 1075 names data elements.
ELEMENTS: dict[str, tuple[str, ...]] = {
    "package_received": ("request records: names, dates of birth, TINs, A-numbers, "
                         "addresses",),
    "decision": ("master file: names, dates of birth, TINs, address history (inspected)",),
    "disclosure": ("last known address", "TIN (accounting of disclosures)"),
    "view:decision report": ("matched TINs and last known addresses",),
    "view:review item": ("request and candidate names, dates of birth, addresses, "
                         "TIN last four",),
    "view:accounting export": ("accounting: TINs and disclosed addresses",),
    "view:release preview": ("response: last known addresses",),
    "view:response download": ("response: last known addresses",),
    "master_loaded": ("master file: names, dates of birth, TINs, address history",),
    "master_exported": ("master file copy for the Spark engine (Parquet, outside the home): "
                        "normalized names, dates of birth, TINs, address history",),
}
# High-volume events are counted; every other event is listed as a key event.
_COUNTED = {"decision", "disclosure", "view"}
_SAFE_FIELDS = ("at", "type", "actor", "role", "channel", "host", "object", "outcome")


@dataclass
class IncidentReport:
    window: dict[str, str]
    discovered_by: str
    generated_at: str
    generated_by: str
    ledger: dict[str, Any]
    data_elements: list[str] = field(default_factory=list)
    batches: dict[str, dict[str, int]] = field(default_factory=dict)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    systems: dict[str, list[str]] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    key_events: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(self.__dict__, indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def lines(self) -> list[str]:
        t = self.totals
        return [
            f"incident window {self.window['from']} .. {self.window['to']}; "
            f"discovered by: {self.discovered_by or 'not stated'}",
            f"ledger: {self.ledger['message']}",
            f"records received {t.get('records_received', 0)}, master searches "
            f"{t.get('records_searched', 0)}, disclosures {t.get('disclosures', 0)}, "
            f"views of taxpayer data {t.get('views', 0)}, refusals {t.get('refusals', 0)}",
            f"batches {len(self.batches)}, users {len(self.users)}, hosts "
            f"{', '.join(self.systems.get('hosts', [])) or '-'}, channels "
            f"{', '.join(self.systems.get('channels', [])) or '-'}",
            "data elements: " + ("; ".join(self.data_elements) or "none"),
        ]


def incident_report(home: Home, as_user: str | None, start: date, end: date,
                    discovered_by: str = "") -> IncidentReport:
    actor = home.authorize(as_user, [Role.ADMIN, Role.AUDITOR], "incident report")
    require_window(start, end)
    check = ledger.verify(home.conn, home.origin, KEY_NAME, home.public_key())
    unsigned = unsigned_head(check) if check.ok else ""
    rep = IncidentReport(
        window={"from": start.isoformat(), "to": end.isoformat()},
        discovered_by=" ".join(discovered_by.split()), generated_at=utc_now(),
        generated_by=actor.user_id,
        ledger={"verified": check.ok and not unsigned, "entries": check.size,
                "message": unsigned or check.message})
    elements: set[str] = set()
    batches: dict[str, Counter[str]] = defaultdict(Counter)
    users: dict[str, Counter[str]] = defaultdict(Counter)
    roles: dict[str, str] = {}
    hosts: set[str] = set()
    channels: set[str] = set()
    totals: Counter[str] = Counter()
    lo, hi = start.isoformat(), end.isoformat()
    for _index, raw in ledger.entries(home.conn):
        try:
            ev = json.loads(raw)
        except ValueError:
            continue
        if not isinstance(ev, dict) or not lo <= str(ev.get("at", ""))[:10] <= hi:
            continue
        kind, obj = str(ev.get("type", "")), str(ev.get("object", ""))
        batch = obj.rsplit(":", 1)[0] if kind in ("decision", "disclosure", "view") else obj
        who = str(ev.get("actor", ""))
        users[who][kind] += 1
        roles[who] = str(ev.get("role", ""))
        hosts.add(str(ev.get("host", "")))
        channels.add(str(ev.get("channel", "")))
        tag = f"view:{ev.get('purpose', '')}" if kind == "view" else kind
        if kind == "decision" and not ev.get("searched"):
            tag = ""
        elements.update(ELEMENTS.get(tag, ()))
        _count(kind, ev, batch, batches, totals)
        if kind not in _COUNTED:
            rep.key_events.append({k: ev[k] for k in _SAFE_FIELDS if k in ev})
    rep.data_elements = sorted(elements)
    rep.batches = {b: dict(c) for b, c in sorted(batches.items()) if b}
    rep.users = {u: {"role": roles[u], "events": dict(c)} for u, c in sorted(users.items())}
    rep.systems = {"hosts": sorted(h for h in hosts if h),
                   "channels": sorted(c for c in channels if c)}
    rep.totals = dict(totals)
    try:
        with case.transaction(home.conn):
            home.record(actor, "incident_report", f"{lo}..{hi}", "ok",
                        ledger_verified=rep.ledger["verified"], events=len(rep.key_events))
    except IntegrityError:
        # The ledger holds entries no checkpoint signs (tampering: Home._ledger_guard
        # refuses to write on it). The report is what such an incident needs: still given,
        # its ledger status saying why, unrecorded.
        if rep.ledger["verified"]:
            raise
    return rep


def _count(kind: str, ev: dict[str, Any], batch: str,
           batches: dict[str, Counter[str]], totals: Counter[str]) -> None:
    if kind == "package_received":
        n = int(ev.get("records", 0) or 0)
        batches[batch]["records_received"] += n
        totals["records_received"] += n
    elif kind == "decision":
        if ev.get("searched"):
            batches[batch]["records_searched"] += 1
            totals["records_searched"] += 1
    elif kind == "disclosure":
        batches[batch]["disclosures"] += 1
        totals["disclosures"] += 1
    elif kind == "view":
        if batch and batch != "*" and ".." not in batch:
            batches[batch]["views"] += 1
        totals["views"] += 1
    elif "refused" in kind or ev.get("outcome") == "refused":
        totals["refusals"] += 1
        if kind not in ("access_refused", "package_refused"):
            batches[batch.rsplit(":", 1)[0]]["refusals"] += 1
    elif kind == "destruction_certificate":
        totals["destruction_certificates"] += 1

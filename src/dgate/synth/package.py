"""Assemble drafts into a signed batch package, the official's keys, and the ground truth.

Order rules the rules engine relies on: a duplicate's original comes before its repeat, a
repeated request id repeats an earlier record's id. Case numbers are unique per record;
case agents come from a pool so that none carries more than about 40 records, except the
one agent of the caseload scenario.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import math
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from dgate.model import RECORD_COLUMNS
from dgate.synth.scenarios import Draft

AGENCY = "ICE"
AGENCY_NAME = "U.S. Immigration and Customs Enforcement"
STATUTE = "8 U.S.C. 1253(a)(1)"
OFFICIAL = {"official_id": "ICE-DIR-01", "name": "Jordan A. Whitfield (synthetic)",
            "title": "Director"}
AGENTS_PER_POOL_SHARE = 40
OVERLOADED_AGENT = "ICE-SA-90001"
TRUTH_COLUMNS = ("request_id", "expected_disposition", "expected_tin", "expected_code",
                 "expected_street", "expected_unit", "expected_city", "expected_state",
                 "expected_zip", "scenario", "subject_tin", "seq")

REASONS = (
    "Subject of criminal investigation {case} for willful failure to depart within 90 days of "
    "a final order of removal; the last known address is needed to locate the subject.",
    "{case}: the subject has remained in the United States more than 90 days after the order "
    "of removal became final; the address is needed to locate and interview the subject in the "
    "8 U.S.C. 1253(a)(1) investigation.",
    "Investigation {case} of willful failure to depart after a final order of removal; the "
    "subject's address is relevant to locating the subject for service of process.",
)

Address = tuple[str, str, str, str, str]


def order_drafts(drafts: list[Draft], rng: np.random.Generator) -> list[Draft]:
    """Shuffle, then put each duplicate's original before its repeat and a plain record
    first (so every repeated request id has an earlier id to repeat)."""
    perm = [int(i) for i in rng.permutation(len(drafts))]
    pos = {d: k for k, d in enumerate(perm)}
    for i, d in enumerate(drafts):
        if d.dup_of >= 0 and pos[d.dup_of] > pos[i]:
            a, b = pos[d.dup_of], pos[i]
            perm[a], perm[b] = perm[b], perm[a]
            pos[d.dup_of], pos[i] = b, a
    ordered = [drafts[i] for i in perm]
    repeats = [k for k, d in enumerate(ordered) if "id_repeat" in d.modes]
    plain = [k for k, d in enumerate(ordered) if _plain(d)]
    if repeats and plain and plain[0] > repeats[0]:
        # a plain record is in no pair, so moving it to the front keeps pairs in order
        ordered.insert(0, ordered.pop(plain[0]))
    return ordered


def _plain(d: Draft) -> bool:
    return not d.modes and d.disposition != "REJECTED" and d.scenario != "duplicate_original"


def assign(ordered: list[Draft], rng: np.random.Generator, *, batch_id: str,
           signed_at: date) -> list[dict[str, str]]:
    """Request ids, case numbers, case agents and reasons; returns the records in order."""
    n = len(ordered)
    cases = rng.choice(900_000, size=n, replace=False) + 100_000
    normal = [k for k, d in enumerate(ordered) if not d.modes & {"overloaded", "agent_missing"}]
    n_agents = max(1, math.ceil(len(normal) / AGENTS_PER_POOL_SHARE))
    agent_of = {k: f"ICE-SA-{10001 + int(a) % n_agents:05d}"
                for k, a in zip(normal, rng.permutation(len(normal)), strict=True)}
    records: list[dict[str, str]] = []
    plain_ids: list[str] = []
    for k, d in enumerate(ordered):
        f = {c: "" for c in RECORD_COLUMNS}
        f.update(d.fields)
        rid = f"{batch_id}-{k + 1:06d}"
        if "id_repeat" in d.modes:  # an earlier id; missing if no record precedes
            rid = plain_ids[int(rng.integers(0, len(plain_ids)))] if plain_ids else ""
        elif "id_missing" in d.modes:
            rid = ""
        elif _plain(d):
            plain_ids.append(rid)
        f["request_id"] = rid
        case = f"HSI-{signed_at.year % 100:02d}-{int(cases[k]):06d}"
        f["case_number"] = "" if "case_missing" in d.modes else case
        f["case_agent_id"] = ("" if "agent_missing" in d.modes else
                              OVERLOADED_AGENT if "overloaded" in d.modes else agent_of[k])
        if "reason" not in d.fields:
            template = REASONS[int(rng.integers(0, len(REASONS)))]
            named = f["case_number"] or "an open criminal case"
            text = template.format(case=named)
            f["reason"] = text[0].upper() + text[1:]
        records.append(f)
    return records


def csv_bytes(header: Sequence[str], rows: list[dict[str, str]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow([r.get(c, "") for c in header])
    return buf.getvalue().encode("utf-8")


def official_key(seed: int) -> Ed25519PrivateKey:
    """Deterministic for the seed, so the whole output is reproducible (synthetic only)."""
    raw = np.random.default_rng([seed, 9]).bytes(32)
    return Ed25519PrivateKey.from_private_bytes(raw)


def write_keys(folder: Path, key: Ed25519PrivateKey, signed_at: date) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "official_ed25519.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    (folder / "official_ed25519.pub.pem").write_bytes(key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    registration = {
        "agency": AGENCY, "agency_name": AGENCY_NAME, "statutes": [STATUTE], **OFFICIAL,
        "valid_from": date(signed_at.year - 1, 1, 1).isoformat(),
        "valid_to": date(signed_at.year + 1, 12, 31).isoformat(),
    }
    (folder / "registration.json").write_text(json.dumps(registration, indent=2) + "\n",
                                              encoding="utf-8")


def write_package(folder: Path, records: list[dict[str, str]], key: Ed25519PrivateKey, *,
                  batch_id: str, signed_at: date) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    data = csv_bytes(RECORD_COLUMNS, records)
    (folder / "records.csv").write_bytes(data)
    manifest = {
        "batch_id": batch_id,
        "requesting_agency": AGENCY,
        "signed_by": OFFICIAL,
        "signed_at": signed_at.isoformat(),
        "statutory_authority": [STATUTE],
        "reason": ("Each listed person is subject to a final order of removal that became final "
                   "more than 90 days before this request and is the subject of an open "
                   "criminal investigation for willful failure to depart under 8 U.S.C. "
                   "1253(a)(1); the last known address is needed to locate each subject for "
                   "the investigation named on the record."),
        "certifications": {
            "subjects_under_criminal_investigation": True,
            "use_solely_for_proceeding": True,
            "recipients_personally_and_directly_engaged": True,
            "publication_1075_safeguards": True,
        },
        "records_file": "records.csv",
        "records_sha256": hashlib.sha256(data).hexdigest(),
        "record_count": len(records),
    }
    body = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    (folder / "batch.json").write_bytes(body)
    (folder / "batch.json.sig").write_bytes(base64.b64encode(key.sign(body)) + b"\n")


def truth_rows(ordered: list[Draft], records: list[dict[str, str]], tin_of: Callable[[int], str],
               address_of: Callable[[int], Address]) -> list[dict[str, str]]:
    out = []
    for k, (d, r) in enumerate(zip(ordered, records, strict=True)):
        street, unit, city, state, zip_code = address_of(d.expected) if d.expected >= 0 else (
            "", "", "", "", "")
        out.append({
            "request_id": r["request_id"], "expected_disposition": d.disposition,
            "expected_tin": tin_of(d.expected) if d.expected >= 0 else "",
            "expected_code": d.code, "expected_street": street, "expected_unit": unit,
            "expected_city": city, "expected_state": state, "expected_zip": zip_code,
            "scenario": d.scenario, "subject_tin": tin_of(d.subject) if d.subject >= 0 else "",
            "seq": str(k + 1),
        })
    return out


def signed_date(as_of: date, rng: np.random.Generator) -> date:
    return as_of - timedelta(days=int(rng.integers(2, 7)))

"""Synthetic, clean inputs for the rule tests. Every value is invented; the address is a
real downtown Austin, TX street in a real ZIP (78701) so the address rules accept it."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import sys
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from dgate.model import RECORD_COLUMNS, RequestRecord

# Modules other engineers write; tests that need them skip (only) while they are absent.
PEER_MODULES = (
    "dgate.rules.vocab",
    "dgate.rules.address",
    "dgate.normalize.names",
    "dgate.normalize.address",
)


def missing_peers(*names: str) -> list[str]:
    """The peer modules (all, or those named) that cannot be imported yet."""
    missing = []
    for name in names or PEER_MODULES:
        if name in sys.modules:
            continue
        try:
            found = importlib.util.find_spec(name) is not None
        except ImportError:
            found = False
        if not found:
            missing.append(name)
    return missing


PROCESSING_DATE = date(2026, 11, 25)
SIGNED_AT = date(2026, 11, 20)
ORDER_DATE = date(2025, 6, 2)  # 536 days before SIGNED_AT: well past the 90 days
AGENCY = "ICE"
OFFICIAL_ID = "ICE-DIR-01"
DESIGNATED = ("8 U.S.C. 1253",)

CLEAN_FIELDS: dict[str, str] = {
    "request_id": "REQ-0001",
    "first_name": "MARIA ELENA",
    "middle_name": "",
    "last_name": "GARCIA LOPEZ",
    "name_suffix": "",
    "date_of_birth": "1984-03-17",
    "tin": "401-23-4567",
    "a_number": "",
    "street": "1100 CONGRESS AVE",
    "unit": "",
    "city": "AUSTIN",
    "state": "TX",
    "zip": "78701",
    "address": "",
    "taxable_periods": "2023;2024",
    "statute": "",
    "reason": "Subject of an open criminal investigation for willful failure to depart "
              "after a final order of removal",
    "final_order_date": ORDER_DATE.isoformat(),
    "case_number": "ICE-CR-2026-0042",
    "case_agent_id": "AGENT-0007",
}

# Other people, each clean, for batches of several distinct persons.
OTHER_PEOPLE: tuple[dict[str, str], ...] = (
    {"first_name": "JOSE", "last_name": "RAMIREZ", "tin": "", "street": "500 E 7TH ST"},
    {"first_name": "RENEE", "last_name": "NUNEZ", "tin": "", "street": "801 RED RIVER ST"},
    {"first_name": "JOHN", "last_name": "SMITH", "tin": "", "street": "200 LAVACA ST"},
)


def fields(**overrides: str) -> dict[str, str]:
    out = dict(CLEAN_FIELDS)
    out.update(overrides)
    assert set(out) == set(RECORD_COLUMNS), "unknown column in test data"
    return out


def record(seq: int = 1, **overrides: str) -> RequestRecord:
    return RequestRecord(seq=seq, fields=fields(**overrides))


def records(rows: list[dict[str, str]]) -> list[RequestRecord]:
    """Records from override dicts; request ids default to REQ-0001, REQ-0002 …"""
    out = []
    for seq, row in enumerate(rows, start=1):
        row = {"request_id": f"REQ-{seq:04d}", **row}
        out.append(record(seq, **row))
    return out


def person(i: int, **overrides: str) -> dict[str, str]:
    """Overrides that make a distinct clean person number i (0 = the base person)."""
    if i == 0:
        return dict(overrides)
    base = dict(OTHER_PEOPLE[(i - 1) % len(OTHER_PEOPLE)])
    # Beyond the named people, vary the house number: a different address, a different person.
    base["street"] = f"{100 + i} " + base["street"].split(" ", 1)[1]
    base.update(overrides)
    return base


def context(**overrides: Any) -> Any:
    from dgate.rules.record import RecordContext

    values: dict[str, Any] = {
        "processing_date": PROCESSING_DATE,
        "signed_at": SIGNED_AT,
        "agency_statutes": DESIGNATED,
        "manifest_statutes": ("8 U.S.C. 1253(a)(1)",),
        "prior_caseload": {},
    }
    values.update(overrides)
    return RecordContext(**values)


# --- batch ---------------------------------------------------------------------------

_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
_OTHER_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
RECORDS_BYTES = b"request_id,first_name\nREQ-0001,MARIA\nREQ-0002,JOSE\nREQ-0003,RENEE\n"


def public_pem(key: Ed25519PrivateKey = _KEY) -> bytes:
    return key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)


def clean_manifest() -> dict[str, Any]:
    return {
        "batch_id": "ICE-2026-000123",
        "requesting_agency": AGENCY,
        "signed_by": {"official_id": OFFICIAL_ID, "name": "A. Official", "title": "Director"},
        "signed_at": SIGNED_AT.isoformat(),
        "statutory_authority": ["8 U.S.C. 1253(a)(1)"],
        "reason": "Each listed person is the subject of an open criminal investigation for "
                  "willful failure to depart under a final order of removal.",
        "certifications": {
            "subjects_under_criminal_investigation": True,
            "use_solely_for_proceeding": True,
            "recipients_personally_and_directly_engaged": True,
            "publication_1075_safeguards": True,
        },
        "records_file": "records.csv",
        "records_sha256": hashlib.sha256(RECORDS_BYTES).hexdigest(),
        "record_count": 3,
    }


@dataclass
class BatchScenario:
    """A clean batch; tests change one thing and call `run()`."""

    manifest: dict[str, Any] = field(default_factory=clean_manifest)
    signing_key: Ed25519PrivateKey | None = _KEY
    tamper: bytes = b""  # appended to the manifest bytes after signing
    signature_override: bytes | None = None
    records_sha256: str = hashlib.sha256(RECORDS_BYTES).hexdigest()
    record_count: int = 3
    agency: Any = "default"
    official: Any = "default"
    processing_date: date = PROCESSING_DATE

    def facts(self) -> Any:
        from dgate.rules.batch import BatchFacts

        body = json.dumps(self.manifest, indent=2).encode("utf-8")
        signature = self.signature_override
        if signature is None and self.signing_key is not None:
            signature = base64.b64encode(self.signing_key.sign(body)) + b"\n"
        return BatchFacts(
            manifest_bytes=body + self.tamper,
            manifest=json.loads(body),
            signature=signature,
            records_sha256=self.records_sha256,
            record_count=self.record_count,
        )

    def run(self) -> frozenset[str]:
        from dgate.rules.batch import check_batch

        return check_batch(self.facts(), self._agency(), self._official(), self.processing_date)

    def _agency(self) -> Any:
        return default_agency() if self.agency == "default" else self.agency

    def _official(self) -> Any:
        return default_official() if self.official == "default" else self.official


def default_official(**changes: Any) -> Any:
    from dgate.rules.batch import OfficialInfo

    official = OfficialInfo(agency=AGENCY, official_id=OFFICIAL_ID, valid_from=date(2026, 1, 1),
                            valid_to=date(2026, 12, 31), public_key_pem=public_pem())
    return replace(official, **changes)


def default_agency(**changes: Any) -> Any:
    from dgate.rules.batch import AgencyInfo

    return replace(AgencyInfo(code=AGENCY, status="active", safeguard_block=False,
                              statutes=DESIGNATED), **changes)


OTHER_KEY = _OTHER_KEY
ONE_DAY = timedelta(days=1)

"""The requester's side of the same rules: `dgate package check` and `dgate package sign`.

A requesting agency runs these before sending a batch. `check` applies every batch and
record rule that needs no master file — the very catalogue the tax agency applies — so a
package that passes it is rejected for nothing but what only the master can tell.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from dgate.errors import InputError, UsageError
from dgate.intake.limits import Limits
from dgate.intake.package import parse_manifest, read_package, records_file_name
from dgate.intake.records import read_records
from dgate.rules.batch import AgencyInfo, BatchFacts, OfficialInfo, check_batch
from dgate.rules.dates import parse_date
from dgate.rules.record import RecordContext, check_records

KEY_FILE_LIMIT = 64 * 1024
"""Bytes read of a key file at most: a PEM key is a few hundred; more is the wrong file."""


def read_public_key(path: Path) -> bytes:
    """The bytes of an Ed25519 public key PEM file (an official's), or an InputError naming
    the file: a wrong file given for the key is said as such, not taken for a bad
    signature."""
    try:
        with path.open("rb") as fh:
            pem = fh.read(KEY_FILE_LIMIT + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    if len(pem) > KEY_FILE_LIMIT:
        raise InputError(f"{path}: not a PEM public key (larger than {KEY_FILE_LIMIT} bytes)")
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError):
        raise InputError(f"{path}: not a PEM public key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise InputError(f"{path}: not an Ed25519 public key")
    return pem


def sign_package(folder: Path, private_key_pem: Path) -> dict[str, object]:
    """Fill in `records_sha256` and `record_count` and write `batch.json.sig`."""
    if not folder.is_dir():
        raise UsageError(f"{folder}: package sign works on a package folder")
    try:
        key = serialization.load_pem_private_key(private_key_pem.read_bytes(), password=None)
    except OSError as exc:
        raise InputError(f"{private_key_pem}: cannot be read ({exc.strerror})") from None
    except (ValueError, TypeError):
        raise InputError(f"{private_key_pem}: not an unencrypted PEM private key") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InputError(f"{private_key_pem}: not an Ed25519 private key")
    manifest_path = folder / "batch.json"
    try:
        manifest = parse_manifest(manifest_path.read_bytes())
    except OSError:
        raise InputError(f"{folder}: no readable batch.json") from None
    name = records_file_name(manifest)
    try:
        data = (folder / name).read_bytes()
    except OSError:
        raise InputError(f"{folder}: records file {name} cannot be read") from None
    _columns, records = read_records(name, data, Limits())
    manifest["records_sha256"] = hashlib.sha256(data).hexdigest()
    manifest["record_count"] = len(records)
    raw = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    manifest_path.write_bytes(raw)
    (folder / "batch.json.sig").write_bytes(base64.b64encode(key.sign(raw)) + b"\n")
    return manifest


@dataclass(frozen=True)
class CheckReport:
    batch_codes: tuple[str, ...]
    record_codes: dict[str, tuple[str, ...]]   # request_id (or #seq) -> codes
    records: int

    @property
    def clean(self) -> bool:
        return not self.batch_codes and not self.record_codes


def check_package(package: Path, *, as_of: date, statutes: list[str],
                  public_key: Path | None, agency_code: str | None = None) -> CheckReport:
    """Every rule that needs no master file, offline. Without `public_key` the signature is
    not judged; without `statutes` the designated-statute test is not made."""
    pkg = read_package(package)
    m = pkg.manifest
    code = agency_code or (m.get("requesting_agency") if isinstance(
        m.get("requesting_agency"), str) else "") or ""
    agency = AgencyInfo(code=code, status="active", safeguard_block=False,
                        statutes=tuple(statutes)) if statutes else None
    official = None
    signer = m.get("signed_by")
    if public_key is not None and isinstance(signer, dict):
        pem = read_public_key(public_key)
        official = OfficialInfo(agency=code, official_id=str(signer.get("official_id", "")),
                                valid_from=None, valid_to=None, public_key_pem=pem)
    facts = BatchFacts(manifest_bytes=pkg.manifest_bytes, manifest=m, signature=pkg.signature,
                       records_sha256=pkg.records_sha256, record_count=len(pkg.records))
    codes = set(check_batch(facts, agency, official, as_of))
    if public_key is None:
        # No key to check against: the signature and signer are the receiving side's call.
        codes -= {"B_SIGNATURE", "B_SIGNER"}
    if agency is None:
        codes.discard("B_AGENCY")
    authority = m.get("statutory_authority")
    ctx = RecordContext(
        processing_date=as_of,
        signed_at=parse_date(m["signed_at"]) if isinstance(m.get("signed_at"), str) else None,
        agency_statutes=tuple(statutes),
        manifest_statutes=tuple(s for s in authority if isinstance(s, str))
        if isinstance(authority, list) else (),
        prior_caseload={})
    per_record = {}
    for rec, rcodes in zip(pkg.records, check_records(pkg.records, ctx), strict=True):
        if not statutes:
            rcodes = rcodes - {"R_STATUTE"}
        if rcodes:
            per_record[rec.request_id or f"#{rec.seq}"] = tuple(sorted(rcodes))
    return CheckReport(tuple(sorted(codes)), per_record, len(pkg.records))

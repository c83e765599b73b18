"""Batch-level legal rules: is this written request, as a whole, one the law lets us answer?

`check_batch` returns every batch code of decisions.md that applies; a non-empty result
rejects every record of the batch. It is pure: the facts about the package, the registered
agency and official, and the processing date are handed in.

Two deliberate non-findings, so that each code names a defect the requester can act on:

- When no registered official matches the manifest's signer, `B_SIGNER` is reported and
  `B_SIGNATURE` only if the signature itself is absent: there is no registered key to check
  a present signature against, so claiming it "does not verify" would be a guess.
- When the agency is unknown, `B_AGENCY` is reported and `B_AUTHORITY` is not checked:
  designated statutes exist only for a registered agency. (Missing or malformed authority is
  still reported, since that needs no agency.) Likewise an unreadable `signed_at` is
  reported as `B_SIGNED_AT` alone, not also as `B_SIGNER` (validity cannot be compared).
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from dgate.rules.catalogue import CERTIFICATION_KEYS, rule
from dgate.rules.citations import is_designated
from dgate.rules.dates import parse_date

__all__ = [
    "AgencyInfo",
    "BatchFacts",
    "OfficialInfo",
    "check_batch",
    "is_placeholder_reason",
    "signed_at_of",
]

_ED25519_SIGNATURE_BYTES = 64
_HEX64 = re.compile(r"[0-9a-fA-F]{64}")
_WORD = re.compile(r"[^\W_]+")

_REASON_PARAMS = rule("B_REASON").params
_REASON_PLACEHOLDERS = frozenset(
    " ".join(_WORD.findall(p.casefold())) for p in _REASON_PARAMS["placeholders"]
)
_REASON_FILLER = frozenset(_REASON_PARAMS["filler_words"])
# the most tokens of a placeholder phrase: a text of more tokens is none of them
_REASON_PLACEHOLDER_WORDS = max((len(p.split()) for p in _REASON_PLACEHOLDERS), default=0)
_REASON_MIN_WORDS: int = _REASON_PARAMS["min_words"]
_STALENESS_DAYS: int = rule("B_SIGNED_AT").params["staleness_days"]


@dataclass(frozen=True, slots=True)
class AgencyInfo:
    """A registered requesting agency."""

    code: str
    status: str  # "active" | "suspended"; anything but "active" is treated as suspended
    safeguard_block: bool
    statutes: tuple[str, ...]  # designated criminal statutes, as registered


@dataclass(frozen=True, slots=True)
class OfficialInfo:
    """A registered authorized official of an agency. Validity dates are inclusive; None
    means unbounded on that side."""

    agency: str
    official_id: str
    valid_from: date | None
    valid_to: date | None
    public_key_pem: bytes


@dataclass(frozen=True, slots=True)
class BatchFacts:
    """What intake established about a package.

    `signature` is the content of batch.json.sig: either the raw 64-byte signature or its
    base64 text as read from the file (both are accepted); None if the file is absent.
    `records_sha256` and `record_count` are the actual hash and row count of the records
    file, to be compared with what the manifest claims.
    """

    manifest_bytes: bytes
    manifest: Mapping[str, Any]
    signature: bytes | None
    records_sha256: str
    record_count: int


def check_batch(
    facts: BatchFacts,
    agency: AgencyInfo | None,
    official: OfficialInfo | None,
    processing_date: date,
) -> frozenset[str]:
    """Every batch-level reason code that applies to this package (empty: the batch passes)."""
    manifest: Mapping[str, Any] = facts.manifest if isinstance(facts.manifest, Mapping) else {}
    signed_at = signed_at_of(manifest)
    found: set[str] = set()
    if _signature_fails(facts, official):
        found.add("B_SIGNATURE")
    if _signer_fails(manifest, official, signed_at):
        found.add("B_SIGNER")
    if _agency_fails(manifest, agency):
        found.add("B_AGENCY")
    if _records_fail(manifest, facts):
        found.add("B_RECORDS_HASH")
    if _authority_fails(manifest.get("statutory_authority"), agency):
        found.add("B_AUTHORITY")
    if is_placeholder_reason(manifest.get("reason")):
        found.add("B_REASON")
    if _certification_fails(manifest.get("certifications")):
        found.add("B_CERTIFICATION")
    if _signed_at_fails(signed_at, processing_date):
        found.add("B_SIGNED_AT")
    return frozenset(found)


def signed_at_of(manifest: Mapping[str, Any]) -> date | None:
    """The manifest's `signed_at` as a date, or None if missing or not a YYYY-MM-DD date."""
    return parse_date(manifest.get("signed_at"))


def is_placeholder_reason(text: object) -> bool:
    """True if a reason sets forth nothing specific (B_REASON / R_REASON).

    Placeholder when: not a string or empty; no letters; equal to a placeholder phrase
    ("N/A", "see attached" …) once case and punctuation are folded; fewer than three words;
    or made only of filler words ("see attached criminal investigation").
    """
    if not isinstance(text, str):
        return True
    ascii_text = text.isascii()
    tokens: list[str] = []
    words = 0
    specific = False  # a word that is neither filler nor a run of one character
    # Read word by word, and no further than the answer needs: a reason is specific once
    # it has enough words, one of them not filler, and more words than any placeholder
    # phrase (a record's reason is mostly a sentence: 26 µs a record read whole, at
    # 1.28M records).
    for match in _WORD.finditer(unicodedata.normalize("NFKC", text).casefold()):
        token = match.group()
        tokens.append(token)
        # ASCII tokens are letters and digits: only all-digit ones lack a letter
        if not token.isdigit() if ascii_text else any(c.isalpha() for c in token):
            words += 1
            # "xxx xxx xxx" is as empty as "N/A": a run of one character is filler too.
            if not specific and token not in _REASON_FILLER and len(set(token)) > 1:
                specific = True
        if specific and words >= _REASON_MIN_WORDS and len(tokens) > _REASON_PLACEHOLDER_WORDS:
            return False
    if not words or " ".join(tokens) in _REASON_PLACEHOLDERS:
        return True
    if words < _REASON_MIN_WORDS:
        return True
    return not specific


def _signature_fails(facts: BatchFacts, official: OfficialInfo | None) -> bool:
    if facts.signature is None:
        return True
    if official is None:
        return False  # no registered key to verify against: B_SIGNER says why
    signature = _raw_signature(facts.signature)
    if signature is None:
        return True
    try:
        key = load_pem_public_key(official.public_key_pem)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        return True  # a registered key that cannot be loaded verifies nothing
    if not isinstance(key, Ed25519PublicKey):
        return True
    try:
        key.verify(signature, facts.manifest_bytes)
    except InvalidSignature:
        return True
    return False


def _raw_signature(content: bytes) -> bytes | None:
    """The 64 signature bytes from raw bytes or from base64 text; None if neither."""
    if len(content) == _ED25519_SIGNATURE_BYTES:
        return content
    try:
        decoded = base64.b64decode(b"".join(content.split()), validate=True)
    except (binascii.Error, ValueError):
        return None
    return decoded if len(decoded) == _ED25519_SIGNATURE_BYTES else None


def _signer_fails(
    manifest: Mapping[str, Any], official: OfficialInfo | None, signed_at: date | None
) -> bool:
    signed_by = manifest.get("signed_by")
    if not isinstance(signed_by, Mapping):
        return True
    official_id = signed_by.get("official_id")
    if not isinstance(official_id, str) or not official_id.strip() or official is None:
        return True
    # the signer's name and title are required too (request-format.md: all keys)
    if any(not isinstance(signed_by.get(k), str) or not signed_by[k].strip()
           for k in ("name", "title")):
        return True
    # The caller looks the official up by these keys; re-checking them costs nothing and
    # keeps a lookup bug from lending one agency's official to another.
    agency_code = manifest.get("requesting_agency")
    if official.official_id.strip() != official_id.strip():
        return True
    if not isinstance(agency_code, str) or _code(official.agency) != _code(agency_code):
        return True
    if signed_at is None:
        return False  # reported as B_SIGNED_AT; validity cannot be compared
    if official.valid_from is not None and signed_at < official.valid_from:
        return True
    return official.valid_to is not None and signed_at > official.valid_to


def _agency_fails(manifest: Mapping[str, Any], agency: AgencyInfo | None) -> bool:
    if agency is None:
        return True
    agency_code = manifest.get("requesting_agency")
    if not isinstance(agency_code, str) or _code(agency.code) != _code(agency_code):
        return True
    return agency.status != "active" or agency.safeguard_block


def _records_fail(manifest: Mapping[str, Any], facts: BatchFacts) -> bool:
    claimed_hash = manifest.get("records_sha256")
    claimed_count = manifest.get("record_count")
    if not isinstance(claimed_hash, str) or _HEX64.fullmatch(claimed_hash.strip()) is None:
        return True
    if claimed_hash.strip().lower() != facts.records_sha256.strip().lower():
        return True
    # bool is an int in Python; JSON `true` is not a count.
    if isinstance(claimed_count, bool) or not isinstance(claimed_count, int):
        return True
    return claimed_count != facts.record_count


def _authority_fails(authority: object, agency: AgencyInfo | None) -> bool:
    if not isinstance(authority, list) or not all(isinstance(c, str) for c in authority):
        return True
    cited = [c for c in authority if c.strip()]
    if not cited:
        return True
    if agency is None:
        # An agency not registered has no designated statute, so none cited is one (as
        # R_STATUTE already says of its records): B_AUTHORITY applies beside B_AGENCY.
        return True
    return not any(is_designated(c, agency.statutes) for c in cited)


def _certification_fails(certifications: object) -> bool:
    if not isinstance(certifications, Mapping):
        return True
    # `is True`: the string "true" and the number 1 (== True in Python) are not JSON true.
    return any(certifications.get(key) is not True for key in CERTIFICATION_KEYS)


def _signed_at_fails(signed_at: date | None, processing_date: date) -> bool:
    if signed_at is None or signed_at > processing_date:
        return True
    return (processing_date - signed_at).days > _STALENESS_DAYS


def _code(text: str) -> str:
    return text.strip().upper()

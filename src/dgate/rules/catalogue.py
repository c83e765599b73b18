"""The legal rule catalogue, as data.

Every reason code of decisions.md is one `Rule`: a stable code, its level, a title, the
message a person reads, the law it comes from, and the parameters the check uses. The checks
in batch.py and record.py read their parameters from here, so the content hash
(`ruleset_hash`) recorded with each decision pins exactly which rules and values decided it.

Citations come from /work/shared/spec/legal-basis.md and master-format.md; where a value is
office policy rather than law (the staleness window, the caseload cap) the citation says so.

`effective` is the date from which a rule governs requests. Every rule of this first
catalogue enforces a requirement that already held when the agreement was signed
(7 April 2025), so all carry that date; it documents, it does not switch checks off.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, Literal

from dgate.rules import vocab

__all__ = [
    "CATALOGUE",
    "CERTIFICATION_KEYS",
    "RULESET_VERSION",
    "Level",
    "Rule",
    "codes",
    "rule",
    "ruleset_hash",
]

Level = Literal["batch", "record", "match"]

RULESET_VERSION = "dgate-rules/18"
"""Part of the hash: bump it when a check's logic changes while its data stays the same."""

# --- Sources (legal-basis.md). Each string is cited as written; nothing is invented. ---
_I2A = "26 U.S.C. §6103(i)(2)(A)"
_I2B_NAME = "26 U.S.C. §6103(i)(2)(B)(i)"
_I2B_PERIOD = "26 U.S.C. §6103(i)(2)(B)(ii)"
_I2B_AUTH = "26 U.S.C. §6103(i)(2)(B)(iii)"
_I2B_REASON = "26 U.S.C. §6103(i)(2)(B)(iv)"
_I2C = "26 U.S.C. §6103(i)(2)(C)"
_P3A = "26 U.S.C. §6103(p)(3)(A)"
_P4 = "26 U.S.C. §6103(p)(4)"
_S7213 = "26 U.S.C. §7213"
_S1253 = "8 U.S.C. §1253(a)(1)"
_CFR241 = "8 C.F.R. §241.1"
_LKA = "Treas. Reg. §301.6212-2"
_MOU = "IRS–ICE memorandum of understanding of 7 April 2025"
_CTR = "Center for Taxpayer Rights v. IRS, No. 1:25-cv-00457 (D.D.C.)"
_CTR_NOV = f"{_CTR}, ruling of 21 Nov 2025"
_CTR_FEB = f"{_CTR}, ruling of 26 Feb 2026"
_TIGTA = "TIGTA report (June 2026)"
_POLICY = "office policy parameter"


def _cite(*sources: str) -> str:
    return "; ".join(sources)


CERTIFICATION_KEYS: tuple[str, ...] = (
    "subjects_under_criminal_investigation",
    "use_solely_for_proceeding",
    "recipients_personally_and_directly_engaged",
    "publication_1075_safeguards",
)

# A reason equal to one of these (after folding case and punctuation) sets forth nothing.
_REASON_PLACEHOLDERS: tuple[str, ...] = (
    "n/a", "na", "tbd", "tba", "none", "null", "nil", "unknown", "pending", "various",
    "reason", "reasons", "investigation", "criminal investigation", "ongoing investigation",
    "see attached", "see above", "see below", "see list", "see file", "see memo",
    "same as above", "as above", "per request", "law enforcement purpose",
    "law enforcement purposes", "official use", "not applicable", "not provided",
    "failed to provide", "test", "xxx",
)
# A reason made only of these words names no specific fact, however long it is
# ("see attached criminal investigation reason").
_REASON_FILLER_WORDS: tuple[str, ...] = (
    "a", "above", "an", "and", "applicable", "as", "attached", "attachment", "available",
    "below", "case", "criminal", "enforcement", "file", "for", "given", "in", "info",
    "information", "investigation", "investigations", "is", "law", "list", "memo", "n",
    "na", "nil", "none", "not", "null", "of", "official", "ongoing", "or", "other",
    "pending", "per", "provided", "purpose", "purposes", "reason", "reasons", "ref",
    "refer", "request", "requested", "same", "see", "tba", "tbd", "test", "the", "to",
    "unknown", "use", "various",
    # pointers elsewhere and form filler ("please see the enclosed memorandum", "to be
    # determined", "insert reason here", "placeholder text", lorem ipsum)
    "advised", "at", "be", "by", "determined", "document", "documentation", "documents",
    "enclosed", "enclosure", "enter", "goes", "here", "herein", "insert", "it", "letter",
    "memorandum", "on", "our", "placeholder", "please", "referenced", "stated", "text",
    "this", "with", "lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing",
    "elit",
    # no reason at all, or one promised for later, or keyboard filler (red team r5: "No
    # reason given", "REFUSED TO PROVIDE", "DON'T KNOW", "to be determined later",
    # "information to follow", "blah blah blah" were accepted)
    "no", "refused", "declined", "provide", "don", "dont", "know", "later", "follow",
    "will", "asdf", "blah", "etc",
)


@dataclass(frozen=True, slots=True)
class Rule:
    """One reason code. `params` is read-only; it is left out of hashing of the object
    (a mapping is not hashable) but is part of `ruleset_hash`."""

    code: str
    level: Level
    title: str
    message: str
    citation: str
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    effective: date = date(2025, 4, 7)


def _rule(code: str, level: Level, title: str, message: str, citation: str,
          **params: Any) -> Rule:
    return Rule(code, level, title, message, citation, MappingProxyType(dict(params)))


_BATCH: tuple[Rule, ...] = (
    _rule("B_SIGNATURE", "batch", "Manifest signature",
          "The manifest signature (batch.json.sig) is missing or does not verify against the "
          "signing official's registered Ed25519 key over the exact bytes of batch.json.",
          _cite(_I2A, _MOU), algorithm="Ed25519"),
    _rule("B_SIGNER", "batch", "Authorized signing official",
          "The signer is not a registered authorized official of the requesting agency on "
          "the date the request was signed.",
          _cite(_I2A, _MOU)),
    _rule("B_AGENCY", "batch", "Requesting agency in good standing",
          "The requesting agency is unknown, its agreement is suspended, or disclosures to it "
          "are blocked for open safeguard findings.",
          _cite(_P4, _CTR_NOV, _CTR_FEB, _TIGTA)),
    _rule("B_RECORDS_HASH", "batch", "Records match the signed manifest",
          "The records file does not match the manifest's records_sha256, or the number of "
          "records differs from record_count: the records are not the ones signed.",
          _cite(_I2A, _P3A), hash_algorithm="SHA-256"),
    _rule("B_AUTHORITY", "batch", "Statutory authority",
          "The manifest cites no statutory authority, or none of the statutes cited is a "
          "designated criminal statute for the requesting agency.",
          _cite(_I2B_AUTH, _MOU)),
    _rule("B_REASON", "batch", "Specific reason (batch)",
          "The manifest's reason is missing or a placeholder; the request must set forth the "
          "specific reason the information is relevant to a criminal investigation.",
          _cite(_I2B_REASON, _MOU),
          placeholders=_REASON_PLACEHOLDERS, filler_words=_REASON_FILLER_WORDS, min_words=3),
    _rule("B_CERTIFICATION", "batch", "Required certifications",
          "A required certification is missing or not the JSON value true.",
          _cite(_I2A, _P4, _MOU), required=CERTIFICATION_KEYS),
    _rule("B_SIGNED_AT", "batch", "Date of the written request",
          "The manifest's signed_at is missing, not a YYYY-MM-DD date, after the processing "
          "date, or older than the staleness window.",
          _cite(_I2A, _P3A, _POLICY), staleness_days=90),
)

_RECORD: tuple[Rule, ...] = (
    _rule("R_REQUEST_ID", "record", "Request identifier",
          "The request_id is missing, holds an invisible character (it shows as another id), "
          "or repeats an earlier record's request_id in this batch (compared without case, "
          "surrounding blanks, or the differences between dashes and between look-alike "
          "letters of other scripts; an id of digits only as its number, 000123 as 123).",
          _cite(_P3A)),
    _rule("R_NAME", "record", "Name of the taxpayer",
          "The first or last name is missing or is not a personal name (a placeholder, digits "
          "or a single letter, as the first given name of X JOHN is, or text not read as it "
          "shows: a spreadsheet formula, letters "
          "reordered by a bidirectional control, a letter inside a Latin word that does not "
          "read as a Latin letter), or the middle name or suffix is text not read as it shows. "
          "A numbered generational suffix ending the field (SMITH 3RD) is read as the suffix, "
          "not as digits in the name.",
          _cite(_I2B_NAME, _MOU)),
    _rule("R_ADDRESS_MISSING", "record", "Address of the taxpayer",
          "The record gives no address at all.",
          _cite(_I2B_NAME, _MOU, _CTR_FEB)),
    _rule("R_ADDRESS_PLACEHOLDER", "record", "Address is a placeholder",
          "An address field holds placeholder text instead of an address.",
          _cite(_I2B_NAME, _CTR_FEB), placeholders=tuple(vocab.PLACEHOLDERS)),
    _rule("R_ADDRESS_INCOMPLETE", "record", "Address is incomplete",
          "The address lacks a street number or street name, is a ZIP code only, or has "
          "neither city and state nor ZIP; a ZIP code is not an address. A grid house "
          "number (N56W14444), a grid street (W 500 S, or E 1900 with its axis left out) "
          "and a lettered avenue (AVENUE N) are a street number and a street name.",
          _cite(_I2B_NAME, _CTR_FEB)),
    _rule("R_ADDRESS_INVALID", "record", "Address is invalid",
          "The ZIP code is malformed or does not exist, the state is not a USPS code, or the "
          "ZIP code is not in that state; or an address field is not read as it shows (a "
          "spreadsheet formula, a bidirectional control, a letter inside a Latin word that "
          "does not read as a Latin letter), or the street line and the unit field name two "
          "different units; or the one-line address, read where the street field is empty, "
          "names two addresses (a second street line, or two houses or units joined by OR, "
          "AND, &, ; or /), or the unit, city, state or ZIP fields given beside it name "
          "another address.",
          _cite(_I2B_NAME, _CTR_FEB)),
    _rule("R_ADDRESS_FACILITY", "record", "Address is a facility",
          "The address names a jail, prison, detention or processing center instead of the "
          "person's address.",
          _cite(_I2B_NAME, _CTR_FEB), facilities=tuple(vocab.FACILITIES)),
    _rule("R_TIN", "record", "Taxpayer identification number",
          "A TIN is given but is not 9 digits or is not a number that can be issued (area "
          "000, 666 or 900-999 outside the ITIN ranges, group 00, serial 0000).",
          _cite(_I2C, _TIGTA),
          itin_group_ranges=((50, 65), (70, 88), (90, 92), (94, 99))),
    _rule("R_PERIOD", "record", "Taxable periods",
          "The taxable periods are missing, are not tax years, precede 1913, or lie in the "
          "future.",
          _cite(_I2B_PERIOD, _MOU), first_tax_year=1913),
    _rule("R_STATUTE", "record", "Record statute",
          "The statute cited for this record is not a designated criminal statute for the "
          "requesting agency.",
          _cite(_I2B_AUTH, _MOU)),
    _rule("R_REASON", "record", "Specific reason (record)",
          "The record's reason is missing or a placeholder; each person's request must set "
          "forth the specific reason.",
          _cite(_I2B_REASON, _MOU),
          placeholders=_REASON_PLACEHOLDERS, filler_words=_REASON_FILLER_WORDS, min_words=3),
    _rule("R_ORDER_MISSING", "record", "Final order of removal date",
          "The final_order_date is missing, is not a YYYY-MM-DD date, or precedes the day "
          "the Immigration and Nationality Act came into force (24 December 1952): a date "
          "written for an unknown one (0001-01-01, 1900-01-01) is not the order's.",
          _cite(_S1253, _CFR241, _MOU), first_order_date="1952-12-24"),
    _rule("R_ORDER_FUTURE", "record", "Final order after the request",
          "The final order of removal is dated after the request was signed.",
          _cite(_S1253, _CFR241)),
    _rule("R_ORDER_90_DAYS", "record", "Departure period not yet run",
          "The final order of removal is less than 90 days before the request was signed: "
          "before the departure period has run there is no failure to depart to investigate.",
          _cite(_S1253, _CFR241), waiting_days=90),
    _rule("R_CASE", "record", "Criminal case and case agent",
          "The case_number or case_agent_id is missing.",
          _cite(_I2A, _MOU)),
    _rule("R_CASELOAD", "record", "Plausible caseload",
          "The case agent is named on more records than one officer can be personally and "
          "directly engaged in within the window, counting the agency's earlier batches.",
          _cite(_I2A, _CTR_NOV, _POLICY), cap=100, window_days=365),
    _rule("R_DUPLICATE", "record", "Same person requested twice",
          "The same person (same name and address, and the same TIN, A-number, date of "
          "birth and Puerto Rico urbanization where both give one, and no two middle "
          "names that conflict: JAMES and PAUL, not J and JAMES; or same name and the "
          "same TIN or A-number at any address, no other identifier or date of birth "
          "differing) appears earlier in this batch.",
          _cite(_P3A, _TIGTA)),
)

_MATCH: tuple[Rule, ...] = (
    _rule("M_NO_MATCH", "match", "No match",
          "No taxpayer resembles the request; nothing is disclosed.",
          _cite(_S7213, _CTR_FEB), disposition="NOT_DISCLOSED"),
    _rule("M_NAME_ONLY", "match", "Name without address",
          "A taxpayer's name or TIN matches, but the request's address corresponds to none of "
          "that taxpayer's addresses; a name alone never discloses.",
          _cite(_I2B_NAME, _CTR_FEB), disposition="NOT_DISCLOSED"),
    _rule("M_ADDRESS_ONLY", "match", "Address without name",
          "The address is a taxpayer's, but the name is not that taxpayer's.",
          _cite(_I2B_NAME, _S7213), disposition="NOT_DISCLOSED"),
    _rule("M_AMBIGUOUS", "match", "More than one plausible taxpayer",
          "More than one taxpayer plausibly matches; disclosing either could disclose a "
          "stranger's information.",
          _cite(_S7213, _TIGTA), disposition="NOT_DISCLOSED"),
    _rule("M_CONFLICT", "match", "Contradicting identifier",
          "A date of birth or TIN in the request contradicts the best candidate.",
          _cite(_S7213, _TIGTA), disposition="NOT_DISCLOSED"),
    _rule("M_DECEASED", "match", "Taxpayer deceased",
          "The matched taxpayer has a date of death; no address is disclosed.",
          _cite(_I2A), disposition="NOT_DISCLOSED"),
    _rule("M_REVIEW", "match", "Human review required",
          "One candidate matches with certainty in the review band; a person must decide "
          "before release.",
          _cite(_S7213, _TIGTA), disposition="REVIEW"),
    _rule("M_MATCH", "match", "Unique match",
          "Exactly one taxpayer matches name and address with certainty at or above the "
          "disclosure threshold; the last known address is disclosed on release.",
          _cite(_I2C, _LKA, _CTR_FEB), disposition="DISCLOSE"),
)

CATALOGUE: tuple[Rule, ...] = _BATCH + _RECORD + _MATCH
"""Every reason code, batch codes first, then record and match codes, each in the order of
decisions.md."""

_BY_CODE: Mapping[str, Rule] = MappingProxyType({r.code: r for r in CATALOGUE})


def rule(code: str) -> Rule:
    """The rule with this code; KeyError names the unknown code."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise KeyError(f"unknown reason code {code!r}") from None


def codes(level: Level) -> tuple[str, ...]:
    """The codes of one level, in catalogue order."""
    return tuple(r.code for r in CATALOGUE if r.level == level)


def canonical_json() -> str:
    """The whole catalogue as canonical JSON: sorted keys, no blanks, tuples as lists."""
    payload = {
        "version": RULESET_VERSION,
        "rules": [
            {
                "code": r.code,
                "level": r.level,
                "title": r.title,
                "message": r.message,
                "citation": r.citation,
                "params": _plain(r.params),
                "effective": r.effective.isoformat(),
            }
            for r in CATALOGUE
        ],
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def ruleset_hash() -> str:
    """SHA-256 hex of `canonical_json()`: the version of the rules a decision was made under."""
    return _HASH


def _plain(value: Any) -> Any:
    """Turn params into JSON values deterministically (sets are sorted)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


_HASH = hashlib.sha256(canonical_json().encode("utf-8")).hexdigest()

"""Golden cases: for every batch and record code, one input that must trigger it and one
near miss that must not. test_docs.py fails if a catalogue code has no entry here.

A near miss is an input on the edge of the rule (a boundary date, a statute written
differently, a street that merely contains a scary word) and states the exact codes it must
get — usually none at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from .factory import (
    SIGNED_AT,
    BatchScenario,
    clean_manifest,
    default_agency,
    default_official,
    person,
)

NONE: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RecordCase:
    note: str
    rows: tuple[dict[str, str], ...]
    index: int = -1  # the record whose codes are asserted
    ctx: dict[str, Any] = field(default_factory=dict)
    expect: frozenset[str] = NONE  # near misses: exactly these codes


@dataclass(frozen=True)
class BatchCase:
    note: str
    build: Callable[[], BatchScenario]
    expect: frozenset[str] = NONE


def _one(note: str, expect: frozenset[str] = NONE, **overrides: str) -> RecordCase:
    return RecordCase(note, (overrides,), expect=expect)


def _order(days_before_signing: int) -> str:
    return (SIGNED_AT - timedelta(days=days_before_signing)).isoformat()


def _manifest(**changes: Any) -> Callable[[], BatchScenario]:
    def build() -> BatchScenario:
        manifest = clean_manifest()
        manifest.update(changes)
        return BatchScenario(manifest=manifest)
    return build


def _certs(**changes: Any) -> Callable[[], BatchScenario]:
    def build() -> BatchScenario:
        manifest = clean_manifest()
        manifest["certifications"].update(changes)
        return BatchScenario(manifest=manifest)
    return build


def _signed(days_before_processing: int) -> Callable[[], BatchScenario]:
    def build() -> BatchScenario:
        scenario = BatchScenario()
        scenario.manifest["signed_at"] = SIGNED_AT.isoformat()
        scenario.processing_date = SIGNED_AT + timedelta(days=days_before_processing)
        return scenario
    return build


BATCH_GOLDEN: dict[str, tuple[BatchCase, BatchCase]] = {
    "B_SIGNATURE": (
        BatchCase("manifest bytes changed after signing (one trailing blank)",
                  lambda: BatchScenario(tamper=b" ")),
        BatchCase("signature given as base64 text with a trailing newline",
                  lambda: BatchScenario()),
    ),
    "B_SIGNER": (
        BatchCase("official's validity ended the day before signed_at",
                  lambda: BatchScenario(official=default_official(
                      valid_to=SIGNED_AT - timedelta(days=1)))),
        BatchCase("official's validity ends on signed_at itself (inclusive)",
                  lambda: BatchScenario(official=default_official(valid_to=SIGNED_AT))),
    ),
    "B_AGENCY": (
        BatchCase("agency blocked for open safeguard findings",
                  lambda: BatchScenario(agency=default_agency(safeguard_block=True))),
        BatchCase("agency code written in lower case in the manifest",
                  _manifest(requesting_agency="ice")),
    ),
    "B_RECORDS_HASH": (
        BatchCase("record_count one more than the records file holds",
                  lambda: BatchScenario(record_count=2)),
        BatchCase("records_sha256 written in upper-case hex",
                  lambda: _upper_hash()),
    ),
    "B_AUTHORITY": (
        BatchCase("cites 8 U.S.C. 1229a (civil removal proceedings), not the designated 1253",
                  _manifest(statutory_authority=["8 U.S.C. 1229a"])),
        BatchCase("designated statute written out in words",
                  _manifest(statutory_authority=[
                      "Title 8, United States Code, Section 1253(a)(1)"])),
    ),
    "B_REASON": (
        BatchCase("reason is 'N/A'", _manifest(reason="N/A")),
        BatchCase("short but specific reason",
                  _manifest(reason="Willful failure to depart")),
    ),
    "B_CERTIFICATION": (
        BatchCase("a certification is the string \"true\", not JSON true",
                  _certs(use_solely_for_proceeding="true")),
        BatchCase("an extra, unknown certification that is false",
                  _certs(additional_statement=False)),
    ),
    "B_SIGNED_AT": (
        BatchCase("signed 91 days before processing", _signed(91)),
        BatchCase("signed exactly 90 days before processing", _signed(90)),
    ),
}


def _upper_hash() -> BatchScenario:
    scenario = BatchScenario()
    scenario.manifest["records_sha256"] = scenario.manifest["records_sha256"].upper()
    return scenario


RECORD_GOLDEN: dict[str, tuple[RecordCase, RecordCase]] = {
    "R_REQUEST_ID": (
        RecordCase("same id again, differing only in case and blanks",
                   (person(0, request_id="REQ-0001"), person(1, request_id=" req-0001 "))),
        RecordCase("ids that share a prefix are different ids",
                   (person(0, request_id="REQ-1"), person(1, request_id="REQ-10"))),
    ),
    "R_NAME": (
        _one("first name is the placeholder FNU", first_name="FNU"),
        _one("accented given name and a surname with particles",
             first_name="José", last_name="de la Cruz"),
    ),
    "R_ADDRESS_MISSING": (
        _one("no address field at all", street="", unit="", city="", state="", zip=""),
        _one("the whole address given on one line instead",
             street="", city="", state="", zip="",
             address="1100 Congress Ave, Austin, TX 78701"),
    ),
    "R_ADDRESS_PLACEHOLDER": (
        _one("street says FAILED TO PROVIDE", street="FAILED TO PROVIDE"),
        _one("a real-looking street whose name contains 'Unknown'", street="123 Unknown Rd"),
    ),
    "R_ADDRESS_INCOMPLETE": (
        _one("street without a house number", street="CONGRESS AVE"),
        _one("no ZIP, but city and state", zip=""),
    ),
    "R_ADDRESS_INVALID": (
        _one("ZIP 00000", zip="00000"),
        _one("ZIP+4", zip="78701-1234"),
    ),
    "R_ADDRESS_FACILITY": (
        _one("a county jail named as the address", street="TRAVIS COUNTY JAIL"),
        _one("an ordinary street named Center", street="500 CENTER ST"),
    ),
    "R_TIN": (
        _one("SSN area 666", tin="666-12-3456"),
        _one("a valid ITIN (9XX, group 70)", tin="912-70-1234"),
    ),
    "R_PERIOD": (
        _one("range written backwards", taxable_periods="2024-2021"),
        _one("the processing date's own year", taxable_periods="2025;2026"),
    ),
    "R_STATUTE": (
        _one("8 U.S.C. 1229a is not the designated 1253", statute="8 U.S.C. 1229a"),
        _one("designated statute, subsection, odd spelling",
             statute="8 u.s.c. sec. 1253 (a) (1)"),
    ),
    "R_REASON": (
        _one("reason is 'see attached'", reason="see attached"),
        _one("three specific words", reason="Failed to depart"),
    ),
    "R_ORDER_MISSING": (
        _one("US-style date", final_order_date="06/02/2025"),
        _one("leap day", final_order_date="2024-02-29"),
    ),
    "R_ORDER_FUTURE": (
        _one("order one day after signed_at", final_order_date=_order(-1)),
        _one("order on signed_at itself: too recent, but not in the future",
             final_order_date=_order(0), expect=frozenset({"R_ORDER_90_DAYS"})),
    ),
    "R_ORDER_90_DAYS": (
        _one("order 89 days before signed_at", final_order_date=_order(89)),
        _one("order exactly 90 days before signed_at", final_order_date=_order(90)),
    ),
    "R_CASE": (
        _one("no case number", case_number=""),
        _one("case number with leading zeros", case_number="0042"),
    ),
    "R_CASELOAD": (
        RecordCase("one more record on top of 100 earlier ones (agent id in other case)",
                   (person(0),), ctx={"prior_caseload": {" agent-0007 ": 100}}),
        RecordCase("exactly the cap: 99 earlier + 1 now", (person(0),),
                   ctx={"prior_caseload": {"AGENT-0007": 99}}),
    ),
    "R_DUPLICATE": (
        RecordCase("same person again, written in other case with AVENUE",
                   (person(0), person(0, first_name="Maria Elena", last_name="Garcia Lopez",
                                      street="1100 Congress Avenue", tin="401234567",
                                      request_id="REQ-0002"))),
        RecordCase("same name and address, different TINs: two people",
                   (person(0), person(0, tin="402-11-2222", request_id="REQ-0002"))),
    ),
}

__all__ = ["BATCH_GOLDEN", "RECORD_GOLDEN", "BatchCase", "RecordCase"]

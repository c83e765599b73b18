"""Each defect record carries its defect and no other; sufficient records carry none.

The checks below are written from decisions.md, independently of the generator. Address
checks run in the order of precedence of the main code (a placeholder street also lacks a
house number; the main code is the placeholder).
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import zipcodes

from .conftest import AS_OF
from .helpers import fold, parse_date, read_csv, request_keys, valid_tin

PLACEHOLDERS = ("UNKNOWN", "FAILED TO PROVIDE", "N/A", "NA NA", "NONE", "DON'T CARE", "TBD",
                "HOMELESS", "REFUSED", "XXX")
FACILITY_WORDS = ("JAIL", "DETENTION", "PROCESSING CENTER", "CORRECTIONAL", "PRISON")
USPS = {z["state"] for z in zipcodes.list_all()}


def _has_phrase(text: str, phrases: tuple[str, ...]) -> bool:
    t = fold(text)
    return any(re.search(rf"(^|\W){re.escape(p)}($|\W)", t) for p in phrases)


def _address_defect(rec: dict[str, str]) -> str | None:
    fields = [rec[k] for k in ("street", "unit", "city", "state", "zip", "address")]
    if not any(fields):
        return "address_missing"
    if any(_has_phrase(f, PLACEHOLDERS) for f in fields):
        return "address_placeholder"
    if any(_has_phrase(f, FACILITY_WORDS) for f in fields):
        return "address_facility"
    line, zip_code, state = request_keys(rec) if (rec["street"] or rec["address"]) else (
        "", rec["zip"], rec["state"])
    words = (rec["street"] or line).split()  # a unit number is not a street number
    if not words or not any(w.isdigit() for w in words) or all(w.isdigit() for w in words):
        return "address_incomplete"
    if (not re.fullmatch(r"\d{5}(-\d{4})?", zip_code) or state not in USPS
            or not zipcodes.matching(zip_code[:5])
            or zipcodes.matching(zip_code[:5])[0]["state"] != state):
        return "address_invalid"
    return None


def _periods_ok(text: str, as_of: date) -> bool:
    if re.fullmatch(r"\d{4}-\d{4}", text):
        a, b = (int(x) for x in text.split("-"))
        return a <= b < as_of.year
    parts = text.split(";")
    return all(re.fullmatch(r"\d{4}", p) and int(p) < as_of.year for p in parts)


def detect(rec: dict[str, str], seen_ids: set[str], seen_people: set[tuple], *,
           signed_at: date, as_of: date) -> set[str]:
    found = set()
    for name in (rec["first_name"], rec["last_name"]):
        n = fold(name).strip()
        if len(n) < 2 or n.isdigit() or n in PLACEHOLDERS:
            found.add("name_missing")
    if (d := _address_defect(rec)) is not None:
        found.add(d)
    if rec["tin"] and valid_tin(rec["tin"].replace("-", "")) is None:
        found.add("tin_invalid")
    if not _periods_ok(rec["taxable_periods"], as_of):
        found.add("period_invalid")
    if rec["statute"] and re.sub(r"[^0-9a-z()]", "", rec["statute"].lower()) != "8usc1253(a)(1)":
        found.add("statute_civil")
    if len(rec["reason"]) < 40 or fold(rec["reason"]) in PLACEHOLDERS:
        found.add("reason_placeholder")
    order = parse_date(rec["final_order_date"])
    if order is None:
        found.add("order_missing")
    elif order > signed_at:
        found.add("order_future")
    elif (signed_at - order).days < 90:
        found.add("order_90_days")
    if not rec["case_number"] or not rec["case_agent_id"]:
        found.add("case_missing")
    if not rec["request_id"] or rec["request_id"] in seen_ids:
        found.add("request_id_repeat")
    person = tuple(fold(rec[k]) for k in ("first_name", "last_name", "street", "unit", "zip",
                                          "address", "date_of_birth"))
    if person in seen_people:
        found.add("duplicate_person")
    seen_ids.add(rec["request_id"])
    seen_people.add(person)
    return found


def test_one_defect_per_rejected_record_and_none_elsewhere(synth_dir: Path) -> None:
    signed_at = date.fromisoformat(
        json.loads((synth_dir / "pkg" / "batch.json").read_bytes())["signed_at"])
    records = read_csv(synth_dir / "pkg" / "records.csv")
    truth = read_csv(synth_dir / "truth.csv")
    seen_ids: set[str] = set()
    seen_people: set[tuple] = set()
    kinds = set()
    for rec, t in zip(records, truth, strict=True):
        found = detect(rec, seen_ids, seen_people, signed_at=signed_at, as_of=AS_OF)
        if t["expected_disposition"] == "REJECTED":
            assert found == {t["scenario"]}, (t["seq"], found, t["scenario"])
            assert t["expected_code"].startswith("R_")
            kinds.add(t["scenario"])
        else:
            assert found == set(), (t["seq"], found)
            assert (signed_at - date.fromisoformat(rec["final_order_date"])).days >= 120
    assert len(kinds) == 16  # every record-level defect but the caseload one

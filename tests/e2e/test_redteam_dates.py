"""Red team r13: the dates a request carries, end to end through the CLI on hand-written,
synthetic files (tests/e2e/handmade.py). The master's dates: test_redteam_master_dates.py.

Findings (each test failed on the code as found):
- F2: a final_order_date that stands in for a date (0001-01-01, 1900-01-01: what a form or a
  database writes for "unknown") passed every rule and the person's address was disclosed.
- F3 (strict xfail, the contract decides): a final order exactly 90 days before signed_at
  passes, as decisions.md's "less than 90 days" reads; 8 U.S.C. §1253(a)(1)'s "within a
  period of 90 days from the date of the final order" ends with day 90, so the failure to
  depart is complete only from day 91.
- F5: a signed_at at either end of the calendar (0001-01-01, 9999-12-31) crashed submit
  (exit 1): the request was neither recorded nor answered.

The controls hold what dgate already does right at each boundary the spec states.
Synthetic people.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.e2e.handmade import AS_OF, decide, dgate, setup_home, write_package

R1 = dict(request_id="R1", first_name="Maria", last_name="Garcia", street="123 N Main St",
          unit="#4B", city="Austin", state="TX", zip="78701-1234")
# the spec's R3 and R9, disclosed as R1 is: other people, for more than one in a batch
R3 = dict(request_id="R3", first_name="John", last_name="Smith", name_suffix="Jr.",
          street="77 Oak Ave", city="Chicago", state="IL", zip="60629")
R9 = dict(request_id="R9", first_name="Jose", middle_name="Luis", last_name="Cruz",
          address="2200 South Congress Avenue #12, Austin, TX 78704")
Home = tuple[Path, Ed25519PrivateKey, Path]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Home:
    tmp = tmp_path_factory.mktemp("dates")
    home, key = setup_home(tmp)
    return home, key, tmp


def _other(rid: str, first: str, **fields: str) -> dict[str, str]:
    """A request of a person of its own, named `first` (no record repeats another:
    R_DUPLICATE)."""
    return dict(R1, request_id=rid, first_name=first, **fields)


def _rows(home: Path, key: Ed25519PrivateKey, tmp: Path, rows: list[dict[str, str]],
          batch: str) -> dict[str, tuple[str, str]]:
    return {rid: (r["disposition"], r["reason_codes"])
            for rid, r in decide(home, key, tmp, rows, batch).items()}


def test_a_placeholder_final_order_date_is_refused_not_disclosed(world: Home) -> None:
    """decisions.md R_ORDER_MISSING: "final_order_date missing or not a date". 0001-01-01
    and 1900-01-01 are what a form or a database writes when the date is not known; no
    final order of removal can predate the Immigration and Nationality Act (in force
    24 Dec 1952), under which 8 U.S.C. §1253 makes failing to depart a crime. R1 and R3
    with them were DISCLOSE M_MATCH."""
    home, key, tmp = world
    got = _rows(home, key, tmp, [
        dict(R9, final_order_date="1952-12-24"),  # control: the first day, disclosed
        dict(R1, final_order_date="0001-01-01"),
        dict(R3, final_order_date="1900-01-01"),
        _other("P1", "Olga", final_order_date="1952-12-23")], "ICE-2026-001500")
    assert got == {"R9": ("DISCLOSE", "M_MATCH"), "R1": ("REJECTED", "R_ORDER_MISSING"),
                   "R3": ("REJECTED", "R_ORDER_MISSING"),
                   "P1": ("REJECTED", "R_ORDER_MISSING")}, got


def test_the_dates_of_a_request_at_their_boundaries(world: Home) -> None:
    """Controls at each boundary the spec states (processing date 2026-11-25, signed
    2026-11-20 unless said). signed_at equal to the processing date passes, a day later is
    B_SIGNED_AT; exactly 90 days old passes, 91 is stale; a timestamp is not the ISO date
    request-format.md asks. An order on signed_at or 89 days before it is R_ORDER_90_DAYS,
    a day after it R_ORDER_FUTURE; 29 February of a common year is not a date, of a leap
    year it is; periods of the current year pass, of the next year (or a range into it)
    are R_PERIOD."""
    home, key, tmp = world
    signed = {"2026-11-25": "DISCLOSE", "2026-11-26": "REJECTED", "2026-08-27": "DISCLOSE",
              "2026-08-26": "REJECTED", "2026-11-20T10:00:00Z": "REJECTED"}
    wrong = []
    for n, (signed_at, want) in enumerate(signed.items()):
        pkg = write_package(tmp / f"s{n}", key, [R1], batch_id=f"ICE-2026-{1600 + n:06d}",
                            signed_at=signed_at)
        sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
        out = tmp / f"s{n}.csv"
        assert dgate(home, "batch", "decisions", sub.last_line, "--out", str(out)).code == 0
        with out.open(encoding="utf-8", newline="") as fh:
            row = next(csv.DictReader(fh))
        codes = "B_SIGNED_AT" if want == "REJECTED" else "M_MATCH"
        if (row["disposition"], row["reason_codes"]) != (want, codes):
            wrong.append((signed_at, row["disposition"], row["reason_codes"]))
    assert not wrong, wrong
    got = _rows(home, key, tmp, [
        dict(R1, final_order_date="2024-02-29"),
        dict(R3, taxable_periods="2026"),
        _other("O1", "Owen", final_order_date="2026-11-20"),
        _other("O02", "Yara", final_order_date="2026-08-23"),
        _other("O003", "Yusuf", final_order_date="2026-11-21"),
        _other("O0004", "Pia", final_order_date="2026-02-29"),
        _other("Y1", "Pablo", taxable_periods="2027"),
        _other("Y02", "Petra", taxable_periods="2025-2027")], "ICE-2026-001700")
    assert got == {"R1": ("DISCLOSE", "M_MATCH"), "R3": ("DISCLOSE", "M_MATCH"),
                   "O1": ("REJECTED", "R_ORDER_90_DAYS"),
                   "O02": ("REJECTED", "R_ORDER_90_DAYS"),
                   "O003": ("REJECTED", "R_ORDER_FUTURE"),
                   "O0004": ("REJECTED", "R_ORDER_MISSING"),
                   "Y1": ("REJECTED", "R_PERIOD"), "Y02": ("REJECTED", "R_PERIOD")}, got


def test_a_signed_at_at_the_ends_of_the_calendar_is_recorded_and_rejected(
        world: Home) -> None:
    """F5: a manifest signed 0001-01-01 or 9999-12-31 (real dates, request-format.md's ISO
    form) ended `batch submit` in an internal error (exit 1: the caseload window of 365 days
    around signed_at ran off the calendar), so the request was neither recorded nor
    answered. decisions.md: B_SIGNED_AT, "after the processing date, or older than the
    staleness window": the batch is stored and every record REJECTED with it."""
    home, key, tmp = world
    wrong = []
    for n, signed_at in enumerate(("0001-01-01", "9999-12-31")):
        pkg = write_package(tmp / f"end{n}", key, [R1], batch_id=f"ICE-2026-{1900 + n:06d}",
                            signed_at=signed_at)
        sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
        if sub.code != 0:
            wrong.append((signed_at, sub.code, sub.err.strip()[:100]))
            continue
        out = tmp / f"end{n}.csv"
        assert dgate(home, "batch", "decisions", sub.last_line, "--out", str(out)).code == 0
        with out.open(encoding="utf-8", newline="") as fh:
            row = next(csv.DictReader(fh))
        if row["disposition"] != "REJECTED" or "B_SIGNED_AT" not in row["reason_codes"]:
            wrong.append((signed_at, row["disposition"], row["reason_codes"]))
    assert not wrong, wrong


@pytest.mark.xfail(strict=True, reason=(
    "decisions.md's R_ORDER_90_DAYS ('less than 90 days before signed_at') lets day 90 pass; "
    "8 U.S.C. §1253(a)(1)'s period of 90 days 'from the date' of the order ends with day 90 "
    "(the day of the order excluded), so no failure to depart exists before day 91. The "
    "contract (decisions.md, legal-basis.md 'Before day 90') must change first: then set "
    "R_ORDER_90_DAYS waiting_days to 91 (a ruleset version bump)."))
def test_an_order_exactly_90_days_before_the_request_is_too_early(world: Home) -> None:
    home, key, tmp = world
    got = _rows(home, key, tmp, [dict(R1, final_order_date="2026-08-22")], "ICE-2026-001800")
    assert got == {"R1": ("REJECTED", "R_ORDER_90_DAYS")}, got

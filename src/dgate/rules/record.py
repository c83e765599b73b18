"""Record-level legal rules: does each person's request set forth what the law requires?

`check_records` returns, for every record in order, the set of every record code of
decisions.md that applies (all of them, never just the first). Rules that compare records
(repeated request ids, caseload, duplicates) look at the whole batch, so the function takes
the batch, not one record.

Readings the spec leaves open, decided here:

- R_REQUEST_ID: ids compare after Unicode NFKC, stripping and case folding. "REQ-1" and
  "req-1" are one id: the response file is keyed by it, and a requester whose tools ignore
  case must never be able to confuse two people's answers.
- R_CASE: a case number or agent id that is only a placeholder (N/A, NONE, UNKNOWN, TBD,
  zeros, punctuation) is missing in substance and counts as missing.
- R_STATUTE: a record statute may list several citations separated by ";"; it passes if
  any is designated. An empty statute means the manifest's applies, which B_AUTHORITY checks.
  With no designated statutes in the context (unknown agency) a given statute is flagged:
  nothing is designated for it.
- R_CASELOAD: agent ids compare like request ids; placeholder agent ids are R_CASE and are
  not counted as one agent's caseload.
- R_ORDER_90_DAYS: days = signed_at − final_order_date; fewer than 90 is flagged, exactly
  90 passes (decisions.md: "less than 90 days before"). An order dated after signed_at is
  R_ORDER_FUTURE only: it is not "before" signed_at at all. See docs/rules.md for the
  reading of day 90 under 8 U.S.C. §1253(a)(1).
- R_DUPLICATE: same person = same canonical given-name tokens, same set of significant
  surname tokens, same suffix, same normalized address (house, street name, unit, and ZIP5
  — or city and state when the ZIP is missing), and no contradicting TIN (two different
  TINs are two people; a TIN on one record only does not contradict). Records without a
  usable name or address are not compared. A TIN alone is not treated as a duplicate.
- Without signed_at (the batch already fails B_SIGNED_AT) the order-date comparisons are
  skipped; R_ORDER_MISSING is still reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from dgate.model import NormAddress, NormName, RequestRecord
from dgate.normalize.address import normalize_address
from dgate.normalize.names import is_personal_name, normalize_name
from dgate.rules.address import judge_address
from dgate.rules.batch import is_placeholder_reason
from dgate.rules.catalogue import rule
from dgate.rules.citations import is_designated, split_citations
from dgate.rules.dates import parse_date, parse_periods

__all__ = ["RecordContext", "check_records", "is_valid_tin"]

_ADDRESS_FIELDS = ("street", "unit", "city", "state", "zip", "address")
_ADDRESS_PLACEHOLDERS: tuple[str, ...] = rule("R_ADDRESS_PLACEHOLDER").params["placeholders"]
_FACILITIES: tuple[str, ...] = rule("R_ADDRESS_FACILITY").params["facilities"]
_ITIN_GROUPS: tuple[tuple[int, int], ...] = rule("R_TIN").params["itin_group_ranges"]
_WAITING_DAYS: int = rule("R_ORDER_90_DAYS").params["waiting_days"]
_CASELOAD_CAP: int = rule("R_CASELOAD").params["cap"]

_TIN_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015]")
_NINE_DIGITS = re.compile(r"[0-9]{9}")
_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")
_ABSENT_VALUES = frozenset({"NA", "N A", "NONE", "NULL", "NIL", "UNKNOWN", "TBD", "TBA"})

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class RecordContext:
    """What the record rules need besides the records.

    `agency_statutes`: the agency's designated statutes, as registered. `manifest_statutes`:
    the manifest's statutory authority, which applies to records with no statute of their
    own (checked once, at batch level). `prior_caseload`: case_agent_id -> records naming
    that agent in the agency's earlier accepted batches within the caseload window (keys
    are matched without case or surrounding blanks).
    """

    processing_date: date
    signed_at: date | None
    agency_statutes: tuple[str, ...]
    manifest_statutes: tuple[str, ...]
    prior_caseload: Mapping[str, int]


def check_records(records: Sequence[RequestRecord], ctx: RecordContext) -> list[frozenset[str]]:
    """Every record code that applies, per record, aligned with `records`."""
    found: list[set[str]] = [set() for _ in records]
    checker = _Checker(ctx)
    for codes, record in zip(found, records, strict=True):
        codes.update(checker.own_codes(record.fields))
    for index in _repeated_or_missing_ids(records):
        found[index].add("R_REQUEST_ID")
    for index in _over_caseload(records, ctx.prior_caseload):
        found[index].add("R_CASELOAD")
    for index in checker.duplicates(records):
        found[index].add("R_DUPLICATE")
    return [frozenset(codes) for codes in found]


def is_valid_tin(text: str) -> bool:
    """True if `text` is 9 digits (dashes and blanks aside) that can be an issued SSN or ITIN.

    Never issued: area 000 or 666, group 00, serial 0000, and area 900-999 unless the group
    is an ITIN group (50-65, 70-88, 90-92, 94-99).
    """
    digits = _TIN_SEPARATORS.sub("", text)
    if _NINE_DIGITS.fullmatch(digits) is None:
        return False
    area, group, serial = digits[:3], int(digits[3:5]), digits[5:]
    if serial == "0000":
        return False
    if area.startswith("9"):
        return any(low <= group <= high for low, high in _ITIN_GROUPS)
    return area not in ("000", "666") and group != 0


class _Checker:
    """Per-call state: memo tables for the expensive, pure normalizers. Batches repeat
    names, streets, reasons and statutes, so each distinct value is judged once."""

    def __init__(self, ctx: RecordContext) -> None:
        self._ctx = ctx
        self._memo: dict[str, dict[Hashable, object]] = defaultdict(dict)

    def _cached(self, table: str, key: K, compute: Callable[[], V]) -> V:
        memo = self._memo[table]
        if key not in memo:
            memo[key] = compute()
        return memo[key]  # type: ignore[return-value]

    def own_codes(self, fields: Mapping[str, str]) -> set[str]:
        """The codes a record earns on its own, without looking at the other records."""
        get = fields.get
        codes: set[str] = set()
        if not self._is_name(get("first_name", "")) or not self._is_name(get("last_name", "")):
            codes.add("R_NAME")
        address = tuple(get(k, "") for k in _ADDRESS_FIELDS)
        codes.update(self._cached("judge", address, lambda: _judge(address)))
        tin = get("tin", "").strip()
        if tin and not self._cached("tin", tin, lambda: is_valid_tin(tin)):
            codes.add("R_TIN")
        periods = get("taxable_periods", "")
        if self._cached("period", periods, lambda: self._periods_fail(periods)):
            codes.add("R_PERIOD")
        statute = get("statute", "").strip()
        if statute and self._cached("statute", statute, lambda: self._statute_fails(statute)):
            codes.add("R_STATUTE")
        reason = get("reason", "")
        if self._cached("reason", reason, lambda: is_placeholder_reason(reason)):
            codes.add("R_REASON")
        codes.update(self._order_codes(get("final_order_date", "")))
        case_number, agent = get("case_number", ""), get("case_agent_id", "")
        if self._cached("absent", case_number, lambda: _absent(case_number)) or self._cached(
            "absent", agent, lambda: _absent(agent)
        ):
            codes.add("R_CASE")
        return codes

    def _is_name(self, text: str) -> bool:
        return bool(text.strip()) and self._cached("is_name", text, lambda: is_personal_name(text))

    def _periods_fail(self, text: str) -> bool:
        return parse_periods(text, self._ctx.processing_date) is None

    def _statute_fails(self, text: str) -> bool:
        designated = self._ctx.agency_statutes
        return not any(is_designated(c, designated) for c in split_citations(text))

    def _order_codes(self, text: str) -> set[str]:
        order = parse_date(text)
        if order is None:
            return {"R_ORDER_MISSING"}
        signed_at = self._ctx.signed_at
        if signed_at is None:
            return set()
        if order > signed_at:
            return {"R_ORDER_FUTURE"}
        if (signed_at - order).days < _WAITING_DAYS:
            return {"R_ORDER_90_DAYS"}
        return set()

    def duplicates(self, records: Sequence[RequestRecord]) -> list[int]:
        """Indexes of records that repeat an earlier record's person.

        Names are keyed first; only records sharing a name key get their address
        normalized, which keeps the costly address parser off the common, unique case.
        """
        by_name: dict[tuple[object, ...], list[int]] = defaultdict(list)
        for index, record in enumerate(records):
            key = self._name_key(record.fields)
            if key is not None:
                by_name[key].append(index)
        repeats: list[int] = []
        for indexes in by_name.values():
            if len(indexes) > 1:
                repeats.extend(self._repeats_among(records, indexes))
        return sorted(repeats)

    def _repeats_among(self, records: Sequence[RequestRecord], indexes: list[int]) -> list[int]:
        seen: dict[tuple[str, ...], list[str]] = defaultdict(list)  # address key -> TINs
        repeats: list[int] = []
        for index in indexes:
            fields = records[index].fields
            key = self._address_key(fields)
            if key is None:
                continue
            tin = _TIN_SEPARATORS.sub("", fields.get("tin", ""))
            earlier = seen[key]
            if earlier and any(not tin or not other or tin == other for other in earlier):
                repeats.append(index)
            earlier.append(tin)
        return repeats

    def _name_key(self, fields: Mapping[str, str]) -> tuple[object, ...] | None:
        parts = tuple(fields.get(k, "") for k in ("first_name", "middle_name", "last_name",
                                                   "name_suffix"))
        name: NormName = self._cached("name", parts, lambda: normalize_name(*parts))
        if not name.first_canon or not name.last_tokens:
            return None
        return (name.first_canon, frozenset(name.last_tokens), name.suffix)

    def _address_key(self, fields: Mapping[str, str]) -> tuple[str, ...] | None:
        parts = tuple(fields.get(k, "") for k in _ADDRESS_FIELDS)
        addr: NormAddress = self._cached("address", parts, lambda: normalize_address(*parts))
        if not addr.house or not addr.street_name:
            return None
        if addr.zip5:
            return (addr.house, addr.street_name, addr.unit, addr.zip5)
        if addr.city and addr.state:
            return (addr.house, addr.street_name, addr.unit, addr.city, addr.state)
        return None


def _judge(address: tuple[str, ...]) -> frozenset[str]:
    return judge_address(
        dict(zip(_ADDRESS_FIELDS, address, strict=True)),
        placeholders=_ADDRESS_PLACEHOLDERS,
        facilities=_FACILITIES,
    )


def _fold_key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _absent(text: str) -> bool:
    """Missing, or a value that only stands in for one (N/A, NONE, 000, "--")."""
    folded = _NOT_ALNUM.sub(" ", unicodedata.normalize("NFKC", text).upper()).strip()
    return not folded or folded in _ABSENT_VALUES or set(folded) <= {"0", " "}


def _repeated_or_missing_ids(records: Sequence[RequestRecord]) -> list[int]:
    seen: set[str] = set()
    flagged: list[int] = []
    for index, record in enumerate(records):
        key = _fold_key(record.request_id)
        if not key or key in seen:
            flagged.append(index)
        seen.add(key)
    return flagged


def _over_caseload(records: Sequence[RequestRecord], prior: Mapping[str, int]) -> list[int]:
    prior_by_agent: Counter[str] = Counter()
    for agent, count in prior.items():
        prior_by_agent[_fold_key(agent)] += count
    by_agent: dict[str, list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        raw = record.get("case_agent_id")
        if not _absent(raw):  # a missing agent is R_CASE, not a caseload of "N/A"
            by_agent[_fold_key(raw)].append(index)
    flagged: list[int] = []
    for agent, indexes in by_agent.items():
        if len(indexes) + prior_by_agent[agent] > _CASELOAD_CAP:
            flagged.extend(indexes)
    return sorted(flagged)

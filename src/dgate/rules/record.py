"""Record-level legal rules: does each person's request set forth what the law requires?

`check_records` returns, for every record in order, the set of every record code of
decisions.md that applies (all of them, never just the first). Rules that compare records
(repeated request ids, caseload, duplicates) look at the whole batch, so the function takes
the batch, not one record.

Readings the spec leaves open, decided here:

- R_REQUEST_ID: ids compare after Unicode NFKC, stripping and case folding, and an id of
  digits only as its number (000123 is 123, as a spreadsheet shows it). "REQ-1" and
  "req-1" are one id: the response file is keyed by it, and a requester whose tools ignore
  case must never be able to confuse two people's answers. For the same reason (red team
  r10) every dash is one dash (AB-1 with a non-breaking hyphen is AB-1) and the Cyrillic
  and Greek look-alikes of Latin letters are those letters (P1 in Cyrillic is P1); an id
  holding an invisible (format) character is R_REQUEST_ID wherever it stands: R1 with a
  zero-width space shows R1, and R, a right-to-left override and 21 shows R12.
- R_NAME: also for a middle name or a suffix not read as it shows (a formula, a
  bidirectional control, a letter a Latin word would lose: `normalize.not_as_shown`); an
  initial, NMN or nothing there is fine, as before. A first-name field whose first given
  name is a lone letter before another (X JOHN / "") is the one-letter first name that
  X / JOHN is (red team r44: `normalize.names.is_first_name`).
- R_CASE: a case number or agent id that is only a placeholder (N/A, NONE, UNKNOWN, TBD,
  zeros, punctuation) is missing in substance and counts as missing.
- R_STATUTE: a record statute may list several citations separated by ";"; it passes if
  any is designated. An empty statute means the manifest's applies, which B_AUTHORITY checks.
  With no designated statutes in the context (unknown agency) a given statute is flagged:
  nothing is designated for it.
- R_CASELOAD: agent ids compare like request ids, and without their separators (AGENT-7,
  AGENT 7, AGENT7 and AGENT-7 with a Cyrillic E are one agent: `fold_agent`); placeholder
  agent ids are R_CASE and are not counted as one agent's caseload.
- R_ORDER_MISSING: an order dated before the Immigration and Nationality Act came into force
  (1952-12-24, dates.FIRST_ORDER_DATE) is a date written for an unknown one, not the
  order's: missing in substance, as a placeholder address or case number is.
- R_ORDER_90_DAYS: days = signed_at − final_order_date; fewer than 90 is flagged, exactly
  90 passes (decisions.md: "less than 90 days before"). An order dated after signed_at is
  R_ORDER_FUTURE only: it is not "before" signed_at at all. See docs/rules.md for the
  reading of day 90 under 8 U.S.C. §1253(a)(1).
- R_DUPLICATE: same person = same canonical given-name tokens (those of the first-name
  field, or those read across the first- and middle-name fields: MARIA / ELENA is MARIA
  ELENA, and still MARIA as before; and MARIA ELENA with no middle name is also MARIA /
  ELENA, so MARIA too: red team r40), same set of significant
  surname tokens, same suffix, same normalized address (house, street name, unit, and ZIP5
  — or city and state when either record lacks the ZIP), and no contradicting TIN (two
  different TINs are two people; a TIN on one record only does not contradict), date of
  birth or A-number (red team r32: one A-number per person, so two are two people), nor
  two middle names that conflict as matching reads them (red team r33: JAMES and PAUL, P
  and J or NMN and JAMES are two people, as two dates of birth are; J and JAMES, JIM and
  JAMES, JAMES and JAMES ROBERT are one). Records
  without a usable name or address are not compared by address. A TIN alone is not treated
  as a duplicate, but the same name with the same valid TIN, or the same A-number (its
  digits, leading zeros aside), is the same person at any address, the requester may hold
  two of them (red team r12): unless another TIN, A-number or date of birth given on both
  differs.
  Two Puerto Rico urbanizations given and different are two addresses (as two directionals
  or street types are), one left out does not contradict.
  A courtesy title that contradicts the given name's sex is part of the name: MRS JOHN
  PEMBERLEY (John's wife) is not JOHN PEMBERLEY (an acceptance audit), while MRS MARY and
  MARY, or MR JOHN and JOHN, are one person.
- Without signed_at (the batch already fails B_SIGNED_AT) the order-date comparisons are
  skipped; R_ORDER_MISSING is still reported.

Speed (a batch holds up to millions of records) comes only from not judging the same value
twice: each distinct field value is judged once per batch (the memo tables of `_Checker`),
the address rules keep each field's verdict (rules/address.py), and a clean record shares
one empty set. No rule is approximated: tests/rules/test_reference.py holds check_records
to a frozen copy of the rules as they were before (tests/rules/slow_reference.py).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from dgate.model import NormAddress, RequestRecord
from dgate.normalize import latin_skeleton, not_as_shown
from dgate.normalize.address import normalize_address, parse_zip, streets_conflict
from dgate.normalize.korean import KOREAN_SURNAMES
from dgate.normalize.names import (
    fold_name,
    is_first_name,
    is_personal_name,
    middle_names_conflict,
    normalize_name,
    normalize_suffix,
    title_contradicts,
)
from dgate.rules.address import address_judge
from dgate.rules.batch import is_placeholder_reason
from dgate.rules.catalogue import rule
from dgate.rules.citations import is_designated, split_citations
from dgate.rules.dates import birth_date, order_date, parse_periods
from dgate.workers import skip_teardown

if TYPE_CHECKING:
    from dgate.intake.recordtable import RecordTable

__all__ = ["AskedAs", "People", "RecordContext", "a_number_of", "batch_people",
           "check_records", "first_given_alone", "fold_agent", "fullest_middle", "is_valid_tin",
           "one_address", "tin_digits"]

_ADDRESS_PLACEHOLDERS: tuple[str, ...] = rule("R_ADDRESS_PLACEHOLDER").params["placeholders"]
_FACILITIES: tuple[str, ...] = rule("R_ADDRESS_FACILITY").params["facilities"]
_ITIN_GROUPS: tuple[tuple[int, int], ...] = rule("R_TIN").params["itin_group_ranges"]
_WAITING_DAYS: int = rule("R_ORDER_90_DAYS").params["waiting_days"]
_CASELOAD_CAP: int = rule("R_CASELOAD").params["cap"]

# The contract: "9 digits, dashes allowed". Dashes of any Unicode form count; a blank
# inside the number does not (401 23 4567 is R_TIN, an acceptance audit's reading of the
# letter); blanks around it are the cell's, not the number's.
_TIN_SEPARATORS = re.compile(r"[\-\u2010-\u2015]")
_NINE_DIGITS = re.compile(r"[0-9]{9}")
_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")
# A case number or agent id made only of these words (single letters typed apart joined,
# "T.B.D." is TBD) stands in for a value: "NOT APPLICABLE", "UNKNOWN UNKNOWN", "NONE
# GIVEN", "SEE ATTACHED", "UNKNOWN AGENT" (red team r5: each passed, and was disclosed).
# Real identifiers carry a number or a word of their own.
_ABSENT_WORDS = frozenset({
    "NA", "NAN", "NONE", "NULL", "NIL", "UNKNOWN", "UNK", "UNKN", "TBD", "TBA", "PENDING",
    "NOT", "NO", "APPLICABLE", "AVAILABLE", "UNAVAILABLE", "GIVEN", "PROVIDED", "KNOWN",
    "DONT", "DO", "KNOW", "REFUSED", "DECLINED", "SEE", "ATTACHED", "ABOVE", "BELOW",
    "SAME", "AS", "ASSIGNED", "UNASSIGNED", "YET", "TO", "BE", "DETERMINED", "ADVISED",
    "MISSING", "BLANK", "EMPTY", "CASE", "NUMBER", "AGENT", "ID", "OFFICER", "FILE",
})

_NO_CODES: frozenset[str] = frozenset()  # shared by every clean record

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


# Above this many records the per-record rules run in worker processes, one per core, while
# this process runs the rules that compare records (a 1.28M-record batch spent 80-105 s here
# on one core). Below it, starting the workers would cost more than it saves.
PARALLEL_MIN = 200_000
_SLICE = 50_000


People = dict[int, tuple[str, str, str, str]]
"""Index of a person's first record -> (TIN, date of birth, A-number, middle name) the
batch names it by (`batch_people`); the middle name as a record of it writes it (the
fullest one its records give: JAMES over J), "" where they give none."""


def check_records(records: Sequence[RequestRecord], ctx: RecordContext, *,
                  workers: int | None = None,
                  pool: tuple[Executor, int] | None = None,
                  people: People | None = None,
                  links: dict[int, int] | None = None) -> list[frozenset[str]]:
    """Every record code that applies, per record, aligned with `records`.

    `workers`: processes for the per-record rules (None: one per core, at most 2, when the
    batch holds PARALLEL_MIN records or more; 1: none). `pool`: processes already started
    (an executor and how many workers it has) to judge the records in instead, whatever the
    batch's size (submit hands over its warmed matching processes: nothing to spawn). The
    codes depend on neither. `people`, if given, is filled as `batch_people` fills it (by
    the same pass that finds R_DUPLICATE: not a second one over the batch); `links`, if
    given, with the index of each repeat tied to one person -> the index of that person's
    first record (a repeat that may be any of several is not)."""
    from dgate.intake.recordtable import RecordTable  # pyarrow: read with the records

    # (intake's own already; records made otherwise, a test's, are held so too)
    table = RecordTable.from_records(records)
    checker = _Checker(ctx)
    cores = workers if workers is not None else (
        min(2, os.cpu_count() or 1) if len(records) >= PARALLEL_MIN else 1)
    with contextlib.ExitStack() as stack:
        pending = None
        executor: Executor | None = None
        if pool is not None and len(records) > 1:
            executor, size = pool
        elif cores > 1 and len(records) > 1:
            # spawned, not forked: the calling process may hold DuckDB's threads
            executor, size = stack.enter_context(ProcessPoolExecutor(
                cores, mp_context=multiprocessing.get_context("spawn"),
                initializer=skip_teardown)), cores
        if executor is not None:
            step = min(_SLICE, -(-len(records) // max(1, size)))
            # the records travel as Arrow columns (a RecordTable pickles as its table), each
            # slice taken (a copy): a zero-copy slice pickles the whole buffers it views
            pending = [executor.submit(_own_codes_of, ctx,
                                       table.take(range(i, min(i + step, len(records)))))
                       for i in range(0, len(records), step)]
        else:
            found = [checker.own_codes(record.fields) for record in table]
        # The codes that compare records are few: add them to the records they name (here,
        # while the workers judge each record on its own).
        batch_codes: dict[int, list[str]] = defaultdict(list)
        for index in _repeated_or_missing_ids(table.column("request_id")):
            batch_codes[index].append("R_REQUEST_ID")
        for index in _over_caseload(table.column("case_agent_id"), ctx.prior_caseload,
                                    checker.agent_key):
            batch_codes[index].append("R_CASELOAD")
        for index in checker.duplicates(table, people, links):
            batch_codes[index].append("R_DUPLICATE")
        if pending is not None:
            found = [_NO_CODES] * len(records)
            offset = 0
            for future in pending:
                flagged, size = future.result()
                for i, own in flagged:
                    found[offset + i] = frozenset(own)
                offset += size
    for index, codes in batch_codes.items():
        found[index] = found[index].union(codes)
    return found


def batch_people(records: Sequence[RequestRecord], ctx: RecordContext) -> People:
    """Index (in `records`) -> the (TIN, date of birth, A-number, middle name) of the
    person whose first record it is, as its repeats in `records` (R_DUPLICATE at its
    address) and it say together; only records whose person a repeat named. A first record
    that gives no date of birth, its repeat born in 1950, is a request for a person born in
    1950 (submit._held_back); one that gives no A-number, its repeat A-number 11111111, is
    a request for that person (red team r32); one that gives no middle name, its repeat
    WALTER JAMES BRENNAN, is a request for WALTER JAMES BRENNAN (red team r33)."""
    from dgate.intake.recordtable import RecordTable

    people: People = {}
    _Checker(ctx).duplicates(RecordTable.from_records(records), people)
    return people


def _own_codes_of(ctx: RecordContext, records: Sequence[RequestRecord]
                  ) -> tuple[list[tuple[int, tuple[str, ...]]], int]:
    """In a worker: (position, codes) of the rows that earn a code of their own, and how
    many rows were judged. The judge is made for the slice (in well under a millisecond),
    not kept in the process: when the process is one of submit's matching processes its
    memo tables (every reason and TIN of the slices it judged) would stay in memory while it
    matches. At 1.28M records, 63.0 s so against 63.8 s with one judge kept a process."""
    checker = _Checker(ctx)
    flagged = []
    for i, record in enumerate(records):
        codes = checker.own_codes(record.fields)
        if codes:
            flagged.append((i, tuple(sorted(codes))))
    return flagged, len(records)


def is_valid_tin(text: str) -> bool:
    """True if `text` is 9 digits (dashes aside, blanks around it trimmed) that can be an
    issued SSN or ITIN. A blank inside the number is not a dash: "401 23 4567" is invalid.

    Never issued: area 000 or 666, group 00, serial 0000, and area 900-999 unless the group
    is an ITIN group (50-65, 70-88, 90-92, 94-99).
    """
    digits = _TIN_SEPARATORS.sub("", text.strip())
    if _NINE_DIGITS.fullmatch(digits) is None:
        return False
    area, group, serial = digits[:3], int(digits[3:5]), digits[5:]
    if serial == "0000":
        return False
    if area.startswith("9"):
        return any(low <= group <= high for low, high in _ITIN_GROUPS)
    return area not in ("000", "666") and group != 0


def tin_digits(text: str) -> str:
    """The nine digits of a valid TIN (`is_valid_tin`) as matching and the duplicate rule
    read it, its dashes of any Unicode form dropped; "" for a TIN that is not valid (R_TIN)
    or not given. One reading for the rules and for matching: submit read the TIN again,
    dropping ASCII hyphens and blanks only, so a TIN written with U+2010 passed R_TIN and
    was then matched as no TIN at all, and a request bearing a namesake's TIN disclosed
    the namesake at the address the TIN contradicts (red team r23)."""
    return _TIN_SEPARATORS.sub("", text.strip()) if is_valid_tin(text) else ""


class _Memo(dict[K, V], Generic[K, V]):
    """A dict that fills itself: `memo[key]` computes `compute(key)` the first time only.
    One per call of check_records: batches repeat names, cities, reasons and dates, so each
    distinct value is judged once (and a hit costs one dict lookup)."""

    def __init__(self, compute: Callable[[K], V]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, key: K) -> V:
        value = self[key] = self._compute(key)
        return value


class _Checker:
    """Per-call state: memo tables for the expensive, pure judgements, keyed by the raw
    field text they judge."""

    def __init__(self, ctx: RecordContext) -> None:
        self._ctx = ctx
        self._address_codes = address_judge(_ADDRESS_PLACEHOLDERS, _FACILITIES).judge
        self._is_name = _Memo(_is_name)
        self._is_first = _Memo(_is_first_name)
        self._shown = _Memo(_read_as_shown)
        self._tin_fails = _Memo(_tin_fails)
        self._periods_fail = _Memo(self._periods_unusable)
        self._statute_fails = _Memo(self._statute_not_designated)
        self._reason_fails = _Memo(is_placeholder_reason)
        self._order_codes = _Memo(self._order_date_codes)
        self._absent = _Memo(_absent)
        self.agent_key: _Memo[str, str | None] = _Memo(_agent_key)
        self._given = _Memo(_given_names)
        self._surnames = _Memo(_surnames)
        self._middle_suffix = _Memo(_middle_suffix)
        self._suffix = _Memo(normalize_suffix)
        self._titles = _Memo(_titles)
        self._whole_given: _Memo[tuple[str, str, str], tuple[str, ...]] = _Memo(
            lambda name: normalize_name(*name).first_canon)
        self._joined_given: _Memo[tuple[str, str], tuple[str, ...]] = _Memo(
            lambda fm: _given_names(f"{fm[0]} {fm[1]}")[0])
        self._middle: _Memo[tuple[str, str, str, str], str] = _Memo(
            lambda name: normalize_name(*name).middle)
        self._fold = _Memo(fold_name)

    def own_codes(self, fields: Mapping[str, str]) -> frozenset[str]:
        """The codes a record earns on its own, without looking at the other records."""
        get = fields.get
        codes: list[str] = []
        if not (self._is_first[get("first_name", "")] and self._is_name[get("last_name", "")]
                and self._shown[get("middle_name", "")] and self._shown[get("name_suffix", "")]):
            codes.append("R_NAME")
        codes.extend(self._address_codes(
            get("street", "").strip(), get("unit", "").strip(), get("city", "").strip(),
            get("state", "").strip(), get("zip", "").strip(), get("address", "").strip()))
        tin = get("tin", "").strip()
        if tin and self._tin_fails[tin]:
            codes.append("R_TIN")
        if self._periods_fail[get("taxable_periods", "")]:
            codes.append("R_PERIOD")
        statute = get("statute", "").strip()
        if statute and self._statute_fails[statute]:
            codes.append("R_STATUTE")
        if self._reason_fails[get("reason", "")]:
            codes.append("R_REASON")
        codes.extend(self._order_codes[get("final_order_date", "")])
        # Case numbers are mostly one per record: judged directly, not kept.
        if _absent(get("case_number", "")) or self._absent[get("case_agent_id", "")]:
            codes.append("R_CASE")
        return frozenset(codes) if codes else _NO_CODES

    def _periods_unusable(self, text: str) -> bool:
        return parse_periods(text, self._ctx.processing_date) is None

    def _statute_not_designated(self, text: str) -> bool:
        designated = self._ctx.agency_statutes
        return not any(is_designated(c, designated) for c in split_citations(text))

    def _order_date_codes(self, text: str) -> tuple[str, ...]:
        order = order_date(text)
        if order is None:
            return ("R_ORDER_MISSING",)
        signed_at = self._ctx.signed_at
        if signed_at is None:
            return ()
        if order > signed_at:
            return ("R_ORDER_FUTURE",)
        if (signed_at - order).days < _WAITING_DAYS:
            return ("R_ORDER_90_DAYS",)
        return ()

    def duplicates(self, records: RecordTable, people: People | None = None,
                   links: dict[int, int] | None = None) -> list[int]:
        """Indexes of records that repeat an earlier record's person. `people`, if given,
        is filled with the (TIN, date of birth, A-number) of each person repeated, as
        the batch names it (`_repeats_among`), by the index of its first record.

        Names are keyed first; only records sharing a name key and a ZIP5 get their address
        normalized, which keeps the costly address parser off the common, unique case.
        The records are read once in order; those whose addresses are compared are read
        again together (a RecordTable decodes them in one ordered pass, not one block per
        record: a name's records lie anywhere in the batch).
        """
        by_name: dict[tuple[object, ...], list[int]] = defaultdict(list)
        # the records whose given names read across the first- and middle-name fields
        # (MARIA / ELENA) make another name key than their own (MARIA): by that key
        joined: dict[tuple[object, ...], list[int]] = defaultdict(list)
        # the records whose first-name field holds more than one given name and whose
        # middle-name field is empty (WALTER JAMES): by the key of the first given name alone
        split: dict[tuple[object, ...], list[int]] = defaultdict(list)
        own: dict[int, tuple[object, ...]] = {}  # index -> its name key
        zips: list[str | None] = []
        # index -> (TIN, A-number, date of birth as written) of the named records that
        # give a TIN or an A-number: the identifiers that make one name's records one
        # person wherever they live (read, TIN checked and date parsed, only for the few
        # records that share one)
        ids: dict[int, tuple[str, str, str]] = {}
        for index, named_by in enumerate(_key_fields(records)):
            key = self._name_key(named_by)
            if key is not None:
                by_name[key].append(index)
                zips.append(_zip_of(named_by))
                other = self._joined_key(named_by, key)
                if other is not None:
                    joined[other].append(index)
                first_alone = self._split_key(named_by, key)
                if first_alone is not None:
                    split[first_alone].append(index)
                own[index] = key
                found = _identifier_key(named_by)
                if found is not None:
                    ids[index] = found
            else:
                zips.append("")
        named = [indexes for indexes in by_name.values() if len(indexes) > 1]
        groups = [_sharing_a_zip(indexes, zips) for indexes in named]
        # MARIA / ELENA beside MARIA ELENA (or beside another MARIA / ELENA / X): the
        # records bearing that key as their own and those reaching it by the joined reading
        for other, indexes in joined.items():
            group = sorted({*by_name.get(other, ()), *indexes})
            if len(group) > 1:
                groups.append(_sharing_a_zip(group, zips))
        # WALTER JAMES / (no middle name) beside WALTER: the first given name alone, the
        # others read as the middle name, as WALTER / JAMES is read beside WALTER
        # (records of one name key alone are compared by it already)
        split_groups = []
        for other, indexes in split.items():
            group = sorted({*by_name.get(other, ()), *indexes})
            if len({own[i] for i in group}) > 1:
                split_groups.append(_sharing_a_zip(group, zips))
        wanted = sorted({i for group in [*groups, *split_groups] for i in group})
        fields = {i: r.fields for i, r in zip(wanted, records.take(wanted), strict=True)}
        repeats: set[int] = set()
        for group in groups:
            repeats.update(self._repeats_among(fields, group, people, links))
        for group in split_groups:
            read = {i: first_given_alone(fields[i]) or fields[i] for i in group}
            repeats.update(self._repeats_among(read, group, people, links))
        pairs = [pair for indexes in named
                 for pair in _sharing_an_identifier([i for i in indexes if i in ids], ids)]
        if pairs:
            need = sorted({i for index, earlier in pairs for i in (index, *earlier)})
            shared = {i: r.fields for i, r in zip(need, records.take(need), strict=True)}
            needed = set(need)
            for indexes in named:
                group = [i for i in indexes if i in needed]
                if len(group) > 1:
                    repeats.update(_one_person_repeats(group, shared, people, links))
        return sorted(repeats)

    def _joined_key(self, fields: Mapping[str, str], key: tuple[object, ...]
                    ) -> tuple[object, ...] | None:
        """`key` with the given names read across the first- and middle-name fields, when
        the middle name holds a name (not a suffix) and that reading gives other given
        names: MARIA / ELENA is then also MARIA ELENA (red team r5's open xfail, closed by
        r16). None otherwise."""
        middle = fields.get("middle_name", "")
        if not middle.strip() or self._middle_suffix[middle]:
            return None
        given = self._joined_given[(fields.get("first_name", ""), middle)]
        if not given or given == key[0]:
            return None
        return (given, *key[1:])

    def _split_key(self, fields: Mapping[str, str], key: tuple[object, ...]
                   ) -> tuple[object, ...] | None:
        """`key` with the first given name alone, when the first-name field holds more than
        one and the middle-name field none (WALTER JAMES): the others are then read as the
        middle name (`first_given_alone`), as WALTER / JAMES is read beside WALTER (consistency
        fuzzer r40: WALTER / JAMES BRENNAN after WALTER BRENNAN at one address was a repeat,
        and WALTER BRENNAN went to review against the WALTER PAUL BRENNAN on file; written
        WALTER JAMES BRENNAN it was no repeat, and WALTER BRENNAN was disclosed). None
        otherwise."""
        split = first_given_alone(fields)
        if split is None:
            return None
        given = self._given[split["first_name"]][0]
        if len(given) != 1 or given == key[0]:
            return None
        given_key = key[0]
        if not isinstance(given_key, tuple) or given_key[:1] != given:
            return None
        return (given, *key[1:])

    def _name_key(self, fields: Mapping[str, str]) -> tuple[object, ...] | None:
        """Same person's name: canonical given names, set of significant surnames, suffix;
        None without a given name or a surname (such a record is not compared).

        This is normalize_name's NormName read field by field, so that a batch's many
        distinct full names cost four lookups of far fewer distinct field values: its given
        names come from the first-name field alone, its surnames from the last-name field
        alone, and its suffix is the suffix field's, else one written in the last, first or
        middle name, in that order (tests/rules/test_name_key.py holds normalize_name to it).
        """
        get = fields.get
        given, first_suffix, first_word = self._given[get("first_name", "")]
        surnames, last_suffix = self._surnames[get("last_name", "")]
        if (len(surnames) == 1 and surnames[0] in KOREAN_SURNAMES
                and get("middle_name", "").strip()):
            # normalize_name reads a Korean given name written across the given-name and
            # middle-name fields as one (YOUNG / HEE LEE: normalize/korean.py): the given
            # names are then the whole name's (a superset of those cases is looked up)
            given = self._whole_given[(get("first_name", ""), get("middle_name", ""),
                                       get("last_name", ""))]
        if not given or not surnames:
            return None
        suffix = (self._suffix[get("name_suffix", "")] or last_suffix or first_suffix
                  or self._middle_suffix[get("middle_name", "")])
        titles = "".join(sorted(set().union(*(
            self._titles[(k, get(k, ""))]
            for k in ("first_name", "middle_name", "last_name", "name_suffix")))))
        return (given, surnames, suffix, titles if title_contradicts(titles, first_word) else "")

    def _repeats_among(self, fields_of: Mapping[int, Mapping[str, str]], indexes: list[int],
                       people: People | None = None,
                       links: dict[int, int] | None = None) -> list[int]:
        """Of one name's records (in order), those that repeat an earlier one's person at
        one address. A person is what its records say together: a record that gives no
        date of birth beside one that gives 1950 is a person born in 1950, and a record
        born in 1980 after both is another person, not a repeat (red team r19: WALTER
        BRENNAN, then WALTER BRENNAN born 1950, then born 1980, made the last two
        repeats of the first; the one request left was disclosed, where in another order
        the two born apart were both decided and both held back, nothing disclosed). A
        record that may be any of several people is a repeat, and tells none of them
        more. Two A-numbers given and different are two people too (red team r32: WALTER
        BRENNAN under 11111111 and under 22222222 made the second a repeat, and the first
        was disclosed the one undated WALTER BRENNAN on file), and so are two middle names
        that conflict as matching reads them (names.middle_names_conflict: JAMES / PAUL,
        P / J, not J / JAMES; red team r33: WALTER BRENNAN, then WALTER JAMES BRENNAN, made
        the second a repeat, and the first was disclosed the WALTER PAUL BRENNAN on file,
        where WALTER JAMES BRENNAN alone goes to review). Two A-numbers do not part two
        records that give the same date of birth and the same names as written (accents,
        case and punctuation aside): JUANA ELENA GARCIA born 2005-04-26 at one address under
        two A-numbers is one person asked twice (a slip, or two A-files DHS has not merged),
        not two people the batch names alike to the letter and the day (session 35: an
        acceptance audit's copies under fresh A-numbers were both held back, M_AMBIGUOUS,
        where the copy is R_DUPLICATE and the first disclosed). A name written more fully
        or otherwise on one side (JOSE / JOSE LUIS, PEPE / JOSE: twins asked by their first
        given name), or a date of birth left out, still parts them (r32's reading)."""
        # address key -> the people at it: [TIN, DOB, directional, street type,
        # urbanization, the places their records give, the index of the first record,
        # A-number, the middle names their records give (normalized, as written),
        # (A-number, DOB, names as written) of each of its records giving an A-number]
        seen: dict[tuple[str, ...], list[list[Any]]] = defaultdict(list)
        repeats: list[int] = []
        for index in indexes:
            fields = fields_of[index]
            found = _address_key(fields)
            if found is None:
                continue
            key, way, kind, urb, place = found
            tin = _TIN_SEPARATORS.sub("", fields.get("tin", "").strip())
            # Two dates of birth given and different are two people (a father and a son
            # without a suffix), as two TINs are: not a repeat (an acceptance audit). Read
            # as matching reads them (birth_date), US forms included.
            dob_date = birth_date(fields.get("date_of_birth", ""))
            dob = dob_date.isoformat() if dob_date else ""
            a_number = a_number_of(fields)
            written = fields.get("middle_name", "")
            as_written = (self._fold[fields.get("first_name", "")], self._fold[written],
                          self._fold[fields.get("last_name", "")])
            middle = self._middle[(fields.get("first_name", ""), written,
                                   fields.get("last_name", ""),
                                   fields.get("name_suffix", ""))] if written.strip() else ""
            # A directional or street type given on both and different is another street
            # (2400 N / 2400 S KEDZIE AVE), as matching reads it (streets_conflict): two
            # people, not a repeat (an acceptance audit: whichever came second was rejected).
            # So is another Puerto Rico urbanization, both given (URB LAS GLADIOLAS / URB
            # VILLA NEVAREZ, 150 CALLE A): another address, as matching reads it
            # (compare.address_level); one left out does not contradict.
            who = [p for p in seen[key]
                   if (not tin or not p[0] or tin == p[0]) and (not dob or not p[1] or dob == p[1])
                   and (not a_number or all(a == a_number or dob and d == dob and w == as_written
                                            for a, d, w in p[9]))
                   and not streets_conflict(way, kind, "", p[2], p[3], "")
                   and (not urb or not p[4] or urb == p[4])
                   and any(_same_place(place, q) for q in p[5])
                   and not any(middle_names_conflict(middle, m) for m, _w in p[8])]
            given = [(middle, written)] if middle else []
            numbered = [(a_number, dob, as_written)] if a_number else []
            if not who:
                seen[key].append([tin, dob, way, kind, urb, [place], index, a_number, given,
                                  numbered])
                continue
            repeats.append(index)
            if len(who) == 1:
                person = who[0]
                if links is not None:
                    links.setdefault(index, person[6])
                for i, value in enumerate((tin, dob, way, kind, urb)):
                    person[i] = person[i] or value
                person[7] = person[7] or a_number
                person[9].extend(numbered)
                person[5].append(place)
                if middle and middle not in (m for m, _w in person[8]):
                    person[8].extend(given)
                _named(people, person[6], person[0], person[1], person[7],
                       fullest_middle(person[8]))
        return repeats


def _named(people: People | None, first: int, tin: str, dob: str, a_number: str,
           middle: str = "") -> None:
    """Note in `people` what the batch says of the person whose first record is `first`
    (`middle`: the person's fullest middle name as its records now say it)."""
    if people is not None:
        had_tin, had_dob, had_a_number, had_middle = people.get(first, ("", "", "", ""))
        people[first] = (had_tin or tin, had_dob or dob, had_a_number or a_number,
                         middle or had_middle)


def fullest_middle(middles: Sequence[tuple[str, str]]) -> str:
    """Of a person's middle names (normalized, as written; none conflicting), the one its
    first record is matched with: the first that is not an initial (JAMES over J), else
    the first; as written ("" for none)."""
    for normalized, written in middles:
        if len(normalized.split(" ")[0]) > 1:
            return written
    return middles[0][1] if middles else ""


def _one_person_repeats(indexes: list[int], fields_of: Mapping[int, Mapping[str, str]],
                        people: People | None, links: dict[int, int] | None = None
                        ) -> list[int]:
    """Of one name's records that give a TIN or an A-number shared with another (in order),
    those one person with an earlier one's — the same valid TIN or the same A-number, and no
    TIN, A-number or date of birth given on both that differs (red team r12; two TINs or
    two dates of birth are two people, as at one address) — the person being what its
    records say together, as at one address (`_Checker._repeats_among`): the same TIN
    without a date of birth, born 1950, then born 1980, is two people. Two middle names
    that conflict as matching reads them (names.middle_names_conflict) are two people
    here too, as at one address (red team r38: twins LUIS FERNANDO and LUIS ALBERTO
    MENDEZ, LUIS ALBERTO asked with his brother's TIN elsewhere, made whichever came
    second the repeat: LUIS FERNANDO asked with his own TIN was disclosed or not by the
    order of the rows)."""
    # [TIN, A-number, date of birth, first record's index, middle names (normalized, as
    # written)]
    persons: list[list[Any]] = []
    repeats: list[int] = []
    for index in indexes:
        fields = fields_of[index]
        tin, a_number, dob = _identifiers(fields)
        written = fields.get("middle_name", "")
        middle = normalize_name(fields.get("first_name", ""), written,
                                fields.get("last_name", ""),
                                fields.get("name_suffix", "")).middle if written.strip() else ""
        who = [p for p in persons
               if (tin and tin == p[0] or a_number and a_number == p[1])
               and (not tin or not p[0] or tin == p[0])
               and (not a_number or not p[1] or a_number == p[1])
               and (not dob or not p[2] or dob == p[2])
               and not any(middle_names_conflict(middle, m) for m, _w in p[4])]
        given = [(middle, written)] if middle else []
        if not who:
            if len(persons) < _PROFILES_KEPT:
                persons.append([tin, a_number, dob, index, given])
            continue
        repeats.append(index)
        if len(who) == 1:
            person = who[0]
            if links is not None:
                links.setdefault(index, person[3])
            for i, value in enumerate((tin, a_number, dob)):
                person[i] = person[i] or value
            if middle and middle not in (m for m, _w in person[4]):
                person[4].extend(given)
            _named(people, person[3], person[0], person[2], person[1], fullest_middle(person[4]))
    return repeats


A_NUMBER_NOISE = r"[^0-9]+"
"""What an A-number is read without (its digits are the number; leading zeros dropped)."""
_A_NUMBER_NOISE = re.compile(A_NUMBER_NOISE)


def a_number_of(fields: Mapping[str, str]) -> str:
    """A record's A-number as one person's: its digits without leading zeros (A012345678,
    A-012-345-678 and 12345678 are one number); "" for none."""
    return _A_NUMBER_NOISE.sub("", fields.get("a_number", "")).lstrip("0")


def _identifier_key(fields: Mapping[str, str]) -> tuple[str, str, str] | None:
    """(TIN, A-number, date of birth as written) of a record ("" for none), or None when it
    gives neither a TIN nor an A-number: the TIN's nine digits without its dashes, the
    A-number's digits without leading zeros (A012345678, A-012-345-678 and 12345678 are one
    number). Read for every named record of a batch, so nothing is parsed: `_one_person_repeats`
    reads the records sharing one."""
    tin = _TIN_SEPARATORS.sub("", fields.get("tin", "").strip())
    a_number = a_number_of(fields)
    if not a_number and _NINE_DIGITS.fullmatch(tin) is None:
        return None
    return (tin if _NINE_DIGITS.fullmatch(tin) else "", a_number,
            fields.get("date_of_birth", "").strip())


# Of the earlier records sharing a TIN or an A-number, those compared with a later one: one
# per distinct (TIN, A-number, date of birth as written), at most this many. A batch of
# copies is one each (linear, not quadratic); a later record that is the person of a 17th
# way of writing them is not found (none but a hostile batch writes one person so).
_PROFILES_KEPT = 16


def _sharing_an_identifier(indexes: list[int], ids: Mapping[int, tuple[str, str, str]]
                           ) -> list[tuple[int, list[int]]]:
    """Of one name's records that give a TIN or an A-number (in order), each with earlier
    ones that give the same TIN or the same A-number (`_PROFILES_KEPT`)."""
    seen: dict[tuple[int, str], dict[tuple[str, str, str], int]] = defaultdict(dict)
    pairs: list[tuple[int, list[int]]] = []
    for index in indexes:
        profile = ids[index]
        tin, a_number, _dob = profile
        keys = [k for k in ((0, tin), (1, a_number)) if k[1]]
        earlier = sorted({e for k in keys for e in seen.get(k, {}).values()})
        if earlier:
            pairs.append((index, earlier))
        for k in keys:
            kept = seen[k]
            if len(kept) < _PROFILES_KEPT:
                kept.setdefault(profile, index)
    return pairs


def _identifiers(fields: Mapping[str, str]) -> tuple[str, str, str]:
    """(TIN, A-number, date of birth) as the duplicate rule compares them: the TIN only when
    valid (an invalid one is R_TIN, not an identity), the A-number's digits without leading
    zeros, the date of birth as matching reads it; "" for none."""
    tin = _TIN_SEPARATORS.sub("", fields.get("tin", "").strip())
    a_number = a_number_of(fields)
    dob = birth_date(fields.get("date_of_birth", ""))
    return tin if is_valid_tin(tin) else "", a_number, dob.isoformat() if dob else ""


def _is_name(text: str) -> bool:
    return bool(text.strip()) and is_personal_name(text)


def _is_first_name(text: str) -> bool:
    return bool(text.strip()) and is_first_name(text)


def _read_as_shown(text: str) -> bool:
    """A middle name or suffix (optional, and free to be an initial or NMN) read as it shows
    (`normalize.not_as_shown`), as the first and last names must be (red team r10): ANDRE
    and a Lisu A shows ANDREA and is read ANDRE. A precaution: no disclosure was shown
    (JOHN ANDREA SMITH beside JOHN ANDRE SMITH is M_AMBIGUOUS either way)."""
    return not not_as_shown(text)


def _tin_fails(tin: str) -> bool:
    return not is_valid_tin(tin)


_NAME_WORDS = re.compile(r"[\s\-\u2010-\u2015]+")


def first_given_alone(fields: Mapping[str, str]) -> dict[str, str] | None:
    """The record with its first-name field's first word as the first name and the others
    as the middle name, where the middle-name field is empty and the first-name field holds
    more than one word (blanks or hyphens apart): WALTER JAMES / "" read as WALTER / JAMES,
    as R_DUPLICATE reads it beside WALTER (`_Checker._split_key`). None otherwise."""
    if fields.get("middle_name", "").strip():
        return None
    words = _NAME_WORDS.split(fields.get("first_name", "").strip())
    if len(words) < 2 or not words[0]:
        return None
    return {**fields, "first_name": words[0], "middle_name": " ".join(words[1:])}


def _given_names(first: str) -> tuple[tuple[str, ...], str, str]:
    """(canonical given names, suffix written in the field, first given name as written)
    of a first-name field."""
    name = normalize_name(first, "", "")
    return name.first_canon, name.suffix, name.first_tokens[0] if name.first_tokens else ""


_TITLE_FIELDS = {"first_name": 0, "middle_name": 1, "last_name": 2, "name_suffix": 3}


def _titles(field: tuple[str, str]) -> str:
    """The sexes the courtesy titles of one name field give (NormName.title_sex)."""
    parts = ["", "", "", ""]
    parts[_TITLE_FIELDS[field[0]]] = field[1]
    return normalize_name(*parts).title_sex


def _surnames(last: str) -> tuple[tuple[str, ...], str]:
    """(set of significant surnames, suffix written in the field) of a last-name field. The
    set is kept as a sorted tuple: equal exactly when the sets are, and lighter to keep."""
    name = normalize_name("", "", last)
    return tuple(sorted(set(name.last_tokens))), name.suffix


KEY_COLUMNS = ("first_name", "middle_name", "last_name", "name_suffix", "zip", "street",
               "address", "tin", "a_number", "date_of_birth")
"""The fields `_Checker.duplicates` reads of every record (its name key, ZIP5 and
identifiers: `_name_key`, `_joined_key`, `_zip_of`, `_identifier_key`); the records it
compares further it reads whole. tests/rules/test_duplicate_columns.py holds those four to
these fields."""


def _key_fields(records: RecordTable) -> Iterator[dict[str, str]]:
    """Each record's KEY_COLUMNS, in order, read from the columns a block at a time (a
    record made whole is a dict of every column: twice the work at a million records)."""
    for _seqs, columns in records.value_blocks(KEY_COLUMNS):
        for values in zip(*columns, strict=True):
            yield dict(zip(KEY_COLUMNS, values, strict=True))


def _zip_of(fields: Mapping[str, str]) -> str | None:
    """The ZIP5 normalize_address gives these fields, where it is read without parsing the
    address: from the ZIP field when one is given, else none ("") unless a one-line address
    stands in for the street (None: only the parser knows)."""
    get = fields.get
    zip_text = get("zip", "")
    if zip_text:
        return parse_zip(zip_text)[0]
    street, address = get("street", ""), get("address", "")
    if not (street or "").strip() and address and address.strip():
        return None
    return ""


def _sharing_a_zip(indexes: list[int], zips: Sequence[str | None]) -> list[int]:
    """Of one name's records (in order; `zips`: each record's _zip_of, by index), those that
    may share an address with another: a record whose ZIP5 no other of them has cannot
    (_address_key holds the ZIP5, or its absence), so its address is never normalized. At
    1.28M records, 1.09M shared a name with another record and had their address parsed
    for this, 45 s on one core; few share a ZIP too. Where a ZIP is known only to the
    parser, every record is kept."""
    of_name = [zips[i] for i in indexes]
    if None in of_name or "" in of_name:
        # a record without a ZIP may be at the place of any of them (_same_place)
        return indexes
    count = Counter(of_name)
    return [i for i, z in zip(indexes, of_name, strict=True) if count[z] > 1]


def _middle_suffix(middle: str) -> str:
    """The suffix a middle-name field holds in place of a middle name ("JR"), or ""."""
    return normalize_name("", middle, "").suffix


def _address_key(fields: Mapping[str, str]
                 ) -> tuple[tuple[str, ...], str, str, str, tuple[str, str, str]] | None:
    """Same address: house, street name and unit; with the directional, street type and
    urbanization, which must not conflict, and the place (ZIP5, city, state), which must be
    the same (`_same_place`). None without a house, a street name, or a ZIP or a city and
    state. Computed per record: whole addresses rarely repeat within a batch."""
    get = fields.get
    addr: NormAddress = normalize_address(get("street", ""), get("unit", ""), get("city", ""),
                                          get("state", ""), get("zip", ""), get("address", ""))
    if not addr.house or not addr.street_name:
        return None
    if not addr.zip5 and not (addr.city and addr.state):
        return None
    return ((addr.house, addr.street_name, addr.unit), addr.predir or addr.postdir,
            addr.suffix, addr.urb, (addr.zip5, addr.city, addr.state))


class AskedAs:
    """A request's names as written (first, middle and last, folded: accents, case and
    punctuation aside) and its address, as R_DUPLICATE reads them at one address
    (`_Checker._repeats_among`). Within a batch two records that give the same date of birth
    and the same names as written at one address are one person asked twice whatever their
    A-numbers (session 35); `same_as` is that reading for two requests of two batches
    (decide.batchwise.Person.asked_again; session 37, audit 23's departure 1: the same
    person asked a batch later under a new A-number went to review as another person, and
    a reviewer could only refuse it). Read only when compared (two A-numbers, one date of
    birth): the names folded once, the address normalized once and only where the names
    agree. Nothing of the request is shown (its repr names no value)."""

    __slots__ = ("_address", "_fields", "_names", "_read")

    def __init__(self, fields: Mapping[str, str]) -> None:
        self._fields = {name: fields.get(name, "") for name in _ASKED_FIELDS}
        self._names: tuple[str, str, str] | None = None
        self._read = False
        self._address: tuple[tuple[str, ...], str, str, str, tuple[str, str, str]] | None = None

    def __repr__(self) -> str:
        return "AskedAs(...)"

    def names(self) -> tuple[str, str, str]:
        """The first, middle and last names as written, folded (`fold_name`)."""
        if self._names is None:
            get = self._fields.get
            self._names = (fold_name(get("first_name", "")), fold_name(get("middle_name", "")),
                           fold_name(get("last_name", "")))
        return self._names

    def address(self) -> tuple[tuple[str, ...], str, str, str, tuple[str, str, str]] | None:
        """`_address_key` of the request (None: not read as one address)."""
        if not self._read:
            self._address, self._read = _address_key(self._fields), True
        return self._address

    def split_names(self) -> tuple[str, str, str]:
        """`names` with a first-name field of several given names and no middle name read as
        the first given name and its middle name (`first_given_alone`), as R_DUPLICATE
        compares such records (`_Checker._split_key`: JUANA ELENA / "" is JUANA / ELENA)."""
        split = first_given_alone(self._fields)
        return self.names() if split is None else AskedAs(split).names()

    def same_as(self, other: AskedAs) -> bool:
        """The same names as written (or read as R_DUPLICATE reads a first-name field of
        several given names: `split_names`) at one address (`one_address`)."""
        if self.names() != other.names() and self.split_names() != other.split_names():
            return False
        mine, theirs = self.address(), other.address()
        return mine is not None and theirs is not None and one_address(mine, theirs)


_ASKED_FIELDS = ("first_name", "middle_name", "last_name", "street", "unit", "city", "state",
                 "zip", "address")
"""The fields AskedAs reads: the names as written, and those `_address_key` reads."""


def one_address(a: tuple[tuple[str, ...], str, str, str, tuple[str, str, str]],
                b: tuple[tuple[str, ...], str, str, str, tuple[str, str, str]]) -> bool:
    """Two `_address_key`s of one address, as `_Checker._repeats_among` reads them: the same
    house, street name and unit; no directional or street type given on both and different
    (streets_conflict); no two urbanizations given and different; one place
    (`_same_place`)."""
    key, way, kind, urb, place = a
    key_b, way_b, kind_b, urb_b, place_b = b
    return (key == key_b and not streets_conflict(way, kind, "", way_b, kind_b, "")
            and (not urb or not urb_b or urb == urb_b) and _same_place(place, place_b))


def _same_place(a: tuple[str, str, str], b: tuple[str, str, str]) -> bool:
    """Two (ZIP5, city, state) of one place: the same ZIP5 where both give one, else the
    same city and state. The same house on the same street written once with its ZIP and
    once without (the city and state given) is one address (red team r5, closed by r16)."""
    if a[0] and b[0]:
        return a[0] == b[0]
    return bool(a[1] and a[2]) and a[1:] == b[1:]


# Dashes a request id may be written with; one dash (NFKC leaves U+2011, the non-breaking
# hyphen, as U+2010 and the minus sign as it is).
_DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")


def _fold_key(text: str) -> str:
    """A request id as ids are compared: NFKC, one dash for every dash, look-alike letters
    of other scripts read as the Latin ones (\u0420 1, Cyrillic, is P1), case folded; an
    id of digits only as the number it is (000123 is 123: a spreadsheet, opening the
    response file, shows both as 123; red team r16)."""
    if text.isascii():
        key = text.strip().casefold()
    else:
        key = latin_skeleton(_DASHES.sub("-", unicodedata.normalize("NFKC", text))
                             ).strip().casefold()
    if key.isascii() and key.isdigit():
        return key.lstrip("0") or "0"
    return key


def _invisible(text: str) -> bool:
    """An id holding a format character (zero-width space, soft hyphen, bidirectional
    mark or override ...): shown, it is another id, or no id at all."""
    return not text.isascii() and any(unicodedata.category(c) == "Cf" for c in text)


def _absent(text: str) -> bool:
    """Missing, or a value that only stands in for one (N/A, NONE, 000, "--")."""
    upper = unicodedata.normalize("NFKC", text).upper().replace("'", "").replace("\u2019", "")
    folded = _NOT_ALNUM.sub(" ", upper).strip()
    if not folded or set(folded) <= {"0", " "}:
        return True
    words = _glue_letters(folded.split())
    return all(w in _ABSENT_WORDS or (len(w) > 1 and set(w) == {"X"}) for w in words)


def _glue_letters(words: list[str]) -> list[str]:
    """Runs of two or more single letters as one word: "T B D" -> "TBD", "N A" -> "NA"."""
    out: list[str] = []
    run = ""
    for word in (*words, ""):
        if len(word) == 1 and word.isalpha():
            run += word
            continue
        if run:
            out.append(run)
            run = ""
        if word:
            out.append(word)
    return out


def fold_agent(text: str) -> str:
    """A case agent's id as the caseload rule compares them: NFKC, the Cyrillic and Greek
    look-alikes of Latin letters read as those, casefolded, letters and digits only.
    AGENT-7, agent 7 and AGENT7 are one officer (red team r5: an agent written two ways was
    two caseloads of 50, under the cap, for 101 records); so is AGENT-7 with a Cyrillic E
    (red team r10: the same two caseloads)."""
    return "".join(ch for ch in latin_skeleton(unicodedata.normalize("NFKC", text)).casefold()
                   if ch.isalnum())


def _agent_key(raw: str) -> str | None:
    """The caseload key of a case agent id; None for a missing or placeholder id, which is
    R_CASE and not one agent's caseload of "N/A"."""
    return None if _absent(raw) else fold_agent(raw)


def _repeated_or_missing_ids(request_ids: Sequence[str]) -> list[int]:
    seen: set[str] = set()
    flagged: list[int] = []
    for index, request_id in enumerate(request_ids):
        key = _fold_key(request_id)
        if not key or key in seen or _invisible(request_id):
            flagged.append(index)
        seen.add(key)
    return flagged


def _over_caseload(agents: Sequence[str], prior: Mapping[str, int],
                   agent_key: Mapping[str, str | None]) -> list[int]:
    prior_by_agent: dict[str, int] = defaultdict(int)
    for agent, count in prior.items():
        prior_by_agent[fold_agent(agent)] += count
    by_agent: dict[str, list[int]] = defaultdict(list)
    for index, agent in enumerate(agents):
        key = agent_key[agent]
        if key is not None:
            by_agent[key].append(index)
    flagged: list[int] = []
    for agent, indexes in by_agent.items():
        if len(indexes) + prior_by_agent.get(agent, 0) > _CASELOAD_CAP:
            flagged.extend(indexes)
    return sorted(flagged)

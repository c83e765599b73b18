"""The record rules exactly as they were before the speed work of session 3 (issue 9),
kept as a slow, frozen reference: tests/rules/test_reference.py checks that the fast
check_records gives every record the same codes. Do not "fix" this file: it is the
yardstick. If a rule changes on purpose, change the reference with it and say why.

Copied from src/dgate/rules/record.py, address.py and batch.py (is_placeholder_reason) as
of commit 3d0de5b; only imports and names were adjusted.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

import zipcodes

from dgate.model import NormAddress, NormName, RequestRecord
from dgate.normalize.address import (
    StreetParts,
    fold,
    normalize_address,
    normalize_city,
    normalize_state,
    parse_street,
    parse_zip,
    split_one_line,
    streets_conflict,
)
from dgate.normalize.names import (
    fold_name,
    is_first_name,
    is_personal_name,
    middle_names_conflict,
    normalize_name,
    title_conflict,
)
from dgate.rules.catalogue import rule
from dgate.rules.citations import is_designated, split_citations
from dgate.rules.dates import birth_date, order_date, parse_periods
from dgate.rules.record import RecordContext
from dgate.rules.vocab import FACILITIES, PLACEHOLDERS

_WORD = re.compile(r"[^\W_]+")
_REASON_PARAMS = rule("B_REASON").params
_REASON_PLACEHOLDERS = frozenset(
    " ".join(_WORD.findall(p.casefold())) for p in _REASON_PARAMS["placeholders"]
)
_REASON_FILLER = frozenset(_REASON_PARAMS["filler_words"])
_REASON_MIN_WORDS: int = _REASON_PARAMS["min_words"]


def is_placeholder_reason(text: object) -> bool:
    """True if a reason sets forth nothing specific (B_REASON / R_REASON).

    Placeholder when: not a string or empty; no letters; equal to a placeholder phrase
    ("N/A", "see attached" …) once case and punctuation are folded; fewer than three words;
    or made only of filler words ("see attached criminal investigation").
    """
    if not isinstance(text, str):
        return True
    tokens = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    words = [t for t in tokens if any(c.isalpha() for c in t)]
    if not words or " ".join(tokens) in _REASON_PLACEHOLDERS:
        return True
    if len(words) < _REASON_MIN_WORDS:
        return True
    # "xxx xxx xxx" is as empty as "N/A": a run of one character is filler too.
    return all(w in _REASON_FILLER or len(set(w)) == 1 for w in words)


R_ADDRESS_MISSING = "R_ADDRESS_MISSING"
R_ADDRESS_PLACEHOLDER = "R_ADDRESS_PLACEHOLDER"
R_ADDRESS_INCOMPLETE = "R_ADDRESS_INCOMPLETE"
R_ADDRESS_INVALID = "R_ADDRESS_INVALID"
R_ADDRESS_FACILITY = "R_ADDRESS_FACILITY"

ADDRESS_FIELDS: tuple[str, ...] = ("street", "unit", "city", "state", "zip", "address")


def reference_judge_address(
    fields: Mapping[str, str],
    placeholders: Sequence[str] = PLACEHOLDERS,
    facilities: Sequence[str] = FACILITIES,
) -> frozenset[str]:
    """Every R_ADDRESS_* code that applies to a record's address fields (keys of
    ADDRESS_FIELDS; absent keys mean empty). Empty set: the address is a real, complete,
    valid street address."""
    raw = {name: (fields.get(name) or "").strip() for name in ADDRESS_FIELDS}
    if not any(raw.values()):
        return frozenset({R_ADDRESS_MISSING})
    street, city, state, zip_text = _structure(raw)
    codes: set[str] = set()
    # tuple(): a catalogue may hand the vocabulary over as a list; compiling is cached by value
    if _has_placeholder(raw, _compile(tuple(placeholders))):
        codes.add(R_ADDRESS_PLACEHOLDER)
    if _mentions(raw, _compile(tuple(facilities))):
        codes.add(R_ADDRESS_FACILITY)
    if _incomplete(parse_street(street), city, state, zip_text):
        codes.add(R_ADDRESS_INCOMPLETE)
    if _invalid(state, zip_text):
        codes.add(R_ADDRESS_INVALID)
    return frozenset(codes)


def _structure(raw: Mapping[str, str]) -> tuple[str, str, str, str]:
    """(street line, city, state, zip) as judged: the fields, or where `street` is empty the
    parts of the one-line `address` filling the fields left empty (as normalize_address)."""
    street, city, state, zip_text = raw["street"], raw["city"], raw["state"], raw["zip"]
    if not street and raw["address"]:
        one = split_one_line(raw["address"])
        street = one.street
        city, state, zip_text = city or one.city, state or one.state, zip_text or one.zip
    elif "," in street and not _street_ok(parse_street(street)):
        # Added after the freeze, on purpose (audit 13, D3): a building's or recipient's
        # name before the street line in `street` ("Eloy Detention Center, 1705 E Hanna
        # Rd") leaves the line the one-line parser splits off, as in `address`.
        # Session 38: where the parser does not split the name off ("Maricopa County 4th
        # Avenue Jail, 201 S 4th Ave": it splits at the ordinal), the text after the last
        # comma, if that is a numbered street line (normalize.address.named_street_line).
        one = split_one_line(street)
        tail = street.rsplit(",", 1)[1].strip()
        if one.extra and not one.city and _numbered(one.street):
            if _street_ok(parse_street(one.street)):
                street = one.street
        elif _numbered(tail) and _street_ok(parse_street(tail)):
            street = tail
    return street, city, state, zip_text


def _numbered(line: str) -> bool:
    parts = parse_street(line)
    return parts.kind == "street" and bool(parts.house) and bool(parts.name)


# --- completeness and validity -----------------------------------------------------------


def _real_house(house: str) -> bool:
    """A street number with a non-zero digit: "0" and "00000" are not street numbers.
    Added after the freeze, on purpose (audit 10, R3): a Wisconsin grid house number
    (N56W14444), which parse_street now keeps, with a non-zero digit in each number."""
    return house.lstrip("0")[:1].isdigit() or bool(
        re.fullmatch(r"[NSEW]0*[1-9][0-9]*[NSEW]0*[1-9][0-9]*", house))


_BARE = {"ST", "STR", "STREET", "AV", "AVE", "AVENUE", "RD", "ROAD", "DR", "DRIVE", "LN",
         "LANE", "BLVD", "BOULEVARD", "N", "S", "E", "W", "NE", "NW", "SE", "SW", "NORTH",
         "SOUTH", "EAST", "WEST"}


def _named(parts: StreetParts) -> bool:
    """Added after the freeze (an audit): without a street type after it, a name of digits
    only or of bare type/direction words ("123 45", "123 ST") names no street."""
    if not parts.name or parts.name in ("PO BOX", "POST OFFICE BOX") or (
            parts.name == "BOX" and not parts.suffix):
        return False  # (after the freeze, on purpose: "123 PO BOX" is a PO box; an audit)
    if parts.suffix or parts.kind == "rural_route":
        return True
    if parts.predir and parts.name.isdigit():
        # added after the freeze, on purpose (session 26, audit 22): a number after a
        # directional (3222 E 1900) is a Utah grid street with its axis left out
        return True
    words = parts.name_text.upper().split()
    if len(words) == 2 and words[0] in ("AV", "AVE", "AVEN", "AVENU", "AVENUE", "AVN",
                                        "AVNUE") and len(words[1]) == 1:
        # added after the freeze, on purpose (audit 10, R2): a lettered avenue (AVENUE N,
        # which parse_street now reads as AVENUE A) names a street
        return words[1].isalpha()
    return any(c.isalpha() for c in parts.name_text) and any(w not in _BARE for w in words)


def _street_ok(parts: StreetParts) -> bool:
    return (parts.kind in ("street", "rural_route") and _real_house(parts.house)
            and _named(parts))


def _incomplete(parts: StreetParts, city: str, state: str, zip_text: str) -> bool:
    has_street = _street_ok(parts)
    has_place = bool(normalize_city(city) and normalize_state(state)) or bool(
        parse_zip(zip_text)[0])
    return not has_street or not has_place


@lru_cache(maxsize=1)
def _zip_states() -> Mapping[str, str]:
    """ZIP5 -> USPS state of every ZIP in the `zipcodes` data set, built once on first use."""
    rows = zipcodes.list_all()  # type: ignore[no-untyped-call]
    return {row["zip_code"]: row["state"] for row in rows}


def known_zip_state(zip5: str) -> str:
    """The state of a ZIP5 the `zipcodes` data set knows, or "" for an unknown ZIP."""
    return _zip_states().get(zip5, "")


def _invalid(state: str, zip_text: str) -> bool:
    zip_state = ""
    if zip_text:
        zip5 = parse_zip(zip_text)[0]
        zip_state = known_zip_state(zip5) if zip5 else ""
        if not zip_state:
            return True
    if state:
        code = normalize_state(state)
        if not code or (zip_state and zip_state != code):
            return True
    return False


# --- vocabulary matching -----------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)  # identity hash: one object per vocabulary
class _Vocab:
    phrases: frozenset[tuple[str, ...]]  # word phrases, matched as whole words
    first_words: frozenset[str]          # first word of each phrase: a quick pre-filter
    whole: frozenset[str]                # "="-entries, matched against a whole field
    longest: int


@lru_cache(maxsize=1 << 15)
def _words(text: str) -> tuple[str, ...]:
    """Folded words for matching: "#", "/" and "-" separate words; "XXXX" reads "XXX"."""
    words = fold(text).translate(_SEPARATORS).split()
    if any(w.startswith("XXXX") for w in words):
        return tuple("XXX" if len(w) > 3 and not w.strip("X") else w for w in words)
    return tuple(words)


_SEPARATORS = str.maketrans("-/#", "   ")


def _joined(words: tuple[str, ...]) -> tuple[str, ...]:
    """Runs of two or more single letters read as one word: "N A" -> "NA", "U N K" -> "UNK"
    (what "N/A", "n-a" and "U.N.K." become once punctuation is gone)."""
    if not any(len(w) == 1 for w in words):
        return words
    out: list[str] = []
    run: list[str] = []
    for word in (*words, ""):
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if run:
            out.extend(["".join(run)] if len(run) > 1 else run)
            run = []
        if word:
            out.append(word)
    return tuple(out)


def _glued(text: str) -> tuple[str, ...]:
    """The words of `text` with the letters of each typed word glued ("N/A" -> "NA", so
    "N/A N/A" reads "NA NA"), then runs of single letters joined as `_joined` does."""
    out: list[str] = []
    for token in fold(text).split():
        parts = token.translate(_SEPARATORS).split()
        if len(parts) > 1 and all(len(p) == 1 and p.isalpha() for p in parts):
            parts = ["".join(parts)]
        out.extend("XXX" if len(p) > 3 and not p.strip("X") else p for p in parts)
    return _joined(tuple(out))


@lru_cache(maxsize=16)
def _compile(entries: tuple[str, ...]) -> _Vocab:
    phrases: set[tuple[str, ...]] = set()
    whole: set[str] = set()
    for entry in entries:
        if entry.startswith("="):
            whole.add(" ".join(_joined(_words(entry[1:]))))
        elif words := _joined(_words(entry)):
            phrases.add(words)
    return _Vocab(frozenset(phrases), frozenset(p[0] for p in phrases), frozenset(whole),
                  max((len(p) for p in phrases), default=0))


def _phrase_counts(words: tuple[str, ...], vocab: _Vocab) -> dict[tuple[str, ...], int]:
    counts: dict[tuple[str, ...], int] = {}
    if vocab.first_words.isdisjoint(words):
        return counts
    size = len(words)
    for i, word in enumerate(words):
        if word not in vocab.first_words:
            continue
        for length in range(1, min(vocab.longest, size - i) + 1):
            gram = words[i:i + length]
            if gram in vocab.phrases:
                counts[gram] = counts.get(gram, 0) + 1
    return counts


@lru_cache(maxsize=1 << 15)
def _text_mentions(text: str, street_name: str, vocab: _Vocab, strict: bool = False) -> bool:
    """Does `text` contain a vocabulary phrase as whole words, other than inside
    `street_name` (the name of a complete street line in it, "" for none)? Occurrences are
    counted, so "123 Unknown Rd, Unknown TX" still matches once the street's own is set aside,
    and a phrase that runs past the name ("100 Detention Center": name DETENTION, suffix
    CENTER) is not excused."""
    words = _words(text)
    name_words = _words(street_name) if street_name else ()
    joined = _glued(text)
    forms = [(words, name_words)]
    if joined != words:
        forms.append((joined, _joined(name_words)))
    for form, name_form in forms:
        counts = _phrase_counts(form, vocab)
        if not counts:
            continue
        allowed = _phrase_counts(name_form, vocab) if name_form else {}
        if strict:  # (after the freeze, an audit: placeholders excuse only single words)
            allowed = {g: n for g, n in allowed.items() if len(g) == 1 and g[0] not in _NEVER}
        if any(n > allowed.get(gram, 0) for gram, n in counts.items()):
            return True
    return False


_NEVER = {"XX", "XXX", "TBD", "TBA", "NFA", "UNK", "UNKN", "UNKNWN", "UNKOWN", "UNKNOW",
          "ASDF", "QWERTY", "NULL", "NAN", "NIL", "FAKE", "DUMMY", "PLACEHOLDER",
          "UNSPECIFIED", "UNDISCLOSED", "UNDEFINED", "UNVERIFIED"}


def _excused_name(parts: StreetParts) -> str:
    """The street name words of a complete street line ("123 Unknown Rd" -> "UNKNOWN"): a
    name with a house number before it and a suffix after it is a street's name."""
    complete = parts.kind == "street" and _real_house(parts.house) and parts.suffix
    return parts.name_text if complete else ""


def _mentions(raw: Mapping[str, str], vocab: _Vocab, strict: bool = False) -> bool:
    """A vocabulary phrase in any address field, the street's own name set aside."""
    for name in ("unit", "city", "state", "zip"):
        if raw[name] and _text_mentions(raw[name], "", vocab, strict):
            return True
    if raw["street"] and _text_mentions(
            raw["street"], _excused_name(parse_street(raw["street"])), vocab, strict):
        return True
    if raw["address"]:
        street = split_one_line(raw["address"]).street
        return _text_mentions(raw["address"], _excused_name(parse_street(street)), vocab,
                              strict)
    return False


def _has_placeholder(raw: Mapping[str, str], vocab: _Vocab) -> bool:
    # (after the freeze, on purpose: a ZIP of zeros is decisions.md's example of a ZIP that
    # does not exist, R_ADDRESS_INVALID only, in the zip field and in a one-line address)
    for name in ("street", "unit", "city", "state", "zip", "address"):
        text = raw[name]
        if text and _is_placeholder_field(text, vocab, zeros=name not in ("unit", "zip"),
                                          single_letter=name != "unit"):
            return True
    if raw["address"]:
        one = split_one_line(raw["address"])
        for part, zeros in ((one.street, True), (one.city, True), (one.state, True),
                            (one.zip, False), (one.extra, True)):
            if part and _is_placeholder_field(part, vocab, zeros=zeros, single_letter=True):
                return True
    return _mentions(raw, vocab, strict=True)


@lru_cache(maxsize=1 << 15)
def _is_placeholder_field(text: str, vocab: _Vocab, *, zeros: bool, single_letter: bool) -> bool:
    """The whole field stands in for a value: only punctuation ("-", "?", "#"), only zeros
    ("00000", "000-00-0000" style), or a whole-field vocabulary entry ("X", "SAME").
    In the unit field a single letter is a real unit ("APT X") and "0" a real unit number."""
    folded = fold(text)
    if not any(c.isalnum() for c in folded):
        return True
    if zeros and "0" in folded and not folded.strip("0 -/#"):
        return True
    words = _words(text)
    if not single_letter and len(words) == 1 and len(words[0]) == 1:
        return False
    return " ".join(words) in vocab.whole or " ".join(_glued(text)) in vocab.whole


# --- record rules ----------------------------------------------------------------------

_ADDRESS_FIELDS = ("street", "unit", "city", "state", "zip", "address")
_ADDRESS_PLACEHOLDERS: tuple[str, ...] = rule("R_ADDRESS_PLACEHOLDER").params["placeholders"]
_FACILITIES: tuple[str, ...] = rule("R_ADDRESS_FACILITY").params["facilities"]
_ITIN_GROUPS: tuple[tuple[int, int], ...] = rule("R_TIN").params["itin_group_ranges"]
_WAITING_DAYS: int = rule("R_ORDER_90_DAYS").params["waiting_days"]
_CASELOAD_CAP: int = rule("R_CASELOAD").params["cap"]

_TIN_SEPARATORS = re.compile(r"[\-\u2010-\u2015]")
_NINE_DIGITS = re.compile(r"[0-9]{9}")
_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")
_ABSENT_VALUES = frozenset({"NA", "N A", "NONE", "NULL", "NIL", "UNKNOWN", "TBD", "TBA"})

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def reference_check_records(
    records: Sequence[RequestRecord], ctx: RecordContext
) -> list[frozenset[str]]:
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
    """True if `text` is 9 digits (dashes aside, blanks around it trimmed) that can be an
    issued SSN or ITIN.

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
        if not self._is_first(get("first_name", "")) or not self._is_name(get("last_name", "")):
            codes.add("R_NAME")
        address = tuple(get(k, "") for k in _ADDRESS_FIELDS)
        codes.update(self._cached("judge", address, lambda: _judge_ref(address)))
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
        # (after the freeze, on purpose: is_personal_name, shared with record.py, reads a
        # numbered suffix ending the field, FOXWORTHY 3RD, as the suffix, not as a digit in
        # the name: an acceptance audit found such records R_NAME)
        return bool(text.strip()) and self._cached("is_name", text, lambda: is_personal_name(text))

    def _is_first(self, text: str) -> bool:
        # (after the freeze, on purpose: red team r44, a first given name of one letter
        # before another, X JOHN, is the one-letter first name X / JOHN is)
        return bool(text.strip()) and self._cached("is_first", text, lambda: is_first_name(text))

    def _periods_fail(self, text: str) -> bool:
        return parse_periods(text, self._ctx.processing_date) is None

    def _statute_fails(self, text: str) -> bool:
        designated = self._ctx.agency_statutes
        return not any(is_designated(c, designated) for c in split_citations(text))

    def _order_codes(self, text: str) -> set[str]:
        order = order_date(text)
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
        # (after the freeze, on purpose, red team r16: the given names read across the
        # first- and middle-name fields are a second key, MARIA / ELENA is MARIA ELENA)
        joined: dict[tuple[object, ...], list[int]] = defaultdict(list)
        split: dict[tuple[object, ...], list[int]] = defaultdict(list)
        as_split: dict[int, RequestRecord] = {}
        for index, record in enumerate(records):
            key = self._name_key(record.fields)
            if key is not None:
                by_name[key].append(index)
                middle = record.fields.get("middle_name", "")
                if middle.strip() and not normalize_name("", middle, "").suffix:
                    first = record.fields.get("first_name", "")
                    given = normalize_name(f"{first} {middle}", "", "").first_canon
                    if given and given != key[0]:
                        joined[(given, *key[1:])].append(index)
                # (after the freeze, on purpose, red team r40: WALTER JAMES / "" is also
                # WALTER / JAMES beside WALTER: the first given name alone a second key, the
                # others the middle name)
                words = re.split(r"[\s\-\u2010-\u2015]+",
                                 record.fields.get("first_name", "").strip())
                if not middle.strip() and len(words) > 1 and words[0]:
                    alone = normalize_name(words[0], "", "").first_canon
                    if len(alone) == 1 and alone != key[0] and key[0][:1] == alone:
                        split[(alone, *key[1:])].append(index)
                        as_split[index] = RequestRecord(record.seq, {
                            **record.fields, "first_name": words[0],
                            "middle_name": " ".join(words[1:])})
        repeats: set[int] = set()
        for indexes in by_name.values():
            if len(indexes) > 1:
                repeats.update(self._repeats_among(records, indexes))
                repeats.update(self._same_identifier(records, indexes))
        for other, indexes in joined.items():
            group = sorted({*by_name.get(other, ()), *indexes})
            if len(group) > 1:
                repeats.update(self._repeats_among(records, group))
        read = [as_split.get(i, r) for i, r in enumerate(records)]
        for other, indexes in split.items():
            group = sorted({*by_name.get(other, ()), *indexes})
            if len({self._name_key(records[i].fields) for i in group}) > 1:
                repeats.update(self._repeats_among(read, group))
        return sorted(repeats)

    @staticmethod
    def _same_identifier(records: Sequence[RequestRecord], indexes: list[int]) -> list[int]:
        # (after the freeze, on purpose, red team r12: the same name with the same valid TIN
        # or the same A-number is the same person at any address, unless another TIN,
        # A-number or date of birth given on both differs)
        def ids(fields: Mapping[str, str]) -> tuple[str, str, str]:
            tin = _TIN_SEPARATORS.sub("", fields.get("tin", "").strip())
            a_number = re.sub(r"[^0-9]", "", fields.get("a_number", "")).lstrip("0")
            dob = birth_date(fields.get("date_of_birth", ""))
            return (tin if is_valid_tin(tin) else "", a_number, dob.isoformat() if dob else "")

        # (after the freeze, on purpose, red team r19: the earlier records are people, each
        # what its records say together, as at one address)
        # (after the freeze, on purpose, red team r38: two middle names that conflict as
        # matching reads them are two people here too, as at one address since r33)
        repeats = []
        people: list[list[tuple[str, str, str, str]]] = []
        for index in indexes:
            fields = records[index].fields
            tin, a_number, dob = ids(fields)
            if not tin and not a_number:
                continue
            middle = normalize_name(*(fields.get(k, "") for k in (
                "first_name", "middle_name", "last_name", "name_suffix"))).middle \
                if fields.get("middle_name", "").strip() else ""
            who = [person for person in people
                   if any((tin and tin == t) or (a_number and a_number == a)
                          for t, a, _, _m in person)
                   and all((not tin or not t or tin == t)
                           and (not a_number or not a or a_number == a)
                           and (not dob or not d or dob == d)
                           and not middle_names_conflict(middle, m) for t, a, d, m in person)]
            if who:
                repeats.append(index)
            if len(who) == 1:
                who[0].append((tin, a_number, dob, middle))
            elif not who:
                people.append([(tin, a_number, dob, middle)])
        return repeats

    def _repeats_among(self, records: Sequence[RequestRecord], indexes: list[int]) -> list[int]:
        # address key -> the people at it, each its records' (TIN, DOB, directional,
        # street type, urbanization, place, A-number, middle name)
        seen: dict[tuple[str, ...],
                   list[list[tuple[str, str, str, str, str, tuple[str, ...], str, str]]]
                   ] = defaultdict(list)
        repeats: list[int] = []
        for index in indexes:
            fields = records[index].fields
            found = self._address_key(fields)
            if found is None:
                continue
            key, way, kind, urb, place = found
            tin = _TIN_SEPARATORS.sub("", fields.get("tin", "").strip())
            # Two dates of birth given and different are two people (a father and a son
            # without a suffix), as two TINs are: not a repeat (an acceptance audit).
            dob_date = birth_date(fields.get("date_of_birth", ""))
            dob = dob_date.isoformat() if dob_date else ""
            # (after the freeze, on purpose, red team r32: two A-numbers given and different
            # are two people, as two TINs are)
            a_number = re.sub(r"[^0-9]", "", fields.get("a_number", "")).lstrip("0")
            # (after the freeze, on purpose, session 35: unless both records give the same
            # date of birth and the same names as written, accents, case and punctuation
            # aside: then they are one person asked twice)
            names = tuple(fold_name(fields.get(k, ""))
                          for k in ("first_name", "middle_name", "last_name"))
            # (after the freeze, on purpose, red team r33: two middle names that conflict
            # as matching reads them, JAMES / PAUL and not J / JAMES, are two people)
            middle = normalize_name(*(fields.get(k, "") for k in (
                "first_name", "middle_name", "last_name", "name_suffix"))).middle \
                if fields.get("middle_name", "").strip() else ""
            earlier = seen[key]
            # (after the freeze, on purpose: a directional or street type given on both and
            # different is another street, as matching reads it; an acceptance audit)
            # (after the freeze, on purpose, helper-18: two urbanizations given and
            # different are two addresses, as matching reads them)
            # (after the freeze, on purpose, red team r16: the same address written once
            # with its ZIP and once without, the city and state given, is one place)
            # (after the freeze, on purpose, red team r19: the earlier records are people,
            # each what its records say together; a record that agrees with every record
            # of one person, at one of its places, repeats it; one that may be several
            # people repeats them and joins none)
            who = [person for person in earlier
                   if all((not tin or not t or tin == t) and (not dob or not d or dob == d)
                          and not streets_conflict(way, kind, "", w, k, "")
                          and (not urb or not u or urb == u)
                          and (not a_number or not a or a_number == a
                               or bool(dob) and dob == d and names == n)
                          and not middle_names_conflict(middle, m)
                          for t, d, w, k, u, _, a, m, n in person)
                   and any((place[0] == p[0]) if place[0] and p[0]
                           else bool(place[1] and place[2]) and place[1:] == p[1:]
                           for *_, p, _a, _m, _n in person)]
            if who:
                repeats.append(index)
            if len(who) == 1:
                who[0].append((tin, dob, way, kind, urb, place, a_number, middle, names))
            elif not who:
                earlier.append([(tin, dob, way, kind, urb, place, a_number, middle, names)])
        return repeats

    def _name_key(self, fields: Mapping[str, str]) -> tuple[object, ...] | None:
        parts = tuple(fields.get(k, "") for k in ("first_name", "middle_name", "last_name",
                                                   "name_suffix"))
        name: NormName = self._cached("name", parts, lambda: normalize_name(*parts))
        if not name.first_canon or not name.last_tokens:
            return None
        # (after the freeze, on purpose: a courtesy title contradicting the given name's sex
        # is part of the name, MRS JOHN is John's wife; an acceptance audit)
        return (name.first_canon, frozenset(name.last_tokens), name.suffix,
                name.title_sex if title_conflict(name) else "")

    def _address_key(self, fields: Mapping[str, str]
                     ) -> tuple[tuple[str, ...], str, str, str, tuple[str, ...]] | None:
        parts = tuple(fields.get(k, "") for k in _ADDRESS_FIELDS)
        addr: NormAddress = self._cached("address", parts, lambda: normalize_address(*parts))
        if not addr.house or not addr.street_name:
            return None
        if not addr.zip5 and not (addr.city and addr.state):
            return None
        return ((addr.house, addr.street_name, addr.unit), addr.predir or addr.postdir,
                addr.suffix, addr.urb, (addr.zip5, addr.city, addr.state))


def _judge_ref(address: tuple[str, ...]) -> frozenset[str]:
    return reference_judge_address(
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

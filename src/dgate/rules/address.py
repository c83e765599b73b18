"""Is the request's address an address? The R_ADDRESS_* rules (decisions.md).

26 U.S.C. §6103(i)(2)(B)(i) requires the request to set forth the taxpayer's name and
address. In 2025 requests passed with "Failed to Provide", "NA NA", "Don't Care 12345",
"00000", ZIP-only entries and jail names; the court held that "a zip code is not an
address". `judge_address` returns every code that applies:

- R_ADDRESS_MISSING: every address field is empty (then no other code is added).
- R_ADDRESS_PLACEHOLDER: a field (or a part of the one-line address) is placeholder text,
  matched as whole words or whole fields, never as a substring: "Nonesuch Ave" and "Nana St"
  are streets. A placeholder word that is exactly the street name of a complete street
  line (house number, name and suffix: "123 Unknown Rd") is a real street. Fields of only
  punctuation ("-", "?") or only zeros ("00000") are placeholders too, except in the unit
  field, where "0" can be a real unit, and in the ZIP, where decisions.md gives "00000" as
  the example of a ZIP that does not exist: R_ADDRESS_INVALID only. A ZIP+4 whose five
  digits are a placeholder ZIP ("12345-6789") is one as well.
- R_ADDRESS_INCOMPLETE: no real street number (none, or only zeros; a Wisconsin grid
  number such as N56W14444 is one, and so is one on a single axis, N1234 or 27W100), no
  street name (Utah's "W 500 S" and Brooklyn's "AVENUE N" name streets: session 10, and "E
  1900", a grid street with its axis left out: session 26), a PO
  Box or General Delivery (they name a post office, not where the person lives: "no
  street"), ZIP only, a numerics-only street, or neither city and state nor a well-formed
  ZIP. A rural route or highway contract box ("RR 2 BOX 15", "HC 1 BOX 4") is a USPS
  delivery address with a location and is accepted.
- R_ADDRESS_INVALID: the ZIP is not 5 digits or ZIP+4, or is unknown to the `zipcodes`
  data set (00000 is unknown); the state is not a USPS code (states, DC, territories,
  AA/AE/AP) or name; or the ZIP belongs to another state. ZIPs the data set lists as
  inactive still count as existing: the requester may hold an old address of the person.
- R_ADDRESS_FACILITY: a jail, prison, detention or processing center is named anywhere in
  the address (word match), unless the facility word is the street name of a complete
  street line ("12 Old Prison Rd").

Structure comes from the parsers in normalize/address.py: the fast street tokenizer for a
`street` field, `usaddress` (via `split_one_line`) for a one-line `address`, which is used for
structure only when `street` is empty, as request-format.md says; its text is always
searched for placeholders and facility names, since the requester sent it as the address.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import zipcodes

from dgate.normalize import not_as_shown
from dgate.normalize.address import (
    StreetParts,
    fold,
    named_street_line,
    normalize_address,
    normalize_city,
    normalize_state,
    parse_street,
    parse_unit,
    parse_zip,
    places_disagree,
    split_one_line,
    split_unit_field,
)
from dgate.normalize.usps import STREET_SUFFIXES, UNIT_DESIGNATORS, UNIT_WORDS_WITHOUT_ID
from dgate.rules.vocab import FACILITIES, PLACEHOLDERS

__all__ = [
    "ADDRESS_FIELDS",
    "R_ADDRESS_FACILITY",
    "R_ADDRESS_INCOMPLETE",
    "R_ADDRESS_INVALID",
    "R_ADDRESS_MISSING",
    "R_ADDRESS_PLACEHOLDER",
    "AddressJudge",
    "address_judge",
    "judge_address",
    "known_zip_state",
]

R_ADDRESS_MISSING = "R_ADDRESS_MISSING"
R_ADDRESS_PLACEHOLDER = "R_ADDRESS_PLACEHOLDER"
R_ADDRESS_INCOMPLETE = "R_ADDRESS_INCOMPLETE"
R_ADDRESS_INVALID = "R_ADDRESS_INVALID"
R_ADDRESS_FACILITY = "R_ADDRESS_FACILITY"

ADDRESS_FIELDS: tuple[str, ...] = ("street", "unit", "city", "state", "zip", "address")
_NONE: frozenset[str] = frozenset()
_MISSING = frozenset({R_ADDRESS_MISSING})
_PLACEHOLDER = frozenset({R_ADDRESS_PLACEHOLDER})
_FACILITY = frozenset({R_ADDRESS_FACILITY})
_INCOMPLETE = frozenset({R_ADDRESS_INCOMPLETE})
_INVALID = frozenset({R_ADDRESS_INVALID})


def judge_address(
    fields: Mapping[str, str],
    placeholders: Sequence[str] = PLACEHOLDERS,
    facilities: Sequence[str] = FACILITIES,
) -> frozenset[str]:
    """Every R_ADDRESS_* code that applies to a record's address fields (keys of
    ADDRESS_FIELDS; absent keys mean empty). Empty set: the address is a real, complete,
    valid street address."""
    street, unit, city, state, zip_text, address = (
        (fields.get(name) or "").strip() for name in ADDRESS_FIELDS)
    # tuple(): a catalogue may hand the vocabulary over as a list; judges are cached by value
    judge = address_judge(tuple(placeholders), tuple(facilities))
    return judge.judge(street, unit, city, state, zip_text, address)


@lru_cache(maxsize=16)
def address_judge(
    placeholders: tuple[str, ...] = PLACEHOLDERS, facilities: tuple[str, ...] = FACILITIES
) -> AddressJudge:
    """The judge for these vocabularies: the same entries give the same judge."""
    return AddressJudge(placeholders, facilities)


class AddressJudge:
    """The address rules for one pair of vocabularies.

    An address's codes are what each field earns on its own (placeholder text, a facility
    name: R_ADDRESS_PLACEHOLDER, R_ADDRESS_FACILITY) and what the fields earn together
    (R_ADDRESS_INCOMPLETE, R_ADDRESS_INVALID). Batches repeat cities, states, ZIPs and units
    far more than whole addresses, so each field's verdict is kept (in bounded tables) by
    that field's text alone.
    """

    def __init__(self, placeholders: tuple[str, ...], facilities: tuple[str, ...]) -> None:
        self._placeholders = _compile(placeholders)
        self._facilities = _compile(facilities)
        self._street: Callable[[str], frozenset[str]] = lru_cache(1 << 16)(self._street_field)
        self._unit: Callable[[str], frozenset[str]] = lru_cache(1 << 14)(self._unit_field)
        self._places: Callable[[str, str, str], frozenset[str]] = lru_cache(1 << 14)(
            self._place_fields)
        self._one_line: Callable[[str], frozenset[str]] = lru_cache(1 << 12)(
            self._one_line_field)

    def judge(self, street: str, unit: str, city: str, state: str, zip_text: str,
              address: str) -> frozenset[str]:
        """`judge_address` on the stripped texts of the six address fields."""
        if not (street or unit or city or state or zip_text or address):
            return _MISSING
        earned = [self._street(street), self._places(city, state, zip_text)]
        if unit:
            earned.append(self._unit(unit))
            if street and _units_disagree(street, unit):
                earned.append(_INVALID)
        if address:
            own = self._one_line(address)
            earned.append(own)
        if not street and address:  # the one-line address supplies the structure
            one = split_one_line(address)
            # Only then is the line read (request-format.md: "used only where `street` is
            # empty"): two addresses on it, or fields beside it that name another (a line
            # already refused for its text is not compared). With `street` given the line
            # is not the address: its placeholder or facility text still counts (above),
            # another address written there does not.
            if _two_addresses(address, one.extra) or (
                    not own and (unit or city or state or zip_text)
                    and _line_disagrees(unit, city, state, zip_text, address)):
                earned.append(_INVALID)
            earned.append(_together(one.street, city or one.city, state or one.state,
                                    zip_text or one.zip))
        else:
            earned.append(_together(_street_line(street), city, state, zip_text))
        return _NONE.union(*earned) if any(earned) else _NONE

    # --- what one field earns on its own ---------------------------------------------------

    def _street_field(self, text: str) -> frozenset[str]:
        """The `street` field: placeholder text or a facility name, the name of a complete
        street line set aside ("123 Unknown Rd", "12 Old Prison Rd")."""
        if not text:
            return _NONE

        def street_name() -> str:  # parsed only once a phrase is found: most streets have none
            return _excused_name(parse_street(text))

        placeholder = (_is_placeholder_field(text, self._placeholders)
                       or _text_mentions(text, self._placeholders, street_name, strict=True)
                       or _blank_unit(text))
        return _as_shown(text, _FIELD_CODES[
            placeholder, _text_mentions(text, self._facilities, street_name)])

    def _unit_field(self, text: str) -> frozenset[str]:
        """The `unit` field, where "0" and a single letter ("APT X") are real units."""
        if not text:
            return _NONE
        placeholder = (
            _is_placeholder_field(text, self._placeholders, zeros=False, single_letter=False)
            or _text_mentions(text, self._placeholders))
        return _as_shown(text, _FIELD_CODES[placeholder, _text_mentions(text, self._facilities)])

    def _place_fields(self, city: str, state: str, zip_text: str) -> frozenset[str]:
        """The `city`, `state` and `zip` fields, each judged alike (kept together: a batch
        repeats the three as one)."""
        return _NONE.union(self._place_field(city), self._place_field(state),
                           self._place_field(zip_text, zeros=False))

    def _place_field(self, text: str, *, zeros: bool = True) -> frozenset[str]:
        if not text:
            return _NONE
        placeholder = (_is_placeholder_field(text, self._placeholders, zeros=zeros)
                       or _is_placeholder_zip4(text, self._placeholders)
                       or _text_mentions(text, self._placeholders))
        return _as_shown(text, _FIELD_CODES[placeholder, _text_mentions(text, self._facilities)])

    def _one_line_field(self, text: str) -> frozenset[str]:
        """The one-line `address`: the whole text and each part the parser splits off
        (street, city, state, ZIP, and any building or recipient name beside them) may be
        placeholder text; the whole text is searched for phrases, the street line's own name
        set aside. Searched even when `street` is given: the requester sent it as the
        address."""
        if not text:
            return _NONE
        one = split_one_line(text)

        def street_name() -> str:
            return _excused_name(parse_street(one.street))

        placeholder = (
            _is_placeholder_field(text, self._placeholders)
            or any(part and _is_placeholder_field(part, self._placeholders)
                   for part in (one.street, one.city, one.state, one.extra))
            or bool(one.zip) and _is_placeholder_field(one.zip, self._placeholders, zeros=False)
            or _is_placeholder_zip4(one.zip, self._placeholders)
            or _blank_unit(one.street)
            or _text_mentions(text, self._placeholders, street_name, strict=True))
        return _as_shown(text, _FIELD_CODES[
            placeholder, _text_mentions(text, self._facilities, street_name)])


# (placeholder?, facility?) -> codes; (incomplete?, invalid?) -> codes. Shared sets: a batch
# of clean addresses allocates none.
_FIELD_CODES: dict[tuple[bool, bool], frozenset[str]] = {
    (False, False): _NONE, (True, False): _PLACEHOLDER, (False, True): _FACILITY,
    (True, True): _PLACEHOLDER | _FACILITY,
}
_TOGETHER_CODES: dict[tuple[bool, bool], frozenset[str]] = {
    (False, False): _NONE, (True, False): _INCOMPLETE, (False, True): _INVALID,
    (True, True): _INCOMPLETE | _INVALID,
}


def _as_shown(text: str, codes: frozenset[str]) -> frozenset[str]:
    """`codes`, with R_ADDRESS_INVALID where the field is not read as it shows
    (`normalize.not_as_shown`: a spreadsheet formula, a bidirectional override, a letter
    a Latin word would lose): ="60 OAK ST" was read as 60 OAK ST and
    disclosed its resident (red team r10)."""
    return codes | _INVALID if not_as_shown(text) else codes


# --- what the fields earn together -------------------------------------------------------


# Designators of a part of a building that holds units: a building, a floor or a part
# named without an identifier (REAR, UPPR, BSMT ...) in one place and the apartment in the
# other are one address ("40 BIRCH ST BLDG 3", unit "APT 2").
_CONTAINERS = frozenset({"BLDG", "FL"}) | UNIT_WORDS_WITHOUT_ID


def _units_disagree(street: str, unit: str) -> bool:
    """The street line names a unit and the unit field another, neither a building, a floor
    or a part of a building (_CONTAINERS), and neither's identifiers all among the other's:
    "40 BIRCH ST APT 1" with unit "APT 2" names two apartments, and the unit field won
    silently (normalize_address), which disclosed the namesake in APT 2 (red team r10).
    "APT 1" and "#1" are one unit."""
    in_line = parse_street(street).unit  # (cached) most street lines hold no unit
    if not in_line:
        return False
    field, _urb = split_unit_field(unit)
    in_field = parse_unit(field) if field.strip() else ""
    if not in_field or in_line.replace(" ", "") == in_field.replace(" ", ""):
        return False
    a, b = set(in_line.split()), set(in_field.split())
    if a <= b or b <= a:
        return False
    return not any(UNIT_DESIGNATORS.get(w) in _CONTAINERS
                   for w in (*fold(street).split(), *fold(field).split()))


@lru_cache(maxsize=1 << 12)
def _line_disagrees(unit: str, city: str, state: str, zip_text: str, address: str) -> bool:
    """The one-line `address` (read because `street` is empty) and the unit, city, state or
    ZIP given beside it name two addresses: another unit, city, state or ZIP (red team
    r21). The fields won silently (normalize_address fills only what they leave empty),
    so "123 MAIN ST APT 4, AUSTIN, TX 78701" with unit "APT 5" disclosed the namesake in
    APT 5, and with zip 78704 the namesake at 123 MAIN ST in 78704. A request that names
    two addresses for one person does not set forth its address: R_ADDRESS_INVALID, as two
    units do (`_units_disagree`). Parts left out on either side do not disagree."""
    given = normalize_address("", "", city, state, zip_text)
    line = normalize_address("", "", "", "", "", address)
    if places_disagree(given, line):
        return True
    one = split_one_line(address)
    return bool(unit and one.street) and _units_disagree(one.street, unit)


# A number after "OR", "AND", "AKA", "&", ";" or a spaced "/" in a line that already holds a
# number: a second house or unit ("123 MAIN ST OR 45 OAK AVE", "APT 4 & 5"). A ZIP ending
# the line is not one ("... AUSTIN TX; 78701").
_SECOND_NUMBER = re.compile(
    r"[0-9][^;]*?(?:\s(?:OR|AND|AKA|ALSO)\s+|\s*[;&]\s*|\s/\s+)(?:#\s*)?"
    r"(?![0-9]{5}(?:-?[0-9]{4})?\s*$)[0-9]", re.IGNORECASE)


@lru_cache(maxsize=1 << 12)
def _two_addresses(text: str, extra: str) -> bool:
    """A one-line address that names two (red team r21): a part of its own that is a
    street line besides the one read as the street ("45 OAK AVE, 123 MAIN ST APT 7,
    AUSTIN, TX 78701" was read as 45 OAK AVE, the other left aside as a building's name,
    and the namesake there disclosed), or a second house number or unit joined by OR,
    AND, &, ; or / ("123 MAIN ST OR 45 OAK AVE", "APT 4 OR 5"). Which the requester means
    is a guess: R_ADDRESS_INVALID."""
    return bool(extra and _has_street(extra)) or _SECOND_NUMBER.search(text) is not None


def _together(street_line: str, city: str, state: str, zip_text: str) -> frozenset[str]:
    """R_ADDRESS_INCOMPLETE and R_ADDRESS_INVALID for the address as structured."""
    has_place, invalid = _place_facts(city, state, zip_text)
    return _TOGETHER_CODES[not has_place or not _has_street(street_line), invalid]


# --- completeness and validity -----------------------------------------------------------


def _street_line(street: str) -> str:
    """The street line of the `street` field: the field itself, or, where a building's or a
    recipient's name comes before it ("Eloy Detention Center, 1705 E Hanna Rd"), the line
    matching reads there (`named_street_line`). Audit 13 (D3): the facility was also told
    it was an incomplete address, which it is not."""
    if "," not in street or _has_street(street):
        return street
    line = named_street_line(street)
    return line if _has_street(line) else street


def _real_house(house: str) -> bool:
    """A street number with a non-zero digit: "0" and "00000" are not street numbers. A
    Wisconsin grid number (N56W14444: parse_street keeps one only with a number on each
    axis) has a non-zero digit in each of its two numbers; one on a single axis (N1234,
    27W100, 0N123) a non-zero digit after its axis."""
    return house.lstrip("0")[:1].isdigit() or bool(_GRID_HOUSE.fullmatch(house)) or bool(
        _AXIS_HOUSE.fullmatch(house))


_GRID_HOUSE = re.compile(r"[NSEW]0*[1-9][0-9]*[NSEW]0*[1-9][0-9]*")
# a grid number on one axis (normalize.address._AXIS_HOUSE: N1234, 27W100, 0N123), with a
# non-zero digit after the axis
_AXIS_HOUSE = re.compile(r"(?:[0-9]{1,2})?[NSEW]0*[1-9][0-9]*")


@lru_cache(maxsize=1 << 16)
def _has_street(line: str) -> bool:
    """A street line with a real house number and a street name (or a rural route box): not
    a PO Box, General Delivery, a bare name or a bare number."""
    parts = parse_street(line)
    return parts.kind in ("street", "rural_route") and _real_house(parts.house) and (
        _names_a_street(parts)) and not (parts.kind == "rural_route" and _ZERO_ROUTE.search(
            parts.name))


# A route or postal service center numbered 0 ("RR 0 BOX 45", "PSC 0 BOX 4567"): no route,
# as house 0 is no house (red team r17: accepted as complete)
_ZERO_ROUTE = re.compile(r" 0+$")


# Words that are not a street's name when they stand alone without a street type after
# them: "123 ST", "123 AVENUE", "123 N" name no street ("123 N ST" and "123 North St" do).
_BARE_WORDS = frozenset({
    "ST", "STR", "STREET", "AV", "AVE", "AVENUE", "RD", "ROAD", "DR", "DRIVE", "LN", "LANE",
    "BLVD", "BOULEVARD", "N", "S", "E", "W", "NE", "NW", "SE", "SW", "NORTH", "SOUTH",
    "EAST", "WEST",
})


def _names_a_street(parts: StreetParts) -> bool:
    """A street name: with a street type after it, any name ("123 W 45 ST"); without one, a
    name with a letter that is not only street-type or direction words: "123 45", "1 2",
    "123 ST" and "123 AVE" are numerics-only or a bare type (legal-basis.md section 2).
    A number after a directional ("3222 E 1900", "1755 NORTH 3900") is a street: Utah's
    grid street with its axis left out (3222 E 1900 N), a house on one of two grid streets
    (session 26: audit 22 found such requests R_ADDRESS_INCOMPLETE though they name the
    person's house; the matcher gives them at most a slip, compare.grid_axis_left_out)."""
    if not parts.name or parts.name in _BOX_NAMES or (
            not parts.suffix and parts.name.replace(" ", "") in _POST_OFFICE_NAMES):
        # "123 PO BOX" is PO Box 123 written backwards: a post office, no street (an audit
        # found it accepted and matched to PO BOX 123 while PO BOX 123 was rejected); so
        # are "123 POB", "123 P O BOX", "123 PO DRAWER", "123 CALLER BOX" and "123 GENERAL
        # DELIVERY", which were accepted as complete street lines (red team r17)
        return False
    if parts.suffix or parts.kind == "rural_route":
        return True
    if parts.predir and parts.name.isdigit():
        return True
    words = parts.name_text.upper().split()
    if len(words) == 2 and STREET_SUFFIXES.get(words[0]) == "AVE" and len(words[1]) == 1:
        return words[1].isalpha()  # a lettered avenue: AVENUE N as AVENUE A (parse_street)
    return any(c.isalpha() for c in parts.name_text) and not all(
        w in _BARE_WORDS for w in words)


_BOX_NAMES = frozenset({"PO BOX", "POST OFFICE BOX"})  # BOX alone: BOX RD is a street
# The post office's own delivery forms, spaces left out, as a whole street name with no
# street type after it (normalize.address._PO_BOX_FORMS and general delivery, caller and
# firm caller service): "123 POB" names a box, not a street. With a type they are streets'
# names ("12 BOX RD", "12 CALLER ST").
_POST_OFFICE_NAMES = frozenset({
    "BOX", "BX", "PO", "POB", "POBOX", "POBX", "POSTOFFICEBOX", "POSTBOX", "PODRAWER",
    "DRAWER", "POSTOFFICEDRAWER", "LOCKBOX", "CALLER", "CALLERBOX", "FIRMCALLER",
    "GENERALDELIVERY",
})


@lru_cache(maxsize=1 << 14)
def _place_facts(city: str, state: str, zip_text: str) -> tuple[bool, bool]:
    """(has a place, is invalid). A place is city and state, or a well-formed ZIP."""
    has_place = bool(normalize_city(city) and normalize_state(state)) or bool(
        parse_zip(zip_text)[0])
    return has_place, _invalid(state, zip_text)


@lru_cache(maxsize=1)
def _zip_states() -> Mapping[str, str]:
    """ZIP5 -> USPS state of every ZIP in the `zipcodes` data set, built once on first use.

    Read ten leading digits at a time with `similar_to`, not with `list_all`: zipcodes 3
    keeps list_all's 42,000 dicts (170,000 objects) alive for the life of the process, and
    every full garbage collection of a batch submission would walk them all again."""
    states: dict[str, str] = {}
    for digit in "0123456789":
        for row in zipcodes.similar_to(digit):  # type: ignore[no-untyped-call]
            states[row["zip_code"]] = row["state"]
    return states


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
def _forms(text: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(folded text, its words, its words with single-letter runs joined): what the
    matchers below read, computed once per distinct text."""
    folded = fold(text)
    words = folded.translate(_SEPARATORS).split()
    if "XXXX" in folded and any(w.startswith("XXXX") for w in words):
        words = ["XXX" if len(w) > 3 and not w.strip("X") else w for w in words]
    return folded, tuple(words), _glued(folded, tuple(words))


def _words(text: str) -> tuple[str, ...]:
    """Folded words for matching: "#", "/" and "-" separate words; "XXXX" reads "XXX"."""
    return _forms(text)[1]


_SEPARATORS = str.maketrans("-/#", "   ")
_ALNUM = re.compile(r"[^\W_]")  # a character for which str.isalnum() is true


def _joined(words: tuple[str, ...]) -> tuple[str, ...]:
    """Runs of two or more single letters read as one word: "N A" -> "NA", "U N K" -> "UNK"
    (what "N/A", "n-a" and "U.N.K." become once punctuation is gone)."""
    if 1 not in map(len, words):
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


def _glued(folded: str, words: tuple[str, ...]) -> tuple[str, ...]:
    """`_joined`, where the letters of one typed word stay one word: "N/A N/A" -> "NA NA"
    (joined across the space it would read "NANA" and slip past "NA NA"), while "N A" and
    "U N K", typed apart, still join."""
    if 1 not in map(len, words):
        return words
    out: list[str] = []
    for token in folded.split():
        parts = tuple(token.translate(_SEPARATORS).split())
        if len(parts) > 1 and all(len(p) == 1 and p.isalpha() for p in parts):
            parts = ("".join(parts),)
        out.extend(parts)
    return _joined(tuple("XXX" if len(w) > 3 and not w.strip("X") else w for w in out))


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


def _no_street_name() -> str:
    return ""


def _text_mentions(text: str, vocab: _Vocab,
                   street_name: Callable[[], str] = _no_street_name,
                   strict: bool = False) -> bool:
    """Does `text` contain a vocabulary phrase as whole words, other than inside
    `street_name()` (the name of a complete street line in it, "" for none; called only once
    a phrase is found)? Occurrences are counted, so "123 Unknown Rd, Unknown TX" still
    matches once the street's own is set aside, and a phrase that runs past the name
    ("100 Detention Center": name DETENTION, suffix CENTER) is not excused. `strict` (the
    placeholders): only single words a street may bear are excused (`_excusable`); facility
    phrases are roads' names too ("55 County Jail Rd")."""
    _, words, joined = _forms(text)
    if vocab.first_words.isdisjoint(words) and (
            joined is words or vocab.first_words.isdisjoint(joined)):
        return False  # no word that starts a phrase: the common case, decided at once
    forms = [(words, False)]
    if joined != words:
        forms.append((joined, True))
    for form, is_joined in forms:
        counts = _phrase_counts(form, vocab)
        if not counts:
            continue
        name = street_name()
        name_words = _words(name) if name else ()
        name_form = _joined(name_words) if is_joined else name_words
        allowed = _phrase_counts(name_form, vocab) if name_form else {}
        if strict:
            allowed = _excusable(allowed)
        if any(n > allowed.get(gram, 0) for gram, n in counts.items()):
            return True
    return False


# Placeholder words no street is named: even as the name of a complete street line ("123
# TBD St", "12 XXX Rd") they are filler, not a name.
_NEVER_A_NAME = frozenset({
    "XX", "XXX", "TBD", "TBA", "NFA", "UNK", "UNKN", "UNKNWN", "UNKOWN", "UNKNOW", "ASDF",
    "QWERTY", "NULL", "NAN", "NIL", "FAKE", "DUMMY", "PLACEHOLDER", "UNSPECIFIED",
    "UNDISCLOSED", "UNDEFINED", "UNVERIFIED",
})


def _excusable(counts: dict[tuple[str, ...], int]) -> dict[tuple[str, ...], int]:
    """Of the placeholder phrases in a street's name, those that may be its name: single
    words that streets bear ("Unknown Rd"). A phrase of several words ("123 Failed To
    Provide St", "123 NA NA St") or filler ("123 TBD St") is never a street's name."""
    return {g: n for g, n in counts.items() if len(g) == 1 and g[0] not in _NEVER_A_NAME}


def _excused_name(parts: StreetParts) -> str:
    """The street name words of a complete street line ("123 Unknown Rd" -> "UNKNOWN"): a
    name with a house number before it and a suffix after it is a street's name."""
    complete = parts.kind == "street" and _real_house(parts.house) and parts.suffix
    return parts.name_text if complete else ""


# A unit designator with nothing but punctuation after it, ending the street line: "APT ?",
# "# ?", "UNIT ??", "STE -". The street parser drops such a unit, so the line read as one
# without a unit, while the same "?" in the unit field is a placeholder (red team r5).
_BLANK_UNIT = re.compile(
    r"(?:\b(?:APT|APARTMENT|UNIT|STE|SUITE|RM|ROOM|LOT|SPC|SPACE|BLDG|BUILDING|FLOOR"
    r"|TRLR|DEPT)\b\.?|#)\s*[^\w\s.,][^\w\s]*\s*$", re.IGNORECASE)


def _blank_unit(line: str) -> bool:
    """The street line ends in a unit designator followed only by punctuation."""
    return bool(line) and _BLANK_UNIT.search(line) is not None


def _is_placeholder_zip4(text: str, vocab: _Vocab) -> bool:
    """A ZIP+4 whose five digits are a placeholder ZIP: "12345-6789" is as fake as "12345"
    (zeros are not a placeholder ZIP: "00000" is the spec's example of a ZIP that does not
    exist, R_ADDRESS_INVALID alone)."""
    zip5, zip4 = parse_zip(text)
    return bool(zip4) and _is_placeholder_field(zip5, vocab, zeros=False)


def _is_placeholder_field(text: str, vocab: _Vocab, *, zeros: bool = True,
                          single_letter: bool = True) -> bool:
    """The whole field stands in for a value: only punctuation ("-", "?", "#"), only zeros
    ("00000", "000-00-0000" style), or a whole-field vocabulary entry ("X", "SAME").
    In the unit field a single letter is a real unit ("APT X") and "0" a real unit number."""
    folded, words, joined = _forms(text)
    if _ALNUM.search(folded) is None:
        return True
    if zeros and "0" in folded and not folded.strip("0 -/#"):
        return True
    if not single_letter and len(words) == 1 and len(words[0]) == 1:
        return False
    return " ".join(words) in vocab.whole or " ".join(joined) in vocab.whole

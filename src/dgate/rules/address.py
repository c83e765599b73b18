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
  punctuation ("-", "?") or only zeros ("00000") are placeholders too (zeros not in the unit
  field, where "0" can be a real unit).
- R_ADDRESS_INCOMPLETE: no real street number (none, or only zeros), no street name, a PO
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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import zipcodes

from dgate.normalize.address import (
    StreetParts,
    fold,
    normalize_city,
    normalize_state,
    parse_street,
    parse_zip,
    split_one_line,
)
from dgate.rules.vocab import FACILITIES, PLACEHOLDERS

__all__ = [
    "ADDRESS_FIELDS",
    "R_ADDRESS_FACILITY",
    "R_ADDRESS_INCOMPLETE",
    "R_ADDRESS_INVALID",
    "R_ADDRESS_MISSING",
    "R_ADDRESS_PLACEHOLDER",
    "judge_address",
    "known_zip_state",
]

R_ADDRESS_MISSING = "R_ADDRESS_MISSING"
R_ADDRESS_PLACEHOLDER = "R_ADDRESS_PLACEHOLDER"
R_ADDRESS_INCOMPLETE = "R_ADDRESS_INCOMPLETE"
R_ADDRESS_INVALID = "R_ADDRESS_INVALID"
R_ADDRESS_FACILITY = "R_ADDRESS_FACILITY"

ADDRESS_FIELDS: tuple[str, ...] = ("street", "unit", "city", "state", "zip", "address")


def judge_address(
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
    return street, city, state, zip_text


# --- completeness and validity -----------------------------------------------------------


def _real_house(house: str) -> bool:
    """A street number with a non-zero digit: "0" and "00000" are not street numbers."""
    return house.lstrip("0")[:1].isdigit()


def _incomplete(parts: StreetParts, city: str, state: str, zip_text: str) -> bool:
    has_street = (parts.kind in ("street", "rural_route") and _real_house(parts.house)
                  and bool(parts.name))
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
def _text_mentions(text: str, street_name: str, vocab: _Vocab) -> bool:
    """Does `text` contain a vocabulary phrase as whole words, other than inside
    `street_name` (the name of a complete street line in it, "" for none)? Occurrences are
    counted, so "123 Unknown Rd, Unknown TX" still matches once the street's own is set aside,
    and a phrase that runs past the name ("100 Detention Center": name DETENTION, suffix
    CENTER) is not excused."""
    words = _words(text)
    name_words = _words(street_name) if street_name else ()
    joined = _joined(words)
    forms = [(words, name_words)]
    if joined != words:
        forms.append((joined, _joined(name_words)))
    for form, name_form in forms:
        counts = _phrase_counts(form, vocab)
        if not counts:
            continue
        allowed = _phrase_counts(name_form, vocab) if name_form else {}
        if any(n > allowed.get(gram, 0) for gram, n in counts.items()):
            return True
    return False


def _excused_name(parts: StreetParts) -> str:
    """The street name words of a complete street line ("123 Unknown Rd" -> "UNKNOWN"): a
    name with a house number before it and a suffix after it is a street's name."""
    complete = parts.kind == "street" and _real_house(parts.house) and parts.suffix
    return parts.name_text if complete else ""


def _mentions(raw: Mapping[str, str], vocab: _Vocab) -> bool:
    """A vocabulary phrase in any address field, the street's own name set aside."""
    for name in ("unit", "city", "state", "zip"):
        if raw[name] and _text_mentions(raw[name], "", vocab):
            return True
    if raw["street"] and _text_mentions(
            raw["street"], _excused_name(parse_street(raw["street"])), vocab):
        return True
    if raw["address"]:
        street = split_one_line(raw["address"]).street
        return _text_mentions(raw["address"], _excused_name(parse_street(street)), vocab)
    return False


def _has_placeholder(raw: Mapping[str, str], vocab: _Vocab) -> bool:
    for name in ("street", "unit", "city", "state", "zip", "address"):
        text = raw[name]
        if text and _is_placeholder_field(text, vocab, zeros=name != "unit",
                                          single_letter=name != "unit"):
            return True
    if raw["address"]:
        one = split_one_line(raw["address"])
        for part in (one.street, one.city, one.state, one.zip, one.extra):
            if part and _is_placeholder_field(part, vocab, zeros=True, single_letter=True):
                return True
    return _mentions(raw, vocab)


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
    return " ".join(words) in vocab.whole or " ".join(_joined(words)) in vocab.whole

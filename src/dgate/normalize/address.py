"""US address normalization (USPS Publication 28) and address comparison.

Two entry points do the work for every other stage:

- `normalize_address(...)` turns the request's or the master file's address fields into a
  `NormAddress`. A structured street line goes through a small hand-written tokenizer (fast
  enough for millions of master rows); only a one-line `address` is split with `usaddress`,
  and its street part then goes through the same tokenizer, so both sides of a comparison
  are standardized by the same code.
- `compare_addresses(a, b)` grades each component of two normalized addresses.

Nothing here raises on junk: what cannot be parsed comes back as empty strings, and the
rules (rules/address.py) decide what that means legally.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import usaddress  # type: ignore[import-untyped]
import zipcodes
from rapidfuzz.distance import OSA, JaroWinkler

from dgate.model import NormAddress
from dgate.normalize import joining_character, latin_lookalikes, middle_dots
from dgate.normalize.usps import (
    DIRECTIONALS,
    HIGHWAY_WORDS,
    NAME_PREFIX_WORDS,
    ORDINAL_TENS,
    ORDINAL_WORDS,
    SPANISH_STREET_TYPES,
    STATE_CODES,
    STATE_NAMES,
    STREET_NAME_WORDS,
    STREET_SUFFIXES,
    UNIT_DESIGNATORS,
    UNIT_WORDS_WITHOUT_ID,
    URB_DESIGNATORS,
    URBANIZATION_WORDS,
    WEAK_UNIT_DESIGNATORS,
)

__all__ = [
    "AddressComparison",
    "OneLine",
    "NOT_NAME_TYPES",
    "THOROUGHFARES",
    "StreetParts",
    "compare_addresses",
    "fold",
    "fraction_to_house",
    "grid_axis_left_out",
    "in_queens",
    "is_post_office_bound",
    "normalize_address",
    "normalize_city",
    "normalize_state",
    "parse_street",
    "parse_unit",
    "parse_zip",
    "places_disagree",
    "queens_places",
    "request_city_zips",
    "split_one_line",
    "split_unit_field",
    "type_left_out",
]

# --- folding -----------------------------------------------------------------------------

_FRACTIONS = str.maketrans({"½": " 1/2", "¼": " 1/4", "¾": " 3/4", "⅓": " 1/3", "⅔": " 2/3"})
# Apostrophes join (DON'T -> DONT, O'HARE -> OHARE); "#" stands apart as its own word;
# "/" and "-" stay because "123 1/2", "123-B" and "APT 4-B" mean something; everything
# else that is not a letter or digit becomes a space.
_FOLD_TABLE = str.maketrans(
    {c: " " for c in "!\"$%&()*+,.:;<=>?@[\\]^_{|}~\t\r\n"}
    | {"'": "", "`": "", "#": " # "}
)
_NON_ASCII_TABLE = str.maketrans({"’": "", "‘": "", "ʼ": "", "⁄": "/", "–": "-", "—": "-"})
# "P.O.", "N.W.", "U.S." -> "PO", "NW", "US": dotted single letters are one abbreviation.
_DOTTED = re.compile(r"(?<![A-Z0-9])([A-Z])\.(?=[A-Z](?![A-Z0-9]))")


def fold(text: str) -> str:
    """Fold text for address work: NFKD, accents stripped, upper case ASCII, apostrophes
    removed, other punctuation turned to spaces except `#`, `/` and `-`, spaces collapsed.

    >>> fold("  Calle  Peñasco #4-B, P.O. ")
    'CALLE PENASCO # 4-B PO'
    """
    if not text:
        return ""
    if not text.isascii():
        # upper() first: it expands letters NFKD leaves alone ("ß" -> "SS")
        text = unicodedata.normalize("NFKD", text.translate(_FRACTIONS).upper())
        text = latin_lookalikes("".join(
            c for c in middle_dots(text)
            if not unicodedata.combining(c) and not joining_character(c)))
        text = "".join(c if c.isascii() else " " for c in text.translate(_NON_ASCII_TABLE))
    text = text.upper()
    if "." in text:
        text = _DOTTED.sub(r"\1", text)
    return " ".join(text.translate(_FOLD_TABLE).split())


# --- street line -------------------------------------------------------------------------

_HOUSE = re.compile(r"\d+(?:-?[A-Z]|-\d+[A-Z]?)?|[NS]\d+[EW]\d+|[EW]\d+[NS]\d+")
# Wisconsin's grid house numbers (N56W14444, W156N8327: Pub 28 keeps them whole) written
# in two words ("N56 W14444"): one number on each axis, read as one house number
_GRID_HALF = re.compile(r"([NSEW])\d+")
_NUMERIC_ORDINAL = re.compile(r"\d+(?:ST|ND|RD|TH)")
_FRACTION = re.compile(r"\d+/\d+")
_HYPHEN_IN_ID = re.compile(r"(?<=\d)-(?=[A-Z])|(?<=[A-Z])-(?=\d)")
_PO_BOX_FORMS = frozenset({"PO", "POB", "POBOX", "POSTOFFICEBOX", "POSTBOX", "PODRAWER"})
_RURAL_FORMS = {"RR": "RR", "RURALROUTE": "RR", "RURALRTE": "RR", "RFD": "RR", "HC": "HC",
                "HCR": "HC", "HIGHWAYCONTRACT": "HC", "STARROUTE": "HC", "STARRTE": "HC"}
_BOX_WORDS = frozenset({"BOX", "BX", "#"})
_ROUTE_WORDS = frozenset({"RT", "RTE", "ROUTE", "RURALRT"})
_GLUED_ROUTE = re.compile(r"(RR|HC|HCR|RFD)-?([0-9]+)")  # RR2, HC-02 (audit 22)


@dataclass(frozen=True, slots=True)
class StreetParts:
    """One street line, parsed.

    `kind` is "street" for a house-number-and-street line, "po_box" (house = box number,
    name "PO BOX"), "rural_route" (name "RR 2" or "HC 1", house = box number),
    "general_delivery", or "" for an empty line. `name_text` holds the folded words that
    form the street name before standardizing, so the rules can tell a word that is the
    street's name ("123 Unknown Rd") from one that is not. `urb` is the Puerto Rico
    urbanization written on the line ("URB LAS GLADIOLAS 150 CALLE A" -> "LAS GLADIOLAS";
    see `urbanization`), or "".
    """

    kind: str
    house: str
    predir: str
    name: str
    suffix: str
    postdir: str
    unit: str
    name_text: str
    urb: str = ""


_EMPTY_STREET = StreetParts("", "", "", "", "", "", "", "")


def _is_id(word: str) -> bool:
    """A word that can identify a unit: has a digit, or is one letter ("B"); an ordinal
    ("1ST") is a street name word, not an identifier."""
    if len(word) == 1:
        return word.isalnum()
    return any(c.isdigit() for c in word) and not _NUMERIC_ORDINAL.fullmatch(word)


@lru_cache(maxsize=1 << 16)
def parse_street(line: str, queens: bool = False) -> StreetParts:
    """Parse a street line ("123 N Main Street Apt 4B") into Pub 28 parts. Cached: master
    files repeat street lines across a taxpayer's address history. `queens`: the line is
    of an address in Queens (`in_queens`), whose hyphenated house numbers are read as one
    number (`_house_number`)."""
    tokens = [t for t in fold(line).split() if t not in ("-", "/")]
    if not tokens:
        return _EMPTY_STREET
    special = _special_delivery(tokens)
    if special is not None:
        return special
    urb_words, after = _leading_urbanization(tokens)
    if after is not tokens:
        tokens = after
        special = _special_delivery(tokens) if tokens else None
        if special is not None:  # "URB … PO BOX 5": the box, in its urbanization
            return dataclasses.replace(special, urb=urbanization(urb_words))
    tokens = _unit_written_first(tokens)
    km = _kilometre_line(tokens)
    if km is not None:
        return dataclasses.replace(km, urb=urbanization(urb_words))
    if not urb_words and tokens and tokens[0] in SPANISH_STREET_TYPES:
        tokens = _spanish_line(tokens)
    house, start = _house_number(tokens, queens)
    rest = _unglued(tokens[start:]) if house else tokens[start:]
    if house:
        trailing, rest = _trailing_urbanization(rest)
        urb_words = urb_words or trailing  # written twice: the first
    cut = _unit_start(rest)
    name_words = rest[:cut]
    unit_words = rest[cut:]
    floor = _ordinal_floor(rest, cut)
    if floor is not None:
        cut, unit_words = floor
        name_words = rest[:cut]
    unit = _unit_from_tokens(unit_words)
    house, unit = fraction_to_house(house, unit)
    predir, words, suffix, postdir = _street_words(_split_name_words(name_words))
    return StreetParts("street", house, predir, " ".join(_canonical_name(words)), suffix,
                       postdir, unit, " ".join(words), urbanization(urb_words))


# Puerto Rico's highways: CARRETERA 172, written CARR 172, PR 172 or PR-172 (Pub 28
# section 29), and the kilometre marker that places a house on it.
_PR_ROADS = frozenset({"CARR", "CARRETERA", "CARRT", "PR", "RUTA"})
_KM_WORDS = frozenset({"KM", "KILOMETRO", "K"})
# the hectometre after the kilometre: "KM 9 HM 2" is the marker 9.2 (one digit, 0-9)
_HM_WORDS = frozenset({"HM", "HECTOMETRO"})


def _kilometre_line(tokens: list[str]) -> StreetParts | None:
    """A Puerto Rico highway address: the road and the kilometre marker, in either order
    ("CARR 172 KM 13.0", "KM 13.0 CARR 172", "PR 172 KM 13.5 BO ALMACIGO"), read as house
    number the marker (13, 13.5: a marker ".0" is the whole kilometre) on the street "CARR
    172"; "KM 9 HM 2", the kilometre and the hectometre, is the marker 9.2 (session 26:
    read as house 9 it was another marker). It has no other house number: audit 22 found
    every such request R_ADDRESS_INCOMPLETE though the master held the line as written.
    Words after the marker are a unit when they begin with a unit designator, else dropped
    (a barrio or sector named after it); None for any other line."""
    def road(at: int) -> tuple[str, int] | None:   # the street's name, where it ends
        if at + 1 < len(tokens) and tokens[at] in _PR_ROADS and tokens[at + 1].isdigit():
            return f"CARR {int(tokens[at + 1])}", at + 2
        glued = _GLUED_PR_ROAD.fullmatch(tokens[at]) if at < len(tokens) else None
        return (f"CARR {int(glued.group(1))}", at + 1) if glued else None

    def marker(at: int) -> tuple[str, int] | None:
        if at + 1 >= len(tokens) or tokens[at] not in _KM_WORDS or not tokens[at + 1].isdigit():
            return None
        whole, end = str(int(tokens[at + 1])), at + 2
        tenths = None
        if end < len(tokens) and tokens[end].isdigit() and len(tokens[end]) <= 2:
            tenths, end = tokens[end].rstrip("0"), end + 1   # "13.0" folds to 13 0
        elif (end + 1 < len(tokens) and tokens[end] in _HM_WORDS
              and tokens[end + 1].isdigit() and len(tokens[end + 1]) == 1):
            tenths, end = tokens[end + 1].rstrip("0"), end + 2   # KM 9 HM 2 = KM 9.2
        if tenths:
            whole = f"{whole}.{tenths}"
        return whole, end

    first = road(0)
    if first is not None:
        name, at = first
        found = marker(at)
        if found is None:
            return None
        house, end = found
    else:
        found = marker(0)
        if found is None:
            return None
        house, at = found
        after = road(at)
        if after is None:
            return None
        name, end = after
    rest = tokens[end:]
    cut = _unit_start(rest)
    unit = _unit_from_tokens(rest[cut:]) if cut == 0 else ""
    return StreetParts("street", house, "", name, "", "", unit, name)


_GLUED_PR_ROAD = re.compile(r"PR-?([0-9]+)")


def _unit_written_first(tokens: list[str]) -> list[str]:
    """The line with a unit written before the house number moved after the street: "APT
    4B 123 MAIN ST" -> "123 MAIN ST APT 4B" (a one-line address with no comma after the
    unit; with one, `_split_on_commas` did this already). Only a strong designator (APT,
    STE, UNIT, # …) and one identifier, then a house number and a word of a street's name;
    any other line is returned as it is."""
    if len(tokens) < 4 or tokens[0] not in UNIT_DESIGNATORS or tokens[0] in (
            WEAK_UNIT_DESIGNATORS) or tokens[0] == "RM":
        return tokens
    k = 2 if tokens[1] == "#" else 1
    if len(tokens) < k + 3 or not _is_id(tokens[k]) or tokens[k] in DIRECTIONALS:
        return tokens
    house = tokens[k + 1]
    if not _is_house(house) or house[:1].isalpha() or not any(
            c.isalpha() for c in tokens[k + 2]) or tokens[k + 2] in UNIT_DESIGNATORS:
        return tokens
    return [*tokens[k + 1:], *tokens[:k + 1]]


# A road's designation written onto its number (Texas's FM1960, RM620, CR123, SH6, IH35;
# US290, I35, HWY6, SR84): the designation and the number, as "FM 1960" reads.
_GLUED_ROAD = re.compile(r"(FM|RM|CR|SH|SR|US|IH|I|HWY)([0-9]+)")
# A unit designator written onto its identifier (APT4, STE100, SPC12, LOT7, TRLR3, UNIT4B,
# BLDG2): the designator and the identifier, as "APT 4" reads.
_GLUED_UNIT = re.compile(r"([A-Z]{2,})([0-9][0-9A-Z-]*)")
# Texas's official names of its farm and ranch roads, hyphenated ("FARM-TO-MARKET ROAD 1960")
_HYPHENATED_ROADS = frozenset({"FARM-TO-MARKET", "RANCH-TO-MARKET"})


def _unglued(rest: list[str]) -> list[str]:
    """The words after the house number with glued forms written apart: a road's
    designation and its number as the street's first word, or after a directional ("100
    FM1960" = "100 FM 1960", "100 N IH35" = "100 N IH 35"); FARM-TO-MARKET and
    RANCH-TO-MARKET as three words; a unit designator and its identifier anywhere after
    the first word ("100 MAIN ST APT4" = "100 MAIN ST APT 4"). Written together each was
    another street or another unit (red team r39: M_NAME_ONLY for the address the master
    holds)."""
    out: list[str] = []
    for k, word in enumerate(rest):
        road = _GLUED_ROAD.fullmatch(word)
        if road and (k == 0 or k == 1 and rest[0] in DIRECTIONALS):
            out.extend(road.groups())
        elif word in _HYPHENATED_ROADS:
            out.extend(word.split("-"))
        elif k > 0 and (unit := _glued_unit(word)) is not None:
            out.extend(unit)
        else:
            out.append(word)
    return out


def _glued_unit(word: str) -> tuple[str, str] | None:
    """(designator, identifier) of a unit designator written onto its identifier (APT4,
    STE100B, SPC12, BLDG2, UNIT4-B), else None. Only a designator of Pub 28's C2
    (UNIT_DESIGNATORS), never "#"."""
    glued = _GLUED_UNIT.fullmatch(word)
    if glued is None or glued.group(1) not in UNIT_DESIGNATORS:
        return None
    return glued.group(1), glued.group(2)


_MILITARY = frozenset({"PSC", "CMR", "UNIT"})


def _military_box(tokens: list[str]) -> StreetParts | None:
    """A military address line (USPS Pub 28 section 237): "PSC 1234 BOX 5678" (postal
    service center), "CMR 450 BOX 123" (community mail room), "UNIT 2050 BOX 4190", with APO,
    FPO or DPO for the city and AA, AE or AP for the state. Read as the box (house) of the
    route "PSC 1234": a box numbered within its post office, as a rural route's (kind
    "rural_route", `is_post_office_bound`); it has no street number and is a complete
    delivery address. UNIT only with BOX after its number (else a unit); else None."""
    if len(tokens) < 2 or tokens[0] not in _MILITARY or not tokens[1].isdigit():
        return None
    after = [t for t in tokens[2:] if t != "#"]
    has_box = bool(after) and after[0] in ("BOX", "BX")
    if tokens[0] == "UNIT" and not has_box:
        return None
    box = after[1] if has_box and len(after) > 1 and _is_box(after[1]) else ""
    if after and not (has_box and len(after) <= 2):
        return None  # more words than a box: read as before
    name = f"{tokens[0]} {int(tokens[1])}"
    return StreetParts("rural_route", box, "", name, "", "", "", name)


def _special_delivery(tokens: list[str]) -> StreetParts | None:
    """PO Box, rural route / highway contract box, or general delivery; else None."""
    if tokens[:2] == ["GENERAL", "DELIVERY"]:
        return StreetParts("general_delivery", "", "", "GENERAL DELIVERY", "", "", "",
                           "GENERAL DELIVERY")
    military = _military_box(tokens)
    if military is not None:
        return military
    if len(tokens) > 3 and tokens[0] in ("BOX", "BX") and _is_box(tokens[1]):
        # "BOX 15 RR 2": the box written before its route (an older form), the rural
        # route's box, not a PO box (red team r17: R_ADDRESS_INCOMPLETE for it)
        after_box = _special_delivery(tokens[2:])
        if after_box is not None and after_box.kind == "rural_route" and (
                not after_box.house and after_box.name[:2] in ("RR", "HC")):
            return dataclasses.replace(after_box, house=_HYPHEN_IN_ID.sub("", tokens[1]))
    glued = _GLUED_ROUTE.fullmatch(tokens[0])
    if glued:  # "RR2 BOX 15": the route number written onto its word
        tokens = [glued.group(1), glued.group(2), *tokens[1:]]
    for k in (3, 2, 1):
        compact = "".join(tokens[:k])
        rest = [t for t in tokens[k:] if t != "#"]
        if compact in _PO_BOX_FORMS or compact == "BOX" and rest and _is_box(rest[0]):
            box = rest[0] if rest and _is_box(rest[0]) else ""
            return StreetParts("po_box", box, "", "PO BOX", "", "", "", "")
        route = _RURAL_FORMS.get(compact)
        if (not route and compact in _ROUTE_WORDS and len(tokens) > k + 1
                and tokens[k].isdigit() and tokens[k + 1] in _BOX_WORDS):
            route = "RR"  # Pub 28: "RT 2 BOX 15" is a rural route; "ROUTE 9" alone a road
        at = k + 1 if route and tokens[k:k + 1] == ["#"] else k  # "RR #2 BOX 45"
        if route and len(tokens) > at and tokens[at].isdigit():
            box, unit = _box_and_unit(tokens[at + 1:])
            name = f"{route} {int(tokens[at])}"
            return StreetParts("rural_route", box, "", name, "", "", unit, name)
    return None


def _box_and_unit(after: list[str]) -> tuple[str, str]:
    """(box, unit) of the words after a rural route's or highway contract route's number:
    "BOX 45 LOT 4" -> ("45", "4"), "BOX 45-A" -> ("45A", ""). The box is written like a
    house number, its hyphen left out as a house number's ("45-A" = "45A"). A unit
    designator after the box starts a unit (a trailer lot, an apartment at the box: "HC 68
    BOX 12 LOT 4"), kept as a street line's unit is: dropped, the request naming LOT 3
    read as one without a unit and disclosed the resident of LOT 4 (red team r17).
    Anything else after the box is left out, as before."""
    if not after:
        return "", ""
    if after[0] not in _BOX_WORDS:  # no box here ("BOX 45 RR 2 APT 3": written before)
        return "", _unit_from_tokens(after) if after[0] in UNIT_DESIGNATORS else ""
    rest = after[1:]
    if rest[:1] == ["#"]:
        rest = rest[1:]
    if not rest or not _is_box(rest[0]):
        return "", ""
    tail = rest[1:]
    unit = _unit_from_tokens(tail) if tail and tail[0] in UNIT_DESIGNATORS else ""
    return _HYPHEN_IN_ID.sub("", rest[0]), unit


def _leading_urbanization(tokens: list[str]) -> tuple[list[str], list[str]]:
    """(urbanization words, the street line from its house number) of a Puerto Rico line
    that opens with the urbanization ("URB LAS GLADIOLAS 150 CALLE A", Pub 28 section 29:
    it precedes the street line) or another area designator ("RES LUIS LLORENS TORRES 5
    CALLE B", "EXT VILLA RICA 12 CALLE 3"); ([], tokens) for any other line. A name must
    follow the designators ("URB 150 CALLE A" names none: URB is left out, as before; "EXT
    123" is no area). The house number is the first number followed by a word that is not
    one (URB SANTA JUANITA SECC 10 150 CALLE A: 150)."""
    start = 0
    while start < len(tokens) and tokens[start] in URB_DESIGNATORS:
        start += 1
    k = start
    while k < len(tokens) and (tokens[k] in URBANIZATION_WORDS or tokens[k] in URB_DESIGNATORS):
        k += 1
    if k == 0:
        return [], tokens
    if k == len(tokens):
        return [], tokens
    if _is_house(tokens[k]):
        return [], tokens[start:]
    for i in range(k + 1, len(tokens)):
        if _is_house(tokens[i]) and (i + 1 == len(tokens) or not _is_house(tokens[i + 1])):
            spanish = _spanish_order(tokens, k, i)
            if spanish is not None:
                return spanish
            if _strong_unit_start(tokens, start) < i:  # "URB SUITE 4 …": no area's name
                return [], tokens[start:]
            return tokens[:i], tokens[i:]
    return [], tokens


def _spanish_line(tokens: list[str]) -> list[str]:
    """A street line that opens with a Spanish street type and ends with its house number,
    without an urbanization before it ("CALLE LUNA 123", "CALLE 4 #150", "CALLE A 150 APT
    2"), in Pub 28's order ("123 CALLE LUNA"), as `_spanish_order` reads the same line after
    an urbanization (red team r12: it was R_ADDRESS_INCOMPLETE, no house number read). A
    number right after the type is the street's (CALLE 4); any other line is kept."""
    for i in range(2, len(tokens)):
        if _is_house(tokens[i]) and (i + 1 == len(tokens) or not _is_house(tokens[i + 1])):
            found = _spanish_order(tokens, -1, i)
            return tokens if found is None else found[1]
    return tokens


def _spanish_order(tokens: list[str], k: int, i: int) -> tuple[list[str], list[str]] | None:
    """(urbanization words, the street line in Pub 28's order) of a Puerto Rico line written
    in the Spanish order, the house number last: "URB VILLA NEVAREZ CALLE A 150" (also
    "CALLE A #150", "CALLE 4 150 APT 2") -> "URB VILLA NEVAREZ", "150 CALLE A". `k` is where
    the area's name begins, `i` the house number found. Only when exactly one Spanish street
    type (CALLE, AVENIDA, CAMINO …) stands after the first word of the name, with a word of
    the street's name after it, no other number after that word, and only a unit, or
    nothing, follows the number; else None (the line reads as before: two street types, or
    two numbers, leave the split unknown). A number inside the area's name (SECC 10) is
    taken for the house before this is tried, as before."""
    end = i - 1 if tokens[i - 1] == "#" else i
    after = tokens[i + 1:]
    if after and not _unit_after_the_number(after):
        return None
    types = [j for j in range(k + 1, end) if tokens[j] in SPANISH_STREET_TYPES]
    if len(types) != 1 or types[0] + 1 >= end:
        return None
    j = types[0]
    if _strong_unit_start(tokens[:end], j) < end or any(
            _is_house(w) for w in tokens[j + 2:end]):
        # a unit inside, or a second number before the last ("CALLE A 150 4B": which is
        # the house?); a number right after the type is the street's (CALLE 4 150)
        return None
    return tokens[:j], [tokens[i], *tokens[j:end], *after]


def _unit_after_the_number(after: list[str]) -> bool:
    """The words after the house number of a line in the Spanish order are a unit: a strong
    designator (APT, STE, SPC, #), or one that is also a street word followed by an
    identifier (LOT 4, SPACE 12, TRAILER 3: a mobile home's lot, red team r39), or alone
    where it needs none (REAR)."""
    first = after[0]
    if first not in UNIT_DESIGNATORS:
        return False
    if first not in WEAK_UNIT_DESIGNATORS:
        return True
    if len(after) == 1:
        return UNIT_DESIGNATORS[first] in UNIT_WORDS_WITHOUT_ID
    return _plain_id(after[1]) and (len(after) == 2 or after[2] in UNIT_DESIGNATORS)


def _trailing_urbanization(rest: list[str]) -> tuple[list[str], list[str]]:
    """(urbanization words, the rest without them) of a street line that ends with its
    urbanization ("150 CALLE A URB VILLA NEVAREZ"); only URB introduces one here (EXT is a
    street suffix). Its name runs to a unit designator or a word with a number, which stay
    the line's (URB X APT 4, URB X 4B). See _plain_urb_name."""
    for j in range(1, len(rest)):
        if rest[j] in URB_DESIGNATORS:
            end = j + 1
            while (end < len(rest) and not any(c.isdigit() for c in rest[end])
                   and not (rest[end] in UNIT_DESIGNATORS
                            and rest[end] not in WEAK_UNIT_DESIGNATORS)):
                end += 1
            if _plain_urb_name(rest[j + 1:end]):
                return rest[j:end], rest[:j] + rest[end:]
            break
    return [], rest


def _plain_urb_name(words: list[str]) -> bool:
    """Words that can stand for an urbanization's name wherever written: some, and no
    number among them (written first, before the street line, one would be read as the
    house number)."""
    return (any(w not in URB_DESIGNATORS for w in words)
            and not any(c.isdigit() for w in words for c in w))


def _strong_unit_start(words: list[str], start: int) -> int:
    """Index of the first strong unit designator (APT, #, STE …) from `start`, or len."""
    for k in range(start, len(words)):
        if words[k] in UNIT_DESIGNATORS and words[k] not in WEAK_UNIT_DESIGNATORS:
            return k
    return len(words)


def _is_house(word: str) -> bool:
    return bool(_HOUSE.fullmatch(word)) and not _NUMERIC_ORDINAL.fullmatch(word)


def urbanization(words: list[str] | tuple[str, ...]) -> str:
    """The normalized name of a Puerto Rico urbanization from its folded words: the URB
    descriptor left out, the other area designators standardized wherever they stand
    (URBANIZACION JARDINES DE CAPARRA = JARD DE CAPARRA, URB EXTENSION VILLA RICA = EXT
    VILLA RICA). Compared exactly: the same house and street repeat across the
    urbanizations of one ZIP, and a name one slip from another may be another one."""
    words = [w for w in words if w not in URB_DESIGNATORS and w not in ("-", "/", "#")]
    return " ".join(URBANIZATION_WORDS.get(w, w) for w in words)


def fraction_to_house(house: str, unit: str) -> tuple[str, str]:
    """(house, unit) with a unit that is only a fraction ("1/2") written onto a house
    number of digits ("123" -> "123 1/2"). USPS Pub 28 keeps a fraction with the address
    number: 123 1/2 MAIN ST is a house of its own, often behind or above 123. Written after
    the street ("123 MAIN ST 1/2") or in the unit column, it was read as the unit "1/2",
    and a unit on one side only grades the same house: the request disclosed the namesake
    at 123 MAIN ST (red team r17). store.master does the same for the unit column in SQL
    (FRACTION_UNIT_SQL)."""
    if unit and house.isdigit() and _FRACTION.fullmatch(unit):
        return f"{house} {unit}", ""
    return house, unit


def split_unit_field(text: str) -> tuple[str, str]:
    """(the unit field without an urbanization, the urbanization's normalized name): a
    unit field (address line 2) may hold the urbanization, Pub 28's line of its own
    ("URB LAS GLADIOLAS", "URB LAS GLADIOLAS APT 4"). Only a field opening with URB or
    URBANIZACION is read so; anything else is the unit as it was."""
    words = fold(text).split() if text else []
    if not words or words[0] not in URB_DESIGNATORS:
        return text, ""
    end = _strong_unit_start(words, 1)
    if not _plain_urb_name(words[1:end]):
        return text, ""
    return " ".join(words[end:]), urbanization(words[:end])


def _is_box(word: str) -> bool:
    """A box number is written like a house number ("123", "12A"); it takes the house slot."""
    return bool(_HOUSE.fullmatch(word))


def _house_number(tokens: list[str], queens: bool = False) -> tuple[str, int]:
    """The leading address number ("123", "123A", "123-45", "123 1/2", the Wisconsin grid
    number "N56W14444", also written "N56 W14444", a grid number on one axis "N1234",
    "27W100": `_AXIS_HOUSE`) and where it ends.

    A number spelled out ("ONE MAIN ST", "SEVEN OAKS DR") is no house number: it may as
    well be the first word of the street's name (SEVEN OAKS DR, FIVE POINTS RD, TWO RIVERS
    PKWY are streets), and read as a number it made a line without a house number complete
    to the rules and disclosed the person at house 7 of OAKS DR for it (a review of
    session 12). The word stays in the street's name, as a master row writes it.

    `queens`: the address is in Queens (`in_queens`), where a house number is the cross
    street's number and the house's joined by a hyphen, the house's in two digits (45-10
    BELL BLVD, 112-01 QUEENS BLVD; USPS Pub 28 keeps it), and requesters and master files
    drop the hyphen as often as not (4510 BELL BLVD) or write a space for it (45 10 BELL
    BLVD: `_hyphen_halves`). There all three are stored as "4510", one house (audit 11,
    R3a/b). "4510" is no closer to house 45 than any other number (`_house_level`: the
    leading digits differ), where "45-10" was one slip from it. Anywhere else the hyphen
    stays and a space is a space: 10-12 W ROOSEVELT ST in Phoenix is a range of houses and
    123-45 may be house 123, unit 45; read as 1012 and 12345 they disclosed the residents of
    those houses (the same review). Other hyphens stay in Queens too (123-4, 94-1234)."""
    first = tokens[0]
    if len(tokens) > 2 and _grid_halves(first, tokens[1]):
        return first + tokens[1], 2
    if len(tokens) > 1 and _AXIS_HOUSE.fullmatch(first):
        return first, 1
    if not _HOUSE.fullmatch(first) or _NUMERIC_ORDINAL.fullmatch(first):
        return "", 0
    house = _HYPHEN_IN_ID.sub("", first)
    if queens and _QUEENS_HOUSE.fullmatch(house):
        house = house.replace("-", "")
    if len(tokens) > 1 and _FRACTION.fullmatch(tokens[1]):
        return f"{house} {tokens[1]}", 2
    if queens and _hyphen_halves(tokens):
        return first + tokens[1], 2
    return house, 1


_QUEENS_HOUSE = re.compile(r"[0-9]{1,3}-[0-9]{2}[A-Z]?")
# A grid house number on one axis: rural Wisconsin's "N1234 COUNTY RD K", "W5678 STATE
# ROAD 60", and the DuPage and Kane County (Illinois) numbers "27W100 ROOSEVELT RD",
# "0N123 PINE ST" (the distance on one axis from the county's base lines, in miles and
# thousandths; USPS keeps them whole, as N56W14444). Read as no house number they made
# the address the master holds R_ADDRESS_INCOMPLETE (red team r17). Three digits or more
# after the axis: Puerto Rico's block-and-lot numbers (E5, B12) are not read so.
_AXIS_HOUSE = re.compile(r"(?:[0-9]{1,2})?[NSEW][0-9]{3,6}")
# Words after "n m" that make m a word of the street's name, not the second half of a
# Queens number: Michigan's mile roads ("100 10 MILE RD" is house 100 on 10 MILE RD)
_NUMBER_NAMED = frozenset({"MILE"})
_ORDINAL_ENDS = frozenset({"ST", "ND", "RD", "TH"})


def _hyphen_halves(tokens: list[str]) -> bool:
    """"45 10 BELL BLVD": a Queens house number written with a space for its hyphen (asked
    only of a Queens address). Only digits of one to three and then exactly two (the house
    half is written 01 to 99), then a word of a street's name that is a word (BELL) or an
    ordinal (21ST), not a street type, directional, unit designator or a number's ending
    ("12 34 ST", "12 34 N", "12 34 TH ST" read as before: house 12 on 34 ST, 34 N, 34TH
    ST)."""
    if len(tokens) < 3:
        return False
    a, b, word = tokens[0], tokens[1], tokens[2]
    if not (a.isdigit() and len(a) <= 3 and b.isdigit() and len(b) == 2):
        return False
    if _NUMERIC_ORDINAL.fullmatch(word):
        return True
    return (word.isalpha() and len(word) >= 2 and word not in STREET_SUFFIXES
            and word not in DIRECTIONALS and word not in UNIT_DESIGNATORS
            and word not in HIGHWAY_WORDS and word not in _ORDINAL_ENDS
            and word not in _NUMBER_NAMED)


def queens_places(*, cities: bool = True) -> tuple[frozenset[str], frozenset[str]]:
    """(the ZIPs of Queens, the cities of New York whose every ZIP is one of them): the
    `zipcodes` data's Queens County (11004, 11005, 11101-11120, 11351-11436, 11690-11697
    and the post office box and unique ZIPs among them). A city's ZIPs are those that
    deliver to streets (the data's STANDARD ZIPs: JAMAICA's unique ZIPs 11425 and 11437 are
    listed in Kings County and in none); FLUSHING, JAMAICA and BAYSIDE are such cities,
    FLORAL PARK is not (11001 is Nassau's). store.master reads the same sets in SQL.
    `cities=False`: no cities (no address without a ZIP in New York asks for them)."""
    return _queens_zips(), _queens_cities() if cities else frozenset()


@lru_cache(maxsize=1)
def _queens_zips() -> frozenset[str]:
    rows = zipcodes.filter_by(state="NY")  # type: ignore[no-untyped-call]
    return frozenset(row["zip_code"] for row in rows if row.get("county") == "Queens County")


@lru_cache(maxsize=1)
def _queens_cities() -> frozenset[str]:
    # read only for an address without a ZIP: the city index takes half a second to build
    zips = _queens_zips()
    rows = zipcodes.filter_by(state="NY")  # type: ignore[no-untyped-call]
    streets = frozenset(row["zip_code"] for row in rows if row["zip_code_type"] == "STANDARD")
    return frozenset(city for (state, city), places in _city_zip_index().items()
                     if state == "NY" and places & streets and places & streets <= zips)


def in_queens(zip5: str, city: str, state: str) -> bool:
    """An address in Queens, where a hyphenated house number is one number (45-10 =
    4510, `_house_number`): by its ZIP, or without one by a city all of whose ZIPs are
    Queens's (`queens_places`). Normalized parts (zip5, normalize_city, normalize_state)."""
    if zip5:
        return zip5 in _queens_zips()
    return state == "NY" and city in _queens_cities()


def _grid_halves(first: str, second: str) -> bool:
    """"N56" and "W14444": the two halves of a grid house number, one on each axis."""
    a, b = _GRID_HALF.fullmatch(first), _GRID_HALF.fullmatch(second)
    return bool(a and b and (a.group(1) in "NS") != (b.group(1) in "NS"))


def _unit_start(rest: list[str]) -> int:
    """Index in `rest` (the line after the house number) where the unit begins, or len.

    Strong designators (APT, STE, UNIT, #, BLDG …) start a unit anywhere. Designators that
    are also street words (FRONT, LOT, LOWER, ROOM …) start one only after a suffix or
    directional, or when followed by an identifier. A bare identifier right after a suffix
    ("MAIN ST 4B", "MAIN ST NW 4B") is a unit too, unless the suffix is a road type that
    takes a number ("COUNTY ROAD 45", "HWY 9")."""
    cut = _designator_start(rest)
    if cut < 3:
        return cut
    word = rest[cut - 1]
    suffix_at = cut - 3 if rest[cut - 2] in DIRECTIONALS else cut - 2
    prev = rest[suffix_at]
    if (suffix_at >= 1 and prev in STREET_SUFFIXES and _plain_id(word)
            and word not in UNIT_DESIGNATORS and not _numbered_road(rest, suffix_at, word)
            and not _directional_avenue(rest, suffix_at, word)):
        return cut - 1
    return cut


_FLOOR_WORDS = frozenset({"FL", "FLR", "FLOOR"})


def _ordinal_floor(rest: list[str], cut: int) -> tuple[int, list[str]] | None:
    """(where the street's name ends, the unit's words) of a floor written as an ordinal
    before its designator at the end of the line, after a street type or directional ("100
    MAIN ST 2ND FL", "100 MAIN ST NW 3RD FLOOR"): the floor FL 2, as "100 MAIN ST FL 2"
    reads; a name must stand before the type ("100 W 2ND FL" reads as before). Read as
    before, 2ND joined the street's name (MAIN ST 2ND) and the floor was lost (red team
    r39: M_NAME_ONLY); else None."""
    k = cut if cut < len(rest) and rest[cut] in _FLOOR_WORDS else len(rest) - 1
    if not (3 <= k < len(rest) and rest[k] in _FLOOR_WORDS and k >= cut - 1
            and _NUMERIC_ORDINAL.fullmatch(rest[k - 1])
            and (rest[k - 2] in STREET_SUFFIXES or rest[k - 2] in DIRECTIONALS)):
        return None
    if rest[k + 1:] and rest[k + 1] not in UNIT_DESIGNATORS:
        return None
    return k - 1, ["FL", rest[k - 1][:-2], *rest[k + 1:]]


def _directional_avenue(rest: list[str], suffix_at: int, word: str) -> bool:
    """"E AVENUE K" (Lancaster and Palmdale CA: East Avenue K): a lettered avenue with its
    predirectional, the letter the avenue's name, not a unit of a street named E. Only a
    directional alone before AVENUE and a letter that is no directional after it ("W AVENUE
    S" reads as before: session 10)."""
    return (suffix_at == 1 and rest[0] in DIRECTIONALS and STREET_SUFFIXES[rest[1]] == "AVE"
            and len(word) == 1 and word.isalpha())


_ROAD_WORDS = frozenset({"RD", "ROAD"})
_LOOP_WORDS = frozenset({"LOOP", "SPUR"})
# COUNTY as written before ROAD (CO RD 12, CNTY RD 12, CTY RD 12: `_DESIGNATIONS`)
_COUNTY_FORMS = frozenset({"CO", "CNTY", "CTY"})


def _numbered_road(rest: list[str], suffix_at: int, word: str) -> bool:
    """True if `word` numbers a road rather than a unit: "COUNTY ROAD 45", "HWY 9", "FM
    1960". ROAD/RD alone is an ordinary suffix ("CENTRAL ROAD 7F" is unit 7F) unless a
    highway word stands before it and the number is digits only."""
    prev = rest[suffix_at]
    if prev in _LOOP_WORDS:  # "NW LOOP 410", "N SPUR 5": a loop's number after a directional
        return suffix_at == 1 and rest[0] in DIRECTIONALS and word.isdigit()
    if prev not in HIGHWAY_WORDS:
        return False
    if prev in _ROAD_WORDS:
        before = rest[suffix_at - 1] if suffix_at >= 1 else ""
        return word.isdigit() and (
            before in HIGHWAY_WORDS and before not in _ROAD_WORDS
            or (before in _COUNTY_FORMS or before == "ST")  # CO RD 12, CNTY RD 12, ST RD 84
            and (suffix_at == 1 or suffix_at == 2 and rest[0] in DIRECTIONALS)
            or before in ("FARM", "RANCH")  # Texas: FARM ROAD 12, RANCH ROAD 12
            or before == "MARKET" and rest[max(suffix_at - 2, 0)] == "TO")  # FARM TO MARKET
    return True


def _plain_id(word: str) -> bool:
    """An identifier that cannot also be read as a directional ("LOT N" stays a name)."""
    return _is_id(word) and word not in DIRECTIONALS


def _designator_start(rest: list[str]) -> int:
    """Where the first unit designator in an unambiguous position is, or len(rest)."""
    size = len(rest)
    for j, word in enumerate(rest):
        std = UNIT_DESIGNATORS.get(word)
        if std is None:
            continue
        nxt = rest[j + 1] if j + 1 < size else ""
        if word not in WEAK_UNIT_DESIGNATORS:
            if j == 0 and word == "RM" and nxt.isdigit() and (
                    size == 2 or rest[2] in UNIT_DESIGNATORS or rest[2] in DIRECTIONALS):
                continue  # "100 RM 1431": Ranch to Market Road 1431, no room without a street
            if j > 0 or word == "#" or _plain_id(nxt):
                return j
            continue
        if j == 0:
            continue
        if std in UNIT_WORDS_WITHOUT_ID:
            prev = rest[j - 1]
            at_end = j == size - 1 or nxt in UNIT_DESIGNATORS
            if at_end and (prev in STREET_SUFFIXES or prev in DIRECTIONALS):
                return j
        elif _plain_id(nxt) and (j + 2 >= size or rest[j + 2] not in STREET_SUFFIXES):
            return j
    return size


# Designators of a part of a building that holds several dwellings (Pub 28 C2): a building,
# a floor. Named alone they are not an apartment: see `_container_unit`.
CONTAINER_DESIGNATORS = frozenset({"BLDG", "FL"})


def _container_unit(tokens: list[str] | tuple[str, ...]) -> str | None:
    """A unit that names only buildings or floors, each with one identifier ("BLDG 2",
    "FLOOR 3", "BLDG A FL 2", "BLDG #2"), keeps its designators glued to the identifiers:
    "BLDG2", "FL3", "BLDGA FL2". Dropped, as every other designator is, building 2 and
    floor 2 read as apartment 2, and a namesake in APT 2 was disclosed for a request naming
    building 2 or the second floor (red team r3 F1, open since session 27): a building or a
    floor holds several households, the apartment of that number is one of them. None for
    any other unit (an apartment named beside the building, "BLDG 5 APT 3", is the dwelling
    and reads "5 3" as before)."""
    groups: list[list[str]] = []
    for word in tokens:
        std = UNIT_DESIGNATORS.get(word)
        if std == "#" and (not groups or not groups[-1][1:]):
            continue  # "BLDG #2", "FL NO 3", "# BLDG2": a number sign beside the designator
        if std is not None:
            if std not in CONTAINER_DESIGNATORS:
                return None
            groups.append([std])
        elif not groups:
            return None
        else:
            groups[-1].append(_HYPHEN_IN_ID.sub("", word))
    if not groups or any(len(g) != 2 for g in groups):
        return None
    return " ".join(g[0] + g[1] for g in groups)


def _unit_from_tokens(tokens: list[str] | tuple[str, ...]) -> str:
    """Unit identifiers without designators: ["APT", "#", "4-B"] -> "4B". A designator that
    takes no identifier is itself the unit: ["REAR"] -> "REAR". Several designators keep
    each identifier: "BLDG 5 APT 3" -> "5 3". Buildings and floors named alone keep their
    designators: "BLDG 2" -> "BLDG2" (`_container_unit`)."""
    container = _container_unit(tokens)
    if container is not None:
        return container
    ids: list[str] = []
    for word in tokens:
        std = UNIT_DESIGNATORS.get(word)
        if std is None:
            ids.append(_HYPHEN_IN_ID.sub("", word))
        elif std in UNIT_WORDS_WITHOUT_ID:
            ids.append(std)
    return " ".join(ids)


@lru_cache(maxsize=1 << 14)
def parse_unit(text: str) -> str:
    """A unit field ("APT 4B", "#4B", "Apt. #4-B", "4B") -> its identifier ("4B")."""
    words: list[str] = []
    for t in fold(text).split():
        if t not in ("-", "/"):
            words.extend(_glued_unit(t) or (t,))
    if len(words) >= 2 and _NUMERIC_ORDINAL.fullmatch(words[0]) and words[1] in _FLOOR_WORDS:
        words = ["FL", words[0][:-2], *words[2:]]  # "2ND FLOOR" = "FL 2" (_ordinal_floor)
    return _unit_from_tokens(words)


def _split_name_words(words: list[str]) -> list[str]:
    """Hyphens and slashes inside street-name words separate words ("TWENTY-FIRST", "I-35");
    a fraction ("1/2") stays one word."""
    if not any("-" in w or "/" in w for w in words):
        return words
    return [p for w in words
            for p in ([w] if _FRACTION.fullmatch(w) else w.replace("/", "-").split("-")) if p]


def _street_words(words: list[str]) -> tuple[str, list[str], str, str]:
    """Split name words into (predir, name words, suffix, postdir). The suffix is only ever
    the last word, and a directional or suffix word that is the whole name stays the name
    ("123 NORTH ST", "123 N ST", "123 PARK"). A name of a number or an avenue and one
    directional letter ("W 500 S", "AVENUE N") is read whole: see `_lettered_name`."""
    lettered = _lettered_name(words)
    if lettered is not None:
        return lettered
    predir = suffix = postdir = ""
    if len(words) >= 3 and _compound_dir(words[-2], words[-1]):
        postdir, words = _compound_dir(words[-2], words[-1]), words[:-2]
    elif len(words) >= 2 and words[-1] in DIRECTIONALS:
        postdir, words = DIRECTIONALS[words[-1]], words[:-1]
    if len(words) >= 2 and words[-1] not in SPANISH_STREET_TYPES:
        last = words[-1] if words[-1] in STREET_SUFFIXES else _slipped(words[-1], "suffix")
        if last and len(words) == 2 and words[0] in DIRECTIONALS and (
                words[-1] == last and STREET_SUFFIXES[last] not in THOROUGHFARES):
            # "11599 E LAKE", "9627 N PINE": the street LAKE, its type left out after a
            # directional, not a street named E of type LAKE. Audit 19: against the
            # master's 11599 E LAKE DR it was M_NAME_ONLY. Not "100 E ST" or "100 NORTH
            # AVE" (a street named E, or NORTH), whose type is a thoroughfare's.
            return DIRECTIONALS[words[0]], [words[1]], "", postdir
        if last:
            suffix, words = STREET_SUFFIXES[last], words[:-1]
    if len(words) >= 3 and _compound_dir(words[0], words[1]):
        predir, words = _compound_dir(words[0], words[1]), words[2:]
    elif len(words) >= 2:
        first = words[0] if words[0] in DIRECTIONALS else _slipped(words[0], "directional")
        if first:
            predir, words = DIRECTIONALS[first], words[1:]
    return predir, words, suffix, postdir


# Street types that name a way and nothing else (USPS standard forms): "100 E ST", "100
# NORTH AVE" are streets named E and NORTH. The other types are words of places too (LAKE,
# PARK, PINE, MEADOW, RIDGE ...), which after a lone directional are the street's name
# (`_street_words`).
THOROUGHFARES = frozenset({
    "ALY", "AVE", "BLVD", "BYP", "CIR", "CSWY", "CT", "DR", "EXPY", "FWY", "HWY", "LN", "LOOP",
    "PATH", "PIKE", "PKWY", "PL", "PLZ", "RD", "ROW", "RTE", "RUN", "SKWY", "SQ", "ST", "TER",
    "TPKE", "TRL", "WALK", "WAY", "XING",
})

# Street types a read type must not be to join the name before it (`type_left_out`): the
# thoroughfares', and those a plural is read as too (PARKS -> PARK, TRAILS -> TRL), where
# the stored type no longer says which word was written (STREET_NAME_WORDS keys them apart)
NOT_NAME_TYPES = THOROUGHFARES | frozenset(
    STREET_SUFFIXES[w] for w, key in STREET_NAME_WORDS.items() if key != STREET_SUFFIXES[w])

_AXES = frozenset({"N", "S", "E", "W"})


def _lettered_name(words: list[str]) -> tuple[str, list[str], str, str] | None:
    """(predir, name words, "", "") of a street named by a number or an avenue and one
    directional, with no street type after it; else None.

    - Utah's grid: "W 500 S", "E 400 N", "4500 S 2700 W". USPS Pub 28 reads "500 S" as the
      street's name and W as its predirectional; taking S for a postdirectional left the
      name a bare number, which the rules reject as no street (an audit: R_ADDRESS_INCOMPLETE
      for addresses the master holds exactly). The name's directional is kept abbreviated
      (500 SOUTH = 500 S), so 500 S and 500 N, W 500 S and E 500 S stay two streets.
      Utah also writes SOUTH there as SO ("687 W 300 SO", `_GRID_AXIS_WORDS`): after a
      number that is the whole name, and only there, it is S (a street named SO, "100 W
      SO", "123 SO", reads as before).
    - Lettered avenues: "AVENUE N" (Brooklyn), "AVE S": the letter after AVENUE is the
      name, as in AVENUE A; AVENUE N and AVENUE S are two streets as AVENUE A and AVENUE B
      are. Only a one-letter N, S, E or W: "AVENUE SOUTH" keeps its postdirectional. With a
      word before it ("W AVENUE S": Palmdale's lettered avenue, or La Crosse's WEST AVE S)
      the line reads as before (name W, type AVE, postdirectional S): it named a street
      already, and WEST AVE SOUTH must stay that street.
    A predirectional may stand before a grid name; anything else (a street type, more
    words, "HWY 9 N") is left to the general reading."""
    if len(words) not in (2, 3) or (len(words) == 3 and words[0] not in DIRECTIONALS):
        return None
    head, last = words[-2], words[-1]
    if last in _GRID_AXIS_WORDS and head.isdigit():
        last = _GRID_AXIS_WORDS[last]  # 300 SO = 300 S, after a number only
    axis = DIRECTIONALS.get(last, "")
    if axis not in _AXES:
        return None
    if not (head.isdigit() or len(words) == 2 and len(last) == 1
            and STREET_SUFFIXES.get(head) == "AVE"):
        return None
    return (DIRECTIONALS[words[0]] if len(words) == 3 else ""), [head, last], "", ""


# Utah's informal abbreviation of SOUTH after a grid number ("687 W 300 SO", Salt Lake City
# and Provo; session 26, audit 22): read as S only there (`_lettered_name`). NO (north) is
# left out: it is as often "number" (NO 5); EA and WE are not written for EAST and WEST.
_GRID_AXIS_WORDS = {"SO": "S"}


_SLIP_MIN = 5  # letters; shorter words are too close to other words for a slip to be safe


def _forms_by_initial(table: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for form in table:
        if len(form) >= _SLIP_MIN and form.isalpha():
            out.setdefault(form[0], []).append(form)
    return {k: tuple(v) for k, v in out.items()}


_SLIP_FORMS = {"suffix": _forms_by_initial(STREET_SUFFIXES),
               "directional": _forms_by_initial(DIRECTIONALS)}
_SLIP_TABLES = {"suffix": STREET_SUFFIXES, "directional": DIRECTIONALS}


@lru_cache(maxsize=1 << 12)
def _slipped(word: str, kind: str) -> str:
    """The written suffix (or directional) form `word` is one typing slip away from —
    AVENUL, BOULENARD, STREEH, NORTO — when every such form means the same standard
    abbreviation and the first letter is kept; else "". Only long forms (5+ letters) are
    tried. Without this a slip in "STREET" made the street name "CEDAR STRYET", which no
    comparison relates to CEDAR ST (benchmarks/noise.py: 290 of 2,087 street slips)."""
    if len(word) < _SLIP_MIN or not word.isalpha():
        return ""
    table = _SLIP_TABLES[kind]
    hits = {form for form in _SLIP_FORMS[kind].get(word[0], ())
            if OSA.distance(word, form, score_cutoff=1) <= 1}
    standards = {table[form] for form in hits}
    return min(hits) if len(standards) == 1 else ""


def _compound_dir(first: str, second: str) -> str:
    """"NORTH" + "EAST" (or "N" + "E") -> "NE"; anything else -> ""."""
    a, b = DIRECTIONALS.get(first, ""), DIRECTIONALS.get(second, "")
    return a + b if a in ("N", "S") and b in ("E", "W") else ""


def _canonical_name(words: list[str]) -> list[str]:
    """Spelled ordinals to numbers (TWENTY FIRST -> 21ST), SAINT/MOUNT/FORT spelled out as the
    first word, road-type words before a number standardized (US HIGHWAY 1 -> US HWY 1)."""
    out: list[str] = []
    for word in words:
        ordinal = ORDINAL_WORDS.get(word)
        if ordinal is None:
            out.append(word)
        elif out and out[-1] in ORDINAL_TENS and int(ordinal[:-2]) < 10:
            out[-1] = _numeric_ordinal(ORDINAL_TENS[out[-1]] + int(ordinal[:-2]))
        else:
            out.append(ordinal)
    if len(out) >= 2 and out[0] in NAME_PREFIX_WORDS and not _state_road(out):
        out[0] = NAME_PREFIX_WORDS[out[0]]
    if out[:1] == ["MLK"]:
        # MLK is how MARTIN LUTHER KING JR is written as often as in full (audit 19: 8050
        # MLK CT against the master's 8050 MARTIN LUTHER KING JR CT was M_NAME_ONLY); the
        # JR is left out of the street's key either way (_name_key)
        out[:1] = ["MARTIN", "LUTHER", "KING"]
    if len(out) == 2 and out[0].isdigit() and DIRECTIONALS.get(out[1], "") in _AXES:
        out[1] = DIRECTIONALS[out[1]]  # a grid street: 500 SOUTH = 500 S (_lettered_name)
    if len(out) == 2 and _avenue_word(out[0]) and (
            len(out[1]) == 1 and out[1].isalpha() or out[1].isdigit()):
        # a lettered or numbered avenue (AVENUE N, AVENUE A, AVENUE 50): one road, one
        # stored name, AVE N however AVENUE is written. The SQL engines join on the stored
        # name (engine.PAIRS_SQL: state + house + street, the residents of the address, the
        # streets of a ZIP), so AVENUE N and AVE N were two streets there though
        # compare_addresses reads them as one. The letter stays: AVENUE A is not AVENUE B.
        out[0] = "AVE"
    for i in range(len(out) - 1):
        if out[i] in HIGHWAY_WORDS and out[i + 1][:1].isdigit():
            out[i] = HIGHWAY_WORDS[out[i]]
    return _road_designations(out)


# Pub 28's highway designations written several ways, each to one form when a number follows
# (after HIGHWAY_WORDS: HIGHWAY -> HWY, ROUTE/RT -> RTE, ROAD -> RD): US 9 = US HWY 9 = US
# ROUTE 9 = U S HWY 9; FARM TO MARKET ROAD 1960 = FARM ROAD 1960 = FM 1960; RANCH ROAD 12 =
# RANCH TO MARKET ROAD 12 = RM 12; STATE HWY / STATE ROUTE / STATE ROAD / SH / SR 9 = STATE
# HWY 9 (a state numbers its roads in one system, whatever it calls them). Not ROUTE 9 or
# HWY 9 alone. ROUTE 9 may be the US or the state road of that number: a slip of either
# (street_slip_keys); HWY 9 stays a street of its own, as before. COUNTY ROAD and
# INTERSTATE are other roads, and so is another number.
_DESIGNATIONS: dict[tuple[str, ...], tuple[str, ...]] = {
    phrase: standard
    for standard, phrases in {
        ("US", "HWY"): ("U S HWY", "U S RTE", "U S", "US HWY", "US RTE", "US"),
        ("FM",): ("FARM TO MARKET RD", "FARM TO MARKET", "FARM RD", "FM RD", "FM"),
        ("RM",): ("RANCH TO MARKET RD", "RANCH TO MARKET", "RANCH RD", "RM RD", "RM"),
        ("STATE", "HWY"): ("STATE HWY", "STATE RTE", "STATE RD", "SH", "SR", "ST HWY",
                           "ST RTE", "ST RD"),
        # Texas writes the interstate IH (IH 35), and INTERSTATE HIGHWAY is I as well
        ("I",): ("INTERSTATE HWY", "I HWY", "IH"),
        # COUNTY ROAD written short (CO RD 12): COUNTY RD, as _name_key keys it (CR)
        ("COUNTY", "RD"): ("CO RD", "CNTY RD", "CTY RD"),
    }.items()
    for phrase in (tuple(p.split()) for p in phrases)
}
# A state highway written with the state's code (TX 6, NM 14, AZ 87, CA 1; NM STATE ROAD 14,
# NM HWY 14): STATE HWY n, as SH 6 and STATE ROAD 14 read (red team r39: M_NAME_ONLY for the
# address the master holds). Not the codes that are other words of a street line: NE (a
# directional), MT (MOUNT), CO (COUNTY: CO RD), FM (FARM TO MARKET), PR (Texas's Park Road;
# Puerto Rico's roads are CARR), DC, and the territories' and military codes.
_STATE_ROAD_CODES = frozenset(STATE_CODES) - {
    "NE", "MT", "CO", "FM", "PR", "DC", "AS", "GU", "MP", "VI", "MH", "PW", "AA", "AE", "AP"}
_DESIGNATIONS.update({
    (code, *words): ("STATE", "HWY")
    for code in _STATE_ROAD_CODES
    for words in ((), ("HWY",), ("RTE",), ("STATE", "HWY"), ("STATE", "RD"), ("STATE", "RTE"))})
_DESIGNATION_FIRST = frozenset(phrase[0] for phrase in _DESIGNATIONS)


_STATE_ROAD_WORDS = frozenset({"HWY", "HIGHWAY", "RD", "ROAD", "RTE", "ROUTE", "RT"})


def _state_road(words: list[str]) -> bool:
    """"ST HWY 6", "ST RD 84", "ST RTE 9": ST is STATE before a road word and its number
    (Florida's state roads are written ST RD as often as SR), not SAINT."""
    return (len(words) >= 3 and words[0] == "ST" and words[1] in _STATE_ROAD_WORDS
            and words[2][:1].isdigit())


_RANCH_ROAD_MIN = 100  # "n RR m" is a ranch road from this m (rural routes are numbered lower)


def _road_designations(words: list[str]) -> list[str]:
    """`words` with each highway designation followed by a number in its one form (above).

    A street name that is RR and a number of three digits or more alone ("100 RR 620",
    "100 N RR 620 APT 4") is Texas's Ranch Road: a house number stands before it, so it is
    a road, and RANCH ROAD is RM (above). A rural route (Pub 28 section 24: "RR 2 BOX 15",
    or "RR 2" alone) has no house number before RR, and _special_delivery reads it before
    this is reached; read as the name "RR 620" the road was taken for rural route 620 (post
    office bound: another ZIP of the city was another place) and had the key of its box
    100. A number under 100 stays RR n as before ("15 RR 2"): rural routes are numbered so,
    and such a box written house first would otherwise be a road placed by its city, where
    a namesake's box 15 of route 2 in another ZIP of that city would be the same address
    (the audit case RR 2 BOX 15, AMES IA 50014 / 50010). Ranch roads under 100 (RR 12) are
    left to that reading."""
    if (len(words) == 2 and words[0] == "RR" and words[1].isdigit()
            and int(words[1]) >= _RANCH_ROAD_MIN):
        return ["RM", words[1]]
    if _DESIGNATION_FIRST.isdisjoint(words):
        return words
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in (4, 3, 2, 1):
            phrase = tuple(words[i:i + size])
            if (len(phrase) == size and phrase in _DESIGNATIONS and i + size < len(words)
                    and words[i + size][:1].isdigit()):
                out.extend(_DESIGNATIONS[phrase])
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


_ORDINAL_ENDINGS = {1: "ST", 2: "ND", 3: "RD"}


def _numeric_ordinal(number: int) -> str:
    """21 -> "21ST", 22 -> "22ND", 13 -> "13TH"."""
    if number % 100 in (11, 12, 13):
        return f"{number}TH"
    return f"{number}{_ORDINAL_ENDINGS.get(number % 10, 'TH')}"


# --- city, state, ZIP --------------------------------------------------------------------

_ZIP = re.compile(r"(\d{5})(?:[- ]?(\d{4}))?")


@lru_cache(maxsize=1 << 14)
def normalize_city(text: str) -> str:
    """Folded city name; ST/MT/FT as the first of several words spelled out (SAINT LOUIS)."""
    words = fold(text).replace("-", " ").replace("/", " ").replace("#", " ").split()
    if len(words) >= 2 and words[0] in NAME_PREFIX_WORDS:
        words[0] = NAME_PREFIX_WORDS[words[0]]
    return " ".join(words)


@lru_cache(maxsize=1)
def _city_zip_index() -> Mapping[tuple[str, str], frozenset[str]]:
    """(state, normalized city) -> the ZIPs USPS delivers under that city name, from the
    `zipcodes` data set: every ZIP whose city it is, and every ZIP listing it among its
    acceptable cities when it is an alias of one city alone (HOLLYWOOD CA: acceptable for
    90028, 90068 and 90078, each of them LOS ANGELES's). An acceptable name that is a city
    of its own in the state (HARTFORD is acceptable for suburbs with their own streets:
    WEST HARTFORD's 100 MAIN ST is not Hartford's), or an alias of several cities, names
    no one place and adds nothing. Read ten leading digits at a time, as
    rules.address._zip_states does."""
    own: dict[tuple[str, str], set[str]] = {}
    alias: dict[tuple[str, str], set[str]] = {}
    city_of: dict[str, str] = {}
    for digit in "0123456789":
        for row in zipcodes.similar_to(digit):  # type: ignore[no-untyped-call]
            state, zip5 = row["state"], row["zip_code"]
            city_of[zip5] = normalize_city(row["city"])
            own.setdefault((state, city_of[zip5]), set()).add(zip5)
            for other in row.get("acceptable_cities") or ():
                alias.setdefault((state, normalize_city(other)), set()).add(zip5)
    index = {key: frozenset(zips) for key, zips in own.items()}
    for key, zips in alias.items():
        if key not in own and len({city_of[z] for z in zips}) == 1:
            index[key] = frozenset(zips)
    return index


def request_city_zips(address: NormAddress) -> frozenset[str]:
    """The ZIPs a request without a ZIP names by its city and state (`_city_zip_index`):
    an address row in one of them is in the requested place whatever city the row writes
    (HOLLYWOOD requested, LOS ANGELES 90028 held, or the reverse). Empty when the request
    gives a ZIP (the ZIP places it) or lacks the city or the state. BROOKLYN and NEW YORK
    stay two places: the data lists neither for the other's ZIPs, and 150 BROADWAY is an
    address in both (an audit)."""
    if address.zip5 or not address.city or not address.state:
        return frozenset()
    return _city_zip_index().get((address.state, address.city), frozenset())


@lru_cache(maxsize=1024)
def normalize_state(text: str) -> str:
    """USPS code for a state written as a code ("tx", "T.X.") or a name ("Texas"), else ""."""
    folded = fold(text)
    compact = folded.replace(" ", "")
    if len(compact) == 2 and compact in STATE_CODES:
        return compact
    return STATE_NAMES.get(folded, "")


def parse_zip(text: str) -> tuple[str, str]:
    """("12345", "6789") from "12345-6789", "123456789" or "12345 6789"; ("", "") when the
    text is not a well-formed ZIP or ZIP+4."""
    match = _ZIP.fullmatch(text.strip())
    if match is None:
        return "", ""
    return match.group(1), match.group(2) or ""


# --- one-line addresses ------------------------------------------------------------------

_STREET_LABELS = frozenset({
    "AddressNumberPrefix", "AddressNumber", "AddressNumberSuffix", "StreetNamePreModifier",
    "StreetNamePreDirectional", "StreetNamePreType", "StreetName", "StreetNamePostType",
    "StreetNamePostDirectional", "StreetNamePostModifier", "OccupancyType",
    "OccupancyIdentifier", "SubaddressType", "SubaddressIdentifier", "USPSBoxType",
    "USPSBoxID", "USPSBoxGroupType", "USPSBoxGroupID",
})
_CORE_STREET_LABELS = frozenset({
    "AddressNumber", "StreetName", "USPSBoxType", "USPSBoxID", "USPSBoxGroupType",
})


@dataclass(frozen=True, slots=True)
class OneLine:
    """A one-line address split into the fields of a records file. `extra` holds what
    usaddress found besides a street, place, state and ZIP (a building, landmark or
    recipient name: "Travis County Jail"), which is not part of the address but is text the
    requester sent."""

    street: str
    city: str
    state: str
    zip: str
    extra: str


@lru_cache(maxsize=1 << 12)
def split_one_line(address: str) -> OneLine:
    """Split "123 Main St Apt 4, Austin, TX 78701" into street line, city, state and ZIP.

    `usaddress.parse` labels every word and never raises RepeatedLabelError (only `tag`
    does), so a line with repeated parts ("Apt 4, Apt 5") is still split: tokens are grouped
    by the kind of their label, in order."""
    commas = _split_on_commas(address)
    if commas is not None:
        return commas
    groups: dict[str, list[str]] = {"street": [], "city": [], "state": [], "zip": [], "extra": []}
    try:
        labelled = _directional_read_as_city(_unit_read_as_city(
            _zip_read_as_unit(usaddress.parse(_state_code_for_name(address)))))
    except Exception:  # a foreign parser must never stop a batch: keep the text whole
        labelled = [(address, "Recipient")]
    for word, label in labelled:
        groups[_label_group(label)].append(word)
    _state_read_as_city(groups)
    _zip_read_as_state(groups)
    has_street = any(label in _CORE_STREET_LABELS for _, label in labelled)
    by_zip = _city_of_zip(labelled, groups) if has_street else None
    if by_zip is not None:
        groups["street"], groups["city"], extra = by_zip
        groups["extra"] = [*groups["extra"], *extra]
    elif has_street and (longer := _longer_city_of_state(labelled, groups)) is not None:
        groups["street"], groups["city"], extra = longer
        groups["extra"] = [*groups["extra"], *extra]
    elif has_street and _suffix_read_as_city(labelled, groups):
        # "71-52 104TH ST, NY 11373": the street's type taken for the city
        groups["street"] = [w for w, label in labelled
                            if _label_group(label) in ("street", "city")]
        groups["city"] = []
    if not has_street:
        # No street found: the other words are the street line, so that "Unknown Address"
        # or "Travis County Jail" is judged as what the requester gave as the street.
        groups["street"] = [t for t, label in labelled if _label_group(label) in
                            ("street", "extra")]
        groups["extra"] = []
    elif groups["extra"] and _opens_urbanization(" ".join(groups["extra"])):
        # "URB LAS GLADIOLAS 150 CALLE A SAN JUAN PR": usaddress does not know the
        # urbanization; it precedes the street line, as parse_street reads it
        groups["street"] = [*groups["extra"], *groups["street"]]
        groups["extra"] = []
    elif groups["extra"] and groups["street"] and fold(groups["street"][-1]) in URB_DESIGNATORS:
        # "150 CALLE A URB LAS GLADIOLAS SAN JUAN PR": usaddress ends the street line with
        # URB and sets the urbanization's name aside; parse_street reads the line whole, as
        # it does in the street field (red team r21: the taxpayer there was M_NAME_ONLY)
        groups["street"] = [*groups["street"], *groups["extra"]]
        groups["extra"] = []
    return OneLine(*(" ".join(groups[k]).strip(" ,;") for k in
                     ("street", "city", "state", "zip", "extra")))


def named_street_line(street: str) -> str:
    """The street line of a `street` field where a building's, a facility's or a
    recipient's name comes before it, set off by a comma ("Eloy Detention Center, 1705 E
    Hanna Rd", "Building 5, 201 S 4th Ave", "C/O Maria Lopez, 12 Oak St"): the line the
    one-line parser splits off, else the text after the last comma, where that is a street
    line with a house number and a name and the field as a whole has no house number. Any
    other field comes back as it is ("201 S 4th Ave, Apt 4", "RR 2, Box 15").

    Read alike by the record rules (R_ADDRESS_INCOMPLETE: rules/address.py), the request's
    address (normalize_address) and the master's street lines (store/master.py), so that
    a rule never passes a line matching cannot read. Session 38: the consistency fuzzer
    found "Maricopa County 4th Avenue Jail, 201 S 4th Ave" R_ADDRESS_INCOMPLETE beside
    R_ADDRESS_FACILITY, and the same line with FOURTH not, as usaddress split the name
    at the ordinal; and "Sunset Apartments, 201 S 4th Ave" passed the rules while matching
    read its street as SUNSET APARTMENTS 201 S 4TH AVE, no house number."""
    if "," not in street:
        return street
    whole = parse_street(street)
    if whole.house and whole.name:
        return street
    one = split_one_line(street)
    if one.extra and not one.city and _numbered_line(one.street):
        return one.street
    tail = street.rsplit(",", 1)[1].strip()
    return tail if _numbered_line(tail) else street


def _numbered_line(line: str) -> bool:
    parts = parse_street(line)
    return parts.kind == "street" and bool(parts.house) and bool(parts.name)


_TRAILING_ZIP = re.compile(r"\s*(?:[0-9]{5}(?:-?[0-9]{4})?)?\s*$")
_STATE_NAME_WORDS = max(len(name.split()) for name in STATE_NAMES)


def _state_code_for_name(address: str) -> str:
    """The line with a state's full name ending it (before any ZIP) written as its USPS
    code, for usaddress, which reads "... SAN JUAN PUERTO RICO 00926" as the city SAN JUAN
    PUERTO in the state RICO and "... APARTMENT 4B AUSTIN TEXAS 78701" as the city
    APARTMENT in the state 4B AUSTIN TEXAS (red team r21: R_ADDRESS_INVALID for complete
    addresses, and the unit lost). The longest name wins (WEST VIRGINIA, not VIRGINIA);
    at least two words must stay before it."""
    tail = _TRAILING_ZIP.search(address)
    head = address[:tail.start()] if tail else address
    words = head.split()
    for k in range(min(_STATE_NAME_WORDS, len(words) - 2), 0, -1):
        name = " ".join(words[-k:])
        code = STATE_NAMES.get(fold(name))
        if code and len(fold(name).replace(" ", "")) > 2:
            return " ".join([*words[:-k], code]) + (address[tail.start():] if tail else "")
    return address


_ZIP_FORM = re.compile(r"[0-9]{5}(?:-[0-9]{4})?")
_UNIT_OR_PLACE = frozenset({"OccupancyIdentifier", "SubaddressIdentifier"})


def _zip_read_as_unit(labelled: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """usaddress's labels with a ZIP it took for a unit's identifier given back to the ZIP:
    "123 MAIN ST APT 4 78701" read as unit "4 78701" and no ZIP, R_ADDRESS_INCOMPLETE for
    a complete address, and "123 MAIN ST 78701 AUSTIN TX" as unit 78701 (red team r21).
    Only where the line has no ZIP, the word is a ZIP's form, no designator stands just
    before it (APT 12345 is a unit), and nothing but the city and state follows it."""
    if any(label in ("ZipCode", "ZipPlus4") for _, label in labelled):
        return labelled
    for i, (word, label) in enumerate(labelled):
        if (label in _UNIT_OR_PLACE and _ZIP_FORM.fullmatch(word.strip(" ,;")) and i > 0
                and labelled[i - 1][1] not in ("OccupancyType", "SubaddressType")
                and labelled[i - 1][0].strip(" ,;") != "#"
                and all(lab in ("PlaceName", "StateName") for _, lab in labelled[i + 1:])):
            return [*labelled[:i], (word, "ZipCode"), *labelled[i + 1:]]
    return labelled


def _unit_read_as_city(labelled: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """usaddress's labels with a unit's identifier written without a designator that it
    took for the city's first word given back to the street line: "123 MAIN ST B AUSTIN
    TX 78701" read as the city B AUSTIN, then AUSTIN (the ZIP's city) with B set aside as
    no part of the address, and the namesake in unit A of 123 MAIN ST disclosed for a
    request naming unit B (red team r21). So read where the word follows the street's
    words, is one letter (not a directional) or has a digit, and the city's words after it
    name a city of the line's state."""
    at = next((i for i, (_, label) in enumerate(labelled) if label == "PlaceName"), None)
    if at is None or at == 0 or _label_group(labelled[at - 1][1]) != "street":
        return labelled
    city = [w for w, label in labelled[at + 1:] if label == "PlaceName"]
    word = fold(labelled[at][0]).strip(" ,;.")
    if not city or not _plain_id(word) or labelled[at + 1][1] != "PlaceName":
        return labelled
    state = normalize_state(" ".join(w for w, label in labelled if label == "StateName"))
    if not state or (state, normalize_city(" ".join(city))) not in _city_zip_index():
        return labelled
    return [*labelled[:at], (labelled[at][0], "OccupancyIdentifier"), *labelled[at + 1:]]


_SPELLED_DIRECTIONS = {"N": "NORTH", "S": "SOUTH", "E": "EAST", "W": "WEST",
                       "NE": "NORTHEAST", "NW": "NORTHWEST", "SE": "SOUTHEAST",
                       "SW": "SOUTHWEST"}


def _directional_read_as_city(labelled: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """usaddress's labels with a street's postdirectional that it took for the city's first
    word given back to the street line: "100 FM 1960 RD W HOUSTON TX 77070" read as the
    city W HOUSTON, then HOUSTON (the ZIP's city) with W set aside as no part of the
    address, and the namesake at 100 FM 1960 RD E disclosed for a request naming the W road
    (red team r39; "100 N LOOP 1604 W SAN ANTONIO TX" alike). So read where the word is a
    directional right after the street's words (no postdirectional read already), the
    city's words after it name a city of the line's state (holding the ZIP, where one is
    given), and the directional and those words, abbreviated or spelled out, name no city
    that does (NORTH CHICAGO IL is a city: "100 OAK AVE NORTH CHICAGO IL" reads as before)."""
    at = next((i for i, (_, label) in enumerate(labelled) if label == "PlaceName"), None)
    if (at is None or at == 0 or _label_group(labelled[at - 1][1]) != "street"
            or any(label == "StreetNamePostDirectional" for _, label in labelled)):
        return labelled
    word = fold(labelled[at][0]).strip(" ,;.")
    city = [w for w, label in labelled[at + 1:] if label == "PlaceName"]
    if word not in DIRECTIONALS or not city or labelled[at + 1][1] != "PlaceName":
        return labelled
    state = normalize_state(" ".join(w for w, label in labelled if label == "StateName"))
    zip5 = parse_zip(" ".join(w for w, label in labelled if label == "ZipCode"))[0]
    index = _city_zip_index()
    rest = normalize_city(" ".join(city))
    zips = index.get((state, rest))
    if not state or zips is None or zip5 and zip5 not in zips:
        return labelled
    short = DIRECTIONALS[word]
    for whole in (f"{short} {rest}", f"{_SPELLED_DIRECTIONS[short]} {rest}"):
        other = index.get((state, normalize_city(whole)))
        if other is not None and (not zip5 or zip5 in other):
            return labelled  # a city of its own (NORTH CHICAGO) that may be meant
    return [*labelled[:at], (labelled[at][0], "StreetNamePostDirectional"), *labelled[at + 1:]]


@lru_cache(maxsize=1)
def _city_words_max() -> int:
    """The most words a city name of `_city_zip_index` has (5: SAINT MARY OF THE WOODS)."""
    return max((len(city.split()) for _, city in _city_zip_index()), default=0)


def _city_of_zip(labelled: list[tuple[str, str]], groups: dict[str, list[str]]
                 ) -> tuple[list[str], list[str], list[str]] | None:
    """(street words, city words, extra words) of a one-line address without commas whose
    city usaddress read is no city of its ZIP while its last words before the state name
    one (`_city_zip_index`), the longest such name; None otherwise (no ZIP, usaddress's city
    is one of the ZIP's, or no city of the ZIP ends the line). usaddress draws the city's
    border by word shapes and took a word of the city into the street or the unit ("239
    VERMONT WAY LA HABRA CA 90631" read as VERMONT WAY LA in HABRA; "... RD UNIT 33 OLD
    STATION CA 96071" as unit 33 OLD in STATION: audit 20): the ZIP says which city it
    delivers to. Of the words left before that city, those usaddress gave the street stay
    the street (with any it found after the state: "... LA HABRA CA 90631 APT 4"), the
    others are no part of the address (C/O JOHN SMITH); and the street must keep a name of
    more than a directional ("100 N PARK CITY UT": usaddress's reading stands)."""
    state = normalize_state(" ".join(groups["state"]))
    zip5 = parse_zip(" ".join(groups["zip"]))[0]
    index = _city_zip_index()
    if not state or not zip5 or zip5 in index.get(
            (state, normalize_city(" ".join(groups["city"]))), ()):
        return None
    before, after = _around_the_state(labelled)
    for k in range(min(_city_words_max(), len(before) - 2), 0, -1):  # a house and a word left
        city = normalize_city(" ".join(w.strip(" ,;.") for w, _, _ in before[-k:]))
        if zip5 not in index.get((state, city), ()):
            continue
        split = _city_split(before, k, after)
        return split if _keeps_a_name(split[0]) else None
    return None


def _street_and_extra(words: list[tuple[str, str, str]]) -> tuple[list[str], list[str]]:
    """(street words, extra words) of the words before the city the ZIP names: those
    usaddress gave the street, and the street type or directional it read as the first
    words of the city right after them ("156 E 12TH ST LA PUENTE CA 91744": 12TH ST in LA
    PUENTE, not 12TH in ST LA PUENTE; consistency fuzzer r40: the ST set aside was
    placeholder text, R_ADDRESS_PLACEHOLDER for the line the split fields disclosed); the
    other words are no part of the address (C/O JOHN SMITH)."""
    last = max((i for i, (_, group, _) in enumerate(words) if group == "street"), default=-1)
    end = last + 1
    while (last >= 0 and end < len(words) and words[end][1] == "city"
           and (fold(words[end][0]) in STREET_SUFFIXES or fold(words[end][0]) in DIRECTIONALS)):
        end += 1
    street = [w for i, (w, group, _) in enumerate(words) if group == "street" or last < i < end]
    extra = [w for i, (w, group, _) in enumerate(words)
             if group == "city" and not last < i < end]
    return street, extra


def _around_the_state(labelled: list[tuple[str, str]]
                      ) -> tuple[list[tuple[str, str, str]], list[str]]:
    """The street's and city's words before the state (word, group, label), and the
    street's words after it ("... LA HABRA CA 90631 APT 4")."""
    before: list[tuple[str, str, str]] = []
    after: list[str] = []
    passed = False
    for word, label in labelled:
        group = _label_group(label)
        passed = passed or group == "state"
        if passed and group == "street":
            after.append(word)
        elif not passed and group in ("street", "city"):
            before.append((word, group, label))
    return before, after


def _keeps_a_name(street: list[str]) -> bool:
    """The street's words name a street: more than one letter, more than a directional
    ("100 N PARK CITY UT": PARK CITY would leave the street N)."""
    name = parse_street(" ".join(street)).name
    return len(name) >= 2 and name not in DIRECTIONALS.values()


def _city_split(before: list[tuple[str, str, str]], k: int, after: list[str]
                ) -> tuple[list[str], list[str], list[str]]:
    """(street words, city words, extra words) with the last `k` words before the state
    the city (`_street_and_extra` the words before it; `after`, the street's words after
    the state, end the street)."""
    street, extra = _street_and_extra(before[:-k])
    return [*street, *after], [w for w, _, _ in before[-k:]], extra


def _state_read_as_city(groups: dict[str, list[str]]) -> None:
    """usaddress found no state and ended the city with a state's code ("500 N MAIN ST SALT
    LAKE CITY UT" read as the city SALT LAKE CITY UT, no state: R_ADDRESS_INCOMPLETE, a
    complete address refused as deficient): the last word is the state. In place."""
    city = groups["city"]
    if groups["state"] or len(city) < 2 or not normalize_state(city[-1].strip(" ,;.")):
        return
    groups["state"] = [city.pop()]


# A ZIP's shape written with letters ("ABCDE", "9O21O", "ABCDE-FGHI"): the malformed ZIP
# R_ADDRESS_INVALID names, not a word of the state
_ZIP_SHAPED = re.compile(r"[0-9A-Z]{5}(?:-[0-9A-Z]{4})?", re.IGNORECASE)


def _zip_read_as_state(groups: dict[str, list[str]]) -> None:
    """usaddress took a malformed ZIP after the state's code for a word of the state ("3574
    MILL ST, LOS ANGELES, CA ABCDE" read as the state CA ABCDE, no ZIP): the last word is
    the ZIP, as the `zip` field would hold it (session 38, the consistency fuzzer: the line
    was R_ADDRESS_INCOMPLETE and R_ADDRESS_INVALID, the same address in fields
    R_ADDRESS_INVALID alone). In place."""
    state = groups["state"]
    if (groups["zip"] or len(state) < 2 or not _ZIP_SHAPED.fullmatch(state[-1].strip(" ,;."))
            or not normalize_state(" ".join(state[:-1]))):
        return
    groups["zip"] = [state.pop()]


def _longer_city_of_state(labelled: list[tuple[str, str]], groups: dict[str, list[str]]
                          ) -> tuple[list[str], list[str], list[str]] | None:
    """(street words, city words, extra words) of a one-line address without commas and
    without a ZIP whose last words before the state name a city of the state longer than
    the one usaddress read, the street keeping a name: the longest such city. None
    otherwise. usaddress gives a city's leading NORTH, SOUTH or EAST to the street as its
    directional: "100 OAK AVE NORTH CHICAGO IL" read as 100 OAK AVE N in CHICAGO, and the
    namesake at 100 OAK AVE, CHICAGO was disclosed for a line that names NORTH CHICAGO, a
    city of its own (session 27, a red team; also SOUTH SAINT PAUL, EAST STROUDSBURG). With
    no ZIP to say which city it delivers to, the longer city is read: a requester who meant
    the directional and the shorter city loses the match (M_NAME_ONLY), where the other
    reading gave one city's taxpayer for another's address."""
    if groups["zip"]:
        return None  # the ZIP decides (_city_of_zip)
    state = normalize_state(" ".join(groups["state"]))
    if not state:
        return None
    index = _city_zip_index()
    before, _after = _around_the_state(labelled)
    read = len(groups["city"])
    shorter = index.get((state, normalize_city(" ".join(groups["city"]))))
    for k in range(min(_city_words_max(), len(before) - 2), read, -1):  # a house and a word
        words = before[-k:]
        if (sum(group == "city" for _, group, _ in words) != read
                or any(label.startswith("Occupancy") for _, _, label in words)):
            continue  # the city read must end the longer one, which takes no unit's word
        city = normalize_city(" ".join(w.strip(" ,;.") for w, _, _ in words))
        # ST, MT, FT inside the name as well (SOUTH ST PAUL: normalize_city spells out a
        # first word only), for this test alone
        inner = " ".join(NAME_PREFIX_WORDS.get(w, w) for w in city.split())
        longer = index.get((state, city)) or index.get((state, inner))
        if longer is None or longer == shorter:
            continue  # no city of the state, or another name of the same one
        split = _city_split(before, k, [])
        if _keeps_a_name(split[0]):
            return split
    return None


_STATE_ZIP = re.compile(r"^(?P<state>[A-Za-z][A-Za-z .]*?)\s*(?P<zip>\d{5}(?:-?\d{4})?)?$")


def _suffix_read_as_city(labelled: list[tuple[str, str]], groups: dict[str, list[str]]
                         ) -> bool:
    """usaddress took the street's type for the city: a line with a state and no city
    ("71-52 104TH ST, NY 11373", "12 W 4TH ST NY 10012") comes back as 104TH in the city of
    ST. So it reads where the street has no type and its city is one word, a street type
    (Pub 28), right after the street's words and just before the state, and that word is
    not a city of the state (of the ZIP, where one is given: BOULEVARD CA 91905 is a town).
    The line then reads as the same street, state and ZIP given in fields of their own
    (audit 22: R_ADDRESS_PLACEHOLDER, the city ST read as placeholder text)."""
    if len(groups["city"]) != 1 or any(label == "StreetNamePostType" for _, label in labelled):
        return False
    word = fold(groups["city"][0])
    if word not in STREET_SUFFIXES:
        return False
    at = next(i for i, (_, label) in enumerate(labelled) if label == "PlaceName")
    if (at == 0 or _label_group(labelled[at - 1][1]) != "street"
            or at + 1 >= len(labelled) or labelled[at + 1][1] != "StateName"):
        return False
    state = normalize_state(" ".join(groups["state"]))
    if not state:
        return False
    zips = _city_zip_index().get((state, normalize_city(word)))
    zip5 = parse_zip(" ".join(groups["zip"]))[0]
    return zips is None or bool(zip5) and zip5 not in zips


def _split_on_commas(address: str) -> OneLine | None:
    """The common written form "street[, unit], city, STATE ZIP": the commas say where the
    city ends, which a word-by-word parser gets wrong for cities named like street words
    (Boulevard CA, Park City). None when the line is not in that form."""
    parts = _route_and_box([p.strip() for p in address.split(",") if p.strip()])
    if len(parts) < 3:
        return None
    m = _STATE_ZIP.match(parts[-1])
    if m is None or not normalize_state(m.group("state")):
        return None
    street: list[str] = []
    extra: list[str] = []
    units: list[str] = []  # a unit written before the street line ("Apt 4B, 500 Main St")
    urb: list[str] = []  # a Puerto Rico urbanization on a part of its own, before or after
    for part in parts[:-2]:
        if not street and parse_street(part).house or street and _looks_like_unit(part):
            street.append(part)
        elif not street and _looks_like_unit(part):
            units.append(part)
        elif _opens_urbanization(part):
            urb.append(part)
        else:
            extra.append(part)  # a building or facility name beside the street line
    city = parts[-2]
    # "500 Main St., Apt. 4B Los Angeles, CA": the unit ran into the city's part
    words = city.split()
    if (street and len(words) > 2 and fold(words[0]) in UNIT_DESIGNATORS
            and _is_id(fold(words[1]))):
        units.append(" ".join(words[:2]))
        city = " ".join(words[2:])
    if not street:  # no street line at all: judge what was given as the street
        street, extra = [*urb, *units, *extra], []
    else:
        # "URB LAS GLADIOLAS, 150 CALLE A": the urbanization precedes the street line, as
        # parse_street reads it
        street = [*urb, *street, *units]
    return OneLine(" ".join(street), city, m.group("state").strip(),
                   m.group("zip") or "", " ".join(extra))


def _route_and_box(parts: list[str]) -> list[str]:
    """The parts with a rural route or highway contract route and its box, written as two
    parts ("RR 2, BOX 45, AUSTIN, TX 78701"), joined into one street line: the route was
    set aside as a building's name and BOX 45 read alone as a PO Box, R_ADDRESS_INCOMPLETE
    for a rural route address the rules accept (red team r21)."""
    for i in range(len(parts) - 1):
        if not parse_street(parts[i]).house and parse_street(
                f"{parts[i]} {parts[i + 1]}").kind == "rural_route":
            return [*parts[:i], f"{parts[i]} {parts[i + 1]}", *parts[i + 2:]]
    return parts


def _opens_urbanization(part: str) -> bool:
    """A part of a one-line address that names a Puerto Rico urbanization or area (URB LAS
    GLADIOLAS, RES LUIS LLORENS TORRES) and holds no house number."""
    words = fold(part).split()
    return (len(words) > 1 and (words[0] in URB_DESIGNATORS or words[0] in URBANIZATION_WORDS)
            and not any(_is_house(w) for w in words))


def _looks_like_unit(part: str) -> bool:
    words = fold(part).split()
    return bool(words) and (words[0] in UNIT_DESIGNATORS or part.strip().startswith("#")
                            or (len(words) == 1 and _is_id(words[0])))


def _label_group(label: str) -> str:
    if label in _STREET_LABELS:
        return "street"
    return {"PlaceName": "city", "StateName": "state", "ZipCode": "zip",
            "ZipPlus4": "zip"}.get(label, "extra")


# --- the whole address -------------------------------------------------------------------


def normalize_address(
    street: str, unit: str, city: str, state: str, zip: str, address: str = ""
) -> NormAddress:
    """Standardize one address. When `street` is empty and `address` holds a one-line
    address, that line is split (usaddress) and its parts fill the fields left empty.
    A unit written into the street line ("123 Main St Apt 4B") is used when the unit field
    is empty. Never raises; unparseable parts come back empty."""
    street = street or ""
    if not street.strip() and address and address.strip():
        one = split_one_line(address)
        street = one.street
        city, state, zip = city or one.city, state or one.state, zip or one.zip
    else:
        street = named_street_line(street)
    zip5, zip4 = parse_zip(zip or "")
    city, state = normalize_city(city or ""), normalize_state(state or "")
    parts = parse_street(street, in_queens(zip5, city, state))
    unit, unit_urb = split_unit_field(unit or "")
    house, unit_id = fraction_to_house(
        parts.house, parse_unit(unit) if unit and unit.strip() else parts.unit)
    return NormAddress(
        house=house, predir=parts.predir, street_name=parts.name, suffix=parts.suffix,
        postdir=parts.postdir, unit=unit_id,
        city=city, state=state, zip5=zip5, zip4=zip4, urb=parts.urb or unit_urb,
    )


def places_disagree(a: NormAddress, b: NormAddress) -> bool:
    """Two readings of what the request gives as one address (the one-line `address` and
    the `city`, `state` and `zip` fields beside it) name two places: a ZIP5 or a
    state on both sides and different, or two cities where no ZIP given on either side is
    delivered under both names (`_city_zip_index`: AUSTIN and an alias of its ZIP are one
    place; a city the data set does not know beside a ZIP is no contradiction). Parts left
    out on one side never disagree (red team r21)."""
    if a.zip5 and b.zip5 and a.zip5 != b.zip5 or a.state and b.state and a.state != b.state:
        return True
    if not a.city or not b.city or a.city == b.city:
        return False
    zip5, state = a.zip5 or b.zip5, a.state or b.state
    if not zip5:
        return True
    index = _city_zip_index()
    known = [index.get((state, city)) for city in (a.city, b.city)]
    return all(z is not None for z in known) and not all(zip5 in z for z in known if z)


# --- comparison --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AddressComparison:
    """Component agreement between two normalized addresses; -1 always means "missing on
    at least one side" (except unit, where missing is itself informative).

    house:  2 equal; 1 close (one typo: substitution, insertion, deletion or adjacent
            transposition, or the same number with a different letter/fraction); 0 different.
    street: 3 same name, suffix and directionals; 2 same name (suffix or a directional
            differs or is missing on one side); 1 one slip apart (`street_slip`) or the
            same name once ordinals are read as numbers ("1ST" = "1"); 0 different.
            Names are compared with suffix words inside them standardized ("AVENUE B" =
            "AVE B").
    unit:   2 equal (spaces ignored); 1 missing on exactly one side; 0 both present and
            different; -1 both missing.
    zip:    2 same ZIP5; 1 same first three digits (same sectional center); 0 different.
    city:   2 equal; 1 fuzzy (Jaro-Winkler >= 0.9); 0 different.
    state:  1 equal; 0 different.
    urb:    2 equal; 0 both given and different (another urbanization); -1 missing on at
            least one side.
    """

    house: int
    street: int
    unit: int
    zip: int
    city: int
    state: int
    urb: int = -1


# The number a house number begins with, its hyphenated second number included: 123 of
# 123A, 123-B and 123 1/2, but 91-1010 of Hawaii's 91-1010 (section 91, house 1010) and
# 123-4 of 123-4 (a house and its unit as one number). Read as the digits alone, 91-1010
# and 91-2044 FORT WEAVER RD were one slip apart, and a request at the one with the exact
# date of birth went to review for the namesake at the other, where 2044 / 1010 MAIN ST
# is another house (red team r17). Written in SQL as match.vector.LEADING_NUMBER_RE (both
# engines).
_LEADING_DIGITS = re.compile(r"\d+(?:-\d+)?")


def compare_addresses(a: NormAddress, b: NormAddress, *, slips: bool = True,
                      near: bool = False) -> AddressComparison:
    """Grade each component of `a` against `b` (symmetric). See AddressComparison.
    `slips=False`: a street name one slip from the other is not level 1 (the requested
    street is a street of its own there: compare.address_level). `near`: a street name
    one edit from the other (`street_near`) is level 1 as well (the person is told by the
    exact date of birth: compare.address_level)."""
    return AddressComparison(
        house=_house_level(a.house, b.house),
        street=_street_level(a, b, slips, near),
        unit=_unit_level(a.unit, b.unit),
        zip=_zip_level(a.zip5, b.zip5),
        city=_fuzzy_level(a.city, b.city, 0.9),
        state=-1 if not a.state or not b.state else int(a.state == b.state),
        urb=-1 if not a.urb or not b.urb else 2 * int(a.urb == b.urb),
    )


_ROUTE_NAME = re.compile(r"(?:RR|HC|PSC|CMR|UNIT) [0-9]+")


def is_post_office_bound(street_name: str) -> bool:
    """A PO box, a rural route / highway contract box or a military box (street name "PO
    BOX", "RR 2", "HC 1", "PSC 1234", "CMR 450", "UNIT 2050"): its number means something
    only within one post office, so only the same ZIP places it
    (match.compare.address_level)."""
    return street_name == "PO BOX" or bool(_ROUTE_NAME.fullmatch(street_name))


def _house_level(a: str, b: str) -> int:
    if not a or not b:
        return -1
    if a == b:
        return 2
    if OSA.distance(a, b) <= 1:
        return 1
    lead_a, lead_b = _LEADING_DIGITS.match(a), _LEADING_DIGITS.match(b)
    return int(bool(lead_a and lead_b and lead_a.group() == lead_b.group()))


def _street_level(a: NormAddress, b: NormAddress, slips: bool = True,
                  near: bool = False) -> int:
    if not a.street_name or not b.street_name:
        return -1
    if slips and a.zip5 and a.zip5 == b.zip5 and type_left_out(a, b):
        # LOMA VIS / LOMA VISTA BLVD: the type left out, as MAIN / MAIN ST; only in the
        # requested ZIP (`a` is the request), the place where street_known says whether
        # LOMA VIS is a street of its own (session 26 red team: without a ZIP, or with a
        # third ZIP of the city, "5362 E LOMA VIS, PHOENIX", another taxpayer's house in
        # 85032, disclosed a namesake at LOMA VISTA BLVD in 85033)
        return 2
    if streets_conflict(a.predir, a.suffix, a.postdir, b.predir, b.suffix, b.postdir):
        # A directional or street type given on both sides and different names another
        # street, whatever the names (2400 N / 2400 S KEDZIE AVE, 100 5TH ST NW / 100 SW
        # 5TH ST, MAIN ST / MAIN AVE, 700 5 AVE / 700 5TH ST): no correspondence at all.
        return 0
    key_a, key_b = _name_key(a.street_name), _name_key(b.street_name)
    if key_a == key_b:
        same_rest = (a.predir, a.suffix, a.postdir) == (b.predir, b.suffix, b.postdir)
        return 3 if same_rest else 2  # one left out is the requester's omission
    if grid_axis_left_out(a.street_name, b.street_name):
        return 2  # 1900 / 1900 N: a directional left out (match.compare.dir_unsettled)
    if street_ident(a.street_name) != street_ident(b.street_name):
        # Names that differ in a number or a one-letter word are two streets, not a slip
        # of one (W 116TH / W 115TH ST, AVENUE A / AVENUE B, HWY 45 / HWY 46, ROUTE 6 / 66).
        return 0
    if _numeric_key(key_a) == _numeric_key(key_b):
        return 1
    return int(slips and (street_slip(a.street_name, b.street_name)
                          or (near and street_near(a.street_name, b.street_name))))


def type_left_out(a: NormAddress, b: NormAddress) -> bool:
    """One side's street name and street type read together are the other's whole name,
    whose type is a thoroughfare's (`THOROUGHFARES`): "5362 E LOMA VISTA" (read as LOMA,
    type VIS) is 5362 E LOMA VISTA BLVD (name LOMA VISTA, type BLVD) with its type left
    out, as MAIN is MAIN ST (session 26, audit 22: M_NAME_ONLY for want of it). The read
    type must be a word of places (VISTA, LAKE, HILL …), not a thoroughfare's, so MAIN ST
    is never MAIN ST EXT or MAIN ST BLVD, nor one whose plural reads as it (PARK: OAK
    PARKS is read OAK, type PARK, and OAK PARKS / OAK PARK are two streets, audit 21:
    `NOT_NAME_TYPES`); the names are compared whole, as keyed
    (`_name_key`); the directionals must not conflict. Counted only where the requested
    street is no street of its ZIP (compare.address_level's street_known, as for slips): a
    street LOMA VISTA (LOMA, type VIS) held there is its own street; so only for a
    held row in the requested ZIP (`_street_level`): of another place, or without a
    requested ZIP, nothing says the read street is none there. Written in SQL as
    match.vector.TYPE_LEFT_OUT_SQL."""
    for x, y in ((a, b), (b, a)):
        if (x.suffix and x.suffix not in NOT_NAME_TYPES and y.suffix in THOROUGHFARES
                and _name_key(x.street_name) + " " + x.suffix == _name_key(y.street_name)):
            return not streets_conflict(x.predir, "", x.postdir, y.predir, "", y.postdir)
    return False


def grid_axis_left_out(a: str, b: str) -> bool:
    """Two street names, one a bare number and the other that number with the axis of a
    Utah grid street (1900 / 1900 N, `_lettered_name`): "3222 E 1900" is 3222 E 1900 N or
    3222 E 1900 S with the trailing directional left out (session 26, audit 22). The same
    street as far as the line says (level 2), but never settled by it: the other axis is
    another street with the same house (match.compare.dir_unsettled caps it at a slip).
    Written in SQL as match.vector.GRID_AXIS_SQL."""
    if b.isdigit():
        a, b = b, a
    return (a.isascii() and a.isdigit() and len(b) == len(a) + 2
            and b[:-1] == a + " " and b[-1] in "NSEW")


def streets_conflict(pre_a: str, type_a: str, post_a: str,
                     pre_b: str, type_b: str, post_b: str) -> bool:
    """A directional (before or after the name: N MAIN ST = MAIN ST N) or a street type
    given on both sides and different. A postdirectional given on both sides and different
    conflicts as well, whatever the predirectionals: N LOOP 1604 W and N LOOP 1604 E (San
    Antonio), N MAIN ST E and N MAIN ST W are two roads, which the first directional alone
    (N = N) read as one and disclosed the namesake at the other (red team r39). Written in
    SQL as match.vector.STREET_CONFLICT_SQL."""
    dir_a, dir_b = pre_a or post_a, pre_b or post_b
    return bool((dir_a and dir_b and dir_a != dir_b)
                or (post_a and post_b and post_a != post_b)
                or (type_a and type_b and type_a != type_b))


_DIGITS = re.compile(r"[0-9]+")


@lru_cache(maxsize=1 << 16)
def street_ident(name: str) -> str:
    """What must agree exactly for two street names to be one street mistyped: their numbers
    and their one-letter words ("W 116TH" -> "116/", "AVENUE B" -> "/B")."""
    return "|".join(_DIGITS.findall(name)) + "/" + "|".join(
        w for w in name.split() if len(w) == 1 and w.isalpha())


STREET_SLIP_MIN = 5  # letters: below this one slip is often another street (ELM/ELK)


def street_slip(a: str, b: str) -> bool:
    """Two street names (as written, not keys) one typing slip apart: a letter wrong,
    missing, added, or two neighbours swapped, inside one word of five or more letters and
    not its first letter (RSDGE / RIDGE, JVFFERSON / JEFFERSON, MARTIN LUTHR KING, MAPE /
    MAPLE); in a word of four letters, two neighbours swapped only (OCEAN VIWE / OCEAN
    VIEW, OLD MLIL / OLD MILL: audit 20).
    Jaro-Winkler misses these (0.88-0.90) though they are the commonest data-entry error
    (measured: a single such slip sent 49% of correctly addressed requests to M_NAME_ONLY).

    Not a slip, because each is another street as often as a mistake (session 9, an
    acceptance audit: each pair below disclosed a taxpayer at the other street):
    - a slip in a word under five letters, even in a longer name (ELM HILL / ELK HILL,
      OLD MILL / OLD HILL, SAINT JOHN / SAINT JOAN, CALLE SOL / CALLE SAL), but for two
      neighbours swapped in a word of four;
    - the first letter (BRIDGE / RIDGE);
    - a final S added or dropped (MAPLE / MAPLES, OAKS / OAK);
    - anything more than one slip, a word extended or added (MORRIS / MORRISON, CEDAR /
      CEDAR HILL, WOODLAND / WOODLAWN), which Jaro-Winkler >= 0.92 used to accept.
    ROUTE n alone is one slip from US HWY n and from STATE HWY n (it may be either: see
    _ROUTE_KEYS), never the same road.
    The SQL engines test the same relation on `street_slip_keys`: one name among the
    other's deletions, or a substitution/transposition key in common."""
    dels_a, keys_a = street_slip_keys(a)
    dels_b, keys_b = street_slip_keys(b)
    return a in dels_b or b in dels_a or not set(keys_a).isdisjoint(keys_b)


def street_near(a: str, b: str) -> bool:
    """Two street names (as written) one edit apart (a letter wrong, missing, added, or two
    neighbours swapped: Damerau-Levenshtein 1) anywhere but the first letter of a word and
    a final S (OAKS / OAK, OLD HILL / OLD MILL stay two streets, session 9; helper-47's
    review): MAIM / MAIN, LAKKE / LAKE, CEDA / CEDAR, PAK / PARK, OLD MILO / OLD MILL.
    Wider than `street_slip`, which refuses such slips in short words because each is
    another street as often as a mistake (ELM / ELK): counted only where the exact
    date of birth tells the person (compare.address_level), so the name, the date, the
    house number and the place all agree and only the spelling of the street does not;
    never where the requested street is a street of its ZIP (`street_known`). Audit 20
    (session 19) found 105 due requests over three seeds M_NAME_ONLY at the person's own
    address with the exact date of birth for want of it. In SQL: vector.STREET_NEAR_SQL."""
    return (a != b and [w[:1] for w in a.split()] == [w[:1] for w in b.split()]
            and a + "S" != b and b + "S" != a
            and OSA.distance(a, b, score_cutoff=1) <= 1)


@lru_cache(maxsize=1 << 16)
def street_slip_keys(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(deletions, keys) of a street name for `street_slip`.

    deletions: the name with one letter (not the first, nor a final S) left out of one word
    of six or more letters, or an inner consonant of one of five (`_deletable`); another
    name among them is this one with a letter missing from a word that keeps four (MAPE /
    MAPLE, SANA ROSA / SANTA ROSA, FT WOTH / FT WORTH: audit 19 counted 22 such due requests
    M_NAME_ONLY when the word had to keep five; two audits found them). A four-letter word
    that is a street of the ZIP is that street (`street_known`), not a slip.
    keys: per word of five or more letters and position after the first, the name with that
    letter masked ("S") and with that letter and the next put in order ("T"), in a word of
    four the "T" keys only; two names sharing one differ by one letter wrong or two
    neighbours swapped (or are equal). RTE n, US HWY n and STATE HWY n also get route keys
    ("R:US:n", "R:STATE:n"; RTE n both)."""
    words = name.split()
    dels: set[str] = set()
    keys: set[str] = set()
    for k, word in enumerate(words):
        if len(word) < STREET_SLIP_MIN - 1 or not word.isalpha():
            continue
        # a four-letter word: two neighbours swapped only (VIWE / VIEW, MLIL / MILL), which
        # makes no other street's word; a letter changed does (ELM / ELK, MILL / HILL)
        short = len(word) < STREET_SLIP_MIN

        def put(w: str, k: int = k) -> str:
            return " ".join((*words[:k], w, *words[k + 1:]))

        for i in range(1, len(word)):
            if not short:
                keys.add(f"S{k}.{i}:" + put(word[:i] + "?" + word[i + 1:]))
            if i + 1 < len(word):
                pair = "".join(sorted(word[i:i + 2]))
                keys.add(f"T{k}.{i}:" + put(word[:i] + pair + word[i + 2:]))
            if not short and _deletable(word, i):
                dels.add(put(word[:i] + word[i + 1:]))
    route = _ROUTE_ALIAS.fullmatch(name)
    if route:
        keys.update(_ROUTE_KEYS[route.group(1)].format(route.group(2)).split())
    return tuple(sorted(dels)), tuple(sorted(keys))


def _deletable(word: str, i: int) -> bool:
    """Whether leaving out letter `i` of a street word (not its first) makes a slip of it:
    not a final S (MAPLES / MAPLE); in a five-letter word, only an inner consonant that is
    not one of a double (MAPE / MAPLE, SANA / SANTA, WOTH / WORTH, ADAS / ADAMS). A final
    letter, a vowel or one of a double left out of five makes another street's name as
    often as a slip (DOVE / DOVER, GLEN / GLENN, HAZE / HAZEL, CARL / CAROL, PINE / PAINE,
    HOLY / HOLLY: helper-44's review)."""
    if i == len(word) - 1 and word[i] == "S":
        return False
    if len(word) > STREET_SLIP_MIN:
        return True
    return (i < len(word) - 1 and word[i] not in "AEIOUY"
            and word[i] != word[i - 1] and word[i] != word[i + 1])


# ROUTE 9 alone may be US HWY 9 or STATE HWY 9 (New Jersey says Route for both, and a ZIP
# may hold both): one slip from each, never the same road (street_slip_keys). US HWY 9 and
# STATE HWY 9 share no key: two roads.
_ROUTE_ALIAS = re.compile(r"(RTE|US HWY|STATE HWY) ([0-9]+[A-Z]?)")
_ROUTE_KEYS = {"RTE": "R:US:{0} R:STATE:{0}", "US HWY": "R:US:{0}", "STATE HWY": "R:STATE:{0}"}


# Two-word road designations and their one-word forms (COUNTY ROAD 12 = CR 12): compared as
# the short form. "HWY 45" alone stays apart from "STATE HWY 45" and "US HWY 45" (two roads).
_ROAD_FORMS = {("COUNTY", "RD"): "CR", ("STATE", "RTE"): "SR", ("STATE", "HWY"): "SH"}


_AVENIDA = frozenset({"AVENIDA", "AVDA"})


def _avenue_word(word: str) -> bool:
    """AVENUE however written (AVE, AV, AVENUE, AVENIDA …): the word _name_key reads AVE."""
    return STREET_SUFFIXES.get(word) == "AVE" or word in _AVENIDA


@lru_cache(maxsize=1 << 14)
def _name_key(name: str) -> str:
    # JR in a street named for a person is as often left out as written (MARTIN LUTHER KING
    # JR BLVD = MARTIN LUTHER KING BLVD); no two streets differ by it alone.
    words = [STREET_NAME_WORDS.get(w, w) for w in name.split() if w != "JR"]
    if words and words[0] in _AVENIDA:
        # Puerto Rico writes AVENIDA before the name as AVE (an audit: 1000 AVENIDA PONCE
        # DE LEON against the master's 1000 AVE PONCE DE LEON was M_NAME_ONLY)
        words[0] = "AVE"
    for i in range(len(words) - 1):
        short = _ROAD_FORMS.get((words[i], words[i + 1]))
        if short and i + 2 < len(words) and words[i + 2][:1].isdigit():
            words[i:i + 2] = [short, ""]
    return " ".join(w for w in words if w)


def _numeric_key(key: str) -> str:
    return " ".join(w[:-2] if _NUMERIC_ORDINAL.fullmatch(w) else w for w in key.split())


def _unit_level(a: str, b: str) -> int:
    if not a and not b:
        return -1
    if not a or not b:
        return 1
    # Spaces do not count ("4 B" = "4B"), but numbers written apart stay apart: "5 3"
    # (BLDG 5 APT 3) is not unit 53 (an audit found them disclosed as one).
    same = a.replace(" ", "") == b.replace(" ", "") and _DIGITS.findall(a) == _DIGITS.findall(b)
    return 2 if same else 0


def _zip_level(a: str, b: str) -> int:
    if not a or not b:
        return -1
    if a == b:
        return 2
    return int(a[:3] == b[:3])


def _fuzzy_level(a: str, b: str, threshold: float) -> int:
    if not a or not b:
        return -1
    if a == b:
        return 2
    return int(JaroWinkler.similarity(a, b) >= threshold)

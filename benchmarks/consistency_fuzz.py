"""Differential fuzzer for consistency (issue 5, item 6): the same request must get the same
decision whatever its formatting noise.

    nice -n 10 python benchmarks/consistency_fuzz.py [--taxpayers 20000] [--requests 2000]
        [--seed 7] [--folder SYNTH_DIR] [--from-master 1000] [--hard]
        [--kinds upper,one_line] [--show 8]

From a `dgate synth` folder it takes the batch as the requester wrote it (the base) and, per
kind of variant, writes the same batch again with every request it applies to rewritten in
a form that request-format.md (and a careful disclosure officer) reads as exactly the same
request: case, accents, blanks, punctuation, USPS Publication 28 abbreviations spelled out
or shortened, unit forms, ZIP+4, the one-line `address`, the date-of-birth forms intake
reads, a suffix written at the end of `last_name`, a middle name as a second given name in
`first_name`. A request a kind does not apply to stays as it was, so every batch has the
same company in the same order. To the synthetic requests it adds requests written from
the master (`--from-master`): the names as held, with the suffixes, compound surnames and
units the synthetic requests seldom carry; `--hard` adds a few hand-written people (HARD:
particles, apostrophes, hyphens, suffixes, grid and Queens house numbers, highways ...) to
the master and asks for them.

Each batch (the base, then one per kind) is decided in a fresh copy of one home that has
only the master loaded: a later batch in the same home sees the earlier ones, and that
changes decisions by design. Per request it compares disposition, reason codes, matched
TIN and the disclosed address, and prints, per kind, how many requests it changed and how
many decided differently, then every difference with the base and variant decisions and
what truth.csv says was due, classed:

- WRONGFUL: the variant discloses what truth says is not due (or another taxpayer);
- RECALL:   the variant refuses (or sends to review) a disclosure the base rightly made;
- BASE-MISS: the base refused what truth says is due and the variant disclosed it right;
- OTHER:    any other difference (codes, review vs refusal ...);
- MORE-DISCLOSED? and RECALL?: the same for a request from the master (no truth).

Nothing here is a target to tune to; a difference whose variant is not really the same
request is a bug of this script.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import shutil
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dgate.evaluate import STAGE_USERS, register_synth  # noqa: E402
from dgate.service import admin  # noqa: E402
from dgate.service.home import Home, init_home  # noqa: E402
from dgate.service.release import decision_report  # noqa: E402
from dgate.service.requester import sign_package  # noqa: E402
from dgate.service.submit import submit  # noqa: E402

Row = dict[str, str]
Variant = Callable[[Row, random.Random], Row | None]
Decision = tuple[str, ...]

NAME_FIELDS = ("first_name", "middle_name", "last_name", "name_suffix")
ADDRESS_FIELDS = ("street", "unit", "city", "address")
TEXT_FIELDS = NAME_FIELDS + ADDRESS_FIELDS

# Publication 28: the common street types (C1) and the directionals (233), abbreviation ->
# the word spelled out. Only a type at the end of the line and a directional right after
# the house number or at the very end are rewritten: elsewhere a word may be the street's
# name (ST JAMES PL, the COURT of COURT ST).
SUFFIXES = {"ST": "STREET", "AVE": "AVENUE", "RD": "ROAD", "DR": "DRIVE", "LN": "LANE",
            "BLVD": "BOULEVARD", "CT": "COURT", "PL": "PLACE", "CIR": "CIRCLE",
            "PKWY": "PARKWAY", "TER": "TERRACE", "TRL": "TRAIL", "HWY": "HIGHWAY",
            "CV": "COVE", "PT": "POINT", "SQ": "SQUARE", "EXPY": "EXPRESSWAY"}
SPELLED = {v: k for k, v in SUFFIXES.items()}
DIRS = {"N": "NORTH", "S": "SOUTH", "E": "EAST", "W": "WEST", "NE": "NORTHEAST",
        "NW": "NORTHWEST", "SE": "SOUTHEAST", "SW": "SOUTHWEST"}
DIRS_SPELLED = {v: k for k, v in DIRS.items()}
# Spanish given names and surnames with the accent they are often written with
ACCENTED = {"MARIA": "MARÍA", "JOSE": "JOSÉ", "JESUS": "JESÚS", "RAMON": "RAMÓN",
            "GARCIA": "GARCÍA", "LOPEZ": "LÓPEZ", "MARTINEZ": "MARTÍNEZ",
            "RODRIGUEZ": "RODRÍGUEZ", "HERNANDEZ": "HERNÁNDEZ", "GONZALEZ": "GONZÁLEZ",
            "PEREZ": "PÉREZ", "SANCHEZ": "SÁNCHEZ", "RAMIREZ": "RAMÍREZ", "GOMEZ": "GÓMEZ",
            "DIAZ": "DÍAZ", "FERNANDEZ": "FERNÁNDEZ", "JIMENEZ": "JIMÉNEZ",
            "ALVAREZ": "ÁLVAREZ", "MUNOZ": "MUÑOZ", "NUNEZ": "NÚÑEZ", "ANGEL": "ÁNGEL",
            "ANDRES": "ANDRÉS", "SOFIA": "SOFÍA", "LUCIA": "LUCÍA", "RAUL": "RAÚL",
            "HECTOR": "HÉCTOR", "OSCAR": "ÓSCAR", "IVAN": "IVÁN", "MONICA": "MÓNICA",
            "VERONICA": "VERÓNICA", "ROCIO": "ROCÍO", "BEATRIZ": "BEATRIZ",
            "CASTANEDA": "CASTAÑEDA", "IBANEZ": "IBÁÑEZ", "JOAQUIN": "JOAQUÍN",
            "MARTIN": "MARTÍN", "RUBEN": "RUBÉN", "ADRIAN": "ADRIÁN", "CESAR": "CÉSAR",
            "SAN JOSE": "SAN JOSÉ"}


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))


def _map_fields(r: Row, fields: tuple[str, ...], fn: Callable[[str], str]) -> Row | None:
    out = {**r, **{f: fn(r[f]) for f in fields if r.get(f)}}
    return out if out != r else None


# --- case, accents, blanks -------------------------------------------------------------

def upper(r: Row, rng: random.Random) -> Row | None:
    return _map_fields(r, TEXT_FIELDS, str.upper)


def lower(r: Row, rng: random.Random) -> Row | None:
    return _map_fields(r, TEXT_FIELDS, str.lower)


def title(r: Row, rng: random.Random) -> Row | None:
    return _map_fields(r, TEXT_FIELDS, str.title)


def accents_added(r: Row, rng: random.Random) -> Row | None:
    def add(text: str) -> str:
        return " ".join(_accent_like(w) for w in text.split(" "))
    return _map_fields(r, ("first_name", "middle_name", "last_name", "city"), add)


def _accent_like(word: str) -> str:
    """An accented spelling of `word` in the word's own case."""
    acc = ACCENTED.get(word.upper())
    if acc is None:
        return word
    if word.islower():
        return acc.lower()
    if word.istitle():
        return acc.title()
    return acc


def accents_stripped(r: Row, rng: random.Random) -> Row | None:
    return _map_fields(r, TEXT_FIELDS + ("city",), _strip_accents)


def blanks(r: Row, rng: random.Random) -> Row | None:
    """Blanks doubled inside and added around every value."""
    fields = TEXT_FIELDS + ("zip", "state", "date_of_birth", "tin")
    return _map_fields(r, fields, lambda v: "  " + v.replace(" ", "   ") + " ")


# --- punctuation ------------------------------------------------------------------------

def street_periods(r: Row, rng: random.Random) -> Row | None:
    """A period after each abbreviation of the street line (N. MAIN ST.), a comma before
    the unit written on the line."""
    def dot(line: str) -> str:
        words = line.split(" ")
        return " ".join(w + "." if w.upper() in SUFFIXES or w.upper() in DIRS else w
                        for w in words)
    return _map_fields(r, ("street",), dot)


def hyphenated_surname(r: Row, rng: random.Random) -> Row | None:
    """A compound surname of two words written with a hyphen (GARCIA LOPEZ, GARCIA-LOPEZ)."""
    words = r["last_name"].split()
    if len(words) != 2 or any(w.upper() in ("DE", "DEL", "LA", "LAS", "LOS", "VAN", "VON",
                                            "DA", "DI", "DU", "LE", "ST", "MC", "MAC")
                              for w in words):
        return None
    return {**r, "last_name": "-".join(words)}


def spaced_surname(r: Row, rng: random.Random) -> Row | None:
    """A hyphenated surname written with a blank instead."""
    if "-" not in r["last_name"]:
        return None
    return {**r, "last_name": r["last_name"].replace("-", " ")}


def middle_initial_period(r: Row, rng: random.Random) -> Row | None:
    m = r["middle_name"].strip()
    if len(m) != 1 or not m.isalpha():
        return None
    return {**r, "middle_name": m + "."}


def comma_in_street(r: Row, rng: random.Random) -> Row | None:
    """123 Main St -> 123 Main St, (a trailing comma) and one after the house number."""
    words = r["street"].split(" ")
    if len(words) < 3 or not words[0].isdigit():
        return None
    return {**r, "street": words[0] + ", " + " ".join(words[1:]) + ","}


# --- Publication 28 ---------------------------------------------------------------------

def _rewrite_street(line: str, suffixes: dict[str, str], dirs: dict[str, str]) -> str:
    words = line.split(" ")
    if len(words) < 3:
        return line
    out = list(words)

    def swap(i: int, table: dict[str, str]) -> None:
        w = out[i]
        new = table.get(w.upper().rstrip("."))
        if new is not None:
            out[i] = new if w.isupper() else new.title() if w.istitle() else new.lower()

    if words[0][:1].isdigit():
        swap(1, dirs)
    last = len(out) - 1
    if out[last].upper() in dirs and len(out) > 3:
        swap(last, dirs)
        last -= 1
    if last >= 2:
        swap(last, suffixes)
    return " ".join(out)


def pub28_spelled(r: Row, rng: random.Random) -> Row | None:
    return _map_fields(r, ("street",), lambda s: _rewrite_street(s, SUFFIXES, DIRS))


def pub28_abbreviated(r: Row, rng: random.Random) -> Row | None:
    return _map_fields(r, ("street",), lambda s: _rewrite_street(s, SPELLED, DIRS_SPELLED))


# --- units ------------------------------------------------------------------------------

_UNIT = re.compile(r"(?i)^\s*(APT\.?|APARTMENT|#|NO\.?|UNIT|STE\.?|SUITE)?\s*#?\s*([0-9A-Z-]+)\s*$")


def _unit_parts(unit: str) -> tuple[str, str] | None:
    m = _UNIT.match(unit)
    if not m:
        return None
    word = (m.group(1) or "").upper().rstrip(".")
    return word, m.group(2)


def unit_hash(r: Row, rng: random.Random) -> Row | None:
    """APT 4B, APT. 4B, APARTMENT 4B, NO. 4B and 4B -> #4B (Pub 28: # stands for any
    designator the writer did not know)."""
    parts = _unit_parts(r["unit"]) if r["unit"] else None
    if parts is None or parts[0] not in ("APT", "APARTMENT", "NO", ""):
        return None
    return {**r, "unit": "#" + parts[1]}


def unit_apt(r: Row, rng: random.Random) -> Row | None:
    """#4B, NO. 4B, APARTMENT 4B -> APT 4B; APT 4B -> Apt. 4B."""
    parts = _unit_parts(r["unit"]) if r["unit"] else None
    if parts is None or parts[0] not in ("APT", "APARTMENT", "NO", "#"):
        return None
    new = "Apt. " + parts[1] if parts[0] == "APT" else "APT " + parts[1]
    return {**r, "unit": new}


def unit_hyphen(r: Row, rng: random.Random) -> Row | None:
    """An identifier of digits and one letter written with a hyphen: 4B -> 4-B."""
    parts = _unit_parts(r["unit"]) if r["unit"] else None
    if parts is None:
        return None
    m = re.fullmatch(r"([0-9]+)([A-Za-z])", parts[1])
    if not m:
        return None
    return {**r, "unit": r["unit"].replace(parts[1], f"{m.group(1)}-{m.group(2)}")}


def _named_street(r: Row) -> bool:
    """The street field holds more than a house number: with none, a unit or a city
    written after the number on one line could be the street's name (6160 7D), and the
    variant is not the same request."""
    return len(r["street"].split()) >= 2


def unit_in_street(r: Row, rng: random.Random) -> Row | None:
    """The unit written at the end of the street line, the unit column empty."""
    if not r["unit"] or not _named_street(r):
        return None
    return {**r, "street": f"{r['street']} {r['unit']}", "unit": ""}


# --- ZIP, one line ----------------------------------------------------------------------

def zip_plus4(r: Row, rng: random.Random) -> Row | None:
    z = r["zip"].strip()
    if not re.fullmatch(r"[0-9]{5}", z):
        return None
    return {**r, "zip": f"{z}-{rng.randrange(1, 10_000):04d}"}


def zip5(r: Row, rng: random.Random) -> Row | None:
    z = r["zip"].strip()
    if not re.fullmatch(r"[0-9]{5}-?[0-9]{4}", z):
        return None
    return {**r, "zip": z[:5]}


def one_line(r: Row, rng: random.Random) -> Row | None:
    """The split fields written as the one-line `address` (street empty)."""
    if not _named_street(r) or not r["city"] or not r["state"] or not r["zip"]:
        return None
    unit = f" {r['unit']}" if r["unit"] else ""
    line = f"{r['street']}{unit}, {r['city']}, {r['state']} {r['zip']}"
    return {**r, "address": line, "street": "", "unit": "", "city": "", "state": "", "zip": ""}


def split_fields(r: Row, rng: random.Random) -> Row | None:
    """A one-line address of the simple form STREET[, UNIT], CITY, ST ZIP written in the
    split fields."""
    if r["street"] or not r["address"]:
        return None
    parts = [p.strip() for p in r["address"].split(",")]
    if len(parts) != 3:
        return None
    m = re.fullmatch(r"([A-Za-z]{2})\s+([0-9]{5}(?:-[0-9]{4})?)", parts[2])
    if not m:
        return None
    street, unit = parts[0], ""
    um = re.search(r"(?i)\s+((?:APT\.?|UNIT|STE|#|NO\.)\s*[0-9A-Z-]+|#[0-9A-Z-]+)$", street)
    if um:
        street, unit = street[:um.start()], um.group(1)
    return {**r, "address": "", "street": street, "unit": unit, "city": parts[1],
            "state": m.group(1), "zip": m.group(2)}


# --- dates of birth: the forms intake reads (rules.dates.birth_date) ---------------------

def _dob(r: Row) -> date | None:
    d = r["date_of_birth"].strip()
    try:
        return date.fromisoformat(d) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) else None
    except ValueError:
        return None


def _dob_variant(name: str, fmt: Callable[[date], str]) -> Variant:
    def variant(r: Row, rng: random.Random) -> Row | None:
        d = _dob(r)
        return None if d is None else {**r, "date_of_birth": fmt(d)}
    variant.__name__ = name
    return variant


dob_slashed = _dob_variant("dob_slashed", lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}")
dob_unpadded = _dob_variant("dob_unpadded", lambda d: f"{d.year}-{d.month}-{d.day}")
dob_us = _dob_variant("dob_us", lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}")
dob_us_dashed = _dob_variant("dob_us_dashed", lambda d: f"{d.month:02d}-{d.day:02d}-{d.year}")
dob_compact = _dob_variant("dob_compact", lambda d: f"{d.year}{d.month:02d}{d.day:02d}")
dob_compact_us = _dob_variant("dob_compact_us", lambda d: f"{d.month:02d}{d.day:02d}{d.year}")


# --- names ------------------------------------------------------------------------------

def suffix_in_last(r: Row, rng: random.Random) -> Row | None:
    if not r["name_suffix"].strip():
        return None
    return {**r, "last_name": f"{r['last_name']} {r['name_suffix']}", "name_suffix": ""}


def suffix_punct(r: Row, rng: random.Random) -> Row | None:
    s = r["name_suffix"].strip().upper().rstrip(".")
    if s not in ("JR", "SR"):
        return None
    return {**r, "name_suffix": s.title() + "."}


_NOT_NAMES = frozenset({"NONE", "NA", "N/A", "UNKNOWN", "UNK", "NULL", "TBD", "FNU", "LNU",
                        "NFN", "NMN", "XXX", "TEST"})


def middle_in_first(r: Row, rng: random.Random) -> Row | None:
    """A middle name written as the second given name in first_name (not after a first
    name that is no name: NONE / JOHN is a first name missing, NONE JOHN a name of two
    words). A first name of one letter is one: X / JOHN and X JOHN are both R_NAME, the
    first given name one letter (red team r44, names.is_first_name)."""
    first = r["first_name"].strip()
    if not r["middle_name"].strip() or not first or first.upper() in _NOT_NAMES:
        return None
    return {**r, "first_name": f"{r['first_name']} {r['middle_name']}", "middle_name": ""}


def first_two_split(r: Row, rng: random.Random) -> Row | None:
    """Two given names in first_name, the second written as the middle name."""
    words = r["first_name"].split()
    if len(words) != 2 or r["middle_name"].strip():
        return None
    return {**r, "first_name": words[0], "middle_name": words[1]}


# --- more forms -------------------------------------------------------------------------

def nbsp(r: Row, rng: random.Random) -> Row | None:
    """Blanks inside values written as no-break spaces (a word processor's)."""
    return _map_fields(r, TEXT_FIELDS, lambda v: v.strip().replace(" ", "\u00a0"))


def decomposed(r: Row, rng: random.Random) -> Row | None:
    """Accented letters written decomposed (NFD: E and a combining acute)."""
    return _map_fields(r, TEXT_FIELDS, lambda v: unicodedata.normalize("NFD", v))


def one_line_bare(r: Row, rng: random.Random) -> Row | None:
    """The one-line address without commas: 123 MAIN ST APT 4 AUSTIN TX 78701."""
    out = one_line(r, rng)
    if out is None:
        return None
    return {**out, "address": out["address"].replace(",", "")}


def unit_word_spelled(r: Row, rng: random.Random) -> Row | None:
    """APT -> APARTMENT, STE -> SUITE, # -> NO. (Pub 28 C2)."""
    parts = _unit_parts(r["unit"]) if r["unit"] else None
    if parts is None:
        return None
    word = {"APT": "APARTMENT", "STE": "SUITE", "#": "NO.", "NO": "NUMBER", "UNIT": "UNIT"}.get(
        parts[0])
    if word is None:
        return None
    return {**r, "unit": f"{word} {parts[1]}"}


_ORDINALS = {"1ST": "FIRST", "2ND": "SECOND", "3RD": "THIRD", "4TH": "FOURTH", "5TH": "FIFTH",
             "6TH": "SIXTH", "7TH": "SEVENTH", "8TH": "EIGHTH", "9TH": "NINTH",
             "10TH": "TENTH", "11TH": "ELEVENTH", "12TH": "TWELFTH"}


def ordinal_spelled(r: Row, rng: random.Random) -> Row | None:
    """A numbered street's ordinal spelled out (5TH AVE -> FIFTH AVE)."""
    words = r["street"].split(" ")
    if len(words) < 3:
        return None
    out = [words[0]] + [_ORDINALS.get(w.upper(), w) for w in words[1:]]
    return {**r, "street": " ".join(out)} if out != words else None


_CITY_WORDS = {"SAINT": "ST", "FORT": "FT", "MOUNT": "MT", "ST": "SAINT", "FT": "FORT",
               "MT": "MOUNT"}


def city_abbrev(r: Row, rng: random.Random) -> Row | None:
    """SAINT LOUIS <-> ST LOUIS, FORT WORTH <-> FT WORTH as the city's first word."""
    words = r["city"].split(" ")
    if len(words) < 2 or words[0].upper().rstrip(".") not in _CITY_WORDS:
        return None
    return {**r, "city": " ".join([_CITY_WORDS[words[0].upper().rstrip(".")], *words[1:]])}


def tin_dashes(r: Row, rng: random.Random) -> Row | None:
    t = r["tin"].strip()
    if re.fullmatch(r"[0-9]{9}", t):
        return {**r, "tin": f"{t[:3]}-{t[3:5]}-{t[5:]}"}
    if re.fullmatch(r"[0-9]{3}-[0-9]{2}-[0-9]{4}", t):
        return {**r, "tin": t.replace("-", "")}
    return None


def periods_listed(r: Row, rng: random.Random) -> Row | None:
    """A range of years written as the list of its years (2021-2024 -> 2021;2022;2023;2024)."""
    m = re.fullmatch(r"\s*([0-9]{4})\s*-\s*([0-9]{4})\s*", r["taxable_periods"])
    if not m or int(m.group(2)) < int(m.group(1)):
        return None
    years = range(int(m.group(1)), int(m.group(2)) + 1)
    return {**r, "taxable_periods": ";".join(map(str, years))}


def apostrophe(r: Row, rng: random.Random) -> Row | None:
    """O'BRIEN -> OBRIEN and the reverse for O + a capital (OBRIEN cannot be told from a
    one-word name, so only a name written with the apostrophe loses it)."""
    def drop(v: str) -> str:
        return v.replace("'", "").replace("\u2019", "")
    return _map_fields(r, ("first_name", "last_name", "street", "city"), drop)


def curly_apostrophe(r: Row, rng: random.Random) -> Row | None:
    return _map_fields(r, ("first_name", "last_name", "street", "city"),
                       lambda v: v.replace("'", "\u2019"))


def hyphenated_given(r: Row, rng: random.Random) -> Row | None:
    """MARY ANN <-> MARY-ANN in first_name."""
    f = r["first_name"]
    if "-" in f:
        return {**r, "first_name": f.replace("-", " ")}
    words = f.split()
    if len(words) == 2:
        return {**r, "first_name": "-".join(words)}
    return None


def state_lower(r: Row, rng: random.Random) -> Row | None:
    """The USPS code in small letters (tx)."""
    return _map_fields(r, ("state",), str.lower)


def one_line_unit_apart(r: Row, rng: random.Random) -> Row | None:
    """The one-line address with the unit a part of its own: 1 MAIN ST, APT 4, AUSTIN, ..."""
    if not r["unit"]:
        return None
    out = one_line(r, rng)
    if out is None:
        return None
    line = f"{r['street']}, {r['unit']}, {r['city']}, {r['state']} {r['zip']}"
    return {**out, "address": line}


def suffix_in_last_comma(r: Row, rng: random.Random) -> Row | None:
    """The suffix written after the surname with a comma and a period (SMITH, JR.)."""
    s = r["name_suffix"].strip()
    if not s:
        return None
    if s.upper().rstrip(".") in ("JR", "SR"):
        s = s.upper().rstrip(".") + "."
    return {**r, "last_name": f"{r['last_name']}, {s}", "name_suffix": ""}


def a_number_forms(r: Row, rng: random.Random) -> Row | None:
    """An A-number with and without its A, with dashes (A-123-456-789)."""
    digits = re.sub(r"[^0-9]", "", r["a_number"])
    if not digits:
        return None
    padded = digits.zfill(9)
    forms = [f"A{padded}", padded, f"A-{padded[:3]}-{padded[3:6]}-{padded[6:]}",
             f"A {padded[:3]} {padded[3:6]} {padded[6:]}"]
    choices = [f for f in forms if f != r["a_number"]]
    return {**r, "a_number": rng.choice(choices)}


def periods_spaced(r: Row, rng: random.Random) -> Row | None:
    t = r["taxable_periods"]
    if ";" not in t and "-" not in t:
        return None
    return {**r, "taxable_periods": t.replace(";", " ; ").replace("-", " - ")}


KINDS: tuple[Variant, ...] = (
    upper, lower, title, accents_added, accents_stripped, blanks,
    street_periods, comma_in_street, hyphenated_surname, spaced_surname,
    middle_initial_period, pub28_spelled, pub28_abbreviated,
    unit_hash, unit_apt, unit_hyphen, unit_in_street, zip_plus4, zip5, one_line, split_fields,
    dob_slashed, dob_unpadded, dob_us, dob_us_dashed, dob_compact, dob_compact_us,
    suffix_in_last, suffix_punct, middle_in_first, first_two_split,
    nbsp, decomposed, one_line_bare, unit_word_spelled, ordinal_spelled, city_abbrev,
    tin_dashes, periods_listed, apostrophe, curly_apostrophe, hyphenated_given,
    state_lower, one_line_unit_apart, suffix_in_last_comma, a_number_forms, periods_spaced)
# Kinds a combination may draw from (each keeps the request the same; one_line last, as
# the address kinds act on the split fields)
COMBINABLE: tuple[Variant, ...] = (
    upper, lower, title, accents_added, accents_stripped, street_periods, hyphenated_surname,
    middle_initial_period, pub28_spelled, pub28_abbreviated, unit_hash, unit_apt,
    unit_hyphen, unit_in_street, zip_plus4, zip5, dob_us, dob_compact, suffix_in_last,
    middle_in_first, first_two_split, ordinal_spelled, city_abbrev, tin_dashes,
    hyphenated_given, blanks, state_lower, a_number_forms)


def _combo(name: str, count: int) -> Variant:
    def variant(r: Row, rng: random.Random) -> Row | None:
        out, used = dict(r), 0
        for kind in rng.sample(COMBINABLE, len(COMBINABLE)):
            if used == count:
                break
            new = kind(out, rng)
            if new is not None:
                out, used = new, used + 1
        if rng.random() < 0.5:
            out = one_line(out, rng) or out
        return out if used == count else None
    variant.__name__ = name
    return variant


COMBOS: tuple[Variant, ...] = tuple(_combo(f"combo{n}_{i}", n) for n in (3, 5)
                                    for i in range(3))
# The records file written another way (request-format.md): the header in capitals and
# every field quoted; JSON Lines with each empty value left out; Parquet; XLSX.
FILE_FORMATS = ("csv_upper_quoted", "jsonl_sparse", "parquet", "xlsx")


# --- running ------------------------------------------------------------------------------

def template_home(folder: Path, where: Path) -> Path:
    """A home with the users, the agency and its official registered and the master loaded."""
    home_dir = where / "template"
    init_home(home_dir)
    with Home(home_dir) as home:
        for user, role in STAGE_USERS:
            admin.user_add(home, "admin", user, role)
        register_synth(home, folder)
        admin.master_load(home, "admin", folder / "master", None)
    return home_dir


def write_records(pkg: Path, rows: list[Row], fmt: str) -> str:
    """The records file in `fmt` (csv or one of FILE_FORMATS); its name."""
    header = list(rows[0])
    if fmt in ("csv", "csv_upper_quoted"):
        with (pkg / "records.csv").open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, quoting=csv.QUOTE_ALL if fmt != "csv" else csv.QUOTE_MINIMAL)
            w.writerow([c.upper() for c in header] if fmt != "csv" else header)
            w.writerows([r[c] for c in header] for r in rows)
        return "records.csv"
    if fmt == "jsonl_sparse":
        with (pkg / "records.jsonl").open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps({k: v for k, v in r.items() if v}, ensure_ascii=False) + "\n")
        return "records.jsonl"
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq
        pq.write_table(pa.table({c: [r[c] for r in rows] for c in header}),
                       pkg / "records.parquet")
        return "records.parquet"
    if fmt == "xlsx":
        from openpyxl import Workbook
        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.append(header)
        for r in rows:
            ws.append([r[c] for c in header])
        wb.save(pkg / "records.xlsx")
        return "records.xlsx"
    raise ValueError(fmt)


def decide(folder: Path, template: Path, work: Path, name: str, rows: list[Row],
           day: date, fmt: str = "csv") -> list[Decision]:
    """The batch `rows` decided in a fresh copy of the template home: per row, in order,
    (disposition, reason codes, matched TIN, disclosed street, unit, city, state, zip)."""
    out = work / name
    (out / "pkg").mkdir(parents=True)
    manifest = json.loads((folder / "pkg" / "batch.json").read_text(encoding="utf-8"))
    manifest["batch_id"] = f"{manifest['batch_id'][:40]}-{name.upper().replace('_', '')}"
    manifest["records_file"] = write_records(out / "pkg", rows, fmt)
    (out / "pkg" / "batch.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    sign_package(out / "pkg", folder / "keys" / "official_ed25519.pem")
    home_dir = out / "home"
    shutil.copytree(template, home_dir)
    with Home(home_dir) as home:
        result = submit(home, "clerk", out / "pkg", day, None)
        report = out / "decisions.csv"
        decision_report(home, "officer1", result.batch_id, report)
    with report.open(encoding="utf-8", newline="") as fh:
        got = [(d["disposition"], d["reason_codes"], d["match_tin"], d["street"], d["unit"],
                d["city"], d["state"], d["zip"]) for d in csv.DictReader(fh)]
    shutil.rmtree(out, ignore_errors=True)
    return got


def from_master(folder: Path, rows: list[Row], count: int, seed: int
                ) -> tuple[list[Row], list[Row]]:
    """`count` more requests written from the master itself, each a taxpayer asked at one
    of the addresses on record with the name as held (accents and all), the legal fields
    of a valid request of the batch; drawn mostly among the names the synthetic requests
    seldom carry (a suffix, a compound surname, a middle name, an apostrophe) and the
    addresses with a unit. Their truth is not known (a namesake may make one ambiguous):
    their rows of truth say "?"."""
    import duckdb

    rng = random.Random(f"{seed}:from_master")
    master = folder / "master"
    people = duckdb.sql(
        "SELECT t.tin, t.first_name, coalesce(t.middle_name, ''), t.last_name, "
        "coalesce(t.name_suffix, ''), coalesce(CAST(t.date_of_birth AS VARCHAR), ''), "
        "a.street, coalesce(a.unit, ''), a.city, a.state, a.zip, "
        "(t.name_suffix IS NOT NULL) OR t.last_name LIKE '% %' OR t.last_name LIKE '%-%' "
        "OR t.last_name LIKE '%''%' OR t.middle_name IS NOT NULL OR a.unit IS NOT NULL "
        f"FROM read_parquet('{master / 'taxpayers.parquet'}') t "
        f"JOIN read_parquet('{master / 'addresses.parquet'}') a USING (tin) "
        "WHERE t.date_of_death IS NULL ORDER BY t.tin, a.effective_date").fetchall()
    rare = [p for p in people if p[-1]]
    picked = rng.sample(rare, min(count, len(rare)))
    legal = next(r for r, t in zip(rows, from_truth(folder), strict=True)
                 if t["expected_disposition"] == "DISCLOSE")
    out, truth = [], []
    for n, p in enumerate(picked, 1):
        tin, first, middle, last, suffix, dob, street, unit, city, state, zip5, _ = p
        out.append({**{k: "" for k in rows[0]}, **{k: legal[k] for k in (
            "taxable_periods", "statute", "reason", "final_order_date")},
            "request_id": f"FM-{n:05d}", "first_name": first, "middle_name": middle,
            "last_name": last, "name_suffix": suffix,
            "date_of_birth": dob if rng.random() < 0.5 else "", "street": street,
            "unit": unit, "city": city, "state": state, "zip": zip5,
            "case_number": f"HSI-26-9{n:05d}", "case_agent_id": f"ICE-FZ-{n:05d}"})
        truth.append({"expected_disposition": "?", "expected_tin": tin,
                      "scenario": "from_master"})
    return out, truth


# Harder people, added to the master and asked at their address on record (`--hard`):
# particles, apostrophes, hyphens, suffixes, two given names, and the street forms the
# parser reads with care (a second directional, a name that is a type, grid, Queens,
# fractions, a house letter, Spanish order, rural routes, highways).
# (first, middle, last, suffix, street, unit, city, state, zip)
HARD = [
    ("Seán", "Patrick", "O'Brien", "", "100 N Main St E", "", "Houston", "TX", "77070"),
    ("Jean-Pierre", "", "D'Angelo", "Jr", "1 Avenue of the Americas", "Fl 12", "New York",
     "NY", "10013"),
    ("Mary Ann", "", "McDonald", "III", "25 St James Pl", "Apt 3B", "Chicago", "IL",
     "60629"),
    ("José", "Luis", "de la Cruz", "", "2200 S Congress Ave", "Unit 12", "Austin", "TX",
     "78704"),
    ("Hendrik", "", "van der Berg", "Sr", "500 S 300 E", "", "Salt Lake City", "UT", "84111"),
    ("Ana", "María", "García-López", "", "71-52 104th St", "Apt 2", "Forest Hills", "NY",
     "11375"),
    ("Nguyen", "Thi", "Lan", "", "N123W15600 Main St", "", "Menomonee Falls", "WI",
     "53051"),
    ("Thanh", "Van", "Nguyen", "", "100 1/2 Main St", "", "Austin", "TX", "78701"),
    ("Miguel", "Ángel", "Salinas Treviño", "", "123 Calle Luna", "Lot 4", "Las Cruces",
     "NM", "88001"),
    ("Ji-Hoon", "", "Lee", "", "100 FM 1960 Rd W", "", "Houston", "TX", "77070"),
    ("William", "Henry", "St. John", "II", "12 Old Mill Rd", "Rear", "Tyler", "TX", "75701"),
    ("Mohammed", "", "Al-Sayed", "", "400 W 1st St", "Ste 200", "Austin", "TX", "78701"),
    ("Kathleen", "M", "O'Neil-Smith", "", "88 Elm Street North", "", "Chicago", "IL",
     "60629"),
    ("Luis", "", "Mac Gregor", "", "100 Co Rd 123", "", "Tyler", "TX", "75701"),
    ("Ruth", "", "Ben-David", "", "2 Fifth Ave", "Apt 10-C", "New York", "NY", "10011"),
    ("Peter", "J", "Schmidt", "Jr", "100-A Main St", "", "Austin", "TX", "78701"),
    ("Carmen", "", "Rodríguez de Jesús", "", "150 Calle A", "", "San Juan", "PR", "00926"),
    ("Amadou", "", "Diallo", "", "1400 Northwest Loop 410", "", "San Antonio", "TX",
     "78213"),
    ("Marie-Claire", "", "Dubois", "", "9 Saint Charles Ave", "Apt 1", "New Orleans", "LA",
     "70130"),
    ("Olu", "", "Adeyemi-Okafor", "", "3604 S Adams Ln", "# 7", "Chicago", "IL", "60629"),
]


def with_hard(folder: Path, work: Path, seed: int) -> tuple[Path, list[Row]]:
    """A copy of the synth folder whose master also holds HARD (each its own TIN, born on
    a day of 1980) and their requests written as in the master (truth: disclose them)."""
    import duckdb

    out = work / "synth-hard"
    shutil.copytree(folder, out, symlinks=True)
    master = out / "master"
    people = []
    for n, (first, middle, last, suffix, street, unit, city, state, zip5) in enumerate(HARD):
        tin = f"77{seed % 100:02d}{n:05d}"
        people.append((tin, first, middle, last, suffix, f"1980-{1 + n % 12:02d}-{1 + n:02d}",
                       street, unit, city, state, zip5))

    def lit(v: str) -> str:
        return "NULL" if not v else "'" + v.replace("'", "''") + "'"
    tp = " UNION ALL ".join(
        f"SELECT {lit(t)}, 'SSN', {lit(f)}, {lit(m)}, {lit(last)}, {lit(s)}, DATE '{d}', "
        "CAST(NULL AS DATE)" for t, f, m, last, s, d, *_ in people)
    ad = " UNION ALL ".join(
        f"SELECT {lit(t)}, {lit(st)}, {lit(u)}, {lit(c)}, {lit(sa)}, {lit(z)}, 'RETURN', 2025, "
        "DATE '2026-02-26'" for t, *_, st, u, c, sa, z in people)
    for table, extra in (("taxpayers", tp), ("addresses", ad)):
        src = folder / "master" / f"{table}.parquet"
        (master / f"{table}.parquet").unlink()
        duckdb.sql(f"COPY (SELECT * FROM read_parquet('{src}') UNION ALL {extra}) "
                   f"TO '{master / f'{table}.parquet'}' (FORMAT parquet)")
    rows = []
    for n, (tin, first, middle, last, suffix, dob, street, unit, city, state, zip5) in \
            enumerate(people, 1):
        rows.append({"request_id": f"HARD-{n:03d}", "first_name": first, "middle_name": middle,
                     "last_name": last, "name_suffix": suffix,
                     "date_of_birth": dob if n % 2 else "", "street": street, "unit": unit,
                     "city": city, "state": state, "zip": zip5, "_tin": tin})
    return out, rows


def from_truth(folder: Path) -> list[Row]:
    with (folder / "truth.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def classify(base: Decision, var: Decision, truth: Row) -> str:
    if truth["expected_disposition"] == "?":  # a request from the master: truth unknown
        if var[0] == "DISCLOSE" and (base[0] != "DISCLOSE" or base[2] != var[2]):
            return "MORE-DISCLOSED?"
        return "RECALL?" if base[0] == "DISCLOSE" else "OTHER"
    due = truth["expected_disposition"] == "DISCLOSE"
    want = truth["expected_tin"]
    base_right = base[0] == "DISCLOSE" and due and base[2] == want
    var_right = var[0] == "DISCLOSE" and due and var[2] == want
    if var[0] == "DISCLOSE" and not var_right:
        return "WRONGFUL"
    if base[0] == "DISCLOSE" and not base_right:
        return "BASE-WRONGFUL"
    if base_right and not var_right:
        return "RECALL"
    if var_right and not base_right:
        return "BASE-MISS"
    return "OTHER"


def _short(d: Decision) -> str:
    addr = " ".join(p for p in d[3:] if p)
    return f"{d[0]} [{d[1]}] {d[2]}" + (f" @ {addr}" if addr else "")


def _changed(base: Row, var: Row) -> str:
    return "; ".join(f"{k}: {base[k]!r} -> {var[k]!r}" for k in base if base[k] != var[k])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", type=Path, help="an existing `dgate synth` folder")
    ap.add_argument("--taxpayers", type=int, default=20_000)
    ap.add_argument("--requests", type=int, default=2_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--from-master", type=int, default=1000,
                    help="requests written from the master added to the batch (0: none)")
    ap.add_argument("--hard", action="store_true",
                    help="also HARD's people, added to the master and asked")
    ap.add_argument("--kinds", default="", help="comma-separated subset of the kinds")
    ap.add_argument("--show", type=int, default=10,
                    help="differences printed per kind and class (0: all)")
    args = ap.parse_args()
    want = set(filter(None, args.kinds.split(",")))
    t_start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dgate-consistency-") as tmp:
        work = Path(tmp)
        folder = args.folder
        if folder is None:
            from dgate.synth.generate import generate
            folder = work / "synth"
            generate(folder, taxpayers=args.taxpayers, requests=args.requests,
                     seed=args.seed, as_of=date(2026, 11, 25))
        manifest = json.loads((folder / "pkg" / "batch.json").read_text(encoding="utf-8"))
        day = date.fromisoformat(manifest["signed_at"]) + timedelta(days=3)
        with (folder / "pkg" / "records.csv").open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        truth = from_truth(folder)
        if args.hard:
            folder, hard = with_hard(folder, work, args.seed)
            legal = next(r for r, t in zip(rows, truth, strict=True)
                         if t["expected_disposition"] == "DISCLOSE")
            for n, h in enumerate(hard, 1):
                rows.append({**{k: "" for k in rows[0]}, **{k: legal[k] for k in (
                    "taxable_periods", "statute", "reason", "final_order_date")},
                    **{k: v for k, v in h.items() if k != "_tin"},
                    "case_number": f"HSI-26-8{n:05d}", "case_agent_id": f"ICE-HD-{n:05d}"})
                truth.append({"expected_disposition": "DISCLOSE", "expected_tin": h["_tin"],
                              "scenario": "hard"})
        if args.from_master:
            more, more_truth = from_master(folder, rows, args.from_master, args.seed)
            rows, truth = rows + more, truth + more_truth
        template = template_home(folder, work)
        base = decide(folder, template, work, "base", rows, day)
        print(f"{len(rows)} requests from {folder}; base: "
              + ", ".join(f"{k} {v}" for k, v in Counter(d[0] for d in base).most_common()))
        totals: Counter[str] = Counter()
        details: list[str] = []
        print(f"{'kind':22} {'changed':>7} {'differ':>6}  by class")
        plan: list[tuple[str, Variant | None]] = [(k.__name__, k) for k in KINDS + COMBOS]
        plan += [(f, None) for f in FILE_FORMATS]
        for name, kind in plan:
            if want and name not in want:
                continue
            rng = random.Random(f"{args.seed}:{name}")
            if kind is None:  # the same rows in another file format
                varied: list[Row | None] = list(rows)
                got = decide(folder, template, work, name, rows, day, name)
            else:
                varied = [kind(dict(r), rng) for r in rows]
                if not any(v is not None for v in varied):
                    print(f"{name:22} {0:7d}")
                    continue
                got = decide(folder, template, work, name,
                             [v if v is not None else r
                              for r, v in zip(rows, varied, strict=True)], day)
            n = sum(v is not None for v in varied)
            classes: Counter[str] = Counter()
            shown: Counter[str] = Counter()
            for i, v in enumerate(varied):
                if v is None or got[i] == base[i]:
                    continue
                cls = classify(base[i], got[i], truth[i])
                classes[cls] += 1
                if args.show and shown[cls] >= args.show:
                    continue
                shown[cls] += 1
                details.append(
                    f"[{name}] {cls} row {i + 1} ({truth[i]['scenario']}, due "
                    f"{truth[i]['expected_disposition']} {truth[i]['expected_tin']})\n"
                    f"    change: {_changed(rows[i], v)}\n"
                    f"    base:    {_short(base[i])}\n    variant: {_short(got[i])}")
            totals.update({"variants": n, "differ": sum(classes.values())})
            totals.update(classes)
            print(f"{name:22} {n:7d} {sum(classes.values()):6d}  "
                  + ", ".join(f"{k} {v}" for k, v in sorted(classes.items())), flush=True)
        print(f"\ntotal: {totals['variants']} variants, {totals['differ']} decided differently: "
              + ", ".join(f"{k} {v}" for k, v in sorted(totals.items())
                          if k not in ("variants", "differ"))
              + f"  ({time.perf_counter() - t_start:.0f} s)")
        for line in details:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

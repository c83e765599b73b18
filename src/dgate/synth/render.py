"""Compact chunks to the master extract's text columns (master-format.md), vectorized.

The agency holds names and addresses inconsistently: case, accents, compound surnames joined
by space or hyphen or cut to the paternal one, double given names split into first + middle,
middle names as initials, street suffixes abbreviated or spelled out, unit designators.
Every such choice is drawn per row here, from the chunk's own generator.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dgate.synth.geo import Geography, unit_labels
from dgate.synth.namebook import NameBook
from dgate.synth.population import NO_DATE, SOURCES, SUFFIXES, People, Rows
from dgate.synth.tables_places import PREDIRECTIONS, STREET_NAMES, STREET_SUFFIXES

TAXPAYER_SCHEMA = pa.schema([
    ("tin", pa.string()), ("tin_type", pa.string()), ("first_name", pa.string()),
    ("middle_name", pa.string()), ("last_name", pa.string()), ("name_suffix", pa.string()),
    ("date_of_birth", pa.date32()), ("date_of_death", pa.date32()),
])

ADDRESS_SCHEMA = pa.schema([
    ("tin", pa.string()), ("street", pa.string()), ("unit", pa.string()), ("city", pa.string()),
    ("state", pa.string()), ("zip", pa.string()), ("source", pa.string()),
    ("tax_year", pa.int32()), ("effective_date", pa.date32()),
])


def title_words(text: str) -> str:
    """Title case that leaves "1ST" as "1st" (str.title would give "1St")."""
    return " ".join(w[:1].upper() + w[1:].lower() if w[:1].isalpha() else w.lower()
                    for w in text.split(" "))


def tin_text(tin: np.ndarray) -> pa.Array:
    return pc.utf8_lpad(pa.array(tin).cast(pa.string()), 9, "0")


def _take(table: pa.Array, index: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    idx = pa.array(index, mask=None if valid is None else ~valid)
    return table.take(idx)


def _pick(rng: np.random.Generator, p: list[float], n: int) -> np.ndarray:
    return rng.choice(len(p), size=n, p=p)


def taxpayers_table(rng: np.random.Generator, people: People, book: NameBook) -> pa.Table:
    n = people.tin.size
    title = rng.random(n) < 0.25
    accent = people.hispanic & (rng.random(n) < 0.4)
    var = title.astype(np.int64) * 2 + accent
    first = people.first.astype(np.int64)
    split = book.is_double[first] & (rng.random(n) < 0.4)
    given = pc.if_else(pa.array(split), _take(book.head_var, 4 * first + var),
                       _take(book.first_var, 4 * first + var))
    mid = people.middle.astype(np.int64)
    has_mid = mid >= 0
    as_initial = rng.random(n) < 0.4
    middle_full = _take(book.first_var, 4 * np.maximum(mid, 0) + var, has_mid)
    middle_init = _take(book.initial, np.maximum(mid, 0), has_mid)
    middle = pc.if_else(pa.array(as_initial), middle_init, middle_full)
    middle = pc.if_else(pa.array(split), _take(book.tail_var, 4 * first + var), middle)
    s1 = _take(book.sur_var, 4 * people.sur1.astype(np.int64) + var)
    has2 = people.sur2 >= 0
    s2 = _take(book.sur_var, 4 * np.maximum(people.sur2, 0).astype(np.int64) + var, has2)
    join = _pick(rng, [0.70, 0.15, 0.15], n)  # space, hyphen, paternal only
    sep = pa.array(np.array([" ", "-", ""])[join])
    s2 = pc.if_else(pa.array(join == 2), pa.nulls(n, pa.string()), s2)
    last = pc.coalesce(pc.binary_join_element_wise(s1, s2, sep), s1)
    # JR/SR written "Jr"/"Sr" in title-cased records; roman numerals stay upper case.
    suffix_var = pa.array([None, None] + [v for s in SUFFIXES[1:]
                                          for v in (s, s.title() if s in ("JR", "SR") else s)])
    suffix = _take(suffix_var, 2 * people.suffix.astype(np.int64) + title)
    dod = pa.array(people.dod, mask=people.dod == NO_DATE).cast(pa.date32())
    return pa.Table.from_arrays([
        tin_text(people.tin), pa.array(np.where(people.itin, "ITIN", "SSN")), given, middle, last,
        suffix, pa.array(people.dob).cast(pa.date32()), dod,
    ], schema=TAXPAYER_SCHEMA)


@cache
def _street_tables() -> tuple[pa.Array, pa.Array, pa.Array]:
    """Variant tables indexed 4 * entry + style; style 0 upper abbreviated, 1 title
    abbreviated, 2 upper spelled out, 3 title spelled out."""
    def four(abbr: str, full: str) -> list[str | None]:
        if not abbr:
            return [None] * 4
        return [abbr, title_words(abbr), full, title_words(full)]
    pre = pa.array([v for a, f, _ in PREDIRECTIONS for v in four(a, f)], pa.string())
    suf = pa.array([v for a, f, _ in STREET_SUFFIXES for v in four(a, f)], pa.string())
    name = pa.array([v for s in STREET_NAMES for v in (s, title_words(s), s, title_words(s))],
                    pa.string())
    return pre, suf, name


def street_text(geo: Geography, building: np.ndarray, style: np.ndarray,
                house: np.ndarray | None = None) -> pa.Array:
    """Number and street line for buildings, in the given style (see _street_tables)."""
    pre_t, suf_t, name_t = _street_tables()
    street = geo.bldg_street[building]
    house = geo.bldg_house[building] if house is None else house
    return pc.binary_join_element_wise(
        pa.array(house).cast(pa.string()),
        _take(pre_t, 4 * geo.street_predir[street].astype(np.int64) + style),
        _take(name_t, 4 * geo.street_name[street].astype(np.int64) + style),
        _take(suf_t, 4 * geo.street_suffix[street].astype(np.int64) + style),
        " ", null_handling="skip",
    )


def addresses_table(rng: np.random.Generator, rows: Rows, people_tin: np.ndarray,
                    person0: int, geo: Geography) -> pa.Table:
    n = rows.person.size
    style = _pick(rng, [0.75, 0.12, 0.08, 0.05], n)
    street = street_text(geo, rows.building, style)
    has_unit = rows.unit >= 0
    label = unit_labels(geo.bldg_unit_style[rows.building], np.maximum(rows.unit, 0))
    designator = np.array(["APT", "UNIT", "#", "Apt", ""])[_pick(rng, [0.6, 0.1, 0.1, 0.1, 0.1], n)]
    unit = pc.binary_join_element_wise(pa.array(designator), label, " ")
    unit = pc.if_else(pa.array(designator == ""), label, unit)
    unit = pc.if_else(pa.array(has_unit), unit, pa.nulls(n, pa.string()))
    zip_idx = geo.street_zip[geo.bldg_street[rows.building]].astype(np.int64)
    city_var = pa.array([v for c in geo.zip_city for v in (c.upper(), c)], pa.string())
    city = _take(city_var, 2 * zip_idx + (rng.random(n) < 0.2))
    tax_year = pa.array(rows.tax_year.astype(np.int32), mask=rows.tax_year < 0)
    return pa.Table.from_arrays([
        tin_text(people_tin[rows.person - person0]), street, unit, city,
        _take(pa.array(geo.zip_state), zip_idx), _take(pa.array(geo.zip_code), zip_idx),
        _take(pa.array(SOURCES), rows.source.astype(np.int64)), tax_year,
        pa.array(rows.effective).cast(pa.date32()),
    ], schema=ADDRESS_SCHEMA)

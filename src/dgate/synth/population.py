"""Households, taxpayers and address histories as compact arrays, one chunk at a time.

Each chunk is drawn from its own generator (seed, chunk number), so the result depends only
on the seed and the sizes. Nothing here loops over people in Python: households are drawn as
arrays, members are expanded with `np.repeat`, histories likewise.

Household model: a head, often a spouse, and adult children sharing a dwelling and moving
together. Hispanic households carry paternal + maternal surnames; a son may carry his
father's full name with JR (the father then SR or no suffix). Each household files returns
from 1-4 dwellings over the tax years; some later send a Form 8822 or are updated from NCOA.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import TypeVar

import numpy as np

from dgate.synth.geo import Geography
from dgate.synth.namebook import NameBook

EPOCH = date(1970, 1, 1)
NO_DATE = np.iinfo(np.int32).min
SOURCES = ("RETURN", "FORM_8822", "NCOA")
SOURCE_RETURN, SOURCE_8822, SOURCE_NCOA = 0, 1, 2
SUFFIXES = ("", "JR", "SR", "II", "III", "IV")
SUFFIX_JR, SUFFIX_SR = 1, 2
ITIN_GROUPS = np.array([*range(50, 66), *range(70, 89), *range(90, 93), *range(94, 100)])
SSN_SPACE = 898 * 99 * 9999        # areas 001-899 without 666, groups 01-99, serials 0001-9999
ITIN_SPACE = 100 * ITIN_GROUPS.size * 10000


def days(d: date) -> int:
    return (d - EPOCH).days


def last_filed_year(as_of: date) -> int:
    """Returns for a tax year are processed by the end of April of the next year."""
    return as_of.year - 1 if as_of >= date(as_of.year, 5, 1) else as_of.year - 2


@dataclass(frozen=True, slots=True)
class People:
    """Per taxpayer (one chunk, or the whole population after `concat`)."""

    tin: np.ndarray        # int64
    itin: np.ndarray       # bool
    household: np.ndarray  # int32, global
    hispanic: np.ndarray   # bool
    female: np.ndarray     # bool
    first: np.ndarray      # int16 NameBook.first entry
    middle: np.ndarray     # int16 entry or -1
    sur1: np.ndarray       # int16 NameBook.surname entry
    sur2: np.ndarray       # int16 entry or -1
    suffix: np.ndarray     # int8 index into SUFFIXES
    dob: np.ndarray        # int32 days since 1970-01-01
    dod: np.ndarray        # int32 days, NO_DATE if alive


@dataclass(frozen=True, slots=True)
class Rows:
    """Per address row, grouped by taxpayer in taxpayer order."""

    person: np.ndarray     # int32 global taxpayer index
    building: np.ndarray   # int32
    unit: np.ndarray       # int32 unit index, -1 for none
    source: np.ndarray     # int8 index into SOURCES
    tax_year: np.ndarray   # int16, -1 for none
    effective: np.ndarray  # int32 days


T = TypeVar("T", "People", "Rows")


def concat(parts: list[T], cls: type[T]) -> T:
    """One People (or Rows) from the chunks' arrays, field by field."""
    return cls(**{f.name: np.concatenate([getattr(p, f.name) for p in parts])
                  for f in fields(cls)})


@dataclass(frozen=True, slots=True)
class TinKeys:
    """Affine bijections from ordinal to TIN rank: unique TINs without a lookup table."""

    ssn_a: int
    ssn_b: int
    itin_a: int
    itin_b: int

    @staticmethod
    def draw(rng: np.random.Generator) -> TinKeys:
        def coprime(n: int) -> int:
            while True:
                a = int(rng.integers(n // 3, n // 2))
                if np.gcd(a, n) == 1:
                    return a
        return TinKeys(coprime(SSN_SPACE), int(rng.integers(0, SSN_SPACE)),
                       coprime(ITIN_SPACE), int(rng.integers(0, ITIN_SPACE)))

    def ssn(self, ordinal: np.ndarray) -> np.ndarray:
        r = (self.ssn_a * ordinal.astype(np.int64) + self.ssn_b) % SSN_SPACE
        area = r // (99 * 9999) + 1
        area = area + (area >= 666)
        group = (r // 9999) % 99 + 1
        serial = r % 9999 + 1
        return area * 1_000_000 + group * 10_000 + serial

    def itin(self, ordinal: np.ndarray) -> np.ndarray:
        r = (self.itin_a * ordinal.astype(np.int64) + self.itin_b) % ITIN_SPACE
        area = 900 + r // (ITIN_GROUPS.size * 10000)
        group = ITIN_GROUPS[(r // 10000) % ITIN_GROUPS.size]
        return area * 1_000_000 + group * 10_000 + r % 10000


@dataclass(slots=True)
class Counters:
    """Running totals carried from chunk to chunk."""

    person: int = 0
    household: int = 0
    ssn: int = 0
    itin: int = 0


def draw_chunk(rng: np.random.Generator, n: int, *, geo: Geography, book: NameBook,
               metro_p: tuple[np.ndarray, np.ndarray], tins: TinKeys, counters: Counters,
               as_of: date, hispanic_share: float) -> tuple[People, Rows]:
    sizes = _household_sizes(rng, n)
    h = sizes.size
    hh = np.repeat(np.arange(h), sizes)
    start = np.cumsum(sizes) - sizes
    pos = np.arange(n) - start[hh]
    hisp_h = rng.random(h) < hispanic_share
    spouse_h = (sizes >= 2) & (rng.random(h) < 0.75)
    hisp = hisp_h[hh]
    is_head = pos == 0
    is_spouse = (pos == 1) & spouse_h[hh]
    is_child = ~is_head & ~is_spouse
    male_head_h = rng.random(h) < np.where(spouse_h, 0.85, 0.5)
    female = np.where(is_head, ~male_head_h[hh],
                      np.where(is_spouse, male_head_h[hh], rng.random(n) < 0.5))
    first = book.draw_first(rng, hisp.astype(np.int64) * 2 + female)
    has_middle = rng.random(n) < np.where(hisp, 0.15, 0.55)
    middle = np.where(has_middle & ~book.is_double[first],
                      book.draw_first(rng, hisp.astype(np.int64) * 2 + female), -1)
    sur1, sur2 = _surnames(rng, book, hh, start, hisp, female, is_head, is_spouse, spouse_h)
    suffix = np.zeros(n, dtype=np.int8)
    _juniors(rng, hh, start, is_child, female, male_head_h, first, middle, sur1, sur2, suffix)
    other = (~hisp & ~female & (suffix == 0) & (rng.random(n) < 0.01))
    suffix[other] = rng.integers(3, 6, int(other.sum()))
    dob, dod = _dates(rng, n, hh, start, is_head, is_spouse, as_of)
    itin = rng.random(n) < np.where(hisp, 0.14, 0.01)
    tin = np.empty(n, dtype=np.int64)
    n_itin = int(itin.sum())
    tin[itin] = tins.itin(counters.itin + np.arange(n_itin))
    tin[~itin] = tins.ssn(counters.ssn + np.arange(n - n_itin))
    people = People(
        tin=tin, itin=itin, household=(counters.household + hh).astype(np.int32), hispanic=hisp,
        female=female, first=first, middle=middle.astype(np.int16), sur1=sur1, sur2=sur2,
        suffix=suffix, dob=dob, dod=dod,
    )
    metro_h = np.where(hisp_h, _choice(rng, metro_p[0], h), _choice(rng, metro_p[1], h))
    rows = _histories(rng, geo, sizes, start, metro_h, metro_p, as_of, counters.person)
    counters.person += n
    counters.household += h
    counters.itin += n_itin
    counters.ssn += n - n_itin
    return people, rows


def _choice(rng: np.random.Generator, p: np.ndarray, size: int) -> np.ndarray:
    pick = np.searchsorted(np.cumsum(p), rng.random(size) * p.sum(), side="right")
    return pick.clip(0, p.size - 1)


def _household_sizes(rng: np.random.Generator, n: int) -> np.ndarray:
    sizes = rng.choice([1, 2, 3, 4, 5], size=n // 2 + 8, p=[0.30, 0.30, 0.17, 0.14, 0.09])
    cum = np.cumsum(sizes)
    h = int(np.searchsorted(cum, n)) + 1
    sizes = sizes[:h].copy()
    sizes[-1] -= int(cum[h - 1]) - n
    return sizes


def _surnames(rng: np.random.Generator, book: NameBook, hh: np.ndarray, start: np.ndarray,
              hisp: np.ndarray, female: np.ndarray, is_head: np.ndarray, is_spouse: np.ndarray,
              spouse_h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Heads draw their own; spouses keep theirs or take the head's; children take the
    head's paternal surname and, in Hispanic households, the spouse's as maternal."""
    n = hh.size
    own1 = book.draw_surname(rng, hisp)
    own2 = np.where(hisp & (rng.random(n) < 0.7), book.draw_surname(rng, np.ones(n, bool)), -1)
    head = start[hh]
    # a wife may take her husband's surname (rarely in Hispanic families)
    takes_head = is_spouse & female & (rng.random(n) < np.where(hisp, 0.25, 0.8))
    sur1 = np.where(is_head | ~(takes_head | ~is_spouse), own1, own1[head])
    sur2 = np.where(takes_head, -1, own2)
    child = ~is_head & ~is_spouse
    spouse_idx = np.minimum(head + 1, n - 1)
    sur1 = np.where(child, own1[head], sur1)
    mother = np.where(spouse_h[hh], own1[spouse_idx], own2)
    sur2 = np.where(child, np.where(hisp, mother, -1), sur2)
    return sur1.astype(np.int16), sur2.astype(np.int16)


def _juniors(rng: np.random.Generator, hh: np.ndarray, start: np.ndarray, is_child: np.ndarray,
             female: np.ndarray, male_head_h: np.ndarray, first: np.ndarray, middle: np.ndarray,
             sur1: np.ndarray, sur2: np.ndarray, suffix: np.ndarray) -> None:
    """The first son of a male head is, in one household in eight, his namesake (JR)."""
    sons = np.flatnonzero(is_child & ~female & male_head_h[hh])
    _, first_son = np.unique(hh[sons], return_index=True)
    jr = sons[first_son]
    jr = jr[rng.random(jr.size) < 0.125]
    father = start[hh[jr]]
    first[jr] = first[father]
    middle[jr] = middle[father]
    sur1[jr] = sur1[father]
    sur2[jr] = sur2[father]
    suffix[jr] = 1
    suffix[father[rng.random(father.size) < 0.5]] = 2


def _dates(rng: np.random.Generator, n: int, hh: np.ndarray, start: np.ndarray,
           is_head: np.ndarray, is_spouse: np.ndarray, as_of: date
           ) -> tuple[np.ndarray, np.ndarray]:
    today = days(as_of)
    head_age = rng.integers(22, 88, n)[start[hh]]
    age = np.where(is_head, head_age,
                   np.where(is_spouse, np.clip(head_age + rng.integers(-6, 7, n), 18, 95),
                            np.maximum(18, head_age - rng.integers(19, 40, n))))
    dob = (today - age * 365.25 - rng.integers(0, 365, n)).astype(np.int32)
    dead = rng.random(n) < np.where(age > 70, 0.035, 0.002)
    dod = np.where(dead, today - rng.integers(30, 5 * 365, n), NO_DATE).astype(np.int32)
    dod = np.where(dead & (dod <= dob), dob + 365 * 18, dod).astype(np.int32)
    return dob, dod


def _histories(rng: np.random.Generator, geo: Geography, sizes: np.ndarray, start: np.ndarray,
               metro_h: np.ndarray, metro_p: tuple[np.ndarray, np.ndarray], as_of: date,
               person0: int) -> Rows:
    """Household dwellings over the tax years, then copied to every member."""
    h = sizes.size
    today = days(as_of)
    last_ty = last_filed_year(as_of)
    n_ret = rng.choice([1, 2, 3, 4], size=h, p=[0.42, 0.34, 0.16, 0.08])
    last = last_ty - rng.choice([0, 1, 2], size=h, p=[0.9, 0.07, 0.03])
    update = rng.choice(5, size=h, p=[0.90, 0.05, 0.04, 0.005, 0.005])  # none/8822/NCOA/ties
    n_dw = n_ret + (update > 0)
    hrow = np.repeat(np.arange(h), n_dw)
    k = np.arange(hrow.size) - np.repeat(np.cumsum(n_dw) - n_dw, n_dw)  # 0 = oldest
    is_update = (update[hrow] > 0) & (k == n_dw[hrow] - 1)
    back = n_ret[hrow] - 1 - k  # returns back from the last one
    gaps = rng.choice([1, 2], size=hrow.size, p=[0.7, 0.3])
    # tax years strictly decrease going back: last - (sum of gaps of the later rows)
    g = np.where(k < n_ret[hrow], gaps, 0)
    cum = np.cumsum(g)
    later_gap = cum[(np.cumsum(n_dw) - 1)[hrow]] - cum
    tax_year = np.where(is_update, -1, last[hrow] - np.where(back > 0, later_gap, 0))
    jan25 = _jan25_days(tax_year + 1)
    eff = jan25 + rng.integers(0, 96, hrow.size)
    last_ret_eff = eff[np.cumsum(n_dw) - 1 - (update > 0)]
    span = np.maximum(today - 2 - last_ret_eff, 0)
    later = last_ret_eff + np.minimum(1 + (rng.random(h) * span).astype(np.int64), span)
    upd_eff = np.where(update >= 3, last_ret_eff, later)
    eff = np.where(is_update, upd_eff[hrow], eff)
    source = np.where(is_update, np.where(update[hrow] % 2 == 1, SOURCE_8822, SOURCE_NCOA),
                      SOURCE_RETURN)
    elsewhere = rng.random(hrow.size) < 0.1
    metro = np.where(elsewhere, _choice(rng, (metro_p[0] + metro_p[1]) / 2, hrow.size),
                     metro_h[hrow])
    building = geo.draw_buildings(rng, metro)
    units = geo.bldg_units[building]
    unit = np.where(units > 0, (rng.random(hrow.size) * units).astype(np.int64), -1)
    # expand household rows to members
    member_hh = np.repeat(np.arange(h), sizes)
    per_member = n_dw[member_hh]
    person = np.repeat(np.arange(sizes.sum()), per_member)
    offset = np.arange(person.size) - np.repeat(np.cumsum(per_member) - per_member, per_member)
    src_row = (np.cumsum(n_dw) - n_dw)[member_hh[person]] + offset
    return Rows(
        person=(person0 + person).astype(np.int32), building=building[src_row].astype(np.int32),
        unit=unit[src_row].astype(np.int32), source=source[src_row].astype(np.int8),
        tax_year=tax_year[src_row].astype(np.int16), effective=eff[src_row].astype(np.int32),
    )


def _jan25_days(year: np.ndarray) -> np.ndarray:
    """Days since 1970 of 25 January of each year (year <= 0 gives an unused value)."""
    y = np.clip(year, 1971, 2200)
    y0 = y - 1
    leaps = (y0 // 4 - y0 // 100 + y0 // 400) - (1969 // 4 - 1969 // 100 + 1969 // 400)
    return (y - 1970) * 365 + leaps + 24

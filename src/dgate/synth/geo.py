"""The synthetic built world: real ZIP codes, streets, and buildings with units.

Everything is drawn once, vectorized, before the population moves in. Buildings are grouped
by metro area so a household's moves stay mostly within its metro. House numbers on a street
are `base + 20 * rank + jitter` with jitter in 0..18, so `base + 20 * rank + 19` is a house
number no building has: `fresh_house` uses it for addresses guaranteed absent from the master.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import zipcodes

from dgate.synth.tables_places import METROS, PREDIRECTIONS, STREET_NAMES, STREET_SUFFIXES

# USPS codes of the 50 states and DC: the synthetic population lives there.
STATES: frozenset[str] = frozenset({
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY",
})

UNIT_LETTERS = "ABCDEF"


@dataclass(frozen=True, slots=True)
class Geography:
    """Column arrays of the built world. Buildings are sorted by metro."""

    zip_code: tuple[str, ...]        # per ZIP
    zip_city: tuple[str, ...]
    zip_state: tuple[str, ...]
    street_zip: np.ndarray           # per street: ZIP index
    street_predir: np.ndarray        # index into PREDIRECTIONS (0: none)
    street_name: np.ndarray          # index into STREET_NAMES
    street_suffix: np.ndarray        # index into STREET_SUFFIXES
    street_base: np.ndarray          # first house number on the street
    bldg_street: np.ndarray          # per building: street index
    bldg_rank: np.ndarray            # rank on its street (house = base + 20 * rank + jitter)
    bldg_house: np.ndarray           # house number
    bldg_units: np.ndarray           # 0 for a single dwelling without unit
    bldg_unit_style: np.ndarray      # 0 floor+letter, 1 floor+number, 2 number, 3 letter
    bldg_metro: np.ndarray
    bldg_cumweight: np.ndarray       # cumulative dwelling weight, in building order
    metro_first: np.ndarray          # per metro: first building index
    metro_last: np.ndarray           # per metro: one past the last building index

    @property
    def n_buildings(self) -> int:
        return int(self.bldg_street.size)

    def building_zip(self, b: int) -> int:
        return int(self.street_zip[self.bldg_street[b]])

    def draw_buildings(self, rng: np.random.Generator, metro: np.ndarray) -> np.ndarray:
        """One building per entry of `metro`, weighted by its number of dwellings."""
        lo = np.where(self.metro_first > 0, self.bldg_cumweight[self.metro_first - 1], 0.0)
        hi = self.bldg_cumweight[self.metro_last - 1]
        u = lo[metro] + rng.random(metro.size) * (hi[metro] - lo[metro])
        b = np.searchsorted(self.bldg_cumweight, u, side="right")
        return np.minimum(b, self.metro_last[metro] - 1)

    def fresh_house(self, b: int) -> int:
        """A house number on building b's street that no building has."""
        s = int(self.bldg_street[b])
        return int(self.street_base[s]) + 20 * int(self.bldg_rank[b]) + 19


def unit_labels(style: np.ndarray, unit: np.ndarray) -> pa.Array:
    """The unit identifier ("4B", "204", "12", "B") for building style and 0-based unit index.
    One function for the vectorized master and the per-request path keeps them identical."""
    style = np.asarray(style, dtype=np.int64)
    unit = np.asarray(unit, dtype=np.int64)
    floor6 = pa.array(unit // 6 + 1).cast(pa.string())
    letter6 = pa.array(np.array(list(UNIT_LETTERS))[unit % 6])
    floor_letter = pc.binary_join_element_wise(floor6, letter6, "")
    floor_number = pa.array((unit // 10 + 1) * 100 + unit % 10 + 1).cast(pa.string())
    number = pa.array(unit + 1).cast(pa.string())
    letter = pa.array(np.array(list(UNIT_LETTERS))[np.minimum(unit, 5)])
    out = pc.case_when(
        pc.make_struct(pa.array(style == 0), pa.array(style == 1), pa.array(style == 2)),
        floor_letter, floor_number, number, letter,
    )
    return out


def unit_label(style: int, unit: int) -> str:
    return str(unit_labels(np.array([style]), np.array([unit]))[0].as_py())


def _standard_zips() -> list[dict[str, object]]:
    return [z for z in zipcodes.list_all()
            if z["zip_code_type"] == "STANDARD" and z["active"] and z["state"] in STATES]


def _metro_zips(rows: list[dict[str, object]], metro_index: int) -> list[dict[str, object]]:
    metro = METROS[metro_index]
    metro_counties = {(m.state, c) for m in METROS for c in m.counties}
    if metro.state:
        rows = [z for z in rows if z["state"] == metro.state and z["county"] in metro.counties]
    else:
        rows = [z for z in rows if (z["state"], z["county"]) not in metro_counties]
    return sorted(rows, key=lambda z: str(z["zip_code"]))


def metro_weights(hispanic_share: float) -> np.ndarray:
    w = np.array([hispanic_share * m.weight_hispanic + (1 - hispanic_share) * m.weight_other
                  for m in METROS])
    return w / w.sum()


def build_geography(rng: np.random.Generator, taxpayers: int, hispanic_share: float) -> Geography:
    """Draw ZIPs, streets and buildings sized for `taxpayers` people over their histories."""
    capacity = max(600, int(taxpayers * 0.6))  # dwellings: turnover makes them shared over time
    weights = metro_weights(hispanic_share)
    zip_code: list[str] = []
    zip_city: list[str] = []
    zip_state: list[str] = []
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # per metro: zip idx, units, style
    all_zips = _standard_zips()
    for m in range(len(METROS)):
        cap_m = max(60, int(capacity * weights[m]))
        candidates = _metro_zips(all_zips, m)
        per_zip = 50 if not METROS[m].state else 400
        n_zip = int(np.clip(cap_m // per_zip, 2, len(candidates)))
        chosen = np.sort(rng.choice(len(candidates), size=n_zip, replace=False))
        first = len(zip_code)
        for i in chosen:
            z = candidates[int(i)]
            zip_code.append(str(z["zip_code"]))
            zip_city.append(str(z["city"]))
            zip_state.append(str(z["state"]))
        units, style = _draw_buildings(rng, cap_m)
        zip_weight = rng.lognormal(0.0, 0.6, n_zip)
        zidx = first + np.searchsorted(np.cumsum(zip_weight) / zip_weight.sum(),
                                       rng.random(units.size), side="right").clip(0, n_zip - 1)
        parts.append((zidx, units, style))
    bldg_zip = np.concatenate([p[0] for p in parts])
    bldg_units = np.concatenate([p[1] for p in parts])
    bldg_style = np.concatenate([p[2] for p in parts])
    bldg_metro = np.concatenate([np.full(p[0].size, m, dtype=np.int16)
                                 for m, p in enumerate(parts)])
    streets = _draw_streets(rng, len(zip_code), bldg_zip)
    s_zip, s_pre, s_name, s_suf, s_base, bldg_street = streets
    rank = _rank_within(bldg_street)
    jitter = rng.integers(0, 19, bldg_street.size)
    house = s_base[bldg_street] + 20 * rank + jitter
    dwell_weight = np.where(bldg_units == 0, 1.0, bldg_units * 0.9)
    metro_counts = np.bincount(bldg_metro, minlength=len(METROS))
    metro_last = np.cumsum(metro_counts)
    return Geography(
        zip_code=tuple(zip_code), zip_city=tuple(zip_city), zip_state=tuple(zip_state),
        street_zip=s_zip, street_predir=s_pre, street_name=s_name, street_suffix=s_suf,
        street_base=s_base, bldg_street=bldg_street, bldg_rank=rank, bldg_house=house,
        bldg_units=bldg_units, bldg_unit_style=bldg_style, bldg_metro=bldg_metro,
        bldg_cumweight=np.cumsum(dwell_weight), metro_first=metro_last - metro_counts,
        metro_last=metro_last,
    )


def _draw_buildings(rng: np.random.Generator, capacity: int) -> tuple[np.ndarray, np.ndarray]:
    """Units per building and unit style: half the dwellings are houses, a tenth small
    multi-family (2-4 units), the rest apartment buildings of 8 to 240 units."""
    n_house = capacity // 2
    n_small = max(1, capacity // 30)
    apt_sizes: list[np.ndarray] = []
    left = capacity - n_house - 3 * n_small
    while left > 0:
        draw = np.clip(rng.lognormal(3.3, 0.8, max(4, left // 30)), 8, 240).astype(np.int32)
        keep = draw[np.cumsum(draw) <= left + 240]
        apt_sizes.append(keep)
        left -= int(keep.sum())
    apts = np.concatenate(apt_sizes) if apt_sizes else np.zeros(0, dtype=np.int32)
    small = rng.integers(2, 5, n_small).astype(np.int32)
    units = np.concatenate([np.zeros(n_house, np.int32), small, apts])
    style = np.concatenate([np.zeros(n_house, np.int8), np.full(n_small, 3, np.int8),
                            rng.choice(np.array([0, 1, 2], np.int8), apts.size, p=[0.4, 0.4, 0.2])])
    order = rng.permutation(units.size)
    return units[order], style[order]


def _draw_streets(rng: np.random.Generator, n_zip: int, bldg_zip: np.ndarray
                  ) -> tuple[np.ndarray, ...]:
    """Distinct streets per ZIP (about 12 buildings each) and each building's street."""
    per_zip = np.maximum(2, np.bincount(bldg_zip, minlength=n_zip) // 12 + 1)
    s_zip = np.repeat(np.arange(n_zip), per_zip)
    pre_w = np.array([p[2] for p in PREDIRECTIONS])
    suf_w = np.array([s[2] for s in STREET_SUFFIXES])
    pre = rng.choice(len(PREDIRECTIONS), s_zip.size, p=pre_w / pre_w.sum())
    name = rng.integers(0, len(STREET_NAMES), s_zip.size)
    suf = rng.choice(len(STREET_SUFFIXES), s_zip.size, p=suf_w / suf_w.sum())
    # A street is unique within its ZIP, else two buildings could share one address.
    key = ((s_zip.astype(np.int64) * 8 + pre) * 1024 + name) * 16 + suf
    _, first = np.unique(key, return_index=True)
    first.sort()
    s_zip, pre, name, suf = s_zip[first], pre[first], name[first], suf[first]
    base = rng.integers(1, 90, s_zip.size) * 100
    zip_first = np.searchsorted(s_zip, np.arange(n_zip))
    zip_count = np.bincount(s_zip, minlength=n_zip)
    pick = (rng.random(bldg_zip.size) * zip_count[bldg_zip]).astype(np.int64)
    bldg_street = zip_first[bldg_zip] + pick
    return (s_zip.astype(np.int32), pre.astype(np.int8), name.astype(np.int16),
            suf.astype(np.int8), base.astype(np.int64), bldg_street.astype(np.int32))


def _rank_within(group: np.ndarray) -> np.ndarray:
    """0-based rank of each element among the elements with the same group value."""
    order = np.argsort(group, kind="stable")
    sorted_g = group[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_g)) + 1]
    run_start = np.repeat(starts, np.diff(np.r_[starts, sorted_g.size]))
    rank = np.empty(group.size, dtype=np.int64)
    rank[order] = np.arange(group.size) - run_start
    return rank

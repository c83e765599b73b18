"""Lookups over the compact master: co-residents of a building, name keys, last known rows.

The ground truth must be true of the master actually written: a request meant to disclose
must not have a second plausible taxpayer at its address, a fake person must not share a
name with anyone living in the building. These checks are made here against every address
row of every taxpayer, not against the household the scenario started from.
"""

from __future__ import annotations

import numpy as np

from dgate.synth.master import World
from dgate.synth.population import NO_DATE, SOURCE_8822, SOURCE_NCOA, SOURCE_RETURN

# Last known address tie-break (master-format.md): FORM_8822 before RETURN before NCOA.
SOURCE_PRIORITY = np.zeros(3, dtype=np.int64)
SOURCE_PRIORITY[[SOURCE_8822, SOURCE_RETURN, SOURCE_NCOA]] = [2, 1, 0]


class Index:
    def __init__(self, world: World) -> None:
        self.world = world
        p, book = world.people, world.book
        self._order = np.argsort(world.rows.building, kind="stable")
        self._sorted_bldg = world.rows.building[self._order]
        self.first_key = book.first_key[p.first]
        alt_mid = np.where(p.middle >= 0, book.first_key[np.maximum(p.middle, 0)], -1)
        self.alt_key = np.where(book.tail_key[p.first] >= 0, book.tail_key[p.first], alt_mid)
        self.sur_tok1 = book.sur_tok[p.sur1]
        self.sur_tok2 = np.where(p.sur2 >= 0, book.sur_tok[np.maximum(p.sur2, 0)], -1)
        width = int(book.sur_tok.max()) + 2
        keys = np.concatenate([self.first_key.astype(np.int64) * width + self.sur_tok1,
                               self.first_key.astype(np.int64) * width + self.sur_tok2])
        self._name_keys = np.unique(keys)
        self._width = width

    # --- buildings -------------------------------------------------------------------
    def row_ids_in(self, building: int) -> np.ndarray:
        # the key in the array's own dtype: a Python int would make numpy cast the array
        key = self._sorted_bldg.dtype.type(building)
        lo = np.searchsorted(self._sorted_bldg, key, side="left")
        hi = np.searchsorted(self._sorted_bldg, key, side="right")
        return self._order[lo:hi]

    def residents(self, building: int) -> np.ndarray:
        """Every taxpayer who ever held an address in the building (any unit)."""
        return np.unique(self.world.rows.person[self.row_ids_in(building)])

    def unit_held(self, building: int, unit: int) -> bool:
        return bool(np.any(self.world.rows.unit[self.row_ids_in(building)] == unit))

    # --- names -----------------------------------------------------------------------
    def confusable(self, others: np.ndarray, fk: int, ak: int, st1: int, st2: int) -> np.ndarray:
        """Which of `others` a request with these name keys could plausibly mean: same
        (canonical) first given name, either way round with a second given name, and a
        surname token in common."""
        ofk, oak = self.first_key[others], self.alt_key[others]
        given = (ofk == fk) | (oak == fk) | ((ak >= 0) & (ofk == ak))
        return given & self.shares_surname(others, st1, st2)

    def shares_surname(self, others: np.ndarray, st1: int, st2: int) -> np.ndarray:
        o1, o2 = self.sur_tok1[others], self.sur_tok2[others]
        hit = (o1 == st1) | (o2 == st1)
        if st2 >= 0:
            hit |= (o1 == st2) | (o2 == st2)
        return hit

    def keys_of(self, person: int) -> tuple[int, int, int, int]:
        return (int(self.first_key[person]), int(self.alt_key[person]),
                int(self.sur_tok1[person]), int(self.sur_tok2[person]))

    def name_exists(self, fk: int, st: int) -> bool:
        key = fk * self._width + st
        i = np.searchsorted(self._name_keys, key)
        return bool(i < self._name_keys.size and self._name_keys[i] == key)

    # --- people ----------------------------------------------------------------------
    def deceased(self, person: int) -> bool:
        return bool(self.world.people.dod[person] != NO_DATE)

    def last_known_row(self, person: int) -> int:
        rows = self.world.rows
        ids = np.arange(self.world.row_start[person], self.world.row_start[person + 1])
        score = rows.effective[ids].astype(np.int64) * 4 + SOURCE_PRIORITY[rows.source[ids]]
        return int(ids[np.argmax(score)])

    def dwellings(self, person: int) -> list[tuple[int, int]]:
        rows = self.world.rows
        ids = self.world.rows_of(person)
        return sorted({(int(rows.building[i]), int(rows.unit[i])) for i in ids})

    def household_head(self, person: int) -> int:
        hh = self.world.people.household
        return int(np.searchsorted(hh, hh[person], side="left"))

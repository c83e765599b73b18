"""Request scenarios: who is asked for, how the request is written, what must come of it.

Each builder draws a person (or invents one) from the master actually written, writes the
request as another agency would, and states the expected outcome. Every expectation is
checked against the whole master through `Index`: a subject meant to be disclosed has no
namesake among the building's residents, a fake person shares no name with them, and no
two records of a batch are for the same name unless the duplicate scenario says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from dgate.errors import UsageError
from dgate.synth.defects import DEFECTS
from dgate.synth.index import Index
from dgate.synth.noise import NameParts, request_address, request_name
from dgate.synth.population import EPOCH, NO_DATE, last_filed_year

# Default mix: about 55% true subjects, the rest spread over near misses and defects.
DEFAULT_MIX: dict[str, float] = {
    "true_current": 0.39, "true_old": 0.15, "not_in_master": 0.08, "name_only": 0.05,
    "address_only": 0.05, "ambiguous": 0.03, "conflict_dob": 0.03, "deceased": 0.02,
    **{name: 0.012 for name in DEFECTS if name not in ("caseload", "duplicate_person")},
    "duplicate_person": 0.02,  # records, in pairs: original + repeat
}
SCENARIOS: tuple[str, ...] = (*DEFAULT_MIX, "caseload")
CASELOAD_CAP = 100  # decisions.md default plausible caseload within 365 days
TRIES = 400


@dataclass(slots=True)
class Draft:
    """One record before ids, case numbers and agents are assigned."""

    scenario: str
    fields: dict[str, str]
    disposition: str
    code: str
    subject: int = -1         # the taxpayer the scenario was built on, -1 for none
    expected: int = -1        # whose last known address is disclosed, -1 for none
    dup_of: int = -1          # index of the draft this one repeats (R_DUPLICATE)
    modes: set[str] = field(default_factory=set)  # id_repeat, id_missing, case_missing, …


def allocate(total: int, mix: dict[str, float]) -> dict[str, int]:
    """Counts per scenario by largest remainder, in SCENARIOS order (deterministic)."""
    unknown = sorted(set(mix) - set(SCENARIOS))
    if unknown:
        raise UsageError(f"unknown synthetic scenario name(s): {', '.join(unknown)}")
    if any(w < 0 for w in mix.values()) or sum(mix.values()) <= 0:
        raise UsageError("scenario mix weights must be non-negative with a positive sum")
    names = [s for s in SCENARIOS if mix.get(s, 0) > 0]
    weight = np.array([mix[s] for s in names], dtype=float)
    exact = weight / weight.sum() * total
    counts = np.floor(exact).astype(int)
    order = np.argsort(-(exact - counts), kind="stable")
    for i in order[: total - counts.sum()]:
        counts[i] += 1
    out = {s: int(c) for s, c in zip(names, counts, strict=True)}
    if 0 < out.get("caseload", 0) <= CASELOAD_CAP:
        raise UsageError(f"the caseload scenario needs more than {CASELOAD_CAP} records")
    _make_room_for_pairs(out)
    return out


def _make_room_for_pairs(out: dict[str, int]) -> None:
    """duplicate_person counts records, and its records come in pairs (an original that
    discloses, then its repeat): out[...] becomes the number of pairs; an odd record left
    over becomes a true_current record."""
    records = out.get("duplicate_person", 0)
    if records:
        out["duplicate_person"] = records // 2
        if records % 2:
            out["true_current"] = out.get("true_current", 0) + 1


class Builder:
    def __init__(self, index: Index, rng: np.random.Generator, *, as_of: date,
                 signed_at: date) -> None:
        self.ix = index
        self.world = index.world
        self.geo = index.world.geo
        self.book = index.world.book
        self.rng = rng
        self.as_of = as_of
        self.signed_at = signed_at
        self.used_people: set[int] = set()
        self.used_names: set[tuple[int, int]] = set()
        people = self.world.people
        self.juniors = np.flatnonzero(people.suffix == 1)
        self.dead = np.flatnonzero(people.dod != NO_DATE)

    # --- legal parts of a sufficient record ----------------------------------------------
    def legal(self) -> dict[str, str]:
        rng = self.rng
        last = last_filed_year(self.as_of)
        if rng.random() < 0.6:
            years = sorted(rng.choice(np.arange(last - 5, last + 1), int(rng.integers(1, 4)),
                                      replace=False).tolist())
            periods = ";".join(str(y) for y in years)
        else:
            a = int(rng.integers(last - 5, last))
            periods = f"{a}-{int(rng.integers(a + 1, last + 1))}"
        statute = str(rng.choice(["", "8 U.S.C. 1253(a)(1)", "8 USC 1253(a)(1)",
                                  "8 U.S.C. § 1253(a)(1)"], p=[0.6, 0.2, 0.1, 0.1]))
        order = self.signed_at - timedelta(days=int(rng.integers(120, 3 * 365)))
        r = rng.random()
        digits = "".join(str(d) for d in rng.integers(0, 10, 9))
        a_number = f"A{digits}" if r < 0.6 else (digits if r < 0.8 else "")
        return {"taxable_periods": periods, "statute": statute,
                "final_order_date": order.isoformat(), "a_number": a_number}

    # --- people --------------------------------------------------------------------
    def parts(self, p: int) -> NameParts:
        pp = self.world.people
        return NameParts(int(pp.first[p]), int(pp.middle[p]), int(pp.sur1[p]), int(pp.sur2[p]),
                         int(pp.suffix[p]))

    def name_key(self, p: int) -> tuple[int, int]:
        return int(self.ix.first_key[p]), int(self.ix.sur_tok1[p])

    def others_confusable(self, p: int, building: int) -> bool:
        res = self.ix.residents(building)
        res = res[res != p]
        return bool(self.ix.confusable(res, *self.ix.keys_of(p)).any())

    def same_surname_neighbour(self, p: int, building: int) -> bool:
        res = self.ix.residents(building)
        res = res[res != p]
        _, _, st1, st2 = self.ix.keys_of(p)
        return bool(self.ix.shares_surname(res, st1, st2).any())

    def dob_text(self, p: int) -> str:
        return (EPOCH + timedelta(days=int(self.world.people.dob[p]))).isoformat()

    def tin_text(self, p: int) -> str:
        t = f"{int(self.world.people.tin[p]):09d}"
        return f"{t[:3]}-{t[3:5]}-{t[5:]}" if self.rng.random() < 0.5 else t

    def take(self, p: int) -> None:
        self.used_people.add(p)
        self.used_names.add(self.name_key(p))

    def pick_subject(self, *, old: bool = False, dead: bool = False
                     ) -> tuple[int, int, int] | None:
        """A taxpayer, alive (or dead), unused, with no namesake at the chosen dwelling:
        (person, building, unit). `old` asks for a dwelling other than the last known."""
        n = self.world.people.tin.size
        # First look for a name not yet used in the batch; a large batch exhausts them (real
        # batches repeat common names too), so then a used name is accepted for another,
        # unused person — never at a dwelling where a resident could be confused with them.
        for attempt in range(2 * TRIES):
            p = int(self.rng.choice(self.dead)) if dead and self.dead.size else int(
                self.rng.integers(0, n))
            if p in self.used_people or (attempt < TRIES and self.name_key(p) in self.used_names):
                continue
            if self.ix.deceased(p) != dead:
                continue
            lk = self.ix.last_known_row(p)
            current = (int(self.world.rows.building[lk]), int(self.world.rows.unit[lk]))
            if old:
                choices = [d for d in self.ix.dwellings(p) if d != current]
                if not choices:
                    continue
                b, u = choices[int(self.rng.integers(0, len(choices)))]
            else:
                b, u = current
            if self.others_confusable(p, b):
                continue
            self.take(p)
            return p, b, u
        return None

    def subject_record(self, p: int, b: int, u: int, *, hard: int = 2, columns_only: bool = False
                       ) -> dict[str, str]:
        """The subject's request. `columns_only` keeps street and unit in their own columns
        (defect records break one column, so it must hold only its own part)."""
        rng = self.rng
        drop = u >= 0 and rng.random() < 0.15 and not self.same_surname_neighbour(p, b)
        f = {**request_name(rng, self.book, self.parts(p), hard_budget=hard),
             **request_address(rng, self.geo, b, u, drop_unit=drop,
                               one_line_p=0.0 if columns_only else 0.04,
                               inline_unit_p=0.0 if columns_only else 0.08),
             **self.legal()}
        f["date_of_birth"] = self.dob_text(p) if rng.random() < 0.35 else ""
        f["tin"] = self.tin_text(p) if rng.random() < 0.15 else ""
        return f

    # --- scenarios -------------------------------------------------------------------
    def true_subject(self, scenario: str) -> Draft | None:
        got = self.pick_subject(old=scenario == "true_old")
        if got is None:
            return None
        p, b, u = got
        return Draft(scenario, self.subject_record(p, b, u), "DISCLOSE", "M_MATCH", p, p)

    def deceased(self) -> Draft | None:
        got = self.pick_subject(dead=True)
        if got is None:
            return None
        p, b, u = got
        return Draft("deceased", self.subject_record(p, b, u, hard=1), "NOT_DISCLOSED",
                     "M_DECEASED", p)

    def conflict_dob(self) -> Draft | None:
        got = self.pick_subject()
        if got is None:
            return None
        p, b, u = got
        f = self.subject_record(p, b, u, hard=1)
        shift = int(self.rng.integers(2, 16)) * 365 + int(self.rng.integers(20, 300))
        dob = int(self.world.people.dob[p]) + (shift if self.rng.random() < 0.5 else -shift)
        f["date_of_birth"] = (EPOCH + timedelta(days=dob)).isoformat()
        f["tin"] = ""
        return Draft("conflict_dob", f, "NOT_DISCLOSED", "M_CONFLICT", p)

    def ambiguous(self) -> Draft | None:
        for jr in self.rng.permutation(self.juniors)[:TRIES]:
            jr = int(jr)
            father = self.ix.household_head(jr)
            pair = (jr, father)
            if any(q in self.used_people or self.ix.deceased(q) for q in pair):
                continue
            if self.name_key(jr) in self.used_names:
                continue
            lk = self.ix.last_known_row(jr)
            b, u = int(self.world.rows.building[lk]), int(self.world.rows.unit[lk])
            for q in pair:
                self.used_people.add(q)
            self.used_names.add(self.name_key(jr))
            f = {**request_name(self.rng, self.book, self.parts(jr), hard_budget=0, suffix_p=0),
                 **request_address(self.rng, self.geo, b, u), **self.legal(),
                 "date_of_birth": "", "tin": ""}
            return Draft("ambiguous", f, "NOT_DISCLOSED", "M_AMBIGUOUS", jr)
        return None

    def name_only(self) -> Draft | None:
        got = self.pick_subject()
        if got is None:
            return None
        p, b, _ = got
        own_streets = {int(self.geo.bldg_street[d]) for d, _ in self.ix.dwellings(p)}
        metro = np.array([int(self.geo.bldg_metro[b])])
        for _ in range(TRIES):
            other = int(self.geo.draw_buildings(self.rng, metro)[0])
            if int(self.geo.bldg_street[other]) not in own_streets:
                break
        else:
            return None
        f = {**request_name(self.rng, self.book, self.parts(p), hard_budget=1),
             **request_address(self.rng, self.geo, other, -1, house=self.geo.fresh_house(other)),
             **self.legal()}
        f["date_of_birth"] = self.dob_text(p) if self.rng.random() < 0.4 else ""
        f["tin"] = self.tin_text(p) if self.rng.random() < 0.25 else ""
        return Draft("name_only", f, "NOT_DISCLOSED", "M_NAME_ONLY", p)

    def fake_parts(self, building: int, surname_of: int = -1) -> NameParts | None:
        """A name nobody who ever lived in the building could be taken for."""
        rng, book = self.rng, self.book
        residents = self.ix.residents(building)
        for _ in range(50):
            hisp = rng.random() < 0.5
            group = np.array([2 * int(hisp) + int(rng.random() < 0.5)])
            first = int(book.draw_first(rng, group)[0])
            if surname_of >= 0:
                s1, s2 = int(self.world.people.sur1[surname_of]), -1
            else:
                s1 = int(book.draw_surname(rng, np.array([hisp]))[0])
                maternal = hisp and rng.random() < 0.5
                s2 = int(book.draw_surname(rng, np.array([True]))[0]) if maternal else -1
            fk = int(book.first_key[first])
            st1 = int(book.sur_tok[s1])
            st2 = int(book.sur_tok[s2]) if s2 >= 0 else -1
            if (fk, st1) in self.used_names:
                continue
            if self.ix.confusable(residents, fk, int(book.tail_key[first]), st1, st2).any():
                continue
            self.used_names.add((fk, st1))
            return NameParts(first, -1, s1, s2, 0)
        return None

    def _fake_record(self, parts: NameParts, addr: dict[str, str]) -> dict[str, str]:
        return {**request_name(self.rng, self.book, parts, hard_budget=0), **addr, **self.legal(),
                "date_of_birth": self.random_dob() if self.rng.random() < 0.35 else "",
                "tin": ""}

    def random_dob(self) -> str:
        age_days = int(self.rng.integers(19 * 365, 70 * 365))
        return (self.as_of - timedelta(days=age_days)).isoformat()

    def address_only(self) -> Draft | None:
        rows = self.world.rows
        for _ in range(TRIES):
            r = int(self.rng.integers(0, rows.person.size))
            b, u = int(rows.building[r]), int(rows.unit[r])
            same = int(rows.person[r]) if self.rng.random() < 0.5 else -1
            parts = self.fake_parts(b, same)
            if parts is None:
                continue
            addr = request_address(self.rng, self.geo, b, u)
            return Draft("address_only", self._fake_record(parts, addr), "NOT_DISCLOSED",
                         "M_ADDRESS_ONLY")
        return None

    def not_in_master(self) -> Draft | None:
        geo = self.geo
        for _ in range(TRIES):
            row = int(self.rng.integers(0, self.world.rows.person.size))
            b = int(self.world.rows.building[row])
            in_building = geo.bldg_units[b] >= 8 and self.rng.random() < 0.5
            parts = self.fake_parts(b)
            if parts is None:
                continue
            if in_building:  # a unit number beyond the building's: nobody ever held it
                unit = int(geo.bldg_units[b]) + int(self.rng.integers(0, 5))
                addr = request_address(self.rng, geo, b, unit)
            else:
                addr = request_address(self.rng, geo, b, -1, house=geo.fresh_house(b))
            st1 = int(self.book.sur_tok[parts.sur1])
            known = self.ix.name_exists(int(self.book.first_key[parts.first]), st1)
            return Draft("not_in_master", self._fake_record(parts, addr), "NOT_DISCLOSED",
                         "M_NAME_ONLY" if known else "M_NO_MATCH")
        return None

    def defect(self, scenario: str) -> Draft | None:
        got = self.pick_subject()
        if got is None:
            return None
        p, b, u = got
        f = self.subject_record(p, b, u, hard=1, columns_only=True)
        mutation, code = DEFECTS[scenario]
        if mutation is not None:
            mutation(self.rng, f, geo=self.geo, as_of=self.as_of, signed_at=self.signed_at)
        d = Draft(scenario, f, "REJECTED", code, p)
        if scenario == "case_missing":
            d.modes.add("case_missing" if self.rng.random() < 0.7 else "agent_missing")
        elif scenario == "request_id_repeat":
            d.modes.add("id_repeat" if self.rng.random() < 0.7 else "id_missing")
        elif scenario == "caseload":
            d.modes.add("overloaded")
        return d

    def build(self, scenario: str) -> list[Draft] | None:
        """The drafts of one scenario occurrence (two for a duplicate pair), or None when
        the master holds no suitable person."""
        if scenario in ("true_current", "true_old"):
            d = self.true_subject(scenario)
        elif scenario == "duplicate_person":
            first = self.true_subject("true_current")
            if first is None:
                return None
            first.scenario = "duplicate_original"
            again = Draft("duplicate_person", dict(first.fields), "REJECTED", "R_DUPLICATE",
                          first.subject)
            return [first, again]
        elif scenario in DEFECTS:
            d = self.defect(scenario)
        else:
            d = getattr(self, scenario)()
        return None if d is None else [d]

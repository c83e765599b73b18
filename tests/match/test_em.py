"""EM recovers known m probabilities from a simulated Fellegi–Sunter mixture."""

from __future__ import annotations

import dataclasses
import random

from dgate.match.em import estimate_m, estimate_u, trained_model
from dgate.match.model import MatchModel

TRUE_M = {"first": {5: 0.8, 4: 0.1, 2: 0.06, 0: 0.04},
          "last": {5: 0.85, 3: 0.1, 0: 0.05},
          "address": {5: 0.7, 4: 0.2, 0: 0.1}}
TRUE_U = {"first": {5: 0.01, 4: 0.01, 2: 0.03, 0: 0.95},
          "last": {5: 0.02, 3: 0.03, 0: 0.95},
          "address": {5: 0.001, 4: 0.004, 0: 0.995}}


def draw(rng: random.Random, table: dict[int, float]) -> int:
    x, acc = rng.random(), 0.0
    for level, p in table.items():
        acc += p
        if x < acc:
            return level
    return next(reversed(table))


def simulate(n: int, lam: float, seed: int) -> list[dict[str, int]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        src = TRUE_M if rng.random() < lam else TRUE_U
        out.append({c: draw(rng, src[c]) for c in src})
    return out


def test_em_recovers_m_with_u_fixed() -> None:
    vectors = simulate(20_000, 0.3, seed=1)
    u = {c: dict(t) for c, t in TRUE_U.items()}
    m, lam = estimate_m(vectors, u, comps=tuple(TRUE_M), lam=0.1)
    assert abs(lam - 0.3) < 0.02
    for comp, table in TRUE_M.items():
        for level, p in table.items():
            assert abs(m[comp][level] - p) < 0.03, (comp, level, m[comp][level], p)


def test_u_from_random_pairs_is_the_level_frequency() -> None:
    rng = random.Random(2)
    randoms = [{c: draw(rng, TRUE_U[c]) for c in TRUE_U} for _ in range(50_000)]
    u = estimate_u(randoms)
    assert abs(u["first"][0] - 0.95) < 0.01 and abs(u["address"][5] - 0.001) < 0.001
    # levels never seen still get a small, non-zero probability
    assert 0 < u["last"][4] < 1e-3


def test_session_only_estimates_its_comparisons() -> None:
    vectors = simulate(2_000, 0.5, seed=3)
    u = {c: dict(t) for c, t in TRUE_U.items()}
    m, _ = estimate_m(vectors, u, comps=("first",))
    assert set(m) == {"first"}


def test_trained_model_keeps_policy_and_changes_hash() -> None:
    base = MatchModel()
    m = {c: {lv: mu[0] for lv, mu in base.levels[c].items()} for c in
         ("first", "last", "middle", "suffix", "address", "dob")}
    u = {c: {lv: mu[1] for lv, mu in base.levels[c].items()} for c in m}
    same = trained_model(m, u, base)
    assert same.disclose_threshold == base.disclose_threshold
    # every policy parameter is the base model's, whatever it is set to
    tuned = dataclasses.replace(base, disclose_threshold_alone=0.985, ambiguity_margin_bits=7.0)
    kept = trained_model(m, u, tuned)
    assert (kept.disclose_threshold_alone, kept.ambiguity_margin_bits) == (0.985, 7.0)
    m["first"][5] = 0.5
    assert trained_model(m, u, base).content_hash() != base.content_hash()


# A household-shaped mixture, as met in the "address agrees" session: the person (first,
# last and DOB agree) among co-residents (surname often shared, first name and DOB not).
PERSON = {"first": {5: 0.9, 2: 0.05, 0: 0.05}, "last": {5: 0.85, 3: 0.1, 0: 0.05},
          "dob": {3: 0.9, 0: 0.1}}
COHAB = {"first": {5: 0.02, 2: 0.01, 0: 0.97}, "last": {5: 0.35, 3: 0.05, 0: 0.6},
         "dob": {3: 0.001, 0: 0.999}}
RANDOM = {"first": {5: 0.007, 2: 0.005, 0: 0.988}, "last": {5: 0.003, 3: 0.002, 0: 0.995},
          "dob": {3: 0.0002, 0: 0.9998}}


def household_vectors(n: int, share: float, seed: int, dob_missing: float = 0.0
                      ) -> list[dict[str, int]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        src = PERSON if rng.random() < share else COHAB
        v = {c: draw(rng, src[c]) for c in src}
        if rng.random() < dob_missing:
            v["dob"] = -1
        out.append(v)
    return out


def test_with_coresident_u_em_finds_the_person_not_the_household() -> None:
    vectors = household_vectors(20_000, 0.2, seed=3)
    comps = ("first", "last", "dob")
    # Against random-pair u, the shared surname looks like the signal of a match, and EM's
    # "match" class swallows the household: the failure measured on synthetic data.
    m_bad, lam_bad = estimate_m(vectors, {c: dict(t) for c, t in RANDOM.items()}, comps=comps)
    assert lam_bad > 0.4 and m_bad["first"][0] > 0.4
    # Against the u of co-residents, the classes are the person and the others.
    m, lam = estimate_m(vectors, {c: dict(t) for c, t in COHAB.items()}, comps=comps)
    assert abs(lam - 0.2) < 0.02
    assert abs(m["first"][5] - 0.9) < 0.03 and abs(m["dob"][3] - 0.9) < 0.03


def test_missing_levels_take_no_part_in_estimation() -> None:
    # Most requests lack a date of birth; the master pairs behind u always have one. A
    # missing DOB (-1) must neither be learned as a level nor sway the classes.
    vectors = household_vectors(20_000, 0.2, seed=4, dob_missing=0.65)
    u = {c: dict(t) for c, t in COHAB.items()}
    m, lam = estimate_m(vectors, u, comps=("first", "last", "dob"))
    assert -1 not in m["dob"]
    assert abs(lam - 0.2) < 0.02 and abs(m["dob"][3] - 0.9) < 0.04
    randoms = [{"dob": -1, "first": 0, "last": 0}] * 50 + [{"dob": 0, "first": 0, "last": 0}] * 50
    assert -1 not in estimate_u(randoms)["dob"]

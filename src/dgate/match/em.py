"""Estimating the match model's m and u probabilities (Fellegi–Sunter).

u — the chance of each comparison level between two different people — is estimated from
random pairs of taxpayers in the loaded master (nearly every random pair is a non-match).
m — the chance of each level for the same person — is estimated by expectation
maximisation over the comparison vectors of a training batch's blocked candidate pairs,
with u held fixed (the approach Splink also takes).

Training is a separate, recorded step that produces a versioned model artefact. A batch is
scored under the model in force; the model is never refitted on the batch being decided,
because then a record's decision would depend on the other records sent with it.
"""

from __future__ import annotations

import dataclasses
import math
import random
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

from dgate.match.model import DEFAULT_LEVELS, MatchModel

Levels = Mapping[str, int]
Table = dict[str, dict[int, float]]

TRAINED = ("first", "last", "middle", "suffix", "address", "dob")
_FLOOR = 1e-6
# Levels that mean "nothing to compare" (a date of birth or middle names missing). They
# weigh nothing when scoring, so they take no part in estimation either: counted in, a
# level that random master pairs never show (u at the floor) but most requests do (64% of
# candidate pairs lack a date of birth) becomes EM's strongest "match" signal.
NULL_LEVELS = {"dob": -1, "middle": -1}


def _observed(v: Levels, comp: str) -> bool:
    return comp in v and v[comp] != NULL_LEVELS.get(comp)


def _normalized(counts: Mapping[int, float], levels: Iterable[int],
                pseudo: float) -> dict[int, float]:
    """Frequencies with a small pseudo-count per level, so no level gets probability 0."""
    keys = sorted(set(levels) | set(counts))
    total = sum(counts.values()) + pseudo * len(keys)
    return {lv: max((counts.get(lv, 0.0) + pseudo) / total, _FLOOR) for lv in keys}


def _levels(comp: str) -> list[int]:
    return [lv for lv in DEFAULT_LEVELS[comp] if lv != NULL_LEVELS.get(comp)]


def estimate_u(random_pairs: Sequence[Levels], pseudo: float = 1.0) -> Table:
    """u per comparison and level from comparison vectors of random taxpayer pairs."""
    out: Table = {}
    for comp in TRAINED:
        counts: Counter[int] = Counter(v[comp] for v in random_pairs if _observed(v, comp))
        out[comp] = _normalized(counts, _levels(comp), pseudo)
    return out


def estimate_m(vectors: Sequence[Levels], u: Table, *, start: Table | None = None,
               lam: float = 0.1, iterations: int = 50, tol: float = 1e-6,
               pseudo: float = 0.1, comps: Sequence[str] = TRAINED) -> tuple[Table, float]:
    """EM for m (u fixed) over candidate pairs, using only the comparisons in `comps`.
    Returns (m for those comparisons, lambda)."""
    comps = tuple(comps)
    m: Table = {c: dict(t) for c, t in (start or {
        c: {lv: mu[0] for lv, mu in DEFAULT_LEVELS[c].items()
            if lv != NULL_LEVELS.get(c)} for c in comps}).items()
        if c in comps}
    for _ in range(iterations):
        weights = []
        for v in vectors:
            lm = math.log(lam) + sum(math.log(m[c].get(v[c], _FLOOR))
                                     for c in comps if _observed(v, c))
            lu = math.log(1 - lam) + sum(math.log(u[c].get(v[c], _FLOOR))
                                         for c in comps if _observed(v, c))
            top = max(lm, lu)
            pm = math.exp(lm - top)
            weights.append(pm / (pm + math.exp(lu - top)))
        new_lam = min(max(sum(weights) / max(len(weights), 1), 1e-6), 1 - 1e-6)
        new_m: Table = {}
        for comp in comps:
            counts: dict[int, float] = {}   # weighted: the counts are floats
            for w, v in zip(weights, vectors, strict=True):
                if _observed(v, comp):
                    counts[v[comp]] = counts.get(v[comp], 0.0) + w
            new_m[comp] = _normalized(counts, _levels(comp), pseudo)
        delta = max(abs(new_m[c][lv] - m[c].get(lv, 0.0)) for c in comps for lv in new_m[c])
        m, lam = new_m, new_lam
        if delta < tol:
            break
    return m, lam


# Splink-style sessions: each estimates m for some comparisons over the pairs that agree on
# others (the "blocking" of the session), leaving the blocking comparisons out of that
# session's likelihood — they agree by construction and would otherwise make EM find "same
# building" or "same family" instead of "same person".
SESSIONS: tuple[tuple[str, Callable[[Levels], bool], tuple[str, ...]], ...] = (
    ("names agree", lambda v: v.get("first", 0) >= 4 and v.get("last", 0) >= 4,
     ("address", "dob", "middle", "suffix")),
    ("address agrees", lambda v: v.get("address", 0) >= 4,
     ("first", "last", "middle", "suffix", "dob")),
)


def estimate_m_sessions(vectors: Sequence[Levels], u: Table, *, lam: float = 0.5,
                        session_u: Mapping[str, Table] | None = None
                        ) -> tuple[Table, dict[str, float]]:
    """m for every trained comparison from the sessions above; where two sessions both
    estimate a comparison, their estimates are averaged. Returns (m, lambda per session).

    `session_u` gives a session the u of the non-matches it really contains (pairs of
    different people who agree on that session's blocking comparisons) instead of the
    global, random-pair `u`."""
    sums: dict[str, list[dict[int, float]]] = {}
    lams: dict[str, float] = {}
    for name, chosen, comps in SESSIONS:
        subset = [v for v in vectors if chosen(v)]
        if len(subset) < 10:
            continue
        u_s = (session_u or {}).get(name, u)
        m, lam_s = estimate_m(subset, u_s, lam=lam, comps=comps)
        lams[name] = lam_s
        for comp, table in m.items():
            sums.setdefault(comp, []).append(table)
    out: Table = {}
    for comp in TRAINED:
        tables = sums.get(comp)
        if not tables:  # never estimated: keep the prior
            out[comp] = {lv: mu[0] for lv, mu in DEFAULT_LEVELS[comp].items()}
            continue
        levels = set().union(*tables)
        out[comp] = {lv: sum(t.get(lv, _FLOOR) for t in tables) / len(tables) for lv in levels}
    return out, lams


def trained_model(m: Table, u: Table, base: MatchModel | None = None,
                  prior: float | None = None) -> MatchModel:
    """A model with the estimated m and u for the trained comparisons; TIN and the policy
    parameters stay as in `base`. `prior` replaces the base's: with u measured on random
    pairs of the master, the consistent prior is 1 / (number of taxpayers)."""
    base = base or MatchModel()
    levels = {c: dict(t) for c, t in base.levels.items()}
    for comp in TRAINED:
        levels[comp] = {lv: (round(m[comp][lv], 6), round(u[comp][lv], 8))
                        for lv in sorted(m[comp]) if lv in u[comp]}
        null = NULL_LEVELS.get(comp)
        if null is not None and null in base.levels.get(comp, {}):
            levels[comp][null] = base.levels[comp][null]   # still weighs nothing
    # Every other parameter (the thresholds, the margin, the caps) is the base model's.
    return dataclasses.replace(base, levels=levels,
                               prior=base.prior if prior is None else prior)


def sample_indices(n: int, k: int, seed: int) -> list[tuple[int, int]]:
    """k pairs (i, j), i != j, drawn reproducibly from range(n)."""
    rng = random.Random(seed)
    pairs: list[tuple[int, int]] = []
    while len(pairs) < k and n > 1:
        i, j = rng.randrange(n), rng.randrange(n)
        if i != j:
            pairs.append((i, j))
    return pairs

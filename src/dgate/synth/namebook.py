"""Name tables as arrays: entries, draw weights per group, spelling variants and match keys.

A spelling variant is chosen per taxpayer: index `4 * entry + variant`, where variant is
`2 * title_case + accented` (upper/title case, accents dropped/kept). Keys are what makes
two names confusable: the canonical first given name (nicknames mapped) and the significant
surname tokens (particles dropped).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pyarrow as pa

from dgate.synth.tables_names import (
    FIRST_FEMALE,
    FIRST_FEMALE_HISPANIC,
    FIRST_MALE,
    FIRST_MALE_HISPANIC,
    NICKNAMES,
    SURNAME_PARTICLES,
    SURNAMES_GENERAL,
    SURNAMES_HISPANIC,
    fold,
)

NICK_TO_CANON: dict[str, str] = {n: c for c, nicks in NICKNAMES.items() for n in nicks}

# First-name groups: index = 2 * hispanic + female.
GROUPS = (FIRST_MALE, FIRST_FEMALE, FIRST_MALE_HISPANIC, FIRST_FEMALE_HISPANIC)


def canon_given(token: str) -> str:
    t = fold(token)
    return NICK_TO_CANON.get(t, t)


def significant_tokens(surname: str) -> tuple[str, ...]:
    toks = fold(surname).replace("-", " ").split()
    sig = tuple(t for t in toks if t not in SURNAME_PARTICLES)
    return sig or tuple(toks)


def _variants(text: str | None) -> list[str | None]:
    if text is None:
        return [None] * 4
    plain = fold(text)
    return [plain, text.upper(), plain.title(), text.title()]


def _merge(lists: tuple[tuple[tuple[str, float], ...], ...]) -> tuple[list[str], np.ndarray]:
    """Union of entries keyed by folded form (accented spelling wins); weights per list."""
    names: list[str] = []
    index: dict[str, int] = {}
    for lst in lists:
        for name, _ in lst:
            key = fold(name)
            if key not in index:
                index[key] = len(names)
                names.append(name)
            elif name != key:
                names[index[key]] = name
    weights = np.zeros((len(lists), len(names)))
    for g, lst in enumerate(lists):
        for name, w in lst:
            weights[g, index[fold(name)]] = w
    return names, weights / weights.sum(axis=1, keepdims=True)


@dataclass(frozen=True, slots=True)
class NameBook:
    first: tuple[str, ...]          # given-name entries, accented spelling
    first_cum: np.ndarray           # (4, n) cumulative draw weights per group
    first_var: pa.Array             # 4 variants per entry: whole given name(s)
    head_var: pa.Array              # first given name of a double name (or the whole name)
    tail_var: pa.Array              # the rest of a double name, null for single names
    initial: pa.Array               # folded initial per entry
    is_double: np.ndarray           # bool per entry
    first_key: np.ndarray           # canonical first-token id per entry
    tail_key: np.ndarray            # canonical id of the second given name, -1 if none
    surname: tuple[str, ...]
    sur_cum: np.ndarray             # (2, n): general, Hispanic
    sur_var: pa.Array
    sur_tok: np.ndarray             # id of the significant (last) surname token per entry

    def draw_first(self, rng: np.random.Generator, group: np.ndarray) -> np.ndarray:
        return _draw(rng, self.first_cum, group)

    def draw_surname(self, rng: np.random.Generator, hispanic: np.ndarray) -> np.ndarray:
        return _draw(rng, self.sur_cum, hispanic.astype(np.int64))


def _draw(rng: np.random.Generator, cum: np.ndarray, group: np.ndarray) -> np.ndarray:
    out = np.empty(group.size, dtype=np.int16)
    u = rng.random(group.size)
    for g in range(cum.shape[0]):
        sel = group == g
        out[sel] = np.searchsorted(cum[g], u[sel], side="right").clip(0, cum.shape[1] - 1)
    return out


def _ids(values: list[str]) -> dict[str, int]:
    return {v: i for i, v in enumerate(sorted(set(values)))}


@cache
def namebook() -> NameBook:
    first, fw = _merge(GROUPS)
    heads = [f.split(" ", 1)[0] for f in first]
    tails = [f.split(" ", 1)[1] if " " in f else None for f in first]
    tail_sig = [next((t for t in tl.split() if fold(t) not in SURNAME_PARTICLES), tl.split()[-1])
                if tl else None for tl in tails]
    given_ids = _ids([canon_given(h) for h in heads] + [canon_given(t) for t in tail_sig if t])
    surname, sw = _merge((SURNAMES_GENERAL, SURNAMES_HISPANIC))
    sur_ids = _ids([significant_tokens(s)[-1] for s in surname])
    return NameBook(
        first=tuple(first),
        first_cum=np.cumsum(fw, axis=1),
        first_var=pa.array([v for f in first for v in _variants(f)], pa.string()),
        head_var=pa.array([v for h in heads for v in _variants(h)], pa.string()),
        tail_var=pa.array([v for t in tails for v in _variants(t)], pa.string()),
        initial=pa.array([fold(f)[0] for f in first], pa.string()),
        is_double=np.array([t is not None for t in tails]),
        first_key=np.array([given_ids[canon_given(h)] for h in heads], dtype=np.int32),
        tail_key=np.array([given_ids[canon_given(t)] if t else -1 for t in tail_sig],
                          dtype=np.int32),
        surname=tuple(surname),
        sur_cum=np.cumsum(sw, axis=1),
        sur_var=pa.array([v for s in surname for v in _variants(s)], pa.string()),
        sur_tok=np.array([sur_ids[significant_tokens(s)[-1]] for s in surname], dtype=np.int32),
    )

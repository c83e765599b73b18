"""Training the match model on the loaded master and a training batch (see em.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from dgate.match.compare import Query, address_level, dob_level, score
from dgate.match.em import estimate_m_sessions, estimate_u, trained_model
from dgate.match.engine import candidates_in_place, term_frequencies
from dgate.match.model import MatchModel
from dgate.model import NormAddress, NormName
from dgate.normalize.names import compare_names

# One person per taxpayer: names, date of birth and last known address.
_PERSON_COLS = """
       n.first_tokens, n.first_canon, n.middle_n, n.last_n, n.last_tokens, n.suffix_n,
       n.first_phon, n.last_phon, t.date_of_birth,
       a.house, a.predir, a.street_name, a.st_suffix, a.postdir, a.unit_n, a.city_n,
       a.state_n, a.zip5, a.urb"""

# Three populations of pairs of DIFFERENT taxpayers, each a sample of (t1, t2):
#   random     any two taxpayers (nearly every random pair is a non-match): the global u;
#   coresident two taxpayers whose last known addresses agree (the same house, street
#              and ZIP, units equal or one missing): spouses, children, parents, JR/SR;
#   namesake   two taxpayers with the same surname and first given name.
# DuckDB takes no parameters in a SAMPLE clause; sample and seed are ints, checked by the
# callers' int() before formatting.
_PAIR_SQL = {
    "random": """
        SELECT a.tin AS t1, b.tin AS t2 FROM
          (SELECT tin, row_number() OVER () AS k FROM (SELECT tin FROM taxpayers
             USING SAMPLE reservoir({sample} ROWS) REPEATABLE ({seed}))) a
        JOIN (SELECT tin, row_number() OVER () AS k FROM (SELECT tin FROM taxpayers
             USING SAMPLE reservoir({sample} ROWS) REPEATABLE ({seed2}))) b
        ON a.k = b.k AND a.tin <> b.tin""",
    "coresident": """
        WITH home AS (SELECT l.tin, a.house, a.street_name, a.zip5, a.unit_n
                      FROM lka l JOIN addresses a USING (addr_id)
                      WHERE a.house <> '' AND a.zip5 <> '' AND a.street_name <> '')
        SELECT x.tin AS t1, y.tin AS t2 FROM home x JOIN home y
          ON x.house = y.house AND x.street_name = y.street_name AND x.zip5 = y.zip5
         AND (x.unit_n = y.unit_n OR x.unit_n = '' OR y.unit_n = '') AND x.tin < y.tin
        USING SAMPLE reservoir({sample} ROWS) REPEATABLE ({seed})""",
    "namesake": """
        WITH k AS (SELECT tin, last_n, first_canon[1] AS f FROM names
                   WHERE last_n <> '' AND len(first_canon) > 0)
        SELECT x.tin AS t1, y.tin AS t2 FROM k x JOIN k y
          ON x.last_n = y.last_n AND x.f = y.f AND x.tin < y.tin
        USING SAMPLE reservoir({sample} ROWS) REPEATABLE ({seed})""",
}

_PEOPLE_SQL = f"""
SELECT p.k, {_PERSON_COLS}
FROM (SELECT unnest(?) AS tin, generate_subscripts(?, 1) AS k) p
JOIN names n ON n.tin = p.tin JOIN taxpayers t ON t.tin = p.tin
JOIN lka l ON l.tin = p.tin JOIN addresses a ON a.addr_id = l.addr_id
"""


@dataclass(frozen=True)
class TrainingReport:
    random_pairs: int
    candidate_pairs: int
    match_share: float
    model: MatchModel


def _strs(v: object) -> tuple[str, ...]:
    """A DuckDB list column (or NULL) as a tuple of strings."""
    return tuple(str(x) for x in v) if isinstance(v, list | tuple) else ()


def _person(row: tuple[object, ...]) -> tuple[NormName, NormAddress, object]:
    (ft, fc, mid, last, lt, suf, fph, lph, dob,
     house, pre, street, st_suf, post, unit, city, state, zip5, urb) = row
    name = NormName(first=" ".join(_strs(ft)), first_tokens=_strs(ft),
                    first_canon=_strs(fc), middle=str(mid or ""),
                    last=str(last or ""), last_tokens=_strs(lt),
                    suffix=str(suf or ""), first_phon=str(fph or ""),
                    last_phon=_strs(lph))
    addr = NormAddress(house=str(house or ""), predir=str(pre or ""),
                       street_name=str(street or ""), suffix=str(st_suf or ""),
                       postdir=str(post or ""), unit=str(unit or ""), city=str(city or ""),
                       state=str(state or ""), zip5=str(zip5 or ""), zip4="",
                       urb=str(urb or ""))
    return name, addr, dob


def pair_levels(con: duckdb.DuckDBPyConnection, population: str, sample: int, seed: int
                ) -> list[dict[str, int]]:
    """Comparison levels of up to `sample` pairs of different taxpayers drawn from one
    population of _PAIR_SQL, each compared on names, date of birth and last known address
    with the same functions that score a request."""
    sql = _PAIR_SQL[population].format(sample=int(sample), seed=int(seed),
                                       seed2=int(seed) + 1)
    pairs = con.execute(sql).fetchall()
    if not pairs:
        return []
    tins = [t for pair in pairs for t in pair]
    people: dict[int, tuple[NormName, NormAddress, object]] = {}
    for row in con.execute(_PEOPLE_SQL, [tins, tins]).fetchall():
        people[int(row[0])] = _person(row[1:])
    out = []
    for i in range(len(pairs)):
        a, b = people.get(2 * i + 1), people.get(2 * i + 2)   # subscripts are 1-based
        if a is None or b is None:
            continue
        (n1, a1, d1), (n2, a2, d2) = a, b
        c = compare_names(n1, n2)
        out.append({"first": c.first, "last": c.last, "middle": c.middle, "suffix": c.suffix,
                    "address": address_level(a1, a2),
                    "dob": dob_level(d1, d2)})  # type: ignore[arg-type]
    return out


def random_pair_levels(con: duckdb.DuckDBPyConnection, sample: int, seed: int
                       ) -> list[dict[str, int]]:
    """Comparison levels of random pairs of taxpayers (their last known addresses)."""
    return pair_levels(con, "random", sample // 2, seed)


def train(con: duckdb.DuckDBPyConnection, queries: Sequence[Query], *, base: MatchModel,
          sample: int = 20_000, seed: int = 0) -> TrainingReport:
    """u from random master pairs, m by EM over the queries' blocked candidate pairs."""
    randoms = random_pair_levels(con, sample, seed)
    u = estimate_u(randoms)
    # Each EM session is fitted against the non-matches it actually meets: candidates that
    # agree on the address are mostly the person's household, candidates that agree on the
    # name mostly namesakes. Against random-pair u, EM takes "same household" for "same
    # person" (measured: m[first differs] = 0.76, recall 0.44 on seed 2).
    session_u = {
        "address agrees": estimate_u(pair_levels(con, "coresident", sample // 2, seed)),
        "names agree": estimate_u(pair_levels(con, "namesake", sample // 2, seed)),
    }
    tf_last = term_frequencies(con, "last", {t for q in queries for t in q.name.last_tokens})
    tf_first = term_frequencies(con, "first", {q.name.first_canon[0] for q in queries
                                               if q.name.first_canon})
    vectors: list[dict[str, int]] = []
    placed, cands = candidates_in_place(con, queries)
    for q in placed:
        for c in cands.get(q.seq, []):
            s = score(q, c, base, tf_last, tf_first)
            vectors.append({k: v for k, v in s.levels.items() if k != "tin"})
    m, lams = estimate_m_sessions(vectors, u, session_u=session_u)
    share = lams.get("address agrees", 0.0)
    taxpayers = int(con.execute("SELECT count(*) FROM taxpayers").fetchone()[0])  # type: ignore[index]
    model = trained_model(m, u, base, prior=1.0 / max(taxpayers, 1))
    return TrainingReport(len(randoms), len(vectors), share, model)

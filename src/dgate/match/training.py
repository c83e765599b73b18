"""Training the match model on the loaded master and a training batch (see em.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from dgate.match.compare import Query, address_level, dob_level, score
from dgate.match.em import estimate_m_sessions, estimate_u, trained_model
from dgate.match.engine import find_candidates, term_frequencies
from dgate.match.model import MatchModel
from dgate.model import NormAddress, NormName
from dgate.normalize.names import compare_names

_SAMPLE_SQL = """
SELECT n.first_tokens, n.first_canon, n.middle_n, n.last_n, n.last_tokens, n.suffix_n,
       n.first_phon, n.last_phon, t.date_of_birth,
       a.house, a.predir, a.street_name, a.st_suffix, a.postdir, a.unit_n, a.city_n,
       a.state_n, a.zip5
FROM (SELECT tin FROM taxpayers USING SAMPLE reservoir({sample} ROWS) REPEATABLE ({seed})) s
JOIN names n ON n.tin = s.tin JOIN taxpayers t ON t.tin = s.tin
JOIN lka l ON l.tin = s.tin JOIN addresses a ON a.addr_id = l.addr_id
ORDER BY hash(s.tin::VARCHAR || ?::VARCHAR)
"""


@dataclass(frozen=True)
class TrainingReport:
    random_pairs: int
    candidate_pairs: int
    match_share: float
    model: MatchModel


def _person(row: tuple[object, ...]) -> tuple[NormName, NormAddress, object]:
    (ft, fc, mid, last, lt, suf, fph, lph, dob,
     house, pre, street, st_suf, post, unit, city, state, zip5) = row
    name = NormName(first=" ".join(ft or []), first_tokens=tuple(ft or ()),  # type: ignore[call-overload]
                    first_canon=tuple(fc or ()), middle=str(mid or ""),  # type: ignore[call-overload]
                    last=str(last or ""), last_tokens=tuple(lt or ()),  # type: ignore[call-overload]
                    suffix=str(suf or ""), first_phon=str(fph or ""),
                    last_phon=tuple(lph or ()))  # type: ignore[call-overload]
    addr = NormAddress(house=str(house or ""), predir=str(pre or ""),
                       street_name=str(street or ""), suffix=str(st_suf or ""),
                       postdir=str(post or ""), unit=str(unit or ""), city=str(city or ""),
                       state=str(state or ""), zip5=str(zip5 or ""), zip4="")
    return name, addr, dob


def random_pair_levels(con: duckdb.DuckDBPyConnection, sample: int, seed: int
                       ) -> list[dict[str, int]]:
    """Comparison levels of random pairs of taxpayers (their last known addresses)."""
    # DuckDB takes no parameters in a SAMPLE clause; both values are ints, checked here.
    sql = _SAMPLE_SQL.format(sample=int(sample), seed=int(seed))
    rows = con.execute(sql, [int(seed)]).fetchall()
    people = [_person(r) for r in rows]
    out = []
    for (n1, a1, d1), (n2, a2, d2) in zip(people[::2], people[1::2], strict=False):
        c = compare_names(n1, n2)
        out.append({"first": c.first, "last": c.last, "middle": c.middle, "suffix": c.suffix,
                    "address": address_level(a1, a2),
                    "dob": dob_level(d1, d2)})  # type: ignore[arg-type]
    return out


def train(con: duckdb.DuckDBPyConnection, queries: Sequence[Query], *, base: MatchModel,
          sample: int = 20_000, seed: int = 0) -> TrainingReport:
    """u from random master pairs, m by EM over the queries' blocked candidate pairs."""
    randoms = random_pair_levels(con, sample, seed)
    u = estimate_u(randoms)
    tf_last = term_frequencies(con, "last", {t for q in queries for t in q.name.last_tokens})
    tf_first = term_frequencies(con, "first", {q.name.first_canon[0] for q in queries
                                               if q.name.first_canon})
    vectors: list[dict[str, int]] = []
    cands = find_candidates(con, queries)
    for q in queries:
        for c in cands.get(q.seq, []):
            s = score(q, c, base, tf_last, tf_first)
            vectors.append({k: v for k, v in s.levels.items() if k != "tin"})
    m, lams = estimate_m_sessions(vectors, u)
    share = lams.get("address agrees", 0.0)
    return TrainingReport(len(randoms), len(vectors), share, trained_model(m, u, base))

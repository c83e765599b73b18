"""The per-pair Python engine (engine.find_candidates, compare.score, policy.decide), which
the set-wise engines' decisions are held to."""

from __future__ import annotations

import duckdb

from dgate.decide.policy import decide
from dgate.match.compare import Query, score
from dgate.match.engine import candidates_in_place, term_frequencies
from dgate.match.model import MatchModel
from dgate.model import Decision


def reference_decisions(con: duckdb.DuckDBPyConnection, queries: list[Query],
                        ids: dict[int, str], model: MatchModel) -> list[Decision]:
    """Every query decided over every candidate the blocking finds, scored one by one."""
    tf_last = term_frequencies(con, "last", {t for q in queries for t in q.name.last_tokens})
    tf_first = term_frequencies(con, "first", {q.name.first_canon[0] for q in queries
                                               if q.name.first_canon})
    placed, cands = candidates_in_place(con, queries)
    return [decide(q, ids[q.seq], [score(q, c, model, tf_last, tf_first)
                                   for c in cands.get(q.seq, [])], model)
            for q in placed]

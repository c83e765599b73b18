"""Match and decide a chunk of requests: comparison vectors in SQL (match/vector.py), then
the disclosure policy (decide/policy.py, a pure function) once per request over the few
candidates that can bear on its decision.

Gives the same decisions as scoring every candidate in Python (`compare.score`) and
deciding over all of them: with a plausible candidate (name and address) the policy looks
at those, and at anyone bearing the exact name elsewhere; without one, at plausible names,
plausible addresses, an agreeing TIN and the best-scoring candidate that resembles the
request (vector._RELEVANT_SQL). The blocked pairs that cannot bear on a decision never reach
the comparisons (vector's gate); the count of candidates is of every blocked pair.
"""

from __future__ import annotations

import contextlib
import gc
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import duckdb
import pyarrow as pa

from dgate.decide.policy import (
    ShortFormTest,
    SurnameReadingTest,
    SwappedNameTest,
    decide,
    reads_unseen_namesakes,
)
from dgate.match.compare import Candidate, Namesake, Query, Scored, assess, namesake
from dgate.match.engine import (
    COMMON_NAMED_FETCH_SQL,
    arrow_rows,
    column_values,
    term_frequencies,
    unseen_namesake_rows,
)
from dgate.match.model import MatchModel
from dgate.match.vector import (
    build_vectors,
    candidate_counts,
    drop_vectors,
    levels_of,
    relevant_rows,
)
from dgate.model import Decision, DisclosedAddress, NormName

_FETCH_ROWS = 50_000

# What the policy reads of a candidate beyond its comparison vector: the name (the
# distinct-names test of name_strong), dates, and the last known address it would disclose.
_CANDIDATE_COLUMNS = """
    n.first_tokens, n.first_canon, n.middle_n, n.last_n, n.last_tokens, n.suffix_n AS c_suffix,
    n.first_phon, n.last_phon, t.date_of_birth, t.date_of_death,
    k.street AS k_street, k.unit AS k_unit, k.city AS k_city, k.state AS k_state,
    k.zip AS k_zip, k.source AS k_source, k.effective_date AS k_date, l.tied AS k_tied,
    l.later_elsewhere AS k_later, l.later_deceased AS k_later_dead,
    b.house AS b_house"""
_CANDIDATE_JOINS = """
    JOIN names n ON n.tin = r.tin JOIN taxpayers t ON t.tin = r.tin
    JOIN lka l ON l.tin = r.tin JOIN addresses k ON k.addr_id = l.addr_id
    LEFT JOIN addresses b ON b.addr_id = r.best_addr"""


def decide_chunk(con: duckdb.DuckDBPyConnection, queries: Sequence[Query],
                 request_ids: Mapping[int, str], model: MatchModel,
                 stage: Callable[[str], None] | None = None) -> list[Decision]:
    """One decision per query, in the order given, against the master open on `con`.
    `stage`, if given, is called with each stage's name as it ends (for profiling)."""
    if not queries:
        return []
    tf_last = term_frequencies(con, "last", {t for q in queries for t in q.name.last_tokens})
    tf_first = term_frequencies(con, "first", {q.name.first_canon[0] for q in queries
                                               if q.name.first_canon})
    if stage:
        stage("term frequencies")
    try:
        build_vectors(con, queries, model, tf_last, tf_first, stage)
        common = frozenset(int(r[0]) for r in con.execute(COMMON_NAMED_FETCH_SQL).fetchall())
        counts = candidate_counts(con)  # before the reader: a query on con would end it
        reader = relevant_rows(con, _CANDIDATE_COLUMNS, _CANDIDATE_JOINS,
                               swapped_names(queries)).to_arrow_reader(_FETCH_ROWS)
        by_seq = {q.seq: q for q in queries}
        with collector_paused():
            evidence: dict[int, list[Scored]] = defaultdict(list)
            for batch in reader:
                scored_batch(by_seq, batch, model, tf_last, tf_first, evidence)
            out = decide_evidence(queries, request_ids, evidence, counts, model, common,
                                  lambda qs: unseen_namesake_rows(con, qs))
        if stage:
            stage("relevant rows + policy")
        return out
    finally:
        drop_vectors(con)


def decide_rows(queries: Sequence[Query], request_ids: Mapping[int, str],
                rows: Iterable[Mapping[str, Any]], counts: Mapping[int, int],
                model: MatchModel, tf_last: Mapping[str, float], tf_first: Mapping[str, float],
                common_named: frozenset[int] = frozenset(),
                fetch_namesakes: Callable[[Sequence[Query]], Iterable[Mapping[str, Any]]]
                | None = None) -> list[Decision]:
    """The policy over the relevant candidate rows of a chunk (vector._RELEVANT_SQL's
    columns with _CANDIDATE_COLUMNS), one decision per query in the order given. Shared by
    the DuckDB and Spark engines, so the decision is one code whichever computed the
    comparison vectors. `counts`: per seq, the taxpayers the blocking found (the
    candidate_count; none where absent). `common_named`: the seqs whose name more taxpayers
    bear than the search fetches (engine.PAIRS_SQL's common_named). `fetch_namesakes`: the
    rows of engine.UNSEEN_NAMESAKES_SQL for some of those, called once, after every row is
    read, with the ones whose decision they can bear on (policy.reads_unseen_namesakes:
    at 1M taxpayers 47% of requests are common-named, and fetching and judging all their
    namesakes took three times as long as the rest of the policy)."""
    evidence: dict[int, list[Scored]] = defaultdict(list)
    by_seq = {q.seq: q for q in queries}
    with collector_paused():
        for row in rows:
            seq = int(row["seq"])
            evidence[seq].append(assess(by_seq[seq], candidate(row), levels_of(row),
                                        int(row["best_addr"]), model, tf_last, tf_first,
                                        best_house=row["b_house"]))
        return decide_evidence(queries, request_ids, evidence, counts, model, common_named,
                               fetch_namesakes)


def decide_evidence(queries: Sequence[Query], request_ids: Mapping[int, str],
                    evidence: Mapping[int, list[Scored]], counts: Mapping[int, int],
                    model: MatchModel, common_named: frozenset[int] = frozenset(),
                    fetch_namesakes: Callable[[Sequence[Query]], Iterable[Mapping[str, Any]]]
                    | None = None) -> list[Decision]:
    """decide_rows' policy once each request's candidates are assessed (`evidence`, by
    seq, in the rows' order)."""
    by_seq = {q.seq: q for q in queries}
    with collector_paused():
        wanted = [q for q in queries if q.seq in common_named
                  and reads_unseen_namesakes(evidence.get(q.seq, []))]
        namesakes = unseen_namesakes(by_seq, fetch_namesakes(wanted)
                                     if fetch_namesakes and wanted else ())
        return [decide(q, request_ids[q.seq], evidence.get(q.seq, []), model,
                       namesakes_elsewhere=q.seq in common_named,
                       unseen_namesakes=namesakes.get(q.seq, ()),
                       candidate_count=counts.get(q.seq, 0))
                for q in queries]


# The relevant rows' columns scored_batch reads, in the order it unpacks them.
_SCORED_COLUMNS = (
    "seq", "tin", "first", "last", "middle", "suffix", "address", "dob", "tin_l", "best_addr",
    "w_first", "w_last", "w_middle", "w_suffix", "w_address", "w_dob", "w_tin", "b_house",
    "first_tokens", "first_canon", "middle_n", "last_n", "last_tokens", "c_suffix",
    "first_phon", "last_phon", "date_of_birth", "date_of_death", "k_street", "k_unit",
    "k_city", "k_state", "k_zip", "k_source", "k_date", "k_tied", "k_later", "k_later_dead")


def scored_batch(queries: Mapping[int, Query], batch: pa.RecordBatch | pa.Table,
                 model: MatchModel, tf_last: Mapping[str, float],
                 tf_first: Mapping[str, float], evidence: dict[int, list[Scored]]) -> None:
    """decide_rows' assessment of each relevant row (`candidate`, `levels_of`, `assess`),
    column-wise over a batch of them, appended to `evidence` by seq: the same Scored,
    without a dict made per row, and with the weights the vector carries (vector._VEC_SQL's
    w_* columns, equal to assess's to the last bit) rather than weighed again. At 1M
    taxpayers a 50K chunk has 107K relevant rows. The DuckDB engine's; Spark's rows go
    through decide_rows."""
    for (seq, tin, first, last, middle, suffix, address, dob, tin_l, best_addr,
         w_first, w_last, w_middle, w_suffix, w_address, w_dob, w_tin, b_house,
         first_tokens, first_canon, middle_n, last_n, last_tokens, c_suffix,
         first_phon, last_phon, date_of_birth, date_of_death, k_street, k_unit,
         k_city, k_state, k_zip, k_source, k_date, k_tied, k_later, k_later_dead) in zip(
            *(column_values(batch.column(name)) for name in _SCORED_COLUMNS), strict=True):
        levels = {"first": first, "last": last, "middle": middle, "suffix": suffix,
                  "address": address, "dob": dob}
        weights = {"first": w_first, "last": w_last, "middle": w_middle,
                   "suffix": w_suffix, "address": w_address, "dob": w_dob}
        if tin_l is not None:
            levels["tin"] = tin_l
            weights["tin"] = w_tin
        name = _norm_name(first_tokens, first_canon, middle_n, last_n, last_tokens, c_suffix,
                          first_phon, last_phon)
        cand = _candidate(tin, name, date_of_birth, date_of_death, k_street, k_unit, k_city,
                          k_state, k_zip, k_source, k_date, k_tied, k_later, k_later_dead)
        evidence[seq].append(assess(queries[seq], cand, levels, best_addr, model, tf_last,
                                    tf_first, best_house=b_house, weights=weights))


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for a block that makes many small objects
    and no cycles (reference counting frees them anyway): its passes over the objects still
    held cost a fifth of a chunk's time where the rows become `Scored` and half of the
    policy's at 10M taxpayers (py-spy); and with only decide_rows paused, 4.0 s of a
    matching worker's 43.5 s CPU on a 100K chunk at 1M taxpayers (4,031 passes while it
    normalized the requests and built their table; gc.callbacks). Nests; restores the
    collector's state on the way out."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def unseen_namesakes(queries: Mapping[int, Query], rows: Iterable[Mapping[str, Any]]
                     ) -> dict[int, list[Namesake]]:
    """engine.UNSEEN_NAMESAKES_SQL's rows, judged against their requests, by seq."""
    out: dict[int, list[Namesake]] = defaultdict(list)
    for row in rows:
        seq = int(row["seq"])
        out[seq].append(namesake(queries[seq], name_of(row, row["suffix_n"]),
                                 row["date_of_birth"], str(row["tin"])))
    return out


def swapped_names(queries: Sequence[Query]) -> Callable[[pa.RecordBatch], list[bool]]:
    """vector.relevant_rows' `swapped`: which residents whose names relate to the request's
    only read swapped are kept (policy.SwappedNameTest), and which a short form of the
    request's given name may name (policy.ShortFormTest: policy._short_form_rival), and
    whose surname read otherwise may be the requested one (policy.SurnameReadingTest:
    policy._surname_reading_rival). A row
    whose first given name cannot agree is left before its name is built: at 1M taxpayers,
    60K such rows a 50K chunk, a handful kept."""
    by_seq = {q.seq: q for q in queries}
    test = SwappedNameTest(by_seq)
    short = ShortFormTest(by_seq)
    reading = SurnameReadingTest(by_seq)

    def choose(batch: pa.RecordBatch) -> list[bool]:
        seqs = batch.column("seq").to_pylist()
        firsts = batch.column("first_tokens").to_pylist()
        middles = batch.column("middle_n").to_pylist()
        lasts = batch.column("last_n").to_pylist()
        # the pair's given-name and surname levels: each rival rule reads only residents
        # at its own levels (policy._short_form_rival: given name below 2, surname 2 or
        # more; policy._surname_reading_rival: the other way round), so the other rows
        # are not judged for it (at 1M taxpayers 44K of a 50K chunk's 102K rows were
        # read for a surname reading, of which a handful can be one)
        l_first = batch.column("l_first").to_pylist()
        l_last = batch.column("l_last").to_pylist()
        keep = [False] * len(seqs)
        maybe_swapped: set[int] = set()
        maybe_read: set[int] = set()
        for i, seq in enumerate(seqs):
            first, lf, ll = tuple(firsts[i] or ()), l_first[i], l_last[i]
            if lf < 2 <= ll and short(seq, first, middles[i] or ""):
                keep[i] = True
                continue
            if test.may_agree(seq, first):
                maybe_swapped.add(i)
            if ll < 2 <= lf and reading.may_read(seq, middles[i] or "", lasts[i] or ""):
                maybe_read.add(i)
        maybe = sorted(maybe_swapped | maybe_read)
        if not maybe:
            return keep
        rows = arrow_rows(batch.take(pa.array(maybe, pa.int64())))
        for i, row in zip(maybe, rows, strict=True):
            name = name_of(row, row["suffix_n"])
            keep[i] = ((i in maybe_swapped and test(seqs[i], name))
                       or (i in maybe_read and reading(seqs[i], name)))
        return keep
    return choose


def name_of(row: Mapping[str, Any], suffix: str | None) -> NormName:
    """A master `names` row as a normalized name."""
    return _norm_name(row["first_tokens"], row["first_canon"], row["middle_n"], row["last_n"],
                      row["last_tokens"], suffix, row["first_phon"], row["last_phon"])


def _norm_name(first_tokens: Sequence[str] | None, first_canon: Sequence[str] | None,
               middle: str | None, last: str | None, last_tokens: Sequence[str] | None,
               suffix: str | None, first_phon: str | None,
               last_phon: Sequence[str] | None) -> NormName:
    """`name_of` from its columns' values (also `scored_batch`'s, column-wise)."""
    tokens = tuple(first_tokens or ())
    return NormName(first=" ".join(tokens), first_tokens=tokens,
                    first_canon=tuple(first_canon or ()), middle=middle or "",
                    last=last or "", last_tokens=tuple(last_tokens or ()),
                    suffix=suffix or "", first_phon=first_phon or "",
                    last_phon=tuple(last_phon or ()))


def candidate(row: Mapping[str, Any]) -> Candidate:
    """The candidate as the policy sees it. Its address history is not carried: the
    comparison vector already says how the request's address corresponds (best_addr)."""
    return _candidate(row["tin"], name_of(row, row["c_suffix"]), row["date_of_birth"],
                      row["date_of_death"], row["k_street"], row["k_unit"], row["k_city"],
                      row["k_state"], row["k_zip"], row["k_source"], row["k_date"],
                      row["k_tied"], row["k_later"], row["k_later_dead"])


def _candidate(tin: Any, name: NormName, dob: Any, dod: Any, street: Any, unit: Any,
               city: Any, state: Any, zip_: Any, source: Any, effective: Any, tied: Any,
               later: Any, later_dead: Any) -> Candidate:
    """`candidate` from its columns' values (also `scored_batch`'s, column-wise)."""
    lka = DisclosedAddress(street=str(street), unit=unit or "", city=str(city),
                           state=str(state), zip=str(zip_)[:5], source=str(source),
                           effective_date=effective)
    return Candidate(tin=str(tin), name=name, dob=dob, dod=dod, addresses=(), last_known=lka,
                     last_known_tied=bool(tied), last_known_elsewhere=bool(later),
                     elsewhere_deceased=bool(later_dead))

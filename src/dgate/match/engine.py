"""Candidate search in the DuckDB master store (blocking), then scoring in Python.

Blocking keeps recall on noisy requests with several independent keys, each a join:
    1. ZIP + house number               (the address as written, any name)
    2. state + house + street name      (survives a wrong or missing ZIP)
    3. surname token + ZIP              (survives a wrong house number)
    4. surname phonetic key + DOB       (survives a move to an address the request lacks)
    5. TIN, when the request gives one
    6. surname phonetic key + canonical given name, nationwide, only where that pair is
       rare (so a name that matches elsewhere is seen: M_NAME_ONLY)
Each request is then compared with every address in each candidate's history.

Every value from a request reaches SQL as data in a registered Arrow table, never as text
formatted into a statement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

import duckdb
import pyarrow as pa

from dgate.match.compare import Candidate, CandidateAddress, Query
from dgate.model import DisclosedAddress, NormAddress, NormName

NAME_KEY_CAP = 50  # a nationwide name key shared by more taxpayers than this is not used
RESIDENTS_KEPT = 3  # unlike-named residents of the requested address kept for M_ADDRESS_ONLY

_QUERY_SCHEMA = pa.schema([
    ("seq", pa.int64()), ("zip5", pa.string()), ("house", pa.string()),
    ("street_name", pa.string()), ("state", pa.string()),
    ("last_tokens", pa.list_(pa.string())), ("last_phon", pa.list_(pa.string())),
    ("first0", pa.string()), ("dob", pa.date32()), ("tin", pa.string()),
    ("last_n", pa.string()), ("first_canon", pa.list_(pa.string())), ("unit", pa.string()),
])

_PAIRS_SQL = f"""
CREATE OR REPLACE TEMP TABLE pairs AS
WITH qt AS (SELECT seq, zip5, first0, unnest(last_tokens) AS tok FROM q),
qp AS (SELECT seq, dob, unnest(last_phon) AS ph FROM q WHERE dob IS NOT NULL),
qpf AS (SELECT seq, first0, unnest(last_phon) AS ph FROM q),
by_name AS (
    SELECT qpf.seq, qpf.ph, np.tin FROM qpf
    JOIN name_phon np ON np.phon = qpf.ph
    JOIN names n ON n.tin = np.tin AND n.first_canon[1] = qpf.first0
),
by_name_capped AS (
    SELECT seq, tin FROM (
        SELECT seq, tin, count(*) OVER (PARTITION BY seq, ph) AS n FROM by_name)
    WHERE n <= {NAME_KEY_CAP}
),
blocked AS (SELECT DISTINCT seq, tin FROM (
    SELECT q.seq, a.tin FROM q JOIN addresses a ON a.zip5 = q.zip5 AND a.house = q.house
        WHERE q.house <> '' AND q.zip5 <> ''
    UNION ALL
    SELECT q.seq, a.tin FROM q JOIN addresses a
        ON a.state_n = q.state AND a.house = q.house AND a.street_name = q.street_name
        WHERE q.house <> '' AND q.street_name <> '' AND q.state <> ''
    UNION ALL
    SELECT qt.seq, nt.tin FROM qt JOIN name_tokens nt ON nt.token = qt.tok
        JOIN addresses a ON a.tin = nt.tin AND a.zip5 = qt.zip5
        WHERE qt.zip5 <> ''
    UNION ALL
    SELECT qp.seq, np.tin FROM qp JOIN name_phon np ON np.phon = qp.ph
        JOIN taxpayers t ON t.tin = np.tin AND t.date_of_birth = qp.dob
    UNION ALL
    SELECT q.seq, t.tin FROM q JOIN taxpayers t ON t.tin = q.tin WHERE q.tin <> ''
    UNION ALL
    SELECT seq, tin FROM by_name_capped
)),
-- A cheap resemblance test in SQL so that only candidates that could be the person reach
-- the full comparison: a surname token, phonetic key or spelling close, a given name in
-- common, the TIN or the date of birth.
judged AS (
    SELECT b.seq, b.tin, (
        list_has_any(q.last_tokens, n.last_tokens) OR list_has_any(q.last_phon, n.last_phon)
        OR jaro_winkler_similarity(q.last_n, n.last_n) >= 0.8
        OR list_has_any(q.first_canon, n.first_canon)
        OR (q.tin <> '' AND q.tin = b.tin)
        OR (q.dob IS NOT NULL AND q.dob = t.date_of_birth)) AS name_like
    FROM blocked b JOIN q ON q.seq = b.seq JOIN names n ON n.tin = b.tin
    JOIN taxpayers t ON t.tin = b.tin
),
-- Residents of exactly the requested address who do not resemble the person: a few are
-- kept, enough to tell "the address is someone else's" (M_ADDRESS_ONLY).
residents AS (
    SELECT seq, tin FROM (
        SELECT seq, tin, row_number() OVER (
            PARTITION BY seq ORDER BY same_unit DESC, tin) AS rn
        FROM (
            SELECT j.seq, j.tin, max(CASE WHEN a.unit_n = q.unit THEN 1 ELSE 0 END) AS same_unit
            FROM judged j JOIN q ON q.seq = j.seq
            JOIN addresses a ON a.tin = j.tin AND a.zip5 = q.zip5 AND a.house = q.house
                AND a.street_name = q.street_name
            WHERE NOT j.name_like
            GROUP BY j.seq, j.tin))
    WHERE rn <= {RESIDENTS_KEPT}
)
SELECT seq, tin FROM judged WHERE name_like
UNION
SELECT seq, tin FROM residents
"""

_FETCH_SQL = """
SELECT p.seq, t.tin, t.date_of_birth, t.date_of_death,
       n.first_tokens, n.first_canon, n.middle_n, n.last_n, n.last_tokens, n.suffix_n,
       n.first_phon, n.last_phon,
       a.addr_id, a.house, a.predir, a.street_name, a.st_suffix, a.postdir, a.unit_n,
       a.city_n, a.state_n, a.zip5, a.source, a.effective_date,
       k.street AS k_street, k.unit AS k_unit, k.city AS k_city, k.state AS k_state,
       k.zip AS k_zip, k.source AS k_source, k.effective_date AS k_date
FROM pairs p
JOIN taxpayers t ON t.tin = p.tin
JOIN names n ON n.tin = p.tin
JOIN addresses a ON a.tin = p.tin
JOIN lka l ON l.tin = p.tin
JOIN addresses k ON k.addr_id = l.addr_id
ORDER BY p.seq, t.tin, a.addr_id
"""


def _query_table(queries: Sequence[Query]) -> pa.Table:
    cols: dict[str, list[object]] = {f.name: [] for f in _QUERY_SCHEMA}
    for q in queries:
        cols["seq"].append(q.seq)
        cols["zip5"].append(q.address.zip5)
        cols["house"].append(q.address.house)
        cols["street_name"].append(q.address.street_name)
        cols["state"].append(q.address.state)
        cols["last_tokens"].append(list(q.name.last_tokens))
        cols["last_phon"].append(list(q.name.last_phon))
        cols["first0"].append(q.name.first_canon[0] if q.name.first_canon else "")
        cols["dob"].append(q.dob)
        cols["tin"].append(q.tin)
        cols["last_n"].append(q.name.last)
        cols["first_canon"].append(list(q.name.first_canon))
        cols["unit"].append(q.address.unit)
    return pa.table(cols, schema=_QUERY_SCHEMA)


def find_candidates(con: duckdb.DuckDBPyConnection, queries: Sequence[Query],
                    progress: Callable[[int], None] | None = None
                    ) -> dict[int, list[Candidate]]:
    """For each query seq, the taxpayers any blocking key finds, with their whole address
    history and last known address."""
    out: dict[int, list[Candidate]] = defaultdict(list)
    if not queries:
        return out
    con.register("q", _query_table(queries))
    try:
        con.execute(_PAIRS_SQL)
        reader = con.sql(_FETCH_SQL).to_arrow_reader(50_000)
        current: tuple[int, str] | None = None
        rows: list[dict[str, object]] = []
        for batch in reader:
            for row in batch.to_pylist():
                key = (int(row["seq"]), str(row["tin"]))
                if current is not None and key != current:
                    out[current[0]].append(_candidate(rows))
                    rows = []
                current = key
                rows.append(row)
        if current is not None and rows:
            out[current[0]].append(_candidate(rows))
    finally:
        con.unregister("q")
        con.execute("DROP TABLE IF EXISTS pairs")
    if progress:
        progress(len(queries))
    return out


def _candidate(rows: list[dict[str, object]]) -> Candidate:
    r0 = rows[0]
    name = NormName(
        first=" ".join(r0["first_tokens"] or []),  # type: ignore[arg-type]
        first_tokens=tuple(r0["first_tokens"] or ()),  # type: ignore[arg-type]
        first_canon=tuple(r0["first_canon"] or ()),  # type: ignore[arg-type]
        middle=str(r0["middle_n"] or ""), last=str(r0["last_n"] or ""),
        last_tokens=tuple(r0["last_tokens"] or ()),  # type: ignore[arg-type]
        suffix=str(r0["suffix_n"] or ""), first_phon=str(r0["first_phon"] or ""),
        last_phon=tuple(r0["last_phon"] or ()),  # type: ignore[arg-type]
    )
    addresses = tuple(
        CandidateAddress(
            addr_id=int(r["addr_id"]),  # type: ignore[call-overload]
            norm=NormAddress(
                house=str(r["house"] or ""), predir=str(r["predir"] or ""),
                street_name=str(r["street_name"] or ""), suffix=str(r["st_suffix"] or ""),
                postdir=str(r["postdir"] or ""), unit=str(r["unit_n"] or ""),
                city=str(r["city_n"] or ""), state=str(r["state_n"] or ""),
                zip5=str(r["zip5"] or ""), zip4=""),
            source=str(r["source"]), effective_date=r["effective_date"],  # type: ignore[arg-type]
        )
        for r in rows
    )
    lka = DisclosedAddress(
        street=str(r0["k_street"]), unit=str(r0["k_unit"] or ""), city=str(r0["k_city"]),
        state=str(r0["k_state"]), zip=str(r0["k_zip"])[:5], source=str(r0["k_source"]),
        effective_date=r0["k_date"],  # type: ignore[arg-type]
    )
    return Candidate(tin=str(r0["tin"]), name=name, dob=r0["date_of_birth"],  # type: ignore[arg-type]
                     dod=r0["date_of_death"], addresses=addresses,  # type: ignore[arg-type]
                     last_known=lka)


def term_frequencies(con: duckdb.DuckDBPyConnection, kind: str, terms: set[str]
                     ) -> dict[str, float]:
    if not terms:
        return {}
    tbl = pa.table({"term": sorted(terms)})
    con.register("tf_terms", tbl)
    try:
        rows = con.execute(
            "SELECT f.term, f.freq FROM term_freq f JOIN tf_terms USING (term) WHERE f.kind = ?",
            [kind]).fetchall()
    finally:
        con.unregister("tf_terms")
    return {str(t): float(f) for t, f in rows}

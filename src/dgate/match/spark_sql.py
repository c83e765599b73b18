"""The set-wise matching SQL of match/engine.py and match/vector.py, in Spark SQL.

Stage for stage and table for table the same as vector.py's contract (q, pairs, cn, pf,
the gate, pn, rel, ad, vec, then the relevant rows); each statement is a line-by-line
translation of the DuckDB one it is named after, or shares its text (vector.py's names in
capitals). The dialects differ in:
  * lists: DuckDB `l[i]` (1-based, NULL past the end) is `try_element_at(l, i)` here (also
    NULL past the end, whatever `spark.sql.ansi.enabled` says); `l[a:b]` is
    `slice(l, a, b - a + 1)`; list_has_any / list_has_all / list_sort / list_distinct /
    list_filter / array_to_string / string_split / unnest are arrays_overlap /
    array_except / array_sort / array_distinct / filter / array_join / split / explode;
  * `arg_max` is `max_by`, `count(*) FILTER (WHERE …)` a sum of a CASE, `SELECT *
    EXCLUDE` a column list, `hamming` a count over the positions;
  * jaro_winkler_similarity and damerau_levenshtein are DuckDB's own, run by UDFs
    (match/spark_udf.py).
tests/spark/ holds the decisions equal to DuckDB's on the same data: when engine.PAIRS_SQL
or vector.py changes, this file must change with it, and those tests say so.
"""

from __future__ import annotations

from dgate.match.engine import (
    NAME_KEY_CAP,
    NOT_ANOTHER_UNIT,
    NOT_ANOTHER_URB,
    RESIDENTS_KEPT,
    dir_here_select,
    in_city_sql,
    known_street_select,
    urb_here_select,
)
from dgate.match.vector import (
    CANDIDATE_ADDRESSES_SQL,
    DIR_OPEN_SQL,
    FIRST_REL_KEYS,
    LEADING_NUMBER_RE,
    LEVEL_CAP_SQL,
    NAMED_SQL,
    REL_VIEWS,
    RESEMBLES_SQL,
    STREET_NAME_LEVELS_SQL,
    SUFFIX_TIN_SQL,
    URB_LEVELS_SQL,
    ZIP_CONFLICT_SQL,
    ZIP_OPEN_SQL,
    connector_initial_sql,
    first_joins_sql,
    first_level_sql,
    place_sql,
    relevance_sql,
    street_near_sql,
    street_slip_sql,
)
from dgate.normalize import relations as rl


def _array_sql(values: frozenset[str]) -> str:
    # Only fixed vocabulary from the code (connector words), never request data. Spark
    # string literals take backslash escapes, so both it and the quote are escaped.
    quoted = (v.replace("\\", "\\\\").replace("'", "\\'") for v in sorted(values))
    return "array(" + ", ".join(f"'{v}'" for v in quoted) + ")"


_EMPTY = "CAST(array() AS ARRAY<STRING>)"

# engine.PAIRS_SQL's common_named: a request's name key counted the same way as
# by_name_capped counts it (each of its taxpayers once per time the request has the key)
COMMON_NAMED_SQL = f"""
WITH qpf AS (SELECT seq, first0, explode(last_phon) AS ph FROM q)
SELECT DISTINCT seq FROM (
    SELECT qpf.seq, qpf.first0, count(*) AS n FROM qpf
    JOIN name_key nk ON nk.phon = qpf.ph AND nk.first0 = qpf.first0
    GROUP BY qpf.seq, qpf.ph, qpf.first0) x
WHERE n > {NAME_KEY_CAP} AND length(first0) > 1
"""

# engine.PAIRS_SQL's known_street
KNOWN_STREET_SQL = known_street_select("array_contains", "LEFT SEMI JOIN")

# engine.PAIRS_SQL's urb_here (the same statement)
URB_HERE_SQL = urb_here_select("array_contains")

# engine.PAIRS_SQL's dir_here (the same statement)
DIR_HERE_SQL = dir_here_select("array_contains")

# engine.PAIRS_SQL
PAIRS_SQL = f"""
WITH qt AS (SELECT seq, zip5, tok, explode(initials) AS ini
    FROM (SELECT seq, zip5, initials, explode(last_tokens) AS tok FROM q) t),
qp AS (SELECT seq, dob, explode(last_phon) AS ph FROM q WHERE dob IS NOT NULL),
qpf AS (SELECT seq, first0, explode(last_phon) AS ph FROM q),
by_name AS (
    SELECT qpf.seq, qpf.ph, nk.tin FROM qpf
    JOIN name_key nk ON nk.phon = qpf.ph AND nk.first0 = qpf.first0
),
by_name_capped AS (
    SELECT seq, tin FROM (
        SELECT seq, tin, count(*) OVER (PARTITION BY seq, ph) AS n FROM by_name) x
    WHERE n <= {NAME_KEY_CAP}
),
blocked AS (SELECT DISTINCT seq, tin FROM (
    SELECT q.seq, a.tin FROM q JOIN addresses a ON a.zip5 = q.zip5 AND a.house = q.house
        WHERE q.house <> '' AND q.zip5 <> '' AND {NOT_ANOTHER_UNIT}
    UNION ALL
    SELECT q.seq, a.tin FROM q JOIN addresses a
        ON a.state_n = q.state AND a.house = q.house AND a.skey = q.skey
        WHERE q.house <> '' AND q.street_name <> '' AND q.state <> ''
            AND (q.zip5 = '' OR a.zip5 IS DISTINCT FROM q.zip5)
    UNION ALL
    SELECT qt.seq, tz.tin FROM qt JOIN token_zip tz ON tz.token = qt.tok AND tz.zip5 = qt.zip5
        AND tz.initial = qt.ini WHERE qt.zip5 <> ''
    UNION ALL
    SELECT qp.seq, pd.tin FROM qp JOIN phon_dob pd ON pd.phon = qp.ph AND pd.dob = qp.dob
    UNION ALL
    SELECT q.seq, t.tin FROM q JOIN taxpayers t ON t.tin = q.tin WHERE q.tin <> ''
    UNION ALL
    SELECT seq, tin FROM by_name_capped
) u),
-- The same CASE as DuckDB's, branch for branch: a branch that is NULL (a taxpayer with
-- no date of birth, a NULL list) passes to the next, where an OR of the branches was
-- NULL, and a NULL name_like is neither like nor unlike: the taxpayer was dropped, not
-- kept as a resident of the address (M_ADDRESS_ONLY, candidate_count).
judged AS (
    SELECT b.seq, b.tin, CASE
        WHEN q.tin <> '' AND q.tin = b.tin THEN true
        WHEN q.dob = t.date_of_birth THEN true
        WHEN arrays_overlap(q.last_tokens, n.last_tokens) THEN true
        WHEN arrays_overlap(q.first_canon, n.first_canon) THEN true
        WHEN arrays_overlap(q.last_phon, n.last_phon) THEN true
        WHEN arrays_overlap(q.first_canon, n.last_tokens) THEN true
        WHEN arrays_overlap(q.last_tokens, n.first_canon) THEN true
        ELSE dgate_jaro_winkler(q.last_n, n.last_n) >= 0.8 END AS name_like
    FROM blocked b JOIN q ON q.seq = b.seq JOIN names n ON n.tin = b.tin
    JOIN taxpayers t ON t.tin = b.tin
),
residents AS (
    SELECT seq, tin FROM (
        SELECT seq, tin, row_number() OVER (
            PARTITION BY seq ORDER BY same_unit DESC, tin) AS rn
        FROM (
            SELECT j.seq, j.tin, max(CASE WHEN a.unit_n = q.unit THEN 1 ELSE 0 END) AS same_unit
            FROM judged j JOIN q ON q.seq = j.seq
            JOIN addresses a ON a.tin = j.tin AND a.house = q.house
                AND a.skey = q.skey AND {NOT_ANOTHER_UNIT}
                AND {NOT_ANOTHER_URB}
                AND ((q.zip5 <> '' AND a.zip5 = q.zip5) OR (q.zip5 = ''
                    AND a.state_n = q.state AND {in_city_sql("array_contains")}))
            WHERE NOT j.name_like
            GROUP BY j.seq, j.tin) s) r
    WHERE rn <= {RESIDENTS_KEPT}
)
SELECT seq, tin FROM judged WHERE name_like
UNION
SELECT seq, tin FROM residents
"""

_SPLIT_MIDDLE = "split(t.middle_n, ' ')"
_NOT_CONNECTOR = f"w -> NOT array_contains({_array_sql(rl.GIVEN_CONNECTORS)}, w)"

# vector._CN_SQL
CN_SQL = f"""
SELECT tin, dob, dod, ftok, mid, last_n, ltok, sfx, mtok,
    CASE WHEN size(ftok) > 1
             THEN (CASE WHEN length(try_element_at(ftok, 2)) > 1
                        THEN try_element_at(ftok, 2) ELSE '' END)
         WHEN size(mtok) > 0 AND length(try_element_at(mtok, 1)) > 1
             THEN try_element_at(mtok, 1) ELSE '' END AS second
FROM (
    SELECT t.tin, t.dob, t.dod, t.ftok, t.middle_n AS mid, t.last_n, t.ltok, t.sfx,
        CASE WHEN t.middle_n = '' THEN {_EMPTY}
             WHEN size(filter({_SPLIT_MIDDLE}, {_NOT_CONNECTOR})) > 0
             THEN filter({_SPLIT_MIDDLE}, {_NOT_CONNECTOR})
             ELSE {_SPLIT_MIDDLE} END AS mtok
    FROM (
        SELECT x.tin, x.date_of_birth AS dob, x.date_of_death AS dod,
            coalesce(n.first_tokens, {_EMPTY}) AS ftok,
            coalesce(n.middle_n, '') AS middle_n, coalesce(n.last_n, '') AS last_n,
            coalesce(n.last_tokens, {_EMPTY}) AS ltok,
            coalesce(n.suffix_n, '') AS sfx
        FROM (SELECT DISTINCT tin FROM pairs) p
        JOIN taxpayers x ON x.tin = p.tin JOIN names n ON n.tin = p.tin) t) c
"""


def _hamming1(a: str, b: str) -> str:
    """`hamming(a, b) = 1` for two strings of the same length."""
    return (f"size(filter(sequence(1, length({a})), "
            f"i -> substr({a}, i, 1) <> substr({b}, i, 1))) = 1")


_QD, _CD = "date_format(qd, 'yyyyMMdd')", "date_format(cd, 'yyyyMMdd')"
_LEAST = "least(size(ta), size(tb))"
_MLEAST = "least(size(ma), size(mb))"

# vector._FIRST_PRE
_FIRST_PRE = f"""CASE WHEN size(ta) = 0 OR size(tb) = 0 THEN 0
         WHEN ta = tb THEN (CASE WHEN length(try_element_at(ta, 1)) > 1 THEN 5 ELSE 1 END)
         WHEN length(try_element_at(ta, 1)) = 1 OR length(try_element_at(tb, 1)) = 1
             THEN (CASE WHEN left(try_element_at(ta, 1), 1) = left(try_element_at(tb, 1), 1)
                        THEN 1
                        WHEN (length(try_element_at(ta, 1)) = 1
                                AND length(try_element_at(tb, 1)) > 1 AND qs <> '')
                            OR (length(try_element_at(tb, 1)) = 1
                                AND length(try_element_at(ta, 1)) > 1 AND cs <> '')
                            THEN NULL
                        ELSE 0 END)
         WHEN slice(ta, 1, {_LEAST}) = slice(tb, 1, {_LEAST})
             OR (size(ta) <> size(tb) AND array_join(ta, '') = array_join(tb, ''))
             THEN 4
    END AS f_pre,
    try_element_at(ta, 1) AS fx, try_element_at(tb, 1) AS fy,
    CASE WHEN {_LEAST} > 1 THEN array_join(slice(ta, 2, {_LEAST} - 1), ' ') END AS fra,
    CASE WHEN {_LEAST} > 1 THEN array_join(slice(tb, 2, {_LEAST} - 1), ' ') END AS frb,
    qs, cs"""
_HOUSE_NEAR = ("(a.house = q.house OR dgate_damerau_levenshtein(q.house, a.house) <= 1 "
               f"OR (regexp_extract(q.house, '{LEADING_NUMBER_RE}', 0) <> '' "
               f"AND regexp_extract(q.house, '{LEADING_NUMBER_RE}', 0) "
               f"= regexp_extract(a.house, '{LEADING_NUMBER_RE}', 0)))")

# vector._PF_SQL, _PF_REL_KEYS_SQL and _GATE_SQL (gated, then the kept pairs); n_cands as
# vector._FAR_SQL counts it (N_CANDS_SQL). Spark compares every pair: no far namesakes
# deferred (vector._FAR_SQL), the same relevant rows.
PF_SQL = f"""
WITH b AS (
    SELECT p.seq, p.tin, q.first_tokens AS ta, c.ftok AS tb, q.second AS qs,
        c.second AS cs, q.suffix AS qx, c.sfx AS cx, q.tin AS qt
    FROM pairs p JOIN q ON q.seq = p.seq JOIN cn c ON c.tin = p.tin)
SELECT seq, tin, {_FIRST_PRE}, {SUFFIX_TIN_SQL} FROM b
"""
PF_REL_KEYS_SQL = f"SELECT DISTINCT k, a, b FROM ({FIRST_REL_KEYS.format(t='pf')}) u"
N_CANDS_SQL = "SELECT seq, count(*) AS n FROM pairs GROUP BY seq"
GATED_SQL = f"""
WITH {REL_VIEWS}
SELECT pf.seq, pf.tin, {first_level_sql('pf')} AS first, pf.suffix, pf.tin_l
FROM pf {first_joins_sql('pf')}
"""
GATE_SQL = f"""
WITH g AS (
    SELECT seq, tin, {NAMED_SQL} AS named FROM gated),
placed AS (
    SELECT DISTINCT g.seq, g.tin FROM g JOIN q ON q.seq = g.seq
    JOIN addresses a ON a.tin = g.tin
    WHERE NOT g.named AND q.house <> '' AND a.house <> '' AND (
        (q.zip5 <> '' AND a.zip5 = q.zip5 AND {_HOUSE_NEAR})
        OR (a.house = q.house AND q.state <> '' AND a.state_n = q.state
            AND ((q.city <> '' AND a.city_n = q.city)
                 OR array_contains(q.city_zips, a.zip5)))))
SELECT seq, tin FROM g WHERE named
UNION ALL
SELECT g.seq, g.tin FROM g LEFT SEMI JOIN placed ON placed.seq = g.seq AND placed.tin = g.tin
"""

# vector._PN_SQL
PN_SQL = f"""
WITH b AS (
    SELECT p.seq, p.tin, q.first_tokens AS ta, c.ftok AS tb, q.middle_n AS qm, c.mid AS cm,
        CASE WHEN q.middle_n <> '' THEN q.middle_tokens
             WHEN c.mid = '' THEN slice(q.first_tokens, 2, greatest(size(q.first_tokens) - 1, 0))
             ELSE slice(q.first_tokens, size(c.ftok) + 1,
                        greatest(size(q.first_tokens) - size(c.ftok), 0)) END AS ma,
        CASE WHEN c.mid <> '' THEN c.mtok
             WHEN q.middle_n = '' THEN slice(c.ftok, 2, greatest(size(c.ftok) - 1, 0))
             ELSE slice(c.ftok, size(q.first_tokens) + 1,
                        greatest(size(c.ftok) - size(q.first_tokens), 0)) END AS mb,
        q.last_n AS ql, c.last_n AS cl,
        q.last_tokens AS qlt, c.ltok AS clt,
        CASE WHEN size(q.last_tokens) <= size(c.ltok) THEN q.last_tokens ELSE c.ltok END
            AS small,
        CASE WHEN size(q.last_tokens) <= size(c.ltok) THEN c.ltok ELSE q.last_tokens END
            AS big,
        q.dob AS qd, c.dob AS cd
    FROM pairs p JOIN q ON q.seq = p.seq JOIN cn c ON c.tin = p.tin)
SELECT seq, tin,
    CASE WHEN qm = '' AND cm = '' AND (size(ma) = 0 OR size(mb) = 0) THEN -1
         WHEN size(ma) = 0 OR size(mb) = 0 THEN 1
         WHEN ma = mb THEN 2
         WHEN length(try_element_at(ma, 1)) = 1 OR length(try_element_at(mb, 1)) = 1
             THEN (CASE WHEN left(try_element_at(ma, 1), 1) = left(try_element_at(mb, 1), 1)
                        THEN 1
                        -- names._connector_initial: D for DE GUZMAN as written
                        WHEN {connector_initial_sql(
                            "array_contains", _array_sql(rl.GIVEN_CONNECTORS),
                            "split({}, ' ')[0]", "instr({}, ' ')")} THEN 1
                        ELSE 0 END)
         WHEN slice(ma, 1, {_MLEAST}) = slice(mb, 1, {_MLEAST}) THEN 2
    END AS m_pre,
    try_element_at(ma, 1) AS mx, try_element_at(mb, 1) AS my,
    CASE WHEN qm = '' AND cm = '' AND size(ma) > 0 AND size(mb) > 0
             AND try_element_at(ta, 1) <> try_element_at(tb, 1)
         THEN try_element_at(ta, 1) END AS sx,
    CASE WHEN qm = '' AND cm = '' AND size(ma) > 0 AND size(mb) > 0
             AND try_element_at(ta, 1) <> try_element_at(tb, 1)
         THEN try_element_at(tb, 1) END AS sy,
    CASE WHEN ql = '' OR cl = '' THEN 0
         WHEN ql = cl THEN 5
         WHEN replace(ql, ' ', '') = replace(cl, ' ', '') THEN 4
         WHEN array_sort(qlt) = array_sort(clt) THEN 4
         WHEN size(small) < size(big) AND size(array_distinct(small)) = size(small)
             AND size(array_except(small, big)) = 0
             AND size(filter(small, t -> length(t) > 1)) > 0 THEN 3
    END AS l_pre,
    ql, cl,
    CASE WHEN qd IS NULL OR cd IS NULL THEN -1
         WHEN qd = cd THEN 3
         WHEN year(qd) = year(cd) AND month(qd) = day(cd) AND day(qd) = month(cd) THEN 2
         WHEN length({_QD}) = length({_CD}) AND {_hamming1(_QD, _CD)} THEN 1
         ELSE 0 END AS dob
FROM b
"""

# vector._REL_KEYS_SQL
REL_KEYS_SQL = """
SELECT DISTINCT k, a, b FROM (
    SELECT 'm' AS k, mx AS a, my AS b FROM pn WHERE m_pre IS NULL
    UNION ALL SELECT 's', sx, sy FROM pn WHERE sx IS NOT NULL
    UNION ALL SELECT 'l', ql, cl FROM pn WHERE l_pre IS NULL) u
"""

# vector._STREET_NAMES_SQL
STREET_NAMES_SQL = """
SELECT DISTINCT a.street_name FROM (SELECT DISTINCT tin FROM pairs) p
JOIN addresses a ON a.tin = p.tin WHERE a.street_name IS NOT NULL
"""

_NUM = f"regexp_extract(q.house, '{LEADING_NUMBER_RE}', 0)"

# vector._AD_SQL
AD_SQL = f"""
WITH ca AS ({CANDIDATE_ADDRESSES_SQL}),
c AS (
    SELECT p.seq, p.tin, a.addr_id,
        q.zip5 <> '' AND a.zip5 = q.zip5 AS zip2, {ZIP_CONFLICT_SQL},
        {URB_LEVELS_SQL},
        {DIR_OPEN_SQL},
        {ZIP_OPEN_SQL},
        {place_sql("array_contains")} AS place,
        CASE WHEN q.house = '' OR a.house = '' THEN -1
             WHEN q.house = a.house THEN 2
             WHEN dgate_damerau_levenshtein(q.house, a.house) <= 1 THEN 1
             WHEN {_NUM} <> ''
                 AND {_NUM} = regexp_extract(a.house, '{LEADING_NUMBER_RE}', 0)
                 THEN 1
             ELSE 0 END AS house,
        CASE WHEN q.street_name = '' OR a.street_name = '' THEN -1
             {STREET_NAME_LEVELS_SQL}
             WHEN q.snkey = a.snkey THEN 1
             {street_slip_sql("arrays_overlap", "array_contains")}
             {street_near_sql("dgate_damerau_levenshtein",
                              "transform(split({}, ' '), w -> left(w, 1))")}
             ELSE 0 END AS street,
        CASE WHEN q.unit = '' AND a.unit = '' THEN -1
             WHEN q.unit = '' OR a.unit = '' THEN 1
             WHEN replace(q.unit, ' ', '') = replace(a.unit, ' ', '')
                 AND regexp_extract_all(q.unit, '[0-9]+', 0)
                     = regexp_extract_all(a.unit, '[0-9]+', 0) THEN 2
             ELSE 0 END AS unit,
        -- the request's unit missing on record (compare._address_level: with a street one
        -- slip off, at most level 2)
        q.unit <> '' AND a.unit = '' AS unit_asked
    FROM pairs p JOIN q ON q.seq = p.seq JOIN ca a ON a.tin = p.tin
    JOIN (SELECT seq, tin, dob FROM pn) pd ON pd.seq = p.seq AND pd.tin = p.tin
    LEFT JOIN known_street ks ON ks.seq = p.seq
    LEFT JOIN urb_here uh ON uh.seq = p.seq
    LEFT JOIN dir_here dh ON dh.seq = p.seq),
l0 AS (
    SELECT seq, tin, addr_id, zip0, urb0, urb_open, dir_open, zip_open,
        CASE WHEN NOT place THEN 0
             WHEN house = 2 AND street >= 2
                 THEN (CASE WHEN unit IN (2, -1) THEN 5 WHEN unit = 1 THEN 4 ELSE 1 END)
             WHEN unit = 0 THEN (CASE WHEN street >= 2 THEN 1 ELSE 0 END)
             WHEN house = 2 AND street = 1 THEN (CASE WHEN unit_asked THEN 2 ELSE 3 END)
             WHEN house = 1 AND street >= 2 AND zip2 THEN 2
             WHEN street >= 2 AND house IN (0, 1) THEN 1
             ELSE 0 END AS lvl
    FROM c),
l AS (SELECT seq, tin, addr_id, {LEVEL_CAP_SQL} FROM l0)
SELECT seq, tin, max(lvl) AS address,
    max_by(addr_id, CAST(lvl AS BIGINT) * 1000000000000 - addr_id) AS best_addr
FROM l GROUP BY seq, tin
"""


def _w(comp: str, level: str) -> str:
    # vector._w: the weight list runs from level -1, so level L sits at (1-based) L + 2.
    return f"coalesce(try_element_at(wl.{comp}, {level} + 2), 0.0D)"


# vector._VEC_SQL
VEC_SQL = f"""
WITH {REL_VIEWS},
lv AS (
    SELECT pn.seq, pn.tin,
        g.first,
        coalesce(pn.l_pre, rlast.v) AS last,
        -- both middle fields empty and the first given names differ: the later given
        -- names are the middle name only under one person's first name (rel_s)
        CASE WHEN pn.sx IS NOT NULL AND coalesce(rs.v, 0) = 0 THEN -1
             ELSE coalesce(pn.m_pre, rm.v) END AS middle,
        g.suffix, pn.dob, g.tin_l
    FROM pn JOIN gated g ON g.seq = pn.seq AND g.tin = pn.tin
    LEFT JOIN rel_m rm ON rm.a = pn.mx AND rm.b = pn.my
    LEFT JOIN rel_s rs ON rs.a = pn.sx AND rs.b = pn.sy
    LEFT JOIN rel_l rlast ON rlast.a = pn.ql AND rlast.b = pn.cl),
w AS (
    SELECT lv.*, ad.address, ad.best_addr,
        CASE WHEN lv.first = 5 THEN q.w_first5 ELSE {_w('first', 'lv.first')} END AS w_first,
        CASE WHEN lv.last = 5 THEN q.w_last5 ELSE {_w('last', 'lv.last')} END AS w_last,
        {_w('middle', 'lv.middle')} AS w_middle, {_w('suffix', 'lv.suffix')} AS w_suffix,
        {_w('address', 'ad.address')} AS w_address, {_w('dob', 'lv.dob')} AS w_dob,
        CASE WHEN lv.tin_l IS NULL THEN 0.0D ELSE {_w('tin', 'lv.tin_l')} END AS w_tin
    FROM lv JOIN ad ON ad.seq = lv.seq AND ad.tin = lv.tin
    JOIN q ON q.seq = lv.seq CROSS JOIN weight_lists wl)
SELECT *,
    -- summed in compare.level_vector's order: the same float, to the last bit
    w_first + w_last + w_middle + w_suffix + w_address + w_dob + w_tin AS bits
FROM w
"""

VEC_COLUMNS = ("seq", "tin", "first", "last", "middle", "suffix", "dob", "tin_l", "address",
               "best_addr", "w_first", "w_last", "w_middle", "w_suffix", "w_address", "w_dob",
               "w_tin", "bits")

# vector._RELEVANT_SQL, with setwise's candidate columns joined (what the policy reads of
# a candidate beyond its comparison vector).
RELEVANT_SQL = f"""
SELECT r.*, n.first_tokens, n.first_canon, n.middle_n, n.last_n, n.last_tokens,
    n.suffix_n AS c_suffix, n.first_phon, n.last_phon, t.date_of_birth, t.date_of_death,
    k.street AS k_street, k.unit AS k_unit, k.city AS k_city, k.state AS k_state,
    k.zip AS k_zip, k.source AS k_source, k.effective_date AS k_date, l.tied AS k_tied,
    l.later_elsewhere AS k_later, l.later_deceased AS k_later_dead,
    b.house AS b_house
FROM (
    SELECT {', '.join(VEC_COLUMNS)}, rk FROM (
        SELECT *, sum(CASE WHEN plausible THEN 1 ELSE 0 END)
                OVER (PARTITION BY seq) AS n_plausible,
            sum(CASE WHEN plausible AND NOT (first = 5 AND last = 5) THEN 1 ELSE 0 END)
                OVER (PARTITION BY seq) AS n_partial,
            sum(CASE WHEN plausible AND first = 5 AND last = 5 AND middle = 1 THEN 1 ELSE 0 END)
                OVER (PARTITION BY seq) AS n_middle_short,
            sum(CASE WHEN plausible AND NOT contra THEN 1 ELSE 0 END)
                OVER (PARTITION BY seq) AS n_consistent,
            sum(CASE WHEN plausible AND address = 4 THEN 1 ELSE 0 END)
                OVER (PARTITION BY seq) AS n_unitless
        FROM (
            SELECT v.*,
                -- the best-scoring candidate that resembles the request (compare.resembles)
                -- ranks first; rk = 1 and resembles = that candidate
                row_number() OVER (PARTITION BY v.seq ORDER BY
                    CASE WHEN {RESEMBLES_SQL} THEN 0 ELSE 1 END, v.bits DESC, v.tin) AS rk,
                {RESEMBLES_SQL} AS resembles,
                (v.suffix <> 0 AND v.first >= 2 AND v.last >= 2) AND v.address >= 2
                    AS plausible,
                v.dob = 0 OR coalesce(v.tin_l, 1) = 0 AS contra
            FROM vec v) x) y
    WHERE {relevance_sql('', '', '(rk = 1 AND resembles)')}) r
JOIN names n ON n.tin = r.tin JOIN taxpayers t ON t.tin = r.tin
JOIN lka l ON l.tin = r.tin JOIN addresses k ON k.addr_id = l.addr_id
LEFT JOIN addresses b ON b.addr_id = r.best_addr
"""

TERM_FREQ_SQL = """
SELECT f.kind, f.term, f.freq FROM term_freq f JOIN tf_terms w
    ON w.kind = f.kind AND w.term = f.term
"""

"""Comparison vectors for a whole chunk of requests, computed set-wise in DuckDB.

The per-pair Python scoring (`compare.score`) cost 20-60 µs a candidate pair; at 200
candidates a request that was the whole time budget. Here every level of the comparison
vector is a SQL expression over a table of pairs, and Python touches only:
  * each request once (its normalized values and exact-agreement weights, table `q`);
  * each DISTINCT pair of short values whose relation needs the name tables or the typo
    rules (`rel`, computed by dgate.normalize.relations — the same code compare_names runs);
  * the few candidates that can bear on the decision (`relevant`): those whose name or
    address is plausible, whose TIN agrees, and the best-scoring one that resembles it.

Tables, by stage (the contract another engine — e.g. Spark — implements the same way):
  q         one row per request: REQUEST_SCHEMA
  pairs     (seq, tin): every taxpayer a blocking key finds (engine.PAIRS_SQL)
  cn        one row per candidate taxpayer: given-name tokens, middle tokens, the second
            given name, surname, suffix, dates of birth and death
  n_cands   (seq, n): how many taxpayers the blocking found, the decision's candidate_count
  far       the pairs only key 6 found whose candidate has no address in the requested place
            and not the request's DOB or TIN (_FAR_SQL): out of `pairs`, compared in a
            second pass through the stages below (pf to vec, `vec` then holding both) only
            for the requests whose decision they can bear on (_FAR_WANTED_SQL)
  pf        one row per blocked pair: the given-name level where SQL decides it (f_pre, NULL
            where a relation must be looked up) with the keys of those relations (fx, fy,
            fra, frb, qs, cs), the suffix and TIN levels
  rel       (k, a, b, v): the relation of each distinct key pair, first for the gate (k: g
            given names, r later given names, c same name through a nickname), then for
            pn (m middle, s one person's first given name, l surnames)
  gated     one row per blocked pair: its given-name, suffix and TIN levels (vec reads them)
  pairs     replaced by the gate's: the pairs that can bear on a decision (compare.resembles:
            given name level 2+ with no conflicting suffix, the TIN, or an address of the
            candidate's in the requested place with the house number equal or one slip
            off; one pass over the candidates' addresses); the stages below see only these
  pn        one row per pair: the middle-name, surname and DOB levels where SQL decides them
            (m_pre, l_pre NULL where a relation must be looked up) and the keys of those
            relations (mx, my, sx, sy, ql, cl)
  urb_here  (seq, n, u1): the Puerto Rico urbanizations at the requested house and street
            in the requested ZIP (in the requested city, for a request without a ZIP:
            engine.urb_here_select), for the address level
  dir_here  (seq, n1, d1, blank, line, nt, t1, tblank, nz, nzl): the directionals and the
            street types at the requested house and street in the requested place, whether
            the request's line as written is there, and for a request without a ZIP how
            many ZIPs of its city hold the house and the line (engine.DIR_HERE_SELECT), for
            the address level
  ad        one row per pair: address level (best over the whole history) and its addr_id
  vec       one row per pair: first, last, middle, suffix, address, best_addr, dob, tin
            levels, their weights and bits
The levels equal compare.score's to the integer and the bits to the last bit of the float
(tests/match/test_vector.py holds them equal pair by pair).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from dgate.match.compare import Query, exact_name_weights
from dgate.match.engine import PAIRS_SQL, QUERY_SCHEMA, query_columns
from dgate.match.model import MatchModel
from dgate.normalize import relations as rl
from dgate.normalize.address import (
    NOT_NAME_TYPES,
    THOROUGHFARES,
    is_post_office_bound,
    street_ident,
    street_slip_keys,
)

REQUEST_SCHEMA = pa.schema([
    *QUERY_SCHEMA,
    # the comparison columns
    ("predir", pa.string()), ("postdir", pa.string()),
    ("snkey", pa.string()),
    ("sident", pa.string()), ("sdel", pa.list_(pa.string())), ("sslip", pa.list_(pa.string())),
    ("first_tokens", pa.list_(pa.string())), ("middle_n", pa.string()),
    ("middle_tokens", pa.list_(pa.string())), ("second", pa.string()),
    ("suffix", pa.string()), ("w_first5", pa.float64()), ("w_last5", pa.float64()),
    ("po_bound", pa.bool_()),
])

COMPONENTS = ("first", "last", "middle", "suffix", "address", "dob", "tin")
_LEVEL_MIN, _LEVEL_MAX = -1, 5  # weight lists are indexed by level - _LEVEL_MIN + 1
_FETCH_ROWS = 100_000


def _list_sql(values: frozenset[str]) -> str:
    # Only fixed vocabulary from the code (connector words), never request data.
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in sorted(values)) + "]"


_SPLIT_MIDDLE = "string_split(t.middle_n, ' ')"
_CN_SQL = f"""
CREATE OR REPLACE TEMP TABLE cn AS
SELECT tin, dob, dod, ftok, mid, last_n, ltok, lph, sfx, mtok,
    CASE WHEN len(ftok) > 1 THEN (CASE WHEN length(ftok[2]) > 1 THEN ftok[2] ELSE '' END)
         WHEN len(mtok) > 0 AND length(mtok[1]) > 1 THEN mtok[1] ELSE '' END AS second
FROM (
    SELECT t.tin, t.dob, t.dod, t.ftok, t.middle_n AS mid, t.last_n, t.ltok, t.lph, t.sfx,
        CASE WHEN t.middle_n = '' THEN []::VARCHAR[]
             WHEN len(list_filter({_SPLIT_MIDDLE},
                      lambda w: NOT list_contains({_list_sql(rl.GIVEN_CONNECTORS)}, w))) > 0
             THEN list_filter({_SPLIT_MIDDLE},
                      lambda w: NOT list_contains({_list_sql(rl.GIVEN_CONNECTORS)}, w))
             ELSE {_SPLIT_MIDDLE} END AS mtok
    FROM (
        SELECT x.tin, x.date_of_birth AS dob, x.date_of_death AS dod,
            coalesce(n.first_tokens, []::VARCHAR[]) AS ftok,
            coalesce(n.middle_n, '') AS middle_n, coalesce(n.last_n, '') AS last_n,
            coalesce(n.last_tokens, []::VARCHAR[]) AS ltok,
            coalesce(n.last_phon, []::VARCHAR[]) AS lph,
            coalesce(n.suffix_n, '') AS sfx
        FROM (SELECT DISTINCT tin FROM pairs) p
        JOIN taxpayers x ON x.tin = p.tin JOIN names n ON n.tin = p.tin) t)
"""

# Each CASE mirrors one function of normalize/names.py line by line; NULL means "the
# relation table decides" (rel).
# names._first_level over the given-name words ta, tb (with qs, cs the second given names),
# and the keys of the relations it may need; read by the gate (pf), whose level vec keeps.
_FIRST_PRE = """CASE WHEN len(ta) = 0 OR len(tb) = 0 THEN 0
         WHEN ta = tb THEN (CASE WHEN length(ta[1]) > 1 THEN 5 ELSE 1 END)
         WHEN length(ta[1]) = 1 OR length(tb[1]) = 1
             THEN (CASE WHEN left(ta[1], 1) = left(tb[1], 1) THEN 1
                        -- a lone initial whose bearer may go by the other's given name:
                        -- the relation decides (first_level_sql's initial branch)
                        WHEN (length(ta[1]) = 1 AND length(tb[1]) > 1 AND qs <> '')
                            OR (length(tb[1]) = 1 AND length(ta[1]) > 1 AND cs <> '')
                            THEN NULL
                        ELSE 0 END)
         WHEN ta[1:least(len(ta), len(tb))] = tb[1:least(len(ta), len(tb))]
             OR (len(ta) <> len(tb) AND array_to_string(ta, '') = array_to_string(tb, ''))
             THEN 4
    END AS f_pre,
    ta[1] AS fx, tb[1] AS fy,
    CASE WHEN least(len(ta), len(tb)) > 1
         THEN array_to_string(ta[2:least(len(ta), len(tb))], ' ') END AS fra,
    CASE WHEN least(len(ta), len(tb)) > 1
         THEN array_to_string(tb[2:least(len(ta), len(tb))], ' ') END AS frb,
    qs, cs"""
# Written in the SQL both dialects share, so match/spark_sql.py uses them as they are:
# names._suffix_level over qx, cx and the TIN level over qt and the pair's tin; the
# given-name relations a row of f_pre's columns may need (table t), the relation views,
# the level with its joins, and the gate's tests (compare.resembles).
SUFFIX_TIN_SQL = """CASE WHEN qx = cx THEN (CASE WHEN qx <> '' THEN 2 ELSE 1 END)
         WHEN qx = '' OR cx = '' OR (qx IN ('JR', 'II') AND cx IN ('JR', 'II')) THEN 1
         ELSE 0 END AS suffix,
    CASE WHEN qt = '' THEN CAST(NULL AS INT) WHEN qt = tin THEN 1 ELSE 0 END AS tin_l"""
FIRST_REL_KEYS = """SELECT 'g' AS k, fx AS a, fy AS b FROM {t}
        WHERE f_pre IS NULL AND length(fx) > 1 AND length(fy) > 1
    UNION ALL SELECT 'r', fra, frb FROM {t} WHERE f_pre IS NULL AND fra IS NOT NULL
    UNION ALL SELECT 'c', qs, fy FROM {t} WHERE f_pre IS NULL AND qs <> ''
    UNION ALL SELECT 'c', cs, fx FROM {t} WHERE f_pre IS NULL AND cs <> ''"""
REL_VIEWS = """rel_g AS (SELECT a, b, v FROM rel WHERE k = 'g'),
rel_r AS (SELECT a, b, v FROM rel WHERE k = 'r'),
rel_c AS (SELECT a, b, v FROM rel WHERE k = 'c'),
rel_m AS (SELECT a, b, v FROM rel WHERE k = 'm'),
rel_s AS (SELECT a, b, v FROM rel WHERE k = 's'),
rel_l AS (SELECT a, b, v FROM rel WHERE k = 'l')"""


def first_level_sql(t: str) -> str:
    """The given-name level of table `t`'s rows (needs first_joins_sql(t) and REL_VIEWS)."""
    return f"""coalesce({t}.f_pre, CASE
            -- names._first_level's lone initial before the name its bearer goes by
            WHEN length({t}.fx) = 1 THEN (CASE WHEN rca.v = 1 THEN 3 ELSE 0 END)
            WHEN length({t}.fy) = 1 THEN (CASE WHEN rcb.v = 1 THEN 3 ELSE 0 END)
            WHEN rg.v = 4 THEN (CASE WHEN {t}.fra IS NULL OR rr.v = 1 THEN 4 ELSE 2 END)
            WHEN rca.v = 1 OR rcb.v = 1 THEN 3
            ELSE rg.v END)"""


def first_joins_sql(t: str) -> str:
    return f"""LEFT JOIN rel_g rg ON rg.a = {t}.fx AND rg.b = {t}.fy
    LEFT JOIN rel_r rr ON rr.a = {t}.fra AND rr.b = {t}.frb
    LEFT JOIN rel_c rca ON rca.a = {t}.qs AND rca.b = {t}.fy
    LEFT JOIN rel_c rcb ON rcb.a = {t}.cs AND rcb.b = {t}.fx"""


# compare.resembles over a row with the levels first, suffix, tin_l (NAMED_SQL: the part
# the gate settles before addresses are compared) and address
NAMED_SQL = "((first >= 2 AND suffix <> 0) OR coalesce(tin_l, 0) = 1)"
RESEMBLES_SQL = f"({NAMED_SQL} OR address >= 2)"


# normalize.address._LEADING_DIGITS: the number a house number begins with, a hyphenated
# second number included (91-1010, 123-4); spark_sql uses the same pattern
LEADING_NUMBER_RE = "^[0-9]+(-[0-9]+)?"
_HOUSE_NEAR = ("(a.house = q.house OR damerau_levenshtein(q.house, a.house) <= 1 "
               f"OR (regexp_extract(q.house, '{LEADING_NUMBER_RE}') <> '' "
               f"AND regexp_extract(q.house, '{LEADING_NUMBER_RE}') "
               f"= regexp_extract(a.house, '{LEADING_NUMBER_RE}')))")

# The gate: of the blocked pairs, only those that can bear on a decision go on to the name,
# address and weight stages (compare.resembles; decide/policy.py reads no other candidate):
#   the given name relates (level 2 or more, the exact level from f_pre and rel) and the
#   suffixes do not conflict; or the TIN agrees; or an address of the candidate's is in the
#   requested place with the house number equal or one slip off (compare.address_level
#   gives 2 or more nowhere else: house 2 in the place, or house 1 in the ZIP).
# At 10M taxpayers this keeps about a third of the pairs: most blocked pairs are the
# surname + ZIP key's namesakes in the ZIP with another given name. The count of every
# blocked pair is kept (n_cands): it is the decision's candidate_count.
_PF_SQL = f"""
CREATE OR REPLACE TEMP TABLE pf AS
WITH b AS (
    SELECT p.pid, p.seq, p.tin, q.first_tokens AS ta, c.ftok AS tb, q.second AS qs,
        c.second AS cs, q.suffix AS qx, c.sfx AS cx, q.tin AS qt
    FROM pairs p JOIN q ON q.seq = p.seq JOIN cn c ON c.tin = p.tin)
SELECT pid, seq, tin, {_FIRST_PRE}, {SUFFIX_TIN_SQL} FROM b
"""
_PF_REL_KEYS_SQL = f"SELECT DISTINCT k, a, b FROM ({FIRST_REL_KEYS.format(t='pf')})"
_GATE_SQL = f"""
-- the given-name, suffix and TIN levels of every pair, kept for vec (pn does not redo them)
CREATE OR REPLACE TEMP TABLE gated AS
WITH {REL_VIEWS}
SELECT pf.pid, pf.seq, pf.tin, {first_level_sql('pf')} AS first, pf.suffix, pf.tin_l
FROM pf {first_joins_sql('pf')};
CREATE OR REPLACE TEMP TABLE pairs AS
WITH g AS (
    SELECT pid, seq, tin, {NAMED_SQL} AS named FROM gated),
placed AS (
    -- one pass over the address table (two equi-joins UNIONed scanned it twice: 1.6x)
    SELECT DISTINCT g.pid FROM g JOIN q ON q.seq = g.seq
    JOIN addresses a ON a.tin = g.tin
    WHERE NOT g.named AND q.house <> '' AND a.house <> '' AND (
        (q.zip5 <> '' AND a.zip5 = q.zip5 AND {_HOUSE_NEAR})
        OR (a.house = q.house AND q.state <> '' AND a.state_n = q.state
            AND ((q.city <> '' AND a.city_n = q.city) OR list_contains(q.city_zips, a.zip5)))))
SELECT pid, seq, tin FROM g WHERE named
UNION ALL
SELECT g.pid, g.seq, g.tin FROM g SEMI JOIN placed ON placed.pid = g.pid;
DROP TABLE pf;
"""

def connector_initial_sql(contains: str, connectors: str, first_word: str,
                          space_at: str) -> str:
    """names._connector_initial either way round, on the two middle fields qm and cm (the
    middle level's initial branch): the one an initial, the other's first word a connector
    beginning with it. By the engine's names: list membership (DuckDB list_contains, Spark
    array_contains), the connectors as a list literal, a field's first word and the
    position of its first space, each a format string taking the field."""
    def one(initial: str, middle: str) -> str:
        return (f"(length({initial}) = 1 AND {space_at.format(middle)} > 0"
                f" AND {contains}({connectors}, {first_word.format(middle)})"
                f" AND left({middle}, 1) = {initial})")
    return f"{one('qm', 'cm')} OR {one('cm', 'qm')}"


CONNECTOR_INITIAL_SQL = connector_initial_sql(
    "list_contains", _list_sql(rl.GIVEN_CONNECTORS), "string_split({}, ' ')[1]",
    "strpos({}, ' ')")


# names._joined_particle between a word of the surname tokens `a` and one of `b`
_JOINED_PARTICLE_SQL = (
    "coalesce(list_bool_or(list_transform({a}, t -> list_bool_or(list_transform({b}, u ->"
    f" length(u) >= {rl.JOINED_REST} AND length(t) > length(u) AND ends_with(t, u)"
    f" AND list_contains({_list_sql(rl.JOINED_PARTICLES)},"
    " left(t, length(t) - length(u))))))), false)")

_PN_SQL = f"""
CREATE OR REPLACE TEMP TABLE pn AS
WITH b AS (
    SELECT p.pid, p.seq, p.tin, q.first_tokens AS ta, c.ftok AS tb, q.middle_n AS qm, c.mid AS cm,
        CASE WHEN q.middle_n <> '' THEN q.middle_tokens
             WHEN c.mid = '' THEN list_slice(q.first_tokens, 2, len(q.first_tokens))
             ELSE list_slice(q.first_tokens, len(c.ftok) + 1, len(q.first_tokens)) END AS ma,
        CASE WHEN c.mid <> '' THEN c.mtok
             WHEN q.middle_n = '' THEN list_slice(c.ftok, 2, len(c.ftok))
             ELSE list_slice(c.ftok, len(q.first_tokens) + 1, len(c.ftok)) END AS mb,
        q.last_n AS ql, c.last_n AS cl,
        q.last_tokens AS qlt, c.ltok AS clt,
        q.last_phon AS qlp, c.lph AS clp,
        CASE WHEN len(q.last_tokens) <= len(c.ltok) THEN q.last_tokens ELSE c.ltok END AS small,
        CASE WHEN len(q.last_tokens) <= len(c.ltok) THEN c.ltok ELSE q.last_tokens END AS big,
        CASE WHEN len(q.last_tokens) <= len(c.ltok) THEN q.last_phon ELSE c.lph END AS smallp,
        CASE WHEN len(q.last_tokens) <= len(c.ltok) THEN c.lph ELSE q.last_phon END AS bigp,
        q.dob AS qd, c.dob AS cd
    FROM pairs p JOIN q ON q.seq = p.seq JOIN cn c ON c.tin = p.tin)
SELECT pid, seq, tin,
    -- names._middle_level (both middle fields empty: ma, mb are the later given names)
    CASE WHEN qm = '' AND cm = '' AND (len(ma) = 0 OR len(mb) = 0) THEN -1
         WHEN len(ma) = 0 OR len(mb) = 0 THEN 1
         WHEN ma = mb THEN 2
         WHEN length(ma[1]) = 1 OR length(mb[1]) = 1
             THEN (CASE WHEN left(ma[1], 1) = left(mb[1], 1) THEN 1
                        -- names._connector_initial: D for DE GUZMAN as written
                        WHEN {CONNECTOR_INITIAL_SQL} THEN 1
                        ELSE 0 END)
         WHEN ma[1:least(len(ma), len(mb))] = mb[1:least(len(ma), len(mb))] THEN 2
    END AS m_pre,
    ma[1] AS mx, mb[1] AS my,
    -- ... and where the first given names differ, whether they are one person's (rel_s:
    -- names.same_first_name; -1 where not)
    CASE WHEN qm = '' AND cm = '' AND len(ma) > 0 AND len(mb) > 0 AND ta[1] <> tb[1]
         THEN ta[1] END AS sx,
    CASE WHEN qm = '' AND cm = '' AND len(ma) > 0 AND len(mb) > 0 AND ta[1] <> tb[1]
         THEN tb[1] END AS sy,
    -- names._last_level (an empty surname has no tokens)
    CASE WHEN ql = '' OR cl = '' THEN 0
         WHEN ql = cl THEN 5
         WHEN replace(ql, ' ', '') = replace(cl, ' ', '') THEN 4
         WHEN list_sort(qlt) = list_sort(clt) THEN 4
         -- the shorter side's surnames each found once among the other's (a dropped
         -- maternal or paternal surname); initials and spelling variants go to `rel`
         WHEN len(small) < len(big) AND len(list_distinct(small)) = len(small)
             AND list_has_all(big, small)
             AND len(list_filter(small, lambda t: length(t) > 1)) > 0 THEN 3
         -- a word of one side the other's with particles joined before it (DELACRUZ /
         -- CRUZ: names._joined_particle): the relation says how they relate
         WHEN {_JOINED_PARTICLE_SQL.format(a="qlt", b="clt")}
             OR {_JOINED_PARTICLE_SQL.format(a="clt", b="qlt")} THEN NULL
         -- two one-word surnames (most pairs): the same phonetic key is a variant
         -- (_surname_variant); a word under two letters, or under three, a first letter
         -- that differs or lengths more than one apart cannot be a typo (_typo). Only a
         -- possible slip is left to `rel`.
         WHEN len(qlt) = 1 AND len(clt) = 1 AND strpos(ql, ' ') = 0 AND strpos(cl, ' ') = 0
             THEN (CASE WHEN length(qlt[1]) < 2 OR length(clt[1]) < 2 THEN 0
                        WHEN qlp[1] = clp[1] THEN 2
                        WHEN least(length(qlt[1]), length(clt[1])) < 3
                            OR left(qlt[1], 1) <> left(clt[1], 1)
                            OR abs(length(qlt[1]) - length(clt[1])) > 1 THEN 0 END)
         -- a particle on either side: the words joined differently may relate them
         -- (names._particles_joined: DELRIO / DEL RIO RAMIREZ)
         WHEN list_has_any(list_concat(string_split(ql, ' '), string_split(cl, ' ')),
                           {_list_sql(rl.SURNAME_PARTICLES)}) THEN NULL
         -- one surname the other's first or last words, the words broken elsewhere
         -- (names._broken_elsewhere: ACOSTA / ACO STA ZAMORA)
         WHEN starts_with(replace(ql, ' ', ''), replace(cl, ' ', ''))
             OR starts_with(replace(cl, ' ', ''), replace(ql, ' ', ''))
             OR ends_with(replace(ql, ' ', ''), replace(cl, ' ', ''))
             OR ends_with(replace(cl, ' ', ''), replace(ql, ' ', '')) THEN NULL
         -- a word of the shorter surname shares neither a first letter nor a phonetic key
         -- with any word of the other, and the fused surnames cannot be a typo of each
         -- other: no level above 0 is possible (_covered must pair EVERY word of the
         -- shorter side by equality, initial, phonetic key or a same-first-letter typo)
         WHEN NOT list_bool_and(list_transform(range(1, len(small) + 1), i ->
                 list_contains(list_transform(big, t -> left(t, 1)), left(small[i], 1))
                 OR list_contains(bigp, smallp[i])))
             AND (left(replace(ql, ' ', ''), 1) <> left(replace(cl, ' ', ''), 1)
                  OR abs(length(replace(ql, ' ', '')) - length(replace(cl, ' ', ''))) > 1)
             THEN 0
    END AS l_pre,
    ql, cl,
    -- compare.dob_level
    CASE WHEN qd IS NULL OR cd IS NULL THEN -1
         WHEN qd = cd THEN 3
         WHEN year(qd) = year(cd) AND month(qd) = day(cd) AND day(qd) = month(cd) THEN 2
         WHEN length(strftime(qd, '%Y%m%d')) = length(strftime(cd, '%Y%m%d'))
             AND hamming(strftime(qd, '%Y%m%d'), strftime(cd, '%Y%m%d')) = 1 THEN 1
         ELSE 0 END AS dob
FROM b
"""

# (the given-name relations were the gate's: pf)
_REL_KEYS_SQL = """
SELECT DISTINCT k, a, b FROM (
    SELECT 'm' AS k, mx AS a, my AS b FROM pn WHERE m_pre IS NULL
    UNION ALL SELECT 's', sx, sy FROM pn WHERE sx IS NOT NULL
    UNION ALL SELECT 'l', ql, cl FROM pn WHERE l_pre IS NULL)
"""

# compare.address_level over compare_addresses, for every address in each candidate's
# history; the best level counts, the earliest addr_id among equals (Python keeps the
# first strictly better one in addr_id order).
_STREET_NAMES_SQL = """
SELECT DISTINCT a.street_name FROM (SELECT DISTINCT tin FROM pairs) p
JOIN addresses a ON a.tin = p.tin WHERE a.street_name IS NOT NULL
"""

# normalize.address.streets_conflict: a directional (before or after the name) or a street
# type given on both sides and different: another street, level 0. Shared with Spark.
_DIR_Q = "(CASE WHEN q.predir <> '' THEN q.predir ELSE q.postdir END)"
_DIR_A = "(CASE WHEN a.predir <> '' THEN a.predir ELSE a.postdir END)"
# directionals given on both sides and different (normalize.address.streets_conflict)
_DIR_CONFLICT_SQL = (f"(({_DIR_Q} <> '' AND {_DIR_A} <> '' AND {_DIR_Q} <> {_DIR_A})"
                     " OR (q.postdir <> '' AND a.postdir <> '' AND q.postdir <> a.postdir))")
STREET_CONFLICT_SQL = (f"({_DIR_CONFLICT_SQL}"
                       " OR (q.st_suffix <> '' AND a.st_suffix <> ''"
                       " AND q.st_suffix <> a.st_suffix))")
# normalize.address.grid_axis_left_out: one street name a bare number, the other that
# number and a grid axis (1900 / 1900 N). A name of digits alone is the one whose sident
# (street_ident: its numbers joined by '|', then '/') is itself and '/'. Shared with Spark.
_AXES_OF = "({n} || ' N', {n} || ' S', {n} || ' E', {n} || ' W')"
GRID_AXIS_SQL = (
    "((q.sident = q.street_name || '/' AND a.street_name IN "
    + _AXES_OF.format(n="q.street_name") + ")"
    " OR (a.sident = a.street_name || '/' AND q.street_name IN "
    + _AXES_OF.format(n="a.street_name") + "))")
# compare.bare_number_read: the request's street a bare number, no type and no
# postdirectional, the candidate's line not that one. Shared with Spark.
BARE_NUMBER_SQL = ("(q.sident = q.street_name || '/' AND q.st_suffix = '' AND q.postdir = ''"
                   " AND NOT (a.street_name = q.street_name AND a.st_suffix = ''"
                   " AND a.postdir = ''))")
# normalize.address.type_left_out, for a held row in the requested ZIP, whose requested
# street is no street of it (known_street; elsewhere nothing says LOMA VIS is none there):
# one side's name key and read type together are the other's name key, whose type is a
# thoroughfare's and the read one's is none of NOT_NAME_TYPES (LOMA + VIS / LOMA VIS +
# BLVD), the directionals not in conflict. Shared with Spark.
_WAYS = _list_sql(THOROUGHFARES).strip("[]")
_NOT_NAME = _list_sql(NOT_NAME_TYPES).strip("[]")
_TYPE_INTO_NAME = ("({x}.st_suffix <> '' AND {x}.st_suffix NOT IN ({not_name})"
                   " AND {y}.st_suffix IN ({ways})"
                   " AND {x}.skey || ' ' || {x}.st_suffix = {y}.skey)")
TYPE_LEFT_OUT_SQL = (
    "(q.zip5 <> '' AND a.zip5 = q.zip5 AND ks.seq IS NULL AND ("
    + _TYPE_INTO_NAME.format(x="q", y="a", ways=_WAYS, not_name=_NOT_NAME) + " OR "
    + _TYPE_INTO_NAME.format(x="a", y="q", ways=_WAYS, not_name=_NOT_NAME) + ")"
    f" AND NOT {_DIR_CONFLICT_SQL})")
# normalize.address._street_level after the -1 test (shared with Spark)
STREET_NAME_LEVELS_SQL = f"""WHEN {TYPE_LEFT_OUT_SQL} THEN 2
             WHEN {STREET_CONFLICT_SQL} THEN 0
             WHEN q.skey = a.skey THEN (CASE WHEN q.predir = a.predir
                 AND q.st_suffix = a.st_suffix AND q.postdir = a.postdir THEN 3 ELSE 2 END)
             -- a grid street's axis left out (1900 / 1900 N): capped by dir_open
             WHEN {GRID_AXIS_SQL} THEN 2
             -- another number or one-letter word: another street (street_ident)
             WHEN q.sident <> a.sident THEN 0"""

def street_slip_sql(overlap: str, contains: str) -> str:
    """normalize.address.street_slip on street_slip_keys, unless the requested street is a
    street of its ZIP (known_street, engine.PAIRS_SQL); the list functions by the engine's
    names (DuckDB list_has_any / list_contains, Spark arrays_overlap / array_contains)."""
    return f"""WHEN ks.seq IS NULL AND ({overlap}(q.sslip, a.sslip)
                 OR {contains}(a.sdel, q.street_name)
                 OR {contains}(q.sdel, a.street_name)) THEN 1"""


STREET_SLIP_SQL = street_slip_sql("list_has_any", "list_contains")


def street_near_sql(distance: str, initials: str) -> str:
    """normalize.address.street_near where the pair's date of birth is the exact one (pd:
    the pair's row of pn, dob level 3) and the requested street is no street of its ZIP;
    by the engine's names: the edit distance (DuckDB damerau_levenshtein, Spark's
    dgate_damerau_levenshtein) and the list of a name's word initials (a format string
    taking the name)."""
    return f"""WHEN ks.seq IS NULL AND pd.dob = 3
                 AND {initials.format('q.street_name')} = {initials.format('a.street_name')}
                 AND q.street_name || 'S' <> a.street_name
                 AND a.street_name || 'S' <> q.street_name
                 AND {distance}(q.street_name, a.street_name) <= 1 THEN 1"""


STREET_NEAR_SQL = street_near_sql(
    "damerau_levenshtein", "list_transform(string_split({}, ' '), w -> left(w, 1))")


# compare._address_level: a PO box or rural route box in another ZIP is another place
# (normalize.address.is_post_office_bound, precomputed as q.po_bound); else the same ZIP,
# or the same city and state, or the state and a ZIP the city of a request without a ZIP
# names (normalize.address.request_city_zips, precomputed as q.city_zips), place it. The
# list function by the engine's name (DuckDB list_contains, Spark array_contains).
def place_sql(contains: str) -> str:
    return ("(NOT (q.po_bound AND q.zip5 <> '' AND a.zip5 <> '' AND a.zip5 <> q.zip5) "
            "AND ((q.zip5 <> '' AND a.zip5 = q.zip5) "
            "OR (q.state <> '' AND a.state = q.state AND ((q.city <> '' AND a.city = q.city) "
            f"OR {contains}(q.city_zips, a.zip5)))))")


PLACE_SQL = place_sql("list_contains")
_PLACE = PLACE_SQL
# compare.address_level: ZIPs of two sectional centers (shared with Spark)
ZIP_CONFLICT_SQL = ("(q.zip5 <> '' AND a.zip5 <> '' "
                    "AND left(q.zip5, 3) <> left(a.zip5, 3)) AS zip0")
# compare.address_level: two urbanizations given and different (urb0), and
# compare.urb_unsettled over urb_here (uh, LEFT JOINed on the pair's seq). Shared with Spark.
_URB_GIVEN = "(CASE WHEN q.urb <> '' THEN q.urb ELSE a.urb END)"
URB_LEVELS_SQL = f"""(q.urb <> '' AND a.urb <> '' AND q.urb <> a.urb) AS urb0,
        ((q.urb = '' OR a.urb = '') AND coalesce(uh.n >= 2 OR (uh.n = 1
            AND {_URB_GIVEN} <> '' AND uh.u1 <> {_URB_GIVEN}), false)) AS urb_open"""
# compare.dir_unsettled over dir_here (dh, LEFT JOINed on the pair's seq): a grid street's
# axis given on one side only (GRID_AXIS_SQL), a requested bare number read as another
# line (BARE_NUMBER_SQL); or a directional given on one side only,
# with the ZIPs both given and different, or another directional at the house here (or a
# row without one, for a request without one). Shared with Spark.
_DIR_GIVEN = f"(CASE WHEN {_DIR_Q} <> '' THEN {_DIR_Q} ELSE {_DIR_A} END)"
# and compare.type_unsettled: a street type given on one side only, another type at the
# house here (or a row without one, for a request without one)
_TYPE_GIVEN = "(CASE WHEN q.st_suffix <> '' THEN q.st_suffix ELSE a.st_suffix END)"
# and a road named with two directionals on one side only (N LOOP 1604 / N LOOP 1604 W:
# compare.second_dir_left_out)
_BOTH_DIRS_Q = "(q.predir <> '' AND q.postdir <> '')"
_BOTH_DIRS_A = "(a.predir <> '' AND a.postdir <> '')"
DIR_OPEN_SQL = f"""({GRID_AXIS_SQL} OR {BARE_NUMBER_SQL}
            OR {_BOTH_DIRS_Q} <> {_BOTH_DIRS_A}
            OR (({_DIR_Q} = '') <> ({_DIR_A} = '') AND (
            (q.zip5 <> '' AND a.zip5 <> '' AND a.zip5 <> q.zip5)
            OR coalesce(dh.n1 >= 2 OR (dh.n1 = 1 AND dh.d1 <> {_DIR_GIVEN})
                        OR ({_DIR_Q} = '' AND dh.blank), false)))
            OR ((q.st_suffix = '') <> (a.st_suffix = '')
                AND coalesce(dh.nt >= 2 OR (dh.nt = 1 AND dh.t1 <> {_TYPE_GIVEN})
                             OR (q.st_suffix = '' AND dh.tblank), false))) AS dir_open"""
# compare.zip_unsettled over dir_here: the ZIPs both given and different, where the
# requested ZIP holds the request's street line as written (dir_here's line). Shared with
# Spark.
# And compare.city_unsettled: a request without a ZIP whose city holds the house and
# street in two ZIPs, unless the row is the line as written and one ZIP alone holds that.
ZIP_OPEN_SQL = f"""((coalesce(dh.line, false) AND q.zip5 <> '' AND a.zip5 <> ''
            AND a.zip5 <> q.zip5)
            OR (q.zip5 = '' AND coalesce(dh.nz, 0) >= 2 AND NOT (coalesce(dh.nzl, 0) = 1
                AND {_DIR_A} = {_DIR_Q} AND a.urb = q.urb AND a.st_suffix = q.st_suffix)))
            AS zip_open"""
# the level capped by them: another urbanization at most 1 (another household), a ZIP of
# another sectional center, an urbanization, a directional or a ZIP left unsettled at most
# 2 (a slip)
LEVEL_CAP_SQL = """CASE WHEN urb0 AND lvl > 1 THEN 1
                    WHEN (zip0 OR urb_open OR dir_open OR zip_open) AND lvl > 2 THEN 2
                    ELSE lvl END AS lvl"""
def _in_place(columns: str) -> str:
    """Boolean select-list columns (`expr AS name, ...`, as ZIP_CONFLICT_SQL and the others
    above) made false outside the requested place (PLACE_SQL): DuckDB then evaluates each
    only on the rows in place."""
    out = []
    for column in _split_columns(columns):
        expr, name = column.rsplit(" AS ", 1)
        out.append(f"CASE WHEN {_PLACE} THEN ({expr.strip()}) ELSE false END AS {name.strip()}")
    return ",\n        ".join(out)


def _split_columns(columns: str) -> list[str]:
    """A select list's columns, split at the commas outside parentheses."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(columns):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(columns[start:i])
            start = i + 1
    parts.append(columns[start:])
    return [p.strip() for p in parts if p.strip()]


# Every address row of the candidates, with the street keys of its street name (street_keys):
# the rows the address level is taken over. Shared with Spark (spark_sql.AD_SQL).
CANDIDATE_ADDRESSES_SQL = """
    SELECT a.tin, a.addr_id, coalesce(a.house, '') AS house, coalesce(a.predir, '') AS predir,
        coalesce(a.street_name, '') AS street_name, coalesce(a.st_suffix, '') AS st_suffix,
        coalesce(a.postdir, '') AS postdir, coalesce(a.unit_n, '') AS unit,
        coalesce(a.city_n, '') AS city, coalesce(a.state_n, '') AS state,
        coalesce(a.zip5, '') AS zip5, coalesce(a.urb, '') AS urb,
        coalesce(sk.skey, '') AS skey, coalesce(sk.snkey, '') AS snkey,
        coalesce(sk.sident, '') AS sident, sk.sdel, sk.sslip
    FROM (SELECT DISTINCT tin FROM pairs) p JOIN addresses a ON a.tin = p.tin
    LEFT JOIN street_keys sk ON sk.name = a.street_name"""
_AD_SQL = f"""
CREATE OR REPLACE TEMP TABLE ad AS
WITH ca AS ({CANDIDATE_ADDRESSES_SQL}),
c AS (
    SELECT p.pid, a.addr_id,
        q.zip5 <> '' AND a.zip5 = q.zip5 AS zip2,
        -- the caps, only in the right place: elsewhere the level is 0 and nothing caps it
        -- (a third of a chunk's rows at 1M taxpayers; computed for every row they were a
        -- tenth of this statement)
        {_in_place(ZIP_CONFLICT_SQL)},
        {_in_place(URB_LEVELS_SQL)},
        {_in_place(DIR_OPEN_SQL)},
        {_in_place(ZIP_OPEN_SQL)},
        {_PLACE} AS place,
        -- house, street and unit count only in the right place (l): elsewhere they are
        -- not computed at all (the string distances were most of this statement)
        CASE WHEN NOT ({_PLACE}) THEN NULL
             WHEN q.house = '' OR a.house = '' THEN -1
             WHEN q.house = a.house THEN 2
             WHEN damerau_levenshtein(q.house, a.house) <= 1 THEN 1
             WHEN regexp_extract(q.house, '{LEADING_NUMBER_RE}') <> ''
                 AND regexp_extract(q.house, '{LEADING_NUMBER_RE}')
                     = regexp_extract(a.house, '{LEADING_NUMBER_RE}')
                 THEN 1
             ELSE 0 END AS house,
        CASE WHEN NOT ({_PLACE}) THEN NULL
             WHEN q.street_name = '' OR a.street_name = '' THEN -1
             {STREET_NAME_LEVELS_SQL}
             WHEN q.snkey = a.snkey THEN 1
             {STREET_SLIP_SQL}
             {STREET_NEAR_SQL}
             ELSE 0 END AS street,
        CASE WHEN NOT ({_PLACE}) THEN NULL
             WHEN q.unit = '' AND a.unit = '' THEN -1
             WHEN q.unit = '' OR a.unit = '' THEN 1
             WHEN replace(q.unit, ' ', '') = replace(a.unit, ' ', '')
                 AND regexp_extract_all(q.unit, '[0-9]+', 0)
                     = regexp_extract_all(a.unit, '[0-9]+', 0) THEN 2
             ELSE 0 END AS unit,
        -- the request's unit missing on record (compare._address_level: with a street one
        -- slip off, at most level 2)
        q.unit <> '' AND a.unit = '' AS unit_asked
    FROM pairs p JOIN q ON q.seq = p.seq JOIN ca a ON a.tin = p.tin
    JOIN (SELECT pid, dob FROM pn) pd ON pd.pid = p.pid
    LEFT JOIN known_street ks ON ks.seq = p.seq
    LEFT JOIN urb_here uh ON uh.seq = p.seq
    LEFT JOIN dir_here dh ON dh.seq = p.seq),
l0 AS (
    SELECT pid, addr_id, zip0, urb0, urb_open, dir_open, zip_open,
        CASE WHEN NOT place THEN 0
             WHEN house = 2 AND street >= 2
                 THEN (CASE WHEN unit IN (2, -1) THEN 5 WHEN unit = 1 THEN 4 ELSE 1 END)
             WHEN unit = 0 THEN (CASE WHEN street >= 2 THEN 1 ELSE 0 END)
             WHEN house = 2 AND street = 1 THEN (CASE WHEN unit_asked THEN 2 ELSE 3 END)
             WHEN house = 1 AND street >= 2 AND zip2 THEN 2
             WHEN street >= 2 AND house IN (0, 1) THEN 1
             ELSE 0 END AS lvl
    FROM c),
l AS (SELECT pid, addr_id, {LEVEL_CAP_SQL} FROM l0)
SELECT pid, max(lvl) AS address,
    arg_max(addr_id, lvl::BIGINT * 1000000000000 - addr_id) AS best_addr
FROM l GROUP BY pid
"""


def _w(comp: str, level: str) -> str:
    return f"coalesce(wl.{comp}[{level} + {1 - _LEVEL_MIN}], 0.0)"


_VEC_SQL = f"""
CREATE OR REPLACE TEMP TABLE vec AS
WITH {REL_VIEWS},
lv AS (
    SELECT pn.pid, pn.seq, pn.tin,
        g.first,
        coalesce(pn.l_pre, rlast.v) AS last,
        -- both middle fields empty and the first given names differ: the later given
        -- names are the middle name only under one person's first name (rel_s)
        CASE WHEN pn.sx IS NOT NULL AND coalesce(rs.v, 0) = 0 THEN -1
             ELSE coalesce(pn.m_pre, rm.v) END AS middle,
        g.suffix, pn.dob, g.tin_l
    FROM pn JOIN gated g ON g.pid = pn.pid
    LEFT JOIN rel_m rm ON rm.a = pn.mx AND rm.b = pn.my
    LEFT JOIN rel_s rs ON rs.a = pn.sx AND rs.b = pn.sy
    LEFT JOIN rel_l rlast ON rlast.a = pn.ql AND rlast.b = pn.cl),
w AS (
    SELECT lv.*, ad.address, ad.best_addr,
        CASE WHEN lv.first = 5 THEN q.w_first5 ELSE {_w('first', 'lv.first')} END AS w_first,
        CASE WHEN lv.last = 5 THEN q.w_last5 ELSE {_w('last', 'lv.last')} END AS w_last,
        {_w('middle', 'lv.middle')} AS w_middle, {_w('suffix', 'lv.suffix')} AS w_suffix,
        {_w('address', 'ad.address')} AS w_address, {_w('dob', 'lv.dob')} AS w_dob,
        CASE WHEN lv.tin_l IS NULL THEN 0.0 ELSE {_w('tin', 'lv.tin_l')} END AS w_tin
    FROM lv JOIN ad ON ad.pid = lv.pid
    JOIN q ON q.seq = lv.seq CROSS JOIN weight_lists wl)
SELECT * EXCLUDE (pid),
    -- summed in compare.level_vector's order: the same float, to the last bit
    w_first + w_last + w_middle + w_suffix + w_address + w_dob + w_tin AS bits
FROM w
"""

# The candidates that can bear on the decision (decide/policy.py). A request with a
# plausible candidate (name AND address) is decided among those alone; one without is
# decided on its plausible names, plausible addresses, an agreeing TIN and the best-scoring
# candidate that resembles the request (the explanation of M_NO_MATCH).
# Each vector with whether its candidate is plausible (name AND address) and contradicted
# (compare.assess), and per request, in one aggregate pass (window functions over every pair
# cost several times more), what the relevance test and the far namesakes' deferral read.
_PER_REQUEST_CTES = f"""v AS (
    SELECT *, (suffix <> 0 AND first >= 2 AND last >= 2) AND address >= 2 AS plausible,
        dob = 0 OR coalesce(tin_l, 1) = 0 AS contra  -- compare.assess: contradicted
    FROM vec),
s AS (
    SELECT seq, count(*) FILTER (WHERE plausible) AS n_plausible,
        count(*) FILTER (WHERE plausible AND NOT (first = 5 AND last = 5)) AS n_partial,
        count(*) FILTER (WHERE plausible AND first = 5 AND last = 5 AND middle = 1)
            AS n_middle_short,
        count(*) FILTER (WHERE plausible AND NOT contra) AS n_consistent,
        count(*) FILTER (WHERE plausible AND address = 4) AS n_unitless,
        -- the best-scoring candidate that resembles the request (compare.resembles; ties:
        -- the lowest TIN): a refusal's explanation shows it
        first(tin ORDER BY bits DESC, tin) FILTER (WHERE {RESEMBLES_SQL}) AS top_tin
    FROM v GROUP BY seq)"""

# Which vectors can bear on the decision (decide/policy.py reads no others), over a
# vector's columns (prefixed `v`) and its request's counts (prefixed `s`, _PER_REQUEST_CTES);
# `top`: true for the request's best-scoring candidate that resembles it (top_tin). One
# text for both engines (spark_sql.RELEVANT_SQL), so that a rule's rows cannot be kept by
# one and dropped by the other.
_RELEVANCE = """{v}plausible
    OR ({s}n_plausible = 0 AND (({v}suffix <> 0 AND {v}first >= 2 AND {v}last >= 2)
                               OR {v}address >= 2 OR {v}tin_l = 1 OR {top}))
    -- the exact name borne elsewhere (decide/policy._closer_name_elsewhere), which bears
    -- on the decision only where a plausible candidate's name is not exact: elsewhere the
    -- best is exact and the rule cannot apply (most requests; they were 3/4 of the rows);
    -- and where it is exact but for a middle name its record lacks, the namesakes bearing
    -- the request's middle name
    OR ({v}first = 5 AND {v}last = 5 AND {v}suffix <> 0
        AND ({s}n_partial > 0 OR ({s}n_middle_short > 0 AND {v}middle = 2)))
    -- a name that could be the request's with its exact date of birth or its TIN, which
    -- is closer than a resident whose record holds no date (policy._identified_elsewhere)
    OR ({s}n_plausible > 0 AND ({v}dob = 3 OR {v}tin_l = 1) AND NOT {v}contra
        AND {v}suffix <> 0 AND {v}first >= 2 AND {v}last >= 2 AND coalesce({v}middle, -1) <> 0)
    -- every plausible candidate contradicted: the name (uncontradicted) or the TIN borne
    -- elsewhere adds M_NAME_ONLY to M_CONFLICT (decide/policy)
    OR ({s}n_plausible > 0 AND {s}n_consistent = 0
        AND (({v}suffix <> 0 AND {v}first >= 2 AND {v}last >= 2 AND NOT {v}contra)
             OR {v}tin_l = 1))
    -- a plausible candidate with the unit missing on one side: a namesake in another unit
    -- of the building (or on the street) bears on it (policy._namesake_in_another_unit)
    OR ({s}n_unitless > 0 AND {v}address = 1 AND {v}suffix <> 0 AND {v}first >= 2
        AND {v}last >= 2 AND NOT {v}contra)
    -- the request's exact date of birth borne at the address by the name of another
    -- generation (policy._other_generation)
    OR ({s}n_plausible > 0 AND {v}suffix = 0 AND {v}first >= 3 AND {v}last >= 3
        AND {v}address >= 2 AND {v}dob = 3)
    -- the request's exact date of birth borne at the address by one of its surname, any
    -- given name: where the best agrees only with day and month swapped
    -- (policy._swapped_date_a_housemates)
    OR ({s}n_plausible > 0 AND {v}last >= 3 AND {v}address >= 2 AND {v}dob = 3)
"""
# A resident whose name may be the request's read the other way round (given name and
# surname swapped: policy._swapped_housemate). By the levels alone this is every resident
# not otherwise kept (any straight levels: YANG YAN beside YAN YANG relates at surname
# level 2, red team r2), a third of the rows at 1M taxpayers or more, of which
# the swapped reading agrees for a handful: so the DuckDB engine keeps only those
# (relevant_rows' `swapped`, the policy's own test on the names); Spark keeps them all.
# The same rows hold the residents whose name the request's given name may be a short
# form of (policy._short_form_rival: ANDY where ANDREW and ANDREA live), which `swapped`
# keeps too (policy.ShortFormTest).
_SWAPPED_BRANCH = """({s}n_plausible > 0 AND {v}address >= 2
        AND {v}suffix <> 0 AND NOT {v}contra)"""


def relevance_sql(v: str, s: str, top: str, swapped: bool = True) -> str:
    """_RELEVANCE for an engine: the prefixes of the vector's and the counts' columns
    ("v.", "s." or none) and its test for the request's top candidate; with `swapped`
    False, without _SWAPPED_BRANCH (whose rows the caller then chooses itself)."""
    core = _RELEVANCE.format(v=v, s=s, top=top)
    return f"{core}    OR {_SWAPPED_BRANCH.format(v=v, s=s)}\n" if swapped else core


_RELEVANT_SQL = f"""
WITH {_PER_REQUEST_CTES}
SELECT v.* EXCLUDE (plausible, contra) FROM v JOIN s ON s.seq = v.seq
WHERE {relevance_sql('v.', 's.', 'v.tin = s.top_tin')}
ORDER BY v.seq, v.tin
"""

# The swapped branch's rows that no other test keeps, with the candidates' names (what
# relevant_rows' `swapped` judges); then the relevant rows with those it chose (`sw_keep`).
# `IS NOT TRUE`: a test NULL for some row (a TIN level unknown) keeps it out of both.
_SWAPPED_NAMES_SQL = f"""
WITH {_PER_REQUEST_CTES}
SELECT v.seq, n.tin, n.first_tokens, n.first_canon, n.middle_n, n.last_n, n.last_tokens,
    n.suffix_n, n.first_phon, n.last_phon, v.first AS l_first, v.last AS l_last
FROM v JOIN s ON s.seq = v.seq JOIN names n ON n.tin = v.tin
WHERE {_SWAPPED_BRANCH.format(v='v.', s='s.')}
    AND ({relevance_sql('v.', 's.', 'v.tin = s.top_tin', swapped=False)}) IS NOT TRUE
"""
_RELEVANT_CHOSEN_SQL = f"""
WITH {_PER_REQUEST_CTES}
SELECT v.* EXCLUDE (plausible, contra) FROM v JOIN s ON s.seq = v.seq
LEFT JOIN sw_keep k ON k.seq = v.seq AND k.tin = v.tin
WHERE k.seq IS NOT NULL OR {relevance_sql('v.', 's.', 'v.tin = s.top_tin', swapped=False)}
ORDER BY v.seq, v.tin
"""
_SW_KEEP_SCHEMA = pa.schema([("seq", pa.int64()), ("tin", pa.string())])

_WEIGHT_SCHEMA = pa.schema([(c, pa.list_(pa.float64())) for c in COMPONENTS])


@dataclass(frozen=True, slots=True)
class PairVector:
    """The comparison vector of one candidate (one row of `vec`)."""

    tin: str
    levels: dict[str, int]
    best_addr_id: int
    bits: float


def request_table(queries: Sequence[Query], model: MatchModel,
                  tf_last: Mapping[str, float], tf_first: Mapping[str, float]) -> pa.Table:
    """Table `q`: one row per request, every value the SQL compares precomputed by the
    same Python that normalizes and compares (REQUEST_SCHEMA)."""
    cols = query_columns(queries)
    extra: dict[str, list[object]] = {name: [] for name in REQUEST_SCHEMA.names
                                      if name not in cols}
    for q in queries:
        a, n = q.address, q.name
        w_first5, w_last5 = exact_name_weights(q, model, tf_last, tf_first)
        extra["predir"].append(a.predir)
        extra["postdir"].append(a.postdir)
        extra["po_bound"].append(is_post_office_bound(a.street_name))
        extra["snkey"].append(rl.street_numeric_key(a.street_name))
        extra["sident"].append(street_ident(a.street_name))
        sdel, sslip = street_slip_keys(a.street_name)
        extra["sdel"].append(list(sdel))
        extra["sslip"].append(list(sslip))
        extra["first_tokens"].append(list(n.first_tokens))
        extra["middle_n"].append(n.middle)
        extra["middle_tokens"].append(list(rl.middle_tokens(n.middle)))
        extra["second"].append(rl.second_given(n.first_tokens, n.middle))
        extra["suffix"].append(n.suffix)
        extra["w_first5"].append(w_first5)
        extra["w_last5"].append(w_last5)
    return pa.table({**cols, **extra}, schema=REQUEST_SCHEMA)


def weight_table(model: MatchModel) -> pa.Table:
    """One row: per component, the weight of each level from -1 to 5 (None where the
    model has no such level: it weighs 0, as MatchModel.weight says)."""
    row = {}
    for comp in COMPONENTS:
        table = model.levels.get(comp, {})
        row[comp] = [[model.weight(comp, lv) if lv in table else None
                      for lv in range(_LEVEL_MIN, _LEVEL_MAX + 1)]]
    return pa.table(row, schema=_WEIGHT_SCHEMA)


_RELATIONS: dict[str, Callable[[str, str], int]] = {
    "g": rl.given_relation,
    "r": lambda a, b: int(all(rl.same_canonical(x, y)
                              for x, y in zip(a.split(), b.split(), strict=True))),
    "c": lambda a, b: int(rl.same_canonical(a, b)),
    "s": lambda a, b: int(rl.same_first_name(a, b)),
    "m": rl.middle_relation,
    "l": rl.last_level,
}


# Relations already computed in this process, by (kind, a, b): the functions are pure and a
# batch's chunks share most given-name and surname pairs. Cleared when it grows past the cap.
_MEMO: dict[tuple[str, str, str], int] = {}
_MEMO_CAP = 2_000_000


def relation_table(keys: pa.Table) -> pa.Table:
    """Table `rel`: the relation of each distinct key pair (columns k, a, b of `keys`, as
    _REL_KEYS_SQL gives them), computed by dgate.normalize.relations. Both engines build it
    here, so its values are one code whichever engine found the pairs."""
    ks, as_, bs = (keys.column(i).to_pylist() for i in range(3))
    if len(_MEMO) > _MEMO_CAP:
        _MEMO.clear()
    values = []
    for key in zip(ks, as_, bs, strict=True):
        v = _MEMO.get(key)
        if v is None:
            v = _MEMO[key] = _RELATIONS[key[0]](key[1], key[2])
        values.append(v)
    return pa.table({"k": pa.array(ks, pa.string()), "a": pa.array(as_, pa.string()),
                     "b": pa.array(bs, pa.string()), "v": pa.array(values, pa.int32())})


def _street_key_table(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """The street keys of every street name in the candidates' histories, computed once
    per distinct name by address.py's own code."""
    names = con.sql(_STREET_NAMES_SQL).to_arrow_table().column(0).to_pylist()
    return street_key_table(names)


def street_key_table(names: list[str]) -> pa.Table:
    """Table `street_keys` for these street names (both engines build it here)."""
    slips = [street_slip_keys(n) for n in names]
    return pa.table({"name": pa.array(names, pa.string()),
                     "skey": pa.array([rl.street_key(n) for n in names], pa.string()),
                     "snkey": pa.array([rl.street_numeric_key(n) for n in names], pa.string()),
                     "sident": pa.array([street_ident(n) for n in names], pa.string()),
                     "sdel": pa.array([list(d) for d, _ in slips], pa.list_(pa.string())),
                     "sslip": pa.array([list(k) for _, k in slips], pa.list_(pa.string()))})


_PID_SQL = ("CREATE OR REPLACE TEMP TABLE pairs AS "
            "SELECT row_number() OVER () AS pid, seq, tin, only6 FROM pairs")

# Far namesakes, deferred. Key 6 (engine.PAIRS_SQL: the request's surname key and given-name
# initial nationwide, where at most NAME_KEY_CAP bear them) finds namesakes everywhere; at 1M
# taxpayers the pairs only it found were two thirds of those compared, and 7% of them bore
# on a decision. One it alone found that has no address in the requested place
# (PLACE_SQL: compare.address_level grades every such row 0), not the request's date of
# birth (dob 3) and not its TIN (tin 1) is "far": address level 0, so never plausible, and
# it changes none of _PER_REQUEST_CTES's counts but top_tin. By _RELEVANT_SQL's tests such a
# vector bears on the decision only where the request has no plausible candidate (a name
# elsewhere: M_NAME_ONLY, and top_tin), none uncontradicted (M_CONFLICT with M_NAME_ONLY),
# or a plausible one whose name is not exact or lacks the middle name (the exact name
# elsewhere). So the far pairs are compared only for requests the other pairs leave in one
# of those states (_FAR_WANTED_SQL), in a second pass: the relevant rows are the same as
# comparing every pair (tests/match/test_vector.py). Every pair is counted (n_cands).
_FAR_SQL = f"""
CREATE OR REPLACE TEMP TABLE n_cands AS SELECT seq, count(*) AS n FROM pairs GROUP BY seq;
CREATE OR REPLACE TEMP TABLE far AS
WITH k AS (SELECT pid, seq, tin FROM pairs WHERE only6),
near AS (
    SELECT k.pid FROM k JOIN q ON q.seq = k.seq JOIN taxpayers t ON t.tin = k.tin
    WHERE q.dob = t.date_of_birth OR (q.tin <> '' AND q.tin = k.tin)
    UNION
    SELECT k.pid FROM k JOIN q ON q.seq = k.seq
    JOIN (SELECT tin, coalesce(zip5, '') AS zip5, coalesce(state_n, '') AS state,
              coalesce(city_n, '') AS city FROM addresses) a ON a.tin = k.tin
    WHERE {PLACE_SQL})
SELECT pid, seq, tin FROM k ANTI JOIN near ON near.pid = k.pid;
CREATE OR REPLACE TEMP TABLE pairs AS
SELECT pid, seq, tin FROM pairs p ANTI JOIN far ON far.pid = p.pid;
"""
# The far pairs of the requests whose decision they can bear on, once the other pairs'
# vectors are in `vec` (a request none of whose pairs passed the gate has no row in s).
_FAR_WANTED_SQL = f"""
CREATE OR REPLACE TEMP TABLE far AS
WITH {_PER_REQUEST_CTES},
-- (an uncontradicted plausible candidate, so one plausible; all with the exact name,
-- and none lacking the request's middle name)
settled AS (
    SELECT seq FROM s WHERE n_consistent > 0 AND n_partial = 0 AND n_middle_short = 0)
SELECT pid, seq, tin FROM far ANTI JOIN settled ON settled.seq = far.seq;
"""
_TEMP_TABLES = ("q", "pairs", "common_named", "known_street", "urb_here", "dir_here", "cn",
                "pn", "ad", "vec", "relevant", "judged", "blocked", "name_keys", "pf", "gated",
                "n_cands", "far", "vec_near")
_REGISTERED = ("q_in", "rel", "weight_lists", "street_keys", "sw_keep")


def build_vectors(con: duckdb.DuckDBPyConnection, queries: Sequence[Query],
                  model: MatchModel, tf_last: Mapping[str, float],
                  tf_first: Mapping[str, float],
                  stage: Callable[[str], None] | None = None, *, every_pair: bool = False
                  ) -> None:
    """Create the temp table `vec` on `con`: a comparison vector for each blocked pair
    that passes the gate, but the far namesakes of requests they cannot bear on (_FAR_SQL;
    `every_pair`: those too, for tests and diagnostics). Call `drop_vectors` when done with
    it. `stage`, if given, is called with each stage's name as it ends
    (benchmarks/match_stages.py times them)."""
    done = stage or (lambda _name: None)
    con.register("q_in", request_table(queries, model, tf_last, tf_first))
    con.execute("CREATE OR REPLACE TEMP TABLE q AS SELECT * FROM q_in")
    con.unregister("q_in")
    con.register("weight_lists", weight_table(model))
    done("request table")
    con.execute(PAIRS_SQL)
    # An integer key for the pair: joining pn and ad on it, not on (seq, tin), was most of
    # the vec statement's time.
    con.execute(_PID_SQL)
    con.execute(_FAR_SQL)
    done("pairs (blocking)")
    if every_pair:
        con.execute("INSERT INTO pairs SELECT * FROM far")
        con.execute("DELETE FROM far")
    _compare(con, done)
    con.execute(_FAR_WANTED_SQL)
    far = con.execute("SELECT count(*) FROM far").fetchone()
    if far and far[0]:
        con.execute("ALTER TABLE vec RENAME TO vec_near")
        con.execute("CREATE OR REPLACE TEMP TABLE pairs AS SELECT * FROM far")
        _compare(con, lambda name: done(f"{name}, far namesakes"))
        con.execute("CREATE OR REPLACE TEMP TABLE vec AS "
                    "SELECT * FROM vec_near UNION ALL SELECT * FROM vec")
        con.execute("DROP TABLE vec_near")
    con.execute("DROP TABLE far")


def _compare(con: duckdb.DuckDBPyConnection, done: Callable[[str], None]) -> None:
    """The comparison vectors of the pairs in `pairs` (pid, seq, tin) as table `vec`."""
    con.execute(_CN_SQL)
    done("cn (candidates' names)")
    con.execute(_PF_SQL)
    done("pf (given-name, suffix, TIN levels)")
    con.register("rel", relation_table(con.sql(_PF_REL_KEYS_SQL).to_arrow_table()))
    done("rel (given-name relations)")
    con.execute(_GATE_SQL)
    con.unregister("rel")
    done("gate (pairs that can bear on a decision)")
    con.execute(_PN_SQL)
    done("pn (name levels)")
    con.register("rel", relation_table(con.sql(_REL_KEYS_SQL).to_arrow_table()))
    done("rel (Python relations)")
    con.register("street_keys", _street_key_table(con))
    done("street keys")
    con.execute(_AD_SQL)
    done("ad (address levels)")
    con.execute(_VEC_SQL)
    done("vec (weights, bits)")


def drop_vectors(con: duckdb.DuckDBPyConnection) -> None:
    for name in _REGISTERED:
        con.unregister(name)
    for name in _TEMP_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {name}")


def levels_of(row: Mapping[str, object]) -> dict[str, int]:
    """The comparison vector of a `vec` row, in compare.level_vector's order."""
    levels = {c: int(row[c]) for c in COMPONENTS[:-1]}  # type: ignore[call-overload]
    if row["tin_l"] is not None:
        levels["tin"] = int(row["tin_l"])  # type: ignore[call-overload]
    return levels


def candidate_counts(con: duckdb.DuckDBPyConnection) -> dict[int, int]:
    """Per request with any, how many taxpayers the blocking found (before the gate)."""
    return {int(seq): int(n) for seq, n in con.execute("SELECT seq, n FROM n_cands").fetchall()}


def relevant_rows(con: duckdb.DuckDBPyConnection, extra_columns: str = "",
                  joins: str = "",
                  swapped: Callable[[pa.RecordBatch], Sequence[bool]] | None = None
                  ) -> duckdb.DuckDBPyRelation:
    """The `vec` rows that can bear on a decision, in (seq, tin) order. `swapped`, if given,
    chooses among _SWAPPED_BRANCH's rows (those no other test keeps): called with batches of
    their seq and candidate's `names` columns (_SWAPPED_NAMES_SQL), it says which to keep
    (setwise.swapped_names); without it every such row is kept."""
    query = _RELEVANT_SQL
    if swapped is not None:
        chosen: list[pa.Table] = []
        for batch in con.sql(_SWAPPED_NAMES_SQL).to_arrow_reader(_FETCH_ROWS):
            mask = pa.array(swapped(batch), pa.bool_())
            chosen.append(pa.Table.from_batches([batch.select(["seq", "tin"]).filter(mask)]))
        keep = (pa.concat_tables(chosen).cast(_SW_KEEP_SCHEMA) if chosen
                else _SW_KEEP_SCHEMA.empty_table())
        con.register("sw_keep", keep)
        query = _RELEVANT_CHOSEN_SQL
    if not extra_columns:
        return con.sql(query)
    # Stored before the joins: as a subquery its size was unknown to DuckDB, which then built
    # its hash tables on the master's 10M-row tables instead of on these few rows (10M
    # taxpayers, one 20K chunk, one thread: 9.6 s -> 2.8 s, the same rows).
    con.execute(f"CREATE OR REPLACE TEMP TABLE relevant AS {query}")
    return con.sql(f"SELECT r.*, {extra_columns} FROM relevant r {joins} ORDER BY r.seq, r.tin")


def fetch_all(con: duckdb.DuckDBPyConnection) -> dict[tuple[int, str], PairVector]:
    """Every comparison vector (for tests and diagnostics: a whole chunk's pairs)."""
    out: dict[tuple[int, str], PairVector] = {}
    for batch in con.sql("SELECT * FROM vec").to_arrow_reader(_FETCH_ROWS):
        for row in batch.to_pylist():
            out[(int(row["seq"]), str(row["tin"]))] = PairVector(
                tin=str(row["tin"]), levels=levels_of(row),
                best_addr_id=int(row["best_addr"]), bits=float(row["bits"]))
    return out

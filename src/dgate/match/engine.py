"""Candidate search in the DuckDB master store (blocking), then scoring in Python.

Blocking keeps recall on noisy requests with several independent keys, each a join:
    1. ZIP + house number               (the address as written, any name; in the
                                         requested unit when one is named)
    2. state + house + street name      (survives a wrong or missing ZIP)
    3. surname token + ZIP + a given-name initial (survives a wrong house number)
    4. surname phonetic key + DOB       (survives a move to an address the request lacks)
    5. TIN, when the request gives one
    6. surname phonetic key + canonical given name, nationwide, only where that pair is
       rare (so a name that matches elsewhere is seen: M_NAME_ONLY)
Each request is then compared with every address in each candidate's history.

Every value from a request reaches SQL as data in a registered Arrow table, never as text
formatted into a statement.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from dgate.match.compare import Candidate, CandidateAddress, Query
from dgate.model import DisclosedAddress, NormAddress, NormName
from dgate.normalize.address import request_city_zips
from dgate.normalize.relations import street_key

NAME_KEY_CAP = 50  # a nationwide name key shared by more taxpayers than this is not used
RESIDENTS_KEPT = 3  # unlike-named residents of the requested address kept for M_ADDRESS_ONLY

# The blocking columns of a request (the table `q` PAIRS_SQL reads; vector.REQUEST_SCHEMA
# adds the comparison columns).
QUERY_SCHEMA = pa.schema([
    ("seq", pa.int64()), ("zip5", pa.string()), ("house", pa.string()),
    ("street_name", pa.string()), ("state", pa.string()),
    ("last_tokens", pa.list_(pa.string())), ("last_phon", pa.list_(pa.string())),
    ("first0", pa.string()), ("dob", pa.date32()), ("tin", pa.string()),
    ("last_n", pa.string()), ("first_canon", pa.list_(pa.string())), ("unit", pa.string()),
    ("initials", pa.list_(pa.string())), ("urb", pa.string()), ("skey", pa.string()),
    # the directional given (before the name, else after it; "" for none): dir_here's line
    ("qdir", pa.string()),
    # the place of a request without a ZIP (vector.place_sql; dir_here's city probe): the
    # city as normalized and the ZIPs the `zipcodes` data gives its name
    ("city", pa.string()), ("city_zips", pa.list_(pa.string())),
    # the street type given ("" for none): dir_here's types and line as written
    ("st_suffix", pa.string()),
])

# Key 1 skips the address rows of another unit (both units given, and different): such a
# row grades 1 at most (compare.address_level: another household in the building), so it
# never makes a candidate plausible or the address someone else's; a same-named neighbour
# there shares a surname token and an initial and key 3 finds them. At 1M taxpayers 1.63M
# of key 1's 1.76M rows per 20K requests were other units of large buildings.
NOT_ANOTHER_UNIT = ("(coalesce(q.unit, '') = '' OR coalesce(a.unit_n, '') = ''"
                     " OR replace(a.unit_n, ' ', '') = replace(q.unit, ' ', ''))")
# A row of another Puerto Rico urbanization (both given, and different) is not the
# requested address either (compare.address_level grades it 1 at most): it is no resident
# of the address for M_ADDRESS_ONLY. Shared with Spark.
NOT_ANOTHER_URB = "(q.urb = '' OR a.urb = '' OR a.urb = q.urb)"

# A request without a ZIP is placed by its city (vector.place_sql): an address row `a` of
# its state is there when it bears the city's name or a ZIP the `zipcodes` data gives the
# name (q.city_zips). The probes below read the requested place so: the ZIP where the
# request gives one, else the city (session 27, a red team: each probe joined on the ZIP,
# so a request without one read every street line as settling the house, and "4410 KEDZIE
# AVE, CHICAGO IL" disclosed the JOSE GARCIA of 4410 N KEDZIE AVE where MARIA LOPEZ lives at
# 4410 S KEDZIE AVE). Few requests lack a ZIP; a chunk with none joins nothing on the city
# side (its build side is empty). `contains` is the engine's list function (DuckDB
# list_contains, Spark array_contains).
def in_city_sql(contains: str) -> str:
    return f"((q.city <> '' AND a.city_n = q.city) OR {contains}(q.city_zips, a.zip5))"


_AT_HOUSE_IN_ZIP = """q JOIN addresses a
    ON a.zip5 = q.zip5 AND a.house = q.house AND a.skey = q.skey
    WHERE q.zip5 <> '' AND q.house <> '' AND q.street_name <> ''"""


def _at_house_in_city(contains: str) -> str:
    return f"""q JOIN addresses a
    ON a.state_n = q.state AND a.house = q.house AND a.skey = q.skey
    WHERE q.zip5 = '' AND q.state <> '' AND q.house <> '' AND q.street_name <> ''
        AND {in_city_sql(contains)}"""


# The Puerto Rico urbanizations the master holds at each request's house and street in its
# place (Query.urbs_here; compare.urb_unsettled): how many, and the least, which is all the
# test needs (another than the one given exists when there are two, or when the one is not
# it). One probe of the address table on the columns key 1 joins on; no row for most.
def _urbs_at_house(contains: str) -> str:
    return f"""SELECT q.seq, a.urb FROM {_AT_HOUSE_IN_ZIP} AND a.urb <> ''
    UNION ALL
    SELECT q.seq, a.urb FROM {_at_house_in_city(contains)} AND a.urb <> ''"""


def urb_here_select(contains: str) -> str:
    return f"""
SELECT seq, count(DISTINCT urb) AS n, min(urb) AS u1 FROM ({_urbs_at_house(contains)}) x
GROUP BY seq"""


URB_HERE_SQL = f"CREATE OR REPLACE TEMP TABLE urb_here AS {urb_here_select('list_contains')};"

# The directionals the master holds at each request's house and street in its place
# (Query.dirs_here; compare.dir_unsettled): how many besides none (n1), the least of them
# (d1) and whether a row without one is there (blank), which is all the test needs
# (another than the one given exists when there are two, or when the one is not it); and
# whether a row there is the request's street line as written (line: the request's
# directional and urbanization, or none where it gives none; Query.line_here,
# compare.zip_unsettled). The street types likewise (nt, t1, tblank: Query.types_here,
# compare.type_unsettled). For a request without a ZIP, how many ZIPs of its city hold the
# house and street (nz) and how many the line as written, its type too (nzl: Query.zips_here,
# compare.city_unsettled). One probe of the address table on key 1's columns, as urb_here.
# Shared with Spark.
# an address row's directional (before the name, else after it; "" for none), and the
# request's where the row's urbanization is the request's (else NULL): `line` reads them
_ROW_DIR = """CASE WHEN coalesce(a.predir, '') <> '' THEN a.predir
        ELSE coalesce(a.postdir, '') END AS d"""
_ROW_TYPE = "coalesce(a.st_suffix, '') AS t, coalesce(a.zip5, '') AS z"
_LINE_DIR = "CASE WHEN coalesce(a.urb, '') = {k}.urb THEN {k}.qdir ELSE NULL END AS line_dir"
# the row's type is the request's; with d = line_dir (its directional and urbanization
# the request's), the row is the request's line as written
_TYPE_WRITTEN = "coalesce(a.st_suffix, '') = {k}.st_suffix AS tw"
_AS_WRITTEN = "d = line_dir AND tw"
_HOUSE_ROW = f"""{_ROW_DIR}, {_ROW_TYPE},
        {_LINE_DIR.format(k="q")}, {_TYPE_WRITTEN.format(k="q")}"""


def _rows_in_city(contains: str) -> str:
    return f"SELECT q.seq, {_HOUSE_ROW} FROM {_at_house_in_city(contains)}"


def _rows_at_house(contains: str) -> str:
    return f"""SELECT q.seq, {_HOUSE_ROW} FROM {_AT_HOUSE_IN_ZIP}
    UNION ALL
    {_rows_in_city(contains)}"""


_ROWS_AT_HOUSE = _rows_at_house("list_contains")
# dir_here's columns, over the rows of _rows_at_house
_DIR_HERE_COLUMNS = f"""count(DISTINCT nullif(d, '')) AS n1, min(nullif(d, '')) AS d1,
    max(CASE WHEN d = '' THEN 1 ELSE 0 END) = 1 AS blank,
    max(CASE WHEN d = line_dir THEN 1 ELSE 0 END) = 1 AS line,
    count(DISTINCT nullif(t, '')) AS nt, min(nullif(t, '')) AS t1,
    max(CASE WHEN t = '' THEN 1 ELSE 0 END) = 1 AS tblank,
    count(DISTINCT z) AS nz,
    count(DISTINCT CASE WHEN {_AS_WRITTEN} THEN z ELSE NULL END) AS nzl"""
_DIR_HERE_NAMES = "n1, d1, blank, line, nt, t1, tblank, nz, nzl"


def dir_here_select(contains: str) -> str:
    """dir_here as one statement over every request's rows (Spark's; the reference's)."""
    return f"""
SELECT seq, {_DIR_HERE_COLUMNS}
FROM ({_rows_at_house(contains)}) x
GROUP BY seq"""


DIR_HERE_SELECT = dir_here_select("list_contains")
# DuckDB's: the same rows, aggregated once per distinct (ZIP, house, street key, and the
# request's urbanization, directional and type, which `line` and `nzl` read) and then given
# to the requests that name it (what a request's row says depends on those alone).
# Requests at a large building share its rows: at 1M taxpayers a 50K chunk's 33K distinct
# addresses join 0.91M address rows where its 50K requests joined 4.37M (0.56 -> 0.29 s of
# CPU, one thread). The requests without a ZIP, few, are probed one by one. Spark runs
# DIR_HERE_SELECT.
# The joined rows are made distinct before the aggregate: its columns are counts of
# distinct values, least values and whether a value is there, which duplicates do not
# change, and a building's rows are mostly the same directional, type and ZIP (at 1M
# taxpayers a 50K chunk's 0.91M rows; its distinct aggregates over them were 0.9 s of CPU,
# 0.4 s distinct first, the same table).
_DIR_HERE_BY_ADDRESS = f"""
SELECT q.seq, {", ".join("d." + c for c in _DIR_HERE_NAMES.split(", "))} FROM q JOIN (
    SELECT zip5, house, skey, urb, qdir, st_suffix, {_DIR_HERE_COLUMNS}
    FROM (SELECT DISTINCT k.zip5, k.house, k.skey, k.urb, k.qdir, k.st_suffix, {_ROW_DIR},
            {_ROW_TYPE},
            {_LINE_DIR.format(k="k")}, {_TYPE_WRITTEN.format(k="k")}
        FROM (SELECT DISTINCT zip5, house, skey, urb, qdir, st_suffix FROM q
              WHERE zip5 <> '' AND house <> '' AND street_name <> '') k
        JOIN addresses a ON a.zip5 = k.zip5 AND a.house = k.house AND a.skey = k.skey) x
    GROUP BY zip5, house, skey, urb, qdir, st_suffix) d
ON d.zip5 = q.zip5 AND d.house = q.house AND d.skey = q.skey AND d.urb = q.urb
    AND d.qdir = q.qdir AND d.st_suffix = q.st_suffix
WHERE q.zip5 <> '' AND q.house <> '' AND q.street_name <> ''
UNION ALL
SELECT seq, {_DIR_HERE_COLUMNS} FROM ({_rows_in_city("list_contains")}) x GROUP BY seq"""
DIR_HERE_SQL = f"CREATE OR REPLACE TEMP TABLE dir_here AS {_DIR_HERE_BY_ADDRESS};"


def known_street_select(contains: str, semi: str) -> str:
    """Requests whose street is a street of their place in the master (someone's address
    there, any house): of the requested ZIP, or of the requested city for a request without
    a ZIP (session 27, a red team: "100 CLINTON ST, SPRINGFIELD IL", another taxpayer's
    house, disclosed the namesake of 100 CLIFTON ST as a slip of the street). A request
    with a ZIP is read in it alone: where the ZIP holds the candidate's street and the city
    holds the requested one elsewhere, the ZIP and a slip of the street point at the
    candidate, and the other house needs a slip of the ZIP and a namesake there (100
    CLINTON ST, 62704, CLIFTON ST's ZIP; 5362 E LOMA VISTA, LOMA VISTA BLVD's ZIP, where
    the city's LOMA VIS is another ZIP's: tests/e2e/test_type_left_out_needs_a_zip.py).
    By the engine's names: its list function and its semi join (DuckDB SEMI JOIN, Spark
    LEFT SEMI JOIN)."""
    return f"""
SELECT seq FROM q {semi} addresses a ON a.zip5 = q.zip5 AND a.skey = q.skey
WHERE q.zip5 <> '' AND q.street_name <> ''
UNION ALL
SELECT seq FROM q {semi} addresses a ON a.state_n = q.state AND a.skey = q.skey
    AND {in_city_sql(contains)}
WHERE q.zip5 = '' AND q.state <> '' AND q.street_name <> ''"""

PAIRS_SQL = f"""
-- A name key is used where it finds at most NAME_KEY_CAP taxpayers (counted once per
-- key, not once per request: a request's key found twice counts its taxpayers twice).
CREATE OR REPLACE TEMP TABLE name_keys AS
WITH qpf AS (SELECT seq, first0, ph, count(*) AS mult
    FROM (SELECT seq, first0, unnest(last_phon) AS ph FROM q) GROUP BY ALL),
key_n AS (
    SELECT nk.phon, nk.first0, count(*) AS n FROM name_key nk
    SEMI JOIN (SELECT DISTINCT ph, first0 FROM qpf) k ON nk.phon = k.ph AND nk.first0 = k.first0
    GROUP BY ALL
)
SELECT qpf.seq, qpf.ph, qpf.first0, kn.n * qpf.mult AS n
FROM qpf JOIN key_n kn ON kn.phon = qpf.ph AND kn.first0 = qpf.first0;
-- Requests whose given name (a whole word) and surname are borne by more taxpayers than
-- the cap: namesakes the search does not fetch, none of them at the requested address (key
-- 1 finds every resident). The policy's M_NAME_ONLY: a taxpayer's name matches.
CREATE OR REPLACE TEMP TABLE common_named AS
SELECT DISTINCT seq FROM name_keys WHERE n > {NAME_KEY_CAP} AND length(first0) > 1;
CREATE OR REPLACE TEMP TABLE blocked AS
WITH qt AS (SELECT seq, zip5, tok, unnest(initials) AS ini
    FROM (SELECT seq, zip5, initials, unnest(last_tokens) AS tok FROM q)),
qp AS (SELECT seq, dob, unnest(last_phon) AS ph FROM q WHERE dob IS NOT NULL),
by_name_capped AS (
    SELECT k.seq, nk.tin FROM name_keys k
    JOIN name_key nk ON nk.phon = k.ph AND nk.first0 = k.first0
    WHERE k.n <= {NAME_KEY_CAP}
)
-- Each pair once, with whether the taxpayer lived at exactly the requested address (at_addr)
-- and in the requested unit there (same_unit): key 1 sees every such address row; and
-- whether a key of the name, the date of birth or the TIN found it (by_name: see judged).
SELECT seq, tin, coalesce(bool_or(at_addr), false) AS at_addr, max(same_unit) AS same_unit,
    bool_or(by_name) AS by_name, bool_and(k6) AS only6
FROM (
    SELECT q.seq, a.tin, a.skey = q.skey AND {NOT_ANOTHER_URB} AS at_addr,
        CASE WHEN a.skey = q.skey AND {NOT_ANOTHER_URB} AND a.unit_n = q.unit
            THEN 1 ELSE 0 END AS same_unit, false AS by_name, false AS k6
    FROM q JOIN addresses a ON a.zip5 = q.zip5 AND a.house = q.house
        WHERE q.house <> '' AND q.zip5 <> '' AND coalesce(q.unit, '') = ''
    UNION ALL
    -- (a request naming a unit: the rows without one and those of its unit, each joined on
    -- its unit key, so that the other units of a large building are never joined: at 1M
    -- taxpayers they were 4.2M of key 1's 4.38M joined rows a 50K chunk. NOT_ANOTHER_UNIT
    -- still decides; a row both keys find is found twice, which the aggregate below absorbs)
    SELECT q.seq, a.tin, a.skey = q.skey AND {NOT_ANOTHER_URB} AS at_addr,
        CASE WHEN a.skey = q.skey AND {NOT_ANOTHER_URB} AND a.unit_n = q.unit
            THEN 1 ELSE 0 END AS same_unit, false AS by_name, false AS k6
    FROM (SELECT *, unnest(list_distinct(['', replace(unit, ' ', '')])) AS ukey FROM q
          WHERE house <> '' AND zip5 <> '' AND coalesce(unit, '') <> '') q
    JOIN addresses a ON a.zip5 = q.zip5 AND a.house = q.house
        AND replace(coalesce(a.unit_n, ''), ' ', '') = q.ukey
        WHERE {NOT_ANOTHER_UNIT}
    UNION ALL
    -- (key 1 found those in the requested ZIP already; joined once per distinct address
    -- requested, then to its requests: at 1M taxpayers a 50K chunk's requests joined 4.39M
    -- address rows, most of them the same large buildings' in the requested ZIP, its
    -- distinct addresses 0.91M)
    SELECT q.seq, h.tin, false, 0, false, false FROM q JOIN (
        SELECT k.state, k.house, k.skey, k.zip5, a.tin FROM (
            SELECT DISTINCT state, house, skey, zip5 FROM q
            WHERE house <> '' AND street_name <> '' AND state <> '') k
        JOIN addresses a ON a.state_n = k.state AND a.house = k.house AND a.skey = k.skey
        WHERE k.zip5 = '' OR a.zip5 IS DISTINCT FROM k.zip5) h
        ON h.state = q.state AND h.house = q.house AND h.skey = q.skey
            AND h.zip5 IS NOT DISTINCT FROM q.zip5
        WHERE q.house <> '' AND q.street_name <> '' AND q.state <> ''
    UNION ALL
    -- (with a given-name initial in common: at 10M taxpayers a surname alone found 200
    -- taxpayers a request in its ZIP, two thirds of every pair; see given_initials)
    SELECT qt.seq, tz.tin, false, 0, true, false FROM qt
        JOIN token_zip tz ON tz.token = qt.tok AND tz.zip5 = qt.zip5 AND tz.initial = qt.ini
        WHERE qt.zip5 <> ''
    UNION ALL
    SELECT qp.seq, pd.tin, false, 0, true, false FROM qp
        JOIN phon_dob pd ON pd.phon = qp.ph AND pd.dob = qp.dob
    UNION ALL
    -- (tested below all the same: a handful of rows, and the test's joins hold the pair
    -- to a taxpayer with a row in `names` as before)
    SELECT q.seq, t.tin, false, 0, false, false FROM q JOIN taxpayers t ON t.tin = q.tin
        WHERE q.tin <> ''
    UNION ALL
    SELECT seq, tin, false, 0, true, true FROM by_name_capped
) GROUP BY seq, tin;
-- A cheap resemblance test in SQL so that only candidates that could be the person reach
-- the full comparison: the TIN or the date of birth, a surname token, a given name in
-- common (either way round), a phonetic key or a close spelling. Cheapest first: a CASE
-- tests each branch only on the rows the earlier ones left.
-- A pair found by keys 3, 4 or 6 passes it by construction (store/master.py builds them
-- from the very columns tested: token_zip.token is one of names.last_tokens, phon_dob's
-- phon one of names.last_phon and its dob taxpayers.date_of_birth, name_key's phon one of
-- names.last_phon), so only the pairs the other keys alone found are tested and joined to
-- `names` and `taxpayers`: at 10M taxpayers, 1.1M of a 100K chunk's 5.2M pairs (the test
-- and its joins over all of them were 10 s of the search's 17).
CREATE OR REPLACE TEMP TABLE judged AS
SELECT b.seq, b.tin, b.at_addr, b.same_unit, CASE
        WHEN q.tin <> '' AND q.tin = b.tin THEN true
        WHEN q.dob = t.date_of_birth THEN true
        WHEN list_has_any(q.last_tokens, n.last_tokens) THEN true
        WHEN list_has_any(q.first_canon, n.first_canon) THEN true
        WHEN list_has_any(q.last_phon, n.last_phon) THEN true
        -- given name and surname written the other way round (decide/policy._read_swapped)
        WHEN list_has_any(q.first_canon, n.last_tokens) THEN true
        WHEN list_has_any(q.last_tokens, n.first_canon) THEN true
        ELSE jaro_winkler_similarity(q.last_n, n.last_n) >= 0.8 END AS name_like
FROM blocked b JOIN q ON q.seq = b.seq JOIN names n ON n.tin = b.tin
JOIN taxpayers t ON t.tin = b.tin
WHERE NOT b.by_name;
-- Stored, not a CTE: read twice, a CTE had DuckDB evaluate the test twice (it pushed
-- "name_like OR NOT name_like" into it), a third of the whole search.
CREATE OR REPLACE TEMP TABLE pairs AS
WITH
-- Residents of exactly the requested address who do not resemble the person: a few are
-- kept, enough to tell "the address is someone else's" (M_ADDRESS_ONLY).
residents AS (
    SELECT seq, tin FROM (
        SELECT seq, tin, row_number() OVER (
            PARTITION BY seq ORDER BY same_unit DESC, tin) AS rn
        FROM (
            SELECT seq, tin, same_unit FROM judged WHERE NOT name_like AND at_addr
            UNION ALL
            -- a request without a ZIP (key 1 did not run): the rows at the house and
            -- street in its city (key 2 found them; before session 27 only a row without a
            -- ZIP, which no master holds, so no resident ever made such a request's address
            -- someone else's)
            SELECT j.seq, j.tin, max(CASE WHEN a.unit_n = q.unit THEN 1 ELSE 0 END)
            FROM judged j JOIN q ON q.seq = j.seq
            JOIN addresses a ON a.tin = j.tin AND a.state_n = q.state AND a.house = q.house
                AND a.skey = q.skey AND {NOT_ANOTHER_URB} AND {NOT_ANOTHER_UNIT}
                AND {in_city_sql("list_contains")}
            WHERE NOT j.name_like AND q.zip5 = ''
            GROUP BY j.seq, j.tin))
    WHERE rn <= {RESIDENTS_KEPT}
)
SELECT seq, tin, only6 FROM blocked WHERE by_name
UNION ALL
SELECT seq, tin, false FROM judged WHERE name_like
UNION ALL
-- (disjoint from both: blocked has each pair once, residents are judged's unlike-named)
SELECT seq, tin, false FROM residents;
DROP TABLE judged;
DROP TABLE blocked;
DROP TABLE name_keys;
-- Requests whose street is a street of their ZIP in the master (someone's address there,
-- any house): a street name one slip from it is that other street, not a slip of it
-- (compare.address_level's street_known). One probe of the address table: about 1 s of
-- CPU per 100K requests at 10M taxpayers.
CREATE OR REPLACE TEMP TABLE known_street AS {known_street_select("list_contains", "SEMI JOIN")};
{URB_HERE_SQL}
{DIR_HERE_SQL}
"""

# The candidates are read in three narrow passes instead of one wide join of pair x address
# history: each taxpayer's name, dates and last known address once however many requests
# found it, its address history once, then the (request, taxpayer) pairs.
_PEOPLE_SQL = """
SELECT t.tin, t.date_of_birth, t.date_of_death,
       n.first_tokens, n.first_canon, n.middle_n, n.last_n, n.last_tokens, n.suffix_n,
       n.first_phon, n.last_phon,
       k.street AS k_street, k.unit AS k_unit, k.city AS k_city, k.state AS k_state,
       k.zip AS k_zip, k.source AS k_source, k.effective_date AS k_date, l.tied AS k_tied,
       l.later_elsewhere AS k_later, l.later_deceased AS k_later_dead
FROM (SELECT DISTINCT tin FROM pairs) p
JOIN taxpayers t ON t.tin = p.tin
JOIN names n ON n.tin = p.tin
JOIN lka l ON l.tin = p.tin
JOIN addresses k ON k.addr_id = l.addr_id
"""

_HISTORY_SQL = """
SELECT a.tin, a.addr_id, a.house, a.predir, a.street_name, a.st_suffix, a.postdir, a.unit_n,
       a.city_n, a.state_n, a.zip5, a.urb, a.source, a.effective_date
FROM (SELECT DISTINCT tin FROM pairs) p
JOIN addresses a ON a.tin = p.tin
ORDER BY a.tin, a.addr_id
"""

# The taxpayers bearing exactly the given names and surname of a common-named request (more
# taxpayers bear its name key than NAME_KEY_CAP, so key 6 fetches none of them), for the
# policy's closer-name rule (decide/policy._closer_name_elsewhere) and no other use: without
# them the rule saw namesakes only below the cap, and whether a stranger at a resembling
# resident's address was disclosed depended on the master's size (benchmarks/scale.py: 5
# at 1M taxpayers, 39 at 10M). `uq` holds the requests (namesake_request_table). At most
# UNSEEN_KEPT a request, those most likely to count first: a date of birth that cannot
# contradict the request's (none on either side, or the same year: a day/month swap or a
# slip in the day), then the request's middle name, then none, then another; then by TIN,
# so both engines read the same ones (at 1M taxpayers, the ROBERT DANIEL CLARKs were not
# among the first 64 ROBERT CLARKs by TIN). Plain SQL that DuckDB and Spark both run.
UNSEEN_KEPT = 16
UNSEEN_NAMESAKES_SQL = f"""
SELECT seq, tin, first_tokens, first_canon, middle_n, last_n, last_tokens, suffix_n,
    first_phon, last_phon, date_of_birth
FROM (
    SELECT u.seq, n.tin, n.first_tokens, n.first_canon, n.middle_n, n.last_n, n.last_tokens,
        n.suffix_n, n.first_phon, n.last_phon, t.date_of_birth,
        row_number() OVER (PARTITION BY u.seq ORDER BY
            CASE WHEN u.dob IS NULL OR t.date_of_birth IS NULL
                      OR year(t.date_of_birth) = year(u.dob) THEN 0 ELSE 1 END,
            CASE WHEN n.middle_n = u.middle_n THEN 0 WHEN n.middle_n = '' THEN 1 ELSE 2 END,
            n.tin) AS r
    FROM uq u
    JOIN names n ON n.last_n = u.last_n AND n.first_tokens = u.first_tokens
    JOIN taxpayers t ON t.tin = n.tin) x
WHERE r <= {UNSEEN_KEPT}
ORDER BY seq, tin
"""
_NAMESAKE_REQUEST_SCHEMA = pa.schema([
    ("seq", pa.int64()), ("first_tokens", pa.list_(pa.string())), ("last_n", pa.string()),
    ("middle_n", pa.string()), ("dob", pa.date32())])


def namesake_request_table(queries: Sequence[Query]) -> pa.Table:
    """UNSEEN_NAMESAKES_SQL's `uq`: the requests' exact names and dates of birth."""
    return pa.table({"seq": [q.seq for q in queries],
                     "first_tokens": [list(q.name.first_tokens) for q in queries],
                     "last_n": [q.name.last for q in queries],
                     "middle_n": [q.name.middle for q in queries],
                     "dob": [q.dob for q in queries]}, schema=_NAMESAKE_REQUEST_SCHEMA)


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def column_values(column: pa.Array | pa.ChunkedArray) -> list[Any]:
    """A column's values as Python objects, as `to_pylist` gives them. Dates are made
    once per distinct day: Arrow makes a `date` a value, 0.8 µs each, and a 50K chunk's
    relevant rows hold two date columns of mostly repeated days."""
    if not pa.types.is_date32(column.type):
        return column.to_pylist()
    made: dict[int, date] = {}
    out: list[Any] = []
    for day in column.cast(pa.int32()).to_pylist():
        if day is None:
            out.append(None)
            continue
        value = made.get(day)
        if value is None:
            value = made[day] = date.fromordinal(day + _EPOCH_ORDINAL)
        out.append(value)
    return out


def arrow_rows(batch: pa.RecordBatch | pa.Table) -> list[dict[str, Any]]:
    """The rows of `batch` as dicts, equal to `batch.to_pylist()` (the same values and
    types): column by column, then zipped, where to_pylist builds each row's dict key by key
    in Python (a 50K chunk's 107K relevant rows of 37 columns at 1M taxpayers: 0.70 -> 0.43 s
    of CPU)."""
    names = batch.schema.names
    return [dict(zip(names, values, strict=True))
            for values in zip(*(column_values(c) for c in batch.columns), strict=True)]


def unseen_namesake_rows(con: duckdb.DuckDBPyConnection,
                         queries: Sequence[Query]) -> list[dict[str, object]]:
    """UNSEEN_NAMESAKES_SQL over the master open on `con`, for these (common-named)
    requests; compare.namesake judges each row."""
    if not queries:
        return []
    con.register("uq", namesake_request_table(queries))
    try:
        return arrow_rows(con.sql(UNSEEN_NAMESAKES_SQL).to_arrow_table())
    finally:
        con.unregister("uq")


_PAIRS_FETCH_SQL = "SELECT seq, tin FROM pairs ORDER BY seq, tin"
COMMON_NAMED_FETCH_SQL = "SELECT seq FROM common_named"
KNOWN_STREET_FETCH_SQL = "SELECT seq FROM known_street"
URB_HERE_FETCH_SQL = f"""
SELECT seq, list(DISTINCT urb ORDER BY urb) FROM ({_urbs_at_house("list_contains")}) x
GROUP BY seq"""
DIR_HERE_FETCH_SQL = f"""
SELECT seq, list(DISTINCT d ORDER BY d), list(DISTINCT t ORDER BY t), count(DISTINCT z),
    count(DISTINCT CASE WHEN {_AS_WRITTEN} THEN z ELSE NULL END)
FROM ({_ROWS_AT_HOUSE}) x GROUP BY seq"""
LINE_HERE_FETCH_SQL = "SELECT seq FROM dir_here WHERE line"
_FETCH_ROWS = 100_000


def query_columns(queries: Sequence[Query]) -> dict[str, list[object]]:
    """The blocking columns of the request table `q` (QUERY_SCHEMA), column-wise."""
    cols: dict[str, list[object]] = {f.name: [] for f in QUERY_SCHEMA}
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
        cols["initials"].append(given_initials(q.name))
        cols["urb"].append(q.address.urb)
        cols["skey"].append(street_key(q.address.street_name))
        cols["qdir"].append(q.address.predir or q.address.postdir)
        cols["city"].append(q.address.city)
        cols["city_zips"].append(sorted(request_city_zips(q.address)))
        cols["st_suffix"].append(q.address.suffix)
    return cols


def given_initials(name: NormName) -> list[str]:
    """The first letters of every given name, as written and canonical, and of every word
    of the middle name: the surname-and-ZIP key needs one in common. Mirrored for the
    master by store/master.py (token_zip.initial), for the same normalized names.
    Generous on purpose: a name the comparison could relate to the request's (a nickname,
    a second given name, a middle name used as the given name) shares one."""
    words = (*name.first_tokens, *name.first_canon, *name.middle.split())
    return sorted({w[0] for w in words if w})


def _query_table(queries: Sequence[Query]) -> pa.Table:
    return pa.table(query_columns(queries), schema=QUERY_SCHEMA)


def find_candidates(con: duckdb.DuckDBPyConnection, queries: Sequence[Query],
                    progress: Callable[[int], None] | None = None,
                    common_named: set[int] | None = None,
                    known_street: set[int] | None = None,
                    urbs_here: dict[int, tuple[str, ...]] | None = None,
                    dirs_here: dict[int, tuple[str, ...]] | None = None,
                    line_here: set[int] | None = None,
                    types_here: dict[int, tuple[tuple[str, ...], int, int]] | None = None
                    ) -> dict[int, list[Candidate]]:
    """For each query seq, the taxpayers any blocking key finds (in TIN order), with their
    whole address history and last known address. `common_named`, if given, receives the
    seqs whose name more taxpayers bear than NAME_KEY_CAP (never fetched); `known_street`
    the seqs whose street is a street of their ZIP (Query.street_known), `urbs_here` the
    urbanizations at each request's house and street (Query.urbs_here), `dirs_here` the
    directionals there (Query.dirs_here; see `with_known_streets`), `line_here` the seqs
    whose ZIP holds their street line as written (Query.line_here), `types_here` the street
    types there and, for a request without a ZIP, how many ZIPs of its city hold the house
    and street and how many the line as written (Query.types_here, zips_here, line_zips)."""
    out: dict[int, list[Candidate]] = defaultdict(list)
    if not queries:
        return out
    con.register("q", _query_table(queries))
    try:
        con.execute(PAIRS_SQL)
        if common_named is not None:
            common_named.update(int(r[0]) for r in con.execute(COMMON_NAMED_FETCH_SQL).fetchall())
        if known_street is not None:
            known_street.update(int(r[0]) for r in con.execute(KNOWN_STREET_FETCH_SQL).fetchall())
        if urbs_here is not None:
            urbs_here.update((int(r[0]), tuple(r[1])) for r in
                             con.execute(URB_HERE_FETCH_SQL).fetchall())
        if dirs_here is not None or types_here is not None:
            for r in con.execute(DIR_HERE_FETCH_SQL).fetchall():
                if dirs_here is not None:
                    dirs_here[int(r[0])] = tuple(r[1])
                if types_here is not None:
                    types_here[int(r[0])] = (tuple(r[2]), int(r[3]), int(r[4]))
        if line_here is not None:
            line_here.update(int(r[0]) for r in con.execute(LINE_HERE_FETCH_SQL).fetchall())
        history = _histories(con)
        people = _people(con, history)
        for batch in con.sql(_PAIRS_FETCH_SQL).to_arrow_reader(_FETCH_ROWS):
            for seq, tin in zip(batch.column(0).to_pylist(), batch.column(1).to_pylist(),
                                strict=True):
                out[seq].append(people[tin])
    finally:
        con.unregister("q")
        con.execute("DROP TABLE IF EXISTS pairs")
        con.execute("DROP TABLE IF EXISTS common_named")
        con.execute("DROP TABLE IF EXISTS known_street")
        con.execute("DROP TABLE IF EXISTS urb_here")
        con.execute("DROP TABLE IF EXISTS dir_here")
    if progress:
        progress(len(queries))
    return out


def candidates_in_place(con: duckdb.DuckDBPyConnection, queries: Sequence[Query],
                        common_named: set[int] | None = None
                        ) -> tuple[list[Query], dict[int, list[Candidate]]]:
    """find_candidates, with the queries as the per-pair reference scores them: what the
    search learns of each request's place set (Query.street_known, urbs_here, dirs_here:
    with_known_streets). `common_named` as find_candidates'."""
    known: set[int] = set()
    urbs: dict[int, tuple[str, ...]] = {}
    dirs: dict[int, tuple[str, ...]] = {}
    lines: set[int] = set()
    types: dict[int, tuple[tuple[str, ...], int, int]] = {}
    cands = find_candidates(con, queries, common_named=common_named, known_street=known,
                            urbs_here=urbs, dirs_here=dirs, line_here=lines, types_here=types)
    return with_known_streets(queries, known, urbs, dirs, lines, types), cands


def with_known_streets(queries: Sequence[Query], known: set[int],
                       urbs: dict[int, tuple[str, ...]] | None = None,
                       dirs: dict[int, tuple[str, ...]] | None = None,
                       lines: set[int] | None = None,
                       types: dict[int, tuple[tuple[str, ...], int, int]] | None = None
                       ) -> list[Query]:
    """The queries with Query.street_known set from find_candidates' `known_street`,
    Query.urbs_here from its `urbs_here`, Query.dirs_here from its `dirs_here`,
    Query.line_here from its `line_here` and Query.types_here, zips_here and line_zips from
    its `types_here` (the per-pair reference needs them; the set-wise engines read the
    tables in SQL)."""
    urbs = urbs or {}
    dirs = dirs or {}
    lines = lines or set()
    types = types or {}
    out = []
    for q in queries:
        t, nz, nzl = types.get(q.seq, ((), 0, 0))
        out.append(dataclasses.replace(
            q, street_known=q.seq in known, urbs_here=urbs.get(q.seq, ()),
            dirs_here=dirs.get(q.seq, ()), line_here=q.seq in lines, types_here=t,
            zips_here=nz if not q.address.zip5 else 0,
            line_zips=nzl if not q.address.zip5 else 0))
    return out


def _histories(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[CandidateAddress, ...]]:
    """Every candidate's address history, in addr_id order."""
    grouped: dict[str, list[CandidateAddress]] = defaultdict(list)
    for batch in con.sql(_HISTORY_SQL).to_arrow_reader(_FETCH_ROWS):
        c = {name: batch.column(name).to_pylist() for name in batch.schema.names}
        for i, tin in enumerate(c["tin"]):
            grouped[tin].append(CandidateAddress(
                addr_id=c["addr_id"][i],
                norm=NormAddress(
                    house=c["house"][i] or "", predir=c["predir"][i] or "",
                    street_name=c["street_name"][i] or "", suffix=c["st_suffix"][i] or "",
                    postdir=c["postdir"][i] or "", unit=c["unit_n"][i] or "",
                    city=c["city_n"][i] or "", state=c["state_n"][i] or "",
                    zip5=c["zip5"][i] or "", zip4="", urb=c["urb"][i] or ""),
                source=c["source"][i], effective_date=c["effective_date"][i]))
    return {tin: tuple(rows) for tin, rows in grouped.items()}


def _people(con: duckdb.DuckDBPyConnection, history: dict[str, tuple[CandidateAddress, ...]]
            ) -> dict[str, Candidate]:
    """One Candidate per taxpayer found, shared by every request that found it."""
    out: dict[str, Candidate] = {}
    for batch in con.sql(_PEOPLE_SQL).to_arrow_reader(_FETCH_ROWS):
        c = {name: batch.column(name).to_pylist() for name in batch.schema.names}
        for i, tin in enumerate(c["tin"]):
            first_tokens = tuple(c["first_tokens"][i] or ())
            name = NormName(
                first=" ".join(first_tokens), first_tokens=first_tokens,
                first_canon=tuple(c["first_canon"][i] or ()),
                middle=c["middle_n"][i] or "", last=c["last_n"][i] or "",
                last_tokens=tuple(c["last_tokens"][i] or ()), suffix=c["suffix_n"][i] or "",
                first_phon=c["first_phon"][i] or "", last_phon=tuple(c["last_phon"][i] or ()))
            lka = DisclosedAddress(
                street=str(c["k_street"][i]), unit=c["k_unit"][i] or "",
                city=str(c["k_city"][i]), state=str(c["k_state"][i]),
                zip=str(c["k_zip"][i])[:5], source=str(c["k_source"][i]),
                effective_date=c["k_date"][i])
            out[tin] = Candidate(tin=tin, name=name, dob=c["date_of_birth"][i],
                                 dod=c["date_of_death"][i], addresses=history[tin],
                                 last_known=lka, last_known_tied=bool(c["k_tied"][i]),
                                 last_known_elsewhere=bool(c["k_later"][i]),
                                 elsewhere_deceased=bool(c["k_later_dead"][i]))
    return out


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

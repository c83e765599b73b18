"""Matching on Spark: the same comparison vectors and the same decisions as
match/setwise.py, computed by a Spark cluster over the master held as Parquet.

Selected in the home's config.json:
    "match_engine": "spark",
    "spark_master": "local[2]" | "spark://host:7077" | "yarn" | …,
    "spark_master_data": "<folder or URI>"   (written by `dgate master export-parquet`)
    "spark_conf": {"spark.executor.memory": "8g", …}   (optional, passed to the builder)

What runs where, per chunk of requests:
  driver     each request normalized and its exact-name weights (vector.request_table, the
             same Python), the term frequencies it needs, the relation of each distinct
             pair of name words and the key of each distinct street name (the same
             normalize/relations.py code as DuckDB's path, then broadcast), and the policy
             (decide/policy.py) over the few rows that can bear on each decision;
  executors  blocking (engine.PAIRS_SQL) and every comparison level, weight and bit
             (match/spark_sql.py), over the master tables read from Parquet.
The driver never holds the master, only a chunk's requests and its relevant rows.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession

from dgate.errors import DgateError, UsageError
from dgate.match import spark_sql as sql
from dgate.match.compare import Query
from dgate.match.engine import UNSEEN_NAMESAKES_SQL, namesake_request_table
from dgate.match.model import MatchModel
from dgate.match.setwise import decide_rows
from dgate.match.spark_export import MASTER_TABLES
from dgate.match.spark_udf import UDFS
from dgate.match.vector import relation_table, request_table, street_key_table, weight_table
from dgate.model import Decision

# Session settings the SQL relies on, whatever the cluster's defaults.
_SESSION_CONF = {
    "spark.sql.session.timeZone": "UTC",          # dates are dates, never shifted
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.sql.caseSensitive": "false",
}
# Spill and shuffle files hold names, dates of birth and TINs: encrypted on local disks
# whatever the config says (set before the JVM starts; a static setting).
_PROTECTED_CONF = {"spark.io.encryption.enabled": "true"}
# Defaults for a local session (tests, a developer's box); a cluster's come from the
# config's "spark_conf" or spark-submit.
_LOCAL_CONF = {
    "spark.ui.enabled": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.default.parallelism": "4",
    # 2g failed once in a fresh-clone CI run on a busy machine: the contract test's one
    # statement planned 93 small broadcasts, built together under adaptive execution; and
    # 4g once more (session 21, "Not enough memory to build and broadcast the table",
    # beside other test runs). In local mode the driver is the executor too: its heap holds
    # every broadcast being built.
    "spark.driver.memory": "6g",
    "spark.ui.showConsoleProgress": "false",
}


def session(spark_master: str, conf: Mapping[str, str] | None = None) -> SparkSession:
    """The Spark session matching runs in (an existing one is reused: a JVM starts once
    per process)."""
    builder = SparkSession.builder.master(spark_master).appName("dgate-match")
    settings = {**(_LOCAL_CONF if spark_master.startswith("local") else {}),
                **(conf or {}), **_SESSION_CONF, **_PROTECTED_CONF}
    for key, value in settings.items():
        builder = builder.config(key, value)
    # PySpark's first context takes over SIGINT (its handler cancels the jobs, then raises)
    # for the rest of the process: dgate's own Ctrl-C handling (one line, exit 130,
    # nothing half-written) is kept; an interrupted run still ends the jobs, as the JVM
    # goes with the process.
    handler = signal.getsignal(signal.SIGINT)
    spark = builder.getOrCreate()
    if handler is not None and signal.getsignal(signal.SIGINT) is not handler \
            and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, handler)
    for key, value in _SESSION_CONF.items():
        spark.conf.set(key, value)  # also on a session that already existed
    for name, fn in UDFS.items():
        spark.udf.register(name, fn)
    return spark


def master_version(spark: SparkSession, data: str) -> str:
    """The version of the master exported at `data` (its meta table)."""
    try:
        rows = spark.read.parquet(_table_path(data, "meta")).select("version").collect()
    except Exception as exc:  # noqa: BLE001 - Spark raises its own tree of JVM errors
        raise DgateError(f"spark master data {data}: no readable meta table "
                         f"({type(exc).__name__})") from None
    if len(rows) != 1:
        raise DgateError(f"spark master data {data}: meta table has {len(rows)} rows, not 1")
    return str(rows[0][0])


def _table_path(data: str, table: str) -> str:
    return f"{data.rstrip('/')}/{table}.parquet"


class SparkMatcher:
    """Decides chunks of requests against the master exported at `data`."""

    def __init__(self, spark: SparkSession, data: str,
                 expected_version: str | None = None) -> None:
        """With `expected_version`, an export of any other master version is refused
        (decisions and the ledger name the version searched)."""
        self.spark = spark
        self.data = data
        self.version = master_version(spark, data)
        if expected_version is not None and self.version != expected_version:
            raise DgateError(f"spark master data {data} holds master {self.version}, not the "
                             f"master in force {expected_version}; run `dgate master "
                             f"export-parquet` again")
        for table in MASTER_TABLES:
            try:
                df = spark.read.parquet(_table_path(data, table))
            except Exception as exc:  # noqa: BLE001 - Spark raises its own JVM errors
                raise DgateError(f"spark master data {data}: table {table} cannot be read "
                                 f"({type(exc).__name__})") from None
            missing = [c for c in MASTER_TABLES[table] if c not in df.columns]
            if missing:
                # exported by an earlier dgate (addresses.urb, meta.format)
                raise DgateError(f"spark master data {data}: table {table} lacks "
                                 f"{', '.join(missing)}; run `dgate master load` and `dgate "
                                 f"master export-parquet` again")
            df.createOrReplaceTempView(table)

    def decide_chunk(self, queries: Sequence[Query], request_ids: Mapping[int, str],
                     model: MatchModel) -> list[Decision]:
        """One decision per query, in the order given (setwise.decide_chunk's contract)."""
        if not queries:
            return []
        tf_last, tf_first = self._term_frequencies(queries)
        rows, counts, common = self._relevant_rows(queries, model, tf_last, tf_first)
        return decide_rows(queries, request_ids, rows, counts, model, tf_last, tf_first, common,
                           self._unseen_namesakes)

    # -- the stages ------------------------------------------------------------------------

    def _term_frequencies(self, queries: Sequence[Query]
                          ) -> tuple[dict[str, float], dict[str, float]]:
        """term_frequencies(con, 'last' | 'first', …) of engine.py, both in one query."""
        wanted = {("last", t) for q in queries for t in q.name.last_tokens}
        wanted |= {("first", q.name.first_canon[0]) for q in queries if q.name.first_canon}
        out: dict[str, dict[str, float]] = {"last": {}, "first": {}}
        if not wanted:
            return out["last"], out["first"]
        kinds, terms = zip(*sorted(wanted), strict=True)
        self._view("tf_terms", pa.table({"kind": list(kinds), "term": list(terms)}))
        for kind, term, freq in self.spark.sql(sql.TERM_FREQ_SQL).collect():
            out[str(kind)][str(term)] = float(freq)
        self.spark.catalog.dropTempView("tf_terms")
        return out["last"], out["first"]

    def _relevant_rows(self, queries: Sequence[Query], model: MatchModel,
                       tf_last: Mapping[str, float], tf_first: Mapping[str, float]
                       ) -> tuple[list[dict[str, Any]], dict[int, int], frozenset[int]]:
        """vector.build_vectors then relevant_rows, on the cluster; the rows in (seq, tin)
        order, as the driver's policy takes them, the candidate counts (before the gate)
        and the common_named seqs."""
        self._view("q", request_table(queries, model, tf_last, tf_first))
        self._view("weight_lists", weight_table(model))
        kept: list[DataFrame] = []
        try:
            kept.append(self._materialize("pairs", sql.PAIRS_SQL))
            counts = {int(seq): int(n) for seq, n in self.spark.sql(sql.N_CANDS_SQL).collect()}
            # read by pf and by pn: computed once
            kept.append(self._materialize("cn", sql.CN_SQL))
            kept.append(self._materialize("pf", sql.PF_SQL))
            self._view("rel", relation_table(self.spark.sql(sql.PF_REL_KEYS_SQL).toArrow()))
            # the gate: the pairs that can bear on a decision replace the blocked ones
            kept.append(self._materialize("gated", sql.GATED_SQL))
            kept.append(self._materialize("pairs", sql.GATE_SQL))
            kept.append(self._materialize("pn", sql.PN_SQL))
            self._view("rel", relation_table(self.spark.sql(sql.REL_KEYS_SQL).toArrow()))
            self._view("street_keys", self._street_key_table())
            kept.append(self._materialize("known_street", sql.KNOWN_STREET_SQL))
            kept.append(self._materialize("urb_here", sql.URB_HERE_SQL))
            kept.append(self._materialize("dir_here", sql.DIR_HERE_SQL))
            self._lazy("ad", sql.AD_SQL)
            self._lazy("vec", sql.VEC_SQL)
            rows = self.spark.sql(sql.RELEVANT_SQL).toArrow().to_pylist()
            common = frozenset(int(r[0]) for r in self.spark.sql(sql.COMMON_NAMED_SQL).collect())
        finally:
            for df in kept:
                _release(df)
            for name in ("q", "weight_lists", "pairs", "cn", "pf", "gated", "pn", "rel",
                         "street_keys", "known_street", "urb_here", "dir_here", "ad",
                         "vec"):
                self.spark.catalog.dropTempView(name)
        rows.sort(key=lambda r: (r["seq"], r["tin"]))
        return rows, counts, common

    def _unseen_namesakes(self, queries: Sequence[Query]) -> list[dict[str, Any]]:
        """engine.unseen_namesake_rows, on the cluster."""
        if not queries:
            return []
        self._view("uq", namesake_request_table(queries))
        try:
            rows: list[dict[str, Any]] = self.spark.sql(UNSEEN_NAMESAKES_SQL).toArrow().to_pylist()
            return rows
        finally:
            self.spark.catalog.dropTempView("uq")

    def _street_key_table(self) -> pa.Table:
        """vector._street_key_table: the keys of the candidates' street names."""
        names = self.spark.sql(sql.STREET_NAMES_SQL).toArrow().column(0).to_pylist()
        return street_key_table(names)

    def _view(self, name: str, table: pa.Table) -> None:
        # Request data reaches Spark as data (an Arrow table), never as text in a statement.
        self.spark.createDataFrame(table).createOrReplaceTempView(name)

    def _lazy(self, name: str, statement: str) -> None:
        self.spark.sql(statement).createOrReplaceTempView(name)

    def _materialize(self, name: str, statement: str) -> DataFrame:
        """A stage read by several later ones, computed once and kept on the executors,
        its lineage cut (a local checkpoint): the statements after it are analyzed over
        its rows, not over every statement before it. Persisted instead, each later
        statement's plan held the whole chain of views, and Spark's analyzer spent
        minutes on it (the contract test's 2,937 requests: ~300 s of the last statement's
        CPU in DeduplicateRelations and column resolution, for rows computed in seconds)."""
        df = self.spark.sql(statement).localCheckpoint(eager=True)
        df.createOrReplaceTempView(name)
        return df


def _release(df: DataFrame) -> None:
    """Free a local checkpoint's blocks on the executors now (SparkMatcher._materialize),
    not when the JVM's garbage collector next lets Spark's cleaner find them."""
    plan = df._jdf.queryExecution().analyzed()
    if plan.getClass().getSimpleName() == "LogicalRDD":
        plan.rdd().unpersist(False)
    else:
        df.unpersist()


def engine_settings(config: Mapping[str, Any]) -> tuple[str, str, dict[str, str]]:
    """(spark_master, spark_master_data, spark_conf) from a home's config.json."""
    master = config.get("spark_master", "local[2]")
    data = config.get("spark_master_data")
    conf = config.get("spark_conf", {})
    if not isinstance(master, str) or not master:
        raise UsageError("config.json spark_master: expected a Spark master URL")
    if not isinstance(data, str) or not data:
        raise UsageError("config.json spark_master_data: expected the folder or URI of the "
                         "master exported as Parquet (dgate master export-parquet)")
    if not isinstance(conf, dict) or not all(isinstance(k, str) and isinstance(v, str | int)
                                             for k, v in conf.items()):
        raise UsageError("config.json spark_conf: expected an object of Spark settings")
    return master, data, {k: str(v) for k, v in conf.items()}


@contextmanager
def open_matcher(config: Mapping[str, Any], expected_version: str) -> Iterator[SparkMatcher]:
    """The matcher a home's config selects, over the export of master `expected_version`.
    The session stays up after the batch: the next one reuses its JVM."""
    master, data, conf = engine_settings(config)
    yield SparkMatcher(session(master, conf), data, expected_version)

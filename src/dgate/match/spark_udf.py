"""The two string measures the matching SQL takes from DuckDB, as Spark pandas UDFs.

Spark has neither `jaro_winkler_similarity` nor `damerau_levenshtein`, and the usual
Python libraries do not give DuckDB's numbers: DuckDB measures bytes, not characters
(`damerau_levenshtein('É', 'E')` is 2 there, 1 in rapidfuzz), and scores two empty
strings 0.0 where rapidfuzz scores 1.0. A threshold on a different number is a different
candidate set, so each UDF hands its Arrow batch to an in-process DuckDB and runs DuckDB's
own function over it: the same numbers by construction, for the pinned DuckDB version
(tests/spark/test_udf.py holds them equal on the edge cases).

The executors need `dgate` (with its duckdb pin) installed, as they need it for anything.
"""

from __future__ import annotations

from functools import lru_cache

import duckdb
import pandas as pd
import pyarrow as pa
from pyspark.sql.functions import pandas_udf
from pyspark.sql.types import DoubleType, LongType


@lru_cache(maxsize=1)
def _duck() -> duckdb.DuckDBPyConnection:
    """One in-memory DuckDB per Python worker process, single-threaded: Spark already
    runs one worker per task slot."""
    con = duckdb.connect()
    con.execute("SET threads = 1")
    return con


def duck_measure(function: str, a: pa.Array, b: pa.Array) -> pa.Array:
    """DuckDB's `function(a, b)` element by element (NULL in, NULL out)."""
    con = _duck().cursor()
    try:
        con.register("pair_batch", pa.table({"a": a, "b": b}))
        return con.sql(f"SELECT {function}(a, b) FROM pair_batch").to_arrow_table().column(0
                                                                                   ).combine_chunks()
    finally:
        con.close()


def _strings(s: pd.Series) -> pa.Array:
    return pa.array(s, type=pa.string(), from_pandas=True)


@pandas_udf(DoubleType())  # type: ignore[call-overload]
def jaro_winkler_similarity(a: pd.Series, b: pd.Series) -> pd.Series:
    return duck_measure("jaro_winkler_similarity", _strings(a), _strings(b)).to_pandas()


@pandas_udf(LongType())  # type: ignore[call-overload]
def damerau_levenshtein(a: pd.Series, b: pd.Series) -> pd.Series:
    # Int64 (nullable): a NULL argument gives NULL, as in DuckDB.
    return duck_measure("damerau_levenshtein", _strings(a), _strings(b)).to_pandas(
        types_mapper=pd.ArrowDtype).astype("Int64")


UDFS = {"dgate_jaro_winkler": jaro_winkler_similarity,
        "dgate_damerau_levenshtein": damerau_levenshtein}
"""Registered under these names on the session (prefixed: a later Spark may bring a
built-in of the plain name with other numbers)."""

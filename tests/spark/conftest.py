"""One local Spark session for the whole test run (a JVM takes seconds to start), and the
skip when this machine cannot run one."""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest


def _missing() -> str:
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed (pip install 'dgate[spark]')"
    java_home = os.environ.get("JAVA_HOME", "")
    if shutil.which("java") is None and not (java_home and
                                             os.access(f"{java_home}/bin/java", os.X_OK)):
        return "no Java runtime on PATH or in JAVA_HOME (Spark needs Java 17 or later)"
    return ""


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    reason = _missing()
    if reason:
        pytest.skip(f"Spark engine not tested: {reason}")
    from dgate.match.spark import session

    s = session("local[2]", {"spark.sql.shuffle.partitions": "2"})
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()

"""The e2e scenarios (tests/e2e, red-team files above all) under both matching engines:
every chunk `batch submit` decides with DuckDB while the tests run is recorded, then all
the recorded masters are merged into one and all the recorded requests decided against it
by DuckDB and by Spark (one Spark run: a chunk costs Spark minutes on a busy machine), and
every decision that differs is listed (disposition, codes, TIN, address, probability,
candidate count, explanation: the whole Decision).

    # 1. record (DuckDB only, the tests as usual; MAX_WORKERS 1 keeps matching in-process)
    DGATE_SCENARIOS=/tmp/scen PYTHONPATH=src:. python -m pytest -q -p no:cacheprovider \\
        -p benchmarks.spark_scenarios tests/e2e/test_redteam_*.py
    # 2. compare
    PYTHONPATH=src python benchmarks/spark_scenarios.py /tmp/scen /tmp/scen-out

Merging: a taxpayer of one TIN in several masters with the same rows is kept once; with
other rows, under a new TIN (the requests of that master giving the TIN follow it). The
scenarios' people rarely meet (red team r18: 317 of 321 red-team records kept the decision
of their own master), and both engines see the same merged data, so a difference is the
engines'. The recording holds synthetic test people only; keep it out of the repository.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import os
import pickle
import sys
import time
from pathlib import Path
from typing import Any

_ROOT = os.environ.get("DGATE_SCENARIOS")
_FIELDS = ("disposition", "reason_codes", "match_tin", "address", "match_probability",
           "candidate_count")


def _master_key(con: Any) -> str:
    parts = []
    for table, cols in (
            ("addresses", "tin, street, unit, city, state, zip, source, effective_date"),
            ("names", "tin, first_tokens, middle_n, last_n, suffix_n"),
            ("taxpayers", "tin, date_of_birth, date_of_death"),
            ("lka", "tin, addr_id, tied, later_elsewhere")):
        parts.append(str(con.execute(f"SELECT count(*), sum(hash({cols})) FROM {table}")
                         .fetchone()))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def _install(root: Path) -> None:
    """Wrap service.submit's decide_chunk: decide as usual, then record the master (as an
    extract) and the chunk's queries and decisions."""
    import dgate.service.submit as submit

    submit.MAX_WORKERS = 1  # matching in this process, where the wrapper is
    real = submit.decide_chunk
    (root / "calls").mkdir(parents=True, exist_ok=True)
    count = [0]

    def recorded(con: Any, queries: Any, ids: Any, model: Any, *args: Any,
                 **kwargs: Any) -> Any:
        decided = real(con, queries, ids, model, *args, **kwargs)
        key = _master_key(con)
        ext = root / "extracts" / key
        if not ext.exists():
            ext.mkdir(parents=True)
            con.execute(f"""COPY (SELECT tin, tin_type, first_name, middle_name, last_name,
                name_suffix, CAST(date_of_birth AS VARCHAR) AS date_of_birth,
                CAST(date_of_death AS VARCHAR) AS date_of_death FROM taxpayers)
                TO '{ext}/taxpayers.csv' (HEADER)""")
            con.execute(f"""COPY (SELECT tin, street, unit, city, state, zip, source,
                coalesce(CAST(tax_year AS VARCHAR), '') AS tax_year,
                CAST(effective_date AS VARCHAR) AS effective_date FROM addresses)
                TO '{ext}/addresses.csv' (HEADER)""")
        count[0] += 1
        with (root / "calls" / f"{os.getpid()}-{count[0]:05d}.pkl").open("wb") as fh:
            pickle.dump({"test": os.environ.get("PYTEST_CURRENT_TEST", "?"), "key": key,
                         "queries": list(queries), "ids": dict(ids),
                         "model": model.to_json(), "decided": decided}, fh)
        return decided

    submit.decide_chunk = recorded


if _ROOT and __name__ != "__main__":
    _install(Path(_ROOT))


def _new_tin(n: int, kind: str) -> str:
    if kind == "ITIN":
        groups = [*range(70, 89), 90, 91, 92]
        return f"9{10 + n // len(groups):02d}{groups[n % len(groups)]:02d}4321"
    return f"{500 + n // 90}{10 + n % 90:02d}1234"


def merge(root: Path, calls: list[dict[str, Any]], out: Path) -> dict[str, dict[str, str]]:
    """One extract of every recorded master (out/extract); per master, its TINs renamed."""
    tp_rows: dict[str, list[str]] = {}
    ad_rows: dict[str, list[list[str]]] = {}
    held: dict[str, tuple[Any, ...]] = {}
    remap: dict[str, dict[str, str]] = {}
    for key in dict.fromkeys(c["key"] for c in calls):
        with (root / "extracts" / key / "taxpayers.csv").open(encoding="utf-8") as fh:
            taxpayers = list(csv.DictReader(fh))
        with (root / "extracts" / key / "addresses.csv").open(encoding="utf-8") as fh:
            addresses = list(csv.DictReader(fh))
        rows_of: dict[str, list[dict[str, str]]] = {}
        for a in addresses:
            rows_of.setdefault(a["tin"], []).append(a)
        renamed: dict[str, str] = {}
        for t in taxpayers:
            old = t["tin"]
            content = (tuple(v for k, v in t.items() if k != "tin"), tuple(sorted(
                tuple(v for k, v in a.items() if k != "tin") for a in rows_of.get(old, []))))
            tin = old
            if tin in held and held[tin] != content:
                tin = renamed[old] = _new_tin(len(held), t["tin_type"])
            if tin not in held:
                held[tin] = content
                tp_rows[tin] = [tin if k == "tin" else v for k, v in t.items()]
                ad_rows[tin] = [[tin if k == "tin" else v for k, v in a.items()]
                                for a in rows_of.get(old, [])]
        remap[key] = renamed
    ext = out / "extract"
    ext.mkdir(parents=True, exist_ok=True)
    with (ext / "taxpayers.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["tin", "tin_type", "first_name", "middle_name", "last_name",
                    "name_suffix", "date_of_birth", "date_of_death"])
        w.writerows(tp_rows.values())
    with (ext / "addresses.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["tin", "street", "unit", "city", "state", "zip", "source", "tax_year",
                    "effective_date"])
        for rows in ad_rows.values():
            w.writerows(rows)
    print(f"{len(remap)} masters merged: {len(tp_rows)} taxpayers, "
          f"{sum(map(len, remap.values()))} renamed", flush=True)
    return remap


def main() -> int:
    from dgate.match.model import MatchModel
    from dgate.match.setwise import decide_chunk
    from dgate.match.spark import SparkMatcher, session
    from dgate.match.spark_export import export_parquet
    from dgate.store.master import MasterStore

    root, out = Path(sys.argv[1]), Path(sys.argv[2])
    calls = [pickle.loads(p.read_bytes()) for p in sorted((root / "calls").glob("*.pkl"))]
    remap = merge(root, calls, out)
    queries, ids, origin = [], {}, {}
    for n, c in enumerate(calls):
        for q in c["queries"]:
            seq = len(queries) + 1
            tin = remap[c["key"]].get(q.tin, q.tin) if q.tin else q.tin
            queries.append(dataclasses.replace(q, seq=seq, tin=tin))
            ids[seq] = f"{n}:{c['ids'][q.seq]}"
            origin[seq] = (n, q.seq)
    store = MasterStore(out / "home")
    store.load(out / "extract")
    with store.connect() as con:
        export_parquet(con, out / "parquet")
    model = MatchModel.from_json(calls[0]["model"])
    with store.connect() as con:
        duck = decide_chunk(con, queries, ids, model)
    kept = sum(1 for d in duck if (d.disposition, d.reason_codes) == next(
        (o.disposition, o.reason_codes) for o in calls[origin[d.seq][0]]["decided"]
        if o.seq == origin[d.seq][1]))
    print(f"{len(queries)} records; {kept} decided as against their own master", flush=True)
    spark = session("local[2]", {"spark.sql.shuffle.partitions": "2"})
    spark.sparkContext.setLogLevel("ERROR")
    started = time.time()
    got = SparkMatcher(spark, str(out / "parquet")).decide_chunk(queries, ids, model)
    print(f"spark: {time.time() - started:.0f} s", flush=True)
    differ = 0
    with (out / "differences.jsonl").open("w", encoding="utf-8") as fh:
        for d, s in zip(duck, got, strict=True):
            if d == s:
                continue
            differ += 1
            fh.write(json.dumps({
                "test": calls[origin[d.seq][0]]["test"], "request": d.request_id,
                "fields": [f for f in d.__dataclass_fields__
                           if getattr(d, f) != getattr(s, f)],
                "duckdb": {f: repr(getattr(d, f)) for f in _FIELDS},
                "spark": {f: repr(getattr(s, f)) for f in _FIELDS}}) + "\n")
    print(f"{differ} of {len(duck)} decisions differ ({out / 'differences.jsonl'})")
    spark.stop()
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

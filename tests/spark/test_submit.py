"""`batch submit` with the engine config.json selects: the handmade cases of the spec
(tests/e2e/handmade.py) get the dispositions the law requires under both engines, and the
same decision rows; `dgate master export-parquet` and the refusals around it."""

from __future__ import annotations

import csv
import json
import stat
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from tests.e2e.handmade import AS_OF, CASES, dgate, setup_home, write_package

from dgate.ledger import store as ledger
from dgate.match.spark_export import MASTER_TABLES
from dgate.service.home import Home

ENGINES = ["duckdb", "spark"]


def _configure(home: Path, **settings: object) -> None:
    path = home / "config.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    config.update(settings)
    path.write_text(json.dumps(config), encoding="utf-8")


@pytest.fixture(scope="module")
def handmade(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("spark-submit")
    home, key = setup_home(tmp)
    r = dgate(home, "master", "export-parquet", str(tmp / "shared" / "master"), user="admin")
    assert r.code != 0  # the parent folder does not exist yet
    (tmp / "shared").mkdir()
    r = dgate(home, "master", "export-parquet", str(tmp / "shared" / "master"), user="admin")
    assert r.code == 0, r.err
    return {"tmp": tmp, "home": home, "key": key, "export": tmp / "shared" / "master",
            "rows": {}}


def _decisions(handmade: dict[str, Any], engine: str, request: pytest.FixtureRequest
               ) -> list[dict[str, str]]:
    """The decision report of the handmade batch submitted under `engine` (cached)."""
    if engine in handmade["rows"]:
        return handmade["rows"][engine]
    if engine == "spark":
        request.getfixturevalue("spark")  # skips when Spark cannot run here
    home, tmp = handmade["home"], handmade["tmp"]
    _configure(home, match_engine=engine, spark_master="local[2]",
               spark_master_data=str(handmade["export"]))
    pkg = write_package(tmp / f"pkg-{engine}", handmade["key"], [c[0] for c in CASES],
                        batch_id=f"ICE-2026-{engine}")
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert sub.code == 0, sub.err
    out = tmp / f"decisions-{engine}.csv"
    rep = dgate(home, "batch", "decisions", sub.last_line, "--out", str(out), user="off1")
    assert rep.code == 0, rep.err
    with out.open(encoding="utf-8", newline="") as fh:
        handmade["rows"][engine] = list(csv.DictReader(fh))
    return handmade["rows"][engine]


@pytest.mark.parametrize("engine", ENGINES)
def test_each_handmade_record_gets_the_required_disposition(
        engine: str, handmade: dict[str, Any], request: pytest.FixtureRequest) -> None:
    rows = {r["request_id"]: r for r in _decisions(handmade, engine, request)}
    for req, (disposition, code, tin) in CASES:
        row = rows[req["request_id"]]
        assert (row["disposition"], row["match_tin"]) == (disposition, tin), row
        assert set(code.split(";")) <= set(row["reason_codes"].split(";")), row


def test_both_engines_write_the_same_decision_rows(handmade: dict[str, Any],
                                                    request: pytest.FixtureRequest) -> None:
    duck, spark = (_decisions(handmade, e, request) for e in ENGINES)

    def same(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        return [{k: v for k, v in r.items() if k not in ("batch_id", "request_key")}
                for r in rows]

    assert same(spark) == same(duck)
    assert any(r["candidate_count"] not in ("", "0", "1") for r in duck)


def test_the_export_holds_only_what_matching_reads_privately(handmade: dict[str, Any]
                                                             ) -> None:
    folder: Path = handmade["export"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t}.parquet"
                                                             for t in MASTER_TABLES)
    for table, columns in MASTER_TABLES.items():
        path = folder / f"{table}.parquet"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert tuple(pq.read_schema(path).names) == columns
    assert pq.read_table(folder / "taxpayers.parquet").num_rows == 6  # every taxpayer
    # The raw names stay in the encrypted master.
    assert "first_name" not in pq.read_schema(folder / "names.parquet").names
    with Home(handmade["home"]) as h:
        events = [blob for _, blob in ledger.entries(h.conn)]
    assert sum(b'"master_exported"' in e for e in events) == 1


def test_export_inside_the_home_is_refused(handmade: dict[str, Any]) -> None:
    home: Path = handmade["home"]
    r = dgate(home, "master", "export-parquet", str(home / "parquet"), user="admin")
    assert r.code != 0 and "inside the home" in r.err
    assert not (home / "parquet").exists()
    # Nor may anyone but an admin export the master.
    r = dgate(home, "master", "export-parquet", str(handmade["tmp"] / "x"), user="clerk")
    assert r.code != 0 and not (handmade["tmp"] / "x").exists()


def test_an_export_of_another_master_version_is_refused(
        handmade: dict[str, Any], request: pytest.FixtureRequest,
        tmp_path: Path) -> None:
    request.getfixturevalue("spark")
    home, tmp = handmade["home"], handmade["tmp"]
    stale = tmp_path / "stale"
    stale.mkdir()
    (stale / "meta.parquet").write_bytes(
        (handmade["export"] / "meta.parquet").read_bytes())
    table = pq.read_table(stale / "meta.parquet")
    pq.write_table(table.set_column(0, "version", [["20200101T000000Z-00000000"]]),
                   stale / "meta.parquet")
    _configure(home, match_engine="spark", spark_master="local[2]",
               spark_master_data=str(stale))
    pkg = write_package(tmp / "pkg-stale", handmade["key"], [c[0] for c in CASES],
                        batch_id="ICE-2026-stale")
    r = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert r.code != 0 and "not the master in force" in r.err
    _configure(home, match_engine="quantum")
    r = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert r.code != 0 and "match_engine" in r.err
    _configure(home, match_engine="duckdb")
    r = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert r.code == 0, r.err  # nothing of the refused attempts was kept

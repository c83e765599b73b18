"""`batch submit` with the engine config.json selects: the handmade cases of the spec
(tests/e2e/handmade.py) get the dispositions the law requires under both engines, and the
same decision rows; `dgate master export-parquet` and the refusals around it.

The batch also carries a spread of the red-team scenarios (tests/e2e/test_redteam_*.py:
surnames with joined particles and the Arabic article, the first surname in the middle-name
box, households read the other way round, generations, a namesake in another unit, a TIN
with another member's date, rural boxes and grid numbers), their people added to the
master: one Spark batch for all. Red team r18 ran every red-team scenario's records (321,
31 masters) under both engines and found the same decisions; these keep it so."""

from __future__ import annotations

import csv
import json
import stat
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from tests.e2e import test_redteam_households as households
from tests.e2e import test_redteam_rural_and_grid as rural
from tests.e2e import test_redteam_surnames as surnames
from tests.e2e.handmade import (
    AS_OF,
    CASES,
    CHICAGO_PLACE,
    TAXPAYERS,
    chicago_master,
    dgate,
    load_rows,
    setup_home,
    write_package,
)

from dgate.ledger import store as ledger
from dgate.match.spark_export import MASTER_TABLES
from dgate.service.home import Home

ENGINES = ["duckdb", "spark"]

# The red-team people (each file's own master rows) and requests taken from their tests.
_SURNAMES = chicago_master(surnames._APART_AND_BARE + surnames._ALONE + surnames._ARTICLE
                           + surnames._MIDDLE_BOX)
_REDTEAM_MASTER = (list(_SURNAMES[0]) + households.TAXPAYERS + rural.TAXPAYERS,
                   list(_SURNAMES[1]) + households.ADDRESSES + rural.ADDRESSES)
_CHI = dict(CHICAGO_PLACE)
REDTEAM_REQUESTS = [
    # surnames (test_redteam_surnames)
    dict(_CHI, request_id="S1", first_name="JAN", last_name="VANDERBERG", street="400 PINE ST"),
    dict(_CHI, request_id="S2", first_name="JOSE", last_name="DELTORO", street="402 PINE ST",
         date_of_birth="1990-04-04"),
    dict(_CHI, request_id="S3", first_name="JUAN", last_name="CRUZ", street="500 PINE ST"),
    dict(_CHI, request_id="S4", first_name="JOSE", last_name="VILA", street="508 PINE ST"),
    dict(_CHI, request_id="S5", first_name="AHMED", last_name="EL HASSAN", street="600 PINE ST"),
    dict(_CHI, request_id="S6", first_name="OMAR", last_name="AL SAYED", street="602 PINE ST"),
    dict(_CHI, request_id="S7", first_name="ALI", last_name="BINHAMAD", street="606 PINE ST"),
    dict(_CHI, request_id="S8", first_name="ROSA", last_name="GARCIA", street="700 PINE ST"),
    # households (test_redteam_households)
    dict(_CHI, request_id="H1", first_name="YAN", last_name="YANG", street="10 OAK ST"),
    dict(_CHI, request_id="H2", first_name="OSVALDO", last_name="QUINTANILLA", name_suffix="JR",
         date_of_birth="1960-03-03", street="20 ELM ST"),
    dict(_CHI, request_id="H3", first_name="ZAMBRANO", last_name="EUSEBIO",
         street="2470 N KEDZIE AVE", unit="APT 3C"),
    dict(_CHI, request_id="H4", first_name="CHEN", last_name="WEI", street="30 OAK ST"),
    dict(_CHI, request_id="H5", first_name="RAFAEL", last_name="OROZCO", street="40 ELM ST",
         tin="615200013", date_of_birth="1991-07-07"),
    # rural boxes and grid numbers (test_redteam_rural_and_grid)
    dict(rural._QUILL, request_id="G1", street="HC 68 BOX 12", unit="LOT 3"),
    dict(rural._MOSS, request_id="G2", street="RR 2 BOX 45 # 4"),
    dict(rural._PENNY, request_id="G3", street="BOX 7 RR 3"),
    dict(rural._ASH, request_id="G4", street="RR 5 BOX 45B"),
    dict(rural._OLLER, request_id="G5", street="N1234 COUNTY RD K"),
    dict(rural._KETTLE, request_id="G6", street="27W100 ROOSEVELT AVE"),
]


def _configure(home: Path, **settings: object) -> None:
    path = home / "config.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    config.update(settings)
    path.write_text(json.dumps(config), encoding="utf-8")


@pytest.fixture(scope="module")
def handmade(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("spark-submit")
    home, key = setup_home(tmp)
    code, err = load_rows(home, tmp, "master-redteam", *_REDTEAM_MASTER)
    assert code == 0, err
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
    pkg = write_package(tmp / f"pkg-{engine}", handmade["key"],
                        [c[0] for c in CASES] + REDTEAM_REQUESTS, batch_id=f"ICE-2026-{engine}")
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
    # the red-team records reach the outcomes their scenarios are about
    seen = {r["request_id"]: (r["disposition"], r["reason_codes"]) for r in duck}
    assert len(seen) == len(CASES) + len(REDTEAM_REQUESTS)
    outcomes = {seen[r["request_id"]] for r in REDTEAM_REQUESTS}
    assert {("DISCLOSE", "M_MATCH"), ("NOT_DISCLOSED", "M_AMBIGUOUS"),
            ("NOT_DISCLOSED", "M_ADDRESS_ONLY")} <= outcomes, outcomes


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
    assert pq.read_table(folder / "taxpayers.parquet").num_rows == (  # every taxpayer
        len(TAXPAYERS) + len(_REDTEAM_MASTER[0]))
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

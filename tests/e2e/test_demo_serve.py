"""`dgate demo` end to end, and the first cut of `dgate serve`."""

from __future__ import annotations

import csv
from pathlib import Path

from fastapi.testclient import TestClient
from tests.e2e.handmade import dgate, setup_home

from dgate.web.app import create_app


def test_demo_runs_the_whole_flow(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    r = dgate(tmp_path / "demo-home", "demo", "--out", str(out), "--taxpayers", "1500",
              "--requests", "150")
    assert r.code == 0, r.err
    assert "wrongful disclosures 0" in r.out
    with (out / "response.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 150
    assert {row["outcome"] for row in rows} <= {"DISCLOSED", "NOT_DISCLOSED", "REJECTED"}
    assert any(row["outcome"] == "DISCLOSED" for row in rows)
    assert "ledger verified" in r.out
    # A second demo run replaces its own folder, but never a folder it did not make.
    assert dgate(tmp_path / "home2", "demo", "--out", str(out), "--taxpayers", "500",
                 "--requests", "30").code == 0
    # --home naming an existing home is refused: the demo never writes into a real home.
    again = dgate(tmp_path / "demo-home", "demo", "--out", str(tmp_path / "d3"))
    assert again.code == 2
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine", encoding="utf-8")
    r = dgate(tmp_path / "home3", "demo", "--out", str(foreign))
    assert r.code == 2 and (foreign / "keep.txt").exists()


def test_serve_health_and_checkpoint(tmp_path: Path) -> None:
    home, _key = setup_home(tmp_path)
    client = TestClient(create_app(home))
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["master"]
    note = client.get("/ledger/checkpoint")
    assert note.status_code == 200 and note.text.splitlines()[0].startswith("dgate.local/")

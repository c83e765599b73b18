"""`dgate model train` on a synthetic batch: EM must learn the person, not the household.

Before the session-specific u (co-residents for the address session, namesakes for the
name session) and the exclusion of missing levels, EM on synthetic data put most of its
"match" mass on household members: m[first names differ] = 0.76."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dgate.cli import app
from dgate.evaluate import evaluate


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("train")
    runner = CliRunner()
    out = runner.invoke(app, ["synth", str(root / "syn"), "--taxpayers", "8000",
                              "--requests", "800", "--seed", "5"])
    assert out.exit_code == 0, out.output
    home = root / "home"
    evaluate(root / "syn", keep_home=home)
    batch = json.loads((root / "syn" / "pkg" / "batch.json").read_text())["batch_id"]
    res = runner.invoke(app, ["model", "train", batch, "--home", str(home)])
    assert res.exit_code == 0, res.output
    models = sorted((home / "models").glob("*.json"))
    trained_files = [p for p in models if json.loads(p.read_text())["prior"] != 1e-6]
    assert len(trained_files) == 1, res.output
    return home, json.loads(trained_files[0].read_text())


def _m(model: dict, comp: str, level: int) -> float:
    return float(dict((int(k), v) for k, v in model["levels"][comp].items())[level][0])


def test_em_learns_the_person_not_the_household(trained: tuple[Path, dict]) -> None:
    _home, model = trained
    # The same person nearly always agrees on given name, surname and date of birth. The
    # failure this guards put 0.76 on given names that differ; m(first=0) measured 0.05
    # (seed 5) and 0.11 (seed 6) before audit 11's stricter joined-surname slip
    # (names._fused_typo), 0.15 and 0.16 after it (docs/matching.md, session 11).
    assert _m(model, "first", 5) > 0.7 and _m(model, "first", 0) < 0.25
    assert _m(model, "last", 0) < 0.1
    assert _m(model, "dob", 3) > 0.7


def test_trained_prior_is_one_over_the_master(trained: tuple[Path, dict]) -> None:
    _home, model = trained
    assert model["prior"] == pytest.approx(1 / 8000, rel=0.01)
    # Missing levels still weigh nothing (m == u).
    mid = dict((int(k), v) for k, v in model["levels"]["middle"].items())
    assert mid[-1][0] == mid[-1][1]

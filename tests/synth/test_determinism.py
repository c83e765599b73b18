"""Same seed, same bytes; another seed, other data; the mix can be chosen."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from dgate.errors import UsageError
from dgate.synth import DEFAULT_MIX, generate

from .conftest import AS_OF
from .helpers import read_csv

FILES = ("master/taxpayers.parquet", "master/addresses.parquet", "pkg/batch.json",
         "pkg/records.csv", "pkg/batch.json.sig", "keys/official_ed25519.pem",
         "keys/registration.json", "truth.csv")


def test_same_seed_gives_identical_files(synth_dir: Path, synth_twin: Path) -> None:
    for name in FILES:
        assert (synth_dir / name).read_bytes() == (synth_twin / name).read_bytes(), name


def test_other_seed_gives_other_data(synth_dir: Path, tmp_path: Path) -> None:
    generate(tmp_path, taxpayers=3000, requests=300, seed=8, as_of=AS_OF)
    for name in ("master/taxpayers.parquet", "pkg/records.csv", "keys/official_ed25519.pem"):
        assert (synth_dir / name).read_bytes() != (tmp_path / name).read_bytes(), name


def test_mix_override_and_caseload(tmp_path: Path) -> None:
    summary = generate(tmp_path, taxpayers=2500, requests=130, seed=3, as_of=AS_OF,
                       mix={"ambiguous": 0.1, "caseload": 0.9})
    truth = read_csv(tmp_path / "truth.csv")
    records = read_csv(tmp_path / "pkg" / "records.csv")
    scen = Counter(t["scenario"] for t in truth)
    assert scen["caseload"] == 117 and scen["ambiguous"] == 13 == summary.scenarios["ambiguous"]
    agents = Counter(r["case_agent_id"] for r, t in zip(records, truth, strict=True)
                     if t["scenario"] == "caseload")
    assert len(agents) == 1 and next(iter(agents.values())) > 100
    assert all(t["expected_code"] == "R_CASELOAD" for t in truth if t["scenario"] == "caseload")


def test_bad_mix_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        generate(tmp_path, taxpayers=500, requests=20, as_of=AS_OF, mix={"nonsense": 1.0})
    with pytest.raises(UsageError):
        generate(tmp_path, taxpayers=500, requests=20, as_of=AS_OF, mix={"caseload": 1.0})
    assert abs(sum(DEFAULT_MIX.values()) - 1.0) < 1e-9

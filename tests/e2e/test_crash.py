"""SIGKILL during `batch release`: a crash leaves nothing or everything of the release, and
running it again completes it with no disclosure recorded twice."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.e2e.handmade import EXPECTED_DISCLOSURES, approved_batch, dgate, state

POINTS = ("release.response_built", "release.stored", "release.chunk_recorded",
          "release.accounting_written", "release.ledger_written", "release.before_commit",
          "release.committed", "release.file_written")


@pytest.fixture(scope="module")
def approved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    return approved_batch(tmp_path_factory.mktemp("crash"))


def release_cmd(home: Path, batch: str, out: Path) -> list[str]:
    return [sys.executable, "-m", "dgate.cli", "batch", "release", batch, "--out", str(out),
            "--as", "off1", "--home", str(home)]


def check_invariants(home: Path, batch: str, tmp: Path) -> None:
    releases, acc, events = state(home)
    assert (releases, acc, events) in ((0, 0, 0), (1, EXPECTED_DISCLOSURES,
                                                   EXPECTED_DISCLOSURES))
    assert dgate(home, "ledger", "verify", user="aud").code == 0
    out = tmp / "final.csv"
    r = dgate(home, "batch", "release", batch, "--out", str(out), user="off1")
    assert r.code == 0, r.err
    assert state(home) == (1, EXPECTED_DISCLOSURES, EXPECTED_DISCLOSURES)
    disclosed = [ln for ln in out.read_text(encoding="utf-8").splitlines() if ",DISCLOSED," in ln]
    assert len(disclosed) == EXPECTED_DISCLOSURES
    assert dgate(home, "ledger", "verify", user="aud").code == 0


@pytest.mark.parametrize("point", POINTS)
def test_kill_at_each_point_of_release(approved, tmp_path: Path, point: str) -> None:
    home = tmp_path / "home"
    shutil.copytree(approved[0], home)
    out = tmp_path / "response.csv"
    env = dict(os.environ, DGATE_CRASH_AT=point)
    proc = subprocess.run(release_cmd(home, approved[1], out), env=env, capture_output=True,
                          timeout=120)
    assert proc.returncode == -signal.SIGKILL
    assert not list(tmp_path.glob(".response.csv.tmp-*")) or point == "release.committed"
    check_invariants(home, approved[1], tmp_path)


@pytest.mark.parametrize("seed", range(4))
def test_kill_at_random_moments(approved, tmp_path: Path, seed: int) -> None:
    home = tmp_path / "home"
    shutil.copytree(approved[0], home)
    out = tmp_path / "response.csv"
    delay = random.Random(seed).uniform(0.05, 1.5)
    proc = subprocess.Popen(release_cmd(home, approved[1], out), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    time.sleep(delay)
    proc.kill()
    proc.wait(timeout=60)
    check_invariants(home, approved[1], tmp_path)

"""SIGKILL during `batch release` on either case store: a crash leaves nothing or all of the
release, and running it again completes it with no disclosure recorded twice. (The SQLite
file is what tests/e2e/test_crash.py also covers; here the same invariants hold on both.)"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest
from tests.e2e.handmade import AS_OF, CASES, dgate, write_package
from tests.pg.stores import STORES, clone_home, make_home, release_cmd, state, store_url

POINTS = ("release.response_built", "release.stored", "release.chunk_recorded",
          "release.accounting_written", "release.ledger_written", "release.before_commit",
          "release.committed")
EXPECTED_DISCLOSURES = 3  # R1, R3, R9 of CASES


@pytest.fixture(scope="module", params=STORES)
def approved(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
             ) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp(f"crash-{request.param}")
    home, key = make_home(tmp, store_url(request, request.param))
    pkg = write_package(tmp / "pkg", key, [c[0] for c in CASES])
    batch = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk").last_line
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", batch, user=officer).code == 0
    return home, batch


@pytest.mark.parametrize("point", POINTS)
def test_kill_at_each_point_of_release(request: pytest.FixtureRequest, approved,
                                       tmp_path: Path, point: str) -> None:
    home = clone_home(request, approved[0], tmp_path / "home")
    batch = approved[1]
    out = tmp_path / "response.csv"
    proc = subprocess.run(release_cmd(home, batch, out, "off1"),
                          env=dict(os.environ, DGATE_CRASH_AT=point), capture_output=True,
                          timeout=120)
    assert proc.returncode == -signal.SIGKILL
    assert state(home) in ((0, 0, 0), (1, EXPECTED_DISCLOSURES, EXPECTED_DISCLOSURES))
    assert state(home)[0] == (1 if point == "release.committed" else 0)
    assert dgate(home, "ledger", "verify", user="aud").code == 0
    r = dgate(home, "batch", "release", batch, "--out", str(tmp_path / "final.csv"),
              user="off1")
    assert r.code == 0, r.err
    assert state(home) == (1, EXPECTED_DISCLOSURES, EXPECTED_DISCLOSURES)
    text = (tmp_path / "final.csv").read_text(encoding="utf-8")
    assert sum(",DISCLOSED," in ln for ln in text.splitlines()) == EXPECTED_DISCLOSURES
    assert dgate(home, "ledger", "verify", user="aud").code == 0

"""SIGKILL during `batch submit`, `review decide`, `batch approve` and `batch release`:
100 kills (every named crash point, then statement-aimed and timed kills drawn from a seed),
each followed by the invariants and a resumed flow. See crashkit.py for how, and
`python benchmarks/crash.py --kills 1000` for a long run."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from tests.reliability import crashkit as ck

SEED = int(os.environ.get("DGATE_CRASH_SEED", "20261125"))
KILLS = ck.plan(SEED, 100)
SRC = Path(__file__).resolve().parents[2] / "src" / "dgate"


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> ck.Templates:
    return ck.build_templates(tmp_path_factory.mktemp("crash-templates"))


@pytest.mark.parametrize("kill", KILLS, ids=[k.label for k in KILLS])
def test_kill_then_resume(templates: ck.Templates, tmp_path: Path, kill: ck.Kill) -> None:
    ck.run_kill(templates, kill, tmp_path)


def test_every_crash_point_in_the_code_is_exercised() -> None:
    """A point added to the service without a kill aimed at it would go untested."""
    in_code = set()
    for path in SRC.rglob("*.py"):
        in_code |= set(re.findall(r'faults\.point\("([^"]+)"\)', path.read_text("utf-8")))
    aimed = {p for points in ck.POINTS.values() for p in points}
    assert in_code == aimed


def test_statement_kills_reach_the_commit(templates: ck.Templates) -> None:
    """The measured statement counts cover the whole command: the plan can land on the
    COMMIT of each command's transaction, not only on its first reads."""
    assert all(n >= 10 for n in templates.statements.values()), templates.statements
    hits = {k.command for k in KILLS if k.mode == "stmt"}
    assert hits == set(ck.COMMANDS)


def test_real_interpreter_killed_at_a_point(templates: ck.Templates, tmp_path: Path) -> None:
    """The same crash point reached by `python -m dgate.cli` in a fresh interpreter (the
    forked harness shares the test process's imports; this does not)."""
    home = tmp_path / "home"
    shutil.copytree(templates.homes["approve2"], home)
    env = dict(os.environ, **{ck.faults.ENV: "approve.recorded"})
    proc = subprocess.run([sys.executable, "-m", "dgate.cli",
                           *ck.argv("approve2", home, templates.package, tmp_path / "r.csv")],
                          env=env, capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL
    ck.check_store(home)
    assert not ck._committed(home, "approve2")
    ck.complete_flow(home, templates.package, tmp_path)

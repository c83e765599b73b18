"""How the command is reached and where its home may be (a spec audit, session 23)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.handmade import dgate


def test_python_dash_m_dgate_is_the_dgate_command(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    done = subprocess.run([sys.executable, "-m", "dgate", "init", "--home", str(tmp_path / "h")],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "h" / "config.json").is_file()


def test_a_home_that_cannot_be_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    """A file where the home should be, or under it: one line naming it, exit 2, no
    traceback and nothing created."""
    (tmp_path / "afile").write_text("x")
    for home, why in ((tmp_path / "afile", "is a file, not a folder"),
                      (tmp_path / "afile" / "sub", "cannot create the home folder")):
        got = dgate(home, "init")
        assert got.code == 2, got
        assert got.err.startswith(f"dgate: {home}: {why}") and got.err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]

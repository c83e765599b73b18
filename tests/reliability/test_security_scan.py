"""bandit over src with the project's configuration ([tool.bandit] in pyproject.toml): no
finding may be left unexplained. Each exception is justified in the config or by a
`# nosec Bnnn` comment on the line itself. pip-audit needs the network and is a documented
CI step instead (docs/reliability.md)."""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_bandit_finds_nothing_in_src() -> None:
    if shutil.which("bandit") is None:
        pytest.skip("bandit is not installed (pip install 'bandit>=1.7.9')")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    if "bandit" not in config.get("tool", {}):
        pytest.skip("pyproject.toml has no [tool.bandit] section yet (see SECURITY.md)")
    proc = subprocess.run(["bandit", "-c", "pyproject.toml", "-r", "src", "-q", "-f", "json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    report = json.loads(proc.stdout)
    found = [f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}"
             for r in report["results"]]
    assert not found, "\n".join(found)
    assert not report["errors"], report["errors"]

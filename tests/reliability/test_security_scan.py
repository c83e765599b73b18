"""bandit over src with the project's configuration ([tool.bandit] in pyproject.toml): no
finding may be left unexplained. Each exception is justified in the config or by a
`# nosec Bnnn` comment on the line itself.

pip-audit over dgate's run-time dependency closure (read from the installed metadata, so
no unrelated tool on the machine is audited): no known vulnerability unless ignored with a
reason in pyproject.toml ([tool.dgate.pip-audit] ignore). It needs PyPI's JSON API; when
that cannot be reached the test is skipped with the reason, never failed."""

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


# --- pip-audit: known vulnerabilities in dgate's own dependency closure -----------------------

# Error text of requests/urllib3 when the vulnerability service cannot be reached.
_NETWORK_TROUBLE = ("ConnectionError", "ProxyError", "Max retries exceeded", "NameResolution",
                    "Temporary failure in name resolution", "timed out", "ReadTimeout",
                    "SSLError", "Network is unreachable", "ServiceError")


def runtime_closure() -> dict[str, str]:
    """Every installed distribution dgate needs at run time, by canonical name -> version:
    dgate's requirements, theirs (with the extras asked for), and so on; markers evaluated
    for this interpreter. Development tools are not in it: they never see taxpayer data."""
    from importlib.metadata import PackageNotFoundError, distribution

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    found: dict[str, str] = {}
    done: set[tuple[str, frozenset[str]]] = set()
    todo: list[tuple[str, frozenset[str]]] = [("dgate", frozenset())]
    while todo:
        name, extras = todo.pop()
        for spec in distribution(name).requires or []:
            req = Requirement(spec)
            if req.marker and not any(req.marker.evaluate({"extra": e}) for e in extras | {""}):
                continue
            dep = canonicalize_name(req.name)
            key = (dep, frozenset(req.extras))
            if key in done:
                continue
            done.add(key)
            try:
                found[dep] = distribution(dep).version
            except PackageNotFoundError:
                continue  # an optional piece not installed here cannot be vulnerable here
            todo.append(key)
    return found


def ignored_vulnerabilities() -> dict[str, str]:
    """[tool.dgate.pip-audit] ignore = {ID = "reason"} in pyproject.toml, if any."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    ignore = config.get("tool", {}).get("dgate", {}).get("pip-audit", {}).get("ignore", {})
    return {str(k): str(v) for k, v in ignore.items()}


def test_runtime_closure_has_the_direct_dependencies() -> None:
    closure = runtime_closure()
    assert {"openpyxl", "cryptography", "duckdb", "fastapi"} <= set(closure)
    assert "et-xmlfile" in closure  # openpyxl's own: the walk is recursive
    assert "pytest" not in closure and "pip-audit" not in closure


def audit_verdict(returncode: int, stdout: str, stderr: str) -> tuple[str, list[str]]:
    """("ok" | "skip" | "fail", details) for one pip-audit run. Skip only when the service
    could not answer: a refused connection, or an answer for none of the dependencies (a
    registry mirror that serves packages but not PyPI's JSON API answers 404 for all)."""
    try:
        report = json.loads(stdout)
    except json.JSONDecodeError:
        if any(sign in stderr for sign in _NETWORK_TROUBLE):
            return "skip", ["the vulnerability service (PyPI) cannot be reached"]
        return "fail", [f"pip-audit failed (exit {returncode}): {stderr[-2000:]}"]
    deps = report.get("dependencies", [])
    found = [f"{d['name']} {d['version']}: {v['id']} (fixed in {', '.join(v['fix_versions'])})"
             for d in deps for v in d.get("vulns", [])]
    if found:
        return "fail", found
    unaudited = [d["name"] for d in deps if "skip_reason" in d]
    if deps and len(unaudited) == len(deps):
        return "skip", [f"the vulnerability service answered for none of {len(deps)} packages"
                        " (no PyPI JSON API from here)"]
    if unaudited:
        return "fail", [f"pip-audit could not audit: {', '.join(unaudited)}"]
    return "ok", []


def test_audit_verdicts() -> None:
    dep = {"name": "openpyxl", "version": "3.1.5", "vulns": []}
    vuln = {"id": "PYSEC-0000-1", "fix_versions": ["9.9"]}
    ok = json.dumps({"dependencies": [dep, {**dep, "name": "numpy"}]})
    assert audit_verdict(0, ok, "") == ("ok", [])
    bad = json.dumps({"dependencies": [dep, {**dep, "name": "numpy", "vulns": [vuln]}]})
    assert audit_verdict(1, bad, "") == ("fail", ["numpy 3.1.5: PYSEC-0000-1 (fixed in 9.9)"])
    gone = {"name": "numpy", "skip_reason": "Dependency not found on PyPI"}
    assert audit_verdict(0, json.dumps({"dependencies": [gone, gone]}), "")[0] == "skip"
    assert audit_verdict(0, json.dumps({"dependencies": [dep, gone]}), "")[0] == "fail"
    assert audit_verdict(1, "", "requests.exceptions.ConnectionError: Max retries")[0] == "skip"
    assert audit_verdict(1, "", "ValueError: bad requirement")[0] == "fail"


def test_pip_audit_finds_no_known_vulnerability(tmp_path: Path) -> None:
    if shutil.which("pip-audit") is None:
        pytest.skip("pip-audit is not installed (pip install 'pip-audit>=2.7')")
    ignores = ignored_vulnerabilities()
    assert all(reason.strip() for reason in ignores.values()), "every ignore needs a reason"
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("".join(f"{n}=={v}\n" for n, v in sorted(runtime_closure().items())))
    command = ["pip-audit", "--no-deps", "--disable-pip", "-r", str(requirements),
               "--format", "json", "--progress-spinner", "off"]
    for vuln_id in ignores:
        command += ["--ignore-vuln", vuln_id]
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.skip("pip-audit: the vulnerability service did not answer within 120 s")
    verdict, details = audit_verdict(proc.returncode, proc.stdout, proc.stderr)
    if verdict == "skip":
        pytest.skip(f"pip-audit: {details[0]}")
    assert verdict == "ok", "\n".join(details)

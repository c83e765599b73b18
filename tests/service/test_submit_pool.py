"""The matching processes started before the record rules (submit._early_pool): taken for
the matching when the batch needs as many, shut down at once otherwise; never left
running, and never changing a decision."""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from tests.synth_home import synth_home

import dgate
from dgate.service import submit as submit_module
from dgate.service.home import Home
from dgate.synth import generate
from dgate.synth.package import write_package

AS_OF = date(2026, 11, 25)
CHUNK = 64  # 300 records: five chunks, so two matching processes if every record passes
PASSING = 40  # records of the "mostly rejected" batch left lawful: all in the first chunk


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pool") / "synth"
    generate(out, taxpayers=3000, requests=300, seed=11, as_of=AS_OF)
    return out


@pytest.fixture(scope="module")
def mostly_rejected(synth: Path) -> Path:
    """The synth's batch with the case number cut from every record after the first
    PASSING (R_CASE), signed again by the same official."""
    with (synth / "pkg" / "records.csv").open(encoding="utf-8", newline="") as fh:
        records = list(csv.DictReader(fh))
    for rec in records[PASSING:]:
        rec["case_number"] = ""
    manifest = json.loads((synth / "pkg" / "batch.json").read_text(encoding="utf-8"))
    key = serialization.load_pem_private_key(
        (synth / "keys" / "official_ed25519.pem").read_bytes(), password=None)
    out = synth.parent / "mostly_rejected"
    write_package(out, records, key,  # type: ignore[arg-type]
                  batch_id=manifest["batch_id"],
                  signed_at=date.fromisoformat(manifest["signed_at"]))
    return out


def _day(pkg: Path) -> date:
    manifest = json.loads((pkg / "batch.json").read_text(encoding="utf-8"))
    return date.fromisoformat(manifest["signed_at"]) + timedelta(days=3)


def _decisions(home: Home) -> list[tuple[Any, ...]]:
    from dgate.service.release import details

    return [tuple(r)[1:-1] + tuple(sorted(details(home, r).items())) for r in home.conn.execute(
        "SELECT batch_id, seq, request_id, disposition, reason_codes, match_probability, "
        "candidate_count, sealed FROM decisions ORDER BY seq")]


class Spy:
    """Every matching pool submit makes, how many existed when the record rules began,
    and the pools the chunks were matched in."""

    def __init__(self) -> None:
        self.made: list[Any] = []
        self.at_rules: int | None = None
        self.matched_in: list[Any] = []


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Iterator[Spy]:
    seen = Spy()
    make, rules, in_order = (submit_module._matchers, submit_module.check_records,
                             submit_module._in_order)

    def matchers(n: int) -> Any:
        seen.made.append(make(n))
        return seen.made[-1]

    def check_records(*a: Any, **k: Any) -> Any:
        seen.at_rules = len(seen.made)
        return rules(*a, **k)

    def ordered(pool: Any, *a: Any, **k: Any) -> Any:
        seen.matched_in.append(pool)
        return in_order(pool, *a, **k)

    monkeypatch.setattr(submit_module, "_matchers", matchers)
    monkeypatch.setattr(submit_module, "check_records", check_records)
    monkeypatch.setattr(submit_module, "_in_order", ordered)
    before = set(multiprocessing.active_children())
    yield seen
    # Whatever happened, no matching process may outlive the submit (shut down and
    # joined, not merely told to stop).
    assert set(multiprocessing.active_children()) <= before


def _reference(folder: Path, synth: Path, pkg: Path) -> list[tuple[Any, ...]]:
    with synth_home(folder, synth) as home:  # one process, no pool at all
        submit_module.submit(home, "clerk", pkg, _day(pkg), workers=1)
        return _decisions(home)


def test_the_early_pool_is_the_one_that_matches(synth: Path, tmp_path: Path,
                                                spy: Spy) -> None:
    expected = _reference(tmp_path / "one", synth, synth / "pkg")
    assert spy.made == []
    with synth_home(tmp_path / "two", synth, match_chunk=CHUNK) as home:
        result = submit_module.submit(home, "clerk", synth / "pkg", _day(synth / "pkg"),
                                      workers=2)
        got = _decisions(home)
    assert spy.at_rules == 1  # started before the record rules
    assert len(spy.made) == 1  # and no other pool started after them
    assert spy.matched_in == spy.made  # the chunks went to it
    assert got == expected
    assert {"DISCLOSE", "NOT_DISCLOSED", "REJECTED"} <= set(result.counts)


def test_an_early_pool_the_rules_leave_nothing_for_is_shut_down(
        synth: Path, mostly_rejected: Path, tmp_path: Path, spy: Spy) -> None:
    expected = _reference(tmp_path / "one", synth, mostly_rejected)
    with synth_home(tmp_path / "two", synth, match_chunk=CHUNK) as home:
        result = submit_module.submit(home, "clerk", mostly_rejected, _day(mostly_rejected),
                                      workers=2)
        got = _decisions(home)
    assert spy.at_rules == 1 and len(spy.made) == 1  # started early, as for any batch
    assert spy.matched_in == []  # the few lawful records were matched in this process
    assert got == expected
    assert result.counts["REJECTED"] >= 300 - PASSING
    assert sum(1 for row in got if row[2] != "REJECTED") > 0  # something was matched


def test_rules_that_fail_leave_no_matching_process(synth: Path, tmp_path: Path, spy: Spy,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: Any, **__: Any) -> Any:
        spy.at_rules = len(spy.made)
        raise RuntimeError("rules broke")

    monkeypatch.setattr(submit_module, "check_records", broken)
    with synth_home(tmp_path / "h", synth, match_chunk=CHUNK) as home:
        with pytest.raises(RuntimeError, match="rules broke"):
            submit_module.submit(home, "clerk", synth / "pkg", _day(synth / "pkg"), workers=2)
        assert home.conn.execute("SELECT count(*) FROM decisions").fetchone()[0] == 0
    assert spy.at_rules == 1


def test_no_early_pool_for_a_batch_one_process_matches(synth: Path, tmp_path: Path,
                                                       spy: Spy) -> None:
    with synth_home(tmp_path / "h", synth) as home:  # 300 records: one chunk of the default size
        submit_module.submit(home, "clerk", synth / "pkg", _day(synth / "pkg"), workers=2)
    assert spy.made == [] and spy.matched_in == []


_KILLED_PARENT = """
import os, signal, sys
from dgate.service.submit import _matchers
pool = _matchers(2)
list(pool.map(int, range(2)))  # both started (and warmed up)
with open(sys.argv[1], "w") as fh:
    fh.write(" ".join(str(p.pid) for p in pool._processes.values()))
os.kill(os.getpid(), signal.SIGKILL)
"""


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_matching_processes_end_with_a_killed_submitting_process(tmp_path: Path) -> None:
    """A pool's idle worker otherwise waits forever on its queue (it holds the queue's
    other end itself), with the master's key it was handed in memory."""
    pids_file, errors = tmp_path / "pids", tmp_path / "stderr"
    env = {**os.environ, "PYTHONPATH": str(Path(dgate.__file__).parents[1])}
    # Output to files, not pipes: surviving workers would hold a pipe open.
    with errors.open("wb") as err:
        proc = subprocess.run([sys.executable, "-c", _KILLED_PARENT, str(pids_file)],
                              env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=err, timeout=120, check=False)
    assert proc.returncode == -signal.SIGKILL, errors.read_text()
    pids = [int(p) for p in pids_file.read_text().split()]
    assert len(pids) == 2
    try:
        deadline = time.monotonic() + 20
        while any(_running(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_running(p) for p in pids)
    finally:
        for p in pids:  # this test's own processes, should they have survived
            if _running(p):
                os.kill(p, signal.SIGKILL)

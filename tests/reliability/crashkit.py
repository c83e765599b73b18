"""Kill `dgate` with SIGKILL in the middle of a command, then check that what is left is
consistent and that the flow can be taken to completion.

A kill is aimed three ways:
  - at a named crash point (`dgate.faults`, DGATE_CRASH_AT);
  - before the Nth SQL statement the command sends to SQLite (a trace callback kills the
    process the moment SQLite starts the statement), which reaches every BEGIN, INSERT,
    ledger append and COMMIT boundary, reproducibly for a given seed;
  - after a random delay, asynchronously from outside, wherever the process happens to be
    (fsync, Python code, the middle of a statement).

The command runs in a forked child of the test process: a real separate process killed
with a real SIGKILL, without paying interpreter start-up and imports for every kill.

Used by tests/reliability/test_crash_commands.py (a bounded run) and benchmarks/crash.py
(a long randomized run).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.e2e.handmade import AS_OF, CASES, dgate, setup_home, write_package

from dgate import faults
from dgate.cli import main

BATCH = "ICE-2026-000123"
# Name and address agree but the date of birth is one digit off: a reviewer decides.
# (Her other address: R1 already asks about her at the first, and R_DUPLICATE would reject.)
REVIEW_ROW = dict(request_id="Q1", first_name="Maria", last_name="Garcia",
                  street="500 E 7th St", city="Austin", state="TX", zip="78701",
                  date_of_birth="1980-04-13")
REVIEW_KEY = f"{BATCH}:{len(CASES) + 1}"
# R1, R3 and R9 match (see handmade.CASES); the reviewer discloses Q1.
EXPECTED_DISCLOSED = frozenset({"R1", "R3", "R9", "Q1"})

COMMANDS = ("submit", "review", "approve1", "approve2", "release")
POINTS: dict[str, tuple[str, ...]] = {
    "submit": ("submit.decisions_written", "submit.ledger_written", "submit.committed"),
    "review": ("review.stored", "review.recorded", "review.committed"),
    "approve1": ("approve.stored", "approve.recorded", "approve.committed"),
    "approve2": ("approve.stored", "approve.recorded", "approve.committed"),
    "release": ("release.response_built", "release.stored", "release.chunk_recorded",
                "release.accounting_written", "release.ledger_written",
                "release.before_commit", "release.committed", "release.file_written"),
}


@dataclass(frozen=True)
class Kill:
    command: str
    mode: str        # "point", "stmt" or "time"
    point: str = ""  # for "point"
    u: float = 0.0   # for "stmt" and "time": where in the command's run, 0..1

    @property
    def label(self) -> str:
        where = self.point if self.mode == "point" else f"{self.u:.4f}"
        return f"{self.command}-{self.mode}-{where}"


def plan(seed: int, total: int) -> list[Kill]:
    """Every named point of every command once, then statement and timed kills spread
    over the commands, all drawn from `seed`."""
    rng = random.Random(seed)
    kills = [Kill(c, "point", p) for c in COMMANDS for p in POINTS[c]]
    while len(kills) < total:
        mode = "stmt" if rng.random() < 0.7 else "time"
        kills.append(Kill(rng.choice(COMMANDS), mode, u=rng.random()))
    return kills


# --- the flow, stage by stage -----------------------------------------------------------


@dataclass
class Templates:
    """A home at the start of each command (copied for every kill) and the package."""

    root: Path
    package: Path
    homes: dict[str, Path] = field(default_factory=dict)
    statements: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def argv(command: str, home: Path, package: Path, out: Path) -> list[str]:
    tail = ["--home", str(home)]
    return {
        "submit": ["batch", "submit", str(package), "--as-of", AS_OF, "--as", "clerk"],
        "review": ["review", "decide", REVIEW_KEY, "--disclose", "--as", "rev"],
        "approve1": ["batch", "approve", BATCH, "--as", "off1"],
        "approve2": ["batch", "approve", BATCH, "--as", "off2"],
        "release": ["batch", "release", BATCH, "--out", str(out), "--as", "off1"],
    }[command] + tail


def build_templates(root: Path) -> Templates:
    home, key = setup_home(root / "setup")
    package = write_package(root / "pkg", key, [c[0] for c in CASES] + [REVIEW_ROW])
    t = Templates(root, package)
    work = root / "work"
    shutil.copytree(home, work)
    for command in COMMANDS:
        t.homes[command] = root / f"before-{command}"
        shutil.copytree(work, t.homes[command])
        # Measure the command undisturbed (statements sent, time taken) on a copy, then
        # advance the working home by running it for real.
        probe = root / f"probe-{command}"
        shutil.copytree(work, probe)
        status, count, seconds = _run_child(argv(command, probe, package, root / "probe.csv"),
                                            count_only=True)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, (command, status)
        t.statements[command], t.seconds[command] = count, seconds
        shutil.rmtree(probe)
        r = dgate(work, *argv(command, work, package, root / "response.csv")[:-2])
        assert r.code == 0, (command, r.err)
    return t


# --- running a command in a child and killing it ------------------------------------------


def _arm_statement_kill(n: int) -> list[int]:
    """Kill this process as SQLite starts its Nth statement (n=0: only count them).
    Returns the live count."""
    seen = [0]

    def on_statement(_sql: str) -> None:
        seen[0] += 1
        if seen[0] == n:
            os.kill(os.getpid(), signal.SIGKILL)

    original = sqlite3.connect

    def connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = original(*args, **kwargs)  # type: ignore[arg-type]
        conn.set_trace_callback(on_statement)
        return conn

    # Only ever in the forked child, which exits without returning to the caller.
    sqlite3.connect = connect  # type: ignore[assignment]
    return seen


def _run_child(args: list[str], *, point: str = "", stmt: int = 0, delay: float | None = None,
               count_only: bool = False) -> tuple[int, int, float]:
    """Run `dgate args` in a forked child; returns (wait status, statements, seconds)."""
    counter = Path(f"/tmp/dgate-crash-count-{os.getpid()}") if count_only else None
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the test process
        code, seen = 70, [0]
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            if point:
                os.environ[faults.ENV] = point
            if stmt or count_only:
                seen = _arm_statement_kill(stmt)
            main(args)
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0) if isinstance(exc.code, int | None) else 1
        except BaseException:  # noqa: BLE001 — a child must never fall back into pytest
            code = 71
        if counter is not None:
            counter.write_text(str(seen[0]))
        os._exit(code)
    if delay is not None:
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError):  # it may have finished already
            os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    seconds = time.perf_counter() - started
    count = 0
    if counter is not None and counter.exists():
        count = int(counter.read_text())
        counter.unlink()
    return status, count, seconds


@dataclass(frozen=True)
class Outcome:
    kill: Kill
    killed: bool     # the process died of SIGKILL (False: it finished before the timer)
    committed: bool  # the command's change was found in the store after the kill


def run_kill(t: Templates, kill: Kill, tmp: Path) -> Outcome:
    """Copy the home the command starts from, kill the command as `kill` says, check the
    invariants, take the flow to a release, and check again."""
    home = tmp / "home"
    shutil.copytree(t.homes[kill.command], home)
    args = argv(kill.command, home, t.package, tmp / "response.csv")
    if kill.mode == "point":
        status, _, _ = _run_child(args, point=kill.point)
    elif kill.mode == "stmt":
        n = 1 + int(kill.u * t.statements[kill.command])
        status, _, _ = _run_child(args, stmt=n)
    else:
        status, _, _ = _run_child(args, delay=kill.u * t.seconds[kill.command] * 1.2)
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    if kill.mode != "time":
        assert killed, f"{kill.label}: the command was not killed (status {status})"
    else:
        assert killed or (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0), status
    check_store(home)
    committed = _committed(home, kill.command)
    complete_flow(home, t.package, tmp)
    return Outcome(kill, killed, committed)


# --- invariants --------------------------------------------------------------------------


def _ledger_events(conn: sqlite3.Connection) -> list[dict[str, object]]:
    return [json.loads(bytes(raw)) for (raw,) in
            conn.execute("SELECT entry FROM ledger_entries ORDER BY idx")]


def check_store(home: Path) -> None:
    """What must hold in a home at any moment, whatever was killed where."""
    with sqlite3.connect(home / "case.sqlite") as conn:
        events = _ledger_events(conn)
        kinds = Counter((str(e["type"]), str(e["object"])) for e in events)
        batches = {b: n for b, n in conn.execute("SELECT batch_id, record_count FROM batches")}
        for table in ("records", "decisions"):
            orphans = conn.execute(f"SELECT count(*) FROM {table} WHERE batch_id NOT IN "
                                   "(SELECT batch_id FROM batches)").fetchone()[0]
            assert orphans == 0, f"{table} rows without their batch"
        keys = [k for (k,) in conn.execute("SELECT request_key FROM decisions")]
        assert len(keys) == len(set(keys)), "a record has two decisions"
        for batch, n in batches.items():
            seqs = {s for (s,) in conn.execute(
                "SELECT seq FROM decisions WHERE batch_id = ?", (batch,))}
            recs = {s for (s,) in conn.execute(
                "SELECT seq FROM records WHERE batch_id = ?", (batch,))}
            assert seqs == recs and len(seqs) == n, "batch stored in part"
            req = [s for (s,) in conn.execute(
                "SELECT seq FROM accounting WHERE kind = 'request' AND batch_id = ?", (batch,))]
            assert sorted(req) == sorted(seqs), "accounting of requests differs from decisions"
            for s in seqs:
                assert kinds[("decision", f"{batch}:{s}")] == 1, "decision not in ledger once"
            assert kinds[("package_received", batch)] == 1
        for key, n in kinds.items():
            if key[0] == "decision":
                assert n == 1 and key[1] in set(keys), "ledger decision without a stored one"
        reviews = {k for (k,) in conn.execute("SELECT request_key FROM reviews")}
        assert {o for (t, o) in kinds if t == "review_decision"} == reviews
        assert all(kinds[("review_decision", k)] == 1 for k in reviews)
        approvals = Counter(b for (b,) in conn.execute("SELECT batch_id FROM approvals"))
        for batch in batches:
            assert kinds[("approval", batch)] == approvals[batch], "approval vs ledger"
        check_disclosures(conn, kinds)
    verify = dgate(home, "ledger", "verify", user="aud")
    assert verify.code == 0, verify.err


def check_disclosures(conn: sqlite3.Connection, kinds: Counter[tuple[str, str]]) -> None:
    """Disclosures in the stored response, the accounting and the ledger: one set, each
    element once."""
    acc = [f"{b}:{s}" for b, s in conn.execute(
        "SELECT batch_id, seq FROM accounting WHERE kind = 'disclosure'")]
    assert len(acc) == len(set(acc)), "an address disclosed twice in the accounting"
    ledger = {o for (t, o) in kinds if t == "disclosure"}
    assert all(kinds[("disclosure", o)] == 1 for o in ledger), "disclosed twice in the ledger"
    assert set(acc) == ledger
    in_response: set[str] = set()
    for batch, data in conn.execute("SELECT batch_id, response FROM releases"):
        ids = {line.split(",")[0] for line in _opened_response(conn, batch, bytes(data))
               .decode("utf-8").splitlines() if ",DISCLOSED," in line}
        by_id = dict(conn.execute(
            "SELECT request_id, request_key FROM decisions WHERE batch_id = ?", (batch,)))
        in_response |= {by_id[i] for i in ids}
    assert in_response == ledger, "the response and the accounting disagree"
    released = {b for (b,) in conn.execute("SELECT batch_id FROM releases")}
    assert {k.rsplit(":", 1)[0] for k in ledger} <= released


def _opened_response(conn: sqlite3.Connection, batch: str, blob: bytes) -> bytes:
    """The stored response is sealed under the batch's response key: open it with the
    home's vault (the home is the folder of the database `conn` reads)."""
    from dgate.service.home import Home
    from dgate.vault import fields

    path = conn.execute("PRAGMA database_list").fetchone()[2]
    with Home(Path(path).parent) as h:
        return fields.open_response(h.vault, batch, blob)


def _committed(home: Path, command: str) -> bool:
    with sqlite3.connect(home / "case.sqlite") as conn:
        sql = {
            "submit": "SELECT count(*) FROM batches",
            "review": "SELECT count(*) FROM reviews",
            "approve1": "SELECT count(*) FROM approvals WHERE user_id = 'off1'",
            "approve2": "SELECT count(*) FROM approvals WHERE user_id = 'off2'",
            "release": "SELECT count(*) FROM releases",
        }[command]
        return bool(conn.execute(sql).fetchone()[0])


def complete_flow(home: Path, package: Path, tmp: Path) -> None:
    """Resume from whatever the kill left: every step is run again, and a step already done
    must say so (exit 4) rather than do it twice. Ends released, with the expected
    disclosures, each once."""
    r = dgate(home, "batch", "submit", str(package), "--as-of", AS_OF, user="clerk")
    assert r.code == 0 and r.last_line == BATCH, (r.code, r.err)
    r = dgate(home, "review", "decide", REVIEW_KEY, "--disclose", user="rev")
    assert r.code == 0 or (r.code == 4 and "already" in r.err), (r.code, r.err)
    for officer in ("off1", "off2"):
        r = dgate(home, "batch", "approve", BATCH, user=officer)
        assert r.code == 0 or (r.code == 4 and "already" in r.err), (r.code, r.err)
    out = tmp / "final.csv"
    r = dgate(home, "batch", "release", BATCH, "--out", str(out), user="off2")
    assert r.code == 0, (r.code, r.err)
    lines = out.read_text(encoding="utf-8").splitlines()
    disclosed = [ln.split(",")[0] for ln in lines if ",DISCLOSED," in ln]
    assert sorted(disclosed) == sorted(EXPECTED_DISCLOSED)
    assert len(lines) == len(CASES) + 2  # header + every record, once
    check_store(home)
    with sqlite3.connect(home / "case.sqlite") as conn:
        n = conn.execute("SELECT count(*) FROM accounting WHERE kind = 'disclosure'").fetchone()
    assert n[0] == len(EXPECTED_DISCLOSED)

"""`batch submit`'s write step seals a large batch's decision side in a helper process: what
it stores must be what the in-process path stores, value for value, and the ledger must
verify. (The write step alone, on decision rows made here; the flow tests cover submit.)"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dgate.intake.package import Package
from dgate.intake.recordtable import RecordTable
from dgate.ledger import store as ledger
from dgate.model import RECORD_COLUMNS, Decision, DisclosedAddress, Disposition, RequestRecord
from dgate.service import batchwrite
from dgate.service.home import Actor, Home, init_home
from dgate.vault import fields as sealed

BATCH = "B-W"
N = 23
_SUBMIT = ProcessPoolExecutor.submit


def _package() -> Package:
    records = []
    for k in range(1, N + 1):
        fields = {c: "" for c in RECORD_COLUMNS}
        fields.update(request_id=f"R{k}", first_name=f"Given{k}", last_name="Surname",
                      reason=f"reason number {k} «é»", statute="8 U.S.C. 1253(a)(1)",
                      case_agent_id=f" agent-{k % 4} " if k % 5 else "")
        records.append(RequestRecord(k, fields))
    manifest = {"batch_id": BATCH, "requesting_agency": "ICE", "signed_at": "2026-11-20",
                "statutory_authority": ["26 U.S.C. 6103(i)(2)"],
                "signed_by": {"official_id": "O-1"}}
    body = json.dumps(manifest).encode()
    return Package(manifest_bytes=body, manifest=manifest, signature=None,
                   records_name="records.csv", records_sha256=hashlib.sha256(body).hexdigest(),
                   records=tuple(records), columns=RECORD_COLUMNS)


def _rows() -> list[tuple[Any, ...]]:
    out = []
    for k in range(1, N + 1):
        disp = [Disposition.DISCLOSE, Disposition.REJECTED, Disposition.NOT_DISCLOSED,
                Disposition.REVIEW][k % 4]
        address = DisclosedAddress(f"{k} MAIN ST", "", "TOWN", "IL", "60404", "RETURN",
                                   date(2026, 1, k % 28 + 1)) \
            if disp in (Disposition.DISCLOSE, Disposition.REVIEW) else None
        d = Decision(k, f"R{k}", disp, ("R_REASON",) if disp is Disposition.REJECTED
                     else ("M_MATCH",), match_tin=f"{100000000 + k}" if address else "",
                     match_probability=None if disp is Disposition.REJECTED else k / 7,
                     candidate_count=None if disp is Disposition.REJECTED else k,
                     address=address, explanation={"best": {"bits": k / 3, "n": "é"}})
        out.append(batchwrite.decision_row(BATCH, d))
    return [tuple(r) for r in json.loads(json.dumps(out))]  # as the spill hands them over


def _clear(row: Any, skip: tuple[str, ...]) -> dict[str, Any]:
    """A row's clear columns by name (sqlite3.Row iterates over values, not names)."""
    names = row.keys()
    return {k: row[k] for k in names if k not in skip}


def _written(where: Path, parallel_min: int, monkeypatch: pytest.MonkeyPatch,
             piece: int = batchwrite.PIECE, table: bool = False) -> dict[str, Any]:
    init_home(where)
    monkeypatch.setattr(batchwrite, "PARALLEL_MIN", parallel_min)
    monkeypatch.setattr(batchwrite, "PIECE", piece)
    handed: list[int] = []

    def counted(self: ProcessPoolExecutor, fn: Any, /, *args: Any, **kw: Any) -> Any:
        handed.append(len(args[1]))
        return _SUBMIT(self, fn, *args, **kw)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", counted)
    rows = _rows()
    pkg = _package()
    if table:  # as intake holds them
        pkg = replace(pkg, records=RecordTable.from_records(pkg.records))
    with Home(where) as home:
        batchwrite.write_batch(home, Actor("clerk", "intake"), pkg, BATCH, "sha", pkg.manifest,
                      date(2026, 11, 25), date(2026, 11, 20), frozenset(),
                      (rows[i:i + 7] for i in range(0, N, 7)), "M-1", 17, "", None)
        home.checkpoint()
        assert ledger.verify(home.conn, home.origin, "dgate-ledger", home.public_key()).ok
        v = home.vault
        records = [(r["seq"], r["request_id"], sealed.open_record(v, BATCH, r["seq"],
                                                                  r["sealed"]),
                    r["agent_index"] != "")
                   for r in home.conn.execute("SELECT * FROM records ORDER BY seq")]
        decisions = [(_clear(r, ("sealed", "tin_index")),
                      sealed.open_decision(v, BATCH, r["seq"], r["sealed"]))
                     for r in home.conn.execute("SELECT * FROM decisions ORDER BY seq")]
        # the blind index of the matched TIN under this home's index key, or "" for none
        assert [r["tin_index"] for r in home.conn.execute(
            "SELECT tin_index FROM decisions ORDER BY seq")] == [
            v.index("tin", d["match_tin"]) if d["match_tin"] else "" for _r, d in decisions]
        accounting = [(_clear(r, ("sealed", "at", "entry_id")),
                       sealed.open_accounting(v, "request", BATCH, r["seq"], r["sealed"]))
                      for r in home.conn.execute(
                          "SELECT * FROM accounting WHERE kind = 'request' ORDER BY seq")]
        events = [json.loads(e) for _i, e in ledger.entries(home.conn)]
        # Each decision event carries the digests of the two rows it records, as `ledger
        # verify` computes them from the rows read back (each home has its own key).
        for e in events:
            if e["type"] == "decision":
                assert e.pop("digests") == _digests_of_rows(home, e["object"]), e["object"]
        # Events made in the helper still carry times that rise with the ledger's order.
        assert [e["at"] for e in events] == sorted(e["at"] for e in events)
        assert [e["type"] for e in events[-N - 3:-N - 1]] == ["package_received",
                                                              "rules_evaluated"]
        # The TIN in a decision event is the home's commitment to the matched TIN.
        tins = {d[1]["match_tin"] for d in decisions} - {""}
        commitments = {home.commit(t): t for t in tins}
        for e in events:
            if e["type"] == "decision":
                e["tin"] = commitments[e["tin"]] if e["tin"] else ""
        agents = {r["agent_index"] for r in home.conn.execute("SELECT * FROM records")}
    return {"records": records, "decisions": decisions, "accounting": accounting,
            "events": [{k: x for k, x in e.items() if k not in ("at", "host")}
                       for e in events if e["type"] in ("decision", "batch_decided")],
            "agents": len(agents), "handed": handed}


def _digests_of_rows(home: Home, key: str) -> dict[str, str]:
    seq = int(key.rpartition(":")[2])
    d = dict(home.conn.execute("SELECT * FROM decisions WHERE batch_id = ? AND seq = ?",
                               (BATCH, seq)).fetchone())
    d.update(sealed.open_decision(home.vault, BATCH, seq, d.pop("sealed")))
    a = dict(home.conn.execute("SELECT * FROM accounting WHERE kind = 'request' AND "
                               "batch_id = ? AND seq = ?", (BATCH, seq)).fetchone())
    a.update(sealed.open_accounting(home.vault, "request", BATCH, seq, a.pop("sealed")))
    return {"decisions": ledger.row_digest(home.hmac_key(), "decisions", d),
            "accounting": ledger.row_digest(home.hmac_key(), "accounting", a)}


def test_the_helper_process_stores_what_the_in_process_path_stores(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    here = _written(tmp_path / "serial", 10**9, monkeypatch)
    helper = _written(tmp_path / "helper", 1, monkeypatch)
    assert len(here["decisions"]) == len(helper["decisions"]) == N
    assert here["handed"] == [] and helper["handed"] == [7, 7, 7, 2]  # chunks of rows
    assert here["records"] == helper["records"]
    assert here["decisions"] == helper["decisions"]
    assert here["accounting"] == helper["accounting"]
    assert here["events"] == helper["events"] and len(here["events"]) == N + 1
    assert helper["events"][3]["tin"] == "100000004" and helper["events"][1]["tin"] == ""
    # Each home has its own index key: the blind indexes differ between the two homes but
    # name the same number of distinct agents (4, and none).
    assert here["agents"] == helper["agents"] == 5
    assert here["decisions"][0][1]["match_tin"] == ""  # seq 1 is REJECTED
    assert helper["decisions"][3][1]["match_tin"] == "100000004"
    assert helper["accounting"][6][1]["reason"] == "reason number 7 «é»"


def test_a_chunk_handed_over_in_pieces_is_stored_as_a_whole_chunk_would_be(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    here = _written(tmp_path / "serial", 10**9, monkeypatch)
    pieces = _written(tmp_path / "pieces", 1, monkeypatch, piece=3)
    assert pieces["handed"] == [3, 3, 1, 3, 3, 1, 3, 3, 1, 2]  # chunks of 7, pieces of 3
    for part in ("records", "decisions", "accounting", "events"):
        assert pieces[part] == here[part], part
    assert pieces["accounting"][6][1]["reason"] == "reason number 7 «é»"


def test_a_record_tables_records_are_sealed_in_the_helper_as_here(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Intake's records (a RecordTable) are sealed in the helper process, a piece at a
    time, before the decision side: every record opens to what the in-process path
    seals, with the same case agent."""
    monkeypatch.setattr(batchwrite, "RECORD_PIECES", 2)
    here = _written(tmp_path / "serial", 10**9, monkeypatch)
    serial = _written(tmp_path / "table", 10**9, monkeypatch, table=True)
    helper = _written(tmp_path / "helper", 1, monkeypatch, piece=3, table=True)
    assert here["handed"] == serial["handed"] == []
    # 23 records in pieces of 3, then the decision side: chunks of 7 in pieces of 3
    assert helper["handed"] == [3] * 7 + [2] + [3, 3, 1, 3, 3, 1, 3, 3, 1, 2]
    for part in ("records", "decisions", "accounting", "events"):
        assert helper[part] == here[part] == serial[part], part
    assert helper["agents"] == here["agents"] == 5
    assert helper["records"][1][2] == (dict(_package().records[1].fields), "AGENT-2")


class _Logged:
    """An executor that runs each call at once, in this process, and logs what it was
    handed and when its result was read."""

    def __init__(self, log: list[str]) -> None:
        self.log = log

    def submit(self, fn: Any, /, *args: Any) -> Future[Any]:
        part = args[1]
        seqs = part.seqs() if isinstance(part, RecordTable) else [r[1] for r in part]
        what = f"{fn.__name__} {seqs[0]}-{seqs[-1]}"
        self.log.append(f"hand {what}")
        log, result = self.log, fn(*args)

        class Done(Future[Any]):
            def result(self, timeout: float | None = None) -> Any:
                log.append(f"got {what}")
                return result

        done = Done()
        done.set_result(result)
        return done


def test_record_pieces_go_first_at_most_a_few_in_flight_then_the_decision_side(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The helper is handed at most RECORD_PIECES pieces of records not yet given back,
    and the decision side's first pieces as soon as the last piece of records is handed
    over (not once it is written: the helper goes on while the last records are)."""
    monkeypatch.setattr(batchwrite, "PIECE", 3)
    monkeypatch.setattr(batchwrite, "RECORD_PIECES", 2)
    log: list[str] = []

    @contextmanager
    def logged(_records: int) -> Iterator[Any]:
        yield _Logged(log)

    monkeypatch.setattr(batchwrite, "sealing_helper", logged)
    init_home(tmp_path / "h")
    rows = _rows()
    pkg = replace(_package(), records=RecordTable.from_records(_package().records))
    with Home(tmp_path / "h") as home:
        batchwrite.write_batch(home, Actor("clerk", "intake"), pkg, BATCH, "sha",
                               pkg.manifest, date(2026, 11, 25), date(2026, 11, 20),
                               frozenset(), (rows[i:i + 7] for i in range(0, N, 7)), "M-1",
                               17, "", None)
        assert home.conn.execute("SELECT COUNT(*) FROM records").fetchone()[0] == N
    records = [e for e in log if "_helper_records" in e]
    assert records[:3] == ["hand _helper_records 1-3", "hand _helper_records 4-6",
                           "got _helper_records 1-3"]
    assert [e for e in records if e.startswith("hand")] == [
        f"hand _helper_records {s}-{min(s + 2, N)}" for s in range(1, N + 1, 3)]
    outstanding = 0
    for e in records:
        outstanding += 1 if e.startswith("hand") else -1
        assert 0 <= outstanding <= 2, log
    last = log.index("hand _helper_records 22-23")
    assert log[last + 1] == "hand _helper_sides 1-3", log
    assert log.index("got _helper_records 22-23") > last + 1
    assert all("_helper_records" not in e for e in log[log.index("got _helper_records "
                                                                  "22-23") + 1:])


class _Here:
    """An executor that runs each call at once, in this process, and logs it."""

    def __init__(self, log: list[str]) -> None:
        self.log = log

    def submit(self, fn: Any, /, *args: Any) -> Future[Any]:
        self.log.append(f"piece {args[1][0][1]}-{args[1][-1][1]}")
        done: Future[Any] = Future()
        done.set_result(fn(*args))
        return done


def test_pieces_in_flight_belong_to_at_most_two_chunks(monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    """The pieces of two chunks are handed over at once and the next chunk is read only
    once the first has been given back whole: memory holds what it held when whole chunks
    were handed over, however small the pieces."""
    monkeypatch.setattr(batchwrite, "PIECE", 3)
    rows, pkg, log = _rows(), _package(), []

    def chunks() -> Any:
        for i in range(0, N, 7):
            log.append(f"chunk {i + 1}")
            yield rows[i:i + 7]

    keys = sealed.SealingKeys(BATCH, (b"k" * 8, b"K" * 32), (b"a" * 8, b"A" * 32))
    job = batchwrite._SideJob(keys, b"H" * 32, {"type": "decision"}, "M-1", ("r", "m"),
                              ("at", "ICE", "O-1", "2026-11-20", ""))
    sides = batchwrite._decided_sides(
        _Here(log), job, sealed.BatchSealing.from_keys(keys),  # type: ignore[arg-type]
        RecordTable.from_records(pkg.records), ["S"], chunks())
    got = []
    for part, said, (decided, accounted, events) in sides:
        log.append(f"written {part[0][1]}-{part[-1][1]}")
        assert len(part) == len(said) == len(decided) == len(accounted) == len(events)
        assert [json.loads(e)["object"] for e in events] == [r[2] for r in part]
        assert [reason for reason, _statute in said] == \
            [pkg.records[r[1] - 1].get("reason") for r in part]
        got.extend(part)
    assert got == rows
    assert log == [
        "chunk 1", "piece 1-3", "piece 4-6", "piece 7-7",
        "chunk 8", "piece 8-10", "piece 11-13", "piece 14-14",
        "written 1-3", "written 4-6",
        "chunk 15", "piece 15-17", "piece 18-20", "piece 21-21", "written 7-7",
        "written 8-10", "written 11-13",
        "chunk 22", "piece 22-23", "written 14-14",
        "written 15-17", "written 18-20", "written 21-21", "written 22-23"]


HELPER_THEN_KILLED = """
import os, signal, sys
from dgate.service import batchwrite
if __name__ == "__main__":
    with batchwrite.sealing_helper(batchwrite.PARALLEL_MIN) as pool:
        print(pool.submit(os.getpid).result(), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
"""


def test_the_helper_ends_when_the_submitting_process_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "killed.py"
    script.write_text(HELPER_THEN_KILLED, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    child = int(proc.stdout.strip())
    deadline = time.monotonic() + 20
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = _alive(child)
    if alive:
        os.kill(child, signal.SIGKILL)  # do not leave it behind either way
    assert not alive, "the helper outlived the process that started it"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


def test_the_batch_is_written_under_a_larger_page_cache_then_the_connections_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    init_home(tmp_path / "h")
    rows, pkg = _rows(), _package()
    with Home(tmp_path / "h") as home:
        own = home.conn.execute("PRAGMA cache_size").fetchone()[0]
        seen: list[tuple[str, int, bool]] = []
        monkeypatch.setattr(batchwrite.faults, "point", lambda name: seen.append(
            (name, home.conn.execute("PRAGMA cache_size").fetchone()[0],
             home.conn.in_transaction)))

        def write(chunks: Any) -> None:
            batchwrite.write_batch(home, Actor("clerk", "intake"), pkg, BATCH, "sha",
                                   pkg.manifest, date(2026, 11, 25), date(2026, 11, 20),
                                   frozenset(), chunks, "M-1", 17, "", None)

        def broken() -> Any:
            yield rows[:7]
            raise OSError("the spill could not be read")

        with pytest.raises(OSError):
            write(broken())
        assert home.conn.execute("PRAGMA cache_size").fetchone()[0] == own
        assert not home.conn.in_transaction
        assert home.conn.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == 0
        write(rows[i:i + 7] for i in range(0, N, 7))
        assert home.conn.execute("PRAGMA cache_size").fetchone()[0] == own != \
            -batchwrite.WRITE_CACHE_KIB
        assert home.conn.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == N
    big = -batchwrite.WRITE_CACHE_KIB
    assert ("submit.decisions_written", big, True) in seen
    assert ("submit.committed", own, False) in seen

"""Scale benchmark: load a large synthetic master, then submit a large batch end to end.

    python benchmarks/scale.py                                  # 10M taxpayers, 1.28M records
    python benchmarks/scale.py --taxpayers 1000000 --requests 100000   # about 2 minutes

Each phase runs in its own process so its peak memory is its own (the submit's peak
counts its matching workers too). Prints wall time per stage, candidate pairs per request,
peak memory, and how the batch was decided against its construction (wrongful
disclosures must be 0). Figures only: nothing here asserts a speed.

The master comes from `dgate.synth.generate`. The synthetic request generator draws each
subject with a name no other request uses, which runs out long before a million records,
so the large batch is built here from the master itself: people drawn at random, asking
for their last known address (80%), an older address of theirs (12%), or a person's name
with someone else's address (8%, must not be disclosed); with a date of birth on 35% and
a TIN on 10% of them, and lawful legal fields throughout.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

AS_OF = date(2026, 11, 25)
REASON = ("Subject of criminal investigation {case} for willful failure to depart within 90 "
          "days of a final order of removal; the last known address is needed to locate the "
          "subject.")


# -- measuring -----------------------------------------------------------------------------

class PeakRss:
    """Peak resident memory of this process and all its descendants together, sampled from
    /proc (Linux); elsewhere the larger of this process's and its largest child's peak."""

    def __init__(self, every: float = 0.2) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        usage = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                    resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) * 1024
        self.peak = max(self.peak, usage)

    def _run(self, every: float) -> None:
        while not self._stop.wait(every):
            self.peak = max(self.peak, _tree_rss(os.getpid()))


def _tree_rss(pid: int) -> int:
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += next(int(line.split()[1]) * 1024 for line in status.splitlines()
                          if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{p}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, StopIteration, ValueError):
            continue
    return total


class Stages:
    """A progress callback that times each stage from its first event to its last, and
    prints a line every few seconds so a long run shows it is alive."""

    def __init__(self) -> None:
        self.first: dict[str, float] = {}
        self.last: dict[str, float] = {}
        self._said = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        key = stage.split(" (")[0]
        self.first.setdefault(key, now)
        self.last[key] = now
        if now - self._said > 10:
            self._said = now
            print(f"    … {stage} {done:,}/{total:,}", flush=True)


# -- phases (each run in a child process) ----------------------------------------------------

def phase_generate(work: Path, taxpayers: int, requests: int, seed: int) -> dict[str, Any]:
    from dgate.synth import generate

    t = time.perf_counter()
    shutil.rmtree(work / "synth", ignore_errors=True)
    # The synth's own batch only supplies the keys and dates; keep it small.
    summary = generate(work / "synth", taxpayers=taxpayers, requests=min(1000, taxpayers // 10),
                       seed=seed, as_of=AS_OF)
    t1 = time.perf_counter()
    truth = build_batch(work, requests, seed)
    t2 = time.perf_counter()
    return {"generate master": t1 - t, "build batch": t2 - t1,
            "address rows": summary.address_rows, "records": requests,
            "due": sum(1 for v in truth.values() if v)}


def build_batch(work: Path, n: int, seed: int) -> dict[str, str]:
    """Write work/big/pkg (signed) and work/big/truth.json (request_id -> TIN due or "")."""
    import duckdb

    from dgate.model import RECORD_COLUMNS
    from dgate.synth.package import official_key, write_package

    master = work / "synth" / "master"
    manifest = json.loads((work / "synth" / "pkg" / "batch.json").read_text(encoding="utf-8"))
    signed_at = date.fromisoformat(manifest["signed_at"])
    batch_id = f"ICE-{signed_at.year}-SCALE{n}"
    con = duckdb.connect()
    # Materialized step by step: as one statement with CTEs DuckDB re-evaluated the 10M-row
    # ranking for each reference and the 1.28M-record batch took over 15 minutes to build.
    con.execute(f"""CREATE TEMP TABLE people AS
        SELECT row_number() OVER (ORDER BY hash(tin, {seed})) - 1 AS k, *
        FROM read_parquet('{master / "taxpayers.parquet"}')
        WHERE date_of_death IS NULL
        ORDER BY hash(tin, {seed}) LIMIT {n + 1}""")
    con.execute(f"""CREATE TEMP TABLE hist AS
        SELECT * FROM (
            SELECT a.*, row_number() OVER (PARTITION BY a.tin ORDER BY a.effective_date DESC,
                CASE a.source WHEN 'FORM_8822' THEN 0 WHEN 'RETURN' THEN 1 ELSE 2 END) AS rn
            FROM read_parquet('{master / "addresses.parquet"}') a
            SEMI JOIN people p ON p.tin = a.tin)
        WHERE rn <= 2""")
    # Each side of a join to `hist` filtered first: with "t.kind = 'old'" inside a LEFT
    # JOIN's condition DuckDB planned a nested-loop join (hours at 1.28M records).
    con.execute("CREATE TEMP TABLE last_h AS SELECT * FROM hist WHERE rn = 1")
    con.execute("CREATE TEMP TABLE old_h AS SELECT * FROM hist WHERE rn = 2")
    rows = con.execute(f"""
        WITH pick AS (
            SELECT p.k, p.tin, p.first_name, p.middle_name, p.last_name, p.name_suffix,
                   p.date_of_birth,
                   CASE WHEN p.k % 100 < 80 THEN 'current' WHEN p.k % 100 < 92 THEN 'old'
                        ELSE 'stranger' END AS kind
            FROM people p WHERE p.k < {n}),
        target AS (
            SELECT pick.*, CASE pick.kind WHEN 'stranger' THEN other.tin ELSE pick.tin END
                AS addr_tin
            FROM pick LEFT JOIN people other ON other.k = pick.k + 1)
        SELECT t.k, t.tin, t.first_name, t.middle_name, t.last_name, t.name_suffix,
               t.date_of_birth, t.kind,
               coalesce(h.street, l.street) AS street, coalesce(h.unit, l.unit) AS unit,
               coalesce(h.city, l.city) AS city, coalesce(h.state, l.state) AS state,
               coalesce(h.zip, l.zip) AS zip, h.tin IS NOT NULL AS got_old
        FROM target t
        LEFT JOIN last_h l ON l.tin = t.addr_tin
        LEFT JOIN (SELECT o.* FROM old_h o SEMI JOIN pick ON pick.tin = o.tin
                   AND pick.kind = 'old') h ON h.tin = t.tin
        ORDER BY t.k""").fetchall()
    con.close()
    records, truth = [], {}
    for (k, tin, first, middle, last, suffix, dob, kind, street, unit, city, state, zipc,
         _) in rows:
        case = f"HSI-{signed_at.year % 100}-{k:07d}"
        rid = f"{batch_id}-{k + 1:07d}"
        shown_dob = kind != "stranger" and k % 20 < 7
        records.append({
            "request_id": rid, "first_name": first, "middle_name": middle or "",
            "last_name": last, "name_suffix": suffix or "",
            "date_of_birth": str(dob) if shown_dob and dob else "",
            "tin": tin if kind != "stranger" and k % 10 == 3 else "",
            "a_number": f"A{200000000 + k:09d}", "street": street, "unit": unit or "",
            "city": city, "state": state, "zip": zipc, "address": "",
            "taxable_periods": "2023-2025", "statute": "8 U.S.C. 1253(a)(1)",
            "reason": REASON.format(case=case),
            "final_order_date": (signed_at - timedelta(days=400)).isoformat(),
            "case_number": case, "case_agent_id": f"ICE-SA-{10000 + k % 20000}",
        })
        truth[rid] = "" if kind == "stranger" else tin
    assert set(records[0]) == set(RECORD_COLUMNS)
    write_package(work / "big" / "pkg", records, official_key(seed), batch_id=batch_id,
                  signed_at=signed_at)
    (work / "big" / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return truth


def _setup_home(work: Path) -> Any:
    from dgate.evaluate import register_synth
    from dgate.service import admin
    from dgate.service.home import Home, init_home

    synth = work / "synth"
    home_dir = work / "home"
    shutil.rmtree(home_dir, ignore_errors=True)
    init_home(home_dir)
    home = Home(home_dir)
    admin.user_add(home, "admin", "clerk", "intake")
    register_synth(home, synth)
    return home


def phase_load(work: Path) -> dict[str, Any]:
    from dgate.service import admin

    with PeakRss() as peak:
        home = _setup_home(work)
        stages = Stages()
        t = time.perf_counter()
        info = admin.master_load(home, "admin", work / "synth" / "master", stages)
        total = time.perf_counter() - t
        home.conn.close()
    out: dict[str, Any] = {"total": total, "peak_gb": peak.peak / 1e9,
                           "taxpayers": info.taxpayers, "addresses": info.addresses}
    out["stages"] = {k: stages.last[k] - stages.first[k] for k in stages.first}
    return out


def phase_submit(work: Path, chunk: int | None, workers: int | None) -> dict[str, Any]:
    from dgate.service.home import Home
    from dgate.service.submit import submit

    manifest = json.loads((work / "big" / "pkg" / "batch.json").read_text(encoding="utf-8"))
    day = date.fromisoformat(manifest["signed_at"]) + timedelta(days=3)
    with PeakRss() as peak, Home(work / "home") as home:
        stages = Stages()
        t = time.perf_counter()
        result = submit(home, "clerk", work / "big" / "pkg", day, stages, chunk_size=chunk,
                        workers=workers)
        total = time.perf_counter() - t
        if result.existing:
            sys.exit(f"scale benchmark: {work / 'home'} already holds this batch, so nothing "
                     "was submitted; run again without --skip-load (a fresh home)")
        # The matched TIN is sealed in the case store: opened through the home's vault.
        from dgate.service.release import details

        rows = [(r["request_id"], r["disposition"],
                 details(home, r)["match_tin"] if r["disposition"] == "DISCLOSE" else "",
                 r["candidate_count"])
                for r in home.conn.execute("SELECT * FROM decisions WHERE batch_id = ?",
                                           (result.batch_id,))]
    f, last = stages.first, stages.last
    out: dict[str, Any] = {"total": total, "peak_gb": peak.peak / 1e9, "counts": result.counts}
    out["stages"] = {
        "intake + batch rules": f["rules"] - t,
        "record rules": last["rules"] - f["rules"],
        "match + decide": last.get("decide", last["rules"]) - last["rules"],
        "write (records, decisions, accounting, ledger)":
            t + total - last.get("decide", last["rules"]),
    }
    truth = json.loads((work / "big" / "truth.json").read_text(encoding="utf-8"))
    searched = [r[3] for r in rows if r[3] is not None]
    out["searched"] = len(searched)
    out["pairs_per_request"] = sum(searched) / len(searched) if searched else 0.0
    out["pairs"] = sum(searched)
    tally: dict[str, int] = defaultdict(int)
    for rid, disp, tin, _ in rows:
        due = truth.get(rid, "")
        if disp == "DISCLOSE":
            tally["right" if due and tin == due else "wrongful"] += 1
        tally["due"] += 1 if due else 0
    out["wrongful"] = tally["wrongful"]
    out["precision"] = tally["right"] / max(1, tally["right"] + tally["wrongful"])
    out["recall"] = tally["right"] / max(1, tally["due"])
    return out


# -- driver --------------------------------------------------------------------------------

def _child(args: argparse.Namespace, phase: str) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--phase", phase, "--work", str(args.work),
           "--taxpayers", str(args.taxpayers), "--requests", str(args.requests),
           "--seed", str(args.seed)]
    if args.chunk:
        cmd += ["--chunk", str(args.chunk)]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    # Lines are passed on as they come (a 10M submit runs for many minutes: its progress
    # must show while it runs); the phase's last line is its JSON result.
    last = ""
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, bufsize=1) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if last:
                print(last, flush=True)
            last = line.rstrip("\n")
    if proc.returncode != 0:
        # the phase has said why on stderr (a home already holding the batch, say)
        raise SystemExit(f"scale benchmark: the {phase} phase failed "
                         f"(exit {proc.returncode})")
    return dict(json.loads(last))


def _machine() -> str:
    mem = ""
    try:
        kb = next(int(x.split()[1]) for x in Path("/proc/meminfo").read_text().splitlines()
                  if x.startswith("MemTotal:"))
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores{mem}, Python {sys.version.split()[0]}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--taxpayers", type=int, default=10_000_000)
    ap.add_argument("--requests", type=int, default=1_280_000)
    ap.add_argument("--seed", type=int, default=2)
    ap.add_argument("--work", type=Path, default=Path("/tmp/dgate-scale"))
    ap.add_argument("--chunk", type=int, default=0, help="records per chunk (default: dgate's)")
    ap.add_argument("--workers", type=int, default=0, help="matching processes (default: auto)")
    ap.add_argument("--reuse", action="store_true", help="keep generated data from a prior run")
    ap.add_argument("--skip-load", action="store_true",
                    help="submit against the home a prior run loaded")
    ap.add_argument("--skip-submit", action="store_true",
                    help="load the master only (time the load's stages)")
    ap.add_argument("--phase", choices=("generate", "load", "submit"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phase:
        result = {"generate": lambda: phase_generate(args.work, args.taxpayers, args.requests,
                                                     args.seed),
                  "load": lambda: phase_load(args.work),
                  "submit": lambda: phase_submit(args.work, args.chunk or None,
                                                 args.workers or None)}[args.phase]()
        print(json.dumps(result))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {_machine()}")
    print(f"workload: {args.taxpayers:,} taxpayers, {args.requests:,} records, seed {args.seed}")
    if not (args.reuse and (args.work / "big" / "truth.json").is_file()):
        g = _child(args, "generate")
        print(f"generate: master {g['generate master']:.1f}s ({g['address rows']:,} address "
              f"rows); batch {g['build batch']:.1f}s ({g['records']:,} records, "
              f"{g['due']:,} disclosable)")
    if not args.skip_load:
        load = _child(args, "load")
        print(f"master load: {load['total']:.1f}s, peak {load['peak_gb']:.2f} GB "
              f"({load['taxpayers']:,} taxpayers, {load['addresses']:,} address rows)")
        for stage, secs in load["stages"].items():
            print(f"    {stage:<52} {secs:8.1f}s")
    if args.skip_submit:
        return
    sub = _child(args, "submit")
    print(f"submit: {sub['total']:.1f}s, peak {sub['peak_gb']:.2f} GB, "
          f"{args.requests / sub['total']:,.0f} records/s")
    for stage, secs in sub["stages"].items():
        print(f"    {stage:<48} {secs:8.1f}s")
    print(f"    searched {sub['searched']:,} records; {sub['pairs']:,} candidate pairs, "
          f"{sub['pairs_per_request']:.1f} per request")
    print(f"    dispositions {json.dumps(sub['counts'], sort_keys=True)}")
    print(f"    precision {sub['precision']:.4f}, recall {sub['recall']:.4f}, "
          f"wrongful disclosures {sub['wrongful']}")


if __name__ == "__main__":
    main()

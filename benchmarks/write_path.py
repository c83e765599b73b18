"""Write-path benchmark: the case-store writes of `batch submit` alone (issue 9).

    python benchmarks/write_path.py                       # 100,000 synthetic records
    python benchmarks/write_path.py --records 20000 --repeat 3
    python benchmarks/write_path.py --package /tmp/s1m/big/pkg   # a real package's records

`batch submit` decides every record first and then writes, in ONE transaction, the batch,
every record (sealed, with the blind index of its case agent), every decision (sealed
details), the accounting row of every record (sealed reason) and one ledger event per
record. This script times exactly that step (`batchwrite.write_batch`) on a fresh home, with
decision rows shaped like the real ones (the mix of dispositions and the size of the explanations of
the 1M x 100K scale run), so the write path can be measured in seconds instead of the
minutes a full matching run takes. It then checks what it wrote: `ledger verify` passes
and a sample of sealed values opens to what was written. Figures only: nothing here asserts
a speed.

Besides wall time it prints the CPU seconds of this process and of the helper process that
seals a large batch's decision side (batchwrite.PARALLEL_MIN): on a busy machine the wall time
says little, and this process's CPU is the part that cannot overlap.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import shutil
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from dgate.intake.package import Package, read_package
from dgate.ledger import store as ledger
from dgate.model import RECORD_COLUMNS, Decision, DisclosedAddress, Disposition, RequestRecord
from dgate.rules.record import fold_agent
from dgate.service import admin
from dgate.service.batchwrite import decision_row, write_batch
from dgate.service.home import Home, init_home
from dgate.service.submit import CHUNK
from dgate.vault import fields as sealed

AS_OF = date(2026, 11, 25)
SIGNED = AS_OF - timedelta(days=3)
REASON = ("Subject of criminal investigation {case} for willful failure to depart within 90 "
          "days of a final order of removal; the last known address is needed to locate the "
          "subject.")
FIRST = ("MARIA", "JOSE", "JUAN", "ANA", "LUIS", "CARMEN", "JAMES", "MARY", "WEI", "FATIMA")
LAST = ("GARCIA", "RODRIGUEZ", "SMITH", "NGUYEN", "HERNANDEZ", "LOPEZ", "JOHNSON", "KIM")
STREETS = ("MAIN ST", "OAK AVE", "STATION RD", "BIRCH ST", "ELM DR", "PARK BLVD")


def synthetic_package(n: int, seed: int) -> Package:
    """A package of `n` lawful-looking records (never signed: the write path does not read
    the signature, the rules that would have are not run here)."""
    rng = random.Random(seed)
    records = []
    for k in range(n):
        case = f"HSI-26-{k:07d}"
        fields = {c: "" for c in RECORD_COLUMNS}
        fields.update({
            "request_id": f"ICE-2026-W-{k + 1:07d}", "first_name": rng.choice(FIRST),
            "middle_name": rng.choice(("", "A", "PATRICIA")), "last_name": rng.choice(LAST),
            "date_of_birth": "1980-02-03" if k % 3 == 0 else "",
            "tin": f"{rng.randrange(10**8, 10**9)}" if k % 10 == 3 else "",
            "a_number": f"A{200000000 + k:09d}",
            "street": f"{rng.randrange(1, 9999)} {rng.choice(STREETS)}", "unit": "",
            "city": "SHOREWOOD", "state": "IL", "zip": f"{rng.randrange(10000, 99999)}",
            "taxable_periods": "2023-2025", "statute": "8 U.S.C. 1253(a)(1)",
            "reason": REASON.format(case=case),
            "final_order_date": (SIGNED - timedelta(days=400)).isoformat(),
            "case_number": case, "case_agent_id": f"ICE-SA-{10000 + k % 20000}"})
        records.append(RequestRecord(k + 1, fields))
    manifest = {"batch_id": "ICE-2026-WRITE", "requesting_agency": "ICE",
                "signed_at": SIGNED.isoformat(), "record_count": n,
                "statutory_authority": ["26 U.S.C. 6103(i)(2)"],
                "signed_by": {"official_id": "ICE-0001"}}
    body = json.dumps(manifest, sort_keys=True).encode()
    return Package(manifest_bytes=body, manifest=manifest, signature=None,
                   records_name="records.csv",
                   records_sha256=hashlib.sha256(body + str(n).encode()).hexdigest(),
                   records=tuple(records), columns=RECORD_COLUMNS)


def _candidate(rng: random.Random, tin: str) -> dict[str, Any]:
    levels = {"address": 5, "dob": rng.choice((-1, 3)), "first": 5, "last": 5, "middle": 2,
              "suffix": 1}
    weights = {k: round(rng.uniform(-1, 23), 3) for k in levels}
    return {"addr_id": rng.randrange(10**7), "bits": round(rng.uniform(30, 60), 3),
            "levels": levels, "tin": tin, "weights": weights}


def synthetic_decisions(pkg: Package, seed: int) -> list[Decision]:
    """Decisions in the 1M x 100K run's proportions: 89.6% DISCLOSE, 9.8% NOT_DISCLOSED,
    0.6% REVIEW, a few REJECTED; the explanations carry a best candidate and a runner-up."""
    rng = random.Random(seed + 1)
    out = []
    for r in pkg.records:
        u = rng.random()
        tin = f"{rng.randrange(10**8, 10**9)}"
        if u < 0.0004:
            out.append(Decision(r.seq, r.request_id, Disposition.REJECTED, ("R_REASON",)))
            continue
        disp, codes = ((Disposition.DISCLOSE, ("M_MATCH",)) if u < 0.896 else
                       (Disposition.REVIEW, ("M_REVIEW",)) if u < 0.902 else
                       (Disposition.NOT_DISCLOSED, ("M_AMBIGUOUS",)))
        address = DisclosedAddress(r.get("street"), "Apt C", r.get("city"), r.get("state"),
                                   r.get("zip"), "RETURN", date(2026, 2, 2)) \
            if disp is not Disposition.NOT_DISCLOSED else None
        runner = _candidate(rng, f"{rng.randrange(10**8, 10**9)}") if u >= 0.896 else {}
        out.append(Decision(
            r.seq, r.request_id, disp, codes,
            match_tin=tin if address else "", match_probability=rng.random(),
            candidate_count=rng.randrange(1, 200), address=address,
            explanation={"best": _candidate(rng, tin), "runner_up": runner}))
    return out


def _fresh_home(where: Path) -> Home:
    init_home(where)
    home = Home(where)
    admin.user_add(home, "admin", "clerk", "intake")
    return home


def run_once(pkg: Package, decisions: list[Decision], work: Path, chunk: int) -> dict[str, Any]:
    home_dir = work / "home"
    shutil.rmtree(home_dir, ignore_errors=True)
    with _fresh_home(home_dir) as home:
        actor = _actor(home)
        batch_id = "ICE-2026-WRITE"
        rows = [decision_row(batch_id, d) for d in decisions]
        # As the spill hands them over: JSON lines, read back as lists of tuples.
        spilled = [json.dumps(rows[s:s + chunk], ensure_ascii=False).encode()
                   for s in range(0, len(rows), chunk)]
        chunks = ([tuple(x) for x in json.loads(c)] for c in spilled)
        manifest_sha = hashlib.sha256(pkg.manifest_bytes).hexdigest()
        searched = sum(1 for d in decisions if d.disposition is not Disposition.REJECTED)
        t, cpu, helper = time.perf_counter(), time.process_time(), _children_cpu()
        write_batch(home, actor, pkg, batch_id, manifest_sha, pkg.manifest, AS_OF, SIGNED,
               frozenset(), chunks, "20261125T000000Z-bench", searched, "", None)
        seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
        helper = _children_cpu() - helper
        t = time.perf_counter()
        home.checkpoint()
        report = ledger.verify(home.conn, home.origin, "dgate-ledger", home.public_key())
        verify_s = time.perf_counter() - t
        _spot_check(home, pkg, batch_id, rows)
        size = (home_dir / "case.sqlite").stat().st_size
    return {"seconds": seconds, "cpu": cpu, "helper_cpu": helper, "verify_ok": report.ok,
            "verify_s": verify_s, "db_mb": size / 1e6}


def _children_cpu() -> float:
    """CPU seconds of ended child processes (the write step's helper, once it has ended)."""
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def _actor(home: Home) -> Any:
    from dgate.model import Role

    return home.authorize("clerk", [Role.INTAKE], "write-path benchmark")


def _spot_check(home: Home, pkg: Package, batch_id: str, rows: list[tuple[Any, ...]]) -> None:
    """Every 997th record and decision opens to what was written, with its blind index."""
    for r in pkg.records[::997]:
        got = home.conn.execute("SELECT sealed, agent_index FROM records WHERE batch_id = ? "
                                "AND seq = ?", (batch_id, r.seq)).fetchone()
        fields, agent = sealed.open_record(home.vault, batch_id, r.seq, got[0])
        assert fields == dict(r.fields) and agent == r.get("case_agent_id").strip().upper()
        want = home.vault.index("case_agent", fold_agent(r.get("case_agent_id")))
        assert got[1] == want
    for row in rows[::997]:
        got = home.conn.execute("SELECT sealed FROM decisions WHERE batch_id = ? AND seq = ?",
                                (batch_id, row[1])).fetchone()
        details = sealed.open_decision(home.vault, batch_id, row[1], got[0])
        assert details["match_tin"] == row[6] and details["explanation"] == row[16]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--package", type=Path, help="take the records of this package")
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--chunk", type=int, default=CHUNK)
    ap.add_argument("--work", type=Path, help="folder for the home (default: a temporary one)")
    args = ap.parse_args()
    pkg = read_package(args.package, max_records=2_000_000, max_bytes=10**10) \
        if args.package else synthetic_package(args.records, args.seed)
    decisions = synthetic_decisions(pkg, args.seed)
    n = len(pkg.records)
    with tempfile.TemporaryDirectory(prefix="dgate-write-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for i in range(args.repeat):
            out = run_once(pkg, decisions, work, args.chunk)
            print(f"run {i + 1}: write {out['seconds']:.2f}s for {n:,} records = "
                  f"{out['seconds'] * 100_000 / n:.2f}s per 100k (CPU: this process "
                  f"{out['cpu']:.2f}s, helper {out['helper_cpu']:.2f}s); "
                  f"ledger verify "
                  f"{'ok' if out['verify_ok'] else 'FAILED'} ({out['verify_s']:.1f}s); "
                  f"case store {out['db_mb']:.0f} MB", flush=True)


if __name__ == "__main__":
    main()

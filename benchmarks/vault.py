"""What encryption at rest costs: master load and batch submit with a plain master versus an
encrypted one, and the cost of sealing the case-store rows of a batch.

    python benchmarks/vault.py                          # 200,000 taxpayers, 20,000 requests
    python benchmarks/vault.py --taxpayers 20000 --requests 2000

Both runs use the same code and the same synthetic folder; only the master store differs
(`MasterStore(keys=None)` writes a plain DuckDB file, the home's own store an encrypted
one). The case store is always sealed, so its cost is measured on its own: sealing and
opening as many rows as the submit writes (records, decisions, accounting). Figures only:
nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path


def _day(folder: Path) -> date:
    manifest = json.loads((folder / "pkg" / "batch.json").read_text(encoding="utf-8"))
    return date.fromisoformat(manifest["signed_at"]) + timedelta(days=3)


def run(folder: Path, work: Path, encrypted: bool) -> dict[str, float]:
    from dgate.evaluate import STAGE_USERS, register_synth
    from dgate.service import admin
    from dgate.service.home import Home, init_home
    from dgate.service.submit import submit
    from dgate.store.master import MasterStore

    home_dir = work / ("enc" if encrypted else "plain")
    init_home(home_dir)
    with Home(home_dir) as home:
        for user, role in STAGE_USERS:
            admin.user_add(home, "admin", user, role)
        register_synth(home, folder)
        if not encrypted:
            home.master = MasterStore(home_dir / "master", keys=None)
        t0 = time.perf_counter()
        admin.master_load(home, "admin", folder / "master")
        t1 = time.perf_counter()
        result = submit(home, "clerk", folder / "pkg", _day(folder))
        t2 = time.perf_counter()
        size = sum(p.stat().st_size for p in (home_dir / "master").glob("master-*.duckdb"))
    return {"load": t1 - t0, "submit": t2 - t1, "records": sum(result.counts.values()),
            "master_mb": size / 1e6}


def seal_cost(work: Path, rows: int) -> dict[str, float]:
    """Seal and open `rows` rows of each sealed table, shaped like a submit's."""
    from dgate.store import case
    from dgate.vault import fields
    from dgate.vault.keys import Vault

    conn = case.connect(work / "seal.sqlite")
    case.migrate(conn)
    v = Vault(conn, work / "seal-keys", environ={})
    rec = {"first_name": "Wenceslao", "last_name": "Quintanilla Barrientos",
           "date_of_birth": "1979-08-23", "street": "4817 Brightwater Crossing",
           "city": "Austin", "state": "TX", "zip": "78745", "reason": "x" * 160}
    dec = {"match_tin": "471829365", "street": "4817 BRIGHTWATER XING", "city": "AUSTIN",
           "explanation": json.dumps({"best": {"tin": "471829365", "bits": 21.5}})}
    with case.transaction(conn):
        t0 = time.perf_counter()
        blobs = [(fields.seal_record(v, "B", i, rec, "AGENT-7"),
                  fields.seal_decision(v, "B", i, dec),
                  fields.seal_accounting(v, "request", "B", i, {"reason": rec["reason"]}),
                  v.index("case_agent", "agent-7"))
                 for i in range(rows)]
        t1 = time.perf_counter()
    for i, (r, d, a, _ix) in enumerate(blobs):
        fields.open_record(v, "B", i, r)
        fields.open_decision(v, "B", i, d)
        fields.open_accounting(v, "request", "B", i, a)
    t2 = time.perf_counter()
    conn.close()
    return {"seal": t1 - t0, "open": t2 - t1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taxpayers", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--synth", type=Path, help="reuse a `dgate synth` folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dgate-vault-bench-") as tmp:
        work = Path(tmp)
        folder = args.synth or work / "synth"
        if args.synth is None:
            from dgate.synth import generate

            t = time.perf_counter()
            generate(folder, taxpayers=args.taxpayers, requests=args.requests, seed=args.seed,
                     as_of=date(2026, 11, 25))
            print(f"synth {args.taxpayers} taxpayers, {args.requests} requests: "
                  f"{time.perf_counter() - t:.1f} s")
        plain = run(folder, work, encrypted=False)
        enc = run(folder, work, encrypted=True)
        for stage in ("load", "submit"):
            p, e = plain[stage], enc[stage]
            print(f"{stage:7s} plain {p:7.2f} s   encrypted {e:7.2f} s   "
                  f"cost {e - p:+6.2f} s ({(e / p - 1) * 100:+.0f}%)")
        print(f"master file: plain {plain['master_mb']:.1f} MB, encrypted "
              f"{enc['master_mb']:.1f} MB")
        n = int(enc["records"])
        s = seal_cost(work, n)
        print(f"case store: sealing {n} records + decisions + accounting rows "
              f"{s['seal']:.2f} s, opening them {s['open']:.2f} s "
              f"({s['seal'] / (3 * n) * 1e6:.1f} us per sealed row)")


if __name__ == "__main__":
    main()

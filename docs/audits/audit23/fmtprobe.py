"""Audit 23 format-equivalence probe: python fmtprobe.py OUT [SEED]

The same batch-1 records as CSV, JSON Lines, Parquet, XLSX and a .zip of the CSV folder, and the
same master 1 as CSV and as Parquet (typed: dates as date32, tax_year as int). Each variant is
submitted on its own fresh home, with the same --as-of. request-format.md and master-format.md
say these are the same input, so every decision report must be identical to the CSV one.
Writes OUT/fmt/summary.json.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import zipfile

import pyarrow as pa
import pyarrow.parquet as pq
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

OUT = sys.argv[1]
SEED = int(sys.argv[2]) if len(sys.argv) > 2 else 23
F = os.path.join(OUT, "fmt")
DGATE = shlex.split(os.environ.get("DGATE", "python -m dgate"))
KEY = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(f"audit23-{SEED}".encode()).digest())


def dg(home: str, *args: str, user: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(DGATE + ["--home", home] + (["--as", user] if user else []) + list(args),
                          capture_output=True, text=True)


def package(name: str, recs: list[dict], records_file: str, writer) -> str:
    d = os.path.join(F, name)
    os.makedirs(d, exist_ok=True)
    writer(os.path.join(d, records_file), recs)
    data = open(os.path.join(d, records_file), "rb").read()
    man = {"batch_id": f"ICE-2026-FMT-{name.upper()}", "requesting_agency": "ICE",
           "signed_by": {"official_id": "ICE-DIR-01", "name": "Pat Example", "title": "Director"},
           "signed_at": gen.SIGNED_AT, "statutory_authority": [gen.STATUTE],
           "reason": "Each listed person is the subject of an open criminal investigation for failure to depart.",
           "certifications": {"subjects_under_criminal_investigation": True, "use_solely_for_proceeding": True,
                              "recipients_personally_and_directly_engaged": True, "publication_1075_safeguards": True},
           "records_file": records_file, "records_sha256": hashlib.sha256(data).hexdigest(), "record_count": len(recs)}
    mb = json.dumps(man, indent=2).encode()
    open(os.path.join(d, "batch.json"), "wb").write(mb)
    import base64
    open(os.path.join(d, "batch.json.sig"), "wb").write(base64.b64encode(KEY.sign(mb)))
    return d


def w_csv(p, recs):
    with open(p, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=gen.REC_COLS)
        w.writeheader()
        w.writerows({k: r.get(k, "") for k in gen.REC_COLS} for r in recs)


def w_jsonl(p, recs):
    with open(p, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps({k: r.get(k, "") for k in gen.REC_COLS}, ensure_ascii=False) + "\n")


def w_parquet(p, recs):
    pq.write_table(pa.table({k: [r.get(k, "") or None for r in recs] for k in gen.REC_COLS},
                            schema=pa.schema([(k, pa.string()) for k in gen.REC_COLS])), p)


def w_xlsx(p, recs):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(gen.REC_COLS)
    for r in recs:
        ws.append([r.get(k, "") for k in gen.REC_COLS])
    for row in ws.iter_rows():
        for c in row:
            c.number_format = "@"
    wb.save(p)


def master_parquet(src: str, dst: str) -> None:
    os.makedirs(dst, exist_ok=True)
    t = list(csv.DictReader(open(os.path.join(src, "taxpayers.csv"), encoding="utf-8")))
    a = list(csv.DictReader(open(os.path.join(src, "addresses.csv"), encoding="utf-8")))

    def day(s):
        return dt.date.fromisoformat(s) if s else None
    pq.write_table(pa.table({
        "tin": [x["tin"] for x in t], "tin_type": [x["tin_type"] for x in t],
        "first_name": [x["first_name"] for x in t], "middle_name": [x["middle_name"] or None for x in t],
        "last_name": [x["last_name"] for x in t], "name_suffix": [x["name_suffix"] or None for x in t],
        "date_of_birth": pa.array([day(x["date_of_birth"]) for x in t], pa.date32()),
        "date_of_death": pa.array([day(x["date_of_death"]) for x in t], pa.date32())}), os.path.join(dst, "taxpayers.parquet"))
    pq.write_table(pa.table({
        "tin": [x["tin"] for x in a], "street": [x["street"] for x in a], "unit": [x["unit"] or None for x in a],
        "city": [x["city"] for x in a], "state": [x["state"] for x in a], "zip": [x["zip"] for x in a],
        "source": [x["source"] for x in a], "tax_year": pa.array([int(x["tax_year"]) if x["tax_year"] else None for x in a], pa.int32()),
        "effective_date": pa.array([day(x["effective_date"]) for x in a], pa.date32())}), os.path.join(dst, "addresses.parquet"))


def run(variant: str, pkg: str, master: str) -> dict:
    home = f"/tmp/a23/homes/fmt-{variant}-{int(time.time())}"
    dg(home, "init")
    dg(home, "user", "add", "clerk", "--role", "intake")
    dg(home, "agency", "add", "ICE", "--name", "ICE", "--statute", "8 U.S.C. 1253(a)(1)")
    dg(home, "official", "add", "ICE", "ICE-DIR-01", "--name", "Pat Example", "--title", "Director", "--public-key",
       os.path.join(OUT, "keys/official.pub.pem"), "--valid-from", "2026-01-01")
    ld = dg(home, "master", "load", master)
    p = dg(home, "batch", "submit", pkg, "--as-of", gen.AS_OF, user="clerk")
    bid = p.stdout.strip().splitlines()[-1] if p.returncode == 0 else ""
    out = os.path.join(F, f"decisions_{variant}.csv")
    dg(home, "batch", "decisions", bid, "--out", out)
    rows = list(csv.DictReader(open(out))) if os.path.exists(out) else []
    return {"load_rc": ld.returncode, "load_err": ld.stderr.strip()[:200], "submit_rc": p.returncode,
            "submit_err": p.stderr.strip()[:200], "rows": rows}


def main() -> None:
    if os.path.exists(F):
        shutil.rmtree(F)
    os.makedirs(F)
    recs = list(csv.DictReader(open(os.path.join(OUT, "pkg1", "records.csv"), encoding="utf-8")))
    pk = {"csv": package("csv", recs, "records.csv", w_csv), "jsonl": package("jsonl", recs, "records.jsonl", w_jsonl),
          "parquet": package("parquet", recs, "records.parquet", w_parquet), "xlsx": package("xlsx", recs, "records.xlsx", w_xlsx)}
    z = os.path.join(F, "csvzip.zip")
    with zipfile.ZipFile(z, "w") as zf:
        for fn in os.listdir(pk["csv"]):
            zf.write(os.path.join(pk["csv"], fn), fn)
    pk["csvzip"] = z
    mp = os.path.join(F, "master1_parquet")
    master_parquet(os.path.join(OUT, "master1"), mp)
    res = {}
    base = run("csv", pk["csv"], os.path.join(OUT, "master1"))
    res["csv"] = {k: v for k, v in base.items() if k != "rows"} | {"records": len(base["rows"])}
    cols = ["disposition", "reason_codes", "match_tin", "street", "unit", "city", "state", "zip", "address_source", "address_effective_date"]
    for variant, pkg, master in [("jsonl", pk["jsonl"], os.path.join(OUT, "master1")),
                                 ("parquet", pk["parquet"], os.path.join(OUT, "master1")),
                                 ("xlsx", pk["xlsx"], os.path.join(OUT, "master1")),
                                 ("csvzip", pk["csvzip"], os.path.join(OUT, "master1")),
                                 ("csv_with_parquet_master", pk["csv"], mp)]:
        r = run(variant, pkg, master)
        a = {x["request_id"]: x for x in base["rows"]}
        diffs = []
        for x in r["rows"]:
            y = a.get(x["request_id"])
            if y is None or any(x[c] != y[c] for c in cols):
                diffs.append({"request_id": x["request_id"], "csv": {c: (y or {}).get(c) for c in cols[:3]},
                              variant: {c: x[c] for c in cols[:3]}})
        res[variant] = {k: v for k, v in r.items() if k != "rows"} | {"records": len(r["rows"]), "differences": len(diffs),
                                                                       "examples": diffs[:8]}
    json.dump(res, open(os.path.join(F, "summary.json"), "w"), indent=1)
    print(json.dumps(res, indent=1)[:5000])


if __name__ == "__main__":
    main()

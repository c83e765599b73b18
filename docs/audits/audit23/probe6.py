"""Audit 23 probe P6: python probe6.py OUT [SEED]

A batch is decided and approved under master 1. Then a master is loaded in which, for the same
taxpayers and with their addresses unchanged:
  (a) 3 taxpayers now carry a date_of_death;
  (b) 3 taxpayers now have a same-named housemate (a new TIN, no DOB) at their last known address;
  (c) 3 taxpayers are unchanged (control).
Release follows. (a) and (b) are disclosures the data no longer allows (M_DECEASED, M_AMBIGUOUS).
Writes OUT/probes/p6.json.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import time

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

OUT = sys.argv[1]
SEED = int(sys.argv[2]) if len(sys.argv) > 2 else 23
ONLY_B = len(sys.argv) > 3 and sys.argv[3] == "namesake"  # submit only cases (b) and (c)
P = os.path.join(OUT, "probes")
os.makedirs(P, exist_ok=True)
DGATE = shlex.split(os.environ.get("DGATE", "python -m dgate"))
HOME = f"/tmp/a23/homes/p6-{os.path.basename(OUT.rstrip('/'))}-{int(time.time())}"
KEY = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(f"audit23-{SEED}".encode()).digest())


def dg(*args: str, user: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(DGATE + ["--home", HOME] + (["--as", user] if user else []) + list(args),
                          capture_output=True, text=True)


def main() -> None:
    intent = {r["request_id"]: r["scenario"] for r in csv.DictReader(open(os.path.join(OUT, "intent1.csv")))}
    truth = {r["request_id"]: r for r in csv.DictReader(open(os.path.join(OUT, "truth1.csv")))}
    recs = [r for r in csv.DictReader(open(os.path.join(OUT, "pkg1", "records.csv")))
            if intent[r["request_id"]] == "plain" and truth[r["request_id"]]["expected"] == "DISCLOSE"][100:109]
    tins = [truth[r["request_id"]]["tin"] for r in recs]
    m3 = os.path.join(P, "master_p6")
    if os.path.exists(m3):
        shutil.rmtree(m3)
    shutil.copytree(os.path.join(OUT, "master1"), m3)
    t = list(csv.DictReader(open(os.path.join(m3, "taxpayers.csv"), encoding="utf-8")))
    a = list(csv.DictReader(open(os.path.join(m3, "addresses.csv"), encoding="utf-8")))
    by = {x["tin"]: x for x in t}
    for tin in tins[:3]:
        by[tin]["date_of_death"] = "2026-11-01"
    new = []
    for k, tin in enumerate(tins[3:6]):
        src = by[tin]
        nt = f"8{hashlib.sha256(tin.encode()).hexdigest()[:2].translate(str.maketrans('abcdef', '123456'))}{k + 10:02d}{k + 4000:04d}"
        new.append(dict(src, tin=nt, date_of_birth="", middle_name="", name_suffix=""))
        last = max((x for x in a if x["tin"] == tin), key=lambda x: x["effective_date"])
        a.append(dict(last, tin=nt, source="RETURN", tax_year="2023", effective_date="2024-04-15"))
    t += new
    for name, rows in (("taxpayers.csv", t), ("addresses.csv", a)):
        with open(os.path.join(m3, name), "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    dg("init")
    for u, role in [("clerk", "intake"), ("off1", "disclosure_officer"), ("off2", "disclosure_officer")]:
        dg("user", "add", u, "--role", role)
    dg("agency", "add", "ICE", "--name", "ICE", "--statute", "8 U.S.C. 1253(a)(1)")
    dg("official", "add", "ICE", "ICE-DIR-01", "--name", "Pat Example", "--title", "Director", "--public-key",
       os.path.join(OUT, "keys/official.pub.pem"), "--valid-from", "2026-01-01")
    dg("master", "load", os.path.join(OUT, "master1"))
    kinds = {recs[i]["request_id"]: ("deceased_now" if i < 3 else "namesake_now" if i < 6 else "control") for i in range(len(recs))}
    if ONLY_B:
        recs = recs[3:]
    bid0 = "ICE-2026-PROBE-P6B" if ONLY_B else "ICE-2026-PROBE-P6"
    d = os.path.join(P, bid0)
    gen.write_package(d, recs, bid0, gen.SIGNED_AT, KEY)
    s = dg("batch", "submit", d, "--as-of", gen.AS_OF, user="clerk")
    bid = s.stdout.strip().splitlines()[-1]
    dg("batch", "decisions", bid, "--out", os.path.join(P, f"{bid0}_dec.csv"))
    dec = list(csv.DictReader(open(os.path.join(P, f"{bid0}_dec.csv"))))
    dg("batch", "approve", bid, user="off1")
    dg("batch", "approve", bid, user="off2")
    ld = dg("master", "load", m3)
    r = dg("batch", "release", bid, "--out", os.path.join(P, f"{bid0}_response.csv"), user="off2")
    resp = list(csv.DictReader(open(os.path.join(P, f"{bid0}_response.csv")))) if r.returncode == 0 else []
    # what a fresh decision against the reloaded master says about the same records
    d2 = os.path.join(P, bid0 + "-AGAIN")
    gen.write_package(d2, recs, bid0 + "-AGAIN", gen.SIGNED_AT, KEY)
    s2 = dg("batch", "submit", d2, "--as-of", gen.AS_OF, user="clerk")
    bid2 = s2.stdout.strip().splitlines()[-1] if s2.returncode == 0 else ""
    dg("batch", "decisions", bid2, "--out", os.path.join(P, f"{bid0}_again_dec.csv"))
    again = list(csv.DictReader(open(os.path.join(P, f"{bid0}_again_dec.csv")))) if bid2 else []
    res = {"submit_dispositions": [x["disposition"] for x in dec], "reload_rc": ld.returncode,
           "reload_err": ld.stderr.strip()[:200], "release_rc": r.returncode, "release_stderr": r.stderr.strip()[:400],
           "fresh_decisions_after_reload": [{"request_id": x["request_id"], "disposition": x["disposition"], "codes": x["reason_codes"]} for x in again],
           "response": [{"request_id": x["request_id"], "case": ["deceased_now"] * 3 + ["namesake_now"] * 3 + ["control"] * 3
                         if False else None, "outcome": x["outcome"]} for x in resp]}
    for x in res["response"]:
        x["case"] = kinds[x["request_id"]]
    res["requests"] = [{"request_id": x["request_id"], "case": kinds[x["request_id"]], "first_name": x["first_name"],
                        "last_name": x["last_name"], "street": x["street"], "zip": x["zip"]} for x in recs]
    json.dump(res, open(os.path.join(P, "p6b.json" if ONLY_B else "p6.json"), "w"), indent=1)
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()

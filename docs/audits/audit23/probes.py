"""Audit 23 targeted probes on a fresh home (after gen.py): python probes.py OUT [SEED]

P1  a reviewer is offered a candidate whose DOB contradicts the request (dob_one_digit): can
    the reviewer disclose it? (decisions.md: a contradicting DOB is M_CONFLICT, NOT_DISCLOSED)
P2  agency suspended between approval and release: release must be refused (exit 4)
P3  the same package re-signed with a new batch id after release: a new batch, and the
    accounting shows both disclosures
P4  a request naming a person whose master row has an effective_date after --as-of
Writes OUT/probes/probes.json.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import shlex
import subprocess
import sys
import time

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

OUT = sys.argv[1]
SEED = int(sys.argv[2]) if len(sys.argv) > 2 else 23
P = os.path.join(OUT, "probes")
os.makedirs(P, exist_ok=True)
DGATE = shlex.split(os.environ.get("DGATE", "python -m dgate"))
HOME = f"/tmp/a23/homes/probes-{os.path.basename(OUT.rstrip('/'))}-{int(time.time())}"
KEY = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(f"audit23-{SEED}".encode()).digest())
RES: dict = {}


def dg(*args: str, user: str | None = None) -> subprocess.CompletedProcess:
    cmd = DGATE + ["--home", HOME] + (["--as", user] if user else []) + list(args)
    return subprocess.run(cmd, capture_output=True, text=True)


def setup() -> None:
    dg("init")
    for u, role in [("clerk", "intake"), ("rev1", "reviewer"), ("off1", "disclosure_officer"),
                    ("off2", "disclosure_officer"), ("aud1", "auditor")]:
        dg("user", "add", u, "--role", role)
    dg("agency", "add", "ICE", "--name", "ICE", "--statute", "8 U.S.C. 1253(a)(1)")
    dg("official", "add", "ICE", "ICE-DIR-01", "--name", "Pat Example", "--title", "Director", "--public-key",
       os.path.join(OUT, "keys/official.pub.pem"), "--valid-from", "2026-01-01")
    p = dg("master", "load", os.path.join(OUT, "master1"))
    assert p.returncode == 0, p.stderr


def records(scen_prefix: str, n: int) -> list[dict]:
    intent = {r["request_id"]: r["scenario"] for r in csv.DictReader(open(os.path.join(OUT, "intent1.csv")))}
    recs = [r for r in csv.DictReader(open(os.path.join(OUT, "pkg1", "records.csv"))) if intent[r["request_id"]].startswith(scen_prefix)]
    return recs[:n]


def submit(recs: list[dict], bid: str, as_of: str = gen.AS_OF) -> str:
    d = os.path.join(P, bid)
    gen.write_package(d, recs, bid, gen.SIGNED_AT, KEY)
    p = dg("batch", "submit", d, "--as-of", as_of, user="clerk")
    return p.stdout.strip().splitlines()[-1] if p.returncode == 0 else f"ERR {p.returncode} {p.stderr.strip()}"


def main() -> None:
    setup()
    # P1
    recs = records("adv_dob_one_digit_off", 5)
    b = submit(recs, "ICE-2026-PROBE-P1")
    lst = dg("review", "list", b, user="rev1").stdout.splitlines()[1:]
    out = []
    for ln in lst:
        k = ln.split()[0]
        q = dg("review", "decide", k, "--disclose", user="rev1")
        out.append({"key": k, "line": ln, "decide_disclose_rc": q.returncode, "stderr": q.stderr.strip()[:200]})
    dg("batch", "approve", b, user="off1")
    dg("batch", "approve", b, user="off2")
    r = dg("batch", "release", b, "--out", os.path.join(P, "p1_response.csv"), user="off2")
    disclosed = [x for x in csv.DictReader(open(os.path.join(P, "p1_response.csv")))] if r.returncode == 0 else []
    RES["P1_reviewer_can_disclose_dob_conflict"] = {"items": out, "release_rc": r.returncode,
                                                    "disclosed": sum(1 for x in disclosed if x["outcome"] == "DISCLOSED"),
                                                    "requests": [{k: x[k] for k in ("request_id", "first_name", "last_name", "date_of_birth", "street", "zip")} for x in recs]}
    # P2
    recs = records("plain", 5)
    b = submit(recs, "ICE-2026-PROBE-P2")
    dg("batch", "approve", b, user="off1")
    dg("batch", "approve", b, user="off2")
    s = dg("agency", "suspend", "ICE", "--reason", "court order (probe)")
    r = dg("batch", "release", b, "--out", os.path.join(P, "p2_response.csv"), user="off2")
    dg("agency", "resume", "ICE")
    r2 = dg("batch", "release", b, "--out", os.path.join(P, "p2_response_after_resume.csv"), user="off2")
    RES["P2_suspended_agency"] = {"suspend_rc": s.returncode, "release_while_suspended_rc": r.returncode,
                                  "stderr": r.stderr.strip()[:200], "wrote_file": os.path.exists(os.path.join(P, "p2_response.csv")),
                                  "release_after_resume_rc": r2.returncode}
    # P3: the same five people again in a new batch after release
    b3 = submit(recs, "ICE-2026-PROBE-P3")
    dec = list(csv.DictReader(open(os.path.join(P, "p3_dec.csv")))) if dg("batch", "decisions", b3, "--out", os.path.join(P, "p3_dec.csv"), user="off1").returncode == 0 else []
    dg("batch", "approve", b3, user="off1")
    dg("batch", "approve", b3, user="off2")
    r3 = dg("batch", "release", b3, "--out", os.path.join(P, "p3_response.csv"), user="off2")
    dg("accounting", "export", "--out", os.path.join(P, "p3_acc.csv"), user="aud1")
    acc = list(csv.DictReader(open(os.path.join(P, "p3_acc.csv"))))
    per = {}
    for a in acc:
        if a["kind"] == "disclosure":
            per.setdefault(a["request_id"], []).append(a["batch_id"])
    RES["P3_second_batch_same_people"] = {"batch": b3, "dispositions": [d["disposition"] + ":" + d["reason_codes"] for d in dec],
                                          "release_rc": r3.returncode, "release_stderr": r3.stderr.strip()[:300],
                                          "disclosure_rows_per_request": per}
    # P4: as-of before a future-dated row (already in batch 1 data) — processed as of the signing date
    recs = records("hist_future_effective_date", 5)
    b4 = submit(recs, "ICE-2026-PROBE-P4")
    dg("batch", "decisions", b4, "--out", os.path.join(P, "p4_dec.csv"), user="off1")
    dec = list(csv.DictReader(open(os.path.join(P, "p4_dec.csv"))))
    RES["P4_effective_date_after_as_of"] = [{k: d[k] for k in ("request_id", "disposition", "address_effective_date")} for d in dec]
    # P5: batch decided under master 1, approved, then master 2 (the person moved) loaded, then release
    import oracle
    m1, m2 = oracle.Master(os.path.join(OUT, "master1")), oracle.Master(os.path.join(OUT, "master2"))
    truth = {r["request_id"]: r for r in csv.DictReader(open(os.path.join(OUT, "truth1.csv")))}
    moved = [r for r in records("plain", 3000) if truth[r["request_id"]]["expected"] == "DISCLOSE"
             and m1.lka(truth[r["request_id"]]["tin"])["street"] != m2.lka(truth[r["request_id"]]["tin"])["street"]][20:25]
    b5 = submit(moved, "ICE-2026-PROBE-P5")
    dg("batch", "approve", b5, user="off1")
    dg("batch", "approve", b5, user="off2")
    ld = dg("master", "load", os.path.join(OUT, "master2"))
    r5 = dg("batch", "release", b5, "--out", os.path.join(P, "p5_response.csv"), user="off2")
    resp = list(csv.DictReader(open(os.path.join(P, "p5_response.csv")))) if r5.returncode == 0 else []
    RES["P5_master_reloaded_between_approval_and_release"] = {
        "load_rc": ld.returncode, "release_rc": r5.returncode, "release_stderr": r5.stderr.strip()[:300],
        "response": [{"request_id": x["request_id"], "outcome": x["outcome"], "street": x["street"],
                      "old_lka": m1.lka(truth[x["request_id"]]["tin"])["street"],
                      "new_lka": m2.lka(truth[x["request_id"]]["tin"])["street"]} for x in resp]}
    p = dg("ledger", "verify", user="aud1")
    RES["ledger_verify_rc"] = p.returncode
    RES["ledger_verify_stderr"] = p.stderr.strip()[:300]
    json.dump(RES, open(os.path.join(P, "probes.json"), "w"), indent=1)
    print(json.dumps(RES, indent=1)[:6000])


if __name__ == "__main__":
    main()

"""Audit 23: drive the whole cli.md flow over a gen.py folder, checking every exit code.

    python run.py OUT [--dgate "python -m dgate"]

Uses a fresh home under /tmp/a23/homes/. Writes OUT/run/: decisions, responses, accounting,
review actions, bad-input results and log.jsonl (every command, its exit code, stderr).
The review queue is decided by a perfect reviewer reading truth*.csv (disclose only when the
truth discloses that very TIN), so the release measures what dgate itself offered.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys
import time

OUT = sys.argv[1]
DGATE = shlex.split(os.environ.get("DGATE", "python -m dgate"))
RUN = os.path.join(OUT, "run")
os.makedirs(RUN, exist_ok=True)
HOME = f"/tmp/a23/homes/{os.path.basename(OUT.rstrip('/'))}-{int(time.time())}"
META = json.load(open(os.path.join(OUT, "meta.json")))
LOG = open(os.path.join(RUN, "log.jsonl"), "w")
FAIL: list[str] = []
REFUSED: list[str] = []
STUCK: list[str] = []


def dg(*args: str, user: str | None = None, expect: int | None = 0, label: str = "") -> subprocess.CompletedProcess:
    cmd = DGATE + ["--home", HOME] + (["--as", user] if user else []) + list(args)
    t0 = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True)
    rec = {"label": label, "cmd": " ".join(shlex.quote(c) for c in cmd[len(DGATE):]), "rc": p.returncode,
           "secs": round(time.time() - t0, 1), "stdout_tail": p.stdout[-400:], "stderr": p.stderr[-2000:]}
    LOG.write(json.dumps(rec) + "\n")
    LOG.flush()
    if expect is not None and p.returncode != expect:
        FAIL.append(f"{label or args[0]}: exit {p.returncode} (expected {expect}): {p.stderr.strip()[-300:]}")
        print("FAIL", FAIL[-1], file=sys.stderr)
    return p


def home_digest() -> dict[str, str]:
    out = {}
    for root, _, files in os.walk(HOME):
        for f in files:
            fp = os.path.join(root, f)
            try:
                out[os.path.relpath(fp, HOME)] = hashlib.sha256(open(fp, "rb").read()).hexdigest()[:16]
            except OSError:
                pass
    return out


def truth(n: int) -> dict[str, dict]:
    return {r["request_id"]: r for r in csv.DictReader(open(os.path.join(OUT, f"truth{n}.csv")))}


def review_round(batch: str, n: int) -> list[dict]:
    """Decide every pending item of the batch as a perfect reviewer would."""
    p = dg("review", "list", batch, user="rev1", label=f"review list {n}")
    lines = [ln for ln in p.stdout.splitlines() if ln.strip()]
    open(os.path.join(RUN, f"review_list{n}.txt"), "w").write(p.stdout)
    dec = {r["request_id"]: r for r in csv.DictReader(open(os.path.join(RUN, f"decisions{n}_submit.csv")))}
    order = list(dec)
    tr = truth(n)
    acts = []
    for ln in lines[1:]:
        key = ln.split()[0]
        seq = key.rsplit(":", 1)[-1]
        rid = ""
        # the key's tail is the record's position or its request id; accept either
        if seq in dec:
            rid = seq
        elif seq.isdigit() and 1 <= int(seq) <= len(order):
            rid = order[int(seq) - 1]
            if dec[rid]["disposition"] != "REVIEW" and 0 <= int(seq) < len(order) and dec[order[int(seq)]]["disposition"] == "REVIEW":
                rid = order[int(seq)]
        d = dec.get(rid, {})
        t = tr.get(rid, {})
        ok_tins = set()
        if t.get("expected") == "DISCLOSE":
            ok_tins.add(t["tin"])
        for a in (t.get("accept") or "").split("|"):
            if a.startswith("DISCLOSE:"):
                ok_tins.add(a.split(":", 1)[1])
        verdict = "--disclose" if d.get("match_tin") and d.get("match_tin") in ok_tins else "--no-disclose"
        p = dg("review", "decide", key, verdict, user="rev1", expect=None, label=f"review decide {n}")
        if p.returncode == 4 and verdict == "--disclose":
            REFUSED.append(f"{key}: {p.stderr.strip()}")
            verdict = "--disclose refused (exit 4); then --no-disclose"
            dg("review", "decide", key, "--no-disclose", user="rev1", label=f"review decide {n} fallback")
        elif p.returncode != 0:
            FAIL.append(f"review decide {key}: exit {p.returncode}: {p.stderr.strip()}")
        acts.append({"key": key, "request_id": rid, "candidate_tin": d.get("match_tin", ""), "verdict": verdict,
                     "truth": t.get("expected", "?"), "truth_tin": t.get("tin", "")})
    with open(os.path.join(RUN, f"review_actions{n}.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["key", "request_id", "candidate_tin", "verdict", "truth", "truth_tin"])
        w.writeheader()
        w.writerows(acts)
    return acts


def flow(n: int, master: str, pkg: str, as_of: str) -> str:
    dg("master", "load", os.path.join(OUT, master), label=f"master load {n}")
    p = dg("batch", "submit", os.path.join(OUT, pkg), "--as-of", as_of, user="clerk", label=f"submit {n}")
    batch = p.stdout.strip().splitlines()[-1].strip() if p.stdout.strip() else ""
    if batch != META[f"batch{n}"]:
        FAIL.append(f"submit {n}: last stdout line {batch!r} is not the manifest's batch id {META[f'batch{n}']!r}")
    p2 = dg("batch", "submit", os.path.join(OUT, pkg), "--as-of", as_of, user="clerk", label=f"resubmit {n}")
    if (p2.stdout.strip().splitlines() or [""])[-1].strip() != batch:
        FAIL.append(f"resubmit {n}: did not return the same batch id")
    dg("batch", "decisions", batch, "--out", os.path.join(RUN, f"decisions{n}_submit.csv"), user="off1", label=f"decisions {n}")
    # release before approvals must be refused by policy (4)
    dg("batch", "release", batch, "--out", os.path.join(RUN, f"early_release{n}.csv"), user="off2", expect=4,
       label=f"release before approvals {n}")
    review_round(batch, n)
    dg("batch", "approve", batch, user="off1", label=f"approve off1 {n}")
    dg("batch", "approve", batch, user="off1", expect=None, label=f"approve off1 again {n}")
    dg("batch", "release", batch, "--out", os.path.join(RUN, f"one_approval_release{n}.csv"), user="off2", expect=4,
       label=f"release with one approval {n}")
    dg("batch", "approve", batch, user="off2", label=f"approve off2 {n}")
    p = dg("batch", "release", batch, "--out", os.path.join(RUN, f"response{n}.csv"), user="off2", label=f"release {n}")
    if p.returncode == 4 and "decided again" in p.stderr:
        # dgate's own message says some requests must be decided again: try the documented ways
        keys = sorted(set(re.findall(re.escape(batch) + r":\d+", p.stderr)))
        STUCK.append(f"batch {batch}: release refused after two approvals: {p.stderr.strip()[:400]}")
        dg("batch", "unapprove", batch, "--reason", "release refused", user="off1", expect=None, label=f"recover unapprove off1 {n}")
        dg("batch", "unapprove", batch, "--reason", "release refused", user="off2", expect=None, label=f"recover unapprove off2 {n}")
        for k in keys:
            q = dg("review", "reopen", k, "--reason", "release asked for a new decision", user="rev1", expect=None,
                   label=f"recover reopen {n}")
            STUCK.append(f"  review reopen {k}: exit {q.returncode} {q.stderr.strip()[:160]}")
            if q.returncode == 0:
                dg("review", "decide", k, "--no-disclose", user="rev1", expect=None, label=f"recover decide {n}")
        dg("batch", "approve", batch, user="off1", expect=None, label=f"recover approve off1 {n}")
        dg("batch", "approve", batch, user="off2", expect=None, label=f"recover approve off2 {n}")
        p = dg("batch", "release", batch, "--out", os.path.join(RUN, f"response{n}.csv"), user="off2", expect=None,
               label=f"recover release {n}")
        STUCK.append(f"  release after recovery attempts: exit {p.returncode} {p.stderr.strip()[:200]}")
    dg("batch", "release", batch, "--out", os.path.join(RUN, f"response{n}_again.csv"), user="off2", label=f"release again {n}")
    a = open(os.path.join(RUN, f"response{n}.csv"), "rb").read() if os.path.exists(os.path.join(RUN, f"response{n}.csv")) else b"-"
    b = open(os.path.join(RUN, f"response{n}_again.csv"), "rb").read() if os.path.exists(os.path.join(RUN, f"response{n}_again.csv")) else b""
    if a != b:
        FAIL.append(f"release {n}: a repeated release wrote a different response file")
    dg("batch", "decisions", batch, "--out", os.path.join(RUN, f"decisions{n}.csv"), user="off1", label=f"decisions final {n}")
    return batch


def bad_inputs() -> None:
    bad = os.path.join(OUT, "bad")
    rows = []
    for name in sorted(os.listdir(bad)):
        path = os.path.join(bad, name)
        is_master = name.startswith("master_")
        before = home_digest()
        if is_master:
            p = dg("master", "load", path, expect=None, label=f"bad {name}")
        else:
            p = dg("batch", "submit", path, "--as-of", META["as_of2"], user="clerk", expect=None, label=f"bad {name}")
        after = home_digest()
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        err = p.stderr.strip().splitlines()
        rows.append({"input": name, "rc": p.returncode, "stderr_lines": len(err),
                     "traceback": int("Traceback" in p.stderr), "stderr": " / ".join(err)[:300],
                     "last_stdout": (p.stdout.strip().splitlines() or [""])[-1][:80],
                     "home_files_changed": ";".join(changed)[:400]})
        if not is_master and p.returncode == 0:
            bid = rows[-1]["last_stdout"]
            dg("batch", "decisions", bid, "--out", os.path.join(RUN, f"bad_{name}_decisions.csv"), user="off1",
               expect=None, label=f"bad decisions {name}")
    with open(os.path.join(RUN, "bad_inputs.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def main() -> None:
    os.makedirs(os.path.dirname(HOME), exist_ok=True)
    dg("init", label="init")
    for u, role in [("clerk", "intake"), ("rev1", "reviewer"), ("off1", "disclosure_officer"),
                    ("off2", "disclosure_officer"), ("aud1", "auditor")]:
        dg("user", "add", u, "--role", role, label=f"user add {u}")
    dg("agency", "add", "ICE", "--name", "Immigration and Customs Enforcement", "--statute", "8 U.S.C. 1253(a)(1)",
       label="agency add")
    dg("official", "add", "ICE", "ICE-DIR-01", "--name", "Pat Example", "--title", "Director", "--public-key",
       os.path.join(OUT, "keys/official.pub.pem"), "--valid-from", "2026-01-01", label="official add")
    # a role refused: the clerk cannot approve (4)
    b1 = flow(1, "master1", "pkg1", META["as_of1"])
    dg("batch", "approve", b1, user="clerk", expect=4, label="approve by intake role")
    # master 2, then malformed inputs against it, then batch 2
    dg("master", "load", os.path.join(OUT, "master2"), label="master load 2 (before bad inputs)")
    bad_inputs()
    dec1_after = os.path.join(RUN, "decisions1_after_bad.csv")
    dg("batch", "decisions", b1, "--out", dec1_after, user="off1", label="decisions 1 after bad inputs")
    b2 = flow(2, "master2", "pkg2", META["as_of2"])
    dg("accounting", "export", "--out", os.path.join(RUN, "accounting.csv"), "--from", "2026-01-01", "--to",
       "2026-12-31", user="aud1", label="accounting export")
    dg("accounting", "export", "--out", os.path.join(RUN, "accounting.json"), user="aud1", label="accounting export json")
    dg("ledger", "verify", user="aud1", label="ledger verify")
    json.dump({"home": HOME, "batch1": b1, "batch2": b2, "failures": FAIL, "reviewer_disclose_refused": REFUSED, "stuck": STUCK}, open(os.path.join(RUN, "run.json"), "w"), indent=1)
    print(json.dumps({"home": HOME, "batch1": b1, "batch2": b2, "failures": len(FAIL)}))
    for f in FAIL:
        print("FAIL:", f)


if __name__ == "__main__":
    main()

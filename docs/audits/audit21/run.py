"""run.py OUT -- drive the documented dgate CLI flow end to end on a gen.py folder (audit21)."""
import json
import os
from pathlib import Path
import subprocess
import sys
import time

OUT = os.path.abspath(sys.argv[1])
HOME = os.path.join(OUT, "home")
# the dgate of this checkout (DGATE_SRC to run another)
ENV = dict(os.environ, PYTHONPATH=os.environ.get(
    "DGATE_SRC", str(Path(__file__).resolve().parents[3] / "src")))
LOG = []


def dg(*args, user=None, expect=(0,), check=True):
    cmd = [sys.executable, "-m", "dgate", "--home", HOME] + (["--as", user] if user else []) + list(args)
    t = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True, env=ENV, cwd=OUT)
    LOG.append(dict(cmd=" ".join(args), user=user, rc=p.returncode, secs=round(time.time() - t, 1),
                    stderr=p.stderr[-2000:], stdout_tail=p.stdout[-600:]))
    print(f"[{p.returncode}] {time.time()-t:6.1f}s dgate {' '.join(args)} {'as ' + user if user else ''}", flush=True)
    if check and p.returncode not in expect:
        print(p.stdout[-2000:], p.stderr[-3000:])
        save()
        sys.exit(f"unexpected exit {p.returncode}")
    return p


def save():
    json.dump(LOG, open(os.path.join(OUT, "run_log.json"), "w"), indent=1)


dg("init")
for u, r in [("clerk", "intake"), ("rev1", "reviewer"), ("officer1", "disclosure_officer"),
             ("officer2", "disclosure_officer"), ("aud1", "auditor")]:
    dg("user", "add", u, "--role", r, user="admin")
dg("agency", "add", "ICE", "--name", "Immigration and Customs Enforcement", "--statute", "8 U.S.C. 1253(a)(1)", user="admin")
dg("official", "add", "ICE", "ICE-DIR-01", "--name", "Pat Example", "--title", "Director", "--public-key",
   os.path.join(OUT, "director.pub.pem"), "--valid-from", "2026-01-01", user="admin")
dg("master", "load", os.path.join(OUT, "master"), user="admin")
p = dg("batch", "submit", os.path.join(OUT, "package"), "--as-of", "2026-11-25", user="clerk")
bid = p.stdout.strip().splitlines()[-1].strip()
print("batch", bid)
dg("batch", "decisions", bid, "--out", os.path.join(OUT, "decisions.csv"), user="officer1")
p = dg("review", "list", bid, user="rev1")
keys = [ln.split()[0] for ln in p.stdout.strip().splitlines()[1:] if ln.strip()]
print("review items", len(keys))
for k in keys:
    dg("review", "decide", k, "--no-disclose", user="rev1")
dg("batch", "approve", bid, user="officer1")
dg("batch", "approve", bid, user="officer2")
dg("batch", "release", bid, "--out", os.path.join(OUT, "response.csv"), user="officer2")
dg("batch", "decisions", bid, "--out", os.path.join(OUT, "decisions_after.csv"), user="officer1")
dg("accounting", "export", "--out", os.path.join(OUT, "accounting.csv"), "--from", "2026-01-01", "--to", "2026-12-31",
   user="aud1")
dg("ledger", "verify", user="aud1")
# side packages (batch-level rules)
for name in sorted(d for d in os.listdir(OUT) if d.startswith("side_") and os.path.isdir(os.path.join(OUT, d))):
    p = dg("batch", "submit", os.path.join(OUT, name), "--as-of", "2026-11-25", user="clerk", check=False)
    if p.returncode == 0:
        sbid = p.stdout.strip().splitlines()[-1].strip()
        dg("batch", "decisions", sbid, "--out", os.path.join(OUT, name + "_decisions.csv"), user="officer1")
save()
print("done")

"""probe.py OUT KIND TAG FIELD=VALUE... -- resubmit the KIND requests of a seed with fields changed, as a new signed
batch in the same home, and print the dispositions (audit21 follow-up probe)."""
import base64, csv, hashlib, json, os, subprocess, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
OUT, KIND, TAG = sys.argv[1], sys.argv[2], sys.argv[3]
over = dict(a.split("=", 1) for a in sys.argv[4:])
rows = [r for r in csv.DictReader(open(os.path.join(OUT, "requests_debug.csv"), encoding="utf-8")) if r["kind"] == KIND]
cols = next(csv.reader(open(os.path.join(OUT, "package", "records.csv"), encoding="utf-8")))
d = os.path.join(OUT, "probe_" + TAG)
os.makedirs(d, exist_ok=True)
with open(os.path.join(d, "records.csv"), "w", newline="", encoding="utf-8") as fh:
    w = csv.DictWriter(fh, cols, extrasaction="ignore")
    w.writeheader()
    for i, r in enumerate(rows):
        r = dict(r, **over, request_id=f"P{TAG}-{i:03d}", case_agent_id="PROBE-" + TAG)
        w.writerow(r)
data = open(os.path.join(d, "records.csv"), "rb").read()
man = json.load(open(os.path.join(OUT, "package", "batch.json")))
man.update(batch_id="ICE-2026-P" + TAG, records_sha256=hashlib.sha256(data).hexdigest(), record_count=len(rows))
mb = json.dumps(man, indent=2).encode()
open(os.path.join(d, "batch.json"), "wb").write(mb)
key = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"audit21-director").digest())
open(os.path.join(d, "batch.json.sig"), "wb").write(base64.b64encode(key.sign(mb)))
env = dict(os.environ, PYTHONPATH="/work/wt-a21/src")
dg = [sys.executable, "-m", "dgate", "--home", os.path.join(OUT, "home")]
p = subprocess.run(dg + ["--as", "clerk", "batch", "submit", d, "--as-of", "2026-11-25"], capture_output=True, text=True, env=env)
print("submit rc", p.returncode, p.stderr[-300:])
bid = p.stdout.strip().splitlines()[-1]
p = subprocess.run(dg + ["--as", "officer1", "batch", "decisions", bid, "--out", os.path.join(d, "decisions.csv")], capture_output=True, text=True, env=env)
from collections import Counter
ds = list(csv.DictReader(open(os.path.join(d, "decisions.csv"))))
print(Counter((x["disposition"], x["reason_codes"]) for x in ds))
for x in ds:
    if x["disposition"] in ("DISCLOSE", "REVIEW"):
        print("  ", x["request_id"], x["disposition"], x["match_tin"], x["match_probability"], x["street"], x["zip"])

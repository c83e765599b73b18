"""python run.py OUTDIR : fresh dgate home, the README flow, writes OUTDIR/decisions.csv"""
import sys, os, json, hashlib, base64, subprocess, shutil, time
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization
OUT = os.path.abspath(sys.argv[1]); HOME = OUT + "/home"; PKG = OUT + "/pkg"
ENV = dict(os.environ, DGATE_HOME=HOME)  # the installed dgate (pip install -e .)
def dg(*a, user=None):
    cmd = [sys.executable, "-m", "dgate.cli", "--home", HOME] + (["--as", user] if user else []) + list(a)
    t = time.time(); r = subprocess.run(cmd, env=ENV, capture_output=True, text=True, cwd=OUT)
    print(f"[{time.time()-t:6.1f}s rc={r.returncode}] dgate {' '.join(a)[:90]}", file=sys.stderr)
    if r.returncode != 0: print(r.stdout[-2000:], r.stderr[-2000:], file=sys.stderr); sys.exit(1)
    return r.stdout
shutil.rmtree(HOME, ignore_errors=True); shutil.rmtree(PKG, ignore_errors=True); os.makedirs(PKG)
key = Ed25519PrivateKey.generate()
open(OUT + "/director.pub.pem", "wb").write(key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
shutil.copy(OUT + "/records.csv", PKG + "/records.csv")
rec = open(PKG + "/records.csv", "rb").read()
n = rec.count(b"\n") - 1  # no embedded newlines in our fields
man = {"batch_id": "ICE-2026-" + os.path.basename(OUT), "requesting_agency": "ICE",
       "signed_by": {"official_id": "ICE-DIR-01", "name": "Pat Example", "title": "Director"},
       "signed_at": "2026-11-20", "statutory_authority": ["8 U.S.C. 1253(a)(1)"],
       "reason": "Each listed person is the subject of an open criminal investigation under 8 U.S.C. 1253(a)(1) for willful failure to depart after a final order of removal.",
       "certifications": {"subjects_under_criminal_investigation": True, "use_solely_for_proceeding": True,
                          "recipients_personally_and_directly_engaged": True, "publication_1075_safeguards": True},
       "records_file": "records.csv", "records_sha256": hashlib.sha256(rec).hexdigest(), "record_count": n}
mb = json.dumps(man, indent=2).encode()
open(PKG + "/batch.json", "wb").write(mb)
open(PKG + "/batch.json.sig", "w").write(base64.b64encode(key.sign(mb)).decode())
dg("init")
for u, r in [("clerk", "intake"), ("rev1", "reviewer"), ("officer1", "disclosure_officer"), ("officer2", "disclosure_officer"), ("aud1", "auditor")]:
    dg("user", "add", u, "--role", r, user="admin")
dg("agency", "add", "ICE", "--name", "Immigration and Customs Enforcement", "--statute", "8 U.S.C. 1253(a)(1)", user="admin")
dg("official", "add", "ICE", "ICE-DIR-01", "--name", "Pat Example", "--title", "Director", "--public-key", OUT + "/director.pub.pem",
   "--valid-from", "2026-01-01", user="admin")
dg("master", "load", OUT + "/master", user="admin")
batch = dg("batch", "submit", PKG, "--as-of", "2026-11-25", user="clerk").strip().splitlines()[-1].strip()
dg("batch", "decisions", batch, "--out", OUT + "/decisions.csv", user="officer1")
open(OUT + "/batch_id", "w").write(batch + "\n")
print(batch)

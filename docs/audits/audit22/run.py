"""audit22 driver:  python run.py OUT   (OUT written by gen.py)

Drives the documented CLI end to end on a fresh home (OUT/home), checks every exit code,
then runs the batch-level / format / idempotence variants on a small slice of the records.
Writes OUT/run.log (every command, rc, stdout/stderr heads) and OUT/checks.json.
"""
import csv, glob, hashlib, io, json, os, shutil, subprocess, sys, zipfile
from pathlib import Path
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pkgtool

OUT = os.path.abspath(sys.argv[1])
HOME = os.path.join(OUT, "home")
# the dgate of this checkout (DGATE_SRC to run another)
SRC = os.environ.get("DGATE_SRC", str(Path(__file__).resolve().parents[3] / "src"))
AS_OF = "2026-11-25"
LOG = open(os.path.join(OUT, "run.log"), "w")
CHECKS = []  # (name, ok, detail)


def dg(args, user=None, expect=0, name=None):
    cmd = [sys.executable, "-m", "dgate", "--home", HOME] + (["--as", user] if user else []) + args
    p = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=SRC))
    LOG.write(f"$ dgate {' '.join(args)}  [as {user}] -> rc={p.returncode}\n")
    for s, tag in ((p.stdout, "out"), (p.stderr, "err")):
        for line in s.splitlines()[:6]:
            LOG.write(f"   {tag}| {line}\n")
    LOG.flush()
    if expect is not None:
        ok = p.returncode in expect if isinstance(expect, tuple) else p.returncode == expect
        CHECKS.append((name or " ".join(args[:2]), ok, f"rc={p.returncode} expected={expect} "
                       f"stderr={p.stderr.strip().splitlines()[-1][:200] if p.stderr.strip() else ''}"))
    return p


def check(name, ok, detail=""):
    CHECKS.append((name, bool(ok), detail))


shutil.rmtree(HOME, ignore_errors=True)
K = os.path.join(OUT, "keys")
dg(["init"])
for u, r in (("clerk", "intake"), ("rev1", "reviewer"), ("off1", "disclosure_officer"),
             ("off2", "disclosure_officer"), ("aud1", "auditor")):
    dg(["user", "add", u, "--role", r], "admin")
dg(["agency", "add", "ICE", "--name", "Immigration and Customs Enforcement", "--statute", "8 U.S.C. 1253(a)(1)"], "admin")
dg(["agency", "add", "CBP", "--name", "Customs and Border Protection", "--statute", "8 U.S.C. 1253(a)(1)"], "admin")
dg(["agency", "add", "HSI", "--name", "Homeland Security Investigations", "--statute", "8 U.S.C. 1253(a)(1)"], "admin")
dg(["official", "add", "ICE", "ICE-DIR-01", "--name", "Pat Example", "--title", "Director",
    "--public-key", f"{K}/ice_dir.pub.pem", "--valid-from", "2026-01-01"], "admin")
dg(["official", "add", "ICE", "ICE-DEP-02", "--name", "Old Deputy", "--title", "Deputy Director",
    "--public-key", f"{K}/ice_dep.pub.pem", "--valid-from", "2025-01-01", "--valid-to", "2026-06-30"], "admin")
dg(["official", "add", "CBP", "CBP-DIR-01", "--name", "Cee Bee", "--title", "Commissioner",
    "--public-key", f"{K}/cbp_dir.pub.pem", "--valid-from", "2026-01-01"], "admin")
dg(["official", "add", "HSI", "HSI-DIR-01", "--name", "H S", "--title", "Director",
    "--public-key", f"{K}/ice_dir.pub.pem", "--valid-from", "2026-01-01"], "admin")
dg(["master", "load", os.path.join(OUT, "master")], "admin")

# ------------------------------------------------------------------ main batch
p = dg(["batch", "submit", os.path.join(OUT, "pkg"), "--as-of", AS_OF], "clerk", name="main submit")
BID = p.stdout.strip().splitlines()[-1]
json.dump({"batch_id": BID}, open(os.path.join(OUT, "batch.json"), "w"))
p2 = dg(["batch", "submit", os.path.join(OUT, "pkg"), "--as-of", AS_OF], "clerk", name="main submit again (idempotent)")
check("resubmit returns same batch id", p2.stdout.strip().splitlines()[-1:] == [BID], p2.stdout.strip()[-80:])
dg(["batch", "decisions", BID, "--out", os.path.join(OUT, "decisions.csv")], "off1")
d1 = open(os.path.join(OUT, "decisions.csv"), "rb").read()
rl = dg(["review", "list", BID], "rev1")
open(os.path.join(OUT, "review_list.txt"), "w").write(rl.stdout)
rl_all = dg(["review", "list"], "rev1", name="review list (all)")
check("review list (all) includes the batch's items", set(rl.stdout.split()[::1]) <= set(rl_all.stdout.split()), "")
# perfect reviewer per the oracle: disclose iff the oracle's DUE tin is the reviewed tin
truth = {t["request_id"]: t for t in csv.DictReader(open(os.path.join(OUT, "truth.csv")))}
dec = {r["request_id"]: r for r in csv.DictReader(open(os.path.join(OUT, "decisions.csv")))}
lines = [l.split() for l in rl.stdout.strip().splitlines()[1:] if l.strip()]
header = rl.stdout.strip().splitlines()[0] if rl.stdout.strip() else ""
rev_decisions = []
# policy checks before the review is done
dg(["batch", "approve", BID], "rev1", expect=4, name="approve as reviewer refused")
dg(["batch", "approve", BID], "clerk", expect=4, name="approve as intake refused")
dg(["review", "decide", lines[0][0], "--disclose"], "off1", expect=4, name="review decide as officer refused") if lines else None
for l in lines:
    key = l[0]
    rid = next((x for x in l if x in dec), None)
    t = truth.get(rid, {})
    d = dec.get(rid, {})
    disclose = t.get("truth") == "DUE" and t.get("expected_tin") == d.get("match_tin")
    rev_decisions.append((key, rid, disclose))
    dg(["review", "decide", key, "--disclose" if disclose else "--no-disclose"], "rev1", name="review decide")
json.dump(rev_decisions, open(os.path.join(OUT, "review_decisions.json"), "w"))
dg(["batch", "decisions", BID, "--out", os.path.join(OUT, "decisions_after_review.csv")], "off1")
dg(["batch", "release", BID, "--out", os.path.join(OUT, "response_early.csv")], "off2", expect=4,
   name="release with no approval refused")
dg(["batch", "approve", BID], "off1", name="approve off1")
dg(["batch", "approve", BID], "off1", expect=(0, 4), name="approve off1 twice (no second approval)")
dg(["batch", "release", BID, "--out", os.path.join(OUT, "response_early.csv")], "off2", expect=4,
   name="release with one approval refused")
check("no response file written on refused release", not os.path.exists(os.path.join(OUT, "response_early.csv")))
dg(["batch", "approve", BID], "off2", name="approve off2")
dg(["batch", "release", BID, "--out", os.path.join(OUT, "response.csv")], "clerk", expect=4, name="release as intake refused")
dg(["batch", "release", BID, "--out", os.path.join(OUT, "response.csv")], "off2", name="release")
dg(["accounting", "export", "--out", os.path.join(OUT, "accounting1.csv")], "aud1", name="accounting export")
dg(["batch", "release", BID, "--out", os.path.join(OUT, "response2.csv")], "off2", name="release again")
check("repeated release writes the same response file",
      open(os.path.join(OUT, "response.csv"), "rb").read() == open(os.path.join(OUT, "response2.csv"), "rb").read())
dg(["accounting", "export", "--out", os.path.join(OUT, "accounting2.csv")], "aud1", name="accounting export 2")
a1 = open(os.path.join(OUT, "accounting1.csv"), "rb").read()
a2 = open(os.path.join(OUT, "accounting2.csv"), "rb").read()
check("repeated release records no second disclosure (accounting unchanged)", a1 == a2,
      "%d vs %d lines" % (a1.count(b"\n"), a2.count(b"\n")))
dg(["accounting", "export", "--out", os.path.join(OUT, "accounting_range.csv"), "--from", "2026-01-01", "--to", "2026-12-31"],
   "aud1", name="accounting export range")
p3 = dg(["batch", "submit", os.path.join(OUT, "pkg"), "--as-of", AS_OF], "clerk", name="resubmit after release")
check("resubmit after release returns same id", p3.stdout.strip().splitlines()[-1:] == [BID])
dg(["ledger", "verify"], "aud1", name="ledger verify")

# ------------------------------------------------------------------ variants
VAR = os.path.join(OUT, "var")
shutil.rmtree(VAR, ignore_errors=True)
os.makedirs(VAR)
rows = list(csv.DictReader(open(os.path.join(OUT, "pkg", "records.csv"), encoding="utf-8")))
good = [r for r in rows if truth[r["request_id"]]["truth"] == "DUE"][:6]
COLS = list(rows[0].keys())
RESULTS = {}


def write_csv(path, rs, cols=COLS, enc="utf-8", bom=False, lower=False):
    s = io.StringIO()
    w = csv.writer(s)
    w.writerow([c.upper() if lower else c for c in cols])
    for r in rs:
        w.writerow([r.get(c, "") for c in cols])
    data = s.getvalue()
    with open(path, "wb") as f:
        if bom:
            f.write(b"\xef\xbb\xbf")
        f.write(data.encode(enc))


def variant(name, rs=None, fmt="csv", man_over=None, key="ice_dir", raw_records=None, sig="ok", agency="ICE",
            official="ICE-DIR-01", records_name=None, manifest_raw=None, zipit=False, expect_rc=0,
            expect_codes=None, as_of=AS_OF, bid=None, mutate_manifest=None):
    """build, sign, submit one variant package; record rc, the batch's dispositions and codes"""
    d = os.path.join(VAR, name)
    os.makedirs(d)
    rs = rs if rs is not None else [dict(r, request_id=f"{name[:10]}-{i}") for i, r in enumerate(good)]
    rf = records_name or {"csv": "records.csv", "jsonl": "records.jsonl", "xlsx": "records.xlsx",
                          "parquet": "records.parquet"}[fmt]
    rp = os.path.join(d, rf)
    if raw_records is not None:
        open(rp, "wb").write(raw_records)
    elif fmt == "csv":
        write_csv(rp, rs)
    elif fmt == "jsonl":
        with open(rp, "w", encoding="utf-8") as f:
            for r in rs:
                f.write(json.dumps({k: v for k, v in r.items() if v != ""}, ensure_ascii=False) + "\n")
    elif fmt == "xlsx":
        import openpyxl
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(COLS)
        for r in rs:
            ws.append([r[c] if r[c] != "" else None for c in COLS])
        wb.save(rp)
    elif fmt == "parquet":
        import pyarrow as pa, pyarrow.parquet as pq
        pq.write_table(pa.table({c: [r[c] or None for r in rs] for c in COLS}), rp)
    man = pkgtool.make_manifest(bid or f"V-{name}", rf, rp, len(rs), agency=agency, official=official)
    if man_over:
        for k, v in man_over.items():
            if v is KeyError:
                man.pop(k, None)
            else:
                man[k] = v
    if mutate_manifest:
        mutate_manifest(man)
    data = manifest_raw if manifest_raw is not None else json.dumps(man, indent=2).encode()
    open(os.path.join(d, "batch.json"), "wb").write(data)
    if sig == "ok":
        open(os.path.join(d, "batch.json.sig"), "w").write(pkgtool.sign_bytes(data, f"{K}/{key}.pem"))
    elif sig == "bad":
        open(os.path.join(d, "batch.json.sig"), "w").write(pkgtool.sign_bytes(data + b" ", f"{K}/{key}.pem"))
    elif sig == "garbage":
        open(os.path.join(d, "batch.json.sig"), "w").write("not base64 at all!!")
    target = d
    if zipit:
        target = d + ".zip"
        with zipfile.ZipFile(target, "w") as z:
            for fn in os.listdir(d):
                z.write(os.path.join(d, fn), fn)
    acc_before = dg(["accounting", "export", "--out", os.path.join(VAR, name + ".acc_before.csv")], "aud1", expect=None)
    p = dg(["batch", "submit", target, "--as-of", as_of], "clerk", expect=None)
    res = dict(rc=p.returncode, stderr=p.stderr.strip(), stdout_last=(p.stdout.strip().splitlines() or [""])[-1])
    if p.returncode == 0:
        b = res["stdout_last"]
        q = dg(["batch", "decisions", b, "--out", os.path.join(VAR, name + ".decisions.csv")], "off1", expect=None)
        if q.returncode == 0:
            ds = list(csv.DictReader(open(os.path.join(VAR, name + ".decisions.csv"))))
            res["dispositions"] = [(x["request_id"], x["disposition"], x["reason_codes"]) for x in ds]
    dg(["accounting", "export", "--out", os.path.join(VAR, name + ".acc_after.csv")], "aud1", expect=None)
    res["accounting_grew"] = os.path.getsize(os.path.join(VAR, name + ".acc_after.csv")) > \
        os.path.getsize(os.path.join(VAR, name + ".acc_before.csv"))
    res["expect_rc"] = expect_rc
    res["expect_codes"] = expect_codes
    ok = res["rc"] in expect_rc if isinstance(expect_rc, tuple) else res["rc"] == expect_rc
    if expect_rc == 0 and expect_codes is not None:
        disp = res.get("dispositions") or []
        if expect_codes == "NONE_BATCH":  # batch passes: no B_ code anywhere
            ok = ok and disp and all(not any(c.startswith("B_") for c in x[2].split(";")) for x in disp)
        else:
            ok = ok and disp and all(x[1] == "REJECTED" and set(expect_codes) <= set(x[2].split(";")) for x in disp)
            res["exact_codes"] = all(set(x[2].split(";")) == set(expect_codes) for x in disp) if disp else False
    if expect_rc == 3:
        res["stderr_one_line"] = len(res["stderr"].splitlines()) == 1
        ok = ok and res["accounting_grew"]
    res["ok"] = bool(ok)
    RESULTS[name] = res
    return res


B = ["B_AGENCY", "B_AUTHORITY", "B_CERTIFICATION", "B_REASON", "B_RECORDS_HASH", "B_SIGNATURE", "B_SIGNED_AT", "B_SIGNER"]
variant("control_csv", expect_codes="NONE_BATCH")
variant("fmt_jsonl", fmt="jsonl", expect_codes="NONE_BATCH")
variant("fmt_xlsx", fmt="xlsx", expect_codes="NONE_BATCH")
variant("fmt_parquet", fmt="parquet", expect_codes="NONE_BATCH")
variant("fmt_zip", zipit=True, expect_codes="NONE_BATCH")
variant("csv_bom", raw_records=None, expect_codes="NONE_BATCH") if False else None
d_bom = os.path.join(VAR, "_tmp_bom.csv"); write_csv(d_bom, [dict(r, request_id=f"bom-{i}") for i, r in enumerate(good)], bom=True)
variant("csv_utf8_bom", raw_records=open(d_bom, "rb").read(), expect_codes="NONE_BATCH")
d_up = os.path.join(VAR, "_tmp_up.csv"); write_csv(d_up, [dict(r, request_id=f"up-{i}") for i, r in enumerate(good)], lower=True)
variant("csv_upper_headers", raw_records=open(d_up, "rb").read(), expect_codes="NONE_BATCH")
d_ex = os.path.join(VAR, "_tmp_ex.csv")
write_csv(d_ex, [dict(r, request_id=f"ex-{i}", extra_col="x", notes="y") for i, r in enumerate(good)], cols=COLS + ["extra_col", "notes"])
variant("csv_extra_columns", raw_records=open(d_ex, "rb").read(), expect_codes="NONE_BATCH")
d_crlf = os.path.join(VAR, "_tmp_crlf.csv"); write_csv(d_crlf, [dict(r, request_id=f"crlf-{i}") for i, r in enumerate(good)])
variant("csv_crlf_quoted", raw_records=open(d_crlf, "rb").read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"),
        expect_codes="NONE_BATCH")
# latin-1 with an accent -> not UTF-8 -> exit 3
latin = [dict(r, request_id=f"lat-{i}", last_name="MUÑOZ PEÑA") for i, r in enumerate(good)]
s = io.StringIO(); w = csv.writer(s); w.writerow(COLS); [w.writerow([r[c] for c in COLS]) for r in latin]
variant("csv_latin1", raw_records=s.getvalue().encode("latin-1"), expect_rc=3)
variant("csv_utf16", raw_records=s.getvalue().encode("utf-16"), expect_rc=3)
# broken quoting
s2 = io.StringIO(); w = csv.writer(s2); w.writerow(COLS)
for i, r in enumerate(good):
    w.writerow([r[c] for c in COLS])
bad = s2.getvalue().replace(good[2]["reason"], '"unterminated ' + good[2]["reason"], 1)
variant("csv_bad_quote", raw_records=bad.encode(), expect_rc=3)
# missing required column (first_name) / (reason)
variant("csv_missing_first_name_col", raw_records=None, rs=[dict(r, request_id=f"mf-{i}") for i, r in enumerate(good)],
        expect_rc=3, records_name="records.csv") if False else None
for col in ("first_name", "request_id", "reason", "case_agent_id", "taxable_periods"):
    cols = [c for c in COLS if c != col]
    tp = os.path.join(VAR, f"_tmp_no_{col}.csv")
    write_csv(tp, [dict(r, request_id=f"no{col[:4]}-{i}") for i, r in enumerate(good)], cols=cols)
    variant(f"csv_missing_col_{col}", raw_records=open(tp, "rb").read(), expect_rc=3)
# wider row than header
wide = s2.getvalue().splitlines()
wide[2] = wide[2] + ",EXTRA"
variant("csv_row_wider_than_header", raw_records=("\n".join(wide) + "\n").encode(), expect_rc=3)
variant("empty_records_file", raw_records=b"", expect_rc=3)
variant("header_only", raw_records=(",".join(COLS) + "\n").encode(), rs=[], expect_rc=(0))
variant("no_manifest", manifest_raw=b"", expect_rc=3, sig="none")
variant("manifest_not_json", manifest_raw=b"{not json", expect_rc=3)
variant("records_file_absent", man_over={"records_file": "nothere.csv"}, expect_rc=3)
variant("manifest_missing_key_reason", man_over={"reason": KeyError}, expect_rc=0, expect_codes=["B_REASON"])
# batch-level rule variants (readable packages)
variant("b_sig_missing", sig="none", expect_codes=["B_SIGNATURE"])
variant("b_sig_bad", sig="bad", expect_codes=["B_SIGNATURE"])
variant("b_sig_garbage", sig="garbage", expect_codes=["B_SIGNATURE"])
variant("b_sig_wrong_key", key="rogue", expect_codes=["B_SIGNATURE"])
variant("b_signer_unregistered", official="ICE-NOBODY-9", key="rogue", expect_codes=["B_SIGNER"])
variant("b_signer_expired", official="ICE-DEP-02", key="ice_dep", expect_codes=["B_SIGNER"])
variant("b_signer_other_agency", official="CBP-DIR-01", key="cbp_dir", expect_codes=["B_SIGNER"])
variant("b_agency_unknown", agency="XYZ", expect_codes=["B_AGENCY"])
variant("b_records_hash", man_over={"records_sha256": "0" * 64}, expect_codes=["B_RECORDS_HASH"])
variant("b_record_count", man_over={"record_count": 7}, expect_codes=["B_RECORDS_HASH"])
variant("b_authority_empty", man_over={"statutory_authority": []}, expect_codes=["B_AUTHORITY"])
variant("b_authority_other", man_over={"statutory_authority": ["18 U.S.C. 1001"]}, expect_codes=["B_AUTHORITY"])
variant("b_authority_usc_nodots", man_over={"statutory_authority": ["8 USC 1253(a)(1)"]}, expect_codes="NONE_BATCH")
variant("b_authority_section_sign", man_over={"statutory_authority": ["8 U.S.C. § 1253(a)(1)"]}, expect_codes="NONE_BATCH")
variant("b_authority_mixed", man_over={"statutory_authority": ["18 U.S.C. 1001", "8 U.S.C. §1253(a)(1)"]}, expect_codes="NONE_BATCH")
variant("b_reason_empty", man_over={"reason": ""}, expect_codes=["B_REASON"])
variant("b_reason_placeholder", man_over={"reason": "N/A"}, expect_codes=["B_REASON"])
variant("b_reason_tbd", man_over={"reason": "TBD"}, expect_codes=["B_REASON"])
variant("b_cert_false", mutate_manifest=lambda m: m["certifications"].update(subjects_under_criminal_investigation=False),
        expect_codes=["B_CERTIFICATION"])
variant("b_cert_missing", mutate_manifest=lambda m: m["certifications"].pop("publication_1075_safeguards"),
        expect_codes=["B_CERTIFICATION"])
variant("b_cert_string_true", mutate_manifest=lambda m: m["certifications"].update(use_solely_for_proceeding="true"),
        expect_codes=["B_CERTIFICATION"])
variant("b_signed_at_future", man_over={"signed_at": "2026-11-26"}, expect_codes=["B_SIGNED_AT"])
variant("b_signed_at_91_days", man_over={"signed_at": "2026-08-26"}, expect_codes=["B_SIGNED_AT"])
variant("b_signed_at_90_days_ok", man_over={"signed_at": "2026-08-27"}, expect_codes="NONE_BATCH")
variant("b_signed_at_missing", man_over={"signed_at": KeyError}, expect_codes=["B_SIGNED_AT"])
variant("b_signed_at_garbage", man_over={"signed_at": "20/11/2026"}, expect_codes=["B_SIGNED_AT"])
variant("b_multi_reason_cert_hash", man_over={"reason": "", "records_sha256": "1" * 64},
        mutate_manifest=lambda m: m["certifications"].update(recipients_personally_and_directly_engaged=False),
        expect_codes=["B_CERTIFICATION", "B_REASON", "B_RECORDS_HASH"])
# suspended agency
dg(["agency", "suspend", "CBP", "--reason", "court order (audit22)"], "admin", name="agency suspend")
variant("b_agency_suspended", agency="CBP", official="CBP-DIR-01", key="cbp_dir", expect_codes=["B_AGENCY"])
dg(["agency", "resume", "CBP"], "admin", name="agency resume")
variant("b_agency_resumed_ok", agency="CBP", official="CBP-DIR-01", key="cbp_dir", expect_codes="NONE_BATCH")
# same batch_id, different manifest bytes
variant("same_batch_id_other_bytes", bid=BID, expect_rc=(0, 1, 2, 3, 4))
# caseload: one agent on 101 records of one batch
many = []
base = good[0]
import random as _r
rr = _r.Random(5)
for i in range(101):
    many.append(dict(base, request_id=f"cl-{i}", first_name=rr.choice(["ANA", "LUZ", "EVA", "SARA", "NORA"]) + "X" * (i % 7),
                     last_name=f"PRUEBA{chr(65 + i % 26)}{chr(65 + i // 26)}", case_agent_id="SA-CASELOAD"))
variant("r_caseload_101", rs=many, expect_codes=["R_CASELOAD"])
# an agent at 100 in an earlier batch of the agency + 1 here -> caseload counting earlier batches
variant("r_caseload_prev_plus_one", rs=[dict(good[1], request_id="clp-0", case_agent_id="SA-CASELOAD")],
        expect_codes=["R_CASELOAD"])
# suspension after approval: release must be refused
json.dump(RESULTS, open(os.path.join(OUT, "variants.json"), "w"), indent=1)
dg(["ledger", "verify"], "aud1", name="ledger verify after variants")
json.dump(CHECKS, open(os.path.join(OUT, "checks.json"), "w"), indent=1)
bad = [c for c in CHECKS if not c[1]]
print(f"batch {BID}; {len(CHECKS)} checks, {len(bad)} failed")
for c in bad:
    print("  FAIL", c)
for n, r in RESULTS.items():
    if not r["ok"]:
        print("  VARIANT", n, {k: v for k, v in r.items() if k != "dispositions"},
              (r.get("dispositions") or [])[:2])

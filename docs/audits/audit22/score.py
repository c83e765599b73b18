"""audit22 scorer:  python score.py OUT   -> OUT/score.txt, OUT/score.json"""
import csv, json, os, sys
from collections import Counter, defaultdict
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib

OUT = sys.argv[1]
P = lambda *a: os.path.join(OUT, *a)
truth = list(csv.DictReader(open(P("truth.csv"))))
T = {t["request_id"]: t for t in truth}  # (repeated request_ids: last wins; handled by order below)
recs = list(csv.DictReader(open(P("pkg", "records.csv"), encoding="utf-8")))
dec_rows = list(csv.DictReader(open(P("decisions.csv"))))
after = list(csv.DictReader(open(P("decisions_after_review.csv"))))
resp_raw = open(P("response.csv"), newline="").read()
resp = list(csv.DictReader(open(P("response.csv"), newline="")))
revd = {rid: dis for key, rid, dis in json.load(open(P("review_decisions.json")))}
if os.path.exists(P("master", "taxpayers.csv")):
    M = lib.Master(lib.read_csv(P("master", "taxpayers.csv")), lib.read_csv(P("master", "addresses.csv")))
else:
    import pyarrow.parquet as pq
    def rows(p):
        t = pq.read_table(p).to_pylist()
        return [{k: ("" if v is None else str(v)) for k, v in r.items()} for r in t]
    M = lib.Master(rows(P("master", "taxpayers.parquet")), rows(P("master", "addresses.parquet")))

out = []
W = out.append
viol = []  # contract violations (format etc.)


def show_master(tin):
    t = M.tp.get(tin)
    if not t:
        return f"      (tin {tin} not in master)"
    s = f"      M {tin} {t['tin_type']} | {t['first_name']} | {t['middle_name']} | {t['last_name']} | {t['name_suffix']} | dob {t['date_of_birth']} dod {t['date_of_death']}"
    for a in M.addr[tin]:
        s += f"\n         addr {a['street']} | {a['unit']} | {a['city']} {a['state']} {a['zip']} | {a['source']} {a['effective_date']}"
    return s


def show_req(r):
    return (f"    REQ {r['request_id']}: {r['first_name']} | {r['middle_name']} | {r['last_name']} | {r['name_suffix']} | "
            f"dob {r['date_of_birth']} | tin {r['tin']} | a# {r['a_number']} | {r['street']} | {r['unit']} | "
            f"{r['city']} {r['state']} {r['zip']} | {r['address']}")


# ---------------------------------------------------------------- decision report format
HDR = "request_id,disposition,reason_codes,match_tin,match_probability,candidate_count,street,unit,city,state,zip,address_source,address_effective_date"
h = open(P("decisions.csv")).readline().strip()
if h != HDR:
    viol.append(f"decision report header differs: {h}")
if [d["request_id"] for d in dec_rows] != [r["request_id"] for r in recs]:
    viol.append("decision report rows not in batch order / count differs")
for d in dec_rows:
    codes = d["reason_codes"].split(";") if d["reason_codes"] else []
    if codes != sorted(codes):
        viol.append(f"{d['request_id']}: reason codes not sorted {d['reason_codes']}")
    filled = any(d[k] for k in ("match_tin", "street", "city", "state", "zip"))
    if d["disposition"] in ("DISCLOSE", "REVIEW") and not (d["match_tin"] and d["street"]):
        viol.append(f"{d['request_id']}: {d['disposition']} without match_tin/address")
    if d["disposition"] not in ("DISCLOSE", "REVIEW") and filled:
        viol.append(f"{d['request_id']}: {d['disposition']} with match_tin/address filled")
    if d["disposition"] == "REJECTED" and d["match_probability"] not in ("",):
        viol.append(f"{d['request_id']}: REJECTED with match_probability {d['match_probability']}")

# ---------------------------------------------------------------- per record
pairs = list(zip(recs, truth, dec_rows))
cnt_truth = Counter(t["truth"] for t in truth)
cnt_disp = Counter(d["disposition"] for d in dec_rows)
xtab = Counter((t["truth"], d["disposition"]) for r, t, d in pairs)
wrong = []          # automatic wrongful disclosures
review_traps = []   # REVIEW items that are not the oracle's DUE person
unexpected_rej, missed_rej, codes_diff = [], [], []
addr_bad, src_bad = [], []
due = [(r, t, d) for r, t, d in pairs if t["truth"] == "DUE"]
due_auto = [x for x in due if x[2]["disposition"] == "DISCLOSE" and x[2]["match_tin"] == x[1]["expected_tin"]]
due_review = [x for x in due if x[2]["disposition"] == "REVIEW"]
due_review_ok = [x for x in due_review if x[2]["match_tin"] == x[1]["expected_tin"]]


def classify(r, t, d):
    tin = d["match_tin"]
    strict = [x for x in t["living_strict"].split(";") if x]
    lenient = [x for x in t["lenient"].split(";") if x]
    if t["truth"] == "REJECTED":
        return "HARD-legal"
    if t["truth"] == "DUE":
        if tin == t["expected_tin"]:
            return None
        return "SLIP" if tin in lenient else "HARD"
    if t["truth"] == "NOT_DUE":
        if tin in [x for x in t["strict"].split(";") if x]:
            return "HARD-deceased"
        return "SLIP" if tin in lenient else "HARD"
    # undecidable
    if tin in strict:
        r["_akey"] = lib.req_akey(r)
        sc = {x: M.closeness(r, x) for x in strict}
        best = max(sc.values())
        return "SOFT" if sc[tin] == best and list(sc.values()).count(best) == 1 else "HARD-undecidable"
    return "SLIP" if tin in lenient else "HARD"


for r, t, d in pairs:
    if d["disposition"] in ("DISCLOSE", "REVIEW"):
        k = classify(r, t, d)
        if k:
            (wrong if d["disposition"] == "DISCLOSE" else review_traps).append((k, r, t, d))
    exp = t["expected_codes"].split(";") if t["expected_codes"] else []
    got = d["reason_codes"].split(";") if d["reason_codes"] else []
    if t["truth"] == "REJECTED":
        if d["disposition"] != "REJECTED":
            missed_rej.append((r, t, d))
        elif set(exp) != set(got):
            codes_diff.append((r, t, d))
    elif d["disposition"] == "REJECTED":
        unexpected_rej.append((r, t, d))
    if d["disposition"] in ("DISCLOSE", "REVIEW") and t["truth"] == "DUE" and d["match_tin"] == t["expected_tin"]:
        got_a = [d[k] for k in ("street", "unit", "city", "state", "zip")]
        exp_a = [t[k] for k in ("exp_street", "exp_unit", "exp_city", "exp_state", "exp_zip")]
        if got_a != exp_a:
            addr_bad.append((r, t, d, got_a, exp_a))
        if (d["address_source"], d["address_effective_date"]) != (t["exp_source"], t["exp_eff"]):
            src_bad.append((r, t, d))

# ---------------------------------------------------------------- response file
RH = "request_id,outcome,reason_codes,street,unit,city,state,zip"
if resp_raw.splitlines()[0] != RH:
    viol.append(f"response header differs: {resp_raw.splitlines()[0]}")
if [x["request_id"] for x in resp] != [r["request_id"] for r in recs]:
    viol.append("response rows not one per record in batch order")
resp_bad = []
for r, a, x in zip(recs, after, resp):
    disp = a["disposition"]
    if disp == "DISCLOSE":
        want = "DISCLOSED"
    elif disp == "REJECTED":
        want = "REJECTED"
    else:
        want = "NOT_DISCLOSED"
    if x["outcome"] != want:
        resp_bad.append(f"{r['request_id']}: outcome {x['outcome']} but decision {disp}")
    if want == "REJECTED" and x["reason_codes"] != a["reason_codes"]:
        resp_bad.append(f"{r['request_id']}: REJECTED codes {x['reason_codes']} vs decision {a['reason_codes']}")
    if want != "REJECTED" and x["reason_codes"]:
        resp_bad.append(f"{r['request_id']}: {want} carries reason codes {x['reason_codes']}")
    addr = [x[k] for k in ("street", "unit", "city", "state", "zip")]
    if want == "DISCLOSED" and addr != [a[k] for k in ("street", "unit", "city", "state", "zip")]:
        resp_bad.append(f"{r['request_id']}: disclosed address {addr} differs from decision report")
    if want != "DISCLOSED" and any(addr):
        resp_bad.append(f"{r['request_id']}: {want} carries an address {addr}")
    if set(x.keys()) != set(RH.split(",")):
        resp_bad.append(f"extra columns {x.keys()}")
# released outcome vs truth (after the oracle-following review)
rel = Counter()
rel_wrong = []
for r, t, a, x in zip(recs, truth, after, resp):
    if x["outcome"] == "DISCLOSED":
        rel["DISCLOSED"] += 1
        if not (t["truth"] == "DUE" and a["match_tin"] == t["expected_tin"]):
            rel_wrong.append(r["request_id"])
        elif [x[k] for k in ("street", "unit", "city", "state", "zip")] != [t[k] for k in ("exp_street", "exp_unit", "exp_city", "exp_state", "exp_zip")]:
            rel["DISCLOSED_wrong_address"] += 1

# ---------------------------------------------------------------- report
W(f"# score {OUT}")
W(f"records {len(recs)}; truth {dict(cnt_truth)}; dispositions {dict(cnt_disp)}")
W("truth x disposition: " + ", ".join(f"{k[0]}->{k[1]}:{v}" for k, v in sorted(xtab.items())))
W(f"DUE {len(due)}: auto-disclosed to the right TIN {len(due_auto)} (recall {len(due_auto) / max(1, len(due)):.4f}); "
  f"REVIEW {len(due_review)} ({len(due_review) / max(1, len(due)):.4f}; right TIN in review {len(due_review_ok)}); "
  f"recall incl. correct review {(len(due_auto) + len(due_review_ok)) / max(1, len(due)):.4f}")
kinds = Counter(k for k, *_ in wrong)
W(f"WRONGFUL automatic disclosures: {len(wrong)} {dict(kinds)}")
W(f"REVIEW items that are not the oracle's DUE person: {len(review_traps)} {dict(Counter(k for k, *_ in review_traps))}")
W(f"released DISCLOSED {rel['DISCLOSED']}; released wrongly {len(rel_wrong)}; released with an address != LKA {rel['DISCLOSED_wrong_address']}")
W(f"address (decision report) != expected LKA: {len(addr_bad)}; source/effective_date != expected: {len(src_bad)}")
W(f"REJECTED expected but not rejected: {len(missed_rej)}; rejected but oracle found no defect: {len(unexpected_rej)}; "
  f"code set differs: {len(codes_diff)}")
W(f"decision report format violations: {len(viol)}; response file violations: {len(resp_bad)}")
for v in viol[:20] + resp_bad[:20]:
    W("  V " + v)
sc = defaultdict(Counter)
for r, t, d in pairs:
    sc[t["scenario"]][(t["truth"], d["disposition"])] += 1
W("\n## by scenario (truth->disposition)")
for s in sorted(sc):
    W(f"  {s:32s} " + ", ".join(f"{a}->{b}:{n}" for (a, b), n in sorted(sc[s].items())))


def detail(title, items, kfirst=True, limit=60):
    W(f"\n## {title} ({len(items)})")
    for it in items[:limit]:
        if kfirst:
            k, r, t, d = it
            W(f"  [{k}] {r['request_id']} scenario={t['scenario']} note={t['note']} truth={t['truth']} "
              f"disclosed_tin={d['match_tin']} p={d['match_probability']} codes={d['reason_codes']} cand={d['candidate_count']}")
        else:
            r, t, d = it[:3]
            W(f"  {r['request_id']} scenario={t['scenario']} note={t['note']} truth={t['truth']} exp_codes={t['expected_codes']} "
              f"got={d['disposition']} {d['reason_codes']} tin={d['match_tin']}")
        W(show_req(r))
        tins = [x for x in (t["strict"] + ";" + t["lenient"] + ";" + d["match_tin"] + ";" + t["intent_tin"]).split(";") if x]
        for x in dict.fromkeys(tins):
            W(show_master(x))


detail("WRONGFUL automatic disclosures", wrong)
detail("REVIEW items not the oracle's DUE person", review_traps)
detail("expected REJECTED, not rejected", missed_rej, kfirst=False)
detail("REJECTED though the oracle found no defect", unexpected_rej, kfirst=False)
W(f"\n## code set differs ({len(codes_diff)})")
for r, t, d in codes_diff:
    W(f"  {r['request_id']} note={t['note']} expected={t['expected_codes']} got={d['reason_codes']}")
W(f"\n## address != LKA ({len(addr_bad)})")
for r, t, d, g, e in addr_bad[:30]:
    W(f"  {r['request_id']} got={g} expected={e}")
W(f"\n## source/date != LKA ({len(src_bad)})")
for r, t, d in src_bad[:30]:
    W(f"  {r['request_id']} got={d['address_source']} {d['address_effective_date']} expected={t['exp_source']} {t['exp_eff']}")
missed = [(r, t, d) for r, t, d in due if not (d["disposition"] in ("DISCLOSE", "REVIEW") and d["match_tin"] == t["expected_tin"])]
mc = Counter((t["scenario"], d["disposition"], d["reason_codes"]) for r, t, d in missed)
W(f"\n## DUE not disclosed nor reviewed to the right TIN ({len(missed)})")
for k, v in mc.most_common(40):
    W(f"  {v:4d} {k}")
W("\n### examples")
for r, t, d in missed[:25]:
    W(f"  {r['request_id']} scenario={t['scenario']} note={t['note']} got={d['disposition']} {d['reason_codes']} p={d['match_probability']}")
    W(show_req(r))
    W(show_master(t["expected_tin"]))
open(P("score.txt"), "w").write("\n".join(out) + "\n")
json.dump(dict(truth=cnt_truth, disp=cnt_disp, due=len(due), due_auto=len(due_auto), due_review=len(due_review),
               wrongful=dict(kinds), review_traps=dict(Counter(k for k, *_ in review_traps)),
               missed_rej=len(missed_rej), unexpected_rej=len(unexpected_rej), codes_diff=len(codes_diff),
               addr_bad=len(addr_bad), src_bad=len(src_bad), viol=viol, resp_bad=resp_bad, rel_wrong=rel_wrong),
          open(P("score.json"), "w"), indent=1)
print("\n".join(out[:12 + len(viol[:20] + resp_bad[:20])]))

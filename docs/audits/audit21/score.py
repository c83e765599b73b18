"""score.py OUT -- join dgate's decision report and response file to truth.csv (audit21)."""
import csv
import json
import os
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402

OUT = sys.argv[1]
rd = lambda f: list(csv.DictReader(open(os.path.join(OUT, f), newline="", encoding="utf-8")))  # noqa: E731
truth = rd("truth.csv")
reqs = rd("requests_debug.csv")
dec = rd("decisions.csv")
dec_after = rd("decisions_after.csv") if os.path.exists(os.path.join(OUT, "decisions_after.csv")) else dec
resp = rd("response.csv")
tp = {r["tin"]: r for r in rd("master/taxpayers.csv")}
ad = defaultdict(list)
for r in rd("master/addresses.csv"):
    ad[r["tin"]].append(r)

problems = []
DEC_COLS = ["request_id", "disposition", "reason_codes", "match_tin", "match_probability", "candidate_count", "street",
            "unit", "city", "state", "zip", "address_source", "address_effective_date"]
RESP_COLS = ["request_id", "outcome", "reason_codes", "street", "unit", "city", "state", "zip"]
hdr = next(csv.reader(open(os.path.join(OUT, "decisions.csv"), encoding="utf-8")))
if [h.strip() for h in hdr] != DEC_COLS:
    problems.append(f"decision report header {hdr}")
hdr = next(csv.reader(open(os.path.join(OUT, "response.csv"), encoding="utf-8")))
if [h.strip() for h in hdr] != RESP_COLS:
    problems.append(f"response header {hdr}")
if not (len(dec) == len(truth) == len(resp)):
    problems.append(f"row counts decisions={len(dec)} truth={len(truth)} response={len(resp)}")
for i, (t, d, r) in enumerate(zip(truth, dec, resp)):
    if d["request_id"] != t["request_id"] or r["request_id"] != t["request_id"]:
        problems.append(f"row {i+1} order: truth {t['request_id']} decisions {d['request_id']} response {r['request_id']}")
        break


def canon_row(x):
    ca = C.canon_addr(x["street"], x.get("unit", ""), x["city"], x["state"], x["zip"])
    return (ca["num"], ca["predir"], ca["name"], ca["stype"], ca["unit"], ca["city"], ca["state"], ca["zip"])


def lka_of(tin):
    return C.lka(ad[tin])


SOFT_KINDS = {"dob_year_typo", "tin_transposed", "similar_given_name_only", "itin_and_ssn_same_person", "name_order_pair", "legal_addr_unit_na",
              "bldg_master_nounit_namesake", "bldg_single_wrong_unit"}
wrongful = []
per_kind = defaultdict(Counter)
legal_miss = []
lka_bad = []
resp_bad = []
reasons_lost = Counter()
lost_examples = defaultdict(list)
due = due_disc = due_rev = 0
for t, d, da, r, q in zip(truth, dec, dec_after, resp, reqs):
    disp = d["disposition"]
    per_kind[t["kind"]][disp] += 1
    disclosed = disp == "DISCLOSE" or r["outcome"] == "DISCLOSED"
    # response file rules
    if r["outcome"] == "NOT_DISCLOSED" and (r["reason_codes"] or any(r[k] for k in ("street", "unit", "city", "state", "zip"))):
        resp_bad.append((t["request_id"], "NOT_DISCLOSED carries reason or address", dict(r)))
    if r["outcome"] == "REJECTED" and (not r["reason_codes"] or any(r[k] for k in ("street", "unit", "city", "zip"))):
        resp_bad.append((t["request_id"], "REJECTED row malformed", dict(r)))
    exp_out = {"DISCLOSE": "DISCLOSED", "REJECTED": "REJECTED", "NOT_DISCLOSED": "NOT_DISCLOSED",
               "REVIEW": "NOT_DISCLOSED"}[disp]
    if r["outcome"] != exp_out:
        resp_bad.append((t["request_id"], f"decision {disp} but response {r['outcome']}", dict(r)))
    if disp == "REJECTED" and (d["match_tin"] or d["match_probability"] or d["street"]):
        problems.append(f"{t['request_id']}: REJECTED row carries match data {d['match_tin']} {d['match_probability']}")
    if disp in ("NOT_DISCLOSED",) and (d["match_tin"] or d["street"]):
        problems.append(f"{t['request_id']}: NOT_DISCLOSED row carries match_tin/address")
    # legal expectations
    if t["expect"]:
        codes = d["reason_codes"].split(";") if d["reason_codes"] else []
        if disp != "REJECTED" or t["expect"] not in codes:
            legal_miss.append(dict(request_id=t["request_id"], kind=t["kind"], expect=t["expect"], disposition=disp,
                                   codes=d["reason_codes"]))
    # disclosure correctness
    if disclosed:
        mt = d["match_tin"]
        why = None
        sev = "hard"
        if t["truth"] == "NOT_DUE":
            why = "no disclosure is due (" + (t["expect"] or "no consistent taxpayer / deceased") + ")"
        elif t["truth"] == "UNDECIDABLE":
            why = f"undecidable: consistent candidates {t['candidates']}"
            if t["soft_best"] and mt == t["soft_best"]:
                sev = "soft"
        elif mt != t["tin"]:
            why = f"wrong person: due TIN {t['tin']}"
        if t["kind"] in SOFT_KINDS and why:
            sev = "soft"
        if why:
            wrongful.append(dict(row=t["row"], request_id=t["request_id"], kind=t["kind"], severity=sev, disclosed_tin=mt,
                                 truth=t["truth"], truth_tin=t["tin"], why=why, prob=d["match_probability"],
                                 codes=d["reason_codes"], request={k: q[k] for k in q if q[k] and k not in ("reason",)},
                                 candidates=t["candidates"]))
        elif mt:
            lk = lka_of(mt)
            if canon_row(d) != canon_row(lk) or d["address_source"] != lk["source"] or d["address_effective_date"] != lk["effective_date"]:
                lka_bad.append(dict(request_id=t["request_id"], kind=t["kind"], tin=mt,
                                    disclosed=[d[k] for k in ("street", "unit", "city", "state", "zip", "address_source",
                                                              "address_effective_date")],
                                    lka=[lk[k] for k in ("street", "unit", "city", "state", "zip", "source", "effective_date")]))
            if r["outcome"] == "DISCLOSED" and canon_row(r) != canon_row(lk):
                lka_bad.append(dict(request_id=t["request_id"], kind=t["kind"], tin=mt, where="response",
                                    disclosed=[r[k] for k in ("street", "unit", "city", "state", "zip")],
                                    lka=[lk[k] for k in ("street", "unit", "city", "state", "zip")]))
    if t["truth"] == "DUE":
        due += 1
        if disp == "DISCLOSE" and d["match_tin"] == t["tin"]:
            due_disc += 1
        else:
            if disp == "REVIEW":
                due_rev += 1
            key = (t["kind"].split("_")[0] if t["kind"].startswith("noisy") else t["kind"], disp, d["reason_codes"])
            reasons_lost[(disp, d["reason_codes"])] += 1
            lost_examples[(disp, d["reason_codes"])].append(dict(request_id=t["request_id"], kind=t["kind"],
                                                                 prob=d["match_probability"], cands=d["candidate_count"],
                                                                 request={k: q[k] for k in ("first_name", "middle_name", "last_name", "name_suffix", "date_of_birth", "tin", "street", "unit", "city", "state", "zip", "address") if q[k]},
                                                                 truth_tin=t["tin"]))

# side packages
side = []
if os.path.exists(os.path.join(OUT, "side_truth.csv")):
    st = rd("side_truth.csv")
    for pkg in sorted({x["package"] for x in st}):
        f = os.path.join(OUT, pkg + "_decisions.csv")
        exp = [x for x in st if x["package"] == pkg][0]["expect"]
        if not os.path.exists(f):
            side.append((pkg, exp, "no decision report (submit failed?)"))
            continue
        ds = list(csv.DictReader(open(f, encoding="utf-8")))
        if exp == "DISCLOSE":
            bad = [x for x in ds if x["disposition"] != "DISCLOSE"]
        else:
            bad = [x for x in ds if x["disposition"] != "REJECTED" or exp not in x["reason_codes"].split(";")]
        side.append((pkg, exp, f"{len(ds)} rows, {len(bad)} not {'DISCLOSE' if exp == 'DISCLOSE' else 'REJECTED with ' + exp}" + (
            f"; e.g. {bad[0]['disposition']} {bad[0]['reason_codes']}" if bad else "")))

hard = [w for w in wrongful if w["severity"] == "hard"]
summary = dict(records=len(truth), truth=Counter(t["truth"] for t in truth), dispositions=Counter(d["disposition"] for d in dec),
               wrongful_hard=len(hard), wrongful_soft=len(wrongful) - len(hard),
               wrongful_by_kind=Counter(w["kind"] + "/" + w["severity"] for w in wrongful),
               due=due, due_disclosed=due_disc, recall=round(due_disc / max(due, 1), 4), due_review=due_rev,
               review_share=round(due_rev / max(due, 1), 4), lka_mismatches=len(lka_bad), response_problems=len(resp_bad),
               legal_misses=len(legal_miss), contract_problems=problems[:20], side=side)
json.dump(dict(summary=summary, wrongful=wrongful, lka_bad=lka_bad, resp_bad=resp_bad[:50], legal_miss=legal_miss,
               lost={f"{k[0]} {k[1]}": dict(n=v, examples=lost_examples[k][:4]) for k, v in reasons_lost.most_common()},
               per_kind={k: dict(v) for k, v in sorted(per_kind.items())}),
          open(os.path.join(OUT, "score.json"), "w"), indent=1, default=str)
print(json.dumps(summary, indent=1, default=str))
print("\nper kind (non-noisy):")
for k, v in sorted(per_kind.items()):
    if not k.startswith("noisy"):
        print(f"  {k:40s} {dict(v)}")
nz = Counter()
for k, v in per_kind.items():
    if k.startswith("noisy"):
        nz.update(v)
print("  noisy_* total", dict(nz))
print("\nlost recall groups:")
for k, v in reasons_lost.most_common(12):
    print(f"  {v:4d} {k}")
print("\nWRONGFUL:")
for w in wrongful:
    print(" ", w["severity"], w["request_id"], w["kind"], w["disclosed_tin"], w["why"], w["prob"])
print("\nLKA mismatches:", lka_bad[:10])
print("legal misses:", legal_miss[:20])
print("response problems:", resp_bad[:10])

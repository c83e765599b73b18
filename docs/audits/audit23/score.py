"""Audit 23 scorer: python score.py OUT  (after gen.py and run.py). Writes OUT/run/score.json
and prints a summary. Truth: OUT/truth{1,2}.csv (oracle.py); system: OUT/run/*.csv."""
from __future__ import annotations

import collections
import csv
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402

OUT = sys.argv[1]
RUN = os.path.join(OUT, "run")
DEC_COLS = ["request_id", "disposition", "reason_codes", "match_tin", "match_probability", "candidate_count",
            "street", "unit", "city", "state", "zip", "address_source", "address_effective_date"]
RESP_COLS = ["request_id", "outcome", "reason_codes", "street", "unit", "city", "state", "zip"]
ADDR = ["street", "unit", "city", "state", "zip"]


def rows(path: str) -> list[dict]:
    return list(csv.DictReader(open(path, encoding="utf-8"))) if os.path.exists(path) else []


def header(path: str) -> list[str]:
    return next(csv.reader(open(path, encoding="utf-8"))) if os.path.exists(path) else []


def norm(s: str) -> str:
    return " ".join((s or "").upper().split())


def addr_of(r: dict) -> tuple:
    return tuple(norm(r.get(k, "")) for k in ADDR)


def accepted_tins(t: dict) -> set[str]:
    s = set()
    if t["expected"] == "DISCLOSE":
        s.add(t["tin"])
    for a in (t.get("accept") or "").split("|"):
        if a.startswith("DISCLOSE:"):
            s.add(a.split(":", 1)[1])
    return s


def score_batch(n: int) -> dict:
    truth = {r["request_id"]: r for r in rows(os.path.join(OUT, f"truth{n}.csv"))}
    intent = {r["request_id"]: r for r in rows(os.path.join(OUT, f"intent{n}.csv"))}
    recs = rows(os.path.join(OUT, f"pkg{n}", "records.csv"))
    auto = {r["request_id"]: r for r in rows(os.path.join(RUN, f"decisions{n}_submit.csv"))}
    final = {r["request_id"]: r for r in rows(os.path.join(RUN, f"decisions{n}.csv"))}
    resp = {r["request_id"]: r for r in rows(os.path.join(RUN, f"response{n}.csv"))}
    master = oracle.Master(os.path.join(OUT, f"master{n}"))
    res: dict = {"records": len(recs)}
    wrongful, addr_wrong, review_wrong_cand, departures = [], [], [], []
    losses = collections.Counter()
    loss_examples: dict = {}
    disp_matrix = collections.Counter()
    code_diffs = collections.Counter()
    soft = collections.Counter()
    strict_disc = auto_ok = to_review = 0
    for rec in recs:
        rid = rec["request_id"]
        t, a, f, o = truth[rid], auto.get(rid, {}), final.get(rid, {}), resp.get(rid, {})
        scen = intent.get(rid, {}).get("scenario", "?")
        ad = a.get("disposition", "MISSING")
        disp_matrix[(t["expected"], ad)] += 1
        ok_tins = accepted_tins(t)
        # ---- disclosures actually released (response DISCLOSED) and automatic DISCLOSE decisions
        for stage, d in (("auto", a), ("released", f if o.get("outcome") == "DISCLOSED" else {})):
            if d.get("disposition") in ("DISCLOSE", "REVIEW") and (stage == "released" or d.get("disposition") == "DISCLOSE"):
                tin = d.get("match_tin", "")
                if tin not in ok_tins:
                    wrongful.append({"stage": stage, "class": {"1": "clear", "2": "judgment", "0": "soft"}[t["strict"]], "request_id": rid, "scenario": scen, "truth": t["expected"],
                                     "truth_codes": t["codes"], "truth_tin": t["tin"], "disclosed_tin": tin,
                                     "system_codes": d.get("reason_codes", ""), "why": t["why"]})
                elif stage == "auto":
                    L = master.lka(tin)  # the last known address of the taxpayer disclosed (master-format.md)
                    want = (L["street"], L["unit"], L["city"], L["state"], L["zip"])
                    got = addr_of(d)
                    alt = t.get("alt_address") or ""
                    if got != tuple(norm(x) for x in want) and not (alt and (got[0], got[1], got[4]) == tuple(norm(x) for x in alt.split("|"))):
                        addr_wrong.append({"request_id": rid, "scenario": scen, "tin": tin, "disclosed": "|".join(got),
                                           "lka": "|".join(want), "lka_source": L["source"], "lka_date": L["effective_date"],
                                           "system_source": d.get("address_source"), "system_date": d.get("address_effective_date"),
                                           "alt_ok": alt})
        if ad == "REVIEW" and a.get("match_tin") not in ok_tins:
            review_wrong_cand.append({"request_id": rid, "scenario": scen, "candidate": a.get("match_tin"),
                                      "truth": t["expected"], "truth_tin": t["tin"], "why": t["why"]})
        if t["strict"] == "1" and t["expected"] == "DISCLOSE":
            strict_disc += 1
            if ad == "DISCLOSE" and a.get("match_tin") == t["tin"]:
                auto_ok += 1
            else:
                if ad == "REVIEW":
                    to_review += 1
                key = (scen, ad, a.get("reason_codes", ""))
                losses[key] += 1
                loss_examples.setdefault(key, rid)
        elif t["strict"] == "0":
            soft[(scen, t["expected"], ad, "tin_ok" if a.get("match_tin") in ok_tins else ("no_tin" if not a.get("match_tin") else "OTHER_TIN"))] += 1
        if t["strict"] == "1" and t["expected"] != "DISCLOSE" and ad != "DISCLOSE" and t["expected"] != ad and ad != "REVIEW":
            departures.append({"request_id": rid, "scenario": scen, "truth": t["expected"], "truth_codes": t["codes"],
                               "system": ad, "system_codes": a.get("reason_codes", "")})
        if t["strict"] == "1" and t["expected"] == ad and ad in ("REJECTED", "NOT_DISCLOSED") and t["codes"] != a.get("reason_codes", ""):
            code_diffs[(scen, t["codes"], a.get("reason_codes", ""))] += 1
    res.update(strict_disclosable=strict_disc, auto_disclosed_right=auto_ok,
               recall=round(auto_ok / strict_disc, 4) if strict_disc else None,
               review_of_disclosable=to_review, review_rate=round(to_review / strict_disc, 4) if strict_disc else None,
               review_items_total=sum(1 for r in auto.values() if r["disposition"] == "REVIEW"),
               wrongful=wrongful, address_not_lka=addr_wrong, review_offered_wrong_candidate=review_wrong_cand,
               losses=[{"scenario": k[0], "system": k[1], "codes": k[2], "count": v, "example": loss_examples[k]}
                       for k, v in losses.most_common()],
               soft=[{"scenario": k[0], "truth": k[1], "system": k[2], "tin": k[3], "count": v} for k, v in sorted(soft.items())],
               disposition_departures=departures,
               code_differences=[{"scenario": k[0], "truth": k[1], "system": k[2], "count": v} for k, v in code_diffs.most_common()],
               matrix={f"{k[0]}->{k[1]}": v for k, v in sorted(disp_matrix.items())})
    res["format"] = formats(n, recs, auto, final, resp)
    tab = collections.defaultdict(collections.Counter)
    for rec in recs:
        rid = rec["request_id"]
        t, a = truth[rid], auto.get(rid, {})
        ok = a.get("match_tin") in accepted_tins(t) if a.get("disposition") == "DISCLOSE" else None
        cell = a.get("disposition", "MISSING") + ("" if ok is None else (":right" if ok else ":OTHER"))
        tab[intent.get(rid, {}).get("scenario", "?")][(t["expected"] + ("" if t["strict"] == "1" else "/" + {"0": "soft", "2": "judgment"}[t["strict"]]), cell)] += 1
    with open(os.path.join(RUN, f"by_scenario{n}.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["scenario", "truth", "dgate_at_submit", "count"])
        for s in sorted(tab):
            for (tt, cell), v in sorted(tab[s].items()):
                w.writerow([s, tt, cell, v])
    return res


def formats(n: int, recs: list[dict], auto: dict, final: dict, resp: dict) -> list[str]:
    p = []
    dpath, rpath = os.path.join(RUN, f"decisions{n}.csv"), os.path.join(RUN, f"response{n}.csv")
    if header(dpath) != DEC_COLS:
        p.append(f"decision report header {header(dpath)} != spec")
    if header(rpath) != RESP_COLS:
        p.append(f"response header {header(rpath)} != spec")
    ids = [r["request_id"] for r in recs]
    if [r["request_id"] for r in rows(dpath)] != ids:
        p.append("decision report rows not one per record in the batch's order")
    if [r["request_id"] for r in rows(rpath)] != ids:
        p.append("response rows not one per record in the batch's order")
    for rid, d in final.items():
        disp = d["disposition"]
        if disp not in ("REJECTED", "NOT_DISCLOSED", "REVIEW", "DISCLOSE"):
            p.append(f"{rid}: disposition {disp}")
        codes = d["reason_codes"].split(";") if d["reason_codes"] else []
        if codes != sorted(codes):
            p.append(f"{rid}: reason codes not sorted: {d['reason_codes']}")
        if disp in ("DISCLOSE", "REVIEW"):
            if not d["match_tin"] or not d["street"]:
                p.append(f"{rid}: {disp} without match_tin/address")
        elif any(d[k] for k in ["match_tin"] + ADDR + ["address_source", "address_effective_date"]):
            p.append(f"{rid}: {disp} carries match_tin/address columns")
        if disp == "REJECTED" and d["match_probability"]:
            p.append(f"{rid}: REJECTED with a match_probability (nothing was searched)")
        if disp == "REJECTED" and not any(c.startswith(("R_", "B_")) for c in codes):
            p.append(f"{rid}: REJECTED without an R_/B_ code")
    for rid, r in resp.items():
        d = final.get(rid, {})
        out = r["outcome"]
        if out not in ("DISCLOSED", "NOT_DISCLOSED", "REJECTED"):
            p.append(f"{rid}: response outcome {out}")
        if out != "REJECTED" and r["reason_codes"]:
            p.append(f"{rid}: {out} row carries reason codes {r['reason_codes']}")
        if out == "REJECTED" and not r["reason_codes"]:
            p.append(f"{rid}: REJECTED row without reason codes")
        if out != "DISCLOSED" and any(r[k] for k in ADDR):
            p.append(f"{rid}: {out} row carries an address")
        if out == "DISCLOSED" and addr_of(r) != addr_of(d):
            p.append(f"{rid}: response address differs from the decision report's")
        want = {"DISCLOSE": "DISCLOSED", "NOT_DISCLOSED": "NOT_DISCLOSED", "REJECTED": "REJECTED", "REVIEW": "?"}[d.get("disposition", "REJECTED")]
        if want != out:
            p.append(f"{rid}: decision {d.get('disposition')} but response {out}")
        if out == "REJECTED" and r["reason_codes"] != d.get("reason_codes"):
            p.append(f"{rid}: response reason codes {r['reason_codes']} != decision's {d.get('reason_codes')}")
    return p


def accounting(b: dict) -> dict:
    path = os.path.join(RUN, "accounting.csv")
    acc = rows(path)
    out: dict = {"rows": len(acc), "columns": header(path), "problems": []}
    out["kinds"] = dict(collections.Counter(r.get("kind", "?") for r in acc))
    reqs = collections.Counter((r.get("batch_id"), r.get("request_id")) for r in acc if r.get("kind") == "request")
    disc = {}
    for r in acc:
        if r.get("kind") == "disclosure":
            k = (r.get("batch_id"), r.get("request_id"))
            if k in disc:
                out["problems"].append(f"two disclosure rows for {k}")
            disc[k] = r
    for n in (1, 2):
        bid = b.get(f"batch{n}", "")
        recs = rows(os.path.join(OUT, f"pkg{n}", "records.csv"))
        final = {r["request_id"]: r for r in rows(os.path.join(RUN, f"decisions{n}.csv"))}
        resp = rows(os.path.join(RUN, f"response{n}.csv"))
        missing_req = [r["request_id"] for r in recs if reqs.get((bid, r["request_id"]), 0) != 1]
        if missing_req:
            out["problems"].append(f"batch {n}: {len(missing_req)} records without exactly one request row (e.g. {missing_req[:3]})")
        dis = [r for r in resp if r["outcome"] == "DISCLOSED"]
        out[f"released_disclosures_{n}"] = len(dis)
        out[f"accounted_disclosures_{n}"] = sum(1 for k in disc if k[0] == bid)
        for r in dis:
            a = disc.get((bid, r["request_id"]))
            d = final.get(r["request_id"], {})
            if not a:
                out["problems"].append(f"batch {n} {r['request_id']}: released without a disclosure row")
                continue
            if a.get("taxpayer_tin") != d.get("match_tin"):
                out["problems"].append(f"batch {n} {r['request_id']}: accounting TIN differs from the decision's")
            if addr_of(a) != addr_of(r):
                out["problems"].append(f"batch {n} {r['request_id']}: accounting address differs from the response's")
            if not a.get("address_source") or not a.get("address_effective_date"):
                out["problems"].append(f"batch {n} {r['request_id']}: accounting lacks the address source/date")
        extra = [k for k in disc if k[0] == bid and k[1] not in {r["request_id"] for r in dis}]
        if extra:
            out["problems"].append(f"batch {n}: {len(extra)} disclosure rows for requests not DISCLOSED in the response")
    # the same taxpayer disclosed in both batches: both must be in the accounting
    tins = collections.defaultdict(set)
    for k, r in disc.items():
        tins[r.get("taxpayer_tin")].add(k[0])
    out["taxpayers_disclosed_in_both_batches"] = sum(1 for v in tins.values() if b.get("batch1") in v and b.get("batch2") in v)
    return out


def main() -> None:
    b = json.load(open(os.path.join(RUN, "run.json")))
    res = {"batch1": score_batch(1), "batch2": score_batch(2), "run_failures": b["failures"]}
    res["accounting"] = accounting(b)
    d1, d1b = rows(os.path.join(RUN, "decisions1.csv")), rows(os.path.join(RUN, "decisions1_after_bad.csv"))
    res["batch1_unchanged_by_bad_inputs"] = d1 == d1b
    res["bad_inputs"] = rows(os.path.join(RUN, "bad_inputs.csv"))
    res["stuck"] = b.get("stuck", [])
    res["reviewer_disclose_refused"] = b.get("reviewer_disclose_refused", [])
    json.dump(res, open(os.path.join(RUN, "score.json"), "w"), indent=1)
    for n in (1, 2):
        s = res[f"batch{n}"]
        print(f"batch {n}: records {s['records']}, strict disclosable {s['strict_disclosable']}, recall {s['recall']}, "
              f"review {s['review_rate']} ({s['review_items_total']} items), "
              f"wrongful clear {len({w['request_id'] for w in s['wrongful'] if w['class'] == 'clear'})} / judgment "
              f"{len({w['request_id'] for w in s['wrongful'] if w['class'] == 'judgment'})} / soft "
              f"{len({w['request_id'] for w in s['wrongful'] if w['class'] == 'soft'})} (records), "
              f"address!=LKA {len(s['address_not_lka'])}, review wrong candidate {len(s['review_offered_wrong_candidate'])}, "
              f"disposition departures {len(s['disposition_departures'])}, format problems {len(s['format'])}")
        for w in s["wrongful"]:
            print("  WRONGFUL", w)
        for w in s["address_not_lka"][:20]:
            print("  ADDRESS", w)
        for l in s["losses"][:15]:
            print("  LOSS", l)
        for l in s["soft"]:
            print("  SOFT", l)
        for l in s["disposition_departures"][:30]:
            print("  DEPART", l)
        for l in s["code_differences"][:30]:
            print("  CODES", l)
        for l in s["format"][:20]:
            print("  FORMAT", l)
        print("  MATRIX", s["matrix"])
    print("accounting", json.dumps(res["accounting"])[:1500])
    print("batch1 decisions unchanged after bad inputs:", res["batch1_unchanged_by_bad_inputs"])
    print("run failures:", len(b["failures"]))
    for f in b["failures"]:
        print("  RUNFAIL", f[:300])
    for f in b.get("stuck", []):
        print("  STUCK", f[:300])
    print("reviewer --disclose refused:", len(b.get("reviewer_disclose_refused", [])))


if __name__ == "__main__":
    main()

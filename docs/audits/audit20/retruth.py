#!/usr/bin/env python3
"""retruth.py OUTDIR [--write] — recompute truth.csv from the written files (master, records, truth metadata)
with the current oracle.py; report differences; with --write keep the old file as truth_v1.csv and write the new one."""
import collections
import csv
import os
import shutil
import sys

import pyarrow.parquet as pq

import oracle as O

OUT = sys.argv[1]
WRITE = "--write" in sys.argv
SRC_RANK = {"FORM_8822": 2, "RETURN": 1, "NCOA": 0}


def rd(name):
    with open(os.path.join(OUT, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


T = rd("truth_v1.csv") if os.path.exists(os.path.join(OUT, "truth_v1.csv")) else rd("truth.csv")
R = rd(os.path.join("package", "records.csv"))
TP = {}
for r in pq.read_table(os.path.join(OUT, "master", "taxpayers.parquet")).to_pylist():
    TP[r["tin"]] = dict(first=r["first_name"], middle=r["middle_name"] or "", last=r["last_name"],
                        suffix=r["name_suffix"] or "", dob=r["date_of_birth"].isoformat() if r["date_of_birth"] else "",
                        tin=r["tin"], i=r["tin"], dod=r["date_of_death"])
ADS = collections.defaultdict(list)
BK = collections.defaultdict(set)
UK = collections.defaultdict(set)
for a in pq.read_table(os.path.join(OUT, "master", "addresses.parquet")).to_pylist():
    ADS[a["tin"]].append(a)
    bk = (a["zip"], O.norm_street(a["street"]))
    BK[bk].add(a["tin"])
    UK[bk + (O.norm_unit(a["unit"] or ""),)].add(a["tin"])


def lka(tin):
    return max(ADS[tin], key=lambda r: (r["effective_date"], SRC_RANK[r["source"]]))


changes = collections.Counter()
examples = []
NEW = []
for t, r in zip(T, R):
    n = dict(t)
    if not t["why"].startswith("legal"):
        if t["src_street"]:
            bk = (t["src_zip"], O.norm_street(t["src_street"]))
            unit_given = bool(t["src_unit"]) and "missing_unit" not in t["tags"].split("|") and \
                t["kind"] not in ("namesake_dob", "namesake_nounit")
            ids = UK[bk + (O.norm_unit(t["src_unit"]),)] if unit_given else BK[bk]
        else:
            ids = set()
        rq = dict(first=r["first_name"], middle=r["middle_name"], last=r["last_name"], suffix=r["name_suffix"],
                  dob=r["date_of_birth"], tin=r["tin"].replace("-", ""))
        plaus, best = O.judge(rq, [TP[i] for i in sorted(ids)])
        # why the winner beat the runner-up (for judging M_AMBIGUOUS refusals)
        margin = ""
        if len(best) == 1:
            if len(plaus) == 1:
                margin = "only_plausible"
            else:
                (k1, _), (k2, p2) = plaus[0], plaus[1]
                if k1[0] != k2[0]:
                    margin = "name+%d" % (k1[0] - k2[0])
                elif k1[1] != k2[1]:
                    margin = "dob"
                else:
                    margin = "suffix"
                margin += "|runner_up=%s %s/%s/%s %s dob=%s" % (p2["tin"], p2["first"], p2["middle"], p2["last"],
                                                             p2["suffix"], p2["dob"])
        n["margin"] = margin
        for k in ("target_tin", "lka_street", "lka_unit", "lka_city", "lka_state", "lka_zip", "lka_source", "lka_eff",
                  "cand_tins"):
            n[k] = ""
        if not best:
            n["truth"] = "NOT_DUE"
            n["why"] = t["why"] if t["truth"] == "NOT_DUE" and t["why"] != "deceased" else "no_corresponding_taxpayer"
        elif len(best) > 1:
            n["truth"] = "UNDECIDABLE"
            n["cand_tins"] = ";".join(sorted(c["tin"] for c in best))
            n["why"] = t["why"] if t["truth"] == "UNDECIDABLE" else "ambiguous_" + t["kind"]
            n["target_tin"] = t["person_tin"]
        else:
            q = best[0]
            n["cand_tins"] = q["tin"]
            if q["dod"]:
                n["truth"], n["why"], n["target_tin"] = "NOT_DUE", "deceased", q["tin"]
            else:
                L = lka(q["tin"])
                n.update(truth="DUE", target_tin=q["tin"], lka_street=L["street"], lka_unit=L["unit"] or "",
                         lka_city=L["city"], lka_state=L["state"], lka_zip=L["zip"], lka_source=L["source"],
                         lka_eff=L["effective_date"].isoformat())
                n["why"] = "" if q["tin"] == t["person_tin"] else "oracle_other_person"
        key = (t["truth"], n["truth"])
        same = t["truth"] == n["truth"] and t["target_tin"] == n["target_tin"] and \
            set(t["cand_tins"].split(";")) == set(n["cand_tins"].split(";")) and t["lka_street"] == n["lka_street"]
        if not same:
            changes["%s->%s" % key] += 1
            examples.append((t, n, r))
        else:
            changes["same"] += 1
    n.setdefault("margin", "")
    NEW.append(n)

print(OUT, dict(changes))
for t, n, r in examples[:40]:
    print("  %s %s kind=%s tags=%s : %s(%s) -> %s(%s) | req %s/%s/%s dob=%s" % (
        t["row"], t["request_id"], t["kind"], t["tags"], t["truth"], t["target_tin"], n["truth"], n["target_tin"],
        r["first_name"], r["middle_name"], r["last_name"], r["date_of_birth"]))
if WRITE:
    if not os.path.exists(os.path.join(OUT, "truth_v1.csv")):
        shutil.copy(os.path.join(OUT, "truth.csv"), os.path.join(OUT, "truth_v1.csv"))
    with open(os.path.join(OUT, "truth.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, list(T[0].keys()) + (["margin"] if "margin" not in T[0] else []))
        w.writeheader()
        w.writerows(NEW)
    print("written")

#!/usr/bin/env python3
"""aggregate.py SEEDDIR... — cross-seed tables and examples for REPORT.md (markdown on stdout)."""
import collections
import csv
import json
import os
import random
import sys

import pyarrow.parquet as pq

dirs = sys.argv[1:]
rng = random.Random(20)


def rd(d, name):
    with open(os.path.join(d, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


print("## Figures per seed\n")
print("| seed | requests | DUE | NOT_DUE | UNDECIDABLE | auto-disclosed correct | recall (auto) | DUE to REVIEW | DUE lost | wrongful | legal rows REJECTED w/ expected codes | submit s | load s |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
S = {}
for d in dirs:
    s = json.load(open(os.path.join(d, "score.json")))
    r = json.load(open(os.path.join(d, "run.json")))
    S[d] = s
    seed = os.path.basename(d).replace("seed", "")
    print("| %s | %d | %d | %d | %d | %d | %.4f | %d (%.2f%%) | %d | %d | %d/%d | %s | %s |" % (
        seed, s["requests"], s["truth"].get("DUE", 0), s["truth"].get("NOT_DUE", 0), s["truth"].get("UNDECIDABLE", 0),
        s["due_auto_disclosed_correct"], s["recall_auto"], s["due_to_review"], s["due_review_pct"], s["due_lost"],
        s["wrongful_total"], s["legal_check"].get("ok", 0), s["legal_records"], r["times"].get("submit"),
        r["times"].get("master_load")))
print()
print("truth x disposition (all seeds summed):\n")
tx = collections.Counter()
for s in S.values():
    for k, v in s["truth_x_disposition"].items():
        tx[k] += v
print("| truth / disposition | count |\n|---|---|")
for k, v in sorted(tx.items()):
    print("| %s | %d |" % (k, v))
print()

# loss breakdown by kind over seeds
L = []
T_ALL = {}
for d in dirs:
    for x in rd(d, "losses.csv"):
        x["seed"] = d
        L.append(x)
    T_ALL[d] = rd(d, "truth.csv")
tot = collections.Counter()
auto = collections.Counter()
for d in dirs:
    for t in T_ALL[d]:
        if t["truth"] == "DUE":
            tot[t["kind"]] += 1
lost = collections.Counter(x["kind"] for x in L)
rev = collections.Counter(x["kind"] for x in L if x["disposition"] == "REVIEW")
codes = collections.defaultdict(collections.Counter)
for x in L:
    codes[x["kind"]]["%s %s" % (x["disposition"], x["reason_codes"])] += 1
print("## DUE losses by noise kind (3 seeds summed)\n")
print("| kind | DUE | lost | of which REVIEW | NOT_DISCLOSED/REJECTED | recall | dispositions (reason codes) |")
print("|---|---|---|---|---|---|---|")
for k in sorted(tot, key=lambda k: -lost[k]):
    print("| %s | %d | %d | %d | %d | %.3f | %s |" % (k, tot[k], lost[k], rev[k], lost[k] - rev[k],
                                                    1 - lost[k] / tot[k],
                                                    "; ".join("%s=%d" % kv for kv in codes[k].most_common(4))))
print()
# by tag
tagt = collections.Counter()
tagl = collections.Counter()
for d in dirs:
    for t in T_ALL[d]:
        if t["truth"] == "DUE":
            for g in t["tags"].split("|"):
                if g:
                    tagt[g] += 1
for x in L:
    for g in x["tags"].split("|"):
        if g:
            tagl[g] += 1
print("### by noise tag (every tag a DUE request carries, combos included)\n")
print("| tag | DUE carrying it | lost | lost % |\n|---|---|---|---|")
for g in sorted(tagt, key=lambda g: -tagl[g]):
    print("| %s | %d | %d | %.1f%% |" % (g, tagt[g], tagl[g], 100 * tagl[g] / tagt[g]))
print()

# examples
TP = {}
ADS = {}


def master(d):
    if d not in TP:
        TP[d] = {r["tin"]: r for r in pq.read_table(os.path.join(d, "master", "taxpayers.parquet")).to_pylist()}
        a = collections.defaultdict(list)
        for r in pq.read_table(os.path.join(d, "master", "addresses.parquet")).to_pylist():
            a[r["tin"]].append(r)
        ADS[d] = a
    return TP[d], ADS[d]


print("## DUE losses by class (3 seeds summed)\n")
cls = collections.Counter(x["loss_class"].split("(")[0] for x in L)
print("| class | count |\n|---|---|")
for c, n in cls.most_common():
    print("| %s | %d |" % (c, n))
print()
print("### class x kind (NOT_DISCLOSED/REJECTED losses only)\n")
ck = collections.defaultdict(collections.Counter)
for x in L:
    if x["disposition"] != "REVIEW":
        ck[x["loss_class"].split("(")[0]][x["kind"]] += 1
for c in ck:
    print("- **%s**: %s" % (c, ", ".join("%s=%d" % kv for kv in ck[c].most_common())))
print()
mg = collections.Counter(x["margin"].split("|")[0] for x in L if x["loss_class"].startswith("defensible"))
print("defensible_ambiguous margins: %s\n" % dict(mg))
major = ["dob_digit", "translit", "given_second_only", "typo_first", "anglicized", "only_second_surname",
         "street_typo", "nickname_es", "compound_given_split", "twin", "nickname_en", "clean", "combo"]
print("## Examples (5 per major loss kind)\n")
for k in major:
    xs = [x for x in L if x["kind"] == k]
    rng.shuffle(xs)
    rv = [x for x in xs if x["disposition"] == "REVIEW"]
    nd = [x for x in xs if x["disposition"] != "REVIEW"]
    if rv and nd:
        n_nd = max(1, min(len(nd), round(5 * len(nd) / len(xs))))
        if n_nd == 5 and rv:
            n_nd = 4
        xs = nd[:n_nd] + rv[:5 - n_nd]
    print("### %s (%d lost of %d)\n" % (k, lost[k], tot[k]))
    for x in xs[:5]:
        tp, ads = master(x["seed"])
        p = tp[x["target_tin"]]
        print("- `%s` %s tags=%s  " % (x["request_id"], os.path.basename(x["seed"]), x["tags"]))
        print("  request: %s  " % x["req"])
        print("  master:  %s / %s / %s %s dob=%s; LKA: %s  " % (p["first_name"], p["middle_name"] or "", p["last_name"],
                                                           p["name_suffix"] or "", p["date_of_birth"], x["lka"]))
        if x["margin"] and not x["margin"].startswith("only"):
            print("  oracle: target beats runner-up by %s  " % x["margin"])
        print("  dgate:   **%s** %s p=%s candidates=%s%s\n" % (x["disposition"], x["reason_codes"], x["match_probability"],
                                                           x["candidate_count"],
                                                           (" match_tin=%s" % ("target" if x["match_tin"] == x["target_tin"] else x["match_tin"])) if x["match_tin"] else ""))

#!/usr/bin/env python3
"""score.py OUTDIR — score dgate's decision report / response file against truth.csv.

Writes OUTDIR/score.json, OUTDIR/score.txt, OUTDIR/losses.csv, OUTDIR/wrongful.txt."""
import collections
import csv
import json
import os
import sys

import pyarrow.parquet as pq

import oracle as O

OUT = sys.argv[1]


def rd(name):
    with open(os.path.join(OUT, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


T = rd("truth.csv")
R = rd(os.path.join("package", "records.csv"))
D = rd("decisions.csv")
RESP = rd("response.csv") if os.path.exists(os.path.join(OUT, "response.csv")) else []
PEOPLE = {p["tin"]: p for p in rd("people.csv")}
TP = {r["tin"]: r for r in pq.read_table(os.path.join(OUT, "master", "taxpayers.parquet")).to_pylist()}
ADS = collections.defaultdict(list)
for r in pq.read_table(os.path.join(OUT, "master", "addresses.parquet")).to_pylist():
    ADS[r["tin"]].append(r)

out = []
problems = []
assert len(T) == len(R) == len(D), (len(T), len(R), len(D))
for k, (t, r, d) in enumerate(zip(T, R, D)):
    if not (t["request_id"] == r["request_id"] == d["request_id"]):
        problems.append("row %d: request_id mismatch %s/%s/%s" % (k, t["request_id"], r["request_id"], d["request_id"]))


def same_addr(d, t):
    a = O.addr_key(d["street"], d["unit"], d["zip"])
    b = O.addr_key(t["lka_street"], t["lka_unit"], t["lka_zip"])
    return a == b


def fmt_req(r):
    nm = " / ".join(x for x in (r["first_name"], r["middle_name"], r["last_name"], r["name_suffix"]))
    ad = r["address"] or ("%s | %s | %s %s %s" % (r["street"], r["unit"], r["city"], r["state"], r["zip"]))
    return "name[%s] dob[%s] tin[%s] addr[%s]" % (nm, r["date_of_birth"], r["tin"], ad)


def fmt_tp(tin):
    if not tin:
        return "  (none)"
    p = TP.get(tin)
    if not p:
        return "  %s (not in master)" % tin
    s = "  %s %s / %s / %s / %s dob=%s dod=%s [%s %s]\n" % (
        tin, p["tin_type"], p["first_name"], p["middle_name"] or "", p["last_name"], p["date_of_birth"],
        p["date_of_death"], PEOPLE.get(tin, {}).get("hh_type", ""), PEOPLE.get(tin, {}).get("role", ""))
    for a in sorted(ADS[tin], key=lambda a: a["effective_date"]):
        s += "      %s %-8s %s | %s | %s %s %s\n" % (a["effective_date"], a["source"], a["street"], a["unit"] or "",
                                                    a["city"], a["state"], a["zip"])
    return s.rstrip("\n")


ARGUABLE = {"translit", "anglicized"}
DOB_TIN = {"dob_digit", "dob_swap", "with_tin"}


def loss_class(t, disp, codes):
    tags = set(x for x in t["tags"].split("|") if x)
    margin = t.get("margin", "")
    if disp == "REVIEW":
        return "review"
    if disp == "REJECTED":
        return "false_rejection"
    if "M_CONFLICT" in codes:
        return "refusal_on_dob_tin_discrepancy" if tags & DOB_TIN else "miss_conflict"
    if "M_DECEASED" in codes:
        return "miss_deceased"
    if "M_AMBIGUOUS" in codes:
        if margin and not margin.startswith("only_plausible"):
            return "defensible_ambiguous(co-resident runner-up: %s)" % margin.split("|")[0]
        return "miss_false_ambiguity"
    if tags & ARGUABLE and not (tags - ARGUABLE - {"missing_dob", "zip4", "unit_format", "street_abbrev"}):
        return "arguable_miss_name_variant"
    if "M_NAME_ONLY" in codes:
        return "miss_address_variant"
    return "miss_name_variant"


stats = collections.Counter()
by_truth_disp = collections.Counter()
wrongful = []
losses = []
loss_kind = collections.defaultdict(collections.Counter)
kind_total = collections.Counter()
kind_auto = collections.Counter()
kind_review = collections.Counter()
tag_total = collections.Counter()
tag_loss = collections.Counter()
legal_check = collections.Counter()
legal_issues = []
nd_review = collections.Counter()

for k, (t, r, d) in enumerate(zip(T, R, D)):
    tr, disp = t["truth"], d["disposition"]
    kind = t["kind"]
    kbase = kind.split(":")[0] if kind.startswith("legal") else kind
    by_truth_disp[(tr, disp)] += 1
    codes = set(x for x in d["reason_codes"].split(";") if x)
    if disp == "DISCLOSE":
        w = None
        if tr == "DUE":
            if d["match_tin"] != t["target_tin"]:
                w = "WRONG_PERSON"
            elif not same_addr(d, t):
                w = "NOT_LAST_KNOWN_ADDRESS"
        elif tr == "UNDECIDABLE":
            w = "UNDECIDABLE_DISCLOSED(%s)" % ("intended person" if d["match_tin"] == t["target_tin"] else
                                               "NOT the intended person")
        else:
            w = "NOT_DUE_DISCLOSED(%s)" % t["why"]
        if w:
            wrongful.append((w, k, t, r, d))
    if tr == "DUE":
        stats["due"] += 1
        kind_total[kind] += 1
        for tg in t["tags"].split("|"):
            if tg:
                tag_total[tg] += 1
        ok = disp == "DISCLOSE" and d["match_tin"] == t["target_tin"] and same_addr(d, t)
        if ok:
            stats["due_auto_ok"] += 1
            kind_auto[kind] += 1
        else:
            if disp == "REVIEW":
                stats["due_review"] += 1
                kind_review[kind] += 1
            key = "%s:%s" % (disp, d["reason_codes"])
            loss_kind[kind][key] += 1
            for tg in t["tags"].split("|"):
                if tg:
                    tag_loss[tg] += 1
            losses.append(dict(loss_class=loss_class(t, disp, codes), margin=t.get("margin", ""), row=k, request_id=t["request_id"], kind=kind, tags=t["tags"], disposition=disp,
                               reason_codes=d["reason_codes"], match_tin=d["match_tin"],
                               match_probability=d["match_probability"], candidate_count=d["candidate_count"],
                               target_tin=t["target_tin"], req=fmt_req(r),
                               lka="%s | %s | %s %s %s" % (t["lka_street"], t["lka_unit"], t["lka_city"], t["lka_state"], t["lka_zip"])))
    elif tr == "UNDECIDABLE":
        stats["undecidable"] += 1
        if disp == "REVIEW":
            nd_review["UNDECIDABLE"] += 1
    else:
        stats["not_due"] += 1
        if disp == "REVIEW":
            nd_review[t["why"]] += 1
        if t["why"].startswith("legal"):
            stats["legal"] += 1
            exp = set(x for x in t["exp_codes"].split(";") if x)
            acc = set(x for x in t["acc_codes"].split(";") if x)
            if disp != "REJECTED":
                legal_check["not_rejected"] += 1
                legal_issues.append(("NOT REJECTED", k, t, r, d))
            elif not exp <= codes:
                legal_check["missing_code"] += 1
                legal_issues.append(("MISSING %s" % ";".join(sorted(exp - codes)), k, t, r, d))
            else:
                legal_check["ok"] += 1
                extra = codes - exp - acc
                if extra:
                    legal_check["extra_codes"] += 1
                    legal_issues.append(("EXTRA %s" % ";".join(sorted(extra)), k, t, r, d))

# response-file consistency
resp_issues = []
if RESP:
    if len(RESP) != len(D):
        resp_issues.append("response has %d rows, decisions %d" % (len(RESP), len(D)))
    for d, s in zip(D, RESP):
        if d["request_id"] != s["request_id"]:
            resp_issues.append("order mismatch at %s" % d["request_id"])
            break
        exp = {"DISCLOSE": "DISCLOSED", "REJECTED": "REJECTED"}.get(d["disposition"], "NOT_DISCLOSED")
        if s["outcome"] != exp:
            resp_issues.append("%s: decision %s but outcome %s" % (d["request_id"], d["disposition"], s["outcome"]))
        if s["outcome"] == "NOT_DISCLOSED" and (s["reason_codes"] or s["street"]):
            resp_issues.append("%s: NOT_DISCLOSED carries data" % d["request_id"])
        if s["outcome"] == "DISCLOSED" and O.addr_key(s["street"], s["unit"], s["zip"]) != O.addr_key(d["street"], d["unit"], d["zip"]):
            resp_issues.append("%s: response address differs from decision" % d["request_id"])
    extra_cols = set(RESP[0].keys()) - {"request_id", "outcome", "reason_codes", "street", "unit", "city", "state", "zip"}
    if extra_cols:
        resp_issues.append("extra response columns: %s" % sorted(extra_cols))

due = stats["due"]
res = dict(
    requests=len(T), truth=dict(collections.Counter(t["truth"] for t in T)),
    disposition=dict(collections.Counter(d["disposition"] for d in D)),
    truth_x_disposition={"%s/%s" % k: v for k, v in sorted(by_truth_disp.items())},
    due=due, due_auto_disclosed_correct=stats["due_auto_ok"],
    recall_auto=round(stats["due_auto_ok"] / due, 4) if due else None,
    due_to_review=stats["due_review"], due_review_pct=round(100 * stats["due_review"] / due, 2) if due else None,
    due_lost=due - stats["due_auto_ok"],
    wrongful_total=len(wrongful), wrongful_by_type=dict(collections.Counter(w[0] for w in wrongful)),
    not_due_or_undecidable_sent_to_review=dict(nd_review),
    legal_records=stats["legal"], legal_check=dict(legal_check),
    response_issues=resp_issues[:50], alignment_problems=problems[:20],
)
json.dump(res, open(os.path.join(OUT, "score.json"), "w"), indent=1)

with open(os.path.join(OUT, "losses.csv"), "w", newline="", encoding="utf-8") as f:
    if losses:
        w = csv.DictWriter(f, list(losses[0].keys()))
        w.writeheader()
        w.writerows(losses)

lines = []
lines.append(json.dumps(res, indent=1))
lines.append("\n== DUE by kind: total / auto-disclosed / review / lost (recall)")
for kind in sorted(kind_total, key=lambda x: -(kind_total[x] - kind_auto[x])):
    n = kind_total[kind]
    lost = n - kind_auto[kind]
    lines.append("%-28s %5d %5d %4d %5d  %.3f   %s" % (kind, n, kind_auto[kind], kind_review[kind], lost,
                                                      kind_auto[kind] / n,
                                                      ", ".join("%s=%d" % kv for kv in loss_kind[kind].most_common(4))))
lines.append("\n== DUE losses by class")
for c, n in collections.Counter(x["loss_class"].split("(")[0] for x in losses).most_common():
    lines.append("%-45s %5d" % (c, n))
lines.append("\n== DUE losses by noise tag (a request may carry several tags): tag total lost")
for tg in sorted(tag_total, key=lambda x: -tag_loss[x]):
    lines.append("%-28s %5d %5d" % (tg, tag_total[tg], tag_loss[tg]))
lines.append("\n== legal-check issues (%d)" % len(legal_issues))
for what, k, t, r, d in legal_issues[:60]:
    lines.append("%s | row %d %s kind=%s exp=%s got=%s %s | %s" % (what, k, t["request_id"], t["kind"], t["exp_codes"],
                                                                d["disposition"], d["reason_codes"], fmt_req(r)))
open(os.path.join(OUT, "score.txt"), "w").write("\n".join(lines) + "\n")

with open(os.path.join(OUT, "wrongful.txt"), "w") as f:
    for w, k, t, r, d in wrongful:
        f.write("=== %s  row %d  %s  kind=%s tags=%s truth=%s why=%s\n" % (w, k, t["request_id"], t["kind"], t["tags"],
                                                                        t["truth"], t["why"]))
        f.write("request: %s\n" % fmt_req(r))
        f.write("dgate:   %s %s match_tin=%s p=%s cands=%s -> %s | %s | %s %s %s (%s %s)\n" % (
            d["disposition"], d["reason_codes"], d["match_tin"], d["match_probability"], d["candidate_count"],
            d["street"], d["unit"], d["city"], d["state"], d["zip"], d["address_source"], d["address_effective_date"]))
        f.write("disclosed taxpayer:\n%s\n" % fmt_tp(d["match_tin"]))
        if t["target_tin"] and t["target_tin"] != d["match_tin"]:
            f.write("intended/true taxpayer:\n%s\n" % fmt_tp(t["target_tin"]))
        elif t["person_tin"] and t["person_tin"] != d["match_tin"]:
            pp = PEOPLE.get(t["person_tin"], {})
            f.write("person the request describes: %s %s/%s/%s dob=%s ghost=%s (%s)\n" % (
                t["person_tin"], pp.get("first"), pp.get("middle"), pp.get("last"), pp.get("dob"), pp.get("ghost"),
                pp.get("hh_type")))
        if t["truth"] == "DUE":
            f.write("expected LKA: %s | %s | %s %s %s (%s %s)\n" % (t["lka_street"], t["lka_unit"], t["lka_city"],
                                                                 t["lka_state"], t["lka_zip"], t["lka_source"], t["lka_eff"]))
        if t["cand_tins"] and ";" in t["cand_tins"]:
            for c in t["cand_tins"].split(";"):
                if c != d["match_tin"]:
                    f.write("other indistinguishable candidate:\n%s\n" % fmt_tp(c))
        f.write("\n")

print("\n".join(lines[:1]))
print("wrongful written to", os.path.join(OUT, "wrongful.txt"))

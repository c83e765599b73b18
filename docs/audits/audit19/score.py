"""python score.py OUTDIR : wrongful disclosures, recall and review rate of DUE, misses by kind/reason"""
import sys, json, re, unicodedata, pandas as pd
OUT = sys.argv[1]
S = lambda: dict(dtype=str, keep_default_na=False)
tr = pd.read_csv(OUT + "/truth.csv", **S()); de = pd.read_csv(OUT + "/decisions.csv", **S()); rq = pd.read_csv(OUT + "/records.csv", **S())
tp = pd.read_parquet(OUT + "/master/taxpayers.parquet").astype(object).fillna("").map(str); ad = pd.read_parquet(OUT + "/master/addresses.parquet").astype(object).fillna("").map(str)
m = tr.merge(de, on="request_id", how="left", suffixes=("", "_d"))
# last known address recomputed from the master rows themselves (latest effective_date; tie FORM_8822 > RETURN > NCOA)
RK = {"FORM_8822": 0, "RETURN": 1, "NCOA": 2}
L = ad.assign(rk=ad.source.map(RK)).sort_values(["tin", "effective_date", "rk"], ascending=[True, False, True]).drop_duplicates("tin")
L = L.set_index("tin")
for c in ("street", "unit", "city", "state", "zip"):
    m["lka_" + c] = m.tin.map(L[c]).fillna("")
def nz(s):
    s = "".join(c for c in unicodedata.normalize("NFD", str(s)) if unicodedata.category(c) != "Mn").upper()
    s = re.sub(r"\b(APT|UNIT|STE|SUITE|NO)\b", " ", s)
    return re.sub(r"[^A-Z0-9]", "", s)
def addr_ok(r):
    return all(nz(r[c]) == nz(r["lka_" + c]) for c in ("street", "unit", "city", "state")) and r["zip"][:5] == r["lka_zip"][:5]
def who(tin):
    if not tin: return "  (none)"
    t = tp[tp.tin == tin].to_dict("records"); a = ad[ad.tin == tin].sort_values("effective_date", ascending=False)
    return "  TP " + json.dumps(t[0] if t else {}, ensure_ascii=False) + "\n" + "\n".join("   ADDR " + " | ".join(x) for x in a[["street", "unit", "city", "state", "zip", "source", "effective_date"]].values.tolist())
def req(rid):
    r = rq[rq.request_id == rid].iloc[0]
    return "  REQ " + " | ".join(f"{k}={r[k]}" for k in ["first_name", "middle_name", "last_name", "name_suffix", "date_of_birth", "tin", "street", "unit", "city", "state", "zip", "address"] if r[k])
lines = []
wrong = []
for _, r in m[m.disposition == "DISCLOSE"].iterrows():
    if r.expect == "UNDECIDABLE": continue
    why = None
    if r.expect == "NOT_DUE": why = "disclosed, none due"
    elif r.match_tin != r.tin: why = "wrong person"
    elif not addr_ok(r): why = "address is not the last known one"
    if why: wrong.append((r, why))
lines.append(f"# {OUT}: {len(m)} requests; DUE {sum(m.expect=='DUE')}, NOT_DUE {sum(m.expect=='NOT_DUE')}, UNDECIDABLE {sum(m.expect=='UNDECIDABLE')}")
due = m[m.expect == "DUE"]
ok = due[(due.disposition == "DISCLOSE") & (due.match_tin == due.tin)]
rev = due[due.disposition == "REVIEW"]
fig = dict(seed=OUT, wrongful=len(wrong), due=len(due), recall=round(len(ok) / len(due), 4), review_rate=round(len(rev) / len(due), 4),
           due_not_disclosed=int(sum(due.disposition == "NOT_DISCLOSED")), due_rejected=int(sum(due.disposition == "REJECTED")),
           notdue_review=int(sum((m.expect == "NOT_DUE") & (m.disposition == "REVIEW"))),
           undecidable_disclosed=int(sum((m.expect == "UNDECIDABLE") & (m.disposition == "DISCLOSE"))))
lines.append("FIGURES " + json.dumps(fig))
lines.append(f"\n## Wrongful disclosures: {len(wrong)}")
for r, why in wrong:
    lines += [f"- {r.request_id} kind={r.kind} extras={r.extras} note={r.note} -> {why}; dgate {r.disposition} {r.reason_codes} p={r.match_probability} tin={r.match_tin}",
              f"  DISCLOSED {r.street} | {r.unit} | {r.city} | {r.state} | {r.zip} | {r.address_source} {r.address_effective_date}",
              req(r.request_id), " expected person:", who(r.tin), " dgate's person:", who(r.match_tin) if r.match_tin != r.tin else "  (same)"]
und = m[(m.expect == "UNDECIDABLE") & (m.disposition == "DISCLOSE")]
lines.append(f"\n## UNDECIDABLE requests that dgate disclosed: {len(und)} (not counted as wrongful; judge them)")
for _, r in und.iterrows():
    lines += [f"- {r.request_id} kind={r.kind} note={r.note} -> dgate {r.disposition} {r.reason_codes} p={r.match_probability} tin={r.match_tin} (generator's person {r.tin})", req(r.request_id)]
lines.append("\n## DUE by kind: n, disclosed-correct, review, not_disclosed, rejected, recall")
g = due.assign(okd=(due.disposition == "DISCLOSE") & (due.match_tin == due.tin))
for k, x in g.groupby("kind"):
    lines.append(f"{k:24s} {len(x):5d} {x.okd.sum():5d} {sum(x.disposition=='REVIEW'):4d} {sum(x.disposition=='NOT_DISCLOSED'):4d} {sum(x.disposition=='REJECTED'):4d}  {x.okd.mean():.3f}")
lines.append("\n## DUE misses by kind x disposition/reason")
miss = g[~g.okd]
lines.append(miss.groupby(["kind", "disposition", "reason_codes"]).size().sort_values(ascending=False).to_string())
lines.append("\n## DUE misses by extras (light noise) ")
lines.append(g.assign(e=g.extras.str.split("+")).explode("e").groupby("e").okd.agg(["size", "mean"]).to_string())
lines.append("\n## NOT_DUE and UNDECIDABLE by kind x disposition")
lines.append(m[m.expect != "DUE"].groupby(["expect", "kind", "disposition"]).size().unstack(fill_value=0).to_string())
lines.append("\n## Every DUE miss (request vs expected master rows)")
for _, r in miss.iterrows():
    lines += [f"- {r.request_id} kind={r.kind} extras={r.extras} note={r.note} -> dgate {r.disposition} {r.reason_codes} p={r.match_probability} cand={r.candidate_count} tin={r.match_tin}",
              req(r.request_id), who(r.tin)]
    if r.match_tin and r.match_tin != r.tin: lines += [" dgate's person:", who(r.match_tin)]
open(OUT + "/score.txt", "w").write("\n".join(lines) + "\n")
json.dump(fig, open(OUT + "/figures.json", "w"))
print("\n".join(lines[:2 + 1 + 6 * len(wrong) + 40]))

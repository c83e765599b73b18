"""show.py OUT REQUEST_ID... -- print a request, its decision and every candidate's master rows"""
import csv, sys, os
OUT = sys.argv[1]
rd = lambda f: list(csv.DictReader(open(os.path.join(OUT, f), encoding="utf-8")))
tr = {r["request_id"]: r for r in rd("truth.csv")}
rq = {r["request_id"]: r for r in rd("requests_debug.csv")}
dc = {r["request_id"]: r for r in rd("decisions.csv")}
tp = {r["tin"]: r for r in rd("master/taxpayers.csv")}
ad = {}
for r in rd("master/addresses.csv"):
    ad.setdefault(r["tin"], []).append(r)
for rid in sys.argv[2:]:
    t, q, d = tr[rid], rq[rid], dc[rid]
    print(f"== {rid} kind={t['kind']} truth={t['truth']} truth_tin={t['tin']} target={t['target']}")
    print("  request:", {k: v for k, v in q.items() if v and k in ("first_name", "middle_name", "last_name", "name_suffix", "date_of_birth", "tin", "street", "unit", "city", "state", "zip", "address", "final_order_date", "case_agent_id")})
    print("  decision:", {k: v for k, v in d.items() if v})
    tins = [c.split(":")[0] for c in t["candidates"].split("|") if c]
    for x in [d["match_tin"], t["target"]]:
        if x and x not in tins:
            tins.append(x)
    for tin in tins:
        m = tp[tin]
        print(f"  master {tin} {m['tin_type']}: {m['first_name']!r} {m['middle_name']!r} {m['last_name']!r} sfx={m['name_suffix']!r} dob={m['date_of_birth']} dod={m['date_of_death']}")
        for a in sorted(ad[tin], key=lambda a: a["effective_date"]):
            print(f"      {a['street']!r} {a['unit']!r} {a['city']} {a['state']} {a['zip']} {a['source']} ty={a['tax_year']} eff={a['effective_date']}")

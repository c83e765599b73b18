# executed inside gen.py (shares its globals): builds OUTDIR/records.csv and OUTDIR/truth.csv
import csv, string

def up(s): return deacc(s or "").upper()
NAMEKEYS = {}
for p in PEOPLE: NAMEKEYS.setdefault((up(p["first"]).split()[0], up(p["last"]).split()[0]), []).append(p)
ADDR_RES = {}  # akey -> taxpayers with that address anywhere in history
for p in PEOPLE:
    for a, *_ in p["hist"]: ADDR_RES.setdefault(akey(a), set()).add(p["tin"])
USED = set()
AGENTS = [f"HSI-SA-{i:04d}" for i in range(1, 241)]
REASONS = ["Subject of an open criminal investigation under 8 U.S.C. 1253(a)(1) for willful failure to depart after a final order of removal; address needed to locate the subject for that investigation.",
           "Final order of removal more than 90 days old; subject has not departed; investigation of the 1253(a)(1) offence requires the subject's current address."]

def typo(w, protect_first=True):
    w = list(w); i0 = 1 if protect_first else 0
    if len(w) < 4: return "".join(w)
    op = R.choice(["del", "swap", "sub", "dbl"])
    i = R.randrange(i0, len(w) - 1)
    if op == "del": del w[i]
    elif op == "swap": w[i], w[i + 1] = w[i + 1], w[i]
    elif op == "sub": w[i] = R.choice([c for c in "AEIOUNRSTL" if c != w[i]])
    else: w.insert(i, w[i])
    return "".join(w)

def base_row(p, a, dob_p=0.4, acc_keep=0.1):
    f, l = (p["first"], p["last"]) if R.random() < acc_keep else (up(p["first"]), up(p["last"]))
    row = dict(first_name=f.upper(), middle_name=up(p["middle"]), last_name=l.upper(), name_suffix=p["suffix"],
               date_of_birth=str(p["dob"]) if R.random() < dob_p else "", tin="", a_number="",
               street=street_of(a), unit=unit_of(a), city=a["city"], state=a["state"], zip=a["zip"], address="")
    if row["middle_name"] and R.random() < 0.4: row["middle_name"] = row["middle_name"][0]
    elif row["middle_name"] and R.random() < 0.3: row["middle_name"] = ""
    return row

def legal(row, good=True):
    row.update(taxable_periods=R.choice(["2023;2024", "2022-2024", "2024", "2021;2022;2023;2024", "2025"]),
               statute=R.choice(["", "", "", "8 U.S.C. 1253(a)(1)", "8 USC 1253(a)(1)"]), reason=pick(REASONS),
               final_order_date=str(d(2015, 2025) if R.random() < 0.9 else SIGNED_AT - dt.timedelta(days=R.randint(91, 200))),
               case_number=f"HSI-{R.randint(2019, 2026)}-{R.randint(100000, 999999)}", case_agent_id=pick(AGENTS))
    return row

# ------------------------------------------------ light, realistic noise (applied to many rows of any kind)
def light(row, a):
    ex = []
    if R.random() < 0.12 and len(row["zip"]) == 5: row["zip"] += f"-{R.randint(1, 9999):04d}"; ex.append("zip4")
    if R.random() < 0.12 and a["suf"] and row["street"].endswith(" " + a["suf"]):
        row["street"] = row["street"][: -len(a["suf"])] + SUFFIXES[a["suf"]]; ex.append("suffix_full")
    if R.random() < 0.06:
        for k in ("first_name", "last_name", "street", "city", "middle_name", "unit"): row[k] = row[k].title()
        ex.append("titlecase")
    if R.random() < 0.05 and row["unit"] and a["uid"]: row["unit"] = "#" + a["uid"]; ex.append("unit_hash")
    return ex

def person_ok(p, need_dob=False):
    return p["tin"] not in USED and p["taxpayer"] and not p["dod"] and (p["master_dob"] or not need_dob)

def rand_person(cond=lambda p: True, need_dob=False, tries=400):
    for _ in range(tries):
        p = pick(PEOPLE)
        if person_ok(p, need_dob) and cond(p): return p
    return None

def hist_addr(p, old=False):
    cur = lka(p)
    if old:
        olds = [a for a, *_ in p["hist"] if akey(a) != akey(cur)]
        return pick(olds) if olds else None
    return cur

# ------------------------------------------------ DUE generators: return (row, person, address_used, note)
def g_clean():
    p = rand_person(); a = hist_addr(p); return base_row(p, a), p, a, ""
def g_clean_dob():
    p = rand_person(need_dob=True); a = hist_addr(p); r = base_row(p, a, dob_p=1); return r, p, a, ""
def g_tin_given():
    p = rand_person(); a = hist_addr(p); r = base_row(p, a); r["tin"] = p["tin"] if R.random() < .5 else f"{p['tin'][:3]}-{p['tin'][3:5]}-{p['tin'][5:]}"; return r, p, a, ""
def g_old_address():
    p = rand_person(lambda p: len(p["hist"]) > 1); a = hist_addr(p, old=True)
    return (base_row(p, a), p, a, "") if a else None
def g_moved_out_child():
    p = rand_person(lambda p: p.get("moved_out")); 
    if not p: return None
    a = HH[p["hh"]]["addr"]; return base_row(p, a), p, a, "request at parents' address"
def first_tok_sub(table):
    def g():
        p = rand_person(lambda p: up(p["first"]).split()[0] in table)
        if not p: return None
        a = hist_addr(p); r = base_row(p, a); t = r["first_name"].split()
        v = table[t[0]]; t[0] = pick(v) if isinstance(v, list) else v; r["first_name"] = " ".join(t); return r, p, a, ""
    return g
g_nickname, g_anglicized = first_tok_sub(NICK), first_tok_sub(ANGLICIZE)
def g_typo_first():
    p = rand_person(lambda p: len(up(p["first"]).split()[0]) >= 5); a = hist_addr(p); r = base_row(p, a)
    t = r["first_name"].split(); t[0] = typo(t[0]); r["first_name"] = " ".join(t); return r, p, a, ""
def g_typo_last():
    p = rand_person(lambda p: len(up(p["last"]).split()[0]) >= 5); a = hist_addr(p); r = base_row(p, a)
    t = r["last_name"].split(); t[0] = typo(t[0]); r["last_name"] = " ".join(t); return r, p, a, ""
def g_typo_street():
    p = rand_person(lambda p: max(len(w) for w in lka(p)["name"].split()) >= 5 and not lka(p)["name"][0].isdigit())
    a = hist_addr(p); r = base_row(p, a)
    w = max(a["name"].split(), key=len); r["street"] = r["street"].replace(w, typo(w), 1); return r, p, a, f"{w}"
def g_street_format():
    p = rand_person(); a = hist_addr(p); r = base_row(p, a); s = r["street"]; ops = []
    if a["pre"]: ops += [lambda s: s.replace(f" {a['pre']} ", f" {DIRS[a['pre']]} ", 1), lambda s: s.replace(f" {a['pre']} ", " ", 1),
                         lambda s: s.replace(f" {a['pre']} ", f" {a['pre']}. ", 1)]
    if a["suf"]: ops += [lambda s: s[: -len(a["suf"])] + SUFFIXES[a["suf"]], lambda s: s + ".", lambda s: s[: -len(a["suf"])].strip()]
    if a["name"][:-2].isdigit() and int(a["name"][:-2]) in ORD_WORDS: ops.append(lambda s: s.replace(a["name"], ORD_WORDS[int(a["name"][:-2])]))
    for k, v in (("ST JAMES", "SAINT JAMES"), ("ST CHARLES", "SAINT CHARLES"), ("MARTIN LUTHER KING JR", "MLK"),
                 ("MOUNT VERNON", "MT VERNON"), ("FT WORTH", "FORT WORTH"), ("EL CAMINO REAL", "EL CAMINO")):
        if k in s: ops.append(lambda s, k=k, v=v: s.replace(k, v))
    if not ops: return None
    r["street"] = pick(ops)(s); return r, p, a, ""
def g_missing_unit():
    p = rand_person(lambda p: lka(p)["uid"] and not p.get("bldg_namesake")); 
    if not p: return None
    a = hist_addr(p); r = base_row(p, a); r["unit"] = ""; return r, p, a, ""
def g_unit_format():
    p = rand_person(lambda p: lka(p)["uid"]); a = hist_addr(p); r = base_row(p, a); u = a["uid"]
    f = pick([f"#{u}", f"APT. {u}", f"APT {u[:-1]}-{u[-1]}" if len(u) > 1 and u[-1].isalpha() else f"APT {u}", f"UNIT {u}", u, f"NO. {u}", "inline"])
    if f == "inline": r["street"] += pick([f" APT {u}", f" #{u}", f", {a['utype'] if a['utype'] != '#' else 'APT'} {u}"]); r["unit"] = ""
    else: r["unit"] = f
    return r, p, a, f
def g_zip_plus4():
    p = rand_person(); a = hist_addr(p); r = base_row(p, a); r["zip"] += pick(["-", "", " "]) + f"{R.randint(1, 9999):04d}"; return r, p, a, ""
def g_whole_address():
    p = rand_person(); a = hist_addr(p); r = base_row(p, a)
    u = (" " + r["unit"]) if r["unit"] else ""
    r["address"] = pick([f"{r['street']}{u}, {r['city']}, {r['state']} {r['zip']}", f"{r['street']}{u} {r['city']} {r['state']} {r['zip']}",
                         f"{r['street']},{u} {r['city']} {r['state']}, {r['zip']}"])
    r.update(street="", unit="", city="", state="", zip=""); return r, p, a, ""
def g_swapped_names():
    p = rand_person(); a = hist_addr(p); r = base_row(p, a); r["first_name"], r["last_name"] = r["last_name"], r["first_name"]; return r, p, a, ""
def two_surn(p): t = up(p["last"]).split(); return len(t) == 2 and p["trad"] == "HISP" and not any(x in ("DE", "DEL", "LA", "LOS") for x in t)
def g_one_surname():
    p = rand_person(two_surn)
    if not p: return None
    a = hist_addr(p); r = base_row(p, a); r["last_name"] = r["last_name"].split()[0]; return r, p, a, ""
def g_second_surname():
    p = rand_person(two_surn)
    if not p: return None
    a = hist_addr(p); r = base_row(p, a); r["last_name"] = r["last_name"].split()[1]; return r, p, a, ""
def g_hyphen_surname():
    p = rand_person(two_surn)
    if not p: return None
    a = hist_addr(p); r = base_row(p, a); r["last_name"] = "-".join(r["last_name"].split()); return r, p, a, ""
def g_particle_variant():
    p = rand_person(lambda p: any(x in up(p["last"]) for x in ("DE ", "DEL ", "DELA ", "AL-", "AL ", "EL-", "ABDEL", "SAINT-", "ST ", "JEAN-")))
    if not p: return None
    a = hist_addr(p); r = base_row(p, a); l = r["last_name"]
    opts = [l.replace(" ", ""), l.replace("-", " "), l.replace("-", ""), l.replace("DELA ", "DE LA "), l.replace("DE LA ", "DELA "),
            l.replace("SAINT-", "ST "), l.replace("ST ", "SAINT-"), l.replace("AL-", "AL ")]
    opts = [o for o in opts if o != l]
    if not opts: return None
    r["last_name"] = pick(opts); return r, p, a, ""
def g_double_given():
    p = rand_person(lambda p: " " in p["first"] or (p["trad"] in ("HISP", "FIL") and p["middle"] and len(p["middle"]) > 2))
    if not p: return None
    a = hist_addr(p); r = base_row(p, a); f, m = up(p["first"]), up(p["middle"])
    if " " in f:
        x, y = f.split(" ", 1)
        r["first_name"], r["middle_name"] = pick([(x, y), (x, ""), (f.replace(" ", "-"), ""), (x, y[0])])
    else:
        r["first_name"], r["middle_name"] = f"{f} {m}", ""
    return r, p, a, ""
def g_second_given_only():
    p = rand_person(lambda p: p["trad"] == "HISP" and (" " in p["first"] or (p["middle"] and len(p["middle"]) > 2)))
    if not p: return None
    a = hist_addr(p); r = base_row(p, a); f = (up(p["first"]) + " " + up(p["middle"])).split()
    if f[1] in ("DE", "DEL"): return None
    r["first_name"], r["middle_name"] = f[1], ""; return r, p, a, "goes by second given name"
def g_middle_variant():
    p = rand_person(lambda p: p["middle"] and len(p["middle"]) > 2)
    a = hist_addr(p); r = base_row(p, a); r["middle_name"] = pick([up(p["middle"]), up(p["middle"])[0], ""]); return r, p, a, ""
def g_accent_case():
    p = rand_person(lambda p: p["trad"] == "HISP"); a = hist_addr(p); r = base_row(p, a)
    acc = lambda s: " ".join(ACCENTS.get(w, w) for w in s.split())
    r["first_name"], r["last_name"] = acc(r["first_name"]), acc(r["last_name"])
    if R.random() < .5:
        for k in ("first_name", "last_name", "street", "city"): r[k] = r[k].lower()
    return r, p, a, ""
def g_jr_sr_household():
    p = rand_person(lambda p: any(q is not p and up(q["first"]) == up(p["first"]) and q["last"] == p["last"] for q in HH[p["hh"]]["members"]))
    if not p: return None
    a = hist_addr(p); r = base_row(p, a, dob_p=0.5)
    if not r["name_suffix"] and not r["date_of_birth"]:
        if p["master_dob"]: r["date_of_birth"] = str(p["dob"])
        else: return None
    return r, p, a, "suffix/dob given"
def g_twin():
    p = rand_person(lambda p: any(q is not p and q["dob"] == p["dob"] for q in HH[p["hh"]]["members"]))
    if not p: return None
    a = hist_addr(p); r = base_row(p, a, dob_p=0.6); return r, p, a, ""
def g_city_variant():
    p = rand_person(); a = hist_addr(p); r = base_row(p, a); z = ZIPSET.get(a["zip"])
    alts = [c.upper() for c in (z or {}).get("acceptable_cities", [])]
    if alts and R.random() < .6: r["city"] = pick(alts); return r, p, a, "acceptable city"
    c = r["city"]
    if c.startswith("SAINT "): r["city"] = "ST " + c[6:]
    elif c.startswith("ST "): r["city"] = "SAINT " + c[3:]
    elif len(c) >= 6 and R.random() < .6: r["city"] = " ".join(typo(w) if len(w) >= 5 else w for w in c.split())
    else: r["city"] = ""; return r, p, a, "city omitted"
    return r, p, a, "city spelling"
def g_zip_typo():
    p = rand_person(); a = hist_addr(p); r = base_row(p, a)
    cands = [z for z in (a["zip"][:4] + str(i) for i in range(10)) if z != a["zip"] and ALLZIP.get(z) == a["state"]]
    if not cands: return None
    r["zip"] = pick(cands); return r, p, a, "zip one digit off, same state"
def g_bldg_with_unit():
    p = rand_person(lambda p: p.get("bldg_namesake"))
    if not p: return None
    a = HH[p["hh"]]["addr"]; r = base_row(p, a); return r, p, a, "namesake in same building, unit given"
def g_two_marias_dob():
    p = rand_person(lambda p: up(p["first"]).startswith("MARIA") and sum(up(q["first"]).startswith("MARIA") for q in HH[p["hh"]]["members"]) > 1, need_dob=True)
    if not p: return None
    a = hist_addr(p); r = base_row(p, a, dob_p=1); r["first_name"] = up(p["first"]); r["middle_name"] = up(p["middle"])
    return r, p, a, "second given name given"

DUE = dict(clean=8, clean_dob=3, tin_given=0.7, old_address=6, moved_out_child=1.5, nickname=3, anglicized=2,
           typo_first=3, typo_last=3, typo_street=4, street_format=5, missing_unit=3, unit_format=3, zip_plus4=2,
           whole_address=3, swapped_names=2, one_surname=3, second_surname=1.5, hyphen_surname=1.5,
           particle_variant=2, double_given=2.5, middle_variant=2, accent_case=2, jr_sr_household=2, twin=1.5,
           city_variant=2, zip_typo=1, second_given_only=1.5, bldg_with_unit=0.7, two_marias_dob=0.7)

# ------------------------------------------------ NOT_DUE generators: (row, related person or None, note)
def rand_name_like(trad):
    q = person(trad, R.choice("MF")); return q
def g_stranger_same_name_elsewhere():
    p = rand_person()
    same = NAMEKEYS[(up(p["first"]).split()[0], up(p["last"]).split()[0])]
    for _ in range(20):
        a = pick(HH)["addr"] if R.random() < .5 else new_addr()
        if not any(akey(a) == akey(h) for q in same for h, *_ in q["hist"]) and not (ADDR_RES.get(akey(a), set()) & {q["tin"] for q in same}):
            r = base_row(p, a, dob_p=0.2); r["date_of_birth"] = r["date_of_birth"] and str(d(1950, 2004)); return r, p, "name of a taxpayer, address none of theirs"
    return None
def g_same_name_same_street():
    p = rand_person(lambda p: p["hist"][0][0]["num"].isdigit()); a = dict(lka(p))
    n = int(a["num"]) + pick([-10, -4, -2, 2, 4, 6, 10, 100])
    if n <= 0: return None
    a["num"] = str(n)
    same = {q["tin"] for q in NAMEKEYS[(up(p["first"]).split()[0], up(p["last"]).split()[0])]}
    if ADDR_RES.get(akey(a), set()) & same: return None
    if any(h["num"] == a["num"] and h["name"] == a["name"] and h["zip"] == a["zip"] for h, *_ in p["hist"]): return None
    return base_row(p, a, dob_p=0), p, f"house number {lka(p)['num']}->{n}"
def g_relative_address():
    p = rand_person()
    same = {q["tin"] for q in NAMEKEYS[(up(p["first"]).split()[0], up(p["last"]).split()[0])]}
    hs = [h for h in R.sample(HH, 400) if h["id"] != p["hh"] and any(up(q["last"]).split()[0] == up(p["last"]).split()[0] for q in h["members"])
          and not (ADDR_RES.get(akey(h["addr"]), set()) & same)]
    if not hs: return None
    return base_row(p, pick(hs)["addr"], dob_p=0.2), p, "taxpayer's name at a same-surname household they never lived at"
def g_address_only():
    h = pick(HH); q = rand_name_like(h["members"][0]["trad"])
    names = {(up(x["first"]).split()[0], up(x["last"]).split()[0]) for x in h["members"]}
    if (up(q["first"]).split()[0], up(q["last"]).split()[0]) in names: return None
    return base_row(q, h["addr"], dob_p=0.3), None, "unrelated non-taxpayer at a taxpayer address"
def similar(a, b):
    a, b = up(a), up(b)
    return a[:3] == b[:3] or a in NICK.get(b, []) + [ANGLICIZE.get(b)] or b in NICK.get(a, []) + [ANGLICIZE.get(a)]
def g_relative_nontaxpayer():
    h = pick([h for h in R.sample(HH, 50) if h["nontp"]] or [None])
    if not h: return None
    q = pick(h["nontp"])
    if q.get("namesake_of") or any(similar(q["first"].split()[0], m["first"].split()[0]) or q["first"] == m["first"] for m in h["members"]): return None
    return base_row(q, h["addr"], dob_p=0.3), h["members"][0], "non-taxpayer relative, distinct first name"
def g_gender_pair_relative():
    p = rand_person(lambda p: up(p["first"]).split()[0] in GENDER_PAIR)
    if not p: return None
    alt = GENDER_PAIR[up(p["first"]).split()[0]]
    if any(up(m["first"]).split()[0] == alt for m in HH[p["hh"]]["members"]): return None
    a = HH[p["hh"]]["addr"]; r = base_row(p, a, dob_p=0); r["first_name"] = alt; r["middle_name"] = ""
    if R.random() < .3: r["date_of_birth"] = str(d(1990, 2006))
    return r, p, f"non-taxpayer relative {alt} of taxpayer {up(p['first'])}"
def g_deceased():
    p = pick([p for p in R.sample(PEOPLE, 2000) if p["dod"] and p["tin"] not in USED]); a = hist_addr(p)
    return base_row(p, a), p, f"died {p['dod']}"
def g_conflicting_dob():
    p = rand_person(need_dob=True); a = hist_addr(p); r = base_row(p, a)
    r["date_of_birth"] = str(p["dob"] + dt.timedelta(days=pick([1, -1]) * R.randint(3 * 365, 25 * 365))); return r, p, "DOB years apart"
def g_conflicting_tin():
    p = rand_person(); a = hist_addr(p); r = base_row(p, a); r["tin"] = pick([t for t in R.sample(list(BY_TIN), 5) if t != p["tin"]]); return r, p, "TIN of another taxpayer"
def g_jr_sr_ambiguous():
    p = rand_person(lambda p: any(q is not p and up(q["first"]) == up(p["first"]) and q["last"] == p["last"] and q["dod"] is None for q in HH[p["hh"]]["members"]))
    if not p: return None
    r = base_row(p, HH[p["hh"]]["addr"], dob_p=0); r["name_suffix"] = ""; r["middle_name"] = ""; return r, p, "father & son both taxpayers, no suffix/DOB"
def g_two_marias():
    p = rand_person(lambda p: up(p["first"]).startswith("MARIA") and sum(up(q["first"]).startswith("MARIA") and q["last"] == p["last"] for q in HH[p["hh"]]["members"]) > 1)
    if not p: return None
    r = base_row(p, HH[p["hh"]]["addr"], dob_p=0); r["first_name"] = "MARIA"; r["middle_name"] = ""; return r, p, "two MARIA x sisters, request MARIA only"
def g_bldg_no_unit():
    p = rand_person(lambda p: p.get("bldg_namesake"))
    if not p: return None
    r = base_row(p, HH[p["hh"]]["addr"], dob_p=0); r["unit"] = ""; r["middle_name"] = ""; r["name_suffix"] = ""; return r, p, "same-name taxpayers in one building, no unit"
def g_suffix_conflict():
    hs = [h for h in R.sample(HH, 3000) if any(q.get("namesake_of") for q in h["nontp"])]
    if not hs: return None
    q = [q for q in pick(hs)["nontp"] if q.get("namesake_of")][0]; f = q["namesake_of"]
    if not f["master_dob"] or f["tin"] in USED: return None
    r = base_row(q, HH[q["hh"]]["addr"], dob_p=1); r["date_of_birth"] = str(q["dob"]); return r, f, "non-taxpayer JR, his DOB given; father (taxpayer) same name"
def someone_there(row, a):
    f = up(row["first_name"]); l = set(up(row["last_name"]).split())
    return any(up(q["first"]) == f and set(up(q["last"]).split()) == l for t in ADDR_RES.get(akey(a), ()) for q in [BY_TIN[t]])
def g_second_surname_conflict():
    p = rand_person(two_surn)
    if not p: return None
    a = HH[p["hh"]]["addr"]; r = base_row(p, a, dob_p=0.2); t = r["last_name"].split()
    t[1] = pick([x for x in HISP_SUR if x != t[1] and x != t[0]]); r["last_name"] = " ".join(t)
    if r["date_of_birth"]: r["date_of_birth"] = str(d(1960, 2005))
    if someone_there(r, a): return None
    return r, p, "cousin: same first name + first surname, different second surname, at taxpayer's address"
def g_double_given_conflict():
    p = rand_person(lambda p: up(p["first"]) in HISP_DOUBLE_F + HISP_DOUBLE_M or (p["trad"] == "HISP" and up(p["first"] + " " + p["middle"]) in HISP_DOUBLE_F + HISP_DOUBLE_M))
    if not p: return None
    full = up(p["first"] + " " + p["middle"]).strip(); pool = HISP_DOUBLE_F if full in HISP_DOUBLE_F else HISP_DOUBLE_M
    alt = pick([x for x in pool if x.split()[0] == full.split()[0] and x != full] or [None])
    if not alt: return None
    a = HH[p["hh"]]["addr"]; r = base_row(p, a, dob_p=0); r["first_name"], r["middle_name"] = alt, ""
    if any(up(q["first"] + " " + q["middle"]).strip() == alt for q in HH[p["hh"]]["members"]) or someone_there(r, a): return None
    return r, p, f"non-taxpayer sibling {alt}; taxpayer there is {full}"
def g_suffix_conflict_nodob():
    p = rand_person(lambda p: p["suffix"] == "SR" and not any(q is not p and up(q["first"]) == up(p["first"]) for q in HH[p["hh"]]["members"]))
    if p and R.random() < 0.5: return None
    if not p: return None
    r = base_row(p, HH[p["hh"]]["addr"], dob_p=0); r["name_suffix"] = "JR"; return r, p, "JR requested, only SR (suffix recorded) is a taxpayer"
def far_addr(p):
    for _ in range(20):
        a = new_addr(lka(p)["state"])
        if not any(akey(a) == akey(h) for h, *_ in p["hist"]): return a
def g_name_dob_wrong_address():
    p = rand_person(need_dob=True); a = far_addr(p); r = base_row(p, a, dob_p=1); return r, p, "exact name + DOB, address not in the taxpayer's history"
def g_tin_wrong_address():
    p = rand_person(); a = far_addr(p); r = base_row(p, a, dob_p=0.5); r["tin"] = p["tin"]; return r, p, "exact name + correct TIN, address not in history"
def g_same_street_dob():
    p = rand_person(lambda p: lka(p)["num"].isdigit() and len(lka(p)["num"]) >= 2, need_dob=True); a = dict(lka(p))
    a["num"] = str(int(a["num"]) + pick([-20, -6, -2, 2, 4, 8, 20]))
    if any((h["num"], h["name"], h["zip"]) == (a["num"], a["name"], a["zip"]) for h, *_ in p["hist"]): return None
    return base_row(p, a, dob_p=1), p, f"exact name + DOB, house number {lka(p)['num']}->{a['num']}"
def g_other_city_same_street():
    p = rand_person(); L = lka(p); z = rand_zip(L["state"])
    if z["zip_code"] == L["zip"] or z["city"].upper() == L["city"]: return None
    a = dict(L, city=z["city"].upper(), zip=z["zip_code"]); return base_row(p, a, dob_p=0.5), p, "same street line, different city/ZIP"
def g_no_match():
    q = person(R.choices(TRAD, TRAD_W)[0], R.choice("MF")); return base_row(q, new_addr()), None, "nobody"
def g_deceased_twin(): return None

NOTDUE = dict(stranger_same_name_elsewhere=5, same_name_same_street=2, relative_address=2, address_only=4,
              relative_nontaxpayer=3.5, gender_pair_relative=2, deceased=2.5, conflicting_dob=2.5, conflicting_tin=0.5,
              jr_sr_ambiguous=1.5, second_surname_conflict=2, double_given_conflict=1.5, suffix_conflict_nodob=0.7, name_dob_wrong_address=1.5, tin_wrong_address=1, same_street_dob=1, other_city_same_street=1, two_marias=0.8, bldg_no_unit=0.5, suffix_conflict=1, no_match=2)

# legally insufficient: built on a correct request for a real taxpayer, then broken
def li(kind):
    def g():
        p = rand_person(); a = hist_addr(p); r = base_row(p, a)
        if kind == "placeholder_address":
            x = pick(PLACEHOLDERS); k = pick(["street", "city", "street_zip"])
            if k == "street_zip": r.update(street=f"{x} {a['zip']}", unit="", city="", state="")
            else: r[k] = x
        elif kind == "zip_only": r.update(street="", unit="", city="", state="") if R.random() < .5 else r.update(street="", unit="", city="", state="", zip="", address=a["zip"])
        elif kind == "no_street_number": r["street"] = " ".join(x for x in (a["pre"], a["name"], a["suf"]) if x)
        elif kind == "facility": r["street"] = pick(FACILITIES); r["unit"] = ""
        elif kind == "invalid_zip": r["zip"] = pick(["00000", "1234", "ABCDE", "99999"])
        elif kind == "zip_state_mismatch":
            r["state"] = pick([s for s in STATES if s != a["state"]])
        elif kind == "name_placeholder": r["first_name"] = pick(["UNKNOWN", "X", "FNU", "N/A", "123"])
        legal(r)
        if kind == "order_90_days": r["final_order_date"] = str(SIGNED_AT - dt.timedelta(days=R.randint(1, 89)))
        elif kind == "order_future": r["final_order_date"] = str(SIGNED_AT + dt.timedelta(days=R.randint(1, 60)))
        elif kind == "order_missing": r["final_order_date"] = pick(["", "UNKNOWN", "2024-13-45"])
        elif kind == "missing_case": r[pick(["case_number", "case_agent_id"])] = ""
        elif kind == "missing_reason": r["reason"] = pick(["", "N/A", "TBD", "X"])
        elif kind == "bad_period": r["taxable_periods"] = pick(["2027", "", "ALL", "2026-2028"])
        elif kind == "bad_tin": r["tin"] = pick(["12345", "000000000", "666123456", "900001234"])
        elif kind == "bad_statute": r["statute"] = pick(["18 U.S.C. 1341", "26 U.S.C. 7201"])
        return r, p, "legally insufficient: " + kind
    return g
LI = {k: 0.6 for k in ["placeholder_address", "zip_only", "no_street_number", "facility", "invalid_zip", "zip_state_mismatch",
                       "name_placeholder", "order_90_days", "order_future", "order_missing", "missing_case", "missing_reason",
                       "bad_period", "bad_tin", "bad_statute"]}

# UNDECIDABLE
def g_namesake_jr_unrecorded():
    hs = [h for h in R.sample(HH, 3000) if any(q.get("namesake_of") and not q["namesake_of"]["suffix"] for q in h["nontp"])]
    if not hs: return None
    q = [q for q in pick(hs)["nontp"] if q.get("namesake_of")][0]
    if q["namesake_of"]["tin"] in USED: return None
    r = base_row(q, HH[q["hh"]]["addr"], dob_p=0); r["name_suffix"] = "JR"; return r, q["namesake_of"], "JR requested; master has only the father without suffix"
def g_house_number_typo():
    p = rand_person(lambda p: len(lka(p)["num"]) >= 3); a = dict(lka(p)); n = list(a["num"]); i = R.randrange(len(n) - 1); n[i], n[i + 1] = n[i + 1], n[i]
    if "".join(n) == a["num"]: return None
    r = base_row(p, lka(p)); r["street"] = r["street"].replace(a["num"], "".join(n), 1); return r, p, "house number digits transposed"
def g_dob_dm_swap():
    p = rand_person(lambda p: p["dob"].day <= 12 and p["dob"].day != p["dob"].month, need_dob=True)
    if not p: return None
    r = base_row(p, lka(p)); r["date_of_birth"] = str(dt.date(p["dob"].year, p["dob"].day, p["dob"].month)); return r, p, "DOB day/month swapped"
def g_wrong_unit():
    p = rand_person(lambda p: lka(p)["uid"]); a = lka(p); r = base_row(p, a); r["unit"] = f"APT {R.randint(1, 9)}{pick('ABCDEF')}"
    if r["unit"] == unit_of(a): return None
    return r, p, "unit differs from every unit in history"
UND = dict(namesake_jr_unrecorded=1, house_number_typo=1, dob_dm_swap=0.8, wrong_unit=0.8)

FT = {}
for q in PEOPLE: FT.setdefault(up(q["first"]).split()[0], []).append(q)
PART = {"DE", "DEL", "LA", "LOS", "LAS", "DELA", "AL", "EL"}
def namesakes(row, p, a):
    """other taxpayers the request cannot tell apart from p at this address (truth check, spec-independent)"""
    k = (a["num"], a["name"], a["zip"]); out = []
    ps = set(up(p["last"]).replace("-", " ").split()) - PART
    for q in FT.get(up(p["first"]).split()[0], []):
        if q is p or up(q["first"]).split()[0] != up(p["first"]).split()[0]: continue
        if not (set(up(q["last"]).replace("-", " ").split()) - PART) & ps: continue
        if not any((h["num"], h["name"], h["zip"]) == k and (not (a["uid"] and kind != "missing_unit") or not h["uid"] or h["uid"] == a["uid"]) for h, *_ in q["hist"]): continue
        if row["date_of_birth"] and q["master_dob"] and str(q["master_dob"]) != row["date_of_birth"]: continue
        if row["name_suffix"] and q["suffix"] and row["name_suffix"] != q["suffix"]: continue
        if row["tin"]: continue
        rf = p["first"] if up(row["last_name"]) == up(p["first"]) else row["first_name"]
        rg = (up(rf).replace("-", " ").split() + up(row["middle_name"]).split())[1:]
        qg = (up(q["first"]).replace("-", " ").split() + up(q["middle"]).split())[1:]
        if rg and qg and rg[0][0] != qg[0][0]: continue
        out.append(q)
    return out

NUMZIP = {}
for q in PEOPLE:
    for h, *_ in q["hist"]: NUMZIP.setdefault((h["num"], h["zip"]), set()).add(q["tin"])
def compatible_there(row, exclude_tin=None):
    """taxpayers at the request's number+ZIP whose identity the request does not contradict"""
    st = (row["street"] or row["address"]).split(" ")[0]; z = (row["zip"] or row["address"][-5:])[:5]
    rf = up(row["first_name"]).replace("-", " ").split(); rl = set(up(row["last_name"]).replace("-", " ").split()) - PART
    rg = rf[1:] + up(row["middle_name"]).split(); out = []
    for t in NUMZIP.get((st, z), ()):
        q = BY_TIN[t]
        if t == exclude_tin: continue
        qf = up(q["first"]).replace("-", " ").split(); ql = set(up(q["last"]).replace("-", " ").split()) - PART
        if not rf or qf[0] != rf[0] or not (rl <= ql or ql <= rl): continue
        if row["date_of_birth"] and q["master_dob"] and str(q["master_dob"]) != row["date_of_birth"]: continue
        if row["name_suffix"] and q["suffix"] and row["name_suffix"] != q["suffix"]: continue
        qg = qf[1:] + up(q["middle"]).split()
        if rg and qg and rg[0][0] != qg[0][0]: continue
        out.append(q)
    return out

# ------------------------------------------------ assemble
kinds = [("DUE", k, w * 60 / sum(DUE.values())) for k, w in DUE.items()] + \
        [("NOT_DUE", k, w * 28 / sum(NOTDUE.values())) for k, w in NOTDUE.items()] + \
        [("NOT_DUE", "legally_insufficient_" + k, w * 9 / sum(LI.values())) for k, w in LI.items()] + \
        [("UNDECIDABLE", k, w * 3 / sum(UND.values())) for k, w in UND.items()]
G = {**{k: globals()["g_" + k] for k in list(DUE) + list(NOTDUE) + list(UND)}, **{"legally_insufficient_" + k: li(k) for k in LI}}
rows, truth, seen = [], [], set()
fails = 0
while len(rows) < N_REQ:
    exp, kind, _ = R.choices(kinds, [w for *_, w in kinds])[0]
    res = None
    try: res = G[kind]()
    except (IndexError, ValueError): res = None
    if not res: fails += 1; continue
    if exp == "DUE": row, p, a, note = res
    else: row, p, note = res; a = None
    if p is not None and p["tin"] in USED: continue
    key = (up(row["first_name"]), up(row["middle_name"])[:1], up(row["last_name"]), (row["street"] or row["address"]).split(" ")[0], (row["zip"] or row["address"][-5:])[:5])
    if key in seen: continue
    seen.add(key)
    if p is not None: USED.add(p["tin"])
    if exp == "NOT_DUE" and not kind.startswith("legally") and kind not in ("conflicting_dob", "conflicting_tin", "deceased"):
        c = compatible_there(row, p["tin"] if kind in ("jr_sr_ambiguous", "two_marias", "bldg_no_unit") else None)
        if kind in ("jr_sr_ambiguous", "two_marias", "bldg_no_unit"): c = []   # ambiguity is the point there
        if c:
            exp, kind = "UNDECIDABLE", "und_" + kind
            note += " [a taxpayer there is compatible with the request: " + ", ".join(up(q["first"] + " " + q["middle"] + " " + q["last"]) + "/" + str(q["master_dob"]) for q in c) + "]"
    if exp == "DUE":
        amb = namesakes(row, p, a)
        if amb:
            exact = any(up(q["first"]) == up(p["first"]) and up(q["middle"]) == up(p["middle"]) and set(up(q["last"]).split()) == set(up(p["last"]).split()) and not row["date_of_birth"]
                        and not (row["name_suffix"] and not q["suffix"]) and not (row["middle_name"] and p["middle"] and not q["middle"]) for q in amb)
            exp, note = ("NOT_DUE" if exact else "UNDECIDABLE"), f"{note} [namesake at this address: {', '.join(up(q['first'] + ' ' + q['middle']) + '/' + str(q['master_dob']) for q in amb)}]"
            kind = "amb_" + kind
    if "case_number" not in row: legal(row)
    ex = light(row, a or {"suf": "", "uid": ""}) if row["street"] and R.random() < 0.5 else []
    rid = f"R{SEED}-{len(rows) + 1:05d}"
    row = {"request_id": rid, **row}
    rows.append(row)
    t = dict(request_id=rid, expect=exp, kind=kind, extras="+".join(ex), note=note, tin=p["tin"] if p else "")
    if p is not None:
        L = lka(p); t.update(lka_street=street_of(L), lka_unit=unit_of(L), lka_city=L["city"], lka_state=L["state"], lka_zip=L["zip"])
    truth.append(t)
cols = ["request_id", "first_name", "middle_name", "last_name", "name_suffix", "date_of_birth", "tin", "a_number", "street", "unit",
        "city", "state", "zip", "address", "taxable_periods", "statute", "reason", "final_order_date", "case_number", "case_agent_id"]
pd.DataFrame(rows)[cols].to_csv(OUT + "/records.csv", index=False, quoting=csv.QUOTE_MINIMAL)
pd.DataFrame(truth).to_csv(OUT + "/truth.csv", index=False)
tt = pd.DataFrame(truth)
print(f"requests: {len(rows)} ({fails} generator retries)", tt.expect.value_counts().to_dict(), file=sys.stderr)

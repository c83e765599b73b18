"""audit19 generator: python gen.py SEED OUTDIR
Writes OUTDIR/master/{taxpayers,addresses}.parquet, OUTDIR/records.csv (unsigned request rows),
OUTDIR/truth.csv. run.py wraps records.csv into a signed package.
Written from /work/shared/spec and the README only."""
import sys, os, random, datetime as dt, unicodedata
import pandas as pd, zipcodes
from a19pools import *

SEED, OUT = int(sys.argv[1]), sys.argv[2]
N_TP, N_REQ = int(os.environ.get("N_TP", 20000)), int(os.environ.get("N_REQ", 4000))
R = random.Random(SEED)
SIGNED_AT = dt.date(2026, 11, 20)
os.makedirs(OUT + "/master", exist_ok=True)

def deacc(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn") if s else s

def pick(xs): return R.choice(xs)
def d(y0, y1): return dt.date(y0, 1, 1) + dt.timedelta(days=R.randrange((dt.date(y1, 12, 31) - dt.date(y0, 1, 1)).days))

# ---------------------------------------------------------------- ZIPs
STATE_W = {"CA": 22, "TX": 16, "FL": 12, "NY": 9, "IL": 6, "AZ": 5, "NJ": 5, "GA": 4, "NC": 3, "WA": 3,
           "NV": 2, "CO": 2, "MA": 2, "VA": 2, "MD": 2, "PA": 2, "OR": 1, "NM": 1, "UT": 1, "MI": 1}
ZIPS = {}
for z in zipcodes.list_all():
    if z["zip_code_type"] == "STANDARD" and z["active"] and z["state"] in STATE_W:
        ZIPS.setdefault(z["state"], []).append(z)
ZIPSET = {z["zip_code"]: z for zs in ZIPS.values() for z in zs}
ALLZIP = {z["zip_code"]: z["state"] for z in zipcodes.list_all()}
STATES = list(STATE_W); SW = [STATE_W[s] for s in STATES]

def rand_zip(state=None):
    state = state or R.choices(STATES, SW)[0]
    return pick(ZIPS[state])

def new_addr(state=None, apt=None):
    z = rand_zip(state)
    num = str(R.choice([R.randint(1, 999), R.randint(100, 9999), R.randint(1000, 29999)]))
    pre = R.choice(list(DIRS)[:4]) if R.random() < 0.2 else ""
    if R.random() < 0.15:
        n = R.randint(1, 60); name = f"{n}{'TH' if 10 <= n % 100 <= 20 else {1:'ST',2:'ND',3:'RD'}.get(n % 10,'TH')}"
        suf = R.choice(["ST", "AVE"])
    else:
        name = pick(STREETS); suf = "" if name == "BROADWAY" else R.choices(list(SUFFIXES), [30, 20, 6, 10, 12, 8, 6, 4, 3, 2, 2, 2, 1, 1])[0]
    apt = R.random() < 0.3 if apt is None else apt
    a = dict(num=num, pre=pre, name=name, suf=suf, city=z["city"].upper(), state=z["state"], zip=z["zip_code"],
             utype="", uid="")
    if apt: set_unit(a)
    return a

def set_unit(a):
    a["utype"] = R.choices(["APT", "UNIT", "#", "STE"], [75, 15, 8, 2])[0]
    a["uid"] = R.choice([f"{R.randint(1,4)}{R.choice('ABCD')}", str(R.randint(1, 40)), f"{R.randint(1,9)}{R.randint(1,20):02d}", R.choice("ABCDEFGH")])

def street_of(a): return " ".join(x for x in (a["num"], a["pre"], a["name"], a["suf"]) if x)
def unit_of(a):
    if not a["uid"]: return ""
    return f"#{a['uid']}" if a["utype"] == "#" else f"{a['utype']} {a['uid']}"
def akey(a): return (a["num"], a["pre"], a["name"], a["suf"], a["uid"], a["zip"])

# ---------------------------------------------------------------- people
TRAD = ["HISP", "ANG", "VIET", "CHIN", "FIL", "ARAB", "HAIT", "KOR", "IND"]
TRAD_W = [45, 20, 7, 6, 6, 5, 5, 3, 3]

def zipf(xs):  # common names much more common
    return R.choices(xs, [1 / (i + 5) for i in range(len(xs))])[0]

def given(trad, sex):
    if trad == "HISP":
        if R.random() < 0.28: return pick(HISP_DOUBLE_M if sex == "M" else HISP_DOUBLE_F)
        return zipf(HISP_M if sex == "M" else HISP_F)
    return {"ANG": lambda: zipf(ANG_M if sex == "M" else ANG_F),
            "VIET": lambda: pick(VIET_M if sex == "M" else VIET_F),
            "CHIN": lambda: pick(CHIN_GIVEN),
            "FIL": lambda: pick(FIL_M if sex == "M" else FIL_F),
            "ARAB": lambda: zipf(ARAB_M if sex == "M" else ARAB_F),
            "HAIT": lambda: pick(HAIT_M if sex == "M" else HAIT_F),
            "KOR": lambda: pick(KOR_GIVEN),
            "IND": lambda: pick(IND_M if sex == "M" else IND_F)}[trad]()

def surname(trad):
    if trad == "HISP": return pick(HISP_PARTICLE_SUR) if R.random() < 0.07 else zipf(HISP_SUR)
    return zipf({"ANG": ANG_SUR, "VIET": VIET_SUR, "CHIN": CHIN_SUR, "FIL": FIL_SUR, "ARAB": ARAB_SUR,
                 "HAIT": HAIT_SUR, "KOR": KOR_SUR, "IND": IND_SUR}[trad])

PEOPLE, HH = [], []          # PEOPLE: dicts; HH: list of dict(addr, members, nontp)
TINS = set()

def new_tin(itin):
    while True:
        if itin:
            t = f"9{R.randint(0,99):02d}{R.choice(list(range(50,66))+list(range(70,89))+[90,91,92]+list(range(94,100)))}{R.randint(0,9999):04d}"
        else:
            a = R.randint(1, 899)
            if a == 666: continue
            t = f"{a:03d}{R.randint(1,99):02d}{R.randint(1,9999):04d}"
        if t not in TINS: TINS.add(t); return t

def person(trad, sex, last=None, pat=None, mat=None, dob=None, first=None, middle=None):
    """pat/mat: Hispanic paternal / maternal surnames."""
    if trad == "HISP":
        pat = pat or surname("HISP"); mat = mat or surname("HISP")
        two = R.random() < 0.6 if last is None else " " in last
        last = last or (f"{pat} {mat}" if two and mat != pat else pat)
    last = last or surname(trad)
    first = first or given(trad, sex)
    if middle is None:
        middle = ""
        if trad == "HISP" and " " not in first and R.random() < 0.2: middle = zipf(HISP_M if sex == "M" else HISP_F)
        elif trad == "ANG" and R.random() < 0.6: middle = zipf(ANG_M if sex == "M" else ANG_F)
        elif trad == "VIET": middle = "VAN" if sex == "M" and R.random() < 0.6 else ("THI" if sex == "F" and R.random() < 0.7 else pick(VIET_F))
        elif trad == "FIL" and R.random() < 0.7: middle = pick(FIL_SUR)
        elif trad == "HAIT" and R.random() < 0.3: middle = pick(HAIT_M if sex == "M" else HAIT_F)
    if " " in first and trad == "HISP" and R.random() < 0.35:   # double given stored split
        first, middle = first.split(" ", 1)
    p = dict(tin=None, trad=trad, sex=sex, first=first, middle=middle, last=last, suffix="",
             dob=dob or d(1950, 2004), dod=None, pat=pat, mat=mat, hist=[], taxpayer=True, hh=None)
    return p

def child_of(f, m, trad, sex, dob=None):
    if trad == "HISP":
        return person(trad, sex, pat=f["pat"] or f["last"].split()[0], mat=m["pat"] if m else None,
                      last=None if m else f["last"], dob=dob or d(min(max(f["dob"].year + 18, 1975), 2005), 2006))
    return person(trad, sex, last=f["last"], dob=dob or d(min(max(f["dob"].year + 18, 1975), 2005), 2006))

def make_household():
    trad = R.choices(TRAD, TRAD_W)[0]
    t = R.choices(["single", "couple", "family", "single_parent", "siblings", "jrsr", "twins", "marias"],
                  [33, 20, 22, 8, 6, 5, 3, 3])[0]
    if t == "marias" and trad != "HISP": t = "family"
    ms, nontp = [], []
    if t == "single":
        ms = [person(trad, R.choice("MF"))]
    elif t in ("couple", "family", "jrsr", "twins", "marias", "single_parent"):
        f = person(trad, "M", dob=d(1945, 1980))
        m = person(trad, "F", dob=f["dob"] + dt.timedelta(days=R.randint(-3000, 3000)))
        if trad not in ("HISP", "VIET", "CHIN", "KOR") and R.random() < 0.8: m["last"] = f["last"]
        ms = [f, m] if t != "single_parent" else [R.choice([f, m])]
        if t == "single_parent" and ms[0] is m: f = m
        if t in ("family", "single_parent"):
            for _ in range(R.randint(1, 3)): ms.append(child_of(f, m if t == "family" else None, trad, R.choice("MF")))
        if t == "jrsr":
            f["suffix"] = "SR" if R.random() < 0.6 else ""
            c = child_of(f, m, trad, "M"); c["first"], c["middle"], c["last"] = f["first"], f["middle"], f["last"]
            c["suffix"] = R.choice(["JR", "JR", "II"]); ms.append(c)
        if t == "twins":
            dob = d(min(max(f["dob"].year + 18, 1975), 2005), 2006)
            a, b = child_of(f, m, trad, R.choice("MF"), dob), child_of(f, m, trad, R.choice("MF"), dob)
            b["last"] = a["last"]
            if R.random() < 0.4:  # gender-pair twins DANIEL / DANIELA
                k = pick([k for k in GENDER_PAIR if len(k) > 4]); a["first"], b["first"] = k, GENDER_PAIR[k]; a["middle"] = b["middle"] = ""
            ms += [a, b]
        if t == "marias":
            a, b = child_of(f, m, trad, "F"), child_of(f, m, trad, "F")
            b["last"] = a["last"]; a["first"], a["middle"] = "MARIA", pick(["GUADALUPE", "ELENA", "ISABEL"])
            b["first"], b["middle"] = "MARIA", pick(["DEL CARMEN", "TERESA", "LUISA"])
            if R.random() < 0.5: a["first"], a["middle"] = "MARIA " + a["middle"], ""
            ms += [a, b]
        # non-taxpayer relatives living there (spouse non-filer, namesake son, gender-pair daughter)
        if R.random() < 0.35:
            nontp.append(child_of(f, m if len(ms) > 1 else None, trad, R.choice("MF")))
        if R.random() < 0.12 and t != "jrsr":
            c = child_of(f, m, trad, "M"); c["first"], c["middle"], c["last"] = f["first"], f["middle"], f["last"]
            c["suffix"] = "JR"; nontp.append(c); c["namesake_of"] = f
            if R.random() < 0.5: f["suffix"] = "SR"
    else:  # siblings / roommates
        base = person(trad, R.choice("MF"), dob=d(1960, 2000))
        ms = [base] + [person(trad, R.choice("MF"), last=base["last"], pat=base["pat"], mat=base["mat"],
                              dob=base["dob"] + dt.timedelta(days=R.randint(-4000, 4000))) for _ in range(R.randint(1, 2))]
    for p in nontp: p["taxpayer"] = False
    return ms, nontp

BUILDINGS = []
def household_addr():
    if BUILDINGS and R.random() < 0.25:
        a = dict(pick(BUILDINGS)); set_unit(a); return a
    a = new_addr()
    if a["uid"]: BUILDINGS.append(a)
    return a

RANK = {"FORM_8822": 0, "RETURN": 1, "NCOA": 2}
def eff_for(source, year):
    if source == "RETURN": return dt.date(year, R.randint(2, 6), R.randint(1, 28)), year - 1
    return d(year, year), None

def history(p, cur, cur_date=None):
    """cur: current household address; older rows before it."""
    rows = []
    n_old = R.choices([0, 1, 2, 3], [45, 30, 17, 8])[0]
    y = (cur_date or d(2021, 2026)).year if cur_date else R.randint(2021, 2026)
    src = R.choices(["RETURN", "FORM_8822", "NCOA"], [65, 15, 20])[0]
    e, ty = eff_for(src, y)
    if e > dt.date(2026, 10, 31): e = dt.date(2026, 10, R.randint(1, 28))
    rows.append((cur, src, ty, e))
    for i in range(n_old):
        y -= R.randint(1, 4)
        src = R.choices(["RETURN", "FORM_8822", "NCOA"], [70, 12, 18])[0]
        e, ty = eff_for(src, y)
        rows.append((new_addr(cur["state"] if R.random() < 0.7 else None), src, ty, e))
    if R.random() < 0.03:   # same-day second row: tie-break FORM_8822 > RETURN > NCOA
        src2 = R.choice([s for s in RANK if s != rows[0][1]])
        rows.append((new_addr(cur["state"]), src2, None, rows[0][3]))
    p["hist"] = rows

def lka(p):
    return sorted(p["hist"], key=lambda r: (-r[3].toordinal(), RANK[r[1]]))[0][0]

while len(PEOPLE) < N_TP:
    ms, nontp = make_household()
    a = household_addr()
    h = dict(addr=a, members=ms, nontp=nontp, id=len(HH)); HH.append(h)
    for p in ms:
        p["tin"] = new_tin(p["trad"] != "ANG" and R.random() < 0.3)
        p["hh"] = h["id"]
        history(p, a)
        PEOPLE.append(p)
    for p in nontp: p["hh"] = h["id"]
# adult children who moved out: parents' address becomes an old row
for h in HH:
    for p in h["members"][2:]:
        if R.random() < 0.12:
            na = new_addr(h["addr"]["state"] if R.random() < 0.7 else None)
            e = p["hist"][0][3] + dt.timedelta(days=R.randint(30, 700))
            if e > dt.date(2026, 10, 31): e = dt.date(2026, 10, 30)
            p["hist"].insert(0, (na, R.choice(["FORM_8822", "NCOA", "RETURN"]), None, e))
            p["moved_out"] = True
for p in PEOPLE:
    p["hist"] = [(a, s, (ty if s == "RETURN" else None) or ((e.year - 1) if s == "RETURN" else None), e) for a, s, ty, e in p["hist"]]
# same name, same building, different unit (unrelated namesakes)
BK = {}
for h in HH:
    if h["addr"]["uid"]: BK.setdefault(akey(h["addr"])[:4] + (h["addr"]["zip"],), []).append(h)
for b in BUILDINGS[:]:
    if R.random() < 0.06:
        res = [p for h in BK.get(akey(b)[:4] + (b["zip"],), []) for p in h["members"]][:1]
        if not res: continue
        o = res[0]
        q = person(o["trad"], o["sex"], last=o["last"], first=o["first"], middle="", dob=d(1950, 2004))
        a = dict(b); set_unit(a)
        if a["uid"] == lka(o)["uid"]: continue
        q["tin"] = new_tin(R.random() < 0.3); h = dict(addr=a, members=[q], nontp=[], id=len(HH)); HH.append(h)
        q["hh"] = h["id"]; history(q, a); PEOPLE.append(q); q["bldg_namesake"] = o; o["bldg_namesake"] = q
# deaths, missing DOBs
for p in PEOPLE:
    if R.random() < 0.025: p["dod"] = d(2019, 2026) if p["dob"].year < 1990 else d(2022, 2026)
    if p["dod"] and p["dod"] > dt.date(2026, 10, 1): p["dod"] = dt.date(2026, 9, 1)
    p["master_dob"] = None if R.random() < 0.06 else p["dob"]
BY_TIN = {p["tin"]: p for p in PEOPLE}

# ---------------------------------------------------------------- write master
def mcase(s):
    return s.title() if s and R.random() < 0.12 else s
tp_rows, ad_rows = [], []
for p in PEOPLE:
    acc = R.random() < 0.3 and p["trad"] == "HISP"
    f = " ".join(ACCENTS.get(w, w) if acc else w for w in p["first"].split())
    l = " ".join(ACCENTS.get(w, w) if acc else w for w in p["last"].split())
    tc = R.random() < 0.1
    tp_rows.append(dict(tin=p["tin"], tin_type="ITIN" if p["tin"][0] == "9" else "SSN",
                        first_name=f.title() if tc else f, middle_name=(p["middle"].title() if tc else p["middle"]) or None,
                        last_name=l.title() if tc else l, name_suffix=p["suffix"] or None,
                        date_of_birth=p["master_dob"], date_of_death=p["dod"]))
    for a, s, ty, e in p["hist"]:
        st = street_of(a)
        if R.random() < 0.05 and a["suf"]: st = st[: -len(a["suf"])] + SUFFIXES[a["suf"]]
        ad_rows.append(dict(tin=p["tin"], street=st, unit=unit_of(a) or None, city=a["city"], state=a["state"],
                            zip=a["zip"], source=s, tax_year=ty, effective_date=e))
tp = pd.DataFrame(tp_rows); ad = pd.DataFrame(ad_rows)
ad["tax_year"] = ad["tax_year"].astype("Int64")
for c in ("date_of_birth", "date_of_death"): tp[c] = pd.to_datetime(tp[c]).dt.date
tp.to_parquet(OUT + "/master/taxpayers.parquet", index=False)
ad.to_parquet(OUT + "/master/addresses.parquet", index=False)
print(f"master: {len(tp)} taxpayers, {len(ad)} address rows, {len(HH)} households", file=sys.stderr)

exec(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen_requests.py")).read())

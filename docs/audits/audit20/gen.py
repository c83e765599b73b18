#!/usr/bin/env python3
"""gen.py SEED OUTDIR — independent synthetic acceptance data for dgate, written from the spec only.

Writes OUTDIR/master/{taxpayers,addresses}.parquet, OUTDIR/package/{batch.json,records.csv,batch.json.sig},
OUTDIR/keys/director.pub.pem, OUTDIR/truth.csv, OUTDIR/people.csv (incl. non-filers), OUTDIR/gen_summary.json.
"""
import base64
import collections
import csv
import hashlib
import json
import os
import random
import sys
from datetime import date, timedelta

import pyarrow as pa
import pyarrow.parquet as pq
import zipcodes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import oracle as O
from namedata import *  # noqa

SEED = int(sys.argv[1])
OUT = sys.argv[2]
N_TP = int(os.environ.get("N_TP", 150000))
N_REQ = int(os.environ.get("N_REQ", 12000))
rng = random.Random(SEED)
SIGNED_AT = date(2026, 11, 20)
AS_OF = date(2026, 11, 25)
SRC_RANK = {"FORM_8822": 2, "RETURN": 1, "NCOA": 0}


def iso(d):
    return d.isoformat() if d else ""


def wchoice(d):
    keys = list(d)
    return rng.choices(keys, weights=[d[k] for k in keys])[0]


# ============================================================ ZIPs
STATE_ZIPS = {"CA": 120, "TX": 90, "FL": 60, "NY": 50, "NJ": 25, "IL": 25, "AZ": 20, "GA": 20, "WA": 15,
              "MA": 15, "NC": 15, "VA": 10, "MD": 10, "NV": 10, "CO": 10, "PA": 10, "MI": 12, "MN": 5}
_by_state = collections.defaultdict(list)
for z in zipcodes.list_all():
    if z["zip_code_type"] == "STANDARD" and z["active"] and z["state"] in STATE_ZIPS:
        _by_state[z["state"]].append(z)
ZIPS = []
ZIPS_BY_STATE = collections.defaultdict(list)
for st, k in STATE_ZIPS.items():
    pool = sorted(_by_state[st], key=lambda z: z["zip_code"])
    for z in rng.sample(pool, k):
        d = dict(zip=z["zip_code"], city=z["city"].upper(), state=st,
                 alt=[c.upper() for c in z.get("acceptable_cities", []) if c])
        ZIPS.append(d)
        ZIPS_BY_STATE[st].append(d)
ALL_STATE_ZIP = {}
for z in zipcodes.list_all():
    if z["zip_code_type"] == "STANDARD" and z["active"]:
        ALL_STATE_ZIP.setdefault(z["state"], []).append(z["zip_code"])

ETH_W = {"HISP": 45, "VI": 6, "ZH": 8, "KO": 4, "PH": 7, "AR": 6, "HT": 6, "EN": 12, "SL": 6}
ETH_STATE = {
    "HISP": {"CA": 5, "TX": 5, "FL": 2, "NY": 1, "IL": 1, "AZ": 2, "NJ": 1, "GA": 1, "NV": 1, "CO": 1, "NC": 1},
    "VI": {"CA": 4, "TX": 2, "WA": 1, "VA": 1, "FL": 1, "GA": 1},
    "ZH": {"CA": 3, "NY": 3, "NJ": 1, "MA": 1, "WA": 1, "TX": 1, "IL": 1},
    "KO": {"CA": 3, "NY": 2, "NJ": 2, "VA": 1, "WA": 1, "GA": 1, "TX": 1},
    "PH": {"CA": 4, "NV": 1, "TX": 1, "WA": 1, "NJ": 1, "IL": 1, "FL": 1, "NY": 1},
    "AR": {"MI": 4, "NY": 1, "NJ": 1, "CA": 1, "IL": 1, "TX": 1, "VA": 1},
    "HT": {"FL": 5, "NY": 3, "MA": 2, "NJ": 1, "GA": 1},
    "EN": {s: 1 for s in STATE_ZIPS},
    "SL": {"NY": 3, "IL": 2, "PA": 1, "WA": 1, "CA": 1, "NJ": 1, "FL": 1, "MN": 1},
}

# ============================================================ buildings and addresses
class Bldg:
    __slots__ = ("id", "num", "predir", "name", "stype", "zip", "city", "state", "apt", "units", "free", "alt")


BLDGS = []
ADDR = []           # addr id -> (bldg id, unit canonical '' or 'APT 4B')
ADDR_IDX = {}
ZIP_STREETS = {}
NUMS = collections.defaultdict(set)   # (zip, name) -> nums used
NAMES_AT = collections.defaultdict(set)  # (zip, num) -> street names
APT_OPEN = collections.defaultdict(list)
APT_ALL = collections.defaultdict(list)
HOUSES = collections.defaultdict(list)


def streets_for(zipd):
    z = zipd["zip"]
    if z not in ZIP_STREETS:
        names = set()
        lst = []
        while len(lst) < 35:
            if rng.random() < 0.25:
                n = rng.choice(list(ORDINALS))
                name = ORDINALS[n]
                st = rng.choice(["ST", "AVE"])
            else:
                name = rng.choice(STREET_NAMES)
                st = wchoice(STREET_TYPE_W)
            if name in names:
                continue
            names.add(name)
            pre = rng.choice("NSEW") if rng.random() < 0.2 else ""
            lst.append((pre, name, st))
        ZIP_STREETS[z] = lst
    return ZIP_STREETS[z]


def new_bldg(zipd, apt, num=None, street=None):
    pre, name, st = street or rng.choice(streets_for(zipd))
    z = zipd["zip"]
    while True:
        n = num or rng.choice([rng.randint(1, 999), rng.randint(100, 9999), rng.randint(1000, 19999)])
        if n not in NUMS[(z, name)]:
            break
        num = None
    NUMS[(z, name)].add(n)
    NAMES_AT[(z, n)].add(name)
    b = Bldg()
    b.id, b.num, b.predir, b.name, b.stype = len(BLDGS), n, pre, name, st
    b.zip, b.city, b.state, b.apt, b.alt = z, zipd["city"], zipd["state"], apt, zipd["alt"]
    if apt:
        k = rng.randint(6, 40)
        style = rng.choice(["FL", "FL", "NUM", "UNIT", "HASH"])
        units = []
        if style == "FL":
            for i in range(k):
                units.append("APT %d%s" % (1 + i // 4, "ABCD"[i % 4]))
        elif style == "NUM":
            for i in range(k):
                units.append("APT %d%02d" % (1 + i // 8, 1 + i % 8))
        elif style == "UNIT":
            units = ["UNIT %d" % (i + 1) for i in range(k)]
        else:
            units = ["# %d" % (i + 1) for i in range(k)]
        b.units = units
        b.free = list(units)
        rng.shuffle(b.free)
        APT_OPEN[z].append(b)
        APT_ALL[z].append(b)
    else:
        b.units = [""]
        b.free = []
        HOUSES[z].append(b)
    BLDGS.append(b)
    return b


def addr_id(b, unit):
    k = (b.id, unit)
    if k not in ADDR_IDX:
        ADDR_IDX[k] = len(ADDR)
        ADDR.append(k)
    return ADDR_IDX[k]


def pick_zip(state=None):
    if state:
        return rng.choice(ZIPS_BY_STATE[state])
    return rng.choice(ZIPS)


def new_home(zipd=None, state=None, apt=None, current=True, bldg=None):
    if zipd is None:
        zipd = pick_zip(state)
    if apt is None:
        apt = rng.random() < 0.55
    z = zipd["zip"]
    if bldg is not None:
        return addr_id(bldg, bldg.free.pop())
    if apt:
        if not current and APT_ALL[z] and rng.random() < 0.5:
            b = rng.choice(APT_ALL[z])
            return addr_id(b, rng.choice(b.units))
        opens = [b for b in APT_OPEN[z][-3:] if b.free]
        if opens and rng.random() < 0.85:
            b = rng.choice(opens)
        else:
            b = new_bldg(zipd, True)
        u = b.free.pop()
        if not b.free:
            APT_OPEN[z].remove(b)
        return addr_id(b, u)
    if not current and HOUSES[z] and rng.random() < 0.2:
        return addr_id(rng.choice(HOUSES[z]), "")
    return addr_id(new_bldg(zipd, False), "")


def bldg_of(a):
    return BLDGS[ADDR[a][0]]


def unit_of(a):
    return ADDR[a][1]


# ============================================================ names
ZH_SPLIT = {"XIAOMING": "XIAO MING", "JIANHUA": "JIAN HUA", "XIAOYAN": "XIAO YAN", "XIULAN": "XIU LAN",
            "GUIYING": "GUI YING", "ZHIWEI": "ZHI WEI", "WENJUN": "WEN JUN", "JIAYI": "JIA YI",
            "ZIHAN": "ZI HAN", "YUTING": "YU TING", "HAOYU": "HAO YU"}


def pick_eth():
    return wchoice(ETH_W)


def pick_state(eth):
    return wchoice(ETH_STATE[eth])


def given_for(eth, sex):
    if eth == "HISP":
        if sex == "M":
            return rng.choice(HISP_M_COMPOUND) if rng.random() < 0.3 else rng.choice(HISP_M)
        return rng.choice(HISP_F_COMPOUND) if rng.random() < 0.35 else rng.choice(HISP_F)
    if eth == "VI":
        return rng.choice(VI_M if sex == "M" else VI_F)
    if eth == "ZH":
        return rng.choice(ZH_GIVEN)
    if eth == "KO":
        return rng.choice(KO_M if sex == "M" else KO_F)
    if eth == "PH":
        return rng.choice(PH_M if sex == "M" else PH_F)
    if eth == "AR":
        return rng.choice(AR_M if sex == "M" else AR_F)
    if eth == "HT":
        return rng.choice(HT_M if sex == "M" else HT_F)
    if eth == "EN":
        return rng.choice(EN_M if sex == "M" else EN_F)
    return rng.choice(SL_M if sex == "M" else SL_F)


def sur_for(eth, sex):
    if eth == "HISP":
        def one():
            return rng.choice(HISP_SUR_PARTICLE) if rng.random() < 0.06 else rng.choice(HISP_SUR)
        return [one(), one()] if rng.random() < 0.6 else [one()]
    if eth == "VI":
        return [rng.choice(VI_SUR)]
    if eth == "ZH":
        return [rng.choice(ZH_SUR)]
    if eth == "KO":
        return [rng.choice(KO_SUR)]
    if eth == "PH":
        return [rng.choice(PH_SUR)]
    if eth == "AR":
        return [rng.choice(AR_SUR)]
    if eth == "HT":
        return [rng.choice(HT_SUR)]
    if eth == "EN":
        return [rng.choice(EN_SUR)]
    s = rng.choice(SL_SUR_M)
    return [SL_FEM.get(s, s) if sex == "F" else s]


def make_name(eth, sex, sur=None, first=None):
    f = first or given_for(eth, sex)
    m = ""
    if eth == "HISP":
        if " " not in f and rng.random() < 0.2:
            m = given_for(eth, sex).split()[0]
            if m == f:
                m = ""
    elif eth == "VI":
        if rng.random() < 0.65:
            m = "VAN" if sex == "M" else "THI"
    elif eth == "ZH":
        if rng.random() < 0.15:
            m, f = f, rng.choice(ZH_EN)
    elif eth == "PH":
        if rng.random() < 0.75:
            m = rng.choice(PH_SUR)
    elif eth == "AR":
        if rng.random() < 0.4:
            m = rng.choice(AR_M)
    elif eth == "HT":
        if rng.random() < 0.25 and " " not in f:
            m = rng.choice(HT_M if sex == "M" else HT_F).split()[0]
    elif eth == "EN":
        if rng.random() < 0.6:
            m = rng.choice(EN_M if sex == "M" else EN_F)
    if m == f:
        m = ""
    return dict(first=f, middle=m, sur=sur if sur is not None else sur_for(eth, sex))


# ============================================================ persons
class Person:
    __slots__ = ("i", "tin", "tin_type", "first", "middle", "sur", "suffix", "eth", "sex", "dob", "dod", "ghost",
                 "hh", "rows", "timeline", "mfirst", "mmiddle", "mlast", "msuffix", "role")

    @property
    def last(self):
        return " ".join(self.sur)


PERSONS = []
USED_TINS = set()


def new_tin(itin):
    while True:
        if itin:
            grp = rng.choice(list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92] + list(range(94, 100)))
            t = "9%02d%02d%04d" % (rng.randint(0, 99), grp, rng.randint(0, 9999))
        else:
            area = rng.randint(1, 899)
            if area == 666:
                continue
            t = "%03d%02d%04d" % (area, rng.randint(1, 99), rng.randint(1, 9999))
        if t not in USED_TINS:
            USED_TINS.add(t)
            return t


def rand_dob(age_lo, age_hi):
    y = 2026 - rng.randint(age_lo, age_hi)
    return date(y, rng.randint(1, 12), rng.randint(1, 28))


def new_person(eth, sex, name, dob, hh, role, ghost=False, suffix=""):
    p = Person()
    p.i = len(PERSONS)
    p.eth, p.sex, p.dob, p.dod, p.hh, p.role, p.ghost = eth, sex, dob, None, hh, role, ghost
    p.first, p.middle, p.sur, p.suffix = name["first"], name["middle"], name["sur"], suffix
    itin = rng.random() < 0.35
    p.tin = new_tin(itin)
    p.tin_type = "ITIN" if itin else "SSN"
    p.rows = []
    p.timeline = []
    PERSONS.append(p)
    return p


# ============================================================ households
HH = []


class Household:
    __slots__ = ("i", "type", "members", "home", "eth", "state", "zipd", "core", "extra")


def move_date(y):
    return date(y, rng.randint(1, 12), rng.randint(1, 28))


def core_timeline(zipd, apt=None, home=None):
    """shared timeline: 0-2 prior homes then the current home."""
    y0 = rng.choice([2012, 2014, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2025])
    cur = home if home is not None else new_home(zipd=zipd, apt=apt)
    tl = []
    n_prev = rng.choice([0, 1, 1, 2, 2])
    y = y0
    prev = []
    for _ in range(n_prev):
        y = y - rng.randint(1, 4)
        st = zipd["state"] if rng.random() < 0.8 else rng.choice(list(STATE_ZIPS))
        prev.append((new_home(state=st, current=False), move_date(y)))
    for a, d in reversed(prev):
        tl.append((a, d))
    tl.append((cur, move_date(y0) if y0 > 2008 else date(2008, 1, 1)))
    if tl[0][1] > date(2010, 1, 1) and n_prev:
        pass
    return tl


def personal_prefix(tl, state):
    if rng.random() < 0.3:
        d0 = tl[0][1]
        d = date(d0.year - rng.randint(1, 5), rng.randint(1, 12), rng.randint(1, 28))
        return [(new_home(state=state if rng.random() < 0.7 else None, current=False), d)] + list(tl)
    return list(tl)


def make_hh(htype, eth=None):
    h = Household()
    h.i, h.type = len(HH), htype
    h.eth = eth or pick_eth()
    h.state = pick_state(h.eth)
    h.zipd = pick_zip(h.state)
    h.members = []
    h.extra = {}
    HH.append(h)
    return h


def add(h, p, tl):
    p.timeline = tl
    h.members.append(p.i)
    return p


def hh_single(eth=None, apt=None, name=None, zipd=None, bldg=None, sex=None):
    h = make_hh("single", eth)
    if zipd:
        h.zipd, h.state = zipd, zipd["state"]
    sex = sex or rng.choice("MF")
    home = new_home(zipd=h.zipd, bldg=bldg) if bldg is not None else None
    tl = core_timeline(h.zipd, apt=apt, home=home)
    nm = name or make_name(h.eth, sex)
    add(h, new_person(h.eth, sex, nm, rand_dob(20, 70), h.i, "single"), personal_prefix(tl, h.state))
    return h


def spouse_name(eth, husband):
    nm = make_name(eth, "F")
    if eth in ("EN", "HT"):
        nm["sur"] = list(husband.sur)
    elif eth == "SL":
        nm["sur"] = [SL_FEM.get(husband.sur[0], husband.sur[0])]
    elif eth == "PH":
        nm["middle"] = nm["sur"][0]
        nm["sur"] = list(husband.sur)
    return nm


def child_name(eth, sex, father, mother, first=None):
    if eth == "HISP":
        if rng.random() < 0.6 and mother is not None:
            sur = [father.sur[0], mother.sur[0]]
        else:
            sur = [father.sur[0]]
    elif eth == "SL":
        s = father.sur[0]
        base = {v: k for k, v in SL_FEM.items()}.get(s, s)
        sur = [SL_FEM.get(base, base) if sex == "F" else base]
    else:
        sur = list(father.sur)
    nm = make_name(eth, sex, sur=sur, first=first)
    if eth == "PH" and mother is not None:
        nm["middle"] = mother.middle or mother.sur[0]
    return nm


def hh_couple():
    h = make_hh("couple")
    tl = core_timeline(h.zipd)
    hus = new_person(h.eth, "M", make_name(h.eth, "M"), rand_dob(25, 75), h.i, "husband",
                     ghost=rng.random() < 0.05)
    add(h, hus, personal_prefix(tl, h.state))
    wife = new_person(h.eth, "F", spouse_name(h.eth, hus), date(hus.dob.year + rng.randint(-6, 6),
                      rng.randint(1, 12), rng.randint(1, 28)), h.i, "wife", ghost=(not hus.ghost) and rng.random() < 0.18)
    add(h, wife, personal_prefix(tl, h.state) if rng.random() < 0.4 else list(tl))
    return h


def hh_family():
    h = make_hh("family")
    tl = core_timeline(h.zipd)
    fa = new_person(h.eth, "M", make_name(h.eth, "M"), rand_dob(45, 75), h.i, "father")
    add(h, fa, personal_prefix(tl, h.state))
    mo = None
    if rng.random() < 0.8:
        mo = new_person(h.eth, "F", spouse_name(h.eth, fa), date(fa.dob.year + rng.randint(-5, 5),
                        rng.randint(1, 12), rng.randint(1, 28)), h.i, "mother", ghost=rng.random() < 0.1)
        add(h, mo, list(tl))
    used_first = set()
    for _ in range(rng.choice([1, 2, 2, 3])):
        sex = rng.choice("MF")
        for _t in range(10):
            nm = child_name(h.eth, sex, fa, mo)
            if nm["first"].split()[0] not in used_first:
                break
        used_first.add(nm["first"].split()[0])
        age = 2026 - fa.dob.year - rng.randint(20, 35)
        age = max(19, min(age, 45))
        kid = new_person(h.eth, sex, nm, rand_dob(age, age), h.i, "child", ghost=rng.random() < 0.15)
        ktl = list(tl)
        if rng.random() < 0.4:
            last_d = tl[-1][1]
            y = min(2025, max(last_d.year + 1, 2019 + rng.randint(0, 6)))
            ktl = ktl + [(new_home(state=h.state if rng.random() < 0.8 else None), move_date(y))]
        add(h, kid, ktl)
    return h


def hh_jrsr():
    h = make_hh("jrsr", eth=wchoice({"HISP": 50, "EN": 25, "PH": 15, "HT": 10}))
    tl = core_timeline(h.zipd)
    nm = make_name(h.eth, "M")
    fa = new_person(h.eth, "M", dict(nm), rand_dob(48, 80), h.i, "father",
                    suffix="SR" if rng.random() < 0.5 else "")
    add(h, fa, personal_prefix(tl, h.state))
    mo = None
    if rng.random() < 0.5:
        mo = new_person(h.eth, "F", spouse_name(h.eth, fa), date(fa.dob.year + rng.randint(-4, 4),
                        rng.randint(1, 12), rng.randint(1, 28)), h.i, "mother")
        add(h, mo, list(tl))
    snm = dict(first=nm["first"], middle=nm["middle"] if rng.random() < 0.6 else "", sur=list(nm["sur"]))
    if h.eth == "HISP" and mo is not None and len(nm["sur"]) == 2 and rng.random() < 0.3:
        snm["sur"] = [nm["sur"][0], mo.sur[0]]
    age = max(19, 2026 - fa.dob.year - rng.randint(20, 32))
    son = new_person(h.eth, "M", snm, rand_dob(age, age), h.i, "son", suffix="JR", ghost=rng.random() < 0.35)
    stl = list(tl)
    if rng.random() < 0.25:
        y = min(2025, max(tl[-1][1].year + 1, 2020 + rng.randint(0, 5)))
        stl = stl + [(new_home(state=h.state), move_date(y))]
    add(h, son, stl)
    return h


TWIN_SHARED = {
    "HISP": {"M": [("JOSE LUIS", "JOSE ANTONIO"), ("JUAN CARLOS", "JUAN JOSE"), ("JOSE MANUEL", "JOSE ALFREDO"),
                   ("LUIS ALBERTO", "LUIS FERNANDO"), ("JUAN MANUEL", "JUAN PABLO")],
             "F": [("MARIA ELENA", "MARIA JOSE"), ("MARIA FERNANDA", "MARIA ISABEL"), ("ANA MARIA", "ANA LUCIA"),
                   ("MARIA GUADALUPE", "MARIA TERESA")]},
    "PH": {"M": [("JOHN PAUL", "JOHN MARK"), ("MARK ANTHONY", "MARK JOSEPH")],
           "F": [("MARIA CRISTINA", "MARIA THERESA"), ("MARIA LOURDES", "MARIA ELENA")]},
}


def hh_twins():
    h = make_hh("twins", eth=wchoice({"HISP": 50, "PH": 10, "VI": 8, "ZH": 6, "EN": 10, "HT": 8, "AR": 8}))
    tl = core_timeline(h.zipd)
    fa = new_person(h.eth, "M", make_name(h.eth, "M"), rand_dob(45, 70), h.i, "father")
    add(h, fa, personal_prefix(tl, h.state))
    mo = new_person(h.eth, "F", spouse_name(h.eth, fa), date(fa.dob.year + rng.randint(-4, 4),
                    rng.randint(1, 12), rng.randint(1, 28)), h.i, "mother", ghost=rng.random() < 0.2)
    add(h, mo, list(tl))
    sex = rng.choice("MF")
    age = max(19, 2026 - fa.dob.year - rng.randint(20, 30))
    dob = rand_dob(age, age)
    shared = h.eth in TWIN_SHARED and rng.random() < 0.6
    if shared:
        a, b = rng.choice(TWIN_SHARED[h.eth][sex])
        n1 = child_name(h.eth, sex, fa, mo, first=a)
        n2 = child_name(h.eth, sex, fa, mo, first=b)
        n1["middle"] = n2["middle"] = "" if h.eth == "HISP" else n1["middle"]
        n2["sur"] = list(n1["sur"])
        if h.eth == "PH":
            n2["middle"] = n1["middle"]
    else:
        n1 = child_name(h.eth, sex, fa, mo)
        for _ in range(20):
            n2 = child_name(h.eth, sex, fa, mo)
            if n2["first"].split()[0] != n1["first"].split()[0]:
                break
        n2["sur"] = list(n1["sur"])
    h.extra["shared"] = shared
    t1 = new_person(h.eth, sex, n1, dob, h.i, "twin")
    t2 = new_person(h.eth, sex, n2, dob, h.i, "twin")
    add(h, t1, list(tl))
    add(h, t2, list(tl))
    return h


SISTERS = [("MARIA DEL CARMEN", "MARIA GUADALUPE"), ("MARIA ELENA", "MARIA DE JESUS"), ("MARIA LUISA", "MARIA TERESA"),
           ("MARIA ISABEL", "MARIA DEL ROSARIO"), ("MARIA JOSE", "MARIA FERNANDA"), ("MARIA CRISTINA", "MARIA DE LOURDES")]


def hh_sisters():
    h = make_hh("sisters", eth="HISP")
    tl = core_timeline(h.zipd)
    mo = new_person(h.eth, "F", make_name("HISP", "F"), rand_dob(50, 75), h.i, "mother")
    add(h, mo, personal_prefix(tl, h.state))
    fa_sur = sur_for("HISP", "M")
    a, b = rng.choice(SISTERS)
    sur = [fa_sur[0], mo.sur[0]] if rng.random() < 0.7 else [fa_sur[0]]
    age1 = max(19, 2026 - mo.dob.year - rng.randint(20, 30))
    for f, age in ((a, age1), (b, age1 + rng.choice([-3, -2, 2, 3, 5]))):
        s = new_person("HISP", "F", dict(first=f, middle="", sur=list(sur)), rand_dob(max(19, age), max(19, age)),
                       h.i, "sister")
        add(h, s, list(tl))
    return h


def hh_roommates():
    h = make_hh("roommates")
    tl = core_timeline(h.zipd, apt=True)
    for _ in range(rng.choice([2, 2, 3])):
        e = h.eth if rng.random() < 0.6 else pick_eth()
        sex = rng.choice("MF")
        add(h, new_person(e, sex, make_name(e, sex), rand_dob(20, 50), h.i, "roommate"), personal_prefix(tl, h.state))
    return h


def hh_namesake_bldg():
    a = hh_single(apt=True)
    pa_ = PERSONS[a.members[0]]
    pa_.middle = ""
    b_addr = pa_.timeline[-1][0]
    b = bldg_of(b_addr)
    if not b.apt or not b.free:
        return
    nm = dict(first=pa_.first, middle="", sur=list(pa_.sur))
    bb = hh_single(eth=pa_.eth, name=nm, zipd=next(z for z in ZIPS if z["zip"] == b.zip), bldg=b, sex=pa_.sex)
    a.type = bb.type = "ns_bldg"
    a.extra["pair"] = bb.i
    bb.extra["pair"] = a.i


def hh_samename_zip():
    a = hh_single()
    pa_ = PERSONS[a.members[0]]
    zipd = next(z for z in ZIPS if z["zip"] == bldg_of(pa_.timeline[-1][0]).zip)
    nm = dict(first=pa_.first, middle=pa_.middle if rng.random() < 0.3 else "", sur=list(pa_.sur))
    bb = hh_single(eth=pa_.eth, name=nm, zipd=zipd, sex=pa_.sex)
    a.type = bb.type = "ns_zip"
    a.extra["pair"] = bb.i
    bb.extra["pair"] = a.i


HH_TYPES = {"single": 30, "couple": 20, "family": 22, "jrsr": 7, "twins": 3, "sisters": 2.5, "ns_bldg": 4,
            "ns_zip": 4, "roommates": 4.5}
FN = {"single": hh_single, "couple": hh_couple, "family": hh_family, "jrsr": hh_jrsr, "twins": hh_twins,
      "sisters": hh_sisters, "ns_bldg": hh_namesake_bldg, "ns_zip": hh_samename_zip, "roommates": hh_roommates}

n_master = 0
while n_master < N_TP:
    before = len(PERSONS)
    FN[wchoice(HH_TYPES)]()
    n_master += sum(1 for p in PERSONS[before:] if not p.ghost)

# ============================================================ address rows (the agency's view)
def home_at(tl, d):
    cur = None
    for a, md in tl:
        if md <= d:
            cur = a
    return cur


UNKNOWN_MOVE = set()
for p in PERSONS:
    tl = p.timeline
    rows = []
    adult_year = p.dob.year + 18
    for t in range(2017, 2025):
        if t < adult_year:
            continue
        if rng.random() < 0.82:
            d = date(t + 1, rng.randint(2, 10), rng.randint(1, 28))
            a = home_at(tl, d)
            if a is not None:
                rows.append((a, "RETURN", t, d))
    for k in range(1, len(tl)):
        a, md = tl[k]
        if md.year < 2016:
            continue
        p8822 = 0.3 if md.year >= 2025 else 0.12
        pnc = 0.3 if md.year >= 2025 else 0.12
        if rng.random() < p8822:
            rows.append((a, "FORM_8822", None, md + timedelta(days=rng.randint(5, 40))))
        elif rng.random() < pnc / (1 - p8822):
            rows.append((a, "NCOA", None, md + timedelta(days=rng.randint(20, 90))))
    rows = [r for r in rows if r[3] <= date(2026, 10, 31)]
    if not rows:
        d = date(2025, rng.randint(2, 6), rng.randint(1, 28))
        a = home_at(tl, d) or tl[0][0]
        rows.append((a, "RETURN", 2024, d))
    p.rows = rows
    if not any(r[0] == tl[-1][0] for r in rows):
        UNKNOWN_MOVE.add(p.i)


def lka_row(p):
    return max(p.rows, key=lambda r: (r[3], SRC_RANK[r[1]]))


# ties on the latest effective date (singles only)
TIE = set()
for h in HH:
    if h.type != "single" or rng.random() > 0.03:
        continue
    p = PERSONS[h.members[0]]
    if p.ghost:
        continue
    L = lka_row(p)
    x = new_home(state=h.state, current=False)
    if x == L[0]:
        continue
    if L[1] == "RETURN":
        src = rng.choice(["FORM_8822", "NCOA"])
    elif L[1] == "NCOA":
        src = "RETURN"
    else:
        src = "RETURN"
    p.rows.append((x, src, 2024 if src == "RETURN" else None, L[3]))
    TIE.add(p.i)

# deaths
for p in PERSONS:
    if not p.ghost and rng.random() < 0.015:
        last = max(r[3] for r in p.rows)
        start = max(last, date(2019, 1, 1))
        dd = start + timedelta(days=rng.randint(30, 600))
        p.dod = min(dd, date(2026, 9, 30))
        p.rows = [r for r in p.rows if r[3] <= p.dod + timedelta(days=400)] or p.rows[:1]

# missing DOB in the master for a few
NO_DOB = {p.i for p in PERSONS if p.role in ("single", "husband", "wife", "roommate", "mother") and
          p.i not in TIE and rng.random() < 0.04}

# ============================================================ master rendering
def accentize(s):
    return " ".join(ACCENTS.get(t, t) for t in s.split())


def titlecase(s):
    return " ".join(w.capitalize() if not w.startswith("O'") else "O'" + w[2:].capitalize()
                    for w in s.split(" "))


for p in PERSONS:
    f, m, l = p.first, p.middle, p.last
    if p.eth == "HISP" and len(p.sur) == 2 and " " not in p.sur[0] + p.sur[1] and rng.random() < 0.12:
        l = "-".join(p.sur)
    if p.eth == "KO":
        r = rng.random()
        if r < 0.3:
            f = f.replace(" ", "")
        elif r < 0.5:
            f = f.replace(" ", "-")
    if p.eth == "ZH" and f in ZH_SPLIT and rng.random() < 0.25:
        f = ZH_SPLIT[f]
    if p.eth == "VI" and m in ("VAN", "THI") and rng.random() < 0.12:
        f, m = m + " " + f, ""
    if p.eth in ("HISP", "VI") and rng.random() < 0.22:
        f, m, l = accentize(f), accentize(m), accentize(l)
    if rng.random() < 0.07:
        f, m, l = titlecase(f), titlecase(m), titlecase(l)
    p.mfirst, p.mmiddle, p.mlast = f, m, l
    p.msuffix = p.suffix

TYPE_SPELL = STREET_TYPES


def render_street(b, style="std"):
    parts = [str(b.num)]
    if b.predir:
        parts.append(DIRS[b.predir] if style == "spelled" else b.predir)
    nm = b.name
    if style == "spelled" and nm in ORD_WORDS and rng.random() < 0.5:
        nm = ORD_WORDS[nm]
    parts.append(nm)
    parts.append(TYPE_SPELL[b.stype] if style == "spelled" else b.stype)
    return " ".join(parts)


def unit_variant(u):
    des, uid = u.split(" ", 1)
    return rng.choice(["#%s" % uid, "APT %s" % uid, "UNIT %s" % uid, "# %s" % uid])


def fmt_city(c):
    return c if rng.random() < 0.85 else titlecase(c)


TP_ROWS = []
AD_ROWS = []
for p in PERSONS:
    if p.ghost:
        continue
    TP_ROWS.append(dict(tin=p.tin, tin_type=p.tin_type, first_name=p.mfirst, middle_name=p.mmiddle or None,
                        last_name=p.mlast, name_suffix=p.msuffix or None,
                        date_of_birth=None if p.i in NO_DOB else p.dob, date_of_death=p.dod))
    p_rows_out = []
    for (a, src, ty, d) in p.rows:
        b = bldg_of(a)
        u = unit_of(a)
        st = render_street(b, "spelled" if rng.random() < 0.15 else "std")
        uu = (unit_variant(u) if u and rng.random() < 0.1 else u) or None
        row = dict(tin=p.tin, street=st, unit=uu, city=fmt_city(b.city), state=b.state, zip=b.zip, source=src,
                   tax_year=ty, effective_date=d)
        AD_ROWS.append(row)
        p_rows_out.append(row)
# keep the rendered rows per person for the truth file
REND = collections.defaultdict(list)
for r in AD_ROWS:
    REND[r["tin"]].append(r)


def lka_rendered(p):
    rows = REND[p.tin]
    return max(rows, key=lambda r: (r["effective_date"], SRC_RANK[r["source"]]))


# co-residence index (the agency's view: any address row ever)
BLDG_P = collections.defaultdict(set)
UNIT_P = collections.defaultdict(set)
for p in PERSONS:
    if p.ghost:
        continue
    for (a, _s, _t, _d) in p.rows:
        b, u = ADDR[a]
        BLDG_P[b].add(p.i)
        UNIT_P[(b, u)].add(p.i)


def cand_view(p):
    return dict(first=p.mfirst, middle=p.mmiddle, last=p.mlast, suffix=p.msuffix,
                dob="" if p.i in NO_DOB else iso(p.dob), tin=p.tin, i=p.i)


# ============================================================ request construction
AGENTS = ["SA-%05d" % (10000 + k) for k in range(380)]
AGENT_LOAD = collections.Counter()
OFFICES = ["LA", "SD", "HOU", "DAL", "SA", "MIA", "NY", "NWK", "CHI", "PHX", "ATL", "SEA", "BOS", "DEN", "DET"]
REASONS = [
    "Subject of open HSI criminal investigation {c} for willful failure to depart within 90 days of a final order of removal entered {o}; current address needed to locate the subject.",
    "Investigation {c}: subject remained in the United States more than 90 days after the final removal order of {o} (8 U.S.C. 1253(a)(1)); address sought to serve process.",
    "Case {c} - subject has failed to depart following final order dated {o}; last known address is relevant to locating the subject for the criminal proceeding.",
    "Open criminal case {c}; subject under final order of removal since {o} and has not departed; the address is needed for the arrest warrant.",
]
PERIODS = ["2023;2024", "2022;2023;2024", "2021-2024", "2024", "2020-2023", "2023", "2022-2024", "2019;2020;2021"]
USED_P = set()
USED_HH = set()
REQS = []   # (record dict, meta dict)


def agent():
    while True:
        a = rng.choice(AGENTS)
        if AGENT_LOAD[a] < 60:
            AGENT_LOAD[a] += 1
            return a


def legal_fields():
    od = SIGNED_AT - timedelta(days=rng.randint(100, 2600))
    c = "HSI-%s-%d-%05d" % (rng.choice(OFFICES), rng.randint(2019, 2026), rng.randint(1, 99999))
    r = dict(taxable_periods=rng.choice(PERIODS), statute="", final_order_date=iso(od), case_number=c,
             case_agent_id=agent())
    if rng.random() < 0.15:
        r["statute"] = rng.choice(["8 U.S.C. 1253(a)(1)", "8 USC 1253(a)(1)", "8 U.S.C. § 1253(a)(1)"])
    r["reason"] = rng.choice(REASONS).format(c=c, o=iso(od))
    return r


def agency_street(b):
    return render_street(b, "std")


def base_req(p, a, dob_p=0.7, name_from=None):
    b = bldg_of(a)
    u = unit_of(a)
    n = name_from or p
    rec = dict(first_name=n.first, middle_name=n.middle, last_name=n.last, name_suffix=n.suffix,
               date_of_birth=iso(n.dob) if (n.dob and rng.random() < dob_p) else "",
               tin="", a_number=("A%09d" % rng.randint(10000000, 299999999)) if rng.random() < 0.5 else "",
               street=agency_street(b), unit=u, city=b.city, state=b.state, zip=b.zip, address="")
    rec.update(legal_fields())
    meta = dict(target=p.i if not p.ghost else None, person=p.i, src=a, unit_given=bool(u), tags=[], legal=None,
                exp_codes="", acc_codes="")
    return rec, meta


# ---------------------------------------------------------------- noise helpers
KB = {c: n for c, n in zip("QWERTYUIOPASDFGHJKLZXCVBNM",
                           ["WA", "QES", "WRD", "ETF", "RYG", "TUH", "YIJ", "UOK", "IPL", "OL", "QSZ", "AWDX", "SEFC",
                            "DRGV", "FTHB", "GYJN", "HUKM", "JIL", "KO", "AX", "ZSC", "XDV", "CFB", "VGN", "BHM", "NJ"])}


def typo_tok(t):
    if len(t) < 4:
        return None
    for _ in range(10):
        op = rng.choice(["sub", "swap", "del", "dup"])
        i = rng.randint(1, len(t) - 1)
        if op == "sub" and t[i] in KB:
            s = t[:i] + rng.choice(KB[t[i]]) + t[i + 1:]
        elif op == "swap" and i < len(t) - 1:
            s = t[:i] + t[i + 1] + t[i] + t[i + 2:]
        elif op == "del":
            s = t[:i] + t[i + 1:]
        elif op == "dup":
            s = t[:i] + t[i] + t[i:]
        else:
            continue
        if s != t:
            return s
    return None


def typo_in(s):
    toks = s.split()
    idx = [i for i, t in enumerate(toks) if len(t) >= 4 and t.isalpha() and t not in PARTICLES]
    if not idx:
        return None
    i = rng.choice(idx)
    t = typo_tok(toks[i])
    if not t:
        return None
    toks[i] = t
    return " ".join(toks)


def grp_alts(tok, table):
    out = []
    for line in table:
        ws = line.split()
        if tok in ws:
            out += [w for w in ws if w != tok]
    return out


# name noises: f(rec, meta, p) -> bool
def n_typo_first(r, m, p):
    s = typo_in(r["first_name"])
    if not s:
        return False
    r["first_name"] = s
    return True


def n_typo_last(r, m, p):
    s = typo_in(r["last_name"])
    if not s:
        return False
    r["last_name"] = s
    return True


def n_drop_second(r, m, p):
    if len(p.sur) != 2:
        return False
    r["last_name"] = p.sur[0]
    return True


def n_only_second(r, m, p):
    if len(p.sur) != 2:
        return False
    r["last_name"] = p.sur[1]
    return True


def n_sur_form(r, m, p):
    l = p.last
    opts = []
    if len(p.sur) == 2 and " " not in p.sur[0] + p.sur[1]:
        opts.append("-".join(p.sur))
    for s in p.sur:
        if s.startswith("DE LA ") or s.startswith("DE LOS ") or s.startswith("DEL ") or s.startswith("DE "):
            opts += [l.replace(s, s.replace(" ", "")), l.replace(s, s.split()[-1])]
        if s.startswith("DELA ") or s.startswith("DELOS "):
            opts += [l.replace(s, s.replace("DELA ", "DE LA ").replace("DELOS ", "DE LOS ")), l.replace(s, s.replace(" ", ""))]
        if s.startswith("SAINT-"):
            opts += [l.replace(s, "ST " + s[6:]), l.replace(s, "ST. " + s[6:]), l.replace(s, "SAINT " + s[6:])]
        if s.startswith("AL-") or s.startswith("EL-"):
            opts += [l.replace(s, s.replace("-", "")), l.replace(s, s.replace("-", " ")),
                     l.replace(s, ("EL " if s.startswith("AL") else "AL ") + s[3:]), l.replace(s, s[3:])]
        if s.startswith("ABU-") or s.startswith("ABDEL-") or s.startswith("JEAN-"):
            opts += [l.replace(s, s.replace("-", " ")), l.replace(s, s.replace("-", ""))]
        if s.startswith("O'"):
            opts += [l.replace(s, s.replace("'", "")), l.replace(s, s.replace("'", " "))]
    if not opts:
        return False
    r["last_name"] = rng.choice(opts)
    return True


def n_swap(r, m, p):
    r["first_name"], r["last_name"] = r["last_name"], r["first_name"]
    if rng.random() < 0.5:
        r["middle_name"] = ""
    return True


def n_nick_en(r, m, p):
    t = r["first_name"].split()[0]
    alts = grp_alts(t, NICK_EN)
    if not alts:
        return False
    r["first_name"] = rng.choice(alts)
    return True


def n_nick_es(r, m, p):
    if p.eth not in ("HISP", "PH"):
        return False
    t = r["first_name"].split()[0]
    alts = [a for a in grp_alts(t, NICK_ES) if a not in ("MA",)]
    if not alts:
        return False
    r["first_name"] = rng.choice(alts)
    return True


def n_anglicized(r, m, p):
    toks = r["first_name"].split()
    alts = grp_alts(toks[0], ANGL)
    if not alts:
        return False
    toks[0] = rng.choice(alts)
    r["first_name"] = " ".join(toks)
    return True


def n_translit(r, m, p):
    if p.eth == "KO":
        f = p.first
        opts = [f.replace(" ", ""), f.replace(" ", "-"), f]
        s = grp_alts(p.sur[0], SUR_TRANSLIT)
        nf = rng.choice(opts)
        nl = rng.choice(s) if s and rng.random() < 0.5 else p.last
        if nf == O.nrm(p.mfirst) and nl == p.last:
            nf = f.replace(" ", "") if " " in O.nrm(p.mfirst) else f
        if O.nrm(nf) == O.nrm(p.mfirst) and nl == p.last:
            return False
        r["first_name"], r["last_name"] = nf, nl
        return True
    if p.eth == "ZH":
        if p.first in ZH_SPLIT:
            r["first_name"] = ZH_SPLIT[p.first] if rng.random() < 0.6 else ZH_SPLIT[p.first].replace(" ", "-")
            if O.nrm(r["first_name"]) == O.nrm(p.mfirst):
                r["first_name"] = p.first
            return True
        s = grp_alts(p.sur[0], SUR_TRANSLIT)
        if s:
            r["last_name"] = rng.choice(s)
            return True
        return False
    toks = r["first_name"].split()
    alts = grp_alts(toks[0], TRANSLIT)
    salts = grp_alts(p.sur[-1].replace("AL-", "").replace("EL-", ""), SUR_TRANSLIT)
    if not alts and not salts:
        return False
    if alts and (not salts or rng.random() < 0.7):
        toks[0] = rng.choice([a for a in alts if a not in ("SASHA", "NATASHA", "TANYA", "SVETA", "KATYA")] or alts)
        r["first_name"] = " ".join(toks)
    else:
        base = p.sur[-1]
        pre = base[:3] if base[:3] in ("AL-", "EL-") else ""
        r["last_name"] = p.last.replace(base, pre + rng.choice(salts))
    return True


def n_given_second(r, m, p):
    toks = [t for t in p.first.split() if t not in ("DE", "DEL", "LA", "LOS")]
    if p.eth in ("VI", "KO"):
        return False
    if len(toks) >= 2:
        r["first_name"] = toks[-1] if rng.random() < 0.7 else " ".join(p.first.split()[1:]).replace("DEL ", "").replace("DE ", "")
        r["middle_name"] = ""
        return True
    if p.eth in ("ZH",) and p.middle:
        r["first_name"], r["middle_name"] = p.middle, ""
        return True
    if p.eth in ("HISP", "HT", "EN") and p.middle and rng.random() < 0.5:
        r["first_name"], r["middle_name"] = p.middle, ""
        return True
    return False


def n_compound_split(r, m, p):
    f = p.first
    if p.eth == "VI" and p.middle in ("VAN", "THI"):
        r["first_name"], r["middle_name"] = p.middle + " " + f, ""
        return True
    if p.eth == "PH" and f.startswith("MARIA "):
        r["first_name"] = "MA. " + f[6:] if rng.random() < 0.6 else "MA " + f[6:]
        return True
    if " " in f:
        a, b = f.split(" ", 1)
        r["first_name"], r["middle_name"] = a, b
        return True
    if p.middle and p.eth in ("HISP", "EN", "HT", "AR"):
        r["first_name"], r["middle_name"] = f + " " + p.middle, ""
        return True
    return False


def n_drop_middle(r, m, p):
    if not p.middle or p.eth == "PH" and False:
        return False
    r["middle_name"] = "" if rng.random() < 0.6 else p.middle[0]
    return True


def n_accent(r, m, p):
    if p.eth not in ("HISP", "VI"):
        return False
    f, l = accentize(r["first_name"]), accentize(r["last_name"])
    if f == r["first_name"] and l == r["last_name"]:
        return False
    r["first_name"], r["last_name"] = f, l
    if rng.random() < 0.5:
        r["first_name"], r["last_name"] = titlecase(f), titlecase(l)
    return True


def n_sur_structure(r, m, p):
    if p.eth == "PH" and p.middle and " " not in p.middle:
        r["last_name"] = p.middle + " " + p.last
        r["middle_name"] = ""
        return True
    if p.eth == "SL" and p.sex == "F":
        base = {v: k for k, v in SL_FEM.items()}.get(p.sur[0])
        if base:
            r["last_name"] = base
            return True
    return False


# address noises
def a_missing_unit(r, m, p):
    if not r["unit"]:
        return False
    r["unit"] = ""
    m["unit_given"] = False
    return True


def a_unit_format(r, m, p):
    u = unit_of(m["src"])
    if not u:
        return False
    des, uid = u.split(" ", 1)
    dash = uid
    if len(uid) >= 2 and uid[-1].isalpha() and uid[:-1].isdigit():
        dash = uid[:-1] + "-" + uid[-1]
    opts = ["#%s" % uid, "# %s" % uid, "UNIT %s" % uid, uid, "APT %s" % dash, "APARTMENT %s" % uid,
            "APT #%s" % uid, "Apt %s" % uid.lower()]
    if des == "UNIT":
        opts.append("APT %s" % uid)
    opts = [o for o in opts if o != u]
    r["unit"] = rng.choice(opts)
    return True


def a_unit_in_street(r, m, p):
    if not r["unit"]:
        return False
    r["street"] = r["street"] + " " + (r["unit"] if rng.random() < 0.6 else r["unit"].replace("APT ", "#").replace("UNIT ", "#"))
    r["unit"] = ""
    return True


def a_street_abbrev(r, m, p):
    b = bldg_of(m["src"])
    opts = [render_street(b, "spelled"),
            "%d %s%s" % (b.num, (b.predir + " ") if b.predir else "", b.name),  # no street type
            "%d %s%s %s." % (b.num, (b.predir + ". ") if b.predir else "", b.name, b.stype.capitalize()),
            titlecase(render_street(b, "spelled"))]
    r["street"] = rng.choice(opts)
    return True


def a_street_typo(r, m, p):
    b = bldg_of(m["src"])
    nm = typo_in(b.name)
    if not nm:
        return False
    for other in NAMES_AT[(b.zip, b.num)]:
        if other != b.name and O.dl(other, nm) <= 2:
            return False
    r["street"] = "%d %s%s %s" % (b.num, (b.predir + " ") if b.predir else "", nm, b.stype)
    return True


def a_dir_ord(r, m, p):
    b = bldg_of(m["src"])
    if b.name in ORD_WORDS:
        r["street"] = "%d %s%s %s" % (b.num, (b.predir + " ") if b.predir else "", ORD_WORDS[b.name], b.stype)
        return True
    if b.predir:
        if rng.random() < 0.5:
            r["street"] = "%d %s %s" % (b.num, b.name, b.stype)
        else:
            r["street"] = "%d %s %s %s" % (b.num, DIRS[b.predir], b.name, b.stype)
        return True
    return False


def a_zip4(r, m, p):
    r["zip"] = "%s-%04d" % (r["zip"], rng.randint(1, 9999))
    return True


def a_one_line(r, m, p):
    u = (" " + r["unit"]) if r["unit"] else ""
    if rng.random() < 0.6:
        r["address"] = "%s%s, %s, %s %s" % (r["street"], u, r["city"], r["state"], r["zip"])
    else:
        r["address"] = "%s%s %s %s %s" % (r["street"], u, r["city"], r["state"], r["zip"])
    r["street"] = r["unit"] = r["city"] = r["state"] = r["zip"] = ""
    return True


def a_city(r, m, p):
    b = bldg_of(m["src"])
    opts = ["typo", "empty"]
    if b.alt:
        opts.append("alt")
    o = rng.choice(opts)
    if o == "typo":
        c = typo_in(b.city)
        if not c:
            return False
        r["city"] = c
    elif o == "empty":
        r["city"] = ""
    else:
        r["city"] = rng.choice(b.alt)
    return True


def d_missing(r, m, p):
    r["date_of_birth"] = ""
    return True


def d_swap(r, m, p):
    if not p.dob or p.dob.day > 12 or p.dob.day == p.dob.month:
        return False
    r["date_of_birth"] = date(p.dob.year, p.dob.day, p.dob.month).isoformat()
    return True


def d_digit(r, m, p):
    if not p.dob:
        return False
    d = p.dob
    for _ in range(10):
        k = rng.choice(["y", "m", "d"])
        try:
            if k == "y":
                nd = date(d.year + rng.choice([-1, 1]), d.month, d.day)
            elif k == "m":
                nd = date(d.year, d.month + rng.choice([-1, 1]), d.day) if 1 < d.month < 12 else None
            else:
                nd = date(d.year, d.month, d.day + rng.choice([-1, 1])) if 1 < d.day < 28 else None
        except ValueError:
            nd = None
        if nd and sum(a != b for a, b in zip(nd.isoformat(), d.isoformat())) == 1:
            r["date_of_birth"] = nd.isoformat()
            return True
    return False


def d_keep(r, m, p):
    if not p.dob:
        return False
    r["date_of_birth"] = iso(p.dob)
    return True


def t_tin(r, m, p):
    t = p.tin
    r["tin"] = "%s-%s-%s" % (t[:3], t[3:5], t[5:]) if rng.random() < 0.5 else t
    return True


NOISE = {
    "typo_first": n_typo_first, "typo_last": n_typo_last, "drop_second_surname": n_drop_second,
    "only_second_surname": n_only_second, "surname_form": n_sur_form, "swap_names": n_swap,
    "nickname_en": n_nick_en, "nickname_es": n_nick_es, "anglicized": n_anglicized, "translit": n_translit,
    "given_second_only": n_given_second, "compound_given_split": n_compound_split, "drop_middle": n_drop_middle,
    "accent_case": n_accent, "surname_structure": n_sur_structure,
    "missing_unit": a_missing_unit, "unit_format": a_unit_format, "unit_in_street": a_unit_in_street,
    "street_abbrev": a_street_abbrev, "street_typo": a_street_typo, "dir_ordinal": a_dir_ord, "zip4": a_zip4,
    "one_line_address": a_one_line, "city_variant": a_city,
    "missing_dob": d_missing, "dob_swap": d_swap, "dob_digit": d_digit, "with_tin": t_tin,
}
COMBO_OK = ["typo_first", "typo_last", "drop_second_surname", "drop_middle", "unit_format", "street_abbrev",
            "zip4", "missing_dob", "dob_swap", "nickname_es", "nickname_en", "one_line_address", "swap_names",
            "surname_form", "missing_unit", "city_variant", "dob_digit", "accent_case", "compound_given_split"]


# ---------------------------------------------------------------- pools
def alive_master(p):
    return not p.ghost and p.dod is None


ALL_P = [p for p in PERSONS if not p.ghost]
HH_BY_TYPE = collections.defaultdict(list)
for h in HH:
    HH_BY_TYPE[h.type].append(h)


def free(p):
    return p.i not in USED_P and p.hh not in USED_HH


def pick_person(pred, tries=400):
    for _ in range(tries):
        p = rng.choice(ALL_P)
        if free(p) and alive_master(p) and pred(p):
            return p
    return None


def distinct_bldgs(p):
    return {ADDR[r[0]][0] for r in p.rows}


def use(p):
    USED_P.add(p.i)
    USED_HH.add(p.hh)


# ---------------------------------------------------------------- truth
def judge(rec, meta):
    rq = dict(first=rec["first_name"], middle=rec["middle_name"], last=rec["last_name"], suffix=rec["name_suffix"],
              dob=rec["date_of_birth"], tin=rec["tin"].replace("-", ""))
    if meta["src"] is None:
        return [], []
    b, u = ADDR[meta["src"]]
    ids = UNIT_P[(b, u)] if meta["unit_given"] else BLDG_P[b]
    cands = [cand_view(PERSONS[i]) for i in ids]
    return O.judge(rq, cands)


def verdict(rec, meta):
    plaus, best = judge(rec, meta)
    if not best:
        return "NOT_DUE", None, []
    if len(best) > 1:
        return "UNDECIDABLE", None, [c["i"] for c in best]
    q = PERSONS[best[0]["i"]]
    if q.dod:
        return "NOT_DUE", q.i, [q.i]
    return "DUE", q.i, [q.i]


def emit(rec, meta, kind, intent, why=""):
    meta["kind"] = kind
    meta["intent"] = intent
    meta["why"] = why
    REQS.append((rec, meta))


def make_due(kind, noises, p=None, a=None, dob_p=0.7):
    """p: target; a: source address. Applies noises; emits with oracle truth."""
    rec, meta = base_req(p, a, dob_p=dob_p)
    for nz in noises:
        if not NOISE[nz](rec, meta, p):
            return False
        meta["tags"].append(nz)
    emit(rec, meta, kind, "DUE")
    use(p)
    return True


def lka_addr(p):
    return lka_row(p)[0]


def gen_kind_due(kind, n):
    made = 0
    fails = 0
    while made < n and fails < n * 50:
        ok = False
        if kind == "clean":
            p = pick_person(lambda p: True)
            ok = p and make_due(kind, [], p, lka_addr(p))
        elif kind == "old_address":
            p = pick_person(lambda p: len(distinct_bldgs(p)) >= 2)
            if p:
                L = lka_addr(p)
                olds = [r[0] for r in p.rows if ADDR[r[0]][0] != ADDR[L][0]]
                ok = make_due(kind, [], p, rng.choice(olds))
        elif kind == "old_address_after_notice":
            p = pick_person(lambda p: lka_row(p)[1] != "RETURN" and any(
                r[1] == "RETURN" and ADDR[r[0]][0] != ADDR[lka_addr(p)][0] for r in p.rows))
            if p:
                rets = sorted([r for r in p.rows if r[1] == "RETURN" and ADDR[r[0]][0] != ADDR[lka_addr(p)][0]],
                              key=lambda r: r[3])
                ok = make_due(kind, [], p, rets[-1][0])
        elif kind == "tie_lka":
            cands = [PERSONS[i] for i in TIE if free(PERSONS[i]) and alive_master(PERSONS[i])]
            if cands:
                p = rng.choice(cands)
                ok = make_due(kind, [], p, rng.choice([r[0] for r in p.rows]))
        elif kind in ("jrsr_suffix", "jrsr_dob"):
            h = rng.choice(HH_BY_TYPE["jrsr"])
            fa = PERSONS[h.members[0]]
            son = PERSONS[h.members[-1]]
            if h.i not in USED_HH and not son.ghost and alive_master(fa) and alive_master(son) and son.dob and fa.dob:
                common = [r[0] for r in son.rows if r[0] in {x[0] for x in fa.rows}]
                if common:
                    t = son if (kind == "jrsr_suffix" or rng.random() < 0.6) else fa
                    rec, meta = base_req(t, rng.choice(common), dob_p=0.5 if kind == "jrsr_suffix" else 1.0)
                    if kind == "jrsr_suffix":
                        rec["name_suffix"] = "JR" if t is son else (fa.suffix or "SR")
                        if rng.random() < 0.5:
                            rec["middle_name"] = ""
                    else:
                        rec["name_suffix"] = ""
                        rec["middle_name"] = ""
                    meta["tags"].append("relatives_same_address")
                    emit(rec, meta, kind, "DUE")
                    use(t)
                    ok = True
        elif kind in ("namesake_unit", "namesake_dob"):
            h = rng.choice(HH_BY_TYPE["ns_bldg"])
            p = PERSONS[h.members[0]]
            if free(p) and alive_master(p) and h.extra["pair"] not in USED_HH and p.dob:
                common = [r[0] for r in p.rows if bldg_of(r[0]).apt and any(
                    ADDR[x[0]][0] == ADDR[r[0]][0] for x in PERSONS[HH[h.extra["pair"]].members[0]].rows)]
                if common:
                    a = rng.choice(common)
                    rec, meta = base_req(p, a, dob_p=0.5 if kind == "namesake_unit" else 1.0)
                    if kind == "namesake_dob":
                        rec["unit"] = ""
                        meta["unit_given"] = False
                    emit(rec, meta, kind, "DUE")
                    use(p)
                    USED_HH.add(h.extra["pair"])
                    ok = True
        elif kind == "samename_zip":
            h = rng.choice(HH_BY_TYPE["ns_zip"])
            p = PERSONS[h.members[0]]
            if free(p) and alive_master(p) and h.extra["pair"] not in USED_HH:
                rec, meta = base_req(p, lka_addr(p), dob_p=0.5)
                emit(rec, meta, kind, "DUE")
                use(p)
                USED_HH.add(h.extra["pair"])
                ok = True
        elif kind == "twin":
            h = rng.choice(HH_BY_TYPE["twins"])
            if h.i not in USED_HH:
                p = PERSONS[h.members[-1 if rng.random() < 0.5 else -2]]
                if alive_master(p):
                    ok = make_due(kind, [], p, rng.choice([r[0] for r in p.rows]))
        elif kind == "sibling":
            h = rng.choice(HH_BY_TYPE["family"] + HH_BY_TYPE["sisters"])
            kids = [PERSONS[i] for i in h.members if PERSONS[i].role in ("child", "sister") and not PERSONS[i].ghost]
            if h.i not in USED_HH and len(kids) >= 1 and len(h.members) >= 2:
                p = rng.choice(kids)
                home = h_core_home(h)
                if alive_master(p) and any(r[0] == home for r in p.rows):
                    ok = make_due(kind, [], p, home, dob_p=0.5)
        elif kind == "spouse":
            h = rng.choice(HH_BY_TYPE["couple"])
            ps = [PERSONS[i] for i in h.members]
            if h.i not in USED_HH and not any(x.ghost for x in ps):
                p = rng.choice(ps)
                if alive_master(p):
                    ok = make_due(kind, [], p, lka_addr(p), dob_p=0.5)
        elif kind == "combo":
            p = pick_person(lambda p: True)
            if p:
                k = rng.choice([2, 2, 3])
                nz = rng.sample(COMBO_OK, k)
                if "one_line_address" in nz:
                    nz.remove("one_line_address")
                    nz.append("one_line_address")
                if "missing_unit" in nz and "unit_format" in nz:
                    nz.remove("unit_format")
                if "swap_names" in nz:
                    nz.remove("swap_names")
                    nz.append("swap_names")
                ok = make_due("combo", nz, p, lka_addr(p) if rng.random() < 0.8 else rng.choice([r[0] for r in p.rows]))
        else:
            nz = NOISE[kind]
            pred = {
                "missing_unit": lambda p: bool(unit_of(lka_addr(p))), "unit_format": lambda p: bool(unit_of(lka_addr(p))),
                "unit_in_street": lambda p: bool(unit_of(lka_addr(p))),
                "drop_second_surname": lambda p: len(p.sur) == 2, "only_second_surname": lambda p: len(p.sur) == 2,
                "nickname_en": lambda p: p.eth in ("EN", "HT", "PH", "SL", "AR") and bool(grp_alts(p.first.split()[0], NICK_EN)),
                "nickname_es": lambda p: p.eth in ("HISP", "PH") and bool(grp_alts(p.first.split()[0], NICK_ES)),
                "anglicized": lambda p: bool(grp_alts(p.first.split()[0], ANGL)),
                "translit": lambda p: p.eth in ("AR", "SL", "KO", "ZH"),
                "accent_case": lambda p: p.eth in ("HISP", "VI"),
                "surname_structure": lambda p: p.eth in ("PH", "SL"),
                "dob_swap": lambda p: p.dob is not None and p.dob.day <= 12 and p.dob.day != p.dob.month,
                "dob_digit": lambda p: p.dob is not None,
                "given_second_only": lambda p: p.eth not in ("VI", "KO") and (" " in p.first or bool(p.middle)),
                "compound_given_split": lambda p: " " in p.first or bool(p.middle) or p.eth == "PH",
                "drop_middle": lambda p: bool(p.middle),
                "swap_names": lambda p: True,
            }.get(kind, lambda p: True)
            p = pick_person(pred)
            if p:
                dob_p = 0.7
                extra = []
                if kind in ("dob_swap", "dob_digit"):
                    dob_p = 1.0
                ok = make_due(kind, [kind] + extra, p, lka_addr(p), dob_p=dob_p)
        if ok:
            made += 1
        else:
            fails += 1
    return made


def h_core_home(h):
    """the household's shared current home (the last entry of the first member's timeline)."""
    return PERSONS[h.members[0]].timeline[-1][0]


# ---------------------------------------------------------------- hard negatives / undecidable
def try_emit_neg(rec, meta, kind, intent, why, want):
    v, who, cands = verdict(rec, meta)
    ok = (v == want) if want != "DECEASED" else (v == "NOT_DUE" and who is not None)
    if not ok:
        return False
    emit(rec, meta, kind, intent, why)
    return True


def fictional_name(eth, sex):
    nm = make_name(eth, sex)
    return nm


def gen_kind_neg(kind, n):
    made = fails = 0
    while made < n and fails < n * 80:
        ok = False
        if kind == "deceased":
            cands = None
            p = None
            for _ in range(300):
                q = rng.choice(ALL_P)
                if q.dod and free(q):
                    p = q
                    break
            if p:
                rec, meta = base_req(p, rng.choice([r[0] for r in p.rows]), dob_p=0.5)
                ok = try_emit_neg(rec, meta, kind, "NOT_DUE", "deceased", "DECEASED")
                if ok:
                    use(p)
        elif kind == "jr_ghost":
            h = rng.choice(HH_BY_TYPE["jrsr"])
            fa = PERSONS[h.members[0]]
            son = PERSONS[h.members[-1]]
            if h.i not in USED_HH and son.ghost and not fa.ghost:
                home = h_core_home(h)
                if any(r[0] == home for r in fa.rows):
                    rec, meta = base_req(son, home, dob_p=1.0 if not fa.suffix else 0.5)
                    rec["name_suffix"] = "JR"
                    if rec["middle_name"] and rng.random() < 0.5:
                        rec["middle_name"] = ""
                    meta["tags"].append("relative_data")
                    ok = try_emit_neg(rec, meta, kind, "NOT_DUE", "relative_not_taxpayer", "NOT_DUE")
                    if ok:
                        USED_HH.add(h.i)
        elif kind in ("sibling_ghost", "spouse_ghost"):
            h = rng.choice(HH_BY_TYPE["family" if kind == "sibling_ghost" else "couple"])
            gh = [PERSONS[i] for i in h.members if PERSONS[i].ghost]
            if h.i not in USED_HH and gh:
                g = gh[0]
                home = h_core_home(h)
                others = [PERSONS[i] for i in h.members if not PERSONS[i].ghost]
                if others and any(r[0] == home for o in others for r in o.rows):
                    rec, meta = base_req(g, home, dob_p=0.6)
                    meta["tags"].append("relative_data")
                    ok = try_emit_neg(rec, meta, kind, "NOT_DUE", "relative_not_taxpayer", "NOT_DUE")
                    if ok:
                        USED_HH.add(h.i)
        elif kind in ("stranger_same_name", "stranger_same_zip"):
            x = rng.choice(ALL_P)
            if kind == "stranger_same_name":
                y = rng.choice(ALL_P)
                if bldg_of(lka_addr(y)).zip == bldg_of(lka_addr(x)).zip:
                    y = None
            else:
                z = bldg_of(lka_addr(x)).zip
                ys = [PERSONS[i] for b in APT_ALL[z][:5] + HOUSES[z][:10] for i in BLDG_P[b.id]]
                y = rng.choice(ys) if ys else None
            if y is not None and y.i != x.i and x.hh != y.hh and free(y):
                a = lka_addr(y)
                if ADDR[a][0] not in {ADDR[r[0]][0] for r in x.rows}:
                    rec, meta = base_req(y, a, dob_p=0.0, name_from=x)
                    meta["target"] = None
                    meta["person"] = x.i
                    if rng.random() < 0.5:
                        rec["date_of_birth"] = iso(rand_dob(20, 70))
                    meta["tags"].append("namesake_elsewhere")
                    ok = try_emit_neg(rec, meta, kind, "NOT_DUE", "name_only_stranger", "NOT_DUE")
                    if ok:
                        USED_HH.add(y.hh)
        elif kind == "dob_conflict":
            p = pick_person(lambda p: p.dob is not None and p.i not in NO_DOB)
            if p:
                rec, meta = base_req(p, lka_addr(p))
                d = p.dob
                nd = date(d.year + rng.choice([-9, -6, -4, 4, 7, 11]), rng.randint(1, 12), rng.randint(1, 28))
                rec["date_of_birth"] = iso(nd)
                ok = try_emit_neg(rec, meta, kind, "NOT_DUE", "dob_contradicts", "NOT_DUE")
                if ok:
                    use(p)
        elif kind == "tin_conflict":
            p = pick_person(lambda p: True)
            if p:
                other = PERSONS[[i for i in HH[p.hh].members if i != p.i and not PERSONS[i].ghost][0]] \
                    if len([i for i in HH[p.hh].members if i != p.i and not PERSONS[i].ghost]) else rng.choice(ALL_P)
                rec, meta = base_req(p, lka_addr(p))
                rec["tin"] = other.tin
                meta["tags"].append("relative_tin" if other.hh == p.hh else "other_tin")
                ok = try_emit_neg(rec, meta, kind, "NOT_DUE", "tin_contradicts", "NOT_DUE")
                if ok:
                    use(p)
        elif kind == "address_only":
            y = pick_person(lambda p: True)
            if y:
                sex = rng.choice("MF")
                nm = make_name(y.eth, sex)
                g = Person()
                g.first, g.middle, g.sur, g.suffix, g.dob, g.ghost, g.i = nm["first"], nm["middle"], nm["sur"], "", \
                    rand_dob(20, 60), True, -1
                rec, meta = base_req(y, lka_addr(y), name_from=g)
                meta["target"] = None
                meta["tags"].append("resident_address")
                ok = try_emit_neg(rec, meta, kind, "NOT_DUE", "address_only", "NOT_DUE")
                if ok:
                    USED_HH.add(y.hh)
        elif kind == "not_in_master":
            zipd = pick_zip()
            pre, name, st = rng.choice(streets_for(zipd))
            num = rng.randint(20000, 29999)
            if num not in NUMS[(zipd["zip"], name)]:
                eth = pick_eth()
                sex = rng.choice("MF")
                nm = make_name(eth, sex)
                rec = dict(first_name=nm["first"], middle_name=nm["middle"], last_name=" ".join(nm["sur"]),
                           name_suffix="", date_of_birth=iso(rand_dob(20, 60)) if rng.random() < 0.6 else "",
                           tin="", a_number="A%09d" % rng.randint(10000000, 299999999),
                           street="%d %s%s %s" % (num, (pre + " ") if pre else "", name, st),
                           unit="", city=zipd["city"], state=zipd["state"], zip=zipd["zip"], address="")
                rec.update(legal_fields())
                meta = dict(target=None, person=None, src=None, unit_given=False, tags=[], legal=None,
                            exp_codes="", acc_codes="")
                emit(rec, meta, kind, "NOT_DUE", "not_a_taxpayer")
                ok = True
        elif kind == "moved_unknown":
            cands = [PERSONS[i] for i in UNKNOWN_MOVE]
            p = rng.choice(cands)
            if free(p) and alive_master(p):
                rec, meta = base_req(p, p.timeline[-1][0])
                meta["tags"].append("address_not_in_history")
                ok = try_emit_neg(rec, meta, kind, "NOT_DUE", "address_not_in_history", "NOT_DUE")
                if ok:
                    use(p)
        # -------- undecidable
        elif kind == "jrsr_nosuffix":
            h = rng.choice(HH_BY_TYPE["jrsr"])
            fa = PERSONS[h.members[0]]
            son = PERSONS[h.members[-1]]
            if h.i not in USED_HH and not son.ghost and not fa.ghost:
                common = [r[0] for r in son.rows if r[0] in {x[0] for x in fa.rows}]
                if common:
                    t = son if rng.random() < 0.7 else fa
                    rec, meta = base_req(t, rng.choice(common), dob_p=0.0)
                    rec["name_suffix"] = ""
                    rec["middle_name"] = ""
                    meta["tags"].append("relatives_same_address")
                    ok = try_emit_neg(rec, meta, kind, "UNDECIDABLE", "jr_sr_indistinguishable", "UNDECIDABLE")
                    if ok:
                        USED_HH.add(h.i)
        elif kind == "namesake_nounit":
            h = rng.choice(HH_BY_TYPE["ns_bldg"])
            p = PERSONS[h.members[0]]
            if free(p) and h.extra["pair"] not in USED_HH:
                q = PERSONS[HH[h.extra["pair"]].members[0]]
                common = [r[0] for r in p.rows if bldg_of(r[0]).apt and any(ADDR[x[0]][0] == ADDR[r[0]][0] for x in q.rows)]
                if common:
                    rec, meta = base_req(p, rng.choice(common), dob_p=0.0)
                    rec["unit"] = ""
                    meta["unit_given"] = False
                    ok = try_emit_neg(rec, meta, kind, "UNDECIDABLE", "namesakes_same_building_no_unit", "UNDECIDABLE")
                    if ok:
                        use(p)
                        USED_HH.add(h.extra["pair"])
        elif kind in ("twin_shared_first", "sisters_maria"):
            pool = [h for h in HH_BY_TYPE["twins"] if h.extra.get("shared")] if kind == "twin_shared_first" \
                else HH_BY_TYPE["sisters"]
            if pool:
                h = rng.choice(pool)
                sibs = [PERSONS[i] for i in h.members if PERSONS[i].role in ("twin", "sister")]
                if h.i not in USED_HH and len(sibs) == 2:
                    p = rng.choice(sibs)
                    home = h_core_home(h)
                    rec, meta = base_req(p, home, dob_p=0.5 if kind == "twin_shared_first" else 0.0)
                    rec["first_name"] = p.first.split()[0]
                    rec["middle_name"] = ""
                    meta["tags"].append("relatives_same_address")
                    ok = try_emit_neg(rec, meta, kind, "UNDECIDABLE", "siblings_share_given_name", "UNDECIDABLE")
                    if ok:
                        USED_HH.add(h.i)
        if ok:
            made += 1
        else:
            fails += 1
    return made


# ---------------------------------------------------------------- legally insufficient
PLACEHOLDERS = ["UNKNOWN", "FAILED TO PROVIDE", "N/A", "NA NA", "NONE", "DON'T CARE", "TBD", "HOMELESS",
                "REFUSED", "XXX", "UNKNOWN ADDRESS"]


def inj(rec, code):
    """inject one deficiency; returns (required codes, acceptable extra codes)."""
    if code == "addr_placeholder":
        v = rng.choice(PLACEHOLDERS)
        mode = rng.random()
        if mode < 0.5:
            rec["street"], rec["unit"] = v, ""
        elif mode < 0.7:
            rec["street"] = "%s %s" % (v, rec["zip"]) if v == "DON'T CARE" else v
            rec["city"] = ""
        elif mode < 0.85:
            rec["city"] = v
        else:
            rec["street"] = ""
            rec["address"] = "%s %s" % (v, rec["zip"])
            rec["city"] = rec["state"] = rec["zip"] = rec["unit"] = ""
        return {"R_ADDRESS_PLACEHOLDER"}, {"R_ADDRESS_INCOMPLETE", "R_ADDRESS_MISSING", "R_ADDRESS_INVALID"}
    if code == "addr_zip_only":
        rec["street"] = rec["unit"] = rec["city"] = rec["state"] = ""
        return {"R_ADDRESS_INCOMPLETE"}, {"R_ADDRESS_MISSING"}
    if code == "addr_no_number":
        rec["street"] = " ".join(rec["street"].split()[1:])
        return {"R_ADDRESS_INCOMPLETE"}, set()
    if code == "addr_number_only":
        rec["street"] = rec["street"].split()[0]
        return {"R_ADDRESS_INCOMPLETE"}, set()
    if code == "addr_no_city_zip":
        rec["city"] = rec["state"] = rec["zip"] = ""
        return {"R_ADDRESS_INCOMPLETE"}, set()
    if code == "addr_missing":
        for k in ("street", "unit", "city", "state", "zip", "address"):
            rec[k] = ""
        return {"R_ADDRESS_MISSING"}, {"R_ADDRESS_INCOMPLETE"}
    if code == "addr_facility":
        f = rng.choice(FACILITIES)
        if rng.random() < 0.6:
            rec["street"], rec["unit"] = f, ""
        else:
            rec["unit"] = f
        return {"R_ADDRESS_FACILITY"}, {"R_ADDRESS_INCOMPLETE"}
    if code == "zip_00000":
        rec["zip"] = "00000"
        return {"R_ADDRESS_INVALID"}, set()
    if code == "bad_state":
        rec["state"] = rng.choice(["XX", "CAL", "TEX", "ZZ"])
        return {"R_ADDRESS_INVALID"}, set()
    if code == "zip_state_mismatch":
        other = rng.choice([s for s in ("ME", "VT", "MT", "WY", "ND", "SD", "AK", "HI") if s != rec["state"]])
        rec["zip"] = rng.choice(ALL_STATE_ZIP[other])
        return {"R_ADDRESS_INVALID"}, set()
    if code == "zip_malformed":
        rec["zip"] = rng.choice(["9000", "ABCDE", "123456", "9O210"])
        return {"R_ADDRESS_INVALID"}, set()
    if code == "order_90":
        rec["final_order_date"] = iso(SIGNED_AT - timedelta(days=rng.randint(5, 85)))
        return {"R_ORDER_90_DAYS"}, set()
    if code == "order_future":
        rec["final_order_date"] = iso(SIGNED_AT + timedelta(days=rng.randint(3, 60)))
        return {"R_ORDER_FUTURE"}, {"R_ORDER_90_DAYS"}
    if code == "order_missing":
        rec["final_order_date"] = rng.choice(["", "PENDING", "13/45/2024", "2024-02-30"])
        return {"R_ORDER_MISSING"}, set()
    if code == "period_future":
        rec["taxable_periods"] = rng.choice(["2027", "2026-2028", "2024;2027"])
        return {"R_PERIOD"}, set()
    if code == "period_bad":
        rec["taxable_periods"] = rng.choice(["", "LAST YEAR", "N/A", "ALL"])
        return {"R_PERIOD"}, set()
    if code == "case_missing":
        rec["case_number"] = ""
        return {"R_CASE"}, set()
    if code == "agent_missing":
        rec["case_agent_id"] = ""
        return {"R_CASE"}, set()
    if code == "reason_placeholder":
        rec["reason"] = rng.choice(["", "N/A", "TBD", "NONE", "XXX", "REASON"])
        return {"R_REASON"}, set()
    if code == "statute_bad":
        rec["statute"] = rng.choice(["18 U.S.C. 1546", "8 U.S.C. 1326", "18 USC 911", "8 U.S.C. 1227(a)(2)"])
        return {"R_STATUTE"}, set()
    if code == "tin_bad":
        rec["tin"] = rng.choice(["12345", "666123456", "000123456", "123-45-678", "912123456", "987-12-3456"])
        return {"R_TIN"}, set()
    if code == "name_bad":
        k = rng.random()
        if k < 0.4:
            rec["first_name"] = rng.choice(["FNU", "UNKNOWN", "X", "N/A", "123"])
        elif k < 0.7:
            rec["last_name"] = rng.choice(["LNU", "UNKNOWN", "X", "XXX", "0"])
        else:
            rec["first_name"] = ""
        return {"R_NAME"}, set()
    raise KeyError(code)


LEGAL_W = {"addr_placeholder": 14, "addr_zip_only": 6, "addr_no_number": 5, "addr_number_only": 3,
           "addr_no_city_zip": 3, "addr_missing": 4, "addr_facility": 7, "zip_00000": 4, "bad_state": 2,
           "zip_state_mismatch": 4, "zip_malformed": 2, "order_90": 8, "order_future": 3, "order_missing": 4,
           "period_future": 3, "period_bad": 3, "case_missing": 3, "agent_missing": 2, "reason_placeholder": 5,
           "statute_bad": 4, "tin_bad": 4, "name_bad": 5}
FIELD_OF = {k: ("addr" if k.startswith(("addr", "zip", "bad_state")) else k.split("_")[0]) for k in LEGAL_W}


def gen_legal(n):
    made = 0
    while made < n:
        p = pick_person(lambda p: True)
        if not p:
            continue
        rec, meta = base_req(p, lka_addr(p))
        codes = [wchoice(LEGAL_W)]
        if rng.random() < 0.2:
            c2 = wchoice(LEGAL_W)
            if FIELD_OF[c2] != FIELD_OF[codes[0]]:
                codes.append(c2)
        req, acc = set(), set()
        for c in codes:
            r1, a1 = inj(rec, c)
            req |= r1
            acc |= a1
        meta["legal"] = "+".join(codes)
        meta["exp_codes"] = ";".join(sorted(req))
        meta["acc_codes"] = ";".join(sorted(acc))
        emit(rec, meta, "legal:" + "+".join(codes), "NOT_DUE", "legally_insufficient")
        use(p)
        made += 1


def gen_caseload(n):
    ag = "SA-99001"
    for _ in range(n):
        p = pick_person(lambda p: True)
        rec, meta = base_req(p, lka_addr(p))
        rec["case_agent_id"] = ag
        meta["legal"] = "caseload"
        meta["exp_codes"] = "R_CASELOAD"
        emit(rec, meta, "legal:caseload", "NOT_DUE", "legally_insufficient")
        use(p)


# ---------------------------------------------------------------- plan
scale = N_REQ / 12000.0
DUE_PLAN = {
    "clean": 1100, "old_address": 650, "old_address_after_notice": 200, "tie_lka": 80,
    "missing_unit": 330, "unit_format": 280, "unit_in_street": 180, "street_abbrev": 320, "street_typo": 280,
    "dir_ordinal": 150, "zip4": 280, "one_line_address": 240, "city_variant": 150,
    "typo_first": 280, "typo_last": 280, "drop_second_surname": 330, "only_second_surname": 150,
    "surname_form": 230, "swap_names": 230, "nickname_en": 130, "nickname_es": 150, "anglicized": 180,
    "translit": 230, "given_second_only": 190, "compound_given_split": 160, "drop_middle": 190,
    "accent_case": 130, "surname_structure": 110, "missing_dob": 230, "dob_swap": 150, "dob_digit": 150,
    "with_tin": 150, "jrsr_suffix": 180, "jrsr_dob": 100, "namesake_unit": 170, "namesake_dob": 90,
    "samename_zip": 180, "twin": 130, "sibling": 190, "spouse": 110, "combo": 600,
}
NEG_PLAN = {"deceased": 230, "jr_ghost": 200, "sibling_ghost": 190, "spouse_ghost": 120,
            "stranger_same_name": 230, "stranger_same_zip": 200, "dob_conflict": 140, "tin_conflict": 60,
            "address_only": 110, "not_in_master": 110, "moved_unknown": 110}
UND_PLAN = {"jrsr_nosuffix": 190, "namesake_nounit": 190, "twin_shared_first": 90, "sisters_maria": 100}
N_LEGAL = 1080
N_CASELOAD = 105
N_DUP_PERSON = 40
N_DUP_ID = 30

made = collections.Counter()
for k, n in UND_PLAN.items():
    made[k] = gen_kind_neg(k, round(n * scale))
for k, n in NEG_PLAN.items():
    made[k] = gen_kind_neg(k, round(n * scale))
for k, n in DUE_PLAN.items():
    made[k] = gen_kind_due(k, round(n * scale * 0.875))
gen_legal(round(N_LEGAL * scale))
gen_caseload(max(101, round(N_CASELOAD * scale)) if N_REQ >= 2000 else 0)

# top up with clean/combo to reach N_REQ - duplicates
target_n = N_REQ - round((N_DUP_PERSON + N_DUP_ID) * scale)
while len(REQS) < target_n:
    gen_kind_due(rng.choice(["clean", "combo", "old_address", "missing_dob"]), 1)

rng.shuffle(REQS)
ids = ["R%d-%06d" % (SEED, k + 1) for k in range(len(REQS))]
for (rec, meta), rid in zip(REQS, ids):
    rec["request_id"] = rid

# duplicates (placed after their original)
due_pos = [k for k, (rec, meta) in enumerate(REQS) if meta["intent"] == "DUE" and not meta["legal"]]
inserts = []
for k in rng.sample(due_pos, round(N_DUP_PERSON * scale)):
    rec, meta = REQS[k]
    r2 = dict(rec)
    r2["request_id"] = "R%d-D%05d" % (SEED, len(inserts) + 1)
    m2 = dict(meta, tags=list(meta["tags"]), legal="duplicate_person", exp_codes="R_DUPLICATE", acc_codes="",
              kind="legal:duplicate_person", intent="NOT_DUE", why="legally_insufficient", dup_of=rec["request_id"])
    inserts.append((k, r2, m2))
for _ in range(round(N_DUP_ID * scale)):
    p = pick_person(lambda p: True)
    rec, meta = base_req(p, lka_addr(p))
    use(p)
    k = rng.randrange(len(REQS) // 2)
    rec["request_id"] = REQS[k][0]["request_id"]
    meta.update(legal="duplicate_request_id", exp_codes="R_REQUEST_ID", acc_codes="", kind="legal:duplicate_request_id",
                intent="NOT_DUE", why="legally_insufficient", dup_of=rec["request_id"])
    inserts.append((k, rec, meta))
for k, r2, m2 in sorted(inserts, key=lambda x: -x[0]):
    pos = rng.randint(k + 1, len(REQS))
    REQS.insert(pos, (r2, m2))

# ============================================================ write everything
os.makedirs(os.path.join(OUT, "master"), exist_ok=True)
os.makedirs(os.path.join(OUT, "package"), exist_ok=True)
os.makedirs(os.path.join(OUT, "keys"), exist_ok=True)

tp_schema = pa.schema([("tin", pa.string()), ("tin_type", pa.string()), ("first_name", pa.string()),
                       ("middle_name", pa.string()), ("last_name", pa.string()), ("name_suffix", pa.string()),
                       ("date_of_birth", pa.date32()), ("date_of_death", pa.date32())])
ad_schema = pa.schema([("tin", pa.string()), ("street", pa.string()), ("unit", pa.string()), ("city", pa.string()),
                       ("state", pa.string()), ("zip", pa.string()), ("source", pa.string()),
                       ("tax_year", pa.int32()), ("effective_date", pa.date32())])
rng.shuffle(TP_ROWS)
pq.write_table(pa.Table.from_pylist(TP_ROWS, schema=tp_schema), os.path.join(OUT, "master", "taxpayers.parquet"))
AD_OUT = list(AD_ROWS)
rng.shuffle(AD_OUT)
pq.write_table(pa.Table.from_pylist(AD_OUT, schema=ad_schema), os.path.join(OUT, "master", "addresses.parquet"))

COLS = ["request_id", "first_name", "middle_name", "last_name", "name_suffix", "date_of_birth", "tin", "a_number",
        "street", "unit", "city", "state", "zip", "address", "taxable_periods", "statute", "reason",
        "final_order_date", "case_number", "case_agent_id"]
rec_path = os.path.join(OUT, "package", "records.csv")
with open(rec_path, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(COLS)
    for rec, meta in REQS:
        w.writerow([rec.get(c, "") for c in COLS])
rec_bytes = open(rec_path, "rb").read()
manifest = {
    "batch_id": "ICE-2026-%06d" % (900000 + SEED),
    "requesting_agency": "ICE",
    "signed_by": {"official_id": "ICE-DIR-01", "name": "Pat Example", "title": "Director"},
    "signed_at": SIGNED_AT.isoformat(),
    "statutory_authority": ["8 U.S.C. 1253(a)(1)"],
    "reason": ("Each listed person is under a final order of removal entered more than 90 days ago and is the "
               "subject of an open criminal investigation under 8 U.S.C. 1253(a)(1) for willful failure to depart; "
               "the last known address is needed to locate the subject for that proceeding."),
    "certifications": {"subjects_under_criminal_investigation": True, "use_solely_for_proceeding": True,
                       "recipients_personally_and_directly_engaged": True, "publication_1075_safeguards": True},
    "records_file": "records.csv",
    "records_sha256": hashlib.sha256(rec_bytes).hexdigest(),
    "record_count": len(REQS),
}
mbytes = json.dumps(manifest, indent=2).encode("utf-8")
open(os.path.join(OUT, "package", "batch.json"), "wb").write(mbytes)
sk = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"audit20-director-%d" % SEED).digest())
open(os.path.join(OUT, "package", "batch.json.sig"), "wb").write(base64.b64encode(sk.sign(mbytes)))
open(os.path.join(OUT, "keys", "director.pub.pem"), "wb").write(sk.public_key().public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))

# truth
TCOLS = ["row", "request_id", "truth", "why", "kind", "tags", "intent", "target_tin", "exp_codes", "acc_codes",
         "lka_street", "lka_unit", "lka_city", "lka_state", "lka_zip", "lka_source", "lka_eff", "cand_tins",
         "src_street", "src_unit", "src_zip", "person_tin", "dup_of"]
summary = collections.Counter()
with open(os.path.join(OUT, "truth.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, TCOLS)
    w.writeheader()
    for k, (rec, meta) in enumerate(REQS):
        row = dict(row=k, request_id=rec["request_id"], kind=meta["kind"], tags="|".join(meta["tags"]),
                   intent=meta["intent"], exp_codes=meta["exp_codes"], acc_codes=meta["acc_codes"],
                   dup_of=meta.get("dup_of", ""))
        if meta["src"] is not None:
            b, u = ADDR[meta["src"]]
            row.update(src_street=render_street(BLDGS[b]), src_unit=u, src_zip=BLDGS[b].zip)
        if meta.get("person") is not None:
            row["person_tin"] = PERSONS[meta["person"]].tin
        if meta["legal"]:
            row.update(truth="NOT_DUE", why="legal:" + meta["legal"],
                       target_tin=PERSONS[meta["target"]].tin if meta["target"] is not None else "")
        else:
            v, who, cands = verdict(rec, meta)
            row["truth"] = v
            row["cand_tins"] = ";".join(PERSONS[i].tin for i in cands)
            if v == "DUE":
                q = PERSONS[who]
                L = lka_rendered(q)
                row.update(target_tin=q.tin, lka_street=L["street"], lka_unit=L["unit"] or "", lka_city=L["city"],
                           lka_state=L["state"], lka_zip=L["zip"], lka_source=L["source"], lka_eff=iso(L["effective_date"]))
                row["why"] = "" if meta["target"] == who else "oracle_other_person"
            elif v == "NOT_DUE":
                row["why"] = "deceased" if who is not None else (meta["why"] or "no_corresponding_taxpayer")
                row["target_tin"] = PERSONS[who].tin if who is not None else ""
            else:
                row["why"] = meta["why"] or "ambiguous_" + meta["kind"]
                row["target_tin"] = PERSONS[meta["target"]].tin if meta["target"] is not None else ""
        summary[(row["truth"], meta["intent"])] += 1
        w.writerow(row)

with open(os.path.join(OUT, "people.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["tin", "ghost", "hh", "hh_type", "role", "eth", "first", "middle", "last", "suffix", "dob", "dod",
                "master_first", "master_middle", "master_last", "master_dob_missing"])
    for p in PERSONS:
        w.writerow([p.tin, int(p.ghost), p.hh, HH[p.hh].type, p.role, p.eth, p.first, p.middle, p.last, p.suffix,
                    iso(p.dob), iso(p.dod), p.mfirst, p.mmiddle, p.mlast, int(p.i in NO_DOB)])

out = dict(seed=SEED, taxpayers=len(TP_ROWS), address_rows=len(AD_ROWS), persons_incl_nonfilers=len(PERSONS),
           households=len(HH), requests=len(REQS), made=dict(made),
           truth={"%s/%s" % k: v for k, v in sorted(summary.items())},
           ties=len(TIE), unknown_moves=len(UNKNOWN_MOVE), deceased=sum(1 for p in PERSONS if p.dod and not p.ghost))
json.dump(out, open(os.path.join(OUT, "gen_summary.json"), "w"), indent=1)
print(json.dumps(out, indent=1))

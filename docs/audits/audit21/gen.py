"""gen.py SEED OUT [N_BG_HOUSEHOLDS] -- synthetic master extract + signed request package + truth.csv

Written from /work/shared/spec only (audit21).
"""
import base64
import csv
import datetime as dt
import hashlib
import json
import os
import random
import sys
from collections import defaultdict

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402

SEED = int(sys.argv[1])
OUT = sys.argv[2]
N_HH = int(sys.argv[3]) if len(sys.argv) > 3 else 30000
rng = random.Random(SEED)
SIGNED_AT = dt.date(2026, 11, 20)
AS_OF = "2026-11-25"

PLACES = [
    ("LOS ANGELES", "CA", "90001 90002 90003 90004 90006 90011 90012 90015 90016 90018 90019 90026 90031 90033 90037 90044 90057 90063"),
    ("HOUSTON", "TX", "77002 77003 77004 77006 77007 77008 77009 77011 77012 77016 77020 77022 77023 77026 77036 77057 77074 77081"),
    ("DALLAS", "TX", "75201 75203 75204 75206 75208 75211 75212 75214 75216 75217 75220 75224 75228"),
    ("CHICAGO", "IL", "60608 60609 60612 60616 60618 60623 60625 60629 60632 60639 60640 60641 60647"),
    ("MIAMI", "FL", "33125 33126 33127 33128 33130 33133 33135 33142 33144 33145"),
    ("NEW YORK", "NY", "10002 10009 10025 10027 10029 10031 10032 10033 10034 10040"),
    ("BRONX", "NY", "10451 10452 10453 10454 10455 10456 10457 10458 10459 10460 10468"),
    ("PHOENIX", "AZ", "85006 85007 85008 85009 85013 85015 85017 85019 85031 85033 85035"),
    ("SAN ANTONIO", "TX", "78201 78202 78203 78204 78207 78210 78211 78221 78228 78237"),
    ("ATLANTA", "GA", "30303 30308 30310 30312 30314 30315 30318"),
    ("DENVER", "CO", "80203 80204 80205 80211 80219 80223"),
    ("NEWARK", "NJ", "07102 07103 07104 07105 07106 07107 07108"),
    ("SAN JOSE", "CA", "95110 95111 95112 95116 95122 95127"),
    ("SEATTLE", "WA", "98103 98108 98118 98122 98144"),
]
STREET_NAMES = ("MAIN OAK PINE MAPLE CEDAR ELM WASHINGTON LINCOLN JEFFERSON LAKE HILL PARK SUNSET BROADWAY "
                "MADISON FRANKLIN JACKSON HIGHLAND RIVERSIDE CHESTNUT WALNUT SPRING CHURCH MILL CENTER "
                "VALLEY FOREST MEADOW ROSE LINDEN SANTA ROSA SAN PEDRO LAS PALMAS EL PASO ALAMEDA "
                "MONTEREY CORONADO VISTA HARBOR GRAND").split()
STREET_NAMES = [s.replace("_", " ") for s in STREET_NAMES]
TYPES = ["ST", "AVE", "BLVD", "DR", "RD", "LN", "CT", "PL", "WAY"]
TYPE_LONG = {"ST": "STREET", "AVE": "AVENUE", "BLVD": "BOULEVARD", "DR": "DRIVE", "RD": "ROAD", "LN": "LANE",
             "CT": "COURT", "PL": "PLACE", "WAY": "WAY"}
DIR_LONG = {"N": "NORTH", "S": "SOUTH", "E": "EAST", "W": "WEST"}

H_M = ("JOSE JUAN LUIS CARLOS JORGE MIGUEL PEDRO FRANCISCO ANTONIO MANUEL JESUS RAFAEL DANIEL ALEJANDRO "
       "FERNANDO RICARDO ROBERTO EDUARDO JAVIER SERGIO RAUL MARIO OSCAR VICTOR GABRIEL ANDRES DIEGO "
       "ALBERTO HECTOR RAMON ENRIQUE ARTURO GUILLERMO IGNACIO JOSUE").split()
H_F = ("MARIA ANA ROSA CARMEN GUADALUPE JUANA MARTHA LAURA PATRICIA ELENA SOFIA ISABEL LUCIA GABRIELA "
       "DANIELA ALEJANDRA ADRIANA VERONICA MONICA SANDRA YOLANDA BEATRIZ SILVIA TERESA GLORIA FRANCISCA "
       "ANTONIA JOSEFINA").split()
H_L = ("GARCIA RODRIGUEZ MARTINEZ HERNANDEZ LOPEZ GONZALEZ PEREZ SANCHEZ RAMIREZ TORRES FLORES RIVERA "
       "GOMEZ DIAZ CRUZ REYES MORALES GUTIERREZ ORTIZ CHAVEZ RAMOS RUIZ MENDOZA CASTILLO JIMENEZ VASQUEZ "
       "MORENO HERRERA MEDINA AGUILAR VARGAS CASTRO ROMERO FERNANDEZ ALVAREZ MUNOZ NUNEZ PENA").split()
ACC = {"JOSE": "José", "MARIA": "María", "RAMIREZ": "Ramírez", "MUNOZ": "Muñoz", "NUNEZ": "Núñez", "PENA": "Peña",
       "GONZALEZ": "González", "JIMENEZ": "Jiménez", "HERNANDEZ": "Hernández", "LOPEZ": "López", "PEREZ": "Pérez",
       "JESUS": "Jesús", "RAUL": "Raúl", "VICTOR": "Víctor", "HECTOR": "Héctor", "RAMON": "Ramón", "LUCIA": "Lucía",
       "SANCHEZ": "Sánchez", "GOMEZ": "Gómez", "DIAZ": "Díaz", "MARTINEZ": "Martínez", "RODRIGUEZ": "Rodríguez",
       "FERNANDEZ": "Fernández", "ALVAREZ": "Álvarez", "VASQUEZ": "Vásquez", "GUTIERREZ": "Gutiérrez",
       "JOSUE": "Josué", "ANDRES": "Andrés", "SOFIA": "Sofía", "BEATRIZ": "Beatriz"}
A_M = ("JAMES JOHN ROBERT MICHAEL WILLIAM DAVID RICHARD JOSEPH THOMAS CHRISTOPHER DANIEL MATTHEW "
       "ANTHONY STEVEN ALEXANDER NICHOLAS SAMUEL EDWARD CHRISTIAN").split()
A_F = ("MARY PATRICIA JENNIFER LINDA ELIZABETH BARBARA SUSAN JESSICA SARAH KAREN NANCY LISA "
       "KATHERINE CHRISTINA ALEXANDRA SAMANTHA FRANCES").split()
A_L = ("SMITH JOHNSON WILLIAMS BROWN JONES MILLER DAVIS WILSON ANDERSON TAYLOR THOMAS MOORE JACKSON "
       "MARTIN LEE THOMPSON WHITE HARRIS CLARK LEWIS ROBINSON WALKER YOUNG ALLEN KING").split()
C_G = "WEI LI JING MIN YAN HUI XIAO NA JUN LEI PING HONG".split()
C_L = "ZHANG WANG LI LIU CHEN YANG HUANG ZHAO WU ZHOU".split()
V_G_M = "MINH ANH THANH TUAN HUNG DUC NAM".split()
V_G_F = "LINH ANH THAO HOA LAN MAI TRANG".split()
V_L = "NGUYEN TRAN LE PHAM HOANG VU DANG BUI".split()
NICKS_OF = defaultdict(list)
for _n, _fs in C.NICK.items():
    for _f in _fs:
        NICKS_OF[_f].append(_n)


def zipf(lst, s=1.0):
    w = [1.0 / (i + 1) ** s for i in range(len(lst))]
    return lambda: rng.choices(lst, weights=w)[0]


pick = {k: zipf(v, 0.9) for k, v in dict(H_M=H_M, H_F=H_F, H_L=H_L, A_M=A_M, A_F=A_F, A_L=A_L, C_G=C_G,
                                           C_L=C_L, V_G_M=V_G_M, V_G_F=V_G_F, V_L=V_L).items()}

# ---------------- streets and addresses ----------------
STREETS = defaultdict(list)   # city -> list of street dicts
for city, st, zips in PLACES:
    zl = zips.split()
    for nm in STREET_NAMES:
        stype = rng.choice(TYPES)
        if rng.random() < 0.25:
            z = rng.choice(zl)
            for d in ("N", "S"):
                STREETS[city].append(dict(predir=d, name=nm, stype=stype, city=city, state=st, zip=z, used=set()))
        else:
            STREETS[city].append(dict(predir=None, name=nm, stype=stype, city=city, state=st, zip=rng.choice(zl), used=set()))
ALL_STREETS = [s for v in STREETS.values() for s in v]


def new_num(street, num=None):
    while True:
        n = num or rng.randint(100, 9899)
        if n not in street["used"]:
            street["used"].add(n)
            return n
        num = None


def mk_addr(street, num, unit=None):
    return dict(num=str(num), predir=street["predir"], name=street["name"], stype=street["stype"], unit=unit,
                city=street["city"], state=street["state"], zip=street["zip"])


def new_house(street=None):
    s = street or rng.choice(ALL_STREETS)
    return mk_addr(s, new_num(s))


BUILDINGS = []


def new_building(nunits=None):
    s = rng.choice(ALL_STREETS)
    n = new_num(s)
    nunits = nunits or rng.randint(8, 120)
    floors = max(2, nunits // 8)
    units = [f"{f}{c}" for f in range(1, floors + 1) for c in "ABCDEFGH"][:nunits]
    b = dict(street=s, num=n, units=units, free=list(units))
    rng.shuffle(b["free"])
    BUILDINGS.append(b)
    return b


def unit_addr(b):
    u = b["free"].pop() if b["free"] else rng.choice(b["units"])
    return mk_addr(b["street"], b["num"], u)


def fresh_home():
    if rng.random() < 0.45:
        b = rng.choice(BUILDINGS) if BUILDINGS and rng.random() < 0.8 else new_building()
        if not b["free"]:
            b = new_building()
        return unit_addr(b)
    return new_house()


def render_street(a, style=0):
    parts = [a["num"]]
    if a["predir"]:
        parts.append(DIR_LONG[a["predir"]] if style == 1 else a["predir"])
    parts.append(a["name"])
    if a["stype"]:
        parts.append(TYPE_LONG[a["stype"]] if style == 1 else a["stype"])
    s = " ".join(parts)
    if style == 1:
        s = s.title()
    return s


def akey(a):
    return (a["num"], a["predir"], a["name"], a["stype"], a["unit"], a["city"], a["state"], a["zip"])


# ---------------- master ----------------
TAXPAYERS = []
ADDRS = []
BY_TIN = {}
USED_TINS = set()
OCC = defaultdict(set)   # akey -> tins with that address anywhere in history


def new_tin(itin=False):
    while True:
        if itin:
            t = "9%02d%02d%04d" % (rng.randint(0, 99), rng.choice(list(range(70, 89)) + [90, 91, 92, 94, 95]),
                                   rng.randint(0, 9999))
        else:
            a = rng.randint(1, 899)
            if a == 666:
                continue
            t = "%03d%02d%04d" % (a, rng.randint(1, 99), rng.randint(1, 9999))
        if t not in USED_TINS:
            USED_TINS.add(t)
            return t


def rdate(y0, y1):
    d0 = dt.date(y0, 1, 1).toordinal()
    d1 = dt.date(y1, 12, 31).toordinal()
    return dt.date.fromordinal(rng.randint(d0, d1))


def add_person(first, last, middle=None, suffix=None, dob=None, dod=None, hist=None, itin=False, accent=False,
               tin=None, group="bg"):
    """hist: list of (addr, source, date) oldest first; last is current unless dates say otherwise"""
    tin = tin or new_tin(itin)
    f, l = first, last
    if accent:
        f = " ".join(ACC.get(x, x) for x in first.split())
        l = " ".join(ACC.get(x, x) for x in last.split())
        if rng.random() < 0.5:
            f, l = f.title(), l.title()
    p = dict(tin=tin, tin_type="ITIN" if tin.startswith("9") else "SSN", first_name=f, middle_name=middle or "",
             last_name=l, name_suffix=suffix or "", date_of_birth=dob.isoformat() if dob else "",
             date_of_death=dod.isoformat() if dod else "", group=group)
    TAXPAYERS.append(p)
    BY_TIN[tin] = p
    p["rows"] = []
    for a, src, d in hist:
        style = 1 if rng.random() < 0.08 else 0
        unit = a["unit"]
        if unit:
            unit = rng.choice(["APT " + unit, "APT " + unit, "#" + unit, "UNIT " + unit]) if style == 0 else "Apt " + unit
        row = dict(tin=tin, street=render_street(a, style), unit=unit or "", city=a["city"] if style == 0 else a["city"].title(),
                   state=a["state"], zip=a["zip"], source=src, tax_year=(d.year - 1) if src == "RETURN" else "",
                   effective_date=d.isoformat(), addr=a)
        ADDRS.append(row)
        p["rows"].append(row)
        OCC[akey(a)].add(tin)
    return p


def std_hist(cur, nprior=None, cur_src=None, cur_date=None):
    nprior = rng.choice([0, 0, 1, 1, 2]) if nprior is None else nprior
    dates = sorted(rdate(2015, 2022) for _ in range(nprior))
    h = [(new_house() if rng.random() < 0.6 else fresh_home(), "RETURN" if rng.random() < 0.8 else "NCOA", d) for d in dates]
    src = cur_src or rng.choices(["RETURN", "FORM_8822", "NCOA"], [0.7, 0.15, 0.15])[0]
    h.append((cur, src, cur_date or rdate(2023, 2025)))
    return h


def ppl(eth, sex):
    if eth == "H":
        return pick["H_M" if sex == "M" else "H_F"]()
    if eth == "A":
        return pick["A_M" if sex == "M" else "A_F"]()
    if eth == "C":
        return pick["C_G"]()
    return pick["V_G_M" if sex == "M" else "V_G_F"]()


def surname(eth):
    return {"H": pick["H_L"], "A": pick["A_L"], "C": pick["C_L"], "V": pick["V_L"]}[eth]()


def bg_household():
    eth = rng.choices("HACV", [0.5, 0.3, 0.1, 0.1])[0]
    home = fresh_home()
    size = rng.choice([1, 1, 2, 2, 3, 4])
    fam = surname(eth)
    mat = surname(eth)
    y = rng.randint(1955, 1992)
    members = []
    for i in range(size):
        sex = rng.choice("MF") if i != 1 else ("F" if members and members[0][1] == "M" else "M")
        if i == 0:
            last = fam + (" " + mat if eth == "H" and rng.random() < 0.3 else "")
            dob = rdate(y, y)
        elif i == 1:
            last = (surname(eth) if eth == "H" and rng.random() < 0.6 else fam)
            dob = rdate(y - 5, y + 5)
        else:
            last = fam + (" " + mat if eth == "H" and rng.random() < 0.3 else "")
            dob = rdate(min(y + 20, 2004), min(y + 35, 2006))
        first = ppl(eth, sex)
        middle = ""
        if eth in "HA" and rng.random() < 0.35:
            middle = ppl(eth, sex)
            if middle == first:
                middle = ""
        if eth == "H" and middle and rng.random() < 0.4:
            first, middle = first + " " + middle, ""
        members.append((first, sex))
        suffix = "JR" if eth == "A" and i >= 2 and sex == "M" and rng.random() < 0.3 else ""
        if suffix and members[0][1] == "M":
            first = members[0][0]
        else:
            suffix = ""
        add_person(first, last, middle, suffix, dob, None, std_hist(home), itin=(eth == "H" and rng.random() < 0.25),
                   accent=(eth == "H" and rng.random() < 0.2))


for _ in range(N_HH):
    bg_household()
# a few deceased in the background
for p in rng.sample(TAXPAYERS, len(TAXPAYERS) // 200):
    p["date_of_death"] = rdate(2019, 2025).isoformat()

# ---------------- requests ----------------
REQ = []
AGENTS = ["SA-%04d" % i for i in range(400)]
AGENT_LOAD = defaultdict(int)
USED_TARGET = set()


def legal_defaults():
    ag = rng.choice(AGENTS)
    while AGENT_LOAD[ag] >= 40:
        ag = rng.choice(AGENTS)
    AGENT_LOAD[ag] += 1
    fo = rdate(2023, 2025)
    cn = "CR-%d-%06d" % (rng.choice([2025, 2026]), rng.randint(0, 999999))
    return dict(taxable_periods=rng.choice(["2023;2024", "2022-2024", "2024", "2021;2022;2023"]),
                statute="", reason=f"Subject of criminal investigation {cn} under 8 U.S.C. 1253(a)(1): "
                                   "willful failure to depart after a final order of removal",
                final_order_date=fo.isoformat(), case_number=cn, case_agent_id=ag)


def render_req(p, a, kind, intent, name_noise=None, addr_noise=None, dob="yes", tin=False, suffix=None,
               first=None, last=None, middle=None, dob_value=None, **legal):
    f = C.norm(p["first_name"]) if first is None else first
    l = C.norm(p["last_name"]) if last is None else last
    m = C.norm(p["middle_name"]) if middle is None else middle
    sfx = C.norm(p["name_suffix"]) if suffix is None else suffix
    if name_noise == "nickname":
        nk = NICKS_OF.get(f.split()[0])
        if nk:
            f = rng.choice(nk)
    elif name_noise == "typo_last":
        t = l.split()[0]
        if len(t) >= 5:
            i = rng.randint(1, len(t) - 2)
            t = t[:i] + t[i + 1] + t[i] + t[i + 2:]
        l = " ".join([t] + l.split()[1:])
    elif name_noise == "drop_middle":
        m = ""
    elif name_noise == "middle_initial":
        m = m[:1]
    elif name_noise == "first_surname_only":
        l = l.split()[0]
    elif name_noise == "hyphen":
        l = "-".join(l.split())
    elif name_noise == "accent":
        f = " ".join(ACC.get(x, x) for x in f.split())
        l = " ".join(ACC.get(x, x) for x in l.split())
    elif name_noise == "lower":
        f, l, m = f.title(), l.title(), m.title()
    elif name_noise == "swap":
        f, l = l, f
    elif name_noise == "split_first":
        fs = f.split()
        if len(fs) > 1:
            f, m = fs[0], " ".join(fs[1:])
    r = dict(first_name=f, middle_name=m, last_name=l, name_suffix=sfx)
    # address rendering
    street = render_street(a, 0)
    unit = a["unit"] or ""
    city, state, z = a["city"], a["state"], a["zip"]
    one = ""
    if addr_noise == "long":
        street = render_street(a, 1).upper()
    elif addr_noise == "zip4":
        z = z + "-" + "%04d" % rng.randint(1, 9999)
    elif addr_noise == "unit_hash" and unit:
        unit = "#" + unit
    elif addr_noise == "unit_in_street" and unit:
        street, unit = street + " APT " + unit, ""
    elif addr_noise == "unit_plain" and unit:
        unit = unit
    elif addr_noise == "unit_dash" and unit:
        unit = "APT " + unit[:-1] + "-" + unit[-1]
    elif addr_noise == "no_city":
        city, state = "", ""
    elif addr_noise == "no_zip":
        z = ""
    elif addr_noise == "oneline":
        one = f"{street}{' APT ' + unit if unit else ''}, {city}, {state} {z}"
        street = unit = city = state = z = ""
    elif addr_noise == "lower":
        street, city = street.title(), city.title()
    elif addr_noise == "no_unit":
        unit = ""
    if unit and addr_noise not in ("unit_hash", "unit_plain", "unit_dash"):
        unit = "APT " + unit
    r.update(street=street, unit=unit, city=city, state=state, zip=z, address=one)
    if dob_value is not None:
        r["date_of_birth"] = dob_value
    elif dob == "yes" and p["date_of_birth"]:
        r["date_of_birth"] = p["date_of_birth"]
    elif dob == "swap" and p["date_of_birth"]:
        y, mo, d = p["date_of_birth"].split("-")
        r["date_of_birth"] = f"{y}-{d}-{mo}" if int(d) <= 12 and d != mo else p["date_of_birth"]
    else:
        r["date_of_birth"] = ""
    r["tin"] = (tin if isinstance(tin, str) else (p["tin"][:3] + "-" + p["tin"][3:5] + "-" + p["tin"][5:])) if tin else ""
    r["a_number"] = "A%09d" % rng.randint(0, 999999999) if rng.random() < 0.5 else ""
    r.update(legal_defaults())
    r.update(legal)
    r["kind"] = kind
    r["intent"] = intent
    r["_target"] = p["tin"]
    REQ.append(r)
    return r


def bg_target(pred=None):
    while True:
        p = rng.choice(TAXPAYERS)
        if p["group"] == "bg" and p["tin"] not in USED_TARGET and not p["date_of_death"] and (pred is None or pred(p)):
            USED_TARGET.add(p["tin"])
            return p


def cur(p):
    return C.lka(p["rows"])["addr"]


def old(p):
    lk = C.lka(p["rows"])
    o = [r["addr"] for r in p["rows"] if r is not lk and akey(r["addr"]) != akey(lk["addr"])]
    return o[0] if o else None


NB = dict(n_clean=900, n_noisy=1500, n_old=250)
# --- clean and noisy true matches
for _ in range(NB["n_clean"]):
    p = bg_target()
    render_req(p, cur(p), "clean_exact", "DUE", dob=rng.choice(["yes", "yes", "no"]), tin=rng.random() < 0.2)
NAME_NOISES = ["nickname", "typo_last", "drop_middle", "middle_initial", "first_surname_only", "hyphen", "accent",
               "lower", "swap", "split_first", None]
ADDR_NOISES = ["long", "zip4", "unit_hash", "unit_in_street", "unit_plain", "unit_dash", "no_city", "no_zip",
               "oneline", "lower", None]
for _ in range(NB["n_noisy"]):
    nn = rng.choice(NAME_NOISES)
    an = rng.choice(ADDR_NOISES)
    pred = None
    if nn == "nickname":
        pred = lambda p: C.norm(p["first_name"]).split()[0] in NICKS_OF
    elif nn in ("drop_middle", "middle_initial"):
        pred = lambda p: bool(p["middle_name"])
    elif nn in ("first_surname_only", "hyphen"):
        pred = lambda p: len(C.norm(p["last_name"]).split()) > 1
    elif nn == "split_first":
        pred = lambda p: len(C.norm(p["first_name"]).split()) > 1
    elif nn == "swap":
        pred = lambda p: C.norm(p["last_name"]) in C_L + V_L
    elif nn == "accent":
        pred = lambda p: any(x in ACC for x in C.norm(p["first_name"] + " " + p["last_name"]).split())
    if an and an.startswith("unit"):
        pred0 = pred
        pred = (lambda p, q=pred0: bool(cur(p)["unit"]) and (q is None or q(p)))
    p = bg_target(pred)
    dobm = rng.choices(["yes", "no", "swap"], [0.6, 0.3, 0.1])[0]
    render_req(p, cur(p), f"noisy_{nn or 'none'}_{an or 'none'}", "DUE", nn, an, dob=dobm, tin=rng.random() < 0.15)
for _ in range(NB["n_old"]):
    p = bg_target(lambda p: old(p) is not None)
    render_req(p, old(p), "old_address", "DUE", dob=rng.choice(["yes", "no"]))

# ---------------- scenario builders ----------------


def hh_addr(unit_ok=True):
    return fresh_home() if unit_ok else new_house()


def sc_person(first, last, dob, home=None, **kw):
    home = home or hh_addr()
    hist = kw.pop("hist", None) or std_hist(home, nprior=kw.pop("nprior", None))
    return add_person(first, last, dob=dob, hist=hist, group="sc", **kw)


def H_name(sex="F"):
    return pick["H_M" if sex == "M" else "H_F"](), pick["H_L"]()


for i in range(40):  # mother/daughter same name, same house
    f, l = H_name("F")
    home = new_house()
    mom = sc_person(f, l, rdate(1958, 1970), home)
    dau = sc_person(f, l, rdate(1990, 2003), home)
    v = i % 5
    if v == 0:
        render_req(mom, home, "md_same_home_nodob", "UNDECIDABLE", dob="no")
    elif v == 1:
        render_req(dau, home, "md_same_home_dob_daughter", "DUE", dob="yes")
    elif v == 2:
        render_req(mom, home, "md_same_home_dob_mother", "DUE", dob="yes")
    elif v == 3:
        render_req(mom, home, "md_same_home_dob_neither", "NOT_DUE", dob_value=rdate(1975, 1985).isoformat())
    else:
        render_req(mom, home, "md_same_home_tin_mother", "DUE", dob="no", tin=True)
for i in range(40):  # daughter moved out; old family home is in her history
    f, l = H_name("F")
    home = new_house()
    mom = sc_person(f, l, rdate(1958, 1970), home)
    newh = fresh_home()
    dau = sc_person(f, l, rdate(1990, 2003), hist=[(home, "RETURN", rdate(2016, 2020)), (newh, "FORM_8822", rdate(2022, 2025))])
    v = i % 3
    if v == 0:
        render_req(dau, home, "md_moved_nodob", "UNDECIDABLE", dob="no")
    elif v == 1:
        render_req(dau, home, "md_moved_dob_daughter", "DUE", dob="yes")
    else:
        render_req(mom, home, "md_moved_dob_mother", "DUE", dob="yes")
for i in range(40):  # father/son same name
    f, l = H_name("M") if i % 2 else (pick["A_M"](), pick["A_L"]())
    home = new_house()
    v = i % 4
    sfx_son = "JR" if v in (1, 2) else ""
    sfx_dad = "SR" if v == 2 else ""
    dad = sc_person(f, l, rdate(1955, 1968), home, suffix=sfx_dad)
    son = sc_person(f, l, rdate(1985, 2000), home, suffix=sfx_son)
    if v == 0:
        render_req(son, home, "fs_nosuffix_req_jr_nodob", "UNDECIDABLE", dob="no", suffix="JR")
    elif v == 1:
        render_req(son, home, "fs_master_jr_req_nosuffix_nodob", "UNDECIDABLE", dob="no", suffix="")
    elif v == 2:
        render_req(son, home, "fs_both_suffixed_req_jr", "DUE", dob="no", suffix="JR")
    else:
        render_req(dad, home, "fs_nosuffix_dob_father", "DUE", dob="yes")
for i in range(30):  # siblings sharing a nickname
    pair = [("ALEXANDER", "ALEXANDRA", "ALEX"), ("CHRISTOPHER", "CHRISTINA", "CHRIS"), ("ALEJANDRO", "ALEJANDRA", "ALEX"),
            ("SAMUEL", "SAMANTHA", "SAM"), ("FRANCISCO", "FRANCISCA", "PACO")][i % 5]
    l = pick["H_L"]() if i % 2 else pick["A_L"]()
    home = fresh_home()
    a = sc_person(pair[0], l, rdate(1985, 2000), home)
    b = sc_person(pair[1], l, rdate(1985, 2000), home)
    render_req(a, home, "sib_nickname_nodob", "UNDECIDABLE" if pair[2] != "PACO" else "DUE", dob="no", first=pair[2])
for i in range(30):  # brothers JUAN CARLOS / JUAN MANUEL
    l = pick["H_L"]()
    home = fresh_home()
    a = sc_person("JUAN", l, rdate(1980, 1990), home, middle="CARLOS")
    b = sc_person("JUAN", l, rdate(1980, 1990), home, middle="MANUEL")
    v = i % 3
    if v == 0:
        render_req(a, home, "bro_middle_nomid_nodob", "UNDECIDABLE", dob="no", middle="")
    elif v == 1:
        render_req(a, home, "bro_middle_initial", "DUE", dob="no", middle="C")
    else:
        render_req(b, home, "bro_middle_full", "DUE", dob="no", middle="MANUEL")
for i in range(40):  # cousin with the same name elsewhere; requested person not in master
    f, l = H_name(rng.choice("MF"))
    cousin = sc_person(f, l, rdate(1970, 1995), hh_addr())
    elsewhere = fresh_home()
    other = sc_person(*H_name(), rdate(1960, 1990), elsewhere)  # someone else lives there
    v = i % 2
    render_req(cousin, elsewhere, "cousin_elsewhere_" + ("dob" if v else "nodob"), "NOT_DUE", dob="yes" if v else "no",
               tin=(i % 4 == 1))
for i in range(45):  # moved; namesake now lives at the old address
    f, l = H_name(rng.choice("MF"))
    oldh = new_house()
    newh = fresh_home()
    a = sc_person(f, l, rdate(1965, 1990), hist=[(oldh, "RETURN", rdate(2016, 2019)), (newh, "RETURN", rdate(2022, 2025))])
    b = sc_person(f, l, rdate(1965, 1990), hist=[(new_house(), "RETURN", rdate(2016, 2018)), (oldh, "NCOA", rdate(2021, 2025))])
    v = i % 3
    if v == 0:
        render_req(a, oldh, "moved_namesake_nodob", "UNDECIDABLE", dob="no")
    elif v == 1:
        render_req(a, oldh, "moved_namesake_dob_mover", "DUE", dob="yes")
    else:
        render_req(b, oldh, "moved_namesake_dob_resident", "DUE", dob="yes")
for i in range(60):  # namesakes in one apartment building
    b = new_building(rng.randint(40, 150))
    f, l = H_name(rng.choice("MF"))
    a1 = unit_addr(b)
    a2 = unit_addr(b)
    p1 = sc_person(f, l, rdate(1960, 2000), a1)
    v = i % 6
    if v == 4:
        # only one namesake in the building, request names another unit
        render_req(p1, dict(a2), "bldg_single_wrong_unit", "NOT_DUE", dob="no")
        continue
    if v == 5:
        # the second namesake's master record lacks the unit
        p2 = sc_person(f, l, rdate(1960, 2000), dict(a2, unit=None))
        render_req(p1, a1, "bldg_master_nounit_namesake", "UNDECIDABLE", dob="no")
        continue
    p2 = sc_person(f, l, rdate(1960, 2000), a2)
    if v == 0:
        render_req(p1, a1, "bldg_namesake_unit", "DUE", dob="no")
    elif v == 1:
        render_req(p1, dict(a1, unit=None), "bldg_namesake_nounit_nodob", "UNDECIDABLE", dob="no")
    elif v == 2:
        render_req(p1, dict(a1, unit=None), "bldg_namesake_nounit_dob", "DUE", dob="yes")
    else:
        free = b["free"].pop() if b["free"] else "99Z"
        render_req(p1, dict(a1, unit=free), "bldg_namesake_other_unit", "NOT_DUE", dob="no")
for i in range(50):  # requested person not in master; same-name resident with other DOB
    f, l = H_name(rng.choice("MF"))
    home = fresh_home()
    res = sc_person(f, l, rdate(1960, 1975), home)
    render_req(res, home, "stranger_same_name_other_dob", "NOT_DUE", dob_value=rdate(1985, 1999).isoformat())
for i in range(40):  # name unknown at a known address
    home = fresh_home()
    res = sc_person(*H_name(), rdate(1960, 1990), home)
    f, l = H_name(rng.choice("MF"))
    render_req(res, home, "address_only_other_name", "NOT_DUE", first=f, last=l, middle="", dob="no")
for i in range(50):  # name+DOB(+TIN) match but the request's address is not in the history
    p = sc_person(*H_name(rng.choice("MF")), rdate(1960, 1995), hh_addr())
    elsewhere = fresh_home()
    sc_person(*H_name(), rdate(1960, 1990), elsewhere)
    render_req(p, elsewhere, "name_dob_tin_wrong_address" if i % 2 else "name_dob_wrong_address", "NOT_DUE",
               dob="yes", tin=bool(i % 2))
for i in range(60):  # a TIN in the request that belongs to someone else
    home = fresh_home()
    p = sc_person(*H_name(rng.choice("MF")), rdate(1960, 1995), home)
    v = i % 3
    if v == 0:
        other = bg_target()
        render_req(p, home, "tin_of_stranger", "NOT_DUE", dob="no", tin=other["tin"])
    elif v == 1:
        sp = sc_person(pick["H_M"](), C.norm(p["last_name"]), rdate(1960, 1995), home)
        render_req(p, home, "tin_of_housemate", "NOT_DUE", dob="no", tin=sp["tin"])
    else:
        twin = sc_person(C.norm(p["first_name"]), C.norm(p["last_name"]), rdate(1960, 1995), fresh_home())
        render_req(p, home, "tin_of_namesake_elsewhere", "NOT_DUE", dob="no", tin=twin["tin"])
for i in range(40):  # deceased
    home = fresh_home()
    f, l = H_name("M")
    if i % 2 == 0:
        p = sc_person(f, l, rdate(1940, 1970), home, dod=rdate(2020, 2025))
        render_req(p, home, "deceased", "NOT_DUE", dob=rng.choice(["yes", "no"]))
    else:
        dad = sc_person(f, l, rdate(1940, 1960), home, dod=rdate(2020, 2025))
        son = sc_person(f, l, rdate(1980, 1995), home)
        render_req(son, home, "deceased_namesake_nodob", "UNDECIDABLE", dob="no")
for i in range(60):  # same street, other city / other directional / other street type
    v = i % 3
    f, l = H_name(rng.choice("MF"))
    if v == 0:
        s1 = rng.choice(ALL_STREETS)
        s2 = rng.choice([s for s in ALL_STREETS if s["name"] == s1["name"] and s["city"] != s1["city"]])
        n = new_num(s1)
        s2["used"].add(n)
        p = sc_person(f, l, rdate(1960, 1995), mk_addr(s1, n))
        render_req(p, mk_addr(s2, n), "same_street_other_city", "NOT_DUE", dob="yes")
    elif v == 1:
        cand = [s for s in ALL_STREETS if s["predir"] == "N"]
        s1 = rng.choice(cand)
        s2 = [s for s in ALL_STREETS if s["predir"] == "S" and s["name"] == s1["name"] and s["city"] == s1["city"]][0]
        n = new_num(s1)
        s2["used"].add(n)
        p = sc_person(f, l, rdate(1960, 1995), mk_addr(s1, n))
        render_req(p, mk_addr(s2, n), "other_directional", "NOT_DUE", dob="yes")
    else:
        s1 = rng.choice(ALL_STREETS)
        n = new_num(s1)
        a = mk_addr(s1, n)
        a2 = dict(a, stype=rng.choice([t for t in TYPES if t != s1["stype"]]))
        p = sc_person(f, l, rdate(1960, 1995), a)
        render_req(p, a2, "other_street_type", "NOT_DUE", dob="yes")
for i in range(40):  # compound surname collisions in one household
    f = pick["H_F"]()
    s1, s2, s3 = rng.sample(H_L, 3)
    home = fresh_home()
    if i % 2 == 0:
        a = sc_person(f, s1, rdate(1960, 1995), home)
        b = sc_person(f, s2, rdate(1960, 1995), home)
        render_req(a, home, "compound_req_two_housemates", "UNDECIDABLE", dob="no", last=f"{s1} {s2}")
    else:
        a = sc_person(f, f"{s1} {s2}", rdate(1960, 1995), home)
        b = sc_person(f, f"{s1} {s3}", rdate(1960, 1995), home)
        render_req(a, home, "compound_first_surname_two", "UNDECIDABLE", dob="no", last=s1)
for i in range(20):  # name order collision (Chinese names)
    g, s = rng.sample(["LI", "WANG", "ZHANG", "CHEN", "LIU"], 2)
    home = fresh_home()
    a = sc_person(g, s, rdate(1960, 1995), home)
    b = sc_person(s, g, rdate(1960, 1995), home)
    render_req(a, home, "name_order_pair", "UNDECIDABLE", dob="no")
for i in range(40):  # gendered variant / similar different name
    home = fresh_home()
    l = pick["H_L"]()
    pairs = [("GABRIELA", "GABRIEL"), ("DANIELA", "DANIEL"), ("FRANCISCA", "FRANCISCO"), ("ANTONIA", "ANTONIO"),
             ("JOSUE", "JOSE")]
    have, req = pairs[i % 5]
    p = sc_person(have, l, rdate(1960, 2000), home)
    render_req(p, home, "similar_given_name_only", "NOT_DUE", dob="no", first=req)
for i in range(20):  # ITIN and later SSN for the same person (two taxpayer rows)
    home = fresh_home()
    f, l = H_name("M")
    d = rdate(1970, 1995)
    a = sc_person(f, l, d, hist=[(new_house(), "RETURN", rdate(2016, 2019)), (home, "RETURN", rdate(2020, 2021))], itin=True)
    b = sc_person(f, l, d, home, hist=[(home, "RETURN", rdate(2023, 2025))])
    render_req(b, home, "itin_and_ssn_same_person", "UNDECIDABLE", dob="yes")
for i in range(20):  # master has no unit for the house; request adds a unit
    p = sc_person(*H_name(), rdate(1960, 1995), new_house())
    render_req(p, dict(cur(p), unit="2"), "req_unit_master_none", "DUE", dob="yes")

for i in range(30):  # namesakes stored with/without accents (or hyphen) in one household
    f, l = rng.choice([("JOSE", "RAMIREZ"), ("MARIA", "GONZALEZ"), ("JESUS", "HERNANDEZ"), ("MARIA", "PEREZ LOPEZ"),
                       ("RAUL", "MUNOZ"), ("LUCIA", "NUNEZ")])
    home = fresh_home()
    a = sc_person(f, l, rdate(1955, 1975), home, accent=True)
    l2 = l.replace(" ", "-") if " " in l else l
    b = sc_person(f, l2, rdate(1985, 2004), home)
    render_req(b, home, "accent_namesakes_nodob", "UNDECIDABLE", dob="no", first=f, last=l)
for i in range(30):  # namesake who formerly lived at the target's current address
    f, l = H_name(rng.choice("MF"))
    home = new_house()
    tgt = sc_person(f, l, rdate(1960, 1995), hist=[(new_house(), "RETURN", rdate(2016, 2019)), (home, "RETURN", rdate(2023, 2025))])
    former = sc_person(f, l, rdate(1960, 1995), hist=[(home, "RETURN", rdate(2015, 2019)), (fresh_home(), "NCOA", rdate(2020, 2022))])
    if i % 2 == 0:
        render_req(tgt, home, "namesake_former_resident_nodob", "UNDECIDABLE", dob="no")
    else:
        render_req(former, home, "namesake_former_resident_dob_former", "DUE", dob="yes")
for i in range(30):  # father/son same name: DOB of one, TIN of the other
    f, l = H_name("M")
    home = new_house()
    dad = sc_person(f, l, rdate(1950, 1965), home)
    son = sc_person(f, l, rdate(1985, 2000), home)
    render_req(son, home, "fs_dob_son_tin_father", "NOT_DUE", dob="yes", tin=dad["tin"])
for i in range(30):  # same surname + address + DOB, different given name
    home = fresh_home()
    l = pick["H_L"]()
    res = sc_person(pick["H_F"](), l, rdate(1960, 1995), home)
    other = rng.choice([x for x in H_F if x != C.norm(res["first_name"]).split()[0] and not C.tok_eq(x, C.norm(res["first_name"]).split()[0])])
    render_req(res, home, "same_surname_dob_other_given", "NOT_DUE", dob="yes", first=other, middle="")
for i in range(30):  # married-name change: given name + DOB + address agree, surname differs
    home = fresh_home()
    res = sc_person(pick["H_F"](), pick["H_L"](), rdate(1960, 1995), home)
    other = rng.choice([x for x in H_L if x not in C.norm(res["last_name"]).split()])
    render_req(res, home, "married_name_other_surname", "NOT_DUE", dob="yes", last=other)
for i in range(30):  # street holds an address where nobody of that name lives; the one-line address holds the target's
    p = sc_person(*H_name(rng.choice("MF")), rdate(1960, 1995), new_house())
    elsewhere = fresh_home()
    sc_person(*H_name(), rdate(1960, 1990), elsewhere)
    r = render_req(p, elsewhere, "oneline_ignored_when_street", "NOT_DUE", dob="yes")
    a = cur(p)
    r["address"] = f"{render_street(a)}, {a['city']}, {a['state']} {a['zip']}"
for i in range(20):  # master DOB missing for one of two namesakes; request DOB matches the other
    f, l = H_name("F")
    home = new_house()
    mom = sc_person(f, l, None, home)
    dau = sc_person(f, l, rdate(1990, 2003), home)
    render_req(dau, home, "md_master_dob_null_req_dob_daughter", "UNDECIDABLE", dob="yes")

for i in range(20):  # namesakes at the same number+street in two cities; request city of one, ZIP of the other
    f, l = H_name(rng.choice("MF"))
    s1 = rng.choice(ALL_STREETS)
    s2 = rng.choice([s for s in ALL_STREETS if s["name"] == s1["name"] and s["city"] != s1["city"]
                     and s["predir"] == s1["predir"] and s["stype"] == s1["stype"]] or [None])
    if s2 is None:
        continue
    n = new_num(s1)
    s2["used"].add(n)
    a = sc_person(f, l, rdate(1960, 1995), mk_addr(s1, n))
    b = sc_person(f, l, rdate(1960, 1995), mk_addr(s2, n))
    render_req(a, dict(mk_addr(s1, n), zip=s2["zip"]), "city_zip_conflict_two_namesakes", "UNDECIDABLE", dob="no")
for i in range(20):  # namesakes at the same number+street in two ZIPs of one city; request gives no ZIP
    f, l = H_name(rng.choice("MF"))
    city, st, zips = rng.choice(PLACES)
    z1, z2 = rng.sample(zips.split(), 2)
    s1 = rng.choice(STREETS[city])
    n = new_num(s1)
    a = sc_person(f, l, rdate(1960, 1995), mk_addr(s1, n))
    b = sc_person(f, l, rdate(1960, 1995), dict(mk_addr(s1, n), zip=z2 if z2 != s1["zip"] else z1))
    render_req(a, mk_addr(s1, n), "same_city_two_zips_nozip", "UNDECIDABLE", dob="no", addr_noise="no_zip")
for i in range(20):  # DOB with a year typo (soft) / TIN with two digits transposed (soft)
    home = fresh_home()
    p = sc_person(*H_name(rng.choice("MF")), rdate(1960, 1995), home)
    if i % 2 == 0:
        y, m, d = p["date_of_birth"].split("-")
        y2 = y[:2] + y[3] + y[2] if y[2] != y[3] else str(int(y) + 1)
        render_req(p, home, "dob_year_typo", "NOT_DUE", dob_value=f"{y2}-{m}-{d}")
    else:
        t = p["tin"]
        t2 = t[:4] + t[5] + t[4] + t[6:] if t[4] != t[5] else t[:8] + str((int(t[8]) + 1) % 10)
        render_req(p, home, "tin_transposed", "NOT_DUE", dob="no", tin=t2)
for i in range(20):  # full middle names differ; only one namesake
    home = fresh_home()
    l = pick["H_L"]()
    p = sc_person("JUAN", l, rdate(1960, 1995), home, middle="MANUEL")
    render_req(p, home, "middle_name_conflict_single", "NOT_DUE", dob="no", middle="CARLOS")
for i in range(20):  # suffix conflict; only one namesake
    home = new_house()
    p = sc_person(pick["A_M"](), pick["A_L"](), rdate(1980, 1995), home, suffix="JR")
    render_req(p, home, "suffix_conflict_single", "NOT_DUE", dob="no", suffix="SR")
for i in range(20):  # near-miss street name: namesake at 123 OAKS, request 123 OAK (where someone else lives)
    f, l = H_name(rng.choice("MF"))
    s1 = rng.choice([s for s in ALL_STREETS if not s["name"].endswith("S")])
    s2 = dict(s1, name=s1["name"] + "S", used=set())
    n = new_num(s1)
    sc_person(*H_name(), rdate(1960, 1990), mk_addr(s1, n))
    p = sc_person(f, l, rdate(1960, 1995), mk_addr(s2, n))
    render_req(p, mk_addr(s1, n), "street_name_near_miss", "NOT_DUE", dob="yes")
for i in range(20):  # transposed house number: namesake at 1243, request 1234 (where someone else lives)
    f, l = H_name(rng.choice("MF"))
    s1 = rng.choice(ALL_STREETS)
    while True:
        n = rng.randint(1000, 9899)
        n2 = int(str(n)[:2] + str(n)[3] + str(n)[2])
        if n != n2 and n not in s1["used"] and n2 not in s1["used"]:
            break
    s1["used"].update({n, n2})
    sc_person(*H_name(), rdate(1960, 1990), mk_addr(s1, n))
    p = sc_person(f, l, rdate(1960, 1995), mk_addr(s1, n2))
    render_req(p, mk_addr(s1, n), "house_number_transposed", "NOT_DUE", dob="yes")

# --- last known address rules
for i in range(150):
    v = i % 6
    f, l = H_name(rng.choice("MF"))
    X, Y, Z = new_house(), fresh_home(), fresh_home()
    D = rdate(2024, 2025)
    if v == 0:
        h = [(X, "RETURN", D), (Y, "FORM_8822", D)]
        req = X
    elif v == 1:
        h = [(X, "RETURN", D), (Y, "NCOA", D)]
        req = Y
    elif v == 2:
        h = [(X, "NCOA", D), (Y, "RETURN", D), (Z, "FORM_8822", D)]
        req = X
    elif v == 3:
        h = [(X, "RETURN", D - dt.timedelta(days=200)), (Y, "RETURN", D)]  # tax year order below is inverted
        req = X
    elif v == 4:
        h = [(X, "RETURN", D - dt.timedelta(days=150)), (Y, "NCOA", D)]
        req = X
    else:
        h = [(Y, "FORM_8822", D - dt.timedelta(days=300)), (X, "RETURN", D)]
        req = Y
    rng.shuffle(h)
    p = sc_person(f, l, rdate(1960, 1995), hist=h)
    if v == 3:
        for r in p["rows"]:  # the later-processed return is for an EARLIER tax year (late/amended)
            r["tax_year"] = 2024 if r["addr"] is X else 2022
    render_req(p, req, ["lka_tie_8822_over_return", "lka_tie_return_over_ncoa", "lka_tie_three",
                        "lka_effdate_not_taxyear", "lka_ncoa_newer", "lka_return_after_8822"][v], "DUE", dob="yes")

# --- legally insufficient requests that are otherwise perfect matches
LEGAL = [
    ("legal_order_89_days", dict(final_order_date=(SIGNED_AT - dt.timedelta(days=89)).isoformat()), "R_ORDER_90_DAYS"),
    ("legal_order_30_days", dict(final_order_date=(SIGNED_AT - dt.timedelta(days=30)).isoformat()), "R_ORDER_90_DAYS"),
    ("legal_order_future", dict(final_order_date=(SIGNED_AT + dt.timedelta(days=3)).isoformat()), "R_ORDER_FUTURE"),
    ("legal_order_missing", dict(final_order_date=""), "R_ORDER_MISSING"),
    ("legal_order_not_date", dict(final_order_date="PENDING"), "R_ORDER_MISSING"),
    ("legal_period_future", dict(taxable_periods="2027"), "R_PERIOD"),
    ("legal_period_missing", dict(taxable_periods=""), "R_PERIOD"),
    ("legal_period_not_years", dict(taxable_periods="ALL"), "R_PERIOD"),
    ("legal_statute_other", dict(statute="18 U.S.C. 1546(a)"), "R_STATUTE"),
    ("legal_reason_placeholder", dict(reason="N/A"), "R_REASON"),
    ("legal_reason_missing", dict(reason=""), "R_REASON"),
    ("legal_case_missing", dict(case_number=""), "R_CASE"),
    ("legal_agent_missing", dict(case_agent_id=""), "R_CASE"),
    ("legal_tin_666", dict(tin="666-12-3456"), "R_TIN"),
    ("legal_tin_short", dict(tin="12345678"), "R_TIN"),
]
for i in range(len(LEGAL) * 8):
    kind, over, code = LEGAL[i % len(LEGAL)]
    p = bg_target()
    render_req(p, cur(p), kind, "NOT_DUE", dob="yes", expect=code, **over)
ADDR_LEGAL = ["legal_addr_city_unknown", "legal_addr_unit_na", "legal_addr_zip_only", "legal_addr_no_number",
              "legal_addr_zip_state", "legal_addr_zip_00000", "legal_addr_street_unknown", "legal_addr_dont_care",
              "legal_name_one_letter", "legal_name_digits"]
for i in range(len(ADDR_LEGAL) * 8):
    kind = ADDR_LEGAL[i % len(ADDR_LEGAL)]
    p = bg_target(lambda p: bool(cur(p)["unit"]) or kind != "legal_addr_unit_na")
    a = cur(p)
    r = render_req(p, a, kind, "NOT_DUE", dob="yes")
    if kind == "legal_addr_city_unknown":
        r["city"], r["expect"] = "UNKNOWN", "R_ADDRESS_PLACEHOLDER"
    elif kind == "legal_addr_unit_na":
        r["unit"], r["expect"] = "N/A", "R_ADDRESS_PLACEHOLDER"
    elif kind == "legal_addr_zip_only":
        r.update(street="", unit="", city="", state="", zip="", address=a["zip"], expect="R_ADDRESS_INCOMPLETE")
    elif kind == "legal_addr_no_number":
        r["street"] = r["street"].split(" ", 1)[1]
        r["expect"] = "R_ADDRESS_INCOMPLETE"
    elif kind == "legal_addr_zip_state":
        r["state"] = "WA" if a["state"] != "WA" else "TX"
        r["expect"] = "R_ADDRESS_INVALID"
    elif kind == "legal_addr_zip_00000":
        r["zip"], r["expect"] = "00000", "R_ADDRESS_INVALID"
    elif kind == "legal_addr_street_unknown":
        r.update(street="UNKNOWN ADDRESS", expect="R_ADDRESS_PLACEHOLDER")
    elif kind == "legal_addr_dont_care":
        r.update(street="DON'T CARE", expect="R_ADDRESS_PLACEHOLDER")
    elif kind == "legal_name_one_letter":
        r.update(first_name=r["first_name"][:1], expect="R_NAME")
    elif kind == "legal_name_digits":
        r.update(first_name="JOHN3", expect="R_NAME")
# facility address held in the master as the taxpayer's address
FAC = [("STEWART DETENTION CENTER 146 CCA RD", "LUMPKIN", "GA", "31815"),
       ("ADELANTO ICE PROCESSING CENTER 10400 RANCHO RD", "ADELANTO", "CA", "92301"),
       ("COUNTY JAIL 1201 N BROADWAY", "LOS ANGELES", "CA", "90012")]
for i in range(12):
    st, city, state, z = FAC[i % 3]
    f, l = H_name("M")
    p = sc_person(f, l, rdate(1970, 1995), new_house())
    a0 = cur(p)
    frow = dict(tin=p["tin"], street=st, unit="", city=city, state=state, zip=z, source="NCOA", tax_year="",
                effective_date="2026-03-01", addr=None)
    ADDRS.append(frow)
    p["rows"].append(frow)
    r = render_req(p, a0, "legal_facility", "NOT_DUE", dob="yes", expect="R_ADDRESS_FACILITY")
    r.update(street=st, unit="", city=city, state=state, zip=z)
# statute variants that must be accepted; order exactly 90 days
for i in range(30):
    p = bg_target()
    v = i % 3
    if v == 0:
        render_req(p, cur(p), "legal_ok_statute_variant", "DUE", dob="yes", statute="8 U.S.C. § 1253(a)(1)")
    elif v == 1:
        render_req(p, cur(p), "legal_ok_statute_variant", "DUE", dob="yes", statute="8 USC 1253(a)(1)")
    else:
        render_req(p, cur(p), "legal_ok_order_exactly_90", "DUE", dob="yes",
                   final_order_date=(SIGNED_AT - dt.timedelta(days=90)).isoformat())
# duplicates: the same person twice
for i in range(30):
    p = bg_target()
    r1 = render_req(p, cur(p), "dup_first", "DUE", dob="yes")
    r2 = render_req(p, cur(p), "dup_second", "NOT_DUE", dob="yes", expect="R_DUPLICATE")
    if i % 2:
        r2["first_name"] = r2["first_name"].title()
        r2["street"] = render_street(cur(p), 1).upper()
# caseload: one agent on 101 records, one on exactly 100
for ag, n, kind in (("SA-OVER", 101, "legal_caseload_101"), ("SA-CAP", 100, "caseload_exactly_100")):
    for _ in range(n):
        p = bg_target()
        render_req(p, cur(p), kind, "NOT_DUE" if n > 100 else "DUE", dob="yes", case_agent_id=ag,
                   **({"expect": "R_CASELOAD"} if n > 100 else {}))

rng.shuffle(REQ)
_seen = {}
for _r in REQ:
    if _r["kind"] in ("dup_first", "dup_second"):
        if _r["_target"] in _seen:
            _r["kind"], _r["intent"], _r["expect"] = "dup_second", "NOT_DUE", "R_DUPLICATE"
        else:
            _seen[_r["_target"]] = _r
            _r["kind"], _r["intent"] = "dup_first", "DUE"
            _r.pop("expect", None)
# repeated request_id (the second occurrence is rejected)
for i, r in enumerate(REQ):
    r["request_id"] = "R%06d" % (i + 1)
for j in range(10):
    i = rng.randrange(20, len(REQ))
    r = REQ[i]
    if r["kind"] in ("clean_exact",):
        r["request_id"] = REQ[i - 7]["request_id"]
        r["kind"], r["intent"], r["expect"] = "legal_request_id_repeat", "NOT_DUE", "R_REQUEST_ID"

# ---------------- oracle: truth from the files written ----------------
ADDR_IDX = defaultdict(list)
for row in ADDRS:
    ca = C.canon_addr(row["street"], row["unit"], row["city"], row["state"], row["zip"])
    row["canon"] = ca
    ADDR_IDX[(ca["num"], ca["name"])].append(row)


def parse_oneline(s):
    parts = [x.strip() for x in s.split(",")]
    street = parts[0]
    city = parts[1] if len(parts) > 2 else ""
    st_zip = parts[-1].split()
    return street, "", city, st_zip[0] if st_zip else "", st_zip[1] if len(st_zip) > 1 else ""


def req_canon(r):
    if r["street"]:
        return C.canon_addr(r["street"], r["unit"], r["city"], r["state"], r["zip"])
    if r["address"] and "," in r["address"]:
        return C.canon_addr(*parse_oneline(r["address"]))
    return None


def oracle(r):
    ca = req_canon(r)
    if ca is None or not ca["num"]:
        return [], []
    rt = "".join(ch for ch in r["tin"] if ch.isdigit())
    cands = {}
    for row in ADDR_IDX.get((ca["num"], ca["name"]), []):
        if C.addr_level(ca, row["canon"]) == 0:
            continue
        m = BY_TIN[row["tin"]]
        if rt and rt != m["tin"]:
            continue
        if not C.dob_ok(r["date_of_birth"], m["date_of_birth"]):
            continue
        nl = C.name_level(r, {k: C.norm(v) for k, v in m.items() if isinstance(v, str)})
        if nl == 0:
            continue
        sc = nl * 10 + C.name_score(r, {k: C.norm(v) for k, v in m.items() if isinstance(v, str)}) + \
            (3 if r["date_of_birth"] and r["date_of_birth"] == m["date_of_birth"] else 0) + \
            (3 if rt and rt == m["tin"] else 0)
        cands[m["tin"]] = max(cands.get(m["tin"], 0), sc)
    return sorted(cands.items()), ca


SCOPE_LEGAL = lambda r: r.get("expect")  # noqa: E731
truth_rows = []
mismatch = 0
for i, r in enumerate(REQ):
    cands, _ = oracle(r)
    top = max((lv for t, lv in cands), default=0)
    strict = [t for t, lv in cands if lv == top]
    best = ""
    if r.get("expect"):
        truth, tin = "NOT_DUE", ""
    elif not cands:
        truth, tin = "NOT_DUE", ""
    elif len(cands) == 1:
        tin = cands[0][0]
        truth = "NOT_DUE" if BY_TIN[tin]["date_of_death"] else "DUE"
        if truth == "NOT_DUE":
            tin = ""
    else:
        truth, tin = "UNDECIDABLE", ""
        if len(strict) == 1:
            best = strict[0]
    intended = r.get("_target", "")
    if truth != r["intent"]:
        mismatch += 1
    lk = C.lka(BY_TIN[tin]["rows"]) if tin else None
    truth_rows.append(dict(row=i + 1, request_id=r["request_id"], truth=truth, tin=tin, kind=r["kind"], target=r["_target"],
                           intent=r["intent"], expect=r.get("expect", ""),
                           candidates="|".join(f"{t}:{lv}" for t, lv in cands), soft_best=best,
                           lka_street=lk["street"] if lk else "", lka_unit=lk["unit"] if lk else "",
                           lka_city=lk["city"] if lk else "", lka_state=lk["state"] if lk else "",
                           lka_zip=lk["zip"] if lk else "", lka_source=lk["source"] if lk else "",
                           lka_date=lk["effective_date"] if lk else ""))

# ---------------- write files ----------------
os.makedirs(OUT, exist_ok=True)
mdir = os.path.join(OUT, "master")
os.makedirs(mdir, exist_ok=True)
tp_cols = ["tin", "tin_type", "first_name", "middle_name", "last_name", "name_suffix", "date_of_birth", "date_of_death"]
ad_cols = ["tin", "street", "unit", "city", "state", "zip", "source", "tax_year", "effective_date"]
with open(os.path.join(mdir, "taxpayers.csv"), "w", newline="", encoding="utf-8") as fh:
    w = csv.DictWriter(fh, tp_cols, extrasaction="ignore")
    w.writeheader()
    tps = list(TAXPAYERS)
    rng.shuffle(tps)
    w.writerows(tps)
with open(os.path.join(mdir, "addresses.csv"), "w", newline="", encoding="utf-8") as fh:
    w = csv.DictWriter(fh, ad_cols, extrasaction="ignore")
    w.writeheader()
    ad = list(ADDRS)
    rng.shuffle(ad)
    w.writerows(ad)

key = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"audit21-director").digest())
with open(os.path.join(OUT, "director.pub.pem"), "wb") as fh:
    fh.write(key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
rec_cols = ["request_id", "first_name", "middle_name", "last_name", "name_suffix", "date_of_birth", "tin", "a_number",
            "street", "unit", "city", "state", "zip", "address", "taxable_periods", "statute", "reason",
            "final_order_date", "case_number", "case_agent_id"]


def write_pkg(name, recs, batch_id, signed_at=SIGNED_AT, signer="ICE-DIR-01", signkey=key, authority=None,
              certs=None, reason=None, upper=False):
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "records.csv"), "w", newline="", encoding="utf-8") as fh:
        cols = [c.upper() for c in rec_cols] if upper else rec_cols
        w = csv.DictWriter(fh, cols, extrasaction="ignore")
        w.writeheader()
        w.writerows([{(k.upper() if upper else k): v for k, v in r.items()} for r in recs])
    data = open(os.path.join(d, "records.csv"), "rb").read()
    man = {
        "batch_id": batch_id, "requesting_agency": "ICE",
        "signed_by": {"official_id": signer, "name": "Pat Example", "title": "Director"},
        "signed_at": signed_at.isoformat(),
        "statutory_authority": authority or ["8 U.S.C. 1253(a)(1)"],
        "reason": reason or ("Each listed person is the subject of an open criminal investigation under 8 U.S.C. "
                             "1253(a)(1) for willful failure to depart within 90 days of a final order of removal."),
        "certifications": certs or {"subjects_under_criminal_investigation": True, "use_solely_for_proceeding": True,
                                    "recipients_personally_and_directly_engaged": True,
                                    "publication_1075_safeguards": True},
        "records_file": "records.csv", "records_sha256": hashlib.sha256(data).hexdigest(), "record_count": len(recs)}
    mb = json.dumps(man, indent=2).encode()
    open(os.path.join(d, "batch.json"), "wb").write(mb)
    open(os.path.join(d, "batch.json.sig"), "wb").write(base64.b64encode(signkey.sign(mb)))


write_pkg("package", REQ, "ICE-2026-A21%03d" % SEED)
with open(os.path.join(OUT, "truth.csv"), "w", newline="") as fh:
    w = csv.DictWriter(fh, list(truth_rows[0].keys()))
    w.writeheader()
    w.writerows(truth_rows)
with open(os.path.join(OUT, "requests_debug.csv"), "w", newline="", encoding="utf-8") as fh:
    w = csv.DictWriter(fh, rec_cols + ["kind", "intent", "expect"], extrasaction="ignore")
    w.writeheader()
    w.writerows(REQ)

# ---- side packages for batch-level rules: perfect matches that must all be REJECTED
other_key = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"audit21-impostor").digest())
SIDE = [("side_stale", dict(signed_at=dt.date(2026, 8, 1)), "B_SIGNED_AT"),
        ("side_badsig", dict(signkey=other_key), "B_SIGNATURE"),
        ("side_unknown_signer", dict(signer="ICE-NOBODY-9"), "B_SIGNER"),
        ("side_cert_false", dict(certs={"subjects_under_criminal_investigation": False, "use_solely_for_proceeding": True,
                                        "recipients_personally_and_directly_engaged": True,
                                        "publication_1075_safeguards": True}), "B_CERTIFICATION"),
        ("side_authority", dict(authority=["18 U.S.C. 1546(a)"]), "B_AUTHORITY"),
        ("side_reason_placeholder", dict(reason="TBD"), "B_REASON"),
        ("side_upper_headers_ok", dict(upper=True), "DISCLOSE")]
side_truth = []
for si, (name, kw, code) in enumerate(SIDE):
    recs = []
    REQ.clear()
    for j in range(12):
        p = bg_target()
        r = render_req(p, cur(p), name, "NOT_DUE", dob="yes", case_agent_id="SIDE-%02d" % si,
                       final_order_date="2025-01-15")
        r["request_id"] = "S%d-%03d" % (si, j)
        side_truth.append(dict(package=name, request_id=r["request_id"], tin=p["tin"], expect=code))
        recs.append(r)
    write_pkg(name, recs, "ICE-2026-S%d%03d" % (si, SEED), **kw)
with open(os.path.join(OUT, "side_truth.csv"), "w", newline="") as fh:
    w = csv.DictWriter(fh, list(side_truth[0].keys()))
    w.writeheader()
    w.writerows(side_truth)
print(f"taxpayers={len(TAXPAYERS)} address_rows={len(ADDRS)} requests={len(truth_rows)} "
      f"oracle!=intent={mismatch}", file=sys.stderr)

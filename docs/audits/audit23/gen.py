"""Audit 23 generator: synthetic master + signed request packages + truth from an oracle.

    python gen.py SEED OUT

Writes, under OUT:
  master1/{taxpayers,addresses}.csv    master for batch 1 (~20,000 taxpayers)
  master2/{taxpayers,addresses}.csv    master reloaded before batch 2 (moves added)
  pkg1/ (batch.json, records.csv, batch.json.sig)   ~3,000 records
  pkg2/                                 second batch (new batch id), some same people
  keys/official.pub.pem, keys/official.key.pem
  intent1.csv, intent2.csv             the generator's scenario label per record (for loss
                                        breakdowns only; never used as truth)
  truth1.csv, truth2.csv (+ truth.csv = truth1)  from oracle.py, which reads the written files
  bad/                                  malformed packages and masters (see BAD below)

All data is synthetic. The generator never decides the truth: oracle.py reads the files.
"""
from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import json
import os
import random
import shutil
import sys
import zipfile

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import oracle  # noqa: E402

SIGNED_AT = "2026-11-20"
AS_OF = "2026-11-25"
SIGNED_AT2 = "2026-11-27"
AS_OF2 = "2026-11-30"
STATUTE = "8 U.S.C. 1253(a)(1)"

PLACES = [
    ("10001", "NEW YORK", "NY"), ("11368", "CORONA", "NY"), ("90001", "LOS ANGELES", "CA"),
    ("60601", "CHICAGO", "IL"), ("77001", "HOUSTON", "TX"), ("85001", "PHOENIX", "AZ"),
    ("19103", "PHILADELPHIA", "PA"), ("78201", "SAN ANTONIO", "TX"), ("92101", "SAN DIEGO", "CA"),
    ("75201", "DALLAS", "TX"), ("95112", "SAN JOSE", "CA"), ("33101", "MIAMI", "FL"),
    ("30303", "ATLANTA", "GA"), ("98101", "SEATTLE", "WA"), ("80202", "DENVER", "CO"),
    ("02108", "BOSTON", "MA"), ("20001", "WASHINGTON", "DC"), ("37203", "NASHVILLE", "TN"),
    ("97201", "PORTLAND", "OR"), ("89101", "LAS VEGAS", "NV"), ("87102", "ALBUQUERQUE", "NM"),
    ("46204", "INDIANAPOLIS", "IN"), ("43215", "COLUMBUS", "OH"), ("28202", "CHARLOTTE", "NC"),
    ("94102", "SAN FRANCISCO", "CA"), ("55401", "MINNEAPOLIS", "MN"), ("70112", "NEW ORLEANS", "LA"),
    ("84101", "SALT LAKE CITY", "UT"), ("07102", "NEWARK", "NJ"), ("32801", "ORLANDO", "FL"),
    ("79901", "EL PASO", "TX"), ("93721", "FRESNO", "CA"), ("48201", "DETROIT", "MI"),
    ("53202", "MILWAUKEE", "WI"), ("27601", "RALEIGH", "NC"), ("78501", "MCALLEN", "TX"),
]
PR_PLACES = [("00901", "SAN JUAN", "PR"), ("00725", "CAGUAS", "PR"), ("00680", "MAYAGUEZ", "PR")]
MIL_PLACES = [("09012", "APO", "AE"), ("96601", "FPO", "AP"), ("34001", "APO", "AA")]

FIRST_M = ["JOSE", "JUAN", "CARLOS", "LUIS", "MIGUEL", "JORGE", "PEDRO", "JESUS", "FRANCISCO",
           "ANTONIO", "MANUEL", "RAFAEL", "JAMES", "JOHN", "ROBERT", "MICHAEL", "WILLIAM",
           "DAVID", "RICHARD", "THOMAS", "NGUYEN", "MINH", "WEI", "ARJUN", "MOHAMMED", "OMAR",
           "IVAN", "DMITRI", "KWAME", "SAMUEL", "VICTOR", "HECTOR", "RAUL", "ANDRES", "DIEGO",
           "FERNANDO", "ALEJANDRO", "RICARDO", "EDUARDO", "SERGIO", "PABLO", "ERNESTO", "ARTURO"]
FIRST_F = ["MARIA", "ANA", "ROSA", "CARMEN", "LUCIA", "SOFIA", "ELENA", "GABRIELA", "PATRICIA",
           "MARY", "LINDA", "SUSAN", "KAREN", "NANCY", "LISA", "MAI", "LIN", "PRIYA", "FATIMA",
           "AMINA", "OLGA", "GRACE", "ISABEL", "VERONICA", "ADRIANA", "MONICA", "CLAUDIA",
           "GUADALUPE", "TERESA", "BEATRIZ", "ALEJANDRA", "DANIELA", "VALERIA", "XIMENA"]
MIDDLES = ["LUIS", "ANTONIO", "MANUEL", "ALBERTO", "JAVIER", "ELENA", "JOSE", "MARIE", "ANN",
           "LEE", "RAY", "EDUARDO", "ISABEL", "DEL CARMEN", "GUADALUPE", "ALEXANDER", "PAUL"]
LAST = ["GARCIA", "RODRIGUEZ", "MARTINEZ", "HERNANDEZ", "LOPEZ", "GONZALEZ", "PEREZ",
        "SANCHEZ", "RAMIREZ", "TORRES", "FLORES", "RIVERA", "GOMEZ", "DIAZ", "REYES", "CRUZ",
        "MORALES", "ORTIZ", "GUTIERREZ", "CHAVEZ", "RAMOS", "RUIZ", "ALVAREZ", "MENDOZA",
        "CASTILLO", "JIMENEZ", "VASQUEZ", "MORENO", "ROMERO", "HERRERA", "MEDINA", "AGUILAR",
        "SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "MILLER", "DAVIS", "WILSON",
        "NGUYEN", "TRAN", "LE", "PHAM", "KIM", "PARK", "CHEN", "WANG", "PATEL", "SHAH",
        "KHAN", "ALI", "IVANOV", "MENSAH", "OKAFOR", "DE LA CRUZ", "DEL RIO", "SANTOS",
        "CASTRO", "VARGAS", "ROJAS", "SALAZAR", "NAVARRO", "CAMPOS", "VEGA", "ACOSTA",
        "MOLINA", "DOMINGUEZ", "SOTO", "CONTRERAS", "GUERRERO", "LUNA", "ESTRADA", "FIGUEROA"]
ACCENTED = {"JOSE": "José", "JESUS": "Jesús", "RAMON": "Ramón", "MARTINEZ": "Martínez",
            "HERNANDEZ": "Hernández", "LOPEZ": "López", "GONZALEZ": "González", "PEREZ": "Pérez",
            "SANCHEZ": "Sánchez", "RAMIREZ": "Ramírez", "GOMEZ": "Gómez", "DIAZ": "Díaz",
            "GUTIERREZ": "Gutiérrez", "ALVAREZ": "Álvarez", "JIMENEZ": "Jiménez",
            "LUCIA": "Lucía", "SOFIA": "Sofía", "RAUL": "Raúl", "HECTOR": "Héctor",
            "ANDRES": "Andrés", "BEATRIZ": "Beatriz", "DOMINGUEZ": "Domínguez"}
STREETS = ["MAIN", "OAK", "PINE", "MAPLE", "CEDAR", "ELM", "WASHINGTON", "LAKE", "HILL",
           "SUNSET", "PARK", "LINCOLN", "JEFFERSON", "MADISON", "FRANKLIN", "CHESTNUT",
           "WALNUT", "SPRING", "RIVER", "VALLEY", "MESA", "DEL MAR", "LAS PALMAS", "ROOSEVELT",
           "JUNCTION", "MISSION", "ALAMEDA", "CENTRAL", "BROADWAY", "GRAND", "HIGHLAND",
           "CHERRY", "WILLOW", "BIRCH", "ASPEN", "CYPRESS", "MAGNOLIA", "JUNIPER", "SEQUOIA",
           "MARTIN LUTHER KING JR", "CESAR CHAVEZ", "1ST", "2ND", "3RD", "4TH", "5TH", "6TH",
           "7TH", "8TH", "9TH", "10TH", "12TH", "14TH", "21ST", "34TH", "103RD"]
SUFFIX_FULL = {"ST": "STREET", "AVE": "AVENUE", "RD": "ROAD", "DR": "DRIVE",
               "BLVD": "BOULEVARD", "LN": "LANE", "CT": "COURT", "PL": "PLACE", "WAY": "WAY"}
DIR_FULL = {"N": "NORTH", "S": "SOUTH", "E": "EAST", "W": "WEST"}
SOURCES = ["RETURN", "FORM_8822", "NCOA"]


def d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


class Gen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.tps: list[dict] = []
        self.by_tin: dict[str, dict] = {}
        self.used_tins: set[str] = set()
        self.used_addr: set[tuple] = set()
        self.anum = 200000000 + self.r.randrange(1000000)

    # ---------- primitives
    def tin(self, itin: bool = False) -> str:
        r = self.r
        while True:
            if itin:
                t = f"9{r.randrange(100):02d}{r.choice([50, 51, 60, 65, 70, 78, 88, 90, 92, 94, 99]):02d}{r.randrange(1, 10000):04d}"
            else:
                area = r.randrange(1, 900)
                if area == 666:
                    continue
                t = f"{area:03d}{r.randrange(1, 100):02d}{r.randrange(1, 10000):04d}"
            if t not in self.used_tins:
                self.used_tins.add(t)
                return t

    def free_tin(self) -> str:
        """A well-formed SSN nobody in the master holds."""
        return self.tin()

    def a_number(self) -> str:
        self.anum += self.r.randrange(1, 5000)
        return f"A{self.anum:09d}"

    def dob(self, lo: int = 1950, hi: int = 2004) -> str:
        r = self.r
        return (dt.date(lo, 1, 1) + dt.timedelta(days=r.randrange((hi - lo) * 365))).isoformat()

    def street(self, place=None) -> dict:
        r = self.r
        while True:
            z, city, st = place or r.choice(PLACES)
            num = str(r.randrange(1, 9999))
            name = r.choice(STREETS)
            suf = r.choice(list(SUFFIX_FULL))
            pre = r.choice(list(DIR_FULL)) if r.random() < 0.2 else ""
            full = r.random() < 0.3  # agency holds full words sometimes
            parts = [num]
            if pre:
                parts.append(DIR_FULL[pre] if full else pre)
            parts.append(name)
            parts.append(SUFFIX_FULL[suf] if full else suf)
            unit = ""
            if r.random() < 0.3:
                unit = r.choice(["APT ", "UNIT ", "# ", "STE "]) + r.choice(
                    [str(r.randrange(1, 40)), f"{r.randrange(1, 9)}{r.choice('ABCD')}"])
            key = (" ".join(parts), unit, z)
            if key in self.used_addr:
                continue
            self.used_addr.add(key)
            return {"street": " ".join(parts), "unit": unit, "city": city, "state": st, "zip": z}

    def special_address(self, kind: str) -> dict:
        r = self.r
        if kind == "POBOX":
            z, c, s = r.choice(PLACES)
            return {"street": f"PO BOX {r.randrange(1, 99999)}", "unit": "", "city": c, "state": s, "zip": z}
        if kind == "RR":
            z, c, s = r.choice(PLACES)
            return {"street": f"RR {r.randrange(1, 9)} BOX {r.randrange(1, 400)}", "unit": "", "city": c, "state": s, "zip": z}
        if kind == "MIL":
            z, c, s = r.choice(MIL_PLACES)
            return {"street": f"PSC {r.randrange(100, 999)} BOX {r.randrange(1, 9999)}", "unit": "", "city": c, "state": s, "zip": z}
        if kind == "PR":
            z, c, s = r.choice(PR_PLACES)
            urb = r.choice(["URB LAS LOMAS", "URB VILLA CAROLINA", "URB SANTA RITA"])
            return {"street": f"{r.randrange(1, 999)} CALLE {r.choice(['SOL', 'LUNA', 'ESTRELLA', 'ROBLE'])}",
                    "unit": "", "city": c, "state": s, "zip": z, "_urb": urb}
        raise ValueError(kind)

    def history(self, n: int, last: dict | None = None, start_year: int = 2016) -> list[dict]:
        """n address rows with distinct increasing effective dates; `last` (if given) is the newest."""
        r = self.r
        lo = dt.date(start_year, 1, 1)
        span = (dt.date(2026, 9, 30) - lo).days
        days = sorted(r.sample(range(span), n))
        rows = []
        for i, off in enumerate(days):
            day = lo + dt.timedelta(days=off)
            a = last if (last is not None and i == n - 1) else self.street()
            src = r.choice(SOURCES) if i else "RETURN"
            row = dict(a)
            row.pop("_urb", None)
            row.update(source=src, tax_year=str(day.year - 1) if src == "RETURN" else "",
                       effective_date=day.isoformat())
            rows.append(row)
        return rows

    def person(self, first=None, middle=None, last=None, suffix="", dob=None, dod="",
               addrs=None, sex=None, itin=None) -> dict:
        r = self.r
        sex = sex or r.choice("MF")
        if first is None:
            first = r.choice(FIRST_M if sex == "M" else FIRST_F)
        if middle is None:
            middle = r.choice(MIDDLES) if r.random() < 0.5 else ""
        if last is None:
            last = r.choice(LAST)
            if r.random() < 0.12:
                last = last + " " + r.choice(LAST)
        itin = (r.random() < 0.08) if itin is None else itin
        tp = {"tin": self.tin(itin), "tin_type": "ITIN" if itin else "SSN", "first_name": first,
              "middle_name": middle, "last_name": last, "name_suffix": suffix,
              "date_of_birth": self.dob() if dob is None else dob, "date_of_death": dod,
              "addrs": addrs if addrs is not None else self.history(r.choice([1, 1, 2, 2, 3, 4]))}
        self.tps.append(tp)
        self.by_tin[tp["tin"]] = tp
        return tp

    # ---------- request rendering
    def render_name(self, tp: dict, style: str = "auto") -> dict:
        r = self.r
        first, middle, last = tp["first_name"], tp["middle_name"], tp["last_name"]
        if style == "auto":
            if middle and r.random() < 0.35:
                middle = "" if r.random() < 0.5 else middle[0]
            if r.random() < 0.15:
                first = " ".join(ACCENTED.get(w, w) for w in first.split())
                last = " ".join(ACCENTED.get(w, w) for w in last.split())
            if r.random() < 0.15:
                first, middle, last = first.title(), middle.title(), last.title()
            if " " in last and r.random() < 0.2:
                last = last.replace(" ", "-") if "DE LA" not in last and "DEL " not in last else last
        return {"first_name": first, "middle_name": middle, "last_name": last,
                "name_suffix": tp["name_suffix"]}

    def render_addr(self, a: dict, style: str = "auto") -> dict:
        r = self.r
        street, unit, z = a["street"], a["unit"], a["zip"]
        if style == "auto":
            toks = street.split()
            inv = {v: k for k, v in SUFFIX_FULL.items()}
            invd = {v: k for k, v in DIR_FULL.items()}
            if r.random() < 0.4:
                toks = [inv.get(t, t) for t in toks] if r.random() < 0.5 else [SUFFIX_FULL.get(t, t) if i == len(toks) - 1 else t for i, t in enumerate(toks)]
            if r.random() < 0.3:
                toks = [invd.get(t, DIR_FULL.get(t, t)) if i == 1 else t for i, t in enumerate(toks)]
            street = " ".join(toks)
            if unit and r.random() < 0.4:
                ident = unit.split()[-1]
                unit = r.choice(["APT ", "#", "UNIT ", "APT. "]) + ident
            if r.random() < 0.15 and not z.startswith("0"):
                z = f"{z}-{r.randrange(1, 9999):04d}"
            if r.random() < 0.1:
                street = street.title()
        return {"street": street, "unit": unit, "city": a["city"], "state": a["state"], "zip": z}


def lka(tp: dict) -> dict:
    pri = {"FORM_8822": 0, "RETURN": 1, "NCOA": 2}
    return sorted(tp["addrs"], key=lambda x: (x["effective_date"], -pri[x["source"]]))[-1]


def base_record(g: Gen, rid: str, agent: str) -> dict:
    r = g.r
    return {"request_id": rid, "first_name": "", "middle_name": "", "last_name": "",
            "name_suffix": "", "date_of_birth": "", "tin": "", "a_number": g.a_number(),
            "street": "", "unit": "", "city": "", "state": "", "zip": "", "address": "",
            "taxable_periods": r.choice(["2023;2024", "2022-2024", "2024", "2021;2022;2023"]),
            "statute": "", "reason": "Subject of open criminal investigation under 8 U.S.C. 1253(a)(1), failure to depart; case file references address.",
            "final_order_date": (d(SIGNED_AT) - dt.timedelta(days=r.randrange(120, 2000))).isoformat(),
            "case_number": f"CI-{r.randrange(10**6, 10**7)}", "case_agent_id": agent}


REC_COLS = ["request_id", "first_name", "middle_name", "last_name", "name_suffix", "date_of_birth",
            "tin", "a_number", "street", "unit", "city", "state", "zip", "address",
            "taxable_periods", "statute", "reason", "final_order_date", "case_number", "case_agent_id"]


class Batch:
    def __init__(self, g: Gen, prefix: str) -> None:
        self.g, self.prefix = g, prefix
        self.recs: list[dict] = []
        self.intent: list[tuple[str, str, str]] = []
        self.n = 0
        self.agents = [f"SA-{prefix}-{i:03d}" for i in range(80)]

    def add(self, scenario: str, tp: dict | None, name=None, addr=None, dob="", tin="",
            suffix=None, target: str = "", **extra) -> dict:
        g = self.g
        self.n += 1
        rid = f"{self.prefix}{self.n:05d}"
        rec = base_record(g, rid, g.r.choice(self.agents))
        if tp is not None:
            rec.update(name or g.render_name(tp))
            if suffix is not None:
                rec["name_suffix"] = suffix
            a = addr if addr is not None else g.render_addr(lka(tp))
            rec.update(a)
        elif name:
            rec.update(name)
            rec.update(addr or {})
        rec["date_of_birth"] = dob
        rec["tin"] = tin
        rec.update(extra)
        self.recs.append(rec)
        self.intent.append((rid, scenario, target or (tp["tin"] if tp else "")))
        return rec


def build(seed: int):
    g = Gen(seed)
    r = g.r
    b1 = Batch(g, "R1-")
    scen: list = []  # deferred request builders (taxpayer lists exist before we shuffle)

    # ---------------- look-alike households
    def household_addr(place=None):
        a = g.street(place)
        if not a["unit"] and r.random() < 0.3:
            a["unit"] = "APT " + str(r.randrange(1, 30))
        return a

    def shared_hist(a, n=None):
        return g.history(n or r.choice([1, 2, 3]), last=a)

    # JR / SR
    for i in range(40):
        a = household_addr()
        last = r.choice(LAST)
        first = r.choice(FIRST_M)
        mid = r.choice(["", r.choice(MIDDLES)])
        sr = g.person(first, mid, last, "SR", dob=g.dob(1950, 1970), addrs=shared_hist(a), sex="M")
        jr = g.person(first, mid, last, "JR", dob=g.dob(1985, 2000), addrs=shared_hist(a), sex="M")
        who = r.choice([sr, jr])
        mode = i % 4
        if mode == 0:  # suffix given, no DOB
            scen.append(("hh_jr_sr_suffix", who, {}))
        elif mode == 1:  # DOB given, no suffix
            scen.append(("hh_jr_sr_dob", who, {"suffix": "", "dob": who["date_of_birth"]}))
        elif mode == 2:  # neither
            scen.append(("hh_jr_sr_bare", who, {"suffix": ""}))
        else:  # suffix given but the OTHER's DOB (contradiction)
            other = jr if who is sr else sr
            scen.append(("hh_jr_sr_dob_conflict", who, {"dob": other["date_of_birth"]}))
    # father without suffix, son JR
    for i in range(20):
        a = household_addr()
        last, first = r.choice(LAST), r.choice(FIRST_M)
        fa = g.person(first, "", last, "", dob=g.dob(1950, 1970), addrs=shared_hist(a), sex="M")
        so = g.person(first, "", last, "JR", dob=g.dob(1985, 2000), addrs=shared_hist(a), sex="M")
        if i % 2 == 0:
            scen.append(("hh_father_nosuffix_req_jr", so, {}))
        else:
            scen.append(("hh_father_nosuffix_req_bare", fa, {}))
    # II / III
    for i in range(20):
        a = household_addr()
        last, first = r.choice(LAST), r.choice(FIRST_M)
        p2 = g.person(first, "", last, "II", dob=g.dob(1960, 1975), addrs=shared_hist(a), sex="M")
        p3 = g.person(first, "", last, "III", dob=g.dob(1988, 2002), addrs=shared_hist(a), sex="M")
        who = r.choice([p2, p3])
        scen.append(("hh_ii_iii_suffix" if i % 2 == 0 else "hh_ii_iii_bare", who,
                     {} if i % 2 == 0 else {"suffix": ""}))
    # twins: same DOB, same household, different given names (some one letter apart)
    pairs = [("MARIA", "MARTA"), ("JUAN", "JUANA"), ("DANIEL", "DANIELA"), ("LUIS", "LUISA"),
             ("ANA", "ANNA"), ("JOSE", "JOSUE"), ("MARCO", "MARCOS"), ("ELENA", "ELENO")]
    for i in range(40):
        a = household_addr()
        last = r.choice(LAST)
        f1, f2 = r.choice(pairs)
        bd = g.dob(1980, 2003)
        t1 = g.person(f1, "", last, "", dob=bd, addrs=shared_hist(a))
        t2 = g.person(f2, "", last, "", dob=bd, addrs=shared_hist(a))
        who = r.choice([t1, t2])
        scen.append(("hh_twins_dob" if i % 2 else "hh_twins", who,
                     {"dob": bd} if i % 2 else {}))
    # parent and child with the same full name, no suffix, different DOB
    for i in range(40):
        a = household_addr()
        last, first = r.choice(LAST), r.choice(FIRST_M + FIRST_F)
        mid = r.choice(["", r.choice(MIDDLES)])
        pa = g.person(first, mid, last, "", dob=g.dob(1950, 1968), addrs=shared_hist(a))
        ch = g.person(first, mid, last, "", dob=g.dob(1988, 2004), addrs=shared_hist(a))
        who = r.choice([pa, ch])
        scen.append(("hh_same_name_dob" if i % 2 else "hh_same_name_bare", who,
                     {"dob": who["date_of_birth"]} if i % 2 else {}))
    # compound given names: JOSE LUIS / JOSE ANTONIO siblings (stored first+middle or both in first)
    for i in range(50):
        a = household_addr()
        last = r.choice(LAST) + (" " + r.choice(LAST) if r.random() < 0.4 else "")
        base = r.choice(["JOSE", "JUAN", "MARIA", "LUIS"])
        m1, m2 = r.sample(["LUIS", "ANTONIO", "MANUEL", "CARLOS", "ELENA", "GUADALUPE", "JOSE", "FERNANDA"], 2)
        if r.random() < 0.5:
            s1 = g.person(base, m1, last, "", addrs=shared_hist(a))
            s2 = g.person(base, m2, last, "", addrs=shared_hist(a))
        else:
            s1 = g.person(f"{base} {m1}", "", last, "", addrs=shared_hist(a))
            s2 = g.person(f"{base} {m2}", "", last, "", addrs=shared_hist(a))
        who = r.choice([s1, s2])
        full_mid = who["middle_name"] or who["first_name"].split(" ", 1)[1]
        mode = i % 5
        if mode == 0:   # full compound in first_name
            nm = {"first_name": f"{base} {full_mid}", "middle_name": "", "last_name": who["last_name"], "name_suffix": ""}
        elif mode == 1:  # first + middle
            nm = {"first_name": base, "middle_name": full_mid, "last_name": who["last_name"], "name_suffix": ""}
        elif mode == 2:  # base only -> ambiguous
            nm = {"first_name": base, "middle_name": "", "last_name": who["last_name"], "name_suffix": ""}
        elif mode == 3:  # middle initial that distinguishes (or not)
            nm = {"first_name": base, "middle_name": full_mid[0], "last_name": who["last_name"], "name_suffix": ""}
        else:  # first surname only
            nm = {"first_name": f"{base} {full_mid}", "middle_name": "", "last_name": who["last_name"].split()[0], "name_suffix": ""}
        scen.append((f"hh_compound_given_{['full', 'first_mid', 'base', 'initial', 'first_surname'][mode]}", who, {"name": nm}))
    # spouses sharing a surname
    for i in range(30):
        a = household_addr()
        last = r.choice(LAST)
        h = g.person(None, None, last, "", addrs=shared_hist(a), sex="M")
        w = g.person(None, None, last, "", addrs=shared_hist(a), sex="F")
        scen.append(("hh_spouses", r.choice([h, w]), {}))
    # same name, other unit of one building; request without unit
    for i in range(40):
        a = g.street()
        a["unit"] = f"APT {r.randrange(1, 9)}"
        b = dict(a)
        b["unit"] = f"APT {int(a['unit'].split()[1]) + 10}"
        g.used_addr.add((b["street"], b["unit"], b["zip"]))
        first, last = r.choice(FIRST_M + FIRST_F), r.choice(LAST)
        p1 = g.person(first, "", last, "", addrs=shared_hist(a))
        p2 = g.person(first, "", last, "", addrs=shared_hist(b))
        who = r.choice([p1, p2])
        mode = i % 3
        if mode == 0:
            ad = g.render_addr(lka(who), style="plain")
            ad["unit"] = ""
            scen.append(("bldg_same_name_no_unit", who, {"addr": ad}))
        elif mode == 1:
            scen.append(("bldg_same_name_with_unit", who, {"addr": g.render_addr(lka(who), style="plain")}))
        else:
            ad = g.render_addr(lka(who), style="plain")
            ad["unit"] = ""
            scen.append(("bldg_same_name_no_unit_dob", who, {"addr": ad, "dob": who["date_of_birth"]}))
    # deceased taxpayer with a living namesake at the same address
    for i in range(40):
        a = household_addr()
        first, last = r.choice(FIRST_M + FIRST_F), r.choice(LAST)
        dead = g.person(first, "", last, "", dob=g.dob(1940, 1960), dod="2025-0%d-1%d" % (r.randrange(1, 9), r.randrange(0, 9)), addrs=shared_hist(a))
        live = g.person(first, "", last, "", dob=g.dob(1975, 2000), addrs=shared_hist(a))
        mode = i % 4
        if mode == 0:
            scen.append(("deceased_namesake_bare", live, {}))
        elif mode == 1:
            scen.append(("deceased_namesake_dob_living", live, {"dob": live["date_of_birth"]}))
        elif mode == 2:
            scen.append(("deceased_namesake_dob_dead", dead, {"dob": dead["date_of_birth"]}))
        else:
            scen.append(("deceased_namesake_tin_living", live, {"tin": live["tin"]}))
    # deceased alone
    for i in range(15):
        dead = g.person(dod="2024-05-05")
        scen.append(("deceased_alone", dead, {}))

    # ---------------- address history
    for i in range(150):  # request gives an older address
        tp = g.person(addrs=g.history(r.choice([2, 3, 4])))
        old = r.choice(tp["addrs"][:-1])
        scen.append(("hist_old_address", tp, {"addr": g.render_addr(old)}))
    for i in range(90):  # same-day tie of different sources
        tp = g.person(addrs=g.history(r.choice([1, 2])))
        last_row = tp["addrs"][-1]
        srcs = r.sample(SOURCES, 2)
        last_row["source"] = srcs[0]
        last_row["tax_year"] = str(int(last_row["effective_date"][:4]) - 1) if srcs[0] == "RETURN" else ""
        tie = dict(g.street(), source=srcs[1], effective_date=last_row["effective_date"])
        tie["tax_year"] = str(int(tie["effective_date"][:4]) - 1) if srcs[1] == "RETURN" else ""
        tp["addrs"].append(tie)
        r.shuffle(tp["addrs"])
        which = r.choice(["old", "tieA", "tieB"])
        src = {"old": tp["addrs"][0], "tieA": last_row, "tieB": tie}[which]
        scen.append((f"hist_same_day_tie_{'/'.join(sorted(srcs))}", tp, {"addr": g.render_addr(src)}))
    for i in range(20):  # an effective date after the processing date (but before the load day)
        tp = g.person(addrs=g.history(2))
        fut = dict(g.street(), source=r.choice(["NCOA", "FORM_8822"]), tax_year="",
                   effective_date=(d(AS_OF) + dt.timedelta(days=r.randrange(2, 10))).isoformat())
        tp["addrs"].append(fut)
        scen.append(("hist_future_effective_date", tp, {"addr": g.render_addr(tp["addrs"][0])}))
    for kind in ["POBOX", "RR", "MIL", "PR"]:
        for i in range(20):
            a = g.special_address(kind)
            urb = a.pop("_urb", None)
            if i % 2 == 0:  # special address is the last known; request gives it
                tp = g.person(addrs=g.history(r.choice([1, 2]), last=a))
                ad = g.render_addr(a, style="plain")
                if urb and r.random() < 0.5:
                    ad["street"] = f"{urb} {ad['street']}" if r.random() < 0.5 else ad["street"]
                scen.append((f"special_{kind}_lka", tp, {"addr": ad}))
            else:  # special address is old; request gives the street address
                tp = g.person(addrs=[dict(a, source="RETURN", tax_year="2019", effective_date="2020-03-01")] + g.history(1, start_year=2023))
                scen.append((f"special_{kind}_old_req_street", tp, {}))
    # ---------------- identifiers
    for i in range(40):  # right TIN
        tp = g.person()
        scen.append(("id_tin_right", tp, {"tin": tp["tin"] if i % 2 else tp["tin"][:3] + "-" + tp["tin"][3:5] + "-" + tp["tin"][5:]}))
    for i in range(30):  # TIN of a relative in the household (a fresh JR/SR or spouse household)
        a = household_addr()
        last, first = r.choice(LAST), r.choice(FIRST_M)
        if i % 2:
            who = g.person(first, "", last, "JR", dob=g.dob(1985, 2000), addrs=shared_hist(a), sex="M")
            rel = g.person(first, "", last, "SR", dob=g.dob(1950, 1970), addrs=shared_hist(a), sex="M")
        else:
            who = g.person(None, None, last, "", addrs=shared_hist(a), sex="M")
            rel = g.person(None, None, last, "", addrs=shared_hist(a), sex="F")
        scen.append(("id_tin_relative", who, {"tin": rel["tin"]}))
    for i in range(20):  # a well-formed TIN nobody holds
        tp = g.person()
        scen.append(("id_tin_unknown", tp, {"tin": g.free_tin()}))
    for i in range(15):  # TIN one digit off
        tp = g.person()
        t = tp["tin"]
        k = r.randrange(4, 9)
        t2 = t[:k] + str((int(t[k]) + 1) % 10) + t[k + 1:]
        scen.append(("id_tin_typo", tp, {"tin": t2}))
    for i in range(40):  # same person twice in the batch, different details
        tp = g.person(addrs=g.history(r.choice([2, 3])))
        mode = i % 4
        scen.append(("twice_first", tp, {"_twice": mode}))


    # ---------------- adversarial look-alikes (audit 23, second pass)
    for i in range(30):  # a namesake now lives at the taxpayer's OLD address; the request gives it
        first, last = r.choice(FIRST_M + FIRST_F), r.choice(LAST)
        old = g.street()
        mover = g.person(first, "", last, "", addrs=g.history(1, last=old, start_year=2016)[:1] + g.history(1, start_year=2024))
        mover["addrs"][0]["effective_date"] = "2018-04-0%d" % r.randrange(1, 9)
        resident = g.person(first, "", last, "", addrs=g.history(1, last=dict(old), start_year=2023))
        scen.append(("adv_namesake_at_old_address" + ("_dob" if i % 3 == 0 else ""),
                     resident if i % 2 else mover,
                     {"addr": g.render_addr(old, style="plain"),
                      "dob": (resident if i % 2 else mover)["date_of_birth"] if i % 3 == 0 else ""}))
    for i in range(25):  # the TIN given is a same-named taxpayer's elsewhere; the address is the other's
        first, last = r.choice(FIRST_M + FIRST_F), r.choice(LAST)
        a1 = g.person(first, "", last, "")
        a2 = g.person(first, "", last, "")
        scen.append(("adv_tin_of_namesake_elsewhere", a2, {"tin": a1["tin"]}))
    for i in range(25):  # one person under an ITIN and later an SSN: two taxpayers, same name/DOB/address
        a = g.street()
        first, last = r.choice(FIRST_M + FIRST_F), r.choice(LAST)
        bd = g.dob()
        it_ = g.person(first, "", last, "", dob=bd, addrs=g.history(2, last=a), itin=True)
        ss = g.person(first, "", last, "", dob=bd, addrs=g.history(1, last=dict(a), start_year=2024), itin=False)
        scen.append(("adv_itin_and_ssn_same_person" + ("_dob" if i % 2 else ""), r.choice([it_, ss]),
                     {"dob": bd if i % 2 else ""}))
    for i in range(25):  # father GARCIA LOPEZ and son LOPEZ MARTINEZ; request JOSE LOPEZ
        a = household_addr()
        first = r.choice(["JOSE", "JUAN", "LUIS", "CARLOS"])
        fa = g.person(first, "", "GARCIA LOPEZ", "", dob=g.dob(1950, 1970), addrs=shared_hist(a), sex="M")
        so = g.person(first, "", "LOPEZ MARTINEZ", "", dob=g.dob(1985, 2003), addrs=shared_hist(a), sex="M")
        nm = {"first_name": first, "middle_name": "", "last_name": "LOPEZ", "name_suffix": ""}
        mode = i % 3
        scen.append((["adv_first_vs_second_surname", "adv_first_vs_second_surname_dob_son", "adv_first_vs_second_surname_dob_father"][mode],
                     so if mode != 2 else fa, {"name": nm, "dob": "" if mode == 0 else (so if mode == 1 else fa)["date_of_birth"]}))
    for i in range(20):  # request DOB one digit off the only candidate's
        tp = g.person()
        bd = tp["date_of_birth"]
        k = r.choice([2, 3, 6, 9])
        bd2 = bd[:k] + str((int(bd[k]) + 1) % 10) + bd[k + 1:]
        try:
            dt.date.fromisoformat(bd2)
        except ValueError:
            bd2 = bd[:9] + str((int(bd[9]) + 1) % 10)
        scen.append(("adv_dob_one_digit_off", tp, {"dob": bd2}))
    for i in range(20):  # deceased father (no DOB held) and living son, same name; request gives the son's DOB
        a = household_addr()
        first, last = r.choice(FIRST_M), r.choice(LAST)
        g.person(first, "", last, "", dob="", dod="2023-03-03", addrs=shared_hist(a), sex="M")
        so = g.person(first, "", last, "", dob=g.dob(1985, 2000), addrs=shared_hist(a), sex="M")
        scen.append(("adv_deceased_no_dob_living_dob", so, {"dob": so["date_of_birth"]}))
    for i in range(20):  # LIVING father (no DOB held) and son, same name; request gives the son's DOB
        a = household_addr()
        first, last = r.choice(FIRST_M), r.choice(LAST)
        g.person(first, "", last, "", dob="", addrs=shared_hist(a), sex="M")
        so = g.person(first, "", last, "", dob=g.dob(1985, 2000), addrs=shared_hist(a), sex="M")
        scen.append(("adv_living_no_dob_namesake_req_dob", so, {"dob": so["date_of_birth"]}))
    for i in range(20):  # housemates with swapped given/middle names (JOSE LUIS vs LUIS JOSE)
        a = household_addr()
        last = r.choice(LAST)
        x = g.person("JOSE", "LUIS", last, "", addrs=shared_hist(a), sex="M")
        y = g.person("LUIS", "JOSE", last, "", addrs=shared_hist(a), sex="M")
        who = r.choice([x, y])
        scen.append(("adv_swapped_given_middle", who, {"name": {"first_name": who["first_name"], "middle_name": "",
                                                                 "last_name": last, "name_suffix": ""}}))
    for i in range(20):  # the request's unit is another unit of the building (no namesake there)
        a = g.street()
        a["unit"] = f"APT {r.randrange(1, 9)}"
        tp = g.person(addrs=g.history(1, last=a))
        ad = g.render_addr(a, style="plain")
        ad["unit"] = f"APT {int(a['unit'].split()[1]) + 20}"
        scen.append(("adv_wrong_unit", tp, {"addr": ad}))
    for i in range(20):  # a housemate's full name but the other housemate's DOB and TIN absent: mother/daughter MARIA
        a = household_addr()
        last = r.choice(LAST)
        mo = g.person("MARIA", "", last, "", dob=g.dob(1950, 1970), addrs=shared_hist(a), sex="F")
        da = g.person("MARIA", "ELENA", last, "", dob=g.dob(1988, 2004), addrs=shared_hist(a), sex="F")
        scen.append(("adv_mother_no_middle_daughter_middle" + ("_req_middle" if i % 2 else ""), da if i % 2 else mo,
                     {"name": {"first_name": "MARIA", "middle_name": "ELENA" if i % 2 else "", "last_name": last, "name_suffix": ""}}))

    # ---------------- third pass: both members of a household asked for; one-line addresses; formats
    for i in range(20):  # JR and SR both requested in the same batch, each with his suffix
        a = household_addr()
        first, last = r.choice(FIRST_M), r.choice(LAST)
        sr = g.person(first, "", last, "SR", dob=g.dob(1950, 1970), addrs=shared_hist(a), sex="M")
        jr = g.person(first, "", last, "JR", dob=g.dob(1985, 2000), addrs=shared_hist(a), sex="M")
        ad = g.render_addr(a, style="plain")
        scen.append(("both_jr_sr_requested", sr, {"addr": ad, "dob": sr["date_of_birth"] if i % 2 else ""}))
        scen.append(("both_jr_sr_requested", jr, {"addr": dict(ad), "dob": jr["date_of_birth"] if i % 2 else ""}))
    for i in range(15):  # twins both requested
        a = household_addr()
        last = r.choice(LAST)
        bd = g.dob(1980, 2003)
        f1, f2 = r.choice([("CARLOS", "CARLA"), ("MIGUEL", "MIGUELINA"), ("PEDRO", "PAULA"), ("OMAR", "OSCAR")])
        t1 = g.person(f1, "", last, "", dob=bd, addrs=shared_hist(a))
        t2 = g.person(f2, "", last, "", dob=bd, addrs=shared_hist(a))
        scen.append(("both_twins_requested", t1, {"dob": bd}))
        scen.append(("both_twins_requested", t2, {"dob": bd}))
    for i in range(30):  # same name in two units; the request gives the address on one line only
        a = g.street()
        a["unit"] = f"APT {r.randrange(1, 9)}"
        b = dict(a)
        b["unit"] = f"APT {int(a['unit'].split()[1]) + 10}"
        first, last = r.choice(FIRST_M + FIRST_F), r.choice(LAST)
        p1 = g.person(first, "", last, "", addrs=g.history(1, last=a))
        g.person(first, "", last, "", addrs=g.history(1, last=b))
        u = a["unit"].split()[1]
        line = [f"{a['street']} APT {u}, {a['city']}, {a['state']} {a['zip']}",
                f"{a['street']} #{u}, {a['city']} {a['state']} {a['zip']}",
                f"{a['street']}, APT {u}, {a['city']}, {a['state']} {a['zip']}"][i % 3]
        scen.append(("oneline_same_name_other_unit", p1, {"addr": {"street": "", "unit": "", "city": "", "state": "", "zip": "", "address": line}}))
    for i in range(10):  # first name a single letter (R_NAME)
        tp = g.person()
        nm = g.render_name(tp, style="plain")
        nm["first_name"] = nm["first_name"][0]
        scen.append(("rule_first_initial_only", tp, {"name": nm}))
    for i in range(15):  # right TIN, contradicting DOB
        tp = g.person()
        bd = tp["date_of_birth"]
        scen.append(("id_tin_right_dob_wrong", tp, {"tin": tp["tin"], "dob": str(int(bd[:4]) - 7) + bd[4:]}))
    for i in range(20):  # DOB in a non-ISO form, JR/SR household
        a = household_addr()
        first, last = r.choice(FIRST_M), r.choice(LAST)
        sr = g.person(first, "", last, "SR", dob=g.dob(1950, 1970), addrs=shared_hist(a), sex="M")
        jr = g.person(first, "", last, "JR", dob=g.dob(1985, 2000), addrs=shared_hist(a), sex="M")
        who = r.choice([sr, jr])
        y, mth, dd = who["date_of_birth"].split("-")
        scen.append(("fmt_dob_us_style_jr_sr_nosuffix", who, {"suffix": "", "dob": f"{mth}/{dd}/{y}"}))

    # ---------------- fourth pass: identifiers against the address rule
    for i in range(20):  # right TIN and name, but an address never in the taxpayer's history (TIN alone never discloses)
        tp = g.person()
        scen.append(("id_tin_right_address_never_held", tp, {"tin": tp["tin"], "addr": g.render_addr(g.street(), style="plain")}))
    for i in range(20):  # right TIN and address, but another person's name (an alias or a housemate's name)
        tp = g.person()
        nm = {"first_name": r.choice(["ZOLTAN", "BRUNHILDE", "OSVALDO", "YOLANDA"]), "middle_name": "",
              "last_name": r.choice(["KOVACS", "HALVORSEN", "ABERNATHY"]), "name_suffix": ""}
        scen.append(("id_tin_right_name_other", tp, {"tin": tp["tin"], "name": nm}))
    for i in range(20):  # same street and ZIP, another house number (not a typo)
        tp = g.person(addrs=g.history(1))
        a = dict(lka(tp))
        num = int(a["street"].split()[0])
        a["street"] = str(num + 1000 if num < 8000 else num - 1000) + a["street"][len(str(num)):]
        scen.append(("adv_same_street_other_number", tp, {"addr": g.render_addr(a, style="plain")}))
    for i in range(20):  # two different taxpayers, same name and DOB, two units of one building; request without unit
        a = g.street()
        a["unit"] = f"APT {r.randrange(1, 9)}"
        b = dict(a)
        b["unit"] = f"APT {int(a['unit'].split()[1]) + 10}"
        first, last = r.choice(FIRST_M + FIRST_F), r.choice(LAST)
        bd = g.dob()
        p1 = g.person(first, "", last, "", dob=bd, addrs=g.history(1, last=a))
        g.person(first, "", last, "", dob=bd, addrs=g.history(1, last=b))
        ad = g.render_addr(a, style="plain")
        ad["unit"] = ""
        scen.append(("bldg_same_name_same_dob_no_unit", p1, {"addr": ad, "dob": bd}))

    # ---------------- plain population
    n0 = len(g.tps)
    for i in range(20000 - n0 - 400):
        g.person()
    plain = [tp for tp in g.tps[n0:] if not tp["date_of_death"]]
    pool = list(plain)
    r.shuffle(pool)
    # some namesakes across the country (same name, other city) to stress the matcher
    for i in range(400):
        src = r.choice(plain)
        g.person(src["first_name"], src["middle_name"], src["last_name"], "")

    # ---------------- render batch 1
    n_other = 0
    for scenario, tp, o in scen:
        if "_twice" in o:
            mode = o["_twice"]
            a_num = g.a_number()
            first = b1.add("twice_first", tp, addr=g.render_addr(lka(tp), style="plain"),
                           name=g.render_name(tp, style="plain"), dob=tp["date_of_birth"], a_number=a_num)
            if mode == 0:  # exact repeat
                b1.add("twice_exact_repeat", tp, addr={k: first[k] for k in ("street", "unit", "city", "state", "zip")},
                       name={k: first[k] for k in ("first_name", "middle_name", "last_name", "name_suffix")},
                       dob=tp["date_of_birth"], a_number=a_num)
            elif mode == 1:  # old address, same A-number
                b1.add("twice_old_address_same_anum", tp, addr=g.render_addr(tp["addrs"][0]), dob="", a_number=a_num)
            elif mode == 2:  # with TIN and without DOB, different A-number
                b1.add("twice_with_tin", tp, tin=tp["tin"])
            else:  # same A-number, different (wrong) person's name -> A-number reused for another
                other = pool[2100 + n_other]
                n_other += 1
                b1.add("twice_anum_reused_other_person", other, a_number=a_num)
            continue
        b1.add(scenario, tp, name=o.get("name"), addr=o.get("addr"), dob=o.get("dob", ""),
               tin=o.get("tin", ""), suffix=o.get("suffix"))
    # plain requests with formatting variation
    for tp in pool[:1750]:
        dob = tp["date_of_birth"] if r.random() < 0.3 else ""
        b1.add("plain", tp, dob=dob)
    # strangers: name not in master at someone's address / names with nobody's address
    for i in range(60):
        tp = r.choice(plain)
        nm = {"first_name": r.choice(["ZOLTAN", "BRUNHILDE", "OSVALDO", "YOLANDA"]), "middle_name": "",
              "last_name": tp["last_name"], "name_suffix": ""}
        b1.add("stranger_at_address", tp, name=nm, target="-")
    for i in range(60):
        tp = pool[2000 + i]
        b1.add("name_only_other_address", tp, addr=g.render_addr(g.street(), style="plain"), target="-")
    # ---------------- record-level rule cases
    rule_cases = []
    for i in range(6):
        rule_cases += [
            ("rule_order_89_days", {"final_order_date": (d(SIGNED_AT) - dt.timedelta(days=89)).isoformat()}),
            ("rule_order_90_days_ok", {"final_order_date": (d(SIGNED_AT) - dt.timedelta(days=90)).isoformat()}),
            ("rule_order_future", {"final_order_date": (d(SIGNED_AT) + dt.timedelta(days=3)).isoformat()}),
            ("rule_order_missing", {"final_order_date": ""}),
            ("rule_placeholder_street", {"street": "UNKNOWN ADDRESS"}),
            ("rule_placeholder_city", {"city": "N/A"}),
            ("rule_dont_care", {"street": "DON'T CARE", "unit": ""}),
            ("rule_facility", {"street": "1000 DETENTION CENTER RD", "unit": ""}),
            ("rule_zip_00000", {"zip": "00000"}),
            ("rule_state_bad", {"state": "XX"}),
            ("rule_no_street_number", {"street": "MAIN ST", "unit": ""}),
            ("rule_tin_666", {"tin": "666-12-3456"}),
            ("rule_tin_short", {"tin": "12345678"}),
            ("rule_period_future", {"taxable_periods": "2028"}),
            ("rule_case_missing", {"case_number": ""}),
            ("rule_reason_missing", {"reason": ""}),
            ("rule_statute_other", {"statute": "18 U.S.C. 1546"}),
            ("rule_two_faults", {"final_order_date": (d(SIGNED_AT) - dt.timedelta(days=30)).isoformat(), "city": "UNKNOWN"}),
            ("rule_address_oneline", {"_oneline": True}),
        ]
    for k, (scenario, o) in enumerate(rule_cases):
        tp = pool[1800 + k]
        o = dict(o)
        if o.pop("_oneline", False):
            a = lka(tp)
            line = f"{a['street']}{' ' + a['unit'] if a['unit'] else ''}, {a['city']}, {a['state']} {a['zip']}"
            b1.add(scenario, tp, street="", unit="", city="", state="", zip="", address=line)
        else:
            b1.add(scenario, tp, **o)
    # shuffle record order, keep request ids sequential in file order
    order = list(range(len(b1.recs)))
    r.shuffle(order)
    b1.recs = [b1.recs[i] for i in order]
    b1.intent = [b1.intent[i] for i in order]
    return g, b1, pool


def write_master(g: Gen, out: str, tps: list[dict]) -> None:
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "taxpayers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["tin", "tin_type", "first_name", "middle_name", "last_name", "name_suffix", "date_of_birth", "date_of_death"])
        for tp in tps:
            w.writerow([tp[k] for k in ["tin", "tin_type", "first_name", "middle_name", "last_name", "name_suffix", "date_of_birth", "date_of_death"]])
    with open(os.path.join(out, "addresses.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["tin", "street", "unit", "city", "state", "zip", "source", "tax_year", "effective_date"])
        for tp in tps:
            for a in tp["addrs"]:
                w.writerow([tp["tin"], a["street"], a["unit"], a["city"], a["state"], a["zip"], a["source"], a["tax_year"], a["effective_date"]])


def write_package(out: str, recs: list[dict], batch_id: str, signed_at: str, key: Ed25519PrivateKey,
                  manifest_over: dict | None = None, sign: bool = True) -> bytes:
    os.makedirs(out, exist_ok=True)
    rp = os.path.join(out, "records.csv")
    with open(rp, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=REC_COLS)
        w.writeheader()
        for rec in recs:
            w.writerow({k: rec.get(k, "") for k in REC_COLS})
    data = open(rp, "rb").read()
    man = {"batch_id": batch_id, "requesting_agency": "ICE",
           "signed_by": {"official_id": "ICE-DIR-01", "name": "Pat Example", "title": "Director"},
           "signed_at": signed_at, "statutory_authority": [STATUTE],
           "reason": "Each listed person is the subject of an open criminal investigation for failure to depart under a final order of removal.",
           "certifications": {"subjects_under_criminal_investigation": True, "use_solely_for_proceeding": True,
                              "recipients_personally_and_directly_engaged": True, "publication_1075_safeguards": True},
           "records_file": "records.csv", "records_sha256": hashlib.sha256(data).hexdigest(),
           "record_count": len(recs)}
    man.update(manifest_over or {})
    mb = json.dumps(man, indent=2).encode()
    open(os.path.join(out, "batch.json"), "wb").write(mb)
    if sign:
        open(os.path.join(out, "batch.json.sig"), "wb").write(base64.b64encode(key.sign(mb)))
    return mb


def write_intent(path: str, intent) -> None:
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["request_id", "scenario", "generator_target_tin"])
        w.writerows(intent)


def main() -> None:
    seed, out = int(sys.argv[1]), sys.argv[2]
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    g, b1, pool = build(seed)
    plain = pool
    r = g.r
    key = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(f"audit23-{seed}".encode()).digest())
    os.makedirs(os.path.join(out, "keys"))
    open(os.path.join(out, "keys/official.pub.pem"), "wb").write(key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    other = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(f"audit23-other-{seed}".encode()).digest())

    write_master(g, os.path.join(out, "master1"), g.tps)
    bid1 = f"ICE-2026-A23{seed:03d}1"
    write_package(os.path.join(out, "pkg1"), b1.recs, bid1, SIGNED_AT, key)
    write_intent(os.path.join(out, "intent1.csv"), b1.intent)

    # ---------------- master 2: moves (new newest rows), then batch 2
    recs1_by_target = {}
    for (rid, scen, tgt), rec in zip(b1.intent, b1.recs):
        if scen in ("plain", "hist_old_address", "hh_spouses", "id_tin_right") and tgt in g.by_tin:
            recs1_by_target.setdefault(tgt, rec)
    again = r.sample(sorted(recs1_by_target), 160)
    movers = set(again[:100])
    movers |= set(r.sample([t["tin"] for t in plain if t["tin"] not in recs1_by_target], 200))
    for t in sorted(movers):
        tp = g.by_tin[t]
        na = g.street()
        src = r.choice(SOURCES)
        tp["addrs"].append(dict(na, source=src, tax_year="2025" if src == "RETURN" else "",
                                effective_date=(dt.date(2026, 11, 21) + dt.timedelta(days=r.randrange(0, 4))).isoformat()))
    # a same-day tie introduced by the reload for 20 movers (NCOA on the same day as the new row)
    for t in sorted(movers)[:20]:
        tp = g.by_tin[t]
        last_row = tp["addrs"][-1]
        tie = dict(g.street(), source="NCOA" if last_row["source"] != "NCOA" else "FORM_8822", tax_year="",
                   effective_date=last_row["effective_date"])
        tp["addrs"].append(tie)
    write_master(g, os.path.join(out, "master2"), g.tps)
    b2 = Batch(g, "R2-")
    for i, t in enumerate(again):
        tp = g.by_tin[t]
        prev = recs1_by_target[t]
        n_before = len(b2.recs)
        if i < 100:  # movers
            mode = i % 3
            if mode == 0:
                b2.add("b2_mover_old_address_as_batch1", tp, name={k: prev[k] for k in ("first_name", "middle_name", "last_name", "name_suffix")},
                       addr={k: prev[k] for k in ("street", "unit", "city", "state", "zip")})
            elif mode == 1:
                b2.add("b2_mover_new_address", tp)
            else:
                b2.add("b2_mover_new_address_dob", tp, dob=tp["date_of_birth"])
        else:
            b2.add("b2_same_person_again", tp, dob=tp["date_of_birth"] if i % 2 else "")
        # the requester's own identifier for the person carries over, except every 5th (a probe)
        if i % 5 or os.environ.get("A23_NO_PROBES"):
            b2.recs[n_before]["a_number"] = prev["a_number"]
            b2.recs[n_before]["final_order_date"] = prev["final_order_date"]
        else:
            lab = b2.intent[n_before]
            b2.intent[n_before] = (lab[0], lab[1] + "+new_anum", lab[2])
    for t in sorted(movers - set(again))[:100]:
        tp = g.by_tin[t]
        b2.add("b2_new_mover_old_address" if r.random() < 0.5 else "b2_new_mover_new_address", tp,
               addr=g.render_addr(tp["addrs"][-3] if len(tp["addrs"]) > 2 and r.random() < 0.5 else lka(tp)))
    for tp in pool[2200:2260]:
        b2.add("b2_plain", tp)
    bid2 = f"ICE-2026-A23{seed:03d}2"
    write_package(os.path.join(out, "pkg2"), b2.recs, bid2, SIGNED_AT2, key)
    write_intent(os.path.join(out, "intent2.csv"), b2.intent)

    # ---------------- bad inputs
    bad = os.path.join(out, "bad")
    # bad packages ask for people nobody else asks for (they must not interfere with batch 2)
    bb = Batch(g, "RB-")
    for tp in pool[2300:2320]:
        bb.add("bad", tp)
    small = bb.recs
    # readable but failing batch rules (exit 0, all REJECTED)
    write_package(os.path.join(bad, "sig_wrong_key"), small, "ICE-2026-BADSIG", SIGNED_AT2, other)
    p = os.path.join(bad, "sig_missing")
    write_package(p, small, "ICE-2026-NOSIG", SIGNED_AT2, key, sign=False)
    p = os.path.join(bad, "records_truncated_hash_mismatch")
    write_package(p, small, "ICE-2026-TRUNC", SIGNED_AT2, key)
    data = open(os.path.join(p, "records.csv"), "rb").read()
    open(os.path.join(p, "records.csv"), "wb").write(data[: len(data) * 2 // 3])
    # unreadable (exit 3)
    p = os.path.join(bad, "missing_last_name_column")
    rows = [{k: v for k, v in rec.items() if k != "last_name"} for rec in small]
    os.makedirs(p)
    with open(os.path.join(p, "records.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=[c for c in REC_COLS if c != "last_name"])
        w.writeheader()
        w.writerows({k: rr.get(k, "") for k in w.fieldnames} for rr in rows)
    _resign(p, "ICE-2026-NOLAST", SIGNED_AT2, key)
    p = os.path.join(bad, "misspelled_column")
    os.makedirs(p)
    with open(os.path.join(p, "records.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([("lastname" if c == "last_name" else c) for c in REC_COLS])
        for rec in small:
            w.writerow([rec.get(c, "") for c in REC_COLS])
    _resign(p, "ICE-2026-MISSPELL", SIGNED_AT2, key)
    p = os.path.join(bad, "not_utf8")
    write_package(p, small, "ICE-2026-LATIN1", SIGNED_AT2, key)
    txt = open(os.path.join(p, "records.csv"), encoding="utf-8").read().replace(small[0]["last_name"], "MU\u00d1OZ", 1)
    open(os.path.join(p, "records.csv"), "wb").write(txt.encode("latin-1", "replace"))
    _resign(p, "ICE-2026-LATIN1", SIGNED_AT2, key)
    p = os.path.join(bad, "no_manifest")
    write_package(p, small, "ICE-2026-NOMAN", SIGNED_AT2, key)
    os.remove(os.path.join(p, "batch.json"))
    p = os.path.join(bad, "manifest_truncated")
    mb = write_package(p, small, "ICE-2026-MTRUNC", SIGNED_AT2, key)
    open(os.path.join(p, "batch.json"), "wb").write(mb[: len(mb) // 2])
    open(os.path.join(p, "batch.json.sig"), "wb").write(base64.b64encode(key.sign(mb[: len(mb) // 2])))
    p = os.path.join(bad, "zip_truncated")
    write_package(p + "_src", small, "ICE-2026-ZIPTR", SIGNED_AT2, key)
    with zipfile.ZipFile(p + ".zip.full", "w") as z:
        for fn in ("batch.json", "records.csv", "batch.json.sig"):
            z.write(os.path.join(p + "_src", fn), fn)
    full = open(p + ".zip.full", "rb").read()
    open(p + ".zip", "wb").write(full[: len(full) // 2])
    os.remove(p + ".zip.full")
    shutil.rmtree(p + "_src")
    # duplicated batch id: batch 1's id, other content, validly signed
    write_package(os.path.join(bad, "dup_batch_id"), small, bid1, SIGNED_AT2, key)
    # masters
    m2 = os.path.join(out, "master2")
    for name, fix in [
        ("master_missing_effective_date_col", lambda t, a: (t, [x[:-1] for x in a])),
        ("master_wrong_column_name", lambda t, a: ([["taxpayer_id"] + t[0][1:]] + t[1:], a)),
        ("master_duplicate_tin", lambda t, a: (t + [t[5]], a)),
        ("master_tin_not_9_digits", lambda t, a: (t[:3] + [["12345"] + t[3][1:]] + t[4:], a)),
        ("master_bad_source", lambda t, a: (t, a[:3] + [a[3][:6] + ["EMAIL"] + a[3][7:]] + a[4:])),
        ("master_empty_effective_date", lambda t, a: (t, a[:3] + [a[3][:8] + [""]] + a[4:])),
        ("master_address_unknown_tin", lambda t, a: (t, a + [["123456789"] + a[1][1:]])),
        ("master_far_future_effective_date", lambda t, a: (t, a[:3] + [a[3][:8] + ["2027-06-01"]] + a[4:])),
    ]:
        t = list(csv.reader(open(os.path.join(m2, "taxpayers.csv"), encoding="utf-8")))
        a = list(csv.reader(open(os.path.join(m2, "addresses.csv"), encoding="utf-8")))
        t, a = fix(t, a)
        q = os.path.join(bad, name)
        os.makedirs(q)
        csv.writer(open(os.path.join(q, "taxpayers.csv"), "w", newline="", encoding="utf-8")).writerows(t)
        csv.writer(open(os.path.join(q, "addresses.csv"), "w", newline="", encoding="utf-8")).writerows(a)
    q = os.path.join(bad, "master_truncated")
    shutil.copytree(m2, q)
    data = open(os.path.join(q, "addresses.csv"), "rb").read()
    open(os.path.join(q, "addresses.csv"), "wb").write(data[: len(data) // 2 + 7])
    q = os.path.join(bad, "master_missing_table")
    os.makedirs(q)
    shutil.copy(os.path.join(m2, "taxpayers.csv"), q)

    # ---------------- truth, from the oracle reading the written files
    oracle.write_truth(os.path.join(out, "master1"), os.path.join(out, "pkg1"), AS_OF, ["8 U.S.C. 1253(a)(1)"],
                       os.path.join(out, "truth1.csv"))
    oracle.write_truth(os.path.join(out, "master2"), os.path.join(out, "pkg2"), AS_OF2, ["8 U.S.C. 1253(a)(1)"],
                       os.path.join(out, "truth2.csv"), earlier=[os.path.join(out, "pkg1")])
    shutil.copy(os.path.join(out, "truth1.csv"), os.path.join(out, "truth.csv"))
    json.dump({"seed": seed, "batch1": bid1, "batch2": bid2, "as_of1": AS_OF, "as_of2": AS_OF2,
               "signed_at1": SIGNED_AT, "signed_at2": SIGNED_AT2},
              open(os.path.join(out, "meta.json"), "w"), indent=1)
    print(f"taxpayers={len(g.tps)} batch1={len(b1.recs)} batch2={len(b2.recs)}")


def _resign(p: str, batch_id: str, signed_at: str, key) -> None:
    data = open(os.path.join(p, "records.csv"), "rb").read()
    n = data.count(b"\n") - 1
    man = {"batch_id": batch_id, "requesting_agency": "ICE",
           "signed_by": {"official_id": "ICE-DIR-01", "name": "Pat Example", "title": "Director"},
           "signed_at": signed_at, "statutory_authority": [STATUTE],
           "reason": "Each listed person is the subject of an open criminal investigation for failure to depart.",
           "certifications": {"subjects_under_criminal_investigation": True, "use_solely_for_proceeding": True,
                              "recipients_personally_and_directly_engaged": True, "publication_1075_safeguards": True},
           "records_file": "records.csv", "records_sha256": hashlib.sha256(data).hexdigest(), "record_count": n}
    mb = json.dumps(man, indent=2).encode()
    open(os.path.join(p, "batch.json"), "wb").write(mb)
    open(os.path.join(p, "batch.json.sig"), "wb").write(base64.b64encode(key.sign(mb)))


if __name__ == "__main__":
    main()

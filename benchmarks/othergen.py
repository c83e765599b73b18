"""A second generator of acceptance data, written apart from `dgate synth`: its own name
pools (Spanish with two surnames and particles, English, Vietnamese, Chinese, Arabic,
Haitian), households (spouses, children, a son named JR after his father, twins, a relative
who files no return), address histories, and slips drawn per request (none, one or two of
19 kinds: typos, nicknames, accents, hyphens, a surname or given name dropped, names
swapped, case, street types spelled out, unit styles, ZIP+4, a one-line address, day and
month swapped). Hard negatives: the relative who files no return at the household's
address, a taxpayer's name at an address not theirs, another person's DOB, the father's
name without a date where his son files as JR, the deceased, a stranger of a common name
in a known ZIP, the neighbour's house number. Session 17 wrote it when no independent
audit could run; it found four rules (docs/matching.md, "Session 17").

    python benchmarks/othergen.py [--seed 171] [--taxpayers 20000] [--requests 4000]
                                  [--keep DIR]

Runs the whole flow (`dgate.evaluate.evaluate`) and prints recall of the due requests,
review rate, wrongful disclosures (request ids and kinds), and the misses by kind and
code. Labels are the generator's judgement: a wrongful line is a lead to read, not a
verdict (`--keep` keeps the folder, truth.csv and the decision report to read it).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

import duckdb
import zipcodes

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dgate.service.requester import sign_package  # noqa: E402

HM = [
    "JOSE", "JUAN", "LUIS", "CARLOS", "JESUS", "MIGUEL", "FRANCISCO", "ANTONIO", "ALEJANDRO",
    "MANUEL", "PEDRO", "RAFAEL", "RICARDO", "FERNANDO", "JORGE", "ROBERTO", "EDUARDO", "SERGIO",
    "RAUL", "JAVIER", "MARIO", "OSCAR", "HECTOR", "ARTURO", "ENRIQUE", "RAMON", "ALBERTO", "VICTOR",
    "ARMANDO", "GUILLERMO", "ERNESTO", "SALVADOR", "RUBEN", "ALFREDO", "GERARDO", "IGNACIO",
    "ROGELIO", "JOAQUIN", "ESTEBAN", "SANTIAGO"
]
HF = [
    "MARIA", "GUADALUPE", "ROSA", "ANA", "JUANA", "ELENA", "CARMEN", "VERONICA", "PATRICIA",
    "LETICIA", "YOLANDA", "SILVIA", "ADRIANA", "GABRIELA", "ALEJANDRA", "MARTHA", "LAURA", "BLANCA",
    "CLAUDIA", "LUCIA", "TERESA", "ISABEL", "DOLORES", "ESPERANZA", "CONSUELO", "ALICIA", "BEATRIZ",
    "GLORIA", "LORENA", "MONICA"
]
HDOUBLE_M = ["JOSE LUIS", "JUAN CARLOS", "JOSE ANTONIO", "LUIS MIGUEL", "JUAN PABLO",
             "MIGUEL ANGEL", "JOSE MANUEL", "JUAN JOSE"]
HDOUBLE_F = ["MARIA GUADALUPE", "MARIA ELENA", "ANA MARIA", "MARIA DEL CARMEN",
             "MARIA DE LOS ANGELES", "MARIA JOSE", "ROSA MARIA", "MARIA TERESA"]
HS = [
    "GARCIA", "RODRIGUEZ", "MARTINEZ", "HERNANDEZ", "LOPEZ", "GONZALEZ", "PEREZ", "SANCHEZ",
    "RAMIREZ", "TORRES", "FLORES", "RIVERA", "GOMEZ", "DIAZ", "REYES", "CRUZ", "MORALES", "ORTIZ",
    "GUTIERREZ", "CHAVEZ", "RAMOS", "RUIZ", "ALVAREZ", "MENDOZA", "CASTILLO", "JIMENEZ", "MORENO",
    "ROMERO", "HERRERA", "MEDINA", "AGUILAR", "VARGAS", "GUZMAN", "SALAZAR", "VILLALOBOS", "ZAVALA",
    "ESPINOZA", "CONTRERAS", "DOMINGUEZ", "VELASQUEZ", "CERVANTES", "FUENTES", "NAVARRO", "CAMPOS",
    "ROJAS", "LUNA", "OROZCO"] + ["DE LA CRUZ", "DE LEON", "DEL RIO", "DE LA ROSA"
]
EM = [
    "JAMES", "JOHN", "ROBERT", "MICHAEL", "WILLIAM", "DAVID", "RICHARD", "JOSEPH", "THOMAS",
    "CHARLES", "CHRISTOPHER", "DANIEL", "MATTHEW", "ANTHONY", "MARK", "DONALD", "STEVEN", "PAUL",
    "ANDREW", "JOSHUA", "KEVIN", "BRIAN", "GEORGE", "EDWARD", "RONALD", "TIMOTHY", "JASON",
    "JEFFREY", "RYAN", "JACOB"
]
EF = [
    "MARY", "PATRICIA", "JENNIFER", "LINDA", "ELIZABETH", "BARBARA", "SUSAN", "JESSICA", "SARAH",
    "KAREN", "NANCY", "LISA", "BETTY", "MARGARET", "SANDRA", "ASHLEY", "KIMBERLY", "EMILY", "DONNA",
    "MICHELLE", "DOROTHY", "CAROL", "AMANDA", "MELISSA", "DEBORAH", "STEPHANIE", "REBECCA",
    "SHARON", "LAURA", "CYNTHIA"
]
ES = [
    "SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "MILLER", "DAVIS", "WILSON", "ANDERSON",
    "TAYLOR", "THOMAS", "MOORE", "JACKSON", "MARTIN", "LEE", "THOMPSON", "WHITE", "HARRIS", "CLARK",
    "LEWIS", "ROBINSON", "WALKER", "YOUNG", "ALLEN", "KING", "WRIGHT", "SCOTT", "HILL", "GREEN",
    "ADAMS", "BAKER", "NELSON", "CARTER", "MITCHELL", "ROBERTS", "TURNER", "PHILLIPS", "CAMPBELL",
    "PARKER", "EVANS"
]
VS = ["NGUYEN", "TRAN", "LE", "PHAM", "HOANG", "HUYNH", "VO", "DANG", "BUI", "DO"]
VG = ["MINH", "ANH", "LINH", "TUAN", "HUONG", "THAO", "DUNG", "HUNG", "LAN", "HOA"]
CS = ["WANG", "LI", "ZHANG", "LIU", "CHEN", "YANG", "HUANG", "ZHAO", "WU", "ZHOU"]
CG = ["WEI", "JING", "LEI", "YAN", "XIN", "MING", "HUI", "LING", "JUN", "HAO"]
AM = ["MOHAMMED", "AHMED", "ALI", "OMAR", "YOUSEF", "KHALED", "HASSAN", "TAREK"]
AF = ["FATIMA", "AISHA", "LAYLA", "MARIAM", "NOOR", "HANA"]
AS_ = ["AL-SAYED", "HASSAN", "IBRAHIM", "ABDULLAH", "MAHMOUD", "KHALIL", "SALEH", "NASSER"]
HTM, HTF = ["JEAN", "PIERRE", "JEAN-BAPTISTE", "RENE"], ["MARIE", "ROSE", "NADEGE"]
HTS = ["JOSEPH", "PIERRE", "JEAN-LOUIS", "CHARLES", "DORSAINVIL", "ETIENNE"]
NICK = {"WILLIAM": ["BILL", "WILL"], "ROBERT": ["BOB", "ROB"], "RICHARD": ["RICK"],
        "JAMES": ["JIM", "JIMMY"], "JOSEPH": ["JOE"], "THOMAS": ["TOM"], "MICHAEL": ["MIKE"],
        "CHRISTOPHER": ["CHRIS"], "DANIEL": ["DAN", "DANNY"], "ANTHONY": ["TONY"],
        "STEVEN": ["STEVE"], "ANDREW": ["ANDY"], "EDWARD": ["ED", "EDDIE"],
        "ELIZABETH": ["LIZ", "BETH"], "MARGARET": ["PEGGY", "MAGGIE"],
        "PATRICIA": ["PATTY", "TRICIA"], "JENNIFER": ["JENNY"], "DEBORAH": ["DEBBIE"],
        "KIMBERLY": ["KIM"], "REBECCA": ["BECKY"], "JOSE": ["PEPE"],
        "FRANCISCO": ["PANCHO", "PACO"], "GUADALUPE": ["LUPE"], "JESUS": ["CHUY"],
        "ALEJANDRO": ["ALEX"], "ROBERTO": ["BETO"], "EDUARDO": ["LALO"],
        "IGNACIO": ["NACHO"], "ENRIQUE": ["KIKE"], "CONSUELO": ["CHELO"], "DOLORES": ["LOLA"],
        "SUSAN": ["SUE"], "KATHERINE": ["KATHY"], "DONALD": ["DON"], "RONALD": ["RON"],
        "TIMOTHY": ["TIM"], "MATTHEW": ["MATT"], "JEFFREY": ["JEFF"], "SANDRA": ["SANDY"]}
STREETS = [
    "MAIN", "OAK", "PINE", "MAPLE", "CEDAR", "ELM", "WASHINGTON", "LAKE", "HILL", "PARK", "SUNSET",
    "LINCOLN", "JACKSON", "CHURCH", "RIVER", "MILL", "SPRING", "FOREST", "HIGHLAND", "MEADOW",
    "VALLEY", "RIDGE", "CHERRY", "WALNUT", "CHESTNUT", "WILLOW", "JEFFERSON", "FRANKLIN", "MADISON",
    "DOGWOOD", "MAGNOLIA", "SYCAMORE", "HICKORY"
] + [
    "LAS PALMAS", "EL CAMINO", "SAN PEDRO", "LOS ALAMOS", "SANTA ROSA", "LA PAZ", "DEL SOL",
    "ALAMEDA", "VISTA DEL MAR", "MARTIN LUTHER KING JR", "12TH", "3RD", "45TH", "OLD MILL"]
TYPES = [("ST", "STREET"), ("AVE", "AVENUE"), ("RD", "ROAD"), ("DR", "DRIVE"), ("LN", "LANE"),
         ("BLVD", "BOULEVARD"), ("CT", "COURT"), ("WAY", "WAY"), ("PL", "PLACE"),
         ("CIR", "CIRCLE")]
DIRS = [("N", "NORTH"), ("S", "SOUTH"), ("E", "EAST"), ("W", "WEST")]
STATES = ["TX", "CA", "FL", "IL", "AZ", "NY", "GA", "NC", "NJ", "CO", "WA", "NV"]
ZIPS = {s: [z for z in zipcodes.filter_by(state=s) if z["zip_code_type"] == "STANDARD"
            and z["active"]] for s in STATES}




def build(out: Path, seed: int, taxpayers: int, requests: int, template: Path
          ) -> tuple[int, int]:
    """Write a synth-shaped folder (master, signed pkg, keys, truth.csv) at `out`; the
    official's key and the legal fields of each record come from `template`, a small
    `dgate synth` folder."""
    rng = random.Random(seed)
    tins: set[str] = set()
    def place():
        s = rng.choice(STATES)
        z = rng.choice(ZIPS[s][:400])
        return z["city"].upper(), s, z["zip_code"]


    class Addr:
        def __init__(self, zone=None):
            self.city, self.state, self.zip = zone or place()
            self.house = str(rng.randint(1, 9899))
            self.dir = rng.choice(DIRS) if rng.random() < 0.2 else None
            self.name = rng.choice(STREETS)
            self.type = rng.choice(TYPES)
            self.unit = None
            if rng.random() < 0.3:
                self.unit = rng.choice(["APT", "UNIT", "#"]), rng.choice(
                    [str(rng.randint(1, 40)), f"{rng.randint(1, 9)}{rng.choice('ABCD')}",
                     str(rng.randint(100, 450))])

        def street(self, long=False):
            parts = [self.house]
            if self.dir:
                parts.append(self.dir[1] if long else self.dir[0])
            parts.append(self.name)
            parts.append(self.type[1] if long else self.type[0])
            return " ".join(parts)

        def unit_text(self, style=None):
            if not self.unit:
                return ""
            d, n = self.unit
            d = style or d
            return f"# {n}" if d == "#" else f"{d} {n}"


    def dob(lo=1950, hi=2004):
        return date(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))




    def new_tin():
        while True:
            t = f"{rng.randint(100, 665):03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
            if t not in tins:
                tins.add(t)
                return t


    people = []   # dicts: tin first middle last suffix dob dod sex addrs [(Addr, source, date)]


    def person(first, middle, last, sex, born, suffix="", household=None):
        return dict(first=first, middle=middle, last=last, suffix=suffix, sex=sex, dob=born,
                    dod=None, household=household)


    def hispanic_household(home):
        pa, pb = rng.choice(HS), rng.choice(HS)
        ma, mb = rng.choice(HS), rng.choice(HS)
        hf = rng.choice(HDOUBLE_M) if rng.random() < 0.3 else rng.choice(HM)
        wf = rng.choice(HDOUBLE_F) if rng.random() < 0.35 else rng.choice(HF)
        hb = dob(1950, 1985)
        out = [person(hf, "", f"{pa} {pb}" if rng.random() < 0.6 else pa, "M", hb)]
        if rng.random() < 0.75:
            out.append(person(wf, "", f"{ma} {mb}" if rng.random() < 0.6 else ma, "F",
                              dob(1952, 1987)))
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            sex = rng.choice("MF")
            kid = hb.year + rng.randint(20, 35)
            if kid > 2006:
                continue
            first = rng.choice(HM if sex == "M" else HF)
            suffix = ""
            if sex == "M" and rng.random() < 0.15:
                first, suffix = hf, "JR"
            out.append(person(first, "", f"{pa} {ma}" if rng.random() < 0.5 else pa, sex,
                              date(kid, rng.randint(1, 12), rng.randint(1, 28)), suffix))
        return out


    def english_household(home):
        sur = rng.choice(ES)
        hf, wf = rng.choice(EM), rng.choice(EF)
        hb = dob(1945, 1985)
        def mid(sex: str) -> str:
            if rng.random() < 0.6:
                return rng.choice(EM if sex == "M" else EF)
            return rng.choice("ABCDEJKLMRST") if rng.random() < 0.5 else ""
        h = person(hf, mid("M"), sur, "M", hb)
        out = [h]
        if rng.random() < 0.7:
            out.append(person(wf, mid("F"), sur, "F", dob(1947, 1987)))
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            sex = rng.choice("MF")
            kid = hb.year + rng.randint(20, 35)
            if kid > 2006:
                continue
            if sex == "M" and rng.random() < 0.2:
                h["suffix"] = rng.choice(["SR", "", ""])
                out.append(person(hf, h["middle"] if rng.random() < 0.5 else mid("M"), sur, "M",
                                  date(kid, rng.randint(1, 12), rng.randint(1, 28)),
                                  rng.choice(["JR", "JR", "II", ""])))
            else:
                out.append(person(rng.choice(EM if sex == "M" else EF), mid(sex), sur, sex,
                                  date(kid, rng.randint(1, 12), rng.randint(1, 28))))
        return out


    def other_household(home):
        kind = rng.choice(["V", "C", "A", "H"])
        if kind == "V":
            sur = rng.choice(VS)
            return [person(rng.choice(VG), rng.choice(["VAN", "THI", ""]), sur, rng.choice("MF"),
                           dob()) for _ in range(rng.choice([1, 2, 2, 3]))]
        if kind == "C":
            sur = rng.choice(CS)
            return [person(rng.choice(CG), "", sur, rng.choice("MF"), dob())
                    for _ in range(rng.choice([1, 2, 3]))]
        if kind == "A":
            sur = rng.choice(AS_)
            return [person(rng.choice(AM), rng.choice(AM + [""]), sur, "M", dob()),
                    person(rng.choice(AF), "", sur, "F", dob())][:rng.choice([1, 2])]
        sur = rng.choice(HTS)
        return [person(rng.choice(HTM), "", sur, "M", dob()),
                person(rng.choice(HTF), "", sur, "F", dob())][:rng.choice([1, 2])]


    households = []
    while len(people) < taxpayers:
        home = Addr()
        r = rng.random()
        members = (hispanic_household if r < 0.5 else english_household if r < 0.85
                   else other_household)(home)
        # twins, sometimes
        if rng.random() < 0.03 and len(members) >= 1:
            m = members[-1]
            members.append(person(rng.choice(HM + EM if m["sex"] == "M" else HF + EF), "",
                                  m["last"], m["sex"], m["dob"]))
        hh = dict(home=home, members=members, nonfilers=[])
        prev = [Addr() for _ in range(rng.choice([0, 0, 1, 1, 2]))]
        for m in members:
            m["tin"] = new_tin()
            if rng.random() < 0.08:
                m["dob"] = None
            if rng.random() < 0.02:
                m["dod"] = date(2024, rng.randint(1, 12), rng.randint(1, 28))
            hist, y = [], 2025
            for a in [home] + prev:
                src = rng.choice(["RETURN", "RETURN", "RETURN", "FORM_8822", "NCOA"])
                eff = date(y + 1, rng.randint(1, 6), rng.randint(1, 28))
                hist.append((a, src, y, eff))
                y -= rng.randint(1, 4)
            m["addrs"] = hist
            m["household"] = hh
            people.append(m)
        # a household member who files no return (a non-filer relative)
        if rng.random() < 0.3:
            src = members[0]
            sex = rng.choice("MF")
            pool = HM + EM if sex == "M" else HF + EF
            taken = {w for o in members for w in o["first"].split()}
            free = [n for n in pool if n not in taken]
            hh["nonfilers"].append(person(rng.choice(free), "", src["last"], sex, dob()))
        households.append(hh)

    # ---------------------------------------------------------------- slips
    LET = "ABCDEFGHIJKLMNOPRSTUVWY"


    def typo(w):
        idx = [i for i, c in enumerate(w) if c.isalpha() and i > 0]
        if len(w) < 4 or not idx:
            return None
        i = rng.choice(idx)
        k = rng.choice(["sub", "del", "ins", "swap"])
        if k == "sub":
            return w[:i] + rng.choice([c for c in LET if c != w[i]]) + w[i + 1:]
        if k == "del":
            return w[:i] + w[i + 1:]
        if k == "ins":
            return w[:i] + rng.choice(LET) + w[i:]
        if i + 1 < len(w) and w[i + 1].isalpha() and w[i] != w[i + 1]:
            return w[:i] + w[i + 1] + w[i] + w[i + 2:]
        return None


    def word_typo(s):
        ws = s.split()
        cand = [i for i, w in enumerate(ws) if len(w) >= 5 and w.isalpha()]
        if not cand:
            return None
        i = rng.choice(cand)
        t = typo(ws[i])
        if t is None:
            return None
        ws[i] = t
        return " ".join(ws)


    ACC = {"JOSE": "José", "JESUS": "Jesús", "RAMON": "Ramón", "LOPEZ": "López",
           "GARCIA": "García", "PEREZ": "Pérez", "MARTINEZ": "Martínez", "RODRIGUEZ": "Rodríguez",
           "HERNANDEZ": "Hernández", "GONZALEZ": "González", "MARIA": "María", "LUCIA": "Lucía"}


    def request_for(m, a, kinds):
        """The request row for taxpayer (or non-filer) m at address a, with slips `kinds`."""
        first, middle, last, suffix = m["first"], m["middle"], m["last"], m["suffix"]
        street, unit = a.street(), a.unit_text()
        city, state, zip5 = a.city, a.state, a.zip
        line = ""
        born = m["dob"].isoformat() if m["dob"] and rng.random() < 0.5 else ""
        tin = m.get("tin", "") if m.get("tin") and rng.random() < 0.04 else ""
        applied = []
        for k in kinds:
            ok = True
            if k == "first_typo":
                t = word_typo(first)
                ok = t is not None
                first = t or first
            elif k == "last_typo":
                t = word_typo(last)
                ok = t is not None
                last = t or last
            elif k == "nickname":
                w = first.split()[0]
                ok = w in NICK
                if ok:
                    first = rng.choice(NICK[w])
            elif k == "accents":
                f2 = " ".join(ACC.get(w, w) for w in first.split())
                l2 = " ".join(ACC.get(w, w) for w in last.split())
                ok = (f2, l2) != (first, last)
                first, last = f2, l2
            elif k == "hyphen":
                ok = len(last.split()) == 2 and not last.startswith("DE")
                if ok:
                    last = last.replace(" ", "-")
            elif k == "surname2_dropped":
                ok = len(last.split()) == 2 and not last.startswith("DE")
                if ok:
                    last = last.split()[0]
            elif k == "first_given_only":
                ok = len(first.split()) == 2 and "DE" not in first.split()
                if ok:
                    first = first.split()[0]
            elif k == "middle_dropped":
                ok = bool(middle)
                middle = ""
            elif k == "middle_initial":
                ok = len(middle) > 1
                middle = middle[:1]
            elif k == "swapped":
                first, last = last, first
            elif k == "lower":
                first, middle, last = first.title(), middle.title(), last.title()
                street, city = street.title(), city.title()
            elif k == "street_long":
                street = a.street(long=True)
            elif k == "street_typo":
                t = word_typo(street)
                ok = t is not None
                street = t or street
            elif k == "unit_style":
                ok = bool(a.unit)
                if ok:
                    unit = a.unit_text(rng.choice(["APT", "#", "UNIT", "STE"]))
                    if rng.random() < 0.5:
                        street, unit = f"{street} {unit}", ""
            elif k == "unit_dropped":
                ok = bool(unit)
                unit = ""
            elif k == "zip4":
                zip5 = f"{zip5}-{rng.randint(1, 9999):04d}"
            elif k == "city_typo":
                t = word_typo(city)
                ok = t is not None
                city = t or city
            elif k == "one_line":
                line = f"{street}{' ' + unit if unit else ''}, {city}, {state} {zip5}"
                street = unit = city = state = zip5 = ""
            elif k == "dob_swap":
                d = m["dob"]
                ok = bool(d) and d.day <= 12 and d.day != d.month
                if ok:
                    born = date(d.year, d.day, d.month).isoformat()
            if ok:
                applied.append(k)
        return dict(first_name=first, middle_name=middle, last_name=last, name_suffix=suffix,
                    date_of_birth=born, tin=tin, street=street, unit=unit, city=city, state=state,
                    zip=zip5, address=line), applied


    SLIPS = ["first_typo", "last_typo", "nickname", "accents", "hyphen", "surname2_dropped",
             "first_given_only", "middle_dropped", "middle_initial", "swapped", "lower",
             "street_long", "street_typo", "unit_style", "unit_dropped", "zip4", "city_typo",
             "one_line", "dob_swap"]
    W = [6, 5, 4, 4, 3, 4, 3, 4, 3, 2, 4, 5, 5, 4, 3, 4, 4, 3, 2]

    record0 = next(csv.DictReader((template / "pkg" / "records.csv").open(encoding="utf-8")))
    batch = f"ICE-2026-{seed:06d}"
    rows, truth = [], []
    used = set()


    def add(req, exp, tin, kind, m=None):
        rid = f"{batch}-{len(rows) + 1:06d}"
        row = dict(record0)
        row.update(request_id=rid, a_number=f"A{rng.randint(100000000, 999999999)}")
        row["case_number"] = f"HSI-26-{rng.randint(100000, 999999)}"
        row["case_agent_id"] = f"ICE-SA-{rng.randint(10000, 99999)}"
        row.update(req)
        rows.append(row)
        lk = m["addrs"][0][0] if m else None
        truth.append(dict(request_id=rid, expected_disposition=exp, expected_tin=tin,
                          expected_code="M_MATCH" if exp == "DISCLOSE" else "",
                          expected_street=lk.street() if lk and exp == "DISCLOSE" else "",
                          expected_unit="", expected_city="", expected_state="",
                          expected_zip=lk.zip if lk and exp == "DISCLOSE" else "",
                          scenario=kind, subject_tin=tin,
                          seq=str(len(rows))))


    def living(m):
        return m["dod"] is None


    for _ in range(requests):
        r = rng.random()
        hh = rng.choice(households)
        if r < 0.62:   # due
            m = rng.choice(hh["members"])
            if not living(m) or m["tin"] in used:
                continue
            # Another resident whose first given name and first surname are the person's
            # (a father and son, a JOSE and a JOSE LUIS, ROSA REYES and ROSA REYES
            # GONZALEZ): the name and address fit both, so the request carries the DOB
            # (below), and a person without one on record is not asked for.
            twins = [o for o in hh["members"] if o is not m
                     and o["first"].split()[0] == m["first"].split()[0]
                     and o["last"].split()[0] == m["last"].split()[0]]
            if twins and m["dob"] is None:
                continue
            used.add(m["tin"])
            a = m["addrs"][0][0] if rng.random() < 0.85 else rng.choice(m["addrs"])[0]
            n = rng.choices([0, 1, 2], [0.45, 0.4, 0.15])[0]
            kinds = []
            while len(kinds) < n:
                k = rng.choices(SLIPS, W)[0]
                if k not in kinds:
                    kinds.append(k)
            req, applied = request_for(m, a, kinds)
            if twins and not req["date_of_birth"]:
                req["date_of_birth"] = m["dob"].isoformat()
            kind = "+".join(sorted(applied)) or "clean"
            if a is not m["addrs"][0][0]:
                kind = "old_address" + ("+" + kind if kind != "clean" else "")
            add(req, "DISCLOSE", m["tin"], kind, m)
        elif r < 0.70:   # non-filer relative at the household's address
            if not hh["nonfilers"]:
                continue
            nf = hh["nonfilers"][0]
            req, _ = request_for(nf, hh["home"], [])
            add(req, "NOT_DISCLOSED", "", "nonfiler_relative")
        elif r < 0.76:   # a taxpayer's name, at an address not theirs
            m = rng.choice(hh["members"])
            if m["tin"] in used:
                continue
            used.add(m["tin"])
            req, _ = request_for(m, Addr(), [])
            add(req, "NOT_DISCLOSED", "", "name_elsewhere")
        elif r < 0.81:   # a taxpayer's name and address, with another person's DOB
            m = rng.choice(hh["members"])
            if m["tin"] in used:
                continue
            used.add(m["tin"])
            if not m["dob"]:
                continue
            req, _ = request_for(m, m["addrs"][0][0], [])
            d = m["dob"]
            req["date_of_birth"] = date(d.year + rng.choice([-9, -3, 4, 12]), rng.randint(1, 12),
                                        rng.randint(1, 28)).isoformat()
            add(req, "NOT_DISCLOSED", "", "conflicting_dob")
        elif r < 0.85:   # JR/SR: the generation named, the other's record only
            jr = [o for o in hh["members"] if o["suffix"] in ("JR", "II")]
            if not jr:
                continue
            j = jr[0]
            fathers = [o for o in hh["members"] if o is not j and o["first"] == j["first"]]
            if not fathers:
                continue
            f = fathers[0]
            if rng.random() < 0.5 and f["last"] == j["last"] and f["tin"] not in used:
                used.add(f["tin"])
                # the father's name as his record holds it (no suffix, or SR dropped), no date:
                # the son's record differs only by the JR the request may have left out
                req, _ = request_for(f, hh["home"], [])
                req["name_suffix"] = ""
                req["date_of_birth"] = ""
                req["tin"] = ""
                add(req, "NOT_DISCLOSED", "", "jr_sr_nodob")
            elif j["dob"] and living(j) and j["tin"] not in used:
                # the son's name without his JR, with his exact date of birth: the son
                used.add(j["tin"])
                req, _ = request_for(j, hh["home"], [])
                req["name_suffix"] = ""
                req["date_of_birth"] = j["dob"].isoformat()
                add(req, "DISCLOSE", j["tin"], "jr_dob_nosuffix", j)
        elif r < 0.89:   # deceased
            dead = [o for o in hh["members"] if o["dod"]]
            if not dead or dead[0]["tin"] in used:
                continue
            used.add(dead[0]["tin"])
            req, _ = request_for(dead[0], dead[0]["addrs"][0][0], [])
            add(req, "NOT_DISCLOSED", "", "deceased")
        elif r < 0.94:   # a stranger with a common name at an unknown address in a known ZIP
            s = person(rng.choice(HM + EM), "", rng.choice(HS[:15] + ES[:10]), "M", dob())
            a = Addr((hh["home"].city, hh["home"].state, hh["home"].zip))
            req, _ = request_for(s, a, [])
            add(req, "NOT_DISCLOSED", "", "stranger")
        else:   # the neighbour's house: the right name, another house number on the street
            m = rng.choice(hh["members"])
            if m["tin"] in used:
                continue
            used.add(m["tin"])
            a = m["addrs"][0][0]
            req, _ = request_for(m, a, [])
            h = int(a.house)
            req["street"] = req["street"].replace(a.house, str(h + rng.choice([2, 4, 10, 100])), 1)
            add(req, "NOT_DISCLOSED", "", "neighbour_house")

    # ---------------------------------------------------------------- write
    shutil.rmtree(out, ignore_errors=True)
    (out / "master").mkdir(parents=True)
    (out / "pkg").mkdir()
    shutil.copytree(template / "keys", out / "keys")
    tp = [(m["tin"], "SSN", m["first"], m["middle"] or None, m["last"], m["suffix"] or None,
           m["dob"], m["dod"]) for m in people]
    ad = [(m["tin"], a.street(), a.unit_text() or None, a.city, a.state, a.zip, src, y, eff)
          for m in people for a, src, y, eff in m["addrs"]]
    con = duckdb.connect()
    con.execute("CREATE TABLE t (tin VARCHAR, tin_type VARCHAR, first_name VARCHAR, "
                "middle_name VARCHAR, last_name VARCHAR, name_suffix VARCHAR, date_of_birth DATE, "
                "date_of_death DATE)")
    con.executemany("INSERT INTO t VALUES (?,?,?,?,?,?,?,?)", tp)
    con.execute("CREATE TABLE a (tin VARCHAR, street VARCHAR, unit VARCHAR, city VARCHAR, "
                "state VARCHAR, zip VARCHAR, source VARCHAR, tax_year INTEGER, "
                "effective_date DATE)")
    con.executemany("INSERT INTO a VALUES (?,?,?,?,?,?,?,?,?)", ad)
    con.execute(f"COPY t TO '{out}/master/taxpayers.parquet' (FORMAT parquet)")
    con.execute(f"COPY a TO '{out}/master/addresses.parquet' (FORMAT parquet)")
    with (out / "pkg" / "records.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(record0))
        w.writeheader()
        w.writerows(rows)
    with (out / "truth.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(truth[0]))
        w.writeheader()
        w.writerows(truth)
    man = json.loads((template / "pkg" / "batch.json").read_text(encoding="utf-8"))
    man["batch_id"] = batch
    (out / "pkg" / "batch.json").write_text(json.dumps(man, indent=2), encoding="utf-8")
    sign_package(out / "pkg", out / "keys" / "official_ed25519.pem")
    return len(people), len(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=171)
    ap.add_argument("--taxpayers", type=int, default=20_000)
    ap.add_argument("--requests", type=int, default=4_000)
    ap.add_argument("--keep", type=Path, help="keep the generated folder and report here")
    args = ap.parse_args()
    from dgate.evaluate import evaluate
    from dgate.synth.generate import generate

    with tempfile.TemporaryDirectory(prefix="dgate-othergen-") as tmp:
        work = Path(tmp)
        generate(work / "template", taxpayers=200, requests=20, seed=args.seed,
                 as_of=date(2026, 11, 25))
        folder = args.keep or work / "other"
        n_tax, n_req = build(folder, args.seed, args.taxpayers, args.requests,
                             work / "template")
        print(f"{n_tax} taxpayers, {n_req} requests (seed {args.seed}) in {folder}")
        report = folder / "decisions.csv"
        ev = evaluate(folder, keep_report=report)
        truth = {t["request_id"]: t for t in csv.DictReader(
            (folder / "truth.csv").open(encoding="utf-8"))}
        missed: Counter[tuple[str, str, str]] = Counter()
        wrongful = []
        for d in csv.DictReader(report.open(encoding="utf-8")):
            t = truth[d["request_id"]]
            due = t["expected_disposition"] == "DISCLOSE"
            right = d["disposition"] == "DISCLOSE" and d["match_tin"] == t["expected_tin"]
            if due and not right:
                missed[(t["scenario"], d["disposition"], d["reason_codes"])] += 1
            if d["disposition"] == "DISCLOSE" and not (due and right):
                wrongful.append((d["request_id"], t["scenario"]))
        print(f"due {ev.due}: disclosed right {ev.disclosed_right} "
              f"(recall {ev.disclosed_right / max(1, ev.due):.4f}), review "
              f"{ev.review_due} ({ev.review_due / max(1, ev.due):.2%}); wrongful "
              f"{len(wrongful)}; wrong last known address {ev.wrong_address}")
        for rid, kind in wrongful:
            print(f"  wrongful {rid} ({kind})")
        print("misses by kind, disposition, codes:")
        for (kind, disp, codes), n in missed.most_common():
            print(f"  {n:4d}  {kind:40} {disp:13} {codes}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

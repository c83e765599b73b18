"""audit22 generator:  python gen.py SEED OUT [--parquet]

Writes OUT/master/{taxpayers,addresses}.csv (or .parquet), OUT/pkg/{batch.json,records.csv,
batch.json.sig}, OUT/keys/ (Ed25519 keys of two officials), OUT/truth.csv.
Truth comes from the ORACLE in lib.py reading the written files back, not from intent;
`scenario`/`intent` columns say only why the row was generated.
"""
import base64, csv, datetime as dt, hashlib, json, os, random, re, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib

SEED, OUT = int(sys.argv[1]), sys.argv[2]
PARQUET = "--parquet" in sys.argv
N_HOUSEHOLDS = int(os.environ.get("A22_HOUSEHOLDS", "6000"))
rng = random.Random(SEED)
AS_OF = dt.date(2026, 11, 25)
SIGNED = dt.date(2026, 11, 20)
STATUTE = "8 U.S.C. 1253(a)(1)"

# ------------------------------------------------------------------ places
PLACES = [
    ("HOUSTON", "TX", "std", ["77036", "77081", "77007"]),
    ("AUSTIN", "TX", "std", ["78741", "78745", "78702"]),
    ("SAN ANTONIO", "TX", "std", ["78207", "78211", "78228"]),
    ("EL PASO", "TX", "std", ["79901", "79905", "79907"]),
    ("LOS ANGELES", "CA", "std", ["90011", "90022", "90033"]),
    ("FRESNO", "CA", "std", ["93701", "93702", "93706"]),
    ("PHOENIX", "AZ", "std", ["85006", "85009", "85017"]),
    ("CHICAGO", "IL", "std", ["60608", "60623", "60632"]),
    ("MIAMI", "FL", "std", ["33125", "33135", "33144"]),
    ("JACKSON HEIGHTS", "NY", "queens", ["11372"]),
    ("CORONA", "NY", "queens", ["11368"]),
    ("ELMHURST", "NY", "queens", ["11373"]),
    ("SALT LAKE CITY", "UT", "grid", ["84104", "84115", "84119"]),
    ("PROVO", "UT", "grid", ["84601", "84604"]),
    ("SAN JUAN", "PR", "pr", ["00907", "00915", "00926"]),
    ("BAYAMON", "PR", "pr", ["00956", "00959", "00961"]),
    ("PONCE", "PR", "pr", ["00716", "00728", "00731"]),
    ("UTUADO", "PR", "prrural", ["00641"]),
    ("CAYEY", "PR", "prrural", ["00736"]),
    ("EDINBURG", "TX", "rural", ["78539"]),
    ("WESLACO", "TX", "rural", ["78596"]),
    ("LAS CRUCES", "NM", "rural", ["88005", "88007"]),
    ("APO", "AE", "mil", ["09012", "09096", "09180"]),
    ("FPO", "AP", "mil", ["96349"]),
    ("DPO", "AE", "mil", ["09498"]),
]
PLACE_W = [8, 6, 7, 5, 8, 4, 6, 6, 5, 4, 4, 3, 3, 2, 4, 3, 3, 2, 2, 2, 2, 2, 1, 1, 1]
STD_NAMES = ["MAIN", "OAK", "ELM", "CEDAR", "PINE", "MAPLE", "WASHINGTON", "LINCOLN", "JEFFERSON",
             "MADISON", "LAKE", "HILL", "PARK", "CESAR CHAVEZ", "GUADALUPE", "SAN PEDRO", "ZARZAMORA",
             "ALAMEDA", "MESA", "LOMA VISTA", "RIO GRANDE", "BUENA VISTA"]
STD_SUF = ["ST", "AVE", "BLVD", "RD", "DR", "LN", "CT", "PL"]
SUF_LONG = {v: k for k, v in lib.SUFFIX.items() if len(k) > 3 and k not in ("AVENIDA",)}
DIR_LONG = {"N": "NORTH", "S": "SOUTH", "E": "EAST", "W": "WEST"}
ORD_WORD = {v: k for k, v in lib.ORD.items()}
QUEENS_STREETS = [("82", "ST"), ("37", "AVE"), ("JUNCTION", "BLVD"), ("ROOSEVELT", "AVE"),
                  ("NORTHERN", "BLVD"), ("94", "ST"), ("104", "ST"), ("ELMHURST", "AVE"),
                  ("35", "AVE"), ("76", "ST"), ("WHITNEY", "AVE"), ("BROADWAY", None)]
URBS = ["LAS GAVIOTAS", "VILLA CAROLINA", "SANTA ROSA", "EL SENORIAL", "ROYAL PALM",
        "SIERRA BAYAMON", "LEVITTOWN", "LOS DOMINICOS", "VILLA DEL REY", "JARDINES DE PONCE"]
CALLES = ["A", "B", "C", "5", "12", "SOL", "LUNA", "ORQUIDEA", "PALMA REAL", "JAZMÍN", "ACACIA",
          "SAN JOSÉ", "MARGINAL"]


def ordinal(n):
    n = int(n)
    if 10 <= n % 100 <= 20:
        return f"{n}TH"
    return f"{n}" + {1: "ST", 2: "ND", 3: "RD"}.get(n % 10, "TH")


def rzip(place):
    return rng.choice(place[3])


STREETS = {}
for pl in PLACES:
    if pl[2] == "std":
        ss = set()
        while len(ss) < 22:
            if rng.random() < 0.3:
                nm = str(rng.randint(1, 40))
            else:
                nm = rng.choice(STD_NAMES)
            ss.add((rng.choice([None] * 4 + ["N", "S", "E", "W"]), nm, rng.choice(STD_SUF)))
        STREETS[pl[0]] = sorted(ss, key=str)


def new_addr(place, building=None):
    city, st, kind, _ = place
    a = dict(kind=kind, city=city, state=st, zip=rzip(place), num=None, frac=None, pre=None,
             name=None, suf=None, post=None, unit=None, urb=None, box=None, route=None)
    if kind == "std":
        a["pre"], a["name"], a["suf"] = rng.choice(STREETS[city])
        a["num"] = str(rng.randint(100, 9999))
        if rng.random() < 0.35:
            a["unit"] = rng.choice(["1", "2", "3", "4", "2A", "4B", "101", "12", "3C", "205"])
    elif kind == "queens":
        a["name"], a["suf"] = rng.choice(QUEENS_STREETS)
        a["num"] = f"{rng.randint(30, 112)}-{rng.randint(1, 99):02d}"
        if rng.random() < 0.4:
            a["unit"] = rng.choice(["1", "2", "2F", "3R", "4A", "1B"])
    elif kind == "grid":
        if rng.random() < 0.85:
            a["pre"] = rng.choice("NSEW")
            a["post"] = rng.choice("NS") if a["pre"] in "EW" else rng.choice("EW")
            a["name"] = str(rng.randint(1, 39) * 100)
        else:
            a["name"], a["suf"] = rng.choice([("STATE", "ST"), ("MAIN", "ST"), ("REDWOOD", "RD")])
        a["num"] = str(rng.randint(100, 9999))
    elif kind == "pr":
        a["urb"] = rng.choice(URBS)
        a["num"] = str(rng.randint(1, 2000))
        a["name"] = "CALLE " + rng.choice(CALLES)
    elif kind == "prrural":
        if rng.random() < 0.6:
            a["kind"], a["route"], a["box"] = "HC", str(rng.randint(1, 5)), str(rng.randint(1000, 9999))
        else:
            a["kind"], a["route"], a["box"] = "KM", rng.choice(["111", "123", "14", "172"]), \
                f"{rng.randint(1, 30)}.{rng.randint(0, 9)}"
    elif kind == "rural":
        a["kind"], a["route"], a["box"] = "RR", str(rng.randint(1, 9)), str(rng.randint(1, 500))
    elif kind == "mil":
        a["kind"] = "MIL"
        a["milkind"] = rng.choice(["PSC", "UNIT", "CMR"])
        a["route"], a["box"] = str(rng.randint(100, 9999)), str(rng.randint(1, 9999))
    if building:  # another unit of the same building
        for k in ("kind", "city", "state", "zip", "num", "frac", "pre", "name", "suf", "post", "urb"):
            a[k] = building[k]
    return a


def nm_name(a, long=False, ordw=False):
    n = a["name"]
    if re.fullmatch(r"\d+", n or ""):
        if a["kind"] == "std" or a["kind"] == "queens":
            if ordw and int(n) <= 12:
                return ORD_WORD[n]
            return ordinal(n)
    return n


def render_master(a):
    """-> street, unit"""
    k = a["kind"]
    unit = None
    if k in ("std", "queens", "grid"):
        parts = [a["num"] + (" " + a["frac"] if a["frac"] else "")]
        if a["pre"]:
            parts.append(a["pre"])
        parts.append(nm_name(a))
        if a["suf"]:
            parts.append(a["suf"])
        if a["post"]:
            parts.append(a["post"])
        street = " ".join(parts)
        if a["unit"]:
            unit = rng.choice(["APT " + a["unit"], a["unit"], "#" + a["unit"], "UNIT " + a["unit"]])
    elif k == "pr":
        if rng.random() < 0.5:
            street, unit = f"{a['num']} {a['name']}", "URB " + a["urb"]
        else:
            street = f"{a['num']} {a['name']} URB {a['urb']}"
    elif k == "HC":
        street = f"HC {int(a['route']):02d} BOX {a['box']}"
    elif k == "KM":
        street = f"CARR {a['route']} KM {a['box']}"
    elif k == "RR":
        street = f"RR {a['route']} BOX {a['box']}"
    elif k == "MIL":
        street = f"{a['milkind']} {a['route']} BOX {a['box']}"
    if rng.random() < 0.08:
        street = street.title()
    return street, unit


def render_request(a, loosen=None):
    """-> dict street, unit, city, state, zip, address ; random documented format variants.
    loosen: set of components to drop (zip, unit, urb, frac, post, hyph)"""
    loosen = loosen or set()
    k = a["kind"]
    unit = ""
    if k in ("std", "queens", "grid"):
        num = a["num"]
        if k == "queens" and ("hyph" in loosen or rng.random() < 0.25):
            num = num.replace("-", "")
        if a["frac"] and "frac" not in loosen:
            num += " " + a["frac"]
        parts = [num]
        longw = rng.random() < 0.3
        if a["pre"]:
            parts.append(DIR_LONG.get(a["pre"], a["pre"]) if longw else a["pre"])
        parts.append(nm_name(a, ordw=rng.random() < 0.5))
        if a["suf"] and rng.random() > 0.04:
            parts.append(SUF_LONG.get(a["suf"], a["suf"]) if rng.random() < 0.3 else a["suf"])
        if a["post"] and "post" not in loosen:
            parts.append(DIR_LONG[a["post"]] if longw else (rng.choice(["S", "SO"]) if a["post"] == "S" else a["post"]))
        street = " ".join(parts)
        if a["unit"] and "unit" not in loosen:
            f = rng.random()
            if f < 0.35:
                unit = rng.choice(["APT ", "# ", "#", "UNIT ", "STE ", ""]) + a["unit"]
            elif f < 0.6:
                street += " " + rng.choice(["APT ", "# ", "UNIT ", "STE "]) + a["unit"]
            elif f < 0.75:
                street += " " + a["unit"]  # trailing
            else:
                unit = "APT " + a["unit"]
    elif k == "pr":
        base = f"{a['num']} {a['name']}"
        if rng.random() < 0.3:
            base = base.replace("CALLE ", "CALLE ")
        if "urb" in loosen:
            street = base
        else:
            f = rng.random()
            if f < 0.35:
                street = f"{base} URB {a['urb']}"
            elif f < 0.65:
                street = f"URB. {a['urb']}, {base}"
            elif f < 0.8:
                street = f"URBANIZACION {a['urb']} {base}"
            else:
                street, unit = base, "URB " + a["urb"]
    elif k == "HC":
        street = rng.choice([f"HC {a['route']} BOX {a['box']}", f"HC-{int(a['route']):02d} BOX {a['box']}",
                             f"HIGHWAY CONTRACT {a['route']} BOX {a['box']}", f"HC {int(a['route']):02d} BX {a['box']}"])
    elif k == "KM":
        km = a["box"]
        street = rng.choice([f"CARR {a['route']} KM {km}", f"CARRETERA {a['route']} KM {km}",
                             f"CARR. {a['route']} KM {km}", f"CARR {a['route']} KM {km.replace('.', ' HM ')}"])
    elif k == "RR":
        street = rng.choice([f"RR {a['route']} BOX {a['box']}", f"RURAL ROUTE {a['route']} BOX {a['box']}",
                             f"RR {int(a['route']):02d} BOX {a['box']}", f"RR {a['route']} BX {a['box']}"])
    elif k == "MIL":
        street = rng.choice([f"{a['milkind']} {a['route']} BOX {a['box']}", f"{a['milkind']} {a['route']}, BOX {a['box']}"])
    zip_ = a["zip"]
    city = a["city"]
    f = rng.random()
    if "zip" in loosen:
        zip_ = ""
    elif f < 0.15:
        zip_ = f"{a['zip']}-{rng.randint(1, 9999):04d}"
    elif f < 0.22 and k not in ("MIL",):
        zip_ = ""
    elif f < 0.28:
        city = ""
    if not zip_ and not city:
        city = a["city"]
    r = dict(street=street, unit=unit, city=city, state=a["state"], zip=zip_, address="")
    if rng.random() < 0.08 and "," not in street:
        line = street + (", " + unit if unit else "") + (", " + city if city else "") + f", {a['state']}" + (f" {zip_}" if zip_ else "")
        r = dict(street="", unit="", city="", state="", zip="", address=line)
    if rng.random() < 0.07:
        r = {kk: (v.lower() if rng.random() < 0.5 else v.title()) for kk, v in r.items()}
        r["state"] = r["state"].upper()
    return r


# ------------------------------------------------------------------ names
SUR = ["GARCÍA", "RODRÍGUEZ", "MARTÍNEZ", "HERNÁNDEZ", "LÓPEZ", "GONZÁLEZ", "PÉREZ", "SÁNCHEZ", "RAMÍREZ",
       "TORRES", "FLORES", "RIVERA", "GÓMEZ", "DÍAZ", "REYES", "MORALES", "CRUZ", "ORTIZ", "GUTIÉRREZ",
       "CHÁVEZ", "RAMOS", "RUIZ", "MENDOZA", "ÁLVAREZ", "CASTILLO", "JIMÉNEZ", "MORENO", "ROMERO",
       "HERRERA", "MEDINA", "AGUILAR", "VARGAS", "CASTRO", "GUZMÁN", "FERNÁNDEZ", "JUÁREZ", "MUÑOZ",
       "DOMÍNGUEZ", "VÁZQUEZ", "SALAZAR", "PEÑA", "NÚÑEZ", "IBÁÑEZ", "OCAÑA", "VILLALOBOS", "DE LA CRUZ",
       "DE LEÓN", "DEL RÍO", "DE LOS SANTOS", "DE LA ROSA", "DE JESÚS", "DEL VALLE", "DE LAS CASAS",
       "SOTO", "LUNA", "ROSALES", "CAMACHO", "SERRANO", "OROZCO", "MONTOYA"]
SUR_W = [1.0 / (i + 3) ** 0.9 for i in range(len(SUR))]
MALE = ["JOSÉ", "JUAN", "LUIS", "CARLOS", "JESÚS", "FRANCISCO", "MIGUEL", "ANTONIO", "JORGE", "PEDRO",
        "RAFAEL", "IGNACIO", "GUILLERMO", "MANUEL", "RICARDO", "ALEJANDRO", "EDUARDO", "ALBERTO",
        "ENRIQUE", "FERNANDO", "RAÚL", "SERGIO", "VÍCTOR", "JAVIER", "ROBERTO", "HÉCTOR", "ÓSCAR", "RAMÓN"]
MALE_W = [1.0 / (i + 2) ** 0.8 for i in range(len(MALE))]
MALE2 = ["LUIS", "ANTONIO", "MANUEL", "CARLOS", "MIGUEL", "ÁNGEL", "ALBERTO", "FRANCISCO", "JAVIER",
         "EDUARDO", "DE JESÚS", "ALFREDO"]
FEMALE = ["MARÍA", "ANA", "ROSA", "CARMEN", "GUADALUPE", "JUANA", "MARTHA", "PATRICIA", "LETICIA",
          "VERÓNICA", "ELENA", "SILVIA", "LAURA", "ALEJANDRA", "GABRIELA", "CLAUDIA", "SOFÍA", "ISABEL",
          "TERESA", "BEATRIZ", "ADRIANA", "YOLANDA", "GRACIELA", "ROSARIO", "CONCEPCIÓN", "LUZ"]
FEMALE_W = [3.0] + [1.0 / (i + 2) ** 0.8 for i in range(len(FEMALE) - 1)]
FEMALE2 = ["ELENA", "GUADALUPE", "DE LOS ÁNGELES", "DEL CARMEN", "DEL ROSARIO", "DE LA CONCEPCIÓN",
           "LUISA", "JOSÉ", "FERNANDA", "ISABEL", "TERESA", "DE JESÚS", "DE LA LUZ", "CRISTINA", "EUGENIA"]
NICK_OF = {}
for nk, fm in lib.NICK.items():
    if nk not in ("MA", "BOB", "BILL", "JIM", "MIKE", "TONY", "LUPITA"):
        NICK_OF.setdefault(fm, []).append(nk)
ANGLO_F = ["JOHN", "MICHAEL", "ROBERT", "WILLIAM", "JAMES", "DAVID", "MARY", "JENNIFER", "LINDA", "SUSAN"]
ANGLO_M = ["EDWARD", "LEE", "ANN", "MARIE", "JAMES", "RAY", "LYNN", "PAUL"]
ANGLO_L = ["SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "MILLER", "DAVIS", "WILSON", "O'BRIEN", "MCDONALD"]
FIL_F = ["MARIA CRISTINA", "JOSE MARI", "MA. LOURDES", "ROMMEL", "JOCELYN", "MARICEL"]
FIL_L = ["SANTOS", "REYES", "DELA CRUZ", "BAUTISTA", "VILLANUEVA", "MENDOZA"]
BR_F = ["JOÃO CARLOS", "ANA PAULA", "MARIA DAS GRAÇAS", "PAULO", "FERNANDA"]
BR_L = ["DA SILVA", "DOS SANTOS", "DE OLIVEIRA", "SOUZA", "PEREIRA", "DA COSTA"]
VN_L = ["NGUYEN", "TRAN", "LE", "PHAM"]
VN_G = [("VAN", "AN"), ("THI", "HOA"), ("VAN", "MINH"), ("THI", "LAN"), ("DUC", "ANH")]


def wchoice(xs, ws):
    return rng.choices(xs, ws)[0]


TINS = set()


def new_tin(itin=False):
    while True:
        if itin:
            t = f"9{rng.randint(0, 99):02d}{rng.choice(list(range(70, 89)))}{rng.randint(0, 9999):04d}"
        else:
            area = rng.randint(1, 899)
            if area == 666:
                continue
            t = f"{area:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
        if t not in TINS:
            TINS.add(t)
            return t


def rdob(y0, y1):
    return dt.date(rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 28))


PEOPLE = []  # person dicts: tin, g1, g2, p, m, married, culture, dob, dod, suffix, addrs[(a, source, year, eff)]
HOUSEHOLDS = []


def person(culture, g1, g2, p, m, dob, married=None, suffix=None, itin=None, dod=None):
    pr = dict(culture=culture, g1=g1, g2=g2, p=p, m=m, married=married, dob=dob, suffix=suffix, dod=dod,
              tin=new_tin(itin if itin is not None else (culture == "hisp" and rng.random() < 0.25)), addrs=[])
    PEOPLE.append(pr)
    return pr


def give_addr(pr, a, when="current", source=None, eff=None):
    if when == "current":
        eff = eff or dt.date(rng.choice([2024, 2025]), rng.randint(1, 9), rng.randint(1, 28))
    else:
        eff = eff or dt.date(rng.randint(2018, 2022), rng.randint(1, 12), rng.randint(1, 28))
    source = source or rng.choices(["RETURN", "FORM_8822", "NCOA"], [6, 2, 2])[0]
    pr["addrs"].append(dict(a=a, source=source, eff=eff))


def hisp_given(male, share=None):
    if share and rng.random() < 0.35:  # sibling / parent sharing the first given name
        g1 = share
    else:
        g1 = wchoice(MALE, MALE_W) if male else wchoice(FEMALE, FEMALE_W)
    g2 = None
    if rng.random() < (0.55 if g1 not in ("MARÍA", "JOSÉ") else 0.9):
        g2 = rng.choice(MALE2 if male else FEMALE2)
        if g2 == g1:
            g2 = None
    return g1, g2


def make_household():
    place = PLACES[rng.choices(range(len(PLACES)), PLACE_W)[0]]
    home = new_addr(place)
    members = []
    r = rng.random()
    cult = "hisp" if r < 0.78 else rng.choice(["anglo", "fil", "br", "vn"])
    if cult == "hisp":
        p1, m1 = wchoice(SUR, SUR_W), wchoice(SUR, SUR_W)
        fg = hisp_given(True)
        father = person("hisp", fg[0], fg[1], p1, m1, rdob(1950, 1985))
        members.append(father)
        single = rng.random() < 0.2
        if not single:
            p2, m2 = wchoice(SUR, SUR_W), wchoice(SUR, SUR_W)
            mg = hisp_given(False)
            mother = person("hisp", mg[0], mg[1], p2, m2, rdob(1952, 1987), married=p1 if rng.random() < 0.4 else None)
            members.append(mother)
            nk = rng.choice([0, 1, 1, 2, 2, 3, 4])
            twin_done = False
            for i in range(nk):
                male = rng.random() < 0.5
                g = hisp_given(male, share=(father["g1"] if male else mother["g1"]))
                kid = person("hisp", g[0], g[1], p1, p2, rdob(1980, 2006))
                members.append(kid)
                if not twin_done and rng.random() < 0.06:  # twin, same DOB, same first given name often
                    g2 = hisp_given(male, share=g[0])
                    if g2 == g:
                        g2 = (g[0], rng.choice(MALE2 if male else FEMALE2))
                    tw = person("hisp", g2[0], g2[1], p1, p2, kid["dob"])
                    members.append(tw)
                    twin_done = True
        if rng.random() < 0.18:  # father's mother: her paternal surname = father's maternal
            gm = person("hisp", rng.choice(["MARÍA", "ROSA", "CARMEN", "JUANA"]), rng.choice(FEMALE2 + [None]),
                        m1, wchoice(SUR, SUR_W), rdob(1930, 1955), dod=(dt.date(2023, 3, 2) if rng.random() < 0.3 else None))
            members.append(gm)
        if rng.random() < 0.12:  # nephew: maternal surname = father's paternal
            g = hisp_given(rng.random() < 0.5, share=father["g1"])
            members.append(person("hisp", g[0], g[1], wchoice(SUR, SUR_W), p1, rdob(1985, 2004)))
    elif cult == "anglo":
        ln = rng.choice(ANGLO_L)
        f = person("anglo", rng.choice(ANGLO_F[:6]), rng.choice(ANGLO_M), ln, None, rdob(1950, 1975),
                   suffix="SR" if rng.random() < 0.3 else None, itin=False)
        members.append(f)
        if f["suffix"] == "SR":
            members.append(person("anglo", f["g1"], f["g2"], ln, None, rdob(1978, 2000), suffix="JR", itin=False))
        members.append(person("anglo", rng.choice(ANGLO_F[6:]), rng.choice(ANGLO_M), ln, None, rdob(1950, 1980), itin=False))
    elif cult == "fil":
        ln, mm = rng.choice(FIL_L), rng.choice(FIL_L)
        members.append(person("fil", rng.choice(FIL_F), None, ln, mm, rdob(1955, 1995), itin=False))
        members.append(person("fil", rng.choice(FIL_F), None, ln, mm, rdob(1955, 1995), itin=False))
    elif cult == "br":
        members.append(person("br", rng.choice(BR_F), None, rng.choice(BR_L), rng.choice(BR_L), rdob(1955, 1995)))
    else:
        ln = rng.choice(VN_L)
        for _ in range(rng.randint(1, 3)):
            g = rng.choice(VN_G)
            members.append(person("vn", g[1], g[0], ln, None, rdob(1950, 2000), itin=False))
    # addresses
    for pr in members:
        give_addr(pr, home, "current")
        if rng.random() < 0.35:
            other = PLACES[rng.choices(range(len(PLACES)), PLACE_W)[0]] if rng.random() < 0.4 else place
            give_addr(pr, new_addr(other), "old")
    # a grown child who moved out: new current elsewhere, home now old
    for pr in members[2:]:
        if pr["dob"].year < 2000 and rng.random() < 0.2:
            pr["addrs"][0]["eff"] = dt.date(rng.randint(2018, 2022), 4, 15)
            give_addr(pr, new_addr(place), "current", eff=dt.date(2025, rng.randint(1, 10), rng.randint(1, 28)))
    # occasional LKA tie
    for pr in members:
        if rng.random() < 0.03:
            give_addr(pr, new_addr(place), "current", eff=max(x["eff"] for x in pr["addrs"]),
                      source=rng.choice(["FORM_8822", "RETURN", "NCOA"]))
    HOUSEHOLDS.append(dict(home=home, members=members, place=place, culture=cult))
    return members


def master_name(pr):
    """-> first, middle, last, suffix as the agency holds them"""
    c = pr["culture"]
    if c == "hisp":
        g1, g2 = pr["g1"], pr["g2"]
        f = rng.random()
        if g2 and f < 0.5:
            first, middle = f"{g1} {g2}", ""
        elif g2 and f < 0.92:
            first, middle = g1, g2
        else:
            first, middle = g1, ""
        p, m = pr["p"], pr["m"]
        if pr["married"]:
            last = rng.choice([f"{p} DE {pr['married']}", f"{p} {m} DE {pr['married']}"])
        else:
            f = rng.random()
            last = f"{p} {m}" if f < 0.6 else p if f < 0.8 else f"{p}-{m}" if f < 0.9 else f"{p} Y {m}"
    elif c == "anglo":
        first, middle, last = pr["g1"], pr["g2"] if rng.random() < 0.7 else pr["g2"][0], pr["p"]
    elif c == "fil":
        first, middle, last = pr["g1"], pr["m"], pr["p"]
    elif c == "br":
        first, middle, last = pr["g1"], "", f"{pr['p']} {pr['m']}"
    else:
        first, middle, last = pr["g1"], pr["g2"], pr["p"]
    if rng.random() < 0.5:
        first, middle, last = (lib.fold(x) if x else x for x in (first, middle, last))
    if rng.random() < 0.08:
        first, middle, last = (x.title() if x else x for x in (first, middle, last))
    return first, middle or "", last, pr["suffix"] or ""


# ------------------------------------------------------------------ build master
for _ in range(N_HOUSEHOLDS):
    make_household()

# look-alike pairs: same name at look-alike addresses
LOOK = []


def lookalike_pair(kind):
    g1, g2 = hisp_given(rng.random() < 0.5)
    p, m = wchoice(SUR, SUR_W), wchoice(SUR, SUR_W)
    if kind in ("zip", "city"):
        place = PLACES[rng.choice(range(9))]
        a = new_addr(place)
        b = dict(a)
        if kind == "zip":
            b["zip"] = rng.choice([z for z in place[3] if z != a["zip"]])
        else:
            other = rng.choice([pl for pl in PLACES[:9] if pl[1] == place[1] and pl[0] != place[0]] or [PLACES[0]])
            b.update(city=other[0], state=other[1], zip=other[3][0])
    elif kind == "rrbox":
        a = new_addr(PLACES[19])
        b = dict(a, box=str(int(a["box"]) + 1))
    elif kind == "hcbox":
        a = new_addr(PLACES[17])
        while a["kind"] != "HC":
            a = new_addr(PLACES[17])
        b = dict(a, box=str(int(a["box"]) + 1))
    elif kind == "unit2a":
        a = new_addr(PLACES[0])
        a["unit"] = "2"
        b = dict(a, unit="2A")
    elif kind == "frac":
        a = new_addr(PLACES[4])
        a["unit"] = None
        b = dict(a, frac="1/2")
    elif kind == "queens":
        a = new_addr(PLACES[9])
        a["unit"] = None
        b = dict(a, num=a["num"].replace("-", ""))
    elif kind == "grid":
        a = new_addr(PLACES[12])
        while not a["post"]:
            a = new_addr(PLACES[12])
        b = dict(a, post={"N": "S", "S": "N", "E": "W", "W": "E"}[a["post"]])
    elif kind == "urb":
        a = new_addr(PLACES[15])
        b = dict(a, urb=rng.choice([u for u in URBS if u != a["urb"]]))
    elif kind == "km":
        a = new_addr(PLACES[18])
        while a["kind"] != "KM":
            a = new_addr(PLACES[18])
        k = float(a["box"])
        b = dict(a, box=f"{k + 0.1:.1f}")
    elif kind == "mil":
        a = new_addr(PLACES[22])
        a["milkind"] = "UNIT"
        b = dict(a, route=str(int(a["route"]) + 1))
    elif kind == "ordinal":  # FIRST ST vs FIRST AVE
        a = new_addr(PLACES[1])
        a["name"], a["suf"], a["pre"], a["unit"] = str(rng.randint(1, 9)), "ST", None, None
        b = dict(a, suf="AVE")
    dob_a = rdob(1960, 2000)
    same_dob = rng.random() < 0.3
    A = person("hisp", g1, g2, p, m, dob_a)
    B = person("hisp", g1, g2, p, m, dob_a if same_dob else rdob(1960, 2000))
    give_addr(A, a, "current")
    give_addr(B, b, "current")
    LOOK.append((kind, A, B, a, b))


LOOK_KINDS = ["zip", "city", "rrbox", "hcbox", "unit2a", "frac", "queens", "grid", "urb", "km", "mil", "ordinal"]
for i in range(26 * len(LOOK_KINDS)):
    lookalike_pair(LOOK_KINDS[i % len(LOOK_KINDS)])

os.makedirs(f"{OUT}/master", exist_ok=True)
TP_ROWS, AD_ROWS, MN = [], [], {}
for pr in PEOPLE:
    first, middle, last, suf = master_name(pr)
    MN[pr["tin"]] = (first, middle, last)
    TP_ROWS.append(dict(tin=pr["tin"], tin_type="ITIN" if pr["tin"][0] == "9" else "SSN", first_name=first,
                        middle_name=middle, last_name=last, name_suffix=suf,
                        date_of_birth=pr["dob"].isoformat() if pr["dob"] and rng.random() > 0.05 else "",
                        date_of_death=pr["dod"].isoformat() if pr["dod"] else ""))
    for x in pr["addrs"]:
        st, un = render_master(x["a"])
        AD_ROWS.append(dict(tin=pr["tin"], street=st, unit=un or "", city=x["a"]["city"], state=x["a"]["state"],
                            zip=x["a"]["zip"], source=x["source"],
                            tax_year=str(x["eff"].year - 1) if x["source"] == "RETURN" else "",
                            effective_date=x["eff"].isoformat()))
rng.shuffle(TP_ROWS)
TPF = ["tin", "tin_type", "first_name", "middle_name", "last_name", "name_suffix", "date_of_birth", "date_of_death"]
ADF = ["tin", "street", "unit", "city", "state", "zip", "source", "tax_year", "effective_date"]
if PARQUET:
    import pyarrow as pa, pyarrow.parquet as pq
    def col(rows, k, typ):
        vals = [r[k] or None for r in rows]
        if typ == "date":
            return pa.array([dt.date.fromisoformat(v) if v else None for v in vals], pa.date32())
        if typ == "int":
            return pa.array([int(v) if v else None for v in vals], pa.int32())
        return pa.array(vals, pa.string())
    ty = {"date_of_birth": "date", "date_of_death": "date", "effective_date": "date", "tax_year": "int"}
    pq.write_table(pa.table({k: col(TP_ROWS, k, ty.get(k)) for k in TPF}), f"{OUT}/master/taxpayers.parquet")
    pq.write_table(pa.table({k: col(AD_ROWS, k, ty.get(k)) for k in ADF}), f"{OUT}/master/addresses.parquet")
else:
    for name, rows, fields in (("taxpayers", TP_ROWS, TPF), ("addresses", AD_ROWS, ADF)):
        with open(f"{OUT}/master/{name}.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=fields)
            w.writeheader()
            w.writerows(rows)
BYTIN = {p["tin"]: p for p in PEOPLE}

# ------------------------------------------------------------------ requests
REQ = []
USED = set()
AGENTS = [f"SA-{i:04d}" for i in range(400)]


def base_row(rid=None):
    od = SIGNED - dt.timedelta(days=rng.randint(95, 2000))
    return dict(request_id=rid or f"R{len(REQ) + 1:06d}", first_name="", middle_name="", last_name="",
                name_suffix="", date_of_birth="", tin="", a_number="", street="", unit="", city="", state="",
                zip="", address="", taxable_periods=rng.choice(["2023;2024", "2021-2024", "2022;2023;2024", "2024"]),
                statute="", reason="Subject is under criminal investigation for willful failure to depart "
                                    "after a final order of removal (8 U.S.C. 1253(a)(1)).",
                final_order_date=od.isoformat(), case_number=f"CR-{rng.randint(100000, 999999)}",
                case_agent_id=rng.choice(AGENTS))


def name_form(pr, form=None):
    """request name fields for person pr; returns (first, middle, last, form)"""
    c = pr["culture"]
    g1, g2, p, m = pr["g1"], pr["g2"], pr["p"], pr["m"]
    if c != "hisp":
        first, middle, last, _ = master_name(pr)
        if c == "fil" and rng.random() < 0.5:
            return first, "", f"{pr['m']} {pr['p']}" if rng.random() < 0.3 else pr["p"], "fil"
        if c == "vn" and rng.random() < 0.4:
            return f"{first}", "", last, "vn_nomiddle"
        if c == "br" and rng.random() < 0.5:
            return first.split()[0], "", pr["m"], "br_last_only"
        return first, middle, last, c
    gforms = ["g1", "g1g2", "g1_mid_g2", "g1_init", "nick"]
    gf = rng.choices(gforms, [4, 3, 3, 1, 1.2])[0]
    if gf == "nick":
        cands = [x for x in (g1, g2) if x and lib.fold(x) in NICK_OF]
        if cands:
            first, middle = rng.choice(NICK_OF[lib.fold(rng.choice(cands))]), ""
        else:
            gf = "g1"
    if gf == "g1":
        first, middle = g1, ""
    elif gf == "g1g2":
        first, middle = (f"{g1} {g2}" if g2 else g1), ""
    elif gf == "g1_mid_g2":
        first, middle = g1, g2 or ""
    elif gf == "g1_init":
        first, middle = g1, (lib.toks(g2, lib.GIVEN_PARTICLES)[0][0] if g2 else "")
    if lib.fold(first).startswith("MARIA ") and rng.random() < 0.3:
        first = "MA. " + first.split(" ", 1)[1]
    sforms = ["both", "pat", "hyph", "y", "rev", "mat"] + (["married", "married_only", "maiden_de"] if pr["married"] else [])
    sf = form or rng.choices(sforms, [5, 4, 1.5, 0.7, 1, 0.8] + ([2, 2, 1] if pr["married"] else []))[0]
    last = {"both": f"{p} {m}", "pat": p, "hyph": f"{p}-{m}", "y": f"{p} Y {m}", "rev": f"{m} {p}", "mat": m,
            "married": f"{p} DE {pr['married']}" if pr["married"] else p,
            "married_only": pr["married"] or p, "maiden_de": f"DE {pr['married']}" if pr["married"] else p}[sf]
    if rng.random() < 0.5:
        first, middle, last = (lib.fold(x) for x in (first, middle, last))
    return first, middle, last, f"{gf}/{sf}"


def add_req(row, scenario, intent_tin="", note=""):
    row["_scenario"], row["_intent"], row["_note"] = scenario, intent_tin, note
    REQ.append(row)
    return row


def person_request(pr, scenario, addr=None, loosen=None, dob=True, tin=False, form=None, note=""):
    row = base_row()
    f, mi, l, nf = name_form(pr, form)
    row.update(first_name=f, middle_name=mi, last_name=l, name_suffix=pr["suffix"] or "")
    a = addr or rng.choice(pr["addrs"])["a"]
    row.update(render_request(a, loosen))
    if dob and pr["dob"]:
        row["date_of_birth"] = pr["dob"].isoformat()
    if tin:
        t = pr["tin"]
        row["tin"] = rng.choice([t, f"{t[:3]}-{t[3:5]}-{t[5:]}"])
    USED.add(pr["tin"])
    return add_req(row, scenario, pr["tin"], (note + " " + nf).strip())


LOOK_TINS = {x["tin"] for _, A, B, _, _ in LOOK for x in (A, B)}
living_adults = [p for p in PEOPLE if not p["dod"] and p["dob"].year <= 2006 and p["tin"] not in LOOK_TINS]
hh_multi = [h for h in HOUSEHOLDS if len(h["members"]) >= 2]
used_hh = set()


def fresh(pool):
    for _ in range(200):
        x = rng.choice(pool)
        if x["tin"] not in USED:
            return x
    return rng.choice(pool)


# A. true requests, varied forms
N_TRUE = int(os.environ.get("A22_TRUE", "1100"))
for _ in range(N_TRUE):
    pr = fresh(living_adults)
    person_request(pr, "true_" + pr["culture"], dob=rng.random() < 0.55, tin=rng.random() < 0.12)

# B. household traps: ambiguous / near forms between relatives at one address
for h in rng.sample(hh_multi, min(450, len(hh_multi))):
    mem = [m for m in h["members"] if m["culture"] == "hisp"]
    if len(mem) < 2:
        continue
    pr = rng.choice(mem)
    if pr["tin"] in USED:
        continue
    row = base_row()
    f = rng.random()
    if f < 0.35:
        row.update(first_name=pr["g1"], last_name=pr["p"])  # first given + paternal only, no DOB
        note = "g1+pat"
    elif f < 0.55:
        row.update(first_name=pr["g1"], last_name=pr["m"])  # maternal surname only
        note = "g1+mat"
    elif f < 0.7:
        row.update(first_name=pr["g1"], last_name=f"{pr['m']} {pr['p']}")  # reversed
        note = "g1+rev"
    elif f < 0.85:
        row.update(first_name=pr["g1"], middle_name=pr["g2"] or "", last_name=pr["p"])
        note = "g1g2+pat"
    else:
        row.update(first_name=pr["g1"], last_name=f"{pr['p']} {pr['m']}",
                   date_of_birth=pr["dob"].isoformat() if rng.random() < 0.5 else "")
        note = "g1+both"
    row.update(render_request(h["home"]))
    USED.add(pr["tin"])
    add_req(row, "household", pr["tin"], note)

# C. look-alike addresses with namesakes
for kind, A, B, a, b in LOOK:
    f = rng.random()
    if f < 0.55:
        person_request(A, "look_" + kind, addr=a, dob=rng.random() < 0.3, note="exact")
    else:
        loosen = {"zip": {"zip"}, "city": {"zip"}, "rrbox": set(), "hcbox": set(), "unit2a": {"unit"},
                  "frac": {"frac"}, "queens": {"hyph"}, "grid": {"post"}, "urb": {"urb"}, "km": set(),
                  "mil": set(), "ordinal": set()}[kind]
        target = B if kind == "frac" else A
        addr = b if kind == "frac" else a
        person_request(target, "look_" + kind + "_loose", addr=addr, loosen=loosen, dob=rng.random() < 0.3,
                       note="loosened:" + ",".join(sorted(loosen)))

# D. strangers
for i in range(160):
    h = rng.choice(HOUSEHOLDS)
    row = base_row()
    f = rng.random()
    if f < 0.4:  # unknown given name + household surname at their address
        pr = rng.choice(h["members"])
        row.update(first_name=rng.choice(["RIGOBERTO", "ESPERANZA", "FILOMENO", "ANACLETO", "MAXIMINO"]),
                   last_name=pr["p"])
        row.update(render_request(h["home"]))
        add_req(row, "stranger_addr_only", "", "unknown given name at household address")
    elif f < 0.75:  # real person, address never theirs
        pr = fresh(living_adults)
        f2, mi, l, nf = name_form(pr)
        row.update(first_name=f2, middle_name=mi, last_name=l, date_of_birth=pr["dob"].isoformat() if rng.random() < 0.5 else "")
        row.update(render_request(new_addr(rng.choice(PLACES[:9]))))
        USED.add(pr["tin"])
        add_req(row, "stranger_name_only", "", nf)
    else:  # sibling-like name: first given of a member, other second given name
        pr = rng.choice(h["members"])
        if pr["culture"] != "hisp":
            continue
        row.update(first_name=pr["g1"], middle_name=rng.choice([x for x in MALE2 + FEMALE2 if x != pr["g2"]]),
                   last_name=f"{pr['p']} {pr['m']}")
        row.update(render_request(h["home"]))
        add_req(row, "stranger_other_second_given", "", "")

# E. DOB / TIN / A-number
twins = [(h, m) for h in HOUSEHOLDS for m in h["members"]
         if sum(1 for x in h["members"] if x["dob"] == m["dob"]) >= 2 and not m["dod"]]
for i in range(220):
    f = rng.random()
    pr = fresh(living_adults)
    if f < 0.2 and pr["dob"].day <= 12 and pr["dob"].day != pr["dob"].month:
        r = person_request(pr, "dob_swapped", dob=False)
        r["date_of_birth"] = dt.date(pr["dob"].year, pr["dob"].day, pr["dob"].month).isoformat()
    elif f < 0.35:
        r = person_request(pr, "dob_different", dob=False)
        r["date_of_birth"] = (pr["dob"] + dt.timedelta(days=rng.choice([1, -1, 365, 3650, 40]))).isoformat()
    elif f < 0.45:
        r = person_request(pr, "dob_other_format", dob=False)
        d = pr["dob"]
        r["date_of_birth"] = rng.choice([d.strftime("%m/%d/%Y"), d.strftime("%Y%m%d"), d.strftime("%d/%m/%Y")])
    elif f < 0.6 and twins:
        h, tw = rng.choice(twins)
        r = person_request(tw, "twin", addr=h["home"], dob=True, form=rng.choice(["pat", "both"]))
        r["middle_name"] = ""
        r["first_name"] = tw["g1"]
    elif f < 0.72:
        r = person_request(pr, "tin_forms", tin=True, dob=rng.random() < 0.5)
        t = pr["tin"]
        r["tin"] = rng.choice([f"{t[:3]} {t[3:5]} {t[5:]}", f"{t[:3]}-{t[3:5]}-{t[5:]}", t, f" {t} "])
        r["_note"] += " tin=" + repr(r["tin"])
    elif f < 0.8:
        itins = [p for p in living_adults if p["tin"][0] == "9" and p["tin"] not in USED]
        pr = rng.choice(itins)
        person_request(pr, "itin_target", tin=True)
    elif f < 0.9:  # a_number that equals a housemate's TIN
        h = rng.choice(hh_multi)
        a_, b_ = rng.sample(h["members"], 2)
        r = person_request(a_, "anumber_is_housemate_tin", addr=h["home"], dob=False)
        r["a_number"] = "A" + b_["tin"] if rng.random() < 0.5 else b_["tin"]
    else:  # TIN of the twin / of a housemate with ambiguous name
        if twins:
            h, tw = rng.choice(twins)
            other = [x for x in h["members"] if x["dob"] == tw["dob"] and x is not tw][0]
            r = person_request(tw, "tin_of_twin", addr=h["home"], dob=True, form="pat")
            r["first_name"], r["middle_name"] = tw["g1"], ""
            r["tin"] = other["tin"]

# F. deceased
dead = [p for p in PEOPLE if p["dod"]]
for pr in rng.sample(dead, min(50, len(dead))):
    person_request(pr, "deceased", dob=rng.random() < 0.5)

# G. legal defects (record level); base = a real person's valid request
def legal(mut, note):
    pr = fresh(living_adults)
    r = person_request(pr, "legal", note=note)
    mut(r)
    r["_note"] = note


def setf(**kw):
    return lambda r: r.update(kw)


PH = ["UNKNOWN", "FAILED TO PROVIDE", "N/A", "NA NA", "NONE", "DON'T CARE", "TBD", "HOMELESS", "REFUSED", "XXX",
      "Unknown Address", "Failed to Provide"]
for ph in PH:
    legal(setf(street=ph, address=""), f"placeholder street {ph}")
legal(setf(street="", unit="", city="", state="", zip="", address="Don't Care 12345"), "address=Don't Care 12345")
legal(setf(city="UNKNOWN"), "placeholder city")
legal(setf(unit="N/A"), "placeholder unit N/A")
legal(setf(street="", unit="", city="", state="", zip="", address=""), "no address at all")
legal(setf(street="", unit="", city="", state="", zip="", address="78741"), "zip only in address")
legal(setf(street="", unit="", city="", state="TX", zip="78741", address=""), "zip+state only")
legal(setf(street="MAIN ST"), "no street number")
legal(setf(street="1234"), "no street name")
legal(setf(street="1234 OAK ST", city="", state="", zip="", address=""), "no city/state/zip")
legal(setf(street="1234 OAK ST", city="AUSTIN", state="", zip="", address=""), "city without state or zip")
legal(setf(zip="00000"), "zip 00000")
legal(setf(zip="7874"), "zip 4 digits")
legal(setf(zip="787411"), "zip 6 digits")
legal(setf(state="XX"), "state XX")
legal(setf(street="1234 OAK ST", city="AUSTIN", state="CA", zip="78741", address=""), "zip not in state")
for fac in ["ADELANTO ICE PROCESSING CENTER", "HARRIS COUNTY JAIL", "OTERO COUNTY PROCESSING CENTER",
            "KROME NORTH SERVICE PROCESSING CENTER", "FEDERAL CORRECTIONAL INSTITUTION", "STEWART DETENTION CENTER"]:
    legal(setf(street=fac, unit="", address=""), "facility " + fac)
for t in ["12345678", "1234567890", "000123456", "666123456", "912401234", "ABC-DE-FGHI", "123-45-678"]:
    legal(setf(tin=t), "bad tin " + t)
for t in ["123-45-6789X"]:
    legal(setf(tin=t), "bad tin " + t)
for tp in ["", "FY2023", "2030", "2025-2028", "twenty23", "2023,2024"]:
    legal(setf(taxable_periods=tp), "period " + repr(tp))
legal(setf(statute="18 U.S.C. 1001"), "record statute not designated")
legal(setf(statute="8 USC 1253(a)(1)"), "record statute normalized (valid)")
legal(setf(statute="8 U.S.C. § 1253(a)(1)"), "record statute with section sign (valid)")
for rs in ["", "N/A", "TBD", "REASON", "none"]:
    legal(setf(reason=rs), "record reason " + repr(rs))
for od, note in [("", "order missing"), ("2026-13-45", "order not a date"), ("unknown", "order text"),
                 ((SIGNED + dt.timedelta(days=1)).isoformat(), "order after signed_at"),
                 ((SIGNED - dt.timedelta(days=89)).isoformat(), "order 89 days"),
                 ((SIGNED - dt.timedelta(days=90)).isoformat(), "order exactly 90 days (valid)"),
                 ((SIGNED - dt.timedelta(days=1)).isoformat(), "order 1 day"),
                 (SIGNED.isoformat(), "order = signed_at")]:
    legal(setf(final_order_date=od), note)
legal(setf(case_number=""), "no case number")
legal(setf(case_agent_id=""), "no case agent")
legal(setf(first_name=""), "no first name")
legal(setf(last_name=""), "no last name")
legal(setf(first_name="J"), "one-letter first name")
legal(setf(first_name="J."), "one-letter first name with dot")
legal(setf(last_name="12345"), "digits last name")
legal(setf(first_name="UNKNOWN"), "placeholder first name")
legal(setf(last_name="FNU"), "FNU last")
legal(setf(request_id=""), "no request id")
legal(setf(reason="", case_number="", tin="000000000", zip="00000"), "four defects at once")
legal(setf(street="UNKNOWN", final_order_date=(SIGNED - dt.timedelta(days=10)).isoformat(), taxable_periods="2031"),
      "three defects at once")
# repeated request_id / duplicates
for i in range(8):
    src = rng.choice([r for r in REQ if r["_scenario"].startswith("true_")])
    d = dict(src)
    d["request_id"] = f"R{len(REQ) + 1:06d}"
    d["_scenario"], d["_note"] = "dup_person", "exact duplicate of " + src["request_id"]
    REQ.append(d)
for i in range(5):
    src = rng.choice([r for r in REQ if r["_scenario"].startswith("true_")])
    pr = fresh(living_adults)
    r = person_request(pr, "dup_request_id", note="request_id repeats " + src["request_id"])
    r["request_id"] = src["request_id"]

# shuffle batch order (keep duplicates after their source)
first = [r for r in REQ if r["_scenario"] not in ("dup_person", "dup_request_id")]
rest = [r for r in REQ if r["_scenario"] in ("dup_person", "dup_request_id")]
rng.shuffle(first)
REQ = first + rest

# ------------------------------------------------------------------ package
os.makedirs(f"{OUT}/pkg", exist_ok=True)
os.makedirs(f"{OUT}/keys", exist_ok=True)
RCOLS = ["request_id", "first_name", "middle_name", "last_name", "name_suffix", "date_of_birth", "tin", "a_number",
         "street", "unit", "city", "state", "zip", "address", "taxable_periods", "statute", "reason",
         "final_order_date", "case_number", "case_agent_id"]
with open(f"{OUT}/pkg/records.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(RCOLS)
    for r in REQ:
        w.writerow([r[c] for c in RCOLS])


def keypair(name):
    k = Ed25519PrivateKey.generate()
    open(f"{OUT}/keys/{name}.pem", "wb").write(k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                                serialization.NoEncryption()))
    open(f"{OUT}/keys/{name}.pub.pem", "wb").write(k.public_key().public_bytes(serialization.Encoding.PEM,
                                                                               serialization.PublicFormat.SubjectPublicKeyInfo))
    return k


for n in ("ice_dir", "ice_dep", "cbp_dir", "rogue"):
    keypair(n)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pkgtool import make_manifest, sign_package
man = make_manifest(f"ICE-{SEED:04d}-MAIN", "records.csv", f"{OUT}/pkg/records.csv", len(REQ))
sign_package(f"{OUT}/pkg", man, f"{OUT}/keys/ice_dir.pem")

# ------------------------------------------------------------------ oracle
import rules
M = lib.Master(lib.read_csv(f"{OUT}/master/taxpayers.csv") if not PARQUET else TP_ROWS,
               lib.read_csv(f"{OUT}/master/addresses.csv") if not PARQUET else AD_ROWS)
rows = lib.read_csv(f"{OUT}/pkg/records.csv")
codes_all = rules.record_codes(rows, SIGNED, AS_OF)
TF = ["request_id", "scenario", "intent_tin", "note", "truth", "expected_tin", "expected_codes", "strict", "lenient",
      "living_strict", "exp_street", "exp_unit", "exp_city", "exp_state", "exp_zip", "exp_source", "exp_eff"]
out = []
for r, meta, codes in zip(rows, REQ, codes_all):
    r["_akey"] = lib.req_akey(r)
    t = dict(request_id=r["request_id"], scenario=meta["_scenario"], intent_tin=meta["_intent"], note=meta["_note"],
             expected_codes=";".join(codes))
    strict = M.candidates(r) if not codes else []
    lenient = M.candidates(r, lenient=True) if not codes else []
    living = [x for x in strict if not M.tp[x]["date_of_death"]]
    t.update(strict=";".join(strict), lenient=";".join(lenient), living_strict=";".join(living))
    if codes:
        t["truth"] = "REJECTED"
    elif len(living) == 1:
        t["truth"] = "DUE"
        t["expected_tin"] = living[0]
        l = M.lka(living[0])
        t.update(exp_street=l["street"], exp_unit=l["unit"], exp_city=l["city"], exp_state=l["state"],
                 exp_zip=l["zip"], exp_source=l["source"], exp_eff=l["effective_date"])
    elif len(living) == 0:
        t["truth"] = "NOT_DUE"
    else:
        t["truth"] = "UNDECIDABLE"
    out.append(t)
with open(f"{OUT}/truth.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=TF)
    w.writeheader()
    w.writerows(out)
from collections import Counter
print(len(TP_ROWS), "taxpayers", len(AD_ROWS), "addresses", len(REQ), "requests")
print(Counter(t["truth"] for t in out))

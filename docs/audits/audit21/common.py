"""Shared normalisation and the consistency oracle (audit21, written from the contract only)."""
import re
import unicodedata

PARTICLES = {"DE", "DEL", "LA", "LAS", "LOS", "Y", "DA", "DOS", "DI", "VAN", "VON", "MC"}
DIRS = {"NORTH": "N", "SOUTH": "S", "EAST": "E", "WEST": "W", "N": "N", "S": "S", "E": "E", "W": "W",
        "NORTHEAST": "NE", "NORTHWEST": "NW", "SOUTHEAST": "SE", "SOUTHWEST": "SW",
        "NE": "NE", "NW": "NW", "SE": "SE", "SW": "SW"}
TYPES = {"STREET": "ST", "ST": "ST", "AVENUE": "AVE", "AVE": "AVE", "AV": "AVE", "BOULEVARD": "BLVD",
         "BLVD": "BLVD", "DRIVE": "DR", "DR": "DR", "ROAD": "RD", "RD": "RD", "LANE": "LN", "LN": "LN",
         "COURT": "CT", "CT": "CT", "PLACE": "PL", "PL": "PL", "WAY": "WAY", "TERRACE": "TER", "TER": "TER",
         "PARKWAY": "PKWY", "PKWY": "PKWY", "CIRCLE": "CIR", "CIR": "CIR", "HIGHWAY": "HWY", "HWY": "HWY"}
UNIT_WORDS = {"APT", "APARTMENT", "UNIT", "STE", "SUITE", "NO", "#", "NUM", "FL", "RM"}

NICK = {
    "BILL": ["WILLIAM"], "BILLY": ["WILLIAM"], "WILL": ["WILLIAM"], "BOB": ["ROBERT"], "ROB": ["ROBERT"],
    "BOBBY": ["ROBERT"], "JIM": ["JAMES"], "JIMMY": ["JAMES"], "MIKE": ["MICHAEL"], "LIZ": ["ELIZABETH"],
    "BETH": ["ELIZABETH"], "JEN": ["JENNIFER"], "JENNY": ["JENNIFER"], "CHRIS": ["CHRISTOPHER", "CHRISTINA", "CHRISTIAN", "CHRISTINE"],
    "JOE": ["JOSEPH"], "TOM": ["THOMAS"], "RICK": ["RICHARD", "RICARDO"], "DICK": ["RICHARD"],
    "DAN": ["DANIEL"], "DANNY": ["DANIEL"], "DANI": ["DANIEL", "DANIELA"], "PEPE": ["JOSE"], "PACO": ["FRANCISCO"],
    "PANCHO": ["FRANCISCO"], "LUPE": ["GUADALUPE"], "CHUY": ["JESUS"], "ALEX": ["ALEXANDER", "ALEXANDRA", "ALEJANDRO", "ALEJANDRA"],
    "TONY": ["ANTONIO", "ANTHONY"], "BETO": ["ALBERTO", "ROBERTO"], "MEMO": ["GUILLERMO"], "NACHO": ["IGNACIO"],
    "LUPITA": ["GUADALUPE"], "KATE": ["KATHERINE", "CATHERINE"], "KATHY": ["KATHERINE", "CATHERINE"],
    "SAM": ["SAMUEL", "SAMANTHA"], "ED": ["EDWARD", "EDUARDO"], "EDDIE": ["EDWARD", "EDUARDO"],
    "FRAN": ["FRANCISCO", "FRANCISCA", "FRANCES"], "GABY": ["GABRIELA", "GABRIEL"], "PATTY": ["PATRICIA"],
    "STEVE": ["STEVEN", "STEPHEN"], "DAVE": ["DAVID"], "MATT": ["MATTHEW"], "NICK": ["NICHOLAS"],
}


def strip_acc(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def norm(s):
    if s is None:
        return ""
    s = strip_acc(str(s)).upper()
    s = re.sub(r"[^A-Z0-9# ]+", " ", s.replace("-", " ").replace("'", ""))
    return re.sub(r"\s+", " ", s).strip()


def lev1(a, b):
    """edit distance <= 1 (incl. adjacent transposition)"""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        d = [i for i in range(la) if a[i] != b[i]]
        if len(d) == 1:
            return True
        if len(d) == 2 and d[1] == d[0] + 1 and a[d[0]] == b[d[1]] and a[d[1]] == b[d[0]]:
            return True
        return False
    if la > lb:
        a, b = b, a
    for i in range(len(b)):
        if b[:i] + b[i + 1:] == a:
            return True
    return False


def gendered(a, b):
    if a == b:
        return False
    if a + "A" == b or b + "A" == a:
        return True
    if len(a) == len(b) and a[:-1] == b[:-1] and {a[-1], b[-1]} == {"A", "O"}:
        return True
    return False


def tok_eq(a, b, loose=True):
    """returns 2 strict equal/nickname, 1 loose (typo/initial), 0 no"""
    if a == b:
        return 2
    if b in NICK.get(a, []) or a in NICK.get(b, []):
        return 2
    if not loose:
        return 0
    if gendered(a, b):
        return 0
    if (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return 1
    if min(len(a), len(b)) >= 5 and lev1(a, b):
        return 1
    return 0


def sur_tokens(s):
    t = [x for x in norm(s).split() if x not in PARTICLES]
    return t or norm(s).split()


def surname_level(rq, ms):
    """rq, ms: token lists. 2 = equal or first-surname reading, 1 = subset/typo, 0 = incompatible"""
    if not rq or not ms:
        return 0
    if rq == ms:
        return 2
    if "".join(rq) == "".join(ms):
        return 2
    small, big = (rq, ms) if len(rq) <= len(ms) else (ms, rq)
    best = 2
    for t in small:
        lv = max((tok_eq(t, u) for u in big), default=0)
        if lv == 0:
            return 0
        best = min(best, lv)
    return 1 if best >= 1 else 0


def given_level(r_first, r_mid, m_first, m_mid):
    rf = norm(r_first).split()
    rm = norm(r_mid).split()
    mf = norm(m_first).split()
    mm = norm(m_mid).split()
    if not rf or not mf:
        return 0
    # first token of request first name against master first name first token (strict) or any given token (loose)
    lv = tok_eq(rf[0], mf[0])
    if lv == 0:
        alt = max((tok_eq(rf[0], g) for g in mf[1:] + mm), default=0)
        lv = 1 if alt else 0
        if lv == 0 and len(mf) == 1 and mm == [] and len(rf) > 1:
            lv = 1 if tok_eq(rf[1], mf[0]) else 0
        if lv == 0:
            return 0
    # middle conflict: both sides have a second given name
    r2 = rf[1:] + rm
    m2 = mf[1:] + mm
    if r2 and m2:
        ok = any(tok_eq(a, b) for a in r2 for b in m2) or any(
            a[0] == b[0] for a in r2 for b in m2 if len(a) == 1 or len(b) == 1)
        if not ok:
            return 0
    return lv


def name_score(r, m):
    """finer score among consistent candidates (higher = closer); used only to name a 'soft best'"""
    sc = 0
    rf, mf = norm(r["first_name"]).split(), norm(m["first_name"]).split()
    if rf and mf and rf[0] == mf[0]:
        sc += 2
    if rf == mf:
        sc += 1
    if sur_tokens(r["last_name"]) == sur_tokens(m["last_name"]):
        sc += 2
    rm, mm = norm(r.get("middle_name", "")).split(), norm(m.get("middle_name", "")).split()
    if rm and mm and rm == mm:
        sc += 1
    rs, ms = norm(r.get("name_suffix", "")), norm(m.get("name_suffix", ""))
    if rs and rs == ms:
        sc += 2
    return sc


def name_level(r, m):
    """r: request dict; m: master dict.  2 strict, 1 loose, 0 incompatible"""
    best = 0
    for swap in (False, True):
        if not swap:
            rf, rm, rl = r["first_name"], r.get("middle_name", ""), r["last_name"]
        else:
            rf, rm, rl = r["last_name"], r.get("middle_name", ""), r["first_name"]
        g = given_level(rf, rm, m["first_name"], m.get("middle_name", ""))
        s = surname_level(sur_tokens(rl), sur_tokens(m["last_name"]))
        lv = min(g, s)
        if swap:
            lv = min(lv, 1)
        best = max(best, lv)
    if best:
        rs, ms = norm(r.get("name_suffix", "")), norm(m.get("name_suffix", ""))
        if rs and ms and rs != ms:
            return 0
    return best


# ---------- addresses ----------

def parse_street(street):
    t = norm(street).split()
    num = None
    if t and re.fullmatch(r"\d+[A-Z]?", t[0]):
        num = t[0]
        t = t[1:]
    unit = None
    # unit embedded in the street line
    for i, x in enumerate(t):
        if x in UNIT_WORDS and i + 1 < len(t):
            unit = "".join(t[i + 1:])
            t = t[:i]
            break
        if x.startswith("#") and len(x) > 1:
            unit = "".join([x[1:]] + t[i + 1:])
            t = t[:i]
            break
    predir = None
    if t and t[0] in DIRS and len(t) > 1:
        predir = DIRS[t[0]]
        t = t[1:]
    stype = None
    if t and t[-1] in TYPES and len(t) > 1:
        stype = TYPES[t[-1]]
        t = t[:-1]
    return num, predir, " ".join(t), stype, unit


def norm_unit(u):
    t = [x for x in norm(u).replace("#", " ").split() if x not in UNIT_WORDS]
    return "".join(t) or None


def canon_addr(street, unit, city, state, zipc):
    num, predir, name, stype, u2 = parse_street(street)
    u = norm_unit(unit) if unit else None
    if not u and u2:
        u = norm_unit(u2)
    z = re.sub(r"\D", "", str(zipc or ""))[:5] or None
    return dict(num=num, predir=predir, name=name, stype=stype, unit=u, city=norm(city) or None,
                state=norm(state) or None, zip=z)


def addr_level(a, b):
    """a request canonical, b master canonical. 2 exact, 1 compatible with one side missing data, 0 no"""
    if a["num"] != b["num"] or a["name"] != b["name"]:
        return 0
    lv = 2
    for k in ("predir", "stype", "unit"):
        if a[k] and b[k]:
            if a[k] != b[k]:
                return 0
        elif a[k] or b[k]:
            lv = 1
    zc = bool(a["zip"] and b["zip"])
    cc = bool(a["city"] and b["city"] and a["state"] and b["state"])
    zip_eq = zc and a["zip"] == b["zip"]
    city_eq = cc and a["city"] == b["city"] and a["state"] == b["state"]
    if not (zip_eq or city_eq):
        return 0
    if (zc and not zip_eq) or (cc and not city_eq):
        lv = 1
    return lv


def lka(rows):
    pri = {"FORM_8822": 0, "RETURN": 1, "NCOA": 2}
    return sorted(rows, key=lambda r: (r["effective_date"], -pri[r["source"]]))[-1]


def dob_ok(r, m):
    a, b = r, m
    if not a or not b:
        return True
    if a == b:
        return True
    ya, ma, da = a.split("-")
    yb, mb, db = b.split("-")
    return ya == yb and ma == db and da == mb

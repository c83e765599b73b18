"""audit22 shared code: the oracle's own normalizers, written from the contract only.

Nothing here is taken from dgate's source.  The oracle decides, from the files written,
which living taxpayers are consistent with a request (name, any address in history, DOB,
TIN, suffix) under two readings:

  strict  - the reading used for the truth label
  lenient - adds well-known data-entry slips (DOB day/month swap, request given name equal
            to the taxpayer's SECOND given name, fraction dropped from a house number,
            surname tokens found anywhere in the taxpayer's name)

A disclosure outside the strict set is wrongful; it is classified HARD if it is outside
the lenient set too, SLIP otherwise.  A disclosure of one of several strict candidates is
UNDECIDABLE-disclosed: SOFT if the disclosed one is the unique closest, else HARD.
"""
import csv, datetime as dt, re, unicodedata

# ----------------------------------------------------------------- text helpers
def fold(s):
    if s is None:
        return ""
    s = unicodedata.normalize("NFKD", str(s))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.upper().strip()


NICK = {  # nickname -> formal given name
    "PEPE": "JOSE", "CHEPE": "JOSE", "PANCHO": "FRANCISCO", "PACO": "FRANCISCO",
    "LUPE": "GUADALUPE", "CHUY": "JESUS", "NACHO": "IGNACIO", "MEMO": "GUILLERMO",
    "CHAYO": "ROSARIO", "CONCHA": "CONCEPCION", "LALO": "EDUARDO", "BETO": "ALBERTO",
    "CHELA": "GRACIELA", "LUPITA": "GUADALUPE", "TONY": "ANTONIO", "KIKE": "ENRIQUE",
    "MA": "MARIA", "BOB": "ROBERT", "BILL": "WILLIAM", "JIM": "JAMES", "MIKE": "MICHAEL",
}
GIVEN_PARTICLES = {"DE", "DEL", "LA", "LAS", "LOS", "Y"}
SUR_PARTICLES = {"DE", "DEL", "LA", "LAS", "LOS", "Y", "DA", "DAS", "DO", "DOS"}


def toks(s, particles):
    s = fold(s).replace("-", " ").replace(".", " ").replace(",", " ").replace("'", "")
    return [t for t in s.split() if t and t not in particles]


def given_tokens(first, middle):
    return toks(f"{first or ''} {middle or ''}", GIVEN_PARTICLES)


def sur_tokens(last):
    return toks(last, SUR_PARTICLES)


def formal(t):
    return NICK.get(t, t)


def gmatch(a, b):
    """one given-name token of the request vs one of the taxpayer"""
    if a == b or formal(a) == formal(b):
        return True
    if len(a) == 1 and b.startswith(a):
        return True
    if len(b) == 1 and a.startswith(b):
        return True
    return False


def name_consistent(rg, rs, tg, ts, lenient=False):
    """rg/tg given tokens, rs/ts surname tokens (request / taxpayer)"""
    if not rg or not rs or not tg or not ts:
        return False
    from collections import Counter
    R, T = Counter(rs), Counter(ts)  # multisets: VARGAS VARGAS is not VARGAS MARTINEZ
    # strict: one surname set contains the other (the agency may hold fewer surnames than the
    # requester, or the requester may give fewer); lenient: they share a surname, or the request's
    # surnames sit in the taxpayer's given names (filipino middle name = maternal surname)
    if not (R <= T or T <= R):
        if not lenient:
            return False
        if not (R & T or set(R) <= set(T) | set(tg)):
            return False
    r1 = rg[0]
    ok1 = gmatch(r1, tg[0])
    # nickname of a later given name (MARIA GUADALUPE -> LUPE) is the usual form
    if not ok1 and r1 in NICK and NICK[r1] != "MARIA" and formal(r1) in tg[1:]:
        ok1 = True
    if not ok1 and lenient and len(r1) > 1 and any(gmatch(r1, t) for t in tg[1:]):
        ok1 = "second"
    if not ok1:
        return False
    if ok1 == "second":
        return True
    if len(rg) >= 2 and len(tg) >= 2:
        if not gmatch(rg[1], tg[1]):
            return False
    return True


# ----------------------------------------------------------------- addresses
SUFFIX = {"STREET": "ST", "STR": "ST", "ST": "ST", "AVENUE": "AVE", "AV": "AVE", "AVE": "AVE",
          "AVENIDA": "AVE", "BOULEVARD": "BLVD", "BLVD": "BLVD", "ROAD": "RD", "RD": "RD",
          "DRIVE": "DR", "DR": "DR", "LANE": "LN", "LN": "LN", "COURT": "CT", "CT": "CT",
          "PLACE": "PL", "PL": "PL", "TERRACE": "TER", "TER": "TER", "CIRCLE": "CIR",
          "CIR": "CIR", "HIGHWAY": "HWY", "HWY": "HWY", "PARKWAY": "PKWY", "PKWY": "PKWY",
          "WAY": "WAY", "TRAIL": "TRL", "TRL": "TRL"}
DIRS = {"NORTH": "N", "SOUTH": "S", "EAST": "E", "WEST": "W", "N": "N", "S": "S", "E": "E",
        "W": "W", "NORTHEAST": "NE", "NORTHWEST": "NW", "SOUTHEAST": "SE", "SOUTHWEST": "SW",
        "NE": "NE", "NW": "NW", "SE": "SE", "SW": "SW", "SO": "S", "NO": "N"}
ORD = {"FIRST": "1", "SECOND": "2", "THIRD": "3", "FOURTH": "4", "FIFTH": "5", "SIXTH": "6",
       "SEVENTH": "7", "EIGHTH": "8", "NINTH": "9", "TENTH": "10", "ELEVENTH": "11",
       "TWELFTH": "12"}
UNIT_DES = {"APT", "APARTMENT", "STE", "SUITE", "UNIT", "#", "NO", "NUM", "APTO", "DEPT", "RM", "ROOM"}
STREET_WORDS = {"CALLE": "CALLE", "C": "CALLE", "CL": "CALLE"}


def ordnorm(t):
    if t in ORD:
        return ORD[t]
    m = re.fullmatch(r"(\d+)(ST|ND|RD|TH)", t)
    if m:
        return m.group(1)
    return t


def unit_norm(u):
    u = fold(u).replace("#", " ").replace("-", "").replace(".", " ")
    ts = [t for t in u.split() if t not in UNIT_DES]
    return "".join(ts)


def parse_street(street, unit=""):
    """-> dict of components; the oracle's own parser for the forms this generator writes"""
    s = fold(street).replace(",", " ").replace(".", " ")
    s = re.sub(r"#\s*", " # ", s)
    s = re.sub(r"\b(HC|RR|PSC|CMR)-", r"\1 ", s)
    s = re.sub(r"\s+", " ", s).strip()
    u = fold(unit)
    c = {"kind": "STD", "num": None, "frac": None, "pre": None, "name": None, "suf": None,
         "post": None, "unit": None, "urb": None}
    # urbanization anywhere (street or unit)
    if u.startswith("URB"):
        c["urb"] = " ".join(u.split()[1:]).replace("URBANIZACION", "").strip()
        u = ""
    m = re.search(r"\b(URB|URBANIZACION) ((?:[A-Z]+ ?)+?)(?= \d|$)", s)
    if m:
        c["urb"] = m.group(2).strip()
        s = (s[:m.start()] + " " + s[m.end():]).strip()
        s = re.sub(r"\s+", " ", s)
    if u:
        c["unit"] = unit_norm(u) or None
    m = re.fullmatch(r"(?:P O|PO|POST OFFICE|POB|P O B)\s*(?:BOX)?\s*(\w+)", s)
    if m:
        c.update(kind="POBOX", num=m.group(1))
        return c
    m = re.fullmatch(r"(?:RR|R R|RURAL ROUTE|RURAL RTE|RTE|RT) 0*(\d+) (?:BOX|BX) 0*(\w+)", s)
    if m:
        c.update(kind="RR", num=m.group(1), name=m.group(2))
        return c
    m = re.fullmatch(r"(?:HC|H C|HIGHWAY CONTRACT|HWY CONTRACT) 0*(\d+) (?:BOX|BX) 0*(\w+)", s)
    if m:
        c.update(kind="HC", num=m.group(1), name=m.group(2))
        return c
    m = re.fullmatch(r"(PSC|UNIT|CMR) 0*(\d+) (?:BOX|BX) 0*(\w+)", s)
    if m:
        c.update(kind="MIL:" + m.group(1), num=m.group(2), name=m.group(3))
        return c
    m = re.fullmatch(r"(?:CARR|CARRETERA|CARRT|RD|ROAD|PR) 0*(\d+) KM ([\d ]+(?:HM \d+)?)", s)
    if m:
        km = m.group(2).replace(" HM ", ".").replace(" ", ".")
        c.update(kind="KM", num=m.group(1), name=km)
        return c
    t = s.split()
    if not t:
        return c
    # house number
    m = re.fullmatch(r"(\d+)(?:-(\d+))?([A-Z]?)", t[0])
    if not m:
        c["name"] = " ".join(t)
        return c
    c["num"] = (m.group(1) + (m.group(2) or "")) + m.group(3)  # hyphen-insensitive
    c["hyph"] = bool(m.group(2))
    t = t[1:]
    if t and re.fullmatch(r"\d/\d", t[0]):
        c["frac"] = t[0]
        t = t[1:]
    # unit designators inside the street
    for i, w in enumerate(t):
        if w in UNIT_DES and i > 0 and i + 1 < len(t):
            c["unit"] = c["unit"] or unit_norm(" ".join(t[i + 1:]))
            t = t[:i]
            break
    if len(t) >= 2 and t[0] in DIRS and t[0] not in ("NO", "SO"):
        c["pre"] = DIRS[t[0]]
        t = t[1:]
    if t and t[0] in STREET_WORDS:  # spanish prefix street word: CALLE X
        t = ["CALLE"] + t[1:]
    if t and t[0] in ("AVENIDA", "AVE", "AV") and len(t) > 1:
        c["name"] = "AVE " + " ".join(ordnorm(x) for x in t[1:])
        return c
    # trailing unit (after a suffix or a postdir)
    if len(t) >= 3 and (t[-2] in SUFFIX or t[-2] in DIRS) and re.fullmatch(r"\d+[A-Z]?|[A-Z]\d*", t[-1]) \
            and t[-1] not in DIRS:
        c["unit"] = c["unit"] or t[-1]
        t = t[:-1]
    elif len(t) >= 3 and re.fullmatch(r"\d+[A-Z]", t[-1]) and not re.fullmatch(r"\d+", t[-2]) \
            and t[-2] not in DIRS:
        c["unit"] = c["unit"] or t[-1]  # suffix dropped, unit trailing: 8091 RIO GRANDE 4B
        t = t[:-1]
    if len(t) >= 2 and t[-1] in DIRS:
        c["post"] = DIRS[t[-1]]
        t = t[:-1]
    if len(t) >= 2 and t[-1] in SUFFIX and t[0] != "CALLE":
        c["suf"] = SUFFIX[t[-1]]
        t = t[:-1]
    c["name"] = " ".join(ordnorm(x) for x in t)
    return c


def parse_address_line(line):
    """the request's one-line `address`: 'street[, unit], city, ST zip' (commas)"""
    parts = [p.strip() for p in fold(line).split(",")]
    zip5 = state = city = ""
    street, unit = parts[0], ""
    if len(parts) >= 2:
        m = re.fullmatch(r"([A-Z]{2})\s*(\d{5}(?:-\d{4})?)?", parts[-1])
        if m:
            state, zip5 = m.group(1), m.group(2) or ""
            rest = parts[1:-1]
        else:
            rest = parts[1:]
        if rest:
            city = rest[-1]
            if len(rest) > 1:
                unit = " ".join(rest[:-1])
    return street, unit, city, state, zip5


def addr_key(street, unit, city, state, zip_):
    c = parse_street(street, unit)
    z = re.sub(r"[^0-9]", "", fold(zip_))[:5]
    c["zip"] = z or None
    c["city"] = fold(city) or None
    c["state"] = fold(state) or None
    return c


def _opt_eq(a, b):
    return a is None or b is None or a == b


def addr_consistent(r, m, lenient=False):
    """request components r vs master components m"""
    if r["kind"] != m["kind"]:
        return False
    if r["num"] != m["num"] or r["name"] != m["name"]:
        return False
    if r["frac"] != m["frac"] and not (lenient and (r["frac"] is None or m["frac"] is None)):
        return False
    for k in ("pre", "suf", "post", "unit", "urb"):
        if not _opt_eq(r[k], m[k]):
            return False
    if r["zip"] and m["zip"]:
        return r["zip"] == m["zip"]
    # no zip on one side: city + state must agree
    return bool(r["city"]) and r["city"] == m["city"] and _opt_eq(r["state"], m["state"])


def addr_exactness(r, m):
    """how much of the master address the request states (for 'closest')"""
    return sum(1 for k in ("pre", "suf", "post", "unit", "urb", "zip", "frac")
               if r.get(k) is not None and r.get(k) == m.get(k)) + (0 if r.get("hyph") != m.get("hyph") else 1)


# ----------------------------------------------------------------- dates / tins
def parse_date(s):
    try:
        return dt.date.fromisoformat(str(s).strip())
    except Exception:
        return None


def tin_digits(s):
    return re.sub(r"[-]", "", str(s or "").strip())


def valid_itin(d):
    return d[0] == "9" and (50 <= int(d[3:5]) <= 65 or 70 <= int(d[3:5]) <= 88
                            or 90 <= int(d[3:5]) <= 92 or 94 <= int(d[3:5]) <= 99)


def tin_ok(s):
    d = tin_digits(s)
    if not re.fullmatch(r"\d{9}", d):
        return False
    if d.startswith("000") or d.startswith("666"):
        return False
    if d[0] == "9" and not valid_itin(d):
        return False
    return True


# ----------------------------------------------------------------- master
def lka(rows):
    rank = {"FORM_8822": 0, "RETURN": 1, "NCOA": 2}
    return sorted(rows, key=lambda a: (-parse_date(a["effective_date"]).toordinal(), rank[a["source"]]))[0]


class Master:
    def __init__(self, taxpayers, addresses):
        self.tp = {t["tin"]: t for t in taxpayers}
        self.addr = {}
        for a in addresses:
            self.addr.setdefault(a["tin"], []).append(a)
        self.akeys = {tin: [addr_key(a["street"], a.get("unit"), a["city"], a["state"], a["zip"]) for a in rows]
                      for tin, rows in self.addr.items()}
        self.tok = {}
        self.alltok = {}
        self.g = {}
        self.s = {}
        for tin, t in self.tp.items():
            g = given_tokens(t["first_name"], t.get("middle_name"))
            s = sur_tokens(t["last_name"])
            self.g[tin], self.s[tin] = g, s
            for x in set(s):
                self.tok.setdefault(x, set()).add(tin)
            for x in set(s) | set(g):
                self.alltok.setdefault(x, set()).add(tin)

    def lka(self, tin):
        return lka(self.addr[tin])

    def candidates(self, req, lenient=False, ignore_ids=False):
        """living and dead taxpayers consistent with the request; returns list of tins"""
        rg = given_tokens(req.get("first_name"), req.get("middle_name"))
        rs = sur_tokens(req.get("last_name"))
        if not rs or not rg:
            return []
        idx = self.alltok if lenient else self.tok
        pool = set()
        for x in set(rs):
            pool |= idx.get(x, set())
        out = []
        rk = req["_akey"]
        rsuf = fold(req.get("name_suffix")) or None
        rdob = parse_date(req.get("date_of_birth")) if req.get("date_of_birth") else None
        rtin = tin_digits(req.get("tin")) or None
        for tin in pool or ():
            t = self.tp[tin]
            if not name_consistent(rg, rs, self.g[tin], self.s[tin], lenient):
                continue
            tsuf = fold(t.get("name_suffix")) or None
            if not _opt_eq(rsuf, tsuf):
                continue
            if not ignore_ids:
                tdob = parse_date(t.get("date_of_birth")) if t.get("date_of_birth") else None
                if rdob and tdob and rdob != tdob:
                    swapped = tdob.day <= 12 and rdob == dt.date(tdob.year, tdob.day, tdob.month)
                    if not (lenient and swapped):
                        continue
                if rtin and rtin != tin:
                    continue
            if not any(addr_consistent(rk, m, lenient) for m in self.akeys[tin]):
                continue
            out.append(tin)
        return sorted(out)

    def closeness(self, req, tin):
        rg = given_tokens(req.get("first_name"), req.get("middle_name"))
        rs = sur_tokens(req.get("last_name"))
        sc = 0
        if rs == self.s[tin][:len(rs)]:
            sc += 4  # paternal-first reading
        if rg == self.g[tin]:
            sc += 2
        sc += max(addr_exactness(req["_akey"], m) for m in self.akeys[tin]) / 10
        rd, td = parse_date(req.get("date_of_birth") or ""), parse_date(self.tp[tin].get("date_of_birth") or "")
        if rd and td and rd == td:
            sc += 8  # a DOB that agrees is the strongest tie-breaker
        return sc


def req_akey(req):
    if (req.get("street") or "").strip():
        return addr_key(req["street"], req.get("unit"), req.get("city"), req.get("state"), req.get("zip"))
    st, un, ci, sta, z = parse_address_line(req.get("address") or "")
    return addr_key(st, un, ci, sta, z)


def read_csv(p):
    with open(p, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))

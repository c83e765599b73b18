"""The generator's own identity oracle: how a careful disclosure office would read a request
against the people who ever held the request's address. Independent of dgate."""
import re
import unicodedata

import jellyfish

from namedata import ANGL, NICK_EN, NICK_ES, PARTICLES, SUR_TRANSLIT, TRANSLIT, STREET_TYPES, DIRS, ORD_WORDS

_GROUPS = {}
for gi, line in enumerate(NICK_EN + NICK_ES + ANGL + TRANSLIT):
    for t in line.split():
        _GROUPS.setdefault(t, set()).add(gi)
_SGROUPS = {}
for gi, line in enumerate(SUR_TRANSLIT):
    for t in line.split():
        _SGROUPS.setdefault(t, set()).add(gi)

GIVEN_PARTICLES = {"DE", "DEL", "LA", "LAS", "LOS", "Y"}


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def nrm(s):
    if not s:
        return ""
    s = strip_accents(str(s)).upper()
    s = s.replace("'", "").replace("’", "")
    s = re.sub(r"[^A-Z0-9 ]", " ", s)
    return " ".join(s.split())


def given_tokens(first, middle):
    toks = (nrm(first) + " " + nrm(middle)).split()
    return [t for t in toks if t not in GIVEN_PARTICLES]


def sur_tokens(last):
    toks = nrm(last).split()
    return [t for t in toks if t not in PARTICLES and len(t) > 1]


def sur_joined(last):
    toks = nrm(last).replace("SAINT", "ST").split()
    return "".join(toks)


def dl(a, b):
    return jellyfish.damerau_levenshtein_distance(a, b)


def tok_match(a, b, groups=_GROUPS):
    if a == b:
        return 3
    if len(a) == 1 or len(b) == 1:
        return 1 if a[0] == b[0] else 0
    if groups.get(a, set()) & groups.get(b, set()):
        return 2
    if max(len(a), len(b)) >= 4 and min(len(a), len(b)) >= 3 and dl(a, b) <= 1:
        return 2
    return 0


def given_grade(rf, rm, pf, pm):
    R = given_tokens(rf, rm)
    P = given_tokens(pf, pm)
    if not R or not P:
        return 0
    if "".join(R) == "".join(P):
        return 4 if len(R) > 1 else 3
    jr, jp = nrm(rf).replace(" ", ""), nrm(pf).replace(" ", "")
    if jr and jp and jr != jp and min(len(jr), len(jp)) >= 5 and dl(jr, jp) <= 1 and not nrm(rm):
        return 2
    # Korean/Chinese spacing: compare joined first-name fields
    if nrm(rf).replace(" ", "") and nrm(rf).replace(" ", "") == nrm(pf).replace(" ", ""):
        R = [nrm(rf).replace(" ", "")] + [t for t in nrm(rm).split() if t not in GIVEN_PARTICLES]
        P = [nrm(pf).replace(" ", "")] + [t for t in nrm(pm).split() if t not in GIVEN_PARTICLES]
    best = 0
    bestj = None
    for j, p in enumerate(P):
        m = tok_match(R[0], p)
        if m == 1 and len(R[0]) == 1:
            m = 1
        if j > 0 and m > 0:
            m = max(1, m - 1)
        if m > best:
            best, bestj = m, j
    if best == 0:
        # merged tokens (JI HOON vs JIHOON)
        for j in range(len(P) - 1):
            if R[0] == P[j] + P[j + 1]:
                best, bestj = 3 if j == 0 else 2, j
                P = P[:j] + [P[j] + P[j + 1]] + P[j + 2:]
                break
        else:
            for j in range(len(R) - 1):
                pass
    if best == 0:
        return 0
    rest_p = [p for j, p in enumerate(P) if j != bestj]
    confirmed = len(R) > 1
    for r in R[1:]:
        hit = None
        for k, p in enumerate(rest_p):
            if tok_match(r, p) > 0:
                hit = k
                break
        if hit is None and len(r) == 1 and nrm(pm).startswith(r):
            hit = next((k for k, p in enumerate(rest_p) if nrm(pm).split()[0] == p), None)
            if hit is None:
                continue
        if hit is None:
            if rest_p:
                return 0  # an explicit different given/middle name
            confirmed = False
        else:
            rest_p.pop(hit)
    return best + (1 if confirmed else 0)


def surname_grade(rl, pl, pm=""):
    if sur_joined(rl) and sur_joined(rl) == sur_joined(pl):
        return 3
    RS = sur_tokens(rl)
    PS = sur_tokens(pl)
    if not RS or not PS:
        return 0
    if "".join(RS) == "".join(PS):
        return 3
    PM = sur_tokens(pm)
    grades = []
    rest = list(PS)
    unmatched = []
    for r in RS:
        hit, g = None, 0
        for k, p in enumerate(rest):
            m = tok_match(r, p, _SGROUPS)
            if m >= 2 and m > g:
                hit, g = k, m
        if hit is None:
            unmatched.append(r)
        else:
            rest.pop(hit)
            grades.append(g)
    if not grades:
        # a typo inside a joined compound surname (DELENO for DE LEON / DELEON)
        a, b = sur_joined(rl), sur_joined(pl)
        if min(len(a), len(b)) >= 5 and dl(a, b) <= 1:
            return 2
        return 0
    for r in unmatched:
        if any(tok_match(r, p, _SGROUPS) >= 2 for p in PM):
            grades.append(2)
            continue
        if rest:
            return 0  # a different second surname
        grades.append(2)
    return min(grades)


def name_score(r, p):
    """r, p: dicts with first, middle, last, suffix. 0 = incompatible."""
    best = 0
    for rf, rm, rl in ((r["first"], r["middle"], r["last"]), (r["last"], r["middle"], r["first"])):
        g = given_grade(rf, rm, p["first"], p["middle"])
        s = surname_grade(rl, p["last"], p["middle"])
        if g and s:
            best = max(best, g + s)
    return best


def dob_score(rd, pd):
    """rd, pd: 'YYYY-MM-DD' strings or ''. returns (score, conflict)."""
    if not rd or not pd:
        return 0, False
    if rd == pd:
        return 2, False
    ry, rm_, rdd = rd.split("-")
    py, pm_, pdd = pd.split("-")
    if ry == py and rm_ == pdd and rdd == pm_:
        return 1, False
    diff = sum(1 for a, b in zip(rd, pd) if a != b)
    if diff == 1:
        return 1, False
    return 0, True


def suffix_score(rs, ps):
    rs, ps = nrm(rs), nrm(ps)
    if rs and ps:
        return (2, False) if rs == ps else (0, True)
    if rs and not ps:
        return 1, False
    return 1, False


def judge(req, candidates):
    """req: dict first/middle/last/suffix/dob/tin. candidates: list of person dicts (with tin,dob,suffix,...).
    returns (plausible sorted list of (key, person)), best list (ties)."""
    plaus = []
    for p in candidates:
        ns = name_score(req, p)
        if not ns:
            continue
        ds, dc = dob_score(req.get("dob", ""), p.get("dob", ""))
        if dc:
            continue
        ss, sc = suffix_score(req.get("suffix", ""), p.get("suffix", ""))
        if sc:
            continue
        if req.get("tin"):
            if req["tin"] != p["tin"]:
                continue
        plaus.append(((ns, ds, ss), p))
    plaus.sort(key=lambda x: x[0], reverse=True)
    if not plaus:
        return plaus, []
    top = plaus[0][0]
    best = [p for k, p in plaus if k == top]
    return plaus, best


# ---------------------------------------------------------------- address normalization (for scoring)
_TYPES_REV = {v: k for k, v in STREET_TYPES.items()}
_DIRS_REV = {v: k for k, v in DIRS.items()}
_ORD_REV = {v: k for k, v in ORD_WORDS.items()}


def norm_street(s):
    toks = nrm(s).split()
    out = []
    for t in toks:
        t = _TYPES_REV.get(t, t)
        t = _DIRS_REV.get(t, t)
        t = _ORD_REV.get(t, t)
        out.append(t)
    return " ".join(out)


def norm_unit(u):
    t = nrm(u).split()
    t = [x for x in t if x not in ("APT", "UNIT", "STE", "SUITE", "APARTMENT", "NO", "NUM", "RM", "FL")]
    return "".join(t)


def addr_key(street, unit, zip_):
    return (norm_street(street), norm_unit(unit), (zip_ or "")[:5])

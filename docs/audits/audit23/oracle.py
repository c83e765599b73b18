"""Audit 23 oracle: what a careful disclosure office must answer, computed from the FILES
(a master extract folder and a request package), never from the generator's intent.

Written from the contract alone (/work/shared/spec). Deliberately simple and literal:
- record rules (decisions.md, record level) for the faults the generator can produce;
- a taxpayer corresponds when its name is compatible (same first given name; further given
  names equal or initial-compatible where both present; surname equal or one a leading part
  of the other, particles ignored; suffixes not different where both present) AND one of its
  addresses (any in its history) has the same street number+name (abbreviations folded),
  the same ZIP5 (or city+state without a ZIP), and no different unit where both give one;
- a date of birth or TIN in the request that differs from a candidate's rules it out; if that
  leaves none: M_CONFLICT; two or more: M_AMBIGUOUS; the one left deceased: M_DECEASED;
- the address disclosed is the last known one: latest effective_date, on a tie FORM_8822 before
  RETURN before NCOA.
`strict=0` marks records where the contract leaves room (listed in `accept`).
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import unicodedata

USPS = set("""AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV
NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP AA AE AP""".split())
ABBR = {"STREET": "ST", "AVENUE": "AVE", "AV": "AVE", "ROAD": "RD", "DRIVE": "DR", "BOULEVARD": "BLVD",
        "LANE": "LN", "COURT": "CT", "PLACE": "PL", "NORTH": "N", "SOUTH": "S", "EAST": "E",
        "WEST": "W", "POST": "", "OFFICE": "", "P": "", "O": ""}
UNIT_WORDS = {"APT", "APARTMENT", "UNIT", "STE", "SUITE", "NO", "NUM", "#"}
PARTICLES = {"DE", "LA", "DEL", "LOS", "LAS", "Y", "DA", "DOS", "VAN", "VON"}
SUFFIXES = {"JR": "JR", "JUNIOR": "JR", "SR": "SR", "SENIOR": "SR", "II": "II", "2ND": "II",
            "III": "III", "3RD": "III", "IV": "IV", "4TH": "IV"}
PLACEHOLDERS = ["UNKNOWN", "FAILED TO PROVIDE", "N/A", "NA NA", "NONE", "DON'T CARE", "DONT CARE",
                "TBD", "HOMELESS", "REFUSED", "XXX"]
FACILITY = ["DETENTION", "JAIL", "PRISON", "CORRECTIONAL", "PROCESSING CENTER", "PENITENTIARY"]
REASON_PLACEHOLDERS = {"", "N/A", "NA", "NONE", "TBD", "REASON", "XXX", "UNKNOWN", "SEE ABOVE"}
ITIN_GROUPS = set(range(50, 66)) | set(range(70, 89)) | {90, 91, 92} | set(range(94, 100))


def fold(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).upper()
    s = re.sub(r"[^A-Z0-9# ]+", " ", s.replace("-", " "))
    return " ".join(s.split())


def street_key(street: str) -> str:
    toks = fold(street).replace("#", " ").split()
    if toks and toks[0] == "URB":  # Puerto Rico urbanizacion before the house number
        while toks and not any(c.isdigit() for c in toks[0]):
            toks.pop(0)
    toks = [ABBR.get(t, t) for t in toks]
    return " ".join(t for t in toks if t)


def unit_key(unit: str) -> str:
    toks = [t for t in fold(unit).replace("#", " # ").split() if t not in UNIT_WORDS]
    return "".join(toks)


def zip5(z: str) -> str:
    z = (z or "").strip()
    return z[:5] if re.fullmatch(r"\d{5}(-?\d{4})?", z) else ""


def given(first: str, middle: str) -> list[str]:
    return (fold(first) + " " + fold(middle)).split()


def surname(last: str) -> list[str]:
    return [t for t in fold(last).split() if t not in PARTICLES] or fold(last).split()


def suffix(s: str) -> str:
    t = fold(s).replace(" ", "")
    return SUFFIXES.get(t, t)


def given_ok(a: list[str], b: list[str]) -> bool:
    if not a or not b or a[0] != b[0]:
        return False
    for x, y in zip(a[1:], b[1:]):
        if x == y:
            continue
        if (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
            continue
        return False
    return True


def surname_ok(a: list[str], b: list[str]) -> bool:
    n = min(len(a), len(b))
    return n > 0 and a[:n] == b[:n]


def suffix_state(rq: str, tp: str) -> str:
    rq, tp = suffix(rq), suffix(tp)
    if rq and tp:
        return "same" if rq == tp else "differ"
    if rq or tp:
        return "one_side"
    return "none"


def norm_tin(t: str) -> str:
    return re.sub(r"[\s-]", "", t or "")


def parse_oneline(line: str) -> dict:
    parts = [p.strip() for p in (line or "").split(",")]
    out = {"street": "", "unit": "", "city": "", "state": "", "zip": ""}
    if len(parts) == 4 and re.match(r"^(APT|UNIT|STE|#)", parts[1]):
        parts = [parts[0] + " " + parts[1], parts[2], parts[3]]
    if len(parts) == 2:
        m = re.match(r"^(.*)\s+([A-Z]{2})\s+(\d{5}(?:-\d{4})?)$", parts[1])
        if m:
            parts = [parts[0], m.group(1), m.group(2) + " " + m.group(3)]
    if len(parts) >= 3:
        st = parts[0]
        m = re.search(r"\s(APT|UNIT|STE|#)\s*(\S+)$", st)
        if m:
            out["unit"] = m.group(0).strip()
            st = st[: m.start()]
        out["street"] = st
        out["city"] = parts[1]
        sz = parts[2].split()
        out["state"] = sz[0] if sz else ""
        out["zip"] = sz[1] if len(sz) > 1 else ""
    return out


def norm_cite(c: str) -> str:
    c = (c or "").upper().replace("§", " ").replace(".", "")
    return re.sub(r"\s+", "", c)


class Master:
    def __init__(self, folder: str) -> None:
        self.tp: dict[str, dict] = {}
        for row in csv.DictReader(open(os.path.join(folder, "taxpayers.csv"), encoding="utf-8")):
            self.tp[row["tin"]] = row
        self.addrs: dict[str, list[dict]] = {}
        self.by_street: dict[tuple[str, str], list[tuple[str, dict]]] = {}
        self.by_street_city: dict[tuple[str, str, str], list[tuple[str, dict]]] = {}
        for row in csv.DictReader(open(os.path.join(folder, "addresses.csv"), encoding="utf-8")):
            self.addrs.setdefault(row["tin"], []).append(row)
            sk = street_key(row["street"])
            self.by_street.setdefault((sk, zip5(row["zip"])), []).append((row["tin"], row))
            self.by_street_city.setdefault((sk, fold(row["city"]), fold(row["state"])), []).append((row["tin"], row))
        self.by_surname: dict[str, list[str]] = {}
        for t, row in self.tp.items():
            s = surname(row["last_name"])
            if s:
                self.by_surname.setdefault(s[0], []).append(t)

    def lka(self, tin: str, as_of: str | None = None) -> dict:
        pri = {"FORM_8822": 0, "RETURN": 1, "NCOA": 2}
        rows = self.addrs[tin]
        if as_of:
            rows = [r for r in rows if r["effective_date"] <= as_of] or rows
        return sorted(rows, key=lambda x: (x["effective_date"], -pri[x["source"]]))[-1]

    def tie_at_top(self, tin: str) -> bool:
        rows = self.addrs[tin]
        top = max(r["effective_date"] for r in rows)
        return sum(1 for r in rows if r["effective_date"] == top) > 1


def record_rules(rec: dict, seen_ids: set, statutes: set, signed_at: str, as_of: str) -> list[str]:
    codes = []
    rid = (rec.get("request_id") or "").strip()
    if not rid or rid in seen_ids:
        codes.append("R_REQUEST_ID")
    seen_ids.add(rid)
    f, ln = fold(rec.get("first_name")), fold(rec.get("last_name"))
    if (not f or not ln or any(c.isdigit() for c in f + ln) or len(f.replace(" ", "")) < 2
            or len(ln.replace(" ", "")) < 2 or f in ("UNKNOWN", "NONE", "XXX", "TEST") or ln in ("UNKNOWN", "NONE", "XXX", "TEST")):
        codes.append("R_NAME")
    a = {k: rec.get(k) or "" for k in ("street", "unit", "city", "state", "zip")}
    if not a["street"].strip() and (rec.get("address") or "").strip():
        a = parse_oneline(rec["address"])
    fields = [a[k] for k in ("street", "unit", "city", "state", "zip")]
    if not any(x.strip() for x in fields):
        codes.append("R_ADDRESS_MISSING")
    else:
        up = " ".join(x.upper() for x in fields)
        upf = " " + fold(up.replace("'", "")) + " "
        if any((" " + fold(p.replace("'", "")) + " ") in upf or p in up for p in PLACEHOLDERS):
            codes.append("R_ADDRESS_PLACEHOLDER")
        st = fold(a["street"])
        has_num = any(c.isdigit() for c in st)
        has_name = any(not any(c.isdigit() for c in t) and t not in UNIT_WORDS for t in st.split())
        if not has_num or not has_name or not (zip5(a["zip"]) or (a["city"].strip() and a["state"].strip())):
            codes.append("R_ADDRESS_INCOMPLETE")
        z = a["zip"].strip()
        if (z and (not zip5(z) or z.startswith("00000"))) or (a["state"].strip() and fold(a["state"]) not in USPS):
            codes.append("R_ADDRESS_INVALID")
        if any(w in up for w in FACILITY):
            codes.append("R_ADDRESS_FACILITY")
    t = (rec.get("tin") or "").strip()
    if t:
        n = norm_tin(t)
        if not re.fullmatch(r"\d{9}", n) or n.startswith("000") or n.startswith("666") or (
                n[0] == "9" and int(n[3:5]) not in ITIN_GROUPS):
            codes.append("R_TIN")
    tpers = (rec.get("taxable_periods") or "").strip()
    years = []
    ok = bool(tpers)
    for part in tpers.split(";"):
        part = part.strip()
        m = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", part)
        if not m:
            ok = False
            continue
        years += [int(m.group(1)), int(m.group(2) or m.group(1))]
    if not ok or any(y > int(as_of[:4]) for y in years):
        codes.append("R_PERIOD")
    if (rec.get("statute") or "").strip() and norm_cite(rec["statute"]) not in statutes:
        codes.append("R_STATUTE")
    if fold(rec.get("reason")) in REASON_PLACEHOLDERS:
        codes.append("R_REASON")
    fo = (rec.get("final_order_date") or "").strip()
    try:
        fod = dt.date.fromisoformat(fo)
    except ValueError:
        fod = None
    if fod is None:
        codes.append("R_ORDER_MISSING")
    elif fod > dt.date.fromisoformat(signed_at):
        codes.append("R_ORDER_FUTURE")
    elif (dt.date.fromisoformat(signed_at) - fod).days < 90:
        codes.append("R_ORDER_90_DAYS")
    if not (rec.get("case_number") or "").strip() or not (rec.get("case_agent_id") or "").strip():
        codes.append("R_CASE")
    return codes


def req_address(rec: dict) -> dict:
    a = {k: rec.get(k) or "" for k in ("street", "unit", "city", "state", "zip")}
    if not a["street"].strip() and (rec.get("address") or "").strip():
        a = parse_oneline(rec["address"])
    return a


def special(street: str) -> str:
    s = fold(street)
    if re.match(r"^(P ?O ?BOX|POST OFFICE BOX|BOX)\b", s):
        return "POBOX"
    if re.match(r"^(RR|RURAL ROUTE|HC)\b", s):
        return "RR"
    if re.match(r"^(PSC|UNIT|CMR)\b", s):
        return "MIL"
    if s.startswith("URB ") or " CALLE " in " " + s:
        return "PR"
    return ""


def match(m: Master, rec: dict, as_of: str) -> dict:
    a = req_address(rec)
    sk, z5 = street_key(a["street"]), zip5(a["zip"])
    rows = m.by_street.get((sk, z5), []) if z5 else m.by_street_city.get((sk, fold(a["city"]), fold(a["state"])), [])
    ru = unit_key(a["unit"])
    at_addr: dict[str, dict] = {}
    for tin, row in rows:
        mu = unit_key(row["unit"])
        if ru and mu and ru != mu:
            continue
        at_addr.setdefault(tin, row)
    g = given(rec.get("first_name", ""), rec.get("middle_name", ""))
    s = surname(rec.get("last_name", ""))

    def name_ok(tin: str) -> str:
        tp = m.tp[tin]
        if not given_ok(g, given(tp["first_name"], tp["middle_name"])):
            return ""
        if not surname_ok(s, surname(tp["last_name"])):
            ms = surname(tp["last_name"])
            if len(s) == 1 and len(ms) > 1 and s[0] in ms[1:]:
                st = suffix_state(rec.get("name_suffix", ""), tp["name_suffix"])
                return "" if st == "differ" else "weak"  # the request's surname is the taxpayer's second
            return ""
        st = suffix_state(rec.get("name_suffix", ""), tp["name_suffix"])
        return "" if st == "differ" else st

    cands = {t: name_ok(t) for t in at_addr}
    cands = {t: v for t, v in cands.items() if v}
    out = {"strict": 1, "accept": "", "why": ""}
    if not cands:
        name_elsewhere = any(name_ok(t) for t in m.by_surname.get(s[0] if s else "", []))
        rt = norm_tin(rec.get("tin", ""))
        code = "M_NAME_ONLY" if (name_elsewhere or rt in m.tp) else ("M_ADDRESS_ONLY" if at_addr else "M_NO_MATCH")
        out.update(expected="NOT_DISCLOSED", codes=code, why=f"no name+address candidate ({code})")
        return out
    rdob, rtin = (rec.get("date_of_birth") or "").strip(), norm_tin(rec.get("tin", ""))
    bad_dob = bool(rdob) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", rdob)
    if bad_dob:
        rdob = ""
        out["strict"] = 0
        out["why"] = "soft: DOB not in YYYY-MM-DD (contract silent on what follows); "

    def contradicted(t: str) -> bool:
        tp = m.tp[t]
        if rdob and tp["date_of_birth"] and rdob != tp["date_of_birth"]:
            return True
        return bool(rtin and rtin != t)

    ok = [t for t in cands if not contradicted(t)]
    weak = [t for t in ok if cands[t] == "weak"]
    strong = [t for t in ok if cands[t] != "weak"]
    if weak:
        if len(strong) + len(weak) >= 1 and len(strong) <= 1 and len(strong) + len(weak) <= 3:
            pick = strong[0] if strong else (weak[0] if len(weak) == 1 else "")
            out.update(expected="NOT_DISCLOSED", codes="M_AMBIGUOUS", strict=0,
                       accept=(f"DISCLOSE:{pick}|" if pick and len(strong) + len(weak) == 1 or (strong and pick) else "") + "NOT_DISCLOSED|REVIEW",
                       why="soft: a taxpayer whose SECOND surname is the request's surname also corresponds")
            if pick and not m.tp[pick]["date_of_death"]:
                L = m.lka(pick)
                out.update(tin=pick, street=L["street"], unit=L["unit"], city=L["city"], state=L["state"], zip=L["zip"],
                           lka_source=L["source"], lka_date=L["effective_date"])
            return out
        ok = strong
    same_sfx = [t for t in ok if cands[t] == "same"]
    if len(ok) >= 2 and len(same_sfx) == 1 and all(cands[t] == "one_side" for t in ok if t != same_sfx[0]):
        t = same_sfx[0]
        out.update(expected="NOT_DISCLOSED", codes="M_AMBIGUOUS", strict=0,
                   accept=f"DISCLOSE:{t}|NOT_DISCLOSED|REVIEW",
                   why="soft: the request's suffix matches one housemate; another of the same name has no suffix in the master")
        if not m.tp[t]["date_of_death"]:
            L = m.lka(t)
            out.update(tin=t, street=L["street"], unit=L["unit"], city=L["city"], state=L["state"], zip=L["zip"],
                       lka_source=L["source"], lka_date=L["effective_date"])
        return out
    if len(ok) >= 2:
        out.update(expected="NOT_DISCLOSED", codes="M_AMBIGUOUS", why=f"{len(ok)} taxpayers match name+address: " + ",".join(sorted(ok)))
        # judgment: exactly one candidate agrees on everything given; the others only lack data
        full = [t for t in ok if (not rdob or m.tp[t]["date_of_birth"] == rdob)
                and len(given(m.tp[t]["first_name"], m.tp[t]["middle_name"])) >= len(g)]
        lk = {(m.lka(t)["street"], m.lka(t)["unit"], m.lka(t)["zip"]) for t in ok}
        if len({m.tp[t]["date_of_birth"] for t in ok}) == 1 and m.tp[ok[0]]["date_of_birth"] and len(lk) == 1:
            out["strict"] = 2
            out["why"] += "; judgment: the candidates share name, DOB and last known address (one person under two TINs?)"
        elif len(full) == 1:
            out["strict"] = 2
            out["why"] += (f"; judgment: only {full[0]} agrees on every detail given, the other(s) lack the data "
                           "(no DOB / no middle name / deceased): the contract's 'plausibly matches' says refuse")
            out["judgment_tin"] = full[0]
        return out
    if not ok:
        out.update(expected="NOT_DISCLOSED", codes="M_CONFLICT", why="DOB/TIN contradicts every name+address candidate")
        return out
    t = ok[0]
    tp = m.tp[t]
    if tp["date_of_death"]:
        out.update(expected="NOT_DISCLOSED", codes="M_DECEASED", why="the one candidate has a date of death")
        return out
    L = m.lka(t)
    out.update(expected="DISCLOSE", codes="M_MATCH", tin=t, street=L["street"], unit=L["unit"], city=L["city"],
               state=L["state"], zip=L["zip"], lka_source=L["source"], lka_date=L["effective_date"],
               why=f"unique name+address candidate ({len(cands)} name-compatible at the address)")
    soft = []
    if special(a["street"]) or special(at_addr[t]["street"]):
        soft.append(f"special address ({special(a['street']) or special(at_addr[t]['street'])})")
    if L["effective_date"] > as_of:
        L2 = m.lka(t, as_of)
        soft.append(f"future effective_date {L['effective_date']} (LKA as of processing date would be {L2['street']} {L2['zip']})")
        out["alt_address"] = f"{L2['street']}|{L2['unit']}|{L2['zip']}"
    if m.tie_at_top(t):
        out["why"] += "; same-day tie at the top of the history"
    if soft:
        out["strict"] = 0
        out["accept"] = "DISCLOSE:" + t + "|NOT_DISCLOSED|REVIEW" + ("|REJECTED" if "special" in soft[0] else "")
        out["why"] += "; soft: " + "; ".join(soft)
    return out


def person_key(rec: dict) -> tuple:
    a = req_address(rec)
    return (" ".join(given(rec.get("first_name", ""), rec.get("middle_name", ""))), " ".join(surname(rec.get("last_name", ""))),
            suffix(rec.get("name_suffix", "")), street_key(a["street"]), unit_key(a["unit"]), zip5(a["zip"]))


def loose_key(rec: dict) -> tuple:
    """First given name, surname, suffix, street and ZIP: one person at one address."""
    k = person_key(rec)
    return (k[0].split(" ")[0] if k[0] else "", k[1], k[2], k[3], k[5])


def truth(master_dir: str, pkg_dir: str, as_of: str, designated: list[str], earlier: list[str] | None = None) -> list[dict]:
    m = Master(master_dir)
    man = json.load(open(os.path.join(pkg_dir, "batch.json"), encoding="utf-8"))
    statutes = {norm_cite(c) for c in designated}
    recs = list(csv.DictReader(open(os.path.join(pkg_dir, man["records_file"]), encoding="utf-8")))
    recs = [{k.lower(): (v or "") for k, v in r.items()} for r in recs]
    earlier_anum: dict[tuple, set] = {}
    for ep in earlier or []:
        eman = json.load(open(os.path.join(ep, "batch.json"), encoding="utf-8"))
        for er in csv.DictReader(open(os.path.join(ep, eman["records_file"]), encoding="utf-8")):
            er = {k.lower(): (v or "") for k, v in er.items()}
            if er.get("a_number"):
                earlier_anum.setdefault(loose_key(er)[:3], set()).add(er["a_number"].strip().upper())
    # A-numbers within the batch: one name+address asked under two A-numbers, or one A-number
    # under two names. The contract is silent on A-numbers; either reading is defensible.
    names_by_anum: dict[str, set] = {}
    anums_by_name: dict[tuple, set] = {}
    for er in recs:
        an0 = (er.get("a_number") or "").strip().upper()
        if an0:
            names_by_anum.setdefault(an0, set()).add(person_key(er)[:3])
            anums_by_name.setdefault(loose_key(er), set()).add(an0)
    seen: set = set()
    exact_seen: dict[tuple, str] = {}
    anum_seen: dict[str, tuple] = {}
    name_dob_seen: dict[tuple, str] = {}
    out = []
    for rec in recs:
        codes = record_rules(rec, seen, statutes, man["signed_at"], as_of)
        pk = person_key(rec)
        dup_strict = pk in exact_seen
        dup_soft = ""
        an = (rec.get("a_number") or "").strip().upper()
        if an and an in anum_seen and not dup_strict:
            prev = anum_seen[an]
            same_name = prev[:3] == pk[:3]
            dup_soft = "same A-number as an earlier record" + ("" if same_name else " but another name")
        nd = (pk[0], pk[1], pk[2], (rec.get("date_of_birth") or "").strip())
        if not dup_strict and not dup_soft and nd in name_dob_seen and nd[3]:
            dup_soft = "same name and DOB as an earlier record"
        rt = norm_tin(rec.get("tin", ""))
        exact_seen.setdefault(pk, rec["request_id"])
        if an:
            anum_seen.setdefault(an, pk)
        name_dob_seen.setdefault(nd, rec["request_id"])
        anum_split = len(anums_by_name.get(loose_key(rec), ())) > 1
        if dup_strict and not anum_split:
            codes.append("R_DUPLICATE")
        row = {"request_id": rec["request_id"], "tin": "", "street": "", "unit": "", "city": "", "state": "",
               "zip": "", "lka_source": "", "lka_date": "", "alt_address": "", "strict": 1, "accept": "", "why": ""}
        if codes:
            row.update(expected="REJECTED", codes=";".join(sorted(set(codes))), why="record rule(s)")
            out.append(row)
            continue
        res = match(m, rec, as_of)
        us = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})", (rec.get("date_of_birth") or "").strip())
        if us:  # a US-style DOB: whatever the ISO reading would disclose is acceptable, as is refusing
            res2 = match(m, dict(rec, date_of_birth=f"{us.group(3)}-{us.group(1)}-{us.group(2)}"), as_of)
            res["accept"] = ("DISCLOSE:" + res2["tin"] + "|" if res2.get("expected") == "DISCLOSE" else "") + "NOT_DISCLOSED|REVIEW|REJECTED"
        row.update(res)
        if dup_soft:
            row["strict"] = 0
            acc = "|".join(x for x in ["DISCLOSE:" + res["tin"] if res.get("tin") else "", res["expected"] if res["expected"] != "DISCLOSE" else "",
                                       "REJECTED", "NOT_DISCLOSED", "REVIEW"] if x)
            row["accept"] = acc
            row["why"] += f"; soft: {dup_soft} (R_DUPLICATE would be defensible)"
        if (an and len(names_by_anum.get(an, ())) > 1) or anum_split:
            row["strict"] = 0
            row["accept"] = "|".join(x for x in ["DISCLOSE:" + res["tin"] if res.get("tin") else "", "NOT_DISCLOSED", "REVIEW", "REJECTED"] if x)
            row["why"] += "; soft: this batch gives this person two A-numbers, or this A-number two names"
        prev_an = earlier_anum.get(loose_key(rec)[:3], set())
        if an and prev_an and an not in prev_an:
            row["strict"] = 0
            row["accept"] = "|".join(x for x in ["DISCLOSE:" + res["tin"] if res.get("tin") else "", "NOT_DISCLOSED", "REVIEW"] if x)
            row["why"] += "; soft: an earlier batch asked for this name with another A-number"
        if rt and rt in m.tp and res.get("tin") and rt != res["tin"]:
            row["why"] += "; TIN given belongs to another taxpayer"
        out.append(row)
    return out


COLS = ["request_id", "expected", "codes", "judgment_tin", "tin", "street", "unit", "city", "state", "zip", "lka_source",
        "lka_date", "alt_address", "strict", "accept", "why"]


def write_truth(master_dir: str, pkg_dir: str, as_of: str, designated: list[str], path: str,
                earlier: list[str] | None = None) -> None:
    rows = truth(master_dir, pkg_dir, as_of, designated, earlier)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLS)
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") for k in COLS})


if __name__ == "__main__":
    import sys
    out = sys.argv[1]
    meta = json.load(open(os.path.join(out, "meta.json")))
    write_truth(os.path.join(out, "master1"), os.path.join(out, "pkg1"), meta["as_of1"], ["8 U.S.C. 1253(a)(1)"],
                os.path.join(out, "truth1.csv"))
    write_truth(os.path.join(out, "master2"), os.path.join(out, "pkg2"), meta["as_of2"], ["8 U.S.C. 1253(a)(1)"],
                os.path.join(out, "truth2.csv"), earlier=[os.path.join(out, "pkg1")])

"""audit22: the record-level rules of decisions.md, implemented from the contract text only"""
import datetime as dt, re
import lib

PLACEHOLDERS = ["UNKNOWN", "FAILED TO PROVIDE", "N/A", "NA NA", "NONE", "DON'T CARE", "DONT CARE", "TBD",
                "HOMELESS", "REFUSED", "XXX", "UNKNOWN ADDRESS"]
NAME_PH = {"UNKNOWN", "NONE", "N/A", "NA", "FNU", "LNU", "TEST", "XXX", "TBD"}
REASON_PH = {"", "N/A", "NA", "TBD", "NONE", "REASON", "UNKNOWN", "XXX", "-", "TEST"}
FACILITY = re.compile(r"\b(JAIL|PRISON|DETENTION|PROCESSING CENTER|CORRECTIONAL)\b")
USPS = set("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC "
           "ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP AA AE AP".split())
ZIP_PREFIX = {"TX": ["75", "76", "77", "78", "79", "885"], "CA": ["90", "91", "92", "93", "94", "95", "960", "961"],
              "AZ": ["85", "86"], "IL": ["60", "61", "62"], "FL": ["32", "33", "34"], "NY": ["10", "11", "12", "13", "14"],
              "UT": ["84"], "PR": ["006", "007", "009"], "NM": ["87", "880", "881", "882", "883", "884"],
              "AE": ["09"], "AP": ["962", "963", "964", "965", "966"]}
DESIGNATED = {"8USC1253(A)(1)"}


def norm_cite(s):
    s = lib.fold(s).replace("§", "").replace(".", "").replace(" ", "")
    return s.replace("USC", "USC")


def has_ph(v):
    v = " " + re.sub(r"\s+", " ", lib.fold(v)) + " "
    return any(re.search(r"(?<![A-Z0-9])" + re.escape(p) + r"(?![A-Z0-9])", v) for p in PLACEHOLDERS)


def addr_codes(r):
    fields = [r.get(k) or "" for k in ("street", "unit", "city", "state", "zip", "address")]
    if not any(f.strip() for f in fields):
        return ["R_ADDRESS_MISSING"]
    codes = set()
    if any(has_ph(f) for f in fields if f.strip()):
        codes.add("R_ADDRESS_PLACEHOLDER")
    if (r.get("street") or "").strip():
        street, unit, city, state, zip_ = (r.get(k) or "" for k in ("street", "unit", "city", "state", "zip"))
    else:
        street, unit, city, state, zip_ = lib.parse_address_line(r.get("address") or "")
        if not street.strip() and not state:  # address held a bare zip
            pass
        if re.fullmatch(r"\s*\d{5}(-\d{4})?\s*", r.get("address") or ""):
            street, zip_ = "", (r.get("address") or "").strip()
    c = lib.parse_street(street, unit)
    if c["kind"] == "STD" and (not c["num"] or not c["name"]):
        codes.add("R_ADDRESS_INCOMPLETE")
    if not ((city.strip() and state.strip()) or zip_.strip()):
        codes.add("R_ADDRESS_INCOMPLETE")
    z, s = lib.fold(zip_), lib.fold(state)
    if z and (not re.fullmatch(r"\d{5}(-\d{4})?", z) or z.startswith("00000")):
        codes.add("R_ADDRESS_INVALID")
    if s and s not in USPS:
        codes.add("R_ADDRESS_INVALID")
    if z and s in ZIP_PREFIX and re.fullmatch(r"\d{5}(-\d{4})?", z) and not any(z.startswith(p) for p in ZIP_PREFIX[s]):
        codes.add("R_ADDRESS_INVALID")
    if FACILITY.search(lib.fold(street + " " + (r.get("address") or ""))):
        codes.add("R_ADDRESS_FACILITY")
    return sorted(codes)


def name_bad(v):
    f = lib.fold(v).replace(".", "").strip()
    if not f or f in NAME_PH or re.search(r"\d", f) or len(f.replace(" ", "")) <= 1:
        return True
    return False


def period_bad(p, as_of):
    p = (p or "").strip()
    if not p:
        return True
    parts = [x.strip() for x in p.split(";")]
    years = []
    for x in parts:
        m = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", x)
        if not m:
            return True
        years += [int(m.group(1)), int(m.group(2) or m.group(1))]
    return any(y > as_of.year for y in years)


def record_codes(rows, signed, as_of):
    out = []
    seen_ids, seen_person = set(), set()
    agents = {}
    for r in rows:
        a = (r.get("case_agent_id") or "").strip()
        if a:
            agents[a] = agents.get(a, 0) + 1
    for r in rows:
        c = set()
        rid = (r.get("request_id") or "").strip()
        if not rid or rid in seen_ids:
            c.add("R_REQUEST_ID")
        seen_ids.add(rid)
        if name_bad(r.get("first_name")) or name_bad(r.get("last_name")):
            c.add("R_NAME")
        c.update(addr_codes(r))
        t = (r.get("tin") or "")
        if t.strip() and not lib.tin_ok(t.strip()):
            c.add("R_TIN")
        if period_bad(r.get("taxable_periods"), as_of):
            c.add("R_PERIOD")
        st = (r.get("statute") or "").strip()
        if st and norm_cite(st) not in DESIGNATED:
            c.add("R_STATUTE")
        if lib.fold(r.get("reason") or "").strip() in REASON_PH:
            c.add("R_REASON")
        od = lib.parse_date(r.get("final_order_date") or "")
        if not od:
            c.add("R_ORDER_MISSING")
        elif od > signed:
            c.add("R_ORDER_FUTURE")
        elif (signed - od).days < 90:
            c.add("R_ORDER_90_DAYS")
        if not (r.get("case_number") or "").strip() or not (r.get("case_agent_id") or "").strip():
            c.add("R_CASE")
        a = (r.get("case_agent_id") or "").strip()
        if a and agents[a] > 100:
            c.add("R_CASELOAD")
        key = (tuple(lib.given_tokens(r.get("first_name"), r.get("middle_name"))),
               tuple(lib.sur_tokens(r.get("last_name"))), lib.fold(r.get("date_of_birth")),
               tuple(sorted((k, v) for k, v in lib.req_akey(r).items() if k not in ("city",))))
        if key in seen_person and key[0] and key[1]:
            c.add("R_DUPLICATE")
        seen_person.add(key)
        out.append(sorted(c))
    return out

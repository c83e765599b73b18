"""Legal defects, one per record, each with the reason code the rules must give it.

Each mutation takes the fields of an otherwise sufficient record (a real taxpayer's name and
address, valid legal parts) and breaks exactly one element, so the expected code is
unambiguous. Address placeholders keep a real city, state and ZIP; facilities keep their
street address; the 90-day and future orders keep a well-formed date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import numpy as np

from dgate.synth.geo import Geography
from dgate.synth.population import ITIN_GROUPS
from dgate.synth.tables_places import FACILITIES

Fields = dict[str, str]

NAME_PLACEHOLDERS = ("UNKNOWN", "X", "12345", "NONE")
ADDRESS_PLACEHOLDERS = ("Failed to Provide", "Unknown Address", "NA NA", "Don't Care 12345",
                        "UNKNOWN", "N/A", "HOMELESS", "REFUSED", "TBD")
REASON_PLACEHOLDERS = ("N/A", "TBD", "", "NONE", "UNKNOWN", "XXX")
ORDER_NOT_DATES = ("", "UNKNOWN", "2024-02-30", "PENDING")
CIVIL_STATUTE = "8 U.S.C. 1229a"


def _pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return str(options[int(rng.integers(0, len(options)))])


def name_missing(rng: np.random.Generator, f: Fields, **_: object) -> None:
    field = "first_name" if rng.random() < 0.5 else "last_name"
    f[field] = "" if rng.random() < 0.4 else _pick(rng, NAME_PLACEHOLDERS)


def address_missing(rng: np.random.Generator, f: Fields, **_: object) -> None:
    for k in ("street", "unit", "city", "state", "zip", "address"):
        f[k] = ""


def address_placeholder(rng: np.random.Generator, f: Fields, **_: object) -> None:
    phrase = _pick(rng, ADDRESS_PLACEHOLDERS)
    if rng.random() < 0.2:
        f["city"] = phrase.upper()
    else:
        f["street"], f["unit"] = phrase, ""


def address_incomplete(rng: np.random.Generator, f: Fields, **_: object) -> None:
    r = rng.random()
    if r < 0.4:  # ZIP only
        f["street"] = f["unit"] = f["city"] = f["state"] = ""
    elif r < 0.8:  # no street number
        f["street"] = f["street"].split(" ", 1)[1]
    else:  # a number and nothing else
        f["street"] = f["street"].split(" ", 1)[0]


def address_invalid(rng: np.random.Generator, f: Fields, *, geo: Geography, **_: object) -> None:
    r = rng.random()
    if r < 0.4:
        f["zip"] = "00000"
    elif r < 0.7:
        others = [z for z, s in zip(geo.zip_code, geo.zip_state, strict=True) if s != f["state"]]
        f["zip"] = others[int(rng.integers(0, len(others)))] if others else (
            "99501" if f["state"] != "AK" else "10001")
    elif r < 0.85:
        f["zip"] = _pick(rng, ("7703", "ABCDE", "123456"))
    else:
        f["state"] = "XX"


def address_facility(rng: np.random.Generator, f: Fields, **_: object) -> None:
    name, street, city, state, zip_code = FACILITIES[int(rng.integers(0, len(FACILITIES)))]
    line = f"{name}, {street}" if rng.random() < 0.5 else f"{street}, {name}"
    f.update(street=line, unit="", city=city, state=state, zip=zip_code, address="")


def tin_invalid(rng: np.random.Generator, f: Fields, **_: object) -> None:
    digits = "".join(str(d) for d in rng.integers(0, 10, 8))
    bad_itin_groups = [g for g in range(10, 100) if g not in set(ITIN_GROUPS.tolist())]
    options = (
        "000" + digits[:6],
        "666" + digits[:6],
        digits,                                   # 8 digits
        digits + "12",                            # 10 digits
        f"9{digits[0]}{digits[1]}{bad_itin_groups[int(rng.integers(0, len(bad_itin_groups)))]}"
        f"{digits[2:6]}",                         # 9xx outside the ITIN groups
        f"{digits[:3]}-{digits[3:5]}-{digits[5:7]}X",
    )
    f["tin"] = options[int(rng.integers(0, len(options)))]


def period_invalid(rng: np.random.Generator, f: Fields, *, as_of: date, **_: object) -> None:
    y = as_of.year
    f["taxable_periods"] = _pick(rng, (f"{y + 1}", f"{y - 2};{y + 2}", "TY2023", "ALL YEARS",
                                       f"{y + 1}-{y + 3}"))


def statute_civil(rng: np.random.Generator, f: Fields, **_: object) -> None:
    f["statute"] = CIVIL_STATUTE


def reason_placeholder(rng: np.random.Generator, f: Fields, **_: object) -> None:
    f["reason"] = _pick(rng, REASON_PLACEHOLDERS)


def order_missing(rng: np.random.Generator, f: Fields, **_: object) -> None:
    f["final_order_date"] = _pick(rng, ORDER_NOT_DATES)


def order_future(rng: np.random.Generator, f: Fields, *, signed_at: date, **_: object) -> None:
    f["final_order_date"] = (signed_at + timedelta(days=int(rng.integers(1, 61)))).isoformat()


def order_90_days(rng: np.random.Generator, f: Fields, *, signed_at: date, **_: object) -> None:
    f["final_order_date"] = (signed_at - timedelta(days=int(rng.integers(20, 61)))).isoformat()


Mutation = Callable[..., None]

# scenario name -> (mutation of the record's fields, expected reason code). The defects
# settled at assembly (request id, case number, duplicates, caseload) have no mutation here.
DEFECTS: dict[str, tuple[Mutation | None, str]] = {
    "name_missing": (name_missing, "R_NAME"),
    "address_missing": (address_missing, "R_ADDRESS_MISSING"),
    "address_placeholder": (address_placeholder, "R_ADDRESS_PLACEHOLDER"),
    "address_incomplete": (address_incomplete, "R_ADDRESS_INCOMPLETE"),
    "address_invalid": (address_invalid, "R_ADDRESS_INVALID"),
    "address_facility": (address_facility, "R_ADDRESS_FACILITY"),
    "tin_invalid": (tin_invalid, "R_TIN"),
    "period_invalid": (period_invalid, "R_PERIOD"),
    "statute_civil": (statute_civil, "R_STATUTE"),
    "reason_placeholder": (reason_placeholder, "R_REASON"),
    "order_missing": (order_missing, "R_ORDER_MISSING"),
    "order_future": (order_future, "R_ORDER_FUTURE"),
    "order_90_days": (order_90_days, "R_ORDER_90_DAYS"),
    "case_missing": (None, "R_CASE"),
    "request_id_repeat": (None, "R_REQUEST_ID"),
    "duplicate_person": (None, "R_DUPLICATE"),
    "caseload": (None, "R_CASELOAD"),
}

"""Independent readers and checkers for the synth tests (not the generator's own code)."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

ABBREV = {
    "STREET": "ST", "AVENUE": "AVE", "DRIVE": "DR", "ROAD": "RD", "LANE": "LN",
    "BOULEVARD": "BLVD", "COURT": "CT", "PLACE": "PL", "PARKWAY": "PKWY", "CIRCLE": "CIR",
    "TERRACE": "TER", "NORTH": "N", "SOUTH": "S", "EAST": "E", "WEST": "W",
}
UNIT_WORDS = {"APT", "UNIT", "NO"}
ITIN_GROUPS = {*range(50, 66), *range(70, 89), *range(90, 93), *range(94, 100)}
SOURCE_ORDER = {"FORM_8822": 2, "RETURN": 1, "NCOA": 0}


def fold(text: str | None) -> str:
    nfkd = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in nfkd if not unicodedata.combining(c)).upper()


def tokens(text: str | None) -> list[str]:
    words = re.sub(r"[.,#\-]", " ", fold(text)).split()
    return [ABBREV.get(w, w) for w in words if w not in UNIT_WORDS]


def valid_tin(tin: str) -> str | None:
    """'SSN', 'ITIN' or None for an impossible TIN."""
    if not re.fullmatch(r"\d{9}", tin):
        return None
    area, group, serial = int(tin[:3]), int(tin[3:5]), int(tin[5:])
    if tin[0] == "9":
        return "ITIN" if group in ITIN_GROUPS else None
    if area in (0, 666) or group == 0 or serial == 0:
        return None
    return "SSN"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


class Master:
    def __init__(self, folder: Path) -> None:
        self.taxpayers = pq.read_table(folder / "taxpayers.parquet")
        self.addresses = pq.read_table(folder / "addresses.parquet")
        self.person = {r["tin"]: r for r in self.taxpayers.to_pylist()}
        self.history: dict[str, list[dict]] = defaultdict(list)
        self.at: dict[tuple, set[str]] = defaultdict(set)   # (street+unit tokens, zip) -> tins
        for r in self.addresses.to_pylist():
            self.history[r["tin"]].append(r)
            self.at[address_key(r["street"], r["unit"], r["zip"])].add(r["tin"])

    def last_known(self, tin: str) -> dict:
        return max(self.history[tin],
                   key=lambda r: (r["effective_date"], SOURCE_ORDER[r["source"]]))


def address_key(street: str | None, unit: str | None, zip_code: str | None) -> tuple:
    return (tuple(tokens(street) + tokens(unit)), (zip_code or "")[:5])


def request_keys(rec: dict[str, str]) -> tuple[str, str, str]:
    """(street line incl. unit, zip, state) of a record, from the columns or the one-line
    address "line, city, ST zip"."""
    if rec["street"]:
        return f"{rec['street']} {rec['unit']}", rec["zip"], rec["state"]
    line, _, rest = rec["address"].rpartition(", ")
    line1 = line.split(", ")[0]
    state, zip_code = rest.split(" ")
    return line1, zip_code, state


def matches_history(rec: dict[str, str], rows: list[dict]) -> bool:
    """The request's address equals one of the rows after folding (the unit may be
    omitted by the request)."""
    line, zip_code, _ = request_keys(rec)
    want = (tuple(tokens(line)), zip_code[:5])
    for r in rows:
        full = address_key(r["street"], r["unit"], r["zip"])
        bare = address_key(r["street"], None, r["zip"])
        if want in (full, bare):
            return True
    return False


def parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None

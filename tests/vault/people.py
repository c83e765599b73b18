"""Synthetic people with long, distinctive names and streets, so that a byte search of the
home for any of them cannot hit by chance (every term is 6+ characters), and a CLI flow
over them: submit, review, two approvals, release, accounting export outside the home."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from tests.e2e.handmade import AS_OF, dgate, new_key, write_package

# tin, type, first, middle, last, suffix, dob, dod
TAXPAYERS = [
    ("471829365", "SSN", "Wenceslao", "", "Quintanilla Barrientos", "", "1979-08-23", ""),
    ("482910374", "SSN", "Philomena", "", "Hargreaves", "", "1968-02-14", ""),
    ("493847561", "SSN", "Leopoldine", "", "Vanderstraeten", "", "1983-11-30", ""),
]
# tin, street, unit, city, state, zip, source, tax_year, effective_date
ADDRESSES = [
    ("471829365", "4817 Brightwater Crossing", "", "Austin", "TX", "78745", "RETURN", "2024",
     "2025-03-01"),
    ("482910374", "2290 Thistlewood Parkway", "", "Denver", "CO", "80203", "RETURN", "2024",
     "2025-02-01"),
    ("493847561", "615 Marchbanks Terrace", "", "Boise", "ID", "83702", "RETURN", "2024",
     "2025-04-01"),
]
REQUESTS = [
    # an exact match: disclosed
    dict(request_id="Q1", first_name="Wenceslao", last_name="Quintanilla Barrientos",
         street="4817 Brightwater Crossing", city="Austin", state="TX", zip="78745",
         date_of_birth="1979-08-23", tin="471-82-9365"),
    # the date of birth one digit off: a person decides
    dict(request_id="Q2", first_name="Philomena", last_name="Hargreaves",
         street="2290 Thistlewood Pkwy", city="Denver", state="CO", zip="80203",
         date_of_birth="1968-02-15"),
    # nobody of that name: not disclosed
    dict(request_id="Q3", first_name="Bartholomew", last_name="Featherstonehaugh",
         street="77 Cranberry Hollow Rd", city="Boise", state="ID", zip="83702",
         date_of_birth="1990-06-17"),
    # a second exact match
    dict(request_id="Q4", first_name="Leopoldine", last_name="Vanderstraeten",
         street="615 Marchbanks Terrace", city="Boise", state="ID", zip="83702",
         date_of_birth="1983-11-30"),
]


def secret_terms() -> set[str]:
    """Every surname (and its parts), given name, TIN (with and without dashes), date of
    birth and street name of the requests and the matched taxpayers."""
    terms: set[str] = set()
    for tin, _t, first, _m, last, _s, dob, _d in TAXPAYERS:
        terms |= {first, last, *last.split(), tin, f"{tin[:3]}-{tin[3:5]}-{tin[5:]}", dob}
    for r in REQUESTS:
        terms |= {r["first_name"], r["last_name"], *r["last_name"].split(),
                  r["date_of_birth"]}
        if r.get("tin"):
            terms.add(r["tin"])
    for street in [a[1] for a in ADDRESSES] + [r["street"] for r in REQUESTS]:
        terms |= {w for w in street.split() if w.isalpha() and len(w) >= 6
                  and w.lower() not in ("crossing", "parkway", "terrace", "hollow")}
    assert all(len(t) >= 6 for t in terms)
    return terms


def variants(term: str) -> set[bytes]:
    return {term.encode("utf-8"), term.upper().encode("utf-8"),
            term.lower().encode("utf-8"), term.encode("utf-16-le")}


def write_master(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, header, rows in (
            ("taxpayers", ["tin", "tin_type", "first_name", "middle_name", "last_name",
                           "name_suffix", "date_of_birth", "date_of_death"], TAXPAYERS),
            ("addresses", ["tin", "street", "unit", "city", "state", "zip", "source",
                           "tax_year", "effective_date"], ADDRESSES)):
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            w.writerows(rows)
    return folder


@dataclass
class Flow:
    home: Path
    outside: Path
    batch: str
    disclosed: int


def setup(tmp: Path) -> tuple[Path, object]:
    home = tmp / "home"
    assert dgate(home, "init").code == 0
    for user, role in (("clerk", "intake"), ("rev", "reviewer"), ("off1", "disclosure_officer"),
                       ("off2", "disclosure_officer"), ("aud", "auditor")):
        r = dgate(home, "user", "add", user, "--role", role, user="admin")
        assert r.code == 0, r.err
    key, pub = new_key(tmp / "keys")
    for args in (("agency", "add", "ICE", "--name", "Immigration and Customs Enforcement",
                  "--statute", "8 USC 1253(a)(1)"),
                 ("official", "add", "ICE", "ICE-DIR-01", "--name", "Pat Example", "--title",
                  "Director", "--public-key", str(pub), "--valid-from", "2026-01-01"),
                 ("master", "load", str(write_master(tmp / "master")))):
        r = dgate(home, *args, user="admin")
        assert r.code == 0, r.err
    return home, key


def full_flow(tmp: Path) -> Flow:
    """Everything a batch goes through, by the CLI; files meant to leave are written to
    `outside`, never into the home."""
    home, key = setup(tmp)
    outside = tmp / "outside"
    outside.mkdir()
    pkg = write_package(tmp / "pkg", key, REQUESTS)  # type: ignore[arg-type]
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert sub.code == 0, sub.err
    batch = sub.last_line
    pending = dgate(home, "review", "list", batch, user="rev").out.strip().splitlines()[1:]
    for line in pending:
        r = dgate(home, "review", "decide", line.split()[0], "--disclose", user="rev")
        assert r.code == 0, r.err
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", batch, user=officer).code == 0
    rel = dgate(home, "batch", "release", batch, "--out", str(outside / "response.csv"),
                user="off2")
    assert rel.code == 0, rel.err
    for args in (("batch", "decisions", batch, "--out", str(outside / "decisions.csv")),
                 ("accounting", "export", "--out", str(outside / "accounting.csv"))):
        r = dgate(home, *args, user="aud")
        assert r.code == 0, r.err
    text = (outside / "response.csv").read_text(encoding="utf-8")
    return Flow(home, outside, batch, text.count(",DISCLOSED,"))

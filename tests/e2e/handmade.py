"""Files written by hand to the letter of the spec (request-format.md, master-format.md),
without any of the project's own writers, and a way to drive the real CLI in-process."""

from __future__ import annotations

import atexit
import base64
import csv
import hashlib
import io
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Mapping, Sequence
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from dgate.cli import main

AS_OF = "2026-11-25"
SIGNED_AT = "2026-11-20"

RECORD_HEADER = ["request_id", "first_name", "middle_name", "last_name", "name_suffix",
                 "date_of_birth", "tin", "a_number", "street", "unit", "city", "state", "zip",
                 "address", "taxable_periods", "statute", "reason", "final_order_date",
                 "case_number", "case_agent_id"]

TAXPAYERS = [
    # tin, type, first, middle, last, suffix, dob, dod
    ("401223344", "SSN", "María Guadalupe", "", "García López", "", "1980-04-12", ""),
    ("402334455", "SSN", "JOHN", "", "SMITH", "SR", "1955-01-01", ""),
    ("402334466", "SSN", "JOHN", "", "SMITH", "JR", "1985-02-02", ""),
    ("403445566", "SSN", "Robert", "", "Johnson", "", "1970-07-07", ""),
    ("904781234", "ITIN", "José Luis", "", "De la Cruz", "", "1975-03-03", ""),
    ("405667788", "SSN", "Ana", "", "Torres", "", "1949-09-09", "2025-01-15"),
]
ADDRESSES = [
    # tin, street, unit, city, state, zip, source, tax_year, effective_date
    ("401223344", "123 North Main Street", "Apt 4B", "Austin", "TX", "78701", "RETURN", "2022",
     "2023-03-01"),
    ("401223344", "500 E 7th St", "", "Austin", "TX", "78701", "FORM_8822", "", "2024-06-10"),
    ("402334455", "77 Oak Ave", "", "Chicago", "IL", "60629", "RETURN", "2024", "2025-02-01"),
    ("402334466", "77 Oak Ave", "", "Chicago", "IL", "60629", "RETURN", "2024", "2025-02-01"),
    ("403445566", "9 Elm St", "", "Miami", "FL", "33125", "RETURN", "2024", "2025-03-01"),
    ("904781234", "2200 S Congress Ave", "Unit 12", "Austin", "TX", "78704", "RETURN", "2023",
     "2024-02-01"),
    # same day as the return: the return wins the tie (FORM_8822 > RETURN > NCOA)
    ("904781234", "2200 S Congress Ave", "Unit 14", "Austin", "TX", "78704", "NCOA", "",
     "2024-02-01"),
    ("405667788", "14 Bay Rd", "", "Miami", "FL", "33125", "RETURN", "2023", "2024-04-01"),
]

BASE = {"middle_name": "", "name_suffix": "", "date_of_birth": "", "tin": "", "a_number": "",
        "unit": "", "address": "", "taxable_periods": "2023;2024", "statute": "",
        "reason": "Subject is under criminal investigation for willful failure to depart "
                  "after a final order of removal.",
        "final_order_date": "2026-01-15", "case_number": "CR-2026-0001",
        "case_agent_id": "AGENT-7"}

# request, and the (disposition, codes, tin) the law and the spec require for it (each
# of the `;`-separated codes must be among the record's)
CASES = [
    (dict(request_id="R1", first_name="Maria", last_name="Garcia", street="123 N Main St",
          unit="#4B", city="Austin", state="TX", zip="78701-1234"),
     ("DISCLOSE", "M_MATCH", "401223344")),
    (dict(request_id="R2", first_name="John", last_name="Smith", street="77 Oak Avenue",
          city="Chicago", state="IL", zip="60629"), ("NOT_DISCLOSED", "M_AMBIGUOUS", "")),
    (dict(request_id="R3", first_name="John", last_name="Smith", name_suffix="Jr.",
          street="77 Oak Ave", city="Chicago", state="IL", zip="60629"),
     ("DISCLOSE", "M_MATCH", "402334466")),
    (dict(request_id="R4", first_name="Robert", last_name="Johnson", street="42 Pine Rd",
          city="Miami", state="FL", zip="33125"), ("NOT_DISCLOSED", "M_NAME_ONLY", "")),
    (dict(request_id="R5", first_name="Alice", last_name="Nobody", street="9 Elm Street",
          city="Miami", state="FL", zip="33125"), ("NOT_DISCLOSED", "M_ADDRESS_ONLY", "")),
    (dict(request_id="R6", first_name="Pedro", last_name="Ramirez", street="Failed to Provide",
          city="Austin", state="TX", zip="78701"), ("REJECTED", "R_ADDRESS_PLACEHOLDER", "")),
    (dict(request_id="R7", first_name="Robert", last_name="Johnson", street="9 Elm St",
          city="Miami", state="FL", zip="33125", final_order_date="2026-10-21"),
     ("REJECTED", "R_ORDER_90_DAYS", "")),
    (dict(request_id="R8", first_name="Maria", last_name="Garcia Lopez",
          street="500 East 7th Street", city="Austin", state="TX", zip="78701",
          date_of_birth="1990-01-01"), ("NOT_DISCLOSED", "M_CONFLICT", "")),
    (dict(request_id="R9", first_name="Jose", middle_name="Luis", last_name="Cruz",
          address="2200 South Congress Avenue #12, Austin, TX 78704"),
     ("DISCLOSE", "M_MATCH", "904781234")),
    (dict(request_id="R10", first_name="Ana", last_name="Torres", street="14 Bay Road",
          city="Miami", state="FL", zip="33125"), ("NOT_DISCLOSED", "M_DECEASED", "")),
    # Robert Johnson's name is a taxpayer's elsewhere (9 Elm St) AND the address is another
    # taxpayer's: both codes apply, and a record carries every code that applies
    (dict(request_id="R11", first_name="Robert", last_name="Johnson", street="14 Bay Road",
          city="Miami", state="FL", zip="33125"),
     ("NOT_DISCLOSED", "M_ADDRESS_ONLY;M_NAME_ONLY", "")),
]


def write_master(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "taxpayers.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["tin", "tin_type", "first_name", "middle_name", "last_name", "name_suffix",
                    "date_of_birth", "date_of_death"])
        w.writerows(TAXPAYERS)
    with (folder / "addresses.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["tin", "street", "unit", "city", "state", "zip", "source", "tax_year",
                    "effective_date"])
        w.writerows(ADDRESSES)
    return folder


def new_key(folder: Path) -> tuple[Ed25519PrivateKey, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pub = folder / "official.pub.pem"
    pub.write_bytes(key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    return key, pub


def records_csv(rows: list[dict[str, str]], header: Sequence[str] | None = None) -> bytes:
    """The records file; `header`: the names written for RECORD_HEADER's columns, in its
    order (a requester's spelling of them), RECORD_HEADER itself by default."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header or RECORD_HEADER)
    for r in rows:
        full = {**BASE, **r}
        if not full.keys() <= set(RECORD_HEADER):  # a misspelt field, as DictWriter refused
            raise ValueError(f"not a record column: {sorted(full.keys() - set(RECORD_HEADER))}")
        w.writerow([full.get(c, "") for c in RECORD_HEADER])
    return buf.getvalue().encode("utf-8")


def write_package(folder: Path, key: Ed25519PrivateKey, rows: list[dict[str, str]], *,
                  batch_id: str = "ICE-2026-000123", sign: bool = True,
                  header: Sequence[str] | None = None,
                  **manifest_overrides: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = records_csv(rows, header)
    (folder / "records.csv").write_bytes(data)
    manifest: dict[str, object] = {
        "batch_id": batch_id, "requesting_agency": "ICE",
        "signed_by": {"official_id": "ICE-DIR-01", "name": "Pat Example", "title": "Director"},
        "signed_at": SIGNED_AT, "statutory_authority": ["8 U.S.C. 1253(a)(1)"],
        "reason": "Each listed person is the subject of an open criminal investigation under "
                  "8 U.S.C. 1253(a)(1) for willful failure to depart.",
        "certifications": {"subjects_under_criminal_investigation": True,
                           "use_solely_for_proceeding": True,
                           "recipients_personally_and_directly_engaged": True,
                           "publication_1075_safeguards": True},
        "records_file": "records.csv", "records_sha256": hashlib.sha256(data).hexdigest(),
        "record_count": len(rows),
    }
    manifest.update(manifest_overrides)
    raw = json.dumps(manifest, indent=2).encode("utf-8")
    (folder / "batch.json").write_bytes(raw)
    if sign:
        (folder / "batch.json.sig").write_bytes(base64.b64encode(key.sign(raw)))
    return folder


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def last_line(self) -> str:
        lines = [ln for ln in self.out.splitlines() if ln.strip()]
        return lines[-1].strip() if lines else ""


def dgate(home: Path, *args: str, user: str | None = None) -> Result:
    argv = list(args) + ["--home", str(home)]
    if user:
        argv += ["--as", user]
    so, se = io.StringIO(), io.StringIO()
    code = 0
    with redirect_stdout(so), redirect_stderr(se):
        try:
            main(argv)
        except SystemExit as exc:
            code = int(exc.code or 0)
    return Result(code, so.getvalue(), se.getvalue())


_templates: dict[str, tuple[Path, Ed25519PrivateKey]] = {}
_folders: list[Path] = []


def _template_folder() -> Path:
    root = Path(tempfile.mkdtemp(prefix="dgate-test-home-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    _folders.append(root)
    return root


def remove_templates() -> None:
    """Remove the homes built once a process (tests/conftest.py calls it at the session's
    end: an xdist worker leaves by os._exit, so the atexit removal above never ran there and
    every CI run left a few MB of homes in the temp folder)."""
    for root in _folders:
        shutil.rmtree(root, ignore_errors=True)
    _folders.clear()
    _templates.clear()
    _with_rows.clear()


def setup_home(tmp: Path) -> tuple[Path, Ed25519PrivateKey]:
    """An initialized home with users, the agency, its official and the master loaded, in
    tmp/home (the official's public key in tmp/keys, the master extract in tmp/master).

    Built by the commands once a test process (`_build_home`), then copied: a home is a
    folder no command holds open, and the copy is the state those commands leave (~1 s of
    CLI calls a test, a few hundred tests). Every copy shares the template's keys and
    origin, so a test that needs two homes told apart builds the second with
    `_build_home`. A tmp/home that already exists (a home initialized on another case
    store) is set up by the commands, in place."""
    if (tmp / "home").exists():
        return _build_home(tmp)
    rows = json.dumps([TAXPAYERS, ADDRESSES])  # the master a test may have changed
    built = _templates.get(rows)
    if built is None or not built[0].is_dir():
        root = _template_folder()
        built = _templates[rows] = (root, _build_home(root)[1])
    root, key = built
    for part in ("home", "keys", "master"):
        shutil.copytree(root / part, tmp / part)
    return tmp / "home", key


def _build_home(tmp: Path) -> tuple[Path, Ed25519PrivateKey]:
    """`setup_home` by the commands themselves."""
    home = tmp / "home"
    # `--as` on init too: a script may pass it to every command (cli.md)
    assert dgate(home, "init", user="admin").code == 0
    for user, role in (("clerk", "intake"), ("rev", "reviewer"), ("off1", "disclosure_officer"),
                       ("off2", "disclosure_officer"), ("aud", "auditor")):
        r = dgate(home, "user", "add", user, "--role", role, user="admin")
        assert r.code == 0, r.err
    key, pub = new_key(tmp / "keys")
    r = dgate(home, "agency", "add", "ICE", "--name", "Immigration and Customs Enforcement",
              "--statute", "8 USC 1253(a)(1)", user="admin")
    assert r.code == 0, r.err
    r = dgate(home, "official", "add", "ICE", "ICE-DIR-01", "--name", "Pat Example",
              "--title", "Director", "--public-key", str(pub), "--valid-from", "2026-01-01",
              user="admin")
    assert r.code == 0, r.err
    r = dgate(home, "master", "load", str(write_master(tmp / "master")), user="admin")
    assert r.code == 0, r.err
    return home, key


def approved_batch(tmp: Path) -> tuple[Path, str]:
    """A home (`setup_home`) holding a batch of every case in CASES, submitted and approved
    by both disclosure officers: ready to release."""
    home, key = setup_home(tmp)
    pkg = write_package(tmp / "pkg", key, [c[0] for c in CASES])
    batch = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk").last_line
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", batch, user=officer).code == 0
    return home, batch


def home_with(tmp: Path, taxpayers: Sequence[Sequence[str]],
              addresses: Sequence[Sequence[str]]) -> tuple[Path, Ed25519PrivateKey]:
    """`setup_home`, then the hand-written master with these rows added, loaded again
    (tmp/master2). A test process loads each set of rows once and copies the home after
    (several tests of a file build the same one)."""
    if (tmp / "home").exists():  # set up in place (setup_home)
        home, key = setup_home(tmp)
        code, err = load_rows(home, tmp, "master2", taxpayers, addresses)
        assert code == 0, err
        return home, key
    rows = json.dumps([TAXPAYERS, ADDRESSES, list(map(list, taxpayers)),
                       list(map(list, addresses))])
    built = _with_rows.get(rows)
    if built is None or not built[0].is_dir():
        root = _template_folder()
        home, key = setup_home(root)
        code, err = load_rows(home, root, "master2", taxpayers, addresses)
        assert code == 0, err
        built = _with_rows[rows] = (root, key)
    for part in ("home", "keys", "master", "master2"):
        shutil.copytree(built[0] / part, tmp / part)
    return tmp / "home", built[1]


_with_rows: dict[str, tuple[Path, Ed25519PrivateKey]] = {}


def load_rows(home: Path, tmp: Path, name: str, taxpayers: Sequence[Sequence[str]],
              addresses: Sequence[Sequence[str]]) -> tuple[int, str]:
    """`dgate master load` of the hand-written master with these rows added (a new
    extract in tmp/`name`): its exit code and stderr."""
    folder = write_master(tmp / name)
    for table, rows in (("taxpayers.csv", taxpayers), ("addresses.csv", addresses)):
        with (folder / table).open("a", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows(rows)
    r = dgate(home, "master", "load", str(folder))
    return r.code, r.err


def decide(home: Path, key: Ed25519PrivateKey, tmp: Path, rows: list[dict[str, str]],
           batch: str) -> dict[str, dict[str, str]]:
    """Submit `rows` as batch `batch` (processed on AS_OF); its decision report by request
    id."""
    pkg = write_package(tmp / batch, key, rows, batch_id=batch)
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    out = tmp / f"{batch}.csv"
    assert dgate(home, "batch", "decisions", sub.last_line, "--out", str(out)).code == 0
    with out.open(encoding="utf-8", newline="") as fh:
        return {r["request_id"]: r for r in csv.DictReader(fh)}


Cases = dict[str, tuple[dict[str, str], str, str]]


def decide_apart(home: Path, key: Ed25519PrivateKey, tmp: Path, base: dict[str, str],
                 requests: dict[str, dict[str, str]], serial: int, *, alone: bool = False
                 ) -> dict[str, dict[str, str]]:
    """Each request (request id -> fields over `base`) in a batch of its own, batch ids from
    ICE-2026-<serial>: the same person twice in a batch would be R_DUPLICATE. Request id ->
    its decision report row. `alone`: each decided in a copy of `home` as it is now (the
    home itself unchanged), so that no request's answer bears on another's: a request for
    a taxpayer an earlier batch answered for another person goes to review (red team r20,
    `submit._asked_before`), and cases that are the same taxpayer asked with different
    dates of birth are exactly that."""
    return {rid: decide(_copy_home(home, tmp / f"alone-{serial + n}") if alone else home,
                        key, tmp, [dict(base, request_id=rid, **fields)],
                        f"ICE-2026-{serial + n:06d}")[rid]
            for n, (rid, fields) in enumerate(requests.items())}


def _copy_home(home: Path, to: Path) -> Path:
    """A copy of a home no command holds open (the CLI runs in-process and closes it)."""
    shutil.copytree(home, to)
    return to


def decide_each(home: Path, key: Ed25519PrivateKey, tmp: Path, base: dict[str, str],
                cases: Cases, serial: int, *, alone: bool = False) -> None:
    """cases: request id -> (fields over `base`, expected disposition or several joined by
    "|", the expected matched TIN for DISCLOSE), each decided apart (`decide_apart`)."""
    decided = decide_apart(home, key, tmp, base,
                           {rid: fields for rid, (fields, _, _) in cases.items()}, serial,
                           alone=alone)
    for rid, (_fields, want, tin) in cases.items():
        got = decided[rid]
        assert got["disposition"] in want.split("|"), (rid, got["disposition"],
                                                        got["reason_codes"], got["match_tin"])
        if want == "DISCLOSE":
            assert got["match_tin"] == tin, (rid, got["match_tin"])


# People at Chicago addresses, for the files that decide a batch of cases against them:
# (tin, first, middle, last, dob, street) -> master rows.
CHICAGO_PLACE = {"city": "CHICAGO", "state": "IL", "zip": "60629"}
SAFE = ("REVIEW", "NOT_DISCLOSED")
Batch = dict[str, tuple[dict[str, str], tuple[str, ...], str]]


def chicago_master(people: Sequence[tuple[str, str, str, str, str, str]]
                   ) -> tuple[list[Sequence[str]], list[Sequence[str]]]:
    taxpayers: list[Sequence[str]] = [(t, "SSN", f, m, last, "", dob, "")
                                      for t, f, m, last, dob, _ in people]
    row = ("Chicago", "IL", "60629", "RETURN", "2025", "2026-02-26")
    addresses: list[Sequence[str]] = [(t, street, "", *row) for t, *_, street in people]
    return taxpayers, addresses


def decide_batch(tmp: Path, people: Sequence[tuple[str, str, str, str, str, str]],
                 cases: Batch, batch: str) -> None:
    """cases: request id -> (fields over CHICAGO_PLACE, the dispositions allowed, the
    matched TIN expected for DISCLOSE), all in one batch against `people`."""
    home, key = home_with(tmp, *chicago_master(people))
    got = decide(home, key, tmp, [dict(CHICAGO_PLACE, request_id=rid, **f)
                                  for rid, (f, _, _) in cases.items()], batch)
    for rid, (_, want, tin) in cases.items():
        row = got[rid]
        assert row["disposition"] in want, (rid, row["disposition"], row["reason_codes"])
        if want == ("DISCLOSE",):
            assert row["match_tin"] == tin, (rid, row["match_tin"])


# The release's three records: the disclosures of CASES (R1, R3, R9) once released.
EXPECTED_DISCLOSURES = 3


def state(home: Path) -> tuple[int, int, int]:
    """A home's (releases, accounting disclosures, ledger disclosure events)."""
    with sqlite3.connect(home / "case.sqlite") as conn:
        releases = conn.execute("SELECT count(*) FROM releases").fetchone()[0]
        acc = conn.execute(
            "SELECT count(*) FROM accounting WHERE kind = 'disclosure'").fetchone()[0]
        events = sum(1 for (raw,) in conn.execute("SELECT entry FROM ledger_entries")
                     if json.loads(bytes(raw)).get("type") == "disclosure")
    return int(releases), int(acc), events


HeldCases = dict[str, tuple[str, str, str, tuple[str, ...]]]
"""request id -> (a person's key, street (or "@" and a one-line address), unit, the
dispositions allowed): `decide_held`'s cases."""


def decide_held(home: Path, key: Ed25519PrivateKey, tmp: Path,
                people: Mapping[str, tuple[str, str, str]],
                held: Mapping[str, tuple[str, str, str]],
                places: Mapping[str, tuple[str, str, str]], cases: HeldCases,
                batch: str) -> None:
    """All cases in one batch, each a person of its own (`people`: key -> TIN, first,
    last) asked at the place on record (`held`: key -> street, unit, place; `places`:
    place -> city, state, ZIP); every wrong one listed at once. A case allowed only
    DISCLOSE must disclose its person's TIN."""
    rows = []
    for rid, (who, street, unit, _) in cases.items():
        _, first, last = people[who]
        city, state, zip5 = places[held[who][2]]
        row = dict(request_id=rid, first_name=first.upper(), last_name=last.upper(),
                   street=street, unit=unit, city=city, state=state, zip=zip5)
        if street.startswith("@"):  # a one-line address, in the address field alone
            row.update(street="", city="", state="", zip="", address=street[1:])
        rows.append(row)
    got = decide(home, key, tmp, rows, batch)
    wrong = [(rid, got[rid]["disposition"], got[rid]["reason_codes"])
             for rid, (who, _, _, want) in cases.items()
             if got[rid]["disposition"] not in want
             or (want == ("DISCLOSE",) and got[rid]["match_tin"] != people[who][0])]
    assert not wrong, wrong

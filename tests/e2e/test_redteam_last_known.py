"""Red team r11: "what is disclosed is always the last known one" (master-format.md, Last
known address), end to end through the CLI on hand-written, synthetic files
(tests/e2e/handmade.py): from the extract's rows to the response file the requester gets.

master-format.md: the last known address is "the row with the latest effective_date; on a
tie, FORM_8822 before RETURN before NCOA"; `effective_date` is "when the agency processed
it"; "the request's address must correspond to any address in the taxpayer's history (the
requester may hold an old one); what is disclosed is always the last known one, with its
source and effective_date kept in the accounting (not sent to the requester)".
decisions.md: DISCLOSE means "the last known address will be disclosed on release"; the
response carries `street, unit, city, state, zip` and nothing else.

Findings (each test failing before its fix):
- F1: a master loaded again between the decision and the release: the release disclosed
  the address decided, no longer the taxpayer's last known one (a FORM_8822 processed
  since), and a review verdict given after the reload released the old address while the
  review page showed the reviewer the new one.
- F2: an address row dated after the day of the load (9999-12-31 for "open", 2062 for
  2026) loaded, and as the latest row was disclosed as the last known address over every
  row really processed after it.
- F3: one person under an ITIN and a later SSN (two records of one name and date of birth):
  asked at an address of the ITIN's returns, the ITIN's last known address was disclosed
  while the SSN's record held the person's newer one.

The controls hold what dgate already does right: an old address asked discloses the last
known one, in the response and the accounting; the tie-breaks of one day; a later filed
return of an earlier tax year; a ZIP+4 and a Puerto Rico urbanization written out as the
extract holds them; a unit-only rival of one date held for review; a date of death after the
last address; a missing effective date and a duplicate TIN refused at load. Synthetic
people.
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.e2e.handmade import (
    AS_OF,
    decide,
    decide_apart,
    dgate,
    home_with,
    load_rows,
    state,
    write_package,
)

_DEN = ("Denver", "CO", "80205")
_DENVER = dict(city="DENVER", state="CO", zip="80205")
_RESPONSE = ("street", "unit", "city", "state", "zip")


def _csv(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["request_id"]: r for r in csv.DictReader(fh)}


def _submit(home: Path, key: Ed25519PrivateKey, tmp: Path, rows: list[dict[str, str]],
            batch: str) -> str:
    pkg = write_package(tmp / batch, key, [dict(_DENVER, **r) for r in rows], batch_id=batch)
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert sub.code == 0, sub.err
    return sub.last_line


def _approve(home: Path, batch: str) -> None:
    for officer in ("off1", "off2"):
        r = dgate(home, "batch", "approve", batch, user=officer)
        assert r.code == 0, r.err


# -- the controls: an old address asked, the last known one released ------------------------

_PEOPLE = [
    ("841100001", "SSN", "Ambrose", "", "Quillfeather", "", "1970-01-01", ""),
    ("841100002", "SSN", "Beatrix", "", "Holloway", "", "", ""),
    ("841100003", "SSN", "Cuthbert", "", "Wainwright", "", "", ""),
    ("841100004", "SSN", "Delphine", "", "Ormsby", "", "", ""),
    ("841100005", "SSN", "Erasmus", "", "Pendleton", "", "", ""),
    ("841100006", "SSN", "Fenella", "", "Staunton", "", "", ""),
    ("841100007", "SSN", "Godfrey", "", "Tremaine", "", "", "2026-03-01"),
    ("841100008", "SSN", "Hortense", "", "Vane", "", "", ""),
]
_HISTORIES = [
    # moved to another city; the unit and the ZIP+4 of the last known address
    ("841100001", "10 Old Rd", "Apt 3", *_DEN, "RETURN", "2022", "2023-04-01"),
    ("841100001", "250 New St", "Unit 7", "Aurora", "CO", "80012-1234", "FORM_8822", "",
     "2025-06-01"),
    # an NCOA row and a FORM_8822 processed one day: the 8822
    ("841100002", "11 Old Rd", "", *_DEN, "RETURN", "2022", "2023-04-01"),
    ("841100002", "30 Ash St", "", *_DEN, "NCOA", "", "2025-06-01"),
    ("841100002", "31 Ash St", "", *_DEN, "FORM_8822", "", "2025-06-01"),
    # the return of tax year 2023 filed (processed) after that of 2024: the most recently
    # filed return is the 2023 one (Treas. Reg. 301.6212-2), the latest effective_date
    ("841100003", "12 Old Rd", "", *_DEN, "RETURN", "2022", "2023-04-01"),
    ("841100003", "40 Ash St", "", *_DEN, "RETURN", "2024", "2025-04-15"),
    ("841100003", "41 Ash St", "", *_DEN, "RETURN", "2023", "2025-09-01"),
    # two NCOA rows of one day, one with a unit and one without: not one address, a tie
    ("841100004", "13 Old Rd", "", *_DEN, "RETURN", "2022", "2023-04-01"),
    ("841100004", "50 Ash St", "", *_DEN, "NCOA", "", "2025-06-01"),
    ("841100004", "50 Ash St", "Apt 2", *_DEN, "NCOA", "", "2025-06-01"),
    # two NCOA rows of one day differing only in the ZIP+4: one address, no tie
    ("841100005", "14 Old Rd", "", *_DEN, "RETURN", "2022", "2023-04-01"),
    ("841100005", "60 Ash St", "", "Denver", "CO", "80205-1111", "NCOA", "", "2025-06-01"),
    ("841100005", "60 Ash St", "", "Denver", "CO", "802052222", "NCOA", "", "2025-06-01"),
    # moved to Puerto Rico: the urbanization in the unit column, as the extract holds it
    ("841100006", "15 Old Rd", "", *_DEN, "RETURN", "2022", "2023-04-01"),
    ("841100006", "Calle 5 #12", "Urb Las Gladiolas", "San Juan", "PR", "00926", "FORM_8822",
     "", "2025-06-01"),
    # a change of address and then a date of death
    ("841100007", "16 Old Rd", "", *_DEN, "RETURN", "2022", "2023-04-01"),
    ("841100007", "70 Ash St", "", *_DEN, "NCOA", "", "2025-06-01"),
    # a RETURN and an NCOA row of one day: the return
    ("841100008", "17 Old Rd", "", *_DEN, "RETURN", "2022", "2023-04-01"),
    ("841100008", "80 Ash St", "", *_DEN, "RETURN", "2024", "2025-06-01"),
    ("841100008", "81 Ash St", "", *_DEN, "NCOA", "", "2025-06-01"),
]


def test_an_old_address_asked_releases_the_last_known_one(tmp_path: Path) -> None:
    """Controls (pass before the fixes). Each person asked at the oldest address of the
    history: the response carries the last known address exactly as the extract writes
    it (the ZIP in its five digits, the unit and a Puerto Rico urbanization as held), and
    the accounting keeps its source and date."""
    home, key = home_with(tmp_path, _PEOPLE, _HISTORIES)
    asked = {
        "K1": dict(first_name="AMBROSE", last_name="QUILLFEATHER", street="10 OLD RD",
                   unit="APT 3"),
        "K2": dict(first_name="BEATRIX", last_name="HOLLOWAY", street="11 OLD RD"),
        "K3": dict(first_name="CUTHBERT", last_name="WAINWRIGHT", street="12 OLD RD"),
        "K4": dict(first_name="DELPHINE", last_name="ORMSBY", street="13 OLD RD"),
        "K5": dict(first_name="ERASMUS", last_name="PENDLETON", street="14 OLD RD"),
        "K6": dict(first_name="FENELLA", last_name="STAUNTON", street="15 OLD RD"),
        "K7": dict(first_name="GODFREY", last_name="TREMAINE", street="16 OLD RD"),
        "K8": dict(first_name="HORTENSE", last_name="VANE", street="17 OLD RD"),
    }
    batch = _submit(home, key, tmp_path, [dict(request_id=rid, **f) for rid, f in
                                          asked.items()], "ICE-2026-011001")
    report = tmp_path / "decisions.csv"
    assert dgate(home, "batch", "decisions", batch, "--out", str(report)).code == 0
    decided = _csv(report)
    assert decided["K4"]["disposition"] == "REVIEW", decided["K4"]  # the unit-only tie
    assert decided["K7"]["reason_codes"] == "M_DECEASED", decided["K7"]
    queue = dgate(home, "review", "list", batch, user="rev").out.splitlines()[1:]
    assert len(queue) == 1 and queue[0].split()[-1] == "last_known_tied", queue
    assert dgate(home, "review", "decide", queue[0].split()[0], "--no-disclose",
                 user="rev").code == 0
    _approve(home, batch)
    out = tmp_path / "response.csv"
    r = dgate(home, "batch", "release", batch, "--out", str(out), user="off1")
    assert r.code == 0, r.err
    got = {rid: (row["outcome"], *(row[c] for c in _RESPONSE))
           for rid, row in _csv(out).items()}
    none = ("",) * 5
    assert got == {
        "K1": ("DISCLOSED", "250 New St", "Unit 7", "Aurora", "CO", "80012"),
        "K2": ("DISCLOSED", "31 Ash St", "", "Denver", "CO", "80205"),
        "K3": ("DISCLOSED", "41 Ash St", "", "Denver", "CO", "80205"),
        "K4": ("NOT_DISCLOSED", *none),
        "K5": ("DISCLOSED", "60 Ash St", "", "Denver", "CO", "80205"),
        "K6": ("DISCLOSED", "Calle 5 #12", "Urb Las Gladiolas", "San Juan", "PR", "00926"),
        "K7": ("NOT_DISCLOSED", *none),
        "K8": ("DISCLOSED", "80 Ash St", "", "Denver", "CO", "80205"),
    }, got
    acc = tmp_path / "accounting.csv"
    assert dgate(home, "accounting", "export", "--out", str(acc), user="aud").code == 0
    with acc.open(encoding="utf-8", newline="") as fh:
        kept = {r["request_id"]: (r["address_source"], r["address_effective_date"])
                for r in csv.DictReader(fh) if r["kind"] == "disclosure"}
    assert kept == {"K1": ("FORM_8822", "2025-06-01"), "K2": ("FORM_8822", "2025-06-01"),
                    "K3": ("RETURN", "2025-09-01"), "K5": ("NCOA", "2025-06-01"),
                    "K6": ("FORM_8822", "2025-06-01"), "K8": ("RETURN", "2025-06-01")}, kept


# -- F1: the master loaded again between the decision and the release ----------------------

_MOVER = [("841200001", "SSN", "Leofric", "", "Ashdown", "", "1970-01-01", ""),
          ("841200002", "SSN", "Morwenna", "", "Bickerstaff", "", "1981-05-05", "")]
_BEFORE = [("841200001", "10 Birch St", "Apt 3", *_DEN, "RETURN", "2024", "2025-04-01"),
           ("841200002", "20 Birch St", "", *_DEN, "RETURN", "2024", "2025-04-01")]
# processed after the decisions' master was extracted, before the processing date
_MOVED = [("841200001", "77 Spruce Ave", "", *_DEN, "FORM_8822", "", "2026-10-01"),
          ("841200002", "88 Spruce Ave", "", *_DEN, "NCOA", "", "2026-10-01")]
_LEOFRIC = dict(first_name="LEOFRIC", last_name="ASHDOWN", street="10 BIRCH ST", unit="APT 3")
# the date of birth one digit off the record's: REVIEW (dob_one_digit)
_MORWENNA = dict(first_name="MORWENNA", last_name="BICKERSTAFF", street="20 BIRCH ST",
                 date_of_birth="1981-05-06")


def test_a_master_loaded_again_before_release_does_not_release_a_stale_address(
        tmp_path: Path) -> None:
    """F1. LEOFRIC ASHDOWN is decided DISCLOSE (10 BIRCH ST APT 3, his last known address
    then) and both officers approve. The master is then loaded again: a FORM_8822 moved
    him to 77 SPRUCE AVE. The release wrote 10 BIRCH ST APT 3 to the response, an address
    the agency knows is no longer his last known one. Disclosing 77 SPRUCE AVE instead would
    release an address nobody decided, reviewed or approved. The release must refuse
    (exit 4, recorded on the ledger, nothing disclosed); with the master as decided in force
    again (the same extract loaded once more) it releases."""
    home, key = home_with(tmp_path, _MOVER, _BEFORE)
    batch = _submit(home, key, tmp_path, [dict(request_id="S1", **_LEOFRIC)], "ICE-2026-012001")
    _approve(home, batch)
    code, err = load_rows(home, tmp_path, "moved", _MOVER, _BEFORE + _MOVED)
    assert code == 0, err
    out = tmp_path / "response.csv"
    r = dgate(home, "batch", "release", batch, "--out", str(out), user="off1")
    released = _csv(out)["S1"] if out.exists() else {}
    assert r.code == 4, (r.code, r.err, released)
    assert len(r.err.strip().splitlines()) == 1 and "last known address" in r.err, r.err
    assert not out.exists() and state(home) == (0, 0, 0)
    with sqlite3.connect(home / "case.sqlite") as conn:
        status = conn.execute("SELECT status FROM batches WHERE batch_id = ?",
                              (batch,)).fetchone()[0]
    assert status != "released"
    # the master as decided, loaded once more (a new version): nothing changed for him
    code, err = load_rows(home, tmp_path, "as-decided", _MOVER, _BEFORE)
    assert code == 0, err
    r = dgate(home, "batch", "release", batch, "--out", str(out), user="off1")
    assert r.code == 0, r.err
    row = _csv(out)["S1"]
    assert (row["outcome"], row["street"], row["unit"]) == ("DISCLOSED", "10 Birch St", "Apt 3")
    assert dgate(home, "ledger", "verify", user="aud").code == 0


def test_a_reload_that_leaves_the_address_as_decided_releases(tmp_path: Path) -> None:
    """Control for F1: a master loaded again with other taxpayers' rows changed (a monthly
    refresh) leaves his last known address as decided: the release is not refused."""
    home, key = home_with(tmp_path, _MOVER, _BEFORE)
    batch = _submit(home, key, tmp_path, [dict(request_id="S1", **_LEOFRIC)], "ICE-2026-012101")
    _approve(home, batch)
    code, err = load_rows(home, tmp_path, "refresh", _MOVER, _BEFORE + _MOVED[1:])
    assert code == 0, err
    out = tmp_path / "response.csv"
    r = dgate(home, "batch", "release", batch, "--out", str(out), user="off1")
    assert r.code == 0, r.err
    assert _csv(out)["S1"]["street"] == "10 Birch St"


def test_a_verdict_given_on_a_reloaded_master_does_not_release_the_old_address(
        tmp_path: Path) -> None:
    """F1, through review. MORWENNA BICKERSTAFF goes to review (her date of birth one digit
    off), decided on a master where her last known address is 20 BIRCH ST. The master is
    loaded again (an NCOA row: 88 SPRUCE AVE); the review page now shows the reviewer her
    current last known address ("candidate addresses shown are their current last known
    ones"), the reviewer decides --disclose, both officers approve: the release wrote 20
    BIRCH ST, the address the verdict was not given on and no longer her last known one."""
    home, key = home_with(tmp_path, _MOVER, _BEFORE)
    batch = _submit(home, key, tmp_path, [dict(request_id="S2", **_MORWENNA)],
                    "ICE-2026-012201")
    queue = dgate(home, "review", "list", batch, user="rev").out.splitlines()[1:]
    assert len(queue) == 1, queue
    code, err = load_rows(home, tmp_path, "moved", _MOVER, _BEFORE + _MOVED)
    assert code == 0, err
    assert dgate(home, "review", "decide", queue[0].split()[0], "--disclose",
                 user="rev").code == 0
    _approve(home, batch)
    out = tmp_path / "response.csv"
    r = dgate(home, "batch", "release", batch, "--out", str(out), user="off1")
    released = _csv(out)["S2"] if out.exists() else {}
    assert r.code == 4, (r.code, r.err, released)
    assert state(home) == (0, 0, 0)


def test_a_date_of_death_recorded_before_release_stops_the_disclosure(tmp_path: Path) -> None:
    """F1: decided while living; the master loaded again holds his date of death. The
    decision's address would still have been released (M_DECEASED discloses nothing)."""
    home, key = home_with(tmp_path, _MOVER, _BEFORE)
    batch = _submit(home, key, tmp_path, [dict(request_id="S3", **_LEOFRIC)], "ICE-2026-012301")
    _approve(home, batch)
    dead = [(*_MOVER[0][:7], "2026-09-30"), _MOVER[1]]
    code, err = load_rows(home, tmp_path, "dead", dead, _BEFORE)
    assert code == 0, err
    r = dgate(home, "batch", "release", batch, "--out", str(tmp_path / "r.csv"), user="off1")
    assert r.code == 4, (r.code, r.err)
    assert state(home) == (0, 0, 0)


# -- F2: an effective date after the day of the load ---------------------------------------

_OPEN = [("841300001", "SSN", "Perpetua", "", "Cranleigh", "", "", "")]
_OPEN_ROWS = [("841300001", "19 Old Rd", "", *_DEN, "RETURN", "2022", "2023-04-01"),
              ("841300001", "95 Ash St", "", *_DEN, "RETURN", "2024", "2025-04-15")]
_PERPETUA = dict(first_name="PERPETUA", last_name="CRANLEIGH", street="19 OLD RD")


def test_an_address_dated_after_the_load_is_refused(tmp_path: Path) -> None:
    """F2. `effective_date` is when the agency processed the row: none can be processed
    after the day the extract is loaded. An old change-of-address row dated 9999-12-31 (an
    "open" placeholder) or 2062-03-01 (2026 mistyped) was loaded, and as the latest row it
    was disclosed as the last known address over the 2025 return really filed after it
    (95 ASH ST). The load is refused as a missing date is (exit 3, one line naming the
    column, the master in force kept)."""
    home, key = home_with(tmp_path, _OPEN, _OPEN_ROWS)
    for n, day in enumerate(("9999-12-31", "2062-03-01")):
        stale = ("841300001", "19 Old Rd", "Apt 1", *_DEN, "NCOA", "", day)
        code, err = load_rows(home, tmp_path, f"future{n}", _OPEN, [*_OPEN_ROWS, stale])
        got = decide(home, key, tmp_path, [dict(_DENVER, request_id=f"F{n}", **_PERPETUA)],
                     f"ICE-2026-01300{n}")[f"F{n}"]
        assert code == 3, (day, code, got["street"], got["unit"], got["address_effective_date"])
        assert len(err.strip().splitlines()) == 1 and "effective_date" in err, err
        # the master in force is the one loaded before: its last known address
        assert (got["disposition"], got["street"], got["address_effective_date"]) == (
            "DISCLOSE", "95 Ash St", "2025-04-15"), got


def test_a_missing_effective_date_and_a_duplicate_tin_are_refused(tmp_path: Path) -> None:
    """Controls: a row without an effective date cannot be ordered among the others, and a
    TIN on two taxpayer rows has two names and dates (whose history is which?): each
    extract is refused whole, the master in force kept."""
    home, _key = home_with(tmp_path, _OPEN, _OPEN_ROWS)
    missing = ("841300001", "96 Ash St", "", *_DEN, "NCOA", "", "")
    code, err = load_rows(home, tmp_path, "missing", _OPEN, [*_OPEN_ROWS, missing])
    assert code == 3 and "effective_date" in err, (code, err)
    twice = [*_OPEN, ("841300001", "SSN", "Perpetua", "", "Cranleigh-Hythe", "", "", "")]
    code, err = load_rows(home, tmp_path, "twice", twice, _OPEN_ROWS)
    assert code == 3 and "duplicate" in err, (code, err)


# -- F3: one person under an ITIN and a later SSN -----------------------------------------

_TWO_TINS = [
    # the ITIN's returns, then an SSN (the ITIN's record kept beside it)
    ("941700009", "ITIN", "Isidro", "", "Valcourt", "", "1988-08-08", ""),
    ("841400009", "SSN", "Isidro", "", "Valcourt", "", "1988-08-08", ""),
    # twins: one date of birth, two given names, an ITIN and an SSN
    ("941700010", "ITIN", "Rosaura", "", "Quintanar", "", "1990-02-02", ""),
    ("841400010", "SSN", "Rosalba", "", "Quintanar", "", "1990-02-02", ""),
    # namesakes born one day, an ITIN and an SSN, filing side by side
    ("941700011", "ITIN", "Ulises", "", "Zamora", "", "1985-05-05", ""),
    ("841400011", "SSN", "Ulises", "", "Zamora", "", "1985-05-05", ""),
]
_TWO_TINS_ROWS = [
    ("941700009", "18 Old Rd", "", *_DEN, "RETURN", "2021", "2022-04-01"),
    ("841400009", "80 Ash St", "", "Aurora", "CO", "80012", "RETURN", "2024", "2025-04-01"),
    ("941700010", "21 Old Rd", "", *_DEN, "RETURN", "2021", "2022-04-01"),
    ("841400010", "82 Ash St", "", "Aurora", "CO", "80012", "RETURN", "2024", "2025-04-01"),
    ("941700011", "23 Old Rd", "", *_DEN, "RETURN", "2022", "2023-04-01"),
    ("941700011", "24 Old Rd", "", *_DEN, "RETURN", "2024", "2025-03-01"),
    ("841400011", "84 Ash St", "", "Aurora", "CO", "80012", "RETURN", "2022", "2023-03-01"),
    ("841400011", "85 Ash St", "", "Aurora", "CO", "80012", "RETURN", "2024", "2025-05-01"),
]


def test_a_person_s_later_address_under_another_tin_goes_to_a_person(tmp_path: Path) -> None:
    """F3. ISIDRO VALCOURT, born 1988-08-08, filed as an ITIN holder at 18 OLD RD (2022)
    and, with an SSN since, at 80 ASH ST, AURORA (2025); the extract holds both records.
    Asked at 18 OLD RD, with or without his date of birth, the ITIN's last known address
    was disclosed: the person's last known address is the SSN record's, later. Whether the
    two records are one person, and so which address is last known, a person decides
    (REVIEW, `last_known_other_tin`). Controls: asked at the SSN's address, its (latest)
    address discloses; twins born one day under an ITIN and an SSN, each asked at her own
    old address, disclose (two given names are two people); so do namesakes born one day
    under an ITIN and an SSN who file side by side (the SSN's history does not begin where
    the ITIN's ends: two people)."""
    home, key = home_with(tmp_path, _TWO_TINS, _TWO_TINS_ROWS)
    isidro = dict(first_name="ISIDRO", last_name="VALCOURT")
    got = decide_apart(home, key, tmp_path, _DENVER, {
        "V1": dict(isidro, street="18 OLD RD"),
        "V2": dict(isidro, street="18 OLD RD", date_of_birth="1988-08-08"),
        "V3": dict(isidro, street="80 ASH ST", city="AURORA", zip="80012"),
        "V4": dict(first_name="ROSAURA", last_name="QUINTANAR", street="21 OLD RD"),
        "V5": dict(first_name="ULISES", last_name="ZAMORA", street="23 OLD RD"),
    }, 14001)
    seen = {rid: (r["disposition"], r["match_tin"], r["street"]) for rid, r in got.items()}
    assert seen == {
        "V1": ("REVIEW", "941700009", "18 Old Rd"),
        "V2": ("REVIEW", "941700009", "18 Old Rd"),
        "V3": ("DISCLOSE", "841400009", "80 Ash St"),
        "V4": ("DISCLOSE", "941700010", "21 Old Rd"),
        "V5": ("DISCLOSE", "941700011", "24 Old Rd"),
    }, seen
    queue = dgate(home, "review", "list", user="rev").out.splitlines()[1:]
    assert queue and all(line.split()[-1] == "last_known_other_tin" for line in queue), queue

"""Red team r13: the dates of the master extract (master-format.md: date_of_birth,
date_of_death and effective_date are dates), end to end through `dgate master load` and
`dgate batch submit` on hand-written, synthetic files (tests/e2e/handmade.py). The dates
of a request: test_redteam_dates.py.

Finding F1 (failed on the code as found): a date DuckDB's cast reads but Python cannot
hold (a year BC, year 0000, a year of five digits, `infinity`) loaded, and every batch that
met the taxpayer then failed with an internal error (exit 1): nothing of it decided. Text
that is no date (`epoch`, a date followed by letters) loaded as a date (`epoch` as
1970-01-01: a date of birth that contradicts every request).

Finding F4 (failed on the code as found): a request's date of birth no person under the
final order can have, against a taxpayer without one on file, was disclosed.
Synthetic people.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.e2e.handmade import decide, dgate, load_rows, new_key

Home = tuple[Path, Ed25519PrivateKey, Path]
_DENVER = dict(city="Denver", state="CO", zip="80205")


def _weiss(tin: str, dob: str = "1980-04-12", dod: str = "",
           effective: str = "2025-01-01") -> tuple[list[Sequence[str]], list[Sequence[str]]]:
    """Karl Weiss, with these dates, at 10 Pine St, Denver."""
    return ([(tin, "SSN", "Karl", "", "Weiss", "", dob, dod)],
            [(tin, "10 Pine St", "", "Denver", "CO", "80205", "RETURN", "2024", effective)])


_KARL = dict(_DENVER, first_name="Karl", last_name="Weiss", street="10 Pine St",
             date_of_birth="1980-04-12")


_FORMS = {"1980/04/12": "Lena Vogt", "1980-4-12": "Otto Brandt",
          "1980-04-12 00:00:00": "Rosa Klein", "1980-04-12T23:30:00-05:00": "Emil Hahn",
          "1980-04-12 08:15:00.250": "Ida Fuchs", "1980-02-29": "Paul Roth"}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Home, list[dict[str, str]]]:
    """A home (as handmade.setup_home, with the one user a submit needs) whose master in
    force holds Karl Weiss and one person for each date form of _FORMS; the requests that
    ask for each of them with their date of birth as the spec writes it."""
    tmp = tmp_path_factory.mktemp("master_dates")
    home = tmp / "home"
    assert dgate(home, "init", user="admin").code == 0
    for user, role in (("clerk", "intake"), ("rev", "reviewer")):
        assert dgate(home, "user", "add", user, "--role", role, user="admin").code == 0
    key, pub = new_key(tmp / "keys")
    for args in (("agency", "add", "ICE", "--name", "Immigration and Customs Enforcement",
                  "--statute", "8 USC 1253(a)(1)"),
                 ("official", "add", "ICE", "ICE-DIR-01", "--name", "Pat Example", "--title",
                  "Director", "--public-key", str(pub), "--valid-from", "2026-01-01")):
        r = dgate(home, *args, user="admin")
        assert r.code == 0, r.err
    taxpayers, addresses = _weiss("510000001")
    requests = [dict(_KARL, request_id="510000001")]
    for n, (dob, name) in enumerate(_FORMS.items()):
        first, last = name.split()
        tin, street = f"52000000{n}", f"{20 + 2 * n} Pine St"
        taxpayers.append((tin, "SSN", first, "", last, "", dob, ""))
        addresses.append((tin, street, "", "Denver", "CO", "80205", "RETURN", "2024",
                          "2025-01-01"))
        asked = "1980-02-29" if dob == "1980-02-29" else "1980-04-12"
        requests.append(dict(_DENVER, request_id=tin, first_name=first, last_name=last,
                             street=street, date_of_birth=asked))
    # Igor Berg: no date of birth on file (test_a_request_dob_no_one_can_have ...)
    taxpayers.append(("530000003", "SSN", "Igor", "", "Berg", "", "", ""))
    addresses.append(("530000003", "4 Fir St", "", "Denver", "CO", "80205", "RETURN",
                      "2024", "2025-01-01"))
    code, err = load_rows(home, tmp, "forms", taxpayers, addresses)
    assert code == 0, err
    return (home, key, tmp), requests


def test_master_dates_no_calendar_date_are_refused_at_load(
        world: tuple[Home, list[dict[str, str]]]) -> None:
    """Each extract holding one such date must be refused at load (exit 3, "not a date"
    naming the column), the master in force kept.

    Control: in the master in force, a date written YYYY/MM/DD, with a one-digit month, or
    as a timestamp (with a zone: the date as written) loaded and is that date; so is a leap
    day. Asked with it, each person is disclosed (a date read otherwise would contradict:
    M_CONFLICT)."""
    (home, key, tmp), requests = world
    bad = {
        "dob_bc": _weiss("510000002", dob="-1980-04-12"),
        "dob_year_zero": _weiss("510000003", dob="0000-04-12"),
        "dob_five_digit_year": _weiss("510000004", dob="10000-01-01"),
        "dob_infinity": _weiss("510000005", dob="infinity"),
        "dob_epoch": _weiss("510000006", dob="epoch"),
        "dob_trailing_letters": _weiss("510000007", dob="1980-04-12x"),
        "dod_bc": _weiss("510000008", dod="-2020-01-01"),
        "effective_bc": _weiss("510000009", effective="-2024-01-01"),
    }
    wrong = []
    for name, rows in bad.items():
        code, err = load_rows(home, tmp, name, *rows)
        column = "effective_date" if name.startswith("effective") else (
            "date_of_death" if name.startswith("dod") else "date_of_birth")
        if code != 3 or f"column {column}:" not in err or "not a date" not in err:
            wrong.append((name, code, err.strip()[:120]))
    assert not wrong, wrong
    got = decide(home, key, tmp, requests, "ICE-2026-001300")
    wrong = [(tin, r["disposition"], r["reason_codes"]) for tin, r in got.items()
             if (r["disposition"], r["match_tin"]) != ("DISCLOSE", tin)]
    assert not wrong, wrong


def test_a_request_dob_no_one_can_have_goes_to_a_person(
        world: tuple[Home, list[dict[str, str]]]) -> None:
    """F4: a date of birth no person under the final order can have (2030-01-01, after the
    order of 2026-01-15 and the processing date; 1880-04-12, 145 years old on the order's
    day) was read as a date and, against a taxpayer with no date of birth on file,
    compared with nothing: the name and address disclosed. It goes to a person now, as an
    unread date does. Controls: a possible date against the same taxpayer discloses;
    against a taxpayer with a date of birth, an impossible one still contradicts
    (M_CONFLICT), it is not weakened to REVIEW."""
    (home, key, tmp), _ = world
    igor = dict(_DENVER, first_name="Igor", last_name="Berg", street="4 Fir St")
    # one request for IGOR a batch: three requests of one batch giving him three dates of
    # birth are three people, none disclosed (decide.batchwise, red team r16)
    got = {}
    for n, batch in enumerate([
            [dict(igor, request_id="I0", date_of_birth="1975-05-05")],
            [dict(igor, request_id="I1", date_of_birth="2030-01-01")],
            [dict(igor, request_id="I2", date_of_birth="1880-04-12"),
             dict(_KARL, request_id="K9", date_of_birth="2030-04-12")]]):
        got.update(decide(home, key, tmp, batch, f"ICE-2026-{1310 + n:06d}"))
    assert {r: (g["disposition"], g["reason_codes"]) for r, g in got.items()} == {
        "I0": ("DISCLOSE", "M_MATCH"), "I1": ("REVIEW", "M_REVIEW"),
        "I2": ("REVIEW", "M_REVIEW"), "K9": ("NOT_DISCLOSED", "M_CONFLICT")}, got
    # the reviewer is told why (`review list`: the rules that held each item back)
    listed = dgate(home, "review", "list", user="rev")
    assert listed.code == 0, listed.err
    held = [line for line in listed.out.splitlines() if "dob_impossible" in line]
    assert len(held) == 2, listed.out

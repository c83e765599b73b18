"""Session 37 red team (r44): what the differential consistency fuzzer
(benchmarks/consistency_fuzz.py) still found on new seeds, and the two cases r40 left
open, end to end through the CLI (tests/e2e/handmade.py). Each request is decided in a
copy of one home (`decide_apart(alone=True)`), so that no answer bears on another; both
layouts of a name must get the same decision. Synthetic people.

- G4 (r40's open case (a), seed 11: JOHN WILLIAM HANSEN beside WILLIAM HANSEN) the
  middle name written as the first name's second word: JONAH / WILBUR disclosed the
  JONAH WILBUR on file beside a WILBUR at the address (policy._second_name_tells_apart:
  the resident's name is only the request's second), JONAH WILBUR / "" went to review,
  the rule asking for given-name level 5 where the layout gives 4. So too the twins'
  rule (policy._given_name_tells_apart): LUCIO ANDRES / "" with the twins' date went to
  review beside LUCIA, LUCIO / ANDRES was disclosed.
- G5 (seed 11) a slip in the first given name vouched for by the middle name written out
  (names.two_given_names): HELLEN / LINDA with the date of birth disclosed HELEN LINDA,
  HELLEN LINDA / "" went to review (two_given_names), the middle field alone read.
- G6 (r40's open case (b)) a first given name of one letter: X / JOHN is R_NAME
  (decisions.md: one letter), and X JOHN / "" was matched, X read as the initial of a
  first name its bearer does not go by, and with the date of birth JOHN's address was
  disclosed. Both are R_NAME now.
- G7 (seed 41) the first surname only, the given names laid out otherwise than on file:
  MARIA DEL CARMEN / "" AGUILAR was disclosed at the address of MARIA DEL CARMEN / ""
  AGUILAR MORA beside a MARIA / DEL CARMEN AGUILAR elsewhere (the first surname is her
  usual name: policy._closer_name_elsewhere), MARIA / DEL CARMEN went to review, the rule
  asking for given-name level 5 where its own reading of the exact name took 4.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.e2e.handmade import decide_apart, home_with

_PLACE = {"city": "Elgin", "state": "IL", "zip": "60120"}
_ROW = ("Elgin", "IL", "60120", "RETURN", "2025", "2026-02-26")
_DOB = "1994-06-15"
# (tin, first, middle, last, dob, street)
_PEOPLE = [
    # G4: the person with both given names, a namesake going by the second beside him
    ("744000001", "Jonah", "Wilbur", "Hanserud", "", "10 Oak St"),
    ("744000002", "Wilbur", "", "Hanserud", "", "10 Oak St"),
    # ... his record writing both in the first-name field
    ("744000003", "Jonah Wilbur", "", "Hanstedt", "", "12 Oak St"),
    ("744000004", "Wilbur", "", "Hanstedt", "", "12 Oak St"),
    # ... twins, one date of birth
    ("744000005", "Lucio", "Andres", "Brownlee", _DOB, "14 Oak St"),
    ("744000006", "Lucia", "", "Brownlee", _DOB, "14 Oak St"),
    # G5: alone at the address
    ("744000007", "Helen", "Linda", "Greenhalgh", "1989-08-24", "16 Oak St"),
    # G6
    ("744000008", "Jonah", "", "Pellicott", "1970-03-04", "18 Oak St"),
    ("744000009", "D'Andre", "", "Lockhart", "1985-09-09", "20 Oak St"),
    # G7: both given names in the first-name field and two surnames on file; a namesake
    # elsewhere bearing the request's name exactly
    ("744000010", "Rosalba Elena", "", "Quimbaya Mora", "", "22 Oak St"),
    ("744000011", "Rosalba", "Elena", "Quimbaya", "", "90 Elm St"),
]
Home = tuple[Path, Ed25519PrivateKey, Path]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Home]:
    tmp = tmp_path_factory.mktemp("r44")
    taxpayers = [(t, "SSN", f, m, last, "", dob, "") for t, f, m, last, dob, _ in _PEOPLE]
    addresses = [(t, street, "", *_ROW) for t, *_, street in _PEOPLE]
    path, key = home_with(tmp, taxpayers, addresses)
    yield path, key, tmp


def _decided(home: Home, requests: dict[str, dict[str, str]], serial: int
             ) -> dict[str, tuple[str, str, str]]:
    """Each request alone in a copy of the home: request id -> (disposition, reason
    codes, matched TIN)."""
    path, key, tmp = home
    got = decide_apart(path, key, tmp, _PLACE, requests, serial, alone=True)
    return {rid: (r["disposition"], r["reason_codes"], r["match_tin"])
            for rid, r in got.items()}


def _both_layouts(first: str, second: str, **fields: str) -> dict[str, dict[str, str]]:
    return {"split": dict(fields, first_name=first, middle_name=second),
            "joined": dict(fields, first_name=f"{first} {second}")}


def test_a_middle_name_in_the_first_field_beside_a_namesake_going_by_it(home: Home) -> None:
    """G4: both layouts disclose the person whose record holds both given names, however
    his record lays them out; the resident going by the second is one reading only."""
    for n, (last, street, tin) in enumerate((("HANSERUD", "10 Oak St", "744000001"),
                                            ("HANSTEDT", "12 Oak St", "744000003"))):
        got = _decided(home, _both_layouts("JONAH", "WILBUR", last_name=last,
                                           street=street), 744100 + 10 * n)
        want = ("DISCLOSE", "M_MATCH", tin)
        assert got == {"split": want, "joined": want}, (last, got)


def test_the_twin_named_exactly_in_either_layout(home: Home) -> None:
    """G4, the twins' rule: LUCIO ANDRES with the twins' date is LUCIO, not his sister
    LUCIA, however the second given name is written."""
    got = _decided(home, _both_layouts("LUCIO", "ANDRES", last_name="BROWNLEE",
                                       street="14 Oak St", date_of_birth=_DOB), 744200)
    want = ("DISCLOSE", "M_MATCH", "744000005")
    assert got == {"split": want, "joined": want}, got


def test_a_given_name_slip_vouched_for_by_the_middle_name_in_either_field(home: Home
                                                                          ) -> None:
    """G5: HELLEN for HELEN, the middle name LINDA written out and the date of birth
    agreeing, in the middle field or the first."""
    got = _decided(home, _both_layouts("HELLEN", "LINDA", last_name="GREENHALGH",
                                       street="16 Oak St", date_of_birth="1989-08-24"),
                   744300)
    want = ("DISCLOSE", "M_MATCH", "744000007")
    assert got == {"split": want, "joined": want}, got


def test_a_first_given_name_of_one_letter_in_either_layout(home: Home) -> None:
    """G6: X JOHN / "" is the one-letter first name X / JOHN is, with the date of birth
    of the JONAH on file or without; J. JONAH too, and D ANDRE, whose D matching reads as
    an initial (not D'ANDRE's: no disclosure of the D'ANDRE on file before either). JONAH
    alone is the JONAH on file."""
    ask = dict(last_name="PELLICOTT", street="18 Oak St")
    got = _decided(home, {
        "split": dict(ask, first_name="X", middle_name="JONAH", date_of_birth="1970-03-04"),
        "joined": dict(ask, first_name="X JONAH", date_of_birth="1970-03-04"),
        "undated": dict(ask, first_name="X JONAH"),
        "period": dict(ask, first_name="J. Jonah", date_of_birth="1970-03-04"),
        "apostrophe": dict(first_name="D ANDRE", last_name="LOCKHART", street="20 Oak St",
                           date_of_birth="1985-09-09"),
        "named": dict(ask, first_name="JONAH", date_of_birth="1970-03-04"),
    }, 744400)
    refused = ("REJECTED", "R_NAME", "")
    assert got == {"split": refused, "joined": refused, "undated": refused,
                   "period": refused, "apostrophe": refused,
                   "named": ("DISCLOSE", "M_MATCH", "744000008")}, got


def test_the_first_surname_only_with_the_given_names_laid_out_otherwise(home: Home) -> None:
    """G7: ROSALBA ELENA QUIMBAYA at the address of ROSALBA ELENA QUIMBAYA MORA, her first
    surname only, is her as the namesake elsewhere is not, in either layout."""
    got = _decided(home, _both_layouts("ROSALBA", "ELENA", last_name="QUIMBAYA",
                                       street="22 Oak St"), 744500)
    want = ("DISCLOSE", "M_MATCH", "744000010")
    assert got == {"split": want, "joined": want}, got

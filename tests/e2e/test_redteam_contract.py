"""Red team r12, end to end: the contract of /work/shared/spec/ read to the letter.

Each test drives the CLI (tests/e2e/handmade.py) on hand-written files and holds the result
to a sentence of the spec quoted in its docstring. Synthetic people only.
"""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import decide, setup_home

# María Guadalupe García López (TIN 401223344) holds 123 N Main St #4B (a 2022 return) and
# 500 E 7th St (her Form 8822, the last known address); Robert Johnson (403445566) holds
# 9 Elm St, Miami. tests/e2e/handmade.py.
MARIA_OLD = dict(first_name="Maria", last_name="Garcia", street="123 N Main St", unit="#4B",
                 city="Austin", state="TX", zip="78701")
MARIA_NOW = dict(first_name="Maria", last_name="Garcia", street="500 E 7th St", unit="",
                 city="Austin", state="TX", zip="78701")
ROBERT = dict(first_name="Robert", last_name="Johnson", street="9 Elm St", city="Miami",
              state="FL", zip="33125")
ROBERT_ELSEWHERE = dict(ROBERT, street="42 Pine Rd")


def test_the_same_person_again_under_the_same_identifier_is_a_duplicate(
        tmp_path: Path) -> None:
    """decisions.md R_DUPLICATE: "the same person appears again in the batch (every
    occurrence after the first)". A record with the same name and the same TIN (or the
    same alien registration number) as an earlier one is that person again, whatever
    address it gives: the requester may hold two of them. Both were searched and the
    second was DISCLOSE M_MATCH (the same taxpayer's address answered twice) or
    NOT_DISCLOSED, never R_DUPLICATE; only a repeat at the same address was caught.
    Controls: two TINs, or two dates of birth, are two people; a common name at two
    addresses with nothing else given is not known to be one person."""
    home, key = setup_home(tmp_path)
    jose = dict(first_name="Jose", last_name="Cruz", city="Austin", state="TX", zip="78704")
    rows = [
        dict(MARIA_OLD, request_id="T1", tin="401223344"),
        dict(MARIA_NOW, request_id="T2", tin="401-22-3344"),       # same TIN, written apart
        dict(ROBERT, request_id="A1", a_number="A012345678"),
        dict(ROBERT_ELSEWHERE, request_id="A2", a_number="A-012-345-678"),  # same A-number
        dict(ROBERT_ELSEWHERE, request_id="A3", a_number="012345678",
             first_name="Bob"),                                   # nickname: same person
        # controls: another TIN, another name, another date of birth
        dict(MARIA_NOW, request_id="C1", tin="401223355", street="14 Bay Rd", city="Miami",
             state="FL", zip="33125"),
        dict(MARIA_NOW, request_id="C2", first_name="Ana", tin="401223344"),
        dict(ROBERT_ELSEWHERE, request_id="C3", first_name="Roberta", a_number="A012345678"),
        dict(jose, request_id="C4", street="2200 S Congress Ave", unit="Unit 12",
             a_number="A077777777", date_of_birth="1975-03-03"),
        dict(jose, request_id="C5", street="9 Pine St", a_number="A077777777",
             date_of_birth="1990-01-01"),
    ]
    got = decide(home, key, tmp_path, rows, "ICE-2026-001200")
    assert got["T1"]["disposition"] == "DISCLOSE", got["T1"]
    assert got["A1"]["disposition"] == "DISCLOSE", got["A1"]
    for rid in ("T2", "A2", "A3"):
        assert got[rid]["disposition"] == "REJECTED", got[rid]
        assert "R_DUPLICATE" in got[rid]["reason_codes"].split(";"), got[rid]
        assert got[rid]["match_tin"] == "" and got[rid]["match_probability"] == ""
    for rid in ("C1", "C2", "C3", "C4", "C5"):
        assert "R_DUPLICATE" not in got[rid]["reason_codes"].split(";"), got[rid]

"""`dgate review list` says why each item is in review (issue 5): the rules the policy
recorded (the sealed explanation's "review_because", which the web review page says in
words), as a last REASONS column, to reviewers and disclosure officers only. The key stays
first, every line has the same fields, and no request or master value is printed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tests.e2e.handmade import AS_OF, BASE, dgate, setup_home, write_package

HEADER = "REQUEST_KEY BATCH_ID REQUEST_ID MATCH_PROBABILITY CANDIDATES REASONS"

ROWS = [
    # the date of birth one digit off the taxpayer's (1980-04-12)
    dict(BASE, request_id="Q1", first_name="Maria", last_name="Garcia",
         street="123 N Main St", unit="4B", city="Austin", state="TX", zip="78701",
         date_of_birth="1980-04-13"),
    # a middle name the taxpayer's record does not hold (JOSE LUIS DE LA CRUZ)
    dict(BASE, request_id="Q2", first_name="Jose", middle_name="Antonio",
         last_name="De la Cruz", street="2200 S Congress Ave", unit="12", city="Austin",
         state="TX", zip="78704"),
    # a plain match: disclosed, not in the queue
    dict(BASE, request_id="Q3", first_name="Robert", last_name="Johnson", street="9 Elm St",
         city="Miami", state="FL", zip="33125", date_of_birth="1970-07-07"),
]


@pytest.fixture(scope="module")
def queue(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("review_reasons")
    home, key = setup_home(tmp)
    sub = dgate(home, "batch", "submit", str(write_package(tmp / "pkg", key, ROWS)),
                "--as-of", AS_OF, user="clerk")
    assert sub.code == 0, sub.err
    return home, sub.last_line


def _lines(home: Path, batch: str | None, user: str) -> tuple[list[list[str]], str]:
    r = dgate(home, "review", "list", *([batch] if batch else []), user=user)
    assert r.code == 0, r.err
    lines = r.out.strip().splitlines()
    assert lines[0] == HEADER
    fields = [line.split() for line in lines[1:]]
    assert all(len(f) == len(HEADER.split()) for f in fields), fields
    return fields, r.err


def _views(home: Path, purpose: str) -> list[str]:
    with sqlite3.connect(home / "case.sqlite") as conn:
        return [str(u) for (u,) in conn.execute(
            "SELECT user_id FROM access_log WHERE purpose = ?", (purpose,))]


def test_a_reviewer_sees_why_each_item_is_in_review(queue: tuple[Path, str]) -> None:
    home, batch = queue
    for user in ("rev", "off1"):
        fields, err = _lines(home, batch, user)
        assert {f[2]: f[-1] for f in fields} == {"Q1": "dob_one_digit",
                                                 "Q2": "middle_conflict"}
        # REQUEST_KEY first, as before
        assert [f[0] for f in fields] == [f"{batch}:1", f"{batch}:2"]
        assert err == ""
    assert set(_views(home, "review reasons")) >= {"rev", "off1"}
    # the whole queue (no batch named) reads the same
    everything, _ = _lines(home, None, "rev")
    assert {f[0]: f[-1] for f in everything} == {f"{batch}:1": "dob_one_digit",
                                                 f"{batch}:2": "middle_conflict"}


def test_other_roles_list_the_queue_without_reasons(queue: tuple[Path, str]) -> None:
    home, batch = queue
    before = _views(home, "review reasons")
    for user in ("aud", "clerk", "admin"):
        fields, err = _lines(home, batch, user)
        assert [(f[0], f[-1]) for f in fields] == [(f"{batch}:1", "-"), (f"{batch}:2", "-")]
        assert "reviewers and disclosure officers only" in err
    # nothing sealed was read for them
    assert _views(home, "review reasons") == before


def test_no_value_is_printed(queue: tuple[Path, str]) -> None:
    home, batch = queue
    r = dgate(home, "review", "list", batch, user="rev")
    text = (r.out + r.err).upper()
    for value in ("MARIA", "GARCIA", "ANTONIO", "LUIS", "CRUZ", "MAIN", "CONGRESS", "1980",
                  "04-13", "401223344", "904781234", "78701", "AUSTIN"):
        assert value not in text, value


def test_a_decided_item_leaves_the_list(queue: tuple[Path, str], tmp_path: Path) -> None:
    home, batch = queue
    assert dgate(home, "review", "decide", f"{batch}:1", "--no-disclose", user="rev").code == 0
    fields, _ = _lines(home, batch, "rev")
    assert [(f[0], f[-1]) for f in fields] == [(f"{batch}:2", "middle_conflict")]

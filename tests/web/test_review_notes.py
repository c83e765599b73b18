"""What a reviewer must check (web/notes.py), derived from explanations that the real
matcher built: a tiny master and requests run through match/setwise.decide_chunk (the
engine `dgate batch submit` uses), then the notes of each decision. And end to end: a
request whose date of birth is one digit off, submitted with the CLI, shows that note at
the top of the review page and in the queue."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from tests.e2e.handmade import AS_OF, dgate, setup_home, write_package
from tests.match.extract import write_extract
from tests.web.builders import signed_in
from tests.web.test_api import sign_in

from dgate.match.compare import Query
from dgate.match.model import DEFAULT_LEVELS, MatchModel
from dgate.match.setwise import decide_chunk
from dgate.model import Decision, Disposition
from dgate.normalize.address import normalize_address
from dgate.normalize.names import normalize_name
from dgate.rules.dates import birth_date
from dgate.web import views
from dgate.web.notes import HELD_TEXT, Note, close_bits, derive, held_back

CITY = ("MIAMI", "FL", "33125")
# tin, first, middle, last, dob, street, unit
PEOPLE = [
    ("500000001", "ROBERT", "", "JOHNSON", "1965-11-28", "9 ELM ST", ""),
    ("500000031", "ROBBERT", "", "JOHNSON", "", "9 ELM ST", ""),
    ("500000002", "CARMEN", "", "JIMENEZ RODRIGUEZ", "1971-02-03", "20 OAK AVE", ""),
    ("500000003", "BENJAMIN", "CHRISTOPHER", "MITCHELL", "1980-05-06", "31 PINE RD", ""),
    ("500000005", "JUAN", "", "MEJIA", "1969-09-10", "55 CEDAR ST", "APT 3"),
    ("500000006", "DEBORAH", "", "BROWN", "1982-03-04", "3565 GRANT LN", ""),
    ("500000009", "GLORIA", "", "ZAVALETA", "1966-08-11", "77 ASH CT", ""),
    ("500000010", "ERNESTO", "", "VALDIVIA", "1958-01-01", "88 ELM ST", ""),
    ("500000011", "ERNESTO", "", "VALDIVIA", "", "88 ELM ST", ""),
    ("500000012", "KEVIN", "", "OKAFOR", "1984-04-04", "12 BAY ST", ""),
    ("500000013", "CARMEN", "", "RODRIGUEZ", "1960-06-06", "4 FAR RD", ""),
]
# request id -> (first, middle, last, date of birth as written, street, unit)
REQUESTS = {
    "dob_one_digit": ("Robert", "", "Johnson", "11/20/1965", "9 Elm St", ""),
    "dob_swapped": ("Gloria", "", "Zavaleta", "1966-11-08", "77 Ash Ct", ""),
    "dob_unread": ("Kevin", "", "Okafor", "1984-13-45", "12 Bay St", ""),
    "undated_dated": ("Ernesto", "", "Valdivia", "1970-01-01", "88 Elm St", ""),
    "swapped": ("Johnson", "", "Robert", "", "9 Elm St", ""),
    "first_surname": ("Carmen", "", "Jimenez", "", "20 Oak Ave", ""),
    "second_surname": ("Carmen", "", "Rodriguez", "", "20 Oak Ave", ""),
    "second_given": ("Christopher", "", "Mitchell", "", "31 Pine Rd", ""),
    "anglicized": ("John", "", "Mejia", "", "55 Cedar St", "Apt 3"),
    "house_slip": ("Deborah", "", "Brown", "1982-03-04", "3556 Grant Ln", ""),
    "street_slip": ("Deborah", "", "Brown", "", "3565 Gratn Ln", ""),
    "unit_missing": ("Juan", "", "Mejia", "1969-09-10", "55 Cedar St", ""),
    "title": ("Mrs Kevin", "", "Okafor", "", "12 Bay St", ""),
    "generation": ("Gloria", "", "Zavaleta Jr", "", "77 Ash Ct", ""),
}
# request id -> the rule the policy records for sending it to review (policy.review_because)
HELD = {
    "dob_one_digit": "dob_one_digit",
    "dob_unread": "dob_unread",
    "swapped": "names_swapped_unsettled",
    "second_surname": "closer_name_elsewhere",
    "second_given": "second_given_name",
    "anglicized": "given_variant_undated",
    "house_slip": "address_near",
    "title": "title_conflict",
    "generation": "generation_not_on_record",
}


@pytest.fixture(scope="module")
def master(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    from dgate.store.master import MasterStore

    root = tmp_path_factory.mktemp("notes")
    src = write_extract(
        root / "extract",
        [[t, "SSN", f, m, last, "", dob, ""] for t, f, m, last, dob, _, _ in PEOPLE],
        [[t, street, unit, *CITY, "RETURN", "2025", "2026-02-01"]
         for t, _, _, _, _, street, unit in PEOPLE])
    store = MasterStore(root / "home")
    store.load(src)
    with store.connect() as con:
        yield con


def _request(rid: str) -> dict[str, str]:
    first, middle, last, dob, street, unit = REQUESTS[rid]
    return {"request_id": rid, "first_name": first, "middle_name": middle,
            "last_name": last, "name_suffix": "", "date_of_birth": dob, "street": street,
            "unit": unit, "city": CITY[0].title(), "state": CITY[1], "zip": CITY[2],
            "address": ""}


@pytest.fixture(scope="module")
def decided(master: duckdb.DuckDBPyConnection) -> dict[str, Decision]:
    """Every request decided at once, its Query built as service/submit._query builds it."""
    queries, ids = [], {}
    for seq, rid in enumerate(REQUESTS, start=1):
        f = _request(rid)
        dob = birth_date(f["date_of_birth"]) if f["date_of_birth"] else None
        queries.append(Query(
            seq=seq, name=normalize_name(f["first_name"], f["middle_name"], f["last_name"]),
            address=normalize_address(f["street"], f["unit"], f["city"], f["state"], f["zip"]),
            dob=dob, tin="", dob_unread=bool(f["date_of_birth"]) and dob is None))
        ids[seq] = rid
    return {d.request_id: d for d in decide_chunk(master, queries, ids, MatchModel())}


def _masters(d: Decision) -> dict[str, dict[str, str]]:
    """The candidates' master values as views.review_detail passes them."""
    by_tin = {p[0]: p for p in PEOPLE}
    out = {}
    for key in ("best", "runner_up"):
        e = d.explanation.get(key) or {}
        if not isinstance(e, dict) or not e.get("tin"):
            continue
        _, first, middle, last, dob, street, unit = by_tin[str(e["tin"])]
        out[key] = {"first_name": first, "middle_name": middle, "last_name": last,
                    "name_suffix": "", "date_of_birth": dob, "street": street, "unit": unit,
                    "city": CITY[0], "state": CITY[1], "zip": CITY[2]}
    return out


def notes_of(d: Decision, *, values: bool = True) -> list[Note]:
    if not values:
        return derive(d.explanation)
    return derive(d.explanation, _request(d.request_id), _masters(d))


def by_code(notes: list[Note]) -> dict[str, Note]:
    return {n.code: n for n in notes}


def test_a_date_of_birth_one_digit_off_is_the_first_thing_said(
        decided: dict[str, Decision]) -> None:
    d = decided["dob_one_digit"]
    # what the agency was criticised for: a near-certain probability with the DOB off
    assert d.disposition == Disposition.REVIEW and d.match_probability > 0.99
    notes = notes_of(d)
    assert notes[0].code == "dob_one_digit" and notes[0].field == "dob"
    assert notes[0].short == "DOB 1 digit off"
    # the request's date as read (written 11/20/1965), beside the master's
    assert ("Date of birth differs from the candidate's in one digit "
            "(request 1965-11-20, master 1965-11-28)") in notes[0].text
    # the queue's form: the same note, no values
    bare = notes_of(d, values=False)[0]
    assert bare.code == "dob_one_digit" and "1965" not in bare.text


@pytest.mark.parametrize("rid,rule", sorted(HELD.items()))
def test_the_rule_that_held_a_review_item_back_is_recorded_and_said(
        decided: dict[str, Decision], rid: str, rule: str) -> None:
    d = decided[rid]
    assert d.disposition == Disposition.REVIEW, (rid, d.reason_codes)
    because = d.explanation["review_because"]
    assert isinstance(because, list) and rule in because, because
    assert held_back(d.explanation)[because.index(rule)] == HELD_TEXT[rule]


def test_every_review_item_says_why_and_no_other_decision_does(
        decided: dict[str, Decision]) -> None:
    assert any(d.disposition == Disposition.REVIEW for d in decided.values())
    for rid, d in decided.items():
        because = d.explanation.get("review_because")
        if d.disposition == Disposition.REVIEW:
            assert because and all(c in HELD_TEXT for c in because), (rid, because)
        else:
            assert because is None, (rid, d.disposition, because)


def test_a_courtesy_title_and_an_unrecorded_generation_have_notes(
        decided: dict[str, Decision]) -> None:
    # no comparison level shows either: the recorded rule does, with or without values
    for values in (True, False):
        title = by_code(notes_of(decided["title"], values=values))
        assert title["title_conflict"].short == "courtesy title"
        gen = by_code(notes_of(decided["generation"], values=values))
        assert gen["suffix_not_on_record"].field == "suffix"
    # an explanation sealed before the rules were recorded says nothing of them
    old = {k: v for k, v in decided["title"].explanation.items() if k != "review_because"}
    assert "title_conflict" not in by_code(derive(old)) and held_back(old) == []


def test_a_runner_up_close_to_the_best_is_named(decided: dict[str, Decision]) -> None:
    # ROBBERT JOHNSON at the address, no date on record: 8 bits below the best
    notes = by_code(notes_of(decided["dob_one_digit"]))
    gap = (float(decided["dob_one_digit"].explanation["best"]["bits"])
           - float(decided["dob_one_digit"].explanation["runner_up"]["bits"]))
    assert 0 < gap < close_bits(MatchModel())
    assert notes["runner_up_close"].short == f"runner-up close ({gap:.1f} bits)"
    assert notes["runner_up_close"].who == "runner_up"


def test_day_and_month_swapped(decided: dict[str, Decision]) -> None:
    n = by_code(notes_of(decided["dob_swapped"]))["dob_swapped"]
    assert "(request 1966-11-08, master 1966-08-11)" in n.text


def test_an_unreadable_date_of_birth(decided: dict[str, Decision]) -> None:
    d = decided["dob_unread"]
    assert d.disposition == Disposition.REVIEW
    n = notes_of(d)[0]
    assert n.code == "dob_unread" and "as written 1984-13-45" in n.text


def test_no_date_of_birth_in_the_request_with_a_translated_given_name(
        decided: dict[str, Decision]) -> None:
    d = decided["anglicized"]
    assert d.disposition == Disposition.REVIEW
    notes = by_code(notes_of(d))
    assert notes["dob_missing_request"].field == "dob"
    assert "(request John, master JUAN)" in notes["given_variant"].text
    assert "No date of birth or TIN settles it." in notes["given_variant"].text


def test_the_runner_ups_date_of_birth_conflicts(decided: dict[str, Decision]) -> None:
    # ERNESTO VALDIVIA born 1970 asked where ERNESTO VALDIVIA born 1958 lives with an
    # undated one: the dated one is set aside by the date alone (M_AMBIGUOUS)
    notes = by_code(notes_of(decided["undated_dated"]))
    n = notes["runner_up_dob_conflict"]
    assert n.who == "runner_up" and "(request 1970-01-01, runner-up 1958-01-01)" in n.text
    assert "dob_missing_master" in notes and "runner_up_name" in notes


def test_names_swapped(decided: dict[str, Decision]) -> None:
    d = decided["swapped"]
    assert d.disposition == Disposition.REVIEW and d.explanation.get("names_swapped")
    n = by_code(notes_of(d))["names_swapped"]
    assert ("(request: given name Johnson, surname Robert; master: given name ROBERT, "
            "surname JOHNSON)") in n.text


def test_one_of_two_surnames(decided: dict[str, Decision]) -> None:
    first = by_code(notes_of(decided["first_surname"]))
    assert "request Jimenez, master JIMENEZ RODRIGUEZ" in first["surname_first_only"].text
    d = decided["second_surname"]
    # a CARMEN RODRIGUEZ elsewhere bears the requested name exactly
    assert d.disposition == Disposition.REVIEW and d.explanation.get("closer_name_elsewhere")
    second = by_code(notes_of(d))
    assert second["surname_second_only"].short == "2nd surname only"
    assert "closer_name_elsewhere" in second
    # without the values, the level alone
    assert "surname_partial" in by_code(notes_of(decided["second_surname"], values=False))


def test_goes_by_the_second_given_name(decided: dict[str, Decision]) -> None:
    d = decided["second_given"]
    assert d.disposition == Disposition.REVIEW
    assert notes_of(d)[0].code == "given_second"  # before the missing date
    n = by_code(notes_of(d))["given_second"]
    assert "(request Christopher, master BENJAMIN / CHRISTOPHER)" in n.text


def test_addresses_weaker_than_exact(decided: dict[str, Decision]) -> None:
    house = by_code(notes_of(decided["house_slip"]))
    assert "(request 3556, master 3565)" in house["address_house_slip"].text
    street = by_code(notes_of(decided["street_slip"]))
    assert "(request GRATN LN, master GRANT LN)" in street["address_street_slip"].text
    unit = by_code(notes_of(decided["unit_missing"]))
    assert "(request no unit, master unit 3)" in unit["address_unit_missing"].text


def test_every_level_below_agreement_has_a_note() -> None:
    """Each level the model defines for the date of birth, the names and the address, other
    than plain agreement, yields a note on that field (and no level is read that the model
    does not define)."""
    agree = {"first": 5, "last": 5, "middle": 2, "suffix": 1, "address": 5, "dob": 3}
    silent = {("middle", 1), ("middle", -1), ("suffix", 1), ("suffix", 2)}
    for comp, top in agree.items():
        for lv in DEFAULT_LEVELS[comp]:
            if lv == top or (comp, lv) in silent:
                continue
            levels = dict(agree, **{comp: lv})
            notes = derive({"best": {"levels": levels, "bits": 30.0}}, {}, {})
            assert any(n.field == comp for n in notes), (comp, lv)


def test_a_master_reloaded_since_is_not_quoted_against_the_level() -> None:
    e = {"best": {"levels": {"first": 5, "last": 5, "middle": -1, "suffix": 1,
                             "address": 5, "dob": 1}, "bits": 40.0}}
    n = derive(e, {"date_of_birth": "1965-11-20"},
               {"best": {"date_of_birth": "1965-11-20"}})[0]
    assert n.code == "dob_one_digit" and "no longer compare" in n.text


# -- end to end ------------------------------------------------------------------------------

def test_the_review_page_says_the_date_of_birth_is_one_digit_off(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Robert Johnson of 9 Elm St, born 1970-07-07 (tests/e2e/handmade's master), asked for
    with 07/01/1970: the page's first note is the date, with both dates; the DOB row is
    marked in words; the queue says it short, to reviewers only."""
    home, key = setup_home(tmp_path)
    pkg = write_package(tmp_path / "pkg", key, [dict(
        request_id="D1", first_name="Robert", last_name="Johnson", date_of_birth="07/01/1970",
        street="9 Elm St", city="Miami", state="FL", zip="33125")], batch_id="ICE-2026-000777")
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert sub.code == 0, sub.err
    batch = sub.last_line
    client, world = signed_in(tmp_path, home, ("rev", "clerk"), "rev")
    page = client.get(f"/review/{batch}:1")
    assert page.status_code == 200 and "M_REVIEW" in page.text
    checks = re.search(r'<section class="card checks".*?</section>', page.text, re.S)
    assert checks is not None and page.text.index(checks.group(0)) < page.text.index(
        'table class="compare"')
    first = re.search(r"<li[^>]*>(.*?)</li>", checks.group(0), re.S)
    assert first is not None
    assert ("DOB 1 digit off:</strong> Date of birth differs from the candidate&#39;s in one "
            "digit (request 1970-07-01, master 1970-07-07)") in first.group(1)
    held = re.search(r'<p class="held"[^>]*>(.*?)</p>', checks.group(0), re.S)
    assert held is not None and "the date of birth is one digit off" in held.group(1)
    row = re.search(r'<tr class="flagged">\s*<th scope="row">Date of birth <span class="flag">'
                    r"Check: DOB 1 digit off</span>", page.text)
    assert row is not None
    queue = client.get(f"/review?batch_id={batch}")
    assert '<td class="checks">DOB 1 digit off</td>' in queue.text
    # beyond the first QUEUE_NOTES_MAX items the queue reads no sealed data; it says so
    monkeypatch.setattr(views, "QUEUE_NOTES_MAX", 0)
    queue = client.get(f"/review?batch_id={batch}")
    assert "DOB 1 digit off" not in queue.text and "shown for the first 0 items" in queue.text
    monkeypatch.undo()
    client.cookies.clear()
    sign_in(client, world, "clerk")  # intake sees the queue, not what it says of people
    queue = client.get(f"/review?batch_id={batch}")
    assert queue.status_code == 200 and "DOB 1 digit off" not in queue.text
    con = sqlite3.connect(home / "case.sqlite")
    logged = con.execute("SELECT user_id FROM access_log WHERE purpose = "
                         "'review queue notes'").fetchall()
    con.close()
    assert logged == [("rev",), ("rev",)]

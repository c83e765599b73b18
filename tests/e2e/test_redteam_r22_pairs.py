"""Red team r22 (session 31): one taxpayer, two people, across batches — what r20 left open.

r20 sends a later batch's request to review when an earlier batch answered the same
taxpayer for a request naming another person (service/submit.py `_asked_before`). Three
ways around it: the earlier item's reviewer confirms it after the later one was confirmed
(nobody having seen both); two batches submitted at once, each deciding before the other
is written; and the blind index the look goes by, blanked by hand, unnoticed by `ledger
verify`. Every person, TIN and address here is invented; each case is driven through the
real CLI (`tests/e2e/handmade.py`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from tests.e2e.handmade import decide as _decide
from tests.e2e.handmade import dgate, home_with

from dgate.service import submit

CHI = ("Chicago", "IL", "60629")
PLACE = {"city": "CHICAGO", "state": "IL", "zip": "60629"}

# One undated HENRIK OSTROWSKI at 44 BIRCH ST and one undated WALTER BRENNAN at 40 BIRCH ST
TAXPAYERS = [("620200002", "SSN", "HENRIK", "", "OSTROWSKI", "", "", ""),
             ("620200001", "SSN", "WALTER", "", "BRENNAN", "", "", "")]
ADDRESSES = [("620200002", "44 Birch St", "", *CHI, "RETURN", "2025", "2026-02-26"),
             ("620200001", "40 Birch St", "", *CHI, "RETURN", "2025", "2026-02-26")]
HENRIK = dict(PLACE, first_name="HENRIK", last_name="OSTROWSKI", street="44 BIRCH ST")
WALTER = dict(PLACE, first_name="WALTER", last_name="BRENNAN", street="40 BIRCH ST")


def _seen(got: dict[str, dict[str, str]]) -> dict[str, tuple[str, str]]:
    return {rid: (r["disposition"], r["match_tin"]) for rid, r in got.items()}


def _key(home: Path, batch: str, rid: str) -> str:
    listed = dgate(home, "review", "list", batch, user="rev").out
    return next(ln.split()[0] for ln in listed.splitlines()[1:] if ln.split()[2] == rid)


@pytest.mark.parametrize("first_confirmed", ["earlier", "later"])
def test_two_review_items_naming_two_people_are_not_both_confirmed(
        tmp_path: Path, first_confirmed: str) -> None:
    """Batch 1 asks for HENRIK OSTROWSKI SR (REVIEW: the one HENRIK OSTROWSKI on file has no
    suffix), left pending; batch 2 for HENRIK OSTROWSKI JR (REVIEW, earlier_other_person).
    The reviewer of batch 2's item saw batch 1's; batch 1's reviewer saw nothing of batch
    2's. Whichever is confirmed first, the other — the same taxpayer for another person —
    cannot be confirmed after it (exit 4, one line naming the confirmed item, on the
    ledger as review_refused); it can still be refused. Once one of the two is refused, the
    other can be confirmed."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    first = _seen(_decide(home, key, tmp_path, [dict(HENRIK, request_id="H1",
                                                      name_suffix="SR")], "ICE-2026-221001"))
    assert first["H1"] == ("REVIEW", "620200002"), first
    later = _seen(_decide(home, key, tmp_path, [dict(HENRIK, request_id="H2",
                                                      name_suffix="JR")], "ICE-2026-221002"))
    assert later["H2"] == ("REVIEW", "620200002"), later
    h1, h2 = _key(home, "ICE-2026-221001", "H1"), _key(home, "ICE-2026-221002", "H2")
    confirmed, other = (h1, h2) if first_confirmed == "earlier" else (h2, h1)
    assert dgate(home, "review", "decide", confirmed, "--disclose", user="rev").code == 0
    refused = dgate(home, "review", "decide", other, "--disclose", user="rev")
    assert refused.code == 4, (refused.code, refused.out, refused.err)
    lines = [ln for ln in refused.err.splitlines() if ln.strip()]
    assert len(lines) == 1 and confirmed in lines[0] and other in lines[0], refused.err
    assert "OSTROWSKI" not in refused.err and "620200002" not in refused.err
    # still pending: it may be refused, and the ledger verifies
    assert other in dgate(home, "review", "list", user="rev").out
    assert dgate(home, "review", "decide", other, "--no-disclose", user="rev").code == 0
    assert dgate(home, "ledger", "verify", user="aud").code == 0


def _reasons(home: Path) -> dict[str, list[str]]:
    return {ln.split()[2]: ln.split()[-1].split(";")
            for ln in dgate(home, "review", "list", user="rev").out.splitlines()[1:]}


def test_each_item_of_the_pair_is_listed_with_the_other(tmp_path: Path) -> None:
    """The earlier item's reviewer is told too: `review list` gives each of the two items
    other_person_same_taxpayer (the later one also its recorded earlier_other_person).
    The pair's rule bites only while both would disclose: the reviewer who refuses batch
    2's JR (not the taxpayer) leaves batch 1's SR listed as before, and it is confirmed."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    _decide(home, key, tmp_path, [dict(HENRIK, request_id="H1", name_suffix="SR")],
            "ICE-2026-222001")
    assert "other_person_same_taxpayer" not in _reasons(home)["H1"]
    _decide(home, key, tmp_path, [dict(HENRIK, request_id="H2", name_suffix="JR")],
            "ICE-2026-222002")
    reasons = _reasons(home)
    assert "other_person_same_taxpayer" in reasons["H1"], reasons
    assert {"earlier_other_person", "other_person_same_taxpayer"} <= set(reasons["H2"])
    h1, h2 = _key(home, "ICE-2026-222001", "H1"), _key(home, "ICE-2026-222002", "H2")
    assert dgate(home, "review", "decide", h2, "--no-disclose", user="rev").code == 0
    assert "other_person_same_taxpayer" not in _reasons(home)["H1"]
    assert dgate(home, "review", "decide", h1, "--disclose", user="rev").code == 0


def test_two_batches_submitted_at_once_see_each_other(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Two submits at once: batch A (WALTER BRENNAN born 1950) has been decided and has
    looked for earlier answers (none) when batch B (WALTER BRENNAN born 1980), submitted
    by another process meanwhile, commits its DISCLOSE. A then wrote its own DISCLOSE: the
    one undated WALTER BRENNAN's address decided for two people. A now looks again, inside
    its write transaction, at what was committed since, and goes to review."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    looked = submit._asked_before
    state = {"done": False}

    def meanwhile(*args: Any, **kwargs: Any) -> Any:
        out = looked(*args, **kwargs)
        if not state["done"]:
            state["done"] = True  # batch B, submitted by another process meanwhile
            other = _seen(_decide(home, key, tmp_path, [dict(
                WALTER, request_id="WB", date_of_birth="1980-01-01")], "ICE-2026-223002"))
            assert other["WB"] == ("DISCLOSE", "620200001"), other
        return out

    monkeypatch.setattr(submit, "_asked_before", meanwhile)
    got = _seen(_decide(home, key, tmp_path, [dict(WALTER, request_id="WA",
                                                    date_of_birth="1950-01-01")],
                        "ICE-2026-223001"))
    assert state["done"]
    assert got["WA"] == ("REVIEW", "620200001"), got
    reasons = dgate(home, "review", "list", "ICE-2026-223001", user="rev").out
    assert "earlier_other_person" in reasons, reasons
    assert dgate(home, "ledger", "verify", user="aud").code == 0


def test_a_blanked_blind_index_is_found_by_ledger_verify(tmp_path: Path) -> None:
    """decisions.tin_index is how a later batch finds an earlier answer: blanked (or set to
    another taxpayer's) by someone with write access to the case store, a later request for
    another person is disclosed. `ledger verify` recomputes each DISCLOSE or REVIEW
    decision's blind index from its sealed (ledger-committed) matched TIN and names the
    row."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    first = _seen(_decide(home, key, tmp_path, [dict(WALTER, request_id="W1",
                                                      date_of_birth="1950-01-01")],
                          "ICE-2026-224001"))
    assert first["W1"] == ("DISCLOSE", "620200001"), first
    assert dgate(home, "ledger", "verify", user="aud").code == 0
    con = sqlite3.connect(home / "case.sqlite")
    with con:
        con.execute("UPDATE decisions SET tin_index = '' WHERE batch_id = 'ICE-2026-224001'")
    con.close()
    check = dgate(home, "ledger", "verify", user="aud")
    assert check.code != 0, check.out
    assert "ICE-2026-224001:1" in check.err + check.out and "tin_index" in check.err + check.out
    # another taxpayer's index in its place: found too
    con = sqlite3.connect(home / "case.sqlite")
    with con:
        con.execute("UPDATE decisions SET tin_index = ? WHERE batch_id = 'ICE-2026-224001'",
                    ("0" * 64,))
    con.close()
    assert dgate(home, "ledger", "verify", user="aud").code != 0


def _approve(home: Path, batch: str) -> None:
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", batch, user=officer).code == 0


def test_release_refuses_one_taxpayer_disclosed_for_two_people(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Release is where the address leaves. Two batches decided with no look at each other
    (as a dgate before r20 decided them, or two submits at once before r22) each DISCLOSE
    the one undated WALTER BRENNAN: for one born 1950 and for one born 1980. Neither batch
    is released (exit 4, naming both requests, release_refused on the ledger); a batch
    whose disclosures no other contradicts is released as before."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    monkeypatch.setattr(submit, "_asked_before", lambda *a, **k: {})
    a = _seen(_decide(home, key, tmp_path, [dict(WALTER, request_id="WA",
                                                  date_of_birth="1950-01-01")],
                      "ICE-2026-225001"))
    b = _seen(_decide(home, key, tmp_path, [dict(WALTER, request_id="WB",
                                                  date_of_birth="1980-01-01")],
                      "ICE-2026-225002"))
    monkeypatch.undo()
    assert a["WA"] == b["WB"] == ("DISCLOSE", "620200001"), (a, b)
    c = _seen(_decide(home, key, tmp_path, [dict(WALTER, request_id="WC",
                                                  date_of_birth="1950-01-01")],
                      "ICE-2026-225003"))  # WA's person again: no contradiction with WA
    assert c["WC"] == ("REVIEW", "620200001"), c  # ... but with WB (r20's look)
    for batch, mine, other in (("ICE-2026-225002", "ICE-2026-225002:1", "ICE-2026-225001:1"),
                               ("ICE-2026-225001", "ICE-2026-225001:1", "ICE-2026-225002:1")):
        _approve(home, batch)
        out = tmp_path / f"{batch}-response.csv"
        r = dgate(home, "batch", "release", batch, "--out", str(out), user="off1")
        assert r.code == 4, (r.code, r.out, r.err)
        assert mine in r.err and other in r.err and "BRENNAN" not in r.err, r.err
        assert not out.exists()
    # a batch the other disclosures do not contradict (HENRIK's taxpayer) is released
    h = _seen(_decide(home, key, tmp_path, [dict(HENRIK, request_id="H1")], "ICE-2026-225004"))
    assert h["H1"] == ("DISCLOSE", "620200002"), h
    _approve(home, "ICE-2026-225004")
    assert dgate(home, "batch", "release", "ICE-2026-225004", "--out",
                 str(tmp_path / "h.csv"), user="off1").code == 0
    assert dgate(home, "ledger", "verify", user="aud").code == 0


def test_release_refuses_a_disclosure_whose_blind_index_was_altered(tmp_path: Path) -> None:
    """The release holds each disclosure's tin_index against its sealed matched TIN: blanked
    by hand, a later batch would not find this disclosure, nor this release another. Nothing
    is released (exit 1, naming the row); `ledger verify` names it too."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    got = _seen(_decide(home, key, tmp_path, [dict(WALTER, request_id="W1",
                                                    date_of_birth="1950-01-01")],
                        "ICE-2026-226001"))
    assert got["W1"] == ("DISCLOSE", "620200001"), got
    _approve(home, "ICE-2026-226001")
    con = sqlite3.connect(home / "case.sqlite")
    with con:
        con.execute("UPDATE decisions SET tin_index = '' WHERE batch_id = 'ICE-2026-226001'")
    con.close()
    out = tmp_path / "response.csv"
    r = dgate(home, "batch", "release", "ICE-2026-226001", "--out", str(out), user="off1")
    assert r.code == 1 and "ICE-2026-226001:1" in r.err and "tin_index" in r.err, r.err
    assert not out.exists()
    con = sqlite3.connect(home / "case.sqlite")
    try:
        assert con.execute("SELECT count(*) FROM releases").fetchone() == (0,)
    finally:
        con.close()


def test_the_review_page_of_each_names_the_other(tmp_path: Path) -> None:
    """The web review page of each item of the pair names the other request (a link), as
    `review list` says other_person_same_taxpayer; an item no other answer contradicts
    names none."""
    import re

    from fastapi.testclient import TestClient
    from tests.web.builders import World
    from tests.web.test_api import sign_in

    from dgate.service import tokens
    from dgate.service.home import Home
    from dgate.web.app import create_app

    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    _decide(home, key, tmp_path, [dict(HENRIK, request_id="H1", name_suffix="SR")],
            "ICE-2026-227001")
    _decide(home, key, tmp_path, [dict(HENRIK, request_id="H2", name_suffix="JR")],
            "ICE-2026-227002")
    with Home(home) as h:
        toks = {"rev": tokens.issue_token(h, "admin", "rev")}
    client = TestClient(create_app(home))
    sign_in(client, World(tmp_path, home, b"", toks), "rev")
    for mine, other in (("ICE-2026-227001:1", "ICE-2026-227002:1"),
                        ("ICE-2026-227002:1", "ICE-2026-227001:1")):
        page = client.get(f"/review/{mine}")
        assert page.status_code == 200, page.text
        said = re.search(r'<p class="warn" role="note" data-others="1">(.*?)</p>', page.text,
                         re.S)
        assert said is not None and other in said.group(1), page.text

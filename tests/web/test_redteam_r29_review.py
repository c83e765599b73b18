"""Red team r29 (session 32): the review pages. The queue's Check column says in words what
`dgate review list` gives as other_person_same_taxpayer, and a reviewer can take a decision
back from the review page (release.review_reopen) until the batch has its two approvals.
Every person, TIN and address here is invented."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from tests.e2e.handmade import decide as _decide
from tests.e2e.handmade import dgate, home_with
from tests.web.builders import World, signed_in
from tests.web.test_api import auth, csrf_of, sign_in

CHI = ("Chicago", "IL", "60629")
TAXPAYERS = [("620290012", "SSN", "HENRIK", "", "OSTROWSKI", "", "", "")]
ADDRESSES = [("620290012", "44 Birch St", "", *CHI, "RETURN", "2025", "2026-02-26")]
HENRIK = dict(city="CHICAGO", state="IL", zip="60629", first_name="HENRIK",
              last_name="OSTROWSKI", street="44 BIRCH ST")
H1, H2 = "ICE-2026-293001:1", "ICE-2026-293002:1"


def _pair(tmp_path: Path) -> tuple[Path, TestClient, World]:
    """HENRIK OSTROWSKI SR (batch 1) and JR (batch 2), both in review, the one HENRIK
    OSTROWSKI on file; a client signed in as the reviewer."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    _decide(home, key, tmp_path, [dict(HENRIK, request_id="H1", name_suffix="SR")],
            "ICE-2026-293001")
    _decide(home, key, tmp_path, [dict(HENRIK, request_id="H2", name_suffix="JR")],
            "ICE-2026-293002")
    client, world = signed_in(tmp_path, home, ("rev", "off1"), "rev")
    return home, client, world


def _checks(html: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in re.finditer(
        r'<a href="/review/[^"]+">([^<]+)</a></td>.*?<td class="checks">([^<]*)</td>',
        html, re.S)}


def test_the_queue_says_the_same_taxpayer_answers_another_person(tmp_path: Path) -> None:
    """`review list` gives both items other_person_same_taxpayer; the queue's Check column
    said it of neither (the earlier item's explanation records nothing of the later one).
    It says it, in words, of each."""
    home, client, _world = _pair(tmp_path)
    listed = dgate(home, "review", "list", user="rev").out
    assert listed.count("other_person_same_taxpayer") == 2, listed
    queue = client.get("/review")
    assert queue.status_code == 200, queue.text
    checks = _checks(queue.text)
    assert set(checks) == {H1, H2}, checks
    for key, said in checks.items():
        assert "same taxpayer, other person" in said, (key, said)


def test_a_reviewer_reopens_a_decision_from_the_review_page(tmp_path: Path) -> None:
    """A decided item's page offers the reviewer (not the officer) a form to take the
    decision back, with a reason; posted, the item is pending again and the page says so.
    Once the batch has its two approvals the form is gone."""
    home, client, world = _pair(tmp_path)
    assert dgate(home, "review", "decide", H1, "--disclose", user="rev").code == 0
    page = client.get(f"/review/{H1}")
    assert page.status_code == 200 and '/reopen" class="row">' in page.text, page.text
    r = client.post(f"/review/{H1}/reopen", data={"reason": "wrong item",
                                                  "csrf": csrf_of(page.text)},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    assert H1 in dgate(home, "review", "list", user="rev").out
    page = client.get(r.headers["location"])
    assert "pending review again" in page.text and "/reopen" not in page.text
    assert dgate(home, "review", "decide", H1, "--no-disclose", user="rev").code == 0
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", "ICE-2026-293001", user=officer).code == 0
    assert "/reopen" not in client.get(f"/review/{H1}").text
    assert dgate(home, "review", "decide", H2, "--disclose", user="rev").code == 0
    # the API's form of it: the officer may not; the reviewer may
    api = f"/api/v1/reviews/{H2}/reopen"
    r = client.post(api, headers=auth(world, "off1"), json={"reason": "x"})
    assert r.status_code == 403, r.text
    r = client.post(api, headers=auth(world, "rev"), json={"reason": "wrong item"})
    assert r.status_code == 200 and r.json() == {"request_key": H2,
                                                 "approvals_withdrawn": []}, r.text
    assert dgate(home, "review", "decide", H2, "--disclose", user="rev").code == 0
    client.cookies.clear()
    sign_in(client, world, "off1")
    page = client.get(f"/review/{H2}")
    assert page.status_code == 200 and "/reopen" not in page.text
    assert dgate(home, "ledger", "verify", user="aud").code == 0

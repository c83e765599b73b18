"""Red team r37 on the review pages: `dgate review list` gives tin_given_for_another_person
(another request, answered or not, gave the item's taxpayer's TIN for someone its own
fields say is another person; red team r36) and the later item's own
earlier_other_person_gave_tin; the queue's Check column said neither, nor did the earlier
item's page (its own explanation names nothing of a later request). They say it in words,
naming request keys at most, never a value. Every person and TIN here is invented."""

from __future__ import annotations

import re
from pathlib import Path

from tests.e2e.handmade import decide as _decide
from tests.e2e.handmade import dgate, home_with
from tests.web.builders import signed_in
from tests.web.test_redteam_r29_review import _checks

CHI = ("Chicago", "IL", "60629")
PLACE = {"city": "CHICAGO", "state": "IL", "zip": "60629"}
TIN = "620370202"
TAXPAYERS = [(TIN, "SSN", "HENRIK", "", "OSTROWSKI", "", "", "")]
ADDRESSES = [(TIN, "44 Birch St", "", *CHI, "RETURN", "2025", "2026-02-26")]
HENRIK = dict(PLACE, first_name="HENRIK", last_name="OSTROWSKI", street="44 BIRCH ST")
H1, H3 = "ICE-2026-370201:1", "ICE-2026-370203:1"
LABEL = "TIN given for another person"


def test_the_queue_and_the_item_say_the_tin_was_given_for_another_person(
        tmp_path: Path) -> None:
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    # HENRIK OSTROWSKI SR in review (the undated record names no generation); then a JR
    # gave his TIN at an address not his (NOT_DISCLOSED); then a SR gave it at his address
    _decide(home, key, tmp_path, [dict(HENRIK, request_id="H1", name_suffix="SR")],
            "ICE-2026-370201")
    _decide(home, key, tmp_path, [dict(HENRIK, request_id="H2", tin=TIN, name_suffix="JR",
                                       street="7 ELSEWHERE ST")], "ICE-2026-370202")
    third = _decide(home, key, tmp_path, [dict(HENRIK, request_id="H3", tin=TIN,
                                               name_suffix="SR")], "ICE-2026-370203")
    assert third["H3"]["disposition"] == "REVIEW", third
    listed = dgate(home, "review", "list", user="rev").out
    lines = {ln.split()[0]: ln for ln in listed.splitlines()[1:]}
    assert "tin_given_for_another_person" in lines[H1], listed
    assert "earlier_other_person_gave_tin" in lines[H3], listed
    client, _world = signed_in(tmp_path, home, ("rev", "off1"), "rev")
    queue = client.get("/review")
    assert queue.status_code == 200, queue.text
    checks = _checks(queue.text)
    assert LABEL in checks[H1] and LABEL in checks[H3], checks
    assert checks[H1].count(LABEL) == 1 and checks[H3].count(LABEL) == 1, checks
    assert TIN not in queue.text and TIN[-4:] not in checks[H1] + checks[H3]
    # the earlier item's page names the later JR's request (its key only; the later SR is
    # the same generation as H1: not another person)
    page = client.get(f"/review/{H1}")
    assert page.status_code == 200, page.text
    said = re.findall(r'data-note="tin_given_for_another_person">(.*?)</li>', page.text,
                      re.S)
    assert len(said) == 1 and "ICE-2026-370202:1" in said[0] and H3 not in said[0], said
    assert TIN not in said[0]

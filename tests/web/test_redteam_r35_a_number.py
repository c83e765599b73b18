"""Red team r35 on the review pages: the queue's Check column says in words what `dgate
review list` gives as one_a_number_other_taxpayer (another request giving the item's
A-number was answered with another taxpayer). Every person, TIN and A-number here is
invented."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import decide as _decide
from tests.e2e.handmade import dgate, home_with
from tests.web.builders import signed_in
from tests.web.test_redteam_r29_review import _checks

CHI = ("Chicago", "IL", "60629")
PLACE = {"city": "CHICAGO", "state": "IL", "zip": "60629"}
TAXPAYERS = [("620350001", "SSN", "MARISOL", "", "QUINTERO", "", "1984-02-02", ""),
             ("620350002", "SSN", "MARISOL", "", "VEGA", "", "1979-07-07", "")]
ADDRESSES = [("620350001", "12 Birch St", "", *CHI, "RETURN", "2025", "2026-02-26"),
             ("620350002", "30 Oak Ave", "", *CHI, "RETURN", "2025", "2026-02-26")]
V2 = "ICE-2026-353002:1"


def test_the_queue_says_the_a_number_was_answered_with_another_taxpayer(
        tmp_path: Path) -> None:
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    _decide(home, key, tmp_path, [dict(PLACE, request_id="Q1", first_name="MARISOL",
                                       last_name="QUINTERO", street="12 BIRCH ST",
                                       a_number="A055555555")], "ICE-2026-353001")
    _decide(home, key, tmp_path, [dict(PLACE, request_id="V2", first_name="MARISOL",
                                       last_name="VEGA", street="30 OAK AVE",
                                       a_number="A055555555")], "ICE-2026-353002")
    listed = dgate(home, "review", "list", user="rev").out
    assert "one_a_number_other_taxpayer" in listed, listed
    client, _world = signed_in(tmp_path, home, ("rev", "off1"), "rev")
    queue = client.get("/review")
    assert queue.status_code == 200, queue.text
    checks = _checks(queue.text)
    assert "same A-number, other taxpayer" in checks[V2], checks

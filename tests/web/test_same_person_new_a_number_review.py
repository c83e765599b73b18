"""Session 37 (audit 23, departure 1) at review: the same person asked again a batch later
under another A-number, both requests in review for a date of birth one digit off the
taxpayer's. The same names as written, date of birth and address are one person whatever
the A-numbers (as R_DUPLICATE reads two such records of one batch), so `review list`, the
review page and `review decide --disclose` (service/submit.py `for_another`) no longer
call either request another person's: both may be confirmed, and both batches released.
Every person, TIN and A-number here is invented."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from tests.e2e.handmade import decide, dgate, home_with
from tests.web.builders import signed_in

CHI = ("Chicago", "IL", "60629")
TAXPAYERS = [("620430101", "SSN", "LUCIA", "", "FERRARO", "", "1990-05-05", "")]
ADDRESSES = [("620430101", "41 Birch St", "", *CHI, "RETURN", "2025", "2026-02-26")]
# one digit off the date of birth on file: a review item (dob_one_digit)
LUCIA = {"first_name": "LUCIA", "last_name": "FERRARO", "street": "41 BIRCH ST",
         "city": "CHICAGO", "state": "IL", "zip": "60629", "date_of_birth": "1990-05-08"}


def _items(home: Path, batch: str) -> dict[str, tuple[str, list[str]]]:
    """request id -> (review item key, its reasons) of a batch's review list."""
    return {ln.split()[2]: (ln.split()[0], ln.split()[-1].split(";"))
            for ln in dgate(home, "review", "list", batch, user="rev").out.splitlines()[1:]}


def _release(home: Path, batch: str, tmp: Path) -> int:
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", batch, user=officer).code == 0
    return dgate(home, "batch", "release", batch, "--out", str(tmp / f"{batch}.out"),
                 user="off1").code


def test_both_review_items_of_one_person_under_two_a_numbers_may_be_confirmed(
        tmp_path: Path) -> None:
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    first = decide(home, key, tmp_path, [dict(LUCIA, request_id="L1", a_number="A055555555")],
                   "ICE-2026-430301")
    assert first["L1"]["disposition"] == "REVIEW", first
    later = decide(home, key, tmp_path, [dict(LUCIA, request_id="L2", first_name="Lucía",
                                              a_number="A066666666")], "ICE-2026-430302")
    assert later["L2"]["disposition"] == "REVIEW", later
    l1, l1_reasons = _items(home, "ICE-2026-430301")["L1"]
    l2, l2_reasons = _items(home, "ICE-2026-430302")["L2"]
    for reasons in (l1_reasons, l2_reasons):
        assert "other_person_same_taxpayer" not in reasons, reasons
        assert "earlier_other_person" not in reasons, reasons
    assert dgate(home, "review", "decide", l2, "--disclose", user="rev").code == 0
    # the earlier item's page names no other person for its taxpayer (it did: L2)
    client, _world = signed_in(tmp_path, home, ("rev", "off1"), "rev")
    page = client.get(f"/review/{quote(l1)}")
    assert page.status_code == 200, page.text
    assert "data-others" not in page.text
    # and it may be confirmed with the later one confirmed (it was refused, exit 4)
    assert dgate(home, "review", "decide", l1, "--disclose", user="rev").code == 0
    assert _release(home, "ICE-2026-430301", tmp_path) == 0
    assert _release(home, "ICE-2026-430302", tmp_path) == 0

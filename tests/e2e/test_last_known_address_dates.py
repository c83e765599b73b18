"""The last known address (master-format.md: in the extract, the row with the latest
effective_date), and two rows of one date and source at two addresses, which do not say
which is last known: a person decides (audit 15, F1). Synthetic people."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import AS_OF, Cases, decide, decide_each, home_with

_PLACE = dict(city="DENVER", state="CO", zip="80205")
_DENVER = ("Denver", "CO", "80205")
TAXPAYERS = [
    ("538500001", "SSN", "Ottoline", "", "Farquhar", "", "", ""),
    ("538500002", "SSN", "Evander", "", "Pettigrew", "", "", ""),
    ("538500003", "SSN", "Rosalind", "", "Ashcombe", "", "", ""),
]
ADDRESSES = [
    # the latest row is dated after the processing date (AS_OF, 2026-11-25): the spec's
    # last known address is the extract's latest row all the same (audit 15's F3, judged).
    # (Not after the day of the load: such a row was not processed yet, and the load is
    # refused, red team r11.)
    ("538500001", "300 Birch St", "", *_DENVER, "RETURN", "2024", "2025-04-15"),
    ("538500001", "12 Cedar Ave", "", *_DENVER, "NCOA", "", "2026-11-30"),
    # the control: the same, dated before it
    ("538500002", "310 Birch St", "", *_DENVER, "RETURN", "2024", "2025-04-15"),
    ("538500002", "14 Cedar Ave", "", *_DENVER, "NCOA", "", "2026-02-01"),
    # two change-of-address rows processed one day
    ("538500003", "900 Zinnia St", "", *_DENVER, "NCOA", "", "2026-06-01"),
    ("538500003", "200 Aspen St", "", *_DENVER, "NCOA", "", "2026-06-01"),
]


def test_the_extract_s_last_known_address_and_its_ties(
        tmp_path: Path) -> None:
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    cases: Cases = {
        "L1": (dict(first_name="OTTOLINE", last_name="FARQUHAR", street="300 BIRCH ST"),
               "DISCLOSE", "538500001"),
        "L2": (dict(first_name="EVANDER", last_name="PETTIGREW", street="310 BIRCH ST"),
               "DISCLOSE", "538500002"),
        "L3": (dict(first_name="ROSALIND", last_name="ASHCOMBE", street="200 ASPEN ST"),
               "REVIEW", ""),
    }
    decide_each(home, key, tmp_path, _PLACE, cases, 4101)
    # the control discloses its last known address, the later of its two rows
    got = decide(home, key, tmp_path, [dict(_PLACE, request_id="L2b", first_name="EVANDER",
                                            last_name="PETTIGREW", street="310 BIRCH ST")],
                 "ICE-2026-004201")["L2b"]
    assert (got["street"], got["address_effective_date"]) == ("14 Cedar Ave", "2026-02-01")
    got = decide(home, key, tmp_path, [dict(_PLACE, request_id="L1b", first_name="OTTOLINE",
                                            last_name="FARQUHAR", street="300 BIRCH ST")],
                 "ICE-2026-004202")["L1b"]
    assert (got["street"], got["address_effective_date"]) == ("12 Cedar Ave", "2026-11-30")
    assert AS_OF < "2026-11-30"

"""Red team r12: a Puerto Rico street line in the Spanish order, the house number last,
read to the letter of decisions.md R_ADDRESS_INCOMPLETE. Synthetic people only."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import decide, home_with


def test_a_house_number_written_after_a_spanish_street_is_a_street_number(
        tmp_path: Path) -> None:
    """decisions.md R_ADDRESS_INCOMPLETE: "no street number, or no street name …". A Puerto
    Rico street line in the Spanish order, the number last ("Calle Luna 123", "Calle 4
    #150"), has both; it was REJECTED R_ADDRESS_INCOMPLETE, and the lawful request for a
    taxpayer the master holds at 123 CALLE LUNA failed (only a line opening with its
    urbanization, URB … CALLE A 150, was read so). The master's own line in that order is
    read the same way. Controls: another house on the street is not that taxpayer's
    address; a line with no number after the street still has none."""
    pr = ("San Juan", "PR", "00926", "RETURN", "2024", "2025-03-01")
    home, key = home_with(
        tmp_path,
        [("406112233", "SSN", "Carmen", "", "Rivera Ortiz", "", "1979-05-05", ""),
         ("406112244", "SSN", "Luis", "", "Vazquez Rosa", "", "1981-06-06", "")],
        [("406112233", "123 Calle Luna", "", *pr),
         ("406112244", "Calle 4 #150", "", *pr)])
    place = dict(city="San Juan", state="PR", zip="00926")
    carmen = dict(first_name="Carmen", last_name="Rivera", **place)
    luis = dict(first_name="Luis", last_name="Vazquez", **place)
    rows = [dict(carmen, request_id="P1", street="Calle Luna 123"),
            dict(luis, request_id="P2", street="150 Calle 4"),
            dict(carmen, request_id="P3", street="Calle Luna #123", unit="Apt 2",
                 last_name="Ortiz"),
            dict(luis, request_id="P4", street="Calle 4 987"),
            dict(carmen, request_id="P5", street="Calle Luna", first_name="Carmen Maria")]
    got = decide(home, key, tmp_path, rows, "ICE-2026-001210")
    assert got["P1"]["disposition"] == "DISCLOSE", got["P1"]
    assert got["P1"]["match_tin"] == "406112233"
    assert got["P2"]["disposition"] == "DISCLOSE", got["P2"]
    assert got["P2"]["match_tin"] == "406112244"
    assert "R_ADDRESS_INCOMPLETE" not in got["P3"]["reason_codes"].split(";"), got["P3"]
    assert got["P3"]["disposition"] != "REJECTED", got["P3"]
    assert got["P4"]["disposition"] == "NOT_DISCLOSED", got["P4"]
    assert got["P5"]["reason_codes"] == "R_ADDRESS_INCOMPLETE", got["P5"]

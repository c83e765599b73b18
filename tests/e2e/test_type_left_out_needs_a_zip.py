"""Session 26 red team: a street's type left out where its name ends in a type word
("5362 E LOMA VISTA" read LOMA + VIS, the master's LOMA VISTA BLVD) is read so only for a
held row in the requested ZIP. The reading is held back where the requested street is a
street of its ZIP (street_known); a request without a ZIP, or a row in another ZIP, has
nothing to say so, and "5362 E LOMA VIS, PHOENIX AZ", the line of another taxpayer's house
on the real street LOMA VIS, disclosed a namesake at 5362 E LOMA VISTA BLVD in another ZIP
of the city (was M_NAME_ONLY before the reading); so it did with a third ZIP of the city,
which holds neither street. Synthetic people."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import decide_each, home_with

_ROW = ("RETURN", "2025", "2026-02-26")
_NOT = "NOT_DISCLOSED"


def test_a_type_left_out_is_not_read_without_a_zip(tmp_path: Path) -> None:
    home, key = home_with(tmp_path, [
        ("826670011", "SSN", "Aurelio", "", "Quintanar", "", "1960-01-01", ""),
        ("826670012", "SSN", "Yolanda", "", "Westerberg", "", "1970-02-02", ""),
        ("826670013", "SSN", "Bernadette", "", "Ollivant", "", "1961-03-03", ""),
        ("826670014", "SSN", "Zebulon", "", "Harrowgate", "", "1972-04-04", ""),
    ], [
        # LOMA VISTA BLVD and the street LOMA VIS (LOMA, type VIS) in two ZIPs of a city
        ("826670011", "5362 E Loma Vista Blvd", "", "Phoenix", "AZ", "85033", *_ROW),
        ("826670012", "5362 E Loma Vis", "", "Phoenix", "AZ", "85032", *_ROW),
        ("826670013", "100 Lake Shore Dr", "", "Chicago", "IL", "60614", *_ROW),
        ("826670014", "100 Lake Shore", "", "Chicago", "IL", "60611", *_ROW),
    ])
    phx = dict(city="PHOENIX", state="AZ", first_name="AURELIO", last_name="QUINTANAR")
    chi = dict(city="CHICAGO", state="IL", first_name="BERNADETTE", last_name="OLLIVANT")
    decide_each(home, key, tmp_path, {}, {
        # no ZIP: LOMA VIS and LAKE SHORE may be the streets of those names
        "N1": (dict(phx, street="5362 E LOMA VISTA"), _NOT, ""),
        "N2": (dict(phx, street="5362 E LOMA VIS"), _NOT, ""),
        "N3": (dict(phx, address="5362 E LOMA VISTA, PHOENIX AZ"), _NOT, ""),
        "N4": (dict(chi, street="100 LAKE SHORE"), _NOT, ""),
        # a third ZIP of the city, which holds neither street: not the place of either
        "N9": (dict(phx, street="5362 E LOMA VIS", zip="85034"), _NOT, ""),
        "N10": (dict(phx, street="5362 E LOMA VISTA", zip="85034"), _NOT, ""),
        # controls: the ZIP of LOMA VISTA BLVD, which holds no LOMA VIS; the line whole
        "N5": (dict(phx, street="5362 E LOMA VISTA", zip="85033"), "DISCLOSE", "826670011"),
        "N6": (dict(phx, street="5362 E LOMA VISTA BLVD"), "DISCLOSE", "826670011"),
        "N7": (dict(phx, street="5362 E LOMA VISTA", zip="85032"), _NOT, ""),
        "N8": (dict(chi, street="100 LAKE SHORE", zip="60614"), "DISCLOSE", "826670013"),
    }, 267301)

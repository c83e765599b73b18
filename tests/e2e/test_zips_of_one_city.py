"""Namesakes at one house and street in two ZIPs of one city (session 26, audit 22's
look_zip scenario, nine requests a seed). Synthetic people.

A street address in another ZIP of the same sectional center stays placed by the city: a
request's ZIP is often a neighbouring one. But where the requested ZIP holds the very
house and street, the row in the other ZIP is another house (compare.zip_unsettled): the
request written with one ZIP was M_AMBIGUOUS between the two, and is now the person of
that ZIP; the other, at most a slip, decides with the exact date of birth or the TIN.
"""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import decide_each, home_with

_ROW = ("RETURN", "2025", "2026-02-26")


def test_the_zip_written_settles_a_street_line_of_two_zips(tmp_path: Path) -> None:
    home, key = home_with(tmp_path, [
        ("613000001", "SSN", "Veronica", "", "Hernandez Hernandez", "", "1975-08-26", ""),
        ("613000002", "SSN", "Veronica", "", "Hernandez Hernandez", "", "1960-11-04", ""),
        ("613000003", "SSN", "Tomas", "", "Aranda", "", "1950-01-01", ""),
    ], [
        ("613000001", "2178 E 18th Ct", "", "Los Angeles", "CA", "90033", *_ROW),
        ("613000002", "2178 E 18th Ct", "", "Los Angeles", "CA", "90022", *_ROW),
        # Tomas lives at 4581 W OAK LN in 90011 only
        ("613000003", "4581 W Oak Ln", "", "Los Angeles", "CA", "90011", *_ROW),
    ])
    la = dict(first_name="VERONICA", last_name="HERNANDEZ HERNANDEZ", city="LOS ANGELES",
              state="CA", street="2178 E 18TH CT")
    decide_each(home, key, tmp_path, la, {
        # each ZIP names its own Veronica
        "Z1": (dict(zip="90033"), "DISCLOSE", "613000001"),
        "Z2": (dict(zip="90022"), "DISCLOSE", "613000002"),
        # no ZIP, or a ZIP holding neither: the city names both
        "Z3": (dict(zip=""), "NOT_DISCLOSED", ""),
        "Z4": (dict(zip="90011"), "NOT_DISCLOSED", ""),
        # the other Veronica's exact date of birth with this ZIP: she is a slip away at
        # most, and the date settles it (the ZIP's Veronica is contradicted)
        "Z5": (dict(zip="90033", date_of_birth="1960-11-04"), "DISCLOSE", "613000002"),
        # control: a ZIP slip where the ZIP written holds no such house still discloses
        "Z6": (dict(first_name="TOMAS", last_name="ARANDA", street="4581 W OAK LN",
                    zip="90033"), "DISCLOSE", "613000003"),
    }, 2801)


def test_only_the_line_as_written_settles_the_zip(tmp_path: Path) -> None:
    """Session 27, a red team: the requested ZIP's row only one slip from the request's
    line (a directional or an urbanization left out on one side) settles nothing: the row
    in the other ZIP bearing the line as written is one slip away too (the ZIP), and each
    field points at another person. Both were M_AMBIGUOUS before session 26, and with its
    rule DISCLOSEd the person of the ZIP (compare.zip_unsettled, Query.line_here)."""
    home, key = home_with(tmp_path, [
        ("613000011", "SSN", "Jose", "", "Garcia", "", "1980-05-05", ""),
        ("613000012", "SSN", "Jose", "", "Garcia", "", "1971-03-03", ""),
        ("613000013", "SSN", "Carmen", "", "Rivera", "", "1980-05-05", ""),
        ("613000014", "SSN", "Carmen", "", "Rivera", "", "1971-03-03", ""),
    ], [
        ("613000011", "4410 N Kedzie Ave", "", "Chicago", "IL", "60625", *_ROW),
        # no directional on record (on the south side, 60632, it would be S)
        ("613000012", "4410 Kedzie Ave", "", "Chicago", "IL", "60632", *_ROW),
        ("613000013", "150 Calle A", "", "San Juan", "PR", "00921", *_ROW),
        ("613000014", "Urb Las Gladiolas 150 Calle A", "", "San Juan", "PR", "00926", *_ROW),
    ])
    jose = dict(first_name="JOSE", last_name="GARCIA", city="CHICAGO", state="IL")
    carmen = dict(first_name="CARMEN", last_name="RIVERA", city="SAN JUAN", state="PR")
    decide_each(home, key, tmp_path, jose, {
        # the N is the first Jose's line, the ZIP the second's
        "D1": (dict(street="4410 N KEDZIE AVE", zip="60632"), "NOT_DISCLOSED", ""),
        # the line without a directional is the second Jose's, the ZIP the first's
        "D2": (dict(street="4410 KEDZIE AVE", zip="60625"), "NOT_DISCLOSED", ""),
        # the date of birth settles either
        "D3": (dict(street="4410 N KEDZIE AVE", zip="60632", date_of_birth="1980-05-05"),
               "DISCLOSE", "613000011"),
        # controls: each line with its own ZIP
        "D4": (dict(street="4410 N KEDZIE AVE", zip="60625"), "DISCLOSE", "613000011"),
        "D5": (dict(street="4410 KEDZIE AVE", zip="60632"), "DISCLOSE", "613000012"),
    }, 2811)
    decide_each(home, key, tmp_path, carmen, {
        # the urbanization is the second Carmen's line, the ZIP the first's
        "U1": (dict(street="URB LAS GLADIOLAS 150 CALLE A", zip="00921"), "NOT_DISCLOSED",
               ""),
        "U2": (dict(street="150 CALLE A", zip="00926"), "NOT_DISCLOSED", ""),
        # controls: each line with its own ZIP
        "U3": (dict(street="150 CALLE A", zip="00921"), "DISCLOSE", "613000013"),
        "U4": (dict(street="URB LAS GLADIOLAS 150 CALLE A", zip="00926"), "DISCLOSE",
               "613000014"),
    }, 2821)


def test_the_exact_name_a_slip_away_is_closer_than_a_nickname_here(tmp_path: Path) -> None:
    """Session 27, a red team: WILLIAM SMITH asked at BILL SMITH's address, 2178 E 18TH CT
    in 90033, where a WILLIAM SMITH lives at that line in 90022 (capped to a slip by
    compare.zip_unsettled, or a house number one off): BILL was disclosed, the WILLIAM a
    slip away being neither a rival (11 bits below) nor elsewhere
    (policy._closer_name_elsewhere read only address levels under 2), while a WILLIAM
    SMITH across town sent it to review. A person decides."""
    people = [("613000021", "SSN", "Bill", "", "Smith", "", "", "")]
    rows = [("613000021", "2178 E 18th Ct", "", "Los Angeles", "CA", "90033", *_ROW)]
    for n, (street, zipc) in enumerate((("2178 E 18th Ct", "90022"),
                                        ("2179 E 18th Ct", "90033"),
                                        ("99 Oak St", "90022"))):
        home, key = home_with(tmp_path / f"w{n}", [
            *people, ("613000022", "SSN", "William", "", "Smith", "", "", "")],
            [*rows, ("613000022", street, "", "Los Angeles", "CA", zipc, *_ROW)])
        la = dict(first_name="WILLIAM", last_name="SMITH", street="2178 E 18TH CT",
                  city="LOS ANGELES", state="CA")
        decide_each(home, key, tmp_path / f"w{n}", la, {
            "N1": (dict(zip="90033"), "REVIEW", ""),
            # control: BILL SMITH asked is BILL SMITH
            "N2": (dict(first_name="BILL", zip="90033"), "DISCLOSE", "613000021"),
        }, 2831 + 10 * n)

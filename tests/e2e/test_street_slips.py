"""A street name one slip from the taxpayer's is a typo only where no such street exists.

An acceptance audit (session 9) found requests disclosed at another street: 100 MORRIS ST,
another taxpayer's address, disclosed the namesake at 100 MORRISON ST (Jaro-Winkler 0.94
counted as a slip), and so did ELM HILL / ELK HILL (one slip, but in a three-letter word).
JOHNSON / JOHNSTON and CLINTON / CLIFTON are one slip apart and two streets: a requested
street that is a street of its ZIP in the master is that street, not a slip of another.
"""

from __future__ import annotations

import csv
from pathlib import Path

from tests.e2e.handmade import AS_OF, decide, dgate, home_with, write_package

TAXPAYERS = [
    ("520113001", "SSN", "Odalys", "", "Achterberg", "", "1971-03-04", ""),
    ("520113002", "SSN", "Bartolo", "", "Zwanziger", "", "1968-07-08", ""),
    ("520113003", "SSN", "Leocadia", "", "Vanterpool", "", "1983-09-10", ""),
    ("520113004", "SSN", "Ignatius", "", "Brackenridge", "", "1959-11-12", ""),
    ("520113005", "SSN", "Perpetua", "", "Quarshie", "", "1990-01-13", ""),
    ("520113006", "SSN", "Wendeline", "", "Ostrowski", "", "1977-02-03", ""),
    ("520113007", "SSN", "Cosimo", "", "Fairweather", "", "1964-05-06", ""),
]
ADDRESSES = [
    ("520113001", "100 Morrison St", "", "Chicago", "IL", "60601"),
    ("520113002", "100 Morris St", "", "Chicago", "IL", "60601"),    # the other street, held
    ("520113003", "40 Johnston Ave", "", "Chicago", "IL", "60601"),
    ("520113002", "12 Johnson Ave", "", "Chicago", "IL", "60601"),   # JOHNSON AVE is a street
    ("520113004", "55 Elk Hill Dr", "", "Chicago", "IL", "60601"),
    ("520113005", "77 Jefferson Blvd", "", "Chicago", "IL", "60601"),
    ("520113006", "12 Main St", "", "Washington", "NJ", "07882"),
    ("520113007", "400 Broadway", "", "New York", "NY", "10013"),
]


def _home(tmp: Path):
    return home_with(tmp, TAXPAYERS, [(*row, "RETURN", "2025", "2026-02-26")
                                      for row in ADDRESSES])


def _request(rid: str, first: str, last: str, street: str) -> dict[str, str]:
    return dict(request_id=rid, first_name=first, last_name=last, street=street,
                city="CHICAGO", state="IL", zip="60601")


def test_another_street_is_not_a_slip_and_a_typo_still_is(tmp_path: Path) -> None:
    home, key = _home(tmp_path)
    rows = [
        # MORRIS is not a slip of MORRISON, and 100 MORRIS ST is Bartolo's address
        _request("S1", "ODALYS", "ACHTERBERG", "100 MORRIS ST"),
        # one slip apart, but JOHNSON AVE is a street of the ZIP: another street
        _request("S2", "LEOCADIA", "VANTERPOOL", "40 JOHNSON AVE"),
        # one slip in a three-letter word: ELM HILL is another street
        _request("S3", "IGNATIUS", "BRACKENRIDGE", "55 ELM HILL DR"),
        # a typo no street of the ZIP bears: still her address (with her date of birth: in
        # a master this small her rare surname is common, and the name alone weighs little)
        dict(_request("S4", "PERPETUA", "QUARSHIE", "77 JVFFERSON BLVD"),
             date_of_birth="1990-01-13"),
    ]
    pkg = write_package(tmp_path / "pkg", key, rows, batch_id="ICE-2026-001301")
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    out = tmp_path / "d.csv"
    assert dgate(home, "batch", "decisions", sub.last_line, "--out", str(out)).code == 0
    with out.open(encoding="utf-8", newline="") as fh:
        got = {r["request_id"]: r for r in csv.DictReader(fh)}
    assert got["S1"]["disposition"] == "NOT_DISCLOSED", got["S1"]
    assert got["S1"]["reason_codes"] == "M_ADDRESS_ONLY;M_NAME_ONLY"
    for rid in ("S2", "S3"):
        assert got[rid]["disposition"] == "NOT_DISCLOSED", got[rid]
        assert got[rid]["reason_codes"] == "M_NAME_ONLY", got[rid]
    assert got["S4"]["disposition"] == "DISCLOSE", got["S4"]
    assert got["S4"]["match_tin"] == "520113005"


def test_a_street_slip_alone_at_the_address_without_a_date_of_birth(tmp_path: Path) -> None:
    # S4 without the date of birth: name and street weigh 0.998 together, below the full
    # threshold, and no one else is consistent with the request: the lower threshold of a
    # candidate alone applies (MatchModel.disclose_threshold_alone, session 17). Until then
    # it went to review. A house number one slip off still does not disclose.
    home, key = _home(tmp_path)
    got = decide(home, key, tmp_path, [
        _request("T1", "PERPETUA", "QUARSHIE", "77 JVFFERSON BLVD"),
        _request("T2", "COSIMO", "FAIRWEATHER", "401 BROADWAY") | dict(
            city="NEW YORK", state="NY", zip="10013"),
    ], "ICE-2026-001305")
    assert got["T1"]["disposition"] == "DISCLOSE", got["T1"]
    assert got["T1"]["match_tin"] == "520113005"
    assert float(got["T1"]["match_probability"]) < 0.999
    assert got["T2"]["disposition"] != "DISCLOSE", got["T2"]


def test_a_zip_of_another_sectional_center_is_at_most_a_slip(tmp_path: Path) -> None:
    # An acceptance audit: the city and state placed an address whatever the ZIP said, so
    # 12 MAIN ST, WASHINGTON NJ 08691 (the Robbinsville ZIP, by Washington Township)
    # disclosed the namesake at 12 MAIN ST, WASHINGTON NJ 07882. A ZIP of another sectional
    # center is a slip of the ZIP or another town: it decides with the exact date of
    # birth, else a person does. The same center with another ZIP still places it.
    home, key = _home(tmp_path)
    washington = dict(first_name="WENDELINE", last_name="OSTROWSKI", street="12 MAIN ST",
                      city="WASHINGTON", state="NJ", zip="08691")
    rows = [
        dict(washington, request_id="P1"),
        dict(request_id="P2", first_name="COSIMO", last_name="FAIRWEATHER",
             street="400 BROADWAY", city="NEW YORK", state="NY", zip="10025"),
    ]
    got = decide(home, key, tmp_path, rows, "ICE-2026-001302")
    assert got["P1"]["disposition"] == "REVIEW", got["P1"]
    assert got["P2"]["disposition"] == "DISCLOSE", got["P2"]
    assert got["P2"]["match_tin"] == "520113007"
    got = decide(home, key, tmp_path, [dict(washington, request_id="P3",
                                             date_of_birth="1977-02-03")], "ICE-2026-001303")
    assert got["P3"]["disposition"] == "DISCLOSE", got["P3"]
    assert got["P3"]["match_tin"] == "520113006"



def test_a_letter_dropped_a_type_left_out_and_mlk(tmp_path: Path) -> None:
    # Audit 19 (session 18): a letter dropped from a five-letter word (7220 MAPE CT), the
    # street type left out after a directional (11599 E LAKE: LAKE read as the type of a
    # street named E) and MLK for MARTIN LUTHER KING JR were M_NAME_ONLY at the person's
    # own address. A four-letter name that is a street of the ZIP is still that street.
    extra = [("520113101", "SSN", "Severina", "", "Oyelaran", "", "1970-01-02", ""),
             ("520113102", "SSN", "Torvald", "", "Mbekwe", "", "1971-03-04", ""),
             ("520113103", "SSN", "Ottilie", "", "Haverkamp", "", "1972-05-06", ""),
             ("520113104", "SSN", "Ambrose", "", "Kettleby", "", "1973-07-08", "")]
    places = [("520113101", "7220 Maple Ct", "", "Chicago", "IL", "60601"),
              ("520113102", "11599 E Lake Dr", "", "Chicago", "IL", "60601"),
              ("520113103", "8050 Martin Luther King Jr Ct", "", "Chicago", "IL", "60601"),
              ("520113104", "40 Lemon Dr", "", "Chicago", "IL", "60601"),
              ("520113001", "12 Leon Dr", "", "Chicago", "IL", "60601")]   # LEON DR, held
    home, key = home_with(tmp_path, TAXPAYERS + extra,
                          [(*row, "RETURN", "2025", "2026-02-26")
                           for row in ADDRESSES + places])
    got = decide(home, key, tmp_path, [
        _request("L1", "SEVERINA", "OYELARAN", "7220 MAPE CT"),
        _request("L2", "TORVALD", "MBEKWE", "11599 E LAKE"),
        _request("L3", "OTTILIE", "HAVERKAMP", "8050 MLK CT"),
        _request("L4", "AMBROSE", "KETTLEBY", "40 LEON DR"),
    ], "ICE-2026-001306")
    for rid, tin in (("L1", "520113101"), ("L2", "520113102"), ("L3", "520113103")):
        assert got[rid]["disposition"] == "DISCLOSE", got[rid]
        assert got[rid]["match_tin"] == tin
    assert got["L4"]["disposition"] == "NOT_DISCLOSED", got["L4"]
    assert got["L4"]["reason_codes"] == "M_NAME_ONLY", got["L4"]


def test_a_plural_in_the_street_name_is_another_street(tmp_path: Path) -> None:
    # Audit 21 (session 24): Pub 28 writes the suffixes PARKS as PARK and FORESTS as FRST,
    # and so did the street's key inside the name: 3485 PARKS PL was disclosed to a request
    # for 3485 PARK PL, another taxpayer's address in the ZIP, with the exact date of birth.
    # The plural word is not dropped to the singular, and its final S is no slip.
    home, key = home_with(tmp_path, [
        ("520113101", "SSN", "Juan", "", "Vasquez", "", "1981-06-22", ""),
        ("520113102", "SSN", "Tertuliano", "", "Okonkwo", "", "1955-03-03", ""),
        ("520113103", "SSN", "Jose", "", "Cruz", "", "1979-04-05", ""),
        ("520113104", "SSN", "Rosalba", "", "Ingersoll", "", "1985-08-09", ""),
    ], [(*row, "RETURN", "2025", "2026-02-26") for row in (
        ("520113101", "3485 Parks Pl", "", "New York", "NY", "10009"),
        ("520113102", "3485 Park Pl", "", "New York", "NY", "10009"),
        ("520113103", "4740 Forests Ln", "", "Bronx", "NY", "10458"),
        ("520113104", "60 Trails End Rd", "", "Bronx", "NY", "10458"),
    )])
    rows = [
        dict(request_id="Q1", first_name="JUAN", last_name="VASQUEZ", street="3485 PARK PL",
             city="NEW YORK", state="NY", zip="10009", date_of_birth="1981-06-22"),
        # no FOREST LN in the ZIP: FORESTS dropped to FOREST is still no slip
        dict(request_id="Q2", first_name="JOSE", last_name="CRUZ", street="4740 FOREST LN",
             city="BRONX", state="NY", zip="10458", date_of_birth="1979-04-05"),
        # the plural however written (TRLS for TRAILS, RD for ROAD) is the same street
        dict(request_id="Q3", first_name="ROSALBA", last_name="INGERSOLL",
             street="60 TRLS END ROAD", city="BRONX", state="NY", zip="10458",
             date_of_birth="1985-08-09"),
    ]
    got = decide(home, key, tmp_path, rows, "ICE-2026-001311")
    for rid in ("Q1", "Q2"):
        assert got[rid]["disposition"] != "DISCLOSE", got[rid]
    assert got["Q3"]["disposition"] == "DISCLOSE", got["Q3"]
    assert got["Q3"]["match_tin"] == "520113104"

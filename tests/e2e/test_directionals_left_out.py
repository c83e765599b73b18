"""A directional given on one side only, where the street line does not settle the house
(session 25, a red team's finding F2). Synthetic people.

Leaving a directional out is the commonest omission (2400 KEDZIE AVE for 2400 N KEDZIE AVE)
and still discloses where nothing else could be meant. But:
- F2a: 4410 KEDZIE AVE, CHICAGO 60632 (the south side, where another taxpayer lives at
  4410 S KEDZIE AVE) disclosed the JOSE GARCIA of 4410 N KEDZIE AVE, 60625: the ZIPs share
  a sectional center and the city placed the address, and the missing N was "an omission";
- F2b: 100 MAIN ST, ELGIN 60120 disclosed the JOSE GARCIA of 100 N MAIN ST where the ZIP
  holds 100 S MAIN ST too: the street line names two houses (as an urbanization left out
  does, tests/e2e/test_urbanizations.py);
- F2c: 1200 E ST, WASHINGTON DC 20003 (a Southeast ZIP) disclosed the JAMES WASHINGTON of
  1200 E ST NE, 20002: DC's four quadrants repeat every house number and street.
Each is now at most a slip (compare.dir_unsettled): a person decides, unless the exact date
of birth or the TIN settles who is meant.
"""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import decide_each, home_with

_ROW = ("RETURN", "2025", "2026-02-26")


def test_a_directional_left_out_with_another_zip_of_the_city(tmp_path: Path) -> None:
    home, key = home_with(tmp_path, [
        ("612000001", "SSN", "Jose", "", "Garcia", "", "1980-05-05", ""),
        ("612000002", "SSN", "Maria", "", "Lopez", "", "1970-05-05", ""),
    ], [
        ("612000001", "4410 N Kedzie Ave", "", "Chicago", "IL", "60625", *_ROW),
        ("612000002", "4410 S Kedzie Ave", "", "Chicago", "IL", "60632", *_ROW),
    ])
    chicago = dict(first_name="JOSE", last_name="GARCIA", city="CHICAGO", state="IL")
    decide_each(home, key, tmp_path, chicago, {
        # F2a: the south side's ZIP and no directional: Maria's house, not Jose's
        "A1": (dict(street="4410 KEDZIE AVE", zip="60632"), "REVIEW", ""),
        # ... settled by Jose's exact date of birth, as a ZIP of another sectional center
        "A2": (dict(street="4410 KEDZIE AVE", zip="60632", date_of_birth="1980-05-05"),
               "DISCLOSE", "612000001"),
        # controls: Maria's address written whole; the directional left out in Jose's own
        # ZIP, which holds no other 4410 KEDZIE AVE; Jose's address written whole
        "A3": (dict(street="4410 S KEDZIE AVE", zip="60632"), "NOT_DISCLOSED", ""),
        "A4": (dict(street="4410 KEDZIE AVE", zip="60625"), "DISCLOSE", "612000001"),
        "A5": (dict(street="4410 N KEDZIE AVE", zip="60625"), "DISCLOSE", "612000001"),
    }, 2501)


def test_a_directional_left_out_where_the_zip_holds_the_house_twice(tmp_path: Path) -> None:
    home, key = home_with(tmp_path, [
        ("612000011", "SSN", "Jose", "", "Garcia", "", "1980-05-05", ""),
        ("612000012", "SSN", "Maria", "", "Lopez", "", "1970-05-05", ""),
        ("612000013", "SSN", "Rosalinda", "", "Varela", "", "1975-01-02", ""),
        ("612000014", "SSN", "Pedro", "", "Ibarra", "", "1966-03-04", ""),
    ], [
        ("612000011", "100 N Main St", "", "Elgin", "IL", "60120", *_ROW),
        ("612000012", "100 S Main St", "", "Elgin", "IL", "60120", *_ROW),
        # one record without a directional, another at that house and street with one
        ("612000013", "300 Elm St", "", "Elgin", "IL", "60120", *_ROW),
        ("612000014", "300 W Elm St", "", "Elgin", "IL", "60120", *_ROW),
    ])
    elgin = dict(first_name="JOSE", last_name="GARCIA", city="ELGIN", state="IL", zip="60120")
    decide_each(home, key, tmp_path, elgin, {
        # F2b: 100 MAIN ST is 100 N or 100 S MAIN ST, and the name alone would pick one
        "B1": (dict(street="100 MAIN ST"), "REVIEW", ""),
        "B2": (dict(street="100 MAIN ST", date_of_birth="1980-05-05"), "DISCLOSE",
               "612000011"),
        # controls: the directional given, before the name or after it
        "B3": (dict(street="100 N MAIN ST"), "DISCLOSE", "612000011"),
        "B4": (dict(street="100 MAIN ST N"), "DISCLOSE", "612000011"),
        # the request's line is Rosalinda's record as written, not only Pedro's house
        "B5": (dict(first_name="PEDRO", last_name="IBARRA", street="300 ELM ST"), "REVIEW",
               ""),
        # Rosalinda's record gives no directional and the ZIP holds 300 W ELM ST: hers may
        # be that house, not 300 E ELM ST
        "B6": (dict(first_name="ROSALINDA", last_name="VARELA", street="300 E ELM ST"),
               "REVIEW", ""),
        # controls: each as the master holds it
        "B7": (dict(first_name="ROSALINDA", last_name="VARELA", street="300 ELM ST"),
               "DISCLOSE", "612000013"),
        "B8": (dict(first_name="PEDRO", last_name="IBARRA", street="300 W ELM ST"),
               "DISCLOSE", "612000014"),
    }, 2601)


def test_a_dc_quadrant_left_out_with_another_quadrants_zip(tmp_path: Path) -> None:
    home, key = home_with(tmp_path, [
        ("612000021", "SSN", "James", "", "Washington", "", "1980-05-05", ""),
    ], [
        ("612000021", "1200 E St NE", "", "Washington", "DC", "20002", *_ROW),
    ])
    dc = dict(first_name="JAMES", last_name="WASHINGTON", city="WASHINGTON", state="DC")
    decide_each(home, key, tmp_path, dc, {
        # F2c: 20003 is a Southeast ZIP; 1200 E ST SE is another house
        "C1": (dict(street="1200 E ST", zip="20003"), "REVIEW", ""),
        "C2": (dict(street="1200 E ST", zip="20003", date_of_birth="1980-05-05"),
               "DISCLOSE", "612000021"),
        # controls: the quadrant left out in his own ZIP; written whole; another quadrant
        "C3": (dict(street="1200 E ST", zip="20002"), "DISCLOSE", "612000021"),
        "C4": (dict(street="1200 E ST NE", zip="20002"), "DISCLOSE", "612000021"),
        "C5": (dict(street="1200 E ST SE", zip="20003"), "NOT_DISCLOSED", ""),
    }, 2701)


def test_a_directional_left_out_without_a_zip(tmp_path: Path) -> None:
    """A request placed by its city alone (the contract's city and state, no ZIP): the
    city holds the house twice, at 4410 N and 4410 S KEDZIE AVE, and the street line names
    neither. Session 27: the ZIP probe needed a ZIP, so JOSE GARCIA of 4410 N KEDZIE AVE
    was disclosed for 4410 KEDZIE AVE, CHICAGO IL (engine.dirs_in_city_sql)."""
    home, key = home_with(tmp_path, [
        ("612000031", "SSN", "Jose", "", "Garcia", "", "1980-05-05", ""),
        ("612000032", "SSN", "Maria", "", "Lopez", "", "1970-05-05", ""),
        ("612000033", "SSN", "Pedro", "", "Ibarra", "", "1966-03-04", ""),
        ("612000034", "SSN", "Rosa", "", "Quintero", "", "1971-07-08", ""),
    ], [
        ("612000031", "4410 N Kedzie Ave", "", "Chicago", "IL", "60625", *_ROW),
        ("612000032", "4410 S Kedzie Ave", "", "Chicago", "IL", "60632", *_ROW),
        # the other side of OAK AVE's house is in another city, not Aurora
        ("612000033", "500 N Oak Ave", "", "Aurora", "IL", "60505", *_ROW),
        ("612000034", "500 S Oak Ave", "", "Elgin", "IL", "60120", *_ROW),
    ])
    no_zip = dict(first_name="JOSE", last_name="GARCIA", city="CHICAGO", state="IL")
    decide_each(home, key, tmp_path, no_zip, {
        "D1": (dict(street="4410 KEDZIE AVE"), "REVIEW", ""),
        "D2": (dict(street="4410 KEDZIE AVE", date_of_birth="1980-05-05"), "DISCLOSE",
               "612000031"),
        # controls: the directional given; the other side of the house in another city
        "D3": (dict(street="4410 N KEDZIE AVE"), "DISCLOSE", "612000031"),
        "D4": (dict(first_name="PEDRO", last_name="IBARRA", street="500 OAK AVE",
                    city="AURORA"), "DISCLOSE", "612000033"),
        # one line, no ZIP
        "D5": (dict(address="4410 KEDZIE AVE, CHICAGO, IL", city="", state=""), "REVIEW", ""),
    }, 2801)

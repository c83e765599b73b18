"""A request naming the resident as his record does, shortened and nothing added, while
another taxpayer elsewhere bears that short name exactly (session 26, audit 22: 80 of
1,613 due requests went to review for such a namesake, the rule
policy._closer_name_elsewhere). Synthetic people.

JOSE RIVERA asked at the address of JOSE ALFREDO RIVERA OROZCO is how he is written
outside his own papers; a JOSE RIVERA elsewhere says nothing (a common short name always
has bearers). But where the request says more than the resident's record (a surname or a
full middle name it lacks) or names her by the second surname alone, the namesake bearing
all of it elsewhere may be the one meant: a person decides, as before.
"""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import decide_each, home_with

_ROW = ("RETURN", "2025", "2026-02-26")
_PLACE = ("San Antonio", "TX", "78207")


def test_a_short_name_of_the_resident_against_its_bearers_elsewhere(tmp_path: Path) -> None:
    home, key = home_with(tmp_path, [
        # residents
        ("614000001", "SSN", "Jose Alfredo", "", "Rivera Orozco", "", "1962-07-10", ""),
        ("614000002", "SSN", "Oscar", "Miguel", "Torres Martinez", "", "1977-09-17", ""),
        ("614000003", "SSN", "Francisco", "", "Martinez", "", "1993-11-01", ""),
        ("614000004", "SSN", "Maria", "", "Padilla Ruiz", "", "1964-02-19", ""),
        ("614000005", "SSN", "Robert", "", "Clark", "", "1970-01-01", ""),
        ("614000006", "SSN", "Pedro Luis", "", "Gomez Soto", "", "1971-01-01", ""),
        # their short names' bearers, elsewhere
        ("614000011", "SSN", "Jose", "", "Rivera", "", "1980-01-01", ""),
        ("614000012", "SSN", "Oscar", "", "Torres", "", "1981-01-01", ""),
        ("614000013", "SSN", "Francisco", "", "Martinez Rodriguez", "", "1982-01-01", ""),
        ("614000014", "SSN", "Maria", "", "Ruiz", "", "1983-01-01", ""),
        ("614000015", "SSN", "Robert", "Daniel", "Clark", "", "1984-01-01", ""),
        ("614000016", "SSN", "Pedro", "", "Gomez", "", "1985-01-01", ""),
    ], [
        ("614000001", "4492 32nd Ln", "", *_PLACE, *_ROW),
        ("614000002", "4496 32nd Ln", "", *_PLACE, *_ROW),
        ("614000003", "4500 32nd Ln", "", *_PLACE, *_ROW),
        ("614000004", "4504 32nd Ln", "", *_PLACE, *_ROW),
        ("614000005", "4508 32nd Ln", "", *_PLACE, *_ROW),
        ("614000006", "4520 32nd Ln", "", *_PLACE, *_ROW),
        ("614000011", "100 Oak Ave", "", "Houston", "TX", "77081", *_ROW),
        ("614000012", "102 Oak Ave", "", "Houston", "TX", "77081", *_ROW),
        ("614000013", "104 Oak Ave", "", "Houston", "TX", "77081", *_ROW),
        ("614000014", "106 Oak Ave", "", "Houston", "TX", "77081", *_ROW),
        ("614000015", "108 Oak Ave", "", "Houston", "TX", "77081", *_ROW),
        # a slip away: the same line in another ZIP of the city
        ("614000016", "4520 32nd Ln", "", "San Antonio", "TX", "78228", *_ROW),
    ])
    place = dict(city="SAN ANTONIO", state="TX", zip="78207")
    decide_each(home, key, tmp_path, place, {
        # the first given name and the first surname: the resident
        "S1": (dict(first_name="JOSE", last_name="RIVERA", street="4492 32ND LN"),
               "DISCLOSE", "614000001"),
        # both surnames, the first given name only
        "S2": (dict(first_name="JOSE", last_name="RIVERA OROZCO", street="4492 32ND LN"),
               "DISCLOSE", "614000001"),
        # the middle name as its initial
        "S3": (dict(first_name="OSCAR", middle_name="M", last_name="TORRES",
                    street="4496 32ND LN"), "DISCLOSE", "614000002"),
        # controls. The request says more than the record: a second surname it lacks, or a
        # full middle name it lacks; each borne elsewhere with the rest
        "S4": (dict(first_name="FRANCISCO", last_name="MARTINEZ RODRIGUEZ",
                    street="4500 32ND LN"), "REVIEW", ""),
        "S5": (dict(first_name="ROBERT", middle_name="DANIEL", last_name="CLARK",
                    street="4508 32ND LN"), "REVIEW", ""),
        # the second surname alone
        "S6": (dict(first_name="MARIA", last_name="RUIZ", street="4504 32ND LN"),
               "REVIEW", ""),
        # a middle initial the record's middle name does not begin with
        "S7": (dict(first_name="OSCAR", middle_name="J", last_name="TORRES",
                    street="4496 32ND LN"), "REVIEW|NOT_DISCLOSED", ""),
        # the short name's bearer a slip away, not across town: still closer
        "S8": (dict(first_name="PEDRO", last_name="GOMEZ", street="4520 32ND LN"),
               "REVIEW", ""),
    }, 2901)

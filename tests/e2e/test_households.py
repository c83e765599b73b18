"""Household faults found by `dgate evaluate` on synthetic data: a relative with a similar or
translated given name at the requested address must never be disclosed automatically."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.e2e.handmade import (
    AS_OF,
    Cases,
    decide,
    decide_apart,
    decide_each,
    dgate,
    home_with,
    write_package,
)

EXTRA_TAXPAYERS = [
    ("520112233", "SSN", "Mary", "Lisa", "Reed", "", "1975-05-05", ""),
    ("520112244", "SSN", "Juan Manuel", "", "Mejía Ramírez", "", "1969-06-06", ""),
    ("520112255", "SSN", "Charles", "", "Montgomery", "", "1980-08-08", ""),
    ("520112266", "SSN", "MICHELLE", "A", "HILL", "", "1985-09-09", ""),
    ("520112277", "SSN", "Rosa", "", "Delgado", "", "1990-03-11", ""),
    ("520112288", "ITIN", "María", "Adriana", "Martínez-Pineda", "", "1977-07-02", ""),
    ("520112299", "SSN", "Patricia", "", "Rosario Perez", "", "1970-05-15", ""),
    ("520112300", "SSN", "Shirley", "Marilyn", "Murphy", "", "1959-12-05", ""),
    ("520112311", "SSN", "Marilyn", "", "Murphy", "", "1984-04-04", ""),
    ("520112322", "SSN", "Christopher", "", "Mitchell", "", "1966-10-20", ""),
    ("520112333", "SSN", "Isabel", "", "Huerta Carrillo", "", "1961-10-02", ""),
    ("520112344", "SSN", "Maria Guadalupe", "", "Huerta Carrillo", "", "1963-05-09", ""),
    ("520112355", "SSN", "Deborah", "", "Quinn", "", "1972-02-14", ""),
    ("520112366", "SSN", "Manuela", "", "Lopez", "", "1995-06-15", ""),
    ("520112377", "SSN", "Ramon", "", "Villa", "", "1971-01-21", ""),
    ("520112388", "SSN", "Robert", "", "King", "", "1955-04-04", ""),
    ("520112399", "SSN", "Eduardo", "Jose", "Ruiz Alvarez", "", "1980-01-10", ""),
    ("520112400", "ITIN", "Eduardo", "", "Alvarez", "", "", ""),
]
EXTRA_ADDRESSES = [
    ("520112233", "7507 S Station St", "# 203", "Hockley", "TX", "77447", "RETURN", "2024",
     "2025-03-03"),
    ("520112244", "7609 18th Rd", "", "Von Ormy", "TX", "78073", "RETURN", "2024",
     "2025-03-03"),
    ("520112255", "410 Elm Ave", "", "Laredo", "TX", "78040", "RETURN", "2024", "2025-03-03"),
    ("520112266", "910 W Lakeview Way", "Apt 207", "Sunnyside", "NY", "11104", "RETURN", "2024",
     "2025-03-03"),
    ("520112277", "4550 Pecan Grove Dr", "", "Laredo", "TX", "78041", "RETURN", "2024",
     "2025-03-03"),
    ("520112288", "1512 S Union Rd", "", "La Porte", "TX", "77571", "RETURN", "2025",
     "2026-02-26"),
    ("520112299", "2335 S Pecan Ave", "Apt 103", "Brooklyn", "NY", "11204", "RETURN", "2025",
     "2026-02-26"),
    ("520112300", "651 E 72nd Way", "Apt 1A", "Miami", "FL", "33190", "RETURN", "2025",
     "2026-02-26"),
    ("520112311", "40 Birch Ln", "", "Tampa", "FL", "33602", "RETURN", "2025", "2026-02-26"),
    ("520112322", "88 Quail Run Dr", "", "Tampa", "FL", "33611", "RETURN", "2025",
     "2026-02-26"),
    ("520112333", "1720 W Ashby Pl", "", "San Antonio", "TX", "78201", "RETURN", "2025",
     "2026-02-26"),
    ("520112344", "1730 W Ashby Pl", "", "San Antonio", "TX", "78201", "RETURN", "2025",
     "2026-02-26"),
    ("520112355", "12 Orchard Ct", "", "Dayton", "OH", "45402", "RETURN", "2025",
     "2026-02-26"),
    ("520112366", "303 Pine St", "", "Los Angeles", "CA", "90003", "RETURN", "2025",
     "2026-02-26"),
    ("520112377", "2400 N Kedzie Ave", "", "Chicago", "IL", "60647", "RETURN", "2025",
     "2026-02-26"),
    ("520112388", "35 Alder St", "", "Tampa", "FL", "33602", "RETURN", "2025", "2026-02-26"),
    ("520112399", "77 Cypress Ct", "", "Tampa", "FL", "33602", "RETURN", "2025", "2026-02-26"),
    ("520112400", "15 Magnolia Dr", "", "Orlando", "FL", "32801", "RETURN", "2025",
     "2026-02-26"),
]


def _home(tmp: Path):
    return home_with(tmp, EXTRA_TAXPAYERS, EXTRA_ADDRESSES)


def test_similar_or_translated_given_name_is_not_disclosed(tmp_path: Path) -> None:
    home, key = _home(tmp_path)
    rows = [
        # GARY is not MARY: one letter apart, but a different name (first letter differs)
        dict(request_id="H1", first_name="GARY", last_name="REED", street="7507 S STATION ST",
             unit="# 203", city="HOCKLEY", state="TX", zip="77447"),
        # JOHN may be JUAN anglicized — or a relative: a person decides, never the machine
        dict(request_id="H2", first_name="JOHN", last_name="MEJIA",
             address="7609 18Th Rd, Von Ormy, TX 78073"),
        # a translated given name with the exact surname: still a person's call …
        dict(request_id="H4", first_name="CARLOS", last_name="MONTGOMERY", street="410 ELM AVE",
             city="LAREDO", state="TX", zip="78040"),
        # a sound-alike real name (MICHAEL/MICHELLE) with the exact surname and unit
        dict(request_id="H6", first_name="michael", last_name="hill",
             street="910 W LAKEVIEW WAY", unit="APT 207", city="SUNNYSIDE", state="NY",
             zip="11104"),
        # the real person, spelled with a slip, is still found
        dict(request_id="H3", first_name="Juan", last_name="Mejia Ramires",
             street="7609 18TH ROAD", city="Von Ormy", state="TX", zip="78073"),
    ]
    pkg = write_package(tmp_path / "pkg", key, rows)
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    out = tmp_path / "d.csv"
    assert dgate(home, "batch", "decisions", sub.last_line, "--out", str(out)).code == 0
    with out.open(encoding="utf-8", newline="") as fh:
        got = {r["request_id"]: r for r in csv.DictReader(fh)}
    assert got["H1"]["disposition"] == "NOT_DISCLOSED"
    assert got["H2"]["disposition"] in ("REVIEW", "NOT_DISCLOSED")
    assert got["H3"]["disposition"] == "DISCLOSE" and got["H3"]["match_tin"] == "520112244"
    assert got["H4"]["disposition"] in ("REVIEW", "NOT_DISCLOSED")
    assert got["H6"]["disposition"] in ("REVIEW", "NOT_DISCLOSED")
    # … unless the date of birth agrees (a batch of its own: the same person twice in one
    # batch would be R_DUPLICATE)
    h5 = dict(request_id="H5", first_name="CARLOS", last_name="MONTGOMERY",
              street="410 ELM AVE", city="LAREDO", state="TX", zip="78040",
              date_of_birth="1980-08-08")
    pkg = write_package(tmp_path / "pkg5", key, [h5], batch_id="ICE-2026-000555")
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert dgate(home, "batch", "decisions", sub.last_line, "--out", str(out)).code == 0
    with out.open(encoding="utf-8", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert row["disposition"] == "DISCLOSE" and row["match_tin"] == "520112255"




ROSA = dict(first_name="ROSA", last_name="DELGADO", street="4550 PECAN GROVE DR",
            city="LAREDO", state="TX", zip="78041")


def test_date_and_house_number_slips(tmp_path: Path) -> None:
    # benchmarks/noise.py: every otherwise exact request with the DOB's day and month
    # swapped, or one wrong digit in the house number, went to review. A same-year swap
    # is the date-format slip, not another person. One digit off in the DOB may be another
    # person's date, and a house-number slip names another delivery point, the
    # neighbour's, even with the DOB settling who it is (session 14, audit 16: people asked
    # at a neighbour's house with their DOB were disclosed): a person decides.
    home, key = _home(tmp_path)
    cases = {
        "S1": (dict(ROSA, date_of_birth="1990-03-11"), "DISCLOSE"),               # exact
        "S2": (dict(ROSA, date_of_birth="1990-11-03"), "DISCLOSE"),               # swapped
        "S3": (dict(ROSA, date_of_birth="1990-03-12"), "REVIEW"),                 # 1 digit
        "S4": (dict(ROSA, street="4560 PECAN GROVE DR", date_of_birth="1990-03-11"),
               "REVIEW"),                                                        # house slip
        "S5": (dict(ROSA, street="4560 PECAN GROVE DR"), "REVIEW"),              # no DOB
        # given name and surname the other way round: DELGADO is nobody's given name, so
        # the slip is evident without the DOB (test_swapped_names_without_a_date_of_birth)
        "S6": (dict(ROSA, first_name="DELGADO", last_name="ROSA",
                    date_of_birth="1990-03-11"), "DISCLOSE"),
        "S7": (dict(ROSA, first_name="DELGADO", last_name="ROSA"), "DISCLOSE"),
        "S8": (dict(ROSA, first_name="DELGADO", last_name="ROSA",
                    date_of_birth="1971-01-01"), "NOT_DISCLOSED"),                # conflict
    }
    # each alone: the cases are ROSA asked with several dates of birth, and an earlier
    # batch's answer for another date sends a later one to review (submit._asked_before)
    got = decide_apart(home, key, tmp_path, {},
                       {rid: row for rid, (row, _want) in cases.items()}, 600, alone=True)
    for rid, (_row, want) in cases.items():
        assert got[rid]["disposition"] == want, (rid, got[rid]["reason_codes"])
        if want == "DISCLOSE":
            assert got[rid]["match_tin"] == "520112277"
            assert got[rid]["street"].startswith("4550")   # the master's address, always


def test_fields_swapped_with_both_surnames_in_the_given_name_field(tmp_path: Path) -> None:
    # audit 16 (R2): HUERTA CARRILLO / ISABEL for ISABEL HUERTA, the agency holding one
    # surname, was M_ADDRESS_ONLY: the swapped reading wanted the surname whole (level 4),
    # not the first surname (3). Settled by the exact DOB; without it a person decides,
    # though neither HUERTA nor CARRILLO is a given name: the straight request (ISABEL /
    # HUERTA CARRILLO) goes to review where an ISABEL HUERTA CARRILLO lives elsewhere, and
    # the search fetches no namesake of the swapped reading (policy._evidently_swapped).
    home, key = home_with(tmp_path, [("520119901", "SSN", "Isabel", "", "Huerta", "",
                                      "1961-10-02", "")],
                          [("520119901", "1750 W Ashby Pl", "", "San Antonio", "TX", "78201",
                            "RETURN", "2025", "2026-02-26")])
    base = dict(first_name="HUERTA CARRILLO", last_name="ISABEL", street="1750 W ASHBY PL",
                city="SAN ANTONIO", state="TX", zip="78201")
    got = decide(home, key, tmp_path, [dict(base, request_id="W1", date_of_birth="1961-10-02")],
                 "ICE-2026-000801")["W1"]
    assert (got["disposition"], got["match_tin"]) == ("DISCLOSE", "520119901")
    got = decide(home, key, tmp_path, [dict(base, request_id="W2")], "ICE-2026-000802")["W2"]
    assert got["disposition"] == "REVIEW"


SWAP_PLACE = ("San Antonio", "TX", "78201", "RETURN", "2025", "2026-02-26")


def test_swapped_names_without_a_date_of_birth(tmp_path: Path) -> None:
    # Given name and surname in each other's fields, no DOB. Evident where the given-name
    # field holds a surname that no list holds as a given name (NAVARRETE, OROZCO): nobody
    # in the household is called so, and the fields read the other way round agree exactly.
    # Not where the word is also a given name (JAMES: THOMAS JAMES may be another man than
    # JAMES THOMAS), nor with a middle name or a generation that conflicts, a nickname, or
    # two of the household bearing the name; nor where the straight request could go to
    # review for a closer namesake elsewhere (a middle name the record lacks, the surnames
    # in another order).
    home, key = home_with(tmp_path, [
        ("520130001", "SSN", "Jose", "Alberto", "Navarrete", "", "1979-05-14", ""),
        ("520130002", "SSN", "Thomas", "", "James", "", "1966-02-09", ""),
        ("520130003", "SSN", "Miguel", "", "Orozco", "", "1958-07-30", ""),
        ("520130004", "SSN", "Miguel", "", "Orozco", "JR", "1984-01-12", ""),
        ("520130005", "SSN", "Jose", "", "Orozco", "", "1991-03-03", ""),
        ("520130006", "SSN", "Ines", "", "Zavala Quintero", "", "1970-04-04", ""),
        ("520130007", "SSN", "Ramon", "", "Ibarra", "", "", ""),
        ("520130008", "SSN", "Jennifer", "", "Johnson", "", "1975-06-06", ""),
        ("520130009", "SSN", "Vy", "Thi", "Nguyen", "", "1988-08-08", ""),
        ("520130010", "SSN", "Jennifer", "", "Martin", "", "1977-07-07", ""),
    ], [
        ("520130001", "18 W Ridgewood Ct", "", *SWAP_PLACE),
        ("520130002", "402 Bushnell Ave", "", *SWAP_PLACE),
        ("520130003", "931 W Magnolia Ave", "", *SWAP_PLACE),
        ("520130004", "931 W Magnolia Ave", "", *SWAP_PLACE),
        ("520130005", "77 W Hollywood Ave", "", *SWAP_PLACE),
        ("520130006", "640 W Mistletoe Ave", "", *SWAP_PLACE),
        ("520130007", "12 W Craig Pl", "", *SWAP_PLACE),
        ("520130008", "22 W Craig Pl", "", *SWAP_PLACE),
        ("520130009", "24 W Craig Pl", "", *SWAP_PLACE),
        ("520130010", "26 W Craig Pl", "", *SWAP_PLACE),
    ])
    place = dict(city="SAN ANTONIO", state="TX", zip="78201")
    navarrete = dict(place, first_name="NAVARRETE", last_name="JOSE", street="18 W RIDGEWOOD CT")
    james = dict(place, first_name="JAMES", last_name="THOMAS", street="402 BUSHNELL AVE")
    orozco = dict(place, first_name="OROZCO", last_name="JOSE", street="77 W HOLLYWOOD AVE")
    zavala = dict(place, first_name="ZAVALA QUINTERO", last_name="INES",
                  street="640 W MISTLETOE AVE")
    cases: Cases = {
        "V1": (navarrete, "DISCLOSE", "520130001"),
        "V2": (dict(navarrete, middle_name="ALBERTO"), "DISCLOSE", "520130001"),
        "V3": (dict(navarrete, middle_name="LUIS"), "REVIEW|NOT_DISCLOSED", ""),
        "V4": (dict(navarrete, name_suffix="JR"), "REVIEW|NOT_DISCLOSED", ""),
        "V5": (james, "REVIEW", ""),
        "V6": (dict(james, date_of_birth="1966-02-09"), "DISCLOSE", "520130002"),
        "V7": (dict(place, first_name="OROZCO", last_name="MIGUEL", street="931 W MAGNOLIA AVE"),
               "REVIEW|NOT_DISCLOSED", ""),
        "V8": (orozco, "DISCLOSE", "520130005"),
        "V9": (dict(orozco, last_name="PEPE"), "REVIEW|NOT_DISCLOSED", ""),
        "V10": (dict(orozco, date_of_birth="1990-01-01"), "NOT_DISCLOSED", ""),
        # a middle name the record lacks: a JOSE LUIS OROZCO elsewhere would be closer, and
        # no key fetches the swapped reading's namesakes
        "V11": (dict(orozco, middle_name="LUIS"), "REVIEW", ""),
        "V12": (zavala, "DISCLOSE", "520130006"),
        "V13": (dict(zavala, first_name="ZAVALA"), "DISCLOSE", "520130006"),  # first surname
        "V14": (dict(zavala, first_name="QUINTERO ZAVALA"), "REVIEW", ""),   # another order
        # a DOB the record lacks: a taxpayer elsewhere with it would be closer, and no key
        # fetches one under the swapped reading
        "V15": (dict(place, first_name="IBARRA", last_name="RAMON", street="12 W CRAIG PL"),
                "DISCLOSE", "520130007"),
        "V16": (dict(place, first_name="IBARRA", last_name="RAMON", street="12 W CRAIG PL",
                     date_of_birth="1980-01-01"), "REVIEW", ""),
        # session 18 (audit 19): a word the census holds mostly as a surname is no given
        # name to read the request by (nobody is JOHNSON JENNIFER) ...
        "V17": (dict(place, first_name="JOHNSON", last_name="JENNIFER", street="22 W CRAIG PL"),
                "DISCLOSE", "520130008"),
        # ... MARTIN it holds both ways: MARTIN JENNIFER may be someone
        "V18": (dict(place, first_name="MARTIN", last_name="JENNIFER", street="26 W CRAIG PL"),
                "REVIEW", ""),
        # the request's middle initial that of the record's full middle name
        "V19": (dict(place, first_name="NGUYEN", middle_name="T", last_name="VY",
                     street="24 W CRAIG PL"), "DISCLOSE", "520130009"),
        "V20": (dict(place, first_name="NGUYEN", middle_name="Q", last_name="VY",
                     street="24 W CRAIG PL"), "REVIEW|NOT_DISCLOSED", ""),
    }
    decide_each(home, key, tmp_path, {}, cases, 901)


def test_a_conflicting_second_given_name_is_not_disclosed_on_name_and_address(
        tmp_path: Path) -> None:
    # benchmarks/scale.py found it: MARIA JOSE MARTINEZ requested at the address of MARIA
    # ADRIANA MARTINEZ-PINEDA was disclosed (first names "lead", surname a subset, the
    # middle conflict only cost 2.6 bits). Two MARIAs of one surname are two people as
    # often as one: a person decides. Not even the exact date of birth settles it (twin
    # sisters MARIA JOSE and MARIA ADRIANA share it: an acceptance audit); nor does the TIN
    # alone, which may be a sister's (red team r23); the TIN with the date of birth does.
    home, key = _home(tmp_path)
    base = dict(first_name="MARIA JOSE", last_name="MARTINEZ", street="1512 S UNION RD",
                city="LA PORTE", state="TX", zip="77571")
    got = decide(home, key, tmp_path, [dict(base, request_id="M1")], "ICE-2026-000701")
    assert got["M1"]["disposition"] in ("REVIEW", "NOT_DISCLOSED")
    got = decide(home, key, tmp_path, [dict(base, request_id="M2",
                                             date_of_birth="1977-07-02")], "ICE-2026-000702")
    assert got["M2"]["disposition"] in ("REVIEW", "NOT_DISCLOSED")
    got = decide(home, key, tmp_path, [dict(base, request_id="M4", tin="520-11-2288")],
                  "ICE-2026-000704")
    assert got["M4"]["disposition"] in ("REVIEW", "NOT_DISCLOSED")
    got = decide(home, key, tmp_path, [dict(base, request_id="M5", tin="520-11-2288",
                                             date_of_birth="1977-07-02")], "ICE-2026-000705")
    assert got["M5"]["disposition"] == "DISCLOSE" and got["M5"]["match_tin"] == "520112288"
    # the same person written with her second given name as the middle name discloses
    got = decide(home, key, tmp_path, [dict(base, request_id="M3", first_name="MARIA",
                                             middle_name="ADRIANA")], "ICE-2026-000703")
    assert got["M3"]["disposition"] == "DISCLOSE"


def test_two_weak_name_agreements_do_not_add_up_to_a_strong_one(tmp_path: Path) -> None:
    # benchmarks/scale.py: MARTHA PATRICIA PEREZ was disclosed at the address of PATRICIA
    # ROSARIO PEREZ — her second given name against the other's first (3) and a surname
    # subset (3). Either alone with an exact other part is the Hispanic convention; both
    # together are as likely another woman of the family.
    home, key = _home(tmp_path)
    base = dict(first_name="Martha Patricia", last_name="Perez",
                street="2335 SOUTH PECAN AVENUE", unit="APT 103", city="BROOKLYN",
                state="NY", zip="11204")
    got = decide(home, key, tmp_path, [dict(base, request_id="W1")], "ICE-2026-000801")
    assert got["W1"]["disposition"] in ("REVIEW", "NOT_DISCLOSED")
    # the maternal surname dropped with the given name exact still discloses
    got = decide(home, key, tmp_path, [dict(base, request_id="W2", first_name="PATRICIA",
                                             last_name="ROSARIO")], "ICE-2026-000802")
    assert got["W2"]["disposition"] == "DISCLOSE" and got["W2"]["match_tin"] == "520112299"


def test_a_partial_name_at_the_address_yields_to_the_exact_name_elsewhere(tmp_path: Path
                                                                          ) -> None:
    # benchmarks/scale.py: MARILYN MURPHY requested at the address of SHIRLEY MARILYN
    # MURPHY (who may go by her middle name) was disclosed, while a MARILYN MURPHY lives
    # elsewhere: the request may be for her, with an address that is not hers.
    home, key = _home(tmp_path)
    row = dict(request_id="N1", first_name="MARILYN", last_name="MURPHY",
               street="651 E 72ND WAY", unit="Apt 1A", city="MIAMI", state="FL", zip="33190")
    got = decide(home, key, tmp_path, [row], "ICE-2026-000901")
    assert got["N1"]["disposition"] == "REVIEW", got["N1"]["reason_codes"]
    # ... and the date of birth settles it
    got = decide(home, key, tmp_path, [dict(row, request_id="N2", date_of_birth="1959-12-05")],
                  "ICE-2026-000902")
    assert got["N2"]["disposition"] == "DISCLOSE" and got["N2"]["match_tin"] == "520112300"


def test_the_exact_name_elsewhere_yields_to_the_residents_own_dob_or_middle_name(
        tmp_path: Path) -> None:
    # `dgate evaluate` (session 9): EDUARDO ALVAREZ requested at the address of EDUARDO
    # JOSE RUIZ ALVAREZ went to review because an EDUARDO ALVAREZ lives elsewhere, even
    # when the request carried the resident's exact date of birth (the one elsewhere has
    # none on record to compare) or his second given name. Either is the resident's own:
    # the stranger would have to share it by chance. (His second surname only: with the
    # first, ALVAREZ for ALVAREZ RUIZ, the namesake is not heard at all,
    # policy._first_surnames_only.)
    home, key = _home(tmp_path)
    base = dict(first_name="EDUARDO", last_name="ALVAREZ", street="77 CYPRESS CT",
                city="TAMPA", state="FL", zip="33602")
    decide_each(home, key, tmp_path, base, {
        "E1": ({}, "REVIEW", ""),
        "E2": (dict(date_of_birth="1980-01-10"), "DISCLOSE", "520112399"),
        "E3": (dict(middle_name="JOSE"), "DISCLOSE", "520112399"),
        "E4": (dict(middle_name="J"), "REVIEW", ""),       # an initial is not a name
        "E5": (dict(date_of_birth="1980-10-01"), "REVIEW", ""),  # day and month swapped
    }, 1200)


def test_a_first_given_name_that_is_only_the_other_second_needs_the_date_of_birth(
        tmp_path: Path) -> None:
    # benchmarks/scale.py at 10M: six requests for a stranger were disclosed to the resident
    # of the address because the request's second given name was the resident's given name
    # (BENJAMIN CHRISTOPHER MITCHELL / CHRISTOPHER MITCHELL), with nobody of the exact name
    # elsewhere to hold it back. Someone who goes by a middle name reads the same: a person
    # decides, unless the date of birth or the TIN settles it.
    home, key = _home(tmp_path)
    base = dict(first_name="BENJAMIN", middle_name="CHRISTOPHER", last_name="MITCHELL",
                street="88 QUAIL RUN DRIVE", city="TAMPA", state="FL", zip="33611")
    got = decide(home, key, tmp_path, [dict(base, request_id="S1"),
                                        dict(base, request_id="S2", first_name="Christopher",
                                             middle_name="")], "ICE-2026-001001")
    assert got["S1"]["disposition"] == "REVIEW", got["S1"]["reason_codes"]
    assert got["S2"]["disposition"] == "DISCLOSE" and got["S2"]["match_tin"] == "520112322"
    got = decide(home, key, tmp_path, [dict(base, request_id="S3", date_of_birth="1966-10-20")],
                  "ICE-2026-001002")
    assert got["S3"]["disposition"] == "DISCLOSE" and got["S3"]["match_tin"] == "520112322"


def test_a_slip_in_the_given_name_with_one_surname_of_two_needs_the_date_of_birth(
        tmp_path: Path) -> None:
    # `dgate evaluate`: ISABBEL HUERTA with Isabel Huerta Carrillo's exact date of birth at
    # her address went to review (two weak agreements). The exact date settles a slip, as
    # the TIN does; without it, or for a name of its own, a person still decides.
    home, key = _home(tmp_path)
    base = dict(first_name="ISABBEL", last_name="HUERTA", street="1720 W ASHBY PL",
                city="SAN ANTONIO", state="TX", zip="78201")
    decide_each(home, key, tmp_path, base, {
        "T1": (dict(date_of_birth="1961-10-02"), "DISCLOSE", "520112333"),
        "T2": ({}, "REVIEW", ""),
        # the other sex's form of the name is not a slip: twins share a birth date
        "T3": (dict(first_name="ISABELO", date_of_birth="1961-10-02"), "REVIEW", ""),
        # nor is another second given name (two sisters MARIA): found in review
        "T4": (dict(first_name="MARIA ELENA", street="1730 W ASHBY PL",
                    date_of_birth="1963-05-09"), "REVIEW", ""),
    }, 1100)


def test_a_slipped_nickname_discloses_with_the_date_of_birth_and_is_reviewed_without(
        tmp_path: Path) -> None:
    # `dgate evaluate`: DEBBIIE (DEBBIE with a letter doubled) for Deborah, at her address
    # with her date of birth, was M_ADDRESS_ONLY: the given names did not relate at all. A
    # slipped word may also be a real name our tables lack, a relative's: without the date
    # of birth or the TIN a person decides.
    home, key = _home(tmp_path)
    base = dict(first_name="DEBBIIE", last_name="QUINN", street="12 ORCHARD CT",
                city="DAYTON", state="OH", zip="45402")
    got = decide(home, key, tmp_path, [dict(base, request_id="U1", date_of_birth="1972-02-14")],
                  "ICE-2026-001201")
    assert got["U1"]["disposition"] == "DISCLOSE" and got["U1"]["match_tin"] == "520112355"
    got = decide(home, key, tmp_path, [dict(base, request_id="U2")], "ICE-2026-001202")
    assert got["U2"]["disposition"] == "REVIEW", got["U2"]["reason_codes"]


def test_a_short_given_name_one_slip_from_another_is_another_name(tmp_path: Path) -> None:
    # Audit 20 refused ROAS (ROSA with two letters swapped) at her address with her date of
    # birth, M_ADDRESS_ONLY. Session 22 related such short slips with the date of birth and
    # took it out again: real short names our lists lack are as often one slip from a name
    # they hold (THY / THU, RANI / RAMI), and twins share the date (helper-52's review).
    # Neither is disclosed; the name itself still is.
    home, key = _home(tmp_path)
    base = dict(last_name="DELGADO", street="4550 PECAN GROVE DR", city="LAREDO", state="TX",
                zip="78041", date_of_birth="1990-03-11")
    decide_each(home, key, tmp_path, base, {
        "S1": (dict(first_name="ROAS"), "NOT_DISCLOSED|REVIEW", ""),
        "S2": (dict(first_name="RPSA"), "NOT_DISCLOSED|REVIEW", ""),
        "S3": (dict(first_name="ROSA"), "DISCLOSE", "520112277"),
    }, 1300)


def test_twins_and_streets_of_one_name(tmp_path: Path) -> None:
    """Found by an acceptance audit, each a wrongful disclosure before: the other sex's form
    of a given name with the exact DOB (twins share it), and the same house number on
    another street of the same name (N / S KEDZIE AVE, KEDZIE AVE / KEDZIE ST)."""
    home, key = _home(tmp_path)
    kedzie = dict(first_name="RAMON", last_name="VILLA", city="CHICAGO", state="IL")
    got = decide(home, key, tmp_path, [
        dict(request_id="T1", first_name="MANUEL", last_name="LOPEZ", street="303 PINE ST",
             city="LOS ANGELES", state="CA", zip="90003", date_of_birth="1995-06-15"),
        dict(request_id="T2", first_name="MANUELA", last_name="LOPEZ", street="303 PINE ST",
             city="LOS ANGELES", state="CA", zip="90003", date_of_birth="1995-06-15"),
        dict(kedzie, request_id="K1", street="2400 S KEDZIE AVE", zip="60623"),
    ], "ICE-2026-000777")
    # (one person a batch: the same name at nearly one address would be R_DUPLICATE)
    got.update(decide(home, key, tmp_path, [
        dict(kedzie, request_id="K2", street="2400 N KEDZIE ST", zip="60647")],
        "ICE-2026-000778"))
    got.update(decide(home, key, tmp_path, [   # the directional left out: the same street
        dict(kedzie, request_id="K3", street="2400 KEDZIE AVE", zip="60647")],
        "ICE-2026-000779"))
    assert got["T1"]["disposition"] in ("REVIEW", "NOT_DISCLOSED")
    assert got["T2"]["disposition"] == "DISCLOSE" and got["T2"]["match_tin"] == "520112366"
    for rid in ("K1", "K2"):
        assert got[rid]["disposition"] == "NOT_DISCLOSED", rid
        assert "M_NAME_ONLY" in got[rid]["reason_codes"].split(";"), rid
    assert got["K3"]["disposition"] == "DISCLOSE" and got["K3"]["match_tin"] == "520112377"


def test_a_generation_requested_against_a_record_that_names_none(tmp_path: Path) -> None:
    """ROBERT KING JR requested where the record is ROBERT KING, no suffix: the record may
    be the father's. Without the DOB or TIN a person decides (an acceptance audit found it
    disclosed); the record's own DOB settles it."""
    home, key = _home(tmp_path)
    base = dict(first_name="ROBERT", last_name="KING", name_suffix="JR", street="35 ALDER ST",
                city="TAMPA", state="FL", zip="33602")
    got = decide(home, key, tmp_path, [dict(base, request_id="G1")], "ICE-2026-000881")
    assert got["G1"]["disposition"] in ("REVIEW", "NOT_DISCLOSED")
    got = decide(home, key, tmp_path, [dict(base, request_id="G2", date_of_birth="1955-04-04")],
                  "ICE-2026-000882")
    assert got["G2"]["disposition"] == "DISCLOSE" and got["G2"]["match_tin"] == "520112388"


def test_a_date_of_birth_in_another_format_is_read_or_stops_the_machine(tmp_path: Path) -> None:
    """An audit found 07/19/1962 silently dropped, so a contradicting date disclosed. US forms
    are read; a date that cannot be read leaves the decision to a person."""
    home, key = _home(tmp_path)
    cases = {
        "D1": ("03/11/1990", "DISCLOSE"),        # MM/DD/YYYY, her date
        "D2": ("1990/03/11", "DISCLOSE"),
        "D3": ("07/19/1962", "NOT_DISCLOSED"),   # read, and it contradicts: M_CONFLICT
        "D4": ("31/12/1962", "NOT_DISCLOSED"),   # DD/MM/YYYY, contradicts
        "D5": ("sometime in 1990", "REVIEW"),    # unreadable: a person decides
    }
    for rid, (dob, want) in cases.items():
        got = decide(home, key, tmp_path, [dict(ROSA, request_id=rid, date_of_birth=dob)],
                      f"ICE-2026-0009{rid[1]}")
        assert got[rid]["disposition"] == want, (rid, got[rid])
        if rid in ("D3", "D4"):
            assert "M_CONFLICT" in got[rid]["reason_codes"].split(";")


def test_a_generation_and_a_date_of_birth_that_point_to_two_people(tmp_path: Path) -> None:
    # A probe of session 16, every suffix and date layout of a father and son at one
    # address: where the request's suffix names one of them and its date of birth the other
    # (or contradicts one and says nothing of the other), nothing says which field is wrong:
    # M_AMBIGUOUS, not the one the bits favour (policy._other_generation,
    # _undated_against_dated). Where both point to one, or the record settles it, it
    # discloses.
    place = ("San Antonio", "TX", "78201", "RETURN", "2025", "2026-02-26")
    home, key = home_with(tmp_path, [
        ("520140001", "SSN", "Ernesto", "", "Valdivia", "SR", "1958-03-14", ""),
        ("520140002", "SSN", "Ernesto", "", "Valdivia", "II", "", ""),
        ("520140003", "SSN", "Hector", "", "Arellano", "", "1958-03-14", ""),
        ("520140004", "SSN", "Hector", "", "Arellano", "JR", "1986-09-02", ""),
        ("520140005", "SSN", "Ruben", "", "Betancourt", "SR", "", ""),
        ("520140006", "SSN", "Ruben", "", "Betancourt", "", "1986-09-02", ""),
        ("520140007", "SSN", "Ignacio", "", "Quezada", "", "1958-03-14", ""),
        ("520140008", "SSN", "Ignacio", "", "Quezada", "JR", "", ""),
    ], [
        ("520140001", "88 W Lynwood Ave", "", *place),
        ("520140002", "88 W Lynwood Ave", "", *place),
        ("520140003", "140 W Summit Ave", "", *place),
        ("520140004", "140 W Summit Ave", "", *place),
        ("520140005", "212 W Gramercy Pl", "", *place),
        ("520140006", "212 W Gramercy Pl", "", *place),
        ("520140007", "305 W Agarita Ave", "", *place),
        ("520140008", "305 W Agarita Ave", "", *place),
    ])
    place_req = dict(city="SAN ANTONIO", state="TX", zip="78201")
    valdivia = dict(place_req, first_name="ERNESTO", last_name="VALDIVIA",
                    street="88 W LYNWOOD AVE")
    arellano = dict(place_req, first_name="HECTOR", last_name="ARELLANO",
                    street="140 W SUMMIT AVE")
    betancourt = dict(place_req, first_name="RUBEN", last_name="BETANCOURT",
                      street="212 W GRAMERCY PL")
    quezada = dict(place_req, first_name="IGNACIO", last_name="QUEZADA",
                   street="305 W AGARITA AVE")
    cases: Cases = {
        # the son's suffix, the father's date (the son's record holds none)
        "G1": (dict(valdivia, name_suffix="JR", date_of_birth="1958-03-14"), "NOT_DISCLOSED",
               ""),
        "G2": (dict(valdivia, name_suffix="SR", date_of_birth="1958-03-14"), "DISCLOSE",
               "520140001"),
        "G3": (dict(valdivia, name_suffix="II"), "DISCLOSE", "520140002"),
        # the son's suffix, the date of the father, whose record names no generation
        "G4": (dict(arellano, name_suffix="JR", date_of_birth="1958-03-14"), "NOT_DISCLOSED",
               ""),
        "G5": (dict(arellano, date_of_birth="1986-09-02"), "DISCLOSE", "520140004"),
        "G6": (dict(arellano, name_suffix="JR", date_of_birth="1986-09-02"), "DISCLOSE",
               "520140004"),
        # the father's suffix (his record undated), the son's date
        "G7": (dict(betancourt, name_suffix="SR", date_of_birth="1986-09-02"),
               "NOT_DISCLOSED", ""),
        # a date that contradicts the father and says nothing of the son
        "G8": (dict(quezada, date_of_birth="1970-01-01"), "NOT_DISCLOSED", ""),
        "G9": (dict(quezada, date_of_birth="1958-03-14"), "DISCLOSE", "520140007"),
        # ... unless the request's generation is the undated one's: both point to him
        "G10": (dict(quezada, name_suffix="JR", date_of_birth="1970-01-01"), "DISCLOSE",
                "520140008"),
        "G11": (dict(betancourt, name_suffix="SR", date_of_birth="1958-03-14"), "DISCLOSE",
                "520140005"),
    }
    decide_each(home, key, tmp_path, {}, cases, 951)


def test_a_housemate_whose_name_is_the_request_read_the_other_way_round(tmp_path: Path
                                                                       ) -> None:
    # Audit 21 (session 24): LI CHEN asked, without a date of birth, where LI CHEN and CHEN
    # LI live: the first was disclosed, yet the swapped reading alone is read as the
    # request's, and Chinese names are written in either order. Either may be the person:
    # M_AMBIGUOUS, unless the date of birth tells them apart. A household of one discloses.
    home, key = home_with(tmp_path, [
        ("520119001", "SSN", "Li", "", "Chen", "", "1986-03-28", ""),
        ("520119002", "SSN", "Chen", "", "Li", "", "1991-10-02", ""),
        ("520119003", "SSN", "Wei", "", "Zhang", "", "1979-01-15", ""),
    ], [(tin, street, "", "Los Angeles", "CA", "90057", "RETURN", "2025", "2026-02-26")
        for tin, street in (("520119001", "6091 Lincoln Ct"), ("520119002", "6091 Lincoln Ct"),
                            ("520119003", "77 Alvarado St"))])
    base = dict(first_name="LI", last_name="CHEN", street="6091 LINCOLN CT",
                city="LOS ANGELES", state="CA", zip="90057")
    decide_each(home, key, tmp_path, base, {
        "H1": ({}, "NOT_DISCLOSED", ""),
        # her date of birth: she is the one; his contradicts her, the name as written (the
        # swapped reading is read only where no one bears the name as written: M_CONFLICT)
        "H2": (dict(date_of_birth="1986-03-28"), "DISCLOSE", "520119001"),
        "H3": (dict(date_of_birth="1991-10-02"), "NOT_DISCLOSED", ""),
        # alone at his address, WEI ZHANG asked as ZHANG WEI still reads as him
        "H4": (dict(first_name="WEI", last_name="ZHANG", street="77 ALVARADO ST"),
               "DISCLOSE", "520119003"),
    }, 119001)
    got = decide(home, key, tmp_path, [dict(base, request_id="H5")], "ICE-2026-119101")
    assert got["H5"]["reason_codes"] == "M_AMBIGUOUS", got["H5"]

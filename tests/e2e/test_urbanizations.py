"""Places the street line alone does not settle, end to end (an acceptance audit, session 9:
cases F2a, F2b and F5). Synthetic people.

- A Puerto Rico urbanization (USPS Pub 28, section 29): the same house number and street
  name repeat across the urbanizations of one ZIP, so URB VILLA NEVAREZ 150 CALLE A and
  URB LAS GLADIOLAS 150 CALLE A are two addresses. The parser dropped the urbanization, and
  a request naming one disclosed a taxpayer of the other (F2a); two namesakes, one in each,
  were ambiguous to a request that named one of them (F2b).
- A rural route or highway contract box number means something only within its post
  office: RR 2 BOX 15 in AMES IA 50014 is not RR 2 BOX 15 in AMES IA 50010, though the two
  ZIPs share a sectional center and the city places both (F5). (A PO box is no street
  address: such a request is R_ADDRESS_INCOMPLETE and never matched.)
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.e2e.handmade import Cases, decide, decide_each, home_with

_ROW = ("RETURN", "2025", "2026-02-26")
TAXPAYERS = [
    ("823120001", "SSN", "Eufemia", "", "Berrios", "", "1961-05-04", ""),
    ("823120002", "SSN", "Nestor", "", "Quiñones", "", "1958-03-02", ""),
    ("823120003", "SSN", "Anacleto", "", "Rivera", "", "1970-01-01", ""),
    ("823120004", "SSN", "Anacleto", "", "Rivera", "", "1972-02-02", ""),
    ("823120005", "SSN", "Casimira", "", "Oquendo", "", "1966-06-06", ""),
    ("823150001", "SSN", "Rafaelo", "", "Dragomir", "", "1975-07-07", ""),
    ("823150002", "SSN", "Wilhelmina", "", "Stavropoulos", "", "1981-08-08", ""),
    ("823150003", "SSN", "Evaristo", "", "Quintanilla", "", "1969-09-09", ""),
]
ADDRESSES = [
    ("823120001", "URB LAS GLADIOLAS 150 CALLE A", "", "San Juan", "PR", "00926", *_ROW),
    ("823120002", "Urbanización Villa Nevárez 150 Calle A", "", "San Juan", "PR", "00926",
     *_ROW),
    ("823120003", "URB SANTA RITA 20 CALLE 3", "", "San Juan", "PR", "00925", *_ROW),
    ("823120004", "URB EL VEDADO 20 CALLE 3", "", "San Juan", "PR", "00925", *_ROW),
    # the urbanization on a line of its own (the unit column, address line 2)
    ("823120005", "77 Calle Tortola", "URB Country Club", "Carolina", "PR", "00982", *_ROW),
    ("823150001", "RR 2 BOX 15", "", "Ames", "IA", "50010", *_ROW),
    ("823150002", "PO BOX 12", "", "Ames", "IA", "50010", *_ROW),
    ("823150003", "HC 1 BOX 4", "", "Carolina", "PR", "00985", *_ROW),
]


def _home(tmp: Path) -> tuple[Path, Ed25519PrivateKey]:
    return home_with(tmp, TAXPAYERS, ADDRESSES)


_SAN_JUAN = dict(city="SAN JUAN", state="PR", zip="00926")
_EUFEMIA = dict(first_name="EUFEMIA", last_name="BERRIOS")


def test_another_urbanization_is_another_address(tmp_path: Path) -> None:
    home, key = _home(tmp_path)
    got = decide(home, key, tmp_path, [
        # F2a: Eufemia lives at 150 CALLE A of LAS GLADIOLAS; the request names the one of
        # VILLA NEVAREZ, which is Nestor's address
        dict(_SAN_JUAN, **_EUFEMIA, request_id="U1", street="URB VILLA NEVAREZ 150 CALLE A"),
        # F2b: one ANACLETO RIVERA in each urbanization, the request names one of them
        dict(first_name="ANACLETO", last_name="RIVERA", request_id="U2",
             street="URB SANTA RITA 20 CALLE 3", city="SAN JUAN", state="PR", zip="00925"),
    ], "ICE-2026-002001")
    assert got["U1"]["disposition"] == "NOT_DISCLOSED", got["U1"]
    assert got["U1"]["reason_codes"] == "M_ADDRESS_ONLY;M_NAME_ONLY", got["U1"]
    assert got["U2"]["disposition"] == "DISCLOSE", got["U2"]
    assert got["U2"]["match_tin"] == "823120003"


def test_an_urbanization_written_any_way_is_the_same(tmp_path: Path) -> None:
    home, key = _home(tmp_path)
    eufemia = "823120001"
    decide_each(home, key, tmp_path, dict(_SAN_JUAN, **_EUFEMIA), {
        "W1": (dict(street="URB LAS GLADIOLAS 150 CALLE A"), "DISCLOSE", eufemia),
        "W2": (dict(street="Urbanización Las Gladiolas 150 Calle A"), "DISCLOSE", eufemia),
        "W3": (dict(street="150 CALLE A URB LAS GLADIOLAS"), "DISCLOSE", eufemia),
        "W4": (dict(street="150 Calle A", unit="Urb. Las Gladiolas"), "DISCLOSE", eufemia),
        "W5": (dict(city="", state="", zip="",
                    address="URB LAS GLADIOLAS, 150 CALLE A, SAN JUAN, PR 00926"),
               "DISCLOSE", eufemia),
        # (helper-18) the Spanish order, the house number last: was R_ADDRESS_INCOMPLETE
        "W8": (dict(street="URB LAS GLADIOLAS CALLE A 150"), "DISCLOSE", eufemia),
        "W9": (dict(street="Urb. Las Gladiolas, Calle A #150"), "DISCLOSE", eufemia),
        "W10": (dict(city="", state="", zip="",
                     address="URB LAS GLADIOLAS, CALLE A 150, SAN JUAN, PR 00926"),
                "DISCLOSE", eufemia),
        # another urbanization whichever way written
        "W6": (dict(street="150 Calle A", unit="URB VILLA NEVAREZ"), "NOT_DISCLOSED", ""),
        "W11": (dict(street="URB VILLA NEVAREZ CALLE A 150"), "NOT_DISCLOSED", ""),
        "W12": (dict(street="URB LAS GLADIOLAS CALLE B 150"), "NOT_DISCLOSED", ""),
        # a slip in the urbanization's name is not tolerated: names are compared exactly
        # (VILLA NEVARES is one letter from VILLA NEVAREZ, Nestor's)
        "W7": (dict(first_name="NESTOR", last_name="QUINONES",
                    street="URB VILLA NEVARES 150 CALLE A"), "NOT_DISCLOSED", ""),
    }, 2101)


def test_an_urbanization_left_out_where_the_street_line_names_two_addresses(
        tmp_path: Path) -> None:
    # 150 CALLE A of ZIP 00926 is in two urbanizations: without one, the request's address
    # is either, and the name alone would pick. Not disclosed on name and address alone;
    # the exact date of birth settles it. Where the ZIP holds the house and street in one
    # urbanization only, leaving it out is the common omission it always was.
    home, key = _home(tmp_path)
    decide_each(home, key, tmp_path, dict(_SAN_JUAN, **_EUFEMIA), {
        "O1": (dict(street="150 CALLE A"), "REVIEW", ""),
        "O2": (dict(street="150 CALLE A", date_of_birth="1961-05-04"), "DISCLOSE",
               "823120001"),
        # both ANACLETO RIVERAs are at 20 CALLE 3 of 00925
        "O3": (dict(first_name="ANACLETO", last_name="RIVERA", street="20 CALLE 3",
                    zip="00925"), "NOT_DISCLOSED", ""),
        "O4": (dict(first_name="CASIMIRA", last_name="OQUENDO", street="77 CALLE TORTOLA",
                    city="CAROLINA", zip="00982"), "DISCLOSE", "823120005"),
        "O5": (dict(first_name="CASIMIRA", last_name="OQUENDO",
                    street="URB COUNTRY CLUB 77 CALLE TORTOLA", city="CAROLINA",
                    zip="00982"), "DISCLOSE", "823120005"),
    }, 2201)


def test_a_box_number_belongs_to_one_post_office(tmp_path: Path) -> None:
    # F5: RR 2 BOX 15 of 50014 disclosed the namesake at RR 2 BOX 15 of 50010 (one
    # sectional center, the same city). A box in another ZIP is another place; the box in
    # its own ZIP still discloses.
    home, key = _home(tmp_path)
    ames = dict(city="AMES", state="IA")
    cases: Cases = {
        "B1": (dict(ames, first_name="RAFAELO", last_name="DRAGOMIR", street="RR 2 BOX 15",
                    zip="50014"), "NOT_DISCLOSED", ""),
        "B2": (dict(ames, first_name="RAFAELO", last_name="DRAGOMIR", street="RR 2 BOX 15",
                    zip="50010"), "DISCLOSE", "823150001"),
        # a PO box is no street address: the request is refused before any matching, in
        # its own ZIP as in another (matching would hold it to its ZIP as a route box)
        "B3": (dict(ames, first_name="WILHELMINA", last_name="STAVROPOULOS",
                    street="PO BOX 12", zip="50014"), "REJECTED", ""),
        "B4": (dict(ames, first_name="WILHELMINA", last_name="STAVROPOULOS",
                    street="P.O. Box 12", zip="50010"), "REJECTED", ""),
        "B5": (dict(first_name="EVARISTO", last_name="QUINTANILLA", street="HC 1 BOX 4",
                    city="CAROLINA", state="PR", zip="00987"), "NOT_DISCLOSED", ""),
        "B6": (dict(first_name="EVARISTO", last_name="QUINTANILLA", street="HC 1 BOX 4",
                    city="CAROLINA", state="PR", zip="00985"), "DISCLOSE", "823150003"),
        # with the exact date of birth too: another post office's box is not a slip
        "B7": (dict(ames, first_name="RAFAELO", last_name="DRAGOMIR", street="RR 2 BOX 15",
                    zip="50014", date_of_birth="1975-07-07"), "NOT_DISCLOSED", ""),
    }
    decide_each(home, key, tmp_path, {}, cases, 2301)


def test_one_name_in_two_urbanizations_of_a_batch_is_two_requests(tmp_path: Path) -> None:
    # (helper-18) R_DUPLICATE keyed house, street, unit and ZIP without the urbanization:
    # the second of two same-named people in two urbanizations of one ZIP was rejected as
    # a repeat of the first. Each is now searched (the second is no resident of the first
    # one's address); a repeat in the same urbanization, or without one, still is one.
    home, key = _home(tmp_path)
    got = decide(home, key, tmp_path, [
        dict(_SAN_JUAN, **_EUFEMIA, request_id="D1", street="URB LAS GLADIOLAS 150 CALLE A"),
        dict(_SAN_JUAN, **_EUFEMIA, request_id="D2", street="URB VILLA NEVAREZ CALLE A 150"),
        dict(_SAN_JUAN, **_EUFEMIA, request_id="D3", street="150 CALLE A",
             unit="URB LAS GLADIOLAS"),
    ], "ICE-2026-002401")
    assert (got["D1"]["disposition"], got["D1"]["match_tin"]) == ("DISCLOSE", "823120001")
    assert got["D2"]["disposition"] == "NOT_DISCLOSED", got["D2"]
    assert "R_DUPLICATE" not in got["D2"]["reason_codes"], got["D2"]
    assert got["D3"]["reason_codes"] == "R_DUPLICATE", got["D3"]


def test_highway_kilometre_lines_and_hyphenated_boxes(tmp_path: Path) -> None:
    # Audit 22 (session 25): every request at a Puerto Rico highway address by kilometre
    # (CARR 172 KM 13.0) or at a highway contract box written with a hyphen (HC-02 BOX
    # 7150) was R_ADDRESS_INCOMPLETE, even written as the master holds it.
    home, key = home_with(tmp_path, [
        ("823130001", "SSN", "Wilfredo", "", "Colon Ortiz", "", "1970-01-02", ""),
        ("823130002", "SSN", "Migdalia", "", "Rosado", "", "1981-03-04", ""),
        ("823130003", "SSN", "Wilfredo", "", "Colon Ortiz", "", "1990-05-06", ""),
    ], [
        ("823130001", "CARR 172 KM 13.0", "", "CAYEY", "PR", "00736", "RETURN", "2024",
         "2025-03-01"),
        ("823130002", "HC-02 BOX 7150", "", "CAYEY", "PR", "00736", "RETURN", "2024",
         "2025-03-01"),
        # a namesake further along the road: KM 13.5 is another house
        ("823130003", "CARR 172 KM 13.5", "", "CAYEY", "PR", "00736", "RETURN", "2024",
         "2025-03-01"),
    ])
    base = dict(city="CAYEY", state="PR", zip="00736")
    wilfredo = dict(first_name="WILFREDO", last_name="COLON ORTIZ")
    migdalia = dict(first_name="MIGDALIA", last_name="ROSADO")
    decide_each(home, key, tmp_path, base, {
        "K1": (dict(wilfredo, street="CARR 172 KM 13.0"), "DISCLOSE", "823130001"),
        "K2": (dict(wilfredo, street="CARRETERA 172 KM 13"), "DISCLOSE", "823130001"),
        "K3": (dict(wilfredo, street="KM 13.0 CARR 172"), "DISCLOSE", "823130001"),
        "K4": (dict(wilfredo, street="CARR 172 KM 13.5"), "DISCLOSE", "823130003"),
        "H1": (dict(migdalia, street="HC-02 BOX 7150"), "DISCLOSE", "823130002"),
        "H2": (dict(migdalia, street="HC 02 BOX 7150"), "DISCLOSE", "823130002"),
        # no marker: the road alone is no house (incomplete, as before)
        "N1": (dict(wilfredo, street="CARR 172"), "REJECTED", ""),
    }, 2301)

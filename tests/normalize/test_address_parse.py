"""Address folding and parsing: each case is what USPS Publication 28 says the line means."""

from __future__ import annotations

import pytest
import usaddress

from dgate.model import NormAddress
from dgate.normalize import usps
from dgate.normalize.address import (
    fold,
    normalize_address,
    normalize_city,
    normalize_state,
    parse_street,
    parse_unit,
    parse_zip,
    split_one_line,
)


@pytest.mark.parametrize(("text", "folded"), [
    ("  Calle  Peñasco #4-B, P.O. ", "CALLE PENASCO # 4-B PO"),
    ("Don't Care", "DONT CARE"),
    ("N.W.", "NW"),
    ("St.Louis", "ST LOUIS"),
    ("São Paulo Ave", "SAO PAULO AVE"),
    ("123½ Main", "123 1/2 MAIN"),
    ("Straße", "STRASSE"),
    ("O’Hare", "OHARE"),
    ("a\tb\nc", "A B C"),
    ("", ""),
    ("???", ""),
])
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


# (line, kind, house, predir, name, suffix, postdir, unit)
STREETS = [
    ("123 N Main Street Apt 4B", "street", "123", "N", "MAIN", "ST", "", "4B"),
    ("123 North Main St", "street", "123", "N", "MAIN", "ST", "", ""),
    ("123 main st. apt. #4-b", "street", "123", "", "MAIN", "ST", "", "4B"),
    ("123 Main St #4B", "street", "123", "", "MAIN", "ST", "", "4B"),
    ("123 Main St 4B", "street", "123", "", "MAIN", "ST", "", "4B"),
    ("123 Main St NW 4B", "street", "123", "", "MAIN", "ST", "NW", "4B"),
    ("123 Main St N.W.", "street", "123", "", "MAIN", "ST", "NW", ""),
    ("123 Main St North West", "street", "123", "", "MAIN", "ST", "NW", ""),
    ("123-B Main St", "street", "123B", "", "MAIN", "ST", "", ""),
    ("123A Main St", "street", "123A", "", "MAIN", "ST", "", ""),
    ("123-45 Queens Blvd", "street", "123-45", "", "QUEENS", "BLVD", "", ""),  # no ZIP: no Queens
    ("123 1/2 Main St", "street", "123 1/2", "", "MAIN", "ST", "", ""),
    ("123½ Main St", "street", "123 1/2", "", "MAIN", "ST", "", ""),
    # a directional or suffix word that is the whole name is the name
    ("123 North St", "street", "123", "", "NORTH", "ST", "", ""),
    ("123 N St", "street", "123", "", "N", "ST", "", ""),
    ("123 Park", "street", "123", "", "PARK", "", "", ""),
    # ST opening a name is SAINT; as the last word it is STREET
    ("123 St James Pl", "street", "123", "", "SAINT JAMES", "PL", "", ""),
    ("123 Mt Vernon Ave", "street", "123", "", "MOUNT VERNON", "AVE", "", ""),
    ("123 Main St Ext", "street", "123", "", "MAIN ST", "EXT", "", ""),
    # ordinals
    ("123 First Ave", "street", "123", "", "1ST", "AVE", "", ""),
    ("123 Twenty-First St", "street", "123", "", "21ST", "ST", "", ""),
    ("123 Twenty Second St", "street", "123", "", "22ND", "ST", "", ""),
    ("123 E 5th St", "street", "123", "E", "5TH", "ST", "", ""),
    # a road number is part of the name, not a unit
    ("123 US Highway 1", "street", "123", "", "US HWY 1", "", "", ""),
    ("123 County Road 45", "street", "123", "", "COUNTY RD 45", "", "", ""),
    ("123 State Route 9", "street", "123", "", "STATE HWY 9", "", "", ""),  # session 10
    # unit words that are also street words
    ("123 Front St", "street", "123", "", "FRONT", "ST", "", ""),
    ("123 Main St Rear", "street", "123", "", "MAIN", "ST", "", "REAR"),
    ("123 Old Lot Rd", "street", "123", "", "OLD LOT", "RD", "", ""),
    ("123 Main St Lot 5", "street", "123", "", "MAIN", "ST", "", "5"),
    ("123 Lower Main St", "street", "123", "", "LOWER MAIN", "ST", "", ""),
    ("123 Unit Rd", "street", "123", "", "UNIT", "RD", "", ""),
    ("123 Main St Bldg 5 Apt 3", "street", "123", "", "MAIN", "ST", "", "5 3"),
    # Spanish street types stay name words; VIA is a suffix only as the last word
    ("123 Calle Luna", "street", "123", "", "CALLE LUNA", "", "", ""),
    ("123 Via Del Mar", "street", "123", "", "VIA DEL MAR", "", "", ""),
    ("123 Camino Real", "street", "123", "", "CAMINO REAL", "", "", ""),
    ("123 Avenida Juárez", "street", "123", "", "AVENIDA JUAREZ", "", "", ""),
    # Puerto Rico: the urbanization is not part of the street line
    ("URB Las Gladiolas 150 Calle A", "street", "150", "", "CALLE A", "", "", ""),
    # PO Box, rural route, general delivery
    ("PO Box 123", "po_box", "123", "", "PO BOX", "", "", ""),
    ("P.O. Box #123", "po_box", "123", "", "PO BOX", "", "", ""),
    ("Post Office Box 7", "po_box", "7", "", "PO BOX", "", "", ""),
    ("RR 2 Box 15", "rural_route", "15", "", "RR 2", "", "", ""),
    ("Rural Route 2 Box 15", "rural_route", "15", "", "RR 2", "", "", ""),
    ("HC 1 BOX 4", "rural_route", "4", "", "HC 1", "", "", ""),
    # the route number glued to its word, and Pub 28's "RT n BOX m" (an audit found both
    # rejected as incomplete); "ROUTE 9" without a box stays a road
    ("RR2 Box 15", "rural_route", "15", "", "RR 2", "", "", ""),
    ("HC1 BOX 4", "rural_route", "4", "", "HC 1", "", "", ""),
    ("RT 2 Box 15", "rural_route", "15", "", "RR 2", "", "", ""),
    ("Rte 3 Bx 7", "rural_route", "7", "", "RR 3", "", "", ""),
    ("General Delivery", "general_delivery", "", "", "GENERAL DELIVERY", "", "", ""),
    # no house number / no name
    ("Congress Ave", "street", "", "", "CONGRESS", "AVE", "", ""),
    ("12345", "street", "12345", "", "", "", "", ""),
    ("123 #4", "street", "123", "", "", "", "", "4"),
    ("1st Ave", "street", "", "", "1ST", "AVE", "", ""),
    # session 10 (audit 10): Utah's grid, Pub 28: "500 S" is the name, W the predirectional
    ("1234 W 500 S", "street", "1234", "W", "500 S", "", "", ""),
    ("1234 West 500 South", "street", "1234", "W", "500 S", "", "", ""),
    ("4500 S 2700 W Apt 4", "street", "4500", "S", "2700 W", "", "", "4"),
    ("100 500 E", "street", "100", "", "500 E", "", "", ""),
    ("1234 W 500 South St", "street", "1234", "W", "500 S", "ST", "", ""),
    ("100 Hwy 9 N", "street", "100", "", "HWY 9", "", "N", ""),   # not a grid name
    ("100 W 5th S", "street", "100", "W", "5TH", "", "S", ""),     # an ordinal: unchanged
    # lettered avenues: the letter is the name, as in AVENUE A; stored as AVE N however
    # AVENUE is written (helper-18: the SQL joins compare stored names)
    ("1200 Avenue N", "street", "1200", "", "AVE N", "", "", ""),
    ("1200 Ave N Apt 4", "street", "1200", "", "AVE N", "", "", "4"),
    ("44000 W Avenue S", "street", "44000", "", "W", "AVE", "S", ""),  # as before
    ("1200 Avenue N NW", "street", "1200", "", "AVE N", "", "NW", ""),
    ("1200 Avenue A", "street", "1200", "", "AVE A", "", "", ""),
    ("1200 Av. B", "street", "1200", "", "AVE B", "", "", ""),
    ("3800 Avenue 50", "street", "3800", "", "AVE 50", "", "", ""),
    ("1200 Avenue of the Americas", "street", "1200", "", "AVENUE OF THE AMERICAS", "", "",
     ""),  # not a lettered avenue: as before
    ("1200 Avenue South", "street", "1200", "", "AVENUE", "", "S", ""),  # no lone letter
    ("100 Main Ave N", "street", "100", "", "MAIN", "AVE", "N", ""),
    # Wisconsin's grid house numbers
    ("N56W14444 Silver Spring Dr", "street", "N56W14444", "", "SILVER SPRING", "DR", "", ""),
    ("n56 w14444 Silver Spring Dr", "street", "N56W14444", "", "SILVER SPRING", "DR", "", ""),
    ("W156N8327 Pilgrim Rd", "street", "W156N8327", "", "PILGRIM", "RD", "", ""),
    ("N56N14444 Silver Spring Dr", "street", "", "", "N56N14444 SILVER SPRING", "DR", "", ""),
    # highway designations, one form each (Pub 28 highway names)
    ("4500 US 9", "street", "4500", "", "US HWY 9", "", "", ""),
    ("4500 U.S. Highway 9", "street", "4500", "", "US HWY 9", "", "", ""),
    ("4500 US Route 9", "street", "4500", "", "US HWY 9", "", "", ""),
    ("4500 Route 9", "street", "4500", "", "RTE 9", "", "", ""),
    ("3300 Farm to Market Road 1960", "street", "3300", "", "FM 1960", "", "", ""),
    ("3300 Farm Road 1960", "street", "3300", "", "FM 1960", "", "", ""),
    ("100 Ranch Road 12", "street", "100", "", "RM 12", "", "", ""),
    ("100 RM 1431 Apt 4", "street", "100", "", "RM 1431", "", "", "4"),
    # RR and a number after a house number: Texas's Ranch Road, a road (helper-18); RR
    # without a house number before it is a rural route (Pub 28 section 24)
    ("100 RR 620", "street", "100", "", "RM 620", "", "", ""),
    ("100 N RR 620 Apt 4", "street", "100", "N", "RM 620", "", "", "4"),
    ("9000 RR 620 N", "street", "9000", "", "RM 620", "", "N", ""),
    ("RR 620", "rural_route", "", "", "RR 620", "", "", ""),
    # a number under 100 may be a rural route's, its box written first: read as before
    ("15 RR 2", "street", "15", "", "RR 2", "", "", ""),
    ("100 RR 12", "street", "100", "", "RR 12", "", "", ""),
    ("RR 2 Box 15", "rural_route", "15", "", "RR 2", "", "", ""),
    ("Rural Route 2 Box 15", "rural_route", "15", "", "RR 2", "", "", ""),
    ("100 SR 9", "street", "100", "", "STATE HWY 9", "", "", ""),
    ("100 State Route 9", "street", "100", "", "STATE HWY 9", "", "", ""),
    ("100 State Road 9", "street", "100", "", "STATE HWY 9", "", "", ""),
    ("100 County Road 9", "street", "100", "", "COUNTY RD 9", "", "", ""),
    ("100 Market Rd 12", "street", "100", "", "MARKET", "RD", "", "12"),  # a unit
    ("100 Farm Rd", "street", "100", "", "FARM", "RD", "", ""),
]


@pytest.mark.parametrize(("line", "kind", "house", "predir", "name", "suffix", "postdir", "unit"),
                         STREETS)
def test_parse_street(line: str, kind: str, house: str, predir: str, name: str, suffix: str,
                      postdir: str, unit: str) -> None:
    p = parse_street(line)
    assert (p.kind, p.house, p.predir, p.name, p.suffix, p.postdir, p.unit) == (
        kind, house, predir, name, suffix, postdir, unit)


def test_name_text_is_the_name_alone_as_written() -> None:
    # the rules use name_text to excuse a street's own name; it must not include the suffix
    assert parse_street("100 Detention Center").name_text == "DETENTION"
    assert parse_street("123 N Unknown Rd Apt 2").name_text == "UNKNOWN"


@pytest.mark.parametrize("unit", ["APT 4B", "#4B", "UNIT 4B", "4B", "APT. #4B", "Apt 4-B",
                                  "apt 4b", " Apartment  #4B ", "Ste 4B", "Space 4B", "No. 4B"])
def test_unit_formats_give_the_identifier(unit: str) -> None:
    assert parse_unit(unit) == "4B"


@pytest.mark.parametrize(("unit", "expected"), [
    ("Rear", "REAR"), ("Basement", "BSMT"), ("Lot 12", "12"), ("Bldg 5 Apt 3", "5 3"),
    ("B-4", "B4"), ("12-3", "12-3"), ("", ""),
])
def test_unit_special_forms(unit: str, expected: str) -> None:
    assert parse_unit(unit) == expected


@pytest.mark.parametrize(("unit", "expected"), [
    ("Bldg 2", "BLDG2"), ("Building 2", "BLDG2"), ("BLDG #2", "BLDG2"), ("Floor 3", "FL3"),
    ("FL 2", "FL2"), ("Flr 2", "FL2"), ("Bldg A Fl 2", "BLDGA FL2"), ("Fl 2-B", "FL2B"),
    # a floor written as an ordinal before its designator is that floor (red team r39; it
    # was the unit "2ND", and on the street line a word of the street's name)
    ("2nd Floor", "FL2"), ("3RD FL", "FL3"),
    # the dwelling named beside the building reads as before; an identifier with no
    # designator is no container form
    ("Bldg 2 Apt 5", "2 5"), ("Bldg 2 5", "2 5"), ("Bldg", ""),
])
def test_a_building_or_floor_named_alone_keeps_its_designator(unit: str, expected: str
                                                               ) -> None:
    """BLDG 2 and FL 2 are not APT 2 (red team r3 F1): a building or a floor holds several
    households; the same unit line written in the street field reads the same."""
    assert parse_unit(unit) == expected
    assert parse_unit(unit) != parse_unit("APT 2") or expected == "2"
    assert parse_street(f"100 Main St {unit}").unit == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("12345-6789", ("12345", "6789")), ("123456789", ("12345", "6789")),
    ("12345", ("12345", "")), (" 12345 ", ("12345", "")), ("12345 6789", ("12345", "6789")),
    ("1234", ("", "")), ("123456", ("", "")), ("ABCDE", ("", "")), ("12345-67", ("", "")),
])
def test_parse_zip(text: str, expected: tuple[str, str]) -> None:
    assert parse_zip(text) == expected


@pytest.mark.parametrize(("text", "code"), [
    ("TX", "TX"), ("tx", "TX"), ("T.X.", "TX"), ("Texas", "TX"), ("new york", "NY"),
    ("District of Columbia", "DC"), ("Puerto Rico", "PR"), ("AE", "AE"), ("GU", "GU"),
    ("ZZ", ""), ("Tex", ""), ("", ""), ("UNKNOWN", ""),
])
def test_normalize_state(text: str, code: str) -> None:
    assert normalize_state(text) == code


@pytest.mark.parametrize(("text", "city"), [
    ("St. Louis", "SAINT LOUIS"), ("Saint Louis", "SAINT LOUIS"), ("Ft Worth", "FORT WORTH"),
    ("Wilkes-Barre", "WILKES BARRE"), ("  los   angeles ", "LOS ANGELES"), ("Mayagüez", "MAYAGUEZ"),
])
def test_normalize_city(text: str, city: str) -> None:
    assert normalize_city(text) == city


def test_every_state_code_and_name_is_known() -> None:
    assert len(usps.STATE_CODES) == 50 + 1 + 8 + 3  # states, DC, territories, military
    for code, name in usps.STATE_CODES.items():
        assert normalize_state(code) == code
        assert normalize_state(name.title()) == code


def test_suffix_table_covers_pub28_c1() -> None:
    assert len(usps.STREET_SUFFIXES) >= 150
    for written, standard in [("STREET", "ST"), ("STR", "ST"), ("STRT", "ST"), ("AV", "AVE"),
                              ("AVEN", "AVE"), ("BOULEVARD", "BLVD"), ("PARKWAY", "PKWY"),
                              ("CROSSING", "XING"), ("TURNPIKE", "TPKE"), ("CIRCLE", "CIR")]:
        assert usps.STREET_SUFFIXES[written] == standard
    # every standard abbreviation maps to itself, so standardizing twice changes nothing
    for standard in set(usps.STREET_SUFFIXES.values()):
        assert usps.STREET_SUFFIXES[standard] == standard


def test_normalize_address_structured() -> None:
    got = normalize_address("123 N Main Street Apt 4B", "", "Austin", "Texas", "78701-1234")
    assert got == NormAddress("123", "N", "MAIN", "ST", "", "4B", "AUSTIN", "TX", "78701", "1234")
    assert got.street == "N MAIN ST"


def test_unit_field_wins_over_unit_in_street_line() -> None:
    assert normalize_address("123 Main St Apt 4B", "#7", "Austin", "TX", "78701").unit == "7"
    assert normalize_address("123 Main St Apt 4B", "", "Austin", "TX", "78701").unit == "4B"


def test_one_line_address_used_only_when_street_is_empty() -> None:
    one = "2200 South Congress Avenue #12, Austin, TX 78704"
    got = normalize_address("", "", "", "", "", one)
    assert got == normalize_address("2200 S Congress Ave", "Unit 12", "Austin", "TX", "78704")
    # a street field takes precedence; the one-line address is then not used at all
    assert normalize_address("9 Elm St", "", "", "", "", one).street_name == "ELM"
    assert normalize_address("9 Elm St", "", "", "", "", one).zip5 == ""


def test_one_line_fields_fill_only_empty_fields() -> None:
    got = normalize_address("", "", "", "", "78701", "123 Main St, Austin, TX 78704")
    assert (got.city, got.state, got.zip5) == ("AUSTIN", "TX", "78701")


def test_split_one_line_keeps_building_names_apart() -> None:
    one = split_one_line(
        "Otay Mesa Detention Center, 7488 Calzada de la Fuente, San Diego, CA 92154")
    assert parse_street(one.street).house == "7488"
    assert "DETENTION" in fold(one.extra)
    assert (fold(one.city), one.state, one.zip) == ("SAN DIEGO", "CA", "92154")


def test_split_one_line_with_repeated_labels_does_not_raise() -> None:
    # usaddress.tag raises RepeatedLabelError on this line; the split must still work
    one = split_one_line("123 Main St, Apt 4, Apt 5, Austin TX 78701")
    assert parse_street(one.street).house == "123"
    assert one.zip == "78701"


def test_split_one_line_without_a_street_keeps_the_words_as_street() -> None:
    assert fold(split_one_line("Unknown Address").street) == "UNKNOWN ADDRESS"
    assert fold(split_one_line("Travis County Jail, Austin TX 78701").street) == (
        "TRAVIS COUNTY JAIL")


@pytest.mark.parametrize("junk", ["", "   ", "#", "-", "/", "1/2", "APT", "# # #", ",,,",
                                  "\x00", "ÅÅÅ", "🏠 123", "12345678901234567890", "-1",
                                  "RR", "PO BOX", "BOX", "HC X BOX"])
def test_never_raises_on_junk(junk: str) -> None:
    got = normalize_address(junk, junk, junk, junk, junk, junk)
    assert isinstance(got, NormAddress)
    got = normalize_address("", junk, junk, junk, junk, junk)
    assert isinstance(got, NormAddress)


@pytest.mark.parametrize(("line", "predir", "name", "suffix"), [
    # one slip in a long suffix or directional word is read as that word
    ("5798 HILL AVENUL", "", "HILL", "AVE"),
    ("2724 8TH BOULENARD", "", "8TH", "BLVD"),
    ("6840 CEDAR STRYET", "", "CEDAR", "ST"),
    ("5 MAIN STREEET", "", "MAIN", "ST"),          # a letter added
    ("1090 WILSON TERARCE", "", "WILSON", "TER"),   # two letters swapped
    ("7189 NORTO GREEN DRIVE", "N", "GREEN", "DR"),
    # ... but not short words, not when the first letter is lost, not a lone word
    ("1 ELM DRVE", "", "ELM DRVE", ""),            # DRVE: 4 letters
    ("1 ELM TREET", "", "ELM TREET", ""),          # first letter lost
    ("9 NORTHS RD", "", "NORTHS", "RD"),           # the whole name stays the name
    ("9 SOUTHERN PKWY", "", "SOUTHERN", "PKWY"),   # two letters away from SOUTH
    ("1 VISTA VERDE", "", "VISTA VERDE", ""),
])
def test_a_slip_in_a_suffix_or_directional_word(line: str, predir: str, name: str,
                                                 suffix: str) -> None:
    p = parse_street(line)
    assert (p.predir, p.name, p.suffix) == (predir, name, suffix)


def test_every_written_suffix_form_still_parses_as_itself() -> None:
    # The slip reading must never override an exact form: each written form of the table,
    # after a street name, gives its own standard abbreviation (forms that are also unit
    # designators, like TRLR, open a unit instead, as before).
    for form, standard in usps.STREET_SUFFIXES.items():
        if (form.isalpha() and form not in usps.SPANISH_STREET_TYPES
                and form not in usps.UNIT_DESIGNATORS):
            assert parse_street(f"1 ALDER {form}").suffix == standard, form


@pytest.mark.parametrize("line", [
    "500 Main St., Apt. 4B Los Angeles, CA 90012",   # the unit ran into the city's part
    "Apt 4B, 500 Main St, Los Angeles, CA 90012",    # the unit before the street line
    "500 Main St, Apt 4B, Los Angeles, CA 90012",
])
def test_one_line_unit_stays_with_the_street(line: str) -> None:
    """An audit found the unit read as part of the city, or dropped: a namesake in another
    unit then made the request ambiguous."""
    a = normalize_address("", "", "", "", "", line)
    assert (a.house, a.street_name, a.unit, a.city, a.zip5) == (
        "500", "MAIN", "4B", "LOS ANGELES", "90012")


def test_a_city_that_begins_with_a_unit_word_is_left_whole() -> None:
    one = split_one_line("100 Ste Genevieve Ave, Apt 2, Ste Genevieve, MO 63670")
    assert one.city == "Ste Genevieve" and one.street.endswith("Apt 2")


@pytest.mark.parametrize(("line", "street", "unit", "city"), [
    # usaddress took a word of the city into the street or the unit (audit 20)
    ("239 VERMONT WAY LA HABRA CA 90631", "VERMONT", "", "LA HABRA"),
    ("19189 CESAR CHAVEZ RD UNIT 33 OLD STATION CA 96071", "CESAR CHAVEZ", "33", "OLD STATION"),
    # what it read right stays so: the longest city of the ZIP, the street type kept
    ("77 LAKE DR LAKE CITY FL 32025", "LAKE", "", "LAKE CITY"),
    ("500 PARK AVE PARK CITY UT 84060", "PARK", "", "PARK CITY"),
    ("45 OAK AVE APT 3 NEW YORK NY 10001", "OAK", "3", "NEW YORK"),
    ("5 N MAIN ST ST LOUIS MO 63101", "MAIN", "", "SAINT LOUIS"),
    # a unit after the ZIP stays the street's (helper-51's review)
    ("239 VERMONT WAY LA HABRA CA 90631 UNIT 4B", "VERMONT", "4B", "LA HABRA"),
    ("100 MAIN ST SPRINGFIELD IL 62701 APT 4", "MAIN", "4", "SPRINGFIELD"),
    # usaddress's city is a city of the ZIP: a longer one (N CAMBRIDGE, also a name of
    # 02140) does not take the directional or the unit into the city
    ("100 MAIN ST APT N CAMBRIDGE MA 02140", "MAIN", "N", "CAMBRIDGE"),
    ("100 MAIN ST UNIT E PALO ALTO CA 94303", "MAIN", "E", "PALO ALTO"),
])
def test_one_line_city_is_a_city_of_its_zip(line: str, street: str, unit: str,
                                             city: str) -> None:
    a = normalize_address("", "", "", "", "", line)
    assert (a.street_name, a.unit, a.city) == (street, unit, city)


@pytest.mark.parametrize("line", [
    "100 PARK CITY UT 84060",      # the city of the ZIP would leave no street name
    "100 N PARK CITY UT 84060",    # ... or a directional alone
    "239 VERMONT WAY LA HABRA CA 10001",  # a ZIP of another city
])
def test_one_line_city_not_confirmed_by_its_zip_is_usaddress_reading(line: str) -> None:
    with_zip = split_one_line(line)
    labelled = usaddress.parse(line)
    assert with_zip.city == " ".join(w for w, label in labelled if label == "PlaceName")


@pytest.mark.parametrize(("line", "street", "city"), [
    # no ZIP: the longest city of the state that leaves the street a name (session 27, a
    # red team: usaddress gave NORTH to the street, and a Chicago namesake was disclosed)
    ("239 VERMONT WAY LA HABRA CA", "239 VERMONT WAY", "LA HABRA"),
    ("100 OAK AVE NORTH CHICAGO IL", "100 OAK AVE", "NORTH CHICAGO"),
    ("100 OAK AVE SOUTH ST PAUL MN", "100 OAK AVE", "SOUTH ST PAUL"),
    ("100 MAIN ST EAST STROUDSBURG PA", "100 MAIN ST", "EAST STROUDSBURG"),
    # usaddress's city stands: no longer city of the state; a postdirectional abbreviated;
    # a unit's word; another name of the same city
    ("100 OAK AVE CHICAGO IL", "100 OAK AVE", "CHICAGO"),
    ("100 1ST AVE N SEATTLE WA", "100 1ST AVE N", "SEATTLE"),
    ("100 MAIN ST APT N CAMBRIDGE MA", "100 MAIN ST APT N", "CAMBRIDGE"),
    # the state's code read as the city's last word (R_ADDRESS_INCOMPLETE before)
    ("500 N MAIN ST SALT LAKE CITY UT", "500 N MAIN ST", "SALT LAKE CITY"),
])
def test_one_line_city_without_a_zip_is_the_states(line: str, street: str, city: str) -> None:
    one = split_one_line(line)
    assert (one.street, one.city, one.zip) == (street, city, "")
    assert one.state


def test_one_line_words_before_the_zips_city_that_are_no_street_are_kept_apart() -> None:
    one = split_one_line("239 VERMONT WAY C/O JOHN SMITH LA HABRA CA 90631")
    assert (one.street, one.city, one.extra) == ("239 VERMONT WAY", "LA HABRA", "C/O JOHN SMITH")


def test_one_line_postdirectional_is_not_taken_into_the_city() -> None:
    a = normalize_address("", "", "", "", "", "1200 MASSACHUSETTS AVE N CAMBRIDGE MA 02140")
    assert (a.street_name, a.postdir, a.city) == ("MASSACHUSETTS", "N", "CAMBRIDGE")


# A line with a state and no city: usaddress takes the street's type for the city (71-52
# 104TH in the city of ST), and the rules read the city ST as placeholder text (audit 22).
# Read as the same street, state and ZIP in fields of their own.
@pytest.mark.parametrize(("line", "street", "state", "zip5"), [
    ("71-52 104TH ST, NY 11373", "71-52 104TH ST", "NY", "11373"),
    ("71-52 104TH ST NY 11373", "71-52 104TH ST", "NY", "11373"),
    ("12 W 4TH ST, NY 10012", "12 W 4TH ST", "NY", "10012"),
    ("71-52 104TH ST, NY", "71-52 104TH ST", "NY", ""),
    ("71-52 104TH ST, NY 90210", "71-52 104TH ST", "NY", "90210"),  # wrong ZIP: the rules'
])
def test_one_line_street_type_before_the_state_is_the_streets(line: str, street: str,
                                                              state: str, zip5: str) -> None:
    one = split_one_line(line)
    assert (one.street, one.city, one.state, one.zip) == (street, "", state, zip5)
    assert normalize_address("", "", "", "", "", line) == normalize_address(
        street, "", "", state, zip5)


@pytest.mark.parametrize(("line", "street", "city"), [
    # a town so named, of the ZIP: usaddress's reading stands
    ("100 OAK BOULEVARD CA 91905", "100 OAK", "BOULEVARD"),
    # the street has its type already; the city is a city
    ("71-52 104TH ST, QUEENS NY 11373", "71-52 104TH ST", "QUEENS"),
    ("123 MAIN ST, NY 11373", "123 MAIN ST", ""),
])
def test_one_line_city_that_may_be_a_city_is_kept(line: str, street: str, city: str) -> None:
    one = split_one_line(line)
    assert (one.street, one.city) == (street, city)


# Puerto Rico urbanizations (Pub 28 section 29): kept as a component of their own, the URB
# descriptor left out and the other area designators standardized; the street line is the
# same with or without them.
@pytest.mark.parametrize(("line", "urb", "house", "name", "unit"), [
    ("URB LAS GLADIOLAS 150 CALLE A", "LAS GLADIOLAS", "150", "CALLE A", ""),
    ("Urb. Las Gladiolas 150 Calle A", "LAS GLADIOLAS", "150", "CALLE A", ""),
    ("Urbanización Villa Nevárez 150 Calle A", "VILLA NEVAREZ", "150", "CALLE A", ""),
    ("150 Calle A Urb Villa Nevarez", "VILLA NEVAREZ", "150", "CALLE A", ""),
    ("150 Calle A Urb Villa Nevarez Apt 4", "VILLA NEVAREZ", "150", "CALLE A", "4"),
    ("URB JARDINES DE CAPARRA 5 CALLE 2", "JARD DE CAPARRA", "5", "CALLE 2", ""),
    ("Urb Extensión Villa Rica 12 Calle 3", "EXT VILLA RICA", "12", "CALLE 3", ""),
    ("EXT VILLA RICA 12 CALLE 3", "EXT VILLA RICA", "12", "CALLE 3", ""),
    ("Residencial Luis Llorens Torres 5 Calle B", "RES LUIS LLORENS TORRES", "5", "CALLE B",
     ""),
    ("BO OBRERO 7 CALLE 10", "BO OBRERO", "7", "CALLE 10", ""),
    ("SECTOR LA PLAYITA 3 CALLE SOL", "SECTOR LA PLAYITA", "3", "CALLE SOL", ""),
    # a number in the urbanization's name: the house is the number the street follows
    ("URB SANTA JUANITA SECC 10 150 CALLE A", "SANTA JUANITA SECC 10", "150", "CALLE A", ""),
    # (helper-18) the Spanish order, the house number last: read in Pub 28's order
    ("URB VILLA NEVAREZ CALLE A 150", "VILLA NEVAREZ", "150", "CALLE A", ""),
    ("Urb. Villa Nevárez, Calle A #150", "VILLA NEVAREZ", "150", "CALLE A", ""),
    ("URB VILLA NEVAREZ CALLE 4 150", "VILLA NEVAREZ", "150", "CALLE 4", ""),
    ("URB VILLA NEVAREZ CALLE A 150 APT 2", "VILLA NEVAREZ", "150", "CALLE A", "2"),
    ("URB PASEO DEL PRADO CALLE A 150", "PASEO DEL PRADO", "150", "CALLE A", ""),
    ("RES LUIS LLORENS TORRES CALLE B 5", "RES LUIS LLORENS TORRES", "5", "CALLE B", ""),
    ("URB VILLA NEVAREZ AVENIDA PONCE DE LEON 1000", "VILLA NEVAREZ", "1000",
     "AVENIDA PONCE DE LEON", ""),
    # … not where it is unclear which words are the street or which number the house: read
    # as before (no street name: R_ADDRESS_INCOMPLETE)
    ("URB VILLA CAMINO REAL CALLE A 150", "VILLA CAMINO REAL CALLE A", "150", "", ""),
    ("URB VILLA NEVAREZ CALLE A 150 4B", "VILLA NEVAREZ CALLE A 150", "4B", "", ""),
    ("URB VILLA NEVAREZ CALLE 150", "VILLA NEVAREZ CALLE", "150", "", ""),
    # URB with no name, and a designator with no name, are no urbanization
    ("URB 150 CALLE A", "", "150", "CALLE A", ""),
    ("EXT 123", "", "", "EXT 123", ""),
    ("123 Main St", "", "123", "MAIN", ""),
])
def test_urbanization(line: str, urb: str, house: str, name: str, unit: str) -> None:
    parts = parse_street(line)
    assert (parts.urb, parts.house, parts.name, parts.unit) == (urb, house, name, unit)


@pytest.mark.parametrize(("street", "unit", "address"), [
    ("URB LAS GLADIOLAS 150 CALLE A", "", ""),
    ("150 Calle A", "URB LAS GLADIOLAS", ""),  # the urbanization's own line (line 2)
    ("", "", "URB LAS GLADIOLAS, 150 CALLE A, SAN JUAN, PR 00926"),
    ("", "", "150 CALLE A, URB LAS GLADIOLAS, SAN JUAN, PR 00926"),
    ("", "", "URB LAS GLADIOLAS 150 CALLE A, SAN JUAN, PR 00926"),
    ("", "", "URB LAS GLADIOLAS 150 CALLE A SAN JUAN PR 00926"),  # no commas: usaddress
    # (helper-18) the Spanish order
    ("URB LAS GLADIOLAS CALLE A 150", "", ""),
    ("", "", "URB LAS GLADIOLAS, CALLE A 150, SAN JUAN, PR 00926"),
    ("", "", "URB LAS GLADIOLAS CALLE A 150, SAN JUAN, PR 00926"),
])
def test_urbanization_wherever_written(street: str, unit: str, address: str) -> None:
    place = ("SAN JUAN", "PR", "00926") if street else ("", "", "")
    a = normalize_address(street, unit, *place, address)
    assert (a.urb, a.house, a.street_name, a.unit, a.zip5) == (
        "LAS GLADIOLAS", "150", "CALLE A", "", "00926")


def test_a_unit_field_with_an_urbanization_and_a_unit() -> None:
    a = normalize_address("150 Calle A", "URB LAS GLADIOLAS APT 4", "San Juan", "PR", "00926")
    assert (a.urb, a.unit) == ("LAS GLADIOLAS", "4")
    # a unit field that merely holds the word is left as it was
    assert normalize_address("150 Calle A", "URB 4", "", "", "").urb == ""


@pytest.mark.parametrize("line, house, name, unit", [
    # red team r12: a Spanish-order line without an urbanization before it
    ("Calle Luna 123", "123", "CALLE LUNA", ""),
    ("Calle Luna #123 Apt 2", "123", "CALLE LUNA", "2"),
    ("Calle 4 #150", "150", "CALLE 4", ""),
    ("123 Calle Luna", "123", "CALLE LUNA", ""),
    # unchanged: no number after the street's name, a highway's kilometre, two numbers
    ("Calle Luna", "", "CALLE LUNA", ""),
    ("Calle 5", "", "CALLE 5", ""),
    ("CARRETERA 172 KM 13", "13", "CARR 172", ""),
])
def test_a_spanish_order_line_reads_its_house_number(line: str, house: str, name: str,
                                                     unit: str) -> None:
    parts = parse_street(line)
    assert (parts.house, parts.name, parts.unit) == (house, name, unit)

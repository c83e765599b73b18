"""Golden cases for the R_ADDRESS_* rules: records that must carry a code, and near misses
that must not. Each place triple is a real ZIP / city / state (checked in
test_address_vocab.py against the zipcodes data set)."""

from __future__ import annotations

import pytest
from tests.rules.slow_reference import reference_judge_address

from dgate.rules.address import (
    R_ADDRESS_FACILITY,
    R_ADDRESS_INCOMPLETE,
    R_ADDRESS_INVALID,
    R_ADDRESS_MISSING,
    R_ADDRESS_PLACEHOLDER,
    judge_address,
)

AUSTIN = {"city": "Austin", "state": "TX", "zip": "78701"}


def rec(street: str = "123 Main St", unit: str = "", **place: str) -> dict[str, str]:
    return {"street": street, "unit": unit, **AUSTIN, **place}


CLEAN = [
    rec(),
    rec("123 N Main Street", "Apt 4B"),
    rec("2200 S Congress Ave", "Unit 12", city="Austin", zip="78704"),
    rec("77 Oak Ave", city="Chicago", state="IL", zip="60629"),
    rec("9 Elm St", city="Miami", state="FL", zip="33125"),
    rec("450 W 33rd St", "Fl 5", city="New York", state="NY", zip="10001"),
    rec("5100 E Olympic Blvd", city="Los Angeles", state="CA", zip="90022"),
    rec("RR 2 Box 15", city="", state="", zip="78701"),
    rec("HC 1 Box 4"),
    rec("123 Main St", zip=""),                       # city and state suffice
    rec("123 Main St", city="", state=""),            # ZIP suffices
    rec("123 Main St", state="Texas", zip="78701-1234"),
    {"address": "1100 Congress Ave, Austin, TX 78701"},
    {"address": "2200 South Congress Avenue #12, Austin, TX 78704"},
    rec("100 Calle del Sol", city="Adjuntas", state="PR", zip="00601"),
    rec("Urb Las Gladiolas 150 Calle A", city="Adjuntas", state="PR", zip="00601"),
    # other Puerto Rico area designators before the street line, the urbanization after it
    # or on its own line (the house number was not found before: R_ADDRESS_INCOMPLETE)
    rec("Res Luis Llorens Torres 5 Calle B", city="San Juan", state="PR", zip="00913"),
    rec("Ext Villa Rica 12 Calle 3", city="Bayamon", state="PR", zip="00959"),
    rec("150 Calle A Urb Villa Nevarez", city="San Juan", state="PR", zip="00926"),
    rec("150 Calle A", "Urb Las Gladiolas", city="San Juan", state="PR", zip="00926"),
    rec("123 Main St", "#4B", city="Washington", state="DC", zip="20001"),
    # street, state and ZIP, no city, as one line: read as in fields of their own (the
    # street's type was read as the city ST, a placeholder: audit 22)
    rec("71-52 104TH ST", city="", state="NY", zip="11373"),
    {"address": "71-52 104TH ST, NY 11373"},
    {"address": "71-52 104TH ST NY 11373"},
    {"address": "12 W 4TH ST, NY 10012"},
]


@pytest.mark.parametrize("fields", CLEAN)
def test_a_real_complete_address_carries_no_code(fields: dict[str, str]) -> None:
    assert judge_address(fields) == frozenset()


# --- R_ADDRESS_MISSING -------------------------------------------------------------------

@pytest.mark.parametrize("fields", [
    {}, {"street": "", "unit": "", "city": "", "state": "", "zip": "", "address": ""},
    {"street": "   ", "city": "\t", "zip": " "},
])
def test_missing(fields: dict[str, str]) -> None:
    assert judge_address(fields) == frozenset({R_ADDRESS_MISSING})


def test_any_address_text_is_not_missing() -> None:
    assert R_ADDRESS_MISSING not in judge_address({"zip": "78701"})
    assert R_ADDRESS_MISSING not in judge_address({"address": "Unknown"})
    assert R_ADDRESS_MISSING not in judge_address({"unit": "4B"})


# --- R_ADDRESS_PLACEHOLDER ---------------------------------------------------------------

PLACEHOLDER_CASES = [
    rec("Failed to Provide"),
    rec("Failed  to   provide"),
    rec("FAILED-TO-PROVIDE"),
    rec("Unknown Address"),
    rec("Unknown"),
    rec("NA NA"),
    rec("123 Main St", city="N/A N/A"),  # letters of one word kept together: "NA NA"
    rec("123 Main St", city="N/A, N/A"),
    rec("123 Main St", "N/A N/A"),
    rec("123 Main St", city="N A N A"),
    rec("123 Main St", city="n.a. n.a."),
    {"address": "8281 W 1st Dr Unit 107, N/A N/A, IL 60165"},
    rec("n/a"),
    rec("N.A."),
    rec("Dont Care"),
    rec("Don't Care 12345"),
    rec("DON’T CARE"),
    rec("UNK"),
    rec("xxx"),
    rec("XXXXXXX"),
    rec("TBD"),
    rec("Homeless"),
    rec("Refused"),
    rec("None"),
    rec("-"),
    rec("?"),
    rec("0"),
    rec("123 Main St", "N/A"),            # the unit field is an address field too
    rec("123 Main St", "none"),
    rec("123 Main St", city="Unknown"),
    rec("123 Main St", city="x"),
    rec("123 Main St", state="NA"),
    rec("123 Main St", zip="99999"),
    rec("123 Main St", zip="12345"),
    rec("123 Unknown"),                    # no suffix: "Unknown" is not shown to be a name
    rec("00000 Unknown Rd"),               # no real house number before the name
    rec("123 Unknown Rd", city="Unknown"),
    {"address": "Unknown Address"},
    {"address": "NA NA"},
    {"address": "Don't Care 12345"},
    {"address": "00000"},
    {"address": "123 Main St, Austin, TX 78701", "street": "", "unit": "n/a"},
    rec("Desconocido"),
    # a phrase of several words, or a word no street bears, is not excused as a street's
    # name even in a complete street line (an audit found them accepted)
    rec("123 Failed To Provide St"), rec("123 Dont Care St"), rec("123 Unknown Address St"),
    rec("123 NA NA St"), rec("123 TBD St"), rec("12 xxx st"), rec("123 Null St"),
    rec("123 Fake St"),
    {**rec(), "address": "Unknown"},       # the one-line field is searched even when unused
    # with a state and ZIP but no city, a placeholder stays one
    {"address": "N/A, NY 11373"}, {"address": "UNKNOWN ST, NY 11373"},
    {"address": "TBD ST NY 11373"}, {"address": "71-52 104TH ST, N/A 11373"},
]


@pytest.mark.parametrize("fields", PLACEHOLDER_CASES)
def test_placeholder(fields: dict[str, str]) -> None:
    assert R_ADDRESS_PLACEHOLDER in judge_address(fields)


PLACEHOLDER_NEAR_MISSES = [
    rec("123 Unknown Rd"),                 # a street named Unknown
    rec("123 N Unknown Rd Apt 2"),
    rec("123 Mesa Bonita Dr"),
    rec("123 Nana St"),
    rec("123 Nonesuch Ave"),
    rec("123 Tbdale Ln"),                  # TBD inside a word
    rec("123 Nann St"),
    rec("123 Xxon Rd"),
    rec("123 Malcolm X Blvd"),             # X as a word, not the whole field
    rec("123 Same St"),                    # SAME is a placeholder only as a whole field
    rec("123 Refugio St"),
    rec("123 Main St", "X"),               # apartment X is a real unit
    rec("123 Main St", "0"),               # unit 0 is a real unit
    rec("123 Main St", "N"),
    rec("123 None Such Rd"),               # a street name containing NONE
    {"address": "123 Unknown Rd, Austin, TX 78701"},
    rec("10 Homeless Ct"),
    rec("123 Main St", city="Nome", state="AK", zip="99762"),
]


@pytest.mark.parametrize("fields", PLACEHOLDER_NEAR_MISSES)
def test_placeholder_near_misses(fields: dict[str, str]) -> None:
    assert R_ADDRESS_PLACEHOLDER not in judge_address(fields)


def test_every_vocabulary_phrase_alone_is_a_placeholder() -> None:
    from dgate.rules.vocab import PLACEHOLDERS
    for entry in PLACEHOLDERS:
        text = entry.removeprefix("=")
        assert R_ADDRESS_PLACEHOLDER in judge_address(rec(text)), entry
        assert R_ADDRESS_PLACEHOLDER in judge_address(rec("123 Main St", city=text)), entry


def test_the_vocabulary_is_a_parameter() -> None:
    assert judge_address(rec("Pending")) >= {R_ADDRESS_PLACEHOLDER}
    assert R_ADDRESS_PLACEHOLDER not in judge_address(rec("Pending"), placeholders=("UNKNOWN",))
    assert R_ADDRESS_PLACEHOLDER in judge_address(rec("Foo Bar"), placeholders=("FOO",))


# --- R_ADDRESS_INCOMPLETE ----------------------------------------------------------------

INCOMPLETE_CASES = [
    rec("Congress Ave"),                   # no street number
    rec("12345"),                          # numerics only
    rec("123"),
    rec("0 Main St"),                      # zero is not a street number
    rec("123 #4"),                         # no street name
    rec("123 45"), rec("12345 67890"), rec("1 2"),  # numerics only, house and "name"
    rec("123 ST"), rec("123 Avenue"), rec("123 N"),  # a bare street type or direction
    rec(""),                               # no street at all
    {"zip": "78701"},                      # ZIP only: "a zip code is not an address"
    {"address": "78701"},
    rec("123 Main St", city="", state="", zip=""),      # no place at all
    rec("123 Main St", city="Austin", state="", zip=""),  # city without state or ZIP
    rec("123 Main St", city="", state="TX", zip=""),
    rec("PO Box 123"),                     # a PO Box is not where the person lives
    rec("P.O. Box 77"),
    rec("123 PO Box"),                     # written backwards: still a PO Box (an audit)
    rec("77 P.O. Box"),
    rec("General Delivery"),
    rec("RR 2"),                           # a route without a box
    {"address": "PO Box 123, Austin, TX 78701"},
    {"address": "Austin, TX 78701"},
    # session 10: still no street number or no street name
    rec("0 W 500 S"), rec("N0W0 Silver Spring Dr"), rec("N56 Silver Spring Dr"),
    rec("123 Avenue South"),
    # session 26: a bare number without a directional before it is still no street
    rec("123 500"), rec("3222 1900"), rec("N 1900"), rec("0 E 1900"),
    # red team r17: a post office box written backwards in any of its forms, general
    # delivery and a caller box after a number; a route or postal service center 0
    rec("123 POB"), rec("123 P O Box"), rec("123 PO Drawer"), rec("123 Post Box"),
    rec("123 Caller Box"), rec("123 General Delivery"), rec("77 P.O.B."),
    rec("RR 0 Box 45"), rec("HC 00 Box 4"),
    rec("PSC 0 Box 4567", city="APO", state="AE", zip="09012"),
]


@pytest.mark.parametrize("fields", INCOMPLETE_CASES)
def test_incomplete(fields: dict[str, str]) -> None:
    assert R_ADDRESS_INCOMPLETE in judge_address(fields)


INCOMPLETE_NEAR_MISSES = [
    rec("123 Main St"), rec("1 Main St"), rec("123 1/2 Main St"), rec("123A Main St"),
    rec("RR 2 Box 15"), rec("Rural Route 2 Box 15"), rec("HC 1 Box 4"),
    rec("RR2 Box 15"), rec("RT 2 Box 15"),
    rec("123 Broadway"), rec("123 N St"), rec("10 Box Elder Dr"), rec("12 Box Rd"),
    rec("123 W 45 St"), rec("123 Hwy 45"), rec("123 Calle 5"), rec("100 Avenue A"),
    rec("1 North St"), rec("123 Main"),
    rec("123 Main St", city="", state=""), rec("123 Main St", zip=""),
    {"address": "123 Main St, Austin, TX 78701"},
    # audit 10: Utah's grid (R1), lettered avenues (R2), Wisconsin's grid numbers (R3) and
    # highway names (R4) are street numbers and names; they were R_ADDRESS_INCOMPLETE
    rec("1234 W 500 S"), rec("350 E 400 North"), rec("4500 S 2700 W"),
    rec("1234 West 500 South"), rec("100 500 E"),
    rec("1200 Avenue N"), rec("850 Ave S"), rec("400 AVENUE E"), rec("44000 W Avenue S"),
    rec("N56W14444 Silver Spring Dr"), rec("N56 W14444 Silver Spring Dr"),
    rec("W156N8327 Pilgrim Rd"), rec("3300 Farm to Market Road 1960"), rec("100 RM 1431"),
    {"address": "1234 W 500 S, Salt Lake City, UT 84104"},
    {"address": "1234 W 500 S SALT LAKE CITY UT 84104"},
    {"address": "1200 Avenue N, Brooklyn, NY 11230"},
    {"address": "N56W14444 Silver Spring Dr, Menomonee Falls, WI 53051"},
    # (helper-18) a Puerto Rico line in the Spanish order, the house number last, and Texas's
    # Ranch Road after a house number
    rec("URB VILLA NEVAREZ CALLE A 150", city="San Juan", state="PR", zip="00926"),
    {"address": "URB VILLA NEVAREZ, CALLE A #150, SAN JUAN, PR 00926"},
    rec("100 RR 620"),
    # session 26 (audit 22): a grid street with its axis left out, after its directional
    rec("123 W 500"), rec("3222 E 1900"), rec("1755 NORTH 3900"), rec("1755 N 3900 APT 2"),
    {"address": "3222 E 1900, PROVO, UT 84604"},
    # red team r17: single-axis grid numbers (Wisconsin, DuPage and Kane County IL), a rural
    # route written with its number sign, a unit after the box; streets of post words
    rec("N1234 County Rd K", city="Jackson", state="WI", zip="53037"),
    rec("W5678 State Road 60", city="Jackson", state="WI", zip="53037"),
    rec("27W100 Roosevelt Rd", city="Winfield", state="IL", zip="60190"),
    rec("0N123 Pine St", city="Winfield", state="IL", zip="60190"),
    rec("RR #2 Box 45"), rec("RR 2 Box 45 Lot 3"), rec("123 Post Rd"), rec("12 Caller St"),
    rec("PSC 123 Box 4567", city="APO", state="AE", zip="09012"),
]


@pytest.mark.parametrize("fields", INCOMPLETE_NEAR_MISSES)
def test_incomplete_near_misses(fields: dict[str, str]) -> None:
    assert R_ADDRESS_INCOMPLETE not in judge_address(fields)


# --- R_ADDRESS_INVALID -------------------------------------------------------------------

INVALID_CASES = [
    rec(zip="00000"), rec(zip="7870"), rec(zip="787011"), rec(zip="ABCDE"), rec(zip="78701-12"),
    rec(zip="00001"),                      # well formed, but no such ZIP
    rec(state="ZZ"), rec(state="Tex"), rec(state="XX"),
    rec(zip="10001"),                      # a New York ZIP with state TX
    rec(state="CA"),                       # an Austin ZIP with state CA
    {"address": "123 Main St, Austin, CA 78701"},
]


@pytest.mark.parametrize("fields", INVALID_CASES)
def test_invalid(fields: dict[str, str]) -> None:
    assert R_ADDRESS_INVALID in judge_address(fields)


INVALID_NEAR_MISSES = [
    rec(zip="78701-1234"), rec(zip="787011234"), rec(state="tx"), rec(state="Texas"),
    rec(state="T.X."), rec(city="Adjuntas", state="PR", zip="00601"),
    rec(city="APO", state="AE", zip="09001"), rec(city="Washington", state="DC", zip="20001"),
    rec(zip=""), rec(state="", zip="78701"),
]


@pytest.mark.parametrize("fields", INVALID_NEAR_MISSES)
def test_invalid_near_misses(fields: dict[str, str]) -> None:
    assert R_ADDRESS_INVALID not in judge_address(fields)


# --- R_ADDRESS_FACILITY ------------------------------------------------------------------

FACILITY_CASES = [
    rec("Travis County Jail"),
    rec("TRAVIS COUNTY JAIL"),
    rec("500 W 10th St, Travis County Jail"),
    rec("Federal Correctional Institution"),
    rec("FCI Bastrop"),
    rec("Otay Mesa Detention Center"),
    rec("100 Detention Center"),           # the facility's name, not a street's
    rec("ICE Processing Center"),
    rec("Port Isabel Service Processing Center"),
    rec("State Prison"),
    rec("Huntsville State Penitentiary"),
    rec("Holding Facility"),
    rec("123 Main St", "Cell Block 4"),
    rec("123 Main St", city="County Jail"),
    rec("Detainee"),
    rec("In custody"),
    {"address": "Otay Mesa Detention Center, 7488 Calzada de la Fuente, San Diego, CA 92154"},
    {"address": "Travis County Jail, Austin TX 78701"},
    rec("Correctional Facility, 123 Main St"),
]


@pytest.mark.parametrize("fields", FACILITY_CASES)
def test_facility(fields: dict[str, str]) -> None:
    assert R_ADDRESS_FACILITY in judge_address(fields)


FACILITY_NEAR_MISSES = [
    rec("12 Old Prison Rd"),               # a road named after a prison
    rec("400 Penitentiary Rd"),
    rec("55 County Jail Rd"),
    rec("123 Jailene Ct"),                 # JAIL inside a word
    rec("45 Prisonview Dr"),
    rec("500 Center St"),                  # CENTER is a suffix word, not a facility
    rec("10 Processing Way"),              # PROCESSING alone is not a facility
    rec("77 Holding Ave"),
    rec("8 Correction Ln"),
    rec("123 Main St", city="Jal", state="NM", zip="88252"),
    rec("3 Fcinelli St"),
    rec("123 Uspenski Rd"),
    rec("900 Detention Pond Rd"),
]


@pytest.mark.parametrize("fields", FACILITY_NEAR_MISSES)
def test_facility_near_misses(fields: dict[str, str]) -> None:
    assert R_ADDRESS_FACILITY not in judge_address(fields)


# --- every applicable code, together -----------------------------------------------------

@pytest.mark.parametrize(("fields", "codes"), [
    (rec("Unknown", city="Unknown", state="Unknown", zip="00000"),
     {R_ADDRESS_PLACEHOLDER, R_ADDRESS_INCOMPLETE, R_ADDRESS_INVALID}),
    ({"address": "Don't Care 12345"},
     {R_ADDRESS_PLACEHOLDER, R_ADDRESS_INCOMPLETE, R_ADDRESS_INVALID}),
    (rec("Travis County Jail", zip="00000"),
     {R_ADDRESS_FACILITY, R_ADDRESS_INCOMPLETE, R_ADDRESS_INVALID}),
    ({"zip": "00000"}, {R_ADDRESS_INCOMPLETE, R_ADDRESS_INVALID}),
    # decisions.md's example of a ZIP that does not exist: that code alone, however written
    (rec("123 Main St", zip="00000"), {R_ADDRESS_INVALID}),
    (rec("123 Main St", zip="00000-1234"), {R_ADDRESS_INVALID}),
    ({"address": "123 Main St, Austin, TX 00000"}, {R_ADDRESS_INVALID}),
    (rec("PO Box 5", state="ZZ"), {R_ADDRESS_INCOMPLETE, R_ADDRESS_INVALID}),
    # a one-line address with a state and no city earns what its fields would
    ({"address": "UNKNOWN"}, {R_ADDRESS_PLACEHOLDER, R_ADDRESS_INCOMPLETE}),
    ({"address": "123 ANY STREET"}, {R_ADDRESS_INCOMPLETE}),
    ({"address": "71-52 104TH ST, NY"}, {R_ADDRESS_INCOMPLETE}),
    ({"address": "0 104TH ST, NY 11373"}, {R_ADDRESS_INCOMPLETE}),
    ({"address": "71-52 104TH ST, NY 90210"}, {R_ADDRESS_INVALID}),
    (rec("71-52 104TH ST", city="", state="NY", zip="90210"), {R_ADDRESS_INVALID}),
])
def test_all_applicable_codes(fields: dict[str, str], codes: set[str]) -> None:
    assert judge_address(fields) == frozenset(codes)


@pytest.mark.parametrize("street", ["Eloy Detention Center, 1705 E Hanna Rd",
                                    "Correctional Facility, 123 Main St"])
def test_a_facility_before_its_street_line_is_not_also_incomplete(street: str) -> None:
    # audit 13, D3: the same text in `address` earned R_ADDRESS_FACILITY alone
    fields = rec(street)
    assert judge_address(fields) == {R_ADDRESS_FACILITY}
    assert judge_address(fields) == reference_judge_address(fields)


# ("Rear, 145 Main St" was here until session 38: REAR is a unit without a number, and the
# line after it names a house on a street, now read: tests/e2e/test_named_street_lines.py)
@pytest.mark.parametrize("street", ["Eloy Detention Center", "Acme Corp, PO Box 5"])
def test_no_street_line_after_the_comma_stays_incomplete(street: str) -> None:
    assert R_ADDRESS_INCOMPLETE in judge_address(rec(street))


@pytest.mark.parametrize("line", [
    "3574 MILL ST, LOS ANGELES, CA ABCDE", "3574 MILL ST LOS ANGELES CA ABCDE",
    "5249 W BIRCH AVE APT 24, CROSBY, TX ABCDE", "100 MAIN ST, RALEIGH, NORTH CAROLINA ABCDE",
])
def test_a_malformed_zip_on_one_line_earns_what_the_zip_field_would(line: str) -> None:
    # session 38, the consistency fuzzer: usaddress read the ZIP as a word of the state
    # (CA ABCDE), and the line earned R_ADDRESS_INCOMPLETE beside R_ADDRESS_INVALID, where
    # the same address in fields earns R_ADDRESS_INVALID alone
    street, city, state_zip = (line.split(", ") + ["", ""])[:3] if ", " in line else (
        "", "", "")
    assert judge_address({"address": line}) == {R_ADDRESS_INVALID}
    if state_zip:
        state, zip_text = state_zip.rsplit(" ", 1)
        assert judge_address(rec(street, city=city, state=state, zip=zip_text)) == {
            R_ADDRESS_INVALID}

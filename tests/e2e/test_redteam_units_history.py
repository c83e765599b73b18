"""Session 28 red team (r3): units and buildings, house numbers, boxes, and the last known
address.

Each test holds requests that DISCLOSE at 032702e where the request may well name another
person than the one disclosed (a namesake in another unit of the building), or where the
address disclosed is not settled as the last known one by the extract; with the controls
that pass today. Every case was run through the real CLI (tests/e2e/handmade.py).

Held, and left out here (each tried by hand): a request without a unit where one namesake's
record has none and another's a unit (M_AMBIGUOUS); REAR, FRONT, LOT and SPACE against a
namesake with and one without (M_AMBIGUOUS); 100 MAIN ST APT A against the namesakes of
100A MAIN ST and 100 MAIN ST, 500 MAIN ST APT 4B against 500 MAIN ST and 502 MAIN ST APT
4B, 600 MAIN ST REAR against 600 1/2 and 600 MAIN ST (each REVIEW: the level-2 namesake
holds the posterior under the threshold); 400-A = 400A; 400 A MAIN ST (M_NAME_ONLY); the
last known address of a FORM_8822 and a RETURN of one date, of two returns of one date
and two tax years, of an 8822 written first in the file and dated after the NCOA row
written last; a deceased namesake whose old address is the request's, and two namesakes
who swapped houses (M_AMBIGUOUS). Synthetic people.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.e2e.handmade import SAFE, decide_apart, home_with

_ROW = ("RETURN", "2025", "2026-02-26")
_CHI = ("Chicago", "IL", "60629")
_CHICAGO = dict(city="CHICAGO", state="IL", zip="60629")
_DEN = ("Denver", "CO", "80205")
_DENVER = dict(city="DENVER", state="CO", zip="80205")

# request id -> (fields, the dispositions allowed, the TIN disclosed where DISCLOSE is the
# one disposition allowed, and the (street, source, effective date) it must disclose, or ())
Cases = dict[str, tuple[dict[str, str], tuple[str, ...], str, tuple[str, ...]]]
YES = ("DISCLOSE",)


def _decide(home: Path, key: Ed25519PrivateKey, tmp: Path, base: dict[str, str],
            cases: Cases, serial: int) -> None:
    """One request a batch; every failure listed at once (each case is its own finding)."""
    wrong = []
    decided = decide_apart(home, key, tmp, base,
                           {rid: case[0] for rid, case in cases.items()}, serial)
    for rid, (_fields, want, tin, shown) in cases.items():
        got = decided[rid]
        disclosed = (got["street"], got["address_source"], got["address_effective_date"])
        if (got["disposition"] not in want
                or (want == YES and got["match_tin"] != tin)
                or (shown and disclosed != shown)):
            wrong.append((rid, got["disposition"], got["reason_codes"], got["match_tin"],
                          got["street"], got["unit"]))
    assert not wrong, wrong


def test_a_building_or_a_floor_is_not_an_apartment(tmp_path: Path) -> None:
    """A unit was compared by its identifier alone, its designator dropped (parse_unit:
    "BLDG 2" -> "2", "FL 2" -> "2", "APT 2" -> "2"), so a building or a floor read as the
    apartment of that number (strict xfail sessions 27-29; now "BLDG2", "FL2":
    address._container_unit). ALDOUS FENWICKE lives at 100 MAIN ST APT 2; another ALDOUS
    FENWICKE at 100 MAIN ST BLDG 2 APT 5. Asked at 100 MAIN ST, BLDG 2 (B1) it disclosed
    the one in APT 2 at p 0.99997: his record graded 5 (the same unit), the namesake's,
    who lives in building 2, graded 1 (another unit: "2" against "2 5"). The request names
    the building the second one lives in and no apartment; nothing places the first in
    building 2. Likewise CORDELIA HAWTHORNE asked on the second floor (FL 2, B2), where one
    namesake lives in APT 2 and another in APT 201: the one in APT 2 was disclosed. A
    building or a floor holds several apartments; the apartment of that number is one
    household among them, the namesake in the building or on the floor another."""
    home, key = home_with(tmp_path, [
        ("830100001", "SSN", "Aldous", "", "Fenwicke", "", "", ""),
        ("830100002", "SSN", "Aldous", "", "Fenwicke", "", "", ""),
        ("830100003", "SSN", "Cordelia", "", "Hawthorne", "", "", ""),
        ("830100004", "SSN", "Cordelia", "", "Hawthorne", "", "", ""),
    ], [
        ("830100001", "100 Main St", "Apt 2", *_CHI, *_ROW),
        ("830100002", "100 Main St", "Bldg 2 Apt 5", *_CHI, *_ROW),
        ("830100003", "200 Main St", "Apt 2", *_CHI, *_ROW),
        ("830100004", "200 Main St", "Apt 201", *_CHI, *_ROW),
    ])
    ald = dict(first_name="ALDOUS", last_name="FENWICKE", street="100 MAIN ST")
    cor = dict(first_name="CORDELIA", last_name="HAWTHORNE", street="200 MAIN ST")
    _decide(home, key, tmp_path, _CHICAGO, {
        "B1": (dict(ald, unit="BLDG 2"), SAFE, "", ()),
        "B2": (dict(cor, unit="FL 2"), SAFE, "", ()),
        # controls: the apartment asked, each way it is written
        "B3": (dict(ald, unit="APT 2"), YES, "830100001", ()),
        "B4": (dict(ald, unit="# 2"), YES, "830100001", ()),
        "B5": (dict(ald, unit="BLDG 2 APT 5"), YES, "830100002", ()),
        "B6": (dict(cor, unit="APT 201"), YES, "830100004", ()),
    }, 281001)


def test_a_street_slip_does_not_hide_a_namesake_in_another_unit(tmp_path: Path) -> None:
    """`policy._namesake_in_another_unit` (audit 15, F2) refuses a request naming a unit
    that the best candidate's record lacks while a namesake lives in another unit of the
    building: nothing places the requested unit with either. It reads only a best at
    address level 4, and the address level of a street one slip off (MAPEL / MAPLE) or
    written with its ordinal as a number (1 AVE / 1ST AVE: street level 1) is 3 whatever
    the units (compare._address_level: "house 2 and street 1 -> 3"), while the namesake's
    row, another unit one slip off, grades 0. So ISADORA WETHERBY asked at 100 MAPEL AVE
    APT 3C, where one ISADORA WETHERBY lives at 100 MAPLE AVE (no unit on record) and
    another in its APT 2B, disclosed the first at p 0.998 (U1), which written correctly
    (U3) is M_AMBIGUOUS; so did 100 1 AVE APT 3C beside 100 1ST AVE and its APT 2B (U2;
    100 1ST AVE APT 3C and 100 FIRST AVE APT 3C are M_AMBIGUOUS). A slip in the street
    makes the request less certain, not more."""
    home, key = home_with(tmp_path, [
        ("830100017", "SSN", "Isadora", "", "Wetherby", "", "1977-07-17", ""),
        ("830100018", "SSN", "Isadora", "", "Wetherby", "", "", ""),
        ("830100019", "SSN", "Jasper", "", "Thistlewood", "", "", ""),
        ("830100020", "SSN", "Jasper", "", "Thistlewood", "", "", ""),
    ], [
        ("830100017", "100 Maple Ave", "", *_CHI, *_ROW),
        ("830100018", "100 Maple Ave", "Apt 2B", *_CHI, *_ROW),
        ("830100019", "100 1st Ave", "", *_CHI, *_ROW),
        ("830100020", "100 1st Ave", "Apt 2B", *_CHI, *_ROW),
    ])
    isa = dict(first_name="ISADORA", last_name="WETHERBY")
    jas = dict(first_name="JASPER", last_name="THISTLEWOOD")
    _decide(home, key, tmp_path, _CHICAGO, {
        "U1": (dict(isa, street="100 MAPEL AVE", unit="APT 3C"), SAFE, "", ()),
        "U2": (dict(jas, street="100 1 AVE", unit="APT 3C"), SAFE, "", ()),
        # controls: the street as written on record (M_AMBIGUOUS today); the slip with the
        # namesake's own unit, and without a unit (M_AMBIGUOUS: both grade 3)
        "U3": (dict(isa, street="100 MAPLE AVE", unit="APT 3C"), SAFE, "", ()),
        "U4": (dict(jas, street="100 FIRST AVE", unit="APT 3C"), SAFE, "", ()),
        "U5": (dict(isa, street="100 MAPEL AVE", unit="APT 2B"), SAFE, "", ()),
        "U6": (dict(isa, street="100 MAPEL AVE"), SAFE, "", ()),
        # the exact date of birth settles it, as without the slip (the namesake's record
        # holds none)
        "U7": (dict(isa, street="100 MAPEL AVE", unit="APT 3C", date_of_birth="1977-07-17"),
               YES, "830100017", ()),
        "U8": (dict(isa, street="100 MAPLE AVE", unit="APT 3C", date_of_birth="1977-07-17"),
               YES, "830100017", ()),
    }, 282001)


def test_rows_of_one_date_and_source_tie_whatever_their_tax_years(tmp_path: Path) -> None:
    """master-format.md: the last known address is "the row with the latest
    effective_date; on a tie, FORM_8822 before RETURN before NCOA". Two rows of one date
    and one source at two addresses are a tie the extract does not settle, and the match
    goes to a person (session 14, audit 15's F1: `lka.tied`). store.master._derive also
    orders such rows by tax year, latest first and a missing one last, and counts a tie
    only among rows of the same tax year. So:
    - two returns processed one day, one with tax year 2024 (10 OAK ST) and one without
      (20 PINE ST): the one with the year was disclosed as the last known address (Y1),
      though nothing says the return without one was not filed later (it is the most
      recently filed return that counts, and its year is unknown);
    - two NCOA rows processed one day, one with a tax year filled in (NCOA rows have none
      to give; tax_year is "for RETURN"): the row with the stray year was disclosed (Y2),
      where the same two rows without it go to review (test_last_known_address_dates L3).
    Controls: two returns of one date and two tax years go by the later year (Y3, session
    14); a FORM_8822 and a RETURN of one date, the 8822 (Y4); an 8822 written first in the
    file and dated after the NCOA row written last, the 8822 (Y5)."""
    home, key = home_with(tmp_path, [
        ("831100001", "SSN", "Ignatia", "", "Brackenbury", "", "", ""),
        ("831100005", "SSN", "Nathaniel", "", "Fairweather", "", "", ""),
        ("831100004", "SSN", "Millicent", "", "Eversleigh", "", "", ""),
        ("831100003", "SSN", "Leopold", "", "Draycott", "", "", ""),
        ("831100002", "SSN", "Jethro", "", "Cumberbatch", "", "", ""),
    ], [
        ("831100001", "5 Elm St", "", *_DEN, "RETURN", "2022", "2023-04-01"),
        ("831100001", "10 Oak St", "", *_DEN, "RETURN", "2024", "2025-04-15"),
        ("831100001", "20 Pine St", "", *_DEN, "RETURN", "", "2025-04-15"),
        ("831100005", "8 Elm St", "", *_DEN, "RETURN", "2022", "2024-04-01"),
        ("831100005", "90 Ash St", "", *_DEN, "NCOA", "2024", "2025-05-01"),
        ("831100005", "91 Ash St", "", *_DEN, "NCOA", "", "2025-05-01"),
        ("831100004", "7 Elm St", "", *_DEN, "RETURN", "2022", "2024-04-01"),
        ("831100004", "70 Ash St", "", *_DEN, "RETURN", "2023", "2025-05-01"),
        ("831100004", "80 Ash St", "", *_DEN, "RETURN", "2024", "2025-05-01"),
        ("831100003", "6 Elm St", "", *_DEN, "RETURN", "2023", "2024-04-01"),
        ("831100003", "50 Ash St", "", *_DEN, "RETURN", "2025", "2025-05-01"),
        ("831100003", "60 Ash St", "", *_DEN, "FORM_8822", "", "2025-05-01"),
        ("831100002", "30 Ash St", "", *_DEN, "FORM_8822", "", "2025-06-01"),
        ("831100002", "5 Elm St", "Apt 9", *_DEN, "RETURN", "2023", "2024-04-01"),
        ("831100002", "40 Ash St", "", *_DEN, "NCOA", "", "2025-03-01"),
    ])
    _decide(home, key, tmp_path, _DENVER, {
        "Y1": (dict(first_name="IGNATIA", last_name="BRACKENBURY", street="5 ELM ST"),
               ("REVIEW",), "", ()),
        "Y2": (dict(first_name="NATHANIEL", last_name="FAIRWEATHER", street="8 ELM ST"),
               ("REVIEW",), "", ()),
        "Y3": (dict(first_name="MILLICENT", last_name="EVERSLEIGH", street="7 ELM ST"),
               YES, "831100004", ("80 Ash St", "RETURN", "2025-05-01")),
        "Y4": (dict(first_name="LEOPOLD", last_name="DRAYCOTT", street="6 ELM ST"),
               YES, "831100003", ("60 Ash St", "FORM_8822", "2025-05-01")),
        "Y5": (dict(first_name="JETHRO", last_name="CUMBERBATCH", street="5 ELM ST",
                    unit="APT 9"), YES, "831100002", ("30 Ash St", "FORM_8822", "2025-06-01")),
    }, 283001)

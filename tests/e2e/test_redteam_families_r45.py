"""Red team r45: wrongful automatic disclosures in English-language families (fathers and
sons of one name, mothers and daughters, twins, siblings) and with conflicting dates of
birth, on small hand-made masters.

Every person, TIN and address here is invented. Each case is decided through the real CLI
(`tests/e2e/handmade.py`), one request a batch, each in a copy of the home of its own."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import Cases, decide_each, home_with

CHI = ("CHICAGO", "IL", "60629")
SAFE = "REVIEW|NOT_DISCLOSED"


def _tp(tin: str, first: str, last: str, *, middle: str = "", suffix: str = "",
        dob: str = "") -> tuple[str, ...]:
    return (tin, "SSN", first, middle, last, suffix, dob, "")


def _ad(tin: str, street: str) -> tuple[str, ...]:
    return (tin, street, "", *CHI, "RETURN", "2025", "2026-02-26")


TAXPAYERS = [
    # S1: two brothers, each born on the other's date read with day and month swapped
    _tp("712450001", "DAVID", "JACKSON", dob="1985-03-04"),
    _tp("712450002", "DANIEL", "JACKSON", dob="1985-04-03"),
    # S2: a mother and her daughter of one name, the daughter born on the mother's day and
    # month read swapped in another year: no relative is born on a swap of another's date
    _tp("712450003", "MARY", "TAYLOR", dob="1958-10-11"),
    _tp("712450004", "MARY", "TAYLOR", dob="1990-11-10"),
    # G1: a father and his son of one name, neither filing with a suffix, both dated
    _tp("712450005", "JAMES", "MILLER", dob="1950-05-05"),
    _tp("712450006", "JAMES", "MILLER", dob="1980-06-06"),
    # G2: a father and son filing as SR and JR
    _tp("712450007", "ROBERT", "BROWN", suffix="SR", dob="1955-03-03"),
    _tp("712450008", "ROBERT", "BROWN", suffix="JR", dob="1982-03-03"),
    # N1: brothers whose given names are one letter apart; a father and son likewise
    _tp("712450009", "JON", "PARKER", dob="1990-01-01"),
    _tp("712450010", "JOHN", "PARKER", dob="1992-05-05"),
    _tp("712450011", "MARK", "COOK", dob="1960-04-04"),
    _tp("712450012", "MARC", "COOK", dob="1988-07-07"),
    # N2: a son with two given names who goes by the first, beside his father of that name
    _tp("712450013", "VICTOR MIGUEL", "FLORES FLORES", dob="1992-10-28"),
    _tp("712450014", "VICTOR", "FLORES FLORES", dob="1977-03-05"),
]
ADDRESSES = [
    _ad("712450001", "26 MAPLE ST"), _ad("712450002", "26 MAPLE ST"),
    _ad("712450003", "20 MAPLE ST"), _ad("712450004", "20 MAPLE ST"),
    _ad("712450005", "10 MAPLE ST"), _ad("712450006", "10 MAPLE ST"),
    _ad("712450007", "12 MAPLE ST"), _ad("712450008", "12 MAPLE ST"),
    _ad("712450009", "80 ELM ST"), _ad("712450010", "80 ELM ST"),
    _ad("712450011", "84 ELM ST"), _ad("712450012", "84 ELM ST"),
    _ad("712450013", "88 ELM ST"), _ad("712450014", "88 ELM ST"),
]
BASE = {"city": "CHICAGO", "state": "IL", "zip": "60629"}


def _decide(tmp: Path, cases: Cases, serial: int) -> None:
    home, key = home_with(tmp, TAXPAYERS, ADDRESSES)
    decide_each(home, key, tmp, BASE, cases, serial, alone=True)


def test_a_swapped_date_that_is_a_housemates_own_is_not_disclosed(tmp_path: Path) -> None:
    """S1. DAVID JACKSON born 1985-04-03 asked where DAVID (1985-03-04) lives with his
    brother DANIEL (1985-04-03): DAVID was disclosed. The policy forgives a date with day
    and month swapped (date level 2) as "the commonest date slip ... and no other person's
    date"; here it IS another person's, exactly, at the address. The name says DAVID, the
    date DANIEL, and nothing says which field is wrong: "more than one taxpayer plausibly
    matches" (decisions.md, M_AMBIGUOUS) or a person decides (M_REVIEW), never an automatic
    disclosure. The same for DANIEL with DAVID's date, and for DAVE (a short form). Asked
    with each one's own date, or without one, each is still disclosed."""
    _decide(tmp_path, {
        "S1a": (dict(first_name="DAVID", last_name="JACKSON", street="26 MAPLE ST",
                     date_of_birth="1985-04-03"), SAFE, ""),
        "S1b": (dict(first_name="DANIEL", last_name="JACKSON", street="26 MAPLE ST",
                     date_of_birth="1985-03-04"), SAFE, ""),
        "S1c": (dict(first_name="DAVE", last_name="JACKSON", street="26 MAPLE ST",
                     date_of_birth="1985-04-03"), SAFE, ""),
        "S1d": (dict(first_name="DAVID", middle_name="L", last_name="JACKSON",
                     street="26 MAPLE ST", date_of_birth="1985-04-03"), SAFE, ""),
        # controls: the own date, or none
        "S1e": (dict(first_name="DAVID", last_name="JACKSON", street="26 MAPLE ST",
                     date_of_birth="1985-03-04"), "DISCLOSE", "712450001"),
        "S1f": (dict(first_name="DANIEL", last_name="JACKSON", street="26 MAPLE ST"),
                "DISCLOSE", "712450002"),
    }, 450100)


def test_a_swapped_date_no_one_else_bears_is_still_disclosed(tmp_path: Path) -> None:
    """S2. The rule reads the request's exact date on a relative's record, not a relative's
    date read swapped: MARY TAYLOR born 1990-10-11 (the daughter's date with day and month
    swapped) is the daughter, whose swap no one at the address bears exactly; the mother's
    date differs in the year. (A due request the new rule must not hold back.)"""
    _decide(tmp_path, {
        "S2a": (dict(first_name="MARY", last_name="TAYLOR", street="20 MAPLE ST",
                     date_of_birth="1990-10-11"), "DISCLOSE", "712450004"),
    }, 450200)


def test_a_generation_the_dates_on_record_give_to_the_other_one(tmp_path: Path) -> None:
    """G1. JAMES MILLER JR born 1950-05-05 (the father's date) asked where the father, born
    1950-05-05, lives with his son born 1980-06-06, neither filing with a suffix: the
    father was disclosed on his date; JAMES MILLER SR with the son's date disclosed the son.
    Of two namesakes a generation apart a JR is the younger, a SR the elder: the suffix says
    one, the date the other, the conflicting date of birth of a JR/SR household (a request
    for the son bearing his father's date took the father's address). decisions.md: "more
    than one taxpayer plausibly matches" (M_AMBIGUOUS), as where a record names the
    request's generation (`policy._other_generation`). The same for II and 3RD written in
    the surname field. Where suffix and date agree, or the TIN settles it, each is still
    disclosed."""
    mill = dict(first_name="JAMES", last_name="MILLER", street="10 MAPLE ST")
    _decide(tmp_path, {
        "G1a": (dict(mill, name_suffix="JR", date_of_birth="1950-05-05"), SAFE, ""),
        "G1b": (dict(mill, name_suffix="SR", date_of_birth="1980-06-06"), SAFE, ""),
        "G1c": (dict(mill, last_name="MILLER II", date_of_birth="1950-05-05"), SAFE, ""),
        "G1d": (dict(mill, name_suffix="Sr.", date_of_birth="1980-06-06"), SAFE, ""),
        # controls
        "G1e": (dict(mill, name_suffix="JR", date_of_birth="1980-06-06"),
                "DISCLOSE", "712450006"),
        "G1f": (dict(mill, name_suffix="SR", date_of_birth="1950-05-05"),
                "DISCLOSE", "712450005"),
        "G1g": (dict(mill, name_suffix="JR", date_of_birth="1950-05-05", tin="712450005"),
                "DISCLOSE", "712450005"),
        "G1h": (dict(mill, date_of_birth="1950-05-05"), "DISCLOSE", "712450005"),
    }, 450300)


def test_junior_written_as_the_middle_name(tmp_path: Path) -> None:
    """G2. JUNIOR (SENIOR) alone in the middle-name field is read as a name (JUNIOR is a
    given name too), so the request named no generation: ROBERT JUNIOR BROWN with ROBERT
    BROWN SR's date disclosed the SR, where ROBERT BROWN JR lives (with JR in the suffix
    field it is M_CONFLICT), and JAMES JUNIOR MILLER with the father's date disclosed the
    father beside the son (G1's household). Read as the generation it most likely is, to
    find a rival only, both are M_AMBIGUOUS. With the JR's own date, the JR is disclosed."""
    brown = dict(first_name="ROBERT", middle_name="JUNIOR", last_name="BROWN",
                 street="12 MAPLE ST")
    _decide(tmp_path, {
        "G2a": (dict(brown, date_of_birth="1955-03-03"), SAFE, ""),
        "G2b": (dict(first_name="JAMES", middle_name="JUNIOR", last_name="MILLER",
                     street="10 MAPLE ST", date_of_birth="1950-05-05"), SAFE, ""),
        "G2c": (dict(brown, middle_name="SENIOR", date_of_birth="1982-03-03"), SAFE, ""),
        # control
        "G2d": (dict(brown, date_of_birth="1982-03-03"), "DISCLOSE", "712450008"),
    }, 450400)


def test_the_exact_name_dated_otherwise_beside_a_near_name_with_the_date(tmp_path: Path
                                                                         ) -> None:
    """N1. JON PARKER born 1992-05-05 asked where JON PARKER (1990-01-01) lives with his
    brother JOHN PARKER (1992-05-05): JON's record is contradicted by the date, so JOHN,
    whose name is one letter from the request's and whose date is its own, was disclosed;
    MARK COOK with his son MARC's date disclosed MARC. The name says one person, the date
    the other (the conflicting date of birth of a family: a request for JON bearing his
    brother's date): "more than one taxpayer plausibly matches" (decisions.md,
    M_AMBIGUOUS), never the brother's record. Each asked by his own name and date is
    still disclosed."""
    _decide(tmp_path, {
        "N1a": (dict(first_name="JON", last_name="PARKER", street="80 ELM ST",
                     date_of_birth="1992-05-05"), SAFE, ""),
        "N1b": (dict(first_name="JOHN", last_name="PARKER", street="80 ELM ST",
                     date_of_birth="1990-01-01"), SAFE, ""),
        "N1c": (dict(first_name="MARK", last_name="COOK", street="84 ELM ST",
                     date_of_birth="1988-07-07"), SAFE, ""),
        # controls
        "N1d": (dict(first_name="JOHN", last_name="PARKER", street="80 ELM ST",
                     date_of_birth="1992-05-05"), "DISCLOSE", "712450010"),
        "N1e": (dict(first_name="MARC", last_name="COOK", street="84 ELM ST",
                     date_of_birth="1988-07-07"), "DISCLOSE", "712450012"),
        # N2 (session 38): VICTOR is the son's own first given name, not another spelling:
        # the name fits both, the date names the son (was M_AMBIGUOUS as the rule was
        # first written: 10 due requests of audit 22's seed 1 of this shape)
        "N2a": (dict(first_name="VICTOR", last_name="FLORES FLORES", street="88 ELM ST",
                     date_of_birth="1992-10-28"), "DISCLOSE", "712450013"),
        "N2b": (dict(first_name="VICTOR", last_name="FLORES FLORES", street="88 ELM ST",
                     date_of_birth="1977-03-05"), "DISCLOSE", "712450014"),
    }, 450500)

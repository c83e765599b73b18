"""Red team r2 (session 27): wrongful disclosures in the rules of sessions 24-26 that read
a household: the swapped housemate (policy._swapped_housemate), the request read swapped
(policy._read_swapped) and the rules it leaves unread, and a TIN that points at one member
of a household while the rest of the request points at another.

Every person, TIN and address here is invented. Each case is decided through the real CLI
(`tests/e2e/handmade.py`), one request a batch."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import Cases, decide_each, home_with

CHI = ("CHICAGO", "IL", "60629")
DEN = ("DENVER", "CO", "80202")


def _tp(tin: str, first: str, last: str, *, middle: str = "", suffix: str = "",
        dob: str = "") -> tuple[str, ...]:
    return (tin, "SSN", first, middle, last, suffix, dob, "")


def _ad(tin: str, street: str, place: tuple[str, str, str] = CHI, unit: str = ""
        ) -> tuple[str, ...]:
    return (tin, street, unit, *place, "RETURN", "2025", "2026-02-26")


TAXPAYERS = [
    # F1: a housemate bearing the request's name the other way round, the two names one
    # slip apart (YANG / YAN, JUNG / JUN), so the straight surnames relate at level 2
    _tp("615200001", "YAN", "YANG"), _tp("615200002", "YANG", "YAN"),
    _tp("615200003", "JUN", "JUNG"), _tp("615200004", "JUNG", "JUN"),
    # F2: a father with his date of birth and his undated son JR, at one address
    _tp("615200005", "OSVALDO", "QUINTANILLA", dob="1960-03-03"),
    _tp("615200006", "OSVALDO", "QUINTANILLA", suffix="JR"),
    # F3: one namesake without a unit on record, one in APT 2B of the same building
    _tp("615200007", "EUSEBIO", "ZAMBRANO"), _tp("615200008", "EUSEBIO", "ZAMBRANO"),
    # F4: WEI CHEN at the requested address; CHEN WEI (given name CHEN, surname WEI, the
    # request as written) in Denver
    _tp("615200009", "WEI", "CHEN"), _tp("615200010", "CHEN", "WEI"),
    _tp("615200011", "ANDRES", "BUSTAMANTE"), _tp("615200012", "BUSTAMANTE", "ANDRES"),
    # F5: a father with no date of birth on record and his son with one, one name
    _tp("615200013", "RAFAEL", "OROZCO"), _tp("615200014", "RAFAEL", "OROZCO", dob="1991-07-07"),
    # F6: a father without a suffix on record and his son JR
    _tp("615200015", "ERNESTO", "VALDIVIA", dob="1958-04-04"),
    _tp("615200016", "ERNESTO", "VALDIVIA", suffix="JR"),
]
ADDRESSES = [
    _ad("615200001", "10 OAK ST"), _ad("615200002", "10 OAK ST"),
    _ad("615200003", "12 OAK ST"), _ad("615200004", "12 OAK ST"),
    _ad("615200005", "20 ELM ST"), _ad("615200006", "20 ELM ST"),
    _ad("615200007", "2470 N KEDZIE AVE"), _ad("615200008", "2470 N KEDZIE AVE", unit="APT 2B"),
    _ad("615200009", "30 OAK ST"), _ad("615200010", "77 PINE ST", DEN),
    _ad("615200011", "32 OAK ST"), _ad("615200012", "79 PINE ST", DEN),
    _ad("615200013", "40 ELM ST"), _ad("615200014", "40 ELM ST"),
    _ad("615200015", "50 ELM ST"), _ad("615200016", "50 ELM ST"),
]

BASE = {"city": "CHICAGO", "state": "IL", "zip": "60629"}


def _decide(tmp: Path, cases: Cases, serial: int) -> None:
    home, key = home_with(tmp, TAXPAYERS, ADDRESSES)
    decide_each(home, key, tmp, BASE, cases, serial)


def test_swapped_housemate_whose_names_are_one_slip_apart(tmp_path: Path) -> None:
    """F1. YAN YANG asked, no date of birth, where YAN YANG and YANG YAN live: YAN YANG was
    disclosed at p 0.99997, where LI CHEN asked beside CHEN LI is M_AMBIGUOUS (session 24,
    audit 21). `_swapped_housemate` (and vector._SWAPPED_BRANCH) read only a resident whose
    given name AND surname relate below level 2 to the request's; YAN (the housemate's
    surname) is one slip from YANG (the request's), level 2, so the housemate who bears
    the request's name the other way round was never read. Either may be the person, as
    for LI CHEN. The same for JUN JUNG beside JUNG JUN, and for each asked the other way."""
    _decide(tmp_path, {
        "F1a": (dict(first_name="YAN", last_name="YANG", street="10 OAK ST"),
                "NOT_DISCLOSED", ""),
        "F1b": (dict(first_name="YANG", last_name="YAN", street="10 OAK ST"),
                "NOT_DISCLOSED", ""),
        "F1c": (dict(first_name="JUN", last_name="JUNG", street="12 OAK ST"),
                "NOT_DISCLOSED", ""),
        # with the date of birth of neither (their records hold none), the same
        "F1d": (dict(first_name="JUN", last_name="JUNG", street="12 OAK ST",
                     date_of_birth="1990-01-01"), "NOT_DISCLOSED|REVIEW", ""),
    }, 271001)


def test_swapped_request_naming_the_son_with_the_fathers_date(tmp_path: Path) -> None:
    """F2. QUINTANILLA / OSVALDO JR born 1960-03-03 (given name and surname swapped), where
    OSVALDO QUINTANILLA born 1960-03-03 lives with OSVALDO QUINTANILLA JR, whose record
    holds no date: the father was disclosed. Written straight, the same request is
    M_AMBIGUOUS (policy._other_generation, session 16: the suffix says the son, the date
    the father, nothing says which field is wrong). Read swapped, the policy looked for the
    other generation among the candidates' straight levels (surname 0), so never saw him."""
    _decide(tmp_path, {
        "F2s": (dict(first_name="OSVALDO", last_name="QUINTANILLA", name_suffix="JR",
                     date_of_birth="1960-03-03", street="20 ELM ST"), "NOT_DISCLOSED", ""),
        "F2w": (dict(first_name="QUINTANILLA", last_name="OSVALDO", name_suffix="JR",
                     date_of_birth="1960-03-03", street="20 ELM ST"), "NOT_DISCLOSED", ""),
    }, 271101)


def test_swapped_request_for_a_unit_beside_a_namesake_in_another(tmp_path: Path) -> None:
    """F3. ZAMBRANO / EUSEBIO at 2470 N KEDZIE AVE APT 3C, no date of birth: EUSEBIO
    ZAMBRANO without a unit on record was disclosed (an evident swap, p 0.99996, one
    candidate), though another EUSEBIO ZAMBRANO lives in APT 2B. Written straight it is
    M_AMBIGUOUS (policy._namesake_in_another_unit, audit 15 F2: nothing places the
    requested unit with either). Read swapped, no blocking key fetches the namesake in the
    other unit (key 1 skips other units, key 3 joins on the request's surname field,
    EUSEBIO), so the rule cannot see him: a person must decide."""
    _decide(tmp_path, {
        "F3s": (dict(first_name="EUSEBIO", last_name="ZAMBRANO", street="2470 N KEDZIE AVE",
                     unit="APT 3C"), "NOT_DISCLOSED", ""),
        "F3w": (dict(first_name="ZAMBRANO", last_name="EUSEBIO", street="2470 N KEDZIE AVE",
                     unit="APT 3C"), "NOT_DISCLOSED|REVIEW", ""),
    }, 271201)


def test_swapped_reading_where_the_name_as_written_is_a_taxpayer_elsewhere(tmp_path: Path
                                                                           ) -> None:
    """F4. CHEN / WEI (given name CHEN, surname WEI), no date of birth, at the address of
    WEI CHEN: WEI CHEN was disclosed as an evident swap (CHEN is on no given-name list),
    though a taxpayer named CHEN WEI exactly as the request writes him lives in Denver.
    The request names that man; the address is not his (M_NAME_ONLY), and the swap is one
    reading of it. Straight, a resident who only resembles the name while the exact name
    is another's elsewhere goes to a person (policy._closer_name_elsewhere); the swapped
    reading is such a resemblance. So is BUSTAMANTE / ANDRES beside a taxpayer whose record
    is written BUSTAMANTE / ANDRES (a record keyed swapped in the master is another
    person's, whatever his name's true order)."""
    _decide(tmp_path, {
        "F4a": (dict(first_name="CHEN", last_name="WEI", street="30 OAK ST"),
                "NOT_DISCLOSED|REVIEW", ""),
        "F4b": (dict(first_name="BUSTAMANTE", last_name="ANDRES", street="32 OAK ST"),
                "NOT_DISCLOSED|REVIEW", ""),
        # the resident asked as he is recorded: unchanged
        "F4c": (dict(first_name="WEI", last_name="CHEN", street="30 OAK ST"),
                "DISCLOSE", "615200009"),
    }, 271301)


def test_tin_of_one_household_member_and_date_of_birth_of_another(tmp_path: Path) -> None:
    """F5. RAFAEL OROZCO with the TIN of the RAFAEL OROZCO whose record holds no date of
    birth and the exact date of birth of the other RAFAEL OROZCO at the same address (the
    son, 1991-07-07): the TIN's holder was disclosed at p 1.0. The TIN says one man, the
    date the other, and the name both; nothing says which field is wrong, as with the
    twin's TIN of audit 22 F8 (policy._named_but_not_by_the_tin: M_CONFLICT). Had the
    father's record held any other date, the request would be M_CONFLICT already."""
    _decide(tmp_path, {
        "F5": (dict(first_name="RAFAEL", last_name="OROZCO", street="40 ELM ST",
                    tin="615200013", date_of_birth="1991-07-07"), "NOT_DISCLOSED", ""),
        # the TIN alone, or with no date at all: the TIN's holder, as before
        "F5t": (dict(first_name="RAFAEL", last_name="OROZCO", street="40 ELM ST",
                     tin="615200013"), "DISCLOSE", "615200013"),
    }, 271401)


def test_tin_of_the_father_with_the_sons_generation(tmp_path: Path) -> None:
    """F6. ERNESTO VALDIVIA JR with the TIN of ERNESTO VALDIVIA (no suffix on his record),
    where ERNESTO VALDIVIA JR lives too: the father was disclosed at p 1.0. The request's
    generation names the son's record exactly, the TIN the father's: as with F5 and audit
    22 F8, the request points at two people of one household and nothing says which field
    is wrong. (The table in docs/matching.md lets the TIN settle a JR that the record
    lacks, where nobody else at the address bears it; here somebody does.)"""
    _decide(tmp_path, {
        "F6": (dict(first_name="ERNESTO", last_name="VALDIVIA", name_suffix="JR",
                    street="50 ELM ST", tin="615200015"), "NOT_DISCLOSED", ""),
        # the father's TIN without the suffix: the father, as before
        "F6t": (dict(first_name="ERNESTO", last_name="VALDIVIA", street="50 ELM ST",
                     tin="615200015"), "DISCLOSE", "615200015"),
    }, 271501)

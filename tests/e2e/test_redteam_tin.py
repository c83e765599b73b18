"""Red team r23: the TIN given in a request. In 2025 the agency's automated check matched
on name or TIN alone; here a TIN that is the holder's while the rest of the request names
someone else, or a TIN read one way by the rules and another by matching.

Every person, TIN and address here is invented. Each case is decided through the real CLI
(`tests/e2e/handmade.py`), one request a batch."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import Cases, decide, home_with

CHI = ("CHICAGO", "IL", "60629")
DEN = ("DENVER", "CO", "80202")
SAFE = "REVIEW|NOT_DISCLOSED"
_TWINS_DOB = "1990-07-07"


def _tp(tin: str, first: str, last: str, *, middle: str = "", suffix: str = "",
        dob: str = "") -> tuple[str, ...]:
    return (tin, "SSN", first, middle, last, suffix, dob, "")


def _ad(tin: str, street: str, place: tuple[str, str, str] = CHI) -> tuple[str, ...]:
    return (tin, street, "", *place, "RETURN", "2025", "2026-02-26")


TAXPAYERS = [
    # T1: a couple at one address, and a namesake of the husband in Denver
    _tp("623100001", "JOSE", "GARCIA", dob="1970-01-01"),
    _tp("623100002", "MARIA", "GARCIA", dob="1972-02-02"),
    _tp("623100003", "JOSE", "GARCIA", dob="1965-05-05"),
    # T2: each alone at an address, holding a name another person of the household may
    # bear in a form of their own
    _tp("623100011", "MANUELA", "LOPEZ", dob="1980-01-11"),
    _tp("623100012", "JOSUE", "RAMOS", dob="1981-01-12"),
    _tp("623100013", "JOHN", "PEMBERLEY", dob="1960-01-13"),
    _tp("623100014", "CARL", "NELSON", dob="1986-01-14"),
    _tp("623100015", "MARIA", "CASTRO", middle="ADRIANA", dob="1983-01-15"),
    _tp("623100016", "CHARLES", "BAKER", dob="1989-01-16"),
    _tp("623100017", "MANUELA", "SERRANO", dob="1980-01-17"),
    _tp("623100018", "JOSUE", "PINEDA", dob="1981-01-18"),
    # T3: twins at one address, one date of birth, the second given names told apart
    _tp("623100021", "JUAN PABLO", "ORTIZ", dob=_TWINS_DOB),
    _tp("623100022", "JUAN CARLOS", "ORTIZ", dob=_TWINS_DOB),
    _tp("623100023", "LUIS", "MENDEZ", middle="ALBERTO", dob=_TWINS_DOB),
    _tp("623100024", "LUIS", "MENDEZ", middle="FERNANDO", dob=_TWINS_DOB),
]
ADDRESSES = [
    _ad("623100001", "10 OAK ST"), _ad("623100002", "10 OAK ST"),
    _ad("623100003", "77 PINE ST", DEN),
    _ad("623100011", "11 OAK ST"), _ad("623100012", "12 OAK ST"),
    _ad("623100013", "13 OAK ST"), _ad("623100014", "14 OAK ST"),
    _ad("623100015", "15 OAK ST"), _ad("623100016", "16 OAK ST"),
    _ad("623100017", "17 OAK ST"), _ad("623100018", "18 OAK ST"),
    _ad("623100021", "30 ELM ST"), _ad("623100022", "30 ELM ST"),
    _ad("623100023", "32 ELM ST"), _ad("623100024", "32 ELM ST"),
]

BASE = {"city": "CHICAGO", "state": "IL", "zip": "60629"}


def _decide(tmp: Path, batches: list[Cases], serial: int) -> None:
    """Each dict of cases a batch (request id -> fields over BASE, the dispositions
    allowed joined by "|", the TIN disclosed), in one home: no two cases of a batch are
    one person (R_DUPLICATE), and no two cases name one taxpayer with different dates of
    birth (`handmade.decide_apart`'s `alone`)."""
    home, key = home_with(tmp, TAXPAYERS, ADDRESSES)
    for n, cases in enumerate(batches):
        got = decide(home, key, tmp, [dict(BASE, request_id=rid, **fields)
                                      for rid, (fields, _, _) in cases.items()],
                     f"ICE-2026-{serial + n:06d}")
        for rid, (_, want, tin) in cases.items():
            row = got[rid]
            assert row["disposition"] in want.split("|"), (
                rid, row["disposition"], row["reason_codes"], row["match_tin"])
            if want == "DISCLOSE":
                assert row["match_tin"] == tin, (rid, row["match_tin"])


def test_a_tin_with_unicode_dashes_is_read_by_matching_as_by_the_rules(tmp_path: Path
                                                                       ) -> None:
    """T1. JOSE GARCIA at 10 OAK ST with the TIN of JOSE GARCIA of Denver: M_CONFLICT (the
    TIN contradicts the namesake at the address). Written 623‐10‐0003 with U+2010 (or an
    en dash), as a word processor writes a hyphen: R_TIN read it as the valid TIN it is
    ("dashes allowed", any Unicode dash), but submit._tin dropped ASCII hyphens only, found
    no nine digits and matched the request as if it gave no TIN, and JOSE GARCIA of OAK
    ST was disclosed, where the TIN says the request is for the other one."""
    jose = dict(first_name="JOSE", last_name="GARCIA", street="10 OAK ST")
    _decide(tmp_path, [
        {"T1a": (dict(jose, tin="623\u201010\u20100003"), "NOT_DISCLOSED", "")},
        # his wife's TIN, with en dashes: the same
        {"T1b": (dict(jose, tin="623\u201310\u20130002"), "NOT_DISCLOSED", "")},
        # his own TIN, written so, still discloses him
        {"T1c": (dict(jose, tin="623\u201010\u20100001"), "DISCLOSE", "623100001")},
    ], 623001)


def test_the_tin_alone_does_not_make_another_persons_name_the_holders(tmp_path: Path
                                                                     ) -> None:
    """T2. The TIN of the one taxpayer at the address, with a given name that is another
    person's: MANUEL LOPEZ with MANUELA LOPEZ's TIN, JOSE RAMOS with JOSUE RAMOS's, MRS
    JOHN PEMBERLEY with JOHN's, CAROL NELSON with CARL's, MARIA JOSE CASTRO with MARIA
    ADRIANA CASTRO's, no date of birth: each TIN's holder was disclosed (compare.assess let
    the TIN settle the other sex's form, two names of their own, a title of the other sex,
    a conflicting middle name; and, the names read swapped, PEMBERLEY / MRS JOHN with
    JOHN's TIN). The TIN alone may be a household member's (a spouse's from
    a joint return, a sibling's); with the person named in the master too the same request
    is M_CONFLICT (policy._named_but_not_by_the_tin), and whether he files does not say
    which field is wrong. The name and address of one taxpayer are needed: a person
    decides. With the exact date of birth beside the TIN the holder is disclosed, as
    before (audit 14: only the TIN tells twins apart), and a nickname with the TIN alone
    is still the person, as the holder's own name is."""
    _decide(tmp_path, [{
        "T2a": (dict(first_name="MANUEL", last_name="LOPEZ", street="11 OAK ST",
                     tin="623100011"), SAFE, ""),
        "T2b": (dict(first_name="JOSE", last_name="RAMOS", street="12 OAK ST",
                     tin="623100012"), SAFE, ""),
        "T2c": (dict(first_name="MRS JOHN", last_name="PEMBERLEY", street="13 OAK ST",
                     tin="623100013"), SAFE, ""),
        "T2d": (dict(first_name="CAROL", last_name="NELSON", street="14 OAK ST",
                     tin="623100014"), SAFE, ""),
        "T2e": (dict(first_name="MARIA", middle_name="JOSE", last_name="CASTRO",
                     street="15 OAK ST", tin="623100015"), SAFE, ""),
        # the TIN and the exact date of birth together: the holder
        "T2f": (dict(first_name="MANUEL", last_name="SERRANO", street="17 OAK ST",
                     tin="623100017", date_of_birth="1980-01-17"), "DISCLOSE", "623100017"),
        "T2g": (dict(first_name="JOSE", last_name="PINEDA", street="18 OAK ST",
                     tin="623100018", date_of_birth="1981-01-18"), "DISCLOSE", "623100018"),
        # a nickname, a translation and the holder's own name with the TIN alone
        "T2h": (dict(first_name="CHUCK", last_name="BAKER", street="16 OAK ST",
                     tin="623100016"), "DISCLOSE", "623100016"),
    }, {
        "T2i": (dict(first_name="CARLOS", last_name="BAKER", street="16 OAK ST",
                     tin="623100016"), "DISCLOSE", "623100016"),
        "T2j": (dict(first_name="CARL", last_name="NELSON", street="14 OAK ST",
                     tin="623100014"), "DISCLOSE", "623100014"),
        # the title of the other sex with the names read swapped (policy._read_swapped)
        "T2k": (dict(first_name="PEMBERLEY", last_name="MRS JOHN", street="13 OAK ST",
                     tin="623100013"), SAFE, ""),
    }], 623101)


def test_a_twins_tin_with_the_other_twins_second_given_name(tmp_path: Path) -> None:
    """T3. Twins at one address, one date of birth: JUAN PABLO and JUAN CARLOS ORTIZ; LUIS
    ALBERTO and LUIS FERNANDO MENDEZ. JUAN, middle name PABLO, ORTIZ asked with JUAN
    CARLOS's TIN (no date of birth), and LUIS ALBERTO MENDEZ with LUIS FERNANDO's TIN and
    their date of birth, disclosed the TIN's holder: the TIN settled the conflicting
    second given name, and policy._named_but_not_by_the_tin looked only at the first given
    name, the generation and the date of birth for a resident the rest of the request
    names better than the TIN's holder. The name says one twin, the TIN the other, and
    nothing says which field is wrong: M_CONFLICT, as it was already with both given
    names written in the first-name field (T3a). Each asked with his own TIN is
    disclosed."""
    _decide(tmp_path, [{
        "T3a": (dict(first_name="JUAN PABLO", last_name="ORTIZ", street="30 ELM ST",
                     tin="623100022", date_of_birth=_TWINS_DOB), "NOT_DISCLOSED", ""),
        "T3c": (dict(first_name="LUIS", middle_name="ALBERTO", last_name="MENDEZ",
                     street="32 ELM ST", tin="623100024", date_of_birth=_TWINS_DOB),
                "NOT_DISCLOSED", ""),
    }, {
        "T3b": (dict(first_name="JUAN", middle_name="PABLO", last_name="ORTIZ",
                     street="30 ELM ST", tin="623100022"), "NOT_DISCLOSED", ""),
    }, {
        "T3d": (dict(first_name="JUAN PABLO", last_name="ORTIZ", street="30 ELM ST",
                     tin="623100021", date_of_birth=_TWINS_DOB), "DISCLOSE", "623100021"),
        "T3e": (dict(first_name="LUIS", middle_name="FERNANDO", last_name="MENDEZ",
                     street="32 ELM ST", tin="623100024"), "DISCLOSE", "623100024"),
        # the TIN alone settles the twin the name fits either way
        "T3f": (dict(first_name="JUAN", last_name="ORTIZ", street="30 ELM ST",
                     tin="623100022"), "DISCLOSE", "623100022"),
    }], 623201)

"""The nickname, diminutive and cross-language tables and their lookup rules."""

from __future__ import annotations

import re

import pytest

from dgate.normalize.nicknames import (
    CROSS_LANGUAGE,
    ENGLISH_GROUPS,
    EXTRA_GIVEN_NAMES,
    SPANISH_GROUPS,
    canonical_form,
    canonical_names,
    cross_language_equivalent,
    diminutive_bases,
    is_known_given_name,
    same_canonical,
)

_FOLDED = re.compile(r"^[A-Z]+$")


def test_tables_are_large_enough() -> None:
    assert len(ENGLISH_GROUPS) >= 120
    assert len(SPANISH_GROUPS) >= 60
    assert len(CROSS_LANGUAGE) >= 60


def test_every_entry_is_folded_and_no_group_lists_itself() -> None:
    # An accent or a space in the data would never match a folded name.
    for groups in (ENGLISH_GROUPS, SPANISH_GROUPS):
        for canon, variants in groups.items():
            assert _FOLDED.match(canon), canon
            assert canon not in variants, canon
            assert len(set(variants)) == len(variants), canon
            for v in variants:
                assert _FOLDED.match(v), v
    for spanish, english in CROSS_LANGUAGE:
        assert _FOLDED.match(spanish) and _FOLDED.match(english)
        assert spanish != english
    assert all(_FOLDED.match(n) for n in EXTRA_GIVEN_NAMES)


@pytest.mark.parametrize(("nickname", "name"), [
    # English families
    ("BILL", "WILLIAM"), ("BILLY", "WILLIAM"), ("WILL", "WILLIAM"), ("LIAM", "WILLIAM"),
    ("BOB", "ROBERT"), ("BOBBY", "ROBERT"), ("ROB", "ROBERT"),
    ("LIZ", "ELIZABETH"), ("BETH", "ELIZABETH"), ("BETTY", "ELIZABETH"),
    ("PEGGY", "MARGARET"), ("MAGGIE", "MARGARET"),
    ("DICK", "RICHARD"), ("RICK", "RICHARD"), ("JIM", "JAMES"), ("JIMMY", "JAMES"),
    ("JOE", "JOSEPH"), ("JACK", "JOHN"), ("MIKE", "MICHAEL"), ("CHUCK", "CHARLES"),
    ("TED", "EDWARD"), ("TED", "THEODORE"), ("HANK", "HENRY"), ("SALLY", "SARAH"),
    ("KATHY", "KATHERINE"), ("PATSY", "PATRICIA"), ("LARRY", "LAWRENCE"),
    # Spanish families
    ("PEPE", "JOSE"), ("CHEPE", "JOSE"), ("PANCHO", "FRANCISCO"), ("PACO", "FRANCISCO"),
    ("LUPE", "GUADALUPE"), ("LUPITA", "GUADALUPE"), ("CHUY", "JESUS"), ("QUIQUE", "ENRIQUE"),
    ("ALEJO", "ALEJANDRO"), ("NACHO", "IGNACIO"), ("CUCO", "REFUGIO"), ("CHAYO", "ROSARIO"),
    ("CONCHA", "CONCEPCION"), ("CONCHITA", "CONCEPCION"), ("LOLA", "DOLORES"),
    ("MECHE", "MERCEDES"), ("MEMO", "GUILLERMO"), ("LALO", "EDUARDO"), ("JERRY", "GERARDO"),
    ("TONO", "ANTONIO"), ("MANOLO", "MANUEL"), ("RAFA", "RAFAEL"), ("NANDO", "FERNANDO"),
    ("CHAGO", "SANTIAGO"), ("ROSITA", "ROSA"), ("ANITA", "ANA"), ("CHENTE", "VICENTE"),
    ("CHAVA", "SALVADOR"), ("TERE", "TERESA"), ("CHABELA", "ISABEL"), ("CHELO", "CONSUELO"),
    ("GOYO", "GREGORIO"), ("POLO", "LEOPOLDO"), ("POLO", "HIPOLITO"), ("TENCHA", "HORTENSIA"),
    # Arabic names in two Latin spellings (session 17)
    ("AHMAD", "AHMED"), ("KHALED", "KHALID"), ("HUSSAIN", "HUSSEIN"), ("UMAR", "OMAR"),
    ("TAREK", "TARIQ"), ("NOOR", "NOUR"), ("FATMA", "FATIMA"),
])
def test_nickname_families(nickname: str, name: str) -> None:
    assert name in canonical_names(nickname)
    assert same_canonical(nickname, name)
    assert same_canonical(name, nickname)


@pytest.mark.parametrize(("nickname", "names"), [
    ("BETO", {"ROBERTO", "ALBERTO", "HUMBERTO"}),
    ("PAT", {"PATRICK", "PATRICIA"}),
    ("ALEX", {"ALEXANDER", "ALEXANDRA", "ALEJANDRO", "ALEJANDRA"}),
    ("CHONA", {"CONCEPCION", "ENCARNACION", "ASUNCION"}),
])
def test_ambiguous_nickname_stands_for_every_name(nickname: str, names: set[str]) -> None:
    assert canonical_names(nickname) >= names
    assert canonical_form(nickname) == nickname  # no arbitrary pick
    members = sorted(names)
    # The nickname relates to each, but the names do not relate to each other.
    assert not same_canonical(members[0], members[1])


def test_canonical_form() -> None:
    assert canonical_form("PEPE") == "JOSE"
    assert canonical_form("JOSE") == "JOSE"
    assert canonical_form("QWERTY") == "QWERTY"
    assert canonical_names("QWERTY") == frozenset({"QWERTY"})


@pytest.mark.parametrize(("spanish_side", "english_side"), [
    ("JOSE", "JOSEPH"), ("FRANCISCO", "FRANK"), ("GUILLERMO", "WILLIAM"), ("JUAN", "JOHN"),
    ("MARIA", "MARY"), ("PEPE", "JOE"), ("MEMO", "BILL"), ("MIGUEL", "MIKE"),
    ("ALEJANDRO", "ALEXANDER"), ("ENRIQUE", "HENRY"), ("PANCHO", "FRANCIS"),
])
def test_cross_language_is_separate_from_nicknames(spanish_side: str, english_side: str) -> None:
    assert cross_language_equivalent(spanish_side, english_side)
    assert cross_language_equivalent(english_side, spanish_side)
    assert not same_canonical(spanish_side, english_side)  # weaker relation, kept apart


def test_unrelated_names_have_no_relation() -> None:
    assert not same_canonical("JOSE", "JUAN")
    assert not cross_language_equivalent("JOSE", "JOHN")
    assert not cross_language_equivalent("MARIA", "MARIO")


@pytest.mark.parametrize(("token", "bases"), [
    ("LUISITO", ("LUIS",)),
    ("PEDRITO", ("PEDRO",)),
    ("MIGUELITO", ("MIGUEL",)),
    ("MARQUITOS", ("MARCOS",)),  # QU kept the C hard: MARCOS
    ("CARMENCITA", ("CARMEN",)),
    ("DIEGUITO", ("DIEGO",)),  # GU kept the G hard: DIEGO
    ("CHUCHITO", ("CHUCHO",)),
    ("MERCEDITAS", ("MERCEDES",)),
    ("BENITO", ()),  # a name in its own right, not BEN + ITO
    ("RITA", ()),  # stem too short to be a diminutive
    ("ZZZITO", ()),  # no known base
    ("JOSE", ()),
    ("JUANITO", ()),  # listed in the tables already: the rule is not needed
])
def test_diminutive_rule(token: str, bases: tuple[str, ...]) -> None:
    assert diminutive_bases(token) == bases


def test_diminutive_reaches_the_canonical_name() -> None:
    assert canonical_names("CHUCHITO") == frozenset({"JESUS"})
    assert same_canonical("JUANITO", "JUAN")
    assert not same_canonical("JUANITO", "JUANA")
    assert cross_language_equivalent("JUANITO", "JOHN")


@pytest.mark.parametrize(("variant", "name"), [
    # audit 20 (session 18): each was M_ADDRESS_ONLY at the person's own address
    ("SHELLY", "MICHELLE"), ("KEV", "KEVIN"), ("CATHIE", "CATHERINE"), ("RODRI", "RODRIGO"),
    ("GABY", "GABRIELA"), ("FREDDY", "ALFREDO"), ("TURI", "ARTURO"), ("MA", "MARIA"),
    ("SERGIY", "SERGEI"), ("IULIIA", "YULIA"), ("HALYNA", "GALINA"), ("OLENA", "ELENA"),
    ("DMYTRO", "DMITRI"), ("MAKSYM", "MAXIM")])
def test_one_name_in_another_form(variant: str, name: str) -> None:
    assert same_canonical(variant, name)


def test_slavic_spellings_stay_apart_from_other_names() -> None:
    assert not same_canonical("OLENA", "HELEN")     # a translation, not a spelling
    assert not same_canonical("YULIA", "JULIA")
    assert not same_canonical("SERGEI", "SERGIO")
    # GABI is GABRIEL's as much as GABRIELA's: her brother's name, not hers to disclose on
    assert not same_canonical("GABI", "GABRIELA")


def test_known_given_names() -> None:
    assert is_known_given_name("MARIO")
    assert is_known_given_name("BETO")
    assert is_known_given_name("JUANITO")  # through the diminutive rule
    assert not is_known_given_name("JHON")


@pytest.mark.parametrize(("a", "b"), [
    ("MUHAMMAD", "MOHAMMED"), ("MOHAMED", "MUHAMMAD"), ("MOHD", "MOHAMMAD"),
    ("YUSUF", "YOUSEF"), ("SAID", "SAEED")])
def test_one_arabic_name_in_its_latin_spellings(a: str, b: str) -> None:
    # audit 11, R2: MUHAMMAD ALI at MOHAMMED ALI's address was M_ADDRESS_ONLY
    assert same_canonical(a, b)
    assert not same_canonical(a, "AHMED") and not same_canonical("MD", "MUHAMMAD")


def test_russian_forms_of_english_names() -> None:
    assert cross_language_equivalent("ALEKSANDR", "ALEXANDER")
    assert cross_language_equivalent("MIKHAIL", "MICHAEL")
    assert not cross_language_equivalent("MIKHAIL", "MIGUEL")

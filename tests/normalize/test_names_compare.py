"""compare_names: one golden case (or more) per level of each part, and symmetry."""

from __future__ import annotations

from itertools import combinations, product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dgate.normalize.names import (
    NameComparison,
    article_spelling,
    compare_names,
    gendered_pair,
    normalize_name,
)


def _first(a: str, b: str, a_mid: str = "", b_mid: str = "") -> int:
    return compare_names(normalize_name(a, a_mid, "X"), normalize_name(b, b_mid, "X")).first


def _last(a: str, b: str) -> int:
    return compare_names(normalize_name("ANA", "", a), normalize_name("ANA", "", b)).last


def _middle(a_first: str, a_mid: str, b_first: str, b_mid: str) -> int:
    return compare_names(normalize_name(a_first, a_mid, "X"),
                         normalize_name(b_first, b_mid, "X")).middle


def _suffix(a: str, b: str) -> int:
    return compare_names(normalize_name("ANA", "", "X", a),
                         normalize_name("ANA", "", "X", b)).suffix


# --------------------------------------------------------------------------- first


@pytest.mark.parametrize(("a", "b", "a_mid", "b_mid", "level"), [
    # 5 exact given names (formatting differences fold away first)
    ("JOSE LUIS", "José-Luis", "", "", 5),
    ("MARIA", "maría", "", "", 5),
    # 4 nickname/diminutive, or one side's given names lead the other's
    ("PEPE", "JOSE", "", "", 4),
    ("LUPITA", "GUADALUPE", "", "", 4),
    ("BILL", "WILLIAM", "", "", 4),
    ("PEGGY", "MARGARET", "", "", 4),
    ("CHUY", "JESUS", "", "", 4),
    ("BETO", "ROBERTO", "", "", 4),
    ("BETO", "HUMBERTO", "", "", 4),
    ("MIGUELITO", "MIGUEL", "", "", 4),
    ("MARIA", "MARIA GUADALUPE", "", "", 4),
    ("JOSE", "JOSE LUIS", "", "", 4),
    ("PEPE LUIS", "JOSE LUIS", "", "", 4),
    ("JOSELUIS", "JOSE LUIS", "", "", 4),
    # 3 cross-language, or one side's first given name is the other's second
    # translations are variants (2), not equivalents: JOHN may be JUAN anglicized, or not
    ("JOSE", "JOSEPH", "", "", 2),
    ("PEPE", "JOE", "", "", 2),
    ("GUILLERMO", "BILL", "", "", 2),
    ("FRANK", "FRANCISCO", "", "", 2),
    ("GUADALUPE", "MARIA GUADALUPE", "", "", 3),
    ("LUPE", "MARIA GUADALUPE", "", "", 3),
    ("GUADALUPE", "MARIA", "", "GUADALUPE", 3),  # the second given name is in the middle field
    # ... behind a lone initial too (session 25, red team F4): J ROBERT goes by ROBERT
    ("ROBERT", "J", "", "ROBERT", 3),
    ("BOB", "J", "", "ROBERT", 3),
    ("ROBERT", "J ROBERT", "", "", 3),
    ("ROBERT", "J. ROBERT", "", "", 3),
    ("ROBERT", "J ROBERT", "", "LEE", 3),
    ("J ROBERT", "ROBERT", "", "J", 3),  # the other's middle initial changes nothing
    # 2 spelling variants; or the first given names agree and a later one differs
    ("JHON", "JOHN", "", "", 2),  # same phonetic key
    ("MIGEUL", "MIGUEL", "", "", 2),  # transposition
    ("ALEJNDRO", "ALEJANDRO", "", "", 2),  # a dropped letter
    ("FANK", "FRANK", "", "", 2),  # ... from a name of five letters
    ("LNDA", "LINDA", "", "", 2),
    ("RAMN", "RAMON", "", "", 2),
    ("NANC", "NANCY", "", "", 2),  # the last letter cut off, the rest no given name
    ("KARE", "KAREN", "", "", 2),
    ("MARIA ELENA", "MARIA GUADALUPE", "", "", 2),
    # ... or one slip from a nickname of the other (DEBBIE, PANCHO, JOHNNY, JIMMY)
    ("DEBBIIE", "DEBORAH", "", "", 2),
    ("PANCHHO", "FRANCISCO", "", "", 2),
    ("JOHNY", "JOHN", "", "", 2),
    ("JIMLY", "JAMES", "", "", 2),
    ("DANYN", "DANIEL", "", "", 2),  # DANNY with its last two letters swapped
    # 1 initial only
    ("J", "JOSE", "", "", 1),
    ("J.", "J", "", "", 1),  # two bare initials are still only an initial
    ("JOHN", "J", "", "ROBERT", 1),  # the initial is the other's: as before, an initial
    ("J ROBERT", "J", "", "ROBERT", 1),
    ("ROBERT", "R", "", "ROBERT", 1),
    # 0 different
    ("MARIA", "MARIO", "", "", 0),  # two real names, not a typo
    ("JUAN", "JUANA", "", "", 0),
    ("JOSE", "JOSA", "", "", 0),  # four letters: too short to call a slip
    # ... even one slip of the keys from a name with the slip no name our lists hold
    # (GARH / GARY): as many real short names our lists lack are one slip from one they
    # hold, and may be a twin's (helper-52, session 22)
    ("GARH", "GARY", "", "", 0), ("ROAS", "ROSA", "", "", 0),
    ("THY", "THU", "", "", 0), ("RANI", "RAMI", "", "", 0), ("JUN", "JIN", "", "", 0),
    ("RIYA", "RITA", "", "", 0), ("THOA", "THAO", "", "", 0),
    ("ERIC", "ERICA", "", "", 0),  # a final vowel added: the other sex's form, not a slip
    ("MARC", "MARCY", "", "", 0),  # any changed ending of a four-letter name: found in review
    ("ADAM", "ADAMS", "", "", 0),
    ("JAME", "JAMES", "", "", 0),  # cut off, but JAME is a given name of its own (SSA)
    ("LIND", "LINDA", "", "", 0),  # a final vowel cut off: as ALIN / ALINA, never a slip
    ("ROBERTO", "ALBERTO", "", "", 0),  # both may be BETO, but not each other
    ("DEBBIIE", "DANIEL", "", "", 0),  # a slip of a nickname only relates to its own names
    ("PANCHHO", "FRANCES", "", "", 0),
    ("DONNA", "DONALD", "", "", 0),  # a changed ending of DONNY is another name (DONNA)
    ("DANA", "DANIEL", "", "", 0),  # four letters: a name of its own as often as a slip
    ("DANYA", "DANIEL", "", "", 0),  # DANNY's ending changed, not swapped
    ("TAMMY", "TIM", "", "", 0),  # TIMMY with a letter changed, but a census name of its own
    ("J", "MARIA", "", "", 0),
    ("RICHARD", "J", "", "ROBERT", 0),  # the name behind the initial is another name
    ("ROBERT", "J", "", "R", 0),  # an initial behind the initial is no name to go by
    ("R", "J", "", "ROBERT", 0),  # two initials: neither goes by the other's
    ("K", "J", "ROBERT", "ROBERT", 0),
    ("RICHARD", "J", "", "ROBERT RICHARD", 0),  # only the first middle word is gone by
    ("JOSE", "", "", "", 0),
])
def test_first_levels(a: str, b: str, a_mid: str, b_mid: str, level: int) -> None:
    assert _first(a, b, a_mid, b_mid) == level
    assert _first(b, a, b_mid, a_mid) == level


@pytest.mark.parametrize(("a", "b", "level"), [
    # a connector glued into a given name is one name in every spelling, and not the name
    # without it (an acceptance audit: DE ANDRE read as ANDRE, the father)
    ("DE ANDRE", "DEANDRE", 5),
    ("DE-ANDRE", "De'Andre", 5),
    ("LA TOYA", "LATOYA", 5),
    ("LA SHONDA", "LASHONDA", 5),
    ("DE ANDRE", "ANDRE", 0),
    ("DEANDRE", "ANDRE", 0),
    ("LA TOYA", "TOYA", 0),
    # the Spanish compounds as before
    ("MARIA DE LOS ANGELES", "MARIA ANGELES", 5),
    ("MARIA DEL CARMEN", "MARIA", 4),
    ("JOSE DE JESUS", "JOSE", 4),
    ("JESUS", "JOSE DE JESUS", 3),
])
def test_connector_prefixes_in_first_levels(a: str, b: str, level: int) -> None:
    assert _first(a, b) == level
    assert _first(b, a) == level


@pytest.mark.parametrize(("a", "b"), [
    ("DANIEL", "DANIELA"), ("MARIO", "MARIA"), ("ERIC", "ERICA"),
    # a final consonant turned into A, L against N, an S after a final vowel (an acceptance
    # audit: each disclosed the other sex's form, with the twins' shared DOB too)
    ("FREDERICK", "FREDERICA"), ("DOMINICK", "DOMINICA"), ("ERICK", "ERICA"),
    ("RODERICK", "RODERICA"), ("DERRICK", "DERRICA"), ("KENDRICK", "KENDRICA"),
    ("FREDRICK", "FREDRICA"), ("HEINRICH", "HEINRICA"), ("MAVERICK", "MAVERICA"),
    ("KAREL", "KAREN"),
    ("LAUREN", "LAUREL"), ("CARMEN", "CARMEL"), ("NIKOLAS", "NIKOLA"), ("CARLOS", "CARLO"),
    # a final E doubled: French pairs of the two sexes (session 22 read a doubled final
    # letter as a slip, AMIRAA / AMIRA, and took it back for these)
    ("RENE", "RENEE"), ("JOSE", "JOSEE"), ("AIME", "AIMEE"), ("DESIRE", "DESIREE"),
])
def test_endings_that_make_another_name(a: str, b: str) -> None:
    assert gendered_pair(a, b) and gendered_pair(b, a)


@pytest.mark.parametrize(("a", "b"), [
    ("JENNIFER", "JENNIFEE"), ("SARA", "SARAH"), ("ERIC", "ERIK"), ("MARTIN", "MARTINEZ"),
    ("FREDERICK", "FREDERIKC"), ("CARLOS", "CARLOZ"),
    # a woman's name whose final A slipped into a consonant no name we know ends in
    ("MARIA", "MARIU"), ("PATRICIA", "PATRICIS"), ("KAYLA", "KAYLG"),
])
def test_endings_that_do_not(a: str, b: str) -> None:
    assert not gendered_pair(a, b) and not gendered_pair(b, a)


# --------------------------------------------------------------------------- last


@pytest.mark.parametrize(("a", "b", "level"), [
    # 5 exact after folding (hyphen, accent and case variants are the same NormName)
    ("GARCIA LOPEZ", "García-López", 5),
    ("MC DONALD", "McDonald", 5),
    # 4 same surnames reordered, or differing only by particles or spacing
    ("GARCIA LOPEZ", "LOPEZ GARCIA", 4),
    ("DE LA CRUZ", "CRUZ", 4),
    ("DELACRUZ", "DE LA CRUZ", 4),
    ("DEL RIO", "RIO", 4),
    ("GARCIA Y LOPEZ", "GARCIA LOPEZ", 4),
    ("VAN DER BERG", "BERG", 4),
    # 3 one side is a strict subset: a dropped maternal or paternal surname
    ("GARCIA", "GARCIA LOPEZ", 3),
    ("LOPEZ", "GARCIA LOPEZ", 3),
    ("GARCIA V", "GARCIA VELAZQUEZ", 3),  # maternal surname abbreviated to its initial
    ("GARCIA", "GARCIA DE LA TORRE", 3),
    # ... with a particle joined to its word on one side only
    ("DELRIO", "DEL RIO RAMIREZ", 3),
    ("DELEON", "DE LEON REYES", 3),
    ("DELAROSA", "De la Rosa-Gil", 3),
    ("DELRIO RAMIREZ", "RAMIREZ DEL RIO", 4),
    # ... and against the surname without its particles (red team r15): as written apart
    ("DELACRUZ", "CRUZ", 4),
    ("DELRIO", "RIO", 4),
    ("VANDERBERG", "BERG", 4),
    ("DELOSSANTOS", "SANTOS", 4),
    ("DELACRUZ GARCIA", "CRUZ GARCIA", 4),
    ("GARCIA DELOPEZ", "LOPEZ GARCIA", 4),
    ("GARCIA DELRIO", "RIO", 3),
    ("CRUZ", "DELACRUZ GARCIA", 3),
    # ... DA, DU, LA and Y joined begin surnames of their own, and a particle needs a
    # surname after it
    ("DAVILA", "VILA", 0),
    ("DUVAL", "VAL", 0),
    ("LAROSA", "ROSA", 0),
    ("YBARRA", "BARRA", 0),
    ("DEAN", "AN", 0),
    # the Arabic article spelt otherwise is no level (names.article_spelling finds a rival
    # only: test_name_traditions A7)
    ("EL HASSAN", "AL HASSAN", 0),
    ("EL HASSAN", "HASSAN", 3),
    ("ALFORD", "FORD", 0),
    # 2 spelling variants
    ("GONZALES", "GONZALEZ", 2),
    ("SMYTH", "SMITH", 2),
    ("VASQUEZ", "BASQUEZ", 2),
    ("GONZALES", "GONZALEZ LOPEZ", 2),
    ("GARCIA LOPES", "LOPEZ GARCIA", 2),
    ("DELACRUS", "DE LA CRUZ", 2),  # typo across the fused surname
    # 0 different
    ("MARTIN", "MARTINEZ", 0),
    ("GARCIA", "GARZA", 0),
    ("GARCIA LOPEZ", "GARCIA MARTINEZ", 0),  # different maternal surname: different mother
    ("DELRIO", "DEL TORO RAMIREZ", 0),  # a particle joined to another surname
    ("V Y", "V Y LOPEZ", 0),  # joined particles of equal count are no subset (symmetry)
    ("R Y", "RAMIREZ YBARRA", 0),
    # initials alone relate nothing, whichever side is given first
    ("V RIO", "V R", 0),
    ("V V", "V VEGA", 0),
    ("RIO V", "R VEGA", 0),  # each whole word meets only an initial
    ("GARCIA", "G LOPEZ", 0),
    ("G LOPEZ", "GARCIA LOPEZ", 3),
    ("SMITH", "", 0),
    # ST, SAINT and DI belong to the surname: written or joined alike, never dropped (an
    # acceptance audit: DAVID JAMES took DAVID ST JAMES's address, level 4 before)
    ("ST JAMES", "SAINT JAMES", 5),
    ("ST. JAMES", "STJAMES", 5),
    ("DI MARCO", "DIMARCO", 5),
    ("ST JAMES", "JAMES", 0),
    ("ST JOHN", "JOHN", 0),
    ("DI MARCO", "MARCO", 0),
    ("ST JAMES", "ST JOHN", 0),
    ("ST JAMES SMITH", "SMITH", 3),  # a dropped surname, as any other
])
def test_last_levels(a: str, b: str, level: int) -> None:
    assert _last(a, b) == level
    assert _last(b, a) == level


@pytest.mark.parametrize(("a", "b", "one"), [
    ("EL HASSAN", "AL HASSAN", True), ("EL SAYED", "ALSAYED", True),
    ("ELHASSAN", "AL HASSAN", True), ("AL HASSAN LOPEZ", "EL HASSAN LOPEZ", True),
    ("AL HASSAN", "AL HASSAN", False), ("AL HASSAN", "ALHASSAN", False),
    ("ELDER", "ALDER", False), ("ELTON", "AL TON", False), ("ELHASSAN", "ALHASSAN", False),
    ("EL HASSAN", "HASSAN", False),
])
def test_the_arabic_article_spelt_otherwise(a: str, b: str, one: bool) -> None:
    """names.article_spelling (red team r15): AL and EL one article where a side writes it
    apart; two one-word surnames are not read so (ELDER / ALDER)."""
    assert article_spelling(a, b) is one
    assert article_spelling(b, a) is one


# --------------------------------------------------------------------------- middle


@pytest.mark.parametrize(("a_first", "a_mid", "b_first", "b_mid", "level"), [
    ("JOSE", "LUIS", "JOSE", "LUIS", 2),
    ("MARIA GUADALUPE", "", "MARIA", "GUADALUPE", 2),  # second given name in either field
    ("JOSE", "LUIS", "JOSE", "L", 1),
    ("JOSE", "LUIS", "JOSE", "", 1),
    ("JOSE", "GUADALUPE", "JOSE", "GUADALUPR", 1),  # a typo
    ("JOSE", "LUIS", "JOSE", "MANUEL", 0),
    ("JOSE", "L", "JOSE", "M", 0),
    ("JOSE LUIS", "", "JOSE", "MANUEL", 0),
    ("JOSE", "", "JOSE", "", -1),
])
def test_middle_levels(a_first: str, a_mid: str, b_first: str, b_mid: str, level: int) -> None:
    assert _middle(a_first, a_mid, b_first, b_mid) == level
    assert _middle(b_first, b_mid, a_first, a_mid) == level


# --------------------------------------------------------------------------- suffix


@pytest.mark.parametrize(("a", "b", "level"), [
    ("JR", "Jr.", 2), ("III", "3RD", 2),
    ("", "", 1), ("JR", "", 1), ("", "SR", 1), ("JR", "II", 1),
    ("JR", "SR", 0), ("JR", "III", 0), ("III", "IV", 0), ("SR", "II", 0),
])
def test_suffix_levels(a: str, b: str, level: int) -> None:
    assert _suffix(a, b) == level
    assert _suffix(b, a) == level


def test_suffix_written_in_last_name_conflicts_with_field() -> None:
    son = normalize_name("JOHN", "", "SMITH JR")
    father = normalize_name("JOHN", "", "SMITH", "SR")
    assert compare_names(son, father) == NameComparison(first=5, middle=-1, last=5, suffix=0)


def test_whole_comparison_of_a_hispanic_name_written_two_ways() -> None:
    request = normalize_name("Lupita", "", "de la Cruz")
    master = normalize_name("MARIA GUADALUPE", "", "DE LA CRUZ HERNANDEZ")
    # LUPITA is GUADALUPE, the master's second given name; the maternal surname was dropped;
    # neither has a middle-name field, so the given names are judged by `first` alone.
    assert compare_names(request, master) == NameComparison(first=3, middle=-1, last=3,
                                                            suffix=1)


# --------------------------------------------------------------------------- properties

_GIVEN = st.sampled_from([
    "JOSE", "PEPE", "JOSEPH", "JOE", "MARIA", "GUADALUPE", "LUPE", "J", "M", "BETO", "ROBERTO",
    "ALBERTO", "JHON", "JOHN", "MARIO", "JUAN", "JUANA", "LUIS", "L", "MIGUELITO", "ZQX",
    "DEBBIIE", "DEBBIE", "DEBORAH", "JOHNY", "JOHNNY",
])
_SURNAME = st.sampled_from([
    "GARCIA", "LOPEZ", "DE", "LA", "CRUZ", "DELACRUZ", "GONZALES", "GONZALEZ", "V", "MARTIN",
    "MARTINEZ", "Y", "GARZA", "LOPES", "SMITH", "SMYTH", "MC", "DONALD",
])


@st.composite
def _names(draw: st.DrawFn) -> tuple[str, str, str, str]:
    first = " ".join(draw(st.lists(_GIVEN, max_size=3)))
    middle = " ".join(draw(st.lists(_GIVEN, max_size=2)))
    last = " ".join(draw(st.lists(_SURNAME, max_size=4)))
    suffix = draw(st.sampled_from(["", "", "JR", "SR", "II", "III"]))
    return first, middle, last, suffix


@given(_names(), _names())
def test_compare_is_symmetric(a: tuple[str, str, str, str], b: tuple[str, str, str, str]) -> None:
    na, nb = normalize_name(*a), normalize_name(*b)
    assert compare_names(na, nb) == compare_names(nb, na)


_SURNAME_WORDS = ["V", "R", "RIO", "VEGA", "GARCIA", "GARSIA", "DE", "DEL", "Y", "DELRIO"]


def test_surname_levels_are_symmetric_over_every_short_surname() -> None:
    """Every surname of up to two words from a vocabulary of initials, particles, joined
    particles and spelling variants, against every other: hypothesis had never drawn
    V RIO / V R, which gave level 3 one way round and 0 the other."""
    surnames = [" ".join(p) for k in (1, 2) for p in product(_SURNAME_WORDS, repeat=k)]
    names = [normalize_name("JUAN", "", s) for s in surnames]
    asymmetric = [(x.last, y.last) for x, y in combinations(names, 2)
                  if compare_names(x, y).last != compare_names(y, x).last]
    assert asymmetric == []


@given(_names())
def test_a_name_agrees_fully_with_itself(a: tuple[str, str, str, str]) -> None:
    n = normalize_name(*a)
    c = compare_names(n, n)
    assert c.last == (5 if n.last_tokens else 0)
    if n.first_tokens:
        assert c.first == (5 if len(n.first_tokens[0]) > 1 else 1)
    # a second given name in the first-name field is read as the middle name under the
    # same first given name (audit 11)
    assert c.middle == (2 if n.middle or len(n.first_tokens) > 1 else -1)
    assert c.suffix == (2 if n.suffix else 1)


@given(_names(), _names())
def test_levels_stay_in_documented_ranges(a: tuple[str, str, str, str],
                                          b: tuple[str, str, str, str]) -> None:
    c = compare_names(normalize_name(*a), normalize_name(*b))
    assert 0 <= c.first <= 5
    assert c.last in (0, 2, 3, 4, 5)
    assert -1 <= c.middle <= 2
    assert 0 <= c.suffix <= 2


@pytest.mark.parametrize(("initial", "middle", "level"), [
    ("D", "DE GUZMAN", 1), ("D", "DE JESUS", 1), ("D", "DEL CARMEN", 1),
    ("G", "DE GUZMAN", 1),   # the initial of the name itself, as before
    ("X", "DE JESUS", 0), ("D", "GUZMAN", 0)])
def test_a_middle_initial_of_a_connector_first_middle_name(initial: str, middle: str,
                                                           level: int) -> None:
    # audit 19 (session 18): JUN D GARCIA at JUN DE GUZMAN GARCIA's, the exact DOB, went
    # to review as two middle names; either side may hold the initial
    a, b = normalize_name("JUN", initial, "GARCIA"), normalize_name("JUN", middle, "GARCIA")
    assert compare_names(a, b).middle == level
    assert compare_names(b, a).middle == level

"""given_initials: the request side of the surname-and-ZIP blocking key. Every given name
the comparison can relate to the request's must share an initial with it, or the key would
hide that candidate."""

from __future__ import annotations

from dgate.match.engine import given_initials
from dgate.normalize.names import normalize_name


def _initials(first: str, middle: str = "") -> list[str]:
    return given_initials(normalize_name(first, middle, "GARCIA", ""))


def test_a_nickname_keeps_both_its_own_and_its_canonical_initial() -> None:
    # PEPE is JOSE, PANCHO is FRANCISCO, BILL is WILLIAM: either form may be on file
    assert _initials("PEPE") == ["J", "P"]
    assert _initials("Pancho") == ["F", "P"]
    assert _initials("Bill") == ["B", "W"]


def test_second_given_and_middle_names_count() -> None:
    # MARIA JOSE may be filed as JOSE, ROBERT DANIEL as DANIEL
    assert _initials("MARIA JOSE") == ["J", "M"]
    assert _initials("ROBERT", "DANIEL") == ["D", "R"]
    assert _initials("Ángel", "de la Luz") == ["A", "D", "L"]


def test_no_given_name_has_no_initial() -> None:
    assert _initials("") == []

"""Characters that separate words though they are no space (a review of session 12): the
INVISIBLE SEPARATOR (U+2063), a format character as the soft hyphen is, and the middle dot
(U+00B7) outside Catalan's L·L. Audit 13 dropped both everywhere, so "100 MAIN ST·APT 4"
was the street MAIN STAPT and "JOSE\u2063MARIA" the one name JOSEMARIA. The soft hyphen
and the zero-width space inside a word still join it (tests/e2e/test_word_breaks.py).
names.fold_name still drops every middle dot (JOSE·MARIA is one name there): it folds
character by character and would read the text through normalize.middle_dots first."""

from __future__ import annotations

import pytest

from dgate.normalize.address import fold, parse_street
from dgate.normalize.names import fold_name


@pytest.mark.parametrize(("written", "folded"), [
    ("100 Main St\u00b7Apt 4", "100 MAIN ST APT 4"),
    ("100 Main St\u2063Apt 4", "100 MAIN ST APT 4"),
    ("12 Jose\u00b7Maria Morelos St", "12 JOSE MARIA MORELOS ST"),
    ("12 Calle\u2063Sol", "12 CALLE SOL"),
])
def test_an_address_separated_by_a_dot_or_an_invisible_separator(written: str,
                                                                 folded: str) -> None:
    assert fold(written) == folded


def test_catalan_l_l_is_one_word_where_another_middle_dot_separates() -> None:
    assert fold("12 Col\u00b7legi St\u00b7Apt 4") == "12 COLLEGI ST APT 4"
    # with the dot or in the one letter NFKD splits (U+0140), in either case
    assert fold("12 Go\u0140la St") == fold("12 GOL\u00b7LA ST") == "12 GOLLA ST"
    # joining characters inside a word still join it
    assert fold("12 Ma\u00adin St") == fold("12 Ma\u200bin St") == "12 MAIN ST"


def test_the_unit_after_a_middle_dot_is_the_unit() -> None:
    p = parse_street("100 Main St\u00b7Apt 4")
    assert (p.house, p.name, p.suffix, p.unit) == ("100", "MAIN", "ST", "4")


def test_an_invisible_separator_separates_a_name() -> None:
    assert fold_name("Jose\u2063Maria") == "JOSE MARIA"
    assert fold_name("ACO\u2063STA") == "ACO STA"
    # the soft hyphen still joins, the Catalan L·L too
    assert fold_name("Aco\u00adsta") == "ACOSTA"
    assert fold_name("Gol\u00b7la") == "GOLLA"

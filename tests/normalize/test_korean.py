"""A Korean given name written across the given-name and middle-name fields
(normalize/korean.py): read as one given name of two syllables, only where both words are
Korean given-name syllables and the surname is Korean."""

from __future__ import annotations

import pytest

from dgate.normalize.names import compare_names, normalize_name


def test_the_two_fields_read_as_the_name_written_in_one() -> None:
    split = normalize_name("Young", "Hee", "Lee")
    assert split.first_tokens == ("YOUNG", "HEE") and split.middle == ""
    assert split == normalize_name("YOUNG HEE", "", "LEE")
    # and so it relates to the name written joined or hyphenated, as the first field did
    for joined in ("YOUNGHEE", "YOUNG-HEE"):
        c = compare_names(split, normalize_name(joined, "", "LEE"))
        assert c.first >= 4 and c.last == 5, (joined, c)
    assert compare_names(split, normalize_name("YOUNGSOO", "", "LEE")).first == 0


@pytest.mark.parametrize("first,middle,last", [
    ("JOHN", "MIN", "LEE"),         # an English given name: the middle name stays one
    ("YOUNG", "HEE", "SMITH"),      # not a Korean surname
    ("YOUNG", "HEE SOO", "KIM"),    # three words
    ("YOUNG", "H", "KIM"),          # a middle initial
    ("YOUNG", "HEE", "KIM PARK"),   # two surnames
])
def test_other_names_keep_their_middle_name(first: str, middle: str, last: str) -> None:
    n = normalize_name(first, middle, last)
    assert n.first_tokens == (first,) and n.middle == middle


def test_a_record_normalized_field_by_field_is_unchanged() -> None:
    # the master store normalizes each field alone: no stored form changes
    assert normalize_name("YOUNG", "", "").first_tokens == ("YOUNG",)
    assert normalize_name("", "HEE", "").middle == "HEE"

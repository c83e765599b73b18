"""Arabic compound given names ("servant of" + a name of God) in their Latin spellings, and
MD for MUHAMMAD where it leads the given names (issue 5; audit 11, R2: ABD AL RAHMAN at
ABDULRAHMAN's address was M_ADDRESS_ONLY)."""

from __future__ import annotations

import pytest

from dgate.normalize.names import compare_names, normalize_name

_RAHMAN = ["ABD AL RAHMAN", "ABD-AL-RAHMAN", "Abd al-Rahman", "ABDUL RAHMAN", "ABDULRAHMAN",
           "ABDUL-RAHMAN", "ABDEL RAHMAN", "ABDELRAHMAN", "ABDUR RAHMAN", "ABDURRAHMAN",
           "ABDURAHMAN", "ABD ALRAHMAN", "ABD EL RAHMAN", "ABD UR RAHMAN", "ABDIRAHMAN"]


@pytest.mark.parametrize("form", _RAHMAN)
def test_one_compound_in_its_spellings(form: str) -> None:
    assert normalize_name(form, "", "HADDAD").first_tokens == ("ABDUL", "RAHMAN")
    for other in _RAHMAN:
        got = compare_names(normalize_name(form, "", "HADDAD"),
                            normalize_name(other, "", "HADDAD"))
        assert got.first == 5, (form, other)


@pytest.mark.parametrize("form", ["ABD ALLAH", "ABDALLAH", "ABDELLAH", "ABDULLAHI", "Abd-Allah"])
def test_abdullah_is_one_name_of_its_own(form: str) -> None:
    name = normalize_name(form, "", "KARIM")
    assert name.first_tokens == ("ABDULLAH",)
    for other in ("ABDUL", "ABDUL RAHMAN", "ABDELRAHMAN"):
        assert compare_names(name, normalize_name(other, "", "KARIM")).first == 0


def test_words_that_are_no_compound_stay() -> None:
    for form, tokens in (("ABDIEL", ("ABDIEL",)), ("ABDON", ("ABDON",)),
                         ("ABDULA", ("ABDULA",)), ("ABDOULAYE", ("ABDOULAYE",)),
                         ("ABDI HASSAN", ("ABDI", "HASSAN")), ("ABD", ("ABD",)),
                         ("ABDUL", ("ABDUL",)), ("ABDUL DE JESUS", ("ABDUL", "JESUS")),
                         ("ABDULLAH", ("ABDULLAH",))):
        assert normalize_name(form, "", "X").first_tokens == tokens
    # ... while the compound beside them is read as one name
    assert normalize_name("ABDI ABDELKADER", "", "X").first_tokens == ("ABDI", "ABDUL",
                                                                       "KADER")


def test_a_lead_written_alone_leads_the_compound() -> None:
    assert compare_names(normalize_name("ABDEL", "", "SALEH"),
                         normalize_name("ABDELRAHMAN", "", "SALEH")).first == 4


def test_two_compounds_are_two_names() -> None:
    # brothers ABD AL RAHMAN and ABDELAZIZ: the second given names conflict (audit 11, W1)
    got = compare_names(normalize_name("ABD AL RAHMAN", "", "SALEH"),
                        normalize_name("ABDELAZIZ", "", "SALEH"))
    assert got.first == 2 and got.middle == 0


def test_a_compound_in_the_middle_name() -> None:
    a = normalize_name("MOHAMMED", "ABD EL KARIM", "SALEH")
    b = normalize_name("MOHAMMED", "ABDULKARIM", "SALEH")
    assert a.middle == b.middle == "ABDUL KARIM"
    assert compare_names(a, b).middle == 2


def test_md_leading_the_given_names_is_muhammad() -> None:
    md = normalize_name("MD ABDUL KARIM", "", "ISLAM")
    for full in ("MOHAMMED ABDUL KARIM", "MUHAMMAD ABDUL KARIM", "MOHD ABDUL KARIM"):
        assert compare_names(md, normalize_name(full, "", "ISLAM")).first >= 4
    assert compare_names(normalize_name("MD RAFIQUL", "", "ISLAM"),
                         normalize_name("MOHAMMAD", "RAFIQUL", "ISLAM")).first == 4
    # elsewhere MD is left alone: alone it may be initials; after a surname it is the
    # doctor's degree
    assert normalize_name("MD", "", "KARIM").first_tokens == ("MD",)
    assert normalize_name("MD", "ABDUL", "KARIM").first_tokens == ("MD",)
    assert normalize_name("JOHN", "", "SMITH MD").last == "SMITH"

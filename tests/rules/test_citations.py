from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dgate.rules.citations import is_designated, normalize_citation, split_citations

CANON = "8 U.S.C. §1253(a)(1)"


@pytest.mark.parametrize(
    "text",
    [
        "8 USC 1253(a)(1)",
        "8 U.S.C. § 1253(a)(1)",
        "8 U.S.C. 1253(a)(1)",
        "8 u.s.c. sec. 1253 (a) (1)",
        "Title 8 U.S.C. §1253(a)(1)",
        "Title 8, United States Code, Section 1253(a)(1)",
        "8 U.S.C.A. § 1253(a)(1)",
        "8 U.S.C. §1253(A)(1)",
        "8\u00a0U.S.C.\u00a0§\u00a01253(a)(1)",
        "08 USC 1253(a)(1).",
    ],
)
def test_spellings_share_one_canonical_form(text: str) -> None:
    assert normalize_citation(text) == CANON


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # U.S.C. depth 3 is upper case, depth 4 roman lower case.
        ("26 usc 6103(I)(2)(b)(IV)", "26 U.S.C. §6103(i)(2)(B)(iv)"),
        ("Treas. Reg. § 301.6212-2", "26 C.F.R. §301.6212-2"),
        ("26 CFR 301.6212-2", "26 C.F.R. §301.6212-2"),
        ("8 CFR 241.1", "8 C.F.R. §241.1"),
        # C.F.R. depth 3 is roman lower case: (i), not (I).
        ("8 C.F.R. 241.1(a)(1)(I)", "8 C.F.R. §241.1(a)(1)(i)"),
        ("8 U.S.C. 1229A", "8 U.S.C. §1229a"),
        ("  some   other\tstatute ", "SOME OTHER STATUTE"),
    ],
)
def test_canonical_forms(text: str, expected: str) -> None:
    assert normalize_citation(text) == expected


def test_section_covers_its_subdivisions_only_downwards() -> None:
    assert is_designated("8 USC 1253(a)(1)", ["8 U.S.C. 1253"])
    assert is_designated("8 USC 1253(a)(1)(A)", ["8 U.S.C. 1253(a)(1)"])
    assert is_designated("8 U.S.C. 1253", ["8 USC 1253"])
    assert not is_designated("8 USC 1253", ["8 U.S.C. 1253(a)(1)"])
    assert not is_designated("8 USC 1253(a)(2)", ["8 U.S.C. 1253(a)(1)"])
    assert not is_designated("8 USC 1253(b)", ["8 U.S.C. 1253(a)"])


@pytest.mark.parametrize(
    "cited",
    [
        "8 U.S.C. 1229a",  # civil removal proceedings
        "8 U.S.C. 1253a",
        "8 U.S.C. 125",
        "8 U.S.C. 12530",
        "18 U.S.C. 1253",  # another title
        "8 C.F.R. 1253",  # another code
        "1253(a)(1)",  # no title or code: not a recognisable citation
        "",
        "   ",
    ],
)
def test_other_sections_are_never_covered(cited: str) -> None:
    assert not is_designated(cited, ["8 U.S.C. 1253", "8 U.S.C. 1253(a)(1)"])


def test_unrecognised_text_matches_only_itself() -> None:
    assert is_designated("INA  §243(a)(1)", ["ina §243(a)(1)"])
    assert not is_designated("INA §243(a)(1)(A)", ["INA §243(a)(1)"])
    assert not is_designated("INA §243(a)(1)", ["8 U.S.C. 1253"])


def test_nothing_designated_covers_nothing() -> None:
    assert not is_designated("8 U.S.C. 1253", [])


def test_split_citations() -> None:
    assert split_citations("8 USC 1253(a)(1); 18 USC 1001;") == ("8 USC 1253(a)(1)", "18 USC 1001")
    assert split_citations("Title 8, United States Code, Section 1253") == (
        "Title 8, United States Code, Section 1253",)


_spaces = st.sampled_from(["", " ", "  ", "\u00a0"])


@given(
    title_word=st.sampled_from(["", "Title ", "title "]),
    code=st.sampled_from(["USC", "U.S.C.", "u.s.c.", "U. S. C.", "United States Code"]),
    sign=st.sampled_from(["", "§", "§ ", "sec. ", "Sec ", "Section ", "§§"]),
    gap1=_spaces, gap2=_spaces, gap3=_spaces,
    upper_sub=st.booleans(),
)
def test_citation_spelling_never_changes_meaning(
    title_word: str, code: str, sign: str, gap1: str, gap2: str, gap3: str, upper_sub: bool
) -> None:
    sub = "(A)" if upper_sub else "(a)"
    text = f"{title_word}8{gap1}{code}{gap2}{sign}1253{gap3}{sub}{gap3}(1)"
    assert normalize_citation(text) == CANON
    assert is_designated(text, ["8 U.S.C. 1253"])
    assert not is_designated(text.replace("1253", "1229a"), ["8 U.S.C. 1253"])

"""Properties of judge_address: a clean address never gains a code from formatting alone
(TIGTA: non-uniform formatting must not change the outcome), the result does not depend on
how a placeholder is written, and no input makes it raise."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.normalize.test_address_properties import address_variants

from dgate.rules.address import ADDRESS_FIELDS, R_ADDRESS_PLACEHOLDER, judge_address


@settings(max_examples=300, deadline=None)
@given(address_variants())
def test_clean_address_gains_no_code_from_formatting(
        pair: tuple[tuple[str, ...], tuple[str, ...]]) -> None:
    canonical, variant = pair
    keys = ("street", "unit", "city", "state", "zip")
    assert judge_address(dict(zip(keys, canonical, strict=True))) == frozenset()
    assert judge_address(dict(zip(keys, variant, strict=True))) == frozenset()


@settings(max_examples=200, deadline=None)
@given(address_variants())
def test_clean_one_line_address_gains_no_code(
        pair: tuple[tuple[str, ...], tuple[str, ...]]) -> None:
    (street, unit, city, state, zip5), _ = pair
    one_line = f"{street}{' #' + unit if unit else ''}, {city}, {state} {zip5}"
    assert judge_address({"address": one_line}) == frozenset()


PHRASES = ["FAILED TO PROVIDE", "UNKNOWN", "NA NA", "N/A", "DON'T CARE", "TBD", "HOMELESS",
           "REFUSED", "XXX", "NONE", "UNK"]


@st.composite
def written_placeholders(draw: st.DrawFn) -> str:
    """A placeholder phrase with random case, spacing and harmless punctuation."""
    words = draw(st.sampled_from(PHRASES)).split()
    out = []
    for word in words:
        word = draw(st.sampled_from([word, word.lower(), word.title()]))
        out.append(word + draw(st.sampled_from(["", ".", ","])))
    return draw(st.sampled_from(["", " "])) + draw(st.sampled_from([" ", "  ", " - "])).join(
        out) + draw(st.sampled_from(["", " ", "!"]))


@settings(max_examples=200, deadline=None)
@given(written_placeholders(), st.sampled_from(["street", "unit", "city", "address"]))
def test_placeholder_is_found_however_written(text: str, field: str) -> None:
    fields = {"street": "123 Main St", "city": "Austin", "state": "TX", "zip": "78701"}
    if field == "address":
        fields = {"address": text}
    else:
        fields[field] = text
    assert R_ADDRESS_PLACEHOLDER in judge_address(fields)


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({name: st.text(max_size=30) for name in ADDRESS_FIELDS}))
def test_never_raises_and_returns_known_codes(fields: dict[str, str]) -> None:
    codes = judge_address(fields)
    assert codes <= {"R_ADDRESS_MISSING", "R_ADDRESS_PLACEHOLDER", "R_ADDRESS_INCOMPLETE",
                     "R_ADDRESS_INVALID", "R_ADDRESS_FACILITY"}
    blank = not any(value.strip() for value in fields.values())
    assert (codes == {"R_ADDRESS_MISSING"}) == blank
    assert blank or "R_ADDRESS_MISSING" not in codes

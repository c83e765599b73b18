"""A placeholder ZIP stays a placeholder when four digits are added to it.

Found during the speed work of session 3: "12345" and "123456789" were R_ADDRESS_PLACEHOLDER,
but "12345-6789" (the textbook fake ZIP+4) and "12345 6789" passed every address rule when
the state was NY, since 12345 is a real (company-only) ZIP in Schenectady. The vocabulary
lists whole-field ZIPs; a ZIP+4 is now also judged on its five digits.
"""

from __future__ import annotations

import pytest

from dgate.rules.address import R_ADDRESS_INVALID, R_ADDRESS_PLACEHOLDER, judge_address
from dgate.rules.vocab import PLACEHOLDERS

SCHENECTADY = {"street": "1 River Rd", "city": "Schenectady", "state": "NY"}


@pytest.mark.parametrize("zip_text", ["12345-6789", "12345 6789", "12345-0000", "12345-1234"])
def test_fake_zip_plus_four_is_a_placeholder(zip_text: str) -> None:
    assert judge_address({**SCHENECTADY, "zip": zip_text}) == {R_ADDRESS_PLACEHOLDER}


def test_fake_zip_plus_four_in_a_one_line_address() -> None:
    codes = judge_address({"address": "1 River Rd, Schenectady, NY 12345-6789"})
    assert R_ADDRESS_PLACEHOLDER in codes


def test_zeros_with_four_digits_are_the_zip_that_does_not_exist() -> None:
    """decisions.md gives 00000 as the example of a ZIP that does not exist: with four
    digits after it, it is still that code alone (session 9; it had carried
    R_ADDRESS_PLACEHOLDER too)."""
    codes = judge_address({"street": "1100 Congress Ave", "city": "Austin", "state": "TX",
                           "zip": "00000-1234"})
    assert codes == {R_ADDRESS_INVALID}


@pytest.mark.parametrize("fields", [
    {**SCHENECTADY, "zip": "12305-1234"},  # a real Schenectady ZIP+4
    {"street": "1100 Congress Ave", "city": "Austin", "state": "TX", "zip": "78701-1234"},
    {"address": "1100 Congress Ave, Austin, TX 78701-1234"},
])
def test_real_zip_plus_four_passes(fields: dict[str, str]) -> None:
    assert judge_address(fields) == frozenset()


def test_every_placeholder_zip_with_four_digits() -> None:
    zips = [e[1:] for e in PLACEHOLDERS if e.startswith("=") and e[1:].isdigit()
            and len(e) == 6]
    assert "12345" in zips
    for zip5 in zips:
        codes = judge_address({"street": "1 Main St", "city": "Somewhere", "state": "NY",
                               "zip": f"{zip5}-4321"})
        assert R_ADDRESS_PLACEHOLDER in codes, zip5

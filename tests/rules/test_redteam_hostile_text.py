"""Red team r10 (hostile text), the record rules on their own: what tests/e2e/
test_redteam_hostile_text.py proves end to end, field by field, and one finding that
needs a hundred records (a caseload split by a look-alike letter). Every value is
synthetic."""

from __future__ import annotations

import pytest

from dgate.rules.record import check_records

from .factory import context, person, records


def _codes(**overrides: str) -> frozenset[str]:
    return check_records(records([overrides]), context(), workers=1)[0]


def test_an_agent_written_with_a_lookalike_letter_is_one_caseload() -> None:
    """decisions.md R_CASELOAD. One officer written AGENT-7 on 50 records and AGENT-7 with
    a Cyrillic E (U+0415) on 51 is named on 101 records: the cap was read per spelling
    (fold_agent kept the Cyrillic letter), and both halves passed."""
    rows = [person(i + 1, case_agent_id="AGENT-7" if i < 50 else "AG\u0415NT-7")
            for i in range(101)]
    assert all("R_CASELOAD" in c for c in check_records(records(rows), context(), workers=1))


@pytest.mark.parametrize("name", [
    "DANIEL\ua4ee", "DANIEL\u13aa", "DANIEL\u1d00", "AC\u0555STA", "JOSE\u03a6A",
    '=HYPERLINK("http://x.test","MARIA")', "+MARIA", "@MARIA", "\u202eAIRAM"])
def test_a_name_not_read_as_it_shows_is_no_name(name: str) -> None:
    assert "R_NAME" in _codes(first_name=name)


@pytest.mark.parametrize(("field", "value"), [
    ("middle_name", "ANDRE\ua4ee"), ("middle_name", "=B2"), ("name_suffix", "J\u13a1")])
def test_a_middle_name_or_suffix_not_read_as_it_shows(field: str, value: str) -> None:
    """ANDRE and a Lisu A shows ANDREA and was read ANDRE: refused as the first and last
    names are (a precaution; the household of JOHN ANDRE and JOHN ANDREA SMITH was
    M_AMBIGUOUS either way)."""
    assert "R_NAME" in _codes(**{field: value})


@pytest.mark.parametrize(("field", "value"), [
    ("middle_name", "A"), ("middle_name", "NMN"), ("middle_name", "J\u041eSE"),
    ("name_suffix", "Jr."), ("name_suffix", "III")])
def test_a_middle_name_or_suffix_read_as_it_shows(field: str, value: str) -> None:
    assert "R_NAME" not in _codes(**{field: value})


@pytest.mark.parametrize("name", [
    "J\u041eSE", "Mar\u00eda", "MARI\u0301A", "\uff2d\uff21\uff32\uff29\uff21", "MA\u200bRIA",
    "S\u00f8ren", "\u0141ukasz", "Stra\u00dfe", "KA\u02bbAHUMANU", "M\u00aa JOSE", "Nguy\u1ec5n",
    "'MARIA", "MARIA-JOSE"])
def test_a_name_read_as_it_shows_is_a_name(name: str) -> None:
    assert "R_NAME" not in _codes(first_name=name)


@pytest.mark.parametrize(("field", "value"), [
    ("street", '="1100 CONGRESS AVE"'), ("street", "1100 CONGR\ua4eeSS AVE"),
    ("city", "+AUSTIN"), ("unit", "@4"), ("state", "=TX"), ("zip", "=78701"),
    ("street", "1100 \u202eSSERGNOC AVE")])
def test_an_address_field_not_read_as_it_shows_is_invalid(field: str, value: str) -> None:
    assert "R_ADDRESS_INVALID" in _codes(**{field: value})


@pytest.mark.parametrize(("street", "unit", "invalid"), [
    ("1100 CONGRESS AVE APT 4", "APT 5", True), ("1100 CONGRESS AVE #4", "4B", True),
    ("1100 CONGRESS AVE APT 4", "#4", False), ("1100 CONGRESS AVE APT 4", "APT 4 REAR", False),
    ("1100 CONGRESS AVE BLDG 2", "APT 5", False), ("1100 CONGRESS AVE FL 3", "STE 300", False),
    ("1100 CONGRESS AVE REAR", "APT 5", False), ("1100 CONGRESS AVE", "APT 5", False),
    ("1100 \uff23ONGRESS AVE", "", False)])
def test_two_units_named_apart(street: str, unit: str, invalid: bool) -> None:
    assert ("R_ADDRESS_INVALID" in _codes(street=street, unit=unit)) == invalid


def test_request_ids_that_show_alike() -> None:
    ids = ["R1", "r1", "\uff32\uff11", "R1\u200b", "P1", "\u04201", "AB-1", "AB\u20111",
           "AB\u22121", "R12", "R\u202e21", "Q-1", "Q 1", "\u00c11", "A\u03011"]
    rows = [person(i + 1, request_id=rid, case_agent_id=f"AGENT-{i}")
            for i, rid in enumerate(ids)]
    flagged = [rid for rid, c in zip(ids, check_records(records(rows), context(), workers=1),
                                     strict=True) if "R_REQUEST_ID" in c]
    assert flagged == ["r1", "\uff32\uff11", "R1\u200b", "\u04201", "AB\u20111", "AB\u22121",
                       "R\u202e21", "A\u03011"]

"""Red team r5 (the legal rules): placeholders, pointers and formatting noise that slipped
past the record and batch rules of decisions.md. Every value is synthetic.

Each test names the contract line it holds the code to. The inputs are the forms a
requester's tools write where they have nothing to say ("DON'T KNOW", "NONE GIVEN",
"NOT APPLICABLE", "UNKNOWN UNKNOWN", "XXXXX", "blah blah blah") in fields whose own
placeholder rule already catches the commonest form ("N/A", "UNKNOWN", "TBD"), and the
noise ("AGENT-7" / "AGENT 7") that let one agent's records be counted as two agents'.
"""

from __future__ import annotations

import pytest

from dgate.rules.address import judge_address
from dgate.rules.record import check_records

from .factory import BatchScenario, context, person, records


def _codes(**overrides: str) -> frozenset[str]:
    return check_records(records([overrides]), context(), workers=1)[0]


# --- R_ADDRESS_PLACEHOLDER --------------------------------------------------------------
# decisions.md: "R_ADDRESS_PLACEHOLDER | placeholder text: UNKNOWN, FAILED TO PROVIDE, N/A,
# NA NA, NONE, DON'T CARE, TBD, HOMELESS, REFUSED, XXX … in any field of the address".
# "DON'T KNOW" is UNKNOWN said another way; "NONE GIVEN", "NOT REPORTED", "WITHHELD",
# "REDACTED" say the requester has no address to give. In the city or the unit (where
# the rest of the address is complete) they passed every rule and went to matching: a
# request for Maria Garcia in the city "DON'T KNOW" was disclosed (tests/e2e).

_SAYS_NOTHING = ["DON'T KNOW", "Don’t know", "DONT KNOW", "DO NOT KNOW", "IDK", "NOT SURE",
                 "NONE GIVEN", "NOT REPORTED", "WITHHELD", "REDACTED"]


@pytest.mark.parametrize("text", _SAYS_NOTHING)
@pytest.mark.parametrize("where", ["city", "unit", "street"])
def test_placeholders_that_say_nothing_is_known_in_any_address_field(where: str,
                                                                     text: str) -> None:
    """decisions.md R_ADDRESS_PLACEHOLDER: placeholder text "in any field of the address".
    In the street field such text was R_ADDRESS_INCOMPLETE alone (no number), which tells
    the requester to add a house number to "DON'T KNOW"; a record carries every code that
    applies."""
    fields = {"street": "1100 CONGRESS AVE", "unit": "", "city": "AUSTIN", "state": "TX",
              "zip": "78701"}
    fields[where] = text
    assert "R_ADDRESS_PLACEHOLDER" in judge_address(fields), (where, text)


@pytest.mark.parametrize("street", ["1100 CONGRESS AVE, DON'T KNOW",
                                    "1100 CONGRESS AVE (DON'T KNOW)"])
def test_dont_know_beside_a_street_line(street: str) -> None:
    """decisions.md R_ADDRESS_PLACEHOLDER, "in any field": "DON'T KNOW" after the street
    line is no part of the address, as "1 MAIN ST, UNKNOWN" already is not."""
    assert "R_ADDRESS_PLACEHOLDER" in _codes(street=street)


@pytest.mark.parametrize("street", ["1100 CONGRESS AVE APT ?", "1100 CONGRESS AVE # ?",
                                    "1100 CONGRESS AVE UNIT ??", "1100 CONGRESS AVE STE -"])
def test_a_unit_of_punctuation_written_in_the_street_line(street: str) -> None:
    """decisions.md R_ADDRESS_PLACEHOLDER, "in any field of the address": the unit "?" is
    a placeholder in the unit field (rules/address.py: fields of only punctuation), and was
    not when written on the street line ("APT ?"): the parser dropped it and the record
    went to matching as if no unit had been asked."""
    assert "R_ADDRESS_PLACEHOLDER" in _codes(street=street, unit="")
    # the same unit in its own field (the control that already held)
    assert "R_ADDRESS_PLACEHOLDER" in _codes(street="1100 CONGRESS AVE",
                                             unit=street.rsplit(" ", 1)[1])


def test_a_one_line_address_with_a_unit_of_punctuation() -> None:
    """As above, in the one-line `address` (request-format.md: used where `street` is
    empty, and parsed)."""
    assert "R_ADDRESS_PLACEHOLDER" in _codes(
        street="", city="", state="", zip="",
        address="1100 Congress Ave Apt ?, Austin, TX 78701")


def test_real_units_and_streets_stay_clean() -> None:
    """Controls: real units on the street line and in the unit field, and a street whose
    words resemble none of the new phrases, keep passing."""
    for street, unit in (("1100 CONGRESS AVE APT 4B", ""), ("1100 CONGRESS AVE # 12", ""),
                         ("1100 CONGRESS AVE", "APT X"), ("1100 CONGRESS AVE", "0"),
                         ("1100 CONGRESS AVE STE 200", ""), ("1 KNOWLES ST", "")):
        assert not _codes(street=street, unit=unit, zip="78701"), (street, unit)


# --- R_NAME -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["NONE GIVEN", "DON'T KNOW", "Do not know", "NOT GIVEN",
                                  "NOT KNOWN", "WITHHELD", "REDACTED"])
def test_placeholder_given_names(name: str) -> None:
    """decisions.md R_NAME: "first or last name missing, or not a personal name
    (placeholder, digits, one letter)". "NONE GIVEN" and "DON'T KNOW" are no one's name;
    NONE and UNKNOWN alone were already refused."""
    assert "R_NAME" in _codes(first_name=name)
    assert "R_NAME" in _codes(last_name=name)


# --- R_CASE -------------------------------------------------------------------------------

_NO_CASE = ["UNKNOWN UNKNOWN", "XXXXX", "XXX-XXXX", "NOT APPLICABLE", "NOT AVAILABLE",
            "NONE GIVEN", "PENDING", "UNK", "na na", "DON'T KNOW", "SEE ATTACHED",
            "REFUSED", "T.B.D."]


@pytest.mark.parametrize("value", _NO_CASE)
def test_placeholder_case_numbers(value: str) -> None:
    """decisions.md R_CASE: "case_number or case_agent_id missing"; docs/rules.md reads a
    value that only stands in for one (N/A, NONE, UNKNOWN, TBD, zeros, punctuation) as
    missing. "NOT APPLICABLE" is N/A spelled out, "UNKNOWN UNKNOWN" is UNKNOWN twice,
    "XXXXX" is filler: each passed, and the record was disclosed (tests/e2e)."""
    assert "R_CASE" in _codes(case_number=value)


@pytest.mark.parametrize("value", [*_NO_CASE, "UNASSIGNED", "NOT ASSIGNED", "UNKNOWN AGENT"])
def test_placeholder_case_agents(value: str) -> None:
    """decisions.md R_CASE, for case_agent_id: the officer "personally and directly engaged"
    (request-format.md) is not named by "UNASSIGNED" or "UNKNOWN AGENT"."""
    assert "R_CASE" in _codes(case_agent_id=value)


@pytest.mark.parametrize("value", ["ICE-CR-2026-0042", "HSI-26-0000001", "case 7",
                                   "NA-2026-17", "AGENT-0007", "X7", "UNK-4471"])
def test_real_case_numbers_and_agents_pass(value: str) -> None:
    """Controls: identifiers with a number in them are identifiers."""
    assert "R_CASE" not in _codes(case_number=value, case_agent_id=value)


# --- R_REASON / B_REASON ----------------------------------------------------------------

_NO_REASON = ["No reason given", "REFUSED TO PROVIDE", "DON'T KNOW", "blah blah blah",
              "asdf asdf asdf", "To be determined later", "Will be provided later",
              "Information to follow", "Reason to follow"]


@pytest.mark.parametrize("reason", _NO_REASON)
def test_placeholder_record_reasons(reason: str) -> None:
    """decisions.md R_REASON: "record reason missing or a placeholder" (26 U.S.C.
    §6103(i)(2)(B)(iv): the specific reason). "No reason given" says there is none;
    "to be determined later" is TBD; keyboard filler is "xxx". Each was accepted."""
    assert "R_REASON" in _codes(reason=reason)


@pytest.mark.parametrize("reason", _NO_REASON)
def test_placeholder_manifest_reasons(reason: str) -> None:
    """decisions.md B_REASON: "manifest reason missing or a placeholder"."""
    scenario = BatchScenario()
    scenario.manifest["reason"] = reason
    assert "B_REASON" in scenario.run()


@pytest.mark.parametrize("reason", [
    "Subject of an open criminal investigation for willful failure to depart",
    "Relevant to an ongoing criminal investigation of failure to depart",
    "Known to reside at the address; removal order final since 2025",
    "Case HSI-26-0000001: failure to depart after a final order of removal"])
def test_specific_reasons_pass(reason: str) -> None:
    """Controls: reasons that set forth something keep passing."""
    assert "R_REASON" not in _codes(reason=reason)


# --- R_CASELOAD ---------------------------------------------------------------------------


def test_an_agent_written_two_ways_is_one_caseload() -> None:
    """decisions.md R_CASELOAD: "the case agent is named on more records than the plausible
    caseload cap (default 100 …)". One officer written AGENT-7 on 50 records and AGENT 7 on
    51 is named on 101: the cap was read per spelling, and both halves passed. Case already
    did not split an agent (agent-7 / AGENT-7); separators must not either."""
    rows = [person(i + 1, case_agent_id="AGENT-7" if i < 50 else "AGENT 7")
            for i in range(101)]
    found = check_records(records(rows), context(), workers=1)
    assert all("R_CASELOAD" in c for c in found)


def test_an_agent_written_two_ways_across_batches() -> None:
    """As above, with the earlier 50 records in an earlier batch of the agency ("counting
    earlier batches of the agency")."""
    rows = [person(i + 1, case_agent_id="AGENT 7") for i in range(51)]
    found = check_records(records(rows), context(prior_caseload={"AGENT-7": 50}), workers=1)
    assert all("R_CASELOAD" in c for c in found)


def test_two_agents_stay_two() -> None:
    """Control: AGENT-7 and AGENT-17 are two officers, 60 records each, under the cap."""
    rows = [person(i + 1, case_agent_id="AGENT-7" if i < 60 else "AGENT-17")
            for i in range(120)]
    assert not any(check_records(records(rows), context(), workers=1))


# --- R_DUPLICATE (open since r5, closed by r16) --------------------------------------------


@pytest.mark.parametrize("second", [
    {"first_name": "MARIA", "middle_name": "ELENA"},  # the given names over two fields
    {"zip": ""},  # the same street, city and state, the ZIP left out (closed by r16)
    {"zip": "", "city": "Austin", "street": "1100 Congress Avenue"},
])
def test_the_same_person_written_with_noise_is_a_duplicate(second: dict[str, str]) -> None:
    """decisions.md R_DUPLICATE: "the same person appears again in the batch (every
    occurrence after the first)". MARIA ELENA GARCIA LOPEZ at 1100 CONGRESS AVE, AUSTIN TX
    78701, asked again as MARIA / ELENA / GARCIA LOPEZ, or without the ZIP, is the same
    person with formatting noise (the same DOB and TIN); neither was flagged, and both
    records went to matching. Without the ZIP the address is compared by its city and
    state (rules.record._same_place)."""
    found = check_records(records([{}, second]), context(), workers=1)
    assert found[0] == frozenset() and "R_DUPLICATE" in found[1]


@pytest.mark.parametrize("second", [
    {"zip": "", "city": "ROUND ROCK"},  # another city of the state, no ZIP
    {"zip": "", "city": "", "state": ""},  # no place at all: not compared
    {"zip": "78702"},  # another ZIP, the same city
])
def test_the_same_street_elsewhere_is_not_a_duplicate(second: dict[str, str]) -> None:
    """Controls: without the ZIP, another city (or no city and state) is not the same
    place; two ZIPs given and different are two places, whatever the city. Without a TIN
    on either record: the same name with the same TIN is one person at any address (red
    team r12), so only the address can tell here."""
    found = check_records(records([{"tin": ""}, {**second, "tin": ""}]), context(),
                          workers=1)
    assert "R_DUPLICATE" not in found[1]


@pytest.mark.parametrize(("first", "second", "duplicate"), [
    # the joined reading adds a key; it takes none away
    ({"first_name": "MARIA", "middle_name": "ELENA"}, {"first_name": "MARIA"}, True),
    ({"first_name": "MARIA", "middle_name": "E"}, {"first_name": "MARIA"}, True),
    ({"first_name": "MARIA ELENA"}, {"first_name": "MARIA", "middle_name": "ELENA"}, True),
    # MARIA ELENA / "" beside MARIA is MARIA / ELENA beside MARIA, a repeat (red team
    # r40: two people before, so WALTER JAMES BRENNAN after WALTER BRENNAN left WALTER
    # BRENNAN to be disclosed the WALTER PAUL BRENNAN on file, where WALTER / JAMES after
    # it sent him to review, red team r33)
    ({"first_name": "MARIA ELENA"}, {"first_name": "MARIA"}, True),
    ({"first_name": "MARIA"}, {"first_name": "MARIA ELENA"}, True),
    # a first given name of its own is another person
    ({"first_name": "MARIA ELENA"}, {"first_name": "MARTA"}, False),
    ({"first_name": "MARIA ELENA"}, {"first_name": "ELENA"}, False),
    # a middle name that is another given name than the other's second one
    ({"first_name": "MARIA ELENA"}, {"first_name": "MARIA", "middle_name": "LUISA"}, False),
    # a date of birth of its own is another person, however the names are split
    ({"first_name": "MARIA ELENA"},
     {"first_name": "MARIA", "middle_name": "ELENA", "date_of_birth": "2004-05-06"}, False),
])
def test_given_names_split_over_two_fields(first: dict[str, str], second: dict[str, str],
                                           duplicate: bool) -> None:
    found = check_records(records([first, second]), context(), workers=1)
    assert found[0] == frozenset()
    assert ("R_DUPLICATE" in found[1]) is duplicate

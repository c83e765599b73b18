"""Record rules beyond the golden cases: all codes at once, batch-wide rules, edge values."""

from __future__ import annotations

from datetime import timedelta

import pytest

from .factory import (
    CLEAN_FIELDS,
    SIGNED_AT,
    context,
    fields,
    missing_peers,
    person,
    record,
    records,
)

if missing_peers():
    pytest.skip(f"peer modules not written yet: {missing_peers()}", allow_module_level=True)

from dgate.rules.record import check_records, is_valid_tin  # noqa: E402

CLEAN_STREET = CLEAN_FIELDS["street"]


def run(rows: list[dict[str, str]], **ctx: object) -> list[frozenset[str]]:
    return check_records(records(rows), context(**ctx))


def test_clean_records_pass_and_results_align() -> None:
    rows = [person(i) for i in range(4)]
    rows[2]["tin"] = "000-12-3456"
    assert run(rows) == [frozenset(), frozenset(), {"R_TIN"}, frozenset()]


def test_empty_batch() -> None:
    assert check_records([], context()) == []


def test_every_applicable_code_not_just_the_first() -> None:
    (codes,) = run([{
        "request_id": "", "first_name": "", "tin": "12345", "taxable_periods": "soon",
        "statute": "8 U.S.C. 1229a", "reason": "N/A",
        "final_order_date": (SIGNED_AT - timedelta(days=10)).isoformat(), "case_number": "",
    }])
    assert codes == {"R_REQUEST_ID", "R_NAME", "R_TIN", "R_PERIOD", "R_STATUTE", "R_REASON",
                     "R_ORDER_90_DAYS", "R_CASE"}


def test_record_without_any_value_gets_every_presence_code() -> None:
    from dgate.model import RECORD_COLUMNS, RequestRecord

    empty = RequestRecord(seq=1, fields=dict.fromkeys(RECORD_COLUMNS, ""))
    (codes,) = check_records([empty], context())
    assert {"R_REQUEST_ID", "R_NAME", "R_ADDRESS_MISSING", "R_PERIOD", "R_REASON",
            "R_ORDER_MISSING", "R_CASE"} <= codes
    assert not codes & {"R_TIN", "R_STATUTE", "R_DUPLICATE", "R_CASELOAD"}


@pytest.mark.parametrize(
    ("tin", "valid"),
    [
        ("401-23-4567", True), ("401234567", True), ("401 23 4567", False),
        (" 401-23-4567 ", True), ("401\u201323\u20134567", True),
        ("899-99-9999", True),  # randomized SSNs use areas up to 899
        ("900-50-1234", True), ("999-65-1234", True), ("912-88-1234", True),
        ("912-90-1234", True), ("912-92-1234", True), ("912-94-1234", True),
        ("912-99-1234", True),
        ("000-12-3456", False), ("666-12-3456", False), ("401-00-4567", False),
        ("401-23-0000", False), ("912-49-1234", False), ("912-66-1234", False),
        ("912-69-1234", False), ("912-89-1234", False), ("912-93-1234", False),
        ("912-00-1234", False), ("912-70-0000", False),
        ("40123456", False), ("4012345678", False), ("40123456X", False), ("", False),
        ("４０１２３４５６７", False),
    ],
)
def test_tin_validity(tin: str, valid: bool) -> None:
    assert is_valid_tin(tin) is valid


def test_no_tin_is_no_tin_defect() -> None:
    assert run([{"tin": ""}]) == [frozenset()]


def test_repeated_id_flags_every_later_occurrence_only() -> None:
    rows = [person(0, request_id="A"), person(1, request_id="B"), person(2, request_id="a"),
            person(3, request_id="A")]
    assert [("R_REQUEST_ID" in c) for c in run(rows)] == [False, False, True, True]


def test_missing_id_is_flagged_every_time() -> None:
    rows = [person(0, request_id=""), person(1, request_id="")]
    assert [("R_REQUEST_ID" in c) for c in run(rows)] == [True, True]


def test_caseload_counts_this_batch_across_id_spellings() -> None:
    rows = [person(i, case_agent_id="AGENT-9" if i % 2 else " agent-9") for i in range(101)]
    result = run(rows)
    assert all("R_CASELOAD" in codes for codes in result)
    assert all(codes == {"R_CASELOAD"} for codes in result), "only the caseload code is expected"


def test_caseload_at_cap_passes_and_other_agents_are_untouched() -> None:
    rows = [person(i, case_agent_id="AGENT-9") for i in range(60)]
    rows += [person(i, case_agent_id="AGENT-8") for i in range(60, 62)]
    result = run(rows, prior_caseload={"AGENT-9": 40})
    assert all(not codes for codes in result)
    result = run(rows, prior_caseload={"AGENT-9": 41, "agent-8": 1})
    assert [("R_CASELOAD" in c) for c in result] == [True] * 60 + [False] * 2


def test_placeholder_case_values_are_missing() -> None:
    for value in ("N/A", "none", "UNKNOWN", "000", "--", "tbd"):
        assert run([{"case_number": value}]) == [{"R_CASE"}], value
        assert run([{"case_agent_id": value}]) == [{"R_CASE"}], value


def test_statute_list_passes_if_any_is_designated() -> None:
    assert run([{"statute": "18 U.S.C. 1001; 8 USC 1253(a)(1)"}]) == [frozenset()]
    assert run([{"statute": "18 U.S.C. 1001; 8 USC 1229a"}]) == [{"R_STATUTE"}]


def test_empty_statute_defers_to_the_manifest() -> None:
    assert run([{"statute": ""}], manifest_statutes=()) == [frozenset()]


def test_without_signed_at_order_dates_are_not_compared() -> None:
    future = (SIGNED_AT + timedelta(days=5)).isoformat()
    assert run([{"final_order_date": future}], signed_at=None) == [frozenset()]
    assert run([{"final_order_date": "someday"}], signed_at=None) == [{"R_ORDER_MISSING"}]


def test_order_date_boundaries() -> None:
    def codes(days: int) -> frozenset[str]:
        order = (SIGNED_AT - timedelta(days=days)).isoformat()
        return run([{"final_order_date": order}])[0]

    assert codes(91) == frozenset()
    assert codes(90) == frozenset()
    assert codes(89) == {"R_ORDER_90_DAYS"}
    assert codes(1) == {"R_ORDER_90_DAYS"}
    assert codes(0) == {"R_ORDER_90_DAYS"}
    assert codes(-1) == {"R_ORDER_FUTURE"}


def test_period_in_the_future() -> None:
    assert run([{"taxable_periods": "2026;2027"}]) == [{"R_PERIOD"}]


class TestDuplicates:
    def test_third_copy_is_flagged_too(self) -> None:
        rows = [person(0), person(1), person(0), person(0)]
        assert [("R_DUPLICATE" in c) for c in run(rows)] == [False, False, True, True]

    def test_tin_on_one_side_only_does_not_contradict(self) -> None:
        assert run([person(0, tin=""), person(0)])[1] == {"R_DUPLICATE"}
        assert run([person(0), person(0, tin="")])[1] == {"R_DUPLICATE"}

    def test_different_dates_of_birth_are_different_people(self) -> None:
        """A father and a son without a suffix, requested in one batch: two people (an
        acceptance audit found the second rejected). One DOB left out does not contradict."""
        rows = [person(0, date_of_birth="1960-01-01"), person(0, date_of_birth="1990-01-01"),
                person(0, date_of_birth="1990-01-01"), person(0, date_of_birth="")]
        assert [("R_DUPLICATE" in c) for c in run(rows)] == [False, False, True, True]

    @pytest.mark.parametrize("tin", ["", "401-23-4567"])
    def test_a_person_is_what_its_records_say_together(self, tin: str) -> None:
        """Red team r19: undated, then born 1960, then born 1990, at one address (or with
        one TIN): the second repeats the first, whose person is then born in 1960, and the
        third is another person, as it is when the two dated ones come first. Compared
        with each earlier record alone, the third repeated the undated first too, and which
        of the three was decided followed their order."""
        undated = person(0, tin=tin, date_of_birth="")
        born60 = person(0, tin=tin, date_of_birth="1960-01-01")
        born90 = person(0, tin=tin, date_of_birth="1990-01-01")
        assert [("R_DUPLICATE" in c) for c in run([undated, born60, born90])] == [
            False, True, False]
        assert [("R_DUPLICATE" in c) for c in run([born60, born90, undated])] == [
            False, False, True]
        # one that may be either of two people repeats them, and tells neither more
        assert [("R_DUPLICATE" in c) for c in run([born60, born90, undated, born90])] == [
            False, False, True, True]

    def test_dates_of_birth_are_read_as_matching_reads_them(self) -> None:
        """The same date in two forms is one person; two dates in the US form are two."""
        rows = [person(0, date_of_birth="1960-07-19"), person(0, date_of_birth="07/19/1960"),
                person(0, date_of_birth="01/02/1990")]
        assert [("R_DUPLICATE" in c) for c in run(rows[:2])] == [False, True]
        assert [("R_DUPLICATE" in c) for c in run([rows[1], rows[2]])] == [False, False]

    def test_different_tins_are_different_people(self) -> None:
        rows = [person(0), person(0, tin="402-11-2222"), person(0, tin="401-23-4567")]
        assert [("R_DUPLICATE" in c) for c in run(rows)] == [False, False, True]

    @pytest.mark.parametrize(
        "change",
        [
            {"name_suffix": "JR"},
            # another first given name (MARIA alone repeats MARIA ELENA, as MARIA /
            # ELENA does: red team r40)
            {"first_name": "MARTA"},
            {"last_name": "GARCIA"},
            {"unit": "APT 2"},
            {"street": "1102 CONGRESS AVE"},
            {"zip": "78702"},
        ],
    )
    def test_a_different_name_part_or_address_is_another_person(
        self, change: dict[str, str]
    ) -> None:
        # without a TIN: the same name and TIN is one person at any address (below)
        assert "R_DUPLICATE" not in run([person(0, tin=""), person(0, tin="", **change)])[1]

    @pytest.mark.parametrize("change", [{"unit": "APT 2"}, {"street": "1102 CONGRESS AVE"},
                                        {"zip": "78702"}])
    def test_the_same_name_and_tin_at_another_address_is_the_same_person(
            self, change: dict[str, str]) -> None:
        """Red team r12 (decisions.md R_DUPLICATE, "the same person appears again"): the
        requester may hold two addresses of one person; the TIN says it is one."""
        assert "R_DUPLICATE" in run([person(0), person(0, **change)])[1]
        assert "R_DUPLICATE" in run([person(0, tin="", a_number="A012345678"),
                                     person(0, tin="", a_number="12345678", **change)])[1]
        assert "R_DUPLICATE" not in run([person(0), person(0, tin="402-11-2222", **change)])[1]
        assert "R_DUPLICATE" not in run([person(0, date_of_birth="1960-01-01"),
                                         person(0, date_of_birth="1990-01-01", **change)])[1]

    def test_one_person_asked_at_many_addresses_is_flagged_after_the_first(self) -> None:
        """Red team r12: every occurrence after the first, with the dates of birth written
        two ways; the comparison keeps one earlier record per way of writing them."""
        rows = [person(0, street=f"{100 + i} CONGRESS AVE",
                       date_of_birth="1980-04-12" if i % 2 else "04/12/1980")
                for i in range(400)]
        assert [("R_DUPLICATE" in c) for c in run(rows)] == [False] + [True] * 399

    def test_another_directional_or_street_type_is_another_person(self) -> None:
        """2400 N and 2400 S KEDZIE AVE are two streets, as matching reads them: two
        people of one name there are both searched, in either order (an acceptance audit
        found whichever came second rejected). One side without them does not contradict."""
        north = person(0, tin="", street="2400 N KEDZIE AVE")
        south = person(0, tin="", street="2400 S KEDZIE AVE")
        bare = person(0, tin="", street="2400 KEDZIE AVE")
        assert [("R_DUPLICATE" in c) for c in run([north, south])] == [False, False]
        assert [("R_DUPLICATE" in c) for c in run([south, north])] == [False, False]
        assert [("R_DUPLICATE" in c) for c in run([north, bare])] == [False, True]
        street = person(0, tin="", street="9 MAIN ST")
        avenue = person(0, tin="", street="9 MAIN AVE")
        assert [("R_DUPLICATE" in c) for c in run([street, avenue])] == [False, False]
        assert [("R_DUPLICATE" in c) for c in run([street, street])] == [False, True]

    def test_a_title_of_the_other_sex_is_another_person(self) -> None:
        """MRS JOHN PEMBERLEY is John's wife: with JOHN PEMBERLEY in one batch, both are
        searched (an acceptance audit found the second rejected), in either order and
        wherever the title is written. A title that agrees with the name, or a name both
        sexes bear, changes nothing."""
        john = person(0, first_name="JOHN", last_name="PEMBERLEY")
        for wife in (dict(first_name="MRS JOHN"), dict(first_name="Mrs. John"),
                     dict(name_suffix="MRS"), dict(last_name="PEMBERLEY MRS"),
                     dict(first_name="SRA JOHN"), dict(first_name="JOHN MRS"),
                     dict(first_name="John Sra.")):
            other = person(0, **{"first_name": "JOHN", "last_name": "PEMBERLEY", **wife})
            assert [("R_DUPLICATE" in c) for c in run([john, other])] == [False, False], wife
            assert [("R_DUPLICATE" in c) for c in run([other, john])] == [False, False], wife
            assert [("R_DUPLICATE" in c) for c in run([other, other])] == [False, True], wife
        mary = person(0, first_name="MARY", last_name="PEMBERLEY")
        for same in (dict(first_name="MR JOHN"), dict(first_name="DR JOHN")):
            other = person(0, **{"last_name": "PEMBERLEY", **same})
            assert [("R_DUPLICATE" in c) for c in run([john, other])] == [False, True], same
        assert run([mary, person(0, first_name="MRS MARY", last_name="PEMBERLEY")])[1] == {
            "R_DUPLICATE"}
        jean = person(0, first_name="JEAN", last_name="PEMBERLEY")
        assert "R_DUPLICATE" in run([jean, person(0, first_name="MR JEAN",
                                                  last_name="PEMBERLEY")])[1]

    def test_another_urbanization_is_another_person(self) -> None:
        """150 CALLE A repeats across the urbanizations of one ZIP (Pub 28 section 29): one
        name in URB LAS GLADIOLAS and in URB VILLA NEVAREZ is two people, as matching reads
        them (compare.address_level: another urbanization is another address), in either
        order and wherever the urbanization is written (helper-18: the second was rejected).
        One side without it does not contradict."""
        pr = dict(city="SAN JUAN", state="PR", zip="00926")
        gladiolas = person(0, tin="", street="URB LAS GLADIOLAS 150 CALLE A", **pr)
        nevarez = person(0, tin="", street="URB VILLA NEVAREZ 150 CALLE A", **pr)
        nevarez_line2 = person(0, tin="", street="150 CALLE A", unit="URB VILLA NEVAREZ", **pr)
        nevarez_spanish = person(0, tin="", street="URB VILLA NEVAREZ CALLE A 150", **pr)
        bare = person(0, tin="", street="150 CALLE A", **pr)
        for other in (nevarez, nevarez_line2, nevarez_spanish):
            assert [("R_DUPLICATE" in c) for c in run([gladiolas, other])] == [False, False]
            assert [("R_DUPLICATE" in c) for c in run([other, gladiolas])] == [False, False]
            assert [("R_DUPLICATE" in c) for c in run([nevarez, other])] == [False, True]
        assert [("R_DUPLICATE" in c) for c in run([gladiolas, bare])] == [False, True]
        assert [("R_DUPLICATE" in c) for c in run([bare, nevarez])] == [False, True]

    def test_surname_order_does_not_matter(self) -> None:
        assert "R_DUPLICATE" in run([person(0), person(0, last_name="LOPEZ GARCIA")])[1]

    def test_zip_missing_falls_back_to_city_and_state(self) -> None:
        assert "R_DUPLICATE" in run([person(0, zip=""), person(0, zip="")])[1]

    def test_a_zip_written_in_a_one_line_address_is_the_zip(self) -> None:
        """The ZIP is read from the ZIP field or, where a one-line address stands in for the
        street, only by parsing it: a copy written either way is still a repeat, whatever
        the other records of that name say (duplicates() skips the parser for a record
        whose ZIP5, read from its field, no other record of the name has)."""
        one_line = person(0, tin="", street="", city="", state="", zip="",
                          address="1100 Congress Ave, Austin, TX 78701")
        elsewhere = person(0, tin="", zip="78702", street="9 ELM ST")
        plus4 = person(0, tin="", zip="78701-1234")
        for rows, flags in (([person(0, tin=""), one_line], [False, True]),
                            ([one_line, elsewhere, person(0, tin="")], [False, False, True]),
                            ([elsewhere, plus4, person(0, tin="")], [False, False, True]),
                            ([elsewhere, person(0, tin=""), one_line], [False, False, True])):
            assert [("R_DUPLICATE" in c) for c in run(rows)] == flags

    def test_only_records_sharing_a_name_and_a_zip_are_parsed(
            self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The speed of the check at 1.28M records: a record is parsed for its address
        only when another of its name has its ZIP (or a ZIP only the parser can read)."""
        import dgate.rules.record as record_rules

        parsed: list[str] = []
        real = record_rules.normalize_address

        def counting(street: str, *args: str) -> object:
            parsed.append(street)
            return real(street, *args)

        monkeypatch.setattr(record_rules, "normalize_address", counting)
        rows = [person(0, tin=""), person(0, tin="", zip="78702", street="9 ELM ST"),
                person(0, tin="", zip="78701-0001", street="5 OAK ST"), person(1), person(1)]
        assert [("R_DUPLICATE" in c) for c in run(rows)] == [False, False, False, False, True]
        assert sorted(parsed) == sorted([CLEAN_STREET, "5 OAK ST", rows[3]["street"],
                                         rows[4]["street"]])
        parsed.clear()
        run([person(0, tin=""),
             person(0, tin="", street="", zip="", address="9 Elm St, Austin, TX 78702")])
        assert len(parsed) == 2

    def test_records_without_usable_name_or_address_are_not_compared(self) -> None:
        rows = [person(0, tin="", street="", city="", state="", zip=""),
                person(0, tin="", street="", city="", state="", zip="")]
        assert "R_DUPLICATE" not in run(rows)[1]
        rows = [person(0, first_name="", last_name=""), person(0, first_name="", last_name="")]
        assert "R_DUPLICATE" not in run(rows)[1]


def test_fields_helper_rejects_unknown_columns() -> None:
    with pytest.raises(AssertionError):
        fields(nickname="X")


def test_record_helper_is_clean() -> None:
    assert check_records([record()], context()) == [frozenset()]

"""R_DUPLICATE keys every record by a few of its fields (record.KEY_COLUMNS), read from the
batch's columns without making the records: what it keys them by must be read from those
fields alone, and give the repeats reading the whole records gives."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from dgate.intake.recordtable import RecordTable
from dgate.model import RECORD_COLUMNS
from dgate.rules import record as rules
from dgate.rules.record import KEY_COLUMNS, _Checker, batch_people, check_records

from .factory import context, records

# Values that make names repeat, split across fields, carry titles, suffixes and Korean
# given names, addresses written on one line or with ZIP+4, and shared identifiers.
VALUES = {
    "first_name": ["MARIA", "MARIA ELENA", "Mrs John", "YOUNG", "JOSÉ", "", "DR ANA"],
    "middle_name": ["", "ELENA", "HEE", "JR", "A"],
    "last_name": ["GARCIA", "LEE", "DE LA CRUZ", "O'BRIEN JR", "KIM"],
    "name_suffix": ["", "", "SR", "III"],
    "street": ["12 MAIN ST", "12 Main Street", "", "40 OAK AVE APT 2"],
    "unit": ["", "APT 2"],
    "city": ["SHOREWOOD", "JOLIET"],
    "state": ["IL"],
    "zip": ["60404", "60404-1234", "", "60435"],
    "address": ["", "12 MAIN ST, SHOREWOOD IL 60404"],
    "tin": ["", "", "123-45-6789", "123456789", "987654321"],
    "a_number": ["", "", "A012345678", "12345678"],
    "date_of_birth": ["", "1950-01-02", "1980-03-04"],
}

row = st.fixed_dictionaries({c: st.sampled_from(v) for c, v in VALUES.items()})


class _OnlyKeyColumns(dict[str, str]):
    """A record's fields that fail the test when a field outside KEY_COLUMNS is read."""

    def get(self, key: str, default: Any = None) -> Any:
        assert key in KEY_COLUMNS, f"the name key read {key}, not in KEY_COLUMNS"
        return super().get(key, default)

    def __getitem__(self, key: str) -> str:
        assert key in KEY_COLUMNS, f"the name key read {key}, not in KEY_COLUMNS"
        return super().__getitem__(key)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(row, min_size=2, max_size=14))
def test_duplicates_key_the_records_by_key_columns_alone(rows: list[dict[str, str]]) -> None:
    table = RecordTable.from_records(records(rows))
    ctx = context()
    want_people: dict[int, tuple[str, str, str]] = {}
    want = _Checker(ctx).duplicates(table, want_people)

    def whole(records: RecordTable) -> Iterator[dict[str, str]]:
        for r in records:
            assert set(r.fields) == set(RECORD_COLUMNS)
            yield _OnlyKeyColumns(r.fields)

    with mock.patch.object(rules, "_key_fields", whole):
        people: dict[int, tuple[str, str, str]] = {}
        assert _Checker(ctx).duplicates(table, people) == want
        assert people == want_people
    assert batch_people(table, ctx) == want_people
    # the rules' own pass tells submit the same (no second pass over the batch)
    found: dict[int, tuple[str, str, str]] = {}
    codes = check_records(table, ctx, workers=1, people=found)
    assert found == want_people
    assert [i for i, c in enumerate(codes) if "R_DUPLICATE" in c] == want


def test_the_key_fields_are_the_records_own() -> None:
    rows = [{"first_name": "ANA", "zip": "60404", "tin": "123456789"}, {"last_name": "LEE"}]
    table = RecordTable.from_records(records(rows))
    assert list(rules._key_fields(table)) == [
        {c: r.get(c) for c in KEY_COLUMNS} for r in table]

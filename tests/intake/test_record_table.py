"""RecordTable: a batch's records as Arrow columns (issue 9 item 2), read back exactly as
the records they were built from, whatever the access: in order, by position across
blocks, by slice, by selection, by seq, by column, and after travelling to a process.

BLOCK (the rows decoded at a time) is made tiny here, so that a handful of records spans
several blocks and every path crosses block boundaries."""

from __future__ import annotations

import csv
import io
import pickle
from collections.abc import Iterator
from unittest import mock

import pyarrow as pa  # type: ignore[import-untyped]
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dgate.intake import recordtable
from dgate.intake.limits import Limits
from dgate.intake.records import read_records
from dgate.intake.recordtable import RecordTable, column
from dgate.model import RECORD_COLUMNS, RequestRecord

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
               max_size=6)
ROWS = st.lists(st.tuples(*(TEXT for _ in RECORD_COLUMNS)), max_size=12)


@pytest.fixture
def tiny_blocks() -> Iterator[None]:
    with mock.patch.object(recordtable, "BLOCK", 3):
        yield


def _expected(rows: list[tuple[str, ...]], first: int = 1) -> list[RequestRecord]:
    return [RequestRecord(first + i, dict(zip(RECORD_COLUMNS, row, strict=True)))
            for i, row in enumerate(rows)]


@settings(max_examples=150, deadline=None)
@given(rows=ROWS, data=st.data())
def test_every_way_of_reading_gives_the_records_back(rows: list[tuple[str, ...]],
                                                      data: st.DataObject) -> None:
    with mock.patch.object(recordtable, "BLOCK", 3):
        table = RecordTable.from_values(rows)
        want = _expected(rows)
        assert len(table) == len(want)
        assert list(table) == want
        # by position, in an order that jumps between blocks and back
        order = data.draw(st.permutations(range(len(want))))
        assert [table[i] for i in order] == [want[i] for i in order]
        if want:
            assert table[-1] == want[-1]
        # slices (a view keeps the records' seqs), with a step too
        start = data.draw(st.integers(-15, 15))
        stop = data.draw(st.integers(-15, 15))
        step = data.draw(st.sampled_from([1, 2, 3]))
        assert list(table[start:stop:step]) == want[start:stop:step]
        # a selection, in the order given, repeats allowed
        picked = data.draw(st.lists(st.sampled_from(range(len(want))), max_size=8)) \
            if want else []
        assert list(table.take(picked)) == [want[i] for i in picked]
        # by seq, by column, the seqs
        for r in want:
            assert table.at_seq(r.seq) == r
        for name in RECORD_COLUMNS:
            assert table.column(name) == [r.get(name) for r in want]
            assert column(want, name) == table.column(name)
        assert table.seqs() == [r.seq for r in want]
        # a few fields of every record, block by block; of some records, by seq
        names = data.draw(st.lists(st.sampled_from(RECORD_COLUMNS), max_size=4))
        blocks = list(table.value_blocks(names))
        assert [s for seqs, _ in blocks for s in seqs] == [r.seq for r in want]
        for k, name in enumerate(names):
            assert [v for _, values in blocks for v in values[k]] == [r.get(name) for r in want]
        asked = data.draw(st.lists(st.sampled_from([r.seq for r in want]), max_size=8)) \
            if want else []
        assert table.columns_at_seqs(asked, names) == [
            [table.at_seq(s).get(name) for s in asked] for name in names]
        # to another process and back: the table, not decoded rows
        assert list(pickle.loads(pickle.dumps(table[1:]))) == want[1:]


@pytest.mark.usefixtures("tiny_blocks")
def test_records_with_their_own_seqs() -> None:
    """From records numbered any way (a test's, a selection's): their seqs are kept and
    at_seq finds them; a seq no record has is a KeyError."""
    records = [RequestRecord(s, {c: f"{c}{s}" for c in RECORD_COLUMNS}) for s in (7, 3, 12, 4)]
    table = RecordTable.from_records(records)
    assert list(table) == records
    assert [table.at_seq(s).seq for s in (12, 3, 7, 4)] == [12, 3, 7, 4]
    with pytest.raises(KeyError):
        table.at_seq(5)
    assert table.columns_at_seqs([12, 3, 12], ["reason", "tin"]) == [
        ["reason12", "reason3", "reason12"], ["tin12", "tin3", "tin12"]]
    for missing_seq, name in ((5, "reason"), (3, "no_such_column")):
        with pytest.raises(KeyError):
            table.columns_at_seqs([missing_seq], [name])
    with pytest.raises(KeyError):
        next(table.value_blocks(["no_such_column"]))
    numbered = RecordTable.from_values([("x",) * len(RECORD_COLUMNS)] * 5, first_seq=10)
    assert numbered.at_seq(14).seq == 14
    for missing in (9, 15):
        with pytest.raises(KeyError):
            numbered.at_seq(missing)
    with pytest.raises(IndexError):
        numbered[5]
    # a field a record lacks is ''
    sparse = RecordTable.from_records([RequestRecord(1, {"first_name": "ANA"})])
    assert sparse[0].fields == dict.fromkeys(RECORD_COLUMNS, "") | {"first_name": "ANA"}


@pytest.mark.usefixtures("tiny_blocks")
def test_the_table_is_equal_to_its_records_and_to_nothing_else() -> None:
    rows = [tuple(f"{c}{i}" for c in RECORD_COLUMNS) for i in range(5)]
    table = RecordTable.from_values(rows)
    assert table == _expected(rows) == table
    assert table == RecordTable.from_records(_expected(rows))
    assert table != _expected(rows)[:4]
    assert table != _expected(rows, first=2)
    assert RecordTable.from_values([]) == ()


# --- the CSV reader that fills it --------------------------------------------------------

CELL = st.text(alphabet=st.sampled_from(list('ab,"\r\n é')), max_size=5)


def _csv_text(rows: list[list[str]], ending: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator=ending).writerows(rows)
    return out.getvalue()


@settings(max_examples=200, deadline=None)
@given(body=st.lists(st.lists(CELL, min_size=len(RECORD_COLUMNS), max_size=len(RECORD_COLUMNS)),
                     max_size=6),
       ending=st.sampled_from(["\r\n", "\n", "\r"]), bom=st.booleans())
def test_csv_records_as_the_whole_text_gives_them(body: list[list[str]], ending: str,
                                                  bom: bool) -> None:
    """The reader decodes the file as it parses it (not a copy of its whole text): quoted
    line breaks, CR, LF or CRLF line ends and a BOM read as csv gives them from the text."""
    header = list(RECORD_COLUMNS)
    data = (b"\xef\xbb\xbf" if bom else b"") + _csv_text([header, *body], ending).encode()
    with mock.patch.object(recordtable, "BLOCK", 3):
        _columns, records = read_records("records.csv", data, Limits())
    text = data.decode("utf-8-sig")
    rows = [cells for cells in csv.reader(io.StringIO(text, newline=""), strict=True) if cells]
    # (a row shorter than the header leaves the rest empty)
    want = [{h: cells[i].strip() if i < len(cells) else "" for i, h in enumerate(header)}
            for cells in rows[1:]]
    want = [w for w in want if any(w.values())]
    assert [{k: r.get(k) for k in header} for r in records] == want
    assert [r.seq for r in records] == list(range(1, len(want) + 1))


def _chunked(blocks: int) -> RecordTable:
    """A table of `blocks` chunks of BLOCK rows each, numbered 1.., as intake builds one
    (each chunk's text the same arrays: little to build)."""
    n = recordtable.BLOCK
    text = [pa.array([f"{c}-{i}" for i in range(n)], pa.string()) for c in RECORD_COLUMNS]
    return RecordTable(pa.Table.from_batches([pa.RecordBatch.from_arrays(
        [pa.array(range(b * n + 1, (b + 1) * n + 1), pa.int64()), *text],
        schema=recordtable._SCHEMA) for b in range(blocks)]))


def test_a_piece_taken_from_a_table_of_many_chunks_is_arrows_take() -> None:
    """`take` joins only the chunks between the first and last position asked for (Arrow's
    own take joined every column's chunks whole on each call: a batch handed over piece by
    piece cost time quadratic in its records; measured in docs/scaling.md "Session 32", not
    asserted here). The rows are Arrow's take's, in the order given, whatever the span:
    inside one chunk, across chunks, from the first row, repeated, reversed."""
    for table in (_chunked(2), _chunked(40)):
        n = len(table)
        for positions in (range(n - 6_000, n - 1_000), [3, n - 6_000, 3], [0],
                          range(recordtable.BLOCK - 2, recordtable.BLOCK + 2),
                          [n - 1, 5, recordtable.BLOCK], []):
            want = table._table.take(pa.array(list(positions), pa.int64()))
            assert table.take(positions)._table.equals(want)
            assert table.columns_at_seqs([p + 1 for p in positions], ["reason"]) == [
                want.column("reason").to_pylist()]


def test_values_replaced_at_positions_leave_the_rest_and_the_original(
        tiny_blocks: None) -> None:
    """`with_values` (submit._as_told: a first occurrence read with its repeats' date of
    birth): a copy with one field set at the positions given, every other field and record
    as it was, the table it was made from unchanged."""
    records = [RequestRecord(10 + i, {"request_id": f"R{i}", "date_of_birth": ""})
               for i in range(5)]
    table = RecordTable.from_records(records)
    told = table.with_values("date_of_birth", {1: "1962-07-15", 4: "1990-05-05"})
    assert told.column("date_of_birth") == ["", "1962-07-15", "", "", "1990-05-05"]
    assert told.column("request_id") == table.column("request_id")
    assert told.seqs() == table.seqs() and told.at_seq(11).get("date_of_birth") == "1962-07-15"
    assert table.column("date_of_birth") == [""] * 5
    with pytest.raises(KeyError):
        table.with_values("not_a_column", {0: "x"})


A_NUMBERS = st.lists(st.sampled_from(["", "A012", "12", "A-0-1-2", "A99", "0", "A", "x9x9"]),
                     max_size=12)


@settings(max_examples=60, deadline=None)
@given(values=A_NUMBERS)
def test_shared_values_groups_what_a_number_of_reads_alike(values: list[str]) -> None:
    """The A-number groups read in Arrow equal those rules.record.a_number_of makes one
    record at a time: digits only, leading zeros dropped, nothing (or only zeros) no one's."""
    from dgate.rules.record import A_NUMBER_NOISE, a_number_of

    rows = [tuple(v if c == "a_number" else "" for c in RECORD_COLUMNS) for v in values]
    table = RecordTable.from_values(rows, first_seq=5)
    expected: dict[str, list[int]] = {}
    for seq, v in enumerate(values, start=5):
        if a_number_of({"a_number": v}):
            expected.setdefault(a_number_of({"a_number": v}), []).append(seq)
    assert table.shared_values("a_number", A_NUMBER_NOISE, "0") == [
        seqs for seqs in expected.values() if len(seqs) > 1]


TINS = st.lists(st.lists(st.sampled_from(
    ["619", "10", "0003", "0002", "-", "\u2012", " ", "\u00a0", "\x1c", "\t", "7", "x"]),
    max_size=8).map("".join), max_size=12)


@settings(max_examples=60, deadline=None)
@given(values=TINS)
@example(values=["\x1c619100003", "\u00a0619-10-0003\u2003", "619 100003", "619\u201210-0002",
                 "x619100003", "619100003"])
def test_tin_givers_find_every_record_matching_reads_as_an_answered_tin(
        values: list[str]) -> None:
    """Red team r34: the requests giving an answered TIN, found in Arrow
    (service.submit._tin_givers over RecordTable.values_among), are exactly those whose TIN
    matching reads (rules.record.tin_digits) as one of the answered TINs, whatever the
    dashes and blanks; an answered request itself is none of them."""
    from dgate.rules.record import tin_digits
    from dgate.service.submit import _tin_givers

    rows = [tuple(v if c == "tin" else "" for c in RECORD_COLUMNS) for v in values]
    table = RecordTable.from_values(rows, first_seq=5)
    answered = [(1000, "619100003", "{}"), (1001, "619100002", "{}"), (5, "619100003", "{}")]
    expected: dict[str, list[int]] = {}
    for seq, v in enumerate(values, start=5):
        if seq != 5 and tin_digits(v) in ("619100003", "619100002"):
            expected.setdefault(tin_digits(v), []).append(seq)
    assert _tin_givers(answered, table) == expected


@settings(max_examples=60, deadline=None)
@given(values=A_NUMBERS)
def test_given_values_reads_each_a_number_as_a_number_of(values: list[str]) -> None:
    """Each record's A-number read in Arrow (what submit looks up and write_batch indexes,
    red team r35) is rules.record.a_number_of's; a record giving none has no entry."""
    from dgate.rules.record import A_NUMBER_NOISE, a_number_of

    rows = [tuple(v if c == "a_number" else "" for c in RECORD_COLUMNS) for v in values]
    table = RecordTable.from_values(rows, first_seq=5)
    assert table.given_values("a_number", A_NUMBER_NOISE, "0") == {
        seq: a_number_of({"a_number": v}) for seq, v in enumerate(values, start=5)
        if a_number_of({"a_number": v})}
    with pytest.raises(KeyError):
        table.given_values("not_a_column", A_NUMBER_NOISE)

"""A batch's records held column-wise in Arrow, not as one Python object per record
(issue 9 item 2: memory stays bounded as batches grow).

A `RequestRecord` with its dict of 20 fields costs about 1.6 KB of Python objects: 2.1 GB
for the 1.28M-record batch that went through in 2025, more than four times the Arrow
columns of the same text. `RecordTable` keeps one string column per RECORD_COLUMNS name
and the records' seq, and is a `Sequence[RequestRecord]` whose records are made when they
are read: by block (`BLOCK` rows at a time, the last block read kept decoded), so a pass
in seq order makes each record once and holds one block of them.

What reads the whole batch over and over reads the columns it needs instead (`column`),
and a slice or a selection of records travels to another process as Arrow (`take`; a
RecordTable pickles as its Arrow table), not as a list of dicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, overload

import pyarrow as pa  # type: ignore[import-untyped]

from dgate.model import RECORD_COLUMNS, RequestRecord

BLOCK = 16_384
"""Rows turned into Python objects at a time, reading or building."""

_SCHEMA = pa.schema([("seq", pa.int64()), *((c, pa.string()) for c in RECORD_COLUMNS)])


class RecordTable(Sequence[RequestRecord]):
    """The records of a batch, in order, held as Arrow columns (see the module)."""

    __slots__ = ("_table", "_cached", "_positions")

    def __init__(self, table: pa.Table) -> None:
        if not table.schema.equals(_SCHEMA):
            raise ValueError("a record table holds seq and every record column as text")
        self._table = table
        # the last block decoded and its records, one attribute (replaced whole, so that
        # a reader on another thread never sees one block's number with another's records)
        self._cached: tuple[int, list[RequestRecord]] = (-1, [])
        self._positions: int | dict[int, int] | None = None

    # --- building --------------------------------------------------------------------

    @classmethod
    def from_values(cls, rows: Iterable[Sequence[str]], first_seq: int = 1) -> RecordTable:
        """From rows of RECORD_COLUMNS values (in that order), numbered from `first_seq`;
        at most BLOCK rows are held as Python objects at a time."""
        builder = _Builder(first_seq)
        for row in rows:
            builder.add(row)
        return builder.finish()

    @classmethod
    def from_records(cls, records: Iterable[RequestRecord]) -> RecordTable:
        """From records as they are (their own seqs; a field they lack is '')."""
        if isinstance(records, RecordTable):
            return records
        seqs: list[int] = []
        values: list[list[str]] = [[] for _ in RECORD_COLUMNS]
        for r in records:
            seqs.append(r.seq)
            for column, name in zip(values, RECORD_COLUMNS, strict=True):
                column.append(r.get(name))
        return cls(pa.Table.from_arrays(
            [pa.array(seqs, pa.int64()), *(pa.array(v, pa.string()) for v in values)],
            schema=_SCHEMA))

    # --- reading ---------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self._table.num_rows)

    @overload
    def __getitem__(self, index: int) -> RequestRecord: ...

    @overload
    def __getitem__(self, index: slice) -> RecordTable: ...

    def __getitem__(self, index: int | slice) -> RequestRecord | RecordTable:
        n = len(self)
        if isinstance(index, slice):
            start, stop, step = index.indices(n)
            if step != 1:
                return self.take(range(start, stop, step))
            return RecordTable(self._table.slice(start, max(0, stop - start)))
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("record index out of range")
        block, at = divmod(index, BLOCK)
        cached, rows = self._cached
        if block != cached:
            rows = self._decode(block * BLOCK, BLOCK)
            self._cached = (block, rows)
        return rows[at]

    def __iter__(self) -> Iterator[RequestRecord]:
        for start in range(0, len(self), BLOCK):
            yield from self._decode(start, BLOCK)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RecordTable):
            return bool(self._table.equals(other._table))
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(
                a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        # to another process as the Arrow table, never its decoded rows
        return (RecordTable, (self._table,))

    def __repr__(self) -> str:
        return f"RecordTable({len(self)} records)"

    def column(self, name: str) -> list[str]:
        """One field of every record, in order (name: one of RECORD_COLUMNS)."""
        if name not in RECORD_COLUMNS:
            raise KeyError(name)
        values: list[str] = self._table.column(name).to_pylist()
        return values

    def seqs(self) -> list[int]:
        values: list[int] = self._table.column("seq").to_pylist()
        return values

    def with_values(self, name: str, values: Mapping[int, str]) -> RecordTable:
        """A copy whose field `name` (one of RECORD_COLUMNS) holds these values at these
        positions, the rest as it was: one column rebuilt, no record made."""
        if name not in RECORD_COLUMNS:
            raise KeyError(name)
        column = self.column(name)
        for position, value in values.items():
            column[position] = value
        index = self._table.schema.get_field_index(name)
        return RecordTable(self._table.set_column(index, _SCHEMA.field(name),
                                                  pa.array(column, pa.string())))

    def take(self, positions: Iterable[int]) -> RecordTable:
        """The records at these positions, in the order given (a copy: it pickles as just
        those records)."""
        return RecordTable(_take(self._table, list(positions)))

    def at_seq(self, seq: int) -> RequestRecord:
        """The record numbered `seq` (KeyError if none is)."""
        return self[self._position(seq)]

    def _position(self, seq: int) -> int:
        if self._positions is None:
            seqs = self.seqs()
            first = seqs[0] if seqs else 0
            # as read from a file: numbered 1.. in order, the position is the number's
            self._positions = first if seqs == list(range(first, first + len(seqs))) else \
                {s: i for i, s in enumerate(seqs)}
        if isinstance(self._positions, int):
            index = seq - self._positions
            if not 0 <= index < len(self):
                raise KeyError(seq)
            return index
        return self._positions[seq]

    def columns_at_seqs(self, seqs: Iterable[int], names: Sequence[str]) -> list[list[str]]:
        """Of the records numbered `seqs` (in that order; KeyError for a number no record
        has), the fields `names` (each one of RECORD_COLUMNS): one list per name, read
        from the columns without making the records (`at_seq` makes a block of them)."""
        for name in names:
            if name not in RECORD_COLUMNS:
                raise KeyError(name)
        part = _take(self._table, [self._position(s) for s in seqs])
        return [part.column(name).to_pylist() for name in names]

    def shared_values(self, name: str, noise: str, leading: str = "") -> list[list[int]]:
        """The seqs of the records sharing a value of field `name` (one of RECORD_COLUMNS)
        read without the characters the regular expression `noise` matches and the
        `leading` characters at its start: one list per value two or more records give, in
        the records' order; a value that is empty so read is no one's. In Arrow, no record
        made: a batch's A-numbers are read whole (red team r33)."""
        if name not in RECORD_COLUMNS:
            raise KeyError(name)
        import pyarrow.compute as pc  # type: ignore[import-untyped]

        values = pc.replace_substring_regex(self._table.column(name), noise, "")
        if leading:
            values = pc.utf8_ltrim(values, leading)
        counts = pc.value_counts(values)
        shared = pc.filter(counts.field("values"), pc.and_(
            pc.greater(counts.field("counts"), 1),
            pc.not_equal(counts.field("values"), "")))
        if not len(shared):
            return []
        at = pc.is_in(values, value_set=shared)
        groups: dict[str, list[int]] = {}
        for seq, value in zip(pc.filter(self._table.column("seq"), at).to_pylist(),
                              pc.filter(values, at).to_pylist(), strict=True):
            groups.setdefault(value, []).append(seq)
        return list(groups.values())

    def values_among(self, name: str, noise: str, wanted: Iterable[str],
                     leave_out: Iterable[int] = ()) -> list[tuple[int, str]]:
        """(seq, value as written) of the records whose field `name` (one of
        RECORD_COLUMNS), read without the characters the regular expression `noise`
        matches, is one of `wanted`, in the records' order, but for the records numbered
        `leave_out`. In Arrow: only those records' values are made Python objects (a
        batch's TINs, for the few requests left unanswered that give an answered one: red
        team r34)."""
        if name not in RECORD_COLUMNS:
            raise KeyError(name)
        values = list(set(wanted))
        if not values or not len(self):
            return []
        import pyarrow.compute as pc  # type: ignore[import-untyped]

        written = self._table.column(name)
        at = pc.is_in(pc.replace_substring_regex(written, noise, ""),
                      value_set=pa.array(values, pa.string()))
        left = list(set(leave_out))
        if left:
            at = pc.and_(at, pc.invert(pc.is_in(self._table.column("seq"),
                                                value_set=pa.array(left, pa.int64()))))
        return list(zip(pc.filter(self._table.column("seq"), at).to_pylist(),
                        pc.filter(written, at).to_pylist(), strict=True))

    def given_values(self, name: str, noise: str, leading: str = "") -> dict[int, str]:
        """seq -> the value of field `name` read as `shared_values` reads it, for each record
        whose value so read is not empty. In Arrow: a batch that gives none costs no record
        made (red team r35: each answered request's A-number, at submit and write)."""
        if name not in RECORD_COLUMNS:
            raise KeyError(name)
        import pyarrow.compute as pc

        values = pc.replace_substring_regex(self._table.column(name), noise, "")
        if leading:
            values = pc.utf8_ltrim(values, leading)
        given = pc.not_equal(values, "")
        return dict(zip(pc.filter(self._table.column("seq"), given).to_pylist(),
                        pc.filter(values, given).to_pylist(), strict=True))

    def value_blocks(self, names: Sequence[str]
                     ) -> Iterator[tuple[list[int], list[list[str]]]]:
        """The records in order, BLOCK at a time, as (their seqs, one list of values per
        name in `names`): a pass over a few fields of every record without making the
        records."""
        for name in names:
            if name not in RECORD_COLUMNS:
                raise KeyError(name)
        for start in range(0, len(self), BLOCK):
            part = self._table.slice(start, BLOCK)
            yield (part.column("seq").to_pylist(),
                   [part.column(name).to_pylist() for name in names])

    def _decode(self, start: int, count: int) -> list[RequestRecord]:
        part = self._table.slice(start, count)
        seqs = part.column("seq").to_pylist()
        columns = [part.column(c).to_pylist() for c in RECORD_COLUMNS]
        return [RequestRecord(seq, dict(zip(RECORD_COLUMNS, values, strict=True)))
                for seq, values in zip(seqs, zip(*columns, strict=True), strict=True)]


def _take(table: pa.Table, positions: list[int]) -> pa.Table:
    """`table.take(positions)`, the same rows, in time that grows with the span of the
    positions rather than with the table: Arrow's take over a table of many chunks (a batch
    is built BLOCK rows a chunk) joins every column's chunks into one first, all of them,
    on every call, so taking a batch piece by piece cost time quadratic in its records
    (1M records in pieces of 5,000: 7.9 s of CPU; 50,000: 1.5 s). Here only the chunks'
    rows between the first and the last position are joined (copied), and taken from."""
    n = table.num_rows
    if not positions or min(positions) < 0 or max(positions) >= n:
        return table.take(pa.array(positions, pa.int64()))  # none, or Arrow's IndexError
    lo, hi = min(positions), max(positions)
    part = table.slice(lo, hi - lo + 1).combine_chunks()
    return part.take(pa.array([p - lo for p in positions] if lo else positions, pa.int64()))


class _Builder:
    """Rows in, Arrow columns out, BLOCK rows at a time."""

    def __init__(self, first_seq: int) -> None:
        self._next = first_seq
        self._pending: list[Sequence[str]] = []
        self._batches: list[pa.RecordBatch] = []

    def add(self, row: Sequence[str]) -> None:
        self._pending.append(row)
        if len(self._pending) >= BLOCK:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        n = len(self._pending)
        columns = list(zip(*self._pending, strict=True))
        seqs = pa.array(range(self._next, self._next + n), pa.int64())
        self._batches.append(pa.RecordBatch.from_arrays(
            [seqs, *(pa.array(c, pa.string()) for c in columns)], schema=_SCHEMA))
        self._next += n
        self._pending = []

    def finish(self) -> RecordTable:
        self._flush()
        return RecordTable(pa.Table.from_batches(self._batches, schema=_SCHEMA))


def column(records: Sequence[RequestRecord], name: str) -> list[str]:
    """One field of every record: from the column when the records are a RecordTable."""
    if isinstance(records, RecordTable):
        return records.column(name)
    return [r.get(name) for r in records]

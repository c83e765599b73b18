"""engine.arrow_rows gives what `to_pylist` gives (the relevant rows the policy reads)."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from dgate.match.engine import arrow_rows

_SCHEMA = pa.schema([("seq", pa.int64()), ("tin", pa.string()), ("bits", pa.float64()),
                     ("tokens", pa.list_(pa.string())), ("born", pa.date32()),
                     ("died", pa.date32()), ("tied", pa.bool_()), ("level", pa.int32())])
_ROW = st.fixed_dictionaries({
    "seq": st.integers(-2**63, 2**63 - 1), "tin": st.none() | st.text(max_size=4),
    "bits": st.none() | st.floats(allow_nan=False),
    "tokens": st.none() | st.lists(st.none() | st.text(max_size=3), max_size=3),
    "born": st.none() | st.dates(), "died": st.none() | st.sampled_from(
        [date(1, 1, 1), date(1969, 12, 31), date(1970, 1, 1), date(9999, 12, 31)]),
    "tied": st.none() | st.booleans(), "level": st.none() | st.integers(-1, 5)})


@settings(deadline=None)
@given(st.lists(_ROW, max_size=30))
def test_arrow_rows_are_to_pylist(rows: list[dict[str, object]]) -> None:
    batch = pa.RecordBatch.from_pylist(rows, schema=_SCHEMA)
    got, want = arrow_rows(batch), batch.to_pylist()
    assert got == want
    assert [[type(v) for v in r.values()] for r in got] == [
        [type(v) for v in r.values()] for r in want]
    assert [list(r) for r in got] == [list(r) for r in want]
    table = pa.Table.from_batches([batch, batch])  # chunked columns
    assert arrow_rows(table) == table.to_pylist()

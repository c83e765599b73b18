"""Readers for the records file: CSV, XLSX, Parquet and JSON Lines.

Each reader turns the file's exact bytes into (columns, records) or raises InputError with
one line naming the file and the place. Every exception the parsing libraries raise is
translated here: no traceback escapes for bad input, and no message carries a field value.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from dgate.errors import InputError
from dgate.intake.limits import Limits
from dgate.intake.strictjson import JsonProblem, strict_loads
from dgate.intake.table import (
    Row,
    build_records,
    check_columns,
    column_key,
    column_label,
    header_columns,
)
from dgate.intake.xlsx import read_xlsx_rows

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    from dgate.intake.recordtable import RecordTable

# pyarrow and openpyxl (in dgate.intake.xlsx) are imported where used: together they take
# a fifth of a second to load, which every CLI command would otherwise pay.

UTF8_BOM = b"\xef\xbb\xbf"

Table = tuple[tuple[str, ...], "RecordTable"]
Counter = Callable[[int], None] | None
"""Told how many records have been read (build_records' `progress`)."""
Reader = Callable[[str, bytes, Limits, Counter], Table]

_PARQUET_BATCH_ROWS = 4096


def read_records(name: str, data: bytes, limits: Limits, progress: Counter = None) -> Table:
    """Parse a records file by its extension. Returns the lower-cased header (every column,
    as given) and the records in file order; `progress` is told how many are read."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    reader = _READERS.get(suffix)
    if reader is None:
        expected = ", ".join(f".{s}" for s in _READERS)
        raise InputError(f"{name}: unknown records file format (expected {expected})")
    return reader(name, data, limits, progress)


def decode_utf8(name: str, data: bytes) -> str:
    """Strict UTF-8 with a leading BOM tolerated; the error names the line and byte offset."""
    skip = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
        line = data.count(b"\n", 0, offset) + 1
        raise InputError(f"{name} line {line} (byte {offset}): not valid UTF-8") from None


# --- CSV -----------------------------------------------------------------------------------


def read_csv(name: str, data: bytes, limits: Limits, progress: Counter = None
             ) -> Table:
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError(f"{name} line {line} (byte {nul}): contains a NUL byte")
    # The whole file is checked first (a bad byte anywhere is reported before any CSV
    # problem, with its line and offset) and then decoded again as it is parsed: holding
    # its text for the parse (io.StringIO keeps four bytes a character) took 1.8 GB at the
    # 1.28M-record batch's 450 MB. "utf-8-sig" drops the BOM decode_utf8 tolerates.
    decode_utf8(name, data)
    # newline="" keeps line breaks inside quoted fields intact, as RFC 4180 requires.
    # strict=True refuses a stray quote after a closing quote and an unterminated quoted
    # field, instead of silently swallowing the rest of the file into one value.
    text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
    reader = csv.reader(text, strict=True)
    rows = _csv_rows(reader)
    try:
        first = next(rows, None)
        if first is None:
            raise InputError(f"{name}: empty, no header row")
        columns = header_columns(name, first[1], limits)
        return columns, build_records(name, columns, rows, limits, progress)
    except csv.Error as exc:
        # csv's messages describe the syntax ("unexpected end of data"), never the data.
        raise InputError(f"{name} line {max(reader.line_num, 1)}: malformed CSV ({exc})") from None


def _csv_rows(reader: Any) -> Iterator[Row]:
    """Rows with the line each starts on; blank lines are skipped."""
    start = 1
    for cells in reader:
        place = f"line {start}"
        start = reader.line_num + 1
        if cells:
            yield place, cells


# --- XLSX ----------------------------------------------------------------------------------


def read_xlsx(name: str, data: bytes, limits: Limits, progress: Counter = None
              ) -> Table:
    """The first worksheet, read by the streaming reader in dgate.intake.xlsx."""
    rows = read_xlsx_rows(name, data, limits)
    first = next(rows, None)
    if first is None:
        raise InputError(f"{name}: the first worksheet is empty, no header row")
    columns = header_columns(name, first[1], limits)
    return columns, build_records(name, columns, rows, limits, progress)


# --- Parquet -------------------------------------------------------------------------------


def read_parquet(name: str, data: bytes, limits: Limits, progress: Counter = None
                 ) -> Table:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(pa.BufferReader(data))
        _precheck_parquet(name, parquet, limits)
        columns = header_columns(name, parquet.schema_arrow.names, limits)
        _check_parquet_types(name, parquet.schema_arrow, columns)
        return columns, build_records(name, columns, _parquet_rows(parquet), limits,
                                      progress)
    except InputError:
        raise
    except Exception as exc:  # pyarrow raises ArrowException, OSError, ValueError …
        raise InputError(f"{name}: not a readable Parquet file ({type(exc).__name__})") from None


def _precheck_parquet(name: str, parquet: pq.ParquetFile, limits: Limits) -> None:
    """Refuse from the footer alone what would be too big to decode."""
    meta = parquet.metadata
    if meta.num_rows > limits.max_records:
        raise InputError(f"{name}: more than {limits.max_records} records")
    if meta.num_columns > limits.max_columns:
        raise InputError(
            f"{name} header: {meta.num_columns} columns, more than the {limits.max_columns} allowed"
        )
    declared = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if declared > limits.max_bytes:
        raise InputError(f"{name}: more than {limits.max_bytes} bytes once decoded")


def _check_parquet_types(name: str, schema: pa.Schema, columns: Sequence[str]) -> None:
    for index, column_field in enumerate(schema):
        if not _scalar_type(column_field.type):
            raise InputError(
                f"{name} column {column_label(columns, index)}: unsupported type"
                f" {column_field.type} (only text, numbers, booleans and dates)"
            )


def _scalar_type(kind: pa.DataType) -> bool:
    import pyarrow as pa

    if pa.types.is_dictionary(kind):
        return _scalar_type(kind.value_type)
    checks = (
        pa.types.is_null, pa.types.is_boolean, pa.types.is_integer, pa.types.is_floating,
        pa.types.is_decimal, pa.types.is_string, pa.types.is_large_string,
        pa.types.is_binary, pa.types.is_large_binary, pa.types.is_date,
        pa.types.is_timestamp, pa.types.is_time, pa.types.is_duration,
    )
    return any(check(kind) for check in checks)


def _parquet_rows(parquet: pq.ParquetFile) -> Iterator[Row]:
    number = 0
    for batch in parquet.iter_batches(batch_size=_PARQUET_BATCH_ROWS):
        # Column by column, not batch.to_pylist(): that builds dicts and would merge
        # repeated column names instead of letting the header check refuse them.
        values = [column.to_pylist() for column in batch.columns]
        for cells in zip(*values, strict=True):
            number += 1
            yield f"row {number}", cells


# --- JSON Lines ----------------------------------------------------------------------------


def read_jsonl(name: str, data: bytes, limits: Limits, progress: Counter = None
               ) -> Table:
    """Two passes over the lines: the first parses every line to check it and to learn the
    union of keys (the header: a missing required column is reported before any field's
    problem, as for the other formats), keeping none of the objects; the second parses
    them again into the records, one at a time (a 1.28M-line file held 1.28M dicts)."""
    text = decode_utf8(name, data)
    order: dict[str, None] = {}  # the union of keys, in order of first appearance
    count = 0
    for place, line in _jsonl_lines(text):
        obj = _parse_object(name, place, line, limits)
        for key in obj:
            order.setdefault(key)
        if len(order) > limits.max_columns:
            raise InputError(
                f"{name} {place}: more than {limits.max_columns} distinct keys in the file"
            )
        if count >= limits.max_records:
            raise InputError(f"{name}: more than {limits.max_records} records")
        count += 1
    if not count:
        raise InputError(f"{name}: empty, no records")
    columns = tuple(order)
    check_columns(name, columns)
    rows = ((place, [obj.get(column) for column in columns])
            for place, obj in ((place, _parse_object(name, place, line, limits))
                               for place, line in _jsonl_lines(text)))
    return columns, build_records(name, columns, rows, limits, progress)


def _jsonl_lines(text: str) -> Iterator[tuple[str, str]]:
    """The non-blank lines with their places. Split on "\n" only: str.splitlines would
    also split on U+2028 and friends, which may legally appear inside a JSON string."""
    number, at, end = 0, 0, len(text)
    while at <= end:
        nl = text.find("\n", at)
        if nl < 0:
            nl = end
        number += 1
        line = text[at:nl]
        if line.strip():
            yield f"line {number}", line
        at = nl + 1


def _parse_object(name: str, place: str, line: str, limits: Limits) -> dict[str, Any]:
    """One line as a JSON object with unique keys, each read as `column_key` reads it."""
    try:
        obj = strict_loads(line)
    except JsonProblem as problem:
        where = f"{place} column {problem.column}" if problem.column else place
        raise InputError(f"{name} {where}: {problem.description}") from None
    if not isinstance(obj, dict):
        raise InputError(f"{name} {place}: not a JSON object")
    if len(obj) > limits.max_columns:
        raise InputError(
            f"{name} {place}: {len(obj)} keys, more than the {limits.max_columns} allowed"
        )
    lowered: dict[str, Any] = {}
    for key, value in obj.items():
        folded = column_key(key)
        if folded in lowered:
            raise InputError(
                f"{name} {place}: two keys name the same column once case is ignored"
            )
        lowered[folded] = value
    return lowered


_READERS: dict[str, Reader] = {
    "csv": read_csv,
    "xlsx": read_xlsx,
    "parquet": read_parquet,
    "jsonl": read_jsonl,
    "ndjson": read_jsonl,
    "json": read_jsonl,  # JSON Lines under the plainer name (a JSON array is refused)
}

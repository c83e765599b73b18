"""Whatever bytes arrive, intake either reads them or raises InputError: nothing else."""

from __future__ import annotations

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from intake_builders import csv_bytes, sample_row

from dgate.errors import InputError
from dgate.intake.limits import Limits
from dgate.intake.package import decode_signature, parse_manifest
from dgate.intake.records import read_records
from dgate.model import RECORD_COLUMNS

LIMITS = Limits(max_records=50, max_field_chars=64, max_columns=40)
HEADER = ",".join(RECORD_COLUMNS).encode() + b"\r\n"
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text rich in what CSV and JSON parsers trip over.
_TRICKY = st.sampled_from(
    ['"', ",", "\n", "\r", "\r\n", "\x00", "\ufeff", "{", "}", "[", ":", "\\", "é", "\u2028", " "]
)
_TRICKY_TEXT = st.lists(st.one_of(_TRICKY, st.text(max_size=5)), max_size=40).map("".join)


def _reads_or_refuses(name: str, data: bytes) -> None:
    try:
        columns, records = read_records(name, data, LIMITS)
    except InputError as error:
        assert "\n" not in str(error)
        assert str(error).startswith(name)
        return
    # Anything accepted must respect the contract.
    assert len(records) <= LIMITS.max_records
    for seq, record in enumerate(records, start=1):
        assert record.seq == seq
        assert set(record.fields) == set(RECORD_COLUMNS)
        assert all(len(v) <= LIMITS.max_field_chars for v in record.fields.values())
        assert all(v == v.strip() for v in record.fields.values())
    assert len(set(filter(None, columns))) == len([c for c in columns if c])


@FAST
@given(st.binary(max_size=400))
def test_arbitrary_bytes_as_csv(data: bytes) -> None:
    _reads_or_refuses("records.csv", data)


@FAST
@given(_TRICKY_TEXT)
def test_valid_header_then_arbitrary_text_as_csv(body: str) -> None:
    _reads_or_refuses("records.csv", HEADER + body.encode("utf-8", "surrogatepass"))


@FAST
@given(st.binary(max_size=300))
def test_arbitrary_bytes_as_jsonl(data: bytes) -> None:
    _reads_or_refuses("records.jsonl", data)


@FAST
@given(_TRICKY_TEXT)
def test_tricky_text_after_a_valid_jsonl_line(tail: str) -> None:
    first = b'{"request_id":"R1","first_name":"A","last_name":"B","taxable_periods":"2024",' \
            b'"reason":"r","final_order_date":"2025-01-01","case_number":"C","case_agent_id":"G",' \
            b'"address":"1 A St"}\n'
    _reads_or_refuses("records.jsonl", first + tail.encode("utf-8", "surrogatepass"))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_as_xlsx_and_parquet(data: bytes) -> None:
    _reads_or_refuses("records.xlsx", b"PK\x03\x04" + data)
    _reads_or_refuses("records.xlsx", data)
    _reads_or_refuses("records.parquet", b"PAR1" + data + b"PAR1")


def _small_valid_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
    return buffer.getvalue()


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_damaged_zip_as_xlsx(data: st.DataObject) -> None:
    raw = bytearray(_small_valid_zip())
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    _reads_or_refuses("records.xlsx", bytes(raw))


@FAST
@given(st.binary(max_size=200))
def test_arbitrary_bytes_as_manifest(data: bytes) -> None:
    try:
        manifest = parse_manifest(data)
    except InputError as error:
        assert str(error).startswith("batch.json")
        return
    assert isinstance(manifest, dict)


@FAST
@given(st.binary(max_size=200))
def test_arbitrary_bytes_as_signature(data: bytes) -> None:
    assert decode_signature(data) is None or isinstance(decode_signature(data), bytes)


def test_fuzz_oracle_accepts_a_good_file() -> None:
    """The oracle above must not pass vacuously: a good file is read, not refused."""
    columns, records = read_records("records.csv", csv_bytes([sample_row()]), LIMITS)
    assert columns == RECORD_COLUMNS and len(records) == 1


@FAST
@given(st.sampled_from(["\\ud800", "\\udfff", "A\\udc00B", "\\ud83d\\ude00", "\\u00e9",
                        "\\ud83d", "\\ude00\\ud83d"]),
       st.integers(min_value=0, max_value=3))
def test_json_escapes_of_lone_surrogates_are_refused_with_their_place(escape: str,
                                                                     before: int) -> None:
    """JSON can escape half a surrogate pair ("\\ud800"), which is no character: the line
    and column are named (InputError, as for any other bad text), never an encoder's
    error from deep in the records' storage. A whole pair is the character it encodes."""
    rest = ('"last_name":"B","taxable_periods":"2024","reason":"r","final_order_date":'
            '"2025-01-01","case_number":"C","case_agent_id":"G","address":"1 A St"}\n')
    lines = [f'{{"request_id":"R{i}","first_name":"A",{rest}' for i in range(before)]
    lines.append(f'{{"request_id":"X","first_name":"{escape}",{rest}')
    data = "".join(lines).encode()
    whole = escape.encode().decode("unicode_escape").encode("utf-16", "surrogatepass") \
        .decode("utf-16", "surrogatepass")
    try:
        whole.encode("utf-8")
    except UnicodeEncodeError:
        try:
            read_records("records.jsonl", data, LIMITS)
        except InputError as error:
            assert str(error) == f"records.jsonl line {before + 1} column first_name: " \
                                 "not valid Unicode text"
        else:
            raise AssertionError("a lone surrogate was read")
    else:
        _columns, records = read_records("records.jsonl", data, LIMITS)
        assert records[before].get("first_name") == whole

"""Numbers JSON cannot carry (issue 10: `1e999` read as infinity) and zip members named by
position, never by their (requester-chosen) names."""

from __future__ import annotations

import io
import json
import math
import zipfile
from pathlib import Path

import pytest
from intake_builders import csv_bytes, manifest_for, sample_row, write_package

from dgate.errors import InputError
from dgate.intake.limits import Limits
from dgate.intake.package import read_package
from dgate.intake.safezip import checked_entries, open_zip, read_member
from dgate.intake.strictjson import JsonProblem, strict_loads

PERSONAL = "Maria_Garcia_1980-04-12"


def refused(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_package(path)
    message = str(caught.value)
    assert "\n" not in message and caught.value.exit_code == 3
    return message


# --- non-finite numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(("text", "line", "column", "what"), [
    ('{"a": 1e999}', 1, 7, "too large"),
    ('{"a": "1e999",\n "b": [1, -1E400]}', 2, 11, "too large"),   # the string is no number
    ('{"a": 1.5e308,\n\n "b": 2e308}', 3, 7, "too large"),         # 1.5e308 is finite
    ("[NaN]", 1, 2, "NaN or Infinity"),
    ('{"NaN": "Infinity", "x": -Infinity}', 1, 26, "NaN or Infinity"),
    ('{"q": "say \\"9e999\\"", "n": 9e999}', 1, 29, "too large"),  # escaped quotes skipped
])
def test_non_finite_numbers_are_refused_with_their_place(
    text: str, line: int, column: int, what: str
) -> None:
    with pytest.raises(JsonProblem) as caught:
        strict_loads(text)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert what in caught.value.description
    # the place really is the offending token
    offset = sum(len(x) + 1 for x in text.split("\n")[: line - 1]) + column - 1
    assert text[offset] in "-NI123456789"


def test_large_finite_numbers_still_read() -> None:
    value = strict_loads('{"a": 1.7976931348623157e308, "b": -1e-400, "c": ' + "9" * 400 + "}")
    assert value["a"] == 1.7976931348623157e308 and value["b"] == 0.0 and value["c"] > 10**399
    assert all(math.isfinite(v) for v in (value["a"], value["b"]))


def test_manifest_with_1e999_exits_3_naming_line_and_column(tmp_path: Path) -> None:
    manifest = json.dumps(manifest_for(), indent=1).replace('"record_count": 1',
                                                           '"record_count": 1e999')
    line, column = next((i, t.index("1e999") + 1)
                        for i, t in enumerate(manifest.split("\n"), start=1) if "1e999" in t)
    folder = write_package(tmp_path / "pkg", csv_bytes([sample_row()]),
                           manifest=manifest.encode())
    assert refused(folder) == (f"batch.json line {line} column {column}: a number is too"
                               " large to be represented (not finite)")


def test_jsonl_record_with_1e999_exits_3_naming_the_line(tmp_path: Path) -> None:
    good = json.dumps(sample_row())
    bad = json.dumps(sample_row(request_id="R2"))[:-1] + ', "extra": -1e999}'
    folder = write_package(tmp_path / "pkg", f"{good}\n{bad}\n".encode(), "records.jsonl",
                           manifest=manifest_for("records.jsonl"))
    message = refused(folder)
    column = bad.index("-1e999") + 1
    assert message == (f"records.jsonl line 2 column {column}: a number is too large to be"
                       " represented (not finite)")


# --- zip members named by position ----------------------------------------------------------


def _archive(entries: list[tuple[str, bytes]], method: int = zipfile.ZIP_STORED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return out.getvalue()


def test_read_member_over_its_cap_names_the_entry_by_position() -> None:
    data = _archive([("batch.json", b"{}"), (f"{PERSONAL}.csv", b"x" * 100)])
    with open_zip(data, "pkg.zip") as zf:
        entries = checked_entries(zf, "pkg.zip", Limits())
        assert read_member(zf, entries[1], "pkg.zip", 100) == b"x" * 100
        with pytest.raises(InputError) as caught:
            read_member(zf, entries[1], "pkg.zip", 99)
    assert str(caught.value) == "pkg.zip entry 2: larger than 99 bytes"


def test_corrupt_member_named_by_position_in_a_real_package(tmp_path: Path) -> None:
    records = csv_bytes([sample_row()])
    manifest = json.dumps(manifest_for(f"{PERSONAL}.csv")).encode()
    raw = bytearray(_archive([("batch.json", manifest), ("batch.json.sig", b"AAAA"),
                              (f"{PERSONAL}.csv", records)]))
    at = bytes(raw).index(records) + 10  # stored: flip a byte of the data, the CRC no longer fits
    raw[at] ^= 0xFF
    target = tmp_path / "pkg.zip"
    target.write_bytes(bytes(raw))
    message = refused(target)
    assert message == "pkg.zip entry 3: cannot be read (BadZipFile)"
    assert "Maria" not in message and "1980" not in message

"""Packages that must be refused as a whole: InputError, one line naming the place, never
echoing the offending value (which would be taxpayer data)."""

from __future__ import annotations

import io
import json
import os
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest
from intake_builders import csv_bytes, manifest_for, sample_row, write_package, zip_folder

from dgate.errors import InputError
from dgate.intake.package import read_package
from dgate.model import RECORD_COLUMNS

SECRET = "SECRETVALUE"


def refused(path: Path, **limits: Any) -> str:
    with pytest.raises(InputError) as caught:
        read_package(path, **limits)
    message = str(caught.value)
    assert "\n" not in message
    assert caught.value.exit_code == 3
    return message


def good_records(**overrides: str) -> bytes:
    return csv_bytes([sample_row(**overrides)])


# --- manifest ------------------------------------------------------------------------------


def test_no_manifest(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "pkg", good_records())
    (folder / "batch.json").unlink()
    assert "no batch.json" in refused(folder)


def test_manifest_not_json(tmp_path: Path) -> None:
    raw = b'{"records_file": "records.csv",\n "reason": ' + SECRET.encode() + b"}"
    message = refused(write_package(tmp_path / "pkg", good_records(), manifest=raw))
    assert message.startswith("batch.json line 2 column")
    assert SECRET not in message


def test_manifest_not_utf8(tmp_path: Path) -> None:
    raw = b'{"records_file": "records.csv", "reason": "caf\xe9"}'
    message = refused(write_package(tmp_path / "pkg", good_records(), manifest=raw))
    offset = raw.index(b"\xe9")
    assert message == f"batch.json byte {offset}: not valid UTF-8"


@pytest.mark.parametrize("raw", [b"[1, 2]", b'"records.csv"', b"null"])
def test_manifest_not_an_object(tmp_path: Path, raw: bytes) -> None:
    message = refused(write_package(tmp_path / "pkg", good_records(), manifest=raw))
    assert message == "batch.json: not a JSON object"


def test_manifest_repeated_key_is_ambiguous(tmp_path: Path) -> None:
    raw = b'{"records_file": "records.csv", "records_file": "other.csv"}'
    message = refused(write_package(tmp_path / "pkg", good_records(), manifest=raw))
    assert "batch.json" in message and "more than once" in message


@pytest.mark.parametrize("value", [None, 42, ["records.csv"], ""])
def test_records_file_missing_or_not_a_string(tmp_path: Path, value: object) -> None:
    manifest = manifest_for()
    if value is None:
        del manifest["records_file"]
    else:
        manifest["records_file"] = value
    message = refused(write_package(tmp_path / "pkg", good_records(), manifest=manifest))
    assert "records_file" in message


@pytest.mark.parametrize("name", ["../records.csv", "sub/records.csv", "..", "a\\b.csv",
                                  " records.csv", "batch.json"])
def test_records_file_must_be_a_plain_name(tmp_path: Path, name: str) -> None:
    manifest = manifest_for(name)
    message = refused(write_package(tmp_path / "pkg", good_records(), manifest=manifest))
    assert "records_file must be a plain file name" in message


# --- records file as a whole ---------------------------------------------------------------


def test_records_file_missing(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "pkg", good_records())
    (folder / "records.csv").unlink()
    message = refused(folder)
    assert "'records.csv'" in message and "missing" in message


def test_unknown_extension(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "pkg", good_records(), "records.txt",
                           manifest=manifest_for("records.txt"))
    message = refused(folder)
    assert message.startswith("records.txt: unknown records file format")
    assert ".csv" in message and ".parquet" in message


def test_symlink_to_a_file_outside_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.csv"
    outside.write_bytes(good_records())
    folder = write_package(tmp_path / "pkg", good_records())
    (folder / "records.csv").unlink()
    (folder / "records.csv").symlink_to(outside)
    assert "links outside the package folder" in refused(folder)


def test_symlink_inside_the_folder_is_fine(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "pkg", good_records(), "real.csv",
                           manifest=manifest_for("records.csv"))
    (folder / "records.csv").symlink_to(folder / "real.csv")
    assert read_package(folder).records[0].request_id == "R1"


def test_records_file_is_a_fifo(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "pkg", good_records())
    (folder / "records.csv").unlink()
    os.mkfifo(folder / "records.csv")
    assert "not a plain file" in refused(folder)


def test_records_file_is_a_symlink_loop_or_a_folder(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "pkg", good_records())
    (folder / "records.csv").unlink()
    (folder / "records.csv").symlink_to(folder / "records.csv")
    assert "records.csv cannot be read" in refused(folder)
    (folder / "records.csv").unlink()
    (folder / "records.csv").mkdir()
    assert "records.csv is not a plain file" in refused(folder)


def test_records_file_over_the_byte_cap(tmp_path: Path) -> None:
    data = good_records()
    folder = write_package(tmp_path / "pkg", data)
    assert "larger than" in refused(folder, max_bytes=len(data) - 1)


# --- header --------------------------------------------------------------------------------


def test_missing_required_column_is_named(tmp_path: Path) -> None:
    columns = [c for c in RECORD_COLUMNS if c not in ("case_agent_id", "reason")]
    message = refused(write_package(tmp_path / "pkg", csv_bytes([sample_row()], columns)))
    assert message == "records.csv header: missing required column(s) reason, case_agent_id"


def test_missing_address_group_without_address_column(tmp_path: Path) -> None:
    columns = [c for c in RECORD_COLUMNS if c not in ("zip", "address")]
    message = refused(write_package(tmp_path / "pkg", csv_bytes([sample_row()], columns)))
    assert "missing address column(s) zip" in message


def test_duplicate_headers_after_lower_casing(tmp_path: Path) -> None:
    columns = [*RECORD_COLUMNS, "ZIP"]
    message = refused(write_package(tmp_path / "pkg", csv_bytes([sample_row()], columns)))
    assert message == "records.csv header: column 'zip' repeats column 13"


def test_unknown_duplicate_header_is_named_by_position(tmp_path: Path) -> None:
    columns = [*RECORD_COLUMNS, SECRET, SECRET.lower()]
    message = refused(write_package(tmp_path / "pkg", csv_bytes([sample_row()], columns)))
    assert message == "records.csv header: column 22 repeats column 21"


def test_too_many_columns(tmp_path: Path) -> None:
    columns = [*RECORD_COLUMNS, *(f"extra{i}" for i in range(10))]
    folder = write_package(tmp_path / "pkg", csv_bytes([sample_row()], columns))
    assert "30 columns, more than the 25 allowed" in refused(folder, max_columns=25)


def test_empty_records_file(tmp_path: Path) -> None:
    assert "empty, no header row" in refused(write_package(tmp_path / "pkg", b"\n\n"))


# --- rows ----------------------------------------------------------------------------------


def test_ragged_row_names_its_line(tmp_path: Path) -> None:
    # Row 2 spans lines 3-4 (a quoted newline), so row 3 starts on line 5.
    rows = [sample_row(), sample_row(street="1 A St\nFloor 2"), sample_row()]
    data = csv_bytes(rows)
    lines = data.split(b"\r\n")  # the quoted newline is a bare \n: row 2 stays one piece
    assert len(lines) == 5 and lines[3].startswith(b"R1,")
    lines[3] += b"," + SECRET.encode()
    message = refused(write_package(tmp_path / "pkg", b"\r\n".join(lines)))
    assert message == "records.csv line 5: 21 fields but the header has 20"


def test_nul_byte(tmp_path: Path) -> None:
    data = good_records(last_name=f"Ex\x00{SECRET}")
    message = refused(write_package(tmp_path / "pkg", data))
    assert message.startswith("records.csv line 2 (byte ")
    assert "NUL" in message and SECRET not in message


def test_invalid_utf8_names_line_and_byte(tmp_path: Path) -> None:
    data = csv_bytes([sample_row(), sample_row()]).replace(b"Example", b"Ex\xe9mple", 2)
    data = data.replace(b"Ex\xe9mple", b"Example", 1)  # only the second row is bad
    offset = data.index(b"\xe9")
    message = refused(write_package(tmp_path / "pkg", data))
    assert message == f"records.csv line 3 (byte {offset}): not valid UTF-8"
    assert "mple" not in message


def test_unterminated_quote(tmp_path: Path) -> None:
    data = good_records() + f'R2,"{SECRET},x\r\n'.encode()
    message = refused(write_package(tmp_path / "pkg", data))
    assert message.startswith("records.csv line ") and "malformed CSV" in message
    assert SECRET not in message


def test_oversize_field_names_line_and_column(tmp_path: Path) -> None:
    data = csv_bytes([sample_row(), sample_row(reason=SECRET * 500)])
    message = refused(write_package(tmp_path / "pkg", data))
    assert message == "records.csv line 3 column reason: field longer than 4096 characters"


def test_too_many_records(tmp_path: Path) -> None:
    data = csv_bytes([sample_row(request_id=f"R{i}") for i in range(4)])
    folder = write_package(tmp_path / "pkg", data)
    assert refused(folder, max_records=3) == "records.csv: more than 3 records"
    assert len(read_package(folder, max_records=4).records) == 4


def test_jsonl_non_object_line(tmp_path: Path) -> None:
    lines = [json.dumps(sample_row()), json.dumps([SECRET])]
    data = "\n".join(lines).encode()
    folder = write_package(tmp_path / "pkg", data, "records.jsonl",
                           manifest=manifest_for("records.jsonl"))
    assert refused(folder) == "records.jsonl line 2: not a JSON object"


def test_jsonl_nested_value(tmp_path: Path) -> None:
    row: dict[str, object] = dict(sample_row())
    row["street"] = {"line": SECRET}
    folder = write_package(tmp_path / "pkg", json.dumps(row).encode(), "records.jsonl",
                           manifest=manifest_for("records.jsonl"))
    message = refused(folder)
    assert message.startswith("records.jsonl line 1 column street: holds a dict value")
    assert SECRET not in message


@pytest.mark.parametrize("name", ["records.xlsx", "records.parquet"])
def test_corrupt_binary_formats(tmp_path: Path, name: str) -> None:
    folder = write_package(tmp_path / "pkg", b"PK\x03\x04" + SECRET.encode() * 10, name,
                           manifest=manifest_for(name))
    message = refused(folder)
    assert message.startswith(f"{name}: ") and SECRET not in message


# --- zip -----------------------------------------------------------------------------------


def _zip_with(tmp_path: Path, extra: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    folder = write_package(tmp_path / "pkg", good_records())
    target = tmp_path / "pkg.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in sorted(folder.iterdir()):
            archive.write(item, item.name)
        for info, data in extra:
            archive.writestr(info, data)
    return target


def test_zip_entry_with_dot_dot(tmp_path: Path) -> None:
    message = refused(_zip_with(tmp_path, [("../evil", b"x")]))
    assert message == "pkg.zip entry 4: path leaves the archive's folder ('..')"
    assert "evil" not in message


def test_zip_entry_with_backslash_dot_dot(tmp_path: Path) -> None:
    assert "leaves the archive's folder" in refused(_zip_with(tmp_path, [("a\\..\\..\\x", b"")]))


@pytest.mark.parametrize("name", ["/etc/evil", "C:/evil"])
def test_zip_entry_with_absolute_path(tmp_path: Path, name: str) -> None:
    message = refused(_zip_with(tmp_path, [(name, b"x")]))
    assert message == "pkg.zip entry 4: absolute path"


def test_zip_symlink_entry(tmp_path: Path) -> None:
    link = zipfile.ZipInfo("link")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    message = refused(_zip_with(tmp_path, [(link, b"/etc/passwd")]))
    assert message == "pkg.zip entry 4: symbolic link"


def test_zip_bomb(tmp_path: Path) -> None:
    message = refused(_zip_with(tmp_path, [("filler.bin", b"\0" * (8 * 1024 * 1024))]))
    assert message.startswith("pkg.zip entry 4: compression ratio above")


def test_zip_total_size_over_the_cap(tmp_path: Path) -> None:
    big = os.urandom(64 * 1024)  # incompressible: passes the ratio check, fails the total
    assert "uncompressed" in refused(_zip_with(tmp_path, [("big.bin", big)]), max_bytes=60_000)


def test_zip_with_too_many_entries(tmp_path: Path) -> None:
    extra = [(f"f{i}.txt", b"") for i in range(40)]
    assert "entries, more than the 32 allowed" in refused(_zip_with(tmp_path, extra))


def test_zip_with_a_repeated_entry(tmp_path: Path) -> None:
    with pytest.warns(UserWarning):  # zipfile warns about the duplicate as it writes it
        target = _zip_with(tmp_path, [("records.csv", good_records(request_id="OTHER"))])
    assert "repeats the path of an earlier entry" in refused(target)


def test_zip_with_two_top_level_folders(tmp_path: Path) -> None:
    target = tmp_path / "pkg.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("a/batch.json", json.dumps(manifest_for()))
        archive.writestr("a/records.csv", good_records())
        archive.writestr("b/other.txt", b"")
    assert "no batch.json at the top or inside a single top-level folder" in refused(target)


def test_not_a_zip(tmp_path: Path) -> None:
    target = tmp_path / "pkg.zip"
    target.write_bytes(SECRET.encode())
    message = refused(target)
    assert message.startswith("pkg.zip: not a readable zip archive")


def test_not_a_folder_or_zip(tmp_path: Path) -> None:
    target = tmp_path / "pkg.tar"
    target.write_bytes(b"")
    assert "not a folder or a .zip file" in refused(target)
    assert "no such folder or file" in refused(tmp_path / "absent")


# --- format specifics ----------------------------------------------------------------------


def _xlsx_bytes(tmp_path: Path, rows: list[list[object]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(RECORD_COLUMNS))
    for row in rows:
        sheet.append(row)
    path = tmp_path / "src.xlsx"
    workbook.save(path)
    return path.read_bytes()


def _xlsx_package(tmp_path: Path, data: bytes) -> Path:
    return write_package(tmp_path / "pkg", data, "records.xlsx",
                         manifest=manifest_for("records.xlsx"))


def test_xlsx_cell_beyond_the_header(tmp_path: Path) -> None:
    good = list(sample_row().values())
    data = _xlsx_bytes(tmp_path, [good, [*good, None, SECRET]])
    message = refused(_xlsx_package(tmp_path, data))
    assert message == "records.xlsx row 3: 22 fields but the header has 20"


def test_xlsx_oversize_field(tmp_path: Path) -> None:
    row = list(sample_row(last_name=SECRET * 500).values())
    message = refused(_xlsx_package(tmp_path, _xlsx_bytes(tmp_path, [row])))
    assert message == "records.xlsx row 2 column last_name: field longer than 4096 characters"


def test_xlsx_part_with_a_dtd(tmp_path: Path) -> None:
    source = _xlsx_bytes(tmp_path, [list(sample_row().values())])
    out = tmp_path / "dtd.xlsx"
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert part.startswith(b"<worksheet")
                part = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>' + part
            dst.writestr(info, part)
    assert refused(_xlsx_package(tmp_path, out.read_bytes())) == (
        "records.xlsx: a workbook part declares a DTD, refused"
    )


def _parquet_package(tmp_path: Path, table: Any) -> Path:
    import pyarrow.parquet as pq

    path = tmp_path / "src.parquet"
    pq.write_table(table, path)
    return write_package(tmp_path / "pkg", path.read_bytes(), "records.parquet",
                         manifest=manifest_for("records.parquet"))


def test_parquet_nested_column(tmp_path: Path) -> None:
    import pyarrow as pa

    arrays = {c: [v] for c, v in sample_row().items()}
    arrays["street"] = [[SECRET]]  # type: ignore[list-item]
    message = refused(_parquet_package(tmp_path, pa.table(arrays)))
    assert message.startswith("records.parquet column street: unsupported type list")
    assert SECRET not in message


def test_parquet_repeated_column_name(tmp_path: Path) -> None:
    import pyarrow as pa

    names = [*RECORD_COLUMNS, "Zip"]
    values = [pa.array([v]) for v in sample_row().values()] + [pa.array(["02134"])]
    message = refused(_parquet_package(tmp_path, pa.Table.from_arrays(values, names=names)))
    assert message == "records.parquet header: column 'zip' repeats column 13"


def _jsonl_package(tmp_path: Path, lines: list[str]) -> Path:
    return write_package(tmp_path / "pkg", "\n".join(lines).encode(), "records.jsonl",
                         manifest=manifest_for("records.jsonl"))


def test_jsonl_keys_equal_but_for_case(tmp_path: Path) -> None:
    row = sample_row()
    line = json.dumps(row)[:-1] + f', "Last_Name": "{SECRET}"}}'
    message = refused(_jsonl_package(tmp_path, [json.dumps(row), line]))
    assert message == "records.jsonl line 2: two keys name the same column once case is ignored"


def test_jsonl_bad_json_names_line_and_column(tmp_path: Path) -> None:
    message = refused(_jsonl_package(tmp_path, [json.dumps(sample_row()), f'{{"a": {SECRET}}}']))
    assert message == "records.jsonl line 2 column 7: not valid JSON (Expecting value)"


def test_manifest_nan_is_not_json(tmp_path: Path) -> None:
    raw = b'{"records_file": "records.csv", "record_count": NaN}'
    message = refused(write_package(tmp_path / "pkg", good_records(), manifest=raw))
    # {"records_file": "records.csv", "record_count": is 48 characters: NaN is at column 49
    assert message == "batch.json line 1 column 49: NaN or Infinity is not standard JSON"


def test_zip_total_just_over_the_byte_cap(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "pkg", good_records())
    target = zip_folder(folder, tmp_path / "pkg.zip", nested=False)
    total = sum(item.stat().st_size for item in folder.iterdir())
    assert read_package(target, max_bytes=total).records[0].request_id == "R1"
    message = refused(target, max_bytes=total - 1)
    assert message == f"pkg.zip: entries total more than {total - 1} bytes uncompressed"

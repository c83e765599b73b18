"""Packages that must be read, in every format and layout, with the records intact."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from intake_builders import (
    SIGNATURE,
    csv_bytes,
    manifest_for,
    sample_row,
    write_package,
    zip_folder,
)

from dgate.errors import InputError
from dgate.intake.package import read_package
from dgate.model import RECORD_COLUMNS

# --- CSV -----------------------------------------------------------------------------------


def test_csv_quoting_newlines_accents_and_bom(tmp_path: Path) -> None:
    tricky = sample_row(
        request_id="R1",
        first_name="José",
        last_name='O"Brien, Núñez',
        street="12 Rue de l'Église\nBâtiment B",
        reason="needs, commas and \"quotes\"",
    )
    plain = sample_row(request_id="R2", first_name="Zoë")
    data = b"\xef\xbb\xbf" + csv_bytes([tricky, plain])
    folder = write_package(tmp_path / "pkg", data)

    package = read_package(folder)

    assert [r.seq for r in package.records] == [1, 2]
    first = package.records[0]
    assert first.get("first_name") == "José"
    assert first.get("last_name") == 'O"Brien, Núñez'
    assert first.get("street") == "12 Rue de l'Église\nBâtiment B"
    assert first.get("reason") == 'needs, commas and "quotes"'
    assert package.records[1].request_id == "R2"
    assert package.records[1].get("first_name") == "Zoë"
    # The BOM must not leak into the first column's name.
    assert package.columns[0] == "request_id"
    assert package.records_sha256 == hashlib.sha256(data).hexdigest()


def test_csv_header_case_spaces_missing_and_extra_columns(tmp_path: Path) -> None:
    data = (
        b" Request_ID ,FIRST_NAME,Last_Name,Street,City,State,Zip,Taxable_Periods,Reason,"
        b"Final_Order_Date,Case_Number,Case_Agent_ID,Internal_Note\n"
        b"  R9 , Ana ,Example,1 Test St,Testville,MA,02134,2024,why,2025-01-01,C-1,AG-1,x\n"
    )
    package = read_package(write_package(tmp_path / "pkg", data))

    assert package.columns[0] == "request_id"
    assert package.columns[-1] == "internal_note"
    (record,) = package.records
    assert set(record.fields) == set(RECORD_COLUMNS)  # every column, extras dropped
    assert "internal_note" not in record.fields
    assert record.request_id == "R9"  # stripped
    assert record.get("first_name") == "Ana"
    assert record.get("middle_name") == ""  # missing column -> ""
    assert record.get("tin") == ""


def test_csv_address_column_instead_of_street_group(tmp_path: Path) -> None:
    columns = [c for c in RECORD_COLUMNS if c not in ("street", "city", "zip")]
    row = sample_row(address="1 Test St, Testville, MA 02134")
    package = read_package(write_package(tmp_path / "pkg", csv_bytes([row], columns)))
    assert package.records[0].get("address") == "1 Test St, Testville, MA 02134"
    assert package.records[0].get("street") == ""


def test_csv_blank_lines_at_end_and_lone_lf(tmp_path: Path) -> None:
    data = csv_bytes([sample_row(request_id="R1"), sample_row(request_id="R2")])
    data = data.replace(b"\r\n", b"\n") + b"\n\n\r\n"
    package = read_package(write_package(tmp_path / "pkg", data))
    assert [r.request_id for r in package.records] == ["R1", "R2"]


def test_csv_header_only_gives_no_records(tmp_path: Path) -> None:
    package = read_package(write_package(tmp_path / "pkg", csv_bytes([])))
    assert package.records == ()
    assert package.columns == RECORD_COLUMNS


def test_short_row_is_padded_with_empty_fields(tmp_path: Path) -> None:
    data = csv_bytes([]) + b"R1,Ana\r\n"
    (record,) = read_package(write_package(tmp_path / "pkg", data)).records
    assert record.get("first_name") == "Ana"
    assert record.get("case_agent_id") == ""


@pytest.mark.parametrize(("stated", "told"), [
    (5, [(2, 5), (4, 5), (5, 5)]),
    (3, [(2, 3), (4, 4), (5, 5)]),  # a manifest that says too few: never past done
    ("5", [(2, 2), (4, 4), (5, 5)]),  # not a count: as many as read
])
def test_reading_reports_its_progress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      stated: object, told: list[tuple[int, int]]) -> None:
    from dgate.intake import table

    monkeypatch.setattr(table, "PROGRESS_EVERY", 2)
    rows = [sample_row(request_id=f"R{i}") for i in range(5)]
    folder = write_package(tmp_path / "pkg", csv_bytes(rows),
                           manifest=manifest_for(record_count=stated))
    heard: list[tuple[int, int]] = []
    package = read_package(folder, progress=lambda done, total: heard.append((done, total)))
    assert heard == told
    assert [r.request_id for r in package.records] == [f"R{i}" for i in range(5)]


# --- manifest and signature ----------------------------------------------------------------


def test_manifest_bytes_exact_and_other_keys_passed_through(tmp_path: Path) -> None:
    manifest = {"batch_id": "X-1", "records_file": "records.csv", "something_else": [1, 2]}
    raw = b"\xef\xbb\xbf" + json.dumps(manifest, indent=2).encode()
    folder = write_package(tmp_path / "pkg", csv_bytes([sample_row()]), manifest=raw)
    package = read_package(folder)
    assert package.manifest_bytes == raw  # BOM included: the signature covers it
    assert package.manifest == manifest  # missing keys are the rules' business
    assert package.records_name == "records.csv"
    assert package.signature == SIGNATURE


@pytest.mark.parametrize("batch_id", [None, "", "  ", 17])
def test_manifest_without_a_batch_id_is_refused_whole(tmp_path: Path, batch_id: object) -> None:
    """No batch-level code covers a missing batch_id, and without it the request cannot be
    named in the accounting or answered: the package is refused whole."""
    manifest: dict[str, object] = {"records_file": "records.csv"}
    if batch_id is not None:
        manifest["batch_id"] = batch_id
    folder = write_package(tmp_path / "pkg", csv_bytes([sample_row()]),
                           manifest=json.dumps(manifest).encode())
    with pytest.raises(InputError, match="batch_id"):
        read_package(folder)


@pytest.mark.parametrize(
    ("sig_file", "expected"),
    [
        (None, None),
        (b"", None),
        (b"not base64!!", None),
        (b"\xff\xfe", None),
        (base64.b64encode(SIGNATURE)[:10] + b"\n" + base64.b64encode(SIGNATURE)[10:] + b"\n",
         SIGNATURE),
    ],
)
def test_signature_decoding(tmp_path: Path, sig_file: bytes | None, expected: bytes | None) -> None:
    folder = write_package(tmp_path / "pkg", csv_bytes([sample_row()]), signature=sig_file)
    assert read_package(folder).signature == expected


# --- XLSX ----------------------------------------------------------------------------------


def _xlsx(path: Path, header: list[str], rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.create_sheet("ignored").append(["not", "read"])
    workbook.save(path)
    return path.read_bytes()


def test_xlsx_numbers_dates_and_formulas(tmp_path: Path) -> None:
    header = [c.upper() for c in RECORD_COLUMNS]
    by_name = sample_row(request_id="X1")
    cells: dict[str, object] = dict(by_name)
    cells.update(
        zip=2134,  # ZIP 02134 typed into Excel
        tin=12345678.0,  # a TIN that lost its leading zero, stored as float
        a_number=98765432.0,
        date_of_birth=dt.date(1980, 1, 2),
        final_order_date=dt.datetime(2025, 3, 4, 15, 30),
        taxable_periods=2024,
        unit="=1+1",  # a formula with no cached value: not its text, not a guess
    )
    row = [cells[c] for c in RECORD_COLUMNS]
    second = [cells[c] for c in RECORD_COLUMNS]
    second[0] = "X2"
    second[RECORD_COLUMNS.index("zip")] = 21341234  # ZIP+4 02134-1234 typed as a number
    data = _xlsx(tmp_path / "src.xlsx", header, [row, [], second + [None, None]])
    folder = write_package(tmp_path / "pkg", data, "records.xlsx",
                           manifest=manifest_for("records.xlsx"))

    package = read_package(folder)

    assert [r.request_id for r in package.records] == ["X1", "X2"]  # empty row skipped
    first = package.records[0]
    assert first.get("zip") == "02134"
    assert first.get("tin") == "012345678"
    assert first.get("a_number") == "98765432"
    assert first.get("date_of_birth") == "1980-01-02"
    assert first.get("final_order_date") == "2025-03-04"
    assert first.get("taxable_periods") == "2024"
    assert first.get("unit") == ""
    assert first.get("first_name") == "Ana"
    assert package.records[1].get("zip") == "021341234"
    assert package.records_sha256 == hashlib.sha256(data).hexdigest()


# --- Parquet -------------------------------------------------------------------------------


def test_parquet_strings_numbers_dates_nulls(tmp_path: Path) -> None:
    rows = [sample_row(request_id="P1", first_name="Renée"), sample_row(request_id="P2")]
    arrays = {c: [r[c] for r in rows] for c in RECORD_COLUMNS}
    arrays["zip"] = [2134, None]
    arrays["date_of_birth"] = [dt.date(1980, 1, 2), None]
    arrays["final_order_date"] = [dt.datetime(2025, 3, 4, 10, 0), dt.datetime(2025, 1, 1)]
    arrays["middle_name"] = [None, "Lee"]
    table = pa.table(arrays)
    path = tmp_path / "src.parquet"
    pq.write_table(table, path)
    data = path.read_bytes()
    folder = write_package(tmp_path / "pkg", data, "records.parquet",
                           manifest=manifest_for("records.parquet"))

    package = read_package(folder)

    first, second = package.records
    assert first.get("first_name") == "Renée"
    assert first.get("zip") == "02134"
    assert second.get("zip") == ""
    assert first.get("date_of_birth") == "1980-01-02"
    assert second.get("date_of_birth") == ""
    assert first.get("final_order_date") == "2025-03-04"
    assert first.get("middle_name") == ""
    assert second.get("middle_name") == "Lee"
    assert package.columns == RECORD_COLUMNS


# --- JSON Lines ----------------------------------------------------------------------------


@pytest.mark.parametrize("extension", ["jsonl", "ndjson", "json"])
def test_jsonl_values_blank_lines_and_key_union(tmp_path: Path, extension: str) -> None:
    first = sample_row(request_id="J1")
    first["zip"] = 2134  # type: ignore[assignment]
    first["tin"] = None  # type: ignore[assignment]
    second = {k: v for k, v in sample_row(request_id="J2").items() if k != "unit"}
    second["Unit"] = "APT 4B"
    second["flag"] = True  # type: ignore[assignment]
    lines = [json.dumps(first, ensure_ascii=False), "", "   ", json.dumps(second)]
    data = ("\n".join(lines) + "\n").encode()
    name = f"records.{extension}"
    folder = write_package(tmp_path / "pkg", data, name, manifest=manifest_for(name))

    package = read_package(folder)

    one, two = package.records
    assert (one.seq, two.seq) == (1, 2)
    assert one.get("zip") == "02134"
    assert one.get("tin") == ""
    assert two.get("unit") == "APT 4B"
    assert "flag" in package.columns and "flag" not in two.fields


def test_a_json_array_is_not_json_lines(tmp_path: Path) -> None:
    """records.json is read as JSON Lines: one array of objects is refused, naming the
    line, not read as records."""
    data = json.dumps([sample_row(request_id="J1"), sample_row(request_id="J2")]).encode()
    folder = write_package(tmp_path / "pkg", data, "records.json",
                           manifest=manifest_for("records.json"))
    with pytest.raises(InputError, match=r"^records.json line 1: not a JSON object$"):
        read_package(folder)


# --- zip layouts ---------------------------------------------------------------------------


@pytest.mark.parametrize("nested", [False, True])
def test_zip_root_or_single_folder_reads_like_the_folder(tmp_path: Path, nested: bool) -> None:
    folder = write_package(tmp_path / "pkg", csv_bytes([sample_row(), sample_row(request_id="R2")]))
    zipped = zip_folder(folder, tmp_path / "pkg.zip", nested=nested)
    from_zip = read_package(zipped)
    from_folder = read_package(folder)
    assert from_zip == from_folder
    assert len(from_zip.records) == 2


def test_zip_with_folder_entries_and_mac_clutter(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "pkg", csv_bytes([sample_row()]))
    target = tmp_path / "pkg.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("pkg/", b"")
        for item in folder.iterdir():
            archive.write(item, f"pkg/{item.name}")
        archive.writestr("__MACOSX/pkg/._batch.json", b"\x00\x05\x16\x07")
    assert read_package(target).records[0].request_id == "R1"

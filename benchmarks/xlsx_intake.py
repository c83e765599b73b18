"""XLSX intake benchmark: time and peak memory of reading a large records workbook.

    python benchmarks/xlsx_intake.py                       # 200,000 rows, both readers
    python benchmarks/xlsx_intake.py --rows 50000 --inline --readers dgate

Writes a synthetic workbook the way Excel does (shared strings, date-formatted date cells,
ZIPs typed as numbers, a styles part) or, with --inline, the way openpyxl's write-only mode
does (inline strings, a larger sheet). Then, each in a fresh interpreter so that its peak
memory is its own, reads it with:

- `dgate`: dgate's own reader (`read_records`, the streaming reader of dgate.intake.xlsx);
- `openpyxl`: the reader dgate used before, kept here as the reference: the whole-part DTD
  precheck, then openpyxl `load_workbook(read_only=True, data_only=True)`,
  `reset_dimensions()` and `iter_rows(values_only=True)` into the same record builder.

Prints wall and CPU seconds and the growth of peak RSS over the interpreter's baseline, and
whether both readers produced the same records (a digest of every field of every record).
With --rows-only the rows are read and dropped, which shows the reader's own memory
(without it, the peak is mostly the records themselves, about 1.4 KB each).
Figures only: nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import subprocess
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

COLUMNS = ("request_id", "first_name", "middle_name", "last_name", "name_suffix",
           "date_of_birth", "tin", "a_number", "street", "unit", "city", "state", "zip",
           "address", "taxable_periods", "statute", "reason", "final_order_date",
           "case_number", "case_agent_id")
FIRST = ("Ana", "Luis", "Maria", "John", "Wei", "Fatima", "Olga", "Kwame", "Priya", "Diego")
LAST = ("Example", "Sample", "Testa", "Probe", "Mock", "Fixture", "Dummy", "Stub")
STREETS = ("Main St", "Oak Ave", "Elm St", "Pine Rd", "Cedar Ln", "Maple Dr")
CITIES = (("Austin", "TX"), ("Chicago", "IL"), ("Miami", "FL"), ("Boston", "MA"))
EXCEL_EPOCH = date(1899, 12, 30)

# --- writing a workbook ------------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    '</Relationships>')
_BOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
    '</Relationships>')
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    f'xmlns:r="{_REL}"><workbookPr/><sheets>'
    '<sheet name="Requests" sheetId="1" r:id="rId1"/></sheets></workbook>')
# Style 0 general, style 1 the built-in date format 14 (m/d/yyyy), as Excel writes dates.
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/>'
    '</fill></fills>'
    '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/>'
    '</cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" '
    'applyNumberFormat="1"/></cellXfs></styleSheet>')


def synthetic_rows(count: int, seed: int) -> list[dict[str, object]]:
    rnd = random.Random(seed)
    rows: list[dict[str, object]] = []
    for i in range(count):
        city, state = rnd.choice(CITIES)
        rows.append({
            "request_id": f"R{i + 1:07d}", "first_name": rnd.choice(FIRST),
            "last_name": f"{rnd.choice(LAST)}{rnd.randrange(10_000)}",
            "date_of_birth": date(1940 + rnd.randrange(60), 1 + rnd.randrange(12),
                                  1 + rnd.randrange(28)),
            "street": f"{rnd.randrange(1, 9999)} {rnd.choice(STREETS)}", "city": city,
            "state": state, "zip": rnd.randrange(1_000, 99_999),
            "taxable_periods": "2023;2024",
            "reason": "Subject of a criminal investigation for failure to depart.",
            "final_order_date": date(2025, 1 + rnd.randrange(12), 1 + rnd.randrange(28)),
            "case_number": f"CR-2026-{rnd.randrange(100_000):05d}",
            "case_agent_id": f"AGENT-{rnd.randrange(50)}",
        })
    return rows


def _column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def write_workbook(path: Path, rows: list[dict[str, object]], inline: bool) -> None:
    """A minimal valid workbook, written directly (openpyxl's normal mode would take minutes
    and gigabytes for this many cells)."""
    strings: dict[str, int] = {}
    letters = [_column_letters(i) for i in range(len(COLUMNS))]

    def text_cell(ref: str, text: str) -> str:
        if inline:
            return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'
        index = strings.setdefault(text, len(strings))
        return f'<c r="{ref}" t="s"><v>{index}</v></c>'

    def cell(ref: str, value: object) -> str:
        if isinstance(value, date):
            return f'<c r="{ref}" s="1"><v>{(value - EXCEL_EPOCH).days}</v></c>'
        if isinstance(value, int):
            return f'<c r="{ref}"><v>{value}</v></c>'
        return text_cell(ref, str(value))

    sheet = io.StringIO()
    sheet.write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns='
                '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    header = "".join(text_cell(f"{letters[i]}1", c) for i, c in enumerate(COLUMNS))
    sheet.write(f'<row r="1">{header}</row>')
    for number, row in enumerate(rows, start=2):
        cells = "".join(cell(f"{letters[i]}{number}", row[c])
                        for i, c in enumerate(COLUMNS) if row.get(c, "") != "")
        sheet.write(f'<row r="{number}">{cells}</row>')
    sheet.write("</sheetData></worksheet>")
    shared = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        zf.writestr("xl/styles.xml", _STYLES)
        zf.writestr("xl/sharedStrings.xml",
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://'
                    'schemas.openxmlformats.org/spreadsheetml/2006/main" count="'
                    f'{len(strings)}" uniqueCount="{len(strings)}">{shared}</sst>')
        zf.writestr("xl/worksheets/sheet1.xml", sheet.getvalue())


# --- reading it, in a child interpreter --------------------------------------------------------

_CHILD = r'''
import hashlib, json, resource, sys, time
from pathlib import Path
from dgate.intake.limits import Limits
from dgate.intake.records import read_records
import dgate.intake.records as records_module
reader, path, keep = sys.argv[1], Path(sys.argv[2]), sys.argv[3] == "keep"
data = path.read_bytes()
counted = [0]


def count_rows(name, columns, rows, limits):
    """Stands in for build_records with --rows-only: consume the rows, keep nothing."""
    for _ in rows:
        counted[0] += 1
    return ()


if not keep:
    records_module.build_records = count_rows


def read_with_openpyxl(name, data, limits):
    """The previous reader, as it was: whole-part DTD precheck, then openpyxl read-only."""
    import io
    from dataclasses import replace
    import openpyxl
    from dgate.intake.safezip import checked_entries, open_zip, read_member
    from dgate.intake.table import header_columns
    lim = replace(limits, max_zip_entries=1000, max_zip_ratio=1000)
    with open_zip(data, name) as archive:
        for entry in checked_entries(archive, name, lim):
            part = read_member(archive, entry, name, limits.max_bytes)
            assert b"<!DOCTYPE" not in part
            del part
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = book.worksheets[0]
    sheet.reset_dimensions()
    def rows():
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = list(row)
            while cells and (cells[-1] is None or cells[-1] == ""):
                cells.pop()
            if cells:
                yield f"row {number}", cells
    it = rows()
    columns = header_columns(name, next(it)[1], limits)
    return columns, records_module.build_records(name, columns, it, limits)


def high_water() -> int:
    """Peak RSS of this process in bytes. VmHWM on Linux: ru_maxrss would carry over the
    parent's peak across the fork and exec that started this interpreter."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


base = high_water()
wall, cpu = time.perf_counter(), time.process_time()
read = read_records if reader == "dgate" else read_with_openpyxl
columns, records = read("records.xlsx", data, Limits())
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
peak = high_water() - base
digest = hashlib.sha256()
for record in records:
    digest.update(json.dumps([record.seq, record.fields], sort_keys=True).encode())
print(json.dumps({"records": len(records) or counted[0], "wall": wall, "cpu": cpu, "peak": peak,
                  "digest": digest.hexdigest()}))
'''


def run_reader(reader: str, path: Path, keep: bool = True) -> dict[str, object]:
    proc = subprocess.run([sys.executable, "-c", _CHILD, reader, str(path),
                           "keep" if keep else "rows"],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{reader} failed:\n{proc.stderr}")
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--inline", action="store_true",
                        help="inline strings (openpyxl write-only style) instead of shared")
    parser.add_argument("--readers", default="dgate,openpyxl")
    parser.add_argument("--rows-only", action="store_true",
                        help="read the rows but build no records: the reader's own cost")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "records.xlsx"
        write_workbook(path, synthetic_rows(args.rows, args.seed), args.inline)
        with zipfile.ZipFile(path) as zf:
            sheet = zf.getinfo("xl/worksheets/sheet1.xml").file_size
        kind = "inline strings" if args.inline else "shared strings"
        print(f"workbook: {args.rows} rows, {kind}, {path.stat().st_size / 1e6:.1f} MB "
              f"({sheet / 1e6:.0f} MB of sheet XML)")
        print(f"{'reader':<10} {'records':>8} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9}")
        digests = set()
        for reader in args.readers.split(","):
            r = run_reader(reader, path, keep=not args.rows_only)
            digests.add(r["digest"])
            print(f"{reader:<10} {r['records']:>8} {r['wall']:>8.2f} {r['cpu']:>8.2f} "
                  f"{int(r['peak']) / 2**20:>9.0f}")  # type: ignore[call-overload]
        if len(digests) > 1:
            print("records DIFFER between readers")
            raise SystemExit(1)
        if len(args.readers.split(",")) > 1:
            print("records identical across readers")


if __name__ == "__main__":
    main()

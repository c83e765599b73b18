"""A streaming reader for the first worksheet of an XLSX records file.

openpyxl, even read-only, spends most of a large sheet in pure-Python XML handling (with
defusedxml installed it parses through a Python subclass of the parser) and scans the
sheet twice; a 200,000-row file took over half a minute. This reader feeds the sheet's XML
straight from the zip to expat in chunks, keeps only the cell values it needs, and hands
rows on as they complete, so time is one pass and memory is one chunk plus the rows.

It reads what openpyxl's `data_only` mode reads, the way it reads it: a formula cell gives
its cached value (or nothing), a number whose cell style is a date format becomes a date
(1900 or 1904 calendar), shared strings, inline strings and rich text give their plain
text, booleans, errors ("#N/A") and ISO dates as openpyxl gives them.

Safety: every zip check of safezip applies (paths, symlinks, entry count, total size,
compression ratio, per-member cap, enforced while streaming); any part declaring a DTD is
refused (expat reports the declaration before anything in it is used; parts this reader
never parses are scanned for one); the shared-string table is capped in count and each
string in length; row and column numbers are bounded by Excel's own limits and must
ascend. Messages name the file and the row or part, never a value.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pyexpat import ExpatError, ParserCreate, errors
from typing import Any

from dgate.errors import InputError
from dgate.intake.limits import Limits
from dgate.intake.safezip import Entry, checked_entries, iter_member, open_zip
from dgate.intake.table import Row

# Excel's own sheet limits; a cell or row beyond them is hostile or corrupt, and honouring
# it would pad a row (or a run of rows) with that many empty cells.
MAX_ROW = 1_048_576
MAX_COLUMN = 16_384
# XLSX parts are XML, which compresses far better than CSV; the total-size cap still holds.
ZIP_RATIO = 1000
ZIP_ENTRIES = 1000
_CHUNK = 1 << 20
_DATE_CACHE = 1 << 16

_OFFICE_DOCUMENT = "/officeDocument"
_WORKSHEET = "/worksheet"
_SHARED_STRINGS = "/sharedStrings"
_STYLES = "/styles"
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_DTD_MARKS = tuple("<!DOCTYPE".encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be"))


class _Refused(Exception):
    """Raised inside an expat callback; turned into InputError with the place around it."""


def read_xlsx_rows(name: str, data: bytes, limits: Limits) -> Iterator[Row]:
    """The first worksheet's non-empty rows as (place, cells), trailing empty cells trimmed.
    Raises InputError (when reached, since rows stream) for anything unsafe or unreadable."""
    xlsx_limits = replace(limits, max_zip_entries=ZIP_ENTRIES, max_zip_ratio=ZIP_RATIO)
    with open_zip(data, name) as archive:
        book = _Book(name, archive, checked_entries(archive, name, xlsx_limits), limits)
        sheet = book.first_sheet()
        book.parsed.add(sheet.path.casefold())  # parsed below, by expat: not scanned twice
        book.scan_unparsed_parts()
        yield from _SheetReader(book).rows(sheet)


# --- the workbook around the sheet -----------------------------------------------------------


@dataclass
class _Book:
    name: str
    archive: zipfile.ZipFile
    entries: list[Entry]
    limits: Limits
    by_path: dict[str, Entry] = field(init=False)
    parsed: set[str] = field(default_factory=set)
    strings: list[str] = field(default_factory=list)
    date_styles: set[int] = field(default_factory=set)
    duration_styles: set[int] = field(default_factory=set)
    epoch: datetime = field(init=False)

    def __post_init__(self) -> None:
        self.by_path = {entry.path.casefold(): entry for entry in self.entries}

    def first_sheet(self) -> Entry:
        """Resolve the workbook's parts (relationships, calendar, styles, shared strings) and
        return the first worksheet's entry."""
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900  # type: ignore[import-untyped]

        root_rels = self.relationships("_rels/.rels", "")
        workbook_path = _first_target(root_rels, _OFFICE_DOCUMENT) or "xl/workbook.xml"
        workbook = self.entry(workbook_path)
        if workbook is None:
            raise InputError(f"{self.name}: not a readable XLSX workbook (no workbook part)")
        folder = posixpath.dirname(workbook_path)
        rels_path = posixpath.join(folder, "_rels", posixpath.basename(workbook_path) + ".rels")
        rels = self.relationships(rels_path, folder)
        sheet_ids, date1904 = self.parse_workbook(workbook)
        self.epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
        styles = self.entry(_first_target(rels, _STYLES))
        if styles is not None:
            self.parse_styles(styles)
        strings = self.entry(_first_target(rels, _SHARED_STRINGS))
        if strings is not None:
            self.parse_shared_strings(strings)
        for rid in sheet_ids:
            target, kind = rels.get(rid, ("", ""))
            sheet = self.entry(target) if kind.endswith(_WORKSHEET) else None
            if sheet is not None:
                return sheet
        raise InputError(f"{self.name}: the workbook has no worksheet")

    def entry(self, path: str | None) -> Entry | None:
        return self.by_path.get(path.casefold()) if path else None

    def parse(self, entry: Entry, start: Callable[[str, dict[str, str]], None],
              end: Callable[[str], None] | None = None,
              text: Callable[[str], None] | None = None) -> Iterator[None]:
        """Stream one part through expat with the given handlers (tag names as written,
        prefix included); yields after each chunk so that a caller can drain what the
        handlers built. Refuses a DTD, malformed XML and a part over the size cap."""
        self.parsed.add(entry.path.casefold())
        parser = ParserCreate()
        parser.buffer_text = True
        parser.StartDoctypeDeclHandler = _refuse_dtd
        parser.EntityDeclHandler = _refuse_dtd
        # Handlers get the raw tag name; those of the sheet (every cell) must stay cheap.
        parser.StartElementHandler = start
        if end is not None:
            parser.EndElementHandler = end
        if text is not None:
            parser.CharacterDataHandler = text
        try:
            for chunk in iter_member(self.archive, entry, self.name, self.limits.max_bytes,
                                     _CHUNK):
                parser.Parse(chunk, False)
                yield
            parser.Parse(b"", True)
            yield
        except ExpatError as exc:
            raise InputError(
                f"{self.name} part {entry.number}: not well-formed XML"
                f" ({errors.messages[exc.code]}, line {exc.lineno})"
            ) from None
        except _CellProblem:
            raise  # the sheet reader adds the row
        except _Refused as exc:
            raise InputError(f"{self.name}: {exc}") from None

    def run(self, entry: Entry, start: Callable[[str, dict[str, str]], None],
            end: Callable[[str], None] | None = None,
            text: Callable[[str], None] | None = None) -> None:
        """Parse a small part whole, with handlers that get tag names without prefix."""
        local_end = None if end is None else lambda tag: end(_local(tag))
        for _ in self.parse(entry, lambda tag, attrs: start(_local(tag), attrs), local_end, text):
            pass

    def relationships(self, path: str, folder: str) -> dict[str, tuple[str, str]]:
        """Id -> (target path inside the zip, relationship type) of a .rels part."""
        entry = self.entry(path)
        found: dict[str, tuple[str, str]] = {}
        if entry is None:
            return found

        def start(tag: str, attrs: dict[str, str]) -> None:
            if tag == "Relationship" and attrs.get("TargetMode") != "External":
                target = attrs.get("Target", "")
                joined = target[1:] if target.startswith("/") else posixpath.join(folder, target)
                found[attrs.get("Id", "")] = (posixpath.normpath(joined), attrs.get("Type", ""))

        self.run(entry, start)
        return found

    def parse_workbook(self, entry: Entry) -> tuple[list[str], bool]:
        """Relationship ids of the sheets in workbook order, and the 1904 calendar flag."""
        sheet_ids: list[str] = []
        date1904 = [False]

        def start(tag: str, attrs: dict[str, str]) -> None:
            if tag == "sheet":
                sheet_ids.append(_attr(attrs, "id"))
            elif tag == "workbookPr":
                date1904[0] = attrs.get("date1904", "").lower() in ("1", "true")

        self.run(entry, start)
        return sheet_ids, date1904[0]

    def parse_styles(self, entry: Entry) -> None:
        """Which cell style indices carry a date (or duration) number format."""
        from openpyxl.styles.numbers import (  # type: ignore[import-untyped]
            builtin_format_code,
            is_date_format,
            is_timedelta_format,
        )

        custom: dict[str, str] = {}
        xf_formats: list[str] = []
        depth = {"cellXfs": 0}

        def start(tag: str, attrs: dict[str, str]) -> None:
            if tag == "numFmt":
                custom[attrs.get("numFmtId", "")] = attrs.get("formatCode", "")
            elif tag == "cellXfs":
                depth["cellXfs"] += 1
            elif tag == "xf" and depth["cellXfs"]:
                xf_formats.append(attrs.get("numFmtId", "0"))

        def end(tag: str) -> None:
            if tag == "cellXfs":
                depth["cellXfs"] -= 1

        self.run(entry, start, end)
        for index, format_id in enumerate(xf_formats):
            code = custom.get(format_id)
            if code is None and format_id.isdigit() and len(format_id) < 4:
                code = builtin_format_code(int(format_id))
            if code and is_date_format(code):
                self.date_styles.add(index)
                if is_timedelta_format(code):
                    self.duration_styles.add(index)

    def parse_shared_strings(self, entry: Entry) -> None:
        """The shared-string table: each <si>'s plain text (its <t>, or its rich-text runs'
        <t>, never phonetic hints), at most `max_shared_strings` strings. A string is kept to
        one character over the field cap: enough for the field check to refuse it, with its
        row and column, if a cell uses it, without holding the rest."""
        strings = self.strings
        keep = self.limits.max_field_chars + 1
        cap = self.limits.max_shared_strings
        state = {"in_t": False, "phonetic": 0, "length": 0}
        parts: list[str] = []

        def start(tag: str, attrs: dict[str, str]) -> None:
            if tag == "si":
                parts.clear()
                state["length"] = 0
            elif tag == "t":
                state["in_t"] = True
            elif tag == "rPh":
                state["phonetic"] += 1

        def end(tag: str) -> None:
            if tag == "si":
                if len(strings) >= cap:
                    raise _Refused(f"more than {cap} shared strings")
                strings.append("".join(parts)[:keep])
            elif tag == "t":
                state["in_t"] = False
            elif tag == "rPh":
                state["phonetic"] -= 1

        def text(data: str) -> None:
            if state["in_t"] and not state["phonetic"] and state["length"] <= keep:
                parts.append(data)
                state["length"] += len(data)

        self.run(entry, start, end, text)

    def scan_unparsed_parts(self) -> None:
        """Refuse a DTD in any part this reader does not parse: legitimate workbooks never
        carry one, and a package built to attack some XML reader is not to be processed."""
        overlap = max(len(mark) for mark in _DTD_MARKS) - 1
        for entry in self.entries:
            if entry.path.casefold() in self.parsed:
                continue
            tail = b""
            for chunk in iter_member(self.archive, entry, self.name, self.limits.max_bytes,
                                     _CHUNK):
                window = tail + chunk
                if any(mark in window for mark in _DTD_MARKS):
                    raise InputError(f"{self.name}: a workbook part declares a DTD, refused")
                tail = window[-overlap:]


def _refuse_dtd(*_: Any) -> None:
    raise _Refused("a workbook part declares a DTD, refused")


def _local(tag: str) -> str:
    return tag.rpartition(":")[2]


def _attr(attrs: dict[str, str], local: str) -> str:
    """A prefixed attribute by local name (r:id, whatever the prefix is called)."""
    for key, value in attrs.items():
        if key.rpartition(":")[2] == local and ":" in key:
            return value
    return ""


def _first_target(rels: dict[str, tuple[str, str]], kind: str) -> str | None:
    return next((target for target, rel in rels.values() if rel.endswith(kind)), None)


# --- the worksheet -------------------------------------------------------------------------


class _SheetReader:
    """expat handlers for <sheetData>: collect each cell's value and type, finish rows."""

    def __init__(self, book: _Book) -> None:
        self.book = book
        self.done: list[Row] = []
        self.row_number = 0
        self.cells: list[object] = []
        self.column = 0
        self.kind = "n"
        self.style = 0
        self.value: list[str] = []
        self.collecting = False
        self.inline: list[str] = []
        self.in_inline = 0
        self.phonetic = 0
        self.columns: dict[str, int] = {}  # column letters -> number, a cache
        self.dates: dict[tuple[str, int], object] = {}
        self.row_digits = ""
        self.starts: dict[str, Callable[[dict[str, str]], None]] = {
            "c": self.start_cell, "v": self.start_value, "is": self.start_inline,
            "t": self.start_text, "rPh": self.start_phonetic, "row": self.start_row,
        }
        self.ends: dict[str, Callable[[], None]] = {
            "c": self.end_cell, "v": self.end_value, "is": self.end_inline,
            "t": self.end_text, "rPh": self.end_phonetic, "row": self.end_row,
        }

    def rows(self, sheet: Entry) -> Iterator[Row]:
        name = self.book.name
        try:
            for _ in self.book.parse(sheet, self.start, self.end, self.text):
                yield from self.done
                self.done.clear()
        except _CellProblem as exc:
            raise InputError(f"{name} row {self.row_number}: {exc}") from None

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        handler = self.starts.get(tag)
        if handler is None and ":" in tag:
            handler = self.starts.get(_local(tag))
        if handler is not None:
            handler(attrs)

    def end(self, tag: str) -> None:
        handler = self.ends.get(tag)
        if handler is None and ":" in tag:
            handler = self.ends.get(_local(tag))
        if handler is not None:
            handler()

    def start_value(self, _: dict[str, str]) -> None:
        self.collecting = True
        self.value.clear()

    def end_value(self) -> None:
        self.collecting = False

    def start_inline(self, _: dict[str, str]) -> None:
        self.in_inline += 1
        self.inline.clear()

    def end_inline(self) -> None:
        self.in_inline -= 1

    def start_text(self, _: dict[str, str]) -> None:
        if self.in_inline and not self.phonetic:
            self.collecting = True
            self.value.clear()

    def end_text(self) -> None:
        if self.collecting and self.in_inline:
            self.inline.append("".join(self.value))
            self.value.clear()
        self.collecting = False

    def start_phonetic(self, _: dict[str, str]) -> None:
        self.phonetic += 1

    def end_phonetic(self) -> None:
        self.phonetic -= 1

    def text(self, data: str) -> None:
        if self.collecting:
            self.value.append(data)

    def start_row(self, attrs: dict[str, str]) -> None:
        given = attrs.get("r")
        number = _number(given, "row number") if given is not None else self.row_number + 1
        if number <= self.row_number:
            raise _CellProblem("the next row is numbered out of order or repeats it")
        if number > MAX_ROW:
            raise _Refused("the worksheet claims more rows than Excel allows")
        self.row_number = number
        self.row_digits = str(number)
        self.cells = []
        self.column = 0

    def end_row(self) -> None:
        cells = self.cells
        while cells and (cells[-1] is None or cells[-1] == ""):
            cells.pop()
        if cells:
            self.done.append((f"row {self.row_number}", cells))

    def start_cell(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("r")
        column = self.column_of(ref) if ref is not None else self.column + 1
        if column <= self.column:
            raise _CellProblem("cells out of order or repeated")
        self.column = column
        self.kind = attrs.get("t", "n")
        style = attrs.get("s")
        self.style = _number(style, "style") if style else 0
        self.value.clear()
        self.inline.clear()
        self.collecting = False

    def column_of(self, ref: str) -> int:
        """The 1-based column of a cell reference such as 'B7', which must lie in this row."""
        letters = ref.rstrip("0123456789")
        if ref[len(letters):] != self.row_digits:
            _column(ref, self.row_number)  # raises the precise problem
        column = self.columns.get(letters)
        if column is None:
            column = self.columns[letters] = _column(ref, self.row_number)
        return column

    def end_cell(self) -> None:
        value = self.cell_value()
        if value is not None:
            missing = self.column - 1 - len(self.cells)
            if missing > 0:
                self.cells.extend([None] * missing)
            self.cells.append(value)

    def cell_value(self) -> object:
        """The value openpyxl's data_only mode gives for this cell."""
        if self.kind == "inlineStr":
            return "".join(self.inline) if self.inline else None
        raw = "".join(self.value)
        if not raw:
            return None
        kind = self.kind
        if kind == "s":
            index = _number(raw, "shared string index")
            if index >= len(self.book.strings):
                raise _CellProblem("a cell refers to a shared string that does not exist")
            return self.book.strings[index]
        if kind in ("str", "e"):
            return raw
        if kind == "b":
            if raw not in ("0", "1"):
                raise _CellProblem("a boolean cell holds neither 0 nor 1")
            return raw == "1"
        if kind == "d":
            return _iso_date(raw)
        return self.number(raw)

    def number(self, raw: str) -> object:
        try:
            value: int | float = (float(raw) if "." in raw or "e" in raw or "E" in raw
                                  else int(raw))
        except ValueError:
            # int() also refuses over 4,300 digits; its message would quote them.
            raise _CellProblem("a numeric cell holds no readable number") from None
        if self.style not in self.book.date_styles:
            return value
        # Dates repeat (an order date per batch, birth dates): convert each one once.
        key = (raw, self.style)
        converted = self.dates.get(key)
        if converted is None:
            if len(self.dates) >= _DATE_CACHE:
                self.dates.clear()
            converted = self.dates[key] = self.excel_date(value)
        return converted

    def excel_date(self, value: float) -> object:
        from openpyxl.utils.datetime import from_excel  # type: ignore[import-untyped]

        try:
            return from_excel(value, self.book.epoch,
                              timedelta=self.style in self.book.duration_styles)
        except (OverflowError, ValueError):
            return "#VALUE!"  # what openpyxl gives a date cell whose number is no date


class _CellProblem(_Refused):
    """A problem located by the row being read."""


def _number(text: str, what: str) -> int:
    if not text.isdigit() or len(text) > 9:
        raise _CellProblem(f"{what} is not a small whole number")
    return int(text)


def _column(ref: str, row: int) -> int:
    """The 1-based column of a cell reference such as 'B7', which must lie in `row`."""
    match = _CELL_REF.fullmatch(ref)
    if match is None:
        raise _CellProblem("a cell reference is not a cell reference")
    letters, digits = match.groups()
    if int(digits) != row:
        raise _CellProblem("a cell reference names another row")
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    if column > MAX_COLUMN:
        raise _CellProblem("a cell lies beyond Excel's last column")
    return column


def _iso_date(raw: str) -> object:
    from openpyxl.utils.datetime import from_ISO8601  # type: ignore[import-untyped]

    try:
        return from_ISO8601(raw)
    except (ValueError, OverflowError):
        raise _CellProblem("a date cell holds no readable ISO 8601 date") from None

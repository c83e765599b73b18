"""From a header and raw rows (any format) to RequestRecords, with the checks every format
shares: column names, required columns, row width, field size, record count.

Messages name the file, the line (or row) and the column, never the value: the values are
taxpayer data. Column names are echoed only when they are known record columns; anything
else in a header might be data from a file that has no header at all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from dgate.errors import InputError
from dgate.intake.cells import CellTypeError, cell_text
from dgate.intake.limits import Limits
from dgate.model import RECORD_COLUMNS, REQUIRED_COLUMNS
from dgate.normalize import latin_skeleton

if TYPE_CHECKING:
    from dgate.intake.recordtable import RecordTable

ADDRESS_GROUP: tuple[str, ...] = ("street", "city", "state", "zip")
WHOLE_ADDRESS = "address"

_KNOWN = frozenset(RECORD_COLUMNS)

# Control characters (C0 but tab, line feed and carriage return; DEL; C1) are no text a
# person types, and a records file is text: a field holding one is refused with the whole
# file, as a NUL is (red team r10: an ESC in a request id reached `dgate review list` and
# the reviewer's terminal; one inside a name split the word as a space would).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])

PROGRESS_EVERY = 16_384
"""Records read between two reports to build_records' `progress`."""

Row = tuple[str, Sequence[object]]
"""A raw row: its place for messages ("line 12", "row 12") and its cells in header order."""


def header_columns(file_name: str, cells: Sequence[object], limits: Limits) -> tuple[str, ...]:
    """Normalize a header (stripped, lower case) and check it names a readable records file."""
    if len(cells) > limits.max_columns:
        raise InputError(
            f"{file_name} header: {len(cells)} columns, more than the {limits.max_columns} allowed"
        )
    columns: list[str] = []
    first_at: dict[str, int] = {}
    for number, cell in enumerate(cells, start=1):
        name = column_key(_header_text(file_name, number, cell, limits))
        if name and name in first_at:
            shown = f"'{name}'" if name in _KNOWN else f"{number}"
            raise InputError(
                f"{file_name} header: column {shown} repeats column {first_at[name]}"
            )
        first_at.setdefault(name, number)
        columns.append(name)
    check_columns(file_name, columns)
    return tuple(columns)


def column_key(name: str) -> str:
    """A column's name as it is matched with the names of request-format.md: NFKC, format
    characters dropped (a zero-width space, a BOM, a soft hyphen), Cyrillic and Greek
    look-alikes read as the Latin letters, case folded, blanks and dashes between words
    read as the underscore. A `date_of_birth` column written with any of these was dropped
    as unknown, and the date in it with it (red team r10: the date contradicted the only
    taxpayer of the name at the address, who was disclosed). Other names are not guessed
    at: DOB stays an unknown column."""
    if not name.isascii():
        name = latin_skeleton("".join(
            c for c in unicodedata.normalize("NFKC", name) if unicodedata.category(c) != "Cf"))
    return "_".join(_BETWEEN_WORDS.split(name.strip().casefold()))


_BETWEEN_WORDS = re.compile(r"[\s_\-\u2010-\u2015]+")


def check_columns(file_name: str, columns: Iterable[str]) -> None:
    """Required columns present, and an address given as street/city/state/zip or whole."""
    present = set(columns)
    missing = [c for c in REQUIRED_COLUMNS if c not in present]
    if missing:
        raise InputError(f"{file_name} header: missing required column(s) {', '.join(missing)}")
    if WHOLE_ADDRESS not in present:
        absent = [c for c in ADDRESS_GROUP if c not in present]
        if absent:
            raise InputError(
                f"{file_name} header: missing address column(s) {', '.join(absent)}"
                f" (give street, city, state and zip, or the '{WHOLE_ADDRESS}' column)"
            )


def build_records(
    file_name: str, columns: Sequence[str], rows: Iterable[Row], limits: Limits,
    progress: Callable[[int], None] | None = None,
) -> RecordTable:
    """Turn raw rows into records: every RECORD_COLUMNS name present ('' where missing),
    values stripped, unknown columns dropped. Rows whose cells are all empty are skipped:
    they carry no request (trailing blank lines, formatted-but-empty spreadsheet rows).
    The records are numbered 1.. in file order and held as Arrow columns (RecordTable).
    `progress` is told how many records have been read, every PROGRESS_EVERY and at the end."""
    from dgate.intake.recordtable import RecordTable  # pyarrow: only where records are read

    position = {name: index for index, name in enumerate(columns) if name in _KNOWN}
    wanted = [position.get(name, -1) for name in RECORD_COLUMNS]
    width = len(columns)
    count = 0

    def values() -> Iterator[tuple[str, ...]]:
        nonlocal count
        for place, cells in rows:
            if len(cells) > width:
                # A row wider than its header means a value slipped into the wrong column
                # (an unquoted comma, say): every later field of the row is misattributed.
                raise InputError(
                    f"{file_name} {place}: {len(cells)} fields but the header has {width}"
                )
            texts = [_field_text(file_name, place, columns, i, c, limits)
                     for i, c in enumerate(cells)]
            if _has_control("".join(texts)):
                _refuse_control(file_name, place, columns, texts)
            if not any(texts):
                continue
            if count >= limits.max_records:
                raise InputError(f"{file_name}: more than {limits.max_records} records")
            count += 1
            n = len(texts)
            yield tuple(texts[i] if 0 <= i < n else "" for i in wanted)
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(count)

    table = RecordTable.from_values(values())
    if progress is not None:
        progress(count)
    return table


def column_label(columns: Sequence[str], index: int) -> str:
    """How a message names a column: its name when it is a record column, else its number."""
    name = columns[index] if index < len(columns) else ""
    return name if name in _KNOWN else str(index + 1)


def _field_text(
    file_name: str, place: str, columns: Sequence[str], index: int, cell: object, limits: Limits
) -> str:
    # Hot path (every cell of every record): the message place is built only on failure.
    name = columns[index] if index < len(columns) else ""
    try:
        text = cell.strip() if isinstance(cell, str) else cell_text(name, cell).strip()
    except CellTypeError as exc:
        raise InputError(f"{_where(file_name, place, columns, index)}: holds {exc}") from None
    if len(text) > limits.max_field_chars:
        raise InputError(f"{_where(file_name, place, columns, index)}: field longer than"
                         f" {limits.max_field_chars} characters")
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            # a lone surrogate (JSON's "\ud800"): no character, and no Arrow string holds it
            raise InputError(
                f"{_where(file_name, place, columns, index)}: not valid Unicode text") from None
    return text


def _has_control(row: str) -> bool:
    """True if the text holds a control character (_CONTROL). Asked of a whole row at once:
    an ASCII row as bytes, with the control bytes deleted (a C loop), the rest with the
    regular expression only where some character is not printable."""
    if row.isascii():
        raw = row.encode("ascii")
        return len(raw.translate(None, _CONTROL_BYTES)) != len(raw)
    return not row.isprintable() and _CONTROL.search(row) is not None


def _refuse_control(file_name: str, place: str, columns: Sequence[str],
                    texts: Sequence[str]) -> None:
    """Refuse the row's first field that holds a control character, naming its place and
    the character's code point, never the value."""
    for index, text in enumerate(texts):
        control = _CONTROL.search(text)
        if control is not None:
            where = _where(file_name, place, columns, index)
            if control.group() == "\x00":
                raise InputError(f"{where}: contains a NUL character")
            raise InputError(
                f"{where}: contains a control character (U+{ord(control.group()):04X})")


def _where(file_name: str, place: str, columns: Sequence[str], index: int) -> str:
    return f"{file_name} {place} column {column_label(columns, index)}"


def _header_text(file_name: str, number: int, cell: object, limits: Limits) -> str:
    where = f"{file_name} header column {number}"
    try:
        text = cell_text("", cell)
    except CellTypeError as exc:
        raise InputError(f"{where}: holds {exc}") from None
    if len(text) > limits.max_field_chars:
        raise InputError(f"{where}: longer than {limits.max_field_chars} characters")
    return text

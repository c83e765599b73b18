"""Turning typed cells (XLSX, Parquet, JSON) into the text a records file would hold.

Spreadsheets and typed files store identifiers as numbers: ZIP 02134 becomes the number
2134 and a TIN loses its leading zeros. The padding below restores the digits the requester
typed, so that the rules see "02134" rather than a four-digit ZIP they would reject.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from decimal import Decimal

# Column -> width an integer value is zero-padded to. A ZIP+4 typed as a number has lost
# its dash and its leading zeros; it is restored as nine digits.
_ZIP_WIDTHS = (5, 9)
_TIN_WIDTH = 9


class CellTypeError(ValueError):
    """A cell holds a value with no text form (a list, a nested object, binary data …)."""


def cell_text(column: str, value: object) -> str:
    """The text of one cell of `column`, unstripped. Raises CellTypeError for values that
    are not a scalar (string, number, boolean, date, time, null)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):  # before int: bool is an int subclass
        return "true" if value else "false"
    if isinstance(value, int):
        return _integer_text(column, value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return _integer_text(column, int(value))
        return repr(value)
    if isinstance(value, Decimal):
        if value.is_finite() and value == value.to_integral_value():
            return _integer_text(column, int(value))
        return str(value)
    if isinstance(value, datetime):  # before date: datetime is a date subclass
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            raise CellTypeError("binary value that is not UTF-8 text") from None
    raise CellTypeError(f"a {type(value).__name__} value, not a string, number or date")


def _integer_text(column: str, number: int) -> str:
    digits = str(number)
    if number < 0:
        return digits
    if column == "zip":
        for width in _ZIP_WIDTHS:
            if len(digits) <= width:
                return digits.zfill(width)
        return digits
    if column == "tin" and len(digits) <= _TIN_WIDTH:
        return digits.zfill(_TIN_WIDTH)
    return digits

"""Strict parsing of the dates and taxable periods a request carries.

A request's dates decide whether the law allows a disclosure at all (the 90-day rule of
8 U.S.C. §1253(a)(1), the staleness of the written request), so nothing here guesses:
a value that is not exactly what request-format.md prescribes parses to ``None`` and the
caller turns that into a reason code.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["FIRST_ORDER_DATE", "FIRST_TAX_YEAR", "OLDEST_AGE", "birth_impossible", "order_date",
           "parse_date", "parse_periods"]

FIRST_TAX_YEAR = 1913
"""The first year of the modern federal income tax (16th Amendment, Revenue Act of 1913):
no taxable period can precede it."""

FIRST_ORDER_DATE = date(1952, 12, 24)
"""The day the Immigration and Nationality Act of 1952 came into force (Pub. L. 82-414,
§407), the Act whose §243, now 8 U.S.C. §1253, makes failing to depart under a final order a
crime: no final order of removal a request can rest on precedes it. An earlier date is one
written for "unknown" (0001-01-01, 1900-01-01), not an order's (red team r13: such a record
passed every rule and was disclosed)."""

# ASCII digits only: `\d` would also accept Arabic-Indic or full-width digits.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR = re.compile(r"[0-9]{4}")
# A range "2021-2024"; en and em dashes are the same range written by a word processor.
_RANGE = re.compile(r"([0-9]{4})\s*[-\u2013\u2014]\s*([0-9]{4})")


def parse_date(text: object) -> date | None:
    """Parse ``YYYY-MM-DD`` (surrounding blanks ignored) into a real calendar date.

    Anything else — another layout, a time part, 2026-02-30, a non-string — gives ``None``.
    """
    if not isinstance(text, str):
        return None
    candidate = text.strip()
    if _ISO_DATE.fullmatch(candidate) is None:
        return None
    try:
        return date(int(candidate[0:4]), int(candidate[5:7]), int(candidate[8:10]))
    except ValueError:  # month 13, day 31 of a 30-day month, year 0000 …
        return None


OLDEST_AGE = 122
"""The greatest age a person is known to have lived to, in whole years (Jeanne Calment,
1875-1997)."""


def birth_impossible(dob: date, order: date | None) -> bool:
    """True if `dob` is no date of birth of a person under a final order of removal of
    `order` (the record's final_order_date): born after the order, or older than OLDEST_AGE
    on its day. Such a date says the request is not of the person its name and address
    find (red team r13: 2030-01-01 and 1880-04-12 disclosed against a taxpayer with no date
    of birth on file). The order is the record's own date, not the processing date: the
    rules have held it to no later than signed_at, so a date of birth in the future is
    after it too."""
    if order is None:
        return False
    age = order.year - dob.year - ((order.month, order.day) < (dob.month, dob.day))
    return dob > order or age > OLDEST_AGE


def order_date(text: object) -> date | None:
    """A record's final_order_date: `parse_date`, and None also for a date before
    FIRST_ORDER_DATE (decisions.md R_ORDER_MISSING: missing or not a date)."""
    found = parse_date(text)
    return found if found is not None and found >= FIRST_ORDER_DATE else None


def parse_periods(text: object, processing_date: date) -> tuple[int, ...] | None:
    """Parse taxable periods into sorted, distinct tax years, or ``None`` if unusable.

    Accepted: years separated by ``;`` (``2023;2024``), a range (``2021-2024``), or a mix of
    both (``2019;2021-2023``); blanks around parts and a trailing ``;`` are ignored.
    ``None`` when empty, when any part is not a 4-digit year or range, when a range runs
    backwards, when a year precedes 1913, or when a year lies after the processing date's
    year (a period that has not begun is "in the future" — decisions.md R_PERIOD; the
    current, still-running year is allowed).
    """
    if not isinstance(text, str):
        return None
    years: set[int] = set()
    parts = [part.strip() for part in text.split(";")]
    for part in parts:
        if not part:
            continue
        span = _part_years(part)
        # Bounds are checked per part, before expanding, so "1000-9999" costs nothing.
        if span is None or span.start < FIRST_TAX_YEAR or span.stop - 1 > processing_date.year:
            return None
        years.update(span)
    if not years:
        return None
    return tuple(sorted(years))


def _part_years(part: str) -> range | None:
    """The years one `;`-separated part names, or None if it is not a year or a range."""
    if _YEAR.fullmatch(part):
        year = int(part)
        return range(year, year + 1)
    match = _RANGE.fullmatch(part)
    if match is None:
        return None
    start, end = int(match.group(1)), int(match.group(2))
    if end < start:
        return None
    return range(start, end + 1)


_US_DATE = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})")
_SLASHED_ISO = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
# Year first with dashes and a month or a day of one digit, in that order only (1980-4-12:
# red team r10, a date so written was not read and the conflict it makes went unseen;
# 1962-19-07 stays unread, as before)
_UNPADDED_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# Eight digits without separators: YYYYMMDD where it begins with a year of 19xx or 20xx
# (never a month or a day), else MMDDYYYY (audit 16: 19800412 was never read, and 159
# requests of a run went to review or were refused for want of the date).
_COMPACT_ISO = re.compile(r"((?:19|20)\d{2})(\d{2})(\d{2})")
_COMPACT_US = re.compile(r"(\d{2})(\d{2})((?:19|20)\d{2})")


def birth_date(text: str) -> date | None:
    """A request's date of birth: YYYY-MM-DD as the spec writes it, or the forms a US agency
    also writes (YYYY/MM/DD, YYYY-M-D, MM/DD/YYYY, MM-DD-YYYY, YYYYMMDD, MMDDYYYY; a month
    and day the other way round compare as the swapped date they are, but in YYYY-M-D).
    None if none of them reads."""
    text = text.strip()
    found = parse_date(text)
    if found is not None:
        return found
    if m := _UNPADDED_ISO.fullmatch(text):
        return _read(m.group(1), m.group(2), m.group(3))
    m = _SLASHED_ISO.fullmatch(text)
    if not m and (m := _COMPACT_ISO.fullmatch(text)):
        iso = _read(m.group(1), m.group(2), m.group(3))
        if iso is not None:
            return iso
        m = None
    y, mo, d = (m.group(1), m.group(2), m.group(3)) if m else ("", "", "")
    if not m and (m := _US_DATE.fullmatch(text) or _COMPACT_US.fullmatch(text)):
        mo, d, y = m.group(1), m.group(2), m.group(3)
    if not m:
        return None
    for month, day in ((mo, d), (d, mo)):  # DD/MM/YYYY where the month cannot be first
        found = _read(y, month, day)
        if found is not None:
            return found
    return None


def _read(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None

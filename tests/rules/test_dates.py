from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dgate.rules.dates import birth_date, parse_date, parse_periods

PROCESSING = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", date(2026, 11, 20)),
        ("2024-02-29", date(2024, 2, 29)),
        (" 2026-01-05 ", date(2026, 1, 5)),
    ],
)
def test_parse_date_accepts_iso(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "", "2023-02-29", "2026-02-30", "2026-13-01", "0000-01-01", "2026-1-5", "26-01-05",
        "2026/01/05", "01/05/2026", "20260105", "2026-01-05T00:00:00", "2026-01-05Z",
        "２０２６-０１-０５",  # full-width digits
        "٢٠٢٦-٠١-٠٥",  # Arabic-Indic digits
        None, 20260105, date(2026, 1, 5),
    ],
)
def test_parse_date_rejects_everything_else(text: object) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023;2024", (2023, 2024)),
        ("2024; 2023 ;2024", (2023, 2024)),
        ("2021-2024", (2021, 2022, 2023, 2024)),
        ("2021 – 2022", (2021, 2022)),
        ("2023-2023", (2023,)),
        ("2019;2021-2022", (2019, 2021, 2022)),
        ("2023;", (2023,)),
        ("1913", (1913,)),
        ("2026", (2026,)),
    ],
)
def test_parse_periods(text: str, expected: tuple[int, ...]) -> None:
    assert parse_periods(text, PROCESSING) == expected


@pytest.mark.parametrize(
    "text",
    [
        "", " ", ";", ";;", "2024-2021", "1912", "1900-1920", "2027", "2025-2027", "23",
        "FY2023", "2023,2024", "2023 2024", "2023-", "-2023", "2023.0", "all years",
        "2021-2022-2023", "２０２３",
    ],
)
def test_parse_periods_rejects(text: str) -> None:
    assert parse_periods(text, PROCESSING) is None


def test_future_is_relative_to_processing_date() -> None:
    assert parse_periods("2027", date(2027, 1, 1)) == (2027,)
    assert parse_periods("2027", date(2026, 12, 31)) is None


@given(st.sets(st.integers(1913, 2026), min_size=1, max_size=8), st.data())
def test_periods_formatting_does_not_matter(years: set[int], data: st.DataObject) -> None:
    ordered = data.draw(st.permutations(sorted(years)))
    sep = data.draw(st.sampled_from([";", "; ", " ;", " ; "]))
    assert parse_periods(sep.join(str(y) for y in ordered), PROCESSING) == tuple(sorted(years))


@pytest.mark.parametrize(("text", "expected"), [
    ("1962-07-19", date(1962, 7, 19)), ("1962/07/19", date(1962, 7, 19)),
    ("07/19/1962", date(1962, 7, 19)), ("7-19-1962", date(1962, 7, 19)),
    ("19/07/1962", date(1962, 7, 19)),    # the month cannot come first: day first
    ("03/11/1990", date(1990, 3, 11)),    # both could: the US order
    ("1962-19-07", None), ("31/31/1962", None), ("sometime in 1990", None), ("", None),
    # eight digits (audit 16): a year of 19xx or 20xx first, else the US order
    ("19620719", date(1962, 7, 19)), ("07191962", date(1962, 7, 19)),
    ("19071962", date(1962, 7, 19)), ("20010203", date(2001, 2, 3)),
    ("19621307", None), ("123456789", None), ("1962071", None),
])
def test_birth_date_reads_the_forms_a_us_agency_writes(text: str, expected: date | None) -> None:
    assert birth_date(text) == expected


def test_a_birth_no_one_under_the_order_can_have() -> None:
    """rules.dates.birth_impossible at its edges (red team r13): born after the order, or
    older than OLDEST_AGE (122) on its day; the day of the order itself and the 122nd
    birthday are possible."""
    from dgate.rules.dates import birth_impossible

    order = date(2026, 1, 15)
    assert birth_impossible(date(2026, 1, 16), order)
    assert not birth_impossible(date(2026, 1, 15), order)
    assert not birth_impossible(date(1904, 1, 15), order)  # 122 that day
    assert not birth_impossible(date(1903, 1, 16), order)  # 123 the next day
    assert birth_impossible(date(1903, 1, 15), order)  # 123
    assert not birth_impossible(date(2030, 1, 1), None)  # no order read: nothing to say

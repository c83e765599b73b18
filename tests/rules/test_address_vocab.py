"""The address vocabularies against real data: no placeholder is a real US place name, and
the ZIP / city / state triples the address tests rely on are real."""

from __future__ import annotations

import re

import pytest
import zipcodes

from dgate.normalize.address import fold
from dgate.rules.address import known_zip_state
from dgate.rules.vocab import FACILITIES, PLACEHOLDERS

# Words USPS accepts inside a standard ZIP's city name that are also placeholders, with why.
KNOWN_OVERLAPS = {"NA"}  # "Washington Na": a USPS alias for the Navy Yard, 20374 etc.


def _standard_city_names() -> set[str]:
    names: set[str] = set()
    for row in zipcodes.list_all():
        if row["zip_code_type"] == "STANDARD":
            names.update(fold(c).replace("-", " ") for c in [row["city"],
                                                              *row["acceptable_cities"]])
    return names


def test_no_placeholder_is_a_word_of_a_real_city() -> None:
    cities = _standard_city_names()
    offenders = []
    for entry in PLACEHOLDERS:
        whole = entry.startswith("=")
        phrase = fold(entry.removeprefix("=")).replace("/", "").replace("-", " ")
        if whole:
            if phrase in cities:
                offenders.append(entry)
            continue
        if phrase in KNOWN_OVERLAPS:
            continue
        pattern = re.compile(rf"(?<![A-Z0-9]){re.escape(phrase)}(?![A-Z0-9])")
        if any(pattern.search(city) for city in cities):
            offenders.append(entry)
    assert offenders == []


def test_vocabularies_are_plain_upper_case_string_tuples() -> None:
    # they are rule parameters: plain data, hashable, no duplicates
    for vocab in (PLACEHOLDERS, FACILITIES):
        assert isinstance(vocab, tuple)
        assert all(isinstance(e, str) and e == e.upper() and e.strip() == e for e in vocab)
        assert len(set(vocab)) == len(vocab)
    assert len([e for e in PLACEHOLDERS if not e.startswith("=")]) >= 40
    assert len(FACILITIES) >= 20


@pytest.mark.parametrize(("zip5", "city", "state"), [
    ("78701", "Austin", "TX"), ("78704", "Austin", "TX"), ("10001", "New York", "NY"),
    ("60629", "Chicago", "IL"), ("90022", "Los Angeles", "CA"), ("33125", "Miami", "FL"),
    ("00601", "Adjuntas", "PR"), ("20001", "Washington", "DC"), ("09001", "APO", "AE"),
    ("99762", "Nome", "AK"), ("88252", "Jal", "NM"), ("92154", "San Diego", "CA"),
])
def test_test_places_are_real(zip5: str, city: str, state: str) -> None:
    rows = zipcodes.matching(zip5)
    assert rows and rows[0]["state"] == state
    assert fold(city) in {fold(rows[0]["city"]), *map(fold, rows[0]["acceptable_cities"])}
    assert known_zip_state(zip5) == state


def test_placeholder_zips_are_not_residential() -> None:
    for entry in PLACEHOLDERS:
        digits = entry.removeprefix("=")
        if digits.isdigit() and len(digits) == 5:
            rows = zipcodes.matching(digits)
            assert not rows or rows[0]["zip_code_type"] != "STANDARD", entry

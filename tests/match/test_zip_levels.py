"""compare.zip_unsettled through compare.address_level: a street address in another ZIP of
the same city is placed by the city (a slip in the ZIP), except where the requested ZIP
holds that very house and street (session 26, audit 22: namesakes at 2178 E 18TH CT in
90033 and 90022 of Los Angeles were M_AMBIGUOUS to a request naming 90033)."""

from __future__ import annotations

import pytest

from dgate.match.compare import address_level
from dgate.normalize.address import normalize_address


def _a(street: str, zip5: str, unit: str = "") -> object:
    return normalize_address(street, unit, "LOS ANGELES", "CA", zip5)


@pytest.mark.parametrize(("request_line", "rzip", "record", "czip", "line_here", "level"), [
    # the requested ZIP holds the request's street line as written (Query.line_here): the
    # other ZIP's row is at most a slip
    ("2178 E 18TH CT", "90033", "2178 E 18TH CT", "90022", True, 2),
    # a directional on one side only is at most a slip anyway (dir_unsettled)
    ("2178 18TH CT", "90033", "2178 E 18TH CT", "90022", True, 2),
    ("2178 18TH CT", "90033", "2178 E 18TH CT", "90022", False, 2),
    # a unit does not lift it
    ("2178 E 18TH CT APT 2", "90033", "2178 E 18TH CT APT 2", "90022", True, 2),
    # the row in the requested ZIP itself is untouched
    ("2178 E 18TH CT", "90033", "2178 E 18TH CT", "90033", True, 5),
    # the line as written not there (nothing there, or only the house and street with
    # another directional or urbanization, or none): the other ZIP is a slip in the ZIP,
    # placed by the city, as before (session 26)
    ("2178 E 18TH CT", "90033", "2178 E 18TH CT", "90022", False, 5),
    # no ZIP in the request: the city places it
    ("2178 E 18TH CT", "", "2178 E 18TH CT", "90022", False, 5),
])
def test_a_street_line_in_two_zips_of_one_city(request_line: str, rzip: str, record: str,
                                               czip: str, line_here: bool,
                                               level: int) -> None:
    assert address_level(_a(request_line, rzip), _a(record, czip),  # type: ignore[arg-type]
                         line_here=line_here) == level

"""Session 26 (audit 22): the address level of a Utah grid street with its axis left out
(at most a slip: compare.dir_unsettled) and of a street type left out after a type word
(LOMA VISTA / LOMA VISTA BLVD: not where the read street is a street of the ZIP)."""

from __future__ import annotations

from dgate.match.compare import address_level, dir_unsettled
from dgate.model import NormAddress
from dgate.normalize.address import normalize_address


def _provo(line: str, zip5: str = "84604") -> NormAddress:
    return normalize_address(line, "", "PROVO", "UT", zip5)


def test_a_grid_axis_left_out_is_at_most_a_slip() -> None:
    q = _provo("3222 E 1900")
    for held in ("3222 E 1900 N", "3222 E 1900 S"):
        assert dir_unsettled(q, _provo(held), ())
        assert address_level(q, _provo(held)) == 2
    # written whole: the same address; another axis: another street
    assert address_level(_provo("3222 E 1900 N"), _provo("3222 E 1900 N")) == 5
    assert address_level(_provo("3222 E 1900 S"), _provo("3222 E 1900 N")) <= 1
    # a bare number read as another line than itself: at most a slip; as itself: settled
    assert address_level(q, _provo("3222 E 1900 ST")) == 2
    assert address_level(_provo("3222 E 19"), _provo("3222 E 19TH ST")) == 2
    assert address_level(q, _provo("3222 E 1900")) == 5
    # another house on the street with its axis left out: another household
    assert address_level(_provo("3290 E 1900"), _provo("3222 E 1900 N")) <= 1


def test_a_type_left_out_after_a_type_word() -> None:
    def phx(line: str, unit: str = "APT 1") -> NormAddress:
        return normalize_address(line, unit, "PHOENIX", "AZ", "85032")
    q, held = phx("5362 E LOMA VISTA"), phx("5362 E LOMA VISTA BLVD")
    assert address_level(q, held) == 5
    assert address_level(q, held, street_known=True) == 0
    assert address_level(q, phx("5362 E LOMA VISTA BLVD", "APT 2")) == 1
    assert address_level(q, phx("5362 E LOMA VISTA DR")) == 5
    assert address_level(phx("5362 E LOMA VISTA CIR"), held) == 0

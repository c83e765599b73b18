"""Session 36 red team (r40): the differential consistency fuzzer
(benchmarks/consistency_fuzz.py) writes each request of a synthetic batch again in forms
request-format.md reads as the same request and compares the decisions; what it found, end
to end through the CLI (tests/e2e/handmade.py). Synthetic people; one home for the file,
one batch a test, one person a case.

- G1 (missed) a one-line address without commas whose street type usaddress read as the
  city's first word ("156 E 12TH ST LA PUENTE CA 91744": the city ST LA PUENTE): the ZIP's
  city LA PUENTE was found, but the ST before it was set aside as no part of the address,
  and ST alone is placeholder text: R_ADDRESS_PLACEHOLDER for the address the split fields
  (and the line with commas) disclosed.
- G2 (a wrongful disclosure) a middle name written as the second word of the first name:
  WALTER BRENNAN, then WALTER / JAMES BRENNAN at the same address, is one person asked
  twice (R_DUPLICATE; red team r33), and WALTER BRENNAN goes to review against the WALTER
  PAUL BRENNAN on file, the batch having named WALTER JAMES; written WALTER JAMES / ""
  the second was another person (the duplicate rule keyed the first-name field alone),
  and WALTER BRENNAN was disclosed WALTER PAUL's address. In the other order, WALTER was
  disclosed after WALTER JAMES went to review.
- G3 (missed) the same, the other way round: SAMUEL T / "" then SAMUEL / T born 1955 at
  the address where SAMUEL T (born 1955) and SAMUEL TIMOTHY (born 1983) live: written SAMUEL
  / T the repeat tells the first its date of birth and the first is disclosed SAMUEL T's
  address (what the batch says together, red team r32); written SAMUEL T in the first
  field, the repeat was not read (its first name was not the first's) and the first was
  M_AMBIGUOUS.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.e2e.handmade import SAFE, HeldCases, decide, decide_held, home_with

_ROW = ("RETURN", "2025", "2026-02-26")
_PLACES = {"LAP": ("La Puente", "CA", "91744"), "LAM": ("La Mesa", "CA", "91941")}

# key -> (street on record, unit on record, place)
_HELD = {
    # G2: one person on file, with a middle name, per batch
    "walter": ("10 Oak St", "", "LAP"),
    "walter2": ("12 Oak St", "", "LAP"),
    "walter3": ("14 Oak St", "", "LAP"),
    # G3: a father and a son at one address, twice
    "samuel": ("20 Oak St", "", "LAP"), "samuel_son": ("20 Oak St", "", "LAP"),
    "samuel2": ("22 Oak St", "", "LAP"), "samuel2_son": ("22 Oak St", "", "LAP"),
    "puente": ("156 E 12th St", "", "LAP"),
    "puente2": ("156 E 12th St", "", "LAP"),
    "puente3": ("158 E 12th St", "", "LAP"),
    "mesa": ("40 W 3rd Ave", "Apt 2", "LAM"),
    "mesa2": ("40 W 3rd St", "", "LAM"),
}
_FIRST = ["Quorra", "Tamsin", "Ulric", "Vesna", "Wystan", "Xanthe", "Yorick", "Zelda"]
_PEOPLE = {key: (f"8394{n:05d}", _FIRST[n % len(_FIRST)],
                 f"Vantablex{chr(65 + n // 26)}{chr(65 + n % 26)}ora")
           for n, key in enumerate(_HELD)}
for _n, _pair in enumerate((("samuel", "samuel_son"), ("samuel2", "samuel2_son"))):
    for _key in _pair:  # one given name and surname a pair
        _PEOPLE[_key] = (_PEOPLE[_key][0], "Ansgar", f"Pellinore{'AB'[_n]}ix")
_MIDDLE = {"walter": "Paul", "walter2": "Paul", "walter3": "Paul", "samuel": "T",
           "samuel_son": "Timothy", "samuel2": "T", "samuel2_son": "Timothy"}
_BORN = {"samuel": "1955-06-08", "samuel_son": "1983-10-06", "samuel2": "1955-06-08",
         "samuel2_son": "1983-10-06"}
TAXPAYERS = [(tin, "SSN", first, _MIDDLE.get(key, ""), last, "", _BORN.get(key, ""), "")
             for key, (tin, first, last) in _PEOPLE.items()]
ADDRESSES = [(_PEOPLE[key][0], street, unit, *_PLACES[place], *_ROW)
             for key, (street, unit, place) in _HELD.items()]

YES = ("DISCLOSE",)
Cases = HeldCases


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[
        tuple[Path, Ed25519PrivateKey, Path]]:
    tmp = tmp_path_factory.mktemp("r40")
    home, key = home_with(tmp, TAXPAYERS, ADDRESSES)
    yield home, key, tmp


def _decide(home: tuple[Path, Ed25519PrivateKey, Path], cases: Cases, batch: str) -> None:
    decide_held(*home, _PEOPLE, _HELD, _PLACES, cases, batch)


def test_a_street_type_read_as_the_first_word_of_the_city(
        home: tuple[Path, Ed25519PrivateKey, Path]) -> None:
    """G1: the one-line address without commas discloses as the split fields do; the type
    kept with the street still tells 3RD AVE from 3RD ST, and another house number is
    another house."""
    _decide(home, {
        "L1": ("puente", "@156 E 12TH ST LA PUENTE CA 91744", "", YES),
        "L2": ("puente2", "@156 East 12th Street La Puente CA 91744", "", YES),
        "L3": ("mesa", "@40 W 3RD AVE APT 2 LA MESA CA 91941", "", YES),
        # the namesake's street is 3RD ST, the line names 3RD AVE: not the same street
        "L4": ("mesa2", "@40 W 3RD AVE LA MESA CA 91941", "", SAFE),
        "L5": ("puente3", "@156 E 12TH ST LA PUENTE CA 91744", "", SAFE),
    }, "ICE-2026-394001")


def _told(home: tuple[Path, Ed25519PrivateKey, Path], who: str,
          firsts: list[tuple[str, str] | tuple[str, str, str]], batch: str
          ) -> dict[str, tuple[str, str, str]]:
    """The person `who` asked once per (first name, middle name[, date of birth]), in that
    order, in one batch, at the address on record: request id -> (disposition, reason
    codes, matched TIN)."""
    path, key, tmp = home
    _, first, last = _PEOPLE[who]
    street, unit, place = _HELD[who]
    city, state, zip5 = _PLACES[place]
    rows = [dict(request_id=f"T{n}", first_name=f[0].replace("@", first), middle_name=f[1],
                 date_of_birth=f[2] if len(f) > 2 else "", last_name=last, street=street,
                 unit=unit, city=city, state=state, zip=zip5)
            for n, f in enumerate(firsts, 1)]
    got = decide(path, key, tmp, rows, batch)
    return {rid: (r["disposition"], r["reason_codes"], r["match_tin"])
            for rid, r in got.items()}


def test_a_middle_name_written_in_the_first_name_field_is_a_repeat_too(
        home: tuple[Path, Ed25519PrivateKey, Path]) -> None:
    """G2: the batch names the person with the middle name James; the one on file there is
    Paul: whichever way the middle name is written, and in either order, nothing is
    disclosed, and the second request is the first one's repeat."""
    # the middle name in its own field (as before: red team r33)
    repeat = ("REJECTED", "R_DUPLICATE", "")
    got = _told(home, "walter", [("@", ""), ("@", "James")], "ICE-2026-394002")
    assert got["T1"][0] in SAFE and got["T2"] == repeat, got
    # written as the second word of the first name
    got = _told(home, "walter2", [("@", ""), ("@ James", "")], "ICE-2026-394003")
    assert got["T1"][0] in SAFE and got["T2"] == repeat, got
    got = _told(home, "walter3", [("@ James", ""), ("@", "")], "ICE-2026-394004")
    assert got["T1"][0] in SAFE and got["T2"] == repeat, got


def test_a_repeat_tells_a_first_written_with_its_middle_name_in_the_first_field(
        home: tuple[Path, Ed25519PrivateKey, Path]) -> None:
    """G3: the repeat's date of birth tells the father from the son however the first
    request lays out its middle initial."""
    repeat = ("REJECTED", "R_DUPLICATE", "")
    father = ("DISCLOSE", "M_MATCH", _PEOPLE["samuel"][0])
    got = _told(home, "samuel", [("@", "T"), ("@", "T", "1955-06-08")], "ICE-2026-394005")
    assert got == {"T1": father, "T2": repeat}, got
    father = ("DISCLOSE", "M_MATCH", _PEOPLE["samuel2"][0])
    got = _told(home, "samuel2", [("@ T", ""), ("@", "T", "1955-06-08")], "ICE-2026-394006")
    assert got == {"T1": father, "T2": repeat}, got

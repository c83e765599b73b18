"""Session 29 red team (r17): address forms that are not "123 MAIN ST", end to end through
the CLI (tests/e2e/handmade.py). Synthetic people; one home for the file, one batch a test.

- F1 a unit after a rural route or highway contract box ("HC 68 BOX 12 LOT 4", "RR 2 BOX
  45 APT 3") was dropped by the street parser (normalize.address._special_delivery), on
  either side: the request naming LOT 3 read as one with no unit and disclosed the
  resident of LOT 4 (the unit on record on one side only: address level 4), and "RR 2 BOX
  45 APT 3" disclosed the resident of its APT 4. Written "100 MAIN ST LOT 3" the same
  request grades another household (level 1) and is not disclosed.
- F2 rural boxes written another way: "RR #2 BOX 45" (the number sign before the route's
  number) was no rural route at all, R_ADDRESS_INCOMPLETE for a complete address; a box
  "45-A" was not the box "45A" (a slip, REVIEW), where a house "45-A" is "45A"; "BOX 7 RR
  3", the box written before its route, was a PO box (R_ADDRESS_INCOMPLETE).
- F3 single-axis grid house numbers: Wisconsin's rural "N1234 COUNTY RD K" / "W5678 STATE
  ROAD 21" and the DuPage and Kane County (Illinois) numbers "27W100 ROOSEVELT RD",
  "0N123 PINE ST" (USPS keeps them whole, as N56W14444) were no house number:
  R_ADDRESS_INCOMPLETE for the address the master holds exactly. Another number, axis
  letter or lettered county road is still not disclosed.
- F4 a post office box written after its number in any form but "PO BOX" and "POST OFFICE
  BOX" ("77 POB", "123 P O BOX", "123 PO DRAWER", "123 CALLER BOX", "123 GENERAL
  DELIVERY") and a route numbered 0 ("RR 0 BOX 45") were complete street lines to the
  rules: the master was searched for a legally insufficient request and the namesake
  whose record holds the line as written disclosed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.e2e.handmade import SAFE, decide, home_with

_ROW = ("RETURN", "2025", "2026-02-26")
_AMES = ("Ames", "IA", "50014")
_JACKSON = ("Jackson", "WI", "53037")
_WINFIELD = ("Winfield", "IL", "60190")

TAXPAYERS = [
    ("831700001", "SSN", "Thaddeus", "", "Quillfeather", "", "", ""),
    ("831700002", "SSN", "Bertrand", "", "Mossgrove", "", "", ""),
    ("831700003", "SSN", "Odalys", "", "Pennywhistle", "", "", ""),
    ("831700004", "SSN", "Leontyne", "", "Ashbury", "", "", ""),
    ("831700005", "SSN", "Casimir", "", "Wrenfield", "", "", ""),
    ("831700006", "SSN", "Perpetua", "", "Ollerenshaw", "", "", ""),
    ("831700007", "SSN", "Anselm", "", "Brightwater", "", "", ""),
    ("831700008", "SSN", "Rosalind", "", "Kettleborough", "", "", ""),
    ("831700009", "SSN", "Isidore", "", "Vantongeren", "", "", ""),
    ("831700010", "SSN", "Hortensia", "", "Glasspool", "", "", ""),
    ("831700011", "SSN", "Barnabas", "", "Cheswick", "", "", ""),
    ("831700012", "SSN", "Philippa", "", "Underhay", "", "", ""),
]
ADDRESSES = [
    # F1: the unit on the street line on record, and in the unit column
    ("831700001", "HC 68 Box 12 Lot 4", "", *_AMES, *_ROW),
    ("831700002", "RR 2 Box 45", "Apt 4", *_AMES, *_ROW),
    ("831700003", "RR 3 Box 7 Trlr 2", "", *_AMES, *_ROW),
    # F2
    ("831700004", "RR 5 Box 45-A", "", *_AMES, *_ROW),
    ("831700005", "RR 6 Box 9", "", *_AMES, *_ROW),
    # F3
    ("831700006", "N1234 County Rd K", "", *_JACKSON, *_ROW),
    ("831700007", "W5678 State Road 60", "", *_JACKSON, *_ROW),
    ("831700008", "27W100 Roosevelt Rd", "", *_WINFIELD, *_ROW),
    ("831700009", "0N123 Pine St", "", *_WINFIELD, *_ROW),
    # F4: a post office box written backwards, as the master may hold it
    ("831700010", "77 POB", "", *_AMES, *_ROW),
    ("831700011", "RR 0 Box 45", "", *_AMES, *_ROW),
    ("831700012", "RR 8 Box 20", "Apt 4", *_AMES, *_ROW),
]

_IA = dict(city="AMES", state="IA", zip="50014")
_WI = dict(city="JACKSON", state="WI", zip="53037")
_IL = dict(city="WINFIELD", state="IL", zip="60190")
_QUILL = dict(_IA, first_name="THADDEUS", last_name="QUILLFEATHER")
_MOSS = dict(_IA, first_name="BERTRAND", last_name="MOSSGROVE")
_PENNY = dict(_IA, first_name="ODALYS", last_name="PENNYWHISTLE")
_ASH = dict(_IA, first_name="LEONTYNE", last_name="ASHBURY")
_WREN = dict(_IA, first_name="CASIMIR", last_name="WRENFIELD")
_OLLER = dict(_WI, first_name="PERPETUA", last_name="OLLERENSHAW")
_BRIGHT = dict(_WI, first_name="ANSELM", last_name="BRIGHTWATER")
_KETTLE = dict(_IL, first_name="ROSALIND", last_name="KETTLEBOROUGH")
_VANT = dict(_IL, first_name="ISIDORE", last_name="VANTONGEREN")
_GLASS = dict(_IA, first_name="HORTENSIA", last_name="GLASSPOOL")
_CHES = dict(_IA, first_name="BARNABAS", last_name="CHESWICK")
_UNDER = dict(_IA, first_name="PHILIPPA", last_name="UNDERHAY")

YES = ("DISCLOSE",)
# request id -> (fields, the dispositions allowed, the TIN where DISCLOSE is required)
Cases = dict[str, tuple[dict[str, str], tuple[str, ...], str]]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[
        tuple[Path, Ed25519PrivateKey, Path]]:
    tmp = tmp_path_factory.mktemp("r17")
    home, key = home_with(tmp, TAXPAYERS, ADDRESSES)
    yield home, key, tmp


def _decide(home: tuple[Path, Ed25519PrivateKey, Path], cases: Cases, batch: str) -> None:
    """All cases in one batch (one request a person); every wrong one listed at once."""
    path, key, tmp = home
    got = decide(path, key, tmp, [dict(f, request_id=rid) for rid, (f, _, _) in cases.items()],
                 batch)
    wrong = [(rid, got[rid]["disposition"], got[rid]["reason_codes"], got[rid]["match_tin"])
             for rid, (_, want, tin) in cases.items()
             if got[rid]["disposition"] not in want
             or (want == YES and got[rid]["match_tin"] != tin)]
    assert not wrong, wrong


def test_a_unit_after_a_rural_box_is_another_household(
        home: tuple[Path, Ed25519PrivateKey, Path]) -> None:
    """F1: each request names a unit of the box other than the one on record."""
    _decide(home, {
        "U1": (dict(_QUILL, street="HC 68 BOX 12", unit="LOT 3"), SAFE, ""),
        "U2": (dict(_MOSS, street="RR 2 BOX 45 APT 3"), SAFE, ""),
        "U3": (dict(_PENNY, street="RR 3 BOX 7 TRLR 1"), SAFE, ""),
    }, "ICE-2026-291701")
    # controls: the unit on record, however written, and none (unit on one side only)
    _decide(home, {
        "C1": (dict(_QUILL, street="HC 68 BOX 12", unit="LOT 4"), YES, "831700001"),
        "C2": (dict(_MOSS, street="RR 2 BOX 45 # 4"), YES, "831700002"),
        "C3": (dict(_PENNY, street="RR 3 BOX 7", unit="TRAILER 2"), YES, "831700003"),
        "C4": (dict(_ASH, street="RR 5 BOX 45-A"), YES, "831700004"),
    }, "ICE-2026-291702")


def test_rural_boxes_written_another_way(home: tuple[Path, Ed25519PrivateKey, Path]) -> None:
    """F2: the same box written with a number sign or without the hyphen discloses; another
    box or route does not."""
    _decide(home, {
        "W1": (dict(_WREN, street="RR #6 BOX 9"), YES, "831700005"),
        "W2": (dict(_ASH, street="RR 5 BOX 45A"), YES, "831700004"),
        "W3": (dict(_WREN, street="RR #6 BOX 8"), SAFE, ""),
        "W4": (dict(_ASH, street="RR 5 BOX 45B"), SAFE, ""),
        "W5": (dict(_MOSS, street="RR # 3 BOX 45", unit="APT 4"), SAFE, ""),
        # the box written before its route (was read as a PO box: R_ADDRESS_INCOMPLETE)
        "W6": (dict(_PENNY, street="BOX 7 RR 3"), YES, "831700003"),
        "W7": (dict(_UNDER, street="BOX 20 RR 8 APT 3"), SAFE, ""),
        # F4: a post office box however written, and a route 0, are no street address:
        # the request is legally insufficient and the master is not searched for it
        "P1": (dict(_GLASS, street="77 POB"), ("REJECTED",), ""),
        "P2": (dict(_CHES, street="RR 0 BOX 45"), ("REJECTED",), ""),
    }, "ICE-2026-291703")


def test_single_axis_grid_house_numbers(home: tuple[Path, Ed25519PrivateKey, Path]) -> None:
    """F3: Wisconsin's and Illinois's single-axis grid numbers are house numbers."""
    _decide(home, {
        "G1": (dict(_OLLER, street="N1234 COUNTY RD K"), YES, "831700006"),
        "G2": (dict(_BRIGHT, street="W5678 STATE ROAD 60"), YES, "831700007"),
        "G3": (dict(_KETTLE, street="27W100 ROOSEVELT ROAD"), YES, "831700008"),
        "G4": (dict(_VANT, street="0N123 PINE ST"), YES, "831700009"),
    }, "ICE-2026-291704")
    _decide(home, {
        "N1": (dict(_OLLER, street="N1234 COUNTY RD J"), SAFE, ""),
        "N2": (dict(_BRIGHT, street="W5678 STATE ROAD 61"), SAFE, ""),
        "N3": (dict(_KETTLE, street="27W100 ROOSEVELT AVE"), SAFE, ""),
        "N4": (dict(_VANT, street="0N128 PINE ST"), SAFE, ""),
    }, "ICE-2026-291705")

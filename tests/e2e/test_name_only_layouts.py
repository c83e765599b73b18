"""M_NAME_ONLY names a taxpayer whose name the request's is (decisions.md: "a taxpayer's
name (or TIN) matches but the request's address corresponds to none of that taxpayer's
addresses"), whichever field the request writes its second given name in.

Session 38: benchmarks/consistency_fuzz.py (seed 11, `--hard`) found JOSE ANTONIO / "" /
REYES at another taxpayer's address M_ADDRESS_ONLY, and the same request written JOSE /
ANTONIO / REYES M_ADDRESS_ONLY;M_NAME_ONLY: the second layout grades the given name exact
(5) against a JOSE LUIS REYES elsewhere, whose middle name conflicts, and `decide` read that
as the name; the first grades it 4 and did not. Now the given names laid out either way
count as exact (`policy._first_given_exact`) and a conflicting middle name makes it another
name. NOT_DISCLOSED either way: the codes only. Every person here is invented; each case
runs through the real CLI (`tests/e2e/handmade.py`)."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.e2e.handmade import decide_apart, home_with

PLACE = ("Dallas", "TX", "75206", "RETURN", "2025", "2026-02-26")
TAXPAYERS = [
    ("538390001", "SSN", "Wendell", "", "Pryce", "", "1971-09-12", ""),
    ("538390002", "SSN", "Jose", "Luis", "Reyes", "", "1980-04-02", ""),
    ("538390003", "SSN", "Marisol", "", "Quintanar", "", "1990-01-15", ""),
    ("538390004", "SSN", "Marisol", "Elena", "Quintanar", "", "1988-06-30", ""),
]
ADDRESSES = [(t, street, "", *PLACE) for t, street in (
    ("538390001", "707 E Orchard St"), ("538390002", "4410 Live Oak St"),
    ("538390003", "2214 Ross Ave"), ("538390004", "5120 Gaston Ave"))]
BASE = {"city": "DALLAS", "state": "TX", "zip": "75206", "street": "707 E ORCHARD ST"}


def _codes(home: Path, key: Ed25519PrivateKey, tmp: Path, requests: dict[str, dict[str, str]],
           serial: int) -> dict[str, tuple[str, str]]:
    got = decide_apart(home, key, tmp, BASE, requests, serial, alone=True)
    return {rid: (row["disposition"], row["reason_codes"]) for rid, row in got.items()}


def test_a_conflicting_middle_name_elsewhere_is_not_the_name_either_way(tmp_path: Path
                                                                       ) -> None:
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    got = _codes(home, key, tmp_path, {
        "L1": dict(first_name="JOSE ANTONIO", last_name="REYES"),
        # was M_ADDRESS_ONLY;M_NAME_ONLY (JOSE LUIS REYES read as the name)
        "L2": dict(first_name="JOSE", middle_name="ANTONIO", last_name="REYES"),
    }, 3900)
    assert got["L1"] == got["L2"] == ("NOT_DISCLOSED", "M_ADDRESS_ONLY"), got


def test_the_name_elsewhere_is_named_either_way(tmp_path: Path) -> None:
    """The control: MARISOL ELENA QUINTANAR is a taxpayer elsewhere, and so named whichever
    field the request writes ELENA in (MARISOL QUINTANAR, no middle name, too)."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    got = _codes(home, key, tmp_path, {
        "K1": dict(first_name="MARISOL ELENA", last_name="QUINTANAR"),
        "K2": dict(first_name="MARISOL", middle_name="ELENA", last_name="QUINTANAR"),
    }, 3910)
    assert got["K1"] == got["K2"] == ("NOT_DISCLOSED", "M_ADDRESS_ONLY;M_NAME_ONLY"), got


def test_a_name_without_the_middle_name_is_the_name_either_way(tmp_path: Path) -> None:
    """ODALYS BERRIO elsewhere, no middle name on record: a request for ODALYS MARINA BERRIO
    names her, whichever field MARINA is written in (fuzzer seed 53: JOSE LUIS / "" was
    M_ADDRESS_ONLY, JOSE / LUIS M_ADDRESS_ONLY;M_NAME_ONLY)."""
    home, key = home_with(tmp_path, [*TAXPAYERS, (
        "538390005", "SSN", "Odalys", "", "Berrio", "", "1975-12-01", "")],
        [*ADDRESSES, ("538390005", "930 Skillman St", "", *PLACE)])
    got = _codes(home, key, tmp_path, {
        "B1": dict(first_name="ODALYS MARINA", last_name="BERRIO"),
        "B2": dict(first_name="ODALYS", middle_name="MARINA", last_name="BERRIO"),
    }, 3920)
    assert got["B1"] == got["B2"] == ("NOT_DISCLOSED", "M_ADDRESS_ONLY;M_NAME_ONLY"), got

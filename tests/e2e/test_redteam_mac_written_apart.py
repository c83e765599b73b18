"""Red team r32: the surname prefix MAC written apart from its surname.

MC, O, D, ST and DI written apart are joined to the word after them (MC DONALD is
MCDONALD: normalize.names._join_prefixes); MAC was not, because MAC is a surname of its own
too (the Vietnamese Mac). So MAC DONALD was read as two surnames, MAC and DONALD, as GARCIA
LOPEZ is, and DONALD as one of them: ALAN MAC DONALD asked at ALAN DONALD's address
disclosed ALAN DONALD — another family's name — while the same request written ALAN
MACDONALD is M_ADDRESS_ONLY. The master's KEVIN MAC DONALD was as much KEVIN DONALD.

Every person and TIN here is invented; each request is decided in a batch of its own
through the real CLI (`tests/e2e/handmade.py`)."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import Cases, decide_each, home_with

CHI = ("Chicago", "IL", "60629")
PLACE = {"city": "CHICAGO", "state": "IL", "zip": "60629"}


def _tp(tin: str, first: str, last: str) -> tuple[str, ...]:
    return (tin, "SSN", first, "", last, "", "", "")


def _ad(tin: str, street: str) -> tuple[str, ...]:
    return (tin, street, "", *CHI, "RETURN", "2025", "2026-02-26")


TAXPAYERS = [_tp("620320301", "ALAN", "DONALD"), _tp("620320302", "KEVIN", "MAC DONALD"),
             _tp("620320303", "MARY", "DONALD"), _tp("620320304", "MARY", "MACDONALD"),
             _tp("620320305", "RUTH", "MACKAY"), _tp("620320306", "LINH", "MAC")]
ADDRESSES = [_ad("620320301", "42 Birch St"), _ad("620320302", "44 Birch St"),
             _ad("620320303", "46 Birch St"), _ad("620320304", "46 Birch St"),
             _ad("620320305", "48 Birch St"), _ad("620320306", "50 Birch St")]


def test_mac_written_apart_is_the_prefix_of_the_word_after_it(tmp_path: Path) -> None:
    """decisions.md M_ADDRESS_ONLY: "the address is a taxpayer's but the name is not that
    taxpayer's". MAC DONALD is MACDONALD, not DONALD, on either side: ALAN MAC DONALD at
    ALAN DONALD's address, and KEVIN DONALD at KEVIN MAC DONALD's, are not disclosed.
    Controls: the same written joined; MARY MAC DONALD where MARY DONALD and MARY MACDONALD
    live is MARY MACDONALD; RUTH MAC KAY is RUTH MACKAY; MAC alone is a surname (LINH MAC)."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    not_him = "NOT_DISCLOSED"
    cases: Cases = {
        "A1": (dict(first_name="ALAN", last_name="MAC DONALD", street="42 BIRCH ST"),
               not_him, ""),
        "A2": (dict(first_name="ALAN", last_name="MACDONALD", street="42 BIRCH ST"),
               not_him, ""),
        "K1": (dict(first_name="KEVIN", last_name="DONALD", street="44 BIRCH ST"), not_him, ""),
        "K2": (dict(first_name="KEVIN", last_name="MACDONALD", street="44 BIRCH ST"),
               "DISCLOSE", "620320302"),
        "M1": (dict(first_name="MARY", last_name="MAC DONALD", street="46 BIRCH ST"),
               "DISCLOSE", "620320304"),
        "R1": (dict(first_name="RUTH", last_name="MAC KAY", street="48 BIRCH ST"),
               "DISCLOSE", "620320305"),
        "L1": (dict(first_name="LINH", last_name="MAC", street="50 BIRCH ST"),
               "DISCLOSE", "620320306"),
    }
    decide_each(home, key, tmp_path, PLACE, cases, 320400)

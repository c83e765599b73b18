"""A name borne by more taxpayers than the search fetches (engine.NAME_KEY_CAP): the
namesakes are not candidates, yet "a taxpayer's name matches" (decisions.md M_NAME_ONLY)
is true of the request, and a record carries every code that applies."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import duckdb
import pytest
from tests.match.extract import write_extract

from dgate.match.compare import Query
from dgate.match.engine import NAME_KEY_CAP
from dgate.match.model import MatchModel
from dgate.match.setwise import decide_chunk
from dgate.normalize.address import normalize_address
from dgate.normalize.names import normalize_name
from dgate.store.master import MasterStore

_ZIPS = ("78201", "78202", "78203", "78204", "78205", "78207", "78208", "78209")
_MANY = NAME_KEY_CAP + 10  # JOSE GARCIAs, each at his own house, none in the requests' ZIP
_FEW = 3                   # LUCIO BRAVOs, likewise
_ANA_HOME, _ANA_AWAY = _MANY + _FEW, _MANY + _FEW + 1  # two ANA RUIZes: 42 Elm St, elsewhere


def _dob(n: int) -> str:
    """The date of birth of the fixture's n-th taxpayer."""
    return f"19{50 + n % 40}-03-0{1 + n % 9}"


@pytest.fixture(scope="module")
def master(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    root = tmp_path_factory.mktemp("common")
    people = [*(("JOSE", "GARCIA", f"{100 + i} OAK AVE", _ZIPS[i % len(_ZIPS)])
                for i in range(_MANY)),
              *(("LUCIO", "BRAVO", f"{300 + i} PINE RD", "78201") for i in range(_FEW)),
              ("ANA", "RUIZ", "42 ELM ST", "78215"),
              ("ANA", "RUIZ", "7 CEDAR ST", "78201")]
    tins = [f"70{n:07d}" for n in range(len(people))]
    src = write_extract(
        root / "extract",
        [[tin, "SSN", first, "", last, "", _dob(n), ""]
         for n, (tin, (first, last, _, _)) in enumerate(zip(tins, people, strict=True))],
        [[tin, street, "", "SAN ANTONIO", "TX", zip5, "RETURN", "2025", "2026-02-01"]
         for tin, (_, _, street, zip5) in zip(tins, people, strict=True)])
    store = MasterStore(root / "home")
    store.load(src)
    with store.connect() as con:
        yield con


def _codes(con: duckdb.DuckDBPyConnection, requests: list[tuple[str, ...]]
           ) -> dict[str, tuple[str, ...]]:
    """requests: (label, first, last, street[, date of birth])."""
    queries = [Query(seq=i, name=normalize_name(r[1], "", r[2], ""),
                     address=normalize_address(r[3], "", "San Antonio", "TX", "78215", ""),
                     dob=date.fromisoformat(r[4]) if len(r) > 4 else None, tin="")
               for i, r in enumerate(requests, start=1)]
    ids = {i: r[0] for i, r in enumerate(requests, start=1)}
    got = decide_chunk(con, queries, ids, MatchModel())
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary").fetchone() == (0,)
    return {d.request_id: d.reason_codes for d in got}


def test_a_name_too_common_to_fetch_is_still_a_name_that_matches(
        master: duckdb.DuckDBPyConnection) -> None:
    codes = _codes(master, [
        ("common, at nobody's address", "Jose", "Garcia", "9 Birch Ln"),
        ("common, at another taxpayer's address", "Jose", "Garcia", "42 Elm St"),
        ("rare, at nobody's address", "Lucio", "Bravo", "9 Birch Ln"),
        ("nobody's name, at nobody's address", "Zeno", "Quarry", "9 Birch Ln"),
        ("an initial is no name", "J", "Garcia", "9 Birch Ln"),
    ])
    assert codes["common, at nobody's address"] == ("M_NAME_ONLY",)
    assert codes["common, at another taxpayer's address"] == ("M_ADDRESS_ONLY", "M_NAME_ONLY")
    assert codes["rare, at nobody's address"] == ("M_NAME_ONLY",)  # fetched, as before
    assert codes["nobody's name, at nobody's address"] == ("M_NO_MATCH",)
    assert codes["an initial is no name"] == ("M_NO_MATCH",)


def test_a_namesake_born_another_day_is_still_a_name_that_matches(
        master: duckdb.DuckDBPyConnection) -> None:
    """decisions.md: M_NAME_ONLY when a taxpayer's name matches and the address is none of
    theirs. The request's date of birth differs from every LUCIO BRAVO's: still their name
    (not M_NO_MATCH, "no taxpayer resembles the request"), and nothing disclosed."""
    codes = _codes(master, [
        ("rare, another birthday, nobody's address", "Lucio", "Bravo", "9 Birch Ln",
         "1999-12-31"),
        ("rare, another birthday, another taxpayer's address", "Lucio", "Bravo", "42 Elm St",
         "1999-12-31"),
        ("nobody's name, a birthday, nobody's address", "Zeno", "Quarry", "9 Birch Ln",
         "1999-12-31"),
    ])
    assert codes["rare, another birthday, nobody's address"] == ("M_NAME_ONLY",)
    assert codes["rare, another birthday, another taxpayer's address"] == (
        "M_ADDRESS_ONLY", "M_NAME_ONLY")
    assert codes["nobody's name, a birthday, nobody's address"] == ("M_NO_MATCH",)


def test_a_conflict_at_the_address_with_the_name_and_dob_elsewhere_carries_both_codes(
        master: duckdb.DuckDBPyConnection) -> None:
    """The ANA RUIZ of 42 Elm St was born on another day than the request says; the ANA
    RUIZ of 7 Cedar St on that very day. Both M_CONFLICT (the taxpayer at the address is
    contradicted) and M_NAME_ONLY (the name, with its DOB, is a taxpayer's elsewhere)
    apply, and a record carries every code that applies. Born on neither day: only the
    conflict, as before."""
    codes = _codes(master, [
        ("born as the one elsewhere", "Ana", "Ruiz", "42 Elm St", _dob(_ANA_AWAY)),
        ("born as neither", "Ana", "Ruiz", "42 Elm St", "1999-12-31"),
        ("born as the one at the address", "Ana", "Ruiz", "42 Elm St", _dob(_ANA_HOME)),
    ])
    assert codes["born as the one elsewhere"] == ("M_CONFLICT", "M_NAME_ONLY")
    assert codes["born as neither"] == ("M_CONFLICT",)
    assert codes["born as the one at the address"] == ("M_MATCH",)

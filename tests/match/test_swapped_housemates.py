"""The residents whose names relate to the request's only read the other way round (given
name and surname swapped: policy._swapped_housemate). By the comparison levels alone that
is every resident with an unrelated name, so the DuckDB engine fetches only those whose
name the swapped reading agrees with (vector.relevant_rows' `swapped`, chosen by
policy.SwappedNameTest). These tests hold that choice to the rows it replaces: the same
decisions as fetching them all and as the per-pair reference engine, and a cheap first
test (`may_agree`) that never turns away a name the whole test would keep."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import duckdb
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.match.extract import write_extract
from tests.match.reference import reference_decisions

import dgate.match.setwise as setwise
from dgate.decide.policy import SwappedNameTest
from dgate.match.compare import Query
from dgate.match.engine import term_frequencies
from dgate.match.model import MatchModel
from dgate.match.vector import build_vectors, drop_vectors, relevant_rows
from dgate.normalize.address import normalize_address
from dgate.normalize.names import normalize_name

# Everyone at one address, so that every request blocks onto every resident: pairs whose
# names agree only swapped, in the forms the normalization rewrites (nicknames, compound
# and particle surnames, a connector fused to a given name, the Vietnamese middle name,
# ABD compounds, MD for MUHAMMAD, a title, a suffix), and residents whose names relate to
# nobody's swapped.
_PEOPLE = [
    ("LI", "", "CHEN", ""), ("CHEN", "", "LI", ""),
    ("WILLIAM", "", "WONG", ""), ("WONG", "", "BILL", ""),
    ("GARCIA", "", "JOSE LUIS", ""), ("JOSE", "", "GARCIA", ""),
    ("ANDRE", "", "DE LA CRUZ", ""), ("CRUZ", "", "DE ANDRE", ""),
    ("HIEU", "VAN", "NGUYEN", ""), ("NGUYEN", "", "VAN HIEU", ""),
    ("RAHMAN", "", "ABDUL", ""), ("ABD", "", "AL RAHMAN", ""),
    ("MOHAMMED", "", "ALI", ""), ("ALI", "", "MD KARIM", ""),
    ("PARK", "", "JIYEON", ""), ("JI YEON", "", "PARK", ""),
    ("KIM", "", "MIN JUN", "JR"), ("MIN", "", "KIM", "SR"),
    ("MARY", "", "SMITH", ""), ("ROBERT", "", "JONES", ""), ("ANA", "", "TORRES", ""),
    ("DAVID", "", "MILLER", ""), ("SUSAN", "", "CLARK", ""),
]
_ADDRESS = ("400 W MAPLE AVE", "", "SPRINGFIELD", "IL", "62704")


def _dob(i: int) -> date:
    return date(1950 + 2 * i, 1 + i % 12, 1 + (3 * i) % 28)


@pytest.fixture(scope="module")
def master(tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[duckdb.DuckDBPyConnection, list[Query]]]:
    from dgate.store.master import MasterStore

    root = tmp_path_factory.mktemp("swapped")
    street, unit, city, state, zipc = _ADDRESS
    write_extract(root / "extract",
                  [[f"{930000001 + i}", "SSN", first, middle, last, suffix,
                    _dob(i).isoformat(), ""]
                   for i, (first, middle, last, suffix) in enumerate(_PEOPLE)],
                  [[f"{930000001 + i}", street, unit, city, state, zipc, "RETURN", "2024",
                    "2025-04-15"] for i in range(len(_PEOPLE))])
    store = MasterStore(root / "home")
    store.load(root / "extract")
    # each resident's name asked, without a date of birth and with theirs
    queries = [Query(seq=2 * i + k, name=normalize_name(first, middle, last, suffix),
                     address=normalize_address(street, unit, city, state, zipc, ""),
                     dob=_dob(i) if k else None, tin="")
               for i, (first, middle, last, suffix) in enumerate(_PEOPLE) for k in (0, 1)]
    with store.connect() as con:
        yield con, queries


def _rows(con: duckdb.DuckDBPyConnection, queries: list[Query], choose: bool
          ) -> list[tuple[object, ...]]:
    tf_last = term_frequencies(con, "last", {t for q in queries for t in q.name.last_tokens})
    tf_first = term_frequencies(con, "first", {q.name.first_canon[0] for q in queries
                                               if q.name.first_canon})
    build_vectors(con, queries, MatchModel(), tf_last, tf_first)
    try:
        return relevant_rows(con, swapped=setwise.swapped_names(queries) if choose
                             else None).fetchall()
    finally:
        drop_vectors(con)


def test_only_residents_whose_swapped_name_agrees_are_fetched(
        master: tuple[duckdb.DuckDBPyConnection, list[Query]]) -> None:
    con, queries = master
    every, chosen = _rows(con, queries, choose=False), _rows(con, queries, choose=True)
    assert set(chosen) <= set(every)
    assert chosen == sorted(chosen, key=lambda r: (r[0], r[1]))   # (seq, tin) order kept
    names = {f"{930000001 + i}": normalize_name(*p) for i, p in enumerate(_PEOPLE)}
    test = SwappedNameTest({q.seq: q for q in queries})
    kept = {(r[0], r[1]) for r in chosen}
    dropped = [(r[0], r[1]) for r in every if (r[0], r[1]) not in kept]
    # the choice drops rows, and only those whose name the swapped reading does not agree
    # with; it keeps some whose name it does (LI CHEN's CHEN LI)
    assert dropped
    assert not any(test(seq, names[tin]) for seq, tin in dropped)
    by_name = {(p[0], p[2]): f"{930000001 + i}" for i, p in enumerate(_PEOPLE)}
    assert (0, by_name[("CHEN", "LI")]) in kept


def test_the_same_decisions_as_fetching_every_resident_and_as_the_reference(
        master: tuple[duckdb.DuckDBPyConnection, list[Query]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    con, queries = master
    model = MatchModel()
    ids = {q.seq: f"R{q.seq}" for q in queries}
    chosen = setwise.decide_chunk(con, queries, ids, model)
    with monkeypatch.context() as m:
        m.setattr(setwise, "swapped_names", lambda qs: None)
        every = setwise.decide_chunk(con, queries, ids, model)
    reference = reference_decisions(con, queries, ids, model)
    assert chosen == every == reference
    # LI CHEN asked without a date of birth where CHEN LI lives: the swapped housemate
    assert chosen[0].reason_codes == ("M_AMBIGUOUS",)


# Words the normalization reads specially in a given-name or surname field, and names
# related by nickname or translation, from which the property test draws its names.
_WORDS = ["LI", "CHEN", "WILLIAM", "BILL", "WONG", "JOSE", "PEPE", "JOSEPH", "LUIS",
          "GARCIA", "LOPEZ", "DE", "LA", "DEL", "LOS", "Y", "CRUZ", "ANDRE", "DEANDRE",
          "TOYA", "LATOYA", "MAR", "VAN", "THI", "HIEU", "NGUYEN", "ABD", "ABDUL", "ABDEL",
          "AL", "RAHMAN", "ABDURRAHMAN", "MD", "MOHD", "MUHAMMAD", "KARIM", "JI", "YEON",
          "JIYEON", "MIN", "JUN", "KIM", "PARK", "MR", "MRS", "DR", "JR", "SR", "III", "MC",
          "DONALD", "MCDONALD", "ST", "SAINT", "JAMES", "O", "BRIEN", "A", "J", "MARIA",
          "GUADALUPE", "LUPE", "FRANCISCO", "PANCHO", "ESQ"]
_FIELD = st.lists(st.sampled_from(_WORDS), min_size=0, max_size=3).map(" ".join)
_NAME = st.tuples(_FIELD, _FIELD, _FIELD, st.sampled_from(["", "", "JR", "SR", "II"]))


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(asked=_NAME, other=_NAME, swap=st.booleans())
def test_the_cheap_test_never_turns_away_a_name_the_whole_test_keeps(
        asked: tuple[str, str, str, str], other: tuple[str, str, str, str],
        swap: bool) -> None:
    first, middle, last, suffix = asked
    if swap:   # the other is the asked name swapped (its fields perhaps rewritten)
        other = (last, other[1], first, other[3])
    query = Query(seq=1, name=normalize_name(first, middle, last, suffix),
                  address=normalize_address(*_ADDRESS, ""), dob=None, tin="")
    name = normalize_name(*other)
    test = SwappedNameTest({1: query})
    if test(1, name):
        assert test.may_agree(1, name.first_tokens)


def test_a_batch_of_names_none_of_which_may_agree_keeps_none(
        master: tuple[duckdb.DuckDBPyConnection, list[Query]]) -> None:
    # (the chooser once failed on a batch where the cheap test kept nothing: taking no row
    # of an Arrow batch needs a typed index; every submit with such a chunk failed)
    _, queries = master
    batch = pa.RecordBatch.from_pylist([
        {"seq": 0, "tin": "930000019", "first_tokens": ["MARY"], "first_canon": ["MARY"],
         "middle_n": "", "last_n": "SMITH", "last_tokens": ["SMITH"], "suffix_n": "",
         "first_phon": "", "last_phon": [], "l_first": 0, "l_last": 0}])
    assert setwise.swapped_names(queries)(batch) == [False]

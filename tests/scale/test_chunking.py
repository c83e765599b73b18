"""Chunking, parallel matching and the distinct-value master load are optimisations only:
they must never change a decision, a normalized master row, or leave half a batch behind."""

from __future__ import annotations

import gc
import json
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from tests.synth_home import synth_home

from dgate.errors import DgateError
from dgate.ledger import store as ledger
from dgate.match.setwise import collector_paused
from dgate.normalize.address import normalize_address
from dgate.normalize.names import normalize_name
from dgate.service import admin
from dgate.service.home import Home, init_home
from dgate.service.submit import AUTO_CHUNK_MAX, CHUNK, _auto_chunk, submit
from dgate.store import master as master_store
from dgate.synth import generate

AS_OF = date(2026, 11, 25)
DECISION_COLUMNS = (
    "batch_id, seq, request_id, disposition, reason_codes, match_probability, "
    "candidate_count, sealed")


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("scale") / "synth"
    generate(out, taxpayers=3000, requests=300, seed=11, as_of=AS_OF)
    return out


def _day(synth: Path) -> date:
    manifest = json.loads((synth / "pkg" / "batch.json").read_text(encoding="utf-8"))
    return date.fromisoformat(manifest["signed_at"]) + timedelta(days=3)


def _decisions(home: Home) -> list[tuple[Any, ...]]:
    # The personal details are sealed: compare them opened, beside the clear columns.
    from dgate.service.release import details

    return [tuple(r)[1:-1] + tuple(sorted(details(home, r).items())) for r in home.conn.execute(
        f"SELECT {DECISION_COLUMNS} FROM decisions ORDER BY seq")]


def test_decisions_do_not_depend_on_chunk_size_or_workers(synth: Path, tmp_path: Path) -> None:
    runs = {}
    # 300 records: eleven chunks of 29 in one process, five of 64 in two worker processes
    # (each chunk costs its ~45 statements whatever its size: 7 a chunk took 25 s of CI)
    for label, chunk, workers in (("tiny", 29, 1), ("whole", 1_000_000, 1), ("two", 64, 2)):
        with synth_home(tmp_path / label, synth) as home:
            result = submit(home, "clerk", synth / "pkg", _day(synth), chunk_size=chunk,
                            workers=workers)
            runs[label] = _decisions(home)
            assert sum(result.counts.values()) == 300
    assert len(runs["whole"]) == 300
    # The batch must exercise the matcher for the comparison to mean anything.
    dispositions = {row[2] for row in runs["whole"]}
    assert {"DISCLOSE", "NOT_DISCLOSED", "REJECTED"} <= dispositions
    assert runs["tiny"] == runs["whole"]
    assert runs["two"] == runs["whole"]
    # Matching in this process (one worker) pauses the cyclic collector; it must come back.
    assert gc.isenabled()


def test_collector_paused_nests_and_restores_even_on_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not re-enable it early
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_one_ledger_event_per_record_carries_the_inspection(synth: Path, tmp_path: Path) -> None:
    with synth_home(tmp_path / "h", synth) as home:
        result = submit(home, "clerk", synth / "pkg", _day(synth), chunk_size=50)
        events = [json.loads(e) for _, e in ledger.entries(home.conn)]
        version = home.master.info().version  # type: ignore[union-attr]
        by_key = {(e["type"], e["object"]): e for e in events}
        decided = home.conn.execute(
            "SELECT request_key, disposition, candidate_count FROM decisions").fetchall()
        ok = ledger.verify(home.conn, home.origin, "dgate-ledger", home.public_key())
    decision_events = [e for e in events if e["type"] == "decision"]
    assert len(decision_events) == len(decided) == 300
    assert not any(e["type"] == "master_searched" for e in events)
    for key, disposition, candidates in decided:
        ev = by_key[("decision", key)]
        assert ev["outcome"] == disposition
        if disposition == "REJECTED":  # never looked up in the master file
            assert ev["searched"] is False and "master" not in ev
        else:
            assert ev["searched"] is True
            assert ev["master"] == version and ev["candidates"] == (candidates or 0)
    decided_event = by_key[("batch_decided", result.batch_id)]
    assert sum(decided_event["counts"].values()) == 300
    assert ok.ok, ok


def test_a_failure_mid_write_leaves_no_batch_and_resubmission_works(
        synth: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with synth_home(tmp_path / "h", synth) as home:
        before = ledger.size(home.conn)
        calls = {"n": 0}
        real = home.record_many

        def failing(events: Any) -> None:
            calls["n"] += 1
            if calls["n"] == 2:  # after the first chunk is already written
                raise DgateError("injected failure")
            real(events)

        monkeypatch.setattr(home, "record_many", failing)
        with pytest.raises(DgateError, match="injected"):
            submit(home, "clerk", synth / "pkg", _day(synth), chunk_size=100)
        for table in ("batches", "records", "decisions"):
            assert home.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
        assert home.conn.execute(
            "SELECT count(*) FROM accounting WHERE kind = 'request'").fetchone()[0] == 0
        assert ledger.size(home.conn) == before
        assert not list(home.path.glob(".submit-*"))
        monkeypatch.setattr(home, "record_many", real)
        result = submit(home, "clerk", synth / "pkg", _day(synth), chunk_size=100)
        assert not result.existing and sum(result.counts.values()) == 300


@pytest.mark.parametrize("street_workers", [False, True])
def test_master_rows_equal_row_by_row_normalization(synth: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    street_workers: bool) -> None:
    """The load normalizes each distinct column value once and joins the parts back; every
    row must come out as if normalize_name / normalize_address had run on it, whether the
    street lines are parsed here or in worker processes (above master.PARALLEL_MIN)."""
    monkeypatch.setattr(master_store, "PARALLEL_MIN", 1 if street_workers else 10**9)
    pools: list[object] = []

    class Pool(master_store.ProcessPoolExecutor):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            pools.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(master_store, "ProcessPoolExecutor", Pool)
    with synth_home(tmp_path / "h", synth) as home:
        con = home.master.connect()  # the master is an encrypted database
    names = con.execute(
        """SELECT t.first_name, t.middle_name, t.last_name, t.name_suffix, n.first_tokens,
                  n.first_canon, n.middle_n, n.last_n, n.last_tokens, n.suffix_n,
                  n.first_phon, n.last_phon
           FROM taxpayers t JOIN names n USING (tin)""").fetchall()
    addresses = con.execute(
        """SELECT street, unit, city, state, zip, house, predir, street_name, st_suffix,
                  postdir, unit_n, city_n, state_n, zip5 FROM addresses""").fetchall()
    con.close()
    assert len(names) == 3000 and len(addresses) >= 3000
    for first, middle, last, suffix, *got in names:
        n = normalize_name(first, middle, last, suffix)
        assert tuple(got) == (list(n.first_tokens), list(n.first_canon), n.middle, n.last,
                              list(n.last_tokens), n.suffix, n.first_phon, list(n.last_phon))
    for street, unit, city, state, zipc, *got in addresses:
        a = normalize_address(street, unit, city, state, zipc)
        assert tuple(got) == (a.house, a.predir, a.street_name, a.suffix, a.postdir, a.unit,
                              a.city, a.state, a.zip5)
    assert len(pools) == (1 if street_workers and (os.cpu_count() or 1) > 1 else 0)


def test_token_zip_initials_are_given_initials_of_each_name(synth: Path,
                                                          tmp_path: Path) -> None:
    """The surname-and-ZIP blocking key joins on a given-name initial: the master's
    initials (SQL at load) must be exactly what match.engine.given_initials gives for the
    request side, or a request would miss a taxpayer the key exists to find."""
    from dgate.match.engine import given_initials

    with synth_home(tmp_path / "h", synth) as home:
        con = home.master.connect()
    rows = con.execute(
        """SELECT t.tin, t.first_name, t.middle_name, t.last_name, t.name_suffix,
                  (SELECT list(DISTINCT initial ORDER BY initial) FROM token_zip z
                   WHERE z.tin = t.tin) AS initials,
                  (SELECT count(*) FROM addresses a WHERE a.tin = t.tin AND a.zip5 <> '')
           FROM taxpayers t""").fetchall()
    con.close()
    checked = 0
    for _tin, first, middle, last, suffix, initials, with_zip in rows:
        n = normalize_name(first, middle, last, suffix)
        if not n.last_tokens or not with_zip:
            continue
        assert (initials or []) == given_initials(n), (first, middle)
        checked += 1
    assert checked > 2900


def test_master_load_suffix_written_in_a_name_field(tmp_path: Path) -> None:
    """The one part of a name shared between fields: a suffix typed into the surname,
    given or middle name counts when the suffix field is empty; the field wins otherwise."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [("100000001", "JOHN", "", "SMITH JR", ""), ("100000002", "JOHN III", "", "SMITH", ""),
            ("100000003", "JOHN", "A SR", "SMITH", ""), ("100000004", "JOHN", "", "SMITH JR", "SR"),
            ("100000005", "DR JOHN", "", "SMITH MD", "")]
    src = tmp_path / "extract"
    src.mkdir()
    pq.write_table(pa.table({
        "tin": [r[0] for r in rows], "tin_type": ["SSN"] * 5,
        "first_name": [r[1] for r in rows], "middle_name": [r[2] for r in rows],
        "last_name": [r[3] for r in rows], "name_suffix": [r[4] for r in rows],
        "date_of_birth": ["1970-01-01"] * 5, "date_of_death": [None] * 5}),
        src / "taxpayers.parquet")
    pq.write_table(pa.table({
        "tin": [r[0] for r in rows], "street": ["1 MAIN ST"] * 5, "unit": [None] * 5,
        "city": ["AUSTIN"] * 5, "state": ["TX"] * 5, "zip": ["78701"] * 5,
        "source": ["RETURN"] * 5, "tax_year": ["2024"] * 5,
        "effective_date": ["2025-04-15"] * 5}), src / "addresses.parquet")
    init_home(tmp_path / "h")
    with Home(tmp_path / "h") as home:
        admin.master_load(home, "admin", src)
        con = home.master.connect()  # the master is an encrypted database
    got = dict(con.execute("SELECT tin, suffix_n FROM names").fetchall())
    con.close()
    want = {r[0]: normalize_name(r[1], r[2], r[3], r[4]).suffix for r in rows}
    assert got == want
    assert got["100000001"] == "JR" and got["100000004"] == "SR"


def _set_config(home_dir: Path, **values: object) -> None:
    path = home_dir / "config.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    config.update(values)
    path.write_text(json.dumps(config), encoding="utf-8")


def test_config_match_chunk_sets_the_chunk_and_changes_no_decision(
        synth: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dgate.service import submit as submit_module

    with synth_home(tmp_path / "default", synth) as home:
        submit(home, "clerk", synth / "pkg", _day(synth), workers=1)
        expected = _decisions(home)
    synth_home(tmp_path / "chunked", synth).conn.close()
    _set_config(tmp_path / "chunked", match_chunk=41)
    sizes: list[int] = []
    real = submit_module._match_job

    def counting(master: Any, model: Any, workers: int, wanted: list[Any],
                 *here: Any) -> Any:
        sizes.append(len(wanted))
        return real(master, model, workers, wanted, *here)

    monkeypatch.setattr(submit_module, "_match_job", counting)
    with Home(tmp_path / "chunked") as home:
        submit(home, "clerk", synth / "pkg", _day(synth), workers=1)
        assert _decisions(home) == expected
    # 300 records 41 at a time: 8 chunks, none larger than 41 (rejected records aside)
    assert len(sizes) == 8 and max(sizes) <= 41


@pytest.mark.parametrize("bad", [0, -5, "20000", 2.5, True, 10**9])
def test_config_match_chunk_out_of_range_is_a_usage_error(
        synth: Path, tmp_path: Path, bad: object) -> None:
    from dgate.errors import UsageError

    synth_home(tmp_path / "h", synth).conn.close()
    _set_config(tmp_path / "h", match_chunk=bad)
    with Home(tmp_path / "h") as home, pytest.raises(UsageError, match="match_chunk"):
        submit(home, "clerk", synth / "pkg", _day(synth), workers=1)


@pytest.mark.parametrize(("table", "column"), [("token_zip", "initial"), ("addresses", "urb")])
def test_a_master_loaded_by_an_earlier_dgate_is_refused_with_a_reload_message(
        synth: Path, tmp_path: Path, table: str, column: str) -> None:
    """A master loaded before the surname-and-ZIP key had the given-name initial, or
    before addresses had the urbanization, would fail inside a matching process with a
    DuckDB binder error. Such a master records no format (meta.format, MASTER_FORMAT): it
    is refused first, in one line saying what to do, and nothing of the batch is stored."""
    from dgate.vault.duck import connect_master

    with synth_home(tmp_path / "h", synth) as home:
        path = home.master.current_path()
        assert path is not None
        con = connect_master(path, home.master.key_of(path), read_only=False)
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        con.execute("ALTER TABLE meta DROP COLUMN format")
        con.close()
        with pytest.raises(DgateError, match="master load` again") as err:
            submit(home, "clerk", synth / "pkg", _day(synth), workers=1)
        assert "\n" not in str(err.value)
        assert home.conn.execute("SELECT count(*) FROM batches").fetchone()[0] == 0


@pytest.mark.parametrize(("records", "workers", "chunk"), [
    (5_000, 2, CHUNK),               # a small batch: one chunk of at least CHUNK
    (100_000, 2, 50_000),            # shared evenly: both processes get one chunk
    (60_000, 1, 60_000),
    (200_000, 2, AUTO_CHUNK_MAX),
    (1_280_000, 2, AUTO_CHUNK_MAX),  # never above the ceiling that bounds memory
    (0, 2, CHUNK),
])
def test_the_chunk_chosen_by_itself_shares_the_batch_within_bounds(
        records: int, workers: int, chunk: int) -> None:
    assert _auto_chunk(records, workers) == chunk

"""A master load gives every address row the same `addr_id` whatever order the extract
lists its rows in (the id breaks the last-known-address tie after date and source), and
leaves only the tables matching reads in the master file (the load's intermediate tables
are TEMP and never written there)."""

from __future__ import annotations

import random
from pathlib import Path

import duckdb
from tests.match.extract import ADDRESS_HEADER, write_extract

from dgate.store.master import MasterStore

_STREETS = ("100 OAK ST", "12 ELM AVE", "7 PINE RD", "55 CEDAR LN", "3 MAPLE CT")


def _extract_rows(seed: int) -> tuple[list[list[str]], list[list[str]]]:
    rnd = random.Random(seed)
    taxpayers, addresses = [], []
    for i in range(40):
        tin = f"9000{i:05d}"
        taxpayers.append([tin, "SSN", "ROSA", "", f"TESTNAME{i}", "", "1970-01-01", ""])
        # Two rows tie on date and source: only addr_id says which is the last known.
        day = f"2024-0{rnd.randint(1, 9)}-15"
        for street in rnd.sample(_STREETS, 2):
            addresses.append([tin, street, "", "SPRINGFIELD", "IL", "62701", "RETURN", "2023",
                              day])
        addresses.append([tin, "9 BIRCH ST", f"APT {i}", "SPRINGFIELD", "IL", "62702", "NCOA",
                          "", "2020-05-01"])
    addresses.append(list(addresses[0]))  # an exact duplicate row keeps its own id
    return taxpayers, addresses


_Rows = list[tuple[object, ...]]


def _ids_and_lka(tmp: Path, folder: Path) -> tuple[_Rows, _Rows, set[str]]:
    store = MasterStore(tmp / f"home-{folder.name}")
    store.load(folder)
    content = ", ".join(f"a.{c}" for c in ADDRESS_HEADER)
    with store.connect_current() as con:
        ids = con.execute(f"SELECT addr_id, {content} FROM addresses a ORDER BY addr_id").fetchall()
        lka = con.execute(f"SELECT {content} FROM lka l JOIN addresses a USING (addr_id) "
                          "ORDER BY a.tin").fetchall()
        tables = {r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT temporary").fetchall()}
    return ids, lka, tables


def test_addr_id_and_last_known_address_do_not_depend_on_row_order(tmp_path: Path) -> None:
    taxpayers, addresses = _extract_rows(7)
    write_extract(tmp_path / "listed", taxpayers, addresses)
    shuffled = list(addresses)
    random.Random(1).shuffle(shuffled)
    write_extract(tmp_path / "shuffled", list(reversed(taxpayers)), shuffled)
    # the same shuffled rows again as Parquet, the other reader
    parquet = tmp_path / "parquet"
    parquet.mkdir()
    with duckdb.connect() as con:
        for name in ("taxpayers", "addresses"):
            src = str(tmp_path / "shuffled" / f"{name}.csv")
            dst = str(parquet / f"{name}.parquet")
            con.execute(f"COPY (SELECT * FROM read_csv('{src}', all_varchar=true)) "
                        f"TO '{dst}' (FORMAT parquet)")
    first = _ids_and_lka(tmp_path, tmp_path / "listed")
    assert len(first[0]) == len(addresses)
    assert len(first[1]) == len(taxpayers)
    for other in ("shuffled", "parquet"):
        again = _ids_and_lka(tmp_path, tmp_path / other)
        assert again[0] == first[0], other
        assert again[1] == first[1], other


def test_addr_id_numbers_the_rows_1_to_n_in_the_order_of_their_content(tmp_path: Path) -> None:
    """What the tie-break reads: ids 1..n without a gap or a repeat, ascending with the
    taxpayer, then the effective date, source, tax year and the address as written (the
    load numbers within each taxpayer and offsets by the rows before it)."""
    taxpayers, addresses = _extract_rows(11)
    shuffled = list(addresses)
    random.Random(2).shuffle(shuffled)
    ids, _, _ = _ids_and_lka(tmp_path, write_extract(tmp_path / "x", taxpayers, shuffled))
    assert [row[0] for row in ids] == list(range(1, len(addresses) + 1))
    column = {c: i + 1 for i, c in enumerate(ADDRESS_HEADER)}

    def content(row: tuple[object, ...]) -> tuple[str, ...]:
        return tuple(str(row[column[c]] or "") for c in (
            "tin", "effective_date", "source", "tax_year", "street", "unit", "city", "state",
            "zip"))

    assert [content(r) for r in ids] == sorted(content(r) for r in ids)


def test_the_master_file_holds_only_what_matching_reads(tmp_path: Path) -> None:
    taxpayers, addresses = _extract_rows(3)
    _, _, tables = _ids_and_lka(tmp_path, write_extract(tmp_path / "x", taxpayers, addresses))
    assert tables == {"taxpayers", "names", "addresses", "lka", "name_key", "token_zip",
                      "phon_dob", "term_freq", "meta"}


def test_every_stage_of_the_load_is_reported_begun_and_done(tmp_path: Path) -> None:
    """The progress bars and benchmarks/scale.py's stage times read these reports: each
    stage's first report is its beginning (0 done), its last one its end (all done), and
    the stages come one after another in the load's order."""
    taxpayers, addresses = _extract_rows(5)
    labelled: list[tuple[str, int, int]] = []
    MasterStore(tmp_path / "home").load(write_extract(tmp_path / "x", taxpayers, addresses),
                                        lambda *report: labelled.append(report))
    # "normalize names (first_name)": a stage and the column it is at
    reports = [(label.split(" (")[0], done, total) for label, done, total in labelled]
    order: list[str] = []
    for stage, _, _ in reports:
        if not order or order[-1] != stage:
            assert stage not in order, f"{stage} reported again after another stage"
            order.append(stage)
    assert order == ["read the extract", "check and type the extract", "normalize names",
                     "normalize addresses", "join the normalized addresses",
                     "derive the last known addresses and blocking keys",
                     "write the master file"]
    for label in {label for label, _, _ in labelled}:
        mine = [(done, total) for s, done, total in labelled if s == label]
        assert mine[0][0] == 0 and mine[-1][0] == mine[-1][1], label
    for stage in order[:2] + order[4:]:
        assert [(d, t) for s, d, t in reports if s == stage] == [(0, 1), (1, 1)], stage

"""The encrypted master spills to a private folder beside it when a query outgrows
DuckDB's memory limit (a 1.28M-record batch against 10M taxpayers does): the folder must
be creatable on first use, and gone after close."""

from __future__ import annotations

import secrets
from pathlib import Path

from dgate.vault.duck import connect_master


def test_a_query_that_spills_runs_and_leaves_no_spill_folder(tmp_path: Path) -> None:
    path = tmp_path / "master" / "m.duckdb"
    path.parent.mkdir()
    key = secrets.token_bytes(32)
    con = connect_master(path, key, read_only=False, create=True)
    con.execute("CREATE TABLE t AS SELECT range AS i, md5(range::VARCHAR) AS s "
                "FROM range(2000000)")
    con.close()
    con = connect_master(path, key, read_only=True)
    try:
        con.execute("SET memory_limit = '64MB'")
        con.execute("SET threads = 1")
        con.execute("SET preserve_insertion_order = false")
        # A sort of ~130 MB of strings cannot stay in 64 MB: it must spill. (Counted, not
        # aggregated: an aggregate over the sorted rows let DuckDB skip the sort, and the
        # test passed while the first real spill failed for want of the folder's parent.)
        rows = con.execute("SELECT count(*) FROM "
                           "(SELECT s, i FROM t ORDER BY s DESC, i)").fetchall()
        spilled = con.execute("SELECT count(*) FROM duckdb_temporary_files()").fetchall()
    finally:
        con.close()
    assert rows == [(2000000,)]
    del spilled  # how many files DuckDB kept at the end varies; the query finishing is the test
    leftovers = [p for p in (path.parent / ".tmp").rglob("*")] \
        if (path.parent / ".tmp").exists() else []
    assert leftovers == []


def test_spill_folders_of_dead_processes_are_removed_on_connect(tmp_path: Path) -> None:
    """A matching process killed outright leaves its spill folder; the next connection
    removes it, and leaves a live process's folder alone."""
    import os
    import subprocess
    import sys

    path = tmp_path / "master" / "m.duckdb"
    path.parent.mkdir()
    key = secrets.token_bytes(32)
    connect_master(path, key, read_only=False, create=True).close()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    spills = path.parent / ".tmp"
    orphan = spills / f"{int(dead.stdout)}-0123abcd"
    orphan.mkdir(parents=True)
    (orphan / "duckdb_temp_storage-0.tmp").write_bytes(b"sealed spill")
    alive = spills / f"{os.getpid()}-89abcdef"
    alive.mkdir()
    stranger = spills / "not-a-spill-folder"
    stranger.mkdir()
    connect_master(path, key, read_only=True).close()
    assert not orphan.exists()
    assert alive.is_dir() and stranger.is_dir()

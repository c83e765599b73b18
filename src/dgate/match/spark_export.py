"""`dgate master export-parquet DIR`: the master's derived tables as Parquet, for the
Spark engine (match/spark.py), from the encrypted DuckDB master in force.

Only the columns matching reads leave the master (MASTER_TABLES): no raw names, no
tax years, no street term frequencies. They are still personal data (normalized names,
dates of birth, TINs, address histories) written UNENCRYPTED: their protection is the
storage's (HDFS encryption zones, S3 SSE-KMS, an encrypted volume), so the export refuses
to write inside the home — whose every file is encrypted (tests/vault grep test) — and
writes a private folder (mode 0700) that must not exist yet. It is written beside the
destination and renamed into place, so a reader sees a whole export or none.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path
from typing import Any

from dgate.errors import DgateError, UsageError
from dgate.store.master import require_format

# The master tables the Spark SQL reads, and the columns of each that leave the DuckDB master
# (export_parquet writes exactly these): nothing the matching does not read.
MASTER_TABLES: dict[str, tuple[str, ...]] = {
    "taxpayers": ("tin", "date_of_birth", "date_of_death"),
    "names": ("tin", "first_tokens", "first_canon", "middle_n", "last_n", "last_tokens",
              "suffix_n", "first_phon", "last_phon"),
    "addresses": ("addr_id", "tin", "street", "unit", "city", "state", "zip", "source",
                  "effective_date", "house", "predir", "street_name", "skey", "st_suffix",
                  "postdir", "unit_n", "city_n", "state_n", "zip5", "urb"),
    "lka": ("tin", "addr_id", "tied", "later_elsewhere", "later_deceased"),
    "name_key": ("phon", "first0", "tin"),
    "token_zip": ("token", "zip5", "initial", "tin"),
    "phon_dob": ("phon", "dob", "tin"),
    "term_freq": ("kind", "term", "freq"),
    "meta": ("version", "taxpayers", "addresses", "loaded_at", "format"),
}


def export_parquet(con: Any, dest: Path) -> str:
    """Write every table of MASTER_TABLES from the master open on `con` (a DuckDB
    connection) to `dest/<table>.parquet`; returns the master version exported."""
    require_format(con)  # an older master lacks columns the Spark SQL reads
    if dest.exists():
        raise UsageError(f"export folder {dest} already exists; name a new one")
    if not dest.parent.is_dir():
        raise UsageError(f"export folder {dest}: its parent folder does not exist")
    row = con.execute("SELECT version FROM meta").fetchall()
    version = str(row[0][0])
    part = dest.with_name(f".{dest.name}.part-{uuid.uuid4().hex[:8]}")
    part.mkdir(mode=0o700)
    try:
        for table, columns in MASTER_TABLES.items():
            where = " WHERE kind IN ('last', 'first')" if table == "term_freq" else ""
            target = str(part / f"{table}.parquet").replace("'", "''")
            con.execute(f"COPY (SELECT {', '.join(columns)} FROM {table}{where}) "
                        f"TO '{target}' (FORMAT parquet, COMPRESSION zstd)")
            os.chmod(part / f"{table}.parquet", 0o600)
        os.replace(part, dest)
    except BaseException:
        shutil.rmtree(part, ignore_errors=True)
        raise
    return version


def export_home_master(home: Any, as_user: str | None, dest: Path) -> str:
    """The service step: an admin exports the master in force, outside the home, and the
    export is recorded in the ledger (taxpayer data left the home's encryption)."""
    from dgate.model import Role
    from dgate.store import case

    actor = home.authorize(as_user, [Role.ADMIN], "master export-parquet")
    target = dest.expanduser().resolve()
    if home.holds(dest):
        raise UsageError(f"export folder {dest} is inside the home: the Parquet files are not "
                         f"encrypted; write them to the cluster's encrypted storage")
    path = home.master.current_path()
    if path is None:
        raise DgateError("no master file is loaded; run `dgate master load PATH` first")
    with home.master.open_file(path) as con:
        version = export_parquet(con, target)
    with case.transaction(home.conn):
        home.record(actor, "master_exported", version, "ok", destination=str(target),
                    tables=sorted(MASTER_TABLES))
    return version

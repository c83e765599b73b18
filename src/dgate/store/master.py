"""The master store: the agency's taxpayer extract in DuckDB, normalized for matching.

`load()` builds a complete new database file beside the current one and only then points
`CURRENT` at it (an atomic rename), so readers see either the old master or the new one,
never a half-loaded one. The extract is read by DuckDB straight from Parquet/CSV (streamed,
not materialized in Python); the name and address normalization runs over the distinct
values in bounded chunks.

Tables of a loaded master (all keyed by `tin`):
    taxpayers   raw columns, typed
    addresses   raw columns + addr_id + normalized parts (house, street_name, unit_n, zip5 …)
    names       normalized name parts per taxpayer
    name_tokens one row per significant surname token (for blocking)
    lka         last known address per taxpayer (master-format.md)
    term_freq   relative frequency of surname tokens and canonical given names
    meta        version, counts, source digests
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from dgate.errors import DgateError, InputError

Progress = Callable[[str, int, int], None]

TAXPAYER_COLUMNS = ("tin", "tin_type", "first_name", "middle_name", "last_name",
                    "name_suffix", "date_of_birth", "date_of_death")
ADDRESS_COLUMNS = ("tin", "street", "unit", "city", "state", "zip", "source", "tax_year",
                   "effective_date")
SOURCES = ("FORM_8822", "RETURN", "NCOA")  # tie-break order for the last known address
_CHUNK = 100_000


@dataclass(frozen=True)
class MasterInfo:
    version: str
    taxpayers: int
    addresses: int
    loaded_at: str


def _find_table(folder: Path, name: str) -> tuple[Path, str]:
    for ext in ("parquet", "csv"):
        p = folder / f"{name}.{ext}"
        if p.is_file():
            return p, ext
    raise InputError(f"master extract {folder}: no {name}.parquet or {name}.csv")


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class MasterStore:
    """The loaded master, under `home/master/`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @property
    def _pointer(self) -> Path:
        return self.folder / "CURRENT"

    def current_path(self) -> Path | None:
        if not self._pointer.is_file():
            return None
        name = self._pointer.read_text(encoding="utf-8").strip()
        path = self.folder / name
        return path if path.is_file() else None

    def connect(self) -> duckdb.DuckDBPyConnection:
        path = self.current_path()
        if path is None:
            raise DgateError("no master file is loaded; run `dgate master load PATH` first")
        return duckdb.connect(str(path), read_only=True)

    def info(self) -> MasterInfo | None:
        if self.current_path() is None:
            return None
        with self.connect() as con:
            row = con.execute(
                "SELECT version, taxpayers, addresses, loaded_at FROM meta").fetchall()[0]
        assert row is not None
        return MasterInfo(*row)

    # -- loading -------------------------------------------------------------------------

    def load(self, source: Path, progress: Progress | None = None) -> MasterInfo:
        if not source.is_dir():
            raise InputError(f"master extract {source}: not a folder")
        tp_path, tp_ext = _find_table(source, "taxpayers")
        ad_path, ad_ext = _find_table(source, "addresses")
        self.folder.mkdir(parents=True, exist_ok=True)
        version = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:8]
        final = self.folder / f"master-{version}.duckdb"
        part = final.with_suffix(".part")
        try:
            con = duckdb.connect(str(part))
            try:
                con.execute("SET preserve_insertion_order=false")
                _read_raw(con, "tp_raw", tp_path, tp_ext, TAXPAYER_COLUMNS)
                _read_raw(con, "ad_raw", ad_path, ad_ext, ADDRESS_COLUMNS)
                _type_and_validate(con, tp_path.name, ad_path.name)
                _normalize(con, progress)
                _derive(con)
                n_tp, n_ad = con.execute(
                    "SELECT (SELECT count(*) FROM taxpayers), (SELECT count(*) FROM addresses)"
                ).fetchall()[0] or (0, 0)
                loaded_at = datetime.now(UTC).isoformat(timespec="seconds")
                con.execute(
                    "CREATE TABLE meta AS SELECT ? AS version, ? AS taxpayers, ? AS addresses,"
                    " ? AS loaded_at, ? AS taxpayers_sha256, ? AS addresses_sha256",
                    [version, n_tp, n_ad, loaded_at, _digest(tp_path), _digest(ad_path)],
                )
                con.execute("CHECKPOINT")
            finally:
                con.close()
            _fsync(part)
            os.replace(part, final)
            old = self.current_path()
            tmp_pointer = self.folder / "CURRENT.tmp"
            tmp_pointer.write_text(final.name + "\n", encoding="utf-8")
            _fsync(tmp_pointer)
            os.replace(tmp_pointer, self._pointer)
            _fsync_dir(self.folder)
        except BaseException:
            for leftover in (part, part.with_name(part.name + ".wal")):
                leftover.unlink(missing_ok=True)
            raise
        if old is not None and old != final:
            old.unlink(missing_ok=True)
        return MasterInfo(version, int(n_tp), int(n_ad), loaded_at)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    # Some filesystems refuse fsync on a directory; the rename still stands.
    with contextlib.suppress(OSError):
        _fsync(path)


def _read_raw(con: duckdb.DuckDBPyConnection, table: str, path: Path, ext: str,
              expected: tuple[str, ...]) -> None:
    reader = ("read_parquet(?)" if ext == "parquet"
              else "read_csv(?, header=true, all_varchar=true, auto_detect=true, strict_mode=true)")
    try:
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM {reader}", [str(path)])
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0][:160]
        raise InputError(f"master extract {path.name}: cannot be read ({first})") from None
    cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
    lower = {c.lower(): c for c in cols}
    if len(lower) != len(cols):
        raise InputError(f"master extract {path.name}: duplicate column names")
    missing = [c for c in expected if c not in lower]
    if missing:
        raise InputError(f"master extract {path.name}: missing column(s) {', '.join(missing)}")
    # Rename to the canonical lower-case names and drop what the contract does not name.
    select = ", ".join(f'CAST("{lower[c]}" AS VARCHAR) AS {c}' for c in expected)
    con.execute(f"CREATE TABLE {table}_v AS SELECT {select} FROM {table}")
    con.execute(f"DROP TABLE {table}")
    con.execute(f"ALTER TABLE {table}_v RENAME TO {table}")


def _fail_if(con: duckdb.DuckDBPyConnection, file: str, column: str, where: str,
             what: str, table: str) -> None:
    row = con.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchall()[0]
    n = int(row[0]) if row else 0
    if n:
        raise InputError(f"master extract {file}: column {column}: {n} row(s) {what}")


_DATE = r"TRY_CAST(NULLIF(trim({c}), '') AS DATE)"


def _type_and_validate(con: duckdb.DuckDBPyConnection, tp_file: str, ad_file: str) -> None:
    tp, ad = "tp_raw", "ad_raw"
    _fail_if(con, tp_file, "tin", "tin IS NULL OR NOT regexp_full_match(trim(tin), '[0-9]{9}')",
             "not 9 digits", tp)
    _fail_if(con, tp_file, "tin_type", "coalesce(upper(trim(tin_type)), '') NOT IN ('SSN','ITIN')",
             "not SSN or ITIN", tp)
    for col in ("first_name", "last_name"):
        _fail_if(con, tp_file, col, f"coalesce(trim({col}), '') = ''", "empty", tp)
    for col in ("date_of_birth", "date_of_death"):
        d = _DATE.format(c=col)
        _fail_if(con, tp_file, col, f"coalesce(trim({col}), '') <> '' AND {d} IS NULL",
                 "not a date", tp)
    row = con.execute(
        f"SELECT count(*) - count(DISTINCT trim(tin)) FROM {tp}").fetchall()[0]
    if row and row[0]:
        raise InputError(f"master extract {tp_file}: column tin: {row[0]} duplicate value(s)")
    _fail_if(con, ad_file, "tin", "tin IS NULL OR NOT regexp_full_match(trim(tin), '[0-9]{9}')",
             "not 9 digits", ad)
    _fail_if(con, ad_file, "zip",
             "zip IS NULL OR NOT regexp_full_match(trim(zip), '[0-9]{5}(-?[0-9]{4})?')",
             "not a 5-digit ZIP", ad)
    _fail_if(con, ad_file, "source",
             "coalesce(upper(trim(source)), '') NOT IN ('RETURN','FORM_8822','NCOA')",
             "not RETURN, FORM_8822 or NCOA", ad)
    _fail_if(con, ad_file, "effective_date", f"{_DATE.format(c='effective_date')} IS NULL",
             "missing or not a date", ad)
    _fail_if(con, ad_file, "tax_year",
             "coalesce(trim(tax_year), '') <> '' AND TRY_CAST(trim(tax_year) AS INTEGER) IS NULL",
             "not a year", ad)
    for col in ("street", "city", "state"):
        _fail_if(con, ad_file, col, f"coalesce(trim({col}), '') = ''", "empty", ad)
    row = con.execute(
        f"SELECT count(*) FROM {ad} a ANTI JOIN {tp} t ON trim(a.tin) = trim(t.tin)").fetchall()[0]
    if row and row[0]:
        raise InputError(
            f"master extract {ad_file}: column tin: {row[0]} row(s) name no taxpayer")
    row = con.execute(f"SELECT count(*) FROM {tp} t ANTI JOIN {ad} a ON trim(a.tin) = trim(t.tin)"
                      ).fetchall()[0]
    if row and row[0]:
        raise InputError(
            f"master extract {tp_file}: {row[0]} taxpayer(s) have no address row")
    con.execute(f"""CREATE TABLE taxpayers AS SELECT
        trim(tin) AS tin, upper(trim(tin_type)) AS tin_type,
        trim(first_name) AS first_name, coalesce(trim(middle_name), '') AS middle_name,
        trim(last_name) AS last_name, coalesce(trim(name_suffix), '') AS name_suffix,
        {_DATE.format(c='date_of_birth')} AS date_of_birth,
        {_DATE.format(c='date_of_death')} AS date_of_death
        FROM {tp}""")
    con.execute(f"""CREATE TABLE addresses_raw AS SELECT
        row_number() OVER () AS addr_id, trim(tin) AS tin, trim(street) AS street,
        coalesce(trim(unit), '') AS unit, trim(city) AS city, upper(trim(state)) AS state,
        trim(zip) AS zip, upper(trim(source)) AS source,
        TRY_CAST(NULLIF(trim(tax_year), '') AS INTEGER) AS tax_year,
        {_DATE.format(c='effective_date')} AS effective_date
        FROM {ad}""")
    con.execute(f"DROP TABLE {tp}")
    con.execute(f"DROP TABLE {ad}")


def _normalize(con: duckdb.DuckDBPyConnection, progress: Progress | None) -> None:
    """Normalize names and addresses with the same Python functions that normalize
    requests, so both sides of every comparison are folded identically."""
    from dgate.normalize.address import normalize_address
    from dgate.normalize.names import normalize_name

    total = int((con.execute("SELECT count(*) FROM taxpayers").fetchall()[0] or (0,))[0])
    name_schema = pa.schema([
        ("tin", pa.string()), ("first_tokens", pa.list_(pa.string())),
        ("first_canon", pa.list_(pa.string())), ("middle_n", pa.string()),
        ("last_n", pa.string()), ("last_tokens", pa.list_(pa.string())),
        ("suffix_n", pa.string()), ("first_phon", pa.string()),
        ("last_phon", pa.list_(pa.string())),
    ])
    con.execute("""CREATE TABLE names (tin VARCHAR, first_tokens VARCHAR[],
        first_canon VARCHAR[], middle_n VARCHAR, last_n VARCHAR, last_tokens VARCHAR[],
        suffix_n VARCHAR, first_phon VARCHAR, last_phon VARCHAR[])""")
    done = 0
    # A second cursor streams the source while the first one inserts.
    reader = con.cursor().sql(
        "SELECT tin, first_name, middle_name, last_name, name_suffix FROM taxpayers"
    ).to_arrow_reader(_CHUNK)
    for batch in reader:
        cols = batch.to_pydict()
        rows: dict[str, list[object]] = {f.name: [] for f in name_schema}
        for tin, first, middle, last, suffix in zip(
                cols["tin"], cols["first_name"], cols["middle_name"], cols["last_name"],
                cols["name_suffix"], strict=True):
            n = normalize_name(first or "", middle or "", last or "", suffix or "")
            for key, val in (("tin", tin), ("first_tokens", list(n.first_tokens)),
                             ("first_canon", list(n.first_canon)), ("middle_n", n.middle),
                             ("last_n", n.last), ("last_tokens", list(n.last_tokens)),
                             ("suffix_n", n.suffix), ("first_phon", n.first_phon),
                             ("last_phon", list(n.last_phon))):
                rows[key].append(val)
        chunk = pa.table(rows, schema=name_schema)
        con.register("name_chunk", chunk)
        con.execute("INSERT INTO names SELECT * FROM name_chunk")
        con.unregister("name_chunk")
        done += batch.num_rows
        if progress:
            progress("normalize names", done, total)

    total = int((con.execute("SELECT count(*) FROM addresses_raw").fetchall()[0] or (0,))[0])
    addr_schema = pa.schema([
        ("addr_id", pa.int64()), ("house", pa.string()), ("predir", pa.string()),
        ("street_name", pa.string()), ("st_suffix", pa.string()), ("postdir", pa.string()),
        ("unit_n", pa.string()), ("city_n", pa.string()), ("state_n", pa.string()),
        ("zip5", pa.string()),
    ])
    con.execute("""CREATE TABLE addr_norm (addr_id BIGINT, house VARCHAR, predir VARCHAR,
        street_name VARCHAR, st_suffix VARCHAR, postdir VARCHAR, unit_n VARCHAR,
        city_n VARCHAR, state_n VARCHAR, zip5 VARCHAR)""")
    done = 0
    reader = con.cursor().sql(
        "SELECT addr_id, street, unit, city, state, zip FROM addresses_raw"
    ).to_arrow_reader(_CHUNK)
    for batch in reader:
        cols = batch.to_pydict()
        out: dict[str, list[object]] = {f.name: [] for f in addr_schema}
        for aid, street, unit, city, state, zipc in zip(
                cols["addr_id"], cols["street"], cols["unit"], cols["city"], cols["state"],
                cols["zip"], strict=True):
            a = normalize_address(street or "", unit or "", city or "", state or "", zipc or "")
            for key, val in (("addr_id", aid), ("house", a.house), ("predir", a.predir),
                             ("street_name", a.street_name), ("st_suffix", a.suffix),
                             ("postdir", a.postdir), ("unit_n", a.unit), ("city_n", a.city),
                             ("state_n", a.state), ("zip5", a.zip5)):
                out[key].append(val)
        chunk = pa.table(out, schema=addr_schema)
        con.register("addr_chunk", chunk)
        con.execute("INSERT INTO addr_norm SELECT * FROM addr_chunk")
        con.unregister("addr_chunk")
        done += batch.num_rows
        if progress:
            progress("normalize addresses", done, total)
    con.execute("""CREATE TABLE addresses AS
        SELECT r.*, n.house, n.predir, n.street_name, n.st_suffix, n.postdir, n.unit_n,
               n.city_n, n.state_n, n.zip5
        FROM addresses_raw r JOIN addr_norm n USING (addr_id)""")
    con.execute("DROP TABLE addresses_raw")
    con.execute("DROP TABLE addr_norm")


def _derive(con: duckdb.DuckDBPyConnection) -> None:
    order = "CASE source WHEN 'FORM_8822' THEN 0 WHEN 'RETURN' THEN 1 ELSE 2 END"
    con.execute(f"""CREATE TABLE lka AS
        SELECT tin, addr_id FROM (
            SELECT tin, addr_id, row_number() OVER (
                PARTITION BY tin ORDER BY effective_date DESC, {order}, addr_id DESC) AS rn
            FROM addresses) WHERE rn = 1""")
    con.execute("""CREATE TABLE name_tokens AS
        SELECT DISTINCT tin, unnest(last_tokens) AS token FROM names""")
    con.execute("""CREATE TABLE name_phon AS
        SELECT DISTINCT tin, unnest(last_phon) AS phon FROM names""")
    con.execute("""CREATE TABLE term_freq AS
        WITH n AS (SELECT count(*)::DOUBLE AS total FROM names)
        SELECT 'last' AS kind, token AS term, count(*) / (SELECT total FROM n) AS freq
            FROM name_tokens GROUP BY token
        UNION ALL
        SELECT 'first', f, count(*) / (SELECT total FROM n)
            FROM (SELECT DISTINCT tin, unnest(first_canon) AS f FROM names) GROUP BY f
        UNION ALL
        SELECT 'street', street_name, count(*) / (SELECT count(*) FROM addresses)
            FROM addresses GROUP BY street_name""")

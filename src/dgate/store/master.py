"""The master store: the agency's taxpayer extract in DuckDB, normalized for matching.

`load()` builds a complete new database file beside the current one and only then points
`CURRENT` at it (an atomic rename), so readers see either the old master or the new one,
never a half-loaded one. The extract is read by DuckDB straight from Parquet/CSV (streamed,
not materialized in Python); the name and address normalization runs over the distinct
values in bounded chunks.

Tables of a loaded master (all keyed by `tin`):
    taxpayers   raw columns, typed
    addresses   raw columns + addr_id + normalized parts (house, street_name, unit_n, zip5,
                urb …) and skey, the street name's key (normalize.relations.street_key: the
                name with street-type words inside it standardized), which the SQL joins
                compare where compare_addresses compares the key
    names       normalized name parts per taxpayer
    name_tokens one row per significant surname token (for blocking)
    name_key, token_zip, phon_dob   blocking keys joined on two columns at once
    lka         last known address per taxpayer (master-format.md), whether it is tied with
                another of its date and source (tied), and whether the person's history goes
                on under another TIN after this ITIN's (later_elsewhere)
    term_freq   relative frequency of surname tokens and canonical given names
    meta        version, format (MASTER_FORMAT), counts, source digests
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import re
import shutil
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

import duckdb
import pyarrow as pa

from dgate.errors import DgateError, InputError
from dgate.fsio import replace_atomic
from dgate.model import Progress
from dgate.normalize import NORMALIZER_VERSION
from dgate.normalize.address import (
    named_street_line,
    normalize_city,
    normalize_state,
    parse_street,
    parse_unit,
    parse_zip,
    queens_places,
    split_unit_field,
)
from dgate.normalize.names import normalize_name
from dgate.normalize.relations import street_key
from dgate.workers import skip_teardown

TAXPAYER_COLUMNS = ("tin", "tin_type", "first_name", "middle_name", "last_name",
                    "name_suffix", "date_of_birth", "date_of_death")
ADDRESS_COLUMNS = ("tin", "street", "unit", "city", "state", "zip", "source", "tax_year",
                   "effective_date")
SOURCES = ("FORM_8822", "RETURN", "NCOA")  # tie-break order for the last known address
_CHUNK = 100_000
LOAD_MEMORY_LIMIT = "8GB"
# What a master file holds and how, as matching reads it; recorded in `meta.format` at
# load. A master of another format is refused by everything that matches against it
# (`require_format`) rather than failing inside a matcher on a missing column or, worse,
# matching on columns that mean something else now. Earlier masters recorded none (format
# 1). Raise it whenever load writes a table or column differently.
#   2: addresses.urb (the Puerto Rico urbanization), meta.format
#   3: meta.normalizer (normalize.NORMALIZER_VERSION: what the stored forms were made by)
#   4: addresses.skey (the street name's key, joined on by match.engine.PAIRS_SQL)
#   5: lka.tied (the last known address tied with another of its date and source)
#   6: lka.tied also across tax years where one is missing, and for rows other than returns
#      whatever their tax years (red team r3)
#   7: lka.later_elsewhere (an ITIN's record whose person's history goes on under another
#      TIN, an SSN given since; red team r11)
#   8: lka.later_deceased (that other record carrying a date of death; red team r33)
MASTER_FORMAT = 8


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


class MasterKeys(Protocol):
    """Where the DuckDB encryption key of each master version comes from (the home's
    vault): None for a master loaded before encryption."""

    def master_key(self, version: str, *, create: bool) -> bytes | None: ...

    def discard_master_key(self, version: str) -> None: ...


def master_version(path: Path) -> str:
    """The version a master file (or its .part while loading) is named after."""
    return path.stem.removeprefix("master-")


class MasterStore:
    """The loaded master, under `home/master/`. With `keys`, every new master is an
    encrypted DuckDB database (dgate.vault.duck); without, files are plain (benchmarks)."""

    def __init__(self, folder: Path, keys: MasterKeys | None = None) -> None:
        self.folder = folder
        self.keys = keys

    def key_of(self, path: Path, *, create: bool = False) -> bytes | None:
        return self.keys.master_key(master_version(path), create=create) if self.keys \
            else None

    def open_file(self, path: Path, *, create: bool = False) -> duckdb.DuckDBPyConnection:
        """The one way a master file is opened or created (the spawned matchers get the
        path and key as arguments and call dgate.vault.duck.connect_master)."""
        from dgate.vault.duck import connect_master

        if self.keys is None:
            return duckdb.connect(str(path), read_only=not create)
        return connect_master(path, self.key_of(path, create=create), read_only=not create,
                              create=create)

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
        return self.open_file(path)

    def info(self) -> MasterInfo | None:
        if self.current_path() is None:
            return None
        with self.connect() as con:
            row = con.execute(
                "SELECT version, taxpayers, addresses, loaded_at FROM meta").fetchall()[0]
        assert row is not None
        return MasterInfo(*row)

    def connect_current(self) -> duckdb.DuckDBPyConnection:
        """`connect`, refusing a master of another format (`require_format`)."""
        con = self.connect()
        try:
            require_format(con)
        except BaseException:
            con.close()
            raise
        return con

    # -- loading -------------------------------------------------------------------------

    def load(self, source: Path, progress: Progress | None = None) -> MasterInfo:
        if not source.is_dir():
            what = "not a folder" if source.exists() else "no such folder"
            raise InputError(f"master extract {source}: {what}")
        tp_path, tp_ext = _find_table(source, "taxpayers")
        ad_path, ad_ext = _find_table(source, "addresses")
        self.folder.mkdir(parents=True, exist_ok=True)
        version = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:8]
        final = self.folder / f"master-{version}.duckdb"
        part = final.with_suffix(".part")
        try:
            con = self.open_file(part, create=True)
            try:
                con.execute("SET preserve_insertion_order=false")
                # DuckDB would take 80% of the machine; above this it spills to disk beside
                # the new file instead (a 10-million master peaks near 13 GB unbounded).
                con.execute(f"SET memory_limit = '{LOAD_MEMORY_LIMIT}'")
                spill = str(self.folder / ".load-tmp").replace("'", "''")
                con.execute(f"SET temp_directory = '{spill}'")
                with _stage(progress, "read the extract"):
                    _read_raw(con, "tp_raw", tp_path, tp_ext, TAXPAYER_COLUMNS)
                    _read_raw(con, "ad_raw", ad_path, ad_ext, ADDRESS_COLUMNS)
                with _stage(progress, "check and type the extract"):
                    _type_and_validate(con, tp_path.name, ad_path.name)
                _normalize(con, progress)
                with _stage(progress, "derive the last known addresses and blocking keys"):
                    _derive(con)
                n_tp, n_ad = con.execute(
                    "SELECT (SELECT count(*) FROM taxpayers), (SELECT count(*) FROM addresses)"
                ).fetchall()[0] or (0, 0)
                loaded_at = datetime.now(UTC).isoformat(timespec="seconds")
                con.execute(
                    "CREATE TABLE meta AS SELECT ? AS version, ? AS taxpayers, ? AS addresses,"
                    " ? AS loaded_at, ? AS taxpayers_sha256, ? AS addresses_sha256,"
                    " ? AS format, ? AS normalizer",
                    [version, n_tp, n_ad, loaded_at, _digest(tp_path), _digest(ad_path),
                     MASTER_FORMAT, NORMALIZER_VERSION],
                )
                with _stage(progress, "write the master file"):
                    con.execute("CHECKPOINT")
            finally:
                con.close()
                shutil.rmtree(self.folder / ".load-tmp", ignore_errors=True)
            _fsync(part)
            os.replace(part, final)
            old = self.current_path()
            replace_atomic(self._pointer, (final.name + "\n").encode("utf-8"))
        except BaseException:
            for leftover in (part, part.with_name(part.name + ".wal")):
                leftover.unlink(missing_ok=True)
            if self.current_path() != final:
                # Refused or interrupted: the new file never came into force. Its key goes
                # too, or it would outlive it (listed by `keys list`, and a retention run
                # would certify the destruction of a master that was never loaded).
                final.unlink(missing_ok=True)
                if self.keys is not None:
                    self.keys.discard_master_key(version)
            raise
        if old is not None and old != final:
            old.unlink(missing_ok=True)
        return MasterInfo(version, int(n_tp), int(n_ad), loaded_at)


@contextlib.contextmanager
def _stage(progress: Progress | None, name: str) -> Iterator[None]:
    """A step of the load that is one or a few SQL statements: reported as begun and as
    done (a progress bar of one step; benchmarks/scale.py times each stage from its first
    report to its last)."""
    if progress:
        progress(name, 0, 1)
    yield
    if progress:
        progress(name, 1, 1)


def master_format(con: duckdb.DuckDBPyConnection) -> int:
    """The format a loaded master was written in (1: loaded before formats were recorded)."""
    # the table's columns from an empty read (information_schema took ~12 ms a submit)
    columns = {d[0] for d in con.execute("SELECT * FROM meta LIMIT 0").description}
    if "format" not in columns:
        return 1
    row = con.execute("SELECT format FROM meta").fetchall()
    return int(row[0][0]) if row else 1


def require_format(con: duckdb.DuckDBPyConnection) -> None:
    """Refuse, in one line saying what to do, a master this dgate cannot match against."""
    found = master_format(con)
    if found < MASTER_FORMAT:
        raise DgateError(f"the master file was loaded by an earlier dgate (master format "
                         f"{found}, this dgate reads {MASTER_FORMAT}): run `dgate master "
                         f"load` again")
    if found > MASTER_FORMAT:
        raise DgateError(f"the master file was loaded by a later dgate (master format "
                         f"{found}, this dgate reads {MASTER_FORMAT}): upgrade dgate")
    made_by = str(con.execute("SELECT normalizer FROM meta").fetchall()[0][0])
    if made_by != NORMALIZER_VERSION:
        raise DgateError(f"the master file's names and addresses were normalized by "
                         f"{made_by}, this dgate normalizes by {NORMALIZER_VERSION}: run "
                         f"`dgate master load` again")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_raw(con: duckdb.DuckDBPyConnection, table: str, path: Path, ext: str,
              expected: tuple[str, ...]) -> None:
    """`table`: the extract's columns the contract names, as text, in a TEMP table.

    Intermediate tables of the load are TEMP: DuckDB keeps them in memory (spilling to the
    temp directory) instead of compressing them into the new master file only to drop them
    (at 10M taxpayers writing them there was most of the load's time)."""
    # CSV in the standard dialect, given rather than guessed: DuckDB guesses quoting from the
    # first rows, and an extract whose first quoted field ("145 MAIN ST, REAR") came after
    # about 20,000 plain rows was refused (audit 13, A3). It guesses a comment character
    # too: with `unit` as the first column, every row whose unit was written "#4" was
    # silently dropped; and rows to skip before the header. Neither is CSV: none given.
    reader = ("read_parquet(?)" if ext == "parquet"
              else "read_csv(?, header=true, all_varchar=true, auto_detect=true, "
                   "strict_mode=true, delim=',', quote='\"', escape='\"', comment='', "
                   "skip=0)")
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM {reader}", [str(path)]).fetchall()
        cols = [r[0] for r in described]
        zoned = {r[0] for r in described if r[1] == "TIMESTAMP WITH TIME ZONE"}
        lower = {c.lower(): c for c in cols}
        if len(lower) != len(cols):
            raise InputError(f"master extract {path.name}: duplicate column names")
        missing = [c for c in expected if c not in lower]
        if missing:
            raise InputError(
                f"master extract {path.name}: missing column(s) {', '.join(missing)}")
        # The canonical lower-case names; what the contract does not name is not read.
        zones = _zones_of(path, zoned) if zoned else {}
        select = ", ".join(
            f"CAST(CAST(timezone('{zones[lower[c]]}', \"{lower[c]}\") AS DATE) "
            f"AS VARCHAR) AS {c}" if lower[c] in zoned
            else f'CAST("{lower[c]}" AS VARCHAR) AS {c}' for c in expected)
        con.execute(f"CREATE TEMP TABLE {table} AS SELECT {select} FROM {reader}",
                    [str(path)])
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0][:160]
        raise InputError(f"master extract {path.name}: cannot be read ({first})") from None


def _zones_of(path: Path, columns: set[str]) -> dict[str, str]:
    """The time zone each of these Parquet timestamp columns was written in (Arrow's schema
    records it; Spark and pandas write dates as such timestamps), UTC where none is
    recorded. A date column stored so is read as the calendar date in that zone: rendered
    in the process's own zone, as DuckDB does by default, a UTC midnight became the day
    before under TZ=America/New_York and a date of birth one day off was disclosed on
    (audit 13, A2)."""
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
    except (OSError, pa.ArrowException):
        schema = None  # (DuckDB read the file: what it says of the columns stands)
    return {column: _zone(path, column, getattr(schema.field(column).type, "tz", None)
                          if schema is not None and column in schema.names else None)
            for column in columns}


def _zone(path: Path, column: str, written: str | None) -> str:
    """A zone DuckDB's timezone() takes for the zone a column was written in."""
    zone = written or "UTC"
    offset = re.fullmatch(r"([+-])(\d{2}):00", zone)
    if offset:  # a fixed offset: the POSIX zone of that offset (its sign turned round)
        hours = int(offset.group(2))
        zone = f"Etc/GMT{'-' if offset.group(1) == '+' else '+'}{hours}" if hours else "UTC"
    if not re.fullmatch(r"[A-Za-z0-9_+\-/]+", zone):
        raise InputError(f"master extract {path.name}: column {column}: unknown time zone")
    return zone


def _fail_if(con: duckdb.DuckDBPyConnection, file: str, table: str,
             checks: list[tuple[str, str, str]]) -> None:
    """Refuse the extract on the first of `checks` (column, condition, what) that some row
    of `table` meets, naming how many rows do. One scan counts every condition (at 10M
    taxpayers a scan per check was 11 s of the load); the first failing one, in the order
    given, is the one reported."""
    counts = ", ".join(f"count(*) FILTER (WHERE {where})" for _, where, _ in checks)
    row = con.execute(f"SELECT {counts} FROM {table}").fetchall()[0]
    for (column, _, what), n in zip(checks, row, strict=True):
        if n:
            raise InputError(f"master extract {file}: column {column}: {n} row(s) {what}")


_DATE = r"TRY_CAST(NULLIF(trim({c}), '') AS DATE)"
# A date of the extract: a calendar date of years 1 to 9999 written year first (YYYY-MM-DD,
# YYYY/MM/DD, one-digit month or day), alone or beginning a timestamp (its time and zone
# ignored: the date as written). DuckDB's cast alone also reads a year BC ("-1980-04-12",
# "0000-04-12"), a year of five digits, "infinity", "epoch" (1970-01-01) and a date followed
# by any letters ("1980-04-12x"): such a value loaded, and the first batch to meet its
# taxpayer failed (Python holds no such date: red team r13), or it was read as a date it
# does not say. They are "not a date" now, and the extract is refused for them. Checked
# once, in the validating scan (`_not_a_date`); the tables are then typed by `_DATE`, which
# reads every value so checked as the date it says.
_DATE_SHAPE = (r"[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}"
               r"([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?"
               r" ?(Z|UTC|[+-][0-9]{2}(:?[0-9]{2})?)?)?")


def _not_a_date(column: str) -> str:
    """SQL: true when the column's text (not empty) is not a date (`_DATE_SHAPE`)."""
    text = f"trim({column})"
    return (f"(NOT regexp_full_match({text}, '{_DATE_SHAPE}') "
            f"OR starts_with({text}, '0000') OR TRY_CAST({text} AS DATE) IS NULL)")


def _latest_day() -> str:
    """The latest effective_date a row of an extract loaded now may bear: today, in the
    time zone furthest ahead of UTC (+14 hours), so an extract written where the day has
    already begun loads here."""
    return (datetime.now(UTC) + timedelta(hours=14)).date().isoformat()


def _type_and_validate(con: duckdb.DuckDBPyConnection, tp_file: str, ad_file: str) -> None:
    tp, ad = "tp_raw", "ad_raw"
    _fail_if(con, tp_file, tp, [
        ("tin", "tin IS NULL OR NOT regexp_full_match(trim(tin), '[0-9]{9}')", "not 9 digits"),
        ("tin_type", "coalesce(upper(trim(tin_type)), '') NOT IN ('SSN','ITIN')",
         "not SSN or ITIN"),
        *((col, f"coalesce(trim({col}), '') = ''", "empty")
          for col in ("first_name", "last_name")),
        *((col, f"coalesce(trim({col}), '') <> '' AND {_not_a_date(col)}",
           "not a date") for col in ("date_of_birth", "date_of_death")),
    ])
    row = con.execute(f"SELECT count(*) FROM {tp}").fetchall()[0]
    if not row or not row[0]:
        # an extract of headers only would replace the master in force with nothing, and
        # every later request would end M_NO_MATCH: almost surely a failed export
        raise InputError(f"master extract {tp_file}: no taxpayer rows")
    row = con.execute(
        f"SELECT count(*) - count(DISTINCT trim(tin)) FROM {tp}").fetchall()[0]
    if row and row[0]:
        raise InputError(f"master extract {tp_file}: column tin: {row[0]} duplicate value(s)")
    _fail_if(con, ad_file, ad, [
        ("tin", "tin IS NULL OR NOT regexp_full_match(trim(tin), '[0-9]{9}')", "not 9 digits"),
        ("zip", "zip IS NULL OR NOT regexp_full_match(trim(zip), '[0-9]{5}(-?[0-9]{4})?')",
         "not a 5-digit ZIP"),
        ("source", "coalesce(upper(trim(source)), '') NOT IN ('RETURN','FORM_8822','NCOA')",
         "not RETURN, FORM_8822 or NCOA"),
        ("effective_date", f"coalesce(trim(effective_date), '') = '' "
                           f"OR {_not_a_date('effective_date')}",
         "missing or not a date"),
        # When the agency processed the row (master-format.md): a row dated after the day
        # of the load was not processed yet. It is a placeholder (9999-12-31 for "open")
        # or a slip (2062 for 2026), and as the latest row it would be disclosed as the
        # last known address over every row really processed after it (red team r11).
        ("effective_date", f"{_DATE.format(c='effective_date')} > DATE '{_latest_day()}'",
         "dated after the day of the load (not processed yet)"),
        ("tax_year", "coalesce(trim(tax_year), '') <> '' "
                     "AND TRY_CAST(trim(tax_year) AS INTEGER) IS NULL", "not a year"),
        *((col, f"coalesce(trim({col}), '') = ''", "empty") for col in ("street", "city", "state")),
    ])
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
    # addr_id breaks the last-known-address tie after date and source, so it must not
    # depend on the order a parallel scan happens to produce: it numbers the rows 1..n in
    # the order of their own content (taxpayer, then effective date, source, tax year and
    # the address as written; rows that tie on every column are interchangeable). The
    # address is compared folded first (letter case, accents), as written only after: the
    # order must not follow how the agency cases its text, or which of two tied last known
    # addresses is shown for review would (red team r19: 75 de la Vina St sorted after 75
    # Dover St, 75 DE LA VINA ST before 75 DOVER ST). Counted
    # within each taxpayer, then offset by the rows of the taxpayers before it: the same
    # numbers as one window over all the rows sorted, which at 10M taxpayers took 55 s.
    con.execute(f"""CREATE TEMP TABLE addresses_raw AS
        WITH typed AS (SELECT
            trim(tin) AS tin, trim(street) AS street,
            coalesce(trim(unit), '') AS unit, trim(city) AS city, upper(trim(state)) AS state,
            trim(zip) AS zip, upper(trim(source)) AS source,
            TRY_CAST(NULLIF(trim(tax_year), '') AS INTEGER) AS tax_year,
            {_DATE.format(c='effective_date')} AS effective_date,
            trim(tax_year) AS tax_year_text
            FROM {ad}),
        numbered AS (SELECT row_number() OVER (PARTITION BY tin ORDER BY effective_date,
            source, tax_year_text, lower(strip_accents(street)),
            lower(strip_accents(unit)), lower(strip_accents(city)), state, zip, street,
            unit, city) AS n_in_tin, *
            FROM typed),
        offsets AS (SELECT tin, (sum(rows) OVER (ORDER BY tin) - rows)::BIGINT AS before
            FROM (SELECT tin, count(*) AS rows FROM typed GROUP BY tin))
        SELECT o.before + r.n_in_tin AS addr_id,
               r.* EXCLUDE (n_in_tin, tax_year_text)
        FROM numbered r JOIN offsets o USING (tin)""")
    con.execute(f"DROP TABLE {tp}")
    con.execute(f"DROP TABLE {ad}")


def _normalize(con: duckdb.DuckDBPyConnection, progress: Progress | None) -> None:
    """Normalize names and addresses with the same Python functions that normalize
    requests, so both sides of every comparison are folded identically.

    Each normalizer runs once per DISTINCT value of the one column it reads (a 10-million
    master has about 800 first names, 215 thousand surnames and 4.7 million street lines
    for 20 million address rows), and DuckDB joins the results back onto every row."""
    _normalize_names(con, progress)
    _normalize_addresses(con, progress)


# One normalizer per column: (column, value table, output columns, function of the value).
_Mapper = Callable[[str], tuple[object, ...]]
_STR, _LIST = pa.string(), pa.list_(pa.string())


def _first_parts(v: str) -> tuple[object, ...]:
    # normalize_name reads each field on its own; only the suffix is shared, resolved in SQL.
    n = normalize_name(v, "", "", "")
    return list(n.first_tokens), list(n.first_canon), n.first_phon, n.suffix


def _middle_parts(v: str) -> tuple[object, ...]:
    n = normalize_name("", v, "", "")
    return n.middle, n.suffix


def _last_parts(v: str) -> tuple[object, ...]:
    n = normalize_name("", "", v, "")
    return n.last, list(n.last_tokens), list(n.last_phon), n.suffix


def _suffix_parts(v: str) -> tuple[object, ...]:
    return (normalize_name("", "", "", v).suffix,)


def _street_parts(v: str, queens: bool = False) -> tuple[object, ...]:
    # a name before the street line ("C/O MARIA LOPEZ, 12 OAK ST") read as normalize_address
    # reads a request's
    s = parse_street(named_street_line(v), queens)
    return s.house, s.predir, s.name, s.suffix, s.postdir, s.unit, s.urb, street_key(s.name)


def _queens_street_parts(v: str) -> tuple[object, ...]:
    """A street line of an address in Queens (address.in_queens: 45-10 BELL BLVD is house
    4510 there, a range or a house and unit anywhere else)."""
    return _street_parts(v, True)


def _unit_parts(v: str) -> tuple[object, ...]:
    # normalize_address takes the unit column only when it holds something besides an
    # urbanization, and the urbanization written on the street line before one written in
    # the unit column (address line 2).
    unit, urb = split_unit_field(v)
    return (parse_unit(unit) if unit.strip() else None), urb


def _zip_parts(v: str) -> tuple[object, ...]:
    return (parse_zip(v)[0],)


def _normalize_names(con: duckdb.DuckDBPyConnection, progress: Progress | None) -> None:
    specs: list[tuple[str, str, list[tuple[str, pa.DataType]], _Mapper]] = [
        ("first_name", "n_first", [("first_tokens", _LIST), ("first_canon", _LIST),
                                   ("first_phon", _STR), ("sfx", _STR)], _first_parts),
        ("middle_name", "n_middle", [("middle_n", _STR), ("sfx", _STR)], _middle_parts),
        ("last_name", "n_last", [("last_n", _STR), ("last_tokens", _LIST),
                                 ("last_phon", _LIST), ("sfx", _STR)], _last_parts),
        ("name_suffix", "n_suffix", [("suffix_n", _STR)], _suffix_parts),
    ]
    for column, table, cols, fn in specs:
        _map_distinct(con, "taxpayers", column, table, cols, fn, progress, "normalize names")
    # The suffix: its own field first, then one written in the surname, given or middle name.
    con.execute("""CREATE TABLE names AS SELECT t.tin, f.first_tokens, f.first_canon,
        m.middle_n, l.last_n, l.last_tokens,
        coalesce(nullif(s.suffix_n, ''), nullif(l.sfx, ''), nullif(f.sfx, ''), m.sfx)
            AS suffix_n,
        f.first_phon, l.last_phon
        FROM taxpayers t
        JOIN n_first f ON f.v = t.first_name JOIN n_middle m ON m.v = t.middle_name
        JOIN n_last l ON l.v = t.last_name JOIN n_suffix s ON s.v = t.name_suffix""")
    for _, table, _, _ in specs:
        con.execute(f"DROP TABLE {table}")


def _normalize_addresses(con: duckdb.DuckDBPyConnection, progress: Progress | None) -> None:
    specs: list[tuple[str, str, list[tuple[str, pa.DataType]], _Mapper]] = [
        ("street", "n_street", [("house", _STR), ("predir", _STR), ("street_name", _STR),
                                ("st_suffix", _STR), ("postdir", _STR), ("unit_s", _STR),
                                ("urb_s", _STR), ("skey", _STR)],
         _street_parts),
        ("unit", "n_unit", [("unit_n", _STR), ("urb_u", _STR)], _unit_parts),
        ("city", "n_city", [("city_n", _STR)], lambda v: (normalize_city(v),)),
        ("state", "n_state", [("state_n", _STR)], lambda v: (normalize_state(v),)),
        ("zip", "n_zip", [("zip5", _STR)], _zip_parts),
    ]
    for column, table, cols, fn in specs:
        _map_distinct(con, "addresses_raw", column, table, cols, fn, progress,
                      "normalize addresses", parallel=column == "street")
    # The street lines of addresses in Queens read once more as Queens lines (a hyphenated
    # house number is one number there: address._house_number), as normalize_address reads
    # a request's by its ZIP, city and state; the rows in Queens take that reading.
    row = con.execute("""SELECT count(*) FROM addresses_raw r JOIN n_zip z ON z.v = r.zip
        JOIN n_state st ON st.v = r.state WHERE z.zip5 = '' AND st.state_n = 'NY'""").fetchone()
    zips, cities = queens_places(cities=bool(row and row[0]))
    in_queens = _IN_QUEENS.format(zips=_sql_list(zips), cities=_sql_list(cities))
    con.execute(f"""CREATE TEMP TABLE queens_streets AS SELECT DISTINCT r.street
        FROM addresses_raw r JOIN n_city c ON c.v = r.city JOIN n_state st ON st.v = r.state
        JOIN n_zip z ON z.v = r.zip WHERE {in_queens}""")
    _map_distinct(con, "queens_streets", "street", "n_street_q", specs[0][2],
                  _queens_street_parts, progress, "normalize addresses")
    unit = "coalesce(u.unit_n, q.unit_s, s.unit_s)"
    fraction = FRACTION_UNIT_SQL.format(house="coalesce(q.house, s.house)", unit=unit)
    street = ", ".join(
        f"CASE WHEN {fraction} THEN coalesce(q.house, s.house) || ' ' || {unit} "
        f"ELSE coalesce(q.house, s.house) END AS house" if name == "house"
        else f"coalesce(q.{name}, s.{name}) AS {name}"
        for name, _ in specs[0][2] if name not in ("unit_s", "urb_s"))
    with _stage(progress, "join the normalized addresses"):
        con.execute(f"""CREATE TABLE addresses AS
            SELECT r.*, {street},
                   CASE WHEN {fraction} THEN '' ELSE {unit} END AS unit_n,
                   c.city_n, st.state_n, z.zip5,
                   coalesce(nullif(coalesce(q.urb_s, s.urb_s), ''), u.urb_u, '') AS urb
            FROM addresses_raw r
            JOIN n_street s ON s.v = r.street JOIN n_unit u ON u.v = r.unit
            JOIN n_city c ON c.v = r.city JOIN n_state st ON st.v = r.state
            JOIN n_zip z ON z.v = r.zip
            LEFT JOIN n_street_q q ON q.v = CASE WHEN {in_queens} THEN r.street END""")
    con.execute("DROP TABLE addresses_raw")
    con.execute("DROP TABLE queens_streets")
    for table in [t for _, t, _, _ in specs] + ["n_street_q"]:
        con.execute(f"DROP TABLE {table}")


# normalize.address.fraction_to_house in SQL: a unit column that is only a fraction ("1/2")
# belongs to a house number of digits (125 MAIN ST, unit 1/2 = 125 1/2 MAIN ST; red team
# r17). A fraction on the street line is the street parser's already.
FRACTION_UNIT_SQL = ("(regexp_full_match({unit}, '[0-9]+/[0-9]+') "
                     "AND regexp_full_match({house}, '[0-9]+'))")


# address.in_queens in SQL over the normalized zip5 (z), city (c) and state (st), with the
# ZIPs and the cities of address.queens_places written in as lists (a list bound as a
# parameter makes DuckDB import pandas: a third of a second). The join above tests it inside
# the key it compares: beside `q.v = r.street` it took the load of a 200K master's addresses
# from 2.0 to 6.0 seconds.
_IN_QUEENS = """(CASE WHEN z.zip5 <> '' THEN list_contains({zips}, z.zip5)
    ELSE st.state_n = 'NY' AND list_contains({cities}, c.city_n) END)"""


def _sql_list(values: frozenset[str]) -> str:
    quoted = ", ".join("'" + v.replace("'", "''") + "'" for v in sorted(values))
    return f"[{quoted}]::VARCHAR[]"


def _normalized(fn: _Mapper, values: list[str], schema: pa.Schema) -> pa.RecordBatch:
    """`values` and `fn` of each, as rows of `schema` (v, then fn's parts in order). Run in
    a worker, it hands back Arrow (one buffer per column) instead of a pickled tuple per
    value, and the loading process has nothing to build."""
    results = [fn(v) for v in values]
    arrays: dict[str, list[Any]] = {"v": values}
    for i, name in enumerate(schema.names[1:]):
        arrays[name] = [r[i] for r in results]
    return pa.RecordBatch.from_pydict(arrays, schema=schema)


# The street parser is the one normalizer with millions of distinct values (4.7 million
# street lines at 10M taxpayers: most of the load's Python time) and DuckDB waits on it, so
# above this many values it runs in one process per core.
PARALLEL_MIN = 200_000


def _map_distinct(con: duckdb.DuckDBPyConnection, source: str, column: str, table: str,
                  cols: list[tuple[str, pa.DataType]], fn: _Mapper,
                  progress: Progress | None, stage: str, parallel: bool = False) -> None:
    """`table(v, cols…)`: `fn` applied once to every distinct value of `source.column`,
    read and written in bounded chunks. `parallel`: `fn` (a module-level function) runs in
    worker processes, one per core, when there are at least PARALLEL_MIN values."""
    schema = pa.schema([("v", _STR), *cols])
    ddl = ", ".join(f"{name} {'VARCHAR[]' if kind == _LIST else 'VARCHAR'}"
                    for name, kind in cols)
    con.execute(f"CREATE TEMP TABLE {table} (v VARCHAR, {ddl})")
    # The distinct values go to a table of the file (dropped after): `_fill` streams them
    # through a second cursor, which does not see this connection's TEMP tables.
    con.execute(f"CREATE TABLE {table}_values AS SELECT DISTINCT {column} AS v FROM {source} "
                f"WHERE {column} IS NOT NULL")
    distinct = f"SELECT v FROM {table}_values"
    total = int((con.execute(f"SELECT count(*) FROM {table}_values").fetchall()[0] or (0,))[0])
    cores = min(4, os.cpu_count() or 1)
    with contextlib.ExitStack() as stack:
        pool = None
        if parallel and cores > 1 and total >= PARALLEL_MIN:
            # spawned, not forked: this process holds DuckDB's threads
            pool = stack.enter_context(ProcessPoolExecutor(
                cores, mp_context=multiprocessing.get_context("spawn"),
                initializer=skip_teardown))
        _fill(con, table, schema, fn, distinct, total, pool, cores, progress,
              f"{stage} ({column})")
    con.execute(f"DROP TABLE {table}_values")


def _fill(con: duckdb.DuckDBPyConnection, table: str, schema: pa.Schema, fn: _Mapper,
          distinct: str, total: int, pool: ProcessPoolExecutor | None, cores: int,
          progress: Progress | None, label: str) -> None:
    done = 0
    if progress:  # begun (a stage is timed from its first report)
        progress(label, 0, total)
    # A second cursor streams the values while the first one inserts.
    reader = con.cursor().sql(distinct).to_arrow_reader(_CHUNK)

    def start(values: list[str]) -> list[Future[pa.RecordBatch]] | pa.RecordBatch:
        if pool is None:
            return _normalized(fn, values, schema)
        step = -(-len(values) // cores) or 1
        return [pool.submit(_normalized, fn, values[i:i + step], schema)
                for i in range(0, len(values), step)]

    def insert(work: list[Future[pa.RecordBatch]] | pa.RecordBatch) -> int:
        # in order: the slices of a chunk are inserted in the chunk's order
        batches = [work] if isinstance(work, pa.RecordBatch) else [f.result() for f in work]
        chunk = pa.Table.from_batches(batches, schema=schema)
        con.register("norm_chunk", chunk)
        con.execute(f"INSERT INTO {table} SELECT * FROM norm_chunk")
        con.unregister("norm_chunk")
        return chunk.num_rows

    # With workers, one chunk is in their hands while this process inserts the one before
    # (inserting in turn, they were idle a third of the time at 10M taxpayers).
    pending: deque[list[Future[pa.RecordBatch]] | pa.RecordBatch] = deque()
    for batch in reader:
        pending.append(start([v for v in batch.column(0).to_pylist() if v is not None]))
        if pool is None or len(pending) > 1:
            done += insert(pending.popleft())
            if progress:
                progress(label, done, total)
    while pending:
        done += insert(pending.popleft())
        if progress:
            progress(label, done, total)


def _derive(con: duckdb.DuckDBPyConnection) -> None:
    order = "CASE source WHEN 'FORM_8822' THEN 0 WHEN 'RETURN' THEN 1 ELSE 2 END"
    # master-format.md: the latest effective_date; on a tie FORM_8822, RETURN, NCOA; two
    # returns on one date, the later tax year (the most recently filed return). `tied`: the
    # row so chosen has a rival of that date, source and tax year at another address (two
    # change-of-address rows processed one day): which one is last known is not in the
    # extract, and the policy leaves the disclosure to a person (audit 15, F1: the one whose
    # street sorted last was disclosed, whatever the extract's order).
    # The place is compared by a hash of its parts (a string built of them per row took
    # half of this statement's time at 10M); two places that differ hash alike once in
    # 2^64, and that would only leave a tie unflagged as it was before `tied` existed.
    # The tax year tells two returns apart only where both hold one: a return without one
    # may be the later filed (red team r3: 10 OAK ST, tax year 2024, was disclosed over 20
    # PINE ST, a return of the same day without a year), and a year on a change-of-address
    # row means nothing (tax_year is "for RETURN"; two NCOA rows of one day, one with a
    # stray year, were no tie). `ty`: the year of a return, else none; the rivals of the
    # row chosen are the rows of its date and source of its year or of none.
    place = "hash(" + ", ".join(f"coalesce({c}, '')" for c in (
        "house", "predir", "street_name", "st_suffix", "postdir", "unit_n", "city_n",
        "state_n", "zip5", "urb")) + ")"
    # Grouped, not windowed: the last known row is each taxpayer's arg_max by the order
    # above (effective_date is never null: the extract is refused otherwise; a return
    # without a year sorts after those with one, as NULLS LAST did), and whether it is
    # tied is read from the (tin, date, source, ty) groups of its date and source: its own
    # year's group holding two places, or the group of rows without a year holding a place
    # other than its. Three windows over every row (each partitioning all 20M rows at 10M)
    # computed this for each row only to keep one per taxpayer: the same rows, in two
    # thirds of the CPU at 1M (session 38).
    con.execute(f"""CREATE TEMP TABLE lka_rows AS
        WITH r AS (SELECT tin, addr_id, effective_date, {order} AS o, tax_year,
                          {place} AS place, CASE WHEN source = 'RETURN' THEN tax_year END AS ty
                   FROM addresses),
        groups AS (SELECT tin, effective_date, o, ty, min(place) AS lo, max(place) AS hi
                   FROM r GROUP BY tin, effective_date, o, ty),
        best AS (SELECT tin, arg_max({{'addr_id': addr_id, 'd': effective_date, 'o': o,
                                       'ty': ty, 'place': place}},
                                     {{'d': effective_date, 'o': -o,
                                       'has_year': tax_year IS NOT NULL,
                                       'year': coalesce(tax_year, 0),
                                       'addr_id': addr_id}}) AS b
                 FROM r GROUP BY tin)
        SELECT best.tin, b.addr_id AS addr_id,
               bool_or((g.ty IS NOT DISTINCT FROM b.ty AND g.lo <> g.hi)
                       OR (g.ty IS NULL AND (g.lo <> b.place OR g.hi <> b.place))) AS tied
        FROM best JOIN groups g
            ON g.tin = best.tin AND g.effective_date = b.d AND g.o = b.o
        GROUP BY best.tin, b.addr_id""")
    # `later_elsewhere`: the taxpayer's person may be another record's too, holding a later
    # last known address (red team r11). An ITIN holder who later got an SSN is two records
    # when the ITIN's was not merged into the SSN's: asked at an address of the ITIN's
    # returns, the ITIN's last known address was disclosed while the SSN's record held the
    # person's newer one. An ITIN's record is flagged when another record bears its date of
    # birth, its given names and its surname (as normalized), and begins where the ITIN's
    # ends: its earliest row dated on or after the ITIN's last known address, at another
    # place. Namesakes born one day are not rare in a large extract (47 ITIN records of a
    # 200K synthetic master share a date of birth, a first given name and a first surname
    # word with another record whose last known address is later), but they file side by
    # side: with the whole names and the other's history beginning after this one's ends, 2.
    # Twins share the date, never the given names. Such a match goes to a person
    # (decide/policy.REVIEW_LAST_KNOWN_OTHER_TIN). `later_deceased`: such another record
    # carries a date of death (red team r33): were the two one person, the person is dead
    # (M_DECEASED), which the reviewer is told (decide/policy.REVIEW_OTHER_TIN_DECEASED).
    con.execute(f"""CREATE TABLE lka AS
        WITH person AS (
            SELECT t.tin, t.tin_type = 'ITIN' AS itin, t.date_of_birth AS dob,
                   hash(n.first_tokens) AS f0, n.last_n AS l0,
                   t.date_of_death IS NOT NULL AS dead
            FROM taxpayers t JOIN names n ON n.tin = t.tin
            WHERE t.date_of_birth IS NOT NULL AND len(n.first_tokens) > 0 AND n.last_n <> ''),
        twice AS (
            SELECT * FROM person p SEMI JOIN (SELECT DISTINCT dob, f0, l0 FROM person
                                              WHERE itin) i
                ON i.dob = p.dob AND i.f0 = p.f0 AND i.l0 = p.l0
            QUALIFY count(*) OVER (PARTITION BY p.dob, p.f0, p.l0) > 1),
        k AS (
            SELECT w.tin, w.itin, w.dob, w.f0, w.l0, w.dead, a.effective_date AS d,
                   {place} AS place, h.first_d
            FROM twice w JOIN lka_rows l ON l.tin = w.tin
            JOIN addresses a ON a.addr_id = l.addr_id
            JOIN (SELECT tin, min(effective_date) AS first_d FROM addresses
                  WHERE tin IN (SELECT tin FROM twice) GROUP BY tin) h ON h.tin = w.tin),
        later AS (
            SELECT x.tin, bool_or(y.dead) AS dead FROM k x JOIN k y
                ON y.dob = x.dob AND y.f0 = x.f0 AND y.l0 = x.l0 AND y.tin <> x.tin
            WHERE x.itin AND y.first_d >= x.d AND y.place <> x.place
            GROUP BY x.tin)
        SELECT l.tin, l.addr_id, l.tied, later.tin IS NOT NULL AS later_elsewhere,
               coalesce(later.dead, false) AS later_deceased
        FROM lka_rows l LEFT JOIN later ON later.tin = l.tin""")
    con.execute("DROP TABLE lka_rows")
    con.execute("""CREATE TEMP TABLE name_tokens AS
        SELECT DISTINCT tin, unnest(last_tokens) AS token FROM names""")
    con.execute("""CREATE TEMP TABLE name_phon AS
        SELECT DISTINCT tin, unnest(last_phon) AS phon FROM names""")
    # The nationwide name key, surname phonetic key AND first canonical given name joined
    # at once: joined on the phonetic key alone, a common surname fans out to every
    # taxpayer bearing it before the given name filters (gigabytes per chunk at 10M).
    con.execute("""CREATE TABLE name_key AS
        SELECT np.phon, n.first_canon[1] AS first0, np.tin
        FROM name_phon np JOIN names n USING (tin) WHERE len(n.first_canon) > 0""")
    # Likewise surname token with ZIP and a given-name initial (match.engine.given_initials:
    # the first letters of the given names as written and canonical and of the middle
    # name's words), and surname phonetic key with date of birth. Each of the three parts
    # joined is distinct per taxpayer, so the rows are too without a DISTINCT over them.
    con.execute("""CREATE TABLE token_zip AS
        WITH given_initial AS (
            SELECT DISTINCT tin, left(w, 1) AS initial FROM (
                SELECT tin, unnest(list_concat(coalesce(first_tokens, []),
                                               coalesce(first_canon, []),
                                               string_split(coalesce(middle_n, ''), ' '))) AS w
                FROM names)
            WHERE w <> ''),
        zips AS (SELECT DISTINCT tin, zip5 FROM addresses WHERE zip5 <> '')
        SELECT nt.token, z.zip5, gi.initial, nt.tin
        FROM name_tokens nt JOIN zips z USING (tin) JOIN given_initial gi USING (tin)""")
    con.execute("""CREATE TABLE phon_dob AS
        SELECT np.phon, t.date_of_birth AS dob, np.tin FROM name_phon np JOIN taxpayers t
        USING (tin) WHERE t.date_of_birth IS NOT NULL""")
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

"""`dgate retention run [--as-of DATE]`: crypto-shredding of data past its retention.

Retention per data class, in days (config.json `retention_days` overrides each):

    requests_decisions  the request rows and decisions of a batch (its `batch` data key)
    responses           the stored response file of a batch (its `response` data key)
    master_extracts     a loaded master extract (its `master` data key and file)

A batch's age counts from its release, or from its receipt if it was never released; it
expires when older than the retention. Expired data is destroyed by destroying its data
key: the wrapped key is deleted (SQLite's secure_delete zeroes the freed bytes), the WAL
is checkpointed and truncated so no older page keeps a copy, and a destruction certificate
(batch, data classes, key ids, record counts, as-of date, who) goes into the ledger. The
accounting and the ledger are permanent: their rows carry what the law requires and stay
readable.

A master extract that is not the one in force is destroyed (file and key) whatever its
age: `master load` already removed its file, and its key protects nothing. The one in force
is kept even when older than its retention (the office cannot match without one); it is
reported as overdue so that a newer extract is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dgate.errors import UsageError
from dgate.model import Role
from dgate.service.home import Actor, Home, utc_now
from dgate.store import case
from dgate.store.master import master_version
from dgate.vault.keys import BATCH, MASTER, RESPONSE

DEFAULT_RETENTION_DAYS: dict[str, int] = {
    # Three years: beyond the two-year limit of a 26 U.S.C. 7431 damages claim after its
    # discovery, with a year's margin for the claim to be brought and answered.
    "requests_decisions": 1095,
    "responses": 1095,
    # A master extract is superseded monthly or so; one older than this is stale.
    "master_extracts": 90,
}
_CLASS_KEY = {"requests_decisions": BATCH, "responses": RESPONSE}


@dataclass
class RetentionReport:
    as_of: str
    destroyed: list[dict[str, Any]] = field(default_factory=list)
    overdue_master: str = ""
    wal_truncated: bool = True


def retention_days(config: dict[str, Any]) -> dict[str, int]:
    days = dict(DEFAULT_RETENTION_DAYS)
    given = config.get("retention_days", {})
    if not isinstance(given, dict):
        raise UsageError("config.json: retention_days must be an object")
    for name, value in given.items():
        if name not in days:
            raise UsageError(f"config.json: retention_days has an unknown class {name!r}; "
                             f"classes: {', '.join(sorted(days))}")
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise UsageError(f"config.json: retention_days.{name} must be a whole number of "
                             "days, at least 1")
        days[name] = value
    return days


def retention_run(home: Home, as_user: str | None, as_of: date) -> RetentionReport:
    actor = home.authorize(as_user, [Role.ADMIN], "retention run")
    days = retention_days(home.config)
    report = RetentionReport(as_of.isoformat())
    for row in home.conn.execute(
            """SELECT b.batch_id, b.received_at, b.record_count, r.released_at
               FROM batches b LEFT JOIN releases r USING (batch_id)
               ORDER BY b.batch_id""").fetchall():
        start = date.fromisoformat(str(row["released_at"] or row["received_at"])[:10])
        expired = [c for c, purpose in _CLASS_KEY.items()
                   if (as_of - start).days > days[c] and _live(home, purpose, row["batch_id"])]
        if expired:
            report.destroyed.append(_destroy_batch(home, actor, row, expired, as_of, start))
    report.destroyed += _masters(home, actor, as_of, days["master_extracts"], report)
    if report.destroyed:
        with case.transaction(home.conn):
            home.checkpoint()
        # No page of the WAL may keep a destroyed wrapped key.
        report.wal_truncated = case.checkpoint_wal(home.conn)
    return report


def _live(home: Home, purpose: str, scope: str) -> bool:
    return home.conn.execute(
        "SELECT 1 FROM data_keys WHERE purpose = ? AND scope = ? AND wrapped IS NOT NULL",
        (purpose, scope)).fetchone() is not None


def _destroy_batch(home: Home, actor: Actor, row: Any, classes: list[str], as_of: date,
                   start: date) -> dict[str, Any]:
    batch_id = row["batch_id"]
    purposes = [_CLASS_KEY[c] for c in classes]
    with case.transaction(home.conn):
        key_ids = [r[0] for r in home.conn.execute(
            f"SELECT key_id FROM data_keys WHERE scope = ? AND wrapped IS NOT NULL AND "
            f"purpose IN ({','.join('?' * len(purposes))}) ORDER BY purpose",
            (batch_id, *purposes))]
        counts = {
            "records": home.conn.execute("SELECT count(*) FROM records WHERE batch_id = ?",
                                         (batch_id,)).fetchone()[0],
            "decisions": home.conn.execute("SELECT count(*) FROM decisions WHERE batch_id = ?",
                                           (batch_id,)).fetchone()[0],
            "responses": home.conn.execute("SELECT count(*) FROM releases WHERE batch_id = ?",
                                           (batch_id,)).fetchone()[0],
        }
        home.vault.destroy(key_ids, utc_now(), actor.user_id)
        if BATCH in purposes:
            # the blind index of the TINs its decisions named: nothing of the batch is left
            # to compare a later request with (service/submit.py `_asked_before`)
            home.conn.execute("UPDATE decisions SET tin_index = '' WHERE batch_id = ? "
                              "AND tin_index <> ''", (batch_id,))
            # and of the A-numbers its requests gave (`_asked_before_a_number`)
            home.conn.execute("UPDATE decisions SET a_number_index = '' WHERE batch_id = ? "
                              "AND a_number_index <> ''", (batch_id,))
            # and of the TINs its requests gave (`_gave_the_tin_before`)
            home.conn.execute("UPDATE decisions SET given_tin_index = '' WHERE batch_id = ? "
                              "AND given_tin_index <> ''", (batch_id,))
        cert = {"batch": batch_id, "data_classes": classes, "key_ids": key_ids,
                "counts": counts, "as_of": as_of.isoformat(),
                "age_from": start.isoformat(), "released": row["released_at"] is not None}
        home.record(actor, "destruction_certificate", batch_id, "destroyed", **cert)
    return cert


def _masters(home: Home, actor: Actor, as_of: date, max_days: int,
             report: RetentionReport) -> list[dict[str, Any]]:
    current = home.master.current_path()
    in_force = master_version(current) if current is not None else ""
    rows = home.conn.execute(
        "SELECT key_id, scope, created_at FROM data_keys WHERE purpose = ? "
        "AND wrapped IS NOT NULL ORDER BY created_at", (MASTER,)).fetchall()
    # A key made after the one in force belongs to a load under way (or one that failed):
    # never touch it here.
    cutoff = next((str(r["created_at"]) for r in rows if r["scope"] == in_force), "")
    out = []
    for r in rows:
        version, created = r["scope"], date.fromisoformat(str(r["created_at"])[:10])
        if version == in_force:
            if (as_of - created).days > max_days:
                report.overdue_master = version
            continue
        if not in_force or str(r["created_at"]) > cutoff:
            continue
        path = home.master.folder / f"master-{version}.duckdb"
        removed = path.is_file()
        for p in (path, path.with_name(path.name + ".wal"), path.with_suffix(".part")):
            p.unlink(missing_ok=True)
        with case.transaction(home.conn):
            home.vault.destroy([r["key_id"]], utc_now(), actor.user_id)
            cert = {"master": version, "data_classes": ["master_extracts"],
                    "key_ids": [r["key_id"]], "file_removed": removed,
                    "as_of": as_of.isoformat(), "age_from": created.isoformat(),
                    "reason": "superseded"}
            home.record(actor, "destruction_certificate", f"master:{version}", "destroyed",
                        **cert)
        out.append(cert)
    return out

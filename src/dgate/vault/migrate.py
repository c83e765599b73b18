"""Migration 4's data step: seal the plaintext an older home holds, row by row, inside the
migration's transaction (the plaintext columns are dropped right after, then the file is
VACUUMed and the WAL truncated by dgate.store.case)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from dgate.vault import fields as f
from dgate.vault.keys import BATCH, Vault


def seal_plaintext(vault: Vault) -> Callable[[sqlite3.Connection], None]:
    def upgrade(conn: sqlite3.Connection) -> None:
        _records(vault, conn)
        _decisions(vault, conn)
        _releases(vault, conn)
        _accounting(vault, conn)
        _idempotency(vault, conn)
    return upgrade


def index_tins(vault: Vault) -> Callable[[sqlite3.Connection], None]:
    """Migration 6's step: each DISCLOSE or REVIEW decision's matched TIN, opened, as its
    blind index in decisions.tin_index. A batch whose data key retention destroyed has
    nothing left to index (its decisions keep '')."""
    def index(conn: sqlite3.Connection) -> None:
        of = vault.indexer("tin")
        live: dict[str, bool] = {}
        for r in conn.execute("SELECT batch_id, seq, sealed FROM decisions WHERE disposition "
                              "IN ('DISCLOSE', 'REVIEW') AND sealed IS NOT NULL").fetchall():
            b = str(r["batch_id"])
            if b not in live:
                live[b] = vault.destroyed(BATCH, b) is None
            if not live[b]:
                continue
            tin = f.open_decision(vault, b, r["seq"], bytes(r["sealed"])).get("match_tin", "")
            if tin:
                conn.execute("UPDATE decisions SET tin_index = ? WHERE batch_id = ? AND seq = ?",
                             (of(tin), b, r["seq"]))
    return index


def index_a_numbers(vault: Vault) -> Callable[[sqlite3.Connection], None]:
    """Migration 12's step: the A-number of each DISCLOSE or REVIEW decision's request
    (rules.record.a_number_of: digits, leading zeros dropped), its sealed record opened,
    as its blind index in decisions.a_number_index, for those with a matched TIN (as
    write_batch fills it; migration 6 has indexed their TINs). A batch whose data key
    retention destroyed has nothing left to index (its decisions keep '')."""
    from dgate.rules.record import a_number_of

    return _index_records(vault, "a_number", "a_number_index", a_number_of,
                          "d.disposition IN ('DISCLOSE', 'REVIEW') AND d.tin_index <> '' AND ")


def index_given_tins(vault: Vault) -> Callable[[sqlite3.Connection], None]:
    """Migration 13's step: the TIN each decision's request gives, as matching reads it
    (rules.record.tin_digits: the nine digits R_TIN lets through, else none), its sealed
    record opened, as its blind index (kind "tin", as decisions.tin_index) in
    decisions.given_tin_index: every decision, answered or not (as write_batch fills it).
    A batch whose data key retention destroyed has nothing left to index (its decisions
    keep '')."""
    from dgate.rules.record import tin_digits

    return _index_records(vault, "tin", "given_tin_index",
                          lambda fields: tin_digits(fields.get("tin", "")), "")


def _index_records(vault: Vault, kind: str, column: str,
                   value_of: Callable[[dict[str, str]], str], where: str
                   ) -> Callable[[sqlite3.Connection], None]:
    """A migration step: for the decisions `where` selects (SQL over d, ending in AND),
    the value `value_of` reads from the request's sealed record (opened), its blind index
    of `kind` written in decisions.`column` where it is not empty. A batch whose data key
    retention destroyed is left as it is."""

    def index(conn: sqlite3.Connection) -> None:
        of = vault.indexer(kind)
        live: dict[str, bool] = {}
        for r in conn.execute(
                "SELECT r.batch_id, r.seq, r.sealed FROM decisions d JOIN records r "
                f"ON r.batch_id = d.batch_id AND r.seq = d.seq WHERE {where}"
                "r.sealed IS NOT NULL").fetchall():  # nosec B608
            b = str(r["batch_id"])
            if b not in live:
                live[b] = vault.destroyed(BATCH, b) is None
            if not live[b]:
                continue
            fields, _agent = f.open_record(vault, b, r["seq"], bytes(r["sealed"]))
            value = value_of(fields)
            if value:
                conn.execute(f"UPDATE decisions SET {column} = ? WHERE batch_id = ? "  # nosec B608
                             "AND seq = ?", (of(value), b, r["seq"]))
    return index


def _records(v: Vault, conn: sqlite3.Connection) -> None:
    for r in conn.execute("SELECT batch_id, seq, case_agent, fields FROM records").fetchall():
        agent = str(r["case_agent"] or "")
        conn.execute(
            "UPDATE records SET sealed = ?, agent_index = ?, case_agent = '', fields = '' "
            "WHERE batch_id = ? AND seq = ?",
            (f.seal_record(v, r["batch_id"], r["seq"], json.loads(r["fields"]), agent),
             v.index("case_agent", agent) if agent else "", r["batch_id"], r["seq"]))


def _decisions(v: Vault, conn: sqlite3.Connection) -> None:
    cols = ", ".join(f.DECISION_DETAILS)
    blank = ", ".join(f"{c} = ''" for c in f.DECISION_DETAILS)
    for r in conn.execute(f"SELECT batch_id, seq, {cols} FROM decisions").fetchall():
        conn.execute(f"UPDATE decisions SET sealed = ?, {blank} WHERE batch_id = ? AND seq = ?",
                     (f.seal_decision(v, r["batch_id"], r["seq"], dict(r)), r["batch_id"],
                      r["seq"]))


def _releases(v: Vault, conn: sqlite3.Connection) -> None:
    for r in conn.execute("SELECT batch_id, response FROM releases").fetchall():
        conn.execute("UPDATE releases SET response = ? WHERE batch_id = ?",
                     (f.seal_response(v, r["batch_id"], bytes(r["response"])), r["batch_id"]))


def _accounting(v: Vault, conn: sqlite3.Connection) -> None:
    cols = ", ".join(f.ACCOUNTING_DETAILS)
    blank = ", ".join(f"{c} = ''" for c in f.ACCOUNTING_DETAILS)
    for r in conn.execute(f"SELECT entry_id, kind, batch_id, seq, {cols} FROM accounting "
                          "WHERE kind IN ('request', 'disclosure')").fetchall():
        tin = str(r["taxpayer_tin"] or "")
        conn.execute(
            f"UPDATE accounting SET sealed = ?, tin_index = ?, {blank} WHERE entry_id = ?",
            (f.seal_accounting(v, r["kind"], r["batch_id"], r["seq"], dict(r)),
             v.index("tin", tin) if tin else "", r["entry_id"]))


def _idempotency(v: Vault, conn: sqlite3.Connection) -> None:
    for r in conn.execute("SELECT user_id, idem_key, body FROM idempotency_keys "
                          "WHERE body IS NOT NULL").fetchall():
        conn.execute("UPDATE idempotency_keys SET body = ? WHERE user_id = ? AND idem_key = ?",
                     (f.seal_body(v, r["user_id"], r["idem_key"], bytes(r["body"])),
                      r["user_id"], r["idem_key"]))

"""Migration 4's data step: seal the plaintext an older home holds, row by row, inside the
migration's transaction (the plaintext columns are dropped right after, then the file is
VACUUMed and the WAL truncated by dgate.store.case)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from dgate.vault import fields as f
from dgate.vault.keys import Vault


def seal_plaintext(vault: Vault) -> Callable[[sqlite3.Connection], None]:
    def upgrade(conn: sqlite3.Connection) -> None:
        _records(vault, conn)
        _decisions(vault, conn)
        _releases(vault, conn)
        _accounting(vault, conn)
        _idempotency(vault, conn)
    return upgrade


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

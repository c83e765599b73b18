"""Administration: users, requesting agencies, their officials and keys, the master file."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

from dgate.errors import NotFoundError, UsageError
from dgate.model import Role
from dgate.rules.citations import normalize_citation
from dgate.service.home import Home, utc_now
from dgate.service.requester import read_public_key
from dgate.store import case
from dgate.store.master import MasterInfo, Progress

ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
"""A user, agency code or official id (submit names a refused package's agency and
official only when they are of this form)."""


def _check_id(kind: str, value: str) -> str:
    if not ID.fullmatch(value):
        raise UsageError(f"{kind} must be 1-64 letters, digits, '.', '_', '@' or '-'")
    return value


def _given(text: str, command: str, option: str) -> None:
    """Refuse (UsageError) a required text option left blank (`--name "$NAME"` with the
    variable unset)."""
    if not text.strip():
        raise UsageError(f"{command} needs {option}")


def user_add(home: Home, as_user: str | None, user: str, role: str) -> None:
    actor = home.authorize(as_user, [Role.ADMIN], "user add")
    _check_id("user", user)
    try:
        role_v = Role(role).value
    except ValueError:
        raise UsageError(
            f"unknown role {role!r}; roles: {', '.join(r.value for r in Role)}") from None
    with case.transaction(home.conn):
        if home.conn.execute("SELECT 1 FROM users WHERE user_id = ?", (user,)).fetchone():
            raise UsageError(f"user {user!r} already exists")
        home.conn.execute("INSERT INTO users VALUES (?, ?, ?, ?)",
                          (user, role_v, utc_now(), actor.user_id))
        home.record(actor, "user_added", user, "ok", new_role=role_v)


def agency_add(home: Home, as_user: str | None, code: str, name: str,
               statutes: list[str]) -> None:
    actor = home.authorize(as_user, [Role.ADMIN], "agency add")
    _check_id("agency code", code)
    _given(name, "agency add", "--name")
    if not statutes:
        raise UsageError("agency add needs at least one --statute")
    with case.transaction(home.conn):
        if home.conn.execute("SELECT 1 FROM agencies WHERE code = ?", (code,)).fetchone():
            raise UsageError(f"agency {code!r} already exists")
        home.conn.execute("INSERT INTO agencies (code, name, created_at) VALUES (?, ?, ?)",
                          (code, name, utc_now()))
        for s in statutes:
            if not normalize_citation(s):
                raise UsageError("a --statute is empty")
            home.conn.execute("INSERT OR IGNORE INTO agency_statutes VALUES (?, ?)", (code, s))
        home.record(actor, "agency_added", code, "ok", statutes=sorted(statutes))


def _agency_exists(home: Home, code: str) -> None:
    if not home.conn.execute("SELECT 1 FROM agencies WHERE code = ?", (code,)).fetchone():
        raise NotFoundError(f"no agency {code!r}")


def agency_status(home: Home, as_user: str | None, code: str, *, suspend: bool,
                  reason: str = "") -> None:
    """Suspend (e.g. by court order) or resume all disclosures to an agency."""
    verb = "suspend" if suspend else "resume"
    actor = home.authorize(as_user, [Role.ADMIN], f"agency {verb}")
    if suspend:
        _given(reason, "agency suspend", "--reason")
    with case.transaction(home.conn):
        _agency_exists(home, code)
        home.conn.execute(
            "UPDATE agencies SET status = ?, status_reason = ? WHERE code = ?",
            ("suspended" if suspend else "active", reason.strip() if suspend else "", code))
        # "agency_resumed": homes before session 36 wrote "agency_resumeed" (f"{verb}ed"),
        # which `ledger verify` did not read, so a resumed agency was reported as tampering.
        home.record(actor, "agency_suspended" if suspend else "agency_resumed", code, "ok",
                    reason=reason.strip())


def agency_safeguards(home: Home, as_user: str | None, code: str, *, block: bool,
                      reason: str = "") -> None:
    """Block (open Publication 1075 safeguard findings) or unblock an agency."""
    verb = "block" if block else "unblock"
    actor = home.authorize(as_user, [Role.ADMIN], f"agency {verb}")
    if block:
        _given(reason, "agency block", "--reason")
    with case.transaction(home.conn):
        _agency_exists(home, code)
        home.conn.execute(
            "UPDATE agencies SET safeguard_block = ?, safeguard_reason = ? WHERE code = ?",
            (1 if block else 0, reason.strip() if block else "", code))
        home.record(actor, f"agency_safeguard_{verb}", code, "ok", reason=reason.strip())


def official_add(home: Home, as_user: str | None, agency: str, official_id: str, *,
                 name: str, title: str, public_key: Path, valid_from: date | None,
                 valid_to: date | None) -> None:
    actor = home.authorize(as_user, [Role.ADMIN], "official add")
    _check_id("official id", official_id)
    _given(name, "official add", "--name")
    _given(title, "official add", "--title")
    pem = read_public_key(public_key)
    if valid_from and valid_to and valid_to < valid_from:
        raise UsageError("--valid-to is before --valid-from")
    with case.transaction(home.conn):
        _agency_exists(home, agency)
        exists = home.conn.execute(
            "SELECT 1 FROM officials WHERE agency = ? AND official_id = ?",
            (agency, official_id)).fetchone()
        if exists:
            raise UsageError(f"official {official_id!r} of {agency} already exists")
        home.conn.execute(
            "INSERT INTO officials VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (agency, official_id, name, title, pem,
             valid_from.isoformat() if valid_from else None,
             valid_to.isoformat() if valid_to else None, utc_now()))
        home.record(actor, "official_added", f"{agency}/{official_id}", "ok",
                    key_sha256=hashlib.sha256(pem).hexdigest(),
                    valid_from=valid_from.isoformat() if valid_from else "",
                    valid_to=valid_to.isoformat() if valid_to else "")


def master_load(home: Home, as_user: str | None, source: Path,
                progress: Progress | None = None) -> MasterInfo:
    actor = home.authorize(as_user, [Role.ADMIN], "master load")
    info = home.master.load(source, progress)
    with case.transaction(home.conn):
        home.record(actor, "master_loaded", info.version, "ok", taxpayers=info.taxpayers,
                    addresses=info.addresses)
    return info

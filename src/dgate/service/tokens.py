"""API tokens: issued by an administrator to one user, kept only as a SHA-256 digest.

A token is 256 random bits (URL-safe base64) behind a short prefix. Because it is
uniformly random and long, a plain SHA-256 is as good as a salted slow hash here: nothing
is left to guess, and the digest lets a lookup find the token without storing it. The
token itself is shown once, when it is issued, and never again.

Every token expires (NIST SP 800-53 IA-5, AC-12; IRS Publication 1075): it is issued with a
lifetime, config.json `token_lifetime_days` (default 90, at most 365) or the issuing
command's `--days`, and from its expiry on it is refused exactly as an unknown token is
(the caller learns no more than "not valid"). Tokens issued before expiries existed were
given one by migration 9: the migration's time plus the default lifetime (see
`_token_expiry_schema` in store/case.py for why).

Migration 3, which made the tokens' table, also made the web service's idempotency table:
the HTTP layer keeps the response to each state-changing call under the caller's
Idempotency-Key.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from dgate.errors import NotFoundError, PolicyError, UsageError
from dgate.model import Role
from dgate.service.home import Home, utc_now
from dgate.store import case

PREFIX = "dgt_"
DEFAULT_LIFETIME_DAYS = 90
MAX_LIFETIME_DAYS = 365

SCHEMA: tuple[str, ...] = (
    """CREATE TABLE api_tokens (
        token_sha256 TEXT PRIMARY KEY,
        token_id TEXT NOT NULL UNIQUE,
        user_id TEXT NOT NULL REFERENCES users(user_id),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        revoked_at TEXT
    )""",
    "CREATE INDEX api_tokens_user ON api_tokens(user_id)",
    """CREATE TABLE idempotency_keys (
        user_id TEXT NOT NULL,
        idem_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        status INTEGER NOT NULL,
        media_type TEXT NOT NULL DEFAULT '',
        body BLOB,
        created_at TEXT NOT NULL,
        PRIMARY KEY (user_id, idem_key)
    )""",
)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class TokenUser:
    user_id: str
    role: str
    token_id: str


@dataclass(frozen=True)
class Issued:
    token: str
    token_id: str
    expires_at: str


def lifetime_days(config: dict[str, Any], days: int | None = None) -> int:
    """The lifetime of a new token: `days` if given, else config.json
    `token_lifetime_days`, else the default; 1 to MAX_LIFETIME_DAYS days."""
    if days is None:
        given = config.get("token_lifetime_days", DEFAULT_LIFETIME_DAYS)
        if (not isinstance(given, int) or isinstance(given, bool)
                or not 1 <= given <= MAX_LIFETIME_DAYS):
            raise UsageError("config.json: token_lifetime_days must be a whole number of "
                             f"days from 1 to {MAX_LIFETIME_DAYS}")
        return given
    if not 1 <= days <= MAX_LIFETIME_DAYS:
        raise UsageError(f"a token lives 1 to {MAX_LIFETIME_DAYS} days")
    return days


def stamp(when: datetime) -> str:
    """A UTC time as `utc_now` writes it (so that stored times compare as text)."""
    return when.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def issue(home: Home, as_user: str | None, user: str, days: int | None = None) -> Issued:
    """A new token for `user`, living `days` (default: the home's token lifetime); only an
    administrator issues tokens. The token is returned once and not stored in clear."""
    actor = home.authorize(as_user, [Role.ADMIN], "user token")
    life = lifetime_days(home.config, days)
    token = PREFIX + secrets.token_urlsafe(32)
    sha = digest(token)
    now = datetime.now(UTC)
    issued_at, expires_at = stamp(now), stamp(now + timedelta(days=life))
    with case.transaction(home.conn):
        if not home.conn.execute("SELECT 1 FROM users WHERE user_id = ?", (user,)).fetchone():
            raise NotFoundError(f"no user {user!r}")
        # The public id is a prefix of the digest: enough to name the token in the ledger
        # and in logs, useless for authenticating.
        home.conn.execute(
            "INSERT INTO api_tokens (token_sha256, token_id, user_id, created_at, created_by, "
            "revoked_at, expires_at) VALUES (?, ?, ?, ?, ?, NULL, ?)",
            (sha, sha[:12], user, issued_at, actor.user_id, expires_at))
        home.record(actor, "token_issued", user, "ok", token_id=sha[:12],
                    expires_at=expires_at, lifetime_days=life)
    return Issued(token, sha[:12], expires_at)


def issue_token(home: Home, as_user: str | None, user: str, days: int | None = None) -> str:
    """`issue`, returning only the token."""
    return issue(home, as_user, user, days).token


def revoke_tokens(home: Home, as_user: str | None, user: str) -> int:
    """Revoke every live token of `user`; returns how many were revoked."""
    actor = home.authorize(as_user, [Role.ADMIN], "user token revoke")
    with case.transaction(home.conn):
        n = home.conn.execute(
            "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
            (utc_now(), user)).rowcount
        home.record(actor, "tokens_revoked", user, "ok", count=n)
    return int(n)


@dataclass(frozen=True)
class TokenInfo:
    token_id: str
    user_id: str
    created_at: str
    created_by: str
    expires_at: str
    revoked_at: str
    state: str   # live, expired or revoked


def list_tokens(home: Home, as_user: str | None, user: str | None = None) -> list[TokenInfo]:
    """Every token issued (of `user`, if named), oldest first, with its expiry and state:
    for an administrator renewing tokens before they expire, or an auditor. Never the
    token, which is not kept."""
    home.authorize(as_user, [Role.ADMIN, Role.AUDITOR], "user tokens")
    now = utc_now()
    rows = home.conn.execute(
        "SELECT token_id, user_id, created_at, created_by, expires_at, revoked_at "
        "FROM api_tokens WHERE ? IS NULL OR user_id = ? ORDER BY created_at, token_id",
        (user, user)).fetchall()
    out = []
    for r in rows:
        expires = r["expires_at"] or ""
        state = ("revoked" if r["revoked_at"] else
                 "live" if expires and expires > now else "expired")
        out.append(TokenInfo(r["token_id"], r["user_id"], r["created_at"], r["created_by"],
                             expires, r["revoked_at"] or "", state))
    return out


def verify_token(home: Home, token: str) -> TokenUser:
    """The user a live token belongs to. Raises PolicyError for an unknown, revoked or
    expired token, the same error for each (the message never echoes the token)."""
    if not token.startswith(PREFIX) or len(token) > 200:
        raise PolicyError("the API token is not valid")
    return _lookup(home, "t.token_sha256 = ?", digest(token))


def verify_token_id(home: Home, token_id: str) -> TokenUser:
    """The user of a live token named by its public id (a web session refers to the token
    it was opened with, so revoking the token, or its expiry, ends the session)."""
    return _lookup(home, "t.token_id = ?", token_id)


def _lookup(home: Home, where: str, value: str) -> TokenUser:
    row = home.conn.execute(
        "SELECT t.user_id, t.token_id, u.role FROM api_tokens t JOIN users u USING (user_id) "
        f"WHERE {where} AND t.revoked_at IS NULL AND t.expires_at > ?",
        (value, utc_now())).fetchone()
    if row is None:
        raise PolicyError("the API token is not valid")
    return TokenUser(row["user_id"], row["role"], row["token_id"])

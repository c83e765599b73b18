"""Unsuccessful sign-ins to the web form: counted per user, and the account locked after too
many (NIST SP 800-53 AC-7, which IRS Publication 1075 adopts for systems holding federal
tax information).

A sign-in names a user and gives a token. Each refused one counts against the user it
named, in the case store (table `signin_failures`, migration 10), so the count and the lock
hold across a restart of the service and across several services on one PostgreSQL store:

- ATTEMPTS (3) refused sign-ins within WINDOW_MINUTES (120) of the first lock the account
  for LOCK_MINUTES (120), or until an administrator runs `dgate user unlock USER`; config.json
  `signin_attempts`, `signin_window_minutes`, `signin_lock_minutes` change them
  (`signin_lock_minutes: 0` locks until an administrator unlocks);
- while locked, a sign-in as the user is refused whatever token it gives, with the same
  answer as a wrong token: the form does not say that the account is locked, nor whether
  the name exists (a name no user has is never counted: nothing could sign in as it);
- the lock is a ledger event, `signin_locked` (the user, the count, until when, the client
  address; never a token), and so is an administrator's unlock (`signin_unlocked`);
- a successful sign-in clears the count.

The lock is time-limited by default rather than held until an administrator acts: user
names are not secret, and anyone who can reach the form could otherwise lock every officer
out until an administrator is found, three requests each. The API is not locked here: it
names no user, only a token (see web/security.Throttle).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from dgate.errors import NotFoundError, UsageError
from dgate.model import Role
from dgate.service.home import Home, utc_now
from dgate.service.tokens import stamp
from dgate.store import case, db

ATTEMPTS = 3
WINDOW_MINUTES = 120
LOCK_MINUTES = 120

SCHEMA: tuple[str, ...] = (
    """CREATE TABLE signin_failures (
        user_id TEXT PRIMARY KEY REFERENCES users(user_id),
        failures INTEGER NOT NULL,
        first_at TEXT NOT NULL,
        locked_until TEXT
    )""",
)
FOREVER = "9999-12-31T23:59:59.999999Z"
"""`locked_until` of a lock only an administrator releases (signin_lock_minutes: 0)."""


@dataclass(frozen=True)
class Policy:
    attempts: int = ATTEMPTS
    window_minutes: int = WINDOW_MINUTES
    lock_minutes: int = LOCK_MINUTES   # 0: until an administrator unlocks


def policy(config: dict[str, Any]) -> Policy:
    """The home's limits (config.json), each a whole number within bounds."""

    def whole(key: str, default: int, low: int, high: int) -> int:
        value = config.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise UsageError(f"config.json: {key} must be a whole number from {low} to {high}")
        return value

    return Policy(whole("signin_attempts", ATTEMPTS, 1, 10),
                  whole("signin_window_minutes", WINDOW_MINUTES, 1, 24 * 60),
                  whole("signin_lock_minutes", LOCK_MINUTES, 0, 24 * 60))


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def locked(home: Home, user: str) -> bool:
    """Whether sign-ins as `user` are refused now (a lock not yet expired)."""
    row = home.conn.execute("SELECT locked_until FROM signin_failures WHERE user_id = ?",
                            (user,)).fetchone()
    return row is not None and row["locked_until"] is not None \
        and row["locked_until"] > utc_now()


def failed(home: Home, user: str, client: str) -> bool:
    """Count a refused sign-in as `user`; lock the account (and record it in the ledger)
    when this one reaches the limit. True if the account is locked afterwards. A name no
    user has is not counted."""
    limits = policy(home.config)
    if home.conn.execute("SELECT 1 FROM users WHERE user_id = ?", (user,)).fetchone() is None:
        return False   # no write transaction (nor its lock) for a name no user has
    with case.transaction(home.conn):
        # One failure at a time per user (FOR UPDATE on PostgreSQL; SQLite's transaction
        # already holds the write lock): two at once must not both read the same count.
        if not db.lock_row(home.conn, "users", "user_id", user):
            return False
        now = utc_now()
        row = home.conn.execute(
            "SELECT failures, first_at, locked_until FROM signin_failures WHERE user_id = ?",
            (user,)).fetchone()
        if row is not None and row["locked_until"] is not None:
            if row["locked_until"] > now:
                return True   # already locked: the lock is not extended
            row = None        # the lock ran out: counting starts again
        window_start = stamp(_parse(now) - timedelta(minutes=limits.window_minutes))
        if row is None or row["first_at"] < window_start:
            count, first = 1, now
        else:
            count, first = int(row["failures"]) + 1, row["first_at"]
        until = None
        if count >= limits.attempts:
            until = (FOREVER if limits.lock_minutes == 0 else
                     stamp(_parse(now) + timedelta(minutes=limits.lock_minutes)))
            home.record(None, "signin_locked", user, "locked", failures=count,
                        window_minutes=limits.window_minutes,
                        locked_until="until unlocked" if until == FOREVER else until,
                        client=client[:64])
        home.conn.execute("DELETE FROM signin_failures WHERE user_id = ?", (user,))
        home.conn.execute("INSERT INTO signin_failures VALUES (?, ?, ?, ?)",
                          (user, count, first, until))
    return until is not None


def succeeded(home: Home, user: str) -> None:
    """A successful sign-in: the count starts again."""
    if home.conn.execute("SELECT 1 FROM signin_failures WHERE user_id = ?",
                         (user,)).fetchone() is not None:
        with case.transaction(home.conn):
            home.conn.execute("DELETE FROM signin_failures WHERE user_id = ?", (user,))


def unlock(home: Home, as_user: str | None, user: str) -> bool:
    """Release a user's sign-in lock (and clear the count); administrators only. True if
    the account was locked."""
    actor = home.authorize(as_user, [Role.ADMIN], "user unlock")
    with case.transaction(home.conn):
        if not db.lock_row(home.conn, "users", "user_id", user):
            raise NotFoundError(f"no user {user!r}")
        row = home.conn.execute("SELECT locked_until FROM signin_failures WHERE user_id = ?",
                                (user,)).fetchone()
        was = row is not None and row["locked_until"] is not None \
            and row["locked_until"] > utc_now()
        home.conn.execute("DELETE FROM signin_failures WHERE user_id = ?", (user,))
        home.record(actor, "signin_unlocked", user, "ok", was_locked=was)
    return was

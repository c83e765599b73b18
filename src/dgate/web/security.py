"""Signed session cookies, CSRF tokens, security headers and the request size limit.

The session cookie holds the user, the id of the API token the session was opened with
(so revoking the token ends the session), a CSRF secret and an expiry, signed with an
HMAC key that lives only in the running process: restarting the service signs everyone
out, and no session key is ever written to disk. Signing out ends the session in the
process too (by its secret, until it would have expired), so a copy of the cookie is
worthless afterwards.

A session ends after SESSION_SECONDS (8 hours) whatever is done with it, and after
IDLE_SECONDS (30 minutes) without a page opened or a form sent (NIST SP 800-53 AC-12,
IRS Publication 1075): the process keeps each live session's last activity, in memory
like the key, so an idle cookie copied from a workstation left signed in opens nothing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import secrets
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "dgate_session"
LOGIN_COOKIE = "dgate_login"
SESSION_SECONDS = 8 * 3600
IDLE_SECONDS = 30 * 60


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class Session:
    user_id: str
    token_id: str
    csrf: str
    expires: int
    role: str = ""   # for the navigation of an error page only; never for authorization


class Signer:
    def __init__(self, key: bytes | None = None, idle_seconds: int = IDLE_SECONDS,
                 clock: Callable[[], float] = time.time) -> None:
        self._key = key or secrets.token_bytes(32)
        self.idle_seconds = idle_seconds
        self.clock = clock
        # Sessions signed out before they expired, by their secret -> expiry. Like the key,
        # in memory only: a restart ends every session anyway.
        self._ended: dict[str, int] = {}
        # Live sessions by their secret -> the time of their last activity (idle timeout).
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def _mac(self, purpose: str, payload: bytes) -> str:
        return _b64(hmac.new(self._key, purpose.encode() + b"\0" + payload,
                             hashlib.sha256).digest())

    def sign(self, purpose: str, data: dict[str, Any]) -> str:
        payload = json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")
        return f"{_b64(payload)}.{self._mac(purpose, payload)}"

    def unsign(self, purpose: str, value: str) -> dict[str, Any] | None:
        try:
            body, mac = value.split(".", 1)
            payload = _unb64(body)
        except ValueError:
            return None
        if not hmac.compare_digest(mac, self._mac(purpose, payload)):
            return None
        try:
            data = json.loads(payload)
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    # -- sessions ---------------------------------------------------------------------------
    def new_session(self, user_id: str, token_id: str, role: str = "",
                    now: float | None = None) -> str:
        now = self.clock() if now is None else now
        csrf = secrets.token_urlsafe(24)
        with self._lock:
            # Forget the sessions gone idle (each sign-in sweeps; nothing else adds).
            self._seen = {c: t for c, t in self._seen.items()
                          if now - t <= self.idle_seconds}
            self._seen[csrf] = now
        return self.sign("session", {"u": user_id, "t": token_id, "r": role, "c": csrf,
                                     "e": int(now) + SESSION_SECONDS})

    def session(self, value: str | None, now: float | None = None) -> Session | None:
        """The session a cookie holds, if it is signed by this process, not expired, not
        signed out and not idle longer than the idle timeout. Reading it does not count
        as activity (`touch` does)."""
        if not value:
            return None
        data = self.unsign("session", value)
        now = self.clock() if now is None else now
        if data is None or not isinstance(data.get("e"), int) or data["e"] < now:
            return None
        try:
            session = Session(str(data["u"]), str(data["t"]), str(data["c"]), int(data["e"]),
                              str(data.get("r", "")))
        except KeyError:
            return None
        with self._lock:
            if session.csrf in self._ended:
                return None
            last = self._seen.get(session.csrf)
            if last is None or now - last > self.idle_seconds:
                self._seen.pop(session.csrf, None)
                return None
        return session

    def touch(self, session: Session, now: float | None = None) -> None:
        """Count a signed-in request as activity: the idle timeout starts again."""
        now = self.clock() if now is None else now
        with self._lock:
            if session.csrf in self._seen:
                self._seen[session.csrf] = max(now, self._seen[session.csrf])

    def end(self, session: Session, now: float | None = None) -> None:
        """Sign a session out for good: a copy of its cookie opens nothing any more
        (deleting the cookie only asks the browser to forget it)."""
        now = self.clock() if now is None else now
        with self._lock:
            self._ended = {c: e for c, e in self._ended.items() if e >= now}
            self._ended[session.csrf] = session.expires
            self._seen.pop(session.csrf, None)

    # -- the login form's CSRF pair (before there is a session) ----------------------------
    def login_nonce(self) -> tuple[str, str]:
        """(cookie value, form value): the form must send back the nonce the cookie signs."""
        nonce = secrets.token_urlsafe(24)
        return self.sign("login", {"n": nonce, "e": int(self.clock()) + 3600}), nonce

    def login_nonce_ok(self, cookie: str | None, form_value: str) -> bool:
        data = self.unsign("login", cookie or "")
        return (data is not None and isinstance(data.get("e"), int)
                and data["e"] >= self.clock() and isinstance(data.get("n"), str)
                and hmac.compare_digest(data["n"], form_value))


class Throttle:
    """Unknown bearer tokens counted per client address (NIST SP 800-53 AC-7 on the API):
    after `limit` within `window` seconds of the first, every bearer check from that
    address is refused (429, Retry-After) until the window has passed, without looking at
    the token it gives, so the refusal tells nothing about the token.

    A slow-down, not a lock: a token is 256 random bits, which no rate of guessing finds,
    and the API names no user whose account a failure could count against. What it bounds
    is the work and the log lines a caller trying tokens costs the service. In memory: a
    restart forgets it, and each of two services on one store keeps its own (a caller gets
    `limit` per window from each), which is enough for a slow-down. Its cost: a client
    sharing the address (behind one NAT or proxy) with a caller trying tokens waits out
    the window too, at most `window` seconds."""

    def __init__(self, limit: int = 10, window: float = 60.0,
                 clock: Callable[[], float] = time.monotonic, max_clients: int = 10_000
                 ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.max_clients = max_clients
        self._seen: dict[str, tuple[float, int]] = {}   # client -> (first failure, count)
        self._lock = threading.Lock()

    def wait(self, client: str) -> int:
        """Seconds before `client` may try a token again (0: now)."""
        now = self.clock()
        with self._lock:
            first, count = self._seen.get(client, (now, 0))
            left = self.window - (now - first)
            return max(1, math.ceil(left)) if count >= self.limit and left > 0 else 0

    def fail(self, client: str) -> bool:
        """Count an unknown token from `client`; True when this one reaches the limit."""
        now = self.clock()
        with self._lock:
            first, count = self._seen.get(client, (now, 0))
            if now - first >= self.window:
                first, count = now, 0
            self._seen[client] = (first, count + 1)
            if len(self._seen) > self.max_clients:
                # Forget the windows that have passed; if every one is live, the oldest.
                self._seen = {c: v for c, v in self._seen.items()
                              if now - v[0] < self.window}
                while len(self._seen) > self.max_clients:
                    self._seen.pop(next(iter(self._seen)))
            return count + 1 == self.limit


def csrf_ok(session: Session, form_value: str) -> bool:
    return bool(form_value) and hmac.compare_digest(session.csrf, form_value)


# -- headers -----------------------------------------------------------------------------------

PAGE_CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'")
HSTS = "max-age=31536000"
COMMON_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


class SecurityHeaders:
    """Adds the security headers to every response. Every response gets the pages'
    Content-Security-Policy (no script, nothing from another origin), whatever it set:
    the one page that loosened it, /docs with Swagger UI from a CDN, is gone (r27)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                have = {k.decode("latin-1").lower() for k, _ in headers}
                for name, value in COMMON_HEADERS.items():
                    if name not in have:
                        headers.append((name.encode(), value.encode()))
                headers = [(k, v) for k, v in headers
                           if k.decode("latin-1").lower() != "content-security-policy"]
                headers.append((b"content-security-policy", PAGE_CSP.encode()))
                if "cache-control" not in have:
                    headers.append((b"cache-control", b"no-store"))
                if scope.get("scheme") == "https" and "strict-transport-security" not in have:
                    # Only over HTTPS (a TLS proxy that says so): the first plain-HTTP
                    # request, before any redirect, is where a network attacker steps in.
                    headers.append((b"strict-transport-security", HSTS.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


Admit = Callable[[Scope], Awaitable[ASGIApp | None]]
"""Whether a request may be read: None to let it through, else the response refusing it."""


class BodyGate:
    """Reads no request body before `admit` has let its sender in (authenticated, and for
    an upload authorized), then refuses a body over `limit_of(scope)` bytes with 413,
    whether or not the client declared its length (a chunked upload is counted as it
    arrives). Routes declaring a form or a JSON body have it read and parsed by FastAPI
    before their dependencies (the authentication) run: without this gate an anonymous
    caller's upload was parsed and spooled to disk before the 401."""

    def __init__(self, app: ASGIApp, admit: Admit, limit_of: Callable[[Scope], int]) -> None:
        self.app = app
        self.admit = admit
        self.limit_of = limit_of

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = await self.admit(scope)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        limit = self.limit_of(scope)
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared > limit or declared < 0:
                    await _too_large(send, limit)
                    return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _TooLarge
            return message

        tracked = TrackedSend(send)
        try:
            await self.app(scope, counting_receive, tracked)
        except _TooLarge:
            if not tracked.started:
                await _too_large(send, limit)


class TrackedSend:
    """An ASGI `send` that remembers whether the response has started: after that no
    other response can be sent in its place (BodyGate, app.CrashGuard)."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.started = False

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
        await self.send(message)


class _TooLarge(Exception):
    pass


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps({"error": {"code": "too_large",
                                 "message": f"request body over {limit} bytes"}}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})

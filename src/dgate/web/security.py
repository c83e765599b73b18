"""Signed session cookies, CSRF tokens, security headers and the request size limit.

The session cookie holds the user, the id of the API token the session was opened with
(so revoking the token ends the session), a CSRF secret and an expiry, signed with an
HMAC key that lives only in the running process: restarting the service signs everyone
out, and no session key is ever written to disk. Signing out ends the session in the
process too (by its secret, until it would have expired), so a copy of the cookie is
worthless afterwards.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "dgate_session"
LOGIN_COOKIE = "dgate_login"
SESSION_SECONDS = 8 * 3600


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
    def __init__(self, key: bytes | None = None) -> None:
        self._key = key or secrets.token_bytes(32)
        # Sessions signed out before they expired, by their secret -> expiry. Like the key,
        # in memory only: a restart ends every session anyway.
        self._ended: dict[str, int] = {}
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
        now = time.time() if now is None else now
        return self.sign("session", {"u": user_id, "t": token_id, "r": role,
                                     "c": secrets.token_urlsafe(24),
                                     "e": int(now) + SESSION_SECONDS})

    def session(self, value: str | None, now: float | None = None) -> Session | None:
        if not value:
            return None
        data = self.unsign("session", value)
        now = time.time() if now is None else now
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
        return session

    def end(self, session: Session, now: float | None = None) -> None:
        """Sign a session out for good: a copy of its cookie opens nothing any more
        (deleting the cookie only asks the browser to forget it)."""
        now = time.time() if now is None else now
        with self._lock:
            self._ended = {c: e for c, e in self._ended.items() if e >= now}
            self._ended[session.csrf] = session.expires

    # -- the login form's CSRF pair (before there is a session) ----------------------------
    def login_nonce(self) -> tuple[str, str]:
        """(cookie value, form value): the form must send back the nonce the cookie signs."""
        nonce = secrets.token_urlsafe(24)
        return self.sign("login", {"n": nonce, "e": int(time.time()) + 3600}), nonce

    def login_nonce_ok(self, cookie: str | None, form_value: str) -> bool:
        data = self.unsign("login", cookie or "")
        return (data is not None and isinstance(data.get("e"), int)
                and data["e"] >= time.time() and isinstance(data.get("n"), str)
                and hmac.compare_digest(data["n"], form_value))


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
    """Adds the security headers to every response; a response that set its own
    Content-Security-Policy (the API docs page) keeps it."""

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
                if "content-security-policy" not in have:
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


class BodyLimit:
    """Refuses a request body over `limit` bytes with 413, whether or not the client
    declared its length (a chunked upload is counted as it arrives)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared > self.limit or declared < 0:
                    await _too_large(send, self.limit)
                    return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        tracked = TrackedSend(send)
        try:
            await self.app(scope, counting_receive, tracked)
        except _TooLarge:
            if not tracked.started:
                await _too_large(send, self.limit)


class TrackedSend:
    """An ASGI `send` that remembers whether the response has started: after that no
    other response can be sent in its place (BodyLimit, app.CrashGuard)."""

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

"""Red team r27: the service's credentials, sessions and uploads.

Each test here failed on the code as it was found:
- an API token never expired (nor did the web sessions opened with it, but for their
  eight hours), and the command line could neither give one a lifetime nor revoke one;
- a web session stayed open for its eight hours however long it sat idle;
- FastAPI reads and parses a route's form or JSON body before the route's dependencies
  (the authentication) run: an anonymous caller's upload was parsed (and spooled to disk)
  before the 401, and any body up to the upload limit was read for any route;
- /docs ran Swagger UI's scripts from a CDN on the service's origin, and /openapi.json
  was for anyone.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.e2e.handmade import dgate
from tests.web.builders import World, make_world

from dgate.ledger import store as ledger
from dgate.service import tokens
from dgate.service.home import Home
from dgate.web.app import create_app
from dgate.web.security import IDLE_SECONDS, SESSION_SECONDS

BATCH = "ICE-2026-000123"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> World:
    return make_world(tmp_path_factory.mktemp("r27"))


@pytest.fixture()
def world(template: World, tmp_path: Path) -> World:
    home = tmp_path / "home"
    shutil.copytree(template.home, home)
    return World(tmp_path, home, template.zip_bytes, template.tokens)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def later(days: float) -> str:
    return tokens.stamp(datetime.now(UTC) + timedelta(days=days))


def sign_in(client: TestClient, world: World, user: str) -> None:
    form = client.get("/login")
    nonce = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)  # type: ignore[union-attr]
    r = client.post("/login", data={"user": user, "token": world.tokens[user], "csrf": nonce},
                    follow_redirects=False)
    assert r.status_code == 303, r.text


def events(home: Path, kind: str) -> list[dict[str, Any]]:
    with Home(home) as h:
        found = [json.loads(e) for _i, e in ledger.entries(h.conn)]
    return [e for e in found if e.get("type") == kind]


# -- 1. tokens expire ---------------------------------------------------------------------------

def test_an_expired_token_is_refused_exactly_as_an_unknown_one(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ninety-one days on (the default lifetime is ninety), the reviewer's token still
    opened the API and the pages. It is now refused with the same 401 as a token never
    issued, and the web session opened with it ends with it."""
    client = TestClient(create_app(world.home))
    sign_in(client, world, "rev")
    assert client.get("/batches", follow_redirects=False).status_code == 200
    assert client.get("/api/v1/me", headers=bearer(world.tokens["rev"])).status_code == 200
    monkeypatch.setattr(tokens, "utc_now", lambda: later(91))
    expired = client.get("/api/v1/me", headers=bearer(world.tokens["rev"]))
    unknown = client.get("/api/v1/me", headers=bearer("dgt_" + "A" * 43))
    assert expired.status_code == unknown.status_code == 401
    assert expired.json() == unknown.json()
    assert expired.headers["www-authenticate"] == unknown.headers["www-authenticate"]
    page = client.get("/batches", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login"
    # ... and a token issued that day (the admin's fresh one) works.
    with Home(world.home) as h:
        fresh = tokens.issue_token(h, "admin", "rev")
    monkeypatch.undo()
    assert client.get("/api/v1/me", headers=bearer(fresh)).status_code == 200


def test_a_token_lives_its_configured_lifetime_and_the_ledger_says_until_when(
        world: World) -> None:
    r = dgate(world.home, "user", "token", "aud", "--days", "7", user="admin")
    assert r.code == 0, r.err
    token = r.out.strip()
    config = world.home / "config.json"
    data = json.loads(config.read_text())
    config.write_text(json.dumps({**data, "token_lifetime_days": 30}))
    assert dgate(world.home, "user", "token", "aud", user="admin").code == 0
    assert dgate(world.home, "user", "token", "aud", "--days", "400", user="admin").code == 2
    config.write_text(json.dumps({**data, "token_lifetime_days": 0}))
    assert dgate(world.home, "user", "token", "aud", user="admin").code == 2
    issued = [e for e in events(world.home, "token_issued") if e["object"] == "aud"]
    # the world's own token, then the two issued here (the refused ones record nothing)
    assert [e.get("lifetime_days") for e in issued[-2:]] == [7, 30]
    for e, days in zip(issued[-2:], (7, 30), strict=True):
        until = datetime.fromisoformat(e["expires_at"].replace("Z", "+00:00"))
        assert abs(until - datetime.now(UTC) - timedelta(days=days)) < timedelta(minutes=5)
    text = (world.home / "case.sqlite").read_bytes()
    assert token.encode() not in text
    assert all(token not in json.dumps(e) for e in issued)


def test_tokens_from_before_expiries_get_the_migration_plus_the_default_lifetime(
        world: World) -> None:
    """A home from before migration 9: its tokens had no expiry. They are given one (the
    migration's time plus the default lifetime) rather than refused, so that the upgrade
    does not stop the office at once; a row left without one is refused."""
    con = sqlite3.connect(world.home / "case.sqlite")
    con.execute("ALTER TABLE api_tokens DROP COLUMN expires_at")
    con.execute("DELETE FROM schema_migrations WHERE version = 9")
    con.commit()
    con.close()
    client = TestClient(create_app(world.home))   # opens the home: migration 9 runs
    assert client.get("/api/v1/me", headers=bearer(world.tokens["rev"])).status_code == 200
    with Home(world.home) as h:
        rows = h.conn.execute("SELECT expires_at FROM api_tokens").fetchall()
        assert 9 in {int(v) for (v,) in h.conn.execute(
            "SELECT version FROM schema_migrations")}
        h.conn.execute("UPDATE api_tokens SET expires_at = NULL WHERE user_id = 'off1'")
    want = datetime.now(UTC) + timedelta(days=tokens.DEFAULT_LIFETIME_DAYS)
    for (until,) in rows:
        assert abs(datetime.fromisoformat(until.replace("Z", "+00:00")) - want) \
            < timedelta(minutes=5)
    assert client.get("/api/v1/me", headers=bearer(world.tokens["off1"])).status_code == 401


def test_the_command_line_revokes_a_users_tokens(world: World) -> None:
    client = TestClient(create_app(world.home))
    assert client.get("/api/v1/me", headers=bearer(world.tokens["clerk"])).status_code == 200
    assert dgate(world.home, "user", "revoke", "clerk", user="rev").code == 4   # admins only
    r = dgate(world.home, "user", "revoke", "clerk", user="admin")
    assert r.code == 0, r.err
    assert client.get("/api/v1/me", headers=bearer(world.tokens["clerk"])).status_code == 401
    assert events(world.home, "tokens_revoked")[-1]["object"] == "clerk"


# -- 2. sessions end when idle ----------------------------------------------------------------

def test_a_session_left_idle_ends_and_an_active_one_does_not(world: World) -> None:
    """A reviewer who walked away from a signed-in workstation stayed signed in for eight
    hours. Now thirty minutes without a page ends the session; using it keeps it open,
    up to its eight hours."""
    app = create_app(world.home)
    signer = app.state.config.signer
    t0 = 1_900_000_000.0
    now = [t0]
    signer.clock = lambda: now[0]
    idle = TestClient(app)
    sign_in(idle, world, "rev")
    busy = TestClient(app)
    sign_in(busy, world, "off1")
    for minutes in (20, 40, 60):
        now[0] = t0 + minutes * 60
        assert busy.get("/batches", follow_redirects=False).status_code == 200, minutes
    assert now[0] - t0 > IDLE_SECONDS
    gone = idle.get("/batches", follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"] == "/login"
    # and it stays ended: the refused request was no activity
    assert idle.get("/review", follow_redirects=False).status_code == 303
    # the absolute end still holds for a busy session
    step = IDLE_SECONDS // 2
    t = now[0]
    while t < t0 + SESSION_SECONDS + step:
        t += step
        now[0] = t
        busy.get("/batches", follow_redirects=False)
    assert busy.get("/batches", follow_redirects=False).status_code == 303


# -- 3. no body is read before its sender is known --------------------------------------------

def asgi_call(app: Any, method: str, path: str, headers: dict[str, str],
              body: bytes, chunk: int = 65536) -> tuple[int, dict[str, str], int]:
    """Call the app as a server would, with the body offered in chunks: (status, headers,
    how many body bytes the app took)."""
    chunks = [body[i:i + chunk] for i in range(0, len(body), chunk)] or [b""]
    taken = 0
    status = 0
    got: dict[str, str] = {}

    async def receive() -> dict[str, Any]:
        nonlocal taken
        if chunks:
            part = chunks.pop(0)
            taken += len(part)
            return {"type": "http.request", "body": part, "more_body": bool(chunks)}
        await asyncio.sleep(3600)   # a client still connected, sending nothing more
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
            got.update({k.decode(): v.decode() for k, v in message["headers"]})

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
             "query_string": b"", "root_path": "", "client": ("192.0.2.7", 40000),
             "server": ("testserver", 80),
             "headers": [(b"host", b"testserver"), (b"content-length", str(len(body)).encode()),
                         *((k.lower().encode(), v.encode()) for k, v in headers.items())]}
    asyncio.run(asyncio.wait_for(app(scope, receive, send), 30))
    return status, got, taken


def multipart(size: int) -> tuple[dict[str, str], bytes]:
    boundary = "r27boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"package\"; "
            f"filename=\"pkg.zip\"\r\nContent-Type: application/zip\r\n\r\n").encode() \
        + b"x" * size + f"\r\n--{boundary}--\r\n".encode()
    return {"content-type": f"multipart/form-data; boundary={boundary}"}, body


def test_an_upload_is_not_read_before_its_sender_is_signed_in_and_may_submit(
        world: World) -> None:
    app = create_app(world.home)
    head, body = multipart(2 * 1024 * 1024)
    anonymous = asgi_call(app, "POST", "/api/v1/batches", head, body)
    assert anonymous[0] == 401 and anonymous[2] == 0
    forged = asgi_call(app, "POST", "/api/v1/batches",
                       {**head, "authorization": "Bearer dgt_" + "B" * 43}, body)
    assert forged[0] == 401 and forged[2] == 0
    # an auditor may not submit: refused (and recorded) before a byte is read
    auditor = asgi_call(app, "POST", "/api/v1/batches",
                        {**head, **bearer(world.tokens["aud"])}, body)
    assert auditor[0] == 403 and auditor[2] == 0
    refused = events(world.home, "access_refused")
    assert refused[-1]["actor"] == "aud" and refused[-1]["object"] == "batch submit"
    # the pages' upload form and every other form: no session, nothing read
    page = asgi_call(app, "POST", "/batches", head, body)
    assert page[0] == 303 and page[1]["location"] == "/login" and page[2] == 0
    for path in (f"/review/{BATCH}:1", f"/batches/{BATCH}/approve", "/logout"):
        status, _h, taken = asgi_call(app, "POST", path, head, body)
        assert status == 303 and taken == 0, path
    status, _h, taken = asgi_call(app, "POST", f"/api/v1/reviews/{BATCH}:1",
                                  {"content-type": "application/json"}, b"{" + b" " * 10**6)
    assert status == 401 and taken == 0
    # the intake clerk's upload is read (and refused as the package it is not)
    clerk = asgi_call(app, "POST", "/api/v1/batches",
                      {**head, **bearer(world.tokens["clerk"])}, body)
    assert clerk[2] == len(body) and clerk[0] == 422


def test_bodies_other_than_an_upload_are_small(world: World) -> None:
    """Any body up to the upload limit (64 MiB) was read for any route, the sign-in form
    included: now a form or a verdict may be 64 KiB, an upload the configured limit."""
    client = TestClient(create_app(world.home))
    big = "x" * (100 * 1024)
    login = client.post("/login", data={"user": "rev", "token": big, "csrf": "n"})
    assert login.status_code == 413
    verdict = client.post(f"/api/v1/reviews/{BATCH}:1", headers={
        **bearer(world.tokens["rev"]), "content-type": "application/json"},
        content=b'{"disclose": true, "pad": "' + big.encode() + b'"}')
    assert verdict.status_code == 413 and verdict.json()["error"]["code"] == "too_large"
    ok = client.post(f"/api/v1/reviews/{BATCH}:1", headers=bearer(world.tokens["rev"]),
                     json={"disclose": True})
    assert ok.status_code != 413


# -- 4. no third-party script, the schema for token holders -----------------------------------

def test_no_page_loads_anything_from_another_origin(world: World) -> None:
    client = TestClient(create_app(world.home))
    for path in ("/docs", "/redoc", "/docs/oauth2-redirect"):
        assert client.get(path).status_code == 404, path
    assert client.get("/openapi.json").status_code == 401
    schema = client.get("/openapi.json", headers=bearer(world.tokens["aud"]))
    assert schema.status_code == 200 and "/api/v1/batches" in schema.json()["paths"]
    sign_in(client, world, "aud")
    for path in ("/login", "/batches", "/accounting", "/nowhere"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "http" not in csp and "script-src" not in csp, path
        assert not re.search(r"(src|href)=\"(https?:)?//", r.text), path


def test_serve_takes_the_upload_limit_and_names_no_server_software(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    r = dgate(world.home, "serve", "--port", "0", "--max-upload-mib", "2")
    assert r.code == 0, r.err
    assert seen["server_header"] is False
    assert seen["app"].state.config.max_upload_bytes == 2 * 1024 * 1024


def test_an_administrator_sees_when_each_token_expires(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """With tokens that expire, an office must see which expire when (to renew them) and
    which were revoked: `dgate user tokens` lists them, never a token."""
    assert dgate(world.home, "user", "revoke", "off2", user="admin").code == 0
    r = dgate(world.home, "user", "tokens", user="admin")
    assert r.code == 0, r.err
    lines = [line.split("\t") for line in r.out.strip().splitlines()[1:]]
    state = {cols[1]: cols[5] for cols in lines}
    assert state["off2"] == "revoked" and state["rev"] == "live"
    assert all(cols[4] > tokens.stamp(datetime.now(UTC)) for cols in lines)
    assert all(t not in r.out for t in world.tokens.values())
    assert dgate(world.home, "user", "tokens", "rev", user="clerk").code == 4
    monkeypatch.setattr(tokens, "utc_now", lambda: later(91))
    only = dgate(world.home, "user", "tokens", "rev", user="aud")
    assert only.code == 0 and only.out.strip().splitlines()[1].endswith("\texpired")
    assert len(only.out.strip().splitlines()) == 2


def test_the_sign_in_page_warns_before_access(world: World) -> None:
    """Publication 1075 (NIST SP 800-53 AC-8) asks a system holding federal tax
    information to say, before anyone signs in, that it is the government's, that use is
    monitored and consented to, and what unauthorized access costs. The sign-in page said
    nothing of it."""
    text = re.sub(r"\s+", " ", TestClient(create_app(world.home)).get("/login").text)
    notice = text[text.index('id="use-notice"'):text.index("<form")]
    for words in ("U.S. Government", "federal tax information", "authorized use only",
                  "monitored", "consent", "7213", "7213A", "7431"):
        assert words in notice, words

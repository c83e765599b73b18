"""Red team r14: the web service attacked as a hostile insider or a hostile page would.

Each test here failed on the code as it was found:
- an unexpected exception's message (which may quote the taxpayer data it was handed)
  reached the server's log through Starlette, which re-raises after the 500 page so that
  uvicorn prints the traceback and the message;
- signing out only asked the browser to drop the cookie: a copy of it (a shared
  workstation, a proxy log, a stolen cookie) still opened every page for eight hours.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import re
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from tests.e2e.handmade import AS_OF
from tests.web.builders import REVIEW_POS, World, make_world
from tests.web.conftest import start_server, stop_server

from dgate import faults
from dgate.service import release as release_service
from dgate.service import submit as submit_service
from dgate.service.home import Home
from dgate.web import views
from dgate.web.app import create_app
from dgate.web.security import SESSION_COOKIE

BATCH = "ICE-2026-000123"
# What a foreign exception might quote: synthetic, but shaped like a person's data.
SECRET_NAME = "Wenceslao Quintanilla"
SECRET_TIN = "471-82-9365"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> World:
    return make_world(tmp_path_factory.mktemp("r14"))


@pytest.fixture()
def world(template: World, tmp_path: Path) -> World:
    home = tmp_path / "home"
    shutil.copytree(template.home, home)
    return World(tmp_path, home, template.zip_bytes, template.tokens)


@pytest.fixture(scope="module")
def approved_template(template: World, tmp_path_factory: pytest.TempPathFactory) -> World:
    """The template with its package submitted, the review item decided (disclose) and two
    approvals: ready for release."""
    tmp = tmp_path_factory.mktemp("r14-approved")
    home = tmp / "home"
    shutil.copytree(template.home, home)
    pkg = tmp / "pkg.zip"
    pkg.write_bytes(template.zip_bytes)
    with Home(home) as h:
        r = submit_service.submit(h, "clerk", pkg, date.fromisoformat(AS_OF))
        assert r.batch_id == BATCH
        for item in release_service.review_list(h, "rev", BATCH):
            release_service.review_decide(h, "rev", item.request_key, True)
        release_service.approve(h, "off1", BATCH)
        release_service.approve(h, "off2", BATCH)
    return World(tmp, home, template.zip_bytes, template.tokens)


@pytest.fixture()
def approved(approved_template: World, tmp_path: Path) -> World:
    home = tmp_path / "home"
    shutil.copytree(approved_template.home, home)
    return World(tmp_path, home, approved_template.zip_bytes, approved_template.tokens)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture()
def server_log() -> Iterator[_Collect]:
    """Everything any logger writes (uvicorn's error log included), with tracebacks."""
    handler = _Collect()
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    loggers = [logging.getLogger(), logging.getLogger("uvicorn.error"),
               logging.getLogger("uvicorn"), logging.getLogger("dgate.web")]
    for lg in loggers:
        lg.addHandler(handler)
    try:
        yield handler
    finally:
        for lg in loggers:
            lg.removeHandler(handler)


def _boom(*_a: object, **_k: object) -> None:
    raise RuntimeError(f"could not compare {SECRET_NAME} ({SECRET_TIN})")


def test_a_crash_leaves_no_taxpayer_data_in_the_server_log(
        world: World, server_log: _Collect, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(release_service, "approve", _boom)
    monkeypatch.setattr(views, "batch_list", _boom)
    live = start_server(world.home)
    try:
        api = httpx.post(f"{live.url}/api/v1/batches/{BATCH}/approvals",
                         headers={"Authorization": f"Bearer {world.tokens['off1']}"})
        with httpx.Client(base_url=live.url, follow_redirects=True) as browser:
            form = browser.get("/login")
            nonce = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)  # type: ignore[union-attr]
            signed = browser.post("/login", data={"user": "off1", "token": world.tokens["off1"],
                                                  "csrf": nonce})
    finally:
        stop_server(live)
    # The caller gets the same 500 as before, without the message...
    assert api.status_code == 500
    assert api.json() == {"error": {"code": "internal", "message": "internal error"}}
    assert signed.status_code == 500 and "text/html" in signed.headers["content-type"]
    assert signed.headers["cache-control"] == "no-store"
    assert signed.headers["x-content-type-options"] == "nosniff"
    for text in (api.text, signed.text):
        assert SECRET_TIN not in text and SECRET_NAME not in text
    # ...and the log says where and what type, never the message.
    log = "\n".join(server_log.lines)
    assert "internal error (RuntimeError) on POST /api/v1/batches" in log
    assert "internal error (RuntimeError) on GET /batches" in log
    assert SECRET_TIN not in log and SECRET_NAME not in log and "9365" not in log


def test_a_crash_through_the_test_client_is_a_500_page_too(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    # In-process (no uvicorn): the same refusal to let the exception travel further.
    monkeypatch.setattr(release_service, "approve", _boom)
    client = TestClient(create_app(world.home))  # raise_server_exceptions left on
    r = client.post(f"/api/v1/batches/{BATCH}/approvals",
                    headers={"Authorization": f"Bearer {world.tokens['off1']}"})
    assert r.status_code == 500 and SECRET_TIN not in r.text


# -- sign-out ---------------------------------------------------------------------------------

def _sign_in(client: TestClient, world: World, user: str) -> str:
    form = client.get("/login")
    nonce = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)  # type: ignore[union-attr]
    r = client.post("/login", data={"user": user, "token": world.tokens[user], "csrf": nonce},
                    follow_redirects=False)
    assert r.status_code == 303
    return str(client.cookies[SESSION_COOKIE])


def test_a_session_ends_when_its_user_signs_out(world: World) -> None:
    client = TestClient(create_app(world.home))
    cookie = _sign_in(client, world, "rev")
    page = client.get("/batches")
    assert page.status_code == 200
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    out = client.post("/logout", data={"csrf": csrf}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/login"
    # A copy of the cookie taken before the sign-out opens nothing any more.
    thief = TestClient(client.app)
    thief.cookies.set(SESSION_COOKIE, cookie)
    r = thief.get("/batches", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    r = thief.post("/logout", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    # Signing in again opens a new session; another user's session was never touched.
    other = TestClient(client.app)
    _sign_in(other, world, "off1")
    _sign_in(client, world, "rev")
    assert client.get("/batches").status_code == 200
    assert other.get("/batches").status_code == 200


# -- taxpayer data written to the temporary folder ------------------------------------------

def test_a_release_through_the_web_writes_no_response_file_to_disk(
        approved: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A service killed right after release wrote its response (crash point
    release.file_written) left the file, every disclosed address in clear, in the system
    temporary folder: the web wrote it there only to read it back. What is in that folder
    at that moment is what a kill leaves."""
    world = approved
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmpdir))
    seen: dict[str, bytes] = {}

    def at(name: str) -> None:
        if name in ("release.committed", "release.file_written"):
            for p in tmpdir.rglob("*"):
                if p.is_file():
                    seen[f"{name}:{p.relative_to(tmpdir)}"] = p.read_bytes()

    monkeypatch.setattr(faults, "point", at)
    client = TestClient(create_app(world.home))
    auth = {"Authorization": f"Bearer {world.tokens['off1']}"}
    rel = client.post(f"/api/v1/batches/{BATCH}/release", headers=auth)
    assert rel.status_code == 200, rel.text
    sent = client.get(f"/api/v1/batches/{BATCH}/response", headers=auth)
    assert rel.json()["response_sha256"] == hashlib.sha256(sent.content).hexdigest()
    streets = [row[3] for row in csv.reader(io.StringIO(sent.text)) if row[1] == "DISCLOSED"]
    assert len(streets) >= 3
    # The same for the downloads that carry taxpayer data, through the pages and the API.
    _sign_in(client, world, "off1")
    for path in (f"/batches/{BATCH}/decisions.csv", "/accounting/export.csv"):
        got = client.get(path)
        assert got.status_code == 200 and streets[0] in got.text
    for path in (f"/api/v1/batches/{BATCH}/decisions", "/api/v1/accounting",
                 "/api/v1/accounting?format=json"):
        got = client.get(path, headers=auth)
        assert got.status_code == 200 and streets[0] in got.text
        at("release.file_written")
    assert {name: [s for s in streets if s.encode() in data]
            for name, data in seen.items()} == {}
    assert list(tmpdir.iterdir()) == []


def test_over_https_the_browser_is_told_to_keep_to_https(world: World) -> None:
    """Served over HTTPS (behind a TLS proxy that says so), the session cookie was Secure
    but nothing told the browser never to try plain HTTP: a reviewer typing the host name
    could be met by an attacker on the network before the redirect to HTTPS."""
    client = TestClient(create_app(world.home), base_url="https://dgate.example")
    _sign_in(client, world, "rev")
    for path in ("/login", "/batches", "/api/v1/me", "/nope"):
        got = client.get(path, follow_redirects=False)
        assert got.headers["strict-transport-security"].startswith("max-age=")
        assert int(got.headers["strict-transport-security"].split("=")[1].split(";")[0]) \
            >= 180 * 86400
    plain = TestClient(client.app)
    # Over plain HTTP the header means nothing to a browser, and is not sent.
    assert "strict-transport-security" not in plain.get("/login").headers


# -- a script on the service's own origin ----------------------------------------------------

# What Chromium sends with a fetch() or XMLHttpRequest made by a script of the same origin.
SCRIPT_READ = {"sec-fetch-site": "same-origin", "sec-fetch-mode": "cors",
               "sec-fetch-dest": "empty"}
CLICK = {"sec-fetch-site": "same-origin", "sec-fetch-mode": "navigate",
         "sec-fetch-dest": "document", "sec-fetch-user": "?1"}


def test_a_script_on_the_origin_cannot_read_the_pages(approved: World) -> None:
    """/docs ran Swagger UI's bundle from a CDN (swagger-ui-dist@5, any 5.x, no integrity
    hash) on the same origin as the review pages. Such a script, or any other that found
    its way onto the origin, could fetch() a review item with the reviewer's session cookie
    (same-origin requests carry it) and read the names, addresses and dates of birth in
    it. The pages carry no script of their own: they answer navigations only. (/docs is
    gone since r27: tests/web/test_redteam_r27.py; this wall stays.)"""
    world = approved
    key = f"{BATCH}:{REVIEW_POS}"
    client = TestClient(create_app(world.home))
    _sign_in(client, world, "rev")
    clicked = client.get(f"/review/{key}", headers=CLICK)
    assert clicked.status_code == 200 and "Johnson" in clicked.text
    assert client.get(f"/review/{key}").status_code == 200   # a client that sends none
    for path in (f"/review/{key}", "/review", f"/batches/{BATCH}/decisions.csv",
                 "/batches"):
        got = client.get(path, headers=SCRIPT_READ, follow_redirects=False)
        assert got.status_code == 403, path
        assert "Johnson" not in got.text and "Elm St" not in got.text
    # The API is for scripts and programs: it is not concerned (and takes no cookie).
    api = client.get("/api/v1/me", headers={**SCRIPT_READ,
                                            "Authorization": f"Bearer {world.tokens['rev']}"})
    assert api.status_code == 200


# -- refused sign-ins leave a trace ------------------------------------------------------------

def test_a_refused_sign_in_or_token_is_logged_without_the_token(
        world: World, caplog: pytest.LogCaptureFixture) -> None:
    """Someone trying tokens against the sign-in form or the API left no trace anywhere (IRS
    Publication 1075 asks that unsuccessful logon attempts be audited). Each refusal is now
    a warning in the server's log: the user name claimed and the client, never the token."""
    client = TestClient(create_app(world.home))
    guessed = "dgt_" + "A" * 43
    form = client.get("/login")
    nonce = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)  # type: ignore[union-attr]
    with caplog.at_level(logging.INFO, logger="dgate.web"):
        bad = client.post("/login", data={"user": "off1", "token": guessed, "csrf": nonce})
        nonce = re.search(r'name="csrf" value="([^"]+)"', bad.text).group(1)  # type: ignore[union-attr]
        wrong_user = client.post("/login", data={"user": "off1", "token": world.tokens["rev"],
                                                 "csrf": nonce})
        api = client.get("/api/v1/me", headers={"Authorization": f"Bearer {guessed}"})
        ok = client.get("/api/v1/me", headers={"Authorization": f"Bearer {world.tokens['rev']}"})
    assert bad.status_code == 401 and wrong_user.status_code == 401
    assert api.status_code == 401 and ok.status_code == 200
    refused = [r for r in caplog.records if r.levelno >= logging.WARNING]
    text = "\n".join(r.getMessage() for r in refused)
    assert len(refused) == 3, text
    assert text.count("sign-in refused") == 2 and "'off1'" in text
    assert "bearer token refused" in text and "GET /api/v1/me" in text
    assert guessed not in text and world.tokens["rev"] not in text
    assert "testclient" in text   # the client's address


def test_the_session_cookie_is_not_kept_on_disk_by_the_browser(world: World) -> None:
    """The session cookie had Max-Age=28800: a persistent cookie, written to the browser's
    profile on disk and alive after the browser is closed, so the next person at a shared
    workstation opened the browser signed in as the reviewer. It is now a session cookie
    (gone with the browser); the eight hours are still enforced by the signed expiry."""
    client = TestClient(create_app(world.home))
    form = client.get("/login")
    nonce = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)  # type: ignore[union-attr]
    r = client.post("/login", data={"user": "rev", "token": world.tokens["rev"], "csrf": nonce},
                    follow_redirects=False)
    cookies = r.headers.get_list("set-cookie")
    session = [c for c in cookies if c.startswith(f"{SESSION_COOKIE}=")]
    assert len(session) == 1
    attrs = session[0].lower()
    assert "max-age" not in attrs and "expires" not in attrs
    assert "httponly" in attrs and "samesite=strict" in attrs
    assert client.get("/batches").status_code == 200

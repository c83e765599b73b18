"""The HTTP API and the pages through an in-process client: authentication, roles as on
the CLI, idempotency, size limits, error bodies, headers, CSRF, escaping, access logging."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.e2e.handmade import AS_OF, dgate
from tests.web.builders import (
    COUNTS,
    REVIEW_ID,
    REVIEW_POS,
    ROWS,
    SCRIPT_NAME,
    World,
    make_world,
)

from dgate.service import release as release_service
from dgate.service.home import Home
from dgate.web.app import create_app

BATCH = "ICE-2026-000123"
KEY = f"{BATCH}:{REVIEW_POS}"   # the review item (the last record)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> World:
    return make_world(tmp_path_factory.mktemp("template"))


@pytest.fixture()
def world(template: World, tmp_path: Path) -> World:
    """A private copy of a ready home (building one takes a second; copying it, little)."""
    home = tmp_path / "home"
    shutil.copytree(template.home, home)
    return World(tmp_path, home, template.zip_bytes, template.tokens)


@pytest.fixture()
def client(world: World) -> TestClient:
    return TestClient(create_app(world.home))


def auth(world: World, user: str, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {world.tokens[user]}", **extra}


def upload(client: TestClient, world: World, user: str = "clerk", **headers: str):
    return client.post("/api/v1/batches", headers=auth(world, user, **headers),
                       files={"package": ("pkg.zip", world.zip_bytes, "application/zip")},
                       data={"as_of": AS_OF})


def error(resp) -> tuple[str, str]:
    body = resp.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert "Traceback" not in resp.text
    return body["error"]["code"], body["error"]["message"]


def submitted(client: TestClient, world: World) -> None:
    assert upload(client, world).status_code == 201


# -- authentication ---------------------------------------------------------------------------

def test_no_token_bad_token_and_revoked_token_get_401(client: TestClient, world: World) -> None:
    r = client.get("/api/v1/me")
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert error(r)[0] == "unauthorized"
    r = client.get("/api/v1/me", headers={"Authorization": "Bearer dgt_not-a-real-token"})
    assert r.status_code == 401
    assert client.get("/api/v1/me", headers=auth(world, "rev")).json() == {
        "user": "rev", "role": "reviewer"}
    from dgate.service.tokens import revoke_tokens
    with Home(world.home) as h:
        assert revoke_tokens(h, "admin", "rev") == 1
    assert client.get("/api/v1/me", headers=auth(world, "rev")).status_code == 401


def test_tokens_are_stored_only_as_sha256(world: World) -> None:
    con = sqlite3.connect(world.home / "case.sqlite")
    rows = dict(con.execute("SELECT user_id, token_sha256 FROM api_tokens").fetchall())
    con.close()
    raw = (world.home / "case.sqlite").read_bytes()
    for user, token in world.tokens.items():
        assert rows[user] == hashlib.sha256(token.encode()).hexdigest()
        assert token.encode() not in raw


def test_cli_issues_a_token_that_the_api_accepts(client: TestClient, world: World) -> None:
    r = dgate(world.home, "user", "token", "aud", user="admin")
    assert r.code == 0, r.err
    token = r.out.strip()
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json() == {"user": "aud", "role": "auditor"}
    assert dgate(world.home, "user", "token", "aud", user="clerk").code == 4  # admins only
    assert dgate(world.home, "user", "token", "nobody", user="admin").code == 2


# -- the flow and its refusals ----------------------------------------------------------------

def test_upload_status_review_approve_release_download(client: TestClient,
                                                        world: World) -> None:
    r = upload(client, world)
    assert r.status_code == 201, r.text
    assert r.json() == {"batch_id": BATCH, "existing": False,
                        "counts": COUNTS}
    again = upload(client, world)
    assert again.status_code == 200 and again.json()["existing"] is True

    st = client.get(f"/api/v1/batches/{BATCH}", headers=auth(world, "aud")).json()
    assert st["counts"]["REVIEW"] == 1 and st["pending_reviews"] == 1
    assert st["reason_codes"]["R_ORDER_90_DAYS"] == 1 and len(st["ruleset_hash"]) == 64

    queue = client.get("/api/v1/reviews", headers=auth(world, "rev")).json()
    assert [i["request_key"] for i in queue] == [KEY]
    r = client.post(f"/api/v1/reviews/{KEY}", headers=auth(world, "off1"),
                    json={"disclose": True})
    assert r.status_code == 403 and error(r)[0] == "forbidden"   # reviewers only
    r = client.post(f"/api/v1/reviews/{KEY}", headers=auth(world, "rev"),
                    json={"disclose": True})
    assert r.json() == {"request_key": KEY, "verdict": "disclose"}

    assert client.post(f"/api/v1/batches/{BATCH}/approvals",
                       headers=auth(world, "clerk")).status_code == 403
    assert client.post(f"/api/v1/batches/{BATCH}/approvals",
                       headers=auth(world, "off1")).json()["approvals"] == 1
    r = client.post(f"/api/v1/batches/{BATCH}/release", headers=auth(world, "off1"))
    assert r.status_code == 403 and "two distinct" in error(r)[1]
    assert client.post(f"/api/v1/batches/{BATCH}/approvals",
                       headers=auth(world, "off2")).json()["approvals"] == 2
    r = client.post(f"/api/v1/batches/{BATCH}/release", headers=auth(world, "off2"))
    assert r.status_code == 200 and r.json()["disclosed"] == COUNTS["DISCLOSE"] + 1
    assert r.json()["rows"] == ROWS

    assert client.get(f"/api/v1/batches/{BATCH}/response",
                      headers=auth(world, "aud")).status_code == 403
    resp = client.get(f"/api/v1/batches/{BATCH}/response", headers=auth(world, "off1"))
    assert resp.headers["content-type"].startswith("text/csv")
    assert hashlib.sha256(resp.content).hexdigest() == r.json()["response_sha256"]
    rows = {x["request_id"]: x for x in csv.DictReader(io.StringIO(resp.text))}
    assert rows[REVIEW_ID]["outcome"] == "DISCLOSED" and rows[REVIEW_ID]["street"] == "9 Elm St"

    rep = client.get(f"/api/v1/batches/{BATCH}/decisions", headers=auth(world, "aud"))
    assert rep.status_code == 200 and rep.text.startswith("request_id,disposition,")
    acc = client.get("/api/v1/accounting", params={"format": "json"},
                     headers=auth(world, "aud")).json()
    assert sum(1 for a in acc if a["kind"] == "disclosure") == 4
    ver = client.get("/api/v1/ledger/verification", headers=auth(world, "aud")).json()
    assert ver["ok"] is True
    assert client.get("/api/v1/ledger/verification",
                      headers=auth(world, "clerk")).status_code == 403
    proof = client.get("/api/v1/ledger/entries/0/proof", headers=auth(world, "aud")).json()
    assert proof["index"] == 0 and proof["checkpoint"].startswith("dgate.local/")


def test_unknown_objects_are_404_and_bad_input_422(client: TestClient, world: World) -> None:
    r = client.get("/api/v1/batches/NOPE", headers=auth(world, "aud"))
    assert r.status_code == 404 and error(r)[0] == "not_found"
    r = client.post("/api/v1/batches/NOPE/approvals", headers=auth(world, "off1"))
    assert r.status_code == 404
    r = client.post("/api/v1/batches", headers=auth(world, "clerk"),
                    files={"package": ("pkg.zip", b"PK\x03\x04 not a zip", "application/zip")})
    assert r.status_code == 422 and error(r)[0] == "unreadable_input"
    r = client.post(f"/api/v1/reviews/{KEY}", headers=auth(world, "rev"), json={"x": 1})
    assert r.status_code == 422 and error(r)[0] == "invalid_request"


def test_refusal_is_recorded_against_the_api_channel(client: TestClient, world: World) -> None:
    submitted(client, world)
    client.post(f"/api/v1/batches/{BATCH}/approvals", headers=auth(world, "rev"))
    import json
    with Home(world.home) as h:
        from dgate.ledger import store as ledger
        events = [json.loads(raw) for _i, raw in ledger.entries(h.conn)]
    refused = [e for e in events if e["type"] == "access_refused"]
    assert refused and refused[-1]["actor"] == "rev" and refused[-1]["channel"] == "api"


# -- idempotency ------------------------------------------------------------------------------

def test_idempotency_replays_and_conflicts(client: TestClient, world: World) -> None:
    first = upload(client, world, **{"Idempotency-Key": "up-1"})
    assert first.status_code == 201
    replay = upload(client, world, **{"Idempotency-Key": "up-1"})
    assert replay.status_code == 201 and replay.json() == first.json()
    assert replay.headers["idempotent-replayed"] == "true"
    # The same key for a different request is a client bug.
    r = client.post(f"/api/v1/batches/{BATCH}/approvals",
                    headers=auth(world, "clerk", **{"Idempotency-Key": "up-1"}))
    assert r.status_code == 409 and error(r)[0] == "idempotency_conflict"
    # Keys are per user: the reviewer's "up-1" is not the clerk's.
    r = client.post(f"/api/v1/reviews/{KEY}", headers=auth(world, "rev", **{
        "Idempotency-Key": "up-1"}), json={"disclose": False})
    assert r.json()["verdict"] == "no_disclose"
    r = client.post(f"/api/v1/reviews/{KEY}", headers=auth(world, "rev", **{
        "Idempotency-Key": "up-1"}), json={"disclose": True})
    assert r.status_code == 409 and error(r)[0] == "idempotency_conflict"
    # A refusal is not frozen under its key: after the approvals the same key releases.
    k = {"Idempotency-Key": "rel-1"}
    assert client.post(f"/api/v1/batches/{BATCH}/release",
                       headers=auth(world, "off1", **k)).status_code == 403
    for officer in ("off1", "off2"):
        a = {"Idempotency-Key": f"ap-{officer}"}
        assert client.post(f"/api/v1/batches/{BATCH}/approvals",
                           headers=auth(world, officer, **a)).status_code == 200
        again = client.post(f"/api/v1/batches/{BATCH}/approvals",
                            headers=auth(world, officer, **a))
        assert again.status_code == 200, again.text    # replayed, not "already approved"
    rel = client.post(f"/api/v1/batches/{BATCH}/release", headers=auth(world, "off1", **k))
    rel2 = client.post(f"/api/v1/batches/{BATCH}/release", headers=auth(world, "off1", **k))
    assert rel.status_code == rel2.status_code == 200
    assert rel.json() == rel2.json() and rel.json()["repeated"] is False
    bad = client.post(f"/api/v1/batches/{BATCH}/release",
                      headers=auth(world, "off1", **{"Idempotency-Key": "bad key"}))
    assert bad.status_code == 400


# -- limits, errors, headers ------------------------------------------------------------------

def test_upload_over_the_limit_is_413(world: World) -> None:
    small = TestClient(create_app(world.home, max_upload_bytes=1000))
    r = small.post("/api/v1/batches", headers=auth(world, "clerk"),
                   files={"package": ("pkg.zip", b"x" * 5000, "application/zip")})
    assert r.status_code == 413 and error(r)[0] == "too_large"
    big = small.post("/api/v1/batches", headers=auth(world, "clerk"),
                     files={"package": ("pkg.zip", b"x" * 3 * 1024 * 1024, "application/zip")})
    assert big.status_code == 413


def test_an_unexpected_crash_is_a_json_500_without_trace(world: World, monkeypatch) -> None:
    def boom(*_a, **_k):
        raise RuntimeError("secret detail 123-45-6789")

    monkeypatch.setattr(release_service, "approve", boom)
    client = TestClient(create_app(world.home), raise_server_exceptions=False)
    r = client.post(f"/api/v1/batches/{BATCH}/approvals", headers=auth(world, "off1"))
    assert r.status_code == 500 and error(r) == ("internal", "internal error")
    assert "6789" not in r.text


def test_security_headers_on_pages_and_api(client: TestClient, world: World) -> None:
    for path in ("/login", "/api/v1/me", "/openapi.json"):
        h = client.get(path).headers
        assert h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"] == "no-referrer"
        assert "frame-ancestors 'none'" in h["content-security-policy"]
        assert "unsafe-inline" not in h["content-security-policy"]
    assert "script-src" not in client.get("/login").headers["content-security-policy"]
    # No /docs (it ran Swagger UI from a CDN); the schema is for token holders.
    assert client.get("/docs").status_code == 404
    assert client.get("/openapi.json").status_code == 401
    schema = client.get("/openapi.json", headers=auth(world, "aud"))
    assert schema.json()["info"]["title"] == "Disclosure Gate"


# -- pages: sign-in, CSRF, escaping, access log ---------------------------------------------

def sign_in(client: TestClient, world: World, user: str) -> None:
    form = client.get("/login")
    nonce = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    r = client.post("/login", data={"user": user, "token": world.tokens[user],
                                    "csrf": nonce}, follow_redirects=False)
    assert r.status_code == 303, r.text
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def test_login_needs_the_forms_nonce_and_matching_user(client: TestClient,
                                                       world: World) -> None:
    client.get("/login")
    r = client.post("/login", data={"user": "rev", "token": world.tokens["rev"]})
    assert r.status_code == 400
    form = client.get("/login")
    r = client.post("/login", data={"user": "off1", "token": world.tokens["rev"],
                                    "csrf": csrf_of(form.text)})
    assert r.status_code == 401 and "do not match" in r.text
    assert client.get("/batches", follow_redirects=False).headers["location"] == "/login"


def test_forms_refuse_a_missing_csrf_token(client: TestClient, world: World) -> None:
    submitted(client, world)
    sign_in(client, world, "rev")
    r = client.post(f"/review/{KEY}", data={"verdict": "disclose"})
    assert r.status_code == 403 and "CSRF" in r.text
    r = client.post(f"/review/{KEY}", data={"verdict": "disclose", "csrf": "forged"})
    assert r.status_code == 403
    with Home(world.home) as h:
        assert release_service.review_list(h, "rev", BATCH)  # still pending
    page = client.get(f"/review/{KEY}")
    r = client.post(f"/review/{KEY}", data={"verdict": "disclose", "csrf": csrf_of(page.text)},
                    follow_redirects=False)
    assert r.status_code == 303


def test_markup_in_a_name_is_escaped_and_the_view_is_logged(client: TestClient,
                                                            world: World) -> None:
    submitted(client, world)
    sign_in(client, world, "rev")
    page = client.get(f"/review/{KEY}")
    assert page.status_code == 200
    assert SCRIPT_NAME not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    con = sqlite3.connect(world.home / "case.sqlite")
    logged = con.execute("SELECT user_id, purpose, object FROM access_log "
                         "WHERE purpose = 'review item'").fetchall()
    con.close()
    assert logged == [("rev", "review item", KEY)]


def test_personal_data_only_for_roles_that_need_it(client: TestClient, world: World) -> None:
    submitted(client, world)
    for user in ("aud", "clerk"):
        client.cookies.clear()
        sign_in(client, world, user)
        assert client.get(f"/review/{KEY}").status_code == 403
        assert client.get(f"/batches/{BATCH}/release").status_code == 403
        dash = client.get(f"/batches/{BATCH}")
        assert dash.status_code == 200 and "Johnson" not in dash.text


def test_release_preview_is_exactly_what_leaves(client: TestClient, world: World) -> None:
    submitted(client, world)
    with Home(world.home) as h:
        release_service.review_decide(h, "rev", KEY, False)
        release_service.approve(h, "off1", BATCH)
        release_service.approve(h, "off2", BATCH)
    sign_in(client, world, "off1")
    before = client.get(f"/batches/{BATCH}/release").text
    r = client.post(f"/batches/{BATCH}/release", data={"csrf": csrf_of(before)},
                    follow_redirects=False)
    assert r.status_code == 303
    sent = client.get(f"/batches/{BATCH}/response.csv").text
    cells = re.findall(r"<tr class=\"(\w+)\">(.*?)</tr>", before, flags=re.S)
    shown = [re.findall(r"<td>(.*?)</td>", row) for _cls, row in cells]
    assert shown == [r for r in csv.reader(io.StringIO(sent))][1:]
    assert len(shown) == ROWS

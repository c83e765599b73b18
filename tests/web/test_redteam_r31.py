"""Red team r31: unsuccessful sign-in attempts (NIST SP 800-53 AC-7, IRS Publication 1075).

Each test here failed on the code as it was found: a refused sign-in was logged, and that
was all. Anyone who could reach the sign-in form could try user names and tokens as fast
as the server answered, as often as they liked, and the API answered every unknown bearer
token from one address as readily as the first.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.e2e.handmade import AS_OF, dgate
from tests.web.builders import World, make_world

from dgate.errors import UsageError
from dgate.ledger import store as ledger
from dgate.service import signin, tokens
from dgate.service.home import Home
from dgate.web.app import create_app

GUESS = "dgt_" + "A" * 43


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> World:
    return make_world(tmp_path_factory.mktemp("r31"))


@pytest.fixture()
def world(template: World, tmp_path: Path) -> World:
    home = tmp_path / "home"
    shutil.copytree(template.home, home)
    return World(tmp_path, home, template.zip_bytes, template.tokens)


def attempt(client: TestClient, user: str, token: str) -> tuple[int, str]:
    """(status, the page's message) of one sign-in through the form."""
    form = client.get("/login")
    nonce = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)  # type: ignore[union-attr]
    r = client.post("/login", data={"user": user, "token": token, "csrf": nonce},
                    follow_redirects=False)
    if r.status_code == 303:
        return 303, r.headers["location"]
    text = re.sub(r'name="csrf" value="[^"]+"', "", r.text)
    return r.status_code, text


def events(home: Path, kind: str) -> list[dict[str, Any]]:
    with Home(home) as h:
        found = [json.loads(e) for _i, e in ledger.entries(h.conn)]
    return [e for e in found if e.get("type") == kind]


def later(minutes: float) -> str:
    return tokens.stamp(datetime.now(UTC) + timedelta(minutes=minutes))


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# -- the web form: a lock per user --------------------------------------------------------------

def test_three_refused_sign_ins_lock_the_account_with_a_wrong_tokens_answer(
        world: World) -> None:
    """Three wrong tokens as off1, and off1's own token still opened a session at once.
    Now the third locks sign-ins as off1: the right token is refused with exactly the
    answer a wrong one gets, and so is a name no user has (the form tells no one whether
    a name exists or is locked). The ledger records the lock, never a token; other users
    sign in as before."""
    client = TestClient(create_app(world.home))
    refused = [attempt(client, "off1", GUESS) for _ in range(3)]
    assert {status for status, _ in refused} == {401}
    status, page = attempt(client, "off1", world.tokens["off1"])
    assert status == 401
    assert page == refused[0][1]
    assert attempt(client, "nobody", GUESS)[1] == page
    assert attempt(client, "rev", world.tokens["rev"]) == (303, "/batches")
    locked = events(world.home, "signin_locked")
    assert [e["object"] for e in locked] == ["off1"]
    assert locked[0]["failures"] == 3 and locked[0]["outcome"] == "locked"
    assert all(t not in json.dumps(locked) for t in (GUESS, *world.tokens.values()))
    # The API does not name a user: off1's token still works there (see signin.py).
    assert client.get("/api/v1/me", headers=bearer(world.tokens["off1"])).status_code == 200


def test_the_lock_holds_across_a_restart_of_the_service(world: World) -> None:
    """The lock is in the case store, not the process: a restarted service (a new app on
    the same home) still refuses off1's own token."""
    first = TestClient(create_app(world.home))
    for _ in range(3):
        attempt(first, "off1", GUESS)
    restarted = TestClient(create_app(world.home))
    assert attempt(restarted, "off1", world.tokens["off1"])[0] == 401


def test_the_lock_runs_out_and_an_administrator_releases_it_sooner(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    client = TestClient(create_app(world.home))
    for _ in range(3):
        attempt(client, "off1", GUESS)
    monkeypatch.setattr(signin, "utc_now", lambda: later(signin.LOCK_MINUTES - 5))
    assert attempt(client, "off1", world.tokens["off1"])[0] == 401
    monkeypatch.setattr(signin, "utc_now", lambda: later(signin.LOCK_MINUTES + 1))
    assert attempt(client, "off1", world.tokens["off1"]) == (303, "/batches")
    monkeypatch.undo()
    # Locked again; only an administrator releases it, and the ledger says who did.
    for _ in range(3):
        attempt(client, "off1", GUESS)
    assert attempt(client, "off1", world.tokens["off1"])[0] == 401
    assert dgate(world.home, "user", "unlock", "off1", user="rev").code == 4
    assert attempt(client, "off1", world.tokens["off1"])[0] == 401
    r = dgate(world.home, "user", "unlock", "off1", user="admin")
    assert r.code == 0, r.err
    assert attempt(client, "off1", world.tokens["off1"]) == (303, "/batches")
    unlocked = events(world.home, "signin_unlocked")
    assert [(e["object"], e["actor"], e["was_locked"]) for e in unlocked] == [
        ("off1", "admin", True)]
    assert dgate(world.home, "user", "unlock", "ghost", user="admin").code == 2
    check = dgate(world.home, "ledger", "verify", user="aud")
    assert check.code == 0, check.out + check.err


def test_a_successful_sign_in_clears_the_count_and_old_failures_lapse(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two slips, a good sign-in, two slips: never three in a row, so never locked (a
    count that only grew would lock everyone in time). Failures older than the window
    do not add up either; three in a row within it do."""
    client = TestClient(create_app(world.home))
    for _ in range(2):
        for _ in range(2):
            assert attempt(client, "rev", GUESS)[0] == 401
        assert attempt(client, "rev", world.tokens["rev"]) == (303, "/batches")
    for _ in range(2):
        attempt(client, "rev", GUESS)
    monkeypatch.setattr(signin, "utc_now", lambda: later(signin.WINDOW_MINUTES + 1))
    attempt(client, "rev", GUESS)      # the first of a new window
    assert attempt(client, "rev", world.tokens["rev"]) == (303, "/batches")
    for _ in range(3):
        attempt(client, "rev", GUESS)
    assert attempt(client, "rev", world.tokens["rev"])[0] == 401


def test_a_token_of_another_user_counts_against_the_name_claimed(world: World) -> None:
    """The reviewer's valid token, offered three times under the officer's name, locks the
    officer's sign-in (the name claimed), not the reviewer's."""
    client = TestClient(create_app(world.home))
    for _ in range(3):
        assert attempt(client, "off1", world.tokens["rev"])[0] == 401
    assert attempt(client, "off1", world.tokens["off1"])[0] == 401
    assert attempt(client, "rev", world.tokens["rev"]) == (303, "/batches")
    with Home(world.home) as h:
        rows = h.conn.execute("SELECT user_id FROM signin_failures").fetchall()
    assert [r[0] for r in rows] == ["off1"]   # a name no user has is never stored


def test_the_limits_come_from_the_homes_config(world: World) -> None:
    """config.json names the office's own limits; 0 lock minutes: until an administrator
    unlocks. A value out of bounds is refused by name."""
    config = world.home / "config.json"
    data = json.loads(config.read_text())
    config.write_text(json.dumps({**data, "signin_attempts": 2, "signin_lock_minutes": 0}))
    client = TestClient(create_app(world.home))
    for _ in range(2):
        attempt(client, "aud", GUESS)
    assert attempt(client, "aud", world.tokens["aud"])[0] == 401
    assert events(world.home, "signin_locked")[-1]["locked_until"] == "until unlocked"
    with Home(world.home) as h:
        assert h.conn.execute("SELECT locked_until FROM signin_failures").fetchone()[0] \
            == signin.FOREVER
    config.write_text(json.dumps({**data, "signin_attempts": 0}))
    with pytest.raises(UsageError, match="signin_attempts"):
        create_app(world.home)


# -- the API: a slow-down per client address ----------------------------------------------------

def test_unknown_bearer_tokens_from_one_address_are_slowed_down(world: World) -> None:
    """Every unknown token from one address was answered at full speed, each costing an
    opened case store and a log line. After ten within a minute, that address's bearer
    checks are refused (429, Retry-After) without the token being looked at, until the
    minute has passed; another address is not affected."""
    app = create_app(world.home)
    client = TestClient(app, client=("10.0.0.7", 40000))
    for _ in range(10):
        assert client.get("/api/v1/me", headers=bearer(GUESS)).status_code == 401
    slowed = client.get("/api/v1/me", headers=bearer(world.tokens["rev"]))
    assert slowed.status_code == 429
    assert slowed.json()["error"]["code"] == "too_many_attempts"
    assert 0 < int(slowed.headers["retry-after"]) <= 60
    # the body gate (a POST) answers the same, before any body is read
    upload = client.post("/api/v1/batches", headers=bearer(world.tokens["clerk"]),
                         files={"package": ("p.zip", world.zip_bytes, "application/zip")},
                         data={"as_of": AS_OF})
    assert upload.status_code == 429
    other = TestClient(app, client=("10.0.0.8", 40000))
    assert other.get("/api/v1/me", headers=bearer(world.tokens["rev"])).status_code == 200
    app.state.config.throttle.clock = lambda: time.monotonic() + 61
    assert client.get("/api/v1/me", headers=bearer(world.tokens["rev"])).status_code == 200

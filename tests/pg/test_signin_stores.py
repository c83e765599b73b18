"""Refused sign-ins (r31, NIST SP 800-53 AC-7) on both case stores: two services on one
store count a user's refused sign-ins together, and refusals arriving at once are each
counted and lock the account once."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.e2e.handmade import dgate
from tests.pg.stores import STORES, query, store_url

from dgate.service import signin, tokens
from dgate.service.home import Home, init_home
from dgate.web.app import create_app

GUESS = "dgt_" + "C" * 43


def sign_in(client: TestClient, user: str, token: str) -> int:
    form = client.get("/login")
    nonce = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)  # type: ignore[union-attr]
    return client.post("/login", data={"user": user, "token": token, "csrf": nonce},
                       follow_redirects=False).status_code


def locks(home: Path) -> list[str]:
    return [e["object"] for (raw,) in query(home, "SELECT entry FROM ledger_entries")
            if (e := json.loads(bytes(raw))).get("type") == "signin_locked"]


@pytest.fixture(scope="module", params=STORES)
def home(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One home per store; each test below counts against its own user."""
    home = tmp_path_factory.mktemp(f"signin-{request.param}") / "home"
    assert init_home(home, case_store=store_url(request, request.param))
    for user in ("off1", "off2"):
        assert dgate(home, "user", "add", user, "--role", "disclosure_officer",
                     user="admin").code == 0
    return home


def test_two_services_on_one_store_count_together(home: Path) -> None:
    with Home(home) as h:
        token = tokens.issue_token(h, "admin", "off1")
    one, two = TestClient(create_app(home)), TestClient(create_app(home))
    assert sign_in(one, "off1", GUESS) == 401
    assert sign_in(two, "off1", GUESS) == 401
    assert sign_in(one, "off1", GUESS) == 401
    assert sign_in(two, "off1", token) == 401      # the third, on the other service, locked it
    assert locks(home) == ["off1"]


def test_refusals_at_once_are_each_counted_and_lock_once(home: Path) -> None:
    start = threading.Barrier(6)
    errors: list[BaseException] = []

    def refuse() -> None:
        try:
            with Home(home, channel="web") as h:
                start.wait()
                signin.failed(h, "off2", "test")
        except BaseException as exc:  # noqa: BLE001 — reported below
            errors.append(exc)

    threads = [threading.Thread(target=refuse) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert locks(home).count("off2") == 1
    (failures, until), = query(home, "SELECT failures, locked_until FROM signin_failures "
                                     "WHERE user_id = 'off2'")
    assert failures == signin.ATTEMPTS and until is not None   # the lock is not extended

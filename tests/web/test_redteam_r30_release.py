"""Red team r30 (session 33): what the CLI has and the pages and the API lacked, and the
release page that held a whole batch.

- `dgate batch unapprove` (session 32: an officer withdraws their own approval before
  release) had no form on the release page and no API call: an officer using the web
  service could not undo an approval given in error.
- The release page held and drew every row of the response file (59 MB of HTML at 100K
  records): it now shows the counts by outcome and one page of rows (`?page=`), opening
  only that page's sealed decisions.

Every person, TIN and address here is invented (tests/e2e/handmade.py's cases)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.e2e.handmade import dgate
from tests.web.builders import ROWS, World, make_world
from tests.web.test_api import BATCH, KEY, auth, csrf_of, sign_in, upload

from dgate.service import release as release_service
from dgate.service.home import Home
from dgate.web import views
from dgate.web.app import create_app

RELEASE = f"/batches/{BATCH}/release"
UNAPPROVE_FORM = f'action="/batches/{BATCH}/unapprove"'
APPROVE_FORM = f'action="/batches/{BATCH}/approve"'


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> World:
    """The hand-made batch submitted (its review item pending)."""
    world = make_world(tmp_path_factory.mktemp("r30"))
    assert upload(TestClient(create_app(world.home)), world).status_code == 201
    return world


@pytest.fixture()
def world(template: World, tmp_path: Path) -> World:
    home = tmp_path / "home"
    shutil.copytree(template.home, home)
    return World(tmp_path, home, template.zip_bytes, template.tokens)


def _events(home: Path, kind: str) -> list[dict[str, object]]:
    from dgate.ledger import store as ledger

    with Home(home) as h:
        return [ev for _i, data in ledger.entries(h.conn)
                if (ev := json.loads(data)).get("type") == kind]


def test_an_officer_withdraws_an_approval_from_the_release_page(world: World) -> None:
    """The release page offers the officer who approved (only them, only before release) a
    form to withdraw the approval with a reason, as `dgate batch unapprove`: posted, the
    approval is gone and the ledger says so; refused (as the other refusals: an error
    page, approval_refused on the ledger) once there is none, without the CSRF token, and
    with a reason the CLI refuses."""
    client = TestClient(create_app(world.home))
    with Home(world.home) as h:
        release_service.approve(h, "off1", BATCH)
    sign_in(client, world, "off2")  # has not approved: no form to withdraw, one to approve
    page = client.get(RELEASE)
    assert page.status_code == 200 and UNAPPROVE_FORM not in page.text, page.text
    assert APPROVE_FORM in page.text
    client.cookies.clear()
    sign_in(client, world, "off1")
    page = client.get(RELEASE)
    assert page.status_code == 200 and UNAPPROVE_FORM in page.text, page.text
    assert APPROVE_FORM not in page.text  # approved already: no second approve offered
    url = f"/batches/{BATCH}/unapprove"
    r = client.post(url, data={"reason": "approved in error"}, follow_redirects=False)
    assert r.status_code == 403 and "CSRF" in r.text  # no token: nothing withdrawn
    r = client.post(url, data={"reason": "x" * 501, "csrf": csrf_of(page.text)},
                    follow_redirects=False)
    assert r.status_code == 400, r.text
    assert _events(world.home, "approvals_withdrawn") == []
    r = client.post(url, data={"reason": "approved in error", "csrf": csrf_of(page.text)},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("done=unapproved"), r.text
    page = client.get(r.headers["location"])
    assert "Your approval is withdrawn." in page.text and UNAPPROVE_FORM not in page.text
    assert APPROVE_FORM in page.text
    assert "0 of 2" in page.text
    withdrawn = _events(world.home, "approvals_withdrawn")
    assert [(e["actor"], e["approvers"], e["because"]) for e in withdrawn] == [
        ("off1", ["off1"], "batch unapprove")]
    assert "approved in error" not in json.dumps(withdrawn)  # sealed, not in clear
    r = client.post(url, data={"reason": "again", "csrf": csrf_of(page.text)},
                    follow_redirects=False)
    assert r.status_code == 403 and "has no approval by off1 to withdraw" in r.text
    assert [e["actor"] for e in _events(world.home, "approval_refused")] == ["off1"]
    # approved again and released: the form is gone, and a post is refused
    with Home(world.home) as h:
        release_service.review_decide(h, "rev", KEY, False)
        release_service.approve(h, "off1", BATCH)
        release_service.approve(h, "off2", BATCH)
    page = client.get(RELEASE)
    assert UNAPPROVE_FORM in page.text
    r = client.post(RELEASE, data={"csrf": csrf_of(page.text)}, follow_redirects=False)
    assert r.status_code == 303, r.text
    page = client.get(RELEASE)
    assert "What left" in page.text and UNAPPROVE_FORM not in page.text
    r = client.post(url, data={"reason": "too late", "csrf": csrf_of(page.text)},
                    follow_redirects=False)
    assert r.status_code == 403 and "already released" in r.text
    assert dgate(world.home, "ledger", "verify", user="aud").code == 0


def test_an_officer_withdraws_an_approval_through_the_api(world: World) -> None:
    """POST /api/v1/batches/{id}/unapprove: a disclosure officer's own approval, with a
    reason bounded as a reopening's; repeat-safe under an Idempotency-Key; refused for
    another role and without an approval, as on the CLI."""
    client = TestClient(create_app(world.home))
    url = f"/api/v1/batches/{BATCH}/unapprove"
    for officer in ("off1", "off2"):
        assert client.post(f"/api/v1/batches/{BATCH}/approvals",
                           headers=auth(world, officer)).json()["approvals"] in (1, 2)
    r = client.post(url, headers=auth(world, "rev"), json={"reason": "not mine"})
    assert r.status_code == 403, r.text
    for body in ({}, {"reason": ""}, {"reason": "x" * 501}):
        assert client.post(url, headers=auth(world, "off1"), json=body).status_code == 422
    headers = auth(world, "off1", **{"Idempotency-Key": "unapprove-1"})
    r = client.post(url, headers=headers, json={"reason": "approved in error"})
    assert r.status_code == 200 and r.json() == {"batch_id": BATCH, "approvals": 1}, r.text
    again = client.post(url, headers=headers, json={"reason": "approved in error"})
    assert again.status_code == 200 and again.json() == r.json()
    assert again.headers.get("idempotent-replayed") == "true"
    assert client.post(url, headers=headers, json={"reason": "other"}).status_code == 409
    assert len(_events(world.home, "approvals_withdrawn")) == 1
    r = client.post(url, headers=auth(world, "off1"), json={"reason": "again"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden", r.text
    status = client.get(f"/api/v1/batches/{BATCH}", headers=auth(world, "off1")).json()
    assert status["approvals"] == ["off2"]
    assert dgate(world.home, "ledger", "verify", user="aud").code == 0


def _shown(html: str) -> list[list[str]]:
    return [re.findall(r"<td>(.*?)</td>", row) for _cls, row in
            re.findall(r"<tr class=\"(\w+)\">(.*?)</tr>", html, flags=re.S)]


def _counts(html: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r"<dt>([A-Z_]+)</dt><dd>(\d+)</dd>", html)}


def test_the_release_page_shows_a_page_of_rows_and_the_counts(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """The release page drew every row of the response file, each disclosure's sealed
    decision opened: it shows the counts by outcome of the whole file, and one page of
    rows (`?page=N`, past the end: the last), opening that page's decisions only. Before
    release and once released (the stored file), the pages together are the file."""
    monkeypatch.setattr(views, "PREVIEW_ROWS", 5)
    opened: list[object] = []
    real = views.details
    monkeypatch.setattr(views, "details", lambda home, row: opened.append(row) or
                        real(home, row))
    with Home(world.home) as h:
        release_service.review_decide(h, "rev", KEY, True)
        release_service.approve(h, "off1", BATCH)
        release_service.approve(h, "off2", BATCH)
    client = TestClient(create_app(world.home))
    sign_in(client, world, "off1")
    pages = (ROWS + 4) // 5

    def read_all() -> tuple[list[list[str]], dict[str, int]]:
        rows: list[list[str]] = []
        counts: dict[str, int] = {}
        for n in range(1, pages + 1):
            opened.clear()
            page = client.get(f"{RELEASE}?page={n}")
            assert page.status_code == 200, page.text
            shown = _shown(page.text)
            assert len(shown) == min(5, ROWS - 5 * (n - 1)), (n, shown)
            assert len(opened) <= len(shown)
            assert f"page {n} of {pages}" in page.text
            counts = _counts(page.text)
            rows += shown
        last = client.get(f"{RELEASE}?page={pages + 7}")
        assert _shown(last.text) == rows[5 * (pages - 1):]
        return rows, counts

    before, counts = read_all()
    r = client.post(RELEASE, data={"csrf": csrf_of(client.get(RELEASE).text)},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    sent = [row for row in csv.reader(io.StringIO(client.get(
        f"/batches/{BATCH}/response.csv").text))][1:]
    assert before == sent
    outcomes = {o: sum(1 for row in sent if row[1] == o)
                for o in ("DISCLOSED", "NOT_DISCLOSED", "REJECTED")}
    assert counts == outcomes and outcomes["DISCLOSED"] == 4
    after, counts = read_all()
    assert after == sent and counts == outcomes

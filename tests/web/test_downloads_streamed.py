"""The API's and the pages' downloads of a batch's decision report and of the accounting are
sent as they are read (issue 9): each was built whole in memory first (csvout.MemoryOut),
twice the file's size held per download (12 MB for the 1M x 100K batch's decision report,
74 MB for its accounting, 151 MB as JSON: linear in the batch, 1.28M records 13x that).
The bytes are the CLI's. A failure once the download has started ends the connection
before the body's end: never a shorter file that reads as whole."""

from __future__ import annotations

import http.client
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from tests.e2e.handmade import AS_OF, dgate
from tests.web.builders import ROWS, World, make_world
from tests.web.conftest import start_server, stop_server

from dgate import csvout
from dgate.errors import IntegrityError
from dgate.service import release
from dgate.web.app import create_app

BATCH = "ICE-2026-000123"


@pytest.fixture(scope="module")
def submitted(tmp_path_factory: pytest.TempPathFactory) -> World:
    world = make_world(tmp_path_factory.mktemp("streamed"))
    client = TestClient(create_app(world.home))
    r = client.post("/api/v1/batches",
                    headers={"Authorization": f"Bearer {world.tokens['clerk']}"},
                    files={"package": ("pkg.zip", world.zip_bytes, "application/zip")},
                    data={"as_of": AS_OF})
    assert r.status_code == 201, r.text
    return world


def _sign_in(client: TestClient, world: World, user: str) -> None:
    nonce = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
    assert nonce is not None
    r = client.post("/login", data={"user": user, "token": world.tokens[user],
                                    "csrf": nonce.group(1)}, follow_redirects=False)
    assert r.status_code == 303


def test_the_downloads_are_sent_as_read_and_are_the_clis_bytes(
        submitted: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    world = submitted
    monkeypatch.setattr(csvout, "PIECE_ROWS", 2)  # several pieces even for a small batch
    assert dgate(world.home, "batch", "decisions", BATCH, "--out", str(tmp_path / "d.csv"),
                 user="aud").code == 0
    assert dgate(world.home, "accounting", "export", "--out", str(tmp_path / "a.csv"),
                 user="aud").code == 0
    assert dgate(world.home, "accounting", "export", "--out", str(tmp_path / "a.json"),
                 user="aud").code == 0
    expected = {name: (tmp_path / name).read_bytes() for name in ("d.csv", "a.csv", "a.json")}
    assert expected["d.csv"].count(b"\n") == ROWS + 1
    api = TestClient(create_app(world.home))
    token = {"Authorization": f"Bearer {world.tokens['aud']}"}
    pages = TestClient(create_app(world.home))
    _sign_in(pages, world, "aud")
    for client, path, headers, name in (
            (api, f"/api/v1/batches/{BATCH}/decisions", token, "d.csv"),
            (api, "/api/v1/accounting", token, "a.csv"),
            (api, "/api/v1/accounting?format=json", token, "a.json"),
            (pages, f"/batches/{BATCH}/decisions.csv", None, "d.csv"),
            (pages, "/accounting/export.csv", None, "a.csv")):
        got = client.get(path, headers=headers)
        assert got.status_code == 200, (path, got.text)
        assert got.content == expected[name], path
        # a whole body is sent with its length; one sent as it is read cannot be
        assert "content-length" not in got.headers, path
        assert got.headers["content-type"].startswith(
            "application/json" if name.endswith(".json") else "text/csv"), path
    # the export's event counts the rows sent (counted before the first was read)
    ver = api.get("/api/v1/ledger/verification", headers=token)
    assert ver.json()["ok"] is True


def test_a_failure_after_the_first_piece_cuts_the_download_short(
        submitted: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """A decision that cannot be opened halfway through the report (a sealed row altered):
    the status (200) and the first rows have left; the connection is then closed with the
    chunked body unfinished, and the client reports an incomplete read."""
    world = submitted
    monkeypatch.setattr(csvout, "PIECE_ROWS", 2)
    opened = release.details
    calls = [0]

    def failing(home: object, row: object) -> dict[str, str]:
        calls[0] += 1
        if calls[0] > 3:
            raise IntegrityError("a sealed decision does not open")
        return opened(home, row)  # type: ignore[arg-type]

    monkeypatch.setattr(release, "details", failing)
    live = start_server(world.home)
    try:
        url = urlsplit(live.url)
        conn = http.client.HTTPConnection(url.hostname or "", url.port, timeout=30)
        conn.request("GET", f"/api/v1/batches/{BATCH}/decisions",
                     headers={"Authorization": f"Bearer {world.tokens['aud']}"})
        resp = conn.getresponse()
        assert resp.status == 200
        assert resp.getheader("transfer-encoding") == "chunked"
        with pytest.raises(http.client.IncompleteRead) as cut:
            resp.read()
        assert cut.value.partial.startswith(b"request_id,disposition,")
        conn.close()
    finally:
        stop_server(live)

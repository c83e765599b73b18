"""A small bounded load run against the real app on loopback (benchmarks/load.py's engine):
concurrent uploads (some packages twice at once), status polls, review-queue reads and
racing review decisions; then the store's invariants, and the documented limits."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from benchmarks.load import World, check_state, prepare, run_load, serve
from tests.e2e.handmade import AS_OF

UPLOADS = 8
CAP = 5     # intake_max_records in the home's config.json; the load packages hold 5


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return prepare(tmp_path_factory.mktemp("load"), UPLOADS, max_records=CAP)


def _upload(url: str, world: World, data: bytes) -> httpx.Response:
    return httpx.post(f"{url}/api/v1/batches", timeout=30.0,
                      headers={"Authorization": f"Bearer {world.tokens['clerk']}"},
                      files={"package": ("pkg.zip", data, "application/zip")},
                      data={"as_of": AS_OF})


def _error(r: httpx.Response) -> tuple[str, str]:
    body = r.json()
    assert set(body) == {"error"} and "Traceback" not in r.text
    return body["error"]["code"], body["error"]["message"]


def test_concurrent_load_loses_and_duplicates_nothing(world: World) -> None:
    with serve(world.home) as url:
        report = run_load(url, world, clients=4, seconds=15, replays=3, max_requests=2000)
    assert [(s.kind, s.status, s.note[:120]) for s in report.errors()] == []
    assert all(0 < s.status < 500 for s in report.samples)
    # Every package went in, each once, under the id its manifest asked for.
    assert report.uploads_left == 0
    assert report.batches == {bid: bid for bid, _ in world.packages}
    # Each package carries one review item; all were decided, each exactly once.
    assert len(report.decided) == UPLOADS
    assert {s.kind for s in report.samples} == {"upload", "status", "queue", "decide"}
    assert check_state(world.home, report) == []


def test_upload_over_the_size_limit_is_413_json(world: World) -> None:
    limit = 4096
    assert len(world.packages[0][1]) < limit   # a real package fits under it
    with serve(world.home, max_upload_bytes=limit) as url:
        r = _upload(url, world, b"PK" + b"x" * (limit * 4))
        assert r.status_code == 413 and _error(r)[0] == "too_large"
        # The server is still serving after refusing.
        me = httpx.get(f"{url}/api/v1/me", timeout=10.0,
                       headers={"Authorization": f"Bearer {world.tokens['aud']}"})
        assert me.status_code == 200


def test_records_over_the_batch_cap_are_a_clear_422(world: World) -> None:
    with serve(world.home) as url:
        r = _upload(url, world, world.oversize)
        assert r.status_code == 422
        code, message = _error(r)
        assert code == "unreadable_input" and f"more than {CAP} records" in message
        listed = httpx.get(f"{url}/api/v1/batches", timeout=10.0,
                           headers={"Authorization": f"Bearer {world.tokens['aud']}"})
    assert "LOAD-OVER" not in {b["batch_id"] for b in listed.json()}


def test_percentile_is_nearest_rank() -> None:
    from benchmarks.load import percentile
    xs = [float(i) for i in range(1, 101)]
    assert (percentile(xs, 50), percentile(xs, 95), percentile(xs, 99)) == (50.0, 95.0, 99.0)
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0 and percentile([7.0], 99) == 7.0


def test_world_packages_are_distinct(world: World) -> None:
    assert len({data for _b, data in world.packages}) == UPLOADS
    assert Path(world.home, "config.json").read_text().count('"intake_max_records": 5') == 1

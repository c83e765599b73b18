"""Two services on one PostgreSQL database: each is a copy of the home folder (same keys,
same config) in its own process. Releases of different batches both land and the ledger
stays one dense, verifiable log; two releases of the same batch give exactly one release,
the other a clean refusal, nothing twice in the accounting or the ledger.

Overlap is forced, not hoped for: the test itself holds the lock the two sessions need,
waits until both are queued on it, then lets go."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from pathlib import Path

import psycopg
import pytest
from tests.e2e.handmade import AS_OF, CASES, dgate, write_package
from tests.pg.stores import clone_home, config, make_home, point_at, query, release_cmd, state

from dgate.errors import UsageError
from dgate.service.home import Home, init_home
from dgate.store import case, db

BATCHES = ("ICE-2026-000123", "ICE-2026-000124")
PER_BATCH = 3  # R1, R3, R9 of CASES are disclosed


@pytest.fixture(scope="module")
def approved(pg_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A PostgreSQL home with two submitted batches, each approved by two officers."""
    tmp = tmp_path_factory.mktemp("two-services")
    home, key = make_home(tmp, pg_url)
    for n, batch_id in enumerate(BATCHES):
        pkg = write_package(tmp / f"pkg{n}", key, [c[0] for c in CASES], batch_id=batch_id)
        sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
        assert sub.code == 0 and sub.last_line == batch_id, sub.err
        for officer in ("off1", "off2"):
            assert dgate(home, "batch", "approve", batch_id, user=officer).code == 0
    return home


def two_services(request: pytest.FixtureRequest, approved: Path, tmp: Path
                 ) -> tuple[Path, Path]:
    """Service A's home (a copy with its own database copy) and service B's, a copy of A's
    folder sharing A's database."""
    a = clone_home(request, approved, tmp / "service-a")
    b = tmp / "service-b"
    import shutil

    shutil.copytree(a, b)
    assert config(a)["case_store"] == config(b)["case_store"]
    return a, b


def waiting_sessions(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as c:
        row = c.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                        "'dgate' AND wait_event_type = 'Lock'").fetchone()
    return int(row[0]) if row else 0


def run_held(url: str, hold_sql: str, params: tuple[object, ...],
             commands: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Run `commands` at once while this test holds a lock (`hold_sql` in an open
    transaction); let go once every one of them is queued behind it."""
    with psycopg.connect(url) as holder:
        holder.execute(hold_sql, params)
        procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for c in commands]
        deadline = time.monotonic() + 90
        while waiting_sessions(url) < len(commands):
            if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
                for p in procs:
                    p.kill()
                pytest.fail("the sessions never queued on the held lock")
            time.sleep(0.05)
        holder.commit()
    results = []
    for p, c in zip(procs, commands, strict=True):
        out, err = p.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(c, p.returncode, out, err))
    return results


def test_two_services_release_different_batches(request, approved, tmp_path: Path) -> None:
    a, b = two_services(request, approved, tmp_path)
    url = config(a)["case_store"]
    before = query(a, "SELECT count(*) FROM ledger_entries")[0][0]
    results = run_held(
        url, "SELECT pg_advisory_xact_lock(%s, %s)", (db.LOCK_NAMESPACE, db.LEDGER_LOCK),
        [release_cmd(a, BATCHES[0], tmp_path / "a.csv", "off1"),
         release_cmd(b, BATCHES[1], tmp_path / "b.csv", "off2")])
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    assert state(a) == (2, 2 * PER_BATCH, 2 * PER_BATCH)
    assert sorted(r[0] for r in query(a, "SELECT batch_id FROM releases")) == list(BATCHES)
    # One dense log: every index once, each release's events together after its turn.
    idx = [int(r[0]) for r in query(a, "SELECT idx FROM ledger_entries ORDER BY idx")]
    assert idx == list(range(len(idx))) and len(idx) > before
    events = [json.loads(bytes(r[0])) for r in
              query(a, "SELECT entry FROM ledger_entries WHERE idx >= ? ORDER BY idx",
                    (before,))]
    assert sorted(e["object"] for e in events if e["type"] == "release") == list(BATCHES)
    for service in (a, b):
        v = dgate(service, "ledger", "verify", user="aud")
        assert v.code == 0, v.err
    assert (tmp_path / "a.csv").read_bytes().count(b",DISCLOSED,") == PER_BATCH
    assert (tmp_path / "b.csv").read_bytes().count(b",DISCLOSED,") == PER_BATCH


def test_one_batch_cannot_be_released_twice(request, approved, tmp_path: Path) -> None:
    a, b = two_services(request, approved, tmp_path)
    url = config(a)["case_store"]
    results = run_held(
        url, "SELECT 1 FROM batches WHERE batch_id = %s FOR UPDATE", (BATCHES[0],),
        [release_cmd(a, BATCHES[0], tmp_path / "a.csv", "off1"),
         release_cmd(b, BATCHES[0], tmp_path / "b.csv", "off2")])
    codes = sorted(r.returncode for r in results)
    assert codes == [0, 4], [r.stderr for r in results]
    loser = next(r for r in results if r.returncode == 4)
    assert "released by another session" in loser.stderr
    assert len(loser.stderr.strip().splitlines()) == 1
    assert state(a) == (1, PER_BATCH, PER_BATCH)
    assert query(a, "SELECT count(*) FROM ledger_entries WHERE idx >= 0")[0][0] == \
        query(a, "SELECT max(idx) + 1 FROM ledger_entries")[0][0]
    assert dgate(b, "ledger", "verify", user="aud").code == 0
    # The winner's file is the stored response; the loser wrote none.
    winner = tmp_path / ("a.csv" if results[0].returncode == 0 else "b.csv")
    loser_file = tmp_path / ("b.csv" if results[0].returncode == 0 else "a.csv")
    assert winner.read_bytes().count(b",DISCLOSED,") == PER_BATCH and not loser_file.exists()


def test_sessions_racing_unaided_release_once(request, approved, tmp_path: Path) -> None:
    """No lock held by the test: three services started together on one batch."""
    a, _b = two_services(request, approved, tmp_path)
    procs = [subprocess.Popen(release_cmd(a, BATCHES[1], tmp_path / f"{n}.csv",
                                          ("off1", "off2", "off1")[n]),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for n in range(3)]
    for p in procs:
        p.communicate(timeout=120)
    # A session that starts after the release simply rewrites the stored file (exit 0);
    # one that raced it is refused (exit 4). Either way: one release, one accounting.
    assert all(p.returncode in (0, 4) for p in procs)
    assert state(a) == (1, PER_BATCH, PER_BATCH)
    assert dgate(a, "ledger", "verify", user="aud").code == 0


def test_two_processes_opening_a_new_database_migrate_it_once(
        request, approved, pg_server, tmp_path: Path) -> None:
    a = clone_home(request, approved, tmp_path / "a")
    fresh = pg_server.create_database("fresh")
    point_at(a, fresh)
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def open_home() -> None:
        try:
            start.wait()
            with Home(a):
                pass
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=open_home) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    versions = [r[0] for r in query(a, "SELECT version FROM schema_migrations ORDER BY 1")]
    assert versions == [v for v, _d, _s in case.MIGRATIONS]


def test_a_database_serves_one_home(approved, pg_server, tmp_path: Path) -> None:
    other = tmp_path / "other"
    url = config(approved)["case_store"]
    with pytest.raises(UsageError, match="already belongs to a home"):
        init_home(other, case_store=url)
    # A home made on its own database, then pointed at the first home's: refused on open,
    # so nothing is appended to a ledger signed with another home's key.
    assert init_home(tmp_path / "third", case_store=pg_server.create_database("third"))
    point_at(tmp_path / "third", url)
    with pytest.raises(UsageError, match="belongs to another home"):
        Home(tmp_path / "third")

"""Bounded load test of the JSON API on loopback: concurrent uploads, status polls,
review-queue reads and review decisions against the real app served by uvicorn.

    python benchmarks/load.py --clients 8 --seconds 30 --uploads 40

Prints requests/s and latency p50/p95/p99 per endpoint kind and the error counts, then
checks the case store: no 5xx, every uploaded batch stored exactly once (a few packages
are uploaded twice at once, which must give one batch), no request decided twice by a
reviewer, `ledger verify` passes. Exit status 1 if any check fails.
tests/reliability/test_load.py runs the same engine with a small bound.
"""

from __future__ import annotations

import argparse
import io
import json
import socket
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e.handmade import AS_OF, CASES, setup_home, write_package  # noqa: E402

from dgate.ledger import store as ledger  # noqa: E402
from dgate.service import audit, tokens  # noqa: E402
from dgate.service.home import Home  # noqa: E402
from dgate.web.app import create_app  # noqa: E402

USERS = ("clerk", "rev", "aud")
# 19 Elm St against the taxpayer of 9 Elm St: probable, not certain, so a review item.
REVIEW_CASE = dict(request_id="R11", first_name="Robert", last_name="Johnson",
                   street="19 Elm St", city="Miami", state="FL", zip="33125")
# Five records per package (a match, an ambiguity, a junior, a placeholder address and a
# review item): small enough to sit under the test's records-per-batch cap of 5.
LOAD_ROWS = [CASES[i][0] for i in (0, 1, 2, 5)] + [REVIEW_CASE]
ALREADY = "already decided"    # the refusal a reviewer who lost a race gets
HTTP_TIMEOUT = 60.0


@dataclass
class World:
    home: Path
    packages: list[tuple[str, bytes]]   # (manifest batch_id, zip bytes), all distinct
    oversize: bytes                    # a valid package of one more record than the cap
    tokens: dict[str, str]


@dataclass
class Sample:
    kind: str
    status: int       # 0: transport error (no response)
    seconds: float
    note: str = ""


@dataclass
class Report:
    samples: list[Sample] = field(default_factory=list)
    wall: float = 0.0
    batches: dict[str, str] = field(default_factory=dict)     # manifest id -> stored id
    decided: Counter[str] = field(default_factory=Counter)    # key -> 200 verdicts
    uploads_left: int = 0

    def errors(self) -> list[Sample]:
        """Every failed request except a reviewer's lost race (two reviewers on one item:
        one wins, the other is told it is already decided)."""
        return [s for s in self.samples if s.status == 0 or s.status >= 400
                and not (s.kind == "decide" and s.status == 403 and ALREADY in s.note)]


def _zip(folder: Path) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(folder.iterdir()):
            zf.write(p, p.name)
    return buf.getvalue()


def prepare(root: Path, uploads: int, max_records: int | None = None) -> World:
    """A home with users, agency, official and master; `uploads` distinct packages."""
    home, key = setup_home(root)
    if max_records is not None:
        cfg_path = home / "config.json"
        cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
        cfg["intake_max_records"] = max_records
        cfg_path.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
    pkgs = []
    for i in range(uploads):
        bid = f"LOAD-{i:04d}"
        pkgs.append((bid, _zip(write_package(root / "pkg" / bid, key, LOAD_ROWS,
                                             batch_id=bid))))
    extra = LOAD_ROWS + [dict(CASES[3][0], request_id="R12")]
    oversize = _zip(write_package(root / "pkg" / "OVER", key, extra, batch_id="LOAD-OVER"))
    with Home(home) as h:
        toks = {u: tokens.issue_token(h, "admin", u) for u in USERS}
    return World(home, pkgs, oversize, toks)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(home: Path, max_upload_bytes: int | None = None) -> Iterator[str]:
    """The app on 127.0.0.1 (a free port) in a background thread; yields its base URL."""
    app = create_app(home) if max_upload_bytes is None else \
        create_app(home, max_upload_bytes=max_upload_bytes)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the load test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


class _Run:
    """Shared state of one load run; every client thread works through it."""

    def __init__(self, url: str, world: World, replays: int, deadline: float,
                 linger: bool) -> None:
        self.url, self.world, self.deadline, self.linger = url, world, deadline, linger
        # Each package once, and the first `replays` of them a second time right after,
        # so two clients may well submit the same package at the same moment.
        todo = []
        for i, p in enumerate(world.packages):
            todo.append(p)
            if i < replays:
                todo.append(p)
        self.todo = todo
        self.lock = threading.Lock()
        self.report = Report()
        self.pending_reviews = True

    def _next_upload(self) -> tuple[str, bytes] | None:
        with self.lock:
            return self.todo.pop(0) if self.todo else None

    def _record(self, s: Sample) -> None:
        with self.lock:
            self.report.samples.append(s)

    def done(self) -> bool:
        if time.monotonic() >= self.deadline:
            return True
        with self.lock:
            return not self.linger and not self.todo and not self.pending_reviews

    def call(self, client: httpx.Client, kind: str, method: str, path: str,
             user: str, **kw: object) -> httpx.Response | None:
        headers = {"Authorization": f"Bearer {self.world.tokens[user]}"}
        t0 = time.perf_counter()
        try:
            r = client.request(method, self.url + path, headers=headers, **kw)  # type: ignore[arg-type]
        except httpx.HTTPError as exc:
            self._record(Sample(kind, 0, time.perf_counter() - t0, type(exc).__name__))
            return None
        note = r.text[:300] if r.status_code >= 400 else ""
        self._record(Sample(kind, r.status_code, time.perf_counter() - t0, note))
        return r

    def upload(self, client: httpx.Client, pkg: tuple[str, bytes]) -> None:
        bid, data = pkg
        r = self.call(client, "upload", "POST", "/api/v1/batches", "clerk",
                      files={"package": (f"{bid}.zip", data, "application/zip")},
                      data={"as_of": AS_OF})
        if r is not None and r.status_code in (200, 201):
            stored = r.json()["batch_id"]
            with self.lock:
                prev = self.report.batches.setdefault(bid, stored)
            if prev != stored:   # the same package came back as a second batch
                self._record(Sample("upload", 599, 0.0, "package stored twice"))

    def poll(self, client: httpx.Client, n: int) -> None:
        with self.lock:
            known = sorted(set(self.report.batches.values()))
        if known:
            self.call(client, "status", "GET", f"/api/v1/batches/{known[n % len(known)]}",
                      "aud")
        else:
            self.call(client, "status", "GET", "/api/v1/batches", "aud")

    def review(self, client: httpx.Client, n: int) -> None:
        # Batches known *before* the read: an empty queue only proves the end if every
        # package was already in when the server read it.
        with self.lock:
            known_before = len(self.report.batches)
        r = self.call(client, "queue", "GET", "/api/v1/reviews", "rev")
        if r is None or r.status_code != 200:
            return
        items = r.json()
        with self.lock:
            self.pending_reviews = bool(items) or bool(self.todo) or \
                known_before < len(self.world.packages)
        if not items:
            return
        # Clients start at different places in the queue, so some pick the same item
        # at the same time: the race the store must settle (one verdict, one refusal).
        key = items[n % len(items)]["request_key"]
        d = self.call(client, "decide", "POST", f"/api/v1/reviews/{key}", "rev",
                      json={"disclose": n % 2 == 0})
        if d is not None and d.status_code == 200:
            with self.lock:
                self.report.decided[key] += 1

    def client_loop(self, index: int, max_requests: int) -> None:
        with httpx.Client(timeout=HTTP_TIMEOUT) as client:
            for n in range(index, index + max_requests):
                if self.done():
                    return
                pkg = self._next_upload() if n % 3 == 0 else None
                if pkg is not None:
                    self.upload(client, pkg)
                elif n % 3 == 1:
                    self.poll(client, n)
                else:
                    self.review(client, n)


def run_load(url: str, world: World, *, clients: int, seconds: float, replays: int = 0,
             linger: bool = False, max_requests: int = 10_000) -> Report:
    """Run `clients` threads until `seconds` pass, each sending at most `max_requests`;
    without `linger` they stop as soon as every package is in and every review decided."""
    run = _Run(url, world, replays, time.monotonic() + seconds, linger)
    threads = [threading.Thread(target=run.client_loop, args=(i, max_requests), daemon=True)
               for i in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + HTTP_TIMEOUT + 10)
    run.report.wall = time.perf_counter() - t0
    run.report.uploads_left = len(run.todo)
    return run.report


def check_state(home: Path, report: Report) -> list[str]:
    """The invariants after a run; returns the broken ones (empty: all hold)."""
    problems = []
    with Home(home) as h:
        stored = [r[0] for r in h.conn.execute("SELECT batch_id FROM batches")]
        if sorted(stored) != sorted(set(report.batches.values())):
            problems.append(f"{len(stored)} batches stored for {len(report.batches)} "
                            "distinct packages uploaded")
        for bid, n_rec, n_dec in h.conn.execute(
                "SELECT b.batch_id, (SELECT count(*) FROM records r WHERE r.batch_id = "
                "b.batch_id), (SELECT count(*) FROM decisions d WHERE d.batch_id = "
                "b.batch_id) FROM batches b"):
            if n_rec != n_dec:
                problems.append(f"batch {bid}: {n_rec} records but {n_dec} decisions")
        reviewed = Counter(r[0] for r in h.conn.execute("SELECT request_key FROM reviews"))
        in_ledger: Counter[str] = Counter()
        for _i, raw in ledger.entries(h.conn):
            ev = json.loads(raw)
            if ev.get("type") == "review_decision":
                in_ledger[str(ev.get("object"))] += 1
        if any(n > 1 for n in in_ledger.values()) or set(in_ledger) != set(reviewed):
            problems.append("review decisions in the ledger differ from the reviews table")
        if any(n > 1 for n in report.decided.values()):
            problems.append("a review item was accepted twice by the API")
        if set(report.decided) != set(reviewed):
            problems.append("reviews accepted by the API differ from the reviews stored")
        check = audit.ledger_verify(h, "admin")
        if not check.ok:
            problems.append(f"ledger verify failed: {check.message}")
    return problems


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))   # ceil without floats drifting
    return ordered[int(rank) - 1]


def summary(report: Report) -> str:
    lines = [f"{'kind':8} {'count':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} "
             f"{'p99 ms':>8} {'errors':>6}"]
    wall = report.wall or 1.0
    errs = Counter(s.kind for s in report.errors())
    by_kind: dict[str, list[float]] = {}
    for s in report.samples:
        by_kind.setdefault(s.kind, []).append(s.seconds)
    for kind in ("upload", "status", "queue", "decide"):
        xs = by_kind.get(kind)
        if not xs:
            continue
        lines.append(f"{kind:8} {len(xs):6d} {len(xs) / wall:7.1f} "
                     f"{percentile(xs, 50) * 1e3:8.1f} {percentile(xs, 95) * 1e3:8.1f} "
                     f"{percentile(xs, 99) * 1e3:8.1f} {errs[kind]:6d}")
    total = len(report.samples)
    statuses = Counter(s.status for s in report.samples)
    lines.append(f"all      {total:6d} {total / wall:7.1f}   wall {report.wall:.1f} s; "
                 f"statuses {dict(sorted(statuses.items()))}")
    lost = sum(1 for s in report.samples if s.kind == "decide" and s.status == 403
               and ALREADY in s.note)
    lines.append(f"reviews decided {len(report.decided)}, lost races {lost}, "
                 f"batches {len(set(report.batches.values()))}, "
                 f"uploads not sent {report.uploads_left}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--uploads", type=int, default=40)
    parser.add_argument("--replays", type=int, default=4,
                        help="packages uploaded a second time, concurrently")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dgate-load-") as tmp:
        world = prepare(Path(tmp), args.uploads)
        with serve(world.home) as url:
            report = run_load(url, world, clients=args.clients, seconds=args.seconds,
                              replays=min(args.replays, args.uploads), linger=True)
        print(summary(report))
        for s in report.errors()[:10]:
            print(f"error: {s.kind} {s.status} {s.note[:200]}")
        problems = check_state(world.home, report)
        for p in problems:
            print(f"BROKEN: {p}")
        ok = not problems and not report.errors()
        print("state checks: ok" if ok else "state checks: FAILED")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

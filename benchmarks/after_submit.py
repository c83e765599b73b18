"""Everything a disclosure office runs after `batch submit`, timed on a large batch (issue 9).

    python benchmarks/scale.py --taxpayers 1000000 --requests 100000 --work W   # a batch decided
    PYTHONPATH=src python benchmarks/after_submit.py --home W/home

The home given (one batch submitted, not released: what scale.py leaves) is copied and, in
the copy, a reviewer, two disclosure officers and an auditor are added. Then, each on a
freshly opened home as the CLI and the web server open it: the decision report, the API's
and the pages' listings of the batch and its review queue (FastAPI TestClient, and the
pages' views), `review list`, one item's review page, every pending item decided
`--no-disclose`, two approvals, the release and a repeated release, the accounting export
(all, a --from/--to window, one taxpayer's --tin), the accounting summary, `ledger verify`,
and `retention run` (today, then years later: the batch's data destroyed). Every download the
API and the pages offer (decision report, response file, accounting as CSV and JSON) is
read as a stream by the client (`TestClient.stream`), so the client holds no copy of it.

    PYTHONPATH=src python benchmarks/after_submit.py --home W/home --release-only

runs only what `batch release` needs (review list, every item decided `--no-disclose`,
two approvals, the release) and ends with one summary line (disclosures, ms a
disclosure). `--save DIR` keeps the response file and every download in DIR (to `cmp`
two checkouts' bytes); `--tracemalloc` adds each step's Python heap peak above its start.

For each step: wall seconds, the peak resident memory during the step (sampled every
20 ms) and its rise over the step's start, how many SQL statements ran, and every
statement run more than --per-row times in the step (a query run per row) with its query
plan: a `SCAN` of a large table there is the quadratic fault of issue 9 (commit d3bd689).
One JSON line per step; the copy is removed afterwards. Figures only: nothing here asserts a
speed.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import shutil
import sqlite3
import tempfile
import threading
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

_LITERAL = re.compile(r"'(?:[^']|'')*'|\bx'[0-9a-fA-F]*'|\b\d+(?:\.\d+)?\b|\bNULL\b")
_statements: Counter[str] = Counter()
_sample: dict[str, str] = {}


def _trace(sql: str) -> None:
    key = _LITERAL.sub("?", " ".join(sql.split()))
    _statements[key] += 1
    if key not in _sample and len(sql) < 20_000:
        _sample[key] = sql


def _rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class _Sampler(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = _rss_kb()
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.02):
            self.peak = max(self.peak, _rss_kb())


def _plan(conn: sqlite3.Connection, sql: str) -> list[str]:
    """The plan of the statement as it ran (its first run's values: a partial index is
    used only for the value it names)."""
    if not sql.lstrip().upper().startswith(("SELECT", "WITH", "UPDATE", "DELETE")):
        return []
    try:
        return [str(r[3]) for r in conn.execute("EXPLAIN QUERY PLAN " + sql)]
    except sqlite3.Error as exc:
        return [f"(no plan: {exc})"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--home", type=Path, required=True,
                    help="a home holding one submitted, unreleased batch (copied first)")
    ap.add_argument("--per-row", type=int, default=500,
                    help="list statements run more often than this in one step")
    ap.add_argument("--keep", action="store_true", help="keep the copy (its path is printed)")
    ap.add_argument("--skip", default="",
                    help="steps to leave out, separated by commas (or by semicolons, for "
                         "steps whose names hold a comma)")
    ap.add_argument("--release-only", action="store_true",
                    help="only review, approve and release (what release.py ran)")
    ap.add_argument("--save", type=Path, default=None,
                    help="keep the response file and every download in this folder")
    ap.add_argument("--tracemalloc", action="store_true",
                    help="also each step's Python heap peak above its start (slower)")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(";" if ";" in args.skip else ",")))
    only = {"review list", "review decide (each item)", "batch approve (two officers)",
            "batch release"} if args.release_only else None
    if args.save is not None:
        args.save.mkdir(parents=True, exist_ok=True)
    if args.tracemalloc:
        tracemalloc.start()

    from fastapi.testclient import TestClient

    from dgate.service import admin, audit, retention, tokens
    from dgate.service import release as releasing
    from dgate.service.home import Home
    from dgate.store import case
    from dgate.web import views
    from dgate.web.app import create_app

    connect = case.connect

    def traced(path: Path) -> sqlite3.Connection:
        conn = connect(path)
        conn.set_trace_callback(_trace)
        return conn

    case.connect = traced  # type: ignore[assignment]

    scratch = Path(tempfile.mkdtemp(prefix="after-submit-", dir=args.home.parent))
    home_dir = scratch / "home"
    shutil.copytree(args.home, home_dir)
    out = args.save if args.save is not None else scratch / "out"
    out.mkdir(exist_ok=True)
    plan_conn = sqlite3.connect(home_dir / "case.sqlite")

    @contextmanager
    def opened() -> Iterator[Home]:
        with Home(home_dir) as h:
            yield h

    times: dict[str, float] = {}

    def step(name: str, fn: Callable[[], Any]) -> Any:
        if name in skip or (only is not None and name not in only):
            return None
        _statements.clear()
        _sample.clear()
        gc.collect()  # what earlier steps left for the collector is not this step's
        sampler = _Sampler()
        start_rss = sampler.peak
        heap = 0
        if args.tracemalloc:
            heap = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
        sampler.start()
        t = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - t
        times[name] = seconds
        sampler.stop.set()
        sampler.join()
        heap_rise = (round((tracemalloc.get_traced_memory()[1] - heap) / 2**20, 1)
                     if args.tracemalloc else None)
        per_row = {sql: n for sql, n in _statements.most_common() if n > args.per_row}
        print(json.dumps({
            "step": name, "seconds": round(seconds, 3),
            "peak_rss_mb": round(sampler.peak / 1024, 1),
            "rss_rise_mb": round((sampler.peak - start_rss) / 1024, 1),
            "heap_rise_mb": heap_rise,
            "statements": sum(_statements.values()), "result": result,
            "per_row": [{"n": n, "sql": sql[:300], "plan": _plan(plan_conn, _sample.get(sql, sql))}
                        for sql, n in per_row.items()],
            # every statement whose plan scans a table (a correlated subquery run per row
            # is not a statement of its own: its plan is here)
            "scans": [{"n": n, "sql": sql[:300], "plan": plan}
                      for sql, n in _statements.items()
                      for plan in [_plan(plan_conn, _sample.get(sql, sql))]
                      if any(line.startswith("SCAN") or "CORRELATED" in line
                             for line in plan)]}), flush=True)
        return result

    try:
        with opened() as h:
            rows = h.conn.execute("SELECT batch_id FROM batches WHERE status <> 'released'"
                                  ).fetchall()
            if len(rows) != 1:
                raise SystemExit(f"{args.home}: expected one unreleased batch, found "
                                 f"{len(rows)}")
            batch_id = str(rows[0][0])
            users = {"bench-rev": "reviewer", "bench-off1": "disclosure_officer",
                     "bench-off2": "disclosure_officer", "bench-aud": "auditor"}
            for user, role in users.items():
                admin.user_add(h, "admin", user, role)
            toks = {u: tokens.issue_token(h, "admin", u) for u in users}
            records = int(h.batch_row(batch_id)["record_count"])
            # a taxpayer of the batch for --tin: the first disclosure's matched TIN
            first = h.conn.execute("SELECT * FROM decisions WHERE batch_id = ? AND "
                                   "disposition = 'DISCLOSE' ORDER BY seq LIMIT 1",
                                   (batch_id,)).fetchone()
            tin = releasing.details(h, first)["match_tin"] if first is not None else None
        print(json.dumps({"batch": batch_id, "records": records}), flush=True)

        step("open home", lambda: opened().__enter__().conn.close())

        def with_home(fn: Callable[[Home], Any]) -> Callable[[], Any]:
            def run() -> Any:
                with opened() as h:
                    return fn(h)
            return run

        step("batch decisions", with_home(lambda h: releasing.decision_report(
            h, "bench-off1", batch_id, out / "decisions.csv")))

        client = TestClient(create_app(home_dir))

        def fetch(c: TestClient, path: str, save: str | None,
                  headers: dict[str, str] | None = None) -> list[Any]:
            """GET `path` read as a stream (the client holds no copy): status, bytes, and
            the bytes kept in --save's folder under `save`."""
            n = 0
            target = args.save / save if args.save is not None and save else None
            with c.stream("GET", path, headers=headers) as r, \
                    open(target if target is not None else os.devnull, "wb") as f:
                for piece in r.iter_bytes():
                    n += len(piece)
                    f.write(piece)
                return [r.status_code, n]

        def api(user: str, path: str, save: str | None = None) -> Callable[[], Any]:
            return lambda: fetch(client, path, save,
                                 {"Authorization": f"Bearer {toks[user]}"})

        pages: dict[str, TestClient] = {}

        def page(user: str, path: str, save: str) -> Callable[[], Any]:
            def run() -> Any:
                if user not in pages:  # signed in once, outside the step's figures
                    pages[user] = c = TestClient(create_app(home_dir))
                    nonce = re.search(r'name="csrf" value="([^"]+)"',
                                      c.get("/login").text)
                    c.post("/login", data={"user": user, "token": toks[user],
                                           "csrf": nonce.group(1) if nonce else ""})
                return fetch(pages[user], path, save)
            return run

        step("api GET /batches", api("bench-off1", "/api/v1/batches"))
        step("api GET /batches/{id}", api("bench-off1", f"/api/v1/batches/{batch_id}"))
        step("api GET /batches/{id}/decisions",
             api("bench-off1", f"/api/v1/batches/{batch_id}/decisions", "api-decisions.csv"))
        step("page GET /batches/{id}/decisions.csv",
             page("bench-off1", f"/batches/{batch_id}/decisions.csv", "page-decisions.csv"))
        step("api GET /reviews?batch_id", api("bench-rev", f"/api/v1/reviews?batch_id={batch_id}"))
        step("page /batches (views.batch_list)",
             with_home(lambda h: len(views.batch_list(h, "bench-off1"))))
        step("page /batches/{id} (batch_status, histogram)", with_home(lambda h: [
            views.batch_status(h, "bench-off1", batch_id).batch_id,
            sum(views.probability_histogram(h, batch_id))]))

        def queue_page(h: Home) -> int:
            items = releasing.review_list(h, "bench-rev", batch_id)
            notes = views.queue_notes(h, "bench-rev", batch_id,
                                      [it.request_key for it in items[:views.QUEUE_NOTES_MAX]])
            return len(notes)

        step("page /review (review_list, queue_notes)", with_home(queue_page))
        step("page /batches/{id}/release (preview)", with_home(
            lambda h: str(views.release_preview(h, "bench-off1", batch_id))[:0] or "ok"))
        items = step("review list", with_home(lambda h: [
            it.request_key for it in releasing.review_list_with_reasons(
                h, "bench-rev", batch_id)[0]])) or []

        if items:
            # one item's page: its candidates read from the master (DuckDB), per view
            step("page /review/{key} (review_detail)", with_home(lambda h: len(
                views.review_detail(h, "bench-rev", items[-1]).candidates)))

        def decide_all(h: Home) -> int:
            for key in items:
                releasing.review_decide(h, "bench-rev", key, False)
            return len(items)

        step("review decide (each item)", with_home(decide_all))
        step("batch approve (two officers)", with_home(lambda h: [
            releasing.approve(h, "bench-off1", batch_id),
            releasing.approve(h, "bench-off2", batch_id)]))
        step("page /batches/{id}/release (preview, approved)", with_home(
            lambda h: str(views.release_preview(h, "bench-off1", batch_id))[:0] or "ok"))
        released = step("batch release", with_home(lambda h: releasing.release(
            h, "bench-off1", batch_id, out / "response.csv").disclosed))
        step("batch release (repeated)", with_home(lambda h: releasing.release(
            h, "bench-off1", batch_id, out / "response2.csv").repeated))
        step("api GET /batches/{id}/response",
             api("bench-off1", f"/api/v1/batches/{batch_id}/response", "api-response.csv"))
        step("page GET /batches/{id}/response.csv",
             page("bench-off1", f"/batches/{batch_id}/response.csv", "page-response.csv"))
        today = date.today()
        step("accounting export", with_home(lambda h: audit.accounting_export(
            h, "bench-aud", out / "accounting.csv", None, None)))
        step("accounting export --from/--to", with_home(lambda h: audit.accounting_export(
            h, "bench-aud", out / "accounting-window.csv", today - timedelta(days=400),
            today + timedelta(days=1))))
        step("accounting export --tin", with_home(lambda h: audit.accounting_export(
            h, "bench-aud", out / "accounting-tin.csv", None, None, None, tin)))
        step("api GET /accounting", api("bench-aud", "/api/v1/accounting",
                                        "api-accounting.csv"))
        step("api GET /accounting?format=json", api(
            "bench-aud", "/api/v1/accounting?format=json", "api-accounting.json"))
        step("page GET /accounting/export.csv", page(
            "bench-aud", "/accounting/export.csv", "page-accounting.csv"))
        step("accounting summary", with_home(lambda h: sum(audit.accounting_summary(
            h, "bench-aud", today.year).disclosures.values())))
        step("ledger verify", with_home(lambda h: audit.ledger_verify(h, "bench-aud").ok))
        step("retention run (nothing due)", with_home(lambda h: len(retention.retention_run(
            h, "admin", today).destroyed)))
        step("retention run (batch expired)", with_home(lambda h: len(retention.retention_run(
            h, "admin", today + timedelta(days=4000)).destroyed)))
        step("ledger verify (after retention)",
             with_home(lambda h: audit.ledger_verify(h, "bench-aud").ok))
        if "batch release" in times:  # what benchmarks/release.py printed
            print(json.dumps({
                "reviewed": len(items), "disclosed": released, "records": records,
                "ms_per_disclosure": round(
                    1000 * times["batch release"] / max(1, released or 0), 3)}), flush=True)
    finally:
        plan_conn.close()
        if args.keep:
            print(json.dumps({"kept": str(scratch)}))
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()

"""The approval and release page's memory, before and after the batch is released.

    python benchmarks/scale.py --taxpayers 50000 --requests 5000 --work W   # a batch decided
    PYTHONPATH=src python benchmarks/release_page.py --home W/home

The home given (one batch submitted, not released: what scale.py leaves) is copied; in the
copy a reviewer and two disclosure officers are added, every pending review item is decided
`--no-disclose` and both officers approve. Then, before and after the release: the page's
read model (web/views.release_preview, its default page) and the page itself (GET
/batches/{id}/release through FastAPI's TestClient, signed in as an officer), each with the
Python heap's peak above its start (tracemalloc; the in-process server's threads are
traced too), that peak per record of the batch, and the page's HTML bytes; each twice,
the first run also compiling the page's templates. One JSON line
each; the copy is removed afterwards. Figures only: nothing here asserts a size.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import shutil
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--home", type=Path, required=True,
                    help="a home holding one submitted, unreleased batch (copied first)")
    args = ap.parse_args()

    from fastapi.testclient import TestClient

    from dgate.csvout import MemoryOut
    from dgate.service import admin, tokens
    from dgate.service import release as releasing
    from dgate.service.home import Home
    from dgate.web import views
    from dgate.web.app import create_app

    scratch = Path(tempfile.mkdtemp(prefix="release-page-", dir=args.home.parent))
    home_dir = scratch / "home"
    shutil.copytree(args.home, home_dir)
    try:
        with Home(home_dir) as h:
            rows = h.conn.execute("SELECT batch_id, record_count FROM batches "
                                  "WHERE status <> 'released'").fetchall()
            if len(rows) != 1:
                raise SystemExit(f"{args.home}: expected one unreleased batch")
            batch_id, records = str(rows[0][0]), int(rows[0][1])
            users = {"bench-rev": "reviewer", "bench-off1": "disclosure_officer",
                     "bench-off2": "disclosure_officer"}
            for user, role in users.items():
                admin.user_add(h, "admin", user, role)
            token = tokens.issue_token(h, "admin", "bench-off1")
            for item in releasing.review_list(h, "bench-rev", batch_id):
                releasing.review_decide(h, "bench-rev", item.request_key, False)
            releasing.approve(h, "bench-off1", batch_id)
            releasing.approve(h, "bench-off2", batch_id)
        print(json.dumps({"batch": batch_id, "records": records}), flush=True)

        client = TestClient(create_app(home_dir))
        form = client.get("/login")
        nonce = re.search(r'name="csrf" value="([^"]+)"', form.text)
        assert nonce is not None
        signed = client.post("/login", data={"user": "bench-off1", "token": token,
                                             "csrf": nonce.group(1)}, follow_redirects=False)
        assert signed.status_code == 303, signed.text

        def measure(name: str, fn: Callable[[], Any]) -> None:
            gc.collect()
            tracemalloc.start()
            start = tracemalloc.get_traced_memory()[0]
            t = time.perf_counter()
            result = fn()
            seconds = time.perf_counter() - t
            peak = tracemalloc.get_traced_memory()[1] - start
            tracemalloc.stop()
            print(json.dumps({"step": name, "seconds": round(seconds, 3),
                              "heap_peak_mb": round(peak / 2**20, 2),
                              "heap_peak_bytes_per_record": round(peak / max(records, 1)),
                              "result": result}), flush=True)

        def read_model() -> dict[str, int]:
            with Home(home_dir) as h:
                p = views.release_preview(h, "bench-off1", batch_id)
                return {"rows_held": len(p.rows)}

        def page() -> dict[str, int]:
            r = client.get(f"/batches/{batch_id}/release")
            return {"status": r.status_code, "html_bytes": len(r.content)}

        for when in ("before release", "after release"):
            if when == "after release":
                with Home(home_dir) as h:
                    releasing.release(h, "bench-off1", batch_id, MemoryOut("response.csv"))
            for run in ("first", "again"):  # the first also compiles the templates
                measure(f"views.release_preview ({when}, {run})", read_model)
                measure(f"GET /batches/{{id}}/release ({when}, {run})", page)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()

"""The HTTP service (FastAPI), built by a factory: no state at import time.

This first cut serves what needs no personal data and no login: health, and the latest
signed ledger checkpoint for publication. The authenticated API and the review pages are
built on the same service layer (issue 8).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import JSONResponse, PlainTextResponse


def create_app(home: Path) -> FastAPI:
    from dgate.ledger import store as ledger
    from dgate.service.home import Home

    app = FastAPI(title="Disclosure Gate", version="0.1.0")

    @app.get("/healthz")
    def health() -> JSONResponse:
        with Home(home) as h:
            master = h.master.info()
            size = ledger.size(h.conn)
        return JSONResponse({"status": "ok", "ledger_size": size,
                             "master": master.version if master else None})

    @app.get("/ledger/checkpoint", response_class=PlainTextResponse)
    def checkpoint() -> PlainTextResponse:
        with Home(home) as h:
            note = ledger.latest_checkpoint(h.conn)
        if note is None:
            return PlainTextResponse("no checkpoint yet\n", status_code=404)
        return PlainTextResponse(note)

    return app

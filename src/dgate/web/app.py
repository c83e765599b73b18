"""The HTTP service (FastAPI), built by a factory: no state at import time.

    create_app(home) -> FastAPI

serves the JSON API under /api/v1 (bearer tokens), the server-rendered pages for officers,
reviewers and auditors (session cookie + CSRF), the OpenAPI schema at /openapi.json (a
bearer token too), plus two unauthenticated endpoints that carry no personal data: /healthz
and the latest signed ledger checkpoint at /ledger/checkpoint, for publication.

There is no /docs or /redoc: FastAPI's pages load Swagger UI or ReDoc from a CDN, which
the office's machines cannot reach and which would run a third party's script on the
service's origin. The schema is read with any OpenAPI tool, given a token.

Errors are JSON `{"error": {"code", "message"}}` on the API and a small page on the site;
never a stack trace. Every response carries the security headers (security.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from dgate.errors import DgateError
from dgate.web import api, gate, pages
from dgate.web.common import (
    MIB,
    TooManyAttempts,
    WebConfig,
    error_body,
    status_of,
    sweep_scratch,
)
from dgate.web.security import BodyGate, SecurityHeaders, TrackedSend

log = logging.getLogger("dgate.web")
HERE = Path(__file__).parent


def create_app(home: Path, *, max_upload_bytes: int = 64 * MIB) -> FastAPI:
    from dgate.ledger import store as ledger
    from dgate.service import signin
    from dgate.service.home import Home

    # Open the home once now: a wrong path fails at start-up, and pending migrations run
    # before the first request rather than inside it.
    with Home(home) as h:
        signin.policy(h.config)   # config.json's sign-in limits: refused now if wrong
    sweep_scratch()
    cfg = WebConfig(home=Path(home), max_upload_bytes=max_upload_bytes)
    app = FastAPI(title="Disclosure Gate", version="0.1.0", docs_url=None, redoc_url=None,
                  openapi_url=None,
                  description="Lawful, precise, accountable address disclosure under "
                              "26 U.S.C. 6103(i)(2). See docs/api.md.")
    app.state.config = cfg
    crash, refuse = _errors(app)
    # The last added is the outermost: SecurityHeaders, then CrashGuard (so its 500 gets the
    # headers too), then BodyGate (whose own refusals are not crashes): no body is read
    # before its sender is signed in, and none beyond its limit (gate.py).
    app.add_middleware(BodyGate, admit=gate.admit(cfg, refuse), limit_of=gate.limit_of(cfg))
    app.add_middleware(CrashGuard, respond=crash)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.build(cfg))
    app.include_router(pages.build(cfg))

    # A default rather than Annotated[...]: this module's annotations are strings, and the
    # dependency is local to this function.
    token_holder = Depends(api.bearer_caller(cfg))

    @app.get("/openapi.json", include_in_schema=False)
    def openapi(c: api.Caller = token_holder) -> dict[str, Any]:
        return app.openapi()

    @app.get("/healthz", include_in_schema=False)
    def health() -> JSONResponse:
        with Home(cfg.home) as h:
            master = h.master.info()
            size = ledger.size(h.conn)
        return JSONResponse({"status": "ok", "ledger_size": size,
                             "master": master.version if master else None})

    @app.get("/ledger/checkpoint", response_class=PlainTextResponse, include_in_schema=False)
    def checkpoint() -> PlainTextResponse:
        with Home(cfg.home) as h:
            note = ledger.latest_checkpoint(h.conn)
        if note is None:
            return PlainTextResponse("no checkpoint yet\n", status_code=404)
        return PlainTextResponse(note)

    return app


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path in ("/openapi.json", "/healthz")


def _errors(app: FastAPI) -> tuple[Callable[[Request, Exception], Response],
                                   Callable[[Request, DgateError], Response]]:
    def respond(request: Request, status: int, code: str, message: str,
                headers: dict[str, str] | None = None) -> Response:
        if _wants_json(request):
            return JSONResponse(error_body(code, message), status_code=status,
                                headers=headers)
        return pages.error_page(request, status, message)

    def refuse(request: Request, exc: DgateError) -> Response:
        status, code = status_of(exc)
        if status == 401 and not _wants_json(request):
            return pages.to_login(request)
        headers = {"www-authenticate": "Bearer"} if status == 401 else None
        if isinstance(exc, TooManyAttempts):
            headers = {"retry-after": str(exc.retry_after)}
        if status >= 500:
            log.error("%s on %s %s: %s", type(exc).__name__, request.method,
                      request.url.path, exc)
        return respond(request, status, code, exc.message, headers)

    @app.exception_handler(DgateError)
    async def dgate_error(request: Request, exc: DgateError) -> Response:
        return refuse(request, exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        # Where and what, never the value sent: it may be taxpayer data.
        parts = []
        for err in exc.errors()[:5]:
            loc = ".".join(str(x) for x in err.get("loc", ()) if x != "body") or "request"
            parts.append(f"{loc}: {err.get('msg', 'invalid')}")
        return respond(request, 422, "invalid_request", "; ".join(parts) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code,
                                                                 f"http_{exc.status_code}")
        return respond(request, exc.status_code, code, message,
                       dict(exc.headers) if exc.headers else None)

    def crash(request: Request, exc: Exception) -> Response:
        # The type only: a foreign message might quote data it was handed.
        log.error("internal error (%s) on %s %s", type(exc).__name__, request.method,
                  request.url.path)
        return respond(request, 500, "internal", "internal error")

    # Not app.exception_handler(Exception): Starlette runs that handler in its outermost
    # middleware and then re-raises, so that the server logs the traceback with the
    # exception's message, which may quote a name or a TIN. CrashGuard answers instead and
    # lets nothing travel further.
    return crash, refuse


class CrashGuard:
    """Turns any exception the app lets through into the 500 response of `respond`
    (which logs the type only) and stops it there: nothing reaches Starlette's
    ServerErrorMiddleware, which would hand the exception, message and all, to the
    server's log. Once a response has started nothing more can be sent; the exception is
    still stopped and logged by type."""

    def __init__(self, app: ASGIApp,
                 respond: Callable[[Request, Exception], Response]) -> None:
        self.app = app
        self.respond = respond

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        tracked = TrackedSend(send)
        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:  # noqa: BLE001 — the last line of defence
            request = Request(scope)
            if tracked.started:
                log.error("internal error (%s) on %s %s after the response started",
                          type(exc).__name__, request.method, request.url.path)
                return
            await self.respond(request, exc)(scope, receive, send)

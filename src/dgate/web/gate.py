"""Who may send the service a request body, and how large (security.BodyGate applies it).

A route that declares a form, a file or a JSON body has it read and parsed by FastAPI
before the route's dependencies run, and the authentication is a dependency: an anonymous
caller's 64 MiB upload was parsed and spooled to disk, and only then refused with a 401.
So, before any body is read:

- a request that may carry one (anything but GET, HEAD, OPTIONS) must come from a signed-in
  caller: a live bearer token under /api/, a live session elsewhere; only the sign-in
  form (/login) takes a body from anyone;
- an upload (a request package) must come from a role that may submit one, checked and
  refused (and recorded in the ledger) as `batch submit` would;
- a body may be at most FORM_LIMIT bytes, an upload at most the service's upload limit.

The routes check all of this again once the body is read (their dependencies are
unchanged): this gate only keeps what an unknown caller sends from being read at all.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Scope

from dgate.errors import DgateError
from dgate.service.submit import SUBMIT_ACTION, SUBMIT_ROLES
from dgate.web import api, pages
from dgate.web.common import MIB, Unauthorized, WebConfig

FORM_LIMIT = 64 * 1024
"""The largest body of anything but an upload: a form or a review verdict is a few
hundred bytes."""
NO_BODY = frozenset({"GET", "HEAD", "OPTIONS"})
UPLOADS = frozenset({("POST", "/api/v1/batches"), ("POST", "/batches")})
PUBLIC_FORMS = frozenset({("POST", "/login")})


def route_of(scope: Scope) -> tuple[str, str]:
    """(method, path) of a request, its path as the app's routes name it (without the
    prefix a proxy serving the app under a root path adds)."""
    path, root = str(scope.get("path", "")), str(scope.get("root_path", ""))
    if root and path.startswith(root):
        path = path[len(root):] or "/"
    return str(scope.get("method", "")), path


def limit_of(cfg: WebConfig) -> Callable[[Scope], int]:
    def limit(scope: Scope) -> int:
        if route_of(scope) in UPLOADS:
            return cfg.max_upload_bytes + MIB   # the package and the multipart framing
        return FORM_LIMIT

    return limit


def admit(cfg: WebConfig, refuse: Callable[[Request, DgateError], Response]
          ) -> Callable[[Scope], Awaitable[ASGIApp | None]]:
    async def check(scope: Scope) -> ASGIApp | None:
        method, path = route_of(scope)
        if method in NO_BODY or (method, path) in PUBLIC_FORMS:
            return None
        request = Request(scope)
        try:
            await run_in_threadpool(authenticate, cfg, request, path.startswith("/api/"),
                                    (method, path) in UPLOADS)
        except DgateError as exc:
            return refuse(request, exc)
        return None

    return check


def authenticate(cfg: WebConfig, request: Request, on_api: bool, upload: bool) -> None:
    """Raise Unauthorized unless the request's credentials are live (a bearer token on the
    API, a session elsewhere), PolicyError unless an upload's sender may submit; reads
    headers and cookies only, never the body."""
    if on_api:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("a bearer token is required (Authorization: Bearer TOKEN)")
        api.not_throttled(cfg, request)
        with cfg.open(api.CHANNEL) as home:
            who = api.token_holder(cfg, home, request, token.strip())
            if upload:
                home.authorize(who.user_id, SUBMIT_ROLES, SUBMIT_ACTION)
        return
    session = pages.session_of(cfg, request)
    with cfg.open(pages.CHANNEL) as home:
        who = pages.session_holder(home, session)
        if upload:
            home.authorize(who.user_id, SUBMIT_ROLES, SUBMIT_ACTION)

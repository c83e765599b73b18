"""The server-rendered pages: sign-in, batch dashboard, review queue and item, approval and
release, accounting and ledger. Sessions are signed cookies (HttpOnly, SameSite=Strict);
every form carries a CSRF token. Like the API, every page hands each decision to the
service layer and every view of taxpayer data is access-logged there or in views.py.
"""


import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import jinja2
from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from dgate.csvout import MemoryOut, StreamOut
from dgate.errors import PolicyError, UsageError
from dgate.model import Role
from dgate.service import audit, release, signin, submit, tokens
from dgate.service.home import Home
from dgate.web import charts, views
from dgate.web.common import (
    Unauthorized,
    WebConfig,
    client_of,
    save_upload,
    scratch,
    streamed,
)
from dgate.web.security import LOGIN_COOKIE, SESSION_COOKIE, Session, csrf_ok

CHANNEL = "web"
log = logging.getLogger("dgate.web")
_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
    autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)

NAV = (  # (path, label, roles that see the link)
    ("/batches", "Batches", tuple(Role)),
    ("/review", "Review queue", (Role.REVIEWER, Role.DISCLOSURE_OFFICER, Role.ADMIN,
                                 Role.AUDITOR, Role.INTAKE)),
    ("/accounting", "Accounting", (Role.AUDITOR, Role.ADMIN, Role.DISCLOSURE_OFFICER)),
    ("/ledger", "Ledger", (Role.AUDITOR, Role.ADMIN)),
)
DONE = {"approved": "Your approval is recorded.",
        "unapproved": "Your approval is withdrawn.", "released": "The batch is released.",
        "reviewed": "Your verdict is recorded.",
        "reopened": "The decision was taken back: the item is pending review again.",
        "submitted": "The package was received.",
        "existing": "This package was submitted before; this is its batch."}


@dataclass
class Page:
    home: Home
    user: str
    role: str
    session: Session


def render(name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    ctx = {"notice": "", "me": None, "nav": [], "csrf": "", **ctx}
    return HTMLResponse(_ENV.get_template(name).render(**ctx), status_code=status)


def _nav(role: str) -> list[tuple[str, str]]:
    return [(path, label) for path, label, roles in NAV if role in roles]


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """An error page; for a signed-in user it keeps the navigation and the sign-out form
    (the role in the signed cookie serves only to draw the links)."""
    signer = getattr(getattr(request.app.state, "config", None), "signer", None)
    session = signer.session(request.cookies.get(SESSION_COOKIE)) if signer else None
    if session is None:
        return render("error.html", status, title=f"Error {status}", message=message)
    return render("error.html", status, title=f"Error {status}", message=message,
                  me={"user": session.user_id, "role": session.role},
                  nav=_nav(session.role), csrf=session.csrf)


def to_login(request: Request) -> RedirectResponse:
    return RedirectResponse("/login", status_code=303)


NAVIGATION_MODES = ("navigate", "nested-navigate")


def navigation(request: Request) -> bool:
    """Whether a browser says the request is a navigation (a link, a form, a download,
    the address bar), by its Fetch Metadata. The pages have no script of their own, so a
    fetch() or XMLHttpRequest for one comes from a script that is not theirs (the service
    serves none since /docs, which loaded Swagger UI from a CDN, is gone; this stays as a
    second wall), and the session cookie would go with its same-origin requests. A client
    that sends no Sec-Fetch-Mode (curl, an older browser) is let through: the header is the
    browser's, not the attacker's, to send."""
    mode = request.headers.get("sec-fetch-mode")
    return mode is None or mode in NAVIGATION_MODES


def _cookie_args(request: Request) -> dict[str, Any]:
    return {"httponly": True, "samesite": "strict", "secure": request.url.scheme == "https",
            "path": "/"}


LOCKED = "the account is locked"


def _check_sign_in(home: Home, name: str, token: str) -> tuple[tokens.TokenUser | None, str]:
    """The user a sign-in opens, or None and why not. A locked account (too many refused
    sign-ins) is refused before its token is looked at."""
    if signin.locked(home, name):
        return None, LOCKED
    try:
        who = tokens.verify_token(home, token)
    except PolicyError:
        return None, "unknown or revoked token"
    if who.user_id != name:
        return None, "the token is another user's"
    return who, ""


def session_of(cfg: WebConfig, request: Request) -> Session:
    """The request's browser session, live (signed, not idle, not past its end), or
    Unauthorized."""
    session = cfg.signer.session(request.cookies.get(SESSION_COOKIE))
    if session is None:
        raise Unauthorized("sign in first")
    return session


def session_holder(home: Home, session: Session) -> tokens.TokenUser:
    """The user a live session's token names, or Unauthorized: the token revoked or expired
    since, or naming another user than the session does."""
    try:
        who = tokens.verify_token_id(home, session.token_id)
    except PolicyError:
        raise Unauthorized("the session's token was revoked or expired") from None
    if who.user_id != session.user_id:
        raise Unauthorized("sign in again")
    return who


def build(cfg: WebConfig) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    def page(request: Request) -> Iterator[Page]:
        if not navigation(request):
            raise PolicyError("the pages open only in the browser's window, not to a script")
        session = session_of(cfg, request)
        with cfg.open(CHANNEL) as home:
            who = session_holder(home, session)
            cfg.signer.touch(session)
            yield Page(home, who.user_id, who.role, session)

    P = Annotated[Page, Depends(page)]

    def show(p: Page, name: str, **ctx: Any) -> HTMLResponse:
        return render(name, me={"user": p.user, "role": p.role}, nav=_nav(p.role),
                      csrf=p.session.csrf, **ctx)

    def check_csrf(p: Page, value: str) -> None:
        if not csrf_ok(p.session, value):
            raise PolicyError("the form's CSRF token is missing or stale; reload the page")

    # -- sign in / out -------------------------------------------------------------------
    @router.get("/")
    def root() -> RedirectResponse:
        return RedirectResponse("/batches", status_code=303)

    @router.get("/login")
    def login_form(request: Request) -> HTMLResponse:
        return _login_page(request, "")

    def _login_page(request: Request, message: str, status: int = 200) -> HTMLResponse:
        cookie, nonce = cfg.signer.login_nonce()
        resp = render("login.html", status, title="Sign in", me=None, nav=[], csrf=nonce,
                      message=message)
        resp.set_cookie(LOGIN_COOKIE, cookie, max_age=3600, **_cookie_args(request))
        return resp

    @router.post("/login")
    def login(request: Request, user: Annotated[str, Form(max_length=64)],
              token: Annotated[str, Form(max_length=200)],
              csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
        if not cfg.signer.login_nonce_ok(request.cookies.get(LOGIN_COOKIE), csrf):
            return _login_page(request, "The form expired; please sign in again.", 400)
        name, client = user.strip(), client_of(request)
        with cfg.open(CHANNEL) as home:
            who, why = _check_sign_in(home, name, token.strip())
            if who is None:
                # An unsuccessful logon is audited (Pub. 1075): who was claimed, from
                # where; never the token, and the name as a quoted repr (no forged log
                # lines). It counts against the user named, whose account it may lock
                # (service/signin.py, AC-7); the form's answer is the same either way.
                log.warning("sign-in refused for user %r from %s: %s", name[:64], client,
                            why)
                if why != LOCKED and signin.failed(home, name, client):
                    log.warning("sign-ins as %r locked after too many refused ones",
                                name[:64])
                return _login_page(request, "That user name and token do not match.", 401)
            signin.succeeded(home, name)
        resp = RedirectResponse("/batches", status_code=303)
        # A session cookie (no Max-Age): gone when the browser closes, never left in a
        # shared workstation's profile; the signed expiry still ends it after 8 hours, and
        # the server ends it after 30 minutes without activity (security.Signer).
        resp.set_cookie(SESSION_COOKIE, cfg.signer.new_session(who.user_id, who.token_id, who.role),
                        **_cookie_args(request))
        resp.delete_cookie(LOGIN_COOKIE, path="/")
        return resp

    @router.post("/logout")
    def logout(p: P, csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
        check_csrf(p, csrf)
        cfg.signer.end(p.session)
        resp = RedirectResponse("/login", status_code=303)
        resp.delete_cookie(SESSION_COOKIE, path="/")
        return resp

    # -- batches -------------------------------------------------------------------------
    @router.get("/batches")
    def batches(p: P, done: str = "") -> HTMLResponse:
        rows = views.batch_list(p.home, p.user)
        return show(p, "batches.html", title="Batches", batches=rows,
                    can_submit=p.role in (Role.INTAKE, Role.ADMIN), notice=DONE.get(done, ""),
                    today=date.today().isoformat())

    @router.post("/batches")
    def upload(p: P, package: Annotated[UploadFile, File()],
               csrf: Annotated[str, Form(max_length=100)] = "",
               as_of: Annotated[str, Form(max_length=10)] = "") -> Response:
        check_csrf(p, csrf)
        try:
            day = date.fromisoformat(as_of) if as_of else date.today()
        except ValueError:
            raise UsageError("the processing date must be YYYY-MM-DD") from None
        with scratch() as tmp:
            path = tmp / "package.zip"
            save_upload(package.file, path, cfg.max_upload_bytes)
            res = submit.submit(p.home, p.user, path, day)
        done = "existing" if res.existing else "submitted"
        return RedirectResponse(f"/batches/{quote(res.batch_id)}?done={done}", status_code=303)

    @router.get("/batches/{batch_id}")
    def dashboard(p: P, batch_id: str, done: str = "") -> HTMLResponse:
        st = views.batch_status(p.home, p.user, batch_id)
        hist = charts.histogram(views.probability_histogram(p.home, batch_id),
                                p.home.model.review_threshold, p.home.model.disclose_threshold)
        return show(p, "dashboard.html", title=f"Batch {batch_id}", b=st, hist=hist,
                    notice=DONE.get(done, ""),
                    is_officer=p.role == Role.DISCLOSURE_OFFICER)

    @router.get("/batches/{batch_id}/decisions.csv")
    def decisions_csv(p: P, batch_id: str) -> Response:
        out = StreamOut("decisions.csv")
        release.decision_report(p.home, p.user, batch_id, out)
        return _download(out, f"decisions-{batch_id}.csv")

    # -- review --------------------------------------------------------------------------
    @router.get("/review")
    def queue(p: P, batch_id: str | None = None, done: str = "") -> HTMLResponse:
        items = release.review_list(p.home, p.user, batch_id or None)
        can_open = p.role in views.PERSONAL_ROLES
        # what to check, in short: read from sealed data, so only for those who may open
        notes = (views.queue_notes(p.home, p.user, batch_id or None,
                                   [it.request_key for it in items[:views.QUEUE_NOTES_MAX]])
                 if can_open else None)
        return show(p, "queue.html", title="Review queue", items=items, batch_id=batch_id or "",
                    notice=DONE.get(done, ""), can_open=can_open, notes=notes,
                    notes_max=views.QUEUE_NOTES_MAX)

    @router.get("/review/{request_key}")
    def review_item(p: P, request_key: str, done: str = "") -> HTMLResponse:
        d = views.review_detail(p.home, p.user, request_key)
        falls = {c.role: charts.waterfall(
            d.prior_bits, [(f, c.weights[f]) for f in views.FIELDS if f in c.weights])
            for c in d.candidates}
        return show(p, "review.html", title=f"Review {d.request_id}", d=d, falls=falls,
                    rows=views.comparison_rows(d),
                    can_decide=p.role == Role.REVIEWER
                    and (d.disposition == "REVIEW" or d.on_hold) and not d.verdict,
                    can_reopen=p.role == Role.REVIEWER and d.reopenable,
                    notice=DONE.get(done, ""))

    @router.post("/review/{request_key}")
    def review_decide(p: P, request_key: str, verdict: Annotated[str, Form(max_length=20)],
                      csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
        check_csrf(p, csrf)
        if verdict not in ("disclose", "no_disclose"):
            raise UsageError("verdict must be disclose or no_disclose")
        release.review_decide(p.home, p.user, request_key, verdict == "disclose")
        batch = request_key.rsplit(":", 1)[0]
        return RedirectResponse(f"/review?batch_id={quote(batch)}&done=reviewed",
                                status_code=303)

    @router.post("/review/{request_key}/reopen")
    def review_reopen(p: P, request_key: str, reason: Annotated[str, Form(max_length=2000)],
                      csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
        check_csrf(p, csrf)
        release.review_reopen(p.home, p.user, request_key, reason)
        return RedirectResponse(f"/review/{quote(request_key)}?done=reopened",
                                status_code=303)

    # -- approval and release ------------------------------------------------------------
    @router.get("/batches/{batch_id}/release")
    def release_page(p: P, batch_id: str, done: str = "", page: int = 1) -> HTMLResponse:
        st = views.batch_status(p.home, p.user, batch_id)
        preview = views.release_preview(p.home, p.user, batch_id, page, views.PREVIEW_ROWS)
        return show(p, "release.html", title=f"Release {batch_id}", b=st, preview=preview,
                    notice=DONE.get(done, ""), leaving=preview.outcomes.get("DISCLOSED", 0),
                    # withdrawing an approval (release.unapprove): the officer's own, before
                    # release
                    can_unapprove=not preview.released and p.user in st.approvals,
                    reason_max=release.REOPEN_REASON_MAX)

    @router.post("/batches/{batch_id}/approve")
    def approve(p: P, batch_id: str, csrf: Annotated[str, Form(max_length=100)] = ""
                ) -> Response:
        check_csrf(p, csrf)
        release.approve(p.home, p.user, batch_id)
        return RedirectResponse(f"/batches/{quote(batch_id)}/release?done=approved",
                                status_code=303)

    @router.post("/batches/{batch_id}/unapprove")
    def unapprove(p: P, batch_id: str, reason: Annotated[str, Form(max_length=2000)],
                  csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
        check_csrf(p, csrf)
        release.unapprove(p.home, p.user, batch_id, reason)
        return RedirectResponse(f"/batches/{quote(batch_id)}/release?done=unapproved",
                                status_code=303)

    @router.post("/batches/{batch_id}/release")
    def do_release(p: P, batch_id: str, csrf: Annotated[str, Form(max_length=100)] = ""
                   ) -> Response:
        check_csrf(p, csrf)
        # The response stays in memory (it is stored sealed and downloaded from there).
        release.release(p.home, p.user, batch_id, MemoryOut("response.csv"))
        return RedirectResponse(f"/batches/{quote(batch_id)}/release?done=released",
                                status_code=303)

    @router.get("/batches/{batch_id}/response.csv")
    def response_csv(p: P, batch_id: str) -> Response:
        return _download(views.response_file(p.home, p.user, batch_id),
                         f"response-{batch_id}.csv")

    # -- audit ---------------------------------------------------------------------------
    @router.get("/accounting")
    def accounting(p: P, year: int | None = None) -> HTMLResponse:
        y = year or date.today().year
        if not 1900 <= y <= 9999:
            raise UsageError("year must be between 1900 and 9999")
        s = audit.accounting_summary(p.home, p.user, y)
        agencies = sorted({a for a, _ in s.requests} | set(s.disclosures))
        dispositions = sorted({d for _, d in s.requests})
        return show(p, "accounting.html", title="Accounting", s=s, agencies=agencies,
                    dispositions=dispositions)

    @router.get("/accounting/export.csv")
    def accounting_csv(p: P, start: str = "", end: str = "") -> Response:
        try:
            a = date.fromisoformat(start) if start else None
            b = date.fromisoformat(end) if end else None
        except ValueError:
            raise UsageError("dates must be YYYY-MM-DD") from None
        out = StreamOut("accounting.csv")
        audit.accounting_export(p.home, p.user, out, a, b)
        return _download(out, "accounting.csv")

    @router.get("/ledger")
    def ledger_page(p: P) -> HTMLResponse:
        check = audit.ledger_verify(p.home, p.user)
        try:
            note = views.checkpoint_note(p.home, p.user, new=False)
        except UsageError:
            note = ""
        lines = note.splitlines()
        return show(p, "ledger.html", title="Ledger", check=check, note=note,
                    head=lines[:3] if len(lines) >= 3 else [])

    @router.get("/ledger/proof")
    def ledger_proof(p: P, entry: int) -> Response:
        import json

        bundle = views.inclusion_proof(p.home, p.user, entry)
        return Response(json.dumps(bundle, indent=2) + "\n", media_type="application/json",
                        headers={"content-disposition":
                                 f'attachment; filename="proof-{int(entry)}.json"'})

    return router


def _download(data: bytes | StreamOut, name: str) -> Response:
    """A CSV file to save: whole (bytes), or sent as it is produced (common.streamed)."""
    safe = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in name)
    headers = {"content-disposition": f'attachment; filename="{safe}"'}
    if isinstance(data, StreamOut):
        return streamed(data, "text/csv", headers)
    return Response(data, media_type="text/csv", headers=headers)

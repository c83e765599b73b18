"""The JSON API under /api/v1: bearer tokens per user, the same service calls as the CLI.

Each handler opens the home, names the caller, and hands over to one service function (or
a read model in views.py); roles, separation of duties and every refusal are decided
there. State-changing calls honour an Idempotency-Key header.
"""

# No `from __future__ import annotations` here: FastAPI reads the handlers' annotations
# at run time, and they name types local to build().

import hashlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Header, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from dgate.csvout import MemoryOut, StreamOut
from dgate.errors import PolicyError, UsageError
from dgate.service import audit, release, submit, tokens
from dgate.service.home import Home
from dgate.web import idempotency, views
from dgate.web.common import (
    ERROR_RESPONSES,
    TooManyAttempts,
    Unauthorized,
    WebConfig,
    client_of,
    save_upload,
    scratch,
    streamed,
)

CHANNEL = "api"
log = logging.getLogger("dgate.web")


class CSVResponse(Response):
    media_type = "text/csv"


class Me(BaseModel):
    user: str
    role: str


class SubmitOut(BaseModel):
    batch_id: str
    existing: bool = Field(description="True if this exact package was submitted before")
    counts: dict[str, int]


BatchSummaryOut = views.BatchSummary


# The service's own dataclass is the response schema: one definition of a batch's status.
BatchStatusOut = views.BatchStatus


class ReviewItemOut(BaseModel):
    request_key: str
    batch_id: str
    request_id: str
    probability: float | None
    candidates: int | None


class ReviewIn(BaseModel):
    disclose: bool


class ReviewOut(BaseModel):
    request_key: str
    verdict: Literal["disclose", "no_disclose"]


class ReopenIn(BaseModel):
    reason: Annotated[str, Field(min_length=1, max_length=release.REOPEN_REASON_MAX)]


class ReopenOut(BaseModel):
    request_key: str
    approvals_withdrawn: list[str]


class ApproveOut(BaseModel):
    batch_id: str
    approvals: int


class UnapproveIn(BaseModel):
    reason: Annotated[str, Field(min_length=1, max_length=release.REOPEN_REASON_MAX)]


class UnapproveOut(BaseModel):
    batch_id: str
    approvals: int = Field(description="How many approvals remain")


class ReleaseOut(BaseModel):
    batch_id: str
    repeated: bool
    disclosed: int
    rows: int
    response_sha256: str


class LedgerCheckOut(BaseModel):
    ok: bool
    size: int
    message: str


class ProofOut(BaseModel):
    checkpoint: str
    verifier_key: str
    index: int
    entry: str
    proof: list[str]


@dataclass
class Caller:
    home: Home
    user: str


BatchId = Annotated[str, PathParam(min_length=1, max_length=200)]
IdemKey = Annotated[str | None, Header(alias="Idempotency-Key",
                                       description="Repeat-safe key (1-200 printable ASCII)")]
_STRING = {"schema": {"type": "string"}}
_CSV: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": _STRING}, "description": "CSV file"}}
_TEXT: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/plain": _STRING}, "description": "Signed note (C2SP)"}}


def _json(model: BaseModel, status: int = 200) -> JSONResponse:
    return JSONResponse(model.model_dump(mode="json"), status_code=status)


def bearer_caller(cfg: WebConfig) -> Callable[..., Iterator[Caller]]:
    """The dependency naming the caller of a route by its bearer token (401 without a
    live one)."""
    bearer = HTTPBearer(auto_error=False, description="A token from `dgate user token USER`")

    def caller(request: Request,
               creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
               ) -> Iterator[Caller]:
        if creds is None or creds.scheme.lower() != "bearer":
            raise Unauthorized("a bearer token is required (Authorization: Bearer TOKEN)")
        not_throttled(cfg, request)
        with cfg.open(CHANNEL) as home:
            yield Caller(home, token_holder(cfg, home, request, creds.credentials).user_id)

    return caller


def not_throttled(cfg: WebConfig, request: Request) -> None:
    """TooManyAttempts (429) if the caller's address gave too many unknown tokens lately
    (security.Throttle); checked before the home is opened or the token looked at."""
    wait = cfg.throttle.wait(client_of(request))
    if wait:
        raise TooManyAttempts("too many invalid bearer tokens from this address; try again "
                              f"in {wait} s", wait)


def token_holder(cfg: WebConfig, home: Home, request: Request, token: str
                 ) -> tokens.TokenUser:
    """The user a live bearer token names, or Unauthorized (the refusal logged like a
    refused sign-in, never with the token, and counted against the caller's address)."""
    try:
        return tokens.verify_token(home, token)
    except PolicyError:
        client = client_of(request)
        log.warning("bearer token refused on %s %s from %s", request.method,
                    request.url.path, client)
        if cfg.throttle.fail(client):
            log.warning("bearer tokens from %s refused for %d s: %d invalid ones within it",
                        client, int(cfg.throttle.window), cfg.throttle.limit)
        raise Unauthorized("the bearer token is not valid") from None


def build(cfg: WebConfig) -> APIRouter:
    router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)  # type: ignore[arg-type]
    caller = bearer_caller(cfg)

    Auth = Annotated[Caller, Depends(caller)]

    @router.get("/me", response_model=Me, tags=["auth"])
    def me(c: Auth) -> Me:
        """Who the token belongs to."""
        actor = views.actor_of(c.home, c.user)
        return Me(user=actor.user_id, role=actor.role)

    @router.get("/batches", response_model=list[BatchSummaryOut], tags=["batches"])
    def list_batches(c: Auth) -> list[BatchSummaryOut]:
        """Every batch with its status, approvals and pending review items (no personal
        data)."""
        return [BatchSummaryOut(**asdict(b)) for b in views.batch_list(c.home, c.user)]

    @router.post("/batches", status_code=201, response_model=SubmitOut, tags=["batches"])
    def upload_batch(c: Auth, package: Annotated[UploadFile, File(
                         description="The request package as a .zip")],
                     as_of: Annotated[date | None, Form(
                         description="Processing date (default: today)")] = None,
                     idem: IdemKey = None) -> Response:
        """Submit a package (intake role): intake, rules, matching, decisions. A package
        submitted before returns its existing batch (200 instead of 201)."""
        with scratch() as tmp:
            path = tmp / "package.zip"
            save_upload(package.file, path, cfg.max_upload_bytes)
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            day = as_of or date.today()

            def call() -> Response:
                res = submit.submit(c.home, c.user, path, day)
                return _json(SubmitOut(batch_id=res.batch_id, existing=res.existing,
                                       counts=res.counts), 200 if res.existing else 201)

            fp = idempotency.fingerprint("submit", sha256=digest, as_of=day)
            return idempotency.run(c.home, c.user, idem, fp, call)

    @router.get("/batches/{batch_id}", response_model=BatchStatusOut, tags=["batches"])
    def batch_status(c: Auth, batch_id: BatchId) -> BatchStatusOut:
        """Counts by disposition and reason code, rule-set and model hashes, approvals."""
        return views.batch_status(c.home, c.user, batch_id)

    @router.get("/batches/{batch_id}/decisions", response_class=CSVResponse,
                responses=_CSV, tags=["batches"])
    def decisions(c: Auth, batch_id: BatchId) -> Response:
        """The decision report (decisions.md) as CSV, for the tax agency's users."""
        out = StreamOut("decisions.csv")
        release.decision_report(c.home, c.user, batch_id, out)
        return streamed(out, CSVResponse.media_type, _attachment(f"decisions-{batch_id}.csv"))

    @router.post("/batches/{batch_id}/approvals", response_model=ApproveOut,
                 tags=["release"])
    def approve(c: Auth, batch_id: BatchId, idem: IdemKey = None) -> Response:
        """One disclosure officer's approval; two distinct officers are needed."""
        def call() -> Response:
            n = release.approve(c.home, c.user, batch_id)
            return _json(ApproveOut(batch_id=batch_id, approvals=n))

        fp = idempotency.fingerprint("approve", batch=batch_id)
        return idempotency.run(c.home, c.user, idem, fp, call)

    @router.post("/batches/{batch_id}/unapprove", response_model=UnapproveOut,
                 tags=["release"])
    def unapprove(c: Auth, batch_id: BatchId, body: UnapproveIn,
                  idem: IdemKey = None) -> Response:
        """A disclosure officer withdraws their own approval of a batch not yet released
        (`dgate batch unapprove`), with a reason sealed on the ledger; refused without an
        approval of theirs or once the batch is released."""
        def call() -> Response:
            n = release.unapprove(c.home, c.user, batch_id, body.reason)
            return _json(UnapproveOut(batch_id=batch_id, approvals=n))

        fp = idempotency.fingerprint("unapprove", batch=batch_id, reason=body.reason)
        return idempotency.run(c.home, c.user, idem, fp, call)

    @router.post("/batches/{batch_id}/release", response_model=ReleaseOut, tags=["release"])
    def release_batch(c: Auth, batch_id: BatchId, idem: IdemKey = None) -> Response:
        """Release: build and store the response file, record every disclosure. The file
        is then at GET /batches/{batch_id}/response."""
        def call() -> Response:
            out = MemoryOut("response.csv")
            res = release.release(c.home, c.user, batch_id, out)
            digest = hashlib.sha256(out.data).hexdigest()
            return _json(ReleaseOut(batch_id=res.batch_id, repeated=res.repeated,
                                    disclosed=res.disclosed, rows=res.rows,
                                    response_sha256=digest))

        fp = idempotency.fingerprint("release", batch=batch_id)
        return idempotency.run(c.home, c.user, idem, fp, call)

    @router.get("/batches/{batch_id}/response", response_class=CSVResponse,
                responses=_CSV, tags=["release"])
    def response_file(c: Auth, batch_id: BatchId) -> CSVResponse:
        """The stored response file of a released batch (disclosure officers)."""
        data = views.response_file(c.home, c.user, batch_id)
        return CSVResponse(data, headers=_attachment(f"response-{batch_id}.csv"))

    @router.get("/reviews", response_model=list[ReviewItemOut], tags=["review"])
    def review_queue(c: Auth, batch_id: Annotated[str | None, Query(max_length=200)] = None
                     ) -> list[ReviewItemOut]:
        """Pending review items, optionally of one batch."""
        items = release.review_list(c.home, c.user, batch_id)
        return [ReviewItemOut(**asdict(i)) for i in items]

    @router.post("/reviews/{request_key}", response_model=ReviewOut, tags=["review"])
    def review_decide(c: Auth, request_key: Annotated[str, PathParam(min_length=1, max_length=300)],
                      body: ReviewIn, idem: IdemKey = None) -> Response:
        """A reviewer's verdict on one review item."""
        def call() -> Response:
            release.review_decide(c.home, c.user, request_key, body.disclose)
            return _json(ReviewOut(request_key=request_key,
                                   verdict="disclose" if body.disclose else "no_disclose"))

        fp = idempotency.fingerprint("review", key=request_key, disclose=body.disclose)
        return idempotency.run(c.home, c.user, idem, fp, call)

    @router.post("/reviews/{request_key}/reopen", response_model=ReopenOut, tags=["review"])
    def review_reopen(c: Auth, request_key: Annotated[str, PathParam(min_length=1,
                                                                     max_length=300)],
                      body: ReopenIn, idem: IdemKey = None) -> Response:
        """A reviewer takes a review decision back before the batch has its two approvals
        (the item is pending again; an approval already given is withdrawn)."""
        def call() -> Response:
            withdrawn = release.review_reopen(c.home, c.user, request_key, body.reason)
            return _json(ReopenOut(request_key=request_key, approvals_withdrawn=withdrawn))

        fp = idempotency.fingerprint("reopen", key=request_key, reason=body.reason)
        return idempotency.run(c.home, c.user, idem, fp, call)

    @router.get("/accounting", tags=["audit"], response_class=CSVResponse,
                responses={200: {"content": {"text/csv": {"schema": {"type": "string"}},
                                             "application/json": {"schema": {
                                                 "type": "array",
                                                 "items": {"type": "object"}}}},
                                 "description": "The accounting rows"}})
    def accounting(c: Auth, from_: Annotated[date | None, Query(alias="from")] = None,
                   to: date | None = None,
                   agency: Annotated[str | None, Query(max_length=64)] = None,
                   format: Literal["csv", "json"] = "csv") -> Response:
        """The §6103(p)(3)(A) accounting of requests and disclosures."""
        if from_ and to and to < from_:
            raise UsageError("'to' is before 'from'")
        out = StreamOut(f"accounting.{format}")
        audit.accounting_export(c.home, c.user, out, from_, to, agency)
        if format == "json":
            return streamed(out, "application/json")
        return streamed(out, CSVResponse.media_type, _attachment("accounting.csv"))

    @router.get("/ledger/checkpoint", response_class=PlainTextResponse, responses=_TEXT,
                tags=["ledger"])
    def checkpoint(c: Auth) -> PlainTextResponse:
        """The latest signed checkpoint."""
        return PlainTextResponse(views.checkpoint_note(c.home, c.user, new=False))

    @router.post("/ledger/checkpoint", response_class=PlainTextResponse, responses=_TEXT,
                 tags=["ledger"])
    def new_checkpoint(c: Auth, idem: IdemKey = None) -> Response:
        """Sign a fresh checkpoint of the current tree and return it."""
        def call() -> Response:
            return PlainTextResponse(views.checkpoint_note(c.home, c.user, new=True))

        return idempotency.run(c.home, c.user, idem, idempotency.fingerprint("checkpoint"),
                               call)

    @router.get("/ledger/entries/{index}/proof", response_model=ProofOut, tags=["ledger"])
    def proof(c: Auth, index: Annotated[int, PathParam(ge=0, le=2**53)]) -> dict[str, Any]:
        """A self-contained inclusion proof of one entry in the latest checkpoint."""
        return views.inclusion_proof(c.home, c.user, index)

    @router.get("/ledger/verification", response_model=LedgerCheckOut, tags=["ledger"])
    def verify(c: Auth) -> LedgerCheckOut:
        """Verify the whole ledger and its cross-check with the accounting."""
        res = audit.ledger_verify(c.home, c.user)
        return LedgerCheckOut(ok=res.ok, size=res.size, message=res.message)

    return router


def _attachment(name: str) -> dict[str, str]:
    safe = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in name)
    return {"content-disposition": f'attachment; filename="{safe}"'}

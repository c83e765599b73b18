"""What the API and the pages share: the app's configuration, opening the home per
request, and the mapping from the error tree to HTTP statuses and JSON error bodies."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import StreamingResponse

from dgate.csvout import StreamOut
from dgate.errors import (
    DgateError,
    InputError,
    IntegrityError,
    NotFoundError,
    PolicyError,
    UsageError,
)
from dgate.service.home import Home
from dgate.web.idempotency import IdempotencyConflict
from dgate.web.security import Signer, Throttle

MIB = 1024 * 1024


@dataclass
class WebConfig:
    home: Path
    max_upload_bytes: int = 64 * MIB
    signer: Signer = field(default_factory=Signer)
    throttle: Throttle = field(default_factory=Throttle)

    @contextmanager
    def open(self, channel: str) -> Iterator[Home]:
        """One Home (one SQLite connection) per request: connections are not shared
        between the server's worker threads."""
        with Home(self.home, channel=channel) as home:
            yield home


def streamed(out: StreamOut, media_type: str, headers: dict[str, str] | None = None
             ) -> StreamingResponse:
    """A download sent as its pieces are produced (csvout.StreamOut): the whole file is
    never held in memory (issue 9: a 1.28M-record batch's decision report or accounting).
    The first piece is produced here, before the response starts: a failure in its rows
    (all of a small file's) is answered with its own status. A failure in a later piece,
    once the status is sent, ends the connection without the chunked body's last chunk,
    which a client reads as an incomplete download, never as a whole file."""
    first = next(out.pieces, b"")
    return StreamingResponse(chain((first,), out.pieces), media_type=media_type,
                             headers=headers)


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


def client_of(request: Request) -> str:
    """The caller's address, as the logs and the throttles name it."""
    return request.client.host if request.client else "unknown"


class Unauthorized(DgateError):
    """No credentials, or credentials that are not (or no longer) valid."""


class TooManyAttempts(DgateError):
    """Too many unknown bearer tokens from the caller's address: wait `retry_after` s."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class TooLarge(DgateError):
    """An upload over the service's size limit."""


# Most specific first: NotFoundError is a UsageError.
_STATUS: tuple[tuple[type[DgateError], int, str], ...] = (
    (Unauthorized, 401, "unauthorized"),
    (TooLarge, 413, "too_large"),
    (TooManyAttempts, 429, "too_many_attempts"),
    (IdempotencyConflict, 409, "idempotency_conflict"),
    (NotFoundError, 404, "not_found"),
    (UsageError, 400, "bad_request"),
    (PolicyError, 403, "forbidden"),
    (InputError, 422, "unreadable_input"),
    (IntegrityError, 500, "integrity"),
)


def status_of(exc: DgateError) -> tuple[int, str]:
    for cls, status, code in _STATUS:
        if isinstance(exc, cls):
            return status, code
    return 500, "error"


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}


# Written out rather than `model=ErrorBody`: a route whose success is CSV or plain text
# would otherwise document its errors under that media type too.
ERROR_SCHEMA: dict[str, object] = {
    "type": "object", "required": ["error"], "additionalProperties": False,
    "properties": {"error": {
        "type": "object", "required": ["code", "message"], "additionalProperties": False,
        "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}}


def _error(description: str) -> dict[str, object]:
    return {"description": description,
            "content": {"application/json": {"schema": ERROR_SCHEMA}}}


ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    400: _error("Bad request (usage error)"),
    401: _error("Missing or invalid bearer token"),
    403: _error("Refused by policy (role, approvals, review)"),
    404: _error("No such object"),
    409: _error("Idempotency-Key reused or still running"),
    413: _error("Request body too large"),
    422: _error("Invalid parameters or unreadable package"),
    429: _error("Too many invalid bearer tokens from this address; wait (Retry-After)"),
    500: _error("Internal or integrity error"),
}


SCRATCH_PREFIX = "dgate-web-"


@contextmanager
def scratch() -> Iterator[Path]:
    """A private temporary folder (0700) for the one file the service layer must read from
    a path: an uploaded package, while it is submitted. Its name carries the process id,
    so that the folder of a process killed outright (SIGKILL, out of memory) is known to
    be abandoned and removed at the next start of the service (sweep_scratch)."""
    folder = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def sweep_scratch() -> int:
    """Remove the scratch folders of service processes that are no longer running: an
    upload they were submitting (the requested people's names, dates of birth and TINs)
    would otherwise stay in the temporary folder. Returns how many were removed."""
    removed = 0
    for folder in Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*-*"):
        pid = folder.name[len(SCRATCH_PREFIX):].split("-", 1)[0]
        if not pid.isdigit() or not folder.is_dir() or folder.is_symlink():
            continue
        if int(pid) != os.getpid() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed += not folder.exists()
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True   # alive, another user's
    return True


def save_upload(src: BinaryIO, dest: Path, limit: int) -> int:
    """Copy an upload to `dest`, refusing it past `limit` bytes."""
    total = 0
    with dest.open("wb") as out:
        while chunk := src.read(1 << 20):
            total += len(chunk)
            if total > limit:
                raise TooLarge(f"the package is over the {limit // MIB} MiB upload limit")
            out.write(chunk)
    return total

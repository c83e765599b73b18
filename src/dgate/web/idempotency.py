"""Idempotency keys for the API's state-changing calls.

A client that sends `Idempotency-Key: K` may repeat the call (after a timeout, a dropped
connection) and get the first call's response back instead of a second effect. Keys are
per user. The same key with a different request is a client bug and gets 409. Only
successful responses are kept: a refusal (say, a release before the second approval) is
not frozen under the key, so the client may retry the same key once the cause is fixed.
The kept response body may carry personal data, so it is stored sealed (service key).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

from fastapi import Response

from dgate.errors import DgateError, UsageError
from dgate.service.home import Home, utc_now
from dgate.store import case
from dgate.vault import fields as sealed

_KEY = re.compile(r"[\x21-\x7e]{1,200}")
IN_PROGRESS = 0


class IdempotencyConflict(DgateError):
    """The key was used before for a different request, or that request is still running."""


def fingerprint(operation: str, **params: Any) -> str:
    """A digest of what the request asks for (not of its bytes: a multipart body differs in
    its boundary each time it is sent)."""
    text = json.dumps({"op": operation, "params": params}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def run(home: Home, user_id: str, key: str | None, fp: str,
        call: Callable[[], Response]) -> Response:
    if key is None:
        return call()
    if not _KEY.fullmatch(key):
        raise UsageError("Idempotency-Key must be 1-200 printable ASCII characters")
    with case.transaction(home.conn):
        row = home.conn.execute(
            "SELECT fingerprint, status, media_type, body FROM idempotency_keys "
            "WHERE user_id = ? AND idem_key = ?", (user_id, key)).fetchone()
        if row is None:
            home.conn.execute(
                "INSERT INTO idempotency_keys (user_id, idem_key, fingerprint, status, "
                "created_at) VALUES (?, ?, ?, ?, ?)", (user_id, key, fp, IN_PROGRESS,
                                                       utc_now()))
    if row is not None:
        if row["fingerprint"] != fp:
            raise IdempotencyConflict(
                "this Idempotency-Key was already used for a different request")
        if row["status"] == IN_PROGRESS:
            raise IdempotencyConflict("a request with this Idempotency-Key is still running")
        body = sealed.open_body(home.vault, user_id, key, bytes(row["body"])) \
            if row["body"] is not None else b""
        return Response(body, status_code=int(row["status"]),
                        media_type=row["media_type"] or None,
                        headers={"Idempotent-Replayed": "true"})
    try:
        response = call()
    except BaseException:
        _forget(home, user_id, key)
        raise
    if 200 <= response.status_code < 300:
        with case.transaction(home.conn):
            home.conn.execute(
                "UPDATE idempotency_keys SET status = ?, media_type = ?, body = ? "
                "WHERE user_id = ? AND idem_key = ?",
                (response.status_code, response.media_type or "",
                 sealed.seal_body(home.vault, user_id, key, bytes(response.body)),
                 user_id, key))
    else:
        _forget(home, user_id, key)
    return response


def _forget(home: Home, user_id: str, key: str) -> None:
    with case.transaction(home.conn):
        home.conn.execute("DELETE FROM idempotency_keys WHERE user_id = ? AND idem_key = ?",
                          (user_id, key))

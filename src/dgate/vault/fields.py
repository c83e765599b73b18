"""Which values of the case store are sealed, under which key, bound to which place.

Each table's personal values go into one sealed JSON object per row, its context naming
the table, the row and the field (so a blob moved to another row does not open):

    records     {"fields": {...}, "case_agent": ...}          batch key of the batch
    decisions   DECISION_DETAILS                               batch key of the batch
    releases    the response file bytes                        response key of the batch
    accounting  ACCOUNTING_DETAILS                             the accounting key
    idempotency the stored response body                       the service key

Dispositions, reason codes, probabilities, counts, request ids, dates, users and hashes stay
in clear: the reports that must outlive a batch's destruction are built from them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dgate.vault.keys import ACCOUNTING, BATCH, RESPONSE, SERVICE, Vault

DECISION_DETAILS = ("match_tin", "street", "unit", "city", "state", "zip", "address_source",
                    "address_effective_date", "explanation")
ACCOUNTING_DETAILS = ("reason", "taxpayer_tin", "street", "unit", "city", "state", "zip",
                      "address_source", "address_effective_date")


def record_context(batch_id: str, seq: int) -> str:
    return f"records|{batch_id}:{seq}|fields"


def decision_context(batch_id: str, seq: int) -> str:
    return f"decisions|{batch_id}:{seq}|details"


def accounting_context(kind: str, batch_id: str, seq: int | None) -> str:
    return f"accounting|{kind}:{batch_id}:{'' if seq is None else seq}|details"


def response_context(batch_id: str) -> str:
    return f"releases|{batch_id}|response"


def idempotency_context(user_id: str, key: str) -> str:
    return f"idempotency_keys|{user_id}:{key}|body"


def seal_record(v: Vault, batch_id: str, seq: int, fields: Mapping[str, str],
                case_agent: str) -> bytes:
    return v.seal_json(BATCH, batch_id, record_context(batch_id, seq),
                       {"fields": dict(fields), "case_agent": case_agent})


def open_record(v: Vault, batch_id: str, seq: int, blob: bytes) -> tuple[dict[str, str], str]:
    value = v.open_json(record_context(batch_id, seq), blob)
    return {str(k): str(x) for k, x in value["fields"].items()}, str(value["case_agent"])


def seal_decision(v: Vault, batch_id: str, seq: int, details: Mapping[str, Any]) -> bytes:
    return v.seal_json(BATCH, batch_id, decision_context(batch_id, seq),
                       {k: details.get(k, "") for k in DECISION_DETAILS})


def open_decision(v: Vault, batch_id: str, seq: int, blob: bytes) -> dict[str, str]:
    value = v.open_json(decision_context(batch_id, seq), blob)
    return {k: str(value.get(k, "")) for k in DECISION_DETAILS}


def seal_accounting(v: Vault, kind: str, batch_id: str, seq: int | None,
                    details: Mapping[str, Any]) -> bytes:
    return v.seal_json(ACCOUNTING, "", accounting_context(kind, batch_id, seq),
                       {k: str(details.get(k, "") or "") for k in ACCOUNTING_DETAILS})


def open_accounting(v: Vault, kind: str, batch_id: str, seq: int | None,
                    blob: bytes | None) -> dict[str, str]:
    if blob is None:
        return {k: "" for k in ACCOUNTING_DETAILS}
    value = v.open_json(accounting_context(kind, batch_id, seq), blob)
    return {k: str(value.get(k, "")) for k in ACCOUNTING_DETAILS}


def seal_response(v: Vault, batch_id: str, data: bytes) -> bytes:
    return v.seal(RESPONSE, batch_id, response_context(batch_id), data)


def open_response(v: Vault, batch_id: str, blob: bytes) -> bytes:
    return v.open(response_context(batch_id), blob)


def seal_body(v: Vault, user_id: str, key: str, body: bytes) -> bytes:
    return v.seal(SERVICE, "", idempotency_context(user_id, key), body)


def open_body(v: Vault, user_id: str, key: str, blob: bytes) -> bytes:
    return v.open(idempotency_context(user_id, key), blob)

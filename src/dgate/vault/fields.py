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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any

from dgate.model import RECORD_COLUMNS
from dgate.vault.crypto import Sealer
from dgate.vault.keys import ACCOUNTING, BATCH, RESPONSE, SERVICE, Vault, json_bytes

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


def _record_value(fields: Mapping[str, str], case_agent: str) -> dict[str, Any]:
    return {"fields": dict(fields), "case_agent": case_agent}


def _decision_value(details: Mapping[str, Any]) -> dict[str, Any]:
    return {k: details.get(k, "") for k in DECISION_DETAILS}


def accounting_details(details: Mapping[str, Any]) -> dict[str, str]:
    """The sealed details of an accounting row taken from `details`: what is sealed, and
    what open_accounting gives back."""
    return {k: str(details.get(k, "") or "") for k in ACCOUNTING_DETAILS}


def seal_record(v: Vault, batch_id: str, seq: int, fields: Mapping[str, str],
                case_agent: str) -> bytes:
    return v.seal_json(BATCH, batch_id, record_context(batch_id, seq),
                       _record_value(fields, case_agent))


def open_record(v: Vault, batch_id: str, seq: int, blob: bytes) -> tuple[dict[str, str], str]:
    value = v.open_json(record_context(batch_id, seq), blob)
    return {str(k): str(x) for k, x in value["fields"].items()}, str(value["case_agent"])


def seal_decision(v: Vault, batch_id: str, seq: int, details: Mapping[str, Any]) -> bytes:
    return v.seal_json(BATCH, batch_id, decision_context(batch_id, seq),
                       _decision_value(details))


def open_decision(v: Vault, batch_id: str, seq: int, blob: bytes) -> dict[str, str]:
    value = v.open_json(decision_context(batch_id, seq), blob)
    return {k: str(value.get(k, "")) for k in DECISION_DETAILS}


def seal_accounting(v: Vault, kind: str, batch_id: str, seq: int | None,
                    details: Mapping[str, Any]) -> bytes:
    return v.seal_json(ACCOUNTING, "", accounting_context(kind, batch_id, seq),
                       accounting_details(details))


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


@dataclass(frozen=True)
class SealingKeys:
    """The data keys a batch's rows are sealed under, (key id, key) each: handed as an
    argument to the helper process that seals a large batch's decisions, never written."""

    batch_id: str
    batch: tuple[bytes, bytes]
    accounting: tuple[bytes, bytes]


class BatchSealing:
    """Seals the rows `batch submit` writes for one batch, in one transaction: the same
    blobs (contexts, JSON, keys) as seal_record, seal_decision and seal_accounting, with
    each data key looked up once for the batch rather than once per value (each value
    still gets its own nonce). Keys are made on first use, as those functions make them.
    Lives no longer than the transaction it seals for."""

    def __init__(self, v: Vault | None, batch_id: str) -> None:
        self._vault = v
        self.batch_id = batch_id
        self._batch: Sealer | None = None
        self._accounting: Sealer | None = None

    @classmethod
    def from_keys(cls, keys: SealingKeys) -> BatchSealing:
        out = cls(None, keys.batch_id)
        (batch_kid, batch_key), (acc_kid, acc_key) = keys.batch, keys.accounting
        out._batch, out._accounting = Sealer(batch_key, batch_kid), Sealer(acc_key, acc_kid)
        return out

    def keys(self) -> SealingKeys:
        """Both keys, made now if they do not exist yet."""
        if self._vault is None:
            raise ValueError("a BatchSealing made from keys cannot hand them on")
        return SealingKeys(self.batch_id, self._vault.key_for(BATCH, self.batch_id, create=True),
                           self._vault.key_for(ACCOUNTING, "", create=True))

    def _sealer(self, purpose: str, scope: str) -> Sealer:
        if self._vault is None:
            raise ValueError("a BatchSealing made from keys has both")
        return self._vault.sealer(purpose, scope)

    def _batch_key(self) -> Sealer:
        if self._batch is None:
            self._batch = self._sealer(BATCH, self.batch_id)
        return self._batch

    def record(self, seq: int, fields: Mapping[str, str], case_agent: str) -> bytes:
        return self._batch_key().seal(record_context(self.batch_id, seq),
                                      json_bytes(_record_value(fields, case_agent)))

    def record_values(self, seq: int, values: Sequence[str], case_agent: str) -> bytes:
        """`record(seq, dict(zip(RECORD_COLUMNS, values)), case_agent)`: the same plaintext
        made from the JSON text every such record shares, with only the values encoded
        (a batch seals a million records; the dict and the sorting are what cost)."""
        return self._batch_key().seal(record_context(self.batch_id, seq),
                                      record_plaintext(values, case_agent))

    def decision(self, seq: int, details: Mapping[str, Any]) -> bytes:
        return self._batch_key().seal(decision_context(self.batch_id, seq),
                                      json_bytes(_decision_value(details)))

    def accounting(self, kind: str, seq: int | None, details: Mapping[str, Any]) -> bytes:
        return self._accounting_key().seal(accounting_context(kind, self.batch_id, seq),
                                           json_bytes(accounting_details(details)))

    def accounting_reason(self, kind: str, seq: int | None, reason: Any) -> bytes:
        """`accounting(kind, seq, {"reason": reason})`, the same plaintext made from the
        JSON text every such row shares, with only the reason encoded (a batch seals a
        million request rows whose details are their reason alone)."""
        text = _REASON_HEAD + encode_basestring(str(reason or "")) + _REASON_TAIL
        return self._accounting_key().seal(accounting_context(kind, self.batch_id, seq),
                                           text.encode("utf-8"))

    def _accounting_key(self) -> Sealer:
        if self._accounting is None:
            self._accounting = self._sealer(ACCOUNTING, "")
        return self._accounting


# The JSON text of accounting details that hold a reason alone, on either side of the
# reason (json_bytes sorts the keys; every other value is ""): see accounting_reason.
_REASON_HEAD, _REASON_TAIL = json_bytes(accounting_details({"reason": "\x00"})).decode(
    "utf-8").split(encode_basestring("\x00"))


# The JSON text of a record's sealed value (_record_value) with every column present, as a
# %-format of the case agent and then the values in sorted column order (json_bytes sorts
# the keys): see record_plaintext.
_RECORD_ORDER = sorted(range(len(RECORD_COLUMNS)), key=RECORD_COLUMNS.__getitem__)
_RECORD_TEXT = ("{" + encode_basestring("case_agent") + ": %s, " + encode_basestring("fields")
                + ": {" + ", ".join(encode_basestring(RECORD_COLUMNS[i]).replace("%", "%%")
                                     + ": %s" for i in _RECORD_ORDER) + "}}")


def record_plaintext(values: Sequence[str], case_agent: str) -> bytes:
    """json_bytes(_record_value(dict(zip(RECORD_COLUMNS, values)), case_agent)), the same
    bytes (tests/vault/test_batch_sealing.py): each string encoded by the function the
    JSON encoder uses, put in the shared text. A value not a string goes through
    json_bytes itself."""
    if len(values) != len(RECORD_COLUMNS):
        raise ValueError("a record has a value for every column of RECORD_COLUMNS")
    if type(case_agent) is not str or not all(type(v) is str for v in values):
        return json_bytes(_record_value(dict(zip(RECORD_COLUMNS, values, strict=True)),
                                        case_agent))
    return (_RECORD_TEXT % (encode_basestring(case_agent),
                            *[encode_basestring(values[i]) for i in _RECORD_ORDER])
            ).encode("utf-8")

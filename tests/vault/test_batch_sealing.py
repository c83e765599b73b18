"""Sealing a whole batch with keys looked up once (`BatchSealing`, `Sealer`, `BlindIndex`):
the same stored format as the one-value functions, a fresh nonce per value, the place still
bound into every ciphertext, and keys made only when something is sealed under them."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dgate.errors import IntegrityError
from dgate.model import RECORD_COLUMNS
from dgate.store import case
from dgate.vault import crypto
from dgate.vault import fields as f
from dgate.vault.keys import ACCOUNTING, BATCH, INDEX, Vault, json_bytes

FIELDS = {"request_id": "R-1", "first_name": "JOSÉ", "last_name": "O'NEIL \"JR\"",
          "reason": "línea 1\nlínea 2", "case_agent_id": " sa-7 "}
DETAILS = {"match_tin": "123456789", "street": "1 MAIN ST", "unit": "", "city": "X",
           "state": "IL", "zip": "60404", "address_source": "RETURN",
           "address_effective_date": "2026-02-02", "explanation": '{"best": {"bits": 1.5}}'}


def _vault(tmp: Path) -> Vault:
    conn = case.connect(tmp / "case.sqlite")
    case.migrate(conn)
    return Vault(conn, tmp / "keys", environ={})


def _plaintext(v: Vault, purpose: str, scope: str, context: str, blob: bytes) -> bytes:
    _kid, key = v.key_for(purpose, scope)
    return crypto.open_sealed(key, context, blob)


def test_batch_sealing_stores_what_the_one_value_functions_store(tmp_path: Path) -> None:
    v = _vault(tmp_path)
    s = f.BatchSealing(v, "B-1")
    rec, dec = s.record(7, FIELDS, "SA-7"), s.decision(7, DETAILS)
    acc = s.accounting("request", 7, {"reason": FIELDS["reason"]})
    # Readers of the existing format open them.
    assert f.open_record(v, "B-1", 7, rec) == (FIELDS, "SA-7")
    assert f.open_decision(v, "B-1", 7, dec) == DETAILS
    assert f.open_accounting(v, "request", "B-1", 7, acc)["reason"] == FIELDS["reason"]
    # Byte for byte the same plaintext as seal_record & co. (json.dumps, keys sorted, UTF-8).
    old = f.seal_record(v, "B-1", 7, FIELDS, "SA-7")
    ctx = f.record_context("B-1", 7)
    assert _plaintext(v, BATCH, "B-1", ctx, rec) == _plaintext(v, BATCH, "B-1", ctx, old) == \
        json.dumps({"fields": FIELDS, "case_agent": "SA-7"}, ensure_ascii=False,
                   sort_keys=True).encode("utf-8")
    ctx = f.accounting_context("request", "B-1", 7)
    assert _plaintext(v, ACCOUNTING, "", ctx, acc) == _plaintext(
        v, ACCOUNTING, "", ctx, f.seal_accounting(v, "request", "B-1", 7,
                                                  {"reason": FIELDS["reason"]}))
    # The same header: version and the batch key's id.
    assert rec[:9] == old[:9] and dec[:9] == old[:9]


def test_each_value_gets_its_own_nonce_and_its_own_place(tmp_path: Path) -> None:
    v = _vault(tmp_path)
    s = f.BatchSealing(v, "B-1")
    a, b = s.record(1, FIELDS, "SA-7"), s.record(1, FIELDS, "SA-7")
    assert a[9:21] != b[9:21]  # two seals of one value: two random nonces
    nonces = {s.decision(i, DETAILS)[9:21] for i in range(200)}
    assert len(nonces) == 200
    with pytest.raises(IntegrityError):
        f.open_record(v, "B-1", 2, a)  # moved to another record
    with pytest.raises(IntegrityError):
        f.open_decision(v, "B-1", 1, a)  # moved to another table
    with pytest.raises(IntegrityError):
        f.open_record(v, "B-2", 1, f.BatchSealing(v, "B-1").record(1, FIELDS, ""))


def test_keys_are_made_on_first_use_only(tmp_path: Path) -> None:
    v = _vault(tmp_path)
    s = f.BatchSealing(v, "B-9")
    assert not v.has_key(BATCH, "B-9") and not v.has_key(ACCOUNTING, "")
    s.accounting("request", 1, {})
    assert v.has_key(ACCOUNTING, "") and not v.has_key(BATCH, "B-9")
    s.decision(1, {})
    assert v.has_key(BATCH, "B-9")


def test_a_sealer_made_in_a_rolled_back_transaction_does_not_outlive_its_key(
        tmp_path: Path) -> None:
    v = _vault(tmp_path)
    v.conn.execute("BEGIN IMMEDIATE")
    kid_before = v.sealer(BATCH, "B-3").seal("c", b"x")[1:9]
    v.conn.execute("ROLLBACK")
    assert not v.has_key(BATCH, "B-3")
    # A new sealer makes a new key rather than reusing the rolled-back one.
    blob = v.sealer(BATCH, "B-3").seal("c", b"x")
    assert blob[1:9] != kid_before and v.open("c", blob) == b"x"


@given(st.lists(st.text(max_size=30), max_size=20), st.sampled_from(["case_agent", "tin"]))
def test_blind_index_reused_for_many_values_is_the_hmac_of_each(values: list[str],
                                                                 kind: str) -> None:
    key = bytes(range(32))
    index = crypto.BlindIndex(key, kind)
    for value in values:
        want = hmac.new(key, kind.encode() + b"\x00" + value.encode("utf-8"),
                        hashlib.sha256).hexdigest()
        assert index(value) == want == crypto.blind_index(key, kind, value)


def test_vault_indexer_matches_vault_index(tmp_path: Path) -> None:
    v = _vault(tmp_path)
    index = v.indexer("case_agent")
    assert v.has_key(INDEX, "")
    assert [index(a) for a in ("sa-1", "sa-2", "sa-1")] == \
        [v.index("case_agent", a) for a in ("sa-1", "sa-2", "sa-1")]
    assert index("sa-1") != v.indexer("tin")("sa-1")


@given(st.dictionaries(st.text(max_size=8), st.one_of(st.text(max_size=8), st.integers(),
                                                       st.none(), st.floats(allow_nan=False)),
                       max_size=6))
def test_json_bytes_is_json_dumps_sorted_utf8(value: dict[str, object]) -> None:
    assert json_bytes(value) == json.dumps(value, ensure_ascii=False,
                                           sort_keys=True).encode("utf-8")


@given(st.one_of(st.text(st.characters(codec="utf-8")), st.sampled_from(
    ["", "\x00", '"quoted" \\ back', "línea\n2", "\U0001f600", "\u2028", "%s"]),
    st.none(), st.integers(), st.floats(allow_nan=False)))
def test_a_request_rows_reason_sealed_alone_is_the_plaintext_of_its_details(
        reason: object) -> None:
    """`accounting_reason` (a batch's request rows) seals what `accounting` seals for
    details holding that reason alone, byte for byte, under the same key and place."""
    keys = f.SealingKeys("B-1", (b"b" * 8, b"B" * 32), (b"a" * 8, b"A" * 32))
    s = f.BatchSealing.from_keys(keys)
    ctx = f.accounting_context("request", "B-1", 7)
    fast, plain = (s.accounting_reason("request", 7, reason),
                   s.accounting("request", 7, {"reason": reason}))
    assert fast[:9] == plain[:9] and fast[9:21] != plain[9:21]  # same key, own nonce
    assert crypto.open_sealed(b"A" * 32, ctx, fast) == \
        crypto.open_sealed(b"A" * 32, ctx, plain) == json_bytes(
            f.accounting_details({"reason": reason}))


def test_a_reason_that_cannot_be_utf8_fails_as_it_did() -> None:
    s = f.BatchSealing.from_keys(f.SealingKeys("B-1", (b"b" * 8, b"B" * 32),
                                               (b"a" * 8, b"A" * 32)))
    for seal in (lambda: s.accounting("request", 1, {"reason": "\ud800"}),
                 lambda: s.accounting_reason("request", 1, "\ud800")):
        with pytest.raises(UnicodeEncodeError):
            seal()


ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8)


@given(values=st.lists(st.one_of(ANY_TEXT, st.sampled_from(['"', "\\", "%s", "%", "\u2028",
                                                             "é\x00\x1f"])),
                       min_size=len(RECORD_COLUMNS), max_size=len(RECORD_COLUMNS)),
       agent=ANY_TEXT)
def test_a_records_plaintext_from_its_values_is_json_bytes_of_its_dict(
        values: list[str], agent: str) -> None:
    """record_plaintext (the records' sealed JSON put together from a shared text, batch
    submit's path) gives the bytes json_bytes gives the record's dict: any text, quotes,
    backslashes, % signs, control and non-ASCII characters."""
    want = json_bytes({"fields": dict(zip(RECORD_COLUMNS, values, strict=True)),
                       "case_agent": agent})
    assert f.record_plaintext(values, agent) == want


def test_a_records_plaintext_of_other_values_goes_through_the_encoder(tmp_path: Path) -> None:
    values = [f"v{i}" for i in range(len(RECORD_COLUMNS))]
    odd = [None, *values[1:]]
    assert f.record_plaintext(odd, "SA") == json_bytes(  # type: ignore[arg-type]
        {"fields": dict(zip(RECORD_COLUMNS, odd, strict=True)), "case_agent": "SA"})
    with pytest.raises(ValueError):
        f.record_plaintext(values[1:], "SA")
    # sealed under the batch key and opened by the one reader of records
    v = _vault(tmp_path)
    blob = f.BatchSealing(v, "B-1").record_values(3, values, "SA")
    assert f.open_record(v, "B-1", 3, blob) == (dict(zip(RECORD_COLUMNS, values,
                                                         strict=True)), "SA")

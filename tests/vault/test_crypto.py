"""The sealing primitives: a round trip works, and every tamper is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dgate.errors import IntegrityError
from dgate.vault import crypto

KEY = bytes(range(32))
KID = bytes.fromhex("0102030405060708")
CTX = "decisions|B-1:7|details"


@given(st.binary(max_size=2000), st.text(max_size=60))
def test_round_trip(data: bytes, context: str) -> None:
    blob = crypto.seal(KEY, KID, context, data)
    assert crypto.sealed_key_id(blob) == KID
    assert crypto.open_sealed(KEY, context, blob) == data


def test_ciphertext_hides_the_value_and_never_repeats() -> None:
    a = crypto.seal(KEY, KID, CTX, b"GARCIA LOPEZ 401223344")
    b = crypto.seal(KEY, KID, CTX, b"GARCIA LOPEZ 401223344")
    assert a != b  # a fresh nonce each time: equal values are not linkable
    assert b"GARCIA" not in a and b"401223344" not in a


def test_a_flipped_bit_anywhere_is_refused() -> None:
    blob = crypto.seal(KEY, KID, CTX, b"123 North Main Street")
    for i in range(len(blob)):
        bad = bytearray(blob)
        bad[i] ^= 0x01
        with pytest.raises(IntegrityError):
            crypto.open_sealed(KEY, CTX, bytes(bad))


@pytest.mark.parametrize("other", [
    "decisions|B-1:8|details",      # another record of the same batch
    "decisions|B-2:7|details",      # the same seq in another batch
    "records|B-1:7|fields",         # another table and field
    "decisions|B-1:7|explanation",  # another field of the same record
])
def test_a_value_moved_to_another_place_is_refused(other: str) -> None:
    blob = crypto.seal(KEY, KID, CTX, b"500 E 7th St")
    with pytest.raises(IntegrityError):
        crypto.open_sealed(KEY, other, blob)


def test_relabelled_key_id_or_wrong_key_is_refused() -> None:
    blob = crypto.seal(KEY, KID, CTX, b"x")
    relabelled = blob[:1] + bytes(8) + blob[9:]
    assert crypto.sealed_key_id(relabelled) == bytes(8)
    with pytest.raises(IntegrityError):
        crypto.open_sealed(KEY, CTX, relabelled)  # same key, but the AAD names the key id
    with pytest.raises(IntegrityError):
        crypto.open_sealed(bytes(32), CTX, blob)


@pytest.mark.parametrize("cut", [0, 1, 9, 20, 36])
def test_truncated_is_refused(cut: int) -> None:
    blob = crypto.seal(KEY, KID, CTX, b"")
    with pytest.raises(IntegrityError):
        crypto.open_sealed(KEY, CTX, blob[:cut])
    with pytest.raises(IntegrityError):
        crypto.open_sealed(KEY, CTX, blob[:-1])


def test_unknown_version_is_refused() -> None:
    blob = crypto.seal(KEY, KID, CTX, b"x")
    with pytest.raises(IntegrityError):
        crypto.sealed_key_id(b"\x02" + blob[1:])


def test_wrap_binds_id_purpose_scope_and_kek() -> None:
    kek, dek = crypto.new_key(), crypto.new_key()
    wrapped = crypto.wrap(kek, dek, "aa", "batch", "B-1")
    assert crypto.unwrap(kek, wrapped, "aa", "batch", "B-1") == dek
    assert dek not in wrapped
    for args in (("bb", "batch", "B-1"), ("aa", "response", "B-1"), ("aa", "batch", "B-2")):
        with pytest.raises(IntegrityError):
            crypto.unwrap(kek, wrapped, *args)
    with pytest.raises(IntegrityError):
        crypto.unwrap(crypto.new_key(), wrapped, "aa", "batch", "B-1")


def test_blind_index_is_keyed_and_separates_purposes() -> None:
    k1, k2 = crypto.new_key(), crypto.new_key()
    assert crypto.blind_index(k1, "tin", "401223344") == crypto.blind_index(k1, "tin",
                                                                             "401223344")
    assert crypto.blind_index(k1, "tin", "401223344") != crypto.blind_index(k2, "tin",
                                                                             "401223344")
    assert crypto.blind_index(k1, "tin", "1") != crypto.blind_index(k1, "case_agent", "1")
    assert "401223344" not in crypto.blind_index(k1, "tin", "401223344")


def test_kek_id_is_derived_and_short() -> None:
    k = crypto.new_key()
    assert crypto.kek_id(k) == crypto.kek_id(bytes(k)) and len(crypto.kek_id(k)) == 16
    assert crypto.kek_id(k) != crypto.kek_id(crypto.new_key())

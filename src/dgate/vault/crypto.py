"""The cryptographic primitives of the vault, as pure functions over bytes.

Field ciphertext (one sealed value):

    version (1 byte) || key_id (8 bytes) || nonce (12 bytes) || AES-256-GCM(ciphertext + tag)

The associated data is the header (version and key id) followed by the context, a string
naming the table, the record and the field (`decisions|B-1:7|details`). A ciphertext copied
to another record or field, or relabelled with another key id, fails to open: the tag
covers where the value belongs, not only what it is.

A data key (DEK) is wrapped under a master key (KEK) with AES-256-GCM too, its associated
data binding the DEK's id, purpose and scope and the KEK's id, so a wrapped key cannot be
swapped for another row's.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from dgate.errors import IntegrityError

VERSION = 1
KEY_ID_LEN = 8
NONCE_LEN = 12
KEY_LEN = 32
_HEADER = 1 + KEY_ID_LEN
_MIN_SEALED = _HEADER + NONCE_LEN + 16  # an empty plaintext still carries its 16-byte tag


def new_key() -> bytes:
    """32 random bytes: an AES-256 key or an HMAC key."""
    return secrets.token_bytes(KEY_LEN)


def new_key_id() -> bytes:
    return secrets.token_bytes(KEY_ID_LEN)


def kek_id(key: bytes) -> str:
    """A short public name of a master key, derived from it (never reveals it)."""
    return hashlib.sha256(b"dgate-kek" + key).hexdigest()[:16]


class Sealer:
    """Seals any number of values under one data key: the AES-GCM object and the header
    are made once (a batch seals hundreds of thousands of values under one key), while each
    value still gets its own fresh random nonce and its own context in the associated
    data."""

    __slots__ = ("_aead", "_header")

    def __init__(self, key: bytes, key_id: bytes) -> None:
        if len(key_id) != KEY_ID_LEN:
            raise ValueError("a key id is 8 bytes")
        self._aead = AESGCM(key)
        self._header = bytes([VERSION]) + key_id

    def seal(self, context: str, plaintext: bytes) -> bytes:
        """Encrypt `plaintext` for the place `context` names."""
        header = self._header
        nonce = secrets.token_bytes(NONCE_LEN)
        return header + nonce + self._aead.encrypt(nonce, plaintext, header + context.encode())


def seal(key: bytes, key_id: bytes, context: str, plaintext: bytes) -> bytes:
    """Encrypt `plaintext` for the place `context` names, under data key `key_id`."""
    return Sealer(key, key_id).seal(context, plaintext)


def sealed_key_id(blob: bytes) -> bytes:
    """The id of the data key a sealed value names (read before the key is looked up)."""
    if len(blob) < _MIN_SEALED or blob[0] != VERSION:
        raise IntegrityError("a sealed value is truncated or of an unknown format")
    return bytes(blob[1:_HEADER])


def open_sealed(key: bytes, context: str, blob: bytes) -> bytes:
    """Decrypt a value sealed by `seal` for the same context; IntegrityError if it was
    altered, truncated, moved to another place or relabelled with another key."""
    sealed_key_id(blob)
    header, nonce, body = blob[:_HEADER], blob[_HEADER:_HEADER + NONCE_LEN], blob[
        _HEADER + NONCE_LEN:]
    try:
        return AESGCM(key).decrypt(nonce, bytes(body), bytes(header) + context.encode())
    except InvalidTag:
        raise IntegrityError(f"a sealed value does not open for {context_place(context)}"
                             ) from None


def context_place(context: str) -> str:
    """The table and field of a context, for messages (the record id may be a request key,
    which is not personal, but the field name is enough to say where)."""
    parts = context.split("|")
    return f"{parts[0]}.{parts[-1]}" if len(parts) > 1 else parts[0]


def _wrap_aad(key_id: str, purpose: str, scope: str, kek: str) -> bytes:
    return f"dgate-dek|{key_id}|{purpose}|{scope}|{kek}".encode()


def wrap(kek: bytes, dek: bytes, key_id: str, purpose: str, scope: str) -> bytes:
    """The data key `dek` encrypted under the master key `kek` (nonce || ciphertext)."""
    nonce = secrets.token_bytes(NONCE_LEN)
    return nonce + AESGCM(kek).encrypt(nonce, dek, _wrap_aad(key_id, purpose, scope,
                                                               kek_id(kek)))


def unwrap(kek: bytes, wrapped: bytes, key_id: str, purpose: str, scope: str) -> bytes:
    try:
        return AESGCM(kek).decrypt(wrapped[:NONCE_LEN], wrapped[NONCE_LEN:],
                                   _wrap_aad(key_id, purpose, scope, kek_id(kek)))
    except (InvalidTag, ValueError):
        raise IntegrityError(f"data key {key_id} does not unwrap under master key "
                             f"{kek_id(kek)}") from None


def blind_index(index_key: bytes, purpose: str, value: str) -> str:
    """A keyed digest that finds equal values without storing them: HMAC-SHA256 over the
    purpose and the value, so the same value gives unrelated digests for two purposes."""
    return BlindIndex(index_key, purpose)(value)


class BlindIndex:
    """`blind_index` of one key and purpose for many values: the HMAC state after the key
    and the purpose prefix is computed once and copied for each value."""

    __slots__ = ("_prefix",)

    def __init__(self, index_key: bytes, purpose: str) -> None:
        self._prefix = hmac.new(index_key, purpose.encode() + b"\x00", hashlib.sha256)

    def __call__(self, value: str) -> str:
        mac = self._prefix.copy()
        mac.update(value.encode("utf-8"))
        return mac.hexdigest()

"""Signed checkpoints: C2SP tlog-checkpoint bodies in C2SP signed-note envelopes, Ed25519 only.

    body  = "<origin>\\n<tree size>\\n<base64 root hash>\\n"      (tlog-checkpoint)
    note  = body + "\\n" + "— <key name> <base64(key id || signature)>\\n"   (signed-note)
    key id = SHA-256(key name || 0x0A || 0x01 || public key)[:4]

The signature covers the body bytes exactly, trailing newline included. Anyone holding the
verifier key string `<name>+<hex key id>+<base64(0x01 || public key)>` can check a checkpoint
with the standard library plus `cryptography` (see docs/ledger.md).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from dgate.errors import IntegrityError, UsageError
from dgate.ledger.merkle import HASH_SIZE

__all__ = [
    "Checkpoint",
    "CheckpointError",
    "checkpoint_body",
    "key_id",
    "open_note",
    "parse_checkpoint_body",
    "parse_verifier_key",
    "sign_checkpoint",
    "sign_note",
    "verifier_key",
    "verify_checkpoint",
]

ED25519_SIG_TYPE = b"\x01"
_SIG_PREFIX = "\u2014 "  # an em dash and a space open every signature line
_MAX_SIGNATURES = 100  # the signed-note spec lets verifiers refuse notes with more
_DECIMAL = re.compile(r"0|[1-9][0-9]*")


class CheckpointError(IntegrityError):
    """A note or checkpoint is malformed or its signature does not verify."""


@dataclass(frozen=True, slots=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes


# ---------------------------------------------------------------- keys


def _raw_public(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def _check_key_name(name: str) -> None:
    # signed-note: a key name is non-empty and holds neither Unicode spaces nor "+".
    if not name or "+" in name or any(ch.isspace() for ch in name):
        raise UsageError("signed note: a key name must be non-empty, without spaces or '+'")


def key_id(key_name: str, public_key: Ed25519PublicKey) -> bytes:
    """The 4-byte key id the signed-note spec recommends for an Ed25519 key."""
    _check_key_name(key_name)
    material = key_name.encode() + b"\n" + ED25519_SIG_TYPE + _raw_public(public_key)
    return hashlib.sha256(material).digest()[:4]


def verifier_key(key_name: str, public_key: Ed25519PublicKey) -> str:
    """The shareable verifier key string `<name>+<hex key id>+<base64(0x01 || public key)>`."""
    blob = base64.b64encode(ED25519_SIG_TYPE + _raw_public(public_key)).decode()
    return f"{key_name}+{key_id(key_name, public_key).hex()}+{blob}"


def _b64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise CheckpointError(f"{what} is not valid base64") from exc


def parse_verifier_key(vkey: str) -> tuple[str, Ed25519PublicKey]:
    """Read a verifier key string back into (key name, public key), checking its key id."""
    # Neither the name nor the hex id may hold "+", but the base64 key can: split twice only.
    parts = vkey.split("+", 2)
    if len(parts) != 3 or len(parts[1]) != 8:
        raise CheckpointError("verifier key: expected <name>+<8 hex digits>+<base64 key>")
    name, hex_id, blob_text = parts
    blob = _b64(blob_text, "verifier key: the key part")
    if len(blob) != 33 or blob[:1] != ED25519_SIG_TYPE:
        raise CheckpointError("verifier key: not an Ed25519 key (type 0x01, 32 bytes)")
    public_key = Ed25519PublicKey.from_public_bytes(blob[1:])
    if key_id(name, public_key).hex() != hex_id.lower():
        raise CheckpointError("verifier key: key id does not match the name and key")
    return name, public_key


# ---------------------------------------------------------------- notes


def sign_note(text: str, key_name: str, private_key: Ed25519PrivateKey) -> str:
    """Sign `text` (which must end in a newline and hold no blank line) as a signed note."""
    if not text.endswith("\n") or "\n\n" in text:
        raise UsageError("signed note: text must end with a newline and hold no blank line")
    kid = key_id(key_name, private_key.public_key())
    signature = private_key.sign(text.encode())
    return f"{text}\n{_SIG_PREFIX}{key_name} {base64.b64encode(kid + signature).decode()}\n"


def _split_note(note: str) -> tuple[str, list[str]]:
    if not note.endswith("\n"):
        raise CheckpointError("signed note: does not end with a newline")
    # Signatures follow the LAST blank line; the text keeps its own final newline.
    cut = note.rfind("\n\n")
    if cut < 0:
        raise CheckpointError("signed note: no blank line before the signatures")
    text, sig_block = note[: cut + 1], note[cut + 2 :]
    lines = sig_block[:-1].split("\n")
    if not lines or len(lines) > _MAX_SIGNATURES:
        raise CheckpointError("signed note: missing or too many signature lines")
    return text, lines


def open_note(note: str, key_name: str, public_key: Ed25519PublicKey) -> str:
    """Return the note's text if `key_name`/`public_key` signed it; raise CheckpointError if not.

    Signature lines from other keys are ignored, as the spec requires; a line that claims
    this key (same name and key id) but does not verify rejects the whole note.
    """
    text, lines = _split_note(note)
    want_id = key_id(key_name, public_key)
    found = False
    for number, line in enumerate(lines, start=1):
        if not line.startswith(_SIG_PREFIX):
            raise CheckpointError(f"signed note: signature line {number} is malformed")
        name, sep, blob_text = line[len(_SIG_PREFIX) :].partition(" ")
        blob = _b64(blob_text, f"signed note: signature line {number}")
        if not sep or not name or len(blob) < 5:
            raise CheckpointError(f"signed note: signature line {number} is malformed")
        if name != key_name or blob[:4] != want_id:
            continue
        try:
            public_key.verify(blob[4:], text.encode())
        except InvalidSignature as exc:
            raise CheckpointError(f"signed note: signature line {number} does not verify") from exc
        found = True
    if not found:
        raise CheckpointError("signed note: no signature by the expected key")
    return text


# ---------------------------------------------------------------- checkpoints


def checkpoint_body(origin: str, size: int, root: bytes) -> str:
    """The tlog-checkpoint body: origin, decimal tree size, base64 root hash, one per line."""
    if not origin or "\n" in origin or origin != origin.strip():
        raise UsageError("checkpoint: origin must be one non-empty line without edge spaces")
    if size < 0:
        raise UsageError("checkpoint: tree size must not be negative")
    if len(root) != HASH_SIZE:
        raise UsageError(f"checkpoint: root hash must be {HASH_SIZE} bytes")
    return f"{origin}\n{size}\n{base64.b64encode(root).decode()}\n"


def parse_checkpoint_body(text: str) -> Checkpoint:
    """Read a checkpoint body; extension lines after the root are allowed and ignored."""
    lines = text.split("\n")
    if len(lines) < 4 or lines[-1] != "":
        raise CheckpointError("checkpoint: body needs origin, size and root lines")
    origin, size_text, root_text = lines[0], lines[1], lines[2]
    if not origin:
        raise CheckpointError("checkpoint: origin line is empty")
    if not _DECIMAL.fullmatch(size_text):
        raise CheckpointError("checkpoint: tree size line is not a plain decimal number")
    root = _b64(root_text, "checkpoint: root hash line")
    if len(root) != HASH_SIZE:
        raise CheckpointError(f"checkpoint: root hash is not {HASH_SIZE} bytes")
    if any(line == "" for line in lines[3:-1]):
        raise CheckpointError("checkpoint: an extension line is empty")
    return Checkpoint(origin=origin, size=int(size_text), root=root)


def sign_checkpoint(
    origin: str, size: int, root: bytes, key_name: str, private_key: Ed25519PrivateKey
) -> str:
    """A signed note over the checkpoint body for (origin, size, root)."""
    return sign_note(checkpoint_body(origin, size, root), key_name, private_key)


def verify_checkpoint(note: str, key_name: str, public_key: Ed25519PublicKey) -> Checkpoint:
    """Check the signature, then parse the body; raise CheckpointError on any failure."""
    return parse_checkpoint_body(open_note(note, key_name, public_key))

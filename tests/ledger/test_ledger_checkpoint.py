"""Signed checkpoints: C2SP signed-note envelopes around tlog-checkpoint bodies."""

from __future__ import annotations

import base64
import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from dgate.errors import IntegrityError, UsageError
from dgate.ledger.checkpoint import (
    Checkpoint,
    CheckpointError,
    key_id,
    open_note,
    parse_checkpoint_body,
    parse_verifier_key,
    sign_checkpoint,
    sign_note,
    verifier_key,
    verify_checkpoint,
)

ORIGIN = "dgate.example/ledger"
NAME = "dgate.example/ledger-key"
ROOT = hashlib.sha256(b"some root").digest()


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(bytes(range(32)))


def _raw(k: Ed25519PrivateKey) -> bytes:
    return k.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


# The example from the signed-note documentation (Go's golang.org/x/mod/sumdb/note), produced
# by an independent implementation: our parser, key id and verifier must all accept it.
GO_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"
GO_NOTE = (
    "This is an example message.\n\n"
    "\u2014 example.com/foo "
    "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n"
)


def test_opens_the_reference_note() -> None:
    name, public = parse_verifier_key(GO_VKEY)
    assert name == "example.com/foo"
    assert key_id(name, public).hex() == "530d903a"
    assert open_note(GO_NOTE, name, public) == "This is an example message.\n"
    with pytest.raises(CheckpointError):
        open_note(GO_NOTE.replace("example message", "example massage"), name, public)


def test_checkpoint_layout_and_round_trip(key: Ed25519PrivateKey) -> None:
    note = sign_checkpoint(ORIGIN, 1234, ROOT, NAME, key)
    body, sig_line = note.split("\n\n")
    assert body + "\n" == f"{ORIGIN}\n1234\n{base64.b64encode(ROOT).decode()}\n"
    assert sig_line.startswith(f"\u2014 {NAME} ") and sig_line.endswith("\n")
    blob = base64.b64decode(sig_line.split(" ")[2])
    # key id = SHA-256(name || 0x0A || 0x01 || public key)[:4], then a 64-byte signature
    assert blob[:4] == hashlib.sha256(NAME.encode() + b"\n\x01" + _raw(key)).digest()[:4]
    assert len(blob) == 68
    key.public_key().verify(blob[4:], (body + "\n").encode())  # over the body bytes exactly
    assert verify_checkpoint(note, NAME, key.public_key()) == Checkpoint(ORIGIN, 1234, ROOT)


def test_verifier_key_string(key: Ed25519PrivateKey) -> None:
    vkey = verifier_key(NAME, key.public_key())
    name, hex_id, blob = vkey.split("+", 2)
    assert "+" in blob  # this key's base64 holds a "+": parsers must split only twice
    assert (name, hex_id) == (NAME, key_id(NAME, key.public_key()).hex())
    assert base64.b64decode(blob) == b"\x01" + _raw(key)
    parsed_name, parsed = parse_verifier_key(vkey)
    assert parsed_name == NAME and _raw_pub(parsed) == _raw(key)
    with pytest.raises(CheckpointError):
        parse_verifier_key(vkey.replace(hex_id, "00000000"))


def _raw_pub(public: object) -> bytes:
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)  # type: ignore[attr-defined]


def test_tampered_notes_are_rejected(key: Ed25519PrivateKey) -> None:
    note = sign_checkpoint(ORIGIN, 1234, ROOT, NAME, key)
    other = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
    forged_root = base64.b64encode(hashlib.sha256(b"other").digest()).decode()
    bad = [
        note.replace("\n1234\n", "\n1235\n"),  # size changed
        note.replace(base64.b64encode(ROOT).decode(), forged_root),  # root changed
        note.replace(ORIGIN, ORIGIN + "x", 1),  # origin changed
        note[:-3] + ("A" if note[-3] != "A" else "B") + note[-2:],  # signature changed
        note.rstrip("\n"),  # truncated
        note.split("\n\n")[0] + "\n",  # signature removed
    ]
    for text in bad:
        with pytest.raises(CheckpointError):
            verify_checkpoint(text, NAME, key.public_key())
    with pytest.raises(CheckpointError):  # a different key's public half
        verify_checkpoint(note, NAME, other.public_key())
    with pytest.raises(CheckpointError):  # same key, different name: different key id
        verify_checkpoint(note, NAME + "2", key.public_key())


def test_unknown_signers_are_ignored_but_one_known_is_required(key: Ed25519PrivateKey) -> None:
    other = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
    note = sign_checkpoint(ORIGIN, 7, ROOT, NAME, key)
    cosigned = note + sign_note("x\n", "witness.example", other).split("\n\n")[1]
    assert verify_checkpoint(cosigned, NAME, key.public_key()).size == 7
    only_other = sign_checkpoint(ORIGIN, 7, ROOT, "witness.example", other)
    with pytest.raises(CheckpointError):
        verify_checkpoint(only_other, NAME, key.public_key())


@pytest.mark.parametrize(
    "body",
    [
        "origin\n007\n{root}\n",  # leading zeros
        "origin\n-1\n{root}\n",
        "origin\n12\n",  # no root line
        "origin\n12\n{root}",  # no final newline
        "origin\n12\nnot base64!\n",
        "origin\n12\n" + base64.b64encode(b"short").decode() + "\n",
        "\n12\n{root}\n",  # empty origin
    ],
)
def test_malformed_bodies(body: str) -> None:
    with pytest.raises(CheckpointError):
        parse_checkpoint_body(body.format(root=base64.b64encode(ROOT).decode()))


def test_extension_lines_are_allowed() -> None:
    body = f"o\n3\n{base64.b64encode(ROOT).decode()}\nextension line\n"
    assert parse_checkpoint_body(body) == Checkpoint("o", 3, ROOT)


def test_bad_signing_arguments(key: Ed25519PrivateKey) -> None:
    for name in ("", "with space", "a+b"):
        with pytest.raises(UsageError):
            sign_checkpoint(ORIGIN, 1, ROOT, name, key)
    with pytest.raises(UsageError):
        sign_checkpoint("two\nlines", 1, ROOT, NAME, key)
    with pytest.raises(UsageError):
        sign_checkpoint(ORIGIN, 1, b"short", NAME, key)
    assert issubclass(CheckpointError, IntegrityError)

"""docs/ledger.md must stay true: its verification script is run against a real ledger, and
its example checkpoint must verify with the verifier key printed beside it."""

from __future__ import annotations

import base64
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from dgate.ledger import store
from dgate.ledger.checkpoint import parse_verifier_key, verifier_key, verify_checkpoint

DOC = Path(__file__).resolve().parents[2] / "docs" / "ledger.md"
ORIGIN = "disclosure-gate.example/ledger"
KEY_NAME = "disclosure-gate.example/ledger-2025"


def _block(marker: str, lang: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    found = re.search(rf"<!-- {marker}:[^>]*-->\n```{lang}\n(.*?)```\n", text, re.S)
    assert found, f"docs/ledger.md lost its {marker} block"
    return found.group(1)


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "check_entry.py"
    path.write_text(_block("verify-snippet", "python"), encoding="utf-8")
    return path


def _run(script: Path, bundle: dict[str, object], vkey: str, tmp_path: Path):
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    # -O proves the script does not lean on `assert` for its checks.
    return subprocess.run(
        [sys.executable, "-O", str(script), str(path), vkey],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_doc_script_accepts_real_evidence_and_rejects_forgeries(
    conn: sqlite3.Connection, signing_key: Ed25519PrivateKey, script: Path, tmp_path: Path
) -> None:
    store.append_many(conn, ({"seq": i, "type": "disclosure"} for i in range(257)))
    store.checkpoint(conn, ORIGIN, KEY_NAME, signing_key, "2025-06-01T00:00:00Z")
    store.append_many(conn, ({"seq": i, "type": "disclosure"} for i in range(257, 300)))
    conn.commit()
    vkey = verifier_key(KEY_NAME, signing_key.public_key())

    for index in (0, 130, 256):
        bundle = store.evidence(conn, index, KEY_NAME, signing_key.public_key())
        assert bundle["verifier_key"] == vkey
        done = _run(script, bundle, vkey, tmp_path)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(f"OK: entry {index} is in {ORIGIN} at size 257")

    good = store.evidence(conn, 130, KEY_NAME, signing_key.public_key())
    forged_entry = base64.b64encode(b'{"seq":130,"type":"forged"}').decode()
    other_key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    forgeries = [
        ({**good, "entry": forged_entry}, vkey),
        ({**good, "index": 131}, vkey),
        ({**good, "proof": good["proof"][:-1]}, vkey),
        ({**good, "checkpoint": good["checkpoint"].replace("\n257\n", "\n258\n")}, vkey),
        (good, verifier_key(KEY_NAME, other_key.public_key())),
    ]
    for bundle, key in forgeries:
        done = _run(script, bundle, key, tmp_path)
        assert done.returncode == 1 and "FAILED" in done.stderr, done.stdout


def test_doc_example_checkpoint_verifies() -> None:
    text = DOC.read_text(encoding="utf-8")
    vkey = re.search(r"`(disclosure-gate\.example/ledger-2025\+[0-9a-f]{8}\+[^`]+)`", text)
    assert vkey, "docs/ledger.md lost the example verifier key"
    name, public = parse_verifier_key(vkey.group(1))
    head = verify_checkpoint(_block("example-checkpoint", "text"), name, public)
    assert (head.origin, head.size) == (ORIGIN, 300)

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from dgate.ledger import store


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """A real on-disk SQLite database in WAL mode with the ledger tables created."""
    db = sqlite3.connect(tmp_path / "case.db")
    assert db.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    for statement in store.LEDGER_SCHEMA:
        db.execute(statement)
    db.commit()
    yield db
    db.close()


@pytest.fixture(scope="session")
def signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(bytes(range(100, 132)))

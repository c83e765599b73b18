"""The ledger store on a real SQLite file: appends, roots, proofs, checkpoints, tampering."""

from __future__ import annotations

import sqlite3

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from dgate.errors import IntegrityError, NotFoundError, UsageError
from dgate.ledger import merkle, store
from dgate.ledger.checkpoint import verify_checkpoint

ORIGIN = "disclosure-gate.example/ledger"
KEY_NAME = "disclosure-gate.example/ledger-2025"


def event(i: int) -> dict[str, object]:
    return {"seq": i, "type": "disclosure", "request": f"R{i:05d}", "subject": f"c{i:064x}"}


def leaves(n: int) -> list[bytes]:
    return [merkle.leaf_hash(store.canonical(event(i))) for i in range(n)]


def build(conn: sqlite3.Connection, key: Ed25519PrivateKey, n: int, every: int) -> None:
    """n events with a checkpoint after every `every` of them, committed."""
    for start in range(0, n, every):
        store.append_many(conn, (event(i) for i in range(start, min(n, start + every))))
        store.checkpoint(conn, ORIGIN, KEY_NAME, key, f"2025-06-{start // every + 1:02d}T00:00:00Z")
    conn.commit()


def check(conn: sqlite3.Connection, key: Ed25519PrivateKey) -> store.VerifyReport:
    return store.verify(conn, ORIGIN, KEY_NAME, key.public_key())


# ---------------------------------------------------------------- values


def test_canonical_bytes() -> None:
    got = store.canonical({"b": 1, "a": ["é", None, True], "c": {"z": 0, "y": 1.5}})
    assert got == b'{"a":["\\u00e9",null,true],"b":1,"c":{"y":1.5,"z":0}}'
    with pytest.raises(UsageError):
        store.canonical({"when": object()})


def test_commitment_is_hmac_sha256() -> None:
    # RFC 4231 test case 1: key 0x0b * 20, data "Hi There".
    assert store.commitment(b"\x0b" * 20, "Hi There") == (
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
    )
    with pytest.raises(UsageError):
        store.commitment(b"short", "x")


# ---------------------------------------------------------------- tree and proofs


def test_incremental_store_matches_full_recomputation(conn: sqlite3.Connection) -> None:
    assert store.size(conn) == 0 and store.root(conn) == merkle.EMPTY_ROOT
    for i in range(40):
        assert store.append(conn, event(i)) == i
        hashes = leaves(i + 1)
        assert store.size(conn) == i + 1
        assert store.root(conn) == merkle.root_from_leaf_hashes(hashes)
        for m in range(i + 1):
            assert store.inclusion(conn, m) == merkle.inclusion_proof(hashes, m)
            assert store.consistency(conn, m + 1) == merkle.consistency_proof(hashes, m + 1)
    assert store.append_many(conn, (event(i) for i in range(40, 103))) == (40, 103)
    assert store.append_many(conn, []) == (103, 103)
    hashes = leaves(103)
    for n in (1, 2, 40, 64, 65, 103):
        assert store.root(conn, n) == merkle.root_from_leaf_hashes(hashes[:n])
    assert store.entry(conn, 77) == store.canonical(event(77))
    assert list(store.entries(conn)) == [(i, store.canonical(event(i))) for i in range(103)]
    assert [i for i, _ in store.entries(conn, 100)] == [100, 101, 102]
    assert [i for i, _ in store.entries(conn, 5, 8)] == [5, 6, 7]
    with pytest.raises(NotFoundError):
        store.entry(conn, 103)
    with pytest.raises(UsageError):
        store.root(conn, 104)


def test_proofs_verify_against_signed_checkpoints(
    conn: sqlite3.Connection, signing_key: Ed25519PrivateKey
) -> None:
    store.append_many(conn, (event(i) for i in range(50)))
    old = verify_checkpoint(
        store.checkpoint(conn, ORIGIN, KEY_NAME, signing_key, "2025-06-01T00:00:00Z"),
        KEY_NAME,
        signing_key.public_key(),
    )
    store.append_many(conn, (event(i) for i in range(50, 133)))
    new = verify_checkpoint(
        store.checkpoint(conn, ORIGIN, KEY_NAME, signing_key, "2025-06-02T00:00:00Z"),
        KEY_NAME,
        signing_key.public_key(),
    )
    assert (old.size, new.size) == (50, 133)
    merkle.verify_consistency(50, 133, old.root, new.root, store.consistency(conn, 50))
    for index in (0, 49, 50, 132):
        leaf = merkle.leaf_hash(store.entry(conn, index))
        merkle.verify_inclusion(index, 133, leaf, store.inclusion(conn, index), new.root)
        if index < 50:
            proof = store.inclusion(conn, index, 50)
            merkle.verify_inclusion(index, 50, leaf, proof, old.root)
    assert (
        verify_checkpoint(store.latest_checkpoint(conn), KEY_NAME, signing_key.public_key()) == new
    )


def test_nothing_is_committed_by_the_ledger(conn: sqlite3.Connection) -> None:
    store.append_many(conn, (event(i) for i in range(10)))
    conn.commit()
    store.append(conn, event(10))
    assert store.size(conn) == 11
    conn.rollback()  # the caller's state change failed, so its ledger record goes too
    assert store.size(conn) == 10
    assert store.root(conn) == merkle.root_from_leaf_hashes(leaves(10))
    assert store.append(conn, event(10)) == 10


def test_empty_ledger_has_no_checkpoint_and_verifies(
    conn: sqlite3.Connection, signing_key: Ed25519PrivateKey
) -> None:
    assert store.latest_checkpoint(conn) is None
    assert check(conn, signing_key).ok
    store.checkpoint(conn, ORIGIN, KEY_NAME, signing_key, "2025-06-01T00:00:00Z")
    assert check(conn, signing_key).ok  # a checkpoint of the empty log signs the empty root


def test_append_conflict_becomes_integrity_error(conn: sqlite3.Connection) -> None:
    store.append(conn, event(0))
    # A writer that raced us already holds index 1 in the nodes table.
    conn.execute("INSERT INTO ledger_nodes (level, idx, hash) VALUES (0, 1, ?)", (b"x" * 32,))
    with pytest.raises(IntegrityError):
        store.append(conn, event(1))


# ---------------------------------------------------------------- verify and tampering


N, EVERY = 300, 100


@pytest.fixture
def ledger(conn: sqlite3.Connection, signing_key: Ed25519PrivateKey) -> sqlite3.Connection:
    build(conn, signing_key, N, EVERY)
    return conn


def test_untouched_ledger_verifies(ledger: sqlite3.Connection, signing_key) -> None:
    report = check(ledger, signing_key)
    assert report.ok, report.message
    assert (report.size, report.checkpoints, report.first_bad) == (N, 3, None)


def test_altered_entry_is_found(ledger: sqlite3.Connection, signing_key) -> None:
    forged = store.canonical({**event(137), "type": "no_disclosure"})
    ledger.execute("UPDATE ledger_entries SET entry = ? WHERE idx = 137", (forged,))
    report = check(ledger, signing_key)
    assert (report.ok, report.first_bad) == (False, 137)
    assert "137" in report.message and "\n" not in report.message


def test_deleted_entry_is_found(ledger: sqlite3.Connection, signing_key) -> None:
    ledger.execute("DELETE FROM ledger_entries WHERE idx = 58")
    report = check(ledger, signing_key)
    assert (report.ok, report.first_bad) == (False, 58)
    assert "missing" in report.message


def test_swapped_entries_are_found(ledger: sqlite3.Connection, signing_key) -> None:
    a, b = store.entry(ledger, 211), store.entry(ledger, 42)
    ledger.execute("UPDATE ledger_entries SET entry = ? WHERE idx = 42", (a,))
    ledger.execute("UPDATE ledger_entries SET entry = ? WHERE idx = 211", (b,))
    report = check(ledger, signing_key)
    assert (report.ok, report.first_bad) == (False, 42)


def test_swapped_rows_by_index_are_found(ledger: sqlite3.Connection, signing_key) -> None:
    ledger.execute("UPDATE ledger_entries SET idx = -1 WHERE idx = 250")
    ledger.execute("UPDATE ledger_entries SET idx = 250 WHERE idx = 120")
    ledger.execute("UPDATE ledger_entries SET idx = 120 WHERE idx = -1")
    report = check(ledger, signing_key)
    assert (report.ok, report.first_bad) == (False, 120)


def test_rewrite_of_entry_and_whole_tree_is_caught_by_the_signature(
    ledger: sqlite3.Connection, signing_key
) -> None:
    # A thorough forger changes entry 150 and rebuilds every stored hash to match; only the
    # signed checkpoints still bind the original. The damage lies between checkpoints 1 and 2.
    rows = [bytes(r[0]) for r in ledger.execute("SELECT entry FROM ledger_entries ORDER BY idx")]
    rows[150] = store.canonical({**event(150), "type": "forged"})
    ledger.execute("DELETE FROM ledger_entries")
    ledger.execute("DELETE FROM ledger_nodes")
    front = merkle.Frontier()
    for i, data in enumerate(rows):
        ledger.execute("INSERT INTO ledger_entries VALUES (?, ?)", (i, data))
        for node in front.append(merkle.leaf_hash(data)):
            ledger.execute("INSERT INTO ledger_nodes VALUES (?, ?, ?)", node)
    report = check(ledger, signing_key)
    assert (report.ok, report.first_bad) == (False, 100)
    assert "100..199" in report.message and "checkpoint 2" in report.message


def test_truncated_tail_is_found(ledger: sqlite3.Connection, signing_key) -> None:
    ledger.execute("DELETE FROM ledger_entries WHERE idx >= 290")
    report = check(ledger, signing_key)
    assert (report.ok, report.first_bad) == (False, 290)


def test_emptied_entries_table_is_found(ledger: sqlite3.Connection, signing_key) -> None:
    ledger.execute("DELETE FROM ledger_entries")
    ledger.execute("DELETE FROM ledger_checkpoints")  # even with the checkpoints gone too
    report = check(ledger, signing_key)
    assert (report.ok, report.first_bad) == (False, 0)


def test_tampered_inner_node_is_found(ledger: sqlite3.Connection, signing_key) -> None:
    # Level 3 node 9 covers entries 72..79; a wrong node would poison served proofs.
    ledger.execute("UPDATE ledger_nodes SET hash = ? WHERE level = 3 AND idx = 9", (b"\0" * 32,))
    report = check(ledger, signing_key)
    assert (report.ok, report.first_bad) == (False, 72)


def test_forged_or_foreign_checkpoints(ledger: sqlite3.Connection, signing_key) -> None:
    note = store.latest_checkpoint(ledger)
    ledger.execute(
        "UPDATE ledger_checkpoints SET note = ? WHERE seq = 2",
        (note.replace(f"\n{N}\n", "\n200\n"),),
    )
    report = check(ledger, signing_key)
    assert (report.ok, report.first_bad) == (False, None)
    assert report.message.startswith("checkpoint 2:")
    other = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    ledger.rollback()
    assert not check(ledger, other).ok
    assert not store.verify(ledger, "another-origin", KEY_NAME, signing_key.public_key()).ok


def test_checkpoint_signed_over_a_wrong_root_is_found(
    conn: sqlite3.Connection, signing_key: Ed25519PrivateKey
) -> None:
    store.append_many(conn, (event(i) for i in range(40)))
    # Corrupting a stored node before the first checkpoint makes the log sign a root its
    # entries do not produce; verify must not take the stored nodes' word for it. Level 5
    # node 0 covers entries 0..31.
    conn.execute("UPDATE ledger_nodes SET hash = ? WHERE level = 5 AND idx = 0", (b"\1" * 32,))
    store.checkpoint(conn, ORIGIN, KEY_NAME, signing_key, "2025-07-01T00:00:00Z")
    report = check(conn, signing_key)
    assert (report.ok, report.first_bad) == (False, 0)


def test_checkpoint_refuses_a_head_that_forks_from_the_last(
    conn: sqlite3.Connection, signing_key: Ed25519PrivateKey
) -> None:
    build(conn, signing_key, 40, 40)
    conn.execute("UPDATE ledger_nodes SET hash = ? WHERE level = 5 AND idx = 0", (b"\1" * 32,))
    store.append_many(conn, (event(i) for i in range(40, 50)))
    with pytest.raises(IntegrityError):
        store.checkpoint(conn, ORIGIN, KEY_NAME, signing_key, "2025-07-01T00:00:00Z")
    conn.rollback()
    store.append_many(conn, (event(i) for i in range(40, 50)))
    store.checkpoint(conn, ORIGIN, KEY_NAME, signing_key, "2025-07-01T00:00:00Z")
    assert check(conn, signing_key).ok


def test_evidence_needs_a_checkpoint_covering_the_entry(
    conn: sqlite3.Connection, signing_key: Ed25519PrivateKey
) -> None:
    store.append_many(conn, (event(i) for i in range(5)))
    with pytest.raises(NotFoundError):
        store.evidence(conn, 0, KEY_NAME, signing_key.public_key())
    store.checkpoint(conn, ORIGIN, KEY_NAME, signing_key, "2025-07-01T00:00:00Z")
    store.append(conn, event(5))
    with pytest.raises(NotFoundError):
        store.evidence(conn, 5, KEY_NAME, signing_key.public_key())
    other = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    with pytest.raises(IntegrityError):  # the stored checkpoint is not this key's
        store.evidence(conn, 0, KEY_NAME, other.public_key())


# ---------------------------------------------------------------- rows rewritten by hand


def test_an_entry_rewritten_as_text_is_reported_not_raised(
    conn: sqlite3.Connection, signing_key: Ed25519PrivateKey
) -> None:
    """SQLite's replace() on a BLOB stores TEXT; text that is not UTF-8 cannot even be
    fetched as str. Either is a tampered entry, named by its index, never a TypeError."""
    store.append_many(conn, ({"type": "decision", "outcome": "DISCLOSE", "n": i}
                             for i in range(40)))
    store.checkpoint(conn, "origin", "k", signing_key, "t")
    conn.commit()
    pub = signing_key.public_key()
    conn.execute("""UPDATE ledger_entries SET entry = replace(entry, '"DISCLOSE"',
                    '"REJECTED"') WHERE idx = 30""")
    assert conn.execute("SELECT typeof(entry) FROM ledger_entries WHERE idx = 30"
                        ).fetchone()[0] == "text"
    report = store.verify(conn, "origin", "k", pub)
    assert not report.ok and report.first_bad == 30
    assert report.message == "entry 30 differs from its recorded hash (altered or reordered)"
    assert dict(store.entries(conn, 30, 31))[30].startswith(b"{")

    conn.execute("UPDATE ledger_entries SET entry = CAST(x'ff00' AS TEXT) WHERE idx = 30")
    report = store.verify(conn, "origin", "k", pub)
    assert not report.ok and report.first_bad == 30 and "entry 30" in report.message
    assert store.entry(conn, 30) == b"\xff\x00"


def test_an_entry_stored_as_text_with_its_own_bytes_is_reported(
    conn: sqlite3.Connection, signing_key: Ed25519PrivateKey
) -> None:
    store.append_many(conn, ({"n": i} for i in range(5)))
    store.checkpoint(conn, "origin", "k", signing_key, "t")
    conn.execute("UPDATE ledger_entries SET entry = CAST(entry AS TEXT) WHERE idx = 2")
    report = store.verify(conn, "origin", "k", signing_key.public_key())
    assert not report.ok and report.first_bad == 2
    assert report.message == "entry 2 was rewritten outside dgate (stored as text)"


def test_a_node_or_checkpoint_root_rewritten_as_text_is_reported(
    conn: sqlite3.Connection, signing_key: Ed25519PrivateKey
) -> None:
    store.append_many(conn, ({"n": i} for i in range(8)))
    store.checkpoint(conn, "origin", "k", signing_key, "t")
    conn.execute("UPDATE ledger_nodes SET hash = CAST(x'ff' AS TEXT) WHERE level = 1 AND idx = 1")
    report = store.verify(conn, "origin", "k", signing_key.public_key())
    assert not report.ok and "level 1 index 1" in report.message


def test_verify_shows_each_checked_entry_to_a_visitor(
    conn: sqlite3.Connection, signing_key: Ed25519PrivateKey
) -> None:
    store.append_many(conn, ({"n": i} for i in range(6)))
    store.checkpoint(conn, "origin", "k", signing_key, "t")
    seen: list[tuple[int, bytes]] = []
    report = store.verify(conn, "origin", "k", signing_key.public_key(),
                          visit=lambda i, b: seen.append((i, b)))
    assert report.ok and seen == list(store.entries(conn))


def test_row_digest_is_keyed_and_covers_every_accountable_column() -> None:
    key = bytes(range(32))
    row = {c: f"v-{c}" for c in store.DIGEST_COLUMNS["decisions"]}
    base = store.row_digest(key, "decisions", row)
    assert base != store.row_digest(bytes(32), "decisions", row)
    for column in store.DIGEST_COLUMNS["decisions"]:
        assert store.row_digest(key, "decisions", {**row, column: "other"}) != base, column
    assert store.row_digest(key, "decisions", {**row, "not_accountable": 1}) == base
    # a text column left out is its default "", not null
    short = {c: v for c, v in row.items() if c != "unit"}
    assert store.row_digest(key, "decisions", short) == \
        store.row_digest(key, "decisions", {**row, "unit": ""})
    assert store.row_digest(key, "decisions", {**row, "match_probability": None}) != \
        store.row_digest(key, "decisions", {**row, "match_probability": ""})


def test_row_digester_is_row_digest_of_the_values_in_column_order() -> None:
    """The writers' form (values already in DIGEST_COLUMNS order) gives the same digest as
    the verifier's (a row by column name): the commitment to the canonical JSON of the row."""
    key = bytes(range(32))
    for table, columns in store.DIGEST_COLUMNS.items():
        values = [f"«{c}» \"q\"" if i % 3 else i * 0.1 if i % 2 else None
                  for i, c in enumerate(columns)]
        want = store.commitment(key, store.canonical({"row": values, "table": table}).decode())
        assert store.row_digester(key, table)(values) == want
        assert store.row_digester(key, table)(tuple(values)) == want
        assert store.row_digest(key, table, dict(zip(columns, values, strict=True))) == want
        with pytest.raises(UsageError, match="values for the"):
            store.row_digester(key, table)(values[:-1])
    with pytest.raises(UsageError, match="at least"):
        store.row_digester(b"short", "decisions")
    with pytest.raises(UsageError, match="canonical JSON"):
        store.row_digester(key, "decisions")([object()] * len(store.DIGEST_COLUMNS["decisions"]))


def test_committer_commits_as_commitment_does() -> None:
    key = bytes(range(32))
    commit = store.committer(key)
    for value in ("", "123456789", "1 MAIN ST|Apt «é»|X|IL|60404", "a" * 1000):
        assert commit(value) == store.commitment(key, value)
    assert commit("x") != store.committer(bytes(32))("x")
    with pytest.raises(UsageError, match="at least"):
        store.committer(b"short")

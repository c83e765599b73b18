"""Red team r8: an insider with file access hides or alters a disclosure after the fact,
and `dgate ledger verify` (cli.md: "exit 1 and say where if it was altered") must notice.

One home is built by the CLI: batch ICE-A released (three matches and a review item
disclosed), a copy of the home kept as it was then, batch ICE-B submitted after it and its
decision report read (an access-log row and a view event). Each test alters a copy with
sqlite3 or by hand, as someone holding the files would.

What a home cannot prove about itself (a copy of the whole home put back, every checkpoint
re-signed with a key the insider made) is caught only against what left the home earlier:
a published checkpoint (`ledger checkpoint`) and the verifier key (`ledger key`), given to
`ledger verify --checkpoint FILE --verifier-key KEY` (docs/ledger.md, "What verify can and
cannot see"). The tests that show the limit say so.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.e2e.handmade import AS_OF, CASES, Result, dgate, setup_home, write_package
from tests.reliability.crashkit import REVIEW_ROW

from dgate.ledger import merkle
from dgate.ledger.checkpoint import sign_checkpoint
from dgate.service.home import KEY_NAME
from dgate.store import case

A, B = "ICE-A", "ICE-B"
ROWS = [c[0] for c in CASES] + [REVIEW_ROW]
REVIEW_SEQ = len(ROWS)


def _signed(home: Path) -> tuple[int, int]:
    """(entries stored, entries the last signed checkpoint covers)."""
    conn = sqlite3.connect(home / case.SQLITE_FILE)
    try:
        size = conn.execute("SELECT coalesce(max(idx) + 1, 0) FROM ledger_entries").fetchone()[0]
        last = conn.execute("SELECT tree_size FROM ledger_checkpoints ORDER BY seq DESC "
                            "LIMIT 1").fetchone()
    finally:
        conn.close()
    return int(size), int(last[0]) if last else 0


class Built:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.home = root / "home"
        self.after_release = root / "after-release"
        self.heads: list[tuple[str, int, int]] = []  # (command, stored, signed) after each

    def run(self, *args: str, user: str | None = None) -> Result:
        r = dgate(self.home, *args, user=user)
        self.heads.append((" ".join(args[:2]), *_signed(self.home)))
        return r


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    t = Built(tmp_path_factory.mktemp("tamper"))
    home, key = setup_home(t.root)
    t.heads.append(("setup", *_signed(home)))
    a = t.run("batch", "submit", str(write_package(t.root / "a", key, ROWS, batch_id=A)),
              "--as-of", AS_OF, user="clerk")
    assert a.code == 0 and a.last_line == A, a.err
    assert t.run("review", "decide", f"{A}:{REVIEW_SEQ}", "--disclose", user="rev").code == 0
    for officer in ("off1", "off2"):
        assert t.run("batch", "approve", A, user=officer).code == 0
    r = t.run("batch", "release", A, "--out", str(t.root / "a.csv"), user="off1")
    assert r.code == 0, r.err
    shutil.copytree(home, t.after_release)
    b = t.run("batch", "submit", str(write_package(t.root / "b", key, ROWS, batch_id=B)),
              "--as-of", AS_OF, user="clerk")
    assert b.code == 0 and b.last_line == B, b.err
    assert t.run("batch", "decisions", B, "--out", str(t.root / "b.csv"), user="off1").code == 0
    return t


@pytest.fixture
def home(built: Built, tmp_path: Path) -> Path:
    copy = tmp_path / "home"
    shutil.copytree(built.home, copy)
    return copy


def sql(home: Path, *statements: str, params: tuple[object, ...] = ()) -> None:
    conn = sqlite3.connect(home / case.SQLITE_FILE)
    try:
        for s in statements:
            conn.execute(s, params if "?" in s else ())
        conn.commit()
    finally:
        conn.close()


def verify(home: Path, *options: str) -> Result:
    return dgate(home, "ledger", "verify", *options, user="aud")


def failure(home: Path, *options: str) -> str:
    r = verify(home, *options)
    assert r.code == 1, (r.code, r.out, r.err)
    line = r.err.strip()
    assert "\n" not in line and "Traceback" not in line, line
    assert line.startswith("dgate: ledger verification failed: "), line
    return line


def drop_ledger_from(home: Path, first: int, *more: str) -> None:
    """Entries `first`.. removed with every tree node that covers one of them (what a
    careful insider removes so that no stray node gives the cut away), then `more`."""
    sql(home, f"DELETE FROM ledger_entries WHERE idx >= {first}",
        f"DELETE FROM ledger_nodes WHERE (idx + 1) * (1 << level) > {first}", *more)


def rebuild_ledger(home: Path, change) -> None:  # type: ignore[no-untyped-def]
    """The entries rewritten by change(list of bytes), every tree node recomputed (no secret
    is needed for that); the checkpoints left as they are."""
    conn = sqlite3.connect(home / case.SQLITE_FILE)
    rows = change([bytes(r[0]) for r in conn.execute(
        "SELECT entry FROM ledger_entries ORDER BY idx")])
    conn.execute("DELETE FROM ledger_entries")
    conn.execute("DELETE FROM ledger_nodes")
    front = merkle.Frontier()
    for i, data in enumerate(rows):
        conn.execute("INSERT INTO ledger_entries VALUES (?, ?)", (i, data))
        for node in front.append(merkle.leaf_hash(data)):
            conn.execute("INSERT INTO ledger_nodes VALUES (?, ?, ?)", node)
    conn.commit()
    conn.close()


def events(home: Path) -> list[dict[str, object]]:
    conn = sqlite3.connect(home / case.SQLITE_FILE)
    try:
        return [json.loads(bytes(r[0])) for r in conn.execute(
            "SELECT entry FROM ledger_entries ORDER BY idx")]
    finally:
        conn.close()


def first_of(home: Path, kind: str, obj: str) -> int:
    return next(i for i, e in enumerate(events(home)) if (e["type"], e["object"]) == (kind, obj))


B_ROWS = ("DELETE FROM records WHERE batch_id = 'ICE-B'",
          "DELETE FROM accounting WHERE batch_id = 'ICE-B'",
          "DELETE FROM decisions WHERE batch_id = 'ICE-B'",
          "DELETE FROM access_log WHERE object = 'ICE-B'",
          "DELETE FROM batches WHERE batch_id = 'ICE-B'")


# ---------------------------------------------------------------- the unsigned tail


def test_every_command_that_writes_the_ledger_leaves_it_signed(built: Built) -> None:
    """The known weak spot: entries after the last signed checkpoint could be removed with
    nothing left to say so. Every transaction that writes the ledger now signs its head
    before it commits, so no command leaves an unsigned tail (batch submit, review,
    approval and the decision report's view all did)."""
    unsigned = [(c, stored, signed) for c, stored, signed in built.heads if signed != stored]
    assert not unsigned, unsigned


def test_a_batch_deleted_with_its_ledger_tail_is_found(home: Path) -> None:
    """Batch ICE-B (submitted after the last release) removed from the case store with its
    ledger entries and their tree nodes: before, the last checkpoint was the release's and
    this verified clean. Now the checkpoint of the last command covers entries that are
    gone."""
    drop_ledger_from(home, first_of(home, "package_received", B), *B_ROWS)
    line = failure(home)
    assert "covers" in line and "stored" in line, line


def test_the_last_checkpoint_removed_is_found(home: Path) -> None:
    """The last checkpoint row deleted: the entries it alone signed are left unsigned."""
    sql(home, "DELETE FROM ledger_checkpoints WHERE seq = (SELECT max(seq) FROM "
              "ledger_checkpoints)")
    assert "beyond the last signed checkpoint" in failure(home)


def test_an_entry_replayed_after_the_signed_head_is_found_and_never_signed(home: Path) -> None:
    """An approval event copied to the end of the ledger, its tree nodes recomputed (no key
    needed): before, an entry after the last checkpoint verified clean, and the next
    command's checkpoint would have signed it. Now verify names it, and dgate refuses to
    write on (and so to sign) a ledger holding entries it did not sign."""
    approval = first_of(home, "approval", A)
    rebuild_ledger(home, lambda rows: [*rows, rows[approval]])
    stored, _signed_size = _signed(home)
    assert "beyond the last signed checkpoint" in failure(home)
    r = dgate(home, "user", "add", "eve", "--role", "auditor", user="admin")
    assert r.code == 1 and "signed by no checkpoint" in r.err, (r.code, r.err)
    assert _signed(home) == (stored, stored - 1)  # nothing written, nothing signed


def test_a_checkpoint_row_edited_to_cover_an_appended_entry_does_not_get_it_signed(
        home: Path) -> None:
    """An entry replayed at the end and the last checkpoint's tree_size (and root) columns
    edited to cover it, its signed note left alone: the next command must not take the
    columns' word and sign the entry with its own checkpoint (then every note would
    verify, and the entry with them)."""
    approval = first_of(home, "approval", A)
    rebuild_ledger(home, lambda rows: [*rows, rows[approval]])
    stored, _signed_size = _signed(home)
    conn = sqlite3.connect(home / case.SQLITE_FILE)
    front = merkle.Frontier()
    for (raw,) in conn.execute("SELECT entry FROM ledger_entries ORDER BY idx"):
        front.append(merkle.leaf_hash(bytes(raw)))
    conn.execute("UPDATE ledger_checkpoints SET tree_size = ?, root = ? WHERE seq = "
                 "(SELECT max(seq) FROM ledger_checkpoints)", (stored, front.root()))
    conn.commit()
    conn.close()
    r = dgate(home, "user", "add", "eve", "--role", "auditor", user="admin")
    assert r.code == 1 and "signed by no checkpoint" in r.err, (r.code, r.err)
    assert "beyond the last signed checkpoint" in failure(home)


def test_the_upgrade_step_run_again_by_hand_is_found(home: Path) -> None:
    """Migration 5 signs an older dgate's unsigned entries once. Its schema_migrations row
    deleted after an entry was appended by hand: opening the home signs that entry "on
    upgrade", but this home was created by a dgate that signs every transaction."""
    approval = first_of(home, "approval", A)
    rebuild_ledger(home, lambda rows: [*rows, rows[approval]])
    sql(home, "DELETE FROM schema_migrations WHERE version = 5")
    assert "ledger_signed_on_upgrade" in failure(home)


def test_an_older_homes_unsigned_last_entries_are_signed_once_on_upgrade_and_said(
        built: Built, home: Path) -> None:
    """A dgate from before signed at release (and init, retention, on request) only: its
    home is upgraded by migration 5, which signs what it left unsigned once, an event
    naming those entries, so that the home verifies and writes again."""
    released = _signed(built.after_release)[0]
    stored, _signed_size = _signed(home)
    as_older(home, released)
    r = verify(home)
    assert r.code == 0, r.err
    said = [e for e in events(home) if e["type"] == "ledger_signed_on_upgrade"]
    assert [(e["first"], e["entries"]) for e in said] == [(released, stored - released)]
    assert dgate(home, "user", "add", "eve", "--role", "auditor", user="admin").code == 0
    assert verify(home).code == 0


def test_an_older_home_whose_last_checkpoint_was_forged_still_opens_to_say_so(
        built: Built, home: Path) -> None:
    """Migration 5 does not sign over a last checkpoint that does not verify: the home
    still opens, verify names the checkpoint, and nothing is written."""
    as_older(home, _signed(built.after_release)[0])
    conn = sqlite3.connect(home / case.SQLITE_FILE)
    seq, note = conn.execute("SELECT seq, note FROM ledger_checkpoints ORDER BY seq DESC "
                             "LIMIT 1").fetchone()
    origin, size, rest = note.split("\n", 2)
    forged = f"{origin}\n{int(size) + 1}\n{rest}"  # the signature no longer matches
    conn.execute("UPDATE ledger_checkpoints SET note = ? WHERE seq = ?", (forged, seq))
    conn.commit()
    conn.close()
    assert f"checkpoint {seq}:" in failure(home)
    r = dgate(home, "user", "add", "eve", "--role", "auditor", user="admin")
    assert r.code == 1 and "does not verify" in r.err, (r.code, r.err)


def as_older(home: Path, signed: int) -> None:
    """The home as a dgate from before migration 5 leaves it: its creation event names no
    schema, no checkpoint covers more than `signed` entries (the last release's), and the
    migration is not applied. Re-signed with the home's own key, as that dgate signed."""
    key = serialization.load_pem_private_key(
        (home / "keys" / "ledger_ed25519.pem").read_bytes(), password=None)
    assert isinstance(key, Ed25519PrivateKey)

    def unversioned(rows: list[bytes]) -> list[bytes]:
        first = json.loads(rows[0])
        assert first["type"] == "home_initialized"
        del first["schema"]
        return [json.dumps(first, sort_keys=True, separators=(",", ":")).encode(), *rows[1:]]

    rebuild_ledger(home, unversioned)
    origin = json.loads((home / "config.json").read_text(encoding="utf-8"))["origin"]
    conn = sqlite3.connect(home / case.SQLITE_FILE)
    conn.execute(f"DELETE FROM ledger_checkpoints WHERE tree_size > {signed}")
    conn.execute("DELETE FROM schema_migrations WHERE version = 5")
    rows = [bytes(r[0]) for r in conn.execute("SELECT entry FROM ledger_entries ORDER BY idx")]
    for seq, size in list(conn.execute("SELECT seq, tree_size FROM ledger_checkpoints")):
        front = merkle.Frontier()
        for data in rows[:size]:
            front.append(merkle.leaf_hash(data))
        conn.execute("UPDATE ledger_checkpoints SET root = ?, note = ? WHERE seq = ?",
                     (front.root(), sign_checkpoint(origin, size, front.root(), KEY_NAME, key),
                      seq))
    conn.commit()
    conn.close()


def test_an_incident_report_is_still_given_on_a_ledger_with_unsigned_entries(
        home: Path, tmp_path: Path) -> None:
    """dgate refuses to write on it, but the incident report (Pub. 1075, 24 hours) is what
    such a home needs: given, its ledger status saying why, unrecorded."""
    approval = first_of(home, "approval", A)
    rebuild_ledger(home, lambda rows: [*rows, rows[approval]])
    out = tmp_path / "incident.json"
    r = dgate(home, "incident", "report", "--from", "2020-01-01", "--to", "2099-12-31",
              "--out", str(out), user="aud")
    assert r.code == 0, r.err
    status = json.loads(out.read_text(encoding="utf-8"))["ledger"]
    assert status["verified"] is False and "beyond the last signed checkpoint" in \
        status["message"], status


def test_entries_reordered_and_rehashed_are_found(home: Path) -> None:
    """Two decision events of ICE-B swapped, every node recomputed to match: the signed
    root no longer does."""
    first = first_of(home, "decision", f"{B}:1")

    def swap(rows: list[bytes]) -> list[bytes]:
        rows[first], rows[first + 1] = rows[first + 1], rows[first]
        return rows

    rebuild_ledger(home, swap)
    assert "do not match signed checkpoint" in failure(home)


# ---------------------------------------------------------------- the access log


def test_a_deleted_access_log_row_is_found(home: Path) -> None:
    """UNAX: who viewed the decision report (TINs and addresses) must not vanish: its
    view event stays in the ledger, and the row is held against it."""
    sql(home, "DELETE FROM access_log WHERE object = 'ICE-B'")
    line = failure(home)
    assert "access_log" in line and "missing" in line, line


@pytest.mark.parametrize("column, value", [("user_id", "rev"), ("purpose", "review queue"),
                                           ("at", "2026-01-01T00:00:00.000000Z")])
def test_an_edited_access_log_row_is_found(home: Path, column: str, value: str) -> None:
    sql(home, f"UPDATE access_log SET {column} = ? WHERE object = 'ICE-B'", params=(value,))
    assert "access_log row" in failure(home)


def test_an_access_log_row_added_by_hand_is_found(home: Path) -> None:
    sql(home, "INSERT INTO access_log (at, user_id, role, purpose, object) VALUES "
              "('2026-12-01T00:00:00.000000Z', 'aud', 'auditor', 'decision report', 'ICE-A')")
    assert "has no ledger view event" in failure(home)


# ---------------------------------------------------------------- what left the home


def publish(home: Path, folder: Path) -> tuple[Path, str]:
    """What an auditor keeps outside the home: the latest signed checkpoint and the
    verifier key."""
    note = dgate(home, "ledger", "checkpoint", user="aud")
    key = dgate(home, "ledger", "key", user="aud")
    assert note.code == 0 and key.code == 0, (note.err, key.err)
    folder.mkdir(exist_ok=True)
    path = folder / "published.txt"
    path.write_text(note.out, encoding="utf-8")
    return path, key.out.strip()


def test_a_home_put_back_from_an_older_copy_is_found_only_against_a_published_checkpoint(
        built: Built, home: Path, tmp_path: Path) -> None:
    """The whole home replaced by the copy taken after ICE-A's release (ICE-B gone): every
    file agrees with every other, so verify alone cannot tell (by design, docs/ledger.md);
    the checkpoint published after ICE-B's submission can."""
    published, vkey = publish(home, tmp_path / "out")
    shutil.rmtree(home)
    shutil.copytree(built.after_release, home)
    assert verify(home).code == 0  # the limit: a consistent older home verifies alone
    line = failure(home, "--checkpoint", str(published), "--verifier-key", vkey)
    assert "published checkpoint published.txt" in line and "rolled back" in line, line


def test_a_release_rolled_back_in_sql_with_its_checkpoints_is_found_against_a_published_one(
        home: Path, tmp_path: Path) -> None:
    """ICE-A's release undone in the case store: its ledger entries, their nodes and every
    checkpoint covering them deleted, its accounting, releases row and status put back."""
    published, _vkey = publish(home, tmp_path / "out")
    drop_ledger_from(home, first_of(home, "release", A), *B_ROWS,
                     f"DELETE FROM ledger_checkpoints WHERE tree_size > "
                     f"{first_of(home, 'release', A)}",
                     "DELETE FROM accounting WHERE kind = 'disclosure'",
                     "DELETE FROM releases", "UPDATE batches SET status = 'decided'")
    assert verify(home).code == 0  # the limit, as above
    assert "rolled back" in failure(home, "--checkpoint", str(published))


def test_a_rewritten_history_resigned_with_a_new_key_is_found_with_the_pinned_key(
        home: Path, tmp_path: Path) -> None:
    """The insider drops ICE-B, makes a key of their own, puts it in keys/ and re-signs
    every checkpoint: the home is consistent with itself. The verifier key published
    before (or any checkpoint published before) shows it."""
    published, vkey = publish(home, tmp_path / "out")
    cut = first_of(home, "package_received", B)
    drop_ledger_from(home, cut, *B_ROWS)
    forged = Ed25519PrivateKey.generate()
    (home / "keys" / "ledger_ed25519.pem").write_bytes(forged.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    origin = json.loads((home / "config.json").read_text(encoding="utf-8"))["origin"]
    conn = sqlite3.connect(home / case.SQLITE_FILE)
    conn.execute(f"DELETE FROM ledger_checkpoints WHERE tree_size > {cut}")
    conn.commit()
    conn.close()
    rebuild_ledger(home, lambda rows: rows)
    conn = sqlite3.connect(home / case.SQLITE_FILE)
    for seq, size, root in list(conn.execute(
            "SELECT seq, tree_size, root FROM ledger_checkpoints")):
        conn.execute("UPDATE ledger_checkpoints SET note = ? WHERE seq = ?",
                     (sign_checkpoint(origin, size, bytes(root), KEY_NAME, forged), seq))
    conn.commit()
    conn.close()
    assert verify(home).code == 0  # the limit: the home's own key is the forger's now
    assert "signing key was replaced" in failure(home, "--verifier-key", vkey)
    assert "published checkpoint published.txt" in failure(home, "--checkpoint",
                                                            str(published))


def test_a_replaced_key_file_alone_is_found(home: Path) -> None:
    forged = Ed25519PrivateKey.generate()
    (home / "keys" / "ledger_ed25519.pem").write_bytes(forged.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    assert "checkpoint 1" in failure(home)


def test_a_published_checkpoint_that_does_not_verify_is_refused(home: Path,
                                                                 tmp_path: Path) -> None:
    published, vkey = publish(home, tmp_path / "out")
    note = published.read_text(encoding="utf-8")
    published.write_text(note[:-6] + ("A" if note[-6] != "A" else "B") + note[-5:],
                         encoding="utf-8")  # one character of the signature changed
    assert "published checkpoint published.txt" in failure(home, "--checkpoint",
                                                            str(published))
    assert verify(home, "--checkpoint", str(published), "--verifier-key", "nonsense").code == 2


def test_a_published_checkpoint_and_the_pinned_key_pass_on_an_untouched_home(
        home: Path, tmp_path: Path) -> None:
    published, vkey = publish(home, tmp_path / "out")
    more = dgate(home, "user", "add", "eve", "--role", "auditor", user="admin")
    assert more.code == 0
    r = verify(home, "--checkpoint", str(published), "--verifier-key", vkey)
    assert r.code == 0 and r.out.startswith("ledger verified:"), r.err


# ---------------------------------------------------------------- an emptied store


def test_an_emptied_case_store_is_not_taken_for_a_new_one(home: Path) -> None:
    """case.sqlite truncated to nothing: before, opening the home wrote a fresh empty schema
    into it and said `unknown user` (exit 4), as if nothing had ever happened there."""
    (home / case.SQLITE_FILE).write_bytes(b"")
    for wal in ("-wal", "-shm"):
        (home / f"{case.SQLITE_FILE}{wal}").unlink(missing_ok=True)
    r = verify(home)
    assert r.code == 1 and "holds no dgate home" in r.err, (r.code, r.err)
    assert (home / case.SQLITE_FILE).stat().st_size == 0  # the evidence is left as found


def test_a_ledger_emptied_with_its_checkpoints_is_found(home: Path) -> None:
    """Every ledger row gone, the case store emptied but for its users: a home signs a
    checkpoint when it is created, so a ledger with none was emptied."""
    sql(home, "DELETE FROM ledger_entries", "DELETE FROM ledger_nodes",
        "DELETE FROM ledger_checkpoints", "DELETE FROM access_log", "DELETE FROM releases",
        "DELETE FROM approvals", "DELETE FROM reviews", "DELETE FROM accounting",
        "DELETE FROM decisions", "DELETE FROM records", "DELETE FROM batches",
        "DELETE FROM officials", "DELETE FROM agency_statutes", "DELETE FROM agencies")
    assert "no signed checkpoint" in failure(home)


def test_a_truncated_case_store_is_named(home: Path) -> None:
    data = (home / case.SQLITE_FILE).read_bytes()
    (home / case.SQLITE_FILE).write_bytes(data[: len(data) // 2])
    r = verify(home)
    assert r.code == 1 and "cannot be read" in r.err, (r.code, r.err)


# ---------------------------------------------------------------- the case store's rows


@pytest.mark.parametrize("statements, named", [
    (("DELETE FROM releases WHERE batch_id = 'ICE-A'",), "releases row ICE-A"),
    (("DELETE FROM accounting WHERE kind = 'disclosure' AND request_id = 'R3'",),
     "disclosure row of ICE-A:3"),
    (("UPDATE accounting SET agency = 'CBP' WHERE kind = 'disclosure'",), "accounting row"),
    (("UPDATE decisions SET disposition = 'NOT_DISCLOSED', reason_codes = 'M_NO_MATCH' "
      "WHERE request_key = 'ICE-A:1'",), "decisions row ICE-A:1"),
    (("DELETE FROM reviews", "DELETE FROM approvals", "DELETE FROM releases",
      "DELETE FROM accounting WHERE batch_id = 'ICE-A'",
      "DELETE FROM decisions WHERE batch_id = 'ICE-A'",
      "DELETE FROM records WHERE batch_id = 'ICE-A'",
      "DELETE FROM batches WHERE batch_id = 'ICE-A'"), "batches row ICE-A"),
])
def test_rows_deleted_or_edited_are_found(home: Path, statements: tuple[str, ...],
                                          named: str) -> None:
    """Regression guards for what verify already caught (session 8, red team r6)."""
    sql(home, *statements)
    assert named in failure(home)


def test_a_stored_response_swapped_after_release_is_found(home: Path) -> None:
    """The stored response re-sealed with other addresses and its digest updated to
    match: the release event still holds the digest of what was sent."""
    from dgate.service.home import Home
    from dgate.vault import fields as sealed

    with Home(home) as h:
        blob = h.conn.execute("SELECT response FROM releases WHERE batch_id = ?",
                              (A,)).fetchone()[0]
        data = sealed.open_response(h.vault, A, bytes(blob)).replace(b"500 E 7th St",
                                                                     b"501 E 7th St")
        forged = sealed.seal_response(h.vault, A, data)
    sql(home, "UPDATE releases SET response = ?, response_sha256 = '"
              + hashlib.sha256(data).hexdigest() + "'", params=(forged,))
    assert "releases row ICE-A differs" in failure(home)


# ---------------------------------------------------------------- release and accounting


def test_release_refuses_a_disclosure_whose_request_was_never_accounted(
        home: Path, tmp_path: Path) -> None:
    """The request accounting row of a record to be disclosed deleted before release:
    before, the release sent its address and wrote no accounting row for that disclosure
    (found only by a later verify). §6103(p)(3)(A): no disclosure leaves unaccounted."""
    assert dgate(home, "review", "decide", f"{B}:{REVIEW_SEQ}", "--disclose",
                 user="rev").code == 0
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", B, user=officer).code == 0
    sql(home, "DELETE FROM accounting WHERE batch_id = 'ICE-B' AND seq = 1")
    out = tmp_path / "b.csv"
    r = dgate(home, "batch", "release", B, "--out", str(out), user="off1")
    assert r.code == 1 and "accounting" in r.err, (r.code, r.err)
    assert not out.exists()
    conn = sqlite3.connect(home / case.SQLITE_FILE)
    try:
        assert conn.execute("SELECT count(*) FROM releases WHERE batch_id = 'ICE-B'"
                            ).fetchone()[0] == 0
    finally:
        conn.close()


def test_the_accounting_holds_every_disclosure_with_date_nature_purpose_and_recipient(
        built: Built, home: Path, tmp_path: Path) -> None:
    """§6103(p)(3)(A) and IRM 11.3.37: each disclosure with its date, what was disclosed,
    the purpose (statute and reason) and the agency and official it went to; the same
    bytes exported again, after other work, and after retention destroyed the batch data."""
    first, again, later = tmp_path / "1.csv", tmp_path / "2.csv", tmp_path / "3.csv"
    assert dgate(home, "accounting", "export", "--out", str(first), user="aud").code == 0
    with (built.root / "a.csv").open(encoding="utf-8", newline="") as fh:
        sent = {r["request_id"]: r for r in csv.DictReader(fh) if r["outcome"] == "DISCLOSED"}
    with first.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    disclosed = {r["request_id"]: r for r in rows if r["kind"] == "disclosure"}
    assert disclosed.keys() == sent.keys() == {"R1", "R3", "R9", "Q1"}
    for rid, row in disclosed.items():
        assert row["at"][:10] and row["request_date"] == "2026-11-20", row
        assert row["agency"] == "ICE" and row["official_id"] == "ICE-DIR-01", row
        assert row["statute"] and row["reason"], row
        assert re_digits(row["taxpayer_tin"]) and row["approved_by"] == "off1;off2", row
        assert (row["street"], row["unit"], row["city"], row["state"], row["zip"]) == (
            sent[rid]["street"], sent[rid]["unit"], sent[rid]["city"], sent[rid]["state"],
            sent[rid]["zip"]), rid
    requests = [r for r in rows if r["kind"] == "request"]
    assert len(requests) == 2 * len(ROWS) and all(r["reason"] for r in requests)
    assert dgate(home, "user", "add", "eve", "--role", "auditor", user="admin").code == 0
    assert dgate(home, "accounting", "export", "--out", str(again), user="aud").code == 0
    assert again.read_bytes() == first.read_bytes()
    assert dgate(home, "retention", "run", "--as-of", "2040-01-01", user="admin").code == 0
    assert dgate(home, "accounting", "export", "--out", str(later), user="aud").code == 0
    assert later.read_bytes() == first.read_bytes()
    assert verify(home).code == 0


def re_digits(value: str) -> bool:
    return len(value) == 9 and value.isdigit()

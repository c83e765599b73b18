"""`dgate ledger verify` holds the case store's accountable rows against the ledger: a hand
edit of a decision, an accounting row, a review, an approval, a release or a batch, made
with sqlite3 on a released home, exits 1 with one line naming the table and the row (and
no value of a taxpayer); an untouched home verifies.

One home is built by the CLI (tests/e2e/handmade): batch ICE-A released (three matches and
a review item disclosed by a reviewer), batch ICE-B decided with its review item pending,
and two refused packages: one with no manifest, one whose manifest asks for batch id ICE-A
again (its records file is not UTF-8). Each test alters a copy."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.e2e.handmade import ADDRESSES, AS_OF, CASES, TAXPAYERS, dgate, setup_home, write_package
from tests.reliability.crashkit import REVIEW_ROW

from dgate.ledger import store as ledger
from dgate.service.home import Home
from dgate.store import case
from dgate.vault import fields as sealed

A, B = "ICE-A", "ICE-B"
ROWS = [c[0] for c in CASES] + [REVIEW_ROW]
REVIEW_SEQ = len(ROWS)  # the review item (a DOB one digit off)
DECEASED_SEQ = 10  # R10: the matched taxpayer has a date of death (M_DECEASED)

# What a message must never carry: the taxpayers' TINs, names, streets, and the requests'.
SECRETS = sorted({t[0] for t in TAXPAYERS} | {f"{t[2]} {t[4]}" for t in TAXPAYERS}
                 | {a[1] for a in ADDRESSES} | {f"{r['first_name']} {r['last_name']}"
                                                  for r in ROWS}
                 | {r["street"] for r in ROWS if r.get("street")})


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("crosscheck")
    home, key = setup_home(tmp)
    a = dgate(home, "batch", "submit", str(write_package(tmp / "a", key, ROWS, batch_id=A)),
              "--as-of", AS_OF, user="clerk")
    assert a.code == 0 and a.last_line == A, a.err
    assert dgate(home, "review", "decide", f"{A}:{REVIEW_SEQ}", "--disclose",
                 user="rev").code == 0
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", A, user=officer).code == 0
    r = dgate(home, "batch", "release", A, "--out", str(tmp / "a.csv"), user="off1")
    assert r.code == 0, r.err
    b = dgate(home, "batch", "submit", str(write_package(tmp / "b", key, ROWS, batch_id=B)),
              "--as-of", AS_OF, user="clerk")
    assert b.code == 0 and b.last_line == B, b.err
    (tmp / "empty").mkdir()
    assert dgate(home, "batch", "submit", str(tmp / "empty"), "--as-of", AS_OF,
                 user="clerk").code == 3
    again = write_package(tmp / "again", key, ROWS, batch_id=A)
    (again / "records.csv").write_bytes((again / "records.csv").read_bytes() + b"\xff\n")
    assert dgate(home, "batch", "submit", str(again), "--as-of", AS_OF,
                 user="clerk").code == 3
    return home


@pytest.fixture
def home(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "home"
    shutil.copytree(template, copy)
    return copy


def sql(home: Path, *statements: str) -> None:
    conn = sqlite3.connect(home / case.SQLITE_FILE)
    try:
        for s in statements:
            conn.execute(s)
        conn.commit()
    finally:
        conn.close()


def failure(home: Path) -> str:
    """`ledger verify` must exit 1 with one line, without a taxpayer's value: that line."""
    r = dgate(home, "ledger", "verify", user="aud")
    assert r.code == 1, (r.code, r.out, r.err)
    line = r.err.strip()
    assert "\n" not in line and "Traceback" not in line and "internal error" not in line
    assert line.startswith("dgate: ledger verification failed: ")
    leaked = [s for s in SECRETS if s.casefold() in line.casefold()]
    assert not leaked, line
    return line


def test_an_untouched_home_verifies(home: Path) -> None:
    r = dgate(home, "ledger", "verify", user="aud")
    assert r.code == 0, r.err
    assert r.out.startswith("ledger verified:")


def test_the_writers_record_keyed_row_digests_and_no_taxpayer_value(home: Path) -> None:
    """Every decision event carries the digests of its decisions row and request accounting
    row, every disclosure event that of its disclosure row: HMACs under the commitment key,
    which recompute from the rows read back; no taxpayer's value is in any event."""
    with Home(home) as h:
        raws = [raw for _i, raw in ledger.entries(h.conn)]
        key = h.hmac_key()
        d = dict(h.conn.execute("SELECT * FROM decisions WHERE batch_id = ? AND seq = 1",
                                (B,)).fetchone())
        d.update(sealed.open_decision(h.vault, B, 1, d.pop("sealed")))
    events = [json.loads(raw) for raw in raws]
    carried = {(e["type"], e["object"]): e.get("digests") for e in events
               if e["type"] in ("decision", "disclosure")}
    assert len(carried) == 2 * len(ROWS) + 4  # two batches decided, four disclosures
    for (kind, _key), digests in carried.items():
        assert set(digests) == ({"decisions", "accounting"} if kind == "decision"
                                else {"accounting"})
        assert all(re.fullmatch(r"[0-9a-f]{64}", v) for v in digests.values())
    assert carried[("decision", f"{B}:1")]["decisions"] == \
        ledger.row_digest(key, "decisions", d)
    # Keyed: without the key, a TIN or an address cannot be tried against a digest.
    assert carried[("decision", f"{B}:1")]["decisions"] != \
        ledger.row_digest(bytes(32), "decisions", d)
    text = b"\n".join(raws).decode("ascii").casefold()
    leaked = [v for v in SECRETS if v.casefold() in text]
    assert not leaked


def _flip_bit(home: Path, where: str, column: str = "sealed", table: str = "accounting") -> None:
    conn = sqlite3.connect(home / case.SQLITE_FILE)
    rowid, blob = conn.execute(f"SELECT rowid, {column} FROM {table} WHERE {where}").fetchone()
    data = bytearray(blob)
    data[len(data) // 2] ^= 0x01
    conn.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (bytes(data), rowid))
    conn.commit()
    conn.close()


def _swap_sealed(home: Path) -> None:
    conn = sqlite3.connect(home / case.SQLITE_FILE)
    one, three = (conn.execute("SELECT sealed FROM decisions WHERE batch_id = ? AND seq = ?",
                               (A, s)).fetchone()[0] for s in (1, 3))
    for seq, blob in ((1, three), (3, one)):
        conn.execute("UPDATE decisions SET sealed = ? WHERE batch_id = ? AND seq = ?",
                     (blob, A, seq))
    conn.commit()
    conn.close()


Tamper = Callable[[Path], None]


def _sql(*statements: str) -> Tamper:
    return lambda home: sql(home, *statements)


# (tamper, what the one line must name)
TAMPERS: dict[str, tuple[Tamper, tuple[str, ...]]] = {
    # accounting: request rows
    "request disposition": (_sql(
        "UPDATE accounting SET disposition = 'NOT_DISCLOSED' WHERE entry_id = 3"),
        ("accounting row 3", f"{A}:3", "disposition")),
    "request date": (_sql(
        f"UPDATE accounting SET request_date = '2026-01-02' WHERE kind = 'request' "
        f"AND batch_id = '{A}' AND seq = 5"), ("accounting row", f"{A}:5", "request_date")),
    "request id": (_sql(
        f"UPDATE accounting SET request_id = 'R99' WHERE kind = 'request' "
        f"AND batch_id = '{B}' AND seq = 2"), ("accounting row", f"{B}:2", "request_id")),
    "request agency": (_sql(
        f"UPDATE accounting SET agency = 'FBI' WHERE kind = 'request' AND batch_id = '{A}' "
        "AND seq = 4"), ("accounting row", f"{A}:4", "agency")),
    "request rows of a batch deleted": (_sql(
        f"DELETE FROM accounting WHERE kind = 'request' AND batch_id = '{A}'"),
        ("accounting", "request row", "missing")),
    "request row added": (_sql(
        "INSERT INTO accounting (kind, at, batch_id, seq, request_id, disposition, sealed) "
        "SELECT kind, at, batch_id, 77, 'R77', 'DISCLOSE', sealed FROM accounting "
        "WHERE entry_id = 2"), ("accounting row", f"{A}:77")),
    "request reason sealed bit": (lambda h: _flip_bit(
        h, f"kind = 'request' AND batch_id = '{B}' AND seq = 6"),
        ("accounting row", f"{B}:6", "sealed")),
    # accounting: disclosure rows
    "approved_by": (_sql(
        "UPDATE accounting SET approved_by = 'off1;off9' WHERE kind = 'disclosure' AND seq = 1"),
        ("accounting row", f"{A}:1", "approved_by")),
    "released_by": (_sql(
        "UPDATE accounting SET released_by = 'off2' WHERE kind = 'disclosure' AND seq = 3"),
        ("accounting row", f"{A}:3", "released_by")),
    "disclosure sealed bit": (lambda h: _flip_bit(h, "kind = 'disclosure' AND seq = 9"),
                              ("accounting row", f"{A}:9", "sealed")),
    "disclosure blind index": (_sql(
        "UPDATE accounting SET tin_index = (SELECT tin_index FROM accounting WHERE "
        "kind = 'disclosure' AND seq = 3) WHERE kind = 'disclosure' AND seq = 1"),
        ("accounting row", f"{A}:1", "tin_index")),
    "disclosure deleted": (_sql(
        "DELETE FROM accounting WHERE kind = 'disclosure' AND seq = 3"),
        ("accounting", "disclosure row", f"{A}:3", "missing")),
    "disclosure added": (_sql(
        "INSERT INTO accounting (kind, at, batch_id, seq, request_id, disposition, sealed) "
        f"SELECT 'disclosure', at, batch_id, seq, request_id, 'DISCLOSED', sealed "
        f"FROM accounting WHERE kind = 'request' AND batch_id = '{A}' AND seq = 2"),
        ("accounting row", f"{A}:2")),
    "refused package deleted": (_sql("DELETE FROM accounting WHERE kind = 'refused_package'"),
                                ("accounting", "refused_package")),
    "refused package of a batch id deleted": (_sql(
        f"DELETE FROM accounting WHERE kind = 'refused_package' AND batch_id = '{A}'"),
        ("accounting: the refused_package row of ledger entry", "missing")),
    "refused package batch id": (_sql(
        f"UPDATE accounting SET batch_id = '{B}' WHERE kind = 'refused_package' "
        f"AND batch_id = '{A}'"), ("(refused_package) differs from ledger entry", "batch_id")),
    "refused package given a batch id": (_sql(
        f"UPDATE accounting SET batch_id = '{B}' WHERE kind = 'refused_package' "
        "AND batch_id = ''"), ("(refused_package) differs from ledger entry", "batch_id")),
    "refused package official": (_sql(
        "UPDATE accounting SET official_id = 'ICE-DIR-02' WHERE kind = 'refused_package' "
        f"AND batch_id = '{A}'"), ("(refused_package)", "official_id")),
    "refused package time": (_sql(
        "UPDATE accounting SET at = '2026-01-01T00:00:00.000000Z' "
        f"WHERE kind = 'refused_package' AND batch_id = '{A}'"),
        ("(refused_package) differs from ledger entry", "in row digest")),
    "refused package added": (_sql(
        "INSERT INTO accounting (kind, at, batch_id, agency, note) SELECT kind, at, batch_id, "
        f"agency, note FROM accounting WHERE kind = 'refused_package' AND batch_id = '{A}'"),
        ("(refused_package) has no ledger package_refused event",)),
    # decisions
    "decision disposition": (_sql(
        f"UPDATE decisions SET disposition = 'DISCLOSE' WHERE batch_id = '{B}' "
        f"AND seq = {DECEASED_SEQ}"), ("decisions row", f"{B}:{DECEASED_SEQ}", "disposition")),
    "decision codes": (_sql(
        f"UPDATE decisions SET reason_codes = 'M_MATCH' WHERE batch_id = '{A}' AND seq = 2"),
        ("decisions row", f"{A}:2", "reason_codes")),
    "decision candidates": (_sql(
        f"UPDATE decisions SET candidate_count = 0 WHERE batch_id = '{A}' AND seq = 2"),
        ("decisions row", f"{A}:2", "candidate_count")),
    "decision model": (_sql(
        f"UPDATE decisions SET model_hash = 'x' WHERE batch_id = '{A}' AND seq = 4"),
        ("decisions row", f"{A}:4", "model_hash")),
    "decision deleted": (_sql(f"DELETE FROM decisions WHERE batch_id = '{B}' AND seq = 5"),
                         ("decisions row", f"{B}:5", "missing")),
    "decision added": (_sql(
        "INSERT INTO decisions (batch_id, seq, request_key, request_id, disposition, "
        "reason_codes, match_probability, candidate_count, ruleset_hash, model_hash, sealed) "
        f"SELECT batch_id, 40, batch_id || ':40', 'R40', disposition, reason_codes, "
        f"match_probability, candidate_count, ruleset_hash, model_hash, sealed "
        f"FROM decisions WHERE batch_id = '{B}' AND seq = 1"), ("decisions row", f"{B}:40")),
    "decision details swapped": (_swap_sealed, ("decisions row", f"{A}:1", "sealed")),
    # reviews, approvals, releases, batches, data keys
    "review verdict": (_sql(f"UPDATE reviews SET verdict = 'no_disclose' WHERE request_key = "
                            f"'{A}:{REVIEW_SEQ}'"), ("reviews row", f"{A}:{REVIEW_SEQ}",
                                                     "verdict")),
    "review deleted": (_sql("DELETE FROM reviews"), ("reviews row", "missing")),
    "review added": (_sql(
        f"INSERT INTO reviews VALUES ('{B}:{REVIEW_SEQ}', 'disclose', 'rev', '2026-12-01')"),
        ("reviews row", f"{B}:{REVIEW_SEQ}")),
    "approval added": (_sql(f"INSERT INTO approvals VALUES ('{B}', 'off1', '2026-12-01')"),
                       ("approvals row", f"{B}/off1")),
    "approval deleted": (_sql("DELETE FROM approvals WHERE user_id = 'off2'"),
                         ("approvals row", f"{A}/off2", "missing")),
    "approver changed": (_sql("UPDATE approvals SET user_id = 'off9' WHERE user_id = 'off2'"),
                         ("approvals row", "off9")),
    "release officer": (_sql("UPDATE releases SET released_by = 'off2'"),
                        ("releases row", A, "released_by")),
    "release digest": (_sql("UPDATE releases SET response_sha256 = 'ab'"),
                       ("releases row", A, "response_sha256")),
    "release response bit": (lambda h: _flip_bit(h, "1 = 1", "response", "releases"),
                             ("releases row", A)),
    "release deleted": (_sql("DELETE FROM releases"), ("releases row", A, "missing")),
    "batch submitter": (_sql(f"UPDATE batches SET submitted_by = 'off1' WHERE batch_id = '{B}'"),
                        ("batches row", B, "submitted_by")),
    "batch status": (_sql(f"UPDATE batches SET status = 'released' WHERE batch_id = '{B}'"),
                     ("batches row", B, "status")),
    "batch date": (_sql(f"UPDATE batches SET signed_at = '2026-01-01' WHERE batch_id = '{A}'"),
                   ("batches row", A, "signed_at")),
    "batch manifest": (_sql(
        f"UPDATE batches SET manifest = CAST(replace(CAST(manifest AS TEXT), 'ICE-DIR-01', "
        f"'ICE-DIR-02') AS BLOB) WHERE batch_id = '{A}'"), ("batches row", A, "manifest")),
    "data key destroyed": (_sql(
        f"UPDATE data_keys SET wrapped = NULL, destroyed_at = '2026-12-01' "
        f"WHERE purpose = 'batch' AND scope = '{A}'"), ("data_keys row", "destruction")),
}


@pytest.mark.parametrize("name", list(TAMPERS))
def test_an_altered_row_is_named(home: Path, name: str) -> None:
    tamper, named = TAMPERS[name]
    tamper(home)
    line = failure(home)
    for part in named:
        assert part in line, (name, line)


def _decision_event_index(home: Path, key: str) -> int:
    with Home(home) as h:
        for idx, raw in ledger.entries(h.conn):
            ev = json.loads(raw)
            if ev["type"] == "decision" and ev["object"] == key:
                return idx
    raise AssertionError(f"no decision event for {key}")


def test_fake_review_and_approvals_that_released_a_review_item_are_caught(home: Path) -> None:
    """The audit's case: a reviews verdict and two approvals inserted by hand let `batch
    release` disclose the review item; the ledger has none of them."""
    sql(home, f"INSERT INTO reviews VALUES ('{B}:{REVIEW_SEQ}', 'disclose', 'rev', 'x')",
        f"INSERT INTO approvals VALUES ('{B}', 'off1', 'x')",
        f"INSERT INTO approvals VALUES ('{B}', 'off2', 'x')")
    out = home.parent / "b.csv"
    r = dgate(home, "batch", "release", B, "--out", str(out), user="off1")
    assert r.code in (0, 1, 4), r.err  # whether release itself notices is not this test's
    line = failure(home)
    assert "reviews row" in line and f"{B}:{REVIEW_SEQ}" in line


def test_a_deceased_taxpayer_marked_disclose_and_released_is_caught(home: Path) -> None:
    """The audit's other case: decisions.disposition set to DISCLOSE on an M_DECEASED record,
    then reviewed, approved and released the ordinary way (a DISCLOSED response row)."""
    sql(home, f"UPDATE decisions SET disposition = 'DISCLOSE' WHERE batch_id = '{B}' "
              f"AND seq = {DECEASED_SEQ}")
    assert dgate(home, "review", "decide", f"{B}:{REVIEW_SEQ}", "--no-disclose",
                 user="rev").code == 0
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", B, user=officer).code == 0
    out = home.parent / "b.csv"
    assert dgate(home, "batch", "release", B, "--out", str(out), user="off1").code == 0
    line = failure(home)
    assert f"decisions row {B}:{DECEASED_SEQ}" in line and "disposition" in line
    assert f"ledger entry {_decision_event_index(home, f'{B}:{DECEASED_SEQ}')}" in line


def test_a_ledger_entry_rewritten_as_text_is_named_not_a_crash(home: Path) -> None:
    """replace() on a BLOB stores TEXT: verify used to die with a TypeError."""
    idx = _decision_event_index(home, f"{A}:1")  # a DISCLOSE decision
    sql(home, "UPDATE ledger_entries SET entry = replace(entry, '\"DISCLOSE\"', '\"REJECTED\"')"
              f" WHERE idx = {idx}")
    assert failure(home).endswith(f"entry {idx} differs from its recorded hash "
                                  "(altered or reordered)")


def test_a_ledger_entry_stored_as_text_with_the_same_bytes_is_named(home: Path) -> None:
    sql(home, "UPDATE ledger_entries SET entry = CAST(entry AS TEXT) WHERE idx = 3")
    assert "entry 3 was rewritten" in failure(home)


def test_text_that_is_not_utf8_is_named_not_a_crash(home: Path) -> None:
    sql(home, "UPDATE accounting SET disposition = CAST(x'ff' AS TEXT) WHERE entry_id = 2")
    assert "accounting row 2" in failure(home)


# ---------------------------------------------------------------- events of other forms


Change = Callable[[Home, dict[str, Any]], list[dict[str, Any]]]


def rewrite_ledger(home: Path, change: Change) -> None:
    """The ledger rebuilt with each event replaced by change(event) and checkpointed anew: a
    home as another writer (an older one) would leave it."""
    with Home(home) as h:
        events = [json.loads(raw) for _i, raw in ledger.entries(h.conn)]
        with case.transaction(h.conn):
            for table in ("ledger_entries", "ledger_nodes", "ledger_checkpoints"):
                h.conn.execute(f"DELETE FROM {table}")
            ledger.append_many(h.conn, (e for ev in events for e in change(h, ev)))
            # the review events' index (case schema 11) as that writer's home would hold
            # it: an entry inserted before a review event moves it
            h.conn.execute("DELETE FROM review_events")
            case.index_review_events(h.conn)
            h.checkpoint()


def _without_digests(batch: str | None = None,
                     kinds: tuple[str, ...] = ("decision", "disclosure")) -> Change:
    """Events as a writer from before row digests left them: those of `kinds` (of `batch`,
    or of every batch) carry none."""
    def change(_h: Home, ev: dict[str, Any]) -> list[dict[str, Any]]:
        if ev["type"] in kinds and (batch is None or ev["object"].startswith(f"{batch}:")):
            ev = {k: v for k, v in ev.items() if k != "digests"}
        return [ev]
    return change


REFUSED_AS_BEFORE = ("UPDATE accounting SET batch_id = '', agency = '', official_id = '', "
                     "request_date = '', statute = '' WHERE kind = 'refused_package'")


def _refusals_as_before(h: Home, ev: dict[str, Any]) -> list[dict[str, Any]]:
    """A package_refused event as a dgate from before it named the request left it."""
    if ev["type"] != "package_refused":
        return [ev]
    return [{k: v for k, v in ev.items() if k in ("type", "at", "object", "outcome", "actor",
                                                   "role", "channel", "host", "ruleset",
                                                   "model", "error")}]


def test_events_of_an_older_home_still_verify_and_still_catch(home: Path) -> None:
    """Before decisions carried their inspection, a master_searched event preceded each
    searched record's decision event; no event carried row digests."""
    def older(h: Home, ev: dict[str, Any]) -> list[dict[str, Any]]:
        [ev] = _without_digests()(h, ev)
        [ev] = _refusals_as_before(h, ev)
        if ev["type"] != "decision":
            return [ev]
        old = {k: v for k, v in ev.items() if k not in ("searched", "master", "candidates")}
        if not ev["searched"]:
            return [old]
        return [{**old, "type": "master_searched", "outcome": "searched",
                 "master": ev["master"], "candidates": ev["candidates"]}, old]

    rewrite_ledger(home, older)
    sql(home, REFUSED_AS_BEFORE)
    with Home(home) as h:
        assert not any(b"digests" in raw for _i, raw in ledger.entries(h.conn))
    assert dgate(home, "ledger", "verify", user="aud").code == 0
    sql(home, f"UPDATE decisions SET candidate_count = 5 WHERE batch_id = '{A}' AND seq = 3")
    line = failure(home)
    assert f"decisions row {A}:3" in line and "candidate_count" in line


def test_a_home_upgraded_between_submit_and_release_verifies_what_each_event_carries(
        home: Path) -> None:
    """Batch A submitted by a writer from before row digests, released (and B submitted)
    after: A's decision events carry none, its disclosure events do. What the events carry
    is checked; what they do not is not asked of them."""
    rewrite_ledger(home, _without_digests(A, ("decision",)))
    assert dgate(home, "ledger", "verify", user="aud").code == 0
    # A's decisions and request rows had no digest: an edit only a digest shows passes...
    sql(home, f"UPDATE decisions SET match_probability = 0.5 WHERE batch_id = '{A}' "
              "AND seq = 2",
        f"UPDATE accounting SET statute = '18 USC 1' WHERE kind = 'request' "
        f"AND batch_id = '{A}' AND seq = 2")
    assert dgate(home, "ledger", "verify", user="aud").code == 0
    # ... while its disclosure rows, released since, and batch B are proven.
    (statute,) = _one(home, "SELECT statute FROM accounting WHERE kind = 'disclosure' "
                            "AND seq = 3", ())
    sql(home, "UPDATE accounting SET statute = '18 USC 1' WHERE kind = 'disclosure' "
              "AND seq = 3")
    line = failure(home)
    assert f"(disclosure {A}:3)" in line and "row digest" in line
    sql(home, f"UPDATE accounting SET statute = '{statute}' WHERE kind = 'disclosure' "
              "AND seq = 3",
        f"UPDATE decisions SET match_probability = 0.5 WHERE batch_id = '{B}' AND seq = 2")
    line = failure(home)
    assert f"decisions row {B}:2" in line and "row digest" in line


def test_refused_packages_of_an_older_home_still_verify_and_still_catch(home: Path) -> None:
    """Before, a refused_package row held the time and the error only, and its event the
    error: such rows pair with such events by the error, as they did."""
    rewrite_ledger(home, _refusals_as_before)
    sql(home, REFUSED_AS_BEFORE)
    assert dgate(home, "ledger", "verify", user="aud").code == 0
    sql(home, "UPDATE accounting SET agency = 'ICE' WHERE kind = 'refused_package' "
              "AND note LIKE '%UTF-8%'")
    assert "(refused_package) differs from ledger entry" in failure(home)
    sql(home, "UPDATE accounting SET agency = '' WHERE kind = 'refused_package'",
        "DELETE FROM accounting WHERE kind = 'refused_package' AND note LIKE '%UTF-8%'")
    assert "the refused_package row of ledger entry" in failure(home)


def test_a_refused_package_s_event_names_its_request_and_digests_its_row(
        home: Path) -> None:
    with Home(home) as h:
        events = [json.loads(raw) for _i, raw in ledger.entries(h.conn)]
        rows = [dict(r) for r in h.conn.execute(
            "SELECT * FROM accounting WHERE kind = 'refused_package' ORDER BY entry_id")]
        key = h.hmac_key()
    refusals = [e for e in events if e["type"] == "package_refused"]
    named = ("batch_id", "agency", "official_id", "request_date", "statute")
    assert [tuple(e[k] for k in named) for e in refusals] == [
        ("", "", "", "", ""), (A, "ICE", "ICE-DIR-01", "2026-11-20", "8 USC 1253(a)(1)")]
    assert [tuple(r[k] for k in named) for r in rows] == \
        [tuple(e[k] for k in named) for e in refusals]
    assert [e["digests"]["accounting"] for e in refusals] == \
        [ledger.row_digest(key, "accounting", r) for r in rows]


# ---------------------------------------------------------------- what only a row digest shows
#
# Columns no event records but its digest (ledger.row_digest, written by batch submit and
# batch release): each edit below verified before the writers recorded digests.


def _request_entry(home: Path, batch: str, seq: int) -> int:
    row = _one(home, "SELECT entry_id FROM accounting WHERE kind = 'request' AND batch_id = ? "
                     "AND seq = ?", (batch, seq))
    return int(row[0])


def _one(home: Path, query: str, params: tuple[Any, ...]) -> tuple[Any, ...]:
    conn = sqlite3.connect(home / case.SQLITE_FILE)
    try:
        row = conn.execute(query, params).fetchone()
    finally:
        conn.close()
    assert row is not None, query
    return tuple(row)


@pytest.mark.parametrize("batch, seq", [(B, 1), (B, REVIEW_SEQ), (A, 2), (A, 1)])
def test_a_row_digest_proves_the_probability(home: Path, batch: str, seq: int) -> None:
    """A DISCLOSE not yet released, a pending REVIEW item, a NOT_DISCLOSED one (M_AMBIGUOUS,
    in a released batch), a DISCLOSE released: moved by a billionth."""
    (p,) = _one(home, "SELECT match_probability FROM decisions WHERE batch_id = ? AND "
                      "seq = ?", (batch, seq))
    sql(home, f"UPDATE decisions SET match_probability = {p!r} + 1e-9 WHERE batch_id = "
              f"'{batch}' AND seq = {seq}")
    line = failure(home)
    assert f"decisions row {batch}:{seq} differs from ledger entry " \
           f"{_decision_event_index(home, f'{batch}:{seq}')} (decision) in row digest" in line


@pytest.mark.parametrize("seq, value", [(1, "NULL"), (6, "0.99")])
def test_a_row_digest_proves_a_probability_removed_or_added(home: Path, seq: int,
                                                              value: str) -> None:
    """A DISCLOSE's probability removed; one given to a REJECTED record (which has none)."""
    sql(home, f"UPDATE decisions SET match_probability = {value} WHERE batch_id = '{B}' "
              f"AND seq = {seq}")
    line = failure(home)
    assert f"decisions row {B}:{seq}" in line and "row digest" in line


def test_a_row_digest_proves_an_accounting_request_row_s_statute(home: Path) -> None:
    entry = _request_entry(home, B, 4)
    sql(home, f"UPDATE accounting SET statute = '18 USC 1' WHERE entry_id = {entry}")
    line = failure(home)
    assert f"accounting row {entry} (request {B}:4) differs from ledger entry " \
           f"{_decision_event_index(home, f'{B}:4')} (decision) in row digest" in line


def test_a_row_digest_proves_an_accounting_disclosure_row_s_statute(home: Path) -> None:
    sql(home, "UPDATE accounting SET statute = '18 USC 1' WHERE kind = 'disclosure' "
              "AND seq = 9")
    line = failure(home)
    assert f"(disclosure {A}:9)" in line and "(disclosure) in row digest" in line


def _reseal_accounting(home: Path, kind: str, batch: str, seq: int, **changes: str) -> None:
    """Re-seal an accounting row's details with the home's own keys (what someone holding
    them could do): the blob opens, only its content differs."""
    with Home(home) as h:
        blob = h.conn.execute("SELECT sealed FROM accounting WHERE kind = ? AND batch_id = ? "
                              "AND seq = ?", (kind, batch, seq)).fetchone()[0]
        details = sealed.open_accounting(h.vault, kind, batch, seq, blob)
        assert all(details[k] != v for k, v in changes.items())
        forged = sealed.seal_accounting(h.vault, kind, batch, seq, {**details, **changes})
        with case.transaction(h.conn):
            h.conn.execute("UPDATE accounting SET sealed = ? WHERE kind = ? AND batch_id = ? "
                           "AND seq = ?", (forged, kind, batch, seq))


@pytest.mark.parametrize("batch, seq", [(B, 6), (A, 1)])
def test_a_row_digest_proves_an_accounting_request_row_s_sealed_reason(
        home: Path, batch: str, seq: int) -> None:
    _reseal_accounting(home, "request", batch, seq, reason="Routine check")
    line = failure(home)
    entry = _request_entry(home, batch, seq)
    assert f"accounting row {entry} (request {batch}:{seq})" in line
    assert "row digest" in line and "Routine" not in line


def test_a_row_digest_proves_an_accounting_disclosure_row_s_sealed_reason(home: Path) -> None:
    _reseal_accounting(home, "disclosure", A, 3, reason="Routine check")
    line = failure(home)
    assert f"(disclosure {A}:3)" in line and "row digest" in line and "Routine" not in line


@pytest.mark.parametrize("batch, seq, changes", [
    (B, 1, {"street": "1 Other St"}),  # DISCLOSE, not yet released
    (B, REVIEW_SEQ, {"street": "1 Other St"}),  # REVIEW, pending
    (B, REVIEW_SEQ, {"zip": "78799"}),
    (B, 1, {"address_effective_date": "2001-01-01", "address_source": "OTHER"}),
    (A, 5, {"explanation": "{}"}),  # NOT_DISCLOSED
])
def test_a_row_digest_proves_the_sealed_details_of_a_decision_not_disclosed(
        home: Path, batch: str, seq: int, changes: dict[str, str]) -> None:
    """No disclosure event commits to these details yet: only the decision's digest can
    tell."""
    _reseal_decision(home, batch, seq, **changes)
    line = failure(home)
    assert f"decisions row {batch}:{seq} differs from ledger entry " \
           f"{_decision_event_index(home, f'{batch}:{seq}')} (decision) in row digest" in line
    assert not any(v in line for v in changes.values())


def _reseal_decision(home: Path, batch: str, seq: int, **changes: str) -> None:
    """Re-seal a decision's details with the home's own keys (what someone holding them
    could do): the blob opens, only its content differs."""
    with Home(home) as h:
        blob = h.conn.execute("SELECT sealed FROM decisions WHERE batch_id = ? AND seq = ?",
                              (batch, seq)).fetchone()[0]
        details = sealed.open_decision(h.vault, batch, seq, blob)
        forged = sealed.seal_decision(h.vault, batch, seq, {**details, **changes})
        with case.transaction(h.conn):
            h.conn.execute("UPDATE decisions SET sealed = ? WHERE batch_id = ? AND seq = ?",
                           (forged, batch, seq))


def test_a_disclosed_decision_resealed_with_another_address_is_caught(home: Path) -> None:
    _reseal_decision(home, A, 9, street="1 Other St", unit="")
    line = failure(home)
    assert f"decisions row {A}:9" in line and "(disclosure) in address" in line
    assert "Other" not in line


def test_a_decision_resealed_with_another_tin_is_caught(home: Path) -> None:
    _reseal_decision(home, B, 3, match_tin="402334455")  # the other JOHN SMITH
    line = failure(home)
    assert f"decisions row {B}:3" in line and "(decision) in match_tin" in line


def test_an_agency_suspended_then_resumed_verifies_and_its_status_changed_by_hand_is_caught(
        home: Path) -> None:
    """Audit 23: `agency resume` recorded its event as "agency_resumeed", which verify did not
    read, so an untouched home that had resumed an agency failed `ledger verify`."""
    assert dgate(home, "agency", "suspend", "ICE", "--reason", "court order",
                 user="admin").code == 0
    assert dgate(home, "agency", "resume", "ICE", user="admin").code == 0
    r = dgate(home, "ledger", "verify", user="aud")
    assert r.code == 0, r.err
    sql(home, "UPDATE agencies SET status = 'suspended' WHERE code = 'ICE'")
    line = failure(home)
    assert "agencies row ICE" in line and "status" in line


def test_a_resume_an_older_home_recorded_as_agency_resumeed_still_verifies(home: Path) -> None:
    assert dgate(home, "agency", "suspend", "ICE", "--reason", "court order",
                 user="admin").code == 0
    assert dgate(home, "agency", "resume", "ICE", user="admin").code == 0

    def older(_h: Home, ev: dict[str, Any]) -> list[dict[str, Any]]:
        return [{**ev, "type": "agency_resumeed"} if ev["type"] == "agency_resumed" else ev]

    rewrite_ledger(home, older)
    with Home(home) as h:
        assert any(b"agency_resumeed" in raw for _i, raw in ledger.entries(h.conn))
    r = dgate(home, "ledger", "verify", user="aud")
    assert r.code == 0, r.err

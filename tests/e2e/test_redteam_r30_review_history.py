"""Red team r30 (session 33): `dgate review history KEY` read the whole ledger to find one
request's review events (5.6 s a million entries; about 32 s at the 5.8M entries a
1.28M-record batch leaves, on each look). They are now found by an index (case schema 11:
review_events, written with each review event, filled from the ledger for an older home)
that `ledger verify` holds against the ledger. Every person here is invented (handmade's
Maria Garcia, her date of birth one digit off: a review item)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tests.e2e.handmade import AS_OF, dgate, setup_home, write_package

from dgate.ledger import store as ledger
from dgate.service import release as release_service
from dgate.service.home import Home

MARIA = dict(request_id="Q1", first_name="Maria", last_name="Garcia", street="123 N Main St",
             unit="4B", city="Austin", state="TX", zip="78701", date_of_birth="1980-04-13")
REASON = "decided on the wrong date of birth"
HISTORY = [("review_decision", "rev", "disclose", ""),
           ("review_reopened", "rev", "reopened", REASON),
           ("review_refused", "rev", "refused", ""),
           ("review_decision", "rev", "no_disclose", "")]


def _reviewed(tmp_path: Path) -> tuple[Path, str]:
    """One review item decided, reopened, a second reopening refused (nothing to reopen),
    decided again: HISTORY's four actions."""
    home, key = setup_home(tmp_path)
    pkg = write_package(tmp_path / "pkg", key, [MARIA], batch_id="ICE-2026-301001")
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert sub.code == 0, sub.err
    item = f"{sub.last_line}:1"
    assert dgate(home, "review", "decide", item, "--disclose", user="rev").code == 0
    assert dgate(home, "review", "reopen", item, "--reason", REASON, user="rev").code == 0
    assert dgate(home, "review", "reopen", item, "--reason", REASON, user="rev").code == 4
    assert dgate(home, "review", "decide", item, "--no-disclose", user="rev").code == 0
    return home, item


def _history(home: Path, item: str) -> list[tuple[str, str, str, str]]:
    with Home(home) as h:
        return [(a.action, a.actor, a.outcome, a.reason)
                for a in release_service.review_history(h, "aud", item)]


def test_review_history_reads_the_items_entries_not_the_whole_ledger(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The history lists the item's four review actions without a pass over the ledger
    (ledger.entries, which read every entry, made to fail)."""
    home, item = _reviewed(tmp_path)
    assert _history(home, item) == HISTORY

    def whole_ledger(*_a: object, **_k: object) -> None:
        raise AssertionError("review history read the whole ledger")

    monkeypatch.setattr(ledger, "entries", whole_ledger)
    assert _history(home, item) == HISTORY
    r = dgate(home, "review", "history", item, user="off1")
    assert r.code == 0 and len(r.out.splitlines()) == 1 + len(HISTORY), (r.out, r.err)


def test_an_older_home_has_its_review_events_indexed(tmp_path: Path) -> None:
    """A home from before the index (schema 10): opening it indexes the review events its
    ledger already holds, and the history lists them all."""
    home, item = _reviewed(tmp_path)
    con = sqlite3.connect(home / "case.sqlite")
    con.execute("DROP TABLE review_events")
    con.execute("DELETE FROM schema_migrations WHERE version = 11")
    con.commit()
    con.close()
    assert _history(home, item) == HISTORY
    assert dgate(home, "ledger", "verify", user="aud").code == 0


@pytest.mark.parametrize("edit", ["DELETE FROM review_events WHERE idx = (SELECT max(idx) "
                                  "FROM review_events)",
                                  "INSERT INTO review_events VALUES ('{item}', 3)"])
def test_ledger_verify_holds_the_index_against_the_ledger(tmp_path: Path, edit: str) -> None:
    """A review event's index row deleted by hand would hide it from the history; a row
    added names an entry that is no review event of the item. `ledger verify` names
    either."""
    home, item = _reviewed(tmp_path)
    assert dgate(home, "ledger", "verify", user="aud").code == 0
    con = sqlite3.connect(home / "case.sqlite")
    con.execute(edit.format(item=item))
    con.commit()
    con.close()
    r = dgate(home, "ledger", "verify", user="aud")
    assert r.code != 0 and "review_events" in r.out + r.err, (r.code, r.out, r.err)

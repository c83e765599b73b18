"""`dgate review history` by the review_events index (case schema 11) on both case stores:
the index written with each review event, filled from the ledger when an older home is
opened, and held against the ledger by `ledger verify`. Handmade's invented Maria Garcia,
her date of birth one digit off: a review item."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.e2e.handmade import AS_OF, dgate, write_package
from tests.e2e.test_redteam_r30_review_history import MARIA, REASON
from tests.pg.stores import STORES, config, make_home, query, store_url

from dgate.store import case

SAID = [["review_decision", "rev", "disclose"], ["review_reopened", "rev", "reopened"],
        ["review_refused", "rev", "refused"], ["review_decision", "rev", "no_disclose"]]


def _said(home: Path, item: str) -> list[list[str]]:
    r = dgate(home, "review", "history", item, user="aud")
    assert r.code == 0, r.err
    return [ln.split()[2:5] for ln in r.out.splitlines()[1:]]


@pytest.mark.parametrize("store", STORES)
def test_review_history_and_its_index_on_both_stores(request: pytest.FixtureRequest,
                                                     tmp_path: Path, store: str) -> None:
    home, key = make_home(tmp_path, store_url(request, store))
    pkg = write_package(tmp_path / "pkg", key, [MARIA], batch_id="ICE-2026-301002")
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert sub.code == 0, sub.err
    item = f"{sub.last_line}:1"
    assert dgate(home, "review", "decide", item, "--disclose", user="rev").code == 0
    assert dgate(home, "review", "reopen", item, "--reason", REASON, user="rev").code == 0
    assert dgate(home, "review", "reopen", item, "--reason", REASON, user="rev").code == 4
    assert dgate(home, "review", "decide", item, "--no-disclose", user="rev").code == 0
    assert _said(home, item) == SAID
    assert len(query(home, "SELECT idx FROM review_events WHERE request_key = ?",
                     (item,))) == 4
    # an older home: the index gone, its migration not applied; opening it fills it again
    conn = case.open_store(home, config(home))
    try:
        with case.transaction(conn):
            conn.execute("DROP TABLE review_events")
            conn.execute("DELETE FROM schema_migrations WHERE version = 11")
    finally:
        conn.close()
    assert _said(home, item) == SAID
    assert dgate(home, "ledger", "verify", user="aud").code == 0

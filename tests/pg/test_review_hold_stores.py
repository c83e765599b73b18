"""Audit 23's way out of a refused release (`dgate review hold`) on both case stores: the
batch of tests/e2e/test_release_decided_again.py (eight invented people, five of whom move
after the batch was decided) refused, its moved requests held and refused by a reviewer, the
batch released, `ledger verify` clean; the hold's review_events row deleted by hand is
caught."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.e2e.handmade import dgate
from tests.e2e.test_release_decided_again import _BATCH, _MOVERS, _PEOPLE, _refused_p5
from tests.pg.stores import STORES, config, query, store_url

from dgate.service.home import init_home
from dgate.store import case


@pytest.mark.parametrize("store", STORES)
def test_a_refused_release_decided_again_on_both_stores(request: pytest.FixtureRequest,
                                                       tmp_path: Path, store: str) -> None:
    assert init_home(tmp_path / "home", case_store=store_url(request, store))
    home, keys = _refused_p5(tmp_path)
    for k in keys:
        assert dgate(home, "review", "hold", k, "--reason", "moved", user="rev").code == 0
    listed = dgate(home, "review", "list", _BATCH, user="rev").out
    assert sorted(ln.split()[0] for ln in listed.splitlines()[1:]) == keys, listed
    for k in keys[1:]:
        assert dgate(home, "review", "decide", k, "--no-disclose", user="rev").code == 0
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", _BATCH, user=officer).code == 0
    out = tmp_path / "response.csv"
    # one still pending: refused
    assert dgate(home, "batch", "release", _BATCH, "--out", str(out), user="off1").code == 4
    assert dgate(home, "review", "decide", keys[0], "--no-disclose", user="rev").code == 0
    r = dgate(home, "batch", "release", _BATCH, "--out", str(out), user="off1")
    assert r.code == 0, r.err
    assert out.read_text(encoding="utf-8").count(",DISCLOSED,") == len(_PEOPLE) - _MOVERS
    assert query(home, "SELECT count(*) FROM accounting WHERE kind = 'disclosure'"
                 )[0][0] == len(_PEOPLE) - _MOVERS
    assert dgate(home, "ledger", "verify", user="aud").code == 0
    conn = case.open_store(home, config(home))
    try:
        with case.transaction(conn):
            conn.execute("DELETE FROM review_events WHERE request_key = ?", (keys[0],))
    finally:
        conn.close()
    v = dgate(home, "ledger", "verify", user="aud")
    assert v.code == 1 and "review_events" in v.out + v.err, (v.code, v.out, v.err)

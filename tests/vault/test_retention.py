"""Retention and crypto-shredding: expired batch data is destroyed by destroying its data
keys, provably unreadable afterwards, while the accounting and the ledger survive."""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from tests.e2e.handmade import dgate
from tests.vault.people import Flow, full_flow, secret_terms, variants

from dgate.service.home import Home
from dgate.vault import fields
from dgate.vault.keys import DataDestroyed


def _stored_date(home: Path, sql: str, *args: str) -> date:
    """A date the system itself recorded (its clock, in UTC): the tests count from it, not
    from a date.today() taken at import, which a run crossing midnight leaves behind."""
    with sqlite3.connect(home / "case.sqlite") as conn:
        (stamp,) = conn.execute(sql, args).fetchone()
    return date.fromisoformat(str(stamp)[:10])


def _released_on(flow: Flow) -> date:
    return _stored_date(flow.home, "SELECT released_at FROM releases WHERE batch_id = ?",
                        flow.batch)


def _destroyed_on(flow: Flow) -> date:
    return _stored_date(flow.home, "SELECT max(destroyed_at) FROM data_keys WHERE scope = ?",
                        flow.batch)


@pytest.fixture(scope="module")
def shredded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Flow, dict[str, bytes], str]:
    flow = full_flow(tmp_path_factory.mktemp("shred"))
    with sqlite3.connect(flow.home / "case.sqlite") as conn:
        wrapped = {p: bytes(w) for p, w in conn.execute(
            "SELECT purpose, wrapped FROM data_keys WHERE scope = ?", (flow.batch,))}
    released = _released_on(flow)
    # Inside its retention (as of the release day): nothing happens.
    r = dgate(flow.home, "retention", "run", "--as-of", released.isoformat(), user="admin")
    assert r.code == 0 and "0 destruction" in r.out, r.err
    far = (released + timedelta(days=1096)).isoformat()
    assert dgate(flow.home, "retention", "run", "--as-of", far, user="off1").code == 4
    r = dgate(flow.home, "retention", "run", "--as-of", far, user="admin")
    assert r.code == 0, r.err
    return flow, wrapped, r.out


def test_both_batch_keys_are_destroyed_and_gone_from_every_file(shredded) -> None:  # noqa: ANN001
    flow, wrapped, out = shredded
    assert set(wrapped) == {"batch", "response"}
    assert f"destroyed {flow.batch}" in out
    with sqlite3.connect(flow.home / "case.sqlite") as conn:
        rows = conn.execute("SELECT purpose, wrapped, destroyed_at, destroyed_by FROM data_keys "
                            "WHERE scope = ?", (flow.batch,)).fetchall()
        live = {p for (p,) in conn.execute(
            "SELECT purpose FROM data_keys WHERE wrapped IS NOT NULL")}
    assert {(p, w, by) for p, w, _at, by in rows} == {("batch", None, "admin"),
                                                      ("response", None, "admin")}
    assert all(at for _p, _w, at, _by in rows)
    assert {"accounting", "index", "master"} <= live
    # No page of the database, its WAL or anything else keeps the wrapped bytes.
    for path in flow.home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(w in data for w in wrapped.values()), path


def test_the_ciphertext_is_still_there_and_does_not_open(shredded) -> None:  # noqa: ANN001
    flow, _wrapped, _out = shredded
    with Home(flow.home) as h:
        rec = h.conn.execute("SELECT seq, sealed FROM records WHERE batch_id = ?",
                             (flow.batch,)).fetchone()
        resp = h.conn.execute("SELECT response FROM releases WHERE batch_id = ?",
                              (flow.batch,)).fetchone()
        assert rec["sealed"] and resp["response"]
        with pytest.raises(DataDestroyed):
            fields.open_record(h.vault, flow.batch, rec["seq"], rec["sealed"])
        with pytest.raises(DataDestroyed):
            fields.open_response(h.vault, flow.batch, bytes(resp["response"]))


@pytest.mark.parametrize("args,user", [
    (("batch", "decisions", "{b}", "--out", "{o}"), "aud"),
    (("batch", "release", "{b}", "--out", "{o}"), "off1"),
    (("model", "train", "{b}"), "admin"),
])
def test_reading_a_shredded_batch_is_a_one_line_refusal(shredded, args, user,  # noqa: ANN001
                                                        tmp_path: Path) -> None:
    flow, _w, _o = shredded
    out = tmp_path / "x.csv"
    r = dgate(flow.home, *(a.format(b=flow.batch, o=out) for a in args), user=user)
    assert r.code == 4, (r.code, r.err)
    line = r.err.strip()
    assert len(line.splitlines()) == 1 and flow.batch in line and "destroyed on" in line
    assert _destroyed_on(flow).isoformat() in line  # the date the keys were destroyed
    assert not out.exists()


def test_review_item_and_response_views_refuse_too(shredded) -> None:  # noqa: ANN001
    from dgate.web import views

    flow, _w, _o = shredded
    with Home(flow.home) as h:
        key = h.conn.execute("SELECT request_key FROM decisions WHERE batch_id = ? LIMIT 1",
                             (flow.batch,)).fetchone()[0]
        with pytest.raises(DataDestroyed, match="destroyed on"):
            views.review_detail(h, "rev", key)
        with pytest.raises(DataDestroyed, match="response file"):
            views.response_file(h, "off1", flow.batch)
        # What has no personal data is still there: the status and its counts.
        st = views.batch_status(h, "aud", flow.batch)
        assert sum(st.counts.values()) == 4 and st.status == "released"


def test_refusals_of_shredded_data_are_in_the_ledger(shredded) -> None:  # noqa: ANN001
    flow, _w, _o = shredded
    dgate(flow.home, "batch", "decisions", flow.batch, "--out", "/dev/null", user="aud")
    events = _events(flow.home)
    refused = [e for e in events if e["type"] == "access_refused" and e["object"] == flow.batch]
    assert refused and refused[-1]["outcome"] == "destroyed"
    cert = [e for e in events if e["type"] == "destruction_certificate"]
    assert len(cert) == 1
    c = cert[0]
    assert c["batch"] == flow.batch and c["actor"] == "admin"
    assert set(c["data_classes"]) == {"requests_decisions", "responses"}
    assert c["counts"] == {"records": 4, "decisions": 4, "responses": 1}
    assert len(c["key_ids"]) == 2


def test_accounting_survives_and_the_ledger_verifies(shredded, tmp_path: Path) -> None:  # noqa: ANN001
    flow, _w, _o = shredded
    out = tmp_path / "acc.csv"
    assert dgate(flow.home, "accounting", "export", "--out", str(out), user="aud").code == 0
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    disclosures = [r for r in rows if r["kind"] == "disclosure"]
    assert len(disclosures) == flow.disclosed
    assert {r["taxpayer_tin"] for r in disclosures} >= {"471829365", "493847561"}
    assert all(r["street"] for r in disclosures)
    assert dgate(flow.home, "ledger", "verify", user="aud").code == 0
    # A second run destroys nothing more.
    far = (_released_on(flow) + timedelta(days=5000)).isoformat()
    r = dgate(flow.home, "retention", "run", "--as-of", far, user="admin")
    assert r.code == 0 and "0 destruction" in r.out


def test_the_grep_test_still_passes_after_shredding(shredded) -> None:  # noqa: ANN001
    flow, _w, _o = shredded
    for path in flow.home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(v in data for t in secret_terms() for v in variants(t)), path


def test_retention_is_configurable_and_counts_from_receipt_when_unreleased(
        tmp_path: Path) -> None:
    from tests.e2e.handmade import AS_OF, write_package
    from tests.vault.people import REQUESTS, setup

    home, key = setup(tmp_path)
    cfg = json.loads((home / "config.json").read_text(encoding="utf-8"))
    cfg["retention_days"] = {"requests_decisions": 30}
    (home / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    pkg = write_package(tmp_path / "pkg", key, REQUESTS)  # type: ignore[arg-type]
    batch = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk").last_line
    received = _stored_date(home, "SELECT received_at FROM batches WHERE batch_id = ?", batch)
    day30 = (received + timedelta(days=30)).isoformat()
    day31 = (received + timedelta(days=31)).isoformat()
    assert "0 destruction" in dgate(home, "retention", "run", "--as-of", day30).out
    r = dgate(home, "retention", "run", "--as-of", day31)
    assert r.code == 0 and f"destroyed {batch}: requests_decisions" in r.out
    r = dgate(home, "batch", "approve", batch, user="off1")
    assert r.code == 4 and "destroyed" in r.err
    cfg["retention_days"] = {"requests_decision": 30}
    (home / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    r = dgate(home, "retention", "run")
    assert r.code == 2 and "unknown class" in r.err


def test_a_superseded_master_is_destroyed_with_its_key(tmp_path: Path) -> None:
    from tests.vault.people import setup, write_master

    home, _key = setup(tmp_path)
    first = sorted(p.name for p in (home / "master").glob("master-*.duckdb"))
    assert dgate(home, "master", "load", str(write_master(tmp_path / "m2")),
                 user="admin").code == 0
    r = dgate(home, "retention", "run", user="admin")
    assert r.code == 0 and "destroyed master" in r.out
    with sqlite3.connect(home / "case.sqlite") as conn:
        masters = conn.execute("SELECT scope, wrapped IS NULL FROM data_keys "
                               "WHERE purpose = 'master' ORDER BY created_at").fetchall()
    assert [d for _s, d in masters] == [1, 0]
    assert f"master-{masters[0][0]}.duckdb" == first[0]
    assert not (home / "master" / first[0]).exists()
    # The master in force still works.
    with Home(home) as h, h.master.connect() as con:
        assert con.execute("SELECT count(*) FROM taxpayers").fetchone()[0] == 3


def _events(home: Path) -> list[dict[str, object]]:
    with sqlite3.connect(home / "case.sqlite") as conn:
        return [json.loads(bytes(e)) for (e,) in conn.execute(
            "SELECT entry FROM ledger_entries ORDER BY idx")]

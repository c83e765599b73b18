"""`dgate incident report`: what Publication 1075 asks for, from the ledger, with no
taxpayer data in it."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from tests.e2e.handmade import dgate
from tests.vault.people import REQUESTS, Flow, full_flow, secret_terms, variants


def _window() -> tuple[date, date]:
    """A window holding everything the module's flow did, taken when asked: the day before
    to the day after (a date.today() taken at import would miss a flow that crossed
    midnight)."""
    today = date.today()
    return today - timedelta(days=1), today + timedelta(days=1)


@pytest.fixture(scope="module")
def flow(tmp_path_factory: pytest.TempPathFactory) -> Flow:
    return full_flow(tmp_path_factory.mktemp("incident"))


def _report(flow: Flow, tmp: Path, user: str = "aud", start: date | None = None,
            end: date | None = None) -> tuple[dict[str, object], str]:
    if start is None or end is None:
        start, end = _window()
    out = tmp / "incident.json"
    r = dgate(flow.home, "incident", "report", "--from", start.isoformat(), "--to",
              end.isoformat(), "--discovered-by", "auditor review of access log",
              "--out", str(out), user=user)
    assert r.code == 0, r.err
    return json.loads(out.read_text(encoding="utf-8")), out.read_text(encoding="utf-8")


def test_the_report_counts_what_happened(flow: Flow, tmp_path: Path) -> None:
    start, end = _window()
    rep, _text = _report(flow, tmp_path, start=start, end=end)
    assert rep["window"] == {"from": start.isoformat(), "to": end.isoformat()}
    assert rep["discovered_by"] == "auditor review of access log"
    assert rep["ledger"]["verified"] is True
    per = rep["batches"][flow.batch]
    assert per["records_received"] == len(REQUESTS)
    assert per["disclosures"] == flow.disclosed
    assert per["views"] >= 2  # at least the review item list and the decision report
    assert 1 <= per["records_searched"] <= len(REQUESTS)
    users = rep["users"]
    assert {"clerk", "rev", "off1", "off2", "aud"} <= set(users)
    assert users["off2"]["role"] == "disclosure_officer"
    assert users["off2"]["events"]["disclosure"] == flow.disclosed
    assert rep["systems"]["hosts"] and rep["systems"]["channels"] == ["cli"]
    kinds = {e["type"] for e in rep["key_events"]}
    assert {"package_received", "release", "approval", "master_loaded"} <= kinds
    assert any("last known address" in e for e in rep["data_elements"])


def test_the_report_holds_no_taxpayer_data(flow: Flow, tmp_path: Path) -> None:
    _rep, text = _report(flow, tmp_path)
    data = text.encode("utf-8")
    assert not [t for t in secret_terms() if any(v in data for v in variants(t))]
    # Nor the ledger's keyed commitments to TINs and addresses.
    assert '"tin"' not in text and '"address"' not in text


def test_a_window_before_anything_happened_is_empty(flow: Flow, tmp_path: Path) -> None:
    day = _window()[0] - timedelta(days=400)
    rep, _text = _report(flow, tmp_path, start=day, end=day)
    assert rep["batches"] == {} and rep["totals"] == {}
    assert rep["ledger"]["verified"] is True


def test_only_admin_or_auditor_and_dates_are_checked(flow: Flow, tmp_path: Path) -> None:
    start, end = _window()
    args = ("incident", "report", "--from", start.isoformat(), "--to", end.isoformat())
    assert dgate(flow.home, *args, user="off1").code == 4
    assert dgate(flow.home, *args, user="admin").code == 0
    r = dgate(flow.home, "incident", "report", "--from", "2026-12-01", "--to", "2026-11-01",
              user="aud")
    assert r.code == 2 and "--to" in r.err
